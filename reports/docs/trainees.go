package docs

import (
	"context"
	"io"

	"khuyencong/data"
	"khuyencong/reports"
)

// TraineeList writes every trainee f selects (its paging is ignored), in f's order, as PDF or
// Excel, with a line under the title that says what f selects ("Lọc theo: …"). Reads Settings,
// Trainees, Enterprises (the workplaces' names) and Divisions.
func (b Builder) TraineeList(ctx context.Context, f data.TraineeFilter, format Format, w io.Writer) error {
	write, err := pick(KindTraineeList, format, reports.WriteTraineeListPDF, reports.WriteTraineeListXLSX)
	if err != nil {
		return err
	}
	f.Offset, f.Limit = 0, 0
	rows, err := b.Trainees.FindTrainees(ctx, f)
	if err != nil {
		return err
	}
	workplaces := map[int64]string{}
	for _, t := range rows {
		if err := b.nameWorkplace(ctx, workplaces, t.WorkplaceID); err != nil {
			return err
		}
	}
	if f.WorkplaceID != nil {
		if err := b.nameWorkplace(ctx, workplaces, *f.WorkplaceID); err != nil {
			return err
		}
	}
	divisions, err := b.divisions(ctx)
	if err != nil {
		return err
	}
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	return write(w, reports.TraineeListDoc{Org: org, Date: b.today(), Rows: rows, Wards: divisions,
		Workplaces: workplaces, Filter: describeTraineeFilter(f, divisions, workplaces)})
}

// nameWorkplace adds the name of the enterprise id to names, once; 0 is no workplace, and an
// enterprise no longer in the register stays unnamed.
func (b Builder) nameWorkplace(ctx context.Context, names map[int64]string, id int64) error {
	if _, done := names[id]; done || id == 0 {
		return nil
	}
	e, err := b.Enterprises.FindEnterpriseByID(ctx, id)
	switch {
	case data.ErrorCode(err) == data.ENOTFOUND:
		names[id] = ""
	case err != nil:
		return err
	default:
		names[id] = e.Name
	}
	return nil
}

// describeTraineeFilter says in words what a printed list of trainees holds, e.g.
// "Lọc theo: tìm “lan”; xã Bát Tràng; nữ", or "" when f keeps every trainee.
func describeTraineeFilter(f data.TraineeFilter, wards map[string]data.Division, workplaces map[int64]string) string {
	parts := searchAndWard(f.Search, f.WardCode, wards)
	if f.WorkplaceID != nil {
		parts = append(parts, "làm việc tại "+workplaces[*f.WorkplaceID])
	}
	if f.Female != nil {
		parts = append(parts, map[bool]string{true: "nữ", false: "nam"}[*f.Female])
	}
	return filterLine(parts)
}
