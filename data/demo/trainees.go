package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// This file makes the people of the sample classes: who is enrolled, and each trainee's name,
// birth, birthplace and a CCCD that agrees with them.

// trainees creates the new trainees of a class and returns the IDs of everyone to enrol: some of
// an earlier class's trainees first when the plan says so.
func (t *trainer) trainees(ctx context.Context, p classPlan, c *data.Class, earlier [][]int64) ([]int64, error) {
	var ids []int64
	if p.again >= 0 && len(earlier[p.again]) > 0 {
		prev := earlier[p.again]
		for _, k := range t.rnd.Perm(len(prev))[:min(len(prev), 4+t.rnd.IntN(3))] {
			ids = append(ids, prev[k])
		}
	}
	var workplaces []*data.Enterprise
	if p.audience == owners {
		archived := false
		es, err := t.svc.Enterprises.FindEnterprises(ctx, data.EnterpriseFilter{Archived: &archived, Limit: 300})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			if e.Kind != data.KindEstablish { // the register's owners of firms, cooperatives and households
				workplaces = append(workplaces, e)
			}
		}
		t.rnd.Shuffle(len(workplaces), func(i, j int) { workplaces[i], workplaces[j] = workplaces[j], workplaces[i] })
	}
	var ts []*data.Trainee
	for i := len(ids); i < p.trainees; i++ {
		tr := t.trainee(p, c)
		switch p.audience {
		case officials:
			w := t.generator.wards[t.rnd.IntN(len(t.generator.wards))]
			tr.WardCode = w.Code
			tr.Address = t.pick(hamlets)
			tr.Workplace = "UBND " + w.Kind + " " + w.Name
			tr.PolicyGroup = ""
		case owners:
			if i < len(workplaces) {
				e := workplaces[i]
				tr.WorkplaceID = e.ID
				tr.WardCode = e.WardCode
				tr.Address = e.Address
			}
		}
		ts = append(ts, tr)
	}
	if err := t.svc.Trainees.CreateTrainees(ctx, ts); err != nil {
		return nil, err
	}
	for _, tr := range ts {
		ids = append(ids, tr.ID)
	}
	return ids, nil
}

// birthPlace is where a trainee was born and the CCCD code of its province.
type birthPlace struct{ name, code string }

var (
	kinhBirthPlaces = []birthPlace{
		{"Hà Nội", "001"}, {"Hà Nội", "001"}, {"Hà Nội", "001"}, {"Hà Nội", "001"}, {"Hà Nội", "001"}, {"Hà Nội", "001"},
		{"Hà Nội", "001"}, {"Hà Tây", "001"}, {"Hà Tây", "001"}, {"Nam Định", "036"}, {"Thái Bình", "034"},
		{"Hưng Yên", "033"}, {"Bắc Ninh", "027"}, {"Thanh Hóa", "038"}, {"Hà Nam", "035"},
	}
	// minorities are the ethnic groups of Hanoi's western communes (Mường and Dao of Ba Vì) and
	// of people who moved from the north (Tày), with their usual family names.
	minorities = []struct {
		ethnicity string
		places    []birthPlace
		families  []string
	}{
		{"Mường", []birthPlace{{"Hà Tây", "001"}, {"Hà Nội", "001"}, {"Hòa Bình", "017"}}, []string{"Đinh", "Bùi", "Quách", "Hà", "Xa"}},
		{"Dao", []birthPlace{{"Hà Tây", "001"}, {"Hà Nội", "001"}}, []string{"Triệu", "Bàn", "Đặng", "Lý"}},
		{"Tày", []birthPlace{{"Cao Bằng", "004"}, {"Lạng Sơn", "020"}, {"Tuyên Quang", "008"}}, []string{"Nông", "Hoàng", "Lương", "Vi"}},
	}
	policyGroups    = []string{"Hộ nghèo", "Hộ cận nghèo", "Người khuyết tật", "Bộ đội xuất ngũ", "Lao động nông thôn bị thu hồi đất"}
	withdrawReasons = []string{"Bận việc gia đình", "Đi làm xa", "Ốm dài ngày", "Chuyển nơi ở"}
	selfEmployed    = []string{"Tự làm tại nhà", "Làm gia công cho cơ sở trong làng", "Mở cơ sở sản xuất riêng"}
)

// trainee returns a new trainee of a plan's audience, living where the class is held.
func (t *trainer) trainee(p classPlan, c *data.Class) *data.Trainee {
	female := t.chance(p.female)
	var name vn.Name
	for {
		n, f := t.person()
		if f == female && !strings.HasSuffix(n.Middle, n.Given) { // not "Thị Ánh Ánh"
			name = n
			break
		}
	}
	lo, hi := 1965, 2005
	switch p.audience {
	case officials:
		lo, hi = 1968, 1996
	case owners:
		lo, hi = 1965, 1993
	}
	birth := vn.Date{Year: lo + t.rnd.IntN(hi-lo+1), Month: time.Month(1 + t.rnd.IntN(12)), Day: 1 + t.rnd.IntN(28)}
	tr := &data.Trainee{Name: name, Female: female, BirthDate: birth, Ethnicity: "Kinh", WardCode: c.WardCode}
	place := kinhBirthPlaces[t.rnd.IntN(len(kinhBirthPlaces))]
	if t.chance(p.minority) {
		m := minorities[0]
		if r := t.rnd.IntN(10); r >= 5 && r < 9 {
			m = minorities[1]
		} else if r == 9 {
			m = minorities[2]
		}
		tr.Ethnicity = m.ethnicity
		tr.Name.Family = t.pick(m.families)
		place = m.places[t.rnd.IntN(len(m.places))]
	}
	tr.BirthPlace = place.name
	if t.chance(0.92) {
		tr.CCCD = t.cccd(place.code, birth.Year, female)
	}
	if t.chance(0.88) {
		tr.Phone = fmt.Sprintf("%s%07d", t.pick(mobilePrefixes), t.rnd.IntN(10_000_000))
	}
	if v, ok := t.village(p.village); ok {
		tr.Address = t.pick([]string{"Thôn ", "Xóm " + fmt.Sprint(1+t.rnd.IntN(10)) + ", thôn "}) + v.name
	} else {
		tr.Address = t.pick(hamlets)
	}
	if p.audience == villagers {
		if c.HostEnterpriseID != 0 && t.chance(0.2) {
			tr.WorkplaceID = c.HostEnterpriseID
		} else if t.chance(0.3) {
			tr.Workplace = t.pick([]string{"Lao động tự do", "Làm nông nghiệp", "Nội trợ", "Công nhân khu công nghiệp"})
		}
		if t.chance(0.12) {
			tr.PolicyGroup = t.pick(policyGroups)
		}
	}
	return tr
}

// cccd returns a fresh citizen ID: the province code, the digit of sex and century, the last two
// digits of the birth year and six random digits.
func (t *trainer) cccd(province string, year int, female bool) string {
	sex := (year/100 - 19) * 2
	if female {
		sex++
	}
	for {
		s := fmt.Sprintf("%s%d%02d%06d", province, sex, year%100, t.rnd.IntN(1_000_000))
		if !t.cccds[s] {
			t.cccds[s] = true
			return s
		}
	}
}
