package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// formDialog is a dialog holding a form that stays open when what it saves is refused: the
// store's words show above the form, so the clerk corrects the field instead of typing it all
// again. Enter in a one-line field saves, Esc in any field closes, Ctrl+S saves (Main.form).
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
	d.m.form = d
	d.dialog.Show()
	if d.first != nil {
		// Once the key that opened it is over: Space on a button taps it and then types a space,
		// which would start the first field.
		fyne.Do(func() { d.m.Window.Canvas().Focus(d.first) })
	}
}

// isOpen reports whether the dialog is shown.
func (d *formDialog) isOpen() bool { return d != nil && d.open }

// save runs submit: a refusal stays on the dialog, success closes it.
func (d *formDialog) save() {
	err := d.submit()
	if err != nil {
		if data.ErrorCode(err) == data.EINTERNAL {
			d.m.showError(err)
			return
		}
		d.message.SetText(data.ErrorMessage(err))
		d.message.Show()
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
