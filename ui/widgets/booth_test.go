package widgets_test

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"khuyencong/ui/widgets"
)

func TestBoothTile(t *testing.T) {
	test.NewTempApp(t)
	taps := 0
	tile := widgets.NewBoothTile("A01", "3 × 2,5 m", "Công ty TNHH Gốm sứ Bát Tràng Xanh", color.White, func() { taps++ })
	w := test.NewWindow(tile)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(118, 74))

	if got, want := tile.Text(), "A01 3 × 2,5 m Công ty TNHH Gốm sứ Bát Tràng Xanh"; got != want {
		t.Fatalf("Text()=%q, want %q", got, want)
	}
	var shown []string
	for _, o := range test.LaidOutObjects(tile) {
		if txt, ok := o.(*canvas.Text); ok {
			shown = append(shown, txt.Text)
		}
	}
	if got, want := len(shown), 4; got != want {
		t.Fatalf("tile draws %d texts %q, want %d", got, shown, want)
	}
	if got, want := shown[2]+"|"+shown[3], "Công ty TNHH Gốm|sứ Bát Tràng Xanh"; got != want {
		t.Fatalf("holder=%q, want the name on two lines broken between words: %q", got, want)
	}
	test.Tap(tile)
	if taps != 1 {
		t.Fatalf("taps=%d, want 1", taps)
	}
}
