package reports

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"khuyencong/data/vn"
)

// xlsxKind says how a column's values are stored.
type xlsxKind int

const (
	xlsxText   xlsxKind = iota // text
	xlsxDigits                 // text made of digits, such as tax codes and phones: formatted "@" so Excel keeps leading zeros
	xlsxNumber                 // a number
	xlsxYear                   // a year: a number shown without a thousands separator
	xlsxDate                   // a vn.Date: a date cell shown dd/mm/yyyy, so that Excel sorts and filters it as a date; the zero Date leaves the cell empty
	xlsxShare                  // a share as a fraction of 1, shown as a percent with one decimal; a total is its own value, not a sum
)

// xlsxColumn is one column of an exported table.
type xlsxColumn struct {
	title string
	kind  xlsxKind
}

// sheetColumn is one column of a workbook of T: its title, how its values are stored, and the
// value a row has in it.
type sheetColumn[T any] struct {
	Title string
	Kind  xlsxKind
	Cell  func(T) any
	// seq numbers the rows from 1 instead of calling Cell: the STT column.
	seq bool
}

// seqSheetColumn is the "STT" column of a workbook: the row's number from 1.
func seqSheetColumn[T any]() sheetColumn[T] {
	return sheetColumn[T]{Title: "STT", Kind: xlsxNumber, seq: true}
}

// writeSheet writes rows as a workbook of one sheet with the typed columns (see writeXLSX);
// totals, when not nil, holds the totals row's value in each column, nil where there is none.
func writeSheet[T any](w io.Writer, date vn.Date, head []string, cols []sheetColumn[T], rows []T, totals []any) error {
	return writeXLSX(w, date, sheetOf(xlsxSheet, head, cols, rows, totals))
}

// xlsxTable is one sheet of a workbook: the name on its tab, the header block over its table,
// the columns, and the values cell(r, c) and totals(c) give (see writeXLSX).
type xlsxTable struct {
	name   string
	head   []string
	cols   []xlsxColumn
	rows   int
	cell   func(r, c int) any
	totals func(c int) any
}

// sheetOf is the sheet named name of rows in the typed columns; totals as writeSheet's.
func sheetOf[T any](name string, head []string, cols []sheetColumn[T], rows []T, totals []any) xlsxTable {
	xc := make([]xlsxColumn, len(cols))
	for i, c := range cols {
		xc[i] = xlsxColumn{title: c.Title, kind: c.Kind}
	}
	var total func(c int) any
	if totals != nil {
		total = func(c int) any { return totals[c] }
	}
	return xlsxTable{name: name, head: head, cols: xc, rows: len(rows), totals: total, cell: func(r, c int) any {
		if cols[c].seq {
			return r + 1
		}
		return cols[c].Cell(rows[r])
	}}
}

// xlsxDateFormat is how date cells are shown: as every document prints a date.
var xlsxDateFormat = "dd/mm/yyyy"

// xlsxPercentFormat is how shares are shown: a percent with one decimal.
var xlsxPercentFormat = "0.0%"

// xlsxRule is a thin black line; a border given without a colour is written as rgb="FF",
// which openpyxl refuses ("Colors must be aRGB hex values").
func xlsxRule(side string) excelize.Border {
	return excelize.Border{Type: side, Style: 1, Color: "000000"}
}

const (
	xlsxSheet       = "Danh sách" // the sheet of a workbook of one
	xlsxMinWidth    = 6.0
	xlsxMaxWidth    = 60.0
	xlsxHeaderRow   = 7 // the table's header row, under the header block
	xlsxWidthSample = 2000
)

// writeXLSX writes a workbook of the sheets, in order, dated date and titled by the first
// sheet's title. On each sheet, head (parent authority, centre, title, date line, selection;
// empty lines are left blank) is above a table of rows whose values cell(r, c) gives, with a
// bold header row that is frozen and filtered. Text is written NFC, dates as date
// cells, numbers as numbers with thousands separators. A bold totals row goes under the table,
// outside its filter, when totals is not nil: totals(c) gives its value in column c (nil for
// none). A number column's total is written as a SUM of the column over the rows, with the
// value given as its result.
func writeXLSX(w io.Writer, date vn.Date, sheets ...xlsxTable) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &orderedZip{zw: zip.NewWriter(w)} })
	fail := func(err error) error { return fmt.Errorf("viết tệp Excel: %w", err) }
	created := date.Time().Format("2006-01-02T15:04:05Z")
	if err := f.SetDocProps(&excelize.DocProperties{Title: vn.NFC(sheets[0].head[2]), Creator: producer, Created: created, Modified: created}); err != nil {
		return fail(err)
	}
	styles := map[string]*excelize.Style{
		"plain":  {},
		"bold":   {Font: &excelize.Font{Bold: true}},
		"title":  {Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center"}},
		"italic": {Font: &excelize.Font{Italic: true}, Alignment: &excelize.Alignment{Horizontal: "center"}},
		"header": {Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE5F0"}},
			Border: []excelize.Border{xlsxRule("left"), xlsxRule("right"), xlsxRule("top"), xlsxRule("bottom")}},
		"digits":      {NumFmt: 49},
		"number":      {NumFmt: 3}, // #,##0
		"year":        {NumFmt: 1}, // 0
		"date":        {CustomNumFmt: &xlsxDateFormat},
		"percent":     {CustomNumFmt: &xlsxPercentFormat},
		"totalShare":  {Font: &excelize.Font{Bold: true}, CustomNumFmt: &xlsxPercentFormat, Border: []excelize.Border{xlsxRule("top")}},
		"totalText":   {Font: &excelize.Font{Bold: true}, Border: []excelize.Border{xlsxRule("top")}},
		"totalNumber": {Font: &excelize.Font{Bold: true}, NumFmt: 3, Border: []excelize.Border{xlsxRule("top")}},
	}
	id := map[string]int{}
	for _, name := range slices.Sorted(maps.Keys(styles)) { // in a fixed order: the same input gives the same bytes
		n, err := f.NewStyle(styles[name])
		if err != nil {
			return fail(err)
		}
		id[name] = n
	}
	for i, t := range sheets {
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.name)
		} else {
			_, err = f.NewSheet(t.name)
		}
		if err == nil {
			err = writeTable(f, id, t)
		}
		if err != nil {
			return fail(err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fail(err)
	}
	return nil
}

// writeTable writes a sheet's header block, table and totals, in the styles id names.
func writeTable(f *excelize.File, id map[string]int, t xlsxTable) error {
	head, cols, rows, cell, totals := t.head, t.cols, t.rows, t.cell, t.totals
	lastCol, _ := excelize.ColumnNumberToName(len(cols))
	// Set before streaming: afterwards excelize would parse the whole sheet back to add it.
	filter := fmt.Sprintf("A%d:%s%d", xlsxHeaderRow, lastCol, xlsxHeaderRow+max(rows, 1))
	if err := f.AutoFilter(t.name, filter, nil); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(t.name)
	if err != nil {
		return err
	}
	for c := len(cols) - 1; c >= 0; c-- { // excelize puts each width first; Excel wants them in order
		if err := sw.SetColWidth(c+1, c+1, columnWidth(cols[c], rows, func(r int) any { return cell(r, c) })); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: xlsxHeaderRow, TopLeftCell: fmt.Sprintf("A%d", xlsxHeaderRow+1), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	headRows := []struct {
		row    int
		style  string
		merged bool
	}{{1, "plain", false}, {2, "bold", false}, {4, "title", true}, {5, "italic", true}, {6, "italic", true}}
	for i, h := range headRows {
		if head[i] == "" {
			continue
		}
		ref := fmt.Sprintf("A%d", h.row)
		if err := sw.SetRow(ref, []any{excelize.Cell{StyleID: id[h.style], Value: vn.NFC(head[i])}}); err != nil {
			return err
		}
		if h.merged {
			if err := sw.MergeCell(ref, fmt.Sprintf("%s%d", lastCol, h.row)); err != nil {
				return err
			}
		}
	}
	values := make([]any, len(cols))
	for c, col := range cols {
		values[c] = excelize.Cell{StyleID: id["header"], Value: col.title}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", xlsxHeaderRow), values); err != nil {
		return err
	}
	for r := range rows {
		for c, col := range cols {
			v := cell(r, c)
			switch col.kind {
			case xlsxDigits:
				v = excelize.Cell{StyleID: id["digits"], Value: v}
			case xlsxNumber:
				v = excelize.Cell{StyleID: id["number"], Value: v}
			case xlsxYear:
				v = excelize.Cell{StyleID: id["year"], Value: v}
			case xlsxShare:
				v = excelize.Cell{StyleID: id["percent"], Value: v}
			case xlsxDate:
				cell := excelize.Cell{StyleID: id["date"]}
				if d := v.(vn.Date); !d.IsZero() {
					cell.Value = d.Time()
				}
				v = cell
			default:
				if s, ok := v.(string); ok {
					v = vn.NFC(s)
				}
			}
			values[c] = v
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", xlsxHeaderRow+1+r), values); err != nil {
			return err
		}
	}
	if totals != nil {
		for c, col := range cols {
			v := totals(c)
			name, _ := excelize.ColumnNumberToName(c + 1)
			switch {
			case v == nil:
				v = excelize.Cell{StyleID: id["totalText"]}
			case col.kind == xlsxNumber && rows > 0:
				v = excelize.Cell{StyleID: id["totalNumber"], Value: v,
					Formula: fmt.Sprintf("SUM(%s%d:%s%d)", name, xlsxHeaderRow+1, name, xlsxHeaderRow+rows)}
			case col.kind == xlsxNumber:
				v = excelize.Cell{StyleID: id["totalNumber"], Value: v}
			case col.kind == xlsxShare:
				v = excelize.Cell{StyleID: id["totalShare"], Value: v}
			default:
				if s, ok := v.(string); ok {
					v = vn.NFC(s)
				}
				v = excelize.Cell{StyleID: id["totalText"], Value: v}
			}
			values[c] = v
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", xlsxHeaderRow+1+rows), values); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// orderedZip is the archive of a workbook with its entries in a fixed order, so that the same
// input gives the same bytes: excelize writes the sheets in the order of a map, the worksheets
// go first here, by name, and every other entry after them as excelize wrote it.
type orderedZip struct {
	zw      *zip.Writer
	entries []*zipEntry
}

type zipEntry struct {
	name string
	data bytes.Buffer
}

func (z *orderedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{name: name}
	z.entries = append(z.entries, e)
	return &e.data, nil
}

// AddFS is not used by excelize when it writes a workbook.
func (z *orderedZip) AddFS(fsys fs.FS) error { return z.zw.AddFS(fsys) }

func (z *orderedZip) Close() error {
	sheet := func(e *zipEntry) bool { return strings.HasPrefix(e.name, "xl/worksheets/") }
	slices.SortStableFunc(z.entries, func(a, b *zipEntry) int {
		switch {
		case sheet(a) && sheet(b):
			return strings.Compare(a.name, b.name)
		case sheet(a):
			return -1
		case sheet(b):
			return 1
		}
		return 0
	})
	for _, e := range z.entries {
		w, err := z.zw.Create(e.name)
		if err != nil {
			return err
		}
		if _, err := e.data.WriteTo(w); err != nil {
			return err
		}
	}
	return z.zw.Close()
}

// columnWidth returns a width (in characters) that fits the column's title and the longest of
// its first values, within bounds.
func columnWidth(col xlsxColumn, rows int, value func(r int) any) float64 {
	n := utf8.RuneCountInString(col.title)
	for r := range min(rows, xlsxWidthSample) {
		n = max(n, utf8.RuneCountInString(fmt.Sprint(value(r))))
	}
	if col.kind == xlsxNumber {
		n += n / 3 // thousands separators
	}
	return min(max(math.Ceil(float64(n)*1.1+2), xlsxMinWidth), xlsxMaxWidth)
}
