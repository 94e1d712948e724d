package demo_test

import (
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
)

// villageSampleDB returns the store of programmesDB with the sample's craft villages and, as
// the đề án are paid by then, this year's equipment (last year's đề án is settled).
func villageSampleDB(t *testing.T, now time.Time) (*store.DB, int, int) {
	t.Helper()
	db := programmesDB(t, now)
	villages, err := demo.Villages(ctx, db, db, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	records, err := demo.Equipment(ctx, demo.ServicesOf(db, db.Now), db, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	return db, villages, records
}

func TestVillagesAndEquipmentSample(t *testing.T) {
	db, villages, records := villageSampleDB(t, pinned)

	t.Run("Villages", func(t *testing.T) {
		vs, err := db.FindVillages(ctx, data.VillageFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != villages || villages < 20 {
			t.Fatalf("%d villages stored, %d made", len(vs), villages)
		}
		linked := 0
		for _, v := range vs {
			if v.Decision == "" || v.RecognisedOn.IsZero() || v.WardCode == "" || v.ContactName == "" || v.Households == 0 {
				t.Errorf("village %+v lacks its recognition, ward or contact", v)
			}
			linked += v.Enterprises
		}
		// Every enterprise naming a craft village belongs to the village of that name.
		all, err := db.CountEnterprises(ctx, data.EnterpriseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		es, err := db.FindEnterprises(ctx, data.EnterpriseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		inVillage := 0
		for _, e := range es {
			if e.CraftVillage != "" {
				inVillage++
				if e.VillageID == 0 {
					t.Errorf("%s names %q but belongs to no village", e.Name, e.CraftVillage)
				}
			}
		}
		if linked != inVillage || linked < all/4 {
			t.Fatalf("%d enterprises linked, %d name a craft village, of %d", linked, inVillage, all)
		}
		d, err := db.VillageDetail(ctx, vs[0].ID)
		if err != nil || len(d.Enterprises) != vs[0].Enterprises {
			t.Fatalf("detail of %s: %v", vs[0].Name, err)
		}
	})

	t.Run("Equipment", func(t *testing.T) {
		qs, err := db.FindEquipment(ctx, data.EquipmentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(qs) != records || records < len(data.EquipmentStatuses) {
			t.Fatalf("%d records stored, %d made", len(qs), records)
		}
		statuses := map[data.EquipmentStatus]int{}
		kinds := map[data.EquipmentKind]int{}
		overCap := 0
		for _, q := range qs {
			statuses[q.Status]++
			kinds[q.Kind]++
			p, err := db.FindProgrammeByID(ctx, q.ProgrammeID)
			if err != nil || p.Content != data.ContentTechnology || p.Year != q.RequestedOn.Year {
				t.Errorf("%s is paid by %+v (%v)", q.Code, p, err)
			}
			if q.OverCapReason != "" {
				overCap++
				if q.Approved <= q.Rule.Support(q.Investment) {
					t.Errorf("%s has a reason but is within the rule", q.Code)
				}
			}
			if q.Status.Commits() && q.Rule.SharePercent == 0 {
				t.Errorf("%s approved without its rule stored", q.Code)
			}
		}
		for _, s := range data.EquipmentStatuses {
			if statuses[s] == 0 {
				t.Errorf("no record %s: %v", s.Label(), statuses)
			}
		}
		if len(kinds) != 3 || overCap == 0 {
			t.Errorf("kinds %v, %d over the cap", kinds, overCap)
		}
	})
}
