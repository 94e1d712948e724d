package demo_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// fairsDB returns a store holding the sample enterprises, training and fairs of seed, on the
// clock pinned to now.
func fairsDB(t *testing.T, now time.Time, seed int64) *store.DB {
	t.Helper()
	db := trainingDB(t, now, seed)
	n, err := demo.Fairs(ctx, demo.ServicesOf(db, db.Now), seed)
	if err != nil {
		t.Fatalf("Fairs: %v", err)
	}
	if n < 8 || n > 10 {
		t.Errorf("Fairs made %d fairs, want about 8", n)
	}
	return db
}

// fairSnapshot is what the sample's fairs hold, without store IDs, to compare two runs.
func fairSnapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	fs, err := db.FindFairs(ctx, data.FairFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s|%s|%d/%d|%s|%+v\n", f.Code, f.Name, f.Kind, f.Start, f.End, f.Deadline, f.Status, f.Booked, f.Booths, f.CancelReason, f.Rule)
		bs, err := db.FairBookings(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range bs {
			fmt.Fprintf(&b, "  %s|%s|%v|%d/%d/%d|%d/%d/%d|%s|%s|%v\n", k.EnterpriseName, k.Status, k.Booths, k.Fee, k.Support, k.OwnShare,
				k.Sales, k.Contracts, k.ContractValue, k.CancelReason, k.LateNote, k.WithoutSupport)
		}
	}
	return b.String()
}

func TestFairsDeterministic(t *testing.T) {
	a := fairSnapshot(t, fairsDB(t, pinned, 1))
	if testing.Verbose() {
		t.Log(a)
	}
	if b := fairSnapshot(t, fairsDB(t, pinned, 1)); a != b {
		t.Errorf("the same seed and day gave different fairs:\n%s\n---\n%s", a, b)
	}
}

func TestFairsSample(t *testing.T) {
	for _, now := range []time.Time{pinned, time.Date(2025, 9, 1, 23, 59, 0, 0, time.Local), time.Now()} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) { checkFairs(t, fairsDB(t, now, 1), vn.DateOf(now)) })
	}
}

// checkFairs checks that the sample's fairs in db are valid and varied on the day today.
func checkFairs(t *testing.T, db *store.DB, today vn.Date) {
	fs, err := db.FindFairs(ctx, data.FairFilter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[data.FairKind]int{}
	statuses := map[data.FairStatus]int{}
	states := map[data.BookingStatus]int{}
	years := map[int]int{}
	var names strings.Builder
	var late, without, results, supported int
	for _, f := range fs {
		kinds[f.Kind]++
		statuses[f.Status]++
		years[f.Start.Year]++
		names.WriteString(f.Name + "\n")
		stored := *f
		if err := stored.Validate(); err != nil {
			t.Errorf("fair %s: %v", f.Code, err)
		}
		switch f.Status {
		case data.FairHeld:
			if !f.End.Before(today) {
				t.Errorf("fair %s is held but ends on %s (today %s)", f.Code, f.End, today)
			}
		case data.FairOpen, data.FairPlanned, data.FairClosed:
			if !today.Before(f.Start) {
				t.Errorf("fair %s is %s but opened on %s (today %s)", f.Code, f.Status.Label(), f.Start, today)
			}
		case data.FairCancelled:
			if f.CancelReason == "" {
				t.Errorf("fair %s is cancelled without a reason", f.Code)
			}
		}
		if f.Booths == 0 {
			t.Errorf("fair %s has no booths", f.Code)
		}
		booths, err := db.Booths(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		held := 0
		for _, b := range booths {
			if b.BookingID != 0 {
				held++
			}
		}
		if held != f.Booked {
			t.Errorf("fair %s: %d booths held on the map, %d counted booked", f.Code, held, f.Booked)
		}
		bs, err := db.FairBookings(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			states[b.Status]++
			if b.LateNote != "" {
				late++
			}
			switch {
			case b.Status == data.BookingCancelled && b.CancelReason == "":
				t.Errorf("%s at %s: cancelled without a reason", b.EnterpriseName, f.Code)
			case b.Status == data.BookingWaiting && len(b.Booths) != 0:
				t.Errorf("%s at %s: waiting but holds %v", b.EnterpriseName, f.Code, b.Booths)
			case b.Status.Active() && len(b.Booths) == 0:
				t.Errorf("%s at %s: %s without a booth", b.EnterpriseName, f.Code, b.Status.Label())
			}
			if b.Status == data.BookingAttended && b.Sales > 0 {
				results++
			}
			if !b.Status.Active() || len(b.Booths) == 0 {
				continue
			}
			if b.Fee <= 0 || b.Support+b.OwnShare != b.Fee {
				t.Errorf("%s at %s: fee %d, support %d, own share %d", b.EnterpriseName, f.Code, b.Fee, b.Support, b.OwnShare)
			}
			if b.WithoutSupport {
				without++
				if f.Kind != data.FairAbroad || b.Support != 0 {
					t.Errorf("%s at %s (%s) booked without support, support %d", b.EnterpriseName, f.Code, f.Kind, b.Support)
				}
				continue
			}
			if b.Support <= 0 {
				t.Errorf("%s at %s: no support computed", b.EnterpriseName, f.Code)
				continue
			}
			supported++
			fees := make([]int64, 0, len(b.Booths))
			for _, n := range b.Booths {
				for _, bo := range booths {
					if bo.Number == n {
						p := bo.Price
						if p == 0 {
							p = f.BoothPrice
						}
						fees = append(fees, p)
					}
				}
			}
			if s, own := b.Rule.Support(fees); s != b.Support || own != b.OwnShare {
				t.Errorf("%s at %s: support %d/%d, the rule gives %d/%d", b.EnterpriseName, f.Code, b.Support, b.OwnShare, s, own)
			}
		}
	}
	for _, k := range data.FairKinds {
		if kinds[k] == 0 {
			t.Errorf("no fair %s", k.Label())
		}
	}
	for _, s := range data.FairStatuses {
		if statuses[s] == 0 {
			t.Errorf("no fair %s", s.Label())
		}
	}
	for _, s := range data.BookingStatuses {
		if states[s] == 0 {
			t.Errorf("no booking %s", s.Label())
		}
	}
	if today == vn.DateOf(pinned) && (years[2025] == 0 || years[2026] == 0) {
		t.Errorf("fairs by year %v, want some in 2025 and 2026", years)
	}
	if late != 1 || without != 1 {
		t.Errorf("%d late bookings and %d without support, want one each", late, without)
	}
	if results < 10 || supported < 20 {
		t.Errorf("%d bookings with results, %d supported: too few", results, supported)
	}
	for _, want := range []string{"Làng nghề và Sản phẩm OCOP Hà Nội", "Hàng Việt Nam chất lượng cao", "Vietnam International Sourcing",
		"Ambiente", "Canton Fair", "Tokyo"} {
		if !strings.Contains(names.String(), want) {
			t.Errorf("no fair %q among:\n%s", want, names.String())
		}
	}
}
