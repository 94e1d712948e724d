package demo_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"khuyencong/assets"
	"khuyencong/data"
	"khuyencong/data/demo"
)

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

func generate(t testing.TB, n int, seed int64) []*data.Enterprise {
	return demo.Enterprises(n, seed, catalogue(t, assets.WardsFile), catalogue(t, assets.DistrictsFile))
}

func TestEnterprisesValid(t *testing.T) {
	wards, districts := map[string]bool{}, map[string]bool{}
	for _, d := range catalogue(t, assets.WardsFile) {
		wards[d.Code] = true
	}
	for _, d := range catalogue(t, assets.DistrictsFile) {
		districts[d.Code] = true
	}
	es := generate(t, 3000, 1)
	taxCodes := map[string]int{}
	kinds := map[data.EnterpriseKind]int{}
	var cccd, noTax, landlines, villages, oldDistricts int
	for i, e := range es {
		stored := *e
		stored.Normalize()
		if err := stored.Validate(); err != nil {
			t.Fatalf("enterprise %d %q: %v", i, e.Name, err)
		}
		if !reflect.DeepEqual(stored, *e) {
			t.Errorf("enterprise %d is not in stored form:\n got %+v\nwant %+v", i, *e, stored)
		}
		if e.WardCode != "" && !wards[e.WardCode] || e.DistrictCode != "" && !districts[e.DistrictCode] {
			t.Errorf("enterprise %d has unknown ward %q or district %q", i, e.WardCode, e.DistrictCode)
		}
		if e.WardCode == "" && e.DistrictCode == "" {
			t.Errorf("enterprise %d has neither ward nor district", i)
		}
		if e.Workers < 1 || e.Workers > 500 {
			t.Errorf("enterprise %d has %d workers", i, e.Workers)
		}
		kinds[e.Kind]++
		switch {
		case e.TaxCode == "":
			noTax++
		case len(e.TaxCode) == 12:
			cccd++
			if e.Kind != data.KindHousehold || !strings.HasPrefix(e.TaxCode, "001") || e.TaxCode[3] > '3' {
				t.Errorf("enterprise %d (%s) has CCCD %s", i, e.Kind, e.TaxCode)
			}
		default:
			if j, dup := taxCodes[e.TaxCode]; dup {
				t.Errorf("enterprises %d and %d share tax code %s", j, i, e.TaxCode)
			}
		}
		if e.TaxCode != "" {
			taxCodes[e.TaxCode] = i
		}
		if strings.HasPrefix(e.Phone, "024") {
			landlines++
		}
		if e.CraftVillage != "" {
			villages++
		}
		if e.DistrictCode != "" {
			oldDistricts++
		}
	}
	if len(kinds) != len(data.EnterpriseKinds) {
		t.Errorf("kinds %v: want every kind", kinds)
	}
	for what, n := range map[string]int{"CCCD": cccd, "no tax code": noTax, "landlines": landlines, "craft villages": villages, "legacy districts": oldDistricts} {
		if n < len(es)/50 || n > len(es)*3/4 {
			t.Errorf("%d of %d enterprises with %s", n, len(es), what)
		}
	}
}

func TestEnterprisesDeterministic(t *testing.T) {
	a, b := generate(t, 500, 42), generate(t, 500, 42)
	if !reflect.DeepEqual(a, b) {
		t.Error("the same seed gave different enterprises")
	}
	if reflect.DeepEqual(a, generate(t, 500, 43)) {
		t.Error("another seed gave the same enterprises")
	}
}

func TestEnterprisesSpread(t *testing.T) {
	es := generate(t, 300, 7)
	wards := map[string]bool{}
	var text strings.Builder
	for _, e := range es {
		wards[e.WardCode] = true
		text.WriteString(e.Name + " " + e.Representative.Full() + " " + e.Products + "\n")
	}
	if len(wards) < 80 {
		t.Errorf("300 enterprises over %d wards, want at least 80", len(wards))
	}
	for _, s := range []string{"ư", "ơ", "đ", "Đ", "ạ", "Gốm sứ", "Bát Tràng", "Hộ kinh doanh", "Hợp tác xã", "Cơ sở", "Công ty TNHH"} {
		if !strings.Contains(text.String(), s) {
			t.Errorf("no %q in the generated names", s)
		}
	}
}

// TestVillagesInCatalogue checks that every craft village lands in its ward: with the real
// catalogue, enough enterprises name all of them.
func TestVillagesInCatalogue(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range generate(t, 5000, 3) {
		seen[e.CraftVillage] = true
	}
	for _, v := range []string{"Làng gốm Bát Tràng", "Làng lụa Vạn Phúc", "Làng nón Chuông", "Làng sơn mài Hạ Thái", "Làng tăm hương Quảng Phú Cầu", "Làng giò chả Ước Lễ"} {
		if !seen[v] {
			t.Errorf("no enterprise in %s: its ward is not in the catalogue", v)
		}
	}
	if len(seen) != 27 { // 26 villages and ""
		t.Errorf("%d craft villages placed, want 26", len(seen)-1)
	}
}

// TestEnterprisesUniqueAtScale checks that tax codes stay unique at benchmark scale; the speed
// of generating them is BenchmarkEnterprises100k's to measure.
func TestEnterprisesUniqueAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 100,000 enterprises")
	}
	wards, districts := catalogue(t, assets.WardsFile), catalogue(t, assets.DistrictsFile)
	es := demo.Enterprises(100_000, 9, wards, districts)
	seen := make(map[string]bool, len(es))
	for _, e := range es {
		if e.TaxCode != "" && seen[e.TaxCode] {
			t.Fatalf("tax code %s given twice", e.TaxCode)
		}
		seen[e.TaxCode] = true
	}
}

func BenchmarkEnterprises100k(b *testing.B) {
	wards, districts := catalogue(b, assets.WardsFile), catalogue(b, assets.DistrictsFile)
	for b.Loop() {
		demo.Enterprises(100_000, 1, wards, districts)
	}
}

type fakeStore struct {
	data.EnterpriseService
	data.DivisionService
	wards, districts []data.Division
	calls            int
	stored           []*data.Enterprise
	err              error
}

func (s *fakeStore) Wards(context.Context) ([]data.Division, error)     { return s.wards, nil }
func (s *fakeStore) Districts(context.Context) ([]data.Division, error) { return s.districts, nil }
func (s *fakeStore) CreateEnterprises(_ context.Context, es []*data.Enterprise) error {
	s.calls++
	if s.err != nil {
		return s.err
	}
	s.stored = append(s.stored, es...)
	return nil
}

func TestLoad(t *testing.T) {
	s := &fakeStore{wards: catalogue(t, assets.WardsFile), districts: catalogue(t, assets.DistrictsFile)}
	n, err := demo.Load(context.Background(), s, s, 250, 5)
	if err != nil || n != 250 || s.calls != 1 || len(s.stored) != 250 {
		t.Fatalf("Load = %d, %v; %d calls stored %d", n, err, s.calls, len(s.stored))
	}
	if !reflect.DeepEqual(s.stored, demo.Enterprises(250, 5, s.wards, s.districts)) {
		t.Error("Load stored other enterprises than Enterprises gives")
	}
	s.err = data.Errorf(data.ECONFLICT, "trùng")
	if n, err := demo.Load(context.Background(), s, s, 10, 5); n != 0 || !errors.Is(err, s.err) {
		t.Errorf("failing store: Load = %d, %v", n, err)
	}
}
