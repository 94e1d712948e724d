package ui

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"khuyencong/data"
	"khuyencong/ui/realwindow"
)

// The Báo cáo screen's keyboard under a real window: Tab through the choices, a choice changed
// from its list, Enter on "Tạo báo cáo", Esc cancelling a report being made.

// reportSceneDir names where the report scene's PDFs go.
const reportSceneDir = "KC_REPORT_SCENE_DIR"

func init() { realWindowScenes["report-screen"] = reportScene }

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

// reportScene opens the Báo cáo screen, its training report slowed so that Esc can cancel it,
// the cursor on the report's choice; it reports the focus, the report chosen and the outcome.
func reportScene(m *Main) func() string {
	slow := delayedReports{m.Services.Reports, 1500 * time.Millisecond}
	m.Services.Reports, m.builder.Reports = slow, slow
	openReport(m, data.ReportResults, 2026)
	s := m.Current().(*reportScreen)
	s.dir = os.Getenv(reportSceneDir)
	m.Window.Canvas().Focus(s.kind)
	names := map[fyne.Focusable]string{s.kind: "kind", s.period: "period", s.year: "year", s.quarter: "quarter",
		s.from: "from", s.to: "to", s.ward: "ward", s.trade: "trade", s.village: "village", s.class: "class",
		s.funding: "funding", s.make: "make", s.open: "open", s.savePDF: "save", s.excel: "excel"}
	return func() string {
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
		return "focus " + focus + "\nkind " + string(s.reportKind()) + "\noutcome " + outcome
	}
}

func TestReportScreenRealWindow(t *testing.T) {
	dir := t.TempDir()
	w := realwindow.Start(t, "report-screen", realWindowTitle, sceneDBEnv+"="+demoDB(t).Path(), reportSceneDir+"="+dir)
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
