package store_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"khuyencong/data"
)

// TestSchemaVersion: a new database has had every schema step this program knows.
func TestSchemaVersion(t *testing.T) {
	db := MustOpenDB(t)
	got, err := db.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	files, err := fs.Glob(os.DirFS("migration/sqlite"), "*.sql")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	// Each backend has each step: the same names, each file the same change in its own SQL.
	if twins, _ := fs.Glob(os.DirFS("migration/postgres"), "*.sql"); !slices.Equal(twins, files) {
		t.Fatalf("migration/postgres has %v, migration/sqlite %v: every step needs both", twins, files)
	}
	if want := len(files); got != want { // numbered 0001 onwards, one a step
		t.Fatalf("SchemaVersion=%d, want %d (%s)", got, want, filepath.Base(files[len(files)-1]))
	}
}

// TestNoteProgramVersion: the newest program version recorded is the one an older program that
// refuses the database tells the clerk to install, on a file or a server.
func TestNoteProgramVersion(t *testing.T) {
	AssertRefused(t, newerDB(t, "0.9.0", "0.10.1", "0.10.0", "dev", ""), data.ECONFLICT, // 0.10.1 stays: the newest
		"phiên bản mới hơn", "0099_future.sql", "Hãy cập nhật phần mềm lên phiên bản 0.10.1 rồi mở lại", "không sửa gì trong cơ sở dữ liệu")
	t.Run("Unrecorded", func(t *testing.T) {
		AssertRefused(t, newerDB(t), data.ECONFLICT, "Hãy cập nhật phần mềm lên phiên bản mới nhất")
	})
}

// newerDB returns where a new database is that the program versions were noted in, then a newer
// program gave a schema step this one does not know.
func newerDB(t *testing.T, versions ...string) string {
	t.Helper()
	db, location := mustOpenNew(t)
	for _, v := range versions {
		if err := db.NoteProgramVersion(ctx, v); err != nil {
			t.Fatalf("NoteProgramVersion(%q): %v", v, err)
		}
	}
	if _, err := db.SQL().Exec(`INSERT INTO migrations (name, applied_at) VALUES ('0099_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	MustClose(t, db)
	return location
}
