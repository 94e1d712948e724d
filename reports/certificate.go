package reports

import (
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// CertificateFormat is the paper a certificate prints on.
type CertificateFormat int

// The formats of a certificate.
const (
	A4Landscape CertificateFormat = iota // 297 × 210 mm
	SmallCard                            // 190 × 135 mm: the A4 layout scaled down
)

// size returns the sheet's width and height, mm.
func (f CertificateFormat) size() (w, h float64) {
	if f == SmallCard {
		return 190, 135
	}
	return 297, 210
}

// The certificate is designed on an A4 landscape sheet, in mm and pt; the small card scales the
// design down, centred on its sheet.
const (
	certW, certH = 297.0, 210.0

	certFrameOut = 7.0  // the outer frame's inset
	certFrameIn  = 10.5 // the inner frame's
	certLeftX    = 18.0 // the left header column: the authority and centre
	certLeftW    = 130.0
	certRightX   = 150.0 // the right one: the national name and motto
	certRightW   = 130.0
	certTitleY   = 62.0 // baseline of the title
	certBodyX    = 56.0 // the body: who, what, when
	certBodyR    = 252.0
	certNameY    = 83.0 // baseline of "Cấp cho:" and the name's first line
	certNameMax  = 26.0 // pt, the name at its largest
	certNameMin1 = 18.0 // pt, the smallest the name is set on one line
	certNameMin2 = 9.0  // pt, the smallest on two
	certBodySize = 14.5 // pt
	certBodyStep = 7.6  // mm between the body's baselines
	certSignX    = 160.0
	certSignW    = 118.0
	certSignY    = 131.0 // the least baseline of the signer's date line
	certSignLow  = 193.0 // the lowest baseline of the signer's name
	certSignRoom = 27.0  // mm from the title's last baseline to the name's: room to sign and seal
	certQRX      = 25.0
	certQRY      = 160.0
	certQRSize   = 30.0
	certNoteX    = 60.0 // the serial and register number, right of the QR code
	certNoteR    = 155.0
	certNoteLow  = 190.0 // baseline of the last of them
	certNoteSize = 11.5
	certNoteStep = 5.6
)

// The certificate's ink: its frame and title in dark red, the holder's name in dark blue,
// everything else black.
var (
	certRed   = [3]int{140, 22, 22}
	certBlue  = [3]int{16, 40, 110}
	certBlack = [3]int{0, 0, 0}
)

// QRCaption is printed under a certificate's QR code.
const QRCaption = "Quét mã để kiểm tra"

// WriteCertificatesPDF writes the certificates as one PDF, one page each, in the given format:
// a frame in vector lines, the national header, the authority and centre, the title, the holder
// and their course, the date and the signer's block (room to sign and seal), the serial, register
// number, decision and the certificate it re-issues, and the QR code of its signed text. The parts
// shared by the pages are drawn once. The output depends on the certificates alone.
// EINVALID when there is none, or one lacks a name, serial or signed text.
func WriteCertificatesPDF(w io.Writer, certs []data.CertificateContent, format CertificateFormat) error {
	if len(certs) == 0 {
		return data.Errorf(data.EINVALID, "Không có chứng chỉ nào để in.")
	}
	for i := range certs {
		c := &certs[i]
		if strings.TrimSpace(c.TraineeName) == "" || strings.TrimSpace(c.Serial) == "" || c.VerifyText == "" {
			return data.Errorf(data.EINVALID, "Chứng chỉ thứ %d thiếu họ tên, số hiệu hoặc mã kiểm tra.", i+1)
		}
	}
	pw, ph := format.size()
	title := "Chứng chỉ " + certs[0].Serial
	if len(certs) > 1 {
		title += " – " + certs[len(certs)-1].Serial
	}
	p := newSheetPDF(pw, ph, certs[0].IssuedOn, title)
	s := min(pw/certW, ph/certH)
	page := certPage{p: p, s: s, ox: (pw - certW*s) / 2, oy: (ph - certH*s) / 2}
	codes := encodeQRs(certs)
	frames := map[[3]string]pdfTemplate{}
	for i := range certs {
		code, err := codes.get(i)
		if err != nil {
			return err
		}
		c := nfcContent(certs[i])
		p.f.AddPage()
		key := [3]string{c.ParentAuthority, c.Centre, c.Title}
		t, ok := frames[key]
		if !ok {
			t = p.template(func(tp *pdfDoc) { page.on(tp).frame(c) })
			frames[key] = t
		}
		p.useTemplate(t)
		page.content(c, code)
	}
	return p.write(w)
}

// nfcContent returns c with every text NFC.
func nfcContent(c data.CertificateContent) data.CertificateContent {
	for _, s := range []*string{&c.Title, &c.ParentAuthority, &c.Centre, &c.City, &c.TraineeName, &c.BirthPlace,
		&c.Trade, &c.ClassName, &c.ClassCode, &c.ClassKind, &c.Grade, &c.Serial, &c.DecisionNo,
		&c.SignerTitle, &c.SignerName, &c.Replaces} {
		*s = strings.TrimSpace(vn.NFC(*s))
	}
	return c
}

// certPage draws on a certificate's page (or its template) in the design's coordinates.
type certPage struct {
	p         *pdfDoc
	s, ox, oy float64 // scale and offset from the design to the sheet
}

func (c certPage) on(p *pdfDoc) certPage { c.p = p; return c }
func (c certPage) x(v float64) float64   { return c.ox + v*c.s }
func (c certPage) y(v float64) float64   { return c.oy + v*c.s }

// font sets the style at the design's size, scaled.
func (c certPage) font(style string, size float64) { c.p.style(style, size*c.s) }

// width returns the width of s in the current font, in the design's mm.
func (c certPage) width(s string) float64 { return c.p.f.GetStringWidth(s) / c.s }

// wrap and balanced split s into lines no wider than w design mm.
func (c certPage) wrap(s string, w float64) []string { return c.p.wrap(s, w*c.s) }
func (c certPage) balanced(s string, w float64) []string {
	if strings.Contains(s, "\n") {
		return c.p.wrap(s, w*c.s)
	}
	return c.p.balanced(s, w*c.s)
}

func (c certPage) ink(rgb [3]int) { c.p.f.SetTextColor(rgb[0], rgb[1], rgb[2]) }

// put draws s with its baseline at y, starting at x ("L"), centred on x ("C") or ending at x ("R").
func (c certPage) put(x, y float64, s, align string) {
	switch align {
	case "C":
		x -= c.width(s) / 2
	case "R":
		x -= c.width(s)
	}
	c.p.f.Text(c.x(x), c.y(y), s)
}

// puts draws lines centred on x, the first baseline at y, step apart, and returns the last baseline.
func (c certPage) puts(x, y, step float64, lines []string) float64 {
	for i, l := range lines {
		if i > 0 {
			y += step
		}
		c.put(x, y, l, "C")
	}
	return y
}

func (c certPage) line(x1, y1, x2, y2, width float64) {
	c.p.f.SetLineWidth(width * c.s)
	c.p.f.Line(c.x(x1), c.y(y1), c.x(x2), c.y(y2))
}

func (c certPage) diamond(cx, cy, r float64) { c.p.diamond(c.x(cx), c.y(cy), r*c.s) }

// step returns the distance between baselines of the current font.
func (c certPage) step(size float64) float64 { return size * ptToMM * 1.25 }

// frame draws what pages with the same authority, centre and title share: the double frame and
// its corners, the header, the title and the QR code's caption.
func (c certPage) frame(cc data.CertificateContent) {
	f := c.p.f
	f.SetDrawColor(certRed[0], certRed[1], certRed[2])
	f.SetFillColor(certRed[0], certRed[1], certRed[2])
	f.SetLineWidth(1.2 * c.s)
	f.Rect(c.x(certFrameOut), c.y(certFrameOut), (certW-2*certFrameOut)*c.s, (certH-2*certFrameOut)*c.s, "D")
	f.SetLineWidth(0.35 * c.s)
	f.Rect(c.x(certFrameIn), c.y(certFrameIn), (certW-2*certFrameIn)*c.s, (certH-2*certFrameIn)*c.s, "D")
	// Each corner: an L turned into the page and a diamond in the square it closes.
	const arm = 9.0
	for _, k := range [][4]float64{
		{certFrameIn, certFrameIn, 1, 1}, {certW - certFrameIn, certFrameIn, -1, 1},
		{certFrameIn, certH - certFrameIn, 1, -1}, {certW - certFrameIn, certH - certFrameIn, -1, -1},
	} {
		x, y, dx, dy := k[0], k[1], k[2], k[3]
		c.line(x, y+dy*arm, x+dx*arm, y+dy*arm, 0.35)
		c.line(x+dx*arm, y+dy*arm, x+dx*arm, y, 0.35)
		c.diamond(x+dx*arm/2, y+dy*arm/2, 2.3)
	}
	// Small diamonds in the middle of each side, between the frames.
	mid := (certFrameOut + certFrameIn) / 2
	c.diamond(certW/2, mid, 1.4)
	c.diamond(certW/2, certH-mid, 1.4)
	c.diamond(mid, certH/2, 1.4)
	c.diamond(certW-mid, certH/2, 1.4)

	// The header: the authority and centre on the left, the national name and motto on the right.
	c.ink(certBlack)
	f.SetDrawColor(0, 0, 0)
	lc, rc := certLeftX+certLeftW/2, certRightX+certRightW/2
	c.font(regular, 12.5)
	y := c.puts(lc, 22, c.step(12.5), c.balanced(strings.ToUpper(cc.ParentAuthority), certLeftW))
	c.font(bold, 12.5)
	centre := c.balanced(strings.ToUpper(cc.Centre), certLeftW)
	y = c.puts(lc, y+c.step(12.5), c.step(12.5), centre)
	rw := c.width(centre[len(centre)-1]) / 3
	c.line(lc-rw/2, y+2.2, lc+rw/2, y+2.2, 0.3)

	c.font(bold, 12.5)
	c.put(rc, 22, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "C")
	c.font(bold, 13.5)
	motto := "Độc lập - Tự do - Hạnh phúc"
	my := 22 + c.step(13)
	c.put(rc, my, motto, "C")
	mw := c.width(motto)
	c.line(rc-mw/2, my+1.5, rc+mw/2, my+1.5, 0.3)

	// The title, shrunk if it is long, and an ornament under it.
	title := strings.ToUpper(cc.Title)
	if title == "" {
		title = "CHỨNG CHỈ"
	}
	size := 34.0
	for c.font(bold, size); size > 16 && c.width(title) > certBodyR-certBodyX; size-- {
		c.font(bold, size-1)
	}
	c.ink(certRed)
	c.put(certW/2, certTitleY, title, "C")
	f.SetDrawColor(certRed[0], certRed[1], certRed[2])
	c.line(certW/2-45, certTitleY+5.5, certW/2-4, certTitleY+5.5, 0.5)
	c.line(certW/2+4, certTitleY+5.5, certW/2+45, certTitleY+5.5, 0.5)
	c.diamond(certW/2, certTitleY+5.5, 1.8)

	c.ink(certBlack)
	c.font(italic, 10)
	c.put(certQRX+certQRSize/2, certQRY+certQRSize+5.5, QRCaption, "C")
}

// content draws what is the certificate's own: the holder, the course, the signer, the numbers
// and the QR code.
func (c certPage) content(cc data.CertificateContent, code [][]bool) {
	// Who: "Cấp cho:" and the name, as large as fits on one line, else on two.
	c.ink(certBlack)
	c.font(regular, 15)
	label := "Cấp cho:"
	c.put(certBodyX, certNameY, label, "L")
	nx := certBodyX + c.width(label) + 4
	lines, size := c.fitName(cc.TraineeName, certBodyR-nx)
	c.ink(certBlue)
	y := certNameY
	for i, l := range lines {
		if i > 0 {
			y += size * ptToMM * 1.15
		}
		c.put(nx, y, l, "L")
	}
	c.ink(certBlack)
	y += 10

	// What and when, a label and its value in bold.
	birth := "Sinh ngày:"
	place := "Nơi sinh:"
	c.font(regular, certBodySize)
	bw := c.width(birth) + c.width(" ")
	c.put(certBodyX, y, birth, "L")
	c.font(bold, certBodySize)
	c.put(certBodyX+bw, y, cc.BirthDate.String(), "L")
	if cc.BirthPlace != "" { // beside the birth date when it fits, else under it
		const placeX = 150.0
		c.font(regular, certBodySize)
		lw := c.width(place + " ")
		c.font(bold, certBodySize)
		if placeX+lw+c.width(cc.BirthPlace) <= certBodyR {
			c.put(placeX+lw, y, cc.BirthPlace, "L")
			c.font(regular, certBodySize)
			c.put(placeX, y, place, "L")
		} else {
			y = c.field(y+certBodyStep, place, cc.BirthPlace)
		}
	}
	y = c.field(y+certBodyStep, "Đã hoàn thành khóa học:", cc.ClassName)
	if cc.Trade != "" {
		y = c.field(y+certBodyStep, "Nghề:", cc.Trade)
	}
	when := "từ " + cc.Start.String() + " đến " + cc.End.String()
	if cc.Hours > 0 {
		when += " (" + strconv.Itoa(cc.Hours) + " giờ)"
	}
	y = c.field(y+certBodyStep, "Thời gian:", when)
	if cc.Grade != "" {
		y = c.field(y+certBodyStep, "Xếp loại:", cc.Grade)
	}

	// The signer, on the right: the place and date, the title, room to sign and seal, the name.
	sc := certSignX + certSignW/2
	sy := max(y+certBodyStep+1, certSignY)
	c.font(italic, certBodySize)
	c.put(sc, sy, cc.City+", "+cc.IssuedOn.Long(), "C")
	c.font(bold, 14)
	titleLines := c.balanced(strings.ToUpper(cc.SignerTitle), certSignW)
	ty := c.puts(sc, sy+c.step(14)+0.8, c.step(14), titleLines)
	c.font(bold, 15)
	nameLines := c.balanced(cc.SignerName, certSignW)
	ny := min(ty+certSignRoom, certSignLow-float64(len(nameLines)-1)*c.step(15))
	c.puts(sc, ny, c.step(15), nameLines)

	// The numbers, right of the QR code and level with its foot.
	type note struct{ label, value string }
	notes := []note{{"Số hiệu:", cc.Serial}}
	if cc.RegisterNo > 0 {
		notes = append(notes, note{"Số vào sổ:", cc.RegisterLabel()})
	}
	if cc.DecisionNo != "" {
		d := cc.DecisionNo
		if !cc.DecisionDate.IsZero() {
			d += " ngày " + cc.DecisionDate.String()
		}
		notes = append(notes, note{"Quyết định số", d})
	}
	if cc.Replaces != "" {
		notes = append(notes, note{"Cấp lại cho số hiệu", cc.Replaces})
	}
	type noteLine struct {
		label string
		value []string
	}
	var nls []noteLine
	rows := 0
	for _, n := range notes {
		lw := c.widthIn(regular, n.label+" ")
		c.font(bold, certNoteSize)
		v := c.wrap(n.value, certNoteR-certNoteX-lw)
		nls = append(nls, noteLine{n.label, v})
		rows += len(v)
	}
	ly := certNoteLow - float64(rows-1)*certNoteStep
	for _, n := range nls {
		c.font(regular, certNoteSize)
		c.put(certNoteX, ly, n.label, "L")
		vx := certNoteX + c.width(n.label+" ")
		c.font(bold, certNoteSize)
		for _, v := range n.value {
			c.put(vx, ly, v, "L")
			ly += certNoteStep
		}
	}
	c.qr(code, certQRX, certQRY, certQRSize)
}

// widthIn returns the width of s in the given style at the current size.
func (c certPage) widthIn(style, s string) float64 {
	keep := c.p.fontStyle
	c.p.style(style, c.p.fontSize)
	w := c.width(s)
	c.p.style(keep, c.p.fontSize)
	return w
}

// field draws a label in the regular style and its value in bold after it, the value wrapped
// under itself, from the baseline y; it returns the last baseline.
func (c certPage) field(y float64, label, value string) float64 {
	c.font(regular, certBodySize)
	c.put(certBodyX, y, label, "L")
	vx := certBodyX + c.width(label+" ")
	c.font(bold, certBodySize)
	for i, l := range c.wrap(value, certBodyR-vx) {
		if i > 0 {
			y += certBodyStep
		}
		c.put(vx, y, l, "L")
	}
	return y
}

// fitName sets the name in bold as large as it fits in w on one line, down to certNameMin1;
// then on two balanced lines, down to certNameMin2; and at worst wrapped at that size. Nothing
// is cut.
func (c certPage) fitName(name string, w float64) ([]string, float64) {
	for size := certNameMax; size >= certNameMin1; size -= 0.5 {
		c.font(bold, size)
		if c.width(name) <= w {
			return []string{name}, size
		}
	}
	for size := 22.0; size >= certNameMin2; size -= 0.5 {
		c.font(bold, size)
		if lines := c.balanced(name, w); len(lines) <= 2 {
			return lines, size
		}
	}
	return c.wrap(name, w), certNameMin2
}

// qrCodes are the QR codes of a batch of certificates, encoded by as many goroutines as there
// are processors while the pages are drawn (choosing each code's mask is the costly part).
type qrCodes struct {
	codes [][][]bool
	errs  []error
	ready []chan struct{}
}

// encodeQRs starts encoding the certificates' QR codes, in order.
func encodeQRs(certs []data.CertificateContent) *qrCodes {
	q := &qrCodes{codes: make([][][]bool, len(certs)), errs: make([]error, len(certs)), ready: make([]chan struct{}, len(certs))}
	next := make(chan int, len(certs))
	for i := range certs {
		q.ready[i] = make(chan struct{})
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(certs)) {
		wg.Go(func() {
			for i := range next {
				q.codes[i], q.errs[i] = encodeQR(certs[i].VerifyText)
				close(q.ready[i])
			}
		})
	}
	return q
}

// get waits for certificate i's code.
func (q *qrCodes) get(i int) ([][]bool, error) {
	<-q.ready[i]
	return q.codes[i], q.errs[i]
}

// qr draws a QR code's modules as filled squares, size mm wide, its top left corner at x, y: in
// a coordinate system of one module a unit, each run of dark modules in a row is one rectangle
// and the whole code one path, which keeps the page small.
func (c certPage) qr(code [][]bool, x, y, size float64) {
	n := len(code)
	if n == 0 {
		return
	}
	k := 72 / 25.4 // pt per mm
	m := size / float64(n) * c.s * k
	x0, top := c.x(x)*k, (c.p.bottom-c.y(y))*k // PDF space: from the bottom, in pt
	buf := make([]byte, 0, 8*1024)
	buf = append(buf, "q 0 g "...)
	for _, v := range []float64{m, 0, 0, -m, x0, top} {
		buf = strconv.AppendFloat(buf, v, 'f', 4, 64)
		buf = append(buf, ' ')
	}
	buf = append(buf, "cm\n"...)
	for row := range n {
		for col := 0; col < n; {
			if !code[row][col] {
				col++
				continue
			}
			start := col
			for col < n && code[row][col] {
				col++
			}
			buf = strconv.AppendInt(buf, int64(start), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(row), 10)
			buf = append(buf, ' ')
			buf = strconv.AppendInt(buf, int64(col-start), 10)
			buf = append(buf, " 1 re\n"...)
		}
	}
	buf = append(buf, "f Q"...)
	c.p.f.RawWriteStr(string(buf))
}

// A QR code encoder for the certificates' texts: byte mode, error correction level M, the mask
// with the least penalty, as ISO/IEC 18004 describes. boombuler/barcode and skip2/go-qrcode
// spend 4-10 ms a code choosing the mask (1,000 certificates took 14 s with the one, 6 s with
// the other on two goroutines, on this project's 2-core machine); this one draws the same
// modules (a test compares them with boombuler's for every version up to 26) in a fraction of a
// millisecond, and the tests read its codes back from the rendered pages with a decoder.

// qrBlocksM is the block structure at level M by version (1–40): error correction codewords per
// block, then the number of blocks of the first group and their data codewords, then the same
// for the second group.
var qrBlocksM = [41][5]int{
	{},
	{10, 1, 16, 0, 0},    // 1
	{16, 1, 28, 0, 0},    // 2
	{26, 1, 44, 0, 0},    // 3
	{18, 2, 32, 0, 0},    // 4
	{24, 2, 43, 0, 0},    // 5
	{16, 4, 27, 0, 0},    // 6
	{18, 4, 31, 0, 0},    // 7
	{22, 2, 38, 2, 39},   // 8
	{22, 3, 36, 2, 37},   // 9
	{26, 4, 43, 1, 44},   // 10
	{30, 1, 50, 4, 51},   // 11
	{22, 6, 36, 2, 37},   // 12
	{22, 8, 37, 1, 38},   // 13
	{24, 4, 40, 5, 41},   // 14
	{24, 5, 41, 5, 42},   // 15
	{28, 7, 45, 3, 46},   // 16
	{28, 10, 46, 1, 47},  // 17
	{26, 9, 43, 4, 44},   // 18
	{26, 3, 44, 11, 45},  // 19
	{26, 3, 41, 13, 42},  // 20
	{26, 17, 42, 0, 0},   // 21
	{28, 17, 46, 0, 0},   // 22
	{28, 4, 47, 14, 48},  // 23
	{28, 6, 45, 14, 46},  // 24
	{28, 8, 47, 13, 48},  // 25
	{28, 19, 46, 4, 47},  // 26
	{28, 22, 45, 3, 46},  // 27
	{28, 3, 45, 23, 46},  // 28
	{28, 21, 45, 7, 46},  // 29
	{28, 19, 47, 10, 48}, // 30
	{28, 2, 46, 29, 47},  // 31
	{28, 10, 46, 23, 47}, // 32
	{28, 14, 46, 21, 47}, // 33
	{28, 14, 46, 23, 47}, // 34
	{28, 12, 47, 26, 48}, // 35
	{28, 6, 47, 34, 48},  // 36
	{28, 29, 46, 14, 47}, // 37
	{28, 13, 46, 32, 47}, // 38
	{28, 40, 47, 7, 48},  // 39
	{28, 18, 47, 31, 48}, // 40
}

// qrAlign gives the centres of the alignment patterns by version, rows and columns alike.
func qrAlign(v int) []int {
	if v == 1 {
		return nil
	}
	n := v/7 + 2
	size := 17 + 4*v
	step := 26
	if v != 32 {
		step = (v*4 + n*2 + 1) / (n*2 - 2) * 2
	}
	res := make([]int, n)
	res[0] = 6
	for i, pos := n-1, size-7; i >= 1; i, pos = i-1, pos-step {
		res[i] = pos
	}
	return res
}

// encodeQR returns the modules of the QR code of text, error correction M (15% of the code may
// be lost), without the quiet zone, row by row: true is dark.
func encodeQR(text string) ([][]bool, error) {
	msg := []byte(text)
	v := 1
	for ; v <= 40; v++ {
		b := qrBlocksM[v]
		count := 8
		if v >= 10 {
			count = 16
		}
		if 4+count+8*len(msg) <= 8*(b[1]*b[2]+b[3]*b[4]) {
			break
		}
	}
	if v > 40 {
		return nil, data.Errorf(data.EINVALID, "Mã kiểm tra của chứng chỉ dài %d byte, quá dài để in thành mã QR.", len(msg))
	}
	b := qrBlocksM[v]
	capacity := b[1]*b[2] + b[3]*b[4]

	// The data codewords: mode, count, bytes, terminator, padding.
	var bits qrBits
	bits.put(0b0100, 4)
	if v >= 10 {
		bits.put(len(msg), 16)
	} else {
		bits.put(len(msg), 8)
	}
	for _, c := range msg {
		bits.put(int(c), 8)
	}
	bits.put(0, min(4, 8*capacity-bits.n))
	bits.put(0, (8-bits.n%8)%8)
	for pad := 0xEC; len(bits.b) < capacity; pad ^= 0xEC ^ 0x11 {
		bits.put(pad, 8)
	}

	// Split into blocks, add each block's error correction, interleave.
	divisor := rsDivisor(b[0])
	var blocks, ecs [][]byte
	at := 0
	for g := 0; g < 2; g++ {
		for range b[1+2*g] {
			blk := bits.b[at : at+b[2+2*g]]
			at += len(blk)
			blocks = append(blocks, blk)
			ecs = append(ecs, rsRemainder(blk, divisor))
		}
	}
	words := make([]byte, 0, capacity+len(blocks)*b[0])
	for i := range max(b[2], b[4]) {
		for _, blk := range blocks {
			if i < len(blk) {
				words = append(words, blk[i])
			}
		}
	}
	for i := range b[0] {
		for _, ec := range ecs {
			words = append(words, ec[i])
		}
	}

	q := newQRMatrix(v)
	q.placeData(words)
	best, bestPenalty := -1, 0
	for m := range 8 {
		q.applyMask(m)
		q.drawFormat(m)
		if p := q.penalty(); best < 0 || p < bestPenalty {
			best, bestPenalty = m, p
		}
		q.applyMask(m) // undo
	}
	q.applyMask(best)
	q.drawFormat(best)
	return q.dark, nil
}

// qrBits collects bits, most significant first, into bytes.
type qrBits struct {
	b []byte
	n int // bits
}

func (w *qrBits) put(v, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.n%8 == 0 {
			w.b = append(w.b, 0)
		}
		if v>>i&1 != 0 {
			w.b[w.n/8] |= 0x80 >> (w.n % 8)
		}
		w.n++
	}
}

// gfMul multiplies in GF(2⁸) modulo x⁸+x⁴+x³+x²+1.
func gfMul(x, y byte) byte {
	var z byte
	for i := 7; i >= 0; i-- {
		hi := z >> 7
		z = z<<1 ^ hi*0x1D
		z ^= (y >> i & 1) * x
	}
	return z
}

// rsDivisor returns the Reed–Solomon generator polynomial of the given degree, its leading 1 left
// out, highest power first.
func rsDivisor(degree int) []byte {
	res := make([]byte, degree)
	res[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range res {
			res[j] = gfMul(res[j], root)
			if j+1 < len(res) {
				res[j] ^= res[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return res
}

// rsRemainder returns the error correction codewords of data.
func rsRemainder(data, divisor []byte) []byte {
	res := make([]byte, len(divisor))
	for _, c := range data {
		factor := c ^ res[0]
		copy(res, res[1:])
		res[len(res)-1] = 0
		for i, d := range divisor {
			res[i] ^= gfMul(d, factor)
		}
	}
	return res
}

// qrMatrix is a QR code being drawn: its modules and which of them are function patterns.
type qrMatrix struct {
	size        int
	dark, fixed [][]bool
	version     int
}

func newQRMatrix(v int) *qrMatrix {
	size := 17 + 4*v
	q := &qrMatrix{size: size, version: v, dark: make([][]bool, size), fixed: make([][]bool, size)}
	for i := range size {
		q.dark[i] = make([]bool, size)
		q.fixed[i] = make([]bool, size)
	}
	for i := range size { // timing patterns
		q.set(6, i, i%2 == 0)
		q.set(i, 6, i%2 == 0)
	}
	for _, c := range [][2]int{{3, 3}, {size - 4, 3}, {3, size - 4}} { // finders and separators
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x < 0 || y < 0 || x >= size || y >= size {
					continue
				}
				d := max(abs(dx), abs(dy))
				q.set(x, y, d != 2 && d != 4)
			}
		}
	}
	align := qrAlign(v)
	for i, ax := range align {
		for j, ay := range align {
			if i == 0 && j == 0 || i == 0 && j == len(align)-1 || i == len(align)-1 && j == 0 {
				continue // the finders' corners
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					q.set(ax+dx, ay+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	q.drawFormat(0) // reserves the format areas and sets the dark module
	if v >= 7 {
		rem := v
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		bits := v<<12 | rem
		for i := range 18 {
			bit := bits>>i&1 != 0
			a, b := size-11+i%3, i/3
			q.set(a, b, bit)
			q.set(b, a, bit)
		}
	}
	return q
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// set sets the function module at column x, row y.
func (q *qrMatrix) set(x, y int, dark bool) {
	q.dark[y][x] = dark
	q.fixed[y][x] = true
}

// drawFormat draws the format information (level M and the mask) in its two copies.
func (q *qrMatrix) drawFormat(mask int) {
	data := mask // level M is 00
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 != 0 }
	for i := 0; i <= 5; i++ {
		q.set(8, i, bit(i))
	}
	q.set(8, 7, bit(6))
	q.set(8, 8, bit(7))
	q.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		q.set(14-i, 8, bit(i))
	}
	for i := range 8 {
		q.set(q.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		q.set(8, q.size-15+i, bit(i))
	}
	q.set(8, q.size-8, true)
}

// placeData fills the modules that are not function patterns with the codewords, in the zigzag
// of two columns from the bottom right.
func (q *qrMatrix) placeData(words []byte) {
	i, n := 0, len(words)*8
	for right := q.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range q.size {
			for j := range 2 {
				x := right - j
				y := vert
				if (right+1)&2 == 0 {
					y = q.size - 1 - vert
				}
				if !q.fixed[y][x] && i < n {
					q.dark[y][x] = words[i>>3]>>(7-i&7)&1 != 0
					i++
				}
			}
		}
	}
}

// applyMask flips the data modules the mask selects; applying it twice undoes it.
func (q *qrMatrix) applyMask(mask int) {
	for y := range q.size {
		for x := range q.size {
			if q.fixed[y][x] {
				continue
			}
			var flip bool
			switch mask {
			case 0:
				flip = (x+y)%2 == 0
			case 1:
				flip = y%2 == 0
			case 2:
				flip = x%3 == 0
			case 3:
				flip = (x+y)%3 == 0
			case 4:
				flip = (x/3+y/2)%2 == 0
			case 5:
				flip = x*y%2+x*y%3 == 0
			case 6:
				flip = (x*y%2+x*y%3)%2 == 0
			default:
				flip = ((x+y)%2+x*y%3)%2 == 0
			}
			if flip {
				q.dark[y][x] = !q.dark[y][x]
			}
		}
	}
}

// penalty scores the code as ISO/IEC 18004 does to choose the mask: runs of five or more modules
// of one colour, 2×2 blocks of one colour, patterns that look like a finder, and the balance of
// dark and light.
func (q *qrMatrix) penalty() int {
	n := q.size
	p := 0
	for _, rows := range []bool{true, false} {
		for i := range n {
			run, window := 0, 0
			var prev bool
			for j := range n {
				d := q.dark[i][j]
				if !rows {
					d = q.dark[j][i]
				}
				if j > 0 && d == prev {
					run++
				} else {
					if run >= 5 {
						p += 3 + run - 5
					}
					run = 1
				}
				prev = d
				window = window << 1 & 0x7FF
				if d {
					window |= 1
				}
				// 1:1:3:1:1 dark and light with four light modules on one side, as a finder
				if j >= 10 && (window == 0b10111010000 || window == 0b00001011101) {
					p += 40
				}
			}
			if run >= 5 {
				p += 3 + run - 5
			}
		}
	}
	dark := 0
	for y := range n {
		for x := range n {
			if q.dark[y][x] {
				dark++
			}
			if x+1 < n && y+1 < n {
				c := q.dark[y][x]
				if q.dark[y][x+1] == c && q.dark[y+1][x] == c && q.dark[y+1][x+1] == c {
					p += 3
				}
			}
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + max(k, 0)*10
}
