package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// FairSnapshot counts what a fair write can change.
func FairSnapshot(tb testing.TB, db *store.DB) string {
	tb.Helper()
	var counts []string
	for _, t := range []string{"fairs", "fair_search", "booths", "fair_bookings", "booking_booths", "audit"} {
		counts = append(counts, fmt.Sprintf("%s=%d", t, MustCount(tb, db, t)))
	}
	var state string
	if err := db.SQL().QueryRow(`SELECT COALESCE((SELECT string_agg(CAST(version AS TEXT) || status || CAST(fee AS TEXT) || CAST(support AS TEXT), ',' ORDER BY id) FROM fair_bookings), '') || '|' ||
		COALESCE((SELECT string_agg(CAST(version AS TEXT) || status, ',' ORDER BY id) FROM fairs), '')`).Scan(&state); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(counts, " ") + " " + state
}

func AssertFairUnchanged(tb testing.TB, db *store.DB, before string) {
	tb.Helper()
	if after := FairSnapshot(tb, db); after != before {
		tb.Fatalf("a refused write changed the store:\n%s\nwas\n%s", after, before)
	}
}

// NewFair returns a valid domestic fair in December 2026, registration until 10/12/2026.
func NewFair(kind data.FairKind) *data.Fair {
	return &data.Fair{Name: "Hội chợ Làng nghề Hà Nội 2026", Kind: kind, Organiser: "Sở Công Thương", Venue: "Cung Văn hoá",
		City: "Hà Nội", Country: "Nhật Bản", Start: day(2026, 12, 15), End: day(2026, 12, 20), Deadline: day(2026, 12, 10), BoothPrice: 12_000_000}
}

func MustCreateFair(tb testing.TB, db *store.DB, f *data.Fair, booths int) *data.Fair {
	tb.Helper()
	if err := db.CreateFair(ctx, f); err != nil {
		tb.Fatal(err)
	}
	var bs []*data.Booth
	for i := 1; i <= booths; i++ {
		bs = append(bs, &data.Booth{Number: fmt.Sprintf("A%02d", i), WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard})
	}
	if booths > 0 {
		if err := db.AddBooths(ctx, f.ID, bs); err != nil {
			tb.Fatal(err)
		}
	}
	return f
}

func MustRegister(tb testing.TB, db *store.DB, r data.BookingRequest) *data.Booking {
	tb.Helper()
	k, err := db.Register(ctx, r)
	if err != nil {
		tb.Fatalf("Register: %v", err)
	}
	return k
}

func TestFairCreateRefused(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 3)
	f, _ = db.FindFairByCode(ctx, "hc-2026-001")
	if f.Code != "HC-2026-001" || f.Rule.SharePercent != 80 || f.Booths != 3 || f.Booked != 0 {
		t.Fatalf("created %+v", f)
	}
	before := FairSnapshot(t, db)
	bad := NewFair(data.FairCentre)
	bad.End = day(2026, 12, 1)
	AssertError(t, db.CreateFair(ctx, bad), data.EINVALID, "bế mạc", "trước ngày khai mạc")
	bad = NewFair(data.FairCentre)
	bad.Deadline = day(2026, 12, 16)
	AssertError(t, db.CreateFair(ctx, bad), data.EINVALID, "Hạn đăng ký", "phải trước ngày khai mạc")
	AssertError(t, db.AddBooths(ctx, f.ID, []*data.Booth{{Number: "A02", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard}}), data.ECONFLICT, "A02")
	AssertError(t, db.AddBooths(ctx, f.ID, []*data.Booth{{Number: "B1", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard},
		{Number: "b1", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard}}), data.ECONFLICT, "B1", "hai lần")
	AssertError(t, db.AddBooths(ctx, f.ID, []*data.Booth{{Number: "B2", WidthCM: 0, DepthCM: 300, Kind: data.BoothStandard}}), data.EINVALID, "B2", "lớn hơn 0")
	AssertError(t, db.AddBooths(ctx, f.ID, []*data.Booth{{Number: "B3", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard, Price: -1}}), data.EINVALID, "B3", "âm")
	AssertFairUnchanged(t, db, before)
	got, err := db.FindFairs(ctx, data.FairFilter{Search: "lang nghe"})
	if err != nil || len(got) != 1 {
		t.Fatalf("search: %v %v", got, err)
	}
}

func TestFindFairs(t *testing.T) {
	db := MustOpenDB(t)
	home := MustCreateFair(t, db, NewFair(data.FairDomestic), 0)
	abroad := NewFair(data.FairAbroad)
	abroad.Name, abroad.Start, abroad.End, abroad.Deadline = "Hội chợ Thủ công Osaka", day(2027, 3, 1), day(2027, 3, 5), day(2027, 2, 1)
	MustCreateFair(t, db, abroad, 0)
	centre := MustCreateFair(t, db, NewFair(data.FairCentre), 0)
	year, kind, planned, cancelled := 2026, data.FairAbroad, data.FairPlanned, data.FairCancelled
	for _, tt := range []struct {
		name string
		f    data.FairFilter
		want []string // codes, newest first
	}{
		{"All", data.FairFilter{}, []string{abroad.Code, centre.Code, home.Code}},
		{"Page", data.FairFilter{Offset: 1, Limit: 1}, []string{centre.Code}},
		{"FromSecond", data.FairFilter{Offset: 1}, []string{centre.Code, home.Code}},
		{"Year", data.FairFilter{Year: &year}, []string{centre.Code, home.Code}},
		{"Kind", data.FairFilter{Kind: &kind}, []string{abroad.Code}},
		{"Status", data.FairFilter{Status: &planned, Search: "osaka"}, []string{abroad.Code}},
		{"NoneCancelled", data.FairFilter{Status: &cancelled}, nil},
		{"Search", data.FairFilter{Search: "làng nghề", Year: &year}, []string{centre.Code, home.Code}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := db.FindFairs(ctx, tt.f)
			var got []string
			for _, f := range fs {
				got = append(got, f.Code)
			}
			if err != nil || fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("FindFairs = %v, %v; want %v", got, err, tt.want)
			}
			if tt.f.Offset > 0 || tt.f.Limit > 0 {
				return
			}
			if n, err := db.CountFairs(ctx, tt.f); err != nil || n != len(tt.want) {
				t.Fatalf("CountFairs = %d, %v; want %d", n, err, len(tt.want))
			}
		})
	}
	// A code taken is refused naming the fair that holds it, and nothing is written.
	before := FairSnapshot(t, db)
	dup := NewFair(data.FairCentre)
	dup.Code = strings.ToLower(home.Code)
	AssertError(t, db.CreateFair(ctx, dup), data.ECONFLICT, home.Code, "đã dùng cho \"Hội chợ Làng nghề Hà Nội 2026\"")
	centre.Code = home.Code
	AssertError(t, db.UpdateFair(ctx, centre), data.ECONFLICT, home.Code, "đã dùng")
	AssertFairUnchanged(t, db, before)
}

func TestRegister(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 4)
	e := MustCreateEnterprise(t, db, nil)
	k := MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: e.ID, BoothsWanted: 2})
	// 2 × 12 000 000 × 80 % = 2 × 9 600 000 under the 12 000 000 booth cap, 19 200 000 under 24 000 000.
	if k.Status != data.BookingRegistered || strings.Join(k.Booths, ",") != "A01,A02" || k.Fee != 24_000_000 || k.Support != 19_200_000 || k.OwnShare != 4_800_000 || k.Rule.SharePercent != 80 {
		t.Fatalf("booking %+v", k)
	}
	before := FairSnapshot(t, db)
	_, err := db.Register(ctx, data.BookingRequest{FairID: f.ID, EnterpriseID: e.ID, BoothsWanted: 1})
	AssertError(t, err, data.ECONFLICT, e.Name, "đã đăng ký")
	AssertFairUnchanged(t, db, before)

	// Support above the cap is capped: a centre fair at 100 % of 20 000 000 a booth, capped 15 000 000.
	g := NewFair(data.FairCentre)
	g.BoothPrice = 20_000_000
	MustCreateFair(t, db, g, 3)
	k = MustRegister(t, db, data.BookingRequest{FairID: g.ID, EnterpriseID: e.ID, BoothsWanted: 3})
	if k.Fee != 60_000_000 || k.Support != 30_000_000 || k.OwnShare != 30_000_000 {
		t.Fatalf("capped %+v", k)
	}
	// A later change of rule does not rewrite the booking.
	g.Rule.SharePercent = 10
	if err := db.UpdateFair(ctx, g); err != nil {
		t.Fatal(err)
	}
	ks, _ := db.FairBookings(ctx, g.ID)
	if ks[0].Support != 30_000_000 || ks[0].Rule.SharePercent != 100 {
		t.Fatalf("history rewritten %+v", ks[0])
	}
	if fs, _ := db.FindFairs(ctx, data.FairFilter{}); fs[0].Booked != 3 || fs[0].Booths != 3 {
		t.Fatalf("counts %+v", fs[0])
	}
}

func TestRegisterRefused(t *testing.T) {
	db := MustOpenDB(t)
	late := NewFair(data.FairDomestic)
	late.Deadline = day(2026, 11, 27) // yesterday
	MustCreateFair(t, db, late, 2)
	e := MustCreateEnterprise(t, db, nil)
	arch := MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Gốm Bát Tràng"))
	if _, err := db.SetEnterpriseArchived(ctx, arch.ID, arch.Version, true); err != nil {
		t.Fatal(err)
	}
	before := FairSnapshot(t, db)
	_, err := db.Register(ctx, data.BookingRequest{FairID: late.ID, EnterpriseID: e.ID, BoothsWanted: 1})
	AssertError(t, err, data.EINVALID, "Hạn đăng ký", "27/11/2026", "đăng ký muộn")
	_, err = db.Register(ctx, data.BookingRequest{FairID: late.ID, EnterpriseID: arch.ID, BoothsWanted: 1, LateNote: "x"})
	AssertError(t, err, data.EINVALID, "Doanh nghiệp Hợp tác xã Gốm Bát Tràng", "đã lưu trữ")
	AssertFairUnchanged(t, db, before)
	k := MustRegister(t, db, data.BookingRequest{FairID: late.ID, EnterpriseID: e.ID, BoothsWanted: 1, LateNote: "Sở đồng ý nhận muộn"})
	if k.LateNote != "Sở đồng ý nhận muộn" || k.Status != data.BookingRegistered {
		t.Fatalf("late %+v", k)
	}
}

func TestAbroadLimit(t *testing.T) {
	db := MustOpenDB(t)
	e := MustCreateEnterprise(t, db, nil)
	var fairs []*data.Fair
	for i := 0; i < 3; i++ {
		fairs = append(fairs, MustCreateFair(t, db, NewFair(data.FairAbroad), 2))
	}
	MustRegister(t, db, data.BookingRequest{FairID: fairs[0].ID, EnterpriseID: e.ID, BoothsWanted: 1})
	MustRegister(t, db, data.BookingRequest{FairID: fairs[1].ID, EnterpriseID: e.ID, BoothsWanted: 1})
	before := FairSnapshot(t, db)
	_, err := db.Register(ctx, data.BookingRequest{FairID: fairs[2].ID, EnterpriseID: e.ID, BoothsWanted: 1})
	AssertError(t, err, data.EINVALID, "2 hội chợ nước ngoài", "2026", "không hỗ trợ")
	AssertFairUnchanged(t, db, before)
	k := MustRegister(t, db, data.BookingRequest{FairID: fairs[2].ID, EnterpriseID: e.ID, BoothsWanted: 1, WithoutSupport: true})
	if !k.WithoutSupport || k.Support != 0 || k.OwnShare != 12_000_000 || k.Fee != 12_000_000 {
		t.Fatalf("without support %+v", k)
	}
}

func TestTwoClerksOneBooth(t *testing.T) {
	db1 := MustOpenDB(t)
	db2 := MustOpenAgain(t, db1)
	f := MustCreateFair(t, db1, NewFair(data.FairDomestic), 0)
	if err := db1.AddBooths(ctx, f.ID, []*data.Booth{{Number: "A07", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard}}); err != nil {
		t.Fatal(err)
	}
	e1 := MustCreateEnterprise(t, db1, NewEnterprise("Công ty Mây tre Phú Vinh"))
	e2 := MustCreateEnterprise(t, db1, NewEnterprise("Công ty Lụa Vạn Phúc"))
	k1 := MustRegister(t, db1, data.BookingRequest{FairID: f.ID, EnterpriseID: e1.ID, BoothsWanted: 2}) // waiting
	k2 := MustRegister(t, db2, data.BookingRequest{FairID: f.ID, EnterpriseID: e2.ID, BoothsWanted: 2})
	booths, _ := db1.Booths(ctx, f.ID)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range []struct {
		db *store.DB
		k  *data.Booking
	}{{db1, k1}, {db2, k2}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.db.AssignBooth(ctx, c.k.ID, c.k.Version, booths[0].ID)
		}()
	}
	wg.Wait()
	if (errs[0] == nil) == (errs[1] == nil) {
		t.Fatalf("want one success: %v / %v", errs[0], errs[1])
	}
	lost := errs[0]
	if lost == nil {
		lost = errs[1]
	}
	AssertError(t, lost, data.ECONFLICT, "Gian hàng A07 vừa được giao cho Công ty")
	if n := MustCount(t, db1, "booking_booths"); n != 1 {
		t.Fatalf("%d holders", n)
	}
}

func TestCancelAndWaitingList(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 2)
	a := MustCreateEnterprise(t, db, NewEnterprise("Công ty A"))
	b := MustCreateEnterprise(t, db, NewEnterprise("Công ty B"))
	c := MustCreateEnterprise(t, db, NewEnterprise("Công ty C"))
	ka := MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: a.ID, BoothsWanted: 2})
	kb := MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: b.ID, BoothsWanted: 1})
	kc := MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: c.ID, BoothsWanted: 1})
	if kb.Status != data.BookingWaiting || kc.Status != data.BookingWaiting || kb.Fee != 0 {
		t.Fatalf("waiting %+v %+v", kb, kc)
	}
	before := FairSnapshot(t, db)
	_, err := db.CancelBooking(ctx, ka.ID, ka.Version, " ")
	AssertError(t, err, data.EINVALID, "lý do")
	AssertFairUnchanged(t, db, before)
	served, err := db.CancelBooking(ctx, ka.ID, ka.Version, "Doanh nghiệp rút")
	if err != nil {
		t.Fatal(err)
	}
	if len(served) != 2 || served[0].EnterpriseName != "Công ty B" || served[0].Booths[0] != "A01" || served[1].Booths[0] != "A02" || served[0].Support != 9_600_000 {
		t.Fatalf("served %+v", served)
	}
	// Deleting a fair with bookings, and cancelling an attended booking, are refused.
	before = FairSnapshot(t, db)
	AssertError(t, db.DeleteFair(ctx, f.ID), data.ECONFLICT, f.Code, "lượt đăng ký")
	AssertFairUnchanged(t, db, before)
	kb, _ = db.ConfirmBooking(ctx, served[0].ID, served[0].Version)
	before = FairSnapshot(t, db)
	_, err = db.RecordResults(ctx, kb.ID, kb.Version, data.BookingResults{Attended: true})
	AssertError(t, err, data.EINVALID, "chưa diễn ra")
	AssertFairUnchanged(t, db, before)
	for _, to := range []data.FairStatus{data.FairOpen, data.FairClosed, data.FairHeld} {
		if f, err = db.SetFairStatus(ctx, f.ID, f.Version, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	kb, err = db.RecordResults(ctx, kb.ID, kb.Version, data.BookingResults{Attended: true, Sales: 50_000_000, Contracts: 2, ContractValue: 300_000_000})
	if err != nil || kb.Status != data.BookingAttended {
		t.Fatalf("results %+v %v", kb, err)
	}
	before = FairSnapshot(t, db)
	_, err = db.CancelBooking(ctx, kb.ID, kb.Version, "muộn")
	AssertError(t, err, data.EINVALID, "đã tham gia")
	AssertFairUnchanged(t, db, before)
	empty := MustCreateFair(t, db, NewFair(data.FairCentre), 2)
	if err := db.DeleteFair(ctx, empty.ID); err != nil {
		t.Fatal(err)
	}
}

func TestFairSettings(t *testing.T) {
	db := MustOpenDB(t)
	s, err := db.FairSettings(ctx)
	if err != nil || s.Rules[data.FairCentre].SharePercent != 100 {
		t.Fatal(s, err)
	}
	s.Rules[data.FairDomestic] = data.SupportRule{SharePercent: 70, AbroadPerYear: 2}
	if err := db.SaveFairSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	AssertError(t, db.SaveFairSettings(ctx, data.FairSettings{Rules: map[data.FairKind]data.SupportRule{data.FairAbroad: {SharePercent: 120}}}), data.EINVALID, "120")
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 0)
	if f.Rule.SharePercent != 70 {
		t.Fatalf("rule %+v", f.Rule)
	}
}

func TestBoothOrder(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 0)
	var bs []*data.Booth
	for _, n := range []string{"A10", "B1", "A2", "A1"} {
		bs = append(bs, &data.Booth{Number: n, WidthCM: 300, DepthCM: 250, Kind: data.BoothCorner, Price: 5_000_000})
	}
	if err := db.AddBooths(ctx, f.ID, bs); err != nil {
		t.Fatal(err)
	}
	e := MustCreateEnterprise(t, db, nil)
	k := MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: e.ID, BoothsWanted: 2})
	if strings.Join(k.Booths, ",") != "A1,A2" || k.Fee != 10_000_000 {
		t.Fatalf("booking %+v", k)
	}
	got, err := db.Booths(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, b := range got {
		order = append(order, b.Number+":"+string(b.State))
	}
	if strings.Join(order, ",") != "A1:held,A2:held,A10:free,B1:free" || got[0].Holder != e.Name {
		t.Fatalf("map %v", order)
	}
	// Release recomputes; a held booth cannot be deleted, a free one can.
	AssertError(t, db.DeleteBooth(ctx, got[0].ID), data.ECONFLICT, "A1", e.Name)
	k, err = db.ReleaseBooth(ctx, k.ID, k.Version, got[1].ID)
	if err != nil || k.Fee != 5_000_000 || strings.Join(k.Booths, ",") != "A1" {
		t.Fatalf("release %+v %v", k, err)
	}
	_, err = db.ReleaseBooth(ctx, k.ID, k.Version-1, got[0].ID)
	AssertError(t, err, data.ECONFLICT, "vừa được người khác sửa")
	if err := db.DeleteBooth(ctx, got[1].ID); err != nil {
		t.Fatal(err)
	}
	if hist, err := db.EnterpriseBookings(ctx, e.ID); err != nil || len(hist) != 1 {
		t.Fatal(hist, err)
	}
}

// TestFairConstraints checks that the database itself refuses a second holder of a booth and a
// second active booking of one enterprise at one fair, whatever program writes.
func TestFairConstraints(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 1)
	a := MustCreateEnterprise(t, db, NewEnterprise("Công ty A"))
	b := MustCreateEnterprise(t, db, NewEnterprise("Công ty B"))
	ka := MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: a.ID, BoothsWanted: 1})
	kb := MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: b.ID, BoothsWanted: 1})
	if ka.Status != data.BookingRegistered || kb.Status != data.BookingWaiting {
		t.Fatal(ka.Status, kb.Status)
	}
	if _, err := db.SQL().Exec(db.Rebind(`INSERT INTO booking_booths (booth_id, booking_id, fair_id) SELECT booth_id, ?, fair_id FROM booking_booths`), kb.ID); err == nil {
		t.Fatal("a booth held twice")
	}
	if _, err := db.SQL().Exec(db.Rebind(`INSERT INTO fair_bookings (fair_id, enterprise_id, booths_wanted, status, created_at, updated_at) VALUES (?, ?, 1, 'cho', '', '')`), f.ID, a.ID); err == nil {
		t.Fatal("two active bookings")
	}
	if _, err := db.SQL().Exec(db.Rebind(`INSERT INTO fair_bookings (fair_id, enterprise_id, booths_wanted, status, created_at, updated_at) VALUES (?, ?, 1, 'da_huy', '', '')`), f.ID, a.ID); err != nil {
		t.Fatal("a cancelled booking beside an active one:", err)
	}
	k, err := db.ConfirmBooking(ctx, ka.ID, ka.Version)
	if err != nil || k.Status != data.BookingConfirmed {
		t.Fatal(k, err)
	}
	if bs, _ := db.Booths(ctx, f.ID); bs[0].State != data.BoothConfirmed || bs[0].BookingID != ka.ID {
		t.Fatalf("%+v", bs[0])
	}
	// A cancelled fair takes no registration.
	c := MustCreateEnterprise(t, db, NewEnterprise("Công ty C"))
	_, err = db.SetFairStatus(ctx, f.ID, f.Version, data.FairCancelled, "")
	AssertError(t, err, data.EINVALID, "lý do hủy")
	fr, _ := db.FindFairByID(ctx, f.ID)
	if _, err := db.SetFairStatus(ctx, fr.ID, fr.Version, data.FairCancelled, "Ban tổ chức hoãn"); err != nil {
		t.Fatal(err)
	}
	_, err = db.Register(ctx, data.BookingRequest{FairID: fr.ID, EnterpriseID: c.ID, BoothsWanted: 1})
	AssertError(t, err, data.EINVALID, "Đã hủy", "không nhận đăng ký")
}
