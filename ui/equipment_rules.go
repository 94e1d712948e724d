package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// rulesDialog edits the rule of each kind of support, shared by everyone on the database: the
// share of the investment and its cap. A request approved before keeps the rule it was approved
// with. A refusal stays in the dialog. Enter or Ctrl+S saves, Esc closes.
type rulesDialog struct {
	s       *equipmentScreen
	dialog  *dialog.CustomDialog
	open    bool
	message *widget.Label
	share   map[data.EquipmentKind]*widgets.Entry
	cap     map[data.EquipmentKind]*widgets.Entry
}

// editRules opens the rules dialog and returns it.
func (s *equipmentScreen) editRules() *rulesDialog {
	d := &rulesDialog{s: s, message: messageLabel(), share: map[data.EquipmentKind]*widgets.Entry{}, cap: map[data.EquipmentKind]*widgets.Entry{}}
	st := s.rules()
	entry := func(text string, valid func(string) error) *widgets.Entry {
		e := widgets.NewEntry()
		e.Validator = valid
		e.SetText(text)
		e.OnSubmitted = func(string) { d.save() }
		e.OnEscape = func() { d.dialog.Hide() }
		return e
	}
	grid := container.NewGridWithColumns(3, bold(lang.L("Kind of support")), bold(lang.L("Share of the investment (%)")), bold(lang.L("Cap (đồng, 0 for none)")))
	for _, k := range data.EquipmentKinds {
		r := st.Rules[k]
		d.share[k] = entry(vn.FormatInt(int64(r.SharePercent)), percentField)
		d.cap[k] = entry(moneyField(r.Cap), validMoney)
		grid.Add(widget.NewLabel(equipmentKindLabel(k)))
		grid.Add(d.share[k])
		grid.Add(d.cap[k])
	}
	help := widget.NewLabel(lang.L("Requests approved from now on follow these rules; those approved before keep theirs. Above its rule a request is approved only with a reason."))
	help.Wrapping = fyne.TextWrapWord
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("Support rules"), container.NewVBox(d.message, help, grid), s.m.Window)
	ok := widget.NewButton(lang.L("Save (Ctrl+S)"), d.save)
	ok.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close (Esc)"), d.dialog.Hide), ok})
	d.dialog.SetOnClosed(func() { d.open = false })
	d.dialog.Resize(fyne.NewSize(720, 0))
	d.open = true
	s.m.dialog = d
	d.dialog.Show()
	s.rulesDialog = d
	s.m.Window.Canvas().Focus(d.share[data.EquipmentKinds[0]])
	return d
}

// percentField checks a share typed in a field: a whole number from 0 to 100.
func percentField(s string) error {
	n, err := parseCount(s)
	if err == nil && n > 100 {
		err = errors.New(lang.L("Type a share from 0 to 100."))
	}
	return err
}

// isOpen reports whether the dialog is shown.
func (d *rulesDialog) isOpen() bool { return d.open }

// save stores the rules the fields say.
func (d *rulesDialog) save() {
	m := d.s.m
	st := data.EquipmentSettings{Rules: map[data.EquipmentKind]data.EquipmentRule{}}
	for _, k := range data.EquipmentKinds {
		var r data.EquipmentRule
		var err error
		if err = percentField(d.share[k].Text); err == nil {
			r.SharePercent, _ = parseCount(d.share[k].Text)
			r.Cap, err = vn.ParseMoney(d.cap[k].Text)
		}
		if err != nil {
			m.showRefusal(d.message, fairInvalid(errors.New(equipmentKindLabel(k)+": "+err.Error())))
			return
		}
		st.Rules[k] = r
	}
	if err := m.Services.Equipment.SaveEquipmentSettings(m.ctx(), st); err != nil {
		m.showRefusal(d.message, err)
		return
	}
	d.dialog.Hide()
}
