package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// villageScreen is the register of craft villages (làng nghề); opening one shows its page: its
// details, its enterprises, the classes held for it and the support it received by year.
type villageScreen struct {
	*listScreen[*data.Village, *villagePage]

	wards map[string]data.Division
	ward  *widgets.Picker
}

func newVillageScreen(m *Main) *villageScreen {
	s := &villageScreen{listScreen: newListScreen[*data.Village, *villagePage](m)}
	s.wards = catalogue(m, m.Services.Divisions.Wards)
	s.ward = wardFilter(s.wards, s.reload)
	svc := m.Services.Villages
	add := widget.NewButtonWithIcon(lang.L("Add craft village"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	s.m.allow(data.RightRegister, add)
	s.build(listSpec[*data.Village, *villagePage]{
		Search: lang.L("Search craft villages by name, trade, contact… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Village]{
			{Title: lang.L("Craft village"), Width: 220, Grow: true, Text: func(v *data.Village) string { return v.Name }},
			{Title: lang.L("Ward / commune"), Width: 145, Text: func(v *data.Village) string { return wardLabel(s.wards, v.WardCode) }},
			{Title: lang.L("Trade"), Width: 120, Optional: true, Text: func(v *data.Village) string { return v.Trade }},
			{Title: lang.L("Recognised on"), Samples: []string{sampleDate}, Optional: true, Text: func(v *data.Village) string { return v.RecognisedOn.String() }},
			{Title: lang.L("Households"), Samples: []string{"1.234"}, Optional: true, Trailing: true, Text: func(v *data.Village) string { return vn.FormatInt(int64(v.Households)) }},
			{Title: lang.L("Workers"), Samples: []string{"12.345"}, Optional: true, Trailing: true, Text: func(v *data.Village) string { return vn.FormatInt(int64(v.Workers)) }},
			{Title: lang.L("Enterprises"), Samples: []string{"1.234"}, Trailing: true, Text: func(v *data.Village) string { return vn.FormatInt(int64(v.Enterprises)) }},
		},
		ExcelColumns: []widgets.Column[*data.Village]{
			{Title: lang.L("Recognising decision"), Text: func(v *data.Village) string { return v.Decision }},
			{Title: lang.L("Contact person"), Text: func(v *data.Village) string { return v.ContactName }},
			{Title: lang.L("Contact phone"), Text: func(v *data.Village) string { return v.ContactPhone }},
			{Title: lang.L("Notes"), Text: func(v *data.Village) string { return v.Notes }},
		},
		Filters:       []fyne.CanvasObject{s.ward},
		FilterColumns: 3,
		Actions:       []fyne.CanvasObject{add, m.importButton(data.ImportVillages, 0, nil, func() { s.reload() })},
		Count:         func(ctx context.Context) (int, error) { return svc.CountVillages(ctx, s.filter()) },
		CountText:     "{{.Count}} craft villages",
		Fetch: func(ctx context.Context, offset, limit int, _ string, _ bool) ([]*data.Village, error) {
			f := s.filter()
			f.Offset, f.Limit = offset, limit
			return svc.FindVillages(ctx, f) // by name, the Vietnamese way
		},
		Open: func(v *data.Village) (*villagePage, error) { return newVillagePage(s, v) },
		Page: true,
	})
	return s
}

// New opens an empty craft village (Ctrl+N).
func (s *villageScreen) New() { s.open(&data.Village{}) }

func (s *villageScreen) filter() data.VillageFilter {
	f := data.VillageFilter{Search: s.search.Text}
	if w := s.ward.Selected(); w != "" {
		f.WardCode = &w
	}
	return f
}

// villagePage is one craft village: its details, then, once stored, tabs for its enterprises,
// the classes held for it and the support it received, by year.
type villagePage struct {
	s       *villageScreen
	content fyne.CanvasObject
	header  *pageHeader
	form    *villageForm
	tabs    *container.AppTabs
	// detail is the village's page as last read; nil for a new village.
	detail *data.VillageDetail
}

// newVillagePage reads the village again, with what belongs to it, and lays out its page.
func newVillagePage(s *villageScreen, v *data.Village) (*villagePage, error) {
	p := &villagePage{s: s}
	if v.ID != 0 {
		d, err := s.m.Services.Villages.VillageDetail(s.m.ctx(), v.ID)
		if err != nil {
			return nil, err
		}
		p.detail, v = d, d.Village
	}
	p.form = newVillageForm(p, v)
	p.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Village details"), p.form.content))
	if p.detail == nil {
		p.header = newPageHeader(lang.L("Craft villages"), s.back)
		p.header.show(lang.L("New craft village"), "", nil, "", nil)
	} else {
		p.header = newPageHeader(lang.L("Craft villages"), s.back, historyPrintButtons(s.m, docs.KindVillageHistory, v.ID), s.m.newHistoryButton("village", v.ID, v.Name).button)
		p.header.show(v.Name, "", nil, "", nil)
		p.addTabs(p.detail)
	}
	p.content = container.NewBorder(p.header.content, nil, nil, nil, p.tabs)
	return p, nil
}

// addTabs adds the tabs of what belongs to the village.
func (p *villagePage) addTabs(d *data.VillageDetail) {
	ents := rowsTable([]widgets.Column[*data.Enterprise]{
		{Title: lang.L("Name"), Width: 220, Grow: true, Text: func(e *data.Enterprise) string { return e.Name }},
		{Title: lang.L("Kind"), Samples: labelsOf(data.EnterpriseKinds, kindShort), Optional: true, Text: func(e *data.Enterprise) string { return kindShort(e.Kind) }},
		{Title: lang.L("Representative"), Width: 190, Optional: true, Text: func(e *data.Enterprise) string { return e.Representative.Full() }},
		{Title: lang.L("Phone"), Samples: []string{"024 6835 6156"}, Optional: true, Text: func(e *data.Enterprise) string { return vn.FormatPhone(e.Phone) }},
		{Title: lang.L("Workers"), Samples: []string{"12.345"}, Trailing: true, Text: func(e *data.Enterprise) string { return vn.FormatInt(int64(e.Workers)) }},
	}, d.Enterprises)
	classes := rowsTable([]widgets.Column[*data.Class]{
		{Title: lang.L("Code"), Samples: []string{"LH-2026-008"}, Text: func(c *data.Class) string { return c.Code }},
		{Title: lang.L("Class"), Width: 200, Grow: true, Text: func(c *data.Class) string { return c.Name }},
		{Title: lang.L("Dates"), Samples: []string{sampleRange}, Text: func(c *data.Class) string { return dateRange(c.Start, c.End) }},
		{Title: lang.L("Trainees"), Samples: []string{"30/30"}, Trailing: true, Text: func(c *data.Class) string { return fmt.Sprintf("%d/%d", c.Enrolled, c.Capacity) }},
		{Title: lang.L("Budget"), Samples: []string{"500.000.000 đ"}, Optional: true, Trailing: true, Text: func(c *data.Class) string { return money(c.Budget) }},
		{Title: lang.L("Status"), Samples: labelsOf(data.ClassStatuses, classStatusLabel), Text: func(c *data.Class) string { return classStatusLabel(c.Status) }},
	}, d.Classes)
	trained := widget.NewLabel(lang.L("{{.Count}} people trained in its classes or working at its enterprises.",
		map[string]any{"Count": vn.FormatInt(int64(d.Trainees))}))
	history := newHistoryView(&d.History, true)
	p.tabs.Append(container.NewTabItem(lang.L("Enterprises")+fmt.Sprintf(" (%d)", len(d.Enterprises)), ents))
	p.tabs.Append(container.NewTabItem(lang.L("Classes")+fmt.Sprintf(" (%d)", len(d.Classes)), container.NewBorder(trained, nil, nil, nil, classes)))
	p.tabs.Append(container.NewTabItem(lang.L("Support by year"), history.content))
}

// view implements detail.
func (p *villagePage) view() fyne.CanvasObject { return p.content }

// focus is the field the cursor starts in.
func (p *villagePage) focus() fyne.Focusable { return p.form.name }

// unsaved implements detail.
func (p *villagePage) unsaved() bool { return p.form.dirty }

// save saves the village's details (Ctrl+S).
func (p *villagePage) save() { p.form.save() }
