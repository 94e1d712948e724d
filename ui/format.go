package ui

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// kindLabel names a legal form in the interface's language.
func kindLabel(k data.EnterpriseKind) string { return lang.L("kind." + string(k)) }

// capitalize upper-cases the first letter: "phường Ba Đình" heads a list as "Phường Ba Đình".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// money writes a sum of đồng as the window shows it: "12.000.000 đ", and "0 đ" for nothing.
func money(v int64) string { return vn.FormatMoney(v) }

// moneyField writes a sum of đồng in a field the clerk edits: "12.000.000", blank for nothing.
func moneyField(v int64) string {
	if v == 0 {
		return ""
	}
	return vn.FormatInt(v)
}

// dateRange writes the days a class or fair runs: "01/03/2026 – 05/03/2026".
func dateRange(from, to vn.Date) string { return from.String() + " – " + to.String() }
