package ui

import (
	"context"
	"image/color"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
	"khuyencong/ui/widgets"
)

// printButtons returns the header's buttons that print the fair's documents.
func (p *fairPage) printButtons() fyne.CanvasObject {
	button := func(label, name, ext string, write func(io.Writer, reports.FairDoc) error) *widget.Button {
		return widget.NewButtonWithIcon(label, theme.DocumentPrintIcon(), func() { p.print(name, ext, write) })
	}
	return container.NewHBox(
		button(lang.L("Participants (PDF)"), lang.L("fair-participants"), ".pdf", reports.WriteFairParticipantsPDF),
		button(lang.L("Participants (Excel)"), lang.L("fair-participants"), ".xlsx", reports.WriteFairParticipantsXLSX),
		button(lang.L("Support settlement (PDF)"), lang.L("fair-settlement"), ".pdf", reports.WriteFairSettlementPDF),
		button(lang.L("Support settlement (Excel)"), lang.L("fair-settlement"), ".xlsx", reports.WriteFairSettlementXLSX),
	)
}

// fairDoc reads what the fair's documents print.
func fairDoc(ctx context.Context, m *Main, fairID int64) (reports.FairDoc, error) {
	f, err := m.Services.Fairs.FindFairByID(ctx, fairID)
	if err != nil {
		return reports.FairDoc{}, err
	}
	bs, err := m.Services.Fairs.FairBookings(ctx, fairID)
	if err != nil {
		return reports.FairDoc{}, err
	}
	org, err := m.Services.Settings.Organisation(ctx)
	if err != nil {
		return reports.FairDoc{}, err
	}
	return reports.FairDoc{Org: org, Date: m.today(), Fair: f, Bookings: bs}, nil
}

// print writes one of the fair's documents to a file the clerk chooses.
func (p *fairPage) print(name, ext string, write func(io.Writer, reports.FairDoc) error) {
	m, id := p.s.m, p.f.ID
	p.saveFile(name+"-"+p.f.Code+ext, ext, func(ctx context.Context, w io.Writer) error {
		d, err := fairDoc(ctx, m, id)
		if err != nil {
			return err
		}
		return write(w, d)
	})
}

// saveFile asks where to save, then writes the file in m.runTask.
func (p *fairPage) saveFile(fileName, ext string, write func(context.Context, io.Writer) error) {
	m := p.s.m
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		m.runTask(lang.L("Exporting"), func(ctx context.Context) error {
			defer w.Close()
			return write(ctx, w)
		}, func() {
			dialog.ShowInformation(lang.L("Exported"), lang.L("Saved to {{.Path}}", map[string]any{"Path": w.URI().Path()}), m.Window)
		})
	}, m.Window)
	save.SetFileName(fileName)
	save.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	save.Show()
}

// showMessage puts err in a tab's message line; an internal error goes to the error dialog.
func (p *fairPage) showMessage(l *widget.Label, err error) {
	if err == nil {
		l.SetText("")
		l.Hide()
		return
	}
	if data.ErrorCode(err) == data.EINTERNAL {
		p.s.m.showError(err)
		return
	}
	l.SetText(data.ErrorMessage(err))
	l.Show()
}

// invalid wraps a parse error as the store's refusal would be.
func fairInvalid(err error) error { return &data.Error{Code: data.EINVALID, Message: err.Error()} }

// boothsTab adds booths, many at once, and shows the booth map, where a tap assigns a free booth
// to the selected booking or releases a held one.
type boothsTab struct {
	p       *fairPage
	content fyne.CanvasObject
	message *widget.Label

	numbers, width, depth, price *widgets.Entry
	kind                         *widget.Select
	assignTo                     *widget.Select
	summary                      *widget.Label
	grid                         *fyne.Container

	booths []*data.Booth
	tiles  []*boothTile
	// choices are the bookings assignTo lists, in its order.
	choices []*data.Booking
}

func newBoothsTab(p *fairPage) *boothsTab {
	t := &boothsTab{p: p}
	t.message = messageLabel()
	t.numbers = widgets.NewEntry()
	t.numbers.SetPlaceHolder("A01–A40")
	t.width = widgets.NewEntry()
	t.width.SetText("3")
	t.width.Validator = func(s string) error { _, err := parseMetres(s); return err }
	t.depth = widgets.NewEntry()
	t.depth.SetText("3")
	t.depth.Validator = t.width.Validator
	kinds := make([]string, len(data.BoothKinds))
	for i, k := range data.BoothKinds {
		kinds[i] = boothKindLabel(k)
	}
	t.kind = widget.NewSelect(kinds, nil)
	t.kind.SetSelectedIndex(0)
	t.price = widgets.NewEntry()
	t.price.SetPlaceHolder(lang.L("blank: the fair's price"))
	add := widget.NewButtonWithIcon(lang.L("Add many booths"), theme.ContentAddIcon(), t.add)
	add.Importance = widget.HighImportance
	bulk := widget.NewForm(
		widget.NewFormItem(lang.L("Booth numbers"), t.numbers),
		widget.NewFormItem(lang.L("Width × depth (m)"), container.NewGridWithColumns(2,
			container.NewBorder(nil, nil, nil, widget.NewLabel("×"), t.width), t.depth)),
		widget.NewFormItem(lang.L("Booth kind"), t.kind),
		widget.NewFormItem(lang.L("Booth price (đồng)"), t.price),
	)
	t.assignTo = widget.NewSelect(nil, func(string) {
		if i := t.assignTo.SelectedIndex(); i >= 0 && i < len(t.choices) {
			p.selected = t.choices[i]
		}
	})
	t.assignTo.PlaceHolder = lang.L("Choose a booking")
	t.summary = widget.NewLabel("")
	t.grid = container.NewGridWrap(fyne.NewSize(118, 74))
	legend := container.NewHBox(
		boothLegend(colorFree, lang.L("Booth free")), boothLegend(colorHeld, lang.L("Booth held")), boothLegend(colorConfirmed, lang.L("Booth confirmed")))
	top := container.NewVBox(
		t.message,
		bulk,
		container.NewHBox(add),
		widget.NewSeparator(),
		container.NewBorder(nil, nil, widget.NewLabel(lang.L("Assign booths to")), t.summary, t.assignTo),
		legend,
	)
	t.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(t.grid))
	return t
}

// The colours of the booth map: free is neutral, held orange, confirmed green.
var (
	colorFree      = color.NRGBA{R: 0xe4, G: 0xe6, B: 0xea, A: 0xff}
	colorHeld      = color.NRGBA{R: 0xf6, G: 0xb2, B: 0x6b, A: 0xff}
	colorConfirmed = color.NRGBA{R: 0x8f, G: 0xd1, B: 0x8b, A: 0xff}
)

func boothLegend(c color.Color, label string) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(16, 16))
	return container.NewHBox(container.NewCenter(r), widget.NewLabel(label))
}

// add parses the range and size and adds the booths, all or none.
func (t *boothsTab) add() {
	m := t.p.s.m
	numbers, err := data.ParseBoothRange(t.numbers.Text)
	var w, d int
	var price int64
	if err == nil {
		w, err = parseMetres(t.width.Text)
	}
	if err == nil {
		d, err = parseMetres(t.depth.Text)
	}
	if err == nil {
		price, err = parseBoothPrice(t.price.Text)
	}
	if err != nil {
		if _, ok := err.(*data.Error); !ok {
			err = fairInvalid(err)
		}
		t.p.showMessage(t.message, err)
		return
	}
	kind := data.BoothStandard
	if i := t.kind.SelectedIndex(); i >= 0 {
		kind = data.BoothKinds[i]
	}
	booths := make([]*data.Booth, len(numbers))
	for i, n := range numbers {
		booths[i] = &data.Booth{FairID: t.p.f.ID, Number: n, WidthCM: w, DepthCM: d, Kind: kind, Price: price}
	}
	if err := m.Services.Fairs.AddBooths(m.ctx(), t.p.f.ID, booths); err != nil {
		t.p.showMessage(t.message, err)
		return
	}
	t.p.showMessage(t.message, nil)
	t.numbers.SetText("")
	t.price.SetText("")
	t.p.reload()
}

func parseBoothPrice(s string) (int64, error) {
	if strings.TrimSpace(s) == "" {
		return 0, nil
	}
	return vn.ParseMoney(s)
}

// show reads the booth map again and lists the bookings booths can be assigned to.
func (t *boothsTab) show() {
	m := t.p.s.m
	bs, err := m.Services.Fairs.Booths(m.ctx(), t.p.f.ID)
	if err != nil {
		m.showError(err)
		return
	}
	t.booths = bs
	t.tiles = make([]*boothTile, len(bs))
	objs := make([]fyne.CanvasObject, len(bs))
	free := 0
	for i, b := range bs {
		t.tiles[i] = newBoothTile(b, t.tap)
		objs[i] = t.tiles[i]
		if b.State == data.BoothFree || b.State == "" {
			free++
		}
	}
	t.grid.Objects = objs
	t.grid.Refresh()
	t.summary.SetText(lang.L("{{.Free}} free of {{.Total}} booths", map[string]any{"Free": free, "Total": len(bs)}))
	t.showSelected()
}

// showSelected lists the open bookings in the assign-to choice, the selected one chosen.
func (t *boothsTab) showSelected() {
	t.choices = t.choices[:0]
	var labels []string
	sel := -1
	for _, b := range t.p.bookingList {
		if !b.Status.Active() && b.Status != data.BookingWaiting {
			continue
		}
		if t.p.selected != nil && b.ID == t.p.selected.ID {
			sel = len(t.choices)
		}
		t.choices = append(t.choices, b)
		labels = append(labels, b.EnterpriseName+" ("+lang.L("{{.Held}}/{{.Wanted}} booths", map[string]any{"Held": len(b.Booths), "Wanted": b.BoothsWanted})+")")
	}
	t.assignTo.Options = labels
	if sel >= 0 {
		t.assignTo.SetSelectedIndex(sel)
	} else {
		t.assignTo.ClearSelected()
	}
	t.assignTo.Refresh()
}

// tile returns the map's tile of booth number.
func (t *boothsTab) tile(number string) *boothTile {
	for _, x := range t.tiles {
		if x.booth.Number == number {
			return x
		}
	}
	return nil
}

// tap assigns a free booth to the selected booking, or offers to release a held one.
func (t *boothsTab) tap(b *data.Booth) {
	m := t.p.s.m
	if b.BookingID == 0 {
		sel := t.p.selected
		if sel == nil {
			t.p.showMessage(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose the booking to assign booth {{.Number}} to first.", map[string]any{"Number": b.Number})))
			return
		}
		if _, err := m.Services.Fairs.AssignBooth(m.ctx(), sel.ID, sel.Version, b.ID); err != nil {
			t.p.showMessage(t.message, err)
			t.p.reload()
			return
		}
		t.p.showMessage(t.message, nil)
		t.p.reload()
		return
	}
	holder := t.p.booking(b.BookingID)
	msg := lang.L("Release booth {{.Number}} from {{.Holder}}?", map[string]any{"Number": b.Number, "Holder": b.Holder})
	dialog.ShowConfirm(lang.L("Release booth"), msg, func(ok bool) {
		if !ok {
			return
		}
		version := 0
		if holder != nil {
			version = holder.Version
		}
		if _, err := m.Services.Fairs.ReleaseBooth(m.ctx(), b.BookingID, version, b.ID); err != nil {
			t.p.showMessage(t.message, err)
		} else {
			t.p.showMessage(t.message, nil)
		}
		t.p.reload()
	}, m.Window)
}

// boothTile is one booth on the map: its number, size and holder, coloured by its state.
type boothTile struct {
	widget.BaseWidget
	booth *data.Booth
	onTap func(*data.Booth)
}

func newBoothTile(b *data.Booth, onTap func(*data.Booth)) *boothTile {
	t := &boothTile{booth: b, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped implements fyne.Tappable.
func (t *boothTile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap(t.booth)
	}
}

// CreateRenderer implements fyne.Widget.
func (t *boothTile) CreateRenderer() fyne.WidgetRenderer {
	fill := colorFree
	switch t.booth.State {
	case data.BoothHeld:
		fill = colorHeld
	case data.BoothConfirmed:
		fill = colorConfirmed
	}
	bg := canvas.NewRectangle(fill)
	bg.StrokeColor = color.NRGBA{R: 0x70, G: 0x70, B: 0x70, A: 0xff}
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	number := canvas.NewText(t.booth.Number, color.Black)
	number.TextStyle.Bold = true
	size := canvas.NewText(data.FormatBoothSize(t.booth.WidthCM, t.booth.DepthCM), color.Black)
	size.TextSize = theme.CaptionTextSize()
	holder := canvas.NewText(shorten(t.booth.Holder, 17), color.Black)
	holder.TextSize = theme.CaptionTextSize()
	box := container.NewVBox(container.NewHBox(number, layout.NewSpacer(), size), holder)
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(box)))
}

// shorten cuts s to n letters, with an ellipsis: a holder's name on a tile.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// feeMoney writes a booking's support or own share: "0 đ" once it has a fee, blank before.
func feeMoney(b *data.Booking, v int64) string {
	if b.Fee == 0 {
		return ""
	}
	return fairMoneyOrZero(v)
}

// Text is what the tile shows, for tests and screen readers.
func (t *boothTile) Text() string {
	return t.booth.Number + " " + data.FormatBoothSize(t.booth.WidthCM, t.booth.DepthCM) + " " + t.booth.Holder
}

// bookingsTab lists the fair's bookings with the ways to register, confirm, cancel and print.
type bookingsTab struct {
	p       *fairPage
	content fyne.CanvasObject
	message *widget.Label
	detail  *widget.Label
	table   *widget.Table
	// reg is the registration dialog last opened.
	reg *registerDialog
}

func newBookingsTab(p *fairPage) *bookingsTab {
	t := &bookingsTab{p: p}
	t.message = messageLabel()
	t.detail = widget.NewLabel("")
	t.detail.Wrapping = fyne.TextWrapWord
	cols := []struct {
		title string
		width float32
		text  func(*data.Booking) string
	}{
		{lang.L("Exhibiting enterprise"), 260, func(b *data.Booking) string { return b.EnterpriseName }},
		{lang.L("Booths wanted / held"), 230, func(b *data.Booking) string {
			return strconv.Itoa(b.BoothsWanted) + " / " + strings.Join(b.Booths, ", ")
		}},
		{lang.L("Status"), 120, func(b *data.Booking) string { return bookingStatusLabel(b.Status) }},
		{lang.L("Booth fee"), 130, func(b *data.Booking) string { return fairMoney(b.Fee) }},
		{lang.L("Support granted"), 130, func(b *data.Booking) string { return feeMoney(b, b.Support) }},
		{lang.L("Own share"), 150, func(b *data.Booking) string { return feeMoney(b, b.OwnShare) }},
	}
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
	confirm := widget.NewButtonWithIcon(lang.L("Confirm booking"), theme.ConfirmIcon(), t.confirm)
	cancel := widget.NewButtonWithIcon(lang.L("Cancel booking…"), theme.CancelIcon(), t.cancel)
	letter := widget.NewButtonWithIcon(lang.L("Print confirmation letter"), theme.DocumentPrintIcon(), t.printLetter)
	top := container.NewVBox(t.message, container.NewHBox(register, confirm, cancel, letter))
	t.content = container.NewBorder(top, t.detail, nil, nil, t.table)
	return t
}

func (t *bookingsTab) show() {
	t.table.Refresh()
	t.showDetail()
}

// showDetail says the selected booking's money and the rule it was computed with.
func (t *bookingsTab) showDetail() {
	b := t.p.selected
	if b == nil {
		t.detail.SetText(lang.L("Choose a booking in the list."))
		return
	}
	t.detail.SetText(supportText(b))
}

// supportText says a booking's fee, support and own share and the rule that produced them.
func supportText(b *data.Booking) string {
	if b.WithoutSupport {
		return lang.L("{{.Name}}: booth fee {{.Fee}}, without support (fairs abroad beyond the yearly limit).",
			map[string]any{"Name": b.EnterpriseName, "Fee": fairMoneyOrZero(b.Fee)})
	}
	return lang.L("{{.Name}}: booth fee {{.Fee}}, support {{.Support}}, own share {{.Own}}. Rule: {{.Rule}}.",
		map[string]any{"Name": b.EnterpriseName, "Fee": fairMoneyOrZero(b.Fee), "Support": fairMoneyOrZero(b.Support),
			"Own": fairMoneyOrZero(b.OwnShare), "Rule": ruleText(b.Rule)})
}

func fairMoneyOrZero(v int64) string {
	if v == 0 {
		return "0 đ"
	}
	return fairMoney(v)
}

// register asks for an enterprise, the booths it wants and its products, then books it. The
// dialog stays open on a refusal, which it shows; a late note is asked when past the deadline,
// and "without support" offered when the store refuses a fair abroad beyond the yearly limit.
func (t *bookingsTab) register() {
	m := t.p.s.m
	f := t.p.f
	d := newRegisterDialog(t)
	d.dialog = dialog.NewCustomWithoutButtons(lang.L("New booking"), d.content, m.Window)
	ok := widget.NewButton(lang.L("Register booking"), d.submit)
	ok.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close"), d.dialog.Hide), ok})
	if !f.Deadline.IsZero() && f.Deadline.Before(m.today()) {
		d.late.Show()
		d.lateHint.SetText(lang.L("The deadline was {{.Date}}: say why this registration is late.", map[string]any{"Date": f.Deadline.String()}))
		d.lateHint.Show()
	}
	d.dialog.Resize(fyne.NewSize(620, 440))
	d.dialog.Show()
	t.reg = d
}

// registerDialog is the form of a new booking.
type registerDialog struct {
	t          *bookingsTab
	dialog     *dialog.CustomDialog
	content    fyne.CanvasObject
	message    *widget.Label
	enterprise *widgets.Picker
	wanted     *widgets.Entry
	products   *widgets.Entry
	late       *widgets.Entry
	lateHint   *widget.Label
	noSupport  *widget.Check
}

func newRegisterDialog(t *bookingsTab) *registerDialog {
	m := t.p.s.m
	d := &registerDialog{t: t}
	d.message = messageLabel()
	d.enterprise = widgets.NewPicker(nil, lang.L("Type to find the enterprise"))
	d.enterprise.Search = func(text string) []widgets.Option {
		es, err := m.Services.Enterprises.FindEnterprises(m.ctx(), data.EnterpriseFilter{Search: text, Archived: new(bool), Limit: 12})
		if err != nil {
			return nil
		}
		out := make([]widgets.Option, len(es))
		for i, e := range es {
			out[i] = widgets.Option{Key: strconv.FormatInt(e.ID, 10), Label: e.Name}
		}
		return out
	}
	d.wanted = widgets.NewEntry()
	d.wanted.SetText("1")
	d.wanted.Validator = wholeNumber
	d.products = widgets.NewMultiLineEntry()
	d.products.SetPlaceHolder(lang.L("What the enterprise will show"))
	d.late = widgets.NewEntry()
	d.late.SetPlaceHolder(lang.L("Why the registration is late"))
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
	dialog.ShowInformation(lang.L("Booking saved"), msg, m.Window)
}

// confirm moves the selected booking to "đã xác nhận".
func (t *bookingsTab) confirm() {
	m := t.p.s.m
	b := t.p.selected
	if b == nil {
		t.p.showMessage(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose a booking in the list.")))
		return
	}
	nb, err := m.Services.Fairs.ConfirmBooking(m.ctx(), b.ID, b.Version)
	t.p.showMessage(t.message, err)
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
		t.p.showMessage(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose a booking in the list.")))
		return
	}
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder(lang.L("Why is the booking cancelled?"))
	dialog.ShowForm(lang.L("Cancel booking"), lang.L("Cancel the booking"), lang.L("Close"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason)}, func(ok bool) {
			if ok {
				t.doCancel(b, reason.Text)
			}
		}, m.Window)
}

func (t *bookingsTab) doCancel(b *data.Booking, reason string) {
	m := t.p.s.m
	got, err := m.Services.Fairs.CancelBooking(m.ctx(), b.ID, b.Version, reason)
	t.p.showMessage(t.message, err)
	t.p.reload()
	if err != nil {
		return
	}
	msg := lang.L("The booking of {{.Name}} is cancelled and its booths are free.", map[string]any{"Name": b.EnterpriseName})
	if len(got) > 0 {
		var names []string
		for _, g := range got {
			names = append(names, g.EnterpriseName+" ("+strings.Join(g.Booths, ", ")+")")
		}
		msg = lang.L("The booking of {{.Name}} is cancelled. Its booths went to the waiting list: {{.Names}}.",
			map[string]any{"Name": b.EnterpriseName, "Names": strings.Join(names, "; ")})
	}
	dialog.ShowInformation(lang.L("Booking cancelled"), msg, m.Window)
}

// printLetter writes the selected booking's confirmation letter as PDF.
func (t *bookingsTab) printLetter() {
	b := t.p.selected
	if b == nil {
		t.p.showMessage(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose a booking in the list.")))
		return
	}
	m, fairID, id := t.p.s.m, t.p.f.ID, b.ID
	t.p.saveFile(lang.L("confirmation-letter")+"-"+t.p.f.Code+"-"+strconv.FormatInt(id, 10)+".pdf", ".pdf",
		func(ctx context.Context, w io.Writer) error {
			d, err := fairDoc(ctx, m, fairID)
			if err != nil {
				return err
			}
			for _, x := range d.Bookings {
				if x.ID == id {
					return reports.WriteBookingConfirmationPDF(w, d, x)
				}
			}
			return data.Errorf(data.ENOTFOUND, "%s", lang.L("The booking is no longer there."))
		})
}

// fairResultsTab records, after the fair, what each active booking brought.
type fairResultsTab struct {
	p       *fairPage
	content fyne.CanvasObject
	message *widget.Label
	rows    *fyne.Container
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
	head := container.NewHBox(
		cell(240, widget.NewLabelWithStyle(lang.L("Exhibiting enterprise"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		cell(100, widget.NewLabelWithStyle(lang.L("Took part"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		cell(150, widget.NewLabelWithStyle(lang.L("Sales (đồng)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		cell(90, widget.NewLabelWithStyle(lang.L("Contracts signed"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		cell(150, widget.NewLabelWithStyle(lang.L("Contract value (đồng)"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		cell(260, widget.NewLabelWithStyle(lang.L("Notes"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
	)
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
			return e
		}
		moneyValid := func(s string) error { _, err := vn.ParseMoney(s); return err }
		l.attended = widget.NewCheck("", func(bool) { l.changed = true })
		l.attended.Checked = b.Status == data.BookingAttended
		l.sales = entry(fairMoneyText(b.Sales), moneyValid)
		l.contracts = entry(countText(b.Contracts), wholeNumber)
		l.value = entry(fairMoneyText(b.ContractValue), moneyValid)
		l.notes = entry(b.ResultNotes, nil)
		t.lines = append(t.lines, l)
		t.rows.Add(container.NewHBox(cell(240, widget.NewLabel(b.EnterpriseName)), cell(100, l.attended),
			cell(150, l.sales), cell(90, l.contracts), cell(150, l.value), cell(260, l.notes)))
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
			t.p.showMessage(t.message, fairInvalid(err))
			return
		}
		if _, err := m.Services.Fairs.RecordResults(m.ctx(), l.b.ID, l.b.Version, r); err != nil {
			t.p.showMessage(t.message, err)
			return
		}
		l.changed = false
	}
	t.p.showMessage(t.message, nil)
	t.p.reload()
}
