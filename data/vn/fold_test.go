package vn_test

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data/vn"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đông Anh", "dong anh"},
		{"Bát Tràng", "bat trang"},
		{norm.NFD.String("NGUYỄN Thị Ánh"), "nguyen thi anh"},
		{"NGUYỄN Thị Ánh", "nguyen thi anh"},
		{"Ỷ La", "y la"},
		{"Ứng Hòa", "ung hoa"},
		{"Phường Hoàn Kiếm", "phuong hoan kiem"},
		{"ĐẠI HỌC Sư phạm", "dai hoc su pham"},
		{"  Làng   gốm\tBát Tràng \n", "lang gom bat trang"},
		{"Ðông Anh", "dong anh"}, // U+00D0, how Đ comes out of old Windows-1258 text
		{"Mây tre đan Phú Vinh", "may tre dan phu vinh"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := vn.Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNFC(t *testing.T) {
	if got := vn.NFC("  " + norm.NFD.String("Nguyễn Thị Ánh") + " "); got != "Nguyễn Thị Ánh" || !norm.NFC.IsNormalString(got) {
		t.Errorf("NFC = %q, want NFC %q", got, "Nguyễn Thị Ánh")
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Đông Anh", "Bát Tràng", norm.NFD.String("NGUYỄN Thị Ánh"), "Ỷ La", " a \t b ", "İstanbul", "ǅ", "Ⅻ", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := vn.Fold(s)
		if again := vn.Fold(got); again != got {
			t.Fatalf("Fold(%q) = %q but Fold of that = %q", s, got, again)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q has stray spaces", s, got)
		}
		for _, r := range got {
			// ϒ and a few other capitals have no lower case: ToLower leaves them, so test for that.
			if unicode.ToLower(r) != r || unicode.Is(unicode.M, r) || r == 'đ' {
				t.Fatalf("Fold(%q) = %q keeps %q", s, got, r)
			}
		}
	})
}

func BenchmarkFold(b *testing.B) {
	s := "Công ty TNHH Mây tre đan xuất khẩu Phú Vinh, xã Phú Nghĩa, Hà Nội"
	for b.Loop() {
		vn.Fold(s)
	}
}
