package vn_test

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data/vn"
)

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nguyen.Van.An@Gmail.COM", "Nguyen.Van.An@gmail.com"},
		{"  khuyencong@hanoi.gov.vn ", "khuyencong@hanoi.gov.vn"},
		{"ttkc_hn-2026+hoi.cho@sct.hanoi.gov.vn", "ttkc_hn-2026+hoi.cho@sct.hanoi.gov.vn"},
		{"a@b-c.com.vn", "a@b-c.com.vn"},
		{"", ""},
	}
	for _, tt := range tests {
		if got, err := vn.NormalizeEmail(tt.in); err != nil || got != tt.want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizeEmailErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc.gmail.com", `Thư điện tử "abc.gmail.com" thiếu dấu @.`},
		{"a@b@gmail.com", "có nhiều dấu @"},
		{"an@gmail.com; binh@gmail.com", "có dấu cách"},
		{"@gmail.com", "thiếu phần tên trước dấu @"},
		{"abc@", "thiếu tên miền sau dấu @"},
		{"abc@gmail", "thiếu phần đuôi của tên miền"},
		{"nguyễn@gmail.com", `có ký tự 'ễ' không dùng được trong địa chỉ thư`},
		{"an@gmail,com", `có ký tự ',' không dùng được trong tên miền`},
		{"an@hànội.vn", "không dùng được trong tên miền"},
		{"a..b@gmail.com", "dấu chấm đặt sai chỗ"},
		{".a@gmail.com", "dấu chấm đặt sai chỗ"},
		{"an@gmail..com", `có tên miền "gmail..com" không đúng`},
		{"an@-gmail.com", "không đúng"},
		{"an@gmail.c", `đuôi tên miền "c" không đúng`},
		{"an@10.0.0.1", "đuôi tên miền"},
	}
	for _, tt := range tests {
		got, err := vn.NormalizeEmail(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want an error saying %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"Nguyen.Van.An@Gmail.COM", " a@b.vn ", "abc.gmail.com", "a@b@c.d", "a@\u212aelvin.com", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := vn.NormalizeEmail(s)
		if err != nil || got == "" {
			return
		}
		if strings.Count(got, "@") != 1 {
			t.Fatalf("NormalizeEmail(%q) = %q", s, got)
		}
		// Only the domain's case changes (K, the Kelvin sign, is a K in NFC and in any case).
		in := strings.TrimSpace(norm.NFC.String(s))
		if at := strings.Index(got, "@"); !strings.EqualFold(got, in) || got[:at] != in[:at] {
			t.Fatalf("NormalizeEmail(%q) = %q changes more than the domain's case", s, got)
		}
		if again, err := vn.NormalizeEmail(got); err != nil || again != got {
			t.Fatalf("NormalizeEmail(%q) = %q but NormalizeEmail(%q) = %q, %v", s, got, got, again, err)
		}
	})
}
