package reports

import (
	"math"
	"testing"
)

// TestMoneyWords reads amounts with every rule of Vietnamese numbers: mốt, lăm, linh, mười,
// không trăm in an inner group, silent empty groups, and billions past a thousand.
func TestMoneyWords(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{0, "Không đồng"},
		{5, "Năm đồng"},
		{10, "Mười đồng"},
		{15, "Mười lăm đồng"},
		{21, "Hai mươi mốt đồng"},
		{105, "Một trăm linh năm đồng"},
		{111, "Một trăm mười một đồng"},
		{1_001, "Một nghìn không trăm linh một đồng"},
		{1_000_500, "Một triệu năm trăm đồng"},
		{2_005_000, "Hai triệu không trăm linh năm nghìn đồng"},
		{14_400_000, "Mười bốn triệu bốn trăm nghìn đồng"},
		{45_600_000, "Bốn mươi lăm triệu sáu trăm nghìn đồng"},
		{60_000_000, "Sáu mươi triệu đồng"},
		{1_000_000_000, "Một tỷ đồng"},
		{2_050_000_075, "Hai tỷ không trăm năm mươi triệu không trăm bảy mươi lăm đồng"},
		{1_234_000_000_000, "Một nghìn hai trăm ba mươi bốn tỷ đồng"},
		{-25, "Âm hai mươi lăm đồng"},
		{math.MinInt64, "Âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ tám trăm năm mươi bốn triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám đồng"},
	} {
		if got := moneyWords(tc.n); got != tc.want {
			t.Errorf("moneyWords(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
