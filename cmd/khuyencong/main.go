// Command khuyencong is the desk's window. It reads its flags, opens the database, takes the
// start-of-day backup and shows the window; the rest is in ui, data and reports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/cmd/internal/config"
	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/ui"
)

// version is set by the build from FyneApp.toml.
var version = "dev"

// AppID names the program to Fyne: its preferences and storage live under it.
const AppID = "vn.gov.hanoi.khuyencong"

// autoBackups is how many start-of-day backups are kept.
const autoBackups = 10

func main() {
	m := NewMain(app.NewWithID(AppID))
	if err := m.ParseFlags(os.Args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := m.Run(); err != nil {
		m.ShowFatal(err)
	}
	m.App.Run()
	if err := m.Close(); err != nil {
		log.Print(err)
	}
}

// Main is the program: its flags, its database and its window.
type Main struct {
	// DBPath is the database file; empty means the one the configuration names.
	DBPath string
	// App is the Fyne application.
	App fyne.App
	// DB is the open database, nil until Run.
	DB *store.DB
	// UI is the main window, nil until Run.
	UI *ui.Main

	checked   chan struct{} // closed when the check and backup after start are over
	onDefault bool          // DBPath is the default file, which the first start makes
	backups   string        // the folder of the automatic backups of DBPath, set by open
}

// NewMain returns a program that will run in a.
func NewMain(a fyne.App) *Main { return &Main{App: a} }

// ParseFlags reads the command-line flags.
func (m *Main) ParseFlags(args []string) error {
	fs := flag.NewFlagSet("khuyencong", flag.ContinueOnError)
	fs.StringVar(&m.DBPath, "db", "", "tệp cơ sở dữ liệu, hoặc địa chỉ máy chủ postgres://tên-đăng-nhập@máy-chủ:5432/tên-cơ-sở-dữ-liệu (mặc định: tệp trong thư mục cấu hình của người dùng)")
	return fs.Parse(args)
}

// Run sets the language, opens the database, starts the backup and builds the window.
func (m *Main) Run() error {
	m.App.Settings().SetTheme(ui.LightTheme())
	if err := ui.SetLanguage(m.App.Preferences().String(ui.PrefLanguage)); err != nil {
		log.Printf("translations: %v", err)
	}
	if err := m.open(); err != nil {
		return err
	}
	m.start()
	return nil
}

// open opens the database: DBPath, or the one the configuration names (kept in DBPath, so that
// "Thử lại" opens the same). Only the first start on the default path makes a database.
func (m *Main) open() error {
	if m.DBPath == "" {
		p, err := config.DBPath()
		if err != nil {
			return err
		}
		dir, err := config.Dir()
		if err != nil {
			return err
		}
		m.DBPath, m.onDefault = p, p == filepath.Join(dir, "khuyencong.db")
	}
	m.backups = config.AutoBackupDir(m.DBPath)
	db, err := store.OpenWith(m.DBPath, store.Options{CreateMissing: m.onDefault, BackupDir: m.backups})
	if err != nil {
		return err
	}
	m.DB = db
	return nil
}

// start builds and shows the window on the open database, and starts the backup.
func (m *Main) start() {
	db, backups := m.DB, m.backups
	if version == "dev" && m.App.Metadata().Version != "" { // built by the packaging tool
		version = m.App.Metadata().Version
	}
	m.UI = ui.NewMain(m.App, ui.Services{
		Enterprises:   db,
		Villages:      db,
		Equipment:     db,
		Divisions:     db,
		Settings:      db,
		Backup:        db,
		Classes:       db,
		Trainees:      db,
		Enrollments:   db,
		Attendance:    db,
		Grades:        db,
		Certificates:  db,
		Fairs:         db,
		Programmes:    db,
		Reports:       db,
		Users:         db,
		Audit:         db,
		Keys:          db,
		Imports:       db,
		DBPath:        db.Path(), // a server's without its password
		OnServer:      db.IsServer(),
		UseDatabase:   config.SetDBPath,
		CheckDatabase: checkDatabase,
		AutoBackupDir: backups,
		Now:           func() time.Time { return db.Now() }, // the store's clock, as kc's
		// Settings' "Tạo cơ sở dữ liệu mới…" and "Khôi phục từ bản sao lưu…"
		CreateDatabase: createDatabase,
		Restore:        store.Restore,
		NewestBackup:   store.NewestBackup,
		CloseDatabase:  db.Close,
		Version:        version,
		SchemaVersion:  db.SchemaVersion,
		ReleaseMemory:  db.ReleaseMemory,
	})
	m.UI.Window.SetTitle(m.UI.Window.Title() + " " + version + " — " + db.Path()) // which database, at a glance
	m.UI.Window.SetMaster()
	m.UI.Window.Show()
	m.checked = make(chan struct{})
	m.UI.AfterFirstFrame(func() { m.checkAndBackUp(backups) })
}

// checkAndBackUp runs SQLite's quick check (about a second at 100,000 enterprises, so once the
// window has painted its first frame) and then copies the day's starting point, unless Open did
// so before upgrading the schema. A damaged file is said in words, with the backup to restore,
// and gets no backup: rotating in a damaged copy would push out a good one.
func (m *Main) checkAndBackUp(backups string) {
	ctx := context.Background()
	defer close(m.checked)
	// What start-up and the two reads of the whole file allocated and cached is not needed by
	// the idle window: give it back to the system.
	defer func() {
		if err := m.DB.ReleaseMemory(ctx); err != nil {
			log.Printf("release memory: %v", err)
		}
		debug.FreeOSMemory()
	}()
	if err := m.DB.QuickCheck(ctx); err != nil {
		log.Print(err)
		fyne.Do(func() { dialog.ShowError(errors.New(data.ErrorMessage(err)), m.UI.Window) })
		return
	}
	// An older version that this one's schema steps make refuse the file will say which to install.
	if err := m.DB.NoteProgramVersion(ctx, version); err != nil {
		log.Printf("record the program's version: %v", err)
	}
	if m.DB.UpgradeBackup() != "" { // the day's copy was taken before the upgrade
		return
	}
	if _, err := m.DB.AutoBackup(ctx, backups, autoBackups); err != nil {
		log.Printf("automatic backup: %v", err)
	}
}

// ShowFatal shows why the program cannot start, in a window, since a clerk never sees a console,
// with the ways on (see startFailure).
func (m *Main) ShowFatal(err error) {
	log.Print(err)
	f := &startFailure{m: m, w: m.App.NewWindow(lang.L("Industrial promotion desk"))}
	f.message = widget.NewLabel(data.ErrorMessage(err))
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	intro := widget.NewLabelWithStyle(lang.L("The program could not open its database:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(lang.L("Try again once the server is back, or choose another database."))
	hint.Wrapping = fyne.TextWrapWord
	f.retry = widget.NewButtonWithIcon(lang.L("Try again"), theme.ViewRefreshIcon(), f.tryAgain)
	f.retry.Importance = widget.HighImportance
	f.other = widget.NewButtonWithIcon(lang.L("Use another database…"), theme.FolderOpenIcon(), f.chooseOther)
	f.close = widget.NewButtonWithIcon(lang.L("Close"), theme.CancelIcon(), f.w.Close)
	buttons := container.NewHBox(layout.NewSpacer(), f.close, f.other, f.retry)
	f.w.SetContent(container.NewPadded(container.NewBorder(intro, buttons, nil, nil, container.NewVBox(f.message, hint))))
	f.w.Canvas().SetOnTypedKey(f.typedKey)
	f.w.Resize(fyne.NewSize(640, 280))
	f.w.CenterOnScreen()
	// Not the master window: the program's window replaces it, and closing the last window ends
	// the program.
	f.w.Show()
}

// startFailure is the window that says why the database could not be opened at start, and what
// good desktop software offers instead of only "Đóng": "Thử lại" (Enter) opens it again, for a
// server that was briefly down; "Dùng cơ sở dữ liệu khác…" chooses another, for a database IT
// moved; "Đóng" (Esc). Once a database opens, the program's window comes up in its place.
type startFailure struct {
	m                   *Main
	w                   fyne.Window
	message             *widget.Label
	retry, other, close *widget.Button
}

// typedKey gives Enter to "Thử lại" and Esc to "Đóng", unless the database dialog is open, which
// has its own.
func (f *startFailure) typedKey(e *fyne.KeyEvent) {
	if f.w.Canvas().Overlays().Top() != nil || f.retry.Disabled() {
		return
	}
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		f.tryAgain()
	case fyne.KeyEscape:
		f.w.Close()
	}
}

// tryAgain opens the same database again.
func (f *startFailure) tryAgain() { f.openThenStart(f.m.DBPath) }

// chooseOther shows Settings' database dialog on the database that failed; the one chosen is
// made the configured one and opened.
func (f *startFailure) chooseOther() {
	ui.ChooseDatabaseAtStart(f.w, ui.Services{
		DBPath:         store.ServerAddress(f.m.DBPath),
		OnServer:       store.IsServer(f.m.DBPath),
		UseDatabase:    config.SetDBPath,
		CheckDatabase:  checkDatabase,
		CreateDatabase: createDatabase,
	}, func(location string) {
		f.m.onDefault = false // a database chosen exists: it is never made here
		f.openThenStart(location)
	})
}

// openThenStart opens the database at location off the window's goroutine, with the buttons
// disabled, and starts the program in place of this window; if it fails, it says why, again.
func (f *startFailure) openThenStart(location string) {
	f.enable(false)
	f.message.Importance = widget.MediumImportance
	f.message.SetText(lang.L("Opening {{.Where}}…", map[string]any{"Where": store.ServerAddress(location)}))
	f.m.DBPath = location
	go func() {
		err := f.m.open()
		fyne.Do(func() {
			f.enable(true)
			if err != nil {
				log.Print(err)
				f.message.Importance = widget.DangerImportance
				f.message.SetText(data.ErrorMessage(err))
				return
			}
			f.m.start()
			f.w.Close()
		})
	}()
}

// enable enables or disables the window's buttons but "Đóng".
func (f *startFailure) enable(on bool) {
	for _, b := range []*widget.Button{f.retry, f.other} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// Close closes the database.
func (m *Main) Close() error {
	if m.DB == nil {
		return nil
	}
	return m.DB.Close()
}

// checkDatabase opens the database at location, as the next start will (an older schema is
// backed up before it is upgraded), and closes it.
func checkDatabase(location string) error {
	db, err := store.OpenWith(location, store.Options{BackupDir: config.AutoBackupDir(location)})
	if err != nil {
		return err
	}
	return db.Close()
}

// createDatabase makes a new, empty database at path for the window to open from its next start.
func createDatabase(path string) error {
	db, err := store.Create(path)
	if err != nil {
		return err
	}
	return db.Close()
}
