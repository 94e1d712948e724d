package store_test

import (
	"fmt"
	"testing"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// reportCase is a period and a filter the reports are checked on.
type reportCase struct {
	name   string
	period data.Period
	filter data.ReportFilter
}

// reportCases are the sample's year and the one before, a quarter, six months, dates across two
// years, a year without data, and each filter.
func reportCases(t *testing.T, w *world) []reportCase {
	t.Helper()
	must := func(p data.Period, err error) data.Period {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	year := reportNow.Year()
	all := data.ReportFilter{}
	// Filters taken from the sample, so that they select something.
	var ward, trade string
	var village int64
	for _, c := range w.classes {
		if c.Status != data.ClassCancelled && c.WardCode != "" && c.VillageID != 0 && c.Start.Year == year {
			ward, trade, village = c.WardCode, c.Trade, c.VillageID
		}
	}
	if ward == "" {
		t.Fatalf("the sample has no class of %d with a ward and a village", year)
	}
	kind, local := data.ClassKindCraft, data.FundingLocal
	cases := []reportCase{
		{"Year", must(data.YearPeriod(year)), all},
		{"PreviousYear", must(data.YearPeriod(year - 1)), all},
		{"Quarter", must(data.QuarterPeriod(year, 2)), all},
		{"Half", must(data.HalfPeriod(year)), all},
		{"Nine", must(data.NinePeriod(year)), all},
		{"AcrossYears", must(data.DatesPeriod(vn.Date{Year: year - 1, Month: 7, Day: 1}, vn.Date{Year: year, Month: 3, Day: 31})), all},
		{"Empty", must(data.YearPeriod(2019)), all},
		{"Ward", must(data.YearPeriod(year)), data.ReportFilter{WardCode: &ward}},
		{"Trade", must(data.YearPeriod(year)), data.ReportFilter{Trade: &trade}},
		{"Village", must(data.YearPeriod(year)), data.ReportFilter{VillageID: &village}},
		{"Kind", must(data.YearPeriod(year)), data.ReportFilter{ClassKind: &kind}},
		{"Funding", must(data.YearPeriod(year)), data.ReportFilter{Funding: &local}},
	}
	return cases
}

// same fails the test when got and want differ, printing both.
func same(t *testing.T, what string, got, want any) {
	t.Helper()
	if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
		t.Errorf("%s =\n %s\nwant\n %s", what, g, w)
	}
}

func TestReports(t *testing.T) {
	db := ReportDB(t)
	w := readWorld(t, db)
	// The sample must hold what the rules leave out, in the year the cases look at.
	year, _ := data.YearPeriod(reportNow.Year())
	left := map[string]int{}
	for _, p := range w.programmes {
		left["cancelled đề án"] += b2i(p.Year == year.To.Year && p.Status == data.ProgrammeCancelled)
	}
	for _, c := range w.classes {
		left["cancelled class"] += b2i(year.Contains(c.Start) && c.Status == data.ClassCancelled)
	}
	for _, f := range w.fairs {
		for _, k := range w.bookings[f.ID] {
			left["cancelled or waiting booking"] += b2i(w.fairIn(f, year, data.ReportFilter{}) && !k.Status.Active())
		}
	}
	for _, q := range w.equipment {
		left["equipment refused or only requested"] += b2i(year.Contains(q.RequestedOn) && !q.Status.Commits())
	}
	for what, n := range left {
		if n == 0 {
			t.Errorf("the sample of %d has no %s: its rule is not tested", year.To.Year, what)
		}
	}
	nonZero := map[string]bool{}
	for _, tc := range reportCases(t, w) {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.period
			t.Run("Training", func(t *testing.T) {
				r, err := db.TrainingReport(ctx, p, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				want := w.training(p, tc.filter.Keep(data.ReportTraining.Uses()))
				want.Label = "Tổng cộng"
				same(t, "total", r.Total, want)
				for name, rows := range map[string][]data.TrainingRow{"kind": r.ByKind, "trade": r.ByTrade, "ward": r.ByWard, "village": r.ByVillage} {
					var sum data.TrainingRow
					for _, x := range rows {
						sum.Add(x)
					}
					sum.Label = "Tổng cộng"
					same(t, "sum by "+name, sum, r.Total)
				}
				for _, x := range r.ByKind {
					k := data.ClassKind(x.Key)
					f := tc.filter.Keep(data.ReportTraining.Uses())
					if f.ClassKind == nil || *f.ClassKind == k {
						f.ClassKind = &k
						want := w.training(p, f)
						want.Key, want.Label = x.Key, x.Label
						same(t, "kind "+x.Key, x, want)
					}
				}
				nonZero["training"] = nonZero["training"] || r.Total.Trainees > 0 && r.Total.Withdrawn > 0 && r.Total.Completed > 0
				if tc.filter != (data.ReportFilter{}) && r.Total.Classes == 0 {
					t.Errorf("the filter selects no class: nothing is compared")
				}
			})
			t.Run("Fairs", func(t *testing.T) {
				r, err := db.FairReport(ctx, p, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				want := w.fairTotals(p, tc.filter.Keep(data.ReportFairs.Uses()))
				want.Label = "Tổng cộng"
				same(t, "total", r.Total, want)
				var sum data.FairRow
				for _, x := range r.Fairs {
					sum.Add(x)
				}
				sum.Label = "Tổng cộng"
				same(t, "sum of fairs", sum, r.Total)
				nonZero["fairs"] = nonZero["fairs"] || r.Total.Paid > 0 && r.Total.Booths > 0
			})
			t.Run("Support", func(t *testing.T) {
				r, err := db.SupportReport(ctx, p, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				amount, lines, who := w.support(p, tc.filter.Keep(data.ReportSupport.Uses()))
				same(t, "amount, lines, enterprises", []any{r.Amount, r.Lines, len(r.Enterprises)}, []any{amount, lines, len(who)})
				var sum int64
				for _, e := range r.Enterprises {
					var lines int64
					for _, l := range e.Lines {
						lines += l.Amount
					}
					if lines != e.Amount || !who[e.EnterpriseID] {
						t.Errorf("%s: amount %d, its lines %d, expected %v", e.Name, e.Amount, lines, who[e.EnterpriseID])
					}
					sum += e.Amount
				}
				same(t, "sum of enterprises", sum, r.Amount)
				current := 0
				f := tc.filter.Keep(data.ReportSupport.Uses())
				for id, e := range w.enterprises {
					current += b2i(!e.Archived && w.enterpriseIn(id, f))
				}
				byTrade := 0
				for _, d := range r.ByTrade {
					byTrade += d.Enterprises
				}
				same(t, "directory", []int{r.Directory.Enterprises, byTrade}, []int{current, current})
			})
			t.Run("Certificates", func(t *testing.T) {
				r, err := db.CertificateReport(ctx, p, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				want := w.certificates(p, tc.filter.Keep(data.ReportCertificates.Uses()))
				want.Label = "Tổng cộng"
				same(t, "total", r.Total, want)
				for name, rows := range map[string][]data.CertificateRow{"kind": r.ByKind, "month": r.ByMonth} {
					var sum data.CertificateRow
					for _, x := range rows {
						sum.Add(x)
					}
					sum.Label = "Tổng cộng"
					same(t, "sum by "+name, sum, r.Total)
				}
				nonZero["certificates"] = nonZero["certificates"] || r.Total.Issued > 0 && r.Total.Reissued > 0 && r.Total.Revoked > 0
			})
			t.Run("Villages", func(t *testing.T) {
				r, err := db.VillageReport(ctx, p, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				want := w.villageRows(p)
				var sum data.VillageRow
				for _, v := range r.Villages {
					x := v
					x.VillageID, x.Name, x.Ward, x.Trade = 0, "", "", ""
					same(t, v.Name, x, want[v.VillageID])
					sum.Add(v)
				}
				sum.Name = "Tổng cộng"
				same(t, "sum of villages", sum, r.Total)
				if tc.filter == (data.ReportFilter{}) && len(r.Villages) != len(w.villages) {
					t.Errorf("%d villages, want all %d", len(r.Villages), len(w.villages))
				}
				nonZero["villages"] = nonZero["villages"] || r.Total.Trainees > 0 && r.Total.FairSupport > 0
			})
			t.Run("Results", func(t *testing.T) {
				r, err := db.ResultsReport(ctx, p, tc.filter)
				if err != nil {
					t.Fatal(err)
				}
				want := w.results(p, tc.filter.Keep(data.ReportResults.Uses()))
				var sum data.Money
				for _, row := range r.Rows {
					same(t, string(row.Content), row.Money, want[row.Content])
					var ps data.Money
					for _, x := range row.Programmes {
						ps.Add(x.Money)
					}
					same(t, string(row.Content)+" sum of đề án", ps, row.Money)
					sum.Add(row.Money)
				}
				same(t, "total", r.Total, sum)
				if len(r.Rows) != len(data.Contents) {
					t.Errorf("%d rows, want one per content", len(r.Rows))
				}
				nonZero["results"] = nonZero["results"] || r.Total.PaidPeriod > 0
			})
			t.Run("Figures", func(t *testing.T) {
				got, err := db.Figures(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				want := w.figures(p)
				got.ByFunding, got.ByContent = nil, nil
				want.Budget.Label = "Tổng cộng"
				same(t, "figures", *got, want)
				nonZero["figures"] = nonZero["figures"] || got.Equipment > 0 && got.Models > 0 && got.Enterprises > 0
			})
		})
	}
	// The sample must exercise every rule, or the comparisons above prove little.
	for _, k := range []string{"training", "fairs", "certificates", "villages", "results", "figures"} {
		if !nonZero[k] {
			t.Errorf("no case gave %s figures to compare", k)
		}
	}
}

func TestReportEmpty(t *testing.T) {
	db := ReportDB(t)
	p, _ := data.YearPeriod(2019)
	tr, err := db.TrainingReport(ctx, p, data.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.ByKind) != len(data.ClassKinds) || tr.Total.Classes != 0 || len(tr.ByTrade) != 0 {
		t.Errorf("training of an empty year = %+v", tr)
	}
	cr, err := db.CertificateReport(ctx, p, data.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cr.ByMonth) != 12 || cr.Total.Issued != 0 {
		t.Errorf("certificates of an empty year: %d months, %+v", len(cr.ByMonth), cr.Total)
	}
	rr, err := db.ResultsReport(ctx, p, data.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rr.Rows) != len(data.Contents) || rr.Total != (data.Money{}) || rr.Highlights.Classes != 0 {
		t.Errorf("results of an empty year = %+v", rr.Total)
	}
	d, err := db.Dashboard(ctx, 2019)
	if err != nil || d.Current.Classes != 0 || len(d.Current.ByContent) != len(data.Contents) {
		t.Errorf("Dashboard(2019) = %+v, %v", d, err)
	}
}

func TestReportPeriodRefused(t *testing.T) {
	db := ReportDB(t)
	backwards := data.Period{Kind: data.PeriodDates, From: vn.Date{Year: 2026, Month: 5, Day: 2}, To: vn.Date{Year: 2026, Month: 5, Day: 1}}
	for name, p := range map[string]data.Period{
		"EndBeforeStart": backwards,
		"Missing":        {From: vn.Date{Year: 2026, Month: 1, Day: 1}},
		"NotADate":       {From: vn.Date{Year: 2026, Month: 2, Day: 30}, To: vn.Date{Year: 2026, Month: 3, Day: 1}},
	} {
		t.Run(name, func(t *testing.T) {
			calls := map[string]func() error{
				"figures":  func() error { _, err := db.Figures(ctx, p); return err },
				"results":  func() error { _, err := db.ResultsReport(ctx, p, data.ReportFilter{}); return err },
				"training": func() error { _, err := db.TrainingReport(ctx, p, data.ReportFilter{}); return err },
				"fairs":    func() error { _, err := db.FairReport(ctx, p, data.ReportFilter{}); return err },
				"support":  func() error { _, err := db.SupportReport(ctx, p, data.ReportFilter{}); return err },
				"certs":    func() error { _, err := db.CertificateReport(ctx, p, data.ReportFilter{}); return err },
				"villages": func() error { _, err := db.VillageReport(ctx, p, data.ReportFilter{}); return err },
			}
			for what, call := range calls {
				if err := call(); data.ErrorCode(err) != data.EINVALID {
					t.Errorf("%s: err = %v, want EINVALID", what, err)
				}
			}
		})
	}
	if _, err := data.DatesPeriod(backwards.From, backwards.To); data.ErrorMessage(err) != "Kỳ báo cáo kết thúc ngày 01/05/2026, trước ngày bắt đầu 02/05/2026: hãy sửa lại ngày." {
		t.Errorf("DatesPeriod backwards: %v", err)
	}
	if _, err := db.Dashboard(ctx, 1800); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("Dashboard(1800): %v", err)
	}
}

func TestDashboard(t *testing.T) {
	db := ReportDB(t)
	w := readWorld(t, db)
	year := reportNow.Year()
	d, err := db.Dashboard(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range []data.Period{{From: vn.Date{Year: year, Month: 1, Day: 1}, To: vn.Date{Year: year, Month: 12, Day: 31}},
		{From: vn.Date{Year: year - 1, Month: 1, Day: 1}, To: vn.Date{Year: year - 1, Month: 12, Day: 31}}} {
		got := []data.Figures{d.Current, d.Previous}[i]
		var funded, contents data.BudgetRow
		for _, r := range got.ByFunding {
			funded.Planned, funded.Committed, funded.Paid = funded.Planned+r.Planned, funded.Committed+r.Committed, funded.Paid+r.Paid
		}
		for _, r := range got.ByContent {
			contents.Planned, contents.Committed, contents.Paid = contents.Planned+r.Planned, contents.Committed+r.Committed, contents.Paid+r.Paid
		}
		funded.Label, contents.Label = "Tổng cộng", "Tổng cộng"
		same(t, "by funding", funded, got.Budget)
		same(t, "by content", contents, got.Budget)
		got.ByFunding, got.ByContent = nil, nil
		want := w.figures(p)
		want.Budget.Label = "Tổng cộng"
		same(t, fmt.Sprint(p.To.Year), got, want)
	}
	if d.Current.Budget.Planned == 0 || d.Current.Classes == 0 {
		t.Errorf("the sample's year has no figures: %+v", d.Current)
	}
}
