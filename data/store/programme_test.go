package store_test

import (
	"fmt"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// ProgrammeSnapshot counts what a write of plans, đề án, payments and links can change.
func ProgrammeSnapshot(tb testing.TB, db *store.DB) string {
	tb.Helper()
	var counts []string
	for _, t := range []string{"plans", "programmes", "programme_targets", "payments", "classes", "fairs", "audit"} {
		counts = append(counts, fmt.Sprintf("%s=%d", t, MustCount(tb, db, t)))
	}
	var state string
	if err := db.SQL().QueryRow(`SELECT COALESCE((SELECT string_agg(CAST(version AS TEXT) || status || CAST(support AS TEXT) || code || CAST(year AS TEXT), ',' ORDER BY id) FROM programmes), '') || '|' ||
		COALESCE((SELECT string_agg(CAST(version AS TEXT) || CAST(year AS TEXT), ',' ORDER BY id) FROM plans), '') || '|' ||
		COALESCE((SELECT string_agg(CAST(version AS TEXT) || COALESCE(CAST(programme_id AS TEXT), '-') || COALESCE(CAST(village_id AS TEXT), '-'), ',' ORDER BY id) FROM classes), '') || '|' ||
		COALESCE((SELECT string_agg(CAST(version AS TEXT) || COALESCE(CAST(programme_id AS TEXT), '-'), ',' ORDER BY id) FROM fairs), '') || '|' ||
		COALESCE((SELECT string_agg(CAST(amount AS TEXT), ',' ORDER BY id) FROM payments), '')`).Scan(&state); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(counts, " ") + " " + state
}

// AssertProgrammesUnchanged fails unless the store is as the snapshot before says.
func AssertProgrammesUnchanged(tb testing.TB, db *store.DB, before string) {
	tb.Helper()
	if after := ProgrammeSnapshot(tb, db); after != before {
		tb.Fatalf("a refused write changed the store:\n%s\nwas\n%s", after, before)
	}
}

// MustPlan stores the plan of a year.
func MustPlan(tb testing.TB, db *store.DB, year int) *data.Plan {
	tb.Helper()
	p := &data.Plan{Year: year, Name: fmt.Sprintf("Kế hoạch khuyến công thành phố Hà Nội năm %d", year),
		Decision: "1234/QĐ-UBND", DecisionDate: day(year-1, 12, 20)}
	if err := db.SavePlan(ctx, p); err != nil {
		tb.Fatalf("SavePlan(%d): %v", year, err)
	}
	return p
}

// NewProgramme returns a valid đề án of a plan's year: code, content, 500 million đồng of
// support, 200 million of own contribution, a target of 150 trainees.
func NewProgramme(plan *data.Plan, code string, content data.Content) *data.Programme {
	return &data.Programme{PlanID: plan.ID, Code: code, Name: "Đào tạo nghề gốm sứ cho lao động nông thôn", Content: content,
		Funding: data.FundingLocal, Decision: "56/QĐ-SCT", DecisionDate: day(plan.Year, 1, 15), Unit: "Trung tâm Khuyến công Hà Nội",
		Start: day(plan.Year, 2, 1), End: day(plan.Year, 11, 30), Support: 500_000_000, Own: 200_000_000,
		Targets: []data.Target{{Measure: data.MeasureTrainees, Planned: 150}}}
}

// MustProgramme stores p and moves it through the statuses to.
func MustProgramme(tb testing.TB, db *store.DB, p *data.Programme, to ...data.ProgrammeStatus) *data.Programme {
	tb.Helper()
	if err := db.CreateProgramme(ctx, p); err != nil {
		tb.Fatalf("CreateProgramme(%s): %v", p.Code, err)
	}
	for _, s := range to {
		saved, err := db.SetProgrammeStatus(ctx, p.ID, p.Version, s, "Không còn nhu cầu")
		if err != nil {
			tb.Fatalf("SetProgrammeStatus(%s, %s): %v", p.Code, s, err)
		}
		p = saved
	}
	return p
}

// running are the statuses that take a new đề án to "đang thực hiện".
var running = []data.ProgrammeStatus{data.ProgrammeApproved, data.ProgrammeRunning}

func TestSavePlan(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := db.FindPlan(ctx, 2026); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("FindPlan of no plan: %v", err)
	}
	p := MustPlan(t, db, 2026)
	if got, err := db.FindPlan(ctx, 2026); err != nil || got.Name != p.Name || got.DecisionDate != day(2025, 12, 20) || got.Version != 1 {
		t.Fatalf("FindPlan=%+v, %v", got, err)
	}
	before := ProgrammeSnapshot(t, db)
	AssertError(t, db.SavePlan(ctx, &data.Plan{Year: 2026, Name: "Kế hoạch thứ hai"}), data.ECONFLICT, "Năm 2026 đã có kế hoạch")
	AssertError(t, db.SavePlan(ctx, &data.Plan{Year: 2026}), data.EINVALID, "Tên kế hoạch")
	stale := *p
	stale.Version = 0
	AssertError(t, db.SavePlan(ctx, &stale), data.ECONFLICT, "vừa được người khác sửa")
	MustProgramme(t, db, NewProgramme(p, "ĐA-01/2026", data.ContentTraining))
	before = ProgrammeSnapshot(t, db)
	moved := *p
	moved.Year = 2027
	AssertError(t, db.SavePlan(ctx, &moved), data.EINVALID, "đã có 1 đề án")
	AssertProgrammesUnchanged(t, db, before)
	p.Notes = "Bổ sung"
	if err := db.SavePlan(ctx, p); err != nil || p.Version != 2 || p.Notes != "Bổ sung" {
		t.Fatalf("SavePlan update: %+v, %v", p, err)
	}
}

func TestCreateProgramme(t *testing.T) {
	db := MustOpenDB(t)
	plan, next := MustPlan(t, db, 2026), MustPlan(t, db, 2027)
	p := NewProgramme(plan, " đa-01/2026 ", data.ContentTraining)
	p.Targets = append(p.Targets, data.Target{Measure: data.MeasureOther, Label: "Xây dựng tài liệu", Unit: "bộ", Planned: 2, Achieved: 1})
	MustProgramme(t, db, p)
	if p.Code != "ĐA-01/2026" || p.Year != 2026 || p.Status != data.ProgrammeProposed || p.Version != 1 || len(p.Targets) != 2 ||
		p.Targets[1].Achieved != 1 || p.Targets[0].Achieved != 0 || p.Remaining() != 500_000_000 {
		t.Fatalf("created %+v", p)
	}
	if got, err := db.FindProgrammeByCode(ctx, 2026, "đa-01/2026"); err != nil || got.ID != p.ID {
		t.Fatalf("FindProgrammeByCode=%v, %v", got, err)
	}
	// The same code in another year is another đề án.
	MustProgramme(t, db, NewProgramme(next, "ĐA-01/2026", data.ContentTraining))

	before := ProgrammeSnapshot(t, db)
	for _, tc := range []struct {
		name  string
		edit  func(*data.Programme)
		code  string
		words []string
	}{
		{"ErrCodeTwiceInYear", func(p *data.Programme) { p.Code = "Đa-01/2026" }, data.ECONFLICT, []string{"ĐA-01/2026", "năm 2026", "Đào tạo nghề gốm sứ"}},
		{"ErrEndBeforeStart", func(p *data.Programme) { p.End = day(2026, 1, 31) }, data.EINVALID, []string{"Ngày kết thúc 31/01/2026 trước ngày bắt đầu 01/02/2026"}},
		{"ErrSupportNegative", func(p *data.Programme) { p.Support = -1 }, data.EINVALID, []string{"Kinh phí khuyến công phải từ 0", "-1"}},
		{"ErrSupportOver1000Ty", func(p *data.Programme) { p.Support = data.MaxProgrammeBudget + 1 }, data.EINVALID, []string{"Kinh phí khuyến công", "1.000.000.000.000 đ"}},
		{"ErrOwnNegative", func(p *data.Programme) { p.Own = -1 }, data.EINVALID, []string{"Vốn đối ứng"}},
		{"ErrNoPlan", func(p *data.Programme) { p.PlanID = 0 }, data.EINVALID, []string{"kế hoạch năm"}},
		{"ErrPlanGone", func(p *data.Programme) { p.PlanID = 99 }, data.ENOTFOUND, []string{"kế hoạch"}},
		{"ErrTarget", func(p *data.Programme) { p.Targets[0].Planned = 0 }, data.EINVALID, []string{"Chỉ tiêu 1"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := NewProgramme(plan, "ĐA-02/2026", data.ContentTraining)
			tc.edit(bad)
			AssertError(t, db.CreateProgramme(ctx, bad), tc.code, tc.words...)
			AssertProgrammesUnchanged(t, db, before)
		})
	}
	// The largest budget the store takes.
	big := NewProgramme(plan, "ĐA-02/2026", data.ContentTraining)
	big.Support = data.MaxProgrammeBudget
	MustProgramme(t, db, big)
}

func TestUpdateProgramme(t *testing.T) {
	db := MustOpenDB(t)
	plan := MustPlan(t, db, 2026)
	p := MustProgramme(t, db, NewProgramme(plan, "ĐA-01/2026", data.ContentTraining), running...)
	MustProgramme(t, db, NewProgramme(plan, "ĐA-02/2026", data.ContentTraining))
	MustPay(t, db, &data.Payment{ProgrammeID: p.ID, Kind: data.PaymentFinal, Date: day(2026, 5, 1), Amount: 100_000_000, Voucher: "PC-01"})
	p = MustFindProgramme(t, db, p.ID)
	before := ProgrammeSnapshot(t, db)

	edit := func(f func(*data.Programme)) *data.Programme {
		q := *p
		q.Targets = append([]data.Target(nil), p.Targets...)
		f(&q)
		return &q
	}
	AssertError(t, db.UpdateProgramme(ctx, edit(func(q *data.Programme) { q.Support = 99_999_999 })), data.EINVALID, "ít hơn số đã chi", "100.000.000 đ")
	AssertError(t, db.UpdateProgramme(ctx, edit(func(q *data.Programme) { q.Code = "đa-02/2026" })), data.ECONFLICT, "ĐA-02/2026 đã dùng")
	AssertError(t, db.UpdateProgramme(ctx, edit(func(q *data.Programme) { q.Version-- })), data.ECONFLICT, "vừa được người khác sửa")
	AssertError(t, db.UpdateProgramme(ctx, edit(func(q *data.Programme) { q.End = day(2026, 1, 1) })), data.EINVALID, "trước ngày bắt đầu")
	c := NewClass("LH-2026-001")
	c.ProgrammeID = p.ID
	MustCreateClass(t, db, c)
	p = MustFindProgramme(t, db, p.ID)
	before = ProgrammeSnapshot(t, db)
	AssertError(t, db.UpdateProgramme(ctx, edit(func(q *data.Programme) { q.Content = data.ContentInformation })), data.EINVALID, "1 lớp học", "không đổi năm hay nội dung")
	AssertProgrammesUnchanged(t, db, before)

	q := edit(func(q *data.Programme) {
		q.Name, q.Support = "Đào tạo nghề gốm sứ (điều chỉnh)", 600_000_000
		q.Targets = append(q.Targets, data.Target{Measure: data.MeasureClasses, Planned: 5})
	})
	if err := db.UpdateProgramme(ctx, q); err != nil {
		t.Fatal(err)
	}
	if q.Version != p.Version+1 || q.Support != 600_000_000 || len(q.Targets) != 2 || q.Paid != 100_000_000 || q.Committed != 150_000_000 {
		t.Fatalf("updated %+v", q)
	}

	t.Run("ErrSettled", func(t *testing.T) {
		q := MustFindProgramme(t, db, p.ID)
		for _, s := range []data.ProgrammeStatus{data.ProgrammeAccepted, data.ProgrammeSettled} {
			var err error
			if q, err = db.SetProgrammeStatus(ctx, q.ID, q.Version, s, ""); err != nil {
				t.Fatal(err)
			}
		}
		before := ProgrammeSnapshot(t, db)
		q.Name = "Sửa sau quyết toán"
		AssertError(t, db.UpdateProgramme(ctx, q), data.ECONFLICT, "ĐA-01/2026", "Quyết toán", "không sửa được")
		pays := MustDetail(t, db, q.ID).Payments
		AssertError(t, db.DeletePayment(ctx, pays[0].ID), data.ECONFLICT, "Quyết toán")
		_, err := db.SetProgrammeStatus(ctx, q.ID, q.Version, data.ProgrammeCancelled, "Thôi")
		AssertError(t, err, data.EINVALID, "không chuyển trạng thái được nữa")
		AssertProgrammesUnchanged(t, db, before)
	})
}

// MustFindProgramme returns the stored đề án.
func MustFindProgramme(tb testing.TB, db *store.DB, id int64) *data.Programme {
	tb.Helper()
	p, err := db.FindProgrammeByID(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// MustDetail returns the page of a đề án.
func MustDetail(tb testing.TB, db *store.DB, id int64) *data.ProgrammeDetail {
	tb.Helper()
	d, err := db.ProgrammeDetail(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func TestSetProgrammeStatus(t *testing.T) {
	db := MustOpenDB(t)
	plan := MustPlan(t, db, 2026)
	p := MustProgramme(t, db, NewProgramme(plan, "ĐA-01/2026", data.ContentTraining))
	before := ProgrammeSnapshot(t, db)
	_, err := db.SetProgrammeStatus(ctx, p.ID, p.Version, data.ProgrammeRunning, "")
	AssertError(t, err, data.EINVALID, "không chuyển sang \"Đang thực hiện\" được", "\"Được duyệt\" hoặc \"Hủy\"")
	_, err = db.SetProgrammeStatus(ctx, p.ID, p.Version, data.ProgrammeCancelled, "  ")
	AssertError(t, err, data.EINVALID, "lý do hủy")
	_, err = db.SetProgrammeStatus(ctx, p.ID, p.Version+1, data.ProgrammeApproved, "")
	AssertError(t, err, data.ECONFLICT, "vừa được người khác sửa")
	AssertProgrammesUnchanged(t, db, before)

	p = MustProgramme(t, db, NewProgramme(plan, "ĐA-02/2026", data.ContentTraining), running...)
	MustPay(t, db, &data.Payment{ProgrammeID: p.ID, Kind: data.PaymentAdvance, Date: day(2026, 5, 1), Amount: 1_000_000, Voucher: "PC-01"})
	p = MustFindProgramme(t, db, p.ID)
	before = ProgrammeSnapshot(t, db)
	_, err = db.SetProgrammeStatus(ctx, p.ID, p.Version, data.ProgrammeCancelled, "Không còn nhu cầu")
	AssertError(t, err, data.ECONFLICT, "đã chi 1.000.000 đ", "không hủy được")
	AssertProgrammesUnchanged(t, db, before)

	c := MustProgramme(t, db, NewProgramme(plan, "ĐA-03/2026", data.ContentTraining), data.ProgrammeCancelled)
	if c.Status != data.ProgrammeCancelled || c.CancelReason != "Không còn nhu cầu" {
		t.Fatalf("cancelled %+v", c)
	}
	c.Name = "Sửa đề án đã hủy"
	AssertError(t, db.UpdateProgramme(ctx, c), data.ECONFLICT, "Hủy")
}

func TestDeleteProgramme(t *testing.T) {
	db := MustOpenDB(t)
	plan := MustPlan(t, db, 2026)
	free := MustProgramme(t, db, NewProgramme(plan, "ĐA-01/2026", data.ContentTraining))
	linked := MustProgramme(t, db, NewProgramme(plan, "ĐA-02/2026", data.ContentTraining), running...)
	c := NewClass("LH-2026-001")
	c.ProgrammeID = linked.ID
	MustCreateClass(t, db, c)
	MustPay(t, db, &data.Payment{ProgrammeID: linked.ID, Kind: data.PaymentFinal, Date: day(2026, 5, 1), Amount: 1_000_000, Voucher: "PC-01"})
	fair := NewFair(data.FairDomestic)
	fairs := MustProgramme(t, db, NewProgramme(plan, "ĐA-03/2026", data.ContentProducts))
	fair.ProgrammeID = fairs.ID
	MustCreateFair(t, db, fair, 0)

	technology := MustProgramme(t, db, NewProgramme(plan, "ĐA-04/2026", data.ContentTechnology))
	MustEquipment(t, db, technology.ID, MustCreateEnterprise(t, db, nil).ID, data.EquipmentModel, 100_000_000, data.EquipmentRequested)

	before := ProgrammeSnapshot(t, db)
	AssertError(t, db.DeleteProgramme(ctx, linked.ID), data.ECONFLICT, "ĐA-02/2026 còn 1 lớp học, 1 khoản chi", "Hủy")
	AssertError(t, db.DeleteProgramme(ctx, fairs.ID), data.ECONFLICT, "1 hội chợ")
	AssertError(t, db.DeleteProgramme(ctx, technology.ID), data.ECONFLICT, "1 hồ sơ hỗ trợ thiết bị")
	AssertProgrammesUnchanged(t, db, before)
	if err := db.DeleteProgramme(ctx, free.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.FindProgrammeByID(ctx, free.ID); data.ErrorCode(err) != data.ENOTFOUND {
		t.Fatalf("deleted đề án found: %v", err)
	}
	if n := MustCount(t, db, "programme_targets WHERE programme_id = "+fmt.Sprint(free.ID)); n != 0 {
		t.Fatalf("%d targets left", n)
	}
}

func TestFindProgrammes(t *testing.T) {
	db := MustOpenDB(t)
	plan, next := MustPlan(t, db, 2026), MustPlan(t, db, 2027)
	MustProgramme(t, db, NewProgramme(plan, "ĐA-02/2026", data.ContentTraining))
	p := NewProgramme(plan, "ĐA-01/2026", data.ContentProducts)
	p.Name, p.Funding = "Hỗ trợ cơ sở tham gia hội chợ Đông Anh", data.FundingNational
	MustProgramme(t, db, p, running...)
	MustProgramme(t, db, NewProgramme(next, "ĐA-01/2027", data.ContentTraining))
	codes := func(f data.ProgrammeFilter) string {
		t.Helper()
		ps, err := db.FindProgrammes(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.CountProgrammes(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			out = append(out, p.Code)
		}
		return fmt.Sprintf("%d:%s", n, strings.Join(out, ","))
	}
	year, content, funding, status := 2026, data.ContentTraining, data.FundingNational, data.ProgrammeRunning
	for _, tc := range []struct {
		f    data.ProgrammeFilter
		want string
	}{
		{data.ProgrammeFilter{}, "3:ĐA-01/2027,ĐA-01/2026,ĐA-02/2026"},
		{data.ProgrammeFilter{Limit: 1, Offset: 1}, "3:ĐA-01/2026"},
		{data.ProgrammeFilter{Year: &year}, "2:ĐA-01/2026,ĐA-02/2026"},
		{data.ProgrammeFilter{Content: &content}, "2:ĐA-01/2027,ĐA-02/2026"},
		{data.ProgrammeFilter{Funding: &funding}, "1:ĐA-01/2026"},
		{data.ProgrammeFilter{Status: &status}, "1:ĐA-01/2026"},
		{data.ProgrammeFilter{Search: "dong anh hoi"}, "1:ĐA-01/2026"},
		{data.ProgrammeFilter{Search: "da-01"}, "2:ĐA-01/2027,ĐA-01/2026"},
		{data.ProgrammeFilter{Search: "gốm xyz"}, "0:"},
	} {
		if got := codes(tc.f); got != tc.want {
			t.Errorf("%+v: got %s, want %s", tc.f, got, tc.want)
		}
	}
	el, err := db.Eligible(ctx, 2026, data.ContentTraining)
	if err != nil || len(el) != 1 || el[0].Code != "ĐA-02/2026" || len(el[0].Targets) != 1 {
		t.Fatalf("Eligible=%v, %v", el, err)
	}
}

func TestLinkClass(t *testing.T) {
	db := MustOpenDB(t)
	plan, next := MustPlan(t, db, 2026), MustPlan(t, db, 2027)
	training := MustProgramme(t, db, NewProgramme(plan, "ĐA-01/2026", data.ContentTraining), running...)
	later := MustProgramme(t, db, NewProgramme(next, "ĐA-01/2027", data.ContentTraining))
	info := MustProgramme(t, db, NewProgramme(plan, "ĐA-02/2026", data.ContentInformation))
	management := MustProgramme(t, db, NewProgramme(plan, "ĐA-03/2026", data.ContentManagement))
	cancelled := MustProgramme(t, db, NewProgramme(plan, "ĐA-04/2026", data.ContentTraining), data.ProgrammeCancelled)
	var village int64
	if err := db.SQL().QueryRow(`INSERT INTO villages (name, created_at, updated_at) VALUES ('Làng gốm Bát Tràng', '', '') RETURNING id`).Scan(&village); err != nil {
		t.Fatal(err)
	}

	before := ProgrammeSnapshot(t, db)
	for _, tc := range []struct {
		name  string
		edit  func(*data.Class)
		words []string
	}{
		{"ErrOtherYear", func(c *data.Class) { c.ProgrammeID = later.ID }, []string{"ĐA-01/2027 thuộc kế hoạch năm 2027", "bắt đầu năm 2026"}},
		{"ErrContentDoesNotTrain", func(c *data.Class) { c.ProgrammeID = info.ID }, []string{"ĐA-02/2026", "Thông tin tuyên truyền", "Đào tạo nghề, truyền nghề"}},
		{"ErrManagementClassOnTraining", func(c *data.Class) { c.Kind, c.ProgrammeID = data.ClassKindManagement, training.ID }, []string{"Nâng cao năng lực quản lý"}},
		{"ErrCancelled", func(c *data.Class) { c.ProgrammeID = cancelled.ID }, []string{"ĐA-04/2026", "Hủy", "không nhận thêm lớp học"}},
		{"ErrNoProgramme", func(c *data.Class) { c.ProgrammeID = 999 }, []string{"Không có đề án mã 999"}},
		{"ErrNoVillage", func(c *data.Class) { c.VillageID = 999 }, []string{"làng nghề mã 999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := NewClass("LH-2026-009")
			tc.edit(c)
			AssertError(t, db.CreateClass(ctx, c), data.EINVALID, tc.words...)
			AssertProgrammesUnchanged(t, db, before)
		})
	}

	c := NewClass("LH-2026-001")
	c.ProgrammeID, c.VillageID = training.ID, village
	MustCreateClass(t, db, c)
	if c.ProgrammeCode != "ĐA-01/2026" || c.VillageID != village {
		t.Fatalf("created %+v", c)
	}
	m := NewClass("LH-2026-002")
	m.Kind, m.ProgrammeID = data.ClassKindOfficials, management.ID
	MustCreateClass(t, db, m)

	before = ProgrammeSnapshot(t, db)
	moved := MustClass(t, db, c.ID)
	moved.Start, moved.End = day(2027, 3, 1), day(2027, 4, 1)
	AssertError(t, db.UpdateClass(ctx, moved), data.EINVALID, "thuộc kế hoạch năm 2026", "bắt đầu năm 2027")
	AssertProgrammesUnchanged(t, db, before)

	// A class stays editable after its đề án is settled; it may not be linked anew to one.
	settle := MustFindProgramme(t, db, training.ID)
	for _, s := range []data.ProgrammeStatus{data.ProgrammeAccepted, data.ProgrammeSettled} {
		var err error
		if settle, err = db.SetProgrammeStatus(ctx, settle.ID, settle.Version, s, ""); err != nil {
			t.Fatal(err)
		}
	}
	c = MustClass(t, db, c.ID)
	c.Venue = "Nhà văn hóa thôn Bát Tràng"
	if err := db.UpdateClass(ctx, c); err != nil {
		t.Fatal(err)
	}
	other := NewClass("LH-2026-003")
	other.ProgrammeID = training.ID
	AssertError(t, db.CreateClass(ctx, other), data.EINVALID, "Quyết toán", "không nhận thêm lớp học")

	for _, tc := range []struct {
		f    data.ClassFilter
		want int
	}{
		{data.ClassFilter{ProgrammeID: &training.ID}, 1},
		{data.ClassFilter{ProgrammeID: new(int64)}, 0},
		{data.ClassFilter{VillageID: &village}, 1},
		{data.ClassFilter{VillageID: new(int64)}, 1},
	} {
		n, err := db.CountClasses(ctx, tc.f)
		cs, err2 := db.FindClasses(ctx, tc.f)
		if err != nil || err2 != nil || n != tc.want || len(cs) != tc.want {
			t.Errorf("filter %+v: count %d, found %d (%v, %v), want %d", tc.f, n, len(cs), err, err2, tc.want)
		}
	}
}

func TestLinkFair(t *testing.T) {
	db := MustOpenDB(t)
	plan, next := MustPlan(t, db, 2026), MustPlan(t, db, 2027)
	products := MustProgramme(t, db, NewProgramme(plan, "ĐA-01/2026", data.ContentProducts))
	later := MustProgramme(t, db, NewProgramme(next, "ĐA-01/2027", data.ContentProducts))
	training := MustProgramme(t, db, NewProgramme(plan, "ĐA-02/2026", data.ContentTraining))
	before := ProgrammeSnapshot(t, db)
	for _, tc := range []struct {
		id    int64
		words []string
	}{
		{later.ID, []string{"năm 2027", "hội chợ bắt đầu năm 2026"}},
		{training.ID, []string{"Đào tạo nghề", "Sản phẩm công nghiệp nông thôn tiêu biểu, hội chợ triển lãm"}},
	} {
		f := NewFair(data.FairDomestic)
		f.ProgrammeID = tc.id
		AssertError(t, db.CreateFair(ctx, f), data.EINVALID, tc.words...)
	}
	AssertProgrammesUnchanged(t, db, before)
	f := NewFair(data.FairDomestic)
	f.ProgrammeID = products.ID
	MustCreateFair(t, db, f, 0)
	if got, _ := db.FindFairByID(ctx, f.ID); got.ProgrammeID != products.ID || got.ProgrammeCode != "ĐA-01/2026" {
		t.Fatalf("stored fair %+v", got)
	}
	f.ProgrammeID = 0
	if err := db.UpdateFair(ctx, f); err != nil || f.ProgrammeID != 0 || f.ProgrammeCode != "" {
		t.Fatalf("unlinked %+v, %v", f, err)
	}
}
