package data

import (
	"strconv"
	"strings"
	"unicode"
)

// MaxBoothRange is the most booths ParseBoothRange makes from one range.
const MaxBoothRange = 500

// ParseBoothRange reads the booth numbers of the bulk form: "A01–A40" (en dash, em dash or
// hyphen, spaces allowed), "A1-A9", one booth "B05", or bare numbers "1–20". A booth number is
// letters then up to six digits, and comes back in capitals. Numbers keep the zero padding of the
// first ("A01".."A40"), so the last must be written as it will be printed: "A01–A5" is refused
// for "A01–A05". EINVALID for an empty or unreadable range, a reversed one, different prefixes,
// or more than MaxBoothRange booths.
func ParseBoothRange(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, Errorf(EINVALID, "Hãy nhập số gian hàng, ví dụ A01–A40 hoặc B05.")
	}
	from, to, isRange := s, "", false
	for _, sep := range []string{"–", "—", "-"} {
		if i := strings.Index(s, sep); i >= 0 {
			from, to, isRange = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):]), true
			break
		}
	}
	p1, n1, w1, ok1 := splitBooth(from)
	if !isRange {
		if !ok1 || len([]rune(s)) > 10 {
			return nil, Errorf(EINVALID, "Không đọc được số gian hàng %q. Hãy nhập dạng A01–A40 hoặc B05.", s)
		}
		return []string{upper(s)}, nil
	}
	p2, n2, _, ok2 := splitBooth(to)
	if !ok1 || !ok2 {
		return nil, Errorf(EINVALID, "Không đọc được dãy gian hàng %q. Hãy nhập dạng A01–A40 (chữ đầu giống nhau, số ở cuối).", s)
	}
	if p1 != p2 {
		return nil, Errorf(EINVALID, "Dãy %s–%s có hai tiền tố khác nhau (%q và %q): một dãy chỉ được một tiền tố.", from, to, p1, p2)
	}
	if n2 < n1 {
		return nil, Errorf(EINVALID, "Dãy %s–%s ngược: số đầu phải nhỏ hơn số cuối.", from, to)
	}
	if last := p1 + pad(n2, w1); upper(to) != last {
		return nil, Errorf(EINVALID, "Dãy %s–%s: số cuối phải viết %s, cùng số chữ số với số đầu.", from, to, last)
	}
	if n2-n1+1 > MaxBoothRange {
		return nil, Errorf(EINVALID, "Dãy %s–%s có %d gian hàng, nhiều hơn %d gian cho một lần thêm. Hãy chia thành nhiều dãy nhỏ.", from, to, n2-n1+1, MaxBoothRange)
	}
	out := make([]string, 0, n2-n1+1)
	for n := n1; n <= n2; n++ {
		num := p1 + pad(n, w1)
		if len([]rune(num)) > 10 {
			return nil, Errorf(EINVALID, "Số gian hàng %s dài quá 10 ký tự.", num)
		}
		out = append(out, num)
	}
	return out, nil
}

// upper capitalises s rune by rune, so that a letter stays one letter ("ǰ" has no capital of one
// rune and stays as it is).
func upper(s string) string { return strings.Map(unicode.ToUpper, s) }

// pad writes n with leading zeros to width digits.
func pad(n, width int) string {
	num := strconv.Itoa(n)
	if len(num) < width {
		num = strings.Repeat("0", width-len(num)) + num
	}
	return num
}

// splitBooth cuts a booth number into its prefix, in capitals, and its trailing number with the
// number's width; ok is false when there is no trailing number, the prefix holds anything but
// letters, or the number is too long.
func splitBooth(s string) (prefix string, n, width int, ok bool) {
	i := len(s)
	for i > 0 && s[i-1] >= '0' && s[i-1] <= '9' {
		i--
	}
	digits := s[i:]
	if digits == "" || len(digits) > 6 {
		return "", 0, 0, false
	}
	prefix = upper(s[:i])
	for _, r := range prefix {
		if !unicode.IsLetter(r) {
			return "", 0, 0, false
		}
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return "", 0, 0, false
	}
	return prefix, n, len(digits), true
}
