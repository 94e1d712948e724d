package ui

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
	"khuyencong/data/sqlite"
)

// The headless driver hands keys straight to a widget; these tests drive the real window under
// Xvfb with xdotool, as ui/widgets' do, for the đề án picker in the class form and the payment
// dialog: Tab order, Enter, Esc and Ctrl+S as a clerk types them.

// programmeWindowEnv, when set to "class" or "payment", makes the test binary the window the
// tests drive; programmeWindowDB names its database.
const (
	programmeWindowEnv   = "KC_PROGRAMME_WINDOW"
	programmeWindowDB    = "KC_PROGRAMME_WINDOW_DB"
	programmeWindowTitle = "kc-programme-window-test"
)

// init runs the window instead of the tests when the parent test asks for it: on the main
// thread, before the testing package starts, with no TestMain of its own.
func init() {
	if mode := os.Getenv(programmeWindowEnv); mode != "" {
		runProgrammeWindow(mode, os.Getenv(programmeWindowDB))
		os.Exit(0)
	}
}

// runProgrammeWindow opens the desk on db: mode "class" shows a new class with its fields
// filled and the cursor in the budget, the field before the đề án picker; mode "payment" opens
// the payment dialog of đề án PAY-01. It prints what changes, a line each.
func runProgrammeWindow(mode, path string) {
	say := func(format string, args ...any) { fmt.Printf(format+"\n", args...) }
	a := app.NewWithID("vn.khuyencong.programmewindowtest")
	if err := SetLanguage(Vietnamese); err != nil {
		panic(err)
	}
	db, err := sqlite.Open(path)
	if err != nil {
		panic(err)
	}
	m := NewMain(a, Services{Enterprises: db, Divisions: db, Settings: db, Backup: db, Classes: db, Trainees: db,
		Enrollments: db, Attendance: db, Grades: db, Certificates: db, Fairs: db, Programmes: db, User: "tester"})
	m.Window.SetTitle(programmeWindowTitle)
	show := func(title string) {
		for i, e := range m.entries {
			if e.title == lang.L(title) {
				m.Show(i)
			}
		}
	}
	var poll func() string
	switch mode {
	case "class":
		show("Classes")
		cs := m.Current().(*classScreen)
		cs.New()
		f := cs.detail.form
		f.name.SetText("Lớp truyền nghề mây tre đan")
		year := m.today().Year
		f.start.SetText(fmt.Sprintf("02/03/%d", year))
		f.end.SetText(fmt.Sprintf("30/05/%d", year))
		f.capacity.SetText("30")
		m.Window.Canvas().Focus(f.budget)
		poll = func() string {
			state := "picked " + f.programme.Selected()
			if c := cs.detail.c; c.ID != 0 {
				state += fmt.Sprintf(" saved %d", c.ProgrammeID)
			}
			return state
		}
	case "payment":
		show("Programmes")
		ps := m.Current().(*programmeScreen)
		g, err := db.FindProgrammeByCode(context.Background(), m.today().Year, "PAY-01")
		if err != nil {
			panic(err)
		}
		ps.open(g)
		p := ps.detail
		p.tabs.SelectIndex(2)
		p.payments.addPayment()
		reopened := false
		poll = func() string {
			d := p.payments.dialog
			if !d.isOpen() && !reopened { // once, so that Esc can be tried on a fresh dialog
				reopened = true
				say("dialog closed")
				p.payments.addPayment()
				d = p.payments.dialog
			}
			state := "dialog closed"
			if d.isOpen() {
				state = "dialog open"
				if d.message.Visible() {
					state += ": " + d.message.Text
				}
			}
			return state
		}
	}
	go func() {
		time.Sleep(500 * time.Millisecond)
		say("ready")
		last := ""
		for {
			var state string
			fyne.DoAndWait(func() { state = poll() })
			if state != last {
				say("%s", state)
				last = state
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	m.Window.ShowAndRun()
}

// programmeWindow is the window of the test binary running under its own Xvfb.
type programmeWindow struct {
	t     *testing.T
	env   []string
	lines chan string
}

func startProgrammeWindow(t *testing.T, mode, db string) *programmeWindow {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: the real-window tests need it (make test installs xvfb and xdotool)", tool)
		}
	}
	display := 0
	for d := 200; d < 280; d++ {
		_, errSocket := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", d))
		_, errLock := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", d))
		if os.IsNotExist(errSocket) && os.IsNotExist(errLock) {
			display = d
			break
		}
	}
	if display == 0 {
		t.Fatal("no free X display number between :200 and :279")
	}
	xvfb := exec.Command("Xvfb", fmt.Sprintf(":%d", display), "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	t.Cleanup(func() { _ = xvfb.Process.Kill(); _ = xvfb.Wait() })
	for i := 0; ; i++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", display)); err == nil {
			break
		}
		if i > 100 {
			t.Fatal("Xvfb did not start within 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	env := append(os.Environ(), fmt.Sprintf("DISPLAY=:%d", display), "LIBGL_ALWAYS_SOFTWARE=1",
		programmeWindowEnv+"="+mode, programmeWindowDB+"="+db, "HOME="+t.TempDir())
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = env
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = nil
	if err := child.Start(); err != nil {
		t.Fatalf("starting the window: %v", err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
	w := &programmeWindow{t: t, env: env, lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
	}()
	w.expect("ready")
	id := strings.Fields(w.xdotool("search", "--sync", "--onlyvisible", "--name", programmeWindowTitle))
	if len(id) == 0 {
		t.Fatal("xdotool did not find the window")
	}
	w.xdotool("windowfocus", "--sync", id[0])
	time.Sleep(300 * time.Millisecond)
	return w
}

func (w *programmeWindow) xdotool(args ...string) string {
	w.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = w.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		w.t.Fatalf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// typeText types as a person does, a key every 150 ms (ASCII only: xdotool types other letters
// through a keymap Xvfb lacks).
func (w *programmeWindow) typeText(s string) { w.xdotool("type", "--delay", "150", s) }

func (w *programmeWindow) key(keys ...string) {
	for _, k := range keys {
		w.xdotool("key", k)
		time.Sleep(250 * time.Millisecond)
	}
}

// expect waits for a line that starts with want and returns it.
func (w *programmeWindow) expect(want string) string {
	w.t.Helper()
	var seen []string
	timeout := time.After(20 * time.Second)
	for {
		select {
		case line, ok := <-w.lines:
			if !ok {
				w.t.Fatalf("the window ended before printing %q; it printed %q", want, seen)
			}
			if strings.HasPrefix(line, want) {
				return line
			}
			seen = append(seen, line)
		case <-timeout:
			w.t.Fatalf("the window did not print %q within 20 s; it printed %q", want, seen)
		}
	}
}

// programmeWindowDBFile makes the database the window opens: a running đề án of each content
// the tests need, in this year's plan.
func programmeWindowDBFile(t *testing.T) (path string, training, paying *data.Programme) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "kc.db")
	db, err := sqlite.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	year := time.Now().Year()
	training = newProgramme(t, db, year, "DA-TRAIN", data.ContentTraining, 500_000_000, data.ProgrammeRunning)
	newProgramme(t, db, year, "DA-FAIR", data.ContentProducts, 500_000_000, data.ProgrammeRunning)
	paying = newProgramme(t, db, year, "PAY-01", data.ContentInformation, 100_000_000, data.ProgrammeRunning)
	return path, training, paying
}

func TestProgrammePickerRealWindow(t *testing.T) {
	path, training, _ := programmeWindowDBFile(t)
	w := startProgrammeWindow(t, "class", path)
	w.typeText("45000000")
	// Tab leaves the budget for the đề án picker; typing opens its list, Esc closes it and puts
	// back the (empty) choice; typing again and Enter takes the only training đề án of the year.
	w.key("Tab")
	w.typeText("zzz")
	w.key("Escape")
	w.typeText("da")
	w.key("Return")
	w.expect(fmt.Sprintf("picked %d", training.ID))
	w.key("ctrl+s")
	w.expect(fmt.Sprintf("picked %d saved %d", training.ID, training.ID))
}

func TestPaymentDialogRealWindow(t *testing.T) {
	path, _, paying := programmeWindowDBFile(t)
	w := startProgrammeWindow(t, "payment", path)
	w.expect("dialog open")
	// The cursor starts on the kind; Tab goes to the date, the amount, the voucher.
	w.key("Tab", "Tab")
	w.typeText("150000000")
	w.key("Tab")
	w.typeText("PC-01")
	w.key("ctrl+s")
	refused := w.expect("dialog open: ")
	if !strings.Contains(refused, "còn lại") {
		t.Fatalf("more than remains should be refused with what remains, the dialog says %q", refused)
	}
	// Back to the amount (Shift+Tab), corrected; Enter saves and closes.
	w.key("shift+Tab", "ctrl+a")
	w.typeText("40000000")
	w.key("Return")
	w.expect("dialog closed")
	w.expect("dialog open") // the window opens it again, for Esc
	w.key("Tab", "Tab")
	w.typeText("1000000")
	w.key("Escape")
	w.expect("dialog closed")
	time.Sleep(300 * time.Millisecond)
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d, err := db.ProgrammeDetail(context.Background(), paying.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Payments) != 1 || d.Payments[0].Amount != 40_000_000 || d.Payments[0].Voucher != "PC-01" {
		t.Fatalf("stored payments %+v, want the one of 40.000.000 with voucher PC-01", d.Payments)
	}
}
