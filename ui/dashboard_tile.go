package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
)

// figureTile is one figure of the dashboard: its name, the year's value in large type, and the
// year before's beside it. A click, or Enter or Space when it has the focus, opens the list
// behind it.
type figureTile struct {
	widget.BaseWidget
	f      figure
	onTap  func()
	title  *widget.Label
	value  *canvas.Text
	detail *widget.Label
	before *widget.Label
	frame  *canvas.Rectangle
}

func newFigureTile(f figure, onTap func()) *figureTile {
	t := &figureTile{f: f, onTap: onTap}
	t.title = widget.NewLabelWithStyle(f.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.title.Truncation = fyne.TextTruncateEllipsis
	t.value = canvas.NewText("…", theme.Color(theme.ColorNamePrimary))
	t.value.TextSize = theme.TextSize() * 1.7
	t.value.TextStyle.Bold = true
	t.detail = widget.NewLabel("")
	t.detail.Truncation = fyne.TextTruncateEllipsis
	t.detail.SizeName = theme.SizeNameCaptionText
	t.before = widget.NewLabel("")
	t.before.SizeName = theme.SizeNameCaptionText
	t.before.Truncation = fyne.TextTruncateEllipsis
	t.frame = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	t.frame.CornerRadius = theme.InputRadiusSize()
	t.frame.StrokeColor = theme.Color(theme.ColorNameFocus)
	t.ExtendBaseWidget(t)
	return t
}

// show writes the tile's figure of d.
func (t *figureTile) show(d *data.Dashboard) {
	cur, prev := t.f.value(&d.Current), t.f.value(&d.Previous)
	t.value.Text = t.f.text(cur)
	t.value.Refresh()
	t.detail.SetText("")
	if t.f.detail != nil {
		t.detail.SetText(t.f.detail(&d.Current))
	}
	t.before.SetText(t.f.compared(d.Year-1, cur, prev))
}

// CreateRenderer implements fyne.Widget.
func (t *figureTile) CreateRenderer() fyne.WidgetRenderer {
	pad := theme.Padding()
	lines := container.NewVBox(t.title, container.New(&insetLayout{pad * 2}, t.value), t.detail, t.before)
	return widget.NewSimpleRenderer(container.NewStack(t.frame, lines))
}

// Tapped opens the list behind the figure.
func (t *figureTile) Tapped(*fyne.PointEvent) { t.onTap() }

// Cursor shows the hand over a tile, as over a link.
func (t *figureTile) Cursor() desktop.Cursor { return desktop.PointerCursor }

// FocusGained draws the focus ring.
func (t *figureTile) FocusGained() { t.frame.StrokeWidth = 2; t.frame.Refresh() }

// FocusLost removes the focus ring.
func (t *figureTile) FocusLost() { t.frame.StrokeWidth = 0; t.frame.Refresh() }

// TypedRune opens the list on Space.
func (t *figureTile) TypedRune(r rune) {
	if r == ' ' {
		t.onTap()
	}
}

// TypedKey opens the list on Enter.
func (t *figureTile) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		t.onTap()
	}
}

// insetLayout lays its one object out with a margin on the left and right.
type insetLayout struct{ x float32 }

func (l *insetLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(l.x, 0))
		o.Resize(fyne.NewSize(size.Width-2*l.x, size.Height))
	}
}

func (l *insetLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s := objs[0].MinSize()
	return fyne.NewSize(s.Width+2*l.x, s.Height)
}
