package vn

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// provinces maps the first three digits of a CCCD number to the province (as of before the
// 2025 merger) where its holder was registered at birth.
var provinces = map[string]string{
	"001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
	"010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
	"017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
	"025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
	"033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
	"038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
	"046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
	"054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
	"064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
	"072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh",
	"080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
	"087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
	"094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

// ProvinceName returns the province that a three-digit CCCD province code stands for.
func ProvinceName(code string) (string, bool) {
	name, ok := provinces[code]
	return name, ok
}

// CCCDInfo is what a CCCD number tells about its holder.
type CCCDInfo struct {
	Province  string // name of the province of registration, e.g. "Hà Nội"
	Female    bool
	BirthYear int
}

// NormalizeCCCD checks a 12-digit citizen ID number (căn cước công dân) and returns its digits:
// a known province code, then a birth year that has already come. The digits may be grouped by
// single spaces, the only thing the returned form drops. Blank input gives "" and no error.
func NormalizeCCCD(s string) (string, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return "", nil
	}
	d := strings.ReplaceAll(in, " ", "")
	switch {
	case !allDigits(d) || strings.Contains(in, "  "):
		return "", fmt.Errorf("Số CCCD %q chỉ được có chữ số.", in)
	case len(d) == 9:
		return "", fmt.Errorf("Số %s là số chứng minh nhân dân cũ: hãy gõ số CCCD 12 chữ số.", d)
	case len(d) != 12:
		return "", fmt.Errorf("Số CCCD %s phải có đúng 12 chữ số (đang có %d).", d, len(d))
	}
	if _, ok := provinces[d[:3]]; !ok {
		return "", fmt.Errorf("Số CCCD %s có mã tỉnh %s không tồn tại.", d, d[:3])
	}
	if y := birthYear(d); y > time.Now().Year() {
		return "", fmt.Errorf("Số CCCD %s cho năm sinh %d, là năm chưa tới: hãy soát lại chữ số thứ 4 đến thứ 6.", d, y)
	}
	return d, nil
}

// ParseCCCD checks a CCCD number and decodes its province, the holder's sex and birth year.
func ParseCCCD(s string) (CCCDInfo, error) {
	d, err := NormalizeCCCD(s)
	if err != nil {
		return CCCDInfo{}, err
	}
	if d == "" {
		return CCCDInfo{}, errors.New("Chưa có số CCCD.")
	}
	return CCCDInfo{Province: provinces[d[:3]], Female: (d[3]-'0')%2 == 1, BirthYear: birthYear(d)}, nil
}

// birthYear decodes digits 4 to 6 of a valid CCCD number: the 4th gives sex and century.
func birthYear(d string) int {
	century := [5]int{1900, 2000, 2100, 2200, 1800}[(d[3]-'0')/2]
	return century + int(d[4]-'0')*10 + int(d[5]-'0')
}
