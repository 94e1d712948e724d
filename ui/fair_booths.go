package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

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
	tiles  []*widgets.BoothTile
	// choices are the bookings assignTo lists, in its order.
	choices []*data.Booking
}

func newBoothsTab(p *fairPage) *boothsTab {
	t := &boothsTab{p: p}
	t.message = messageLabel()
	t.numbers = widgets.NewEntry()
	t.numbers.SetPlaceHolder(example("A01–A40"))
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
	t.p.s.m.allow(data.RightFairs, add)
	// Enter in a field of the bulk form adds the booths, as its button does for whom it is
	// enabled; Esc goes back to the list, as from the fair's other fields.
	for _, e := range []*widgets.Entry{t.numbers, t.width, t.depth, t.price} {
		e.OnSubmitted = func(string) {
			if !add.Disabled() {
				t.add()
			}
		}
		e.OnEscape = p.s.back
	}
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

// boothColor is the colour of a booth in state on the map.
func boothColor(state data.BoothState) color.Color {
	switch state {
	case data.BoothHeld:
		return colorHeld
	case data.BoothConfirmed:
		return colorConfirmed
	}
	return colorFree
}

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
		t.p.s.m.showRefusal(t.message, err)
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
		t.p.s.m.showRefusal(t.message, err)
		return
	}
	t.p.s.m.showRefusal(t.message, nil)
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
	t.tiles = make([]*widgets.BoothTile, len(bs))
	objs := make([]fyne.CanvasObject, len(bs))
	free := 0
	for i, b := range bs {
		t.tiles[i] = widgets.NewBoothTile(b.Number, data.FormatBoothSize(b.WidthCM, b.DepthCM), shortName(b.Holder), boothColor(b.State), func() { t.tap(b) })
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
func (t *boothsTab) tile(number string) *widgets.BoothTile {
	for _, x := range t.tiles {
		if x.Number == number {
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
			t.p.s.m.showRefusal(t.message, data.Errorf(data.EINVALID, "%s", lang.L("Choose the booking to assign booth {{.Number}} to first.", map[string]any{"Number": b.Number})))
			return
		}
		if _, err := m.Services.Fairs.AssignBooth(m.ctx(), sel.ID, sel.Version, b.ID); err != nil {
			t.p.s.m.showRefusal(t.message, err)
			t.p.reload()
			return
		}
		t.p.s.m.showRefusal(t.message, nil)
		t.p.reload()
		return
	}
	holder := t.p.booking(b.BookingID)
	msg := lang.L("Release booth {{.Number}} from {{.Holder}}?", map[string]any{"Number": b.Number, "Holder": b.Holder})
	m.askYesNo(lang.L("Release booth"), msg, func() {
		version := 0
		if holder != nil {
			version = holder.Version
		}
		if _, err := m.Services.Fairs.ReleaseBooth(m.ctx(), b.BookingID, version, b.ID); err != nil {
			t.p.s.m.showRefusal(t.message, err)
		} else {
			t.p.s.m.showRefusal(t.message, nil)
		}
		t.p.reload()
	})
}
