package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/reports/docs"
)

func (m *Main) fairs(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return m.fairsList(ctx, args[1:])
		case "participants", "settlement":
			return m.fairDoc(ctx, args[0], args[1:])
		}
	}
	return data.Errorf(data.EINVALID, "Lệnh fairs cần việc cần làm: kc fairs list, hoặc kc fairs participants|settlement MÃ_HỘI_CHỢ -o TỆP.pdf.")
}

// fairsList prints the fairs, one a line, in the order they open.
func (m *Main) fairsList(ctx context.Context, args []string) error {
	fs := m.flags("fairs list")
	yearText := fs.String("year", "", "chỉ các hội chợ khai mạc trong năm này")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	year, err := parseYear(*yearText)
	if err != nil {
		return err
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.FindFairs(ctx, data.FairFilter{Year: year})
	if err != nil {
		return err
	}
	slices.SortStableFunc(list, func(a, b *data.Fair) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	for _, f := range list {
		if _, err := fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\n",
			f.Code, f.Name, f.Kind.Label(), f.Place(), f.Start, f.End, f.Booked, f.Booths, f.Status.Label()); err != nil {
			return err
		}
	}
	return nil
}

// findFair returns the fair with a code, with a message that says where codes are listed.
func findFair(ctx context.Context, db *store.DB, code string) (*data.Fair, error) {
	f, err := db.FindFairByCode(ctx, code)
	if data.ErrorCode(err) == data.ENOTFOUND {
		return nil, data.Errorf(data.ENOTFOUND, "Không có hội chợ mã %s. Xem các mã hội chợ bằng lệnh kc fairs list.", strings.ToUpper(strings.TrimSpace(code)))
	}
	return f, err
}

// fairDocs are the fair's documents, by the word that names them on the command line.
var fairDocs = map[string]struct {
	kind  docs.Kind
	build func(docs.Builder, context.Context, int64, docs.Format, io.Writer) error
}{
	"participants": {docs.KindFairParticipants, docs.Builder.FairParticipants},
	"settlement":   {docs.KindFairSettlement, docs.Builder.FairSettlement},
}

// fairDoc writes one of the fair's documents (what names it in fairDocs) as a PDF or an Excel
// workbook, by the file's extension.
func (m *Main) fairDoc(ctx context.Context, what string, args []string) error {
	d := fairDocs[what]
	fs := m.flags("fairs " + what)
	out := fs.String("o", "", "tệp cần ghi: .pdf hoặc .xlsx")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 0:
		fmt.Fprint(m.Stderr, usage)
		return data.Errorf(data.EINVALID, "Thiếu mã hội chợ: kc fairs %s MÃ_HỘI_CHỢ -o TỆP.pdf (hoặc TỆP.xlsx).", what)
	case len(rest) > 1:
		return data.Errorf(data.EINVALID, "Lệnh fairs %s chỉ nhận một mã hội chợ; thừa: %s.", what, strings.Join(rest[1:], " "))
	}
	return m.document(*out, d.kind, "kc fairs "+what+" "+strings.ToUpper(rest[0])+" -o TỆP.pdf (hoặc TỆP.xlsx)",
		func(db *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
			f, err := findFair(ctx, db, rest[0])
			if err != nil {
				return nil, err
			}
			return func(w io.Writer) error { return d.build(b, ctx, f.ID, format, w) }, nil
		})
}
