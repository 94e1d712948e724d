package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
)

// The programme benchmarks share one database of ten years (2016–2025) of a busy centre's
// money, written straight in SQL: 2,000 enterprises; 600 đề án (60 a year, with targets); 3,000
// classes linked to the training and management ones, with 150,000 enrolments of 20,000
// trainees; 400 fairs of 100 bookings (40,000) linked to the products ones; 2,000 equipment
// records linked to the technology ones; 20,000 payments.
var (
	progBenchOnce sync.Once
	progBenchPath string
	progBenchErr  error
)

// progBenchYear is the year whose plan the benchmarks read: a year of settled đề án.
const progBenchYear = 2024

// ProgrammeBenchDB returns the path of the programme benchmarks' database, made once per run.
func ProgrammeBenchDB(b *testing.B) string {
	b.Helper()
	progBenchOnce.Do(func() {
		// One fixed folder, emptied at each run: TestMain removes only the enterprise benchmarks'.
		dir := filepath.Join(os.TempDir(), "khuyencong-programme-bench")
		if progBenchErr = os.RemoveAll(dir); progBenchErr != nil {
			return
		}
		if progBenchErr = os.MkdirAll(dir, 0o755); progBenchErr != nil {
			return
		}
		progBenchPath = filepath.Join(dir, "khuyencong.db")
		start := time.Now()
		fairs, _ := FairBenchDB(b)
		progBenchErr = generateProgrammes(fairs, progBenchPath)
		b.Logf("ten years of programmes generated in %v", time.Since(start).Round(time.Millisecond))
	})
	if progBenchErr != nil {
		b.Fatal(progBenchErr)
	}
	return progBenchPath
}

// progBenchSQL writes the ten years, on a database holding the enterprises only. Each year has
// 60 đề án: 20 of training (positions 0–19), 5 of management (20–24), 10 of products (25–34),
// 10 of technology (35–44), and 15 of the other contents.
var progBenchSQL = []string{
	`INSERT INTO plans (year, name, decision, decision_date, created_at, updated_at)
	WITH RECURSIVE y(n) AS (SELECT 2016 UNION ALL SELECT n + 1 FROM y WHERE n < 2025)
	SELECT n, 'Kế hoạch khuyến công thành phố Hà Nội năm ' || n, (100 + n % 50) || '/QĐ-UBND', (n - 1) || '-12-20', '', '' FROM y`,
	`INSERT INTO programmes (plan_id, year, code, name, content, funding, decision, decision_date, unit, start_date, end_date,
		support, own, status, words, created_at, updated_at)
	WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 59)
	SELECT p.id, p.year, 'ĐA-' || printf('%02d', i.n + 1) || '/' || p.year, 'Đề án khuyến công số ' || (i.n + 1) || ' năm ' || p.year,
		CASE WHEN i.n < 20 THEN 'dao_tao' WHEN i.n < 25 THEN 'quan_ly' WHEN i.n < 35 THEN 'san_pham' WHEN i.n < 45 THEN 'cong_nghe'
			ELSE (SELECT value FROM json_each('["tu_van","thong_tin","lien_ket","quoc_te","nang_luc"]') WHERE key = i.n % 5) END,
		CASE i.n % 4 WHEN 0 THEN 'quoc_gia' ELSE 'dia_phuong' END, (i.n + 10) || '/QĐ-SCT', p.year || '-01-15',
		'Trung tâm Khuyến công Hà Nội', p.year || '-02-01', p.year || '-11-30',
		CASE WHEN i.n < 20 THEN 3000000000 WHEN i.n < 25 THEN 1500000000 WHEN i.n < 35 THEN 2000000000 WHEN i.n < 45 THEN 5000000000 ELSE 300000000 END,
		200000000, CASE WHEN p.year < 2025 THEN 'quyet_toan' ELSE 'dang_thuc_hien' END,
		' da ' || (i.n + 1) || ' ' || p.year || ' ; de an khuyen cong ;', '', ''
	FROM plans p, i`,
	`INSERT INTO programme_targets (programme_id, position, measure, label, unit, planned, achieved)
	SELECT p.id, t.position, t.measure, t.label, t.unit, t.planned, t.achieved FROM programmes p JOIN (
		SELECT 'dao_tao' AS content, 0 AS position, 'hoc_vien' AS measure, '' AS label, '' AS unit, 500 AS planned, 0 AS achieved
		UNION ALL SELECT 'dao_tao', 1, 'lop', '', '', 15, 0
		UNION ALL SELECT 'quan_ly', 0, 'hoc_vien', '', '', 300, 0
		UNION ALL SELECT 'san_pham', 0, 'co_so', '', '', 350, 0
		UNION ALL SELECT 'cong_nghe', 0, 'thiet_bi', '', '', 15, 0
		UNION ALL SELECT 'cong_nghe', 1, 'mo_hinh', '', '', 5, 0
		UNION ALL SELECT 'cong_nghe', 2, 'co_so', '', '', 20, 0
		UNION ALL SELECT 'tu_van', 0, 'khac', 'Cơ sở được tư vấn', 'cơ sở', 30, 25
	) t ON t.content = p.content`,
	// 300 classes a year: 15 to each training đề án, the rest to the management ones.
	`INSERT INTO classes (code, name, name_key, kind, trade, trade_key, start_date, end_date, hours, capacity, budget, status,
		programme_id, created_at, updated_at)
	WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 2999)
	SELECT 'LH-' || (2016 + i.n / 300) || '-' || printf('%03d', i.n % 300 + 1), 'Lớp truyền nghề số ' || i.n, 'k',
		CASE WHEN i.n % 300 < 300 - 75 THEN 'truyen_nghe' ELSE 'quan_ly' END, 'Gốm sứ', 'k',
		(2016 + i.n / 300) || '-' || printf('%02d', 3 + i.n % 7) || '-01', (2016 + i.n / 300) || '-' || printf('%02d', 3 + i.n % 7) || '-20',
		120, 60, 150000000, CASE WHEN i.n / 300 < 9 THEN 'da_cap_chung_chi' ELSE 'ket_thuc' END,
		(SELECT id FROM programmes WHERE year = 2016 + i.n / 300 AND code = 'ĐA-' || printf('%02d',
			CASE WHEN i.n % 300 < 225 THEN 1 + (i.n % 300) % 20 ELSE 21 + (i.n % 300) % 5 END) || '/' || (2016 + i.n / 300)), '', ''
	FROM i`,
	`INSERT INTO trainees (family, middle, given, name_key, birth_date, dup_key, created_at, updated_at)
	WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 19999)
	SELECT 'Nguyễn', 'Thị', 'Hoa ' || n, 'k', '1980-01-01', '', '', '' FROM i`,
	`INSERT INTO enrollments (class_id, trainee_id, status, score, created_at, updated_at)
	WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 49)
	SELECT c.id, 1 + (c.id * 50 + k.n) % 20000, CASE WHEN k.n % 17 = 0 THEN 'thoi_hoc' ELSE 'hoc' END, (c.id * 7 + k.n * 13) % 101, '', ''
	FROM classes c, k`,
	// The fairs of each year go to the products đề án, four each.
	`UPDATE fairs SET programme_id = (SELECT p.id FROM programmes p WHERE p.year = CAST(substr(fairs.start_date, 1, 4) AS INTEGER)
		AND p.code = 'ĐA-' || (26 + (CAST(substr(fairs.code, 9) AS INTEGER) - 1) % 10) || '/' || p.year)`,
	`INSERT INTO equipment (code, enterprise_id, programme_id, kind, what, requested_on, investment, requested, approved, status, created_at, updated_at)
	WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 1999)
	SELECT 'TB-' || (2016 + i.n / 200) || '-' || printf('%03d', i.n % 200 + 1), 1 + i.n % 1900,
		(SELECT id FROM programmes WHERE year = 2016 + i.n / 200 AND code = 'ĐA-' || (36 + i.n % 10) || '/' || (2016 + i.n / 200)),
		CASE i.n % 4 WHEN 0 THEN 'mo_hinh' WHEN 1 THEN 'day_chuyen' ELSE 'may_moc' END, 'Máy ép gạch không nung',
		(2016 + i.n / 200) || '-04-01', 400000000, 200000000, 200000000,
		CASE i.n % 10 WHEN 0 THEN 'tu_choi' WHEN 1 THEN 'duoc_duyet' WHEN 2 THEN 'da_nghiem_thu' ELSE 'da_thanh_toan' END, '', ''
	FROM i`,
	// 20,000 payments: an advance and a payment for each class (6,000) and each equipment
	// record not refused (3,600), a payment for one booking in four (10,000), 400 general costs.
	`INSERT INTO payments (programme_id, kind, paid_on, amount, voucher, class_id, created_at)
	SELECT c.programme_id, k.kind, c.start_date, k.amount, 'PC-' || c.id || k.kind, c.id, ''
	FROM classes c, (SELECT 'tam_ung' AS kind, 70000000 AS amount UNION ALL SELECT 'thanh_toan', 80000000) k`,
	`INSERT INTO payments (programme_id, kind, paid_on, amount, voucher, equipment_id, created_at)
	SELECT q.programme_id, k.kind, q.requested_on, k.amount, 'PC-TB-' || q.id || k.kind, q.id, ''
	FROM equipment q, (SELECT 'tam_ung' AS kind, 100000000 AS amount UNION ALL SELECT 'thanh_toan', 100000000) k WHERE q.status <> 'tu_choi'`,
	`INSERT INTO payments (programme_id, kind, paid_on, amount, voucher, booking_id, created_at)
	SELECT f.programme_id, 'thanh_toan', f.end_date, k.support, 'PC-HC-' || k.id, k.id, ''
	FROM fair_bookings k JOIN fairs f ON f.id = k.fair_id WHERE k.id % 4 = 0 AND f.programme_id IS NOT NULL`,
	`INSERT INTO payments (programme_id, kind, paid_on, amount, voucher, created_at)
	SELECT id, 'thanh_toan', year || '-12-15', 10000000, 'PC-CC-' || id, '' FROM programmes WHERE content NOT IN ('dao_tao', 'san_pham', 'cong_nghe', 'quan_ly')
		OR id % 3 = 0 LIMIT 400`,
	`ANALYZE`,
}

// generateProgrammes copies the database of the fair benchmarks at from (enterprises, fairs,
// bookings) to path and adds the rest of ten years to it.
func generateProgrammes(from, path string) error {
	db, err := openCopy(from, path)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.SQL().Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i, q := range progBenchSQL {
		if _, err := tx.Exec(q); err != nil {
			return fmt.Errorf("step %d: %w", i, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for table, want := range map[string]int{"programmes": 600, "classes": 3000, "payments": 20000, "equipment": 2000,
		"fair_bookings": 40500, "fairs WHERE programme_id IS NOT NULL": 400, "classes WHERE programme_id IS NULL": 0} {
		var n int
		if err := db.SQL().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
			return err
		}
		if n < want*9/10 || n > want*11/10 {
			return fmt.Errorf("%s: %d rows, want about %d", table, n, want)
		}
	}
	return nil
}

// openCopy copies the database at from to path (VACUUM INTO) and opens the copy.
func openCopy(from, path string) (*store.DB, error) {
	src, err := store.Open(from)
	if err != nil {
		return nil, err
	}
	_, err = src.SQL().Exec(`VACUUM INTO ?`, path)
	src.Close()
	if err != nil {
		return nil, err
	}
	return store.Open(path)
}

// openProgrammeBench opens the programme benchmarks' database.
func openProgrammeBench(b *testing.B) *store.DB {
	path := ProgrammeBenchDB(b)
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkPlanSummary reads one year's plan: 60 đề án, each with what it planned, holds and
// paid, and its targets' progress.
func BenchmarkPlanSummary(b *testing.B) {
	db := openProgrammeBench(b)
	b.ResetTimer()
	for b.Loop() {
		s, err := db.PlanSummary(ctx, progBenchYear)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Programmes) != 60 || s.Committed == 0 || s.Paid == 0 || s.Programmes[0].Targets[0].Achieved == 0 {
			b.Fatalf("summary of %d đề án, committed %d, paid %d", len(s.Programmes), s.Committed, s.Paid)
		}
	}
}

// BenchmarkProgrammeDetail reads the page of a đề án of products: four fairs of 100 bookings,
// and their payments.
func BenchmarkProgrammeDetail(b *testing.B) {
	db := openProgrammeBench(b)
	p, err := db.FindProgrammeByCode(ctx, progBenchYear, "ĐA-26/2024")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		d, err := db.ProgrammeDetail(ctx, p.ID)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Activities) != 4 || len(d.Payments) < 50 {
			b.Fatalf("%d activities, %d payments", len(d.Activities), len(d.Payments))
		}
	}
}

// BenchmarkProgrammeListFirstPage reads the first page of the đề án list over ten years.
func BenchmarkProgrammeListFirstPage(b *testing.B) {
	db := openProgrammeBench(b)
	b.ResetTimer()
	for b.Loop() {
		ps, err := db.FindProgrammes(ctx, data.ProgrammeFilter{Limit: 50})
		if err != nil {
			b.Fatal(err)
		}
		if len(ps) != 50 {
			b.Fatalf("%d đề án", len(ps))
		}
	}
}
