package ui

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"khuyencong/data/store"
)

// quitApp records the program asking to quit, which the test driver's app ignores.
type quitApp struct {
	fyne.App
	quits int
}

// Quit implements fyne.App.
func (a *quitApp) Quit() { a.quits++ }

// newDatabaseSettings opens the settings on a fresh database with the store's database
// functions wired as cmd/khuyencong wires them, and records quitting and the database chosen.
func newDatabaseSettings(t *testing.T) (*Main, *store.DB, *settingsScreen, *quitApp, *[]string) {
	t.Helper()
	t.Setenv("TMPDIR", t.TempDir()) // the backup check's scratch folder must be gone afterwards
	m, db := newTestMain(t)
	app := &quitApp{App: m.App}
	m.App = app
	var used []string
	m.Services.UseDatabase = func(p string) error { used = append(used, p); return nil }
	m.Services.CreateDatabase = func(p string) error {
		db, err := store.Create(p)
		if err == nil {
			err = db.Close()
		}
		return err
	}
	m.Services.CheckDatabase = func(location string) error {
		db, err := store.Open(location)
		if err == nil {
			err = db.Close()
		}
		return err
	}
	m.Services.Restore = store.Restore
	m.Services.NewestBackup = store.NewestBackup
	m.Services.CloseDatabase = db.Close
	m.Show(len(m.entries) - 1)
	return m, db, m.Current().(*settingsScreen), app, &used
}

// setDirector stores the signer's name in db, the datum the restore tests follow.
func setDirector(t *testing.T, db *store.DB, name string) {
	t.Helper()
	ctx := bg
	o, err := db.Organisation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o.DirectorName = name
	if err := db.SaveOrganisation(ctx, o); err != nil {
		t.Fatal(err)
	}
}

// director opens the database at path and returns the signer's name stored there.
func director(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()
	o, err := db.Organisation(bg)
	if err != nil {
		t.Fatal(err)
	}
	return o.DirectorName
}

// waitForText waits until the dialogs shown contain want.
func waitForText(t *testing.T, m *Main, want string) {
	t.Helper()
	waitFor(t, func() bool {
		var text string
		fyne.DoAndWait(func() { text = overlayText(m) })
		return strings.Contains(text, want)
	})
}

// assertNoScratch fails if the backup check left its scratch folder behind.
func assertNoScratch(t *testing.T) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "khuyencong-kiem-tra-*")); len(left) > 0 {
		t.Fatalf("the backup check left %v", left)
	}
}

func TestRestoreFromBackup(t *testing.T) {
	m, db, s, app, _ := newDatabaseSettings(t)
	ctx := bg
	setDirector(t, db, "Nguyễn Văn Hùng")
	backup, err := db.BackupTo(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	newest, err := db.AutoBackup(ctx, m.Services.AutoBackupDir, 10)
	if err != nil {
		t.Fatal(err)
	}
	setDirector(t, db, "Trần Thị Lan") // entered after the backup

	s.checkAndConfirmRestore(backup)
	waitForText(t, m, "Khôi phục cơ sở dữ liệu từ bản sao lưu "+backup+"?")
	text := overlayText(m)
	for _, want := range []string{
		"Bản sao lưu tự động mới nhất là " + newest,
		"được giữ lại ngay bên cạnh với tên mới kc.db.truoc-khoi-phuc-",
		"chương trình sẽ đóng và phải mở lại",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the confirmation lacks %q:\n%s", want, text)
		}
	}
	assertNoScratch(t)
	if got := director(t, db.Path()); got != "Trần Thị Lan" {
		t.Fatalf("the check changed the database: director %q", got)
	}

	tapButton(t, m, "Khôi phục và đóng chương trình")
	waitForText(t, m, "Tệp đang dùng trước đó được giữ lại là ")
	text = overlayText(m)
	asides, _ := filepath.Glob(db.Path() + ".truoc-khoi-phuc-*")
	if len(asides) != 1 || !strings.Contains(text, asides[0]) {
		t.Fatalf("kept aside %v, the dialog says:\n%s", asides, text)
	}
	if got := director(t, db.Path()); got != "Nguyễn Văn Hùng" {
		t.Errorf("restored director %q, want the backup's", got)
	}
	if got := director(t, asides[0]); got != "Trần Thị Lan" {
		t.Errorf("the file kept aside has director %q, want what was entered after the backup", got)
	}
	if app.quits != 0 {
		t.Fatal("quit before the clerk read where the old file went")
	}
	tapButton(t, m, "Đóng chương trình")
	if app.quits != 1 {
		t.Fatalf("quits=%d after the restore, want 1", app.quits)
	}
}

// newerBackup returns a backup of db as a newer version of the program would have made it: with
// a schema step this version does not know.
func newerBackup(t *testing.T, db *store.DB) string {
	t.Helper()
	path := sceneCopy(t, db)
	sdb, err := sql.Open("sqlite", path) // the driver the store registers
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if _, err := sdb.Exec(`INSERT INTO migrations (name, applied_at) VALUES ('0099_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRestoreRefused(t *testing.T) {
	m, db, s, app, _ := newDatabaseSettings(t)
	setDirector(t, db, "Nguyễn Văn Hùng")
	notes := filepath.Join(t.TempDir(), "ghi-chu.db")
	if err := os.WriteFile(notes, []byte("danh sách doanh nghiệp cần gọi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := newerBackup(t, db)
	for _, c := range []struct{ backup, want string }{
		{notes, "Không khôi phục từ tệp " + notes},
		{newer, "do một phiên bản mới hơn của chương trình tạo ra"},
		{db.Path(), "là cơ sở dữ liệu đang dùng, không phải bản sao lưu"},
	} {
		s.checkAndConfirmRestore(c.backup)
		waitForText(t, m, c.want)
		if text := overlayText(m); strings.Contains(text, "Khôi phục và đóng chương trình") {
			t.Fatalf("%s: a refused backup was offered for restore:\n%s", c.backup, text)
		}
		closeDialogs(m)
	}
	assertNoScratch(t)
	if b, _ := os.ReadFile(notes); !bytes.Equal(b, []byte("danh sách doanh nghiệp cần gọi\n")) {
		t.Fatalf("the refused file changed: %q", b)
	}
	if asides, _ := filepath.Glob(db.Path() + ".truoc-khoi-phuc-*"); len(asides) > 0 {
		t.Fatalf("a refused restore moved the database aside: %v", asides)
	}
	if o, err := db.Organisation(bg); err != nil || o.DirectorName != "Nguyễn Văn Hùng" {
		t.Fatalf("the database after a refusal: %+v, %v", o, err)
	}
	if app.quits != 0 {
		t.Fatalf("a refusal closed the program")
	}
}

func TestCreateDatabase(t *testing.T) {
	m, db, s, app, used := newDatabaseSettings(t)
	dir := t.TempDir()

	existing := filepath.Join(dir, "khuyencong.db")
	if err := os.WriteFile(existing, []byte("dữ liệu cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The dialog: Enter in the name asks the store, whose refusal stays in the dialog.
	s.chooseNewDatabase()
	f := dialogEntries(m)
	f[0].SetText(dir)
	f[1].SetText("khuyencong.db")
	pressEnter(f[1])
	waitForText(t, m, "Đã có tệp "+existing+"; chương trình không ghi đè")
	if b, _ := os.ReadFile(existing); string(b) != "dữ liệu cũ" {
		t.Fatalf("creating over an existing file changed it: %q", b)
	}
	if len(*used) > 0 {
		t.Fatalf("a refused file became the default: %v", *used)
	}
	f[1].SetText("năm 2027") // ".db" added
	pressEnter(f[1])
	created := filepath.Join(dir, "năm 2027.db")
	waitForText(t, m, "Đã tạo cơ sở dữ liệu mới "+created)
	if got := director(t, created); got != "" {
		t.Fatalf("the new database has director %q", got)
	}
	if len(*used) != 1 || (*used)[0] != created {
		t.Fatalf("made default %v, want %s", *used, created)
	}
	if _, err := os.Lstat(created + "-wal"); err == nil {
		t.Fatal("the new database was left open")
	}
	if _, err := db.Organisation(bg); err != nil {
		t.Fatalf("the window's database until the restart: %v", err)
	}
	tapButton(t, m, "Đóng chương trình")
	if app.quits != 1 {
		t.Fatalf("quits=%d after \"Đóng chương trình\"", app.quits)
	}
}
