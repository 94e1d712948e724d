package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// certificatePanel shows one certificate beside the register: what it prints, where it stands,
// its history, and the register's moves: print again, revoke, re-issue, record its receipt.
type certificatePanel struct {
	m         *Main
	c         *data.Certificate // as last read
	onChanged func(*data.Certificate)
	onClose   func()
	content   fyne.CanvasObject

	title    *widget.Label
	status   *widget.Label
	message  *widget.Label
	details  *fyne.Container // a form of what the certificate prints, made again for each
	history  *fyne.Container
	scroll   *container.Scroll
	reprint  *widget.Button
	revokeB  *widget.Button
	reissueB *widget.Button
	received *widget.Button
	changes  *historyButton
}

func newCertificatePanel(m *Main, onChanged func(*data.Certificate), onClose func()) *certificatePanel {
	p := &certificatePanel{m: m, onChanged: onChanged, onClose: onClose}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Wrapping = fyne.TextWrapWord
	p.status = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.status.Wrapping = fyne.TextWrapWord
	p.message = messageLabel()
	p.details = container.NewStack()
	p.history = container.NewVBox()

	p.reprint = widget.NewButtonWithIcon(lang.L("Print again"), theme.DocumentPrintIcon(), func() {
		p.m.save(certificatesDocument(p.m, certificateFileName(p.c.Content), []*data.Certificate{p.c}))
	})
	p.reprint.Importance = widget.HighImportance
	p.revokeB = widget.NewButtonWithIcon(lang.L("Revoke…"), theme.CancelIcon(), p.askRevoke)
	p.revokeB.Importance = widget.DangerImportance
	p.reissueB = widget.NewButtonWithIcon(lang.L("Re-issue…"), theme.ViewRefreshIcon(), p.askReissue)
	p.received = widget.NewButtonWithIcon(lang.L("Record date received…"), theme.ConfirmIcon(), p.askReceived)
	p.changes = m.newHistoryButton("certificate", 0, "")
	closeB := widget.NewButtonWithIcon(lang.L("Close"), theme.CancelIcon(), func() {
		if p.onClose != nil {
			p.onClose()
		}
	})
	buttons := container.NewVBox(
		container.NewGridWithColumns(2, p.reprint, p.received),
		container.NewGridWithColumns(2, p.reissueB, p.revokeB),
		container.NewHBox(closeB, layout.NewSpacer(), p.changes.button))
	historyTitle := widget.NewLabelWithStyle(lang.L("History"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(historyTitle, p.history, widget.NewSeparator(), p.details)
	p.scroll = container.NewVScroll(body)
	p.content = container.NewBorder(container.NewVBox(p.title, p.status, p.message), buttons, nil, nil, p.scroll)
	return p
}

// show puts c in the panel.
func (p *certificatePanel) show(c *data.Certificate) {
	p.c = c
	k := c.Content
	p.title.SetText(k.Serial + " · " + k.TraineeName)
	p.changes.set(c.ID, k.Serial)
	p.status.SetText(certStatusLine(c))
	switch c.Status {
	case data.CertIssued:
		p.status.Importance = widget.SuccessImportance
	case data.CertRevoked:
		p.status.Importance = widget.DangerImportance
	default:
		p.status.Importance = widget.WarningImportance
	}
	p.status.Refresh()
	p.message.Hide()

	rows := append(certificateDetails(k), [2]string{lang.L("Received on"), c.ReceivedOn.String()})
	p.details.Objects = []fyne.CanvasObject{detailsForm(rows)}

	p.history.RemoveAll()
	p.history.Add(widget.NewLabel(lang.L("Issued on {{.Date}} under decision {{.Decision}} of {{.DecisionDate}}.",
		map[string]any{"Date": k.IssuedOn.String(), "Decision": k.DecisionNo, "DecisionDate": k.DecisionDate.String()})))
	if k.Replaces != "" {
		p.history.Add(p.serialLink(lang.L("Re-issues {{.Serial}}", map[string]any{"Serial": k.Replaces}), k.Replaces))
	}
	if c.Status == data.CertRevoked {
		l := widget.NewLabel(lang.L("Revoked on {{.Date}}: {{.Reason}}", map[string]any{"Date": c.RevokedOn.String(), "Reason": c.Reason}))
		l.Wrapping = fyne.TextWrapWord
		p.history.Add(l)
	}
	if c.ReplacedBy != "" {
		l := widget.NewLabel(lang.L("Re-issued on {{.Date}}: {{.Reason}}", map[string]any{"Date": c.RevokedOn.String(), "Reason": c.Reason}))
		l.Wrapping = fyne.TextWrapWord
		p.history.Add(l)
		p.history.Add(p.serialLink(lang.L("Replaced by {{.Serial}}", map[string]any{"Serial": c.ReplacedBy}), c.ReplacedBy))
	}

	p.scroll.Content.Refresh() // the form and history changed size: lay them out again
	p.scroll.Refresh()
	p.scroll.ScrollToTop()

	p.revokeB.Disable()
	p.reissueB.Disable()
	if c.Status == data.CertIssued {
		p.revokeB.Enable()
	}
	if c.Status != data.CertReplaced {
		p.reissueB.Enable()
	}
	p.m.allow(data.RightSign, p.revokeB, p.reissueB)
	p.m.allow(data.RightClassRecords, p.received)
}

// view implements detail.
func (p *certificatePanel) view() fyne.CanvasObject { return p.content }

// unsaved implements detail: the panel writes each change at once.
func (p *certificatePanel) unsaved() bool { return false }

// serialLink is a button that opens the certificate with serial.
func (p *certificatePanel) serialLink(text, serial string) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(text, theme.NavigateNextIcon(), func() {
		c, err := p.m.Services.Certificates.FindCertificateBySerial(p.m.ctx(), serial)
		if err != nil {
			p.m.showError(err)
			return
		}
		p.show(c)
	})
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}

// certStatusLine says where a certificate stands, in one line.
func certStatusLine(c *data.Certificate) string {
	switch c.Status {
	case data.CertRevoked:
		return certStatusLabel(c.Status) + " (" + c.RevokedOn.String() + ")"
	case data.CertReplaced:
		return certStatusLabel(c.Status) + " → " + c.ReplacedBy
	}
	return certStatusLabel(c.Status)
}

// certificateDetails are what a certificate prints, as label and value pairs for a form.
func certificateDetails(k data.CertificateContent) [][2]string {
	hours := ""
	if k.Hours > 0 {
		hours = strconv.Itoa(k.Hours)
	}
	course := ""
	if !k.Start.IsZero() {
		course = k.Start.String() + " – " + k.End.String()
	}
	return [][2]string{
		{lang.L("Title"), k.Title},
		{lang.L("Serial"), k.Serial},
		{lang.L("Register no."), k.RegisterLabel()},
		{lang.L("Full name"), k.TraineeName},
		{lang.L("Birth date"), k.BirthDate.String()},
		{lang.L("Birthplace"), k.BirthPlace},
		{lang.L("Trade"), k.Trade},
		{lang.L("Class"), k.ClassCode + " · " + k.ClassName},
		{lang.L("Course"), course},
		{lang.L("Hours"), hours},
		{lang.L("Grade"), k.Grade},
		{lang.L("Issued on"), k.IssuedOn.String()},
		{lang.L("Decision"), joinNonEmpty(k.DecisionNo, k.DecisionDate.String())},
		{lang.L("Signer"), joinNonEmpty(k.SignerTitle, k.SignerName)},
	}
}

// detailsForm lays out label and value pairs, leaving out empty values. A new form each time:
// Fyne's Form keeps the widgets of its first items when the number of items does not change.
func detailsForm(rows [][2]string) *widget.Form {
	f := widget.NewForm()
	for _, row := range rows {
		if row[1] == "" {
			continue
		}
		v := widget.NewLabel(row[1])
		v.Wrapping = fyne.TextWrapWord
		f.Append(row[0], v)
	}
	return f
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " · " + b
}

// after shows the certificate a write returned, or the store's refusal in the panel.
func (p *certificatePanel) after(c *data.Certificate, err error) bool {
	if err != nil {
		if data.ErrorCode(err) == data.EINTERNAL {
			p.m.showError(err)
			return false
		}
		p.message.SetText(data.ErrorMessage(err))
		p.message.Show()
		return false
	}
	p.show(c)
	if p.onChanged != nil {
		p.onChanged(c)
	}
	return true
}

// reasonForm asks for a date (today by default) and a reason, then runs do with them.
// The cursor starts in the date; Enter in it or Ctrl+S confirms, Esc closes.
func (p *certificatePanel) reasonForm(title, confirm, placeholder string, do func(on vn.Date, reason string)) {
	on := dateEntry(p.m.today().String())
	reason := widgets.NewMultiLineEntry()
	reason.SetPlaceHolder(placeholder)
	reason.SetMinRowsVisible(3)
	d := dialog.NewForm(title, confirm, lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Date"), on),
		widget.NewFormItem(lang.L("Reason"), reason),
	}, func(ok bool) {
		if !ok {
			return
		}
		day, err := vn.ParseDate(on.Text)
		if err != nil {
			p.after(nil, &data.Error{Code: data.EINVALID, Message: err.Error()})
			return
		}
		do(day, reason.Text)
	}, p.m.Window)
	d.Resize(fyne.NewSize(520, 0))
	showKeyed(p.m, d, d.Submit, d.Hide, on, reason)
}

func (p *certificatePanel) askRevoke() {
	title := lang.L("Revoke certificate {{.Serial}}", map[string]any{"Serial": p.c.Content.Serial})
	p.reasonForm(title, lang.L("Revoke"),
		lang.L("Why is the certificate revoked?"), func(on vn.Date, reason string) {
			p.m.askPassphrase(title, func(passphrase string) { p.revoke(passphrase, on, reason) })
		})
}

// revoke revokes the certificate shown, signed with passphrase; a refusal (no reason, a wrong
// passphrase…) shows in the store's words.
func (p *certificatePanel) revoke(passphrase string, on vn.Date, reason string) bool {
	c, err := p.m.Services.Certificates.RevokeCertificate(p.m.signing(passphrase), p.c.ID, p.c.Version, on, reason)
	return p.after(c, err)
}

func (p *certificatePanel) askReissue() {
	title := lang.L("Re-issue certificate {{.Serial}}", map[string]any{"Serial": p.c.Content.Serial})
	p.reasonForm(title, lang.L("Re-issue"),
		lang.L("Why is it re-issued? e.g. lost, wrong birth date"), func(on vn.Date, reason string) {
			p.m.askPassphrase(title, func(passphrase string) { p.reissue(passphrase, on, reason) })
		})
}

// reissue issues a new certificate replacing the one shown, signed with passphrase, and shows
// the new one.
func (p *certificatePanel) reissue(passphrase string, on vn.Date, reason string) bool {
	c, err := p.m.Services.Certificates.ReissueCertificate(p.m.signing(passphrase), p.c.ID, p.c.Version, on, reason)
	return p.after(c, err)
}

// askReceived asks the day the trainee received the certificate shown, today by default; the
// cursor starts in it, Enter saves and Esc closes.
func (p *certificatePanel) askReceived() {
	on := dateEntry(p.m.today().String())
	if !p.c.ReceivedOn.IsZero() {
		on.SetText(p.c.ReceivedOn.String())
	}
	d := dialog.NewForm(lang.L("Date received"), lang.L("Save"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Received on"), on)}, func(ok bool) {
			if !ok {
				return
			}
			day, err := vn.ParseDate(on.Text)
			if err != nil {
				p.after(nil, &data.Error{Code: data.EINVALID, Message: err.Error()})
				return
			}
			p.setReceived(day)
		}, p.m.Window)
	d.Resize(fyne.NewSize(420, 0))
	showKeyed(p.m, d, d.Submit, d.Hide, on)
}

// setReceived records the day the trainee received the certificate shown.
func (p *certificatePanel) setReceived(on vn.Date) bool {
	c, err := p.m.Services.Certificates.SetReceivedOn(p.m.ctx(), p.c.ID, p.c.Version, on)
	return p.after(c, err)
}
