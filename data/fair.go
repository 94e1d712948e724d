package data

import (
	"context"
	"strconv"
	"strings"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// FairKind says who organises a fair and where.
type FairKind string

// The kinds of fair the centre supports enterprises at.
const (
	FairCentre   FairKind = "trung_tam"  // do Trung tâm tổ chức
	FairDomestic FairKind = "trong_nuoc" // hội chợ trong nước khác
	FairAbroad   FairKind = "nuoc_ngoai" // hội chợ nước ngoài
)

// FairKinds lists the kinds in the order forms and filters show them.
var FairKinds = []FairKind{FairCentre, FairDomestic, FairAbroad}

// Label returns the kind's Vietnamese name.
func (k FairKind) Label() string {
	switch k {
	case FairCentre:
		return "Do Trung tâm tổ chức"
	case FairDomestic:
		return "Hội chợ trong nước khác"
	case FairAbroad:
		return "Hội chợ nước ngoài"
	}
	return string(k)
}

// FairStatus is where a fair is in its life.
type FairStatus string

// A fair is planned, takes registrations, closes them, is held; or is cancelled.
const (
	FairPlanned   FairStatus = "ke_hoach"     // kế hoạch
	FairOpen      FairStatus = "nhan_dang_ky" // đang nhận đăng ký
	FairClosed    FairStatus = "dong_dang_ky" // đã đóng đăng ký
	FairHeld      FairStatus = "da_dien_ra"   // đã diễn ra: results can be recorded
	FairCancelled FairStatus = "da_huy"       // đã hủy
)

// FairStatuses lists the statuses in their order.
var FairStatuses = []FairStatus{FairPlanned, FairOpen, FairClosed, FairHeld, FairCancelled}

// Label returns the status's Vietnamese name.
func (s FairStatus) Label() string {
	switch s {
	case FairPlanned:
		return "Kế hoạch"
	case FairOpen:
		return "Đang nhận đăng ký"
	case FairClosed:
		return "Đã đóng đăng ký"
	case FairHeld:
		return "Đã diễn ra"
	case FairCancelled:
		return "Đã hủy"
	}
	return string(s)
}

// Next lists the statuses a fair may move to from s.
func (s FairStatus) Next() []FairStatus {
	switch s {
	case FairPlanned:
		return []FairStatus{FairOpen, FairCancelled}
	case FairOpen:
		return []FairStatus{FairClosed, FairCancelled}
	case FairClosed:
		return []FairStatus{FairOpen, FairHeld, FairCancelled}
	}
	return nil
}

// SupportRule is how much of a booking's booth fee the centre pays.
type SupportRule struct {
	// SharePercent is the share of the fee supported, 0–100 (100 for the centre's own fairs).
	SharePercent int
	// CapPerBooth bounds the support for one booth, in đồng; 0 means no cap.
	CapPerBooth int64
	// CapPerEnterprise bounds the support for one enterprise at one fair, in đồng; 0 means no cap.
	CapPerEnterprise int64
	// AbroadPerYear is how many fairs abroad one enterprise may be supported at in a year.
	AbroadPerYear int
}

// Validate checks a rule.
func (r SupportRule) Validate() error {
	switch {
	case r.SharePercent < 0 || r.SharePercent > 100:
		return Errorf(EINVALID, "Tỷ lệ hỗ trợ phải từ 0 đến 100%% (đang là %d%%).", r.SharePercent)
	case r.CapPerBooth < 0 || r.CapPerEnterprise < 0:
		return Errorf(EINVALID, "Mức hỗ trợ tối đa không được âm.")
	case r.AbroadPerYear < 0:
		return Errorf(EINVALID, "Số hội chợ nước ngoài được hỗ trợ mỗi năm không được âm.")
	case r.AbroadPerYear > MaxCount:
		return Errorf(EINVALID, "Số hội chợ nước ngoài được hỗ trợ mỗi năm phải từ 0 đến %s.", vn.FormatInt(MaxCount))
	}
	return firstError(
		checkMoney("Mức hỗ trợ tối đa mỗi gian hàng", r.CapPerBooth),
		checkMoney("Mức hỗ trợ tối đa mỗi doanh nghiệp", r.CapPerEnterprise),
	)
}

// Support computes the support and the enterprise's own share for booths of the given fees:
// each booth's fee times the share, capped per booth, the sum capped per enterprise. Money is
// whole đồng, rounded down.
func (r SupportRule) Support(fees []int64) (support, own int64) {
	var total int64
	for _, f := range fees {
		s := f * int64(r.SharePercent) / 100
		if r.CapPerBooth > 0 && s > r.CapPerBooth {
			s = r.CapPerBooth
		}
		support += s
		total += f
	}
	if r.CapPerEnterprise > 0 && support > r.CapPerEnterprise {
		support = r.CapPerEnterprise
	}
	return support, total - support
}

// FairSettings are the default support rules of new fairs, by kind; shared by everyone.
type FairSettings struct {
	// Rules is the default rule of each kind.
	Rules map[FairKind]SupportRule
}

// DefaultFairSettings: 100% for the centre's own fairs, 80% for other domestic fairs and 50%
// abroad, capped per booth and per enterprise, two supported fairs abroad a year.
func DefaultFairSettings() FairSettings {
	return FairSettings{Rules: map[FairKind]SupportRule{
		FairCentre:   {SharePercent: 100, CapPerBooth: 15_000_000, CapPerEnterprise: 30_000_000, AbroadPerYear: 2},
		FairDomestic: {SharePercent: 80, CapPerBooth: 12_000_000, CapPerEnterprise: 24_000_000, AbroadPerYear: 2},
		FairAbroad:   {SharePercent: 50, CapPerBooth: 50_000_000, CapPerEnterprise: 100_000_000, AbroadPerYear: 2},
	}}
}

// Fair is a trade fair the centre sends enterprises to.
type Fair struct {
	// ID is the store's key.
	ID int64
	// Code is the fair's unique code, e.g. "HC-2026-003"; proposed by the store.
	Code string
	// Name is the fair's name, e.g. "Hội chợ Làng nghề Hà Nội 2026".
	Name string
	// Kind says who organises it and where.
	Kind FairKind
	// Organiser, Venue, City and Country say who holds it and where ("Việt Nam" at home).
	Organiser, Venue, City, Country string
	// Start and End are the fair's first and last days; Deadline the last day to register.
	Start, End, Deadline vn.Date
	// BoothPrice is the default price of a booth, in đồng.
	BoothPrice int64
	// Rule is the support rule bookings are computed with.
	Rule SupportRule
	// ProgrammeID is the đề án that pays the support of the fair's bookings (of the fair's
	// year, content ContentProducts); 0 when none. ProgrammeCode is filled on reads.
	ProgrammeID   int64
	ProgrammeCode string
	// Status is where the fair is; changed only through SetFairStatus.
	Status FairStatus
	// CancelReason says why a cancelled fair was cancelled.
	CancelReason string
	// Booths and Booked count the fair's booths and those held by active bookings; filled on reads.
	Booths, Booked int
	// Version counts saved changes; an update must carry the version it read.
	Version int
}

// Normalize puts every field in its stored form.
func (f *Fair) Normalize() {
	f.Code = strings.ToUpper(vn.NFC(f.Code))
	for _, s := range []*string{&f.Name, &f.Organiser, &f.Venue, &f.City, &f.Country, &f.CancelReason} {
		*s = vn.NFC(*s)
	}
	if f.Country == "" && f.Kind != FairAbroad {
		f.Country = "Việt Nam"
	}
	if f.Status == "" {
		f.Status = FairPlanned
	}
}

// Validate checks a fair by itself. EINVALID.
func (f *Fair) Validate() error {
	switch {
	case strings.TrimSpace(f.Name) == "":
		return Errorf(EINVALID, "Tên hội chợ không được để trống.")
	case utf8.RuneCountInString(f.Name) > MaxNameLen:
		return Errorf(EINVALID, "Tên hội chợ dài quá %d ký tự.", MaxNameLen)
	case f.Kind != FairCentre && f.Kind != FairDomestic && f.Kind != FairAbroad:
		return Errorf(EINVALID, "Hãy chọn loại hội chợ.")
	case f.Start.IsZero() || f.End.IsZero():
		return Errorf(EINVALID, "Hãy nhập ngày khai mạc và ngày bế mạc của hội chợ.")
	case f.End.Before(f.Start):
		return Errorf(EINVALID, "Ngày bế mạc %s trước ngày khai mạc %s.", f.End, f.Start)
	case !f.Deadline.IsZero() && !f.Deadline.Before(f.Start):
		return Errorf(EINVALID, "Hạn đăng ký %s phải trước ngày khai mạc %s.", f.Deadline, f.Start)
	case f.BoothPrice < 0:
		return Errorf(EINVALID, "Giá gian hàng không được âm.")
	case f.Kind == FairAbroad && strings.TrimSpace(f.Country) == "":
		return Errorf(EINVALID, "Hội chợ nước ngoài cần tên nước.")
	}
	return firstError(
		ValidateDate("Ngày khai mạc", f.Start),
		ValidateDate("Ngày bế mạc", f.End),
		ValidateDate("Hạn đăng ký", f.Deadline),
		checkMoney("Giá gian hàng", f.BoothPrice),
		checkText(
			textField{"Mã hội chợ", f.Code, MaxClassCodeLen, false},
			textField{"Tên hội chợ", f.Name, MaxNameLen, false},
			textField{"Đơn vị tổ chức", f.Organiser, MaxShortLen, false},
			textField{"Địa điểm", f.Venue, MaxShortLen, false},
			textField{"Thành phố", f.City, MaxShortLen, false},
			textField{"Quốc gia", f.Country, MaxShortLen, false},
			textField{"Lý do hủy", f.CancelReason, MaxLongLen, true},
		),
		f.Rule.Validate(),
	)
}

// BoothKind is the kind of a booth.
type BoothKind string

// The kinds of booth.
const (
	BoothStandard BoothKind = "tieu_chuan" // tiêu chuẩn
	BoothCorner   BoothKind = "goc"        // góc
	BoothLarge    BoothKind = "khu_lon"    // khu gian hàng lớn
)

// BoothKinds lists the kinds.
var BoothKinds = []BoothKind{BoothStandard, BoothCorner, BoothLarge}

// Label returns the kind's Vietnamese name.
func (k BoothKind) Label() string {
	switch k {
	case BoothStandard:
		return "Tiêu chuẩn"
	case BoothCorner:
		return "Góc"
	case BoothLarge:
		return "Khu gian hàng lớn"
	}
	return string(k)
}

// BoothState is what the map shows of a booth.
type BoothState string

// A booth is free, held by a booking not yet confirmed, or confirmed.
const (
	BoothFree      BoothState = "free"
	BoothHeld      BoothState = "held"
	BoothConfirmed BoothState = "confirmed"
)

// Booth is one booth of a fair.
type Booth struct {
	// ID is the store's key; FairID the fair's.
	ID, FairID int64
	// Number is the booth's number, unique in the fair, e.g. "A07".
	Number string
	// WidthCM and DepthCM are its size in centimetres (300 × 300 for 3 × 3 m).
	WidthCM, DepthCM int
	// Kind is the kind of booth.
	Kind BoothKind
	// Price is its own price in đồng; 0 means the fair's booth price.
	Price int64
	// BookingID is the active booking holding it, 0 when free; Holder that enterprise's name and
	// State what the map shows; filled on reads.
	BookingID int64
	Holder    string
	State     BoothState
}

// Validate checks a booth by itself. EINVALID.
func (b *Booth) Validate() error {
	switch {
	case strings.TrimSpace(b.Number) == "" || utf8.RuneCountInString(b.Number) > 10:
		return Errorf(EINVALID, "Số gian hàng phải có từ 1 đến 10 ký tự, ví dụ A07.")
	case b.WidthCM <= 0 || b.DepthCM <= 0:
		return Errorf(EINVALID, "Kích thước gian hàng %s phải lớn hơn 0 (đang là %s).", b.Number, FormatBoothSize(b.WidthCM, b.DepthCM))
	case b.WidthCM > MaxBoothCM || b.DepthCM > MaxBoothCM:
		return Errorf(EINVALID, "Kích thước gian hàng %s lớn quá: mỗi chiều tối đa %d m (đang là %s).", b.Number, MaxBoothCM/100, FormatBoothSize(b.WidthCM, b.DepthCM))
	case b.Price < 0:
		return Errorf(EINVALID, "Giá gian hàng %s không được âm.", b.Number)
	case b.Kind != BoothStandard && b.Kind != BoothCorner && b.Kind != BoothLarge:
		return Errorf(EINVALID, "Hãy chọn loại gian hàng %s.", b.Number)
	}
	return firstError(
		checkText(textField{"Số gian hàng", b.Number, 10, false}),
		checkMoney("Giá gian hàng "+b.Number, b.Price),
	)
}

// FormatBoothSize writes a size as "3 × 3 m" or "2,5 × 3 m".
func FormatBoothSize(widthCM, depthCM int) string {
	m := func(cm int) string {
		return strings.Replace(strconv.FormatFloat(float64(cm)/100, 'f', -1, 64), ".", ",", 1)
	}
	return m(widthCM) + " × " + m(depthCM) + " m"
}

// BookingStatus is where a booking stands.
type BookingStatus string

// A booking is registered, confirmed, attended; or cancelled; or waits for a free booth.
const (
	BookingRegistered BookingStatus = "dang_ky"     // đăng ký
	BookingConfirmed  BookingStatus = "da_xac_nhan" // đã xác nhận
	BookingAttended   BookingStatus = "da_tham_gia" // đã tham gia
	BookingCancelled  BookingStatus = "da_huy"      // đã hủy
	BookingWaiting    BookingStatus = "cho"         // danh sách chờ
)

// BookingStatuses lists the statuses.
var BookingStatuses = []BookingStatus{BookingRegistered, BookingConfirmed, BookingAttended, BookingCancelled, BookingWaiting}

// Label returns the status's Vietnamese name.
func (s BookingStatus) Label() string {
	switch s {
	case BookingRegistered:
		return "Đăng ký"
	case BookingConfirmed:
		return "Đã xác nhận"
	case BookingAttended:
		return "Đã tham gia"
	case BookingCancelled:
		return "Đã hủy"
	case BookingWaiting:
		return "Danh sách chờ"
	}
	return string(s)
}

// Active reports whether a booking in s holds booths.
func (s BookingStatus) Active() bool {
	return s == BookingRegistered || s == BookingConfirmed || s == BookingAttended
}

// Booking is an enterprise's registration for a fair.
type Booking struct {
	// ID is the store's key; FairID and EnterpriseID say who books what.
	ID, FairID, EnterpriseID int64
	// EnterpriseName is the enterprise's name, filled on reads.
	EnterpriseName string
	// BoothsWanted is how many booths the enterprise asked for.
	BoothsWanted int
	// Products lists what it will show.
	Products string
	// Status is where the booking stands.
	Status BookingStatus
	// LateNote explains a registration after the deadline (required then).
	LateNote string
	// WithoutSupport is set when the clerk books a fair abroad beyond the yearly limit without support.
	WithoutSupport bool
	// Booths are the numbers of the booths it holds, in order; filled on reads.
	Booths []string
	// Fee, Support and OwnShare are computed when booths are assigned and stored with Rule, the
	// rule that produced them, so a later change of rule does not rewrite history.
	Fee, Support, OwnShare int64
	Rule                   SupportRule
	// CancelReason says why a cancelled booking was cancelled.
	CancelReason string
	// Results after the fair: sales at the fair, contracts signed (count and value) and notes.
	Sales, ContractValue int64
	Contracts            int
	ResultNotes          string
	// Version counts saved changes.
	Version int
}

// BookingRequest is what an enterprise asks for.
type BookingRequest struct {
	// FairID and EnterpriseID say who books what.
	FairID, EnterpriseID int64
	// BoothsWanted is how many booths it wants (at least 1).
	BoothsWanted int
	// Products lists what it will show.
	Products string
	// LateNote must explain a registration after the fair's deadline.
	LateNote string
	// WithoutSupport books a fair abroad beyond the yearly limit, without support.
	WithoutSupport bool
}

// BookingResults are what a booking brought, recorded after the fair.
type BookingResults struct {
	// Attended says whether the enterprise took part.
	Attended bool
	// Sales and ContractValue in đồng, Contracts the count, Notes free text.
	Sales, ContractValue int64
	Contracts            int
	Notes                string
}

// Validate checks a registration as the form sends it: 1 to MaxCount booths, text a form can hold.
// EINVALID.
func (r BookingRequest) Validate() error {
	if r.BoothsWanted < 1 || r.BoothsWanted > MaxCount {
		return Errorf(EINVALID, "Số gian hàng đăng ký phải từ 1 đến %s (đang là %s).", vn.FormatInt(MaxCount), vn.FormatInt(int64(r.BoothsWanted)))
	}
	return checkText(
		textField{"Sản phẩm trưng bày", r.Products, MaxLongLen, true},
		textField{"Lý do đăng ký muộn", r.LateNote, MaxLongLen, true},
	)
}

// Validate checks what a fair brought: sums from 0 to MaxMoney, 0 to MaxCount contracts, notes a
// form can hold. EINVALID.
func (r BookingResults) Validate() error {
	if r.Sales < 0 || r.ContractValue < 0 || r.Contracts < 0 {
		return Errorf(EINVALID, "Doanh thu, số hợp đồng và giá trị hợp đồng không được âm.")
	}
	if r.Contracts > MaxCount {
		return Errorf(EINVALID, "Số hợp đồng phải từ 0 đến %s (đang là %s).", vn.FormatInt(MaxCount), vn.FormatInt(int64(r.Contracts)))
	}
	return firstError(
		checkMoney("Doanh thu", r.Sales),
		checkMoney("Giá trị hợp đồng", r.ContractValue),
		checkText(textField{"Ghi chú kết quả", r.Notes, MaxLongLen, true}),
	)
}

// FairFilter selects and orders fairs.
type FairFilter struct {
	// Search matches code, name, organiser, venue, city and country, folded.
	Search string
	// Year keeps fairs starting that year; Kind and Status exact matches.
	Year   *int
	Kind   *FairKind
	Status *FairStatus
	// Offset and Limit page the list (newest first); Limit 0 means all.
	Offset, Limit int
}

// FairService keeps the fairs, their booths and their bookings.
type FairService interface {
	// FindFairByID returns one fair. ENOTFOUND.
	FindFairByID(ctx context.Context, id int64) (*Fair, error)
	// FindFairByCode returns the fair with a code, typed in any case. ENOTFOUND.
	FindFairByCode(ctx context.Context, code string) (*Fair, error)
	// FindFairs returns a page of the fairs the filter selects, with their booth counts.
	FindFairs(ctx context.Context, f FairFilter) ([]*Fair, error)
	// CountFairs returns how many fairs the filter selects.
	CountFairs(ctx context.Context, f FairFilter) (int, error)
	// NextFairCode proposes "HC-2026-001" style codes.
	NextFairCode(ctx context.Context, year int) (string, error)
	// CreateFair stores a new fair (its rule defaults to the settings' rule of its kind when
	// SharePercent and the caps are all zero). EINVALID; ECONFLICT for a code taken.
	CreateFair(ctx context.Context, f *Fair) error
	// UpdateFair saves a fair. EINVALID; ENOTFOUND; ECONFLICT for a stale version.
	UpdateFair(ctx context.Context, f *Fair) error
	// SetFairStatus moves a fair along FairStatus.Next (a reason required to cancel). EINVALID; ECONFLICT.
	SetFairStatus(ctx context.Context, id int64, version int, to FairStatus, reason string) (*Fair, error)
	// DeleteFair removes a fair that has no booking. ECONFLICT when it has some.
	DeleteFair(ctx context.Context, id int64) error
	// FairSettings returns the default rules; SaveFairSettings validates and stores them.
	FairSettings(ctx context.Context) (FairSettings, error)
	SaveFairSettings(ctx context.Context, s FairSettings) error

	// AddBooths adds booths to a fair in one transaction, all or none. EINVALID (size, price,
	// number); ECONFLICT for a number the fair already has (named).
	AddBooths(ctx context.Context, fairID int64, booths []*Booth) error
	// Booths returns the fair's booths in number order with their holder and state: the booth map.
	Booths(ctx context.Context, fairID int64) ([]*Booth, error)
	// DeleteBooth removes a free booth. ECONFLICT when a booking holds it.
	DeleteBooth(ctx context.Context, boothID int64) error

	// Register records a booking, assigning free booths at once (in number order) when there
	// are enough, else putting it on the waiting list. EINVALID: archived enterprise, after the
	// deadline without a note, a third supported fair abroad in a year unless WithoutSupport;
	// ECONFLICT: the enterprise already has an active booking for the fair.
	Register(ctx context.Context, r BookingRequest) (*Booking, error)
	// AssignBooth gives a free booth to a booking and recomputes its fee and support. ECONFLICT
	// when another booking holds the booth (the database allows one holder) or for a stale version.
	AssignBooth(ctx context.Context, bookingID int64, version int, boothID int64) (*Booking, error)
	// ReleaseBooth takes a booth back from a booking and recomputes. ECONFLICT for a stale version.
	ReleaseBooth(ctx context.Context, bookingID int64, version int, boothID int64) (*Booking, error)
	// ConfirmBooking moves a registered booking with its booths to "đã xác nhận". EINVALID; ECONFLICT.
	ConfirmBooking(ctx context.Context, bookingID int64, version int) (*Booking, error)
	// CancelBooking cancels a booking with a reason, releases its booths and gives them to the
	// first waiting bookings, returning the bookings that got booths. EINVALID without a reason or
	// for a booking already attended; ECONFLICT for a stale version.
	CancelBooking(ctx context.Context, bookingID int64, version int, reason string) ([]*Booking, error)
	// RecordResults records what the fair brought; attended moves the booking to "đã tham gia".
	// EINVALID before the fair is held or for negative figures; ECONFLICT.
	RecordResults(ctx context.Context, bookingID int64, version int, r BookingResults) (*Booking, error)
	// FairBookings returns a fair's bookings, active ones first, by enterprise name.
	FairBookings(ctx context.Context, fairID int64) ([]*Booking, error)
	// EnterpriseBookings returns an enterprise's bookings at every fair, newest fair first.
	EnterpriseBookings(ctx context.Context, enterpriseID int64) ([]*Booking, error)
}

// Place is where the fair is held, as lists and documents name it: the city at home ("Hà Nội"),
// the city and the country abroad ("Quảng Châu, Trung Quốc"), the country alone when the city
// is not known. The venue is not part of it: documents print it beside the place.
func (f *Fair) Place() string {
	city, country := strings.TrimSpace(vn.NFC(f.City)), strings.TrimSpace(vn.NFC(f.Country))
	switch {
	case country == "" || vn.Fold(country) == vn.Fold("Việt Nam"):
		return city
	case city == "":
		return country
	}
	return city + ", " + country
}
