package data

import (
	"context"
	"strings"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// Content is what a đề án does: one of the nine contents of khuyến công activity in Decree
// 45/2012/NĐ-CP art. 4.
type Content string

// The nine contents, in the decree's order.
const (
	ContentTraining      Content = "dao_tao"   // đào tạo nghề, truyền nghề, nâng cao tay nghề
	ContentManagement    Content = "quan_ly"   // nâng cao năng lực quản lý
	ContentTechnology    Content = "cong_nghe" // mô hình trình diễn, chuyển giao công nghệ, máy móc thiết bị
	ContentProducts      Content = "san_pham"  // sản phẩm CNNT tiêu biểu, hội chợ triển lãm
	ContentConsulting    Content = "tu_van"    // tư vấn
	ContentInformation   Content = "thong_tin" // thông tin tuyên truyền
	ContentCooperation   Content = "lien_ket"  // liên doanh liên kết, cụm công nghiệp
	ContentInternational Content = "quoc_te"   // hợp tác quốc tế
	ContentCapacity      Content = "nang_luc"  // nâng cao năng lực tổ chức khuyến công
)

// Contents lists the contents in the decree's order, as forms, filters and reports show them.
var Contents = []Content{ContentTraining, ContentManagement, ContentTechnology, ContentProducts,
	ContentConsulting, ContentInformation, ContentCooperation, ContentInternational, ContentCapacity}

// Label returns the content's Vietnamese name.
func (c Content) Label() string {
	switch c {
	case ContentTraining:
		return "Đào tạo nghề, truyền nghề"
	case ContentManagement:
		return "Nâng cao năng lực quản lý"
	case ContentTechnology:
		return "Mô hình trình diễn, chuyển giao công nghệ, ứng dụng máy móc thiết bị"
	case ContentProducts:
		return "Sản phẩm công nghiệp nông thôn tiêu biểu, hội chợ triển lãm"
	case ContentConsulting:
		return "Tư vấn"
	case ContentInformation:
		return "Thông tin tuyên truyền"
	case ContentCooperation:
		return "Liên doanh liên kết, cụm công nghiệp"
	case ContentInternational:
		return "Hợp tác quốc tế"
	case ContentCapacity:
		return "Nâng cao năng lực tổ chức khuyến công"
	}
	return string(c)
}

// Valid reports whether c is one of Contents.
func (c Content) Valid() bool {
	for _, x := range Contents {
		if x == c {
			return true
		}
	}
	return false
}

// ContentOfClass is the content that pays for a class of kind k: classes for officials and
// managers build management capacity, the others train workers.
func ContentOfClass(k ClassKind) Content {
	if k == ClassKindOfficials || k == ClassKindManagement {
		return ContentManagement
	}
	return ContentTraining
}

// Funding is where a đề án's khuyến công money comes from.
type Funding string

// The two sources of khuyến công funds.
const (
	FundingNational Funding = "quoc_gia"   // khuyến công quốc gia (the ministry)
	FundingLocal    Funding = "dia_phuong" // khuyến công địa phương (the city)
)

// Fundings lists the sources in the order forms show them.
var Fundings = []Funding{FundingNational, FundingLocal}

// Label returns the source's Vietnamese name.
func (f Funding) Label() string {
	switch f {
	case FundingNational:
		return "Khuyến công quốc gia"
	case FundingLocal:
		return "Khuyến công địa phương"
	}
	return string(f)
}

// Plan is a year's khuyến công plan (kế hoạch khuyến công), approved by a decision; the đề án of
// the year belong to it. There is at most one plan a year.
type Plan struct {
	// ID is the store's key.
	ID int64
	// Year is the plan's year, unique.
	Year int
	// Name is the plan's title, e.g. "Kế hoạch khuyến công thành phố Hà Nội năm 2026".
	Name string
	// Decision and DecisionDate are the number and date of the decision approving it; may be empty.
	Decision     string
	DecisionDate vn.Date
	// Notes are free text.
	Notes string
	// Version counts saved changes; an update must carry the version it read.
	Version int
}

// Normalize puts every field in its stored form.
func (p *Plan) Normalize() {
	for _, s := range []*string{&p.Name, &p.Decision, &p.Notes} {
		*s = vn.NFC(*s)
	}
}

// Validate checks a plan by itself. EINVALID.
func (p *Plan) Validate() error {
	switch {
	case p.Year < vn.MinYear || p.Year > vn.MaxYear:
		return Errorf(EINVALID, "Năm kế hoạch phải từ %d đến %d.", vn.MinYear, vn.MaxYear)
	case strings.TrimSpace(p.Name) == "":
		return Errorf(EINVALID, "Tên kế hoạch không được để trống.")
	}
	return firstError(
		ValidateDate("Ngày quyết định", p.DecisionDate),
		checkText(
			textField{"Tên kế hoạch", p.Name, MaxNameLen, false},
			textField{"Số quyết định", p.Decision, MaxShortLen, false},
			textField{"Ghi chú", p.Notes, MaxLongLen, true},
		),
	)
}

// ProgrammeStatus is where a đề án is in its life.
type ProgrammeStatus string

// A đề án is proposed, approved, carried out, accepted (nghiệm thu) and settled (quyết toán); or
// cancelled with a reason.
const (
	ProgrammeProposed  ProgrammeStatus = "de_xuat"        // đề xuất
	ProgrammeApproved  ProgrammeStatus = "duoc_duyet"     // được duyệt
	ProgrammeRunning   ProgrammeStatus = "dang_thuc_hien" // đang thực hiện
	ProgrammeAccepted  ProgrammeStatus = "nghiem_thu"     // nghiệm thu
	ProgrammeSettled   ProgrammeStatus = "quyet_toan"     // quyết toán: closed, nothing changes any more
	ProgrammeCancelled ProgrammeStatus = "huy"            // hủy
)

// ProgrammeStatuses lists the statuses in their order.
var ProgrammeStatuses = []ProgrammeStatus{ProgrammeProposed, ProgrammeApproved, ProgrammeRunning,
	ProgrammeAccepted, ProgrammeSettled, ProgrammeCancelled}

// Label returns the status's Vietnamese name.
func (s ProgrammeStatus) Label() string {
	switch s {
	case ProgrammeProposed:
		return "Đề xuất"
	case ProgrammeApproved:
		return "Được duyệt"
	case ProgrammeRunning:
		return "Đang thực hiện"
	case ProgrammeAccepted:
		return "Nghiệm thu"
	case ProgrammeSettled:
		return "Quyết toán"
	case ProgrammeCancelled:
		return "Hủy"
	}
	return string(s)
}

// Next lists the statuses a đề án may move to from s. A settled or cancelled đề án is final.
func (s ProgrammeStatus) Next() []ProgrammeStatus {
	switch s {
	case ProgrammeProposed:
		return []ProgrammeStatus{ProgrammeApproved, ProgrammeCancelled}
	case ProgrammeApproved:
		return []ProgrammeStatus{ProgrammeRunning, ProgrammeCancelled}
	case ProgrammeRunning:
		return []ProgrammeStatus{ProgrammeAccepted, ProgrammeCancelled}
	case ProgrammeAccepted:
		return []ProgrammeStatus{ProgrammeSettled}
	}
	return nil
}

// Commits reports whether a đề án in status s holds money: approved and after, not cancelled.
// Classes, fairs and equipment may be linked to a đề án in any status but proposed… settled; a
// payment needs one that is approved, running or accepted.
func (s ProgrammeStatus) Commits() bool {
	return s == ProgrammeApproved || s == ProgrammeRunning || s == ProgrammeAccepted || s == ProgrammeSettled
}

// Measure is what a target of a đề án counts.
type Measure string

// What targets count: the first five are counted by the store from what is linked to the đề án;
// MeasureOther is recorded by hand.
const (
	MeasureTrainees    Measure = "hoc_vien" // trainees who completed a linked class (lao động)
	MeasureClasses     Measure = "lop"      // linked classes held, not cancelled (lớp)
	MeasureEnterprises Measure = "co_so"    // enterprises supported: booked at a linked fair with support, or given equipment (cơ sở)
	MeasureEquipment   Measure = "thiet_bi" // machines and lines accepted (nghiệm thu) (thiết bị)
	MeasureModels      Measure = "mo_hinh"  // demonstration models accepted (mô hình)
	MeasureOther       Measure = "khac"     // anything else, achieved entered by hand
)

// Measures lists the measures in the order forms show them.
var Measures = []Measure{MeasureTrainees, MeasureClasses, MeasureEnterprises, MeasureEquipment, MeasureModels, MeasureOther}

// Label returns the measure's Vietnamese name.
func (m Measure) Label() string {
	switch m {
	case MeasureTrainees:
		return "Lao động được đào tạo"
	case MeasureClasses:
		return "Lớp học"
	case MeasureEnterprises:
		return "Cơ sở được hỗ trợ"
	case MeasureEquipment:
		return "Máy móc, thiết bị"
	case MeasureModels:
		return "Mô hình trình diễn"
	case MeasureOther:
		return "Khác"
	}
	return string(m)
}

// Unit is the measure's unit as documents print it after a number ("150 lao động").
func (m Measure) Unit() string {
	switch m {
	case MeasureTrainees:
		return "lao động"
	case MeasureClasses:
		return "lớp"
	case MeasureEnterprises:
		return "cơ sở"
	case MeasureEquipment:
		return "thiết bị"
	case MeasureModels:
		return "mô hình"
	}
	return ""
}

// Target is one planned result of a đề án, e.g. "đào tạo 150 lao động".
type Target struct {
	// Measure is what it counts.
	Measure Measure
	// Label describes the target, e.g. "Đào tạo nghề gốm cho lao động nông thôn"; required for MeasureOther.
	Label string
	// Unit is printed after the numbers; empty means Measure.Unit() (required for MeasureOther).
	Unit string
	// Planned is the number planned, 1–MaxCount.
	Planned int
	// Achieved is the number reached: counted by the store on reads, except for MeasureOther, where it is entered.
	Achieved int
}

// Validate checks a target; n is its line on the form, from 1. EINVALID.
func (t Target) Validate(n int) error {
	ok := false
	for _, m := range Measures {
		ok = ok || m == t.Measure
	}
	switch {
	case !ok:
		return Errorf(EINVALID, "Chỉ tiêu %d: hãy chọn chỉ tiêu đo gì.", n)
	case t.Planned < 1 || t.Planned > MaxCount:
		return Errorf(EINVALID, "Chỉ tiêu %d: số kế hoạch phải từ 1 đến %s.", n, vn.FormatInt(MaxCount))
	case t.Achieved < 0 || t.Achieved > MaxCount:
		return Errorf(EINVALID, "Chỉ tiêu %d: số đạt được phải từ 0 đến %s.", n, vn.FormatInt(MaxCount))
	case t.Measure == MeasureOther && (strings.TrimSpace(t.Label) == "" || strings.TrimSpace(t.Unit) == ""):
		return Errorf(EINVALID, "Chỉ tiêu %d: chỉ tiêu loại “Khác” cần nội dung và đơn vị tính.", n)
	}
	return checkText(
		textField{"Nội dung chỉ tiêu", t.Label, MaxShortLen, false},
		textField{"Đơn vị tính", t.Unit, MaxShortLen, false},
	)
}

// UnitOrDefault is the unit printed after the target's numbers.
func (t Target) UnitOrDefault() string {
	if t.Unit != "" {
		return t.Unit
	}
	return t.Measure.Unit()
}

// MaxTargets bounds the targets of one đề án.
const MaxTargets = 20

// MaxProgrammeBudget bounds a đề án's money: 1.000 tỷ đồng, far above any real đề án.
const MaxProgrammeBudget = 1_000_000_000_000

// Programme is a đề án khuyến công: a funded piece of the year's plan.
type Programme struct {
	// ID is the store's key.
	ID int64
	// PlanID is the plan it belongs to; Year is the plan's year (filled on reads).
	PlanID int64
	Year   int
	// Code is unique within its year, e.g. "ĐA-01/2026"; stored upper-case.
	Code string
	// Name is the đề án's name.
	Name string
	// Content is its content under Decree 45/2012 art. 4.
	Content Content
	// Funding is the source of its khuyến công money.
	Funding Funding
	// Decision and DecisionDate are the approving decision's number and date.
	Decision     string
	DecisionDate vn.Date
	// Unit is the implementing unit (đơn vị thực hiện).
	Unit string
	// Start and End bound when it is carried out.
	Start, End vn.Date
	// Support is the khuyến công money planned (kinh phí khuyến công), in đồng.
	Support int64
	// Own is the beneficiaries' own contribution planned (vốn đối ứng), in đồng.
	Own int64
	// Targets are its planned results, in the order entered; Achieved is filled on reads.
	Targets []Target
	// Status is where it is; changed only through SetProgrammeStatus.
	Status ProgrammeStatus
	// CancelReason says why a cancelled đề án was cancelled.
	CancelReason string
	// Committed is what its linked classes (budget), fair bookings (support of active bookings)
	// and equipment (approved support, not refused) hold; Paid is the sum of its payments. Both
	// filled on reads.
	Committed, Paid int64
	// Version counts saved changes; an update must carry the version it read.
	Version int
}

// Remaining is what may still be paid: Support − Paid.
func (p *Programme) Remaining() int64 { return p.Support - p.Paid }

// Normalize puts every field in its stored form.
func (p *Programme) Normalize() {
	p.Code = strings.ToUpper(vn.NFC(strings.TrimSpace(p.Code)))
	for _, s := range []*string{&p.Name, &p.Decision, &p.Unit, &p.CancelReason} {
		*s = vn.NFC(*s)
	}
	for i := range p.Targets {
		p.Targets[i].Label = vn.NFC(p.Targets[i].Label)
		p.Targets[i].Unit = vn.NFC(p.Targets[i].Unit)
	}
	if p.Status == "" {
		p.Status = ProgrammeProposed
	}
}

// Validate checks a đề án by itself (the store checks its plan, year and code). EINVALID.
func (p *Programme) Validate() error {
	switch {
	case strings.TrimSpace(p.Code) == "":
		return Errorf(EINVALID, "Mã đề án không được để trống.")
	case strings.TrimSpace(p.Name) == "":
		return Errorf(EINVALID, "Tên đề án không được để trống.")
	case utf8.RuneCountInString(p.Name) > MaxNameLen:
		return Errorf(EINVALID, "Tên đề án dài quá %d ký tự.", MaxNameLen)
	case !p.Content.Valid():
		return Errorf(EINVALID, "Hãy chọn nội dung khuyến công của đề án.")
	case p.Funding != FundingNational && p.Funding != FundingLocal:
		return Errorf(EINVALID, "Hãy chọn nguồn kinh phí: khuyến công quốc gia hay địa phương.")
	case p.Start.IsZero() || p.End.IsZero():
		return Errorf(EINVALID, "Hãy nhập thời gian bắt đầu và kết thúc đề án.")
	case p.End.Before(p.Start):
		return Errorf(EINVALID, "Ngày kết thúc %s trước ngày bắt đầu %s.", p.End, p.Start)
	case p.Support < 0 || p.Support > MaxProgrammeBudget:
		return Errorf(EINVALID, "Kinh phí khuyến công phải từ 0 đến %s (đang là %s).", vn.FormatMoney(MaxProgrammeBudget), vn.FormatMoney(p.Support))
	case p.Own < 0 || p.Own > MaxProgrammeBudget:
		return Errorf(EINVALID, "Vốn đối ứng phải từ 0 đến %s (đang là %s).", vn.FormatMoney(MaxProgrammeBudget), vn.FormatMoney(p.Own))
	case len(p.Targets) > MaxTargets:
		return Errorf(EINVALID, "Một đề án có tối đa %d chỉ tiêu.", MaxTargets)
	case p.Status == ProgrammeCancelled && strings.TrimSpace(p.CancelReason) == "":
		return Errorf(EINVALID, "Hãy ghi lý do hủy đề án.")
	}
	errs := []error{
		ValidateDate("Ngày quyết định", p.DecisionDate),
		ValidateDate("Ngày bắt đầu", p.Start),
		ValidateDate("Ngày kết thúc", p.End),
		checkText(
			textField{"Mã đề án", p.Code, MaxClassCodeLen, false},
			textField{"Tên đề án", p.Name, MaxNameLen, false},
			textField{"Số quyết định", p.Decision, MaxShortLen, false},
			textField{"Đơn vị thực hiện", p.Unit, MaxShortLen, false},
			textField{"Lý do hủy", p.CancelReason, MaxLongLen, true},
		),
	}
	for i, t := range p.Targets {
		errs = append(errs, t.Validate(i+1))
	}
	return firstError(errs...)
}

// PaymentKind says whether a payment is an advance (tạm ứng) or a payment (thanh toán).
type PaymentKind string

// The two kinds of payment.
const (
	PaymentAdvance PaymentKind = "tam_ung"    // tạm ứng: at most MaxAdvancePercent of what it pays for
	PaymentFinal   PaymentKind = "thanh_toan" // thanh toán
)

// Label returns the kind's Vietnamese name.
func (k PaymentKind) Label() string {
	switch k {
	case PaymentAdvance:
		return "Tạm ứng"
	case PaymentFinal:
		return "Thanh toán"
	}
	return string(k)
}

// MaxAdvancePercent is the largest share of a contract's supported amount that advances may
// reach, as the rules on advancing state budget funds set it.
const MaxAdvancePercent = 70

// Payment is money paid out of a đề án: for one class, one fair booking, one equipment record,
// or (none set) the đề án's general costs.
type Payment struct {
	// ID is the store's key; ProgrammeID the đề án paying.
	ID, ProgrammeID int64
	// Kind is advance or payment.
	Kind PaymentKind
	// Date is when it was paid; Amount how much, in đồng (> 0).
	Date   vn.Date
	Amount int64
	// Voucher is the voucher's number (số chứng từ).
	Voucher string
	// At most one of ClassID, BookingID, EquipmentID says what it pays; none means general costs.
	ClassID, BookingID, EquipmentID int64
	// For names what it pays, filled on reads: "Lớp LH-2026-003", "Gian hàng — Công ty…", "Chi chung".
	For string
	// Notes are free text.
	Notes string
}

// Normalize puts every field in its stored form.
func (p *Payment) Normalize() {
	p.Voucher = vn.NFC(strings.TrimSpace(p.Voucher))
	p.Notes = vn.NFC(p.Notes)
}

// Validate checks a payment by itself (the store checks what remains and the advance rule). EINVALID.
func (p *Payment) Validate() error {
	n := 0
	for _, id := range []int64{p.ClassID, p.BookingID, p.EquipmentID} {
		if id != 0 {
			n++
		}
	}
	switch {
	case p.ProgrammeID == 0:
		return Errorf(EINVALID, "Hãy chọn đề án chi trả.")
	case p.Kind != PaymentAdvance && p.Kind != PaymentFinal:
		return Errorf(EINVALID, "Hãy chọn tạm ứng hay thanh toán.")
	case p.Date.IsZero():
		return Errorf(EINVALID, "Hãy nhập ngày chi.")
	case p.Amount <= 0 || p.Amount > MaxProgrammeBudget:
		return Errorf(EINVALID, "Số tiền phải lớn hơn 0 và không quá %s (đang là %s).", vn.FormatMoney(MaxProgrammeBudget), vn.FormatMoney(p.Amount))
	case strings.TrimSpace(p.Voucher) == "":
		return Errorf(EINVALID, "Hãy nhập số chứng từ.")
	case n > 1:
		return Errorf(EINVALID, "Một khoản chi chỉ trả cho một việc: một lớp, một gian hàng hoặc một hồ sơ thiết bị.")
	}
	return firstError(
		ValidateDate("Ngày chi", p.Date),
		checkText(
			textField{"Số chứng từ", p.Voucher, MaxShortLen, false},
			textField{"Ghi chú", p.Notes, MaxLongLen, true},
		),
	)
}

// PlanSummary is a plan with its đề án and their totals: the Đề án screen's list for a year.
type PlanSummary struct {
	// Plan is the year's plan; nil when the year has none yet.
	Plan *Plan
	// Programmes are the year's đề án by code, each with Committed, Paid and target progress.
	Programmes []*Programme
	// Support, Own, Committed and Paid total the đề án that are not cancelled.
	Support, Own, Committed, Paid int64
}

// ProgrammeFilter selects đề án.
type ProgrammeFilter struct {
	// Search matches code, name, unit and decision, ignoring case and tone marks.
	Search string
	// Year, Content, Funding and Status keep only exact matches.
	Year    *int
	Content *Content
	Funding *Funding
	Status  *ProgrammeStatus
	// Offset and Limit page the result (by year descending, then code); Limit 0 means no limit.
	Offset, Limit int
}

// ActivityKind is what an activity linked to a đề án is.
type ActivityKind string

// The kinds of activity a đề án pays for.
const (
	ActivityClass     ActivityKind = "lop"      // a class
	ActivityFair      ActivityKind = "hoi_cho"  // a fair (its supported bookings)
	ActivityEquipment ActivityKind = "thiet_bi" // machinery or a production line
	ActivityModel     ActivityKind = "mo_hinh"  // a demonstration model
)

// Label returns the kind's Vietnamese name.
func (k ActivityKind) Label() string {
	switch k {
	case ActivityClass:
		return "Lớp học"
	case ActivityFair:
		return "Hội chợ"
	case ActivityEquipment:
		return MeasureEquipment.Label()
	case ActivityModel:
		return MeasureModels.Label()
	}
	return string(k)
}

// Activity is one class, fair or equipment record linked to a đề án, as its page lists them.
type Activity struct {
	// Kind says whether it is a class, a fair, machinery or a model.
	Kind ActivityKind
	// ID is the class's, fair's or equipment record's key; Code its code ("LH-2026-003").
	ID   int64
	Code string
	// Name describes it; Status is its status's label.
	Name, Status string
	// Start is its first day (the class's or fair's start, the equipment's request date).
	Start vn.Date
	// Committed is what it holds of the đề án's money; Paid what has been paid for it.
	Committed, Paid int64
	// Achieved is what it adds to the đề án's targets in the unit of Measure ("18 lao động").
	Achieved string
}

// ProgrammeDetail is everything a đề án's page and sheet show.
type ProgrammeDetail struct {
	// Programme has its totals and target progress.
	Programme *Programme
	// Activities are its linked classes, fairs and equipment, by start.
	Activities []Activity
	// Payments are its payments by date.
	Payments []*Payment
}

// ProgrammeService keeps the yearly plans, the đề án and their payments.
type ProgrammeService interface {
	// FindPlan returns the plan of a year. ENOTFOUND.
	FindPlan(ctx context.Context, year int) (*Plan, error)
	// SavePlan creates a plan (ID 0) or updates one. EINVALID; ECONFLICT for a year that has
	// one, or a stale version.
	SavePlan(ctx context.Context, p *Plan) error
	// PlanSummary returns a year's plan with every đề án's planned, committed and paid money.
	PlanSummary(ctx context.Context, year int) (*PlanSummary, error)

	// FindProgrammeByID returns one đề án with its totals and targets' progress. ENOTFOUND.
	FindProgrammeByID(ctx context.Context, id int64) (*Programme, error)
	// FindProgrammeByCode returns the đề án of a year with a code, typed in any case. ENOTFOUND.
	FindProgrammeByCode(ctx context.Context, year int, code string) (*Programme, error)
	// FindProgrammes returns a page of the đề án the filter selects, with totals.
	FindProgrammes(ctx context.Context, f ProgrammeFilter) ([]*Programme, error)
	// CountProgrammes returns how many đề án the filter selects.
	CountProgrammes(ctx context.Context, f ProgrammeFilter) (int, error)
	// CreateProgramme stores a new đề án in its plan (PlanID required; the plan's year applies).
	// EINVALID; ENOTFOUND for the plan; ECONFLICT for a code the year already has.
	CreateProgramme(ctx context.Context, p *Programme) error
	// UpdateProgramme saves a đề án. EINVALID (a support below what is already paid); ENOTFOUND;
	// ECONFLICT for a stale version, a code taken, or a settled or cancelled đề án.
	UpdateProgramme(ctx context.Context, p *Programme) error
	// SetProgrammeStatus moves a đề án along ProgrammeStatus.Next (a reason required to cancel;
	// cancelling is refused while payments exist). EINVALID; ECONFLICT.
	SetProgrammeStatus(ctx context.Context, id int64, version int, to ProgrammeStatus, reason string) (*Programme, error)
	// DeleteProgramme removes a đề án that nothing points to. ECONFLICT naming what points to it.
	DeleteProgramme(ctx context.Context, id int64) error
	// ProgrammeDetail returns a đề án with its linked activities and payments. ENOTFOUND.
	ProgrammeDetail(ctx context.Context, id int64) (*ProgrammeDetail, error)
	// Eligible returns the đề án a class, fair or equipment record of a year and content may be
	// linked to: that year and content, not cancelled or settled; for the forms' pickers.
	Eligible(ctx context.Context, year int, content Content) ([]*Programme, error)

	// AddPayment records a payment. EINVALID: the đề án not approved/running/accepted, the
	// amount above what remains of its support (the message says what remains), advances for
	// one item above MaxAdvancePercent of its supported amount (the message says how much may
	// still be advanced), an item not linked to this đề án. Two clerks paying the last of a
	// đề án at once: one succeeds, the other gets EINVALID with what remains.
	AddPayment(ctx context.Context, p *Payment) error
	// DeletePayment removes a payment recorded by mistake; refused for a settled đề án. ECONFLICT.
	DeletePayment(ctx context.Context, id int64) error
}
