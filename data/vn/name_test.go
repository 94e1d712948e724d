package vn_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data/vn"
)

func TestSplitName(t *testing.T) {
	tests := []struct {
		in   string
		want vn.Name
		full string
	}{
		{"Nguyễn Thị Ánh Tuyết", vn.Name{"Nguyễn", "Thị Ánh", "Tuyết"}, "Nguyễn Thị Ánh Tuyết"},
		{"  Trần   Văn\tBình ", vn.Name{"Trần", "Văn", "Bình"}, "Trần Văn Bình"},
		{"Lê Lợi", vn.Name{Family: "Lê", Given: "Lợi"}, "Lê Lợi"},
		{"Tuyết", vn.Name{Given: "Tuyết"}, "Tuyết"},
		{"Tôn Nữ Thị Ninh", vn.Name{"Tôn", "Nữ Thị", "Ninh"}, "Tôn Nữ Thị Ninh"},
		{norm.NFD.String("Đặng Thùy Dương"), vn.Name{"Đặng", "Thùy", "Dương"}, "Đặng Thùy Dương"},
		{"", vn.Name{}, ""},
	}
	for _, tt := range tests {
		got := vn.SplitName(tt.in)
		if got != tt.want {
			t.Errorf("SplitName(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
		if got.Full() != tt.full {
			t.Errorf("SplitName(%q).Full() = %q, want %q", tt.in, got.Full(), tt.full)
		}
	}
	if got := (vn.Name{Family: "Nguyễn", Given: "An"}).Full(); got != "Nguyễn An" {
		t.Errorf("Full without a middle name = %q", got)
	}
}

func TestCompareNames(t *testing.T) {
	// By given name, then family name, then middle name.
	want := []string{
		"Bùi Văn An",
		"Nguyễn Đức An",
		"Nguyễn Văn An",
		"Lê Thị Ánh",
		"Trần Văn Bình",
		"Đỗ Thị Dung", // Dung before Dũng although Đặng comes before Đỗ
		"Đặng Văn Dũng",
		"Nguyễn Thị Ánh Tuyết",
	}
	names := make([]vn.Name, len(want))
	for i, s := range want {
		names[len(want)-1-i] = vn.SplitName(s)
	}
	byKey := slices.Clone(names)
	slices.SortFunc(names, vn.CompareNames)
	slices.SortFunc(byKey, func(a, b vn.Name) int { return bytes.Compare(vn.NameSortKey(a), vn.NameSortKey(b)) })
	for i := range want {
		if names[i].Full() != want[i] {
			t.Errorf("CompareNames order [%d] = %q, want %q", i, names[i].Full(), want[i])
		}
		if byKey[i].Full() != want[i] {
			t.Errorf("NameSortKey order [%d] = %q, want %q", i, byKey[i].Full(), want[i])
		}
	}
}

func TestNameSortKeyParts(t *testing.T) {
	// The same letters split differently must neither tie nor disagree with CompareNames.
	names := []vn.Name{
		{Given: "An", Family: "Bùi"},
		{Given: "AnBùi"},
		{Given: "An", Middle: "Bùi"},
		{Given: "An"},
		{Given: "An", Family: "Bùi", Middle: "A"},
		{Given: "An ", Family: "Bùi"},
	}
	for _, a := range names {
		for _, b := range names {
			c, k := vn.CompareNames(a, b), bytes.Compare(vn.NameSortKey(a), vn.NameSortKey(b))
			if c != k {
				t.Errorf("CompareNames(%#v, %#v) = %d but keys compare %d", a, b, c, k)
			}
			if a != b && k == 0 {
				t.Errorf("NameSortKey ties %#v and %#v", a, b)
			}
		}
	}
}

func FuzzSplitName(f *testing.F) {
	for _, s := range []string{"Nguyễn Thị Ánh Tuyết", "  Trần   Văn\tBình ", "Tuyết", "", norm.NFD.String("Đặng Thùy Dương"), "a \u0301b", "\xff \xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := vn.SplitName(s)
		if want := strings.Join(strings.Fields(norm.NFC.String(s)), " "); n.Full() != want {
			t.Fatalf("SplitName(%q).Full() = %q, want %q", s, n.Full(), want)
		}
		if again := vn.SplitName(n.Full()); again != n {
			t.Fatalf("SplitName(%q) = %#v but splitting its Full() gives %#v", s, n, again)
		}
	})
}

func FuzzNameSortKey(f *testing.F) {
	f.Add("Bùi", "", "An", "", "", "AnBùi")
	f.Add("Nguyễn", "Văn", "An", "Nguyễn", "Đức", "An")
	f.Fuzz(func(t *testing.T, af, am, ag, bf, bm, bg string) {
		a, b := vn.Name{Family: af, Middle: am, Given: ag}, vn.Name{Family: bf, Middle: bm, Given: bg}
		if c, k := vn.CompareNames(a, b), bytes.Compare(vn.NameSortKey(a), vn.NameSortKey(b)); c != k {
			t.Fatalf("CompareNames(%#v, %#v) = %d but keys compare %d", a, b, c, k)
		}
	})
}
