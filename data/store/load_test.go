package store_test

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// loadDuration is how long TestLoad's clerks work: short for `make test`, five minutes for the
// figures of the note (go test -run TestLoad -load.duration 5m -v).
var loadDuration = flag.Duration("load.duration", 15*time.Second, "how long TestLoad's clerks work")

// loadClerks is how many clerks TestLoad simulates, each with a connection of its own.
const loadClerks = 20

// loadKind is a kind of work a clerk does.
type loadKind int

// The kinds of work of TestLoad, with the share of a clerk's operations each takes.
const (
	loadSearch loadKind = iota // folded search of enterprises, first page
	loadOpen                   // opening a running class's attendance grid
	loadEdit                   // editing an enterprise after reading it (the version check)
	loadEnrol                  // enrolling a trainee in a class that may be full
	loadAttend                 // saving a session's attendance
	loadBook                   // registering, giving a booth or cancelling a fair booking
	loadIssue                  // issuing a finished class's certificates
	loadKinds
)

var (
	loadNames   = [loadKinds]string{"search", "open class", "edit enterprise", "enrol", "attendance", "booking", "issue certificates"}
	loadWeights = [loadKinds]int{30, 15, 20, 12, 10, 10, 3}
)

// loadWorld is what the clerks work on, made before they start.
type loadWorld struct {
	hot       []int64           // enterprises every clerk edits, so that saves go stale
	bookable  []int64           // enterprises that may book the fair
	trainees  []int64           // trainees to enrol
	enrolling []int64           // classes taking trainees, of capacity loadCapacity
	running   []int64           // classes whose attendance is taken
	sessions  []int64           // the running classes' sessions
	members   map[int64][]int64 // enrolment IDs of each session's class
	fair      int64             // the fair the clerks book
	booths    []int64           // its booths
	finished  []int64           // classes whose certificates the clerks issue
}

// loadCapacity is the capacity of the classes the clerks enrol into: they fill within seconds,
// and every enrolment after is a race for no seat.
const loadCapacity = 12

// loadTally gathers what the clerks did and what the store acknowledged.
type loadTally struct {
	mu         sync.Mutex
	latency    [loadKinds][]time.Duration
	refused    [loadKinds]int // ECONFLICT or an expected refusal: nothing written
	busy       int            // of which: the write lock was held past the store's wait
	edits      map[int64]int  // acknowledged edits by enterprise
	enrolments map[int64]int  // acknowledged enrolments by class
	issued     int            // certificates acknowledged
	unexpected []string       // errors a clerk would not expect
}

// TestLoad runs loadClerks clerks, each on its own connection to the same database, doing mixed
// work for -load.duration, then checks what the issue asks of a shared store: no lost update
// (every stale save refused, and each enterprise ends as the sum of acknowledged edits), a
// gapless certificate register, no booth held twice and no class over capacity. It logs each
// kind's operations per second and 95th-percentile latency, on whichever backend the run uses.
func TestLoad(t *testing.T) {
	loc := filepath.Join(t.TempDir(), "khuyencong.db")
	if storetest.OnServer() {
		loc = storetest.NewServerDB(t) // with its password, which db.Path() does not show
	}
	open := func() *store.DB {
		c, err := store.Open(loc)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return pinned(t, c)
	}
	if !storetest.OnServer() {
		MustClose(t, MustOpenDBAt(t, loc)) // makes the file
	}
	db := open()
	w := newLoadWorld(t, db)
	initial := map[int64]*data.Enterprise{}
	for _, id := range w.hot {
		e, err := db.FindEnterpriseByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		initial[id] = e
	}
	clerks := make([]*store.DB, loadClerks)
	for i := range clerks {
		clerks[i] = open()
	}

	tally := &loadTally{edits: map[int64]int{}, enrolments: map[int64]int{}}
	for _, c := range w.enrolling {
		tally.enrolments[c] = 0 // a class nobody got into is checked too
	}
	deadline := time.Now().Add(*loadDuration)
	var wg sync.WaitGroup
	for i, c := range clerks {
		wg.Go(func() { loadClerk(c, w, tally, rand.New(rand.NewPCG(uint64(i), 13)), deadline) })
	}
	wg.Wait()

	backend := "SQLite file"
	if db.IsServer() {
		backend = "PostgreSQL server"
	}
	t.Log(tally.report(backend, *loadDuration))
	if len(tally.unexpected) > 0 {
		t.Errorf("%d unexpected errors, the first ones:\n%s", len(tally.unexpected), strings.Join(tally.unexpected[:min(10, len(tally.unexpected))], "\n"))
	}
	checkNoLostUpdate(t, db, initial, tally.edits)
	checkRegisterGapless(t, db, tally.issued)
	checkBooths(t, db)
	checkCapacity(t, db, tally.enrolments)
}

// newLoadWorld fills db with what the clerks work on: 300 enterprises, 600 trainees, eight classes
// taking trainees, three running classes of 15 with their sessions, a fair of 30 booths and 30
// finished classes of 5 trainees to certify.
func newLoadWorld(tb testing.TB, db *store.DB) *loadWorld {
	tb.Helper()
	MustSetSigner(tb, db, signer)
	MustSealKey(tb, db)
	w := &loadWorld{members: map[int64][]int64{}}
	es := Generate(300)
	if err := db.CreateEnterprises(ctx, es); err != nil {
		tb.Fatal(err)
	}
	for _, e := range es {
		if !e.Archived {
			w.bookable = append(w.bookable, e.ID)
		}
	}
	w.hot = w.bookable[:10]
	r := rand.New(rand.NewPCG(2026, 11))
	ts := GenerateTrainees(r, 600)
	if err := db.CreateTrainees(ctx, ts); err != nil {
		tb.Fatal(err)
	}
	for _, t := range ts {
		w.trainees = append(w.trainees, t.ID)
	}
	code := 0
	class := func(capacity int) *data.Class {
		code++
		c := NewClass(fmt.Sprintf("LH-2026-%03d", code))
		c.Capacity = capacity
		return MustCreateClass(tb, db, c)
	}
	for range 8 {
		w.enrolling = append(w.enrolling, class(loadCapacity).ID)
	}
	for i := range 3 {
		c := class(15)
		es, err := db.EnrollMany(ctx, c.ID, w.trainees[100+15*i:115+15*i])
		if err != nil {
			tb.Fatal(err)
		}
		ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday, time.Thursday})
		if err != nil {
			tb.Fatal(err)
		}
		MustSetStatus(tb, db, MustClass(tb, db, c.ID), data.ClassRunning)
		for _, s := range ss {
			w.sessions = append(w.sessions, s.ID)
			for _, e := range es {
				w.members[s.ID] = append(w.members[s.ID], e.ID)
			}
		}
		w.running = append(w.running, c.ID)
	}
	f := MustCreateFair(tb, db, NewFair(data.FairDomestic), 30)
	w.fair = f.ID
	bs, err := db.Booths(ctx, f.ID)
	if err != nil {
		tb.Fatal(err)
	}
	for _, b := range bs {
		w.booths = append(w.booths, b.ID)
	}
	for i := range 30 {
		w.finished = append(w.finished, finishedClassOf(tb, db, class(5), w.trainees[200+5*i:205+5*i]).ID)
	}
	return w
}

// finishedClassOf enrols the trainees in c, marks them present at its Monday sessions, scores
// them 8,0 and finishes c, through the services only (so it runs on either backend).
func finishedClassOf(tb testing.TB, db *store.DB, c *data.Class, trainees []int64) *data.Class {
	tb.Helper()
	es, err := db.EnrollMany(ctx, c.ID, trainees)
	if err != nil {
		tb.Fatal(err)
	}
	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday})
	if err != nil {
		tb.Fatal(err)
	}
	MustSetStatus(tb, db, MustClass(tb, db, c.ID), data.ClassRunning)
	for _, s := range ss {
		if _, err := db.MarkAllPresent(ctx, s.ID); err != nil {
			tb.Fatal(err)
		}
	}
	for _, e := range es {
		if _, err := db.SetScore(ctx, e.ID, e.Version, 80); err != nil {
			tb.Fatal(err)
		}
	}
	return MustSetStatus(tb, db, MustClass(tb, db, c.ID), data.ClassFinished)
}

// loadClerk works on db until deadline, picking each operation by loadWeights.
func loadClerk(db *store.DB, w *loadWorld, tally *loadTally, r *rand.Rand, deadline time.Time) {
	total := 0
	for _, n := range loadWeights {
		total += n
	}
	pick := func(ids []int64) int64 { return ids[r.IntN(len(ids))] }
	for time.Now().Before(deadline) {
		k, n := loadKind(0), r.IntN(total)
		for n >= loadWeights[k] {
			n -= loadWeights[k]
			k++
		}
		start := time.Now()
		var err error
		switch k {
		case loadSearch:
			_, err = db.FindEnterprises(ctx, data.EnterpriseFilter{Search: benchQueries[r.IntN(len(benchQueries))], Limit: 50})
		case loadOpen:
			_, err = db.AttendanceGrid(ctx, pick(w.running))
		case loadEdit:
			err = loadEditEnterprise(db, pick(w.hot), r, tally)
		case loadEnrol:
			c := pick(w.enrolling)
			if _, err = db.Enroll(ctx, c, pick(w.trainees)); err == nil {
				tally.add(func() { tally.enrolments[c]++ })
			}
		case loadAttend:
			s := pick(w.sessions)
			marks := map[int64]data.AttendanceMark{}
			for _, e := range w.members[s] {
				marks[e] = []data.AttendanceMark{data.MarkPresent, data.MarkPresent, data.MarkPresent, data.MarkLate, data.MarkAbsent, data.MarkExcused}[r.IntN(6)]
			}
			err = db.SaveSessionAttendance(ctx, s, marks)
		case loadBook:
			err = loadBooking(db, w, r)
		case loadIssue:
			var res *data.IssueResult
			if res, err = db.IssueCertificates(ctx, request(pick(w.finished))); err == nil {
				tally.add(func() { tally.issued += len(res.Issued) })
			} else if data.ErrorCode(err) == data.EINVALID && strings.Contains(data.ErrorMessage(err), "đã được cấp") {
				err = errRefused // another clerk issued the class first
			}
		}
		tally.record(k, time.Since(start), err)
	}
}

// errRefused stands for a refusal a clerk expects other than ECONFLICT.
var errRefused = errors.New("refused as expected")

// loadEditEnterprise reads enterprise id, lets the clerk think a moment (others may save it
// meanwhile), adds a worker and saves with the version read.
func loadEditEnterprise(db *store.DB, id int64, r *rand.Rand, tally *loadTally) error {
	e, err := db.FindEnterpriseByID(ctx, id)
	if err != nil {
		return err
	}
	time.Sleep(time.Duration(r.IntN(3)) * time.Millisecond)
	e.Workers++
	if err := db.UpdateEnterprise(ctx, e); err != nil {
		return err
	}
	tally.add(func() { tally.edits[id]++ })
	return nil
}

// loadBooking registers a random enterprise for the fair, or gives a waiting booking a random
// booth, or cancels a random booking, as a clerk of the fairs does.
func loadBooking(db *store.DB, w *loadWorld, r *rand.Rand) error {
	if r.IntN(5) < 3 {
		_, err := db.Register(ctx, data.BookingRequest{FairID: w.fair, EnterpriseID: w.bookable[r.IntN(len(w.bookable))], BoothsWanted: 1, Products: "Gốm sứ các loại"})
		return err
	}
	ks, err := db.FairBookings(ctx, w.fair)
	if err != nil {
		return err
	}
	var waiting, active []*data.Booking
	for _, k := range ks {
		switch k.Status {
		case data.BookingWaiting:
			waiting = append(waiting, k)
		case data.BookingRegistered, data.BookingConfirmed:
			active = append(active, k)
		}
	}
	switch {
	case r.IntN(3) > 0 && len(waiting) > 0:
		k := waiting[r.IntN(len(waiting))]
		_, err = db.AssignBooth(ctx, k.ID, k.Version, w.booths[r.IntN(len(w.booths))])
	case len(active) > 0:
		k := active[r.IntN(len(active))]
		_, err = db.CancelBooking(ctx, k.ID, k.Version, "Doanh nghiệp bận việc đột xuất")
	}
	return err
}

// add runs f under the tally's lock.
func (t *loadTally) add(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f()
}

// record counts one operation of kind k that took d and ended with err.
func (t *loadTally) record(k loadKind, d time.Duration, err error) {
	t.add(func() {
		t.latency[k] = append(t.latency[k], d)
		switch {
		case err == nil:
		case errors.Is(err, errRefused) || data.ErrorCode(err) == data.ECONFLICT:
			t.refused[k]++
			if strings.Contains(data.ErrorMessage(err), "đang bận") {
				t.busy++
			}
		default:
			t.unexpected = append(t.unexpected, fmt.Sprintf("%s: %v", loadNames[k], err))
		}
	})
}

// report is the table of operations per second and latencies of each kind.
func (t *loadTally) report(backend string, d time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d clerks on the %s for %v\n%-20s %8s %8s %8s %9s %9s %9s\n", loadClerks, backend, d, "kind", "ops", "refused", "ops/s", "p50", "p95", "max")
	all := 0
	for k := range loadKinds {
		ls := slices.Clone(t.latency[k])
		slices.Sort(ls)
		all += len(ls)
		if len(ls) == 0 {
			fmt.Fprintf(&b, "%-20s %8d\n", loadNames[k], 0)
			continue
		}
		at := func(q float64) time.Duration { return ls[int(q*float64(len(ls)-1))].Round(10 * time.Microsecond) }
		fmt.Fprintf(&b, "%-20s %8d %8d %8.1f %9v %9v %9v\n", loadNames[k], len(ls), t.refused[k], float64(len(ls))/d.Seconds(), at(0.5), at(0.95), ls[len(ls)-1].Round(10*time.Microsecond))
	}
	fmt.Fprintf(&b, "%-20s %8d %8s %8.1f (refused because the write lock was busy: %d)", "all", all, "", float64(all)/d.Seconds(), t.busy)
	return b.String()
}

// checkNoLostUpdate fails unless every edited enterprise ends with its first workers plus one per
// acknowledged edit, and its version counts exactly those edits: a stale save that went through
// would have lost another's worker.
func checkNoLostUpdate(tb testing.TB, db *store.DB, initial map[int64]*data.Enterprise, edits map[int64]int) {
	tb.Helper()
	saved := 0
	for id, was := range initial {
		e, err := db.FindEnterpriseByID(ctx, id)
		if err != nil {
			tb.Fatal(err)
		}
		if e.Workers != was.Workers+edits[id] || e.Version != was.Version+edits[id] {
			tb.Errorf("enterprise %d: workers %d, version %d; want %d and %d after %d acknowledged edits: an update was lost",
				id, e.Workers, e.Version, was.Workers+edits[id], was.Version+edits[id], edits[id])
		}
		saved += edits[id]
	}
	tb.Logf("%d edits acknowledged on %d enterprises, none lost", saved, len(initial))
}

// checkRegisterGapless fails unless the register of each year numbers its certificates 1..n with
// no gap and no repeat, and holds exactly the certificates acknowledged.
func checkRegisterGapless(tb testing.TB, db *store.DB, issued int) {
	tb.Helper()
	rows, err := db.SQL().Query(`SELECT register_year, register_no FROM certificates ORDER BY register_year, register_no`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	year, want, n := 0, 0, 0
	for rows.Next() {
		var y, no int
		if err := rows.Scan(&y, &no); err != nil {
			tb.Fatal(err)
		}
		if y != year {
			year, want = y, 1
		}
		if no != want {
			tb.Fatalf("register %d: number %d after %d", y, no, want-1)
		}
		want++
		n++
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	if n != issued {
		tb.Errorf("the register holds %d certificates; %d were acknowledged", n, issued)
	}
	tb.Logf("register gapless: %d certificates", n)
}

// checkBooths fails when a booth has two holders or a cancelled booking still holds one.
func checkBooths(tb testing.TB, db *store.DB) {
	tb.Helper()
	var twice, cancelled, held int
	if err := db.SQL().QueryRow(`SELECT
		(SELECT count(*) FROM (SELECT booth_id FROM booking_booths GROUP BY booth_id HAVING count(*) > 1) AS twice),
		(SELECT count(*) FROM booking_booths b JOIN fair_bookings k ON k.id = b.booking_id WHERE k.status = 'da_huy'),
		(SELECT count(*) FROM booking_booths)`).Scan(&twice, &cancelled, &held); err != nil {
		tb.Fatal(err)
	}
	if twice != 0 || cancelled != 0 {
		tb.Errorf("%d booths held twice, %d held by cancelled bookings", twice, cancelled)
	}
	tb.Logf("booths: %d held, none twice", held)
}

// checkCapacity fails when a class has more trainees studying than its capacity, or a class the
// clerks enrolled into has other than the enrolments acknowledged.
func checkCapacity(tb testing.TB, db *store.DB, enrolments map[int64]int) {
	tb.Helper()
	rows, err := db.SQL().Query(`SELECT c.id, c.code, c.capacity, (SELECT count(*) FROM enrollments e WHERE e.class_id = c.id AND e.status = 'hoc') FROM classes c`)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		var capacity, n int
		if err := rows.Scan(&id, &code, &capacity, &n); err != nil {
			tb.Fatal(err)
		}
		if n > capacity {
			tb.Errorf("class %s: %d trainees, capacity %d", code, n, capacity)
		}
		if got, ok := enrolments[id]; ok && got != n {
			tb.Errorf("class %s: %d trainees, %d enrolments acknowledged", code, n, got)
		}
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
}
