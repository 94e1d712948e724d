package data

import (
	"context"
	"strings"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// Organisation is the centre as its documents print it.
type Organisation struct {
	// ParentAuthority is printed above the centre's name, e.g. "SỞ CÔNG THƯƠNG HÀ NỘI".
	ParentAuthority string
	// Name is the centre's name, e.g. "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP HÀ NỘI".
	Name string
	// Address is the centre's postal address.
	Address string
	// Phone is the centre's telephone number as printed.
	Phone string
	// DirectorTitle is the signer's title, e.g. "GIÁM ĐỐC".
	DirectorTitle string
	// DirectorName is the signer's full name.
	DirectorName string
	// City opens the date line of documents: "Hà Nội, ngày … tháng … năm …".
	City string
}

// DefaultOrganisation is what a new database starts with: Hanoi's centre.
func DefaultOrganisation() Organisation {
	return Organisation{
		ParentAuthority: "SỞ CÔNG THƯƠNG HÀ NỘI",
		Name:            "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP HÀ NỘI",
		DirectorTitle:   "GIÁM ĐỐC",
		City:            "Hà Nội",
	}
}

// Normalize puts every field in its stored form: NFC, no space at either end.
func (o *Organisation) Normalize() {
	for _, s := range []*string{&o.ParentAuthority, &o.Name, &o.Address, &o.Phone, &o.DirectorTitle, &o.DirectorName, &o.City} {
		*s = vn.NFC(*s)
	}
}

// Validate checks that a document can be headed with o.
func (o Organisation) Validate() error {
	for _, f := range []struct{ label, value string }{
		{"Cơ quan chủ quản", o.ParentAuthority}, {"Tên trung tâm", o.Name}, {"Địa danh ghi ngày tháng", o.City},
	} {
		if strings.TrimSpace(f.value) == "" {
			return Errorf(EINVALID, "%s không được để trống: văn bản in ra cần dòng này.", f.label)
		}
	}
	for _, f := range []struct{ label, value string }{
		{"Cơ quan chủ quản", o.ParentAuthority}, {"Tên trung tâm", o.Name}, {"Địa chỉ", o.Address},
		{"Điện thoại", o.Phone}, {"Chức danh người ký", o.DirectorTitle}, {"Họ tên người ký", o.DirectorName}, {"Địa danh", o.City},
	} {
		if n := utf8.RuneCountInString(f.value); n > MaxShortLen {
			return Errorf(EINVALID, "%s dài %d ký tự; tối đa %d ký tự.", f.label, n, MaxShortLen)
		}
	}
	return nil
}

// SettingsService keeps the settings that belong to the database (shared by everyone who uses it),
// as opposed to one person's preferences on one computer.
type SettingsService interface {
	// Organisation returns the centre's details; a new database has DefaultOrganisation.
	Organisation(ctx context.Context) (Organisation, error)
	// SaveOrganisation validates and stores the centre's details. EINVALID.
	SaveOrganisation(ctx context.Context, o Organisation) error
	// VerifyAddress returns the address where the centre publishes its verification page, ""
	// when none is set (the QR codes then hold the bare text).
	VerifyAddress(ctx context.Context) (string, error)
	// SaveVerifyAddress stores the address of the verification page ("" for none), after
	// NormalizeVerifyAddress and ValidateVerifyAddress. RightSettings; EINVALID.
	SaveVerifyAddress(ctx context.Context, address string) error
}

// BackupService makes consistent copies of the database.
type BackupService interface {
	// BackupTo writes a consistent copy of the live database into dir and returns its path.
	// The file name carries the time, so backups never overwrite each other. EINVALID when dir
	// cannot be written.
	BackupTo(ctx context.Context, dir string) (string, error)
}
