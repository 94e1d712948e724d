package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Button is a button that Enter presses as well as Space: a clerk who Tabs to "Tạo báo cáo"
// presses Enter, and Fyne's button takes only Space.
type Button struct {
	widget.Button
}

// NewButton returns a button with a label and an icon (nil for none) that calls tapped.
func NewButton(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter; other keys are the button's.
func (b *Button) TypedKey(e *fyne.KeyEvent) {
	if (e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter) && !b.Disabled() {
		b.Tapped(&fyne.PointEvent{})
		return
	}
	b.Button.TypedKey(e)
}
