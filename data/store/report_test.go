package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
)

// The reports' figures are checked against a second count: the test reads every record through
// the services' lists (classes and rosters, certificates, fairs and bookings, equipment, đề án and
// payments, enterprises, villages) and counts in Go what each report should say.

// reportNow is the sample's clock: the demo's đề án, classes and fairs lie around it.
var reportNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

var (
	reportOnce  sync.Once
	reportStore *store.DB
	reportErr   error
)

// ReportDB returns the shared store of the report tests: the whole demo sample (as kc seed --demo
// writes it), then a few certificates revoked and re-issued and classes held for villages. On
// the server it is a database of its own that lasts the run (the test server goes with it).
func ReportDB(t *testing.T) *store.DB {
	t.Helper()
	reportOnce.Do(func() {
		if storetest.OnServer() {
			name := fmt.Sprintf("kct_%d_report", os.Getpid())
			storetest.ServerExec(t, `CREATE DATABASE `+name+` TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`)
			reportStore, reportErr = makeReportDB(t, storetest.ServerURL(name))
			return
		}
		dir, err := os.MkdirTemp("", "khuyencong-report")
		if err != nil {
			reportErr = err
			return
		}
		reportStore, reportErr = makeReportDB(t, filepath.Join(dir, "report.db"))
	})
	if reportErr != nil {
		t.Fatal(reportErr)
	}
	return reportStore
}

// makeReportDB writes the sample at location, a file or a server's database, as the
// administrator tester.
func makeReportDB(tb testing.TB, location string) (*store.DB, error) {
	db, err := store.Create(location)
	if err != nil {
		return nil, err
	}
	db.Now = func() time.Time { return reportNow }
	storetest.AddAdmin(tb, db, tester)
	if _, err := demo.Load(ctx, struct{ data.EnterpriseService }{db}, db, 300, 1); err != nil {
		return nil, err
	}
	svc := demo.ServicesOf(db, db.Now)
	if _, err := demo.Villages(ctx, db, db, 0, 1); err != nil {
		return nil, err
	}
	_, finish, err := demo.Programmes(ctx, svc)
	if err != nil {
		return nil, err
	}
	if _, err := demo.Equipment(ctx, svc, db, 0, 1); err != nil {
		return nil, err
	}
	if _, err := demo.Training(ctx, svc, 1); err != nil {
		return nil, err
	}
	if _, err := demo.Fairs(ctx, svc, 1); err != nil {
		return nil, err
	}
	if _, err := finish(ctx); err != nil {
		return nil, err
	}
	return db, reportExtras(db)
}

// reportExtras adds what the sample lacks: two certificates revoked (one then re-issued), one
// re-issued, and villages for some classes.
func reportExtras(db *store.DB) error {
	issued := data.CertIssued
	certs, err := db.FindCertificates(ctx, data.CertificateFilter{Status: &issued})
	if err != nil || len(certs) < 4 {
		return fmt.Errorf("certificates: %d, %v", len(certs), err)
	}
	on := vn.DateOf(reportNow).AddDays(-3)
	revoked, err := db.RevokeCertificate(ctx, certs[0].ID, certs[0].Version, on, "Cấp nhầm người")
	if err != nil {
		return err
	}
	if _, err := db.ReissueCertificate(ctx, revoked.ID, revoked.Version, on.AddDays(1), "Cấp lại sau thu hồi"); err != nil {
		return err
	}
	if _, err := db.RevokeCertificate(ctx, certs[1].ID, certs[1].Version, on, "Hồ sơ không đúng"); err != nil {
		return err
	}
	if _, err := db.ReissueCertificate(ctx, certs[2].ID, certs[2].Version, on, "Sai ngày sinh"); err != nil {
		return err
	}
	// Some classes held for the villages of their host enterprises.
	_, err = db.SQL().ExecContext(ctx, `UPDATE classes SET village_id = (SELECT village_id FROM enterprises WHERE id = classes.host_enterprise_id) WHERE id % 2 = 0`)
	return err
}

// world is every record, read through the services' lists.
type world struct {
	classes     []*data.Class
	rosters     map[int64][]*data.EnrollmentView
	certs       []*data.Certificate
	fairs       []*data.Fair
	bookings    map[int64][]*data.Booking
	equipment   []*data.Equipment
	programmes  map[int64]*data.Programme
	payments    []*data.Payment
	enterprises map[int64]*data.Enterprise
	villages    []*data.Village
}

// readWorld reads everything through the services.
func readWorld(t *testing.T, db *store.DB) *world {
	t.Helper()
	w := &world{rosters: map[int64][]*data.EnrollmentView{}, bookings: map[int64][]*data.Booking{},
		programmes: map[int64]*data.Programme{}, enterprises: map[int64]*data.Enterprise{}}
	var err error
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.classes, err = db.FindClasses(ctx, data.ClassFilter{})
	must(err)
	for _, c := range w.classes {
		w.rosters[c.ID], err = db.ClassRoster(ctx, c.ID)
		must(err)
	}
	w.certs, err = db.FindCertificates(ctx, data.CertificateFilter{})
	must(err)
	w.fairs, err = db.FindFairs(ctx, data.FairFilter{})
	must(err)
	for _, f := range w.fairs {
		w.bookings[f.ID], err = db.FairBookings(ctx, f.ID)
		must(err)
	}
	w.equipment, err = db.FindEquipment(ctx, data.EquipmentFilter{})
	must(err)
	ps, err := db.FindProgrammes(ctx, data.ProgrammeFilter{})
	must(err)
	for _, p := range ps {
		w.programmes[p.ID] = p
		d, err := db.ProgrammeDetail(ctx, p.ID)
		must(err)
		w.payments = append(w.payments, d.Payments...)
	}
	es, err := db.FindEnterprises(ctx, data.EnterpriseFilter{})
	must(err)
	for _, e := range es {
		w.enterprises[e.ID] = e
	}
	w.villages, err = db.FindVillages(ctx, data.VillageFilter{})
	must(err)
	return w
}

// funding returns the source of the đề án id, "" for none.
func (w *world) funding(id int64) data.Funding {
	if p := w.programmes[id]; p != nil {
		return p.Funding
	}
	return ""
}

// classIn reports whether class c counts in period p under filter f (honouring the training use).
func (w *world) classIn(c *data.Class, p data.Period, f data.ReportFilter) bool {
	return p.Contains(c.Start) && c.Status != data.ClassCancelled && w.classMatches(c, f)
}

// classMatches reports whether class c passes filter f.
func (w *world) classMatches(c *data.Class, f data.ReportFilter) bool {
	return (f.WardCode == nil || *f.WardCode == c.WardCode) && (f.Trade == nil || *f.Trade == c.Trade) &&
		(f.VillageID == nil || *f.VillageID == c.VillageID) && (f.ClassKind == nil || *f.ClassKind == c.Kind) &&
		(f.Funding == nil || *f.Funding == w.funding(c.ProgrammeID))
}

// enterpriseIn reports whether enterprise id passes the filter's ward, trade and village.
func (w *world) enterpriseIn(id int64, f data.ReportFilter) bool {
	e := w.enterprises[id]
	return (f.WardCode == nil || *f.WardCode == e.WardCode) && (f.Trade == nil || *f.Trade == e.Trade) &&
		(f.VillageID == nil || *f.VillageID == e.VillageID)
}

// training counts the classes of p and f as TrainingReport's total should.
func (w *world) training(p data.Period, f data.ReportFilter) data.TrainingRow {
	var r data.TrainingRow
	for _, c := range w.classes {
		if !w.classIn(c, p, f) {
			continue
		}
		r.Classes++
		r.Budget += c.Budget
		done := c.Status == data.ClassFinished || c.Status == data.ClassCertified
		for _, v := range w.rosters[c.ID] {
			if v.Status == data.EnrollmentWithdrawn {
				r.Withdrawn++
				continue
			}
			r.Trainees++
			r.Women += b2i(v.Female)
			r.Employed += b2i(v.Employed)
			r.Completed += b2i(done && v.HasScore && v.Score >= c.PassMark)
		}
	}
	return r
}

// b2i is 1 for true.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// fairIn reports whether fair x counts in p under f's funding.
func (w *world) fairIn(x *data.Fair, p data.Period, f data.ReportFilter) bool {
	return p.Contains(x.Start) && x.Status != data.FairCancelled && (f.Funding == nil || *f.Funding == w.funding(x.ProgrammeID))
}

// fairTotals counts the fairs of p and f as FairReport's total should.
func (w *world) fairTotals(p data.Period, f data.ReportFilter) data.FairRow {
	var r data.FairRow
	paid := map[int64]int64{}
	for _, y := range w.payments {
		if y.BookingID != 0 && !p.To.Before(y.Date) {
			paid[y.BookingID] += y.Amount
		}
	}
	for _, x := range w.fairs {
		if !w.fairIn(x, p, f) {
			continue
		}
		var row data.FairRow
		for _, k := range w.bookings[x.ID] {
			if !k.Status.Active() || !w.enterpriseIn(k.EnterpriseID, f) {
				continue
			}
			row.Enterprises++
			row.Booths += len(k.Booths)
			row.Support += k.Support
			row.Paid += paid[k.ID]
			row.Sales += k.Sales
			row.Contracts += k.Contracts
			row.ContractValue += k.ContractValue
		}
		if row.Enterprises > 0 || (f.WardCode == nil && f.Trade == nil && f.VillageID == nil) {
			row.Fairs = 1
			r.Add(row)
		}
	}
	return r
}

// support returns the amount, lines and distinct enterprises SupportReport should show.
func (w *world) support(p data.Period, f data.ReportFilter) (amount int64, lines int, who map[int64]bool) {
	who = map[int64]bool{}
	add := func(id int64, a int64) {
		if w.enterpriseIn(id, f) {
			amount, lines, who[id] = amount+a, lines+1, true
		}
	}
	for _, c := range w.classes {
		if c.HostEnterpriseID != 0 && w.classIn(c, p, data.ReportFilter{Funding: f.Funding}) {
			add(c.HostEnterpriseID, c.Budget)
		}
	}
	for _, x := range w.fairs {
		if w.fairIn(x, p, f) {
			for _, k := range w.bookings[x.ID] {
				if k.Status.Active() && k.Support > 0 {
					add(k.EnterpriseID, k.Support)
				}
			}
		}
	}
	for _, q := range w.equipment {
		if p.Contains(q.RequestedOn) && q.Status.Commits() && (f.Funding == nil || *f.Funding == w.funding(q.ProgrammeID)) {
			add(q.EnterpriseID, q.Approved)
		}
	}
	return amount, lines, who
}

// certificates counts as CertificateReport's total should.
func (w *world) certificates(p data.Period, f data.ReportFilter) data.CertificateRow {
	classes := map[int64]*data.Class{}
	for _, c := range w.classes {
		classes[c.ID] = c
	}
	var r data.CertificateRow
	for _, x := range w.certs {
		if !w.classMatches(classes[x.ClassID], f) {
			continue
		}
		if p.Contains(x.Content.IssuedOn) {
			if x.Content.Replaces == "" {
				r.Issued++
			} else {
				r.Reissued++
			}
		}
		if x.Status == data.CertRevoked && p.Contains(x.RevokedOn) {
			r.Revoked++
		}
	}
	return r
}

// equipmentCount counts equipment (models when models) requested in p and approved.
func (w *world) equipmentCount(p data.Period, models bool) int {
	n := 0
	for _, q := range w.equipment {
		if p.Contains(q.RequestedOn) && q.Status.Commits() && (q.Kind == data.EquipmentModel) == models {
			n++
		}
	}
	return n
}

// figures counts the dashboard's figures of p.
func (w *world) figures(p data.Period) data.Figures {
	var f data.Figures
	t := w.training(p, data.ReportFilter{})
	f.Classes, f.Trainees, f.Women, f.Completed, f.Employed = t.Classes, t.Trainees, t.Women, t.Completed, t.Employed
	c := w.certificates(p, data.ReportFilter{})
	f.Certificates, f.Revoked = c.Issued+c.Reissued, c.Revoked
	who := map[int64]bool{}
	for _, x := range w.fairs {
		if w.fairIn(x, p, data.ReportFilter{}) {
			f.Fairs++
			for _, k := range w.bookings[x.ID] {
				if k.Status.Active() {
					f.Bookings++
					who[k.EnterpriseID] = true
				}
			}
		}
	}
	f.FairEnterprises = len(who)
	f.Equipment, f.Models = w.equipmentCount(p, false), w.equipmentCount(p, true)
	_, _, supported := w.support(p, data.ReportFilter{})
	f.Enterprises = len(supported)
	for _, pr := range w.programmes {
		if pr.Year == p.To.Year && pr.Status != data.ProgrammeCancelled {
			f.Budget.Planned += pr.Support
			f.Budget.Committed += pr.Committed
			f.Budget.Paid += pr.Paid
		}
	}
	return f
}

// results returns the money ResultsReport should total, by content.
func (w *world) results(p data.Period, f data.ReportFilter) map[data.Content]data.Money {
	out := map[data.Content]data.Money{}
	for _, pr := range w.programmes {
		if pr.Year != p.To.Year || pr.Status == data.ProgrammeCancelled || (f.Funding != nil && *f.Funding != pr.Funding) {
			continue
		}
		m := data.Money{Support: pr.Support, Own: pr.Own, Committed: pr.Committed}
		for _, y := range w.payments {
			if y.ProgrammeID != pr.ID {
				continue
			}
			if p.Contains(y.Date) {
				m.PaidPeriod += y.Amount
			}
			if (data.Period{From: p.YearStart(), To: p.To}).Contains(y.Date) {
				m.PaidCumulative += y.Amount
			}
		}
		sum := out[pr.Content]
		sum.Add(m)
		out[pr.Content] = sum
	}
	return out
}

// villageRows returns what VillageReport should say of each village, by ID.
func (w *world) villageRows(p data.Period) map[int64]data.VillageRow {
	out := map[int64]data.VillageRow{}
	for _, v := range w.villages {
		var r data.VillageRow
		for _, e := range w.enterprises {
			r.Enterprises += b2i(e.VillageID == v.ID)
		}
		for _, c := range w.classes {
			if c.VillageID == v.ID && w.classIn(c, p, data.ReportFilter{}) {
				r.Classes, r.ClassBudget = r.Classes+1, r.ClassBudget+c.Budget
				for _, n := range w.rosters[c.ID] {
					r.Trainees += b2i(n.Status == data.EnrollmentActive)
				}
			}
		}
		for _, x := range w.fairs {
			if w.fairIn(x, p, data.ReportFilter{}) {
				for _, k := range w.bookings[x.ID] {
					if k.Status.Active() && w.enterprises[k.EnterpriseID].VillageID == v.ID {
						r.Bookings, r.FairSupport = r.Bookings+1, r.FairSupport+k.Support
					}
				}
			}
		}
		for _, q := range w.equipment {
			if p.Contains(q.RequestedOn) && q.Status.Commits() && w.enterprises[q.EnterpriseID].VillageID == v.ID {
				r.Equipment, r.EquipmentSupport = r.Equipment+1, r.EquipmentSupport+q.Approved
			}
		}
		r.Amount = r.ClassBudget + r.FairSupport + r.EquipmentSupport
		out[v.ID] = r
	}
	return out
}
