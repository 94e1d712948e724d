package ui

import (
	"context"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// feeMoney writes a booking's support or own share: "0 đ" once it has a fee, blank before.
func feeMoney(b *data.Booking, v int64) string {
	if b.Fee == 0 {
		return ""
	}
	return money(v)
}

// bookingColumn is a column of the bookings' table: its title, width and text.
type bookingColumn struct {
	title string
	width float32
	text  func(*data.Booking) string
}

// bookingsTab lists the fair's bookings with the ways to register, confirm, cancel and print.
type bookingsTab struct {
	p       *fairPage
	content fyne.CanvasObject
	message *widget.Label
	detail  *widget.Label
	table   *widget.Table
	cols    []bookingColumn
	// reg is the registration dialog last opened; cancelling the cancellation's.
	reg        *registerDialog
	cancelling *formDialog
	changes    *historyButton // of the booking chosen
}

func newBookingsTab(p *fairPage) *bookingsTab {
	t := &bookingsTab{p: p}
	t.message = messageLabel()
	t.detail = widget.NewLabel("")
	t.detail.Wrapping = fyne.TextWrapWord
	cols := []bookingColumn{
		{lang.L("Exhibiting enterprise"), 260, func(b *data.Booking) string { return shortName(b.EnterpriseName) }},
		{lang.L("Booths wanted / held"), 230, func(b *data.Booking) string {
			return strconv.Itoa(b.BoothsWanted) + " / " + strings.Join(b.Booths, ", ")
		}},
		{lang.L("Status"), 120, func(b *data.Booking) string { return bookingStatusLabel(b.Status) }},
		{lang.L("Booth fee"), 130, func(b *data.Booking) string { return feeMoney(b, b.Fee) }},
		{lang.L("Support granted"), 130, func(b *data.Booking) string { return feeMoney(b, b.Support) }},
		{lang.L("Own share"), 150, func(b *data.Booking) string { return feeMoney(b, b.OwnShare) }},
	}
	t.cols = cols
	t.table = widget.NewTable(
		func() (int, int) { return len(p.bookingList), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(p.bookingList) {
				o.(*widget.Label).SetText(cols[id.Col].text(p.bookingList[id.Row]))
			}
		})
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.table.SetColumnWidth(i, c.width)
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(p.bookingList) {
			p.selectBooking(p.bookingList[id.Row])
			t.showDetail()
		}
	}
	register := widget.NewButtonWithIcon(lang.L("New booking…"), theme.ContentAddIcon(), t.register)
	register.Importance = widget.HighImportance
	t.p.s.m.allow(data.RightFairs, register)
	confirm := widget.NewButtonWithIcon(lang.L("Confirm booking"), theme.ConfirmIcon(), t.confirm)
	cancel := widget.NewButtonWithIcon(lang.L("Cancel booking…"), theme.CancelIcon(), t.cancel)
	letter := widget.NewButtonWithIcon(lang.L("Print confirmation letter"), theme.DocumentPrintIcon(), t.printLetter)
	excel := widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DownloadIcon(), func() { p.s.m.save(t.excel()) })
	imp := p.s.m.importButton(data.ImportFairBookings, p.f.ID, func() string { return p.f.Code }, p.reload)
	top := container.NewVBox(t.message, container.NewHBox(register, imp, confirm, cancel, letter, excel))
	t.changes = p.s.m.newHistoryButton("booking", 0, "")
	t.content = container.NewBorder(top, container.NewBorder(nil, nil, nil, t.changes.button, t.detail), nil, nil, t.table)
	return t
}

// excel is the bookings as the table shows them, as "Xuất Excel" saves them.
func (t *bookingsTab) excel() document {
	cols := t.cols
	var titles []string
	for _, c := range cols {
		titles = append(titles, c.title)
	}
	list := t.p.bookingList
	return t.p.s.m.listWorkbook(lang.L("bookings of {{.Fair}}", map[string]any{"Fair": t.p.f.Code}), t.p.f.Name, titles,
		func(context.Context) ([][]string, error) {
			out := make([][]string, len(list))
			for i, b := range list {
				for _, c := range cols {
					out[i] = append(out[i], c.text(b))
				}
			}
			return out, nil
		})
}

func (t *bookingsTab) show() {
	t.table.Refresh()
	t.showDetail()
}

// showDetail says the selected booking's money and the rule it was computed with.
func (t *bookingsTab) showDetail() {
	b := t.p.selected
	if b == nil {
		t.changes.set(0, "")
		t.detail.SetText(lang.L("Choose a booking in the list."))
		return
	}
	t.changes.set(b.ID, b.EnterpriseName)
	t.detail.SetText(supportText(b))
}

// supportText says a booking's fee, support and own share and the rule that produced them.
func supportText(b *data.Booking) string {
	if b.WithoutSupport {
		return lang.L("{{.Name}}: booth fee {{.Fee}}, without support (fairs abroad beyond the yearly limit).",
			map[string]any{"Name": b.EnterpriseName, "Fee": money(b.Fee)})
	}
	return lang.L("{{.Name}}: booth fee {{.Fee}}, support {{.Support}}, own share {{.Own}}. Rule: {{.Rule}}.",
		map[string]any{"Name": b.EnterpriseName, "Fee": money(b.Fee), "Support": money(b.Support),
			"Own": money(b.OwnShare), "Rule": ruleText(b.Rule)})
}

// register asks for an enterprise, the booths it wants and its products, then books it. The
// dialog stays open on a refusal, which it shows; a late note is asked when past the deadline,
// and "without support" offered when the store refuses a fair abroad beyond the yearly limit.
func (t *bookingsTab) register() {
	m := t.p.s.m
	f := t.p.f
	d := newRegisterDialog(t)
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("New booking"), d.content, m.Window)
	ok := widget.NewButton(lang.L("Register booking")+" (Ctrl+S)", d.submit)
	ok.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close (Esc)"), d.dialog.Hide), ok})
	d.dialog.SetOnClosed(func() { d.open = false })
	if !f.Deadline.IsZero() && f.Deadline.Before(m.today()) {
		d.late.Show()
		d.lateHint.SetText(lang.L("The deadline was {{.Date}}: say why this registration is late.", map[string]any{"Date": f.Deadline.String()}))
		d.lateHint.Show()
	}
	d.dialog.Resize(fyne.NewSize(620, 440))
	d.open = true
	m.dialog = d
	d.dialog.Show()
	m.Window.Canvas().Focus(d.enterprise) // the clerk types the enterprise's name first
	t.reg = d
}

// registerDialog is the form of a new booking. Enter in a one-line field or Ctrl+S registers,
// Esc closes it.
type registerDialog struct {
	t          *bookingsTab
	dialog     *dialog.CustomDialog
	open       bool
	content    fyne.CanvasObject
	message    *widget.Label
	enterprise *widgets.Picker
	wanted     *widgets.Entry
	products   *widgets.Entry
	late       *widgets.Entry
	lateHint   *widget.Label
	noSupport  *widget.Check
}

// isOpen reports whether the dialog is shown.
func (d *registerDialog) isOpen() bool { return d.open }

// save registers the booking, as Ctrl+S does.
func (d *registerDialog) save() { d.submit() }

func newRegisterDialog(t *bookingsTab) *registerDialog {
	m := t.p.s.m
	d := &registerDialog{t: t}
	d.message = messageLabel()
	closeIt := func() { d.dialog.Hide() }
	submit := func(string) { d.submit() }
	d.enterprise = m.enterprisePicker(lang.L("Type to find the enterprise"))
	d.enterprise.OnEscape = closeIt
	d.wanted = widgets.NewEntry()
	d.wanted.SetText("1")
	d.wanted.Validator = wholeNumber
	d.wanted.OnSubmitted, d.wanted.OnEscape = submit, closeIt
	d.products = widgets.NewMultiLineEntry()
	d.products.SetPlaceHolder(lang.L("What the enterprise will show"))
	d.products.OnEscape = closeIt
	d.late = widgets.NewEntry()
	d.late.SetPlaceHolder(lang.L("Why the registration is late"))
	d.late.OnSubmitted, d.late.OnEscape = submit, closeIt
	d.late.Hide()
	d.lateHint = widget.NewLabel("")
	d.lateHint.Wrapping = fyne.TextWrapWord
	d.lateHint.Hide()
	d.noSupport = widget.NewCheck(lang.L("Register without support"), nil)
	d.noSupport.Hide()
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Exhibiting enterprise"), d.enterprise),
		widget.NewFormItem(lang.L("Booths wanted"), d.wanted),
		widget.NewFormItem(lang.L("Products"), d.products),
	)
	d.content = container.NewVBox(d.message, form, d.lateHint, d.late, d.noSupport)
	return d
}

// request reads the form.
func (d *registerDialog) request() (data.BookingRequest, error) {
	r := data.BookingRequest{FairID: d.t.p.f.ID, Products: d.products.Text, LateNote: d.late.Text, WithoutSupport: d.noSupport.Checked}
	r.EnterpriseID, _ = strconv.ParseInt(d.enterprise.Selected(), 10, 64)
	if r.EnterpriseID == 0 {
		return r, data.Errorf(data.EINVALID, "%s", lang.L("Choose the enterprise."))
	}
	n, err := parseCount(d.wanted.Text)
	if err != nil {
		return r, fairInvalid(err)
	}
	if n < 1 {
		return r, data.Errorf(data.EINVALID, "%s", lang.L("An enterprise wants at least 1 booth."))
	}
	r.BoothsWanted = n
	return r, nil
}

func (d *registerDialog) submit() {
	p := d.t.p
	m := p.s.m
	r, err := d.request()
	var b *data.Booking
	if err == nil {
		b, err = m.Services.Fairs.Register(m.ctx(), r)
	}
	if err != nil {
		if data.ErrorCode(err) == data.EINTERNAL {
			m.showError(err)
			return
		}
		msg := data.ErrorMessage(err)
		d.message.SetText(msg)
		d.message.Show()
		if p.f.Kind == data.FairAbroad && strings.Contains(strings.ToLower(msg), "nước ngoài") {
			d.noSupport.Show() // the store says the yearly limit is reached: the clerk may choose
		}
		if strings.Contains(strings.ToLower(msg), "hạn đăng ký") {
			d.late.Show()
		}
		return
	}
	d.dialog.Hide()
	p.selected = b
	p.reload()
	msg := supportText(b)
	if b.Status == data.BookingWaiting {
		msg = lang.L("No booth is free: {{.Name}} is on the waiting list.", map[string]any{"Name": b.EnterpriseName})
		if b.WithoutSupport {
			msg += "\n" + supportText(b)
		}
	} else if len(b.Booths) > 0 {
		msg = lang.L("Booths {{.Booths}} assigned.", map[string]any{"Booths": strings.Join(b.Booths, ", ")}) + "\n" + msg
	}
	m.sayDone(lang.L("Booking saved"), msg)
}

// confirm moves the selected booking to "đã xác nhận".
func (t *bookingsTab) confirm() {
	m := t.p.s.m
	b := t.p.selected
	if b == nil {
		t.p.s.m.showRefusal(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose a booking in the list.")))
		return
	}
	nb, err := m.Services.Fairs.ConfirmBooking(m.ctx(), b.ID, b.Version)
	t.p.s.m.showRefusal(t.message, err)
	if err == nil {
		t.p.selected = nb
	}
	t.p.reload()
}

// cancel cancels the selected booking with a reason, then says who got its booths.
func (t *bookingsTab) cancel() {
	m := t.p.s.m
	b := t.p.selected
	if b == nil {
		t.p.s.m.showRefusal(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose a booking in the list.")))
		return
	}
	d := newFormDialog(m)
	reason := d.note(lang.L("Why is the booking cancelled?"))
	t.cancelling = d
	d.show(lang.L("Cancel booking"), lang.L("Cancel the booking"), []*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason)},
		fyne.NewSize(520, 240), func() error { return t.doCancel(b, reason.Text) })
}

// doCancel cancels booking b and says who got its booths; it returns the store's refusal.
func (t *bookingsTab) doCancel(b *data.Booking, reason string) error {
	m := t.p.s.m
	got, err := m.Services.Fairs.CancelBooking(m.ctx(), b.ID, b.Version, reason)
	t.p.reload()
	if err != nil {
		return err // the dialog shows it and stays
	}
	t.p.s.m.showRefusal(t.message, nil)
	msg := lang.L("The booking of {{.Name}} is cancelled and its booths are free.", map[string]any{"Name": b.EnterpriseName})
	if len(got) > 0 {
		var names []string
		for _, g := range got {
			names = append(names, g.EnterpriseName+" ("+strings.Join(g.Booths, ", ")+")")
		}
		msg = lang.L("The booking of {{.Name}} is cancelled. Its booths went to the waiting list: {{.Names}}.",
			map[string]any{"Name": b.EnterpriseName, "Names": strings.Join(names, "; ")})
	}
	fyne.Do(func() { m.sayDone(lang.L("Booking cancelled"), msg) }) // once the dialog has closed: closing it would take this one too
	return nil
}

// printLetter writes the selected booking's confirmation letter as PDF.
func (t *bookingsTab) printLetter() {
	b := t.p.selected
	if b == nil {
		t.p.s.m.showRefusal(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose a booking in the list.")))
		return
	}
	t.p.s.m.save(t.letter(b))
}

// letter is the confirmation letter of booking b, as its button saves it.
func (t *bookingsTab) letter(b *data.Booking) document {
	builder, fairID, id := t.p.s.m.builder, t.p.f.ID, b.ID
	return newDocument(docs.KindBookingConfirmation, t.p.f.Code+"-"+strconv.FormatInt(id, 10), docs.PDF,
		func(ctx context.Context, w io.Writer) error { return builder.BookingConfirmation(ctx, fairID, id, w) })
}

// fairResultsTab records, after the fair, what each active booking brought.
type fairResultsTab struct {
	p       *fairPage
	content fyne.CanvasObject
	message *widget.Label
	rows    *fyne.Container
	columns *sheetColumns // shared by the header and the rows, so that they line up
	lines   []*resultLine
}

// resultLine is one booking's results being edited.
type resultLine struct {
	b                              *data.Booking
	attended                       *widget.Check
	sales, contracts, value, notes *widgets.Entry
	changed                        bool
}

func newFairResultsTab(p *fairPage) *fairResultsTab {
	t := &fairResultsTab{p: p}
	t.message = messageLabel()
	t.rows = container.NewVBox()
	save := widget.NewButtonWithIcon(lang.L("Save results (Ctrl+S)"), theme.DocumentSaveIcon(), t.save)
	save.Importance = widget.HighImportance
	t.p.s.m.allow(data.RightFairs, save)
	var heads []fyne.CanvasObject
	t.columns, heads = newSheetColumns([]string{lang.L("Exhibiting enterprise"), lang.L("Took part"), lang.L("Sales (đồng)"),
		lang.L("Contracts signed"), lang.L("Contract value (đồng)"), lang.L("Notes")}, []float32{260, 0, 130, 0, 150, 220}, 5)
	head := t.columns.row(heads...)
	hint := widget.NewLabel(lang.L("Results can be recorded once the fair has been held."))
	t.content = container.NewBorder(container.NewVBox(t.message, hint, head), container.NewHBox(save), nil, nil, container.NewVScroll(t.rows))
	return t
}

// show builds a line for each active booking; lines being edited are kept.
func (t *fairResultsTab) show() {
	if t.dirty() {
		return
	}
	t.lines = nil
	t.rows.RemoveAll()
	for _, b := range t.p.bookingList {
		if !b.Status.Active() {
			continue
		}
		l := &resultLine{b: b}
		mark := func(string) { l.changed = true }
		entry := func(text string, valid func(string) error) *widgets.Entry {
			e := widgets.NewEntry()
			e.SetText(text)
			e.Validator = valid
			e.OnChanged = mark
			e.OnEscape = t.p.s.back // as from the fair's other fields
			return e
		}
		l.attended = widget.NewCheck("", func(bool) { l.changed = true })
		l.attended.Checked = b.Status == data.BookingAttended
		l.sales = entry(moneyField(b.Sales), validMoney)
		l.contracts = entry(countText(b.Contracts), wholeNumber)
		l.value = entry(moneyField(b.ContractValue), validMoney)
		l.notes = entry(b.ResultNotes, nil)
		t.lines = append(t.lines, l)
		name := widget.NewLabel(shortName(b.EnterpriseName))
		name.Truncation = fyne.TextTruncateEllipsis
		t.rows.Add(t.columns.row(name, l.attended, l.sales, l.contracts, l.value, l.notes))
	}
	t.rows.Refresh()
}

func (t *fairResultsTab) dirty() bool {
	for _, l := range t.lines {
		if l.changed {
			return true
		}
	}
	return false
}

// save records the results of the changed lines; the first refusal stops it and is shown.
func (t *fairResultsTab) save() {
	m := t.p.s.m
	for _, l := range t.lines {
		if !l.changed {
			continue
		}
		var r data.BookingResults
		var err error
		r.Attended, r.Notes = l.attended.Checked, l.notes.Text
		if r.Sales, err = vn.ParseMoney(l.sales.Text); err == nil {
			if r.Contracts, err = parseCount(l.contracts.Text); err == nil {
				r.ContractValue, err = vn.ParseMoney(l.value.Text)
			}
		}
		if err != nil {
			t.p.s.m.showRefusal(t.message, fairInvalid(err))
			return
		}
		if _, err := m.Services.Fairs.RecordResults(m.ctx(), l.b.ID, l.b.Version, r); err != nil {
			t.p.s.m.showRefusal(t.message, err)
			return
		}
		l.changed = false
	}
	t.p.s.m.showRefusal(t.message, nil)
	t.p.reload()
}
