package vn_test

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data/vn"
)

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		v    int64
		want string
	}{
		{0, "0"},
		{999, "999"},
		{1000, "1.000"},
		{1234567, "1.234.567"},
		{-1234, "-1.234"},
		{-100, "-100"},
		{1_500_000_000, "1.500.000.000"},
		{math.MaxInt64, "9.223.372.036.854.775.807"},
		{math.MinInt64, "-9.223.372.036.854.775.808"},
	}
	for _, tt := range tests {
		if got := vn.FormatInt(tt.v); got != tt.want {
			t.Errorf("FormatInt(%d) = %q, want %q", tt.v, got, tt.want)
		}
		if got := vn.FormatMoney(tt.v); got != tt.want+" đ" {
			t.Errorf("FormatMoney(%d) = %q, want %q", tt.v, got, tt.want+" đ")
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"1.234.567", 1234567},
		{"1234567", 1234567},
		{"1 234 567", 1234567},
		{"1.234.567 đ", 1234567},
		{"1.234.567đ", 1234567},
		{"1.234.567 đồng", 1234567},
		{norm.NFD.String("1.234.567 đồng"), 1234567},
		{"1.234.567 VND", 1234567},
		{"1.234.567 VNĐ", 1234567},
		{"1.234.567₫", 1234567},
		{"1,234,567", 1234567},
		{"1.234.567,00", 1234567},
		{"1,5 tỷ", 1_500_000_000},
		{"1.5 tỷ", 1_500_000_000},
		{"1,5 TỶ", 1_500_000_000},
		{norm.NFD.String("1,5 tỷ"), 1_500_000_000},
		{"1 tỉ", 1_000_000_000},
		{"1 tỷ", 1_000_000_000},
		{"200 triệu", 200_000_000},
		{"200 triệu đồng", 200_000_000},
		{"200triệu", 200_000_000},
		{"2,5 triệu", 2_500_000},
		{"2,25 triệu", 2_250_000},
		{"1.234,5 triệu", 1_234_500_000},
		{"1 500 triệu", 1_500_000_000},
		{"500 nghìn", 500_000},
		{"500 ngàn", 500_000},
		{"0", 0},
		{"", 0},
		{"   ", 0},
		{"9.000.000.000.000.000", 9_000_000_000_000_000},
		{"9.000.000 tỷ", 9_000_000_000_000_000},
	}
	for _, tt := range tests {
		got, err := vn.ParseMoney(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestParseMoneyErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", `Số tiền "abc" không đọc được: hãy gõ số đồng như 1.234.567, hoặc 200 triệu, 1,5 tỷ.`},
		{"5 USD", "không đọc được"},
		{"1..000", "không đọc được"},
		{"triệu", "không đọc được"},
		{"9 triệu tỷ", "không đọc được"},
		{"-5.000", `Số tiền "-5.000" không được là số âm.`},
		{"2,5", `Số tiền "2,5" lẻ dưới một đồng: hãy làm tròn đến đồng.`},
		{"1,5 đ", "lẻ dưới một đồng"},
		{"1,2345678901 tỷ", "lẻ dưới một đồng"},
		{"9.000.000.000.000.001", "quá lớn"},
		{"9.000.001 tỷ", "quá lớn"},
		{"99999999999999999999999", "quá lớn"},
		{"12.34", "dấu ngăn cách hàng nghìn đặt sai"},
		{"1234.567", "dấu ngăn cách hàng nghìn đặt sai"},
		{"1,234.50", "dấu ngăn cách hàng nghìn đặt sai"},
		{"1.500 triệu", `Số tiền "1.500 triệu" dễ hiểu nhầm: hãy gõ 1,5 triệu hoặc 1500 triệu.`},
		{"2.000 tỷ", "hãy gõ 2 tỷ hoặc 2000 tỷ."},
		{"0.250 triệu", "hãy gõ 0,25 triệu hoặc 250 triệu."},
		{"500 ngàn 5", "không đọc được"},
		// Nothing typed may be dropped on the way to the printed form but separators and words.
		{"1.234.567 đ đ", "không đọc được"},
		{"1  234", "không đọc được"},
		{"200  triệu", "không đọc được"},
		{"200\ttriệu", "không đọc được"},
		{"1\u0301.234", "không đọc được"},
		{".1.234", "không đọc được"},
		{"1.234.", "không đọc được"},
		{"+1.234", "không đọc được"},
		{"01.234", "chữ số 0 thừa ở đầu"},
		{"0001234", "chữ số 0 thừa ở đầu"},
		{"1.234 567", "dùng lẫn nhiều loại dấu ngăn cách"},
		{"1 234.567", "dùng lẫn nhiều loại dấu ngăn cách"},
	}
	for _, tt := range tests {
		got, err := vn.ParseMoney(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseMoney(%q) = %d, %v; want an error saying %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, s := range []string{"1.234.567", "1 234 567", "1.234.567 đồng", "1,5 tỷ", "2,5 triệu", "500 ngàn", "1,234,567", "abc", "-5", "1.500 triệu", "", "1\u0301.234", "01.234", "1.234 567"} {
		f.Add(s, int64(1234567))
	}
	f.Add("9.000.000 tỷ", int64(9_000_000_000_000_000))
	f.Add("0", int64(0))
	f.Fuzz(func(t *testing.T, s string, v int64) {
		if got, err := vn.ParseMoney(s); err == nil {
			if got < 0 || got > 9e15 {
				t.Fatalf("ParseMoney(%q) = %d, out of range", s, got)
			}
			if back, err := vn.ParseMoney(vn.FormatMoney(got)); err != nil || back != got {
				t.Fatalf("ParseMoney(%q) = %d but ParseMoney(%q) = %v, %v", s, got, vn.FormatMoney(got), back, err)
			}
			checkMoneyInput(t, s, got)
		}
		if v < 0 || v > 9e15 {
			return
		}
		if back, err := vn.ParseMoney(vn.FormatMoney(v)); err != nil || back != v {
			t.Fatalf("ParseMoney(%q) = %d, %v; want %d", vn.FormatMoney(v), back, err, v)
		}
	})
}

// checkMoneyInput fails t unless s, which ParseMoney read as got, holds only what the printed form
// drops on purpose: digits, separators, single spaces and words; without a unit word, its digits
// are those of the printed sum (no leading zero), with decimal zeros at most after them.
func checkMoneyInput(t *testing.T, s string, got int64) {
	t.Helper()
	in := strings.TrimSpace(norm.NFC.String(s))
	if strings.Contains(in, "  ") {
		t.Fatalf("ParseMoney(%q) accepted two spaces in a row", s)
	}
	digits, letters := "", false
	for _, r := range in {
		switch {
		case r >= '0' && r <= '9':
			if letters {
				t.Fatalf("ParseMoney(%q) accepted a digit after a word", s)
			}
			digits += string(r)
		case r == '.' || r == ',' || r == ' ':
		case r == '₫' || unicode.IsLetter(r):
			letters = true
		default:
			t.Fatalf("ParseMoney(%q) = %d accepted %q, which the printed form drops", s, got, r)
		}
	}
	word := strings.TrimLeft(vn.Fold(in), "0123456789., ")
	if in == "" || strings.HasPrefix(word, "ng") || strings.HasPrefix(word, "t") { // nghìn, ngàn, triệu, tỷ, tỉ
		return // a unit word multiplies the digits
	}
	want := strconv.FormatInt(got, 10)
	if !strings.HasPrefix(digits, want) || strings.Trim(digits[len(want):], "0") != "" {
		t.Fatalf("ParseMoney(%q) = %d, but its digits are %s", s, got, digits)
	}
}
