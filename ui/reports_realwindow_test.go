package ui

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"khuyencong/data"
	"khuyencong/data/sqlite"
	"khuyencong/ui/internal/realwindow"
)

// The Báo cáo screen's keyboard under a real window: Tab through the choices, a choice changed
// from its list, Enter on "Tạo báo cáo", Esc cancelling a report being made.

const (
	reportScene = "report-screen"
	// reportSceneDB and reportSceneDir name the database the scene opens and where its PDFs go.
	reportSceneDB  = "KC_REPORT_SCENE_DB"
	reportSceneDir = "KC_REPORT_SCENE_DIR"
	reportTitle    = "kc-report-window-test"
)

// init shows the report scene instead of running the tests when the parent test asks for it, on
// the main thread, before any TestMain.
func init() {
	if realwindow.Scene() == reportScene {
		runReportScene()
		os.Exit(0)
	}
}

// delayedReports makes the training report take a while, so that Esc can cancel it: it waits
// delay or until the report is cancelled.
type delayedReports struct {
	data.ReportService
	delay time.Duration
}

func (r delayedReports) TrainingReport(ctx context.Context, p data.Period, f data.ReportFilter) (*data.TrainingReport, error) {
	select {
	case <-time.After(r.delay):
		return r.ReportService.TrainingReport(ctx, p, f)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// runReportScene opens the Báo cáo screen on the scene's database, the cursor on the report's
// choice, and prints a line each time the focus, the report chosen or the outcome changes.
func runReportScene() {
	a := app.NewWithID("vn.khuyencong.reportwindowtest")
	if err := SetLanguage(Vietnamese); err != nil {
		panic(err)
	}
	db, err := sqlite.Open(os.Getenv(reportSceneDB))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	m := NewMain(a, Services{Enterprises: db, Divisions: db, Settings: db, Backup: db, Classes: db, Trainees: db,
		Enrollments: db, Attendance: db, Grades: db, Certificates: db, Fairs: db, Programmes: db, Equipment: db,
		Villages: db, Reports: delayedReports{db, 1500 * time.Millisecond}, DBPath: db.Path(), User: "tester", Now: db.Now})
	m.Window.SetTitle(reportTitle)
	go func() {
		time.Sleep(time.Second)
		var s *reportScreen
		fyne.DoAndWait(func() {
			openReport(m, data.ReportResults, 2026)
			s = m.Current().(*reportScreen)
			s.dir = os.Getenv(reportSceneDir)
			m.Window.Canvas().Focus(s.kind)
		})
		names := map[fyne.Focusable]string{s.kind: "kind", s.period: "period", s.year: "year", s.quarter: "quarter",
			s.from: "from", s.to: "to", s.ward: "ward", s.trade: "trade", s.village: "village", s.class: "class",
			s.funding: "funding", s.make: "make", s.open: "open", s.savePDF: "save", s.excel: "excel"}
		fmt.Println("ready")
		last := map[string]string{}
		for {
			var now map[string]string
			fyne.DoAndWait(func() {
				focus := "none"
				if f := m.Window.Canvas().Focused(); f != nil {
					focus = names[f]
				}
				outcome := "idle"
				switch {
				case s.cancel != nil:
					outcome = "making"
				case strings.HasPrefix(s.result.Text, "Đã hủy"):
					outcome = "cancelled"
				case s.made != "":
					outcome = "made " + string(s.last.kind)
				}
				now = map[string]string{"focus": focus, "kind": string(s.reportKind()), "outcome": outcome}
			})
			for _, k := range []string{"focus", "kind", "outcome"} {
				if now[k] != last[k] {
					fmt.Println(k + " " + now[k])
				}
			}
			last = now
			time.Sleep(50 * time.Millisecond)
		}
	}()
	m.Window.ShowAndRun()
}

func TestReportScreenRealWindow(t *testing.T) {
	dir := t.TempDir()
	w := realwindow.Start(t, reportScene, reportTitle, reportSceneDB+"="+demoDB(t).Path(), reportSceneDir+"="+dir)
	w.Expect("focus kind")
	// The report's list opens with Space; Down goes to its first line, Down again to the
	// second, training, and Enter chooses it.
	w.Key("space", "Down", "Down", "Return")
	w.Expect("kind dao-tao")
	// Tab goes through the choices that apply to a year's training report (the quarter and the
	// dates are off) to "Tạo báo cáo"; Enter makes the report, and the cursor goes to "Mở".
	for _, want := range []string{"period", "year", "ward", "trade", "village", "class", "funding", "make"} {
		w.Key("Tab")
		w.Expect("focus " + want)
	}
	w.Key("Return")
	w.Expect("outcome making")
	w.Expect("focus open") // printed before the outcome, which changes with it
	w.Expect("outcome made dao-tao")
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the report's directory holds %v, want its PDF", entries)
	}
	// Asked again, Esc cancels it.
	w.Key("shift+Tab")
	w.Expect("focus make")
	w.Key("Return")
	w.Expect("outcome making")
	w.Key("Escape")
	w.Expect("outcome cancelled")
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("the cancelled report left %v", entries)
	}
}
