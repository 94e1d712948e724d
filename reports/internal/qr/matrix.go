package qr

import (
	"math/bits"
	"sync"
)

// row is a row of modules (or, read down, one module of 177 columns at once): module x is bit
// x%64 of word x/64 (a, b, c); 1 is dark. A struct, not an array: the compiler keeps a struct of
// three words in registers, an array in memory.
type row struct{ a, b, c uint64 }

func (r *row) word(i int) *uint64 {
	switch i {
	case 0:
		return &r.a
	case 1:
		return &r.b
	}
	return &r.c
}

func (r row) bit(x int) bool { return *r.word(x >> 6)>>(x&63)&1 != 0 }

func (r *row) set(x int, dark bool) {
	if dark {
		*r.word(x >> 6) |= 1 << (x & 63)
	} else {
		*r.word(x >> 6) &^= 1 << (x & 63)
	}
}

// shr moves module x+k to x, for k below 64.
func (r row) shr(k uint) row { return row{r.a>>k | r.b<<(64-k), r.b>>k | r.c<<(64-k), r.c >> k} }

// shl1 moves module x to x+1.
func (r row) shl1() row { return row{r.a << 1, r.b<<1 | r.a>>63, r.c<<1 | r.b>>63} }

func (r row) and(s row) row    { return row{r.a & s.a, r.b & s.b, r.c & s.c} }
func (r row) andNot(s row) row { return row{r.a &^ s.a, r.b &^ s.b, r.c &^ s.c} }
func (r row) xor(s row) row    { return row{r.a ^ s.a, r.b ^ s.b, r.c ^ s.c} }

func (r row) count() int {
	return bits.OnesCount64(r.a) + bits.OnesCount64(r.b) + bits.OnesCount64(r.c)
}

// layout is what every code of a version shares: the function patterns, where the data goes,
// and what each mask flips.
type layout struct {
	size  int
	width row      // the modules of a row: 0 to size-1
	base  []row    // the function patterns, the format areas light
	order []uint16 // the data modules in the order the codewords fill them, y<<8 | x
	masks [8][]row // the data modules each mask flips
}

var layouts [41]struct {
	once sync.Once
	l    *layout
}

// layoutOf returns version v's layout, made at its first use.
func layoutOf(v int) *layout {
	e := &layouts[v]
	e.once.Do(func() { e.l = newLayout(v) })
	return e.l
}

func newLayout(v int) *layout {
	size := 17 + 4*v
	l := &layout{size: size, base: make([]row, size)}
	for x := range size {
		l.width.set(x, true)
	}
	fixed := make([]row, size)
	set := func(x, y int, dark bool) {
		l.base[y].set(x, dark)
		fixed[y].set(x, true)
	}
	for i := range size { // timing patterns
		set(6, i, i%2 == 0)
		set(i, 6, i%2 == 0)
	}
	for _, c := range [][2]int{{3, 3}, {size - 4, 3}, {3, size - 4}} { // finders and separators
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x >= 0 && y >= 0 && x < size && y < size {
					d := max(abs(dx), abs(dy))
					set(x, y, d != 2 && d != 4)
				}
			}
		}
	}
	align := alignment(v)
	for i, ax := range align {
		for j, ay := range align {
			if i == 0 && j == 0 || i == 0 && j == len(align)-1 || i == len(align)-1 && j == 0 {
				continue // the finders' corners
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					set(ax+dx, ay+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	formatModules(size, func(x, y, _ int) { set(x, y, false) })
	set(8, size-8, true) // the dark module
	if v >= 7 {
		rem := v
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		bits := v<<12 | rem
		for i := range 18 {
			bit := bits>>i&1 != 0
			a, b := size-11+i%3, i/3
			set(a, b, bit)
			set(b, a, bit)
		}
	}

	// The data modules, in the zigzag of two columns from the bottom right.
	for right := size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range size {
			for j := range 2 {
				x, y := right-j, vert
				if (right+1)&2 == 0 {
					y = size - 1 - vert
				}
				if !fixed[y].bit(x) {
					l.order = append(l.order, uint16(y<<8|x))
				}
			}
		}
	}
	for m := range l.masks {
		rows := make([]row, size)
		for y := range size {
			for x := range size {
				if !fixed[y].bit(x) && flips(m, x, y) {
					rows[y].set(x, true)
				}
			}
		}
		l.masks[m] = rows
	}
	return l
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// flips reports whether mask m flips the module at column x, row y.
func flips(m, x, y int) bool {
	switch m {
	case 0:
		return (x+y)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (x+y)%3 == 0
	case 4:
		return (x/3+y/2)%2 == 0
	case 5:
		return x*y%2+x*y%3 == 0
	case 6:
		return (x*y%2+x*y%3)%2 == 0
	default:
		return ((x+y)%2+x*y%3)%2 == 0
	}
}

// formatModules calls put for each module of the format information's two copies, with the
// number of the bit it holds.
func formatModules(size int, put func(x, y, bit int)) {
	for i := 0; i <= 5; i++ {
		put(8, i, i)
	}
	put(8, 7, 6)
	put(8, 8, 7)
	put(7, 8, 8)
	for i := 9; i < 15; i++ {
		put(14-i, 8, i)
	}
	for i := range 8 {
		put(size-1-i, 8, i)
	}
	for i := 8; i < 15; i++ {
		put(8, size-15+i, i)
	}
}

// drawFormat draws the format information of level M and mask m.
func drawFormat(rows []row, m int) {
	rem := m // level M is 00
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (m<<10 | rem) ^ 0x5412
	formatModules(len(rows), func(x, y, i int) { rows[y].set(x, bits>>i&1 != 0) })
}

// draw places the codewords of version v and returns the code under the mask of least penalty.
func draw(v int, words []byte) *Code {
	l := layoutOf(v)
	data := make([]row, l.size)
	copy(data, l.base)
	for k, p := range l.order[:min(len(l.order), 8*len(words))] {
		if words[k>>3]>>(7-k&7)&1 != 0 {
			data[p>>8].set(int(p&0xFF), true)
		}
	}
	s := newScorer(l)
	best, bestPenalty := 0, -1
	for m := range 8 {
		s.apply(data, m)
		if p := s.penalty(); bestPenalty < 0 || p < bestPenalty {
			best, bestPenalty = m, p
		}
	}
	s.apply(data, best)
	return &Code{Size: l.size, rows: s.rows}
}

// scorer scores a masked code; its buffers serve the eight masks.
type scorer struct {
	l              *layout
	rows, light    []row
	finder, light4 []row // 1:1:3:1:1 down from each row, and four light modules
}

func newScorer(l *layout) *scorer {
	n := l.size
	return &scorer{l: l, rows: make([]row, n), light: make([]row, n), finder: make([]row, n), light4: make([]row, n)}
}

// apply masks the data with mask m into the scorer's rows.
func (s *scorer) apply(data []row, m int) {
	for y, r := range data {
		s.rows[y] = r.xor(s.l.masks[m][y])
	}
	drawFormat(s.rows, m)
}

// runs scores the runs of five or more modules of r (one colour, in a row), 3 for five and 1 for
// each more: each start of five in a row counts 1, and each run 2 more.
func runs(r row) int {
	a := r.and(r.shr(1))
	w5 := a.and(a.shr(2)).and(r.shr(4))
	return w5.count() + 2*w5.andNot(w5.shl1()).count()
}

// penalty scores the rows as ISO/IEC 18004 does to choose the mask: runs of five or more modules
// of one colour, 2×2 blocks of one colour, patterns that look like a finder (1:1:3:1:1 with four
// light modules on one side), and the balance of dark and light. Rows are scored 64 modules at a
// time, and columns 64 rows at a time, a row's word holding one module of each column.
func (s *scorer) penalty() int {
	n := s.l.size
	q, lt := s.rows, s.light
	p, dark := 0, 0
	for y, r := range q {
		l := s.l.width.andNot(r)
		lt[y] = l
		dark += r.count()
		p += runs(r) + runs(l)
		f := r.and(l.shr(1)).and(r.shr(2)).and(r.shr(3)).and(r.shr(4)).and(l.shr(5)).and(r.shr(6))
		l4 := l.and(l.shr(1)).and(l.shr(2)).and(l.shr(3))
		p += 40 * (f.and(l4.shr(7)).count() + l4.and(f.shr(4)).count())
		if y > 0 { // 2×2 blocks with the row above
			same := s.l.width.andNot(r.xor(q[y-1]))
			p += 3 * same.and(same.shr(1)).andNot(r.xor(r.shr(1))).count()
		}
	}
	var prevDark, prevLit row
	for y := range n {
		if y+4 < n { // runs of five down
			d := q[y].and(q[y+1]).and(q[y+2]).and(q[y+3]).and(q[y+4])
			l := lt[y].and(lt[y+1]).and(lt[y+2]).and(lt[y+3]).and(lt[y+4])
			p += d.count() + 2*d.andNot(prevDark).count() + l.count() + 2*l.andNot(prevLit).count()
			prevDark, prevLit = d, l
			s.light4[y] = lt[y].and(lt[y+1]).and(lt[y+2]).and(lt[y+3])
		} else if y+3 < n {
			s.light4[y] = lt[y].and(lt[y+1]).and(lt[y+2]).and(lt[y+3])
		}
		if y+6 < n {
			s.finder[y] = q[y].and(lt[y+1]).and(q[y+2]).and(q[y+3]).and(q[y+4]).and(lt[y+5]).and(q[y+6])
		}
	}
	for y := 0; y+10 < n; y++ {
		p += 40 * (s.finder[y].and(s.light4[y+7]).count() + s.light4[y].and(s.finder[y+4]).count())
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + max(k, 0)*10
}
