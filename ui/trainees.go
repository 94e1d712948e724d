package ui

import (
	"context"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// traineeScreen is the register of trainees: a paged table with search, a ward filter and sort,
// and the form that adds and edits one trainee, with the classes they attended, beside it.
type traineeScreen struct {
	*listScreen[*data.Trainee, *traineeForm]

	wards      map[string]data.Division
	workplaces map[int64]string // enterprise names of workplaces from the register, as read
	ward       *widgets.Picker
}

func newTraineeScreen(m *Main) *traineeScreen {
	s := &traineeScreen{listScreen: newListScreen[*data.Trainee, *traineeForm](m), workplaces: map[int64]string{}}
	s.wards = catalogue(m, m.Services.Divisions.Wards)
	s.ward = wardFilter(s.wards, s.reload)
	svc := m.Services.Trainees
	add := widget.NewButtonWithIcon(lang.L("Add trainee"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	s.m.allow(data.RightRegister, add)
	s.build(listSpec[*data.Trainee, *traineeForm]{
		Search: lang.L("Search by name, CCCD or phone… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Trainee]{
			{Title: lang.L("Full name"), Width: 180, Grow: true, Sort: string(data.TraineeByName), Text: func(t *data.Trainee) string { return t.Name.Full() }},
			{Title: lang.L("Gender"), Width: 60, Optional: true, Text: func(t *data.Trainee) string { return genderText(t.Female) }},
			{Title: lang.L("Birth date"), Samples: []string{sampleDate}, Sort: string(data.TraineeByBirthDate), Text: func(t *data.Trainee) string { return t.BirthDate.String() }},
			{Title: lang.L("CCCD number"), Samples: []string{"001190012345"}, Sort: string(data.TraineeByCCCD), Text: func(t *data.Trainee) string { return t.CCCD }},
			{Title: lang.L("Phone"), Samples: []string{"024 6835 6156"}, Optional: true, Sort: string(data.TraineeByPhone), Text: func(t *data.Trainee) string { return vn.FormatPhone(t.Phone) }},
			{Title: lang.L("Ward / commune"), Width: 145, Optional: true, Text: func(t *data.Trainee) string { return wardLabel(s.wards, t.WardCode) }},
			{Title: lang.L("Workplace"), Width: 180, Optional: true, Text: s.workplaceText},
		},
		Sort:          string(data.TraineeByName),
		Filters:       []fyne.CanvasObject{s.ward},
		FilterColumns: 3,
		Actions: []fyne.CanvasObject{add, m.importButton(data.ImportTrainees, 0, nil, func() { s.reload() }),
			widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DocumentSaveIcon(), func() { m.save(s.export(docs.XLSX)) }),
			widget.NewButtonWithIcon(lang.L("Print list (PDF)"), theme.DocumentPrintIcon(), func() { m.save(s.export(docs.PDF)) })},
		OwnExcel:  true,
		Count:     func(ctx context.Context) (int, error) { return svc.CountTrainees(ctx, s.filter()) },
		CountText: "{{.Count}} trainees",
		Fetch: func(ctx context.Context, offset, limit int, sort string, desc bool) ([]*data.Trainee, error) {
			f := s.filter()
			f.Sort, f.Desc, f.Offset, f.Limit = data.TraineeSort(sort), desc, offset, limit
			return svc.FindTrainees(ctx, f)
		},
		Open:      s.form,
		SideShare: 0.55,
		Empty: emptyState(m, lang.L("No trainees yet"),
			lang.L("Add the first trainee of the register here, or from a class while enrolling. One person has one record, whatever the classes they attend."),
			lang.L("Add trainee"), s.New),
		Total: func(ctx context.Context) (int, error) { return svc.CountTrainees(ctx, data.TraineeFilter{}) },
	})
	return s
}

// New opens an empty form (Ctrl+N).
func (s *traineeScreen) New() { s.open(&data.Trainee{Ethnicity: data.DefaultEthnicity}) }

// form is the form of t, as stored now.
func (s *traineeScreen) form(t *data.Trainee) (*traineeForm, error) {
	if t.ID != 0 { // the list's copy may be old: edit what is stored now
		var err error
		if t, err = s.m.Services.Trainees.FindTraineeByID(s.m.ctx(), t.ID); err != nil {
			return nil, err
		}
	}
	f := newTraineeForm(s.m, t, func(*data.Trainee) { s.reload() }, s.closeDetail)
	f.onExisting = func(existing *data.Trainee) {
		f.dirty = false // the clerk chose the stored record over what was typed
		s.open(existing)
	}
	return f, nil
}

// filter reads the search box and the ward filter.
func (s *traineeScreen) filter() data.TraineeFilter {
	f := data.TraineeFilter{Search: s.search.Text}
	if w := s.ward.Selected(); w != "" {
		f.WardCode = &w
	}
	return f
}

// export is every trainee the search and filter select, in the table's order, in format f, as
// its button saves it.
func (s *traineeScreen) export(f docs.Format) document {
	b, filter := s.m.builder, s.filter()
	sort, desc := s.table.SortOrder()
	filter.Sort, filter.Desc = data.TraineeSort(sort), desc
	return newDocument(docs.KindTraineeList, "", f, func(ctx context.Context, w io.Writer) error { return b.TraineeList(ctx, filter, f, w) })
}

// workplaceText is the workplace typed, or the name of the enterprise of the register.
func (s *traineeScreen) workplaceText(t *data.Trainee) string {
	if t.Workplace != "" || t.WorkplaceID == 0 {
		return t.Workplace
	}
	name, ok := s.workplaces[t.WorkplaceID]
	if !ok {
		if e, err := s.m.Services.Enterprises.FindEnterpriseByID(s.m.ctx(), t.WorkplaceID); err == nil {
			name = e.Name
		}
		s.workplaces[t.WorkplaceID] = name
	}
	return name
}

// genderText names a gender in the interface's language.
func genderText(female bool) string {
	if female {
		return lang.L("Female")
	}
	return lang.L("Male")
}
