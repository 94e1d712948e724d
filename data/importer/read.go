// Package importer reads the spreadsheets a centre already keeps (.xlsx, .csv as Excel and
// LibreOffice write them) and turns their rows into the records of package data: it finds the
// header row, proposes which column feeds which field, converts every cell (names, dates, numbers,
// tax codes, CCCD, wards) and lists every problem of every row, so that a clerk sees them all
// before anything is written. It speaks neither SQL nor Fyne: the store checks the rows against
// the register and writes them (data.ImportService).
//
// An import goes: Open the file; Rows of the sheet chosen; Locate the table of the kind; the
// mapping remembered for the header's Signature (ImportService.ImportMapping), else Propose's;
// Convert with the catalogues; ImportService.CheckImport; the clerk's choices (ImportRow.SetAction,
// ImportPreview.SetAll); ImportService.Import. kc import does exactly this.
package importer

import (
	"bytes"
	"errors"
	"io"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"khuyencong/data"
)

// MaxFileSize is the largest file Open reads, in bytes: far above 50,000 rows of an enterprise
// list (about 8 MB as .xlsx), far below what would exhaust an office computer's memory.
const MaxFileSize = 200 << 20

// File is a spreadsheet opened for import: a workbook of sheets, or a CSV file (one sheet).
type File struct {
	// Name is the file's name, as the clerk chose it.
	Name string
	// Sheets are the names of its sheets in the workbook's order; a CSV file has one, its name.
	Sheets []string

	book *excelize.File // nil for a CSV file
	raw  []byte         // the workbook's bytes, for its merged cells
	csv  [][]string     // the rows of a CSV file
}

// magic numbers of the formats Open tells apart by their first bytes.
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // Compound File: .xls, or an encrypted .xlsx
	pdfMagic = []byte("%PDF")
)

// Open reads a whole file named name from r. It takes .xlsx (and .xlsm) workbooks and CSV or
// tab-separated text in UTF-8, UTF-16 or Windows-1258; it refuses, with a message that says what
// to do, an old .xls workbook, a workbook protected by a password, a PDF, a Word document and
// anything else that is not a spreadsheet (EINVALID).
func Open(name string, r io.Reader) (*File, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, data.Errorf(data.EINVALID, "Không đọc được tệp %s: %v.", filepath.Base(name), err)
	}
	base := filepath.Base(name)
	if len(b) > MaxFileSize {
		return nil, data.Errorf(data.EINVALID, "Tệp %s lớn quá (trên %d MB). Hãy chia thành nhiều tệp nhỏ hơn.", base, MaxFileSize>>20)
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, data.Errorf(data.EINVALID, "Tệp %s trống, không có dòng nào.", base)
	}
	f := &File{Name: base}
	switch {
	case bytes.HasPrefix(b, zipMagic):
		return f, f.openWorkbook(b)
	case bytes.HasPrefix(b, oleMagic):
		return nil, oleRefusal(base, b)
	case bytes.HasPrefix(b, pdfMagic):
		return nil, data.Errorf(data.EINVALID, "Tệp %s là tệp PDF, không phải bảng tính. Hãy chọn tệp Excel (.xlsx) hoặc CSV.", base)
	}
	rows, err := readCSV(b)
	if err != nil {
		return nil, data.Errorf(data.EINVALID, "Tệp %s không phải bảng tính Excel (.xlsx) hay CSV: %s", base, data.ErrorMessage(err))
	}
	f.csv, f.Sheets = rows, []string{strings.TrimSuffix(base, filepath.Ext(base))}
	return f, nil
}

// openWorkbook opens b as an .xlsx workbook, cells read as stored (dates as Excel serial numbers,
// numbers without their display format), so that what a cell holds is read, not how it shows.
func (f *File) openWorkbook(b []byte) error {
	book, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		return data.Errorf(data.EINVALID, "Tệp %s không mở được như bảng tính Excel (.xlsx): tệp hỏng hoặc là loại tệp khác (có thể là tệp Word hay tệp nén đổi đuôi). Hãy mở tệp bằng Excel rồi lưu lại dạng .xlsx.", f.Name)
	}
	f.book, f.raw = book, b
	for _, s := range book.GetSheetList() {
		if v, err := book.GetSheetVisible(s); err == nil && v {
			f.Sheets = append(f.Sheets, s)
		}
	}
	if len(f.Sheets) == 0 {
		return data.Errorf(data.EINVALID, "Tệp %s không có trang tính nào đang hiện.", f.Name)
	}
	return nil
}

// oleRefusal says why a Compound File is refused: Excel keeps a workbook protected by a password
// in one (its EncryptionInfo stream), and so are the .xls workbooks of Excel 97–2003.
func oleRefusal(name string, b []byte) error {
	if bytes.Contains(b, utf16Name("EncryptionInfo")) || bytes.Contains(b, utf16Name("EncryptedPackage")) {
		return data.Errorf(data.EINVALID, "Tệp %s có đặt mật khẩu nên chương trình không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu (Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hóa bằng mật khẩu, xóa mật khẩu) rồi lưu lại và nhập lại.", name)
	}
	if bytes.Contains(b, utf16Name("Workbook")) || bytes.Contains(b, utf16Name("Book")) {
		return data.Errorf(data.EINVALID, "Tệp %s là bảng tính Excel 97–2003 (.xls), loại cũ chương trình không đọc. Hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) loại \"Sổ làm việc Excel (.xlsx)\", rồi nhập tệp .xlsx đó.", name)
	}
	return data.Errorf(data.EINVALID, "Tệp %s không phải bảng tính (có thể là tệp Word .doc đổi đuôi). Hãy chọn tệp Excel (.xlsx) hoặc CSV.", name)
}

// utf16Name is a stream name as a Compound File's directory spells it: UTF-16, little end first.
func utf16Name(s string) []byte {
	out := make([]byte, 0, 2*len(s))
	for i := range len(s) {
		out = append(out, s[i], 0)
	}
	return out
}

// Rows returns the rows of a sheet as text, row i being line i+1 of the sheet: numbers as
// stored (no thousands separator), dates as Excel serial numbers, a formula as its last
// computed value; trailing blank cells dropped. EINVALID for an empty sheet; ENOTFOUND for a
// sheet the file does not have.
func (f *File) Rows(sheet string) ([][]string, error) {
	var rows [][]string
	switch {
	case f.book == nil && len(f.Sheets) == 1 && sheet == f.Sheets[0]:
		rows = f.csv
	case f.book != nil:
		var err error
		if rows, err = f.book.GetRows(sheet); err != nil {
			if errors.As(err, new(excelize.ErrSheetNotExist)) {
				return nil, data.Errorf(data.ENOTFOUND, "Tệp %s không có trang tính \"%s\".", f.Name, sheet)
			}
			return nil, data.Errorf(data.EINVALID, "Không đọc được trang tính \"%s\" của tệp %s: tệp hỏng. Hãy mở bằng Excel rồi lưu lại.", sheet, f.Name)
		}
		f.fillMerged(sheet, rows)
	default:
		return nil, data.Errorf(data.ENOTFOUND, "Tệp %s không có trang tính \"%s\".", f.Name, sheet)
	}
	for i, r := range rows {
		rows[i] = trimRow(r)
	}
	for len(rows) > 0 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	if len(rows) == 0 {
		return nil, data.Errorf(data.EINVALID, "Trang tính \"%s\" của tệp %s trống, không có dòng nào.", sheet, f.Name)
	}
	return rows, nil
}

// mergeScan is how many rows from the top fillMerged looks at: where title and header rows are.
const mergeScan = 40

// fillMerged copies the value of each merged range that starts in the first mergeScan rows into
// every cell of the range, so that a header cell merged over two rows or several columns names
// each of them. A merged data cell below is left as Excel reads it (value in the first cell).
// Merges are a help to find the header, never a reason to refuse the sheet.
func (f *File) fillMerged(sheet string, rows [][]string) {
	for _, m := range mergedRanges(f.raw, sheet) {
		start, end, _ := strings.Cut(m, ":")
		c1, r1, err1 := excelize.CellNameToCoordinates(start)
		c2, r2, err2 := excelize.CellNameToCoordinates(end)
		if err1 != nil || err2 != nil || r1 > mergeScan || r1 > len(rows) {
			continue
		}
		v := cell(rows[r1-1], c1-1)
		for r := r1; r <= min(r2, len(rows), mergeScan); r++ {
			for c := c1; c <= c2; c++ {
				for len(rows[r-1]) < c {
					rows[r-1] = append(rows[r-1], "")
				}
				rows[r-1][c-1] = v
			}
		}
	}
}

// trimRow returns r without its trailing blank cells, each cell without surrounding space.
func trimRow(r []string) []string {
	for i, c := range r {
		r[i] = strings.TrimSpace(c)
	}
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

// cell returns the cell c of row r, "" beyond its end.
func cell(r []string, c int) string {
	if c < len(r) {
		return r[c]
	}
	return ""
}
