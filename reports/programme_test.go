package reports_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

func day(m time.Month, d int) vn.Date { return vn.Date{Year: 2026, Month: m, Day: d} }

// The test đề án's money: 1.250.000.000 đ of support, 480.000.000 đ committed by its four
// activities (a class beginning in September among them), 210.000.000 đ paid in three
// payments, one of them an advance of 90.000.000 đ and one, of 40.000.000 đ, dated in October.
const (
	progSupport   = 1_250_000_000
	progOwn       = 375_500_000
	progCommitted = 480_000_000
	progPaid      = 210_000_000
)

// programmeDoc is a đề án of training with three targets (one entered by hand), four linked
// activities and three payments; names carry every kind of Vietnamese mark, one in NFD.
func programmeDoc() reports.ProgrammeDoc {
	pr := &data.Programme{
		ID: 7, PlanID: 1, Year: 2026, Code: "ĐA-03/2026",
		Name:    "Đào tạo nghề gốm sứ, mây tre đan cho lao động nông thôn các xã Bát Tràng, Phú Nghĩa",
		Content: data.ContentTraining, Funding: data.FundingLocal,
		Decision: "125/QĐ-SCT", DecisionDate: day(time.January, 15), Unit: "Trung tâm Khuyến công Hà Nội",
		Start: day(time.February, 1), End: day(time.December, 15),
		Support: progSupport, Own: progOwn, Committed: progCommitted, Paid: progPaid,
		Status: data.ProgrammeRunning,
		Targets: []data.Target{
			{Measure: data.MeasureTrainees, Planned: 150, Achieved: 118},
			{Measure: data.MeasureClasses, Planned: 5, Achieved: 4},
			{Measure: data.MeasureOther, Label: "Hội thảo chuyển giao kỹ thuật men rạn", Unit: "cuộc", Planned: 2, Achieved: 1},
		},
	}
	return reports.ProgrammeDoc{
		Org: data.DefaultOrganisation(), Date: docDate,
		Detail: &data.ProgrammeDetail{
			Programme: pr,
			Activities: []data.Activity{
				{Kind: data.ActivityClass, ID: 11, Code: "LH-2026-003", Name: "Lớp truyền nghề gốm sứ Bát Tràng", Status: "Đã kết thúc",
					Start: day(time.March, 2), Committed: 160_000_000, Paid: 120_000_000, Achieved: "35 lao động"},
				{Kind: data.ActivityClass, ID: 12, Code: "LH-2026-007", Name: nfdString("Lớp truyền nghề mây tre đan xuất khẩu"), Status: "Đã kết thúc",
					Start: day(time.April, 6), Committed: 150_000_000, Paid: 90_000_000, Achieved: "42 lao động"},
				{Kind: data.ActivityClass, ID: 13, Code: "LH-2026-011", Name: "Lớp nâng cao tay nghề ươm tơ dệt lụa Vạn Phúc", Status: "Đang học",
					Start: day(time.June, 1), Committed: 95_000_000, Achieved: "41 lao động"},
				{Kind: data.ActivityClass, ID: 14, Code: "LH-2026-015", Name: "Lớp truyền nghề khảm trai Chuyên Mỹ", Status: "Đang tuyển sinh",
					Start: day(time.September, 14), Committed: 75_000_000},
			},
			Payments: []*data.Payment{
				{ID: 1, ProgrammeID: 7, Kind: data.PaymentAdvance, Date: day(time.March, 5), Amount: 90_000_000, Voucher: "UNC-0031", ClassID: 11, For: "Lớp LH-2026-003"},
				{ID: 2, ProgrammeID: 7, Kind: data.PaymentFinal, Date: day(time.June, 20), Amount: 80_000_000, Voucher: "UNC-0107", ClassID: 12, For: "Lớp LH-2026-007", Notes: "Thanh toán đợt 1"},
				{ID: 3, ProgrammeID: 7, Kind: data.PaymentFinal, Date: day(time.October, 2), Amount: 40_000_000, Voucher: "UNC-0188"},
			},
		},
	}
}

func writeDoc[D any](t testing.TB, write func(io.Writer, D) error, d D) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var programmeHead = []string{
	"SỞ CÔNG THƯƠNG HÀ NỘI", "TRUNG TÂM KHUYẾN CÔNG", "Hà Nội, ngày 28 tháng 11 năm 2026",
	"Mã đề án: ĐA-03/2026 – Kế hoạch khuyến công năm 2026",
	"Nội dung: Đào tạo nghề, truyền nghề", "Nguồn kinh phí: Khuyến công địa phương", "Trạng thái: Đang thực hiện",
	"Quyết định phê duyệt: số 125/QĐ-SCT ngày 15/01/2026", "Đơn vị thực hiện: Trung tâm Khuyến công Hà Nội",
	"Thời gian thực hiện: từ 01/02/2026 đến 15/12/2026",
}

func TestProgrammeSheetPDF(t *testing.T) {
	pdf := writeDoc(t, reports.WriteProgrammeSheetPDF, programmeDoc())
	text := raw(t, pdf)
	wantAll(t, "sheet", text, programmeHead...)
	wantAll(t, "sheet", text, reports.ProgrammeSheetTitle, "I. KINH PHÍ", "II. CHỈ TIÊU", "III. HOẠT ĐỘNG THUỘC ĐỀ ÁN", "IV. CÁC KHOẢN ĐÃ CHI",
		"Đào tạo nghề gốm sứ, mây tre đan cho lao động nông thôn", "Kinh phí khuyến công hỗ trợ (kế hoạch) 1.250.000.000",
		"Vốn đối ứng của đơn vị thụ hưởng 375.500.000", "Tổng kinh phí thực hiện đề án 1.625.500.000",
		"đã cam kết (lớp học, hội chợ, thiết bị) 480.000.000", "đã chi (tạm ứng, thanh toán) 210.000.000",
		"còn lại được chi 1.040.000.000",
		"Lao động được đào tạo lao động 150 118 78,7%", "Lớp học lớp 5 4 80%", "Hội thảo chuyển giao kỹ thuật men rạn cuộc 2 1 50%",
		"Lớp truyền nghề mây tre đan xuất khẩu", "Kết quả: 42 lao động", "TỔNG CỘNG 480.000.000 210.000.000",
		"UNC-0107", "Lớp LH-2026-007 (Thanh toán đợt 1)", "Chi chung của đề án", "TỔNG CỘNG 210.000.000", "GIÁM ĐỐC")
	if n := len(pdfPages(t, pdf)); n > 3 {
		t.Errorf("the sheet takes %d pages", n)
	}
}

// TestProgrammeProgressPDF: as of 30/09/2026 the October payment is left out, as of 31/05/2026
// the June one too; what is committed is what the store counts now.
func TestProgrammeProgressPDF(t *testing.T) {
	d := programmeDoc()
	d.AsOf = day(time.September, 30)
	text := raw(t, writeDoc(t, reports.WriteProgrammeProgressPDF, d))
	wantAll(t, "progress", text, programmeHead...)
	wantAll(t, "progress", text, reports.ProgrammeProgressTitle, "(Tính đến ngày 30/09/2026)",
		"Lao động được đào tạo lao động 150 118 32 78,7%",
		"Kinh phí khuyến công đã cam kết đồng 1.250.000.000 480.000.000 770.000.000 38,4%",
		"Kinh phí khuyến công đã giải ngân đồng 1.250.000.000 170.000.000 1.080.000.000 13,6%",
		"Đã giải ngân 170.000.000 đ (tạm ứng 90.000.000 đ, thanh toán 80.000.000 đ), đạt 13,6%",
		"còn lại 1.080.000.000 đ.", "II. CÁC KHOẢN ĐÃ CHI ĐẾN NGÀY 30/09/2026", "TỔNG CỘNG 170.000.000",
		"Số thực hiện các chỉ tiêu và kinh phí đã cam kết là số đã ghi nhận đến ngày lập báo cáo (28/11/2026); kinh phí đã giải ngân tính theo ngày chi.")
	if strings.Contains(text, "UNC-0188") {
		t.Error("the payment of 02/10/2026 is in the report as of 30/09/2026")
	}

	d.AsOf = day(time.May, 31)
	text = raw(t, writeDoc(t, reports.WriteProgrammeProgressPDF, d))
	wantAll(t, "progress as of May", text, "đã cam kết đồng 1.250.000.000 480.000.000 770.000.000 38,4%",
		"đã giải ngân đồng 1.250.000.000 90.000.000 1.160.000.000 7,2%", "TỔNG CỘNG 90.000.000")

	d.AsOf = vn.Date{} // today: everything, and no note
	text = raw(t, writeDoc(t, reports.WriteProgrammeProgressPDF, d))
	wantAll(t, "progress today", text, "(Tính đến ngày 28/11/2026)", "TỔNG CỘNG 210.000.000", "UNC-0188")
	if strings.Contains(text, "đến ngày lập báo cáo") {
		t.Error("a report as of today says its targets were counted later")
	}
}

func TestProgrammeDocsEmptyAndInvalid(t *testing.T) {
	d := programmeDoc()
	d.Detail.Activities, d.Detail.Payments, d.Detail.Programme.Targets = nil, nil, nil
	d.Detail.Programme.Status, d.Detail.Programme.CancelReason = data.ProgrammeCancelled, "Không bố trí được kinh phí"
	text := raw(t, writeDoc(t, reports.WriteProgrammeSheetPDF, d))
	wantAll(t, "empty sheet", text, "Đề án chưa có chỉ tiêu.", "Chưa có lớp học, hội chợ hay hồ sơ thiết bị nào thuộc đề án.",
		"Chưa có khoản chi nào.", "Trạng thái: Hủy", "Lý do hủy: Không bố trí được kinh phí", "GIÁM ĐỐC")
	wantAll(t, "empty progress", raw(t, writeDoc(t, reports.WriteProgrammeProgressPDF, d)), "Chưa có khoản chi nào.")

	future := programmeDoc()
	future.AsOf = docDate.AddDays(1)
	for name, bad := range map[string]reports.ProgrammeDoc{
		"NoDetail":   {Org: data.DefaultOrganisation(), Date: docDate},
		"NoOrg":      {Date: docDate, Detail: programmeDoc().Detail},
		"FutureAsOf": future,
	} {
		for _, write := range []func(io.Writer, reports.ProgrammeDoc) error{reports.WriteProgrammeSheetPDF, reports.WriteProgrammeProgressPDF,
			reports.WriteProgrammeSheetXLSX, reports.WriteProgrammeProgressXLSX} {
			var b bytes.Buffer
			if err := write(&b, bad); data.ErrorCode(err) != data.EINVALID || b.Len() > 0 {
				t.Errorf("%s: err=%v, %d bytes written; want EINVALID and nothing", name, err, b.Len())
			}
		}
	}
	var b bytes.Buffer
	err := reports.WriteProgrammeProgressPDF(&b, future)
	if msg := data.ErrorMessage(err); !strings.Contains(msg, "Ngày tính đến 29/11/2026 ở sau hôm nay (28/11/2026)") {
		t.Errorf("the message is %q", msg)
	}
}

// TestProgrammeDocsDeterministic: the same đề án gives the same bytes, run after run; excelize
// once wrote the sheets of a workbook in the order of a map.
func TestProgrammeDocsDeterministic(t *testing.T) {
	for name, write := range map[string]func(io.Writer, reports.ProgrammeDoc) error{
		"sheet": reports.WriteProgrammeSheetPDF, "progress": reports.WriteProgrammeProgressPDF,
		"sheet.xlsx": reports.WriteProgrammeSheetXLSX, "progress.xlsx": reports.WriteProgrammeProgressXLSX,
	} {
		first := writeDoc(t, write, programmeDoc())
		for range 8 {
			if !bytes.Equal(writeDoc(t, write, programmeDoc()), first) {
				t.Errorf("%s: two runs differ", name)
				break
			}
		}
	}
}

func TestProgrammeSheetXLSX(t *testing.T) {
	f := openBook(t, writeDoc(t, reports.WriteProgrammeSheetXLSX, programmeDoc()))
	if got, want := strings.Join(f.GetSheetList(), ", "), "Đề án, Chỉ tiêu, Hoạt động, Thanh toán"; got != want {
		t.Fatalf("sheets %s, want %s", got, want)
	}
	checkSheet(t, f, "Đề án", map[string]any{"A8": "ĐA-03/2026", "B8": int64(2026), "K8": int64(progSupport), "O8": int64(progSupport - progPaid),
		"A6": "Đề án ĐA-03/2026: Đào tạo nghề gốm sứ, mây tre đan cho lao động nông thôn các xã Bát Tràng, Phú Nghĩa"})
	checkSheet(t, f, "Chỉ tiêu", map[string]any{"B10": "Hội thảo chuyển giao kỹ thuật men rạn", "C8": "lao động", "E8": int64(118), "F8": "78,7%"})
	checkSheet(t, f, "Hoạt động", map[string]any{"D9": "Lớp truyền nghề mây tre đan xuất khẩu", "D12": "TỔNG CỘNG", "H12": int64(progCommitted), "I12": int64(progPaid)})
	checkSheet(t, f, "Thanh toán", map[string]any{"D8": "UNC-0031", "E10": "Chi chung của đề án", "F11": int64(progPaid)})
}

func TestProgrammeProgressXLSX(t *testing.T) {
	d := programmeDoc()
	d.AsOf = day(time.September, 30)
	f := openBook(t, writeDoc(t, reports.WriteProgrammeProgressXLSX, d))
	checkSheet(t, f, "Tiến độ", map[string]any{"A6": "Đề án ĐA-03/2026: Đào tạo nghề gốm sứ, mây tre đan cho lao động nông thôn các xã Bát Tràng, Phú Nghĩa – tính đến ngày 30/09/2026",
		"B11": "Kinh phí khuyến công đã cam kết", "E11": int64(progCommitted), "B12": "Kinh phí khuyến công đã giải ngân", "E12": int64(170_000_000),
		"F12": int64(1_080_000_000), "G12": "13,6%"})
	checkSheet(t, f, "Thanh toán", map[string]any{"F10": int64(170_000_000)})
}

// bigProgramme is a big đề án: 20 targets, activities activities and payments payments, as ten
// years' data may give one.
func bigProgramme(activities, payments int) reports.ProgrammeDoc {
	d := programmeDoc()
	pr := d.Detail.Programme
	for len(pr.Targets) < data.MaxTargets {
		pr.Targets = append(pr.Targets, data.Target{Measure: data.MeasureOther, Label: fmt.Sprintf("Chỉ tiêu phụ %d", len(pr.Targets)), Unit: "cuộc", Planned: 10, Achieved: 3})
	}
	for i := range activities {
		d.Detail.Activities = append(d.Detail.Activities, data.Activity{Kind: data.ActivityFair, Code: fmt.Sprintf("HC-2026-%03d", i),
			Name: "Hội chợ Làng nghề và Sản phẩm OCOP", Start: day(time.Month(1+i%10), 1+i%28), Committed: 1_500_000})
	}
	for i := range payments {
		d.Detail.Payments = append(d.Detail.Payments, &data.Payment{Kind: data.PaymentFinal, Date: day(time.Month(1+i%11), 1+i%28),
			Amount: 1_000_000, Voucher: fmt.Sprintf("UNC-%04d", i), For: "Gian hàng — Hợp tác xã Gốm sứ Bát Tràng"})
	}
	return d
}

// BenchmarkProgressPDF writes the progress report of a big đề án: ten years' data give a đề án
// 33 payments on average; this one has 100 activities and 200 payments (7 pages), and one of
// 1,000 payments (32 pages) shows how the time grows.
func BenchmarkProgressPDF(b *testing.B) {
	for _, n := range []int{200, 1000} {
		d := bigProgramme(100, n)
		b.Run(fmt.Sprintf("Payments%d", n), func(b *testing.B) {
			for b.Loop() {
				if err := reports.WriteProgrammeProgressPDF(io.Discard, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestProgrammePDFLook renders the programme documents and the histories for a person to look at.
func TestProgrammePDFLook(t *testing.T) {
	dir := lookDir(t)
	big := bigProgramme(40, 60)
	look(t, dir, "programme-sheet", writeDoc(t, reports.WriteProgrammeSheetPDF, programmeDoc()), false)
	look(t, dir, "programme-sheet-big", writeDoc(t, reports.WriteProgrammeSheetPDF, big), false)
	d := programmeDoc()
	d.AsOf = day(time.September, 30)
	look(t, dir, "programme-progress", writeDoc(t, reports.WriteProgrammeProgressPDF, d), false)
	look(t, dir, "programme-progress-big", writeDoc(t, reports.WriteProgrammeProgressPDF, big), false)
	look(t, dir, "enterprise-history", writeDoc(t, reports.WriteEnterpriseHistoryPDF, enterpriseHistoryDoc()), false)
	look(t, dir, "village-history", writeDoc(t, reports.WriteVillageHistoryPDF, villageHistoryDoc()), false)
}
