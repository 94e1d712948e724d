package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// MustPay records p.
func MustPay(tb testing.TB, db *store.DB, p *data.Payment) *data.Payment {
	tb.Helper()
	if err := db.AddPayment(ctx, p); err != nil {
		tb.Fatalf("AddPayment(%+v): %v", p, err)
	}
	return p
}

// MustEquipment writes an equipment record of đề án programme straight in SQL (the equipment
// store is another's): approved support, in a status.
func MustEquipment(tb testing.TB, db *store.DB, programme, enterprise int64, kind data.EquipmentKind, approved int64, status data.EquipmentStatus) int64 {
	tb.Helper()
	var id int64
	if err := db.SQL().QueryRow(db.Rebind(`INSERT INTO equipment (code, enterprise_id, programme_id, kind, what, requested_on, investment,
		requested, approved, status, created_at, updated_at) VALUES ('TB-2026-' || (SELECT count(*) + 1 FROM equipment), ?, ?, ?,
		'Lò nung gốm bằng khí gas', '2026-03-01', ?, ?, ?, ?, '', '') RETURNING id`),
		enterprise, programme, string(kind), approved*2, approved, approved, string(status)).Scan(&id); err != nil {
		tb.Fatal(err)
	}
	return id
}

// payments is a đề án of each kind of item, with one item of each linked.
type payments struct {
	training, products, technology *data.Programme
	class                          *data.Class
	booking                        *data.Booking
	equipment                      int64
}

// MustPayments makes running đề án of 500 million đồng: a class of 150 million linked to the
// training one, a booking of 9.6 million support at a fair of the products one, an equipment
// record approved at 200 million on the technology one.
func MustPayments(tb testing.TB, db *store.DB) payments {
	tb.Helper()
	plan := MustPlan(tb, db, 2026)
	var s payments
	s.training = MustProgramme(tb, db, NewProgramme(plan, "ĐA-01/2026", data.ContentTraining), running...)
	s.products = MustProgramme(tb, db, NewProgramme(plan, "ĐA-02/2026", data.ContentProducts), running...)
	s.technology = MustProgramme(tb, db, NewProgramme(plan, "ĐA-03/2026", data.ContentTechnology), running...)
	s.class = NewClass("LH-2026-001")
	s.class.ProgrammeID = s.training.ID
	MustCreateClass(tb, db, s.class)
	f := NewFair(data.FairDomestic)
	f.ProgrammeID = s.products.ID
	MustCreateFair(tb, db, f, 2)
	e := MustCreateEnterprise(tb, db, nil)
	s.booking = MustRegister(tb, db, data.BookingRequest{FairID: f.ID, EnterpriseID: e.ID, BoothsWanted: 1})
	if s.booking.Support != 9_600_000 {
		tb.Fatalf("booking support %d", s.booking.Support)
	}
	s.equipment = MustEquipment(tb, db, s.technology.ID, e.ID, data.EquipmentMachine, 200_000_000, data.EquipmentApproved)
	return s
}

func TestAddPayment(t *testing.T) {
	db := MustOpenDB(t)
	s := MustPayments(t, db)
	pay := func(p *data.Programme, kind data.PaymentKind, amount int64, item func(*data.Payment)) *data.Payment {
		m := &data.Payment{ProgrammeID: p.ID, Kind: kind, Date: day(2026, 6, 1), Amount: amount, Voucher: " PC-0001 ", Notes: "Chi theo hợp đồng"}
		if item != nil {
			item(m)
		}
		return m
	}
	class := func(m *data.Payment) { m.ClassID = s.class.ID }
	booking := func(m *data.Payment) { m.BookingID = s.booking.ID }
	equipment := func(m *data.Payment) { m.EquipmentID = s.equipment }

	// Advances up to 70 % of each item, then payments.
	for _, m := range []*data.Payment{
		pay(s.training, data.PaymentAdvance, 105_000_000, class),
		pay(s.products, data.PaymentAdvance, 6_720_000, booking),
		pay(s.technology, data.PaymentAdvance, 140_000_000, equipment),
		pay(s.technology, data.PaymentAdvance, 210_000_000, nil),
		pay(s.training, data.PaymentFinal, 40_000_000, class),
	} {
		MustPay(t, db, m)
		if m.ID == 0 || m.Voucher != "PC-0001" || m.For == "" {
			t.Fatalf("paid %+v", m)
		}
	}
	d := MustDetail(t, db, s.technology.ID)
	if got := []string{d.Payments[0].For, d.Payments[1].For}; got[0] != "Thiết bị TB-2026-1 — Lò nung gốm bằng khí gas" || got[1] != "Chi chung" {
		t.Fatalf("For=%q", got)
	}
	if p := MustFindProgramme(t, db, s.technology.ID); p.Paid != 350_000_000 || p.Remaining() != 150_000_000 || p.Committed != 200_000_000 {
		t.Fatalf("technology %+v", p)
	}

	before := ProgrammeSnapshot(t, db)
	for _, tc := range []struct {
		name  string
		m     *data.Payment
		code  string
		words []string
	}{
		{"ErrMoreThanRemains", pay(s.technology, data.PaymentFinal, 150_000_001, nil), data.EINVALID,
			[]string{"lớn hơn số còn lại của đề án ĐA-03/2026", "chỉ còn 150.000.000 đ", "đã chi 350.000.000 đ"}},
		{"ErrAdvanceOverClass", pay(s.training, data.PaymentAdvance, 1, class), data.EINVALID,
			[]string{"tối đa 70% của 150.000.000 đ là 105.000.000 đ", "đã tạm ứng 105.000.000 đ", "chỉ còn tạm ứng được 0 đ"}},
		{"ErrAdvanceOverBooking", pay(s.products, data.PaymentAdvance, 1, booking), data.EINVALID,
			[]string{"gian hàng của Công ty TNHH Thử nghiệm", "70% của 9.600.000 đ là 6.720.000 đ"}},
		{"ErrAdvanceOverEquipment", pay(s.technology, data.PaymentAdvance, 1, equipment), data.EINVALID,
			[]string{"thiết bị TB-2026-1", "70% của 200.000.000 đ là 140.000.000 đ"}},
		{"ErrAdvanceOverGeneral", pay(s.technology, data.PaymentAdvance, 140_000_001, nil), data.EINVALID,
			[]string{"chi chung của đề án ĐA-03/2026", "70% của 500.000.000 đ là 350.000.000 đ", "đã tạm ứng 210.000.000 đ", "còn tạm ứng được 140.000.000 đ"}},
		{"ErrMoreThanItemHolds", pay(s.training, data.PaymentFinal, 5_000_001, class), data.EINVALID,
			[]string{"lớp LH-2026-001", "được hỗ trợ 150.000.000 đ", "đã chi 145.000.000 đ", "chỉ còn 5.000.000 đ"}},
		{"ErrItemOfAnother", pay(s.training, data.PaymentFinal, 1, booking), data.EINVALID,
			[]string{"Gian hàng của Công ty TNHH Thử nghiệm", "không thuộc đề án ĐA-01/2026"}},
		{"ErrNoItem", pay(s.training, data.PaymentFinal, 1, func(m *data.Payment) { m.ClassID = 999 }), data.EINVALID, []string{"lớp học mã 999"}},
		{"ErrTwoItems", pay(s.training, data.PaymentFinal, 1, func(m *data.Payment) { m.ClassID, m.BookingID = s.class.ID, s.booking.ID }), data.EINVALID, []string{"chỉ trả cho một việc"}},
		{"ErrAmountZero", pay(s.training, data.PaymentFinal, 0, nil), data.EINVALID, []string{"Số tiền phải lớn hơn 0"}},
		{"ErrNoVoucher", pay(s.training, data.PaymentFinal, 1, func(m *data.Payment) { m.Voucher = " " }), data.EINVALID, []string{"số chứng từ"}},
		{"ErrDateToCome", pay(s.training, data.PaymentFinal, 1, func(m *data.Payment) { m.Date = day(2026, 11, 29) }), data.EINVALID, []string{"29/11/2026 chưa tới"}},
		{"ErrNoProgramme", pay(s.training, data.PaymentFinal, 1, func(m *data.Payment) { m.ProgrammeID = 999 }), data.ENOTFOUND, []string{"đề án mã 999"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			AssertError(t, db.AddPayment(ctx, tc.m), tc.code, tc.words...)
			AssertProgrammesUnchanged(t, db, before)
		})
	}

	t.Run("ErrProposed", func(t *testing.T) {
		p := MustProgramme(t, db, NewProgramme(MustPlanOf(t, db, 2026), "ĐA-09/2026", data.ContentTraining))
		before := ProgrammeSnapshot(t, db)
		AssertError(t, db.AddPayment(ctx, pay(p, data.PaymentFinal, 1, nil)), data.EINVALID, "ĐA-09/2026", "\"Đề xuất\"")
		AssertProgrammesUnchanged(t, db, before)
	})

	// A payment recorded by mistake is removed, and what remains grows back.
	d = MustDetail(t, db, s.training.ID)
	if err := db.DeletePayment(ctx, d.Payments[1].ID); err != nil {
		t.Fatal(err)
	}
	if p := MustFindProgramme(t, db, s.training.ID); p.Paid != 105_000_000 {
		t.Fatalf("paid after delete %d", p.Paid)
	}
	AssertError(t, db.DeletePayment(ctx, d.Payments[1].ID), data.ENOTFOUND, "khoản chi")
}

// MustPlanOf returns the stored plan of a year.
func MustPlanOf(tb testing.TB, db *store.DB, year int) *data.Plan {
	tb.Helper()
	p, err := db.FindPlan(ctx, year)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestAddPayment_LastAmountAtOnce has two clerks, each on their own connection to one database, pay
// 30 of the last 50 million đồng of a đề án at the same moment, round after round: one payment
// is recorded, the other is refused with the 20 million that remain.
func TestAddPayment_LastAmountAtOnce(t *testing.T) {
	first := MustOpenDB(t)
	second := MustOpenAgain(t, first)
	plan := MustPlan(t, first, 2026)
	const rounds = 8
	for round := range rounds {
		p := NewProgramme(plan, fmt.Sprintf("ĐA-%02d/2026", round+1), data.ContentTraining)
		p.Support = 80_000_000
		p = MustProgramme(t, first, p, running...)
		MustPay(t, first, &data.Payment{ProgrammeID: p.ID, Kind: data.PaymentFinal, Date: day(2026, 6, 1), Amount: 30_000_000, Voucher: "PC-1"})

		start := make(chan struct{})
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, db := range []*store.DB{first, second} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[i] = db.AddPayment(ctx, &data.Payment{ProgrammeID: p.ID, Kind: data.PaymentFinal, Date: day(2026, 6, 2),
					Amount: 30_000_000, Voucher: fmt.Sprintf("PC-%d-%d", round, i)})
			}()
		}
		close(start)
		wg.Wait()
		ok, refused := 0, 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case data.ErrorCode(err) == data.EINVALID && strings.Contains(data.ErrorMessage(err), "chỉ còn 20.000.000 đ"):
				refused++
			default:
				t.Fatalf("round %d: %v", round, err)
			}
		}
		if ok != 1 || refused != 1 {
			t.Fatalf("round %d: %d recorded, %d refused (%v)", round, ok, refused, errs)
		}
		if got := MustFindProgramme(t, second, p.ID); got.Paid != 60_000_000 || got.Remaining() != 20_000_000 {
			t.Fatalf("round %d: paid %d", round, got.Paid)
		}
	}
}

// TestProgress checks what a đề án holds, paid and achieved, as its page and the year's plan
// show them, counted from what is linked to it.
func TestProgress(t *testing.T) {
	db := MustOpenDB(t)
	s := MustPayments(t, db)
	plan := MustPlanOf(t, db, 2026)

	// The training đề án: a finished class of three trainees, two passing, and the planned class.
	finished, _ := FinishedClass(t, db, "LH-2026-002", trainee{"Nguyễn Thị Hoa", "8,0"}, trainee{"Trần Văn Nam", "6,5"}, trainee{"Lê Văn Bình", "3,0"})
	finished.ProgrammeID = s.training.ID
	if err := db.UpdateClass(ctx, finished); err != nil {
		t.Fatal(err)
	}
	tr := MustFindProgramme(t, db, s.training.ID)
	tr.Targets = []data.Target{{Measure: data.MeasureTrainees, Planned: 150}, {Measure: data.MeasureClasses, Planned: 5},
		{Measure: data.MeasureOther, Label: "Tài liệu đào tạo", Unit: "bộ", Planned: 2, Achieved: 1}}
	if err := db.UpdateProgramme(ctx, tr); err != nil {
		t.Fatal(err)
	}
	MustPay(t, db, &data.Payment{ProgrammeID: tr.ID, Kind: data.PaymentFinal, Date: day(2026, 6, 1), Amount: 20_000_000, Voucher: "PC-1", ClassID: finished.ID})

	// The products đề án: its booking attended with support; the technology one: a machine and a
	// model accepted for another enterprise, one machine refused.
	if _, err := db.SQL().Exec(db.Rebind(`UPDATE fair_bookings SET status = 'da_tham_gia' WHERE id = ?`), s.booking.ID); err != nil {
		t.Fatal(err)
	}
	pr := MustFindProgramme(t, db, s.products.ID)
	pr.Targets = []data.Target{{Measure: data.MeasureEnterprises, Planned: 12}}
	if err := db.UpdateProgramme(ctx, pr); err != nil {
		t.Fatal(err)
	}
	other := MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Gốm Giang Cao"))
	MustEquipment(t, db, s.technology.ID, other.ID, data.EquipmentLine, 100_000_000, data.EquipmentAccepted)
	MustEquipment(t, db, s.technology.ID, other.ID, data.EquipmentModel, 300_000_000, data.EquipmentPaid)
	MustEquipment(t, db, s.technology.ID, other.ID, data.EquipmentMachine, 50_000_000, data.EquipmentRefused)
	te := MustFindProgramme(t, db, s.technology.ID)
	te.Targets = []data.Target{{Measure: data.MeasureEquipment, Planned: 4}, {Measure: data.MeasureModels, Planned: 2}, {Measure: data.MeasureEnterprises, Planned: 3}}
	if err := db.UpdateProgramme(ctx, te); err != nil {
		t.Fatal(err)
	}

	achieved := func(p *data.Programme) string {
		var out []string
		for _, t := range p.Targets {
			out = append(out, fmt.Sprintf("%s %d/%d", t.Measure, t.Achieved, t.Planned))
		}
		return strings.Join(out, ", ")
	}
	sum, err := db.PlanSummary(ctx, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Plan == nil || sum.Plan.ID != plan.ID || len(sum.Programmes) != 3 {
		t.Fatalf("summary %+v", sum)
	}
	for i, want := range []string{
		"300000000 20000000: hoc_vien 2/150, lop 1/5, khac 1/2",
		"9600000 0: co_so 1/12",
		"600000000 0: thiet_bi 1/4, mo_hinh 1/2, co_so 1/3",
	} {
		p := sum.Programmes[i]
		if got := fmt.Sprintf("%d %d: %s", p.Committed, p.Paid, achieved(p)); got != want {
			t.Errorf("%s: %s, want %s", p.Code, got, want)
		}
	}
	if sum.Support != 1_500_000_000 || sum.Own != 600_000_000 || sum.Committed != 909_600_000 || sum.Paid != 20_000_000 {
		t.Errorf("totals %d %d %d %d", sum.Support, sum.Own, sum.Committed, sum.Paid)
	}
	empty, err := db.PlanSummary(ctx, 2030)
	if err != nil || empty.Plan != nil || len(empty.Programmes) != 0 {
		t.Fatalf("summary of a year without plan: %+v, %v", empty, err)
	}

	d := MustDetail(t, db, s.training.ID)
	var acts []string
	for _, a := range d.Activities {
		acts = append(acts, fmt.Sprintf("%s %s %s %d %d %q", a.Kind.Label(), a.Code, a.Status, a.Committed, a.Paid, a.Achieved))
	}
	if got, want := strings.Join(acts, "; "), `Lớp học LH-2026-001 Tuyển sinh 150000000 0 ""; Lớp học LH-2026-002 Kết thúc 150000000 20000000 "2 lao động"`; got != want {
		t.Errorf("activities\n%s, want\n%s", got, want)
	}
	if len(d.Payments) != 1 || d.Payments[0].For != "Lớp LH-2026-002" {
		t.Errorf("payments %+v", d.Payments)
	}
	d = MustDetail(t, db, s.technology.ID)
	acts = nil
	for _, a := range d.Activities {
		acts = append(acts, fmt.Sprintf("%s|%s|%d|%q", a.Kind.Label(), a.Status, a.Committed, a.Achieved))
	}
	if got, want := strings.Join(acts, "; "), `Máy móc, thiết bị|Được duyệt|200000000|""; Máy móc, thiết bị|Đã nghiệm thu|100000000|"1 thiết bị"; Mô hình trình diễn|Đã thanh toán|300000000|"1 mô hình"; Máy móc, thiết bị|Từ chối|0|""`; got != want {
		t.Errorf("activities\n%s, want\n%s", got, want)
	}
}
