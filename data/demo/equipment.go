package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// equipmentItem is something a workshop of a trade asks support for.
type equipmentItem struct {
	kind       data.EquipmentKind
	what       string
	supplier   string
	investment int64 // millions of đồng
}

// equipmentItems are what the sample's workshops buy or build, by trade; a kind a trade lacks,
// and the other trades, take the list under "", which has every kind.
var equipmentItems = map[string][]equipmentItem{
	"Gốm sứ": {{data.EquipmentMachine, "Lò nung gas con thoi 3 m³", "Công ty TNHH Thiết bị nhiệt Hà Nội", 420},
		{data.EquipmentModel, "Mô hình lò nung gốm tiết kiệm năng lượng, giảm khí thải", "Viện Nghiên cứu Cơ khí", 1_600}},
	"Dệt lụa": {{data.EquipmentMachine, "Máy dệt kiếm điện tử khổ 1,6 m", "Công ty CP Dệt may Thành Công", 380},
		{data.EquipmentLine, "Dây chuyền nhuộm, hấp và hoàn tất lụa tơ tằm", "Công ty TNHH Máy dệt Việt Thái", 900}},
	"Mây tre đan": {{data.EquipmentMachine, "Máy chẻ nan, vót nan tự động", "Cơ khí Phú Nghĩa", 160},
		{data.EquipmentModel, "Mô hình xử lý chống mốc mây tre bằng hơi nước", "Trung tâm Khuyến công Hà Nội", 1_100}},
	"Sơn mài": {{data.EquipmentMachine, "Buồng phun và sấy sơn mài", "Công ty TNHH Thiết bị sơn Đại Việt", 240}},
	"Rèn":     {{data.EquipmentMachine, "Búa máy 150 kg và lò rèn dùng khí", "Cơ khí Đa Sỹ", 310}},
	"Mộc dân dụng": {{data.EquipmentLine, "Dây chuyền chà nhám, phun sơn PU đồ gỗ", "Công ty TNHH Máy chế biến gỗ Hoàng Gia", 1_250},
		{data.EquipmentMachine, "Máy CNC khắc gỗ 4 trục", "Công ty CP Công nghệ CNC Việt", 650}},
	"Chế biến nông sản": {{data.EquipmentLine, "Dây chuyền sấy, cắt và đóng gói miến dong", "Công ty TNHH Cơ khí thực phẩm Tân Tiến", 1_400}},
	"": {{data.EquipmentMachine, "Máy CNC cắt khắc đa năng", "Công ty CP Công nghệ CNC Việt", 520},
		{data.EquipmentLine, "Dây chuyền sơn tĩnh điện khép kín", "Công ty TNHH Thiết bị công nghiệp An Phú", 1_100},
		{data.EquipmentModel, "Mô hình ứng dụng năng lượng mặt trời trong sản xuất", "Viện Năng lượng", 2_000}},
}

// equipmentPlan is the state a sample record is brought to, and what it records on the way.
type equipmentPlan struct {
	to      data.EquipmentStatus
	overCap string // a manager's reason to approve above the rule; "" approves the rule's amount
	refusal string
}

// equipmentPlans are the records of a year, in every state, one approved above the rule.
var equipmentPlans = []equipmentPlan{
	{to: data.EquipmentPaid}, {to: data.EquipmentPaid}, {to: data.EquipmentAccepted},
	{to: data.EquipmentApproved, overCap: "Thiết bị đặc thù của làng nghề truyền thống; Sở Công Thương đồng ý tại Văn bản số 1875/SCT-QLCN."},
	{to: data.EquipmentApproved}, {to: data.EquipmentRequested},
	{to: data.EquipmentRefused, refusal: "Thiết bị đã qua sử dụng, không thuộc đối tượng hỗ trợ theo Nghị định 45/2012/NĐ-CP."},
	{to: data.EquipmentRequested},
}

// Equipment makes the sample's equipment and demonstration-model support: for the year before
// today's and today's, the records of equipmentPlans for workshops of the craft villages, each
// paid by the đề án of content "công nghệ" of its year with the most money not committed
// (as the sample's classes and fairs are, through svc.Programmes.Eligible), and brought to its state on dates up to today; with
// perYear above the plans' number (for benchmarks), as many records a year over the ten years
// up to today's. Call it after Programmes and before the finish Programmes returns, which pays
// the records approved. Without svc.Programmes it does nothing. It returns how many records it made.
func Equipment(ctx context.Context, svc TrainingServices, eq data.EquipmentService, perYear int, seed int64) (int, error) {
	if svc.Programmes == nil || eq == nil {
		return 0, nil
	}
	archived := false
	es, err := svc.Enterprises.FindEnterprises(ctx, data.EnterpriseFilter{Archived: &archived, Sort: data.SortByName})
	if err != nil {
		return 0, err
	}
	// The craft villages' workshops first: they are the ones the centre equips.
	slices.SortStableFunc(es, func(a, b *data.Enterprise) int {
		return boolOrder(a.CraftVillage == "") - boolOrder(b.CraftVillage == "")
	})
	if len(es) == 0 {
		return 0, nil
	}
	m := &equipmentMaker{svc: svc, eq: eq, today: svc.today(), rnd: rand.New(rand.NewPCG(uint64(seed), 0x65717569706d6e74)), pool: es} // "equipmnt"
	first := m.today.Year - 1
	if perYear > len(equipmentPlans) {
		first = m.today.Year - 9
	}
	perYear = max(perYear, len(equipmentPlans))
	for year := first; year <= m.today.Year; year++ {
		for i := range perYear {
			if err := m.record(ctx, year, i, equipmentPlans[i%len(equipmentPlans)]); err != nil {
				return m.made, err
			}
		}
	}
	return m.made, nil
}

// boolOrder is 1 for true and 0 for false, to sort by a condition.
func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// equipmentMaker makes the sample's equipment records.
type equipmentMaker struct {
	svc   TrainingServices
	eq    data.EquipmentService
	today vn.Date
	rnd   *rand.Rand
	pool  []*data.Enterprise // craft-village workshops first
	next  int
	made  int
}

// record makes the i-th record of a year and brings it to its plan's state; a year with no đề án
// of content "công nghệ" to pay gets none, and a date still to come stops the record at the step
// before.
func (m *equipmentMaker) record(ctx context.Context, year, i int, p equipmentPlan) error {
	id, err := payer(ctx, m.svc.Programmes, year, data.ContentTechnology)
	if err != nil || id == 0 {
		return err
	}
	pays, err := m.svc.Programmes.FindProgrammeByID(ctx, id)
	if err != nil {
		return err
	}
	e := m.pool[m.next%len(m.pool)]
	m.next++
	// The kinds in turn, each from the workshop's trade when it has one.
	kind := data.EquipmentKinds[i%len(data.EquipmentKinds)]
	isKind := func(it equipmentItem) bool { return it.kind == kind }
	items := equipmentItems[e.Trade]
	if !slices.ContainsFunc(items, isKind) {
		items = equipmentItems[""]
	}
	item := items[slices.IndexFunc(items, isKind)]
	requested := vn.Date{Year: year, Month: time.Month(2 + i%8), Day: 3 + i%25}
	if m.today.Before(requested) {
		return nil
	}
	investment := (item.investment + int64(m.rnd.IntN(40))*5) * 1_000_000
	q := &data.Equipment{EnterpriseID: e.ID, ProgrammeID: pays.ID, Kind: item.kind, What: item.what, Supplier: item.supplier,
		RequestedOn: requested, Investment: investment, Requested: investment / 2,
		Documents: fmt.Sprintf("Đơn đề nghị số %d/ĐN ngày %s", 10+i, requested)}
	if err := m.eq.CreateEquipment(ctx, q); err != nil {
		return fmt.Errorf("hồ sơ thiết bị mẫu %s: %w", q.What, err)
	}
	m.made++
	return m.advance(ctx, q, p, pays)
}

// advance brings q along the steps to p.to, stopping before a step the đề án cannot take or
// whose date is still to come.
func (m *equipmentMaker) advance(ctx context.Context, q *data.Equipment, p equipmentPlan, payer *data.Programme) error {
	rules, err := m.eq.EquipmentSettings(ctx)
	if err != nil {
		return err
	}
	allowed := rules.Rules[q.Kind].Support(q.Investment)
	steps := map[data.EquipmentStatus][]data.EquipmentTransition{
		data.EquipmentRefused:  {{To: data.EquipmentRefused, Reason: p.refusal}},
		data.EquipmentApproved: {{To: data.EquipmentApproved}},
		data.EquipmentAccepted: {{To: data.EquipmentApproved}, {To: data.EquipmentAccepted, Date: q.RequestedOn.AddDays(120)}},
		data.EquipmentPaid: {{To: data.EquipmentApproved}, {To: data.EquipmentAccepted, Date: q.RequestedOn.AddDays(120)},
			{To: data.EquipmentPaid, Date: q.RequestedOn.AddDays(150)}},
	}[p.to]
	for _, t := range steps {
		if t.To == data.EquipmentApproved {
			t.Approved, t.Documents = allowed, fmt.Sprintf("Quyết định hỗ trợ số %d/QĐ-KC", 300+m.made)
			if p.overCap != "" {
				t.Approved, t.OverCapReason = min(allowed+allowed/5, q.Investment), p.overCap
			}
			// Only a đề án approved and with the money left approves support.
			if !payer.Status.Commits() || payer.Status == data.ProgrammeSettled || t.Approved > payer.Support-payer.Committed {
				return nil
			}
		}
		if m.today.Before(t.Date) {
			return nil
		}
		t.ID, t.Version = q.ID, q.Version
		saved, err := m.eq.SetEquipmentStatus(ctx, t)
		if err != nil {
			return fmt.Errorf("hồ sơ thiết bị mẫu %s → %s: %w", q.Code, t.To.Label(), err)
		}
		q = saved
	}
	return nil
}
