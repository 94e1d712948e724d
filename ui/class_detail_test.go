package ui

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// classFixture is a class taking trainees from Monday 02/03/2026 to Friday 08/05/2026, with the
// trainees named enrolled, and its detail shown in the window.
type classFixture struct {
	m       *Main
	db      *store.DB
	c       *data.Class
	ts      []*data.Trainee
	cd      *classDetail
	changes int
}

// bg acts as the administrator "tester" every test database has.
var bg = data.WithUser(context.Background(), "tester")

func newClassFixture(t *testing.T, capacity int, names ...string) *classFixture {
	t.Helper()
	m, db := newTestMain(t)
	c := data.NewClass()
	c.Code, c.Name, c.Kind, c.Trade = "LH-2026-001", "Lớp truyền nghề gốm sứ Bát Tràng", data.ClassKindCraft, "Gốm sứ"
	c.Venue, c.Trainers = "Nhà văn hóa thôn Giang Cao", "Nghệ nhân Trần Độ"
	c.Start, c.End = vn.Date{Year: 2026, Month: 3, Day: 2}, vn.Date{Year: 2026, Month: 5, Day: 8}
	c.Hours, c.Capacity, c.Status = 240, capacity, data.ClassEnrolling
	if err := db.CreateClass(bg, c); err != nil {
		t.Fatal(err)
	}
	f := &classFixture{m: m, db: db, c: c}
	for i, n := range names {
		tr := mustTrainee(t, db, n, vn.Date{Year: 1980 + i, Month: 4, Day: 1}, "")
		if _, err := db.Enroll(bg, c.ID, tr.ID); err != nil {
			t.Fatal(err)
		}
		f.ts = append(f.ts, tr)
	}
	f.open()
	return f
}

// open builds the class's detail and shows its tabs in the window.
func (f *classFixture) open() {
	f.cd = newClassDetail(f.m, f.c.ID, func() { f.changes++ })
	tabs := container.NewAppTabs(
		container.NewTabItem("Học viên", f.cd.EnrolmentTab()),
		container.NewTabItem("Điểm danh", f.cd.AttendanceTab()),
		container.NewTabItem("Kết quả", f.cd.ResultsTab()),
	)
	f.m.Window.SetContent(container.NewBorder(f.cd.PrintButtons(), nil, nil, nil, tabs))
}

func mustTrainee(t *testing.T, db *store.DB, name string, birth vn.Date, cccd string) *data.Trainee {
	t.Helper()
	tr := &data.Trainee{Name: vn.SplitName(name), Female: strings.Contains(name, " Thị "), BirthDate: birth, CCCD: cccd}
	if err := db.CreateTrainee(bg, tr, true); err != nil {
		t.Fatalf("CreateTrainee(%s): %v", name, err)
	}
	return tr
}

func (f *classFixture) roster(t *testing.T) []*data.EnrollmentView {
	t.Helper()
	vs, err := f.db.ClassRoster(bg, f.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func (f *classFixture) countTrainees(t *testing.T) int {
	t.Helper()
	n, err := f.db.CountTrainees(bg, data.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// sessions generates the class's Tuesday and Thursday sessions (20) and reads the detail again.
func (f *classFixture) sessions(t *testing.T) []*data.Session {
	t.Helper()
	ss, err := f.db.GenerateSessions(bg, f.c.ID, []time.Weekday{time.Tuesday, time.Thursday})
	if err != nil {
		t.Fatal(err)
	}
	f.cd.Reload()
	return ss
}

func TestClassDetailEnrolment(t *testing.T) {
	t.Run("EnrolBySearch", func(t *testing.T) {
		f := newClassFixture(t, 30)
		mustTrainee(t, f.db, "Nguyễn Thị Ánh", vn.Date{Year: 1990, Month: 5, Day: 12}, "")
		mustTrainee(t, f.db, "Trần Văn An", vn.Date{Year: 1985, Month: 1, Day: 2}, "")
		e := f.cd.enrol
		if got := e.count.Text; got != "0/30 học viên" {
			t.Fatalf("count=%q", got)
		}
		test.Type(e.search, "anh nguyen") // folded: no tone marks typed
		if len(e.found) != 1 || e.found[0].Name.Full() != "Nguyễn Thị Ánh" {
			t.Fatalf("found %d: %v", len(e.found), e.found)
		}
		e.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		vs := f.roster(t)
		if len(vs) != 1 || vs[0].TraineeName.Full() != "Nguyễn Thị Ánh" {
			t.Fatalf("roster %v", vs)
		}
		if e.count.Text != "1/30 học viên" || f.changes != 1 || e.search.Text != "" {
			t.Fatalf("count=%q changes=%d search=%q", e.count.Text, f.changes, e.search.Text)
		}
		if got := rosterText(f.cd.grid.Roster[0], 0, 4); got != "Đang học" {
			t.Fatalf("status column %q", got)
		}
		// The same person again: refused as the store words it.
		test.Type(e.search, "anh")
		test.Tap(e.add)
		if !e.message.Visible() || !strings.Contains(e.message.Text, "Nguyễn Thị Ánh") {
			t.Fatalf("a duplicate should be refused: %q", e.message.Text)
		}
		if n := len(f.roster(t)); n != 1 {
			t.Fatalf("%d enrolled, want 1", n)
		}
	})

	t.Run("InlineCreateAndEnrol", func(t *testing.T) {
		f := newClassFixture(t, 30)
		e := f.cd.enrol
		test.Tap(e.newBtn)
		form := e.form
		if form == nil || e.dlg == nil {
			t.Fatal("Học viên mới… should open the trainee form in a dialog")
		}
		test.Type(form.name, "Lê Thị Hồng Nhung")
		form.gender.SetSelected(genderText(true))
		test.Type(form.birthDate, "12/05/1990")
		form.save()
		if form.message.Visible() {
			t.Fatalf("save refused: %s", form.message.Text)
		}
		vs := f.roster(t)
		if len(vs) != 1 || vs[0].TraineeName.Full() != "Lê Thị Hồng Nhung" || !vs[0].Female {
			t.Fatalf("roster %+v", vs)
		}
		if e.dlg != nil || e.count.Text != "1/30 học viên" {
			t.Fatalf("the dialog should close and the count show 1/30: %q", e.count.Text)
		}
	})

	t.Run("PasteWithBadLineWritesNothing", func(t *testing.T) {
		f := newClassFixture(t, 30)
		known := mustTrainee(t, f.db, "Phạm Văn Đức", vn.Date{Year: 1988, Month: 7, Day: 9}, "001088012345")
		e := f.cd.enrol
		test.Tap(e.pasteBtn)
		before := f.countTrainees(t)
		e.paste.SetText("Họ và tên\tNgày sinh\tCCCD\n" +
			"Đỗ Thị Lan\t03/04/1992\t\n" +
			"Pham Van Duc\t09/07/1988\t001 088 012345\n" +
			"Vũ Văn Hải\t31/02/1990\t\n")
		if !strings.Contains(e.preview.Text, "Dòng 4: ngày sinh 31/02/1990 không có") {
			t.Fatalf("the bad line should be named:\n%s", e.preview.Text)
		}
		if !strings.Contains(e.preview.Text, "Dòng 3: Pham Van Duc, đã có trong sổ (Phạm Văn Đức") ||
			!strings.Contains(e.preview.Text, "Dòng 2: Đỗ Thị Lan · 03/04/1992, thêm mới vào sổ") {
			t.Fatalf("the preview should say who is new and who is known:\n%s", e.preview.Text)
		}
		if !e.pasteOK.Disabled() {
			t.Fatal("a list with a wrong line cannot be enrolled")
		}
		e.enrolPasted()
		if n := f.countTrainees(t); n != before {
			t.Fatalf("%d trainees after a refused paste, want %d", n, before)
		}
		if n := len(f.roster(t)); n != 0 {
			t.Fatalf("%d enrolled after a refused paste, want 0", n)
		}

		e.paste.SetText(strings.Replace(e.paste.Text, "31/02/1990", "28/02/1990", 1))
		if e.pasteOK.Disabled() {
			t.Fatalf("a right list should be accepted:\n%s", e.preview.Text)
		}
		test.Tap(e.pasteOK)
		vs := f.roster(t)
		if len(vs) != 3 || f.countTrainees(t) != before+2 {
			t.Fatalf("%d enrolled, %d trainees; want 3 and %d (same CCCD is the same person)", len(vs), f.countTrainees(t), before+2)
		}
		var ids []int64
		for _, v := range vs {
			ids = append(ids, v.TraineeID)
		}
		if !containsID(ids, known.ID) || e.dlg != nil || e.count.Text != "3/30 học viên" {
			t.Fatalf("ids %v, want %d among them; count %q", ids, known.ID, e.count.Text)
		}
	})

	t.Run("ErrCapacity", func(t *testing.T) {
		f := newClassFixture(t, 2, "Nguyễn Văn Bình", "Trần Thị Cúc")
		mustTrainee(t, f.db, "Hoàng Văn Dũng", vn.Date{Year: 1991, Month: 1, Day: 1}, "")
		e := f.cd.enrol
		test.Type(e.search, "dung")
		test.Tap(e.add)
		if !e.message.Visible() || !strings.Contains(e.message.Text, "đã đủ 2 học viên") {
			t.Fatalf("the capacity refusal should show as the store words it: %q", e.message.Text)
		}
		if n := len(f.roster(t)); n != 2 {
			t.Fatalf("%d enrolled, want 2", n)
		}
		// A pasted list past capacity is refused before anything is written.
		test.Tap(e.pasteBtn)
		before := f.countTrainees(t)
		e.paste.SetText("Đỗ Thị Lan\t03/04/1992")
		if !e.pasteOK.Disabled() || !strings.Contains(e.preview.Text, "Lớp chỉ còn 0 chỗ") {
			t.Fatalf("preview:\n%s", e.preview.Text)
		}
		e.enrolPasted()
		if f.countTrainees(t) != before {
			t.Fatal("a refused paste created trainees")
		}
	})

	t.Run("Withdraw", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Văn Bình")
		e := f.cd.enrol
		e.roster.Select(widget.TableCellID{Row: 0, Col: 1})
		test.Tap(e.withdraw)
		tapButton(t, f.m, "Hủy")
		if f.roster(t)[0].Status != data.EnrollmentActive {
			t.Fatal("cancel withdrew")
		}
		test.Tap(e.withdraw)
		tapButton(t, f.m, "Cho thôi học") // no reason: the store's refusal shows
		if !e.message.Visible() || !strings.Contains(e.message.Text, "lý do") {
			t.Fatalf("a withdrawal without reason should be refused: %q", e.message.Text)
		}
		test.Tap(e.withdraw)
		e.leftOn.SetText("20/03/2026")
		test.Type(e.leftWhy, "Chuyển nơi ở")
		tapButton(t, f.m, "Cho thôi học")
		v := f.roster(t)[0]
		if v.Status != data.EnrollmentWithdrawn || v.WithdrawReason != "Chuyển nơi ở" || e.count.Text != "0/30 học viên" {
			t.Fatalf("withdrawn %+v, count %q", v.Enrollment, e.count.Text)
		}
		if got := rosterText(f.cd.grid.Roster[0], 0, 4); got != "Thôi học từ 20/03/2026: Chuyển nơi ở" {
			t.Fatalf("status column %q", got)
		}
	})
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func FuzzParsePastedTrainees(f *testing.F) {
	for _, s := range []string{
		"Nguyễn Văn A\t01/02/1990\t001090000001",
		"Họ và tên\tNgày sinh\tCCCD\nTrần Thị B\t31/02/1990\t\n\nLê C;1/1/2000;",
		"\t\t\t\n\r\n;;;",
		"A\t2026-11-30\t0010\x00\xff",
		"Đỗ Thị Lan\t03.04.1992\t001 192 012345\t\t",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		rows, errs := parsePastedTrainees(text)
		lines := strings.Count(text, "\n") + 1
		seen := map[int]bool{}
		for _, r := range rows {
			if r.Line < 1 || r.Line > lines || seen[r.Line] {
				t.Fatalf("row on line %d of %d (seen %v)", r.Line, lines, seen[r.Line])
			}
			seen[r.Line] = true
			tr := r.Trainee
			if strings.TrimSpace(tr.Name.Given) == "" || tr.BirthDate.IsZero() || !utf8.ValidString(tr.Name.Full()) {
				t.Fatalf("line %d gave %+v", r.Line, tr)
			}
			if tr.CCCD != "" {
				if _, err := vn.NormalizeCCCD(tr.CCCD); err != nil {
					t.Fatalf("line %d kept a wrong CCCD %q", r.Line, tr.CCCD)
				}
			}
		}
		for _, e := range errs {
			if e.Line < 1 || e.Line > lines || seen[e.Line] {
				t.Fatalf("error on line %d of %d, or on a line also read", e.Line, lines)
			}
			seen[e.Line] = true
			if !strings.HasPrefix(e.Message, "Dòng ") {
				t.Fatalf("the error does not name its line: %q", e.Message)
			}
		}
	})
}

// key sends a key to the attendance grid.
func key(g *attendanceTable, k fyne.KeyName) { g.TypedKey(&fyne.KeyEvent{Name: k}) }

func TestClassDetailAttendance(t *testing.T) {
	t.Run("GenerateByWeekdays", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Văn Bình")
		a := f.cd.attend
		test.Tap(a.generate)
		a.dayCheck[1].SetChecked(true) // Tuesday
		a.dayCheck[3].SetChecked(true) // Thursday
		tapButton(t, f.m, "Tạo buổi học")
		if a.message.Visible() {
			t.Fatalf("refused: %s", a.message.Text)
		}
		ss, err := f.db.Sessions(bg, f.c.ID)
		if err != nil || len(ss) != 20 || ss[0].Date.String() != "03/03/2026" || ss[1].Date.String() != "05/03/2026" {
			t.Fatalf("%d sessions (%v)", len(ss), err)
		}
		if rows, cols := a.table.Length(); rows != 1 || cols != gridFixedCols+20 || !a.generate.Disabled() {
			t.Fatalf("grid %d×%d; generate enabled=%v", rows, cols, !a.generate.Disabled())
		}
		// No weekday chosen: the store's words.
		a.generateSessions(nil)
		if !a.message.Visible() {
			t.Fatal("generating again should be refused")
		}
	})

	t.Run("KeyboardMarksLivePercentAndSave", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Thị Ánh", "Trần Văn An", "Lê Văn Bình")
		ss := f.sessions(t)
		a := f.cd.attend
		g := a.table
		f.m.Window.Canvas().Focus(g)
		// The roster is sorted by given name: An, Ánh, Bình.
		if g.cursor != (widget.TableCellID{Row: 0, Col: gridFixedCols}) {
			t.Fatalf("cursor starts at %+v", g.cursor)
		}
		if names := a.cd.grid.Roster[0].TraineeName.Given + a.cd.grid.Roster[1].TraineeName.Given; names != "AnÁnh" {
			t.Fatalf("rows %s", names)
		}
		g.TypedRune('c') // An present, moves down
		g.TypedRune('V') // Ánh absent
		g.TypedRune('m') // Bình late
		key(g, fyne.KeyRight)
		key(g, fyne.KeyUp)
		key(g, fyne.KeyUp) // An, session 2
		key(g, fyne.KeySpace)
		key(g, fyne.KeySpace) // none → có mặt → vắng
		g.TypedRune('p')      // the cursor stayed on An: có phép, then down to Ánh
		if got := percentText(a.assess(0)); got != "50% (1/2)" {
			t.Fatalf("An's live attendance %q, want 50%% (1/2)", got)
		}
		if got := percentText(a.assess(1)); got != "0% (0/2)" {
			t.Fatalf("Ánh's live attendance %q", got)
		}
		if got := percentText(a.assess(2)); got != "50% (1/2)" { // late counts as attended; session 2 held, not marked
			t.Fatalf("Bình's live attendance %q", got)
		}
		if !a.dirty() || a.saveBtn.Disabled() {
			t.Fatal("unsaved marks should enable Lưu")
		}
		// A click cycles too: Bình at session 2, none → có mặt.
		g.OnSelected(widget.TableCellID{Row: 2, Col: gridFixedCols + 1})
		f.cd.Save() // Ctrl+S
		if a.message.Visible() {
			t.Fatalf("save refused: %s", a.message.Text)
		}
		grid, err := f.db.AttendanceGrid(bg, f.c.ID)
		if err != nil {
			t.Fatal(err)
		}
		r := grid.Roster
		want := map[data.AttendanceKey]data.AttendanceMark{
			{SessionID: ss[0].ID, EnrollmentID: r[0].ID}: data.MarkPresent,
			{SessionID: ss[0].ID, EnrollmentID: r[1].ID}: data.MarkAbsent,
			{SessionID: ss[0].ID, EnrollmentID: r[2].ID}: data.MarkLate,
			{SessionID: ss[1].ID, EnrollmentID: r[0].ID}: data.MarkExcused,
			{SessionID: ss[1].ID, EnrollmentID: r[2].ID}: data.MarkPresent,
		}
		if len(grid.Marks) != len(want) {
			t.Fatalf("stored %v, want %v", grid.Marks, want)
		}
		for k, m := range want {
			if grid.Marks[k] != m {
				t.Fatalf("stored %v, want %v", grid.Marks, want)
			}
		}
		if a.dirty() || r[2].AttendancePercent != 100 || r[1].AttendancePercent != 0 || r[0].Excused != 1 {
			t.Fatalf("after saving: dirty=%v, stored %% %d %d", a.dirty(), r[2].AttendancePercent, r[1].AttendancePercent)
		}
		if got := percentText(a.assess(0)); got != "50% (1/2)" {
			t.Fatalf("after saving Ánh shows %q", got)
		}
	})

	t.Run("MarkAllPresent", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Thị Ánh", "Trần Văn An", "Lê Văn Bình")
		ss := f.sessions(t)
		a := f.cd.attend
		g := a.table
		key(g, fyne.KeyDown)
		g.TypedRune('v') // An absent, not saved yet
		test.Tap(a.allBtn)
		grid, _ := f.db.AttendanceGrid(bg, f.c.ID)
		r := grid.Roster
		if grid.Marks[data.AttendanceKey{SessionID: ss[0].ID, EnrollmentID: r[1].ID}] != data.MarkAbsent ||
			grid.Marks[data.AttendanceKey{SessionID: ss[0].ID, EnrollmentID: r[0].ID}] != data.MarkPresent ||
			grid.Marks[data.AttendanceKey{SessionID: ss[0].ID, EnrollmentID: r[2].ID}] != data.MarkPresent {
			t.Fatalf("marks %v", grid.Marks)
		}
		if a.dirty() || percentText(a.assess(0)) != "100% (1/1)" {
			t.Fatalf("dirty=%v, Ánh %q", a.dirty(), percentText(a.assess(0)))
		}
	})
}

func TestClassDetailResults(t *testing.T) {
	t.Run("ScoreAsTyped", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Thị Ánh", "Trần Văn An")
		ss := f.sessions(t)
		for _, s := range ss {
			if _, err := f.db.MarkAllPresent(bg, s.ID); err != nil {
				t.Fatal(err)
			}
		}
		f.cd.Reload()
		r := f.cd.results
		row := r.rows[0]
		test.Type(row.score, "7,5")
		if row.grade.Text != "Khá" || row.decision.Text != "Đủ điều kiện cấp chứng chỉ" || row.attended.Text != "20/20" {
			t.Fatalf("live: grade %q, decision %q, attendance %q", row.grade.Text, row.decision.Text, row.attended.Text)
		}
		bad := r.rows[1]
		test.Type(bad.score, "11")
		if err := bad.score.Validate(); err == nil || !strings.Contains(err.Error(), "vượt quá 10") {
			t.Fatalf("11 should be refused as typed: %v", err)
		}
		f.cd.Save()
		vs := f.roster(t)
		if !vs[0].HasScore || vs[0].Score != 75 || vs[0].Grade != "Khá" {
			t.Fatalf("stored %+v", vs[0].Enrollment)
		}
		if vs[1].HasScore {
			t.Fatal("11 was stored")
		}
		if !r.message.Visible() || !strings.Contains(r.message.Text, bad.v.TraineeName.Full()+": Điểm 11 vượt quá 10") || r.rows[1].score.Text != "11" {
			t.Fatalf("message %q, typed %q", r.message.Text, r.rows[1].score.Text)
		}
		// Points work too, and the eligibility says why not.
		r.rows[1].score.SetText("")
		test.Type(r.rows[1].score, "4.5")
		if got := r.rows[1].decision.Text; got != "Điểm 4,5 dưới điểm đạt 5,0" {
			t.Fatalf("decision %q", got)
		}
	})

	t.Run("AbsencesGiveTheReason", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Thị Ánh")
		ss := f.sessions(t)
		for i, s := range ss {
			m := data.MarkPresent
			if i < 6 {
				m = data.MarkAbsent
			}
			if err := f.db.SaveSessionAttendance(bg, s.ID, map[int64]data.AttendanceMark{f.cd.grid.Roster[0].ID: m}); err != nil {
				t.Fatal(err)
			}
		}
		f.cd.Reload()
		row := f.cd.results.rows[0]
		test.Type(row.score, "8")
		if row.attended.Text != "14/20" || row.decision.Text != "Vắng 6/20 buổi" || row.grade.Text != "Giỏi" {
			t.Fatalf("attendance %q, decision %q, grade %q", row.attended.Text, row.decision.Text, row.grade.Text)
		}
	})

	t.Run("EmploymentRate", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Thị Ánh", "Trần Văn An")
		r := f.cd.results
		if got := r.rate.Text; got != "Có việc làm sau khóa học: 0/2 (0%)" {
			t.Fatalf("rate %q", got)
		}
		r.rows[0].employed.SetChecked(true)
		test.Type(r.rows[0].employer, "HTX Gốm sứ Bát Tràng")
		test.Type(r.rows[0].since, "01/06/2026")
		test.Tap(r.saveBtn)
		if r.message.Visible() {
			t.Fatalf("refused: %s", r.message.Text)
		}
		if got := r.rate.Text; got != "Có việc làm sau khóa học: 1/2 (50%)" {
			t.Fatalf("rate %q", got)
		}
		v := f.roster(t)[0]
		if !v.Employed || v.Employer != "HTX Gốm sứ Bát Tràng" || v.EmployedOn.String() != "01/06/2026" {
			t.Fatalf("stored %+v", v.Enrollment)
		}
	})

	t.Run("CertifiedIsReadOnly", func(t *testing.T) {
		f := newClassFixture(t, 30, "Nguyễn Thị Ánh")
		ss := f.sessions(t)
		if _, err := f.db.MarkAllPresent(bg, ss[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.db.SetScore(bg, f.cd.grid.Roster[0].ID, f.cd.grid.Roster[0].Version, 80); err != nil {
			t.Fatal(err)
		}
		c, err := f.db.FindClassByID(bg, f.c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []data.ClassStatus{data.ClassRunning, data.ClassFinished, data.ClassCertified} {
			if c, err = f.db.SetClassStatus(bg, c.ID, c.Version, s, ""); err != nil {
				t.Fatal(err)
			}
		}
		f.cd.Reload()
		r := f.cd.results
		if !r.rows[0].score.Disabled() || !r.notice.Visible() || r.rows[0].score.Text != "8,0" {
			t.Fatalf("a certified class's scores should be read-only: disabled=%v notice=%v", r.rows[0].score.Disabled(), r.notice.Visible())
		}
		a := f.cd.attend
		key(a.table, fyne.KeyDown)
		a.table.TypedRune('v')
		if a.dirty() || !a.allBtn.Disabled() || !f.cd.enrol.add.Disabled() {
			t.Fatal("a certified class takes no marks and no trainees")
		}
	})
}
