package demo

import (
	"context"
	"fmt"
	"math/rand/v2"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// boothPlan is a run of booths of one size, kind and price.
type boothPlan struct {
	numbers      string // a range as the bulk form takes it, "A01–A40"
	width, depth int    // centimetres
	kind         data.BoothKind
	price        int64 // đồng; 0 for the fair's price
}

// fairPlan is one fair of the sample, its dates counted from today.
type fairPlan struct {
	kind                            data.FairKind
	name                            string // %d is the year the fair starts
	organiser, venue, city, country string
	start, days                     int // days from today to the opening day; how long it lasts
	deadline                        int // days before the opening day registration closes
	price                           int64
	booths                          []boothPlan
	status                          data.FairStatus
	bookings                        int    // enterprises registering before the deadline (all booths then wait)
	fill                            bool   // keep registering until two enterprises wait for a booth
	late                            bool   // one more enterprise registers after the deadline, with a note
	reason                          string // why a cancelled fair was cancelled
	abroadRegular                   bool   // the regular exhibitor abroad books it
	withoutSupport                  bool   // … beyond the yearly limit, without support
}

// The booths of a fair the centre organises at the Cung Văn hóa Hữu nghị: two rows of standard
// booths, the corners and the large areas of the village pavilions.
var centreBooths = []boothPlan{
	{numbers: "A01–A40", width: 300, depth: 300, kind: data.BoothStandard},
	{numbers: "C01–C04", width: 300, depth: 300, kind: data.BoothCorner, price: 15_000_000},
	{numbers: "L01–L02", width: 600, depth: 600, kind: data.BoothLarge, price: 40_000_000},
}

const (
	friendshipPalace = "Cung Văn hóa Hữu nghị Việt Xô, 91 Trần Hưng Đạo"
	secc             = "Trung tâm Hội chợ và Triển lãm Sài Gòn (SECC), 799 Nguyễn Văn Linh"
	industryDept     = "Sở Công Thương Hà Nội; Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội"
)

// fairPlans are the sample's fairs in the order they open: two years of fairs at home and abroad,
// the held ones first, then the cancelled, closed, open and planned ones.
var fairPlans = []fairPlan{
	{kind: data.FairDomestic, name: "Hội chợ Hàng Việt Nam chất lượng cao %d",
		organiser: "Hội Doanh nghiệp Hàng Việt Nam chất lượng cao", venue: secc, city: "TP Hồ Chí Minh",
		start: -610, days: 5, deadline: 30, price: 18_000_000,
		booths: []boothPlan{{numbers: "A01–A20", width: 300, depth: 300, kind: data.BoothStandard},
			{numbers: "C01–C02", width: 300, depth: 300, kind: data.BoothCorner, price: 22_000_000}},
		status: data.FairHeld, bookings: 8},
	{kind: data.FairCentre, name: "Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội %d",
		organiser: industryDept, venue: friendshipPalace, city: "Hà Nội",
		start: -410, days: 5, deadline: 20, price: 12_000_000, booths: centreBooths,
		status: data.FairHeld, bookings: 14},
	{kind: data.FairAbroad, name: "Hội chợ Ambiente %d (Frankfurt, Đức)",
		organiser: "Messe Frankfurt GmbH; Cục Xúc tiến thương mại, Bộ Công Thương", venue: "Messe Frankfurt, Ludwig-Erhard-Anlage 1",
		city: "Frankfurt am Main", country: "Đức",
		start: -295, days: 5, deadline: 90, price: 140_000_000,
		booths: []boothPlan{{numbers: "VN01–VN06", width: 300, depth: 300, kind: data.BoothStandard},
			{numbers: "VN07", width: 300, depth: 400, kind: data.BoothCorner, price: 175_000_000}},
		status: data.FairHeld, bookings: 4, abroadRegular: true},
	{kind: data.FairAbroad, name: "Hội chợ Xuất nhập khẩu Trung Quốc (Canton Fair) lần thứ 139, năm %d",
		organiser: "Trung tâm Thương mại Đối ngoại Trung Quốc; Cục Xúc tiến thương mại, Bộ Công Thương",
		venue:     "Khu triển lãm Pazhou, 380 Yuejiang Zhong Road", city: "Quảng Châu", country: "Trung Quốc",
		start: -211, days: 5, deadline: 75, price: 85_000_000,
		booths: []boothPlan{{numbers: "VN01–VN08", width: 300, depth: 300, kind: data.BoothStandard}},
		status: data.FairHeld, bookings: 5, abroadRegular: true},
	{kind: data.FairDomestic, name: "Triển lãm Vietnam International Sourcing %d",
		organiser: "Cục Xúc tiến thương mại, Bộ Công Thương", venue: secc, city: "TP Hồ Chí Minh",
		start: -88, days: 3, deadline: 30, price: 25_000_000,
		booths: []boothPlan{{numbers: "B01–B16", width: 300, depth: 300, kind: data.BoothStandard},
			{numbers: "BL1", width: 600, depth: 900, kind: data.BoothLarge, price: 120_000_000}},
		status: data.FairHeld, bookings: 7},
	{kind: data.FairAbroad, name: "Tokyo International Gift Show mùa Thu %d (Nhật Bản)",
		organiser: "Business Guide-Sha, Inc.; Cục Xúc tiến thương mại, Bộ Công Thương", venue: "Tokyo Big Sight, 3-11-1 Ariake, Koto-ku",
		city: "Tokyo", country: "Nhật Bản",
		start: -86, days: 3, deadline: 60, price: 110_000_000,
		booths: []boothPlan{{numbers: "J01–J06", width: 300, depth: 300, kind: data.BoothStandard}},
		status: data.FairHeld, bookings: 3, abroadRegular: true, withoutSupport: true},
	{kind: data.FairAbroad, name: "Hội chợ Xuất nhập khẩu Trung Quốc (Canton Fair) lần thứ 140, năm %d",
		organiser: "Trung tâm Thương mại Đối ngoại Trung Quốc; Cục Xúc tiến thương mại, Bộ Công Thương",
		venue:     "Khu triển lãm Pazhou, 380 Yuejiang Zhong Road", city: "Quảng Châu", country: "Trung Quốc",
		start: -45, days: 5, deadline: 60, price: 85_000_000,
		booths: []boothPlan{{numbers: "VN01–VN08", width: 300, depth: 300, kind: data.BoothStandard}},
		status: data.FairCancelled,
		reason: "Không đủ số doanh nghiệp tối thiểu đăng ký tham gia đoàn; kinh phí chuyển sang hội chợ Ambiente năm sau."},
	{kind: data.FairCentre, name: "Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội %d",
		organiser: industryDept, venue: friendshipPalace, city: "Hà Nội",
		start: 12, days: 5, deadline: 15, price: 12_000_000, booths: centreBooths,
		status: data.FairClosed, bookings: 16, late: true},
	{kind: data.FairDomestic, name: "Hội chợ Hàng Việt Nam chất lượng cao %d",
		organiser: "Hội Doanh nghiệp Hàng Việt Nam chất lượng cao", venue: secc, city: "TP Hồ Chí Minh",
		start: 105, days: 5, deadline: 45, price: 18_000_000,
		booths: []boothPlan{{numbers: "A01–A12", width: 300, depth: 300, kind: data.BoothStandard}},
		status: data.FairOpen, bookings: 10, fill: true},
	{kind: data.FairAbroad, name: "Hội chợ Ambiente %d (Frankfurt, Đức)",
		organiser: "Messe Frankfurt GmbH; Cục Xúc tiến thương mại, Bộ Công Thương", venue: "Messe Frankfurt, Ludwig-Erhard-Anlage 1",
		city: "Frankfurt am Main", country: "Đức",
		start: 70, days: 5, deadline: 50, price: 145_000_000,
		booths: []boothPlan{{numbers: "VN01–VN06", width: 300, depth: 300, kind: data.BoothStandard}},
		status: data.FairPlanned},
}

// Why sample bookings were cancelled, and what attending enterprises noted.
var (
	bookingCancelReasons = []string{
		"Cơ sở không kịp hoàn thiện sản phẩm mẫu trưng bày.",
		"Chủ cơ sở ốm, không bố trí được người đi hội chợ.",
		"Doanh nghiệp trùng lịch giao đơn hàng xuất khẩu, xin rút đăng ký.",
	}
	resultNotes = []string{
		"Nhiều khách hỏi mua sỉ; đã trao đổi danh thiếp với các nhà phân phối.",
		"Sản phẩm mới được khách quan tâm; cần cải tiến bao bì.",
		"Ký được đơn hàng thử, giao trong quý tới.",
		"Khách nước ngoài đề nghị gửi mẫu và báo giá FOB.",
		"",
	}
)

// Fairs creates, through svc.Fairs, the sample's trade fairs around today (svc.Now): ten fairs of
// every kind and status over two years (the centre's own fairs at the Cung Văn hóa Hữu nghị,
// other fairs at home, fairs in Germany, China and Japan), each with its booths and the bookings
// of craft-village enterprises of the register in every state: registered, confirmed, attended
// with sales and contracts, cancelled with a reason, on the waiting list; one booking after the
// deadline with a note, and one abroad beyond the yearly limit without support. Load the
// enterprises first. The same seed, day and register give the same fairs. It returns how many
// fairs it made; 0 without a fair service.
func Fairs(ctx context.Context, svc TrainingServices, seed int64) (fairs int, err error) {
	if svc.Fairs == nil {
		return 0, nil
	}
	f := &fairMaker{svc: svc.Fairs, programmes: svc.Programmes, today: svc.today(), rnd: rand.New(rand.NewPCG(uint64(seed), 0x6661697273686f77))} // "fairshow"
	archived := false
	es, err := svc.Enterprises.FindEnterprises(ctx, data.EnterpriseFilter{Archived: &archived, Sort: data.SortByName})
	if err != nil {
		return 0, err
	}
	for _, e := range es {
		if e.CraftVillage != "" {
			f.pool = append(f.pool, e)
		}
	}
	for _, e := range es { // the register's other workshops, should the villages run short
		if e.CraftVillage == "" {
			f.pool = append(f.pool, e)
		}
	}
	if len(f.pool) < 30 {
		return 0, fmt.Errorf("hội chợ mẫu cần ít nhất 30 doanh nghiệp đang hoạt động trong sổ, mới có %d", len(f.pool))
	}
	villagers := 0
	for _, e := range f.pool {
		if e.CraftVillage != "" {
			villagers++
		}
	}
	f.rnd.Shuffle(villagers, func(i, j int) { f.pool[i], f.pool[j] = f.pool[j], f.pool[i] })
	f.regular = f.pool[0]
	for _, p := range fairPlans {
		if err := f.fair(ctx, p); err != nil {
			return fairs, fmt.Errorf("hội chợ mẫu %q: %w", fmt.Sprintf(p.name, f.today.AddDays(p.start).Year), err)
		}
		fairs++
	}
	return fairs, nil
}

// fairMaker makes the sample's fairs.
type fairMaker struct {
	svc        data.FairService
	programmes data.ProgrammeService // nil: the fairs are paid by no đề án
	today      vn.Date
	rnd        *rand.Rand
	pool       []*data.Enterprise // craft-village enterprises first, shuffled
	next       int                // the next enterprise of the pool to book
	regular    *data.Enterprise   // the enterprise that goes to every fair abroad
	cancels    int                // bookings cancelled so far, to vary the reasons
}

// upgrade gives the first bookings of bs holding a standard booth a free large booth, then a
// free corner, releasing the standard booth they held; bs is updated in place.
func (f *fairMaker) upgrade(ctx context.Context, fairID int64, bs []*data.Booking) error {
	booths, err := f.svc.Booths(ctx, fairID)
	if err != nil {
		return err
	}
	i := 0
	for _, kind := range []data.BoothKind{data.BoothLarge, data.BoothCorner} {
		var better, old *data.Booth
		for _, b := range booths {
			if b.Kind == kind && b.BookingID == 0 && better == nil {
				better = b
			}
		}
		for ; better != nil && i < len(bs); i++ {
			if bs[i].Status.Active() && len(bs[i].Booths) > 0 {
				break
			}
		}
		if better == nil || i == len(bs) {
			continue
		}
		for _, b := range booths {
			if b.Number == bs[i].Booths[0] {
				old = b
			}
		}
		k, err := f.svc.AssignBooth(ctx, bs[i].ID, bs[i].Version, better.ID)
		if err != nil {
			return err
		}
		if old != nil && old.Kind == data.BoothStandard {
			if k, err = f.svc.ReleaseBooth(ctx, k.ID, k.Version, old.ID); err != nil {
				return err
			}
		}
		better.BookingID = k.ID
		bs[i] = k
		i++
	}
	return nil
}

// enterprise returns the next enterprise of the pool, round the pool, never the regular exhibitor.
func (f *fairMaker) enterprise() *data.Enterprise {
	for {
		e := f.pool[f.next%len(f.pool)]
		f.next++
		if e != f.regular {
			return e
		}
	}
}

// money returns a whole number of hundred thousands of đồng between lo and hi million.
func (f *fairMaker) money(lo, hi int) int64 {
	return int64(lo*10+f.rnd.IntN((hi-lo)*10+1)) * 100_000
}

func (f *fairMaker) fair(ctx context.Context, p fairPlan) error {
	start := f.today.AddDays(p.start)
	fair := &data.Fair{
		Name: fmt.Sprintf(p.name, start.Year), Kind: p.kind,
		Organiser: p.organiser, Venue: p.venue, City: p.city, Country: p.country,
		Start: start, End: start.AddDays(p.days - 1), BoothPrice: p.price, Status: data.FairPlanned,
	}
	deadline := start.AddDays(-p.deadline)
	late := !f.today.Before(deadline) || !f.today.Before(start) // registering today would be late
	if !late {
		fair.Deadline = deadline
	}
	code, err := f.svc.NextFairCode(ctx, start.Year)
	if err != nil {
		return err
	}
	fair.Code = code
	if fair.ProgrammeID, err = payer(ctx, f.programmes, start.Year, data.ContentProducts); err != nil {
		return err
	}
	if err := f.svc.CreateFair(ctx, fair); err != nil {
		return err
	}
	var booths []*data.Booth
	for _, b := range p.booths {
		numbers, err := data.ParseBoothRange(b.numbers)
		if err != nil {
			return err
		}
		for _, n := range numbers {
			booths = append(booths, &data.Booth{FairID: fair.ID, Number: n, WidthCM: b.width, DepthCM: b.depth, Kind: b.kind, Price: b.price})
		}
	}
	if err := f.svc.AddBooths(ctx, fair.ID, booths); err != nil {
		return err
	}
	move := func(to data.FairStatus, reason string) error {
		cur, err := f.svc.FindFairByID(ctx, fair.ID)
		if err != nil {
			return err
		}
		fair, err = f.svc.SetFairStatus(ctx, fair.ID, cur.Version, to, reason)
		return err
	}
	switch p.status {
	case data.FairPlanned:
		return nil
	case data.FairCancelled:
		return move(data.FairCancelled, p.reason)
	}
	if err := move(data.FairOpen, ""); err != nil {
		return err
	}

	// The registrations before the deadline: the regular exhibitor first at a fair abroad.
	var bs []*data.Booking
	register := func(e *data.Enterprise, wanted int, r data.BookingRequest) (*data.Booking, error) {
		r.FairID, r.EnterpriseID, r.BoothsWanted = fair.ID, e.ID, wanted
		if r.Products == "" {
			r.Products = e.Products
		}
		b, err := f.svc.Register(ctx, r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", e.Name, err)
		}
		bs = append(bs, b)
		return b, nil
	}
	if p.abroadRegular {
		r := data.BookingRequest{WithoutSupport: p.withoutSupport}
		if _, err := register(f.regular, 1, r); err != nil {
			return err
		}
	}
	total := len(booths)
	used := 0
	for i := 0; len(bs) < p.bookings || p.fill; i++ {
		wanted := 1
		if p.kind != data.FairAbroad && f.rnd.IntN(4) == 0 && used+2 <= total {
			wanted = 2
		}
		b, err := register(f.enterprise(), wanted, data.BookingRequest{})
		if err != nil {
			return err
		}
		used += len(b.Booths)
		if p.fill && countStatus(bs, data.BookingWaiting) >= 2 {
			break
		}
		if i > 200 {
			return fmt.Errorf("không lấp đầy được %d gian hàng", total)
		}
	}
	// The clerk moves the first enterprises from their standard booths to the large area and a
	// corner, where the fair has them.
	if err := f.upgrade(ctx, fair.ID, bs); err != nil {
		return err
	}
	if late { // the deadline, withheld while the sample registered, is set now
		cur, err := f.svc.FindFairByID(ctx, fair.ID)
		if err != nil {
			return err
		}
		cur.Deadline = deadline
		if err := f.svc.UpdateFair(ctx, cur); err != nil {
			return err
		}
		fair = cur
	}
	if p.late {
		note := fmt.Sprintf("Đăng ký muộn: hồ sơ gửi qua bưu điện ngày %s, Trung tâm nhận sau hạn; Giám đốc Trung tâm đồng ý nhận.", deadline.AddDays(-1))
		if _, err := register(f.enterprise(), 1, data.BookingRequest{LateNote: note}); err != nil {
			return err
		}
	}

	// Cancel one booking that holds booths, which offers them to the first waiting enterprise.
	// One booth only, so that one waiting enterprise gets it and another stays on the list.
	active := activeOf(bs)
	if len(active) > 2 {
		c := active[1+f.rnd.IntN(len(active)-2)]
		for i := 0; i < len(active) && (c.EnterpriseID == f.regular.ID || len(c.Booths) != 1); i++ {
			c = active[(1+i)%len(active)]
		}
		f.cancels++
		if _, err := f.svc.CancelBooking(ctx, c.ID, c.Version, bookingCancelReasons[f.cancels%len(bookingCancelReasons)]); err != nil {
			return err
		}
	}
	// Confirm the bookings: every one at a fair about to be held, most at a closed fair, a
	// couple at an open one.
	bs, err = f.svc.FairBookings(ctx, fair.ID)
	if err != nil {
		return err
	}
	confirmed := 0
	for i, b := range bs {
		if b.Status != data.BookingRegistered || len(b.Booths) == 0 || b.LateNote != "" {
			continue
		}
		switch {
		case p.status == data.FairClosed && i%3 == 2, p.status == data.FairOpen && confirmed >= 2:
			continue
		}
		nb, err := f.svc.ConfirmBooking(ctx, b.ID, b.Version)
		if err != nil {
			return fmt.Errorf("%s: %w", b.EnterpriseName, err)
		}
		bs[i] = nb
		confirmed++
	}
	if p.status == data.FairOpen {
		return nil
	}
	if err := move(data.FairClosed, ""); err != nil {
		return err
	}
	if p.status == data.FairClosed {
		return nil
	}
	if err := move(data.FairHeld, ""); err != nil {
		return err
	}
	// What the fair brought: abroad bigger orders, fewer sales on the spot.
	for _, b := range bs {
		if b.Status != data.BookingConfirmed {
			continue
		}
		var r data.BookingResults
		r.Attended = true
		switch p.kind {
		case data.FairAbroad:
			r.Sales = f.money(5, 60)
			r.Contracts = f.rnd.IntN(4)
			if r.Contracts > 0 {
				r.ContractValue = int64(r.Contracts) * f.money(150, 900)
			}
		default:
			r.Sales = f.money(15, 180)
			r.Contracts = f.rnd.IntN(3)
			if r.Contracts > 0 {
				r.ContractValue = int64(r.Contracts) * f.money(40, 300)
			}
		}
		r.Notes = resultNotes[f.rnd.IntN(len(resultNotes))]
		if _, err := f.svc.RecordResults(ctx, b.ID, b.Version, r); err != nil {
			return fmt.Errorf("%s: %w", b.EnterpriseName, err)
		}
	}
	return nil
}

func countStatus(bs []*data.Booking, s data.BookingStatus) int {
	n := 0
	for _, b := range bs {
		if b.Status == s {
			n++
		}
	}
	return n
}

// activeOf returns the bookings that hold booths.
func activeOf(bs []*data.Booking) []*data.Booking {
	var out []*data.Booking
	for _, b := range bs {
		if b.Status.Active() && len(b.Booths) > 0 {
			out = append(out, b)
		}
	}
	return out
}
