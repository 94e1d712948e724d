package store_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/reports"
)

// tenYears opens a copy of the ten-year database at path on the run's backend (the benchmarks
// issue certificates in it): a file copy, or on the server run a copy on the test server made by
// store.CopyTo (BenchmarkCopy times it). The copy goes when b ends. Its first read, warm, is made
// and logged before b times anything.
func tenYears(b *testing.B, path string, warm func(*store.DB) error) *store.DB {
	var db *store.DB
	var err error
	if storetest.OnServer() {
		loc := storetest.NewEmptyServerDB(b)
		if db, err = store.Open(path); err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		_, err = db.CopyTo(ctx, loc)
		db.Close()
		if err != nil {
			b.Fatalf("copy of ten years to the server: %v", err)
		}
		b.Logf("copied to the server in %v", time.Since(start).Round(time.Millisecond))
		if db, err = store.Open(loc); err == nil {
			// The server's planner needs statistics of the copied rows: autovacuum gathers them
			// within a minute or two of the copy, the benchmarks do not wait for it.
			_, err = db.SQL().Exec(`ANALYZE`)
		}
	} else {
		db, err = openCopy(path, filepath.Join(b.TempDir(), "ten-years.db"))
	}
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	start := time.Now()
	if err := warm(db); err != nil {
		b.Fatal(err)
	}
	b.Logf("first read: %v", time.Since(start).Round(time.Millisecond))
	return db
}

// BenchmarkTenYears times, on the run's backend, what the issue sets targets for on the ten years
// of TrainingBenchDB (100,000 enterprises, 120,000 trainees, 3 million attendance marks): the
// folded search's first page (< 30 ms), opening the class of 60 trainees × 40 sessions
// (< 150 ms) and issuing 1,000 certificates (< 2 s). `go test -bench TenYears -benchtime 3x`
// gives the file's figures; with KC_TEST_BACKEND=postgres under .ci/with-postgres, the server's.
func BenchmarkTenYears(b *testing.B) {
	db := tenYears(b, TrainingBenchDB(b), warmSearch)
	for _, q := range []string{"nguyen", "cong ty", "bat trang", "minh long", "dong anh"} {
		b.Run("search first page/"+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.FindEnterprises(ctx, data.EnterpriseFilter{Search: q, Archived: current, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("open class 60x40", func(b *testing.B) {
		c, err := db.FindClassByCode(ctx, benchBigCode)
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if g, err := db.AttendanceGrid(ctx, c.ID); err != nil || len(g.Sessions) != 40 || len(g.Roster) != 60 {
				b.Fatalf("grid: %+v, %v", g, err)
			}
		}
	})
	b.Run("issue 1000 certificates", func(b *testing.B) {
		MustSetSigner(b, db, signer)
		MustSealKey(b, db)
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			ids := manyTrainees(b, db, 1000)
			tenYearsClasses++
			c := NewClass(fmt.Sprintf("LH-2026-9%02d", tenYearsClasses))
			c.Capacity = len(ids)
			c = finishedClassOf(b, db, MustCreateClass(b, db, c), ids)
			b.StartTimer()
			if res, err := db.IssueCertificates(ctx, request(c.ID)); err != nil || len(res.Issued) != 1000 {
				b.Fatalf("%v", err)
			}
		}
	})
}

// warmSearch counts the enterprises a search finds, as the window's first list does.
func warmSearch(db *store.DB) error {
	_, err := db.CountEnterprises(ctx, data.EnterpriseFilter{Search: "nguyen"})
	return err
}

// tenYearsClasses numbers the classes BenchmarkTenYears certifies (LH-2026-901…: the generated
// classes' codes end at 273, the big class is 999).
var tenYearsClasses int

// BenchmarkTenYearsReport times the annual results report (< 2 s), with its PDF, on the ten years
// of VillageBenchDB (programmes, fairs, classes and payments), on the run's backend.
func BenchmarkTenYearsReport(b *testing.B) {
	db := tenYears(b, VillageBenchDB(b), warmReports)
	p := benchYear(b)
	for b.Loop() {
		r, err := db.ResultsReport(ctx, p, data.ReportFilter{})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		doc := reports.ResultsReportDoc{ReportDoc: reports.ReportDoc{Org: data.DefaultOrganisation(), Date: p.To}, Report: r}
		if err := reports.WriteResultsReportPDF(&buf, doc); err != nil {
			b.Fatal(err)
		}
	}
}
