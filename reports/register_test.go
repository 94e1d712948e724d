package reports_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

const testPublicKey = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="

// registerDoc is a register of n certificates: the hard ones first, among them one revoked, one
// replaced and its re-issue.
func registerDoc(n int) reports.RegisterDoc {
	org := data.DefaultOrganisation()
	org.DirectorName = "Trần Văn Bình"
	var rows []*data.Certificate
	names := []string{"Nguyễn Thị Ánh Tuyết", "Ỷ La", "Đặng Văn Đức", "Trần Quốc Toản", "Lò Thị Ỷ"}
	for i := range n {
		c := &data.Certificate{ID: int64(i + 1), Status: data.CertIssued,
			Content: signed(cert(i+1, names[i%len(names)], born(1970+i%30, time.Month(1+i%12), 1+i%28)))}
		rows = append(rows, c)
	}
	rows[1].Status, rows[1].Reason, rows[1].RevokedOn = data.CertRevoked, "Cấp nhầm người", docDate
	rows[2].Status, rows[2].Reason, rows[2].ReplacedBy = data.CertReplaced, "Sai ngày sinh", fmt.Sprintf("KC-2026-%06d", n)
	rows[n-1].Content.Replaces = rows[2].Content.Serial
	rows[0].ReceivedOn = vn.Date{Year: 2026, Month: time.December, Day: 1}
	return reports.RegisterDoc{Org: org, Date: docDate, Title: "SỔ CẤP CHỨNG CHỈ NĂM 2026", Rows: rows, PublicKey: testPublicKey}
}

func writeRegister(t testing.TB, d reports.RegisterDoc) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteRegisterPDF(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRegisterPDF(t *testing.T) {
	d := registerDoc(30)
	pdf := writeRegister(t, d)
	text := raw(t, pdf)
	wantAll(t, "register", text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỔ CẤP CHỨNG CHỈ NĂM 2026",
		"STT", "Họ và tên", "Ngày sinh", "Nơi sinh", "Nghề", "Số quyết định", "Số hiệu", "Số vào sổ",
		"Ngày cấp", "Ngày nhận", "Chữ ký", "Ghi chú",
		"Nguyễn Thị Ánh Tuyết", "Ỷ La", "KC-2026-000001", "1/2026", "30/2026", "01/12/2026",
		"Đã thu hồi: Cấp nhầm người", "Cấp lại bằng số hiệu KC-2026-000030", "Cấp lại cho số hiệu KC-2026-000003",
		"Tổng số: 30 chứng chỉ (trong đó 1 đã thu hồi, 1 đã cấp lại).",
		reports.PublicKeyLabel+testPublicKey, "GIÁM ĐỐC", "Trần Văn Bình")
	// Every row is there, in order, each serial on one line.
	var serials []string
	for _, c := range d.Rows {
		serials = append(serials, c.Content.Serial)
	}
	wantOrder(t, "register", text, serials)
	for i, p := range pdfPages(t, pdf) {
		wantPageNumber(t, i, p)
	}
	if !bytes.Equal(pdf, writeRegister(t, d)) {
		t.Error("two writes of the same register differ")
	}
	out := strings.ToLower(poppler(t, pdf, "pdffonts"))
	if strings.Count(out, "liberationserif") != 3 || strings.Count(out, "identity-h       yes") != 3 {
		t.Errorf("fonts:\n%s", out)
	}
}

func TestRegisterEmptyAndInvalid(t *testing.T) {
	d := registerDoc(3)
	d.Rows = nil
	d.Title = ""
	text := raw(t, writeRegister(t, d))
	wantAll(t, "empty register", text, reports.RegisterTitle, "Tổng số: 0 chứng chỉ.")
	d.Org.City = ""
	var buf bytes.Buffer
	if err := reports.WriteRegisterPDF(&buf, d); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("no city: %v", err)
	}
	if err := reports.WriteRegisterXLSX(&buf, d); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("no city: %v", err)
	}
	if buf.Len() != 0 {
		t.Error("something was written")
	}
}

func TestRegisterXLSX(t *testing.T) {
	d := registerDoc(12)
	var buf bytes.Buffer
	if err := reports.WriteRegisterXLSX(&buf, d); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0], "") + strings.Join(rows[1], "") + strings.Join(rows[3], "") + strings.Join(rows[5], "")
	wantAll(t, "xlsx head", head, "SỞ CÔNG THƯƠNG HÀ NỘI", "SỔ CẤP CHỨNG CHỈ NĂM 2026", reports.PublicKeyLabel+testPublicKey)
	want := []string{"STT", "Họ và tên", "Ngày sinh", "Nơi sinh", "Nghề", "Khóa học", "Từ ngày", "Đến ngày", "Số quyết định",
		"Ngày quyết định", "Số hiệu", "Số vào sổ", "Ngày cấp", "Ngày nhận", "Chữ ký", "Ghi chú"}
	if got := rows[6]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("header %q", got)
	}
	first := rows[7]
	wantRow := []string{"1", "Nguyễn Thị Ánh Tuyết", d.Rows[0].Content.BirthDate.String(), "Phú Xuyên, Hà Nội", "Mây tre đan",
		"LH-2026-007", "02/03/2026", "29/05/2026", "125/QĐ-TTKC", "20/11/2026", "KC-2026-000001", "1/2026", "28/11/2026", "01/12/2026"}
	for i, w := range wantRow {
		if first[i] != w {
			t.Errorf("row 1 column %d: %q, want %q", i+1, first[i], w)
		}
	}
	if got := rows[8][15]; got != "Đã thu hồi: Cấp nhầm người" {
		t.Errorf("revoked note %q", got)
	}
	if got := rows[18][15]; got != "Cấp lại cho số hiệu KC-2026-000003" {
		t.Errorf("re-issue note %q", got)
	}
	// Serials and register numbers are text cells; dates are numbers shown as dates.
	for _, col := range []string{"K", "L"} {
		if typ, _ := f.GetCellType(sheet, col+"8"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
			t.Errorf("cell %s8 has type %v, want text", col, typ)
		}
	}
	for col, want := range map[string]string{"C": d.Rows[0].Content.BirthDate.String(), "G": "02/03/2026", "H": "29/05/2026", "J": "20/11/2026", "M": "28/11/2026", "N": "01/12/2026"} {
		typ, _ := f.GetCellType(sheet, col+"8")
		shown, _ := f.GetCellValue(sheet, col+"8")
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || shown != want {
			t.Errorf("cell %s8 is %q of type %v, want the date %s", col, shown, typ, want)
		}
	}
	if got, _ := f.GetCellValue(sheet, "N9"); got != "" {
		t.Errorf("a certificate not yet received shows %q", got)
	}
	if len(rows) != 7+12 {
		t.Errorf("%d rows, want %d", len(rows), 7+12)
	}
}

// TestRegisterRowsPerPage: a register's rows stay two lines high (the course's dates give the
// year once, the columns hold a birthplace and a decision in two lines), so that a full page
// holds at least 15 certificates; it held 10.
func TestRegisterRowsPerPage(t *testing.T) {
	pages := pdfPages(t, writeRegister(t, registerDoc(60)))
	if len(pages) < 3 {
		t.Fatalf("60 certificates on %d pages", len(pages))
	}
	// The second page is full: the first has the header, the last ones the totals kept with rows.
	if n := len(regexp.MustCompile(`(?m)^[ \t]*\d+[ \t]+\S.*KC-2026-\d{6}`).FindAllString(pages[1], -1)); n < 15 {
		t.Errorf("page 2 holds %d certificates, want at least 15:\n%s", n, pages[1])
	}
	if !strings.Contains(pages[0], "02/03–29/05/2026") {
		t.Errorf("the course's dates are not printed with the year once:\n%s", pages[0])
	}
}
