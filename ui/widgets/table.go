// Package widgets holds the reusable widgets of the desk's screens.
package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column describes one column of a PagedTable.
type Column[T any] struct {
	// Title is the header text.
	Title string
	// Width is the column's width in Fyne units.
	Width float32
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
	count   int
	pages   map[int][]T
	sort    string
	desc    bool
}

// NewPagedTable returns a table with the given columns, sorted by sort at first.
func NewPagedTable[T any](columns []Column[T], sort string) *PagedTable[T] {
	t := &PagedTable[T]{columns: columns, pages: map[int][]T{}, sort: sort}
	t.Length = func() (int, int) { return t.count, len(t.columns) }
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
	for i, c := range columns {
		t.SetColumnWidth(i, c.Width)
	}
	return t
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
	col := t.columns[id.Col]
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
	if id.Col < 0 || id.Col >= len(t.columns) {
		b.SetText("")
		return
	}
	col := t.columns[id.Col]
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
