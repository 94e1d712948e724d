package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// trade is a craft or industry with the products its workshops make.
type trade struct {
	name     string
	products []string
}

// village is a Hanoi craft village: its trade, the ward or commune it belongs to since 07/2025
// (kind and name as the catalogue spells them) and the district it belonged to before.
type village struct {
	name      string
	trade     trade
	wardKind  string
	ward      string
	district  string
	craftName string // how the register names the craft village, e.g. "Làng gốm Bát Tràng"
}

var (
	gomSu      = trade{"Gốm sứ", []string{"bát đĩa men lam", "lọ hoa men rạn", "ấm chén", "đồ thờ gốm", "gạch trang trí"}}
	lua        = trade{"Dệt lụa", []string{"lụa tơ tằm", "khăn lụa", "gấm hoa", "vải the", "áo dài lụa"}}
	mayTre     = trade{"Mây tre đan", []string{"giỏ mây", "khay tre", "bàn ghế mây", "đèn tre", "lẵng hoa"}}
	nonLa      = trade{"Nón lá", []string{"nón lá", "nón bài thơ", "nón quai thao"}}
	tuongGo    = trade{"Tượng gỗ, sơn mài", []string{"tượng Phật gỗ", "hoành phi câu đối", "đồ thờ sơn son thếp vàng"}}
	sonMai     = trade{"Sơn mài", []string{"tranh sơn mài", "hộp sơn mài", "bình sơn mài", "khay sơn mài"}}
	ren        = trade{"Rèn", []string{"dao kéo", "nông cụ", "dụng cụ cầm tay", "đồ gia dụng bằng thép"}}
	theu       = trade{"Thêu ren", []string{"tranh thêu tay", "khăn trải bàn thêu", "áo thêu", "gối thêu"}}
	quat       = trade{"Làm quạt", []string{"quạt giấy", "quạt lụa", "quạt nan", "đèn lồng"}}
	khamTrai   = trade{"Khảm trai", []string{"tranh khảm trai", "tủ chè khảm", "hộp khảm trai", "sập gụ khảm"}}
	may        = trade{"May mặc", []string{"quần áo may sẵn", "đồng phục", "áo sơ mi", "quần âu"}}
	nhacCu     = trade{"Nhạc cụ dân tộc", []string{"đàn bầu", "đàn nguyệt", "đàn tranh", "sáo trúc", "đàn nhị"}}
	mien       = trade{"Chế biến miến, bún", []string{"miến dong", "bún khô", "mì gạo"}}
	datVang    = trade{"Dát vàng bạc quỳ", []string{"vàng quỳ", "bạc quỳ", "đồ thờ dát vàng"}}
	cucAo      = trade{"Cúc áo, đồ nhựa", []string{"cúc áo", "khuy nhựa", "phụ kiện may mặc"}}
	sung       = trade{"Đồ sừng mỹ nghệ", []string{"lược sừng", "đồ trang sức sừng", "tranh sừng", "cúc sừng"}}
	moc        = trade{"Mộc dân dụng", []string{"bàn ghế gỗ", "tủ gỗ", "giường gỗ", "đồ gỗ mỹ nghệ"}}
	dong       = trade{"Đúc đồng", []string{"tượng đồng", "chuông đồng", "lư hương đồng", "đồ thờ bằng đồng"}}
	tienGo     = trade{"Tiện gỗ", []string{"quân cờ gỗ", "đồ chơi gỗ", "tràng hạt", "con tiện cầu thang"}}
	tamHuong   = trade{"Làm hương", []string{"tăm hương", "hương nén", "hương vòng", "hương trầm"}}
	toHe       = trade{"Nặn tò he", []string{"tò he", "đồ chơi bột gạo"}}
	nongSan    = trade{"Chế biến nông sản", []string{"tinh bột dong riềng", "bánh đa", "mạch nha", "bột sắn"}}
	gioCha     = trade{"Chế biến giò chả", []string{"giò lụa", "chả quế", "nem chua"}}
	chuonChuon = trade{"Đồ chơi tre", []string{"chuồn chuồn tre", "đồ chơi tre", "quà lưu niệm tre"}}
)

// villages are real Hanoi craft villages. The wards follow Resolution 1656/NQ-UBTVQH15; tests
// check that each is in the official catalogue.
var villages = []village{
	{"Bát Tràng", gomSu, "xã", "Bát Tràng", "Gia Lâm", "Làng gốm Bát Tràng"},
	{"Vạn Phúc", lua, "phường", "Hà Đông", "Hà Đông", "Làng lụa Vạn Phúc"},
	{"Phú Vinh", mayTre, "xã", "Phú Nghĩa", "Chương Mỹ", "Làng mây tre đan Phú Vinh"},
	{"Chuông", nonLa, "xã", "Thanh Oai", "Thanh Oai", "Làng nón Chuông"},
	{"Sơn Đồng", tuongGo, "xã", "Sơn Đồng", "Hoài Đức", "Làng tượng gỗ Sơn Đồng"},
	{"Hạ Thái", sonMai, "xã", "Hồng Vân", "Thường Tín", "Làng sơn mài Hạ Thái"},
	{"Đa Sỹ", ren, "phường", "Kiến Hưng", "Hà Đông", "Làng rèn Đa Sỹ"},
	{"Quất Động", theu, "xã", "Thượng Phúc", "Thường Tín", "Làng thêu Quất Động"},
	{"Chàng Sơn", quat, "xã", "Thạch Thất", "Thạch Thất", "Làng quạt Chàng Sơn"},
	{"Chuyên Mỹ", khamTrai, "xã", "Chuyên Mỹ", "Phú Xuyên", "Làng khảm trai Chuyên Mỹ"},
	{"Vân Từ", may, "xã", "Chuyên Mỹ", "Phú Xuyên", "Làng may Vân Từ"},
	{"Đào Xá", nhacCu, "xã", "Ứng Hòa", "Ứng Hòa", "Làng nhạc cụ Đào Xá"},
	{"Cự Đà", mien, "xã", "Bình Minh", "Thanh Oai", "Làng miến Cự Đà"},
	{"Kiêu Kỵ", datVang, "xã", "Gia Lâm", "Gia Lâm", "Làng dát vàng quỳ Kiêu Kỵ"},
	{"Tân Hòa", cucAo, "xã", "Hưng Đạo", "Quốc Oai", "Làng cúc áo Tân Hòa"},
	{"Thụy Ứng", sung, "xã", "Thường Tín", "Thường Tín", "Làng sừng mỹ nghệ Thụy Ứng"},
	{"Hữu Bằng", moc, "xã", "Thạch Thất", "Thạch Thất", "Làng mộc Hữu Bằng"},
	{"Phùng Xá", moc, "xã", "Tây Phương", "Thạch Thất", "Làng mộc Phùng Xá"},
	{"Thạch Xá", chuonChuon, "xã", "Tây Phương", "Thạch Thất", "Làng chuồn chuồn tre Thạch Xá"},
	{"Vân Hà", dong, "xã", "Thư Lâm", "Đông Anh", "Làng đúc đồng Vân Hà"},
	{"Nhị Khê", tienGo, "xã", "Thường Tín", "Thường Tín", "Làng tiện gỗ Nhị Khê"},
	{"Ninh Sở", mayTre, "xã", "Hồng Vân", "Thường Tín", "Làng mây tre đan Ninh Sở"},
	{"Quảng Phú Cầu", tamHuong, "xã", "Ứng Thiên", "Ứng Hòa", "Làng tăm hương Quảng Phú Cầu"},
	{"Xuân La", toHe, "xã", "Phượng Dực", "Phú Xuyên", "Làng tò he Xuân La"},
	{"Dương Liễu", nongSan, "xã", "Dương Hòa", "Hoài Đức", "Làng chế biến nông sản Dương Liễu"},
	{"Ước Lễ", gioCha, "xã", "Dân Hòa", "Thanh Oai", "Làng giò chả Ước Lễ"},
}

// trades are the industries of workshops outside the craft villages.
var trades = []trade{
	{"Cơ khí", []string{"khung nhà thép", "cửa sắt", "máy nông nghiệp", "linh kiện cơ khí", "khuôn mẫu"}},
	{"Chế biến thực phẩm", []string{"bánh chưng", "bánh cốm", "nước mắm", "giò chả", "bánh kẹo"}},
	{"May mặc", may.products},
	{"In ấn, bao bì", []string{"bao bì carton", "túi giấy", "nhãn mác", "lịch treo tường"}},
	{"Mộc dân dụng", moc.products},
	{"Vật liệu xây dựng", []string{"gạch không nung", "ngói màu", "cấu kiện bê tông"}},
	{"Thiết bị điện, điện tử", []string{"dây cáp điện", "tủ điện", "đèn LED", "bo mạch điều khiển"}},
	{"Nhựa, cao su", []string{"ống nhựa", "đồ gia dụng nhựa", "gioăng cao su"}},
	{"Mây tre đan", mayTre.products},
	{"Thêu ren", theu.products},
	{"Chế biến nông sản", nongSan.products},
}

// Villages registers the craft villages of the sample in the register of svc: each village of
// the list, in its ward, recognised by a decision of the city between 2002 and 2016, with its
// households, workers and a contact person (n ≤ 0 registers the list); with n above the list's length (for benchmarks),
// as many more villages of the list's trades in other wards. The sample's enterprises name
// their craft villages as the register does, so the store links them as it registers each. It
// returns how many villages it registered.
func Villages(ctx context.Context, svc data.VillageService, divisions data.DivisionService, n int, seed int64) (int, error) {
	wards, districts, err := catalogue(ctx, divisions)
	if err != nil {
		return 0, err
	}
	g := newGenerator(seed, wards, districts)
	if n <= 0 {
		n = len(g.villages)
	}
	made := 0
	register := func(name, wardCode string, t trade) error {
		contact, _ := g.person()
		year := 2002 + made%15
		households := g.between(120, 1500)
		v := &data.Village{Name: name, WardCode: wardCode, Trade: t.name,
			Decision:     fmt.Sprintf("%d/QĐ-UBND", 1200+made*37),
			RecognisedOn: vn.Date{Year: year, Month: time.Month(1 + made%12), Day: 5 + made%20},
			Households:   households, Workers: households * g.between(2, 4),
			ContactName: contact.Full(), ContactPhone: g.phone()}
		if err := svc.CreateVillage(ctx, v); err != nil {
			return fmt.Errorf("làng nghề mẫu %s: %w", name, err)
		}
		made++
		return nil
	}
	for _, v := range g.villages {
		if made == n {
			return made, nil
		}
		if err := register(v.craftName, v.wardCode, v.trade); err != nil {
			return made, err
		}
	}
	for i := 0; made < n; i++ {
		v, w := villages[i%len(villages)], g.wards[i%len(g.wards)]
		if err := register(fmt.Sprintf("Làng nghề %s %s %s", strings.ToLower(v.trade.name), w.Kind, w.Name), w.Code, v.trade); err != nil {
			return made, err
		}
	}
	return made, nil
}

// catalogue returns the wards and the legacy districts the store holds.
func catalogue(ctx context.Context, divisions data.DivisionService) (wards, districts []data.Division, err error) {
	if wards, err = divisions.Wards(ctx); err == nil {
		districts, err = divisions.Districts(ctx)
	}
	return wards, districts, err
}
