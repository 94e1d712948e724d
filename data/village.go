package data

import (
	"context"
	"strings"

	"khuyencong/data/vn"
)

// Village is a recognised craft village (làng nghề): enterprises belong to it and classes are
// held for it.
type Village struct {
	// ID is the store's key.
	ID int64
	// Name is unique, e.g. "Làng gốm Bát Tràng".
	Name string
	// WardCode is the ward or commune it lies in (since 07/2025).
	WardCode string
	// Trade is its craft, e.g. "Gốm sứ".
	Trade string
	// Decision and RecognisedOn are the recognising decision's number and date; the date may not
	// be after today (the store's clock).
	Decision     string
	RecognisedOn vn.Date
	// Households and Workers count the households and workers in the trade.
	Households, Workers int
	// ContactName and ContactPhone reach its contact person (phone stored as digits).
	ContactName, ContactPhone string
	// Notes are free text.
	Notes string
	// Enterprises counts the enterprises that belong to it, filled on reads.
	Enterprises int
	// Version counts saved changes; an update must carry the version it read.
	Version int
}

// Normalize puts every field in its stored form.
func (v *Village) Normalize() {
	for _, s := range []*string{&v.Name, &v.WardCode, &v.Trade, &v.Decision, &v.ContactName, &v.Notes} {
		*s = vn.NFC(strings.TrimSpace(*s))
	}
	if p, err := vn.NormalizePhone(v.ContactPhone); err == nil {
		v.ContactPhone = p
	} else {
		v.ContactPhone = strings.TrimSpace(v.ContactPhone)
	}
}

// Validate checks a village by itself (the store checks the recognition date against its clock). EINVALID.
func (v *Village) Validate() error {
	switch {
	case strings.TrimSpace(v.Name) == "":
		return Errorf(EINVALID, "Tên làng nghề không được để trống.")
	case v.Households < 0 || v.Households > MaxWorkers:
		return Errorf(EINVALID, "Số hộ làm nghề phải từ 0 đến %s.", vn.FormatInt(MaxWorkers))
	case v.Workers < 0 || v.Workers > MaxWorkers:
		return Errorf(EINVALID, "Số lao động làm nghề phải từ 0 đến %s.", vn.FormatInt(MaxWorkers))
	}
	if _, err := vn.NormalizePhone(v.ContactPhone); err != nil {
		return Errorf(EINVALID, "Số điện thoại người liên hệ: %s", err.Error())
	}
	return firstError(
		ValidateDate("Ngày công nhận", v.RecognisedOn),
		checkText(
			textField{"Tên làng nghề", v.Name, MaxNameLen, false},
			textField{"Phường/xã", v.WardCode, MaxShortLen, false},
			textField{"Ngành nghề", v.Trade, MaxShortLen, false},
			textField{"Số quyết định công nhận", v.Decision, MaxShortLen, false},
			textField{"Người liên hệ", v.ContactName, MaxShortLen, false},
			textField{"Ghi chú", v.Notes, MaxLongLen, true},
		),
	)
}

// VillageFilter selects craft villages.
type VillageFilter struct {
	// Search matches name, trade and contact, ignoring case and tone marks.
	Search string
	// WardCode and Trade keep only exact matches.
	WardCode *string
	Trade    *string
	// Offset and Limit page the result (by name, Vietnamese order); Limit 0 means no limit.
	Offset, Limit int
}

// SupportKind is a kind of support an enterprise or a village received.
type SupportKind string

// The kinds of support a history lists.
const (
	SupportClassHosted SupportKind = "lop_to_chuc" // a class it hosted (or held for the village)
	SupportTrained     SupportKind = "dao_tao"     // its workers (or villagers) trained in a class
	SupportFair        SupportKind = "hoi_cho"     // a fair booking and its support
	SupportEquipment   SupportKind = "thiet_bi"    // machinery or a production line
	SupportModel       SupportKind = "mo_hinh"     // a demonstration model
)

// Label returns the kind's Vietnamese name.
func (k SupportKind) Label() string {
	switch k {
	case SupportClassHosted:
		return "Tổ chức lớp học"
	case SupportTrained:
		return "Lao động được đào tạo"
	case SupportFair:
		return "Tham gia hội chợ"
	case SupportEquipment:
		return "Hỗ trợ máy móc, thiết bị"
	case SupportModel:
		return "Mô hình trình diễn"
	}
	return string(k)
}

// SupportRecord is one line of a support history.
type SupportRecord struct {
	// Kind is the kind of support; Date its day (a class's or fair's start, the equipment
	// request's date, which is in the year of the đề án paying it).
	Kind SupportKind
	Date vn.Date
	// Code is the class's, fair's or record's code; Description says what it was.
	Code, Description string
	// Enterprise names the enterprise in a village's history; empty in an enterprise's own.
	Enterprise string
	// Programme is the paying đề án's code, empty when none is linked.
	Programme string
	// People counts the trainees not withdrawn: all of a class held (SupportClassHosted), the
	// workers of the enterprise or village in a class held by others (SupportTrained); 0 otherwise.
	People int
	// Amount is the khuyến công money: a held class's budget, the booking's support, the approved
	// support; 0 for workers trained in a class held by others (its budget is the host's record).
	Amount int64
}

// YearTotal sums a history's records of one year.
type YearTotal struct {
	// Year is the calendar year.
	Year int
	// Records and People count the records and the people trained; Amount sums the money.
	Records, People int
	Amount          int64
}

// SupportHistory is every support an enterprise or a village received, newest first: the
// classes not cancelled it hosted (or, for a village, held for it or hosted by its enterprises),
// the other such classes its workers (trainees whose workplace it is) trained in, its bookings
// that hold support at fairs not cancelled, and its equipment approved, accepted or paid. A
// class counts once, so People and Amount add up without double counting.
type SupportHistory struct {
	// Records are newest first.
	Records []SupportRecord
	// Years total the records by year, newest first; Total sums them all.
	Years []YearTotal
	Total YearTotal
}

// VillageDetail is what a craft village's page shows.
type VillageDetail struct {
	// Village is the village.
	Village *Village
	// Enterprises are those that belong to it, by name.
	Enterprises []*Enterprise
	// Classes are those held for it or hosted by its enterprises, newest first, cancelled ones too.
	Classes []*Class
	// Trainees counts the people trained, once in each class (lượt người, as reports count them):
	// the trainees of the classes held for it or hosted by its enterprises, and its
	// enterprises' workers trained in other classes. It is History.Total.People.
	Trainees int
	// History is all support its enterprises and classes received.
	History SupportHistory
}

// VillageService keeps the register of craft villages and the support histories.
type VillageService interface {
	// FindVillageByID returns one village. ENOTFOUND.
	FindVillageByID(ctx context.Context, id int64) (*Village, error)
	// FindVillages returns a page of the villages the filter selects.
	FindVillages(ctx context.Context, f VillageFilter) ([]*Village, error)
	// CountVillages returns how many villages the filter selects.
	CountVillages(ctx context.Context, f VillageFilter) (int, error)
	// CreateVillage stores a new village; enterprises naming it as their craft village and in no
	// village yet now belong to it. EINVALID (recognised in the future); ECONFLICT for a name taken.
	CreateVillage(ctx context.Context, v *Village) error
	// UpdateVillage saves a village; a new name becomes its enterprises' craft village. EINVALID;
	// ENOTFOUND; ECONFLICT for a stale version or a name taken.
	UpdateVillage(ctx context.Context, v *Village) error
	// DeleteVillage removes a village nothing points to. ECONFLICT naming what points to it.
	DeleteVillage(ctx context.Context, id int64) error
	// VillageDetail returns a village's page. ENOTFOUND.
	VillageDetail(ctx context.Context, id int64) (*VillageDetail, error)
	// EnterpriseHistory returns every support an enterprise received. ENOTFOUND.
	EnterpriseHistory(ctx context.Context, enterpriseID int64) (*SupportHistory, error)
}
