package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// TrainingStore is a store that keeps everything Training writes; *sqlite.DB is one.
type TrainingStore interface {
	data.EnterpriseService
	data.DivisionService
	data.ClassService
	data.TraineeService
	data.EnrollmentService
	data.AttendanceService
	data.CertificateService
	data.SettingsService
	data.KeyService
	data.FairService
	data.ProgrammeService
}

// TrainingServices are the services Training and ScaleTraining write through, and the clock
// that tells them the day.
type TrainingServices struct {
	Enterprises data.EnterpriseService
	Divisions   data.DivisionService
	Classes     data.ClassService
	Trainees    data.TraineeService
	Enrollments data.EnrollmentService
	Attendance  data.AttendanceService
	// Certificates and Settings, when set, issue the certificates of the sample's certified
	// classes (setting a sample signer if none is set); without them those classes are only
	// moved to "đã cấp chứng chỉ".
	Certificates data.CertificateService
	Settings     data.SettingsService
	// Keys, when set with Certificates, seals the signing key under the sample passphrase
	// (data.SamplePassword) when no passphrase is set yet; the sample signs with the passphrase
	// of ctx, or with the sample's.
	Keys data.KeyService
	// Fairs, when set, keeps the sample's trade fairs, their booths and bookings (see Fairs);
	// Training itself does not use it.
	Fairs data.FairService
	// Programmes, when set, keeps the sample's đề án: the classes and fairs made are linked to
	// one of their year and content (see Programmes).
	Programmes data.ProgrammeService
	// Now tells the day: it must agree with the store's clock, which refuses attendance for
	// sessions still to come. Nil means time.Now.
	Now func() time.Time
}

// ServicesOf returns the services of a store that keeps them all, on the clock now (nil:
// time.Now; give the store's own, e.g. db.Now, when a test pins it).
func ServicesOf(s TrainingStore, now func() time.Time) TrainingServices {
	return TrainingServices{Enterprises: s, Divisions: s, Classes: s, Trainees: s, Enrollments: s, Attendance: s,
		Certificates: s, Settings: s, Keys: s, Fairs: s, Programmes: s, Now: now}
}

func (s TrainingServices) today() vn.Date {
	if s.Now == nil {
		return vn.DateOf(time.Now())
	}
	return vn.DateOf(s.Now())
}

// profile is how a class's trainees do.
type profile int

const (
	allEligible    profile = iota // every trainee attends enough and passes
	someIneligible                // a few miss too many sessions, fail, or leave
)

// audience is who a class is for.
type audience int

const (
	villagers audience = iota // people of the village (or commune) the class is held in
	officials                 // ward and commune officials
	owners                    // owners and managers of enterprises in the register
)

// classPlan is one class of the sample, its dates counted from today.
type classPlan struct {
	kind     data.ClassKind
	name     string // %d is the year the class starts, when the name carries it
	trade    string
	village  string // the craft village hosting it, from villages; "" for none
	wardKind string // the ward the class is held in when no village: kind and name
	ward     string
	venue    string // "" to name it after the host or the village
	trainers string // "" for a master craftsman of the village
	start    int    // days from today to the Monday on or after which the class starts
	days     int
	weekdays []time.Weekday
	hours    int // per session
	trainees int
	capacity int
	budget   int64 // millions of đồng
	status   data.ClassStatus
	profile  profile
	audience audience
	female   float64 // share of women among the trainees
	minority float64 // share of trainees of an ethnic minority
	again    int     // index of an earlier plan some of whose trainees come again; -1 none
	reason   string  // why a cancelled class was cancelled
}

var (
	monToFri = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	monToSat = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
	monWedFr = []time.Weekday{time.Monday, time.Wednesday, time.Friday}
)

// The venue and trainers of the courses the centre gives itself.
const (
	departmentHall     = "Hội trường Sở Công Thương Hà Nội, 331 Trần Khát Chân"
	departmentTrainers = "Phòng Quản lý Công nghiệp, Sở Công Thương; Trung tâm Khuyến công và Tư vấn phát triển công nghiệp"
	centreName         = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội"
)

// trainingPlans are the sample's classes in the order they start: two years of a centre's work,
// finished and certified classes first, then the running, enrolling, cancelled and planned ones.
var trainingPlans = []classPlan{
	{kind: data.ClassKindOfficials, name: "Tập huấn nghiệp vụ khuyến công cho cán bộ phường, xã năm %d", trade: "Nghiệp vụ khuyến công",
		wardKind: "phường", ward: "Hai Bà Trưng", venue: departmentHall, trainers: departmentTrainers,
		start: -600, days: 3, weekdays: monToFri, hours: 8, trainees: 36, capacity: 40, budget: 85,
		status: data.ClassCertified, profile: allEligible, audience: officials, female: 0.45, minority: 0.03, again: -1},
	{kind: data.ClassKindCraft, name: "Lớp truyền nghề gốm sứ Bát Tràng", trade: "Gốm sứ", village: "Bát Tràng",
		start: -560, days: 60, weekdays: monToFri, hours: 4, trainees: 30, capacity: 30, budget: 240,
		status: data.ClassCertified, profile: allEligible, audience: villagers, female: 0.5, minority: 0.03, again: -1},
	{kind: data.ClassKindCraft, name: "Lớp truyền nghề mây tre đan Phú Vinh", trade: "Mây tre đan", village: "Phú Vinh",
		start: -450, days: 45, weekdays: monToFri, hours: 4, trainees: 35, capacity: 35, budget: 210,
		status: data.ClassCertified, profile: someIneligible, audience: villagers, female: 0.65, minority: 0.03, again: -1},
	{kind: data.ClassKindTransplant, name: "Lớp nhân cấy nghề mây tre đan xã Ba Vì", trade: "Mây tre đan",
		wardKind: "xã", ward: "Ba Vì", venue: "Nhà văn hóa thôn Yên Sơn, xã Ba Vì", trainers: "Nghệ nhân làng mây tre đan Phú Vinh",
		start: -330, days: 75, weekdays: monToSat, hours: 4, trainees: 32, capacity: 35, budget: 320,
		status: data.ClassFinished, profile: someIneligible, audience: villagers, female: 0.6, minority: 0.7, again: -1},
	{kind: data.ClassKindCraft, name: "Lớp truyền nghề thêu ren Quất Động", trade: "Thêu ren", village: "Quất Động",
		start: -250, days: 42, weekdays: monToFri, hours: 4, trainees: 28, capacity: 30, budget: 180,
		status: data.ClassFinished, profile: allEligible, audience: villagers, female: 0.9, minority: 0.03, again: -1},
	{kind: data.ClassKindOfficials, name: "Tập huấn nghiệp vụ khuyến công cho cán bộ phường, xã năm %d", trade: "Nghiệp vụ khuyến công",
		wardKind: "phường", ward: "Hai Bà Trưng", venue: departmentHall, trainers: departmentTrainers,
		start: -210, days: 2, weekdays: monToFri, hours: 8, trainees: 38, capacity: 40, budget: 80,
		status: data.ClassCertified, profile: allEligible, audience: officials, female: 0.45, minority: 0.03, again: 0},
	{kind: data.ClassKindManagement, name: "Lớp nâng cao năng lực quản lý cho chủ doanh nghiệp, hợp tác xã nông thôn", trade: "Quản trị doanh nghiệp",
		wardKind: "phường", ward: "Cửa Nam", venue: centreName, trainers: "TS. giảng viên Học viện Chính sách và Phát triển",
		start: -130, days: 5, weekdays: monToFri, hours: 8, trainees: 26, capacity: 30, budget: 150,
		status: data.ClassFinished, profile: someIneligible, audience: owners, female: 0.35, minority: 0.02, again: -1},
	{kind: data.ClassKindUpgrade, name: "Lớp nâng cao tay nghề gốm sứ Bát Tràng", trade: "Gốm sứ", village: "Bát Tràng",
		start: -95, days: 30, weekdays: monWedFr, hours: 4, trainees: 24, capacity: 25, budget: 160,
		status: data.ClassFinished, profile: someIneligible, audience: villagers, female: 0.5, minority: 0.03, again: 1},
	{kind: data.ClassKindUpgrade, name: "Lớp nâng cao tay nghề sơn mài Hạ Thái", trade: "Sơn mài", village: "Hạ Thái",
		start: -35, days: 70, weekdays: monWedFr, hours: 4, trainees: 25, capacity: 30, budget: 190,
		status: data.ClassRunning, profile: someIneligible, audience: villagers, female: 0.45, minority: 0.03, again: -1},
	{kind: data.ClassKindCraft, name: "Lớp truyền nghề nón lá Chuông", trade: "Nón lá", village: "Chuông",
		start: 10, days: 40, weekdays: monToFri, hours: 4, trainees: 22, capacity: 30, budget: 150,
		status: data.ClassEnrolling, profile: allEligible, audience: villagers, female: 0.9, minority: 0.03, again: -1},
	{kind: data.ClassKindCraft, name: "Lớp truyền nghề dát vàng quỳ Kiêu Kỵ", trade: "Dát vàng bạc quỳ", village: "Kiêu Kỵ",
		start: 20, days: 45, weekdays: monToFri, hours: 4, trainees: 21, capacity: 30, budget: 170,
		status: data.ClassCancelled, profile: allEligible, audience: villagers, female: 0.4, minority: 0.03, again: -1,
		reason: "Nghệ nhân truyền nghề ốm dài ngày, cơ sở đăng cai chưa bố trí được người thay; lớp chuyển sang kế hoạch năm sau."},
	{kind: data.ClassKindUpgrade, name: "Lớp nâng cao tay nghề khảm trai Chuyên Mỹ", trade: "Khảm trai", village: "Chuyên Mỹ",
		start: 45, days: 40, weekdays: monToFri, hours: 4, trainees: 0, capacity: 30, budget: 175,
		status: data.ClassPlanned, profile: allEligible, audience: villagers, female: 0.3, minority: 0.03, again: -1},
}

// Training creates, through the services, a realistic sample of the centre's training around
// today (svc.Now): about a dozen classes of every kind and status over two years, with their
// trainees (a few attending two classes), sessions, attendance of the sessions held, scores of
// the finished classes (some with everyone eligible for a certificate, some with trainees who
// missed too much or failed) and the follow-up employment. Host and employer enterprises are
// taken from the register, so load the enterprises first. The same seed and day give the same
// sample. It returns how many classes it made.
func Training(ctx context.Context, svc TrainingServices, seed int64) (classes int, err error) {
	wards, err := svc.Divisions.Wards(ctx)
	if err != nil {
		return 0, err
	}
	districts, err := svc.Divisions.Districts(ctx)
	if err != nil {
		return 0, err
	}
	t := &trainer{
		generator: newGenerator(seed, wards, districts),
		svc:       svc,
		today:     svc.today(),
		cccds:     map[string]bool{},
		wards:     wards,
	}
	t.rnd = rand.New(rand.NewPCG(uint64(seed), 0x747261696e696e67)) // "training"
	t.numbers = map[int]int{}
	made := make([][]int64, len(trainingPlans)) // the trainees of each class
	for i, p := range trainingPlans {
		ids, err := t.class(ctx, p, made)
		if err != nil {
			return classes, fmt.Errorf("lớp mẫu %q: %w", p.name, err)
		}
		made[i] = ids
		classes++
	}
	return classes, nil
}

// trainer makes the sample's classes.
type trainer struct {
	*generator
	svc     TrainingServices
	today   vn.Date
	cccds   map[string]bool
	wards   []data.Division
	numbers map[int]int // the last class number used in each year
}

// ward returns the code of the ward or commune of a kind and name; "" when the catalogue lacks it.
func (t *trainer) ward(kind, name string) string {
	for _, d := range t.wards {
		if d.Kind == kind && vn.Fold(d.Name) == vn.Fold(name) {
			return d.Code
		}
	}
	return ""
}

func (t *trainer) village(name string) (placedVillage, bool) {
	for _, v := range t.villages {
		if v.name == name {
			return v, true
		}
	}
	return placedVillage{}, false
}

// days returns the first and last day of a plan: the first a Monday, the last a day of lessons.
func (t *trainer) days(p classPlan) (vn.Date, vn.Date) {
	start := t.today.AddDays(p.start)
	for start.Time().Weekday() != time.Monday {
		start = start.AddDays(1)
	}
	end := start.AddDays(p.days - 1)
	for !slices.Contains(p.weekdays, end.Time().Weekday()) {
		end = end.AddDays(-1)
	}
	return start, end
}

// class creates one class of the plan, with its trainees, and brings it to the plan's status.
// earlier holds the trainees of the classes made before; it returns this class's.
func (t *trainer) class(ctx context.Context, p classPlan, earlier [][]int64) ([]int64, error) {
	c := data.NewClass()
	c.Start, c.End = t.days(p)
	t.numbers[c.Start.Year]++
	c.Code = fmt.Sprintf("LH-%d-%03d", c.Start.Year, t.numbers[c.Start.Year])
	c.Name = p.name
	if strings.Contains(p.name, "%d") {
		c.Name = fmt.Sprintf(p.name, c.Start.Year)
	}
	c.Kind, c.Trade, c.Capacity, c.Budget = p.kind, p.trade, p.capacity, p.budget*1_000_000
	sessions := 0
	for d := c.Start; !c.End.Before(d); d = d.AddDays(1) {
		if slices.Contains(p.weekdays, d.Time().Weekday()) {
			sessions++
		}
	}
	c.Hours = sessions * p.hours
	c.Trainers = p.trainers
	c.Venue = p.venue
	var host *data.Enterprise
	var neighbours []*data.Enterprise // enterprises of the village, employers after the course
	if p.village != "" {
		v, ok := t.village(p.village)
		if !ok {
			return nil, fmt.Errorf("làng %s không có trong danh mục phường, xã", p.village)
		}
		c.WardCode = v.wardCode
		archived := false
		es, err := t.svc.Enterprises.FindEnterprises(ctx, data.EnterpriseFilter{CraftVillage: &v.craftName, Archived: &archived, Limit: 50})
		if err != nil {
			return nil, err
		}
		neighbours = es
		// The host is a cooperative or firm of the village when there is one, else any workshop.
		rank := func(e *data.Enterprise) int {
			switch e.Kind {
			case data.KindCooperative:
				return 0
			case data.KindSmall, data.KindMedium:
				return 1
			case data.KindMicro, data.KindCoopGroup:
				return 2
			}
			return 3
		}
		for _, e := range es {
			if host == nil || rank(e) < rank(host) {
				host = e
			}
		}
		if host != nil {
			c.HostEnterpriseID = host.ID
			if c.Venue == "" {
				c.Venue = "Nhà xưởng của " + host.Name
			}
		}
		if c.Venue == "" {
			c.Venue = "Nhà văn hóa thôn " + v.name
		}
		if c.Trainers == "" {
			m, _ := t.person()
			c.Trainers = "Nghệ nhân " + m.Full()
			if t.chance(0.5) {
				m, _ = t.person()
				c.Trainers += ", thợ giỏi " + m.Full()
			}
		}
	} else {
		c.WardCode = t.ward(p.wardKind, p.ward)
	}
	c.Status = data.ClassEnrolling
	if p.status == data.ClassPlanned {
		c.Status = data.ClassPlanned
	}
	var err error
	if c.ProgrammeID, err = payer(ctx, t.svc.Programmes, c.Start.Year, data.ContentOfClass(c.Kind)); err != nil {
		return nil, err
	}
	if err := t.svc.Classes.CreateClass(ctx, c); err != nil {
		return nil, err
	}
	if p.status == data.ClassPlanned {
		return nil, nil
	}

	ids, err := t.trainees(ctx, p, c, earlier)
	if err != nil {
		return nil, err
	}
	es, err := t.svc.Enrollments.EnrollMany(ctx, c.ID, ids)
	if err != nil {
		return nil, err
	}
	move := func(to data.ClassStatus, reason string) error {
		saved, err := t.svc.Classes.SetClassStatus(ctx, c.ID, c.Version, to, reason)
		if err == nil {
			c = saved
		}
		return err
	}
	switch p.status {
	case data.ClassCancelled:
		return ids, move(data.ClassCancelled, p.reason)
	case data.ClassEnrolling:
		_, err := t.svc.Attendance.GenerateSessions(ctx, c.ID, p.weekdays)
		return ids, err
	}
	ss, err := t.svc.Attendance.GenerateSessions(ctx, c.ID, p.weekdays)
	if err != nil {
		return nil, err
	}
	if err := move(data.ClassRunning, ""); err != nil {
		return nil, err
	}
	finished := p.status == data.ClassFinished || p.status == data.ClassCertified

	// Who does badly: in a class of the someIneligible profile, two or three miss too many
	// sessions, one or two fail, and one leaves half way (in a finished class).
	role := make([]int, len(es)) // 0 a good trainee, 1 misses too much, 2 fails, 3 leaves
	if p.profile == someIneligible {
		order := t.rnd.Perm(len(es))
		k := 0
		for range 2 + t.rnd.IntN(2) {
			role[order[k]] = 1
			k++
		}
		if finished {
			for range 1 + t.rnd.IntN(2) {
				role[order[k]] = 2
				k++
			}
			if len(ss) >= 6 {
				role[order[k]] = 3
			}
		}
	}
	var held []*data.Session
	for _, s := range ss {
		if !t.today.Before(s.Date) {
			held = append(held, s)
		}
	}
	if finished && len(held) != len(ss) {
		return nil, fmt.Errorf("lớp %s kết thúc %s mà hôm nay mới %s", c.Code, c.End, t.today)
	}
	// A trainee who leaves does so after a third of the sessions.
	var leftOn vn.Date
	if len(held) > 0 {
		leftOn = held[len(held)/3].Date
	}
	marks := t.attendance(p, c, len(held), role)
	for j, s := range held {
		m := map[int64]data.AttendanceMark{}
		for k, e := range es {
			if role[k] == 3 && !s.Date.Before(leftOn) {
				continue
			}
			m[e.ID] = marks[k][j]
		}
		if err := t.svc.Attendance.SaveSessionAttendance(ctx, s.ID, m); err != nil {
			return nil, err
		}
	}
	for k, e := range es {
		if role[k] == 3 {
			w, err := t.svc.Enrollments.Withdraw(ctx, e.ID, e.Version, leftOn, t.pick(withdrawReasons))
			if err != nil {
				return nil, err
			}
			es[k] = w
		}
	}
	if !finished {
		return ids, nil
	}

	for k, e := range es {
		if role[k] == 3 {
			continue
		}
		score := t.score(role[k] == 2)
		saved, err := t.svc.Enrollments.SetScore(ctx, e.ID, e.Version, score)
		if err != nil {
			return nil, err
		}
		es[k] = saved
	}
	if err := move(data.ClassFinished, ""); err != nil {
		return nil, err
	}
	if p.audience == villagers {
		for k, e := range es {
			if role[k] != 0 || !t.chance(0.7) {
				continue
			}
			job := data.Employment{Employed: true}
			switch r := t.rnd.IntN(10); {
			case r < 4 && host != nil:
				job.EmployerID = host.ID
			case r < 7 && len(neighbours) > 0:
				job.EmployerID = neighbours[t.rnd.IntN(len(neighbours))].ID
			default:
				job.Employer = t.pick(selfEmployed)
			}
			job.EmployedOn = c.End.AddDays(5 + t.rnd.IntN(60))
			if t.today.Before(job.EmployedOn) {
				job.EmployedOn = t.today
			}
			if t.chance(0.15) {
				job.EmployedOn = vn.Date{} // the follow-up did not ask when
			}
			if _, err := t.svc.Enrollments.SetEmployment(ctx, e.ID, e.Version, job); err != nil {
				return nil, err
			}
		}
	}
	if p.status == data.ClassCertified {
		if err := t.certify(ctx, c, move); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// certify issues a finished class's certificates a week or so after it ended, under a sample
// decision, or only moves it to "đã cấp chứng chỉ" when there is no certificate service.
func (t *trainer) certify(ctx context.Context, c *data.Class, move func(data.ClassStatus, string) error) error {
	if t.svc.Certificates == nil || t.svc.Settings == nil {
		return move(data.ClassCertified, "")
	}
	org, err := t.svc.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	if org.DirectorName == "" {
		org.DirectorName = "Nguyễn Văn Hùng"
		if err := t.svc.Settings.SaveOrganisation(ctx, org); err != nil {
			return err
		}
	}
	if t.svc.Keys != nil {
		if ctx, err = Signing(ctx, t.svc.Keys); err != nil {
			return err
		}
	}
	today := t.svc.today()
	decided, issued := c.End.AddDays(7), c.End.AddDays(10)
	if today.Before(issued) {
		decided, issued = today, today
	}
	_, err = t.svc.Certificates.IssueCertificates(ctx, data.IssueRequest{ClassID: c.ID, IssuedOn: issued,
		DecisionNo: fmt.Sprintf("%d/QĐ-TTKC", 100+int(c.ID)), DecisionDate: decided})
	return err
}

// Signing returns ctx with the signing passphrase a sample signs with: the passphrase ctx
// carries, or the sample's (data.SamplePassword); it seals the key of keys under it when no
// passphrase is set yet.
func Signing(ctx context.Context, keys data.KeyService) (context.Context, error) {
	pass := data.PassphraseFromContext(ctx)
	if pass == "" {
		pass = data.SamplePassword
	}
	s, err := keys.KeyStatus(ctx)
	if err != nil {
		return ctx, err
	}
	if !s.Sealed {
		if err := keys.SetSigningPassphrase(ctx, "", pass); err != nil {
			return ctx, err
		}
	}
	return data.WithPassphrase(ctx, pass), nil
}

// attendance returns each trainee's marks over n held sessions: a good trainee misses at most
// what the class allows, one of role 1 more than it allows.
func (t *trainer) attendance(p classPlan, c *data.Class, n int, role []int) [][]data.AttendanceMark {
	allowed := n * (100 - c.MinAttendance) / 100
	out := make([][]data.AttendanceMark, len(role))
	for k := range out {
		ms := make([]data.AttendanceMark, n)
		missed := 0
		for j := range ms {
			ms[j] = data.MarkPresent
			switch r := t.rnd.IntN(100); {
			case r < 5:
				ms[j] = data.MarkLate
			case r < 8 && missed < allowed:
				ms[j], missed = data.MarkExcused, missed+1
			case r < 10 && missed < allowed:
				ms[j], missed = data.MarkAbsent, missed+1
			}
		}
		if role[k] == 1 && n > 0 {
			// Too many absences: allowed+1 to allowed+4 sessions missed in all.
			want := min(n, allowed+1+t.rnd.IntN(4))
			for _, j := range t.rnd.Perm(n) {
				if missed >= want {
					break
				}
				if ms[j].Attended() {
					ms[j] = data.MarkAbsent
					if t.chance(0.3) {
						ms[j] = data.MarkExcused
					}
					missed++
				}
			}
		}
		out[k] = ms
	}
	return out
}

// score returns a final score in tenths: most between 6 and 9,5, a failing one below 5.
func (t *trainer) score(fail bool) int {
	if fail {
		return 25 + t.rnd.IntN(23) // 2,5 to 4,7
	}
	s := 55 + t.rnd.IntN(25) + t.rnd.IntN(20) // 5,5 to 9,8, most around 7,5
	if t.chance(0.5) {
		s -= s % 5 // trainers often give whole and half points
	}
	return s
}

// ScaleTraining makes classes classes for benchmarks through the batch services: about 50
// trainees each (four in five persons new, the rest attending a second class), created with
// CreateTrainees and enrolled with EnrollMany, spread over the ten years up to today, with their
// sessions generated; the classes that ended are finished, those of past years certified. It
// marks no attendance and enters no scores (one transaction a session would take minutes at
// the scale of the benchmarks). Load the enterprises first. It returns how many classes it made.
func ScaleTraining(ctx context.Context, svc TrainingServices, classes int, seed int64) (int, error) {
	if classes <= 0 {
		return 0, nil
	}
	wards, err := svc.Divisions.Wards(ctx)
	if err != nil {
		return 0, err
	}
	districts, err := svc.Divisions.Districts(ctx)
	if err != nil {
		return 0, err
	}
	t := &trainer{generator: newGenerator(seed, wards, districts), svc: svc, today: svc.today(), cccds: map[string]bool{}, wards: wards, numbers: map[int]int{}}
	t.rnd = rand.New(rand.NewPCG(uint64(seed), 0x7363616c65)) // "scale"
	if len(t.villages) == 0 {
		return 0, data.Errorf(data.EINVALID, "Danh mục phường, xã không có làng nghề nào để mở lớp mẫu.")
	}
	archived := false
	hosts, err := svc.Enterprises.FindEnterprises(ctx, data.EnterpriseFilter{Archived: &archived, Limit: 2000})
	if err != nil {
		return 0, err
	}

	const perClass = 50
	pool := make([]int64, 0, max(classes*perClass*4/5, 400))
	generic := classPlan{audience: villagers, female: 0.6, minority: 0.03}
	for len(pool) < cap(pool) {
		n := min(5000, cap(pool)-len(pool))
		ts := make([]*data.Trainee, n)
		for i := range ts {
			v := t.villages[t.rnd.IntN(len(t.villages))]
			generic.village = v.name
			ts[i] = t.trainee(generic, &data.Class{WardCode: v.wardCode})
		}
		if err := svc.Trainees.CreateTrainees(ctx, ts); err != nil {
			return 0, err
		}
		for _, tr := range ts {
			pool = append(pool, tr.ID)
		}
	}

	first := t.today.Year - 9
	for i := range classes {
		v := t.villages[t.rnd.IntN(len(t.villages))]
		kind := data.ClassKinds[t.rnd.IntN(len(data.ClassKinds))]
		c := data.NewClass()
		c.Kind, c.Trade, c.WardCode = kind, v.trade.name, v.wardCode
		switch kind {
		case data.ClassKindOfficials:
			c.Name, c.Trade = "Tập huấn nghiệp vụ khuyến công cho cán bộ phường, xã "+v.name, "Nghiệp vụ khuyến công"
		case data.ClassKindManagement:
			c.Name, c.Trade = "Lớp nâng cao năng lực quản lý cho chủ cơ sở "+v.name, "Quản trị doanh nghiệp"
		default:
			c.Name = "Lớp " + strings.ToLower(kind.Label()) + " " + strings.ToLower(v.trade.name) + " " + v.name
		}
		year := first + i*10/classes
		c.Start = vn.Date{Year: year, Month: time.Month(1 + t.rnd.IntN(11)), Day: 1 + t.rnd.IntN(28)}
		c.End = c.Start.AddDays(14 + t.rnd.IntN(70))
		if code, err := svc.Classes.NextClassCode(ctx, year); err != nil {
			return i, err
		} else {
			c.Code = code
		}
		c.Capacity, c.Hours, c.Budget = perClass+10, 40+t.rnd.IntN(300), int64(50+t.rnd.IntN(250))*1_000_000
		if len(hosts) > 0 {
			c.HostEnterpriseID = hosts[t.rnd.IntN(len(hosts))].ID
		}
		c.Venue = "Nhà văn hóa thôn " + v.name
		m, _ := t.person()
		c.Trainers = "Nghệ nhân " + m.Full()
		c.Status = data.ClassEnrolling
		if c.ProgrammeID, err = payer(ctx, svc.Programmes, year, data.ContentOfClass(c.Kind)); err != nil {
			return i, err
		}
		if err := svc.Classes.CreateClass(ctx, c); err != nil {
			return i, err
		}
		base, stride := t.rnd.IntN(len(pool)), 1+t.rnd.IntN(7)
		ids := make([]int64, perClass)
		for k := range ids {
			ids[k] = pool[(base+k*stride)%len(pool)]
		}
		if _, err := svc.Enrollments.EnrollMany(ctx, c.ID, ids); err != nil {
			return i, err
		}
		if _, err := svc.Attendance.GenerateSessions(ctx, c.ID, monToFri); err != nil {
			return i, err
		}
		var to []data.ClassStatus
		switch {
		case c.End.Year < t.today.Year:
			to = []data.ClassStatus{data.ClassRunning, data.ClassFinished, data.ClassCertified}
		case c.End.Before(t.today):
			to = []data.ClassStatus{data.ClassRunning, data.ClassFinished}
		case c.Start.Before(t.today):
			to = []data.ClassStatus{data.ClassRunning}
		}
		for _, s := range to {
			saved, err := svc.Classes.SetClassStatus(ctx, c.ID, c.Version, s, "")
			if err != nil {
				return i, err
			}
			c = saved
		}
	}
	return classes, nil
}
