// Package qr encodes QR codes for the certificates' texts: byte mode, error correction level M,
// the mask with the least penalty, as ISO/IEC 18004 describes. boombuler/barcode and
// skip2/go-qrcode spend 4-10 ms a code choosing the mask (1,000 certificates took 14 s with the
// one, 6 s with the other on two goroutines, on this project's 2-core machine); this one draws the
// same modules (a test compares them with boombuler's for every version up to 26) in a fraction
// of a millisecond. It knows nothing of certificates or PDF.
package qr

import "errors"

// qrBlocksM is the block structure at level M by version (1–40): error correction codewords per
// block, then the number of blocks of the first group and their data codewords, then the same
// for the second group.
var qrBlocksM = [41][5]int{
	{},
	{10, 1, 16, 0, 0},    // 1
	{16, 1, 28, 0, 0},    // 2
	{26, 1, 44, 0, 0},    // 3
	{18, 2, 32, 0, 0},    // 4
	{24, 2, 43, 0, 0},    // 5
	{16, 4, 27, 0, 0},    // 6
	{18, 4, 31, 0, 0},    // 7
	{22, 2, 38, 2, 39},   // 8
	{22, 3, 36, 2, 37},   // 9
	{26, 4, 43, 1, 44},   // 10
	{30, 1, 50, 4, 51},   // 11
	{22, 6, 36, 2, 37},   // 12
	{22, 8, 37, 1, 38},   // 13
	{24, 4, 40, 5, 41},   // 14
	{24, 5, 41, 5, 42},   // 15
	{28, 7, 45, 3, 46},   // 16
	{28, 10, 46, 1, 47},  // 17
	{26, 9, 43, 4, 44},   // 18
	{26, 3, 44, 11, 45},  // 19
	{26, 3, 41, 13, 42},  // 20
	{26, 17, 42, 0, 0},   // 21
	{28, 17, 46, 0, 0},   // 22
	{28, 4, 47, 14, 48},  // 23
	{28, 6, 45, 14, 46},  // 24
	{28, 8, 47, 13, 48},  // 25
	{28, 19, 46, 4, 47},  // 26
	{28, 22, 45, 3, 46},  // 27
	{28, 3, 45, 23, 46},  // 28
	{28, 21, 45, 7, 46},  // 29
	{28, 19, 47, 10, 48}, // 30
	{28, 2, 46, 29, 47},  // 31
	{28, 10, 46, 23, 47}, // 32
	{28, 14, 46, 21, 47}, // 33
	{28, 14, 46, 23, 47}, // 34
	{28, 12, 47, 26, 48}, // 35
	{28, 6, 47, 34, 48},  // 36
	{28, 29, 46, 14, 47}, // 37
	{28, 13, 46, 32, 47}, // 38
	{28, 40, 47, 7, 48},  // 39
	{28, 18, 47, 31, 48}, // 40
}

// qrAlign gives the centres of the alignment patterns by version, rows and columns alike.
func qrAlign(v int) []int {
	if v == 1 {
		return nil
	}
	n := v/7 + 2
	size := 17 + 4*v
	step := 26
	if v != 32 {
		step = (v*4 + n*2 + 1) / (n*2 - 2) * 2
	}
	res := make([]int, n)
	res[0] = 6
	for i, pos := n-1, size-7; i >= 1; i, pos = i-1, pos-step {
		res[i] = pos
	}
	return res
}

// ErrTooLong is returned for a text longer than the largest code (version 40) holds.
var ErrTooLong = errors.New("qr: text too long for a QR code at level M")

// Encode returns the modules of the QR code of text, error correction M (15% of the code may be
// lost), without the quiet zone, row by row: true is dark. ErrTooLong for more than 2,331 bytes.
func Encode(text string) ([][]bool, error) {
	msg := []byte(text)
	v := 1
	for ; v <= 40; v++ {
		b := qrBlocksM[v]
		count := 8
		if v >= 10 {
			count = 16
		}
		if 4+count+8*len(msg) <= 8*(b[1]*b[2]+b[3]*b[4]) {
			break
		}
	}
	if v > 40 {
		return nil, ErrTooLong
	}
	b := qrBlocksM[v]
	capacity := b[1]*b[2] + b[3]*b[4]

	// The data codewords: mode, count, bytes, terminator, padding.
	var bits qrBits
	bits.put(0b0100, 4)
	if v >= 10 {
		bits.put(len(msg), 16)
	} else {
		bits.put(len(msg), 8)
	}
	for _, c := range msg {
		bits.put(int(c), 8)
	}
	bits.put(0, min(4, 8*capacity-bits.n))
	bits.put(0, (8-bits.n%8)%8)
	for pad := 0xEC; len(bits.b) < capacity; pad ^= 0xEC ^ 0x11 {
		bits.put(pad, 8)
	}

	// Split into blocks, add each block's error correction, interleave.
	divisor := rsDivisor(b[0])
	var blocks, ecs [][]byte
	at := 0
	for g := 0; g < 2; g++ {
		for range b[1+2*g] {
			blk := bits.b[at : at+b[2+2*g]]
			at += len(blk)
			blocks = append(blocks, blk)
			ecs = append(ecs, rsRemainder(blk, divisor))
		}
	}
	words := make([]byte, 0, capacity+len(blocks)*b[0])
	for i := range max(b[2], b[4]) {
		for _, blk := range blocks {
			if i < len(blk) {
				words = append(words, blk[i])
			}
		}
	}
	for i := range b[0] {
		for _, ec := range ecs {
			words = append(words, ec[i])
		}
	}

	q := newQRMatrix(v)
	q.placeData(words)
	best, bestPenalty := -1, 0
	for m := range 8 {
		q.applyMask(m)
		q.drawFormat(m)
		if p := q.penalty(); best < 0 || p < bestPenalty {
			best, bestPenalty = m, p
		}
		q.applyMask(m) // undo
	}
	q.applyMask(best)
	q.drawFormat(best)
	return q.dark, nil
}

// qrBits collects bits, most significant first, into bytes.
type qrBits struct {
	b []byte
	n int // bits
}

func (w *qrBits) put(v, n int) {
	for i := n - 1; i >= 0; i-- {
		if w.n%8 == 0 {
			w.b = append(w.b, 0)
		}
		if v>>i&1 != 0 {
			w.b[w.n/8] |= 0x80 >> (w.n % 8)
		}
		w.n++
	}
}

// gfMul multiplies in GF(2⁸) modulo x⁸+x⁴+x³+x²+1.
func gfMul(x, y byte) byte {
	var z byte
	for i := 7; i >= 0; i-- {
		hi := z >> 7
		z = z<<1 ^ hi*0x1D
		z ^= (y >> i & 1) * x
	}
	return z
}

// rsDivisor returns the Reed–Solomon generator polynomial of the given degree, its leading 1 left
// out, highest power first.
func rsDivisor(degree int) []byte {
	res := make([]byte, degree)
	res[degree-1] = 1
	root := byte(1)
	for range degree {
		for j := range res {
			res[j] = gfMul(res[j], root)
			if j+1 < len(res) {
				res[j] ^= res[j+1]
			}
		}
		root = gfMul(root, 2)
	}
	return res
}

// rsRemainder returns the error correction codewords of data.
func rsRemainder(data, divisor []byte) []byte {
	res := make([]byte, len(divisor))
	for _, c := range data {
		factor := c ^ res[0]
		copy(res, res[1:])
		res[len(res)-1] = 0
		for i, d := range divisor {
			res[i] ^= gfMul(d, factor)
		}
	}
	return res
}

// qrMatrix is a QR code being drawn: its modules and which of them are function patterns.
type qrMatrix struct {
	size        int
	dark, fixed [][]bool
	version     int
}

func newQRMatrix(v int) *qrMatrix {
	size := 17 + 4*v
	q := &qrMatrix{size: size, version: v, dark: make([][]bool, size), fixed: make([][]bool, size)}
	for i := range size {
		q.dark[i] = make([]bool, size)
		q.fixed[i] = make([]bool, size)
	}
	for i := range size { // timing patterns
		q.set(6, i, i%2 == 0)
		q.set(i, 6, i%2 == 0)
	}
	for _, c := range [][2]int{{3, 3}, {size - 4, 3}, {3, size - 4}} { // finders and separators
		for dy := -4; dy <= 4; dy++ {
			for dx := -4; dx <= 4; dx++ {
				x, y := c[0]+dx, c[1]+dy
				if x < 0 || y < 0 || x >= size || y >= size {
					continue
				}
				d := max(abs(dx), abs(dy))
				q.set(x, y, d != 2 && d != 4)
			}
		}
	}
	align := qrAlign(v)
	for i, ax := range align {
		for j, ay := range align {
			if i == 0 && j == 0 || i == 0 && j == len(align)-1 || i == len(align)-1 && j == 0 {
				continue // the finders' corners
			}
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					q.set(ax+dx, ay+dy, max(abs(dx), abs(dy)) != 1)
				}
			}
		}
	}
	q.drawFormat(0) // reserves the format areas and sets the dark module
	if v >= 7 {
		rem := v
		for range 12 {
			rem = rem<<1 ^ (rem>>11)*0x1F25
		}
		bits := v<<12 | rem
		for i := range 18 {
			bit := bits>>i&1 != 0
			a, b := size-11+i%3, i/3
			q.set(a, b, bit)
			q.set(b, a, bit)
		}
	}
	return q
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// set sets the function module at column x, row y.
func (q *qrMatrix) set(x, y int, dark bool) {
	q.dark[y][x] = dark
	q.fixed[y][x] = true
}

// drawFormat draws the format information (level M and the mask) in its two copies.
func (q *qrMatrix) drawFormat(mask int) {
	data := mask // level M is 00
	rem := data
	for range 10 {
		rem = rem<<1 ^ (rem>>9)*0x537
	}
	bits := (data<<10 | rem) ^ 0x5412
	bit := func(i int) bool { return bits>>i&1 != 0 }
	for i := 0; i <= 5; i++ {
		q.set(8, i, bit(i))
	}
	q.set(8, 7, bit(6))
	q.set(8, 8, bit(7))
	q.set(7, 8, bit(8))
	for i := 9; i < 15; i++ {
		q.set(14-i, 8, bit(i))
	}
	for i := range 8 {
		q.set(q.size-1-i, 8, bit(i))
	}
	for i := 8; i < 15; i++ {
		q.set(8, q.size-15+i, bit(i))
	}
	q.set(8, q.size-8, true)
}

// placeData fills the modules that are not function patterns with the codewords, in the zigzag
// of two columns from the bottom right.
func (q *qrMatrix) placeData(words []byte) {
	i, n := 0, len(words)*8
	for right := q.size - 1; right >= 1; right -= 2 {
		if right == 6 {
			right = 5
		}
		for vert := range q.size {
			for j := range 2 {
				x := right - j
				y := vert
				if (right+1)&2 == 0 {
					y = q.size - 1 - vert
				}
				if !q.fixed[y][x] && i < n {
					q.dark[y][x] = words[i>>3]>>(7-i&7)&1 != 0
					i++
				}
			}
		}
	}
}

// applyMask flips the data modules the mask selects; applying it twice undoes it.
func (q *qrMatrix) applyMask(mask int) {
	for y := range q.size {
		for x := range q.size {
			if q.fixed[y][x] {
				continue
			}
			var flip bool
			switch mask {
			case 0:
				flip = (x+y)%2 == 0
			case 1:
				flip = y%2 == 0
			case 2:
				flip = x%3 == 0
			case 3:
				flip = (x+y)%3 == 0
			case 4:
				flip = (x/3+y/2)%2 == 0
			case 5:
				flip = x*y%2+x*y%3 == 0
			case 6:
				flip = (x*y%2+x*y%3)%2 == 0
			default:
				flip = ((x+y)%2+x*y%3)%2 == 0
			}
			if flip {
				q.dark[y][x] = !q.dark[y][x]
			}
		}
	}
}

// penalty scores the code as ISO/IEC 18004 does to choose the mask: runs of five or more modules
// of one colour, 2×2 blocks of one colour, patterns that look like a finder, and the balance of
// dark and light.
func (q *qrMatrix) penalty() int {
	n := q.size
	p := 0
	for _, rows := range []bool{true, false} {
		for i := range n {
			run, window := 0, 0
			var prev bool
			for j := range n {
				d := q.dark[i][j]
				if !rows {
					d = q.dark[j][i]
				}
				if j > 0 && d == prev {
					run++
				} else {
					if run >= 5 {
						p += 3 + run - 5
					}
					run = 1
				}
				prev = d
				window = window << 1 & 0x7FF
				if d {
					window |= 1
				}
				// 1:1:3:1:1 dark and light with four light modules on one side, as a finder
				if j >= 10 && (window == 0b10111010000 || window == 0b00001011101) {
					p += 40
				}
			}
			if run >= 5 {
				p += 3 + run - 5
			}
		}
	}
	dark := 0
	for y := range n {
		for x := range n {
			if q.dark[y][x] {
				dark++
			}
			if x+1 < n && y+1 < n {
				c := q.dark[y][x]
				if q.dark[y][x+1] == c && q.dark[y+1][x] == c && q.dark[y+1][x+1] == c {
					p += 3
				}
			}
		}
	}
	total := n * n
	k := (abs(dark*20-total*10)+total-1)/total - 1
	return p + max(k, 0)*10
}
