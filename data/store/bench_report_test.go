package store_test

import (
	"bytes"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/reports"
)

// The report benchmarks read the history benchmarks' ten years (3,000 classes, 120,000
// trainees, 150,000 enrolments, 400 fairs, 40,000 bookings, 600 đề án, 20,000 payments, 130
// villages); the year is one of settled đề án.

// benchYear is the year the benchmarks report on.
func benchYear(b *testing.B) data.Period {
	p, err := data.YearPeriod(progBenchYear)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// warmReports reads the dashboard once, so that a benchmark does not time a cold connection.
func warmReports(db *store.DB) error {
	_, err := db.Dashboard(ctx, progBenchYear)
	return err
}

// BenchmarkDashboard counts the dashboard's figures of a year and the year before.
func BenchmarkDashboard(b *testing.B) {
	db := openVillageBench(b, warmReports)
	b.ResetTimer()
	for b.Loop() {
		d, err := db.Dashboard(ctx, progBenchYear)
		if err != nil {
			b.Fatal(err)
		}
		if d.Current.Classes != 300 || d.Current.Trainees == 0 || d.Previous.Bookings == 0 || d.Current.Budget.Paid == 0 {
			b.Fatalf("dashboard %+v", d.Current)
		}
	}
}

// BenchmarkResultsReportPDF computes the annual results report and renders it to PDF.
func BenchmarkResultsReportPDF(b *testing.B) {
	db := openVillageBench(b, warmReports)
	p := benchYear(b)
	org := data.DefaultOrganisation()
	b.ResetTimer()
	for b.Loop() {
		r, err := db.ResultsReport(ctx, p, data.ReportFilter{})
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := reports.WriteResultsReportPDF(&buf, reports.ResultsReportDoc{ReportDoc: reports.ReportDoc{Org: org, Date: p.To}, Report: r}); err != nil {
			b.Fatal(err)
		}
		if r.Total.PaidCumulative == 0 || buf.Len() == 0 {
			b.Fatalf("results: %+v", r.Total)
		}
	}
}

// BenchmarkReportsOfAYear computes the five other reports of a year, for the figures in the note.
func BenchmarkReportsOfAYear(b *testing.B) {
	db := openVillageBench(b, warmReports)
	p := benchYear(b)
	for name, run := range map[string]func() error{
		"training":     func() error { _, err := db.TrainingReport(ctx, p, data.ReportFilter{}); return err },
		"fairs":        func() error { _, err := db.FairReport(ctx, p, data.ReportFilter{}); return err },
		"support":      func() error { _, err := db.SupportReport(ctx, p, data.ReportFilter{}); return err },
		"certificates": func() error { _, err := db.CertificateReport(ctx, p, data.ReportFilter{}); return err },
		"villages":     func() error { _, err := db.VillageReport(ctx, p, data.ReportFilter{}); return err },
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if err := run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
