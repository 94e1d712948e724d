package ui

import (
	"bytes"
	"io"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/reports/docs"
)

// seedDemo loads the sample kc seed --demo loads (the enterprises, then the training and the fairs
// on the store's clock), on a database whose clock is pinned to now.
func seedDemo(t *testing.T, db *store.DB, now time.Time) {
	t.Helper()
	db.Now = func() time.Time { return now }
	svc := demo.ServicesOf(db, db.Now)
	_, err := demo.Load(bg, struct{ data.EnterpriseService }{db}, db, sampleSize, 1)
	if err == nil {
		_, err = demo.Training(bg, svc, 1)
	}
	if err == nil {
		_, err = demo.Fairs(bg, svc, 1)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// openRow searches the list for what and opens its first row, as a clerk's tap does.
func openRow[T any, D detail](t *testing.T, l *listScreen[T, D], what string) D {
	t.Helper()
	l.typing.delay = 0
	test.Type(l.search, what)
	if l.table.Count() == 0 {
		t.Fatalf("nothing found for %q", what)
	}
	l.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if !l.isOpen() {
		t.Fatalf("the row of %q did not open", what)
	}
	return l.detail
}

// TestDocsSameAsKc is issue 9's acceptance test on the window's side: the class roster, the
// certificate register and a fair's support settlement that the window's buttons save are byte
// for byte what kc writes from the same database on the same clock. The window's bytes come from
// the document value each button hands to saveDocument; kc's from the builder call kc makes
// (cmd/kc's builder(db) and command), which cmd/kc's TestDocsSameAsBuilder proves is what kc
// writes to its file. So window == builder here, kc == builder there.
func TestDocsSameAsKc(t *testing.T) {
	m, db := newTestMain(t)
	seedDemo(t, db, time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)) // cmd/kc's now
	kc := docs.Builder{Settings: db, Classes: db, Attendance: db, Certificates: db, Fairs: db,
		Enterprises: db, Trainees: db, Divisions: db, Now: db.Now}
	year := db.Now().Year() // kc certs register takes the store's year
	class, err := db.FindClassByCode(bg, "LH-2025-002")
	if err != nil {
		t.Fatal(err)
	}
	fair, err := db.FindFairByCode(bg, "HC-2025-002")
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name   string
		window func(t *testing.T) document // what the button hands to saveDocument
		kc     func(w io.Writer) error     // what kc writes for the same command
		file   string                      // the name the save dialog proposes
	}{
		{"ClassRoster", func(t *testing.T) document { // kc classes roster LH-2025-002
			p := openRow(t, showScreen[*classScreen](t, m).listScreen, class.Code)
			return p.detail.document(docs.KindClassRoster)
		}, func(w io.Writer) error { return kc.ClassRoster(bg, class.ID, w) }, "danh-sach-hoc-vien-LH-2025-002.pdf"},
		{"Register", func(t *testing.T) document { // kc certs register
			s := showScreen[*certificateScreen](t, m)
			s.year.SetSelected("2026")
			if s.printPDF.Disabled() {
				t.Fatal("the register's button is off, with certificates in 2026")
			}
			return s.register(docs.PDF)
		}, func(w io.Writer) error {
			return kc.Register(bg, data.CertificateFilter{Year: &year}, docs.PDF, w)
		}, "so-cap-chung-chi-2026.pdf"},
		{"FairSettlement", func(t *testing.T) document { // kc fairs settlement HC-2025-002
			p := openRow(t, showScreen[*fairScreen](t, m).listScreen, fair.Code)
			return p.document(docs.KindFairSettlement, docs.PDF)
		}, func(w io.Writer) error { return kc.FairSettlement(bg, fair.ID, docs.PDF, w) }, "tong-hop-kinh-phi-ho-tro-HC-2025-002.pdf"},
		{"TraineeList", func(t *testing.T) document { // kc trainees export --search nguyen
			s := showScreen[*traineeScreen](t, m)
			s.typing.delay = 0
			test.Type(s.search, "nguyen")
			return s.export(docs.PDF)
		}, func(w io.Writer) error {
			return kc.TraineeList(bg, data.TraineeFilter{Search: "nguyen"}, docs.PDF, w)
		}, "hoc-vien.pdf"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := tc.window(t)
			if d.name != tc.file || d.ext != ".pdf" {
				t.Errorf("the save dialog proposes %q (%s), want %q", d.name, d.ext, tc.file)
			}
			var window, want bytes.Buffer
			if err := d.write(m.ctx(), &window); err != nil {
				t.Fatal(err)
			}
			if err := tc.kc(&want); err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(want.Bytes(), []byte("%PDF")) || !bytes.Equal(window.Bytes(), want.Bytes()) {
				t.Fatalf("the window wrote %d bytes that differ from kc's %d", window.Len(), want.Len())
			}
		})
	}
}

// TestEmptyRegisterNotPrinted checks that the register's buttons are off while the filter selects
// no certificate, as the builder refuses an empty register, and on again once it selects some.
func TestEmptyRegisterNotPrinted(t *testing.T) {
	m, _ := seedLists(t)
	s := showScreen[*certificateScreen](t, m)
	s.typing.delay = 0
	on := func(want bool) {
		t.Helper()
		for _, b := range []*widget.Button{s.printPDF, s.printXLSX} {
			if b.Disabled() == want {
				t.Fatalf("%q enabled=%v with %d certificates shown, want %v", b.Text, !b.Disabled(), s.table.Count(), want)
			}
		}
	}
	on(true)
	test.Type(s.search, "không ai có tên này")
	on(false)
	if err := s.register(docs.PDF).write(bg, io.Discard); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an empty register: %v, want EINVALID", err)
	}
	s.search.SetText("")
	on(true)
}

// TestTraineeExportButtons: the Học viên screen offers the list as Excel and as PDF, and each
// button opens the save dialog.
func TestTraineeExportButtons(t *testing.T) {
	m, _ := seedLists(t)
	s := showScreen[*traineeScreen](t, m)
	for _, label := range []string{"Xuất Excel", "In danh sách (PDF)"} {
		b := findButton(s.Content(), label)
		if b == nil {
			t.Fatalf("no %q button on the Học viên screen", label)
		}
		closeDialogs(m)
		test.Tap(b)
		if m.Window.Canvas().Overlays().Top() == nil {
			t.Errorf("%q opened no save dialog", label)
		}
	}
	closeDialogs(m)
}

// findButton returns the button labelled text under o, or nil.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}
