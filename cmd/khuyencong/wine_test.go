package main

import (
	"bufio"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// wineHost is a Windows computer for the Windows test: a Wine prefix of its own and an X display.
type wineHost struct {
	t *testing.T
	// prefix is the Unix folder of the Wine prefix, a copy of the one cached in bin/wine-prefix.
	prefix string
	// profile is the Unix folder of C:\users\windowsUser.
	profile string
	// env is the environment every Windows program runs in.
	env []string
	// shots is where screenshots are kept for a person to look at.
	shots string
	// running is the window started last, until closeWindow.
	running *exec.Cmd
}

// cachedPrefix is the Wine prefix the test boots once (the first boot is the slow part) and copies
// for each run, so that a run never sees what the last one installed.
var cachedPrefix = filepath.Join("..", "..", "bin", "wine-prefix")

// newWineHost copies the cached prefix (booting it first if missing), puts the stand-in for
// bcryptprimitives.dll in its system32 and starts Xvfb. Everything stops with the test.
func newWineHost(t *testing.T) *wineHost {
	tmp := t.TempDir()
	h := &wineHost{t: t, prefix: filepath.Join(tmp, "prefix"), shots: filepath.Join("..", "..", "bin", "windows-test")}
	h.profile = filepath.Join(h.prefix, "drive_c", "users", windowsUser)
	home := filepath.Join(tmp, "home") // Wine links the user's folders into $HOME: never the real one
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	h.env = append(os.Environ(), "HOME="+home, "USER="+windowsUser, "LOGNAME="+windowsUser,
		"WINEDEBUG=-all", "LIBGL_ALWAYS_SOFTWARE=1",
		// no Mono or Gecko to offer, no menu entries on the Linux desktop
		"WINEDLLOVERRIDES=mscoree,mshtml,winemenubuilder.exe=d")
	if _, err := os.Stat(filepath.Join(cachedPrefix, ".booted")); err != nil {
		h.boot()
	}
	if out, err := exec.Command("cp", "-a", cachedPrefix, h.prefix).CombinedOutput(); err != nil {
		t.Fatalf("copy the Wine prefix: %v\n%s", err, out)
	}
	h.env = append(h.env, "WINEPREFIX="+h.prefix)
	dll := filepath.Join(h.prefix, "drive_c", "windows", "system32", "bcryptprimitives.dll")
	if out, err := exec.Command("x86_64-w64-mingw32-gcc", "-shared", "-O2", "-s", "-o", dll,
		filepath.Join("..", "..", "assets", "windows", "bcryptprimitives.c"), "-ladvapi32").CombinedOutput(); err != nil {
		t.Fatalf("build the ProcessPrng stand-in: %v\n%s", err, out)
	}
	h.startX(tmp)
	if err := os.MkdirAll(h.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = h.server("-k").Run() })
	return h
}

// boot makes the cached prefix for windowsUser: a fresh one (wineboot), whose Desktop, Documents…
// Wine made links to $HOME and the test makes folders of its own.
func (h *wineHost) boot() {
	t := h.t
	started := time.Now()
	abs, err := filepath.Abs(cachedPrefix)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(abs); err != nil {
		t.Fatal(err)
	}
	boot := exec.Command("wineboot", "-i")
	boot.Env = append(h.env, "WINEPREFIX="+abs)
	if out, err := boot.CombinedOutput(); err != nil {
		t.Fatalf("wineboot: %v\n%s", err, out)
	}
	wait := exec.Command("wineserver", "-w")
	wait.Env = boot.Env
	if err := wait.Run(); err != nil {
		t.Fatal(err)
	}
	profile := filepath.Join(abs, "drive_c", "users", windowsUser)
	entries, err := os.ReadDir(profile)
	if err != nil {
		t.Fatalf("wineboot made no profile for %s: %v", windowsUser, err)
	}
	for _, e := range entries {
		if e.Type()&os.ModeSymlink != 0 {
			p := filepath.Join(profile, e.Name())
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(abs, ".booted"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("booted the Wine prefix in %v", time.Since(started).Round(100*time.Millisecond))
}

// startX starts an X server of its own for the windows (Xvfb picks a free display number).
func (h *wineHost) startX(tmp string) {
	t := h.t
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	x := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1366x768x24", "-nolisten", "tcp")
	x.ExtraFiles = []*os.File{w}
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { _ = x.Process.Kill(); _ = x.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	r.Close()
	if _, perr := strconv.Atoi(strings.TrimSpace(line)); err != nil || perr != nil {
		t.Fatalf("Xvfb gave no display: %q %v", line, err)
	}
	h.env = append(h.env, "DISPLAY=:"+strings.TrimSpace(line))
}

// wine returns the command that runs a Windows program (a Unix path) with args.
func (h *wineHost) wine(exe string, args ...string) *exec.Cmd {
	c := exec.Command("wine", append([]string{exe}, args...)...)
	c.Env = h.env
	return c
}

// server returns the wineserver command with its argument (-w waits for every program to end).
func (h *wineHost) server(arg string) *exec.Cmd {
	c := exec.Command("wineserver", arg)
	c.Env = h.env
	return c
}

// settle waits until every Windows program of the prefix has ended: an uninstaller runs a copy of
// itself and returns at once.
func (h *wineHost) settle() {
	if out, err := h.server("-w").CombinedOutput(); err != nil {
		h.t.Fatalf("wineserver -w: %v\n%s", err, out)
	}
}

// install runs the installer silently, as IT staff would.
func (h *wineHost) install(setup string) {
	started := time.Now()
	if out, err := h.wine(setup, "/S").CombinedOutput(); err != nil {
		h.t.Fatalf("%s /S: %v\n%s", filepath.Base(setup), err, out)
	}
	h.settle()
	h.t.Logf("silent install: %v", time.Since(started).Round(100*time.Millisecond))
}

// uninstall runs the installed uninstaller silently with args.
func (h *wineHost) uninstall(installed string, args ...string) {
	if out, err := h.wine(filepath.Join(installed, "uninstall.exe"), append([]string{"/S"}, args...)...).CombinedOutput(); err != nil {
		h.t.Fatalf("uninstall.exe /S %v: %v\n%s", args, err, out)
	}
	h.settle()
}

// uninstallEntry returns the program's values in "Apps & features" (the current user's Uninstall
// key), nil when there is none. reg export writes UTF-16, which keeps the marks.
func (h *wineHost) uninstallEntry() map[string]string {
	out := filepath.Join(h.prefix, "drive_c", "entry.reg")
	defer os.Remove(out)
	if err := h.wine("reg", "export", `HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\khuyencong`, `C:\entry.reg`, "/y").Run(); err != nil {
		return nil
	}
	b, err := os.ReadFile(out)
	if err != nil {
		h.t.Fatal(err)
	}
	values := map[string]string{}
	for _, line := range strings.Split(utf16Text(b), "\n") {
		name, value, ok := strings.Cut(strings.TrimSpace(line), "=")
		if ok && strings.HasPrefix(name, `"`) {
			values[strings.Trim(name, `"`)] = strings.NewReplacer(`\\`, `\`, `\"`, `"`).Replace(strings.TrimSuffix(strings.TrimPrefix(value, `"`), `"`))
		}
	}
	return values
}

// startWindow starts a window program (the Windows exe under Wine, or with no exe this test binary
// on Linux) with args, waits until a window whose title starts with title has painted its first
// frame and returns that frame's screenshot and how long it took from the start. The Windows exe's
// title must be title exactly.
func (h *wineHost) startWindow(exe, title string, args ...string) (image.Image, time.Duration) {
	t := h.t
	var c *exec.Cmd
	if exe == "" {
		c = exec.Command(os.Args[0], args...)
		c.Env = append(h.env, "KC_RUN_WINDOW=1", "XDG_CONFIG_HOME="+filepath.Join(h.prefix, "linux-config"))
	} else {
		c = h.wine(exe, args...)
	}
	started := time.Now()
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	h.running = c
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var id string
	for id == "" {
		if ctx.Err() != nil {
			t.Fatalf("no window %q within 3 minutes", title)
		}
		out, _ := h.command("xdotool", "search", "--name", "^"+title).Output()
		id, _, _ = strings.Cut(string(out), "\n")
		time.Sleep(100 * time.Millisecond)
	}
	// The title names the program, its version and the database it is on (a file's path here).
	if out, err := h.command("xdotool", "getwindowname", id).Output(); exe != "" && (err != nil || !strings.HasPrefix(string(out), title+" — ") || !strings.HasSuffix(strings.TrimSpace(string(out)), ".db")) {
		t.Fatalf("the window's title is %q, want %q, a dash and the database file (%v)", out, title, err)
	}
	for {
		shot := h.screenshot()
		if colours(shot) > 16 { // an unpainted window is one flat colour
			took := time.Since(started)
			time.Sleep(2 * time.Second) // the list's first page, after the first frame
			return h.screenshot(), took
		}
		if ctx.Err() != nil {
			t.Fatalf("the window %q painted nothing within 3 minutes", title)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// closeWindow closes the window started last as a clerk would (taskkill without /f asks it to
// close), and waits for the program to end.
func (h *wineHost) closeWindow() {
	c := h.running
	h.running = nil
	ask := func() {
		if strings.HasSuffix(c.Path, "wine") {
			_ = h.wine("taskkill", "/im", "khuyencong.exe").Run()
		} else {
			_ = c.Process.Signal(os.Interrupt)
		}
	}
	ask()
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	// A close asked while the window is still busy starting (under Wine, on a loaded machine)
	// can be lost; a clerk would click the cross again, so the test asks again every 10 s.
	again := time.NewTicker(10 * time.Second)
	defer again.Stop()
	deadline := time.After(time.Minute)
	for closed := false; !closed; {
		select {
		case <-done:
			closed = true
		case <-again.C:
			ask()
		case <-deadline:
			_ = c.Process.Kill()
			h.t.Fatal("the window did not close within a minute")
		}
	}
	h.settle()
}

// sameAsLinux opens db in this build's own window on Linux and fails unless the Windows exe drew
// the same picture (win): the same fonts, marks and layout through the Windows API.
func (h *wineHost) sameAsLinux(name string, win image.Image, db string) {
	ref, took := h.startWindow("", "Khuyến công Hà Nội", "-db", db)
	h.closeWindow()
	h.t.Logf("the Linux build's start to first frame on the %s database, for comparison: %v", name, took.Round(10*time.Millisecond))
	h.save("linux-"+name+".png", ref)
	if !same(win, ref) {
		h.t.Errorf("the Windows window on the %s database draws otherwise than on Linux: see %s", name, h.shots)
	}
}

// command returns a Linux command in the host's environment (its display).
func (h *wineHost) command(name string, args ...string) *exec.Cmd {
	c := exec.Command(name, args...)
	c.Env = h.env
	return c
}

// screenshot is the whole X screen.
func (h *wineHost) screenshot() image.Image {
	out, err := h.command("import", "-silent", "-window", "root", "-depth", "8", "png:-").Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		h.t.Fatalf("import: %v\n%s", err, exit.Stderr)
	}
	return decodePNG(h.t, out)
}

// save keeps a screenshot in h.shots for a person to look at.
func (h *wineHost) save(name string, img image.Image) {
	f, err := os.Create(filepath.Join(h.shots, name))
	if err != nil {
		h.t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		h.t.Fatal(err)
	}
}

// colours counts the distinct colours of img, stopping past 17.
func colours(img image.Image) int {
	seen := map[uint32]bool{}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y += 3 {
		for x := r.Min.X; x < r.Max.X; x += 3 {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			seen[cr>>8<<16|cg>>8<<8|cb>>8] = true
			if len(seen) > 17 {
				return len(seen)
			}
		}
	}
	return len(seen)
}
