package reports

import (
	"io"
	"strconv"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// The titles of the support histories.
const (
	EnterpriseHistoryTitle = "QUÁ TRÌNH NHẬN HỖ TRỢ KHUYẾN CÔNG CỦA DOANH NGHIỆP, CƠ SỞ"
	VillageHistoryTitle    = "QUÁ TRÌNH NHẬN HỖ TRỢ KHUYẾN CÔNG CỦA LÀNG NGHỀ"
)

// EnterpriseHistoryDoc is what an enterprise's support history is made from.
type EnterpriseHistoryDoc struct {
	// Org heads the document.
	Org data.Organisation
	// Date is printed under the national motto; it is also the file's date.
	Date vn.Date
	// Enterprise is the enterprise the history is of.
	Enterprise *data.Enterprise
	// History is every support it received, newest first, with its totals by year.
	History *data.SupportHistory
}

// VillageHistoryDoc is what a craft village's support history is made from.
type VillageHistoryDoc struct {
	// Org heads the document.
	Org data.Organisation
	// Date is printed under the national motto; it is also the file's date.
	Date vn.Date
	// Detail is the village with its enterprises, classes, trainees and support history.
	Detail *data.VillageDetail
	// Ward names the village's ward or commune ("xã Bát Tràng"); "" leaves it out.
	Ward string
}

// check says whether the document can be written. EINVALID.
func (d EnterpriseHistoryDoc) check() error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	if d.Enterprise == nil || d.History == nil {
		return data.Errorf(data.EINVALID, "Chưa chọn doanh nghiệp để in quá trình hỗ trợ.")
	}
	return nil
}

// check says whether the document can be written. EINVALID.
func (d VillageHistoryDoc) check() error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	if d.Detail == nil || d.Detail.Village == nil {
		return data.Errorf(data.EINVALID, "Chưa chọn làng nghề để in quá trình hỗ trợ.")
	}
	return nil
}

// historyStart begins a support history: A4 landscape, page numbers, the official opening with
// the title, and the parts naming what it is of.
func historyStart(org data.Organisation, date vn.Date, title, about string, block []part) *pdfDoc {
	p := opening{org: org, date: date, landscape: true, meta: title + " - " + about, numbered: true, title: title}.start()
	p.add(gap(2))
	p.add(block...)
	return p
}

// people writes a count of people, "" for none.
func people(n int) string {
	if n == 0 {
		return ""
	}
	return vn.FormatInt(int64(n))
}

// supportColumns are the columns of a history's records on A4 landscape (252 mm) at
// moneyTable's size; a village's name the enterprise of each record.
func supportColumns(village bool) []column[data.SupportRecord] {
	w := [...]float64{22, 42, 30, 78, 0, 28, 14, 28} // date, kind, code, description, enterprise, đề án, people, amount
	if village {
		w = [...]float64{21, 34, 27, 52, 44, 24, 14, 26}
	}
	cols := []column[data.SupportRecord]{
		sttColumn[data.SupportRecord](10),
		{Title: "Ngày", Width: w[0], Align: "C", Cell: func(r data.SupportRecord) string { return r.Date.String() }},
		{Title: "Loại hỗ trợ", Width: w[1], Align: "L", Cell: func(r data.SupportRecord) string { return r.Kind.Label() }},
		{Title: "Mã", Width: w[2], Align: "L", Cell: func(r data.SupportRecord) string { return r.Code }},
		{Title: "Nội dung", Width: w[3], Align: "L", Cell: func(r data.SupportRecord) string { return r.Description }},
	}
	if village {
		cols = append(cols, column[data.SupportRecord]{Title: "Doanh nghiệp, cơ sở", Width: w[4], Align: "L", Cell: func(r data.SupportRecord) string { return r.Enterprise }})
	}
	return append(cols,
		column[data.SupportRecord]{Title: "Đề án", Width: w[5], Align: "L", Cell: func(r data.SupportRecord) string { return r.Programme }},
		column[data.SupportRecord]{Title: "Số người", Width: w[6], Align: "R", Cell: func(r data.SupportRecord) string { return people(r.People) }},
		column[data.SupportRecord]{Title: "Kinh phí (đồng)", Width: w[7], Align: "R", Cell: func(r data.SupportRecord) string { return vn.FormatInt(r.Amount) }},
	)
}

var yearColumns = []column[data.YearTotal]{
	{Title: "Năm", Width: 30, Align: "C", Cell: func(y data.YearTotal) string { return strconv.Itoa(y.Year) }},
	{Title: "Số lượt hỗ trợ", Width: 50, Align: "R", Cell: func(y data.YearTotal) string { return vn.FormatInt(int64(y.Records)) }},
	{Title: "Số người được đào tạo", Width: 60, Align: "R", Cell: func(y data.YearTotal) string { return vn.FormatInt(int64(y.People)) }},
	{Title: "Kinh phí hỗ trợ (đồng)", Width: 60, Align: "R", Cell: func(y data.YearTotal) string { return vn.FormatInt(y.Amount) }},
}

// historySections are a history's last two sections, numbered from n: its records with their
// total, and its totals by year with theirs, kept with the director's signing block.
func historySections(org data.Organisation, h *data.SupportHistory, n int, village bool) []part {
	cols := supportColumns(village)
	texts := make([]string, len(cols))
	texts[2] = "TỔNG CỘNG"
	texts[len(cols)-2] = people(h.Total.People)
	texts[len(cols)-1] = vn.FormatInt(h.Total.Amount)
	parts := section(roman(n)+". CÁC NỘI DUNG HỖ TRỢ ĐÃ NHẬN", len(h.Records), "Chưa nhận hỗ trợ khuyến công nào.",
		tableOf(moneyTable, cols, h.Records), totalsRow[data.SupportRecord]{cols: cols, size: moneyTable.size, texts: texts})
	total := totalsRow[data.YearTotal]{cols: yearColumns, size: defaultTable.size, texts: []string{"TỔNG CỘNG",
		vn.FormatInt(int64(h.Total.Records)), vn.FormatInt(int64(h.Total.People)), vn.FormatInt(h.Total.Amount)}}
	return append(parts, section(roman(n+1)+". TỔNG HỢP THEO NĂM", len(h.Years), "Chưa có năm nào được hỗ trợ.",
		tableOf(defaultTable, yearColumns, h.Years), total, gap(6), directorSigning(org))...)
}

// roman writes the number of a section, 1 to 4.
func roman(n int) string { return [...]string{"", "I", "II", "III", "IV"}[n] }

// WriteEnterpriseHistoryPDF writes an enterprise's support history as an A4 landscape PDF: the
// official header, the title and the enterprise, every support it received (classes it hosted,
// its workers trained, fair bookings, equipment and models) newest first with the paying đề án
// and the amounts, their total, the totals by year, and the director's signing block.
func WriteEnterpriseHistoryPDF(w io.Writer, d EnterpriseHistoryDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	e := d.Enterprise
	line := func(a, b string) part { return pair{a: a, b: b, style: regular, size: 12} }
	p := historyStart(d.Org, d.Date, EnterpriseHistoryTitle, e.Name, []part{
		centredName(e.Name),
		gap(2),
		line("Loại hình: "+e.Kind.Label(), labelled("Mã số thuế: ", e.TaxCode)),
		line(labelled("Người đại diện: ", e.Representative.Full()), labelled("Điện thoại: ", vn.FormatPhone(e.Phone))),
		line(labelled("Địa chỉ: ", e.Address), ""),
		line(labelled("Ngành nghề: ", e.Trade), labelled("Làng nghề: ", e.CraftVillage)),
	})
	p.add(historySections(d.Org, d.History, 1, false)...)
	return p.write(w)
}

// villageBlock names the village: its name in bold, then its trade and ward, recognition,
// households and workers, and contact, leaving out what is not known.
func (d VillageHistoryDoc) villageBlock() []part {
	v := d.Detail.Village
	line := func(a, b string) part { return pair{a: a, b: b, style: regular, size: 12} }
	recognised := ""
	if v.Decision != "" || !v.RecognisedOn.IsZero() {
		recognised = "Công nhận làng nghề: " + labelled("Quyết định số ", v.Decision)
		if !v.RecognisedOn.IsZero() {
			recognised += " ngày " + v.RecognisedOn.String()
		}
	}
	contact := v.ContactName
	if v.ContactPhone != "" {
		phone := "điện thoại " + vn.FormatPhone(v.ContactPhone)
		if contact != "" {
			contact += ", " + phone
		} else {
			contact = phone
		}
	}
	return []part{
		centredName(v.Name),
		gap(2),
		line(labelled("Ngành nghề: ", v.Trade), labelled("Phường/xã: ", d.Ward)),
		line(recognised, ""),
		line("Số hộ làm nghề: "+vn.FormatInt(int64(v.Households)), "Số lao động làm nghề: "+vn.FormatInt(int64(v.Workers))),
		line(labelled("Người liên hệ: ", contact), ""),
	}
}

var villageEnterpriseColumns = []column[*data.Enterprise]{
	sttColumn[*data.Enterprise](10),
	{Title: "Tên doanh nghiệp/cơ sở", Width: 92, Align: "L", Cell: func(e *data.Enterprise) string { return e.Name }},
	{Title: "Loại hình", Width: 40, Align: "L", Cell: func(e *data.Enterprise) string { return e.Kind.Label() }},
	{Title: "Mã số thuế", Width: 32, Align: "C", Cell: func(e *data.Enterprise) string { return e.TaxCode }},
	{Title: "Ngành nghề", Width: 50, Align: "L", Cell: func(e *data.Enterprise) string { return e.Trade }},
	{Title: "Lao động", Width: 28, Align: "R", Cell: func(e *data.Enterprise) string { return vn.FormatInt(int64(e.Workers)) }},
}

// classDates writes when a class runs, "02/03/2026 – 30/04/2026".
func classDates(c *data.Class) string { return c.Start.String() + " – " + c.End.String() }

var villageClassColumns = []column[*data.Class]{
	sttColumn[*data.Class](10),
	{Title: "Mã lớp", Width: 30, Align: "L", Cell: func(c *data.Class) string { return c.Code }},
	{Title: "Tên lớp", Width: 76, Align: "L", Cell: func(c *data.Class) string { return c.Name }},
	{Title: "Thời gian", Width: 46, Align: "C", Cell: classDates},
	{Title: "Học viên", Width: 20, Align: "R", Cell: func(c *data.Class) string { return vn.FormatInt(int64(c.Enrolled)) }},
	{Title: "Kinh phí (đồng)", Width: 34, Align: "R", Cell: func(c *data.Class) string { return vn.FormatInt(c.Budget) }},
	{Title: "Trạng thái", Width: 36, Align: "L", Cell: func(c *data.Class) string { return c.Status.Label() }},
}

// WriteVillageHistoryPDF writes a craft village's support history as an A4 landscape PDF: the
// official header, the title and the village, its enterprises, the classes held for it and the
// people trained, every support its enterprises and classes received newest first with its
// total, the totals by year, and the director's signing block.
func WriteVillageHistoryPDF(w io.Writer, d VillageHistoryDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	v := d.Detail
	p := historyStart(d.Org, d.Date, VillageHistoryTitle, v.Village.Name, d.villageBlock())
	p.add(section("I. DOANH NGHIỆP, CƠ SỞ THUỘC LÀNG NGHỀ", len(v.Enterprises), "Chưa có doanh nghiệp, cơ sở nào thuộc làng nghề.",
		tableOf(defaultTable, villageEnterpriseColumns, v.Enterprises))...)
	p.add(section("II. LỚP HỌC TỔ CHỨC CHO LÀNG NGHỀ", len(v.Classes), "Chưa có lớp học nào tổ chức cho làng nghề.",
		tableOf(defaultTable, villageClassColumns, v.Classes))...)
	p.add(gap(2), para("Số người được đào tạo: "+vn.FormatInt(int64(v.Trainees))+" người.", bold, 12, "L"))
	p.add(historySections(d.Org, &v.History, 3, true)...)
	return p.write(w)
}

// historyHead is the header block of a history's workbook, its last line naming what it is of.
func historyHead(org data.Organisation, date vn.Date, title, about string) []string {
	return []string{org.ParentAuthority, org.Name, title, vn.NFC(org.City) + ", " + date.Long(), about}
}

// supportSheetColumns are the columns of a history's records in a workbook; a village's name
// the enterprise of each record.
func supportSheetColumns(village bool) []sheetColumn[data.SupportRecord] {
	text := func(title string, v func(r data.SupportRecord) string) sheetColumn[data.SupportRecord] {
		return sheetColumn[data.SupportRecord]{Title: title, Cell: func(r data.SupportRecord) any { return v(r) }}
	}
	cols := []sheetColumn[data.SupportRecord]{
		seqSheetColumn[data.SupportRecord](),
		{Title: "Năm", Kind: xlsxYear, Cell: func(r data.SupportRecord) any { return r.Date.Year }},
		{Title: "Ngày", Kind: xlsxDate, Cell: func(r data.SupportRecord) any { return r.Date }},
		text("Loại hỗ trợ", func(r data.SupportRecord) string { return r.Kind.Label() }),
		text("Mã", func(r data.SupportRecord) string { return r.Code }),
		text("Nội dung", func(r data.SupportRecord) string { return r.Description }),
	}
	if village {
		cols = append(cols, text("Doanh nghiệp, cơ sở", func(r data.SupportRecord) string { return r.Enterprise }))
	}
	return append(cols,
		text("Đề án", func(r data.SupportRecord) string { return r.Programme }),
		sheetColumn[data.SupportRecord]{Title: "Số người", Kind: xlsxNumber, Cell: func(r data.SupportRecord) any { return r.People }},
		sheetColumn[data.SupportRecord]{Title: "Kinh phí (đồng)", Kind: xlsxNumber, Cell: func(r data.SupportRecord) any { return r.Amount }},
	)
}

var yearSheetColumns = []sheetColumn[data.YearTotal]{
	{Title: "Năm", Kind: xlsxYear, Cell: func(y data.YearTotal) any { return y.Year }},
	{Title: "Số lượt hỗ trợ", Kind: xlsxNumber, Cell: func(y data.YearTotal) any { return y.Records }},
	{Title: "Số người được đào tạo", Kind: xlsxNumber, Cell: func(y data.YearTotal) any { return y.People }},
	{Title: "Kinh phí hỗ trợ (đồng)", Kind: xlsxNumber, Cell: func(y data.YearTotal) any { return y.Amount }},
}

// historySheets are a history's sheets: its records and its totals by year, each with a TỔNG
// CỘNG row (the year sheet's under its counts and money, its years not summed).
func historySheets(head []string, h *data.SupportHistory, village bool) []xlsxTable {
	cols := supportSheetColumns(village)
	totals := make([]any, len(cols))
	totals[3] = "TỔNG CỘNG"
	totals[len(cols)-2], totals[len(cols)-1] = h.Total.People, h.Total.Amount
	return []xlsxTable{
		sheetOf("Hỗ trợ", head, cols, h.Records, totals),
		sheetOf("Theo năm", head, yearSheetColumns, h.Years, []any{nil, h.Total.Records, h.Total.People, h.Total.Amount}),
	}
}

// WriteEnterpriseHistoryXLSX writes an enterprise's support history as an Excel workbook of two
// sheets: every support with its year, date, đề án, people and amount, and the totals by year.
func WriteEnterpriseHistoryXLSX(w io.Writer, d EnterpriseHistoryDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	about := "Doanh nghiệp: " + d.Enterprise.Name
	if d.Enterprise.TaxCode != "" {
		about += " (mã số thuế " + d.Enterprise.TaxCode + ")"
	}
	return writeXLSX(w, d.Date, historySheets(historyHead(d.Org, d.Date, EnterpriseHistoryTitle, about), d.History, false)...)
}

var villageEnterpriseSheetColumns = []sheetColumn[*data.Enterprise]{
	seqSheetColumn[*data.Enterprise](),
	{Title: "Tên doanh nghiệp/cơ sở", Cell: func(e *data.Enterprise) any { return e.Name }},
	{Title: "Loại hình", Cell: func(e *data.Enterprise) any { return e.Kind.Label() }},
	{Title: "Mã số thuế", Kind: xlsxDigits, Cell: func(e *data.Enterprise) any { return e.TaxCode }},
	{Title: "Ngành nghề", Cell: func(e *data.Enterprise) any { return e.Trade }},
	{Title: "Lao động", Kind: xlsxNumber, Cell: func(e *data.Enterprise) any { return e.Workers }},
}

var villageClassSheetColumns = []sheetColumn[*data.Class]{
	seqSheetColumn[*data.Class](),
	{Title: "Mã lớp", Cell: func(c *data.Class) any { return c.Code }},
	{Title: "Tên lớp", Cell: func(c *data.Class) any { return c.Name }},
	{Title: "Bắt đầu", Kind: xlsxDate, Cell: func(c *data.Class) any { return c.Start }},
	{Title: "Kết thúc", Kind: xlsxDate, Cell: func(c *data.Class) any { return c.End }},
	{Title: "Học viên", Kind: xlsxNumber, Cell: func(c *data.Class) any { return c.Enrolled }},
	{Title: "Kinh phí (đồng)", Kind: xlsxNumber, Cell: func(c *data.Class) any { return c.Budget }},
	{Title: "Trạng thái", Cell: func(c *data.Class) any { return c.Status.Label() }},
}

// WriteVillageHistoryXLSX writes a craft village's support history as an Excel workbook of four
// sheets: every support of its enterprises and classes, the totals by year, its enterprises and
// the classes held for it.
func WriteVillageHistoryXLSX(w io.Writer, d VillageHistoryDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	v := d.Detail
	head := historyHead(d.Org, d.Date, VillageHistoryTitle, "Làng nghề: "+v.Village.Name+
		" – số người được đào tạo: "+vn.FormatInt(int64(v.Trainees)))
	return writeXLSX(w, d.Date, append(historySheets(head, &v.History, true),
		sheetOf("Doanh nghiệp", head, villageEnterpriseSheetColumns, v.Enterprises, nil),
		sheetOf("Lớp học", head, villageClassSheetColumns, v.Classes, nil))...)
}
