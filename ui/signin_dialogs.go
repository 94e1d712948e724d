package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs take no keys, and one opened over the window has nothing focused, so Enter and
// Esc went nowhere in the real window: these dialogs open with their button focused, which Enter
// presses and Esc answers as their Cancel.

// newEscButton is a dialog's button labelled label that calls tapped on a click, Space or Enter,
// and escape on Esc.
func newEscButton(label string, icon fyne.Resource, tapped, escape func()) *escButton {
	b := &escButton{onEscape: escape}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// showFocused shows d, width wide, with buttons; focused, one of them, has the cursor.
func (m *Main) showFocused(d *dialog.CustomDialog, width float32, focused *escButton, buttons ...fyne.CanvasObject) {
	d.SetButtons(buttons)
	d.Resize(fyne.NewSize(width, d.MinSize().Height))
	d.Show()
	m.Window.Canvas().Focus(focused)
}

// wrapped is a dialog's text, wrapped at its width.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// askYesNo asks question, titled title, and calls yes once the clerk agrees: Enter agrees, Esc
// or "Không" leaves everything as it was.
func (m *Main) askYesNo(title, question string, yes func()) {
	m.askChoice(title, question, lang.L("Yes"), lang.L("No"), 440, yes)
}

// askChoice asks question in a dialog titled title, width wide, with the buttons labelled yes
// (focused: Enter presses it) and no (Esc), and calls agreed once the clerk presses yes.
func (m *Main) askChoice(title, question, yes, no string, width float32, agreed func()) {
	d := dialog.NewCustomWithoutButtons(title, wrapped(question), m.Window)
	noB := newEscButton(no, theme.CancelIcon(), d.Hide, d.Hide)
	yesB := newEscButton(yes, theme.ConfirmIcon(), func() { d.Hide(); agreed() }, d.Hide)
	yesB.Importance = widget.HighImportance
	m.showFocused(d, width, yesB, noB, yesB)
}

// sayDone says text, titled title, until the clerk presses Enter or Esc or clicks OK.
func (m *Main) sayDone(title, text string) {
	d := dialog.NewCustomWithoutButtons(title, wrapped(text), m.Window)
	ok := newEscButton(lang.L("OK"), theme.ConfirmIcon(), d.Hide, d.Hide)
	m.showFocused(d, 440, ok, ok)
}
