package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// kindLabel names a legal form in the interface's language.
func kindLabel(k data.EnterpriseKind) string { return lang.L("kind." + string(k)) }

// kindShort names an enterprise's kind in a list's column ("DN siêu nhỏ", "HTX"), where the
// room goes to the name.
func kindShort(k data.EnterpriseKind) string { return lang.L("kind.short." + string(k)) }

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

// legalForms are the legal forms an enterprise's name starts with and what lists and booth tiles
// show instead, longest first so that "Công ty TNHH một thành viên" is not read as "Công ty TNHH".
var legalForms = []struct{ long, short string }{
	{"Công ty trách nhiệm hữu hạn một thành viên", "TNHH MTV"},
	{"Công ty TNHH một thành viên", "TNHH MTV"},
	{"Công ty TNHH MTV", "TNHH MTV"},
	{"Công ty trách nhiệm hữu hạn", "TNHH"},
	{"Công ty TNHH", "TNHH"},
	{"Công ty cổ phần", "CTCP"},
	{"Công ty hợp danh", "CTHD"},
	{"Doanh nghiệp tư nhân", "DNTN"},
	{"Hợp tác xã", "HTX"},
	{"Hộ kinh doanh", "HKD"},
}

// shortName puts an enterprise's legal form in its usual abbreviation, so that a narrow column
// or a booth tile shows the part that tells enterprises apart: "Công ty Cổ phần Gốm sứ Chu Đậu"
// becomes "CTCP Gốm sứ Chu Đậu". Forms are matched whatever their case; other names are kept.
func shortName(name string) string {
	for _, f := range legalForms {
		if len(name) > len(f.long) && strings.EqualFold(name[:len(f.long)], f.long) && name[len(f.long)] == ' ' {
			return f.short + name[len(f.long):]
		}
	}
	return name
}

// sampleDate and sampleRange are as wide as the dates and date ranges a column shows: columns
// take them as samples so that no year is cut.
const (
	sampleDate  = "28/12/2026"
	sampleRange = sampleDate + " – " + sampleDate
)

// labelsOf names every value, for the samples of a column that shows one of them.
func labelsOf[E any](values []E, label func(E) string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = label(v)
	}
	return out
}

// example is a placeholder that shows the form of a value without passing for one: "vd. 7,5".
// A bare "7,5" in every score field reads as if everyone had scored it.
func example(value string) string {
	return lang.L("e.g. {{.Example}}", map[string]any{"Example": value})
}

// starred marks the label of a field that must be filled in: "Tên doanh nghiệp *".
func starred(label string) string { return label + " *" }

// requiredNote is the form's last line, saying what the star means.
func requiredNote() *widget.FormItem {
	l := widget.NewLabel(lang.L("* required"))
	l.Importance = widget.LowImportance
	return widget.NewFormItem("", l)
}
