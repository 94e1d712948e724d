package reports

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// digitWords are the digits as read.
var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// moneyWords reads an amount of đồng in words as accounting documents write it under a total
// ("Bằng chữ"): "Bốn mươi lăm triệu sáu trăm nghìn đồng", "Hai triệu không trăm linh năm nghìn
// đồng". A negative amount reads "Âm …".
func moneyWords(n int64) string {
	s := "không"
	if n < 0 {
		s = "âm " + numberWords(uint64(-n)) // -MinInt64 wraps to its own magnitude as uint64
	} else if n > 0 {
		s = numberWords(uint64(n))
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:] + " đồng"
}

// numberWords reads n > 0: by thousands, the billions (tỷ) read again as a number.
func numberWords(n uint64) string {
	var parts []string
	if n >= 1e9 {
		parts = append(parts, numberWords(n/1e9), "tỷ")
		n %= 1e9
	}
	lead := len(parts) == 0 // no group read before: its zeros are silent
	for _, g := range []struct {
		size uint64
		name string
	}{{1e6, "triệu"}, {1e3, "nghìn"}, {1, ""}} {
		d := n / g.size
		n %= g.size
		if d == 0 {
			continue
		}
		parts = append(parts, groupWords(int(d), lead))
		if g.name != "" {
			parts = append(parts, g.name)
		}
		lead = false
	}
	return strings.Join(parts, " ")
}

// groupWords reads a group of three digits, 1–999; a leading group leaves out its zero
// hundreds and tens ("năm", not "không trăm linh năm").
func groupWords(g int, lead bool) string {
	h, t, u := g/100, g/10%10, g%10
	var w []string
	if h > 0 || !lead {
		w = append(w, digitWords[h], "trăm")
	}
	switch {
	case t == 0 && u > 0 && len(w) > 0:
		w = append(w, "linh")
	case t == 1:
		w = append(w, "mười")
	case t > 1:
		w = append(w, digitWords[t], "mươi")
	}
	switch {
	case u == 0:
	case u == 1 && t > 1:
		w = append(w, "mốt")
	case u == 5 && t > 0:
		w = append(w, "lăm")
	default:
		w = append(w, digitWords[u])
	}
	return strings.Join(w, " ")
}
