package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/reports/verifypage"
	"khuyencong/ui/widgets"
)

// verifyPageSettings is the verification page's part of Cài đặt → Chứng chỉ: the address where
// the centre publishes the page (the QR codes printed from then on link to it), saved by whoever
// keeps the settings, and the button that writes the page's folder with a revocation list signed
// under the signing passphrase, for whoever signs.
type verifyPageSettings struct {
	m       *Main
	content fyne.CanvasObject

	address       *widgets.Entry
	saveB, writeB *widget.Button
}

// newVerifyPageCard returns the settings screen's card for the verification page.
func newVerifyPageCard(m *Main) fyne.CanvasObject { return newVerifyPageSettings(m).content }

func newVerifyPageSettings(m *Main) *verifyPageSettings {
	s := &verifyPageSettings{m: m}
	s.address = widgets.NewEntry()
	s.address.OnSubmitted = func(string) { // Enter saves, for whoever may
		if !s.saveB.Disabled() {
			s.save()
		}
	}
	s.address.SetPlaceHolder("https://khuyencong.hanoi.gov.vn/xac-thuc")
	s.address.Validator = func(a string) error { return data.ValidateVerifyAddress(data.NormalizeVerifyAddress(a)) }
	s.saveB = widget.NewButtonWithIcon(lang.L("Save address"), theme.DocumentSaveIcon(), s.save)
	s.writeB = widget.NewButtonWithIcon(lang.L("Write the page…"), theme.FolderOpenIcon(), s.chooseFolder)
	about := widget.NewLabel(lang.L("With the address set, the QR codes printed from now on open the centre's page: anyone checks a certificate with a phone's camera. Write the page into a folder and put it on a web host at that address; write it again after each revocation or re-issue, and monthly."))
	about.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem(lang.L("Page address"), s.address))
	s.content = widget.NewCard(lang.L("Verification page"), "", container.NewVBox(about, form, container.NewHBox(s.saveB, s.writeB)))
	a, err := m.Services.Settings.VerifyAddress(m.ctx())
	if err != nil {
		m.showError(err)
	}
	s.address.SetText(a)
	m.allow(data.RightSettings, s.saveB)
	m.allow(data.RightSign, s.writeB)
	return s
}

// save stores the address typed.
func (s *verifyPageSettings) save() {
	if err := s.m.Services.Settings.SaveVerifyAddress(s.m.ctx(), s.address.Text); err != nil {
		s.m.showError(err)
		return
	}
	a, err := s.m.Services.Settings.VerifyAddress(s.m.ctx())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.address.SetText(a)
	msg := lang.L("No address: the QR codes hold the signed text alone, as before.")
	if a != "" {
		msg = lang.L("Saved. The QR codes printed from now on open {{.Address}}.", map[string]any{"Address": a})
	}
	s.m.sayDone(lang.L("Verification page"), msg)
}

// chooseFolder asks the folder to write the page into, then writes it.
func (s *verifyPageSettings) chooseFolder() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			s.write(u.Path())
		}
	}, s.m.Window)
}

// write writes the page into dir once the signer has typed the signing passphrase.
func (s *verifyPageSettings) write(dir string) {
	title := lang.L("Write the page…")
	s.m.askPassphrase(title, func(passphrase string) {
		s.m.runTask(title, func(ctx context.Context) error {
			_, err := verifypage.Publish(data.WithPassphrase(ctx, passphrase), s.m.Services.Settings, s.m.Services.Keys, dir)
			return err
		}, func() {
			s.m.sayDone(title, lang.L("index.html and thu-hoi.json are written in {{.Dir}}. Put them on the web host at the page's address, in place of the old ones.", map[string]any{"Dir": dir}))
		})
	})
}
