package vn_test

import (
	"strings"
	"testing"

	"khuyencong/data/vn"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct{ in, want, show string }{
		{"0912345678", "0912345678", "0912 345 678"},
		{"0912 345 678", "0912345678", "0912 345 678"},
		{"0912.345.678", "0912345678", "0912 345 678"},
		{"0912-345-678", "0912345678", "0912 345 678"},
		{"+84 912 345 678", "0912345678", "0912 345 678"},
		{"+84912345678", "0912345678", "0912 345 678"},
		{"84912345678", "0912345678", "0912 345 678"},
		{"+84 (0) 912 345 678", "0912345678", "0912 345 678"},
		{"(+84) 912-345-678", "0912345678", "0912 345 678"},
		{"0386 123 456", "0386123456", "0386 123 456"},
		{"0702 123 456", "0702123456", "0702 123 456"},
		{"(024) 3826 1234", "02438261234", "024 3826 1234"},
		{"024 3826 1234", "02438261234", "024 3826 1234"},
		{"+84 24 3826 1234", "02438261234", "024 3826 1234"},
		{"028.3829.5555", "02838295555", "028 3829 5555"},
		{"0236 3822 222", "02363822222", "0236 3822 222"},
		{"", "", ""},
		{"  ", "", "  "},
	}
	for _, tt := range tests {
		got, err := vn.NormalizePhone(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if show := vn.FormatPhone(tt.in); show != tt.show {
			t.Errorf("FormatPhone(%q) = %q, want %q", tt.in, show, tt.show)
		}
	}
}

func TestNormalizePhoneErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"09a1234567", `Số điện thoại "09a1234567" có chữ cái: chỉ gõ chữ số.`},
		{"0912 345 67", `Số di động "0912 345 67" phải có 10 chữ số, ví dụ 0912 345 678 (đang có 9).`},
		{"09123456789", "(đang có 11)"},
		{"024 3826 123", `Số máy bàn "024 3826 123" phải có 11 chữ số, ví dụ 024 3826 1234 (đang có 10).`},
		{"0612345678", "có đầu số sai"},
		{"01234567890", "có đầu số sai"}, // the 11-digit mobile numbers retired in 2018
		{"912345678", "phải bắt đầu bằng 0 hoặc +84."},
		{"+1 555 123 4567", "không phải số Việt Nam"},
		{"0912345678 / 0987654321", "có ký tự '/'"},
		{"+84 12", "có đầu số sai"},
		{"--", "không có chữ số nào"},
		{"0912+345678", "có ký tự '+'"},
	}
	for _, tt := range tests {
		got, err := vn.NormalizePhone(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NormalizePhone(%q) = %q, %v; want an error saying %q", tt.in, got, err, tt.want)
		}
		if show := vn.FormatPhone(tt.in); show != tt.in {
			t.Errorf("FormatPhone(%q) = %q, want it unchanged", tt.in, show)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"0912 345 678", "+84 912 345 678", "84912345678", "(024) 3826 1234", "09a1234567", "+84 (0) 912 345 678", "+", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := vn.NormalizePhone(s)
		if err != nil || got == "" {
			return
		}
		if again, err := vn.NormalizePhone(got); err != nil || again != got {
			t.Fatalf("NormalizePhone(%q) = %q but NormalizePhone(%q) = %q, %v", s, got, got, again, err)
		}
		if back, err := vn.NormalizePhone(vn.FormatPhone(got)); err != nil || back != got {
			t.Fatalf("FormatPhone(%q) = %q reads back as %q, %v", got, vn.FormatPhone(got), back, err)
		}
	})
}
