package ui

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data/vn"
	"khuyencong/reports"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// detail is what a list screen opens from a row or with New: a form beside the list, or a page
// in its place. It may also have save() (Ctrl+S) and focus() fyne.Focusable (the field the cursor
// goes to when it opens).
type detail interface {
	comparable
	// view returns its widgets.
	view() fyne.CanvasObject
	// unsaved reports whether it holds changes that are not saved.
	unsaved() bool
}

// listSpec is what a screen brings to its list: the rest is the same on every list screen.
type listSpec[T any, D detail] struct {
	// Header, when set, is shown above the search box: what the list is part of (a year's plan).
	Header fyne.CanvasObject
	// Search is the search box's placeholder.
	Search string
	// Columns are the table's columns; Sort is the column it is sorted by at first, newest first
	// when Desc.
	Columns []widgets.Column[T]
	Sort    string
	Desc    bool
	// Filters are laid out in a grid of FilterColumns under the search box.
	Filters       []fyne.CanvasObject
	FilterColumns int
	// Actions are the buttons right of the search box, after "Xuất Excel".
	Actions []fyne.CanvasObject
	// OwnExcel is set by a screen whose Actions already save what the list selects as a
	// document of its own layout in Excel (the register of certificates): it gets no second
	// "Xuất Excel".
	OwnExcel bool
	// ExcelColumns follow Columns in "Xuất Excel" only: the record's fields the table has no
	// room for, so that the workbook imports back whole.
	ExcelColumns []widgets.Column[T]
	// Count counts what the search and filters select; CountText says it ("{{.Count}} …").
	Count     func(ctx context.Context) (int, error)
	CountText string
	// Fetch returns rows [offset, offset+limit) of what the search and filters select.
	Fetch func(ctx context.Context, offset, limit int, sort string, desc bool) ([]T, error)
	// Open makes the form or page of a row, read again from the store.
	Open func(row T) (D, error)
	// Page shows what Open makes in place of the list; otherwise it shows beside the list, taking
	// SideShare of the width.
	Page      bool
	SideShare float64
	// Empty is shown instead of an empty table when Total says the register holds nothing at all;
	// nil for screens without one.
	Empty fyne.CanvasObject
	Total func(ctx context.Context) (int, error)
}

// listScreen is the shape every list screen shares: the search box (it waits for a pause in the
// typing, Esc clears it, Ctrl+F finds it), the filters, the bold count, the paged table, the
// empty state, and the form or page a row opens, with its New, Save, back and unsaved changes.
// A screen embeds it and brings its listSpec.
type listScreen[T any, D detail] struct {
	m       *Main
	spec    listSpec[T, D]
	content *fyne.Container // the list, or the page open
	list    fyne.CanvasObject
	center  *fyne.Container // the table or the empty state, and the form beside it

	search *widgets.Entry
	count  *widget.Label
	table  *widgets.PagedTable[T]
	empty  fyne.CanvasObject
	// detail is the form or page open; the zero D when none is.
	detail D
	split  *container.Split
	ready  bool

	// typing reloads once the clerk pauses typing in the search box.
	typing debouncer
}

// newListScreen returns the search box and count of a list screen, so that the screen can make
// its filters reload it; build finishes it.
func newListScreen[T any, D detail](m *Main) *listScreen[T, D] {
	l := &listScreen[T, D]{m: m, typing: debouncer{delay: typingPause}}
	l.search = widgets.NewEntry()
	l.search.OnChanged = func(string) { l.typing.call(l.reload) }
	l.search.OnEscape = func() { l.search.SetText("") }
	l.count = widget.NewLabel("")
	l.count.TextStyle.Bold = true
	return l
}

// build lays out the list with the screen's spec and reads its first page.
func (l *listScreen[T, D]) build(spec listSpec[T, D]) {
	l.spec = spec
	l.search.SetPlaceHolder(spec.Search)
	l.table = widgets.NewPagedTable(spec.Columns, spec.Sort)
	if spec.Desc {
		l.table.SortBy(spec.Sort)
	}
	l.table.Fetch = func(offset, limit int, sort string, desc bool) ([]T, error) {
		return spec.Fetch(l.m.ctx(), offset, limit, sort, desc)
	}
	l.table.OnActivated = l.open
	l.table.OnError = l.m.showError
	l.empty = spec.Empty
	l.center = container.NewStack(l.table)
	actions := spec.Actions
	if !spec.OwnExcel {
		excel := widget.NewButtonWithIcon(lang.L("Export to Excel"), theme.DownloadIcon(), func() { l.m.save(l.excel()) })
		actions = append([]fyne.CanvasObject{excel}, actions...)
	}
	top := container.NewBorder(nil, nil, nil, container.NewHBox(actions...), l.search)
	filters := container.NewBorder(nil, nil, nil, l.count, container.NewGridWithColumns(max(spec.FilterColumns, 1), spec.Filters...))
	head := container.NewVBox(top, filters)
	if spec.Header != nil {
		head.Objects = append([]fyne.CanvasObject{spec.Header}, head.Objects...)
	}
	l.list = container.NewBorder(head, nil, nil, nil, l.center)
	l.content = container.NewStack(l.list)
	l.ready = true
	l.reload()
}

// Content implements Screen.
func (l *listScreen[T, D]) Content() fyne.CanvasObject { return l.content }

// Save saves the open form or page (Ctrl+S).
func (l *listScreen[T, D]) Save() {
	if s, ok := any(l.detail).(interface{ save() }); ok && l.isOpen() {
		s.save()
	}
}

// Find puts the cursor in the search box (Ctrl+F), back on the list from a page.
func (l *listScreen[T, D]) Find() {
	if l.spec.Page && l.isOpen() {
		l.back()
	}
	l.m.Window.Canvas().Focus(l.search)
}

// isOpen reports whether a form or page is open.
func (l *listScreen[T, D]) isOpen() bool {
	var none D
	return l.detail != none
}

// reload counts what the filter selects and starts the table again from its first page.
func (l *listScreen[T, D]) reload() {
	if l.recount() {
		l.table.ScrollToTop()
	}
}

// recount counts what the filter selects and reads the rows again, where the table is: a record
// changed. It reports whether the count could be read.
func (l *listScreen[T, D]) recount() bool {
	if !l.ready {
		return false // still being built
	}
	ctx := l.m.ctx()
	n, err := l.spec.Count(ctx)
	if err != nil {
		l.m.showError(err)
		return false
	}
	l.count.SetText(lang.L(l.spec.CountText, map[string]any{"Count": vn.FormatInt(int64(n))}))
	l.table.Reset(n)
	var list fyne.CanvasObject = l.table
	if n == 0 && l.empty != nil && !l.isOpen() {
		if total, err := l.spec.Total(ctx); err == nil && total == 0 {
			list = l.empty
		}
	}
	l.layout(list)
	return true
}

// layout shows the list alone, the list and the form beside it, or the page.
func (l *listScreen[T, D]) layout(list fyne.CanvasObject) {
	switch {
	case !l.isOpen():
		l.split = nil
		l.setObjects(l.center, list)
		l.setObjects(l.content, l.list)
	case l.spec.Page:
		l.setObjects(l.content, l.detail.view())
	default:
		if l.split == nil || l.split.Trailing != l.detail.view() {
			l.split = container.NewHSplit(list, l.detail.view())
			l.split.Offset = l.spec.SideShare
		}
		l.split.Leading = list
		l.split.Refresh()
		l.setObjects(l.center, l.split)
		l.setObjects(l.content, l.list)
	}
}

func (l *listScreen[T, D]) setObjects(c *fyne.Container, o fyne.CanvasObject) {
	if len(c.Objects) == 1 && c.Objects[0] == o {
		return
	}
	c.Objects = []fyne.CanvasObject{o}
	c.Refresh()
}

// open shows the form or page of row, asking first if the one open has unsaved changes.
func (l *listScreen[T, D]) open(row T) {
	l.leave(func() {
		d, err := l.spec.Open(row)
		if err != nil {
			l.m.showError(err)
			return
		}
		l.show(d)
	})
}

// show puts d on screen and the cursor in its first field; without one, the cursor leaves the
// search box, so that Esc closes d.
func (l *listScreen[T, D]) show(d D) {
	l.detail = d
	if !l.recount() {
		l.layout(l.table)
	}
	if f, ok := any(d).(interface{ focus() fyne.Focusable }); ok {
		l.m.Window.Canvas().Focus(f.focus())
	} else {
		l.m.Window.Canvas().Unfocus()
	}
}

// leave runs next once the open form or page may be dropped: at once when nothing is unsaved,
// once the clerk agrees otherwise.
func (l *listScreen[T, D]) leave(next func()) {
	if l.isOpen() && l.detail.unsaved() {
		l.m.confirmDiscard(func() {
			var none D
			l.detail = none
			next()
		})
		return
	}
	next()
}

// back closes the form or page, asking first if it has unsaved changes, and shows the list.
func (l *listScreen[T, D]) back() {
	if l.isOpen() {
		l.leave(l.closeDetail)
	}
}

// closeDetail closes the form or page without asking.
func (l *listScreen[T, D]) closeDetail() {
	var none D
	l.detail = none
	if !l.recount() {
		l.layout(l.table)
	}
}

// showAll closes the open form or page (asking first if it has unsaved changes), and clears the
// search and every filter that has an "all" choice, without reading the list again: the
// dashboard then chooses a figure's filters, which reads it.
func (l *listScreen[T, D]) showAll() {
	l.back()
	l.search.Text = ""
	l.search.Refresh()
	for _, f := range l.spec.Filters {
		switch f := f.(type) {
		case interface{ reset() }:
			f.reset()
		case *widgets.Picker:
			f.SetSelected("")
		}
	}
}

// exportPage is how many rows the Excel export reads from the store at once.
const exportPage = 5000

// excel is every row the search and filters select, in the table's order, with every column
// (also those hidden for lack of room) as the table writes it, as an Excel workbook named after
// the screen, as its "Xuất Excel" button saves it.
func (l *listScreen[T, D]) excel() document {
	sort, desc := l.table.SortOrder()
	columns := append(slices.Clone(l.spec.Columns), l.spec.ExcelColumns...)
	var titles []string
	for _, c := range columns {
		titles = append(titles, c.Title)
	}
	return l.m.listWorkbook(l.m.entries[l.m.current].title, l.filterLine(), titles, func(ctx context.Context) ([][]string, error) {
		var out [][]string
		for offset := 0; ; offset += exportPage {
			rows, err := l.spec.Fetch(ctx, offset, exportPage, sort, desc)
			if err != nil {
				return nil, err
			}
			for _, r := range rows {
				cells := make([]string, len(columns))
				for i, c := range columns {
					cells[i] = c.Text(r)
				}
				out = append(out, cells)
			}
			if len(rows) < exportPage {
				return out, nil
			}
		}
	})
}

// listWorkbook is a list as the window shows it, as its "Xuất Excel" button saves it: titled
// "Danh sách <what>" over the filter line, the file named after what; rows reads the rows when
// the workbook is written, off the UI goroutine.
func (m *Main) listWorkbook(what, filter string, columns []string, rows func(ctx context.Context) ([][]string, error)) document {
	sheet := reports.ListSheet{Title: strings.ToUpper(lang.L("List of {{.Screen}}", map[string]any{"Screen": what})),
		Filter: filter, Columns: columns}
	name := "danh-sach-" + strings.ReplaceAll(vn.Fold(what), " ", "-")
	return document{name: name + string(docs.XLSX), ext: string(docs.XLSX), write: func(ctx context.Context, w io.Writer) error {
		var err error
		if sheet.Rows, err = rows(ctx); err != nil {
			return err
		}
		return m.builder.ListXLSX(ctx, sheet, w)
	}}
}

// filterLine says what the search and filters select, as the lists the builder prints do:
// "Lọc theo: tìm “lan”; 2026; Đào tạo nghề", or "" when they select everything.
func (l *listScreen[T, D]) filterLine() string {
	var parts []string
	if t := strings.TrimSpace(l.search.Text); t != "" {
		parts = append(parts, lang.L("search “{{.Text}}”", map[string]any{"Text": t}))
	}
	for _, f := range l.spec.Filters {
		switch f := f.(type) {
		case interface{ chosen() string }:
			if t := f.chosen(); t != "" {
				parts = append(parts, t)
			}
		case *widgets.Picker:
			if f.Selected() != "" {
				parts = append(parts, f.Text)
			}
		case *widget.Select:
			if f.Selected != "" {
				parts = append(parts, f.Selected)
			}
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return lang.L("Filtered by: {{.Parts}}", map[string]any{"Parts": strings.Join(parts, "; ")})
}

// choice is a filter built from one of the domain's enumerations: "Tất cả …" first, then each
// value by its label.
type choice[E any] struct {
	*widget.Select
	values []E
	label  func(E) string
}

// newChoice returns a filter over values that calls changed when the clerk picks another.
func newChoice[E any](all string, values []E, label func(E) string, changed func()) *choice[E] {
	c := &choice[E]{Select: widget.NewSelect(nil, nil), label: label}
	c.setValues(all, values)
	c.OnChanged = func(string) { changed() }
	return c
}

// setValues changes what can be chosen, keeping the choice when it is still there.
func (c *choice[E]) setValues(all string, values []E) {
	c.values = values
	options := []string{all}
	for _, v := range values {
		options = append(options, c.label(v))
	}
	c.Options = options
	if !slices.Contains(options, c.Selected) {
		c.Selected = all
	}
	c.Refresh()
}

// value returns the value chosen, nil for all.
func (c *choice[E]) value() *E {
	i := c.SelectedIndex()
	if i <= 0 || i > len(c.values) {
		return nil
	}
	v := c.values[i-1]
	return &v
}

// chosen is the label of the value chosen, "" for all.
func (c *choice[E]) chosen() string {
	if c.value() == nil {
		return ""
	}
	return c.Selected
}

// reset chooses all again without calling changed.
func (c *choice[E]) reset() {
	c.Selected = c.Options[0]
	c.Refresh()
}

// choose chooses v, as the clerk would, so that the list reloads.
func (c *choice[E]) choose(v E) { c.SetSelected(c.label(v)) }

// firstYear is the first year the year filters offer: the register starts then.
const firstYear = 2015

// newYearChoice is the filter by year: all years, then next year back to firstYear.
func newYearChoice(now func() vn.Date, changed func()) *choice[int] {
	var years []int
	for y := now().Year + 1; y >= firstYear; y-- {
		years = append(years, y)
	}
	return newChoice(lang.L("All years"), years, strconv.Itoa, changed)
}
