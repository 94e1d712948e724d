package widgets_test

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"khuyencong/ui/widgets"
)

// The headless driver hands typed keys straight to a widget, so it cannot see what the real
// window does with focus when a pop-up opens: a picker that passed every headless test once took
// no typing after its first key. These tests drive a real window under Xvfb with xdotool.

// realWindowEnv, when set, makes the test binary the window the tests drive instead of a test run.
const realWindowEnv = "KC_REAL_WINDOW"

const realWindowTitle = "kc-real-window-test"

func TestMain(m *testing.M) {
	if os.Getenv(realWindowEnv) != "" {
		runRealWindow()
		return
	}
	os.Exit(m.Run())
}

// runRealWindow shows a ward picker, a picker that searches, a plain field after them and, on
// Ctrl+D, a dialog holding a third picker. Every choice and change is printed on a line of its own.
func runRealWindow() {
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Printf(format+"\n", args...)
	}
	a := app.NewWithID("vn.khuyencong.realwindowtest")
	w := a.NewWindow(realWindowTitle)
	fixed := widgets.NewPicker(wards, "Phường/xã")
	fixed.OnChanged = func(k string) { say("fixed chose %s", k) }
	searching := widgets.NewPicker(nil, "Doanh nghiệp")
	searching.Search = func(text string) []widgets.Option {
		probe := widgets.NewPicker(wards, "")
		probe.SetText(text) // the fixed list's own matching stands in for the register's search
		var out []widgets.Option
		for _, label := range probe.Matches() {
			for _, o := range wards {
				if o.Label == label {
					out = append(out, o)
				}
			}
		}
		return out
	}
	searching.OnChanged = func(k string) { say("searching chose %s", k) }
	after := widget.NewEntry()
	after.OnChanged = func(s string) { say("after %s", s) }
	w.SetContent(container.NewVBox(widget.NewLabel("Thử bàn phím"), fixed, searching, after))
	// A main-menu shortcut, as the app's own: a focused field keeps other shortcuts to itself.
	openDialog := fyne.NewMenuItem("Đăng ký mới", func() {
		inDialog := widgets.NewPicker(wards, "Phường/xã")
		inDialog.OnChanged = func(k string) { say("dialog chose %s", k) }
		d := dialog.NewCustom("Đăng ký mới", "Đóng", container.NewVBox(inDialog), w)
		d.Resize(fyne.NewSize(400, 300))
		d.Show()
		w.Canvas().Focus(inDialog)
		say("dialog open")
	})
	openDialog.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierControl}
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Tệp", openDialog)))
	w.Resize(fyne.NewSize(500, 400))
	w.Canvas().Focus(fixed)
	go func() {
		time.Sleep(500 * time.Millisecond)
		say("ready")
	}()
	w.ShowAndRun()
}

// realWindow is the test window running under its own Xvfb, with its printed lines.
type realWindow struct {
	t     *testing.T
	env   []string
	lines chan string
}

func startRealWindow(t *testing.T) *realWindow {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: the real-window tests need it (make test installs xvfb and xdotool)", tool)
		}
	}
	display := 0
	for d := 120; d < 200; d++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", d)); os.IsNotExist(err) {
			if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", d)); os.IsNotExist(err) {
				display = d
				break
			}
		}
	}
	if display == 0 {
		t.Fatal("no free X display number between :120 and :199")
	}
	xvfb := exec.Command("Xvfb", fmt.Sprintf(":%d", display), "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	if err := xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	t.Cleanup(func() { _ = xvfb.Process.Kill(); _ = xvfb.Wait() })
	socket := fmt.Sprintf("/tmp/.X11-unix/X%d", display)
	for i := 0; ; i++ {
		if _, err := os.Stat(socket); err == nil {
			break
		}
		if i > 100 {
			t.Fatal("Xvfb did not start within 10 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	env := append(os.Environ(), fmt.Sprintf("DISPLAY=:%d", display), "LIBGL_ALWAYS_SOFTWARE=1", realWindowEnv+"=1")
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = env
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatalf("starting the window: %v", err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
	rw := &realWindow{t: t, env: env, lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			rw.lines <- sc.Text()
		}
		close(rw.lines)
	}()
	rw.expect("ready")
	id := strings.Fields(rw.xdotool("search", "--sync", "--onlyvisible", "--name", realWindowTitle))
	if len(id) == 0 {
		t.Fatal("xdotool did not find the window")
	}
	rw.xdotool("windowfocus", "--sync", id[0])
	time.Sleep(300 * time.Millisecond)
	return rw
}

// xdotool runs xdotool on the window's display and returns what it printed.
func (rw *realWindow) xdotool(args ...string) string {
	rw.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = rw.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		rw.t.Fatalf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// typeText types as a person does, a key every 150 ms, so that pop-ups open between keys.
func (rw *realWindow) typeText(s string) { rw.xdotool("type", "--delay", "150", s) }

func (rw *realWindow) key(keys ...string) {
	for _, k := range keys {
		rw.xdotool("key", k)
		time.Sleep(200 * time.Millisecond)
	}
}

// expect waits for the window to print want, failing with what it printed instead.
func (rw *realWindow) expect(want string) {
	rw.t.Helper()
	var seen []string
	timeout := time.After(20 * time.Second)
	for {
		select {
		case line, ok := <-rw.lines:
			if !ok {
				rw.t.Fatalf("the window ended before printing %q; it printed %q", want, seen)
			}
			if line == want {
				return
			}
			seen = append(seen, line)
		case <-timeout:
			rw.t.Fatalf("the window did not print %q within 20 s; it printed %q", want, seen)
		}
	}
}

func TestPickerRealWindow(t *testing.T) {
	rw := startRealWindow(t)
	// "ha d" matches only Phường Hà Đông; if the keys after the first went nowhere, Enter would
	// choose nothing.
	rw.typeText("ha d")
	rw.key("Return")
	rw.expect("fixed chose 09556")
	// Tab leaves the picker for the next field in order; the searching picker takes typing too.
	rw.key("Tab")
	rw.typeText("dong")
	rw.key("Down", "Return")
	rw.expect("searching chose 09556")
	// Esc closes the list and puts the choice back; Tab then reaches the plain field.
	rw.typeText("zzz")
	rw.key("Escape", "Tab")
	rw.typeText("xong")
	rw.expect("after xong")
	// A picker inside a dialog (as "Đăng ký mới…" on a fair) takes typing the same way.
	rw.key("ctrl+d")
	rw.expect("dialog open")
	rw.typeText("bat tr")
	rw.key("Return")
	rw.expect("dialog chose 00577")
}
