package ui

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// reportScreenOf shows the Báo cáo screen, keeping the PDFs it makes in a test directory.
func reportScreenOf(t *testing.T, m *Main) *reportScreen {
	t.Helper()
	openReport(m, data.ReportResults, 2026)
	s, ok := m.Current().(*reportScreen)
	if !ok {
		t.Fatalf("the report screen is %T", m.Current())
	}
	s.dir = t.TempDir()
	return s
}

// TestReportScreen makes the training report of a quarter as PDF, then the same figures as
// Excel: pdftotext reads the period and the total of classes back, the workbook holds the same
// total; the filters a report does not honour are off.
func TestReportScreen(t *testing.T) {
	m, db := demoMain(t)
	s := reportScreenOf(t, m)
	s.kind.SetSelected(data.ReportTraining.Title())
	s.period.SetSelected(data.PeriodHalf.Label())
	s.year.SetSelected("2026")
	if s.quarter.Disabled() == false || s.from.Disabled() == false {
		t.Error("the quarter and the dates should be off for six months")
	}
	if s.from.Text != "01/01/2026" || s.to.Text != "30/06/2026" || s.span.Text != "6 tháng đầu năm 2026" {
		t.Errorf("the period reads %s – %s, %q", s.from.Text, s.to.Text, s.span.Text)
	}
	if s.class.Disabled() || s.ward.Disabled() {
		t.Error("the training report honours the class kind and the ward")
	}
	p, _ := data.HalfPeriod(2026)
	want, err := db.TrainingReport(bg, p, data.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if want.Total.Classes == 0 {
		t.Fatal("the demo store has no classes in the first half of 2026")
	}
	if !s.open.Disabled() || !s.excel.Disabled() {
		t.Error("Mở and Xuất Excel should wait for a report")
	}
	test.Tap(s.make)
	s.pending.Wait()
	if s.made == "" || s.open.Disabled() || s.excel.Disabled() {
		t.Fatalf("no report made: %q", s.result.Text)
	}
	if filepath.Base(s.made) != "bao-cao-dao-tao-2026-01-01-2026-06-30.pdf" {
		t.Errorf("the PDF is named %s", filepath.Base(s.made))
	}
	out, err := exec.Command("pdftotext", "-layout", s.made, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, w := range []string{"6 tháng đầu năm 2026", vn.FormatInt(int64(want.Total.Trainees))} {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF does not say %q:\n%s", w, text)
		}
	}
	d := s.workbook(s.last)
	if d.name != "bao-cao-dao-tao-2026-01-01-2026-06-30.xlsx" {
		t.Errorf("the workbook is proposed as %s", d.name)
	}
	f := workbookOf(t, d)
	found := false
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		for _, r := range rows {
			found = found || strings.Contains(strings.Join(r, "|"), "|"+vn.FormatInt(int64(want.Total.Trainees))+"|") ||
				strings.Contains(strings.Join(r, "|"), "|"+strings.ReplaceAll(vn.FormatInt(int64(want.Total.Trainees)), ".", "")+"|")
		}
	}
	if !found {
		t.Errorf("no sheet holds the %d trainees", want.Total.Trainees)
	}
}

// TestReportScreenRefusesDates checks that an end before the start is said under the period and
// refused when the report is asked for, nothing made.
func TestReportScreenRefusesDates(t *testing.T) {
	m, _ := demoMain(t)
	s := reportScreenOf(t, m)
	s.period.SetSelected(data.PeriodDates.Label())
	if s.from.Disabled() || !s.year.Disabled() {
		t.Fatal("any dates: the dates should be on, the year off")
	}
	s.from.SetText("15/03/2026")
	s.to.SetText("01/03/2026")
	if !strings.Contains(s.span.Text, "trước ngày bắt đầu") {
		t.Errorf("the period line says %q", s.span.Text)
	}
	test.Tap(s.make)
	s.pending.Wait()
	if !strings.Contains(overlayText(m), "trước ngày bắt đầu") || s.made != "" {
		t.Fatalf("the dates were not refused: %q, made %q", overlayText(m), s.made)
	}
	if entries, _ := os.ReadDir(s.dir); len(entries) != 0 {
		t.Fatalf("files were left: %v", entries)
	}
}

// slowReports holds every report until its context is cancelled: the report being made is
// cancelled, never finished.
type slowReports struct{ data.ReportService }

func (slowReports) ResultsReport(ctx context.Context, _ data.Period, _ data.ReportFilter) (*data.ResultsReport, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestReportScreenCancel checks that Cancel stops the report being made, leaves no file and
// lets another be asked for.
func TestReportScreenCancel(t *testing.T) {
	m, db := demoMain(t)
	m.Services.Reports = slowReports{db}
	m.builder.Reports = m.Services.Reports
	s := reportScreenOf(t, m)
	test.Tap(s.make)
	if !s.progress.Visible() || !s.make.Disabled() {
		t.Fatal("the progress bar should show while the report is made")
	}
	s.back() // Esc
	s.pending.Wait()
	if s.progress.Visible() || s.make.Disabled() || s.made != "" || s.result.Text != "Đã hủy: chưa tạo báo cáo nào." {
		t.Fatalf("after Cancel: progress %v, made %q, %q", s.progress.Visible(), s.made, s.result.Text)
	}
	if entries, _ := os.ReadDir(s.dir); len(entries) != 0 {
		t.Fatalf("files were left: %v", entries)
	}
}
