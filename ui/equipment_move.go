package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// moveDialog asks what a move of a support record records: the amount approved (and why, above
// the rule), the date of acceptance or payment, or the reason of a refusal. It stays open when
// the store refuses, showing why, so the clerk can fix the figure or give the reason. Enter in a
// one-line field or Ctrl+S confirms; Esc closes it.
type moveDialog struct {
	p       *equipmentPage
	to      data.EquipmentStatus
	dialog  *dialog.CustomDialog
	message *widget.Label
	// amount and why are the approval's; date the acceptance's or payment's; reason the
	// refusal's; docs, when typed, replaces the record's document numbers. Only the move's own
	// fields are shown.
	amount, why, date, reason, docs *widgets.Entry
}

// move opens the dialog of the move to to; nothing moves while the request has unsaved changes.
func (p *equipmentPage) move(to data.EquipmentStatus) {
	m := p.s.m
	if p.form.dirty {
		m.sayDone(lang.L("Change status"), lang.L("Save or close the changes to the request first."))
		return
	}
	d := &moveDialog{p: p, to: to, message: messageLabel()}
	entry := func(multi bool) *widgets.Entry {
		e := widgets.NewEntry()
		if multi {
			e = widgets.NewMultiLineEntry()
			e.SetMinRowsVisible(2)
		} else {
			e.OnSubmitted = func(string) { d.submit() }
		}
		e.OnEscape = func() { d.dialog.Hide() }
		return e
	}
	var items []*widget.FormItem
	var help string
	switch to {
	case data.EquipmentApproved:
		r := p.s.rules().Rules[p.e.Kind]
		allowed := r.Support(p.e.Investment)
		help = lang.L("Rule of the kind: {{.Rule}}. For an investment of {{.Investment}} it allows at most {{.Support}}; above it, say why.",
			map[string]any{"Rule": equipmentRuleText(r), "Investment": money(p.e.Investment), "Support": money(allowed)})
		d.amount = entry(false)
		d.amount.Validator = validMoney
		suggest := allowed // what the rule allows, or less when less was asked for
		if p.e.Requested > 0 {
			suggest = min(suggest, p.e.Requested)
		}
		d.amount.SetText(moneyField(suggest))
		d.why = entry(true)
		d.why.SetPlaceHolder(lang.L("Only when approving above the rule: who decided, and why"))
		items = append(items, widget.NewFormItem(starred(lang.L("Support approved (đồng)")), d.amount),
			widget.NewFormItem(lang.L("Reason above the rule"), d.why))
	case data.EquipmentAccepted, data.EquipmentPaid:
		d.date = entry(false)
		d.date.Validator = requiredDate
		d.date.SetText(p.s.m.today().String())
		label := lang.L("Accepted on")
		if to == data.EquipmentPaid {
			label = lang.L("Paid on")
		}
		items = append(items, widget.NewFormItem(starred(label), d.date))
	case data.EquipmentRefused:
		d.reason = entry(true)
		d.reason.SetPlaceHolder(lang.L("Why is the request refused?"))
		items = append(items, widget.NewFormItem(starred(lang.L("Reason")), d.reason))
	}
	if to != data.EquipmentRefused {
		d.docs = entry(false)
		d.docs.SetPlaceHolder(lang.L("Left blank, the numbers stay as they are"))
		items = append(items, widget.NewFormItem(lang.L("Document numbers"), d.docs))
	}
	body := container.NewVBox(d.message)
	if help != "" {
		h := widget.NewLabel(help)
		h.Wrapping = fyne.TextWrapWord
		body.Add(h)
	}
	body.Add(widget.NewForm(items...))
	title := strings.TrimSuffix(lang.L("equipmove."+string(to)), "…") + " " + p.e.Code
	d.dialog = dialog.NewCustomWithoutButtons(title, body, m.Window)
	ok := widget.NewButton(lang.L("Confirm (Ctrl+S)"), d.submit)
	ok.Importance = widget.HighImportance
	if to == data.EquipmentRefused {
		ok.Importance = widget.DangerImportance
	}
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close (Esc)"), d.dialog.Hide), ok})
	d.dialog.SetOnClosed(func() {
		if p.moving == d {
			p.moving = nil
		}
	})
	d.dialog.Resize(fyne.NewSize(600, 0))
	d.dialog.Show()
	p.moving = d
	m.dialog = d
	m.Window.Canvas().Focus(d.first(items))
}

// isOpen reports whether the dialog is shown.
func (d *moveDialog) isOpen() bool { return d.p.moving == d }

// save confirms the move, as Ctrl+S does.
func (d *moveDialog) save() { d.submit() }

// first is the dialog's first field, where the cursor starts.
func (d *moveDialog) first(items []*widget.FormItem) fyne.Focusable {
	return items[0].Widget.(fyne.Focusable)
}

// transition reads the dialog's fields.
func (d *moveDialog) transition() (data.EquipmentTransition, error) {
	e := d.p.e
	t := data.EquipmentTransition{ID: e.ID, Version: e.Version, To: d.to}
	var err error
	if d.amount != nil {
		if t.Approved, err = vn.ParseMoney(d.amount.Text); err != nil {
			return t, fairInvalid(err)
		}
		t.OverCapReason = d.why.Text
	}
	if d.date != nil {
		if t.Date, err = vn.ParseDate(d.date.Text); err != nil {
			return t, fairInvalid(err)
		}
	}
	if d.reason != nil {
		t.Reason = d.reason.Text
	}
	if d.docs != nil {
		t.Documents = d.docs.Text
	}
	return t, nil
}

// submit makes the move; a refusal stays in the dialog.
func (d *moveDialog) submit() {
	m := d.p.s.m
	t, err := d.transition()
	var e *data.Equipment
	if err == nil {
		e, err = m.Services.Equipment.SetEquipmentStatus(m.ctx(), t)
	}
	if err == nil {
		e, err = m.Services.Equipment.FindEquipmentByID(m.ctx(), e.ID) // with the names the store fills
	}
	if err != nil {
		m.showRefusal(d.message, err)
		return
	}
	d.dialog.Hide()
	d.p.moved(e)
}
