package ui

import (
	"context"
	"encoding/base64"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
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
	*listScreen[*data.Certificate, *certificatePanel]

	year   *choice[int]
	status *choice[data.CertificateStatus]
}

func newCertificateScreen(m *Main) *certificateScreen {
	s := &certificateScreen{listScreen: newListScreen[*data.Certificate, *certificatePanel](m)}
	s.year = newYearChoice(m.today, s.reload)
	s.status = newChoice(lang.L("All statuses"), data.CertificateStatuses, certStatusLabel, s.reload)
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
		Actions: []fyne.CanvasObject{
			widget.NewButtonWithIcon(lang.L("Print the register (PDF)"), theme.DocumentPrintIcon(), func() { s.exportRegister(".pdf", reports.WriteRegisterPDF) }),
			widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DownloadIcon(), func() { s.exportRegister(".xlsx", reports.WriteRegisterXLSX) }),
		},
		Count:     func(ctx context.Context) (int, error) { return svc.CountCertificates(ctx, s.filter()) },
		CountText: "{{.Count}} certificates",
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
	svc, f := s.m.Services, s.filter()
	name := lang.L("certificate-register")
	if f.Year != nil {
		name += "-" + strconv.Itoa(*f.Year)
	}
	s.m.saveDocument(name+ext, ext, func(ctx context.Context, w io.Writer) error {
		doc, err := registerDoc(ctx, svc, f)
		if err != nil {
			return err
		}
		return write(w, doc)
	})
}

// certStatusLabel names a certificate's status in the interface's language.
func certStatusLabel(st data.CertificateStatus) string {
	key := "certstatus." + string(st)
	if s := lang.L(key); s != key {
		return s
	}
	return st.Label()
}
