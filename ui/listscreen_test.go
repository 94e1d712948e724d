package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// listWalk is what the same walk through a list screen needs to know of that screen.
type listWalk struct {
	// rows is how many rows the list shows at first.
	rows int
	// search is typed in the search box; it selects searched rows.
	search   string
	searched int
	// filter changes one of the screen's filters (on) or puts it back; it selects filtered rows.
	filter   func(on bool)
	filtered int
}

// seedLists stores a little of everything on a database whose clock is pinned: three
// enterprises, two classes with three trainees, two certificates, two fairs.
func seedLists(t *testing.T) (*Main, *store.DB) {
	t.Helper()
	f := newCertFixture(t)
	f.db.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local) }
	f.setSigner(t)
	if r := f.issue(t, "125/QĐ-TTKC"); r == nil {
		t.Fatal("the certificates were not issued")
	}
	closeDialogs(f.m)
	for i, n := range []string{"Hợp tác xã Gốm sứ Bát Tràng", "Công ty TNHH Mây tre đan Phú Vinh", "Cơ sở Sơn mài Hạ Thái"} {
		e := &data.Enterprise{Kind: data.EnterpriseKinds[i], Name: n, Address: "Thôn Giang Cao", Workers: 10 + i}
		if err := f.db.CreateEnterprise(bg, e); err != nil {
			t.Fatal(err)
		}
	}
	c := data.NewClass()
	c.Code, c.Name, c.Kind = "LH-2026-008", "Lớp mây tre đan Phú Vinh", data.ClassKindUpgrade
	c.Start, c.End, c.Capacity = vn.Date{Year: 2026, Month: 6, Day: 1}, vn.Date{Year: 2026, Month: 6, Day: 30}, 25
	if err := f.db.CreateClass(bg, c); err != nil {
		t.Fatal(err)
	}
	start := vn.Date{Year: 2026, Month: 12, Day: 10}
	for i, k := range []data.FairKind{data.FairCentre, data.FairAbroad} {
		fair := &data.Fair{Code: "HC-2026-00" + string(rune('1'+i)), Name: []string{"Hội chợ Làng nghề Hà Nội", "Hội chợ Osaka"}[i],
			Kind: k, City: []string{"Hà Nội", "Osaka"}[i], Country: []string{"", "Nhật Bản"}[i], Start: start, End: start.AddDays(4)}
		if err := f.db.CreateFair(bg, fair); err != nil {
			t.Fatal(err)
		}
	}
	return f.m, f.db
}

// TestListScreens walks every list screen the same way: search, filter, sort by a header, open a
// row, Esc back to the list.
func TestListScreens(t *testing.T) {
	for _, tc := range []struct {
		name string
		walk func(t *testing.T, m *Main)
	}{
		{"Enterprises", func(t *testing.T, m *Main) {
			s := showScreen[*enterpriseScreen](t, m)
			walkList(t, m, s.listScreen, listWalk{rows: 3, search: "bat trang", searched: 1,
				filter: func(on bool) { s.kind.SetSelectedIndex(map[bool]int{true: 2}[on]) }, filtered: 1})
		}},
		{"Trainees", func(t *testing.T, m *Main) {
			s := showScreen[*traineeScreen](t, m)
			walkList(t, m, s.listScreen, listWalk{rows: 3, search: "Tuyết", searched: 1,
				filter: func(on bool) {
					s.ward.SetSelected(map[bool]string{true: "00577"}[on])
					s.ward.OnChanged(s.ward.Selected())
				}, filtered: 0})
		}},
		{"Classes", func(t *testing.T, m *Main) {
			s := showScreen[*classScreen](t, m)
			walkList(t, m, s.listScreen, listWalk{rows: 2, search: "phu vinh", searched: 1,
				filter: func(on bool) { s.kind.SetSelectedIndex(map[bool]int{true: 1}[on]) }, filtered: 1})
		}},
		{"Fairs", func(t *testing.T, m *Main) {
			s := showScreen[*fairScreen](t, m)
			walkList(t, m, s.listScreen, listWalk{rows: 2, search: "osaka", searched: 1,
				filter: func(on bool) { s.kind.SetSelectedIndex(map[bool]int{true: 1}[on]) }, filtered: 1})
		}},
		{"Certificates", func(t *testing.T, m *Main) {
			s := showScreen[*certificateScreen](t, m)
			walkList(t, m, s.listScreen, listWalk{rows: 2, search: "Tuyết", searched: 1,
				filter: func(on bool) { s.year.SetSelectedIndex(map[bool]int{true: 3}[on]) }, filtered: 0})
		}},
		{"EnterprisesRelevance", func(t *testing.T, m *Main) {
			// With no column chosen, a search lists first the matches whose words stand together.
			s := showScreen[*enterpriseScreen](t, m)
			s.typing.delay = 0
			e := &data.Enterprise{Kind: data.KindHousehold, Name: "Cơ sở Đúc đồng Minh Anh", Address: "Thôn Đông", Workers: 3}
			if err := m.Services.Enterprises.CreateEnterprise(m.ctx(), e); err != nil {
				t.Fatal(err)
			}
			e = &data.Enterprise{Kind: data.KindHousehold, Name: "Cơ sở Gốm Đông Anh", Address: "Thôn Đông", Workers: 3}
			if err := m.Services.Enterprises.CreateEnterprise(m.ctx(), e); err != nil {
				t.Fatal(err)
			}
			test.Type(s.search, "dong anh")
			if got := s.table.Count(); got != 2 {
				t.Fatalf("dong anh finds %d enterprises, want 2", got)
			}
			if got := must(s.table.Row(0)).Name; got != "Cơ sở Gốm Đông Anh" {
				t.Fatalf("the first match of dong anh is %q, want the one whose name holds the words together", got)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := seedLists(t)
			tc.walk(t, m)
		})
	}
}

// showScreen shows the screen of type S from the navigation, searching without delay.
func showScreen[S Screen](t *testing.T, m *Main) S {
	t.Helper()
	for i, e := range m.entries {
		if s, ok := e.make(m).(S); ok {
			m.screens[i] = s
			m.current = -1
			m.Show(i)
			return s
		}
	}
	var none S
	t.Fatalf("no %T in the navigation", none)
	return none
}

func walkList[T any, D detail](t *testing.T, m *Main, l *listScreen[T, D], w listWalk) {
	t.Helper()
	l.typing.delay = 0
	counted := func(want int) {
		t.Helper()
		if got := l.table.Count(); got != want {
			t.Fatalf("the table has %d rows, want %d", got, want)
		}
		if !strings.HasPrefix(l.count.Text, vn.FormatInt(int64(want))+" ") {
			t.Fatalf("the count says %q, want %d", l.count.Text, want)
		}
	}
	counted(w.rows)

	m.Shortcut(fyne.KeyF)()
	if m.Window.Canvas().Focused() != l.search {
		t.Fatal("Ctrl+F should put the cursor in the search box")
	}
	test.Type(l.search, w.search)
	counted(w.searched)
	l.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if l.search.Text != "" {
		t.Fatalf("Esc should clear the search, it holds %q", l.search.Text)
	}
	counted(w.rows)

	w.filter(true)
	counted(w.filtered)
	w.filter(false)
	counted(w.rows)

	// Tapping a header sorts by it, again reverses; a header the store cannot sort by leaves the
	// order alone.
	col := l.spec.Columns[0]
	first := func() string { return col.Text(must(l.table.Row(0))) }
	before := first()
	test.Tap(headerButton(t, m, col.Title))
	once := first()
	if sort, _ := l.table.SortOrder(); col.Sort != "" && sort != col.Sort {
		t.Fatalf("after tapping %q the table sorts by %q", col.Title, sort)
	}
	test.Tap(headerButton(t, m, col.Title))
	if col.Sort != "" && first() == once {
		t.Fatalf("tapping %q again should reverse the order; the first row stays %q", col.Title, once)
	}
	if col.Sort == "" && (once != before || first() != before) {
		t.Fatalf("tapping %q, which cannot sort, moved the first row from %q", col.Title, before)
	}

	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if !l.isOpen() {
		t.Fatal("opening a row should show its form or page")
	}
	shown := l.content.Objects[0]
	if split, ok := l.center.Objects[0].(*container.Split); ok && !l.spec.Page {
		shown = split.Trailing
	}
	if shown != l.detail.view() {
		t.Fatal("the form or page opened is not on screen")
	}
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if f := m.Window.Canvas().Focused(); f != nil {
		f.TypedKey(esc)
	} else {
		m.Window.Canvas().OnTypedKey()(esc)
	}
	if l.isOpen() || l.content.Objects[0] != l.list || l.center.Objects[0] != fyne.CanvasObject(l.table) {
		t.Fatal("Esc should close the form or page and show the list")
	}
	counted(w.rows)
}

// headerButton finds the table header titled title in the window.
func headerButton(t *testing.T, m *Main, title string) *widget.Button {
	t.Helper()
	for _, o := range test.LaidOutObjects(m.Window.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == title {
			return b
		}
	}
	t.Fatalf("no header %q", title)
	return nil
}

func must[T any](v T, ok bool) T {
	if !ok {
		panic("no such row")
	}
	return v
}
