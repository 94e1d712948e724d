package data

import (
	"context"
	"strings"

	"khuyencong/data/vn"
)

// EquipmentKind is what an equipment-support record pays for.
type EquipmentKind string

// The kinds of equipment support (content 3 of Decree 45/2012 art. 4).
const (
	EquipmentMachine EquipmentKind = "may_moc"    // máy móc thiết bị
	EquipmentLine    EquipmentKind = "day_chuyen" // dây chuyền sản xuất
	EquipmentModel   EquipmentKind = "mo_hinh"    // mô hình trình diễn kỹ thuật
)

// EquipmentKinds lists the kinds in the order forms show them.
var EquipmentKinds = []EquipmentKind{EquipmentMachine, EquipmentLine, EquipmentModel}

// Label returns the kind's Vietnamese name.
func (k EquipmentKind) Label() string {
	switch k {
	case EquipmentMachine:
		return "Máy móc, thiết bị"
	case EquipmentLine:
		return "Dây chuyền sản xuất"
	case EquipmentModel:
		return "Mô hình trình diễn"
	}
	return string(k)
}

// EquipmentStatus is where an equipment-support record stands.
type EquipmentStatus string

// A request is approved, accepted (nghiệm thu) and paid; or refused with a reason.
const (
	EquipmentRequested EquipmentStatus = "de_nghi"       // đề nghị
	EquipmentApproved  EquipmentStatus = "duoc_duyet"    // được duyệt
	EquipmentAccepted  EquipmentStatus = "da_nghiem_thu" // đã nghiệm thu
	EquipmentPaid      EquipmentStatus = "da_thanh_toan" // đã thanh toán
	EquipmentRefused   EquipmentStatus = "tu_choi"       // từ chối
)

// EquipmentStatuses lists the statuses in their order.
var EquipmentStatuses = []EquipmentStatus{EquipmentRequested, EquipmentApproved, EquipmentAccepted, EquipmentPaid, EquipmentRefused}

// Label returns the status's Vietnamese name.
func (s EquipmentStatus) Label() string {
	switch s {
	case EquipmentRequested:
		return "Đề nghị"
	case EquipmentApproved:
		return "Được duyệt"
	case EquipmentAccepted:
		return "Đã nghiệm thu"
	case EquipmentPaid:
		return "Đã thanh toán"
	case EquipmentRefused:
		return "Từ chối"
	}
	return string(s)
}

// Next lists the statuses a record may move to from s.
func (s EquipmentStatus) Next() []EquipmentStatus {
	switch s {
	case EquipmentRequested:
		return []EquipmentStatus{EquipmentApproved, EquipmentRefused}
	case EquipmentApproved:
		return []EquipmentStatus{EquipmentAccepted, EquipmentRefused}
	case EquipmentAccepted:
		return []EquipmentStatus{EquipmentPaid}
	}
	return nil
}

// Commits reports whether a record in status s holds its approved support against its đề án.
func (s EquipmentStatus) Commits() bool {
	return s == EquipmentApproved || s == EquipmentAccepted || s == EquipmentPaid
}

// EquipmentRule is how much of an investment the centre supports: a share, capped.
type EquipmentRule struct {
	// SharePercent is the share of the total investment supported, 0–100.
	SharePercent int
	// Cap bounds the support of one record, in đồng; 0 means no cap.
	Cap int64
}

// Support is what the rule allows for an investment: the share, rounded down, capped.
func (r EquipmentRule) Support(investment int64) int64 {
	s := investment / 100 * int64(r.SharePercent)
	s += investment % 100 * int64(r.SharePercent) / 100
	if r.Cap > 0 && s > r.Cap {
		s = r.Cap
	}
	return s
}

// Validate checks a rule. EINVALID.
func (r EquipmentRule) Validate() error {
	if r.SharePercent < 0 || r.SharePercent > 100 {
		return Errorf(EINVALID, "Tỷ lệ hỗ trợ phải từ 0 đến 100%% (đang là %d%%).", r.SharePercent)
	}
	return checkMoney("Mức hỗ trợ tối đa", r.Cap)
}

// EquipmentSettings are the rules of each kind; shared by everyone.
type EquipmentSettings struct {
	// Rules is the rule of each kind.
	Rules map[EquipmentKind]EquipmentRule
}

// DefaultEquipmentSettings: machines and lines 50 % capped at 200.000.000 đ, a demonstration
// model 30 % capped at 500.000.000 đ.
func DefaultEquipmentSettings() EquipmentSettings {
	return EquipmentSettings{Rules: map[EquipmentKind]EquipmentRule{
		EquipmentMachine: {SharePercent: 50, Cap: 200_000_000},
		EquipmentLine:    {SharePercent: 50, Cap: 200_000_000},
		EquipmentModel:   {SharePercent: 30, Cap: 500_000_000},
	}}
}

// Equipment is one enterprise's request for support to buy machinery, a production line or to
// build a demonstration model, paid from a đề án.
type Equipment struct {
	// ID is the store's key.
	ID int64
	// Code is unique, e.g. "TB-2026-004"; proposed by the store when empty.
	Code string
	// EnterpriseID is who receives it; EnterpriseName is filled on reads.
	EnterpriseID   int64
	EnterpriseName string
	// ProgrammeID is the đề án paying (content "mô hình trình diễn, chuyển giao công nghệ…");
	// ProgrammeCode is filled on reads.
	ProgrammeID   int64
	ProgrammeCode string
	// Kind is machine, line or model.
	Kind EquipmentKind
	// What describes it, e.g. "Lò nung gas 3 m³".
	What string
	// Supplier is who sells or builds it.
	Supplier string
	// RequestedOn is the date of the request.
	RequestedOn vn.Date
	// Investment is the total investment; Requested the support asked for, in đồng.
	Investment, Requested int64
	// Approved is the support approved, set when approving; Rule is the rule applied then.
	Approved int64
	Rule     EquipmentRule
	// OverCapReason is why a manager approved more than the rule allows (required then).
	OverCapReason string
	// Status is where it stands; changed only through SetEquipmentStatus.
	Status EquipmentStatus
	// RefusalReason says why a refused request was refused.
	RefusalReason string
	// AcceptedOn and PaidOn are the dates of acceptance (nghiệm thu) and payment.
	AcceptedOn, PaidOn vn.Date
	// Documents lists the papers' numbers (contract, acceptance record, payment voucher).
	Documents string
	// Version counts saved changes; an update must carry the version it read.
	Version int
}

// Normalize puts every field in its stored form.
func (e *Equipment) Normalize() {
	e.Code = strings.ToUpper(vn.NFC(strings.TrimSpace(e.Code)))
	for _, s := range []*string{&e.What, &e.Supplier, &e.OverCapReason, &e.RefusalReason, &e.Documents} {
		*s = vn.NFC(*s)
	}
	if e.Status == "" {
		e.Status = EquipmentRequested
	}
}

// Validate checks a record by itself. EINVALID.
func (e *Equipment) Validate() error {
	ok := false
	for _, k := range EquipmentKinds {
		ok = ok || k == e.Kind
	}
	switch {
	case e.EnterpriseID == 0:
		return Errorf(EINVALID, "Hãy chọn cơ sở được hỗ trợ.")
	case e.ProgrammeID == 0:
		return Errorf(EINVALID, "Hãy chọn đề án chi trả.")
	case !ok:
		return Errorf(EINVALID, "Hãy chọn loại hỗ trợ: máy móc, dây chuyền hay mô hình trình diễn.")
	case strings.TrimSpace(e.What) == "":
		return Errorf(EINVALID, "Hãy ghi tên máy móc, dây chuyền hoặc mô hình.")
	case e.RequestedOn.IsZero():
		return Errorf(EINVALID, "Hãy nhập ngày đề nghị.")
	case e.Investment <= 0:
		return Errorf(EINVALID, "Tổng vốn đầu tư phải lớn hơn 0.")
	case e.Requested > e.Investment:
		return Errorf(EINVALID, "Kinh phí đề nghị hỗ trợ (%s) lớn hơn tổng vốn đầu tư (%s).", vn.FormatMoney(e.Requested), vn.FormatMoney(e.Investment))
	case e.Approved > e.Investment:
		return Errorf(EINVALID, "Kinh phí được duyệt (%s) lớn hơn tổng vốn đầu tư (%s).", vn.FormatMoney(e.Approved), vn.FormatMoney(e.Investment))
	}
	return firstError(
		checkMoney("Tổng vốn đầu tư", e.Investment),
		checkMoney("Kinh phí đề nghị hỗ trợ", e.Requested),
		checkMoney("Kinh phí được duyệt", e.Approved),
		ValidateDate("Ngày đề nghị", e.RequestedOn),
		ValidateDate("Ngày nghiệm thu", e.AcceptedOn),
		ValidateDate("Ngày thanh toán", e.PaidOn),
		e.Rule.Validate(),
		checkText(
			textField{"Mã hồ sơ", e.Code, MaxClassCodeLen, false},
			textField{"Tên máy móc, mô hình", e.What, MaxNameLen, false},
			textField{"Nhà cung cấp", e.Supplier, MaxShortLen, false},
			textField{"Lý do vượt mức", e.OverCapReason, MaxLongLen, true},
			textField{"Lý do từ chối", e.RefusalReason, MaxLongLen, true},
			textField{"Số văn bản", e.Documents, MaxLongLen, true},
		),
	)
}

// EquipmentFilter selects equipment records.
type EquipmentFilter struct {
	// Search matches code, what, supplier and the enterprise's name, ignoring case and tone marks.
	Search string
	// Year keeps the records requested that year; the rest keep exact matches.
	Year         *int
	Kind         *EquipmentKind
	Status       *EquipmentStatus
	EnterpriseID *int64
	ProgrammeID  *int64
	// Offset and Limit page the result (newest request first); Limit 0 means no limit.
	Offset, Limit int
}

// EquipmentTransition moves a record to another status with what that step records.
type EquipmentTransition struct {
	// ID and Version name the record as read.
	ID      int64
	Version int
	// To is the new status.
	To EquipmentStatus
	// Approved is the support approved (to EquipmentApproved); the settings' rule of the kind
	// applies and is stored; above it, OverCapReason is required.
	Approved      int64
	OverCapReason string
	// Date is the acceptance date (to EquipmentAccepted) or payment date (to EquipmentPaid).
	Date vn.Date
	// Reason is why it is refused (to EquipmentRefused).
	Reason string
	// Documents, when not empty, replaces the record's document numbers.
	Documents string
}

// EquipmentService keeps the equipment and demonstration-model support records.
type EquipmentService interface {
	// FindEquipmentByID returns one record. ENOTFOUND.
	FindEquipmentByID(ctx context.Context, id int64) (*Equipment, error)
	// FindEquipment returns a page of the records the filter selects.
	FindEquipment(ctx context.Context, f EquipmentFilter) ([]*Equipment, error)
	// CountEquipment returns how many records the filter selects.
	CountEquipment(ctx context.Context, f EquipmentFilter) (int, error)
	// CreateEquipment stores a new request, proposing its code ("TB-2026-001") when empty.
	// EINVALID: the đề án not of content "mô hình trình diễn, chuyển giao công nghệ…", of another
	// year than the request, cancelled or settled; an archived enterprise; a request dated after
	// today. ECONFLICT for a code taken.
	CreateEquipment(ctx context.Context, e *Equipment) error
	// UpdateEquipment saves a request's details (not its status, approval or dates); once
	// approved, its enterprise, đề án, kind and investment stay. EINVALID; ENOTFOUND; ECONFLICT
	// for a stale version or a record already paid or refused.
	UpdateEquipment(ctx context.Context, e *Equipment) error
	// SetEquipmentStatus moves a record along EquipmentStatus.Next. EINVALID: approving above
	// the rule without a reason, above what remains uncommitted of the đề án, or from a đề án not
	// approved, running or accepted; a date missing, before the previous step's or in the future;
	// refusing without a reason. ECONFLICT for a stale version, or refusing a record with payments.
	SetEquipmentStatus(ctx context.Context, t EquipmentTransition) (*Equipment, error)
	// DeleteEquipment removes a request that is not approved and has no payment. ECONFLICT.
	DeleteEquipment(ctx context.Context, id int64) error
	// EquipmentSettings returns the rules; SaveEquipmentSettings validates and stores them.
	EquipmentSettings(ctx context.Context) (EquipmentSettings, error)
	SaveEquipmentSettings(ctx context.Context, s EquipmentSettings) error
}
