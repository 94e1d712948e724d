package reports_test

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// traineeDoc is a short trainee list with the names that go wrong first (stacked marks, Ỷ, đ,
// NFD input), a CCCD with leading zeros, a workplace typed and one from the register, and a
// ward the catalogue does not know.
func traineeDoc(t testing.TB) reports.TraineeListDoc {
	_, _, byCode := divisions(t)
	rows := []*data.Trainee{
		{Name: vn.Name{Family: "Nguyễn", Middle: "Thị Ánh", Given: "Tuyết"}, Female: true,
			BirthDate: vn.Date{Year: 1982, Month: time.May, Day: 16}, CCCD: "001182012345", Phone: "0912345678",
			WardCode: "09556", WorkplaceID: 7},
		{Name: vn.Name{Family: norm.NFD.String("Đặng"), Middle: "Văn", Given: norm.NFD.String("Đức")},
			BirthDate: vn.Date{Year: 2001, Month: time.December, Day: 31}, CCCD: "034201000789", Phone: "02438261234",
			WardCode: "00577", Workplace: "Hộ kinh doanh Gốm Ỷ La"},
		{Name: vn.Name{Family: "Hồ", Middle: "Sỹ", Given: "Ước"}, BirthDate: vn.Date{Year: 1990, Month: time.January, Day: 2},
			WardCode: "99999"},
	}
	return reports.TraineeListDoc{Org: data.DefaultOrganisation(), Date: docDate, Rows: rows, Wards: byCode,
		Workplaces: map[int64]string{7: "Hợp tác xã Dịch vụ Nông nghiệp Ỷ La"}, Filter: "Lọc theo: tìm “ánh”"}
}

// manyTrainees is a list of n trainees, numbered in their names.
func manyTrainees(t testing.TB, n int) reports.TraineeListDoc {
	d := traineeDoc(t)
	d.Rows = nil
	for i := range n {
		d.Rows = append(d.Rows, &data.Trainee{Name: vn.Name{Family: "Lê", Middle: "Thị", Given: fmt.Sprintf("Hà %03d", i+1)},
			Female: true, BirthDate: vn.Date{Year: 1980 + i%20, Month: time.March, Day: 1 + i%28}, CCCD: fmt.Sprintf("0012%08d", i), WardCode: "00577"})
	}
	return d
}

func traineePDF(t testing.TB, d reports.TraineeListDoc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := reports.WriteTraineeListPDF(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTraineeListPDFText(t *testing.T) {
	pdf := traineePDF(t, traineeDoc(t))
	layout := poppler(t, pdf, "pdftotext", "-layout")
	for _, want := range []string{
		"SỞ CÔNG THƯƠNG HÀ NỘI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 28 tháng 11 năm 2026",
		reports.TraineeListTitle, "Lọc theo: tìm “ánh”", "STT", "Họ và tên", "Giới tính", "Ngày sinh", "CCCD",
		"Điện thoại", "Phường/xã", "Nơi làm việc", "Tổng số: 3 học viên",
	} {
		if !strings.Contains(layout, want) {
			t.Errorf("no %q in\n%s", want, layout)
		}
	}
	raw := rawText(t, pdf)
	for _, want := range []string{
		"Nguyễn Thị Ánh Tuyết", "Nữ", "16/05/1982", "001182012345", "0912 345 678", "phường Hà Đông",
		"Hợp tác xã Dịch vụ Nông nghiệp Ỷ La", "Đặng Văn Đức", "Nam", "31/12/2001", "034201000789", "024 3826 1234",
		"xã Bát Tràng", "Hộ kinh doanh Gốm Ỷ La", "Hồ Sỹ Ước", "02/01/1990", "99999",
	} {
		if !strings.Contains(raw, want) {
			t.Errorf("no %q in\n%s", want, raw)
		}
	}
	if size := poppler(t, pdf, "pdfinfo"); !strings.Contains(size, "(A4)") || !strings.Contains(size, "841.89 x 595.28") {
		t.Errorf("not A4 landscape:\n%s", size)
	}
	checkMargins(t, poppler(t, pdf, "pdftotext", "-bbox"))
}

// TestTraineeListPDFPages: a long list repeats the table's header on every page but not the
// document's, numbers the pages from the second, keeps Decree 30's margins and ends with the
// last row and the total.
func TestTraineeListPDFPages(t *testing.T) {
	pdf := traineePDF(t, manyTrainees(t, 120))
	checkMargins(t, poppler(t, pdf, "pdftotext", "-bbox"))
	pages := strings.Split(strings.TrimSuffix(poppler(t, pdf, "pdftotext", "-layout"), "\f"), "\f")
	if len(pages) < 3 {
		t.Fatalf("120 trainees on %d pages", len(pages))
	}
	for i, page := range pages {
		wantPageNumber(t, i, page)
		if !strings.Contains(page, "Họ và tên") {
			t.Errorf("page %d has no table header", i+1)
		}
		if i > 0 && strings.Contains(page, "CỘNG HÒA") {
			t.Errorf("page %d repeats the document header", i+1)
		}
	}
	if last := pages[len(pages)-1]; !strings.Contains(last, "Tổng số: 120 học viên") || !regexp.MustCompile(`(?m)^\s*120\s+Lê Thị Hà 120`).MatchString(last) {
		t.Errorf("the last page lacks row 120 or the total:\n%s", last)
	}
}

func TestTraineeListInvalidAndDeterministic(t *testing.T) {
	d := traineeDoc(t)
	if !bytes.Equal(traineePDF(t, d), traineePDF(t, d)) {
		t.Error("the same list gave different PDF bytes")
	}
	d.Org.Name = " "
	for name, write := range map[string]func(io.Writer, reports.TraineeListDoc) error{
		"PDF": reports.WriteTraineeListPDF, "XLSX": reports.WriteTraineeListXLSX,
	} {
		if err := write(io.Discard, d); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s without the centre's name: %v, want EINVALID", name, err)
		}
	}
}

func TestTraineeListXLSX(t *testing.T) {
	d := traineeDoc(t)
	var b bytes.Buffer
	if err := reports.WriteTraineeListXLSX(&b, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Danh sách"
	for cell, want := range map[string]string{
		"A4": reports.TraineeListTitle, "A6": "Lọc theo: tìm “ánh”", "B7": "Họ và tên", "D7": "Ngày sinh", "E7": "Nơi sinh",
		"F7": "Dân tộc", "G7": "CCCD", "I7": "Địa chỉ", "K7": "Nơi làm việc", "L7": "Đối tượng chính sách",
		"B8": "Nguyễn Thị Ánh Tuyết", "C8": "Nữ", "J8": "phường Hà Đông", "K8": "Hợp tác xã Dịch vụ Nông nghiệp Ỷ La",
		"B9": "Đặng Văn Đức", "C9": "Nam", "K9": "Hộ kinh doanh Gốm Ỷ La", "J10": "99999", "K10": "",
	} {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	for cell, want := range map[string]string{"G8": "001182012345", "G9": "034201000789", "H9": "02438261234"} {
		got, _ := f.GetCellValue(sheet, cell)
		typ, _ := f.GetCellType(sheet, cell)
		if got != want || typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset {
			t.Errorf("%s = %q of type %v, want the text %q", cell, got, typ, want)
		}
	}
	// A date cell: a serial number under a dd/mm/yyyy format, shown as the clerk types it.
	if got, _ := f.GetCellValue(sheet, "D8"); got != "16/05/1982" {
		t.Errorf("D8 shows %q, want 16/05/1982", got)
	}
	raw, _ := f.GetCellValue(sheet, "D8", excelize.Options{RawCellValue: true})
	if typ, _ := f.GetCellType(sheet, "D8"); raw != "30087" || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
		t.Errorf("D8 holds %q of type %v, want the date serial 30087", raw, typ)
	}
	names := f.GetDefinedName()
	if len(names) != 1 || !strings.Contains(names[0].RefersTo, "$A$7:$L$10") {
		t.Errorf("defined names %+v: want an autofilter over A7:L10", names)
	}
}
