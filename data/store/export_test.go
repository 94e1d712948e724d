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

// SetWalkMin makes searches with more than n matches walk the sort index until the test ends.
func SetWalkMin(tb testing.TB, n int) {
	old := walkMin
	walkMin = n
	tb.Cleanup(func() { walkMin = old })
}
