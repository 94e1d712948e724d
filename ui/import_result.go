package ui

import (
	"context"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// showResult is the last step: what the import added, updated and left out, each row left out
// with its reason, and the refused rows to save as a workbook for correcting and importing again.
func (w *importWizard) showResult(res *data.ImportResult) {
	w.result = res
	if w.imported != nil && res.Added+res.Updated+res.Enrolled > 0 {
		w.imported()
	}
	left := leftOut(res)
	summary := widget.NewLabelWithStyle(resultText(res), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	summary.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel("")
	detail.Wrapping = fyne.TextWrapWord
	var content fyne.CanvasObject = summary
	if len(left) > 0 {
		table := importTable([]importColumn{{lang.L("Row"), 60}, {lang.L("Reason it was left out"), 1000}},
			func() int { return len(left) },
			func(row, col int) string {
				if col == 0 {
					return strconv.Itoa(left[row].Row.Line)
				}
				return left[row].Reason
			},
			func(row int) {
				detail.SetText(lang.L("Row {{.Line}}: {{.Record}}", map[string]any{"Line": left[row].Row.Line, "Record": left[row].Reason}))
			})
		content = container.NewBorder(summary, detail, nil, nil, table)
	}
	if len(left) == 0 {
		w.show(stepResult, content, w.button(lang.L("Done"), theme.ConfirmIcon(), w.close))
		return
	}
	w.show(stepResult, content,
		w.button(lang.L("Save the rows left out…"), theme.DocumentSaveIcon(), func() { w.m.save(w.leftOut()) }))
}

// resultText says what an import did, in one sentence.
func resultText(res *data.ImportResult) string {
	n := func(i int) string { return vn.FormatInt(int64(i)) }
	text := lang.L("Imported: {{.Added}} added, {{.Updated}} updated; {{.Skipped}} skipped; {{.Refused}} refused for their problems.",
		map[string]any{"Added": n(res.Added), "Updated": n(res.Updated), "Skipped": n(len(res.Skipped)), "Refused": n(len(res.Refused))})
	if res.Enrolled > 0 {
		text += " " + lang.L("{{.Count}} put in the class.", map[string]any{"Count": n(res.Enrolled)})
	}
	return text
}

// leftOut lists the rows an import left out, the refused and then the skipped.
func leftOut(res *data.ImportResult) []data.ImportSkipped {
	return append(append([]data.ImportSkipped(nil), res.Refused...), res.Skipped...)
}

// leftOut is the rows the import left out as a workbook: the file's header and each row as it
// was, with a column of the reason, so that the clerk corrects them and imports that file again.
func (w *importWizard) leftOut() document {
	left := leftOut(w.result)
	header := append(append([]string(nil), w.preview.p.Header...), lang.L("Reason it was left out"))
	return document{name: "dong-bi-tu-choi.xlsx", ext: ".xlsx", write: func(ctx context.Context, out io.Writer) error {
		rows := make([][]string, len(left))
		for i, s := range left {
			cells := make([]string, len(header)-1)
			copy(cells, s.Row.Cells)
			rows[i] = append(cells, s.Reason)
		}
		return w.m.builder.ListXLSX(ctx, reports.ListSheet{Title: "DÒNG BỊ TỪ CHỐI", Columns: header, Rows: rows}, out)
	}}
}

// saveTemplate saves the blank template of the kind: the headers the importer knows and one
// example row.
func (w *importWizard) saveTemplate() {
	fields := data.ImportFields(w.kind)
	var header, example []string
	for _, f := range fields {
		header, example = append(header, f.Label), append(example, f.Example)
	}
	w.m.save(document{name: "mau-nhap.xlsx", ext: ".xlsx", write: func(ctx context.Context, out io.Writer) error {
		return w.m.builder.ListXLSX(ctx, reports.ListSheet{Title: "MẪU", Columns: header, Rows: [][]string{example}}, out)
	}})
}
