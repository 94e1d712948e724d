package reports

import (
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/internal/qr"
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
	certQRX      = 15.0  // the QR code: as large as the corner below and the notes beside allow,
	certQRY      = 146.0 // modules 0.75 mm (0.48 on the card) for a 167-byte text, 0.66 (0.42) for a
	certQRSize   = 40.0  // 248-byte link to the page; four modules clear of the frame and corner
	certNoteX    = 60.0  // the serial and register number, right of the QR code
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
// number, decision and the certificate it re-issues, and the QR code of its signed text (UTF-8
// declared, as a 1-bit image). The parts pages share (frame and header, signer's block, the
// fields' labels) are drawn once each and placed on every page that shows them; the page keeps
// only what is its own, about 1.4 KB compressed. The output depends on the certificates alone.
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
	page := certPage{p: p, s: s, ox: (pw - certW*s) / 2, oy: (ph - certH*s) / 2, shared: map[any]pdfTemplate{}}
	codes := encodeQRs(certs)
	for i := range certs {
		code, err := codes.get(i)
		if err != nil {
			return err
		}
		c := nfcContent(certs[i])
		p.newPage()
		page.share(frameKey{c.ParentAuthority, c.Centre, c.Title}, func(t certPage) { t.frame(c) })
		page.content(c, code)
	}
	return p.writeFlated(w)
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
	s, ox, oy float64             // scale and offset from the design to the sheet
	shared    map[any]pdfTemplate // the parts pages share, drawn once, by what they show
	labels    *labelSet           // where label collects the page's labels, if anywhere
}

// labelSet is the labels of a page's fields, in the regular style, black: drawn as one part that
// the pages of the batch with the same fields in the same places share, so that the page itself
// holds only the values in bold, with no change of font between them.
type labelSet []placedLabel

// placedLabel is a label at the given size (pt on the sheet), its baseline starting at x, y.
type placedLabel struct {
	size, x, y float64
	text       string
}

// labelKey names a set of labels in certPage.shared: what they show and where.
type labelKey string

func (ls labelSet) key() labelKey {
	var b []byte
	for _, l := range ls {
		for _, v := range []float64{l.size, l.x, l.y} {
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
			b = append(b, ' ')
		}
		b = append(b, l.text...)
		b = append(b, 0)
	}
	return labelKey(b)
}

func (ls labelSet) draw(c certPage) {
	c.ink(certBlack)
	for _, l := range ls {
		c.p.style(regular, l.size)
		c.put(l.x, l.y, l.text, "L")
	}
}

// label draws s in the current font with its baseline starting at x, y, or collects it.
func (c certPage) label(x, y float64, s string) {
	if c.labels == nil {
		c.put(x, y, s, "L")
		return
	}
	*c.labels = append(*c.labels, placedLabel{c.p.fontSize, x, y, s})
}

// frameKey is what the frame, header and title show; signerKey what the signer's block shows,
// and where.
type (
	frameKey  struct{ authority, centre, title string }
	signerKey struct {
		city, date, title, name string
		y                       float64
	}
)

// share places on the page the part key names, drawn by draw the first time.
func (c certPage) share(key any, draw func(t certPage)) {
	t, ok := c.shared[key]
	if !ok {
		t = c.p.template(func(tp *pdfDoc) {
			on := c
			on.p = tp
			draw(on)
		})
		c.shared[key] = t
	}
	c.p.useTemplate(t)
}
func (c certPage) x(v float64) float64 { return c.ox + v*c.s }
func (c certPage) y(v float64) float64 { return c.oy + v*c.s }

// font sets the style at the design's size, scaled.
func (c certPage) font(style string, size float64) { c.p.style(style, size*c.s) }

// width returns the width of s in the current font, in the design's mm.
func (c certPage) width(s string) float64 { return c.p.width(s) / c.s }

// wrap and balanced split s into lines no wider than w design mm.
func (c certPage) wrap(s string, w float64) []string { return c.p.wrap(s, w*c.s) }
func (c certPage) balanced(s string, w float64) []string {
	if strings.Contains(s, "\n") {
		return c.p.wrap(s, w*c.s)
	}
	return c.p.balanced(s, w*c.s)
}

func (c certPage) ink(rgb [3]int) { c.p.textColor(rgb) }

// put draws s with its baseline at y, starting at x ("L"), centred on x ("C") or ending at x ("R").
func (c certPage) put(x, y float64, s, align string) {
	switch align {
	case "C":
		x -= c.width(s) / 2
	case "R":
		x -= c.width(s)
	}
	c.p.textAt(c.x(x), c.y(y), s)
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
	c.p.lineWidth(width * c.s)
	c.p.line(c.x(x1), c.y(y1), c.x(x2), c.y(y2))
}

func (c certPage) diamond(cx, cy, r float64) { c.p.diamond(c.x(cx), c.y(cy), r*c.s) }

// step returns the distance between baselines of the current font.
func (c certPage) step(size float64) float64 { return size * ptToMM * 1.25 }

// frame draws what pages with the same authority, centre and title share: the double frame and
// its corners, the header, the title and the QR code's caption.
func (c certPage) frame(cc data.CertificateContent) {
	p := c.p
	p.drawColor(certRed)
	p.fillColor(certRed)
	p.lineWidth(1.2 * c.s)
	p.frame(c.x(certFrameOut), c.y(certFrameOut), (certW-2*certFrameOut)*c.s, (certH-2*certFrameOut)*c.s)
	p.lineWidth(0.35 * c.s)
	p.frame(c.x(certFrameIn), c.y(certFrameIn), (certW-2*certFrameIn)*c.s, (certH-2*certFrameIn)*c.s)
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
	p.drawColor(certBlack)
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
	p.drawColor(certRed)
	c.line(certW/2-45, certTitleY+5.5, certW/2-4, certTitleY+5.5, 0.5)
	c.line(certW/2+4, certTitleY+5.5, certW/2+45, certTitleY+5.5, 0.5)
	c.diamond(certW/2, certTitleY+5.5, 1.8)

	c.ink(certBlack)
	c.font(italic, 10)
	c.put(certQRX+certQRSize/2, certQRY+certQRSize+5, QRCaption, "C")
}

// content draws what is the certificate's own: the holder, the course, the signer, the numbers
// and the QR code.
func (c certPage) content(cc data.CertificateContent, code *qr.Code) {
	// Who: "Cấp cho:" and the name, as large as fits on one line, else on two.
	var labels labelSet
	c.labels = &labels
	c.ink(certBlack)
	c.font(regular, 15)
	label := "Cấp cho:"
	c.label(certBodyX, certNameY, label)
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
	c.label(certBodyX, y, birth)
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
			c.label(placeX, y, place)
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

	// The signer, on the right, the same on most pages of a batch.
	sy := max(y+certBodyStep+1, certSignY)
	c.share(signerKey{cc.City, cc.IssuedOn.String(), cc.SignerTitle, cc.SignerName, sy}, func(t certPage) { t.signer(cc, sy) })

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
		c.label(certNoteX, ly, n.label)
		vx := certNoteX + c.width(n.label+" ")
		c.font(bold, certNoteSize)
		for _, v := range n.value {
			c.put(vx, ly, v, "L")
			ly += certNoteStep
		}
	}
	c.qr(code, certQRX, certQRY, certQRSize)
	c.share(labels.key(), func(t certPage) { labels.draw(t) })
}

// signer draws the signer's block from the baseline sy: the place and date, the title, room to
// sign and seal, the name.
func (c certPage) signer(cc data.CertificateContent, sy float64) {
	sc := certSignX + certSignW/2
	c.ink(certBlack)
	c.font(italic, certBodySize)
	c.put(sc, sy, cc.City+", "+cc.IssuedOn.Long(), "C")
	c.font(bold, 14)
	titleLines := c.balanced(strings.ToUpper(cc.SignerTitle), certSignW)
	ty := c.puts(sc, sy+c.step(14)+0.8, c.step(14), titleLines)
	c.font(bold, 15)
	nameLines := c.balanced(cc.SignerName, certSignW)
	ny := min(ty+certSignRoom, certSignLow-float64(len(nameLines)-1)*c.step(15))
	c.puts(sc, ny, c.step(15), nameLines)
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
	c.label(certBodyX, y, label)
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
// are processors while the pages are drawn.
type qrCodes struct {
	codes []*qr.Code
	errs  []error
	ready []chan struct{}
}

// encodeQRs starts encoding the certificates' QR codes, in order.
func encodeQRs(certs []data.CertificateContent) *qrCodes {
	q := &qrCodes{codes: make([]*qr.Code, len(certs)), errs: make([]error, len(certs)), ready: make([]chan struct{}, len(certs))}
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

// encodeQR returns text's QR code. EINVALID when it is too long for one.
func encodeQR(text string) (*qr.Code, error) {
	code, err := qr.Encode(text)
	if errors.Is(err, qr.ErrTooLong) {
		return nil, data.Errorf(data.EINVALID, "Mã kiểm tra của chứng chỉ dài %d byte, quá dài để in thành mã QR.", len(text))
	}
	return code, err
}

// get waits for certificate i's code, and lets go of it: each is drawn once.
func (q *qrCodes) get(i int) (*qr.Code, error) {
	<-q.ready[i]
	code := q.codes[i]
	q.codes[i] = nil
	return code, q.errs[i]
}

// qr draws a QR code, size design mm wide, its top left corner at x, y.
func (c certPage) qr(code *qr.Code, x, y, size float64) {
	c.p.bitmap(code.AppendBitmap(nil), code.Size, c.x(x), c.y(y), size*c.s)
}
