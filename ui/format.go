package ui

import (
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
)

// kindLabel names a legal form in the interface's language.
func kindLabel(k data.EnterpriseKind) string { return lang.L("kind." + string(k)) }

// capitalize upper-cases the first letter: "phường Ba Đình" heads a list as "Phường Ba Đình".
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
