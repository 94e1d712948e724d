package data_test

import (
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/vn"
)

func TestSupportRule(t *testing.T) {
	for _, tc := range []struct {
		name         string
		rule         data.SupportRule
		fees         []int64
		support, own int64
	}{
		{"centre 100%", data.SupportRule{SharePercent: 100}, []int64{12_000_000}, 12_000_000, 0},
		{"domestic 80%", data.SupportRule{SharePercent: 80}, []int64{12_000_000, 10_000_000}, 17_600_000, 4_400_000},
		{"cap per booth", data.SupportRule{SharePercent: 100, CapPerBooth: 15_000_000}, []int64{20_000_000, 10_000_000}, 25_000_000, 5_000_000},
		// The cap bounds the support, not the fee: 80 % of 20.000.000 is 16.000.000, cut to 12.000.000
		// (capping the fee first would give 80 % of 12.000.000 = 9.600.000).
		{"80% capped per booth", data.SupportRule{SharePercent: 80, CapPerBooth: 12_000_000}, []int64{20_000_000}, 12_000_000, 8_000_000},
		{"80% under the cap", data.SupportRule{SharePercent: 80, CapPerBooth: 12_000_000}, []int64{20_000_000, 10_000_000}, 20_000_000, 10_000_000},
		{"cap per enterprise", data.SupportRule{SharePercent: 100, CapPerBooth: 15_000_000, CapPerEnterprise: 20_000_000}, []int64{15_000_000, 15_000_000}, 20_000_000, 10_000_000},
		{"rounded down", data.SupportRule{SharePercent: 33}, []int64{1_000_001}, 330_000, 670_001},
		{"no share", data.SupportRule{}, []int64{5_000_000}, 0, 5_000_000},
		{"no booth", data.SupportRule{SharePercent: 80}, nil, 0, 0},
	} {
		s, o := tc.rule.Support(tc.fees)
		if s != tc.support || o != tc.own {
			t.Errorf("%s: %d/%d, want %d/%d", tc.name, s, o, tc.support, tc.own)
		}
	}
	for _, r := range []data.SupportRule{{SharePercent: 101}, {SharePercent: -1}, {CapPerBooth: -1}, {AbroadPerYear: -1}} {
		if data.ErrorCode(r.Validate()) != data.EINVALID {
			t.Errorf("%+v accepted", r)
		}
	}
}

func validFair() data.Fair {
	return data.Fair{Name: "Hội chợ", Kind: data.FairCentre, Start: vn.Date{Year: 2026, Month: 12, Day: 15},
		End: vn.Date{Year: 2026, Month: 12, Day: 20}, Deadline: vn.Date{Year: 2026, Month: 12, Day: 10}}
}

func TestFairValidate(t *testing.T) {
	f := validFair()
	f.Normalize()
	if err := f.Validate(); err != nil || f.Country != "Việt Nam" || f.Status != data.FairPlanned {
		t.Fatal(err, f)
	}
	for _, tc := range []struct {
		change func(*data.Fair)
		want   string
	}{
		{func(f *data.Fair) { f.End = vn.Date{Year: 2026, Month: 12, Day: 1} }, "bế mạc 01/12/2026 trước ngày khai mạc 15/12/2026"},
		{func(f *data.Fair) { f.Deadline = f.Start }, "Hạn đăng ký 15/12/2026 phải trước ngày khai mạc"},
		{func(f *data.Fair) { f.Name = " " }, "Tên hội chợ"},
		{func(f *data.Fair) { f.Kind = "x" }, "loại hội chợ"},
		{func(f *data.Fair) { f.BoothPrice = -1 }, "không được âm"},
		{func(f *data.Fair) { f.Kind = data.FairAbroad; f.Country = "" }, "tên nước"},
		{func(f *data.Fair) { f.Rule.SharePercent = 150 }, "150"},
	} {
		f := validFair()
		tc.change(&f)
		err := f.Validate()
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
			t.Errorf("%v, want %q", err, tc.want)
		}
	}
}

func TestBoothValidate(t *testing.T) {
	ok := data.Booth{Number: "A07", WidthCM: 300, DepthCM: 300, Kind: data.BoothCorner}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		b    data.Booth
		want string
	}{
		{data.Booth{Number: "A07", WidthCM: 0, DepthCM: 300, Kind: data.BoothStandard}, "A07 phải lớn hơn 0 (đang là 0 × 3 m)"},
		{data.Booth{Number: "A07", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard, Price: -5}, "A07 không được âm"},
		{data.Booth{Number: "", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard}, "Số gian hàng"},
		{data.Booth{Number: "A07", WidthCM: 300, DepthCM: 300}, "loại gian hàng"},
	} {
		err := tc.b.Validate()
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
			t.Errorf("%v, want %q", err, tc.want)
		}
	}
}

func TestFormatBoothSize(t *testing.T) {
	for _, tc := range []struct {
		w, d int
		want string
	}{{300, 300, "3 × 3 m"}, {250, 300, "2,5 × 3 m"}, {125, 1000, "1,25 × 10 m"}, {0, 300, "0 × 3 m"}} {
		if got := data.FormatBoothSize(tc.w, tc.d); got != tc.want {
			t.Errorf("%d×%d: %q, want %q", tc.w, tc.d, got, tc.want)
		}
	}
}
