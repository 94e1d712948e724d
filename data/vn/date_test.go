package vn_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"khuyencong/data/vn"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    vn.Date
		wantErr string
	}{
		{in: "28/11/2026", want: vn.Date{Year: 2026, Month: 11, Day: 28}},
		{in: "5/1/2026", want: vn.Date{Year: 2026, Month: 1, Day: 5}},
		{in: "05-01-2026", want: vn.Date{Year: 2026, Month: 1, Day: 5}},
		{in: " 05.01.2026 ", want: vn.Date{Year: 2026, Month: 1, Day: 5}},
		{in: "2026-11-28", want: vn.Date{Year: 2026, Month: 11, Day: 28}},
		{in: "29/02/2028", want: vn.Date{Year: 2028, Month: 2, Day: 29}},
		{in: "29/02/2000", want: vn.Date{Year: 2000, Month: 2, Day: 29}},
		{in: "", want: vn.Date{}},
		{in: "29/02/2026", wantErr: "tháng 2 năm 2026 có 28 ngày"},
		{in: "31/02/2026", wantErr: "tháng 2 năm 2026 có 28 ngày"},
		{in: "29/02/1900", wantErr: "tháng 2 năm 1900 có 28 ngày"},
		{in: "31/04/2026", wantErr: "tháng 4 năm 2026 có 30 ngày"},
		{in: "00/01/2026", wantErr: "có 31 ngày"},
		{in: "28/13/2026", wantErr: "Tháng trong ngày \"28/13/2026\" phải từ 1 đến 12."},
		{in: "28/11/26", wantErr: "phải có 4 chữ số"},
		{in: "28/11/1800", wantErr: "từ 1900 đến 2200"},
		{in: "+5/1/2026", wantErr: "không đúng dạng"},
		{in: "28 tháng 11", wantErr: "không đúng dạng ngày/tháng/năm, ví dụ 28/11/2026."},
		{in: "28/11", wantErr: "không đúng dạng"},
		{in: "31/12/2200", want: vn.Date{Year: 2200, Month: 12, Day: 31}},
		{in: "01/01/1900", want: vn.Date{Year: 1900, Month: 1, Day: 1}},
		{in: "01/01/2201", wantErr: "từ 1900 đến 2200"},
		{in: "31/12/1899", wantErr: "từ 1900 đến 2200"},
		// Every piece is digits with one separator between pieces: nothing is dropped.
		{in: "-1/01/2026", wantErr: "không đúng dạng"},
		{in: "1/01/2026-", wantErr: "không đúng dạng"},
		{in: "/1/01/2026", wantErr: "không đúng dạng"},
		{in: "1//01/2026", wantErr: "không đúng dạng"},
		{in: "1/01//2026", wantErr: "không đúng dạng"},
		{in: "1/01.2026", wantErr: "không đúng dạng"},
		{in: "1 /01/2026", wantErr: "không đúng dạng"},
		{in: "001/01/2026", wantErr: "không đúng dạng"},
		{in: "1/001/2026", wantErr: "không đúng dạng"},
		{in: "1/1/02026", wantErr: "không đúng dạng"},
		{in: "2026-1-5", wantErr: "không đúng dạng"},
		{in: "2026/11/28", wantErr: "không đúng dạng"},
		{in: "١/01/2026", wantErr: "không đúng dạng"},
	}
	for _, tt := range tests {
		got, err := vn.ParseDate(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDate(%q) error = %v, want one saying %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestDateFormats(t *testing.T) {
	tests := []struct {
		d              vn.Date
		str, iso, long string
	}{
		{vn.Date{Year: 2026, Month: 1, Day: 5}, "05/01/2026", "2026-01-05", "ngày 05 tháng 01 năm 2026"},
		{vn.Date{Year: 2026, Month: 11, Day: 28}, "28/11/2026", "2026-11-28", "ngày 28 tháng 11 năm 2026"},
		{vn.Date{Year: 2026, Month: 2, Day: 15}, "15/02/2026", "2026-02-15", "ngày 15 tháng 02 năm 2026"},
		{vn.Date{Year: 2026, Month: 3, Day: 9}, "09/03/2026", "2026-03-09", "ngày 09 tháng 3 năm 2026"},
		{vn.Date{}, "", "", ""},
	}
	for _, tt := range tests {
		if tt.d.IsZero() {
			if tt.d.String() != "" || tt.d.ISO() != "" || tt.d.Long() != "" {
				t.Errorf("zero Date prints as %q / %q / %q", tt.d.String(), tt.d.ISO(), tt.d.Long())
			}
			continue
		}
		if got := tt.d.String(); got != tt.str {
			t.Errorf("String = %q, want %q", got, tt.str)
		}
		if got := tt.d.ISO(); got != tt.iso {
			t.Errorf("ISO = %q, want %q", got, tt.iso)
		}
		if got := tt.d.Long(); got != tt.long {
			t.Errorf("Long = %q, want %q", got, tt.long)
		}
		if back, err := vn.ParseISODate(tt.iso); err != nil || back != tt.d {
			t.Errorf("ParseISODate(%q) = %v, %v", tt.iso, back, err)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	d := vn.Date{Year: 2028, Month: 2, Day: 28}
	if got := d.AddDays(1); got != (vn.Date{Year: 2028, Month: 2, Day: 29}) {
		t.Errorf("28/02/2028 + 1 = %v", got)
	}
	if got := (vn.Date{Year: 2026, Month: 12, Day: 31}).AddDays(1); got.String() != "01/01/2027" {
		t.Errorf("31/12/2026 + 1 = %v", got)
	}
	if got := (vn.Date{Year: 2026, Month: 3, Day: 1}).AddDays(-1); got.String() != "28/02/2026" {
		t.Errorf("01/03/2026 - 1 = %v", got)
	}
	a, b := vn.Date{Year: 2026, Month: 1, Day: 31}, vn.Date{Year: 2026, Month: 2, Day: 1}
	if !a.Before(b) || b.Before(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("Compare/Before disagree with the calendar")
	}
	if (vn.Date{Year: 2025, Month: 12, Day: 31}).Compare(a) != -1 {
		t.Error("a date of an earlier year compares after")
	}
	hanoi := time.FixedZone("ICT", 7*3600)
	if got := vn.DateOf(time.Date(2026, 11, 28, 23, 30, 0, 0, hanoi)); got.String() != "28/11/2026" {
		t.Errorf("DateOf = %v", got)
	}
	if got := a.Time(); !got.Equal(time.Date(2026, 1, 31, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time = %v", got)
	}
	if got, err := vn.ParseISODate(""); err != nil || !got.IsZero() {
		t.Errorf(`ParseISODate("") = %v, %v`, got, err)
	}
	if _, err := vn.ParseISODate("28/11/2026"); err == nil {
		t.Error("ParseISODate accepted dd/mm/yyyy")
	}
}

// canonicalDate is the grammar ParseDate promises, written independently of it: d/m/yyyy or
// dd/mm/yyyy with one separator kind, or yyyy-mm-dd, after trimming spaces.
var canonicalDate = regexp.MustCompile(`^(?:[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}|[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})$`)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"28/11/2026", "5/1/2026", "2026-11-28", "29/02/2028", "31/02/2026", "", "1.1.1900", "+5/1/2026", "2200-12-31", "-1/01/2026", "1/01/2026/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := vn.ParseDate(s)
		if err != nil || d.IsZero() {
			return
		}
		if !canonicalDate.MatchString(strings.TrimSpace(s)) {
			t.Fatalf("ParseDate(%q) = %v, but the input is not d/m/yyyy or yyyy-mm-dd", s, d)
		}
		// The pieces typed are the date's own numbers: no digit was dropped or invented.
		pieces := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
		if len(pieces[0]) == 4 {
			pieces[0], pieces[2] = pieces[2], pieces[0]
		}
		if got := fmt.Sprintf("%02s/%02s/%s", pieces[0], pieces[1], pieces[2]); got != d.String() {
			t.Fatalf("ParseDate(%q) = %v, but its pieces read %s", s, d, got)
		}
		back, err := vn.ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v, but ParseDate(%q) = %v, %v", s, d, d.String(), back, err)
		}
		if iso, err := vn.ParseISODate(d.ISO()); err != nil || iso != d {
			t.Fatalf("ParseISODate(%q) = %v, %v; want %v", d.ISO(), iso, err, d)
		}
		if d.Year < 1900 || d.Year > 2200 {
			t.Fatalf("ParseDate(%q) = %v, outside 1900–2200", s, d)
		}
	})
}

func TestDateValid(t *testing.T) {
	for _, tt := range []struct {
		d    vn.Date
		want bool
	}{
		{vn.Date{Year: 2200, Month: 12, Day: 31}, true},
		{vn.Date{Year: 2201, Month: 1, Day: 1}, false},
		{vn.Date{Year: 1900, Month: 1, Day: 1}, true},
		{vn.Date{Year: 1899, Month: 12, Day: 31}, false},
		{vn.Date{Year: 2028, Month: 2, Day: 29}, true},
		{vn.Date{Year: 1990, Month: 2, Day: 31}, false},
		{vn.Date{Year: 1990, Month: 13, Day: 1}, false},
		{vn.Date{Year: 1990}, false},
		{vn.Date{}, false},
	} {
		if got := tt.d.Valid(); got != tt.want {
			t.Errorf("%+v.Valid() = %v, want %v", tt.d, got, tt.want)
		}
	}
}
