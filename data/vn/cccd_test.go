package vn_test

import (
	"fmt"
	"strings"
	"testing"

	"khuyencong/data/vn"
)

func TestParseCCCD(t *testing.T) {
	tests := []struct {
		in, norm string
		want     vn.CCCDInfo
	}{
		{"001203012345", "001203012345", vn.CCCDInfo{Province: "Hà Nội", Female: false, BirthYear: 2003}},
		{" 001 203 012 345 ", "001203012345", vn.CCCDInfo{Province: "Hà Nội", Female: false, BirthYear: 2003}},
		{"079085000123", "079085000123", vn.CCCDInfo{Province: "Hồ Chí Minh", Female: false, BirthYear: 1985}},
		{"038301000123", "038301000123", vn.CCCDInfo{Province: "Thanh Hóa", Female: true, BirthYear: 2001}},
		{"001196000001", "001196000001", vn.CCCDInfo{Province: "Hà Nội", Female: true, BirthYear: 1996}},
		{"096999000001", "096999000001", vn.CCCDInfo{Province: "Cà Mau", Female: true, BirthYear: 1899}},
	}
	for _, tt := range tests {
		if got, err := vn.NormalizeCCCD(tt.in); err != nil || got != tt.norm {
			t.Errorf("NormalizeCCCD(%q) = %q, %v; want %q", tt.in, got, err, tt.norm)
		}
		if got, err := vn.ParseCCCD(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseCCCD(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	if got, err := vn.NormalizeCCCD("  "); got != "" || err != nil {
		t.Errorf("NormalizeCCCD of blank = %q, %v", got, err)
	}
	if _, err := vn.ParseCCCD(""); err == nil {
		t.Error("ParseCCCD of blank gave no error")
	}
}

func TestNormalizeCCCDErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"00120301234", "Số CCCD 00120301234 phải có đúng 12 chữ số (đang có 11)."},
		{"0012030123456", "(đang có 13)"},
		{"999203012345", "Số CCCD 999203012345 có mã tỉnh 999 không tồn tại."},
		{"003203012345", "có mã tỉnh 003 không tồn tại"},
		{"001a03012345", `Số CCCD "001a03012345" chỉ được có chữ số.`},
		{"001  203012345", "chỉ được có chữ số"},
		{"012345678", "là số chứng minh nhân dân cũ"},
		{"001499012345", "cho năm sinh 2199, là năm chưa tới"},
	}
	for _, tt := range tests {
		got, err := vn.NormalizeCCCD(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NormalizeCCCD(%q) = %q, %v; want an error saying %q", tt.in, got, err, tt.want)
		}
		if _, perr := vn.ParseCCCD(tt.in); perr == nil || err == nil || perr.Error() != err.Error() {
			t.Errorf("ParseCCCD(%q) error = %v, want %v", tt.in, perr, err)
		}
	}
}

func TestProvinceName(t *testing.T) {
	n := 0
	for i := range 1000 {
		if _, ok := vn.ProvinceName(fmt.Sprintf("%03d", i)); ok {
			n++
		}
	}
	if n != 63 {
		t.Errorf("%d province codes, want 63", n)
	}
	for code, want := range map[string]string{"001": "Hà Nội", "048": "Đà Nẵng", "077": "Bà Rịa - Vũng Tàu", "096": "Cà Mau"} {
		if got, ok := vn.ProvinceName(code); !ok || got != want {
			t.Errorf("ProvinceName(%q) = %q, %v; want %q", code, got, ok, want)
		}
	}
	if _, ok := vn.ProvinceName("1"); ok {
		t.Error(`ProvinceName("1") found a province`)
	}
}

func FuzzNormalizeCCCD(f *testing.F) {
	for _, s := range []string{"001203012345", " 001 203 012 345 ", "00120301234", "999203012345", "001499012345", "012345678", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := vn.NormalizeCCCD(s)
		if err != nil || got == "" {
			return
		}
		if typed := strings.TrimSpace(s); strings.ReplaceAll(typed, " ", "") != got || strings.Contains(typed, "  ") {
			t.Fatalf("NormalizeCCCD(%q) = %q drops more than single spaces between digits", s, got)
		}
		if again, err := vn.NormalizeCCCD(got); err != nil || again != got {
			t.Fatalf("NormalizeCCCD(%q) = %q but NormalizeCCCD(%q) = %q, %v", s, got, got, again, err)
		}
		info, err := vn.ParseCCCD(got)
		if err != nil || info.Province == "" || info.BirthYear < 1800 {
			t.Fatalf("ParseCCCD(%q) = %+v, %v", got, info, err)
		}
		if tax, err := vn.NormalizeTaxCode(got); err != nil || tax != got {
			t.Fatalf("NormalizeTaxCode(%q) = %q, %v; a valid CCCD is a valid tax code", got, tax, err)
		}
	})
}
