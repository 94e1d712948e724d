package store

import (
	"context"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

var _ data.ImportService = (*DB)(nil)

// importMappingPrefix opens the key of a remembered mapping: the prefix, the kind, a dot, the
// header's signature.
const importMappingPrefix = "import.mapping."

// ImportMapping returns the mapping remembered for a kind and header signature, nil when none.
func (db *DB) ImportMapping(ctx context.Context, kind data.ImportKind, signature string) (_ []string, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) ([]string, error) {
		return loadSetting[[]string](ctx, tx, importMappingPrefix+string(kind)+"."+signature, nil)
	})
}

// SaveImportMapping remembers the mapping of a kind's header signature. EINVALID for an
// unknown kind or an empty signature.
func (db *DB) SaveImportMapping(ctx context.Context, kind data.ImportKind, signature string, mapping []string) (err error) {
	defer translate(&err)
	if !kind.Valid() || strings.TrimSpace(signature) == "" {
		return data.Errorf(data.EINVALID, "Không lưu được cách ghép cột: kiểu nhập %q hoặc dấu hiệu dòng tiêu đề %q không đúng.", kind, signature)
	}
	return saveSetting(ctx, db, kind.Right(), importMappingPrefix+string(kind)+"."+signature, mapping, "import_mapping")
}

// CheckImport compares every row with the store, writing nothing (see data.ImportService).
func (db *DB) CheckImport(ctx context.Context, p *data.ImportPreview) (err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	switch p.Kind {
	case data.ImportEnterprises:
		return checkEnterprises(ctx, tx, p)
	case data.ImportTrainees, data.ImportClassTrainees:
		return db.checkTrainees(ctx, tx, p)
	case data.ImportVillages:
		return db.checkVillages(ctx, tx, p)
	case data.ImportFairBookings:
		return db.checkBookings(ctx, tx, p)
	}
	return data.Errorf(data.EINVALID, "Không có kiểu nhập %q.", p.Kind)
}

// stored is a record of the store an import row may match.
type stored struct {
	id, version int
	name        string
	extra       string // a trainee's CCCD; an enterprise's archived flag ("1")
}

// storedBy reads the records query selects (id, version, key, name, extra) into a map by key;
// a key two records share maps to the first.
func storedBy(ctx context.Context, tx *tx, query string, fold bool) (map[string]stored, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]stored{}
	for rows.Next() {
		var s stored
		var key string
		if err := rows.Scan(&s.id, &s.version, &key, &s.name, &s.extra); err != nil {
			return nil, err
		}
		if fold {
			key = vn.Fold(key)
		}
		if _, dup := out[key]; !dup && key != "" {
			out[key] = s
		}
	}
	return out, rows.Err()
}

// match sets a row's match to the stored record s, its action to the first of choices.
func match(r *data.ImportRow, s stored, reason string, choices ...data.ImportAction) {
	r.Match = &data.ImportMatch{ID: int64(s.id), Version: s.version, Reason: reason, Choices: choices}
	r.Action = choices[0]
}

// addProblem records the message of err as a problem of r, once.
func addProblem(r *data.ImportRow, err error) {
	msg := data.ErrorMessage(err)
	for _, p := range r.Problems {
		if p == msg {
			return
		}
	}
	r.Problems = append(r.Problems, msg)
}

// checkEnterprises matches rows by tax code (which the store keeps unique) or, without one,
// by name, and adds the writer's own problems (ward and district not in the catalogue).
func checkEnterprises(ctx context.Context, tx *tx, p *data.ImportPreview) error {
	byTax, err := storedBy(ctx, tx, `SELECT id, version, tax_code, name, '' FROM enterprises WHERE tax_code <> ''`, false)
	if err != nil {
		return err
	}
	byName, err := storedBy(ctx, tx, `SELECT id, version, name, name, '' FROM enterprises`, true)
	if err != nil {
		return err
	}
	w, err := newEnterpriseWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for _, r := range p.Rows {
		e := *r.Enterprise
		if err := w.check(&e); err != nil {
			addProblem(r, err)
		}
		key, names := e.TaxCode, byTax
		if key == "" {
			key, names = vn.Fold(e.Name), byName
		}
		switch s, ok := names[key]; {
		case ok && e.TaxCode != "":
			match(r, s, fmt.Sprintf("Mã số thuế %s đã có: %s (mã %d).", e.TaxCode, s.name, s.id), data.ImportSkip, data.ImportUpdate)
		case ok:
			match(r, s, fmt.Sprintf("Đã có doanh nghiệp cùng tên: %s (mã %d).", s.name, s.id), data.ImportSkip, data.ImportUpdate, data.ImportNew)
		}
	}
	return nil
}

// checkTrainees matches rows by CCCD (unique) or by name and birth date, finds each workplace in
// the register by name, and adds the writer's own problems. For a class it also checks that the
// class takes trainees, and offers to enrol the existing person (ImportKeep); a person already in
// the class can only be skipped.
func (db *DB) checkTrainees(ctx context.Context, tx *tx, p *data.ImportPreview) error {
	inClass := map[int]bool{}
	if p.Kind == data.ImportClassTrainees {
		c, err := findClassByID(ctx, tx, p.TargetID)
		if err != nil {
			return err
		}
		if !c.Status.Enrolling() {
			return data.Errorf(data.ECONFLICT, "Lớp %s đang ở trạng thái \"%s\" nên không nhận thêm học viên.", c.Code, c.Status.Label())
		}
		ids, err := queryRows(ctx, tx, func(s scanner) (int, error) { var id int; return id, s.Scan(&id) },
			`SELECT trainee_id FROM enrollments WHERE class_id = ?`, c.ID)
		if err != nil {
			return err
		}
		for _, id := range ids {
			inClass[id] = true
		}
	}
	byCCCD, err := storedBy(ctx, tx, `SELECT id, version, cccd, family || ' ' || middle || ' ' || given, cccd FROM trainees WHERE cccd <> ''`, false)
	if err != nil {
		return err
	}
	byDup, err := storedBy(ctx, tx, `SELECT id, version, dup_key, family || ' ' || middle || ' ' || given, cccd FROM trainees`, false)
	if err != nil {
		return err
	}
	workplaces, err := uniqueNames(ctx, tx)
	if err != nil {
		return err
	}
	w, err := newTraineeWriter(ctx, tx, db.today())
	if err != nil {
		return err
	}
	defer w.close()
	for _, r := range p.Rows {
		t := r.Trainee
		if id, ok := workplaces[vn.Fold(t.Workplace)]; ok && t.Workplace != "" && t.WorkplaceID == 0 {
			t.WorkplaceID, t.Workplace = id, ""
		}
		checked := *t
		if err := w.check(ctx, &checked); err != nil {
			addProblem(r, err)
		}
		s, same := byCCCD[t.CCCD]
		reason := fmt.Sprintf("Số CCCD %s đã có: %s (mã %d).", t.CCCD, strings.Join(strings.Fields(s.name), " "), s.id)
		choices := []data.ImportAction{data.ImportSkip, data.ImportUpdate}
		if !same || t.CCCD == "" {
			if s, same = byDup[dupKey(t)]; same && (t.CCCD == "" || s.extra == "") {
				reason = fmt.Sprintf("Đã có học viên cùng họ tên và ngày sinh %s: %s (mã %d).", t.BirthDate, strings.Join(strings.Fields(s.name), " "), s.id)
				choices = []data.ImportAction{data.ImportSkip, data.ImportUpdate, data.ImportNew}
			} else {
				same = false
			}
		}
		switch {
		case !same:
		case inClass[s.id]:
			match(r, s, reason+" Người này đã có trong lớp.", data.ImportSkip)
		case p.Kind == data.ImportClassTrainees:
			match(r, s, reason, append([]data.ImportAction{data.ImportKeep}, choices...)...)
		default:
			match(r, s, reason, choices...)
		}
	}
	return nil
}

// uniqueNames maps the folded name of each enterprise no other shares to its id.
func uniqueNames(ctx context.Context, tx *tx) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM enterprises`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out, shared := map[string]int64{}, map[string]bool{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		k := vn.Fold(name)
		if _, dup := out[k]; dup {
			shared[k] = true
		}
		out[k] = id
	}
	for k := range shared {
		delete(out, k)
	}
	return out, rows.Err()
}

// checkVillages matches rows by name (unique in the register) and adds the store's problems
// (ward not in the catalogue, recognised after today).
func (db *DB) checkVillages(ctx context.Context, tx *tx, p *data.ImportPreview) error {
	byName, err := storedBy(ctx, tx, `SELECT id, version, name, name, '' FROM villages`, true)
	if err != nil {
		return err
	}
	for _, r := range p.Rows {
		v := *r.Village
		if err := db.checkVillageFields(ctx, tx, &v); err != nil {
			addProblem(r, err)
		}
		if s, ok := byName[vn.Fold(v.Name)]; ok {
			match(r, s, fmt.Sprintf("Làng nghề \"%s\" đã có (mã %d).", s.name, s.id), data.ImportSkip, data.ImportUpdate)
		}
	}
	return nil
}

// checkBookings finds each row's enterprise in the register by tax code or name, and matches an
// enterprise already booked at the fair (which can only be skipped); a fair that takes no
// booking, an enterprise not found or archived, and a booking after the deadline without a
// note are problems, in Register's words.
func (db *DB) checkBookings(ctx context.Context, tx *tx, p *data.ImportPreview) error {
	f, err := findFair(ctx, tx, p.TargetID)
	if err != nil {
		return err
	}
	if f.Status == data.FairCancelled || f.Status == data.FairHeld {
		return data.Errorf(data.ECONFLICT, "Hội chợ %s đang ở trạng thái \"%s\" nên không nhận đăng ký.", f.Code, f.Status.Label())
	}
	byTax, err := storedBy(ctx, tx, `SELECT id, version, tax_code, name, archived FROM enterprises WHERE tax_code <> ''`, false)
	if err != nil {
		return err
	}
	byName, err := storedBy(ctx, tx, `SELECT id, version, name, name, archived FROM enterprises`, true)
	if err != nil {
		return err
	}
	booked, err := storedBy(ctx, tx, fmt.Sprintf(`SELECT id, version, enterprise_id, status, '' FROM fair_bookings WHERE fair_id = %d AND status <> 'da_huy'`, f.ID), false)
	if err != nil {
		return err
	}
	late := !f.Deadline.IsZero() && f.Deadline.Before(db.today())
	for _, r := range p.Rows {
		r.Booking.FairID = f.ID
		e, ok := byTax[r.BookingTaxCode]
		if r.BookingTaxCode == "" {
			e, ok = byName[vn.Fold(r.BookingName)]
		}
		switch {
		case !ok && r.BookingTaxCode != "":
			addProblem(r, data.Errorf(data.EINVALID, "Không có doanh nghiệp mã số thuế %s trong danh sách doanh nghiệp. Hãy nhập doanh nghiệp trước.", r.BookingTaxCode))
			continue
		case !ok:
			addProblem(r, data.Errorf(data.EINVALID, "Không có doanh nghiệp tên \"%s\" trong danh sách doanh nghiệp. Hãy ghi mã số thuế, hoặc nhập doanh nghiệp trước.", r.BookingName))
			continue
		case e.extra == "1":
			addProblem(r, data.Errorf(data.EINVALID, "Doanh nghiệp %s đã lưu trữ nên không đăng ký hội chợ được. Hãy khôi phục doanh nghiệp trong danh sách trước.", e.name))
		}
		r.Booking.EnterpriseID = int64(e.id)
		if late && r.Booking.LateNote == "" {
			addProblem(r, data.Errorf(data.EINVALID, "Hạn đăng ký hội chợ %s đã hết ngày %s. Muốn nhận đăng ký muộn, hãy ghi lý do vào cột lý do đăng ký muộn.", f.Code, f.Deadline))
		}
		if b, ok := booked[fmt.Sprint(e.id)]; ok {
			match(r, b, fmt.Sprintf("Doanh nghiệp %s đã đăng ký hội chợ %s rồi.", e.name, f.Code), data.ImportSkip)
		}
	}
	return nil
}
