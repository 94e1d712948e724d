package ui

import (
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// reportScreen is Báo cáo: choose a report, a period and filters, then "Tạo báo cáo" makes its
// PDF off the UI goroutine, with a progress bar and a Cancel button (Esc cancels too); "Mở"
// opens it in the system's viewer, "Lưu PDF…" keeps a copy, "Xuất Excel" writes the same
// figures as a workbook.
type reportScreen struct {
	m     *Main
	years []int

	kind     *widget.Select
	period   *widget.Select
	year     *widget.Select
	quarter  *widget.Select
	from, to *widgets.Entry
	ward     *widgets.Picker
	wards    map[string]data.Division
	trade    *choice[string]
	village  *choice[*data.Village]
	class    *choice[data.ClassKind]
	funding  *choice[data.Funding]
	span     *widget.Label // the period chosen, in words

	make, open, savePDF, excel *widgets.Button
	progress                   *fyne.Container // the bar and Cancel, while a report is made
	result                     *widget.Label
	view                       fyne.CanvasObject

	// dir is where the PDFs made are kept until the window closes; made is the last one and
	// what it was made of.
	dir  string
	made string
	last reportRequest
	// cancel stops the report being made, nil when none is; pending waits for it (tests).
	cancel  context.CancelFunc
	pending sync.WaitGroup
}

// reportRequest is a report asked for: which, for which days, narrowed how.
type reportRequest struct {
	kind   data.ReportKind
	period data.Period
	filter data.ReportFilter
}

func newReportScreen(m *Main) *reportScreen {
	s := &reportScreen{m: m, dir: filepath.Join(os.TempDir(), "khuyencong-bao-cao")}
	for y := m.today().Year + 1; y >= firstYear; y-- {
		s.years = append(s.years, y)
	}
	changed := func(string) { s.update() }
	s.kind = widget.NewSelect(labelsOf(data.ReportKinds, func(k data.ReportKind) string { return k.Title() }), changed)
	s.period = widget.NewSelect(labelsOf(data.PeriodKinds, func(k data.PeriodKind) string { return k.Label() }), changed)
	s.year = widget.NewSelect(labelsOf(s.years, strconv.Itoa), changed)
	s.quarter = widget.NewSelect([]string{"Quý I", "Quý II", "Quý III", "Quý IV"}, changed)
	s.from, s.to = widgets.NewEntry(), widgets.NewEntry()
	s.from.SetPlaceHolder(example(sampleDate))
	s.to.SetPlaceHolder(example(sampleDate))
	s.from.OnChanged, s.to.OnChanged = changed, changed
	s.wards = catalogue(m, m.Services.Divisions.Wards)
	s.ward = wardFilter(s.wards, func() {})
	noop := func() {}
	s.trade = newChoice(lang.L("All trades"), nil, func(t string) string { return t }, noop)
	s.village = newChoice(lang.L("All craft villages"), nil, func(v *data.Village) string { return v.Name }, noop)
	s.class = newChoice(lang.L("All kinds of class"), data.ClassKinds, classKindLabel, noop)
	s.funding = newChoice(lang.L("All funding sources"), data.Fundings, fundingLabel, noop)
	s.loadChoices()
	s.span = widget.NewLabel("")
	s.span.TextStyle.Italic = true

	s.make = widgets.NewButton(lang.L("Make the report"), theme.DocumentCreateIcon(), s.generate)
	s.make.Importance = widget.HighImportance
	s.open = widgets.NewButton(lang.L("Open"), theme.FileIcon(), s.openPDF)
	s.savePDF = widgets.NewButton(lang.L("Save PDF…"), theme.DocumentSaveIcon(), func() { m.save(s.pdfCopy()) })
	s.excel = widgets.NewButton(lang.L("Export to Excel"), theme.DownloadIcon(), func() { m.save(s.workbook(s.last)) })
	for _, b := range []*widgets.Button{s.open, s.savePDF, s.excel} {
		b.Disable()
	}
	stop := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), s.back)
	s.progress = container.NewBorder(nil, nil, nil, stop, widget.NewProgressBarInfinite())
	s.progress.Hide()
	s.result = widget.NewLabel("")
	s.result.Wrapping = fyne.TextWrapWord

	row := func(label string, o fyne.CanvasObject) []fyne.CanvasObject {
		return []fyne.CanvasObject{widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{}), o}
	}
	var form []fyne.CanvasObject
	form = append(form, row(lang.L("Report"), s.kind)...)
	form = append(form, row(lang.L("Period"), container.NewGridWithColumns(3, s.period, s.year, s.quarter))...)
	form = append(form, row(lang.L("From"), container.NewGridWithColumns(3, s.from, widget.NewLabelWithStyle(lang.L("to"), fyne.TextAlignCenter, fyne.TextStyle{}), s.to))...)
	form = append(form, row("", s.span)...)
	form = append(form, row(lang.L("Ward / commune"), s.ward)...)
	form = append(form, row(lang.L("Trade"), s.trade)...)
	form = append(form, row(lang.L("Craft village"), s.village)...)
	form = append(form, row(lang.L("Kind of class"), s.class)...)
	form = append(form, row(lang.L("Funding source"), s.funding)...)
	buttons := container.NewHBox(s.make, s.open, s.savePDF, s.excel)
	heading := widget.NewLabelWithStyle(lang.L("Reports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	body := container.NewVBox(heading, container.New(layout.NewFormLayout(), form...), buttons, s.progress, s.result)
	// The form keeps a width that reads well on a wide screen rather than stretch across it.
	s.view = container.NewVScroll(container.NewHBox(container.New(&widthLayout{width: 760}, body)))

	today := m.today()
	s.kind.SetSelectedIndex(0)
	s.year.SetSelected(strconv.Itoa(today.Year))
	s.quarter.SetSelectedIndex((int(today.Month) - 1) / 3)
	s.period.SetSelectedIndex(0)
	return s
}

// Content implements Screen.
func (s *reportScreen) Content() fyne.CanvasObject { return s.view }

// loadChoices fills the trade and craft-village filters from the register.
func (s *reportScreen) loadChoices() {
	ctx := s.m.ctx()
	if f, err := s.m.Services.Enterprises.EnterpriseFacets(ctx); err == nil {
		s.trade.setValues(lang.L("All trades"), f.Trades)
	}
	if s.m.Services.Villages == nil {
		return
	}
	if vs, err := s.m.Services.Villages.FindVillages(ctx, data.VillageFilter{}); err == nil {
		s.village.setValues(lang.L("All craft villages"), vs)
	}
}

// update lets only the choices that apply be changed: the quarter for a quarter, the dates for
// any dates, the filters the report honours; and says which days the period covers.
func (s *reportScreen) update() {
	if s.kind == nil || s.period == nil || s.year == nil || s.quarter == nil || s.to == nil {
		return // still being built
	}
	kind := s.periodKind()
	enable(s.quarter, kind == data.PeriodQuarter)
	enable(s.year, kind != data.PeriodDates)
	for _, e := range []*widgets.Entry{s.from, s.to} {
		enable(e, kind == data.PeriodDates)
	}
	if k := s.reportKind(); k != "" {
		uses := k.Uses()
		enable(s.ward, uses.Ward)
		enable(s.trade, uses.Trade)
		enable(s.village, uses.Village)
		enable(s.class, uses.ClassKind)
		enable(s.funding, uses.Funding)
	}
	p, err := s.chosenPeriod()
	switch {
	case err != nil:
		s.span.SetText(data.ErrorMessage(err))
	default:
		if kind != data.PeriodDates { // the preset's days, for the clerk to read or start from
			s.from.Text, s.to.Text = p.From.String(), p.To.String()
			s.from.Refresh()
			s.to.Refresh()
		}
		s.span.SetText(p.Label())
	}
}

// enable enables or disables a choice.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

func (s *reportScreen) reportKind() data.ReportKind {
	if i := s.kind.SelectedIndex(); i >= 0 {
		return data.ReportKinds[i]
	}
	return ""
}

func (s *reportScreen) periodKind() data.PeriodKind {
	if i := s.period.SelectedIndex(); i >= 0 {
		return data.PeriodKinds[i]
	}
	return data.PeriodYear
}

// chosenPeriod is the period chosen. EINVALID for dates that are wrong or the wrong way round.
func (s *reportScreen) chosenPeriod() (data.Period, error) {
	year := s.m.today().Year
	if i := s.year.SelectedIndex(); i >= 0 {
		year = s.years[i]
	}
	switch s.periodKind() {
	case data.PeriodQuarter:
		return data.QuarterPeriod(year, s.quarter.SelectedIndex()+1)
	case data.PeriodHalf:
		return data.HalfPeriod(year)
	case data.PeriodNine:
		return data.NinePeriod(year)
	case data.PeriodDates:
		from, err := vn.ParseDate(s.from.Text)
		if err != nil && s.from.Text != "" {
			return data.Period{}, data.Errorf(data.EINVALID, "Từ ngày: %v", err)
		}
		to, err := vn.ParseDate(s.to.Text)
		if err != nil && s.to.Text != "" {
			return data.Period{}, data.Errorf(data.EINVALID, "Đến ngày: %v", err)
		}
		return data.DatesPeriod(from, to)
	}
	return data.YearPeriod(year)
}

// request is the report chosen, with the filters it honours. EINVALID for a wrong period.
func (s *reportScreen) request() (reportRequest, error) {
	p, err := s.chosenPeriod()
	if err != nil {
		return reportRequest{}, err
	}
	var f data.ReportFilter
	if w := s.ward.Selected(); w != "" {
		f.WardCode = &w
	}
	if v := s.village.value(); v != nil {
		f.VillageID = &(*v).ID
	}
	f.Trade, f.ClassKind, f.Funding = s.trade.value(), s.class.value(), s.funding.value()
	kind := s.reportKind()
	r := reportRequest{kind: kind, period: p, filter: f.Keep(kind.Uses())}
	return r, nil
}

// choose shows report k for a year, every filter cleared: a figure of the dashboard opens it.
func (s *reportScreen) choose(k data.ReportKind, year int) {
	s.ward.SetSelected("")
	for _, c := range []interface{ reset() }{s.trade, s.village, s.class, s.funding} {
		c.reset()
	}
	s.year.SetSelected(strconv.Itoa(year))
	s.period.SetSelectedIndex(3) // the year
	for i, rk := range data.ReportKinds {
		if rk == k {
			s.kind.SetSelectedIndex(i)
		}
	}
	s.update()
}

// openReport shows the Báo cáo screen on report k for a year.
func openReport(m *Main, k data.ReportKind, year int) {
	openList(m, lang.L("Reports"), func(s *reportScreen) { s.choose(k, year) })
}

// generate makes the report chosen as a PDF off the UI goroutine, showing the progress bar; the
// cursor leaves the button so that Esc reaches the screen and cancels.
func (s *reportScreen) generate() {
	if s.cancel != nil {
		return // one at a time
	}
	r, err := s.request()
	if err != nil {
		s.m.showError(err)
		return
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		s.m.showError(data.Errorf(data.EINTERNAL, "tạo thư mục báo cáo: %v", err))
		return
	}
	path := filepath.Join(s.dir, docs.ReportFileName(r.kind, r.period, docs.PDF))
	ctx, cancel := context.WithCancel(s.m.ctx())
	s.cancel = cancel
	s.make.Disable()
	s.progress.Show()
	s.result.SetText(lang.L("Making the report…"))
	s.m.Window.Canvas().Unfocus()
	s.pending.Add(1)
	go func() {
		defer s.pending.Done()
		err := docs.WriteFile(path, func(w io.Writer) error { return s.writeReport(ctx, r, docs.PDF, w) })
		cancelled := ctx.Err() != nil
		cancel()
		fyne.DoAndWait(func() { s.finish(r, path, err, cancelled) })
	}()
}

// finish shows what came of making a report.
func (s *reportScreen) finish(r reportRequest, path string, err error, cancelled bool) {
	s.cancel = nil
	s.make.Enable()
	s.progress.Hide()
	switch {
	case cancelled:
		s.result.SetText(lang.L("Cancelled: no report was made."))
	case err != nil:
		s.result.SetText("")
		s.m.showError(err)
	default:
		s.made, s.last = path, r
		for _, b := range []*widgets.Button{s.open, s.savePDF, s.excel} {
			b.Enable()
		}
		s.result.SetText(lang.L("Made “{{.Title}}”, {{.Period}}: {{.Path}}",
			map[string]any{"Title": r.kind.Title(), "Period": r.period.Label(), "Path": path}))
		s.m.Window.Canvas().Focus(s.open)
	}
}

// back cancels the report being made (Esc, or the Cancel button).
func (s *reportScreen) back() {
	if s.cancel != nil {
		s.cancel()
	}
}

// writeReport writes report r in format f through the documents' builder.
func (s *reportScreen) writeReport(ctx context.Context, r reportRequest, f docs.Format, w io.Writer) error {
	return s.m.builder.Report(ctx, r.kind, r.period, r.filter, f, w)
}

// workbook is the Excel workbook of the same figures as the PDF made, as "Xuất Excel" saves it.
func (s *reportScreen) workbook(r reportRequest) document {
	return document{name: docs.ReportFileName(r.kind, r.period, docs.XLSX), ext: string(docs.XLSX),
		write: func(ctx context.Context, w io.Writer) error { return s.writeReport(ctx, r, docs.XLSX, w) }}
}

// pdfCopy is the PDF made, as "Lưu PDF…" saves a copy of it.
func (s *reportScreen) pdfCopy() document {
	path := s.made
	return document{name: filepath.Base(path), ext: string(docs.PDF), write: func(_ context.Context, w io.Writer) error {
		f, err := os.Open(path)
		if err != nil {
			return data.Errorf(data.EINTERNAL, "mở báo cáo đã tạo: %v", err)
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	}}
}

// openPDF opens the PDF made in the system's viewer.
func (s *reportScreen) openPDF() {
	if err := s.m.App.OpenURL(&url.URL{Scheme: "file", Path: s.made}); err != nil {
		s.m.showError(data.Errorf(data.EINTERNAL, "mở %s: %v", s.made, err))
	}
}

// widthLayout gives its objects a width, or the room there is when less.
type widthLayout struct{ width float32 }

func (l *widthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(min(size.Width, l.width), size.Height))
	}
}

func (l *widthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(max(s.Width, l.width), s.Height)
}
