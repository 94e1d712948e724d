package widgets_test

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"khuyencong/ui/widgets"
)

// TestBarChart checks that a chart draws a bar per value, as long as its value against the
// largest (or its line's, with RowScale), writes every value, cuts a label too long, and that a
// tap on a line says which.
func TestBarChart(t *testing.T) {
	test.NewTempApp(t)
	c := widgets.NewBarChart("Kinh phí", "2026", "2025")
	c.SetRows([]widgets.BarRow{
		{Label: "Lớp học", Values: []int64{10, 5}},
		{Label: "Một nội dung có cái tên dài đến mức không thể nào vừa với cột nhãn của biểu đồ", Values: []int64{1000, 0}},
	})
	w := test.NewWindow(c)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(500, 200))
	var widths []float32
	texts := map[string]bool{}
	for _, o := range test.LaidOutObjects(c) {
		switch o := o.(type) {
		case *canvas.Rectangle:
			if o.Size().Height > 0 && o.Position().Y > 40 { // the bars, not the legend's swatches
				widths = append(widths, o.Size().Width)
			}
		case *canvas.Text:
			texts[o.Text] = true
		}
	}
	if len(widths) != 4 {
		t.Fatalf("%d bars, want 4: %v", len(widths), widths)
	}
	if widths[2] <= widths[0] || widths[0] <= widths[1] || widths[3] > 1 {
		t.Errorf("bars %v: 1000 should be the longest, 10 longer than 5, 0 a hairline", widths)
	}
	for _, s := range []string{"Kinh phí", "2026", "2025", "Lớp học", "10", "5", "1000", "0"} {
		if !texts[s] {
			t.Errorf("the chart does not write %q", s)
		}
	}
	for s := range texts {
		if len([]rune(s)) > 20 && s[len(s)-3:] != "…" {
			t.Errorf("the long label is not cut: %q", s)
		}
	}

	c.RowScale = true
	c.Refresh()
	var scaled []float32
	for _, o := range test.LaidOutObjects(c) {
		if r, ok := o.(*canvas.Rectangle); ok && r.Position().Y > 40 {
			scaled = append(scaled, r.Size().Width)
		}
	}
	if len(scaled) != 4 || math.Abs(float64(scaled[0]-scaled[2])) > 0.01 {
		t.Errorf("with RowScale each line's largest bar is full: %v", scaled)
	}

	tapped := -1
	c.OnTapped = func(i int) { tapped = i }
	top := c.MinSize().Height
	test.TapAt(c, fyne.NewPos(100, top-5))
	if tapped != 1 {
		t.Errorf("a tap on the last line gave %d", tapped)
	}
}
