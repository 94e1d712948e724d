package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/importer"
)

// The steps of the import wizard, as its tests and scenes see them.
const (
	stepFile    = "file"
	stepMapping = "mapping"
	stepPreview = "preview"
	stepResult  = "result"
)

// importWizard is "Nhập từ Excel", one dialog for every kind of import: the file and its sheet,
// which column feeds which field, the preview of every row with its problems and what to do with
// rows already in the register, the import behind a progress bar with Cancel, and the result with
// the refused rows to save for correcting. Enter takes the highlighted button, Esc closes.
type importWizard struct {
	m      *Main
	kind   data.ImportKind
	target int64 // the class or fair the rows go into, 0 for a register
	// imported is called once an import has written rows, so that the screen reads them.
	imported func()

	dialog  *dialog.CustomDialog
	body    *fyne.Container
	message *widget.Label
	step    string
	open    bool
	// first is what the cursor goes to when a step shows: its main button.
	first fyne.Focusable

	file    *importer.File
	sheet   string
	table   *importer.Table
	mapping []string
	// remembered says the mapping was the one chosen before for the same header.
	remembered bool
	fields     []*escSelect
	preview    *previewStep
	result     *data.ImportResult
}

// openImport opens the import wizard of kind into target (a class or fair, 0 for a register),
// whose code or name is what ("" for a register); imported runs after an import wrote rows.
func (m *Main) openImport(kind data.ImportKind, target int64, what string, imported func()) *importWizard {
	w := &importWizard{m: m, kind: kind, target: target, imported: imported, message: messageLabel()}
	title := lang.L("Import from Excel") + " — " + kind.Label()
	if what != "" {
		title += " " + what
	}
	w.body = container.NewStack()
	w.dialog = dialog.NewCustomWithoutButtons(title, container.NewBorder(w.message, nil, nil, nil, w.body), m.Window)
	w.dialog.SetOnClosed(func() { w.open = false })
	w.showFile()
	size := m.Window.Canvas().Size()
	w.dialog.Resize(fyne.NewSize(max(size.Width-60, 760), max(size.Height-60, 520)))
	w.open = true
	w.dialog.Show()
	w.focus()
	return w
}

// importButton is "Nhập từ Excel" of a screen: it opens the wizard of kind into target, named
// by what (nil for a register; see openImport). A window without the import service (some
// tests) hides it.
func (m *Main) importButton(kind data.ImportKind, target int64, what func() string, imported func()) *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("Import from Excel"), theme.UploadIcon(), func() {
		name := ""
		if what != nil {
			name = what()
		}
		m.openImport(kind, target, name, imported)
	})
	if m.Services.Imports == nil {
		b.Hide()
	}
	return b
}

// close closes the wizard.
func (w *importWizard) close() { w.dialog.Hide() }

// show puts a step's content and buttons in the dialog, the last button being the main one.
func (w *importWizard) show(step string, content fyne.CanvasObject, buttons ...*escButton) {
	w.body.Objects = []fyne.CanvasObject{content}
	w.body.Refresh()
	objs := []fyne.CanvasObject{w.button(lang.L("Close")+" (Esc)", theme.CancelIcon(), w.close)}
	for _, b := range buttons {
		objs = append(objs, b)
	}
	main := buttons[len(buttons)-1]
	main.Importance = widget.HighImportance
	w.first = main
	w.dialog.SetButtons(objs)
	w.focus()
	w.step = step
}

// focus puts the cursor on the step's main button, so that Enter goes on and Esc closes.
func (w *importWizard) focus() {
	if w.open && w.first != nil {
		w.m.Window.Canvas().Focus(w.first)
	}
}

// refuse shows why a step cannot go on, in the store's or the importer's words; nil hides it.
func (w *importWizard) refuse(err error) { w.m.showRefusal(w.message, err) }

// showFile is the first step: choose the file (and, for a workbook of several, its sheet), or
// save the template of the kind.
func (w *importWizard) showFile() {
	help := widget.NewLabel(lang.L("Choose an Excel workbook (.xlsx) or a CSV file whose first rows hold the column headers. The program finds the header row, proposes which column feeds which field, and shows every row with its problems before anything is written. An old .xls workbook: open it in Excel or LibreOffice and save it as .xlsx."))
	help.Wrapping = fyne.TextWrapWord
	fields := data.ImportFields(w.kind)
	var labels []string
	for _, f := range fields {
		labels = append(labels, f.Label)
	}
	cols := widget.NewLabel(lang.L("Columns it can read: {{.Columns}}.", map[string]any{"Columns": strings.Join(labels, ", ")}))
	cols.Wrapping = fyne.TextWrapWord
	template := w.button(lang.L("Download template"), theme.DownloadIcon(), func() { w.m.save(w.template()) })
	content := container.NewVBox(help, cols, container.NewHBox(template))
	if w.file != nil && len(w.file.Sheets) > 1 {
		sheet := newEscSelect(w.file.Sheets, w.close)
		sheet.SetSelected(w.sheet)
		sheet.OnChanged = func(s string) { w.sheet = s }
		content.Add(widget.NewForm(widget.NewFormItem(lang.L("Sheet of {{.File}}", map[string]any{"File": w.file.Name}), sheet)))
		w.show(stepFile, container.NewVScroll(content),
			w.button(lang.L("Choose file…"), theme.FolderOpenIcon(), w.chooseFile),
			w.button(lang.L("Next"), theme.NavigateNextIcon(), func() { w.readSheet(w.sheet) }))
		return
	}
	w.show(stepFile, container.NewVScroll(content), w.button(lang.L("Choose file…"), theme.FolderOpenIcon(), w.chooseFile))
}

// chooseFile asks for the file in the folder documents are saved in, then reads it.
func (w *importWizard) chooseFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		w.openFile(filepath.FromSlash(r.URI().Path()))
	}, w.m.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".xlsm", ".xls", ".csv", ".txt"}))
	if dir := w.m.documentsDir(); dir != nil {
		d.SetLocation(dir)
	}
	d.Resize(w.m.Window.Canvas().Size())
	d.Show()
}

// openFile reads the file at path off the window's goroutine: a workbook of one sheet goes on
// to the mapping, one of several asks which sheet.
func (w *importWizard) openFile(path string) {
	var f *importer.File
	w.runTask(lang.L("Reading the file"), func(ctx context.Context) error {
		r, err := os.Open(path)
		if err != nil {
			return data.Errorf(data.EINVALID, "Không mở được tệp %s: %v.", filepath.Base(path), err)
		}
		defer r.Close()
		f, err = importer.Open(path, r)
		return err
	}, func() {
		w.file, w.sheet = f, f.Sheets[0]
		if len(f.Sheets) == 1 {
			w.readSheet(w.sheet)
			return
		}
		w.showFile()
	})
}

// runTask is runProgress for work that cannot say how far it is.
func (w *importWizard) runTask(title string, work func(ctx context.Context) error, done func()) {
	w.runProgress(title, func(ctx context.Context, _ func(done, total int)) error { return work(ctx) }, done)
}

// runProgress is the window's runProgress with a refusal (a file that is not a spreadsheet, a
// sheet with no header, a row the store refuses) shown on the wizard, where the clerk chooses
// again, rather than over it, and Cancel said there too; done runs only when the work succeeded.
func (w *importWizard) runProgress(title string, work func(ctx context.Context, progress func(done, total int)) error, done func()) {
	var refusal error
	w.refuse(nil)
	w.m.runProgress(title, func(ctx context.Context, progress func(done, total int)) error {
		err := work(ctx, progress)
		switch {
		case ctx.Err() != nil:
			fyne.Do(func() {
				w.refuse(data.Errorf(data.EINVALID, "Đã hủy. Không có gì được ghi vào sổ."))
			})
		case err != nil && data.ErrorCode(err) != data.EINTERNAL:
			refusal = err
			return nil
		}
		return err
	}, func() {
		w.refuse(refusal)
		if refusal == nil {
			done()
		}
	})
}

// readSheet finds the table of the sheet and the mapping of its columns: the one chosen before
// for the same header, or the one proposed by the columns' names.
func (w *importWizard) readSheet(sheet string) {
	var t *importer.Table
	var mapping []string
	svc, kind, f := w.m.Services.Imports, w.kind, w.file
	w.runTask(lang.L("Reading the file"), func(ctx context.Context) error {
		rows, err := f.Rows(sheet)
		if err != nil {
			return err
		}
		if t, err = importer.Locate(kind, rows); err != nil {
			return err
		}
		mapping, err = svc.ImportMapping(ctx, kind, importer.Signature(t.Header))
		return err
	}, func() {
		w.sheet, w.table = sheet, t
		w.remembered = len(mapping) == len(t.Header)
		if !w.remembered {
			mapping = importer.Propose(kind, t.Header)
		}
		w.mapping = mapping
		w.showMapping()
	})
}

// button returns a button of the wizard with label and icon that calls tapped; Esc on it closes
// the wizard.
func (w *importWizard) button(label string, icon fyne.Resource, tapped func()) *escButton {
	return newEscButton(label, icon, tapped, w.close)
}
