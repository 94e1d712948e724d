package vn_test

import (
	"strings"
	"testing"

	"khuyencong/data/vn"
)

func TestNormalizeTaxCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0100109106", "0100109106"}, // Viettel
		{" 0100109106 ", "0100109106"},
		{"0100100079", "0100100079"}, // remainder 1: check digit 9
		{"0101243150", "0101243150"}, // remainder 10: check digit 0
		{"0300588569", "0300588569"}, // Vinamilk
		// Codes with a non-zero first and third digit, so that every weight counts.
		{"2300325764", "2300325764"},
		{"4601124536", "4601124536"},
		{"3700145020", "3700145020"},
		{"1234567893", "1234567893"},
		{"9999999997", "9999999997"},
		{"0100109106-001", "0100109106-001"},
		{"0100109106-012", "0100109106-012"},
		{"001203012345", "001203012345"}, // household business: the owner's CCCD
		{"", ""},
	}
	for _, tt := range tests {
		if got, err := vn.NormalizeTaxCode(tt.in); err != nil || got != tt.want {
			t.Errorf("NormalizeTaxCode(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestNormalizeTaxCodeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0100109107", "Mã số thuế 0100109107 sai chữ số kiểm tra."},
		{"0100109107-001", "Mã số thuế 0100109107 sai chữ số kiểm tra."},
		{"1234567894", "Mã số thuế 1234567894 sai chữ số kiểm tra."},
		{"2300325765", "sai chữ số kiểm tra"},
		{"0000000000", "Mã số thuế 0000000000 không thể đúng"},
		{"010010910", `Mã số thuế "010010910" có 9 chữ số. Mã số thuế phải có 10 chữ số, 10 chữ số kèm -NNN cho chi nhánh, hoặc 12 chữ số CCCD của chủ hộ kinh doanh.`},
		{"01001091061", "có 11 chữ số"},
		{"01001O9106", "có chữ cái hoặc ký tự lạ"},
		{"0100 109 106", "có chữ cái hoặc ký tự lạ"},
		{"0100109106-000", "phải từ 001 đến 999"},
		{"0100109106-01", "ví dụ 0100109106-001"},
		{"0100109106-", "ví dụ 0100109106-001"},
		{"0100109106-001-002", "ký tự lạ"},
		{"999203012345", "Mã số thuế 12 chữ số phải là số CCCD của chủ hộ kinh doanh. Số CCCD 999203012345 có mã tỉnh 999 không tồn tại."},
	}
	for _, tt := range tests {
		got, err := vn.NormalizeTaxCode(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NormalizeTaxCode(%q) = %q, %v; want an error saying %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := vn.NormalizeTaxCode("0100109107"); err == nil || !strings.HasPrefix(err.Error(), "Mã số thuế 0100109107 sai chữ số kiểm tra.") {
		t.Errorf("wrong check digit message = %v", err)
	}
}

func TestTaxCheckDigit(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"010010910", 6, true},
		{"010010007", 9, true},
		{"010124315", 0, true},
		// One 1 in each weighted place: the check digit is 10 − (weight mod 11), so each row pins
		// one of the weights 31, 29, 23, 19, 17, 13, 7, 5, 3.
		{"100000000", 1, true},
		{"010000000", 3, true},
		{"001000000", 9, true},
		{"000100000", 2, true},
		{"000010000", 4, true},
		{"000001000", 8, true},
		{"000000100", 3, true},
		{"000000010", 5, true},
		{"000000001", 7, true},
		// Every digit non-zero: 1·31+2·29+3·23+4·19+5·17+6·13+7·7+8·5+9·3 = 513 = 46·11+7.
		{"123456789", 3, true},
		{"246813579", 5, true},
		{"314159265", 0, true},
		{"987654321", 0, false}, // 957 = 87·11: no digit fits
		{"000000000", 0, false},
		{"01001091", 0, false},
		{"01001091a", 0, false},
		{"0100109106", 0, false},
	}
	for _, tt := range tests {
		if got, ok := vn.TaxCheckDigit(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("TaxCheckDigit(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzNormalizeTaxCode(f *testing.F) {
	for _, s := range []string{"0100109106", "0100109106-001", "001203012345", "0100109107", " 0101243150 ", "0000000000", "-", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := vn.NormalizeTaxCode(s)
		if err != nil {
			return
		}
		if got != strings.TrimSpace(s) {
			t.Fatalf("NormalizeTaxCode(%q) = %q: it must return what was typed", s, got)
		}
		if again, err := vn.NormalizeTaxCode(got); err != nil || again != got {
			t.Fatalf("NormalizeTaxCode(%q) = %q but NormalizeTaxCode(%q) = %q, %v", s, got, got, again, err)
		}
		if len(got) == 10 || len(got) == 14 {
			if d, ok := vn.TaxCheckDigit(got[:9]); !ok || int(got[9]-'0') != d {
				t.Fatalf("NormalizeTaxCode accepted %q with a wrong check digit", got)
			}
		}
	})
}
