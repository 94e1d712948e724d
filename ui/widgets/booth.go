package widgets

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// holderLetters is how much of a holder's name a tile has room for.
const holderLetters = 17

// BoothTile is one booth on a fair's map: its number and size on top, its holder below, on the
// colour of its state. Tapping it calls OnTapped.
type BoothTile struct {
	widget.BaseWidget

	// Number is the booth's number, "A01".
	Number string
	// Dimensions is the booth's size as printed, "3 × 2,5 m".
	Dimensions string
	// Holder is who holds the booth, "" when it is free.
	Holder string
	// Fill is the colour of the booth's state.
	Fill color.Color
	// OnTapped is called when the tile is tapped.
	OnTapped func()
}

// NewBoothTile returns the tile of a booth.
func NewBoothTile(number, size, holder string, fill color.Color, onTapped func()) *BoothTile {
	t := &BoothTile{Number: number, Dimensions: size, Holder: holder, Fill: fill, OnTapped: onTapped}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped implements fyne.Tappable.
func (t *BoothTile) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// Text is what the tile shows, for tests and screen readers.
func (t *BoothTile) Text() string { return t.Number + " " + t.Dimensions + " " + t.Holder }

// CreateRenderer implements fyne.Widget.
func (t *BoothTile) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(t.Fill)
	bg.StrokeColor = color.NRGBA{R: 0x70, G: 0x70, B: 0x70, A: 0xff}
	bg.StrokeWidth = 1
	bg.CornerRadius = 4
	number := canvas.NewText(t.Number, color.Black)
	number.TextStyle.Bold = true
	size := canvas.NewText(t.Dimensions, color.Black)
	size.TextSize = theme.CaptionTextSize()
	box := container.NewVBox(container.NewHBox(number, layout.NewSpacer(), size))
	for _, line := range holderLines(t.Holder, holderLetters) {
		holder := canvas.NewText(line, color.Black)
		holder.TextSize = theme.CaptionTextSize()
		box.Add(holder)
	}
	return widget.NewSimpleRenderer(container.NewStack(bg, container.NewPadded(box)))
}

// holderLines puts a holder's name on two lines of n letters, broken between words, the second
// cut with an ellipsis: one line showed no more than the legal form and a word.
func holderLines(s string, n int) []string {
	r := []rune(s)
	if len(r) <= n {
		return []string{s}
	}
	cut := n
	for i := n; i > 0; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return []string{string(r[:cut]), shorten(strings.TrimSpace(string(r[cut:])), n)}
}

// shorten cuts s to n letters, with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
