package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// trainees returns a trainee screen on m, searching without delay.
func trainees(t *testing.T, m *Main) *traineeScreen {
	t.Helper()
	s := newTraineeScreen(m)
	s.typing.delay = 0
	m.body.Objects = []fyne.CanvasObject{s.Content()}
	m.body.Refresh()
	return s
}

// fillTrainee types a trainee into the open form.
func fillTrainee(f *traineeForm, name, birth, cccd string) {
	test.Type(f.name, name)
	test.Type(f.birthDate, birth)
	if cccd != "" {
		test.Type(f.cccd, cccd)
	}
	test.Type(f.phone, "0912 345 678")
}

func storedTrainees(t *testing.T, db *store.DB) []*data.Trainee {
	t.Helper()
	ts, err := db.FindTrainees(bg, data.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

// refused checks that the form shows a message containing want and that n trainees are stored.
func refused(t *testing.T, s *traineeScreen, db *store.DB, want string, n int) {
	t.Helper()
	if !s.detail.message.Visible() || !strings.Contains(s.detail.message.Text, want) {
		t.Fatalf("message=%q, want it to say %q", s.detail.message.Text, want)
	}
	if got := len(storedTrainees(t, db)); got != n {
		t.Fatalf("stored %d trainees, want %d", got, n)
	}
}

func TestTraineeScreen(t *testing.T) {
	t.Run("AddWithShortcutsThenSearchFolded", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		if s.center.Objects[0] != s.empty || s.count.Text != "0 học viên" {
			t.Fatalf("an empty register should show the empty state (count %q)", s.count.Text)
		}
		s.New()
		if s.detail == nil || s.detail.ethnicity.Text != "Kinh" {
			t.Fatal("New should open the form with the ethnicity Kinh")
		}
		fillTrainee(s.detail, "  Nguyễn   Thị Ánh ", "12/05/1990", "001190012345")
		if s.detail.gender.Selected != "Nữ" {
			t.Fatalf("a CCCD of a woman should choose Nữ, got %q", s.detail.gender.Selected)
		}
		test.Type(s.detail.ward, "bat tr")
		s.detail.ward.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		test.Type(s.detail.workplace, "HTX Gốm sứ Bát Tràng")
		test.Type(s.detail.policy, "Hộ nghèo")
		s.Save()
		if s.detail.message.Visible() {
			t.Fatalf("save refused: %s", s.detail.message.Text)
		}
		ts := storedTrainees(t, db)
		if len(ts) != 1 {
			t.Fatalf("stored %d trainees, want 1", len(ts))
		}
		got := ts[0]
		if got.Name != (vn.Name{Family: "Nguyễn", Middle: "Thị", Given: "Ánh"}) || !got.Female ||
			got.BirthDate != (vn.Date{Year: 1990, Month: 5, Day: 12}) || got.CCCD != "001190012345" ||
			got.Phone != "0912345678" || got.WardCode == "" || got.Ethnicity != "Kinh" ||
			got.Workplace != "HTX Gốm sứ Bát Tràng" || got.PolicyGroup != "Hộ nghèo" {
			t.Fatalf("stored %+v", got)
		}
		if s.count.Text != "1 học viên" || s.detail.title.Text != "Nguyễn Thị Ánh" || s.detail.dirty {
			t.Fatalf("after saving: count %q, title %q, dirty %v", s.count.Text, s.detail.title.Text, s.detail.dirty)
		}

		s.New()
		fillTrainee(s.detail, "Trần Văn Bình", "01/02/1985", "")
		s.Save()
		if s.table.Count() != 2 {
			t.Fatalf("%d rows, want 2", s.table.Count())
		}
		// The Vietnamese order is by given name: Ánh before Bình.
		if first, _ := s.table.Row(0); first.Name.Given != "Ánh" {
			t.Fatalf("first row %s, want Nguyễn Thị Ánh", first.Name.Full())
		}
		s.Find()
		if m.Window.Canvas().Focused() != s.search {
			t.Fatal("Find (Ctrl+F) should focus the search box")
		}
		test.Type(s.search, "nguyen thi anh")
		if s.table.Count() != 1 || s.count.Text != "1 học viên" {
			t.Fatalf("'nguyen thi anh' found %d rows", s.table.Count())
		}
		if row, _ := s.table.Row(0); row.Name.Full() != "Nguyễn Thị Ánh" {
			t.Fatalf("found %s", row.Name.Full())
		}
		s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		test.Type(s.search, "0912 345")
		if s.table.Count() != 2 {
			t.Fatalf("search by phone found %d rows, want 2", s.table.Count())
		}
		s.search.SetText("")
		test.Type(s.search, "001190012345")
		if s.table.Count() != 1 {
			t.Fatalf("search by CCCD found %d rows, want 1", s.table.Count())
		}
		s.search.SetText("")
		s.ward.SetSelected(got.WardCode)
		s.ward.OnChanged(got.WardCode)
		if s.table.Count() != 1 {
			t.Fatalf("the ward filter kept %d rows, want 1", s.table.Count())
		}
	})

	t.Run("SortByHeader", func(t *testing.T) {
		m, _ := newTestMain(t)
		s := trainees(t, m)
		for _, n := range []string{"Đỗ Văn Đức", "Lê Văn Dũng", "Phạm Thị Ánh", "Hoàng Văn Anh"} {
			s.New()
			fillTrainee(s.detail, n, "01/01/1980", "")
			s.Save()
			if s.detail.message.Visible() {
				t.Fatal(s.detail.message.Text)
			}
		}
		names := func() string {
			var out []string
			for i := 0; i < s.table.Count(); i++ {
				r, _ := s.table.Row(i)
				out = append(out, r.Name.Given)
			}
			return strings.Join(out, ", ")
		}
		if got, want := names(), "Anh, Ánh, Dũng, Đức"; got != want {
			t.Fatalf("sorted %s, want %s", got, want)
		}
		s.table.SortBy(string(data.TraineeByName))
		if got, want := names(), "Đức, Dũng, Ánh, Anh"; got != want {
			t.Fatalf("reversed %s, want %s", got, want)
		}
	})

	t.Run("ErrBadCCCD", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		s.New()
		fillTrainee(s.detail, "Lê Thị Hoa", "03/04/1992", "00119201234")
		if err := s.detail.cccd.Validate(); err == nil || !strings.Contains(err.Error(), "12 chữ số") {
			t.Fatalf("the field should say what is wrong as the clerk types, got %v", err)
		}
		s.Save()
		refused(t, s, db, "12 chữ số", 0)
		if s.detail.name.Text != "Lê Thị Hoa" || s.detail.cccd.Text != "00119201234" {
			t.Fatal("the typed data was lost")
		}
	})

	t.Run("ErrBirthDateFuture", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		s.New()
		future := vn.DateOf(time.Now().AddDate(1, 0, 0)).String()
		fillTrainee(s.detail, "Lê Thị Hoa", future, "")
		if err := s.detail.birthDate.Validate(); err == nil || !strings.Contains(err.Error(), "chưa tới") {
			t.Fatalf("the field should say the date has not come, got %v", err)
		}
		s.Save()
		refused(t, s, db, "chưa tới", 0)
	})

	t.Run("ErrUnder15", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		s.New()
		young := vn.DateOf(time.Now().AddDate(-14, 0, 0)).String()
		fillTrainee(s.detail, "Lê Thị Hoa", young, "")
		if err := s.detail.birthDate.Validate(); err == nil || !strings.Contains(err.Error(), "15 tuổi") {
			t.Fatalf("the field should say a trainee is at least 15, got %v", err)
		}
		s.Save()
		refused(t, s, db, "15 tuổi", 0)
	})

	t.Run("ErrSameCCCD", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		s.New()
		fillTrainee(s.detail, "Nguyễn Thị Ánh", "12/05/1990", "001190012345")
		s.Save()
		first := s.detail.t.ID
		s.New()
		fillTrainee(s.detail, "Vũ Thị Mai", "20/10/1990", "001 190 012 345")
		s.Save()
		refused(t, s, db, "Nguyễn Thị Ánh", 1)
		if !strings.Contains(overlayText(m), "Mở hồ sơ đã có") {
			t.Fatalf("should offer to open the holder:\n%s", overlayText(m))
		}
		if s.detail.name.Text != "Vũ Thị Mai" {
			t.Fatal("the typed data was lost")
		}
		tapButton(t, m, "Mở hồ sơ đã có")
		if s.detail.t.ID != first || s.detail.name.Text != "Nguyễn Thị Ánh" {
			t.Fatalf("the form shows %q (id %d), want the holder", s.detail.name.Text, s.detail.t.ID)
		}
	})

	t.Run("SameNameAndBirthDateAsks", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		s.New()
		fillTrainee(s.detail, "Phạm Văn Hùng", "15/08/1978", "")
		s.Save()
		first := s.detail.t.ID

		// "Đúng người này" opens the stored record and stores nothing.
		s.New()
		fillTrainee(s.detail, "Phạm  Văn Hùng", "15/8/1978", "")
		s.Save()
		if !strings.Contains(overlayText(m), "Có phải là Phạm Văn Hùng") {
			t.Fatalf("should ask whether it is the same person:\n%s", overlayText(m))
		}
		tapButton(t, m, "Đúng người này")
		if n := len(storedTrainees(t, db)); n != 1 || s.detail.t.ID != first {
			t.Fatalf("%d trainees stored, form on id %d; want 1 and the stored record %d", n, s.detail.t.ID, first)
		}

		// "Người khác" saves a second record.
		s.New()
		fillTrainee(s.detail, "Phạm Văn Hùng", "15/08/1978", "")
		s.Save()
		tapButton(t, m, "Người khác")
		if n := len(storedTrainees(t, db)); n != 2 {
			t.Fatalf("%d trainees stored, want 2", n)
		}
		if s.detail.t.ID == 0 || s.detail.t.ID == first || s.detail.message.Visible() {
			t.Fatalf("the form should show the new record: id %d, message %q", s.detail.t.ID, s.detail.message.Text)
		}
	})

	t.Run("ErrStaleEdit", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		s.New()
		fillTrainee(s.detail, "Đặng Thị Lan", "02/09/1988", "")
		s.Save()
		id := s.detail.t.ID
		other, err := db.FindTraineeByID(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		other.Address = "Thôn Giang Cao"
		if err := db.UpdateTrainee(bg, other); err != nil {
			t.Fatal(err)
		}
		s.detail.address.SetText("Xóm Chợ")
		s.Save()
		if !s.detail.message.Visible() || !strings.Contains(s.detail.message.Text, "người khác sửa") {
			t.Fatalf("a stale save should be refused: %q", s.detail.message.Text)
		}
		if got, _ := db.FindTraineeByID(bg, id); got.Address != "Thôn Giang Cao" {
			t.Fatalf("address %q, want the colleague's kept", got.Address)
		}
		if s.detail.address.Text != "Xóm Chợ" {
			t.Fatal("the typed data was lost")
		}
	})

	t.Run("HistoryShowsClasses", func(t *testing.T) {
		m, db := newTestMain(t)
		s := trainees(t, m)
		s.New()
		fillTrainee(s.detail, "Ngô Thị Thu", "10/10/1980", "")
		s.Save()
		tr := s.detail.t
		if s.detail.historyTitle.Hidden || !strings.Contains(historyText(s.detail), "Chưa học lớp nào") {
			t.Fatalf("history of a new trainee: %q", historyText(s.detail))
		}
		ctx := bg
		c := data.NewClass()
		c.Code, c.Name, c.Capacity = "LH-2026-001", "Lớp truyền nghề gốm sứ Bát Tràng", 30
		c.Start, c.End = vn.Date{Year: 2026, Month: 3, Day: 2}, vn.Date{Year: 2026, Month: 5, Day: 29}
		if err := db.CreateClass(ctx, c); err != nil {
			t.Fatal(err)
		}
		e, err := db.Enroll(ctx, c.ID, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetScore(ctx, e.ID, e.Version, 85); err != nil {
			t.Fatal(err)
		}
		s.detail.dirty = false
		s.open(tr)
		got := historyText(s.detail)
		for _, want := range []string{"LH-2026-001", "Lớp truyền nghề gốm sứ Bát Tràng", "02/03/2026 – 29/05/2026", "Điểm 8,5 (Giỏi)", "Chưa điểm danh"} {
			if !strings.Contains(got, want) {
				t.Fatalf("history lacks %q:\n%s", want, got)
			}
		}
	})

	t.Run("EscAsksBeforeDroppingChanges", func(t *testing.T) {
		m, _ := newTestMain(t)
		s := trainees(t, m)
		s.New()
		test.Type(s.detail.name, "Bùi Văn Tâm")
		s.detail.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if s.detail == nil || !strings.Contains(overlayText(m), "chưa lưu") {
			t.Fatalf("Esc with changes should ask first:\n%s", overlayText(m))
		}
		tapButton(t, m, "Có")
		if s.detail != nil {
			t.Fatal("the form should close once the clerk agrees")
		}
	})

	t.Run("InlineFormCallsBack", func(t *testing.T) {
		m, db := newTestMain(t)
		var saved *data.Trainee
		cancelled := false
		f := newTraineeForm(m, nil, func(t *data.Trainee) { saved = t }, func() { cancelled = true })
		m.Window.SetContent(f.content)
		fillTrainee(f, "Lý Thị Sen", "07/07/1977", "")
		f.save()
		if saved == nil || saved.ID == 0 || saved.Name.Given != "Sen" || len(storedTrainees(t, db)) != 1 {
			t.Fatalf("onSaved got %+v", saved)
		}
		f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if !cancelled {
			t.Fatal("Esc on an unchanged form should call onCancel")
		}
	})
}

// historyText returns the text of the form's history of classes.
func historyText(f *traineeForm) string {
	var b strings.Builder
	for _, o := range f.history.Objects {
		for _, l := range test.LaidOutObjects(o) {
			if w, ok := l.(*widget.Label); ok {
				b.WriteString(w.Text + "\n")
			}
		}
	}
	return b.String()
}
