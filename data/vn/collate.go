package vn

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collator pairs a Vietnamese collate.Collator with its key buffer; neither is safe to share.
type collator struct {
	c   *collate.Collator
	buf collate.Buffer
}

var collators = sync.Pool{New: func() any { return &collator{c: collate.New(language.Vietnamese)} }}

// Compare orders a and b the Vietnamese way (a < ă < â, d < đ, tones ngang, huyền, hỏi, ngã,
// sắc, nặng), returning -1, 0 or +1. It is safe for concurrent use.
func Compare(a, b string) int {
	c := collators.Get().(*collator)
	defer collators.Put(c)
	return c.c.CompareString(a, b)
}

// SortKey returns a fresh byte key for s whose bytes.Compare order is Compare's order.
func SortKey(s string) []byte {
	c := collators.Get().(*collator)
	defer collators.Put(c)
	k := slices.Clone(c.c.KeyFromString(&c.buf, s))
	c.buf.Reset()
	return k
}

// Sort sorts ss in Vietnamese order, keeping strings that compare equal in their given order.
func Sort(ss []string) {
	slices.SortStableFunc(ss, Compare)
}
