package reports

import (
	"io"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// ProgrammeDoc is what a đề án's documents are made from: its sheet and its progress report.
type ProgrammeDoc struct {
	// Org heads the document.
	Org data.Organisation
	// Date is printed under the national motto; it is also the file's date.
	Date vn.Date
	// AsOf is the day the progress report counts its payments to (those dated that day or
	// before). The zero Date means Date; a day after Date is refused.
	AsOf vn.Date
	// Detail is the đề án with its totals, targets, activities and payments.
	Detail *data.ProgrammeDetail
}

// The titles of a đề án's documents.
const (
	ProgrammeSheetTitle    = "THÔNG TIN ĐỀ ÁN KHUYẾN CÔNG"
	ProgrammeProgressTitle = "BÁO CÁO TIẾN ĐỘ THỰC HIỆN ĐỀ ÁN KHUYẾN CÔNG"
)

// check says whether the document can be written. EINVALID.
func (d ProgrammeDoc) check() error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	if d.Detail == nil || d.Detail.Programme == nil {
		return data.Errorf(data.EINVALID, "Chưa chọn đề án để in.")
	}
	if d.Date.Before(d.AsOf) {
		return data.Errorf(data.EINVALID, "Ngày tính đến %s ở sau hôm nay (%s); báo cáo tiến độ chỉ tính đến hôm nay hoặc một ngày đã qua.", d.AsOf, d.Date)
	}
	return nil
}

// asOf is the day the progress report counts to.
func (d ProgrammeDoc) asOf() vn.Date {
	if d.AsOf.IsZero() {
		return d.Date
	}
	return d.AsOf
}

// start begins a đề án's document: A4 portrait, page numbers, the official opening with the
// title, the line under it when not "", and the block naming the đề án.
func (d ProgrammeDoc) start(title, under string) *pdfDoc {
	pr := d.Detail.Programme
	p := opening{org: d.Org, date: d.Date, meta: title + " - " + pr.Code, numbered: true, title: title}.start()
	if under != "" {
		p.add(para(under, italic, 13, "C"))
	}
	p.add(gap(2))
	p.add(programmeBlock(pr)...)
	return p
}

// programmeBlock names the đề án: its name in bold, its code and year, then its content,
// funding, status, decision, implementing unit and time, leaving out what is not known.
func programmeBlock(pr *data.Programme) []part {
	line := func(a, b string) part { return pair{a: a, b: b, style: regular, size: 12} }
	decision := ""
	if pr.Decision != "" {
		decision = "Quyết định phê duyệt: số " + pr.Decision
		if !pr.DecisionDate.IsZero() {
			decision += " ngày " + pr.DecisionDate.String()
		}
	}
	parts := []part{
		centredName(pr.Name),
		para("Mã đề án: "+pr.Code+" – Kế hoạch khuyến công năm "+strconv.Itoa(pr.Year), italic, 12, "C"),
		gap(2),
		line("Nội dung: "+pr.Content.Label(), ""),
		line("Nguồn kinh phí: "+pr.Funding.Label(), "Trạng thái: "+pr.Status.Label()),
		line(decision, ""),
		line(labelled("Đơn vị thực hiện: ", pr.Unit), ""),
		line("Thời gian thực hiện: từ "+pr.Start.String()+" đến "+pr.End.String(), ""),
	}
	if pr.Status == data.ProgrammeCancelled {
		parts = append(parts, line(labelled("Lý do hủy: ", pr.CancelReason), ""))
	}
	return parts
}

// section is a numbered part of a document: its heading, then its table with the parts kept
// under it, or, when the table has no rows, the sentence none and those parts. A table of no more
// than keepRows rows goes to a new page whole with them, and takes its heading along.
func section(title string, rows int, none string, t interface{ keepWith(...fixed) part }, after ...fixed) []part {
	h := heading{title: title}
	if rows <= keepRows {
		h.keep = after
	}
	parts := []part{gap(3), h, gap(1)}
	if rows == 0 {
		parts = append(parts, para(none, italic, 12, "L"))
		for _, a := range after {
			parts = append(parts, a)
		}
		return parts
	}
	return append(parts, t.keepWith(after...))
}

// moneyTable is the style of the tables of money, set a little smaller so that a sum in the
// thousands of millions fits its column on one line.
var moneyTable = tableStyle{size: 10.5}

// amountLine is one line of a table of sums: what it is, and how much.
type amountLine struct {
	label  string
	amount int64
}

var amountColumns = []column[amountLine]{
	sttColumn[amountLine](10),
	{Title: "Nội dung", Width: 115, Align: "L", Cell: func(l amountLine) string { return l.label }},
	{Title: "Số tiền (đồng)", Width: 40, Align: "R", Cell: func(l amountLine) string { return vn.FormatInt(l.amount) }},
}

// budget is the đề án's money: planned, committed, paid and what remains.
func budget(pr *data.Programme) []amountLine {
	return []amountLine{
		{"Kinh phí khuyến công hỗ trợ (kế hoạch)", pr.Support},
		{"Vốn đối ứng của đơn vị thụ hưởng", pr.Own},
		{"Tổng kinh phí thực hiện đề án", pr.Support + pr.Own},
		{"Kinh phí khuyến công đã cam kết (lớp học, hội chợ, thiết bị)", pr.Committed},
		{"Kinh phí khuyến công đã chi (tạm ứng, thanh toán)", pr.Paid},
		{"Kinh phí khuyến công còn lại được chi", pr.Remaining()},
	}
}

// targetLabel is what a target is called: its own words, or its measure's name.
func targetLabel(t data.Target) string {
	if t.Label != "" {
		return t.Label
	}
	return t.Measure.Label()
}

var targetColumns = []column[data.Target]{
	sttColumn[data.Target](10),
	{Title: "Chỉ tiêu", Width: 67, Align: "L", Cell: targetLabel},
	{Title: "Đơn vị tính", Width: 22, Align: "C", Cell: data.Target.UnitOrDefault},
	{Title: "Kế hoạch", Width: 20, Align: "R", Cell: func(t data.Target) string { return vn.FormatInt(int64(t.Planned)) }},
	{Title: "Đạt được", Width: 20, Align: "R", Cell: func(t data.Target) string { return vn.FormatInt(int64(t.Achieved)) }},
	{Title: "Tỷ lệ", Width: 26, Align: "R", Cell: func(t data.Target) string { return percent(t.Achieved, t.Planned) }},
}

// activityText describes an activity in one cell: its code and name, and what it achieved.
func activityText(a data.Activity) string {
	s := strings.TrimSpace(a.Code + " – " + a.Name)
	s = strings.TrimPrefix(strings.TrimSuffix(s, " –"), "– ")
	if a.Achieved != "" {
		s += "\nKết quả: " + a.Achieved
	}
	return s
}

// activityColumns fit A4 portrait (165 mm) at moneyTable's size.
var activityColumns = []column[data.Activity]{
	sttColumn[data.Activity](8),
	{Title: "Loại", Width: 18, Align: "L", Cell: func(a data.Activity) string { return a.Kind.Label() }},
	{Title: "Mã, nội dung", Width: 46, Align: "L", Cell: activityText},
	{Title: "Bắt đầu", Width: 20, Align: "C", Cell: func(a data.Activity) string { return a.Start.String() }},
	{Title: "Trạng thái", Width: 23, Align: "L", Cell: func(a data.Activity) string { return a.Status }},
	{Title: "Kinh phí cam kết (đồng)", Width: 25, Align: "R", Cell: func(a data.Activity) string { return vn.FormatInt(a.Committed) }},
	{Title: "Đã chi (đồng)", Width: 25, Align: "R", Cell: func(a data.Activity) string { return vn.FormatInt(a.Paid) }},
}

// activityTotals sums what the activities hold and were paid.
func activityTotals(acts []data.Activity) (committed, paid int64) {
	for _, a := range acts {
		committed += a.Committed
		paid += a.Paid
	}
	return committed, paid
}

// paymentFor says what a payment pays: what the store named, or the đề án's general costs.
func paymentFor(p *data.Payment) string {
	s := p.For
	if s == "" {
		s = "Chi chung của đề án"
	}
	if p.Notes != "" {
		s += " (" + p.Notes + ")"
	}
	return s
}

// paymentColumns fit A4 portrait (165 mm) at moneyTable's size.
var paymentColumns = []column[*data.Payment]{
	sttColumn[*data.Payment](8),
	{Title: "Ngày chi", Width: 20, Align: "C", Cell: func(p *data.Payment) string { return p.Date.String() }},
	{Title: "Loại", Width: 20, Align: "L", Cell: func(p *data.Payment) string { return p.Kind.Label() }},
	{Title: "Số chứng từ", Width: 29, Align: "L", Cell: func(p *data.Payment) string { return p.Voucher }},
	{Title: "Nội dung chi", Width: 63, Align: "L", Cell: paymentFor},
	{Title: "Số tiền (đồng)", Width: 25, Align: "R", Cell: func(p *data.Payment) string { return vn.FormatInt(p.Amount) }},
}

// paid sums payments, in all and the advances among them.
func paid(ps []*data.Payment) (total, advances int64) {
	for _, p := range ps {
		total += p.Amount
		if p.Kind == data.PaymentAdvance {
			advances += p.Amount
		}
	}
	return total, advances
}

// paymentsSection is the section listing payments under title, with a TỔNG CỘNG row and the
// parts kept under it.
func paymentsSection(title string, ps []*data.Payment, after ...fixed) []part {
	total, _ := paid(ps)
	totals := totalsRow[*data.Payment]{cols: paymentColumns, size: moneyTable.size,
		texts: []string{"", "", "", "", "TỔNG CỘNG", vn.FormatInt(total)}}
	return section(title, len(ps), "Chưa có khoản chi nào.", tableOf(moneyTable, paymentColumns, ps),
		append([]fixed{totals}, after...)...)
}

// WriteProgrammeSheetPDF writes a đề án's sheet (thông tin đề án) as an A4 portrait PDF: the
// official header, the title and the đề án (content, funding, decision, unit, time, status), its
// money (support and own contribution planned, committed, paid, remaining), its targets with
// what they achieved, the classes, fairs and equipment linked to it with what each holds and was
// paid, its payments, and the director's signing block.
func WriteProgrammeSheetPDF(w io.Writer, d ProgrammeDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	pr := d.Detail.Programme
	p := d.start(ProgrammeSheetTitle, "")
	p.add(section("I. KINH PHÍ", 1, "", tableOf(moneyTable, amountColumns, budget(pr)))...)
	p.add(section("II. CHỈ TIÊU", len(pr.Targets), "Đề án chưa có chỉ tiêu.", tableOf(defaultTable, targetColumns, pr.Targets))...)
	committed, paidFor := activityTotals(d.Detail.Activities)
	totals := totalsRow[data.Activity]{cols: activityColumns, size: moneyTable.size,
		texts: []string{"", "", "TỔNG CỘNG", "", "", vn.FormatInt(committed), vn.FormatInt(paidFor)}}
	p.add(section("III. HOẠT ĐỘNG THUỘC ĐỀ ÁN", len(d.Detail.Activities), "Chưa có lớp học, hội chợ hay hồ sơ thiết bị nào thuộc đề án.",
		tableOf(moneyTable, activityColumns, d.Detail.Activities), totals)...)
	p.add(paymentsSection("IV. CÁC KHOẢN ĐÃ CHI", d.Detail.Payments, gap(6), directorSigning(d.Org))...)
	return p.write(w)
}

// head is the header block of a đề án's workbook, its last line naming the đề án and what more.
func (d ProgrammeDoc) head(title, more string) []string {
	pr := d.Detail.Programme
	return []string{d.Org.ParentAuthority, d.Org.Name, title, vn.NFC(d.Org.City) + ", " + d.Date.Long(),
		"Đề án " + pr.Code + ": " + pr.Name + more}
}

var programmeSheetColumns = []sheetColumn[*data.Programme]{
	{Title: "Mã đề án", Cell: func(p *data.Programme) any { return p.Code }},
	{Title: "Năm", Kind: xlsxYear, Cell: func(p *data.Programme) any { return p.Year }},
	{Title: "Tên đề án", Cell: func(p *data.Programme) any { return p.Name }},
	{Title: "Nội dung", Cell: func(p *data.Programme) any { return p.Content.Label() }},
	{Title: "Nguồn kinh phí", Cell: func(p *data.Programme) any { return p.Funding.Label() }},
	{Title: "Số quyết định", Cell: func(p *data.Programme) any { return p.Decision }},
	{Title: "Ngày quyết định", Kind: xlsxDate, Cell: func(p *data.Programme) any { return p.DecisionDate }},
	{Title: "Đơn vị thực hiện", Cell: func(p *data.Programme) any { return p.Unit }},
	{Title: "Bắt đầu", Kind: xlsxDate, Cell: func(p *data.Programme) any { return p.Start }},
	{Title: "Kết thúc", Kind: xlsxDate, Cell: func(p *data.Programme) any { return p.End }},
	{Title: "Kinh phí khuyến công (đồng)", Kind: xlsxNumber, Cell: func(p *data.Programme) any { return p.Support }},
	{Title: "Vốn đối ứng (đồng)", Kind: xlsxNumber, Cell: func(p *data.Programme) any { return p.Own }},
	{Title: "Đã cam kết (đồng)", Kind: xlsxNumber, Cell: func(p *data.Programme) any { return p.Committed }},
	{Title: "Đã chi (đồng)", Kind: xlsxNumber, Cell: func(p *data.Programme) any { return p.Paid }},
	{Title: "Còn lại (đồng)", Kind: xlsxNumber, Cell: func(p *data.Programme) any { return p.Remaining() }},
	{Title: "Trạng thái", Cell: func(p *data.Programme) any { return p.Status.Label() }},
	{Title: "Lý do hủy", Cell: func(p *data.Programme) any { return p.CancelReason }},
}

var targetSheetColumns = []sheetColumn[data.Target]{
	seqSheetColumn[data.Target](),
	{Title: "Chỉ tiêu", Cell: func(t data.Target) any { return targetLabel(t) }},
	{Title: "Đơn vị tính", Cell: func(t data.Target) any { return t.UnitOrDefault() }},
	{Title: "Kế hoạch", Kind: xlsxNumber, Cell: func(t data.Target) any { return t.Planned }},
	{Title: "Đạt được", Kind: xlsxNumber, Cell: func(t data.Target) any { return t.Achieved }},
	{Title: "Tỷ lệ", Cell: func(t data.Target) any { return percent(t.Achieved, t.Planned) }},
}

var activitySheetColumns = []sheetColumn[data.Activity]{
	seqSheetColumn[data.Activity](),
	{Title: "Loại", Cell: func(a data.Activity) any { return a.Kind.Label() }},
	{Title: "Mã", Cell: func(a data.Activity) any { return a.Code }},
	{Title: "Nội dung", Cell: func(a data.Activity) any { return a.Name }},
	{Title: "Bắt đầu", Kind: xlsxDate, Cell: func(a data.Activity) any { return a.Start }},
	{Title: "Trạng thái", Cell: func(a data.Activity) any { return a.Status }},
	{Title: "Kết quả", Cell: func(a data.Activity) any { return a.Achieved }},
	{Title: "Kinh phí cam kết (đồng)", Kind: xlsxNumber, Cell: func(a data.Activity) any { return a.Committed }},
	{Title: "Đã chi (đồng)", Kind: xlsxNumber, Cell: func(a data.Activity) any { return a.Paid }},
}

var paymentSheetColumns = []sheetColumn[*data.Payment]{
	seqSheetColumn[*data.Payment](),
	{Title: "Ngày chi", Kind: xlsxDate, Cell: func(p *data.Payment) any { return p.Date }},
	{Title: "Loại", Cell: func(p *data.Payment) any { return p.Kind.Label() }},
	{Title: "Số chứng từ", Cell: func(p *data.Payment) any { return p.Voucher }},
	{Title: "Nội dung chi", Cell: func(p *data.Payment) any { return paymentFor(p) }},
	{Title: "Số tiền (đồng)", Kind: xlsxNumber, Cell: func(p *data.Payment) any { return p.Amount }},
}

// paymentsSheet is the sheet of payments with a TỔNG CỘNG row.
func paymentsSheet(head []string, ps []*data.Payment) xlsxTable {
	total, _ := paid(ps)
	return sheetOf("Thanh toán", head, paymentSheetColumns, ps, []any{nil, nil, nil, nil, "TỔNG CỘNG", total})
}

// WriteProgrammeSheetXLSX writes a đề án's sheet as an Excel workbook of four sheets: the đề án
// on one row with its money, its targets, its activities and its payments, the last two with a
// TỔNG CỘNG row.
func WriteProgrammeSheetXLSX(w io.Writer, d ProgrammeDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	pr, acts := d.Detail.Programme, d.Detail.Activities
	head := d.head(ProgrammeSheetTitle, "")
	committed, paidFor := activityTotals(acts)
	return writeXLSX(w, d.Date,
		sheetOf("Đề án", head, programmeSheetColumns, []*data.Programme{pr}, nil),
		sheetOf("Chỉ tiêu", head, targetSheetColumns, pr.Targets, nil),
		sheetOf("Hoạt động", head, activitySheetColumns, acts, []any{nil, nil, nil, "TỔNG CỘNG", nil, nil, nil, committed, paidFor}),
		paymentsSheet(head, d.Detail.Payments))
}
