package data

import (
	"context"
	"strings"
	"time"

	"khuyencong/data/vn"
)

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
