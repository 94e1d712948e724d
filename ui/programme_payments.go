package ui

import (
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

// paymentsTab lists a đề án's advances and payments, and records new ones.
type paymentsTab struct {
	p       *programmePage
	content fyne.CanvasObject
	summary *widget.Label
	rows    *fyne.Container
	add     *widget.Button
	// dialog is the "Thêm khoản chi…" dialog last opened.
	dialog *paymentDialog
}

func newPaymentsTab(p *programmePage) *paymentsTab {
	t := &paymentsTab{p: p, summary: widget.NewLabel(""), rows: container.NewVBox()}
	t.add = widget.NewButtonWithIcon(lang.L("Add payment…"), theme.ContentAddIcon(), t.addPayment)
	t.add.Importance = widget.HighImportance
	t.content = container.NewBorder(container.NewBorder(nil, nil, nil, t.add, t.summary), nil, nil, nil,
		container.NewVScroll(t.rows))
	return t
}

// show lists the payments as last read.
func (t *paymentsTab) show() {
	g := t.p.detail.Programme
	t.summary.SetText(lang.L("Paid {{.Paid}} of {{.Support}}; {{.Remaining}} remains.",
		map[string]any{"Paid": money(g.Paid), "Support": money(g.Support), "Remaining": money(g.Remaining())}))
	heads := []string{lang.L("Date"), lang.L("Payment kind"), lang.L("Amount"), lang.L("Voucher"), lang.L("Pays for"), lang.L("Notes"), ""}
	w := widget.NewLabel(money(1_234_567_000)).MinSize().Width
	cols, labels := newSheetColumns(heads, []float32{95, 95, w, 110, 220, 140, 80}, 4)
	objs := []fyne.CanvasObject{cols.row(labels...)}
	for _, pay := range t.p.detail.Payments {
		forL := widget.NewLabel(pay.For)
		forL.Truncation = fyne.TextTruncateEllipsis
		notes := widget.NewLabel(pay.Notes)
		notes.Truncation = fyne.TextTruncateEllipsis
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { t.remove(pay) })
		del.Importance = widget.LowImportance
		changes := t.p.s.m.newHistoryButton("payment", pay.ID, pay.Voucher).button
		changes.SetText("") // a row's icon, beside its delete
		changes.Importance = widget.LowImportance
		objs = append(objs, cols.row(widget.NewLabel(pay.Date.String()), widget.NewLabel(paymentKindLabel(pay.Kind)),
			widget.NewLabelWithStyle(money(pay.Amount), fyne.TextAlignTrailing, fyne.TextStyle{}),
			widget.NewLabel(pay.Voucher), forL, notes, container.NewHBox(changes, del)))
	}
	if len(t.p.detail.Payments) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("No payments yet.")))
	}
	t.rows.Objects = objs
	t.rows.Refresh()
	if (g.Status == data.ProgrammeApproved || g.Status == data.ProgrammeRunning || g.Status == data.ProgrammeAccepted) && t.p.s.m.can(data.RightProgrammes) {
		t.add.Enable()
	} else {
		t.add.Disable()
	}
}

// remove deletes a payment recorded by mistake, once the clerk confirms.
func (t *paymentsTab) remove(pay *data.Payment) {
	m := t.p.s.m
	q := lang.L("Delete the payment of {{.Amount}} on {{.Date}} (voucher {{.Voucher}})?",
		map[string]any{"Amount": money(pay.Amount), "Date": pay.Date.String(), "Voucher": pay.Voucher})
	m.askYesNo(lang.L("Delete payment"), q, func() {
		if err := m.Services.Programmes.DeletePayment(m.ctx(), pay.ID); err != nil {
			m.showError(err)
		}
		t.p.reload()
	})
}

// generalCosts is the key of "Chi chung" among what a payment pays.
const generalCosts = "chung"

// payees are what a payment of the đề án may pay: its general costs, its classes, the supported
// bookings of its fairs and its equipment records. Keys say the kind: "c12", "b7", "e3".
func (t *paymentsTab) payees() []widgets.Option {
	m := t.p.s.m
	out := []widgets.Option{{Key: generalCosts, Label: lang.L("General costs")}}
	for _, a := range t.p.detail.Activities {
		switch activityKinds[a.Kind] {
		case "Classes":
			out = append(out, widgets.Option{Key: "c" + strconv.FormatInt(a.ID, 10), Label: a.Kind.Label() + " " + a.Code + " · " + a.Name})
		case "Fairs":
			bs, err := m.Services.Fairs.FairBookings(m.ctx(), a.ID)
			if err != nil {
				m.showError(err)
				continue
			}
			for _, b := range bs {
				if b.Support > 0 && b.Status != data.BookingCancelled {
					out = append(out, widgets.Option{Key: "b" + strconv.FormatInt(b.ID, 10),
						Label: lang.L("Booth") + " · " + b.EnterpriseName + " (" + a.Code + ")"})
				}
			}
		default:
			out = append(out, widgets.Option{Key: "e" + strconv.FormatInt(a.ID, 10), Label: a.Kind.Label() + " " + a.Code + " · " + a.Name})
		}
	}
	return out
}

// paymentDialog is the "Thêm khoản chi…" dialog: kind, date, amount, voucher, what it pays.
type paymentDialog struct {
	*formDialog
	kind                         *escSelect
	date, amount, voucher, notes *widgets.Entry
	payee                        *widgets.Picker
}

// paymentKinds are the kinds of payment in the order the dialog offers them.
var paymentKinds = []data.PaymentKind{data.PaymentAdvance, data.PaymentFinal}

// addPayment asks for a payment: kind, date, amount, voucher and what it pays. A refusal (more
// than remains, an advance above the limit) shows in the dialog, which stays open.
func (t *paymentsTab) addPayment() {
	m := t.p.s.m
	d := &paymentDialog{formDialog: newFormDialog(m)}
	d.kind = d.choice(labelsOf(paymentKinds, paymentKindLabel))
	d.kind.SetSelectedIndex(1)
	d.date = d.entry(requiredDate)
	d.date.SetPlaceHolder("dd/mm/yyyy")
	d.date.SetText(m.today().String())
	d.amount = d.entry(validMoney)
	d.amount.SetPlaceHolder(example("45 triệu"))
	d.voucher = d.entry(required)
	d.payee = d.picker(widgets.NewPicker(t.payees(), lang.L("Type to find what it pays")))
	d.payee.SetSelected(generalCosts)
	d.notes = d.entry(nil)
	g := t.p.detail.Programme
	t.dialog = d
	d.show(lang.L("Add payment to {{.Code}}", map[string]any{"Code": g.Code}), lang.L("Save payment"), []*widget.FormItem{
		widget.NewFormItem(starred(lang.L("Payment kind")), d.kind),
		widget.NewFormItem(starred(lang.L("Date paid")), d.date),
		widget.NewFormItem(starred(lang.L("Amount (đồng)")), d.amount),
		widget.NewFormItem(starred(lang.L("Voucher number")), d.voucher),
		widget.NewFormItem(lang.L("Pays for"), d.payee),
		widget.NewFormItem(lang.L("Notes"), d.notes),
		widget.NewFormItem("", widget.NewLabel(lang.L("Remaining: {{.Remaining}}", map[string]any{"Remaining": money(g.Remaining())}))),
	}, fyne.NewSize(700, 500), func() error { return d.record(t.p) })
}

// record stores the payment the dialog describes and shows the page again.
func (d *paymentDialog) record(p *programmePage) error {
	m := p.s.m
	pay := &data.Payment{ProgrammeID: p.g.ID, Voucher: d.voucher.Text, Notes: d.notes.Text}
	if i := d.kind.SelectedIndex(); i >= 0 {
		pay.Kind = paymentKinds[i]
	}
	var err error
	if pay.Date, err = vn.ParseDate(d.date.Text); err != nil {
		return fairInvalid(err)
	}
	if pay.Amount, err = vn.ParseMoney(d.amount.Text); err != nil {
		return fairInvalid(err)
	}
	setPayee(pay, d.payee.Selected())
	pay.Normalize()
	if err := pay.Validate(); err != nil {
		return err
	}
	if err := m.Services.Programmes.AddPayment(m.ctx(), pay); err != nil {
		return err
	}
	p.reload()
	return nil
}

// setPayee sets what pay pays from a key of payees.
func setPayee(pay *data.Payment, key string) {
	if key == "" || key == generalCosts {
		return
	}
	id, _ := strconv.ParseInt(key[1:], 10, 64)
	switch {
	case strings.HasPrefix(key, "c"):
		pay.ClassID = id
	case strings.HasPrefix(key, "b"):
		pay.BookingID = id
	case strings.HasPrefix(key, "e"):
		pay.EquipmentID = id
	}
}
