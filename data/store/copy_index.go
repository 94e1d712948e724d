package store

import (
	"context"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// searchIndexes are the search index tables and how each is filled from the rows it indexes,
// with the same text the store's writes give it: a copy rebuilds them on its target (SQLite's
// contentless FTS5 tables keep no text to copy).
var searchIndexes = []struct {
	table string
	fill  func(ctx context.Context, tx *tx) error
}{
	{"enterprise_search", indexEnterprises},
	{"trainee_search", indexTrainees},
	{"class_search", indexClasses},
	{"fair_search", indexFairs},
	{"certificate_search", indexCertificates},
}

// searchStaleKey is the setting that marks a database a copy made at an older schema than the
// program's: the program's index code cannot read its rows until it is upgraded, so the copy
// leaves its search indexes empty and the first open at the program's schema fills them.
const searchStaleKey = storePrefix + "search_stale"

// reindexIfStale fills the search indexes of a database a copy left them empty in (see
// searchStaleKey), once its schema is the program's.
func (db *DB) reindexIfStale(ctx context.Context) error {
	stale, err := inRead(ctx, db, func(ctx context.Context, tx *tx) (string, error) { return setting(ctx, tx, searchStaleKey) })
	if err != nil || stale == "" {
		return err
	}
	tx, err := db.begin(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := reindex(ctx, tx); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, searchStaleKey); err != nil {
		return err
	}
	return tx.Commit()
}

// reindex fills every search index from the rows it indexes; the indexes are empty before.
func reindex(ctx context.Context, tx *tx) error {
	for _, s := range searchIndexes {
		if err := s.fill(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// indexEnterprises indexes every enterprise by the words it keeps (searchText's, stored with it).
func indexEnterprises(ctx context.Context, tx *tx) error {
	type row struct {
		id       int64
		words    string
		archived bool
	}
	rows, err := queryRows(ctx, tx, func(s scanner) (r row, err error) {
		return r, s.Scan(&r.id, &r.words, &r.archived)
	}, `SELECT id, words, archived FROM enterprises`)
	if err != nil {
		return err
	}
	return indexEach(ctx, tx, "enterprise_search", []string{"rowid", "text", "state"}, rows, func(r row) []any {
		return []any{r.id, r.words, searchState(r.archived)}
	})
}

// indexTrainees indexes every trainee. It reads only the fields traineeSearchText reads, so that a
// row the store would not scan whole (a generated one without its instants) is still indexed.
func indexTrainees(ctx context.Context, tx *tx) error {
	ts, err := queryRows(ctx, tx, func(s scanner) (*data.Trainee, error) {
		var t data.Trainee
		var birth string
		if err := s.Scan(&t.ID, &t.Name.Family, &t.Name.Middle, &t.Name.Given, &birth, &t.CCCD, &t.Phone); err != nil {
			return nil, err
		}
		var err error
		t.BirthDate, err = vn.ParseISODate(birth)
		return &t, err
	}, `SELECT id, family, middle, given, birth_date, cccd, phone FROM trainees`)
	if err != nil {
		return err
	}
	return indexEach(ctx, tx, "trainee_search", []string{"rowid", "text"}, ts, func(t *data.Trainee) []any {
		return []any{t.ID, traineeSearchText(t)}
	})
}

// indexClasses indexes every class, with its host's name and its ward, as a save does.
func indexClasses(ctx context.Context, tx *tx) error {
	return indexEachRow(ctx, tx, scanClass, `SELECT `+classColumns+classFrom, indexClass)
}

// indexFairs indexes every fair.
func indexFairs(ctx context.Context, tx *tx) error {
	return indexEachRow(ctx, tx, func(s scanner) (*data.Fair, error) { return scanFair(s) }, `SELECT `+fairColumns+` FROM fairs f`, indexFair)
}

// indexEachRow reads every row query returns with scan and indexes it with index, the function
// a save calls.
func indexEachRow[T any](ctx context.Context, tx *tx, scan func(scanner) (T, error), query string, index func(context.Context, *tx, T, bool) error) error {
	items, err := queryRows(ctx, tx, scan, query)
	if err != nil {
		return err
	}
	for _, it := range items {
		if err := index(ctx, tx, it, false); err != nil {
			return err
		}
	}
	return nil
}

// indexCertificates indexes every certificate by its content.
func indexCertificates(ctx context.Context, tx *tx) error {
	cs, err := queryRows(ctx, tx, scanCertificate, `SELECT `+certificateColumns+` FROM certificates c`)
	if err != nil {
		return err
	}
	return indexEach(ctx, tx, "certificate_search", []string{"rowid", "text"}, cs, func(c *data.Certificate) []any {
		return []any{c.ID, certificateSearchText(c.Content)}
	})
}

// indexEach adds to the search index table one row for each of items, with the values of
// columns that values gives.
func indexEach[T any](ctx context.Context, tx *tx, table string, columns []string, items []T, values func(T) []any) error {
	b := newBatch(tx, table, columns...)
	for _, it := range items {
		if err := b.add(ctx, values(it)...); err != nil {
			return err
		}
	}
	return b.flush(ctx)
}
