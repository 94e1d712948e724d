package data_test

import (
	"testing"

	"khuyencong/data"
)

// TestFairPlace pins the one way a fair's place is written, by the lists, kc and the documents.
func TestFairPlace(t *testing.T) {
	for _, tc := range []struct {
		city, country, want string
	}{
		{"Hà Nội", "Việt Nam", "Hà Nội"},
		{"TP Hồ Chí Minh", "", "TP Hồ Chí Minh"},
		{" Đà Nẵng ", "viet nam", "Đà Nẵng"}, // typed without marks, still at home
		{"Quảng Châu", "Trung Quốc", "Quảng Châu, Trung Quốc"},
		{"", "Nhật Bản", "Nhật Bản"},
		{"Frankfurt am Main", " Đức", "Frankfurt am Main, Đức"},
	} {
		f := &data.Fair{City: tc.city, Country: tc.country, Venue: "Cung Hữu nghị"}
		if got := f.Place(); got != tc.want {
			t.Errorf("Place of %q, %q = %q, want %q", tc.city, tc.country, got, tc.want)
		}
	}
}
