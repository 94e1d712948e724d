package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"khuyencong/data"
	"khuyencong/data/sqlite"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

func (m *Main) fairs(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return m.fairsList(ctx, args[1:])
		case "settlement":
			return m.fairsSettlement(ctx, args[1:])
		}
	}
	return data.Errorf(data.EINVALID, "Lệnh fairs cần việc cần làm: kc fairs list, hoặc kc fairs settlement MÃ_HỘI_CHỢ -o TỆP.pdf.")
}

// fairPlace is where a fair is held, as the list shows it: the city at home, city and country abroad.
func fairPlace(f *data.Fair) string {
	switch {
	case f.Country == "" || vn.Fold(f.Country) == vn.Fold("Việt Nam"):
		return f.City
	case f.City == "":
		return f.Country
	}
	return f.City + ", " + f.Country
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
			f.Code, f.Name, f.Kind.Label(), fairPlace(f), f.Start, f.End, f.Booked, f.Booths, f.Status.Label()); err != nil {
			return err
		}
	}
	return nil
}

// findFair returns the fair with a code, with a message that says where codes are listed.
func findFair(ctx context.Context, db *sqlite.DB, code string) (*data.Fair, error) {
	f, err := db.FindFairByCode(ctx, code)
	if data.ErrorCode(err) == data.ENOTFOUND {
		return nil, data.Errorf(data.ENOTFOUND, "Không có hội chợ mã %s. Xem các mã hội chợ bằng lệnh kc fairs list.", strings.ToUpper(strings.TrimSpace(code)))
	}
	return f, err
}

// fairsSettlement writes a fair's support settlement table (bảng tổng hợp kinh phí hỗ trợ) as a
// PDF or an Excel workbook, by the file's extension, beside its final name and renamed into place.
func (m *Main) fairsSettlement(ctx context.Context, args []string) error {
	const how = "kc fairs settlement MÃ_HỘI_CHỢ -o TỆP.pdf (hoặc TỆP.xlsx)"
	fs := m.flags("fairs settlement")
	out := fs.String("o", "", "tệp cần ghi: .pdf hoặc .xlsx")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(rest) == 0:
		fmt.Fprint(m.Stderr, usage)
		return data.Errorf(data.EINVALID, "Thiếu mã hội chợ: %s.", how)
	case len(rest) > 1:
		return data.Errorf(data.EINVALID, "Lệnh fairs settlement chỉ nhận một mã hội chợ; thừa: %s.", strings.Join(rest[1:], " "))
	}
	write := reports.WriteFairSettlementPDF
	switch ext := strings.ToLower(filepath.Ext(*out)); {
	case strings.TrimSpace(*out) == "":
		return data.Errorf(data.EINVALID, "Thiếu tệp cần ghi: kc fairs settlement %s -o TỆP.pdf (hoặc TỆP.xlsx).", strings.ToUpper(rest[0]))
	case ext == ".pdf":
	case ext == ".xlsx":
		write = reports.WriteFairSettlementXLSX
	default:
		return data.Errorf(data.EINVALID, "Tệp %s phải có đuôi .pdf hoặc .xlsx.", *out)
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	f, err := findFair(ctx, db, rest[0])
	if err != nil {
		return err
	}
	bookings, err := db.FairBookings(ctx, f.ID)
	if err != nil {
		return err
	}
	org, err := db.Organisation(ctx)
	if err != nil {
		return err
	}
	doc := reports.FairDoc{Org: org, Date: vn.DateOf(db.Now()), Fair: f, Bookings: bookings}
	if err := writeFileAtomic(*out, func(w io.Writer) error { return write(w, doc) }); err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, *out)
	return nil
}
