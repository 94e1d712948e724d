package docs_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// The fakes below give the builder one đề án, one village and one enterprise; the methods the
// builder does not call are left to the embedded nil interfaces, so calling one fails the test.

type fakeSettings struct{ data.SettingsService }

func (fakeSettings) Organisation(context.Context) (data.Organisation, error) {
	return data.DefaultOrganisation(), nil
}

type fakeProgrammes struct{ data.ProgrammeService }

func (fakeProgrammes) ProgrammeDetail(_ context.Context, id int64) (*data.ProgrammeDetail, error) {
	if id != 7 {
		return nil, data.Errorf(data.ENOTFOUND, "Không có đề án số %d.", id)
	}
	on := func(m time.Month, d int) vn.Date { return vn.Date{Year: 2026, Month: m, Day: d} }
	return &data.ProgrammeDetail{
		Programme: &data.Programme{ID: 7, Year: 2026, Code: "ĐA-01/2026", Name: "Truyền nghề gốm sứ Bát Tràng",
			Content: data.ContentTraining, Funding: data.FundingLocal, Start: on(time.February, 1), End: on(time.December, 15),
			Support: 500_000_000, Committed: 160_000_000, Paid: 100_000_000, Status: data.ProgrammeRunning,
			Targets: []data.Target{{Measure: data.MeasureTrainees, Planned: 60, Achieved: 35}}},
		Payments: []*data.Payment{
			{Kind: data.PaymentAdvance, Date: on(time.March, 5), Amount: 60_000_000, Voucher: "UNC-0031"},
			{Kind: data.PaymentFinal, Date: on(time.November, 2), Amount: 40_000_000, Voucher: "UNC-0188"},
		},
	}, nil
}

type fakeVillages struct{ data.VillageService }

var history = data.SupportHistory{
	Records: []data.SupportRecord{{Kind: data.SupportFair, Date: vn.Date{Year: 2026, Month: time.December, Day: 10}, Code: "HC-2026-003",
		Description: "Hội chợ Làng nghề Hà Nội 2026", Enterprise: "Hợp tác xã Gốm sứ Bát Tràng", Amount: 24_000_000}},
	Years: []data.YearTotal{{Year: 2026, Records: 1, Amount: 24_000_000}},
	Total: data.YearTotal{Records: 1, Amount: 24_000_000},
}

func (fakeVillages) VillageDetail(_ context.Context, id int64) (*data.VillageDetail, error) {
	return &data.VillageDetail{Village: &data.Village{ID: id, Name: "Làng gốm Bát Tràng", WardCode: "00577"}, History: history}, nil
}

func (fakeVillages) EnterpriseHistory(context.Context, int64) (*data.SupportHistory, error) {
	h := history
	return &h, nil
}

type fakeEnterprises struct{ data.EnterpriseService }

func (fakeEnterprises) FindEnterpriseByID(_ context.Context, id int64) (*data.Enterprise, error) {
	return &data.Enterprise{ID: id, Kind: data.KindCooperative, Name: "Hợp tác xã Gốm sứ Bát Tràng"}, nil
}

type fakeDivisions struct{ data.DivisionService }

func (fakeDivisions) Wards(context.Context) ([]data.Division, error) {
	return []data.Division{{Code: "00577", Kind: "xã", Name: "Bát Tràng"}}, nil
}
func (fakeDivisions) Districts(context.Context) ([]data.Division, error) { return nil, nil }

func fakeBuilder() docs.Builder {
	return docs.Builder{Settings: fakeSettings{}, Programmes: fakeProgrammes{}, Villages: fakeVillages{},
		Enterprises: fakeEnterprises{}, Divisions: fakeDivisions{}, Now: func() time.Time { return printed }}
}

func TestProgrammeDocs(t *testing.T) {
	b, ctx := fakeBuilder(), context.Background()
	sheet := pdfText(t, build(t, func(w *bytes.Buffer) error { return b.ProgrammeSheet(ctx, 7, docs.PDF, w) }), "-raw")
	contains(t, "sheet", sheet, dateLine, "THÔNG TIN ĐỀ ÁN KHUYẾN CÔNG", "Truyền nghề gốm sứ Bát Tràng", "UNC-0188")

	asOf := vn.Date{Year: 2026, Month: time.October, Day: 31}
	progress := pdfText(t, build(t, func(w *bytes.Buffer) error { return b.ProgrammeProgress(ctx, 7, asOf, docs.PDF, w) }), "-raw")
	contains(t, "progress", progress, dateLine, "(Tính đến ngày 31/10/2026)", "TỔNG CỘNG 60.000.000")
	if bytes.Contains([]byte(progress), []byte("UNC-0188")) {
		t.Error("the payment of 02/11/2026 is in the report as of 31/10/2026")
	}
	book := xlsxText(t, build(t, func(w *bytes.Buffer) error { return b.ProgrammeProgress(ctx, 7, vn.Date{}, docs.XLSX, w) }))
	contains(t, "progress workbook", book, "tính đến ngày "+vn.DateOf(printed).String())

	village := pdfText(t, build(t, func(w *bytes.Buffer) error { return b.VillageHistory(ctx, 3, docs.PDF, w) }), "-raw")
	contains(t, "village", village, "Làng gốm Bát Tràng", "Phường/xã: xã Bát Tràng", "HC-2026-003", "TỔNG CỘNG 1 0 24.000.000")
	enterprise := pdfText(t, build(t, func(w *bytes.Buffer) error { return b.EnterpriseHistory(ctx, 42, docs.PDF, w) }), "-raw")
	contains(t, "enterprise", enterprise, "Hợp tác xã Gốm sứ Bát Tràng", "Loại hình: Hợp tác xã", "Hội chợ Làng nghề Hà Nội 2026")

	var w bytes.Buffer
	for name, err := range map[string]error{
		"unknown":    b.ProgrammeSheet(ctx, 8, docs.PDF, &w),
		"csv":        b.ProgrammeSheet(ctx, 7, docs.Format(".csv"), &w),
		"tomorrow":   b.ProgrammeProgress(ctx, 7, vn.DateOf(printed).AddDays(1), docs.PDF, &w),
		"village":    b.VillageHistory(ctx, 3, docs.Format(".doc"), &w),
		"enterprise": b.EnterpriseHistory(ctx, 42, docs.Format(""), &w),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if w.Len() > 0 {
		t.Errorf("refused documents wrote %d bytes", w.Len())
	}
	if got, want := docs.KindProgrammeProgress.FileName("ĐA-01/2026", docs.PDF), "tien-do-de-an-ĐA-01-2026.pdf"; got != want {
		t.Errorf("FileName=%q, want %q", got, want)
	}
}
