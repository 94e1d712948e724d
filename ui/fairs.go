package ui

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// fairScreen is the list of trade fairs; opening one shows its page: the fair's details, its
// booths and booth map, the bookings and the results.
type fairScreen struct {
	m       *Main
	content *fyne.Container // the list, or a fair's page

	list   fyne.CanvasObject
	search *widgets.Entry
	year   *widget.Select
	kind   *widget.Select
	status *widget.Select
	count  *widget.Label
	table  *widgets.PagedTable[*data.Fair]

	page *fairPage

	// typing reloads once the clerk pauses typing in the search box.
	typing debouncer
}

func newFairScreen(m *Main) *fairScreen {
	s := &fairScreen{m: m, typing: debouncer{delay: typingPause}}
	s.build()
	s.reload()
	return s
}

// Content implements Screen.
func (s *fairScreen) Content() fyne.CanvasObject { return s.content }

// New opens a new fair (Ctrl+N) with a proposed code and the default rule of its kind.
func (s *fairScreen) New() {
	if s.page != nil && s.page.dirty() {
		s.confirmDiscard(s.New)
		return
	}
	f := &data.Fair{Kind: data.FairCentre, Status: data.FairPlanned, Country: "Việt Nam"}
	if code, err := s.m.Services.Fairs.NextFairCode(s.m.ctx(), s.m.today().Year); err == nil {
		f.Code = code
	}
	f.Rule = s.defaultRule(f.Kind)
	s.open(f)
}

// defaultRule is the settings' support rule for fairs of kind k.
func (s *fairScreen) defaultRule(k data.FairKind) data.SupportRule {
	st, err := s.m.Services.Fairs.FairSettings(s.m.ctx())
	if err != nil {
		st = data.DefaultFairSettings()
	}
	if r, ok := st.Rules[k]; ok {
		return r
	}
	return data.DefaultFairSettings().Rules[k]
}

// Save saves what the fair page shows (Ctrl+S).
func (s *fairScreen) Save() {
	if s.page != nil {
		s.page.save()
	}
}

// Find puts the cursor in the search box (Ctrl+F), back on the list.
func (s *fairScreen) Find() {
	if s.page != nil {
		s.back()
	}
	s.m.Window.Canvas().Focus(s.search)
}

func (s *fairScreen) build() {
	s.search = widgets.NewEntry()
	s.search.SetPlaceHolder(lang.L("Search fairs by code, name, organiser, venue, city… (Ctrl+F)"))
	s.search.OnChanged = func(string) { s.typing.call(s.reload) }
	s.search.OnEscape = func() { s.search.SetText("") }

	years := []string{lang.L("All years")}
	for y := time.Now().Year() + 1; y >= 2015; y-- {
		years = append(years, strconv.Itoa(y))
	}
	s.year = widget.NewSelect(years, func(string) { s.reload() })
	s.year.SetSelectedIndex(0)
	kinds := []string{lang.L("All kinds of fair")}
	for _, k := range data.FairKinds {
		kinds = append(kinds, fairKindLabel(k))
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.reload() })
	s.kind.SetSelectedIndex(0)
	statuses := []string{lang.L("All statuses")}
	for _, st := range data.FairStatuses {
		statuses = append(statuses, fairStatusLabel(st))
	}
	s.status = widget.NewSelect(statuses, func(string) { s.reload() })
	s.status.SetSelectedIndex(0)
	s.count = widget.NewLabel("")
	s.count.TextStyle.Bold = true

	s.table = widgets.NewPagedTable([]widgets.Column[*data.Fair]{
		{Title: lang.L("Fair code"), Width: 115, Text: func(f *data.Fair) string { return f.Code }},
		{Title: lang.L("Fair"), Width: 260, Text: func(f *data.Fair) string { return f.Name }},
		{Title: lang.L("Fair kind"), Width: 175, Text: func(f *data.Fair) string { return fairKindLabel(f.Kind) }},
		{Title: lang.L("City / country"), Width: 150, Text: fairPlace},
		{Title: lang.L("Fair dates"), Width: 195, Text: func(f *data.Fair) string { return f.Start.String() + " – " + f.End.String() }},
		{Title: lang.L("Booths booked"), Width: 95, Trailing: true, Text: func(f *data.Fair) string { return fmt.Sprintf("%d/%d", f.Booked, f.Booths) }},
		{Title: lang.L("Status"), Width: 165, Text: func(f *data.Fair) string { return fairStatusLabel(f.Status) }},
	}, "")
	s.table.Fetch = func(offset, limit int, _ string, _ bool) ([]*data.Fair, error) {
		f := s.filter()
		f.Offset, f.Limit = offset, limit
		return s.m.Services.Fairs.FindFairs(s.m.ctx(), f) // newest first
	}
	s.table.OnActivated = func(f *data.Fair) { s.open(f) }
	s.table.OnError = s.m.showError

	add := widget.NewButtonWithIcon(lang.L("Add fair"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	top := container.NewBorder(nil, nil, nil, add, s.search)
	filters := container.NewBorder(nil, nil, nil, s.count, container.NewGridWithColumns(3, s.year, s.kind, s.status))
	s.list = container.NewBorder(container.NewVBox(top, filters), nil, nil, nil, s.table)
	s.content = container.NewStack(s.list)
}

// fairPlace is "Hà Nội" at home, "Thượng Hải, Trung Quốc" abroad.
func fairPlace(f *data.Fair) string {
	if f.Country == "" || f.Country == "Việt Nam" {
		return f.City
	}
	if f.City == "" {
		return f.Country
	}
	return f.City + ", " + f.Country
}

func (s *fairScreen) filter() data.FairFilter {
	f := data.FairFilter{Search: s.search.Text}
	if i := s.year.SelectedIndex(); i > 0 {
		y, _ := strconv.Atoi(s.year.Selected)
		f.Year = &y
	}
	if i := s.kind.SelectedIndex(); i > 0 {
		f.Kind = &data.FairKinds[i-1]
	}
	if i := s.status.SelectedIndex(); i > 0 {
		f.Status = &data.FairStatuses[i-1]
	}
	return f
}

func (s *fairScreen) reload() {
	if s.table == nil || s.status == nil {
		return // still being built
	}
	n, err := s.m.Services.Fairs.CountFairs(s.m.ctx(), s.filter())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.count.SetText(lang.L("{{.Count}} fairs", map[string]any{"Count": vn.FormatInt(int64(n))}))
	s.table.Reset(n)
}

// open shows a fair's page in place of the list.
func (s *fairScreen) open(f *data.Fair) {
	if f.ID != 0 {
		fresh, err := s.m.Services.Fairs.FindFairByID(s.m.ctx(), f.ID)
		if err != nil {
			s.m.showError(err)
			return
		}
		f = fresh
	}
	s.page = newFairPage(s, f)
	s.content.Objects = []fyne.CanvasObject{s.page.content}
	s.content.Refresh()
	s.m.Window.Canvas().Focus(s.page.form.name)
}

// back returns to the list, asking first if the fair has unsaved changes.
func (s *fairScreen) back() {
	if s.page != nil && s.page.dirty() {
		s.confirmDiscard(s.back)
		return
	}
	s.page = nil
	s.content.Objects = []fyne.CanvasObject{s.list}
	s.content.Refresh()
	s.reload()
}

// confirmDiscard asks before dropping the open fair's unsaved changes, then runs next.
func (s *fairScreen) confirmDiscard(next func()) {
	s.m.confirmDiscard(func() {
		s.page = nil
		next()
	})
}

// fairKindLabel names a kind of fair in the interface's language.
func fairKindLabel(k data.FairKind) string { return lang.L("fairkind." + string(k)) }

// fairStatusLabel names a fair's status in the interface's language.
func fairStatusLabel(st data.FairStatus) string { return lang.L("fairstatus." + string(st)) }

// bookingStatusLabel names a booking's status in the interface's language.
func bookingStatusLabel(st data.BookingStatus) string { return lang.L("bookingstatus." + string(st)) }

// boothKindLabel names a kind of booth in the interface's language.
func boothKindLabel(k data.BoothKind) string { return lang.L("boothkind." + string(k)) }

// money writes a sum of đồng, blank for nothing.
func fairMoney(v int64) string {
	if v == 0 {
		return ""
	}
	return vn.FormatMoney(v)
}

// ruleText says a support rule in a line: "80%, tối đa 12.000.000 đ/gian, 24.000.000 đ/doanh nghiệp".
func ruleText(r data.SupportRule) string {
	out := lang.L("{{.Share}}% of the fee", map[string]any{"Share": r.SharePercent})
	if r.CapPerBooth > 0 {
		out += lang.L(", at most {{.Cap}} a booth", map[string]any{"Cap": vn.FormatMoney(r.CapPerBooth)})
	}
	if r.CapPerEnterprise > 0 {
		out += lang.L(", at most {{.Cap}} an enterprise", map[string]any{"Cap": vn.FormatMoney(r.CapPerEnterprise)})
	}
	return out
}

// parseMetres reads a length typed in metres ("3", "2,5", "2.5") as centimetres.
func parseMetres(s string) (int, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "m"))
	t = strings.ReplaceAll(t, ",", ".")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || v > 1000 {
		return 0, errors.New(lang.L("Type a size in metres greater than 0, such as 3 or 2,5."))
	}
	return int(math.Round(v * 100)), nil
}

// fairPage is one fair: its title, status moves and documents above tabs for its details,
// booths and map, bookings and results.
type fairPage struct {
	s       *fairScreen
	f       *data.Fair
	content fyne.CanvasObject
	title   *widget.Label
	status  *widget.Label
	moves   *fyne.Container
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
	back := widget.NewButtonWithIcon(lang.L("Fairs"), theme.NavigateBackIcon(), s.back)
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.status = widget.NewLabel("")
	p.moves = container.NewHBox()
	p.form = newFairForm(p, f)
	p.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Fair details"), p.form.content))
	var right fyne.CanvasObject = p.moves
	if f.ID != 0 {
		p.booths = newBoothsTab(p)
		p.bookings = newBookingsTab(p)
		p.results = newFairResultsTab(p)
		p.tabs.Append(container.NewTabItem(lang.L("Booths and map"), p.booths.content))
		p.tabs.Append(container.NewTabItem(lang.L("Fair bookings"), p.bookings.content))
		p.tabs.Append(container.NewTabItem(lang.L("Fair results"), p.results.content))
		right = container.NewHBox(p.moves, p.printButtons())
		p.reload()
	}
	header := container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(back, p.status), nil, p.title),
		container.NewHScroll(container.NewBorder(nil, nil, nil, right))) // never wider than the window
	p.content = container.NewBorder(header, nil, nil, nil, p.tabs)
	p.show(f)
	return p
}

// show puts the fair's title, status and allowed moves in the header.
func (p *fairPage) show(f *data.Fair) {
	p.f = f
	if f.ID == 0 {
		p.title.SetText(lang.L("New fair"))
		p.status.SetText("")
	} else {
		p.title.SetText(f.Code + " · " + f.Name)
		p.status.SetText("[" + fairStatusLabel(f.Status) + "]")
	}
	p.moves.RemoveAll()
	if f.ID == 0 {
		return
	}
	for _, to := range f.Status.Next() {
		b := widget.NewButton(lang.L("fairmove."+string(to)), func() { p.move(to) })
		if to == data.FairCancelled {
			b.Importance = widget.DangerImportance
		}
		p.moves.Add(b)
	}
}

// dirty reports whether anything on the page is changed and not saved.
func (p *fairPage) dirty() bool { return p.form.dirty || p.results != nil && p.results.dirty() }

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
	if p.form.dirty {
		dialog.ShowInformation(lang.L("Change status"), lang.L("Save or close the changes to the fair's details first."), p.s.m.Window)
		return
	}
	run := func(reason string) {
		f, err := p.s.m.Services.Fairs.SetFairStatus(p.s.m.ctx(), p.f.ID, p.f.Version, to, reason)
		if err != nil {
			p.s.m.showError(err)
			return
		}
		p.form.fill(f)
		p.reload()
	}
	if to != data.FairCancelled {
		msg := lang.L("Move fair {{.Code}} to “{{.Status}}”?", map[string]any{"Code": p.f.Code, "Status": fairStatusLabel(to)})
		dialog.ShowConfirm(lang.L("Change status"), msg, func(ok bool) {
			if ok {
				run("")
			}
		}, p.s.m.Window)
		return
	}
	reason := widget.NewMultiLineEntry()
	reason.SetPlaceHolder(lang.L("Why is the fair cancelled?"))
	dialog.ShowForm(lang.L("Cancel fair"), lang.L("Cancel the fair"), lang.L("Close"),
		[]*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason)}, func(ok bool) {
			if ok {
				run(reason.Text)
			}
		}, p.s.m.Window)
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
	filling                                   bool
}

func newFairForm(p *fairPage, f *data.Fair) *fairForm {
	ff := &fairForm{p: p}
	ff.build()
	ff.fill(f)
	return ff
}

func (f *fairForm) entry(valid func(string) error) *widgets.Entry {
	e := widgets.NewEntry()
	e.Validator = valid
	e.OnChanged = func(string) { f.dirty = true }
	e.OnEscape = f.p.s.back
	return e
}

func (f *fairForm) build() {
	f.message = messageLabel()
	required := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("This cannot be empty."))
		}
		return nil
	}
	date := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Type a date such as 28/11/2026."))
		}
		_, err := vn.ParseDate(s)
		return err
	}
	optionalDate := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := vn.ParseDate(s)
		return err
	}
	moneyValid := func(s string) error { _, err := vn.ParseMoney(s); return err }
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
	f.start = f.entry(date)
	f.start.SetPlaceHolder("dd/mm/yyyy")
	f.end = f.entry(date)
	f.end.SetPlaceHolder("dd/mm/yyyy")
	f.deadline = f.entry(optionalDate)
	f.deadline.SetPlaceHolder("dd/mm/yyyy")
	f.price = f.entry(moneyValid)
	f.price.SetPlaceHolder("12 triệu")
	f.share = f.entry(percent)
	f.capBooth = f.entry(moneyValid)
	f.capEnterprise = f.entry(moneyValid)
	f.abroadMax = f.entry(wholeNumber)

	form := widget.NewForm(
		widget.NewFormItem(lang.L("Fair code"), f.code),
		widget.NewFormItem(lang.L("Fair name"), f.name),
		widget.NewFormItem(lang.L("Fair kind"), f.kind),
		widget.NewFormItem(lang.L("Fair organiser"), f.organiser),
		widget.NewFormItem(lang.L("Fair venue"), f.venue),
		widget.NewFormItem(lang.L("Fair city"), f.city),
		widget.NewFormItem(lang.L("Fair country"), f.country),
		widget.NewFormItem(lang.L("Opens on"), f.start),
		widget.NewFormItem(lang.L("Closes on"), f.end),
		widget.NewFormItem(lang.L("Registration deadline"), f.deadline),
		widget.NewFormItem(lang.L("Default booth price (đồng)"), f.price),
		widget.NewFormItem(lang.L("Share of the fee supported (%)"), f.share),
		widget.NewFormItem(lang.L("Support cap per booth (đồng)"), f.capBooth),
		widget.NewFormItem(lang.L("Support cap per enterprise (đồng)"), f.capEnterprise),
		widget.NewFormItem(lang.L("Supported fairs abroad per enterprise a year"), f.abroadMax),
	)
	save := widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	save.Importance = widget.HighImportance
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
	f.capBooth.SetText(fairMoneyText(r.CapPerBooth))
	f.capEnterprise.SetText(fairMoneyText(r.CapPerEnterprise))
	f.abroadMax.SetText(strconv.Itoa(r.AbroadPerYear))
}

func fairMoneyText(v int64) string {
	if v == 0 {
		return ""
	}
	return vn.FormatInt(v)
}

func fairDateText(d vn.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
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
	f.start.SetText(fairDateText(fair.Start))
	f.end.SetText(fairDateText(fair.End))
	f.deadline.SetText(fairDateText(fair.Deadline))
	f.price.SetText(fairMoneyText(fair.BoothPrice))
	f.fillRule(fair.Rule)
	f.message.Hide()
	f.dirty = false
}

// read returns the fair the fields describe, over the fair being edited.
func (f *fairForm) read() (*data.Fair, error) {
	fair := *f.e
	fair.Code, fair.Name, fair.Organiser, fair.Venue = f.code.Text, f.name.Text, f.organiser.Text, f.venue.Text
	fair.City, fair.Country = f.city.Text, f.country.Text
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
		if data.ErrorCode(err) == data.EINTERNAL {
			m.showError(err)
			return
		}
		f.message.SetText(data.ErrorMessage(err))
		f.message.Show()
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

// enterpriseFairHistory is an enterprise's fairs, newest first: the fair, its dates, the booths
// held, the booking's status and the support. The enterprise form embeds it.
func enterpriseFairHistory(m *Main, enterpriseID int64) fyne.CanvasObject {
	if m.Services.Fairs == nil || enterpriseID == 0 {
		return widget.NewLabel(lang.L("No fairs yet."))
	}
	bs, err := m.Services.Fairs.EnterpriseBookings(m.ctx(), enterpriseID)
	if err != nil {
		m.showError(err)
		return widget.NewLabel("")
	}
	if len(bs) == 0 {
		return widget.NewLabel(lang.L("No fairs yet."))
	}
	fairs := map[int64]*data.Fair{}
	for _, b := range bs {
		if _, ok := fairs[b.FairID]; !ok {
			if f, err := m.Services.Fairs.FindFairByID(m.ctx(), b.FairID); err == nil {
				fairs[b.FairID] = f
			}
		}
	}
	widths := []float32{260, 170, 110, 110, 130}
	heads := []string{lang.L("Fair"), lang.L("Fair dates"), lang.L("Booths held"), lang.L("Status"), lang.L("Support granted")}
	t := widget.NewTable(
		func() (int, int) { return len(bs), len(widths) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			b, l := bs[id.Row], o.(*widget.Label)
			f := fairs[b.FairID]
			switch id.Col {
			case 0:
				if f != nil {
					l.SetText(f.Code + " · " + f.Name)
				}
			case 1:
				if f != nil {
					l.SetText(f.Start.String() + " – " + f.End.String())
				}
			case 2:
				l.SetText(strings.Join(b.Booths, ", "))
			case 3:
				l.SetText(bookingStatusLabel(b.Status))
			case 4:
				l.SetText(fairMoney(b.Support))
			}
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(heads) {
			o.(*widget.Label).SetText(heads[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}
