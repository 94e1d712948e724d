// Package vn holds Vietnamese text and formats: folding for search, collation, personal names,
// dates, money, phone numbers, e-mail, tax codes and citizen ID numbers. It imports nothing of
// the application's, so every other package may use it.
package vn

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s as search compares it: lower case, tone and vowel marks removed, đ as d, runs of
// white space as one space, no space at either end, invalid UTF-8 as U+FFFD. "Đông  Anh" and
// "dong anh" fold alike.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case unicode.Is(unicode.M, r):
			continue
		case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð': // Ð: Đ mis-read from old Windows-1258 text
			r = 'd'
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		default:
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// NFC returns s in Unicode normalisation form C with no space at either end: the form text is
// stored and printed in (decomposed marks are drawn in the wrong place by PDF fonts).
func NFC(s string) string {
	return strings.TrimSpace(norm.NFC.String(s))
}
