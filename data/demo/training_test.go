package demo_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
)

var ctx = data.WithUser(context.Background(), "demo.test")

// trainingDB returns a store with the clock pinned to now, holding the sample enterprises and
// the sample training of seed.
func trainingDB(t *testing.T, now time.Time, seed int64) *store.DB {
	t.Helper()
	db, err := store.Create(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.AddAdmin(t, db, "demo.test")
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	wards, err := db.Wards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	districts, err := db.Districts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateEnterprises(ctx, demo.Enterprises(300, 1, wards, districts)); err != nil {
		t.Fatal(err)
	}
	n, err := demo.Training(ctx, demo.ServicesOf(db, db.Now), seed)
	if err != nil {
		t.Fatalf("Training: %v", err)
	}
	if n < 10 || n > 15 {
		t.Errorf("Training made %d classes, want about 12", n)
	}
	return db
}

// snapshot is what the sample holds, without store IDs and times, to compare two runs.
func snapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	cs, err := db.FindClasses(ctx, data.ClassFilter{Sort: data.ClassByCode})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s|%d/%d|%s|%s|%s\n", c.Code, c.Name, c.Kind, c.HostName, c.Start, c.End, c.Enrolled, c.Capacity, c.Status, c.Trainers, c.CancelReason)
		g, err := db.AttendanceGrid(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range g.Roster {
			fmt.Fprintf(&b, "  %s|%v|%s|%s|%s|%d/%d/%d/%d|%d|%v|%s|%v|%s|%s\n", v.TraineeName.Full(), v.Female, v.BirthDate, v.BirthPlace, v.CCCD,
				v.Present, v.Late, v.Excused, v.Absent, v.Score, v.HasScore, v.Reason, v.Employed, v.Employer, v.EmployedOn)
		}
		fmt.Fprintf(&b, "  %d sessions, %d marks\n", len(g.Sessions), len(g.Marks))
	}
	return b.String()
}

var pinned = time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)

func TestTrainingDeterministic(t *testing.T) {
	a := snapshot(t, trainingDB(t, pinned, 1))
	if testing.Verbose() {
		t.Log(a)
	}
	if b := snapshot(t, trainingDB(t, pinned, 1)); a != b {
		t.Errorf("the same seed and day gave different samples:\n%s\n---\n%s", a, b)
	}
	if c := snapshot(t, trainingDB(t, pinned, 2)); a == c {
		t.Error("another seed gave the same sample")
	}
}

func TestTrainingSample(t *testing.T) {
	for _, now := range []time.Time{pinned, time.Date(2025, 9, 1, 23, 59, 0, 0, time.Local), time.Now()} {
		t.Run(now.Format("2006-01-02"), func(t *testing.T) { checkSample(t, trainingDB(t, now, 1), vn.DateOf(now)) })
	}
}

// checkSample checks that the sample in db is valid and varied on the day today.
func checkSample(t *testing.T, db *store.DB, today vn.Date) {
	cs, err := db.FindClasses(ctx, data.ClassFilter{})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[data.ClassStatus]int{}
	kinds := map[data.ClassKind]int{}
	var allEligible, someNot, employed, hosted int
	people := map[int64]int{} // classes of each trainee
	var text strings.Builder
	for _, c := range cs {
		statuses[c.Status]++
		kinds[c.Kind]++
		text.WriteString(c.Name + "\n")
		if c.HostEnterpriseID != 0 {
			hosted++
		}
		stored := *c
		stored.Normalize()
		if err := stored.Validate(); err != nil {
			t.Errorf("class %s: %v", c.Code, err)
		}
		switch c.Status {
		case data.ClassPlanned, data.ClassEnrolling:
			if !today.Before(c.Start) {
				t.Errorf("class %s is %s but started on %s (today %s)", c.Code, c.Status.Label(), c.Start, today)
			}
		case data.ClassRunning:
			if today.Before(c.Start) || c.End.Before(today) {
				t.Errorf("class %s is running but runs %s – %s (today %s)", c.Code, c.Start, c.End, today)
			}
		case data.ClassFinished, data.ClassCertified:
			if !c.End.Before(today) {
				t.Errorf("class %s is %s but ends %s (today %s)", c.Code, c.Status.Label(), c.End, today)
			}
		case data.ClassCancelled:
			if c.CancelReason == "" {
				t.Errorf("class %s cancelled without reason", c.Code)
			}
		}
		if c.Status != data.ClassPlanned && (c.Enrolled < 20 || c.Enrolled > 40) {
			t.Errorf("class %s has %d trainees, want 20 to 40", c.Code, c.Enrolled)
		}
		g, err := db.AttendanceGrid(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range g.Sessions {
			if s.Held && today.Before(s.Date) {
				t.Errorf("class %s: session %s held before today %s", c.Code, s.Date, today)
			}
		}
		eligible := 0
		for _, v := range g.Roster {
			people[v.TraineeID]++
			if v.Employed {
				employed++
			}
			if v.Eligible {
				eligible++
			}
			tr, err := db.FindTraineeByID(ctx, v.TraineeID)
			if err != nil {
				t.Fatal(err)
			}
			if err := tr.Validate(today); err != nil {
				t.Errorf("trainee %s: %v", tr.Name.Full(), err)
			}
			if tr.BirthDate.Year < 1965 || tr.BirthDate.Year > 2005 {
				t.Errorf("trainee %s born %s", tr.Name.Full(), tr.BirthDate)
			}
			if tr.CCCD != "" {
				if norm, err := vn.NormalizeCCCD(tr.CCCD); err != nil || norm != tr.CCCD {
					t.Errorf("trainee %s: CCCD %q: %v", tr.Name.Full(), tr.CCCD, err)
				}
			}
			text.WriteString(tr.Name.Full() + " " + tr.Ethnicity + " " + tr.BirthPlace + "\n")
		}
		if c.Status == data.ClassFinished || c.Status == data.ClassCertified {
			for _, v := range g.Roster {
				if v.Status == data.EnrollmentActive && !v.HasScore {
					t.Errorf("class %s: %s has no score", c.Code, v.TraineeName.Full())
				}
				if !v.Eligible && v.Reason == "" {
					t.Errorf("class %s: %s not eligible without reason", c.Code, v.TraineeName.Full())
				}
			}
			if eligible == len(g.Roster) {
				allEligible++
			} else {
				someNot++
			}
		}
	}
	for _, s := range data.ClassStatuses {
		if statuses[s] == 0 {
			t.Errorf("no class %s (statuses %v)", s.Label(), statuses)
		}
	}
	for _, k := range data.ClassKinds {
		if kinds[k] == 0 {
			t.Errorf("no class of kind %s", k.Label())
		}
	}
	if allEligible == 0 || someNot == 0 {
		t.Errorf("finished classes: %d with everyone eligible, %d with some not; want both", allEligible, someNot)
	}
	if employed == 0 || hosted < 5 {
		t.Errorf("%d trainees employed, %d classes hosted by an enterprise", employed, hosted)
	}
	twice := 0
	for _, n := range people {
		if n > 1 {
			twice++
		}
	}
	if twice < 4 {
		t.Errorf("%d trainees attend two classes, want a few", twice)
	}
	for _, s := range []string{"Bát Tràng", "Phú Vinh", "Quất Động", "Hạ Thái", "Chuông", "Tập huấn", "quản lý", "Mường", "Dao", "Tày", "Kinh"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("no %q in the sample", s)
		}
	}
}

// TestTrainingRosterReasons reads the reasons ClassRoster gives in a class with ineligible trainees.
func TestTrainingRosterReasons(t *testing.T) {
	db := trainingDB(t, pinned, 1)
	cs, err := db.FindClasses(ctx, data.ClassFilter{Search: "may tre dan Phu Vinh"})
	if err != nil {
		t.Fatal(err)
	}
	var phuVinh *data.Class
	for _, c := range cs {
		if c.Name == "Lớp truyền nghề mây tre đan Phú Vinh" {
			phuVinh = c
		}
	}
	if phuVinh == nil || phuVinh.Status != data.ClassCertified {
		t.Fatalf("no certified class Lớp truyền nghề mây tre đan Phú Vinh: %v", phuVinh)
	}
	roster, err := db.ClassRoster(ctx, phuVinh.ID)
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, v := range roster {
		if !v.Eligible {
			reasons = append(reasons, v.Reason)
		}
	}
	all := strings.Join(reasons, "\n")
	for _, want := range []string{"Vắng ", "dưới điểm đạt", "Thôi học từ"} {
		if !strings.Contains(all, want) {
			t.Errorf("no reason with %q among:\n%s", want, all)
		}
	}
	// A certified class has its certificates in the register: one for each eligible trainee.
	n, err := db.CountCertificates(ctx, data.CertificateFilter{ClassID: &phuVinh.ID})
	if err != nil || n != len(roster)-len(reasons) {
		t.Fatalf("%s has %d certificates (%v), want %d", phuVinh.Code, n, err, len(roster)-len(reasons))
	}
}

// TestLoadMakesTraining checks that Load, given a store that keeps training, makes the sample too.
func TestLoadMakesTraining(t *testing.T) {
	db, err := store.Create(filepath.Join(t.TempDir(), "load.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.AddAdmin(t, db, "demo.test")
	defer db.Close()
	n, err := demo.Load(ctx, db, db, 300, 1)
	if err != nil || n != 300 {
		t.Fatalf("Load = %d, %v", n, err)
	}
	classes, err := db.CountClasses(ctx, data.ClassFilter{})
	if err != nil || classes < 10 {
		t.Fatalf("Load made %d classes, %v", classes, err)
	}
}

func TestScaleTraining(t *testing.T) {
	db, svc := scaleDB(t)
	if n, err := db.CountClasses(ctx, data.ClassFilter{}); err != nil || n != 0 {
		t.Fatalf("Load without the training services made %d classes, %v", n, err)
	}
	n, err := demo.ScaleTraining(ctx, svc, 30, 3)
	if err != nil || n != 30 {
		t.Fatalf("ScaleTraining = %d, %v", n, err)
	}
	cs, err := db.FindClasses(ctx, data.ClassFilter{})
	if err != nil || len(cs) != 30 {
		t.Fatalf("%d classes, %v", len(cs), err)
	}
	total := 0
	for _, c := range cs {
		total += c.Enrolled
	}
	if total < 30*40 {
		t.Errorf("%d enrolments in 30 classes, want about 50 each", total)
	}
	if tr, err := db.CountTrainees(ctx, data.TraineeFilter{}); err != nil || tr >= total {
		t.Errorf("%d trainees for %d enrolments (%v): some should attend two classes", tr, total, err)
	}
}

// TestTrainingWithoutEnterprises checks that the sample still loads into a register with no
// enterprises: its classes then have no host and its owners no workplace.
func TestTrainingWithoutEnterprises(t *testing.T) {
	db, err := store.Create(filepath.Join(t.TempDir(), "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.AddAdmin(t, db, "demo.test")
	defer db.Close()
	db.Now = func() time.Time { return pinned }
	if n, err := demo.Training(ctx, demo.ServicesOf(db, db.Now), 1); err != nil || n != 12 {
		t.Fatalf("Training = %d, %v", n, err)
	}
}
