// Package widgets holds the reusable widgets of the desk's screens.
package widgets

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column describes one column of a PagedTable.
type Column[T any] struct {
	// Title is the header text.
	Title string
	// Width is the column's least width in Fyne units; the column is widened to fit its header
	// and Samples.
	Width float32
	// Samples are the widest texts the column typically shows (a date, the longest status): the
	// column is never narrower than they are.
	Samples []string
	// Grow makes the column take the width the others leave, down to its least width.
	Grow bool
	// Optional columns are hidden, last first, when the table is too narrow for every column
	// (beside an open form), so that the others are not cut.
	Optional bool
	// Text gives the cell text of a row.
	Text func(row T) string
	// Sort is the sort key the store knows this column by; "" means it cannot be sorted.
	Sort string
	// Trailing aligns the column's text to the right (numbers).
	Trailing bool
}

// pageSize is how many rows a PagedTable fetches at once: a screenful or two.
const pageSize = 100

// PagedTable is a virtualised table that fetches its rows page by page from a store, so a list
// of 100,000 records costs only the pages a person scrolls through. Tapping a header sorts by
// that column (again to reverse); tapping a row, or Space or Enter on it, activates it.
type PagedTable[T any] struct {
	widget.Table

	// Fetch returns rows [offset, offset+limit) in the current sort and filter.
	Fetch func(offset, limit int, sort string, desc bool) ([]T, error)
	// OnActivated is called with the row a person opened.
	OnActivated func(row T)
	// OnError is called when fetching fails.
	OnError func(error)

	columns []Column[T]
	widths  []float32 // each column's width fitting its header and samples
	visible []int     // the columns shown, by index in columns
	shown   []float32 // the width of each column shown
	count   int
	pages   map[int][]T
	sort    string
	desc    bool
}

// NewPagedTable returns a table with the given columns, sorted by sort at first.
func NewPagedTable[T any](columns []Column[T], sort string) *PagedTable[T] {
	t := &PagedTable[T]{columns: columns, pages: map[int][]T{}, sort: sort}
	t.Length = func() (int, int) {
		if t.Size().Height <= 0 {
			// Not laid out yet: Fyne 2.7 then takes every row as visible and keeps a divider for
			// each, 100,000 of them (22 MB) on a large register.
			return 0, len(t.visible)
		}
		return t.count, len(t.visible)
	}
	t.CreateCell = func() fyne.CanvasObject { return widget.NewLabel("") }
	t.UpdateCell = t.updateCell
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = t.updateHeader
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		if row, ok := t.Row(id.Row); ok && t.OnActivated != nil {
			t.OnActivated(row)
		}
	}
	t.ExtendBaseWidget(t)
	for _, c := range columns {
		t.widths = append(t.widths, fitWidth(c))
	}
	t.fit(0)
	return t
}

// fitWidth is the width column c needs for its header, with the sort arrow, and its samples.
// A cell that truncates keeps room for "…" even when the text would fit, so that is added.
func fitWidth[T any](c Column[T]) float32 {
	ellipsis := fyne.MeasureText("…", theme.TextSize(), fyne.TextStyle{}).Width
	head := widget.NewButtonWithIcon(c.Title, theme.MenuDropDownIcon(), nil)
	w := max(c.Width, head.MinSize().Width)
	for _, s := range c.Samples {
		w = max(w, widget.NewLabel(s).MinSize().Width+ellipsis)
	}
	return w
}

// Resize lays the columns out for the new width before the table draws them.
func (t *PagedTable[T]) Resize(size fyne.Size) {
	t.fit(size.Width)
	t.Table.Resize(size)
}

// MinSize is as wide as the columns that are never hidden, so that a split beside a form leaves
// them whole.
func (t *PagedTable[T]) MinSize() fyne.Size {
	size := t.Table.MinSize()
	var w float32
	for i, c := range t.columns {
		if !c.Optional {
			w += t.widths[i] + theme.Padding()
		}
	}
	return fyne.NewSize(max(size.Width, w), size.Height)
}

// fit chooses the columns shown in width (all of them when width is 0, not yet laid out) and
// gives the growing columns what the others leave.
func (t *PagedTable[T]) fit(width float32) {
	var visible []int
	for i := range t.columns {
		visible = append(visible, i)
	}
	need := func() float32 {
		var w float32
		for _, i := range visible {
			w += t.widths[i] + theme.Padding()
		}
		return w
	}
	for j := len(visible) - 1; width > 0 && j >= 0 && need() > width; j-- {
		if t.columns[visible[j]].Optional {
			visible = slices.Delete(visible, j, j+1)
		}
	}
	var grow []int
	for j, i := range visible {
		if t.columns[i].Grow {
			grow = append(grow, j)
		}
	}
	extra := float32(0)
	if width > 0 && len(grow) > 0 {
		extra = max(0, width-need()) / float32(len(grow))
	}
	t.visible = visible
	shown := make([]float32, len(visible))
	for j, i := range visible {
		shown[j] = t.widths[i]
		if slices.Contains(grow, j) {
			shown[j] += extra
		}
		if j >= len(t.shown) || t.shown[j] != shown[j] {
			t.SetColumnWidth(j, shown[j])
		}
	}
	t.shown = shown
}

// ColumnWidth returns the width of the j-th column shown, 0 when there is none.
func (t *PagedTable[T]) ColumnWidth(j int) float32 {
	if j < 0 || j >= len(t.visible) {
		return 0
	}
	return t.shown[j]
}

// Shown returns the titles of the columns shown, in order.
func (t *PagedTable[T]) Shown() []string {
	out := make([]string, len(t.visible))
	for j, i := range t.visible {
		out[j] = t.columns[i].Title
	}
	return out
}

// Reset forgets the fetched rows and sets the number of rows the store now has; the visible rows
// are fetched again. Call it after the filter changed or a record was saved.
func (t *PagedTable[T]) Reset(count int) {
	t.count = count
	t.pages = map[int][]T{}
	t.Refresh()
}

// Count returns the number of rows.
func (t *PagedTable[T]) Count() int { return t.count }

// SortOrder returns the current sort key and direction.
func (t *PagedTable[T]) SortOrder() (string, bool) { return t.sort, t.desc }

// SortBy orders the table by the column with the given sort key; the same key again reverses it.
func (t *PagedTable[T]) SortBy(key string) {
	if key == t.sort {
		t.desc = !t.desc
	} else {
		t.sort, t.desc = key, false
	}
	t.Reset(t.count)
	t.ScrollToTop()
}

// Row returns row i, fetching its page when needed.
func (t *PagedTable[T]) Row(i int) (T, bool) {
	var zero T
	if i < 0 || i >= t.count {
		return zero, false
	}
	p := i / pageSize
	rows, ok := t.pages[p]
	if !ok {
		var err error
		rows, err = t.Fetch(p*pageSize, pageSize, t.sort, t.desc)
		if err != nil {
			if t.OnError != nil {
				t.OnError(err)
			}
			return zero, false
		}
		t.pages[p] = rows
	}
	if i-p*pageSize >= len(rows) {
		return zero, false
	}
	return rows[i-p*pageSize], true
}

// TypedKey opens the focused row on Enter, as Space does.
func (t *PagedTable[T]) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		e = &fyne.KeyEvent{Name: fyne.KeySpace}
	}
	t.Table.TypedKey(e)
}

func (t *PagedTable[T]) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Truncation = fyne.TextTruncateEllipsis
	col := t.columns[t.visible[id.Col]]
	if col.Trailing {
		l.Alignment = fyne.TextAlignTrailing
	} else {
		l.Alignment = fyne.TextAlignLeading
	}
	row, ok := t.Row(id.Row)
	if !ok {
		l.SetText("")
		return
	}
	l.SetText(col.Text(row))
}

func (t *PagedTable[T]) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(t.visible) {
		b.SetText("")
		return
	}
	col := t.columns[t.visible[id.Col]]
	b.SetText(col.Title)
	b.SetIcon(nil)
	if col.Sort != "" && col.Sort == t.sort {
		if t.desc {
			b.SetIcon(theme.MenuDropDownIcon())
		} else {
			b.SetIcon(theme.MenuDropUpIcon())
		}
	}
	if col.Sort == "" {
		b.OnTapped = nil
		return
	}
	b.OnTapped = func() { t.SortBy(col.Sort) }
}
