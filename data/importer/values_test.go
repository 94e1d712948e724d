package importer_test

import (
	"testing"

	"khuyencong/data/importer"
	"khuyencong/data/vn"
)

// today is the day the tests convert on.
var today = vn.Date{Year: 2026, Month: 11, Day: 30}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want vn.Date
	}{
		{"15/03/1995", vn.Date{Year: 1995, Month: 3, Day: 15}},
		{"5/3/1995", vn.Date{Year: 1995, Month: 3, Day: 5}},
		{"05-03-1995", vn.Date{Year: 1995, Month: 3, Day: 5}},
		{"1995-03-15", vn.Date{Year: 1995, Month: 3, Day: 15}},
		{"15/3/95", vn.Date{Year: 1995, Month: 3, Day: 15}},
		{"1/2/03", vn.Date{Year: 2003, Month: 2, Day: 1}},
		{"34773", vn.Date{Year: 1995, Month: 3, Day: 15}},    // an Excel serial number
		{"34773.75", vn.Date{Year: 1995, Month: 3, Day: 15}}, // with a time of day
		{"15/03/1995 00:00:00", vn.Date{Year: 1995, Month: 3, Day: 15}},
		{"ngày 15 tháng 3 năm 1995", vn.Date{Year: 1995, Month: 3, Day: 15}},
		{"Ngày 5 tháng 03 năm 2001", vn.Date{Year: 2001, Month: 3, Day: 5}},
		{"", vn.Date{}},
	} {
		got, err := importer.ParseDate(tc.in, today)
		if err != nil || got != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"1995", "31/02/1995", "abc", "15/13/1995", "-5", "0"} {
		if d, err := importer.ParseDate(bad, today); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, d)
		}
	}
}

func TestParseCount(t *testing.T) {
	for in, want := range map[string]int{"": 0, "45": 45, "1.234": 1234, "1,234": 1234, "1 234": 1234, "1.234 người": 1234, "1.2E3": 1200, "12.000.000": 12000000, "12.000.000 đ": 12000000, "12,000,000đ": 12000000} {
		if got, err := importer.ParseCount(in); err != nil || got != want {
			t.Errorf("ParseCount(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"nhiều", "1.5", "12,5"} {
		if n, err := importer.ParseCount(bad); err == nil {
			t.Errorf("ParseCount(%q) = %d, want an error", bad, n)
		}
	}
}

func TestDigits(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"0101 245 486", 10, "0101245486"},
		{"0101.245.486", 10, "0101245486"},
		{"101245486", 10, "0101245486"}, // a number cell dropped the leading zero
		{"1.01245486E8", 10, "0101245486"},
		{"0100109106-001", 10, "0100109106-001"},
		{"0100 109 106-001", 10, "0100109106-001"},
		{"001 195 012 345", 12, "001195012345"},
		{"1195012345", 12, "001195012345"}, // a number cell lost both zeros of Hà Nội's 001
		{"95012345", 12, "95012345"},       // too short to be a CCCD: left for the check to refuse
		{"11195012345", 12, "011195012345"},
		{"001-195-012-345", 12, "001195012345"},
	} {
		if got := importer.Digits(tc.in, tc.n); got != tc.want {
			t.Errorf("Digits(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"15/03/1995", "34773", "1/2/03", "ngày 15 tháng 3 năm 1995", "15/03/1995 00:00:00", "1e300", "NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := importer.ParseDate(s, today)
		if err == nil && !d.IsZero() && !d.Valid() {
			t.Fatalf("ParseDate(%q) = %v, not a valid date", s, d)
		}
	})
}

func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"1.234", "1,234 người", "1.2E3", "-7", "9e18"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		importer.ParseCount(s) // must not panic
		importer.Digits(s, 10)
	})
}
