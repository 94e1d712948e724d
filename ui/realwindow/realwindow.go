// Package realwindow lets a test drive a real window under Xvfb with xdotool. The headless driver
// hands typed keys straight to a widget, so it cannot see what the real window does with focus
// when a pop-up or a dialog opens: a picker that passed every headless test once took no typing
// after its first key.
//
// The test binary is the window: its TestMain calls Scene and, when it names one, shows that
// scene instead of running the tests; Start runs the binary so under its own Xvfb and types into
// it. The scene prints a line for each thing the test waits for; its first is "ready". It is a
// package of ui's tests, as storetest is the store's, open to cmd/khuyencong's tests too.
package realwindow

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
)

// env names the scene the test binary shows instead of running its tests.
const env = "KC_REAL_WINDOW"

// Scene is the scene this test binary was started to show; "" for an ordinary test run.
func Scene() string { return os.Getenv(env) }

// Window is a test binary showing a scene under its own Xvfb, with the lines it printed.
type Window struct {
	t     *testing.T
	env   []string
	lines chan string
}

// Start runs this test binary showing scene under a new Xvfb of 1366×768, with the extra
// environment given, waits for it to print "ready" and focuses its window, titled title.
func Start(t *testing.T, scene, title string, extraEnv ...string) *Window {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: the real-window tests need it (make test installs xvfb and xdotool)", tool)
		}
	}
	// Xvfb picks a free display itself and writes its number to the pipe (-displayfd): two test
	// binaries starting at once cannot pick the same one, as a check of lock files could.
	r, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	xvfb := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	xvfb.ExtraFiles = []*os.File{wr}
	if err := xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb: %v", err)
	}
	wr.Close()
	t.Cleanup(func() { _ = xvfb.Process.Kill(); _ = xvfb.Wait() })
	number := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		r.Close()
		number <- strings.TrimSpace(line)
	}()
	var display string
	select {
	case display = <-number:
	case <-time.After(10 * time.Second):
		t.Fatal("Xvfb did not start within 10 s")
	}
	if display == "" {
		t.Fatal("Xvfb ended without a display")
	}
	vars := append(os.Environ(), "DISPLAY=:"+display, "LIBGL_ALWAYS_SOFTWARE=1", env+"="+scene)
	vars = append(vars, extraEnv...)
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = vars
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		t.Fatalf("starting the window: %v", err)
	}
	t.Cleanup(func() { _ = child.Process.Kill(); _ = child.Wait() })
	w := &Window{t: t, env: vars, lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			w.lines <- sc.Text()
		}
		close(w.lines)
	}()
	w.Expect("ready")
	id := strings.Fields(w.Xdotool("search", "--sync", "--onlyvisible", "--name", title))
	if len(id) == 0 {
		t.Fatal("xdotool did not find the window")
	}
	w.Xdotool("windowfocus", "--sync", id[0])
	time.Sleep(300 * time.Millisecond)
	return w
}

// Xdotool runs xdotool on the window's display and returns what it printed.
func (w *Window) Xdotool(args ...string) string {
	w.t.Helper()
	cmd := exec.Command("xdotool", args...)
	cmd.Env = w.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		w.t.Fatalf("xdotool %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Type types as a person does, a key every 150 ms, so that pop-ups open between keys. xdotool
// types ASCII only reliably: Vietnamese letters need a keymap Xvfb does not have.
func (w *Window) Type(s string) { w.Xdotool("type", "--delay", "150", s) }

// Key presses each key (xdotool's names: "Return", "Tab", "ctrl+s") with a pause after it.
func (w *Window) Key(keys ...string) {
	for _, k := range keys {
		w.Xdotool("key", k)
		time.Sleep(200 * time.Millisecond)
	}
}

// Expect waits for the window to print want and returns the line, failing with what it printed
// instead. A want ending in ": " asks for a line that starts with it (the rest is returned to be
// checked); any other want must be the whole line.
func (w *Window) Expect(want string) string {
	w.t.Helper()
	var seen []string
	timeout := time.After(20 * time.Second)
	for {
		select {
		case line, ok := <-w.lines:
			if !ok {
				w.t.Fatalf("the window ended before printing %q; it printed %q", want, seen)
			}
			if line == want || strings.HasSuffix(want, ": ") && strings.HasPrefix(line, want) {
				return line
			}
			seen = append(seen, line)
		case <-timeout:
			w.t.Fatalf("the window did not print %q within 20 s; it printed %q", want, seen)
		}
	}
}

// DBEnv names the database a scene's window opens.
const DBEnv = "KC_SCENE_DB"

// sayMu keeps the lines a scene prints whole.
var sayMu sync.Mutex

// Say prints line for the test, which waits for it with Expect.
func Say(line string) {
	sayMu.Lock()
	defer sayMu.Unlock()
	fmt.Println(line)
}

// Report is the scene's side: once the window has settled, it runs setup on Fyne's goroutine,
// says "ready", then polls the state setup returned every 50 ms, also on Fyne's goroutine, and
// says each of its lines that changed, in order.
func Report(setup func() (state func() string)) {
	go func() {
		time.Sleep(time.Second)
		var state func() string
		fyne.DoAndWait(func() { state = setup() })
		Say("ready")
		var last []string
		for {
			var now string
			fyne.DoAndWait(func() { now = state() })
			lines := strings.Split(now, "\n")
			for i, line := range lines {
				if i >= len(last) || line != last[i] {
					Say(line)
				}
			}
			last = lines
			time.Sleep(50 * time.Millisecond)
		}
	}()
}
