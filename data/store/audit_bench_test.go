package store_test

import (
	"errors"
	"testing"

	"khuyencong/data/store"
)

// BenchmarkUpdateEnterpriseAudit saves an enterprise (a clerk's typical write: one record, its
// search words and its history) with the fields before and after recorded, and without: the
// recording must add less than 20 %. The processor time (cpu-ms/op) tells the cost apart from the
// waits for the disk and for a processor on a shared machine.
func BenchmarkUpdateEnterpriseAudit(b *testing.B) {
	for _, bb := range []struct {
		name   string
		record bool
	}{{"Bare", false}, {"Recorded", true}} {
		b.Run(bb.name, func(b *testing.B) {
			// A database of its own, so that neither runs on a history and a log the other grew.
			db := MustOpenDB(b)
			if err := db.CreateEnterprises(ctx, Generate(1000)); err != nil {
				b.Fatal(err)
			}
			store.SetRecordChanges(b, bb.record)
			e := MustCreateEnterprise(b, db, nil)
			loopCPU(b, func() error {
				e.Workers++
				return db.UpdateEnterprise(ctx, e)
			})
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
	loopCPU(b, func() error {
		res, err := db.CheckAudit(ctx)
		if err == nil && res.BrokenAt != 0 {
			err = errors.New(res.Problem)
		}
		return err
	})
}
