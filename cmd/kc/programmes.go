package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// programmes runs `kc programmes list|progress|sheet`.
func (m *Main) programmes(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return m.programmesList(ctx, args[1:])
		case "progress", "sheet":
			return m.programmeDoc(ctx, args[0], args[1:])
		}
	}
	return data.Errorf(data.EINVALID, "Lệnh programmes cần việc cần làm: kc programmes list, hoặc kc programmes progress|sheet MÃ_ĐỀ_ÁN -o TỆP.pdf.")
}

// services opens the database and runs use with the builder of its documents, whose fields are
// the store's services as the data interfaces name them.
func (m *Main) services(use func(b docs.Builder) error) error {
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	return use(builder(db))
}

// programmesList prints the đề án, one a line, by year (newest first) then code, with their
// money: planned support, committed, paid, remaining.
func (m *Main) programmesList(ctx context.Context, args []string) error {
	fs := m.flags("programmes list")
	yearText := fs.String("year", "", "chỉ các đề án của kế hoạch năm này")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	year, err := parseYear(*yearText)
	if err != nil {
		return err
	}
	return m.services(func(b docs.Builder) error {
		list, err := b.Programmes.FindProgrammes(ctx, data.ProgrammeFilter{Year: year})
		if err != nil {
			return err
		}
		for _, p := range list {
			if _, err := fmt.Fprintf(m.Stdout, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", p.Year, p.Code, p.Name, p.Content.Label(), p.Status.Label(),
				vn.FormatInt(p.Support), vn.FormatInt(p.Committed), vn.FormatInt(p.Paid), vn.FormatInt(p.Remaining())); err != nil {
				return err
			}
		}
		return nil
	})
}

// findProgramme returns the đề án with a code, typed in any case and with or without its marks
// ("da-01/2026" finds "ĐA-01/2026"): of year when not nil, else of whichever year has it,
// asking for --year when several do.
func findProgramme(ctx context.Context, ps data.ProgrammeService, code string, year *int) (*data.Programme, error) {
	want := vn.Fold(strings.TrimSpace(code))
	list, err := ps.FindProgrammes(ctx, data.ProgrammeFilter{Search: code, Year: year})
	if err != nil {
		return nil, err
	}
	var found []*data.Programme
	var years []string
	for _, p := range list {
		if vn.Fold(p.Code) == want {
			found = append(found, p)
			years = append(years, fmt.Sprint(p.Year))
		}
	}
	shown := strings.ToUpper(strings.TrimSpace(code))
	switch {
	case len(found) == 0 && year != nil:
		return nil, data.Errorf(data.ENOTFOUND, "Năm %d không có đề án mã %s. Xem các mã đề án bằng lệnh kc programmes list --year %d.", *year, shown, *year)
	case len(found) == 0:
		return nil, data.Errorf(data.ENOTFOUND, "Không có đề án mã %s. Xem các mã đề án bằng lệnh kc programmes list.", shown)
	case len(found) > 1:
		return nil, data.Errorf(data.EINVALID, "Mã đề án %s có ở các năm %s; hãy thêm --year NĂM để chọn một.", shown, strings.Join(years, ", "))
	}
	return found[0], nil
}

// programmeDoc writes the đề án's sheet or progress report as a PDF or an Excel workbook, by
// the file's extension.
func (m *Main) programmeDoc(ctx context.Context, what string, args []string) error {
	kind, how := docs.KindProgrammeSheet, "kc programmes sheet MÃ_ĐỀ_ÁN [--year NĂM] -o TỆP.pdf (hoặc TỆP.xlsx)"
	if what == "progress" {
		kind, how = docs.KindProgrammeProgress, "kc programmes progress MÃ_ĐỀ_ÁN [--year NĂM] [--date dd/mm/yyyy] -o TỆP.pdf (hoặc TỆP.xlsx)"
	}
	var yearText, dateText string
	code, out, err := m.docCommand("programmes "+what, "mã đề án", how, args, func(fs *flag.FlagSet) {
		fs.StringVar(&yearText, "year", "", "năm của kế hoạch có đề án, khi mã đề án có ở nhiều năm")
		if what == "progress" {
			fs.StringVar(&dateText, "date", "", "tính đến ngày, dd/mm/yyyy (mặc định: hôm nay)")
		}
	})
	if err != nil {
		return err
	}
	year, err := parseYear(yearText)
	if err != nil {
		return err
	}
	var asOf vn.Date
	if dateText != "" {
		if asOf, err = parseDateFlag("date", dateText); err != nil {
			return err
		}
	}
	return m.document(out, kind, how, func(_ *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
		p, err := findProgramme(ctx, b.Programmes, code, year)
		if err != nil {
			return nil, err
		}
		if what == "progress" {
			return func(w io.Writer) error { return b.ProgrammeProgress(ctx, p.ID, asOf, format, w) }, nil
		}
		return func(w io.Writer) error { return b.ProgrammeSheet(ctx, p.ID, format, w) }, nil
	})
}

// docCommand reads the flags of a command that writes a document, -o and those more adds when
// not nil, and its one argument, what names (e.g. "mã đề án"); how is the command's form.
func (m *Main) docCommand(cmd, what, how string, args []string, more func(fs *flag.FlagSet)) (arg, out string, err error) {
	fs := m.flags(cmd)
	o := fs.String("o", "", "tệp cần ghi: .pdf hoặc .xlsx")
	if more != nil {
		more(fs)
	}
	rest, err := parseAll(fs, args)
	if err != nil {
		return "", "", err
	}
	arg, err = m.oneArg(rest, cmd, what, how)
	return arg, *o, err
}

// oneArg checks that rest holds exactly one argument, what it names (e.g. "mã lớp") for the
// messages, as does how, the command's form.
func (m *Main) oneArg(rest []string, cmd, what, how string) (string, error) {
	switch {
	case len(rest) == 0:
		fmt.Fprint(m.Stderr, usage)
		return "", data.Errorf(data.EINVALID, "Thiếu %s: %s.", what, how)
	case len(rest) > 1:
		return "", data.Errorf(data.EINVALID, "Lệnh %s chỉ nhận một %s; thừa: %s.", cmd, what, strings.Join(rest[1:], " "))
	}
	return rest[0], nil
}
