package vn

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The years a date may have: a form refuses others, and so does Valid.
const (
	MinYear = 1900
	MaxYear = 2200
)

// Date is a calendar date with no time of day and no zone. The zero Date means "not given".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Valid reports whether d is a calendar date from MinYear to MaxYear, as ParseDate accepts
// (31/02/2026 and the zero Date are not).
func (d Date) Valid() bool {
	return d.Year >= MinYear && d.Year <= MaxYear && d.Month >= 1 && d.Month <= 12 && d.Day >= 1 && d.Day <= daysIn(d.Month, d.Year)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// String returns d as dd/mm/yyyy, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// ISO returns d as YYYY-MM-DD, the form dates are stored in, or "" for the zero Date.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	}
	return cmpInt(d.Day, e.Day)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// AddDays returns the date n days after d (before it for negative n).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Long returns d the way a Vietnamese document dates itself: "ngày 05 tháng 01 năm 2026"
// (days below 10 and the months January and February take a leading zero, as Decree 30/2020 asks),
// or "" for the zero Date.
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	month := strconv.Itoa(int(d.Month))
	if d.Month < 3 {
		month = "0" + month
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Day, month, d.Year)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ParseDate reads a date as clerks type it: d/m/yyyy or dd/mm/yyyy with "/", "-" or "." between
// the pieces (one kind in a date), or the stored form yyyy-mm-dd. Each piece is ASCII digits only:
// no sign, no empty piece, no other character, so an accepted date is the one its printed form
// dd/mm/yyyy shows ("-1/01/2026" is refused, not read as 01/01/2026). Blank input gives the zero
// Date and no error. An impossible date such as 31/02/2026 is an error whose message says what is
// wrong.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	malformed := fmt.Errorf("Ngày %q không đúng dạng ngày/tháng/năm, ví dụ 28/11/2026.", s)
	sep := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if sep < 0 || !strings.ContainsRune("/-.", rune(s[sep])) {
		return Date{}, malformed
	}
	parts := strings.Split(s, s[sep:sep+1])
	if len(parts) != 3 {
		return Date{}, malformed
	}
	if len(parts[0]) == 4 && s[sep] == '-' { // yyyy-mm-dd
		if len(parts[1]) != 2 || len(parts[2]) != 2 {
			return Date{}, malformed
		}
		parts[0], parts[2] = parts[2], parts[0]
	}
	var n [3]int
	for i, p := range parts {
		if p == "" || !allDigits(p) || i < 2 && len(p) > 2 || len(p) > 4 {
			return Date{}, malformed
		}
		n[i], _ = strconv.Atoi(p)
	}
	d := Date{Year: n[2], Month: time.Month(n[1]), Day: n[0]}
	if len(parts[2]) != 4 || d.Year < MinYear || d.Year > MaxYear {
		return Date{}, fmt.Errorf("Năm trong ngày %q phải có 4 chữ số, từ %d đến %d.", s, MinYear, MaxYear)
	}
	if d.Month < 1 || d.Month > 12 {
		return Date{}, fmt.Errorf("Tháng trong ngày %q phải từ 1 đến 12.", s)
	}
	if d.Day < 1 || d.Day > daysIn(d.Month, d.Year) {
		return Date{}, fmt.Errorf("Ngày %q không có: tháng %d năm %d có %d ngày.", s, int(d.Month), d.Year, daysIn(d.Month, d.Year))
	}
	return d, nil
}

// ParseISODate reads a stored YYYY-MM-DD date; "" gives the zero Date.
func ParseISODate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("Ngày lưu trong dữ liệu %q không đúng dạng YYYY-MM-DD.", s)
	}
	return DateOf(t), nil
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
