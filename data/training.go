package data

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// ClassKind is the kind of training a class gives (Decree 45/2012 art. 4, content 2 and 7).
type ClassKind string

// The kinds of classes the centre runs.
const (
	ClassKindCraft      ClassKind = "truyen_nghe"       // truyền nghề: a master passes a craft on
	ClassKindTransplant ClassKind = "nhan_cay_nghe"     // nhân cấy nghề: brings a craft to a village without one
	ClassKindUpgrade    ClassKind = "nang_cao_tay_nghe" // nâng cao tay nghề: skill upgrading for workers of a trade
	ClassKindOfficials  ClassKind = "tap_huan"          // tập huấn khuyến công: for ward and commune officials
	ClassKindManagement ClassKind = "quan_ly"           // nâng cao năng lực quản lý: for owners and managers
)

// ClassKinds lists every kind in the order forms and filters show them.
var ClassKinds = []ClassKind{ClassKindCraft, ClassKindTransplant, ClassKindUpgrade, ClassKindOfficials, ClassKindManagement}

// Label returns the kind's Vietnamese name, as documents print it.
func (k ClassKind) Label() string {
	switch k {
	case ClassKindCraft:
		return "Truyền nghề"
	case ClassKindTransplant:
		return "Nhân cấy nghề"
	case ClassKindUpgrade:
		return "Nâng cao tay nghề"
	case ClassKindOfficials:
		return "Tập huấn khuyến công"
	case ClassKindManagement:
		return "Nâng cao năng lực quản lý"
	}
	return string(k)
}

// Valid reports whether k is one of the known kinds.
func (k ClassKind) Valid() bool {
	for _, x := range ClassKinds {
		if k == x {
			return true
		}
	}
	return false
}

// ClassStatus is where a class is in its life.
type ClassStatus string

// The statuses of a class. A class moves forward one step at a time, kế hoạch → tuyển sinh →
// đang học → kết thúc → đã cấp chứng chỉ, or is cancelled (with a reason) at any step before
// its certificates are issued.
const (
	ClassPlanned   ClassStatus = "ke_hoach"         // kế hoạch: in the year's plan
	ClassEnrolling ClassStatus = "tuyen_sinh"       // tuyển sinh: taking trainees
	ClassRunning   ClassStatus = "dang_hoc"         // đang học: lessons under way
	ClassFinished  ClassStatus = "ket_thuc"         // kết thúc: lessons over, results being entered
	ClassCertified ClassStatus = "da_cap_chung_chi" // đã cấp chứng chỉ: certificates issued, results frozen
	ClassCancelled ClassStatus = "da_huy"           // đã hủy: will not (or did not) take place
)

// ClassStatuses lists every status in the order of a class's life.
var ClassStatuses = []ClassStatus{ClassPlanned, ClassEnrolling, ClassRunning, ClassFinished, ClassCertified, ClassCancelled}

// Label returns the status's Vietnamese name.
func (s ClassStatus) Label() string {
	switch s {
	case ClassPlanned:
		return "Kế hoạch"
	case ClassEnrolling:
		return "Tuyển sinh"
	case ClassRunning:
		return "Đang học"
	case ClassFinished:
		return "Kết thúc"
	case ClassCertified:
		return "Đã cấp chứng chỉ"
	case ClassCancelled:
		return "Đã hủy"
	}
	return string(s)
}

// Valid reports whether s is one of the known statuses.
func (s ClassStatus) Valid() bool {
	for _, x := range ClassStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Next lists the statuses a class in status s may move to, the forward step first; none once
// certificates are issued or the class is cancelled.
func (s ClassStatus) Next() []ClassStatus {
	switch s {
	case ClassPlanned:
		return []ClassStatus{ClassEnrolling, ClassCancelled}
	case ClassEnrolling:
		return []ClassStatus{ClassRunning, ClassCancelled}
	case ClassRunning:
		return []ClassStatus{ClassFinished, ClassCancelled}
	case ClassFinished:
		return []ClassStatus{ClassCertified, ClassCancelled}
	}
	return nil
}

// CanMoveTo reports whether a class in status s may move to status to.
func (s ClassStatus) CanMoveTo(to ClassStatus) bool {
	for _, x := range s.Next() {
		if x == to {
			return true
		}
	}
	return false
}

// Enrolling reports whether a class in status s takes new trainees.
func (s ClassStatus) Enrolling() bool {
	return s == ClassPlanned || s == ClassEnrolling || s == ClassRunning
}

// Defaults and limits of a class.
const (
	DefaultMinAttendance = 80 // percent of sessions a trainee must attend to complete the course
	DefaultPassMark      = 50 // tenths of a point: 5,0 of 10
	MaxClassCodeLen      = 30
	MaxScore             = 100 // tenths of a point: 10,0
	NoScore              = -1  // given to SetScore, clears a score
)

// Class is a training course the centre runs, usually with a host enterprise in a craft village.
type Class struct {
	// ID is the store's key; 0 before the class is created.
	ID int64
	// Code is the class's unique code, e.g. "LH-2026-001"; stored upper-case.
	Code string
	// Name is the class's full name, e.g. "Lớp truyền nghề gốm sứ Bát Tràng".
	Name string
	// Kind is the kind of training.
	Kind ClassKind
	// Trade is the craft or subject taught, e.g. "Gốm sứ".
	Trade string
	// HostEnterpriseID is the enterprise or cooperative hosting the class; 0 when none.
	HostEnterpriseID int64
	// HostName is the host enterprise's name, filled by the store on reads; "" when none.
	HostName string
	// Venue is where lessons are held, e.g. "Nhà văn hóa thôn Giang Cao".
	Venue string
	// WardCode is the official code of the venue's ward or commune; may be empty.
	WardCode string
	// Start and End are the first and last days of the course.
	Start, End vn.Date
	// Hours is the total number of teaching hours.
	Hours int
	// Trainers names the trainer(s) or master craftsman, free text.
	Trainers string
	// Capacity is the most trainees the class takes.
	Capacity int
	// Budget is the class's budget in đồng.
	Budget int64
	// ProgrammeID is the đề án that pays for the class (of the class's year and of content
	// ContentOfClass(Kind)); 0 when none. ProgrammeCode is filled on reads.
	ProgrammeID   int64
	ProgrammeCode string
	// VillageID is the craft village the class is held for; 0 when none.
	VillageID int64
	// MinAttendance is the percent of sessions a trainee must attend to complete (default 80).
	MinAttendance int
	// PassMark is the lowest passing score in tenths of a point (default 50, that is 5,0).
	PassMark int
	// Status is where the class is in its life; changed only through SetClassStatus.
	Status ClassStatus
	// CancelReason says why a cancelled class was cancelled.
	CancelReason string
	// Enrolled is the number of active (not withdrawn) enrolments, filled by the store on reads.
	Enrolled int
	// Version counts saved changes; an update must carry the version it read.
	Version int
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt, UpdatedAt time.Time
}

// NewClass returns a planned class with the default completion rules, as a new form starts.
func NewClass() *Class {
	return &Class{Kind: ClassKindCraft, Status: ClassPlanned, MinAttendance: DefaultMinAttendance, PassMark: DefaultPassMark}
}

// Normalize puts every field in its stored form: text NFC and trimmed, the code upper-case, an
// empty status "kế hoạch".
func (c *Class) Normalize() {
	c.Code = strings.ToUpper(vn.NFC(c.Code))
	for _, s := range []*string{&c.Name, &c.Trade, &c.Venue, &c.WardCode, &c.Trainers, &c.CancelReason} {
		*s = vn.NFC(*s)
	}
	if c.Status == "" {
		c.Status = ClassPlanned
	}
}

// Validate checks the fields a class can be wrong in by itself; whether its code is free, its
// host and ward exist, and its capacity holds its trainees is the store's to check. EINVALID.
func (c *Class) Validate() error {
	switch n := utf8.RuneCountInString(c.Code); {
	case strings.TrimSpace(c.Code) == "":
		return Errorf(EINVALID, "Mã lớp không được để trống (ví dụ LH-2026-001).")
	case n > MaxClassCodeLen:
		return Errorf(EINVALID, "Mã lớp dài %d ký tự; tối đa %d ký tự.", n, MaxClassCodeLen)
	case strings.ContainsFunc(c.Code, func(r rune) bool { return r == ' ' || r == '\t' }):
		return Errorf(EINVALID, "Mã lớp %q không được có dấu cách (ví dụ LH-2026-001).", c.Code)
	}
	if strings.TrimSpace(c.Name) == "" {
		return Errorf(EINVALID, "Tên lớp không được để trống.")
	}
	if !c.Kind.Valid() {
		return Errorf(EINVALID, "Hãy chọn loại lớp (truyền nghề, nhân cấy nghề, nâng cao tay nghề…).")
	}
	if !c.Status.Valid() {
		return Errorf(EINVALID, "Trạng thái lớp %q không có.", c.Status)
	}
	if err := ValidateDate("Ngày bắt đầu", c.Start); err != nil {
		return err
	}
	if err := ValidateDate("Ngày kết thúc", c.End); err != nil {
		return err
	}
	switch {
	case c.Start.IsZero() || c.End.IsZero():
		return Errorf(EINVALID, "Hãy nhập ngày bắt đầu và ngày kết thúc của lớp.")
	case c.End.Before(c.Start):
		return Errorf(EINVALID, "Ngày kết thúc %s trước ngày bắt đầu %s.", c.End, c.Start)
	case c.Capacity <= 0:
		return Errorf(EINVALID, "Số học viên tối đa phải lớn hơn 0 (đang là %d).", c.Capacity)
	case c.Capacity > MaxCount:
		return Errorf(EINVALID, "Số học viên tối đa phải từ 1 đến %s (đang là %s).", vn.FormatInt(MaxCount), vn.FormatInt(int64(c.Capacity)))
	case c.Hours < 0:
		return Errorf(EINVALID, "Số giờ học không được âm (đang là %d).", c.Hours)
	case c.Hours > MaxCount:
		return Errorf(EINVALID, "Số giờ học phải từ 0 đến %s (đang là %s).", vn.FormatInt(MaxCount), vn.FormatInt(int64(c.Hours)))
	case c.Budget < 0:
		return Errorf(EINVALID, "Kinh phí không được âm (đang là %s).", vn.FormatMoney(c.Budget))
	case c.Budget > MaxMoney:
		return Errorf(EINVALID, "Kinh phí phải từ 0 đến %s (đang là %s).", vn.FormatMoney(MaxMoney), vn.FormatMoney(c.Budget))
	case c.MinAttendance < 0 || c.MinAttendance > 100:
		return Errorf(EINVALID, "Tỷ lệ chuyên cần tối thiểu phải từ 0 đến 100%% (đang là %d%%).", c.MinAttendance)
	case c.PassMark < 0 || c.PassMark > MaxScore:
		return Errorf(EINVALID, "Điểm đạt phải từ 0 đến 10 (đang là %s).", FormatScore(c.PassMark))
	case c.Status == ClassCancelled && strings.TrimSpace(c.CancelReason) == "":
		return Errorf(EINVALID, "Hãy ghi lý do hủy lớp.")
	}
	return checkText(
		textField{"Mã lớp", c.Code, MaxClassCodeLen, false},
		textField{"Tên lớp", c.Name, MaxNameLen, false},
		textField{"Ngành nghề", c.Trade, MaxShortLen, false},
		textField{"Địa điểm", c.Venue, MaxShortLen, false},
		textField{"Mã phường/xã", c.WardCode, MaxShortLen, false},
		textField{"Giảng viên", c.Trainers, MaxShortLen, false},
		textField{"Lý do hủy", c.CancelReason, MaxLongLen, true},
	)
}

// ClassSort names the column a list of classes is ordered by.
type ClassSort string

// The columns a class list can be sorted by.
const (
	ClassByStart    ClassSort = "start"
	ClassByCode     ClassSort = "code"
	ClassByName     ClassSort = "name"
	ClassByKind     ClassSort = "kind"
	ClassByTrade    ClassSort = "trade"
	ClassByHost     ClassSort = "host"
	ClassByWard     ClassSort = "ward"
	ClassByEnrolled ClassSort = "enrolled"
	ClassByStatus   ClassSort = "status"
)

// ClassFilter selects and orders classes. Pointer fields apply only when set.
type ClassFilter struct {
	// Search matches classes whose words start with every word typed, ignoring case and tone
	// marks, đ as d, over code, name, trade, host enterprise, venue, ward and trainers.
	Search string
	// Year keeps the classes that start in that year.
	Year *int
	// Kind, Status, WardCode and HostEnterpriseID keep only exact matches.
	Kind             *ClassKind
	Status           *ClassStatus
	WardCode         *string
	HostEnterpriseID *int64
	// ProgrammeID and VillageID keep the classes of a đề án or held for a craft village.
	ProgrammeID, VillageID *int64
	// Sort is the column to order by (ClassByStart when empty); Desc reverses it.
	Sort ClassSort
	Desc bool
	// Offset and Limit page the result; Limit 0 means no limit.
	Offset, Limit int
}

// ClassService keeps the training classes.
type ClassService interface {
	// FindClassByID returns one class. ENOTFOUND.
	FindClassByID(ctx context.Context, id int64) (*Class, error)
	// FindClassByCode returns the class with a code, typed in any case. ENOTFOUND.
	FindClassByCode(ctx context.Context, code string) (*Class, error)
	// FindClasses returns one page of the classes the filter selects. EINVALID for an unknown sort.
	FindClasses(ctx context.Context, f ClassFilter) ([]*Class, error)
	// CountClasses returns how many classes the filter selects, ignoring its paging.
	CountClasses(ctx context.Context, f ClassFilter) (int, error)
	// NextClassCode proposes the code of the next class of a year: "LH-2026-001" when the year
	// has none, else one above the highest number used.
	NextClassCode(ctx context.Context, year int) (string, error)
	// CreateClass normalises, validates and stores c, setting its ID, Version and times; its
	// status is kế hoạch unless another is set. EINVALID (also for an unknown host or ward);
	// ECONFLICT when the code is taken.
	CreateClass(ctx context.Context, c *Class) error
	// UpdateClass saves every field of c but its status over the stored record; c.Version must be
	// the version read, and on success c is the saved record. EINVALID (also for a capacity below
	// the trainees enrolled); ENOTFOUND; ECONFLICT for a stale version, a code taken, or a class
	// whose certificates are issued (its results are frozen).
	UpdateClass(ctx context.Context, c *Class) error
	// SetClassStatus moves a class to status to (one of its status's Next), with the reason when
	// cancelling, and returns the saved class. EINVALID for a move not allowed or a cancellation
	// without reason; ENOTFOUND; ECONFLICT for a stale version.
	SetClassStatus(ctx context.Context, id int64, version int, to ClassStatus, reason string) (*Class, error)
}
