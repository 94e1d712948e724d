package main

import (
	"io"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/cmd/internal/config"
	"khuyencong/data/store/storetest"
	"khuyencong/ui/widgets"
)

// The window shown when the database cannot be opened at start: "Thử lại", "Dùng cơ sở dữ liệu
// khác…" and "Đóng", each doing what it says with a real database.

// failedStart starts the program on location, which must fail, and shows the start failure; it
// returns the program, its app and the failure's window. The configuration is a new folder.
func failedStart(t *testing.T, location string) (*Main, fyne.App, fyne.Window) {
	t.Helper()
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("AppData", cfg)
	t.Setenv("PGPASSFILE", filepath.Join(cfg, "pgpass"))
	a := test.NewTempApp(t)
	m := NewMain(a)
	if err := m.ParseFlags([]string{"-db", location}); err != nil {
		t.Fatal(err)
	}
	err := m.Run()
	if err == nil {
		t.Fatalf("Run(%s) opened", location)
	}
	m.ShowFatal(err)
	t.Cleanup(func() { m.Close() })
	for _, w := range a.Driver().AllWindows() {
		if w.Title() == "Khuyến công Hà Nội" {
			return m, a, w
		}
	}
	t.Fatal("no window says why the program did not start")
	return nil, nil, nil
}

// button returns the button of w (or of the dialog over it) labelled text.
func button(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range shownObjects(w) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
		if b, ok := o.(*widgets.Button); ok && b.Text == text {
			return &b.Button
		}
	}
	t.Fatalf("no button %q in %q", text, w.Title())
	return nil
}

// shownObjects are the objects of w's content and of the dialog over it.
func shownObjects(w fyne.Window) []fyne.CanvasObject {
	objects := test.LaidOutObjects(w.Content())
	if top := w.Canvas().Overlays().Top(); top != nil {
		objects = append(objects, test.LaidOutObjects(top)...)
	}
	return objects
}

// shownText is the text of w's labels.
func shownText(w fyne.Window) string {
	var text []string
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok {
			text = append(text, l.Text)
		}
	}
	return strings.Join(text, "\n")
}

// awaitStarted waits for m's window to come up and the failure's window w to go.
func awaitStarted(t *testing.T, m *Main, a fyne.App, w fyne.Window) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var started bool
		fyne.DoAndWait(func() { started = m.UI != nil && shown(a, m.UI.Window) && !shown(a, w) })
		if started {
			return
		}
	}
	t.Fatalf("the program did not start; the failure's window says %q", shownText(w))
}

// shown reports whether w is one of a's windows, not closed.
func shown(a fyne.App, w fyne.Window) bool { return slices.Contains(a.Driver().AllWindows(), w) }

// awaitSaid waits for the failure's window to say want once the buttons are back.
func awaitSaid(t *testing.T, w fyne.Window, retry *widget.Button, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var said string
		fyne.DoAndWait(func() {
			if !retry.Disabled() {
				said = shownText(w)
			}
		})
		if strings.Contains(said, want) {
			return
		}
	}
	t.Fatalf("the window says %q, want %q", shownText(w), want)
}

// TestStartFailure_TryAgain: a database file that is missing at start is refused with the
// three ways on; once it is there, "Thử lại" opens it and the program's window comes up in place
// of the failure's.
func TestStartFailure_TryAgain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kc.db")
	m, a, w := failedStart(t, path)
	said := shownText(w)
	for _, want := range []string{"chưa mở được cơ sở dữ liệu", "Không có tệp cơ sở dữ liệu", "Thử lại"} {
		if !strings.Contains(said, want) {
			t.Errorf("the window says %q, want %q", said, want)
		}
	}
	for _, b := range []string{"Thử lại", "Dùng cơ sở dữ liệu khác…", "Đóng"} {
		button(t, w, b)
	}
	retry := button(t, w, "Thử lại")
	test.Tap(retry) // still missing: said again, nothing made
	awaitSaid(t, w, retry, "Không có tệp cơ sở dữ liệu")
	if _, err := os.Stat(path); err == nil {
		t.Fatal("trying again made the database")
	}
	if err := createDatabase(path); err != nil {
		t.Fatal(err)
	}
	test.Tap(retry)
	awaitStarted(t, m, a, w)
	if m.DB.Path() != path {
		t.Fatalf("opened %s, want %s", m.DB.Path(), path)
	}
}

// TestStartFailure_Keys: Enter is "Thử lại", Esc is "Đóng".
func TestStartFailure_Keys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kc.db")
	m, a, w := failedStart(t, path)
	if err := createDatabase(path); err != nil {
		t.Fatal(err)
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	awaitStarted(t, m, a, w)

	_, a, w = failedStart(t, filepath.Join(t.TempDir(), "khong-co.db"))
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if shown(a, w) {
		t.Fatal("Esc left the window open")
	}
}

// TestStartFailure_ServerBack: the office's server does not answer at start ("Thử lại" says so
// again while it is down); once it answers, "Thử lại" opens it. The server is the test server
// behind a port this test forwards only once the server is "back".
func TestStartFailure_ServerBack(t *testing.T) {
	real, err := url.Parse(storetest.NewServerDB(t))
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().String()
	l.Close() // nobody listens there: the server is down
	down := *real
	down.Host = port
	m, a, w := failedStart(t, down.String())
	if said := shownText(w); !strings.Contains(said, "máy chủ không trả lời") || strings.Contains(said, "kc-test") {
		t.Fatalf("the window says %q, want that the server does not answer, without the password", said)
	}
	retry := button(t, w, "Thử lại")
	test.Tap(retry)
	awaitSaid(t, w, retry, "máy chủ không trả lời")

	forward(t, port, real.Host) // the server is back
	test.Tap(retry)
	awaitStarted(t, m, a, w)
	if !m.DB.IsServer() || !strings.Contains(m.UI.Window.Title(), port) {
		t.Fatalf("opened %s, titled %q", m.DB.Path(), m.UI.Window.Title())
	}
}

// forward listens at from and forwards each connection to to, until the test ends.
func forward(t *testing.T, from, to string) {
	t.Helper()
	l, err := net.Listen("tcp", from)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", to)
			if err != nil {
				c.Close()
				continue
			}
			go func() { io.Copy(s, c); s.Close() }()
			go func() { io.Copy(c, s); c.Close() }()
		}
	}()
}

// TestStartFailure_UseAnother: "Dùng cơ sở dữ liệu khác…" opens Settings' dialog on the database
// that failed; the file chosen there becomes the configured database and is opened at once.
func TestStartFailure_UseAnother(t *testing.T) {
	other := filepath.Join(t.TempDir(), "van-phong.db")
	if err := createDatabase(other); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "da-chuyen.db")
	m, a, w := failedStart(t, missing)
	test.Tap(button(t, w, "Dùng cơ sở dữ liệu khác…"))
	var file *widgets.Entry
	for _, o := range shownObjects(w) {
		if e, ok := o.(*widgets.Entry); ok && e.Text == missing {
			file = e // filled with the database that failed
		}
	}
	if file == nil {
		t.Fatal("the dialog does not show the database that failed in its file field")
	}
	file.SetText(other)
	test.Tap(button(t, w, "Dùng cơ sở dữ liệu này"))
	awaitStarted(t, m, a, w)
	if m.DB.Path() != other {
		t.Fatalf("opened %s, want %s", m.DB.Path(), other)
	}
	if got, err := config.DBPath(); err != nil || got != other {
		t.Fatalf("the configured database is %q (%v), want %s", got, err, other)
	}
}
