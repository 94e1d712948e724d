package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// The filters of the preview, in the order the drop-down offers them.
const (
	showAllRows = iota
	showProblems
	showMatches
)

// previewStep is the third step: every row with what the import will do with it and why, the
// filter "only rows with problems", the choice for every row already in the register and for the
// row selected, and "Nhập".
type previewStep struct {
	w *importWizard
	p *data.ImportPreview
	// shown are the rows the filter selects, in sheet order.
	shown    []*data.ImportRow
	selected *data.ImportRow

	summary   *widget.Label
	filter    *escSelect
	all       *escSelect
	allDone   *widget.Label
	table     *escTable
	detail    *widget.Label
	rowAction *escSelect
	importBtn *escButton
}

// showPreview shows the rows of p as converted and checked.
func (w *importWizard) showPreview(p *data.ImportPreview) {
	s := &previewStep{w: w, p: p}
	w.preview = s
	s.summary = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.summary.Wrapping = fyne.TextWrapWord
	s.filter = newEscSelect([]string{lang.L("All rows"), lang.L("Only rows with problems"), lang.L("Only rows already in the register")}, w.close)
	s.filter.SetSelectedIndex(showAllRows)
	s.filter.OnChanged = func(string) { s.refilter() }
	s.allDone = widget.NewLabel("")
	s.table = w.rowsTable([]importColumn{
		{lang.L("Row"), 60}, {lang.L("What happens"), 170}, {lang.L("Record"), 290}, {lang.L("Tax code / CCCD"), 130}, {lang.L("Problems, or the record it matches"), 600},
	}, func() int { return len(s.shown) }, s.cell, s.selectRow)
	s.detail = widget.NewLabel(lang.L("Select a row to see all its problems."))
	s.detail.Wrapping = fyne.TextWrapWord
	s.rowAction = newEscSelect(nil, w.close)
	s.rowAction.OnChanged = func(string) { s.chooseForRow() }
	s.rowAction.Hide()

	filters := container.NewHBox(widget.NewLabel(lang.L("Show")), fitSelect(s.filter))
	if choices := matchChoices(p); len(choices) > 0 {
		s.all = newEscSelect(actionLabels(choices), w.close)
		s.all.PlaceHolder = lang.L("Choose…")
		s.all.OnChanged = func(string) { s.chooseForAll(choices[s.all.SelectedIndex()]) }
		filters.Add(widget.NewSeparator())
		filters.Add(widget.NewLabel(lang.L("Every row already in the register:")))
		filters.Add(fitSelect(s.all))
		filters.Add(s.allDone)
	}
	top := container.NewVBox(s.summary, filters)
	bottom := container.NewVBox(widget.NewSeparator(), s.detail, container.NewHBox(s.rowAction))
	s.importBtn = w.button("", theme.UploadIcon(), s.run)
	s.refilter()
	w.show(stepPreview, container.NewBorder(top, bottom, nil, nil, s.table),
		w.button(lang.L("Back"), theme.NavigateBackIcon(), w.showMapping), s.importBtn)
}

// fitSelect lays out a drop-down as wide as its longest choice, which a row of widgets would
// otherwise cut to a few letters.
func fitSelect(s *escSelect) fyne.CanvasObject {
	width := float32(0)
	for _, o := range append([]string{s.PlaceHolder}, s.Options...) {
		width = max(width, fyne.MeasureText(o, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	return container.NewGridWrap(fyne.NewSize(width+4*theme.Padding()+theme.IconInlineSize()+8, s.MinSize().Height), s)
}

// importColumn is a column of the wizard's tables: its title and width.
type importColumn struct {
	title string
	width float32
}

// escTable is a table of the wizard: the arrows move in it, Esc closes the wizard as from its
// buttons and drop-downs.
type escTable struct {
	widget.Table
	onEscape func()
}

// TypedKey closes the wizard on Esc; every other key is the table's.
func (t *escTable) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		t.onEscape()
		return
	}
	t.Table.TypedKey(k)
}

// rowsTable is a table of the wizard: a header row of cols, rows(n) rows whose cells text gives, and
// selected told of the row the clerk selects. A cell too narrow for its text ends in "…"; the
// step shows the selected row in full.
func (w *importWizard) rowsTable(cols []importColumn, rows func() int, text func(row, col int) string, selected func(row int)) *escTable {
	t := &escTable{onEscape: w.close}
	t.Length = func() (int, int) { return rows(), len(cols) }
	t.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(text(id.Row, id.Col)) }
	t.ExtendBaseWidget(t)
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	t.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < rows() {
			selected(id.Row)
		}
	}
	return t
}

// cell is the text of a row's column in the preview.
func (s *previewStep) cell(row, col int) string {
	r := s.shown[row]
	switch col {
	case 0:
		return strconv.Itoa(r.Line)
	case 1:
		return rowFate(r)
	case 2:
		name, _ := rowRecord(r)
		return name
	case 3:
		_, key := rowRecord(r)
		return key
	}
	return rowNote(r)
}

// rowFate says what the import does with a row: refuses it, or its action.
func rowFate(r *data.ImportRow) string {
	if !r.OK() {
		return lang.L("Refused")
	}
	return r.Action.Label()
}

// rowNote is a row's problems, or the record it matches.
func rowNote(r *data.ImportRow) string {
	switch {
	case !r.OK():
		return strings.Join(r.Problems, "; ")
	case r.Match != nil:
		return r.Match.Reason
	}
	return ""
}

// rowRecord names the record a row becomes and its key (tax code or CCCD), as the clerk knows it.
func rowRecord(r *data.ImportRow) (name, key string) {
	switch {
	case r.Enterprise != nil:
		return r.Enterprise.Name, r.Enterprise.TaxCode
	case r.Trainee != nil:
		name = r.Trainee.Name.Full()
		if !r.Trainee.BirthDate.IsZero() {
			name += " (" + r.Trainee.BirthDate.String() + ")"
		}
		return name, r.Trainee.CCCD
	case r.Village != nil:
		return r.Village.Name, ""
	}
	return r.BookingName, r.BookingTaxCode
}

// refilter selects the rows the filter asks for, says what the import will do, and clears the
// row selected.
func (s *previewStep) refilter() {
	s.shown = s.shown[:0]
	for _, r := range s.p.Rows {
		switch s.filter.SelectedIndex() {
		case showProblems:
			if r.OK() {
				continue
			}
		case showMatches:
			if r.Match == nil {
				continue
			}
		}
		s.shown = append(s.shown, r)
	}
	s.table.UnselectAll()
	s.table.ScrollToTop()
	s.table.Refresh()
	s.selected = nil
	s.detail.SetText(lang.L("Select a row to see all its problems."))
	s.rowAction.Hide()
	s.count()
}

// count says how many rows the import writes and refuses, on the summary and on "Nhập".
func (s *previewStep) count() {
	ok, problems, matches := s.p.Counts()
	written := 0
	for _, r := range s.p.Rows {
		if r.OK() && r.Action != data.ImportSkip {
			written++
		}
	}
	s.summary.SetText(lang.L("{{.Rows}} rows: {{.OK}} can be imported, {{.Matches}} of them already in the register; {{.Problems}} with problems will not be imported. Nothing is written until you press “Import”.",
		map[string]any{"Rows": vn.FormatInt(int64(len(s.p.Rows))), "OK": vn.FormatInt(int64(ok)),
			"Matches": vn.FormatInt(int64(matches)), "Problems": vn.FormatInt(int64(problems))}))
	s.importBtn.SetText(lang.L("Import {{.Count}} rows", map[string]any{"Count": vn.FormatInt(int64(written))}))
	if written == 0 {
		s.importBtn.Disable()
	} else {
		s.importBtn.Enable()
	}
}

// selectRow shows the row at i of those shown in full, and its choices when it has several.
func (s *previewStep) selectRow(i int) {
	r := s.shown[i]
	s.selected = r
	name, key := rowRecord(r)
	lines := []string{lang.L("Row {{.Line}}: {{.Record}}", map[string]any{"Line": r.Line, "Record": strings.TrimSpace(name + " " + key)})}
	for _, p := range r.Problems {
		lines = append(lines, "• "+p)
	}
	if r.Match != nil {
		lines = append(lines, "• "+r.Match.Reason)
	}
	s.detail.SetText(strings.Join(lines, "\n"))
	choices := r.Choices()
	if len(choices) < 2 {
		s.rowAction.Hide()
		return
	}
	s.rowAction.Options = actionLabels(choices)
	s.rowAction.OnChanged = nil // showing the row's action is not choosing one
	s.rowAction.SetSelected(r.Action.Label())
	s.rowAction.OnChanged = func(string) { s.chooseForRow() }
	s.rowAction.Show()
}

// chooseForRow gives the row selected the action chosen for it.
func (s *previewStep) chooseForRow() {
	r := s.selected
	if r == nil {
		return
	}
	if choices := r.Choices(); s.rowAction.SelectedIndex() >= 0 {
		r.SetAction(choices[s.rowAction.SelectedIndex()])
	}
	s.table.Refresh()
	s.count()
}

// chooseForAll gives every row already in the register action a, where the row allows it.
func (s *previewStep) chooseForAll(a data.ImportAction) {
	n := s.p.SetAll(a)
	s.allDone.SetText(lang.L("({{.Count}} rows)", map[string]any{"Count": vn.FormatInt(int64(n))}))
	if s.selected != nil {
		s.rowAction.OnChanged = nil
		s.rowAction.SetSelected(s.selected.Action.Label())
		s.rowAction.OnChanged = func(string) { s.chooseForRow() }
	}
	s.table.Refresh()
	s.count()
}

// matchChoices lists the actions rows already in the register can take, in the order the rows
// first offer them.
func matchChoices(p *data.ImportPreview) []data.ImportAction {
	var out []data.ImportAction
	seen := map[data.ImportAction]bool{}
	for _, r := range p.Rows {
		if r.Match == nil || !r.OK() {
			continue
		}
		for _, a := range r.Choices() {
			if !seen[a] {
				seen[a] = true
				out = append(out, a)
			}
		}
	}
	return out
}

// actionLabels are the labels of actions, as the drop-downs offer them.
func actionLabels(actions []data.ImportAction) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = a.Label()
	}
	return out
}

// run writes the rows as the preview says, behind a progress bar with Cancel: everything or, on
// a failure or Cancel, nothing. The result follows.
func (s *previewStep) run() {
	w, p := s.w, s.p
	var res *data.ImportResult
	svc := w.m.Services.Imports
	w.runProgress(lang.L("Importing"), func(ctx context.Context, progress func(done, total int)) error {
		var err error
		res, err = svc.Import(ctx, p, data.ImportProgress(progress))
		return err
	}, func() { w.showResult(res) })
}
