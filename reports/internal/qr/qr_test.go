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

// texts returns texts of every length from 1 to 1,024 bytes in steps of 7, cut at a character.
func texts() []string {
	var ts []string
	for n := 1; n <= 1024+7; n += 7 {
		ts = append(ts, strings.ToValidUTF8(strings.Repeat(sample, n/len(sample)+1)[:min(n, 1024)], "x"))
	}
	return ts
}

// TestEncodeMatchesReference: without the ECI designator, which boombuler/barcode does not
// write, the encoder draws module for module the code that boombuler draws for the same text
// (byte mode, level M), mask choice included, for texts of every length up to the longest a
// certificate's text may be: versions 1 to 26.
func TestEncodeMatchesReference(t *testing.T) {
	versions := map[int]bool{}
	for _, text := range texts() {
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
	for v := 1; v <= 26; v++ {
		if !versions[v] {
			t.Errorf("version %d not tried", v)
		}
	}
}

// TestEncodeDecodes: a decoder written by others (gozxing), told nothing of the encoding, reads
// every code back to its text: the ECI designator says UTF-8.
func TestEncodeDecodes(t *testing.T) {
	hints := map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: true}
	for i, text := range texts() {
		if i%4 != 0 && len(text) < 1000 { // a quarter of the lengths, and the longest, keep the test short
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
