package vn

import (
	"fmt"
	"strings"
	"unicode"
)

// NormalizePhone returns a Vietnamese phone number as bare digits starting with 0: a mobile
// number has 10 digits (03, 05, 07, 08, 09…), a landline 11 (02…). The number is typed as groups
// of digits with one space, dot or dash between two groups, a group perhaps in parentheses
// ("(024) 3826 1234", "+84 (0) 912…"), and +84 or 84 in front for 0. Those separators and the
// country code are all the printed form drops: a separator at either end, two in a row or an
// unclosed parenthesis is an error. Blank input gives "" and no error.
func NormalizePhone(s string) (string, error) {
	in := NFC(s)
	if in == "" {
		return "", nil
	}
	var b strings.Builder
	prev, open, bad := '^', false, false // prev: '^' start, '0' digit, ' ' separator, or the ( ) + typed last
	for _, r := range in {
		kind, ok := r, true
		switch {
		case r >= '0' && r <= '9':
			kind = '0'
		case r == '+':
			ok = b.Len() == 0 && (prev == '^' || prev == '(') // "(+84) 912…" has its + after a (
		case unicode.IsSpace(r), r == '.', r == '-':
			kind, ok = ' ', prev == '0' || prev == ')'
		case r == '(':
			ok = !open && prev != '+' && prev != '(' && prev != ')'
			open = true
		case r == ')':
			ok = open && prev == '0'
			open = false
		case unicode.IsLetter(r):
			return "", fmt.Errorf("Số điện thoại %q có chữ cái: chỉ gõ chữ số.", in)
		default:
			return "", fmt.Errorf("Số điện thoại %q có ký tự %q: chỉ gõ chữ số của một số điện thoại.", in, r)
		}
		if !ok && r == '+' {
			return "", fmt.Errorf("Số điện thoại %q có ký tự %q: chỉ gõ chữ số của một số điện thoại.", in, r)
		}
		bad = bad || !ok
		if kind == '0' || kind == '+' {
			b.WriteRune(r)
		}
		prev = kind
	}
	bad = bad || open || prev != '0' && prev != ')'
	d := b.String()
	if rest, ok := strings.CutPrefix(d, "+"); ok {
		if !strings.HasPrefix(rest, "84") {
			return "", fmt.Errorf("Số điện thoại %q không phải số Việt Nam: chỉ nhận số bắt đầu bằng 0 hoặc +84.", in)
		}
		d = "0" + strings.TrimPrefix(rest[2:], "0") // +84 (0) 912… is written too
	} else if rest, ok := strings.CutPrefix(d, "84"); ok && len(rest) >= 9 && len(rest) <= 10 {
		d = "0" + strings.TrimPrefix(rest, "0")
	}
	switch {
	case d == "":
		return "", fmt.Errorf("Số điện thoại %q không có chữ số nào.", in)
	case bad:
		return "", fmt.Errorf("Số điện thoại %q có dấu cách, chấm, gạch hoặc ngoặc đặt sai chỗ: chỉ đặt một dấu giữa hai nhóm chữ số, ví dụ 0912 345 678.", in)
	case d[0] != '0':
		return "", fmt.Errorf("Số điện thoại %q phải bắt đầu bằng 0 hoặc +84.", in)
	case strings.HasPrefix(d, "02"):
		if len(d) != 11 {
			return "", fmt.Errorf("Số máy bàn %q phải có 11 chữ số, ví dụ 024 3826 1234 (đang có %d).", in, len(d))
		}
	case len(d) > 1 && strings.ContainsRune("35789", rune(d[1])):
		if len(d) != 10 {
			return "", fmt.Errorf("Số di động %q phải có 10 chữ số, ví dụ 0912 345 678 (đang có %d).", in, len(d))
		}
	default:
		return "", fmt.Errorf("Số điện thoại %q có đầu số sai: số di động bắt đầu bằng 03, 05, 07, 08 hoặc 09, số máy bàn bằng 02.", in)
	}
	return d, nil
}

// FormatPhone writes a phone number for display: 0912 345 678, 024 3826 1234, 0236 3822 222.
// Anything that is not a valid number is returned unchanged.
func FormatPhone(s string) string {
	d, err := NormalizePhone(s)
	switch {
	case err != nil || d == "":
		return s
	case len(d) == 10:
		return d[:4] + " " + d[4:7] + " " + d[7:]
	case strings.HasPrefix(d, "024") || strings.HasPrefix(d, "028"): // Hà Nội and Hồ Chí Minh: 3-digit area codes
		return d[:3] + " " + d[3:7] + " " + d[7:]
	}
	return d[:4] + " " + d[4:8] + " " + d[8:]
}
