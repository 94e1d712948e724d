package vn_test

import (
	"bytes"
	"slices"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data/vn"
)

func TestSort(t *testing.T) {
	tests := [][]string{
		{"Anh", "Ánh", "Ăn", "Âu", "Bình", "Dũng", "Đức"},
		{"a", "à", "ả", "ã", "á", "ạ"}, // ngang, huyền, hỏi, ngã, sắc, nặng
		{"Ma", "Mà", "Mả", "Mã", "Má", "Mạ", "Mă", "Mâ"},
		{"e", "ê", "o", "ô", "ơ", "u", "ư", "y"},
		{"Dương", "Đan", "Đào", "Đông Anh", "Giang"},
		{"Hà Đông", "Hà Nội", "Hải Phòng", "Hòa Bình", "Huế"},
	}
	for _, want := range tests {
		got := slices.Clone(want)
		slices.Reverse(got)
		vn.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("Sort = %q, want %q", got, want)
		}
		keys := slices.Clone(want)
		slices.Reverse(keys)
		slices.SortFunc(keys, func(a, b string) int { return bytes.Compare(vn.SortKey(a), vn.SortKey(b)) })
		if !slices.Equal(keys, want) {
			t.Errorf("by SortKey = %q, want %q", keys, want)
		}
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"Anh", "Ánh", -1},
		{"Đức", "Dũng", 1},
		{"Ánh", norm.NFD.String("Ánh"), 0},
		{"Bình", "Bình", 0},
		{"Lan", "Lân", -1},
		{"Lân", "Lâm", 1},
	}
	for _, tt := range tests {
		if got := vn.Compare(tt.a, tt.b); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSortKeyFresh(t *testing.T) {
	a := vn.SortKey("Anh")
	saved := slices.Clone(a)
	vn.SortKey("Đức")
	if !bytes.Equal(a, saved) {
		t.Error("SortKey's result changed after the next call")
	}
}

func TestCompareConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if vn.Compare("Ăn", "Âu") != -1 || !bytes.Equal(vn.SortKey("Đức"), vn.SortKey("Đức")) {
					t.Error("concurrent Compare or SortKey gave a wrong answer")
					return
				}
			}
		})
	}
	wg.Wait()
}

func FuzzCompare(f *testing.F) {
	f.Add("Anh", "Ánh")
	f.Add("Đức", "Dũng")
	f.Add("ả", "ã")
	f.Add("a", "a\x00")
	f.Add("Ánh", norm.NFD.String("Ánh"))
	f.Fuzz(func(t *testing.T, a, b string) {
		c := vn.Compare(a, b)
		if k := bytes.Compare(vn.SortKey(a), vn.SortKey(b)); k != c {
			t.Fatalf("Compare(%q, %q) = %d but the sort keys compare %d", a, b, c, k)
		}
		if r := vn.Compare(b, a); r != -c {
			t.Fatalf("Compare(%q, %q) = %d but Compare(%q, %q) = %d", a, b, c, b, a, r)
		}
	})
}

func BenchmarkSortKey(b *testing.B) {
	s := "Công ty TNHH Mây tre đan xuất khẩu Phú Vinh"
	for b.Loop() {
		vn.SortKey(s)
	}
}

func BenchmarkCompare(b *testing.B) {
	for b.Loop() {
		vn.Compare("Công ty TNHH Mây tre đan Phú Vinh", "Công ty TNHH Mây tre đan Phú Nghĩa")
	}
}
