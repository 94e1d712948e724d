// Package qr encodes QR codes for the certificates' texts: an ECI designator that says the text
// is UTF-8, byte mode, error correction level M, the mask with the least penalty, as ISO/IEC
// 18004 describes. It knows nothing of certificates or PDF.
//
// The modules are kept as bits, a row in three 64-bit words, so that choosing the mask (scoring
// eight candidates on runs, blocks, finder-like patterns and balance) works on 64 modules at a
// time: a code of a certificate takes some 30 µs where boombuler/barcode and skip2/go-qrcode
// take 4-10 ms. Without the ECI designator the modules are boombuler's, module for module (a
// test compares every version up to 26).
package qr

import "errors"

// ErrTooLong is returned for a text longer than the largest code (version 40) holds.
var ErrTooLong = errors.New("qr: text too long for a QR code at level M")

// eciUTF8 is the ECI assignment number of UTF-8. Decoders that see no ECI designator guess the
// text's encoding (zbarimg guesses Shift-JIS for Vietnamese), so the code says it.
const eciUTF8 = 26

// Code is a QR code's modules, without the quiet zone.
type Code struct {
	// Size is the number of modules a side: 21 to 177.
	Size int
	rows []row
}

// Dark reports whether the module at column x, row y is dark.
func (c *Code) Dark(x, y int) bool { return c.rows[y].bit(x) }

// AppendBitmap appends the code as a 1-bit image: a row after the other, each from its left
// module in the high bit of its first byte, padded to whole bytes; 1 is dark.
func (c *Code) AppendBitmap(dst []byte) []byte {
	for _, r := range c.rows {
		for i := 0; i < c.Size; i += 8 {
			w := *r.word(i / 64) >> (i % 64)
			// The eight modules from i, leftmost in the high bit: reverse the low byte.
			b := byte(w)
			b = b>>4 | b<<4
			b = b>>2&0x33 | b<<2&0xCC
			b = b>>1&0x55 | b<<1&0xAA
			dst = append(dst, b)
		}
	}
	return dst
}

// Encode returns the QR code of text (UTF-8), error correction M (15% of the code may be lost),
// with a UTF-8 ECI designator. ErrTooLong for more than 2,330 bytes.
func Encode(text string) (*Code, error) { return encode(text, true) }

// encode returns the QR code of text, with the ECI designator or without it.
func encode(text string, eci bool) (*Code, error) {
	header := 4 // the mode indicator
	if eci {
		header += 12 // the ECI mode indicator and the assignment number
	}
	v := 1
	for ; v <= 40; v++ {
		if header+countBits(v)+8*len(text) <= 8*blocksM[v].data() {
			break
		}
	}
	if v > 40 {
		return nil, ErrTooLong
	}
	b := blocksM[v]
	capacity := b.data()

	// The data codewords: ECI, mode, count, bytes, terminator, padding.
	bits := bitWriter{b: make([]byte, 0, capacity)}
	if eci {
		bits.put(0b0111, 4)
		bits.put(eciUTF8, 8)
	}
	bits.put(0b0100, 4)
	bits.put(len(text), countBits(v))
	for i := range len(text) {
		bits.putByte(text[i])
	}
	bits.put(0, min(4, 8*capacity-bits.n))
	bits.put(0, (8-bits.n%8)%8)
	for pad := 0xEC; len(bits.b) < capacity; pad ^= 0xEC ^ 0x11 {
		bits.put(pad, 8)
	}

	// Split into blocks, add each block's error correction, interleave.
	gen := rsGenerator(b.ec)
	words := make([]byte, capacity+b.blocks()*b.ec)
	ec := make([]byte, b.ec)
	at, n := 0, b.blocks()
	for i := range n {
		length := b.len1
		if i >= b.n1 {
			length = b.len2
		}
		blk := bits.b[at : at+length]
		at += length
		for j, c := range blk { // the data: codeword j of every block, block after block
			k := j*n + i
			if j == b.len1 { // only the second group's blocks are this long
				k = b.len1*n + i - b.n1
			}
			words[k] = c
		}
		rsRemainder(blk, gen, ec)
		for j, c := range ec {
			words[capacity+j*n+i] = c
		}
	}
	return draw(v, words), nil
}

// countBits is the width of byte mode's character count in version v.
func countBits(v int) int {
	if v >= 10 {
		return 16
	}
	return 8
}

// bitWriter collects bits, most significant first, into bytes.
type bitWriter struct {
	b []byte
	n int // bits
}

func (w *bitWriter) put(v, n int) {
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

// putByte puts 8 bits at once: the text's bytes are most of a code's bits.
func (w *bitWriter) putByte(c byte) {
	if r := w.n % 8; r == 0 {
		w.b = append(w.b, c)
	} else {
		w.b[len(w.b)-1] |= c >> r
		w.b = append(w.b, c<<(8-r))
	}
	w.n += 8
}

// gfExp and gfLog are the powers of 2 in GF(2⁸) modulo x⁸+x⁴+x³+x²+1, twice over so that a sum
// of two logarithms needs no modulo, and their logarithms.
var gfExp, gfLog = func() (exp [510]byte, log [256]int) {
	x := 1
	for i := range 255 {
		exp[i], exp[i+255] = byte(x), byte(x)
		log[x] = i
		x <<= 1
		if x >= 256 {
			x ^= 0x11D
		}
	}
	return exp, log
}()

// gfMul multiplies in GF(2⁸).
func gfMul(x, y byte) byte {
	if x == 0 || y == 0 {
		return 0
	}
	return gfExp[gfLog[x]+gfLog[y]]
}

// rsGenerator returns the Reed–Solomon generator polynomial of the given degree, its leading 1
// left out, highest power first.
func rsGenerator(degree int) []byte {
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

// rsRemainder writes the error correction codewords of data into res, as long as gen.
func rsRemainder(data, gen, res []byte) {
	clear(res)
	for _, c := range data {
		factor := c ^ res[0]
		copy(res, res[1:])
		res[len(res)-1] = 0
		if factor == 0 {
			continue
		}
		lf := gfLog[factor]
		for i, d := range gen {
			if d != 0 {
				res[i] ^= gfExp[gfLog[d]+lf]
			}
		}
	}
}
