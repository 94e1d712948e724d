package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/ui/realwindow"
)

// The import wizard's keyboard under a real window: the cursor on each step's main button, Tab
// through the step, Enter from step to step and to the import, Esc closing.

// Environment of the import scene: the workbook it opens, and (for screenshots) whether it goes
// on to the preview by itself: "all" rows, "problems" only with the first selected, or on to
// the "result".
const (
	importSceneFile = "KC_IMPORT_SCENE_FILE"
	importSceneAuto = "KC_IMPORT_SCENE_AUTO"
)

func init() { realWindowScenes["import"] = importScene }

// importScene opens the enterprise import on the scene's workbook and reports the step, the
// button or field the cursor is on, and the wizard's message.
func importScene(m *Main) func() string {
	m.Services.Imports = m.Services.Enterprises.(data.ImportService)
	w := m.openImport(data.ImportEnterprises, 0, "", nil)
	w.openFile(os.Getenv(importSceneFile))
	auto := os.Getenv(importSceneAuto)
	return func() string {
		if !w.open {
			return "closed"
		}
		if auto != "" {
			autoPreview(w, auto)
		}
		focus := "none"
		switch f := m.Window.Canvas().Focused().(type) {
		case *escButton:
			focus = f.Text
		case *escSelect:
			focus = "drop-down"
		case nil:
		default:
			focus = fmt.Sprintf("%T", f)
		}
		return "step " + w.step + "\nfocus " + focus + "\nmessage " + w.message.Text
	}
}

// autoPreview takes the wizard on to the preview, for a screenshot; with filter "problems" it
// shows only the rows with problems and selects the first, with "result" it imports.
func autoPreview(w *importWizard, filter string) {
	switch {
	case w.step == stepMapping:
		w.step = "checking"
		w.check()
	case w.step == stepPreview && filter == "result":
		w.step = "importing"
		w.preview.run()
	case w.step == stepPreview && filter == "problems" && w.preview.selected == nil:
		w.preview.filter.SetSelectedIndex(showProblems)
		w.preview.table.Select(widget.TableCellID{Row: 0})
	}
}

// importWorkbook writes a list of enterprises as a clerk keeps one in Excel: a merged title over
// the table, the header on line 4, n rows of which row 7 has an invalid tax code, row 9 no name,
// row 11 the tax code of row 5 again and row 12 a phone number too short; row 6 has the tax code
// taxCode (one the register holds, or "" for a new one).
func importWorkbook(t testing.TB, path string, n int, taxCode string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sh := f.GetSheetName(0)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "DANH SÁCH DOANH NGHIỆP, CƠ SỞ CÔNG NGHIỆP NÔNG THÔN NĂM 2024")
	if err := f.MergeCell(sh, "A1", "I1"); err != nil {
		t.Fatal(err)
	}
	set("A2", "(Kèm theo Báo cáo số 125/BC-KC ngày 15/01/2025)")
	header := []string{"STT", "Tên doanh nghiệp/cơ sở", "Mã số thuế", "Người đại diện", "Điện thoại", "Địa chỉ", "Ngành nghề", "Số lao động", "Ghi chú"}
	if err := f.SetSheetRow(sh, "A4", &header); err != nil {
		t.Fatal(err)
	}
	trades := []string{"Mây tre đan", "Gốm sứ", "Sơn mài", "Dệt lụa", "Đúc đồng"}
	given := []string{"An", "Bình", "Cường", "Dung", "Hoa", "Lan", "Minh", "Nga", "Phúc", "Quang"}
	codes := []string{"0100109113", "0100109120", "0100109138", "0100109145", "0100109152"}
	for i := range n {
		line := 5 + i
		code := ""
		if i < len(codes) {
			code = codes[i]
		}
		phone := fmt.Sprintf("09123456%02d", i%100)
		name := fmt.Sprintf("Cơ sở %s %s số %d", trades[i%len(trades)], []string{"Phú Vinh", "Bát Tràng", "Hạ Thái", "Vạn Phúc", "Ngũ Xã"}[i%5], i+1)
		switch line {
		case 6:
			code = taxCode
		case 7:
			code = "0100109199"
		case 9:
			name = ""
		case 11:
			code = codes[0]
		case 12:
			phone = "12345"
		}
		row := []any{i + 1, name, code, "Nguyễn Văn " + given[i%len(given)], phone, "Thôn " + fmt.Sprint(i%7+1), trades[i%len(trades)], 5 + i%40, ""}
		if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", line), &row); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestImportWizardRealWindow(t *testing.T) {
	_, db := newTestMain(t)
	old := storedEnterprise(t, db)
	path, err := db.BackupTo(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(t.TempDir(), "doanh-nghiep.xlsx")
	importWorkbook(t, book, 12, old.TaxCode)
	w := realwindow.Start(t, "import", realWindowTitle, sceneDBEnv+"="+path, importSceneFile+"="+book)
	// The file is read and its columns mapped; the cursor waits on "Xem trước".
	w.Expect("step mapping")
	w.Expect("focus Xem trước")
	// Tab goes round to the first column's drop-down, Shift+Tab comes back; Enter shows the
	// preview.
	w.Key("Tab")
	w.Expect("focus drop-down")
	w.Key("shift+Tab")
	w.Expect("focus Xem trước")
	w.Key("Return")
	w.Expect("step preview")
	// 12 rows: 4 with problems, the one already in the register skipped: 7 to import.
	w.Expect("focus Nhập 7 dòng")
	w.Key("Return")
	w.Expect("step result")
	w.Expect("focus Lưu danh sách dòng bị từ chối…")
	eventually(t, path, func(db *store.DB) string {
		if n, err := db.CountEnterprises(context.Background(), data.EnterpriseFilter{}); err != nil || n != 8 {
			return fmt.Sprintf("%d enterprises stored (%v), want 8", n, err)
		}
		return ""
	})
	// Esc closes the wizard.
	w.Key("Escape")
	w.Expect("closed")
}
