package data

import (
	"context"
	"time"

	"khuyencong/data/vn"
)

// Session is one day (or half day) of lessons of a class.
type Session struct {
	// ID is the store's key.
	ID int64
	// ClassID is the class the session belongs to.
	ClassID int64
	// Date is the day of the session.
	Date vn.Date
	// Hours is the session's teaching hours; 0 when not given.
	Hours int
	// Topic is what the session teaches, free text.
	Topic string
	// Held is true once attendance was taken for the session; filled by the store on reads.
	Held bool
}

// Validate checks a session against its class's dates. EINVALID.
func (s *Session) Validate(c *Class) error {
	if err := ValidateDate("Ngày của buổi học", s.Date); err != nil {
		return err
	}
	if err := checkText(textField{"Nội dung buổi học", s.Topic, MaxShortLen, false}); err != nil {
		return err
	}
	switch {
	case s.Date.IsZero():
		return Errorf(EINVALID, "Hãy nhập ngày của buổi học.")
	case s.Date.Before(c.Start) || c.End.Before(s.Date):
		return Errorf(EINVALID, "Ngày %s nằm ngoài thời gian học của lớp %s (%s – %s). Hãy sửa ngày của lớp trước nếu lớp học thêm.", s.Date, c.Code, c.Start, c.End)
	case s.Hours < 0 || s.Hours > 24:
		return Errorf(EINVALID, "Số giờ của buổi học phải từ 0 đến 24 (đang là %d).", s.Hours)
	}
	return nil
}

// AttendanceMark is a trainee's attendance at one session.
type AttendanceMark string

// The marks of the attendance grid. Có mặt and muộn count as attended; vắng and có phép do not
// (see EnrollmentView.Assess).
const (
	MarkPresent AttendanceMark = "co_mat"  // có mặt
	MarkAbsent  AttendanceMark = "vang"    // vắng
	MarkLate    AttendanceMark = "muon"    // muộn
	MarkExcused AttendanceMark = "co_phep" // vắng có phép
)

// AttendanceMarks lists every mark in the order the grid offers them.
var AttendanceMarks = []AttendanceMark{MarkPresent, MarkAbsent, MarkLate, MarkExcused}

// Label returns the mark's Vietnamese name.
func (m AttendanceMark) Label() string {
	switch m {
	case MarkPresent:
		return "Có mặt"
	case MarkAbsent:
		return "Vắng"
	case MarkLate:
		return "Muộn"
	case MarkExcused:
		return "Có phép"
	}
	return string(m)
}

// Valid reports whether m is one of the known marks.
func (m AttendanceMark) Valid() bool {
	for _, x := range AttendanceMarks {
		if m == x {
			return true
		}
	}
	return false
}

// Attended reports whether the mark counts towards attendance.
func (m AttendanceMark) Attended() bool { return m == MarkPresent || m == MarkLate }

// AttendanceKey names a cell of the attendance grid.
type AttendanceKey struct {
	// SessionID and EnrollmentID are the cell's column and row.
	SessionID, EnrollmentID int64
}

// AttendanceGrid is a class's whole attendance, read at once: the sessions as columns, the roster
// as rows and the marks in the cells.
type AttendanceGrid struct {
	// Class is the class.
	Class *Class
	// Sessions are the class's sessions in date order.
	Sessions []*Session
	// Roster is the class's roster as ClassRoster gives it.
	Roster []*EnrollmentView
	// Marks holds the marks taken; a cell without one is not marked.
	Marks map[AttendanceKey]AttendanceMark
}

// AttendanceService keeps a class's sessions and attendance.
type AttendanceService interface {
	// GenerateSessions makes one session on each of the chosen weekdays from the class's start to
	// its end and returns them. EINVALID when no weekday is chosen or none falls within the
	// course; ENOTFOUND; ECONFLICT when the class already has sessions or is closed (certified
	// or cancelled).
	GenerateSessions(ctx context.Context, classID int64, weekdays []time.Weekday) ([]*Session, error)
	// AddSession validates and stores a session of s.ClassID, setting its ID. EINVALID (also for a
	// day outside the course); ENOTFOUND; ECONFLICT for a closed class.
	AddSession(ctx context.Context, s *Session) error
	// MoveSession moves a session to another day of the course and returns it. EINVALID;
	// ENOTFOUND; ECONFLICT for a closed class.
	MoveSession(ctx context.Context, sessionID int64, to vn.Date) (*Session, error)
	// Sessions returns the class's sessions in date order. ENOTFOUND.
	Sessions(ctx context.Context, classID int64) ([]*Session, error)
	// AttendanceGrid returns the class with its sessions, roster and marks, in one read. ENOTFOUND.
	AttendanceGrid(ctx context.Context, classID int64) (*AttendanceGrid, error)
	// SaveSessionAttendance sets the marks of a session, by enrolment ID, in one transaction; an
	// empty mark clears one, and enrolments left out keep theirs, so two trainers marking different
	// trainees of one session do not erase each other's marks. EINVALID for an unknown mark or an
	// enrolment of another class; ENOTFOUND; ECONFLICT for a trainee withdrawn before the session
	// or a closed class.
	SaveSessionAttendance(ctx context.Context, sessionID int64, marks map[int64]AttendanceMark) error
	// MarkAllPresent marks present every trainee in the class on the session who has no mark yet
	// (withdrawn trainees excepted) and returns how many it marked. ENOTFOUND; ECONFLICT for a
	// closed class.
	MarkAllPresent(ctx context.Context, sessionID int64) (int, error)
}
