package ui

import (
	"strconv"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// dashboardScreen is Tổng quan, the window's first screen: a year's figures beside the year
// before's, each opening the list behind it, and bar charts of the results and the budget.
type dashboardScreen struct {
	m       *Main
	years   []int
	year    *widget.Select
	note    *widget.Label
	tiles   []*figureTile
	compare *widgets.BarChart // the counts, the year beside the one before
	funding *widgets.BarChart // the budget by funding source
	content *widgets.BarChart // the budget by content
	view    fyne.CanvasObject
	// dash is the figures shown; loads counts the loads started so that only the newest shows;
	// pending waits for the loads still running (tests).
	dash    *data.Dashboard
	loads   int
	pending sync.WaitGroup
}

// figure is one tile of the dashboard: what it counts, how it is written and which list it opens.
type figure struct {
	title string
	// value is the figure of a year, as compared with the year before; rates are in tenths of a
	// percent.
	value func(f *data.Figures) int64
	rate  bool
	money bool
	// detail is the small line under the value, "" for none.
	detail func(f *data.Figures) string
	// open shows the list behind the figure for a year.
	open func(s *dashboardScreen, year int)
}

func newDashboardScreen(m *Main) *dashboardScreen {
	s := &dashboardScreen{m: m}
	for y := m.today().Year + 1; y >= firstYear; y-- {
		s.years = append(s.years, y)
	}
	s.year = widget.NewSelect(labelsOf(s.years, strconv.Itoa), func(string) { s.load() })
	s.note = widget.NewLabel("")
	grid := container.NewGridWithColumns(4)
	for _, f := range figures() {
		t := newFigureTile(f, func() { f.open(s, s.chosenYear()) })
		s.tiles = append(s.tiles, t)
		grid.Add(t)
	}
	s.compare = widgets.NewBarChart(lang.L("Results beside the year before"))
	s.compare.RowScale = true
	s.compare.Format = func(v int64) string { return vn.FormatInt(v) }
	s.compare.OnTapped = func(i int) { figures()[i].open(s, s.chosenYear()) }
	s.funding = s.budgetChart(lang.L("Budget by funding source"), func(p *programmeScreen, i int) { p.funding.choose(data.Fundings[i]) })
	s.content = s.budgetChart(lang.L("Budget by content"), func(p *programmeScreen, i int) { p.content.choose(data.Contents[i]) })
	heading := widget.NewLabelWithStyle(lang.L("Overview"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewHBox(heading, widget.NewLabel(lang.L("Year")), s.year, s.note)
	charts := container.NewVBox(container.NewGridWithColumns(2, s.compare, s.funding), s.content)
	// The top comes first among the objects, as NewBorder would not put it: Tab follows their
	// order, and the year goes before the tiles and charts it sets, not after them.
	s.view = container.New(layout.NewBorderLayout(top, nil, nil, nil), top,
		container.NewVScroll(container.NewVBox(grid, widget.NewSeparator(), charts)))
	s.year.SetSelected(strconv.Itoa(m.today().Year))
	return s
}

// Content implements Screen.
func (s *dashboardScreen) Content() fyne.CanvasObject { return s.view }

// shown reads the figures again each time the dashboard is shown after another screen.
func (s *dashboardScreen) shown() {
	if s.dash != nil {
		s.load()
	}
}

// chosenYear is the year shown.
func (s *dashboardScreen) chosenYear() int {
	if i := s.year.SelectedIndex(); i >= 0 {
		return s.years[i]
	}
	return s.m.today().Year
}

// load reads the chosen year's figures off the UI goroutine and shows them.
func (s *dashboardScreen) load() {
	s.loads++
	n, year := s.loads, s.chosenYear()
	s.note.SetText(lang.L("Loading…"))
	s.pending.Add(1)
	go func() {
		defer s.pending.Done()
		d, err := s.m.Services.Reports.Dashboard(s.m.ctx(), year)
		fyne.DoAndWait(func() {
			if n != s.loads {
				return // another year was chosen meanwhile
			}
			if err != nil {
				s.note.SetText("")
				s.m.showError(err)
				return
			}
			s.show(d)
		})
		// The figures read the whole register, and Tổng quan is the first screen after sign-in:
		// what both leave behind is not needed by the idle window.
		s.m.releaseMemory()
	}()
}

// show puts the figures of d on the tiles and the charts.
func (s *dashboardScreen) show(d *data.Dashboard) {
	s.dash = d
	s.note.SetText(lang.L("Compared with {{.Year}}", map[string]any{"Year": d.Year - 1}))
	for _, t := range s.tiles {
		t.show(d)
	}
	var rows []widgets.BarRow
	for _, f := range figures() {
		rows = append(rows, widgets.BarRow{Label: f.title, Values: []int64{f.value(&d.Current), f.value(&d.Previous)}})
	}
	s.compare.Series = []string{strconv.Itoa(d.Year), strconv.Itoa(d.Year - 1)}
	s.compare.SetRows(rows[:countFigures])
	s.funding.SetRows(budgetRows(d.Current.ByFunding))
	s.content.SetRows(budgetRows(d.Current.ByContent))
}

// budgetChart is a chart of the year's budget, planned, committed and paid, whose line i opens
// the year's đề án as choose filters them.
func (s *dashboardScreen) budgetChart(title string, choose func(p *programmeScreen, i int)) *widgets.BarChart {
	c := widgets.NewBarChart(title, lang.L("Planned"), lang.L("Committed"), lang.L("Paid"))
	c.Format = money
	c.OnTapped = func(i int) {
		openList(s.m, lang.L("Programmes"), func(p *programmeScreen) {
			p.year.SetSelected(strconv.Itoa(s.chosenYear()))
			choose(p, i)
		})
	}
	return c
}

// budgetRows are the chart lines of budget rows: planned, committed and paid.
func budgetRows(rows []data.BudgetRow) []widgets.BarRow {
	out := make([]widgets.BarRow, len(rows))
	for i, r := range rows {
		out[i] = widgets.BarRow{Label: r.Label, Values: []int64{r.Planned, r.Committed, r.Paid}}
	}
	return out
}

// countFigures is how many of the figures, first, are counts the comparison chart draws.
const countFigures = 9

// figures are the dashboard's tiles, the counts first.
func figures() []figure {
	classes := func(s *dashboardScreen, y int) {
		openList(s.m, lang.L("Classes"), func(c *classScreen) { c.year.choose(y) })
	}
	equipment := func(kind *data.EquipmentKind) func(s *dashboardScreen, y int) {
		return func(s *dashboardScreen, y int) {
			openList(s.m, lang.L("Equipment support"), func(e *equipmentScreen) {
				e.year.choose(y)
				if kind != nil {
					e.kind.choose(*kind)
				}
			})
		}
	}
	programmes := func(s *dashboardScreen, y int) {
		openList(s.m, lang.L("Programmes"), func(p *programmeScreen) { p.year.SetSelected(strconv.Itoa(y)) })
	}
	model := data.EquipmentModel
	count := func(n int) int64 { return int64(n) }
	return []figure{
		{title: lang.L("Classes held"), value: func(f *data.Figures) int64 { return count(f.Classes) }, open: classes},
		{title: lang.L("Trainees"), value: func(f *data.Figures) int64 { return count(f.Trainees) }, open: classes,
			detail: func(f *data.Figures) string {
				return lang.L("of whom {{.Women}} women", map[string]any{"Women": vn.FormatInt(int64(f.Women))})
			}},
		{title: lang.L("Certificates issued"), value: func(f *data.Figures) int64 { return count(f.Certificates) },
			open: func(s *dashboardScreen, y int) {
				openList(s.m, lang.L("Certificates"), func(c *certificateScreen) { c.year.choose(y) })
			},
			detail: func(f *data.Figures) string {
				return lang.L("{{.Revoked}} revoked", map[string]any{"Revoked": vn.FormatInt(int64(f.Revoked))})
			}},
		{title: lang.L("Trade fairs"), value: func(f *data.Figures) int64 { return count(f.Fairs) },
			open: func(s *dashboardScreen, y int) {
				openList(s.m, lang.L("Fairs"), func(f *fairScreen) { f.year.choose(y) })
			},
			detail: func(f *data.Figures) string {
				return lang.L("{{.Bookings}} booths booked", map[string]any{"Bookings": vn.FormatInt(int64(f.Bookings))})
			}},
		{title: lang.L("Enterprises at fairs"), value: func(f *data.Figures) int64 { return count(f.FairEnterprises) },
			open: func(s *dashboardScreen, y int) {
				openList(s.m, lang.L("Fairs"), func(f *fairScreen) { f.year.choose(y) })
			}},
		{title: lang.L("Enterprises supported"), value: func(f *data.Figures) int64 { return count(f.Enterprises) },
			open: func(s *dashboardScreen, y int) { openReport(s.m, data.ReportSupport, y) }},
		{title: lang.L("Equipment supported"), value: func(f *data.Figures) int64 { return count(f.Equipment) }, open: equipment(nil)},
		{title: lang.L("Demonstration models"), value: func(f *data.Figures) int64 { return count(f.Models) }, open: equipment(&model)},
		{title: lang.L("Trainees completed"), value: func(f *data.Figures) int64 { return count(f.Completed) }, open: classes},
		{title: lang.L("Completion rate"), rate: true, open: classes,
			value: func(f *data.Figures) int64 { return data.Permille(int64(f.Completed), int64(f.Trainees)) },
			detail: func(f *data.Figures) string {
				return lang.L("{{.Part}} of {{.Whole}} trainees", map[string]any{"Part": vn.FormatInt(int64(f.Completed)), "Whole": vn.FormatInt(int64(f.Trainees))})
			}},
		{title: lang.L("Employment rate"), rate: true, open: classes,
			value: func(f *data.Figures) int64 { return data.Permille(int64(f.Employed), int64(f.Completed)) },
			detail: func(f *data.Figures) string {
				return lang.L("{{.Part}} of {{.Whole}} who completed", map[string]any{"Part": vn.FormatInt(int64(f.Employed)), "Whole": vn.FormatInt(int64(f.Completed))})
			}},
		{title: lang.L("Budget planned"), money: true, open: programmes,
			value: func(f *data.Figures) int64 { return f.Budget.Planned },
			detail: func(f *data.Figures) string {
				return lang.L("committed {{.Committed}}, paid {{.Paid}}", map[string]any{"Committed": money(f.Budget.Committed), "Paid": money(f.Budget.Paid)})
			}},
	}
}

// openList shows the list screen titled title in the navigation, back on its list, with its
// search and filters cleared; set then chooses the figure's filters.
func openList[S Screen](m *Main, title string, set func(S)) {
	for i, e := range m.entries {
		if e.title != title {
			continue
		}
		m.Show(i)
		s, ok := m.Current().(S)
		if !ok {
			return
		}
		if l, ok := any(s).(interface{ showAll() }); ok {
			l.showAll()
		}
		set(s)
		if l, ok := any(s).(interface{ reload() }); ok {
			l.reload()
		}
		return
	}
}

// text writes a figure's value: a count, a sum of money or a rate.
func (f figure) text(v int64) string {
	switch {
	case f.rate:
		return permille(v)
	case f.money:
		return money(v)
	}
	return vn.FormatInt(v)
}

// permille writes tenths of a percent as a percent: 853 is "85,3 %".
func permille(v int64) string {
	return vn.FormatInt(v/10) + "," + strconv.FormatInt(v%10, 10) + " %"
}

// compared says how the year's value stands beside the year before's: "2025: 120 (+12,5 %)";
// for rates the change in points.
func (f figure) compared(year int, cur, prev int64) string {
	s := strconv.Itoa(year) + ": " + f.text(prev)
	switch {
	case f.rate:
		d := cur - prev
		sign := "+"
		if d < 0 {
			sign, d = "−", -d
		}
		return s + " (" + sign + vn.FormatInt(d/10) + "," + strconv.FormatInt(d%10, 10) + " " + lang.L("points") + ")"
	case prev == 0:
		return s
	}
	d := data.Permille(abs(cur-prev), prev)
	sign := "+"
	if cur < prev {
		sign = "−"
	}
	return s + " (" + sign + permille(d) + ")"
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
