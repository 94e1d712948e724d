package reports

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// The six reports' sections, from the store's figures. Widths are in mm: a portrait table takes
// 165 (with its STT column 8), a landscape one 252.

// ResultsReportDoc is report 1, the results of khuyến công work.
type ResultsReportDoc struct {
	ReportDoc
	// Report holds its figures.
	Report *data.ResultsReport
}

// TrainingReportDoc is report 2, the training statistics.
type TrainingReportDoc struct {
	ReportDoc
	// Report holds its figures.
	Report *data.TrainingReport
}

// FairReportDoc is report 3, the trade-fair participation.
type FairReportDoc struct {
	ReportDoc
	// Report holds its figures.
	Report *data.FairReport
}

// SupportReportDoc is report 4, the support to enterprises and the register.
type SupportReportDoc struct {
	ReportDoc
	// Report holds its figures.
	Report *data.SupportReport
}

// CertificateReportDoc is report 5, the certificates issued, re-issued and revoked.
type CertificateReportDoc struct {
	ReportDoc
	// Report holds its figures.
	Report *data.CertificateReport
}

// VillageReportDoc is report 6, the support each craft village received.
type VillageReportDoc struct {
	ReportDoc
	// Report holds its figures.
	Report *data.VillageReport
}

// writeFigures writes the figures r laid out by body with write (writeReportPDF or
// writeReportXLSX). EINVALID without figures.
func writeFigures[R any](w io.Writer, d ReportDoc, r *R, body func(*R) reportBody, write func(io.Writer, ReportDoc, reportBody) error) error {
	if r == nil {
		return data.Errorf(data.EINVALID, "Chưa có số liệu để lập báo cáo.")
	}
	return write(w, d, body(r))
}

// millions writes an amount of đồng in millions, as a chart labels its bars: "1.250 triệu".
func millions(n int64) string { return vn.FormatInt((n+500_000)/1_000_000) + " triệu" }

// count writes a count as a chart labels its bars.
func count(n int64) string { return vn.FormatInt(n) }

// seriesOf is one series of a chart of rows of T: its name and each row's value.
type seriesOf[T any] struct {
	name  string
	value func(T) int64
}

// bars is a chart of rows, in order, labelled by label, with the series; values are counts.
func bars[T any](caption string, rows []T, label func(T) string, series ...seriesOf[T]) barChart {
	c := barChart{caption: caption, format: count}
	for _, r := range rows {
		c.labels = append(c.labels, label(r))
	}
	for _, s := range series {
		b := barSeries{name: s.name}
		for _, r := range rows {
			b.values = append(b.values, s.value(r))
		}
		c.series = append(c.series, b)
	}
	return c
}

// largest returns the n rows with the largest values, largest first (ties keep their order).
func largest[T any](rows []T, n int, by func(T) int64) []T {
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b T) int { return cmp.Compare(by(b), by(a)) })
	return rows[:min(n, len(rows))]
}

// highlights are the period's main results, as report 1 opens them.
func highlights(f data.Figures) reportSection {
	rows := [][]any{
		{"Lớp đào tạo nghề, truyền nghề, tập huấn đã mở", "lớp", f.Classes},
		{"Lao động được đào tạo", "người", f.Trainees},
		{"Trong đó: lao động nữ", "người", f.Women},
		{"Hoàn thành khóa học", "người", f.Completed},
		{"Có việc làm sau đào tạo", "người", f.Employed},
		{"Chứng chỉ đã cấp (kể cả cấp lại)", "chứng chỉ", f.Certificates},
		{"Chứng chỉ bị thu hồi", "chứng chỉ", f.Revoked},
		{"Hội chợ, triển lãm đã tham gia", "hội chợ", f.Fairs},
		{"Lượt cơ sở tham gia hội chợ, triển lãm", "lượt", f.Bookings},
		{"Máy móc, thiết bị, dây chuyền được hỗ trợ", "thiết bị", f.Equipment},
		{"Mô hình trình diễn kỹ thuật được hỗ trợ", "mô hình", f.Models},
		{"Cơ sở công nghiệp nông thôn được hỗ trợ", "cơ sở", f.Enterprises},
	}
	return reportSection{title: "I. KẾT QUẢ CHỦ YẾU", sheet: "Kết quả chủ yếu", numbered: true,
		intro: fmt.Sprintf("Tỷ lệ hoàn thành khóa học đạt %s; tỷ lệ có việc làm sau đào tạo đạt %s.",
			permilleText(data.Permille(int64(f.Completed), int64(f.Trainees))), permilleText(data.Permille(int64(f.Employed), int64(f.Trainees)))),
		cols: []reportCol{{"Nội dung", 160, alignText}, {"Đơn vị tính", 30, alignText}, {"Kết quả trong kỳ", 40, alignFigure}},
		rows: rows}
}

// moneyRow is a row of report 1's money after its labels.
func moneyRow(m data.Money) []any {
	return []any{m.Support, m.Own, m.Committed, m.PaidPeriod, m.PaidCumulative, rate(data.Permille(m.PaidCumulative, m.Support))}
}

// moneyCols are report 1's columns of money.
var moneyCols = []reportCol{{"Kinh phí khuyến công kế hoạch năm (đồng)", 28, alignFigure}, {"Vốn đối ứng (đồng)", 26, alignFigure},
	{"Đã cam kết (đồng)", 26, alignFigure}, {"Thực hiện trong kỳ (đồng)", 26, alignFigure},
	{"Lũy kế từ đầu năm (đồng)", 26, alignFigure}, {"Tỷ lệ so với kế hoạch", 17, alignFigure}}

// targetsText lists a đề án's targets with what they achieved, one a line.
func targetsText(p *data.Programme) string {
	var lines []string
	for _, t := range p.Targets {
		lines = append(lines, fmt.Sprintf("%s: %s/%s %s", targetLabel(t), vn.FormatInt(int64(t.Achieved)), vn.FormatInt(int64(t.Planned)), t.UnitOrDefault()))
	}
	return strings.Join(lines, "\n")
}

// resultsBody lays out report 1: the main results, the money by content with a chart, and the
// đề án under each content.
func resultsBody(r *data.ResultsReport) reportBody {
	byContent := reportSection{title: "II. KINH PHÍ THỰC HIỆN THEO NỘI DUNG KHUYẾN CÔNG", sheet: "Theo nội dung",
		cols: append([]reportCol{{"STT", 8, alignDate}, {"Nội dung khuyến công (Nghị định 45/2012/NĐ-CP, Điều 4)", 77, alignText}, {"Số đề án", 18, alignFigure}}, moneyCols...),
		none: "Không có nội dung nào."}
	byProgramme := reportSection{title: "III. CHI TIẾT THEO ĐỀ ÁN", sheet: "Theo đề án", none: "Kế hoạch năm chưa có đề án nào.",
		cols: []reportCol{{"STT", 10, alignDate}, {"Mã đề án", 24, alignText}, {"Tên đề án", 60, alignText}, {"Nguồn kinh phí", 25, alignText},
			{"Kinh phí khuyến công kế hoạch năm (đồng)", 28, alignFigure}, {"Lũy kế từ đầu năm (đồng)", 26, alignFigure},
			{"Tỷ lệ so với kế hoạch", 17, alignFigure}, {"Chỉ tiêu: đạt được/kế hoạch", 62, alignText}}}
	chart := barChart{caption: "Biểu đồ 1. Kinh phí khuyến công kế hoạch năm và lũy kế thực hiện theo nội dung", format: millions,
		series: []barSeries{{name: "Kế hoạch năm"}, {name: "Lũy kế từ đầu năm"}}}
	for i, row := range r.Rows {
		n := strconv.Itoa(i + 1)
		byContent.rows = append(byContent.rows, append([]any{n, row.Content.Label(), len(row.Programmes)}, moneyRow(row.Money)...))
		chart.labels = append(chart.labels, row.Content.Label())
		chart.series[0].values = append(chart.series[0].values, row.Support)
		chart.series[1].values = append(chart.series[1].values, row.PaidCumulative)
		for j, x := range row.Programmes {
			byProgramme.rows = append(byProgramme.rows, []any{n + "." + strconv.Itoa(j+1), x.Programme.Code, x.Programme.Name,
				x.Programme.Funding.Label(), x.Support, x.PaidCumulative, rate(data.Permille(x.PaidCumulative, x.Support)), targetsText(x.Programme)})
		}
	}
	programmes := 0
	for _, row := range r.Rows {
		programmes += len(row.Programmes)
	}
	byContent.total = append([]any{nil, "TỔNG CỘNG", programmes}, moneyRow(r.Total)...)
	byContent.charts = []barChart{chart}
	byProgramme.total = []any{nil, nil, "TỔNG CỘNG", nil, r.Total.Support, r.Total.PaidCumulative, rate(data.Permille(r.Total.PaidCumulative, r.Total.Support)), nil}
	return reportBody{kind: data.ReportResults, period: r.Period, landscape: true,
		intro:    fmt.Sprintf("Thực hiện Kế hoạch khuyến công năm %d, Trung tâm báo cáo kết quả thực hiện công tác khuyến công %s như sau:", r.Year, lowerFirst(r.Period.Label())),
		sections: []reportSection{highlights(r.Highlights), byContent, byProgramme}}
}

// WriteResultsReportPDF writes report 1 as an official document, A4 landscape.
func WriteResultsReportPDF(w io.Writer, d ResultsReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, resultsBody, writeReportPDF)
}

// WriteResultsReportXLSX writes report 1 as a workbook of a sheet a section.
func WriteResultsReportXLSX(w io.Writer, d ResultsReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, resultsBody, writeReportXLSX)
}

// trainingCols are report 2's columns after the group's name.
var trainingCols = []reportCol{{"Số lớp", 12, alignFigure}, {"Học viên", 15, alignFigure}, {"Nữ", 13, alignFigure},
	{"Thôi học", 13, alignFigure}, {"Hoàn thành", 16, alignFigure}, {"Tỷ lệ hoàn thành", 16, alignFigure},
	{"Có việc làm", 15, alignFigure}, {"Tỷ lệ có việc làm", 16, alignFigure}}

// trainingRow is a row of report 2.
func trainingRow(r data.TrainingRow) []any {
	return []any{r.Label, r.Classes, r.Trainees, r.Women, r.Withdrawn, r.Completed, rate(data.Permille(int64(r.Completed), int64(r.Trainees))),
		r.Employed, rate(data.Permille(int64(r.Employed), int64(r.Trainees)))}
}

// trainingBody lays out report 2: the classes and trainees by kind, trade, ward and village,
// with charts of the kinds and the largest trades.
func trainingBody(r *data.TrainingReport) reportBody {
	section := func(title, sheet, group string, rows []data.TrainingRow) reportSection {
		s := reportSection{title: title, sheet: sheet, numbered: true, none: "Không có lớp học nào trong kỳ.",
			cols: append([]reportCol{{group, 41, alignText}}, trainingCols...), total: trainingRow(r.Total)}
		s.total[0] = "TỔNG CỘNG"
		for _, x := range rows {
			s.rows = append(s.rows, trainingRow(x))
		}
		return s
	}
	trainees := seriesOf[data.TrainingRow]{"Học viên", func(x data.TrainingRow) int64 { return int64(x.Trainees) }}
	completed := seriesOf[data.TrainingRow]{"Hoàn thành", func(x data.TrainingRow) int64 { return int64(x.Completed) }}
	label := func(x data.TrainingRow) string { return x.Label }
	kinds := section("I. THEO LOẠI HÌNH ĐÀO TẠO", "Theo loại hình", "Loại hình đào tạo", r.ByKind)
	kinds.charts = []barChart{bars("Biểu đồ 1. Học viên và học viên hoàn thành theo loại hình đào tạo", r.ByKind, label, trainees, completed)}
	trades := section("II. THEO NGÀNH NGHỀ", "Theo ngành nghề", "Ngành nghề", r.ByTrade)
	trades.charts = []barChart{bars("Biểu đồ 2. Học viên theo ngành nghề (mười ngành nhiều học viên nhất)", largest(r.ByTrade, 10, trainees.value), label, trainees, completed)}
	t := r.Total
	return reportBody{kind: data.ReportTraining, period: r.Period,
		intro: fmt.Sprintf("Trong kỳ, Trung tâm đã mở %s lớp với %s học viên (%s nữ); %s học viên hoàn thành khóa học (%s), %s học viên có việc làm sau đào tạo (%s). Số liệu cụ thể như sau:",
			vn.FormatInt(int64(t.Classes)), vn.FormatInt(int64(t.Trainees)), vn.FormatInt(int64(t.Women)), vn.FormatInt(int64(t.Completed)),
			permilleText(data.Permille(int64(t.Completed), int64(t.Trainees))), vn.FormatInt(int64(t.Employed)), permilleText(data.Permille(int64(t.Employed), int64(t.Trainees)))),
		sections: []reportSection{kinds, trades,
			section("III. THEO PHƯỜNG, XÃ NƠI MỞ LỚP", "Theo phường, xã", "Phường, xã", r.ByWard),
			section("IV. THEO LÀNG NGHỀ", "Theo làng nghề", "Làng nghề", r.ByVillage)}}
}

// WriteTrainingReportPDF writes report 2 as an official document, A4 portrait.
func WriteTrainingReportPDF(w io.Writer, d TrainingReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, trainingBody, writeReportPDF)
}

// WriteTrainingReportXLSX writes report 2 as a workbook of a sheet a section.
func WriteTrainingReportXLSX(w io.Writer, d TrainingReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, trainingBody, writeReportXLSX)
}
