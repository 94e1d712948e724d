package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// classScreen is the list of training classes; opening one shows its page: the class's details,
// its trainees, attendance and results.
type classScreen struct {
	*listScreen[*data.Class, *classPage]

	year   *choice[int]
	kind   *choice[data.ClassKind]
	status *choice[data.ClassStatus]
	ward   *widgets.Picker
	wards  map[string]data.Division
}

func newClassScreen(m *Main) *classScreen {
	s := &classScreen{listScreen: newListScreen[*data.Class, *classPage](m)}
	s.wards = catalogue(m, m.Services.Divisions.Wards)
	s.year = newYearChoice(m.today, s.reload)
	s.kind = newChoice(lang.L("All kinds of class"), data.ClassKinds, classKindLabel, s.reload)
	s.status = newChoice(lang.L("All statuses"), data.ClassStatuses, classStatusLabel, s.reload)
	s.ward = wardFilter(s.wards, s.reload)
	svc := m.Services.Classes
	add := widget.NewButtonWithIcon(lang.L("Add class"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	s.m.allow(data.RightTraining, add)
	s.build(listSpec[*data.Class, *classPage]{
		Search: lang.L("Search by code, name, trade, host, venue… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Class]{
			{Title: lang.L("Code"), Samples: []string{"LH-2026-008"}, Sort: string(data.ClassByCode), Text: func(c *data.Class) string { return c.Code }},
			{Title: lang.L("Class"), Width: 200, Grow: true, Sort: string(data.ClassByName), Text: func(c *data.Class) string { return c.Name }},
			{Title: lang.L("Kind"), Width: 110, Optional: true, Sort: string(data.ClassByKind), Text: func(c *data.Class) string { return classKindLabel(c.Kind) }},
			{Title: lang.L("Trade"), Width: 90, Optional: true, Sort: string(data.ClassByTrade), Text: func(c *data.Class) string { return c.Trade }},
			{Title: lang.L("Host"), Width: 140, Optional: true, Sort: string(data.ClassByHost), Text: func(c *data.Class) string { return shortName(c.HostName) }},
			{Title: lang.L("Ward / commune"), Width: 115, Optional: true, Sort: string(data.ClassByWard), Text: func(c *data.Class) string { return wardLabel(s.wards, c.WardCode) }},
			{Title: lang.L("Dates"), Samples: []string{sampleRange}, Sort: string(data.ClassByStart), Text: func(c *data.Class) string { return dateRange(c.Start, c.End) }},
			{Title: lang.L("Trainees"), Samples: []string{"30/30"}, Sort: string(data.ClassByEnrolled), Trailing: true, Text: func(c *data.Class) string { return fmt.Sprintf("%d/%d", c.Enrolled, c.Capacity) }},
			{Title: lang.L("Status"), Samples: labelsOf(data.ClassStatuses, classStatusLabel), Sort: string(data.ClassByStatus), Text: func(c *data.Class) string { return classStatusLabel(c.Status) }},
		},
		Sort:          string(data.ClassByStart),
		Desc:          true, // newest first: the classes people work on
		Filters:       []fyne.CanvasObject{s.year, s.kind, s.status, s.ward},
		FilterColumns: 4,
		Actions:       []fyne.CanvasObject{add},
		Count:         func(ctx context.Context) (int, error) { return svc.CountClasses(ctx, s.filter()) },
		CountText:     "{{.Count}} classes",
		Fetch: func(ctx context.Context, offset, limit int, sort string, desc bool) ([]*data.Class, error) {
			f := s.filter()
			f.Sort, f.Desc, f.Offset, f.Limit = data.ClassSort(sort), desc, offset, limit
			return svc.FindClasses(ctx, f)
		},
		Open: func(c *data.Class) (*classPage, error) {
			if c.ID != 0 {
				var err error
				if c, err = svc.FindClassByID(m.ctx(), c.ID); err != nil {
					return nil, err
				}
			}
			return newClassPage(s, c), nil
		},
		Page: true,
	})
	return s
}

// New opens a new class (Ctrl+N) with the next code of the year, asking first if the open class
// has unsaved changes.
func (s *classScreen) New() {
	c := data.NewClass()
	if code, err := s.m.Services.Classes.NextClassCode(s.m.ctx(), s.m.today().Year); err == nil {
		c.Code = code
	}
	s.open(c)
}

func (s *classScreen) filter() data.ClassFilter {
	f := data.ClassFilter{Search: s.search.Text, Year: s.year.value(), Kind: s.kind.value(), Status: s.status.value()}
	if w := s.ward.Selected(); w != "" {
		f.WardCode = &w
	}
	return f
}

// classKindLabel names a kind of class in the interface's language.
func classKindLabel(k data.ClassKind) string { return lang.L("classkind." + string(k)) }

// classStatusLabel names a class status in the interface's language.
func classStatusLabel(st data.ClassStatus) string { return lang.L("classstatus." + string(st)) }
