package demo

import (
	"context"
	"fmt"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// programmePlan is the sample's đề án of one content, the same each year.
type programmePlan struct {
	content data.Content
	name    string // %d is the year
	funding data.Funding
	support int64 // millions of đồng of khuyến công money
	own     int64 // millions of đồng the beneficiaries add
	targets []data.Target
	// status is where the đề án stands today in the year before today's, today's and the next.
	status [3]data.ProgrammeStatus
	reason string // why a cancelled one was cancelled
}

// Short names of the statuses, for the table below.
const (
	proposed  = data.ProgrammeProposed
	approved  = data.ProgrammeApproved
	running   = data.ProgrammeRunning
	accepted  = data.ProgrammeAccepted
	settled   = data.ProgrammeSettled
	cancelled = data.ProgrammeCancelled
)

// programmePlans are the nine contents of Decree 45/2012 art. 4, one đề án each a year, in
// every status over the three years.
var programmePlans = []programmePlan{
	{content: data.ContentTraining, name: "Đào tạo nghề, truyền nghề cho lao động nông thôn tại các làng nghề năm %d",
		funding: data.FundingLocal, support: 1_800, own: 250,
		targets: []data.Target{{Measure: data.MeasureTrainees, Planned: 150}, {Measure: data.MeasureClasses, Planned: 6}},
		status:  [3]data.ProgrammeStatus{settled, running, approved}},
	{content: data.ContentManagement, name: "Nâng cao năng lực quản lý cho cán bộ khuyến công và chủ cơ sở công nghiệp nông thôn năm %d",
		funding: data.FundingLocal, support: 450, own: 0,
		targets: []data.Target{{Measure: data.MeasureTrainees, Planned: 90}, {Measure: data.MeasureClasses, Planned: 3}},
		status:  [3]data.ProgrammeStatus{settled, running, proposed}},
	{content: data.ContentTechnology, name: "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến và xây dựng mô hình trình diễn kỹ thuật năm %d",
		funding: data.FundingNational, support: 2_500, own: 3_200,
		targets: []data.Target{{Measure: data.MeasureEquipment, Planned: 8}, {Measure: data.MeasureModels, Planned: 2}, {Measure: data.MeasureEnterprises, Planned: 10}},
		status:  [3]data.ProgrammeStatus{settled, running, proposed}},
	{content: data.ContentProducts, name: "Hỗ trợ cơ sở công nghiệp nông thôn tham gia hội chợ triển lãm trong và ngoài nước năm %d",
		funding: data.FundingNational, support: 3_000, own: 900,
		targets: []data.Target{{Measure: data.MeasureEnterprises, Planned: 40}},
		status:  [3]data.ProgrammeStatus{settled, running, approved}},
	{content: data.ContentConsulting, name: "Tư vấn lập dự án đầu tư, thiết kế mẫu mã và xây dựng thương hiệu cho cơ sở công nghiệp nông thôn năm %d",
		funding: data.FundingLocal, support: 600, own: 150,
		targets: []data.Target{{Measure: data.MeasureOther, Label: "Cơ sở được tư vấn", Unit: "cơ sở", Planned: 30}},
		status:  [3]data.ProgrammeStatus{accepted, approved, proposed}},
	{content: data.ContentInformation, name: "Thông tin tuyên truyền về hoạt động khuyến công trên truyền hình, báo chí năm %d",
		funding: data.FundingLocal, support: 500, own: 0,
		targets: []data.Target{{Measure: data.MeasureOther, Label: "Phóng sự, chuyên mục truyền hình", Unit: "chương trình", Planned: 12}},
		status:  [3]data.ProgrammeStatus{settled, accepted, proposed}},
	{content: data.ContentCooperation, name: "Hỗ trợ liên doanh liên kết và lập quy hoạch chi tiết cụm công nghiệp năm %d",
		funding: data.FundingLocal, support: 1_200, own: 600,
		targets: []data.Target{{Measure: data.MeasureOther, Label: "Cụm công nghiệp được hỗ trợ", Unit: "cụm", Planned: 2}},
		status:  [3]data.ProgrammeStatus{settled, proposed, proposed}},
	{content: data.ContentInternational, name: "Hợp tác quốc tế về khuyến công: học tập kinh nghiệm phát triển làng nghề năm %d",
		funding: data.FundingNational, support: 400, own: 0,
		targets: []data.Target{{Measure: data.MeasureOther, Label: "Đoàn học tập kinh nghiệm", Unit: "đoàn", Planned: 1}},
		status:  [3]data.ProgrammeStatus{cancelled, cancelled, proposed},
		reason:  "Nước bạn hoãn chương trình đón đoàn; kinh phí chuyển sang đề án hỗ trợ hội chợ triển lãm."},
	{content: data.ContentCapacity, name: "Nâng cao năng lực tổ chức thực hiện hoạt động khuyến công năm %d",
		funding: data.FundingLocal, support: 350, own: 0,
		targets: []data.Target{{Measure: data.MeasureOther, Label: "Cán bộ khuyến công được bồi dưỡng", Unit: "người", Planned: 60}},
		status:  [3]data.ProgrammeStatus{settled, running, proposed}},
}

// payer returns the đề án of a year and content that pays a new class or fair: of those that may
// take it, one approved or later before one only proposed, and among them the one with the most
// support not yet committed; 0 when there is none, or no service.
func payer(ctx context.Context, svc data.ProgrammeService, year int, content data.Content) (int64, error) {
	if svc == nil {
		return 0, nil
	}
	ps, err := svc.Eligible(ctx, year, content)
	if err != nil {
		return 0, err
	}
	var best *data.Programme
	for _, p := range ps {
		if best == nil || p.Status.Commits() && !best.Status.Commits() ||
			p.Status.Commits() == best.Status.Commits() && p.Support-p.Committed > best.Support-best.Committed {
			best = p
		}
	}
	if best == nil {
		return 0, nil
	}
	return best.ID, nil
}

// made is a đề án the sample made, and where it is to stand once paid.
type made struct {
	id int64
	to data.ProgrammeStatus
}

// Programmes makes the sample's plans of the year before today's (svc.Now), today's and the
// next, each with a đề án of every content, in every status, with their targets. Call it before
// Training and Fairs, which link their classes and fairs to them; then call the finish it
// returns, which records the advances and payments of what was linked (classes, fair bookings,
// equipment) and the đề án's general costs, and brings each đề án to its status. Without
// svc.Programmes it does nothing. It returns how many đề án it made.
func Programmes(ctx context.Context, svc TrainingServices) (int, func(context.Context) (int, error), error) {
	if svc.Programmes == nil {
		return 0, func(context.Context) (int, error) { return 0, nil }, nil
	}
	today := svc.today()
	var all []made
	for i := range 3 {
		year := today.Year - 1 + i
		plan, err := samplePlan(ctx, svc.Programmes, year, i < 2)
		if err != nil {
			return len(all), nil, err
		}
		for n, pp := range programmePlans {
			p := pp.programme(plan, n+1, fmt.Sprintf(pp.name, year), i)
			m, err := start(ctx, svc.Programmes, p, pp.status[i], pp.reason)
			if err != nil {
				return len(all), nil, fmt.Errorf("đề án mẫu %s: %w", p.Code, err)
			}
			all = append(all, m)
		}
	}
	s := &settler{svc: svc, today: today}
	return len(all), func(ctx context.Context) (int, error) { return s.finish(ctx, all) }, nil
}

// samplePlan stores the plan of a year, approved by the city when decided.
func samplePlan(ctx context.Context, svc data.ProgrammeService, year int, decided bool) (*data.Plan, error) {
	plan := &data.Plan{Year: year, Name: fmt.Sprintf("Kế hoạch khuyến công thành phố Hà Nội năm %d", year)}
	if decided {
		plan.Decision, plan.DecisionDate = fmt.Sprintf("%d/QĐ-UBND", 5000+year%100*17), vn.Date{Year: year - 1, Month: 12, Day: 20}
	} else {
		plan.Notes = "Dự thảo, chờ Ủy ban nhân dân thành phố phê duyệt."
	}
	return plan, svc.SavePlan(ctx, plan)
}

// programme returns đề án number n of a plan, named name, made after pp as it stands in the
// year at index i (0 the year before today's), with its targets' hand-counted progress.
func (pp programmePlan) programme(plan *data.Plan, n int, name string, i int) *data.Programme {
	year := plan.Year
	p := &data.Programme{PlanID: plan.ID, Code: fmt.Sprintf("ĐA-%02d/%d", n, year), Name: name, Content: pp.content, Funding: pp.funding,
		Unit: centreName, Start: vn.Date{Year: year, Month: 2, Day: 1}, End: vn.Date{Year: year, Month: 12, Day: 15},
		Support: pp.support * 1_000_000, Own: pp.own * 1_000_000}
	if pp.status[i] != proposed {
		p.Decision, p.DecisionDate = fmt.Sprintf("%d/QĐ-SCT", 20+n), vn.Date{Year: year, Month: 1, Day: 15}
	}
	for _, t := range pp.targets {
		if t.Measure == data.MeasureOther {
			t.Achieved = [3]int{t.Planned, t.Planned / 2, 0}[i]
		}
		p.Targets = append(p.Targets, t)
	}
	return p
}

// start stores p and brings it as far as it goes before payments: a đề án to be accepted or
// settled runs until the finish pays it.
func start(ctx context.Context, svc data.ProgrammeService, p *data.Programme, to data.ProgrammeStatus, reason string) (made, error) {
	if err := svc.CreateProgramme(ctx, p); err != nil {
		return made{}, err
	}
	path := map[data.ProgrammeStatus][]data.ProgrammeStatus{
		approved: {approved}, running: {approved, running}, accepted: {approved, running}, settled: {approved, running},
		cancelled: {approved, cancelled},
	}[to]
	for _, s := range path {
		saved, err := svc.SetProgrammeStatus(ctx, p.ID, p.Version, s, reason)
		if err != nil {
			return made{}, err
		}
		p = saved
	}
	return made{p.ID, to}, nil
}

// settler pays the sample's đề án.
type settler struct {
	svc   TrainingServices
	today vn.Date
	// every is how many days apart the general costs of a running đề án are paid; 0 for one
	// advance at its start and one payment at its end.
	every    int
	vouchers map[int]int // the last voucher number of each year
	paid     int
}

// finish pays the đề án that run and brings each to its status, returning how many payments it
// recorded.
func (s *settler) finish(ctx context.Context, all []made) (int, error) {
	s.vouchers = map[int]int{}
	for _, m := range all {
		if m.to != running && m.to != accepted && m.to != settled {
			continue
		}
		if err := s.pay(ctx, m.id); err != nil {
			return s.paid, err
		}
		var path []data.ProgrammeStatus
		switch m.to {
		case accepted:
			path = []data.ProgrammeStatus{accepted}
		case settled:
			path = []data.ProgrammeStatus{accepted, settled}
		}
		for _, to := range path {
			p, err := s.svc.Programmes.FindProgrammeByID(ctx, m.id)
			if err == nil {
				_, err = s.svc.Programmes.SetProgrammeStatus(ctx, m.id, p.Version, to, "")
			}
			if err != nil {
				return s.paid, err
			}
		}
	}
	return s.paid, nil
}

// pay records the payments of đề án id up to today: half of each class's budget advanced on its
// first day and the rest paid once it finished; the support of each booking of a fair held,
// paid ten days after it closed, and half of it advanced for a fair to come; half of each
// equipment record's approved support advanced on request and the rest once accepted; its
// general costs. No payment goes above what remains of the đề án.
func (s *settler) pay(ctx context.Context, id int64) error {
	d, err := s.svc.Programmes.ProgrammeDetail(ctx, id)
	if err != nil {
		return err
	}
	p := d.Programme
	left := p.Remaining()
	add := func(kind data.PaymentKind, on vn.Date, amount int64, note string, item func(*data.Payment)) error {
		amount = min(amount, left)
		if amount <= 0 || s.today.Before(on) {
			return nil
		}
		s.vouchers[on.Year]++
		m := &data.Payment{ProgrammeID: p.ID, Kind: kind, Date: on, Amount: amount, Notes: note,
			Voucher: fmt.Sprintf("%03d/PC-KC-%d", s.vouchers[on.Year], on.Year)}
		if item != nil {
			item(m)
		}
		if err := s.svc.Programmes.AddPayment(ctx, m); err != nil {
			return fmt.Errorf("chi %s cho đề án %s: %w", vn.FormatMoney(amount), p.Code, err)
		}
		left -= amount
		s.paid++
		return nil
	}
	for _, a := range d.Activities {
		if err := s.payActivity(ctx, a, add); err != nil {
			return err
		}
	}
	if s.every == 0 {
		if err := add(data.PaymentAdvance, p.Start, p.Support/10, "Tạm ứng kinh phí hội nghị triển khai, in ấn tài liệu", nil); err != nil {
			return err
		}
		return add(data.PaymentFinal, p.End, p.Support/20, "Thanh toán chi phí quản lý, kiểm tra, nghiệm thu", nil)
	}
	for on := p.Start; !p.End.Before(on); on = on.AddDays(s.every) {
		if err := add(data.PaymentFinal, on, p.Support/100, "Chi phí quản lý, kiểm tra, giám sát đề án", nil); err != nil {
			return err
		}
	}
	return nil
}

// payActivity records, through add, the payments of one activity of a đề án.
func (s *settler) payActivity(ctx context.Context, a data.Activity, add func(data.PaymentKind, vn.Date, int64, string, func(*data.Payment)) error) error {
	if a.Committed == 0 {
		return nil
	}
	switch a.Kind {
	case data.ActivityClass:
		c, err := s.svc.Classes.FindClassByID(ctx, a.ID)
		if err != nil {
			return err
		}
		class := func(m *data.Payment) { m.ClassID = c.ID }
		half := c.Budget / 2
		if err := add(data.PaymentAdvance, c.Start, half, "Tạm ứng kinh phí mở lớp "+c.Code, class); err != nil {
			return err
		}
		if c.Status == data.ClassFinished || c.Status == data.ClassCertified {
			return add(data.PaymentFinal, c.End.AddDays(14), c.Budget-half, "Thanh toán kinh phí lớp "+c.Code, class)
		}
	case data.ActivityFair:
		f, err := s.svc.Fairs.FindFairByID(ctx, a.ID)
		if err != nil {
			return err
		}
		bs, err := s.svc.Fairs.FairBookings(ctx, f.ID)
		if err != nil {
			return err
		}
		for _, b := range bs {
			booking := func(m *data.Payment) { m.BookingID = b.ID }
			switch {
			case b.Support == 0:
			case f.Status == data.FairHeld && b.Status == data.BookingAttended:
				err = add(data.PaymentFinal, f.End.AddDays(10), b.Support, "Hỗ trợ gian hàng: "+b.EnterpriseName, booking)
			case f.Status == data.FairClosed && b.Status == data.BookingConfirmed:
				err = add(data.PaymentAdvance, s.today, b.Support/2, "Tạm ứng hỗ trợ gian hàng: "+b.EnterpriseName, booking)
			}
			if err != nil {
				return err
			}
		}
	default: // equipment and models
		equipment := func(m *data.Payment) { m.EquipmentID = a.ID }
		half := a.Committed / 2
		if err := add(data.PaymentAdvance, a.Start, half, "Tạm ứng hỗ trợ "+a.Code, equipment); err != nil {
			return err
		}
		if a.Achieved != "" {
			return add(data.PaymentFinal, s.today, a.Committed-half-a.Paid, "Thanh toán hỗ trợ "+a.Code, equipment)
		}
	}
	return nil
}

// scaleMix is how the đề án of a year at scale share the contents, fifteen at a time: training
// and technology most, the contents with no linked activity least.
var scaleMix = []data.Content{data.ContentTraining, data.ContentManagement, data.ContentProducts, data.ContentTechnology,
	data.ContentConsulting, data.ContentTraining, data.ContentInformation, data.ContentManagement, data.ContentTraining,
	data.ContentCooperation, data.ContentProducts, data.ContentTechnology, data.ContentInternational, data.ContentTraining,
	data.ContentCapacity}

// scaleSupport is the support, in millions of đồng, of the đề án at scale that pay classes: ten
// years of 300 classes need more than the sample's.
var scaleSupport = map[data.Content]int64{data.ContentTraining: 5_000, data.ContentManagement: 4_000}

// ScaleProgrammes makes, for benchmarks, the plans of the ten years up to today's, each with
// perYear đề án of the contents in scaleMix, as the sample's of the same content; those of past
// years are settled once paid, today's run, and one in twenty is cancelled. As Programmes, call
// it before ScaleTraining and call the finish it returns after: it pays the classes linked and
// each running đề án's general costs twice a month (60 đề án a year and 3,000 classes make
// about 20,000 payments). It returns how many đề án it made.
func ScaleProgrammes(ctx context.Context, svc TrainingServices, perYear int) (int, func(context.Context) (int, error), error) {
	if svc.Programmes == nil || perYear <= 0 {
		return 0, func(context.Context) (int, error) { return 0, nil }, nil
	}
	byContent := map[data.Content]programmePlan{}
	for _, pp := range programmePlans {
		byContent[pp.content] = pp
	}
	today := svc.today()
	var all []made
	for year := today.Year - 9; year <= today.Year; year++ {
		plan, err := samplePlan(ctx, svc.Programmes, year, true)
		if err != nil {
			return len(all), nil, err
		}
		for n := range perYear {
			pp := byContent[scaleMix[n%len(scaleMix)]]
			if s, ok := scaleSupport[pp.content]; ok {
				pp.support = s
			}
			pp.status = [3]data.ProgrammeStatus{settled, running, running}
			if n%20 == 19 {
				pp.status, pp.reason = [3]data.ProgrammeStatus{cancelled, cancelled, cancelled}, "Không bố trí được kinh phí đối ứng."
			}
			i := 0 // settled, or cancelled
			if year == today.Year {
				i = 1
			}
			p := pp.programme(plan, n+1, fmt.Sprintf(pp.name, year)+fmt.Sprintf(" (đợt %d)", n+1), i)
			m, err := start(ctx, svc.Programmes, p, pp.status[i], pp.reason)
			if err != nil {
				return len(all), nil, fmt.Errorf("đề án %s: %w", p.Code, err)
			}
			all = append(all, m)
		}
	}
	s := &settler{svc: svc, today: today, every: 15}
	return len(all), func(ctx context.Context) (int, error) { return s.finish(ctx, all) }, nil
}
