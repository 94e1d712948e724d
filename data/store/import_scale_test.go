package store_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/importer"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// divisionsByCode maps every ward and district of db to its unit, as the exports name them.
func divisionsByCode(tb testing.TB, db *store.DB) map[string]data.Division {
	tb.Helper()
	o := importOptions(tb, db)
	out := map[string]data.Division{}
	for _, d := range append(o.Wards, o.Districts...) {
		out[d.Code] = d
	}
	return out
}

// previewFile reads the first sheet of a workbook and previews it as kind into db.
func previewFile(tb testing.TB, db *store.DB, kind data.ImportKind, b []byte) *data.ImportPreview {
	tb.Helper()
	f, err := importer.Open("xuat.xlsx", bytes.NewReader(b))
	if err != nil {
		tb.Fatal(err)
	}
	rows, err := f.Rows(f.Sheets[0])
	if err != nil {
		tb.Fatal(err)
	}
	return MustPreview(tb, db, kind, 0, rows)
}

// importAll imports the workbook b as kind into db, failing unless every row is free of
// problems and of matches, and returns the result.
func importAll(tb testing.TB, db *store.DB, kind data.ImportKind, b []byte) *data.ImportResult {
	tb.Helper()
	p := previewFile(tb, db, kind, b)
	for _, r := range p.Rows {
		if !r.OK() || r.Match != nil {
			tb.Fatalf("line %d: problems %q, match %+v", r.Line, r.Problems, r.Match)
		}
	}
	return MustImport(tb, db, p)
}

// TestImportRoundTrip exports the sample's registers as the window's "Xuất Excel" does, imports
// the files into an empty database, and finds the same records.
func TestImportRoundTrip(t *testing.T) {
	src := MustOpenDB(t)
	src.Now = time.Now // the sample's training is dated by the clock (see demo.Load)
	if _, err := demo.Load(ctx, src, src, 300, 1); err != nil {
		t.Fatal(err)
	}
	dst := MustOpenDB(t)
	divs := divisionsByCode(t, src)
	org, date := data.DefaultOrganisation(), vn.DateOf(now)

	es, err := src.FindEnterprises(ctx, data.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := reports.WriteEnterpriseListXLSX(&b, reports.EnterpriseListDoc{Org: org, Date: date, Rows: es, Wards: divs}); err != nil {
		t.Fatal(err)
	}
	if res := importAll(t, dst, data.ImportEnterprises, b.Bytes()); res.Added != len(es) {
		t.Fatalf("added %d of %d enterprises", res.Added, len(es))
	}
	got, err := dst.FindEnterprises(ctx, data.EnterpriseFilter{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[int64]int64{}         // source id → imported id, for the trainees' workplaces
	workplaces := map[int64]string{} // source id → name, as the trainees' list prints them
	for i, e := range es {
		g := got[i]
		ids[e.ID], workplaces[e.ID] = g.ID, e.Name
		e.ID, e.VillageID, e.Version, e.CreatedAt, e.UpdatedAt = g.ID, g.VillageID, g.Version, g.CreatedAt, g.UpdatedAt
		if fmt.Sprint(*g) != fmt.Sprint(*e) {
			t.Fatalf("enterprise %d after the round trip:\n%+v\nwas\n%+v", i, *g, *e)
		}
	}

	ts, err := src.FindTrainees(ctx, data.TraineeFilter{})
	if err != nil || len(ts) == 0 {
		t.Fatalf("%d trainees, %v", len(ts), err)
	}
	b.Reset()
	if err := reports.WriteTraineeListXLSX(&b, reports.TraineeListDoc{Org: org, Date: date, Rows: ts, Wards: divs, Workplaces: workplaces}); err != nil {
		t.Fatal(err)
	}
	importAll(t, dst, data.ImportTrainees, b.Bytes())
	gotTs, err := dst.FindTrainees(ctx, data.TraineeFilter{})
	if err != nil || len(gotTs) != len(ts) {
		t.Fatalf("%d trainees imported of %d, %v", len(gotTs), len(ts), err)
	}
	gotNames := map[int64]string{}
	for _, e := range got {
		gotNames[e.ID] = e.Name
	}
	for i, tr := range ts {
		g := gotTs[i]
		// The workbook carries every field a person types; a workplace whose name two enterprises
		// share comes back as that name, the others as the enterprise.
		workplace := func(id int64, text string, names map[int64]string) string { return names[id] + text }
		want := []any{tr.Name, tr.Female, tr.BirthDate, tr.BirthPlace, tr.Ethnicity, tr.CCCD, tr.Phone, tr.Address, tr.WardCode,
			workplace(tr.WorkplaceID, tr.Workplace, workplaces), tr.PolicyGroup}
		have := []any{g.Name, g.Female, g.BirthDate, g.BirthPlace, g.Ethnicity, g.CCCD, g.Phone, g.Address, g.WardCode,
			workplace(g.WorkplaceID, g.Workplace, gotNames), g.PolicyGroup}
		if g.WorkplaceID != 0 && g.WorkplaceID != ids[tr.WorkplaceID] || fmt.Sprint(have) != fmt.Sprint(want) {
			t.Fatalf("trainee %d after the round trip: %v, was %v", i, have, want)
		}
	}

	vs, err := src.FindVillages(ctx, data.VillageFilter{})
	if err != nil || len(vs) == 0 {
		t.Fatalf("%d villages, %v", len(vs), err)
	}
	// The villages' list as the window shows it (ui/village.go), through "Xuất Excel".
	sheet := reports.ListSheet{Org: org, Date: date, Title: "DANH SÁCH LÀNG NGHỀ",
		Columns: []string{"Làng nghề", "Phường/xã", "Ngành nghề", "Ngày công nhận", "Số hộ", "Lao động", "Doanh nghiệp",
			"Quyết định công nhận", "Người liên hệ", "Điện thoại liên hệ", "Ghi chú"}}
	for _, v := range vs {
		ward := divs[v.WardCode].Label()
		sheet.Rows = append(sheet.Rows, []string{v.Name, strings.ToUpper(ward[:1]) + ward[1:], v.Trade, v.RecognisedOn.String(),
			vn.FormatInt(int64(v.Households)), vn.FormatInt(int64(v.Workers)), vn.FormatInt(int64(v.Enterprises)),
			v.Decision, v.ContactName, v.ContactPhone, v.Notes})
	}
	b.Reset()
	if err := reports.WriteListXLSX(&b, sheet); err != nil {
		t.Fatal(err)
	}
	importAll(t, dst, data.ImportVillages, b.Bytes())
	gotVs, err := dst.FindVillages(ctx, data.VillageFilter{})
	if err != nil || len(gotVs) != len(vs) {
		t.Fatalf("%d villages imported of %d, %v", len(gotVs), len(vs), err)
	}
	for i, v := range vs {
		g := gotVs[i]
		want := []any{v.Name, v.WardCode, v.Trade, v.Decision, v.RecognisedOn, v.Households, v.Workers, v.ContactName, v.ContactPhone, v.Notes, v.Enterprises}
		if have := []any{g.Name, g.WardCode, g.Trade, g.Decision, g.RecognisedOn, g.Households, g.Workers, g.ContactName, g.ContactPhone, g.Notes, g.Enterprises}; fmt.Sprint(have) != fmt.Sprint(want) {
			t.Fatalf("village %d after the round trip: %v, was %v", i, have, want)
		}
	}
}

// scaleRows is the size of the large import the issue asks for.
const scaleRows = 50_000

// scaleFile returns the export of scaleRows generated enterprises, of which the rows at lines
// bad hold a wrong tax code, the tax code of the row before, and a wrong e-mail.
func scaleFile(tb testing.TB, db *store.DB) (file []byte, bad [3]int) {
	tb.Helper()
	o := importOptions(tb, db)
	es := demo.Enterprises(scaleRows, 7, o.Wards, o.Districts)
	// The export's header is line 7, so enterprise i is on line 8+i.
	es[1000].TaxCode = "0101245487"
	es[25000].TaxCode = es[24999].TaxCode
	es[49000].Email = "khong-phai-email"
	var b bytes.Buffer
	if err := reports.WriteEnterpriseListXLSX(&b, reports.EnterpriseListDoc{Org: data.DefaultOrganisation(), Date: vn.DateOf(now), Rows: es, Wards: divisionsByCode(tb, db)}); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes(), [3]int{1008, 25008, 49008}
}

// peakHeap samples the Go heap in use until stop is called, and returns the peak.
func peakHeap() (stop func() uint64) {
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-done:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); return peak.Load() }
}

func TestImport50000(t *testing.T) {
	if testing.Short() {
		t.Skip("50,000 rows")
	}
	db := MustOpenDB(t)
	file, bad := scaleFile(t, db)
	runtime.GC()
	stop := peakHeap()
	start := time.Now()
	p := previewFile(t, db, data.ImportEnterprises, file)
	preview := time.Since(start)
	var lines []int
	for _, r := range p.Rows {
		if !r.OK() {
			lines = append(lines, r.Line)
		}
	}
	if len(p.Rows) != scaleRows || fmt.Sprint(lines) != fmt.Sprint(bad[:]) {
		t.Fatalf("%d rows, problems on lines %v; want %d, %v", len(p.Rows), lines, scaleRows, bad)
	}
	start = time.Now()
	res := MustImport(t, db, p)
	write := time.Since(start)
	peak := stop()
	if res.Added != scaleRows-3 || len(res.Refused) != 3 || MustCount(t, db, "enterprises") != scaleRows-3 {
		t.Fatalf("added %d, refused %d", res.Added, len(res.Refused))
	}
	t.Logf("50,000 rows: preview %v, import %v, peak heap %d MB", preview.Round(time.Millisecond), write.Round(time.Millisecond), peak>>20)
}

// BenchmarkImport50000 measures the preview (open, convert, check) and the import of 50,000
// enterprises into an empty register; the issue asks < 5 s, < 10 s and < 300 MB. Besides the
// wall clock it reports the processor time the process used (on a machine shared with other
// work the wall clock counts the waits for a processor too).
func BenchmarkImport50000(b *testing.B) {
	dir := b.TempDir()
	seed := MustOpenDBAt(b, filepath.Join(dir, "seed.db"))
	file, _ := scaleFile(b, seed)
	var wall, cpu [2]time.Duration
	var peak uint64
	// phase runs f, adding its wall and processor time to phase i.
	phase := func(i int, f func()) {
		start, c0 := time.Now(), cpuNow()
		f()
		wall[i] += time.Since(start)
		cpu[i] += cpuNow() - c0
	}
	for i := 0; b.Loop(); i++ {
		db := MustOpenDBAt(b, filepath.Join(dir, fmt.Sprintf("%d.db", i)))
		runtime.GC()
		stop := peakHeap()
		var p *data.ImportPreview
		phase(0, func() { p = previewFile(b, db, data.ImportEnterprises, file) })
		phase(1, func() { MustImport(b, db, p) })
		peak = max(peak, stop())
		MustClose(b, db)
	}
	n := float64(b.N)
	b.ReportMetric(wall[0].Seconds()/n, "preview-s/op")
	b.ReportMetric(cpu[0].Seconds()/n, "preview-cpu-s/op")
	b.ReportMetric(wall[1].Seconds()/n, "import-s/op")
	b.ReportMetric(cpu[1].Seconds()/n, "import-cpu-s/op")
	b.ReportMetric(float64(peak>>20), "peak-heap-MB")
}

// cpuNow is the processor time the process has used, 0 where it is not measured.
func cpuNow() time.Duration {
	d, _ := processCPU()
	return d
}

// killedEnv names the database the child process of TestImportKilled imports into.
const killedEnv = "KHUYENCONG_IMPORT_KILLED_DB"

// TestImportKilled kills a process in the middle of an import: the database it leaves holds
// nothing of it, and is sound.
func TestImportKilled(t *testing.T) {
	if path := os.Getenv(killedEnv); path != "" {
		importUntilKilled(t, path)
		return
	}
	path := filepath.Join(t.TempDir(), "khuyencong.db")
	MustClose(t, MustOpenDBAt(t, path))
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportKilled$", "-test.v")
	cmd.Env = append(os.Environ(), killedEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && !strings.Contains(sc.Text(), "writing") {
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	db := MustOpenDBAt(t, path)
	if n := MustCount(t, db, "enterprises"); n != 0 {
		t.Fatalf("a killed import left %d enterprises", n)
	}
	if err := db.QuickCheck(ctx); err != nil {
		t.Fatalf("QuickCheck after the kill: %v", err)
	}
}

// importUntilKilled imports rows into the database at path, and says "writing" midway, then
// waits to be killed.
func importUntilKilled(t *testing.T, path string) {
	db := MustOpenDBAt(t, path)
	rows := [][]string{{"Tên doanh nghiệp", "Mã số thuế"}}
	for i := range 2000 {
		rows = append(rows, []string{"Cơ sở số " + vn.FormatInt(int64(i)), NextTaxCode()})
	}
	p := MustPreview(t, db, data.ImportEnterprises, 0, rows)
	db.Import(ctx, p, func(done, total int) {
		if done == 1000 {
			fmt.Println("writing")
			time.Sleep(time.Minute)
		}
	})
	t.Fatal("not killed")
}
