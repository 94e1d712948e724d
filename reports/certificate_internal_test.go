package reports

import (
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
)

// TestEncodeQRMatchesReference: the certificates' QR encoder draws, module for module, the code
// that boombuler/barcode (byte mode, level M) draws for the same text, mask choice included,
// for texts of every length up to the longest a certificate's text may be: versions 1 to 26.
func TestEncodeQRMatchesReference(t *testing.T) {
	const sample = "KC1|KC-2026-000123|Nguyễn Thị Ánh Tuyết|04/05/1990|LH-2026-007|28/11/2026|Ỷ La-_"
	versions := map[int]bool{}
	for n := 1; n <= 1024+7; n += 7 {
		text := strings.ToValidUTF8(strings.Repeat(sample, n/len(sample)+1)[:min(n, 1024)], "x")
		ref, err := qr.Encode(text, qr.M, qr.Unicode)
		if err != nil {
			t.Fatal(err)
		}
		get := ref.(interface{ Get(x, y int) bool }).Get
		code, err := encodeQR(text)
		if err != nil {
			t.Fatal(err)
		}
		size := ref.Bounds().Dx()
		if len(code) != size {
			t.Fatalf("%d bytes: %d modules a side, want %d", len(text), len(code), size)
		}
		versions[(size-17)/4] = true
		diff := 0
		for y := range size {
			for x := range size {
				if code[y][x] != get(x, y) {
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("%d bytes (version %d): %d modules differ from the reference", len(text), (size-17)/4, diff)
		}
	}
	for v := 1; v <= 26; v++ {
		if !versions[v] {
			t.Errorf("version %d not tried", v)
		}
	}
}

func TestEncodeQRTooLong(t *testing.T) {
	if _, err := encodeQR(strings.Repeat("x", 2332)); err == nil {
		t.Error("a text longer than version 40 holds was encoded")
	}
	if code, err := encodeQR(strings.Repeat("x", 2331)); err != nil || len(code) != 177 {
		t.Errorf("2,331 bytes: %d modules, %v", len(code), err)
	}
}
