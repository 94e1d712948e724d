package ui

import (
	"encoding/base64"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// verifyScreen is Tra cứu chứng chỉ: the clerk pastes the text a QR scanner read off a
// certificate, or types a serial, and Enter says whether the certificate is genuine and in force,
// checked against this database's register and the centre's signing key; no server is asked.
type verifyScreen struct {
	m       *Main
	content fyne.CanvasObject

	input   *widgets.Entry
	verdict *canvas.Text
	message *widget.Label
	details *fyne.Container
	scroll  *container.Scroll
	key     *widget.Label

	result *data.Verification // the last check's, for tests
}

func newVerifyScreen(m *Main) *verifyScreen {
	s := &verifyScreen{m: m}
	s.build()
	return s
}

// Content implements Screen.
func (s *verifyScreen) Content() fyne.CanvasObject { return s.content }

// Find puts the cursor in the entry (Ctrl+F), its text selected so that the next scan replaces it.
func (s *verifyScreen) Find() {
	s.m.Window.Canvas().Focus(s.input)
	s.input.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (s *verifyScreen) build() {
	s.input = widgets.NewEntry()
	s.input.SetPlaceHolder(lang.L("Scan the QR code, paste its text or type a serial, then press Enter"))
	s.input.OnSubmitted = func(string) { s.check() }
	s.input.OnEscape = func() { s.input.SetText("") }
	check := widget.NewButtonWithIcon(lang.L("Check (Enter)"), theme.SearchIcon(), s.check)
	check.Importance = widget.HighImportance

	s.verdict = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	s.verdict.TextSize = theme.TextSize() * 2.4
	s.verdict.TextStyle = fyne.TextStyle{Bold: true}
	s.message = widget.NewLabel(lang.L("The check uses this database's register and the centre's key; no Internet is needed."))
	s.message.Wrapping = fyne.TextWrapWord
	s.details = container.NewStack()

	s.key = publicKeyLabel()
	copyKey := widget.NewButtonWithIcon(lang.L("Copy"), theme.ContentCopyIcon(), func() {
		s.m.App.Clipboard().SetContent(s.key.Text)
	})
	keyHelp := widget.NewLabel(lang.L("Other offices check this centre's certificates with this public key (Ed25519, base64); the QR text format is in the README."))
	keyHelp.Wrapping = fyne.TextWrapWord
	keyCard := widget.NewCard(lang.L("The centre's public key"), "",
		container.NewVBox(container.NewBorder(nil, nil, nil, copyKey, s.key), keyHelp))
	s.showKey()

	title := widget.NewLabelWithStyle(lang.L("Check a certificate"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewVBox(title, container.NewBorder(nil, nil, nil, check, s.input))
	body := container.NewVBox(container.NewPadded(s.verdict), s.message, s.details)
	s.scroll = container.NewVScroll(body)
	s.content = container.NewBorder(top, keyCard, nil, nil, s.scroll)
}

// showKey shows the centre's public key.
func (s *verifyScreen) showKey() {
	key, err := s.m.Services.Certificates.PublicKey(s.m.ctx())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.key.SetText(base64.StdEncoding.EncodeToString(key))
}

// check verifies what the entry holds and shows the verdict.
func (s *verifyScreen) check() {
	text := strings.TrimSpace(s.input.Text)
	if text == "" {
		return
	}
	v, err := s.m.Services.Certificates.Verify(s.m.ctx(), text)
	switch {
	case data.ErrorCode(err) == data.EINTERNAL:
		s.m.showError(err)
		return
	case err != nil: // said on the screen, not in a dialog: the next scan simply goes on
		s.show(&data.Verification{Message: data.ErrorMessage(err)})
	default:
		s.show(v)
	}
	s.m.Window.Canvas().Focus(s.input)
	s.input.TypedShortcut(&fyne.ShortcutSelectAll{}) // the next scan replaces the text
}

// show puts a verification on the screen: the verdict large and coloured, the store's sentence,
// and the certificate as the register has it.
func (s *verifyScreen) show(v *data.Verification) {
	s.result = v
	s.verdict.Text = ""
	if v.Verdict != "" {
		s.verdict.Text = verdictLabel(v.Verdict)
	}
	s.verdict.Color = verdictColor(v.Verdict)
	s.verdict.Refresh()
	s.message.Importance = widget.MediumImportance
	if v.Verdict == "" {
		s.message.Importance = widget.DangerImportance
	}
	s.message.SetText(v.Message)
	var rows [][2]string
	if c := v.Certificate; c != nil {
		rows = append([][2]string{{lang.L("Status"), certStatusLine(c)}}, certificateDetails(c.Content)...)
		rows = append(rows, [2]string{lang.L("Reason"), c.Reason})
	}
	s.details.Objects = []fyne.CanvasObject{detailsForm(rows)}
	s.scroll.Content.Refresh()
	s.scroll.Refresh()
}

// verdictLabel names a verdict in the interface's language, as the screen shows it large.
func verdictLabel(v data.Verdict) string {
	key := "verdict." + string(v)
	if s := lang.L(key); s != key {
		return s
	}
	return string(v)
}

// verdictColor is green for a valid certificate, orange for a genuine one no longer in force
// or one this register does not know, red for a forgery.
func verdictColor(v data.Verdict) color.Color {
	switch v {
	case data.VerdictValid:
		return theme.Color(theme.ColorNameSuccess)
	case data.VerdictForged:
		return theme.Color(theme.ColorNameError)
	case data.VerdictRevoked:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameWarning)
}

// publicKeyLabel shows a key in base64: monospace, selectable for copying, broken anywhere.
func publicKeyLabel() *widget.Label {
	l := widget.NewLabel("")
	l.TextStyle = fyne.TextStyle{Monospace: true}
	l.Selectable = true
	l.Wrapping = fyne.TextWrapBreak
	return l
}
