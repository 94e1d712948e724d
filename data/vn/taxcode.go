package vn

import (
	"errors"
	"fmt"
	"strings"
)

const taxCodeForms = "Mã số thuế phải có 10 chữ số, 10 chữ số kèm -NNN cho chi nhánh, hoặc 12 chữ số CCCD của chủ hộ kinh doanh."

// TaxCheckDigit returns the 10th digit of the tax code that starts with the nine digits first9;
// ok is false when first9 is not nine digits or no check digit can make it valid.
func TaxCheckDigit(first9 string) (digit int, ok bool) {
	if len(first9) != 9 || !allDigits(first9) {
		return 0, false
	}
	sum := 0
	for i, w := range [9]int{31, 29, 23, 19, 17, 13, 7, 5, 3} {
		sum += int(first9[i]-'0') * w
	}
	r := sum % 11
	if r == 0 { // 10 would be needed
		return 0, false
	}
	return 10 - r, true
}

// NormalizeTaxCode checks a tax code (mã số thuế) and returns it trimmed: 10 digits with a valid
// check digit, a branch code such as 0100109106-001, or the 12-digit CCCD number that household
// businesses use since 07/2025. Blank input gives "" and no error.
func NormalizeTaxCode(s string) (string, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return "", nil
	}
	code, branch, isBranch := strings.Cut(in, "-")
	switch {
	case !allDigits(code) || !allDigits(branch):
		return "", fmt.Errorf("Mã số thuế %q có chữ cái hoặc ký tự lạ. %s", in, taxCodeForms)
	case isBranch && (len(code) != 10 || len(branch) != 3):
		return "", fmt.Errorf("Mã số thuế chi nhánh %q phải gồm 10 chữ số, dấu - rồi 3 chữ số, ví dụ 0100109106-001.", in)
	case isBranch && branch == "000":
		return "", fmt.Errorf("Mã chi nhánh trong mã số thuế %s phải từ 001 đến 999.", in)
	case len(code) == 12:
		if _, err := NormalizeCCCD(code); err != nil {
			return "", errors.New("Mã số thuế 12 chữ số phải là số CCCD của chủ hộ kinh doanh. " + err.Error())
		}
		return code, nil
	case len(code) != 10:
		return "", fmt.Errorf("Mã số thuế %q có %d chữ số. %s", in, len(code), taxCodeForms)
	}
	d, ok := TaxCheckDigit(code[:9])
	if !ok {
		return "", fmt.Errorf("Mã số thuế %s không thể đúng: không chữ số kiểm tra nào hợp với 9 chữ số đầu. Hãy soát lại từng chữ số.", code)
	}
	if int(code[9]-'0') != d {
		return "", fmt.Errorf("Mã số thuế %s sai chữ số kiểm tra. Hãy soát lại từng chữ số.", code)
	}
	return in, nil
}

// allDigits reports whether s has only the ASCII digits 0–9 (true for "").
func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
