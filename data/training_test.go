package data_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/vn"
)

func validClass() *data.Class {
	c := data.NewClass()
	c.Code, c.Name, c.Trade = "lh-2026-001", "Lớp truyền nghề gốm sứ", "Gốm sứ"
	c.Start, c.End = vn.Date{Year: 2026, Month: 3, Day: 5}, vn.Date{Year: 2026, Month: 5, Day: 29}
	c.Capacity, c.Hours, c.Budget = 30, 240, 150_000_000
	return c
}

func TestClassValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(c *data.Class)
		want   string // a part of the message; "" means valid
	}{
		{"OK", func(c *data.Class) {}, ""},
		{"OKOneDay", func(c *data.Class) { c.End = c.Start }, ""},
		{"ErrEndBeforeStart", func(c *data.Class) {
			c.Start, c.End = vn.Date{Year: 2026, Month: 3, Day: 5}, vn.Date{Year: 2026, Month: 3, Day: 1}
		}, "Ngày kết thúc 01/03/2026 trước ngày bắt đầu 05/03/2026."},
		{"ErrNoDates", func(c *data.Class) { c.End = vn.Date{} }, "ngày kết thúc"},
		{"ErrCapacityZero", func(c *data.Class) { c.Capacity = 0 }, "Số học viên tối đa phải lớn hơn 0"},
		{"ErrCapacityNegative", func(c *data.Class) { c.Capacity = -5 }, "đang là -5"},
		{"ErrCodeEmpty", func(c *data.Class) { c.Code = "  " }, "Mã lớp không được để trống"},
		{"ErrCodeTooLong", func(c *data.Class) { c.Code = strings.Repeat("X", 31) }, "Mã lớp dài 31 ký tự"},
		{"ErrCodeSpace", func(c *data.Class) { c.Code = "LH 2026" }, "dấu cách"},
		{"ErrNameEmpty", func(c *data.Class) { c.Name = "" }, "Tên lớp không được để trống"},
		{"ErrKind", func(c *data.Class) { c.Kind = "" }, "loại lớp"},
		{"ErrMinAttendance", func(c *data.Class) { c.MinAttendance = 101 }, "Tỷ lệ chuyên cần tối thiểu phải từ 0 đến 100% (đang là 101%)"},
		{"ErrPassMark", func(c *data.Class) { c.PassMark = 105 }, "Điểm đạt phải từ 0 đến 10 (đang là 10,5)"},
		{"ErrBudgetNegative", func(c *data.Class) { c.Budget = -1_000_000 }, "Kinh phí không được âm (đang là -1.000.000 đ)"},
		{"ErrHoursNegative", func(c *data.Class) { c.Hours = -1 }, "Số giờ học không được âm"},
		{"ErrCancelledNoReason", func(c *data.Class) { c.Status = data.ClassCancelled }, "lý do hủy"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := validClass()
			tc.change(c)
			c.Normalize()
			assertInvalid(t, c.Validate(), tc.want)
		})
	}
	c := validClass()
	c.Normalize()
	if got, want := c.Code, "LH-2026-001"; got != want {
		t.Fatalf("Code=%q, want %q", got, want)
	}
}

// assertInvalid fails unless err is nil (want "") or an EINVALID whose message holds want.
func assertInvalid(tb testing.TB, err error, want string) {
	tb.Helper()
	if want == "" {
		if err != nil {
			tb.Fatalf("Validate()=%v, want nil", err)
		}
		return
	}
	if got := data.ErrorCode(err); got != data.EINVALID {
		tb.Fatalf("code=%q (%v), want EINVALID", got, err)
	}
	if !strings.Contains(data.ErrorMessage(err), want) {
		tb.Fatalf("message=%q, want it to contain %q", data.ErrorMessage(err), want)
	}
}

func TestClassStatusNext(t *testing.T) {
	for s, want := range map[data.ClassStatus][]data.ClassStatus{
		data.ClassPlanned:   {data.ClassEnrolling, data.ClassCancelled},
		data.ClassEnrolling: {data.ClassRunning, data.ClassCancelled},
		data.ClassRunning:   {data.ClassFinished, data.ClassCancelled},
		data.ClassFinished:  {data.ClassCertified, data.ClassCancelled},
		data.ClassCertified: nil,
		data.ClassCancelled: nil,
	} {
		if got := s.Next(); !slices.Equal(got, want) {
			t.Fatalf("%s.Next()=%v, want %v", s, got, want)
		}
	}
	if data.ClassCertified.CanMoveTo(data.ClassCancelled) {
		t.Fatal("a certified class can be cancelled")
	}
	for _, s := range data.ClassStatuses {
		if s.Label() == string(s) {
			t.Fatalf("%s has no label", s)
		}
	}
	for _, k := range data.ClassKinds {
		if k.Label() == string(k) {
			t.Fatalf("%s has no label", k)
		}
	}
}

var today = vn.Date{Year: 2026, Month: 11, Day: 28}

func validTrainee() *data.Trainee {
	return &data.Trainee{
		Name: vn.Name{Given: " Nguyễn  Thị Ánh "}, Female: true, BirthDate: vn.Date{Year: 1990, Month: 1, Day: 5},
		CCCD: "001 190 012 345", Phone: "0912.345.678",
	}
}

func TestTraineeValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(tr *data.Trainee)
		want   string
	}{
		{"OK", func(tr *data.Trainee) {}, ""},
		{"OKNoCCCD", func(tr *data.Trainee) { tr.CCCD = "" }, ""},
		{"OKExactly15", func(tr *data.Trainee) { tr.CCCD, tr.BirthDate = "", vn.Date{Year: 2011, Month: 11, Day: 28} }, ""},
		{"ErrGivenEmpty", func(tr *data.Trainee) { tr.Name = vn.Name{Family: "Nguyễn"} }, "Tên của học viên không được để trống"},
		{"ErrNoBirthDate", func(tr *data.Trainee) { tr.BirthDate = vn.Date{} }, "Hãy nhập ngày sinh"},
		{"ErrBirthFuture", func(tr *data.Trainee) { tr.CCCD, tr.BirthDate = "", vn.Date{Year: 2027, Month: 1, Day: 1} }, "Ngày sinh 01/01/2027 là ngày chưa tới"},
		{"ErrUnder15", func(tr *data.Trainee) { tr.CCCD, tr.BirthDate = "", vn.Date{Year: 2011, Month: 11, Day: 29} }, "Học viên phải từ đủ 15 tuổi: người sinh ngày 29/11/2011 đến hôm nay (28/11/2026) mới 14 tuổi"},
		{"ErrCCCD11Digits", func(tr *data.Trainee) { tr.CCCD = "00119001234" }, "phải có đúng 12 chữ số (đang có 11)"},
		{"ErrCCCDProvince", func(tr *data.Trainee) { tr.CCCD = "003190012345" }, "mã tỉnh 003 không tồn tại"},
		{"ErrCCCDBirthYear", func(tr *data.Trainee) { tr.CCCD = "001191012345" }, "cho năm sinh 1991"},
		{"ErrCCCDSex", func(tr *data.Trainee) { tr.CCCD = "001090012345" }, "là của người nam"},
		{"ErrPhone", func(tr *data.Trainee) { tr.Phone = "12345" }, "Số điện thoại"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := validTrainee()
			tc.change(tr)
			tr.Normalize()
			assertInvalid(t, tr.Validate(today), tc.want)
		})
	}
	tr := validTrainee()
	tr.Normalize()
	if got, want := tr.Name, (vn.Name{Family: "Nguyễn", Middle: "Thị", Given: "Ánh"}); got != want {
		t.Fatalf("Name=%+v, want %+v", got, want)
	}
	if tr.CCCD != "001190012345" || tr.Phone != "0912345678" || tr.Ethnicity != "Kinh" {
		t.Fatalf("CCCD=%q Phone=%q Ethnicity=%q", tr.CCCD, tr.Phone, tr.Ethnicity)
	}
	// A compound family name typed in its own field is kept as typed.
	tr = &data.Trainee{Name: vn.Name{Family: "Tôn  Nữ", Middle: "Thị", Given: "Hà"}}
	tr.Normalize()
	if got, want := tr.Name, (vn.Name{Family: "Tôn Nữ", Middle: "Thị", Given: "Hà"}); got != want {
		t.Fatalf("Name=%+v, want %+v", got, want)
	}
}

func TestDuplicateTraineeError(t *testing.T) {
	var err error = &data.DuplicateTraineeError{Err: data.Errorf(data.ECONFLICT, "Có phải là Nguyễn Thị Ánh?")}
	if got := data.ErrorCode(err); got != data.ECONFLICT {
		t.Fatalf("ErrorCode=%q", got)
	}
	if got := data.ErrorMessage(err); got != "Có phải là Nguyễn Thị Ánh?" {
		t.Fatalf("ErrorMessage=%q", got)
	}
	var d *data.DuplicateTraineeError
	if !errors.As(err, &d) {
		t.Fatal("errors.As failed")
	}
}

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		err  string // a part of the message; "" means valid
	}{
		{"7,5", 75, ""}, {"7.5", 75, ""}, {"8", 80, ""}, {" 10 ", 100, ""}, {"10,0", 100, ""}, {"0", 0, ""},
		{"0,5", 5, ""}, {"09", 90, ""}, {"", data.NoScore, ""},
		{"11", 0, "Điểm 11 vượt quá 10"}, {"10,5", 0, "vượt quá 10"}, {"100", 0, "vượt quá 10"},
		{"abc", 0, `Điểm "abc" không phải một số`}, {"7,55", 0, "một chữ số sau dấu phẩy"}, {"-1", 0, "không được âm"},
		{"7,", 0, "không phải một số"}, {",5", 0, "không phải một số"}, {"7,5,1", 0, "không phải một số"}, {"7 5", 0, "không phải một số"},
		{"٧", 0, "không phải một số"},
		{"00000010", 0, "chữ số 0 thừa ở đầu"}, {"010", 0, "chữ số 0 thừa ở đầu"}, {"+7", 0, "không phải một số"},
		{"7,5 ", 75, ""}, {"7\u0301", 0, "không phải một số"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := data.ParseScore(tc.in)
			if tc.err != "" {
				assertInvalid(t, err, tc.err)
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseScore(%q)=%d, %v; want %d", tc.in, got, err, tc.want)
			}
		})
	}
}

func FuzzParseScore(f *testing.F) {
	for _, s := range []string{"7,5", "7.5", "8", "10", "11", "abc", "", "-0", "0,0", "00000010", "9.99"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := data.ParseScore(s)
		if err != nil {
			if data.ErrorCode(err) != data.EINVALID || data.ErrorMessage(err) == "" {
				t.Fatalf("ParseScore(%q): %v is not an EINVALID with a message", s, err)
			}
			return
		}
		if n == data.NoScore {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseScore(%q)=NoScore for non-blank input", s)
			}
			return
		}
		if n < 0 || n > data.MaxScore {
			t.Fatalf("ParseScore(%q)=%d, outside 0–100", s, n)
		}
		back, err := data.ParseScore(data.FormatScore(n))
		if err != nil || back != n {
			t.Fatalf("ParseScore(FormatScore(%d)=%q)=%d, %v", n, data.FormatScore(n), back, err)
		}
		// What was typed is the printed score but for a padding zero, the decimal sign and ",0".
		typed := strings.TrimSpace(s)
		if !scoreForm.MatchString(typed) {
			t.Fatalf("ParseScore(%q)=%d, but the input is not d, dd, d,d or dd,d", s, n)
		}
		whole, frac, _ := strings.Cut(strings.Replace(typed, ".", ",", 1), ",")
		if len(whole) == 2 && whole[0] == '0' {
			whole = whole[1:]
		}
		if frac == "" {
			frac = "0"
		}
		if got := whole + "," + frac; got != data.FormatScore(n) {
			t.Fatalf("ParseScore(%q)=%d prints as %s, but %s was typed", s, n, data.FormatScore(n), got)
		}
	})
}

// scoreForm is the grammar ParseScore promises, written independently of it.
var scoreForm = regexp.MustCompile(`^[0-9]{1,2}(?:[.,][0-9])?$`)

func TestGradeScale(t *testing.T) {
	g := data.DefaultGradeScale()
	for score, want := range map[int]string{
		100: "Xuất sắc", 90: "Xuất sắc", 89: "Giỏi", 80: "Giỏi", 75: "Khá", 70: "Khá", 69: "Trung bình khá",
		60: "Trung bình khá", 55: "Trung bình", 50: "Trung bình", 49: "Không đạt", 0: "Không đạt",
	} {
		if got := g.Grade(score); got != want {
			t.Fatalf("Grade(%d)=%q, want %q", score, got, want)
		}
	}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := g
	bad.Kha = 85
	assertInvalid(t, bad.Validate(), "tăng dần")
	bad = g
	bad.XuatSac = 110
	assertInvalid(t, bad.Validate(), "ngoài thang điểm")
}

func TestAssess(t *testing.T) {
	c := validClass() // 80 % and 5,0
	g := data.DefaultGradeScale()
	for _, tc := range []struct {
		name     string
		v        data.EnrollmentView
		percent  int
		grade    string
		eligible bool
		reason   string
	}{
		{"Eligible", view(20, 15, 1, 2, 75), 80, "Khá", true, ""},
		{"Absent6of20", view(20, 14, 0, 2, 80), 70, "Giỏi", false, "Vắng 6/20 buổi"},
		{"ScoreBelowPass", view(20, 20, 0, 0, 45), 100, "Không đạt", false, "Điểm 4,5 dưới điểm đạt 5,0"},
		{"Both", view(20, 10, 0, 0, 45), 50, "Không đạt", false, "Vắng 10/20 buổi; Điểm 4,5 dưới điểm đạt 5,0"},
		{"NoScore", view(20, 20, 0, 0, -1), 100, "", false, "Chưa có điểm"},
		{"NoSession", view(0, 0, 0, 0, 90), 0, "Xuất sắc", false, "Chưa điểm danh buổi nào"},
		// Percents that do not divide exactly are rounded down, never shown above what was attended:
		// to the nearest, 2 of 3 would show 67 and 7 of 9 78.
		{"TwoOfThree", view(3, 2, 0, 0, 75), 66, "Khá", false, "Vắng 1/3 buổi"},
		{"OneOfThree", view(3, 0, 1, 0, 75), 33, "Khá", false, "Vắng 2/3 buổi"},
		{"SevenOfNine", view(9, 7, 0, 0, 75), 77, "Khá", false, "Vắng 2/9 buổi"},
		{"FiveOfSix", view(6, 4, 1, 0, 75), 83, "Khá", true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.v
			v.Assess(c, g)
			if v.AttendancePercent != tc.percent || v.Grade != tc.grade || v.Eligible != tc.eligible || v.Reason != tc.reason {
				t.Fatalf("percent=%d grade=%q eligible=%v reason=%q; want %d %q %v %q",
					v.AttendancePercent, v.Grade, v.Eligible, v.Reason, tc.percent, tc.grade, tc.eligible, tc.reason)
			}
		})
	}
	t.Run("MinimumComparedExactly", func(t *testing.T) {
		// 2 of 3 is 66,67 %: below a 67 % minimum, above a 66 % one.
		for min, eligible := range map[int]bool{67: false, 66: true} {
			c := *c
			c.MinAttendance = min
			v := view(3, 2, 0, 0, 75)
			v.Assess(&c, g)
			if v.Eligible != eligible {
				t.Errorf("2 of 3 with a %d %% minimum: eligible=%v (%q), want %v", min, v.Eligible, v.Reason, eligible)
			}
		}
	})
	t.Run("Withdrawn", func(t *testing.T) {
		v := view(20, 5, 0, 0, -1)
		v.Status, v.WithdrawnOn = data.EnrollmentWithdrawn, vn.Date{Year: 2026, Month: 3, Day: 20}
		v.Assess(c, g)
		if v.Eligible || v.Reason != "Thôi học từ 20/03/2026" {
			t.Fatalf("eligible=%v reason=%q", v.Eligible, v.Reason)
		}
	})
	t.Run("Counts", func(t *testing.T) {
		v := view(20, 14, 1, 2, 80)
		v.Assess(c, g)
		if got, want := [3]int{v.Absent, v.Excused, v.Missed()}, [3]int{3, 2, 5}; got != want {
			t.Fatalf("absent, excused, missed=%v, want %v", got, want)
		}
	})
}

// view returns an active enrolment with the counts and score (-1: none).
func view(sessions, present, late, excused, score int) data.EnrollmentView {
	v := data.EnrollmentView{Sessions: sessions, Present: present, Late: late, Excused: excused}
	v.Status = data.EnrollmentActive
	if score >= 0 {
		v.Score, v.HasScore = score, true
	}
	return v
}
