package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// askPassphrase calls sign with the signing passphrase once the signer has typed it: issuing,
// re-issuing and revoking certificates need it, since the store unseals the centre's key with it
// for that one call and keeps it no longer. Without a sealed key (none yet, or one an earlier
// version left in the clear, which the store does not sign with) it says where a manager sets
// the passphrase. A window without the key service (tests of other screens) signs without asking.
func (m *Main) askPassphrase(title string, sign func(passphrase string)) {
	if m.Services.Keys == nil {
		sign("")
		return
	}
	st, err := m.Services.Keys.KeyStatus(m.ctx())
	switch {
	case err != nil:
		m.showError(err)
	case st.Sealed:
		m.promptSecret(title, lang.L("Type the centre's signing passphrase."), lang.L("Sign"), sign)
	default:
		m.sayDone(title, lang.L("No signing passphrase is set yet: a manager sets it in Settings → Certificates."))
	}
}

// signing is the context of a write that signs: who acts and the passphrase typed.
func (m *Main) signing(passphrase string) context.Context {
	return data.WithPassphrase(m.ctx(), passphrase)
}

// promptSecret asks for a passphrase or password in a dialog titled title and calls got with
// it; Enter confirms as the button labelled action does, Esc cancels.
func (m *Main) promptSecret(title, intro, action string, got func(string)) {
	entry := widgets.NewEntry()
	entry.Password = true
	about := widget.NewLabel(intro)
	about.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, action, lang.L("Cancel"), container.NewVBox(about, entry), func(ok bool) {
		if ok {
			got(entry.Text)
		}
	}, m.Window)
	entry.OnSubmitted = func(string) { d.Confirm() }
	entry.OnEscape = d.Hide
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	m.Window.Canvas().Focus(entry)
}
