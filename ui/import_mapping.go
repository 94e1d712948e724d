package ui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/importer"
	"khuyencong/data/vn"
)

// mappingSamples is how many values of a column the mapping shows as its example.
const mappingSamples = 3

// showMapping is the second step: each column of the file with a few of its values and the field
// it feeds, as proposed (or as chosen before for the same header), which the clerk may change.
func (w *importWizard) showMapping() {
	fields := data.ImportFields(w.kind)
	options := []string{lang.L("— Do not import —")}
	for _, f := range fields {
		options = append(options, fieldOption(f))
	}
	intro := lang.L("Header on row {{.Line}} of sheet “{{.Sheet}}”, {{.Rows}} rows under it. Choose the field each column feeds; fields marked * are required.",
		map[string]any{"Line": w.table.HeaderLine, "Sheet": w.sheet, "Rows": vn.FormatInt(int64(len(w.table.Rows)))})
	if w.remembered {
		intro += " " + lang.L("The columns are matched as you chose for the last file with these headers.")
	}
	head := widget.NewLabel(intro)
	head.Wrapping = fyne.TextWrapWord
	bold := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	list := container.NewVBox(container.NewGridWithColumns(3, bold(lang.L("Column of the file")), bold(lang.L("Imported into")), bold(lang.L("Examples in the file"))))
	w.fields = make([]*escSelect, len(w.table.Header))
	for i, h := range w.table.Header {
		sel := newEscSelect(options, w.close)
		sel.SetSelectedIndex(fieldIndex(fields, w.mapping[i]) + 1)
		sel.OnChanged = func(string) { w.mapColumn(i, sel.SelectedIndex()) }
		w.fields[i] = sel
		name := widget.NewLabel(columnName(i) + " · " + headerText(h))
		name.Truncation = fyne.TextTruncateEllipsis
		samples := widget.NewLabel(strings.Join(columnSamples(w.table.Rows, i), "; "))
		samples.Truncation = fyne.TextTruncateEllipsis
		samples.Importance = widget.LowImportance
		list.Add(container.NewGridWithColumns(3, name, sel, samples))
	}
	w.show(stepMapping, container.NewBorder(head, nil, nil, nil, container.NewVScroll(list)),
		w.button(lang.L("Back"), theme.NavigateBackIcon(), w.showFile),
		w.button(lang.L("Preview"), theme.NavigateNextIcon(), w.check))
}

// fieldOption is how the mapping offers a field: its label, with * when it is required.
func fieldOption(f data.ImportField) string {
	if f.Required {
		return f.Label + " *"
	}
	return f.Label
}

// fieldIndex is the place of the field with key among fields, -1 for none.
func fieldIndex(fields []data.ImportField, key string) int {
	for i, f := range fields {
		if key != "" && f.Key == key {
			return i
		}
	}
	return -1
}

// mapColumn makes column i feed the field at option (0 for none). A field feeds one column
// only: the column that fed it before feeds nothing now.
func (w *importWizard) mapColumn(i, option int) {
	fields := data.ImportFields(w.kind)
	key := ""
	if option > 0 {
		key = fields[option-1].Key
	}
	w.mapping[i] = key
	for j, k := range w.mapping {
		if j != i && key != "" && k == key {
			w.mapping[j] = ""
			w.fields[j].SetSelectedIndex(0)
		}
	}
}

// columnName is the letter Excel names column i (0-based) with: A … Z, AA …
func columnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// headerText is a column's header as the mapping shows it; a column without one says so.
func headerText(h string) string {
	if strings.TrimSpace(h) == "" {
		return lang.L("(no header)")
	}
	return h
}

// columnSamples returns the first few distinct values of column i among rows.
func columnSamples(rows [][]string, i int) []string {
	var out []string
	for _, r := range rows {
		if i < len(r) && r[i] != "" && !slices.Contains(out, r[i]) {
			if out = append(out, r[i]); len(out) == mappingSamples {
				break
			}
		}
	}
	return out
}

// check converts and checks every row with the mapping chosen, off the window's goroutine,
// remembers the mapping for the next file with the same header, and shows the preview.
func (w *importWizard) check() {
	var p *data.ImportPreview
	m, kind, t, mapping := w.m, w.kind, w.table, append([]string(nil), w.mapping...)
	file, sheet, target := w.file.Name, w.sheet, w.target
	w.runTask(lang.L("Checking the rows"), func(ctx context.Context) error {
		wards, err := m.Services.Divisions.Wards(ctx)
		if err != nil {
			return err
		}
		districts, err := m.Services.Divisions.Districts(ctx)
		if err != nil {
			return err
		}
		if p, err = importer.Convert(kind, t, mapping, importer.Options{Wards: wards, Districts: districts, Today: m.today()}); err != nil {
			return err
		}
		p.File, p.Sheet, p.TargetID = file, sheet, target
		if err := m.Services.Imports.CheckImport(ctx, p); err != nil {
			return err
		}
		return m.Services.Imports.SaveImportMapping(ctx, kind, importer.Signature(t.Header), mapping)
	}, func() { w.showPreview(p) })
}
