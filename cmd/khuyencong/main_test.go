package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
)

// TestMain_Run runs the real wiring at the first start: the database is created on the default
// path, the window asks for the administrator's account, and the start-of-day backup appears
// beside the database.
func TestMain_Run(t *testing.T) {
	config := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", config)
	t.Setenv("AppData", config)
	dir := filepath.Join(config, "khuyencong")
	m := NewMain(test.NewTempApp(t))
	if err := m.ParseFlags(nil); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if _, err := os.Stat(m.DBPath); err != nil {
		t.Fatalf("the database was not created: %v", err)
	}
	if got := m.UI.Window.Title(); !strings.HasPrefix(got, "Khuyến công Hà Nội") || !strings.HasSuffix(got, m.DB.Path()) {
		t.Fatalf("title=%q", got)
	}
	if m.UI.Current() != nil {
		t.Fatal("the first start should ask for the administrator's account before any screen")
	}
	// Every service and action the screens call is wired: a nil one would crash the window
	// only when a clerk reaches it.
	svc := reflect.ValueOf(m.UI.Services)
	for i := 0; i < svc.NumField(); i++ {
		if f := svc.Field(i); (f.Kind() == reflect.Func || f.Kind() == reflect.Interface) && f.IsNil() {
			t.Errorf("ui.Services.%s is not wired", svc.Type().Field(i).Name)
		}
	}
	pinned := time.Date(2031, 1, 2, 8, 0, 0, 0, time.Local)
	m.DB.Now = func() time.Time { return pinned }
	if got := m.UI.Services.Now(); !got.Equal(pinned) {
		t.Fatalf("the window's clock says %v, want the store's %v", got, pinned)
	}
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if files, _ := filepath.Glob(filepath.Join(dir, "khuyencong-sao-luu-tu-dong", "khuyencong-*.db")); len(files) == 1 {
			return
		}
	}
	t.Fatal("no start-of-day backup")
}

// TestMain_UpgradeBacksUpFirst opens a database of the first schema: the start-of-day backup is
// the file as it was, taken before the upgrade, and the only one.
func TestMain_UpgradeBacksUpFirst(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kc.db")
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "store", "testdata", "schema-1.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	m := NewMain(test.NewTempApp(t))
	if err := m.ParseFlags([]string{"-db", path}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	files, _ := filepath.Glob(filepath.Join(dir, "khuyencong-sao-luu-tu-dong", "khuyencong-*.db"))
	if len(files) != 1 || files[0] != m.DB.UpgradeBackup() {
		t.Fatalf("backups %v, want only the one before the upgrade (%q)", files, m.DB.UpgradeBackup())
	}
	backup, err := sql.Open("sqlite", "file:"+files[0]+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer backup.Close()
	var migrations int
	if err := backup.QueryRow(`SELECT count(*) FROM migrations`).Scan(&migrations); err != nil || migrations != 1 {
		t.Fatalf("the backup has %d migrations (%v), want the first schema's 1", migrations, err)
	}
	select { // the check after start must not add a second backup
	case <-m.checked:
	case <-time.After(20 * time.Second):
		t.Fatal("the check after start did not end")
	}
	if again, _ := filepath.Glob(filepath.Join(dir, "khuyencong-sao-luu-tu-dong", "khuyencong-*.db")); len(again) != 1 {
		t.Fatalf("backups after start: %v", again)
	}
}

// TestMain_RefusesMissing refuses a -db path that does not exist, and creates nothing: only the
// first start on the default path makes a database.
func TestMain_RefusesMissing(t *testing.T) {
	dir := t.TempDir()
	m := NewMain(test.NewTempApp(t))
	if err := m.ParseFlags([]string{"-db", filepath.Join(dir, "gõ nhầm", "kc.db")}); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err == nil || !strings.Contains(data.ErrorMessage(err), "Không có tệp cơ sở dữ liệu") {
		t.Fatalf("Run: %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a missing -db path made %v", entries)
	}
}

// TestMain_RefusesNotADatabase shows why it cannot start, and leaves the file as it was.
func TestMain_RefusesNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "thu.db")
	want := "Danh sách học viên\n"
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	m := NewMain(a)
	if err := m.ParseFlags([]string{"-db", path}); err != nil {
		t.Fatal(err)
	}
	err := m.Run()
	if err == nil {
		t.Fatal("a text file opened as a database")
	}
	m.ShowFatal(err)
	shown := windowsText(a)
	if !strings.Contains(shown, "SQLite") && !strings.Contains(shown, "cơ sở dữ liệu") {
		t.Fatalf("the window says %q", shown)
	}
	if got, _ := os.ReadFile(path); string(got) != want {
		t.Fatal("the refused file was changed")
	}
}

// TestMain_NewerVersionSaysWhichToInstall: a database that version 0.3.0 opened and then gave a
// schema step this build lacks is refused with the version to install, in the fatal window.
func TestMain_NewerVersionSaysWhichToInstall(t *testing.T) {
	defer func(v string) { version = v }(version)
	path := filepath.Join(t.TempDir(), "kc.db")
	if err := createDatabase(path); err != nil {
		t.Fatal(err)
	}
	version = "0.3.0"
	newer := NewMain(test.NewTempApp(t))
	if err := newer.ParseFlags([]string{"-db", path}); err != nil {
		t.Fatal(err)
	}
	if err := newer.Run(); err != nil {
		t.Fatal(err)
	}
	select { // the version is recorded after the first frame
	case <-newer.checked:
	case <-time.After(20 * time.Second):
		t.Fatal("the check after start did not end")
	}
	if err := newer.Close(); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO migrations (name, applied_at) VALUES ('0099_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	version = "0.2.0"
	a := test.NewTempApp(t)
	older := NewMain(a)
	if err := older.ParseFlags([]string{"-db", path}); err != nil {
		t.Fatal(err)
	}
	err = older.Run()
	if want := "Hãy cập nhật phần mềm lên phiên bản 0.3.0"; err == nil || !strings.Contains(data.ErrorMessage(err), want) {
		t.Fatalf("Run: %v, want %q", err, want)
	}
	older.ShowFatal(err)
	shown := windowsText(a)
	if !strings.Contains(shown, "phiên bản 0.3.0") {
		t.Fatalf("the window says %q", shown)
	}
}

// windowsText is the text of the labels of every window of a.
func windowsText(a fyne.App) string {
	var shown string
	for _, w := range a.Driver().AllWindows() {
		for _, o := range test.LaidOutObjects(w.Content()) {
			if l, ok := o.(*widget.Label); ok {
				shown += l.Text
			}
		}
	}
	return shown
}
