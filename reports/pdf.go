package reports

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/jung-kurt/gofpdf"

	"khuyencong/data/vn"
)

// The pdf*.go files are the only ones that speak to gofpdf. This one holds the document and its
// primitives (fonts, text, lines, wrapping); pdf_parts.go the parts documents are composed of
// (the official opening, paragraphs, signing blocks); pdf_table.go the typed tables.

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

// pageMargins are the margins of every document's page, portrait and landscape alike, mm: Decree
// 30/2020 (appendix I) asks for 20–25 mm at the top and bottom, 30–35 mm on the left (the binding)
// and 15–20 mm on the right. Certificates, designed on the whole sheet, have their own.
var pageMargins = struct{ top, bottom, left, right float64 }{top: 20, bottom: 20, left: 30, right: 15}

// pdfDoc is a PDF being written: A4, Liberation Serif, margins after Decree 30/2020.
type pdfDoc struct {
	f         *gofpdf.Fpdf
	pageW     float64 // printable width, mm
	bottom    float64 // lowest y text may reach, mm
	fontStyle string
	fontSize  float64
	// widths, on a page laid out by hand, measures text without setting gofpdf's font, which
	// is set only when text is drawn (setStyle, setSize): gofpdf writes every font it is set to
	// into the page, and a certificate measures its name at many sizes, and in two styles.
	widths   *fontWidths
	setStyle string
	setSize  float64
}

// newPDF starts an A4 document dated date (its creation and modification date, so that the same
// input gives the same bytes) with the given title in its metadata.
func newPDF(landscape bool, date vn.Date, title string) *pdfDoc {
	orientation := "P"
	if landscape {
		orientation = "L"
	}
	m := pageMargins
	f := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: orientation, UnitStr: "mm", SizeStr: "A4"})
	setupPDF(f, date, title)
	f.SetMargins(m.left, m.top, m.right)
	f.SetAutoPageBreak(false, m.bottom) // tables break pages themselves, to repeat their header
	f.SetLineWidth(0.2)
	w, h := f.GetPageSize()
	p := &pdfDoc{f: f, pageW: w - m.left - m.right, bottom: h - m.bottom}
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
	p := &pdfDoc{f: f, pageW: w, bottom: h, widths: readWidths(f)}
	p.style(regular, 13)
	return p
}

// fontWidths are the advance widths of the family's letters by style, in thousandths of the
// font size as gofpdf counts them, for the letters of Vietnamese and the punctuation around them.
type fontWidths map[string][]int32

// widthRunes are the letters fontWidths knows: Latin with its extensions and combining marks,
// Latin Extended Additional (ạ … ỹ), general punctuation and the currency signs.
const widthRunes = 0x20C0

// readWidths reads the widths of every style from gofpdf before the first page, when setting a
// font writes nothing.
func readWidths(f *gofpdf.Fpdf) *fontWidths {
	ws := fontWidths{}
	for _, style := range []string{regular, bold, italic} {
		f.SetFont(fontFamily, style, 10)
		w := make([]int32, widthRunes)
		for r := range rune(widthRunes) {
			if r >= 0x20 && (r < 0x370 || r >= 0x1E00) {
				w[r] = int32(f.GetStringSymbolWidth(string(r)))
			}
		}
		ws[style] = w
	}
	return &ws
}

// units returns the width of s in the current style in thousandths of the font size, and false
// if it holds a letter fontWidths does not know (none has no width).
func (p *pdfDoc) units(s string) (int, bool) {
	w := (*p.widths)[p.fontStyle]
	n := 0
	for _, r := range s {
		if int(r) >= len(w) || w[r] == 0 {
			return 0, false
		}
		n += int(w[r])
	}
	return n, true
}

// applyFont sets gofpdf's font to the one text is set in, on a page laid out by hand.
func (p *pdfDoc) applyFont() {
	if p.widths != nil && (p.setStyle != p.fontStyle || p.setSize != p.fontSize) {
		p.f.SetFont(fontFamily, p.fontStyle, p.fontSize)
		p.setStyle, p.setSize = p.fontStyle, p.fontSize
	}
}

// strWidth returns the width of s in the current font, mm, as gofpdf measures it.
func (p *pdfDoc) strWidth(s string) float64 {
	if p.widths != nil {
		if n, ok := p.units(s); ok { // gofpdf's arithmetic, to the last bit
			return float64(n) * (p.fontSize / p.f.GetConversionRatio()) / 1000
		}
		p.applyFont()
	}
	return p.f.GetStringWidth(s)
}

// pdfTemplate is a part of a page drawn once and placed on many pages.
type pdfTemplate = gofpdf.Template

// template records what draw draws on a page as a template: draw gets a document of the same
// size to draw on. Place it with useTemplate.
func (p *pdfDoc) template(draw func(t *pdfDoc)) pdfTemplate {
	return p.f.CreateTemplate(func(t *gofpdf.Tpl) {
		t.SetCellMargin(0) // not inherited from the document
		draw(&pdfDoc{f: &t.Fpdf, pageW: p.pageW, bottom: p.bottom, widths: p.widths})
	})
}

// useTemplate places a template on the current page where it was drawn.
func (p *pdfDoc) useTemplate(t pdfTemplate) { p.f.UseTemplate(t) }

// pageNumbers numbers the pages from the second on, as Decree 30/2020 asks: the number alone,
// at 13 pt, centred in the top margin.
func (p *pdfDoc) pageNumbers() {
	p.f.SetHeaderFunc(func() {
		if p.f.PageNo() < 2 {
			return
		}
		style, size := p.fontStyle, p.fontSize
		p.style(regular, 13)
		p.text(p.left(), (pageMargins.top-p.lineHeight())/2, p.pageW, strconv.Itoa(p.f.PageNo()), "C")
		p.style(style, size)
	})
}

func (p *pdfDoc) left() float64 { l, _, _, _ := p.f.GetMargins(); return l }

// topOfPage returns the y where a page's text starts.
func (p *pdfDoc) topOfPage() float64 { _, t, _, _ := p.f.GetMargins(); return t }

// style sets the font; setting the font in use again writes nothing.
func (p *pdfDoc) style(style string, size float64) {
	if style == p.fontStyle && size == p.fontSize {
		return
	}
	p.fontStyle, p.fontSize = style, size
	if p.widths == nil {
		p.f.SetFont(fontFamily, style, size)
	}
}

func (p *pdfDoc) lineHeight() float64 { return p.fontSize * ptToMM * lineFactor }

// text draws one line of NFC text in a box of width w and one line high at x, y, aligned "L",
// "C" or "R".
func (p *pdfDoc) text(x, y, w float64, s, align string) {
	switch align {
	case "C":
		x += (w - p.strWidth(s)) / 2
	case "R":
		x += w - p.strWidth(s)
	}
	p.applyFont()
	p.f.Text(x, y+p.lineHeight()/2+0.3*p.fontSize*ptToMM, s)
}

// rule draws a horizontal line of length w centred on cx.
func (p *pdfDoc) rule(cx, y, w float64) { p.f.Line(cx-w/2, y, cx+w/2, y) }

// wrap splits s into lines no wider than width in the current font: at spaces, and inside a
// word only when the word alone is too wide. Line breaks in s are kept. Nothing is cut off.
func (p *pdfDoc) wrap(s string, width float64) []string {
	s = vn.NFC(s)
	if !strings.Contains(s, "\n") && p.strWidth(s) <= width { // most cells
		return []string{s}
	}
	var lines []string
	space := p.strWidth(" ")
	for _, para := range strings.Split(s, "\n") {
		var line strings.Builder
		lineW := 0.0
		flush := func() {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
		for _, word := range strings.Fields(para) {
			ww := p.strWidth(word)
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
					rw := p.strWidth(string(r))
					if i > 0 && cutW+rw > width {
						break
					}
					cut, cutW = i+utf8.RuneLen(r), cutW+rw
				}
				lines = append(lines, word[:cut])
				word = word[cut:]
				ww = p.strWidth(word)
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
	bestW := max(p.strWidth(lines[0]), p.strWidth(lines[1]))
	for i := 1; i < len(words); i++ {
		a, b := strings.Join(words[:i], " "), strings.Join(words[i:], " ")
		if w := max(p.strWidth(a), p.strWidth(b)); w < bestW {
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

// write finishes the document and writes it to w.
func (p *pdfDoc) write(w io.Writer) error {
	if err := p.f.Output(w); err != nil {
		return fmt.Errorf("viết tệp PDF: %w", err)
	}
	return nil
}

// Drawing at places on the sheet, for pages laid out by hand (certificates): coordinates in mm
// from the top left corner, colours as RGB.

// newPage starts a page.
func (p *pdfDoc) newPage() { p.f.AddPage() }

// width returns the width of s in the current font, mm.
func (p *pdfDoc) width(s string) float64 { return p.strWidth(s) }

// textAt draws s with its baseline at y, starting at x.
func (p *pdfDoc) textAt(x, y float64, s string) {
	p.applyFont()
	p.f.Text(x, y, s)
}

// textColor, drawColor and fillColor set the ink of text, lines and filled shapes.
func (p *pdfDoc) textColor(rgb [3]int) { p.f.SetTextColor(rgb[0], rgb[1], rgb[2]) }
func (p *pdfDoc) drawColor(rgb [3]int) { p.f.SetDrawColor(rgb[0], rgb[1], rgb[2]) }
func (p *pdfDoc) fillColor(rgb [3]int) { p.f.SetFillColor(rgb[0], rgb[1], rgb[2]) }

// lineWidth sets the width of the lines drawn next, mm.
func (p *pdfDoc) lineWidth(w float64) { p.f.SetLineWidth(w) }

// line draws a line from x1, y1 to x2, y2.
func (p *pdfDoc) line(x1, y1, x2, y2 float64) { p.f.Line(x1, y1, x2, y2) }

// frame draws the outline of a rectangle, its top left corner at x, y.
func (p *pdfDoc) frame(x, y, w, h float64) { p.f.Rect(x, y, w, h, "D") }

// diamond draws a filled square standing on its corner, centred on cx, cy, r from centre to
// corner, in the fill colour.
func (p *pdfDoc) diamond(cx, cy, r float64) {
	p.f.Polygon([]gofpdf.PointType{{X: cx, Y: cy - r}, {X: cx + r, Y: cy}, {X: cx, Y: cy + r}, {X: cx - r, Y: cy}}, "F")
}

// bitmap draws a 1-bit image in black, side mm square, its top left corner at x, y: rows of
// n pixels, each padded to whole bytes, the high bit first, 1 black. It goes into the page as an
// inline image mask (one image per page needs no object of its own) in ASCII85, which holds no
// white space, so that no reader can take a part of it for the image's end; the page's
// compression takes it back to about the bytes. A QR code drawn so takes about a bit a module in
// the compressed page, where a rectangle for each run of dark modules took five or six.
func (p *pdfDoc) bitmap(pixels []byte, n int, x, y, side float64) {
	if n == 0 {
		return
	}
	k := 72 / 25.4 // pt per mm
	buf := make([]byte, 0, 128+ascii85.MaxEncodedLen(len(pixels)))
	buf = append(buf, "q 0 g "...)
	for _, v := range []float64{side * k, 0, 0, side * k, x * k, (p.bottom - y - side) * k} {
		buf = strconv.AppendFloat(buf, v, 'f', 4, 64)
		buf = append(buf, ' ')
	}
	buf = append(buf, "cm BI /W "...)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, " /H "...)
	buf = strconv.AppendInt(buf, int64(n), 10)
	buf = append(buf, " /IM true /D [1 0] /F /A85 ID\n"...)
	at := len(buf)
	buf = slices.Grow(buf, ascii85.MaxEncodedLen(len(pixels)))[:at+ascii85.MaxEncodedLen(len(pixels))]
	buf = buf[:at+ascii85.Encode(buf[at:], pixels)]
	buf = append(buf, "~> EI Q"...)
	p.f.RawWriteStr(string(buf))
}

// writeFlated finishes the document and writes it to w with its streams compressed as gofpdf
// would, but by one compressor per core, each reused from stream to stream: gofpdf makes a new
// compressor for every page, and for a batch of a thousand certificates those were 1.3 GB of
// allocation and a third of the time.
func (p *pdfDoc) writeFlated(w io.Writer) error {
	p.f.SetCompression(false)
	var raw borrowed
	if err := p.f.Output(&raw); err != nil {
		return fmt.Errorf("viết tệp PDF: %w", err)
	}
	p.f = nil // the document is written: its pages may go while the streams are compressed
	if err := flateStreams(w, raw.b); err != nil {
		return fmt.Errorf("viết tệp PDF: %w", err)
	}
	return nil
}

// borrowed keeps what is written to it. gofpdf's Output hands over its whole buffer in one
// Write and touches it no more: that one is kept as it is, not copied (5 MB for a thousand
// certificates); any further Write is appended to a copy.
type borrowed struct{ b []byte }

func (w *borrowed) Write(p []byte) (int, error) {
	if w.b == nil {
		w.b = p
	} else {
		w.b = append(w.b[:len(w.b):len(w.b)], p...)
	}
	return len(p), nil
}

// flateStreams copies the PDF doc (as gofpdf writes it: objects in a row, then one
// cross-reference table) to w, compressing every stream that has no filter yet, and writes the
// table anew for the objects' new places.
func flateStreams(w io.Writer, doc []byte) error {
	at := bytes.LastIndex(doc, []byte("startxref\n"))
	if at < 0 {
		return errors.New("no startxref")
	}
	xref, err := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(doc[at+10:]), []byte("%%EOF")))))
	if err != nil || xref <= 0 || xref >= at {
		return fmt.Errorf("startxref: %v", err)
	}
	table := doc[xref:at]
	trailer := bytes.Index(table, []byte("trailer"))
	var count int
	if _, err := fmt.Sscanf(string(table), "xref\n0 %d\n", &count); err != nil || trailer < 0 {
		return fmt.Errorf("xref: %v", err)
	}
	entries := table[bytes.IndexByte(table[5:], '\n')+6:]
	if len(entries) < 20*count {
		return errors.New("xref: short")
	}
	// The objects in the order they stand, each up to the next.
	offsets := make([]int, count)
	order := make([]int, 0, count-1)
	for i := 1; i < count; i++ {
		if offsets[i], err = strconv.Atoi(string(entries[20*i : 20*i+10])); err != nil || offsets[i] <= 0 || offsets[i] >= xref {
			return fmt.Errorf("xref entry %d", i)
		}
		order = append(order, i)
	}
	slices.SortFunc(order, func(a, b int) int { return offsets[a] - offsets[b] })
	objs := make([][]byte, len(order))
	for k, i := range order {
		end := xref
		if k+1 < len(order) {
			end = offsets[order[k+1]]
		}
		objs[k] = doc[offsets[i]:end]
	}

	// Compress on every core, each worker taking every n-th object; the result does not depend
	// on which worker compressed what.
	out := make([][]byte, len(objs))
	workers := min(runtime.GOMAXPROCS(0), len(objs))
	var wg sync.WaitGroup
	for wk := range workers {
		wg.Go(func() {
			var z *zlib.Writer
			var buf bytes.Buffer
			for k := wk; k < len(objs); k += workers {
				out[k] = flateObject(objs[k], &z, &buf)
			}
		})
	}
	wg.Wait()

	first := offsets[order[0]]
	bw := bufio.NewWriterSize(w, 64*1024)
	bw.Write(doc[:first])
	pos := first
	for k, i := range order {
		offsets[i] = pos
		bw.Write(out[k])
		pos += len(out[k])
	}
	fmt.Fprintf(bw, "xref\n0 %d\n0000000000 65535 f \n", count)
	for _, off := range offsets[1:] {
		fmt.Fprintf(bw, "%010d 00000 n \n", off)
	}
	bw.Write(table[trailer:])
	fmt.Fprintf(bw, "startxref\n%d\n%%%%EOF\n", pos)
	return bw.Flush()
}

// flateObject returns obj with its stream compressed, if it has one without a filter, else obj
// itself; z and buf are the worker's compressor and buffer, made at the first stream.
func flateObject(obj []byte, z **zlib.Writer, buf *bytes.Buffer) []byte {
	head, data, ok := bytes.Cut(obj, []byte(">>\nstream\n"))
	if !ok || bytes.Contains(head, []byte("/Filter")) {
		return obj
	}
	i := bytes.Index(head, []byte("/Length "))
	if i < 0 {
		return obj
	}
	digits := head[i+8:]
	n := 0
	for n < len(digits) && digits[n] >= '0' && digits[n] <= '9' {
		n++
	}
	length, err := strconv.Atoi(string(digits[:n]))
	if err != nil || length > len(data) {
		return obj
	}
	buf.Reset()
	if *z == nil {
		*z, _ = zlib.NewWriterLevel(buf, zlib.BestSpeed)
	} else {
		(*z).Reset(buf)
	}
	(*z).Write(data[:length])
	(*z).Close()
	res := make([]byte, 0, len(head)+buf.Len()+64+len(data)-length)
	res = append(res, head[:i]...)
	res = append(res, "/Filter /FlateDecode /Length "...)
	res = strconv.AppendInt(res, int64(buf.Len()), 10)
	res = append(res, digits[n:]...)
	res = append(res, ">>\nstream\n"...)
	res = append(res, buf.Bytes()...)
	return append(res, data[length:]...)
}
