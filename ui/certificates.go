package ui

import (
	"context"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// certificateScreen is the issuing register (sổ cấp chứng chỉ): a paged list of the certificates
// issued with search and filters, the register of what the filter selects as PDF and Excel, and,
// beside the list, the certificate chosen with its history and what can be done to it.
type certificateScreen struct {
	*listScreen[*data.Certificate, *certificatePanel]

	year   *choice[int]
	status *choice[data.CertificateStatus]
	// printPDF and printXLSX save the register of what the filter selects; off when it selects
	// nothing, as the builder refuses an empty register.
	printPDF, printXLSX *widget.Button
}

func newCertificateScreen(m *Main) *certificateScreen {
	s := &certificateScreen{listScreen: newListScreen[*data.Certificate, *certificatePanel](m)}
	s.year = newYearChoice(m.today, s.reload)
	s.status = newChoice(lang.L("All statuses"), data.CertificateStatuses, certStatusLabel, s.reload)
	s.printPDF = widget.NewButtonWithIcon(lang.L("Print the register (PDF)"), theme.DocumentPrintIcon(), func() { m.save(s.register(docs.PDF)) })
	s.printXLSX = widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DownloadIcon(), func() { m.save(s.register(docs.XLSX)) })
	svc := m.Services.Certificates
	s.build(listSpec[*data.Certificate, *certificatePanel]{
		Search: lang.L("Search by serial, name, class code or name… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Certificate]{
			{Title: lang.L("Serial"), Samples: []string{"KC-2026-000008"}, Text: func(c *data.Certificate) string { return c.Content.Serial }},
			{Title: lang.L("Register no."), Samples: []string{"1234/2026"}, Optional: true, Trailing: true, Text: func(c *data.Certificate) string { return c.Content.RegisterLabel() }},
			{Title: lang.L("Full name"), Width: 150, Grow: true, Text: func(c *data.Certificate) string { return c.Content.TraineeName }},
			{Title: lang.L("Birth date"), Samples: []string{sampleDate}, Text: func(c *data.Certificate) string { return c.Content.BirthDate.String() }},
			{Title: lang.L("Class"), Samples: []string{"LH-2026-008"}, Optional: true, Text: func(c *data.Certificate) string { return c.Content.ClassCode }},
			{Title: lang.L("Issued on"), Samples: []string{sampleDate}, Text: func(c *data.Certificate) string { return c.Content.IssuedOn.String() }},
			{Title: lang.L("Status"), Samples: labelsOf(data.CertificateStatuses, certStatusLabel), Text: func(c *data.Certificate) string { return certStatusLabel(c.Status) }},
			{Title: lang.L("Received on"), Samples: []string{sampleDate}, Optional: true, Text: func(c *data.Certificate) string { return c.ReceivedOn.String() }},
		},
		Filters:       []fyne.CanvasObject{s.year, s.status},
		FilterColumns: 3,
		Actions:       []fyne.CanvasObject{s.printPDF, s.printXLSX},
		OwnExcel:      true,
		Count:         s.countPrintable,
		CountText:     "{{.Count}} certificates",
		Fetch: func(ctx context.Context, offset, limit int, _ string, _ bool) ([]*data.Certificate, error) {
			f := s.filter()
			f.Offset, f.Limit = offset, limit
			return svc.FindCertificates(ctx, f)
		},
		Open: func(c *data.Certificate) (*certificatePanel, error) {
			c, err := svc.FindCertificateByID(m.ctx(), c.ID) // as stored now
			if err != nil {
				return nil, err
			}
			p := s.detail
			if p == nil {
				p = newCertificatePanel(m, func(*data.Certificate) { s.recount() }, s.closeDetail)
			}
			p.show(c)
			return p, nil
		},
		SideShare: 0.62,
	})
	return s
}

// Content implements Screen. The register grows from the class page too, so each time the
// screen is shown the list is counted again.
func (s *certificateScreen) Content() fyne.CanvasObject {
	s.recount()
	return s.content
}

// filter reads the search box and the filters.
func (s *certificateScreen) filter() data.CertificateFilter {
	return data.CertificateFilter{Search: s.search.Text, Year: s.year.value(), Status: s.status.value()}
}

// countPrintable counts what the filter selects, and lets the register be printed when that is
// at least one certificate.
func (s *certificateScreen) countPrintable(ctx context.Context) (int, error) {
	n, err := s.m.Services.Certificates.CountCertificates(ctx, s.filter())
	for _, b := range []*widget.Button{s.printPDF, s.printXLSX} {
		if err == nil && n > 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	return n, err
}

// register is the register of the certificates the filter selects, in format f, as its button
// saves it; the file is named for the year chosen.
func (s *certificateScreen) register(f docs.Format) document {
	b, filter, year := s.m.builder, s.filter(), ""
	if filter.Year != nil {
		year = strconv.Itoa(*filter.Year)
	}
	return newDocument(docs.KindRegister, year, f, func(ctx context.Context, w io.Writer) error { return b.Register(ctx, filter, f, w) })
}

// certStatusLabel names a certificate's status in the interface's language.
func certStatusLabel(st data.CertificateStatus) string {
	key := "certstatus." + string(st)
	if s := lang.L(key); s != key {
		return s
	}
	return st.Label()
}
