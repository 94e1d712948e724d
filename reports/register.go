package reports

import (
	"io"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// RegisterDoc is the issuing register (sổ cấp chứng chỉ) of a year or a class, as printed.
type RegisterDoc struct {
	Org  data.Organisation
	Date vn.Date // the date printed on the document
	// Title is the register's title, e.g. "SỔ CẤP CHỨNG CHỈ NĂM 2026"; "" prints "SỔ CẤP CHỨNG CHỈ".
	Title string
	// Rows are the certificates in register order.
	Rows []*data.Certificate
	// PublicKey is the centre's public key (base64), printed at the foot so that anyone can check
	// the QR codes; "" leaves the line out.
	PublicKey string
}

// RegisterTitle is the title of a register given none.
const RegisterTitle = "SỔ CẤP CHỨNG CHỈ"

// PublicKeyLabel opens the line of the register that prints the centre's public key.
const PublicKeyLabel = "Khóa công khai kiểm tra mã QR: "

func (d RegisterDoc) title() string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return vn.NFC(t)
	}
	return RegisterTitle
}

// registerColumns fit the printable width of A4 landscape (262 mm) at registerSize, a serial
// on one line.
var registerColumns = []column{
	{"STT", 9, "C"},
	{"Họ và tên", 33, "L"},
	{"Ngày sinh", 18, "C"},
	{"Nơi sinh", 18, "L"},
	{"Nghề", 18, "L"},
	{"Khóa học (từ–đến)", 24, "C"},
	{"Số quyết định", 24, "C"},
	{"Số hiệu", 26, "C"},
	{"Số vào sổ", 15, "C"},
	{"Ngày cấp", 18, "C"},
	{"Ngày nhận", 18, "C"},
	{"Chữ ký", 16, "C"},
	{"Ghi chú", 25, "L"},
}

const (
	registerSize = 9 // pt
	registerRowH = 9 // mm: room to sign on receipt
)

// registerNote returns what the Ghi chú column says of a certificate: revoked with the reason,
// replaced by which serial, re-issuing which serial.
func registerNote(c *data.Certificate) string {
	var notes []string
	switch c.Status {
	case data.CertRevoked:
		notes = append(notes, "Đã thu hồi: "+c.Reason)
	case data.CertReplaced:
		if c.ReplacedBy != "" {
			notes = append(notes, "Cấp lại bằng số hiệu "+c.ReplacedBy)
		} else {
			notes = append(notes, data.CertReplaced.Label())
		}
	}
	if c.Content.Replaces != "" {
		notes = append(notes, "Cấp lại cho số hiệu "+c.Content.Replaces)
	}
	return strings.Join(notes, "; ")
}

// decision returns the decision's number and date: "125/QĐ-TTKC ngày 20/11/2026".
func decision(c data.CertificateContent) string {
	if c.DecisionDate.IsZero() {
		return c.DecisionNo
	}
	return c.DecisionNo + " ngày " + c.DecisionDate.String()
}

// registerCell returns the text of row r, column col, as both the PDF and the workbook print it.
func (d RegisterDoc) registerCell(r, col int) string {
	c := d.Rows[r]
	cc := c.Content
	switch col {
	case 0:
		return strconv.Itoa(r + 1)
	case 1:
		return cc.TraineeName
	case 2:
		return cc.BirthDate.String()
	case 3:
		return cc.BirthPlace
	case 4:
		return cc.Trade
	case 5:
		return strings.TrimSpace(cc.ClassCode + "\n" + cc.Start.String() + " – " + cc.End.String())
	case 6:
		return decision(cc)
	case 7:
		return cc.Serial
	case 8:
		return cc.RegisterLabel()
	case 9:
		return cc.IssuedOn.String()
	case 10:
		return c.ReceivedOn.String()
	case 11:
		return ""
	}
	return registerNote(c)
}

// totals says how many certificates the register lists and how many are revoked or replaced.
func (d RegisterDoc) totals() string {
	revoked, replaced := 0, 0
	for _, c := range d.Rows {
		switch c.Status {
		case data.CertRevoked:
			revoked++
		case data.CertReplaced:
			replaced++
		}
	}
	s := "Tổng số: " + vn.FormatInt(int64(len(d.Rows))) + " chứng chỉ"
	var parts []string
	if revoked > 0 {
		parts = append(parts, vn.FormatInt(int64(revoked))+" đã thu hồi")
	}
	if replaced > 0 {
		parts = append(parts, vn.FormatInt(int64(replaced))+" đã cấp lại")
	}
	if len(parts) > 0 {
		s += " (trong đó " + strings.Join(parts, ", ") + ")"
	}
	return s + "."
}

// WriteRegisterPDF writes the register as an A4 landscape PDF: the official header, the title,
// one row per certificate with an empty column to sign on receipt and the notes of revocations
// and re-issues, the totals, the centre's public key and the director's signing block.
func WriteRegisterPDF(w io.Writer, d RegisterDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	title := d.title()
	p := newPDF(true, d.Date, title)
	p.pageNumbers()
	p.f.AddPage()
	p.officialHeader(d.Org, d.Date)
	p.block(title, bold, 14, "C")
	p.space(4)
	totals := d.totals()
	key := ""
	if d.PublicKey != "" {
		key = PublicKeyLabel + d.PublicKey
	}
	ts := tableStyle{size: registerSize, minRowH: registerRowH}
	ts.tail = 3 + p.blockHeight(totals, bold, 12) + p.blockHeight(key, italic, 11) + 3 +
		p.signatureHeight(d.Org.DirectorTitle, "", d.Org.DirectorName)
	p.styledTable(ts, registerColumns, len(d.Rows), d.registerCell)
	p.space(3)
	p.block(totals, bold, 12, "L")
	if key != "" {
		p.block(key, italic, 11, "L")
	}
	p.space(3)
	p.signature(d.Org.City, d.Date, d.Org.DirectorTitle, "", d.Org.DirectorName)
	return p.write(w)
}

// registerXLSXColumns are the register's columns in the workbook: serials, register numbers and
// dates are text, as printed.
var registerXLSXColumns = func() []xlsxColumn {
	cols := make([]xlsxColumn, len(registerColumns))
	for i, c := range registerColumns {
		cols[i] = xlsxColumn{title: c.title, kind: xlsxText}
	}
	cols[0].kind = xlsxNumber
	for _, i := range []int{2, 7, 8, 9, 10} {
		cols[i].kind = xlsxDigits
	}
	return cols
}()

// WriteRegisterXLSX writes the register as an Excel workbook with the columns of the PDF; the
// public key is printed in the head.
func WriteRegisterXLSX(w io.Writer, d RegisterDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	key := ""
	if d.PublicKey != "" {
		key = PublicKeyLabel + d.PublicKey
	}
	head := []string{d.Org.ParentAuthority, d.Org.Name, d.title(), vn.NFC(d.Org.City) + ", " + d.Date.Long(), key}
	return writeXLSX(w, d.Date, head, registerXLSXColumns, len(d.Rows), func(r, c int) any {
		if c == 0 {
			return r + 1
		}
		s := d.registerCell(r, c)
		if c == 5 {
			s = strings.ReplaceAll(s, "\n", " ")
		}
		return s
	})
}
