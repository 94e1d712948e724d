package widgets

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// BarRow is one category of a BarChart: its label and one value per series.
type BarRow struct {
	// Label names the category, e.g. "Ngân sách thành phố".
	Label string
	// Values has one value per series of the chart.
	Values []int64
}

// BarChart draws a small chart in the window: a title, a legend, then one line per category with
// its label and a horizontal bar per series, each followed by its value. Long labels are cut with
// "…" rather than squeeze the bars. Tapping a line calls OnTapped with its index.
type BarChart struct {
	widget.BaseWidget

	// Title is written above the chart in bold.
	Title string
	// Series names the bars of each line, in order, for the legend (e.g. "2026", "2025").
	Series []string
	// Rows are the lines, top to bottom.
	Rows []BarRow
	// Format writes a value after its bar; nil writes the number as it is.
	Format func(int64) string
	// RowScale scales each line to its own largest value, for lines of different units (classes
	// beside trainees); otherwise every bar is to one scale.
	RowScale bool
	// OnTapped, when set, is called with the index of the line tapped.
	OnTapped func(row int)
}

// NewBarChart returns a chart titled title with the series' names.
func NewBarChart(title string, series ...string) *BarChart {
	c := &BarChart{Title: title, Series: series}
	c.ExtendBaseWidget(c)
	return c
}

// SetRows replaces the lines and draws them.
func (c *BarChart) SetRows(rows []BarRow) {
	c.Rows = rows
	c.Refresh()
}

// Tapped calls OnTapped with the line under the tap.
func (c *BarChart) Tapped(e *fyne.PointEvent) {
	if c.OnTapped == nil {
		return
	}
	m := c.metrics()
	y := e.Position.Y - m.top
	if y < 0 {
		return
	}
	if i := int(y / m.line); i < len(c.Rows) {
		c.OnTapped(i)
	}
}

// SeriesColor is the colour of series i's bars: the theme's primary colour for the first, then
// lighter tones, so that the year shown stands out from the one before.
func SeriesColor(i int) color.Color {
	p := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
	alphas := []uint8{255, 150, 80, 40}
	p.A = alphas[min(i, len(alphas)-1)]
	return p
}

// chartMetrics are the sizes a chart is laid out with.
type chartMetrics struct {
	text, bar, gap, line, top float32
}

func (c *BarChart) metrics() chartMetrics {
	text := theme.TextSize()
	bar := text * 0.9
	gap := theme.Padding() * 2
	line := max(float32(len(c.Series))*(bar+2), text) + gap
	top := (text + gap) * 2 // title and legend
	return chartMetrics{text: text, bar: bar, gap: gap, line: line, top: top}
}

// CreateRenderer implements fyne.Widget.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.Refresh()
	return r
}

type chartRenderer struct {
	c       *BarChart
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *chartRenderer) MinSize() fyne.Size {
	m := r.c.metrics()
	return fyne.NewSize(320, m.top+float32(len(r.c.Rows))*m.line)
}

func (r *chartRenderer) Layout(size fyne.Size) {
	r.size = size
	r.Refresh()
}

// Refresh draws the chart again at the size it was last laid out at.
func (r *chartRenderer) Refresh() {
	c, m, size := r.c, r.c.metrics(), r.size
	format := c.Format
	if format == nil {
		format = func(v int64) string { return strconv.FormatInt(v, 10) }
	}
	fg := theme.Color(theme.ColorNameForeground)
	var objs []fyne.CanvasObject
	text := func(s string, x, y float32, bold bool) *canvas.Text {
		t := canvas.NewText(s, fg)
		t.TextStyle.Bold = bold
		t.Move(fyne.NewPos(x, y))
		objs = append(objs, t)
		return t
	}
	text(c.Title, 0, 0, true)
	x := float32(0)
	for i, s := range c.Series {
		sw := canvas.NewRectangle(SeriesColor(i))
		sw.Resize(fyne.NewSize(m.bar, m.bar))
		sw.Move(fyne.NewPos(x, m.text+m.gap+(m.text-m.bar)/2+2))
		objs = append(objs, sw)
		t := text(s, x+m.bar+4, m.text+m.gap, false)
		x += m.bar + 4 + t.MinSize().Width + 3*m.gap
	}
	// The labels take what they need up to 40 % of the width; values get the widest one's room.
	var labelW, valueW float32
	var top int64 = 1
	for _, row := range c.Rows {
		labelW = max(labelW, fyne.MeasureText(row.Label, m.text, fyne.TextStyle{}).Width)
		for _, v := range row.Values {
			valueW = max(valueW, fyne.MeasureText(format(v), m.text, fyne.TextStyle{}).Width)
			top = max(top, v)
		}
	}
	labelW = min(labelW, size.Width*0.4) + m.gap
	barW := max(size.Width-labelW-valueW-m.gap, 10)
	for i, row := range c.Rows {
		y := m.top + float32(i)*m.line
		label := text(fitText(row.Label, labelW-m.gap, m.text), 0, y+(m.line-m.gap-m.text)/2-2, false)
		label.TextSize = m.text
		scale := top
		if c.RowScale {
			scale = 1
			for _, v := range row.Values {
				scale = max(scale, v)
			}
		}
		for j, v := range row.Values {
			by := y + float32(j)*(m.bar+2)
			w := barW * float32(max(v, 0)) / float32(scale)
			bar := canvas.NewRectangle(SeriesColor(j))
			bar.Resize(fyne.NewSize(max(w, 1), m.bar))
			bar.Move(fyne.NewPos(labelW, by))
			objs = append(objs, bar)
			v := text(format(v), labelW+w+4, by+(m.bar-m.text)/2-1, false)
			v.TextSize = m.text * 0.85
		}
	}
	r.objects = objs
	canvas.Refresh(c)
}

// fitText cuts s with "…" so that it is no wider than width.
func fitText(s string, width, size float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= width {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		t := string(runes[:n]) + "…"
		if fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width {
			return t
		}
	}
	return "…"
}
