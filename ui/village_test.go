package ui

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/importer"
	"khuyencong/data/store"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// newVillage stores a craft village named name.
func newVillage(t *testing.T, db *store.DB, name string) *data.Village {
	t.Helper()
	v := &data.Village{Name: name, Trade: "Gốm sứ", Households: 120, Workers: 400}
	if err := db.CreateVillage(bg, v); err != nil {
		t.Fatal(err)
	}
	return v
}

// findTable returns the first table of rows T laid out in o.
func findTable[T any](t *testing.T, o fyne.CanvasObject) *widgets.PagedTable[T] {
	t.Helper()
	for _, l := range test.LaidOutObjects(o) {
		if tb, ok := l.(*widgets.PagedTable[T]); ok {
			return tb
		}
	}
	t.Fatalf("no table of %T", *new(T))
	return nil
}

// tab returns the content of the tab whose title starts with title.
func tab(t *testing.T, tabs *container.AppTabs, title string) fyne.CanvasObject {
	t.Helper()
	var titles []string
	for _, it := range tabs.Items {
		if strings.HasPrefix(it.Text, title) {
			tabs.Select(it)
			return it.Content
		}
		titles = append(titles, it.Text)
	}
	t.Fatalf("no tab %q among %q", title, titles)
	return nil
}

func TestVillageScreen(t *testing.T) {
	t.Run("Create", func(t *testing.T) {
		m, db := newSupportMain(t)
		s := showScreen[*villageScreen](t, m)
		s.typing.delay = 0
		s.New()
		f := s.detail.form
		test.Type(f.name, "Làng gốm Bát Tràng")
		test.Type(f.trade, "Gốm sứ")
		pick(f.ward, "bat trang")
		test.Type(f.decision, "1234/QĐ-UBND")
		test.Type(f.recognised, "12/05/2010")
		test.Type(f.households, "1.200")
		test.Type(f.workers, "5000")
		test.Type(f.phone, "0912 345 678")
		m.Shortcut(fyne.KeyS)()
		if f.message.Visible() {
			t.Fatalf("refused: %s", f.message.Text)
		}
		vs, err := db.FindVillages(bg, data.VillageFilter{})
		if err != nil || len(vs) != 1 {
			t.Fatalf("stored %d villages (%v)", len(vs), err)
		}
		v := vs[0]
		if v.Name != "Làng gốm Bát Tràng" || v.Households != 1200 || v.Workers != 5000 || v.WardCode == "" || v.RecognisedOn.Year != 2010 {
			t.Fatalf("stored %+v", v)
		}
		// Saved, the village opens again as a page with its tabs.
		p := s.detail
		if p == nil || p.detail == nil || len(p.tabs.Items) != 4 {
			t.Fatal("the saved village did not open as its page")
		}
		if got := s.count.Text; got != "1 làng nghề" {
			t.Fatalf("count=%q", got)
		}
		// Searching ignores tone marks.
		s.back()
		test.Type(s.search, "bat trang")
		if s.table.Count() != 1 {
			t.Fatalf("search found %d", s.table.Count())
		}
	})

	t.Run("ErrRecognisedInFuture", func(t *testing.T) {
		m, db := newSupportMain(t)
		s := showScreen[*villageScreen](t, m)
		s.New()
		f := s.detail.form
		test.Type(f.name, "Làng lụa Vạn Phúc")
		test.Type(f.recognised, m.today().AddDays(3).String())
		s.Save()
		refusedNothing(t, f.message, "Ngày công nhận", func(ctx context.Context) (int, error) { return db.CountVillages(ctx, data.VillageFilter{}) })
	})

	t.Run("PickerInEnterpriseFormAndPage", func(t *testing.T) {
		m, db := newSupportMain(t)
		v := newVillage(t, db, "Làng gốm Bát Tràng")
		newVillage(t, db, "Làng lụa Vạn Phúc")
		es := enterprises(t, m)
		es.New()
		f := es.detail
		fillValid(f, "Công ty TNHH Gốm Minh Long", "0100109106")
		pick(f.village, "bat trang")
		m.Shortcut(fyne.KeyS)()
		if f.message.Visible() {
			t.Fatalf("refused: %s", f.message.Text)
		}
		stored, err := db.FindEnterpriseByID(bg, f.e.ID)
		if err != nil || stored.VillageID != v.ID || stored.CraftVillage != v.Name {
			t.Fatalf("stored village %d %q (%v), want %d %q", stored.VillageID, stored.CraftVillage, err, v.ID, v.Name)
		}
		// The village's page lists it.
		s := showScreen[*villageScreen](t, m)
		row, _ := s.table.Row(0)
		s.open(row)
		if s.detail.detail.Village.ID != v.ID {
			t.Fatalf("opened %q", s.detail.detail.Village.Name)
		}
		ents := findTable[*data.Enterprise](t, tab(t, s.detail.tabs, "Doanh nghiệp"))
		if e, ok := ents.Row(0); !ok || ents.Count() != 1 || e.ID != stored.ID {
			t.Fatalf("the village lists %d enterprises", ents.Count())
		}
		// Clearing the picker takes the enterprise out of the village.
		es = showScreen[*enterpriseScreen](t, m)
		row2, _ := es.table.Row(0)
		es.open(row2)
		f = es.detail
		if got := f.village.Text; got != v.Name {
			t.Fatalf("picker shows %q", got)
		}
		f.village.SetText("") // the field emptied: no village
		f.save()
		stored, _ = db.FindEnterpriseByID(bg, f.e.ID)
		if stored.VillageID != 0 || stored.CraftVillage != "" {
			t.Fatalf("after clearing: %d %q", stored.VillageID, stored.CraftVillage)
		}
	})
}

func TestEnterpriseSupportHistory(t *testing.T) {
	m, db := newSupportMain(t)
	techProgramme(t, m, db)
	ent := newFairEnterprise(t, db, "Công ty TNHH Gốm Minh Long")
	s := showScreen[*equipmentScreen](t, m)
	p := newEquipment(t, s, "minh long", "300 triệu")
	p.move(data.EquipmentApproved)
	p.moving.submit() // 150.000.000 đ, what the rule allows
	if p.e.Status != data.EquipmentApproved {
		t.Fatalf("not approved: %q", p.moving.message.Text)
	}

	es := showScreen[*enterpriseScreen](t, m)
	row, _ := es.table.Row(0)
	es.open(row)
	f := es.detail
	if f.e.ID != ent.ID {
		t.Fatalf("opened %q", f.e.Name)
	}
	content := tab(t, f.tabs, "Lịch sử hỗ trợ")
	if got := es.split.Offset; got != 0 {
		t.Fatalf("with the history shown the list keeps %.2f of the width, want only what it needs", got)
	}
	records := findTable[data.SupportRecord](t, content)
	r, ok := records.Row(0)
	if !ok || records.Count() != 1 || r.Code != p.e.Code || r.Amount != 150_000_000 || r.Programme != "ĐA-03" {
		t.Fatalf("history has %d records, first %+v", records.Count(), r)
	}
	years := findTable[data.YearTotal](t, content)
	y, ok := years.Row(0)
	if !ok || y.Year != m.today().Year || y.Amount != 150_000_000 {
		t.Fatalf("years %+v", y)
	}
	var total string
	for _, o := range test.LaidOutObjects(content) {
		if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, "Tổng cộng") {
			total = l.Text
		}
	}
	if want := "Tổng cộng: 1 lượt hỗ trợ, 0 lao động được đào tạo, 150.000.000 đ."; total != want {
		t.Fatalf("total=%q, want %q", total, want)
	}

	tab(t, f.tabs, "Thông tin cơ sở")
	if got := es.split.Offset; got != es.spec.SideShare {
		t.Fatalf("back on the details the list keeps %.2f, want %.2f", got, es.spec.SideShare)
	}
	// The tab's buttons save what the builder writes: a PDF naming the enterprise, and a workbook.
	doc := historyDocument(m, docs.KindEnterpriseHistory, ent.ID, docs.PDF)
	var pdf, xlsx bytes.Buffer
	if err := doc.write(bg, &pdf); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) {
		t.Fatalf("the PDF: %v, %q…", err, pdf.Bytes()[:min(8, pdf.Len())])
	}
	if got, want := doc.name, docs.KindEnterpriseHistory.FileName(strconv.FormatInt(ent.ID, 10), docs.PDF); got != want {
		t.Fatalf("file name %q, want %q", got, want)
	}
	if err := historyDocument(m, docs.KindEnterpriseHistory, ent.ID, docs.XLSX).write(bg, &xlsx); err != nil || !bytes.HasPrefix(xlsx.Bytes(), []byte("PK")) {
		t.Fatalf("the workbook: %v", err)
	}
}

// TestVillagePickerInClassForm holds a new class for a craft village picked in its form; the
// village's page then lists the class.
func TestVillagePickerInClassForm(t *testing.T) {
	m, db := newSupportMain(t)
	v := newVillage(t, db, "Làng mây tre đan Phú Vinh")
	s := classes(t, m)
	s.New()
	f := s.detail.form
	typeClass(f, "Lớp truyền nghề mây tre đan", "02/03/2026", "30/05/2026")
	pick(f.village, "phu vinh")
	m.Shortcut(fyne.KeyS)()
	if f.message.Visible() {
		t.Fatalf("refused: %s", f.message.Text)
	}
	d, err := db.VillageDetail(bg, v.ID)
	if err != nil || len(d.Classes) != 1 || d.Classes[0].Name != "Lớp truyền nghề mây tre đan" {
		t.Fatalf("the village holds %d classes (%v)", len(d.Classes), err)
	}
	if got := s.detail.form.village.Text; got != v.Name {
		t.Fatalf("the saved class shows village %q", got)
	}
}

// TestVillageExcelImportsBack: the villages' "Xuất Excel" carries the fields the table has no room
// for, under headers the import maps to them, so that the workbook imports back whole.
func TestVillageExcelImportsBack(t *testing.T) {
	m, db := newSupportMain(t)
	v := &data.Village{Name: "Làng gốm Bát Tràng", Trade: "Gốm sứ", Decision: "1234/QĐ-UBND",
		ContactName: "Phạm Văn Hùng", ContactPhone: "0912345678", Notes: "Đón khách tham quan"}
	if err := db.CreateVillage(bg, v); err != nil {
		t.Fatal(err)
	}
	s := showScreen[*villageScreen](t, m)
	var b bytes.Buffer
	if err := s.excel().write(bg, &b); err != nil {
		t.Fatal(err)
	}
	f, err := importer.Open("lang-nghe.xlsx", &b)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows(f.Sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	tab, err := importer.Locate(data.ImportVillages, rows)
	if err != nil {
		t.Fatal(err)
	}
	mapping := importer.Propose(data.ImportVillages, tab.Header)
	row := rows[tab.HeaderLine] // the first row under the header
	got := map[string]string{}
	for i, field := range mapping {
		if field != "" && i < len(row) {
			got[field] = row[i]
		}
	}
	for field, want := range map[string]string{data.FieldDecision: v.Decision, data.FieldContactName: v.ContactName,
		data.FieldContactPhone: v.ContactPhone, data.FieldNotes: v.Notes} {
		if got[field] != want {
			t.Errorf("the import reads %s as %q, want %q (mapping %q of header %q)", field, got[field], want, mapping, tab.Header)
		}
	}
}
