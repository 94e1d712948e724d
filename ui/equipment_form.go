package ui

import (
	"strconv"
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

// equipmentForm edits a support request: who, which đề án pays, what is bought or built, and
// the money. Beside the money it says the rule of the kind and what that rule allows for the
// investment typed; below, what the record's moves recorded.
type equipmentForm struct {
	p       *equipmentPage
	e       *data.Equipment // as last read or saved
	content fyne.CanvasObject
	dirty   bool
	filling bool

	message                     *widget.Label
	code, what, supplier, date  *widgets.Entry
	investment, requested, docs *widgets.Entry
	enterprise, programme       *widgets.Picker
	kind                        *widget.Select
	rule                        *widget.Label
	record                      *widget.Label
	saveBtn, remove             *widget.Button
	// year is the year whose đề án the đề án picker offers.
	year int
}

func newEquipmentForm(p *equipmentPage, e *data.Equipment) *equipmentForm {
	f := &equipmentForm{p: p}
	f.build()
	f.fill(e)
	return f
}

func (f *equipmentForm) entry(valid func(string) error) *widgets.Entry {
	e := pageEntry(valid, &f.dirty, f.p.s.back)
	e.OnChanged = func(string) { f.changed() }
	return e
}

func (f *equipmentForm) build() {
	m := f.p.s.m
	f.message = messageLabel()
	f.code = f.entry(nil)
	f.code.SetPlaceHolder(lang.L("Left blank, the next code of the year is given"))
	f.enterprise = m.enterprisePicker(lang.L("Type to find the enterprise"))
	f.enterprise.OnChanged = func(string) { f.changed() }
	f.enterprise.OnEscape = f.p.s.back
	f.date = f.entry(requiredDate)
	f.date.SetPlaceHolder("dd/mm/yyyy")
	f.programme = widgets.NewPicker(nil, lang.L("Type to find the đề án paying"))
	f.programme.OnChanged = func(string) { f.changed() }
	f.programme.OnEscape = f.p.s.back
	f.kind = widget.NewSelect(labelsOf(data.EquipmentKinds, equipmentKindLabel), func(string) { f.changed() })
	f.what = f.entry(required)
	f.what.SetPlaceHolder(example("Lò nung gas 3 m³"))
	f.supplier = f.entry(nil)
	f.investment = f.entry(validMoney)
	f.investment.SetPlaceHolder(example("400 triệu"))
	f.requested = f.entry(validMoney)
	f.docs = pageEntry(nil, &f.dirty, f.p.s.back)
	f.docs.MultiLine, f.docs.Wrapping = true, fyne.TextWrapWord
	f.docs.SetPlaceHolder(lang.L("Numbers of the contract, acceptance record, payment voucher"))
	f.rule = widget.NewLabel("")
	f.rule.Wrapping = fyne.TextWrapWord
	f.record = widget.NewLabel("")
	f.record.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Record code"), f.code),
		widget.NewFormItem(starred(lang.L("Enterprise supported")), f.enterprise),
		widget.NewFormItem(starred(lang.L("Requested on")), f.date),
		widget.NewFormItem(starred(lang.L("Đề án paying")), f.programme),
		widget.NewFormItem(starred(lang.L("Kind of support")), f.kind),
		widget.NewFormItem(starred(lang.L("Machine, line or model")), f.what),
		widget.NewFormItem(lang.L("Supplier"), f.supplier),
		widget.NewFormItem(starred(lang.L("Total investment (đồng)")), f.investment),
		widget.NewFormItem(lang.L("Support requested (đồng)"), f.requested),
		widget.NewFormItem(lang.L("Rule of the kind"), f.rule),
		widget.NewFormItem(lang.L("Document numbers"), f.docs),
		widget.NewFormItem(lang.L("Decisions"), f.record),
		requiredNote(),
	)
	f.saveBtn = widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.p.s.m.allow(data.RightProgrammes, f.saveBtn)
	f.remove = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), f.delete)
	f.remove.Importance = widget.DangerImportance
	f.content = container.NewBorder(f.message, container.NewHBox(f.saveBtn, layout.NewSpacer(), f.remove), nil, nil, container.NewVScroll(form))
}

// changed marks the form changed and says the rule again; a request of another year offers that
// year's đề án.
func (f *equipmentForm) changed() {
	if f.filling {
		return
	}
	f.dirty = true
	if d, err := vn.ParseDate(f.date.Text); err == nil && d.Year != f.year {
		f.loadProgrammes(d.Year)
	}
	f.showRule()
}

// loadProgrammes offers the đề án of year that may pay equipment, keeping the one chosen if it
// is among them.
func (f *equipmentForm) loadProgrammes(year int) {
	m := f.p.s.m
	f.year = year
	var opts []widgets.Option
	if m.Services.Programmes != nil {
		ps, err := m.Services.Programmes.Eligible(m.ctx(), year, data.ContentTechnology)
		if err != nil {
			m.showError(err)
		}
		for _, p := range ps {
			opts = append(opts, widgets.Option{Key: idKey(p.ID), Label: p.Code + " · " + p.Name})
		}
	}
	f.programme.SetOptions(opts)
}

// kindValue is the kind chosen.
func (f *equipmentForm) kindValue() data.EquipmentKind {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return data.EquipmentKinds[i]
	}
	return data.EquipmentMachine
}

// showRule says the rule of the kind chosen and what it allows for the investment typed; once
// approved, the rule that was applied.
func (f *equipmentForm) showRule() {
	if f.e.Status.Commits() {
		f.rule.SetText(lang.L("Applied at approval: {{.Rule}}; for its investment it allowed at most {{.Support}}.",
			map[string]any{"Rule": equipmentRuleText(f.e.Rule), "Support": money(f.e.Rule.Support(f.e.Investment))}))
		return
	}
	r := f.p.s.rules().Rules[f.kindValue()]
	text := equipmentRuleText(r) + "."
	if inv, err := vn.ParseMoney(f.investment.Text); err == nil && inv > 0 {
		text += " " + lang.L("For an investment of {{.Investment}} it allows at most {{.Support}}.",
			map[string]any{"Investment": money(inv), "Support": money(r.Support(inv))})
	}
	f.rule.SetText(text)
}

// fill shows e in the fields.
func (f *equipmentForm) fill(e *data.Equipment) {
	f.filling = true
	defer func() { f.filling = false }()
	f.e = e
	f.code.SetText(e.Code)
	f.enterprise.SetOption(widgets.Option{Key: idKey(e.EnterpriseID), Label: e.EnterpriseName})
	f.date.SetText(e.RequestedOn.String())
	f.loadProgrammes(e.RequestedOn.Year)
	f.programme.SetSelected(idKey(e.ProgrammeID))
	if e.ProgrammeID != 0 && f.programme.Selected() == "" { // settled since, or of a year now closed
		f.programme.SetOption(widgets.Option{Key: idKey(e.ProgrammeID), Label: e.ProgrammeCode})
	}
	for i, k := range data.EquipmentKinds {
		if k == e.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.what.SetText(e.What)
	f.supplier.SetText(e.Supplier)
	f.investment.SetText(moneyField(e.Investment))
	f.requested.SetText(moneyField(e.Requested))
	f.docs.SetText(e.Documents)
	f.record.SetText(equipmentRecordText(e))
	f.showRule()
	final := e.ID != 0 && len(e.Status.Next()) == 0
	f.saveBtn.Hidden = final // the store keeps a paid or refused record as it is
	f.remove.Hidden = e.ID == 0 || e.Status != data.EquipmentRequested
	f.message.Hide()
	f.dirty = false
}

// equipmentRecordText says what the record's moves recorded: the approval and its reason above
// the rule, the acceptance, the payment, or the refusal.
func equipmentRecordText(e *data.Equipment) string {
	var lines []string
	if e.Status.Commits() {
		lines = append(lines, lang.L("Approved: {{.Amount}}.", map[string]any{"Amount": money(e.Approved)}))
		if e.OverCapReason != "" {
			lines = append(lines, lang.L("Above the rule because: {{.Reason}}", map[string]any{"Reason": e.OverCapReason}))
		}
	}
	if !e.AcceptedOn.IsZero() {
		lines = append(lines, lang.L("Accepted on {{.Date}}.", map[string]any{"Date": e.AcceptedOn.String()}))
	}
	if !e.PaidOn.IsZero() {
		lines = append(lines, lang.L("Paid on {{.Date}}.", map[string]any{"Date": e.PaidOn.String()}))
	}
	if e.Status == data.EquipmentRefused {
		lines = append(lines, lang.L("Refused: {{.Reason}}", map[string]any{"Reason": e.RefusalReason}))
	}
	if len(lines) == 0 {
		return lang.L("Not decided yet.")
	}
	return strings.Join(lines, "\n")
}

// read returns the record the fields describe, over the record being edited.
func (f *equipmentForm) read() (*data.Equipment, error) {
	e := *f.e
	e.Code, e.What, e.Supplier, e.Documents = f.code.Text, f.what.Text, f.supplier.Text, f.docs.Text
	e.EnterpriseID, _ = strconv.ParseInt(f.enterprise.Selected(), 10, 64)
	e.ProgrammeID, _ = strconv.ParseInt(f.programme.Selected(), 10, 64)
	e.Kind = f.kindValue()
	var err error
	if e.RequestedOn, err = vn.ParseDate(f.date.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if e.Investment, err = vn.ParseMoney(f.investment.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if e.Requested, err = vn.ParseMoney(f.requested.Text); err != nil {
		return nil, fairInvalid(err)
	}
	return &e, nil
}

// save stores the request; a new one opens again with its code and moves. On a refusal the
// fields keep what the clerk typed.
func (f *equipmentForm) save() {
	m := f.p.s.m
	svc := m.Services.Equipment
	e, err := f.read()
	if err == nil {
		e.Normalize()
		if err = e.Validate(); err == nil {
			if e.ID == 0 {
				err = svc.CreateEquipment(m.ctx(), e)
			} else {
				err = svc.UpdateEquipment(m.ctx(), e)
			}
		}
	}
	if err == nil {
		e, err = svc.FindEquipmentByID(m.ctx(), e.ID) // with the names the store fills
	}
	if err != nil {
		m.showRefusal(f.message, err)
		return
	}
	f.fill(e)
	f.p.show(e)
	f.p.s.recount()
}

// delete removes a request not yet approved, after asking.
func (f *equipmentForm) delete() {
	m := f.p.s.m
	m.confirmDelete(lang.L("Delete support request"),
		lang.L("Delete request {{.Code}}? This cannot be undone.", map[string]any{"Code": f.e.Code}),
		f.message, func() error { return m.Services.Equipment.DeleteEquipment(m.ctx(), f.e.ID) }, f.p.s.closeDetail)
}
