package data_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"khuyencong/data"
)

func TestParseBoothRange(t *testing.T) {
	for _, tc := range []struct {
		in          string
		first, last string
		n           int
	}{
		{"A01–A40", "A01", "A40", 40},
		{"A01 - A40", "A01", "A40", 40},
		{"A01—A03", "A01", "A03", 3},
		{"A1-A9", "A1", "A9", 9},
		{"a1-a3", "A1", "A3", 3},
		{"B05", "B05", "B05", 1},
		{"1–20", "1", "20", 20},
		{"001-010", "001", "010", 10},
		{"A08-A12", "A08", "A12", 5},
		{"A1-A500", "A1", "A500", 500},
		{"b05", "B05", "B05", 1},
		{"A1–A10", "A1", "A10", 10},
	} {
		got, err := data.ParseBoothRange(tc.in)
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if len(got) != tc.n || got[0] != tc.first || got[len(got)-1] != tc.last {
			t.Errorf("%q: %d %q..%q, want %d %q..%q", tc.in, len(got), got[0], got[len(got)-1], tc.n, tc.first, tc.last)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"A40–A01", "Dãy A40–A01 ngược: số đầu phải nhỏ hơn số cuối."},
		{"A01–B05", "hai tiền tố khác nhau"},
		{"A01–A4000", "nhiều hơn 500"},
		{"", "Hãy nhập số gian hàng"},
		{"   ", "Hãy nhập số gian hàng"},
		{"A–B", "Không đọc được"},
		{"ABC", "Không đọc được"},
		{"A01–A5", "số cuối phải viết A05"},
		{"A001–A01", "số cuối phải viết A001"},
		{"\x00A01", "Không đọc được"},
		{"A.01", "Không đọc được"},
		{"A01–A02–A03", "Không đọc được"},
	} {
		_, err := data.ParseBoothRange(tc.in)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
			t.Errorf("%q: %v, want EINVALID %q", tc.in, err, tc.want)
		}
	}
}

func FuzzParseBoothRange(f *testing.F) {
	for _, s := range []string{"A01–A40", "A1-A9", "B05", "1–20", "A40–A01", "A01–A4000", "", "—", "Z9-Z999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := data.ParseBoothRange(s)
		if err != nil {
			if data.ErrorCode(err) != data.EINVALID {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		if len(got) == 0 || len(got) > data.MaxBoothRange {
			t.Fatalf("%q: %d booths", s, len(got))
		}
		// The range's ends come back as typed, in capitals, and each booth reads back as itself.
		from, to := strings.TrimSpace(s), ""
		for _, sep := range []string{"–", "—", "-"} {
			if f, t, ok := strings.Cut(s, sep); ok {
				from, to = strings.TrimSpace(f), strings.TrimSpace(t)
				break
			}
		}
		if to == "" {
			to = from
		}
		upper := func(s string) string { return strings.Map(unicode.ToUpper, s) }
		if first, last := got[0], got[len(got)-1]; first != upper(from) || last != upper(to) {
			t.Fatalf("%q gives %q..%q, want %q..%q", s, first, last, upper(from), upper(to))
		}
		seen := map[string]bool{}
		for _, n := range got {
			if seen[n] {
				t.Fatalf("%q: %q twice", s, n)
			}
			seen[n] = true
			if one, err := data.ParseBoothRange(n); err != nil || !slices.Equal(one, []string{n}) {
				t.Fatalf("%q gives booth %q, which reads back as %q, %v", s, n, one, err)
			}
		}
	})
}
