package ui

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/assets"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// programmes shows the Đề án screen, searching without delay.
func programmes(t *testing.T, m *Main) *programmeScreen {
	t.Helper()
	s := showScreen[*programmeScreen](t, m)
	s.typing.delay = 0
	return s
}

// newProgramme stores a plan for year (if it has none) and a đề án of content in it with
// support, moved to status.
func newProgramme(t *testing.T, db *store.DB, year int, code string, content data.Content, support int64, status data.ProgrammeStatus) *data.Programme {
	t.Helper()
	ctx := bg
	plan, err := db.FindPlan(ctx, year)
	if data.ErrorCode(err) == data.ENOTFOUND {
		plan = &data.Plan{Year: year, Name: "Kế hoạch khuyến công năm thử"}
		err = db.SavePlan(ctx, plan)
	}
	if err != nil {
		t.Fatal(err)
	}
	g := &data.Programme{PlanID: plan.ID, Code: code, Name: "Đề án " + code, Content: content, Funding: data.FundingLocal,
		Start: vn.Date{Year: year, Month: 1, Day: 1}, End: vn.Date{Year: year, Month: 12, Day: 31}, Support: support,
		Targets: []data.Target{{Measure: data.MeasureTrainees, Planned: 150}}}
	if err := db.CreateProgramme(ctx, g); err != nil {
		t.Fatal(err)
	}
	for _, to := range []data.ProgrammeStatus{data.ProgrammeApproved, data.ProgrammeRunning} {
		if g.Status == status {
			break
		}
		if g, err = db.SetProgrammeStatus(ctx, g.ID, g.Version, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func TestProgrammeScreen(t *testing.T) {
	t.Run("CreatePlanThenProgramme", func(t *testing.T) {
		m, db := newTestMain(t)
		s := programmes(t, m)
		year := m.today().Year
		if !strings.Contains(s.plan.title.Text, "chưa có kế hoạch") {
			t.Fatalf("a year without a plan should say so, says %q", s.plan.title.Text)
		}
		m.Shortcut(fyne.KeyN)() // no plan yet: Ctrl+N asks for the plan first
		d := s.plan.dialog
		if d == nil || !d.isOpen() {
			t.Fatal("Ctrl+N on a year without a plan should open the plan's dialog")
		}
		d.name.SetText("")
		m.Shortcut(fyne.KeyS)()
		if !d.isOpen() || !d.message.Visible() || !strings.Contains(d.message.Text, "Tên kế hoạch") {
			t.Fatalf("a plan without a name should be refused in the dialog, which stays open; says %q", d.message.Text)
		}
		test.Type(d.name, "Kế hoạch khuyến công thành phố Hà Nội")
		test.Type(d.decision, "1234/QĐ-UBND")
		test.Type(d.date, "15/01/"+itoa(year))
		m.Shortcut(fyne.KeyS)()
		if d.isOpen() {
			t.Fatalf("the plan should be saved, the dialog says %q", d.message.Text)
		}
		plan, err := db.FindPlan(bg, year)
		if err != nil || plan.Decision != "1234/QĐ-UBND" {
			t.Fatalf("stored plan %+v, %v", plan, err)
		}
		if !strings.Contains(s.plan.title.Text, "1234/QĐ-UBND") {
			t.Fatalf("the plan's title should show its decision: %q", s.plan.title.Text)
		}

		m.Shortcut(fyne.KeyN)()
		p := s.detail
		if p == nil || !strings.HasPrefix(p.form.code.Text, "ĐA-01/") {
			t.Fatalf("Ctrl+N should open a new đề án with a proposed code, got %+v", p)
		}
		test.Type(p.form.name, "Đào tạo nghề gốm sứ cho lao động nông thôn")
		selectValue(p.form.kind, data.Contents, data.ContentTraining)
		for _, bad := range []struct{ text, says string }{{"abc", "không đọc được"}, {"-1", "không được là số âm"}} {
			p.form.support.SetText(bad.text)
			if err := p.form.support.Validate(); err == nil || !strings.Contains(err.Error(), bad.says) {
				t.Fatalf("support %q: the field says %v, want %q", bad.text, err, bad.says)
			}
			m.Shortcut(fyne.KeyS)()
			if !p.form.message.Visible() || !strings.Contains(p.form.message.Text, bad.says) {
				t.Fatalf("support %q should be refused with %q, form says %q", bad.text, bad.says, p.form.message.Text)
			}
			if n, _ := db.CountProgrammes(bg, data.ProgrammeFilter{}); n != 0 {
				t.Fatalf("a refused đề án was stored (%d)", n)
			}
		}
		p.form.support.SetText("1,5 tỷ")
		test.Type(p.form.own, "300 triệu")
		test.Tap(p.form.addTarget)
		r := p.form.targets[0]
		test.Type(r.label, "Đào tạo nghề gốm")
		test.Type(r.number, "150")
		m.Shortcut(fyne.KeyS)()
		if p = s.detail; p.form.message.Visible() {
			t.Fatalf("save refused: %s", p.form.message.Text)
		}
		g, err := db.FindProgrammeByCode(bg, year, "ĐA-01/"+itoa(year))
		if err != nil {
			t.Fatal(err)
		}
		if g.Support != 1_500_000_000 || g.Own != 300_000_000 || len(g.Targets) != 1 || g.Targets[0].Planned != 150 || g.Targets[0].Measure != data.MeasureTrainees {
			t.Fatalf("stored %+v", g)
		}
		if got := len(s.detail.tabs.Items); got != 3 {
			t.Fatalf("a saved đề án should show 3 tabs, has %d", got)
		}
		s.back()
		if s.table.Count() != 1 || s.count.Text != "1 đề án" {
			t.Fatalf("list shows %d (%q)", s.table.Count(), s.count.Text)
		}
		if txt := labelTexts(s.plan.totals); !strings.Contains(txt, "1.500.000.000") || !strings.Contains(txt, "Khuyến công địa phương") {
			t.Fatalf("the plan's totals should count the đề án by funding: %q", txt)
		}
	})

	t.Run("PaymentRefusedThenAccepted", func(t *testing.T) {
		m, db := newTestMain(t)
		year := m.today().Year
		g := newProgramme(t, db, year, "ĐA-02/"+itoa(year), data.ContentInformation, 100_000_000, data.ProgrammeRunning)
		s := programmes(t, m)
		s.open(g)
		p := s.detail
		test.Tap(p.payments.add)
		d := p.payments.dialog
		if d == nil || !d.isOpen() || m.Window.Canvas().Focused() != d.kind {
			t.Fatal("“Thêm khoản chi…” should open the dialog with the cursor on its first field")
		}
		test.Type(d.amount, "150 triệu")
		test.Type(d.voucher, "PC-01")
		m.Shortcut(fyne.KeyS)()
		if !d.isOpen() || !strings.Contains(d.message.Text, "còn lại") {
			t.Fatalf("more than remains should be refused in the open dialog, saying what remains; says %q", d.message.Text)
		}
		if dt, _ := db.ProgrammeDetail(bg, g.ID); len(dt.Payments) != 0 {
			t.Fatal("a refused payment was stored")
		}
		d.amount.SetText("")
		test.Type(d.amount, "40 triệu")
		d.amount.OnSubmitted(d.amount.Text) // Enter in the field saves
		if d.isOpen() {
			t.Fatalf("the payment should be saved, the dialog says %q", d.message.Text)
		}
		dt, err := db.ProgrammeDetail(bg, g.ID)
		if err != nil || len(dt.Payments) != 1 || dt.Payments[0].Amount != 40_000_000 || dt.Payments[0].Voucher != "PC-01" {
			t.Fatalf("stored %+v, %v", dt, err)
		}
		if !strings.Contains(p.payments.summary.Text, "60.000.000") || !strings.Contains(labelTexts(p.payments.rows), "PC-01") {
			t.Fatalf("the payments tab should list the payment and what remains: %q", p.payments.summary.Text)
		}
		// Esc in a field closes the dialog without saving.
		test.Tap(p.payments.add)
		d = p.payments.dialog
		test.Type(d.amount, "1 triệu")
		d.amount.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if d.isOpen() {
			t.Fatal("Esc should close the payment dialog")
		}
	})

	t.Run("StatusMoves", func(t *testing.T) {
		m, db := newTestMain(t)
		year := m.today().Year
		g := newProgramme(t, db, year, "ĐA-07/"+itoa(year), data.ContentConsulting, 100_000_000, data.ProgrammeProposed)
		s := programmes(t, m)
		s.open(g)
		p := s.detail
		if got := labelTexts(p.header.content); !strings.Contains(got, "[Đề xuất]") {
			t.Fatalf("the header should show the status: %q", got)
		}
		p.payments.show()
		if !p.payments.add.Disabled() {
			t.Fatal("a proposed đề án cannot pay: “Thêm khoản chi…” should be off")
		}
		p.move(data.ProgrammeApproved)
		tapButton(t, m, "Có")
		if got, _ := db.FindProgrammeByID(bg, g.ID); got.Status != data.ProgrammeApproved {
			t.Fatalf("status %s, want approved", got.Status)
		}
		if p.payments.add.Disabled() {
			t.Fatal("an approved đề án pays: “Thêm khoản chi…” should be on")
		}
		p.move(data.ProgrammeCancelled) // asks the reason
		if !strings.Contains(overlayText(m), "Hủy đề án") {
			t.Fatalf("cancelling should ask why:\n%s", overlayText(m))
		}
	})

	t.Run("FairPicker", func(t *testing.T) {
		m, db := newTestMain(t)
		year := m.today().Year
		newProgramme(t, db, year, "ĐA-08/"+itoa(year), data.ContentTraining, 100_000_000, data.ProgrammeApproved)
		g := newProgramme(t, db, year, "ĐA-09/"+itoa(year), data.ContentProducts, 300_000_000, data.ProgrammeApproved)
		fs := fairs(t, m, db)
		p := openFair(t, fs, db)
		f := p.form
		pickOnly(t, f.programme, "đa", g)
		m.Shortcut(fyne.KeyS)()
		if f.message.Visible() {
			t.Fatalf("save refused: %s", f.message.Text)
		}
		if got, _ := db.FindFairByID(bg, p.f.ID); got.ProgrammeID != g.ID || got.ProgrammeCode != g.Code {
			t.Fatalf("the fair is linked to %d %q, want %s", got.ProgrammeID, got.ProgrammeCode, g.Code)
		}
	})

	t.Run("PrintButtons", func(t *testing.T) {
		m, db := newTestMain(t)
		year := m.today().Year
		g := newProgramme(t, db, year, "ĐA-06/"+itoa(year), data.ContentTraining, 200_000_000, data.ProgrammeRunning)
		s := programmes(t, m)
		s.open(g)
		for _, tc := range []struct {
			kind   docs.Kind
			format docs.Format
			file   string
			kc     func(w io.Writer) error
		}{
			{docs.KindProgrammeSheet, docs.PDF, "de-an-ĐA-06-" + itoa(year) + ".pdf", func(w io.Writer) error {
				return m.builder.ProgrammeSheet(bg, g.ID, docs.PDF, w)
			}},
			{docs.KindProgrammeProgress, docs.XLSX, "tien-do-de-an-ĐA-06-" + itoa(year) + ".xlsx", func(w io.Writer) error {
				return m.builder.ProgrammeProgress(bg, g.ID, vn.Date{}, docs.XLSX, w)
			}},
		} {
			d := s.detail.document(tc.kind, tc.format)
			var got, want bytes.Buffer
			if err := d.write(bg, &got); err != nil {
				t.Fatal(err)
			}
			if err := tc.kc(&want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) || got.Len() == 0 {
				t.Errorf("%s: the button writes %d bytes, the builder %d", tc.kind, got.Len(), want.Len())
			}
			if d.name != tc.file {
				t.Errorf("%s: the save dialog proposes %q, want %q", tc.kind, d.name, tc.file)
			}
		}
	})

	t.Run("LinkClass", func(t *testing.T) {
		m, db := newTestMain(t)
		year := m.today().Year
		g := newProgramme(t, db, year, "ĐA-03/"+itoa(year), data.ContentTraining, 500_000_000, data.ProgrammeApproved)
		newProgramme(t, db, year, "ĐA-04/"+itoa(year), data.ContentProducts, 500_000_000, data.ProgrammeApproved)
		newProgramme(t, db, year-1, "ĐA-05/"+itoa(year-1), data.ContentTraining, 500_000_000, data.ProgrammeApproved)
		cs := classes(t, m)
		cs.New()
		f := cs.detail.form
		typeClass(f, "Lớp truyền nghề mây tre đan", "02/03/"+itoa(year), "30/05/"+itoa(year))
		pickOnly(t, f.programme, "da", g)
		m.Shortcut(fyne.KeyS)()
		if f.message.Visible() {
			t.Fatalf("save refused: %s", f.message.Text)
		}
		c := cs.detail.c
		if c.ProgrammeID != g.ID {
			t.Fatalf("the class is linked to %d, want %d", c.ProgrammeID, g.ID)
		}
		s := programmes(t, m)
		s.open(g)
		p := s.detail
		if !strings.Contains(labelTexts(p.acts), "Lớp truyền nghề mây tre đan") {
			t.Fatalf("the đề án's activities should list the class: %q", labelTexts(p.acts))
		}
		m.openActivity(p.detail.Activities[0])
		back, ok := m.Current().(*classScreen)
		if !ok || back.detail == nil || back.detail.c.ID != c.ID {
			t.Fatalf("the class's link should open the class, shows %T", m.Current())
		}
	})
}

// pickOnly types text into a đề án picker, checks that it offers g alone (of the right year and
// content) and takes it with Enter.
func pickOnly(t *testing.T, p *programmePicker, text string, g *data.Programme) {
	t.Helper()
	p.SetText("")
	test.Type(p, text)
	if got := p.Matches(); len(got) != 1 || !strings.HasPrefix(got[0], g.Code) {
		t.Fatalf("the picker should offer only %s, of its year and content; offers %q", g.Code, got)
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// labelTexts returns the texts of the labels and links laid out in o.
func labelTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, l := range test.LaidOutObjects(o) {
		switch w := l.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.Hyperlink:
			b.WriteString(w.Text + "\n")
		}
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

// translations reads every translation file of language into one map.
func translations(t *testing.T, language string) map[string]any {
	t.Helper()
	paths, err := translationFiles(language)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for _, p := range paths {
		b, err := assets.Translations.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	return out
}

// TestProgrammeTranslations checks the names of the programme enumerations in both languages.
func TestProgrammeTranslations(t *testing.T) {
	var keys []string
	for _, c := range data.Contents {
		keys = append(keys, "content."+string(c), "contentshort."+string(c))
	}
	for _, f := range data.Fundings {
		keys = append(keys, "funding."+string(f), "fundingshort."+string(f))
	}
	for _, st := range data.ProgrammeStatuses {
		keys = append(keys, "programmestatus."+string(st))
		for _, to := range st.Next() {
			keys = append(keys, "programmemove."+string(to))
		}
	}
	for _, ms := range data.Measures {
		keys = append(keys, "measure."+string(ms))
	}
	for _, k := range paymentKinds {
		keys = append(keys, "paymentkind."+string(k))
	}
	for _, language := range []string{"vi", "en"} {
		m := translations(t, language)
		for _, k := range keys {
			if _, ok := m[k]; !ok {
				t.Errorf("%s lacks %q", language, k)
			}
		}
	}
}
