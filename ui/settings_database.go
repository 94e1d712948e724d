package ui

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
)

// newDatabaseName is the file name the new-database form proposes: beside the database in use,
// where "khuyencong.db" usually is already.
const newDatabaseName = "khuyencong-moi.db"

// newDatabaseButton offers "Create a new database…", the only way besides the first start and
// kc seed that the window makes a database.
func (s *settingsScreen) newDatabaseButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.L("Create a new database…"), theme.ContentAddIcon(), s.chooseNewDatabase)
}

// restoreButton offers "Restore from a backup…".
func (s *settingsScreen) restoreButton() *widget.Button {
	return widget.NewButtonWithIcon(lang.L("Restore from a backup…"), theme.HistoryIcon(), s.chooseBackup)
}

// chooseNewDatabase asks for a folder and a file name. It is not Fyne's file-save dialog: that
// one creates the file before it answers, and empties an existing file once the clerk agrees to
// "overwrite" it, which for a database would lose everything in it.
func (s *settingsScreen) chooseNewDatabase() {
	d := newFormDialog(s.m)
	folder := d.entry(nil)
	folder.SetText(filepath.Dir(s.m.Services.DBPath))
	if s.m.Services.OnServer { // an address has no folder
		folder.SetText(documentsFolder())
	}
	name := d.entry(nil)
	name.SetText(newDatabaseName)
	browse := widget.NewButtonWithIcon("", theme.FolderOpenIcon(), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, s.m.Window)
	})
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Folder"), container.NewBorder(nil, nil, nil, browse, folder)),
		widget.NewFormItem(lang.L("File name"), name),
	}
	d.show(lang.L("Create a new database"), lang.L("Create"), items, fyne.NewSize(640, 0), func() error {
		made, err := s.createDatabase(filepath.Join(folder.Text, name.Text))
		if err != nil {
			return err
		}
		d.close() // first: closing it would close every dialog opened above it
		s.m.offerNewDatabase(made)
		return nil
	})
}

// createDatabase makes a new, empty database at path (".db" added to a name without an
// extension), makes it the one opened from the next start and returns its path. An existing
// file is refused with the store's message and left as it was.
func (s *settingsScreen) createDatabase(path string) (string, error) {
	if filepath.Ext(path) == "" {
		path += ".db"
	}
	if err := s.m.Services.CreateDatabase(path); err != nil {
		return "", err
	}
	return path, s.m.Services.UseDatabase(path)
}

// offerNewDatabase says that the new database at location (shown without a password) is made
// and chosen, and offers to close the program now.
func (m *Main) offerNewDatabase(location string) {
	m.offerClose(lang.L("Create a new database"),
		lang.L("The new database {{.Path}} is created; the program opens it from its next start and keeps working on {{.Current}} until then. Close the program now, so that it opens the new database when started again?", map[string]any{"Path": location, "Current": m.Services.DBPath}))
}

// offerClose shows text, which asks whether to close the program now, with "Close the program"
// and "Later": the window keeps the database it opened until the program starts again.
func (m *Main) offerClose(title, text string) {
	m.askChoice(title, text, lang.L("Close the program"), lang.L("Later"), 480, m.App.Quit)
}

// chooseBackup asks for the backup to restore, starting in the automatic backups' folder.
func (s *settingsScreen) chooseBackup() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		s.checkAndConfirmRestore(r.URI().Path())
	}, s.m.Window)
	if u, err := storage.ListerForURI(storage.NewFileURI(s.m.Services.AutoBackupDir)); err == nil {
		d.SetLocation(u)
	}
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	d.Show()
	// The grid cuts the backups' names before their date and time. Set after Show, since the
	// view last used, kept in the preferences, wins over one set before.
	d.SetView(dialog.ListView)
	d.Resize(fyne.NewSize(900, 560))
}

// checkAndConfirmRestore checks backup as a restore would and, if it can be restored, asks the
// clerk to confirm; a refused backup is said with the store's message, and nothing has changed.
func (s *settingsScreen) checkAndConfirmRestore(backup string) {
	s.m.runTask(lang.L("Checking the backup"), func(context.Context) error { return s.checkBackup(backup) }, func() {
		s.confirmRestore(backup)
	})
}

// checkBackup makes every check a restore makes on backup without touching the database in use:
// it restores backup onto a scratch file in a new temporary folder, removed afterwards.
func (s *settingsScreen) checkBackup(backup string) error {
	if sameFile(backup, s.m.Services.DBPath) {
		return &data.Error{Code: data.EINVALID, Message: lang.L("{{.Path}} is the database in use, not a backup. Choose a backup.", map[string]any{"Path": backup})}
	}
	dir, err := os.MkdirTemp("", "khuyencong-kiem-tra-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	_, err = s.m.Services.Restore(backup, filepath.Join(dir, "kiem-tra.db"), s.m.Services.Now())
	return err
}

// sameFile reports whether the paths a and b name one existing file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
}

// confirmRestore says what a restore does, naming the newest automatic backup, and restores
// backup once the clerk agrees.
func (s *settingsScreen) confirmRestore(backup string) {
	text := lang.L("Restore the database from the backup {{.Backup}}?", map[string]any{"Backup": backup})
	if newest, err := s.m.Services.NewestBackup(s.m.Services.AutoBackupDir); err == nil && newest != "" {
		text += "\n\n" + lang.L("The newest automatic backup is {{.Newest}}.", map[string]any{"Newest": newest})
	}
	text += "\n\n" + lang.L("The file in use, {{.Path}}, is kept beside it, renamed {{.Name}}.truoc-khoi-phuc- with the date and time; whatever was entered after the backup stays only in that file. The program then closes and must be opened again. Everyone else using this database must close the program first.",
		map[string]any{"Path": s.m.Services.DBPath, "Name": filepath.Base(s.m.Services.DBPath)})
	s.m.askChoice(lang.L("Restore from a backup"), text, lang.L("Restore and close the program"), lang.L("Cancel"), 640, func() { s.restore(backup) })
}

// restore closes the database, puts backup in its place and says where the old file was kept;
// the program then quits, whatever happened, since its database is closed. It shows no Cancel:
// once the database is closed there is nothing to go back to but a restart.
func (s *settingsScreen) restore(backup string) {
	wait := dialog.NewCustomWithoutButtons(lang.L("Restoring"), container.NewVBox(widget.NewLabel(lang.L("Please wait…")), widget.NewProgressBarInfinite()), s.m.Window)
	wait.Show()
	go func() {
		aside, err := "", s.m.Services.CloseDatabase()
		if err == nil {
			aside, err = s.m.Services.Restore(backup, s.m.Services.DBPath, s.m.Services.Now())
		}
		fyne.Do(func() {
			wait.Hide()
			text := lang.L("The database is restored from {{.Backup}}.", map[string]any{"Backup": backup})
			switch {
			case err != nil:
				text = data.ErrorMessage(err)
			case aside != "":
				text += "\n\n" + lang.L("The file that was in use is kept as {{.Aside}}.", map[string]any{"Aside": aside})
			}
			text += "\n\n" + lang.L("The program closes now; open it again to go on working.")
			d := dialog.NewCustomWithoutButtons(lang.L("Restore from a backup"), wrapped(text), s.m.Window)
			quit := newEscButton(lang.L("Close the program"), theme.LogoutIcon(), d.Hide, d.Hide)
			d.SetOnClosed(s.m.App.Quit)
			s.m.showFocused(d, 640, quit, quit)
		})
	}()
}
