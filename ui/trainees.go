package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// traineeScreen is the register of trainees: a paged table with search, a ward filter and sort,
// and the form that adds and edits one trainee, with the classes they attended, beside it.
type traineeScreen struct {
	m       *Main
	content fyne.CanvasObject

	wards       map[string]data.Division
	workplaces  map[int64]string // enterprise names of workplaces from the register, as read
	search      *widgets.Entry
	ward        *widgets.Picker
	count       *widget.Label
	table       *widgets.PagedTable[*data.Trainee]
	empty       fyne.CanvasObject
	center      *fyne.Container // the table or the empty state, and the form beside it
	form        *traineeForm
	initialised bool

	// typing reloads once the clerk pauses typing in the search box.
	typing debouncer
}

func newTraineeScreen(m *Main) *traineeScreen {
	s := &traineeScreen{m: m, typing: debouncer{delay: typingPause}, workplaces: map[int64]string{}}
	s.wards = catalogue(m, m.Services.Divisions.Wards)
	s.build()
	s.initialised = true
	s.reload()
	return s
}

// Content implements Screen.
func (s *traineeScreen) Content() fyne.CanvasObject { return s.content }

// New opens an empty form (Ctrl+N).
func (s *traineeScreen) New() { s.open(&data.Trainee{Ethnicity: data.DefaultEthnicity}) }

// Save saves the open form (Ctrl+S).
func (s *traineeScreen) Save() {
	if s.form != nil {
		s.form.save()
	}
}

// Find puts the cursor in the search box (Ctrl+F).
func (s *traineeScreen) Find() { s.m.Window.Canvas().Focus(s.search) }

func (s *traineeScreen) build() {
	s.search = widgets.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search by name, CCCD or phone… (Ctrl+F)"))
	s.search.OnChanged = func(string) { s.typing.call(s.reload) }
	s.search.OnEscape = func() { s.search.SetText("") }

	s.ward = widgets.NewPicker(divisionOptions(s.wards), lang.L("All wards and communes"))
	s.ward.OnChanged = func(string) { s.reload() }

	s.count = widget.NewLabel("")
	s.count.TextStyle.Bold = true

	s.table = widgets.NewPagedTable([]widgets.Column[*data.Trainee]{
		{Title: lang.L("Full name"), Width: 200, Sort: string(data.TraineeByName), Text: func(t *data.Trainee) string { return t.Name.Full() }},
		{Title: lang.L("Gender"), Width: 70, Text: func(t *data.Trainee) string { return genderText(t.Female) }},
		{Title: lang.L("Birth date"), Width: 100, Sort: string(data.TraineeByBirthDate), Text: func(t *data.Trainee) string { return t.BirthDate.String() }},
		{Title: lang.L("CCCD number"), Width: 125, Sort: string(data.TraineeByCCCD), Text: func(t *data.Trainee) string { return t.CCCD }},
		{Title: lang.L("Phone"), Width: 120, Sort: string(data.TraineeByPhone), Text: func(t *data.Trainee) string { return vn.FormatPhone(t.Phone) }},
		{Title: lang.L("Ward / commune"), Width: 150, Text: s.wardText},
		{Title: lang.L("Workplace"), Width: 200, Text: s.workplaceText},
	}, string(data.TraineeByName))
	s.table.Fetch = func(offset, limit int, sort string, desc bool) ([]*data.Trainee, error) {
		f := s.filter()
		f.Sort, f.Desc, f.Offset, f.Limit = data.TraineeSort(sort), desc, offset, limit
		return s.m.Services.Trainees.FindTrainees(s.m.ctx(), f)
	}
	s.table.OnActivated = func(t *data.Trainee) { s.open(t) }
	s.table.OnError = s.m.showError

	s.empty = s.emptyState()
	s.center = container.NewStack(s.table)

	add := widget.NewButtonWithIcon(lang.L("Add trainee"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance

	top := container.NewBorder(nil, nil, nil, add, s.search)
	filters := container.NewBorder(nil, nil, nil, s.count, container.NewGridWithColumns(3, s.ward))
	s.content = container.NewBorder(container.NewVBox(top, filters), nil, nil, nil, s.center)
}

func (s *traineeScreen) emptyState() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(lang.L("No trainees yet"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	help := widget.NewLabelWithStyle(lang.L("Add the first trainee of the register here, or from a class while enrolling. One person has one record, whatever the classes they attend."), fyne.TextAlignCenter, fyne.TextStyle{})
	help.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(lang.L("Add trainee"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	box := container.NewVBox(title, help, container.NewCenter(add))
	return container.NewCenter(container.NewGridWrap(fyne.NewSize(520, box.MinSize().Height+40), box))
}

// filter reads the search box and the ward filter.
func (s *traineeScreen) filter() data.TraineeFilter {
	f := data.TraineeFilter{Search: s.search.Text}
	if w := s.ward.Selected(); w != "" {
		f.WardCode = &w
	}
	return f
}

// reload counts what the filter selects and starts the table again from its first page.
func (s *traineeScreen) reload() {
	if !s.initialised {
		return // still being built
	}
	f := s.filter()
	n, err := s.m.Services.Trainees.CountTrainees(s.m.ctx(), f)
	if err != nil {
		s.m.showError(err)
		return
	}
	s.count.SetText(lang.L("{{.Count}} trainees", map[string]any{"Count": vn.FormatInt(int64(n))}))
	s.table.Reset(n)
	s.table.ScrollToTop()
	showEmpty := false
	if n == 0 {
		total, err := s.m.Services.Trainees.CountTrainees(s.m.ctx(), data.TraineeFilter{})
		showEmpty = err == nil && total == 0
	}
	list := fyne.CanvasObject(s.table)
	if showEmpty && s.form == nil {
		list = s.empty
	}
	s.layout(list)
}

// layout puts the list alone, or the list and the open form side by side.
func (s *traineeScreen) layout(list fyne.CanvasObject) {
	if s.form == nil {
		s.center.Objects = []fyne.CanvasObject{list}
	} else {
		split := container.NewHSplit(list, s.form.content)
		split.Offset = 0.55
		s.center.Objects = []fyne.CanvasObject{split}
	}
	s.center.Refresh()
}

// open shows t in the form beside the list, asking first if the open form has unsaved changes.
func (s *traineeScreen) open(t *data.Trainee) {
	if s.form != nil && s.form.dirty {
		s.m.confirmDiscard(func() {
			s.form.dirty = false
			s.open(t)
		})
		return
	}
	if t.ID != 0 { // the list's copy may be old: edit what is stored now
		fresh, err := s.m.Services.Trainees.FindTraineeByID(s.m.ctx(), t.ID)
		if err != nil {
			s.m.showError(err)
			return
		}
		t = fresh
	}
	s.form = newTraineeForm(s.m, t, func(*data.Trainee) { s.reload() }, s.closeForm)
	s.form.onExisting = func(existing *data.Trainee) {
		s.form.dirty = false // the clerk chose the stored record over what was typed
		s.open(existing)
	}
	s.reload()
	s.m.Window.Canvas().Focus(s.form.name)
}

// closeForm hides the form.
func (s *traineeScreen) closeForm() {
	s.form = nil
	s.reload()
}

func (s *traineeScreen) wardText(t *data.Trainee) string {
	if d, ok := s.wards[t.WardCode]; ok {
		return capitalize(d.Label())
	}
	return ""
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
