package data

import (
	"context"
	"strings"
	"time"

	"khuyencong/data/vn"
)

// EnterpriseKind is the legal form of an enterprise in the register.
type EnterpriseKind string

// The legal forms the centre supports (Decree 45/2012 art. 2 names who may be helped).
const (
	KindMicro       EnterpriseKind = "sieu_nho" // doanh nghiệp siêu nhỏ
	KindSmall       EnterpriseKind = "nho"      // doanh nghiệp nhỏ
	KindMedium      EnterpriseKind = "vua"      // doanh nghiệp vừa
	KindCooperative EnterpriseKind = "htx"      // hợp tác xã
	KindCoopGroup   EnterpriseKind = "tht"      // tổ hợp tác
	KindHousehold   EnterpriseKind = "hkd"      // hộ kinh doanh
	KindEstablish   EnterpriseKind = "co_so"    // cơ sở công nghiệp nông thôn
)

// EnterpriseKinds lists every kind in the order forms and filters show them.
var EnterpriseKinds = []EnterpriseKind{KindMicro, KindSmall, KindMedium, KindCooperative, KindCoopGroup, KindHousehold, KindEstablish}

// Label returns the kind's Vietnamese name, as documents print it.
func (k EnterpriseKind) Label() string {
	switch k {
	case KindMicro:
		return "Doanh nghiệp siêu nhỏ"
	case KindSmall:
		return "Doanh nghiệp nhỏ"
	case KindMedium:
		return "Doanh nghiệp vừa"
	case KindCooperative:
		return "Hợp tác xã"
	case KindCoopGroup:
		return "Tổ hợp tác"
	case KindHousehold:
		return "Hộ kinh doanh"
	case KindEstablish:
		return "Cơ sở"
	}
	return string(k)
}

// Valid reports whether k is one of the known kinds.
func (k EnterpriseKind) Valid() bool {
	for _, x := range EnterpriseKinds {
		if k == x {
			return true
		}
	}
	return false
}

// Length limits of an enterprise's text fields, in characters.
const (
	MaxNameLen  = 300
	MaxShortLen = 200
	MaxLongLen  = 4000
)

// Enterprise is a business in the centre's register: a company, cooperative, household business
// or workshop that the centre trains, equips or sends to trade fairs.
type Enterprise struct {
	// ID is the store's key; 0 before the enterprise is created.
	ID int64
	// Kind is the legal form.
	Kind EnterpriseKind
	// Name is the registered name, e.g. "Hợp tác xã Gốm sứ Bát Tràng".
	Name string
	// TaxCode is the 10-digit tax code, a branch code (10 digits + "-NNN"), or for a household
	// business since 07/2025 the owner's 12-digit personal ID; may be empty for an informal workshop.
	TaxCode string
	// Representative is the legal representative or owner.
	Representative vn.Name
	// Phone is stored as digits only ("0912345678").
	Phone string
	// Email is the contact e-mail, lower-case domain.
	Email string
	// Address is the street, hamlet or village line, without the ward.
	Address string
	// WardCode is the official code of the ward or commune (since 07/2025); may be empty for
	// older records that only know their district.
	WardCode string
	// DistrictCode is the official code of the district before 07/2025, kept for older records.
	DistrictCode string
	// Trade is the craft or industry (ngành nghề), e.g. "Gốm sứ".
	Trade string
	// CraftVillage is the craft village it belongs to, e.g. "Làng gốm Bát Tràng", if any: the
	// name of the village VillageID when that is set (the store keeps them in step, and links
	// a CraftVillage that names a village of the register, as an import gives it).
	CraftVillage string
	// VillageID is the village in the register of craft villages; 0 when none.
	VillageID int64
	// Workers is the number of workers.
	Workers int
	// Products lists its main products.
	Products string
	// Notes is free text for the clerks.
	Notes string
	// Archived enterprises are kept for history but hidden from lists by default.
	Archived bool
	// Version counts saved changes; an update must carry the version it read.
	Version int
	// CreatedAt and UpdatedAt are set by the store.
	CreatedAt, UpdatedAt time.Time
}

// Normalize puts every field in its stored form: text NFC and trimmed, phone as digits, e-mail and
// tax code canonical. Fields that do not parse are left as typed for Validate to report.
func (e *Enterprise) Normalize() {
	e.Name = vn.NFC(e.Name)
	r := &e.Representative
	if r.Family == "" && r.Middle == "" { // typed as one line: split it; a split the clerk made stays
		*r = vn.SplitName(r.Given)
	}
	r.Family, r.Middle, r.Given = vn.NFC(r.Family), vn.NFC(r.Middle), vn.NFC(r.Given)
	for _, s := range []*string{&e.Address, &e.WardCode, &e.DistrictCode, &e.Trade, &e.CraftVillage, &e.Products, &e.Notes} {
		*s = vn.NFC(*s)
	}
	if v, err := vn.NormalizeTaxCode(e.TaxCode); err == nil {
		e.TaxCode = v
	} else {
		e.TaxCode = strings.TrimSpace(e.TaxCode)
	}
	if v, err := vn.NormalizePhone(e.Phone); err == nil {
		e.Phone = v
	} else {
		e.Phone = strings.TrimSpace(e.Phone)
	}
	if v, err := vn.NormalizeEmail(e.Email); err == nil {
		e.Email = v
	} else {
		e.Email = strings.TrimSpace(e.Email)
	}
}

// Validate checks the fields an enterprise can be wrong in by itself; whether its tax code or ward
// exists in the store is the store's to check. The error is EINVALID with a message for the clerk.
func (e *Enterprise) Validate() error {
	if !e.Kind.Valid() {
		return Errorf(EINVALID, "Hãy chọn loại hình (doanh nghiệp, hợp tác xã, hộ kinh doanh…).")
	}
	if strings.TrimSpace(e.Name) == "" {
		return Errorf(EINVALID, "Tên doanh nghiệp không được để trống.")
	}
	if _, err := vn.NormalizeTaxCode(e.TaxCode); err != nil {
		return Errorf(EINVALID, "%s", err.Error())
	}
	if e.Kind != KindHousehold && len(e.TaxCode) == 12 {
		return Errorf(EINVALID, "Mã số 12 chữ số (CCCD của chủ hộ) chỉ dùng cho hộ kinh doanh; doanh nghiệp, hợp tác xã dùng mã số thuế 10 chữ số.")
	}
	if _, err := vn.NormalizePhone(e.Phone); err != nil {
		return Errorf(EINVALID, "%s", err.Error())
	}
	if _, err := vn.NormalizeEmail(e.Email); err != nil {
		return Errorf(EINVALID, "%s", err.Error())
	}
	if e.Workers < 0 {
		return Errorf(EINVALID, "Số lao động không được âm (đang là %d).", e.Workers)
	}
	if e.Workers > MaxWorkers {
		return Errorf(EINVALID, "Số lao động %s nhiều quá: tối đa %s người.", vn.FormatInt(int64(e.Workers)), vn.FormatInt(MaxWorkers))
	}
	return checkText(
		textField{"Tên doanh nghiệp", e.Name, MaxNameLen, false},
		textField{"Họ tên người đại diện", e.Representative.Full(), MaxShortLen, false},
		textField{"Địa chỉ", e.Address, MaxShortLen, false},
		textField{"Mã phường/xã", e.WardCode, MaxShortLen, false},
		textField{"Mã quận/huyện", e.DistrictCode, MaxShortLen, false},
		textField{"Ngành nghề", e.Trade, MaxShortLen, false},
		textField{"Làng nghề", e.CraftVillage, MaxShortLen, false},
		textField{"Sản phẩm", e.Products, MaxLongLen, true},
		textField{"Ghi chú", e.Notes, MaxLongLen, true},
	)
}

// EnterpriseSort names the column a list of enterprises is ordered by.
type EnterpriseSort string

// The columns an enterprise list can be sorted by.
const (
	SortByName           EnterpriseSort = "name"
	SortByKind           EnterpriseSort = "kind"
	SortByTaxCode        EnterpriseSort = "tax_code"
	SortByRepresentative EnterpriseSort = "representative"
	SortByPhone          EnterpriseSort = "phone"
	SortByWard           EnterpriseSort = "ward"
	SortByTrade          EnterpriseSort = "trade"
	SortByWorkers        EnterpriseSort = "workers"
	// SortByRelevance lists first the matches in which the words searched for stand together, in
	// the order typed, in one field (a ward, a name, a representative…), then the rest; each
	// group in name order. Without a search of two words or more it is the name order.
	SortByRelevance EnterpriseSort = "relevance"
)

// EnterpriseFilter selects and orders enterprises. Pointer fields apply only when set.
type EnterpriseFilter struct {
	// Search matches enterprises whose words start with every word typed, ignoring case and tone
	// marks, đ as d, over name, tax code, representative, phone, ward, trade, craft village and address.
	Search string
	// Kind, WardCode, Trade and CraftVillage keep only exact matches.
	Kind         *EnterpriseKind
	WardCode     *string
	Trade        *string
	CraftVillage *string
	// VillageID keeps the enterprises that belong to a village of the register.
	VillageID *int64
	// Archived keeps only archived (true) or only current (false) enterprises; nil keeps both.
	Archived *bool
	// Sort is the column to order by; when empty, SortByRelevance while searching and SortByName
	// otherwise. Desc reverses it (for relevance, only the name order within each group).
	Sort EnterpriseSort
	Desc bool
	// Offset and Limit page the result; Limit 0 means no limit.
	Offset, Limit int
}

// EnterpriseFacets are the distinct values the filters of the enterprise list offer.
type EnterpriseFacets struct {
	// Trades and CraftVillages are sorted the Vietnamese way.
	Trades, CraftVillages []string
}

// EnterpriseService keeps the register of enterprises.
type EnterpriseService interface {
	// FindEnterpriseByID returns one enterprise. ENOTFOUND.
	FindEnterpriseByID(ctx context.Context, id int64) (*Enterprise, error)
	// FindEnterprises returns one page of the enterprises the filter selects.
	FindEnterprises(ctx context.Context, f EnterpriseFilter) ([]*Enterprise, error)
	// CountEnterprises returns how many enterprises the filter selects, ignoring its paging.
	CountEnterprises(ctx context.Context, f EnterpriseFilter) (int, error)
	// EnterpriseFacets returns the values the list's filters offer.
	EnterpriseFacets(ctx context.Context) (EnterpriseFacets, error)
	// CreateEnterprise normalises, validates and stores e, setting its ID, Version and times.
	// EINVALID; ECONFLICT when the tax code is already registered (the message names the holder).
	CreateEnterprise(ctx context.Context, e *Enterprise) error
	// CreateEnterprises stores many enterprises in one transaction: all or none. It is what an
	// import uses. EINVALID and ECONFLICT name the row (1-based) at fault.
	CreateEnterprises(ctx context.Context, es []*Enterprise) error
	// UpdateEnterprise saves every field of e over the stored record. e.Version must be the version
	// read; on success it is the new version. EINVALID; ENOTFOUND; ECONFLICT for a stale version or
	// a tax code another enterprise holds.
	UpdateEnterprise(ctx context.Context, e *Enterprise) error
	// SetEnterpriseArchived archives or restores an enterprise, returning the saved record.
	// ENOTFOUND; ECONFLICT for a stale version.
	SetEnterpriseArchived(ctx context.Context, id int64, version int, archived bool) (*Enterprise, error)
	// DeleteEnterprise removes an enterprise no other record points to. ENOTFOUND; ECONFLICT when
	// something refers to it (the message offers archiving instead).
	DeleteEnterprise(ctx context.Context, id int64) error
}
