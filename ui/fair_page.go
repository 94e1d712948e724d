package ui

import (
	"context"
	"errors"
	"io"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// fairPage is one fair: its title, status moves and documents above tabs for its details,
// booths and map, bookings and results.
type fairPage struct {
	s       *fairScreen
	f       *data.Fair
	content fyne.CanvasObject
	header  *pageHeader
	form    *fairForm
	tabs    *container.AppTabs

	booths   *boothsTab
	bookings *bookingsTab
	results  *fairResultsTab

	// selected is the booking the clerk picked: the booth map assigns booths to it.
	selected *data.Booking
	// bookingList are the fair's bookings as last read.
	bookingList []*data.Booking
}

func newFairPage(s *fairScreen, f *data.Fair) *fairPage {
	p := &fairPage{s: s, f: f}
	p.form = newFairForm(p, f)
	p.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Fair details"), p.form.content))
	if f.ID == 0 {
		p.header = newPageHeader(lang.L("Fairs"), s.back)
	} else {
		p.header = newPageHeader(lang.L("Fairs"), s.back, p.printButtons(), s.m.newHistoryButton("fair", f.ID, f.Code).button)
		p.header.frozen = !s.m.can(data.RightFairs)
		p.booths = newBoothsTab(p)
		p.bookings = newBookingsTab(p)
		p.results = newFairResultsTab(p)
		p.tabs.Append(container.NewTabItem(lang.L("Booths and map"), p.booths.content))
		p.tabs.Append(container.NewTabItem(lang.L("Fair bookings"), p.bookings.content))
		p.tabs.Append(container.NewTabItem(lang.L("Fair results"), p.results.content))
		p.reload()
	}
	p.content = container.NewBorder(p.header.content, nil, nil, nil, p.tabs)
	p.show(f)
	return p
}

// show puts the fair's title, status and allowed moves in the header.
func (p *fairPage) show(f *data.Fair) {
	p.f = f
	if f.ID == 0 {
		p.header.show(lang.L("New fair"), "", nil, "", nil)
		return
	}
	next := f.Status.Next()
	p.header.show(f.Code+" · "+f.Name, fairStatusLabel(f.Status), moveLabels("fairmove.", next), lang.L("fairmove."+string(data.FairCancelled)),
		func(i int) { p.move(next[i]) })
}

// view implements detail.
func (p *fairPage) view() fyne.CanvasObject { return p.content }

// focus is the field the cursor starts in.
func (p *fairPage) focus() fyne.Focusable { return p.form.name }

// unsaved implements detail: anything on the page is changed and not saved.
func (p *fairPage) unsaved() bool { return p.form.dirty || p.results != nil && p.results.dirty() }

// reload reads the fair, its booths and bookings again and shows them. Details being edited are
// left alone, so that their save still meets a colleague's newer version as a conflict.
func (p *fairPage) reload() {
	ctx := p.s.m.ctx()
	svc := p.s.m.Services.Fairs
	if f, err := svc.FindFairByID(ctx, p.f.ID); err == nil {
		if !p.form.dirty {
			p.form.fill(f)
		}
		p.show(f)
	} else {
		p.s.m.showError(err)
		return
	}
	bs, err := svc.FairBookings(ctx, p.f.ID)
	if err != nil {
		p.s.m.showError(err)
		return
	}
	p.bookingList = bs
	if p.selected != nil {
		sel := p.selected.ID
		p.selected = nil
		for _, b := range bs {
			if b.ID == sel {
				p.selected = b
			}
		}
	}
	p.booths.show()
	p.bookings.show()
	p.results.show()
}

// booking returns the booking with id as last read.
func (p *fairPage) booking(id int64) *data.Booking {
	for _, b := range p.bookingList {
		if b.ID == id {
			return b
		}
	}
	return nil
}

// selectBooking makes b the booking the map assigns booths to.
func (p *fairPage) selectBooking(b *data.Booking) {
	p.selected = b
	p.booths.showSelected()
}

// move changes the fair's status, asking for the reason of a cancellation.
func (p *fairPage) move(to data.FairStatus) {
	words := statusWords{
		Unsaved:       lang.L("Save or close the changes to the fair's details first."),
		Question:      lang.L("Move fair {{.Code}} to “{{.Status}}”?", map[string]any{"Code": p.f.Code, "Status": fairStatusLabel(to)}),
		CancelTitle:   lang.L("Cancel fair"),
		CancelConfirm: lang.L("Cancel the fair"),
		CancelWhy:     lang.L("Why is the fair cancelled?"),
	}
	p.s.m.askMove(words, p.form.dirty, to == data.FairCancelled, func(reason string) {
		f, err := p.s.m.Services.Fairs.SetFairStatus(p.s.m.ctx(), p.f.ID, p.f.Version, to, reason)
		if err != nil {
			p.s.m.showError(err)
			return
		}
		p.form.fill(f)
		p.reload()
	})
}

// save saves the tab shown: the details, or the results.
func (p *fairPage) save() {
	if p.results != nil && p.tabs.Selected() != nil && p.tabs.Selected().Content == p.results.content {
		p.results.save()
		return
	}
	if p.form.dirty || p.form.e.ID == 0 {
		p.form.save()
	}
}

// fairForm edits a fair's details and its support rule.
type fairForm struct {
	p       *fairPage
	e       *data.Fair // as last read or saved
	content fyne.CanvasObject
	dirty   bool

	message                                   *widget.Label
	code, name, organiser, venue, city        *widgets.Entry
	country, start, end, deadline, price      *widgets.Entry
	share, capBooth, capEnterprise, abroadMax *widgets.Entry
	kind                                      *widget.Select
	programme                                 *programmePicker
	filling                                   bool
}

func newFairForm(p *fairPage, f *data.Fair) *fairForm {
	ff := &fairForm{p: p}
	ff.build()
	ff.fill(f)
	return ff
}

func (f *fairForm) entry(valid func(string) error) *widgets.Entry {
	return pageEntry(valid, &f.dirty, f.p.s.back)
}

func (f *fairForm) build() {
	f.message = messageLabel()
	percent := func(s string) error {
		n, err := parseCount(s)
		if err == nil && n > 100 {
			err = errors.New(lang.L("Type a share from 0 to 100."))
		}
		return err
	}
	f.code = f.entry(required)
	f.name = f.entry(required)
	kinds := make([]string, len(data.FairKinds))
	for i, k := range data.FairKinds {
		kinds[i] = fairKindLabel(k)
	}
	f.kind = widget.NewSelect(kinds, func(string) { f.kindChanged() })
	f.organiser = f.entry(nil)
	f.venue = f.entry(nil)
	f.city = f.entry(nil)
	f.country = f.entry(nil)
	f.start = f.entry(requiredDate)
	f.start.SetPlaceHolder("dd/mm/yyyy")
	f.start.OnChanged = func(s string) { f.dirty = true; f.programme.offerFrom(s, data.ContentProducts) }
	f.end = f.entry(requiredDate)
	f.end.SetPlaceHolder("dd/mm/yyyy")
	f.programme = newProgrammePicker(f.p.s.m, func() { f.dirty = true }, f.p.s.back)
	f.deadline = f.entry(optionalDate)
	f.deadline.SetPlaceHolder("dd/mm/yyyy")
	f.price = f.entry(validMoney)
	f.price.SetPlaceHolder(example("12 triệu"))
	f.share = f.entry(percent)
	f.capBooth = f.entry(validMoney)
	f.capEnterprise = f.entry(validMoney)
	f.abroadMax = f.entry(wholeNumber)

	form := widget.NewForm(
		widget.NewFormItem(starred(lang.L("Fair code")), f.code),
		widget.NewFormItem(starred(lang.L("Fair name")), f.name),
		widget.NewFormItem(starred(lang.L("Fair kind")), f.kind),
		widget.NewFormItem(lang.L("Fair organiser"), f.organiser),
		widget.NewFormItem(lang.L("Fair venue"), f.venue),
		widget.NewFormItem(lang.L("Fair city"), f.city),
		widget.NewFormItem(lang.L("Fair country"), f.country),
		widget.NewFormItem(lang.L("Paying programme"), f.programme.Picker),
		widget.NewFormItem(starred(lang.L("Opens on")), f.start),
		widget.NewFormItem(starred(lang.L("Closes on")), f.end),
		widget.NewFormItem(lang.L("Registration deadline"), f.deadline),
		widget.NewFormItem(lang.L("Default booth price (đồng)"), f.price),
		widget.NewFormItem(lang.L("Share of the fee supported (%)"), f.share),
		widget.NewFormItem(lang.L("Support cap per booth (đồng)"), f.capBooth),
		widget.NewFormItem(lang.L("Support cap per enterprise (đồng)"), f.capEnterprise),
		requiredNote(),
		widget.NewFormItem(lang.L("Supported fairs abroad per enterprise a year"), f.abroadMax),
	)
	save := widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
	f.p.s.m.allow(data.RightFairs, save)
	f.content = container.NewBorder(f.message, container.NewHBox(save), nil, nil, container.NewVScroll(form))
}

// kindChanged marks the form changed; a new fair takes the default rule of its kind.
func (f *fairForm) kindChanged() {
	if f.filling {
		return
	}
	f.dirty = true
	if f.e == nil || f.e.ID != 0 {
		return
	}
	if i := f.kind.SelectedIndex(); i >= 0 {
		f.fillRule(f.p.s.defaultRule(data.FairKinds[i]))
		if data.FairKinds[i] == data.FairAbroad && f.country.Text == "Việt Nam" {
			f.country.SetText("")
		}
	}
}

func (f *fairForm) fillRule(r data.SupportRule) {
	f.share.SetText(strconv.Itoa(r.SharePercent))
	f.capBooth.SetText(moneyField(r.CapPerBooth))
	f.capEnterprise.SetText(moneyField(r.CapPerEnterprise))
	f.abroadMax.SetText(strconv.Itoa(r.AbroadPerYear))
}

// fill shows fair in the fields.
func (f *fairForm) fill(fair *data.Fair) {
	f.filling = true
	defer func() { f.filling = false }()
	f.e = fair
	f.code.SetText(fair.Code)
	f.name.SetText(fair.Name)
	for i, k := range data.FairKinds {
		if k == fair.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.organiser.SetText(fair.Organiser)
	f.venue.SetText(fair.Venue)
	f.city.SetText(fair.City)
	f.country.SetText(fair.Country)
	f.start.SetText(fair.Start.String())
	f.end.SetText(fair.End.String())
	f.deadline.SetText(fair.Deadline.String())
	f.price.SetText(moneyField(fair.BoothPrice))
	f.fillRule(fair.Rule)
	f.programme.offerFrom(fair.Start.String(), data.ContentProducts)
	f.programme.set(fair.ProgrammeID, fair.ProgrammeCode)
	f.message.Hide()
	f.dirty = false
}

// read returns the fair the fields describe, over the fair being edited.
func (f *fairForm) read() (*data.Fair, error) {
	fair := *f.e
	fair.Code, fair.Name, fair.Organiser, fair.Venue = f.code.Text, f.name.Text, f.organiser.Text, f.venue.Text
	fair.City, fair.Country = f.city.Text, f.country.Text
	fair.ProgrammeID = f.programme.id()
	if i := f.kind.SelectedIndex(); i >= 0 {
		fair.Kind = data.FairKinds[i]
	}
	var err error
	if fair.Start, err = vn.ParseDate(f.start.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if fair.End, err = vn.ParseDate(f.end.Text); err != nil {
		return nil, fairInvalid(err)
	}
	fair.Deadline = vn.Date{}
	if strings.TrimSpace(f.deadline.Text) != "" {
		if fair.Deadline, err = vn.ParseDate(f.deadline.Text); err != nil {
			return nil, fairInvalid(err)
		}
	}
	if fair.BoothPrice, err = vn.ParseMoney(f.price.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if fair.Rule.SharePercent, err = parseCount(f.share.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if fair.Rule.CapPerBooth, err = vn.ParseMoney(f.capBooth.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if fair.Rule.CapPerEnterprise, err = vn.ParseMoney(f.capEnterprise.Text); err != nil {
		return nil, fairInvalid(err)
	}
	if fair.Rule.AbroadPerYear, err = parseCount(f.abroadMax.Text); err != nil {
		return nil, fairInvalid(err)
	}
	return &fair, nil
}

func (f *fairForm) save() {
	m := f.p.s.m
	svc := m.Services.Fairs
	fair, err := f.read()
	if err == nil {
		fair.Normalize()
		if err = fair.Validate(); err == nil {
			if fair.ID == 0 {
				err = svc.CreateFair(m.ctx(), fair)
			} else {
				err = svc.UpdateFair(m.ctx(), fair)
			}
		}
	}
	if err != nil {
		m.showRefusal(f.message, err)
		return
	}
	if f.e.ID == 0 { // a new fair: its page gets the booths, bookings and results tabs
		f.dirty = false
		f.p.s.open(fair)
		return
	}
	f.fill(fair)
	f.p.show(fair)
}

// printButtons returns the header's buttons that print the fair's documents.
func (p *fairPage) printButtons() fyne.CanvasObject {
	button := func(label string, k docs.Kind, f docs.Format) *widget.Button {
		return widget.NewButtonWithIcon(label, theme.DocumentPrintIcon(), func() { p.s.m.save(p.document(k, f)) })
	}
	return container.NewHBox(
		button(lang.L("Participants (PDF)"), docs.KindFairParticipants, docs.PDF),
		button(lang.L("Participants (Excel)"), docs.KindFairParticipants, docs.XLSX),
		button(lang.L("Support settlement (PDF)"), docs.KindFairSettlement, docs.PDF),
		button(lang.L("Support settlement (Excel)"), docs.KindFairSettlement, docs.XLSX),
	)
}

// fairTables are the builder's methods that write the fair's tables, by kind.
var fairTables = map[docs.Kind]func(docs.Builder, context.Context, int64, docs.Format, io.Writer) error{
	docs.KindFairParticipants: docs.Builder.FairParticipants,
	docs.KindFairSettlement:   docs.Builder.FairSettlement,
}

// document is the fair's table of kind k (one of fairTables) in format f, as its button saves it.
func (p *fairPage) document(k docs.Kind, f docs.Format) document {
	build, b, id := fairTables[k], p.s.m.builder, p.f.ID
	return newDocument(k, p.f.Code, f, func(ctx context.Context, w io.Writer) error { return build(b, ctx, id, f, w) })
}

// invalid wraps a parse error as the store's refusal would be.
func fairInvalid(err error) error { return &data.Error{Code: data.EINVALID, Message: err.Error()} }
