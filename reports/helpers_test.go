package reports_test

import (
	"testing"
	"time"

	"khuyencong/assets"
	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

var docDate = vn.Date{Year: 2026, Month: time.November, Day: 28}

func catalogue(t testing.TB, file string) []data.Division {
	t.Helper()
	f, err := assets.Catalogue.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := data.ParseDivisions(f)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

// divisions returns the wards and districts of the real catalogues, and the codes mapped to them.
func divisions(t testing.TB) (wards, districts []data.Division, byCode map[string]data.Division) {
	wards, districts = catalogue(t, assets.WardsFile), catalogue(t, assets.DistrictsFile)
	byCode = map[string]data.Division{}
	for _, d := range append(append([]data.Division(nil), wards...), districts...) {
		byCode[d.Code] = d
	}
	return wards, districts, byCode
}

// demoDoc is a list of n generated enterprises.
func demoDoc(t testing.TB, n int) reports.EnterpriseListDoc {
	wards, districts, byCode := divisions(t)
	return reports.EnterpriseListDoc{
		Org:   data.DefaultOrganisation(),
		Date:  docDate,
		Rows:  demo.Enterprises(n, 1, wards, districts),
		Wards: byCode,
	}
}
