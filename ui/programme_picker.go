package ui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// programmePicker is the đề án field of a class's or a fair's form: it offers the đề án that may
// pay for a record of its year and content (ProgrammeService.Eligible), by code or name; an empty
// field links none. The form holds its Picker, the widget itself: the canvas must focus the
// object that was extended, or keys go astray in a real window.
type programmePicker struct {
	*widgets.Picker
	m       *Main
	year    int
	content data.Content
}

// newProgrammePicker returns the field; changed is called when the clerk picks another đề án,
// escape when Esc is pressed with no list open.
func newProgrammePicker(m *Main, changed func(), escape func()) *programmePicker {
	p := &programmePicker{Picker: widgets.NewPicker(nil, lang.L("Type to find the programme that pays")), m: m}
	p.OnChanged = func(string) { changed() }
	p.OnEscape = escape
	return p
}

// offer offers the đề án of year and content, keeping the choice when it is still among them.
func (p *programmePicker) offer(year int, content data.Content) {
	if p.m.Services.Programmes == nil || year == p.year && content == p.content {
		return
	}
	p.year, p.content = year, content
	gs, err := p.m.Services.Programmes.Eligible(p.m.ctx(), year, content)
	if err != nil {
		p.m.showError(err)
		return
	}
	opts := make([]widgets.Option, len(gs))
	for i, g := range gs {
		opts[i] = widgets.Option{Key: idKey(g.ID), Label: g.Code + " · " + g.Name}
	}
	p.SetOptions(opts)
}

// offerFrom offers the đề án of the year a start date typed in a field falls in; a date that
// cannot be read leaves the offer as it is.
func (p *programmePicker) offerFrom(start string, content data.Content) {
	if d, err := vn.ParseDate(start); err == nil {
		p.offer(d.Year, content)
	}
}

// set shows the linked đề án: one no longer offered (settled) still shows by its code.
func (p *programmePicker) set(id int64, code string) {
	p.SetSelected(idKey(id))
	if id != 0 && p.Selected() == "" {
		p.SetOption(widgets.Option{Key: idKey(id), Label: code})
	}
}

// id returns the đề án chosen, 0 for none.
func (p *programmePicker) id() int64 {
	id, _ := strconv.ParseInt(p.Selected(), 10, 64)
	return id
}

// offerProgrammes offers the đề án that may pay for the class: of its year and of the content
// that trains its kind.
func (f *classForm) offerProgrammes() {
	if i := f.kind.SelectedIndex(); i >= 0 && f.programme != nil {
		f.programme.offerFrom(f.start.Text, data.ContentOfClass(data.ClassKinds[i]))
	}
}
