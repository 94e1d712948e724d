package reports

import (
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// A document is its opening followed by parts laid out down the page, each starting a new page
// when it does not fit on this one:
//
//	p := opening{org: d.Org, date: d.Date, meta: title, title: title, numbered: true}.start()
//	p.add(tableOf(defaultTable, cols, rows).keepWith(gap(3), para(total, bold, 13, "L"), gap(4), d.signing()))
//	return p.write(w)

// part is a piece of a document drawn at the current y.
type part interface {
	draw(p *pdfDoc)
}

// fixed is a part of known height that is drawn whole on one page: what follows a table and is
// kept with its last row.
type fixed interface {
	part
	height(p *pdfDoc) float64
}

// add draws the parts one under the other.
func (p *pdfDoc) add(parts ...part) {
	for _, pt := range parts {
		pt.draw(p)
	}
}

// heightOf returns the height the parts take together.
func (p *pdfDoc) heightOf(parts []fixed) float64 {
	h := 0.0
	for _, pt := range parts {
		h += pt.height(p)
	}
	return h
}

// opening is how every document begins: a new A4 PDF, page numbers if asked, and on its first
// page the official header (Decree 30/2020, appendix I), the document's number and subject under
// the centre's name if any, and its title.
type opening struct {
	org       data.Organisation
	date      vn.Date // printed under the national motto, the one place the date is printed; also the file's date
	landscape bool
	meta      string // the file's title in its metadata
	numbered  bool   // the page number in the top margin from page 2
	number    string // e.g. "Số:        /XN-TTKC", under the centre's name; "" for none
	subject   string // e.g. "V/v …", under the number; "" for none
	title     string // in bold at 14 pt, centred under the header; "" for none
}

// start writes the opening and returns the document, ready for its parts.
func (o opening) start() *pdfDoc {
	p := newPDF(o.landscape, o.date, o.meta)
	if o.numbered {
		p.pageNumbers()
	}
	p.f.AddPage()
	p.officialHeader(o.org, o.date)
	if o.number != "" || o.subject != "" {
		leftW, _ := p.headerColumns()
		y := p.f.GetY() - 3
		if o.number != "" {
			p.style(regular, 13)
			y = p.lines(p.left(), y, leftW, []string{o.number}, "C")
		}
		if o.subject != "" {
			p.style(regular, 12)
			y = p.lines(p.left(), y, leftW, p.wrap(o.subject, leftW), "C")
		}
		p.f.SetY(y + 6)
	}
	if o.title != "" {
		p.block(o.title, bold, 14, "C")
	}
	return p
}

// officialHeader draws the head of an administrative document (Decree 30/2020, appendix I): on
// the left the parent authority above the centre's name in bold with a short rule under it; on
// the right the national name and motto in bold, the motto underlined, and under them the place
// and date in italics.
func (p *pdfDoc) officialHeader(org data.Organisation, date vn.Date) {
	const gap = 1.5
	_, top, _, _ := p.f.GetMargins()
	x := p.left()
	leftW, rightW := p.headerColumns()
	rightX := x + p.pageW - rightW

	p.style(regular, 13)
	y := p.lines(x, top, leftW, p.balanced(strings.ToUpper(vn.NFC(org.ParentAuthority)), leftW), "C")
	p.style(bold, 13)
	name := p.balanced(strings.ToUpper(vn.NFC(org.Name)), leftW)
	y = p.lines(x, y, leftW, name, "C")
	p.rule(x+leftW/2, y+gap, p.f.GetStringWidth(name[len(name)-1])/3)
	leftEnd := y + gap

	y = p.lines(rightX, top, rightW, []string{national}, "C")
	p.style(bold, 14)
	motto := "Độc lập - Tự do - Hạnh phúc"
	y = p.lines(rightX, y, rightW, []string{motto}, "C")
	p.rule(rightX+rightW/2, y+0.5, p.f.GetStringWidth(motto))
	p.style(italic, 14)
	y = p.lines(rightX, y+2*gap+1, rightW, []string{vn.NFC(org.City) + ", " + date.Long()}, "C")

	p.f.SetY(max(y, leftEnd) + 5)
}

// national is the national name that heads every document, in bold at 13 pt.
const national = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"

// headerColumns returns the widths of the header's two columns: the right one holds the national
// name on one line within the margin, the left one takes what is left but a gap between them.
func (p *pdfDoc) headerColumns() (leftW, rightW float64) {
	p.style(bold, 13)
	rightW = max(p.pageW*0.52, p.f.GetStringWidth(national)+1)
	return min(p.pageW*0.42, p.pageW-rightW-2), rightW
}

// block draws text across the page, wrapped and aligned, in the given style, starting a new
// page when it does not fit on this one.
func (p *pdfDoc) block(s, style string, size float64, align string) {
	p.style(style, size)
	p.place(p.wrap(s, p.pageW), align)
}

// place draws lines across the page in the current font, starting a new page when they do not
// fit on this one.
func (p *pdfDoc) place(lines []string, align string) {
	if p.f.GetY()+float64(len(lines))*p.lineHeight() > p.bottom {
		p.f.AddPage()
	}
	p.f.SetY(p.lines(p.left(), p.f.GetY(), p.pageW, lines, align))
}

// centredName is a part: the name of what a document is about, in bold at 13 pt, centred, split where
// its lines come out evenest when it takes two, as the names in the header are.
type centredName string

func (n centredName) draw(p *pdfDoc) {
	p.style(bold, 13)
	p.place(p.balanced(string(n), p.pageW), "C")
}

// gap is a part: space of that many mm.
type gap float64

func (g gap) height(*pdfDoc) float64 { return float64(g) }
func (g gap) draw(p *pdfDoc)         { p.f.SetY(p.f.GetY() + float64(g)) }

// paragraph is a part: text across the page, wrapped and aligned ("L", "C" or "R"), in a style.
type paragraph struct {
	s, style, align string
	size            float64
}

// para returns the paragraph of s in style at size pt, aligned.
func para(s, style string, size float64, align string) paragraph {
	return paragraph{s: s, style: style, size: size, align: align}
}

func (t paragraph) draw(p *pdfDoc) { p.block(t.s, t.style, t.size, t.align) }
func (t paragraph) height(p *pdfDoc) float64 {
	p.style(t.style, t.size)
	return float64(len(p.wrap(t.s, p.pageW))) * p.lineHeight()
}

// heading is a part: a section's title in bold, starting a new page when this one has no room
// under it for the start of the section: headingRoom mm (a table's header and first rows), and
// what keep holds, for a short table that goes to the next page whole with what is kept under it.
type heading struct {
	title string
	keep  []fixed
}

// headingRoom is the room a heading keeps under it on its page, mm.
const headingRoom = 30

func (h heading) draw(p *pdfDoc) {
	room := headingRoom + p.heightOf(h.keep)
	p.style(bold, 13)
	if p.f.GetY()+p.lineHeight()+room > p.bottom {
		p.f.AddPage()
	}
	p.block(h.title, bold, 13, "L")
}

// pageBreak is a part: a new page.
type pageBreak struct{}

func (pageBreak) draw(p *pdfDoc) { p.f.AddPage() }

// pair is a part: a on one line and b from the middle of the page, in style at size pt, when
// both fit their half; otherwise one under the other across the page. Empty texts are left out.
type pair struct {
	a, b, style string
	size        float64
}

func (t pair) draw(p *pdfDoc) {
	p.style(t.style, t.size)
	a, b := vn.NFC(t.a), vn.NFC(t.b)
	half := p.pageW / 2
	if a != "" && b != "" && p.f.GetStringWidth(a) < half-2 && p.f.GetStringWidth(b) < half {
		if p.f.GetY()+p.lineHeight() > p.bottom {
			p.f.AddPage()
		}
		y := p.f.GetY()
		p.text(p.left(), y, half, a, "L")
		p.text(p.left()+half, y, half, b, "L")
		p.f.SetY(y + p.lineHeight())
		return
	}
	for _, s := range []string{a, b} {
		if s != "" {
			p.block(s, t.style, t.size, "L")
		}
	}
}

// signing is a part: the signing block in the right half of the page (Decree 30/2020): the
// signer's title in bold capitals, a hint such as "(Ký, ghi rõ họ tên)" in italics when not "",
// room to sign, and the signer's name in bold when known. The place and date are printed once,
// in the header, as the decree sets them.
type signing struct {
	title, hint, name string
}

// directorSigning is the director's signing block.
func directorSigning(org data.Organisation) signing {
	return signing{title: org.DirectorTitle, name: org.DirectorName}
}

// signRoom is the space left blank for the signature and the seal, mm.
const signRoom = 24

func (s signing) draw(p *pdfDoc) {
	x, w, titleLines, nameLines, h := s.layout(p)
	if p.f.GetY()+h > p.bottom {
		p.f.AddPage()
	}
	p.style(bold, 13)
	y := p.lines(x, p.f.GetY(), w, titleLines, "C")
	if s.hint != "" {
		p.style(italic, 13)
		y = p.lines(x, y, w, []string{s.hint}, "C")
	}
	p.style(bold, 13)
	y = p.lines(x, y+signRoom, w, nameLines, "C")
	p.f.SetY(y)
}

func (s signing) height(p *pdfDoc) float64 {
	_, _, _, _, h := s.layout(p)
	return h
}

// layout lays out the signing block.
func (s signing) layout(p *pdfDoc) (x, w float64, titleLines, nameLines []string, h float64) {
	w = p.pageW * 0.55
	x = p.left() + p.pageW - w
	p.style(bold, 13)
	titleLines = p.wrap(strings.ToUpper(vn.NFC(s.title)), w)
	nameLines = p.wrap(s.name, w)
	n := len(titleLines) + len(nameLines)
	if s.hint != "" {
		n++
	}
	return x, w, titleLines, nameLines, float64(n)*p.lineHeight() + signRoom
}

// The signers of a settlement, left to right; the director's title comes from the organisation.
const (
	preparerTitle   = "NGƯỜI LẬP BIỂU"
	accountantTitle = "KẾ TOÁN"
	signHint        = "(Ký, ghi rõ họ tên)"
)

// threeSignings is a part: three signing blocks across the page, the preparer, the accountant
// and the director.
type threeSignings struct {
	org data.Organisation
}

func (s threeSignings) height(p *pdfDoc) float64 {
	p.style(bold, 13)
	n := 2.0
	if s.org.DirectorName != "" {
		n++
	}
	return n*p.lineHeight() + signRoom
}

func (s threeSignings) draw(p *pdfDoc) {
	if p.f.GetY()+s.height(p) > p.bottom {
		p.f.AddPage()
	}
	w := p.pageW / 3
	y := p.f.GetY()
	end := y
	for i, title := range []string{preparerTitle, accountantTitle, s.org.DirectorTitle} {
		x := p.left() + float64(i)*w
		p.style(bold, 13)
		yy := p.lines(x, y, w, []string{strings.ToUpper(vn.NFC(title))}, "C")
		p.style(italic, 13)
		yy = p.lines(x, yy, w, []string{signHint}, "C")
		if i == 2 && s.org.DirectorName != "" {
			p.style(bold, 13)
			yy = p.lines(x, yy+signRoom, w, []string{vn.NFC(s.org.DirectorName)}, "C")
		} else {
			yy += signRoom
		}
		end = max(end, yy)
	}
	p.f.SetY(end)
}

// letterFoot is a part: a letter's recipients ("Nơi nhận:") on the left and its signing block
// on the right, side by side, kept on one page.
type letterFoot struct {
	recipients []string
	sign       signing
}

func (l letterFoot) height(p *pdfDoc) float64 {
	p.style(regular, 11)
	return max(l.sign.height(p), float64(len(l.recipients)+1)*p.lineHeight())
}

func (l letterFoot) draw(p *pdfDoc) {
	if p.f.GetY()+l.sign.height(p) > p.bottom {
		p.f.AddPage()
	}
	top := p.f.GetY()
	p.style(bold, 12)
	y := p.lines(p.left(), top, p.pageW*0.45, []string{"Nơi nhận:"}, "L")
	p.style(regular, 11)
	p.lines(p.left(), y, p.pageW*0.45, l.recipients, "L")
	p.f.SetY(top)
	l.sign.draw(p)
}
