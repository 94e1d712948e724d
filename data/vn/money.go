package vn

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// maxMoney is the largest sum ParseMoney accepts: 9 triệu tỷ đồng, far above any budget and
// safely inside int64 and a float64's exact integers.
const maxMoney = 9_000_000_000_000_000

// FormatInt writes n with dots between thousands: 1.234.567, -1.234.
func FormatInt(n int64) string {
	u := uint64(n)
	if n < 0 {
		u = -u // also right for math.MinInt64
	}
	digits := strconv.FormatUint(u, 10)
	b := make([]byte, 0, len(digits)*4/3+1)
	if n < 0 {
		b = append(b, '-')
	}
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b = append(b, '.')
		}
		b = append(b, digits[i])
	}
	return string(b)
}

// FormatMoney writes a sum of đồng the way it is printed: 1.234.567 đ.
func FormatMoney(v int64) string { return FormatInt(v) + " đ" }

// moneyUnits are the words after a number that multiply it, folded as Fold leaves them.
var moneyUnits = []struct {
	word string
	mult uint64
	name string
}{
	{"nghin", 1e3, "nghìn"}, {"ngan", 1e3, "nghìn"}, {"trieu", 1e6, "triệu"}, {"ty", 1e9, "tỷ"}, {"ti", 1e9, "tỷ"},
}

// ParseMoney reads a sum of đồng as clerks type it: 1.234.567, 1234567, 1 234 567, 1,234,567,
// with or without đ, đồng or VND after it, or with a unit word: 200 triệu, 2,5 triệu, 500 nghìn,
// 1,5 tỷ (unit and currency words with or without their marks, in any case). Blank input is 0.
// The number is ASCII digits with one kind of thousands separator, each between two digits, no
// leading zero and no sign; a word is separated by at most one space. So nothing typed is dropped
// on the way to the printed form but separators and words. Negative sums, fractions of a đồng
// and sums above 9 triệu tỷ are errors, and so is "1.500 triệu", where the dot could be a decimal
// point or a thousands separator.
func ParseMoney(s string) (int64, error) {
	in := NFC(s)
	if in == "" {
		return 0, nil
	}
	unreadable := fmt.Errorf("Số tiền %q không đọc được: hãy gõ số đồng như 1.234.567, hoặc 200 triệu, 1,5 tỷ.", in)
	if strings.HasPrefix(in, "-") || strings.HasPrefix(in, "−") {
		return 0, fmt.Errorf("Số tiền %q không được là số âm.", in)
	}
	// The number runs to the first letter; what follows is words, read folded.
	end := strings.IndexFunc(in, func(r rune) bool { return !strings.ContainsRune("0123456789., ", r) })
	if end < 0 {
		end = len(in)
	}
	t, words := strings.TrimSuffix(in[:end], " "), in[end:]
	if strings.Contains(in, "  ") || strings.IndexFunc(words, func(r rune) bool { return r != ' ' && r != '₫' && !unicode.IsLetter(r) }) >= 0 {
		return 0, unreadable
	}
	words = Fold(words)
	for _, c := range []string{"dong", "vnd", "d", "₫"} {
		if rest, ok := strings.CutSuffix(words, c); ok {
			words = strings.TrimSpace(rest)
			break
		}
	}
	mult, unit := uint64(1), ""
	for _, u := range moneyUnits {
		if rest, ok := strings.CutSuffix(words, u.word); ok {
			words, mult, unit = strings.TrimSpace(rest), u.mult, u.name
			break
		}
	}
	if words != "" {
		return 0, unreadable
	}

	// Split t into runs of digits and the single separators between them.
	var groups []string
	var seps []byte
	start := 0
	for i := 0; i <= len(t); i++ {
		if i < len(t) && t[i] >= '0' && t[i] <= '9' {
			continue
		}
		if i == start {
			return 0, unreadable
		}
		groups = append(groups, t[start:i])
		if i < len(t) {
			seps = append(seps, t[i])
		}
		start = i + 1
	}

	// Find the decimal separator, if any: with a unit word a lone dot or comma; otherwise a last
	// comma not followed by exactly three digits.
	last := len(seps) - 1
	whole, frac := groups, ""
	switch {
	case unit != "" && len(seps) == 1 && seps[0] == '.' && len(groups[1]) == 3:
		dec, round := groups[0], strings.TrimLeft(groups[0]+groups[1], "0")
		if f := strings.TrimRight(groups[1], "0"); f != "" {
			dec += "," + f
		}
		if round == "" {
			round = "0"
		}
		return 0, fmt.Errorf("Số tiền %q dễ hiểu nhầm: hãy gõ %s %s hoặc %s %s.", in, dec, unit, round, unit)
	case unit != "" && len(seps) == 1 && seps[0] != ' ', last >= 0 && seps[last] == ',' && len(groups[last+1]) != 3:
		whole, frac = groups[:last+1], groups[last+1]
	}
	for i, g := range whole {
		if len(whole) > 1 && (i == 0 && len(g) > 3 || i > 0 && len(g) != 3) {
			return 0, fmt.Errorf("Số tiền %q có dấu ngăn cách hàng nghìn đặt sai: sau mỗi dấu phải có đúng 3 chữ số, ví dụ 1.234.567.", in)
		}
	}
	if g := whole[0]; g[0] == '0' && (len(g) > 1 || len(whole) > 1) {
		return 0, fmt.Errorf("Số tiền %q có chữ số 0 thừa ở đầu: hãy gõ như 1.234.567.", in)
	}
	if len(whole) > 2 && strings.Count(string(seps[:len(whole)-1]), string(seps[0])) != len(whole)-1 {
		return 0, fmt.Errorf("Số tiền %q dùng lẫn nhiều loại dấu ngăn cách hàng nghìn: hãy dùng một loại, ví dụ 1.234.567.", in)
	}
	tooBig := fmt.Errorf("Số tiền %q quá lớn: nhiều nhất là 9 triệu tỷ đồng.", in)
	digits := strings.TrimLeft(strings.Join(whole, ""), "0")
	if len(digits) > 16 {
		return 0, tooBig
	}
	n, _ := strconv.ParseUint("0"+digits, 10, 64)
	if n > maxMoney/mult {
		return 0, tooBig
	}
	n *= mult
	if frac = strings.TrimRight(frac, "0"); frac != "" {
		scale := mult
		for range frac {
			if scale%10 != 0 {
				return 0, fmt.Errorf("Số tiền %q lẻ dưới một đồng: hãy làm tròn đến đồng.", in)
			}
			scale /= 10
		}
		f, _ := strconv.ParseUint(frac, 10, 64)
		n += f * scale
	}
	if n > maxMoney {
		return 0, tooBig
	}
	return int64(n), nil
}
