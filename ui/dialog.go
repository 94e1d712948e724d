package ui

// The window's dialogs, each answering the keyboard, which Fyne's own do not (they take no Enter
// or Esc and open with nothing focused): formDialog for a form whose save the store may refuse,
// keyedDialog for Fyne's form dialogs given those keys, askYesNo and sayDone for a question and a
// last word. The dialog shown last is Main.dialog, which Ctrl+S confirms while it is open.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/ui/widgets"
)

// formDialog is a dialog holding a form that stays open when what it saves is refused: the
// store's words show above the form, so the clerk corrects the field instead of typing it all
// again. Enter in a one-line field saves, Esc in any field closes, Ctrl+S saves (Main.dialog).
type formDialog struct {
	m       *Main
	dialog  *dialog.CustomDialog
	message *widget.Label
	first   fyne.Focusable
	submit  func() error
	open    bool
}

func newFormDialog(m *Main) *formDialog {
	return &formDialog{m: m, message: messageLabel()}
}

// entry returns a field of the dialog checked by valid (nil for none).
func (d *formDialog) entry(valid func(string) error) *widgets.Entry {
	e := widgets.NewEntry()
	e.Validator = valid
	e.OnEscape = d.close
	e.OnSubmitted = func(string) { d.save() }
	d.focusFirst(e)
	return e
}

// note returns a field of several lines of the dialog (Enter starts a new line, Esc closes),
// showing placeholder while empty.
func (d *formDialog) note(placeholder string) *widgets.Entry {
	e := widgets.NewMultiLineEntry()
	e.SetPlaceHolder(placeholder)
	e.OnEscape = d.close
	d.focusFirst(e)
	return e
}

// choice returns a drop-down of the dialog; Esc on it closes the dialog.
func (d *formDialog) choice(options []string) *escSelect {
	s := newEscSelect(options, d.close)
	d.focusFirst(s)
	return s
}

// picker makes p a field of the dialog: Esc with no list open closes it.
func (d *formDialog) picker(p *widgets.Picker) *widgets.Picker {
	p.OnEscape = d.close
	d.focusFirst(p)
	return p
}

func (d *formDialog) focusFirst(f fyne.Focusable) {
	if d.first == nil {
		d.first = f
	}
}

// show opens the dialog with items; confirm labels the button that runs submit, which returns
// the store's refusal (shown, the dialog stays) or nil (the dialog closes).
func (d *formDialog) show(title, confirm string, items []*widget.FormItem, size fyne.Size, submit func() error) {
	d.submit = submit
	body := container.NewVBox(d.message, widget.NewForm(items...))
	d.dialog = dialog.NewCustomWithoutButtons(title, container.NewVScroll(body), d.m.Window)
	ok := widget.NewButton(confirm+" (Ctrl+S)", d.save)
	ok.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Close")+" (Esc)", d.close), ok})
	d.dialog.SetOnClosed(func() { d.open = false })
	d.dialog.Resize(size)
	d.open = true
	d.m.dialog = d
	d.dialog.Show()
	if d.first != nil {
		focusSoon(d.m, d.first)
	}
}

// isOpen reports whether the dialog is shown.
func (d *formDialog) isOpen() bool { return d != nil && d.open }

// save runs submit: a refusal stays on the dialog, success closes it.
func (d *formDialog) save() {
	if err := d.submit(); err != nil {
		d.m.showRefusal(d.message, err)
		return
	}
	d.close()
}

func (d *formDialog) close() {
	if d.dialog != nil {
		d.dialog.Hide()
	}
}

// escSelect is a drop-down that closes its dialog on Esc, as the dialog's text fields do.
type escSelect struct {
	widget.Select
	onEscape func()
}

func newEscSelect(options []string, onEscape func()) *escSelect {
	s := &escSelect{onEscape: onEscape}
	s.Options = options
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey closes the dialog on Esc and gives every other key to the drop-down.
func (s *escSelect) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && s.onEscape != nil {
		s.onEscape()
		return
	}
	s.Select.TypedKey(k)
}

// keyedDialog is a dialog with the keyboard of the app's other dialogs (Fyne's own answer no
// key): the cursor starts in its first field, Enter in a one-line field confirms, Esc in any
// field closes it, and Ctrl+S confirms it while it is open (Main.dialog).
type keyedDialog struct {
	confirm func()
	open    bool
}

// showKeyed shows d with its fields' keys wired: confirm is what its confirming button does
// (Submit for a form dialog, which checks the fields first), dismiss what Esc does.
func showKeyed(m *Main, d dialog.Dialog, confirm, dismiss func(), fields ...*widgets.Entry) {
	k := &keyedDialog{confirm: confirm, open: true}
	m.dialog = k
	for _, e := range fields {
		if !e.MultiLine {
			e.OnSubmitted = func(string) { confirm() }
		}
		e.OnEscape = dismiss
	}
	d.SetOnClosed(func() { k.open = false })
	d.Show()
	if len(fields) > 0 {
		focusSoon(m, fields[0])
	}
}

// focusSoon puts the cursor in f once the key being handled is over: Space on a button both taps
// it and types a space, which would land in the field of the dialog the button opened (a trainee's
// name then starts with a space, and the untouched form asks about unsaved changes on Esc).
func focusSoon(m *Main, f fyne.Focusable) {
	fyne.Do(func() { m.Window.Canvas().Focus(f) })
}

// isOpen reports whether the dialog is shown; false for nil.
func (k *keyedDialog) isOpen() bool { return k != nil && k.open }

// save confirms the dialog, as Ctrl+S does.
func (k *keyedDialog) save() { k.confirm() }

// Fyne's dialogs take no keys, and one opened over the window has nothing focused, so Enter and
// Esc went nowhere in the real window: these dialogs open with their button focused, which Enter
// presses and Esc answers as their Cancel.

// escButton is a dialog's button: Enter or Space presses it, Esc calls onEscape.
type escButton struct {
	widgets.Button
	onEscape func()
}

// TypedKey calls onEscape on Esc; every other key is the button's.
func (b *escButton) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		b.onEscape()
		return
	}
	b.Button.TypedKey(k)
}

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
