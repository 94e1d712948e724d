package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"khuyencong/data"
)

// Compile-time check that DB implements the village service.
var _ data.VillageService = (*DB)(nil)

// villageColumns are the columns scanVillage reads, over villages v, with the count of its enterprises.
const villageColumns = `v.id, v.name, COALESCE(v.ward_code, ''), v.trade, v.decision, v.recognised_on, v.households,
	v.workers, v.contact_name, v.contact_phone, v.notes, v.version,
	(SELECT count(*) FROM enterprises e WHERE e.village_id = v.id)`

// scanVillage reads one row of villageColumns.
func scanVillage(s scanner) (*data.Village, error) {
	var v data.Village
	var recognised string
	if err := s.Scan(&v.ID, &v.Name, &v.WardCode, &v.Trade, &v.Decision, &recognised, &v.Households,
		&v.Workers, &v.ContactName, &v.ContactPhone, &v.Notes, &v.Version, &v.Enterprises); err != nil {
		return nil, err
	}
	var err error
	v.RecognisedOn, err = optionalDate(recognised)
	return &v, err
}

// findVillage returns one village. ENOTFOUND.
func findVillage(ctx context.Context, tx *tx, id int64) (*data.Village, error) {
	v, err := scanVillage(tx.QueryRowContext(ctx, `SELECT `+villageColumns+` FROM villages v WHERE v.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy làng nghề mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	}
	return v, err
}

// checkVillageVersion returns the stored village id: ENOTFOUND when it does not exist, ECONFLICT
// when its version is not the one the clerk read.
func checkVillageVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Village, error) {
	tx.before(ctx, "village", id)
	v, err := findVillage(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if v.Version != version {
		return nil, staleVersion(fmt.Sprintf("Làng nghề \"%s\"", v.Name), v.Version, version)
	}
	return v, nil
}

// staleVersion is the refusal of a write from a form that read version read of a record (named
// by what, as a sentence starts) that is now at version stored.
func staleVersion(what string, stored, read int) error {
	return data.Errorf(data.ECONFLICT, "%s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", what, stored, read)
}

// finishWrite audits the write (action) of record id of entity, commits tx and sets *v to the
// record as find reads it back.
func finishWrite[T any](ctx context.Context, tx *tx, v *T, find func(context.Context, *tx, int64) (*T, error), id int64, action, entity, detail string) error {
	saved, err := find(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, action, entity, id, detail); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*v = *saved
	return nil
}

// FindVillageByID returns one village. ENOTFOUND.
func (db *DB) FindVillageByID(ctx context.Context, id int64) (_ *data.Village, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (*data.Village, error) { return findVillage(ctx, tx, id) })
}

// villageWhere returns the WHERE clause, over villages v, of the filter's fields that are set.
// Search tests each word typed against the start of the stored words (a few hundred rows at most).
func villageWhere(d dialect, f data.VillageFilter) (string, []any) {
	var conds []string
	var args []any
	for _, w := range searchWords(f.Search) {
		conds, args = append(conds, d.position(`v.words`, `?`)+` > 0`), append(args, " "+w)
	}
	if f.WardCode != nil {
		conds, args = append(conds, `v.ward_code = ?`), append(args, *f.WardCode)
	}
	if f.Trade != nil {
		conds, args = append(conds, `v.trade = ?`), append(args, *f.Trade)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// FindVillages returns a page of the villages the filter selects, by name in Vietnamese order.
func (db *DB) FindVillages(ctx context.Context, f data.VillageFilter) (_ []*data.Village, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) ([]*data.Village, error) {
		where, args := villageWhere(tx.d, f)
		query, args := paged(`SELECT `+villageColumns+` FROM villages v`+where+` ORDER BY v.name COLLATE vi, v.id`, args, f.Offset, f.Limit)
		return queryRows(ctx, tx, scanVillage, query, args...)
	})
}

// CountVillages returns how many villages the filter selects.
func (db *DB) CountVillages(ctx context.Context, f data.VillageFilter) (n int, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (int, error) {
		where, args := villageWhere(tx.d, f)
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM villages v`+where, args...).Scan(&n)
		return n, err
	})
}

// checkVillageFields normalises and validates v, then checks its ward and that it was not recognised
// after today.
func (db *DB) checkVillageFields(ctx context.Context, tx *tx, v *data.Village) error {
	v.Normalize()
	if err := v.Validate(); err != nil {
		return err
	}
	if today := db.today(); today.Before(v.RecognisedOn) {
		return data.Errorf(data.EINVALID, "Ngày công nhận %s sau ngày hôm nay (%s): làng nghề chỉ được ghi nhận sau khi có quyết định công nhận. Hãy kiểm tra lại ngày của quyết định.", v.RecognisedOn, today)
	}
	return checkWard(ctx, tx, v.WardCode)
}

// villageValues returns the stored columns of v that insert and update share, in their order.
func villageValues(v *data.Village) []any {
	return []any{v.Name, v.WardCode, v.Trade, v.Decision, isoOrEmpty(v.RecognisedOn), v.Households, v.Workers,
		v.ContactName, v.ContactPhone, v.Notes, fieldWords(v.Name, v.Trade, v.ContactName)}
}

// villageNameTaken returns an ECONFLICT naming the village other than v holding its name, or nil
// when none does. A write asks first: on the server a refused statement leaves its transaction
// unable to ask.
func villageNameTaken(ctx context.Context, tx *tx, v *data.Village) error {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM villages WHERE name = ? AND id <> ?`, v.Name, v.ID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return data.Errorf(data.ECONFLICT, "Đã có làng nghề tên \"%s\" (mã %d) trong danh sách. Hãy mở làng nghề đó để sửa, hoặc đặt tên phân biệt (ví dụ thêm tên xã).", v.Name, id)
}

// CreateVillage stores a new village; enterprises that name it as their craft village and belong
// to no village of the register yet now belong to it. EINVALID (recognised in the future);
// ECONFLICT for a name taken.
func (db *DB) CreateVillage(ctx context.Context, v *data.Village) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.insertVillage(ctx, tx, v); err != nil {
		return err
	}
	return finishWrite(ctx, tx, v, findVillage, v.ID, "create", "village", v.Name)
}

// insertVillage checks v and stores it as a new village within tx, setting v.ID; enterprises
// naming it as their craft village and in no village yet now belong to it.
func (db *DB) insertVillage(ctx context.Context, tx *tx, v *data.Village) error {
	v.ID = 0
	if err := db.checkVillageFields(ctx, tx, v); err != nil {
		return err
	}
	if err := villageNameTaken(ctx, tx, v); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO villages (name, ward_code, trade, decision, recognised_on, households, workers,
		contact_name, contact_phone, notes, words, version, created_at, updated_at)
		VALUES (?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, append(villageValues(v), tx.at(), tx.at())...)
	if err != nil {
		return err
	}
	v.ID = id
	_, err = tx.ExecContext(ctx, `UPDATE enterprises SET village_id = ? WHERE village_id IS NULL AND craft_village = ?`, v.ID, v.Name)
	return err
}

// UpdateVillage saves a village; a new name becomes the craft village of its enterprises.
// EINVALID; ENOTFOUND; ECONFLICT for a stale version or a name taken.
func (db *DB) UpdateVillage(ctx context.Context, v *data.Village) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := db.updateVillage(ctx, tx, v); err != nil {
		return err
	}
	return finishWrite(ctx, tx, v, findVillage, v.ID, "update", "village", v.Name)
}

// updateVillage checks v, whose Version must be the stored one, and saves it within tx.
func (db *DB) updateVillage(ctx context.Context, tx *tx, v *data.Village) error {
	stored, err := checkVillageVersion(ctx, tx, v.ID, v.Version)
	if err != nil {
		return err
	}
	if err := db.checkVillageFields(ctx, tx, v); err != nil {
		return err
	}
	if err := villageNameTaken(ctx, tx, v); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE villages SET name = ?, ward_code = NULLIF(?, ''), trade = ?, decision = ?,
		recognised_on = ?, households = ?, workers = ?, contact_name = ?, contact_phone = ?, notes = ?, words = ?,
		version = version + 1, updated_at = ? WHERE id = ?`, append(villageValues(v), tx.at(), v.ID)...); err != nil {
		return err
	}
	if v.Name != stored.Name {
		return renameInEnterprises(ctx, tx, v.ID, v.Name)
	}
	return nil
}

// renameInEnterprises writes name as the craft village of the enterprises of village id, with
// their search words. Their versions stay: the name follows the village they point to, so a
// form open on one of them saves the same link.
func renameInEnterprises(ctx context.Context, tx *tx, id int64, name string) error {
	es, err := queryRows(ctx, tx, scanEnterprise, `SELECT `+enterpriseColumns+` FROM enterprises e WHERE e.village_id = ?`, id)
	if err != nil {
		return err
	}
	w, err := newEnterpriseWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for _, e := range es {
		e.CraftVillage = name
		if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET craft_village = ?, words = ? WHERE id = ?`, name, w.searchText(e), e.ID); err != nil {
			return err
		}
		if err := w.reindex(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// DeleteVillage removes a village nothing points to. ECONFLICT naming what points to it.
func (db *DB) DeleteVillage(ctx context.Context, id int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	v, err := findVillage(ctx, tx, id)
	if err != nil {
		return err
	}
	var classes int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM classes WHERE village_id = ?`, id).Scan(&classes); err != nil {
		return err
	}
	var uses []string
	if v.Enterprises > 0 {
		uses = append(uses, fmt.Sprintf("%d doanh nghiệp, cơ sở", v.Enterprises))
	}
	if classes > 0 {
		uses = append(uses, fmt.Sprintf("%d lớp học", classes))
	}
	if len(uses) > 0 {
		return data.Errorf(data.ECONFLICT, "Không xoá được làng nghề \"%s\": còn %s thuộc làng nghề này. Hãy chuyển các hồ sơ đó sang làng nghề khác (hoặc bỏ chọn làng nghề) trước khi xoá.", v.Name, strings.Join(uses, " và "))
	}
	tx.before(ctx, "village", id)
	if _, err := tx.ExecContext(ctx, `DELETE FROM villages WHERE id = ?`, id); err != nil {
		return err
	}
	if err := audit(ctx, tx, "delete", "village", id, v.Name); err != nil {
		return err
	}
	return tx.Commit()
}

// villageLinks are the register's villages, for the enterprise writer: names by id, ids by name.
type villageLinks struct {
	names map[int64]string
	ids   map[string]int64
}

// loadVillageLinks reads the register's villages within tx.
func loadVillageLinks(ctx context.Context, tx *tx) (villageLinks, error) {
	l := villageLinks{names: map[int64]string{}, ids: map[string]int64{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM villages`)
	if err != nil {
		return l, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return l, err
		}
		l.names[id], l.ids[name] = name, id
	}
	return l, rows.Err()
}

// link keeps an enterprise's village and craft village in step: a village of the register gives
// its name; a craft village named as one of the register (an import, an older form) links to it.
// EINVALID for a village not in the register.
func (l villageLinks) link(e *data.Enterprise) error {
	if e.VillageID == 0 {
		e.VillageID = l.ids[e.CraftVillage]
		return nil
	}
	name, ok := l.names[e.VillageID]
	if !ok {
		return data.Errorf(data.EINVALID, "Làng nghề mã %d không có trong danh sách làng nghề (có thể vừa bị xoá). Hãy chọn lại làng nghề.", e.VillageID)
	}
	e.CraftVillage = name
	return nil
}
