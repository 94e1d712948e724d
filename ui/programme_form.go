package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// programmeForm edits a đề án's details and its targets.
type programmeForm struct {
	p       *programmePage
	e       *data.Programme // as last read or saved
	content fyne.CanvasObject
	dirty   bool
	filling bool

	message                                  *widget.Label
	code, name, decision, decisionDate, unit *widgets.Entry
	start, end, support, own                 *widgets.Entry
	kind, funding                            *widget.Select
	targets                                  []*targetRow
	targetBox                                *fyne.Container
	targetCols                               *sheetColumns
	targetHead                               fyne.CanvasObject
	addTarget                                *widget.Button
}

// targetRow is one line of the targets: what it counts, its wording, unit and number planned.
type targetRow struct {
	measure             *widget.Select
	label, unit, number *widgets.Entry
	remove              *widget.Button
	achieved            int
}

func newProgrammeForm(p *programmePage, g *data.Programme) *programmeForm {
	f := &programmeForm{p: p}
	f.build()
	f.fill(g)
	return f
}

func (f *programmeForm) entry(valid func(string) error) *widgets.Entry {
	return pageEntry(valid, &f.dirty, f.p.s.back)
}

func (f *programmeForm) changed(string) {
	if !f.filling {
		f.dirty = true
	}
}

func (f *programmeForm) build() {
	f.message = messageLabel()
	f.code = f.entry(required)
	f.name = f.entry(required)
	f.kind = widget.NewSelect(labelsOf(data.Contents, contentLabel), f.changed)
	f.funding = widget.NewSelect(labelsOf(data.Fundings, fundingLabel), f.changed)
	f.decision = f.entry(nil)
	f.decisionDate = f.entry(optionalDate)
	f.decisionDate.SetPlaceHolder("dd/mm/yyyy")
	f.unit = f.entry(nil)
	f.start = f.entry(requiredDate)
	f.start.SetPlaceHolder("dd/mm/yyyy")
	f.end = f.entry(requiredDate)
	f.end.SetPlaceHolder("dd/mm/yyyy")
	f.support = f.entry(validMoney)
	f.support.SetPlaceHolder(example("1,5 tỷ"))
	f.own = f.entry(validMoney)
	f.own.SetPlaceHolder(example("300 triệu"))
	// Two columns of fields, so that the targets show below them without scrolling.
	left := widget.NewForm(
		widget.NewFormItem(starred(lang.L("Programme code")), f.code),
		widget.NewFormItem(starred(lang.L("Programme name")), f.name),
		widget.NewFormItem(starred(lang.L("Content")), f.kind),
		widget.NewFormItem(starred(lang.L("Funding")), f.funding),
		widget.NewFormItem(lang.L("Implementing unit"), f.unit),
		requiredNote(),
	)
	right := widget.NewForm(
		widget.NewFormItem(lang.L("Decision number"), f.decision),
		widget.NewFormItem(lang.L("Decision date"), f.decisionDate),
		widget.NewFormItem(starred(lang.L("From")), f.start),
		widget.NewFormItem(starred(lang.L("To")), f.end),
		widget.NewFormItem(lang.L("Industrial promotion support (đồng)"), f.support),
		widget.NewFormItem(lang.L("Own contribution (đồng)"), f.own),
	)
	form := container.NewGridWithColumns(2, left, right)
	heads := []string{lang.L("Target measures"), lang.L("Target wording"), lang.L("Unit"), lang.L("Planned"), ""}
	cols, labels := newSheetColumns(heads, []float32{240, 240, 90, 80, 40}, 1)
	f.targetCols = cols
	f.targetHead = cols.row(labels...)
	f.targetBox = container.NewVBox()
	f.addTarget = widget.NewButtonWithIcon(lang.L("Add target"), theme.ContentAddIcon(), func() {
		f.addRow(data.Target{Measure: data.MeasureTrainees})
		f.dirty = true
	})
	targets := container.NewVBox(
		widget.NewLabelWithStyle(lang.L("Targets"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.targetHead, f.targetBox, container.NewHBox(f.addTarget))
	save := widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	f.p.s.m.allow(data.RightProgrammes, save, f.addTarget)
	f.content = container.NewBorder(f.message, container.NewHBox(save), nil, nil,
		container.NewVScroll(container.NewVBox(form, widget.NewSeparator(), targets)))
}

// addRow adds a line for target t.
func (f *programmeForm) addRow(t data.Target) {
	r := &targetRow{achieved: t.Achieved}
	r.measure = widget.NewSelect(labelsOf(data.Measures, measureLabel), func(string) {
		f.changed("")
		if i := r.measure.SelectedIndex(); i >= 0 && !f.filling {
			r.unit.SetPlaceHolder(data.Measures[i].Unit())
		}
	})
	r.label = f.entry(nil)
	r.unit = f.entry(nil)
	r.number = f.entry(wholeNumber)
	r.label.SetText(t.Label)
	r.unit.SetText(t.Unit)
	r.unit.SetPlaceHolder(t.Measure.Unit())
	r.number.SetText(countText(t.Planned))
	for i, ms := range data.Measures {
		if ms == t.Measure {
			r.measure.SetSelectedIndex(i)
		}
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		for i, x := range f.targets {
			if x == r {
				f.targets = append(f.targets[:i], f.targets[i+1:]...)
			}
		}
		f.dirty = true
		f.showRows()
	})
	f.targets = append(f.targets, r)
	f.showRows()
}

func (f *programmeForm) showRows() {
	rows := make([]fyne.CanvasObject, len(f.targets))
	for i, r := range f.targets {
		rows[i] = f.targetCols.row(r.measure, r.label, r.unit, r.number, r.remove)
	}
	f.targetBox.Objects = rows
	f.targetBox.Refresh()
	if len(f.targets) >= data.MaxTargets {
		f.addTarget.Disable()
	} else {
		f.addTarget.Enable()
	}
}

// fill shows g in the fields; a settled or cancelled đề án is shown but cannot be edited.
func (f *programmeForm) fill(g *data.Programme) {
	f.filling = true
	defer func() { f.filling = false }()
	f.e = g
	f.code.SetText(g.Code)
	f.name.SetText(g.Name)
	selectValue(f.kind, data.Contents, g.Content)
	selectValue(f.funding, data.Fundings, g.Funding)
	f.decision.SetText(g.Decision)
	f.decisionDate.SetText(g.DecisionDate.String())
	f.unit.SetText(g.Unit)
	f.start.SetText(g.Start.String())
	f.end.SetText(g.End.String())
	f.support.SetText(moneyField(g.Support))
	f.own.SetText(moneyField(g.Own))
	f.targets = nil
	for _, t := range g.Targets {
		f.addRow(t)
	}
	f.showRows()
	f.message.Hide()
	if g.Status == data.ProgrammeSettled || g.Status == data.ProgrammeCancelled {
		f.message.SetText(lang.L("A settled or cancelled programme cannot be changed."))
		f.message.Show()
	}
	f.dirty = false
}

// selectValue shows v in s, whose options are the labels of values.
func selectValue[E comparable](s *widget.Select, values []E, v E) {
	for i, x := range values {
		if x == v {
			s.SetSelectedIndex(i)
		}
	}
}

// read returns the đề án the fields describe, over the one being edited; a field that cannot be
// read is refused in the words of its check.
func (f *programmeForm) read() (*data.Programme, error) {
	g := *f.e
	g.Code, g.Name, g.Decision, g.Unit = f.code.Text, f.name.Text, f.decision.Text, f.unit.Text
	if i := f.kind.SelectedIndex(); i >= 0 {
		g.Content = data.Contents[i]
	}
	if i := f.funding.SelectedIndex(); i >= 0 {
		g.Funding = data.Fundings[i]
	}
	var err error
	if g.DecisionDate, err = parseOptionalDate(f.decisionDate.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if g.Start, err = vn.ParseDate(f.start.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if g.End, err = vn.ParseDate(f.end.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if g.Support, err = vn.ParseMoney(f.support.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if g.Own, err = vn.ParseMoney(f.own.Text); err != nil {
		return nil, fairInvalid(err)
	}
	g.Targets = nil
	for i, r := range f.targets {
		t := data.Target{Label: r.label.Text, Unit: r.unit.Text, Achieved: r.achieved}
		if j := r.measure.SelectedIndex(); j >= 0 {
			t.Measure = data.Measures[j]
		}
		if t.Planned, err = parseCount(r.number.Text); err != nil {
			return nil, data.Errorf(data.EINVALID, "%s", lang.L("Target {{.N}}: {{.Why}}", map[string]any{"N": strconv.Itoa(i + 1), "Why": err.Error()}))
		}
		g.Targets = append(g.Targets, t)
	}
	g.Normalize()
	return &g, g.Validate()
}

func (f *programmeForm) save() {
	m := f.p.s.m
	svc := m.Services.Programmes
	g, err := f.read()
	if err == nil {
		if g.ID == 0 {
			err = svc.CreateProgramme(m.ctx(), g)
		} else {
			err = svc.UpdateProgramme(m.ctx(), g)
		}
	}
	if err != nil {
		m.showRefusal(f.message, err)
		return
	}
	if f.e.ID == 0 { // a new đề án: its page gets the progress, activities and payments tabs
		f.dirty = false
		f.p.s.open(g)
		return
	}
	// Saved, the form is not changed any more: reload fills it with the stored version, so that
	// the next save does not meet this one as a colleague's and Esc does not ask again.
	f.dirty = false
	f.p.reload()
}
