package reports_test

import (
	"fmt"
	"io"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// Fixtures of the six reports: n groups each (n = 0 is a period without data), figures that
// vary with the row so that a misplaced column shows, and totals that sum the rows.

// reportPeriod is the fixtures' period: the second quarter of 2026.
var reportPeriod, _ = data.QuarterPeriod(2026, 2)

// reportHead heads the fixtures, with a scope and a signer.
func reportHead() reports.ReportDoc {
	org := data.DefaultOrganisation()
	org.DirectorName = "Nguyễn Văn Hùng"
	return reports.ReportDoc{Org: org, Date: docDate, Scope: "xã Bát Tràng; ngành nghề Gốm sứ"}
}

// places are the fixtures' names of groups, long and short, with every kind of mark.
var places = []string{"Xã Bát Tràng", "Phường Hoàn Kiếm", "Xã Phú Nghĩa", "Xã Ứng Thiên", "Làng mây tre đan Phú Vinh, huyện Chương Mỹ cũ",
	"Xã Quảng Phú Cầu", "Phường Hà Đông", "Xã Thượng Phúc", "Xã Sơn Đồng", "Xã Vạn Điểm"}

// name returns the fixtures' i-th name.
func name(i int) string {
	if i < len(places) {
		return places[i]
	}
	return fmt.Sprintf("%s %d", places[i%len(places)], i/len(places)+1)
}

func resultsFixture(n int) *data.ResultsReport {
	r := &data.ResultsReport{Period: reportPeriod, Year: 2026}
	for i, c := range data.Contents {
		row := data.ResultsRow{Content: c}
		for j := range n * (i % 3) {
			m := data.Money{Support: int64(1+i+j) * 150_000_000, Own: int64(i) * 20_000_000, Committed: int64(1+j) * 90_000_000,
				PaidPeriod: int64(j) * 35_000_000, PaidCumulative: int64(j+i) * 61_000_000}
			p := &data.Programme{Code: fmt.Sprintf("ĐA-%02d/2026", 10*i+j+1), Name: "Đề án " + c.Label() + " tại " + name(j),
				Content: c, Funding: data.Fundings[j%2], Support: m.Support,
				Targets: []data.Target{{Measure: data.MeasureTrainees, Planned: 150, Achieved: 37 * j}, {Measure: data.MeasureOther, Label: "Hội thảo", Unit: "cuộc", Planned: 2, Achieved: 1}}}
			row.Programmes = append(row.Programmes, data.ResultsProgramme{Programme: p, Money: m})
			row.Money.Add(m)
		}
		r.Rows = append(r.Rows, row)
		r.Total.Add(row.Money)
	}
	if n > 0 {
		r.Highlights = data.Figures{Classes: 12 * n, Trainees: 398 * n, Women: 211 * n, Completed: 351 * n, Employed: 190 * n, Certificates: 340 * n,
			Revoked: 2, Fairs: 3 * n, Bookings: 41 * n, Equipment: 7, Models: 2, Enterprises: 77 * n}
	}
	return r
}

func trainingFixture(n int) *data.TrainingReport {
	r := &data.TrainingReport{Period: reportPeriod}
	row := func(key, label string, i int) data.TrainingRow {
		return data.TrainingRow{Key: key, Label: label, Classes: 1 + i%4, Trainees: 25 + 7*i, Women: 11 + 3*i, Withdrawn: i % 3,
			Completed: 20 + 5*i, Employed: 9 + 2*i, Budget: int64(80+i) * 1_000_000}
	}
	for i := range n {
		r.ByTrade = append(r.ByTrade, row(fmt.Sprint(i), []string{"Gốm sứ", "Mây tre đan", "Dệt lụa", "Sơn mài"}[i%4]+fmt.Sprint(" ", i), i))
		r.ByWard = append(r.ByWard, row(name(i), name(i), i))
		r.ByVillage = append(r.ByVillage, row(name(i), "Làng nghề "+name(i), i))
	}
	// Every list sums to the total: the kinds take the groups in turn.
	for k, kind := range data.ClassKinds {
		x := data.TrainingRow{Key: string(kind), Label: kind.Label()}
		for i, g := range r.ByWard {
			if i%len(data.ClassKinds) == k {
				x.Add(g)
			}
		}
		r.ByKind = append(r.ByKind, x)
		r.Total.Add(x)
	}
	r.Total.Label = "Tổng cộng"
	return r
}

func fairFixture(n int) *data.FairReport {
	r := &data.FairReport{Period: reportPeriod}
	for i := range n {
		start := vn.Date{Year: 2026, Month: time.Month(4 + i%3), Day: 1 + i%27}
		x := data.FairRow{Key: fmt.Sprintf("HC-2026-%03d", i+1), Label: "Hội chợ Làng nghề và Sản phẩm OCOP " + name(i), Start: start, End: start.AddDays(4),
			Place: []string{"Hà Nội, Việt Nam", "Frankfurt, Đức", "Quảng Châu, Trung Quốc"}[i%3], Fairs: 1, Enterprises: 3 + i, Booths: 4 + i,
			Support: int64(3+i) * 12_000_000, Paid: int64(2+i) * 12_000_000, Sales: int64(i) * 54_300_000, Contracts: i % 5, ContractValue: int64(i%5) * 1_210_000_000}
		r.Fairs = append(r.Fairs, x)
	}
	for k, kind := range data.FairKinds {
		row := data.FairRow{Key: string(kind), Label: kind.Label()}
		for i, x := range r.Fairs {
			if i%3 == k {
				row.Add(x)
			}
		}
		r.ByKind = append(r.ByKind, row)
		r.Total.Add(row)
	}
	return r
}

func supportFixture(n int) *data.SupportReport {
	r := &data.SupportReport{Period: reportPeriod}
	kinds := []data.SupportKind{data.SupportClassHosted, data.SupportFair, data.SupportEquipment, data.SupportModel}
	for i := range n {
		e := data.EnterpriseSupport{EnterpriseID: int64(i + 1), Name: "Hợp tác xã Gốm sứ " + name(i), Ward: name(i), Trade: "Gốm sứ"}
		for j := range 1 + i%3 {
			l := data.SupportLine{Kind: kinds[(i+j)%4], Date: vn.Date{Year: 2026, Month: time.Month(4 + j), Day: 2 + i%20},
				Code: fmt.Sprintf("LH-2026-%03d", i+j), Description: "Lớp truyền nghề gốm men rạn", Programme: "ĐA-01/2026",
				People: 10 * (j % 2), Amount: int64(1+i+j) * 23_500_000}
			e.Lines = append(e.Lines, l)
			e.Amount += l.Amount
			r.Lines++
		}
		r.Enterprises = append(r.Enterprises, e)
		r.Amount += e.Amount
	}
	for i := range n {
		d := data.DirectoryRow{Key: name(i), Label: name(i), Enterprises: 3 + i, Workers: 41 + 13*i}
		r.ByWard = append(r.ByWard, d)
		r.ByTrade = append(r.ByTrade, data.DirectoryRow{Key: fmt.Sprint(i), Label: "Ngành " + name(i), Enterprises: d.Enterprises, Workers: d.Workers})
		r.Directory.Enterprises += d.Enterprises
		r.Directory.Workers += d.Workers
	}
	return r
}

func certificateFixture(n int) *data.CertificateReport {
	r := &data.CertificateReport{Period: reportPeriod}
	for i, k := range data.ClassKinds {
		x := data.CertificateRow{Key: string(k), Label: k.Label(), Issued: n * (17 + i), Reissued: n * (i % 2), Revoked: n * (i % 3 / 2)}
		r.ByKind = append(r.ByKind, x)
		r.Total.Add(x)
	}
	months := []data.CertificateRow{{Key: "2026-04", Label: "Tháng 04/2026"}, {Key: "2026-05", Label: "Tháng 05/2026"}, {Key: "2026-06", Label: "Tháng 06/2026"}}
	months[1] = r.Total
	months[1].Key, months[1].Label = "2026-05", "Tháng 05/2026"
	r.ByMonth = months
	return r
}

func villageFixture(n int) *data.VillageReport {
	r := &data.VillageReport{Period: reportPeriod}
	for i := range n {
		v := data.VillageRow{VillageID: int64(i + 1), Name: "Làng nghề " + name(i), Ward: name(i), Trade: "Mây tre đan", Enterprises: 4 + i,
			Classes: i % 3, Trainees: 25 * (i % 3), ClassBudget: int64(i%3) * 95_000_000, Bookings: i % 4, FairSupport: int64(i%4) * 12_000_000,
			Equipment: i % 2, EquipmentSupport: int64(i%2) * 210_000_000}
		v.Amount = v.ClassBudget + v.FairSupport + v.EquipmentSupport
		r.Villages = append(r.Villages, v)
		r.Total.Add(v)
	}
	return r
}

// reportWriters are the six reports' writers on fixtures of n groups, by name: PDF and Excel.
func reportWriters(n int) map[string][2]func(io.Writer) error {
	h := reportHead()
	res := reports.ResultsReportDoc{ReportDoc: h, Report: resultsFixture(n)}
	tr := reports.TrainingReportDoc{ReportDoc: h, Report: trainingFixture(n)}
	fa := reports.FairReportDoc{ReportDoc: h, Report: fairFixture(n)}
	su := reports.SupportReportDoc{ReportDoc: h, Report: supportFixture(n)}
	ce := reports.CertificateReportDoc{ReportDoc: h, Report: certificateFixture(n)}
	vi := reports.VillageReportDoc{ReportDoc: h, Report: villageFixture(n)}
	return map[string][2]func(io.Writer) error{
		"ket-qua":   {func(w io.Writer) error { return reports.WriteResultsReportPDF(w, res) }, func(w io.Writer) error { return reports.WriteResultsReportXLSX(w, res) }},
		"dao-tao":   {func(w io.Writer) error { return reports.WriteTrainingReportPDF(w, tr) }, func(w io.Writer) error { return reports.WriteTrainingReportXLSX(w, tr) }},
		"hoi-cho":   {func(w io.Writer) error { return reports.WriteFairReportPDF(w, fa) }, func(w io.Writer) error { return reports.WriteFairReportXLSX(w, fa) }},
		"ho-tro":    {func(w io.Writer) error { return reports.WriteSupportReportPDF(w, su) }, func(w io.Writer) error { return reports.WriteSupportReportXLSX(w, su) }},
		"chung-chi": {func(w io.Writer) error { return reports.WriteCertificateReportPDF(w, ce) }, func(w io.Writer) error { return reports.WriteCertificateReportXLSX(w, ce) }},
		"lang-nghe": {func(w io.Writer) error { return reports.WriteVillageReportPDF(w, vi) }, func(w io.Writer) error { return reports.WriteVillageReportXLSX(w, vi) }},
	}
}
