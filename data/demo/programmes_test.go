package demo_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// programmesDB returns a store holding the whole sample on the clock pinned to now: enterprises,
// the đề án, the training and fairs linked to them, and the payments.
func programmesDB(t *testing.T, now time.Time) *store.DB {
	t.Helper()
	db, err := store.Create(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.AddAdmin(t, db, "demo.test")
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	if _, err := demo.Load(ctx, struct{ data.EnterpriseService }{db}, db, 300, 1); err != nil {
		t.Fatal(err)
	}
	svc := demo.ServicesOf(db, db.Now)
	n, finish, err := demo.Programmes(ctx, svc)
	if err != nil || n != 27 {
		t.Fatalf("Programmes = %d, %v", n, err)
	}
	if _, err := demo.Training(ctx, svc, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fairs(ctx, svc, 1); err != nil {
		t.Fatal(err)
	}
	if paid, err := finish(ctx); err != nil || paid < 50 {
		t.Fatalf("finish = %d payments, %v", paid, err)
	}
	return db
}

// programmeSnapshot is what the sample's đề án hold, without store IDs, to compare two runs.
func programmeSnapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	ps, err := db.FindProgrammes(ctx, data.ProgrammeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "%s|%s|%s|%d/%d/%d|%+v\n", p.Code, p.Content, p.Status, p.Support, p.Committed, p.Paid, p.Targets)
	}
	return b.String()
}

func TestProgrammesSample(t *testing.T) {
	db := programmesDB(t, pinned)
	ps, err := db.FindProgrammes(ctx, data.ProgrammeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	statuses, contents := map[data.ProgrammeStatus]int{}, map[string]bool{}
	for _, p := range ps {
		statuses[p.Status]++
		contents[fmt.Sprint(p.Year, p.Content)] = true
		if p.Paid > p.Support || len(p.Targets) == 0 {
			t.Errorf("%s: paid %d of %d, %d targets", p.Code, p.Paid, p.Support, len(p.Targets))
		}
		if (p.Status == data.ProgrammeSettled || p.Status == data.ProgrammeRunning) && p.Paid == 0 {
			t.Errorf("%s is %s and paid nothing", p.Code, p.Status)
		}
	}
	for _, s := range data.ProgrammeStatuses {
		if statuses[s] == 0 {
			t.Errorf("no đề án %s", s)
		}
	}
	if len(contents) != 27 {
		t.Errorf("%d year × content pairs, want every content in each of 3 years", len(contents))
	}

	// Every class and fair is paid by a đề án of its year and content.
	cs, err := db.FindClasses(ctx, data.ClassFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		p, err := db.FindProgrammeByID(ctx, c.ProgrammeID)
		if err != nil || p.Year != c.Start.Year || p.Content != data.ContentOfClass(c.Kind) {
			t.Errorf("class %s paid by %+v (%v)", c.Code, p, err)
		}
	}
	fs, err := db.FindFairs(ctx, data.FairFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if !strings.HasPrefix(f.ProgrammeCode, "ĐA-04/") {
			t.Errorf("fair %s paid by %q", f.Code, f.ProgrammeCode)
		}
	}

	// Today's training đề án: its classes held, trainees trained, classes and bookings advanced.
	year := pinned.Year()
	sum, err := db.PlanSummary(ctx, year)
	if err != nil || sum.Plan == nil || len(sum.Programmes) != 9 || sum.Committed == 0 || sum.Paid == 0 {
		t.Fatalf("plan of %d: %+v, %v", year, sum, err)
	}
	training := sum.Programmes[0]
	if training.Targets[0].Achieved == 0 || training.Targets[1].Achieved == 0 {
		t.Errorf("training targets %+v", training.Targets)
	}
	var kinds []string
	for _, p := range sum.Programmes {
		d, err := db.ProgrammeDetail(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range d.Payments {
			kind := strings.SplitN(m.For, " ", 2)[0] + " " + string(m.Kind)
			if !slices.Contains(kinds, kind) {
				kinds = append(kinds, kind)
			}
		}
	}
	slices.Sort(kinds)
	if got, want := strings.Join(kinds, ", "), "Chi tam_ung, Gian tam_ung, Gian thanh_toan, Lớp tam_ung, Lớp thanh_toan"; got != want {
		t.Errorf("payments of %d: %s, want %s", year, got, want)
	}
}

func TestProgrammesDeterministic(t *testing.T) {
	if a, b := programmeSnapshot(t, programmesDB(t, pinned)), programmeSnapshot(t, programmesDB(t, pinned)); a != b {
		t.Errorf("the same day gave different đề án:\n%s\n---\n%s", a, b)
	}
}

// scaleDB returns a new store on the pinned clock holding 200 enterprises only, and its services.
func scaleDB(t *testing.T) (*store.DB, demo.TrainingServices) {
	t.Helper()
	db, err := store.Create(filepath.Join(t.TempDir(), "scale.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.AddAdmin(t, db, "demo.test")
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return pinned }
	if _, err := demo.Load(ctx, struct{ data.EnterpriseService }{db}, db, 200, 3); err != nil {
		t.Fatal(err)
	}
	return db, demo.ServicesOf(db, db.Now)
}

func TestScaleProgrammes(t *testing.T) {
	db, svc := scaleDB(t)
	n, finish, err := demo.ScaleProgrammes(ctx, svc, 9)
	if err != nil || n != 90 {
		t.Fatalf("ScaleProgrammes = %d, %v", n, err)
	}
	if _, err := demo.ScaleTraining(ctx, svc, 30, 3); err != nil {
		t.Fatal(err)
	}
	paid, err := finish(ctx)
	if err != nil || paid < 90*18 {
		t.Fatalf("finish = %d payments, %v; want about 20 for each đề án", paid, err)
	}
	none := int64(0)
	if n, err := db.CountClasses(ctx, data.ClassFilter{ProgrammeID: &none}); err != nil || n != 0 {
		t.Errorf("%d classes paid by no đề án (%v)", n, err)
	}
	settled := data.ProgrammeSettled
	if n, err := db.CountProgrammes(ctx, data.ProgrammeFilter{Status: &settled}); err != nil || n != 81 {
		t.Errorf("%d đề án settled (%v), want the nine years before today's", n, err)
	}
}
