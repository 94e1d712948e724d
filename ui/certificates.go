package ui

import (
	"context"
	"encoding/base64"
	"io"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
	"khuyencong/ui/widgets"
)

// certificateScreen is the issuing register (sổ cấp chứng chỉ): a paged list of the certificates
// issued with search and filters, the register of what the filter selects as PDF and Excel, and,
// beside the list, the certificate chosen with its history and what can be done to it.
type certificateScreen struct {
	m       *Main
	content fyne.CanvasObject

	search *widgets.Entry
	year   *widget.Select
	status *widget.Select
	count  *widget.Label
	table  *widgets.PagedTable[*data.Certificate]
	center *fyne.Container
	panel  *certificatePanel

	// typing reloads once the clerk pauses typing in the search box.
	typing debouncer
}

func newCertificateScreen(m *Main) *certificateScreen {
	s := &certificateScreen{m: m, typing: debouncer{delay: typingPause}}
	s.build()
	s.reload()
	return s
}

// Content implements Screen. The register grows from the class page too, so each time the
// screen is shown the list is counted again.
func (s *certificateScreen) Content() fyne.CanvasObject {
	s.changed(nil)
	return s.content
}

// Find puts the cursor in the search box (Ctrl+F).
func (s *certificateScreen) Find() { s.m.Window.Canvas().Focus(s.search) }

func (s *certificateScreen) build() {
	s.search = widgets.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search by serial, name, class code or name… (Ctrl+F)"))
	s.search.OnChanged = func(string) { s.typing.call(s.reload) }
	s.search.OnEscape = func() { s.search.SetText("") }

	years := []string{lang.L("All years")}
	for y := time.Now().Year() + 1; y >= 2015; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year = widget.NewSelect(years, func(string) { s.reload() })
	s.year.SetSelectedIndex(0)
	statuses := []string{lang.L("All statuses")}
	for _, st := range data.CertificateStatuses {
		statuses = append(statuses, certStatusLabel(st))
	}
	s.status = widget.NewSelect(statuses, func(string) { s.reload() })
	s.status.SetSelectedIndex(0)
	s.count = widget.NewLabel("")
	s.count.TextStyle.Bold = true

	s.table = widgets.NewPagedTable([]widgets.Column[*data.Certificate]{
		{Title: lang.L("Serial"), Width: 130, Text: func(c *data.Certificate) string { return c.Content.Serial }},
		{Title: lang.L("Register no."), Width: 80, Trailing: true, Text: func(c *data.Certificate) string { return c.Content.RegisterLabel() }},
		{Title: lang.L("Full name"), Width: 170, Text: func(c *data.Certificate) string { return c.Content.TraineeName }},
		{Title: lang.L("Birth date"), Width: 95, Text: func(c *data.Certificate) string { return c.Content.BirthDate.String() }},
		{Title: lang.L("Class"), Width: 100, Text: func(c *data.Certificate) string { return c.Content.ClassCode }},
		{Title: lang.L("Issued on"), Width: 95, Text: func(c *data.Certificate) string { return c.Content.IssuedOn.String() }},
		{Title: lang.L("Status"), Width: 95, Text: func(c *data.Certificate) string { return certStatusLabel(c.Status) }},
		{Title: lang.L("Received on"), Width: 95, Text: func(c *data.Certificate) string { return c.ReceivedOn.String() }},
	}, "")
	s.table.Fetch = func(offset, limit int, _ string, _ bool) ([]*data.Certificate, error) {
		f := s.filter()
		f.Offset, f.Limit = offset, limit
		return s.m.Services.Certificates.FindCertificates(s.m.ctx(), f)
	}
	s.table.OnActivated = func(c *data.Certificate) { s.open(c.ID) }
	s.table.OnError = s.m.showError
	s.center = container.NewStack(s.table)

	register := widget.NewButtonWithIcon(lang.L("Print the register (PDF)"), theme.DocumentPrintIcon(), func() {
		s.exportRegister(".pdf", reports.WriteRegisterPDF)
	})
	excel := widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DownloadIcon(), func() {
		s.exportRegister(".xlsx", reports.WriteRegisterXLSX)
	})
	top := container.NewBorder(nil, nil, nil, container.NewHBox(register, excel), s.search)
	filters := container.NewBorder(nil, nil, nil, s.count, container.NewGridWithColumns(3, s.year, s.status))
	s.content = container.NewBorder(container.NewVBox(top, filters), nil, nil, nil, s.center)
}

// filter reads the search box and the filters.
func (s *certificateScreen) filter() data.CertificateFilter {
	f := data.CertificateFilter{Search: s.search.Text}
	if s.year.SelectedIndex() > 0 {
		y, _ := strconv.Atoi(s.year.Selected)
		f.Year = &y
	}
	if i := s.status.SelectedIndex(); i > 0 {
		f.Status = &data.CertificateStatuses[i-1]
	}
	return f
}

// reload counts what the filter selects and starts the list again from its first page.
func (s *certificateScreen) reload() {
	if s.table == nil || s.status == nil {
		return // still being built
	}
	n, err := s.m.Services.Certificates.CountCertificates(s.m.ctx(), s.filter())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.count.SetText(lang.L("{{.Count}} certificates", map[string]any{"Count": vn.FormatInt(int64(n))}))
	s.table.Reset(n)
	s.table.ScrollToTop()
}

// open shows certificate id, as stored now, beside the list.
func (s *certificateScreen) open(id int64) {
	c, err := s.m.Services.Certificates.FindCertificateByID(s.m.ctx(), id)
	if err != nil {
		s.m.showError(err)
		return
	}
	if s.panel == nil {
		s.panel = newCertificatePanel(s.m, s.changed, s.closePanel)
		split := container.NewHSplit(s.table, s.panel.content)
		split.Offset = 0.62
		s.center.Objects = []fyne.CanvasObject{split}
		s.center.Refresh()
	}
	s.panel.show(c)
}

// changed is called when the panel changed a certificate: the list reads it again.
func (s *certificateScreen) changed(*data.Certificate) {
	n, err := s.m.Services.Certificates.CountCertificates(s.m.ctx(), s.filter())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.count.SetText(lang.L("{{.Count}} certificates", map[string]any{"Count": vn.FormatInt(int64(n))}))
	s.table.Reset(n)
}

// closePanel hides the panel.
func (s *certificateScreen) closePanel() {
	s.panel = nil
	s.center.Objects = []fyne.CanvasObject{s.table}
	s.center.Refresh()
}

// registerTitle is the register's title as the document prints it, in Vietnamese whatever the
// interface's language: it is a document of the Vietnamese administration.
func registerTitle(f data.CertificateFilter) string {
	t := "SỔ CẤP CHỨNG CHỈ"
	if f.Year != nil {
		t += " NĂM " + strconv.Itoa(*f.Year)
	}
	return t
}

// registerDoc reads what the register of the certificates f selects prints.
func registerDoc(ctx context.Context, svc Services, f data.CertificateFilter) (reports.RegisterDoc, error) {
	f.Offset, f.Limit = 0, 0
	rows, err := svc.Certificates.FindCertificates(ctx, f)
	if err != nil {
		return reports.RegisterDoc{}, err
	}
	org, err := svc.Settings.Organisation(ctx)
	if err != nil {
		return reports.RegisterDoc{}, err
	}
	key, err := svc.Certificates.PublicKey(ctx)
	if err != nil {
		return reports.RegisterDoc{}, err
	}
	return reports.RegisterDoc{Org: org, Date: vn.DateOf(svc.Now()), Title: registerTitle(f), Rows: rows,
		PublicKey: base64.StdEncoding.EncodeToString(key)}, nil
}

// exportRegister writes the register of the certificates the filter selects to a file the clerk
// chooses.
func (s *certificateScreen) exportRegister(ext string, write func(io.Writer, reports.RegisterDoc) error) {
	svc := s.m.Services
	f := s.filter()
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		s.m.runTask(lang.L("Exporting"), func(ctx context.Context) error {
			defer w.Close()
			doc, err := registerDoc(ctx, svc, f)
			if err != nil {
				return err
			}
			return write(w, doc)
		}, func() {
			dialog.ShowInformation(lang.L("Exported"), lang.L("Saved to {{.Path}}", map[string]any{"Path": w.URI().Path()}), s.m.Window)
		})
	}, s.m.Window)
	name := lang.L("certificate-register")
	if f.Year != nil {
		name += "-" + strconv.Itoa(*f.Year)
	}
	save.SetFileName(name + ext)
	save.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	save.Show()
}

// certStatusLabel names a certificate's status in the interface's language.
func certStatusLabel(st data.CertificateStatus) string {
	key := "certstatus." + string(st)
	if s := lang.L(key); s != key {
		return s
	}
	return st.Label()
}

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
		saveCertificatesPDF(p.m, certificateFileName(p.c.Content), []*data.Certificate{p.c})
	})
	p.reprint.Importance = widget.HighImportance
	p.revokeB = widget.NewButtonWithIcon(lang.L("Revoke…"), theme.CancelIcon(), p.askRevoke)
	p.revokeB.Importance = widget.DangerImportance
	p.reissueB = widget.NewButtonWithIcon(lang.L("Re-issue…"), theme.ViewRefreshIcon(), p.askReissue)
	p.received = widget.NewButtonWithIcon(lang.L("Record date received…"), theme.ConfirmIcon(), p.askReceived)
	closeB := widget.NewButtonWithIcon(lang.L("Close"), theme.CancelIcon(), func() {
		if p.onClose != nil {
			p.onClose()
		}
	})
	buttons := container.NewVBox(
		container.NewGridWithColumns(2, p.reprint, p.received),
		container.NewGridWithColumns(2, p.reissueB, p.revokeB),
		container.NewHBox(closeB))
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
}

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
func (p *certificatePanel) reasonForm(title, confirm, placeholder string, do func(on vn.Date, reason string)) {
	on := widget.NewEntry()
	on.SetText(p.m.today().String())
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder(placeholder)
	reason.SetMinRowsVisible(3)
	d := dialog.NewForm(title, confirm, lang.L("Cancel"), []*widget.FormItem{
		widget.NewFormItem(lang.L("Date"), on),
		widget.NewFormItem(lang.L("Reason"), reason),
	}, func(ok bool) {
		if !ok {
			return
		}
		d, err := vn.ParseDate(on.Text)
		if err != nil {
			p.after(nil, &data.Error{Code: data.EINVALID, Message: err.Error()})
			return
		}
		do(d, reason.Text)
	}, p.m.Window)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

func (p *certificatePanel) askRevoke() {
	p.reasonForm(lang.L("Revoke certificate {{.Serial}}", map[string]any{"Serial": p.c.Content.Serial}), lang.L("Revoke"),
		lang.L("Why is the certificate revoked?"), func(on vn.Date, reason string) { p.revoke(on, reason) })
}

// revoke revokes the certificate shown; a refusal (no reason…) shows in the store's words.
func (p *certificatePanel) revoke(on vn.Date, reason string) bool {
	c, err := p.m.Services.Certificates.RevokeCertificate(p.m.ctx(), p.c.ID, p.c.Version, on, reason)
	return p.after(c, err)
}

func (p *certificatePanel) askReissue() {
	p.reasonForm(lang.L("Re-issue certificate {{.Serial}}", map[string]any{"Serial": p.c.Content.Serial}), lang.L("Re-issue"),
		lang.L("Why is it re-issued? e.g. lost, wrong birth date"), func(on vn.Date, reason string) { p.reissue(on, reason) })
}

// reissue issues a new certificate replacing the one shown, and shows the new one.
func (p *certificatePanel) reissue(on vn.Date, reason string) bool {
	c, err := p.m.Services.Certificates.ReissueCertificate(p.m.ctx(), p.c.ID, p.c.Version, on, reason)
	return p.after(c, err)
}

func (p *certificatePanel) askReceived() {
	on := widget.NewEntry()
	on.SetText(p.m.today().String())
	if !p.c.ReceivedOn.IsZero() {
		on.SetText(p.c.ReceivedOn.String())
	}
	dialog.ShowForm(lang.L("Date received"), lang.L("Save"), lang.L("Cancel"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Received on"), on)}, func(ok bool) {
			if !ok {
				return
			}
			d, err := vn.ParseDate(on.Text)
			if err != nil {
				p.after(nil, &data.Error{Code: data.EINVALID, Message: err.Error()})
				return
			}
			p.setReceived(d)
		}, p.m.Window)
}

// setReceived records the day the trainee received the certificate shown.
func (p *certificatePanel) setReceived(on vn.Date) bool {
	c, err := p.m.Services.Certificates.SetReceivedOn(p.m.ctx(), p.c.ID, p.c.Version, on)
	return p.after(c, err)
}
