package reports_test

import (
	"bytes"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// reportSizes are the fixtures' sizes: nothing in the period, a few groups, and enough to run
// tables over several pages.
var reportSizes = map[string]int{"empty": 0, "small": 4, "big": 45}

// writeBoth writes a report's PDF and workbook.
func writeBoth(t *testing.T, w [2]func(io.Writer) error) (pdf, xlsx []byte) {
	t.Helper()
	var p, x bytes.Buffer
	if err := w[0](&p); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	if err := w[1](&x); err != nil {
		t.Fatalf("Excel: %v", err)
	}
	return p.Bytes(), x.Bytes()
}

// workbookFigures reads every sheet's table, rows under the header row 7: each row's figures as
// the PDF prints them (dates left out, shares as "85,3%"), and checks that each totals row
// ("TỔNG CỘNG") sums the rows above it in every column of counts and money.
func workbookFigures(t *testing.T, book []byte) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 7 {
			t.Fatalf("%s: no table", sheet)
		}
		header := rows[6]
		sums := map[int]int64{}
		for r, row := range rows[7:] {
			var figures []string
			total := slices.Contains(row, "TỔNG CỘNG")
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+8)
				typ, _ := f.GetCellType(sheet, ref)
				if v == "" || typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset || strings.Contains(strings.ToLower(header[c]), "ngày") {
					continue
				}
				x, err := strconv.ParseFloat(v, 64)
				if err != nil {
					continue // text
				}
				if strings.HasPrefix(header[c], "Tỷ lệ") {
					figures = append(figures, percentText(int64(math.Round(x*1000))))
					continue
				}
				n := int64(x)
				figures = append(figures, vn.FormatInt(n))
				if c == 0 && header[0] == "STT" {
					continue
				}
				if total {
					if sums[c] != n {
						t.Errorf("%s!%s: total %d, its rows sum to %d", sheet, ref, n, sums[c])
					}
				} else {
					sums[c] += n
				}
			}
			out = append(out, figures)
		}
	}
	return out
}

// percentText writes tenths of a percent as the PDF does.
func percentText(n int64) string {
	if n%10 == 0 {
		return vn.FormatInt(n/10) + "%"
	}
	return vn.FormatInt(n/10) + "," + strconv.FormatInt(n%10, 10) + "%"
}

// TestReportPDFMatchesExcel: the PDF of a report, read back by pdftotext, carries every figure of
// its workbook, row by row in the same order; every totals row of the workbook sums its rows;
// qpdf finds the PDF sound.
func TestReportPDFMatchesExcel(t *testing.T) {
	for size, n := range reportSizes {
		for name, w := range reportWriters(n) {
			t.Run(name+"/"+size, func(t *testing.T) {
				pdf, book := writeBoth(t, w)
				words := strings.Fields(poppler(t, pdf, "pdftotext", "-layout"))
				at := 0
				for _, row := range workbookFigures(t, book) {
					for _, fig := range row {
						i := slices.Index(words[at:], fig)
						if i < 0 {
							t.Fatalf("the PDF lacks %s (of the workbook's row %v) after word %d", fig, row, at)
						}
						at += i + 1
					}
				}
				qpdfCheck(t, pdf)
				if n == 0 && !strings.Contains(strings.Join(words, " "), "Nơi nhận:") {
					t.Errorf("a report of an empty period lacks its ending")
				}
			})
		}
	}
}

// qpdfCheck runs qpdf --check on pdf.
func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

// TestReportOfficialParts: each report is an official document: header, number, title with its
// period, scope, recipients and signer; its page numbers start on page 2.
func TestReportOfficialParts(t *testing.T) {
	for name, w := range reportWriters(45) {
		t.Run(name, func(t *testing.T) {
			pdf, _ := writeBoth(t, w)
			text := poppler(t, pdf, "pdftotext")
			for _, want := range []string{"SỞ CÔNG THƯƠNG HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
				"Số:", "/BC-TTKC", "BÁO CÁO", "quý II năm 2026", "Phạm vi: xã Bát Tràng; ngành nghề Gốm sứ", "Nơi nhận:",
				"Sở Công Thương Hà Nội (để báo cáo);", "GIÁM ĐỐC", "Nguyễn Văn Hùng", "Hà Nội, ngày 28 tháng 11 năm 2026"} {
				if !strings.Contains(text, want) {
					t.Errorf("the PDF lacks %q", want)
				}
			}
			pages := strings.Split(text, "\f")
			if len(pages) < 3 && name != "chung-chi" { // a quarter's certificates fit one page
				t.Fatalf("%d pages; the big fixture should run over several", len(pages)-1)
			}
			if len(pages) < 3 {
				return
			}
			if first := strings.Fields(pages[1]); len(first) == 0 || first[0] != "2" {
				t.Errorf("page 2 does not start with its number: %.40q", pages[1])
			}
		})
	}
}

// TestReportRefusesNothing: a document without figures is refused with a sentence.
func TestReportRefusesNothing(t *testing.T) {
	var b bytes.Buffer
	err := reports.WriteTrainingReportPDF(&b, reports.TrainingReportDoc{ReportDoc: reportHead()})
	if data.ErrorCode(err) != data.EINVALID || b.Len() != 0 {
		t.Errorf("err = %v, %d bytes written", err, b.Len())
	}
}

// TestReportLook renders every report's pages, for a person to look at (REPORTS_LOOK=folder).
func TestReportLook(t *testing.T) {
	dir := lookDir(t)
	for name, w := range reportWriters(8) {
		pdf, _ := writeBoth(t, w)
		look(t, dir, "report-"+name, pdf, false)
	}
}
