package reports

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/jung-kurt/gofpdf"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// This is the only file that speaks to gofpdf. The documents describe themselves in blocks
// (the official header, headings, lines of text) and tables (columns and rows of strings).

const (
	fontFamily = "LiberationSerif" // metric-compatible with Times New Roman, as Decree 30/2020 asks
	producer   = "khuyencong"
	ptToMM     = 25.4 / 72
	lineFactor = 1.2 // line height as a multiple of the font size
	cellPadX   = 1.2 // mm of space between a cell's border and its text, left and right
	cellPadY   = 0.8 // and above and below
)

// Text styles: gofpdf's style strings.
const (
	regular = ""
	bold    = "B"
	italic  = "I"
)

// column is one column of a table.
type column struct {
	title string
	width float64 // mm
	align string  // "L", "C" or "R"
}

// pdfDoc is a PDF being written: A4, Liberation Serif, margins after Decree 30/2020.
type pdfDoc struct {
	f         *gofpdf.Fpdf
	pageW     float64 // printable width, mm
	bottom    float64 // lowest y text may reach, mm
	fontStyle string
	fontSize  float64
}

// newPDF starts an A4 document dated date (its creation and modification date, so that the same
// input gives the same bytes) with the given title in its metadata.
func newPDF(landscape bool, date vn.Date, title string) *pdfDoc {
	orientation, left, top, right, bottom := "P", 30.0, 20.0, 15.0, 20.0
	if landscape {
		orientation, left, top, right, bottom = "L", 20, 15, 15, 15
	}
	f := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: orientation, UnitStr: "mm", SizeStr: "A4"})
	setupPDF(f, date, title)
	f.SetMargins(left, top, right)
	f.SetAutoPageBreak(false, bottom) // tables break pages themselves, to repeat their header
	f.SetLineWidth(0.2)
	w, h := f.GetPageSize()
	p := &pdfDoc{f: f, pageW: w - left - right, bottom: h - bottom}
	p.style(regular, 13)
	return p
}

// setupPDF embeds the fonts and sets the metadata, dated date so that the same input gives the
// same bytes.
func setupPDF(f *gofpdf.Fpdf, date vn.Date, title string) {
	f.AddUTF8FontFromBytes(fontFamily, regular, liberationserifregular.TTF)
	f.AddUTF8FontFromBytes(fontFamily, bold, liberationserifbold.TTF)
	f.AddUTF8FontFromBytes(fontFamily, italic, liberationserifitalic.TTF)
	f.SetCatalogSort(true)
	f.SetCreationDate(date.Time())
	f.SetModificationDate(date.Time())
	f.SetProducer(producer, true)
	f.SetTitle(vn.NFC(title), true)
}

// newSheetPDF starts a document of w × h mm pages without margins, for documents laid out by
// hand on the whole sheet (certificates). The page is declared portrait whatever its shape:
// gofpdf's templates clip a landscape page at its short side, and this way they do not.
func newSheetPDF(w, h float64, date vn.Date, title string) *pdfDoc {
	f := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: w, Ht: h}})
	setupPDF(f, date, title)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetLineWidth(0.2)
	p := &pdfDoc{f: f, pageW: w, bottom: h}
	p.style(regular, 13)
	return p
}

// pdfTemplate is a part of a page drawn once and placed on many pages.
type pdfTemplate = gofpdf.Template

// template records what draw draws on a page as a template: draw gets a document of the same
// size to draw on. Place it with useTemplate.
func (p *pdfDoc) template(draw func(t *pdfDoc)) pdfTemplate {
	return p.f.CreateTemplate(func(t *gofpdf.Tpl) {
		t.SetCellMargin(0) // not inherited from the document
		draw(&pdfDoc{f: &t.Fpdf, pageW: p.pageW, bottom: p.bottom})
	})
}

// useTemplate places a template on the current page where it was drawn.
func (p *pdfDoc) useTemplate(t pdfTemplate) { p.f.UseTemplate(t) }

// pageNumbers prints "Trang n/N" at the foot of every page. The total is filled in when the
// document is written, with the glyphs of the regular style: the document must print those
// digits elsewhere in that style (a table's STT column does).
func (p *pdfDoc) pageNumbers() {
	p.f.AliasNbPages("{nb}")
	p.f.SetFooterFunc(func() {
		style, size := p.fontStyle, p.fontSize
		p.style(regular, 11)
		_, h := p.f.GetPageSize()
		p.f.SetXY(p.left(), h-10)
		p.f.CellFormat(p.pageW, 5, fmt.Sprintf("Trang %d/{nb}", p.f.PageNo()), "", 0, "C", false, 0, "")
		p.style(style, size)
	})
}

func (p *pdfDoc) left() float64 { l, _, _, _ := p.f.GetMargins(); return l }

// style sets the font; setting the font in use again writes nothing.
func (p *pdfDoc) style(style string, size float64) {
	if style == p.fontStyle && size == p.fontSize {
		return
	}
	p.fontStyle, p.fontSize = style, size
	p.f.SetFont(fontFamily, style, size)
}

func (p *pdfDoc) lineHeight() float64 { return p.fontSize * ptToMM * lineFactor }

// text draws one line of NFC text in a box of width w and one line high at x, y, aligned "L",
// "C" or "R".
func (p *pdfDoc) text(x, y, w float64, s, align string) {
	switch align {
	case "C":
		x += (w - p.f.GetStringWidth(s)) / 2
	case "R":
		x += w - p.f.GetStringWidth(s)
	}
	p.f.Text(x, y+p.lineHeight()/2+0.3*p.fontSize*ptToMM, s)
}

// rule draws a horizontal line of length w centred on cx.
func (p *pdfDoc) rule(cx, y, w float64) { p.f.Line(cx-w/2, y, cx+w/2, y) }

// wrap splits s into lines no wider than width in the current font: at spaces, and inside a
// word only when the word alone is too wide. Line breaks in s are kept. Nothing is cut off.
func (p *pdfDoc) wrap(s string, width float64) []string {
	s = vn.NFC(s)
	if !strings.Contains(s, "\n") && p.f.GetStringWidth(s) <= width { // most cells
		return []string{s}
	}
	var lines []string
	space := p.f.GetStringWidth(" ")
	for _, para := range strings.Split(s, "\n") {
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		for _, word := range strings.Fields(para) {
			ww := p.f.GetStringWidth(word)
			if line.Len() > 0 && lineW+space+ww <= width {
				line.WriteByte(' ')
				line.WriteString(word)
				lineW += space + ww
				continue
			}
			if line.Len() > 0 {
				flush()
			}
			for ww > width && utf8.RuneCountInString(word) > 1 { // break an overlong word
				cut, cutW := 0, 0.0
				for i, r := range word {
					rw := p.f.GetStringWidth(string(r))
					if i > 0 && cutW+rw > width {
						break
					}
					cut, cutW = i+utf8.RuneLen(r), cutW+rw
				}
				lines = append(lines, word[:cut])
				word = word[cut:]
				ww = p.f.GetStringWidth(word)
			}
			line.WriteString(word)
			lineW = ww
		}
		flush()
	}
	return lines
}

// balanced wraps s like wrap but, when it takes two lines, splits it where the longer line is
// shortest, as the names in an official header are set.
func (p *pdfDoc) balanced(s string, width float64) []string {
	lines := p.wrap(s, width)
	if len(lines) != 2 {
		return lines
	}
	words := strings.Fields(vn.NFC(s))
	best := lines
	bestW := max(p.f.GetStringWidth(lines[0]), p.f.GetStringWidth(lines[1]))
	for i := 1; i < len(words); i++ {
		a, b := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if w := max(p.f.GetStringWidth(a), p.f.GetStringWidth(b)); w < bestW {
			best, bestW = []string{a, b}, w
		}
	}
	return best
}

// lines draws the lines one under the other from y in a box of width w at x and returns the y
// under the last.
func (p *pdfDoc) lines(x, y, w float64, lines []string, align string) float64 {
	for _, l := range lines {
		p.text(x, y, w, l, align)
		y += p.lineHeight()
	}
	return y
}

// officialHeader draws the head of an administrative document (Decree 30/2020, appendix I): on
// the left the parent authority above the centre's name in bold with a short rule under it; on
// the right the national name and motto in bold, the motto underlined, and under them the place
// and date in italics.
func (p *pdfDoc) officialHeader(org data.Organisation, date vn.Date) {
	const gap = 1.5
	_, top, _, _ := p.f.GetMargins()
	x := p.left()
	leftW := p.pageW * 0.42
	rightW := p.pageW * 0.52
	rightX := x + p.pageW - rightW

	p.style(regular, 13)
	y := p.lines(x, top, leftW, p.balanced(strings.ToUpper(vn.NFC(org.ParentAuthority)), leftW), "C")
	p.style(bold, 13)
	name := p.balanced(strings.ToUpper(vn.NFC(org.Name)), leftW)
	y = p.lines(x, y, leftW, name, "C")
	p.rule(x+leftW/2, y+gap, p.f.GetStringWidth(name[len(name)-1])/3)
	leftEnd := y + gap

	y = p.lines(rightX, top, rightW, []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"}, "C")
	p.style(bold, 14)
	motto := "Độc lập - Tự do - Hạnh phúc"
	y = p.lines(rightX, y, rightW, []string{motto}, "C")
	p.rule(rightX+rightW/2, y+0.5, p.f.GetStringWidth(motto))
	p.style(italic, 14)
	y = p.lines(rightX, y+2*gap+1, rightW, []string{vn.NFC(org.City) + ", " + date.Long()}, "C")

	p.f.SetY(max(y, leftEnd) + 5)
}

// block draws text across the page, wrapped and aligned, in the given style, starting a new
// page when it does not fit on this one.
func (p *pdfDoc) block(s, style string, size float64, align string) {
	p.style(style, size)
	lines := p.wrap(s, p.pageW)
	if p.f.GetY()+float64(len(lines))*p.lineHeight() > p.bottom {
		p.f.AddPage()
	}
	p.f.SetY(p.lines(p.left(), p.f.GetY(), p.pageW, lines, align))
}

// blockHeight returns the height block(s, style, size, ...) takes.
func (p *pdfDoc) blockHeight(s, style string, size float64) float64 {
	p.style(style, size)
	return float64(len(p.wrap(s, p.pageW))) * p.lineHeight()
}

// space moves down by mm millimetres.
func (p *pdfDoc) space(mm float64) { p.f.SetY(p.f.GetY() + mm) }

// tableStyle says how a table is set.
type tableStyle struct {
	size    float64 // font size of the body and, at most, of the header, pt
	minRowH float64 // least height of a body row, mm (room to sign in); 0 for none
	tail    float64 // height kept free under the last row, mm, so that what follows the table
	// (totals, a signing block) is not left alone on a page: the last row goes with it
}

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
func (c column) padX() float64 {
	if c.width < narrowColumn {
		return narrowPadX
	}
	return cellPadX
}

// table draws a table in the default style; see styledTable.
func (p *pdfDoc) table(cols []column, rows int, cell func(r, c int) string) {
	p.styledTable(defaultTable, cols, rows, cell)
}

// styledTable draws a table with a bold header row, repeated at the top of each page it runs
// onto. cell(r, c) gives the text of row r, column c; a long text wraps inside its cell and the
// row grows to hold it.
func (p *pdfDoc) styledTable(ts tableStyle, cols []column, rows int, cell func(r, c int) string) {
	head := p.layoutHeader(cols, ts.size)
	var top float64 // where the table starts on this page
	startPage := func() {
		top = p.f.GetY()
		p.hline(cols, top)
		p.drawHeader(cols, head)
		p.style(regular, ts.size)
	}
	p.style(bold, ts.size)
	if p.f.GetY()+head.h+3*p.lineHeight() > p.bottom { // keep the header with a first row
		p.f.AddPage()
	}
	startPage()
	texts := make([]string, len(cols))
	for r := range rows {
		for c := range cols {
			texts[c] = cell(r, c)
		}
		lines, h := p.layoutRow(cols, texts)
		h = max(h, ts.minRowH)
		need := h
		if r == rows-1 {
			need += ts.tail
		}
		if p.f.GetY()+need > p.bottom {
			p.vlines(cols, top)
			p.f.AddPage()
			startPage()
		}
		p.drawRow(cols, lines, h, "")
	}
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
func (p *pdfDoc) layoutHeader(cols []column, size float64) tableHeader {
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
func (p *pdfDoc) drawHeader(cols []column, th tableHeader) {
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
func (p *pdfDoc) layoutRow(cols []column, texts []string) ([][]string, float64) {
	lines := make([][]string, len(cols))
	n := 1
	for c, col := range cols {
		lines[c] = p.wrap(texts[c], col.width-2*col.padX())
		n = max(n, len(lines[c]))
	}
	return lines, float64(n)*p.lineHeight() + 2*cellPadY
}

// drawRow draws a laid-out row at the current y, the text of each cell centred vertically, and
// the rule under it; align overrides the columns' alignment when not "".
func (p *pdfDoc) drawRow(cols []column, lines [][]string, h float64, align string) {
	x, y := p.left(), p.f.GetY()
	for c, col := range cols {
		a := col.align
		if align != "" {
			a = align
		}
		pad := col.padX()
		top := y + (h-float64(len(lines[c]))*p.lineHeight())/2
		p.lines(x+pad, top, col.width-2*pad, lines[c], a)
		x += col.width
	}
	p.hline(cols, y+h)
	p.f.SetY(y + h)
}

// hline rules the table across at y.
func (p *pdfDoc) hline(cols []column, y float64) {
	w := 0.0
	for _, col := range cols {
		w += col.width
	}
	p.f.Line(p.left(), y, p.left()+w, y)
}

// vlines rules the borders between the columns from top down to the current y: once a page
// rather than once a cell, which keeps long tables small and fast.
func (p *pdfDoc) vlines(cols []column, top float64) {
	x, y := p.left(), p.f.GetY()
	p.f.Line(x, top, x, y)
	for _, col := range cols {
		x += col.width
		p.f.Line(x, top, x, y)
	}
}

// signature draws the signing block in the right half of the page (Decree 30/2020): the place
// and date in italics, the signer's title in bold capitals, a hint such as "(Ký, ghi rõ họ tên)"
// in italics when not "", room to sign, and the signer's name in bold when known. The block is
// kept on one page. A zero date leaves out the place and date (a letter has them in its header).
func (p *pdfDoc) signature(city string, date vn.Date, title, hint, name string) {
	x, w, titleLines, nameLines, h := p.signatureLayout(title, hint, name)
	if p.f.GetY()+h > p.bottom {
		p.f.AddPage()
	}
	y := p.f.GetY()
	if !date.IsZero() {
		p.style(italic, 13)
		y = p.lines(x, y, w, []string{vn.NFC(city) + ", " + date.Long()}, "C")
	}
	p.style(bold, 13)
	y = p.lines(x, y, w, titleLines, "C")
	if hint != "" {
		p.style(italic, 13)
		y = p.lines(x, y, w, []string{hint}, "C")
	}
	p.style(bold, 13)
	y = p.lines(x, y+signRoom, w, nameLines, "C")
	p.f.SetY(y)
}

// signRoom is the space left blank for the signature and the seal, mm.
const signRoom = 24

// signatureHeight returns the height the signing block takes.
func (p *pdfDoc) signatureHeight(title, hint, name string) float64 {
	_, _, _, _, h := p.signatureLayout(title, hint, name)
	return h
}

// signatureLayout lays out the signing block with its date line; signature without one takes a
// line less, which only leaves room to spare.
func (p *pdfDoc) signatureLayout(title, hint, name string) (x, w float64, titleLines, nameLines []string, h float64) {
	w = p.pageW * 0.55
	x = p.left() + p.pageW - w
	p.style(bold, 13)
	titleLines = p.wrap(strings.ToUpper(vn.NFC(title)), w)
	nameLines = p.wrap(name, w)
	n := 1 + len(titleLines) + len(nameLines)
	if hint != "" {
		n++
	}
	return x, w, titleLines, nameLines, float64(n)*p.lineHeight() + signRoom
}

// write finishes the document and writes it to w.
func (p *pdfDoc) write(w io.Writer) error {
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("viết tệp PDF: %w", err)
	}
	return nil
}

// diamond draws a filled square standing on its corner, centred on cx, cy, r from centre to
// corner, in the fill colour.
func (p *pdfDoc) diamond(cx, cy, r float64) {
	p.f.Polygon([]gofpdf.PointType{{X: cx, Y: cy - r}, {X: cx + r, Y: cy}, {X: cx, Y: cy + r}, {X: cx - r, Y: cy}}, "F")
}
