package vn_test

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

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
		// Separators stand alone between groups of digits: nothing else is dropped.
		{"-0912345678", "đặt sai chỗ"},
		{"0912345678.", "đặt sai chỗ"},
		{"0912  345 678", "đặt sai chỗ"},
		{"0912 - 345 678", "đặt sai chỗ"},
		{"(024 3826 1234", "đặt sai chỗ"},
		{"024) 3826 1234", "đặt sai chỗ"},
		{"() 0912345678", "đặt sai chỗ"},
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
	for _, s := range []string{"0912 345 678", "+84 912 345 678", "84912345678", "(024) 3826 1234", "09a1234567", "+84 (0) 912 345 678", "+", "", "-0912345678", "0912..345678"} {
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
		// Only separators, parentheses and the country code are dropped, and separators stand
		// alone between digits.
		in := strings.TrimSpace(norm.NFC.String(s))
		typed := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' || r == '+' {
				return r
			}
			return -1
		}, in)
		if rest := got[1:]; typed != got && typed != "84"+rest && typed != "840"+rest && typed != "+84"+rest && typed != "+840"+rest {
			t.Fatalf("NormalizePhone(%q) = %q, but the digits typed are %s", s, got, typed)
		}
		isSep := func(r rune) bool { return unicode.IsSpace(r) || r == '.' || r == '-' }
		prevSep := true // no separator at the start
		for _, r := range in {
			if isSep(r) && prevSep {
				t.Fatalf("NormalizePhone(%q) accepted a separator at the start or after another", s)
			}
			prevSep = isSep(r)
		}
		if prevSep || strings.Count(in, "(") != strings.Count(in, ")") {
			t.Fatalf("NormalizePhone(%q) accepted a separator at the end or an unclosed parenthesis", s)
		}
	})
}
