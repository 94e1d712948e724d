// Package ui is the desk's window: a navigation list on the left and the chosen screen on the
// right. It is the only package, with cmd/khuyencong, that imports Fyne.
package ui

import (
	"context"
	"errors"
	"io"
	"log"
	"net/url"
	"runtime/debug"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// Services are what the screens work with; cmd/khuyencong wires them to the store.
type Services struct {
	// Enterprises keeps the register of enterprises.
	Enterprises data.EnterpriseService
	// Divisions gives the ward and district catalogues.
	Divisions data.DivisionService
	// Settings keeps the settings shared by everyone on the database.
	Settings data.SettingsService
	// Backup copies the database.
	Backup data.BackupService
	// Classes keeps the training classes.
	Classes data.ClassService
	// Trainees keeps the register of trainees.
	Trainees data.TraineeService
	// Enrollments keeps who attends which class, and their results.
	Enrollments data.EnrollmentService
	// Attendance keeps the sessions of classes and who attended them.
	Attendance data.AttendanceService
	// Grades keeps the grade scale.
	Grades data.GradeService
	// Certificates keeps the issuing register of certificates.
	Certificates data.CertificateService
	// Fairs keeps the trade fairs, their booths and bookings.
	Fairs data.FairService
	// Programmes keeps the yearly plans, the đề án and their payments.
	Programmes data.ProgrammeService
	// Equipment keeps the equipment and demonstration-model support.
	Equipment data.EquipmentService
	// Villages keeps the craft villages and gives support histories.
	Villages data.VillageService
	// Reports computes the managers' figures: the Tổng quan dashboard and the Báo cáo screen.
	Reports data.ReportService
	// Users keeps the users, signs them in and says who may do what.
	Users data.UserService
	// Audit reads the history of changes.
	Audit data.AuditService
	// Keys keeps the certificate signing key sealed and checks the register.
	Keys data.KeyService
	// Imports checks and writes the rows of imported spreadsheets, and remembers their mappings.
	Imports data.ImportService
	// DBPath is the database in use, shown in the settings: a file's path, or a server's address
	// without its password.
	DBPath string
	// OnServer says that the database in use is a PostgreSQL server's.
	OnServer bool
	// UseDatabase makes another database, a file's path or a server's address, the one opened
	// from the next start; a server's password is kept out of the settings.
	UseDatabase func(location string) error
	// CheckDatabase opens the database at location and closes it, saying in the store's words
	// why it cannot be used (not reachable, wrong password, not the program's, newer, empty).
	CheckDatabase func(location string) error
	// AutoBackupDir is where a backup is taken at each start.
	AutoBackupDir string
	// CreateDatabase makes a new, empty database at path and closes it; it refuses a file that
	// exists (sqlite.Create).
	CreateDatabase func(path string) error
	// Restore checks backup and puts it in place of the database at path, keeping the file that
	// was there aside under a new name it returns (sqlite.Restore).
	Restore func(backup, path string, now time.Time) (aside string, err error)
	// NewestBackup returns the newest backup in dir, "" when there is none (sqlite.NewestBackup).
	NewestBackup func(dir string) (string, error)
	// CloseDatabase closes the database in use, before Restore replaces its file; the window
	// must quit after it.
	CloseDatabase func() error
	// User is the login of who is acting, for the audit trail and the rights: set by the sign-in
	// screen (tests set it directly).
	User string
	// Now is the clock, the store's as kc has it, so that tests pin it; nil means time.Now.
	Now func() time.Time
	// Version is the program's version, shown in Settings → Giới thiệu.
	Version string
	// SchemaVersion returns the number of the database's newest schema step, for Giới thiệu.
	SchemaVersion func(ctx context.Context) (int, error)
	// ReleaseMemory empties the store's page cache (store's ReleaseMemory); nil for none.
	ReleaseMemory func(ctx context.Context) error
}

// Screen is one page of the window. Screens may also implement the commands of the main menu:
// New (Ctrl+N), Save (Ctrl+S) and Find (Ctrl+F); the menu calls them on the screen shown.
type Screen interface {
	// Content returns the screen's widgets, built once.
	Content() fyne.CanvasObject
}

type creator interface{ New() }
type saver interface{ Save() }
type finder interface{ Find() }

// screenEntry is a line of the navigation: only screens that are built are listed.
type screenEntry struct {
	title string
	icon  fyne.Resource
	make  func(*Main) Screen
}

// screenEntries lists the screens in the navigation's order; Tổng quan and Báo cáo need the report
// service, which a window built to test other screens does without. Người dùng is listed to those
// who manage users.
func screenEntries(svc Services, can func(data.Right) bool) []screenEntry {
	entries := []screenEntry{
		{lang.L("Overview"), theme.InfoIcon(), func(m *Main) Screen { return newDashboardScreen(m) }},
		{lang.L("Reports"), theme.DocumentSaveIcon(), func(m *Main) Screen { return newReportScreen(m) }},
		{lang.L("Enterprises"), theme.HomeIcon(), func(m *Main) Screen { return newEnterpriseScreen(m) }},
		{lang.L("Classes"), theme.DocumentIcon(), func(m *Main) Screen { return newClassScreen(m) }},
		{lang.L("Trainees"), theme.AccountIcon(), func(m *Main) Screen { return newTraineeScreen(m) }},
		{lang.L("Certificates"), theme.DocumentPrintIcon(), func(m *Main) Screen { return newCertificateScreen(m) }},
		{lang.L("Verify"), theme.SearchIcon(), func(m *Main) Screen { return newVerifyScreen(m) }},
		{lang.L("Fairs"), theme.StorageIcon(), func(m *Main) Screen { return newFairScreen(m) }},
		{lang.L("Programmes"), theme.ListIcon(), func(m *Main) Screen { return newProgrammeScreen(m) }},
		{lang.L("Equipment support"), theme.ComputerIcon(), func(m *Main) Screen { return newEquipmentScreen(m) }},
		{lang.L("Craft villages"), theme.GridIcon(), func(m *Main) Screen { return newVillageScreen(m) }},
		{lang.L("Settings"), theme.SettingsIcon(), func(m *Main) Screen { return newSettingsScreen(m) }},
	}
	if svc.Audit != nil && can(data.RightAudit) { // the change log, before the settings
		entries = slices.Insert(entries, len(entries)-1, screenEntry{lang.L("Change log"), theme.HistoryIcon(), func(m *Main) Screen { return newAuditScreen(m) }})
	}
	if svc.Users != nil && can(data.RightUsers) {
		entries = append(entries, screenEntry{lang.L("Users"), theme.LoginIcon(), func(m *Main) Screen { return newUserScreen(m) }})
	}
	if svc.Reports == nil {
		return entries[2:]
	}
	return entries
}

// widestTitle is the title of entries that takes the most room: the navigation is as wide as it,
// so that no title is cut ("Nhật ký thay đổi").
func widestTitle(entries []screenEntry) string {
	widest, w := "", float32(0)
	for _, e := range entries {
		if ew := fyne.MeasureText(e.title, theme.TextSize(), fyne.TextStyle{}).Width; ew > w {
			widest, w = e.title, ew
		}
	}
	return widest
}

// Main is the main window and what its screens share.
type Main struct {
	// App is the Fyne application.
	App fyne.App
	// Window is the main window.
	Window fyne.Window
	// Services are the store's services.
	Services Services

	// builder builds every document the screens save, from Services and their clock, as kc's
	// does: the same command gives the same bytes in both.
	builder docs.Builder
	entries []screenEntry
	screens []Screen
	// user is who signed in, nil on the sign-in screen; the window shows what their role can do.
	user *data.User
	// painted is closed once the window has painted its first frame: work that can wait (a
	// filter's values, cmd's quick check and backup) waits for it rather than delay that frame.
	painted chan struct{}
	current int
	nav     *widget.List
	body    *fyne.Container
	// openURL opens a saved document or its folder in the system's program (App.OpenURL; tests
	// replace it).
	openURL func(*url.URL) error
	// dialog is the dialog shown last: while it is open Ctrl+S confirms it, not the screen under it.
	dialog openDialog
}

// openDialog is a dialog that Ctrl+S confirms while it is open (formDialog, keyedDialog, a
// booking's registration).
type openDialog interface {
	isOpen() bool
	save()
}

// dialogOpen reports whether the dialog shown last is still open.
func (m *Main) dialogOpen() bool { return m.dialog != nil && m.dialog.isOpen() }

// NewMain builds the main window on the first screen.
func NewMain(a fyne.App, svc Services) *Main {
	if svc.Now == nil {
		svc.Now = time.Now
	}
	m := &Main{App: a, Services: svc, current: -1,
		builder: docs.Builder{Settings: svc.Settings, Classes: svc.Classes, Attendance: svc.Attendance,
			Certificates: svc.Certificates, Fairs: svc.Fairs, Enterprises: svc.Enterprises, Trainees: svc.Trainees, Divisions: svc.Divisions,
			Programmes: svc.Programmes, Villages: svc.Villages, Reports: svc.Reports,
			Now: svc.Now}}
	m.painted = make(chan struct{})
	go m.awaitFirstFrame()
	m.Window = a.NewWindow(lang.L("Industrial promotion desk"))
	m.body = container.NewStack()
	m.nav = widget.NewList(
		func() int { return len(m.entries) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel(widestTitle(m.entries)))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Icon).SetResource(m.entries[i].icon)
			box.Objects[1].(*widget.Label).SetText(m.entries[i].title)
		},
	)
	m.nav.OnSelected = func(i widget.ListItemID) { m.Show(i) }
	m.Window.SetMainMenu(m.menu())
	m.Window.Canvas().SetOnTypedKey(m.typedKey)
	m.placeWindow()
	m.open()
	return m
}

// firstTick is more than the event loop takes to start drawing the window's first frame (it
// draws at every 1/60 s tick).
const firstTick = 100 * time.Millisecond

// awaitFirstFrame closes painted once the event loop has drawn the window's first frame: a call
// queued to the loop runs only once the loop runs, and one queued after its first tick only once
// that frame is drawn. The test driver runs them at once.
func (m *Main) awaitFirstFrame() {
	fyne.DoAndWait(func() {})
	time.Sleep(firstTick)
	fyne.DoAndWait(func() {})
	close(m.painted)
}

// AfterFirstFrame runs work on a goroutine of its own once the window has painted its first
// frame, so that start-up work that can wait does not slow it.
func (m *Main) AfterFirstFrame(work func()) {
	go func() {
		<-m.painted
		work()
	}()
}

// Preference keys of the window's size, as the clerk last left it.
const (
	PrefWindowWidth  = "window.width"
	PrefWindowHeight = "window.height"
)

// placeWindow opens the window at the size it had when it was last closed, centred; the first
// time at the size of a common office laptop's screen. Fyne 2.7 can neither maximise a window nor
// say where it is, so the size is what is remembered: a clerk who maximised it once gets a window
// as large, on the middle of the screen, from then on.
func (m *Main) placeWindow() {
	p := m.App.Preferences()
	w := p.FloatWithFallback(PrefWindowWidth, 1366)
	h := p.FloatWithFallback(PrefWindowHeight, 740)
	m.Window.Resize(fyne.NewSize(float32(max(w, 800)), float32(max(h, 560))))
	m.Window.CenterOnScreen()
	m.Window.SetOnClosed(m.rememberSize)
}

// rememberSize keeps the window's size for the next start.
func (m *Main) rememberSize() {
	size := m.Window.Canvas().Size()
	if size.Width > 0 && size.Height > 0 {
		m.App.Preferences().SetFloat(PrefWindowWidth, float64(size.Width))
		m.App.Preferences().SetFloat(PrefWindowHeight, float64(size.Height))
	}
}

// Show switches to screen i of the navigation, building it the first time.
func (m *Main) Show(i int) {
	if i == m.current {
		return
	}
	if m.screens[i] == nil {
		m.screens[i] = m.entries[i].make(m)
	}
	m.current = i
	if r, ok := m.screens[i].(interface{ shown() }); ok {
		r.shown() // figures read again: they may have changed on another screen
	}
	m.body.Objects = []fyne.CanvasObject{m.screens[i].Content()}
	m.body.Refresh()
	m.nav.Select(i)
}

// releaseMemory gives back to the system what a screen's reading of the whole register left
// behind, the store's page cache and the runtime's free memory, so that the idle window keeps
// nothing that grows with the data; the first screen after sign-in also frees the password's
// hash (46 MB for Argon2id), which the runtime would otherwise keep for minutes.
func (m *Main) releaseMemory() {
	if m.Services.ReleaseMemory != nil {
		if err := m.Services.ReleaseMemory(context.Background()); err != nil {
			log.Printf("release memory: %v", err)
		}
	}
	debug.FreeOSMemory()
}

// Current returns the screen shown, nil before sign-in.
func (m *Main) Current() Screen {
	if m.current < 0 {
		return nil
	}
	return m.screens[m.current]
}

// menu is the main menu; its shortcuts work wherever the focus is, even inside a text field.
func (m *Main) menu() *fyne.MainMenu {
	ctrl := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, run func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, run)
		it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: ctrl}
		return it
	}
	return fyne.NewMainMenu(fyne.NewMenu(lang.L("File"),
		item(lang.L("New"), fyne.KeyN, func() {
			if s, ok := m.Current().(creator); ok {
				s.New()
			}
		}),
		item(lang.L("Save"), fyne.KeyS, func() {
			if m.dialogOpen() {
				m.dialog.save()
				return
			}
			if s, ok := m.Current().(saver); ok {
				s.Save()
			}
		}),
		item(lang.L("Search"), fyne.KeyF, func() {
			if s, ok := m.Current().(finder); ok {
				s.Find()
			}
		}),
	))
}

// typedKey gets the keys no field takes: Esc closes the form or page open, as it does from a
// field, unless a dialog is up (Esc is its own).
func (m *Main) typedKey(k *fyne.KeyEvent) {
	if k.Name != fyne.KeyEscape || m.Window.Canvas().Overlays().Top() != nil {
		return
	}
	if b, ok := m.Current().(interface{ back() }); ok {
		b.back()
	}
}

// Shortcut returns the main-menu action bound to Ctrl+key, for tests and for screens that
// want to run a command as the keyboard would.
func (m *Main) Shortcut(key fyne.KeyName) func() {
	for _, menu := range m.Window.MainMenu().Items {
		for _, it := range menu.Items {
			if s, ok := it.Shortcut.(*desktop.CustomShortcut); ok && s.KeyName == key {
				return it.Action
			}
		}
	}
	return nil
}

// ctx returns the context writes are made with: it says who is acting.
func (m *Main) ctx() context.Context {
	return data.WithUser(context.Background(), m.Services.User)
}

// today is the day the clerk works on, by the services' clock.
func (m *Main) today() vn.Date { return vn.DateOf(m.Services.Now()) }

// document is a file a screen offers to save: the name the save dialog proposes, its extension
// and what writes it. A screen makes it and its button hands it to save, so that a test writes
// the very bytes the button would.
type document struct {
	name, ext string
	write     func(ctx context.Context, w io.Writer) error
}

// newDocument is document k about code (a class's or fair's code, a year; "" for none) in format
// f, written by write.
func newDocument(k docs.Kind, code string, f docs.Format, write func(ctx context.Context, w io.Writer) error) document {
	return document{name: k.FileName(code, f), ext: string(f), write: write}
}

// save asks where to save d and writes it there.
func (m *Main) save(d document) { m.saveDocument(d.name, d.ext, d.write) }

// showError tells the clerk what went wrong, in words for a clerk; the details of an internal
// error go to the log only.
func (m *Main) showError(err error) {
	if data.ErrorCode(err) == data.EINTERNAL {
		log.Printf("internal error: %v", err)
	}
	dialog.ShowError(errors.New(data.ErrorMessage(err)), m.Window) // with the error icon
}

// confirmDiscard asks before unsaved changes are dropped, and calls discard if the clerk agrees.
func (m *Main) confirmDiscard(discard func()) {
	m.askYesNo(lang.L("Unsaved changes"), lang.L("The open form has changes that are not saved. Discard them?"), discard)
}
