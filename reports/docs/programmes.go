package docs

import (
	"context"
	"io"

	"khuyencong/data/vn"
	"khuyencong/reports"
)

// ProgrammeSheet writes a đề án's sheet (thông tin đề án: details, money, targets, linked
// activities, payments) as PDF or Excel. Reads Settings and Programmes. ENOTFOUND for an
// unknown đề án.
func (b Builder) ProgrammeSheet(ctx context.Context, programmeID int64, format Format, w io.Writer) error {
	write, err := pick(KindProgrammeSheet, format, reports.WriteProgrammeSheetPDF, reports.WriteProgrammeSheetXLSX)
	if err != nil {
		return err
	}
	d, err := b.programmeDoc(ctx, programmeID)
	if err != nil {
		return err
	}
	return write(w, d)
}

// ProgrammeProgress writes the progress report of a đề án (báo cáo tiến độ thực hiện) as of a
// day, as PDF or Excel: the payments dated that day or before; targets and commitments as they
// stand. The zero Date means today (the store's clock). Reads Settings and Programmes. ENOTFOUND
// for an unknown đề án; EINVALID for a day after today.
func (b Builder) ProgrammeProgress(ctx context.Context, programmeID int64, asOf vn.Date, format Format, w io.Writer) error {
	write, err := pick(KindProgrammeProgress, format, reports.WriteProgrammeProgressPDF, reports.WriteProgrammeProgressXLSX)
	if err != nil {
		return err
	}
	d, err := b.programmeDoc(ctx, programmeID)
	if err != nil {
		return err
	}
	d.AsOf = asOf
	return write(w, d)
}

// programmeDoc reads what a đề án's documents are made from.
func (b Builder) programmeDoc(ctx context.Context, programmeID int64) (reports.ProgrammeDoc, error) {
	detail, err := b.Programmes.ProgrammeDetail(ctx, programmeID)
	if err != nil {
		return reports.ProgrammeDoc{}, err
	}
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return reports.ProgrammeDoc{}, err
	}
	return reports.ProgrammeDoc{Org: org, Date: b.today(), Detail: detail}, nil
}

// EnterpriseHistory writes every support an enterprise received (classes it hosted, its workers
// trained, fair bookings, equipment and models, totals by year) as PDF or Excel. Reads Settings,
// Enterprises and Villages. ENOTFOUND for an unknown enterprise.
func (b Builder) EnterpriseHistory(ctx context.Context, enterpriseID int64, format Format, w io.Writer) error {
	write, err := pick(KindEnterpriseHistory, format, reports.WriteEnterpriseHistoryPDF, reports.WriteEnterpriseHistoryXLSX)
	if err != nil {
		return err
	}
	e, err := b.Enterprises.FindEnterpriseByID(ctx, enterpriseID)
	if err != nil {
		return err
	}
	h, err := b.Villages.EnterpriseHistory(ctx, enterpriseID)
	if err != nil {
		return err
	}
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	return write(w, reports.EnterpriseHistoryDoc{Org: org, Date: b.today(), Enterprise: e, History: h})
}

// VillageHistory writes a craft village's support history (its enterprises, the classes held for
// it, the people trained, every support received, totals by year) as PDF or Excel. Reads
// Settings, Villages and Divisions. ENOTFOUND for an unknown village.
func (b Builder) VillageHistory(ctx context.Context, villageID int64, format Format, w io.Writer) error {
	write, err := pick(KindVillageHistory, format, reports.WriteVillageHistoryPDF, reports.WriteVillageHistoryXLSX)
	if err != nil {
		return err
	}
	detail, err := b.Villages.VillageDetail(ctx, villageID)
	if err != nil {
		return err
	}
	d := reports.VillageHistoryDoc{Date: b.today(), Detail: detail}
	if code := detail.Village.WardCode; code != "" {
		divisions, err := b.divisions(ctx)
		if err != nil {
			return err
		}
		d.Ward = code
		if div, ok := divisions[code]; ok {
			d.Ward = div.Label()
		}
	}
	if d.Org, err = b.Settings.Organisation(ctx); err != nil {
		return err
	}
	return write(w, d)
}
