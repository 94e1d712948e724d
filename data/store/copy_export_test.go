package store

import (
	"context"
	"slices"
	"testing"
)

// CopiedTableNames returns the tables a copy of db writes, in the order it writes them.
func CopiedTableNames(tb testing.TB, db *DB) []string {
	tb.Helper()
	tx, err := db.begin(context.Background(), false)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	tables, err := copyOrder(context.Background(), tx)
	if err != nil {
		tb.Fatal(err)
	}
	var names []string
	for _, t := range tables {
		names = append(names, t.name)
	}
	return names
}

// TableRows returns every row of table in db as text, sorted, each value with its kind, so that
// two databases of either backend can be compared row by row.
func TableRows(tb testing.TB, db *DB, table string) []string {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.begin(ctx, false)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	all, err := tx.d.(copySchema).copyTables(ctx, tx)
	if err != nil {
		tb.Fatal(err)
	}
	i := slices.IndexFunc(all, func(t copyTable) bool { return t.name == table })
	if i < 0 {
		tb.Fatalf("no table %s in %s", table, db.Path())
	}
	rows, err := queryRows(ctx, tx, func(s scanner) (string, error) {
		vals := make([]any, len(all[i].columns))
		ptrs := make([]any, len(vals))
		for j := range vals {
			ptrs[j] = &vals[j]
		}
		err := s.Scan(ptrs...)
		return rowText(vals), err
	}, `SELECT `+quoteNames(all[i].columns)+` FROM `+quoteName(table))
	if err != nil {
		tb.Fatal(err)
	}
	slices.Sort(rows)
	return rows
}

// OpenAsIs opens the database file at path at the schema it has, upgrading nothing and loading
// no catalogue: an older file as an older program left it, to copy from.
func OpenAsIs(tb testing.TB, path string) *DB {
	tb.Helper()
	ctx := context.Background()
	applied, err := inspect(ctx, path, "", false)
	if err != nil {
		tb.Fatal(err)
	}
	db, err := open(ctx, path, applied, Options{schemaOnly: true, schema: applied})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
