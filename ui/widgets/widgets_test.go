package widgets_test

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/ui/widgets"
)

var wards = []widgets.Option{
	{Key: "00577", Label: "Xã Bát Tràng"},
	{Key: "00454", Label: "Xã Đông Anh"},
	{Key: "09556", Label: "Phường Hà Đông"},
	{Key: "00004", Label: "Phường Ba Đình"},
}

func newPicker(t *testing.T) (*widgets.Picker, *[]string) {
	test.NewTempApp(t)
	p := widgets.NewPicker(wards, "Gõ để tìm")
	var changes []string
	p.OnChanged = func(k string) { changes = append(changes, k) }
	w := test.NewWindow(p)
	w.Resize(fyne.NewSize(300, 300))
	t.Cleanup(w.Close)
	w.Canvas().Focus(p)
	return p, &changes
}

func TestPicker(t *testing.T) {
	t.Run("FoldedTypingAndEnter", func(t *testing.T) {
		p, changes := newPicker(t)
		test.Type(p, "dong")
		if got := strings.Join(p.Matches(), "|"); got != "Xã Đông Anh|Phường Hà Đông" {
			t.Fatalf("matches=%s", got)
		}
		p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if p.Selected() != "09556" || p.Text != "Phường Hà Đông" || fmt.Sprint(*changes) != "[09556]" {
			t.Fatalf("selected %q %q, changes %v", p.Selected(), p.Text, *changes)
		}
	})
	t.Run("EscPutsBackTheChoice", func(t *testing.T) {
		p, changes := newPicker(t)
		p.SetSelected("00577")
		test.Type(p, "xyz")
		p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if p.Selected() != "00577" || p.Text != "Xã Bát Tràng" || len(*changes) != 0 {
			t.Fatalf("after Esc: %q %q, changes %v", p.Selected(), p.Text, *changes)
		}
	})
	t.Run("ClearingChoosesNone", func(t *testing.T) {
		p, changes := newPicker(t)
		p.SetSelected("00004")
		p.SetText("")
		if p.Selected() != "" || fmt.Sprint(*changes) != "[]" {
			t.Fatalf("after clearing: %q, changes %v", p.Selected(), *changes)
		}
	})
	t.Run("LeavingWithOneMatchTakesIt", func(t *testing.T) {
		p, _ := newPicker(t)
		test.Type(p, "bat tr")
		p.FocusLost()
		if p.Selected() != "00577" {
			t.Fatalf("selected %q", p.Selected())
		}
	})
	t.Run("LeavingWithNonsensePutsBackTheText", func(t *testing.T) {
		p, _ := newPicker(t)
		p.SetSelected("00454")
		p.SetText("")
		test.Type(p, "zzz")
		p.FocusLost()
		if p.Selected() != "" || p.Text != "" {
			t.Fatalf("selected %q %q", p.Selected(), p.Text)
		}
	})
}

func TestPagedTable(t *testing.T) {
	test.NewTempApp(t)
	rows := make([]int, 250)
	for i := range rows {
		rows[i] = i
	}
	var fetches []string
	tbl := widgets.NewPagedTable([]widgets.Column[int]{
		{Title: "Số", Width: 80, Sort: "n", Text: func(r int) string { return fmt.Sprint(r) }},
	}, "n")
	tbl.Fetch = func(offset, limit int, sort string, desc bool) ([]int, error) {
		fetches = append(fetches, fmt.Sprintf("%d+%d %s %v", offset, limit, sort, desc))
		end := min(offset+limit, len(rows))
		out := append([]int(nil), rows[offset:end]...)
		if desc {
			for i := range out {
				out[i] = len(rows) - 1 - out[i]
			}
		}
		return out, nil
	}
	var opened []int
	tbl.OnActivated = func(r int) { opened = append(opened, r) }
	tbl.Reset(len(rows))
	if r, ok := tbl.Row(205); !ok || r != 205 {
		t.Fatalf("row 205 = %d, %v", r, ok)
	}
	if r, _ := tbl.Row(210); r != 210 || len(fetches) != 1 {
		t.Fatalf("a second row of the same page fetched again: %v", fetches)
	}
	tbl.SortBy("n")
	if r, _ := tbl.Row(0); r != 249 {
		t.Fatalf("reversed row 0 = %d", r)
	}
	if _, ok := tbl.Row(250); ok {
		t.Fatal("a row past the end")
	}
	w := test.NewWindow(tbl)
	w.Resize(fyne.NewSize(200, 400))
	defer w.Close()
	w.Canvas().Focus(tbl)
	tbl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	tbl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if fmt.Sprint(opened) != "[248]" {
		t.Fatalf("Enter opened %v, want [248]", opened)
	}
}

// TestPagedTableLargeBeforeLayout resets a table to 100,000 rows before it has a size, as a list
// screen does while it is built: it must keep dividers for the rows it shows, not for every row
// (Fyne 2.7 takes every row as visible until the table is laid out, 22 MB at 100,000 rows).
func TestPagedTableLargeBeforeLayout(t *testing.T) {
	test.NewTempApp(t)
	tbl := widgets.NewPagedTable([]widgets.Column[int]{
		{Title: "Số", Width: 80, Text: func(r int) string { return fmt.Sprint(r) }},
	}, "")
	tbl.Fetch = func(offset, limit int, _ string, _ bool) ([]int, error) {
		out := make([]int, limit)
		for i := range out {
			out[i] = offset + i
		}
		return out, nil
	}
	tbl.MinSize() // the window measures a screen as it is built, so the table's renderer exists
	tbl.Reset(100_000)
	tbl.ScrollToTop() // what a list's reload does
	w := test.NewWindow(tbl)
	w.Resize(fyne.NewSize(200, 400))
	defer w.Close()
	separators := 0 // hidden ones too: they stay in memory
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Separator:
			separators++
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(tbl)
	if separators == 0 || separators > 50 {
		t.Fatalf("%d dividers for a table 400 px high", separators)
	}
	if n, _ := tbl.Length(); n != 100_000 {
		t.Fatalf("the laid-out table has %d rows", n)
	}
}
