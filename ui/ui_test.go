package ui

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/assets"
	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// loadVietnamese loads the translations once per test binary: loading them writes the shared
// bundle, which a screen's late work (a facet load that returns after its test ended) may be
// reading at that moment, and the runtime stops on such a race.
var loadVietnamese = sync.OnceValue(func() error { return SetLanguage(Vietnamese) })

// vietnamese makes the window speak Vietnamese.
func vietnamese(t testing.TB) {
	t.Helper()
	if err := loadVietnamese(); err != nil {
		t.Fatal(err)
	}
}

// newTestMain opens a fresh database and the window on it, in Vietnamese.
func newTestMain(t *testing.T) (*Main, *store.DB) {
	t.Helper()
	db, err := store.Create(filepath.Join(t.TempDir(), "kc.db"))
	if err != nil {
		t.Fatal(err)
	}
	return newTestMainOn(t, db), db
}

// newTestMainOn opens the window on db, closed when the test ends, in Vietnamese.
func newTestMainOn(t *testing.T, db *store.DB) *Main {
	t.Helper()
	a := test.NewTempApp(t)
	vietnamese(t)
	dir := t.TempDir()
	t.Cleanup(func() { db.Close() })
	storetest.AddAdmin(t, db, "tester")
	m := NewMain(a, Services{
		Enterprises: db, Divisions: db, Settings: db, Backup: db,
		Classes: db, Trainees: db, Enrollments: db, Attendance: db, Grades: db, Certificates: db, Fairs: db, Programmes: db,
		DBPath: db.Path(), OnServer: db.IsServer(), AutoBackupDir: filepath.Join(dir, "auto"), User: "tester",
		UseDatabase: func(string) error { return nil },
		Now:         func() time.Time { return db.Now() }, // a test pins db.Now
	})
	m.Window.Resize(fyne.NewSize(1280, 760))
	m.Window.Show()
	return m
}

// enterprises returns the enterprise screen, searching without delay.
func enterprises(t *testing.T, m *Main) *enterpriseScreen {
	t.Helper()
	s, ok := m.Current().(*enterpriseScreen)
	if !ok {
		t.Fatalf("first screen is %T, want the enterprise screen", m.Current())
	}
	s.typing.delay = 0
	return s
}

// overlayText returns the text of the dialogs shown over the window.
func overlayText(m *Main) string {
	var b strings.Builder
	for _, o := range m.Window.Canvas().Overlays().List() {
		for _, l := range test.LaidOutObjects(o) {
			switch w := l.(type) {
			case *widget.Label:
				b.WriteString(w.Text + "\n")
			case *widget.Button:
				b.WriteString("[" + w.Text + "]\n")
			}
		}
	}
	return b.String()
}

// tapButton taps the button whose text is label in the dialogs shown.
func tapButton(t *testing.T, m *Main, label string) {
	t.Helper()
	for _, o := range m.Window.Canvas().Overlays().List() {
		for _, l := range test.LaidOutObjects(o) {
			if b, ok := l.(*widget.Button); ok && b.Text == label {
				test.Tap(b)
				return
			}
			if b, ok := l.(*escButton); ok && b.Text == label {
				test.Tap(b)
				return
			}
		}
	}
	t.Fatalf("no button %q among the dialogs:\n%s", label, overlayText(m))
}

func count(t *testing.T, db *store.DB, f data.EnterpriseFilter) int {
	t.Helper()
	n, err := db.CountEnterprises(bg, f)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// fillValid types a valid enterprise into the open form.
func fillValid(f *enterpriseForm, name, taxCode string) {
	test.Type(f.name, name)
	test.Type(f.taxCode, taxCode)
	test.Type(f.rep, "Nguyễn Thị Ánh Tuyết")
	test.Type(f.phone, "0912 345 678")
	test.Type(f.workers, "25")
}

func TestEnterpriseScreen(t *testing.T) {
	t.Run("EmptyStateLoadsSample", func(t *testing.T) {
		m, db := newTestMain(t)
		s := enterprises(t, m)
		if s.center.Objects[0] != s.empty {
			t.Fatal("an empty register should show the empty state")
		}
		if got := s.count.Text; got != "0 doanh nghiệp" {
			t.Fatalf("count=%q", got)
		}
		s.loadSample()
		deadline := time.Now().Add(20 * time.Second)
		for count(t, db, data.EnterpriseFilter{}) < sampleSize && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		current := count(t, db, data.EnterpriseFilter{Archived: new(bool)}) // the list hides the archived
		waitFor(t, func() bool { return s.count.Text == fmt.Sprintf("%d doanh nghiệp", current) })
		if s.center.Objects[0] != s.table {
			t.Fatal("after loading the sample the table should show")
		}
		// The trade filter is filled off the UI goroutine, after the first frame.
		waitFor(t, func() bool { return len(s.trade.values) > 0 && len(s.trade.Options) == len(s.trade.values)+1 })
	})

	t.Run("AddWithShortcutsThenSearchFolded", func(t *testing.T) {
		m, db := newTestMain(t)
		s := enterprises(t, m)
		m.Shortcut(fyne.KeyN)()
		if s.detail == nil {
			t.Fatal("Ctrl+N should open the form")
		}
		fillValid(s.detail, "Hợp tác xã Gốm sứ Bát Tràng", "0100109106")
		test.Type(s.detail.ward, "bat tr")
		s.detail.ward.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if got, want := s.detail.ward.Selected(), "00577"; got != want || s.detail.ward.Text != "Xã Bát Tràng" {
			t.Fatalf("ward picker chose %s (%q), want xã Bát Tràng (%s)", got, s.detail.ward.Text, want)
		}
		m.Shortcut(fyne.KeyS)()
		if s.detail.message.Visible() {
			t.Fatalf("save refused: %s", s.detail.message.Text)
		}
		es, err := db.FindEnterprises(bg, data.EnterpriseFilter{})
		if err != nil || len(es) != 1 {
			t.Fatalf("stored %d enterprises (%v), want 1", len(es), err)
		}
		e := es[0]
		if e.Name != "Hợp tác xã Gốm sứ Bát Tràng" || e.Phone != "0912345678" || e.Workers != 25 ||
			e.Representative.Given != "Tuyết" || e.Representative.Family != "Nguyễn" || e.WardCode != s.detail.ward.Selected() {
			t.Fatalf("stored %+v", e)
		}
		if got := s.count.Text; got != "1 doanh nghiệp" {
			t.Fatalf("count=%q", got)
		}
		m.Shortcut(fyne.KeyF)()
		if m.Window.Canvas().Focused() != s.search {
			t.Fatal("Ctrl+F should focus the search box")
		}
		test.Type(s.search, "bat trang")
		if got := s.table.Count(); got != 1 {
			t.Fatalf("'bat trang' found %d rows, want 1", got)
		}
		s.search.SetText("")
		test.Type(s.search, "gom su xyz")
		if got := s.table.Count(); got != 0 {
			t.Fatalf("'gom su xyz' found %d rows, want 0", got)
		}
		s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if s.search.Text != "" || s.table.Count() != 1 {
			t.Fatalf("Esc in the search box should clear it: %q, %d rows", s.search.Text, s.table.Count())
		}
	})

	t.Run("ErrTaxCodeCheckDigit", func(t *testing.T) {
		m, db := newTestMain(t)
		s := enterprises(t, m)
		s.New()
		fillValid(s.detail, "Công ty TNHH Mây tre đan Phú Vinh", "0100109107")
		if err := s.detail.taxCode.Validate(); err == nil || !strings.Contains(err.Error(), "0100109107 sai chữ số kiểm tra") {
			t.Fatalf("the field should say what is wrong as the clerk types, got %v", err)
		}
		s.Save()
		if !s.detail.message.Visible() || !strings.Contains(s.detail.message.Text, "sai chữ số kiểm tra") {
			t.Fatalf("message=%q", s.detail.message.Text)
		}
		if n := count(t, db, data.EnterpriseFilter{}); n != 0 {
			t.Fatalf("stored %d enterprises, want 0", n)
		}
		if s.detail.name.Text != "Công ty TNHH Mây tre đan Phú Vinh" {
			t.Fatal("the typed name was lost")
		}
	})

	t.Run("ErrTaxCodeTaken", func(t *testing.T) {
		m, db := newTestMain(t)
		s := enterprises(t, m)
		s.New()
		fillValid(s.detail, "Công ty Cổ phần Sơn mài Hạ Thái", "0100109106")
		s.Save()
		s.New()
		fillValid(s.detail, "Cơ sở Khảm trai Chuyên Mỹ", "0100109106")
		s.Save()
		if !s.detail.message.Visible() || !strings.Contains(s.detail.message.Text, "Sơn mài Hạ Thái") {
			t.Fatalf("the refusal should name the holder: %q", s.detail.message.Text)
		}
		if n := count(t, db, data.EnterpriseFilter{}); n != 1 {
			t.Fatalf("stored %d enterprises, want 1", n)
		}
	})

	t.Run("ErrStaleForm", func(t *testing.T) {
		m, db := newTestMain(t)
		s := enterprises(t, m)
		s.New()
		fillValid(s.detail, "Hộ kinh doanh Đặng Văn Đức", "")
		s.Save()
		id := s.detail.e.ID
		// A colleague saves the same record from another window.
		other, err := db.FindEnterpriseByID(bg, id)
		if err != nil {
			t.Fatal(err)
		}
		other.Workers = 40
		if err := db.UpdateEnterprise(bg, other); err != nil {
			t.Fatal(err)
		}
		s.detail.workers.SetText("12")
		s.Save()
		if !s.detail.message.Visible() || !strings.Contains(s.detail.message.Text, "người khác") {
			t.Fatalf("a stale save should be refused: %q", s.detail.message.Text)
		}
		got, _ := db.FindEnterpriseByID(bg, id)
		if got.Workers != 40 {
			t.Fatalf("workers=%d, want the colleague's 40 kept", got.Workers)
		}
	})

	t.Run("ArchiveHidesAndRestores", func(t *testing.T) {
		m, db := newTestMain(t)
		s := enterprises(t, m)
		s.New()
		fillValid(s.detail, "Tổ hợp tác Nón lá làng Chuông", "")
		s.Save()
		test.Tap(s.detail.archive)
		if n := count(t, db, data.EnterpriseFilter{Archived: new(bool)}); n != 0 {
			t.Fatalf("%d current enterprises after archiving, want 0", n)
		}
		if s.table.Count() != 0 || s.detail.archive.Text != "Khôi phục" {
			t.Fatalf("list shows %d, button %q", s.table.Count(), s.detail.archive.Text)
		}
		s.status.SetSelectedIndex(1)
		if s.table.Count() != 1 {
			t.Fatalf("the archived filter shows %d rows, want 1", s.table.Count())
		}
		test.Tap(s.detail.archive)
		if n := count(t, db, data.EnterpriseFilter{Archived: new(bool)}); n != 1 {
			t.Fatalf("%d current enterprises after restoring, want 1", n)
		}
	})

	t.Run("DeleteAsksFirst", func(t *testing.T) {
		m, db := newTestMain(t)
		s := enterprises(t, m)
		s.New()
		fillValid(s.detail, "Cơ sở Rèn Đa Sỹ", "")
		s.Save()
		test.Tap(s.detail.remove)
		if !strings.Contains(overlayText(m), "Xoá “Cơ sở Rèn Đa Sỹ” khỏi sổ?") {
			t.Fatalf("no confirmation:\n%s", overlayText(m))
		}
		tapButton(t, m, "Có")
		if n := count(t, db, data.EnterpriseFilter{}); n != 0 {
			t.Fatalf("%d enterprises after delete, want 0", n)
		}
		if s.detail != nil {
			t.Fatal("the form should close after delete")
		}
	})

	t.Run("EscAsksBeforeDroppingChanges", func(t *testing.T) {
		m, _ := newTestMain(t)
		s := enterprises(t, m)
		s.New()
		test.Type(s.detail.name, "Làng lụa Vạn Phúc")
		s.detail.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if s.detail == nil || !strings.Contains(overlayText(m), "chưa lưu") {
			t.Fatalf("Esc with changes should ask first:\n%s", overlayText(m))
		}
		tapButton(t, m, "Có")
		if s.detail != nil {
			t.Fatal("the form should close once the clerk agrees")
		}
	})

	t.Run("SortByHeader", func(t *testing.T) {
		m, _ := newTestMain(t)
		s := enterprises(t, m)
		for _, n := range []string{"Đức Thịnh", "Dũng Tiến", "Ánh Dương", "Anh Minh"} {
			s.New()
			fillValid(s.detail, "Cơ sở "+n, "")
			s.Save()
		}
		names := func() []string {
			var out []string
			for i := 0; i < s.table.Count(); i++ {
				e, _ := s.table.Row(i)
				out = append(out, strings.TrimPrefix(e.Name, "Cơ sở "))
			}
			return out
		}
		// Tone marks weigh less than letters: "Ánh Dương" before "Anh Minh", Đ after D.
		if got, want := strings.Join(names(), ", "), "Ánh Dương, Anh Minh, Dũng Tiến, Đức Thịnh"; got != want {
			t.Fatalf("sorted %s, want %s", got, want)
		}
		// No column is chosen at first: the first tap on Tên sorts by it, the second reverses.
		s.table.SortBy(string(data.SortByName))
		s.table.SortBy(string(data.SortByName))
		if got, want := strings.Join(names(), ", "), "Đức Thịnh, Dũng Tiến, Anh Minh, Ánh Dương"; got != want {
			t.Fatalf("reversed %s, want %s", got, want)
		}
	})
}

func TestSettingsScreen(t *testing.T) {
	m, db := newTestMain(t)
	m.Show(len(m.entries) - 1)
	s := m.Current().(*settingsScreen)
	if s.parent.Text != "SỞ CÔNG THƯƠNG HÀ NỘI" {
		t.Fatalf("a new database should show the default parent authority, got %q", s.parent.Text)
	}
	s.director.SetText("")
	test.Type(s.director, "Nguyễn Văn Hùng")
	s.city.SetText("")
	m.Shortcut(fyne.KeyS)()
	if !strings.Contains(s.message.Text, "Địa danh") {
		t.Fatalf("an empty city should be refused: %q", s.message.Text)
	}
	if o, _ := db.Organisation(bg); o.DirectorName != "" {
		t.Fatalf("a refused save wrote %q", o.DirectorName)
	}
	test.Type(s.city, "Hà Nội")
	m.Shortcut(fyne.KeyS)()
	if o, _ := db.Organisation(bg); o.DirectorName != "Nguyễn Văn Hùng" || o.City != "Hà Nội" {
		t.Fatalf("stored %+v", o)
	}

	dir := filepath.Join(t.TempDir(), "sao lưu")
	s.backupDir.SetText(dir)
	s.backupNow()
	waitFor(t, func() bool {
		files, _ := filepath.Glob(filepath.Join(dir, "khuyencong-*.db"))
		return len(files) == 1
	})
}

// waitFor polls cond while background work finishes.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
	}
}

// TestTranslations checks that every string the interface asks lang for is in both languages.
func TestTranslations(t *testing.T) {
	files := map[string]map[string]any{}
	for _, name := range []string{"vi", "en"} {
		paths, err := translationFiles(name)
		if err != nil || len(paths) == 0 {
			t.Fatalf("%s: %v", name, err)
		}
		files[name] = map[string]any{}
		for _, p := range paths {
			b, err := assets.Translations.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for k, v := range m {
				if _, dup := files[name][k]; dup {
					t.Errorf("%s repeats %q from another file", p, k)
				}
				files[name][k] = v
			}
		}
	}
	keys := []string{"Current", "Archived", "All"}
	for _, k := range data.EnterpriseKinds {
		keys = append(keys, "kind."+string(k))
	}
	for _, k := range data.ClassKinds {
		keys = append(keys, "classkind."+string(k))
	}
	for _, k := range data.FairKinds {
		keys = append(keys, "fairkind."+string(k))
	}
	for _, st := range data.FairStatuses {
		keys = append(keys, "fairstatus."+string(st))
		for _, to := range st.Next() {
			keys = append(keys, "fairmove."+string(to))
		}
	}
	for _, st := range data.BookingStatuses {
		keys = append(keys, "bookingstatus."+string(st))
	}
	for _, k := range data.BoothKinds {
		keys = append(keys, "boothkind."+string(k))
	}
	for _, st := range data.CertificateStatuses {
		keys = append(keys, "certstatus."+string(st))
	}
	for _, st := range data.ClassStatuses {
		keys = append(keys, "classstatus."+string(st))
		for _, to := range st.Next() {
			keys = append(keys, "classmove."+string(to))
		}
	}
	call := regexp.MustCompile(`lang\.L\("((?:[^"\\]|\\.)*)"`)
	for _, dir := range []string{".", "../cmd/khuyencong"} {
		srcs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, src := range srcs {
			if strings.HasSuffix(src, "_test.go") {
				continue
			}
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range call.FindAllStringSubmatch(string(b), -1) {
				if !strings.HasSuffix(m[1], ".") { // a prefix of the keys added above
					keys = append(keys, m[1])
				}
			}
		}
	}
	for _, k := range keys {
		for name, m := range files {
			if _, ok := m[k]; !ok {
				t.Errorf("%s.json lacks %q", name, k)
			}
		}
	}
	for k := range files["vi"] {
		if _, ok := files["en"][k]; !ok {
			t.Errorf("en.json lacks %q, which vi.json has", k)
		}
	}
}
