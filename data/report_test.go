package data_test

import (
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

func TestPeriods(t *testing.T) {
	d := func(y int, m time.Month, day int) vn.Date { return vn.Date{Year: y, Month: m, Day: day} }
	must := func(p data.Period, err error) data.Period {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		p        data.Period
		from, to vn.Date
		label    string
	}{
		{must(data.QuarterPeriod(2024, 1)), d(2024, 1, 1), d(2024, 3, 31), "Quý I năm 2024"},
		{must(data.QuarterPeriod(2026, 4)), d(2026, 10, 1), d(2026, 12, 31), "Quý IV năm 2026"},
		{must(data.HalfPeriod(2024)), d(2024, 1, 1), d(2024, 6, 30), "6 tháng đầu năm 2024"},
		{must(data.NinePeriod(2026)), d(2026, 1, 1), d(2026, 9, 30), "9 tháng năm 2026"},
		{must(data.YearPeriod(2026)), d(2026, 1, 1), d(2026, 12, 31), "Năm 2026"},
		{must(data.DatesPeriod(d(2026, 2, 1), d(2026, 3, 15))), d(2026, 2, 1), d(2026, 3, 15), "Từ ngày 01/02/2026 đến ngày 15/03/2026"},
		{must(data.DatesPeriod(d(2026, 4, 1), d(2026, 6, 30))), d(2026, 4, 1), d(2026, 6, 30), "Quý II năm 2026"},
		{must(data.DatesPeriod(d(2025, 1, 1), d(2025, 12, 31))), d(2025, 1, 1), d(2025, 12, 31), "Năm 2025"},
		{must(data.DatesPeriod(d(2026, 5, 1), d(2026, 5, 1))), d(2026, 5, 1), d(2026, 5, 1), "Từ ngày 01/05/2026 đến ngày 01/05/2026"},
	} {
		if tc.p.From != tc.from || tc.p.To != tc.to || tc.p.Label() != tc.label {
			t.Errorf("%+v: want %s–%s %q, label %q", tc.p, tc.from, tc.to, tc.label, tc.p.Label())
		}
	}
	for name, err := range map[string]error{
		"EndBeforeStart": func() error { _, err := data.DatesPeriod(d(2026, 5, 2), d(2026, 5, 1)); return err }(),
		"Missing":        func() error { _, err := data.DatesPeriod(d(2026, 5, 2), vn.Date{}); return err }(),
		"NotADate":       func() error { _, err := data.DatesPeriod(d(2026, 2, 29), d(2026, 3, 1)); return err }(),
		"Quarter5":       func() error { _, err := data.QuarterPeriod(2026, 5); return err }(),
		"Year":           func() error { _, err := data.YearPeriod(1800); return err }(),
	} {
		if data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s: err = %v, want EINVALID", name, err)
		}
	}
	if p := must(data.YearPeriod(2026)); !p.Contains(d(2026, 12, 31)) || p.Contains(d(2027, 1, 1)) || p.YearStart() != d(2026, 1, 1) {
		t.Errorf("Contains or YearStart wrong for %+v", p)
	}
	if k, err := data.ParseReportKind("lang-nghe"); err != nil || k != data.ReportVillages {
		t.Errorf("ParseReportKind = %v, %v", k, err)
	}
	if got := data.Permille(853, 1000); got != 853 || data.Permille(5, 0) != 0 {
		t.Errorf("Permille = %d", got)
	}
}
