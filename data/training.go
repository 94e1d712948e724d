package data

import (
	"context"
	"fmt"
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

// Trainee is a person in the register of trainees; one person may attend many classes.
type Trainee struct {
	// ID is the store's key; 0 before the trainee is created.
	ID int64
	// Name is the person's family, middle and given name.
	Name vn.Name
	// Female is true for a woman.
	Female bool
	// BirthDate is the date of birth.
	BirthDate vn.Date
	// BirthPlace is the province or place of birth, as the certificate prints it.
	BirthPlace string
	// Ethnicity is the ethnic group (dân tộc), "Kinh" unless set.
	Ethnicity string
	// CCCD is the 12-digit citizen ID number; empty when not known, else unique.
	CCCD string
	// Phone is stored as digits only.
	Phone string
	// WardCode is the official code of the ward or commune of residence; may be empty.
	WardCode string
	// Address is the street, hamlet or village line, without the ward.
	Address string
	// WorkplaceID is the enterprise the trainee works at, from the register; 0 when none.
	WorkplaceID int64
	// Workplace is the workplace as free text when it is not in the register.
	Workplace string
	// PolicyGroup is the policy group the trainee belongs to (hộ nghèo, người khuyết tật…), free text.
	PolicyGroup string
	// Version counts saved changes; an update must carry the version it read.
	Version int
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt, UpdatedAt time.Time
}

// MinTraineeAge is the youngest age, in whole years, at which a person may be trained.
const MinTraineeAge = 15

// DefaultEthnicity is the ethnic group a trainee has unless another is set.
const DefaultEthnicity = "Kinh"

// Normalize puts every field in its stored form: text NFC and trimmed, a full name typed in the
// given-name field split into its parts, the CCCD and phone as digits, ethnicity "Kinh" when empty.
func (t *Trainee) Normalize() {
	if t.Name.Family == "" && t.Name.Middle == "" {
		t.Name = vn.SplitName(t.Name.Given)
	} else {
		for _, p := range []*string{&t.Name.Family, &t.Name.Middle, &t.Name.Given} {
			*p = strings.Join(strings.Fields(vn.NFC(*p)), " ")
		}
	}
	for _, s := range []*string{&t.BirthPlace, &t.Ethnicity, &t.WardCode, &t.Address, &t.Workplace, &t.PolicyGroup} {
		*s = vn.NFC(*s)
	}
	if t.Ethnicity == "" {
		t.Ethnicity = DefaultEthnicity
	}
	if v, err := vn.NormalizeCCCD(t.CCCD); err == nil {
		t.CCCD = v
	} else {
		t.CCCD = strings.TrimSpace(t.CCCD)
	}
	if v, err := vn.NormalizePhone(t.Phone); err == nil {
		t.Phone = v
	} else {
		t.Phone = strings.TrimSpace(t.Phone)
	}
}

// Validate checks the fields a trainee can be wrong in by itself on the day today; whether the
// CCCD is free and the ward and workplace exist is the store's to check. EINVALID.
func (t *Trainee) Validate(today vn.Date) error {
	if strings.TrimSpace(t.Name.Given) == "" {
		return Errorf(EINVALID, "Tên của học viên không được để trống.")
	}
	if t.BirthDate.IsZero() {
		return Errorf(EINVALID, "Hãy nhập ngày sinh của học viên %s.", t.Name.Full())
	}
	if err := ValidateDate("Ngày sinh", t.BirthDate); err != nil {
		return err
	}
	if today.Before(t.BirthDate) {
		return Errorf(EINVALID, "Ngày sinh %s là ngày chưa tới (hôm nay là %s).", t.BirthDate, today)
	}
	if age := Age(t.BirthDate, today); age < MinTraineeAge {
		return Errorf(EINVALID, "Học viên phải từ đủ %d tuổi: người sinh ngày %s đến hôm nay (%s) mới %d tuổi.", MinTraineeAge, t.BirthDate, today, age)
	}
	if t.CCCD != "" {
		info, err := vn.ParseCCCD(t.CCCD)
		if err != nil {
			return Errorf(EINVALID, "%s", err.Error())
		}
		if info.BirthYear != t.BirthDate.Year {
			return Errorf(EINVALID, "Số CCCD %s cho năm sinh %d, khác ngày sinh %s đã nhập. Hãy soát lại số CCCD hoặc ngày sinh.", t.CCCD, info.BirthYear, t.BirthDate)
		}
		if info.Female != t.Female {
			sex := "nam"
			if info.Female {
				sex = "nữ"
			}
			return Errorf(EINVALID, "Số CCCD %s là của người %s, khác giới tính đã chọn. Hãy soát lại số CCCD hoặc giới tính.", t.CCCD, sex)
		}
	}
	if _, err := vn.NormalizePhone(t.Phone); err != nil {
		return Errorf(EINVALID, "%s", err.Error())
	}
	if t.WorkplaceID < 0 {
		return Errorf(EINVALID, "Mã nơi làm việc %d không đúng.", t.WorkplaceID)
	}
	return checkText(
		textField{"Họ tên", t.Name.Full(), MaxShortLen, false},
		textField{"Nơi sinh", t.BirthPlace, MaxShortLen, false},
		textField{"Dân tộc", t.Ethnicity, MaxShortLen, false},
		textField{"Mã phường/xã", t.WardCode, MaxShortLen, false},
		textField{"Địa chỉ", t.Address, MaxShortLen, false},
		textField{"Nơi làm việc", t.Workplace, MaxShortLen, false},
		textField{"Đối tượng chính sách", t.PolicyGroup, MaxShortLen, false},
	)
}

// Age returns the age in whole years, on the day today, of a person born on birth.
func Age(birth, today vn.Date) int {
	age := today.Year - birth.Year
	if today.Month < birth.Month || today.Month == birth.Month && today.Day < birth.Day {
		age--
	}
	return age
}

// DuplicateTraineeError is the ECONFLICT CreateTrainee returns when the person seems to be in the
// register already: the same CCCD, or the same name and birth date. Its message asks the clerk
// "Có phải là …?"; Existing lets a form offer the stored record instead.
type DuplicateTraineeError struct {
	// Err is the ECONFLICT shown to the clerk.
	Err *Error
	// Existing is the stored trainee the new one clashes with.
	Existing *Trainee
	// SameCCCD is true when the CCCD clashes (then it is surely the same person); false when only
	// name and birth date agree, which the clerk may confirm to be a different person.
	SameCCCD bool
}

// Error returns the message.
func (e *DuplicateTraineeError) Error() string { return e.Err.Message }

// Unwrap returns the application error, so that ErrorCode and ErrorMessage read it.
func (e *DuplicateTraineeError) Unwrap() error { return e.Err }

// TraineeSort names the column a list of trainees is ordered by.
type TraineeSort string

// The columns a trainee list can be sorted by.
const (
	TraineeByName      TraineeSort = "name" // the Vietnamese way: given name, family name, middle name
	TraineeByBirthDate TraineeSort = "birth_date"
	TraineeByCCCD      TraineeSort = "cccd"
	TraineeByPhone     TraineeSort = "phone"
)

// TraineeFilter selects and orders trainees. Pointer fields apply only when set.
type TraineeFilter struct {
	// Search matches trainees whose words start with every word typed, ignoring case and tone
	// marks, đ as d, over name, CCCD, phone (as typed in groups or not) and birth date.
	Search string
	// WardCode, WorkplaceID and Female keep only exact matches.
	WardCode    *string
	WorkplaceID *int64
	Female      *bool
	// Sort is the column to order by (TraineeByName when empty); Desc reverses it.
	Sort TraineeSort
	Desc bool
	// Offset and Limit page the result; Limit 0 means no limit.
	Offset, Limit int
}

// TraineeClass is one class in a trainee's history, with the trainee's result in it.
type TraineeClass struct {
	// Class is the class as stored.
	Class *Class
	// Result is the trainee's enrolment, attendance, grade and completion in the class.
	Result *EnrollmentView
}

// TraineeService keeps the register of trainees.
type TraineeService interface {
	// FindTraineeByID returns one trainee. ENOTFOUND.
	FindTraineeByID(ctx context.Context, id int64) (*Trainee, error)
	// FindTrainees returns one page of the trainees the filter selects. EINVALID for an unknown sort.
	FindTrainees(ctx context.Context, f TraineeFilter) ([]*Trainee, error)
	// CountTrainees returns how many trainees the filter selects, ignoring its paging.
	CountTrainees(ctx context.Context, f TraineeFilter) (int, error)
	// CreateTrainee normalises, validates and stores t, setting its ID, Version and times.
	// EINVALID (also for an unknown ward or workplace); ECONFLICT as a *DuplicateTraineeError when
	// the CCCD is registered to someone, or when someone has the same name and birth date and
	// confirmed is false (confirmed says the clerk answered that t is a different person).
	CreateTrainee(ctx context.Context, t *Trainee, confirmed bool) error
	// CreateTrainees stores many trainees in one transaction, all or none, as an import or a
	// pasted list does; a same name and birth date is not asked about. EINVALID and ECONFLICT
	// name the row (1-based) at fault.
	CreateTrainees(ctx context.Context, ts []*Trainee) error
	// UpdateTrainee saves every field of t over the stored record; t.Version must be the version
	// read, and on success t is the saved record. EINVALID; ENOTFOUND; ECONFLICT for a stale
	// version or a CCCD registered to someone else.
	UpdateTrainee(ctx context.Context, t *Trainee) error
	// TraineeHistory lists every class the trainee enrolled in, the latest first, with the result.
	// ENOTFOUND.
	TraineeHistory(ctx context.Context, id int64) ([]*TraineeClass, error)
}

// EnrollmentStatus says whether a trainee is still in a class.
type EnrollmentStatus string

// The statuses of an enrolment.
const (
	EnrollmentActive    EnrollmentStatus = "hoc"      // đang học (or has completed)
	EnrollmentWithdrawn EnrollmentStatus = "thoi_hoc" // thôi học: left the class; the record stays
)

// Label returns the status's Vietnamese name.
func (s EnrollmentStatus) Label() string {
	switch s {
	case EnrollmentActive:
		return "Đang học"
	case EnrollmentWithdrawn:
		return "Thôi học"
	}
	return string(s)
}

// Enrollment is a trainee's place in a class, with the result and what happened after.
type Enrollment struct {
	// ID is the store's key.
	ID int64
	// ClassID and TraineeID say who is in which class; a trainee is in a class at most once.
	ClassID, TraineeID int64
	// Status says whether the trainee is still in the class.
	Status EnrollmentStatus
	// WithdrawnOn is the day a withdrawn trainee left; zero otherwise.
	WithdrawnOn vn.Date
	// WithdrawReason says why a withdrawn trainee left.
	WithdrawReason string
	// Score is the final score in tenths of a point (75 is 7,5), meaningful when HasScore.
	Score int
	// HasScore is false until a score is entered.
	HasScore bool
	// Employed is true when the trainee found work or uses the trade after the course.
	Employed bool
	// EmployerID is the employer from the register of enterprises; 0 when none or not known.
	EmployerID int64
	// Employer is the employer as free text, or the way of using the trade ("tự làm tại nhà").
	Employer string
	// EmployedOn is the day the work began, if known.
	EmployedOn vn.Date
	// Version counts saved changes; an update must carry the version it read.
	Version int
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt, UpdatedAt time.Time
}

// Employment is what the follow-up after a course records about a trainee.
type Employment struct {
	// Employed is true when the trainee found work or uses the trade.
	Employed bool
	// EmployerID is the employer from the register; 0 when none.
	EmployerID int64
	// Employer is the employer as free text.
	Employer string
	// EmployedOn is the day the work began, if known.
	EmployedOn vn.Date
}

// Normalize trims the text, and clears every detail when the trainee is not employed.
func (e *Employment) Normalize() {
	e.Employer = vn.NFC(e.Employer)
	if !e.Employed {
		*e = Employment{}
	}
}

// Validate checks the follow-up on the day today. EINVALID.
func (e *Employment) Validate(today vn.Date) error {
	if err := ValidateDate("Ngày có việc làm", e.EmployedOn); err != nil {
		return err
	}
	if err := checkText(textField{"Nơi làm việc", e.Employer, MaxShortLen, false}); err != nil {
		return err
	}
	switch {
	case e.EmployerID < 0:
		return Errorf(EINVALID, "Mã doanh nghiệp %d không đúng.", e.EmployerID)
	case today.Before(e.EmployedOn):
		return Errorf(EINVALID, "Ngày có việc làm %s là ngày chưa tới (hôm nay là %s).", e.EmployedOn, today)
	}
	return nil
}

// EmploymentStats is the follow-up of a class: how many of its trainees found work.
type EmploymentStats struct {
	// Trainees counts the active (not withdrawn) enrolments.
	Trainees int
	// Employed counts those among them who found work or use the trade.
	Employed int
}

// Percent returns the employment rate in whole percent, 0 for a class without trainees.
func (s EmploymentStats) Percent() int {
	if s.Trainees == 0 {
		return 0
	}
	return s.Employed * 100 / s.Trainees
}

// EnrollmentView is an enrolment as the roster, the results sheet and a trainee's history show it:
// with the trainee, the attendance counts, the grade and the completion decision.
type EnrollmentView struct {
	Enrollment
	// TraineeName, Female, BirthDate, BirthPlace and CCCD are the trainee's.
	TraineeName vn.Name
	Female      bool
	BirthDate   vn.Date
	BirthPlace  string
	CCCD        string
	// Sessions is the number of the class's sessions held so far (those with attendance taken).
	Sessions int
	// Present, Late, Excused and Absent count the trainee's marks over the held sessions; a held
	// session with no mark for the trainee counts as absent.
	Present, Late, Excused, Absent int
	// AttendancePercent is the whole percent of held sessions attended (present or late), rounded
	// down so that it never shows more than was attended: 2 of 3 is 66. Eligibility compares the
	// exact fraction with the class minimum.
	AttendancePercent int
	// Grade is the grade of the score ("Khá"), "" without a score.
	Grade string
	// Eligible is true when the trainee completed the course and may get a certificate.
	Eligible bool
	// Reason says why a trainee is not eligible ("Vắng 6/20 buổi"); "" when eligible.
	Reason string
}

// Missed returns how many held sessions the trainee did not attend: absences, excused ones and
// sessions not marked.
func (v *EnrollmentView) Missed() int { return v.Sessions - v.Present - v.Late }

// Assess fills the attendance percent, grade, eligibility and reason of v from its counts and
// score, under the class's completion rules and the grade scale. Attendance is the sessions
// attended (có mặt or muộn) over the sessions held; an excused absence (có phép) is still an
// absence for completion, as the rules count time in class, but is shown apart. A trainee is
// eligible when active, attendance ≥ the class minimum and score ≥ the pass mark.
func (v *EnrollmentView) Assess(c *Class, g GradeScale) {
	attended := v.Present + v.Late
	v.Absent = v.Sessions - attended - v.Excused
	v.AttendancePercent = 0
	if v.Sessions > 0 {
		v.AttendancePercent = attended * 100 / v.Sessions
	}
	v.Grade = ""
	if v.HasScore {
		v.Grade = g.Grade(v.Score)
	}
	var reasons []string
	switch {
	case v.Status == EnrollmentWithdrawn:
		reasons = append(reasons, "Thôi học từ "+v.WithdrawnOn.String())
	case v.Sessions == 0:
		reasons = append(reasons, "Chưa điểm danh buổi nào")
	case attended*100 < c.MinAttendance*v.Sessions:
		reasons = append(reasons, fmt.Sprintf("Vắng %d/%d buổi", v.Missed(), v.Sessions))
	}
	if v.Status != EnrollmentWithdrawn {
		switch {
		case !v.HasScore:
			reasons = append(reasons, "Chưa có điểm")
		case v.Score < c.PassMark:
			reasons = append(reasons, fmt.Sprintf("Điểm %s dưới điểm đạt %s", FormatScore(v.Score), FormatScore(c.PassMark)))
		}
	}
	v.Reason = strings.Join(reasons, "; ")
	v.Eligible = len(reasons) == 0
}

// EnrollmentService enrols trainees in classes and keeps their results.
type EnrollmentService interface {
	// Enroll puts a trainee in a class and returns the enrolment. ENOTFOUND for the class or the
	// trainee; ECONFLICT when the trainee is already in the class, the class is full, or it no
	// longer takes trainees (status other than kế hoạch, tuyển sinh, đang học).
	Enroll(ctx context.Context, classID, traineeID int64) (*Enrollment, error)
	// EnrollMany puts many trainees in a class in one transaction, all or none, as a pasted list
	// does. The errors of Enroll; ECONFLICT for capacity says how many seats are left.
	EnrollMany(ctx context.Context, classID int64, traineeIDs []int64) ([]*Enrollment, error)
	// EnrollList creates the new trainees of a pasted list and enrols them with the existing
	// ones in one transaction, all or none. The errors of CreateTrainees and EnrollMany.
	EnrollList(ctx context.Context, classID int64, existing []int64, fresh []*Trainee) ([]*Enrollment, error)
	// Withdraw records that a trainee left the class on a day, for a reason; the record stays.
	// EINVALID for no reason or a day outside the course or in the future; ENOTFOUND; ECONFLICT
	// for a stale version, a trainee already withdrawn, or a class whose certificates are issued.
	Withdraw(ctx context.Context, enrollmentID int64, version int, on vn.Date, reason string) (*Enrollment, error)
	// ClassRoster returns the class's enrolments, withdrawn ones included, sorted the Vietnamese
	// way by given name, with attendance and completion assessed. ENOTFOUND.
	ClassRoster(ctx context.Context, classID int64) ([]*EnrollmentView, error)
	// SetScore sets a trainee's score in tenths (0–100), or clears it with NoScore, and returns
	// the saved enrolment. EINVALID for a score outside 0–10; ENOTFOUND; ECONFLICT for a stale
	// version, a withdrawn trainee, or a class cancelled or whose certificates are issued.
	SetScore(ctx context.Context, enrollmentID int64, version int, score int) (*Enrollment, error)
	// SetEmployment records the follow-up after the course and returns the saved enrolment.
	// EINVALID (also for an unknown employer); ENOTFOUND; ECONFLICT for a stale version.
	SetEmployment(ctx context.Context, enrollmentID int64, version int, e Employment) (*Enrollment, error)
	// EmploymentRate returns how many of the class's active trainees found work. ENOTFOUND.
	EmploymentRate(ctx context.Context, classID int64) (EmploymentStats, error)
}

// GradeScale holds the lowest score, in tenths, of each grade; a score below TB is "Không đạt".
type GradeScale struct {
	// XuatSac is the lowest score graded "Xuất sắc" (90).
	XuatSac int
	// Gioi is the lowest score graded "Giỏi" (80).
	Gioi int
	// Kha is the lowest score graded "Khá" (70).
	Kha int
	// TBKha is the lowest score graded "Trung bình khá" (60).
	TBKha int
	// TB is the lowest score graded "Trung bình" (50).
	TB int
}

// DefaultGradeScale is the usual scale: Xuất sắc ≥ 9; Giỏi ≥ 8; Khá ≥ 7; Trung bình khá ≥ 6;
// Trung bình ≥ 5; Không đạt below.
func DefaultGradeScale() GradeScale {
	return GradeScale{XuatSac: 90, Gioi: 80, Kha: 70, TBKha: 60, TB: 50}
}

// Grade returns the grade of a score in tenths.
func (g GradeScale) Grade(score int) string {
	switch {
	case score >= g.XuatSac:
		return "Xuất sắc"
	case score >= g.Gioi:
		return "Giỏi"
	case score >= g.Kha:
		return "Khá"
	case score >= g.TBKha:
		return "Trung bình khá"
	case score >= g.TB:
		return "Trung bình"
	}
	return "Không đạt"
}

// Validate checks that the thresholds are scores and rise from Trung bình to Xuất sắc. EINVALID.
func (g GradeScale) Validate() error {
	ts := []int{g.TB, g.TBKha, g.Kha, g.Gioi, g.XuatSac}
	for _, t := range ts {
		if t < 0 || t > MaxScore {
			return Errorf(EINVALID, "Ngưỡng xếp loại %s nằm ngoài thang điểm 0–10.", FormatScore(t))
		}
	}
	for i := 1; i < len(ts); i++ {
		if ts[i] <= ts[i-1] {
			return Errorf(EINVALID, "Các ngưỡng xếp loại phải tăng dần: Trung bình < Trung bình khá < Khá < Giỏi < Xuất sắc (đang là %s, %s, %s, %s, %s).",
				FormatScore(g.TB), FormatScore(g.TBKha), FormatScore(g.Kha), FormatScore(g.Gioi), FormatScore(g.XuatSac))
		}
	}
	return nil
}

// GradeService keeps the grade scale, a setting shared by everyone who uses the database.
type GradeService interface {
	// GradeScale returns the grade scale; a new database has DefaultGradeScale.
	GradeScale(ctx context.Context) (GradeScale, error)
	// SaveGradeScale validates and stores the grade scale. EINVALID.
	SaveGradeScale(ctx context.Context, g GradeScale) error
}

// ParseScore reads a score as a trainer types it, on the scale 0–10 with one decimal at most,
// the decimal sign a comma or a point: "7,5", "7.5" and "8" give 75, 75 and 80 tenths. The whole
// part is one or two ASCII digits ("07,5" as a date's "05"), so nothing typed but a padding zero
// is missing from the printed "7,5". Blank input gives NoScore and no error. EINVALID with a
// message saying what is wrong.
func ParseScore(s string) (int, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return NoScore, nil
	}
	if strings.HasPrefix(in, "-") {
		return 0, Errorf(EINVALID, "Điểm %q không được âm: điểm chấm theo thang 0–10.", in)
	}
	whole, frac, hasFrac := strings.Cut(strings.Replace(in, ",", ".", 1), ".")
	digits := func(p string) bool { return p != "" && strings.Trim(p, "0123456789") == "" }
	if !digits(whole) || hasFrac && !digits(frac) {
		return 0, Errorf(EINVALID, "Điểm %q không phải một số: hãy gõ điểm từ 0 đến 10, ví dụ 7,5.", in)
	}
	if len(frac) > 1 {
		return 0, Errorf(EINVALID, "Điểm %q chỉ được có một chữ số sau dấu phẩy, ví dụ 7,5.", in)
	}
	if len(whole) > 2 && whole[0] == '0' {
		return 0, Errorf(EINVALID, "Điểm %q có chữ số 0 thừa ở đầu: hãy gõ điểm từ 0 đến 10, ví dụ 7,5.", in)
	}
	if len(whole) > 2 {
		return 0, Errorf(EINVALID, "Điểm %s vượt quá 10: điểm chấm theo thang 0–10.", in)
	}
	n := 0
	for _, r := range whole + frac {
		n = n*10 + int(r-'0')
	}
	if frac == "" {
		n *= 10
	}
	if n > MaxScore {
		return 0, Errorf(EINVALID, "Điểm %s vượt quá 10: điểm chấm theo thang 0–10.", in)
	}
	return n, nil
}

// FormatScore writes a score in tenths with one decimal and a comma: 75 is "7,5", 80 is "8,0".
func FormatScore(score int) string {
	sign := ""
	if score < 0 {
		sign, score = "-", -score
	}
	return fmt.Sprintf("%s%d,%d", sign, score/10, score%10)
}

// Session is one day (or half day) of lessons of a class.
type Session struct {
	// ID is the store's key.
	ID int64
	// ClassID is the class the session belongs to.
	ClassID int64
	// Date is the day of the session.
	Date vn.Date
	// Hours is the session's teaching hours; 0 when not given.
	Hours int
	// Topic is what the session teaches, free text.
	Topic string
	// Held is true once attendance was taken for the session; filled by the store on reads.
	Held bool
}

// Validate checks a session against its class's dates. EINVALID.
func (s *Session) Validate(c *Class) error {
	if err := ValidateDate("Ngày của buổi học", s.Date); err != nil {
		return err
	}
	if err := checkText(textField{"Nội dung buổi học", s.Topic, MaxShortLen, false}); err != nil {
		return err
	}
	switch {
	case s.Date.IsZero():
		return Errorf(EINVALID, "Hãy nhập ngày của buổi học.")
	case s.Date.Before(c.Start) || c.End.Before(s.Date):
		return Errorf(EINVALID, "Ngày %s nằm ngoài thời gian học của lớp %s (%s – %s). Hãy sửa ngày của lớp trước nếu lớp học thêm.", s.Date, c.Code, c.Start, c.End)
	case s.Hours < 0 || s.Hours > 24:
		return Errorf(EINVALID, "Số giờ của buổi học phải từ 0 đến 24 (đang là %d).", s.Hours)
	}
	return nil
}

// AttendanceMark is a trainee's attendance at one session.
type AttendanceMark string

// The marks of the attendance grid. Có mặt and muộn count as attended; vắng and có phép do not
// (see EnrollmentView.Assess).
const (
	MarkPresent AttendanceMark = "co_mat"  // có mặt
	MarkAbsent  AttendanceMark = "vang"    // vắng
	MarkLate    AttendanceMark = "muon"    // muộn
	MarkExcused AttendanceMark = "co_phep" // vắng có phép
)

// AttendanceMarks lists every mark in the order the grid offers them.
var AttendanceMarks = []AttendanceMark{MarkPresent, MarkAbsent, MarkLate, MarkExcused}

// Label returns the mark's Vietnamese name.
func (m AttendanceMark) Label() string {
	switch m {
	case MarkPresent:
		return "Có mặt"
	case MarkAbsent:
		return "Vắng"
	case MarkLate:
		return "Muộn"
	case MarkExcused:
		return "Có phép"
	}
	return string(m)
}

// Valid reports whether m is one of the known marks.
func (m AttendanceMark) Valid() bool {
	for _, x := range AttendanceMarks {
		if m == x {
			return true
		}
	}
	return false
}

// Attended reports whether the mark counts towards attendance.
func (m AttendanceMark) Attended() bool { return m == MarkPresent || m == MarkLate }

// AttendanceKey names a cell of the attendance grid.
type AttendanceKey struct {
	// SessionID and EnrollmentID are the cell's column and row.
	SessionID, EnrollmentID int64
}

// AttendanceGrid is a class's whole attendance, read at once: the sessions as columns, the roster
// as rows and the marks in the cells.
type AttendanceGrid struct {
	// Class is the class.
	Class *Class
	// Sessions are the class's sessions in date order.
	Sessions []*Session
	// Roster is the class's roster as ClassRoster gives it.
	Roster []*EnrollmentView
	// Marks holds the marks taken; a cell without one is not marked.
	Marks map[AttendanceKey]AttendanceMark
}

// AttendanceService keeps a class's sessions and attendance.
type AttendanceService interface {
	// GenerateSessions makes one session on each of the chosen weekdays from the class's start to
	// its end and returns them. EINVALID when no weekday is chosen or none falls within the
	// course; ENOTFOUND; ECONFLICT when the class already has sessions or is closed (certified
	// or cancelled).
	GenerateSessions(ctx context.Context, classID int64, weekdays []time.Weekday) ([]*Session, error)
	// AddSession validates and stores a session of s.ClassID, setting its ID. EINVALID (also for a
	// day outside the course); ENOTFOUND; ECONFLICT for a closed class.
	AddSession(ctx context.Context, s *Session) error
	// MoveSession moves a session to another day of the course and returns it. EINVALID;
	// ENOTFOUND; ECONFLICT for a closed class.
	MoveSession(ctx context.Context, sessionID int64, to vn.Date) (*Session, error)
	// Sessions returns the class's sessions in date order. ENOTFOUND.
	Sessions(ctx context.Context, classID int64) ([]*Session, error)
	// AttendanceGrid returns the class with its sessions, roster and marks, in one read. ENOTFOUND.
	AttendanceGrid(ctx context.Context, classID int64) (*AttendanceGrid, error)
	// SaveSessionAttendance sets the marks of a session, by enrolment ID, in one transaction; an
	// empty mark clears one, and enrolments left out keep theirs, so two trainers marking different
	// trainees of one session do not erase each other's marks. EINVALID for an unknown mark or an
	// enrolment of another class; ENOTFOUND; ECONFLICT for a trainee withdrawn before the session
	// or a closed class.
	SaveSessionAttendance(ctx context.Context, sessionID int64, marks map[int64]AttendanceMark) error
	// MarkAllPresent marks present every trainee in the class on the session who has no mark yet
	// (withdrawn trainees excepted) and returns how many it marked. ENOTFOUND; ECONFLICT for a
	// closed class.
	MarkAllPresent(ctx context.Context, sessionID int64) (int, error)
}
