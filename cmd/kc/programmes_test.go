package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// programmeSample is what the kc tests print from: the sample's đề án ĐA-01/2026, a code used
// in two years' plans, and a craft village with an enterprise.
type programmeSample struct {
	programme  *data.Programme
	village    *data.Village
	enterprise *data.Enterprise
}

// twiceCode is the code addProgrammes gives a đề án of 2026 and one of 2027.
const twiceCode = "ĐA-99"

// addProgrammes adds to the sample of kc seed --demo a đề án coded twiceCode in the plans of
// 2026 and 2027 and a craft village with an enterprise, and finds the đề án ĐA-01/2026.
func addProgrammes(t *testing.T, ctx context.Context, st *store.DB) programmeSample {
	t.Helper()
	ctx = data.WithUser(ctx, "quantri")
	on := func(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }
	var s programmeSample
	var err error
	if s.programme, err = st.FindProgrammeByCode(ctx, 2026, "ĐA-01/2026"); err != nil {
		t.Fatalf("the sample has no đề án ĐA-01/2026: %v", err)
	}
	for _, year := range []int{2026, 2027} {
		plan, err := st.FindPlan(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		p := &data.Programme{PlanID: plan.ID, Code: twiceCode, Name: "Đề án thử mã trùng giữa hai năm",
			Content: data.ContentConsulting, Funding: data.FundingLocal,
			Start: on(year, time.February, 1), End: on(year, time.December, 15), Support: 100_000_000}
		if err := st.CreateProgramme(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	s.village = &data.Village{Name: "Làng nghề thử sơn mài Hạ Thái", Trade: "Sơn mài", Decision: "1234/QĐ-UBND",
		RecognisedOn: on(2008, time.July, 14), Households: 320, Workers: 900, ContactName: "Nguyễn Văn Ước"}
	if err := st.CreateVillage(ctx, s.village); err != nil {
		t.Fatal(err)
	}
	es, err := st.FindEnterprises(ctx, data.EnterpriseFilter{Search: "gốm"})
	if err != nil || len(es) == 0 {
		t.Fatalf("no enterprise of pottery in the sample (%v)", err)
	}
	s.enterprise = es[0]
	s.enterprise.VillageID = s.village.ID
	if err := st.UpdateEnterprise(ctx, s.enterprise); err != nil {
		t.Fatal(err)
	}
	return s
}

// seededSample makes a database of kc seed --demo with the programme sample added, in a new
// folder, and returns the folder, the database's path and the st open on it on the clock now.
func seededSample(t *testing.T) (dir, db string, st *store.DB, s programmeSample) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "kc.db")
	if out, err := run(t, "-db", db, "seed", "--demo"); err != nil {
		t.Fatalf("seed: %q, %v", out, err)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.Now = func() time.Time { return now }
	return dir, db, st, addProgrammes(t, context.Background(), st)
}

// TestProgrammeCommands runs kc programmes, villages and enterprises history on a seeded
// database, and their refusals.
func TestProgrammeCommands(t *testing.T) {
	dir, db, _, s := seededSample(t)

	p := s.programme
	line := fmt.Sprintf("2026\tĐA-01/2026\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Name, p.Content.Label(), p.Status.Label(),
		vn.FormatInt(p.Support), vn.FormatInt(p.Committed), vn.FormatInt(p.Paid), vn.FormatInt(p.Remaining()))
	out, err := run(t, "-db", db, "programmes", "list", "--year", "2026")
	if err != nil || !strings.HasPrefix(out, line) || strings.Contains(out, "\n2027\t") {
		t.Errorf("programmes list: %q, %v; want first\n%q", out, err, line)
	}
	if out, err := run(t, "-db", db, "programmes", "list"); err != nil || !strings.HasPrefix(out, "2027\t") || !strings.Contains(out, line) {
		t.Errorf("programmes list of every year: %q, %v", out, err)
	}
	if out, err := run(t, "-db", db, "villages", "list"); err != nil || !strings.Contains(out, "\tLàng nghề thử sơn mài Hạ Thái\t\tSơn mài\t1\t320\t900\n") {
		t.Errorf("villages list: %q, %v", out, err)
	}
	for _, args := range [][]string{
		{"programmes", "sheet", "da-01/2026", "-o", filepath.Join(dir, "de-an.pdf")}, // typed without marks
		{"programmes", "progress", "ĐA-01/2026", "--year", "2026", "--date", "31/10/2026", "-o", filepath.Join(dir, "tien-do.xlsx")},
		{"programmes", "progress", twiceCode, "--year", "2027", "-o", filepath.Join(dir, "tien-do-2027.pdf")},
		{"villages", "history", "thử sơn mài", "-o", filepath.Join(dir, "lang.pdf")},
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
		{[]string{"programmes", "sheet", "da-99", "-o", "x.pdf"}, data.EINVALID, "Mã đề án DA-99 có ở các năm 2027, 2026; hãy thêm --year NĂM"},
		{[]string{"programmes", "sheet", "ĐA-01/2026", "--year", "2025", "-o", "x.pdf"}, data.ENOTFOUND, "Năm 2025 không có đề án mã ĐA-01/2026"},
		{[]string{"programmes", "sheet", "ĐA-77", "-o", "x.pdf"}, data.ENOTFOUND, "Không có đề án mã ĐA-77. Xem các mã đề án bằng lệnh kc programmes list."},
		{[]string{"programmes", "progress", "ĐA-01/2026", "--date", "29/11/2026", "-o", "x.pdf"}, data.EINVALID, "ở sau hôm nay (28/11/2026)"},
		{[]string{"programmes", "progress", "ĐA-01/2026", "--date", "31/02/2026", "-o", "x.pdf"}, data.EINVALID, "--date"},
		{[]string{"programmes", "progress", "-o", "x.pdf"}, data.EINVALID, "Thiếu mã đề án"},
		{[]string{"programmes", "progress", "ĐA-01/2026", "-o", "x.doc"}, data.EINVALID, "đuôi .pdf hoặc .xlsx"},
		{[]string{"villages", "history", "Làng nghề không có", "-o", "x.pdf"}, data.ENOTFOUND, "Không có làng nghề nào tên “Làng nghề không có”"},
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
