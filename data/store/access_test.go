package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// anyone is the "right" of a write every enabled user may make (their own password).
const anyone data.Right = ""

// person is someone a write is tried as.
type person struct {
	login string
	// role is the user's role; "" for who may write nothing: nobody, an unknown or a disabled user.
	role data.Role
	// assigned: a trainer assigned to the classes the access world's class records are of.
	assigned bool
}

// people are every role, the trainer of another class, and who may not write at all.
var people = []person{
	{tester, data.RoleAdmin, false},
	{"vanthu", data.RoleClerk, false},
	{"giangvien", data.RoleTrainer, true},
	{"giangvien2", data.RoleTrainer, false},
	{"lanhdao", data.RoleManager, false},
	{"chixem", data.RoleViewer, false},
	{"nghiviec", "", false}, // a clerk, disabled
	{"khong.co", "", false}, // no such user
	{"", "", false},         // nobody signed in
}

// guarded is a call of a service method that changes the store, and the rights it needs.
type guarded struct {
	// method names the interface method, with "/case" when its right depends on the arguments.
	method string
	// rights: any one of them lets a role make the call.
	rights []data.Right
	// scoped: class records, which a trainer makes only for the classes assigned to them.
	scoped bool
	// call makes the call as ctx; it may read the world's records afresh as the administrator.
	call func(ctx context.Context) error
}

// allowed reports whether p may make the call g: what Role.Can and the class assignment say.
func (g guarded) allowed(p person) bool {
	if p.role == "" || g.scoped && p.role == data.RoleTrainer && !p.assigned {
		return false
	}
	return slices.ContainsFunc(g.rights, func(r data.Right) bool { return r == anyone || p.role.Can(r) })
}

// TestAccess calls every method of every service that changes the store as every role (and as
// nobody, an unknown and a disabled user) and checks EFORBIDDEN, with nothing written, exactly
// where Role.Can and the trainers' assignments say; the other calls may fail for other reasons
// (a record the first allowed caller already moved), but never as forbidden.
func TestAccess(t *testing.T) {
	w := newAccessWorld(t)
	calls := append(append(w.calls(), w.keyCalls()...), w.importCalls()...)
	assertEveryMethod(t, w.db, calls)
	for _, g := range calls {
		t.Run(g.method, func(t *testing.T) {
			for _, p := range people { // those refused first: the record is still as the world made it
				if g.allowed(p) {
					continue
				}
				last := MustCount(t, w.db, "audit")
				err := g.call(as(p.login))
				AssertError(t, err, data.EFORBIDDEN, refusal(p))
				// Every write is audited in its transaction; the calls set up as the administrator.
				var wrote int
				if err := w.db.SQL().QueryRow(w.db.Rebind(`SELECT count(*) FROM audit WHERE id > ? AND "user" = ?`), last, p.login).Scan(&wrote); err != nil || wrote > 0 {
					t.Fatalf("%q: a refused call wrote %d audit rows (%v)", p.login, wrote, err)
				}
			}
			for _, p := range people {
				if !g.allowed(p) {
					continue
				}
				if err := g.call(as(p.login)); data.ErrorCode(err) == data.EFORBIDDEN {
					t.Fatalf("%s (%s) refused: %v", p.login, p.role, err)
				}
			}
		})
	}
}

// as is the context of login acting, with the signing passphrase the world's key is sealed under.
func as(login string) context.Context {
	return data.WithPassphrase(data.WithUser(context.Background(), login), data.SamplePassword)
}

// refusal is a word the refusal of a call by p must say: the role, or why p may write nothing.
func refusal(p person) string {
	switch p.login {
	case "nghiviec":
		return "vô hiệu hoá"
	case "khong.co":
		return "Không có người dùng"
	case "":
		return "Chưa đăng nhập"
	}
	return p.role.Label()
}

// serviceTypes are the service interfaces the store implements.
var serviceTypes = []reflect.Type{
	reflect.TypeFor[data.EnterpriseService](), reflect.TypeFor[data.DivisionService](),
	reflect.TypeFor[data.SettingsService](), reflect.TypeFor[data.BackupService](),
	reflect.TypeFor[data.ClassService](), reflect.TypeFor[data.TraineeService](),
	reflect.TypeFor[data.EnrollmentService](), reflect.TypeFor[data.AttendanceService](),
	reflect.TypeFor[data.GradeService](), reflect.TypeFor[data.CertificateService](),
	reflect.TypeFor[data.FairService](), reflect.TypeFor[data.ProgrammeService](),
	reflect.TypeFor[data.EquipmentService](), reflect.TypeFor[data.VillageService](),
	reflect.TypeFor[data.ReportService](), reflect.TypeFor[data.UserService](),
	reflect.TypeFor[data.AuditService](), reflect.TypeFor[data.ImportService](),
}

// unguarded are the methods that change nothing any role may not read, or that run before anyone
// can be signed in (each refuses once the database has users, or checks a password).
var unguarded = []string{
	// Reads.
	"FindEnterpriseByID", "FindEnterprises", "CountEnterprises", "EnterpriseFacets", "Wards", "Districts",
	"Organisation", "VerifyAddress", "BackupTo", "FindClassByID", "FindClassByCode", "FindClasses", "CountClasses", "NextClassCode",
	"FindTraineeByID", "FindTrainees", "CountTrainees", "TraineeHistory", "ClassRoster", "EmploymentRate",
	"Sessions", "AttendanceGrid", "GradeScale", "FindCertificateByID", "FindCertificateBySerial",
	"FindCertificates", "CountCertificates", "Verify", "PublicKey", "CertificateSettings", "FindFairByID",
	"FindFairByCode", "FindFairs", "CountFairs", "NextFairCode", "FairSettings", "Booths", "FairBookings",
	"EnterpriseBookings", "FindPlan", "PlanSummary", "FindProgrammeByID", "FindProgrammeByCode",
	"FindProgrammes", "CountProgrammes", "ProgrammeDetail", "Eligible", "FindEquipmentByID", "FindEquipment",
	"CountEquipment", "EquipmentSettings", "FindVillageByID", "FindVillages", "CountVillages", "VillageDetail",
	"EnterpriseHistory", "Dashboard", "Figures", "ResultsReport", "TrainingReport", "FairReport",
	"SupportReport", "CertificateReport", "VillageReport", "HasUsers", "IsSample", "CurrentUser", "ClassTrainers",
	// Before anyone signs in.
	"CreateFirstAdmin", "CreateSampleUsers", "SignIn",
	// The signing key's reads; the history's and the import's reads (the history's rights are
	// tested with it, in audit_test.go).
	"KeyStatus", "CheckRegister", "FindAudit", "CountAudit", "CheckAudit", "ImportMapping", "CheckImport",
}

// assertEveryMethod fails unless every method of the service interfaces db implements is among
// calls or unguarded, so that a new write cannot escape the test.
func assertEveryMethod(t *testing.T, db *store.DB, calls []guarded) {
	t.Helper()
	types := serviceTypes
	if _, ok := any(db).(data.KeyService); ok {
		types = append(types, reflect.TypeFor[data.KeyService]())
	}
	for _, it := range types {
		for m := range it.Methods() {
			called := slices.ContainsFunc(calls, func(g guarded) bool { return strings.Split(g.method, "/")[0] == m.Name })
			if !called && !slices.Contains(unguarded, m.Name) {
				t.Errorf("%s.%s is neither called by TestAccess nor listed as unguarded", it.Name(), m.Name)
			}
		}
	}
}

// accessWorld is a database with one record of each kind the calls act on, made by the
// administrator, and the people of people.
type accessWorld struct {
	t          *testing.T
	db         *store.DB
	enterprise *data.Enterprise
	trainee    *data.Trainee
	village    *data.Village
	// class takes trainees and has sessions; certified has had its certificates issued; finished
	// waits for them. The trainer giangvien is assigned to class and certified.
	class, certified, finished *data.Class
	enrolment                  *data.Enrollment
	session                    *data.Session
	certs                      []*data.Certificate
	fair                       *data.Fair
	booking                    *data.Booking
	plan                       *data.Plan
	tech                       int64 // a running đề án of technology
	victim                     *data.User
}

// seq numbers the codes and names the calls make.
var seq int

// next returns name with a number no other call used.
func next(name string) string { seq++; return fmt.Sprintf("%s %d", name, seq) }

// code returns a code of prefix with a number no other call used: LH-2026-101.
func code(prefix string) string { seq++; return fmt.Sprintf("%s-%d", prefix, 100+seq) }

func newAccessWorld(t *testing.T) *accessWorld {
	db := MustOpenDB(t)
	w := &accessWorld{t: t, db: db}
	if keys, ok := any(db).(data.KeyService); ok { // signing needs the key sealed under a passphrase
		if err := keys.SetSigningPassphrase(as(tester), "", data.SamplePassword); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range people[1:6] {
		storetest.AddUser(t, db, tester, p.login, p.role)
	}
	gone := storetest.AddUser(t, db, tester, "nghiviec", data.RoleClerk)
	if _, err := db.SetUserDisabled(ctx, gone.ID, gone.Version, true); err != nil {
		t.Fatal(err)
	}
	w.victim = storetest.AddUser(t, db, tester, "nguoi.khac", data.RoleViewer)
	MustSetSigner(t, db, "Nguyễn Văn Hùng")
	w.enterprise = MustCreateEnterprise(t, db, nil)
	w.trainee = MustCreateTrainee(t, db, NewTrainee("Lê Thị Hoa", day(1990, 1, 2)))
	w.village = MustCreateVillage(t, db, NewVillage("Làng gốm Bát Tràng"))
	open := NewClass("LH-2026-001")
	open.Capacity = 500 // the calls enrol many
	w.class = MustCreateClass(t, db, open)
	w.enrolment = MustEnroll(t, db, w.class, w.trainee)[0]
	ss, err := db.GenerateSessions(ctx, w.class.ID, []time.Weekday{time.Monday})
	if err != nil {
		t.Fatal(err)
	}
	w.session = ss[0]
	w.certified, _ = FinishedClass(t, db, "LH-2026-002", trainee{"Nguyễn Văn An", "8"}, trainee{"Trần Thị Bình", "9"})
	w.certs = mustIssue(t, db, w.certified.ID).Issued
	w.finished, _ = FinishedClass(t, db, "LH-2026-003", trainee{"Phạm Văn Cường", "7"})
	us := must(db.FindUsers(ctx))
	trainer := us[slices.IndexFunc(us, func(u *data.User) bool { return u.Login == "giangvien" })]
	for _, c := range []*data.Class{w.class, w.certified} {
		if err := db.SetClassTrainers(ctx, c.ID, []int64{trainer.ID}); err != nil {
			t.Fatal(err)
		}
	}
	w.fair = MustCreateFair(t, db, NewFair(data.FairDomestic), 40)
	w.booking = MustRegister(t, db, data.BookingRequest{FairID: w.fair.ID, EnterpriseID: w.enterprise.ID, BoothsWanted: 1})
	w.plan = MustPlan(t, db, 2026)
	w.tech = MustProgrammeIn(t, db, 2026, "ĐA-03/2026", data.ContentTechnology, data.ProgrammeRunning, 1_000_000_000)
	return w
}

// must returns v, or panics (failing the test) on err: for the administrator's reads in the calls.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// rights is the rights of a call, for the table.
func rights(rs ...data.Right) []data.Right { return rs }

// calls are the guarded calls, one or more per method that changes the store.
func (w *accessWorld) calls() []guarded {
	t, db := w.t, w.db
	register, training, records := rights(data.RightRegister), rights(data.RightTraining), rights(data.RightClassRecords)
	fairs, programmes, settings := rights(data.RightFairs), rights(data.RightProgrammes), rights(data.RightSettings)
	approve, sign, users := rights(data.RightApprove), rights(data.RightSign), rights(data.RightUsers)
	enterprise := func() *data.Enterprise { return must(db.FindEnterpriseByID(ctx, w.enterprise.ID)) }
	class := func() *data.Class { return must(db.FindClassByID(ctx, w.class.ID)) }
	enrolment := func() *data.Enrollment {
		return must(db.Enroll(ctx, w.class.ID, MustCreateTrainee(t, db, NewTrainee(next("Vũ Văn"), day(1991, 2, 3))).ID))
	}
	fair := func() *data.Fair { return must(db.FindFairByID(ctx, w.fair.ID)) }
	booking := func() *data.Booking {
		return MustRegister(t, db, data.BookingRequest{FairID: w.fair.ID, EnterpriseID: MustCreateEnterprise(t, db, NewEnterprise(next("Công ty"))).ID, BoothsWanted: 1})
	}
	programme := func(status ...data.ProgrammeStatus) *data.Programme {
		return MustProgramme(t, db, NewProgramme(w.plan, code("ĐA-2026"), data.ContentTechnology), status...)
	}
	equipment := func() *data.Equipment { return MustCreateEquipment(t, db, NewEquipment(w.enterprise.ID, w.tech)) }
	// booth returns a booth of the fair held by booking id (0: a free one).
	booth := func(id int64) int64 {
		bs := must(db.Booths(ctx, w.fair.ID))
		return bs[max(slices.IndexFunc(bs, func(b *data.Booth) bool { return b.BookingID == id }), 0)].ID
	}
	cert := func(i int) *data.Certificate { return must(db.FindCertificateByID(ctx, w.certs[i].ID)) }
	victim := func() *data.User {
		us := must(db.FindUsers(ctx))
		return us[slices.IndexFunc(us, func(u *data.User) bool { return u.ID == w.victim.ID })]
	}
	return []guarded{
		{"CreateEnterprise", register, false, func(c context.Context) error { return db.CreateEnterprise(c, NewEnterprise(next("Công ty"))) }},
		{"CreateEnterprises", register, false, func(c context.Context) error {
			return db.CreateEnterprises(c, []*data.Enterprise{NewEnterprise(next("Hợp tác xã"))})
		}},
		{"UpdateEnterprise", register, false, func(c context.Context) error { e := enterprise(); e.Notes += "."; return db.UpdateEnterprise(c, e) }},
		{"SetEnterpriseArchived", register, false, func(c context.Context) error {
			e := enterprise()
			_, err := db.SetEnterpriseArchived(c, e.ID, e.Version, false)
			return err
		}},
		{"DeleteEnterprise", register, false, func(c context.Context) error {
			return db.DeleteEnterprise(c, MustCreateEnterprise(t, db, NewEnterprise(next("Cơ sở"))).ID)
		}},
		{"SaveOrganisation", settings, false, func(c context.Context) error {
			return db.SaveOrganisation(c, must(db.Organisation(ctx)))
		}},
		{"SaveVerifyAddress", settings, false, func(c context.Context) error {
			return db.SaveVerifyAddress(c, "https://kc.example.vn/xac-thuc")
		}},
		{"CreateClass", training, false, func(c context.Context) error { return db.CreateClass(c, NewClass(code("LH-2026"))) }},
		{"UpdateClass", training, false, func(c context.Context) error { k := class(); k.Venue += "."; return db.UpdateClass(c, k) }},
		{"SetClassStatus", training, false, func(c context.Context) error {
			k := MustCreateClass(t, db, NewClass(code("LH-2026")))
			_, err := db.SetClassStatus(c, k.ID, k.Version, data.ClassRunning, "")
			return err
		}},
		{"CreateTrainee", register, false, func(c context.Context) error {
			return db.CreateTrainee(c, NewTrainee(next("Đỗ Văn"), day(1992, 3, 4)), true)
		}},
		{"CreateTrainees", register, false, func(c context.Context) error {
			return db.CreateTrainees(c, []*data.Trainee{NewTrainee(next("Bùi Thị"), day(1993, 4, 5))})
		}},
		{"UpdateTrainee", register, false, func(c context.Context) error {
			tr := must(db.FindTraineeByID(ctx, w.trainee.ID))
			tr.Phone = "0912 345 678"
			return db.UpdateTrainee(c, tr)
		}},
		{"Enroll", training, false, func(c context.Context) error {
			_, err := db.Enroll(c, w.class.ID, MustCreateTrainee(t, db, NewTrainee(next("Hồ Văn"), day(1994, 5, 6))).ID)
			return err
		}},
		{"EnrollMany", training, false, func(c context.Context) error {
			_, err := db.EnrollMany(c, w.class.ID, []int64{MustCreateTrainee(t, db, NewTrainee(next("Ngô Thị"), day(1995, 6, 7))).ID})
			return err
		}},
		{"EnrollList", training, false, func(c context.Context) error {
			_, err := db.EnrollList(c, w.class.ID, nil, []*data.Trainee{NewTrainee(next("Đặng Văn"), day(1996, 7, 8))})
			return err
		}},
		{"Withdraw", training, false, func(c context.Context) error {
			e := enrolment()
			_, err := db.Withdraw(c, e.ID, e.Version, day(2026, 4, 1), "Chuyển nơi ở")
			return err
		}},
		{"SetScore", records, true, func(c context.Context) error {
			e := enrolment()
			_, err := db.SetScore(c, e.ID, e.Version, 80)
			return err
		}},
		{"SetEmployment", training, false, func(c context.Context) error {
			e := enrolment()
			_, err := db.SetEmployment(c, e.ID, e.Version, data.Employment{Employed: true, Employer: "Tự làm", EmployedOn: day(2026, 6, 1)})
			return err
		}},
		{"GenerateSessions", training, false, func(c context.Context) error {
			k := MustCreateClass(t, db, NewClass(code("LH-2026")))
			_, err := db.GenerateSessions(c, k.ID, []time.Weekday{time.Tuesday})
			return err
		}},
		{"AddSession", training, false, func(c context.Context) error {
			return db.AddSession(c, &data.Session{ClassID: w.class.ID, Date: day(2026, 3, 7), Hours: 4, Topic: "Buổi học bù"})
		}},
		{"MoveSession", training, false, func(c context.Context) error {
			_, err := db.MoveSession(c, w.session.ID, day(2026, 3, 3))
			return err
		}},
		{"SaveSessionAttendance", records, true, func(c context.Context) error {
			return db.SaveSessionAttendance(c, w.session.ID, map[int64]data.AttendanceMark{w.enrolment.ID: data.MarkLate})
		}},
		{"MarkAllPresent", records, true, func(c context.Context) error {
			_, err := db.MarkAllPresent(c, w.session.ID)
			return err
		}},
		{"SaveGradeScale", settings, false, func(c context.Context) error { return db.SaveGradeScale(c, must(db.GradeScale(ctx))) }},
		{"IssueCertificates", sign, false, func(c context.Context) error {
			_, err := db.IssueCertificates(c, data.IssueRequest{ClassID: w.finished.ID, DecisionNo: "7/QĐ-TTKC", DecisionDate: day(2026, 11, 20)})
			return err
		}},
		{"RevokeCertificate", sign, false, func(c context.Context) error {
			k := cert(0)
			_, err := db.RevokeCertificate(c, k.ID, k.Version, day(2026, 11, 28), "Cấp nhầm")
			return err
		}},
		{"ReissueCertificate", sign, false, func(c context.Context) error {
			k := cert(1)
			_, err := db.ReissueCertificate(c, k.ID, k.Version, day(2026, 11, 28), "Mất bản gốc")
			return err
		}},
		{"SetReceivedOn", records, true, func(c context.Context) error {
			k := cert(0)
			_, err := db.SetReceivedOn(c, k.ID, k.Version, day(2026, 11, 28))
			return err
		}},
		{"SaveCertificateSettings", settings, false, func(c context.Context) error {
			return db.SaveCertificateSettings(c, must(db.CertificateSettings(ctx)))
		}},
		{"CreateFair", fairs, false, func(c context.Context) error { return db.CreateFair(c, NewFair(data.FairDomestic)) }},
		{"UpdateFair", fairs, false, func(c context.Context) error { f := fair(); f.Venue += "."; return db.UpdateFair(c, f) }},
		{"SetFairStatus", fairs, false, func(c context.Context) error {
			f := MustCreateFair(t, db, NewFair(data.FairDomestic), 0)
			_, err := db.SetFairStatus(c, f.ID, f.Version, data.FairCancelled, "Không tổ chức")
			return err
		}},
		{"DeleteFair", fairs, false, func(c context.Context) error {
			return db.DeleteFair(c, MustCreateFair(t, db, NewFair(data.FairDomestic), 0).ID)
		}},
		{"SaveFairSettings", settings, false, func(c context.Context) error { return db.SaveFairSettings(c, must(db.FairSettings(ctx))) }},
		{"AddBooths", fairs, false, func(c context.Context) error {
			return db.AddBooths(c, w.fair.ID, []*data.Booth{{Number: code("B"), WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard}})
		}},
		{"DeleteBooth", fairs, false, func(c context.Context) error {
			bs := must(db.Booths(ctx, w.fair.ID))
			return db.DeleteBooth(c, bs[len(bs)-1].ID)
		}},
		{"Register", fairs, false, func(c context.Context) error {
			e := MustCreateEnterprise(t, db, NewEnterprise(next("Công ty")))
			_, err := db.Register(c, data.BookingRequest{FairID: w.fair.ID, EnterpriseID: e.ID, BoothsWanted: 1})
			return err
		}},
		{"AssignBooth", fairs, false, func(c context.Context) error {
			k := booking()
			_, err := db.AssignBooth(c, k.ID, k.Version, booth(0))
			return err
		}},
		{"ReleaseBooth", fairs, false, func(c context.Context) error {
			k := booking()
			_, err := db.ReleaseBooth(c, k.ID, k.Version, booth(k.ID))
			return err
		}},
		{"ConfirmBooking", fairs, false, func(c context.Context) error {
			k := booking()
			_, err := db.ConfirmBooking(c, k.ID, k.Version)
			return err
		}},
		{"CancelBooking", fairs, false, func(c context.Context) error {
			k := booking()
			_, err := db.CancelBooking(c, k.ID, k.Version, "Doanh nghiệp rút")
			return err
		}},
		{"RecordResults", fairs, false, func(c context.Context) error {
			k := booking()
			_, err := db.RecordResults(c, k.ID, k.Version, data.BookingResults{Sales: 1})
			return err
		}},
		{"SavePlan", programmes, false, func(c context.Context) error {
			p := must(db.FindPlan(ctx, 2026))
			p.Name += "."
			return db.SavePlan(c, p)
		}},
		{"CreateProgramme", programmes, false, func(c context.Context) error {
			return db.CreateProgramme(c, NewProgramme(w.plan, code("ĐA-2026"), data.ContentTraining))
		}},
		{"UpdateProgramme", programmes, false, func(c context.Context) error {
			p := must(db.FindProgrammeByID(ctx, w.tech))
			p.Unit += "."
			return db.UpdateProgramme(c, p)
		}},
		{"SetProgrammeStatus/approve", approve, false, func(c context.Context) error {
			p := programme()
			_, err := db.SetProgrammeStatus(c, p.ID, p.Version, data.ProgrammeApproved, "")
			return err
		}},
		{"SetProgrammeStatus/run", programmes, false, func(c context.Context) error {
			p := programme(data.ProgrammeApproved)
			_, err := db.SetProgrammeStatus(c, p.ID, p.Version, data.ProgrammeRunning, "")
			return err
		}},
		{"SetProgrammeStatus/settle", approve, false, func(c context.Context) error {
			p := programme(data.ProgrammeApproved, data.ProgrammeRunning, data.ProgrammeAccepted)
			_, err := db.SetProgrammeStatus(c, p.ID, p.Version, data.ProgrammeSettled, "")
			return err
		}},
		{"DeleteProgramme", programmes, false, func(c context.Context) error { return db.DeleteProgramme(c, programme().ID) }},
		{"AddPayment", programmes, false, func(c context.Context) error {
			return db.AddPayment(c, &data.Payment{ProgrammeID: w.tech, Kind: data.PaymentFinal, Date: day(2026, 6, 1), Amount: 1_000_000, Voucher: code("PC")})
		}},
		{"DeletePayment", programmes, false, func(c context.Context) error {
			p := MustPay(t, db, &data.Payment{ProgrammeID: w.tech, Kind: data.PaymentFinal, Date: day(2026, 6, 1), Amount: 1_000_000, Voucher: code("PC")})
			return db.DeletePayment(c, p.ID)
		}},
		{"CreateEquipment", programmes, false, func(c context.Context) error {
			return db.CreateEquipment(c, NewEquipment(w.enterprise.ID, w.tech))
		}},
		{"UpdateEquipment", programmes, false, func(c context.Context) error {
			q := equipment()
			q.Supplier += "."
			return db.UpdateEquipment(c, q)
		}},
		{"SetEquipmentStatus/approve", rights(data.RightProgrammes, data.RightApprove), false, func(c context.Context) error {
			q := equipment()
			_, err := db.SetEquipmentStatus(c, data.EquipmentTransition{ID: q.ID, Version: q.Version, To: data.EquipmentApproved, Approved: 1_000_000})
			return err
		}},
		{"SetEquipmentStatus/approveAboveRule", approve, false, func(c context.Context) error {
			q := equipment()
			_, err := db.SetEquipmentStatus(c, data.EquipmentTransition{ID: q.ID, Version: q.Version, To: data.EquipmentApproved,
				Approved: q.Investment - 1, OverCapReason: "Làng nghề cần giữ nghề"})
			return err
		}},
		{"SetEquipmentStatus/refuse", programmes, false, func(c context.Context) error {
			q := equipment()
			_, err := db.SetEquipmentStatus(c, data.EquipmentTransition{ID: q.ID, Version: q.Version, To: data.EquipmentRefused, Reason: "Thiếu hồ sơ"})
			return err
		}},
		{"DeleteEquipment", programmes, false, func(c context.Context) error { return db.DeleteEquipment(c, equipment().ID) }},
		{"SaveEquipmentSettings", settings, false, func(c context.Context) error {
			return db.SaveEquipmentSettings(c, must(db.EquipmentSettings(ctx)))
		}},
		{"CreateVillage", register, false, func(c context.Context) error { return db.CreateVillage(c, NewVillage(next("Làng nghề"))) }},
		{"UpdateVillage", register, false, func(c context.Context) error {
			v := must(db.FindVillageByID(ctx, w.village.ID))
			v.Notes += "."
			return db.UpdateVillage(c, v)
		}},
		{"DeleteVillage", register, false, func(c context.Context) error {
			return db.DeleteVillage(c, MustCreateVillage(t, db, NewVillage(next("Làng"))).ID)
		}},
		{"FindUsers", users, false, func(c context.Context) error { _, err := db.FindUsers(c); return err }},
		{"AddUser", users, false, func(c context.Context) error {
			_, err := db.AddUser(c, data.User{Login: code("moi"), FullName: "Người mới", Role: data.RoleViewer}, storetest.Password)
			return err
		}},
		{"UpdateUser", users, false, func(c context.Context) error {
			u := victim()
			u.FullName += "."
			_, err := db.UpdateUser(c, *u)
			return err
		}},
		{"SetUserDisabled", users, false, func(c context.Context) error {
			u := victim()
			_, err := db.SetUserDisabled(c, u.ID, u.Version, false)
			return err
		}},
		{"ResetPassword", users, false, func(c context.Context) error { return db.ResetPassword(c, w.victim.ID, storetest.Password) }},
		{"ChangePassword", rights(anyone), false, func(c context.Context) error {
			return db.ChangePassword(c, storetest.Password, storetest.Password)
		}},
		{"SetClassTrainers", training, false, func(c context.Context) error {
			return db.SetClassTrainers(c, MustCreateClass(t, db, NewClass(code("LH-2026"))).ID, nil)
		}},
	}
}

// keyCalls are the guarded calls of the signing key's service, when the store has it.
func (w *accessWorld) keyCalls() []guarded {
	keys, ok := any(w.db).(data.KeyService)
	if !ok {
		return nil
	}
	sign := rights(data.RightSign)
	file := data.SamplePassword + " của tệp"
	return []guarded{
		{"SetSigningPassphrase", sign, false, func(c context.Context) error {
			return keys.SetSigningPassphrase(c, data.SamplePassword, data.SamplePassword)
		}},
		{"ExportKey", sign, false, func(c context.Context) error { _, err := keys.ExportKey(c, file); return err }},
		{"ImportKey", sign, false, func(c context.Context) error {
			return keys.ImportKey(c, must(keys.ExportKey(as(tester), file)), file)
		}},
		{"RotateKey", sign, false, func(c context.Context) error { _, err := keys.RotateKey(c); return err }},
		{"SignRevocationList", sign, false, func(c context.Context) error { _, err := keys.SignRevocationList(c); return err }},
	}
}

// importCalls are the import's writes, which need the right of what they import: the register's,
// a class's (its trainees) or a fair's (its bookings).
func (w *accessWorld) importCalls() []guarded {
	db := w.db
	mapping := func(kind data.ImportKind) func(context.Context) error {
		return func(c context.Context) error {
			return db.SaveImportMapping(c, kind, next("MST|Tên"), []string{"tax_code", "name"})
		}
	}
	importing := func(kind data.ImportKind, target int64, rows [][]string) func(context.Context) error {
		return func(c context.Context) error {
			_, err := db.Import(c, MustPreview(w.t, db, kind, target, rows), nil)
			return err
		}
	}
	return []guarded{
		{"SaveImportMapping/enterprises", rights(data.RightRegister), false, mapping(data.ImportEnterprises)},
		{"SaveImportMapping/class", rights(data.RightTraining), false, mapping(data.ImportClassTrainees)},
		{"SaveImportMapping/fair", rights(data.RightFairs), false, mapping(data.ImportFairBookings)},
		{"Import/villages", rights(data.RightRegister), false, importing(data.ImportVillages, 0,
			[][]string{{"Tên làng nghề"}, {next("Làng nghề")}})},
		{"Import/fair", rights(data.RightFairs), false, importing(data.ImportFairBookings, w.fair.ID,
			[][]string{{"MST", "Số gian"}, {w.enterprise.TaxCode, "1"}})},
	}
}
