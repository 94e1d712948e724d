package reports_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// supportHistory is a history of five records over two years, newest first; with village,
// each names its enterprise.
func supportHistory(village bool) data.SupportHistory {
	on := func(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }
	recs := []data.SupportRecord{
		{Kind: data.SupportFair, Date: on(2026, time.December, 10), Code: "HC-2026-003", Description: "Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội 2026, gian A01, A02",
			Enterprise: batTrang, Programme: "ĐA-05/2026", Amount: 24_000_000},
		{Kind: data.SupportEquipment, Date: on(2026, time.June, 18), Code: "TB-2026-004", Description: "Lò nung gốm bằng khí ga 12 m³",
			Enterprise: nfdString("Công ty TNHH Gốm Đức Thịnh"), Programme: "ĐA-07/2026", Amount: 200_000_000},
		{Kind: data.SupportClassHosted, Date: on(2026, time.March, 2), Code: "LH-2026-003", Description: "Lớp truyền nghề gốm sứ Bát Tràng",
			Enterprise: batTrang, Programme: "ĐA-03/2026", People: 35, Amount: 160_000_000},
		{Kind: data.SupportTrained, Date: on(2025, time.September, 8), Code: "LH-2025-009", Description: "Lớp nâng cao tay nghề vẽ men lam",
			Enterprise: batTrang, People: 6},
		{Kind: data.SupportModel, Date: on(2025, time.May, 12), Code: "TB-2025-001", Description: "Mô hình trình diễn kỹ thuật sản xuất gốm men rạn",
			Enterprise: "Hộ kinh doanh Gốm Ỷ Lan", Programme: "ĐA-02/2025", Amount: 450_000_000},
	}
	if !village {
		for i := range recs {
			recs[i].Enterprise = ""
		}
	}
	return data.SupportHistory{
		Records: recs,
		Years: []data.YearTotal{
			{Year: 2026, Records: 3, People: 35, Amount: 384_000_000},
			{Year: 2025, Records: 2, People: 6, Amount: 450_000_000},
		},
		Total: data.YearTotal{Records: 5, People: 41, Amount: 834_000_000},
	}
}

func enterpriseHistoryDoc() reports.EnterpriseHistoryDoc {
	h := supportHistory(false)
	return reports.EnterpriseHistoryDoc{Org: data.DefaultOrganisation(), Date: docDate, History: &h,
		Enterprise: &data.Enterprise{ID: 42, Kind: data.KindCooperative, Name: batTrang, TaxCode: "0100109106",
			Representative: vn.Name{Family: "Lê", Middle: "Thị", Given: "Ửng"}, Phone: "0912345678",
			Address: "Thôn 3, xã Bát Tràng", Trade: "Gốm sứ", CraftVillage: "Làng gốm Bát Tràng", Workers: 85}}
}

func villageHistoryDoc() reports.VillageHistoryDoc {
	return reports.VillageHistoryDoc{Org: data.DefaultOrganisation(), Date: docDate, Ward: "Xã Bát Tràng",
		Detail: &data.VillageDetail{
			Village: &data.Village{ID: 3, Name: "Làng gốm Bát Tràng", Trade: "Gốm sứ", Decision: "1234/QĐ-UBND",
				RecognisedOn: vn.Date{Year: 2008, Month: time.July, Day: 14}, Households: 1250, Workers: 4800,
				ContactName: "Nguyễn Văn Ước", ContactPhone: "0243874123"},
			Enterprises: []*data.Enterprise{
				{ID: 42, Kind: data.KindCooperative, Name: batTrang, TaxCode: "0100109106", Trade: "Gốm sứ", Workers: 85},
				{ID: 43, Kind: data.KindHousehold, Name: "Hộ kinh doanh Gốm Ỷ Lan", TaxCode: "001182012345", Trade: "Gốm sứ", Workers: 7},
			},
			Classes: []*data.Class{{ID: 11, Code: "LH-2026-003", Name: "Lớp truyền nghề gốm sứ Bát Tràng", Start: vn.Date{Year: 2026, Month: time.March, Day: 2},
				End: vn.Date{Year: 2026, Month: time.April, Day: 30}, Enrolled: 35, Budget: 160_000_000, Status: data.ClassCertified}},
			Trainees: 41,
			History:  supportHistory(true),
		}}
}

func TestEnterpriseHistoryPDF(t *testing.T) {
	text := raw(t, writeDoc(t, reports.WriteEnterpriseHistoryPDF, enterpriseHistoryDoc()))
	wantAll(t, "enterprise history", text, "SỞ CÔNG THƯƠNG HÀ NỘI", "Hà Nội, ngày 28 tháng 11 năm 2026", reports.EnterpriseHistoryTitle,
		batTrang, "Loại hình: Hợp tác xã", "Mã số thuế: 0100109106", "Người đại diện: Lê Thị Ửng", "Làng nghề: Làng gốm Bát Tràng",
		"I. CÁC NỘI DUNG HỖ TRỢ ĐÃ NHẬN", "II. TỔNG HỢP THEO NĂM",
		"Hỗ trợ máy móc, thiết bị", "Lò nung gốm bằng khí ga 12 m³", "ĐA-07/2026 200.000.000",
		"Lao động được đào tạo LH-2025-009 Lớp nâng cao tay nghề vẽ men lam 6 0",
		"TỔNG CỘNG 41 834.000.000", "2026 3 35 384.000.000", "2025 2 6 450.000.000", "TỔNG CỘNG 5 41 834.000.000", "GIÁM ĐỐC")
}

func TestVillageHistoryPDF(t *testing.T) {
	text := raw(t, writeDoc(t, reports.WriteVillageHistoryPDF, villageHistoryDoc()))
	wantAll(t, "village history", text, reports.VillageHistoryTitle, "Làng gốm Bát Tràng", "Ngành nghề: Gốm sứ", "Phường/xã: Xã Bát Tràng",
		"Công nhận làng nghề: Quyết định số 1234/QĐ-UBND ngày 14/07/2008", "Số hộ làm nghề: 1.250", "Số lao động làm nghề: 4.800",
		"Người liên hệ: Nguyễn Văn Ước, điện thoại", "I. DOANH NGHIỆP, CƠ SỞ THUỘC LÀNG NGHỀ", "Hộ kinh doanh Gốm Ỷ Lan",
		"II. LỚP HỌC TỔ CHỨC CHO LÀNG NGHỀ", "LH-2026-003 Lớp truyền nghề gốm sứ Bát Tràng 02/03/2026 – 30/04/2026 35 160.000.000",
		"Số người được đào tạo: 41 người.", "III. CÁC NỘI DUNG HỖ TRỢ ĐÃ NHẬN", "Công ty TNHH Gốm Đức Thịnh", "IV. TỔNG HỢP THEO NĂM",
		"TỔNG CỘNG 5 41 834.000.000", "GIÁM ĐỐC")
}

func TestHistoryEmptyAndInvalid(t *testing.T) {
	e := enterpriseHistoryDoc()
	e.History = &data.SupportHistory{}
	wantAll(t, "empty enterprise history", raw(t, writeDoc(t, reports.WriteEnterpriseHistoryPDF, e)),
		"Chưa nhận hỗ trợ khuyến công nào.", "Chưa có năm nào được hỗ trợ.", "GIÁM ĐỐC")
	v := villageHistoryDoc()
	v.Detail = &data.VillageDetail{Village: &data.Village{Name: "Làng lụa Vạn Phúc"}}
	wantAll(t, "empty village history", raw(t, writeDoc(t, reports.WriteVillageHistoryPDF, v)),
		"Chưa có doanh nghiệp, cơ sở nào thuộc làng nghề.", "Chưa có lớp học nào tổ chức cho làng nghề.", "Số người được đào tạo: 0 người.")

	for _, write := range []func(io.Writer, reports.EnterpriseHistoryDoc) error{reports.WriteEnterpriseHistoryPDF, reports.WriteEnterpriseHistoryXLSX} {
		var b bytes.Buffer
		if err := write(&b, reports.EnterpriseHistoryDoc{Org: data.DefaultOrganisation(), Date: docDate}); data.ErrorCode(err) != data.EINVALID || b.Len() > 0 {
			t.Errorf("no enterprise: err=%v, %d bytes", err, b.Len())
		}
	}
	for _, write := range []func(io.Writer, reports.VillageHistoryDoc) error{reports.WriteVillageHistoryPDF, reports.WriteVillageHistoryXLSX} {
		var b bytes.Buffer
		if err := write(&b, reports.VillageHistoryDoc{Org: data.DefaultOrganisation(), Date: docDate}); data.ErrorCode(err) != data.EINVALID || b.Len() > 0 {
			t.Errorf("no village: err=%v, %d bytes", err, b.Len())
		}
	}
}

func TestHistoryXLSX(t *testing.T) {
	f := openBook(t, writeDoc(t, reports.WriteEnterpriseHistoryXLSX, enterpriseHistoryDoc()))
	if got := strings.Join(f.GetSheetList(), ", "); got != "Hỗ trợ, Theo năm" {
		t.Errorf("enterprise sheets: %s", got)
	}
	checkSheet(t, f, "Hỗ trợ", map[string]any{"A6": "Doanh nghiệp: " + batTrang + " (mã số thuế 0100109106)",
		"B9": int64(2026), "F9": "Lò nung gốm bằng khí ga 12 m³", "G9": "ĐA-07/2026", "D13": "TỔNG CỘNG", "H13": int64(41), "I13": int64(834_000_000)})
	checkSheet(t, f, "Theo năm", map[string]any{"A9": int64(2025), "D9": int64(450_000_000), "B10": int64(5), "D10": int64(834_000_000)})

	f = openBook(t, writeDoc(t, reports.WriteVillageHistoryXLSX, villageHistoryDoc()))
	if got := strings.Join(f.GetSheetList(), ", "); got != "Hỗ trợ, Theo năm, Doanh nghiệp, Lớp học" {
		t.Errorf("village sheets: %s", got)
	}
	checkSheet(t, f, "Hỗ trợ", map[string]any{"G9": "Công ty TNHH Gốm Đức Thịnh", "J13": int64(834_000_000)})
	checkSheet(t, f, "Doanh nghiệp", map[string]any{"B9": "Hộ kinh doanh Gốm Ỷ Lan", "D9": "001182012345"})
	checkSheet(t, f, "Lớp học", map[string]any{"B8": "LH-2026-003", "F8": int64(35), "G8": int64(160_000_000)})
}
