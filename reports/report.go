package reports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// The managers' reports (data.ReportKind): each is made of sections, every section one table
// with its rows of typed values, written once as a PDF section and once as an Excel sheet, so
// that the two files of a report carry the same figures.

// ReportDoc heads a manager's report.
type ReportDoc struct {
	// Org heads the document and signs it.
	Org data.Organisation
	// Date is printed under the national motto; it is also the file's date.
	Date vn.Date
	// Scope says in words what the filters kept, e.g. "phường Bát Tràng; ngành nghề Gốm sứ"; ""
	// when the report covers everything.
	Scope string
	// Recipients are the lines under "Nơi nhận:"; nil gives the parent authority, the board
	// and the archive.
	Recipients []string
}

// rate is a share in tenths of a percent (853 is 85,3 %), as data.Permille gives it.
type rate int64

// reportCol is a column of a report's table: its title, its width on the page in mm, and its
// alignment there; a row's values are string, int (a count), int64 (money), rate or vn.Date.
type reportCol struct {
	title string
	width float64
	align string
}

// The columns' alignments: text left, figures right, dates centred.
const (
	alignText   = "L"
	alignFigure = "R"
	alignDate   = "C"
)

// reportSection is one numbered part of a report: a heading, a sentence before its table, the
// table (numbered rows when numbered) with a totals row when total is not nil, a sentence for
// when it has no rows, and charts drawn under it. sheet names its Excel tab.
type reportSection struct {
	title, sheet, intro, none string
	numbered                  bool
	cols                      []reportCol
	rows                      [][]any
	total                     []any
	charts                    []barChart
}

// reportTable is the style of the reports' tables: small enough that a sum of tens of
// thousands of millions of đồng fits its column on one line.
var reportTable = tableStyle{size: 10}

// reportBody is a report's content between its opening and its signature.
type reportBody struct {
	kind      data.ReportKind
	period    data.Period
	landscape bool
	intro     string
	sections  []reportSection
}

// cellText writes a value as the PDF prints it.
func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int:
		return vn.FormatInt(int64(x))
	case int64:
		return vn.FormatInt(x)
	case rate:
		return permilleText(int64(x))
	case vn.Date:
		return x.String()
	}
	panic(fmt.Sprintf("reports: a report cell cannot hold %T", v))
}

// permilleText writes a share in tenths of a percent, "85,3%".
func permilleText(n int64) string {
	if n%10 == 0 {
		return vn.FormatInt(n/10) + "%"
	}
	return vn.FormatInt(n/10) + "," + string(rune('0'+n%10)) + "%"
}

// cellValue is a value as the workbook stores it: a share as a fraction of 1.
func cellValue(v any) any {
	if r, ok := v.(rate); ok {
		return float64(r) / 1000
	}
	return v
}

// kindOf says how the workbook stores a column whose values are like v.
func kindOf(v any) xlsxKind {
	switch v.(type) {
	case int, int64:
		return xlsxNumber
	case rate:
		return xlsxShare
	case vn.Date:
		return xlsxDate
	}
	return xlsxText
}

// pdfColumns are the section's columns as the PDF draws them. A column of figures too narrow for
// its widest figure (in bold, as totals are set) is widened by what the widest column of text
// gives up: a figure is never broken over two lines.
func (s reportSection) pdfColumns(p *pdfDoc) []column[[]any] {
	cols := slices.Clone(s.cols)
	p.style(bold, reportTable.size)
	text := -1
	for i, c := range cols {
		if c.align == alignText && (text < 0 || c.width > cols[text].width) {
			text = i
		}
	}
	for i, c := range cols {
		if c.align != alignFigure || text < 0 {
			continue
		}
		need := 0.0
		for _, r := range append(slices.Clone(s.rows), s.total) {
			if i < len(r) {
				need = max(need, p.width(cellText(r[i]))+2*cellPadX+0.5)
			}
		}
		if grow := need - c.width; grow > 0 && cols[text].width-grow >= 20 {
			cols[i].width += grow
			cols[text].width -= grow
		}
	}
	var out []column[[]any]
	if s.numbered {
		out = append(out, sttColumn[[]any](8))
	}
	for i, c := range cols {
		out = append(out, column[[]any]{Title: c.title, Width: c.width, Align: c.align, Cell: func(r []any) string { return cellText(r[i]) }})
	}
	return out
}

// table is the section as a workbook's sheet under head. A column's kind is that of its first
// value that is not empty text.
func (s reportSection) table(head []string) xlsxTable {
	var cols []sheetColumn[[]any]
	if s.numbered {
		cols = append(cols, seqSheetColumn[[]any]())
	}
	for i, c := range s.cols {
		kind := xlsxText
		for _, r := range append(s.rows, s.total) {
			if i < len(r) && r[i] != nil && r[i] != "" {
				kind = kindOf(r[i])
				break
			}
		}
		cols = append(cols, sheetColumn[[]any]{Title: c.title, Kind: kind, Cell: func(r []any) any { return cellValue(r[i]) }})
	}
	var totals []any
	if s.total != nil && len(s.rows) > 0 {
		if s.numbered {
			totals = append(totals, nil)
		}
		for _, v := range s.total {
			totals = append(totals, cellValue(v))
		}
	}
	return sheetOf(s.sheet, head, cols, s.rows, totals)
}

// parts are the section's parts in the PDF, with tail kept on a page with its end (the last
// rows of its table, or its last chart).
func (s reportSection) parts(p *pdfDoc, tail ...fixed) []part {
	cols := s.pdfColumns(p)
	var after []fixed
	if s.total != nil {
		texts := make([]string, 0, len(cols))
		if s.numbered {
			texts = append(texts, "")
		}
		for _, v := range s.total {
			texts = append(texts, cellText(v))
		}
		after = append(after, totalsRow[[]any]{cols: cols, texts: texts, size: reportTable.size})
	}
	// A short table goes to the next page whole with what is kept under it, and takes its
	// heading along, as section does.
	h := heading{title: s.title}
	parts := []part{gap(3), h}
	intro := func() {
		if s.intro != "" {
			parts = append(parts, para(s.intro, regular, 13, "L"), gap(1))
		}
	}
	if len(s.rows) == 0 {
		end := together(append([]fixed{para(s.none, italic, 12, "L")}, tail...))
		parts[1] = heading{title: s.title, keep: []fixed{end}}
		intro()
		return append(parts, end)
	}
	if len(s.charts) == 0 {
		after = append(after, tail...)
		if len(s.rows) <= keepRows {
			parts[1] = heading{title: s.title, keep: after}
		}
		intro()
		return append(parts, tableOf(reportTable, cols, s.rows).keepWith(after...))
	}
	intro()
	parts = append(parts, tableOf(reportTable, cols, s.rows).keepWith(after...))
	for i, c := range s.charts {
		group := together{gap(4), c}
		if i == len(s.charts)-1 {
			group = append(group, tail...)
		}
		parts = append(parts, group)
	}
	return parts
}

// title is the report's name under "BÁO CÁO": its subject and period, "Kết quả … quý II năm 2026".
func (b reportBody) title() string {
	return b.kind.Title() + " " + lowerFirst(b.period.Label())
}

// lowerFirst puts the first letter of s in lower case.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// properName writes an authority's name stored in capitals as a name in a sentence: each word
// with a capital, "SỞ CÔNG THƯƠNG HÀ NỘI" as "Sở Công Thương Hà Nội".
func properName(s string) string {
	words := strings.Fields(strings.ToLower(vn.NFC(s)))
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

// recipients are the lines under "Nơi nhận:".
func (d ReportDoc) recipients() []string {
	if d.Recipients != nil {
		return d.Recipients
	}
	return []string{"- " + properName(d.Org.ParentAuthority) + " (để báo cáo);", "- Ban Giám đốc Trung tâm;", "- Lưu: VT, KHTH."}
}

// reportNumber is the document's number line, left for the office to fill in when it registers it.
const reportNumber = "Số:        /BC-TTKC"

// writeReportPDF writes a report as an official document (Decree 30/2020): the header, its
// number, "BÁO CÁO" and its subject and period, the scope, the opening sentence, the sections
// with their tables and charts, and the recipients beside the director's signing block.
func writeReportPDF(w io.Writer, d ReportDoc, b reportBody) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	title := b.title()
	p := opening{org: d.Org, date: d.Date, landscape: b.landscape, meta: "Báo cáo " + lowerFirst(title), numbered: true,
		number: reportNumber, title: "BÁO CÁO"}.start()
	p.add(para(title, bold, 14, "C"))
	if d.Scope != "" {
		p.add(para("Phạm vi: "+d.Scope, italic, 13, "C"))
	}
	p.add(gap(4), para(b.intro, regular, 13, "L"))
	last := len(b.sections) - 1
	for _, s := range b.sections[:last] {
		p.add(s.parts(p)...)
	}
	p.add(b.sections[last].parts(p, gap(6), letterFoot{recipients: d.recipients(), sign: directorSigning(d.Org)})...)
	return p.write(w)
}

// writeReportXLSX writes a report as a workbook of a sheet a section, each headed by the centre,
// the report's title, the date, and the period with the scope.
func writeReportXLSX(w io.Writer, d ReportDoc, b reportBody) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	scope := b.period.Label()
	if d.Scope != "" {
		scope += " – Phạm vi: " + d.Scope
	}
	head := []string{d.Org.ParentAuthority, d.Org.Name, "BÁO CÁO " + strings.ToUpper(b.kind.Title()), vn.NFC(d.Org.City) + ", " + d.Date.Long(), scope}
	sheets := make([]xlsxTable, len(b.sections))
	for i, s := range b.sections {
		sheets[i] = s.table(head)
	}
	return writeXLSX(w, d.Date, sheets...)
}
