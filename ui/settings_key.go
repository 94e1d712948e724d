package ui

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// keyFileExt is the extension of an exported signing key file.
const keyFileExt = "kckey"

// keySettings is the signing key's part of Cài đặt → Chứng chỉ: whether the key is sealed
// under the signing passphrase and every key the register has signed with (the card above shows
// the public key in use in full), and the commands of whoever signs (lãnh đạo): set or change
// the passphrase, export the key to a file and import it on another computer, rotate it.
type keySettings struct {
	m       *Main
	content fyne.CanvasObject
	status  *data.KeyStatus

	state                           *widget.Label
	keys                            *fyne.Container // a line a key, oldest first
	setB, exportB, importB, rotateB *widget.Button
}

// newKeySettingsCard returns the settings screen's card of the signing key.
func newKeySettingsCard(m *Main) fyne.CanvasObject { return newKeySettings(m).content }

func newKeySettings(m *Main) *keySettings {
	s := &keySettings{m: m}
	s.build()
	s.load()
	return s
}

func (s *keySettings) build() {
	s.state = widget.NewLabel("")
	s.state.Wrapping = fyne.TextWrapWord
	s.keys = container.NewVBox()
	s.setB = widget.NewButtonWithIcon("", theme.AccountIcon(), s.askSetPassphrase)
	s.setB.Importance = widget.HighImportance
	s.exportB = widget.NewButtonWithIcon(lang.L("Export key file…"), theme.DownloadIcon(), s.askExport)
	s.importB = widget.NewButtonWithIcon(lang.L("Import key file…"), theme.UploadIcon(), s.askImport)
	s.rotateB = widget.NewButtonWithIcon(lang.L("Change to a new key…"), theme.ViewRefreshIcon(), s.askRotate)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("State"), s.state),
		widget.NewFormItem(lang.L("Keys of the register"), s.keys),
	)
	about := widget.NewLabel(lang.L("Certificates are signed with the centre's key, kept encrypted under the signing passphrase: a copy of the database cannot sign without it. Issuing, re-issuing and revoking ask for it."))
	about.Wrapping = fyne.TextWrapWord
	s.content = widget.NewCard(lang.L("Signing key"), "",
		container.NewVBox(about, form, container.NewHBox(s.setB, s.exportB, s.importB, s.rotateB)))
}

// load shows the key's state and enables what it allows and the user's role may do.
func (s *keySettings) load() {
	st, err := s.m.Services.Keys.KeyStatus(s.m.ctx())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.status = st
	s.keys.RemoveAll()
	for _, k := range st.Keys {
		s.keys.Add(widget.NewLabel(keyLine(k)))
	}
	s.setB.SetText(lang.L("Set signing passphrase…"))
	switch {
	case st.Sealed:
		s.state.SetText(lang.L("Sealed under the signing passphrase."))
		s.setB.SetText(lang.L("Change signing passphrase…"))
	case st.Unsealed:
		s.state.SetText(lang.L("The key an earlier version made is kept in the clear in the database: set a signing passphrase to seal it."))
	default:
		s.state.SetText(lang.L("No key yet: setting the signing passphrase makes it."))
	}
	for _, b := range []*widget.Button{s.setB, s.importB} {
		b.Enable()
	}
	for _, b := range []*widget.Button{s.exportB, s.rotateB} {
		b.Disable()
		if st.Sealed {
			b.Enable()
		}
	}
	s.m.allow(data.RightSign, s.setB, s.exportB, s.importB, s.rotateB)
}

// keyLine says a key in a line: its number, the dates it signed and the start of its public key.
func keyLine(k data.SigningKey) string {
	until := lang.L("in use")
	if !k.Until.IsZero() {
		until = vn.DateOf(k.Until).String()
	}
	fp := base64.StdEncoding.EncodeToString(k.Public)
	if len(fp) > 16 {
		fp = fp[:16] + "…"
	}
	return fmt.Sprintf("#%d  %s – %s  %s", k.ID, vn.DateOf(k.From).String(), until, fp)
}

// signPassphraseItem is the field of dialog d for the signing passphrase in use.
func signPassphraseItem(d *formDialog) (*widgets.Entry, *widget.FormItem) {
	e := d.secret()
	return e, widget.NewFormItem(lang.L("Signing passphrase"), e)
}

// askSetPassphrase sets the signing passphrase (typed twice), or changes it after the old one.
// The first time it makes or seals the key, which can take a moment: it runs behind the
// progress dialog.
func (s *keySettings) askSetPassphrase() {
	d := newFormDialog(s.m)
	var items []*widget.FormItem
	old := d.secret()
	if s.status.Sealed {
		items = append(items, widget.NewFormItem(lang.L("Current signing passphrase"), old))
	}
	pw := d.passwords()
	old.OnSubmitted = func(string) { s.m.Window.Canvas().Focus(pw.first) }
	items = append(items, pw.items(lang.L("New signing passphrase"))...)
	s.form(d, s.setB.Text, lang.L("Save"), items, pw.check, func(ctx context.Context) error {
		return s.m.Services.Keys.SetSigningPassphrase(ctx, old.Text, pw.first.Text)
	}, lang.L("The signing passphrase is set. Keep it where only those who sign can find it: without it, nobody can sign."))
}

// askExport saves the key in use to a file protected by a passphrase of its own, for a new
// computer or a safe.
func (s *keySettings) askExport() {
	d := newFormDialog(s.m)
	pass, passItem := signPassphraseItem(d)
	file := d.passwords()
	pass.OnSubmitted = func(string) { s.m.Window.Canvas().Focus(file.first) }
	items := append([]*widget.FormItem{passItem}, file.items(lang.L("Passphrase of the file"))...)
	d.show(lang.L("Export key file…"), lang.L("Export"), items, fyne.NewSize(520, 0), func() error {
		if err := file.check(); err != nil {
			return err
		}
		signing, filePass := pass.Text, file.first.Text
		d.close() // first: closing it would close every dialog opened above it
		s.m.saveDocument("khoa-ky-chung-chi."+keyFileExt, keyFileExt, func(ctx context.Context, w io.Writer) error {
			b, err := s.m.Services.Keys.ExportKey(data.WithPassphrase(ctx, signing), filePass)
			if err != nil {
				return err
			}
			_, err = w.Write(b)
			return err
		})
		return nil
	})
}

// askImport makes the key in a file the key in use, after its file passphrase and the signing
// passphrase (a new one, typed twice, when none is set yet).
func (s *keySettings) askImport() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			s.m.showError(&data.Error{Code: data.EINVALID, Message: lang.L("Cannot read {{.Path}}.", map[string]any{"Path": r.URI().Path()})})
			return
		}
		s.askImportPassphrases(b)
	}, s.m.Window)
}

// askImportPassphrases asks the passphrases the import of file needs and imports it.
func (s *keySettings) askImportPassphrases(file []byte) {
	d := newFormDialog(s.m)
	filePass := d.secret()
	items := []*widget.FormItem{widget.NewFormItem(lang.L("Passphrase of the file"), filePass)}
	signing, signItem := signPassphraseItem(d)
	check := func() error { return nil }
	next := fyne.Focusable(signing)
	var fresh passwordPair
	if s.status.Sealed {
		items = append(items, signItem)
	} else {
		fresh = d.passwords()
		items = append(items, fresh.items(lang.L("New signing passphrase"))...)
		check, next = fresh.check, fresh.first
	}
	filePass.OnSubmitted = func(string) { s.m.Window.Canvas().Focus(next) }
	s.form(d, lang.L("Import key file…"), lang.L("Import"), items, check, func(ctx context.Context) error {
		p := signing.Text
		if !s.status.Sealed {
			p = fresh.first.Text
		}
		return s.m.Services.Keys.ImportKey(data.WithPassphrase(ctx, p), file, filePass.Text)
	}, lang.L("The key of the file is now the key in use. Certificates signed before stay verifiable."))
}

// askRotate replaces the key in use by a new one, endorsed by the old, after the passphrase.
func (s *keySettings) askRotate() {
	d := newFormDialog(s.m)
	pass, item := signPassphraseItem(d)
	items := []*widget.FormItem{widget.NewFormItem("", wrapped(lang.L("A new key signs from now on; certificates signed with the old one stay verifiable, and the register keeps both."))), item}
	s.form(d, lang.L("Change to a new key…"), lang.L("Change key"), items, func() error { return nil }, func(ctx context.Context) error {
		_, err := s.m.Services.Keys.RotateKey(data.WithPassphrase(ctx, pass.Text))
		return err
	}, lang.L("The new key is in use."))
}

// form shows the dialog d of items; once confirmed and check passes (else its refusal stays in
// the dialog), it runs work behind the progress dialog (deriving a key from a passphrase takes a
// moment), says done and shows the key's new state. The store's refusal (a wrong passphrase)
// opens the dialog again with what was typed, saying why.
func (s *keySettings) form(d *formDialog, title, action string, items []*widget.FormItem, check func() error, work func(ctx context.Context) error, done string) {
	size := fyne.NewSize(520, 0)
	var submit func() error
	submit = func() error {
		if err := check(); err != nil {
			return err
		}
		d.close() // first: closing it would close every dialog opened above it
		var refused error
		s.m.runTask(title, func(ctx context.Context) error {
			err := work(ctx)
			if err != nil && data.ErrorCode(err) != data.EINTERNAL {
				refused, err = err, nil
			}
			return err
		}, func() {
			if refused != nil {
				d.show(title, action, items, size, submit)
				s.m.showRefusal(d.message, refused)
				return
			}
			s.load()
			s.m.sayDone(title, done)
		})
		return nil
	}
	d.show(title, action, items, size, submit)
}
