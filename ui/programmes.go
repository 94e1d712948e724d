package ui

import (
	"context"
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

// programmeScreen is the Đề án screen: a year's plan with its totals above the list of the year's
// đề án; opening one shows its page: details and targets, progress, activities and payments.
type programmeScreen struct {
	*listScreen[*data.Programme, *programmePage]

	year    *widget.Select
	years   []int
	content *choice[data.Content]
	funding *choice[data.Funding]
	status  *choice[data.ProgrammeStatus]
	plan    *planPanel
}

func newProgrammeScreen(m *Main) *programmeScreen {
	s := &programmeScreen{listScreen: newListScreen[*data.Programme, *programmePage](m)}
	for y := m.today().Year + 1; y >= firstYear; y-- {
		s.years = append(s.years, y)
	}
	s.year = widget.NewSelect(labelsOf(s.years, strconv.Itoa), func(string) { s.reload() })
	s.year.SetSelected(strconv.Itoa(m.today().Year))
	s.content = newChoice(lang.L("All contents"), data.Contents, contentLabel, s.reload)
	s.funding = newChoice(lang.L("All funding sources"), data.Fundings, fundingLabel, s.reload)
	s.status = newChoice(lang.L("All statuses"), data.ProgrammeStatuses, programmeStatusLabel, s.reload)
	s.plan = newPlanPanel(s)
	svc := m.Services.Programmes
	add := widget.NewButtonWithIcon(lang.L("Add programme"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	s.m.allow(data.RightProgrammes, add)
	sample := money(1_234_567_000)
	s.build(listSpec[*data.Programme, *programmePage]{
		Header: s.plan.content,
		Search: lang.L("Search programmes by code, name, unit, decision… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Programme]{
			{Title: lang.L("Programme code"), Samples: []string{"ĐA-12/2026"}, Text: func(p *data.Programme) string { return p.Code }},
			{Title: lang.L("Programme"), Width: 240, Grow: true, Text: func(p *data.Programme) string { return p.Name }},
			{Title: lang.L("Content"), Samples: labelsOf(data.Contents, contentShort), Optional: true, Text: func(p *data.Programme) string { return contentShort(p.Content) }},
			{Title: lang.L("Source"), Samples: labelsOf(data.Fundings, fundingShort), Optional: true, Text: func(p *data.Programme) string { return fundingShort(p.Funding) }},
			{Title: lang.L("Status"), Samples: labelsOf(data.ProgrammeStatuses, programmeStatusLabel), Text: func(p *data.Programme) string { return programmeStatusLabel(p.Status) }},
			{Title: lang.L("Support"), Samples: []string{sample}, Trailing: true, Text: func(p *data.Programme) string { return money(p.Support) }},
			{Title: lang.L("Committed"), Samples: []string{sample}, Trailing: true, Text: func(p *data.Programme) string { return money(p.Committed) }},
			{Title: lang.L("Paid"), Samples: []string{sample}, Trailing: true, Text: func(p *data.Programme) string { return money(p.Paid) }},
			{Title: lang.L("Remaining"), Samples: []string{sample}, Trailing: true, Text: remainingText},
		},
		Filters:       []fyne.CanvasObject{s.content, s.funding, s.status},
		FilterColumns: 3,
		Actions:       []fyne.CanvasObject{add},
		Count: func(ctx context.Context) (int, error) {
			s.plan.show(ctx)
			return svc.CountProgrammes(ctx, s.filter())
		},
		CountText: "{{.Count}} programmes",
		Fetch: func(ctx context.Context, offset, limit int, _ string, _ bool) ([]*data.Programme, error) {
			f := s.filter()
			f.Offset, f.Limit = offset, limit
			return svc.FindProgrammes(ctx, f) // by code
		},
		Open: func(p *data.Programme) (*programmePage, error) {
			if p.ID != 0 {
				var err error
				if p, err = svc.FindProgrammeByID(m.ctx(), p.ID); err != nil {
					return nil, err
				}
			}
			return newProgrammePage(s, p), nil
		},
		Page: true,
	})
	return s
}

// remainingText is what remains of a đề án's support; a cancelled one has nothing left to pay.
func remainingText(p *data.Programme) string {
	if p.Status == data.ProgrammeCancelled {
		return "—"
	}
	return money(p.Remaining())
}

// chosenYear is the year whose plan is shown.
func (s *programmeScreen) chosenYear() int {
	if i := s.year.SelectedIndex(); i >= 0 {
		return s.years[i]
	}
	return s.m.today().Year
}

func (s *programmeScreen) filter() data.ProgrammeFilter {
	y := s.chosenYear()
	return data.ProgrammeFilter{Search: s.search.Text, Year: &y, Content: s.content.value(),
		Funding: s.funding.value(), Status: s.status.value()}
}

// New opens a new đề án of the year's plan (Ctrl+N); a year without a plan asks for the plan first.
func (s *programmeScreen) New() {
	if s.plan.summary == nil || s.plan.summary.Plan == nil {
		s.plan.edit()
		return
	}
	y := s.chosenYear()
	p := &data.Programme{PlanID: s.plan.summary.Plan.ID, Year: y, Content: data.ContentTraining,
		Funding: data.FundingLocal, Status: data.ProgrammeProposed,
		Start: vn.Date{Year: y, Month: 1, Day: 1}, End: vn.Date{Year: y, Month: 12, Day: 31}}
	p.Code = s.nextCode(y)
	s.open(p)
}

// nextCode proposes "ĐA-NN/YEAR" after the year's đề án.
func (s *programmeScreen) nextCode(year int) string {
	n := 0
	if s.plan.summary != nil {
		n = len(s.plan.summary.Programmes)
	}
	for {
		n++
		code := "ĐA-" + pad2(n) + "/" + strconv.Itoa(year)
		if _, err := s.m.Services.Programmes.FindProgrammeByCode(s.m.ctx(), year, code); data.ErrorCode(err) == data.ENOTFOUND || n > 999 {
			return code
		}
	}
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// planPanel is the top of the Đề án screen: the year chooser, the year's plan with its decision
// and the button that creates or edits it, and the year's money by funding source.
type planPanel struct {
	s       *programmeScreen
	content fyne.CanvasObject
	title   *widget.Label
	editB   *widget.Button
	totals  *fyne.Container
	cols    *sheetColumns
	summary *data.PlanSummary // as last read
	// dialog is the plan's dialog last opened.
	dialog *planDialog
}

func newPlanPanel(s *programmeScreen) *planPanel {
	p := &planPanel{s: s}
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.editB = widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), p.edit)
	heads := []string{lang.L("Funding"), lang.L("Support"), lang.L("Own contribution"), lang.L("Committed"), lang.L("Paid"), lang.L("Remaining")}
	w := widget.NewLabel(money(123_456_789_000)).MinSize().Width
	cols, labels := newSheetColumns(heads, []float32{200, w, w, w, w, w}, 0)
	p.cols = cols
	p.totals = container.NewVBox(cols.row(labels...))
	yearLabel := widget.NewLabel(lang.L("Plan year"))
	top := container.NewBorder(nil, nil, container.NewHBox(yearLabel, s.year), p.editB, p.title)
	p.content = container.NewVBox(top, p.totals, widget.NewSeparator())
	return p
}

// show reads the chosen year's plan and totals again.
func (p *planPanel) show(ctx context.Context) {
	sum, err := p.s.m.Services.Programmes.PlanSummary(ctx, p.s.chosenYear())
	if err != nil {
		p.s.m.showError(err)
		return
	}
	p.summary = sum
	if sum.Plan == nil {
		p.title.SetText(lang.L("No plan for {{.Year}} yet.", map[string]any{"Year": p.s.chosenYear()}))
		p.editB.SetText(lang.L("Create plan…"))
	} else {
		t := sum.Plan.Name
		if sum.Plan.Decision != "" {
			t += " — " + lang.L("Decision {{.Number}}", map[string]any{"Number": sum.Plan.Decision})
			if !sum.Plan.DecisionDate.IsZero() {
				t += " " + lang.L("of {{.Date}}", map[string]any{"Date": sum.Plan.DecisionDate.String()})
			}
		}
		p.title.SetText(t)
		p.editB.SetText(lang.L("Edit plan…"))
	}
	rows := p.totals.Objects[:1]
	for _, f := range data.Fundings {
		var sup, own, com, paid int64
		for _, g := range sum.Programmes {
			if g.Funding == f && g.Status != data.ProgrammeCancelled {
				sup, own, com, paid = sup+g.Support, own+g.Own, com+g.Committed, paid+g.Paid
			}
		}
		rows = append(rows, p.totalRow(fundingLabel(f), false, sup, own, com, paid))
	}
	rows = append(rows, p.totalRow(lang.L("Total"), true, sum.Support, sum.Own, sum.Committed, sum.Paid))
	p.totals.Objects = rows
	p.totals.Refresh()
}

// totalRow is one line of the totals: support, own, committed, paid and what remains to pay.
func (p *planPanel) totalRow(name string, bold bool, sup, own, com, paid int64) fyne.CanvasObject {
	cells := []fyne.CanvasObject{widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: bold})}
	for _, v := range []int64{sup, own, com, paid, sup - paid} {
		cells = append(cells, widget.NewLabelWithStyle(money(v), fyne.TextAlignTrailing, fyne.TextStyle{Bold: bold}))
	}
	return p.cols.row(cells...)
}

// planDialog asks for a year's plan: its name, decision and notes.
type planDialog struct {
	*formDialog
	name, decision, date, notes *widgets.Entry
}

// edit asks for the chosen year's plan; a new one is proposed a name.
func (p *planPanel) edit() {
	m := p.s.m
	y := p.s.chosenYear()
	plan := &data.Plan{Year: y, Name: lang.L("Industrial promotion plan of Hanoi for {{.Year}}", map[string]any{"Year": y})}
	if p.summary != nil && p.summary.Plan != nil {
		c := *p.summary.Plan
		plan = &c
	}
	d := &planDialog{formDialog: newFormDialog(m)}
	d.name, d.decision, d.date, d.notes = d.entry(required), d.entry(nil), d.entry(optionalDate), d.entry(nil)
	d.date.SetPlaceHolder("dd/mm/yyyy")
	d.name.SetText(plan.Name)
	d.decision.SetText(plan.Decision)
	d.date.SetText(plan.DecisionDate.String())
	d.notes.SetText(plan.Notes)
	p.dialog = d
	d.show(lang.L("Plan of {{.Year}}", map[string]any{"Year": y}), lang.L("Save plan"), []*widget.FormItem{
		widget.NewFormItem(starred(lang.L("Plan name")), d.name),
		widget.NewFormItem(lang.L("Decision number"), d.decision),
		widget.NewFormItem(lang.L("Decision date"), d.date),
		widget.NewFormItem(lang.L("Notes"), d.notes),
	}, fyne.NewSize(640, 320), func() error {
		c := *plan
		c.Name, c.Decision, c.Notes = d.name.Text, d.decision.Text, d.notes.Text
		var err error
		if c.DecisionDate, err = parseOptionalDate(d.date.Text); err != nil {
			return fairInvalid(err)
		}
		if err := m.Services.Programmes.SavePlan(m.ctx(), &c); err != nil {
			return err
		}
		p.s.reload()
		return nil
	})
}

// parseOptionalDate reads a date that may be left blank (the zero date).
func parseOptionalDate(s string) (vn.Date, error) {
	if strings.TrimSpace(s) == "" {
		return vn.Date{}, nil
	}
	return vn.ParseDate(s)
}

// contentLabel names a content of khuyến công in the interface's language.
func contentLabel(c data.Content) string { return lang.L("content." + string(c)) }

// contentShort names a content in a few words, for the list's column.
func contentShort(c data.Content) string { return lang.L("contentshort." + string(c)) }

// fundingLabel names a funding source in the interface's language.
func fundingLabel(f data.Funding) string { return lang.L("funding." + string(f)) }

// fundingShort names a funding source in a word, for the list's narrow column.
func fundingShort(f data.Funding) string { return lang.L("fundingshort." + string(f)) }

// programmeStatusLabel names a đề án's status in the interface's language.
func programmeStatusLabel(st data.ProgrammeStatus) string {
	return lang.L("programmestatus." + string(st))
}

// measureLabel names what a target counts in the interface's language.
func measureLabel(ms data.Measure) string { return lang.L("measure." + string(ms)) }

// paymentKindLabel names a kind of payment in the interface's language.
func paymentKindLabel(k data.PaymentKind) string { return lang.L("paymentkind." + string(k)) }
