package store_test

import (
	"fmt"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
)

// bigFinishedClass makes a finished class coded code with every trainee of ids enrolled, present
// at its ten Monday sessions and scored 8,0: through the services, but the scores by SQL.
func bigFinishedClass(tb testing.TB, db *store.DB, code string, ids []int64) *data.Class {
	tb.Helper()
	c := NewClass(code)
	c.Capacity = len(ids)
	MustCreateClass(tb, db, c)
	if _, err := db.EnrollMany(ctx, c.ID, ids); err != nil {
		tb.Fatal(err)
	}
	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday})
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range ss {
		if _, err := db.MarkAllPresent(ctx, s.ID); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := db.SQL().Exec(db.Rebind(`UPDATE enrollments SET score = 80, version = version + 1 WHERE class_id = ?`), c.ID); err != nil {
		tb.Fatal(err)
	}
	return MustSetStatus(tb, db, MustClass(tb, db, c.ID), data.ClassRunning, data.ClassFinished)
}

// manyTrainees stores n trainees and returns their IDs.
func manyTrainees(tb testing.TB, db *store.DB, n int) []int64 {
	tb.Helper()
	given := []string{"An", "Bình", "Chi", "Dũng", "Đào", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân", "Tuyết", "Yến"}
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi"}
	ts := make([]*data.Trainee, n)
	for i := range ts {
		ts[i] = NewTrainee(fmt.Sprintf("%s Thị %s", family[i%len(family)], given[(i/len(family))%len(given)]), day(1960+i%40, time.Month(1+i%12), 1+i%28))
	}
	if err := db.CreateTrainees(ctx, ts); err != nil {
		tb.Fatal(err)
	}
	ids := make([]int64, n)
	for i, t := range ts {
		ids[i] = t.ID
	}
	return ids
}

// BenchmarkIssue1000 issues the certificates of a class of 1,000 eligible trainees, in one
// transaction: unsealing the key (the real Argon2id), numbering, signing the QR text and the
// chained register row, storing, indexing and auditing each. Target: under 1 s.
func BenchmarkIssue1000(b *testing.B) {
	realSeal()
	b.Cleanup(func() { realSeal = store.CheapSeal() })
	db := MustOpenDB(b)
	MustSetSigner(b, db, signer)
	ids := manyTrainees(b, db, 1000)
	MustSealKey(b, db)
	var cpu time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c := bigFinishedClass(b, db, fmt.Sprintf("LH-2026-%03d", i+1), ids)
		before, ok := processCPU()
		b.StartTimer()
		res, err := db.IssueCertificates(ctx, request(c.ID))
		if err != nil {
			b.Fatal(err)
		}
		after, _ := processCPU()
		if len(res.Issued) != 1000 {
			b.Fatalf("%d issued", len(res.Issued))
		}
		if ok {
			cpu += after - before
		}
	}
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

// BenchmarkVerify checks a QR text (parse, register look-up, hash, signature) and a bare serial
// against a register of 1,000 certificates. Target: under 5 ms.
func BenchmarkVerify(b *testing.B) {
	db := MustOpenDB(b)
	MustSetSigner(b, db, signer)
	MustSealKey(b, db)
	c := bigFinishedClass(b, db, "LH-2026-001", manyTrainees(b, db, 1000))
	res, err := db.IssueCertificates(ctx, request(c.ID))
	if err != nil {
		b.Fatal(err)
	}
	cert := res.Issued[500]
	for name, in := range map[string]string{"text": cert.Content.VerifyText, "serial": cert.Content.Serial} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				v, err := db.Verify(ctx, in)
				if err != nil || v.Verdict != data.VerdictValid {
					b.Fatalf("%+v, %v", v, err)
				}
			}
		})
	}
}

// BenchmarkCheckRegister walks a year's register of 100,000 signed certificates: numbering,
// content hashes, links, keys and the signature of the last row. Target: under 2 s.
func BenchmarkCheckRegister(b *testing.B) {
	db := MustOpenDB(b)
	MustSetSigner(b, db, signer)
	c, _ := FinishedClass(b, db, "LH-2026-001", trainee{"Nguyễn Thị Ánh Tuyết", "8,5"})
	first := mustIssue(b, db, c.ID).Issued[0]
	store.FillRegister(b, ctx, db, first, 100_000-1)
	loopCPU(b, func() error {
		r, err := db.CheckRegister(ctx, 2026)
		if err == nil && (r.Problem != "" || r.Rows != 100_000) {
			err = fmt.Errorf("%+v", r)
		}
		return err
	})
}
