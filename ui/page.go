package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// pageHeader is the top of a record's page (a class, a fair): back to the list and the status
// beside the title, which has a line of its own since names are long, and below it the status
// moves and the page's actions in a row that scrolls rather than widen the window.
type pageHeader struct {
	content fyne.CanvasObject
	title   *widget.Label
	status  *widget.Label
	moves   *fyne.Container
	// frozen disables the moves: the signed-in user's role cannot make them.
	frozen bool
}

func newPageHeader(backLabel string, back func(), actions ...fyne.CanvasObject) *pageHeader {
	h := &pageHeader{status: widget.NewLabel(""), moves: container.NewHBox()}
	h.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.title.Truncation = fyne.TextTruncateEllipsis
	backB := widget.NewButtonWithIcon(backLabel, theme.NavigateBackIcon(), back)
	right := container.NewHBox(append([]fyne.CanvasObject{h.moves}, actions...)...)
	h.content = container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(backB, h.status), nil, h.title),
		container.NewHScroll(container.NewBorder(nil, nil, nil, right)))
	return h
}

// show puts the title and status in the header and a button for each move; cancelling is red.
func (h *pageHeader) show(title, status string, moves []string, cancel string, move func(i int)) {
	h.title.SetText(title)
	h.status.SetText("")
	if status != "" {
		h.status.SetText("[" + status + "]")
	}
	h.moves.RemoveAll()
	for i, label := range moves {
		b := widget.NewButton(label, func() { move(i) })
		if label == cancel {
			b.Importance = widget.DangerImportance
		}
		if h.frozen {
			b.Disable()
		}
		h.moves.Add(b)
	}
}

// moveLabels names the moves to next by their translation keys, prefix + status
// ("fairmove.dang_mo"), for pageHeader.show.
func moveLabels[S ~string](prefix string, next []S) []string {
	labels := make([]string, len(next))
	for i, to := range next {
		labels[i] = lang.L(prefix + string(to))
	}
	return labels
}

// statusWords are what a page says when it moves a record's status.
type statusWords struct {
	// Unsaved says to save the details first.
	Unsaved string
	// Question asks before an ordinary move.
	Question string
	// CancelTitle, CancelConfirm and CancelWhy title, confirm and ask the reason of a cancellation.
	CancelTitle, CancelConfirm, CancelWhy string
}

// askMove asks before a record's status moves: a confirmation, or the reason when it is cancelled.
// Nothing moves while the details have unsaved changes. run gets the reason.
func (m *Main) askMove(w statusWords, unsaved, cancelling bool, run func(reason string)) {
	if unsaved {
		m.sayDone(lang.L("Change status"), w.Unsaved)
		return
	}
	if !cancelling {
		m.askYesNo(lang.L("Change status"), w.Question, func() { run("") })
		return
	}
	d := newFormDialog(m)
	reason := d.note(w.CancelWhy)
	d.show(w.CancelTitle, w.CancelConfirm, []*widget.FormItem{widget.NewFormItem(lang.L("Reason"), reason)},
		fyne.NewSize(520, 240), func() error { run(reason.Text); return nil })
}

// pageEntry is a field of a page's form: it checks itself with valid, sets *dirty when typed in,
// and goes back to the list on Esc.
func pageEntry(valid func(string) error, dirty *bool, back func()) *widgets.Entry {
	e := widgets.NewEntry()
	e.Validator = valid
	e.OnChanged = func(string) { *dirty = true }
	e.OnEscape = back
	return e
}

// required checks a field that cannot be left blank.
func required(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New(lang.L("This cannot be empty."))
	}
	return nil
}

// requiredDate checks a date field that cannot be left blank.
func requiredDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New(lang.L("Type a date such as 28/11/2026."))
	}
	return optionalDate(s)
}

// optionalDate checks a date field that may be left blank.
func optionalDate(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	_, err := vn.ParseDate(s)
	return err
}

// validMoney checks a sum of đồng typed in a field; blank is nothing.
func validMoney(s string) error {
	_, err := vn.ParseMoney(s)
	return err
}
