package ui

import (
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/vn"
	"khuyencong/reports"
	"khuyencong/ui/widgets"
)

// sampleSize is how many enterprises "Load sample data" makes: a busy district's worth.
const sampleSize = 300

// Status filter choices of the enterprise list.
var statusChoices = []string{"Current", "Archived", "All"}

// enterpriseScreen is the register of enterprises: a paged table with search, filters and sort,
// and the form that adds and edits one enterprise beside it.
type enterpriseScreen struct {
	m       *Main
	content fyne.CanvasObject

	wards     map[string]data.Division
	districts map[string]data.Division

	search  *widgets.Entry
	kind    *widget.Select
	ward    *widgets.Picker
	trade   *widget.Select
	village *widget.Select
	status  *widget.Select
	count   *widget.Label
	table   *widgets.PagedTable[*data.Enterprise]
	empty   fyne.CanvasObject
	center  *fyne.Container // the table or the empty state, and the form beside it

	form *enterpriseForm

	// typing reloads once the clerk pauses typing in the search box.
	typing debouncer
}

func newEnterpriseScreen(m *Main) *enterpriseScreen {
	s := &enterpriseScreen{m: m, typing: debouncer{delay: typingPause}}
	s.loadCatalogues()
	s.build()
	s.reload()
	return s
}

// Content implements Screen.
func (s *enterpriseScreen) Content() fyne.CanvasObject { return s.content }

// New opens an empty form (Ctrl+N).
func (s *enterpriseScreen) New() { s.open(&data.Enterprise{Kind: data.KindSmall}) }

// Save saves the open form (Ctrl+S).
func (s *enterpriseScreen) Save() {
	if s.form != nil {
		s.form.save()
	}
}

// Find puts the cursor in the search box (Ctrl+F).
func (s *enterpriseScreen) Find() { s.m.Window.Canvas().Focus(s.search) }

func (s *enterpriseScreen) loadCatalogues() {
	ctx := s.m.ctx()
	s.wards, s.districts = map[string]data.Division{}, map[string]data.Division{}
	wards, err := s.m.Services.Divisions.Wards(ctx)
	if err != nil {
		s.m.showError(err)
	}
	for _, w := range wards {
		s.wards[w.Code] = w
	}
	districts, err := s.m.Services.Divisions.Districts(ctx)
	if err != nil {
		s.m.showError(err)
	}
	for _, d := range districts {
		s.districts[d.Code] = d
	}
}

// divisionOptions lists a catalogue for a picker, sorted the Vietnamese way by name.
func divisionOptions(divs map[string]data.Division) []widgets.Option {
	sorted := make([]data.Division, 0, len(divs))
	for _, d := range divs {
		sorted = append(sorted, d)
	}
	slices.SortFunc(sorted, func(a, b data.Division) int { return vn.Compare(a.Name, b.Name) })
	out := make([]widgets.Option, len(sorted))
	for i, d := range sorted {
		out[i] = widgets.Option{Key: d.Code, Label: capitalize(d.Label())}
	}
	return out
}

func (s *enterpriseScreen) build() {
	s.search = widgets.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search by name, tax code, representative, phone, ward… (Ctrl+F)"))
	s.search.OnChanged = func(string) { s.typing.call(s.reload) }
	s.search.OnEscape = func() { s.search.SetText("") }

	kinds := []string{lang.L("All kinds")}
	for _, k := range data.EnterpriseKinds {
		kinds = append(kinds, kindLabel(k))
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.reload() })
	s.kind.SetSelectedIndex(0)

	s.ward = widgets.NewPicker(divisionOptions(s.wards), lang.L("All wards and communes"))
	s.ward.OnChanged = func(string) { s.reload() }

	s.trade = widget.NewSelect(nil, func(string) { s.reload() })
	s.village = widget.NewSelect(nil, func(string) { s.reload() })
	s.loadFacets()

	statuses := make([]string, len(statusChoices))
	for i, c := range statusChoices {
		statuses[i] = lang.L(c)
	}
	s.status = widget.NewSelect(statuses, func(string) { s.reload() })
	s.status.SetSelectedIndex(0)

	s.count = widget.NewLabel("")
	s.count.TextStyle.Bold = true

	s.table = widgets.NewPagedTable([]widgets.Column[*data.Enterprise]{
		{Title: lang.L("Name"), Width: 290, Sort: string(data.SortByName), Text: func(e *data.Enterprise) string { return e.Name }},
		{Title: lang.L("Kind"), Width: 170, Sort: string(data.SortByKind), Text: func(e *data.Enterprise) string { return kindLabel(e.Kind) }},
		{Title: lang.L("Tax code"), Width: 115, Sort: string(data.SortByTaxCode), Text: func(e *data.Enterprise) string { return e.TaxCode }},
		{Title: lang.L("Representative"), Width: 165, Sort: string(data.SortByRepresentative), Text: func(e *data.Enterprise) string { return e.Representative.Full() }},
		{Title: lang.L("Phone"), Width: 120, Sort: string(data.SortByPhone), Text: func(e *data.Enterprise) string { return vn.FormatPhone(e.Phone) }},
		{Title: lang.L("Ward / commune"), Width: 150, Sort: string(data.SortByWard), Text: s.wardText},
		{Title: lang.L("Trade"), Width: 120, Sort: string(data.SortByTrade), Text: func(e *data.Enterprise) string { return e.Trade }},
		{Title: lang.L("Workers"), Width: 75, Sort: string(data.SortByWorkers), Trailing: true, Text: func(e *data.Enterprise) string { return vn.FormatInt(int64(e.Workers)) }},
	}, string(data.SortByName))
	s.table.Fetch = func(offset, limit int, sort string, desc bool) ([]*data.Enterprise, error) {
		f := s.filter()
		f.Sort, f.Desc, f.Offset, f.Limit = data.EnterpriseSort(sort), desc, offset, limit
		return s.m.Services.Enterprises.FindEnterprises(s.m.ctx(), f)
	}
	s.table.OnActivated = func(e *data.Enterprise) { s.open(e) }
	s.table.OnError = s.m.showError

	s.empty = s.emptyState()
	s.center = container.NewStack(s.table)

	add := widget.NewButtonWithIcon(lang.L("Add enterprise"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	excel := widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DocumentSaveIcon(), func() { s.export(".xlsx", reports.WriteEnterpriseListXLSX) })
	pdf := widget.NewButtonWithIcon(lang.L("Print list (PDF)"), theme.DocumentPrintIcon(), func() { s.export(".pdf", reports.WriteEnterpriseListPDF) })

	top := container.NewBorder(nil, nil, nil, container.NewHBox(add, excel, pdf), s.search)
	filters := container.NewBorder(nil, nil, nil, s.count,
		container.NewGridWithColumns(5, s.kind, s.ward, s.trade, s.village, s.status))
	s.content = container.NewBorder(container.NewVBox(top, filters), nil, nil, nil, s.center)
}

func (s *enterpriseScreen) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("No enterprises yet"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	help := widget.NewLabelWithStyle(lang.L("Add the first enterprise of the register, or load sample data to try the program: about 300 enterprises spread over Hanoi's wards, trades and craft villages, and a dozen classes with their trainees, attendance and results."), fyne.TextAlignCenter, fyne.TextStyle{})
	help.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(lang.L("Add enterprise"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	sample := widget.NewButtonWithIcon(lang.L("Load sample data"), theme.DownloadIcon(), s.loadSample)
	box := container.NewVBox(title, help, container.NewCenter(container.NewHBox(add, sample)))
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(520, box.MinSize().Height+40), box))
}

func (s *enterpriseScreen) loadSample() {
	svc := s.m.Services
	s.m.runTask(lang.L("Loading sample data"), func(ctx context.Context) error {
		_, err := demo.Load(ctx, svc.Enterprises, svc.Divisions, sampleSize, 1)
		return err
	}, func() {
		s.loadFacets()
		s.reload()
	})
}

func (s *enterpriseScreen) loadFacets() {
	f, err := s.m.Services.Enterprises.EnterpriseFacets(s.m.ctx())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.trade.Options = append([]string{lang.L("All trades")}, f.Trades...)
	s.village.Options = append([]string{lang.L("All craft villages")}, f.CraftVillages...)
	if s.trade.SelectedIndex() < 0 {
		s.trade.SetSelectedIndex(0)
	}
	if s.village.SelectedIndex() < 0 {
		s.village.SetSelectedIndex(0)
	}
	s.trade.Refresh()
	s.village.Refresh()
}

// filter reads the search box and the filters.
func (s *enterpriseScreen) filter() data.EnterpriseFilter {
	f := data.EnterpriseFilter{Search: s.search.Text}
	if i := s.kind.SelectedIndex(); i > 0 {
		f.Kind = &data.EnterpriseKinds[i-1]
	}
	if w := s.ward.Selected(); w != "" {
		f.WardCode = &w
	}
	if i := s.trade.SelectedIndex(); i > 0 {
		t := s.trade.Selected
		f.Trade = &t
	}
	if i := s.village.SelectedIndex(); i > 0 {
		v := s.village.Selected
		f.CraftVillage = &v
	}
	switch s.status.SelectedIndex() {
	case 0:
		f.Archived = new(bool)
	case 1:
		t := true
		f.Archived = &t
	}
	return f
}

// reload counts what the filter selects and starts the table again from its first page.
func (s *enterpriseScreen) reload() {
	if s.table == nil || s.status == nil {
		return // still being built
	}
	f := s.filter()
	n, err := s.m.Services.Enterprises.CountEnterprises(s.m.ctx(), f)
	if err != nil {
		s.m.showError(err)
		return
	}
	s.count.SetText(lang.L("{{.Count}} enterprises", map[string]any{"Count": vn.FormatInt(int64(n))}))
	s.table.Reset(n)
	s.table.ScrollToTop()
	showEmpty := false
	if n == 0 {
		total, err := s.m.Services.Enterprises.CountEnterprises(s.m.ctx(), data.EnterpriseFilter{})
		showEmpty = err == nil && total == 0
	}
	list := fyne.CanvasObject(s.table)
	if showEmpty && s.form == nil {
		list = s.empty
	}
	s.layout(list)
}

// layout puts the list alone, or the list and the open form side by side.
func (s *enterpriseScreen) layout(list fyne.CanvasObject) {
	if s.form == nil {
		s.center.Objects = []fyne.CanvasObject{list}
	} else {
		split := container.NewHSplit(list, s.form.content)
		split.Offset = 0.55
		s.center.Objects = []fyne.CanvasObject{split}
	}
	s.center.Refresh()
}

// open shows e in the form beside the list, asking first if the open form has unsaved changes.
func (s *enterpriseScreen) open(e *data.Enterprise) {
	if s.form != nil && s.form.dirty {
		s.m.confirmDiscard(func() {
			s.form.dirty = false
			s.open(e)
		})
		return
	}
	if e.ID != 0 { // the list's copy may be old: edit what is stored now
		fresh, err := s.m.Services.Enterprises.FindEnterpriseByID(s.m.ctx(), e.ID)
		if err != nil {
			s.m.showError(err)
			return
		}
		e = fresh
	}
	s.form = newEnterpriseForm(s, e)
	s.reload()
	s.m.Window.Canvas().Focus(s.form.name)
}

// closeForm hides the form.
func (s *enterpriseScreen) closeForm() {
	s.form = nil
	s.reload()
}

func (s *enterpriseScreen) wardText(e *data.Enterprise) string {
	if d, ok := s.wards[e.WardCode]; ok {
		return capitalize(d.Label())
	}
	if d, ok := s.districts[e.DistrictCode]; ok {
		return capitalize(d.Label()) + " " + lang.L("(old)")
	}
	return ""
}

// export writes every enterprise the filter selects to a file the clerk chooses.
func (s *enterpriseScreen) export(ext string, write func(io.Writer, reports.EnterpriseListDoc) error) {
	f := s.filter()
	sort, desc := s.table.SortOrder()
	f.Sort, f.Desc = data.EnterpriseSort(sort), desc
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		svc := s.m.Services
		wards := s.wards
		s.m.runTask(lang.L("Exporting"), func(ctx context.Context) error {
			defer w.Close()
			rows, err := svc.Enterprises.FindEnterprises(ctx, f)
			if err != nil {
				return err
			}
			org, err := svc.Settings.Organisation(ctx)
			if err != nil {
				return err
			}
			return write(w, reports.EnterpriseListDoc{Org: org, Date: vn.DateOf(time.Now()), Rows: rows, Wards: wards, Filter: s.describeFilter(f)})
		}, func() {
			dialog.ShowInformation(lang.L("Exported"), lang.L("Saved to {{.Path}}", map[string]any{"Path": w.URI().Path()}), s.m.Window)
		})
	}, s.m.Window)
	save.SetFileName(lang.L("enterprises") + ext)
	save.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	save.Show()
}

// describeFilter says in words what a printed list holds.
func (s *enterpriseScreen) describeFilter(f data.EnterpriseFilter) string {
	var parts []string
	if t := strings.TrimSpace(f.Search); t != "" {
		parts = append(parts, "tìm “"+t+"”")
	}
	if f.Kind != nil {
		parts = append(parts, f.Kind.Label())
	}
	if f.WardCode != nil {
		parts = append(parts, s.wards[*f.WardCode].Label())
	}
	if f.Trade != nil {
		parts = append(parts, "ngành "+*f.Trade)
	}
	if f.CraftVillage != nil {
		parts = append(parts, *f.CraftVillage)
	}
	if f.Archived != nil && *f.Archived {
		parts = append(parts, "đã lưu trữ")
	}
	if len(parts) == 0 {
		return ""
	}
	return "Lọc theo: " + strings.Join(parts, "; ")
}
