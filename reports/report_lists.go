package reports

import (
	"fmt"
	"io"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Reports 3 to 6: fairs, support to enterprises, certificates, craft villages.

// fairRow is a row of report 3 after its labels.
func fairRow(r data.FairRow) []any {
	return []any{r.Enterprises, r.Booths, r.Support, r.Paid, r.Sales, r.Contracts, r.ContractValue}
}

// fairCols are report 3's columns of figures.
var fairCols = []reportCol{{"Cơ sở tham gia", 15, alignFigure}, {"Gian hàng", 14, alignFigure}, {"Kinh phí hỗ trợ (đồng)", 25, alignFigure},
	{"Đã chi hỗ trợ (đồng)", 25, alignFigure}, {"Doanh thu tại hội chợ (đồng)", 25, alignFigure}, {"Số hợp đồng", 13, alignFigure},
	{"Giá trị hợp đồng (đồng)", 25, alignFigure}}

// fairBody lays out report 3: each fair, then the kinds of fair with a chart.
func fairBody(r *data.FairReport) reportBody {
	fairs := reportSection{title: "I. THEO TỪNG HỘI CHỢ, TRIỂN LÃM", sheet: "Theo hội chợ", numbered: true, none: "Không có hội chợ nào trong kỳ.",
		cols:  append([]reportCol{{"Mã", 24, alignText}, {"Hội chợ, triển lãm và địa điểm", 40, alignText}, {"Từ ngày", 19, alignDate}, {"Đến ngày", 19, alignDate}}, fairCols...),
		total: append([]any{nil, "TỔNG CỘNG", nil, nil}, fairRow(r.Total)...)}
	for _, x := range r.Fairs {
		name := x.Label
		if x.Place != "" {
			name += " (" + x.Place + ")"
		}
		fairs.rows = append(fairs.rows, append([]any{x.Key, name, x.Start, x.End}, fairRow(x)...))
	}
	kinds := reportSection{title: "II. THEO LOẠI HỘI CHỢ, TRIỂN LÃM", sheet: "Theo loại hội chợ", numbered: true,
		cols:  append([]reportCol{{"Loại hội chợ, triển lãm", 88, alignText}, {"Số hội chợ", 14, alignFigure}}, fairCols...),
		total: append([]any{"TỔNG CỘNG", r.Total.Fairs}, fairRow(r.Total)...)}
	for _, x := range r.ByKind {
		kinds.rows = append(kinds.rows, append([]any{x.Label, x.Fairs}, fairRow(x)...))
	}
	kinds.charts = []barChart{bars("Biểu đồ 1. Cơ sở và gian hàng tham gia theo loại hội chợ", r.ByKind, func(x data.FairRow) string { return x.Label },
		seriesOf[data.FairRow]{"Cơ sở tham gia", func(x data.FairRow) int64 { return int64(x.Enterprises) }},
		seriesOf[data.FairRow]{"Gian hàng", func(x data.FairRow) int64 { return int64(x.Booths) }})}
	t := r.Total
	return reportBody{kind: data.ReportFairs, period: r.Period, landscape: true,
		intro: fmt.Sprintf("Trong kỳ, Trung tâm đã hỗ trợ %s lượt cơ sở tham gia %s hội chợ, triển lãm với %s gian hàng; kinh phí hỗ trợ %s đồng, đã chi %s đồng. Kết quả cụ thể như sau:",
			vn.FormatInt(int64(t.Enterprises)), vn.FormatInt(int64(t.Fairs)), vn.FormatInt(int64(t.Booths)), vn.FormatInt(t.Support), vn.FormatInt(t.Paid)),
		sections: []reportSection{fairs, kinds}}
}

// WriteFairReportPDF writes report 3 as an official document, A4 landscape.
func WriteFairReportPDF(w io.Writer, d FairReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, fairBody, writeReportPDF)
}

// WriteFairReportXLSX writes report 3 as a workbook of a sheet a section.
func WriteFairReportXLSX(w io.Writer, d FairReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, fairBody, writeReportXLSX)
}

// supportBody lays out report 4: the enterprises supported with their totals, every support
// given, and the register by ward and by trade.
func supportBody(r *data.SupportReport) reportBody {
	who := reportSection{title: "I. CƠ SỞ ĐƯỢC HỖ TRỢ", sheet: "Cơ sở được hỗ trợ", numbered: true, none: "Không có cơ sở nào được hỗ trợ trong kỳ.",
		cols:  []reportCol{{"Tên cơ sở", 100, alignText}, {"Phường, xã", 50, alignText}, {"Ngành nghề", 50, alignText}, {"Lượt hỗ trợ", 16, alignFigure}, {"Kinh phí (đồng)", 28, alignFigure}},
		total: []any{"TỔNG CỘNG", nil, nil, r.Lines, r.Amount}}
	lines := reportSection{title: "II. CHI TIẾT CÁC KHOẢN HỖ TRỢ", sheet: "Chi tiết hỗ trợ", numbered: true, none: "Không có khoản hỗ trợ nào trong kỳ.",
		cols: []reportCol{{"Tên cơ sở", 62, alignText}, {"Ngày", 22, alignDate}, {"Hình thức hỗ trợ", 32, alignText},
			{"Nội dung", 78, alignText}, {"Đề án", 24, alignText}, {"Kinh phí (đồng)", 26, alignFigure}},
		total: []any{"TỔNG CỘNG", nil, nil, nil, nil, r.Amount}}
	for _, e := range r.Enterprises {
		who.rows = append(who.rows, []any{e.Name, e.Ward, e.Trade, len(e.Lines), e.Amount})
		for _, l := range e.Lines {
			what := l.Code + " – " + l.Description
			if l.People > 0 {
				what += fmt.Sprintf(" (%s học viên)", vn.FormatInt(int64(l.People)))
			}
			lines.rows = append(lines.rows, []any{e.Name, l.Date, l.Kind.Label(), what, l.Programme, l.Amount})
		}
	}
	directory := func(title, sheet, group string, rows []data.DirectoryRow) reportSection {
		s := reportSection{title: title, sheet: sheet, numbered: true, none: "Sổ đăng ký chưa có cơ sở nào.",
			cols:  []reportCol{{group, 184, alignText}, {"Số cơ sở", 30, alignFigure}, {"Số lao động", 30, alignFigure}},
			total: []any{"TỔNG CỘNG", r.Directory.Enterprises, r.Directory.Workers}}
		for _, d := range rows {
			s.rows = append(s.rows, []any{d.Label, d.Enterprises, d.Workers})
		}
		return s
	}
	return reportBody{kind: data.ReportSupport, period: r.Period, landscape: true,
		intro: fmt.Sprintf("Trong kỳ, Trung tâm đã hỗ trợ %s cơ sở công nghiệp nông thôn với %s lượt hỗ trợ, tổng kinh phí %s đồng. Sổ đăng ký hiện có %s cơ sở với %s lao động. Cụ thể như sau:",
			vn.FormatInt(int64(len(r.Enterprises))), vn.FormatInt(int64(r.Lines)), vn.FormatInt(r.Amount), vn.FormatInt(int64(r.Directory.Enterprises)), vn.FormatInt(int64(r.Directory.Workers))),
		sections: []reportSection{who, lines,
			directory("III. DANH BẠ CƠ SỞ THEO PHƯỜNG, XÃ", "Danh bạ theo phường, xã", "Phường, xã", r.ByWard),
			directory("IV. DANH BẠ CƠ SỞ THEO NGÀNH NGHỀ", "Danh bạ theo ngành nghề", "Ngành nghề", r.ByTrade)}}
}

// WriteSupportReportPDF writes report 4 as an official document, A4 landscape.
func WriteSupportReportPDF(w io.Writer, d SupportReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, supportBody, writeReportPDF)
}

// WriteSupportReportXLSX writes report 4 as a workbook of a sheet a section.
func WriteSupportReportXLSX(w io.Writer, d SupportReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, supportBody, writeReportXLSX)
}

// certificateBody lays out report 5: the certificates by class kind and by month, with a chart
// of the months.
func certificateBody(r *data.CertificateReport) reportBody {
	section := func(title, sheet, group string, rows []data.CertificateRow) reportSection {
		s := reportSection{title: title, sheet: sheet, numbered: true,
			cols:  []reportCol{{group, 82, alignText}, {"Cấp mới", 25, alignFigure}, {"Cấp lại", 25, alignFigure}, {"Thu hồi", 25, alignFigure}},
			total: []any{"TỔNG CỘNG", r.Total.Issued, r.Total.Reissued, r.Total.Revoked}}
		for _, x := range rows {
			s.rows = append(s.rows, []any{x.Label, x.Issued, x.Reissued, x.Revoked})
		}
		return s
	}
	months := section("II. THEO THÁNG", "Theo tháng", "Tháng", r.ByMonth)
	months.charts = []barChart{bars("Biểu đồ 1. Chứng chỉ cấp mới và cấp lại theo tháng", r.ByMonth, func(x data.CertificateRow) string { return x.Label },
		seriesOf[data.CertificateRow]{"Cấp mới", func(x data.CertificateRow) int64 { return int64(x.Issued) }},
		seriesOf[data.CertificateRow]{"Cấp lại", func(x data.CertificateRow) int64 { return int64(x.Reissued) }})}
	t := r.Total
	return reportBody{kind: data.ReportCertificates, period: r.Period,
		intro: fmt.Sprintf("Trong kỳ, Trung tâm đã cấp mới %s chứng chỉ, cấp lại %s chứng chỉ và thu hồi %s chứng chỉ (chứng chỉ thu hồi rồi được cấp lại chỉ tính là cấp lại). Cụ thể như sau:",
			vn.FormatInt(int64(t.Issued)), vn.FormatInt(int64(t.Reissued)), vn.FormatInt(int64(t.Revoked))),
		sections: []reportSection{section("I. THEO LOẠI HÌNH ĐÀO TẠO", "Theo loại hình", "Loại hình đào tạo", r.ByKind), months}}
}

// WriteCertificateReportPDF writes report 5 as an official document, A4 portrait.
func WriteCertificateReportPDF(w io.Writer, d CertificateReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, certificateBody, writeReportPDF)
}

// WriteCertificateReportXLSX writes report 5 as a workbook of a sheet a section.
func WriteCertificateReportXLSX(w io.Writer, d CertificateReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, certificateBody, writeReportXLSX)
}

// villageBody lays out report 6: each village with what it received, and a chart of the ten
// that received most.
func villageBody(r *data.VillageReport) reportBody {
	s := reportSection{title: "I. HỖ TRỢ THEO LÀNG NGHỀ", sheet: "Theo làng nghề", numbered: true, none: "Sổ đăng ký chưa có làng nghề nào.",
		cols: []reportCol{{"Làng nghề", 54, alignText}, {"Phường, xã", 30, alignText}, {"Ngành nghề", 24, alignText}, {"Số cơ sở", 13, alignFigure},
			{"Số lớp", 11, alignFigure}, {"Học viên", 14, alignFigure}, {"Kinh phí đào tạo (đồng)", 24, alignFigure},
			{"Lượt hội chợ", 14, alignFigure}, {"Kinh phí hội chợ (đồng)", 22, alignFigure}, {"Thiết bị, mô hình", 14, alignFigure},
			{"Kinh phí thiết bị (đồng)", 24, alignFigure}},
	}
	row := func(v data.VillageRow) []any {
		return []any{v.Enterprises, v.Classes, v.Trainees, v.ClassBudget, v.Bookings, v.FairSupport, v.Equipment, v.EquipmentSupport}
	}
	for _, v := range r.Villages {
		s.rows = append(s.rows, append([]any{v.Name, v.Ward, v.Trade}, row(v)...))
	}
	s.total = append([]any{"TỔNG CỘNG", nil, nil}, row(r.Total)...)
	amount := seriesOf[data.VillageRow]{"Tổng kinh phí", func(v data.VillageRow) int64 { return v.Amount }}
	chart := bars("Biểu đồ 1. Mười làng nghề nhận kinh phí hỗ trợ nhiều nhất", largest(r.Villages, 10, amount.value),
		func(v data.VillageRow) string { return v.Name }, amount)
	chart.format = millions
	if r.Total.Amount > 0 {
		s.charts = []barChart{chart}
	}
	t := r.Total
	return reportBody{kind: data.ReportVillages, period: r.Period, landscape: true,
		intro: fmt.Sprintf("Trong kỳ, các làng nghề đã nhận tổng kinh phí hỗ trợ %s đồng: đào tạo %s đồng cho %s học viên, hội chợ %s đồng, máy móc thiết bị và mô hình %s đồng. Cụ thể như sau:",
			vn.FormatInt(t.Amount), vn.FormatInt(t.ClassBudget), vn.FormatInt(int64(t.Trainees)), vn.FormatInt(t.FairSupport), vn.FormatInt(t.EquipmentSupport)),
		sections: []reportSection{s}}
}

// WriteVillageReportPDF writes report 6 as an official document, A4 landscape.
func WriteVillageReportPDF(w io.Writer, d VillageReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, villageBody, writeReportPDF)
}

// WriteVillageReportXLSX writes report 6 as a workbook of a sheet a section.
func WriteVillageReportXLSX(w io.Writer, d VillageReportDoc) error {
	return writeFigures(w, d.ReportDoc, d.Report, villageBody, writeReportXLSX)
}
