package store

import (
	"database/sql"
	"testing"
	"time"
)

// SQL returns the database handle, for tests that look beneath the services.
func (db *DB) SQL() *sql.DB { return db.db }

// Rebind writes the ? arguments of query as db's driver takes them, for the statements tests run
// on SQL().
func (db *DB) Rebind(query string) string { return db.d.rebind(query) }

// SetBusyTimeout makes Open wait at most d for another program's lock until the test ends.
func SetBusyTimeout(tb testing.TB, d time.Duration) {
	old := busyTimeout
	busyTimeout = int(d.Milliseconds())
	tb.Cleanup(func() { busyTimeout = old })
}

// MatchQuery is the FTS5 query of what a clerk typed, for the tests.
func MatchQuery(s string) string { return ftsQuery(matching(s)) }

// SetWalk makes, until the test ends, searches on the file with more than min matches walk the
// sort index, and walks on the server read at most rows rows (0: none).
func SetWalk(tb testing.TB, min, rows int) {
	oldMin, oldRows := walkMin, walkRows
	walkMin, walkRows = min, rows
	tb.Cleanup(func() { walkMin, walkRows = oldMin, oldRows })
}
