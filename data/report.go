package data

import (
	"context"
	"fmt"
	"time"

	"khuyencong/data/vn"
)

// PeriodKind is how a report's period was chosen; it only changes how the period is named.
type PeriodKind string

// The periods a manager reports on.
const (
	PeriodQuarter PeriodKind = "quy"      // a quarter: Quý I … Quý IV
	PeriodHalf    PeriodKind = "6_thang"  // 6 tháng đầu năm: January to June
	PeriodNine    PeriodKind = "9_thang"  // 9 tháng: January to September
	PeriodYear    PeriodKind = "nam"      // the calendar year
	PeriodDates   PeriodKind = "tuy_chon" // any dates
)

// PeriodKinds lists the kinds in the order the report screen offers them.
var PeriodKinds = []PeriodKind{PeriodQuarter, PeriodHalf, PeriodNine, PeriodYear, PeriodDates}

// Label returns the kind's Vietnamese name.
func (k PeriodKind) Label() string {
	switch k {
	case PeriodQuarter:
		return "Quý"
	case PeriodHalf:
		return "6 tháng đầu năm"
	case PeriodNine:
		return "9 tháng"
	case PeriodYear:
		return "Cả năm"
	case PeriodDates:
		return "Tùy chọn ngày"
	}
	return string(k)
}

// Period is the days a report covers, both ends included.
type Period struct {
	// Kind says how it was chosen (PeriodDates when built from any two dates).
	Kind PeriodKind
	// From and To are the first and last days.
	From, To vn.Date
}

// QuarterPeriod returns quarter q (1–4) of a year. EINVALID for another q or year.
func QuarterPeriod(year, q int) (Period, error) {
	if q < 1 || q > 4 {
		return Period{}, Errorf(EINVALID, "Quý phải từ 1 đến 4 (đang là %d).", q)
	}
	first := time.Month(3*q - 2)
	return yearPart(PeriodQuarter, year, first, first+2)
}

// HalfPeriod returns the first six months of a year. EINVALID for a year out of range.
func HalfPeriod(year int) (Period, error) { return yearPart(PeriodHalf, year, time.January, time.June) }

// NinePeriod returns the first nine months of a year. EINVALID for a year out of range.
func NinePeriod(year int) (Period, error) {
	return yearPart(PeriodNine, year, time.January, time.September)
}

// YearPeriod returns a calendar year. EINVALID for a year out of range.
func YearPeriod(year int) (Period, error) {
	return yearPart(PeriodYear, year, time.January, time.December)
}

// DatesPeriod returns the days from one date to another, named as the preset they make when they
// make one (1/1–31/12 is "Năm …", 1/4–30/6 "Quý II …"). EINVALID when either is missing or not a
// real date, or when the end is before the start.
func DatesPeriod(from, to vn.Date) (Period, error) {
	p := Period{Kind: PeriodDates, From: from, To: to}
	if err := p.Validate(); err != nil {
		return p, err
	}
	presets := []func() (Period, error){
		func() (Period, error) { return YearPeriod(from.Year) },
		func() (Period, error) { return HalfPeriod(from.Year) },
		func() (Period, error) { return NinePeriod(from.Year) },
		func() (Period, error) { return QuarterPeriod(from.Year, (int(from.Month)+2)/3) },
	}
	for _, preset := range presets {
		if q, err := preset(); err == nil && q.From == from && q.To == to {
			return q, nil
		}
	}
	return p, nil
}

// yearPart returns the months first…last of a year.
func yearPart(k PeriodKind, year int, first, last time.Month) (Period, error) {
	if year < vn.MinYear || year > vn.MaxYear {
		return Period{}, Errorf(EINVALID, "Năm báo cáo phải từ %d đến %d.", vn.MinYear, vn.MaxYear)
	}
	end := vn.DateOf(time.Date(year, last+1, 0, 0, 0, 0, 0, time.UTC))
	return Period{Kind: k, From: vn.Date{Year: year, Month: first, Day: 1}, To: end}, nil
}

// Validate checks that the period has two real dates, the end not before the start. EINVALID.
func (p Period) Validate() error {
	switch {
	case p.From.IsZero() || p.To.IsZero():
		return Errorf(EINVALID, "Hãy nhập ngày bắt đầu và ngày kết thúc kỳ báo cáo.")
	case !p.From.Valid():
		return ValidateDate("Ngày bắt đầu kỳ báo cáo", p.From)
	case !p.To.Valid():
		return ValidateDate("Ngày kết thúc kỳ báo cáo", p.To)
	case p.To.Before(p.From):
		return Errorf(EINVALID, "Kỳ báo cáo kết thúc ngày %s, trước ngày bắt đầu %s: hãy sửa lại ngày.", p.To, p.From)
	}
	return nil
}

// Contains reports whether d falls in the period.
func (p Period) Contains(d vn.Date) bool { return !d.Before(p.From) && !p.To.Before(d) }

// YearStart is 1 January of the period's last year: where "cumulative since January" starts.
func (p Period) YearStart() vn.Date { return vn.Date{Year: p.To.Year, Month: time.January, Day: 1} }

// Label names the period as a report's title does: "Quý II năm 2026", "6 tháng đầu năm 2026",
// "9 tháng năm 2026", "Năm 2026", "Từ ngày 01/02/2026 đến ngày 15/03/2026".
func (p Period) Label() string {
	switch p.Kind {
	case PeriodQuarter:
		return fmt.Sprintf("Quý %s năm %d", [...]string{"I", "II", "III", "IV"}[(int(p.From.Month)-1)/3], p.From.Year)
	case PeriodHalf:
		return fmt.Sprintf("6 tháng đầu năm %d", p.From.Year)
	case PeriodNine:
		return fmt.Sprintf("9 tháng năm %d", p.From.Year)
	case PeriodYear:
		return fmt.Sprintf("Năm %d", p.From.Year)
	}
	return fmt.Sprintf("Từ ngày %s đến ngày %s", p.From, p.To)
}

// ReportFilter narrows a report. Pointer fields apply only when set; each report's Uses says
// which it honours (the others are ignored).
type ReportFilter struct {
	// WardCode keeps classes held in that ward and enterprises (and villages) located in it.
	WardCode *string
	// Trade keeps classes teaching it and enterprises (and villages) working in it (exact text).
	Trade *string
	// VillageID keeps classes held for that craft village and the enterprises belonging to it.
	VillageID *int64
	// ClassKind keeps classes (and their certificates) of that kind.
	ClassKind *ClassKind
	// Funding keeps đề án of that source, and the classes, fairs and equipment they pay.
	Funding *Funding
}

// Keep returns f with only the filters that use honours.
func (f ReportFilter) Keep(use FilterUse) ReportFilter {
	var g ReportFilter
	if use.Ward {
		g.WardCode = f.WardCode
	}
	if use.Trade {
		g.Trade = f.Trade
	}
	if use.Village {
		g.VillageID = f.VillageID
	}
	if use.ClassKind {
		g.ClassKind = f.ClassKind
	}
	if use.Funding {
		g.Funding = f.Funding
	}
	return g
}

// FilterUse says which filters of ReportFilter a report honours.
type FilterUse struct {
	// Ward, Trade, Village, ClassKind and Funding are true for the filters the report applies.
	Ward, Trade, Village, ClassKind, Funding bool
}

// ReportKind names one of the six reports.
type ReportKind string

// The six reports, by the name `kc report` takes.
const (
	ReportResults      ReportKind = "ket-qua"   // báo cáo kết quả thực hiện công tác khuyến công
	ReportTraining     ReportKind = "dao-tao"   // thống kê đào tạo
	ReportFairs        ReportKind = "hoi-cho"   // tham gia hội chợ
	ReportSupport      ReportKind = "ho-tro"    // hỗ trợ doanh nghiệp và danh bạ
	ReportCertificates ReportKind = "chung-chi" // chứng chỉ
	ReportVillages     ReportKind = "lang-nghe" // làng nghề
)

// ReportKinds lists the reports in the order the report screen and `kc report list` show them.
var ReportKinds = []ReportKind{ReportResults, ReportTraining, ReportFairs, ReportSupport, ReportCertificates, ReportVillages}

// Title returns the report's title as its document prints it (after "Báo cáo").
func (k ReportKind) Title() string {
	switch k {
	case ReportResults:
		return "Kết quả thực hiện công tác khuyến công"
	case ReportTraining:
		return "Thống kê kết quả đào tạo nghề"
	case ReportFairs:
		return "Kết quả tham gia hội chợ, triển lãm"
	case ReportSupport:
		return "Hỗ trợ cơ sở công nghiệp nông thôn"
	case ReportCertificates:
		return "Tình hình cấp chứng chỉ"
	case ReportVillages:
		return "Hỗ trợ làng nghề"
	}
	return string(k)
}

// Uses says which filters the report honours.
func (k ReportKind) Uses() FilterUse {
	switch k {
	case ReportResults:
		return FilterUse{Funding: true}
	case ReportTraining, ReportCertificates:
		return FilterUse{Ward: true, Trade: true, Village: true, ClassKind: true, Funding: true}
	case ReportFairs, ReportSupport:
		return FilterUse{Ward: true, Trade: true, Village: true, Funding: true}
	case ReportVillages:
		return FilterUse{Ward: true, Trade: true, Village: true}
	}
	return FilterUse{}
}

// ParseReportKind returns the report of a name. EINVALID naming the reports for another.
func ParseReportKind(name string) (ReportKind, error) {
	for _, k := range ReportKinds {
		if string(k) == name {
			return k, nil
		}
	}
	return "", Errorf(EINVALID, "Không có báo cáo “%s”; các báo cáo: ket-qua, dao-tao, hoi-cho, ho-tro, chung-chi, lang-nghe.", name)
}

// Permille returns part/whole in tenths of a percent, rounded down (853 is 85,3 %); 0 when whole is 0.
func Permille(part, whole int64) int64 {
	if whole <= 0 {
		return 0
	}
	return part * 1000 / whole
}

// Money is a row of budget figures: for a đề án, a content or a funding source.
type Money struct {
	// Support is the khuyến công money planned; Own the beneficiaries' own contribution planned.
	Support, Own int64
	// Committed is what linked classes, bookings and equipment hold (as Programme.Committed).
	Committed int64
	// PaidPeriod is what was paid in the period; PaidCumulative from 1 January of the period's
	// last year to its end.
	PaidPeriod, PaidCumulative int64
}

// Add adds m2 to m.
func (m *Money) Add(m2 Money) {
	m.Support += m2.Support
	m.Own += m2.Own
	m.Committed += m2.Committed
	m.PaidPeriod += m2.PaidPeriod
	m.PaidCumulative += m2.PaidCumulative
}

// ResultsProgramme is one đề án under its content in the results report.
type ResultsProgramme struct {
	// Programme is the đề án with its targets' progress (as the store counts it today).
	Programme *Programme
	// Money is its figures.
	Money
}

// ResultsRow is one content of Decree 45/2012 art. 4 in the results report.
type ResultsRow struct {
	// Content is the content.
	Content Content
	// Money totals its đề án.
	Money
	// Programmes are its đề án of the year, by code.
	Programmes []ResultsProgramme
}

// ResultsReport is report 1, the results of khuyến công work: every content of the decree with the
// year's plan (đề án of the period's last year, cancelled ones left out), what was paid in the
// period and since January, and the đề án under each.
type ResultsReport struct {
	// Period and Filter are what was asked.
	Period Period
	Filter ReportFilter
	// Year is the plan's year (the period's last year).
	Year int
	// Rows has one row per content, in the decree's order, also those without đề án.
	Rows []ResultsRow
	// Total sums the rows.
	Total Money
	// Highlights are the main results of the period (the same figures as the dashboard's).
	Highlights Figures
}

// TrainingRow counts the classes of one group (a kind, trade, ward or village) and their trainees.
type TrainingRow struct {
	// Key is the group's stored value (kind, trade, ward code, village ID as text); "" for none.
	// Label is its name as printed ("Chưa rõ" for none).
	Key, Label string
	// Classes counts classes that started in the period and are not cancelled.
	Classes int
	// Trainees counts their active enrolments (withdrawn ones left out); Women those of women.
	Trainees, Women int
	// Withdrawn counts their withdrawn enrolments.
	Withdrawn int
	// Completed counts active enrolments of finished classes with a passing score (as đề án
	// targets count them); Employed active enrolments recorded as employed after the course.
	Completed, Employed int
	// Budget sums the classes' budgets.
	Budget int64
}

// Add adds r2's counts to r.
func (r *TrainingRow) Add(r2 TrainingRow) {
	r.Classes += r2.Classes
	r.Trainees += r2.Trainees
	r.Women += r2.Women
	r.Withdrawn += r2.Withdrawn
	r.Completed += r2.Completed
	r.Employed += r2.Employed
	r.Budget += r2.Budget
}

// TrainingReport is report 2, training statistics by kind, trade, ward and craft village.
type TrainingReport struct {
	// Period and Filter are what was asked.
	Period Period
	Filter ReportFilter
	// ByKind has one row per class kind in ClassKinds' order, also empty ones.
	ByKind []TrainingRow
	// ByTrade, ByWard and ByVillage have the groups that have classes, by label; classes without
	// a ward or a village fall in a row with Key "".
	ByTrade, ByWard, ByVillage []TrainingRow
	// Total sums every class once.
	Total TrainingRow
}

// FairRow is one fair, or one kind of fair, in the fairs report.
type FairRow struct {
	// Key is the fair's code or the kind; Label its name.
	Key, Label string
	// Start and End are the fair's dates (zero on a kind's row); Place its city and country.
	Start, End vn.Date
	Place      string
	// Fairs counts the fairs (1 on a fair's row).
	Fairs int
	// Enterprises counts the enterprises with an active booking (cancelled and waiting ones left
	// out); Booths the booths they hold.
	Enterprises, Booths int
	// Support sums the active bookings' support; Paid the payments for them up to the period's end.
	Support, Paid int64
	// Sales, Contracts and ContractValue sum the results recorded.
	Sales         int64
	Contracts     int
	ContractValue int64
}

// Add adds r2's counts to r.
func (r *FairRow) Add(r2 FairRow) {
	r.Fairs += r2.Fairs
	r.Enterprises += r2.Enterprises
	r.Booths += r2.Booths
	r.Support += r2.Support
	r.Paid += r2.Paid
	r.Sales += r2.Sales
	r.Contracts += r2.Contracts
	r.ContractValue += r2.ContractValue
}

// FairReport is report 3, trade-fair participation: fairs that started in the period and were not
// cancelled.
type FairReport struct {
	// Period and Filter are what was asked.
	Period Period
	Filter ReportFilter
	// Fairs are by start date; ByKind has one row per kind in FairKinds' order.
	Fairs, ByKind []FairRow
	// Total sums the fairs (Enterprises counts a booking per fair, so an enterprise at two fairs counts twice).
	Total FairRow
}

// SupportLine is one support an enterprise received in the period.
type SupportLine struct {
	// Kind, Date, Code, Description, Programme and Amount are as in a support history.
	Kind        SupportKind
	Date        vn.Date
	Code        string
	Description string
	Programme   string
	// People counts the trainees of a hosted class.
	People int
	Amount int64
}

// EnterpriseSupport is an enterprise with what it received in the period.
type EnterpriseSupport struct {
	// EnterpriseID, Name, Ward (name) and Trade describe it.
	EnterpriseID      int64
	Name, Ward, Trade string
	// Lines are its supports by date; Amount sums them.
	Lines  []SupportLine
	Amount int64
}

// DirectoryRow counts the enterprises of the register in one ward or trade.
type DirectoryRow struct {
	// Key is the ward code or trade ("" for none); Label its name.
	Key, Label string
	// Enterprises counts those not archived; Workers sums their workers.
	Enterprises, Workers int
}

// SupportReport is report 4: every support given to enterprises in the period (classes hosted,
// fair bookings with support, equipment and models approved), and the register by ward and trade.
type SupportReport struct {
	// Period and Filter are what was asked.
	Period Period
	Filter ReportFilter
	// Enterprises are those supported, by name; Amount sums them all, Lines counts the lines.
	Enterprises []EnterpriseSupport
	Amount      int64
	Lines       int
	// ByWard and ByTrade are the register (not archived) by label; Directory totals it.
	ByWard, ByTrade []DirectoryRow
	Directory       DirectoryRow
}

// CertificateRow counts the certificates of one class kind or one month.
type CertificateRow struct {
	// Key is the kind or the month "2026-03"; Label its name.
	Key, Label string
	// Issued counts first issues dated in the period; Reissued re-issues dated in it; Revoked
	// certificates revoked in it and not re-issued since.
	Issued, Reissued, Revoked int
}

// Add adds r2's counts to r.
func (r *CertificateRow) Add(r2 CertificateRow) {
	r.Issued += r2.Issued
	r.Reissued += r2.Reissued
	r.Revoked += r2.Revoked
}

// CertificateReport is report 5, certificates issued, re-issued and revoked.
type CertificateReport struct {
	// Period and Filter are what was asked.
	Period Period
	Filter ReportFilter
	// ByKind has one row per class kind in ClassKinds' order; ByMonth one per month of the
	// period, in order, also empty ones.
	ByKind, ByMonth []CertificateRow
	// Total sums either list.
	Total CertificateRow
}

// VillageRow is what one craft village received in the period.
type VillageRow struct {
	// VillageID, Name, Ward (name) and Trade describe it.
	VillageID         int64
	Name, Ward, Trade string
	// Enterprises counts the enterprises that belong to it (today).
	Enterprises int
	// Classes counts classes held for it that started in the period, not cancelled; Trainees
	// their active enrolments; ClassBudget their budgets.
	Classes, Trainees int
	ClassBudget       int64
	// Bookings counts its enterprises' active bookings at fairs that started in the period;
	// FairSupport their support.
	Bookings    int
	FairSupport int64
	// Equipment counts its enterprises' equipment and models approved (requested in the period,
	// not refused); EquipmentSupport their approved support.
	Equipment        int
	EquipmentSupport int64
	// Amount is ClassBudget + FairSupport + EquipmentSupport.
	Amount int64
}

// Add adds r2's counts to r.
func (r *VillageRow) Add(r2 VillageRow) {
	r.Enterprises += r2.Enterprises
	r.Classes += r2.Classes
	r.Trainees += r2.Trainees
	r.ClassBudget += r2.ClassBudget
	r.Bookings += r2.Bookings
	r.FairSupport += r2.FairSupport
	r.Equipment += r2.Equipment
	r.EquipmentSupport += r2.EquipmentSupport
	r.Amount += r2.Amount
}

// VillageReport is report 6, the support each craft village received in the period.
type VillageReport struct {
	// Period and Filter are what was asked.
	Period Period
	Filter ReportFilter
	// Villages are every village of the register (the filter's), by name, also those that got nothing.
	Villages []VillageRow
	// Total sums them.
	Total VillageRow
}

// BudgetRow is the money of one funding source or content for a year's đề án (not cancelled).
type BudgetRow struct {
	// Key is the funding or content; Label its name.
	Key, Label string
	// Planned sums the đề án's support, Committed what their activities hold, Paid their payments.
	Planned, Committed, Paid int64
}

// Figures are the dashboard's figures for one period (a year on the dashboard).
type Figures struct {
	// Classes counts classes that started in the period, not cancelled; Trainees their active
	// enrolments, Women those of women, Completed and Employed as in TrainingRow.
	Classes, Trainees, Women, Completed, Employed int
	// Certificates counts certificates issued (first issues and re-issues) dated in the period;
	// Revoked those revoked in it and not re-issued since.
	Certificates, Revoked int
	// Fairs counts fairs that started in the period, not cancelled; Bookings their active
	// bookings; FairEnterprises the distinct enterprises booked.
	Fairs, Bookings, FairEnterprises int
	// Equipment and Models count equipment (machines and lines) and demonstration models
	// requested in the period and approved (not requested only, not refused).
	Equipment, Models int
	// Enterprises counts the distinct enterprises supported in the period (as in SupportReport).
	Enterprises int
	// ByFunding and ByContent are the money of the đề án of the period's last year, every
	// source and every content in order; Budget totals them.
	ByFunding, ByContent []BudgetRow
	Budget               BudgetRow
}

// Dashboard is the Tổng quan screen: a year beside the previous one.
type Dashboard struct {
	// Year is the year shown; Current its figures, Previous the year before's.
	Year              int
	Current, Previous Figures
}

// ReportService computes the managers' figures. Every method reads one consistent snapshot and
// honours ctx's cancellation; EINVALID for a period that fails Validate.
type ReportService interface {
	// Dashboard returns the figures of a year and of the year before. EINVALID for a year out of range.
	Dashboard(ctx context.Context, year int) (*Dashboard, error)
	// Figures returns the dashboard's figures for any period, unfiltered. EINVALID.
	Figures(ctx context.Context, p Period) (*Figures, error)
	// ResultsReport returns report 1. EINVALID.
	ResultsReport(ctx context.Context, p Period, f ReportFilter) (*ResultsReport, error)
	// TrainingReport returns report 2. EINVALID.
	TrainingReport(ctx context.Context, p Period, f ReportFilter) (*TrainingReport, error)
	// FairReport returns report 3. EINVALID.
	FairReport(ctx context.Context, p Period, f ReportFilter) (*FairReport, error)
	// SupportReport returns report 4. EINVALID.
	SupportReport(ctx context.Context, p Period, f ReportFilter) (*SupportReport, error)
	// CertificateReport returns report 5. EINVALID.
	CertificateReport(ctx context.Context, p Period, f ReportFilter) (*CertificateReport, error)
	// VillageReport returns report 6. EINVALID.
	VillageReport(ctx context.Context, p Period, f ReportFilter) (*VillageReport, error)
}
