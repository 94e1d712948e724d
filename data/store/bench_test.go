package store_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"khuyencong/assets"
	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
)

// benchSize is how many enterprises the benchmarks work on: the register of a busy centre
// after ten years, generously.
const benchSize = 100_000

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

var (
	benchOnce sync.Once
	benchDir  string // holds the shared benchmark database
	benchPath string
	benchErr  error
)

// BenchDB returns the path of a database of benchSize generated enterprises, made once per run.
func BenchDB(b *testing.B) string {
	b.Helper()
	benchOnce.Do(func() {
		if benchDir, benchErr = os.MkdirTemp("", "khuyencong-bench-"); benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "khuyencong.db")
		var db *store.DB
		if db, benchErr = store.Create(benchPath); benchErr != nil {
			return
		}
		defer db.Close()
		storetest.AddAdmin(b, db, tester) // the generation acts as tester
		benchErr = db.CreateEnterprises(ctx, Generate(benchSize))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath
}

// Generate returns n realistic enterprises of Hanoi, the same ones for the same n: household
// businesses, workshops, companies and cooperatives of the capital's crafts, with Vietnamese
// representatives, valid tax codes and phone numbers, spread over the catalogue's wards.
func Generate(n int) []*data.Enterprise {
	r := rand.New(rand.NewPCG(2025, 7))
	wards := mustDivisions(assets.WardsFile)
	districts := mustDivisions(assets.DistrictsFile)
	pick := func(ss []string) string { return ss[r.IntN(len(ss))] }
	families := []string{
		"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Trần",
		"Lê", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
		"Đào", "Đinh", "Trịnh", "Lương", "Tạ", "Khuất", "Kiều", "Lý", "Chu", "Quách",
	}
	men := [2][]string{
		{"Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Mạnh", "Ngọc", "Công", "Văn"},
		{"Anh", "Hùng", "Dũng", "Đức", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Thắng", "Trung", "Bình", "Cường", "Hiếu", "Khánh", "Quân", "Thành", "Việt", "Phong", "Tùng"},
	}
	women := [2][]string{
		{"Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thúy", "Hồng", "Phương", "Kim", "Bích", "Thị"},
		{"Anh", "Ánh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Thủy", "Hà", "Yến", "Hằng", "Loan", "Vân", "Hạnh", "Dung"},
	}
	trades := [][2]string{
		{"Gốm sứ", "Làng gốm Bát Tràng"}, {"Mây tre đan", "Làng mây tre đan Phú Vinh"}, {"Dệt lụa", "Làng lụa Vạn Phúc"},
		{"Sơn mài", "Làng sơn mài Hạ Thái"}, {"Khảm trai", "Làng khảm trai Chuyên Mỹ"}, {"Đồ gỗ mỹ nghệ", "Làng gỗ Vân Hà"},
		{"Thêu ren", "Làng thêu Quất Động"}, {"Nón lá", "Làng nón Chuông"}, {"Làm hương", "Làng hương Quảng Phú Cầu"},
		{"Điêu khắc đá", ""}, {"Chế biến nông sản", ""}, {"Cơ khí", "Làng cơ khí Phùng Xá"}, {"May mặc", ""},
		{"Bánh kẹo", ""}, {"Đúc đồng", "Làng đúc đồng Ngũ Xã"}, {"Quạt giấy", "Làng quạt Chàng Sơn"},
		{"Bún bánh", "Làng bún Phú Đô"}, {"Mộc dân dụng", "Làng mộc Chàng Sơn"}, {"Da giày", ""}, {"In ấn bao bì", ""},
	}
	brands := []string{"Minh Long", "Hưng Thịnh", "Phú Gia", "An Phát", "Thành Công", "Hoàng Gia", "Việt Nhật", "Tân Tiến",
		"Hòa Bình", "Đại Phát", "Quang Minh", "Hồng Hà", "Sao Mai", "Bình Minh", "Kim Long", "Thiên Phú", "Trường Sơn",
		"Đông Á", "Nam Việt", "Ánh Dương", "Thăng Long", "Hà Thành", "Tràng An", "Đức Thành"}
	streets := []string{"Giải Phóng", "Nguyễn Trãi", "Láng Hạ", "Cầu Giấy", "Trường Chinh", "Nguyễn Văn Cừ", "Quang Trung", "Lê Duẩn"}
	mobiles := []string{"090", "091", "094", "096", "097", "098", "086", "088", "032", "033", "035", "038", "039", "070", "077", "083", "085"}
	kinds := []data.EnterpriseKind{
		data.KindHousehold, data.KindHousehold, data.KindHousehold, data.KindHousehold, data.KindHousehold, data.KindHousehold, data.KindHousehold,
		data.KindEstablish, data.KindEstablish, data.KindEstablish, data.KindEstablish,
		data.KindMicro, data.KindMicro, data.KindMicro, data.KindSmall, data.KindSmall, data.KindCooperative, data.KindCooperative,
		data.KindCoopGroup, data.KindMedium,
	}
	serial := 0
	taxCode := func() string {
		for {
			serial++
			first9 := fmt.Sprintf("01%07d", serial*37%10_000_000)
			if d, ok := vn.TaxCheckDigit(first9); ok {
				return fmt.Sprintf("%s%d", first9, d)
			}
		}
	}

	out := make([]*data.Enterprise, n)
	for i := range out {
		names := men
		if r.IntN(5) < 2 {
			names = women
		}
		rep := vn.Name{Family: pick(families), Middle: pick(names[0]), Given: pick(names[1])}
		if r.IntN(4) == 0 {
			rep.Middle += " " + pick(names[0])
		}
		trade := trades[r.IntN(len(trades))]
		ward := wards[r.IntN(len(wards))]
		e := &data.Enterprise{Kind: kinds[r.IntN(len(kinds))], Representative: rep, Trade: trade[0], WardCode: ward.Code}
		if r.IntN(5) == 0 { // an older record that knows only its district
			e.WardCode, e.DistrictCode = "", districts[r.IntN(len(districts))].Code
		}
		if r.IntN(2) == 0 {
			e.CraftVillage = trade[1]
		}
		place := ward.Name
		switch e.Kind {
		case data.KindHousehold:
			e.Name = "Hộ kinh doanh " + rep.Full()
			e.Workers = r.IntN(8)
		case data.KindEstablish:
			e.Name = "Cơ sở " + trade[0] + " " + rep.Full()
			e.Workers = 2 + r.IntN(20)
		case data.KindCooperative:
			e.Name = "Hợp tác xã " + trade[0] + " " + place
			e.Workers = 10 + r.IntN(90)
		case data.KindCoopGroup:
			e.Name = "Tổ hợp tác " + trade[0] + " " + place
			e.Workers = 5 + r.IntN(30)
		default:
			form := "Công ty TNHH "
			if r.IntN(3) == 0 {
				form = "Công ty Cổ phần "
			}
			e.Name = form + trade[0] + " " + pick(brands)
			e.Workers = 5 + r.IntN(200)
		}
		if e.Kind != data.KindHousehold && e.Kind != data.KindEstablish || r.IntN(3) > 0 {
			e.TaxCode = taxCode()
		}
		switch r.IntN(10) {
		case 0:
		case 1:
			e.Phone = fmt.Sprintf("024%08d", r.IntN(100_000_000))
		default:
			e.Phone = fmt.Sprintf("%s%07d", pick(mobiles), r.IntN(10_000_000))
		}
		if r.IntN(3) == 0 {
			e.Email = fmt.Sprintf("lienhe%d@gmail.com", i+1)
		}
		if r.IntN(2) == 0 {
			e.Address = fmt.Sprintf("Thôn %s", pick([]string{"Đông", "Đoài", "Nam", "Bắc", "Thượng", "Hạ", "Trung"}))
		} else {
			e.Address = fmt.Sprintf("Số %d ngõ %d phố %s", 1+r.IntN(200), 1+r.IntN(500), pick(streets))
		}
		e.Products = trade[0] + " các loại"
		e.Archived = r.IntN(20) == 0
		out[i] = e
	}
	return out
}

// mustDivisions reads one of the shipped catalogues.
func mustDivisions(file string) []data.Division {
	f, err := assets.Catalogue.Open(file)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	ds, err := data.ParseDivisions(f)
	if err != nil {
		panic(err)
	}
	return ds
}

// current selects the enterprises that are not archived, as lists show them by default.
var current = new(bool)

// benchQueries are searches a clerk types: broad ones that match tens of thousands and narrow
// ones, and for the relevance order, words together in half the matches ("dong anh") and in none
// ("van nguyen": the whole set is sorted by rank).
var benchQueries = []string{"nguyen", "nguyen van", "cong ty", "gom su", "bat trang", "hung", "minh long", "0100", "0912", "dinh hung thinh", "zzz", "dong anh", "van nguyen"}

func BenchmarkSearchFirstPage(b *testing.B) {
	db := MustOpenDBAt(b, BenchDB(b))
	for _, q := range benchQueries {
		b.Run(q, func(b *testing.B) {
			f := data.EnterpriseFilter{Search: q, Archived: current, Limit: 50}
			for b.Loop() {
				if _, err := db.FindEnterprises(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFirstPage(b *testing.B) {
	db := MustOpenDBAt(b, BenchDB(b))
	for _, sort := range []data.EnterpriseSort{data.SortByName, data.SortByRepresentative, data.SortByWard, data.SortByTrade, data.SortByKind, data.SortByTaxCode, data.SortByPhone, data.SortByWorkers} {
		for _, desc := range []bool{false, true} {
			b.Run(fmt.Sprintf("%s/desc=%v", sort, desc), func(b *testing.B) {
				f := data.EnterpriseFilter{Archived: current, Sort: sort, Desc: desc, Limit: 50}
				for b.Loop() {
					if _, err := db.FindEnterprises(ctx, f); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

func BenchmarkCount(b *testing.B) {
	db := MustOpenDBAt(b, BenchDB(b))
	for _, q := range append([]string{""}, benchQueries...) {
		b.Run("search="+q, func(b *testing.B) {
			f := data.EnterpriseFilter{Search: q, Archived: current}
			for b.Loop() {
				if _, err := db.CountEnterprises(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkOpenAndFirstPage(b *testing.B) {
	path := BenchDB(b)
	for b.Loop() {
		db, err := store.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.FindEnterprises(ctx, data.EnterpriseFilter{Archived: current, Limit: 50}); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateEnterprises100k(b *testing.B) {
	es := Generate(benchSize)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := store.Create(filepath.Join(b.TempDir(), "khuyencong.db"))
		if err != nil {
			b.Fatal(err)
		}
		db.Now = func() time.Time { return now }
		b.StartTimer()
		if err := db.CreateEnterprises(ctx, es); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
	}
}
