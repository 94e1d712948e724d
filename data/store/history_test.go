package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// historyFixture is a craft village with two enterprises (a and b) and one outside it (c), the
// classes they hosted or that were held for the village, their workers trained, a fair booking
// and equipment.
type historyFixture struct {
	db      *store.DB
	village *data.Village
	a, b, c *data.Enterprise
	support int64 // the support of a's booking
}

func newHistoryFixture(t *testing.T) historyFixture {
	t.Helper()
	db := MustOpenDB(t)
	f := historyFixture{db: db, village: MustCreateVillage(t, db, NewVillage("Làng gốm Bát Tràng"))}
	f.a, f.b, f.c = NewEnterprise("Hợp tác xã Gốm Bát Tràng"), NewEnterprise("Công ty Gốm Minh Long"), NewEnterprise("Xưởng mộc Đông Anh")
	f.a.VillageID, f.b.VillageID = f.village.ID, f.village.ID
	for _, e := range []*data.Enterprise{f.a, f.b, f.c} {
		MustCreateEnterprise(t, db, e)
	}
	training := MustProgrammeIn(t, db, 2026, "ĐA-01/2026", data.ContentTraining, data.ProgrammeRunning, 1_000_000_000)
	tech := MustProgrammeIn(t, db, 2026, "ĐA-03/2026", data.ContentTechnology, data.ProgrammeRunning, 1_000_000_000)
	fairs := MustProgrammeIn(t, db, 2026, "ĐA-04/2026", data.ContentProducts, data.ProgrammeRunning, 1_000_000_000)
	trainee := func(name string, workplace *data.Enterprise) *data.Trainee {
		tr := NewTrainee(name, day(1990, 5, 5))
		if workplace != nil {
			tr.WorkplaceID = workplace.ID
		}
		return MustCreateTrainee(t, db, tr)
	}
	class := func(code string, host *data.Enterprise, year int, edits ...func(*data.Class)) *data.Class {
		c := NewClass(code)
		c.Start, c.End = day(year, 3, 2), day(year, 5, 8)
		if host != nil {
			c.HostEnterpriseID = host.ID
		}
		for _, edit := range edits {
			edit(c)
		}
		return MustCreateClass(t, db, c)
	}
	// Class 1, hosted by a and paid by ĐA-01/2026: a worker of a, one of c, and one of b who left.
	c1 := class("LH-2026-001", f.a, 2026, func(c *data.Class) { c.ProgrammeID = training })
	es := MustEnroll(t, db, c1, trainee("Nguyễn Thị Lan", f.a), trainee("Trần Văn Bình", f.c), trainee("Lê Thị Hoa", f.b))
	if _, err := db.Withdraw(ctx, es[2].ID, es[2].Version, day(2026, 3, 10), "Chuyển nơi ở"); err != nil {
		t.Fatal(err)
	}
	// Class 2 of 2025, hosted by c: two workers of a and one of c.
	MustEnroll(t, db, class("LH-2025-001", f.c, 2025), trainee("Phạm Văn Cường", f.a), trainee("Đỗ Thị Mai", f.a), trainee("Vũ Văn Dũng", f.c))
	// Class 3, held for the village, with no host.
	c3 := class("LH-2026-002", nil, 2026, func(c *data.Class) { c.VillageID = f.village.ID })
	MustEnroll(t, db, c3, trainee("Hoàng Thị Yến", nil))
	// Class 4, hosted by a, cancelled: not a support.
	c4 := MustEnrollOne(t, db, class("LH-2026-003", f.a, 2026), trainee("Bùi Văn Long", f.a))
	if _, err := db.SetClassStatus(ctx, c4.ID, c4.Version, data.ClassCancelled, "Không đủ học viên"); err != nil {
		t.Fatal(err)
	}

	fair := NewFair(data.FairDomestic)
	fair.ProgrammeID = fairs
	MustCreateFair(t, db, fair, 3)
	f.support = MustRegister(t, db, data.BookingRequest{FairID: fair.ID, EnterpriseID: f.a.ID, BoothsWanted: 1}).Support
	cancelled := MustRegister(t, db, data.BookingRequest{FairID: fair.ID, EnterpriseID: f.b.ID, BoothsWanted: 1})
	if _, err := db.CancelBooking(ctx, cancelled.ID, cancelled.Version, "Không tham gia"); err != nil {
		t.Fatal(err)
	}

	MustMove(t, db, MustCreateEquipment(t, db, NewEquipment(f.a.ID, tech)), data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000})
	MustCreateEquipment(t, db, NewEquipment(f.a.ID, tech)) // only requested: not a support yet
	model := NewEquipment(f.b.ID, tech)
	model.Kind, model.What, model.RequestedOn = data.EquipmentModel, "Mô hình lò nung tiết kiệm năng lượng", day(2026, 6, 1)
	MustMove(t, db, MustCreateEquipment(t, db, model), data.EquipmentTransition{To: data.EquipmentApproved, Approved: 90_000_000})
	return f
}

// MustEnrollOne enrols one trainee in c and returns c as stored.
func MustEnrollOne(tb testing.TB, db *store.DB, c *data.Class, tr *data.Trainee) *data.Class {
	tb.Helper()
	MustEnroll(tb, db, c, tr)
	return MustClass(tb, db, c.ID)
}

// RecordLines returns the records of a history as comparable lines.
func RecordLines(h *data.SupportHistory) []string {
	var out []string
	for _, r := range h.Records {
		out = append(out, fmt.Sprintf("%s %s %s %s|%s|%s|%d|%d", r.Date, r.Kind, r.Code, r.Description, r.Enterprise, r.Programme, r.People, r.Amount))
	}
	return out
}

func TestEnterpriseHistory(t *testing.T) {
	f := newHistoryFixture(t)
	h, err := f.db.EnterpriseHistory(ctx, f.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("15/12/2026 hoi_cho HC-2026-001 Hội chợ Làng nghề Hà Nội 2026||ĐA-04/2026|0|%d", f.support),
		"02/03/2026 lop_to_chuc LH-2026-001 Lớp truyền nghề gốm sứ Bát Tràng||ĐA-01/2026|2|150000000",
		"02/03/2026 thiet_bi TB-2026-001 Lò nung gas 3 m³||ĐA-03/2026|0|100000000",
		"02/03/2025 dao_tao LH-2025-001 Lớp truyền nghề gốm sứ Bát Tràng|||2|0",
	}
	if got := RecordLines(h); !slices.Equal(got, want) {
		t.Fatalf("records:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.support <= 0 {
		t.Fatalf("the booking has no support (%d): the fixture does not test bookings", f.support)
	}
	wantYears := []data.YearTotal{{Year: 2026, Records: 3, People: 2, Amount: 250_000_000 + f.support}, {Year: 2025, Records: 1, People: 2}}
	if !slices.Equal(h.Years, wantYears) {
		t.Fatalf("years %+v, want %+v", h.Years, wantYears)
	}
	if h.Total != (data.YearTotal{Records: 4, People: 4, Amount: 250_000_000 + f.support}) {
		t.Fatalf("total %+v", h.Total)
	}

	t.Run("Empty", func(t *testing.T) {
		h, err := f.db.EnterpriseHistory(ctx, f.b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := RecordLines(h); len(got) != 1 || !strings.Contains(got[0], "mo_hinh TB-2026-003") {
			t.Fatalf("b's history %v: the cancelled booking and the withdrawn worker count for nothing", got)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.db.EnterpriseHistory(ctx, 999)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy doanh nghiệp mã 999")
	})
}

func TestVillageDetail(t *testing.T) {
	f := newHistoryFixture(t)
	d, err := f.db.VillageDetail(ctx, f.village.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Village.Name != "Làng gốm Bát Tràng" || d.Village.Enterprises != 2 {
		t.Fatalf("village %+v", d.Village)
	}
	if got := Names(d.Enterprises); !slices.Equal(got, []string{"Công ty Gốm Minh Long", "Hợp tác xã Gốm Bát Tràng"}) {
		t.Fatalf("enterprises %v", got)
	}
	var classes []string
	for _, c := range d.Classes {
		classes = append(classes, c.Code)
	}
	// Held for it or hosted by its enterprises, newest first; the cancelled one is listed too.
	if want := []string{"LH-2026-003", "LH-2026-002", "LH-2026-001"}; !slices.Equal(classes, want) {
		t.Fatalf("classes %v, want %v", classes, want)
	}
	// Lan and Bình in class 1, Yến in class 3, Cường and Mai (workers of a) in class 2; not Hoa,
	// who left, nor Long, whose class was cancelled.
	if d.Trainees != 5 {
		t.Fatalf("trainees %d, want 5", d.Trainees)
	}
	want := []string{
		fmt.Sprintf("15/12/2026 hoi_cho HC-2026-001 Hội chợ Làng nghề Hà Nội 2026|Hợp tác xã Gốm Bát Tràng|ĐA-04/2026|0|%d", f.support),
		"01/06/2026 mo_hinh TB-2026-003 Mô hình lò nung tiết kiệm năng lượng|Công ty Gốm Minh Long|ĐA-03/2026|0|90000000",
		"02/03/2026 lop_to_chuc LH-2026-001 Lớp truyền nghề gốm sứ Bát Tràng|Hợp tác xã Gốm Bát Tràng|ĐA-01/2026|2|150000000",
		"02/03/2026 lop_to_chuc LH-2026-002 Lớp truyền nghề gốm sứ Bát Tràng|||1|150000000",
		"02/03/2026 thiet_bi TB-2026-001 Lò nung gas 3 m³|Hợp tác xã Gốm Bát Tràng|ĐA-03/2026|0|100000000",
		"02/03/2025 dao_tao LH-2025-001 Lớp truyền nghề gốm sứ Bát Tràng|Hợp tác xã Gốm Bát Tràng||2|0",
	}
	if got := RecordLines(&d.History); !slices.Equal(got, want) {
		t.Fatalf("records:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d.History.Total != (data.YearTotal{Records: 6, People: 5, Amount: 490_000_000 + f.support}) {
		t.Fatalf("total %+v", d.History.Total)
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := f.db.VillageDetail(ctx, 999)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy làng nghề mã 999")
	})
}
