package sqlite_test

import (
	"testing"

	"khuyencong/data/sqlite"
)

// BenchmarkUpdateEnterpriseAudit saves an enterprise (a clerk's typical write: one record, its
// search words and its history) with the fields before and after recorded, and without: the
// recording must add less than 20 %.
func BenchmarkUpdateEnterpriseAudit(b *testing.B) {
	db := MustOpenDB(b)
	if err := db.CreateEnterprises(ctx, Generate(1000)); err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name   string
		record bool
	}{{"Bare", false}, {"Recorded", true}} {
		b.Run(bb.name, func(b *testing.B) {
			sqlite.SetRecordChanges(b, bb.record)
			e := MustCreateEnterprise(b, db, nil)
			for b.Loop() {
				e.Workers++
				if err := db.UpdateEnterprise(ctx, e); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckAudit walks a history of a thousand entries.
func BenchmarkCheckAudit(b *testing.B) {
	db, _ := MustTrail(b)
	e := MustCreateEnterprise(b, db, nil)
	for range 1000 - MustCount(b, db, "audit") {
		e.Workers++
		if err := db.UpdateEnterprise(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		if res := MustCheckAudit(b, db); res.BrokenAt != 0 {
			b.Fatal(res.Problem)
		}
	}
}
