package reports_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// The Debian packages of the readers the workbooks are checked with.
const (
	openpyxlPackage    = "python3-openpyxl"
	libreOfficePackage = "libreoffice-calc-nogui"
	// systemPython is Debian's python, which has Debian's packages; the first python3 on PATH
	// may be another one.
	systemPython = "/usr/bin/python3"
)

// sheetCell is a cell as a reader understands it: its kind ("s" text, "n" number, "d" date,
// "b" boolean), its value (a date as YYYY-MM-DD) and, for numbers and dates, its number format.
type sheetCell struct {
	Kind, Value, Format string
}

func (c sheetCell) String() string {
	if c.Format == "" {
		return fmt.Sprintf("%s %q", c.Kind, c.Value)
	}
	return fmt.Sprintf("%s %q [%s]", c.Kind, c.Value, c.Format)
}

// same reports whether c and d are the same value in the same format; LibreOffice writes a
// format's letters in capitals.
func (c sheetCell) same(d sheetCell) bool {
	return c.Kind == d.Kind && c.Value == d.Value && strings.EqualFold(c.Format, d.Format)
}

// sheetCells are the non-empty cells of a workbook's first sheet by reference ("B8").
type sheetCells map[string]sheetCell

// readerWorkbooks are every workbook the package writes, from the tests' fixtures, by name.
func readerWorkbooks(t *testing.T) map[string][]byte {
	fd := fairDoc()
	empty := fairDoc()
	empty.Bookings = nil
	hd := hardDoc(t)
	hd.Filter = "Tất cả doanh nghiệp"
	books := map[string]func(io.Writer) error{
		"enterprises":        func(w io.Writer) error { return reports.WriteEnterpriseListXLSX(w, hd) },
		"enterprises-demo":   func(w io.Writer) error { return reports.WriteEnterpriseListXLSX(w, demoDoc(t, 100)) },
		"participants":       func(w io.Writer) error { return reports.WriteFairParticipantsXLSX(w, fd) },
		"settlement":         func(w io.Writer) error { return reports.WriteFairSettlementXLSX(w, fd) },
		"settlement-empty":   func(w io.Writer) error { return reports.WriteFairSettlementXLSX(w, empty) },
		"register":           func(w io.Writer) error { return reports.WriteRegisterXLSX(w, registerDoc(12)) },
		"trainees":           func(w io.Writer) error { return reports.WriteTraineeListXLSX(w, traineeDoc(t)) },
		"programme":          func(w io.Writer) error { return reports.WriteProgrammeSheetXLSX(w, programmeDoc()) },
		"progress":           func(w io.Writer) error { return reports.WriteProgrammeProgressXLSX(w, programmeDoc()) },
		"enterprise-history": func(w io.Writer) error { return reports.WriteEnterpriseHistoryXLSX(w, enterpriseHistoryDoc()) },
		"village-history":    func(w io.Writer) error { return reports.WriteVillageHistoryXLSX(w, villageHistoryDoc()) },
		"list":               func(w io.Writer) error { return reports.WriteListXLSX(w, listSheet()) },
		"import-template": func(w io.Writer) error {
			return reports.WriteImportTemplate(w, data.DefaultOrganisation(), data.ImportEnterprises, docDate)
		},
		"import-refused": func(w io.Writer) error { return reports.WriteImportRefusedXLSX(w, refusedDoc(t)) },
	}
	for name, w := range reportWriters(4) {
		books["report-"+name] = w[1]
	}
	out := map[string][]byte{}
	for name, write := range books {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = b.Bytes()
	}
	return out
}

// TestXLSXReaders opens every workbook with Python's openpyxl, and converts them all with
// LibreOffice (one soffice run) and opens the results with openpyxl, and checks that both
// read every cell as excelize wrote it: dates as dates shown dd/mm/yyyy, money and counts as
// numbers with their thousands format, Vietnamese text intact. openpyxl once refused every
// workbook (a border colour written rgb="FF") and dates were text. Without the readers the
// test fails, naming the Debian package to install.
func TestXLSXReaders(t *testing.T) {
	if out, err := exec.Command(systemPython, "-c", "import openpyxl").CombinedOutput(); err != nil {
		t.Fatalf("openpyxl cannot be imported by %s (%v %s): install the Debian package %s", systemPython, err, out, openpyxlPackage)
	}
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice's soffice is not on PATH: install the Debian package %s", libreOfficePackage)
	}
	books := readerWorkbooks(t)
	names := slices.Sorted(maps.Keys(books))
	dir := t.TempDir()
	in, lo := filepath.Join(dir, "in"), filepath.Join(dir, "lo")
	var paths []string
	for _, d := range []string{in, lo} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, n := range names {
		p := filepath.Join(in, n+".xlsx")
		if err := os.WriteFile(p, books[n], 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	// A private profile, so that runs side by side do not wait for each other's lock.
	profile := (&url.URL{Scheme: "file", Path: filepath.Join(dir, "profile")}).String()
	args := append([]string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", lo}, paths...)
	if out, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	var converted []string
	for _, n := range names {
		converted = append(converted, filepath.Join(lo, n+".xlsx"))
	}
	script := filepath.Join("testdata", "xlsx_cells.py")
	cmd := exec.CommandContext(ctx, systemPython, append([]string{script}, append(paths, converted...)...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, stderr.String())
	}
	read := map[string]map[string][]any{}
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatalf("openpyxl's output: %v", err)
	}

	cells := 0
	for i, n := range names {
		want := excelizeCells(t, books[n])
		cells += len(want)
		for ref, c := range want {
			if c.Kind == "s" && isTextDate(c.Value) {
				t.Errorf("%s: %s holds the date %s as text", n, ref, c.Value)
			}
		}
		readers := map[string]sheetCells{"openpyxl": pythonCells(t, read[paths[i]]), "LibreOffice": pythonCells(t, read[converted[i]])}
		for reader, got := range readers {
			compareCells(t, n+" read by "+reader, got, want)
		}
		readers["excelize"] = want
		for reader, got := range readers {
			for ref, w := range knownCells[n] {
				if g := got[ref]; !g.same(w) {
					t.Errorf("%s read by %s: %s is %v, want %v", n, reader, ref, g, w)
				}
			}
		}
	}
	t.Logf("%d workbooks, %d cells each read alike by excelize, openpyxl and LibreOffice", len(names), cells)
}

// textDate is the shape of a date written as text, which Excel neither sorts nor filters as a date.
var textDate = regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`)

// isTextDate reports whether v is a day that exists written as text; a cell a clerk typed as
// 31/02/1990, which the refused rows give back as it was, is no date to store as one.
func isTextDate(v string) bool {
	_, err := vn.ParseDate(v)
	return textDate.MatchString(v) && err == nil
}

// knownCells are cells of the fixtures' workbooks as a clerk means them, whatever the reader.
var knownCells = map[string]sheetCells{
	"programme": {
		"A8": {"s", "ĐA-03/2026", ""}, "G8": {"d", "2026-01-15", "dd/mm/yyyy"}, "K8": {"n", "1250000000", "#,##0"},
		"Hoạt động!E9": {"d", "2026-04-06", "dd/mm/yyyy"}, "Hoạt động!H12": {"n", "480000000", "#,##0"},
		"Thanh toán!B10": {"d", "2026-10-02", "dd/mm/yyyy"}, "Thanh toán!F11": {"n", "210000000", "#,##0"},
	},
	"village-history": {
		"B8": {"n", "2026", "0"}, "Theo năm!A9": {"n", "2025", "0"}, "C9": {"d", "2026-06-18", "dd/mm/yyyy"}, "G9": {"s", "Công ty TNHH Gốm Đức Thịnh", ""},
		"Doanh nghiệp!D9": {"s", "001182012345", ""}, "Lớp học!D8": {"d", "2026-03-02", "dd/mm/yyyy"},
	},
	"register": {
		"B8": {"s", "Nguyễn Thị Ánh Tuyết", ""}, "B9": {"s", "Ỷ La", ""}, "C8": {"d", registerDoc(3).Rows[0].Content.BirthDate.ISO(), "dd/mm/yyyy"},
		"G8": {"d", "2026-03-02", "dd/mm/yyyy"}, "J8": {"d", "2026-11-20", "dd/mm/yyyy"}, "K8": {"s", "KC-2026-000001", ""},
		"L8": {"s", "1/2026", ""}, "M8": {"d", "2026-11-28", "dd/mm/yyyy"}, "N8": {"d", "2026-12-01", "dd/mm/yyyy"},
		"N9": {}, "P9": {"s", "Đã thu hồi: Cấp nhầm người", ""}, "A19": {"n", "12", "#,##0"},
	},
	"settlement": {
		"A4": {"s", reports.FairSettlementTitle, ""}, "B8": {"s", batTrang, ""}, "E8": {"n", "30000000", "#,##0"},
		"F8": {"n", "24000000", "#,##0"}, "B12": {"s", "TỔNG CỘNG", ""}, "F12": {"n", strconv.Itoa(fairSupport), "#,##0"},
	},
	"trainees": {
		"B9": {"s", "Đặng Văn Đức", ""}, "D8": {"d", "1982-05-16", "dd/mm/yyyy"}, "D9": {"d", "2001-12-31", "dd/mm/yyyy"},
		"G8": {"s", "001182012345", ""}, "H9": {"s", "02438261234", ""}, "A10": {"n", "3", "#,##0"},
	},
	"enterprises": {
		"A5": {"s", "Hà Nội, ngày 28 tháng 11 năm 2026", ""}, "B8": {"s", "Hợp tác xã Dịch vụ Nông nghiệp Ỷ La", ""},
		"D8": {"s", "0100109106", ""}, "F9": {"s", "02438261234", ""}, "M8": {"n", "1234", "#,##0"}, "E9": {"s", "Đặng Văn Đức", ""},
	},
}

// excelizeCells are the cells of every sheet of a workbook as excelize, the writer, reads them
// back, numbers under a date format as dates: "B8" on the first sheet, "Sheet!B8" on the others.
func excelizeCells(t *testing.T, book []byte) sheetCells {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cells := sheetCells{}
	for i, sheet := range f.GetSheetList() {
		prefix := ""
		if i > 0 {
			prefix = sheet + "!"
		}
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				cells[prefix+ref] = excelizeCell(t, f, sheet, ref, v)
			}
		}
	}
	return cells
}

// excelizeCell is the cell ref of sheet, whose raw value is v, as excelize reads it back.
func excelizeCell(t *testing.T, f *excelize.File, sheet, ref, v string) sheetCell {
	t.Helper()
	typ, _ := f.GetCellType(sheet, ref)
	if typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeFormula {
		return sheetCell{Kind: "s", Value: v}
	}
	format := cellFormat(t, f, sheet, ref)
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		t.Fatalf("%s!%s: %q is not a number", sheet, ref, v)
	}
	if strings.Contains(format, "yy") {
		d, err := excelize.ExcelDateToTime(n, false)
		if err != nil {
			t.Fatal(err)
		}
		return sheetCell{"d", d.Format(time.DateOnly), format}
	}
	return sheetCell{"n", strconv.FormatFloat(n, 'f', -1, 64), format}
}

// cellFormat returns the number format of a cell, as openpyxl names the built-in ones.
func cellFormat(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	builtin := map[int]string{0: "General", 1: "0", 3: "#,##0", 49: "@"}
	format, ok := builtin[st.NumFmt]
	if !ok {
		t.Fatalf("%s: number format %d", ref, st.NumFmt)
	}
	return format
}

// pythonCells turns xlsx_cells.py's cells into sheetCells.
func pythonCells(t *testing.T, raw map[string][]any) sheetCells {
	t.Helper()
	if raw == nil {
		t.Fatal("openpyxl did not read a workbook")
	}
	cells := sheetCells{}
	for ref, v := range raw {
		c := sheetCell{Kind: fmt.Sprint(v[0])}
		switch x := v[1].(type) {
		case float64:
			c.Value = strconv.FormatFloat(x, 'f', -1, 64)
		default:
			c.Value = fmt.Sprint(x)
		}
		if len(v) > 2 {
			c.Format = fmt.Sprint(v[2])
		}
		cells[ref] = c
	}
	return cells
}

// compareCells reports the cells got reads differently from want, the first ten of them.
func compareCells(t *testing.T, what string, got, want sheetCells) {
	t.Helper()
	refs := map[string]bool{}
	for ref := range got {
		refs[ref] = true
	}
	for ref := range want {
		refs[ref] = true
	}
	var diffs []string
	for _, ref := range slices.Sorted(maps.Keys(refs)) {
		g, w := got[ref], want[ref]
		if g.same(w) {
			continue
		}
		diffs = append(diffs, fmt.Sprintf("%s: %v, want %v", ref, g, w))
	}
	if len(diffs) > 0 {
		t.Errorf("%s: %d cells differ:\n%s", what, len(diffs), strings.Join(diffs[:min(10, len(diffs))], "\n"))
	}
}
