package reports

import (
	"io"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// ListSheet is a list as a screen of the window shows it, for WriteListXLSX: the cells are the
// texts the screen shows, so that the workbook holds what the clerk sees.
type ListSheet struct {
	// Org is the centre that heads the sheet; Date the date printed under the title.
	Org  data.Organisation
	Date vn.Date
	// Title is the sheet's title, e.g. "DANH SÁCH LỚP HỌC".
	Title string
	// Filter says what the list's search and filters select ("Lọc theo: …"), "" for everything.
	Filter string
	// Columns are the list's column titles; Rows its rows, one text per column.
	Columns []string
	Rows    [][]string
}

// listDateRange separates the two dates of a date range as the window shows it.
const listDateRange = " – "

// listColumn is how a column of a ListSheet is written: the kind its texts all read as, and
// which part of a date range it takes (0 for a column that is not a range).
type listColumn struct {
	title string
	kind  xlsxKind
	part  int // 1 the range's first date, 2 its last
	index int // the column of the ListSheet it comes from
}

// WriteListXLSX writes the list as an Excel workbook with the header block of every exported
// list, one row per row of the list under a frozen, filtered header row. Each column is typed by
// what its texts all read as: dates (dd/mm/yyyy) become date cells, a date range
// ("01/03/2026 – 05/03/2026") two date columns, whole numbers and sums of money ("12.000.000 đ")
// numbers, years year numbers, digit strings with a leading zero (phones, tax codes) text kept
// as typed; anything else stays text.
func WriteListXLSX(w io.Writer, d ListSheet) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	var cols []listColumn
	for i, title := range d.Columns {
		kind, isRange := listKind(d.Rows, i)
		if isRange {
			cols = append(cols, listColumn{title: title + " (từ ngày)", kind: xlsxDate, part: 1, index: i},
				listColumn{title: title + " (đến ngày)", kind: xlsxDate, part: 2, index: i})
			continue
		}
		cols = append(cols, listColumn{title: title, kind: kind, index: i})
	}
	xc := make([]xlsxColumn, len(cols)+1)
	xc[0] = xlsxColumn{title: "STT", kind: xlsxNumber}
	for i, c := range cols {
		xc[i+1] = xlsxColumn{title: c.title, kind: c.kind}
	}
	head := []string{d.Org.ParentAuthority, d.Org.Name, d.Title, vn.NFC(d.Org.City) + ", " + d.Date.Long(), d.Filter}
	return writeXLSX(w, d.Date, xlsxTable{name: xlsxSheet, head: head, cols: xc, rows: len(d.Rows), cell: func(r, c int) any {
		if c == 0 {
			return r + 1
		}
		col := cols[c-1]
		return listValue(d.Rows[r][col.index], col)
	}})
}

// listKind returns the kind every non-empty text of column c reads as, and whether they are
// all date ranges. A column with no text at all is text.
func listKind(rows [][]string, c int) (xlsxKind, bool) {
	kinds := map[xlsxKind]bool{}
	ranges, texts := 0, 0
	for _, row := range rows {
		s := row[c]
		if s == "" {
			continue
		}
		texts++
		if from, to, ok := strings.Cut(s, listDateRange); ok && isListDate(from) && isListDate(to) {
			ranges++
			continue
		}
		kinds[listKindOf(s)] = true
	}
	switch {
	case texts == 0:
		return xlsxText, false
	case ranges == texts:
		return xlsxDate, true
	case ranges > 0 || len(kinds) != 1:
		return xlsxText, false
	}
	for k := range kinds {
		return k, false
	}
	return xlsxText, false
}

// listKindOf is the kind one text reads as.
func listKindOf(s string) xlsxKind {
	switch {
	case isListDate(s):
		return xlsxDate
	case len(s) == 4 && isDigits(s) && s[0] != '0':
		if y, _ := strconv.Atoi(s); y >= vn.MinYear && y <= vn.MaxYear {
			return xlsxYear
		}
	}
	if _, ok := listNumber(s); ok {
		return xlsxNumber
	}
	if isDigits(s) {
		return xlsxDigits
	}
	return xlsxText
}

// isDigits reports whether s is made of ASCII digits only.
func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// isListDate reports whether s is a real date written dd/mm/yyyy.
func isListDate(s string) bool {
	d, err := vn.ParseDate(s)
	return err == nil && d.String() == s
}

// listNumber reads a whole number or a sum of money as the window writes them ("1.234", "-5",
// "12.000.000 đ"); a text written otherwise (with a leading zero, say) is not one.
func listNumber(s string) (int64, bool) {
	digits := strings.TrimSuffix(s, " đ")
	n, err := strconv.ParseInt(strings.ReplaceAll(digits, ".", ""), 10, 64)
	if err != nil || vn.FormatInt(n) != digits {
		return 0, false
	}
	return n, true
}

// listValue is the cell of text s in column col.
func listValue(s string, col listColumn) any {
	if col.part != 0 {
		from, to, _ := strings.Cut(s, listDateRange)
		s = map[int]string{1: from, 2: to}[col.part]
	}
	switch {
	case col.kind == xlsxDate:
		d, _ := vn.ParseDate(s) // the zero Date, an empty cell, for ""
		return d
	case s == "":
		return nil
	}
	switch col.kind {
	case xlsxYear:
		y, _ := strconv.Atoi(s)
		return y
	case xlsxNumber:
		if n, ok := listNumber(s); ok {
			return n
		}
		return nil
	}
	return s
}
