package vn

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Name is a Vietnamese personal name: family name (họ), middle name (tên đệm), given name (tên).
type Name struct{ Family, Middle, Given string }

// Full returns the name as it is written, family name first, skipping empty parts.
func (n Name) Full() string {
	parts := make([]string, 0, 3)
	for _, p := range []string{n.Family, n.Middle, n.Given} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// SplitName splits a full name into its parts: the first word is the family name, the last the
// given name and the words between the middle name; a single word is a given name only.
func SplitName(full string) Name {
	w := strings.Fields(norm.NFC.String(full))
	switch len(w) {
	case 0:
		return Name{}
	case 1:
		return Name{Given: w[0]}
	}
	return Name{Family: w[0], Middle: strings.Join(w[1:len(w)-1], " "), Given: w[len(w)-1]}
}

// CompareNames orders people the Vietnamese way: by given name, then family name, then middle name.
func CompareNames(a, b Name) int {
	if c := Compare(a.Given, b.Given); c != 0 {
		return c
	}
	if c := Compare(a.Family, b.Family); c != 0 {
		return c
	}
	return Compare(a.Middle, b.Middle)
}

// NameSortKey returns a byte key for n whose bytes.Compare order is CompareNames's order.
func NameSortKey(n Name) []byte {
	var k []byte
	for _, p := range []string{n.Given, n.Family, n.Middle} {
		// Escape 0x00 and 0x01 so that the 0x00 ending each part sorts below any byte of a longer
		// part: then a part that is a prefix of another sorts first, whatever follows it.
		for _, b := range SortKey(p) {
			if b <= 1 {
				k = append(k, 1, b+1)
			} else {
				k = append(k, b)
			}
		}
		k = append(k, 0)
	}
	return k
}
