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

// Compile-time checks that DB implements the training services.
var (
	_ data.ClassService      = (*DB)(nil)
	_ data.TraineeService    = (*DB)(nil)
	_ data.EnrollmentService = (*DB)(nil)
	_ data.AttendanceService = (*DB)(nil)
	_ data.GradeService      = (*DB)(nil)
)

// today returns the calendar date of the store's clock, in the computer's time zone: the day a
// clerk sees on the wall.
func (db *DB) today() vn.Date { return vn.DateOf(db.Now()) }

// FindClassByID returns one class. ENOTFOUND.
func (db *DB) FindClassByID(ctx context.Context, id int64) (_ *data.Class, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findClassByID(ctx, tx, id)
}

// FindClassByCode returns the class with a code, typed in any case. ENOTFOUND.
func (db *DB) FindClassByCode(ctx context.Context, code string) (_ *data.Class, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	code = strings.ToUpper(vn.NFC(code))
	c, err := scanClass(tx.QueryRowContext(ctx, `SELECT `+classColumns+classFrom+` WHERE c.code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không có lớp học mã %s. Hãy kiểm tra lại mã lớp.", code)
	}
	return c, err
}

// FindClasses returns one page of the classes the filter selects, in its order. EINVALID for an
// unknown sort column.
func (db *DB) FindClasses(ctx context.Context, f data.ClassFilter) (_ []*data.Class, err error) {
	defer translate(&err)
	order, join, err := classOrder(f)
	if err != nil {
		return nil, err
	}
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := classWhere(tx.d, f)
	query := `SELECT ` + classColumns + classFrom + join + where + order
	query, args = paged(query, args, f.Offset, f.Limit)
	return queryRows(ctx, tx, scanClass, query, args...)
}

// CountClasses returns how many classes the filter selects, ignoring its order and paging.
func (db *DB) CountClasses(ctx context.Context, f data.ClassFilter) (n int, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	where, args := classWhere(tx.d, f)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM classes c`+where, args...).Scan(&n)
	return n, err
}

// classCodePrefix opens the codes NextClassCode proposes: LH-2026-001.
const classCodePrefix = "LH-"

// NextClassCode proposes the code of the next class of a year: "LH-2026-001" when the year has
// none, else one above the highest number used. EINVALID for a year outside 1900–2200.
func (db *DB) NextClassCode(ctx context.Context, year int) (_ string, err error) {
	defer translate(&err)
	if year < 1900 || year > 2200 {
		return "", data.Errorf(data.EINVALID, "Năm %d không hợp lệ.", year)
	}
	tx, err := db.begin(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	return nextCode(ctx, tx, "classes", classCodePrefix, year)
}

// CreateClass normalises, validates and stores c, setting its ID, Version and times. EINVALID
// (also for an unknown host or ward); ECONFLICT when the code is taken.
func (db *DB) CreateClass(ctx context.Context, c *data.Class) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkClass(ctx, tx, c, 0); err != nil {
		return err
	}
	if err := classCodeFree(ctx, tx, c); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO classes (code, name, name_key, kind, trade, trade_key,
		host_enterprise_id, venue, ward_code, start_date, end_date, hours, trainers, capacity, budget,
		programme_id, village_id, min_attendance, pass_mark, status, cancel_reason, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, NULLIF(?, ''), ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, ?, ?, ?, 1, ?, ?)`,
		append(classValues(c), string(c.Status), c.CancelReason, tx.at(), tx.at())...)
	if err != nil {
		return err
	}
	c.ID = id
	if err := indexClass(ctx, tx, c, false); err != nil {
		return err
	}
	saved, err := findClassByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "create", "class", id, c.Code+" "+c.Name); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*c = *saved
	return nil
}

// UpdateClass saves every field of c but its status over the stored record; c.Version must be
// the version read, and on success c is the saved record. EINVALID (also for a capacity below the
// trainees enrolled, or dates that leave sessions out); ENOTFOUND; ECONFLICT for a stale version,
// a code taken, or a class whose certificates are issued.
func (db *DB) UpdateClass(ctx context.Context, c *data.Class) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stored, err := checkClassVersion(ctx, tx, c.ID, c.Version)
	if err != nil {
		return err
	}
	if stored.Status == data.ClassCertified {
		return data.Errorf(data.ECONFLICT, "Lớp %s đã cấp chứng chỉ nên không sửa được nữa: thông tin lớp và kết quả học tập phải khớp với chứng chỉ đã in.", stored.Code)
	}
	c.Status, c.CancelReason = stored.Status, stored.CancelReason
	if err := checkClass(ctx, tx, c, stored.ProgrammeID); err != nil {
		return err
	}
	if c.Capacity < stored.Enrolled {
		return data.Errorf(data.EINVALID, "Số học viên tối đa %d ít hơn số học viên đã ghi danh vào lớp (%d). Hãy cho bớt học viên thôi học trước, hoặc nhập số lớn hơn.", c.Capacity, stored.Enrolled)
	}
	var outside int
	var first, last sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT count(*), min(date), max(date) FROM sessions WHERE class_id = ? AND (date < ? OR date > ?)`,
		c.ID, c.Start.ISO(), c.End.ISO()).Scan(&outside, &first, &last); err != nil {
		return err
	}
	if outside > 0 {
		d, _ := vn.ParseISODate(first.String)
		return data.Errorf(data.EINVALID, "Lớp có %d buổi học nằm ngoài thời gian %s – %s (sớm nhất ngày %s). Hãy dời các buổi học đó trước.", outside, c.Start, c.End, d)
	}
	if err := classCodeFree(ctx, tx, c); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE classes SET code = ?, name = ?, name_key = ?, kind = ?, trade = ?,
		trade_key = ?, host_enterprise_id = NULLIF(?, 0), venue = ?, ward_code = NULLIF(?, ''), start_date = ?,
		end_date = ?, hours = ?, trainers = ?, capacity = ?, budget = ?, programme_id = NULLIF(?, 0),
		village_id = NULLIF(?, 0), min_attendance = ?, pass_mark = ?,
		version = version + 1, updated_at = ? WHERE id = ?`,
		append(classValues(c), tx.at(), c.ID)...); err != nil {
		return err
	}
	if err := indexClass(ctx, tx, c, true); err != nil {
		return err
	}
	saved, err := findClassByID(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "update", "class", c.ID, c.Code+" "+c.Name); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*c = *saved
	return nil
}

// SetClassStatus moves a class to status to, with the reason when cancelling, and returns the
// saved class. EINVALID for a move not allowed or a cancellation without reason; ENOTFOUND;
// ECONFLICT for a stale version.
func (db *DB) SetClassStatus(ctx context.Context, id int64, version int, to data.ClassStatus, reason string) (_ *data.Class, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := checkClassVersion(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
	if reason, err = checkMove("Lớp", c.Code, c.Status, to, c.Status.Next(), data.ClassCancelled, reason); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE classes SET status = ?, cancel_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		string(to), reason, tx.at(), id); err != nil {
		return nil, err
	}
	saved, err := findClassByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "status", "class", id, fmt.Sprintf("%s: %s → %s %s", c.Code, c.Status, to, reason)); err != nil {
		return nil, err
	}
	return saved, tx.Commit()
}

// checkMove checks that a record called what ("Lớp", "Hội chợ", "Đề án"), coded code, may move
// from status from to status to, one of next, and that the reason is given when to is cancel.
// It returns the reason to store: "" unless cancelling. EINVALID.
func checkMove[S interface {
	comparable
	Label() string
}](what, code string, from, to S, next []S, cancel S, reason string) (string, error) {
	if !slices.Contains(next, to) {
		var names []string
		for _, s := range next {
			names = append(names, "\""+s.Label()+"\"")
		}
		if len(names) == 0 {
			return "", data.Errorf(data.EINVALID, "%s %s đang ở trạng thái \"%s\" nên không chuyển trạng thái được nữa.", what, code, from.Label())
		}
		return "", data.Errorf(data.EINVALID, "%s %s đang ở trạng thái \"%s\" nên không chuyển sang \"%s\" được; chỉ chuyển được sang %s.", what, code, from.Label(), to.Label(), strings.Join(names, " hoặc "))
	}
	if to != cancel {
		return "", nil
	}
	reason = strings.TrimSpace(vn.NFC(reason))
	if reason == "" {
		return "", data.Errorf(data.EINVALID, "Hãy ghi lý do hủy %s %s.", strings.ToLower(what), code)
	}
	return reason, data.ValidateReason("Lý do hủy "+strings.ToLower(what), reason)
}

// classFrom is the FROM clause classColumns read from.
const classFrom = ` FROM classes c LEFT JOIN enterprises h ON h.id = c.host_enterprise_id
	LEFT JOIN programmes pg ON pg.id = c.programme_id`

// classColumns are the columns scanClass reads, from classFrom.
const classColumns = `c.id, c.code, c.name, c.kind, c.trade, COALESCE(c.host_enterprise_id, 0), COALESCE(h.name, ''),
	c.venue, COALESCE(c.ward_code, ''), c.start_date, c.end_date, c.hours, c.trainers, c.capacity, c.budget,
	COALESCE(c.programme_id, 0), COALESCE(pg.code, ''), COALESCE(c.village_id, 0), c.min_attendance, c.pass_mark, c.status, c.cancel_reason,
	(SELECT count(*) FROM enrollments n WHERE n.class_id = c.id AND n.status = 'hoc') AS enrolled,
	c.version, c.created_at, c.updated_at`

// scanClass reads one row of classColumns.
func scanClass(s scanner) (*data.Class, error) {
	var c data.Class
	var start, end, created, updated string
	if err := s.Scan(&c.ID, &c.Code, &c.Name, &c.Kind, &c.Trade, &c.HostEnterpriseID, &c.HostName,
		&c.Venue, &c.WardCode, &start, &end, &c.Hours, &c.Trainers, &c.Capacity, &c.Budget,
		&c.ProgrammeID, &c.ProgrammeCode, &c.VillageID, &c.MinAttendance, &c.PassMark, &c.Status, &c.CancelReason, &c.Enrolled,
		&c.Version, &created, &updated); err != nil {
		return nil, err
	}
	var err error
	if c.Start, err = vn.ParseISODate(start); err != nil {
		return nil, err
	}
	if c.End, err = vn.ParseISODate(end); err != nil {
		return nil, err
	}
	c.CreatedAt, c.UpdatedAt, err = parseTimes(created, updated)
	return &c, err
}

// parseTimes parses the stored created and updated instants of a row.
func parseTimes(created, updated string) (time.Time, time.Time, error) {
	c, err := time.Parse(timeFormat, created)
	if err != nil {
		return c, c, err
	}
	u, err := time.Parse(timeFormat, updated)
	return c, u, err
}

// findClassByID returns one class. ENOTFOUND.
func findClassByID(ctx context.Context, tx *tx, id int64) (*data.Class, error) {
	c, err := scanClass(tx.QueryRowContext(ctx, `SELECT `+classColumns+classFrom+` WHERE c.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy lớp học mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	}
	return c, err
}

// checkClassVersion returns the stored class id: ENOTFOUND when it does not exist and ECONFLICT
// when its version is not the one the clerk read.
func checkClassVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Class, error) {
	tx.before(ctx, "class", id)
	c, err := findClassByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if c.Version != version {
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", c.Code, c.Version, version)
	}
	return c, nil
}

// checkClass normalises and validates c, then checks that its ward, host and village exist and
// that its đề án (linked before to programme was, 0 when new) may pay for it, filling HostName
// and ProgrammeCode.
func checkClass(ctx context.Context, tx *tx, c *data.Class, was int64) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	if err := checkWard(ctx, tx, c.WardCode); err != nil {
		return err
	}
	c.HostName = ""
	if c.HostEnterpriseID != 0 {
		name, err := enterpriseName(ctx, tx, c.HostEnterpriseID)
		if err != nil {
			return err
		}
		c.HostName = name
	}
	if err := checkVillage(ctx, tx, c.VillageID); err != nil {
		return err
	}
	code, err := linkProgramme(ctx, tx, c.ProgrammeID, c.Start.Year, data.ContentOfClass(c.Kind), "lớp học", c.ProgrammeID != was)
	c.ProgrammeCode = code
	return err
}

// checkVillage returns EINVALID unless id is 0 or a village of the register.
func checkVillage(ctx context.Context, tx *tx, id int64) error {
	if id == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM villages WHERE id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return data.Errorf(data.EINVALID, "Không có làng nghề mã %d trong danh sách làng nghề. Hãy chọn lại làng nghề.", id)
	}
	return nil
}

// checkWard returns EINVALID unless code is empty or a ward of the catalogue.
func checkWard(ctx context.Context, tx *tx, code string) error {
	if code == "" {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM divisions WHERE code = ? AND level = ?`, code, levelWard).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		var all int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM divisions WHERE level = ?`, levelWard).Scan(&all); err != nil {
			return err
		}
		return data.Errorf(data.EINVALID, "Mã phường/xã %s không có trong danh mục %d phường, xã của Hà Nội (từ 07/2025). Hãy chọn phường, xã trong danh sách.", code, all)
	}
	return nil
}

// enterpriseName returns the name of enterprise id; EINVALID when it is not in the register.
func enterpriseName(ctx context.Context, tx *tx, id int64) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM enterprises WHERE id = ?`, id).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", data.Errorf(data.EINVALID, "Không có doanh nghiệp mã %d trong danh sách doanh nghiệp. Hãy chọn lại doanh nghiệp.", id)
	}
	return name, err
}

// classCodeFree returns an ECONFLICT naming the class other than c that holds c's code. It is
// asked before the write, which holds the write lock: on the server a statement that breaks a
// UNIQUE index ends the transaction, so the holder could not be read after it.
func classCodeFree(ctx context.Context, tx *tx, c *data.Class) error {
	var name string
	switch err := tx.QueryRowContext(ctx, `SELECT name FROM classes WHERE code = ? AND id <> ?`, c.Code, c.ID).Scan(&name); {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return data.Errorf(data.ECONFLICT, "Mã lớp %s đã dùng cho lớp \"%s\". Hãy chọn mã khác.", c.Code, name)
}

// classValues returns the stored columns of c that insert and update share, in their order.
func classValues(c *data.Class) []any {
	return []any{c.Code, c.Name, vn.SortKey(c.Name), string(c.Kind), c.Trade, vn.SortKey(c.Trade),
		c.HostEnterpriseID, c.Venue, c.WardCode, c.Start.ISO(), c.End.ISO(), c.Hours, c.Trainers, c.Capacity,
		c.Budget, c.ProgrammeID, c.VillageID, c.MinAttendance, c.PassMark}
}

// indexClass writes what the search index holds for c (checked, with its HostName), replacing
// what it held when replace is set.
func indexClass(ctx context.Context, tx *tx, c *data.Class, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM class_search WHERE rowid = ?`, c.ID); err != nil {
			return err
		}
	}
	var ward string
	if c.WardCode != "" {
		var kind, name string
		if err := tx.QueryRowContext(ctx, `SELECT kind, name FROM divisions WHERE code = ?`, c.WardCode).Scan(&kind, &name); err != nil {
			return err
		}
		ward = kind + " " + name
	}
	text := indexText(c.Code, c.Name, c.Kind.Label(), c.Trade, c.HostName, c.Venue, ward, c.Trainers)
	_, err := tx.ExecContext(ctx, `INSERT INTO class_search (rowid, text) VALUES (?, ?)`, c.ID, text)
	return err
}

// indexText returns what a search index table holds for the fields: their search words one space
// apart, which SQLite's FTS5 and the server's 'simple' text search both cut into the same words
// (the server's parser alone would keep "LH-2026-001" whole, and FTS5 cuts it in three).
func indexText(fields ...string) string {
	return strings.Join(searchWords(strings.Join(fields, " ")), " ")
}

// classWhere returns the WHERE clause, over classes c, of the filter's fields that are set.
func classWhere(d dialect, f data.ClassFilter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if m := matching(f.Search); len(m.words) > 0 {
		in, a := inSearch(d, "c.id", "class_search", m)
		add(in, a...)
	}
	if f.Year != nil {
		add(`c.start_date >= ? AND c.start_date < ?`, fmt.Sprintf("%04d-01-01", *f.Year), fmt.Sprintf("%04d-01-01", *f.Year+1))
	}
	if f.Kind != nil {
		add(`c.kind = ?`, string(*f.Kind))
	}
	if f.Status != nil {
		add(`c.status = ?`, string(*f.Status))
	}
	if f.WardCode != nil {
		if *f.WardCode == "" {
			add(`c.ward_code IS NULL`)
		} else {
			add(`c.ward_code = ?`, *f.WardCode)
		}
	}
	for _, link := range []struct { // 0 keeps the classes with none
		id  *int64
		col string
	}{{f.HostEnterpriseID, "c.host_enterprise_id"}, {f.ProgrammeID, "c.programme_id"}, {f.VillageID, "c.village_id"}} {
		if link.id == nil {
			continue
		}
		if *link.id == 0 {
			add(link.col + ` IS NULL`)
		} else {
			add(link.col+` = ?`, *link.id)
		}
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// classSortColumns are the columns each sort orders by before the code that breaks ties.
var classSortColumns = map[data.ClassSort][]string{
	"":                   {"c.start_date"},
	data.ClassByStart:    {"c.start_date"},
	data.ClassByCode:     {},
	data.ClassByName:     {"c.name_key"},
	data.ClassByKind:     {"c.kind"},
	data.ClassByTrade:    {"c.trade_key"},
	data.ClassByHost:     {"h.name_key"},
	data.ClassByWard:     {"w.name_key", "c.ward_code"},
	data.ClassByStatus:   {"CASE c.status WHEN 'ke_hoach' THEN 1 WHEN 'tuyen_sinh' THEN 2 WHEN 'dang_hoc' THEN 3 WHEN 'ket_thuc' THEN 4 WHEN 'da_cap_chung_chi' THEN 5 ELSE 6 END"},
	data.ClassByEnrolled: {"enrolled"},
}

// classNullable are the sort columns that may be NULL (no host, no ward): their NULLs come first,
// last when descending, as SQLite sorts them and the server does only when told.
var classNullable = map[string]bool{"h.name_key": true, "w.name_key": true, "c.ward_code": true}

// classOrder returns the ORDER BY clause of the filter's sort and the join it needs.
func classOrder(f data.ClassFilter) (order, join string, err error) {
	cols, ok := classSortColumns[f.Sort]
	if !ok {
		return "", "", data.Errorf(data.EINVALID, "Không sắp xếp được theo cột %q.", f.Sort)
	}
	if f.Sort == data.ClassByWard {
		join = ` LEFT JOIN divisions w ON w.code = c.ward_code`
	}
	cols = slices.Concat(cols, []string{"c.code"})
	for i, c := range cols {
		switch {
		case f.Desc && classNullable[c]:
			cols[i] += " DESC NULLS LAST"
		case f.Desc:
			cols[i] += " DESC"
		case classNullable[c]:
			cols[i] += " NULLS FIRST"
		}
	}
	return ` ORDER BY ` + strings.Join(cols, ", "), join, nil
}
