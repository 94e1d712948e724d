package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// reportHow is the form of `kc report NAME`, for the messages.
const reportHow = "kc report TÊN --from dd/mm/yyyy --to dd/mm/yyyy [--ward MÃ] [--trade NGÀNH] [--village SỐ|TÊN] [--kind LOẠI_LỚP] [--funding quoc_gia|dia_phuong] -o TỆP.pdf|TỆP.xlsx"

// report runs `kc report list` and `kc report NAME …`.
func (m *Main) report(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "list" {
		if _, err := m.parse(m.flags("report list"), args[1:], 0); err != nil {
			return err
		}
		for _, k := range data.ReportKinds {
			if _, err := fmt.Fprintf(m.Stdout, "%s\tBáo cáo %s\t%s\n", k, lowerInitial(k.Title()), usesText(k.Uses())); err != nil {
				return err
			}
		}
		return nil
	}
	var from, to, year, quarter, ward, trade, village, kind, funding string
	name, out, err := m.docCommand("report", "tên báo cáo (xem kc report list)", reportHow, args, func(fs *flag.FlagSet) {
		fs.StringVar(&from, "from", "", "ngày đầu kỳ báo cáo, dd/mm/yyyy")
		fs.StringVar(&to, "to", "", "ngày cuối kỳ báo cáo, dd/mm/yyyy")
		fs.StringVar(&year, "year", "", "cả năm, thay cho --from và --to (cùng --quarter: một quý)")
		fs.StringVar(&quarter, "quarter", "", "quý 1–4 của --year")
		fs.StringVar(&ward, "ward", "", "mã phường/xã")
		fs.StringVar(&trade, "trade", "", "ngành nghề, viết đúng như trong sổ")
		fs.StringVar(&village, "village", "", "làng nghề: số hoặc tên (xem kc villages list)")
		fs.StringVar(&kind, "kind", "", "loại lớp: "+classKindCodes())
		fs.StringVar(&funding, "funding", "", "nguồn kinh phí: quoc_gia hoặc dia_phuong")
	})
	if err != nil {
		return err
	}
	k, err := data.ParseReportKind(name)
	if err != nil {
		return err
	}
	p, err := reportPeriod(from, to, year, quarter)
	if err != nil {
		return err
	}
	f, err := reportFilter(ward, trade, kind, funding)
	if err != nil {
		return err
	}
	return m.document(out, docs.KindReport, reportHow, func(_ *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
		if village != "" {
			v, err := findVillage(ctx, b.Villages, village)
			if err != nil {
				return nil, err
			}
			f.VillageID = &v.ID
		}
		return func(w io.Writer) error { return b.Report(ctx, k, p, f, format, w) }, nil
	})
}

// lowerInitial puts the first letter of s in lower case.
func lowerInitial(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// usesText names the filters a report takes, as `kc report list` prints them.
func usesText(u data.FilterUse) string {
	var flags []string
	for _, x := range []struct {
		on   bool
		flag string
	}{{u.Ward, "--ward"}, {u.Trade, "--trade"}, {u.Village, "--village"}, {u.ClassKind, "--kind"}, {u.Funding, "--funding"}} {
		if x.on {
			flags = append(flags, x.flag)
		}
	}
	return "lọc: " + strings.Join(flags, " ")
}

// classKindCodes lists the class kinds' codes for the help.
func classKindCodes() string {
	var codes []string
	for _, k := range data.ClassKinds {
		codes = append(codes, string(k))
	}
	return strings.Join(codes, ", ")
}

// reportPeriod reads the period: --from and --to, or --year with perhaps --quarter.
func reportPeriod(from, to, year, quarter string) (data.Period, error) {
	if year != "" {
		if from != "" || to != "" {
			return data.Period{}, data.Errorf(data.EINVALID, "Hãy cho kỳ báo cáo bằng --year (và --quarter) hoặc bằng --from và --to, không cả hai.")
		}
		y, err := strconv.Atoi(year)
		if err != nil {
			return data.Period{}, data.Errorf(data.EINVALID, "--year: %q không phải một năm; hãy viết như 2026.", year)
		}
		if quarter == "" {
			return data.YearPeriod(y)
		}
		q, err := strconv.Atoi(quarter)
		if err != nil {
			return data.Period{}, data.Errorf(data.EINVALID, "--quarter: %q không phải một quý; hãy viết 1, 2, 3 hoặc 4.", quarter)
		}
		return data.QuarterPeriod(y, q)
	}
	if quarter != "" {
		return data.Period{}, data.Errorf(data.EINVALID, "--quarter cần --year: ví dụ --year 2026 --quarter 2.")
	}
	if from == "" || to == "" {
		return data.Period{}, data.Errorf(data.EINVALID, "Thiếu kỳ báo cáo: hãy cho --from dd/mm/yyyy và --to dd/mm/yyyy, hoặc --year NĂM.")
	}
	f, err := parseDateFlag("from", from)
	if err != nil {
		return data.Period{}, err
	}
	t, err := parseDateFlag("to", to)
	if err != nil {
		return data.Period{}, err
	}
	return data.DatesPeriod(f, t)
}

// reportFilter reads the filters but the village, which needs the store.
func reportFilter(ward, trade, kind, funding string) (data.ReportFilter, error) {
	var f data.ReportFilter
	if ward != "" {
		f.WardCode = &ward
	}
	if trade = vn.NFC(strings.TrimSpace(trade)); trade != "" {
		f.Trade = &trade
	}
	if kind != "" {
		k := data.ClassKind(kind)
		if !k.Valid() {
			return f, data.Errorf(data.EINVALID, "--kind: không có loại lớp %q; các loại: %s.", kind, classKindCodes())
		}
		f.ClassKind = &k
	}
	if funding != "" {
		fu := data.Funding(funding)
		if fu != data.FundingNational && fu != data.FundingLocal {
			return f, data.Errorf(data.EINVALID, "--funding: hãy viết quoc_gia (khuyến công quốc gia) hoặc dia_phuong (khuyến công địa phương).")
		}
		f.Funding = &fu
	}
	return f, nil
}
