package docs

import (
	"context"
	"fmt"
	"io"
	"strings"

	"khuyencong/data"
	"khuyencong/reports"
)

// Report writes one of the managers' reports for a period and filter as PDF or Excel. Reads
// Settings and Reports, and Divisions and Villages to name the filter's ward and village.
// EINVALID for a period whose end is before its start, an unknown report or format.
func (b Builder) Report(ctx context.Context, kind data.ReportKind, p data.Period, f data.ReportFilter, format Format, w io.Writer) error {
	if err := checkFormat(KindReport, format); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	f = f.Keep(kind.Uses())
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	scope, err := b.scope(ctx, f)
	if err != nil {
		return err
	}
	d := reports.ReportDoc{Org: org, Date: b.today(), Scope: scope}
	pdf := format == PDF
	switch kind {
	case data.ReportResults:
		r, err := b.Reports.ResultsReport(ctx, p, f)
		return write(err, pdf, w, reports.ResultsReportDoc{ReportDoc: d, Report: r}, reports.WriteResultsReportPDF, reports.WriteResultsReportXLSX)
	case data.ReportTraining:
		r, err := b.Reports.TrainingReport(ctx, p, f)
		return write(err, pdf, w, reports.TrainingReportDoc{ReportDoc: d, Report: r}, reports.WriteTrainingReportPDF, reports.WriteTrainingReportXLSX)
	case data.ReportFairs:
		r, err := b.Reports.FairReport(ctx, p, f)
		return write(err, pdf, w, reports.FairReportDoc{ReportDoc: d, Report: r}, reports.WriteFairReportPDF, reports.WriteFairReportXLSX)
	case data.ReportSupport:
		r, err := b.Reports.SupportReport(ctx, p, f)
		return write(err, pdf, w, reports.SupportReportDoc{ReportDoc: d, Report: r}, reports.WriteSupportReportPDF, reports.WriteSupportReportXLSX)
	case data.ReportCertificates:
		r, err := b.Reports.CertificateReport(ctx, p, f)
		return write(err, pdf, w, reports.CertificateReportDoc{ReportDoc: d, Report: r}, reports.WriteCertificateReportPDF, reports.WriteCertificateReportXLSX)
	case data.ReportVillages:
		r, err := b.Reports.VillageReport(ctx, p, f)
		return write(err, pdf, w, reports.VillageReportDoc{ReportDoc: d, Report: r}, reports.WriteVillageReportPDF, reports.WriteVillageReportXLSX)
	}
	_, err = data.ParseReportKind(string(kind))
	return err
}

// write writes doc with the PDF or the Excel writer, unless reading its figures failed.
func write[D any](err error, pdf bool, w io.Writer, doc D, toPDF, toXLSX func(io.Writer, D) error) error {
	switch {
	case err != nil:
		return err
	case pdf:
		return toPDF(w, doc)
	}
	return toXLSX(w, doc)
}

// scope says in words what f keeps: "phường Bát Tràng; ngành nghề Gốm sứ", "" for everything.
func (b Builder) scope(ctx context.Context, f data.ReportFilter) (string, error) {
	var parts []string
	if f.WardCode != nil {
		name := *f.WardCode
		if b.Divisions != nil {
			divisions, err := b.divisions(ctx)
			if err != nil {
				return "", err
			}
			if d, ok := divisions[name]; ok {
				name = d.Label()
			}
		}
		parts = append(parts, name)
	}
	if f.Trade != nil {
		parts = append(parts, "ngành nghề "+*f.Trade)
	}
	if f.VillageID != nil {
		name := fmt.Sprintf("làng nghề số %d", *f.VillageID)
		if b.Villages != nil {
			v, err := b.Villages.FindVillageByID(ctx, *f.VillageID)
			if err != nil {
				return "", err
			}
			name = v.Name
		}
		parts = append(parts, name)
	}
	if f.ClassKind != nil {
		parts = append(parts, "loại hình "+strings.ToLower(f.ClassKind.Label()))
	}
	if f.Funding != nil {
		parts = append(parts, "nguồn "+strings.ToLower(f.Funding.Label()))
	}
	return strings.Join(parts, "; "), nil
}

// ReportFileName proposes a file name for a report: "bao-cao-dao-tao-2026-01-01-2026-06-30.pdf".
func ReportFileName(kind data.ReportKind, p data.Period, f Format) string {
	return fmt.Sprintf("bao-cao-%s-%s-%s%s", kind, p.From.ISO(), p.To.ISO(), f)
}
