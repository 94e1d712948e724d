package reports

import (
	"khuyencong/data/vn"
)

// barChart is a part: a horizontal bar chart drawn as vector graphics in the page, its caption
// centred above in bold, a legend when it has two series, then one row a category: its
// label on the left (wrapped), a bar for each series from a common axis, and the bar's value in
// figures at its end. It is kept whole on one page.
type barChart struct {
	caption string
	labels  []string
	series  []barSeries
	// format writes a value at the end of its bar.
	format func(int64) string
}

// barSeries is one set of bars: its name in the legend and a value a category.
type barSeries struct {
	name   string
	values []int64
}

// The chart's measures: mm, and pt for its text.
const (
	chartSize     = 10.0 // pt
	chartBarH     = 4.0
	chartRowGap   = 2.0
	chartLabelW   = 0.34 // of the page's width
	chartValueW   = 30.0
	chartLegendSq = 3.5
)

// chartColours are the series' fills: a dark blue, then a light one, both printing well in grey.
var chartColours = [][3]int{{47, 84, 150}, {150, 178, 216}}

// rowHeight returns the height of category i's row: its label's lines or its bars, whichever is taller.
func (c barChart) rowHeight(p *pdfDoc, i int) float64 {
	p.style(regular, chartSize)
	label := float64(len(p.wrap(c.labels[i], p.pageW*chartLabelW-2))) * p.lineHeight()
	bars := float64(len(c.series)) * chartBarH
	return max(label, bars) + chartRowGap
}

func (c barChart) height(p *pdfDoc) float64 {
	p.style(bold, 12)
	h := p.lineHeight() + 2
	if len(c.series) > 1 {
		h += chartLegendSq + 3
	}
	for i := range c.labels {
		h += c.rowHeight(p, i)
	}
	return h + 2
}

func (c barChart) draw(p *pdfDoc) {
	if p.f.GetY()+c.height(p) > p.bottom {
		p.f.AddPage()
	}
	x0 := p.left()
	labelW := p.pageW * chartLabelW
	axis := x0 + labelW
	span := p.pageW - labelW - chartValueW
	var top int64
	for _, s := range c.series {
		for _, v := range s.values {
			top = max(top, v)
		}
	}
	p.style(bold, 12)
	y := p.lines(x0, p.f.GetY(), p.pageW, []string{vn.NFC(c.caption)}, "C") + 2
	if len(c.series) > 1 {
		p.style(regular, chartSize)
		x := axis
		for i, s := range c.series {
			p.fillColor(chartColours[i])
			p.f.Rect(x, y, chartLegendSq, chartLegendSq, "F")
			p.text(x+chartLegendSq+1, y+chartLegendSq/2-p.lineHeight()/2, 60, s.name, "L")
			x += chartLegendSq + 3 + p.width(vn.NFC(s.name)) + 8
		}
		y += chartLegendSq + 3
	}
	start := y
	for i, label := range c.labels {
		h := c.rowHeight(p, i)
		p.style(regular, chartSize)
		lines := p.wrap(label, labelW-2)
		p.lines(x0, y+(h-chartRowGap-float64(len(lines))*p.lineHeight())/2, labelW-2, lines, "R")
		by := y + (h-chartRowGap-float64(len(c.series))*chartBarH)/2
		for k, s := range c.series {
			w := 0.0
			if top > 0 {
				w = span * float64(s.values[i]) / float64(top)
			}
			if w > 0 {
				p.fillColor(chartColours[k])
				p.f.Rect(axis, by, w, chartBarH*0.85, "F")
			}
			p.style(regular, chartSize-1)
			p.text(axis+w+1, by+chartBarH*0.85/2-p.lineHeight()/2, chartValueW, c.format(s.values[i]), "L")
			by += chartBarH
		}
		y += h
	}
	p.line(axis, start-1, axis, y-chartRowGap+1)
	p.fillColor([3]int{255, 255, 255})
	p.f.SetY(y + 2)
}

// together is a part: parts drawn one under the other, all on the next page when they do not
// fit on this one (a report's last chart with its signature).
type together []fixed

func (t together) height(p *pdfDoc) float64 { return p.heightOf(t) }

func (t together) draw(p *pdfDoc) {
	if p.f.GetY()+t.height(p) > p.bottom {
		p.f.AddPage()
	}
	for _, x := range t {
		x.draw(p)
	}
}
