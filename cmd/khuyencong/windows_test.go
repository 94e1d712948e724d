package main

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"khuyencong/ui/realwindow"
)

// TestMain lets the Windows test run the window of this very build as the reference it compares
// the Windows exe's drawing with: with KC_RUN_WINDOW set, the test binary is the program.
func TestMain(m *testing.M) {
	if realwindow.Scene() != "" { // a real-window test's scene (start_realwindow_test.go)
		runStartScene()
		return
	}
	if os.Getenv("KC_RUN_WINDOW") != "" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// windowsUser is the Windows account the test installs for: a name with marks and spaces, as a
// Vietnamese office has, so that every path under C:\Users carries them.
const windowsUser = "Nguyễn Thị Hằng"

// defaultCompany is the Makefile's COMPANY, which the Makefile passes as KC_COMPANY.
const defaultCompany = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội"

// TestWindows proves that the Windows build installs and runs on the Windows API, under Wine and
// Xvfb: it checks the exe's resources, installs dist's setup silently for windowsUser, starts the
// installed window on a new database and compares what it draws with this build's own window on
// Linux, loads the sample data with the installed kc.exe onto another drive, in a folder with
// spaces and marks, opens it in the window, installs again over it, and uninstalls twice: once
// keeping the data, once with "Xoá cả dữ liệu". It runs from `make test` (KC_WINDOWS_TEST=1),
// after `make windows`; screenshots go to bin/windows-test.
func TestWindows(t *testing.T) {
	if os.Getenv("KC_WINDOWS_TEST") == "" {
		t.Skip("run by make test (KC_WINDOWS_TEST=1), after make windows has built dist/")
	}
	began := time.Now()
	for _, tool := range []string{"wine", "wineserver", "wineboot", "Xvfb", "xdotool", "import", "x86_64-w64-mingw32-gcc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing (make deps installs it): the Windows build cannot be tried without it", tool)
		}
	}
	version := appVersion(t)
	company := os.Getenv("KC_COMPANY")
	if company == "" {
		company = defaultCompany
	}
	dist := filepath.Join("..", "..", "dist")
	for _, exe := range []string{"khuyencong.exe", "kc.exe"} {
		checkExe(t, filepath.Join(dist, exe), version, company)
	}
	setup, err := filepath.Abs(filepath.Join(dist, "khuyencong-setup-"+version+".exe"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(setup)
	if err != nil {
		t.Fatalf("no installer: %v (make windows builds it)", err)
	}
	t.Logf("installer %s: %.1f MB", filepath.Base(setup), float64(st.Size())/1e6)

	h := newWineHost(t)
	installed := filepath.Join(h.profile, "AppData", "Local", "Programs", "khuyencong")
	h.install(setup)
	for _, f := range []string{"khuyencong.exe", "kc.exe", "uninstall.exe"} {
		if _, err := os.Stat(filepath.Join(installed, f)); err != nil {
			t.Fatalf("the installer did not put %s in %%LocalAppData%%\\Programs\\khuyencong: %v", f, err)
		}
	}
	t.Logf("installed size: %.1f MB", float64(dirSize(t, installed))/1e6)
	winInstalled := `C:\users\` + windowsUser + `\AppData\Local\Programs\khuyencong`
	for _, lnk := range []string{
		filepath.Join(h.profile, "AppData", "Roaming", "Microsoft", "Windows", "Start Menu", "Programs", "Khuyến công Hà Nội.lnk"),
		filepath.Join(h.profile, "Desktop", "Khuyến công Hà Nội.lnk"),
	} {
		target, err := shortcutTarget(lnk)
		if err != nil {
			t.Fatal(err)
		}
		if want := winInstalled + `\khuyencong.exe`; !strings.EqualFold(target, want) {
			t.Fatalf("%s starts %q, want %q", filepath.Base(filepath.Dir(lnk)), target, want)
		}
		t.Logf("%s -> %s", lnk[len(h.profile):], target)
	}
	reg := h.uninstallEntry()
	for name, want := range map[string]string{"DisplayName": "Khuyến công Hà Nội", "DisplayVersion": version, "Publisher": company,
		"QuietUninstallString": `"` + winInstalled + `\uninstall.exe" /S`} {
		if got := reg[name]; got != want {
			t.Errorf("Apps & features: %s=%q, want %q", name, got, want)
		}
	}

	// First start: a new database on the default path, under the user's name with marks.
	window := filepath.Join(installed, "khuyencong.exe")
	empty, took := h.startWindow(window, "Khuyến công Hà Nội "+version)
	t.Logf("cold start to first frame under Wine: %v", took.Round(10*time.Millisecond))
	h.save("installed-empty.png", empty)
	h.closeWindow()
	appData := filepath.Join(h.profile, "AppData", "Roaming", "khuyencong")
	defaultDB := filepath.Join(appData, "khuyencong.db")
	if _, err := os.Stat(defaultDB); err != nil {
		t.Fatalf("the first start made no database in %%AppData%%\\khuyencong: %v", err)
	}
	h.sameAsLinux("empty", empty, defaultDB)

	// The sample data, loaded by the installed kc.exe onto drive D:, in a folder with spaces and
	// marks, then opened in the window, which draws the list.
	dDrive := t.TempDir()
	if err := os.Symlink(dDrive, filepath.Join(h.prefix, "dosdevices", "d:")); err != nil {
		t.Fatal(err)
	}
	winDB := `D:\Dữ liệu khuyến công\Sổ 2026.db`
	if out, err := h.wine(filepath.Join(installed, "kc.exe"), "-db", winDB, "seed", "--demo").CombinedOutput(); err != nil {
		t.Fatalf("kc.exe seed --demo: %v\n%s", err, out)
	}
	sampleDB := filepath.Join(dDrive, "Dữ liệu khuyến công", "Sổ 2026.db")
	sample, took := h.startWindow(window, "Khuyến công Hà Nội "+version, "-db", winDB)
	t.Logf("start to first frame on the sample data: %v", took.Round(10*time.Millisecond))
	h.save("installed-sample.png", sample)
	h.closeWindow()
	if same(empty, sample) {
		t.Fatal("the window drew the same on the sample data as on an empty database")
	}
	h.sameAsLinux("sample", sample, sampleDB)

	// An update over the installed version keeps the data and the settings.
	prefs := filepath.Join(h.profile, "AppData", "Roaming", "fyne", AppID, "preferences.json")
	kept := []string{defaultDB, prefs}
	before := stamps(t, kept)
	h.install(setup)
	if after := stamps(t, kept); !slices.Equal(before, after) {
		t.Fatalf("installing over the installed version changed the data: %v -> %v", before, after)
	}

	// Uninstalling leaves the data; with /XOADULIEU ("Xoá cả dữ liệu") it takes it, leaving a last
	// backup on the Desktop.
	h.uninstall(installed)
	for _, gone := range []string{installed, filepath.Join(h.profile, "Desktop", "Khuyến công Hà Nội.lnk")} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("the uninstaller left %s", gone)
		}
	}
	if reg := h.uninstallEntry(); reg != nil {
		t.Errorf("the uninstaller left its Apps & features entry: %v", reg)
	}
	if after := stamps(t, kept); !slices.Equal(before, after) {
		t.Fatalf("uninstalling without \"Xoá cả dữ liệu\" changed the data: %v -> %v", before, after)
	}
	h.install(setup)
	h.uninstall(installed, "/XOADULIEU")
	if _, err := os.Stat(appData); err == nil {
		t.Errorf("uninstalling with \"Xoá cả dữ liệu\" left %s", appData)
	}
	if _, err := os.Stat(filepath.Dir(prefs)); err == nil {
		t.Errorf("uninstalling with \"Xoá cả dữ liệu\" left the preferences %s", filepath.Dir(prefs))
	}
	if last, _ := filepath.Glob(filepath.Join(h.profile, "Desktop", "khuyencong-sao-luu-cuoi", "khuyencong-*.db")); len(last) != 1 {
		t.Errorf("no last backup on the Desktop after \"Xoá cả dữ liệu\": %v", last)
	}
	if _, err := os.Stat(sampleDB); err != nil {
		t.Errorf("the uninstaller removed a database outside %%AppData%%: %v", err)
	}
	t.Logf("the Windows test took %v", time.Since(began).Round(time.Second))
}

// appVersion is FyneApp.toml's version.
func appVersion(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "FyneApp.toml"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		t.Fatal("FyneApp.toml has no Version")
	}
	return string(m[1])
}

// checkExe checks an exe's resources: the version, company and file name in its version resource,
// an icon at every size Windows shows, and a manifest that asks for no administrator rights.
func checkExe(t *testing.T, path, version, company string) {
	t.Helper()
	res, err := peResources(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(res[rtVersion]) != 1 {
		t.Fatalf("%s has %d version resources, want 1", path, len(res[rtVersion]))
	}
	info := utf16Text(res[rtVersion][0])
	for _, want := range []string{"CompanyName\x00\x00" + company, "FileVersion\x00\x00" + version, "ProductName\x00\x00Khuyến công Hà Nội",
		"OriginalFilename\x00" + filepath.Base(path)} {
		if !strings.Contains(info, want) {
			t.Errorf("the version resource lacks %q: %q", strings.ReplaceAll(want, "\x00", " "), info)
		}
	}
	if len(res[rtGroupIcon]) != 1 {
		t.Fatalf("%s has %d icons, want 1", path, len(res[rtGroupIcon]))
	}
	sizes := iconSizes(res[rtGroupIcon][0])
	for _, want := range []int{16, 20, 24, 32, 40, 48, 64, 256} {
		if !slices.Contains(sizes, want) {
			t.Errorf("the icon has no %d px image: %v", want, sizes)
		}
	}
	if len(res[rtManifest]) != 1 || !bytes.Contains(res[rtManifest][0], []byte(`level="asInvoker"`)) {
		t.Errorf("the manifest does not run the exe as the user")
	}
}

// dirSize is the bytes of the files under dir.
func dirSize(t *testing.T, dir string) int64 {
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// stamps are the size and modification time of each file, to tell that nothing touched them.
func stamps(t *testing.T, files []string) []string {
	var out []string
	for _, f := range files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %d %s", filepath.Base(f), fi.Size(), fi.ModTime()))
	}
	return out
}

// same says whether two screenshots are the same picture, but for at most 0.1% of their pixels
// differing by more than a few levels (a caret's blink, a shade of anti-aliasing).
func same(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	off := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			if far(ar, br) || far(ag, bg) || far(ab, bb) {
				off++
			}
		}
	}
	return off*1000 <= r.Dx()*r.Dy()
}

// far says whether two 16-bit colour channels differ by more than 8 levels of 255.
func far(a, b uint32) bool { return max(a, b)-min(a, b) > 8*257 }

// decodePNG reads a screenshot.
func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	return img
}
