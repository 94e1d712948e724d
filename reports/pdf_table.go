package reports

import (
	"strconv"
	"strings"

	"khuyencong/data/vn"
)

// column is one column of a table of T: its title, width in mm, alignment ("L", "C" or "R") and
// what a row shows in it.
type column[T any] struct {
	Title string
	Width float64 // mm
	Align string
	Cell  func(T) string
	// seq numbers the rows from 1 instead of calling Cell: the STT column.
	seq bool
}

// sttColumn is the column that numbers the rows (số thứ tự), width mm wide.
func sttColumn[T any](width float64) column[T] {
	return column[T]{Title: "STT", Width: width, Align: "C", seq: true}
}

// colSpec is what the drawing of a table needs of a column.
type colSpec struct {
	title string
	width float64
	align string
}

// specs returns what the drawing needs of the columns.
func specs[T any](cols []column[T]) []colSpec {
	s := make([]colSpec, len(cols))
	for i, c := range cols {
		s[i] = colSpec{title: c.Title, width: c.Width, align: c.Align}
	}
	return s
}

// text returns what row r, v, shows in the column.
func (c column[T]) text(r int, v T) string {
	if c.seq {
		return strconv.Itoa(r + 1)
	}
	return c.Cell(v)
}

// tableStyle says how a table is set.
type tableStyle struct {
	size    float64 // font size of the body and, at most, of the header, pt
	minRowH float64 // least height of a body row, mm (room to sign in); 0 for none
	tail    float64 // height kept free under the last row, mm, so that what follows the table
	// (totals, a signing block) is not left alone on a page: the last row goes with it
}

// keepRows is how many of a table's last rows go with what is kept under it (the totals and
// signatures), so that these never stand on a page with a lone row.
const keepRows = 3

// defaultTable is the style of an ordinary list.
var defaultTable = tableStyle{size: 11}

// Narrow columns (a date or a mark each) get less padding, and a header title too wide for its
// column is set smaller, down to minHeadSize, rather than broken inside a word.
const (
	narrowColumn = 10  // mm: a column narrower than this is narrow
	narrowPadX   = 0.4 // mm of padding left and right in a narrow column
	minHeadSize  = 7.5 // pt
)

// padX returns the space between the column's borders and its text, left and right.
func (c colSpec) padX() float64 {
	if c.width < narrowColumn {
		return narrowPadX
	}
	return cellPadX
}

// table is a part: a table with a bold header row, repeated at the top of each page it runs onto,
// and a row for each of rows. A long text wraps inside its cell and the row grows to hold it.
type table[T any] struct {
	style tableStyle
	cols  []column[T]
	rows  []T
}

// tableOf returns the table of rows in the given style and columns.
func tableOf[T any](ts tableStyle, cols []column[T], rows []T) table[T] {
	return table[T]{style: ts, cols: cols, rows: rows}
}

func (t table[T]) draw(p *pdfDoc) { t.drawTail(p, t.style.tail) }

// drawTail draws the table keeping tail mm free under its last row.
func (t table[T]) drawTail(p *pdfDoc, tail float64) {
	ts := t.style
	ts.tail = tail
	p.styledTable(ts, specs(t.cols), len(t.rows), func(r, c int) string { return t.cols[c].text(r, t.rows[r]) })
}

// keepWith returns the table followed by the parts after it, its last row kept on a page with
// them: the totals and signatures never stand alone on a page.
func (t table[T]) keepWith(after ...fixed) part { return kept{t, after} }

// kept is a table and the parts kept with its last row.
type kept struct {
	t interface {
		drawTail(p *pdfDoc, tail float64)
	}
	after []fixed
}

func (k kept) draw(p *pdfDoc) {
	k.t.drawTail(p, p.heightOf(k.after))
	for _, a := range k.after {
		a.draw(p)
	}
}

// styledTable draws a table: cell(r, c) gives the text of row r, column c. When something is
// kept under the table (ts.tail), its last keepRows rows go to a new page with it rather than
// leave it there with fewer.
func (p *pdfDoc) styledTable(ts tableStyle, cols []colSpec, rows int, cell func(r, c int) string) {
	head := p.layoutHeader(cols, ts.size)
	var top float64 // where the table starts on this page
	startPage := func() {
		top = p.f.GetY()
		p.hline(cols, top)
		p.drawHeader(cols, head)
		p.style(regular, ts.size)
	}
	texts := make([]string, len(cols))
	layout := func(r int) ([][]string, float64) { // in the body's font
		for c := range cols {
			texts[c] = cell(r, c)
		}
		lines, h := p.layoutRow(cols, texts)
		return lines, max(h, ts.minRowH)
	}
	keepFrom := rows // the first of the last rows that go with the tail
	if ts.tail > 0 {
		keepFrom = max(0, rows-keepRows)
	}
	// keep returns the height of the rows from keepFrom on and the tail, and whether they fit
	// on a page of their own under the header.
	keep := func() (float64, bool) {
		p.style(regular, ts.size)
		h := ts.tail
		for k := keepFrom; k < rows; k++ {
			_, rh := layout(k)
			h += rh
		}
		return h, p.topOfPage()+head.h+h <= p.bottom
	}
	p.style(bold, ts.size)
	need := head.h + 3*p.lineHeight() // keep the header with a first row
	if keepFrom == 0 {
		if h, fits := keep(); fits {
			need = head.h + h // and a short table with its tail
		}
	}
	if p.f.GetY()+need > p.bottom {
		p.f.AddPage()
	}
	startPage()
	for r := range rows {
		if r == keepFrom && r > 0 {
			if h, fits := keep(); fits && p.f.GetY()+h > p.bottom {
				p.vlines(cols, top)
				p.f.AddPage()
				startPage()
			}
		}
		lines, h := layout(r)
		need := h
		if r == rows-1 {
			need += ts.tail
		}
		if p.f.GetY()+need > p.bottom {
			p.vlines(cols, top)
			p.f.AddPage()
			startPage()
		}
		p.drawRow(cols, lines, h)
	}
	p.vlines(cols, top)
}

// totalsRow is a part: a row in bold under a table, with the table's columns and rules.
type totalsRow[T any] struct {
	cols  []column[T]
	texts []string
	size  float64 // pt
}

func (t totalsRow[T]) height(p *pdfDoc) float64 {
	p.style(bold, t.size)
	_, h := p.layoutRow(specs(t.cols), t.texts)
	return h
}

func (t totalsRow[T]) draw(p *pdfDoc) {
	cols := specs(t.cols)
	p.style(bold, t.size)
	lines, h := p.layoutRow(cols, t.texts)
	if p.f.GetY()+h > p.bottom {
		p.f.AddPage()
		p.hline(cols, p.f.GetY())
	}
	top := p.f.GetY()
	p.drawRow(cols, lines, h)
	p.vlines(cols, top)
}

// tableHeader is a table's header row laid out: each title's lines and font size, and the
// row's height.
type tableHeader struct {
	lines [][]string
	sizes []float64
	h     float64
}

// layoutHeader sets each column's title in bold at size, or smaller (down to minHeadSize) when
// one of its words is wider than the column, and wraps it.
func (p *pdfDoc) layoutHeader(cols []colSpec, size float64) tableHeader {
	th := tableHeader{lines: make([][]string, len(cols)), sizes: make([]float64, len(cols))}
	for c, col := range cols {
		width := col.width - 2*col.padX()
		s := size
		for ; s > minHeadSize; s -= 0.5 {
			p.style(bold, s)
			fits := true
			for _, word := range strings.Fields(vn.NFC(col.title)) {
				if p.f.GetStringWidth(word) > width {
					fits = false
					break
				}
			}
			if fits {
				break
			}
		}
		p.style(bold, s)
		th.sizes[c] = s
		th.lines[c] = p.wrap(col.title, width)
		th.h = max(th.h, float64(len(th.lines[c]))*p.lineHeight()+2*cellPadY)
	}
	return th
}

// drawHeader draws a laid-out header row at the current y, each title centred, and the rule
// under it.
func (p *pdfDoc) drawHeader(cols []colSpec, th tableHeader) {
	x, y := p.left(), p.f.GetY()
	for c, col := range cols {
		p.style(bold, th.sizes[c])
		pad := col.padX()
		top := y + (th.h-float64(len(th.lines[c]))*p.lineHeight())/2
		p.lines(x+pad, top, col.width-2*pad, th.lines[c], "C")
		x += col.width
	}
	p.hline(cols, y+th.h)
	p.f.SetY(y + th.h)
}

// layoutRow wraps the texts of a table row in the current font and returns the lines of each
// cell and the height of the row.
func (p *pdfDoc) layoutRow(cols []colSpec, texts []string) ([][]string, float64) {
	lines := make([][]string, len(cols))
	n := 1
	for c, col := range cols {
		lines[c] = p.wrap(texts[c], col.width-2*col.padX())
		n = max(n, len(lines[c]))
	}
	return lines, float64(n)*p.lineHeight() + 2*cellPadY
}

// drawRow draws a laid-out row at the current y, the text of each cell centred vertically and
// aligned as its column says, and the rule under it.
func (p *pdfDoc) drawRow(cols []colSpec, lines [][]string, h float64) {
	x, y := p.left(), p.f.GetY()
	for c, col := range cols {
		pad := col.padX()
		top := y + (h-float64(len(lines[c]))*p.lineHeight())/2
		p.lines(x+pad, top, col.width-2*pad, lines[c], col.align)
		x += col.width
	}
	p.hline(cols, y+h)
	p.f.SetY(y + h)
}

// hline rules the table across at y.
func (p *pdfDoc) hline(cols []colSpec, y float64) {
	w := 0.0
	for _, col := range cols {
		w += col.width
	}
	p.f.Line(p.left(), y, p.left()+w, y)
}

// vlines rules the borders between the columns from top down to the current y: once a page
// rather than once a cell, which keeps long tables small and fast.
func (p *pdfDoc) vlines(cols []colSpec, top float64) {
	x, y := p.left(), p.f.GetY()
	p.f.Line(x, top, x, y)
	for _, col := range cols {
		x += col.width
		p.f.Line(x, top, x, y)
	}
}
