package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// villageForm edits a craft village's details: what recognised it, its households and workers,
// and whom to call.
type villageForm struct {
	p       *villagePage
	e       *data.Village // as last read or saved
	content fyne.CanvasObject
	dirty   bool

	message                           *widget.Label
	name, trade, decision, recognised *widgets.Entry
	households, workers               *widgets.Entry
	contact, phone, notes             *widgets.Entry
	ward                              *widgets.Picker
	remove                            *widget.Button
}

func newVillageForm(p *villagePage, v *data.Village) *villageForm {
	f := &villageForm{p: p}
	f.build()
	f.fill(v)
	return f
}

func (f *villageForm) entry(valid func(string) error) *widgets.Entry {
	return pageEntry(valid, &f.dirty, f.p.s.back)
}

func (f *villageForm) build() {
	f.message = messageLabel()
	f.name = f.entry(required)
	f.name.SetPlaceHolder(example("Làng gốm Bát Tràng"))
	f.ward = widgets.NewPicker(divisionOptions(f.p.s.wards), lang.L("Type to find a ward or commune"))
	f.ward.OnChanged = func(string) { f.dirty = true }
	f.ward.OnEscape = f.p.s.back
	f.trade = f.entry(nil)
	f.trade.SetPlaceHolder(example("Gốm sứ"))
	f.decision = f.entry(nil)
	f.recognised = f.entry(optionalDate)
	f.recognised.SetPlaceHolder("dd/mm/yyyy")
	f.households = f.entry(wholeNumber)
	f.workers = f.entry(wholeNumber)
	f.contact = f.entry(nil)
	f.contact.SetPlaceHolder(lang.L("Family, middle and given name"))
	f.phone = f.entry(func(s string) error { _, err := vn.NormalizePhone(s); return err })
	f.notes = widgets.NewMultiLineEntry()
	f.notes.SetMinRowsVisible(2)
	f.notes.OnChanged = func(string) { f.dirty = true }
	f.notes.OnEscape = f.p.s.back

	form := widget.NewForm(
		widget.NewFormItem(starred(lang.L("Village name")), f.name),
		widget.NewFormItem(lang.L("Ward / commune"), f.ward),
		widget.NewFormItem(lang.L("Trade"), f.trade),
		widget.NewFormItem(lang.L("Recognising decision"), f.decision),
		widget.NewFormItem(lang.L("Recognised on"), f.recognised),
		widget.NewFormItem(lang.L("Households in the trade"), f.households),
		widget.NewFormItem(lang.L("Workers in the trade"), f.workers),
		widget.NewFormItem(lang.L("Contact person"), f.contact),
		widget.NewFormItem(lang.L("Contact phone"), f.phone),
		widget.NewFormItem(lang.L("Notes"), f.notes),
		requiredNote(),
	)
	save := widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	f.remove = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), f.delete)
	f.remove.Importance = widget.DangerImportance
	f.p.s.m.allow(data.RightRegister, save, f.remove) // after remove is made: a nil button panics
	f.content = container.NewBorder(f.message, container.NewHBox(save, layout.NewSpacer(), f.remove), nil, nil, container.NewVScroll(form))
}

// fill shows v in the fields.
func (f *villageForm) fill(v *data.Village) {
	f.e = v
	f.name.SetText(v.Name)
	f.ward.SetSelected(v.WardCode)
	f.trade.SetText(v.Trade)
	f.decision.SetText(v.Decision)
	f.recognised.SetText(v.RecognisedOn.String())
	f.households.SetText(moneyField(int64(v.Households))) // "1.450", as the list shows it
	f.workers.SetText(moneyField(int64(v.Workers)))
	f.contact.SetText(v.ContactName)
	f.phone.SetText(vn.FormatPhone(v.ContactPhone))
	f.notes.SetText(v.Notes)
	f.remove.Hidden = v.ID == 0
	f.message.Hide()
	f.dirty = false
}

// read returns the village the fields describe, over the village being edited.
func (f *villageForm) read() (*data.Village, error) {
	v := *f.e
	v.Name, v.Trade, v.Decision = f.name.Text, f.trade.Text, f.decision.Text
	v.WardCode = f.ward.Selected()
	v.ContactName, v.ContactPhone, v.Notes = f.contact.Text, f.phone.Text, f.notes.Text
	var err error
	v.RecognisedOn = vn.Date{}
	if strings.TrimSpace(f.recognised.Text) != "" {
		if v.RecognisedOn, err = vn.ParseDate(f.recognised.Text); err != nil {
			return nil, fairInvalid(err)
		}
	}
	if v.Households, err = parseCount(f.households.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if v.Workers, err = parseCount(f.workers.Text); err != nil {
		return nil, fairInvalid(err)
	}
	return &v, nil
}

// save stores the village; a new one opens again as a page with its tabs. On a refusal the
// fields keep what the clerk typed.
func (f *villageForm) save() {
	m := f.p.s.m
	v, err := f.read()
	if err == nil {
		if v.ID == 0 {
			err = m.Services.Villages.CreateVillage(m.ctx(), v)
		} else {
			err = m.Services.Villages.UpdateVillage(m.ctx(), v)
		}
	}
	if err != nil {
		m.showRefusal(f.message, err)
		return
	}
	if f.e.ID == 0 {
		f.dirty = false
		f.p.s.open(v)
		return
	}
	f.fill(v)
	f.p.header.show(v.Name, "", nil, "", nil)
	f.p.s.recount()
}

// delete removes the village after asking; the store refuses while anything points to it.
func (f *villageForm) delete() {
	m := f.p.s.m
	m.confirmDelete(lang.L("Delete craft village"),
		lang.L("Delete {{.Name}} from the register? This cannot be undone.", map[string]any{"Name": f.e.Name}),
		f.message, func() error { return m.Services.Villages.DeleteVillage(m.ctx(), f.e.ID) }, f.p.s.closeDetail)
}

// confirmDelete asks question under title, then runs del; a refusal goes to message, and done
// runs once deleted.
func (m *Main) confirmDelete(title, question string, message *widget.Label, del func() error, done func()) {
	m.askYesNo(title, question, func() {
		if err := del(); err != nil {
			m.showRefusal(message, err)
			return
		}
		done()
	})
}
