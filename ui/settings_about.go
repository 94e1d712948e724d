package ui

import (
	"encoding/base64"
	"log"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newAboutCard is Settings → "Giới thiệu": what someone helping the clerk asks first (the program's
// and the database's versions, where the data and its backups are) and the public key other
// offices check the centre's certificates with.
func newAboutCard(m *Main) fyne.CanvasObject {
	svc := m.Services
	schema := lang.L("unknown")
	if svc.SchemaVersion != nil {
		if n, err := svc.SchemaVersion(m.ctx()); err == nil {
			schema = strconv.Itoa(n)
		} else {
			log.Printf("schema version: %v", err)
		}
	}
	key := lang.L("unknown")
	if k, err := svc.Certificates.PublicKey(m.ctx()); err == nil {
		key = base64.StdEncoding.EncodeToString(k)
	}
	value := func(s string) *widget.Label {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapBreak
		l.Selectable = true // to copy into an e-mail
		return l
	}
	where := lang.L("Database file")
	if svc.OnServer {
		where = lang.L("Database")
	}
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Program version"), value(svc.Version)),
		widget.NewFormItem(lang.L("Database schema version"), value(schema)),
		widget.NewFormItem(where, value(svc.DBPath)),
		widget.NewFormItem(lang.L("Automatic backups"), value(svc.AutoBackupDir)),
		widget.NewFormItem(lang.L("Backup folder"), value(m.App.Preferences().StringWithFallback(PrefBackupDir, defaultBackupDir()))),
		widget.NewFormItem(lang.L("Certificate register's public key"), value(key)),
	)
	open := widget.NewButtonWithIcon(lang.L("Open data folder"), theme.FolderOpenIcon(), func() { m.openPath(filepath.Dir(svc.DBPath)) })
	if svc.OnServer { // the data is on the server: no folder here to open
		open.Hide()
	}
	return widget.NewCard(lang.L("About"), lang.L("Quote the versions when asking for help. The public key lets another office check a certificate's QR code without this program."),
		container.NewVBox(form, container.NewHBox(open)))
}
