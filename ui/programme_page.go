package ui

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// programmePage is one đề án: its title, status moves and documents above tabs for its details
// and targets, its progress with the activities it pays for, and its payments.
type programmePage struct {
	s       *programmeScreen
	g       *data.Programme
	content fyne.CanvasObject
	header  *pageHeader
	form    *programmeForm
	tabs    *container.AppTabs

	detail   *data.ProgrammeDetail // as last read
	progress *fyne.Container
	acts     *fyne.Container
	payments *paymentsTab
}

func newProgrammePage(s *programmeScreen, g *data.Programme) *programmePage {
	p := &programmePage{s: s, g: g}
	p.form = newProgrammeForm(p, g)
	p.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Programme details"), p.form.content))
	if g.ID == 0 {
		p.header = newPageHeader(lang.L("Programmes"), s.back)
	} else {
		p.header = newPageHeader(lang.L("Programmes"), s.back, p.printButtons(), s.m.newHistoryButton("programme", g.ID, g.Code).button)
		p.header.frozen = !s.m.can(data.RightProgrammes) && !s.m.can(data.RightApprove)
		p.progress = container.NewVBox()
		p.acts = container.NewVBox()
		p.payments = newPaymentsTab(p)
		// The bars and the activities behind them on one tab: what a manager asks about at once.
		activities := widget.NewLabelWithStyle(lang.L("Activities"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		p.tabs.Append(container.NewTabItem(lang.L("Progress and activities"),
			container.NewVScroll(container.NewVBox(p.progress, widget.NewSeparator(), activities, p.acts))))
		p.tabs.Append(container.NewTabItem(lang.L("Payments"), p.payments.content))
	}
	p.content = container.NewBorder(p.header.content, nil, nil, nil, p.tabs)
	p.show(g)
	if g.ID != 0 {
		p.reload()
	}
	return p
}

// show puts the đề án's title, status and allowed moves in the header.
func (p *programmePage) show(g *data.Programme) {
	p.g = g
	if g.ID == 0 {
		p.header.show(lang.L("New programme"), "", nil, "", nil)
		return
	}
	next := g.Status.Next()
	p.header.show(g.Code+" · "+g.Name, programmeStatusLabel(g.Status), moveLabels("programmemove.", next),
		lang.L("programmemove."+string(data.ProgrammeCancelled)), func(i int) { p.move(next[i]) })
}

// view implements detail.
func (p *programmePage) view() fyne.CanvasObject { return p.content }

// focus is the field the cursor starts in.
func (p *programmePage) focus() fyne.Focusable { return p.form.name }

// unsaved implements detail.
func (p *programmePage) unsaved() bool { return p.form.dirty }

// save saves the details (Ctrl+S).
func (p *programmePage) save() {
	if p.form.dirty || p.form.e.ID == 0 {
		p.form.save()
	}
}

// reload reads the đề án, its activities and payments again and shows them. Details being
// edited are left alone, so that their save still meets a colleague's newer version as a conflict.
func (p *programmePage) reload() {
	m := p.s.m
	d, err := m.Services.Programmes.ProgrammeDetail(m.ctx(), p.g.ID)
	if err != nil {
		m.showError(err)
		return
	}
	p.detail = d
	if !p.form.dirty {
		p.form.fill(d.Programme)
	}
	p.show(d.Programme)
	p.showProgress()
	p.showActivities()
	p.payments.show()
	p.s.recount()
}

// move changes the đề án's status, asking for the reason of a cancellation.
func (p *programmePage) move(to data.ProgrammeStatus) {
	m := p.s.m
	words := statusWords{
		Unsaved:       lang.L("Save or close the changes to the programme's details first."),
		Question:      lang.L("Move programme {{.Code}} to “{{.Status}}”?", map[string]any{"Code": p.g.Code, "Status": programmeStatusLabel(to)}),
		CancelTitle:   lang.L("Cancel programme"),
		CancelConfirm: lang.L("Cancel the programme"),
		CancelWhy:     lang.L("Why is the programme cancelled?"),
	}
	m.askMove(words, p.form.dirty, to == data.ProgrammeCancelled, func(reason string) {
		g, err := m.Services.Programmes.SetProgrammeStatus(m.ctx(), p.g.ID, p.g.Version, to, reason)
		if err != nil {
			m.showError(err)
			return
		}
		p.form.fill(g)
		p.reload()
	})
}

// printButtons returns the header's buttons that print the đề án's sheet and progress report.
func (p *programmePage) printButtons() fyne.CanvasObject {
	button := func(label string, k docs.Kind, f docs.Format) *widget.Button {
		return widget.NewButtonWithIcon(label, theme.DocumentPrintIcon(), func() { p.s.m.save(p.document(k, f)) })
	}
	return container.NewHBox(
		button(lang.L("Print programme sheet"), docs.KindProgrammeSheet, docs.PDF),
		button(lang.L("Programme sheet (Excel)"), docs.KindProgrammeSheet, docs.XLSX),
		button(lang.L("Progress report"), docs.KindProgrammeProgress, docs.PDF),
		button(lang.L("Progress report (Excel)"), docs.KindProgrammeProgress, docs.XLSX),
	)
}

// document is the đề án's sheet or its progress report as of today (k) in format f, as its
// button saves it.
func (p *programmePage) document(k docs.Kind, f docs.Format) document {
	b, id := p.s.m.builder, p.g.ID
	return newDocument(k, p.g.Code, f, func(ctx context.Context, w io.Writer) error {
		if k == docs.KindProgrammeProgress {
			return b.ProgrammeProgress(ctx, id, vn.Date{}, f, w)
		}
		return b.ProgrammeSheet(ctx, id, f, w)
	})
}

// showProgress draws the money bar and a bar for each target.
func (p *programmePage) showProgress() {
	g := p.detail.Programme
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(lang.L("Money"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		newMoneyBar(g.Support, g.Committed, g.Paid),
		container.NewHBox(
			swatch(theme.ColorNamePrimary), widget.NewLabel(lang.L("Paid")+" "+money(g.Paid)),
			swatch(theme.ColorNameSuccess), widget.NewLabel(lang.L("Committed")+" "+money(g.Committed)),
			swatch(theme.ColorNameInputBackground), widget.NewLabel(lang.L("Planned")+" "+money(g.Support)),
			widget.NewLabel("· "+lang.L("Remaining")+" "+money(g.Remaining()))),
		widget.NewSeparator(),
		widget.NewLabelWithStyle(lang.L("Targets"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	}
	if len(g.Targets) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("The programme has no targets yet.")))
	}
	for _, t := range g.Targets {
		name := t.Label
		if name == "" {
			name = measureLabel(t.Measure)
		}
		bar := widget.NewProgressBar()
		bar.Max = float64(t.Planned)
		bar.SetValue(float64(min(t.Achieved, t.Planned)))
		bar.TextFormatter = func() string {
			return fmt.Sprintf("%d/%d %s (%d%%)", t.Achieved, t.Planned, t.UnitOrDefault(), percent(int64(t.Achieved), int64(t.Planned)))
		}
		objs = append(objs, widget.NewLabel(name), bar)
	}
	p.progress.Objects = objs
	p.progress.Refresh()
}

// percent is part of whole in whole percent, 0 for an empty whole.
func percent(part, whole int64) int64 {
	if whole <= 0 {
		return 0
	}
	return part * 100 / whole
}

// activityKinds are the kinds of activity a đề án's page links to another screen: the store
// names them (data.Activity.Kind) and the navigation's titles name the screens.
var activityKinds = map[data.ActivityKind]string{data.ActivityClass: "Classes", data.ActivityFair: "Fairs"}

// showActivities lists the classes, fairs and equipment the đề án pays for; a class's or fair's
// code opens it.
func (p *programmePage) showActivities() {
	heads := []string{lang.L("Kind"), lang.L("Activity code"), lang.L("Activity"), lang.L("Status"), lang.L("Starts"),
		lang.L("Committed"), lang.L("Paid"), lang.L("Achieved")}
	w := widget.NewLabel(money(1_234_567_000)).MinSize().Width
	cols, labels := newSheetColumns(heads, []float32{widget.NewLabel("Mô hình trình diễn").MinSize().Width, 110, 200, widget.NewLabel("Đã đóng đăng ký").MinSize().Width, 95, w, w, 110}, 2)
	objs := []fyne.CanvasObject{cols.row(labels...)}
	for _, a := range p.detail.Activities {
		var code fyne.CanvasObject = widget.NewLabel(a.Code)
		if _, ok := activityKinds[a.Kind]; ok {
			link := widget.NewHyperlink(a.Code, nil)
			a := a
			link.OnTapped = func() { p.s.m.openActivity(a) }
			code = link
		}
		name := widget.NewLabel(a.Name)
		name.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, cols.row(widget.NewLabel(a.Kind.Label()), code, name, widget.NewLabel(a.Status),
			widget.NewLabel(a.Start.String()),
			widget.NewLabelWithStyle(money(a.Committed), fyne.TextAlignTrailing, fyne.TextStyle{}),
			widget.NewLabelWithStyle(money(a.Paid), fyne.TextAlignTrailing, fyne.TextStyle{}),
			widget.NewLabel(a.Achieved)))
	}
	if len(p.detail.Activities) == 0 {
		objs = append(objs, widget.NewLabel(lang.L("No class, fair or equipment is linked to this programme yet: choose it in their forms.")))
	}
	p.acts.Objects = objs
	p.acts.Refresh()
}

// openActivity shows the class or fair a đề án pays for on its own screen.
func (m *Main) openActivity(a data.Activity) {
	for i, e := range m.entries {
		if e.title != lang.L(activityKinds[a.Kind]) {
			continue
		}
		m.Show(i)
		switch s := m.Current().(type) {
		case *classScreen:
			s.open(&data.Class{ID: a.ID})
		case *fairScreen:
			s.open(&data.Fair{ID: a.ID})
		}
		return
	}
}

// moneyBar draws a đề án's money on one bar: the whole is what is planned (or committed, when
// more is committed than planned), the green part what is committed, the blue what is paid,
// the shorter of the two drawn over the longer; what is committed above the plan shows red at
// the right end.
type moneyBar struct {
	widget.BaseWidget
	planned, committed, paid int64
}

func newMoneyBar(planned, committed, paid int64) *moneyBar {
	b := &moneyBar{planned: planned, committed: committed, paid: paid}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer implements fyne.Widget.
func (b *moneyBar) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	com := canvas.NewRectangle(theme.Color(theme.ColorNameSuccess))
	paid := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	over := canvas.NewRectangle(theme.Color(theme.ColorNameError))
	whole := max(b.planned, b.committed, b.paid)
	share := func(v int64) float32 {
		if whole <= 0 {
			return 0
		}
		return float32(v) / float32(whole)
	}
	parts := barLayout{{bg, 1}, {com, share(b.committed)}, {paid, share(b.paid)}, {over, share(max(b.committed-b.planned, 0))}}
	if b.paid > b.committed { // general costs are paid without being committed: the shorter part on top
		parts[1], parts[2] = parts[2], parts[1]
	}
	return widget.NewSimpleRenderer(container.New(parts, parts[0].o, parts[1].o, parts[2].o, parts[3].o))
}

// swatch is the colour of a part of the money bar, beside its name.
func swatch(c fyne.ThemeColorName) fyne.CanvasObject {
	r := canvas.NewRectangle(theme.Color(c))
	r.SetMinSize(fyne.NewSize(14, 14))
	r.StrokeColor = theme.Color(theme.ColorNameForeground)
	r.StrokeWidth = 0.5
	return container.NewCenter(r)
}

// barLayout lays each object from the left over the given share of the width; the last, the
// part committed above the plan, from the right.
type barLayout []struct {
	o     fyne.CanvasObject
	share float32
}

func (l barLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	for i, p := range l {
		w := size.Width * p.share
		x := float32(0)
		if i == len(l)-1 {
			x = size.Width - w
		}
		p.o.Move(fyne.NewPos(x, 0))
		p.o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(200, 24) }
