package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// FindEnterpriseByID returns one enterprise. ENOTFOUND.
func (db *DB) FindEnterpriseByID(ctx context.Context, id int64) (_ *data.Enterprise, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findEnterpriseByID(ctx, tx, id)
}

// FindEnterprises returns one page of the enterprises the filter selects, in its order.
// EINVALID for an unknown sort column.
func (db *DB) FindEnterprises(ctx context.Context, f data.EnterpriseFilter) (_ []*data.Enterprise, err error) {
	defer translate(&err)
	order, err := enterpriseOrder(f)
	if err != nil {
		return nil, err
	}
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	phrase := rankPhrase(f)
	page, walk, err := walkSearch(ctx, tx, f, phrase, order)
	if err != nil || page != nil {
		return page, err
	}
	where, args := enterpriseWhere(tx.d, f, true, walk)
	if phrase != "" {
		order = ` ORDER BY ` + tx.d.position(`e.words`, `?`) + ` = 0, ` + strings.TrimPrefix(order, ` ORDER BY `)
		args = append(args, phrase)
	}
	query, args := paged(`SELECT `+enterpriseColumns+` FROM enterprises e`+where+order, args, f.Offset, f.Limit)
	return queryRows(ctx, tx, scanEnterprise, query, args...)
}

// CountEnterprises returns how many enterprises the filter selects, ignoring its order and paging.
func (db *DB) CountEnterprises(ctx context.Context, f data.EnterpriseFilter) (n int, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if m := searchQuery(f); len(m.words) > 0 && f.Kind == nil && f.WardCode == nil && f.Trade == nil && f.CraftVillage == nil && f.VillageID == nil {
		return countMatches(ctx, tx, "enterprise_search", m) // the search index alone answers
	}
	where, args := enterpriseWhere(tx.d, f, false, false)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM enterprises e`+where, args...).Scan(&n)
	return n, err
}

// EnterpriseFacets returns the distinct trades and craft villages, in Vietnamese order.
func (db *DB) EnterpriseFacets(ctx context.Context) (f data.EnterpriseFacets, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return f, err
	}
	defer tx.Rollback()
	if f.Trades, err = distinct(ctx, tx, "trade"); err != nil {
		return f, err
	}
	f.CraftVillages, err = distinct(ctx, tx, "craft_village")
	return f, err
}

// CreateEnterprise normalises, validates and stores e, setting its ID, Version and times.
// EINVALID; ECONFLICT when the tax code is already registered (the message names the holder).
func (db *DB) CreateEnterprise(ctx context.Context, e *data.Enterprise) error {
	return db.CreateEnterprises(ctx, []*data.Enterprise{e})
}

// CreateEnterprises stores many enterprises in one transaction: all or none. EINVALID and
// ECONFLICT name the row (1-based) at fault when there is more than one.
func (db *DB) CreateEnterprises(ctx context.Context, es []*data.Enterprise) (err error) {
	defer translate(&err)
	if len(es) == 0 {
		return nil
	}
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w, err := newEnterpriseWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	rebuild, err := dropSortIndexes(ctx, tx, len(es))
	if err != nil {
		return err
	}
	ids := make([]int64, len(es))
	for i, e := range es {
		if ids[i], err = w.create(ctx, e); err != nil {
			if len(es) == 1 {
				return err
			}
			return rowError(i+1, err)
		}
	}
	for _, index := range rebuild {
		if _, err := tx.ExecContext(ctx, index); err != nil {
			return err
		}
	}
	action, id, detail := "import", int64(0), fmt.Sprintf("%d doanh nghiệp, mã %d–%d", len(es), ids[0], ids[len(ids)-1])
	if len(es) == 1 {
		action, id, detail = "create", ids[0], es[0].Name
	}
	if err := audit(ctx, tx, action, "enterprise", id, detail); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for i, e := range es {
		e.ID, e.Version, e.CreatedAt, e.UpdatedAt = ids[i], 1, tx.now, tx.now
	}
	return nil
}

// UpdateEnterprise saves every field of e over the stored record; e.Version must be the version
// read, and on success e is the saved record with its new version. EINVALID; ENOTFOUND;
// ECONFLICT for a stale version or a tax code another enterprise holds.
func (db *DB) UpdateEnterprise(ctx context.Context, e *data.Enterprise) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkVersion(ctx, tx, e.ID, e.Version); err != nil {
		return err
	}
	w, err := newEnterpriseWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	if err := w.update(ctx, e); err != nil {
		return err
	}
	saved, err := findEnterpriseByID(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "update", "enterprise", e.ID, e.Name); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*e = *saved
	return nil
}

// SetEnterpriseArchived archives or restores an enterprise, returning the saved record.
// ENOTFOUND; ECONFLICT for a stale version.
func (db *DB) SetEnterpriseArchived(ctx context.Context, id int64, version int, archived bool) (_ *data.Enterprise, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := checkVersion(ctx, tx, id, version); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET archived = ?, version = version + 1, updated_at = ? WHERE id = ?`, archived, tx.at(), id); err != nil {
		return nil, err
	}
	saved, err := findEnterpriseByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	w, err := newEnterpriseWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer w.close()
	if err := w.reindex(ctx, saved); err != nil {
		return nil, err
	}
	action := "archive"
	if !archived {
		action = "restore"
	}
	if err := audit(ctx, tx, action, "enterprise", id, saved.Name); err != nil {
		return nil, err
	}
	return saved, tx.Commit()
}

// DeleteEnterprise removes an enterprise no other record points to; the database's foreign keys
// say whether one does. ENOTFOUND; ECONFLICT when something refers to it.
func (db *DB) DeleteEnterprise(ctx context.Context, id int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	e, err := findEnterpriseByID(ctx, tx, id)
	if err != nil {
		return err
	}
	inUse := func(err error) error {
		if violated(err) == foreignKeyViolation {
			return data.Errorf(data.ECONFLICT, "Không xoá được \"%s\": còn hồ sơ khác (lớp học, hội chợ…) trỏ tới doanh nghiệp này. Hãy lưu trữ thay vì xoá.", e.Name)
		}
		return err
	}
	tx.before(ctx, "enterprise", id)
	if _, err := tx.ExecContext(ctx, `DELETE FROM enterprises WHERE id = ?`, id); err != nil {
		return inUse(err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM enterprise_search WHERE rowid = ?`, id); err != nil {
		return err
	}
	if err := audit(ctx, tx, "delete", "enterprise", id, e.Name); err != nil {
		return err
	}
	return inUse(tx.Commit()) // a deferred foreign key is checked only now
}

// bulkMin is the smallest import for which dropSortIndexes considers rebuilding the indexes.
const bulkMin = 1000

// dropSortIndexes drops the indexes of enterprises other than the unique ones and returns the
// statements that create them again, when an import of n rows is at least bulkMin rows and at
// least as large as the register: building an index afterwards (a sort) is then much faster than
// updating it at every insert. The unique indexes stay, to catch duplicates as rows go in. Within
// the transaction this is all or nothing like the rest of the import. The server keeps its
// indexes (see the dialect's sortIndexes).
func dropSortIndexes(ctx context.Context, tx *tx, n int) ([]string, error) {
	var count int
	indexes := tx.d.sortIndexes()
	if n < bulkMin || indexes == "" {
		return nil, nil
	} else if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM enterprises`).Scan(&count); err != nil || count > n {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, indexes)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names, create []string
	for rows.Next() {
		var name, stmt string
		if err := rows.Scan(&name, &stmt); err != nil {
			return nil, err
		}
		names, create = append(names, name), append(create, stmt)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, name := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+name+`"`); err != nil {
			return nil, err
		}
	}
	return create, nil
}

// enterpriseColumns are the columns scanEnterprise reads, from enterprises e.
const enterpriseColumns = `e.id, e.kind, e.name, e.tax_code, e.rep_family, e.rep_middle, e.rep_given,
	e.phone, e.email, e.address, COALESCE(e.ward_code, ''), COALESCE(e.district_code, ''), e.trade,
	e.craft_village, e.workers, e.products, e.notes, e.archived, e.version, e.created_at, e.updated_at,
	COALESCE(e.village_id, 0)`

// scanEnterprise reads one row of enterpriseColumns.
func scanEnterprise(s scanner) (*data.Enterprise, error) {
	var e data.Enterprise
	var created, updated string
	r := &e.Representative
	if err := s.Scan(&e.ID, &e.Kind, &e.Name, &e.TaxCode, &r.Family, &r.Middle, &r.Given,
		&e.Phone, &e.Email, &e.Address, &e.WardCode, &e.DistrictCode, &e.Trade,
		&e.CraftVillage, &e.Workers, &e.Products, &e.Notes, &e.Archived, &e.Version, &created, &updated, &e.VillageID); err != nil {
		return nil, err
	}
	var err error
	if e.CreatedAt, err = time.Parse(timeFormat, created); err != nil {
		return nil, err
	}
	if e.UpdatedAt, err = time.Parse(timeFormat, updated); err != nil {
		return nil, err
	}
	return &e, nil
}

// findEnterpriseByID returns one enterprise. ENOTFOUND.
func findEnterpriseByID(ctx context.Context, tx *tx, id int64) (*data.Enterprise, error) {
	e, err := scanEnterprise(tx.QueryRowContext(ctx, `SELECT `+enterpriseColumns+` FROM enterprises e WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy doanh nghiệp mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	}
	return e, err
}

// checkVersion returns ENOTFOUND when enterprise id does not exist and ECONFLICT when its stored
// version is not the one the clerk read.
func checkVersion(ctx context.Context, tx *tx, id int64, version int) error {
	tx.before(ctx, "enterprise", id)
	var stored int
	err := tx.QueryRowContext(ctx, `SELECT version FROM enterprises WHERE id = ?`, id).Scan(&stored)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.ENOTFOUND, "Không tìm thấy doanh nghiệp mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	} else if err != nil {
		return err
	}
	if stored != version {
		return data.Errorf(data.ECONFLICT, "Doanh nghiệp này vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", stored, version)
	}
	return nil
}

// rowError names the row of an import at fault in an application error's message.
func rowError(row int, err error) error {
	var e *data.Error
	if errors.As(err, &e) {
		return data.Errorf(e.Code, "Dòng %d: %s", row, e.Message)
	}
	return fmt.Errorf("row %d: %w", row, err)
}

// distinct returns the distinct non-empty values of a text column of enterprises, in Vietnamese order.
func distinct(ctx context.Context, tx *tx, column string) ([]string, error) {
	// GROUP BY, as the server orders DISTINCT rows only by what they select
	rows, err := tx.QueryContext(ctx, `SELECT `+column+` FROM enterprises WHERE `+column+` <> '' GROUP BY `+column+` ORDER BY `+column+` COLLATE vi`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// enterpriseWhere returns the WHERE clause, over enterprises e, of the filter's fields that are
// set. For a page (find), SQLite is kept off the small index on archived, which would make it
// sort the whole register. A walk tests the search on each row's words instead of the index.
func enterpriseWhere(d dialect, f data.EnterpriseFilter, find, walk bool) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if m := searchQuery(f); len(m.words) > 0 && walk {
		for _, w := range searchWords(f.Search) {
			add(d.position(`e.words`, `?`)+` > 0`, " "+w) // a stored word starts with w
		}
		if f.Archived != nil {
			add(`+e.archived = ?`, *f.Archived)
		}
	} else if len(m.words) > 0 {
		in, a := inSearch(d, "e.id", "enterprise_search", m)
		conds, args = append(conds, in), append(args, a...)
	} else if f.Archived != nil && find {
		add(`+e.archived = ?`, *f.Archived)
	} else if f.Archived != nil {
		add(`e.archived = ?`, *f.Archived)
	}
	if f.Kind != nil {
		add(`e.kind = ?`, string(*f.Kind))
	}
	if f.WardCode != nil {
		if *f.WardCode == "" {
			conds = append(conds, `e.ward_code IS NULL`)
		} else {
			add(`e.ward_code = ?`, *f.WardCode)
		}
	}
	if f.Trade != nil {
		add(`e.trade = ?`, *f.Trade)
	}
	if f.CraftVillage != nil {
		add(`e.craft_village = ?`, *f.CraftVillage)
	}
	if f.VillageID != nil {
		add(`e.village_id = ?`, *f.VillageID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// sortColumns are the columns each sort orders by before the id that breaks ties. The *_key
// columns hold Vietnamese sort keys, so the order is Vietnamese and indexes serve it.
var sortColumns = map[data.EnterpriseSort][]string{
	"":                        {"e.name_key"},
	data.SortByName:           {"e.name_key"},
	data.SortByKind:           {kindOrder},
	data.SortByTaxCode:        {"e.tax_code"},
	data.SortByRepresentative: {"e.rep_key"},
	data.SortByPhone:          {"e.phone"},
	data.SortByWard:           {"e.ward_key"},
	data.SortByTrade:          {"e.trade_key"},
	data.SortByWorkers:        {"e.workers"},
	data.SortByRelevance:      {"e.name_key"}, // after the rank, when there is one (see rankPhrase)
}

// kindOrder orders kinds by their Vietnamese labels; the index enterprises_kind is on this
// expression, so it must stay the same as the migration's.
const kindOrder = `CASE e.kind WHEN 'co_so' THEN 0 WHEN 'nho' THEN 1 WHEN 'sieu_nho' THEN 2 WHEN 'vua' THEN 3 WHEN 'hkd' THEN 4 WHEN 'htx' THEN 5 WHEN 'tht' THEN 6 ELSE 7 END`

// enterpriseOrder returns the ORDER BY clause of the filter's sort.
func enterpriseOrder(f data.EnterpriseFilter) (string, error) {
	cols, ok := sortColumns[f.Sort]
	if !ok {
		return "", data.Errorf(data.EINVALID, "Không sắp xếp được theo cột %q.", f.Sort)
	}
	cols = slices.Concat(cols, []string{"e.id"})
	if f.Desc {
		for i := range cols {
			cols[i] += " DESC"
		}
	}
	return ` ORDER BY ` + strings.Join(cols, ", "), nil
}

// enterpriseWriter writes enterprises within one transaction, with the catalogue at hand and its
// statements prepared once, so that an import of many rows runs fast.
type enterpriseWriter struct {
	now       string
	divisions map[string]division
	villages  villageLinks
	holder    *sql.Stmt // who holds a tax code
	insertRow *sql.Stmt
	updateRow *sql.Stmt
	unindex   *sql.Stmt // remove from the search index
	index     *sql.Stmt // add to the search index
}

// newEnterpriseWriter prepares a writer for tx; close it when done.
func newEnterpriseWriter(ctx context.Context, tx *tx) (*enterpriseWriter, error) {
	divisions, err := loadDivisions(ctx, tx)
	if err != nil {
		return nil, err
	}
	villages, err := loadVillageLinks(ctx, tx)
	if err != nil {
		return nil, err
	}
	w := &enterpriseWriter{now: tx.at(), divisions: divisions, villages: villages}
	for _, s := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&w.holder, `SELECT id, name FROM enterprises WHERE tax_code = ? AND tax_code <> '' AND id <> ?`},
		{&w.insertRow, `INSERT INTO enterprises (kind, name, name_key, tax_code, rep_family, rep_middle, rep_given, rep_key,
			phone, email, address, ward_code, ward_key, district_code, trade, trade_key, craft_village, workers, products, notes,
			archived, words, village_id, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), 1, ?, ?)
			ON CONFLICT DO NOTHING RETURNING id`}, // no row back: a tax code taken (see create)
		{&w.updateRow, `UPDATE enterprises SET kind = ?, name = ?, name_key = ?, tax_code = ?, rep_family = ?, rep_middle = ?,
			rep_given = ?, rep_key = ?, phone = ?, email = ?, address = ?, ward_code = NULLIF(?, ''), ward_key = ?,
			district_code = NULLIF(?, ''), trade = ?, trade_key = ?, craft_village = ?, workers = ?, products = ?,
			notes = ?, archived = ?, words = ?, village_id = NULLIF(?, 0), version = version + 1, updated_at = ?
			WHERE id = ?`},
		{&w.unindex, `DELETE FROM enterprise_search WHERE rowid = ?`},
		{&w.index, `INSERT INTO enterprise_search (rowid, text, state) VALUES (?, ?, ?)`},
	} {
		if *s.stmt, err = tx.PrepareContext(ctx, s.query); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

// close closes the writer's statements.
func (w *enterpriseWriter) close() {
	for _, s := range []*sql.Stmt{w.holder, w.insertRow, w.updateRow, w.unindex, w.index} {
		if s != nil {
			s.Close()
		}
	}
}

// create checks and inserts e and returns its new id.
func (w *enterpriseWriter) create(ctx context.Context, e *data.Enterprise) (int64, error) {
	if err := w.check(e); err != nil {
		return 0, err
	}
	id, err := scanID(w.insertRow.QueryRowContext(ctx, append(w.values(e), w.now, w.now)...))
	if errors.Is(err, sql.ErrNoRows) {
		if err = w.taxCodeTaken(ctx, e, 0); err == nil {
			err = data.Errorf(data.ECONFLICT, duplicateMessage)
		}
	}
	if err != nil {
		return 0, err
	}
	_, err = w.index.ExecContext(ctx, id, w.searchText(e), searchState(e.Archived))
	return id, err
}

// update checks e and saves it over the stored record with the same id.
func (w *enterpriseWriter) update(ctx context.Context, e *data.Enterprise) error {
	if err := w.check(e); err != nil {
		return err
	}
	if err := w.taxCodeTaken(ctx, e, e.ID); err != nil {
		return err
	}
	if _, err := w.updateRow.ExecContext(ctx, append(w.values(e), w.now, e.ID)...); err != nil {
		return err
	}
	return w.reindex(ctx, e)
}

// reindex replaces what the search index holds for e.
func (w *enterpriseWriter) reindex(ctx context.Context, e *data.Enterprise) error {
	if _, err := w.unindex.ExecContext(ctx, e.ID); err != nil {
		return err
	}
	_, err := w.index.ExecContext(ctx, e.ID, w.searchText(e), searchState(e.Archived))
	return err
}

// check normalises and validates e, checks that its ward and district are in the catalogue, and
// keeps its village and craft village in step.
func (w *enterpriseWriter) check(e *data.Enterprise) error {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	if d, ok := w.divisions[e.WardCode]; e.WardCode != "" && (!ok || d.level != levelWard) {
		return data.Errorf(data.EINVALID, "Mã phường/xã %s không có trong danh mục %d phường, xã của Hà Nội (từ 07/2025). Hãy chọn phường, xã trong danh sách.", e.WardCode, w.count(levelWard))
	}
	if d, ok := w.divisions[e.DistrictCode]; e.DistrictCode != "" && (!ok || d.level != levelDistrict) {
		return data.Errorf(data.EINVALID, "Mã quận/huyện %s không có trong danh mục %d quận, huyện, thị xã của Hà Nội trước 07/2025. Hãy chọn quận, huyện trong danh sách.", e.DistrictCode, w.count(levelDistrict))
	}
	return w.villages.link(e)
}

// taxCodeTaken returns an ECONFLICT that names the enterprise other than id holding the tax code
// of e, or nil when none does. An insert asks only when the unique index refused the row; an
// update asks first, as on the server a refused statement leaves its transaction unable to ask.
func (w *enterpriseWriter) taxCodeTaken(ctx context.Context, e *data.Enterprise, id int64) error {
	var holder int64
	var name string
	err := w.holder.QueryRowContext(ctx, e.TaxCode, id).Scan(&holder, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return data.Errorf(data.ECONFLICT, "Mã số thuế %s đã đăng ký cho \"%s\" (mã %d). Hãy kiểm tra lại mã số thuế, hoặc mở hồ sơ đó để sửa.", e.TaxCode, name, holder)
}

// count returns how many units of a level the catalogue has.
func (w *enterpriseWriter) count(level string) int {
	n := 0
	for _, d := range w.divisions {
		if d.level == level {
			n++
		}
	}
	return n
}

// searchText returns what the search index holds for e: the words of its searchable fields (see
// fieldWords). Migration 0005 computes the same from the stored columns.
func (w *enterpriseWriter) searchText(e *data.Enterprise) string {
	return fieldWords(e.Name, e.TaxCode, e.Representative.Full(), e.Phone, w.divisions[e.WardCode].label,
		w.divisions[e.DistrictCode].label, e.Trade, e.CraftVillage, e.Address)
}

// values returns the stored columns of e that insert and update share, in their order.
func (w *enterpriseWriter) values(e *data.Enterprise) []any {
	r := e.Representative
	wardKey := w.divisions[e.WardCode].key
	if wardKey == nil {
		wardKey = []byte{}
	}
	return []any{string(e.Kind), e.Name, vn.SortKey(e.Name), e.TaxCode, r.Family, r.Middle, r.Given, vn.NameSortKey(r),
		e.Phone, e.Email, e.Address, e.WardCode, wardKey, e.DistrictCode, e.Trade, vn.SortKey(e.Trade), e.CraftVillage,
		e.Workers, e.Products, e.Notes, e.Archived, w.searchText(e), e.VillageID}
}
