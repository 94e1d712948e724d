package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
)

// fakeAudit is a history held in memory: it selects and pages as the store does, newest first,
// and remembers the last filter it was asked for.
type fakeAudit struct {
	entries []*data.AuditEntry // oldest first
	last    data.AuditFilter
	check   data.AuditCheck
	err     error // returned by every call when set
}

var _ data.AuditService = (*fakeAudit)(nil)

func (f *fakeAudit) selected(fl data.AuditFilter) []*data.AuditEntry {
	f.last = fl
	var out []*data.AuditEntry
	for i := len(f.entries) - 1; i >= 0; i-- {
		e := f.entries[i]
		day := vn.DateOf(e.At)
		if (fl.User != "" && e.User != fl.User) || (fl.Entity != "" && e.Entity != fl.Entity) ||
			(fl.EntityID != 0 && e.EntityID != fl.EntityID) ||
			(!fl.From.IsZero() && day.Before(fl.From)) || (!fl.To.IsZero() && fl.To.Before(day)) {
			continue
		}
		out = append(out, e)
	}
	return out
}

func (f *fakeAudit) FindAudit(_ context.Context, fl data.AuditFilter) ([]*data.AuditEntry, error) {
	if f.err != nil {
		return nil, f.err
	}
	all := f.selected(fl)
	limit := fl.Limit
	if limit == 0 {
		limit = 100
	}
	return all[min(fl.Offset, len(all)):min(fl.Offset+limit, len(all))], nil
}

func (f *fakeAudit) CountAudit(_ context.Context, fl data.AuditFilter) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	return len(f.selected(fl)), nil
}

func (f *fakeAudit) CheckAudit(context.Context) (*data.AuditCheck, error) {
	if f.err != nil {
		return nil, f.err
	}
	c := f.check
	return &c, nil
}

// add records a change at minutes past 09:00 on 20/11/2026 UTC.
func (f *fakeAudit) add(minutes int, user, action, entity string, id int64, detail string, changes ...data.FieldChange) *data.AuditEntry {
	e := &data.AuditEntry{ID: int64(len(f.entries) + 1), At: time.Date(2026, 11, 20, 9, minutes, 0, 0, time.UTC),
		User: user, Action: action, Entity: entity, EntityID: id, Detail: detail, Changes: changes}
	f.entries = append(f.entries, e)
	return e
}

func created(field, after string) data.FieldChange {
	return data.FieldChange{Field: field, After: after, HasAfter: true}
}

func changed(field, before, after string) data.FieldChange {
	return data.FieldChange{Field: field, Before: before, After: after, HadBefore: true, HasAfter: true}
}

// newAuditMain is the test window with the history f.
func newAuditMain(t *testing.T, f *fakeAudit) *Main {
	t.Helper()
	m, _ := newTestMain(t)
	m.Services.Audit = f
	return m
}

// sampleHistory is enterprise 7 created by vanthu, then renamed and given a phone by lanhdao;
// and a class of someone else's.
func sampleHistory() *fakeAudit {
	f := &fakeAudit{}
	f.add(0, "vanthu", "create", "enterprise", 7, "Công ty A",
		created("kind", "nho"), created("name", "Công ty A"), created("hash", "9f86d081884c7d65"), created("phone", ""))
	f.add(5, "lanhdao", "update", "class", 3, "LH-01")
	f.add(10, "lanhdao", "update", "enterprise", 7, "Công ty Bình Minh",
		changed("name", "Công ty A", "Công ty Bình Minh"), changed("phone", "", "0912345678"),
		changed("workers", "12", "25"), changed("signature", "c2lnbmF0dXJl", "bmV3"))
	return f
}

func TestRecordHistory(t *testing.T) {
	t.Run("NewestFirstWithFormLabels", func(t *testing.T) {
		f := sampleHistory()
		m := newAuditMain(t, f)
		wards, err := m.Services.Divisions.Wards(m.ctx())
		if err != nil || len(wards) == 0 {
			t.Fatalf("no wards (%v)", err)
		}
		f.entries[2].Changes = append(f.entries[2].Changes, changed("ward_code", "", wards[0].Code))
		m.showRecordHistory("enterprise", 7, "Công ty Bình Minh")
		got := overlayText(m)
		if want := "(trống) → " + capitalize(wards[0].Label()); !strings.Contains(got, want) {
			t.Errorf("a ward is not named: history lacks %q", want)
		}
		for _, want := range []string{
			"2 thay đổi, mới nhất trước",
			"lanhdao · Sửa", "vanthu · Thêm mới",
			"Công ty A → Công ty Bình Minh",     // the name, by the form's label
			"(trống) → 0912 345 678", "12 → 25", // the phone grouped as the form groups it
			"Doanh nghiệp nhỏ", // the kind by its name, not its code
		} {
			if !strings.Contains(got, want) {
				t.Errorf("history lacks %q:\n%s", want, got)
			}
		}
		if strings.Index(got, "lanhdao · Sửa") > strings.Index(got, "vanthu · Thêm mới") {
			t.Errorf("the newest change is not first:\n%s", got)
		}
		for _, hidden := range []string{"9f86d081884c7d65", "c2lnbmF0dXJl", "LH-01"} {
			if strings.Contains(got, hidden) {
				t.Errorf("history shows %q:\n%s", hidden, got)
			}
		}
		if labels := formLabels(m); !strings.Contains(labels, "Tên\n") || !strings.Contains(labels, "Điện thoại\n") || !strings.Contains(labels, "Lao động\n") {
			t.Errorf("the fields are not named as the form names them:\n%s", labels)
		}
	})
	t.Run("Paging", func(t *testing.T) {
		f := &fakeAudit{}
		for i := range 60 {
			f.add(i, "vanthu", "update", "village", 2, fmt.Sprintf("sửa lần %d", i+1))
		}
		m := newAuditMain(t, f)
		m.showRecordHistory("village", 2, "Làng gốm Bát Tràng")
		got := overlayText(m)
		if !strings.Contains(got, "sửa lần 60\n") || strings.Contains(got, "sửa lần 10\n") {
			t.Fatalf("first page is not the newest 50:\n%s", got)
		}
		tapButton(t, m, "Xem thêm 10 thay đổi cũ hơn")
		if got := overlayText(m); !strings.Contains(got, "sửa lần 1\n") {
			t.Fatalf("after Xem thêm the oldest change is not shown:\n%s", got)
		}
		for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
			if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Xem thêm") && b.Visible() {
				t.Fatalf("%q stays once every change is shown", b.Text)
			}
		}
	})
	t.Run("Refused", func(t *testing.T) {
		m := newAuditMain(t, &fakeAudit{err: data.Errorf(data.EFORBIDDEN, "Tài khoản chixem không xem được lịch sử.")})
		m.showRecordHistory("enterprise", 7, "Công ty A")
		if got := overlayText(m); !strings.Contains(got, "Tài khoản chixem không xem được lịch sử.") {
			t.Fatalf("the refusal is not said:\n%s", got)
		}
	})
}

// formLabels are the labels of the forms in the dialogs shown, one a line.
func formLabels(m *Main) string {
	var b strings.Builder
	for _, o := range m.Window.Canvas().Overlays().List() {
		for _, l := range test.LaidOutObjects(o) {
			if f, ok := l.(*widget.Form); ok {
				for _, it := range f.Items {
					b.WriteString(it.Text + "\n")
				}
			}
		}
	}
	return b.String()
}

// newStoreAuditMain is the test window acting as the store's administrator "tester", with the
// store's own history.
func newStoreAuditMain(t *testing.T) (*Main, *store.DB) {
	t.Helper()
	m, db := newTestMain(t)
	storetest.AddAdmin(t, db, "tester")
	m.Services.Audit = db
	return m, db
}

// TestHistoryOfEnterprise types an enterprise, renames it, and reads what the store recorded,
// through the form's button and through the change log.
func TestHistoryOfEnterprise(t *testing.T) {
	m, db := newStoreAuditMain(t)
	s := enterprises(t, m)
	s.New()
	if !s.detail.changes.button.Hidden {
		t.Fatal("a new enterprise, not stored yet, has a history button")
	}
	fillValid(s.detail, "Công ty TNHH Gốm Chu Đậu", "0100109106")
	s.Save()
	s.detail.name.SetText("Công ty Cổ phần Gốm Chu Đậu")
	s.detail.workers.SetText("40")
	s.Save()
	if s.detail.changes.button.Hidden {
		t.Fatalf("a stored enterprise has no history button (%s)", s.detail.message.Text)
	}
	test.Tap(s.detail.changes.button)
	got := overlayText(m)
	for _, want := range []string{
		"Lịch sử thay đổi: Doanh nghiệp Công ty Cổ phần Gốm Chu Đậu", "2 thay đổi, mới nhất trước",
		"tester · Sửa", "tester · Thêm mới",
		"Công ty TNHH Gốm Chu Đậu → Công ty Cổ phần Gốm Chu Đậu", "25 → 40",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("history lacks %q:\n%s", want, got)
		}
	}
	if labels := formLabels(m); !strings.Contains(labels, "Tên\nLao động\n") || !strings.Contains(labels, "Mã số thuế\n") {
		t.Errorf("the fields are not named as the form names them:\n%s", labels)
	}

	log := newAuditScreen(m)
	log.typing.delay = 0
	log.record.SetText(strconv.FormatInt(s.detail.e.ID, 10))
	log.entity.choose("enterprise")
	if got, want := log.count.Text, "2 thay đổi"; got != want {
		t.Fatalf("the log counts %q of the enterprise, want %q", got, want)
	}
	test.Type(log.search, "ai-khac")
	if got, want := log.count.Text, "0 thay đổi"; got != want {
		t.Fatalf("the log counts %q of another user, want %q", got, want)
	}
	log.check()
	waitFor(t, func() bool { return strings.Contains(overlayText(m), "nguyên vẹn") })
	if n, err := db.CountAudit(m.ctx(), data.AuditFilter{}); err != nil || !strings.Contains(overlayText(m), "đã kiểm tra "+vn.FormatInt(int64(n))) {
		t.Fatalf("the check does not count the %d changes (%v):\n%s", n, err, overlayText(m))
	}
}

// auditScreenOf builds the change log on f, searching without delay.
func auditScreenOf(t *testing.T, f *fakeAudit) (*Main, *auditScreen) {
	t.Helper()
	m := newAuditMain(t, f)
	s := newAuditScreen(m)
	s.typing.delay = 0
	m.body.Objects = append(m.body.Objects[:0], s.Content())
	m.body.Refresh()
	return m, s
}

func TestAuditScreen(t *testing.T) {
	t.Run("Filters", func(t *testing.T) {
		m, s := auditScreenOf(t, sampleHistory())
		f := m.Services.Audit.(*fakeAudit)
		if got, want := s.count.Text, "3 thay đổi"; got != want {
			t.Fatalf("count %q, want %q", got, want)
		}
		test.Type(s.search, " LanhDao")
		if got, want := f.last.User, "lanhdao"; got != want {
			t.Fatalf("user filter %q, want %q (a login is folded to lower case)", got, want)
		}
		if got, want := s.count.Text, "2 thay đổi"; got != want {
			t.Fatalf("count %q, want %q", got, want)
		}
		test.Type(s.from, "31/02/2026")
		if !f.last.From.IsZero() {
			t.Fatalf("a day that does not exist filters: %v", f.last.From)
		}
		s.from.SetText("21/11/2026")
		if got, want := f.last.From, (vn.Date{Year: 2026, Month: 11, Day: 21}); got != want {
			t.Fatalf("from %v, want %v", got, want)
		}
		if got, want := s.count.Text, "0 thay đổi"; got != want {
			t.Fatalf("count %q, want %q", got, want)
		}
		s.from.SetText("")
		s.to.SetText("20/11/2026")
		s.entity.choose("class")
		if got := f.last; got.Entity != "class" || got.To != (vn.Date{Year: 2026, Month: 11, Day: 20}) || got.User != "lanhdao" {
			t.Fatalf("filter %+v, want class changes of lanhdao to 20/11/2026", got)
		}
		if got, want := s.filterLine(), "Lọc theo: tìm “LanhDao”; đến 20/11/2026; Lớp học"; got != want {
			t.Fatalf("filter line %q, want %q", got, want)
		}
		s.record.SetText("abc")
		if f.last.EntityID != 0 {
			t.Fatal("a record number that is not a number filters")
		}
		s.record.SetText("3")
		if got, want := s.count.Text, "1 thay đổi"; got != want {
			t.Fatalf("count %q, want %q", got, want)
		}
	})
	t.Run("OpenAndOnlyThisRecord", func(t *testing.T) {
		m, s := auditScreenOf(t, sampleHistory())
		f := m.Services.Audit.(*fakeAudit)
		row, _ := s.table.Row(0) // the newest: enterprise 7 renamed
		s.open(row)
		if !s.isOpen() {
			t.Fatal("the change did not open")
		}
		var texts []string
		for _, o := range test.LaidOutObjects(s.detail.view()) {
			if l, ok := o.(*widget.Label); ok {
				texts = append(texts, l.Text)
			}
		}
		got := strings.Join(texts, "\n")
		if !strings.Contains(got, "lanhdao · Sửa · Doanh nghiệp số 7") || !strings.Contains(got, "Công ty A → Công ty Bình Minh") {
			t.Fatalf("the panel does not show the change:\n%s", got)
		}
		for _, o := range test.LaidOutObjects(s.detail.view()) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Chỉ xem bản ghi này" {
				test.Tap(b)
			}
		}
		if f.last.Entity != "enterprise" || f.last.EntityID != 7 {
			t.Fatalf("filter %+v, want enterprise 7", f.last)
		}
		if got, want := s.count.Text, "2 thay đổi"; got != want {
			t.Fatalf("count %q, want %q", got, want)
		}
	})
	t.Run("Excel", func(t *testing.T) {
		_, s := auditScreenOf(t, sampleHistory())
		s.entity.choose("enterprise")
		f := workbookOf(t, s.excel())
		rows, err := f.GetRows(f.GetSheetName(0))
		if err != nil {
			t.Fatal(err)
		}
		var all []string
		for _, r := range rows {
			all = append(all, strings.Join(r, " | "))
		}
		got := strings.Join(all, "\n")
		for _, want := range []string{"Lọc theo: Doanh nghiệp", "Các trường đã đổi",
			"lanhdao | Sửa | Doanh nghiệp số 7 | Công ty Bình Minh | Tên: Công ty A → Công ty Bình Minh; Điện thoại: (trống) → 0912 345 678; Lao động: 12 → 25"} {
			if !strings.Contains(got, want) {
				t.Errorf("the workbook lacks %q:\n%s", want, got)
			}
		}
		if strings.Contains(got, "LH-01") {
			t.Errorf("the workbook has a change the filter leaves out:\n%s", got)
		}
	})
	t.Run("CheckWhole", func(t *testing.T) {
		m, s := auditScreenOf(t, &fakeAudit{check: data.AuditCheck{Entries: 1234}})
		s.check()
		waitFor(t, func() bool { return strings.Contains(overlayText(m), "nguyên vẹn") })
		if got := overlayText(m); !strings.Contains(got, "đã kiểm tra 1.234 thay đổi, không thay đổi nào bị sửa hay xóa") {
			t.Fatalf("check says:\n%s", got)
		}
	})
	t.Run("CheckBroken", func(t *testing.T) {
		m, s := auditScreenOf(t, &fakeAudit{check: data.AuditCheck{Entries: 40, BrokenAt: 17, Problem: "thay đổi số 17 đã bị sửa sau khi ghi."}})
		s.check()
		waitFor(t, func() bool { return strings.Contains(overlayText(m), "can thiệp") })
		if got := overlayText(m); !strings.Contains(got, "tại thay đổi số 17: thay đổi số 17 đã bị sửa sau khi ghi.") {
			t.Fatalf("check says:\n%s", got)
		}
	})
	t.Run("Refused", func(t *testing.T) {
		m, _ := auditScreenOf(t, &fakeAudit{err: data.Errorf(data.EFORBIDDEN, "Tài khoản vanthu (Văn thư) không xem được nhật ký thay đổi.")})
		if got := overlayText(m); !strings.Contains(got, "không xem được nhật ký thay đổi") {
			t.Fatalf("the refusal is not said:\n%s", got)
		}
	})
	t.Run("InNavigation", func(t *testing.T) {
		m, _ := newTestMain(t)
		for _, e := range m.entries {
			if e.title == "Nhật ký thay đổi" {
				t.Fatal("the change log is listed in a window without a history")
			}
		}
		m = NewMain(m.App, Services{Audit: &fakeAudit{}, Divisions: m.Services.Divisions, Enterprises: m.Services.Enterprises, Settings: m.Services.Settings})
		if got := m.entries[len(m.entries)-2].title; got != "Nhật ký thay đổi" {
			t.Fatalf("before Settings is %q, want the change log", got)
		}
	})
}

// TestAuditLabels checks that every record, action and field the history names has a label in
// both languages, and that every column it labels is a column of the record's table.
func TestAuditLabels(t *testing.T) {
	newTestMain(t) // Vietnamese
	for _, e := range auditEntities {
		if entityLabel(e) == e {
			t.Errorf("record %q has no label", e)
		}
	}
	for entity, fields := range auditFields {
		for col, f := range fields {
			if lang.L(f.label) == f.label {
				t.Errorf("%s.%s: %q has no Vietnamese", entity, col, f.label)
			}
		}
	}
	tables := map[string]string{"enterprise": "enterprises", "trainee": "trainees", "class": "classes", "fair": "fairs",
		"booking": "fair_bookings", "booth": "booths", "plan": "plans", "programme": "programmes", "payment": "payments",
		"equipment": "equipment", "village": "villages", "certificate": "certificates", "enrollment": "enrollments",
		"session": "sessions", "user": "users"}
	schema := migrationsText(t)
	for entity, fields := range auditFields {
		table, ok := tables[entity]
		if !ok {
			t.Errorf("record %q: no table to check its columns against", entity)
			continue
		}
		cols := tableColumns(schema, table)
		if cols == nil {
			t.Logf("no table %s in this schema: %s not checked", table, entity)
			continue
		}
		for col := range fields {
			if !cols[col] {
				t.Errorf("%s labels %q, which %s has not", entity, col, table)
			}
		}
	}
}

// migrationsText is every migration of the store, one after the other.
func migrationsText(t *testing.T) string {
	paths, err := filepath.Glob("../data/store/migration/sqlite/*.sql")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no migrations: %v", err)
	}
	var b strings.Builder
	for _, p := range paths {
		s, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(s)
	}
	return b.String()
}

// tableColumns are the columns that CREATE TABLE and ALTER TABLE … ADD COLUMN give table, nil
// when no migration creates it.
func tableColumns(schema, table string) map[string]bool {
	create := regexp.MustCompile(`(?s)CREATE TABLE ` + table + ` \((.*?)\n\);`).FindStringSubmatch(schema)
	if create == nil {
		return nil
	}
	cols := map[string]bool{}
	for _, line := range strings.Split(create[1], "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == strings.ToLower(f[0]) {
			cols[f[0]] = true
		}
	}
	for _, m := range regexp.MustCompile(`ALTER TABLE `+table+` ADD COLUMN (\w+)`).FindAllStringSubmatch(schema, -1) {
		cols[m[1]] = true
	}
	return cols
}
