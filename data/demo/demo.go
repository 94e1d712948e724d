// Package demo generates realistic, deterministic sample data for Hanoi: enterprises of its
// craft villages and of the wards around them, for demonstrations, screenshots and benchmarks.
package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Enterprises returns n enterprises that pass Normalize and Validate, with unique tax codes,
// spread over the given wards (craft villages in the wards they belong to, the rest round the
// whole list) and, for some older records, with the legacy district. The same n, seed and
// divisions give the same enterprises.
func Enterprises(n int, seed int64, wards, districts []data.Division) []*data.Enterprise {
	g := newGenerator(seed, wards, districts)
	out := make([]*data.Enterprise, n)
	for i := range out {
		out[i] = g.enterprise()
	}
	return out
}

// Load generates n enterprises over the wards and districts the store holds and stores them
// in one call of CreateEnterprises. When svc also keeps classes, trainees, enrolments and
// attendance (as *sqlite.DB does), Load then makes the sample training of Training, on the
// clock time.Now, and when it also keeps fairs, the sample fairs of Fairs, and when it keeps
// đề án, the sample's plans, đề án and payments of Programmes, with the equipment of Equipment;
// a store of craft villages gets those of Villages. It returns how many
// enterprises it stored; the enterprises stay stored when the training or the fairs then fail.
func Load(ctx context.Context, svc data.EnterpriseService, divisions data.DivisionService, n int, seed int64) (int, error) {
	wards, districts, err := catalogue(ctx, divisions)
	if err != nil {
		return 0, err
	}
	es := Enterprises(n, seed, wards, districts)
	if err := svc.CreateEnterprises(ctx, es); err != nil {
		return 0, err
	}
	if v, ok := svc.(data.VillageService); ok {
		if _, err := Villages(ctx, v, divisions, 0, seed); err != nil {
			return len(es), err
		}
	}
	if s, ok := svc.(trainingParts); ok {
		ts := TrainingServices{Enterprises: svc, Divisions: divisions, Classes: s, Trainees: s, Enrollments: s, Attendance: s}
		if c, ok := svc.(certificateParts); ok {
			ts.Certificates, ts.Settings, ts.Keys = c, c, c
		}
		if f, ok := svc.(data.FairService); ok {
			ts.Fairs = f
		}
		finish := func(context.Context) (int, error) { return 0, nil }
		if p, ok := svc.(data.ProgrammeService); ok {
			ts.Programmes = p
			var err error
			if _, finish, err = Programmes(ctx, ts); err != nil {
				return len(es), err
			}
			if q, ok := svc.(data.EquipmentService); ok {
				if _, err := Equipment(ctx, ts, q, 0, seed); err != nil {
					return len(es), err
				}
			}
		}
		if _, err := Training(ctx, ts, seed); err != nil {
			return len(es), err
		}
		if _, err := Fairs(ctx, ts, seed); err != nil {
			return len(es), err
		}
		if _, err := finish(ctx); err != nil {
			return len(es), err
		}
	}
	return len(es), nil
}

// trainingParts are the services Load needs, beside the enterprises, to make the training.
type trainingParts interface {
	data.ClassService
	data.TraineeService
	data.EnrollmentService
	data.AttendanceService
}

// certificateParts are the services that issue the sample's certificates.
type certificateParts interface {
	data.CertificateService
	data.SettingsService
	data.KeyService
}

// placedVillage is a craft village with its ward and district codes resolved.
type placedVillage struct {
	village
	wardCode, districtCode string
}

type generator struct {
	rnd       *rand.Rand
	villages  []placedVillage
	wards     []data.Division // in a shuffled order, dealt round-robin
	next      int
	taxCodes  map[string]bool
	familySum int
}

func newGenerator(seed int64, wards, districts []data.Division) *generator {
	g := &generator{
		rnd:      rand.New(rand.NewPCG(uint64(seed), 0x6b687579656e636f)), // "khuyenco"
		wards:    append([]data.Division(nil), wards...),
		taxCodes: map[string]bool{},
	}
	for _, f := range families {
		g.familySum += f.weight
	}
	byName := func(ds []data.Division, kind, name string) string {
		for _, d := range ds {
			if (kind == "" || d.Kind == kind) && vn.Fold(d.Name) == vn.Fold(name) {
				return d.Code
			}
		}
		return ""
	}
	for _, v := range villages {
		if code := byName(wards, v.wardKind, v.ward); code != "" {
			g.villages = append(g.villages, placedVillage{v, code, byName(districts, "", v.district)})
		}
	}
	g.rnd.Shuffle(len(g.wards), func(i, j int) { g.wards[i], g.wards[j] = g.wards[j], g.wards[i] })
	return g
}

func (g *generator) pick(list []string) string { return list[g.rnd.IntN(len(list))] }

// chance reports true with probability p.
func (g *generator) chance(p float64) bool { return g.rnd.Float64() < p }

// between returns a number from lo to hi, small ones far more often (log-uniform).
func (g *generator) between(lo, hi int) int {
	return lo + int(math.Exp(g.rnd.Float64()*math.Log(float64(hi-lo+1)))) - 1
}

func (g *generator) person() (vn.Name, bool) {
	female := g.chance(0.45)
	k := g.rnd.IntN(g.familySum)
	family := families[0].word
	for _, f := range families {
		if k < f.weight {
			family = f.word
			break
		}
		k -= f.weight
	}
	if female {
		return vn.Name{Family: family, Middle: g.pick(femaleMiddles), Given: g.pick(femaleGivens)}, true
	}
	return vn.Name{Family: family, Middle: g.pick(maleMiddles), Given: g.pick(maleGivens)}, false
}

func (g *generator) enterprise() *data.Enterprise {
	e := &data.Enterprise{}
	rep, female := g.person()
	e.Representative = rep
	switch r := g.rnd.IntN(100); {
	case r < 30:
		e.Kind = data.KindMicro
	case r < 42:
		e.Kind = data.KindSmall
	case r < 45:
		e.Kind = data.KindMedium
	case r < 55:
		e.Kind = data.KindCooperative
	case r < 60:
		e.Kind = data.KindCoopGroup
	case r < 85:
		e.Kind = data.KindHousehold
	default:
		e.Kind = data.KindEstablish
	}

	var t trade
	var place string // village or ward name the enterprise is known by
	if len(g.villages) > 0 && (g.chance(0.45) || len(g.wards) == 0) {
		v := g.villages[g.rnd.IntN(len(g.villages))]
		t, place = v.trade, v.name
		e.CraftVillage = v.craftName
		e.WardCode = v.wardCode
		if v.districtCode != "" && g.chance(0.3) {
			e.DistrictCode = v.districtCode
			if g.chance(0.1) { // an old record that only knows its district
				e.WardCode = ""
			}
		}
		e.Address = g.pick([]string{"Thôn ", "Xóm " + strconv.Itoa(1+g.rnd.IntN(12)) + ", thôn ", "Làng "}) + v.name
	} else if len(g.wards) > 0 {
		w := g.wards[g.next%len(g.wards)]
		g.next++
		t, place = trades[g.rnd.IntN(len(trades))], w.Name
		e.WardCode = w.Code
		if w.Kind == "phường" {
			e.Address = fmt.Sprintf("Số %d, ngõ %d, đường %s", 1+g.rnd.IntN(200), 2+g.rnd.IntN(300), g.pick(streets))
		} else {
			e.Address = g.pick(hamlets)
		}
	} else {
		t, place = trades[g.rnd.IntN(len(trades))], "Hà Nội"
	}
	e.Trade = t.name
	e.Name = g.name(e, t, place)
	e.TaxCode = g.taxCode(e.Kind, female)
	e.Phone = g.phone()
	if g.chance(0.4) {
		e.Email = g.email(e)
	}
	e.Workers = g.workers(e.Kind)
	e.Products = g.products(t)
	if g.chance(0.08) {
		e.Notes = g.pick(notes)
	}
	e.Archived = g.chance(0.02)
	return e
}

func (g *generator) name(e *data.Enterprise, t trade, place string) string {
	tradeWord := strings.SplitN(t.name, ",", 2)[0]
	switch e.Kind {
	case data.KindMicro, data.KindSmall, data.KindMedium:
		form := g.pick([]string{"Công ty TNHH", "Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV"})
		return form + " " + tradeWord + " " + g.pick(brands) + " " + place
	case data.KindCooperative:
		if g.chance(0.2) {
			return "Hợp tác xã Dịch vụ Nông nghiệp " + place
		}
		return "Hợp tác xã " + tradeWord + " " + place
	case data.KindCoopGroup:
		return "Tổ hợp tác " + tradeWord + " " + place
	case data.KindHousehold:
		return "Hộ kinh doanh " + e.Representative.Full()
	}
	if g.chance(0.5) {
		return "Cơ sở " + tradeWord + " " + place
	}
	return "Cơ sở sản xuất " + tradeWord + " " + e.Representative.Full()
}

// taxCode returns a fresh code: a Hanoi tax code (01…) for firms, mostly the owner's citizen ID
// for a household business, and often none for a workshop.
func (g *generator) taxCode(k data.EnterpriseKind, female bool) string {
	switch {
	case k == data.KindHousehold && g.chance(0.1), k == data.KindEstablish && g.chance(0.6):
		return ""
	}
	for {
		var code string
		if k == data.KindHousehold && g.chance(0.85) {
			year := 1950 + g.rnd.IntN(56)
			gender := 0 // 0 a man born in the 1900s, 1 a woman; 2 and 3 for the 2000s
			if year >= 2000 {
				gender = 2
			}
			if female {
				gender++
			}
			code = fmt.Sprintf("001%d%02d%06d", gender, year%100, g.rnd.IntN(1_000_000))
		} else {
			first9 := fmt.Sprintf("%09d", 10_000_000+g.rnd.IntN(1_100_000)) // 0100000000 to 0110999999
			digit, ok := vn.TaxCheckDigit(first9)
			if !ok {
				continue
			}
			code = first9 + strconv.Itoa(digit)
		}
		if !g.taxCodes[code] {
			g.taxCodes[code] = true
			return code
		}
	}
}

func (g *generator) phone() string {
	if g.chance(0.15) {
		return fmt.Sprintf("024%s%07d", g.pick([]string{"3", "6", "7"}), g.rnd.IntN(10_000_000))
	}
	return fmt.Sprintf("%s%07d", g.pick(mobilePrefixes), g.rnd.IntN(10_000_000))
}

func (g *generator) email(e *data.Enterprise) string {
	n := e.Representative
	local := strings.ReplaceAll(vn.Fold(n.Given+" "+n.Family), " ", "") + strconv.Itoa(g.rnd.IntN(100))
	return local + "@" + g.pick(mailHosts)
}

func (g *generator) workers(k data.EnterpriseKind) int {
	switch k {
	case data.KindHousehold:
		return g.between(1, 12)
	case data.KindEstablish, data.KindCoopGroup:
		return g.between(3, 40)
	case data.KindMicro:
		return g.between(3, 10)
	case data.KindSmall:
		return g.between(10, 100)
	case data.KindMedium:
		return g.between(100, 500)
	}
	return g.between(10, 200)
}

func (g *generator) products(t trade) string {
	n := 1 + g.rnd.IntN(3)
	start := g.rnd.IntN(len(t.products))
	var ps []string
	for i := 0; i < n && i < len(t.products); i++ {
		ps = append(ps, t.products[(start+i)%len(t.products)])
	}
	s := strings.Join(ps, ", ")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}
