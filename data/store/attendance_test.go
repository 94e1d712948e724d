package store_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

func TestEnroll(t *testing.T) {
	setup := func(t *testing.T, capacity int) (*store.DB, *data.Class, []*data.Trainee) {
		db := MustOpenDB(t)
		c := NewClass("LH-2026-001")
		c.Capacity = capacity
		MustCreateClass(t, db, c)
		var ts []*data.Trainee
		for i, name := range []string{"Nguyễn Thị Ánh", "Trần Văn An", "Lê Văn Bình"} {
			ts = append(ts, MustCreateTrainee(t, db, NewTrainee(name, day(1990, 1, 5+i))))
		}
		return db, c, ts
	}

	t.Run("OK", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		es := MustEnroll(t, db, c, ts[0])
		if e := es[0]; e.ID == 0 || e.ClassID != c.ID || e.TraineeID != ts[0].ID || e.Status != data.EnrollmentActive || e.Version != 1 {
			t.Fatalf("enrolment %+v", e)
		}
		if got := MustClass(t, db, c.ID).Enrolled; got != 1 {
			t.Fatalf("Enrolled=%d, want 1", got)
		}
		if got := MustCount(t, db, "audit WHERE action = 'enroll'"); got != 1 {
			t.Fatalf("audit rows=%d", got)
		}
	})

	t.Run("ErrTwice", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		MustEnroll(t, db, c, ts[0])
		before := TrainingSnapshot(t, db)
		_, err := db.Enroll(ctx, c.ID, ts[0].ID)
		AssertError(t, err, data.ECONFLICT, "Học viên Nguyễn Thị Ánh (sinh 05/01/1990) đã có trong lớp LH-2026-001")
		_, err = db.EnrollMany(ctx, c.ID, []int64{ts[1].ID, ts[1].ID})
		AssertError(t, err, data.ECONFLICT, "Học viên Trần Văn An (sinh 06/01/1990) đã có trong lớp LH-2026-001")
		AssertUnchanged(t, db, before)
	})

	t.Run("ErrPastCapacity", func(t *testing.T) {
		db, c, ts := setup(t, 2)
		MustEnroll(t, db, c, ts[0], ts[1])
		before := TrainingSnapshot(t, db)
		_, err := db.Enroll(ctx, c.ID, ts[2].ID)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đã đủ 2 học viên")
		AssertUnchanged(t, db, before)
	})

	t.Run("ErrManyPastCapacity", func(t *testing.T) { // all or none
		db, c, ts := setup(t, 2)
		before := TrainingSnapshot(t, db)
		_, err := db.EnrollMany(ctx, c.ID, []int64{ts[0].ID, ts[1].ID, ts[2].ID})
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 chỉ còn 2 chỗ", "danh sách có 3 người", "Không ai được ghi danh")
		AssertUnchanged(t, db, before)
	})

	t.Run("ListNewAndExisting", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		fresh := []*data.Trainee{NewTrainee("Lò Thị Ỷ", day(2001, 1, 9)), NewTrainee("Đặng Văn Đức", day(1988, 7, 3))}
		es, err := db.EnrollList(ctx, c.ID, []int64{ts[0].ID}, fresh)
		if err != nil || len(es) != 3 || fresh[0].ID == 0 || fresh[1].Version != 1 {
			t.Fatalf("EnrollList: %d enrolments, %v; new trainees %+v", len(es), err, fresh)
		}
		if got := MustClass(t, db, c.ID).Enrolled; got != 3 {
			t.Fatalf("enrolled=%d, want 3", got)
		}
	})

	t.Run("ErrListPastCapacity", func(t *testing.T) { // the new people are not left behind unenrolled
		db, c, ts := setup(t, 2)
		before := TrainingSnapshot(t, db)
		fresh := []*data.Trainee{NewTrainee("Lò Thị Ỷ", day(2001, 1, 9)), NewTrainee("Đặng Văn Đức", day(1988, 7, 3))}
		_, err := db.EnrollList(ctx, c.ID, []int64{ts[0].ID}, fresh)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 chỉ còn 2 chỗ", "Không ai được ghi danh")
		AssertUnchanged(t, db, before)
		if n, _ := db.CountTrainees(ctx, data.TraineeFilter{Search: "Lò Thị Ỷ"}); n != 0 {
			t.Fatalf("%d trainees named Lò Thị Ỷ stored by a refused list", n)
		}
	})

	t.Run("ErrClassClosed", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		MustSetStatus(t, db, c, data.ClassRunning, data.ClassFinished)
		before := TrainingSnapshot(t, db)
		_, err := db.Enroll(ctx, c.ID, ts[0].ID)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đang ở trạng thái \"Kết thúc\" nên không nhận thêm học viên")
		AssertUnchanged(t, db, before)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, c, _ := setup(t, 30)
		_, err := db.Enroll(ctx, c.ID, 999)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy học viên mã 999")
		_, err = db.Enroll(ctx, 999, 1)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy lớp học mã 999")
	})

	t.Run("ErrWithdrawnAgain", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		e := MustEnroll(t, db, c, ts[0])[0]
		if _, err := db.Withdraw(ctx, e.ID, e.Version, day(2026, 3, 20), "Chuyển vùng"); err != nil {
			t.Fatal(err)
		}
		_, err := db.Enroll(ctx, c.ID, ts[0].ID)
		AssertError(t, err, data.ECONFLICT, "đã ghi danh lớp LH-2026-001 và thôi học từ 20/03/2026")
	})

	t.Run("Concurrent", func(t *testing.T) { // the last seat, taken from two programs at once
		for round := range 5 { // a lost race shows only now and then: run it a few times
			db, c, ts := setup(t, 2)
			MustEnroll(t, db, c, ts[0])
			other := MustOpenAgain(t, db)
			var wg sync.WaitGroup
			errs := make([]error, 2)
			start := make(chan struct{}) // both wait here, so that they really start together
			for i, d := range []*store.DB{db, other} {
				wg.Go(func() {
					<-start
					_, errs[i] = d.Enroll(ctx, c.ID, ts[1+i].ID)
				})
			}
			close(start)
			wg.Wait()
			if (errs[0] == nil) == (errs[1] == nil) {
				t.Fatalf("round %d: errors %v and %v: want exactly one enrolment to fail", round, errs[0], errs[1])
			}
			AssertError(t, errors.Join(errs[0], errs[1]), data.ECONFLICT, "Lớp LH-2026-001 đã đủ 2 học viên")
			if got := MustClass(t, db, c.ID).Enrolled; got != 2 {
				t.Fatalf("round %d: Enrolled=%d, want 2", round, got)
			}
		}
	})
}

// ClassWithTrainees makes a class (20 Tuesday and Thursday sessions from 02/03/2026 to
// 08/05/2026) with the trainees named, enrolled, and its sessions generated.
func ClassWithTrainees(tb testing.TB, db *store.DB, names ...string) (*data.Class, []*data.Enrollment, []*data.Session) {
	tb.Helper()
	c := MustCreateClass(tb, db, NewClass("LH-2026-001"))
	var es []*data.Enrollment
	for i, name := range names {
		es = append(es, MustEnroll(tb, db, c, MustCreateTrainee(tb, db, NewTrainee(name, day(1980+i, 4, 1))))...)
	}
	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Thursday, time.Tuesday})
	if err != nil {
		tb.Fatal(err)
	}
	return MustClass(tb, db, c.ID), es, ss
}

func TestWithdraw(t *testing.T) {
	db := MustOpenDB(t)
	c, es, _ := ClassWithTrainees(t, db, "Nguyễn Thị Ánh", "Trần Văn An")
	before := TrainingSnapshot(t, db)
	for _, tt := range []struct {
		name  string
		on    vn.Date
		why   string
		code  string
		words string
	}{
		{"ErrNoReason", day(2026, 3, 20), " ", data.EINVALID, "Hãy ghi lý do thôi học của Nguyễn Thị Ánh"},
		{"ErrNoDate", vn.Date{}, "Ốm", data.EINVALID, "Hãy nhập ngày thôi học"},
		{"ErrFuture", day(2026, 12, 1), "Ốm", data.EINVALID, "Ngày thôi học 01/12/2026 là ngày chưa tới"},
		{"ErrBeforeStart", day(2026, 2, 1), "Ốm", data.EINVALID, "nằm ngoài thời gian học của lớp LH-2026-001 (02/03/2026 – 08/05/2026)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.Withdraw(ctx, es[0].ID, es[0].Version, tt.on, tt.why)
			AssertError(t, err, tt.code, tt.words)
		})
	}
	_, err := db.Withdraw(ctx, es[0].ID, 7, day(2026, 3, 20), "Ốm")
	AssertError(t, err, data.ECONFLICT, "vừa được người khác sửa")
	AssertUnchanged(t, db, before)

	e, err := db.Withdraw(ctx, es[0].ID, es[0].Version, day(2026, 3, 20), "Chuyển công tác")
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != data.EnrollmentWithdrawn || e.WithdrawnOn != day(2026, 3, 20) || e.WithdrawReason != "Chuyển công tác" || e.Version != 2 {
		t.Fatalf("withdrawn %+v", e)
	}
	_, err = db.Withdraw(ctx, e.ID, e.Version, day(2026, 3, 21), "Ốm")
	AssertError(t, err, data.ECONFLICT, "đã thôi học lớp LH-2026-001 từ 20/03/2026")
	if got := MustClass(t, db, c.ID).Enrolled; got != 1 {
		t.Fatalf("Enrolled=%d, want 1 (a withdrawn trainee frees the seat)", got)
	}
}

func TestGenerateSessions(t *testing.T) {
	db := MustOpenDB(t)
	c := NewClass("LH-2026-001")
	c.End = day(2026, 3, 15)
	MustCreateClass(t, db, c)
	before := TrainingSnapshot(t, db)
	_, err := db.GenerateSessions(ctx, c.ID, nil)
	AssertError(t, err, data.EINVALID, "Hãy chọn ít nhất một ngày trong tuần")
	one := NewClass("LH-2026-002")
	one.Start, one.End = day(2026, 3, 3), day(2026, 3, 3) // a Tuesday
	MustCreateClass(t, db, one)
	before = TrainingSnapshot(t, db)
	_, err = db.GenerateSessions(ctx, one.ID, []time.Weekday{time.Saturday, time.Sunday})
	AssertError(t, err, data.EINVALID, "Từ 03/03/2026 đến 03/03/2026 không có ngày nào là Chủ nhật, thứ Bảy")
	AssertUnchanged(t, db, before)

	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Friday, time.Monday, time.Wednesday, time.Monday})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range ss {
		got = append(got, s.Date.String())
	}
	if want := []string{"02/03/2026", "04/03/2026", "06/03/2026", "09/03/2026", "11/03/2026", "13/03/2026"}; !slices.Equal(got, want) {
		t.Fatalf("sessions %v, want %v", got, want)
	}
	before = TrainingSnapshot(t, db)
	_, err = db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Tuesday})
	AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đã có 6 buổi học")
	AssertUnchanged(t, db, before)

	t.Run("AddAndMove", func(t *testing.T) {
		s := &data.Session{ClassID: c.ID, Date: day(2026, 3, 14), Hours: 4, Topic: " Thực hành nặn gốm "}
		if err := db.AddSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		before := TrainingSnapshot(t, db)
		AssertError(t, db.AddSession(ctx, &data.Session{ClassID: c.ID, Date: day(2026, 3, 16)}), data.EINVALID, "Ngày 16/03/2026 nằm ngoài thời gian học của lớp LH-2026-001")
		_, err := db.MoveSession(ctx, s.ID, day(2026, 2, 28))
		AssertError(t, err, data.EINVALID, "Ngày 28/02/2026 nằm ngoài thời gian học")
		AssertUnchanged(t, db, before)
		moved, err := db.MoveSession(ctx, ss[0].ID, day(2026, 3, 15))
		if err != nil {
			t.Fatal(err)
		}
		if moved.Date != day(2026, 3, 15) {
			t.Fatalf("moved to %s", moved.Date)
		}
		all, err := db.Sessions(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 7 || all[5].Topic != "Thực hành nặn gốm" || all[5].Hours != 4 || all[6].ID != ss[0].ID {
			t.Fatalf("sessions %+v", *all[5])
		}
	})
}

func TestSaveSessionAttendance(t *testing.T) {
	db := MustOpenDB(t)
	c, es, ss := ClassWithTrainees(t, db, "Nguyễn Thị Ánh", "Trần Văn An", "Lê Văn Bình")
	if len(ss) != 20 {
		t.Fatalf("%d sessions, want 20", len(ss))
	}
	marks := map[int64]data.AttendanceMark{es[0].ID: data.MarkPresent, es[1].ID: data.MarkLate, es[2].ID: data.MarkExcused}
	if err := db.SaveSessionAttendance(ctx, ss[0].ID, marks); err != nil {
		t.Fatal(err)
	}
	// A second trainer changes one trainee's mark and clears another's; the third mark stays.
	if err := db.SaveSessionAttendance(ctx, ss[0].ID, map[int64]data.AttendanceMark{es[2].ID: data.MarkAbsent, es[1].ID: ""}); err != nil {
		t.Fatal(err)
	}
	g, err := db.AttendanceGrid(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := func(e *data.Enrollment) data.AttendanceKey {
		return data.AttendanceKey{SessionID: ss[0].ID, EnrollmentID: e.ID}
	}
	if g.Marks[key(es[0])] != data.MarkPresent || g.Marks[key(es[2])] != data.MarkAbsent || g.Marks[key(es[1])] != "" {
		t.Fatalf("marks after a partial save: %v %v %v", g.Marks[key(es[0])], g.Marks[key(es[1])], g.Marks[key(es[2])])
	}
	if n, err := db.MarkAllPresent(ctx, ss[1].ID); err != nil || n != 3 {
		t.Fatalf("MarkAllPresent=%d, %v", n, err)
	}
	w, err := db.Withdraw(ctx, es[2].ID, es[2].Version, ss[2].Date, "Ốm dài ngày")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := db.MarkAllPresent(ctx, ss[2].ID); err != nil || n != 2 {
		t.Fatalf("MarkAllPresent after withdrawal=%d, %v; want 2", n, err)
	}

	before := TrainingSnapshot(t, db)
	for _, tt := range []struct {
		name    string
		session *data.Session
		marks   map[int64]data.AttendanceMark
		code    string
		words   string
	}{
		{"ErrWithdrawn", ss[3], map[int64]data.AttendanceMark{es[0].ID: data.MarkPresent, w.ID: data.MarkPresent}, data.ECONFLICT,
			"Học viên Lê Văn Bình đã thôi học từ 10/03/2026 nên không điểm danh được buổi 12/03/2026"},
		{"ErrMark", ss[3], map[int64]data.AttendanceMark{es[0].ID: "x"}, data.EINVALID, "Điểm danh \"x\" của Nguyễn Thị Ánh không có"},
		{"ErrOtherClass", ss[3], map[int64]data.AttendanceMark{999: data.MarkPresent}, data.EINVALID, "Bản ghi danh mã 999 không thuộc lớp LH-2026-001"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			AssertError(t, db.SaveSessionAttendance(ctx, tt.session.ID, tt.marks), tt.code, tt.words)
			AssertUnchanged(t, db, before)
		})
	}
	t.Run("ErrFutureSession", func(t *testing.T) {
		c := NewClass("LH-2026-050")
		c.Start, c.End = day(2026, 11, 2), day(2026, 12, 31)
		MustCreateClass(t, db, c)
		ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday})
		if err != nil {
			t.Fatal(err)
		}
		before := TrainingSnapshot(t, db)
		_, err = db.MarkAllPresent(ctx, ss[len(ss)-1].ID)
		AssertError(t, err, data.EINVALID, "Buổi học ngày 28/12/2026 chưa diễn ra")
		AssertUnchanged(t, db, before)
	})
	t.Run("ErrCertified", func(t *testing.T) {
		MustSetStatus(t, db, c, data.ClassRunning, data.ClassFinished, data.ClassCertified)
		before := TrainingSnapshot(t, db)
		AssertError(t, db.SaveSessionAttendance(ctx, ss[4].ID, map[int64]data.AttendanceMark{es[0].ID: data.MarkAbsent}), data.ECONFLICT,
			"Lớp LH-2026-001 đã cấp chứng chỉ nên không điểm danh được nữa")
		AssertUnchanged(t, db, before)
	})
}

func TestResults(t *testing.T) {
	db := MustOpenDB(t)
	names := []string{"Đỗ Thị Đào", "Nguyễn Thị Ánh", "Hoàng Văn Dũng", "Phạm Đức Anh", "Vũ Thị Ân", "Trần Văn An", "Nguyễn Thị Ảnh", "Lê Văn Anh"}
	c, es, ss := ClassWithTrainees(t, db, names...)
	byName := map[string]*data.Enrollment{}
	for i, n := range names {
		byName[n] = es[i]
	}
	// Everyone attends every session, except Ánh who misses 6 of 20 (4 absent, 2 excused) and
	// An who is late 6 times (late counts as attended).
	for i, s := range ss {
		marks := map[int64]data.AttendanceMark{}
		for _, e := range es {
			marks[e.ID] = data.MarkPresent
		}
		switch {
		case i < 4:
			marks[byName["Nguyễn Thị Ánh"].ID] = data.MarkAbsent
		case i < 6:
			marks[byName["Nguyễn Thị Ánh"].ID] = data.MarkExcused
		}
		if i%3 == 0 {
			marks[byName["Trần Văn An"].ID] = data.MarkLate
		}
		if i == 19 {
			delete(marks, byName["Hoàng Văn Dũng"].ID) // not marked: absent
		}
		if err := db.SaveSessionAttendance(ctx, s.ID, marks); err != nil {
			t.Fatal(err)
		}
	}
	scores := map[string]string{"Đỗ Thị Đào": "9", "Nguyễn Thị Ánh": "8,5", "Hoàng Văn Dũng": "7.5", "Phạm Đức Anh": "4,5",
		"Vũ Thị Ân": "6", "Trần Văn An": "10", "Nguyễn Thị Ảnh": "5"}
	for name, typed := range scores {
		score, err := data.ParseScore(typed)
		if err != nil {
			t.Fatal(err)
		}
		e := byName[name]
		if _, err := db.SetScore(ctx, e.ID, e.Version, score); err != nil {
			t.Fatal(err)
		}
	}

	roster, err := db.ClassRoster(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := RosterNames(roster); !slices.Equal(got, vietnameseOrder) {
		t.Fatalf("roster %q\nwant %q", got, vietnameseOrder)
	}
	var got []string
	for _, v := range roster {
		got = append(got, fmt.Sprintf("%s|%d|%s|%v|%s", v.TraineeName.Given, v.AttendancePercent, v.Grade, v.Eligible, v.Reason))
	}
	want := []string{
		"An|100|Xuất sắc|true|",
		"Anh|100||false|Chưa có điểm",
		"Anh|100|Không đạt|false|Điểm 4,5 dưới điểm đạt 5,0",
		"Ảnh|100|Trung bình|true|",
		"Ánh|70|Giỏi|false|Vắng 6/20 buổi",
		"Ân|100|Trung bình khá|true|",
		"Dũng|95|Khá|true|",
		"Đào|100|Xuất sắc|true|",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("results\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v := roster[4]; v.Present != 14 || v.Absent != 4 || v.Excused != 2 || v.Sessions != 20 {
		t.Fatalf("Ánh: %+v", v)
	}

	t.Run("GradeScaleSetting", func(t *testing.T) {
		g := data.DefaultGradeScale()
		g.Gioi = 86
		if err := db.SaveGradeScale(ctx, g); err != nil {
			t.Fatal(err)
		}
		if got, err := db.GradeScale(ctx); err != nil || got != g {
			t.Fatalf("GradeScale=%+v, %v", got, err)
		}
		roster, err := db.ClassRoster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := roster[4].Grade; got != "Khá" {
			t.Fatalf("8,5 with Giỏi from 8,6: %q, want Khá", got)
		}
		g.Kha = 90
		AssertError(t, db.SaveGradeScale(ctx, g), data.EINVALID, "tăng dần")
		if err := db.SetSetting(ctx, "store.grade_scale", "{}"); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("SetSetting(store.grade_scale)=%v", err)
		}
	})

	t.Run("ErrScore", func(t *testing.T) {
		e := byName["Lê Văn Anh"]
		before := TrainingSnapshot(t, db)
		for _, typed := range []string{"11", "abc"} {
			_, err := data.ParseScore(typed)
			AssertError(t, err, data.EINVALID, typed)
		}
		_, err := db.SetScore(ctx, e.ID, e.Version, 110)
		AssertError(t, err, data.EINVALID, "Điểm 11,0 nằm ngoài thang điểm 0–10")
		_, err = db.SetScore(ctx, e.ID, e.Version+1, 70)
		AssertError(t, err, data.ECONFLICT, "Kết quả của học viên Lê Văn Anh vừa được người khác sửa")
		AssertUnchanged(t, db, before)
	})

	t.Run("Employment", func(t *testing.T) {
		employer := MustCreateEnterprise(t, db, NewEnterprise("Công ty Cổ phần Gốm Minh Long"))
		e := byName["Đỗ Thị Đào"]
		fresh, err := db.ClassRoster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		version := fresh[7].Version
		_, err = db.SetEmployment(ctx, e.ID, version, data.Employment{Employed: true, EmployerID: 999})
		AssertError(t, err, data.EINVALID, "Không có doanh nghiệp mã 999")
		_, err = db.SetEmployment(ctx, e.ID, version, data.Employment{Employed: true, EmployedOn: day(2027, 1, 1)})
		AssertError(t, err, data.EINVALID, "Ngày có việc làm 01/01/2027 là ngày chưa tới")
		saved, err := db.SetEmployment(ctx, e.ID, version, data.Employment{Employed: true, EmployerID: employer.ID, EmployedOn: day(2026, 6, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if !saved.Employed || saved.EmployerID != employer.ID || saved.EmployedOn != day(2026, 6, 1) {
			t.Fatalf("saved %+v", saved)
		}
		e2 := byName["Trần Văn An"]
		if _, err := db.SetEmployment(ctx, e2.ID, fresh[0].Version, data.Employment{Employed: true, Employer: "Tự làm tại nhà"}); err != nil {
			t.Fatal(err)
		}
		s, err := db.EmploymentRate(ctx, c.ID)
		if err != nil || s.Trainees != 8 || s.Employed != 2 || s.Percent() != 25 {
			t.Fatalf("EmploymentRate=%+v (%d%%), %v", s, s.Percent(), err)
		}
		AssertError(t, db.DeleteEnterprise(ctx, employer.ID), data.ECONFLICT, "Không xoá được")
	})

	t.Run("ErrAfterCertificates", func(t *testing.T) { // changing results after certificates were issued
		MustSetStatus(t, db, c, data.ClassRunning, data.ClassFinished, data.ClassCertified)
		roster, err := db.ClassRoster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := roster[1]
		before := TrainingSnapshot(t, db)
		_, err = db.SetScore(ctx, v.ID, v.Version, 80)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đã cấp chứng chỉ nên không sửa được kết quả học tập nữa")
		_, err = db.Withdraw(ctx, v.ID, v.Version, day(2026, 4, 1), "Ốm")
		AssertError(t, err, data.ECONFLICT, "đã cấp chứng chỉ")
		_, err = db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday})
		AssertError(t, err, data.ECONFLICT, "đã cấp chứng chỉ")
		AssertUnchanged(t, db, before)
	})

	t.Run("History", func(t *testing.T) {
		h, err := db.TraineeHistory(ctx, es[1].TraineeID) // Nguyễn Thị Ánh
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 || h[0].Class.Code != "LH-2026-001" || h[0].Result.Reason != "Vắng 6/20 buổi" || h[0].Result.Grade != "Khá" {
			t.Fatalf("history %+v %+v", h[0].Class, h[0].Result)
		}
		_, err = db.TraineeHistory(ctx, 999)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy học viên mã 999")
	})
}

func TestSetScoreWithdrawn(t *testing.T) {
	db := MustOpenDB(t)
	_, es, _ := ClassWithTrainees(t, db, "Nguyễn Thị Ánh")
	w, err := db.Withdraw(ctx, es[0].ID, es[0].Version, day(2026, 3, 20), "Ốm")
	if err != nil {
		t.Fatal(err)
	}
	before := TrainingSnapshot(t, db)
	_, err = db.SetScore(ctx, w.ID, w.Version, 70)
	AssertError(t, err, data.ECONFLICT, "Học viên Nguyễn Thị Ánh đã thôi học từ 20/03/2026 nên không nhập điểm được")
	AssertUnchanged(t, db, before)
}

func TestAttendanceGrid(t *testing.T) {
	db := MustOpenDB(t)
	c, es, ss := ClassWithTrainees(t, db, "Nguyễn Thị Ánh", "Trần Văn An")
	if _, err := db.MarkAllPresent(ctx, ss[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSessionAttendance(ctx, ss[1].ID, map[int64]data.AttendanceMark{es[0].ID: data.MarkAbsent}); err != nil {
		t.Fatal(err)
	}
	g, err := db.AttendanceGrid(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Sessions) != 20 || !g.Sessions[0].Held || !g.Sessions[1].Held || g.Sessions[2].Held || len(g.Roster) != 2 || len(g.Marks) != 3 {
		t.Fatalf("grid: %d sessions, %d rows, %d marks", len(g.Sessions), len(g.Roster), len(g.Marks))
	}
	if got := g.Marks[data.AttendanceKey{SessionID: ss[1].ID, EnrollmentID: es[0].ID}]; got != data.MarkAbsent {
		t.Fatalf("mark=%q", got)
	}
	if a := g.Roster[0]; a.TraineeName.Given != "An" || a.Sessions != 2 || a.AttendancePercent != 50 || a.Reason != "Vắng 1/2 buổi; Chưa có điểm" {
		t.Fatalf("An: %+v", a)
	}
	_, err = db.AttendanceGrid(ctx, 999)
	AssertError(t, err, data.ENOTFOUND, "Không tìm thấy lớp học mã 999")
	if got, want := MustCount(t, db, `audit WHERE action = 'attendance' AND entity = 'session' AND "user" = 'thu.nguyen'`), 2; got != want {
		t.Fatalf("attendance audit rows=%d, want %d", got, want)
	}
}

func TestDeleteEnterpriseInUse(t *testing.T) {
	db := MustOpenDB(t)
	host := MustCreateEnterprise(t, db, nil)
	c := NewClass("LH-2026-001")
	c.HostEnterpriseID = host.ID
	MustCreateClass(t, db, c)
	AssertError(t, db.DeleteEnterprise(ctx, host.ID), data.ECONFLICT, "Không xoá được")
	work := MustCreateEnterprise(t, db, nil)
	tr := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
	tr.WorkplaceID = work.ID
	MustCreateTrainee(t, db, tr)
	AssertError(t, db.DeleteEnterprise(ctx, work.ID), data.ECONFLICT, "Không xoá được")
}
