package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
)

// classes opens the class screen, searching without delay.
func classes(t *testing.T, m *Main) *classScreen {
	t.Helper()
	for i, e := range m.entries {
		if e.title == "Lớp học" {
			m.Show(i)
		}
	}
	s, ok := m.Current().(*classScreen)
	if !ok {
		t.Fatalf("no class screen: %T", m.Current())
	}
	s.typing.delay = 0
	return s
}

// typeClass fills the open class form with a valid class.
func typeClass(f *classForm, name, start, end string) {
	f.name.SetText("")
	test.Type(f.name, name)
	test.Type(f.trade, "Gốm sứ")
	test.Type(f.start, start)
	test.Type(f.end, end)
	test.Type(f.hours, "120")
	test.Type(f.capacity, "30")
	test.Type(f.budget, "45,5 triệu")
}

func TestClassScreen(t *testing.T) {
	t.Run("AddProposesCodeAndOpensTabs", func(t *testing.T) {
		m, db := newTestMain(t)
		s := classes(t, m)
		m.Shortcut(fyne.KeyN)()
		if s.detail == nil || !strings.HasPrefix(s.detail.form.code.Text, "LH-") {
			t.Fatalf("Ctrl+N should open a new class with a proposed code, got %+v", s.detail)
		}
		code := s.detail.form.code.Text
		typeClass(s.detail.form, "Lớp truyền nghề gốm sứ Bát Tràng", "02/03/2026", "30/05/2026")
		m.Shortcut(fyne.KeyS)()
		if s.detail.form.message.Visible() {
			t.Fatalf("save refused: %s", s.detail.form.message.Text)
		}
		c, err := db.FindClassByCode(bg, code)
		if err != nil {
			t.Fatal(err)
		}
		if c.Name != "Lớp truyền nghề gốm sứ Bát Tràng" || c.Budget != 45_500_000 || c.Capacity != 30 || c.Start.String() != "02/03/2026" {
			t.Fatalf("stored %+v", c)
		}
		if got := len(s.detail.tabs.Items); got != 4 {
			t.Fatalf("a saved class should show 4 tabs, has %d", got)
		}
		if !strings.Contains(s.detail.header.title.Text, code) {
			t.Fatalf("title %q", s.detail.header.title.Text)
		}
		s.back()
		if s.table.Count() != 1 || s.count.Text != "1 lớp học" {
			t.Fatalf("list shows %d (%q)", s.table.Count(), s.count.Text)
		}
		test.Type(s.search, "gom su bat")
		if s.table.Count() != 1 {
			t.Fatalf("folded search found %d", s.table.Count())
		}
	})

	t.Run("ErrEndBeforeStart", func(t *testing.T) {
		m, db := newTestMain(t)
		s := classes(t, m)
		s.New()
		typeClass(s.detail.form, "Lớp thêu ren Quất Động", "05/03/2026", "01/03/2026")
		s.Save()
		if !s.detail.form.message.Visible() || !strings.Contains(s.detail.form.message.Text, "trước ngày bắt đầu") {
			t.Fatalf("message %q", s.detail.form.message.Text)
		}
		if n, _ := db.CountClasses(bg, data.ClassFilter{}); n != 0 {
			t.Fatalf("stored %d classes", n)
		}
		if s.detail.form.name.Text != "Lớp thêu ren Quất Động" {
			t.Fatal("the typed name was lost")
		}
	})

	t.Run("StatusMovesOnlyForward", func(t *testing.T) {
		m, db := newTestMain(t)
		s := classes(t, m)
		s.New()
		typeClass(s.detail.form, "Lớp mây tre đan Phú Vinh", "02/03/2026", "30/05/2026")
		s.Save()
		var labels []string
		for _, o := range s.detail.header.moves.Objects {
			labels = append(labels, o.(*widget.Button).Text)
		}
		if got := strings.Join(labels, "|"); got != "Mở tuyển sinh|Hủy lớp…" {
			t.Fatalf("a planned class offers %s", got)
		}
		s.detail.move(data.ClassEnrolling)
		tapButton(t, m, "Có")
		c, _ := db.FindClassByID(bg, s.detail.c.ID)
		if c.Status != data.ClassEnrolling || !strings.Contains(s.detail.header.status.Text, "Tuyển sinh") {
			t.Fatalf("status %s, header %q", c.Status, s.detail.header.status.Text)
		}
	})

	t.Run("ErrStaleClass", func(t *testing.T) {
		m, db := newTestMain(t)
		s := classes(t, m)
		s.New()
		typeClass(s.detail.form, "Lớp sơn mài Hạ Thái", "02/03/2026", "30/05/2026")
		s.Save()
		other, _ := db.FindClassByID(bg, s.detail.c.ID)
		other.Venue = "Nhà văn hóa thôn Hạ Thái"
		if err := db.UpdateClass(bg, other); err != nil {
			t.Fatal(err)
		}
		s.detail.form.hours.SetText("90")
		s.Save()
		if !strings.Contains(s.detail.form.message.Text, "người khác") {
			t.Fatalf("a stale save should be refused: %q", s.detail.form.message.Text)
		}
		if got, _ := db.FindClassByID(bg, other.ID); got.Venue != "Nhà văn hóa thôn Hạ Thái" || got.Hours != 120 {
			t.Fatalf("stored %+v", got)
		}
	})
}
