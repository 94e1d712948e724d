package data

import (
	"context"
	"fmt"
	"strings"
	"time"

	"khuyencong/data/vn"
)

// EnrollmentStatus says whether a trainee is still in a class.
type EnrollmentStatus string

// The statuses of an enrolment.
const (
	EnrollmentActive    EnrollmentStatus = "hoc"      // đang học (or has completed)
	EnrollmentWithdrawn EnrollmentStatus = "thoi_hoc" // thôi học: left the class; the record stays
)

// Label returns the status's Vietnamese name.
func (s EnrollmentStatus) Label() string {
	switch s {
	case EnrollmentActive:
		return "Đang học"
	case EnrollmentWithdrawn:
		return "Thôi học"
	}
	return string(s)
}

// Enrollment is a trainee's place in a class, with the result and what happened after.
type Enrollment struct {
	// ID is the store's key.
	ID int64
	// ClassID and TraineeID say who is in which class; a trainee is in a class at most once.
	ClassID, TraineeID int64
	// Status says whether the trainee is still in the class.
	Status EnrollmentStatus
	// WithdrawnOn is the day a withdrawn trainee left; zero otherwise.
	WithdrawnOn vn.Date
	// WithdrawReason says why a withdrawn trainee left.
	WithdrawReason string
	// Score is the final score in tenths of a point (75 is 7,5), meaningful when HasScore.
	Score int
	// HasScore is false until a score is entered.
	HasScore bool
	// Employed is true when the trainee found work or uses the trade after the course.
	Employed bool
	// EmployerID is the employer from the register of enterprises; 0 when none or not known.
	EmployerID int64
	// Employer is the employer as free text, or the way of using the trade ("tự làm tại nhà").
	Employer string
	// EmployedOn is the day the work began, if known.
	EmployedOn vn.Date
	// Version counts saved changes; an update must carry the version it read.
	Version int
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt, UpdatedAt time.Time
}

// Employment is what the follow-up after a course records about a trainee.
type Employment struct {
	// Employed is true when the trainee found work or uses the trade.
	Employed bool
	// EmployerID is the employer from the register; 0 when none.
	EmployerID int64
	// Employer is the employer as free text.
	Employer string
	// EmployedOn is the day the work began, if known.
	EmployedOn vn.Date
}

// Normalize trims the text, and clears every detail when the trainee is not employed.
func (e *Employment) Normalize() {
	e.Employer = vn.NFC(e.Employer)
	if !e.Employed {
		*e = Employment{}
	}
}

// Validate checks the follow-up on the day today. EINVALID.
func (e *Employment) Validate(today vn.Date) error {
	if err := ValidateDate("Ngày có việc làm", e.EmployedOn); err != nil {
		return err
	}
	if err := checkText(textField{"Nơi làm việc", e.Employer, MaxShortLen, false}); err != nil {
		return err
	}
	switch {
	case e.EmployerID < 0:
		return Errorf(EINVALID, "Mã doanh nghiệp %d không đúng.", e.EmployerID)
	case today.Before(e.EmployedOn):
		return Errorf(EINVALID, "Ngày có việc làm %s là ngày chưa tới (hôm nay là %s).", e.EmployedOn, today)
	}
	return nil
}

// EmploymentStats is the follow-up of a class: how many of its trainees found work.
type EmploymentStats struct {
	// Trainees counts the active (not withdrawn) enrolments.
	Trainees int
	// Employed counts those among them who found work or use the trade.
	Employed int
}

// Percent returns the employment rate in whole percent, 0 for a class without trainees.
func (s EmploymentStats) Percent() int {
	if s.Trainees == 0 {
		return 0
	}
	return s.Employed * 100 / s.Trainees
}

// EnrollmentView is an enrolment as the roster, the results sheet and a trainee's history show it:
// with the trainee, the attendance counts, the grade and the completion decision.
type EnrollmentView struct {
	Enrollment
	// TraineeName, Female, BirthDate, BirthPlace and CCCD are the trainee's.
	TraineeName vn.Name
	Female      bool
	BirthDate   vn.Date
	BirthPlace  string
	CCCD        string
	// Sessions is the number of the class's sessions held so far (those with attendance taken).
	Sessions int
	// Present, Late, Excused and Absent count the trainee's marks over the held sessions; a held
	// session with no mark for the trainee counts as absent.
	Present, Late, Excused, Absent int
	// AttendancePercent is the whole percent of held sessions attended (present or late), rounded
	// down so that it never shows more than was attended: 2 of 3 is 66. Eligibility compares the
	// exact fraction with the class minimum.
	AttendancePercent int
	// Grade is the grade of the score ("Khá"), "" without a score.
	Grade string
	// Eligible is true when the trainee completed the course and may get a certificate.
	Eligible bool
	// Reason says why a trainee is not eligible ("Vắng 6/20 buổi"); "" when eligible.
	Reason string
}

// Missed returns how many held sessions the trainee did not attend: absences, excused ones and
// sessions not marked.
func (v *EnrollmentView) Missed() int { return v.Sessions - v.Present - v.Late }

// Assess fills the attendance percent, grade, eligibility and reason of v from its counts and
// score, under the class's completion rules and the grade scale. Attendance is the sessions
// attended (có mặt or muộn) over the sessions held; an excused absence (có phép) is still an
// absence for completion, as the rules count time in class, but is shown apart. A trainee is
// eligible when active, attendance ≥ the class minimum and score ≥ the pass mark.
func (v *EnrollmentView) Assess(c *Class, g GradeScale) {
	attended := v.Present + v.Late
	v.Absent = v.Sessions - attended - v.Excused
	v.AttendancePercent = 0
	if v.Sessions > 0 {
		v.AttendancePercent = attended * 100 / v.Sessions
	}
	v.Grade = ""
	if v.HasScore {
		v.Grade = g.Grade(v.Score)
	}
	var reasons []string
	switch {
	case v.Status == EnrollmentWithdrawn:
		reasons = append(reasons, "Thôi học từ "+v.WithdrawnOn.String())
	case v.Sessions == 0:
		reasons = append(reasons, "Chưa điểm danh buổi nào")
	case attended*100 < c.MinAttendance*v.Sessions:
		reasons = append(reasons, fmt.Sprintf("Vắng %d/%d buổi", v.Missed(), v.Sessions))
	}
	if v.Status != EnrollmentWithdrawn {
		switch {
		case !v.HasScore:
			reasons = append(reasons, "Chưa có điểm")
		case v.Score < c.PassMark:
			reasons = append(reasons, fmt.Sprintf("Điểm %s dưới điểm đạt %s", FormatScore(v.Score), FormatScore(c.PassMark)))
		}
	}
	v.Reason = strings.Join(reasons, "; ")
	v.Eligible = len(reasons) == 0
}

// EnrollmentService enrols trainees in classes and keeps their results.
type EnrollmentService interface {
	// Enroll puts a trainee in a class and returns the enrolment. ENOTFOUND for the class or the
	// trainee; ECONFLICT when the trainee is already in the class, the class is full, or it no
	// longer takes trainees (status other than kế hoạch, tuyển sinh, đang học).
	Enroll(ctx context.Context, classID, traineeID int64) (*Enrollment, error)
	// EnrollMany puts many trainees in a class in one transaction, all or none, as a pasted list
	// does. The errors of Enroll; ECONFLICT for capacity says how many seats are left.
	EnrollMany(ctx context.Context, classID int64, traineeIDs []int64) ([]*Enrollment, error)
	// EnrollList creates the new trainees of a pasted list and enrols them with the existing
	// ones in one transaction, all or none. The errors of CreateTrainees and EnrollMany.
	EnrollList(ctx context.Context, classID int64, existing []int64, fresh []*Trainee) ([]*Enrollment, error)
	// Withdraw records that a trainee left the class on a day, for a reason; the record stays.
	// EINVALID for no reason or a day outside the course or in the future; ENOTFOUND; ECONFLICT
	// for a stale version, a trainee already withdrawn, or a class whose certificates are issued.
	Withdraw(ctx context.Context, enrollmentID int64, version int, on vn.Date, reason string) (*Enrollment, error)
	// ClassRoster returns the class's enrolments, withdrawn ones included, sorted the Vietnamese
	// way by given name, with attendance and completion assessed. ENOTFOUND.
	ClassRoster(ctx context.Context, classID int64) ([]*EnrollmentView, error)
	// SetScore sets a trainee's score in tenths (0–100), or clears it with NoScore, and returns
	// the saved enrolment. EINVALID for a score outside 0–10; ENOTFOUND; ECONFLICT for a stale
	// version, a withdrawn trainee, or a class cancelled or whose certificates are issued.
	SetScore(ctx context.Context, enrollmentID int64, version int, score int) (*Enrollment, error)
	// SetEmployment records the follow-up after the course and returns the saved enrolment.
	// EINVALID (also for an unknown employer); ENOTFOUND; ECONFLICT for a stale version.
	SetEmployment(ctx context.Context, enrollmentID int64, version int, e Employment) (*Enrollment, error)
	// EmploymentRate returns how many of the class's active trainees found work. ENOTFOUND.
	EmploymentRate(ctx context.Context, classID int64) (EmploymentStats, error)
}

// GradeScale holds the lowest score, in tenths, of each grade; a score below TB is "Không đạt".
type GradeScale struct {
	// XuatSac is the lowest score graded "Xuất sắc" (90).
	XuatSac int
	// Gioi is the lowest score graded "Giỏi" (80).
	Gioi int
	// Kha is the lowest score graded "Khá" (70).
	Kha int
	// TBKha is the lowest score graded "Trung bình khá" (60).
	TBKha int
	// TB is the lowest score graded "Trung bình" (50).
	TB int
}

// DefaultGradeScale is the usual scale: Xuất sắc ≥ 9; Giỏi ≥ 8; Khá ≥ 7; Trung bình khá ≥ 6;
// Trung bình ≥ 5; Không đạt below.
func DefaultGradeScale() GradeScale {
	return GradeScale{XuatSac: 90, Gioi: 80, Kha: 70, TBKha: 60, TB: 50}
}

// Grade returns the grade of a score in tenths.
func (g GradeScale) Grade(score int) string {
	switch {
	case score >= g.XuatSac:
		return "Xuất sắc"
	case score >= g.Gioi:
		return "Giỏi"
	case score >= g.Kha:
		return "Khá"
	case score >= g.TBKha:
		return "Trung bình khá"
	case score >= g.TB:
		return "Trung bình"
	}
	return "Không đạt"
}

// Validate checks that the thresholds are scores and rise from Trung bình to Xuất sắc. EINVALID.
func (g GradeScale) Validate() error {
	ts := []int{g.TB, g.TBKha, g.Kha, g.Gioi, g.XuatSac}
	for _, t := range ts {
		if t < 0 || t > MaxScore {
			return Errorf(EINVALID, "Ngưỡng xếp loại %s nằm ngoài thang điểm 0–10.", FormatScore(t))
		}
	}
	for i := 1; i < len(ts); i++ {
		if ts[i] <= ts[i-1] {
			return Errorf(EINVALID, "Các ngưỡng xếp loại phải tăng dần: Trung bình < Trung bình khá < Khá < Giỏi < Xuất sắc (đang là %s, %s, %s, %s, %s).",
				FormatScore(g.TB), FormatScore(g.TBKha), FormatScore(g.Kha), FormatScore(g.Gioi), FormatScore(g.XuatSac))
		}
	}
	return nil
}

// GradeService keeps the grade scale, a setting shared by everyone who uses the database.
type GradeService interface {
	// GradeScale returns the grade scale; a new database has DefaultGradeScale.
	GradeScale(ctx context.Context) (GradeScale, error)
	// SaveGradeScale validates and stores the grade scale. EINVALID.
	SaveGradeScale(ctx context.Context, g GradeScale) error
}

// ParseScore reads a score as a trainer types it, on the scale 0–10 with one decimal at most,
// the decimal sign a comma or a point: "7,5", "7.5" and "8" give 75, 75 and 80 tenths. The whole
// part is one or two ASCII digits ("07,5" as a date's "05"), so nothing typed but a padding zero
// is missing from the printed "7,5". Blank input gives NoScore and no error. EINVALID with a
// message saying what is wrong.
func ParseScore(s string) (int, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return NoScore, nil
	}
	if strings.HasPrefix(in, "-") {
		return 0, Errorf(EINVALID, "Điểm %q không được âm: điểm chấm theo thang 0–10.", in)
	}
	whole, frac, hasFrac := strings.Cut(strings.Replace(in, ",", ".", 1), ".")
	digits := func(p string) bool { return p != "" && strings.Trim(p, "0123456789") == "" }
	if !digits(whole) || hasFrac && !digits(frac) {
		return 0, Errorf(EINVALID, "Điểm %q không phải một số: hãy gõ điểm từ 0 đến 10, ví dụ 7,5.", in)
	}
	if len(frac) > 1 {
		return 0, Errorf(EINVALID, "Điểm %q chỉ được có một chữ số sau dấu phẩy, ví dụ 7,5.", in)
	}
	if len(whole) > 2 && whole[0] == '0' {
		return 0, Errorf(EINVALID, "Điểm %q có chữ số 0 thừa ở đầu: hãy gõ điểm từ 0 đến 10, ví dụ 7,5.", in)
	}
	if len(whole) > 2 {
		return 0, Errorf(EINVALID, "Điểm %s vượt quá 10: điểm chấm theo thang 0–10.", in)
	}
	n := 0
	for _, r := range whole + frac {
		n = n*10 + int(r-'0')
	}
	if frac == "" {
		n *= 10
	}
	if n > MaxScore {
		return 0, Errorf(EINVALID, "Điểm %s vượt quá 10: điểm chấm theo thang 0–10.", in)
	}
	return n, nil
}

// FormatScore writes a score in tenths with one decimal and a comma: 75 is "7,5", 80 is "8,0".
func FormatScore(score int) string {
	sign := ""
	if score < 0 {
		sign, score = "-", -score
	}
	return fmt.Sprintf("%s%d,%d", sign, score/10, score%10)
}
