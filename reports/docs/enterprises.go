package docs

import (
	"context"
	"io"
	"strings"

	"khuyencong/data"
	"khuyencong/reports"
)

// EnterpriseList writes every enterprise f selects (its paging is ignored), in f's order, as
// PDF or Excel, with a line under the title that says what f selects ("Lọc theo: …"). Reads
// Settings, Enterprises and Divisions.
func (b Builder) EnterpriseList(ctx context.Context, f data.EnterpriseFilter, format Format, w io.Writer) error {
	write, err := pick(KindEnterpriseList, format, reports.WriteEnterpriseListPDF, reports.WriteEnterpriseListXLSX)
	if err != nil {
		return err
	}
	f.Offset, f.Limit = 0, 0
	rows, err := b.Enterprises.FindEnterprises(ctx, f)
	if err != nil {
		return err
	}
	divisions, err := b.divisions(ctx)
	if err != nil {
		return err
	}
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	return write(w, reports.EnterpriseListDoc{Org: org, Date: b.today(), Rows: rows, Wards: divisions,
		Filter: describeFilter(f, divisions)})
}

// divisions maps the code of every ward and legacy district to its unit, so that the list names
// the place of an older record that knows only its district.
func (b Builder) divisions(ctx context.Context) (map[string]data.Division, error) {
	wards, err := b.Divisions.Wards(ctx)
	if err != nil {
		return nil, err
	}
	districts, err := b.Divisions.Districts(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[string]data.Division, len(wards)+len(districts))
	for _, d := range append(wards, districts...) {
		m[d.Code] = d
	}
	return m, nil
}

// describeFilter says in words what a printed list of enterprises holds, e.g.
// "Lọc theo: tìm “gốm”; Hợp tác xã; Xã Bát Tràng", or "" when f keeps every enterprise. wards
// names the ward f keeps; a code it does not know is written as it is.
func describeFilter(f data.EnterpriseFilter, wards map[string]data.Division) string {
	parts := searchAndWard(f.Search, f.WardCode, wards)
	if f.Kind != nil {
		parts = append(parts, f.Kind.Label())
	}
	if f.Trade != nil {
		parts = append(parts, "ngành "+*f.Trade)
	}
	if f.CraftVillage != nil {
		parts = append(parts, *f.CraftVillage)
	}
	if f.Archived != nil && *f.Archived { // current ones are the usual list: not worth a word
		parts = append(parts, "đã lưu trữ")
	}
	return filterLine(parts)
}

// searchAndWard are the words of a list's selection for its search box and ward filter:
// "tìm “gốm”", "xã Bát Tràng"; a ward code wards does not know is written as it is.
func searchAndWard(search string, ward *string, wards map[string]data.Division) []string {
	var parts []string
	if t := strings.TrimSpace(search); t != "" {
		parts = append(parts, "tìm “"+t+"”")
	}
	if ward != nil {
		if d, ok := wards[*ward]; ok {
			parts = append(parts, d.Label())
		} else {
			parts = append(parts, "mã phường/xã "+*ward)
		}
	}
	return parts
}

// filterLine is the line under a list's title that says what it selects, or "" when it keeps
// everything.
func filterLine(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return "Lọc theo: " + strings.Join(parts, "; ")
}
