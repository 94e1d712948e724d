package ui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/store"
)

// importMain is the window with the import service, built again so that the screens show their
// "Nhập từ Excel", on the enterprise screen.
func importMain(t *testing.T) (*Main, *store.DB) {
	t.Helper()
	m, db := newTestMain(t)
	m.Services.Imports = db
	m.screens, m.current = make([]Screen, len(m.entries)), -1
	m.Show(0)
	return m, db
}

// sheetFile writes content to a file named name in a new folder and returns its path.
func sheetFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// enterpriseCSV is a list as a clerk keeps it: a title over the table, the header on line 4, a
// row new to the register (5), one already in it (6), an invalid tax code (7), the tax code of
// row 5 again (8) and a row without a name (9).
const enterpriseCSV = `DANH SÁCH DOANH NGHIỆP NĂM 2024
Phòng Quản lý khuyến công

STT,Tên doanh nghiệp,Mã số thuế,Người đại diện,Điện thoại,Số lao động
1,Công ty TNHH Gốm Minh Long,0100 109 113,Nguyễn Văn An,0912345678,25
2,Hợp tác xã Mây tre Phú Vinh,0100109106,Trần Thị Bình,,12
3,Cơ sở Sơn mài Hạ Thái,0100109199,Lê Văn Cường,,5
4,Công ty CP Đúc đồng Ngũ Xã,0100109113,Phạm Thị Dung,,8
5,,0100109120,,,3
`

// stored is the enterprise the register already holds: the file's row 6.
func storedEnterprise(t *testing.T, db *store.DB) *data.Enterprise {
	t.Helper()
	e := &data.Enterprise{Kind: data.KindCooperative, Name: "HTX Mây tre Phú Vinh", TaxCode: "0100109106", Workers: 4}
	if err := db.CreateEnterprise(bg, e); err != nil {
		t.Fatal(err)
	}
	return e
}

// wizardAt waits for the wizard to show step, failing with its message if it does not.
func wizardAt(t *testing.T, w *importWizard, step string) {
	t.Helper()
	waitFor(t, func() bool { return w.step == step || w.message.Visible() })
	if w.step != step {
		t.Fatalf("wizard at %q, want %q; it says %q", w.step, step, w.message.Text)
	}
}

// wizardButtons are the wizard's buttons shown, by label.
func wizardButtons(m *Main) map[string]*escButton {
	out := map[string]*escButton{}
	for _, o := range m.Window.Canvas().Overlays().List() {
		for _, l := range test.LaidOutObjects(o) {
			if b, ok := l.(*escButton); ok {
				out[b.Text] = b
			}
		}
	}
	return out
}

// tapWizard taps the wizard's button labelled label.
func tapWizard(t *testing.T, m *Main, label string) {
	t.Helper()
	b, ok := wizardButtons(m)[label]
	if !ok {
		t.Fatalf("no button %q on the wizard:\n%s", label, overlayText(m))
	}
	test.Tap(b)
}

func TestImportEnterprises(t *testing.T) {
	m, db := importMain(t)
	s := enterprises(t, m)
	old := storedEnterprise(t, db)
	s.reload()

	// The list has its "Nhập từ Excel", which opens the wizard on its first step.
	var button *widget.Button
	for _, a := range s.spec.Actions {
		if b, ok := a.(*widget.Button); ok && b.Text == "Nhập từ Excel" {
			button = b
		}
	}
	if button == nil || !button.Visible() {
		t.Fatal("the enterprise list has no visible “Nhập từ Excel”")
	}
	test.Tap(button)
	if b := wizardButtons(m); b["Chọn tệp…"] == nil || b["Tải mẫu"] == nil {
		t.Fatalf("the wizard's first step shows:\n%s", overlayText(m))
	}
	m.Window.Canvas().Overlays().Top().Hide()

	w := m.openImport(data.ImportEnterprises, 0, "", func() { s.loadFacets(); s.reload() })
	w.openFile(sheetFile(t, "doanh-nghiep.csv", enterpriseCSV))
	wizardAt(t, w, stepMapping)
	// The header on line 4 is found, each column proposed by its name; STT feeds nothing.
	want := []string{"", data.FieldName, data.FieldTaxCode, data.FieldRepresentative, data.FieldPhone, data.FieldWorkers}
	if strings.Join(w.mapping, ",") != strings.Join(want, ",") {
		t.Fatalf("mapping %q, want %q", w.mapping, want)
	}
	if got := overlayText(m); !strings.Contains(got, "Dòng tiêu đề là dòng 4") || !strings.Contains(got, "B · Tên doanh nghiệp") {
		t.Fatalf("the mapping shows:\n%s", got)
	}

	tapWizard(t, m, "Xem trước")
	wizardAt(t, w, stepPreview)
	p := w.preview
	if got := p.summary.Text; !strings.HasPrefix(got, "5 dòng: 2 dòng nhập được, trong đó 1 dòng đã có trong sổ; 3 dòng có vấn đề") {
		t.Fatalf("summary %q", got)
	}
	// Only the rows with problems: 7 (tax code), 8 (twice in the file), 9 (no name).
	p.filter.SetSelectedIndex(showProblems)
	var lines []int
	for _, r := range p.shown {
		lines = append(lines, r.Line)
	}
	if len(lines) != 3 || lines[0] != 7 || lines[1] != 8 || lines[2] != 9 {
		t.Fatalf("rows with problems %v, want [7 8 9]", lines)
	}
	if got := p.cell(0, 1); got != "Bị từ chối" {
		t.Errorf("row 7 says %q, want Bị từ chối", got)
	}
	p.selectRow(1)
	if got := p.detail.Text; !strings.HasPrefix(got, "Dòng 8: Công ty CP Đúc đồng Ngũ Xã") || !strings.Contains(got, "• ") {
		t.Errorf("row 8 in full: %q", got)
	}
	// The row already in the register is skipped until the clerk says otherwise: for every such
	// row, update it.
	p.filter.SetSelectedIndex(showMatches)
	if len(p.shown) != 1 || p.shown[0].Line != 6 || p.shown[0].Match == nil {
		t.Fatalf("rows already in the register: %+v", p.shown)
	}
	// Selected, the row offers its own choice: skip (as it is) or update; a tax code the
	// register holds cannot come in as new.
	p.selectRow(0)
	if got := strings.Join(p.rowAction.Options, "|"); !p.rowAction.Visible() || got != "Bỏ qua|Cập nhật bản đã có" || p.rowAction.Selected != "Bỏ qua" {
		t.Fatalf("row 6 offers %q (shown %v, chosen %q)", got, p.rowAction.Visible(), p.rowAction.Selected)
	}
	p.rowAction.SetSelected(data.ImportUpdate.Label())
	if got := p.importBtn.Text; p.shown[0].Action != data.ImportUpdate || got != "Nhập 2 dòng" {
		t.Fatalf("row 6 takes %q, the button says %q", p.shown[0].Action, got)
	}
	p.all.SetSelected(data.ImportSkip.Label())
	if got := p.importBtn.Text; p.rowAction.Selected != "Bỏ qua" || got != "Nhập 1 dòng" {
		t.Fatalf("after skipping all, row 6 shows %q, the button says %q", p.rowAction.Selected, got)
	}
	p.all.SetSelected(data.ImportUpdate.Label())
	if got := p.shown[0].Action; got != data.ImportUpdate {
		t.Fatalf("row 6 takes %q, want update", got)
	}
	if got := p.importBtn.Text; got != "Nhập 2 dòng" {
		t.Fatalf("the import button says %q", got)
	}
	if n := count(t, db, data.EnterpriseFilter{}); n != 1 {
		t.Fatalf("the preview wrote: %d enterprises", n)
	}

	test.Tap(p.importBtn)
	wizardAt(t, w, stepResult)
	if got := resultText(w.result); !strings.HasPrefix(got, "Đã nhập: thêm mới 1, cập nhật 1; bỏ qua 0; từ chối 3") {
		t.Fatalf("result %q", got)
	}
	es, err := db.FindEnterprises(context.Background(), data.EnterpriseFilter{})
	if err != nil || len(es) != 2 {
		t.Fatalf("%d enterprises stored (%v)", len(es), err)
	}
	upd, err := db.FindEnterpriseByID(context.Background(), old.ID)
	if err != nil || upd.Workers != 12 || upd.Representative.Full() != "Trần Thị Bình" {
		t.Fatalf("row 6 over the stored record: %+v (%v)", upd, err)
	}
	if got := s.count.Text; !strings.HasPrefix(got, "2 ") {
		t.Errorf("the list counts %q after the import", got)
	}
	// The rows left out go to a workbook with a column of reasons, for correcting.
	f := workbookOf(t, w.leftOut())
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	text := ""
	for _, r := range rows {
		text += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"Cơ sở Sơn mài Hạ Thái", "Công ty CP Đúc đồng Ngũ Xã", "0100109120"} {
		if !strings.Contains(text, want) {
			t.Errorf("the rows left out lack %q:\n%s", want, text)
		}
	}
}

// TestImportRefusals: a file that is not a spreadsheet, and a sheet of headers only, are refused
// on the wizard, which stays on its first step; nothing is written.
func TestImportRefusals(t *testing.T) {
	m, db := importMain(t)
	for name, c := range map[string]struct{ file, content, want string }{
		"RenamedPDF":  {"danh-sach.xlsx", "%PDF-1.4\n%âãÏÓ\n1 0 obj\n", "là tệp PDF"},
		"HeadersOnly": {"danh-sach.csv", "Tên doanh nghiệp,Mã số thuế\n", "chỉ có dòng tiêu đề"},
		"Empty":       {"trong.csv", "\n\n", "trống"},
	} {
		t.Run(name, func(t *testing.T) {
			w := m.openImport(data.ImportEnterprises, 0, "", nil)
			defer w.close()
			w.openFile(sheetFile(t, c.file, c.content))
			waitFor(t, func() bool { return w.message.Visible() })
			if !strings.Contains(w.message.Text, c.want) || w.step != stepFile {
				t.Fatalf("at %q it says %q, want %q", w.step, w.message.Text, c.want)
			}
		})
	}
	if n := count(t, db, data.EnterpriseFilter{}); n != 0 {
		t.Fatalf("%d enterprises written", n)
	}
}

// TestImportRemembersMapping: the mapping chosen for a file is the one offered for the next file
// with the same headers.
func TestImportRemembersMapping(t *testing.T) {
	m, _ := importMain(t)
	path := sheetFile(t, "doanh-nghiep.csv", enterpriseCSV)
	w := m.openImport(data.ImportEnterprises, 0, "", nil)
	w.openFile(path)
	wizardAt(t, w, stepMapping)
	if w.remembered {
		t.Fatal("a mapping remembered before any import")
	}
	// Without a column for the name, which every row needs, the preview is refused.
	w.fields[1].SetSelectedIndex(0)
	tapWizard(t, m, "Xem trước")
	waitFor(t, func() bool { return w.message.Visible() })
	if !strings.Contains(w.message.Text, "Tên doanh nghiệp") || w.step != stepMapping {
		t.Fatalf("at %q without a name column: %q", w.step, w.message.Text)
	}
	w.fields[1].SetSelectedIndex(fieldIndex(data.ImportFields(data.ImportEnterprises), data.FieldName) + 1)
	// Workers are not to be imported; the phone column feeds the notes instead. Choosing a
	// field already fed by a column takes it from that column.
	w.fields[5].SetSelectedIndex(0)
	notes := fieldIndex(data.ImportFields(data.ImportEnterprises), data.FieldNotes) + 1
	w.fields[4].SetSelectedIndex(notes)
	w.fields[0].SetSelectedIndex(notes)
	if w.mapping[4] != "" || w.mapping[0] != data.FieldNotes || w.fields[4].SelectedIndex() != 0 {
		t.Fatalf("mapping %q after moving the notes", w.mapping)
	}
	chosen := strings.Join(w.mapping, ",")
	tapWizard(t, m, "Xem trước")
	wizardAt(t, w, stepPreview)
	w.close()

	w = m.openImport(data.ImportEnterprises, 0, "", nil)
	w.openFile(path)
	wizardAt(t, w, stepMapping)
	if got := strings.Join(w.mapping, ","); !w.remembered || got != chosen {
		t.Fatalf("mapping %q (remembered %v), want %q", got, w.remembered, chosen)
	}
	if !strings.Contains(overlayText(m), "như lần trước") {
		t.Errorf("the mapping does not say it is the one chosen before:\n%s", overlayText(m))
	}
}

// slowImport is the store's import that waits for Cancel before it starts.
type slowImport struct {
	data.ImportService
	started chan struct{}
}

func (s slowImport) Import(ctx context.Context, p *data.ImportPreview, progress data.ImportProgress) (*data.ImportResult, error) {
	close(s.started)
	<-ctx.Done()
	return s.ImportService.Import(ctx, p, progress)
}

// TestImportCancel: Cancel during the import writes nothing and leaves the clerk on the preview.
func TestImportCancel(t *testing.T) {
	m, db := importMain(t)
	started := make(chan struct{})
	m.Services.Imports = slowImport{ImportService: db, started: started}
	w := m.openImport(data.ImportEnterprises, 0, "", nil)
	w.openFile(sheetFile(t, "doanh-nghiep.csv", enterpriseCSV))
	wizardAt(t, w, stepMapping)
	tapWizard(t, m, "Xem trước")
	wizardAt(t, w, stepPreview)
	test.Tap(w.preview.importBtn)
	<-started
	tapButton(t, m, "Hủy")
	waitFor(t, func() bool { return w.message.Visible() })
	if !strings.HasPrefix(w.message.Text, "Đã hủy") || w.step != stepPreview {
		t.Fatalf("at %q it says %q", w.step, w.message.Text)
	}
	if n := count(t, db, data.EnterpriseFilter{}); n != 0 {
		t.Fatalf("a cancelled import wrote %d enterprises", n)
	}
}

// TestImportKeyboard: the cursor starts on the step's main button; Enter takes it, Esc closes
// the wizard from its tables and drop-downs as from its buttons.
func TestImportKeyboard(t *testing.T) {
	m, _ := importMain(t)
	w := m.openImport(data.ImportEnterprises, 0, "", nil)
	w.openFile(sheetFile(t, "doanh-nghiep.csv", enterpriseCSV))
	wizardAt(t, w, stepMapping)
	focused := m.Window.Canvas().Focused()
	if b, ok := focused.(*escButton); !ok || b.Text != "Xem trước" {
		t.Fatalf("the cursor is on %#v, want “Xem trước”", focused)
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	wizardAt(t, w, stepPreview)
	m.Window.Canvas().Focus(w.preview.table)
	m.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if !w.open {
		t.Fatal("an arrow in the table closed the wizard")
	}
	m.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.open {
		t.Fatal("Esc in the table left the wizard open")
	}
	w = m.openImport(data.ImportEnterprises, 0, "", nil)
	w.openFile(sheetFile(t, "doanh-nghiep.csv", enterpriseCSV))
	wizardAt(t, w, stepMapping)
	m.Window.Canvas().Focus(w.fields[0])
	m.Window.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.open {
		t.Fatal("Esc on a column's drop-down left the wizard open")
	}
}

// TestImportClassTrainees: a class's trainees come from a list with the full name in one cell;
// each person goes into the register and into the class.
func TestImportClassTrainees(t *testing.T) {
	f := newClassFixture(t, 30)
	f.m.Services.Imports = f.db
	w := f.m.openImport(data.ImportClassTrainees, f.c.ID, f.c.Code, f.cd.changed)
	w.openFile(sheetFile(t, "hoc-vien.csv", "Họ và tên,Ngày sinh,Số CCCD,Giới tính\nNguyễn Thị Ánh Hoa,15/03/1995,001195012345,Nữ\nTrần Văn Bình,2/9/90,001090012346,Nam\n"))
	wizardAt(t, w, stepMapping)
	tapWizard(t, f.m, "Xem trước")
	wizardAt(t, w, stepPreview)
	test.Tap(w.preview.importBtn)
	wizardAt(t, w, stepResult)
	if w.result.Enrolled != 2 {
		t.Fatalf("result %+v", w.result)
	}
	if got := resultText(w.result); !strings.Contains(got, "Đã xếp 2 học viên vào lớp.") {
		t.Errorf("result %q", got)
	}
	g, err := f.db.AttendanceGrid(context.Background(), f.c.ID)
	if err != nil || len(g.Roster) != 2 {
		t.Fatalf("roster %+v (%v)", g, err)
	}
	if n := g.Roster[0].TraineeName; n.Family != "Nguyễn" && n.Given != "Bình" {
		t.Errorf("name split as %+v", n)
	}
	if f.changes == 0 {
		t.Error("the class list was not told of the import")
	}
}

// TestImportTemplate: "Tải mẫu" saves the kind's columns and an example row, and the wizard reads
// that file back with every column mapped and the example row fit to import.
func TestImportTemplate(t *testing.T) {
	m, _ := importMain(t)
	for _, kind := range []data.ImportKind{data.ImportEnterprises, data.ImportTrainees, data.ImportVillages} {
		t.Run(string(kind), func(t *testing.T) {
			w := m.openImport(kind, 0, "", nil)
			defer w.close()
			doc := w.template()
			if !strings.HasPrefix(doc.name, "mau-nhap-") || doc.ext != ".xlsx" {
				t.Fatalf("template named %q (%s)", doc.name, doc.ext)
			}
			var b bytes.Buffer
			if err := doc.write(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			w.openFile(sheetFile(t, doc.name, b.String()))
			wizardAt(t, w, stepMapping)
			for i, k := range w.mapping {
				if k == "" {
					t.Errorf("column %q of the template is not mapped", w.table.Header[i])
				}
			}
			tapWizard(t, m, "Xem trước")
			wizardAt(t, w, stepPreview)
			if ok, problems, _ := w.preview.p.Counts(); ok != 1 || problems != 0 {
				t.Fatalf("the example row: %d fit, %d with problems: %v", ok, problems, w.preview.p.Rows[0].Problems)
			}
		})
	}
}

// TestImportFairBookings: a fair's page has its "Nhập từ Excel"; the bookings of a list go to the
// fair, each enterprise found in the register by its name.
func TestImportFairBookings(t *testing.T) {
	m, db := importMain(t)
	s := fairs(t, m, db)
	e := newFairEnterprise(t, db, "Công ty TNHH Gốm Minh Long")
	p := openFair(t, s, db)
	found := false
	for _, o := range test.LaidOutObjects(p.bookings.content) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Nhập từ Excel" && b.Visible() {
			found = true
		}
	}
	if !found {
		t.Fatal("the fair's bookings have no “Nhập từ Excel”")
	}
	w := m.openImport(data.ImportFairBookings, p.f.ID, p.f.Code, p.reload)
	w.openFile(sheetFile(t, "dang-ky.csv", "Tên doanh nghiệp/cơ sở,Số gian đăng ký,Sản phẩm trưng bày\nCông ty TNHH Gốm Minh Long,2,Gốm men rạn\nCông ty không có trong sổ,1,Mây tre\n"))
	wizardAt(t, w, stepMapping)
	tapWizard(t, m, "Xem trước")
	wizardAt(t, w, stepPreview)
	test.Tap(w.preview.importBtn)
	wizardAt(t, w, stepResult)
	if w.result.Added != 1 || len(w.result.Refused) != 1 || w.result.Refused[0].Row.Line != 3 {
		t.Fatalf("result %+v", w.result)
	}
	if len(p.bookingList) != 1 || p.bookingList[0].EnterpriseID != e.ID || p.bookingList[0].BoothsWanted != 2 {
		t.Fatalf("the fair's bookings after the import: %+v", p.bookingList)
	}
}

// TestImportSheetChoice: a workbook of several sheets asks which one; the table is read from the
// sheet chosen.
func TestImportSheetChoice(t *testing.T) {
	m, _ := importMain(t)
	book := excelize.NewFile()
	defer book.Close()
	book.SetSheetName("Sheet1", "Bìa")
	book.SetCellValue("Bìa", "A1", "Báo cáo năm 2024")
	if _, err := book.NewSheet("Làng nghề"); err != nil {
		t.Fatal(err)
	}
	book.SetSheetRow("Làng nghề", "A1", &[]string{"Tên làng nghề", "Ngành nghề", "Số hộ làm nghề"})
	book.SetSheetRow("Làng nghề", "A2", &[]any{"Làng gốm Bát Tràng", "Gốm sứ", 1200})
	path := filepath.Join(t.TempDir(), "lang-nghe.xlsx")
	if err := book.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	w := m.openImport(data.ImportVillages, 0, "", nil)
	w.openFile(path)
	waitFor(t, func() bool { return w.file != nil && wizardButtons(m)["Tiếp"] != nil })
	var sheets *escSelect
	for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
		if s, ok := o.(*escSelect); ok {
			sheets = s
		}
	}
	if w.step != stepFile || sheets == nil || strings.Join(sheets.Options, "|") != "Bìa|Làng nghề" || sheets.Selected != "Bìa" {
		t.Fatalf("at %q the sheets offered: %+v", w.step, sheets)
	}
	sheets.SetSelected("Làng nghề")
	tapWizard(t, m, "Tiếp")
	wizardAt(t, w, stepMapping)
	if got := strings.Join(w.mapping, ","); got != "name,trade,households" {
		t.Fatalf("mapping %q", got)
	}
}

// TestRunProgress: work that says how far it is moves a bar by share done instead of the running
// one, and done follows it.
func TestRunProgress(t *testing.T) {
	m, _ := newTestMain(t)
	reported, release, finished := make(chan struct{}), make(chan struct{}), make(chan struct{})
	m.runProgress("Đang nhập", func(ctx context.Context, progress func(done, total int)) error {
		progress(1, 4)
		close(reported)
		<-release
		return nil
	}, func() { close(finished) })
	<-reported
	share := func() float64 {
		for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
			if b, ok := o.(*widget.ProgressBar); ok && b.Visible() {
				return b.Value
			}
		}
		return -1
	}
	waitFor(t, func() bool { return share() == 0.25 })
	close(release)
	<-finished
}
