package reports_test

import (
	"os"
	"os/exec"
	"path/filepath"
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

// lookDir returns the folder REPORTS_LOOK names, where the Look tests render documents for a
// person to look at; without it they are skipped, so that an ordinary run writes nothing.
func lookDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("REPORTS_LOOK")
	if dir == "" {
		t.Skip("set REPORTS_LOOK to a folder to get rendered pages")
	}
	return dir
}

// look writes pdf into dir as name.pdf and renders its pages (only the first if firstOnly) as
// name-N.png at 60 dpi.
func look(t *testing.T, dir, name string, pdf []byte, firstOnly bool) {
	t.Helper()
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-png", "-r", "60"}
	if firstOnly {
		args = append(args, "-f", "1", "-l", "1")
	}
	if out, err := exec.Command("pdftoppm", append(args, path, filepath.Join(dir, name))...).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
}
