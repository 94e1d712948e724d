package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/sqlite"
	"khuyencong/data/vn"
)

// programmeSample is what addProgrammes adds to a seeded database: a running đề án with a class
// and a payment, the same code in the next year's plan, and a craft village with an enterprise.
type programmeSample struct {
	programme  *data.Programme
	village    *data.Village
	enterprise *data.Enterprise
}

// addProgrammes adds the sample to the store: the sample of kc seed --demo has no đề án nor
// villages yet.
func addProgrammes(t *testing.T, ctx context.Context, store *sqlite.DB) programmeSample {
	t.Helper()
	ctx = data.WithUser(ctx, "tester")
	on := func(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }
	var s programmeSample
	for _, year := range []int{2026, 2027} {
		plan := &data.Plan{Year: year, Name: "Kế hoạch khuyến công thành phố Hà Nội năm " + strconv.Itoa(year)}
		if err := store.SavePlan(ctx, plan); err != nil {
			t.Fatal(err)
		}
		p := &data.Programme{PlanID: plan.ID, Code: "ĐA-01", Name: "Đào tạo nghề gốm sứ, sơn mài cho lao động nông thôn",
			Content: data.ContentTraining, Funding: data.FundingLocal, Decision: "56/QĐ-SCT", DecisionDate: on(year, time.January, 15),
			Unit: "Trung tâm Khuyến công Hà Nội", Start: on(year, time.February, 1), End: on(year, time.December, 15),
			Support: 800_000_000, Own: 120_000_000, Targets: []data.Target{{Measure: data.MeasureTrainees, Planned: 150}}}
		if err := store.CreateProgramme(ctx, p); err != nil {
			t.Fatal(err)
		}
		if year == 2026 {
			s.programme = p
		}
	}
	p := s.programme
	for _, to := range []data.ProgrammeStatus{data.ProgrammeApproved, data.ProgrammeRunning} {
		var err error
		if p, err = store.SetProgrammeStatus(ctx, p.ID, p.Version, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	s.programme = p
	class, err := store.FindClassByCode(ctx, "LH-2026-006")
	if err != nil {
		t.Fatal(err)
	}
	class.ProgrammeID = p.ID
	if err := store.UpdateClass(ctx, class); err != nil {
		t.Fatal(err)
	}
	for _, pay := range []*data.Payment{
		{ProgrammeID: p.ID, Kind: data.PaymentAdvance, Date: on(2026, time.October, 20), Amount: 50_000_000, Voucher: "UNC-0031", ClassID: class.ID},
		{ProgrammeID: p.ID, Kind: data.PaymentFinal, Date: on(2026, time.November, 20), Amount: 12_500_000, Voucher: "UNC-0188"},
	} {
		if err := store.AddPayment(ctx, pay); err != nil {
			t.Fatal(err)
		}
	}
	s.village = &data.Village{Name: "Làng sơn mài Hạ Thái", Trade: "Sơn mài", Decision: "1234/QĐ-UBND", RecognisedOn: on(2008, time.July, 14),
		Households: 320, Workers: 900, ContactName: "Nguyễn Văn Ước"}
	if err := store.CreateVillage(ctx, s.village); err != nil {
		t.Fatal(err)
	}
	es, err := store.FindEnterprises(ctx, data.EnterpriseFilter{Search: "gốm"})
	if err != nil || len(es) == 0 {
		t.Fatalf("no enterprise of pottery in the sample (%v)", err)
	}
	s.enterprise = es[0]
	s.enterprise.VillageID = s.village.ID
	if err := store.UpdateEnterprise(ctx, s.enterprise); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestProgrammeCommands runs kc programmes, villages and enterprises history on a seeded
// database, and their refusals.
func TestProgrammeCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")
	if out, err := run(t, "-db", db, "seed", "--demo"); err != nil {
		t.Fatalf("seed: %q, %v", out, err)
	}
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	store.Now = func() time.Time { return now }
	s := addProgrammes(t, context.Background(), store)
	store.Close()

	out, err := run(t, "-db", db, "programmes", "list", "--year", "2026")
	if err != nil || !strings.HasPrefix(out, "2026\tĐA-01\tĐào tạo nghề gốm sứ") || !strings.Contains(out, "\t62.500.000\t737.500.000\n") {
		t.Errorf("programmes list: %q, %v", out, err)
	}
	if out, err := run(t, "-db", db, "programmes", "list"); err != nil || strings.Count(out, "\n") != 2 || !strings.HasPrefix(out, "2027\t") {
		t.Errorf("programmes list of every year: %q, %v", out, err)
	}
	if out, err := run(t, "-db", db, "villages", "list"); err != nil || !strings.Contains(out, "\tLàng sơn mài Hạ Thái\t\tSơn mài\t") || !strings.HasSuffix(out, "\t320\t900\n") {
		t.Errorf("villages list: %q, %v", out, err)
	}
	for _, args := range [][]string{
		{"programmes", "sheet", "da-01", "--year", "2026", "-o", filepath.Join(dir, "de-an.pdf")}, // typed without marks
		{"programmes", "progress", "ĐA-01", "--year", "2026", "--date", "31/10/2026", "-o", filepath.Join(dir, "tien-do.xlsx")},
		{"villages", "history", "hạ thái", "-o", filepath.Join(dir, "lang.pdf")},
		{"villages", "history", strconv.FormatInt(s.village.ID, 10), "-o", filepath.Join(dir, "lang.xlsx")},
		{"enterprises", "history", strconv.FormatInt(s.enterprise.ID, 10), "-o", filepath.Join(dir, "dn.pdf")},
	} {
		if out, err := run(t, append([]string{"-db", db}, args...)...); err != nil || strings.TrimSpace(out) != args[len(args)-1] {
			t.Errorf("%v: %q, %v", args, out, err)
		}
	}
	if text := string(pdfText(t, filepath.Join(dir, "lang.pdf"), "-raw")); !strings.Contains(text, s.enterprise.Name) {
		t.Errorf("the village's history does not name its enterprise %q:\n%s", s.enterprise.Name, text)
	}

	for _, tc := range []struct {
		args []string
		code string
		want string
	}{
		{[]string{"programmes", "sheet", "ĐA-01", "-o", "x.pdf"}, data.EINVALID, "Mã đề án ĐA-01 có ở các năm 2027, 2026; hãy thêm --year NĂM"},
		{[]string{"programmes", "sheet", "ĐA-09", "--year", "2026", "-o", "x.pdf"}, data.ENOTFOUND, "Năm 2026 không có đề án mã ĐA-09"},
		{[]string{"programmes", "progress", "ĐA-01", "--year", "2026", "--date", "29/11/2026", "-o", "x.pdf"}, data.EINVALID, "ở sau hôm nay (28/11/2026)"},
		{[]string{"programmes", "progress", "ĐA-01", "--date", "31/02/2026", "-o", "x.pdf"}, data.EINVALID, "--date"},
		{[]string{"programmes", "progress", "-o", "x.pdf"}, data.EINVALID, "Thiếu mã đề án"},
		{[]string{"programmes", "progress", "ĐA-01", "--year", "2026", "-o", "x.doc"}, data.EINVALID, "đuôi .pdf hoặc .xlsx"},
		{[]string{"villages", "history", "Làng lụa Vạn Phúc", "-o", "x.pdf"}, data.ENOTFOUND, "Không có làng nghề nào tên “Làng lụa Vạn Phúc”"},
		{[]string{"villages", "history", "999", "-o", "x.pdf"}, data.ENOTFOUND, "Không có làng nghề số 999"},
		{[]string{"enterprises", "history", "abc", "-o", "x.pdf"}, data.EINVALID, "không phải số của một doanh nghiệp"},
		{[]string{"enterprises", "history", "99999", "-o", "x.pdf"}, data.ENOTFOUND, "Không có doanh nghiệp số 99999"},
		{[]string{"enterprises", "history", "1", "2", "-o", "x.pdf"}, data.EINVALID, "chỉ nhận một số của doanh nghiệp; thừa: 2"},
	} {
		args := append([]string{"-db", db}, tc.args...)
		if i := len(args) - 1; strings.HasPrefix(args[i], "x.") {
			args[i] = filepath.Join(dir, args[i])
		}
		_, err := run(t, args...)
		if data.ErrorCode(err) != tc.code || !strings.Contains(data.ErrorMessage(err), tc.want) {
			t.Errorf("%v: err=%v, want %s saying %q", tc.args, err, tc.code, tc.want)
		}
	}
}
