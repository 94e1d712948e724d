// Package realwindow runs a test binary's own window under a private Xvfb and drives it with
// xdotool, for the tests the headless driver cannot make: it hands typed keys straight to a
// widget, so it cannot see what a real window does with focus when a pop-up or dialog opens.
//
// The test binary is both sides: the test calls Start, which runs the same binary again with
// Env set; that child shows the window and prints a line for each thing that happens ("ready"
// first), which the test reads with Expect.
package realwindow

import (
	"bufio"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Env is set in the child's environment: the child shows the window instead of running tests.
const Env = "KC_REAL_WINDOW"

// Window is the child's window under its own Xvfb, with the lines it prints.
type Window struct {
	t     *testing.T
	env   []string
	lines chan string
}

// Start starts a private Xvfb at 1366×768, runs the test binary in it with Env=mode and the
// extra environment given, waits for the child to print "ready" and focuses its window titled
// title. Xvfb picks a free display itself, so tests of several packages may run at once.
func Start(t *testing.T, title, mode string, extra ...string) *Window {
	t.Helper()
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing: the real-window tests need it (make test installs xvfb and xdotool)", tool)
		}
	}
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
	display := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		display <- strings.TrimSpace(line)
	}()
	var d string
	select {
	case d = <-display:
	case <-time.After(10 * time.Second):
	}
	r.Close()
	if _, err := strconv.Atoi(d); err != nil {
		t.Fatalf("Xvfb did not say its display within 10 s (%q)", d)
	}
	env := append(os.Environ(), "DISPLAY=:"+d, "LIBGL_ALWAYS_SOFTWARE=1", Env+"="+mode)
	env = append(env, extra...)
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
	w := &Window{t: t, env: env, lines: make(chan string, 100)}
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

// Type types as a person does, a key every 150 ms, so that pop-ups open between keys. ASCII
// only: xdotool types other letters through a keymap Xvfb lacks.
func (w *Window) Type(s string) { w.Xdotool("type", "--delay", "150", s) }

// Key presses each key in turn ("Tab", "ctrl+s", "shift+Tab").
func (w *Window) Key(keys ...string) {
	for _, k := range keys {
		w.Xdotool("key", k)
		time.Sleep(200 * time.Millisecond)
	}
}

// Expect waits for the child to print a line that starts with want and returns it, failing
// with what it printed instead.
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
			if strings.HasPrefix(line, want) {
				return line
			}
			seen = append(seen, line)
		case <-timeout:
			w.t.Fatalf("the window did not print %q within 20 s; it printed %q", want, seen)
		}
	}
}
