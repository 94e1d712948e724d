package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestWithLeanConn reads the whole file with a small cache, as the quick check and the backup do,
// and gives the pool back its one connection with the usual cache.
func TestWithLeanConn(t *testing.T) {
	db, err := Create(filepath.Join(t.TempDir(), "kc.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	cache := func(q querier) int {
		var n int
		rows, err := q.QueryContext(ctx, `PRAGMA cache_size`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	var inside int
	if err := db.withLeanConn(ctx, func(c *sql.Conn) error { inside = cache(c); return nil }); err != nil {
		t.Fatal(err)
	}
	if inside != -leanKiB {
		t.Fatalf("cache while reading the file = %d, want %d", inside, -leanKiB)
	}
	if err := db.QuickCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.BackupTo(ctx, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if got := cache(db.db); got != -cacheKiB {
		t.Fatalf("cache after the check and backup = %d, want %d", got, -cacheKiB)
	}
	if s := db.db.Stats(); s.OpenConnections != 1 {
		t.Fatalf("%d connections open after start-up's work, want 1", s.OpenConnections)
	}
}
