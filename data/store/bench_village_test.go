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

// The history benchmarks share the ten years of the programme benchmarks with what a history
// reads beside: 130 craft villages holding seven enterprises in ten (village 1 the largest,
// about 120), every class hosted by an enterprise and one in three held for a village, and
// 120,000 trainees (as the training benchmarks), one in five working at an enterprise
// (enterprise 1 employing about 540 of them).
var (
	villageBenchOnce sync.Once
	villageBenchPath string
	villageBenchErr  error
)

// villageBenchSQL adds the villages and the links to the programme benchmarks' database.
var villageBenchSQL = []string{
	`INSERT INTO villages (name, ward_code, trade, decision, recognised_on, households, workers, words, created_at, updated_at)
	WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 130)
	SELECT 'Làng nghề số ' || n, (SELECT code FROM (SELECT code, row_number() OVER (ORDER BY code) AS r FROM divisions WHERE level = 'ward') WHERE r = 1 + n % 100),
		'Gốm sứ', n || '/QĐ-UBND', (1990 + n % 30) || '-06-15', 100 + n * 7, 500 + n * 31, ' lang nghe so ' || n || ' ;', '', ''
	FROM i`,
	`UPDATE enterprises SET village_id = 1 + ((id * 37 % 1000) * (id * 37 % 1000) * 130) / 1000000 WHERE id % 10 < 7`,
	`UPDATE enterprises SET craft_village = (SELECT name FROM villages WHERE id = enterprises.village_id) WHERE village_id IS NOT NULL`,
	`UPDATE classes SET host_enterprise_id = 1 + id * 7 % 2000, village_id = CASE WHEN id % 3 = 0 THEN 1 + id * 13 % 130 END,
		created_at = '2026-01-05T08:00:00Z', updated_at = '2026-01-05T08:00:00Z'`,
	// As many trainees as the training benchmarks have, so that a trainee is in one or two
	// classes: the enrolments move to 120,000 new ones (past the 20,000 there were).
	`INSERT INTO trainees (family, middle, given, name_key, birth_date, dup_key, created_at, updated_at)
	WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 120000)
	SELECT 'Trần', 'Văn', 'Nam ' || n, 'k', '1985-01-01', '', '', '' FROM i`,
	`UPDATE enrollments SET trainee_id = 20000 + trainee_id + 20000 * (class_id % 6)`,
	`UPDATE trainees SET workplace_id = 1 + ((id * 7919 % 2000) * (id * 7919 % 2000)) / 2000 WHERE id > 20000 AND id % 5 = 0`,
	`ANALYZE`,
}

// VillageBenchDB returns the path of the history benchmarks' database, made once per run.
func VillageBenchDB(b *testing.B) string {
	b.Helper()
	villageBenchOnce.Do(func() {
		dir := filepath.Join(os.TempDir(), "khuyencong-village-bench")
		if villageBenchErr = os.RemoveAll(dir); villageBenchErr != nil {
			return
		}
		if villageBenchErr = os.MkdirAll(dir, 0o755); villageBenchErr != nil {
			return
		}
		villageBenchPath = filepath.Join(dir, "khuyencong.db")
		start := time.Now()
		villageBenchErr = generateVillages(ProgrammeBenchDB(b), villageBenchPath)
		b.Logf("ten years with craft villages generated in %v", time.Since(start).Round(time.Millisecond))
	})
	if villageBenchErr != nil {
		b.Fatal(villageBenchErr)
	}
	return villageBenchPath
}

// generateVillages copies the database at from to path and adds the villages and links to it.
func generateVillages(from, path string) error {
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
	for i, q := range villageBenchSQL {
		if _, err := tx.Exec(q); err != nil {
			return fmt.Errorf("step %d: %w", i, err)
		}
	}
	return tx.Commit()
}

// openVillageBench opens the history benchmarks' database and reads what warm reads: the
// first read of a fresh connection fills its page cache from the file (it is logged), which the
// window's connection keeps.
func openVillageBench(b *testing.B, warm func(*store.DB) error) *store.DB {
	db, err := store.Open(VillageBenchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	start := time.Now()
	if err := warm(db); err != nil {
		b.Fatal(err)
	}
	b.Logf("first read on a fresh connection: %v", time.Since(start).Round(time.Millisecond))
	return db
}

// loopCPU runs f for each iteration of b and reports, beside the wall clock, the processor time
// an iteration took (cpu-ms/op), where the system can say.
func loopCPU(b *testing.B, f func() error) {
	start, ok := processCPU()
	n := 0
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if end, _ := processCPU(); ok && n > 0 {
		b.ReportMetric(float64(end-start)/float64(time.Millisecond)/float64(n), "cpu-ms/op")
	}
}

// BenchmarkEnterpriseHistory reads the whole history of the enterprise with the most workers
// trained: its classes hosted, about 650 enrolments of its 540 workers, its bookings and equipment.
func BenchmarkEnterpriseHistory(b *testing.B) {
	db := openVillageBench(b, func(db *store.DB) error { _, err := db.EnterpriseHistory(ctx, 1); return err })
	loopCPU(b, func() error {
		h, err := db.EnterpriseHistory(ctx, 1)
		if err == nil && (len(h.Years) < 10 || h.Total.People < 600 || h.Total.Records < 300) {
			err = fmt.Errorf("%d years, total %+v", len(h.Years), h.Total)
		}
		return err
	})
}

// BenchmarkVillageDetail reads the page of the largest village: its enterprises, the classes
// held for it or by them, the people trained and all support, by year.
func BenchmarkVillageDetail(b *testing.B) {
	db := openVillageBench(b, func(db *store.DB) error { _, err := db.VillageDetail(ctx, 1); return err })
	loopCPU(b, func() error {
		d, err := db.VillageDetail(ctx, 1)
		if err == nil && (len(d.Enterprises) < 100 || len(d.Classes) < 100 || d.Trainees < 1000 || len(d.History.Records) < 3000) {
			err = fmt.Errorf("%d enterprises, %d classes, %d trainees, %d records", len(d.Enterprises), len(d.Classes), d.Trainees, len(d.History.Records))
		}
		return err
	})
}

// BenchmarkVillageList reads the list of the 130 villages with their enterprises counted.
func BenchmarkVillageList(b *testing.B) {
	db := openVillageBench(b, func(db *store.DB) error { _, err := db.FindVillages(ctx, data.VillageFilter{}); return err })
	loopCPU(b, func() error {
		vs, err := db.FindVillages(ctx, data.VillageFilter{})
		if err == nil && len(vs) != 130 {
			err = fmt.Errorf("%d villages", len(vs))
		}
		return err
	})
}
