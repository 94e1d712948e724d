package reports_test

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// taxCode completes nine digits into a valid tax code.
func taxCode(t *testing.T, first9 string) string {
	d, ok := vn.TaxCheckDigit(first9)
	if !ok {
		t.Fatalf("no check digit for %s", first9)
	}
	return first9 + strconv.Itoa(d)
}

// longName is a name of exactly data.MaxNameLen characters made of real words.
func longName() string {
	var b strings.Builder
	for b.Len() < 4*data.MaxNameLen {
		b.WriteString("Công ty Cổ phần Sản xuất Thương mại và Dịch vụ Mây tre đan Xuất khẩu Phú Vinh ")
	}
	name := []rune(b.String())[:data.MaxNameLen]
	name[len(name)-1] = 'X'
	return string(name)
}

// hardDoc is a short list with the names that go wrong first: stacked marks, Ỷ, đ, NFD input.
func hardDoc(t *testing.T) reports.EnterpriseListDoc {
	_, _, byCode := divisions(t)
	rows := []*data.Enterprise{
		{Kind: data.KindCooperative, Name: "Hợp tác xã Dịch vụ Nông nghiệp Ỷ La", TaxCode: "0100109106",
			Representative: vn.Name{Family: "Nguyễn", Middle: "Thị Ánh", Given: "Tuyết"}, Phone: "0912345678",
			Email: "ylahtx@gmail.com", Address: "Thôn Ỷ La", WardCode: "09556", Trade: "Dệt lụa", Workers: 1234},
		{Kind: data.KindSmall, Name: "Công ty TNHH Gốm sứ Minh Long Bát Tràng", TaxCode: taxCode(t, "010123456"),
			Representative: vn.Name{Family: norm.NFD.String("Đặng"), Middle: "Văn", Given: norm.NFD.String("Đức")},
			Phone:          "02438261234", WardCode: "00577", DistrictCode: "018", Trade: "Gốm sứ", CraftVillage: "Làng gốm Bát Tràng", Workers: 45},
		{Kind: data.KindHousehold, Name: "Hộ kinh doanh Lý Thị Hường", TaxCode: "001186012345",
			Representative: vn.Name{Family: "Lý", Middle: "Thị", Given: "Hường"}, DistrictCode: "268", Trade: "Thêu ren", Workers: 3, Archived: true},
		{Kind: data.KindEstablish, Name: longName(), Representative: vn.Name{Family: "Hồ", Middle: "Sỹ", Given: "Ước"}, WardCode: "10030", Workers: 7},
	}
	for i, e := range rows {
		if err := e.Validate(); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	return reports.EnterpriseListDoc{Org: data.DefaultOrganisation(), Date: docDate, Rows: rows, Wards: byCode}
}

func writePDF(t testing.TB, d reports.EnterpriseListDoc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteEnterpriseListPDF(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// poppler runs a poppler-utils tool on pdf and returns its output. It fails the test when the
// tool is not installed: a document nobody could read must not pass.
func poppler(t *testing.T, pdf []byte, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is not installed, so the document cannot be checked: apt-get install poppler-utils", tool)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args = append(args, path)
	if tool == "pdftotext" {
		args = append(args, "-") // to standard output
	}
	out, err := exec.Command(tool, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`\s+`)

func TestEnterpriseListPDFText(t *testing.T) {
	pdf := writePDF(t, hardDoc(t))
	layout := poppler(t, pdf, "pdftotext", "-layout")
	for _, want := range []string{
		"SỞ CÔNG THƯƠNG HÀ NỘI", "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN", "PHÁT TRIỂN CÔNG NGHIỆP HÀ NỘI",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 28 tháng 11 năm 2026",
		reports.DefaultEnterpriseListTitle, "Tên doanh nghiệp/cơ sở", "Người đại diện", "Tổng số: 4 doanh nghiệp",
	} {
		if !strings.Contains(layout, want) {
			t.Errorf("no %q in\n%s", want, layout)
		}
	}
	// Wrapped cells are read in drawing order, their lines one after the other.
	raw := spaces.ReplaceAllString(poppler(t, pdf, "pdftotext", "-raw"), " ")
	for _, want := range []string{
		"Hợp tác xã Dịch vụ Nông nghiệp Ỷ La", "Nguyễn Thị Ánh Tuyết", "Đặng Văn Đức", "Lý Thị Hường", "Hồ Sỹ Ước",
		"phường Hà Đông", "xã Bát Tràng", "quận Hà Đông (cũ)", "xã Phú Nghĩa", "Hộ kinh doanh", "Doanh nghiệp nhỏ",
		"0100109106", "001186012345", "0912 345 678", "024 3826 1234", "1.234", longName(),
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("no %q in\n%s", want, raw)
		}
	}
	if strings.Contains(raw, norm.NFD.String("Đức")) && !strings.Contains(raw, "Đức") {
		t.Error("decomposed text reached the PDF")
	}
}

func TestEnterpriseListPDFFonts(t *testing.T) {
	out := poppler(t, writePDF(t, hardDoc(t)), "pdffonts")
	var found int
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(strings.ToLower(line), "liberationserif") {
			continue
		}
		found++
		f := strings.Fields(line)
		if emb := f[len(f)-5]; emb != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
	if found != 3 {
		t.Errorf("want Liberation Serif regular, bold and italic, got\n%s", out)
	}
}

func TestEnterpriseListPDFPages(t *testing.T) {
	d := demoDoc(t, 150)
	pages := strings.Split(strings.TrimSuffix(poppler(t, writePDF(t, d), "pdftotext", "-layout"), "\f"), "\f")
	if len(pages) < 3 {
		t.Fatalf("150 enterprises on %d pages", len(pages))
	}
	for i, page := range pages {
		wantPageNumber(t, i, page)
		for _, want := range []string{"STT", "Tên doanh nghiệp/cơ sở", "Mã số thuế"} {
			if !strings.Contains(page, want) {
				t.Errorf("page %d has no %q", i+1, want)
			}
		}
		if i > 0 && strings.Contains(page, "CỘNG HÒA") {
			t.Errorf("page %d repeats the document header", i+1)
		}
	}
	if last := pages[len(pages)-1]; !strings.Contains(last, "Tổng số: 150 doanh nghiệp") || !regexp.MustCompile(`(?m)^\s*150\s`).MatchString(last) {
		t.Errorf("the last page lacks row 150 or the total:\n%s", last)
	}
}

func TestEnterpriseListPDFDeterministic(t *testing.T) {
	d := hardDoc(t)
	a, b := writePDF(t, d), writePDF(t, d)
	if !bytes.Equal(a, b) {
		t.Error("the same list gave different PDF bytes")
	}
	d.Date = d.Date.AddDays(1)
	if bytes.Equal(a, writePDF(t, d)) {
		t.Error("another date gave the same PDF bytes")
	}
}

func TestEnterpriseListEmptyAndInvalid(t *testing.T) {
	d := hardDoc(t)
	d.Rows = nil
	d.Title = "DANH SÁCH HỢP TÁC XÃ"
	d.Filter = "Loại hình: Hợp tác xã"
	text := poppler(t, writePDF(t, d), "pdftotext", "-layout")
	for _, want := range []string{"DANH SÁCH HỢP TÁC XÃ", "Loại hình: Hợp tác xã", "Tổng số: 0 doanh nghiệp"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	d.Org.Name = " "
	for name, write := range map[string]func(io.Writer, reports.EnterpriseListDoc) error{
		"PDF": reports.WriteEnterpriseListPDF, "XLSX": reports.WriteEnterpriseListXLSX,
	} {
		if err := write(io.Discard, d); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s without the centre's name: %v, want EINVALID", name, err)
		}
	}
}

// TestEnterpriseListPDFLook writes a list and a picture of its first page into $REPORTS_LOOK,
// for a person to look at.
func TestEnterpriseListPDFLook(t *testing.T) {
	dir := lookDir(t)
	d := demoDoc(t, 60)
	d.Rows = append(hardDoc(t).Rows, d.Rows...)
	d.Filter = "Ngành nghề: tất cả; phường/xã: tất cả"
	look(t, dir, "enterprise-list", writePDF(t, d), true)
}

func TestEnterpriseListXLSX(t *testing.T) {
	d := hardDoc(t)
	d.Filter = "Tất cả doanh nghiệp"
	var b bytes.Buffer
	if err := reports.WriteEnterpriseListXLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Danh sách"
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7+len(d.Rows) {
		t.Fatalf("%d rows, want the header block, the header row and %d enterprises", len(rows), len(d.Rows))
	}
	for cell, want := range map[string]string{
		"A1": "SỞ CÔNG THƯƠNG HÀ NỘI", "A4": reports.DefaultEnterpriseListTitle, "A5": "Hà Nội, ngày 28 tháng 11 năm 2026",
		"A6": "Tất cả doanh nghiệp", "B7": "Tên doanh nghiệp/cơ sở", "D7": "Mã số thuế",
		"B8": "Hợp tác xã Dịch vụ Nông nghiệp Ỷ La", "E8": "Nguyễn Thị Ánh Tuyết", "G8": "ylahtx@gmail.com", "H8": "Thôn Ỷ La", "I8": "phường Hà Đông",
		"E9": "Đặng Văn Đức", "J9": "huyện Gia Lâm", "L9": "Làng gốm Bát Tràng",
		"D10": "001186012345", "J10": "quận Hà Đông", "P10": "Đã lưu trữ", "P8": "",
	} {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	for cell, want := range map[string]string{"D8": "0100109106", "F8": "0912345678", "F9": "02438261234"} {
		got, _ := f.GetCellValue(sheet, cell)
		typ, _ := f.GetCellType(sheet, cell)
		if got != want || typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
			t.Errorf("%s = %q of type %v, want the text %q", cell, got, typ, want)
		}
	}
	for cell, want := range map[string]string{"M8": "1234", "A11": "4"} {
		got, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		typ, _ := f.GetCellType(sheet, cell)
		if got != want || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s = %q of type %v, want the number %s", cell, got, typ, want)
		}
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != 7 {
		t.Errorf("panes %+v, %v: want frozen under row 7", panes, err)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || names[0].Name != "_xlnm._FilterDatabase" || !strings.Contains(names[0].RefersTo, "$A$7:$P$11") {
		t.Errorf("defined names %+v: want an autofilter over A7:P11", names)
	}
	if w, _ := f.GetColWidth(sheet, "B"); w < 30 || w > 60 {
		t.Errorf("name column %.1f wide", w)
	}
}

func BenchmarkEnterpriseListPDF10k(b *testing.B) {
	d := demoDoc(b, 10_000)
	for b.Loop() {
		if err := reports.WriteEnterpriseListPDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnterpriseListXLSX10k(b *testing.B) {
	d := demoDoc(b, 10_000)
	for b.Loop() {
		if err := reports.WriteEnterpriseListXLSX(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestXLSXDeterministic: every workbook written twice from the same input gives the same bytes
// (the cell styles were once created in map order).
func TestXLSXDeterministic(t *testing.T) {
	fd := fairDoc()
	hd := hardDoc(t)
	for name, write := range map[string]func(io.Writer) error{
		"enterprises":  func(w io.Writer) error { return reports.WriteEnterpriseListXLSX(w, hd) },
		"participants": func(w io.Writer) error { return reports.WriteFairParticipantsXLSX(w, fd) },
		"settlement":   func(w io.Writer) error { return reports.WriteFairSettlementXLSX(w, fd) },
		"register":     func(w io.Writer) error { return reports.WriteRegisterXLSX(w, registerDoc(5)) },
	} {
		var first []byte
		for i := range 5 {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = b.Bytes()
			} else if !bytes.Equal(b.Bytes(), first) {
				t.Errorf("%s: write %d differs from the first", name, i+1)
				break
			}
		}
	}
}
