package store

// What a copy reads of each backend's schema (see copySchema): the only SQL of the copy that
// the two say differently.

import (
	"context"
	"database/sql"
	"slices"
)

// Both backends can be copied from and to.
var (
	_ copySchema = sqliteDialect{}
	_ copySchema = postgresDialect{}
)

// copyTables reads the file's tables from its schema and pragmas.
func (sqliteDialect) copyTables(ctx context.Context, tx *tx) ([]copyTable, error) {
	return readCopyTables(ctx, tx,
		`SELECT name FROM sqlite_schema WHERE type = 'table'`,
		`SELECT name FROM pragma_table_info(?) ORDER BY cid`,
		`SELECT "table", "from" FROM pragma_foreign_key_list(?)`)
}

// resetIDs has nothing to do: SQLite's next rowid follows the largest one in the table.
func (sqliteDialect) resetIDs(context.Context, *tx, []copyTable) error { return nil }

// copyTables reads the server database's tables from its catalogue.
func (postgresDialect) copyTables(ctx context.Context, tx *tx) ([]copyTable, error) {
	return readCopyTables(ctx, tx,
		`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
		`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
		`SELECT p.relname, a.attname FROM pg_constraint k
			JOIN pg_class c ON c.oid = k.conrelid
			JOIN pg_class p ON p.oid = k.confrelid
			JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
			WHERE k.contype = 'f' AND c.relnamespace = current_schema()::regnamespace AND c.relname = ?`)
}

// resetIDs sets each identity's sequence past the largest id copied, or the next insert would
// be given an id that is taken.
func (postgresDialect) resetIDs(ctx context.Context, tx *tx, tables []copyTable) error {
	for _, t := range tables {
		if !slices.Contains(t.columns, "id") {
			continue
		}
		var seq sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT pg_get_serial_sequence(?, 'id')`, quoteName(t.name)).Scan(&seq); err != nil {
			return err
		} else if !seq.Valid {
			continue // an id the table does not generate
		}
		if _, err := tx.ExecContext(ctx, `SELECT setval(?, (SELECT COALESCE(max(id), 0) + 1 FROM `+quoteName(t.name)+`), false)`, seq.String); err != nil {
			return err
		}
	}
	return nil
}

// readCopyTables reads the tables that tables lists, each with the columns columns lists and
// the foreign keys (referenced table, column) references lists; both take the table's name.
func readCopyTables(ctx context.Context, tx *tx, tables, columns, references string) ([]copyTable, error) {
	names, err := queryRows(ctx, tx, scanString, tables)
	if err != nil {
		return nil, err
	}
	out := make([]copyTable, len(names))
	for i, name := range names {
		t := copyTable{name: name}
		if t.columns, err = queryRows(ctx, tx, scanString, columns, name); err != nil {
			return nil, err
		}
		refs, err := queryRows(ctx, tx, func(s scanner) (r [2]string, err error) { return r, s.Scan(&r[0], &r[1]) }, references, name)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			if r[0] == name {
				t.selfRefs = append(t.selfRefs, r[1])
			} else {
				t.parents = append(t.parents, r[0])
			}
		}
		out[i] = t
	}
	return out, nil
}

// scanString reads a row of one text column.
func scanString(s scanner) (v string, err error) { return v, s.Scan(&v) }
