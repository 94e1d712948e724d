package ui

import (
	"context"
	"io"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// sampleSize is how many enterprises "Load sample data" makes: a busy district's worth.
const sampleSize = 300

// Status filter choices of the enterprise list.
var statusChoices = []string{"Current", "Archived", "All"}

// enterpriseScreen is the register of enterprises: a paged table with search, filters and sort,
// and the form that adds and edits one enterprise beside it.
type enterpriseScreen struct {
	*listScreen[*data.Enterprise, *enterpriseForm]

	wards     map[string]data.Division
	districts map[string]data.Division

	kind    *choice[data.EnterpriseKind]
	ward    *widgets.Picker
	trade   *choice[string]
	village *choice[string]
	status  *widget.Select
	// facetLoads counts the loads of the trade and craft-village filters started, so that only
	// the newest fills them.
	facetLoads int
}

func newEnterpriseScreen(m *Main) *enterpriseScreen {
	s := &enterpriseScreen{listScreen: newListScreen[*data.Enterprise, *enterpriseForm](m)}
	s.wards, s.districts = catalogue(m, m.Services.Divisions.Wards), catalogue(m, m.Services.Divisions.Districts)
	s.kind = newChoice(lang.L("All kinds"), data.EnterpriseKinds, kindLabel, s.reload)
	s.ward = wardFilter(s.wards, s.reload)
	s.trade = newChoice(lang.L("All trades"), nil, itself, s.reload)
	s.village = newChoice(lang.L("All craft villages"), nil, itself, s.reload)
	s.loadFacets()
	statuses := make([]string, len(statusChoices))
	for i, c := range statusChoices {
		statuses[i] = lang.L(c)
	}
	s.status = widget.NewSelect(statuses, nil)
	s.status.SetSelectedIndex(0)
	s.status.OnChanged = func(string) { s.reload() }

	svc := m.Services.Enterprises
	add := widget.NewButtonWithIcon(lang.L("Add enterprise"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	s.m.allow(data.RightRegister, add)
	s.build(listSpec[*data.Enterprise, *enterpriseForm]{
		Search: lang.L("Search by name, tax code, representative, phone, ward… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Enterprise]{
			{Title: lang.L("Name"), Width: 200, Grow: true, Sort: string(data.SortByName), Text: func(e *data.Enterprise) string { return shortName(e.Name) }},
			{Title: lang.L("Kind"), Samples: labelsOf(data.EnterpriseKinds, kindShort), Optional: true, Sort: string(data.SortByKind), Text: func(e *data.Enterprise) string { return kindShort(e.Kind) }},
			{Title: lang.L("Tax code"), Samples: []string{"0105646288-001"}, Sort: string(data.SortByTaxCode), Text: func(e *data.Enterprise) string { return e.TaxCode }},
			{Title: lang.L("Representative"), Width: 150, Optional: true, Sort: string(data.SortByRepresentative), Text: func(e *data.Enterprise) string { return e.Representative.Full() }},
			{Title: lang.L("Phone"), Samples: []string{"024 6835 6156"}, Optional: true, Sort: string(data.SortByPhone), Text: func(e *data.Enterprise) string { return vn.FormatPhone(e.Phone) }},
			{Title: lang.L("Ward / commune"), Width: 145, Sort: string(data.SortByWard), Text: s.wardText},
			{Title: lang.L("Trade"), Width: 100, Optional: true, Sort: string(data.SortByTrade), Text: func(e *data.Enterprise) string { return e.Trade }},
			{Title: lang.L("Workers"), Samples: []string{"12.345"}, Optional: true, Sort: string(data.SortByWorkers), Trailing: true, Text: func(e *data.Enterprise) string { return vn.FormatInt(int64(e.Workers)) }},
		},
		// No column chosen: by name, or while searching the matches whose words stand together
		// first ("dong anh" puts Xã Đông Anh before "Đúc đồng … Anh"); a header click sorts.
		Sort:          "",
		Filters:       []fyne.CanvasObject{s.kind, s.ward, s.trade, s.village, s.status},
		FilterColumns: 5,
		Actions: []fyne.CanvasObject{add,
			m.importButton(data.ImportEnterprises, 0, nil, func() { s.loadFacets(); s.reload() }),
			widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DocumentSaveIcon(), func() { m.save(s.export(docs.XLSX)) }),
			widget.NewButtonWithIcon(lang.L("Print list (PDF)"), theme.DocumentPrintIcon(), func() { m.save(s.export(docs.PDF)) })},
		OwnExcel:  true,
		Count:     func(ctx context.Context) (int, error) { return svc.CountEnterprises(ctx, s.filter()) },
		CountText: "{{.Count}} enterprises",
		Fetch: func(ctx context.Context, offset, limit int, sort string, desc bool) ([]*data.Enterprise, error) {
			f := s.filter()
			f.Sort, f.Desc, f.Offset, f.Limit = data.EnterpriseSort(sort), desc, offset, limit
			return svc.FindEnterprises(ctx, f)
		},
		Open: func(e *data.Enterprise) (*enterpriseForm, error) {
			if e.ID != 0 { // the list's copy may be old: edit what is stored now
				var err error
				if e, err = svc.FindEnterpriseByID(m.ctx(), e.ID); err != nil {
					return nil, err
				}
			}
			return newEnterpriseForm(s, e), nil
		},
		SideShare: 0.55,
		Empty: emptyState(m, lang.L("No enterprises yet"),
			lang.L("Add the first enterprise of the register, or load sample data to try the program: about 300 enterprises spread over Hanoi's wards, trades and craft villages, and a dozen classes with their trainees, attendance and results."),
			lang.L("Add enterprise"), s.New,
			widget.NewButtonWithIcon(lang.L("Load sample data"), theme.DownloadIcon(), s.loadSample)),
		Total: func(ctx context.Context) (int, error) { return svc.CountEnterprises(ctx, data.EnterpriseFilter{}) },
	})
	return s
}

// New opens an empty form (Ctrl+N).
func (s *enterpriseScreen) New() { s.open(&data.Enterprise{Kind: data.KindSmall}) }

// catalogue reads a catalogue of divisions, the wards or the districts, keyed by code.
func catalogue(m *Main, read func(context.Context) ([]data.Division, error)) map[string]data.Division {
	out := map[string]data.Division{}
	divs, err := read(m.ctx())
	if err != nil {
		m.showError(err)
	}
	for _, d := range divs {
		out[d.Code] = d
	}
	return out
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

// enterprisePicker finds an enterprise of the register, not archived, as the clerk types.
func (m *Main) enterprisePicker(placeholder string) *widgets.Picker {
	p := widgets.NewPicker(nil, placeholder)
	p.Search = func(text string) []widgets.Option {
		es, err := m.Services.Enterprises.FindEnterprises(m.ctx(), data.EnterpriseFilter{Search: text, Archived: new(bool), Limit: 12})
		if err != nil {
			return nil
		}
		out := make([]widgets.Option, len(es))
		for i, e := range es {
			out[i] = widgets.Option{Key: idKey(e.ID), Label: e.Name}
		}
		return out
	}
	return p
}

// itself labels a choice of words by the words.
func itself(s string) string { return s }

// wardFilter is the filter by ward or commune of a list.
func wardFilter(wards map[string]data.Division, changed func()) *widgets.Picker {
	p := widgets.NewPicker(divisionOptions(wards), lang.L("All wards and communes"))
	p.OnChanged = func(string) { changed() }
	return p
}

// wardLabel names the ward with code, "" when it is not in the catalogue.
func wardLabel(wards map[string]data.Division, code string) string {
	if d, ok := wards[code]; ok {
		return capitalize(d.Label())
	}
	return ""
}

// emptyState is what a list shows while its register holds nothing: what the screen is for, and
// the button that adds the first record, with any other buttons; the buttons are disabled for a
// user who cannot write to the register.
func emptyState(m *Main, title, help, addLabel string, add func(), more ...*widget.Button) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	h := widget.NewLabelWithStyle(help, fyne.TextAlignCenter, fyne.TextStyle{})
	h.Wrapping = fyne.TextWrapWord
	b := widget.NewButtonWithIcon(addLabel, theme.ContentAddIcon(), add)
	b.Importance = widget.HighImportance
	buttons := container.NewHBox(b)
	m.allow(data.RightRegister, b)
	for _, o := range more {
		buttons.Add(o)
		m.allow(data.RightRegister, o)
	}
	box := container.NewVBox(t, h, container.NewCenter(buttons))
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

// loadFacets fills the trade and craft-village filters off the UI goroutine, once the window has
// painted its first frame: at 100,000 enterprises their distinct values take about a second,
// which the window does not wait for. Only the newest load fills them, should a save start one
// before the last has come back. Reading every enterprise leaves some 50 MB behind at 100,000,
// which the list does not need: it is given back.
func (s *enterpriseScreen) loadFacets() {
	s.facetLoads++
	n, ctx, svc := s.facetLoads, s.m.ctx(), s.m.Services.Enterprises
	s.m.AfterFirstFrame(func() {
		f, err := svc.EnterpriseFacets(ctx)
		defer s.m.releaseMemory()
		fyne.Do(func() {
			switch {
			case n != s.facetLoads:
			case err != nil:
				s.m.showError(err)
			default:
				s.trade.setValues(lang.L("All trades"), f.Trades)
				s.village.setValues(lang.L("All craft villages"), f.CraftVillages)
			}
		})
	})
}

// filter reads the search box and the filters.
func (s *enterpriseScreen) filter() data.EnterpriseFilter {
	f := data.EnterpriseFilter{Search: s.search.Text, Kind: s.kind.value(), Trade: s.trade.value(), CraftVillage: s.village.value()}
	if w := s.ward.Selected(); w != "" {
		f.WardCode = &w
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

func (s *enterpriseScreen) wardText(e *data.Enterprise) string {
	if l := wardLabel(s.wards, e.WardCode); l != "" {
		return l
	}
	if d, ok := s.districts[e.DistrictCode]; ok {
		return capitalize(d.Label()) + " " + lang.L("(old)")
	}
	return ""
}

// export is every enterprise the filter selects, in the table's order, in format f, as its button
// saves it.
func (s *enterpriseScreen) export(f docs.Format) document {
	b, filter := s.m.builder, s.filter()
	sort, desc := s.table.SortOrder()
	filter.Sort, filter.Desc = data.EnterpriseSort(sort), desc
	return newDocument(docs.KindEnterpriseList, "", f, func(ctx context.Context, w io.Writer) error { return b.EnterpriseList(ctx, filter, f, w) })
}
