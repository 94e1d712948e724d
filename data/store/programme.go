package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Compile-time check that DB implements the programme service.
var _ data.ProgrammeService = (*DB)(nil)

// The yearly plans and their đề án: reads, writes and the status; the money and the targets'
// progress are in programme_totals.go, the payments in payment.go.

// FindPlan returns the plan of a year. ENOTFOUND.
func (db *DB) FindPlan(ctx context.Context, year int) (_ *data.Plan, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findPlan(ctx, tx, `year`, int64(year))
}

// planColumns are the columns scanPlan reads.
const planColumns = `id, year, name, decision, decision_date, notes, version`

// findPlan returns the plan whose column col (id or year) is v. ENOTFOUND.
func findPlan(ctx context.Context, tx *tx, col string, v int64) (*data.Plan, error) {
	var p data.Plan
	var decided string
	err := tx.QueryRowContext(ctx, `SELECT `+planColumns+` FROM plans WHERE `+col+` = ?`, v).Scan(
		&p.ID, &p.Year, &p.Name, &p.Decision, &decided, &p.Notes, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		if col == "year" {
			return nil, data.Errorf(data.ENOTFOUND, "Năm %d chưa có kế hoạch khuyến công. Hãy tạo kế hoạch của năm trước khi thêm đề án.", v)
		}
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy kế hoạch khuyến công mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", v)
	} else if err != nil {
		return nil, err
	}
	p.DecisionDate, err = optionalDate(decided)
	return &p, err
}

// optionalDate parses a stored date that may be empty.
func optionalDate(s string) (vn.Date, error) {
	if s == "" {
		return vn.Date{}, nil
	}
	return vn.ParseISODate(s)
}

// isoOrEmpty is how an optional date is stored.
func isoOrEmpty(d vn.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.ISO()
}

// SavePlan creates a plan (ID 0) or updates one; on success p is the saved plan. EINVALID (also
// for a new year on a plan that has đề án); ENOTFOUND; ECONFLICT for a year that has a plan, or
// a stale version.
func (db *DB) SavePlan(ctx context.Context, p *data.Plan) (err error) {
	defer translate(&err)
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if other, err := findPlan(ctx, tx, `year`, int64(p.Year)); err == nil && other.ID != p.ID {
		return data.Errorf(data.ECONFLICT, "Năm %d đã có kế hoạch \"%s\". Mỗi năm chỉ có một kế hoạch khuyến công; hãy mở kế hoạch đó để sửa.", p.Year, other.Name)
	} else if data.ErrorCode(err) != data.ENOTFOUND && err != nil {
		return err
	}
	values := []any{p.Year, p.Name, p.Decision, isoOrEmpty(p.DecisionDate), p.Notes, tx.at()}
	action, id := "create", p.ID // p keeps ID 0 until the plan is stored
	if id == 0 {
		id, err = tx.insert(ctx, `INSERT INTO plans (year, name, decision, decision_date, notes, updated_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, append(values, tx.at())...)
		if err != nil {
			return err
		}
	} else {
		action = "update"
		stored, err := findPlan(ctx, tx, `id`, p.ID)
		if err != nil {
			return err
		}
		if stored.Version != p.Version {
			return data.Errorf(data.ECONFLICT, "Kế hoạch năm %d vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", stored.Year, stored.Version, p.Version)
		}
		if stored.Year != p.Year {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM programmes WHERE plan_id = ?`, p.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return data.Errorf(data.EINVALID, "Kế hoạch năm %d đã có %d đề án nên không đổi sang năm %d được.", stored.Year, n, p.Year)
			}
		}
		tx.before(ctx, "plan", p.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE plans SET year = ?, name = ?, decision = ?, decision_date = ?, notes = ?,
			updated_at = ?, version = version + 1 WHERE id = ?`, append(values, p.ID)...); err != nil {
			return err
		}
	}
	saved, err := findPlan(ctx, tx, `id`, id)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, action, "plan", id, fmt.Sprintf("%d %s", p.Year, p.Name)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*p = *saved
	return nil
}

// programmeColumns are the columns scanProgramme reads, over programmes p, with the money the
// đề án holds (see committedSQL) and what has been paid.
const programmeColumns = `p.id, p.plan_id, p.year, p.code, p.name, p.content, p.funding, p.decision, p.decision_date,
	p.unit, p.start_date, p.end_date, p.support, p.own, p.status, p.cancel_reason, p.version,
	` + committedSQL + `, COALESCE((SELECT sum(amount) FROM payments m WHERE m.programme_id = p.id), 0)`

// scanProgramme reads one row of programmeColumns; its targets are read apart (withProgress).
func scanProgramme(s scanner) (*data.Programme, error) {
	var p data.Programme
	var decided, start, end string
	if err := s.Scan(&p.ID, &p.PlanID, &p.Year, &p.Code, &p.Name, &p.Content, &p.Funding, &p.Decision, &decided,
		&p.Unit, &start, &end, &p.Support, &p.Own, &p.Status, &p.CancelReason, &p.Version, &p.Committed, &p.Paid); err != nil {
		return nil, err
	}
	var err error
	if p.DecisionDate, err = optionalDate(decided); err != nil {
		return nil, err
	}
	if p.Start, err = vn.ParseISODate(start); err != nil {
		return nil, err
	}
	p.End, err = vn.ParseISODate(end)
	return &p, err
}

// findProgramme returns one đề án with its totals, without its targets. ENOTFOUND.
func findProgramme(ctx context.Context, tx *tx, id int64) (*data.Programme, error) {
	p, err := scanProgramme(tx.QueryRowContext(ctx, `SELECT `+programmeColumns+` FROM programmes p WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy đề án mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	}
	return p, err
}

// findProgrammeProgress returns one đề án with its totals and its targets' progress. ENOTFOUND.
func findProgrammeProgress(ctx context.Context, tx *tx, id int64) (*data.Programme, error) {
	p, err := findProgramme(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return p, withProgress(ctx, tx, []*data.Programme{p})
}

// checkProgrammeVersion returns the stored đề án id: ENOTFOUND when it does not exist and
// ECONFLICT when its version is not the one the clerk read.
func checkProgrammeVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Programme, error) {
	tx.before(ctx, "programme", id)
	p, err := findProgramme(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if p.Version != version {
		return nil, data.Errorf(data.ECONFLICT, "Đề án %s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", p.Code, p.Version, version)
	}
	return p, nil
}

// FindProgrammeByID returns one đề án with its totals and targets' progress. ENOTFOUND.
func (db *DB) FindProgrammeByID(ctx context.Context, id int64) (_ *data.Programme, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findProgrammeProgress(ctx, tx, id)
}

// FindProgrammeByCode returns the đề án of a year with a code, typed in any case. ENOTFOUND.
func (db *DB) FindProgrammeByCode(ctx context.Context, year int, code string) (_ *data.Programme, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	code = strings.ToUpper(vn.NFC(strings.TrimSpace(code)))
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM programmes WHERE year = ? AND code = ?`, year, code).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Năm %d không có đề án mã %s. Hãy kiểm tra lại mã và năm.", year, code)
	} else if err != nil {
		return nil, err
	}
	return findProgrammeProgress(ctx, tx, id)
}

// FindProgrammes returns a page of the đề án the filter selects, by year descending then code,
// with their totals and targets' progress.
func (db *DB) FindProgrammes(ctx context.Context, f data.ProgrammeFilter) (_ []*data.Programme, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := programmeWhere(tx.d, f)
	query, args := paged(`SELECT `+programmeColumns+` FROM programmes p`+where+` ORDER BY p.year DESC, p.code`, args, f.Offset, f.Limit)
	ps, err := queryRows(ctx, tx, scanProgramme, query, args...)
	if err != nil {
		return nil, err
	}
	return ps, withProgress(ctx, tx, ps)
}

// CountProgrammes returns how many đề án the filter selects.
func (db *DB) CountProgrammes(ctx context.Context, f data.ProgrammeFilter) (n int, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	where, args := programmeWhere(tx.d, f)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM programmes p`+where, args...).Scan(&n)
	return n, err
}

// programmeWhere returns the WHERE clause, over programmes p, of the filter's fields that are set.
// Every word searched must begin a word of the code, name, unit or decision (see fieldWords).
func programmeWhere(d dialect, f data.ProgrammeFilter) (string, []any) {
	var conds []string
	var args []any
	for _, w := range searchWords(f.Search) {
		conds, args = append(conds, d.position(`p.words`, `?`)+` > 0`), append(args, " "+w)
	}
	if f.Year != nil {
		conds, args = append(conds, `p.year = ?`), append(args, *f.Year)
	}
	if f.Content != nil {
		conds, args = append(conds, `p.content = ?`), append(args, string(*f.Content))
	}
	if f.Funding != nil {
		conds, args = append(conds, `p.funding = ?`), append(args, string(*f.Funding))
	}
	if f.Status != nil {
		conds, args = append(conds, `p.status = ?`), append(args, string(*f.Status))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// Eligible returns the đề án of a year and content that classes, fairs and equipment may be
// linked to: not cancelled or settled, by code, with their totals.
func (db *DB) Eligible(ctx context.Context, year int, content data.Content) (_ []*data.Programme, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	ps, err := queryRows(ctx, tx, scanProgramme, `SELECT `+programmeColumns+` FROM programmes p
		WHERE p.year = ? AND p.content = ? AND p.status NOT IN ('huy', 'quyet_toan') ORDER BY p.code`, year, string(content))
	if err != nil {
		return nil, err
	}
	return ps, withProgress(ctx, tx, ps)
}

// checkProgramme normalises and validates p, then fills its year from its plan. EINVALID;
// ENOTFOUND for the plan.
func checkProgramme(ctx context.Context, tx *tx, p *data.Programme) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	if p.PlanID == 0 {
		return data.Errorf(data.EINVALID, "Hãy chọn kế hoạch năm mà đề án thuộc về.")
	}
	plan, err := findPlan(ctx, tx, `id`, p.PlanID)
	if err != nil {
		return err
	}
	p.Year = plan.Year
	return nil
}

// programmeValues returns the stored columns of p that insert and update share, in their order.
func programmeValues(p *data.Programme) []any {
	return []any{p.PlanID, p.Year, p.Code, p.Name, string(p.Content), string(p.Funding), p.Decision,
		isoOrEmpty(p.DecisionDate), p.Unit, p.Start.ISO(), p.End.ISO(), p.Support, p.Own,
		fieldWords(p.Code, p.Name, p.Unit, p.Decision)}
}

// programmeCodeTaken is an ECONFLICT naming the other đề án that holds the code of p in its year,
// if any. It is asked before the write, as fairCodeTaken is.
func programmeCodeTaken(ctx context.Context, tx *tx, p *data.Programme) error {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM programmes WHERE year = ? AND code = ? AND id <> ?`, p.Year, p.Code, p.ID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return data.Errorf(data.ECONFLICT, "Mã đề án %s đã dùng trong năm %d cho đề án \"%s\". Hãy chọn mã khác.", p.Code, p.Year, name)
}

// saveTargets replaces the targets of đề án p by p.Targets, in their order; the achieved number
// is kept only where it is entered by hand.
func saveTargets(ctx context.Context, tx *tx, p *data.Programme) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM programme_targets WHERE programme_id = ?`, p.ID); err != nil {
		return err
	}
	for i, t := range p.Targets {
		achieved := 0
		if t.Measure == data.MeasureOther {
			achieved = t.Achieved
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO programme_targets (programme_id, position, measure, label, unit, planned, achieved)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, p.ID, i, string(t.Measure), t.Label, t.Unit, t.Planned, achieved); err != nil {
			return err
		}
	}
	return nil
}

// CreateProgramme stores a new đề án, proposed, in its plan; on success p is the saved đề án.
// EINVALID; ENOTFOUND for the plan; ECONFLICT for a code the year already has.
func (db *DB) CreateProgramme(ctx context.Context, p *data.Programme) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p.ID, p.Status, p.CancelReason = 0, data.ProgrammeProposed, ""
	if err := checkProgramme(ctx, tx, p); err != nil {
		return err
	}
	if err := programmeCodeTaken(ctx, tx, p); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO programmes (plan_id, year, code, name, content, funding, decision,
		decision_date, unit, start_date, end_date, support, own, words, status, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		append(programmeValues(p), string(p.Status), tx.at(), tx.at())...)
	if err != nil {
		return err
	}
	p.ID = id
	return saveProgramme(ctx, tx, p, "create")
}

// saveProgramme writes the targets of p, audits action and commits, leaving in p what is stored.
func saveProgramme(ctx context.Context, tx *tx, p *data.Programme, action string) error {
	if err := saveTargets(ctx, tx, p); err != nil {
		return err
	}
	saved, err := findProgrammeProgress(ctx, tx, p.ID)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, action, "programme", p.ID, fmt.Sprintf("%d %s %s", p.Year, p.Code, p.Name)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*p = *saved
	return nil
}

// final returns an ECONFLICT when đề án p is settled or cancelled (nothing of it changes any
// more), saying what was refused.
func final(p *data.Programme, what string) error {
	if p.Status != data.ProgrammeSettled && p.Status != data.ProgrammeCancelled {
		return nil
	}
	return data.Errorf(data.ECONFLICT, "Đề án %s đã ở trạng thái \"%s\" nên không %s được nữa.", p.Code, p.Status.Label(), what)
}

// UpdateProgramme saves every field of p but its status; p.Version must be the version read, and
// on success p is the saved đề án. EINVALID (a support below what is paid; a new year or content
// while classes, fairs or equipment are linked); ENOTFOUND; ECONFLICT for a stale version, a
// code taken, or a settled or cancelled đề án.
func (db *DB) UpdateProgramme(ctx context.Context, p *data.Programme) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stored, err := checkProgrammeVersion(ctx, tx, p.ID, p.Version)
	if err != nil {
		return err
	}
	if err := final(stored, "sửa"); err != nil {
		return err
	}
	p.Status, p.CancelReason = stored.Status, stored.CancelReason
	if err := checkProgramme(ctx, tx, p); err != nil {
		return err
	}
	if p.Support < stored.Paid {
		return data.Errorf(data.EINVALID, "Kinh phí khuyến công %s ít hơn số đã chi cho đề án %s (%s). Hãy nhập ít nhất %s.",
			vn.FormatMoney(p.Support), stored.Code, vn.FormatMoney(stored.Paid), vn.FormatMoney(stored.Paid))
	}
	if p.Year != stored.Year || p.Content != stored.Content {
		links, err := programmeLinks(ctx, tx, p.ID, false)
		if err != nil {
			return err
		}
		if len(links) > 0 {
			return data.Errorf(data.EINVALID, "Đề án %s đã có %s gắn với nó nên không đổi năm hay nội dung được. Hãy bỏ liên kết trước.", stored.Code, strings.Join(links, ", "))
		}
	}
	if err := programmeCodeTaken(ctx, tx, p); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE programmes SET plan_id = ?, year = ?, code = ?, name = ?, content = ?,
		funding = ?, decision = ?, decision_date = ?, unit = ?, start_date = ?, end_date = ?, support = ?, own = ?,
		words = ?, version = version + 1, updated_at = ? WHERE id = ?`, append(programmeValues(p), tx.at(), p.ID)...); err != nil {
		return err
	}
	return saveProgramme(ctx, tx, p, "update")
}

// programmeLinks names what points to đề án id ("3 lớp học", "1 hội chợ"…); payments counted
// only when withPayments is set.
func programmeLinks(ctx context.Context, tx *tx, id int64, withPayments bool) ([]string, error) {
	kinds := []struct{ table, name string }{{"classes", "lớp học"}, {"fairs", "hội chợ"}, {"equipment", "hồ sơ hỗ trợ thiết bị"}}
	if withPayments {
		kinds = append(kinds, struct{ table, name string }{"payments", "khoản chi"})
	}
	var links []string
	for _, k := range kinds {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+k.table+` WHERE programme_id = ?`, id).Scan(&n); err != nil {
			return nil, err
		}
		if n > 0 {
			links = append(links, fmt.Sprintf("%d %s", n, k.name))
		}
	}
	return links, nil
}

// SetProgrammeStatus moves a đề án along ProgrammeStatus.Next, with the reason when cancelling,
// and returns the saved đề án. EINVALID for a move not allowed or a cancellation without reason;
// ENOTFOUND; ECONFLICT for a stale version or a cancellation while payments exist.
func (db *DB) SetProgrammeStatus(ctx context.Context, id int64, version int, to data.ProgrammeStatus, reason string) (_ *data.Programme, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, programmeStatusRight(to))
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := checkProgrammeVersion(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
	if reason, err = checkMove("Đề án", p.Code, p.Status, to, p.Status.Next(), data.ProgrammeCancelled, reason); err != nil {
		return nil, err
	}
	if to == data.ProgrammeCancelled && p.Paid > 0 {
		return nil, data.Errorf(data.ECONFLICT, "Đề án %s đã chi %s nên không hủy được. Hãy xoá các khoản chi nhầm trước, hoặc đưa đề án tới nghiệm thu và quyết toán.", p.Code, vn.FormatMoney(p.Paid))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE programmes SET status = ?, cancel_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		string(to), reason, tx.at(), id); err != nil {
		return nil, err
	}
	saved, err := findProgrammeProgress(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "status", "programme", id, fmt.Sprintf("%s: %s → %s %s", p.Code, p.Status.Label(), to.Label(), reason)); err != nil {
		return nil, err
	}
	return saved, tx.Commit()
}

// DeleteProgramme removes a đề án that nothing points to, with its targets. ENOTFOUND; ECONFLICT
// naming the classes, fairs, equipment records and payments that point to it.
func (db *DB) DeleteProgramme(ctx context.Context, id int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := findProgramme(ctx, tx, id)
	if err != nil {
		return err
	}
	links, err := programmeLinks(ctx, tx, id, true)
	if err != nil {
		return err
	}
	if len(links) > 0 {
		return data.Errorf(data.ECONFLICT, "Đề án %s còn %s gắn với nó nên không xoá được. Nếu đề án không thực hiện, hãy chuyển sang \"Hủy\" kèm lý do.", p.Code, strings.Join(links, ", "))
	}
	tx.before(ctx, "programme", id)
	for _, q := range []string{`DELETE FROM programme_targets WHERE programme_id = ?`, `DELETE FROM programmes WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	if err := audit(ctx, tx, "delete", "programme", id, fmt.Sprintf("%d %s %s", p.Year, p.Code, p.Name)); err != nil {
		return err
	}
	return tx.Commit()
}

// linkProgramme checks that a class or fair (what, e.g. "lớp học") starting in year and needing
// content may be paid by đề án id, and returns its code; "" for id 0. A đề án settled or
// cancelled takes no new link: changed says the link is new. EINVALID.
func linkProgramme(ctx context.Context, tx *tx, id int64, year int, content data.Content, what string, changed bool) (string, error) {
	if id == 0 {
		return "", nil
	}
	var code, status string
	var pYear int
	var pContent data.Content
	err := tx.QueryRowContext(ctx, `SELECT code, year, content, status FROM programmes WHERE id = ?`, id).Scan(&code, &pYear, &pContent, &status)
	if errors.Is(err, sql.ErrNoRows) {
		return "", data.Errorf(data.EINVALID, "Không có đề án mã %d. Hãy chọn lại đề án chi trả cho %s.", id, what)
	} else if err != nil {
		return "", err
	}
	s := data.ProgrammeStatus(status)
	switch {
	case pYear != year:
		return "", data.Errorf(data.EINVALID, "Đề án %s thuộc kế hoạch năm %d, còn %s bắt đầu năm %d. Hãy chọn đề án của năm %d.", code, pYear, what, year, year)
	case pContent != content:
		return "", data.Errorf(data.EINVALID, "Đề án %s có nội dung \"%s\", không chi trả cho %s này. Hãy chọn đề án có nội dung \"%s\".", code, pContent.Label(), what, content.Label())
	case changed && (s == data.ProgrammeSettled || s == data.ProgrammeCancelled):
		return "", data.Errorf(data.EINVALID, "Đề án %s đã ở trạng thái \"%s\" nên không nhận thêm %s. Hãy chọn đề án khác.", code, s.Label(), what)
	}
	return code, nil
}
