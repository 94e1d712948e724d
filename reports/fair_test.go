package reports_test

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// testFair is a domestic fair: 80% of the fee supported, at most 12.000.000 đ a booth and
// 24.000.000 đ an enterprise.
func testFair() *data.Fair {
	return &data.Fair{
		ID: 3, Code: "HC-2026-003", Name: "Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội 2026",
		Kind: data.FairDomestic, Organiser: "Sở Công Thương Hà Nội",
		Venue: "Cung Văn hóa Lao động Hữu nghị Việt Xô, 91 Trần Hưng Đạo", City: "Hà Nội", Country: "Việt Nam",
		Start: vn.Date{Year: 2026, Month: time.December, Day: 10}, End: vn.Date{Year: 2026, Month: time.December, Day: 14},
		Deadline:   vn.Date{Year: 2026, Month: time.November, Day: 30},
		BoothPrice: 15_000_000, Rule: data.DefaultFairSettings().Rules[data.FairDomestic], Status: data.FairOpen,
	}
}

// booking is an enterprise's booking of the test fair with its money computed by the rule from
// the booths' fees.
func booking(id int64, name string, status data.BookingStatus, products string, booths []string, fees ...int64) *data.Booking {
	b := &data.Booking{ID: id, FairID: 3, EnterpriseID: 100 + id, EnterpriseName: name, BoothsWanted: max(1, len(booths)),
		Products: products, Status: status, Booths: booths, Rule: testFair().Rule}
	for _, f := range fees {
		b.Fee += f
	}
	b.Support, b.OwnShare = b.Rule.Support(fees)
	return b
}

const (
	batTrang = "Hợp tác xã Gốm sứ Bát Tràng"
	phuVinh  = "Công ty TNHH Mây tre đan Phú Vinh"
	haThai   = "Công ty Cổ phần Sơn mài Hạ Thái"
	vanPhuc  = "Cơ sở Lụa Vạn Phúc"
)

// fairDoc is the test fair with bookings in every state: two cancelled or waiting ones that no
// document may count, one without booths yet, one in NFD and one with long texts.
func fairDoc() reports.FairDoc {
	long := booking(6, "Công ty Trách nhiệm hữu hạn Một thành viên Sản xuất và Thương mại Hàng thủ công mỹ nghệ Xuất khẩu Chương Mỹ",
		data.BookingConfirmed, "Bàn ghế gỗ mỹ nghệ khảm trai, tranh sơn mài, bình phong, hộp đựng trang sức và đồ lưu niệm cho khách du lịch",
		[]string{"B10"}, 18_000_000)
	return reports.FairDoc{
		Org:  data.DefaultOrganisation(),
		Date: docDate,
		Fair: testFair(),
		Bookings: []*data.Booking{
			booking(1, batTrang, data.BookingConfirmed, "Bình gốm men lam, ấm chén, lọ hoa", []string{"A01", "A02"}, 15_000_000, 15_000_000),
			booking(2, nfdString(phuVinh), data.BookingAttended, nfdString("Giỏ, làn, khay mây tre đan"), []string{"A03"}, 12_000_000),
			func() *data.Booking {
				b := booking(3, haThai, data.BookingCancelled, "Tranh sơn mài", nil, 15_000_000)
				b.CancelReason = "Doanh nghiệp xin rút"
				return b
			}(),
			booking(4, vanPhuc, data.BookingWaiting, "Khăn lụa, áo dài", nil),
			booking(5, "Hộ kinh doanh Nón lá Chuông", data.BookingRegistered, "Nón lá", nil),
			long,
		},
	}
}

// The test fair's active bookings: 5 booths, 60.000.000 đ of fees, 45.600.000 đ of support
// (24 + 9,6 + 12 million) and 14.400.000 đ paid by the enterprises.
const (
	fairBooths   = 5
	fairFees     = 60_000_000
	fairSupport  = 45_600_000
	fairOwnShare = 14_400_000
)

func writeFairPDF(t testing.TB, write func(io.Writer, reports.FairDoc) error, d reports.FairDoc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeLetter(t testing.TB, d reports.FairDoc, b *data.Booking) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteBookingConfirmationPDF(&buf, d, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawText is the PDF's text with all white space made one space.
func rawText(t *testing.T, pdf []byte) string {
	return strings.TrimSpace(spaces.ReplaceAllString(poppler(t, pdf, "pdftotext", "-raw"), " "))
}

func TestBookingConfirmationPDF(t *testing.T) {
	d := fairDoc()
	d.Org.Address, d.Org.Phone, d.Org.DirectorName = "15 Phố Huế, phường Hai Bà Trưng, Hà Nội", "024 3825 1234", "Nguyễn Văn Hùng"
	text := rawText(t, writeLetter(t, d, d.Bookings[0]))
	for _, want := range []string{
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Hà Nội, ngày 28 tháng 11 năm 2026",
		"V/v xác nhận tham gia Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội 2026",
		"Kính gửi: " + batTrang,
		"Cung Văn hóa Lao động Hữu nghị Việt Xô, 91 Trần Hưng Đạo, Hà Nội",
		"từ ngày 10/12/2026 đến ngày 14/12/2026",
		"Gian hàng: 2 gian, số A01, A02.",
		"Phí gian hàng: 30.000.000 đ.",
		"Kinh phí Trung tâm hỗ trợ: 24.000.000 đ (hỗ trợ 80% phí gian hàng, tối đa 12.000.000 đ/gian, tối đa 24.000.000 đ/doanh nghiệp).",
		"Doanh nghiệp tự chi trả: 6.000.000 đ.",
		"Sản phẩm trưng bày: Bình gốm men lam, ấm chén, lọ hoa;", "Catalogue", "Giấy tờ",
		"Trung tâm xác nhận " + batTrang + " đã đăng ký tham gia",
		"Mọi chi tiết xin liên hệ Trung tâm, địa chỉ: 15 Phố Huế, phường Hai Bà Trưng, Hà Nội, điện thoại: 024 3825 1234.",
		"Trân trọng./.", "Nơi nhận:", "GIÁM ĐỐC", "Nguyễn Văn Hùng",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the letter:\n%s", want, text)
		}
	}

	// The NFD name comes out NFC; a single booth at 12.000.000 đ is supported 80%.
	text = rawText(t, writeLetter(t, d, d.Bookings[1]))
	for _, want := range []string{"Kính gửi: " + phuVinh, "Gian hàng: 1 gian, số A03.", "Phí gian hàng: 12.000.000 đ.",
		"Kinh phí Trung tâm hỗ trợ: 9.600.000 đ", "Doanh nghiệp tự chi trả: 2.400.000 đ.", "Giỏ, làn, khay mây tre đan"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the letter:\n%s", want, text)
		}
	}

	// Booths not assigned yet; a booking abroad beyond the yearly limit has no support.
	b := d.Bookings[4]
	b.WithoutSupport = true
	text = rawText(t, writeLetter(t, d, b))
	for _, want := range []string{"Gian hàng: 1 gian; số gian hàng sẽ được Trung tâm thông báo sau.", "Kinh phí hỗ trợ: không", "Phí gian hàng: 0 đ."} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the letter:\n%s", want, text)
		}
	}
}

func TestBookingConfirmationInvalid(t *testing.T) {
	d := fairDoc()
	for _, b := range []*data.Booking{nil, d.Bookings[2], d.Bookings[3]} {
		if err := reports.WriteBookingConfirmationPDF(io.Discard, d, b); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("letter for %+v: %v, want EINVALID", b, err)
		}
	}
	d.Fair = nil
	if err := reports.WriteBookingConfirmationPDF(io.Discard, d, fairDoc().Bookings[0]); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("letter without a fair: %v, want EINVALID", err)
	}
	for name, write := range map[string]func(io.Writer, reports.FairDoc) error{
		"participants PDF": reports.WriteFairParticipantsPDF, "participants XLSX": reports.WriteFairParticipantsXLSX,
		"settlement PDF": reports.WriteFairSettlementPDF, "settlement XLSX": reports.WriteFairSettlementXLSX,
	} {
		if err := write(io.Discard, d); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s without a fair: %v, want EINVALID", name, err)
		}
		e := fairDoc()
		e.Org.Name = ""
		if err := write(io.Discard, e); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s without the centre's name: %v, want EINVALID", name, err)
		}
	}
}

func TestFairParticipantsPDF(t *testing.T) {
	pdf := writeFairPDF(t, reports.WriteFairParticipantsPDF, fairDoc())
	text := rawText(t, pdf)
	for _, want := range []string{
		reports.FairParticipantsTitle, "Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội 2026",
		batTrang, phuVinh, "Hộ kinh doanh Nón lá Chuông", "Chương Mỹ", "A01, A02", "A03", "B10", "Chưa bố trí",
		"Đã xác nhận", "Đã tham gia", "Đăng ký",
		"Tổng số: 4 doanh nghiệp, 5 gian hàng.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the list:\n%s", want, text)
		}
	}
	for _, gone := range []string{"Hạ Thái", "Vạn Phúc", "Đã hủy", "Danh sách chờ"} {
		if strings.Contains(text, gone) {
			t.Errorf("the list shows %q, which does not take part", gone)
		}
	}
}

// totalsLine returns the TỔNG CỘNG row of a settlement's text, its white space made one space.
func totalsLine(t *testing.T, pdf []byte) string {
	for _, line := range strings.Split(poppler(t, pdf, "pdftotext", "-layout"), "\n") {
		if strings.Contains(line, "TỔNG CỘNG") {
			return strings.TrimSpace(spaces.ReplaceAllString(line, " "))
		}
	}
	t.Fatal("no TỔNG CỘNG row")
	return ""
}

func TestFairSettlementPDF(t *testing.T) {
	pdf := writeFairPDF(t, reports.WriteFairSettlementPDF, fairDoc())
	text := rawText(t, pdf)
	for _, want := range []string{
		reports.FairSettlementTitle, "Phí gian hàng (đồng)", "Kinh phí hỗ trợ (đồng)",
		batTrang, phuVinh, "A01, A02", "30.000.000", "24.000.000", "6.000.000", "12.000.000", "9.600.000", "2.400.000",
		"NGƯỜI LẬP BIỂU", "KẾ TOÁN", "GIÁM ĐỐC", "Hà Nội, ngày 28 tháng 11 năm 2026",
		"Tổng kinh phí hỗ trợ bằng chữ: Bốn mươi lăm triệu sáu trăm nghìn đồng.", // fairSupport
		"Mức hỗ trợ áp dụng: hỗ trợ 80% phí gian hàng, tối đa 12.000.000 đ/gian, tối đa 24.000.000 đ/doanh nghiệp.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the settlement:\n%s", want, text)
		}
	}
	for _, gone := range []string{"Hạ Thái", "Vạn Phúc"} {
		if strings.Contains(text, gone) {
			t.Errorf("the settlement counts %q, whose booking is not active", gone)
		}
	}
	want := fmt.Sprintf("TỔNG CỘNG %d %s %s %s", fairBooths, vn.FormatInt(fairFees), vn.FormatInt(fairSupport), vn.FormatInt(fairOwnShare))
	if got := totalsLine(t, pdf); got != want {
		t.Errorf("totals row %q, want %q", got, want)
	}
}

// manyBookings is a fair with n bookings of one to three booths at prices from 9 to 20 million,
// every seventh cancelled.
func manyBookings(n int) (reports.FairDoc, settlementSums) {
	d := fairDoc()
	d.Bookings = nil
	var s settlementSums
	for i := range n {
		status := data.BookingConfirmed
		if i%7 == 6 {
			status = data.BookingCancelled
		}
		var booths []string
		var fees []int64
		for j := range 1 + i%3 {
			booths = append(booths, fmt.Sprintf("%c%03d", 'A'+rune(i%5), 3*i+j))
			fees = append(fees, int64(9_000_000+(i*7+j)%12*1_000_000))
		}
		b := booking(int64(i+1), fmt.Sprintf("Công ty TNHH Làng nghề Số %d Đông Anh", i+1), status, "Sản phẩm thủ công mỹ nghệ", booths, fees...)
		d.Bookings = append(d.Bookings, b)
		if status.Active() {
			s.n++
			s.booths += len(booths)
			s.fee += b.Fee
			s.support += b.Support
			s.own += b.OwnShare
		}
	}
	return d, s
}

type settlementSums struct {
	n, booths         int
	fee, support, own int64
}

func TestFairSettlementPDFPages(t *testing.T) {
	d, s := manyBookings(500)
	pdf := writeFairPDF(t, reports.WriteFairSettlementPDF, d)
	pages := strings.Split(strings.TrimSuffix(poppler(t, pdf, "pdftotext", "-layout"), "\f"), "\f")
	if len(pages) < 10 {
		t.Fatalf("500 bookings on %d pages", len(pages))
	}
	for i, page := range pages {
		wantPageNumber(t, i, page)
		for _, want := range []string{"Doanh nghiệp tự chi"} {
			if !strings.Contains(page, want) {
				t.Errorf("page %d has no %q", i+1, want)
			}
		}
	}
	last := pages[len(pages)-1]
	if !strings.Contains(last, "TỔNG CỘNG") || !strings.Contains(last, "GIÁM ĐỐC") || !regexp.MustCompile(`(?m)^\s*`+strconv.Itoa(s.n)+`\s`).MatchString(last) {
		t.Errorf("the last page lacks row %d, the totals or the signatures:\n%s", s.n, last)
	}
	want := fmt.Sprintf("TỔNG CỘNG %s %s %s %s", vn.FormatInt(int64(s.booths)), vn.FormatInt(s.fee), vn.FormatInt(s.support), vn.FormatInt(s.own))
	if got := totalsLine(t, pdf); got != want {
		t.Errorf("totals row %q, want %q", got, want)
	}
	if strings.Contains(strings.Join(pages, ""), "Số 7 Đông Anh") {
		t.Error("a cancelled booking is in the settlement")
	}
}

func TestFairPDFFonts(t *testing.T) {
	d := fairDoc()
	for name, pdf := range map[string][]byte{
		"letter":       writeLetter(t, d, d.Bookings[0]),
		"participants": writeFairPDF(t, reports.WriteFairParticipantsPDF, d),
		"settlement":   writeFairPDF(t, reports.WriteFairSettlementPDF, d),
	} {
		checkFonts(t, name, pdf)
	}
}

// checkFonts checks that the PDF uses Liberation Serif regular, bold and italic, embedded.
func checkFonts(t *testing.T, name string, pdf []byte) {
	t.Helper()
	out := poppler(t, pdf, "pdffonts")
	found := 0
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(strings.ToLower(line), "liberationserif") {
			continue
		}
		found++
		if f := strings.Fields(line); f[len(f)-5] != "yes" {
			t.Errorf("%s: font not embedded: %s", name, line)
		}
	}
	if found != 3 {
		t.Errorf("%s: want Liberation Serif regular, bold and italic, got\n%s", name, out)
	}
}

func TestFairPDFDeterministic(t *testing.T) {
	d := fairDoc()
	for name, write := range map[string]func(io.Writer, reports.FairDoc) error{
		"participants": reports.WriteFairParticipantsPDF, "settlement": reports.WriteFairSettlementPDF,
		"letter": func(w io.Writer, d reports.FairDoc) error {
			return reports.WriteBookingConfirmationPDF(w, d, d.Bookings[0])
		},
	} {
		if !bytes.Equal(writeFairPDF(t, write, d), writeFairPDF(t, write, d)) {
			t.Errorf("%s: the same fair gave different bytes", name)
		}
	}
}

func openXLSX(t *testing.T, write func(io.Writer, reports.FairDoc) error, d reports.FairDoc) *excelize.File {
	t.Helper()
	return openBook(t, writeFairPDF(t, write, d))
}

// checkNumbers checks that the cells of a one-sheet workbook hold the numbers given, as numbers.
func checkNumbers(t *testing.T, f *excelize.File, want map[string]int64) {
	t.Helper()
	cells := map[string]any{}
	for ref, n := range want {
		cells[ref] = n
	}
	checkSheet(t, f, "Danh sách", cells)
}

// checkTexts checks that the cells of a one-sheet workbook hold the texts given.
func checkTexts(t *testing.T, f *excelize.File, want map[string]string) {
	t.Helper()
	cells := map[string]any{}
	for ref, s := range want {
		cells[ref] = s
	}
	checkSheet(t, f, "Danh sách", cells)
}

// checkSheet checks that the cells of a sheet hold what want gives: an int64 as a number, a
// string as that text.
func checkSheet(t *testing.T, f *excelize.File, sheet string, want map[string]any) {
	t.Helper()
	for cell, w := range want {
		switch w := w.(type) {
		case int64:
			got, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			typ, _ := f.GetCellType(sheet, cell)
			if got != strconv.FormatInt(w, 10) || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset && typ != excelize.CellTypeFormula) {
				t.Errorf("%s!%s = %q of type %v, want the number %d", sheet, cell, got, typ, w)
			}
		case string:
			if got, _ := f.GetCellValue(sheet, cell); got != w {
				t.Errorf("%s!%s = %q, want %q", sheet, cell, got, w)
			}
		default:
			t.Fatalf("%s!%s: cannot check a %T", sheet, cell, w)
		}
	}
}

// openBook opens a workbook's bytes.
func openBook(t *testing.T, book []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestFairSettlementXLSX(t *testing.T) {
	f := openXLSX(t, reports.WriteFairSettlementXLSX, fairDoc())
	rows, err := f.GetRows("Danh sách")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7+4+1 {
		t.Fatalf("%d rows, want the header block, the header row, 4 active bookings and the totals", len(rows))
	}
	checkTexts(t, f, map[string]string{
		"A4": reports.FairSettlementTitle, "A6": "Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội 2026 - Cung Văn hóa Lao động Hữu nghị Việt Xô, 91 Trần Hưng Đạo, Hà Nội; từ ngày 10/12/2026 đến ngày 14/12/2026",
		"B7": "Doanh nghiệp", "F7": "Kinh phí hỗ trợ (đồng)",
		"B8": batTrang, "D8": "A01, A02", "B9": phuVinh, "B10": "Hộ kinh doanh Nón lá Chuông", "D10": "", "B12": "TỔNG CỘNG",
	})
	checkNumbers(t, f, map[string]int64{
		"A8": 1, "C8": 2, "E8": 30_000_000, "F8": 24_000_000, "G8": 6_000_000,
		"E9": 12_000_000, "F9": 9_600_000, "G9": 2_400_000, "A11": 4,
		"C12": fairBooths, "E12": fairFees, "F12": fairSupport, "G12": fairOwnShare,
	})
	for cell, want := range map[string]string{"E12": "SUM(E8:E11)", "F12": "SUM(F8:F11)", "G12": "SUM(G8:G11)", "C12": "SUM(C8:C11)"} {
		if got, _ := f.GetCellFormula("Danh sách", cell); got != want {
			t.Errorf("%s formula %q, want %q", cell, got, want)
		}
	}
	names := f.GetDefinedName()
	if len(names) != 1 || !strings.Contains(names[0].RefersTo, "$A$7:$G$11") {
		t.Errorf("defined names %+v: want an autofilter over A7:G11, without the totals", names)
	}
}

func TestFairParticipantsXLSX(t *testing.T) {
	f := openXLSX(t, reports.WriteFairParticipantsXLSX, fairDoc())
	checkTexts(t, f, map[string]string{
		"A4": reports.FairParticipantsTitle, "B8": batTrang, "D8": "A01, A02", "E9": "Giỏ, làn, khay mây tre đan", "F9": "Đã tham gia",
		"F10": "Đăng ký", "B12": "Tổng cộng: 4 doanh nghiệp", "B13": "",
	})
	checkNumbers(t, f, map[string]int64{"A8": 1, "C8": 2, "C9": 1, "C12": fairBooths})

	d := fairDoc()
	d.Bookings = nil // an empty fair still gives a workbook with its totals
	f = openXLSX(t, reports.WriteFairSettlementXLSX, d)
	checkTexts(t, f, map[string]string{"B8": "TỔNG CỘNG"})
	checkNumbers(t, f, map[string]int64{"F8": 0})
}

// TestFairPDFLook writes the fair's three PDFs and a picture of each first page into
// $REPORTS_LOOK, for a person to look at.
func TestFairPDFLook(t *testing.T) {
	dir := lookDir(t)
	d := fairDoc()
	d.Org.Address, d.Org.Phone, d.Org.DirectorName = "15 Phố Huế, phường Hai Bà Trưng, Hà Nội", "024 3825 1234", "Nguyễn Văn Hùng"
	many, _ := manyBookings(40)
	d.Bookings = append(d.Bookings, many.Bookings...)
	look(t, dir, "fair-letter", writeLetter(t, d, d.Bookings[0]), true)
	look(t, dir, "fair-participants", writeFairPDF(t, reports.WriteFairParticipantsPDF, d), true)
	look(t, dir, "fair-settlement", writeFairPDF(t, reports.WriteFairSettlementPDF, d), true)
}

func BenchmarkFairSettlementPDF500(b *testing.B) {
	d, _ := manyBookings(500)
	for b.Loop() {
		if err := reports.WriteFairSettlementPDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
