package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// weekdayNames are the Vietnamese names of the days of the week, Sunday first like time.Weekday.
var weekdayNames = [7]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}

// GenerateSessions makes one session on each of the chosen weekdays from the class's start to its
// end and returns them. EINVALID when no weekday is chosen or none falls within the course;
// ENOTFOUND; ECONFLICT when the class already has sessions or is closed.
func (db *DB) GenerateSessions(ctx context.Context, classID int64, weekdays []time.Weekday) (_ []*data.Session, err error) {
	defer translate(&err)
	chosen := map[time.Weekday]bool{}
	for _, d := range weekdays {
		if d < time.Sunday || d > time.Saturday {
			return nil, data.Errorf(data.EINVALID, "Ngày trong tuần %d không có.", int(d))
		}
		chosen[d] = true
	}
	if len(chosen) == 0 {
		return nil, data.Errorf(data.EINVALID, "Hãy chọn ít nhất một ngày trong tuần có buổi học.")
	}
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findClassByID(ctx, tx, classID)
	if err != nil {
		return nil, err
	}
	if err := checkClassOpen(c, "tạo buổi học"); err != nil {
		return nil, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions WHERE class_id = ?`, classID).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s đã có %d buổi học; chỉ tạo tự động được cho lớp chưa có buổi nào. Hãy thêm hoặc dời từng buổi.", c.Code, n)
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO sessions (class_id, date, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return nil, err
	}
	defer insert.Close()
	var out []*data.Session
	for d := c.Start; !c.End.Before(d); d = d.AddDays(1) {
		if !chosen[d.Time().Weekday()] {
			continue
		}
		id, err := scanID(insert.QueryRowContext(ctx, classID, d.ISO(), tx.at(), tx.at()))
		if err != nil {
			return nil, err
		}
		out = append(out, &data.Session{ID: id, ClassID: classID, Date: d})
	}
	if len(out) == 0 {
		var names []string
		for _, d := range slices.Sorted(maps.Keys(chosen)) {
			names = append(names, weekdayNames[d])
		}
		return nil, data.Errorf(data.EINVALID, "Từ %s đến %s không có ngày nào là %s. Hãy chọn ngày khác trong tuần hoặc sửa thời gian học.", c.Start, c.End, strings.Join(names, ", "))
	}
	if err := audit(ctx, tx, "generate", "session", classID, fmt.Sprintf("%s: %d buổi học", c.Code, len(out))); err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// AddSession validates and stores a session of s.ClassID, setting its ID. EINVALID; ENOTFOUND;
// ECONFLICT for a closed class.
func (db *DB) AddSession(ctx context.Context, s *data.Session) (err error) {
	defer translate(&err)
	s.Topic = vn.NFC(s.Topic)
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c, err := findClassByID(ctx, tx, s.ClassID)
	if err != nil {
		return err
	}
	if err := checkClassOpen(c, "thêm buổi học"); err != nil {
		return err
	}
	if err := s.Validate(c); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO sessions (class_id, date, hours, topic, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		s.ClassID, s.Date.ISO(), s.Hours, s.Topic, tx.at(), tx.at())
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "create", "session", id, c.Code+": "+s.Date.String()); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	s.ID, s.Held = id, false
	return nil
}

// MoveSession moves a session to another day of the course and returns it. EINVALID; ENOTFOUND;
// ECONFLICT for a closed class.
func (db *DB) MoveSession(ctx context.Context, sessionID int64, to vn.Date) (_ *data.Session, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s, err := findSession(ctx, tx, sessionID)
	if err != nil {
		return nil, err
	}
	c, err := findClassByID(ctx, tx, s.ClassID)
	if err != nil {
		return nil, err
	}
	if err := checkClassOpen(c, "dời buổi học"); err != nil {
		return nil, err
	}
	from := s.Date
	s.Date = to
	if err := s.Validate(c); err != nil {
		return nil, err
	}
	tx.before(ctx, "session", sessionID)
	if _, err := tx.ExecContext(ctx, `UPDATE sessions SET date = ?, updated_at = ? WHERE id = ?`, to.ISO(), tx.at(), sessionID); err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "move", "session", sessionID, fmt.Sprintf("%s: %s → %s", c.Code, from, to)); err != nil {
		return nil, err
	}
	return s, tx.Commit()
}

// Sessions returns the class's sessions in date order. ENOTFOUND.
func (db *DB) Sessions(ctx context.Context, classID int64) (_ []*data.Session, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findClassByID(ctx, tx, classID); err != nil {
		return nil, err
	}
	return classSessions(ctx, tx, classID)
}

// AttendanceGrid returns the class with its sessions, roster and marks, in one read. ENOTFOUND.
func (db *DB) AttendanceGrid(ctx context.Context, classID int64) (_ *data.AttendanceGrid, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return attendanceGrid(ctx, tx, classID)
}

// SaveSessionAttendance replaces the session's attendance with marks, by enrolment ID, in one
// transaction. EINVALID for an unknown mark, an enrolment of another class or a session still to
// come; ENOTFOUND; ECONFLICT for a trainee withdrawn before the session or a closed class.
func (db *DB) SaveSessionAttendance(ctx context.Context, sessionID int64, marks map[int64]data.AttendanceMark) (err error) {
	defer translate(&err)
	today := db.today()
	tx, err := db.write(ctx, data.RightClassRecords)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	s, c, err := openSession(ctx, tx, sessionID, today, "điểm danh")
	if err == nil {
		err = classScope(ctx, tx, c.ID)
	}
	if err != nil {
		return err
	}
	type member struct {
		name, withdrawn string
	}
	members := map[int64]member{}
	rows, err := tx.QueryContext(ctx, `SELECT e.id, e.status, e.withdrawn_on, t.family, t.middle, t.given
		FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.class_id = ?`, c.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var status, withdrawn string
		var n vn.Name
		if err := rows.Scan(&id, &status, &withdrawn, &n.Family, &n.Middle, &n.Given); err != nil {
			rows.Close()
			return err
		}
		if status != string(data.EnrollmentWithdrawn) {
			withdrawn = ""
		}
		members[id] = member{n.Full(), withdrawn}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := slices.Sorted(maps.Keys(marks))
	counts := map[data.AttendanceMark]int{}
	for _, id := range ids {
		m, ok := members[id]
		mark := marks[id]
		switch {
		case !ok:
			return data.Errorf(data.EINVALID, "Bản ghi danh mã %d không thuộc lớp %s; hãy tải lại bảng điểm danh.", id, c.Code)
		case mark != "" && !mark.Valid():
			return data.Errorf(data.EINVALID, "Điểm danh %q của %s không có: chỉ dùng Có mặt, Vắng, Muộn hoặc Có phép.", mark, m.name)
		case m.withdrawn != "" && m.withdrawn <= s.Date.ISO():
			d, _ := vn.ParseISODate(m.withdrawn)
			return data.Errorf(data.ECONFLICT, "Học viên %s đã thôi học từ %s nên không điểm danh được buổi %s.", m.name, d, s.Date)
		}
		counts[mark]++
	}
	set, err := tx.PrepareContext(ctx, `INSERT INTO attendance (session_id, enrollment_id, mark) VALUES (?, ?, ?)
		ON CONFLICT (session_id, enrollment_id) DO UPDATE SET mark = excluded.mark`)
	if err != nil {
		return err
	}
	defer set.Close()
	clear, err := tx.PrepareContext(ctx, `DELETE FROM attendance WHERE session_id = ? AND enrollment_id = ?`)
	if err != nil {
		return err
	}
	defer clear.Close()
	for _, id := range ids {
		if marks[id] == "" {
			_, err = clear.ExecContext(ctx, sessionID, id)
		} else {
			_, err = set.ExecContext(ctx, sessionID, id, string(marks[id]))
		}
		if err != nil {
			return err
		}
	}
	var summary []string
	for _, m := range data.AttendanceMarks {
		if counts[m] > 0 {
			summary = append(summary, fmt.Sprintf("%d %s", counts[m], strings.ToLower(m.Label())))
		}
	}
	if err := audit(ctx, tx, "attendance", "session", sessionID, fmt.Sprintf("%s, buổi %s: %s", c.Code, s.Date, strings.Join(summary, ", "))); err != nil {
		return err
	}
	return tx.Commit()
}

// MarkAllPresent marks present every trainee in the class on the session who has no mark yet
// (withdrawn trainees excepted) and returns how many it marked. EINVALID for a session still to
// come; ENOTFOUND; ECONFLICT for a closed class.
func (db *DB) MarkAllPresent(ctx context.Context, sessionID int64) (_ int, err error) {
	defer translate(&err)
	today := db.today()
	tx, err := db.write(ctx, data.RightClassRecords)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	s, c, err := openSession(ctx, tx, sessionID, today, "điểm danh")
	if err == nil {
		err = classScope(ctx, tx, c.ID)
	}
	if err != nil {
		return 0, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO attendance (session_id, enrollment_id, mark)
		SELECT ?, e.id, 'co_mat' FROM enrollments e
		WHERE e.class_id = ? AND (e.status = 'hoc' OR e.withdrawn_on > ?)
		AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = ? AND a.enrollment_id = e.id)
		ORDER BY e.id`, sessionID, c.ID, s.Date.ISO(), sessionID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	if err := audit(ctx, tx, "attendance", "session", sessionID, fmt.Sprintf("%s, buổi %s: %d có mặt (đánh dấu cả lớp)", c.Code, s.Date, n)); err != nil {
		return 0, err
	}
	return int(n), tx.Commit()
}

// checkClassOpen returns ECONFLICT when the class is certified or cancelled, so that doing what
// says (e.g. "thêm buổi học") would change a closed record.
func checkClassOpen(c *data.Class, doing string) error {
	switch c.Status {
	case data.ClassCertified:
		return data.Errorf(data.ECONFLICT, "Lớp %s đã cấp chứng chỉ nên không %s được nữa: hồ sơ lớp phải khớp với chứng chỉ đã in.", c.Code, doing)
	case data.ClassCancelled:
		return data.Errorf(data.ECONFLICT, "Lớp %s đã hủy nên không %s được.", c.Code, doing)
	}
	return nil
}

// openSession returns a session and its class for taking attendance on the day today: ENOTFOUND;
// ECONFLICT for a closed class; EINVALID for a session still to come.
func openSession(ctx context.Context, tx *tx, sessionID int64, today vn.Date, doing string) (*data.Session, *data.Class, error) {
	s, err := findSession(ctx, tx, sessionID)
	if err != nil {
		return nil, nil, err
	}
	c, err := findClassByID(ctx, tx, s.ClassID)
	if err != nil {
		return nil, nil, err
	}
	if err := checkClassOpen(c, doing); err != nil {
		return nil, nil, err
	}
	if today.Before(s.Date) {
		return nil, nil, data.Errorf(data.EINVALID, "Buổi học ngày %s chưa diễn ra (hôm nay là %s) nên chưa %s được.", s.Date, today, doing)
	}
	return s, c, nil
}

// sessionColumns are the columns scanSession reads, from sessions s.
const sessionColumns = `s.id, s.class_id, s.date, s.hours, s.topic, EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id)`

// scanSession reads one row of sessionColumns.
func scanSession(r scanner) (*data.Session, error) {
	var s data.Session
	var date string
	if err := r.Scan(&s.ID, &s.ClassID, &date, &s.Hours, &s.Topic, &s.Held); err != nil {
		return nil, err
	}
	var err error
	s.Date, err = vn.ParseISODate(date)
	return &s, err
}

// findSession returns one session. ENOTFOUND.
func findSession(ctx context.Context, tx *tx, id int64) (*data.Session, error) {
	s, err := scanSession(tx.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions s WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy buổi học mã %d; hãy tải lại lớp.", id)
	}
	return s, err
}

// classSessions returns the sessions of a class in date order.
func classSessions(ctx context.Context, tx *tx, classID int64) ([]*data.Session, error) {
	return queryRows(ctx, tx, scanSession, `SELECT `+sessionColumns+` FROM sessions s WHERE s.class_id = ? ORDER BY s.date, s.id`, classID)
}

// attendanceGrid reads a class, its sessions, its roster (by given name) and every mark, and
// assesses the roster. ENOTFOUND.
func attendanceGrid(ctx context.Context, tx *tx, classID int64) (*data.AttendanceGrid, error) {
	c, err := findClassByID(ctx, tx, classID)
	if err != nil {
		return nil, err
	}
	scale, err := gradeScale(ctx, tx)
	if err != nil {
		return nil, err
	}
	g := &data.AttendanceGrid{Class: c, Marks: map[data.AttendanceKey]data.AttendanceMark{}}
	if g.Sessions, err = classSessions(ctx, tx, classID); err != nil {
		return nil, err
	}
	if g.Roster, err = enrollmentViews(ctx, tx, `e.class_id = ?`, ` ORDER BY t.name_key, t.id`, classID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.session_id, a.enrollment_id, a.mark FROM sessions s
		JOIN attendance a ON a.session_id = s.id WHERE s.class_id = ?`, classID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byID := make(map[int64]*data.EnrollmentView, len(g.Roster))
	for _, v := range g.Roster {
		byID[v.ID] = v
	}
	for rows.Next() {
		var k data.AttendanceKey
		var m data.AttendanceMark
		if err := rows.Scan(&k.SessionID, &k.EnrollmentID, &m); err != nil {
			return nil, err
		}
		g.Marks[k] = m
		if v := byID[k.EnrollmentID]; v != nil {
			countMark(v, m, 1)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	held := 0
	for _, s := range g.Sessions {
		if s.Held {
			held++
		}
	}
	for _, v := range g.Roster {
		v.Sessions = held
		v.Assess(c, scale)
	}
	return g, nil
}
