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
		table := w.rowsTable([]importColumn{{lang.L("Row"), 60}, {lang.L("Reason it was left out"), 1000}},
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

// leftOut lists the rows an import left out, refused or skipped, in sheet order.
func leftOut(res *data.ImportResult) []data.ImportSkipped {
	out := append(slices.Clone(res.Refused), res.Skipped...)
	slices.SortFunc(out, func(a, b data.ImportSkipped) int { return a.Row.Line - b.Row.Line })
	return out
}

// leftOut is the rows the import left out as a workbook: each row as the file had it under its
// header, with a column of the reason, so that the clerk corrects them and imports that file again.
func (w *importWizard) leftOut() document {
	p, res := w.preview.p, w.result
	return w.workbook("dong-bi-tu-choi", func(out io.Writer, org data.Organisation, today vn.Date) error {
		return reports.WriteImportRefusedXLSX(out, reports.ImportRefusedDoc{Org: org, Date: today, Preview: p, Result: res})
	})
}

// template is the blank template of the kind ("Tải mẫu"): the columns the importer knows and
// one example row.
func (w *importWizard) template() document {
	kind := w.kind
	return w.workbook("mau-nhap", func(out io.Writer, org data.Organisation, today vn.Date) error {
		return reports.WriteImportTemplate(out, org, kind, today)
	})
}

// workbook is a workbook of the import named after what and the kind, which write writes under
// the centre's header block, dated today.
func (w *importWizard) workbook(what string, write func(out io.Writer, org data.Organisation, today vn.Date) error) document {
	settings, today := w.m.Services.Settings, w.m.today()
	name := what + "-" + strings.ReplaceAll(vn.Fold(w.kind.Label()), " ", "-") + ".xlsx"
	return document{name: name, ext: ".xlsx", write: func(ctx context.Context, out io.Writer) error {
		org, err := settings.Organisation(ctx)
		if err != nil {
			return err
		}
		return write(out, org, today)
	}}
}
