package ui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// classPage is one class: its title and status moves above tabs for its details, trainees,
// attendance and results.
type classPage struct {
	s       *classScreen
	c       *data.Class
	content fyne.CanvasObject
	header  *pageHeader
	form    *classForm
	tabs    *container.AppTabs
	detail  *classDetail
	// issue is "Cấp chứng chỉ…", offered only when it can succeed; issueWhy says why it is not.
	issue    *widget.Button
	issueWhy *widget.Label
}

func newClassPage(s *classScreen, c *data.Class) *classPage {
	p := &classPage{s: s, c: c}
	p.form = newClassForm(p, c)
	p.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Class details"), p.form.content))
	var actions []fyne.CanvasObject
	if c.ID != 0 {
		p.detail = newClassDetail(s.m, c.ID, p.changed)
		p.tabs.Append(container.NewTabItem(lang.L("Trainees"), p.detail.EnrolmentTab()))
		p.tabs.Append(container.NewTabItem(lang.L("Attendance"), p.detail.AttendanceTab()))
		p.tabs.Append(container.NewTabItem(lang.L("Results"), p.detail.ResultsTab()))
		p.tabs.OnSelected = func(*container.TabItem) {
			if i := p.tabs.SelectedIndex(); i > 0 {
				p.detail.focusTab(i - 1)
			} else {
				s.m.Window.Canvas().Focus(p.focus())
			}
		}
		p.issue = issueCertificatesButton(s.m, func() *data.Class { return p.c }, func() {
			if c, err := s.m.Services.Classes.FindClassByID(s.m.ctx(), p.c.ID); err == nil {
				p.form.fill(c)
				p.show(c)
				p.detail.Reload()
			}
		})
		p.issueWhy = widget.NewLabel("")
		p.issueWhy.Importance = widget.LowImportance
		actions = append(classTrainersActions(s.m, func() *data.Class { return p.c }), p.issueWhy, p.issue, p.detail.PrintButtons(), s.m.newHistoryButton("class", c.ID, c.Code).button)
	}
	p.header = newPageHeader(lang.L("Classes"), s.back, actions...)
	p.header.frozen = !s.m.can(data.RightTraining)
	p.content = container.NewBorder(p.header.content, nil, nil, nil, p.tabs)
	p.show(c)
	return p
}

// show puts the class's title, status and allowed moves in the header.
func (p *classPage) show(c *data.Class) {
	p.c = c
	if c.ID == 0 {
		p.header.show(lang.L("New class"), "", nil, "", nil)
		return
	}
	var next []data.ClassStatus
	var labels []string
	for _, to := range c.Status.Next() {
		if to != data.ClassCertified { // "Cấp chứng chỉ…" makes this move, with the certificates
			next, labels = append(next, to), append(labels, lang.L("classmove."+string(to)))
		}
	}
	why := issueBlocked(c)
	if why == "" && !p.s.m.can(data.RightSign) {
		why = lang.L("Only a manager signs certificates.")
	}
	if why != "" {
		p.issue.Disable()
		p.issueWhy.SetText(why)
		p.issueWhy.Show()
	} else {
		p.issue.Enable()
		p.issueWhy.Hide()
	}
	p.header.show(c.Code+" · "+c.Name, classStatusLabel(c.Status), labels, lang.L("classmove."+string(data.ClassCancelled)),
		func(i int) { p.move(next[i]) })
}

// view implements detail.
func (p *classPage) view() fyne.CanvasObject { return p.content }

// focus is the field the cursor starts in.
func (p *classPage) focus() fyne.Focusable { return p.form.name }

// unsaved implements detail: anything on the page is changed and not saved.
func (p *classPage) unsaved() bool { return p.form.dirty || p.detail != nil && p.detail.dirty() }

// changed is called when the class's trainees or marks changed: counts in the header and list
// move. Details being edited are left alone, so that their save still meets a colleague's newer
// version as a conflict instead of overwriting it.
func (p *classPage) changed() {
	if c, err := p.s.m.Services.Classes.FindClassByID(p.s.m.ctx(), p.c.ID); err == nil && !p.form.dirty {
		p.form.fill(c)
		p.show(c)
	}
}

// move changes the class's status, asking for the reason of a cancellation.
func (p *classPage) move(to data.ClassStatus) {
	words := statusWords{
		Unsaved:       lang.L("Save or close the changes to the class's details first."),
		Question:      lang.L("Move class {{.Code}} to “{{.Status}}”?", map[string]any{"Code": p.c.Code, "Status": classStatusLabel(to)}),
		CancelTitle:   lang.L("Cancel class"),
		CancelConfirm: lang.L("Cancel the class"),
		CancelWhy:     lang.L("Why is the class cancelled?"),
	}
	p.s.m.askMove(words, p.form.dirty, to == data.ClassCancelled, func(reason string) {
		c, err := p.s.m.Services.Classes.SetClassStatus(p.s.m.ctx(), p.c.ID, p.c.Version, to, reason)
		if err != nil {
			p.s.m.showError(err)
			return
		}
		p.form.fill(c)
		p.show(c)
		if p.detail != nil {
			p.detail.Reload()
		}
	})
}

// save saves the tab shown: the details, or the trainees' marks, scores and follow-up.
func (p *classPage) save() {
	if p.detail != nil && p.tabs.SelectedIndex() > 0 {
		p.detail.Save()
		return
	}
	if p.form.dirty || p.form.e.ID == 0 {
		p.form.save()
	}
}

// classForm edits a class's details.
type classForm struct {
	p       *classPage
	e       *data.Class // as last read or saved
	content fyne.CanvasObject
	dirty   bool

	message                                     *widget.Label
	code, name, trade, venue, trainers          *widgets.Entry
	start, end, hours, capacity, budget, minAtt *widgets.Entry
	passMark                                    *widgets.Entry
	programme                                   *programmePicker
	kind                                        *widget.Select
	host, ward                                  *widgets.Picker
	village                                     *widgets.Picker
}

func newClassForm(p *classPage, c *data.Class) *classForm {
	f := &classForm{p: p}
	f.build()
	f.fill(c)
	return f
}

func (f *classForm) entry(valid func(string) error) *widgets.Entry {
	return pageEntry(valid, &f.dirty, f.p.s.back)
}

// wholeNumber checks a count typed in a field: blank is 0.
func wholeNumber(s string) error {
	_, err := parseCount(s)
	return err
}

func parseCount(s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ".", ""))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, errors.New(lang.L("Type a whole number, such as 30."))
	}
	return n, nil
}

func (f *classForm) build() {
	m := f.p.s.m
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	f.message.Hide()
	f.code = f.entry(required)
	f.name = f.entry(required)
	kinds := make([]string, len(data.ClassKinds))
	for i, k := range data.ClassKinds {
		kinds[i] = classKindLabel(k)
	}
	f.kind = widget.NewSelect(kinds, func(string) { f.dirty = true; f.offerProgrammes() })
	f.trade = f.entry(nil)
	f.host = m.enterprisePicker(lang.L("Type to find the host enterprise"))
	f.host.OnChanged = func(string) { f.dirty = true }
	f.host.OnEscape = f.p.s.back
	f.venue = f.entry(nil)
	f.ward = widgets.NewPicker(divisionOptions(f.p.s.wards), lang.L("Type to find a ward or commune"))
	f.ward.OnChanged = func(string) { f.dirty = true }
	f.ward.OnEscape = f.p.s.back
	f.village = m.villagePicker(func() { f.dirty = true }, f.p.s.back)
	f.start = f.entry(requiredDate)
	f.start.SetPlaceHolder("dd/mm/yyyy")
	f.start.OnChanged = func(string) { f.dirty = true; f.offerProgrammes() }
	f.end = f.entry(requiredDate)
	f.end.SetPlaceHolder("dd/mm/yyyy")
	f.programme = newProgrammePicker(m, func() { f.dirty = true }, f.p.s.back)
	f.hours = f.entry(wholeNumber)
	f.trainers = f.entry(nil)
	f.capacity = f.entry(wholeNumber)
	f.budget = f.entry(validMoney)
	f.budget.SetPlaceHolder(example("120 triệu"))
	f.minAtt = f.entry(wholeNumber)
	f.passMark = f.entry(func(s string) error { _, err := data.ParseScore(s); return err })

	form := widget.NewForm(
		widget.NewFormItem(starred(lang.L("Code")), f.code),
		widget.NewFormItem(starred(lang.L("Class name")), f.name),
		widget.NewFormItem(starred(lang.L("Kind")), f.kind),
		widget.NewFormItem(lang.L("Trade"), f.trade),
		widget.NewFormItem(lang.L("Host"), f.host),
		widget.NewFormItem(lang.L("Venue"), f.venue),
		widget.NewFormItem(lang.L("Ward / commune"), f.ward),
		widget.NewFormItem(lang.L("Craft village"), f.village),
		widget.NewFormItem(starred(lang.L("From")), f.start),
		widget.NewFormItem(starred(lang.L("To")), f.end),
		widget.NewFormItem(lang.L("Hours"), f.hours),
		widget.NewFormItem(lang.L("Trainers"), f.trainers),
		widget.NewFormItem(starred(lang.L("Capacity")), f.capacity),
		widget.NewFormItem(lang.L("Budget (đồng)"), f.budget),
		widget.NewFormItem(lang.L("Paying programme"), f.programme.Picker),
		widget.NewFormItem(lang.L("Minimum attendance (%)"), f.minAtt),
		widget.NewFormItem(lang.L("Pass mark"), f.passMark),
		requiredNote(),
	)
	save := widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	f.p.s.m.allow(data.RightTraining, save)
	f.content = container.NewBorder(f.message, container.NewHBox(save), nil, nil, container.NewVScroll(form))
}

// fill shows c in the fields.
func (f *classForm) fill(c *data.Class) {
	f.e = c
	f.code.SetText(c.Code)
	f.name.SetText(c.Name)
	for i, k := range data.ClassKinds {
		if k == c.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.trade.SetText(c.Trade)
	f.host.SetOption(widgets.Option{Key: idKey(c.HostEnterpriseID), Label: c.HostName})
	f.venue.SetText(c.Venue)
	f.ward.SetSelected(c.WardCode)
	f.village.SetSelected(idKey(c.VillageID))
	f.start.SetText(c.Start.String())
	f.end.SetText(c.End.String())
	f.hours.SetText(countText(c.Hours))
	f.trainers.SetText(c.Trainers)
	f.capacity.SetText(countText(c.Capacity))
	f.budget.SetText(moneyField(c.Budget))
	f.minAtt.SetText(strconv.Itoa(c.MinAttendance))
	f.passMark.SetText(data.FormatScore(c.PassMark))
	f.offerProgrammes()
	f.programme.set(c.ProgrammeID, c.ProgrammeCode)
	f.message.Hide()
	f.dirty = false
}

func idKey(id int64) string {
	if id == 0 {
		return ""
	}
	return strconv.FormatInt(id, 10)
}

func countText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// read returns the class the fields describe, over the class being edited.
func (f *classForm) read() (*data.Class, error) {
	c := *f.e
	c.Code, c.Name, c.Trade, c.Venue, c.Trainers = f.code.Text, f.name.Text, f.trade.Text, f.venue.Text, f.trainers.Text
	if i := f.kind.SelectedIndex(); i >= 0 {
		c.Kind = data.ClassKinds[i]
	}
	c.ProgrammeID = f.programme.id()
	c.HostEnterpriseID, _ = strconv.ParseInt(f.host.Selected(), 10, 64)
	c.WardCode = f.ward.Selected()
	c.VillageID, _ = villageOf(f.village)
	var err error
	invalid := func(e error) error { return &data.Error{Code: data.EINVALID, Message: e.Error()} }
	if c.Start, err = vn.ParseDate(f.start.Text); err != nil {
		return nil, invalid(err)
	}
	if c.End, err = vn.ParseDate(f.end.Text); err != nil {
		return nil, invalid(err)
	}
	for _, n := range []struct {
		to   *int
		text string
	}{{&c.Hours, f.hours.Text}, {&c.Capacity, f.capacity.Text}, {&c.MinAttendance, f.minAtt.Text}} {
		if *n.to, err = parseCount(n.text); err != nil {
			return nil, invalid(err)
		}
	}
	if c.Budget, err = vn.ParseMoney(f.budget.Text); err != nil {
		return nil, invalid(err)
	}
	if c.PassMark, err = data.ParseScore(f.passMark.Text); err != nil {
		return nil, invalid(err)
	}
	return &c, nil
}

func (f *classForm) save() {
	svc := f.p.s.m.Services.Classes
	c, err := f.read()
	if err == nil {
		if c.ID == 0 {
			err = svc.CreateClass(f.p.s.m.ctx(), c)
		} else {
			err = svc.UpdateClass(f.p.s.m.ctx(), c)
		}
	}
	if err != nil {
		f.p.s.m.showRefusal(f.message, err)
		return
	}
	if f.e.ID == 0 { // a new class: its page gets the trainee, attendance and results tabs
		f.dirty = false
		f.p.s.open(c)
		return
	}
	f.fill(c)
	f.p.show(c)
}
