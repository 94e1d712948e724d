package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
)

// demoNow is the day the demo store's tests work on.
var demoNow = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

var (
	demoOnce  sync.Once
	demoStore *store.DB
	demoErr   error
)

// demoDB returns a store holding the whole demo sample, as `kc seed --demo` writes it, made once
// for the tests that only read it.
func demoDB(t *testing.T) *store.DB {
	t.Helper()
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "khuyencong-ui-demo")
		if err != nil {
			demoErr = err
			return
		}
		demoStore, demoErr = makeDemoDB(t, filepath.Join(dir, "demo.db"))
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoStore
}

func makeDemoDB(tb testing.TB, path string) (*store.DB, error) {
	db, err := store.Create(path)
	if err != nil {
		return nil, err
	}
	db.Now = func() time.Time { return demoNow }
	storetest.AddAdmin(tb, db, "tester")
	if _, err := demo.Load(bg, struct{ data.EnterpriseService }{db}, db, 300, 1); err != nil {
		return nil, err
	}
	svc := demo.ServicesOf(db, db.Now)
	if _, err := demo.Villages(bg, db, db, 0, 1); err != nil {
		return nil, err
	}
	_, finish, err := demo.Programmes(bg, svc)
	if err != nil {
		return nil, err
	}
	if _, err := demo.Equipment(bg, svc, db, 0, 1); err != nil {
		return nil, err
	}
	if _, err := demo.Training(bg, svc, 1); err != nil {
		return nil, err
	}
	if _, err := demo.Fairs(bg, svc, 1); err != nil {
		return nil, err
	}
	_, err = finish(bg)
	return db, err
}

// demoMain opens the window on the demo store, every service wired as the desk's is.
func demoMain(t *testing.T) (*Main, *store.DB) {
	t.Helper()
	db := demoDB(t)
	a := test.NewTempApp(t)
	vietnamese(t)
	m := NewMain(a, Services{Enterprises: db, Divisions: db, Settings: db, Backup: db, Classes: db, Trainees: db,
		Enrollments: db, Attendance: db, Grades: db, Certificates: db, Fairs: db, Programmes: db, Equipment: db,
		Villages: db, Reports: db, DBPath: db.Path(), User: "tester", Now: db.Now})
	m.Window.Resize(fyne.NewSize(1366, 768))
	m.Window.Show()
	dashboard(t, m).pending.Wait()
	return m, db
}

// dashboard returns the dashboard, which must be the first screen.
func dashboard(t *testing.T, m *Main) *dashboardScreen {
	t.Helper()
	s, ok := m.screens[0].(*dashboardScreen)
	if !ok {
		t.Fatalf("the first screen is %T, want the dashboard", m.screens[0])
	}
	return s
}

// TestDashboardFigures checks that the dashboard opens first on this year, shows on its tiles
// the store's figures for the year and the year before, draws the budget by every funding
// source and content, and follows the year chosen.
func TestDashboardFigures(t *testing.T) {
	m, db := demoMain(t)
	s := dashboard(t, m)
	if m.Current() != Screen(s) {
		t.Fatalf("the window opens on %T, want the dashboard", m.Current())
	}
	for _, year := range []int{2026, 2025} {
		if year != 2026 {
			s.year.SetSelected(strconv.Itoa(year))
			s.pending.Wait()
		}
		cur, err := db.Figures(bg, mustYear(t, year))
		if err != nil {
			t.Fatal(err)
		}
		prev, err := db.Figures(bg, mustYear(t, year-1))
		if err != nil {
			t.Fatal(err)
		}
		if cur.Classes == 0 || cur.Trainees == 0 || cur.Budget.Planned == 0 {
			t.Fatalf("%d: the demo store has no classes, trainees or budget: %+v", year, cur)
		}
		want := map[string]string{
			"Lớp học đã mở":             vn.FormatInt(int64(cur.Classes)),
			"Học viên":                  vn.FormatInt(int64(cur.Trainees)),
			"Chứng chỉ đã cấp":          vn.FormatInt(int64(cur.Certificates)),
			"Hội chợ, triển lãm":        vn.FormatInt(int64(cur.Fairs)),
			"Cơ sở được hỗ trợ":         vn.FormatInt(int64(cur.Enterprises)),
			"Kinh phí kế hoạch":         vn.FormatMoney(cur.Budget.Planned),
			"Tỷ lệ hoàn thành khóa học": permille(data.Permille(int64(cur.Completed), int64(cur.Trainees))),
		}
		before := map[string]string{
			"Lớp học đã mở": strconv.Itoa(year-1) + ": " + vn.FormatInt(int64(prev.Classes)),
			"Học viên":      strconv.Itoa(year-1) + ": " + vn.FormatInt(int64(prev.Trainees)),
		}
		for _, tile := range s.tiles {
			if w, ok := want[tile.f.title]; ok && tile.value.Text != w {
				t.Errorf("%d: tile %q shows %q, want %q", year, tile.f.title, tile.value.Text, w)
			}
			if w, ok := before[tile.f.title]; ok && !strings.HasPrefix(tile.before.Text, w) {
				t.Errorf("%d: tile %q compares %q, want it to start %q", year, tile.f.title, tile.before.Text, w)
			}
			delete(want, tile.f.title)
		}
		if len(want) > 0 {
			t.Errorf("no tiles for %v", want)
		}
		if got := len(s.funding.Rows); got != len(data.Fundings) {
			t.Errorf("the funding chart has %d lines, want %d", got, len(data.Fundings))
		}
		if got := len(s.content.Rows); got != len(data.Contents) {
			t.Errorf("the content chart has %d lines, want %d", got, len(data.Contents))
		}
		var planned int64
		for _, r := range s.content.Rows {
			planned += r.Values[0]
		}
		if planned != cur.Budget.Planned {
			t.Errorf("%d: the content chart plans %d in all, the figures %d", year, planned, cur.Budget.Planned)
		}
		if got := s.compare.Rows[0].Values; got[0] != int64(cur.Classes) || got[1] != int64(prev.Classes) {
			t.Errorf("%d: the comparison chart draws classes %v, want %d beside %d", year, got, cur.Classes, prev.Classes)
		}
	}
}

func mustYear(t *testing.T, year int) data.Period {
	t.Helper()
	p, err := data.YearPeriod(year)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// tile returns the dashboard's tile titled title.
func tile(t *testing.T, s *dashboardScreen, title string) *figureTile {
	t.Helper()
	for _, tl := range s.tiles {
		if tl.f.title == title {
			return tl
		}
	}
	t.Fatalf("no tile %q", title)
	return nil
}

// TestDashboardOpensLists checks that a figure opens the list behind it filtered to the year
// (and kind), whatever filters the clerk had left on it, and that Enter on a tile does as a click.
func TestDashboardOpensLists(t *testing.T) {
	m, db := demoMain(t)
	s := dashboard(t, m)
	year := 2026
	y := year

	cls := showScreen[*classScreen](t, m)
	kind := data.ClassKinds[0]
	cls.kind.choose(kind) // left by the clerk: the figure must clear it
	m.Show(0)
	test.Tap(tile(t, s, "Lớp học đã mở"))
	if m.Current() != Screen(cls) {
		t.Fatalf("the classes figure opened %T", m.Current())
	}
	if cls.kind.value() != nil || cls.year.value() == nil || *cls.year.value() != year {
		t.Fatalf("the class list is filtered by kind %v, year %v; want every kind of %d", cls.kind.value(), cls.year.value(), year)
	}
	n, err := db.CountClasses(bg, data.ClassFilter{Year: &y})
	if err != nil {
		t.Fatal(err)
	}
	if cls.table.Count() != n {
		t.Fatalf("the class list shows %d classes, the store has %d of %d", cls.table.Count(), n, year)
	}

	m.Show(0)
	models := tile(t, s, "Mô hình trình diễn")
	m.Window.Canvas().Focus(models)
	models.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	eq, ok := m.Current().(*equipmentScreen)
	if !ok {
		t.Fatalf("the models figure opened %T", m.Current())
	}
	if k := eq.kind.value(); k == nil || *k != data.EquipmentModel || *eq.year.value() != year {
		t.Fatalf("the equipment list is filtered by kind %v year %v", k, eq.year.value())
	}

	m.Show(0)
	s.funding.OnTapped(1)
	p, ok := m.Current().(*programmeScreen)
	if !ok {
		t.Fatalf("a funding line opened %T", m.Current())
	}
	if f := p.funding.value(); f == nil || *f != data.Fundings[1] || p.chosenYear() != year {
		t.Fatalf("the đề án list is filtered by funding %v, year %d", f, p.chosenYear())
	}

	m.Show(0)
	test.Tap(tile(t, s, "Cơ sở được hỗ trợ"))
	r, ok := m.Current().(*reportScreen)
	if !ok {
		t.Fatalf("the enterprises figure opened %T", m.Current())
	}
	if req, err := r.request(); err != nil || req.kind != data.ReportSupport || req.period.Label() != "Năm 2026" {
		t.Fatalf("the report screen asks for %+v (%v)", req, err)
	}
}

// TestListExcel checks that "Xuất Excel" of a filtered list writes exactly the rows the list
// shows, in its order, with every column, dates as dates.
func TestListExcel(t *testing.T) {
	m, db := demoMain(t)
	cls := showScreen[*classScreen](t, m)
	y := 2025
	cls.year.choose(y)
	kind := data.ClassKinds[0]
	cls.kind.choose(kind)
	want, err := db.FindClasses(bg, data.ClassFilter{Year: &y, Kind: &kind, Sort: data.ClassByStart, Desc: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 2 || cls.table.Count() != len(want) {
		t.Fatalf("the list shows %d classes, the store has %d: the test needs at least 2", cls.table.Count(), len(want))
	}
	d := cls.excel()
	if d.name != "danh-sach-lop-hoc.xlsx" {
		t.Errorf("the file is proposed as %q", d.name)
	}
	f := workbookOf(t, d)
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rows[3][0], "DANH SÁCH LỚP HỌC") || !strings.Contains(rows[5][0], "Lọc theo: 2025; "+classKindLabel(kind)) {
		t.Errorf("the head says %q / %q", rows[3], rows[5])
	}
	body := rows[7:]
	if len(body) != len(want) {
		t.Fatalf("the workbook has %d rows, the list %d", len(body), len(want))
	}
	for i, c := range want {
		if body[i][1] != c.Code || body[i][2] != c.Name {
			t.Fatalf("row %d is %q, want %s %s", i+1, body[i][:3], c.Code, c.Name)
		}
	}
	// The Dates column comes out as two date cells.
	header := rows[6]
	at := -1
	for i, h := range header {
		if h == "Thời gian (từ ngày)" {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no start date column in %q", header)
	}
	ref, _ := excelize.CoordinatesToCellName(at+1, 8)
	raw, _ := f.GetCellValue(f.GetSheetName(0), ref, excelize.Options{RawCellValue: true})
	if _, err := strconv.Atoi(raw); err != nil || body[0][at] != want[0].Start.String() {
		t.Errorf("the start date %s holds %q shown %q, want a date serial shown %s", ref, raw, body[0][at], want[0].Start)
	}
}

// workbookOf writes d, a workbook, and opens what it wrote.
func workbookOf(t *testing.T, d document) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	if err := d.write(bg, &b); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestBookingsExcel checks that a fair's bookings go to Excel as its tab shows them, support
// as numbers.
func TestBookingsExcel(t *testing.T) {
	m, db := demoMain(t)
	fairs, err := db.FindFairs(bg, data.FairFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var fair *data.Fair
	var bookings []*data.Booking
	for _, f := range fairs {
		if bookings, err = db.FairBookings(bg, f.ID); err == nil && len(bookings) > 1 {
			fair = f
			break
		}
	}
	if fair == nil {
		t.Fatal("no fair of the demo store has two bookings")
	}
	p := openRow(t, showScreen[*fairScreen](t, m).listScreen, fair.Code)
	d := p.bookings.excel()
	if want := "danh-sach-dang-ky-tham-gia-hoi-cho-" + strings.ToLower(fair.Code) + ".xlsx"; d.name != want {
		t.Errorf("the file is proposed as %q, want %q", d.name, want)
	}
	f := workbookOf(t, d)
	rows, err := f.GetRows(f.GetSheetName(0), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-7 != len(p.bookingList) || len(p.bookingList) != len(bookings) {
		t.Fatalf("the workbook has %d bookings, the tab %d, the store %d", len(rows)-7, len(p.bookingList), len(bookings))
	}
}

// TestDashboardShownAgain checks that the figures are read again when the dashboard is shown
// after another screen, where they may have changed.
func TestDashboardShownAgain(t *testing.T) {
	m, _ := demoMain(t)
	s := dashboard(t, m)
	first := s.dash
	showScreen[*classScreen](t, m)
	m.Show(0)
	s.pending.Wait()
	if s.dash == first {
		t.Fatal("the dashboard shows the figures it read before")
	}
}

// figuresLog is a report service that notes in log each time the dashboard's figures are read.
type figuresLog struct {
	data.ReportService
	log *[]string
}

func (f figuresLog) Dashboard(ctx context.Context, year int) (*data.Dashboard, error) {
	*f.log = append(*f.log, "figures "+strconv.Itoa(year))
	return f.ReportService.Dashboard(ctx, year)
}

// TestDashboardReleasesMemory checks that once the dashboard has read a year's figures, which read
// the whole register, it empties the store's page cache: the idle window keeps nothing that grows
// with the data.
func TestDashboardReleasesMemory(t *testing.T) {
	m, db := demoMain(t)
	s := dashboard(t, m)
	var log []string // written by the load's goroutine, read after pending.Wait
	m.Services.Reports = figuresLog{db, &log}
	m.Services.ReleaseMemory = func(ctx context.Context) error {
		log = append(log, "release")
		return db.ReleaseMemory(ctx)
	}
	s.year.SetSelected("2025")
	s.pending.Wait()
	if got, want := strings.Join(log, ", "), "figures 2025, release"; got != want {
		t.Fatalf("the dashboard did %q, want %q", got, want)
	}
}

// facetsLog is an enterprise service that notes in log each time the list's filter values are read.
type facetsLog struct {
	data.EnterpriseService
	log chan<- string
}

func (f facetsLog) EnterpriseFacets(ctx context.Context) (data.EnterpriseFacets, error) {
	f.log <- "facets"
	return f.EnterpriseService.EnterpriseFacets(ctx)
}

// TestEnterpriseListReleasesMemory checks that the enterprise list, whose filter values read
// every enterprise, gives back what that read left behind once the values are in.
func TestEnterpriseListReleasesMemory(t *testing.T) {
	m, db := demoMain(t)
	log := make(chan string, 4)
	m.Services.Enterprises = facetsLog{db, log}
	m.Services.ReleaseMemory = func(ctx context.Context) error {
		log <- "release"
		return db.ReleaseMemory(ctx)
	}
	openList(m, lang.L("Enterprises"), func(*enterpriseScreen) {})
	var got []string
	for len(got) < 2 {
		select {
		case l := <-log:
			got = append(got, l)
		case <-time.After(10 * time.Second):
			t.Fatalf("the list did %q and then nothing for 10 s, want facets, release", got)
		}
	}
	if s := strings.Join(got, ", "); s != "facets, release" {
		t.Fatalf("the list did %q, want %q", s, "facets, release")
	}
}
