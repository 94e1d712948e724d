package qr

// blockSpec is how a version's codewords split into blocks at level M: ec error correction
// codewords per block; n1 blocks of len1 data codewords, then n2 of len2.
type blockSpec struct{ ec, n1, len1, n2, len2 int }

func (b blockSpec) data() int   { return b.n1*b.len1 + b.n2*b.len2 }
func (b blockSpec) blocks() int { return b.n1 + b.n2 }

// blocksM is the block structure at level M by version (1–40), from ISO/IEC 18004 table 9.
var blocksM = [41]blockSpec{
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

// alignment gives the centres of the alignment patterns of version v, rows and columns alike.
func alignment(v int) []int {
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
