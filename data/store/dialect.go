package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
)

// dialect is what the two backends' SQL says differently, one method per concern; every other
// statement of the store is one text that both read (see tx). sqlite.go and postgres.go each
// hold one.
type dialect interface {
	// name is the backend's name, and the folder of its migrations under migration/.
	name() string
	// rebind writes the ? and ?N arguments of a statement as the driver takes them.
	rebind(query string) string
	// readIsolation is the isolation of a read-only transaction: one snapshot for all its reads.
	readIsolation() sql.IsolationLevel
	// lockWrites takes, first thing in a write transaction, the lock that lets one write at a
	// time, so that every rule a write checks (a free booth, a seat, the next register number,
	// the version read) still holds when it commits.
	lockWrites(ctx context.Context, tx *sql.Tx) error
	// search returns the query of the rowids of the search index table whose rows match m, and
	// its arguments.
	search(table string, m searchMatch) (string, []any)
	// erasing runs del, deletes within tx, so that what they delete is overwritten where the
	// backend can, not only unlinked: a signing key's clear copy.
	erasing(ctx context.Context, tx *sql.Tx, del func() error) error
	// erased runs after the commit of a transaction whose erasing deleted rows of table, to drop
	// what the backend's files still hold of them where erasing could not overwrite it.
	erased(ctx context.Context, db *sql.DB, table string) error
	// position returns the SQL of where the text word first stands in the text text, from 1, or
	// 0 when it does not.
	position(text, word string) string
	// sortIndexes returns the query of the name and CREATE statement of each index of the
	// enterprises other than the unique ones, which a large import drops and makes again after
	// (see dropSortIndexes), or "" when the backend gains nothing by it.
	sortIndexes() string
	// walkCounted reports whether the store counts a search's matches to choose between walking
	// the sort order's index and looking up every match (see shouldWalk), as on the file whose
	// index counts fast; otherwise it tries a walk of a bounded number of rows first.
	walkCounted() bool
	// reckon returns how many rows query returns, as the backend tells cheaply: SQLite counts
	// them, the server's planner estimates them from its statistics (see walkCounted).
	reckon(ctx context.Context, tx *sql.Tx, query string, args []any) (int, error)
	// planWalk runs walk, a query that reads the sort order's index from its start and stops at
	// the page's end (see walkPage), within tx, with the backend's planner made to plan it so.
	planWalk(ctx context.Context, tx *sql.Tx, walk func() error) error
}

// searchMatch is a search of an index table: each of its words must begin a word of a row's
// text; state, when not "", must be the row's state column (the enterprises' index).
type searchMatch struct {
	words []string
	state string
}

// matching returns the search of what a clerk typed: its words folded and cut as the indexes
// hold them (see searchWords). It has no words when nothing searchable was typed.
func matching(s string) searchMatch { return searchMatch{words: searchWords(s)} }

// inSearch returns the condition that column is the rowid of a row of table matching m, and its
// arguments.
func inSearch(d dialect, column, table string, m searchMatch) (string, []any) {
	q, args := d.search(table, m)
	return column + ` IN (` + q + `)`, args
}

// rebindNumbered rewrites the ? and ?N arguments of query as $N, PostgreSQL's: a bare ? takes the
// number after the largest one so far, as SQLite counts. Quoted text, quoted names and comments
// are left as they are.
func rebindNumbered(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(query[i+1:], c)
			if j < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+j+2])
			i += j + 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			j := strings.IndexByte(query[i:], '\n')
			if j < 0 {
				j = len(query) - i
			}
			b.WriteString(query[i : i+j])
			i += j - 1
		case c == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			k := n + 1
			if j > i+1 {
				k, _ = strconv.Atoi(query[i+1 : j]) // digits only
			}
			n = max(n, k)
			b.WriteString("$" + strconv.Itoa(k))
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
