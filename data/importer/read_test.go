package importer_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
	"khuyencong/data/importer"
)

// workbook returns an .xlsx file whose first sheet holds rows from A1, after edit (merges,
// formulas) when not nil.
func workbook(tb testing.TB, rows [][]any, edit func(f *excelize.File)) []byte {
	tb.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			tb.Fatal(err)
		}
	}
	if edit != nil {
		edit(f)
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// mustOpen opens b as a file named name and reads its first sheet.
func mustOpen(tb testing.TB, name string, b []byte) [][]string {
	tb.Helper()
	f, err := importer.Open(name, bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("Open(%s): %v", name, err)
	}
	rows, err := f.Rows(f.Sheets[0])
	if err != nil {
		tb.Fatalf("Rows: %v", err)
	}
	return rows
}

// refused asserts that opening b, or reading its first sheet, fails with EINVALID and a message
// that contains want.
func refused(t *testing.T, name string, b []byte, want string) {
	t.Helper()
	f, err := importer.Open(name, bytes.NewReader(b))
	if err == nil {
		_, err = f.Rows(f.Sheets[0])
	}
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), want) {
		t.Fatalf("Open(%s) error = %v, want EINVALID saying %q", name, err, want)
	}
}

func TestOpenRefuses(t *testing.T) {
	t.Run("RenamedPDF", func(t *testing.T) {
		refused(t, "danh-sach.xlsx", []byte("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), "là tệp PDF")
	})
	t.Run("Empty", func(t *testing.T) {
		refused(t, "trong.csv", []byte("  \n"), "trống")
	})
	t.Run("EmptySheet", func(t *testing.T) {
		refused(t, "trong.xlsx", workbook(t, nil, nil), "trống")
	})
	t.Run("PasswordProtected", func(t *testing.T) {
		f := excelize.NewFile()
		f.SetCellValue("Sheet1", "A1", "Họ và tên")
		var b bytes.Buffer
		if err := f.Write(&b, excelize.Options{Password: "bimat"}); err != nil {
			t.Fatal(err)
		}
		refused(t, "mat-khau.xlsx", b.Bytes(), "có đặt mật khẩu")
	})
	t.Run("XLS", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join("testdata", "lo-enterprises.xls"))
		if err != nil {
			t.Fatal(err)
		}
		refused(t, "cu.xls", b, "Excel 97–2003 (.xls)")
	})
	t.Run("ZipNotWorkbook", func(t *testing.T) {
		refused(t, "nen.xlsx", []byte("PK\x03\x04garbage that is not a zip"), "không mở được")
	})
}

// trainees are the rows of a list of trainees with a title over the header (on line 4).
var trainees = [][]string{
	{"SỞ CÔNG THƯƠNG HÀ NỘI"},
	{"DANH SÁCH HỌC VIÊN LỚP GỐM SỨ"},
	{},
	{"STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Điện thoại"},
	{"1", "Nguyễn Thị Ánh", "15/03/1995", "001195012345", "0912 345 678"},
	{"2", "Đặng Văn Đức", "2/9/90", "001090012345", ""},
}

// toneMarksApart returns s as Windows-1258 spells Vietnamese: letters with a circumflex, breve
// or horn precomposed (â, ă, ơ…), tone marks as combining characters after them.
func toneMarksApart(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		var base, tones []rune
		for _, m := range norm.NFD.String(string(r)) {
			if strings.ContainsRune("\u0300\u0301\u0303\u0309\u0323", m) {
				tones = append(tones, m)
			} else {
				base = append(base, m)
			}
		}
		b.WriteString(norm.NFC.String(string(base)) + string(tones))
	}
	return b.String()
}

func TestReadCSV(t *testing.T) {
	text := ""
	for _, r := range trainees {
		text += strings.Join(r, ",") + "\r\n"
	}
	win1258, err := charmap.Windows1258.NewEncoder().String(toneMarksApart(text))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(strings.ReplaceAll(text, ",", "\t"))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"UTF8":         []byte(text),
		"UTF8BOM":      append([]byte{0xEF, 0xBB, 0xBF}, text...),
		"Semicolons":   []byte(strings.ReplaceAll(text, ",", ";")),
		"Windows1258":  []byte(win1258),
		"UTF16Unicode": []byte(utf16),
	} {
		t.Run(name, func(t *testing.T) {
			rows := mustOpen(t, "hoc-vien.csv", b)
			if got, want := rows[4][1], "Nguyễn Thị Ánh"; got != want || !norm.NFC.IsNormalString(got) {
				t.Fatalf("name = %q, want %q in NFC", got, want)
			}
			if got, want := rows[5][1], "Đặng Văn Đức"; got != want {
				t.Fatalf("name = %q, want %q", got, want)
			}
			if h := importer.FindHeader(data.ImportTrainees, rows); h != 3 {
				t.Fatalf("header at index %d, want 3 (line 4)", h)
			}
		})
	}
}

func TestLocate(t *testing.T) {
	t.Run("HeaderOnLine4", func(t *testing.T) {
		rows := make([][]any, len(trainees))
		for i, r := range trainees {
			for _, c := range r {
				rows[i] = append(rows[i], c)
			}
		}
		tab, err := importer.Locate(data.ImportTrainees, mustOpen(t, "x.xlsx", workbook(t, rows, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if tab.HeaderLine != 4 || len(tab.Rows) != 2 {
			t.Fatalf("header line %d, %d rows; want 4, 2", tab.HeaderLine, len(tab.Rows))
		}
		want := []string{"", data.FieldName, data.FieldBirthDate, data.FieldCCCD, data.FieldPhone}
		if got := importer.Propose(data.ImportTrainees, tab.Header); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("Propose = %q, want %q", got, want)
		}
	})
	t.Run("MergedHeader", func(t *testing.T) {
		// Line 3 and 4 are the header: "Tên doanh nghiệp" merged over both lines, "Người đại
		// diện" merged over two columns above "Họ tên" and "Điện thoại".
		b := workbook(t, [][]any{
			{"DANH SÁCH CƠ SỞ CÔNG NGHIỆP NÔNG THÔN"},
			{},
			{"STT", "Tên doanh nghiệp", "MST", "Người đại diện", nil, "Địa chỉ"},
			{nil, nil, nil, "Họ tên", "Điện thoại", nil},
			{1, "HTX Gốm Bát Tràng", "0101 245 486", "Lê Văn Cường", "0243 874 1234", "Thôn Giang Cao"},
		}, func(f *excelize.File) {
			for _, r := range []string{"A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "A1:F1"} {
				a, b, _ := strings.Cut(r, ":")
				if err := f.MergeCell("Sheet1", a, b); err != nil {
					t.Fatal(err)
				}
			}
		})
		tab, err := importer.Locate(data.ImportEnterprises, mustOpen(t, "x.xlsx", b))
		if err != nil {
			t.Fatal(err)
		}
		got := importer.Propose(data.ImportEnterprises, tab.Header)
		want := []string{"", data.FieldName, data.FieldTaxCode, data.FieldRepresentative, data.FieldPhone, data.FieldAddress}
		if tab.HeaderLine != 4 || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("header line %d %q proposes %q; want line 4 proposing %q", tab.HeaderLine, tab.Header, got, want)
		}
	})
	t.Run("HeadersOnly", func(t *testing.T) {
		_, err := importer.Locate(data.ImportTrainees, [][]string{{"Họ và tên", "Ngày sinh"}})
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "chỉ có dòng tiêu đề") {
			t.Fatalf("err = %v, want the sheet has only a header", err)
		}
	})
	t.Run("NoHeader", func(t *testing.T) {
		_, err := importer.Locate(data.ImportTrainees, [][]string{{"abc", "def"}, {"1", "2"}})
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "Không tìm thấy dòng tiêu đề") {
			t.Fatalf("err = %v, want no header found", err)
		}
	})
}

func TestFormulaValues(t *testing.T) {
	// LibreOffice computed and stored the formulas' values (testdata/make-lo.sh).
	b, err := os.ReadFile(filepath.Join("testdata", "lo-enterprises.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows := mustOpen(t, "lo-enterprises.xlsx", b)
	tab, err := importer.Locate(data.ImportEnterprises, rows)
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, k := range importer.Propose(data.ImportEnterprises, tab.Header) {
		if k == data.FieldWorkers {
			col = i
		}
	}
	if col < 0 || tab.Rows[0][col] != "45" {
		t.Fatalf("workers column %d of %q, want the formula's value 45", col, tab.Rows[0])
	}
}

func TestSignature(t *testing.T) {
	a := importer.Signature([]string{"Họ và tên", "Ngày sinh"})
	if b := importer.Signature([]string{" HỌ VÀ TÊN ", "ngay sinh"}); a != b {
		t.Fatalf("signatures differ for the same header: %s, %s", a, b)
	}
	if b := importer.Signature([]string{"Ngày sinh", "Họ và tên"}); a == b {
		t.Fatal("signature ignores the order of columns")
	}
}

func FuzzOpen(f *testing.F) {
	f.Add([]byte("Họ và tên,Ngày sinh\nAn,1/1/1990\n"))
	f.Add([]byte("\xff\xfeH\x00"))
	f.Add([]byte("a;\"b\nc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := importer.Open("x.csv", bytes.NewReader(b))
		if err != nil {
			return
		}
		rows, err := file.Rows(file.Sheets[0])
		if err != nil {
			return
		}
		if tab, err := importer.Locate(data.ImportTrainees, rows); err == nil {
			p, err := importer.Convert(data.ImportTrainees, tab, importer.Propose(data.ImportTrainees, tab.Header), importer.Options{Today: today})
			if err == nil && len(p.Rows) == 0 {
				t.Fatal("a preview with no rows")
			}
		}
	})
}
