package reports

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// FairDoc is what a fair's documents are made from.
type FairDoc struct {
	Org      data.Organisation
	Date     vn.Date // the date printed
	Fair     *data.Fair
	Bookings []*data.Booking // the fair's bookings (the writer keeps the active ones where it says so)
}

// The titles of a fair's documents.
const (
	FairParticipantsTitle = "DANH SÁCH DOANH NGHIỆP THAM GIA"
	FairSettlementTitle   = "BẢNG TỔNG HỢP KINH PHÍ HỖ TRỢ"
)

// BookingChecklist is what the confirmation letter asks an enterprise to bring; the products
// it registered come first.
var BookingChecklist = []string{
	"Catalogue, tờ rơi, danh thiếp giới thiệu doanh nghiệp và sản phẩm;",
	"Giấy tờ: bản sao giấy chứng nhận đăng ký doanh nghiệp (hộ kinh doanh), giấy chứng nhận chất lượng, nhãn hiệu sản phẩm (nếu có);",
	"Có mặt tại gian hàng để nhận bàn giao và trang trí trước giờ khai mạc.",
}

// check says whether the document can be written. EINVALID.
func (d FairDoc) check() error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	if d.Fair == nil {
		return data.Errorf(data.EINVALID, "Chưa chọn hội chợ để in.")
	}
	return nil
}

// active returns the bookings that hold booths, in the order given.
func (d FairDoc) active() []*data.Booking {
	var bs []*data.Booking
	for _, b := range d.Bookings {
		if b != nil && b.Status.Active() {
			bs = append(bs, b)
		}
	}
	return bs
}

// boothCount is how many booths a booking holds or, before they are assigned, asks for.
func boothCount(b *data.Booking) int {
	if len(b.Booths) > 0 {
		return len(b.Booths)
	}
	return b.BoothsWanted
}

// boothList writes the numbers of a booking's booths, "A01, A02", or says they are to come.
func boothList(b *data.Booking) string {
	if len(b.Booths) == 0 {
		return "Chưa bố trí"
	}
	return strings.Join(b.Booths, ", ")
}

// bookingSheetColumns are the four columns every sheet of a fair's bookings opens with: the
// number, the enterprise, the number of booths and the booths.
func bookingSheetColumns() []sheetColumn[*data.Booking] {
	return []sheetColumn[*data.Booking]{
		seqSheetColumn[*data.Booking](),
		{Title: "Doanh nghiệp", Cell: func(b *data.Booking) any { return b.EnterpriseName }},
		{Title: "Số gian hàng", Kind: xlsxNumber, Cell: func(b *data.Booking) any { return boothCount(b) }},
		{Title: "Gian hàng", Cell: func(b *data.Booking) any { return strings.Join(b.Booths, ", ") }},
	}
}

// fairPlace writes where a fair is held: its venue, then the place every screen and list shows
// ((*data.Fair).Place: the city, and the country abroad).
func fairPlace(f *data.Fair) string {
	var parts []string
	for _, s := range []string{strings.TrimSpace(vn.NFC(f.Venue)), f.Place()} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// fairDates writes when a fair is held: "từ ngày 01/12/2026 đến ngày 05/12/2026", or one day.
func fairDates(f *data.Fair) string {
	if f.Start == f.End || f.End.IsZero() {
		return "ngày " + f.Start.String()
	}
	return "từ ngày " + f.Start.String() + " đến ngày " + f.End.String()
}

// ruleText says how a rule computes support: "hỗ trợ 80% phí gian hàng, tối đa 12.000.000 đ/gian,
// tối đa 24.000.000 đ/doanh nghiệp".
func ruleText(r data.SupportRule) string {
	s := "hỗ trợ " + strconv.Itoa(r.SharePercent) + "% phí gian hàng"
	if r.CapPerBooth > 0 {
		s += ", tối đa " + vn.FormatMoney(r.CapPerBooth) + "/gian"
	}
	if r.CapPerEnterprise > 0 {
		s += ", tối đa " + vn.FormatMoney(r.CapPerEnterprise) + "/doanh nghiệp"
	}
	return s
}

// fairHeading names the fair under the title: its name in bold, then where and when.
func (d FairDoc) fairHeading() []part {
	f := d.Fair
	line := fairDates(f)
	if place := fairPlace(f); place != "" {
		line = place + "; " + line
	}
	return []part{gap(1), para(f.Name, bold, 13, "C"), para("Địa điểm: "+line, italic, 12, "C"), gap(4)}
}

// list starts one of the fair's landscape lists: the opening with the title, and the fair.
func (d FairDoc) list(title string) *pdfDoc {
	p := opening{org: d.Org, date: d.Date, landscape: true, meta: title + " - " + d.Fair.Name, numbered: true, title: title}.start()
	p.add(d.fairHeading()...)
	return p
}

// WriteBookingConfirmationPDF writes the letter confirming an enterprise's booking of a fair (A4
// portrait): the official header, the letter's subject, the fair, the booths, the fee, the
// support with the rule it was computed by, the enterprise's own share, what to bring, whom to
// contact, and the director's signing block. A cancelled or waiting booking has nothing to
// confirm. EINVALID.
func WriteBookingConfirmationPDF(w io.Writer, d FairDoc, b *data.Booking) error {
	if err := d.check(); err != nil {
		return err
	}
	if b == nil {
		return data.Errorf(data.EINVALID, "Chưa chọn đăng ký để in giấy xác nhận.")
	}
	if !b.Status.Active() {
		return data.Errorf(data.EINVALID, "Đăng ký của %s đang ở trạng thái “%s”, không có gì để xác nhận.", vn.NFC(b.EnterpriseName), b.Status.Label())
	}
	f := d.Fair
	name := vn.NFC(b.EnterpriseName)
	p := opening{org: d.Org, date: d.Date, meta: "Xác nhận tham gia " + f.Name + " - " + b.EnterpriseName,
		number: "Số:        /XN-TTKC", subject: "V/v xác nhận tham gia " + vn.NFC(f.Name)}.start()
	p.add(para("Kính gửi: "+name, regular, 14, "C"), gap(4))

	const size = 13
	body := func(s string) { p.add(para(s, regular, size, "L")) }
	item := func(s string) { body("- " + s) }
	// The centre is named in the header; in prose its name, stored in capitals, reads "Trung tâm".
	body("Trung tâm xác nhận " + name + " đã đăng ký tham gia " + vn.NFC(f.Name) + " như sau:")
	p.add(gap(1))
	item("Hội chợ: " + vn.NFC(f.Name) + " (" + f.Kind.Label() + ").")
	if place := fairPlace(f); place != "" {
		item("Địa điểm: " + place + ".")
	}
	item("Thời gian: " + fairDates(f) + ".")
	n := boothCount(b)
	if len(b.Booths) > 0 {
		item("Gian hàng: " + vn.FormatInt(int64(n)) + " gian, số " + strings.Join(b.Booths, ", ") + ".")
	} else {
		item("Gian hàng: " + vn.FormatInt(int64(n)) + " gian; số gian hàng sẽ được Trung tâm thông báo sau.")
	}
	item("Phí gian hàng: " + vn.FormatMoney(b.Fee) + ".")
	if b.WithoutSupport {
		item("Kinh phí hỗ trợ: không (doanh nghiệp tham gia không hưởng hỗ trợ do đã đủ số hội chợ nước ngoài được hỗ trợ trong năm).")
	} else {
		item("Kinh phí Trung tâm hỗ trợ: " + vn.FormatMoney(b.Support) + " (" + ruleText(b.Rule) + ").")
	}
	item("Doanh nghiệp tự chi trả: " + vn.FormatMoney(b.OwnShare) + ".")
	p.add(gap(2))
	body("Đề nghị doanh nghiệp chuẩn bị:")
	products := "Sản phẩm trưng bày"
	if s := strings.TrimSpace(vn.NFC(b.Products)); s != "" {
		products += ": " + s
	}
	item(products + ";")
	for _, s := range BookingChecklist {
		item(s)
	}
	p.add(gap(2))
	contact := "Mọi chi tiết xin liên hệ Trung tâm"
	if d.Org.Address != "" {
		contact += ", địa chỉ: " + vn.NFC(d.Org.Address)
	}
	if d.Org.Phone != "" {
		contact += ", điện thoại: " + vn.NFC(d.Org.Phone)
	}
	body(contact + ".")
	body("Trân trọng./.")
	p.add(gap(4), letterFoot{recipients: []string{"- Như trên;", "- Lưu: VT, HCXTTM."}, sign: directorSigning(d.Org)})
	return p.write(w)
}

// bookingColumns are the four columns every list of a fair's bookings opens with: the number,
// the enterprise (name wide), the number of booths and the booths.
func bookingColumns(name float64) []column[*data.Booking] {
	return []column[*data.Booking]{
		sttColumn[*data.Booking](12),
		{Title: "Doanh nghiệp", Width: name, Align: "L", Cell: func(b *data.Booking) string { return b.EnterpriseName }},
		{Title: "Số gian hàng", Width: 20, Align: "C", Cell: func(b *data.Booking) string { return vn.FormatInt(int64(boothCount(b))) }},
		{Title: "Gian hàng", Width: 40, Align: "L", Cell: boothList},
	}
}

// fairParticipantsColumns fit the printable width of A4 landscape (252 mm).
var fairParticipantsColumns = append(bookingColumns(77),
	column[*data.Booking]{Title: "Sản phẩm", Width: 73, Align: "L", Cell: func(b *data.Booking) string { return b.Products }},
	column[*data.Booking]{Title: "Trạng thái", Width: 30, Align: "L", Cell: func(b *data.Booking) string { return b.Status.Label() }},
)

// WriteFairParticipantsPDF writes the list of enterprises taking part in the fair (danh sách
// doanh nghiệp tham gia) as an A4 landscape PDF: the official header, the title and the fair, one
// row per active booking in the order given, the number of enterprises and booths, and the
// director's signing block.
func WriteFairParticipantsPDF(w io.Writer, d FairDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	bs := d.active()
	p := d.list(FairParticipantsTitle)
	total := "Tổng số: " + vn.FormatInt(int64(len(bs))) + " doanh nghiệp, " + vn.FormatInt(int64(sumBookings(bs).booths)) + " gian hàng."
	p.add(tableOf(defaultTable, fairParticipantsColumns, bs).keepWith(
		gap(3), para(total, bold, 13, "L"), gap(4), directorSigning(d.Org)))
	return p.write(w)
}

// fairHead is the header block of a fair's workbook.
func (d FairDoc) fairHead(title string) []string {
	f := d.Fair
	line := vn.NFC(f.Name)
	if place := fairPlace(f); place != "" {
		line += " - " + place
	}
	line += "; " + fairDates(f)
	return []string{d.Org.ParentAuthority, d.Org.Name, title, vn.NFC(d.Org.City) + ", " + d.Date.Long(), line}
}

var fairParticipantsSheetColumns = append(bookingSheetColumns(),
	sheetColumn[*data.Booking]{Title: "Sản phẩm", Cell: func(b *data.Booking) any { return b.Products }},
	sheetColumn[*data.Booking]{Title: "Trạng thái", Cell: func(b *data.Booking) any { return b.Status.Label() }},
)

// WriteFairParticipantsXLSX writes the list of participating enterprises as an Excel workbook:
// the header block with the fair, one row per active booking, and a totals row (the number of
// enterprises and of booths).
func WriteFairParticipantsXLSX(w io.Writer, d FairDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	bs := d.active()
	return writeSheet(w, d.Date, d.fairHead(FairParticipantsTitle), fairParticipantsSheetColumns, bs,
		[]any{nil, "Tổng cộng: " + vn.FormatInt(int64(len(bs))) + " doanh nghiệp", sumBookings(bs).booths, nil, nil, nil})
}

// fairSettlementColumns fit the printable width of A4 landscape (252 mm); money in đồng.
var fairSettlementColumns = append(bookingColumns(62),
	column[*data.Booking]{Title: "Phí gian hàng (đồng)", Width: 38, Align: "R", Cell: func(b *data.Booking) string { return vn.FormatInt(b.Fee) }},
	column[*data.Booking]{Title: "Kinh phí hỗ trợ (đồng)", Width: 40, Align: "R", Cell: func(b *data.Booking) string { return vn.FormatInt(b.Support) }},
	column[*data.Booking]{Title: "Doanh nghiệp tự chi trả (đồng)", Width: 40, Align: "R", Cell: func(b *data.Booking) string { return vn.FormatInt(b.OwnShare) }},
)

// settlementTotals sums the active bookings' booths and money.
type settlementTotals struct {
	booths                 int
	fee, support, ownShare int64
}

func sumBookings(bs []*data.Booking) settlementTotals {
	var t settlementTotals
	for _, b := range bs {
		t.booths += boothCount(b)
		t.fee += b.Fee
		t.support += b.Support
		t.ownShare += b.OwnShare
	}
	return t
}

// WriteFairSettlementPDF writes the support settlement of the fair (bảng tổng hợp kinh phí hỗ
// trợ) as an A4 landscape PDF: the official header, the title and the fair, one row per active
// booking in the order given with its booths, fee, support and own share, a TỔNG CỘNG row, the
// total support in words and the support rule applied, and the signing blocks of the preparer,
// the accountant and the director.
func WriteFairSettlementPDF(w io.Writer, d FairDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	bs := d.active()
	t := sumBookings(bs)
	p := d.list(FairSettlementTitle)
	cols := fairSettlementColumns
	totals := totalsRow[*data.Booking]{cols: cols, size: defaultTable.size, texts: []string{
		"", "TỔNG CỘNG", vn.FormatInt(int64(t.booths)), "", vn.FormatInt(t.fee), vn.FormatInt(t.support), vn.FormatInt(t.ownShare)}}
	p.add(tableOf(defaultTable, cols, bs).keepWith(totals, gap(3),
		para("Tổng kinh phí hỗ trợ bằng chữ: "+moneyWords(t.support)+".", italic, 13, "L"),
		para("Mức hỗ trợ áp dụng: "+d.rulesApplied(bs)+".", regular, 13, "L"),
		gap(6), threeSignings{org: d.Org}))
	return p.write(w)
}

// rulesApplied says by which rules the bookings' support was computed: each rule a supported
// booking kept, once, in order; the fair's rule when none is supported.
func (d FairDoc) rulesApplied(bs []*data.Booking) string {
	var rules []data.SupportRule
	for _, b := range bs {
		if !b.WithoutSupport && !slices.Contains(rules, b.Rule) {
			rules = append(rules, b.Rule)
		}
	}
	if len(rules) == 0 {
		rules = append(rules, d.Fair.Rule)
	}
	texts := make([]string, len(rules))
	for i, r := range rules {
		texts[i] = ruleText(r)
	}
	return strings.Join(texts, "; ")
}

var fairSettlementSheetColumns = append(bookingSheetColumns(),
	sheetColumn[*data.Booking]{Title: "Phí gian hàng (đồng)", Kind: xlsxNumber, Cell: func(b *data.Booking) any { return b.Fee }},
	sheetColumn[*data.Booking]{Title: "Kinh phí hỗ trợ (đồng)", Kind: xlsxNumber, Cell: func(b *data.Booking) any { return b.Support }},
	sheetColumn[*data.Booking]{Title: "Doanh nghiệp tự chi trả (đồng)", Kind: xlsxNumber, Cell: func(b *data.Booking) any { return b.OwnShare }},
)

// WriteFairSettlementXLSX writes the support settlement as an Excel workbook: the header block
// with the fair, one row per active booking with money as numbers, and a TỔNG CỘNG row of SUM
// formulas (their values stored too).
func WriteFairSettlementXLSX(w io.Writer, d FairDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	bs := d.active()
	t := sumBookings(bs)
	return writeSheet(w, d.Date, d.fairHead(FairSettlementTitle), fairSettlementSheetColumns, bs,
		[]any{nil, "TỔNG CỘNG", t.booths, nil, t.fee, t.support, t.ownShare})
}
