package store_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// equipmentTables are the tables an equipment write may change.
var equipmentTables = []string{"equipment", "settings", "audit"}

// MustProgrammeIn stores a đề án of a year, content and status with khuyến công support, in
// the year's plan (made when missing), and returns its id.
func MustProgrammeIn(tb testing.TB, db *store.DB, year int, code string, content data.Content, status data.ProgrammeStatus, support int64) int64 {
	tb.Helper()
	plan, err := db.FindPlan(ctx, year)
	if data.ErrorCode(err) == data.ENOTFOUND {
		plan = MustPlan(tb, db, year)
	} else if err != nil {
		tb.Fatal(err)
	}
	p := NewProgramme(plan, code, content)
	p.Support = support
	path := map[data.ProgrammeStatus][]data.ProgrammeStatus{
		data.ProgrammeApproved:  {data.ProgrammeApproved},
		data.ProgrammeRunning:   {data.ProgrammeApproved, data.ProgrammeRunning},
		data.ProgrammeAccepted:  {data.ProgrammeApproved, data.ProgrammeRunning, data.ProgrammeAccepted},
		data.ProgrammeSettled:   {data.ProgrammeApproved, data.ProgrammeRunning, data.ProgrammeAccepted, data.ProgrammeSettled},
		data.ProgrammeCancelled: {data.ProgrammeCancelled},
	}[status]
	return MustProgramme(tb, db, p, path...).ID
}

// NewEquipment returns a valid request of a machine of 300 million đồng, asking 150 million,
// made on 02/03/2026.
func NewEquipment(enterpriseID, programmeID int64) *data.Equipment {
	return &data.Equipment{EnterpriseID: enterpriseID, ProgrammeID: programmeID, Kind: data.EquipmentMachine,
		What: "Lò nung gas 3 m³", Supplier: "Công ty Cơ khí Hà Nội", RequestedOn: day(2026, 3, 2),
		Investment: 300_000_000, Requested: 150_000_000, Documents: "Đơn số 12/ĐN"}
}

// MustCreateEquipment stores q and returns it.
func MustCreateEquipment(tb testing.TB, db *store.DB, q *data.Equipment) *data.Equipment {
	tb.Helper()
	if err := db.CreateEquipment(ctx, q); err != nil {
		tb.Fatalf("CreateEquipment(%s): %v", q.What, err)
	}
	return q
}

// MustMove moves q through the transitions given (ID and Version filled from q) and returns it.
func MustMove(tb testing.TB, db *store.DB, q *data.Equipment, ts ...data.EquipmentTransition) *data.Equipment {
	tb.Helper()
	for _, t := range ts {
		t.ID, t.Version = q.ID, q.Version
		saved, err := db.SetEquipmentStatus(ctx, t)
		if err != nil {
			tb.Fatalf("SetEquipmentStatus(%s → %s): %v", q.Code, t.To, err)
		}
		*q = *saved
	}
	return q
}

// equipmentFixture is a database with an enterprise and đề án of every kind the tests need.
type equipmentFixture struct {
	db                                   *store.DB
	enterprise, archived                 int64
	tech, tech2025, training, proposed   int64
	cancelled, settled, small, techOther int64
}

func newEquipmentFixture(t *testing.T) equipmentFixture {
	t.Helper()
	db := MustOpenDB(t)
	f := equipmentFixture{db: db}
	f.enterprise = MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Gốm Bát Tràng")).ID
	a := MustCreateEnterprise(t, db, NewEnterprise("Công ty đã giải thể"))
	if _, err := db.SetEnterpriseArchived(ctx, a.ID, a.Version, true); err != nil {
		t.Fatal(err)
	}
	f.archived = a.ID
	f.tech = MustProgrammeIn(t, db, 2026, "ĐA-03/2026", data.ContentTechnology, data.ProgrammeRunning, 1_000_000_000)
	f.techOther = MustProgrammeIn(t, db, 2026, "ĐA-04/2026", data.ContentTechnology, data.ProgrammeApproved, 2_000_000_000)
	f.tech2025 = MustProgrammeIn(t, db, 2025, "ĐA-03/2025", data.ContentTechnology, data.ProgrammeRunning, 1_000_000_000)
	f.training = MustProgrammeIn(t, db, 2026, "ĐA-01/2026", data.ContentTraining, data.ProgrammeRunning, 1_000_000_000)
	f.proposed = MustProgrammeIn(t, db, 2026, "ĐA-05/2026", data.ContentTechnology, data.ProgrammeProposed, 1_000_000_000)
	f.cancelled = MustProgrammeIn(t, db, 2026, "ĐA-06/2026", data.ContentTechnology, data.ProgrammeCancelled, 1_000_000_000)
	f.settled = MustProgrammeIn(t, db, 2026, "ĐA-07/2026", data.ContentTechnology, data.ProgrammeSettled, 1_000_000_000)
	f.small = MustProgrammeIn(t, db, 2026, "ĐA-08/2026", data.ContentTechnology, data.ProgrammeRunning, 250_000_000)
	return f
}

func TestCreateEquipment(t *testing.T) {
	f := newEquipmentFixture(t)
	db := f.db

	t.Run("OK", func(t *testing.T) {
		q := NewEquipment(f.enterprise, f.tech)
		q.Status, q.Approved = data.EquipmentPaid, 99 // ignored: a request starts as a request
		MustCreateEquipment(t, db, q)
		if q.Code != "TB-2026-001" || q.Status != data.EquipmentRequested || q.Approved != 0 || q.Version != 1 ||
			q.EnterpriseName != "Hợp tác xã Gốm Bát Tràng" || q.ProgrammeCode != "ĐA-03/2026" {
			t.Fatalf("created %+v", q)
		}
		q2 := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech))
		if q2.Code != "TB-2026-002" {
			t.Fatalf("second code %s, want TB-2026-002", q2.Code)
		}
		q3 := NewEquipment(f.enterprise, f.tech2025)
		q3.RequestedOn = day(2025, 5, 5)
		if MustCreateEquipment(t, db, q3); q3.Code != "TB-2025-001" {
			t.Fatalf("code of 2025 %s", q3.Code)
		}
		q4 := NewEquipment(f.enterprise, f.tech)
		q4.Code = "tb-2026-010"
		if MustCreateEquipment(t, db, q4); q4.Code != "TB-2026-010" {
			t.Fatalf("code typed %s", q4.Code)
		}
		if q5 := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech)); q5.Code != "TB-2026-011" {
			t.Fatalf("code after TB-2026-010: %s", q5.Code)
		}
	})

	before := TablesDump(t, db, equipmentTables...)
	for _, tc := range []struct {
		name  string
		edit  func(q *data.Equipment)
		code  string
		words []string
	}{
		{"ErrContent", func(q *data.Equipment) { q.ProgrammeID = f.training }, data.EINVALID, []string{"Đề án ĐA-01/2026 thuộc nội dung \"Đào tạo nghề, truyền nghề\""}},
		{"ErrYear", func(q *data.Equipment) { q.ProgrammeID = f.tech2025 }, data.EINVALID, []string{"Đề án ĐA-03/2025 là của năm 2025", "02/03/2026"}},
		{"ErrCancelled", func(q *data.Equipment) { q.ProgrammeID = f.cancelled }, data.EINVALID, []string{"ĐA-06/2026", "\"Hủy\""}},
		{"ErrSettled", func(q *data.Equipment) { q.ProgrammeID = f.settled }, data.EINVALID, []string{"\"Quyết toán\""}},
		{"ErrNoProgramme", func(q *data.Equipment) { q.ProgrammeID = 0 }, data.EINVALID, []string{"Hãy chọn đề án chi trả"}},
		{"ErrUnknownProgramme", func(q *data.Equipment) { q.ProgrammeID = 999 }, data.EINVALID, []string{"Không có đề án mã 999"}},
		{"ErrArchived", func(q *data.Equipment) { q.EnterpriseID = f.archived }, data.EINVALID, []string{"đã được lưu trữ"}},
		{"ErrUnknownEnterprise", func(q *data.Equipment) { q.EnterpriseID = 999 }, data.EINVALID, []string{"Không có doanh nghiệp mã 999"}},
		{"ErrFuture", func(q *data.Equipment) { q.RequestedOn = day(2026, 12, 1) }, data.EINVALID, []string{"Ngày đề nghị 01/12/2026 sau ngày hôm nay"}},
		{"ErrNoDate", func(q *data.Equipment) { q.RequestedOn = day(0, 0, 0) }, data.EINVALID, []string{"Hãy nhập ngày đề nghị"}},
		{"ErrKind", func(q *data.Equipment) { q.Kind = "xe_tai" }, data.EINVALID, []string{"Hãy chọn loại hỗ trợ"}},
		{"ErrWhat", func(q *data.Equipment) { q.What = " " }, data.EINVALID, []string{"Hãy ghi tên máy móc"}},
		{"ErrInvestmentZero", func(q *data.Equipment) { q.Investment, q.Requested = 0, 0 }, data.EINVALID, []string{"Tổng vốn đầu tư phải lớn hơn 0"}},
		{"ErrRequestedAboveInvestment", func(q *data.Equipment) { q.Requested = 300_000_001 }, data.EINVALID, []string{"lớn hơn tổng vốn đầu tư"}},
		{"ErrRequestedNegative", func(q *data.Equipment) { q.Requested = -1 }, data.EINVALID, []string{"Kinh phí đề nghị hỗ trợ phải từ 0"}},
		{"ErrInvestmentHuge", func(q *data.Equipment) { q.Investment = data.MaxMoney + 1 }, data.EINVALID, []string{"Tổng vốn đầu tư phải từ 0"}},
		{"ErrSupplierNewline", func(q *data.Equipment) { q.Supplier = "a\nb" }, data.EINVALID, []string{"Nhà cung cấp phải viết trên một dòng"}},
		{"ErrCodeTaken", func(q *data.Equipment) { q.Code = "TB-2026-001" }, data.ECONFLICT, []string{"Mã hồ sơ TB-2026-001 đã dùng cho \"Lò nung gas 3 m³\""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := NewEquipment(f.enterprise, f.tech)
			tc.edit(q)
			AssertError(t, db.CreateEquipment(ctx, q), tc.code, tc.words...)
			AssertTablesUnchanged(t, db, before, equipmentTables...)
		})
	}
}

func TestSetEquipmentStatus(t *testing.T) {
	f := newEquipmentFixture(t)
	db := f.db

	t.Run("Lifecycle", func(t *testing.T) {
		q := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech))
		MustMove(t, db, q, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 150_000_000, Documents: "QĐ 45/QĐ-KC"})
		if q.Status != data.EquipmentApproved || q.Approved != 150_000_000 || q.Rule != (data.EquipmentRule{SharePercent: 50, Cap: 200_000_000}) ||
			q.OverCapReason != "" || q.Documents != "QĐ 45/QĐ-KC" || q.Version != 2 {
			t.Fatalf("approved %+v", q)
		}
		MustMove(t, db, q, data.EquipmentTransition{To: data.EquipmentAccepted, Date: day(2026, 9, 1)},
			data.EquipmentTransition{To: data.EquipmentPaid, Date: day(2026, 10, 1)})
		got, _ := db.FindEquipmentByID(ctx, q.ID)
		if got.Status != data.EquipmentPaid || got.AcceptedOn != day(2026, 9, 1) || got.PaidOn != day(2026, 10, 1) || got.Documents != "QĐ 45/QĐ-KC" {
			t.Fatalf("paid %+v", got)
		}
		before := TablesDump(t, db, equipmentTables...)
		_, err := db.SetEquipmentStatus(ctx, data.EquipmentTransition{ID: q.ID, Version: q.Version, To: data.EquipmentRefused, Reason: "x"})
		AssertError(t, err, data.EINVALID, "đang ở trạng thái \"Đã thanh toán\" nên không chuyển trạng thái được nữa")
		AssertTablesUnchanged(t, db, before, equipmentTables...)
	})

	t.Run("OverCapWithReason", func(t *testing.T) {
		q := NewEquipment(f.enterprise, f.techOther)
		q.Investment, q.Requested = 600_000_000, 300_000_000
		MustCreateEquipment(t, db, q)
		MustMove(t, db, q, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 250_000_000, OverCapReason: "Dây chuyền đặc thù, UBND thành phố đồng ý tại văn bản 77/UBND"})
		if q.Approved != 250_000_000 || q.OverCapReason == "" || q.Rule.Cap != 200_000_000 {
			t.Fatalf("approved over cap %+v", q)
		}
	})

	t.Run("RuleFromSettings", func(t *testing.T) {
		if err := db.SaveEquipmentSettings(ctx, data.EquipmentSettings{Rules: map[data.EquipmentKind]data.EquipmentRule{data.EquipmentModel: {SharePercent: 40, Cap: 0}}}); err != nil {
			t.Fatal(err)
		}
		q := NewEquipment(f.enterprise, f.techOther)
		q.Kind = data.EquipmentModel
		MustCreateEquipment(t, db, q)
		MustMove(t, db, q, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 120_000_000})
		if q.Rule != (data.EquipmentRule{SharePercent: 40}) {
			t.Fatalf("rule %+v, want the saved 40%% without cap", q.Rule)
		}
	})

	q := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech))
	smallQ := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.small))
	proposedQ := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.proposed))
	// The small đề án (250 million) already holds 150 million of another record.
	MustMove(t, db, MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.small)), data.EquipmentTransition{To: data.EquipmentApproved, Approved: 150_000_000})
	before := TablesDump(t, db, equipmentTables...)
	for _, tc := range []struct {
		name  string
		q     *data.Equipment
		t     data.EquipmentTransition
		code  string
		words []string
	}{
		{"ErrOverCapWithoutReason", q, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 150_000_001}, data.EINVALID,
			[]string{"Kinh phí duyệt 150.000.001 đ vượt mức hỗ trợ theo quy định: 150.000.000 đ (50% tổng vốn đầu tư 300.000.000 đ, tối đa 200.000.000 đ)", "lý do vượt mức"}},
		{"ErrOverCapBlankReason", q, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 200_000_000, OverCapReason: "  "}, data.EINVALID, []string{"lý do vượt mức"}},
		{"ErrApprovedZero", q, data.EquipmentTransition{To: data.EquipmentApproved}, data.EINVALID, []string{"Hãy nhập kinh phí được duyệt", "150.000.000 đ"}},
		{"ErrApprovedAboveInvestment", q, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 300_000_001, OverCapReason: "x"}, data.EINVALID, []string{"lớn hơn tổng vốn đầu tư"}},
		{"ErrAboveUncommitted", smallQ, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_001}, data.EINVALID,
			[]string{"Đề án ĐA-08/2026 chỉ còn 100.000.000 đ chưa cam kết", "đã cam kết 150.000.000 đ"}},
		{"ErrProgrammeProposed", proposedQ, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000}, data.EINVALID, []string{"\"Đề xuất\""}},
		{"ErrStale", q, data.EquipmentTransition{Version: 7, To: data.EquipmentApproved, Approved: 100_000_000}, data.ECONFLICT, []string{"vừa được người khác sửa"}},
		{"ErrSkip", q, data.EquipmentTransition{To: data.EquipmentPaid, Date: day(2026, 5, 1)}, data.EINVALID, []string{"không chuyển sang \"Đã thanh toán\"", "\"Được duyệt\" hoặc \"Từ chối\""}},
		{"ErrRefuseWithoutReason", q, data.EquipmentTransition{To: data.EquipmentRefused, Reason: " "}, data.EINVALID, []string{"Hãy ghi lý do từ chối"}},
		{"ErrReasonControl", q, data.EquipmentTransition{To: data.EquipmentRefused, Reason: "a\x01"}, data.EINVALID, []string{"Lý do từ chối có ký tự điều khiển"}},
		{"ErrNotFound", &data.Equipment{ID: 999}, data.EquipmentTransition{To: data.EquipmentApproved}, data.ENOTFOUND, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := tc.t
			tr.ID = tc.q.ID
			if tr.Version == 0 {
				tr.Version = tc.q.Version
			}
			_, err := db.SetEquipmentStatus(ctx, tr)
			AssertError(t, err, tc.code, tc.words...)
			AssertTablesUnchanged(t, db, before, equipmentTables...)
		})
	}
	t.Run("UpToUncommitted", func(t *testing.T) {
		MustMove(t, db, smallQ, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000})
	})

	MustMove(t, db, q, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 150_000_000})
	before = TablesDump(t, db, equipmentTables...)
	for _, tc := range []struct {
		name  string
		t     data.EquipmentTransition
		words []string
	}{
		{"ErrAcceptNoDate", data.EquipmentTransition{To: data.EquipmentAccepted}, []string{"Hãy nhập ngày nghiệm thu"}},
		{"ErrAcceptBeforeRequest", data.EquipmentTransition{To: data.EquipmentAccepted, Date: day(2026, 3, 1)}, []string{"Ngày nghiệm thu 01/03/2026 trước ngày đề nghị 02/03/2026"}},
		{"ErrAcceptFuture", data.EquipmentTransition{To: data.EquipmentAccepted, Date: day(2026, 11, 29)}, []string{"Ngày nghiệm thu 29/11/2026 sau ngày hôm nay (28/11/2026)"}},
		{"ErrAcceptBadDate", data.EquipmentTransition{To: data.EquipmentAccepted, Date: day(2026, 2, 30)}, []string{"không phải ngày có thật"}},
		{"ErrDocumentsTooLong", data.EquipmentTransition{To: data.EquipmentAccepted, Date: day(2026, 9, 1), Documents: string(make([]byte, data.MaxLongLen+1))}, []string{"Số văn bản"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr := tc.t
			tr.ID, tr.Version = q.ID, q.Version
			_, err := db.SetEquipmentStatus(ctx, tr)
			AssertError(t, err, data.EINVALID, tc.words...)
			AssertTablesUnchanged(t, db, before, equipmentTables...)
		})
	}
	t.Run("ErrPayBeforeAcceptance", func(t *testing.T) {
		MustMove(t, db, q, data.EquipmentTransition{To: data.EquipmentAccepted, Date: day(2026, 9, 1)})
		before := TablesDump(t, db, equipmentTables...)
		_, err := db.SetEquipmentStatus(ctx, data.EquipmentTransition{ID: q.ID, Version: q.Version, To: data.EquipmentPaid, Date: day(2026, 8, 31)})
		AssertError(t, err, data.EINVALID, "Ngày thanh toán 31/08/2026 trước ngày nghiệm thu 01/09/2026")
		AssertTablesUnchanged(t, db, before, equipmentTables...)
	})
	t.Run("ErrRefuseWithPayment", func(t *testing.T) {
		r := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech))
		MustMove(t, db, r, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000})
		MustPay(t, db, &data.Payment{ProgrammeID: f.tech, Kind: data.PaymentAdvance, Date: day(2026, 6, 1), Amount: 50_000_000, Voucher: "PC-01", EquipmentID: r.ID})
		before := TablesDump(t, db, equipmentTables...)
		_, err := db.SetEquipmentStatus(ctx, data.EquipmentTransition{ID: r.ID, Version: r.Version, To: data.EquipmentRefused, Reason: "Không thực hiện"})
		AssertError(t, err, data.ECONFLICT, "đã có 1 khoản tạm ứng")
		AssertTablesUnchanged(t, db, before, equipmentTables...)
	})
	t.Run("RefuseReleasesCommitment", func(t *testing.T) {
		// The small đề án is fully committed; refusing its approved record frees the money.
		MustMove(t, db, smallQ, data.EquipmentTransition{To: data.EquipmentRefused, Reason: "Doanh nghiệp rút hồ sơ"})
		if smallQ.RefusalReason != "Doanh nghiệp rút hồ sơ" {
			t.Fatalf("refused %+v", smallQ)
		}
		again := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.small))
		MustMove(t, db, again, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000})
	})
}

func TestUpdateEquipment(t *testing.T) {
	f := newEquipmentFixture(t)
	db := f.db
	q := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech))

	t.Run("OK", func(t *testing.T) {
		u := *q
		u.What, u.Investment, u.Code = "Lò nung gas 4 m³", 400_000_000, ""
		if err := db.UpdateEquipment(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if u.Code != q.Code || u.Investment != 400_000_000 || u.Version != 2 || u.Status != data.EquipmentRequested {
			t.Fatalf("saved %+v", u)
		}
		*q = u
	})
	approved := MustMove(t, db, MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech)), data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000})
	paid := MustMove(t, db, MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech)),
		data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000},
		data.EquipmentTransition{To: data.EquipmentAccepted, Date: day(2026, 5, 1)},
		data.EquipmentTransition{To: data.EquipmentPaid, Date: day(2026, 6, 1)})
	before := TablesDump(t, db, equipmentTables...)
	for _, tc := range []struct {
		name  string
		q     *data.Equipment
		edit  func(u *data.Equipment)
		code  string
		words []string
	}{
		{"ErrStale", q, func(u *data.Equipment) { u.Version = 1 }, data.ECONFLICT, []string{"vừa được người khác sửa"}},
		{"ErrPaid", paid, func(u *data.Equipment) { u.What = "Khác" }, data.ECONFLICT, []string{"\"Đã thanh toán\" nên không sửa được nữa"}},
		{"ErrApprovedInvestment", approved, func(u *data.Equipment) { u.Investment = 500_000_000 }, data.EINVALID, []string{"đã được duyệt", "không đổi được nữa"}},
		{"ErrApprovedProgramme", approved, func(u *data.Equipment) { u.ProgrammeID = f.techOther }, data.EINVALID, []string{"đề án ĐA-03/2026"}},
		{"ErrContent", q, func(u *data.Equipment) { u.ProgrammeID = f.training }, data.EINVALID, []string{"thuộc nội dung"}},
		{"ErrWhat", q, func(u *data.Equipment) { u.What = "" }, data.EINVALID, []string{"Hãy ghi tên máy móc"}},
		{"ErrNotFound", &data.Equipment{ID: 999}, func(*data.Equipment) {}, data.ENOTFOUND, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := *tc.q
			tc.edit(&u)
			AssertError(t, db.UpdateEquipment(ctx, &u), tc.code, tc.words...)
			AssertTablesUnchanged(t, db, before, equipmentTables...)
		})
	}
	t.Run("ApprovedDetails", func(t *testing.T) {
		u := *approved
		u.Supplier, u.Documents = "Công ty Thiết bị Nhiệt", "HĐ 5/2026"
		if err := db.UpdateEquipment(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if u.Approved != 100_000_000 || u.Status != data.EquipmentApproved || u.Supplier != "Công ty Thiết bị Nhiệt" {
			t.Fatalf("saved %+v", u)
		}
	})
}

func TestDeleteEquipment(t *testing.T) {
	f := newEquipmentFixture(t)
	db := f.db
	q := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech))
	approved := MustMove(t, db, MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech)), data.EquipmentTransition{To: data.EquipmentApproved, Approved: 100_000_000})
	before := TablesDump(t, db, equipmentTables...)
	AssertError(t, db.DeleteEquipment(ctx, approved.ID), data.ECONFLICT, "\"Được duyệt\" nên không xoá được", "Từ chối")
	AssertTablesUnchanged(t, db, before, equipmentTables...)
	AssertError(t, db.DeleteEquipment(ctx, 999), data.ENOTFOUND)
	if err := db.DeleteEquipment(ctx, q.ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.CountEquipment(ctx, data.EquipmentFilter{}); n != 1 {
		t.Fatalf("%d records left, want 1", n)
	}
}

func TestFindEquipment(t *testing.T) {
	f := newEquipmentFixture(t)
	db := f.db
	other := MustCreateEnterprise(t, db, NewEnterprise("Xưởng mộc Đông Anh")).ID
	a := MustCreateEquipment(t, db, NewEquipment(f.enterprise, f.tech))
	b := NewEquipment(other, f.tech)
	b.Kind, b.What, b.RequestedOn = data.EquipmentModel, "Mô hình sấy gỗ bằng năng lượng mặt trời", day(2026, 4, 1)
	MustCreateEquipment(t, db, b)
	c := NewEquipment(f.enterprise, f.tech2025)
	c.RequestedOn = day(2025, 7, 1)
	MustCreateEquipment(t, db, c)
	MustMove(t, db, a, data.EquipmentTransition{To: data.EquipmentApproved, Approved: 1_000_000})

	codes := func(filter data.EquipmentFilter) string {
		t.Helper()
		qs, err := db.FindEquipment(ctx, filter)
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.CountEquipment(ctx, data.EquipmentFilter{Search: filter.Search, Year: filter.Year, Kind: filter.Kind, Status: filter.Status, EnterpriseID: filter.EnterpriseID, ProgrammeID: filter.ProgrammeID})
		if err != nil {
			t.Fatal(err)
		}
		if filter.Limit == 0 && n != len(qs) {
			t.Fatalf("CountEquipment=%d, FindEquipment gave %d", n, len(qs))
		}
		var out []string
		for _, q := range qs {
			out = append(out, q.Code)
		}
		return fmt.Sprint(out)
	}
	year, kind, status := 2026, data.EquipmentModel, data.EquipmentApproved
	for _, tc := range []struct {
		name   string
		filter data.EquipmentFilter
		want   string
	}{
		{"All", data.EquipmentFilter{}, "[TB-2026-002 TB-2026-001 TB-2025-001]"},
		{"SearchWhat", data.EquipmentFilter{Search: "lo nung"}, "[TB-2026-001 TB-2025-001]"},
		{"SearchEnterprise", data.EquipmentFilter{Search: "dong anh"}, "[TB-2026-002]"},
		{"SearchCode", data.EquipmentFilter{Search: "tb 2025"}, "[TB-2025-001]"},
		{"Year", data.EquipmentFilter{Year: &year}, "[TB-2026-002 TB-2026-001]"},
		{"Kind", data.EquipmentFilter{Kind: &kind}, "[TB-2026-002]"},
		{"Status", data.EquipmentFilter{Status: &status}, "[TB-2026-001]"},
		{"Enterprise", data.EquipmentFilter{EnterpriseID: &other}, "[TB-2026-002]"},
		{"Programme", data.EquipmentFilter{ProgrammeID: &f.tech2025}, "[TB-2025-001]"},
		{"Page", data.EquipmentFilter{Offset: 1, Limit: 1}, "[TB-2026-001]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := codes(tc.filter); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

func TestEquipmentSettings(t *testing.T) {
	db := MustOpenDB(t)
	s, err := db.EquipmentSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Rules[data.EquipmentMachine] != (data.EquipmentRule{SharePercent: 50, Cap: 200_000_000}) || s.Rules[data.EquipmentModel] != (data.EquipmentRule{SharePercent: 30, Cap: 500_000_000}) {
		t.Fatalf("defaults %+v", s)
	}
	before := TablesDump(t, db, equipmentTables...)
	AssertError(t, db.SaveEquipmentSettings(ctx, data.EquipmentSettings{Rules: map[data.EquipmentKind]data.EquipmentRule{data.EquipmentLine: {SharePercent: 101}}}), data.EINVALID, "Dây chuyền sản xuất", "Tỷ lệ hỗ trợ phải từ 0 đến 100%")
	AssertError(t, db.SaveEquipmentSettings(ctx, data.EquipmentSettings{Rules: map[data.EquipmentKind]data.EquipmentRule{data.EquipmentLine: {SharePercent: 50, Cap: -1}}}), data.EINVALID, "Mức hỗ trợ tối đa")
	AssertError(t, db.SaveEquipmentSettings(ctx, data.EquipmentSettings{Rules: map[data.EquipmentKind]data.EquipmentRule{"xe": {SharePercent: 50}}}), data.EINVALID, "Loại hỗ trợ \"xe\" không có")
	AssertTablesUnchanged(t, db, before, equipmentTables...)
	if err := db.SaveEquipmentSettings(ctx, data.EquipmentSettings{Rules: map[data.EquipmentKind]data.EquipmentRule{data.EquipmentLine: {SharePercent: 60, Cap: 300_000_000}}}); err != nil {
		t.Fatal(err)
	}
	s, _ = db.EquipmentSettings(ctx)
	if s.Rules[data.EquipmentLine] != (data.EquipmentRule{SharePercent: 60, Cap: 300_000_000}) || s.Rules[data.EquipmentMachine].SharePercent != 50 {
		t.Fatalf("saved %+v", s)
	}
}

// TestSetEquipmentStatus_LastMoneyAtOnce has two managers, each on their own connection to one
// file, approve at the same moment two records that each need all that remains uncommitted of a
// đề án: one approval is recorded, the other is refused with what remains.
func TestSetEquipmentStatus_LastMoneyAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "khuyencong.db")
	first := MustOpenDBAt(t, path)
	second := MustOpenDBAt(t, path)
	enterprise := MustCreateEnterprise(t, first, nil).ID
	for round := range 4 {
		programme := MustProgrammeIn(t, first, 2026, fmt.Sprintf("ĐA-%02d/2026", round+1), data.ContentTechnology, data.ProgrammeRunning, 150_000_000)
		qs := []*data.Equipment{MustCreateEquipment(t, first, NewEquipment(enterprise, programme)), MustCreateEquipment(t, first, NewEquipment(enterprise, programme))}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, db := range []*store.DB{first, second} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = db.SetEquipmentStatus(ctx, data.EquipmentTransition{ID: qs[i].ID, Version: qs[i].Version, To: data.EquipmentApproved, Approved: 150_000_000})
			}()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("round %d: errors %v and %v, want exactly one approval", round, errs[0], errs[1])
		}
		refused := errs[0]
		if refused == nil {
			refused = errs[1]
		}
		AssertError(t, refused, data.EINVALID, "chỉ còn 0 đ chưa cam kết")
		if p := MustFindProgramme(t, first, programme); p.Committed != 150_000_000 {
			t.Fatalf("round %d: committed %d", round, p.Committed)
		}
	}
}
