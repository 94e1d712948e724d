package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data/vn"
)

// Option is one choice of a Picker.
type Option struct {
	// Key is what the program stores, e.g. a ward code.
	Key string
	// Label is what a person reads, e.g. "xã Bát Tràng".
	Label string
}

// maxShown bounds the list a Picker drops down; typing narrows it.
const maxShown = 12

// Picker is a text field that picks one of many options by typing part of it: it ignores case and
// tone marks and treats đ as d ("bat tr" finds "xã Bát Tràng"). Down and Up move through the
// matches, Enter takes one, Esc puts back the last choice. An empty field means no choice.
type Picker struct {
	widget.Entry

	// OnChanged is called with the key of a new choice ("" when cleared).
	OnChanged func(key string)
	// OnEscape is called when Esc is pressed while no list is open.
	OnEscape func()
	// Search, when set, finds the options for the typed text instead of filtering a fixed list:
	// for choices too many to hold, such as the register of enterprises.
	Search func(text string) []Option

	options  []Option
	folded   []string
	selected string
	label    string // the choice's label, kept when a Search picker's options move on
	matches  []int
	cursor   int
	list     *widget.List
	popup    *widget.PopUp
	keys     *pickerKeys // takes the keyboard while the list is open
	picking  bool        // the text is being set by the program, not typed
}

// NewPicker returns a picker over options with placeholder text shown while it is empty.
func NewPicker(options []Option, placeholder string) *Picker {
	p := &Picker{}
	p.ExtendBaseWidget(p)
	p.PlaceHolder = placeholder
	p.SetOptions(options)
	p.Entry.OnChanged = p.typed
	return p
}

// SetOptions replaces the options, keeping the choice if it is still among them.
func (p *Picker) SetOptions(options []Option) {
	p.options = options
	p.folded = make([]string, len(options))
	for i, o := range options {
		p.folded[i] = vn.Fold(o.Label + " " + o.Key)
	}
	p.SetSelected(p.selected)
}

// Selected returns the key of the current choice, "" when there is none.
func (p *Picker) Selected() string { return p.selected }

// SetOption chooses o, which need not be among the options (a Search picker holds only the last
// matches), without calling OnChanged.
func (p *Picker) SetOption(o Option) {
	if o.Key == "" {
		p.SetSelected("")
		return
	}
	p.selected, p.label = o.Key, o.Label
	p.revert()
}

// revert shows the current choice's label again.
func (p *Picker) revert() {
	p.picking = true
	p.SetText(p.label)
	p.picking = false
}

// SetSelected chooses the option with key (or none for "" or an unknown key) without calling OnChanged.
func (p *Picker) SetSelected(key string) {
	p.selected, p.label = "", ""
	for _, o := range p.options {
		if o.Key == key && key != "" {
			p.selected, p.label = key, o.Label
		}
	}
	p.revert()
}

// Matches returns the labels the typed text currently matches, in option order.
func (p *Picker) Matches() []string {
	out := make([]string, len(p.matches))
	for i, m := range p.matches {
		out[i] = p.options[m].Label
	}
	return out
}

func (p *Picker) typed(text string) {
	if p.picking {
		return
	}
	if p.Search != nil && strings.TrimSpace(text) != "" {
		p.options, p.folded = p.Search(text), nil
		p.matches = p.matches[:0]
		for i := range p.options {
			p.matches = append(p.matches, i)
		}
	} else {
		words := strings.Fields(vn.Fold(text))
		p.matches = p.matches[:0]
		for i, f := range p.folded {
			if containsAll(f, words) {
				p.matches = append(p.matches, i)
			}
		}
	}
	p.cursor = 0
	if strings.TrimSpace(text) == "" {
		p.choose(-1)
		return
	}
	p.showList()
}

func containsAll(s string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// choose takes match m (-1 for none), closes the list and reports a change.
func (p *Picker) choose(m int) {
	p.hideList()
	key := ""
	if m >= 0 && m < len(p.matches) {
		key = p.options[p.matches[m]].Key
	}
	changed := key != p.selected
	p.SetSelected(key)
	if changed && p.OnChanged != nil {
		p.OnChanged(key)
	}
}

// TypedKey moves through the matches and takes or abandons one.
func (p *Picker) TypedKey(e *fyne.KeyEvent) {
	open := p.popup != nil && p.popup.Visible()
	switch {
	case e.Name == fyne.KeyDown && open:
		p.moveCursor(1)
	case e.Name == fyne.KeyUp && open:
		p.moveCursor(-1)
	case (e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter) && open:
		p.choose(p.cursor)
	case e.Name == fyne.KeyEscape && open:
		p.hideList()
		p.revert()
	case e.Name == fyne.KeyEscape && p.OnEscape != nil:
		p.OnEscape()
	default:
		p.Entry.TypedKey(e)
	}
}

// FocusLost keeps the field honest: text that is not a choice goes back to the last choice.
func (p *Picker) FocusLost() {
	p.Entry.FocusLost()
	if p.popup != nil && p.popup.Visible() && len(p.matches) == 1 {
		p.choose(0)
		return
	}
	p.hideList()
	p.revert()
}

func (p *Picker) moveCursor(d int) {
	if len(p.matches) == 0 {
		return
	}
	p.cursor = (p.cursor + d + len(p.matches)) % len(p.matches)
	p.list.Refresh()
	p.list.ScrollTo(p.cursor)
}

func (p *Picker) showList() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p)
	if c == nil {
		return
	}
	if p.list == nil {
		p.list = widget.NewList(
			func() int { return len(p.matches) },
			func() fyne.CanvasObject { return widget.NewLabel("") },
			func(i widget.ListItemID, o fyne.CanvasObject) {
				l := o.(*widget.Label)
				l.TextStyle.Bold = i == p.cursor // the match Enter takes
				l.SetText(p.options[p.matches[i]].Label)
			},
		)
		// The list never keeps a selection, so a tap on any row, even the first, is a choice.
		p.list.OnSelected = func(i widget.ListItemID) {
			p.list.UnselectAll()
			p.choose(i)
			c.Focus(p)
		}
		p.keys = &pickerKeys{p: p}
		p.keys.ExtendBaseWidget(p.keys)
		p.popup = widget.NewPopUp(container.NewStack(p.keys, p.list), c)
	}
	p.list.Refresh()
	rows := min(len(p.matches), maxShown)
	h := max(float32(rows), 1) * (p.list.MinSize().Height + 2)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(p)
	p.popup.ShowAtPosition(pos.Add(fyne.NewPos(0, p.Size().Height)))
	p.popup.Resize(fyne.NewSize(p.Size().Width, h))
	// A real window sends keys to the focus of its top pop-up, not to this field: without a focus
	// in the list, every key after the first went nowhere.
	c.Focus(p.keys)
}

// pickerKeys sits in the picker's drop-down list, takes the keyboard while the list is open and
// hands every key back to the picker, so typing goes on narrowing the list.
type pickerKeys struct {
	widget.BaseWidget
	p *Picker
}

func (k *pickerKeys) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack())
}

// FocusGained and FocusLost leave the look of the picker's field as it is.
func (k *pickerKeys) FocusGained() {}
func (k *pickerKeys) FocusLost()   {}

// TypedRune types into the picker's field.
func (k *pickerKeys) TypedRune(r rune) { k.p.TypedRune(r) }

// TypedKey gives the picker its keys; Tab leaves it as leaving the field would, then moves on.
func (k *pickerKeys) TypedKey(e *fyne.KeyEvent) {
	if e.Name != fyne.KeyTab {
		k.p.TypedKey(e)
		return
	}
	k.p.FocusLost()
	if c := fyne.CurrentApp().Driver().CanvasForObject(k.p); c != nil {
		c.Focus(k.p)
		c.FocusNext()
	}
}

// AcceptsTab keeps Tab from cycling inside the list, so that it can leave the field.
func (k *pickerKeys) AcceptsTab() bool { return true }

// TypedShortcut lets paste, cut and select-all reach the picker's field.
func (k *pickerKeys) TypedShortcut(s fyne.Shortcut) { k.p.TypedShortcut(s) }

func (p *Picker) hideList() {
	if p.popup != nil {
		p.popup.Hide()
	}
}
