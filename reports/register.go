package reports

import (
	"fmt"
	"io"
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

// registerColumns fit the printable width of A4 landscape (252 mm) at registerSize, a serial
// on one line. The workbook has the same columns, its dates apart (registerSheetColumns).
var registerColumns = []column[*data.Certificate]{
	sttColumn[*data.Certificate](8),
	{Title: "Họ và tên", Width: 28, Align: "L", Cell: func(c *data.Certificate) string { return c.Content.TraineeName }},
	{Title: "Ngày sinh", Width: 17, Align: "C", Cell: func(c *data.Certificate) string { return c.Content.BirthDate.String() }},
	{Title: "Nơi sinh", Width: 18, Align: "L", Cell: func(c *data.Certificate) string { return c.Content.BirthPlace }},
	{Title: "Nghề", Width: 21, Align: "L", Cell: func(c *data.Certificate) string { return c.Content.Trade }},
	{Title: "Khóa học (từ–đến)", Width: 26, Align: "C", Cell: courseCell},
	{Title: "Số quyết định", Width: 24, Align: "C", Cell: func(c *data.Certificate) string { return decision(c.Content) }},
	{Title: "Số hiệu", Width: 25, Align: "C", Cell: func(c *data.Certificate) string { return c.Content.Serial }},
	{Title: "Số vào sổ", Width: 14, Align: "C", Cell: func(c *data.Certificate) string { return c.Content.RegisterLabel() }},
	{Title: "Ngày cấp", Width: 17, Align: "C", Cell: func(c *data.Certificate) string { return c.Content.IssuedOn.String() }},
	{Title: "Ngày nhận", Width: 17, Align: "C", Cell: func(c *data.Certificate) string { return c.ReceivedOn.String() }},
	{Title: "Chữ ký", Width: 12, Align: "C", Cell: func(*data.Certificate) string { return "" }},
	{Title: "Ghi chú", Width: 25, Align: "L", Cell: registerNote},
}

// courseCell is the course column of the PDF: the class's code over its dates, the year once
// when both fall in it ("02/03–29/05/2026"), so that a row stays two lines high.
func courseCell(c *data.Certificate) string {
	cc := c.Content
	from := cc.Start.String()
	if cc.Start.Year == cc.End.Year && !cc.Start.IsZero() {
		from = fmt.Sprintf("%02d/%02d", cc.Start.Day, int(cc.Start.Month))
	}
	return strings.TrimSpace(cc.ClassCode + "\n" + from + "–" + cc.End.String())
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
	key := d.keyLine()
	p := opening{org: d.Org, date: d.Date, landscape: true, meta: d.title(), numbered: true, title: d.title()}.start()
	p.add(gap(4))
	foot := []fixed{gap(3), para(d.totals(), bold, 12, "L")}
	if key != "" {
		foot = append(foot, para(key, italic, 11, "L"))
	}
	foot = append(foot, gap(3), directorSigning(d.Org))
	p.add(tableOf(tableStyle{size: registerSize, minRowH: registerRowH}, registerColumns, d.Rows).keepWith(foot...))
	return p.write(w)
}

// keyLine is the line that prints the public key, "" without one.
func (d RegisterDoc) keyLine() string {
	if d.PublicKey == "" {
		return ""
	}
	return PublicKeyLabel + d.PublicKey
}

// registerSheetColumns are the register's columns in the workbook: those of the PDF, with the
// course and the decision split so that each date is a date cell Excel can sort and filter;
// serials and register numbers are text, as printed.
var registerSheetColumns = []sheetColumn[*data.Certificate]{
	seqSheetColumn[*data.Certificate](),
	{Title: "Họ và tên", Cell: func(c *data.Certificate) any { return c.Content.TraineeName }},
	{Title: "Ngày sinh", Kind: xlsxDate, Cell: func(c *data.Certificate) any { return c.Content.BirthDate }},
	{Title: "Nơi sinh", Cell: func(c *data.Certificate) any { return c.Content.BirthPlace }},
	{Title: "Nghề", Cell: func(c *data.Certificate) any { return c.Content.Trade }},
	{Title: "Khóa học", Cell: func(c *data.Certificate) any { return c.Content.ClassCode }},
	{Title: "Từ ngày", Kind: xlsxDate, Cell: func(c *data.Certificate) any { return c.Content.Start }},
	{Title: "Đến ngày", Kind: xlsxDate, Cell: func(c *data.Certificate) any { return c.Content.End }},
	{Title: "Số quyết định", Cell: func(c *data.Certificate) any { return c.Content.DecisionNo }},
	{Title: "Ngày quyết định", Kind: xlsxDate, Cell: func(c *data.Certificate) any { return c.Content.DecisionDate }},
	{Title: "Số hiệu", Kind: xlsxDigits, Cell: func(c *data.Certificate) any { return c.Content.Serial }},
	{Title: "Số vào sổ", Kind: xlsxDigits, Cell: func(c *data.Certificate) any { return c.Content.RegisterLabel() }},
	{Title: "Ngày cấp", Kind: xlsxDate, Cell: func(c *data.Certificate) any { return c.Content.IssuedOn }},
	{Title: "Ngày nhận", Kind: xlsxDate, Cell: func(c *data.Certificate) any { return c.ReceivedOn }},
	{Title: "Chữ ký", Cell: func(*data.Certificate) any { return "" }},
	{Title: "Ghi chú", Cell: func(c *data.Certificate) any { return registerNote(c) }},
}

// WriteRegisterXLSX writes the register as an Excel workbook with the columns of the PDF; the
// public key is printed in the head.
func WriteRegisterXLSX(w io.Writer, d RegisterDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	head := []string{d.Org.ParentAuthority, d.Org.Name, d.title(), vn.NFC(d.Org.City) + ", " + d.Date.Long(), d.keyLine()}
	return writeSheet(w, d.Date, head, registerSheetColumns, d.Rows, nil)
}
