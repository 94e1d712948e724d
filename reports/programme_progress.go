package reports

import (
	"io"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// progressLine is one line of a progress report: a target, or a sum of money against the
// đề án's support.
type progressLine struct {
	label, unit   string
	planned, done int64
}

// left is what remains to reach the plan; nothing once it is reached.
func (l progressLine) left() int64 { return max(0, l.planned-l.done) }

// rate is how much of the plan is done, "81,4%".
func (l progressLine) rate() string { return percent(int(l.done), int(l.planned)) }

// progressColumns fit A4 portrait (165 mm) at moneyTable's size.
var progressColumns = []column[progressLine]{
	sttColumn[progressLine](8),
	{Title: "Nội dung", Width: 52, Align: "L", Cell: func(l progressLine) string { return l.label }},
	{Title: "Đơn vị tính", Width: 16, Align: "C", Cell: func(l progressLine) string { return l.unit }},
	{Title: "Kế hoạch", Width: 25, Align: "R", Cell: func(l progressLine) string { return vn.FormatInt(l.planned) }},
	{Title: "Thực hiện", Width: 25, Align: "R", Cell: func(l progressLine) string { return vn.FormatInt(l.done) }},
	{Title: "Còn lại", Width: 25, Align: "R", Cell: func(l progressLine) string { return vn.FormatInt(l.left()) }},
	{Title: "Tỷ lệ", Width: 14, Align: "R", Cell: progressLine.rate},
}

// progress is what a progress report counts as of its day.
type progress struct {
	lines           []progressLine
	payments        []*data.Payment // dated on the day or before
	paid, advances  int64
	committed, left int64
}

// progress counts the đề án's targets and the money its activities hold as the store counts
// them when the report is made (neither is dated), and the payments dated on the day or before.
func (d ProgrammeDoc) progress() progress {
	pr, day := d.Detail.Programme, d.asOf()
	g := progress{committed: pr.Committed}
	for _, t := range pr.Targets {
		g.lines = append(g.lines, progressLine{label: targetLabel(t), unit: t.UnitOrDefault(), planned: int64(t.Planned), done: int64(t.Achieved)})
	}
	for _, p := range d.Detail.Payments {
		if !day.Before(p.Date) {
			g.payments = append(g.payments, p)
		}
	}
	g.paid, g.advances = paid(g.payments)
	g.left = pr.Support - g.paid
	g.lines = append(g.lines,
		progressLine{label: "Kinh phí khuyến công đã cam kết", unit: "đồng", planned: pr.Support, done: g.committed},
		progressLine{label: "Kinh phí khuyến công đã giải ngân", unit: "đồng", planned: pr.Support, done: g.paid})
	return g
}

// summary says in a sentence what has been paid, of which advances, and what remains.
func (g progress) summary(support int64) string {
	s := "Đã giải ngân " + vn.FormatMoney(g.paid)
	if g.advances > 0 {
		s += " (tạm ứng " + vn.FormatMoney(g.advances) + ", thanh toán " + vn.FormatMoney(g.paid-g.advances) + ")"
	}
	return s + ", đạt " + percent(int(g.paid), int(support)) + " kinh phí khuyến công của đề án; còn lại " + vn.FormatMoney(g.left) + "."
}

// WriteProgrammeProgressPDF writes the progress report of a đề án (báo cáo tiến độ thực hiện)
// as of d.AsOf, as an A4 portrait PDF: the official header, the title and the day it counts to,
// the đề án, a table of each target's plan, achievement, remainder and rate and of the money
// committed and paid against its support, what was paid and remains, the payments made by that
// day with their total, and the director's signing block. The targets and the money committed
// are counted as the store counts them when the report is made; a note says so when the day is
// an earlier one.
func WriteProgrammeProgressPDF(w io.Writer, d ProgrammeDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	pr, day := d.Detail.Programme, d.asOf()
	g := d.progress()
	p := d.start(ProgrammeProgressTitle, "(Tính đến ngày "+day.String()+")")
	after := []fixed{gap(2), para(g.summary(pr.Support), regular, 12, "L")}
	if day.Before(d.Date) && len(pr.Targets) > 0 {
		after = append(after, para("Số thực hiện các chỉ tiêu và kinh phí đã cam kết là số đã ghi nhận đến ngày lập báo cáo ("+d.Date.String()+
			"); kinh phí đã giải ngân tính theo ngày chi.", italic, 11, "L"))
	}
	p.add(section("I. KẾT QUẢ THỰC HIỆN CHỈ TIÊU VÀ KINH PHÍ", len(g.lines), "", tableOf(moneyTable, progressColumns, g.lines), after...)...)
	p.add(paymentsSection("II. CÁC KHOẢN ĐÃ CHI ĐẾN NGÀY "+day.String(), g.payments, gap(6), directorSigning(d.Org))...)
	return p.write(w)
}

var progressSheetColumns = []sheetColumn[progressLine]{
	seqSheetColumn[progressLine](),
	{Title: "Nội dung", Cell: func(l progressLine) any { return l.label }},
	{Title: "Đơn vị tính", Cell: func(l progressLine) any { return l.unit }},
	{Title: "Kế hoạch", Kind: xlsxNumber, Cell: func(l progressLine) any { return l.planned }},
	{Title: "Thực hiện", Kind: xlsxNumber, Cell: func(l progressLine) any { return l.done }},
	{Title: "Còn lại", Kind: xlsxNumber, Cell: func(l progressLine) any { return l.left() }},
	{Title: "Tỷ lệ", Cell: func(l progressLine) any { return l.rate() }},
}

// WriteProgrammeProgressXLSX writes the progress report as an Excel workbook of two sheets: the
// targets and money with plan, achievement, remainder and rate, and the payments made by the
// day the report counts to, with a TỔNG CỘNG row.
func WriteProgrammeProgressXLSX(w io.Writer, d ProgrammeDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	g := d.progress()
	head := d.head(ProgrammeProgressTitle, " – tính đến ngày "+d.asOf().String())
	return writeXLSX(w, d.Date, sheetOf("Tiến độ", head, progressSheetColumns, g.lines, nil), paymentsSheet(head, g.payments))
}
