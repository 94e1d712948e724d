package qr

import (
	"errors"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/boombuler/barcode/qr"
	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// sample is a certificate's text, with letters outside ASCII.
const sample = "KC1|KC-2026-000123|Nguyễn Thị Ánh Tuyết|04/05/1990|LH-2026-007|28/11/2026|Ỷ La-_"

// textOf returns a text of n bytes: sample over and over, cut at a character, padded with x.
func textOf(n int) string {
	t := strings.ToValidUTF8(strings.Repeat(sample, n/len(sample)+1)[:n], "")
	return t + strings.Repeat("x", n-len(t))
}

// texts returns texts of every length from 1 to 1,024 bytes in steps of 7 (the longest a
// certificate's text may be), and for every version the longest text it holds and one byte
// more, with the ECI designator or without it.
func texts(eci bool) []string {
	var ts []string
	for n := 1; n <= 1024; n += 7 {
		ts = append(ts, textOf(n))
	}
	header := 4
	if eci {
		header += 12
	}
	for v := 1; v <= 40; v++ {
		n := (8*blocksM[v].data() - header - countBits(v)) / 8
		ts = append(ts, textOf(n))
		if v < 40 {
			ts = append(ts, textOf(n+1))
		}
	}
	return ts
}

// TestEncodeMatchesReference: without the ECI designator, which boombuler/barcode does not
// write, the encoder draws module for module the code that boombuler draws for the same text
// (byte mode, level M), mask choice included, for every version, each at its fullest.
func TestEncodeMatchesReference(t *testing.T) {
	versions := map[int]bool{}
	for _, text := range texts(false) {
		ref, err := qr.Encode(text, qr.M, qr.Unicode)
		if err != nil {
			t.Fatal(err)
		}
		get := ref.(interface{ Get(x, y int) bool }).Get
		code, err := encode(text, false)
		if err != nil {
			t.Fatal(err)
		}
		size := ref.Bounds().Dx()
		if code.Size != size {
			t.Fatalf("%d bytes: %d modules a side, want %d", len(text), code.Size, size)
		}
		versions[(size-17)/4] = true
		diff := 0
		for y := range size {
			for x := range size {
				if code.Dark(x, y) != get(x, y) {
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("%d bytes (version %d): %d modules differ from the reference", len(text), (size-17)/4, diff)
		}
	}
	for v := 1; v <= 40; v++ {
		if !versions[v] {
			t.Errorf("version %d not tried", v)
		}
	}
}

// TestEncodeDecodes: a decoder written by others (gozxing), told nothing of the encoding, reads
// every code back to its text: the ECI designator says UTF-8.
func TestEncodeDecodes(t *testing.T) {
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}
	versions := map[int]bool{}
	for i, text := range texts(true) {
		if i%4 != 0 && i < (1024-1)/7+1 { // a quarter of the lengths in steps keep the test short
			continue
		}
		code, err := Encode(text)
		if err != nil {
			t.Fatal(err)
		}
		bmp, err := gozxing.NewBinaryBitmapFromImage(render(code, 3))
		if err != nil {
			t.Fatal(err)
		}
		res, err := gozxingqr.NewQRCodeReader().Decode(bmp, hints)
		if err != nil {
			t.Fatalf("%d bytes: not read back: %v", len(text), err)
		}
		if got := res.GetText(); got != text {
			t.Errorf("%d bytes: read back %q", len(text), got)
		}
		versions[(code.Size-17)/4] = true
	}
	if len(versions) != 40 {
		t.Errorf("%d versions read back, want 40", len(versions))
	}
}

// render draws the code scale pixels a module, with a quiet zone of four modules, from its
// bitmap.
func render(code *Code, scale int) image.Image {
	n := (code.Size + 8) * scale
	img := image.NewGray(image.Rect(0, 0, n, n))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	bmp := code.AppendBitmap(nil)
	stride := (code.Size + 7) / 8
	for y := range code.Size {
		for x := range code.Size {
			if bmp[y*stride+x/8]&(0x80>>(x%8)) == 0 {
				continue
			}
			for dy := range scale {
				for dx := range scale {
					img.SetGray((x+4)*scale+dx, (y+4)*scale+dy, color.Gray{})
				}
			}
		}
	}
	return img
}

func TestEncodeTooLong(t *testing.T) {
	if _, err := Encode(strings.Repeat("x", 2331)); !errors.Is(err, ErrTooLong) {
		t.Errorf("a text longer than version 40 holds: %v, want ErrTooLong", err)
	}
	if code, err := Encode(strings.Repeat("x", 2330)); err != nil || code.Size != 177 {
		t.Errorf("2,330 bytes: %v, %v", code, err)
	}
}

// BenchmarkEncode encodes a certificate's text of 167 bytes (version 9).
func BenchmarkEncode(b *testing.B) {
	text := sample + strings.Repeat("x", 167-len(sample))
	for b.Loop() {
		if _, err := Encode(text); err != nil {
			b.Fatal(err)
		}
	}
}
