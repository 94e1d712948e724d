package ui

import (
	"encoding/base64"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// certificateSettings edits how certificates are numbered and printed: the serial's prefix, the
// small card format, and the title printed for each kind of class. It also shows the centre's
// public key, which other offices check certificates with.
type certificateSettings struct {
	m       *Main
	content fyne.CanvasObject

	prefix  *widgets.Entry
	small   *widget.Check
	titles  []*widgets.Entry // one a kind of class, in data.ClassKinds order
	key     *widget.Label
	message *widget.Label
}

// newCertificateSettingsCard returns the settings screen's card for certificates.
func newCertificateSettingsCard(m *Main) fyne.CanvasObject { return newCertificateSettings(m).content }

func newCertificateSettings(m *Main) *certificateSettings {
	s := &certificateSettings{m: m}
	s.build()
	s.load()
	return s
}

func (s *certificateSettings) build() {
	s.prefix = widgets.NewEntry()
	s.prefix.SetPlaceHolder(example("KC"))
	s.prefix.OnEscape = s.load
	s.prefix.OnSubmitted = func(string) { s.save() }
	s.small = widget.NewCheck(lang.L("Print on small cards (190 × 135 mm) instead of A4 landscape"), nil)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Serial prefix"), s.prefix),
		widget.NewFormItem(lang.L("Paper"), s.small),
	)
	for _, k := range data.ClassKinds {
		e := widgets.NewEntry()
		e.SetPlaceHolder(example("CHỨNG CHỈ"))
		e.OnEscape = s.load
		e.OnSubmitted = func(string) { s.save() }
		s.titles = append(s.titles, e)
		form.Append(lang.L("Title for {{.Kind}}", map[string]any{"Kind": classKindLabel(k)}), e)
	}
	s.key = publicKeyLabel()
	form.Append(lang.L("Public key"), s.key)
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	save := widget.NewButtonWithIcon(lang.L("Save"), theme.DocumentSaveIcon(), s.save)
	save.Importance = widget.HighImportance
	s.m.allow(data.RightSettings, save)
	s.content = widget.NewCard(lang.L("Certificates"),
		lang.L("Serials run as PREFIX-YEAR-NUMBER, e.g. KC-2026-000123. A change applies to certificates issued from now on; those issued keep what they printed."),
		container.NewVBox(form, s.message, container.NewHBox(save)))
}

// load shows the stored settings, dropping what was typed and not saved.
func (s *certificateSettings) load() {
	svc := s.m.Services.Certificates
	cs, err := svc.CertificateSettings(s.m.ctx())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.prefix.SetText(cs.SerialPrefix)
	s.small.SetChecked(cs.SmallFormat)
	for i, k := range data.ClassKinds {
		s.titles[i].SetText(cs.Title(k))
	}
	if key, err := svc.PublicKey(s.m.ctx()); err == nil {
		s.key.SetText(base64.StdEncoding.EncodeToString(key))
	}
	s.message.Hide()
}

// read returns the settings the fields describe.
func (s *certificateSettings) read() data.CertificateSettings {
	cs := data.CertificateSettings{SerialPrefix: s.prefix.Text, SmallFormat: s.small.Checked, Titles: map[data.ClassKind]string{}}
	for i, k := range data.ClassKinds {
		if t := s.titles[i].Text; t != "" {
			cs.Titles[k] = t
		}
	}
	return cs
}

func (s *certificateSettings) save() {
	err := s.m.Services.Certificates.SaveCertificateSettings(s.m.ctx(), s.read())
	if data.ErrorCode(err) == data.EINTERNAL {
		s.m.showError(err)
		return
	}
	if err != nil {
		s.message.Importance = widget.DangerImportance
		s.message.SetText(data.ErrorMessage(err))
	} else {
		s.message.Importance = widget.SuccessImportance
		s.message.SetText(lang.L("Saved."))
	}
	s.message.Show()
}
