package reports

import (
	"io"
	"slices"
	"strings"

	"khuyencong/data"
	"khuyencong/data/importer"
	"khuyencong/data/vn"
)

// importKinds says how a field's cells are written: codes as text of digits (their leading
// zeros kept), dates as date cells, counts as numbers; the rest is text.
var importKinds = map[string]xlsxKind{
	data.FieldTaxCode: xlsxDigits, data.FieldCCCD: xlsxDigits, data.FieldPhone: xlsxDigits, data.FieldContactPhone: xlsxDigits,
	data.FieldBirthDate: xlsxDate, data.FieldRecognisedOn: xlsxDate,
	data.FieldWorkers: xlsxNumber, data.FieldHouseholds: xlsxNumber, data.FieldBooths: xlsxNumber,
}

// importValue returns the value of a cell of a field for a workbook: a date or a count read
// from the text when the field's kind asks for one and the text reads as one, else the text.
// A cell that does not read is kept as text, so that the clerk sees what the file held.
func importValue(field, text string, today vn.Date) (any, xlsxKind) {
	switch importKinds[field] {
	case xlsxDate:
		if d, err := importer.ParseDate(text, today); err == nil {
			return d, xlsxDate
		}
	case xlsxNumber:
		if n, err := importer.ParseCount(text); err == nil && text != "" {
			return n, xlsxNumber
		}
	case xlsxDigits:
		return text, xlsxDigits
	}
	return text, xlsxText
}

// WriteImportTemplate writes the blank template of a kind of import ("Tải mẫu"): the expected
// columns, required ones marked with *, and one example row, under the centre's header block.
// The importer reads it back with every column mapped. EINVALID for an unknown kind.
func WriteImportTemplate(w io.Writer, org data.Organisation, kind data.ImportKind, date vn.Date) error {
	fields := data.ImportFields(kind)
	if fields == nil {
		return data.Errorf(data.EINVALID, "Không có kiểu nhập %q.", kind)
	}
	cols := make([]xlsxColumn, len(fields))
	row := make([]any, len(fields))
	for i, f := range fields {
		title := f.Label
		if f.Required {
			title += " *"
		}
		v, k := importValue(f.Key, f.Example, date)
		if v == "" && k == xlsxDate {
			v = vn.Date{}
		}
		cols[i], row[i] = xlsxColumn{title: title, kind: k}, v
	}
	head := []string{org.ParentAuthority, org.Name, "MẪU NHẬP " + strings.ToUpper(kind.Label()), "",
		"Mỗi dòng một bản ghi; cột có dấu * phải điền. Dòng ví dụ có thể xoá."}
	return writeXLSX(w, date, xlsxTable{name: xlsxSheet, head: head, cols: cols, rows: 1, cell: func(_, c int) any { return row[c] }})
}

// ImportRefusedDoc is the list of rows an import did not write, for the clerk to correct and
// import again.
type ImportRefusedDoc struct {
	// Org heads the sheet; Date is the sheet's date, and decides the century of two-digit years.
	Org  data.Organisation
	Date vn.Date
	// Preview is the import as previewed; Result what the import did (nil: the preview's rows
	// with problems, before any import).
	Preview *data.ImportPreview
	Result  *data.ImportResult
}

// rows returns the rows refused or skipped, in sheet order, each with its reason.
func (d ImportRefusedDoc) rows() []data.ImportSkipped {
	var out []data.ImportSkipped
	if d.Result == nil {
		for _, r := range d.Preview.Rows {
			if !r.OK() {
				out = append(out, data.ImportSkipped{Row: r, Reason: strings.Join(r.Problems, " ")})
			}
		}
		return out
	}
	out = append(slices.Clone(d.Result.Refused), d.Result.Skipped...)
	slices.SortFunc(out, func(a, b data.ImportSkipped) int { return a.Row.Line - b.Row.Line })
	return out
}

// rowCell returns the cell c of a row as read, "" beyond its end.
func rowCell(r *data.ImportRow, c int) string {
	if c < len(r.Cells) {
		return r.Cells[c]
	}
	return ""
}

// WriteImportRefusedXLSX writes the rows an import refused or skipped as a workbook: the line
// each had in the file, its cells under the file's own header (codes kept as text, dates as
// dates), and a last column of reasons. The file imports again once corrected: its header is
// the original one, and the two added columns feed no field.
func WriteImportRefusedXLSX(w io.Writer, d ImportRefusedDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	p, rows := d.Preview, d.rows()
	cols := []xlsxColumn{{title: "Dòng trong tệp gốc", kind: xlsxNumber}}
	for i, h := range p.Header {
		if h == "" {
			h = "Cột " + vn.FormatInt(int64(i+1))
		}
		cols = append(cols, xlsxColumn{title: h})
	}
	cols = append(cols, xlsxColumn{title: "Lý do không nhập", kind: xlsxText})
	// A column is of its field's kind when every cell of it reads so, else text: a cell that
	// does not read is shown as the file held it.
	cells := make([][]any, len(rows))
	for c := range p.Header {
		kind := importKinds[p.Mapping[c]]
		for _, s := range rows {
			if _, k := importValue(p.Mapping[c], rowCell(s.Row, c), d.Date); k != kind && rowCell(s.Row, c) != "" {
				kind = xlsxText
			}
		}
		cols[c+1].kind = kind
		for r, s := range rows {
			v, _ := importValue(p.Mapping[c], rowCell(s.Row, c), d.Date)
			if kind == xlsxText {
				v = rowCell(s.Row, c)
			} else if kind == xlsxDate && v == "" {
				v = vn.Date{}
			}
			cells[r] = append(cells[r], v)
		}
	}
	head := []string{d.Org.ParentAuthority, d.Org.Name, "CÁC DÒNG CHƯA NHẬP ĐƯỢC: " + strings.ToUpper(p.Kind.Label()), vn.NFC(d.Org.City) + ", " + d.Date.Long(),
		"Tệp " + p.File + ", trang " + p.Sheet + ": sửa các dòng theo cột lý do rồi nhập lại tệp này."}
	return writeXLSX(w, d.Date, xlsxTable{name: xlsxSheet, head: head, cols: cols, rows: len(rows), cell: func(r, c int) any {
		switch {
		case c == 0:
			return rows[r].Row.Line
		case c == len(cols)-1:
			return rows[r].Reason
		}
		return cells[r][c-1]
	}})
}
