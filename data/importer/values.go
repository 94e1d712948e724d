package importer

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"khuyencong/data/vn"
)

// excelEpoch is day 0 of Excel's dates (the 1900 date system, counting its phantom 29/02/1900).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// serialMin and serialMax bound the Excel serial numbers read as dates: 01/03/1900 (before it
// Excel counts a 29/02/1900 that never was) to 31/12/2199.
const (
	serialMin = 61
	serialMax = 109573
)

// textDate matches a date written out: "ngày 15 tháng 3 năm 1995", folded.
var textDate = regexp.MustCompile(`^(?:ngay )?(\d{1,2}) thang (\d{1,2}) (?:nam )?(\d{4})$`)

// ParseDate reads a date as a cell gives it: dd/mm/yyyy and d/m/yyyy (with /, - or .),
// yyyy-mm-dd, d/m/yy (a two-digit year is the latest year not after today's: 15/3/95 is 1995,
// 1/2/03 is 2003), an Excel serial number (a date cell read raw, time of day dropped), a date
// and time as text ("15/03/1995 00:00:00"), and "ngày 15 tháng 3 năm 1995". Blank is the zero
// Date. today decides the century of two-digit years.
func ParseDate(s string, today vn.Date) (vn.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return vn.Date{}, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "/-") {
		if n := math.Floor(f); n >= serialMin && n <= serialMax && !(len(s) == 4 && f == n) {
			if d := vn.DateOf(excelEpoch.AddDate(0, 0, int(n))); d.Valid() {
				return d, nil
			}
		}
		if len(s) == 4 {
			return vn.Date{}, fmt.Errorf("Ô ngày chỉ có năm %s: hãy ghi đủ ngày/tháng/năm, ví dụ 15/03/%s.", s, s)
		}
		return vn.Date{}, fmt.Errorf("Số %s không phải là ngày: hãy ghi ngày/tháng/năm, ví dụ 28/11/2026.", s)
	}
	if d, t, ok := strings.Cut(s, " "); ok && strings.Count(t, ":") >= 1 && strings.Trim(t, "0123456789: APMapm") == "" {
		s = d // a date and a time of day
	}
	if m := textDate.FindStringSubmatch(fold(s)); m != nil {
		s = m[1] + "/" + m[2] + "/" + m[3]
	}
	if parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' }); len(parts) == 3 && len(parts[2]) == 2 && len(parts[0]) <= 2 {
		if yy, err := strconv.Atoi(parts[2]); err == nil {
			year := today.Year/100*100 + yy
			if year > today.Year {
				year -= 100
			}
			s = parts[0] + "/" + parts[1] + "/" + strconv.Itoa(year)
		}
	}
	return vn.ParseDate(s)
}

// thousands matches a whole number written with dots or commas between groups of three digits.
var thousands = regexp.MustCompile(`^\d{1,3}([.,]\d{3})+$`)

// ParseCount reads a whole number as a cell gives it: 1234, 1.234, 1,234, 1 234, "1.234 người",
// "12.000.000 đ", a number a cell stores (1234 or 1.234E3); blank is 0. Dots and commas between
// groups of three digits separate thousands, as Vietnamese writes them; a unit after the number
// is dropped.
func ParseCount(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	t := strings.TrimSpace(strings.TrimRightFunc(s, func(r rune) bool { return r > '9' || r == ' ' }))
	switch {
	case thousands.MatchString(t):
		t = strings.NewReplacer(".", "", ",", "").Replace(t)
	case strings.Contains(t, " "):
		t = strings.ReplaceAll(t, " ", "")
	}
	if n, err := strconv.Atoi(t); err == nil {
		return n, nil
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e9 {
		return int(f), nil
	}
	return 0, fmt.Errorf("\"%s\" không phải là số nguyên.", s)
}

// Digits returns a code as a cell gives it without the spaces, dots and dashes between its
// groups of digits ("0101 245 486", "001.195.012.345"), and with the leading zeros a number cell
// dropped put back: a cell that stored 101245486 had the tax code 0101245486, one that stored
// 1195012345 the CCCD 001195012345 (one or two zeros: a province code starts 0 or 00). want is
// the code's length; a branch suffix ("-001") stays.
func Digits(s string, want int) string {
	s = strings.TrimSpace(s)
	if f, err := strconv.ParseFloat(s, 64); err == nil && strings.ContainsAny(s, "Ee") && f > 0 {
		s = strconv.FormatFloat(f, 'f', -1, 64) // 1.01245486E8, as some writers store a number
	}
	code, branch, isBranch := strings.Cut(s, "-")
	if isBranch && len(strings.TrimSpace(branch)) != 3 { // dashes between groups, not a branch
		code, branch, isBranch = strings.ReplaceAll(s, "-", ""), "", false
	}
	code = strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '\u00a0' {
			return -1
		}
		return r
	}, code)
	if len(code) >= want-2 && len(code) < want && strings.Trim(code, "0123456789") == "" && code[0] != '0' {
		code = strings.Repeat("0", want-len(code)) + code
	}
	if isBranch {
		return code + "-" + strings.TrimSpace(branch)
	}
	return code
}
