package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/ui/widgets"
)

// newSupportMain is newTestMain with the services of programmes, equipment and villages.
func newSupportMain(t *testing.T) (*Main, *store.DB) {
	t.Helper()
	m, db := newTestMain(t)
	withSupport(m)
	return m, db
}

// withSupport gives m's window the services of programmes, equipment and villages of its store.
func withSupport(m *Main) {
	db := m.Services.Enterprises.(*store.DB)
	m.Services.Programmes, m.Services.Equipment, m.Services.Villages = db, db, db
	m.builder.Programmes, m.builder.Villages = db, db
}

// techProgramme stores this year's plan and an approved đề án that may pay equipment.
func techProgramme(t *testing.T, m *Main, db *store.DB) *data.Programme {
	t.Helper()
	ctx := bg
	year := m.today().Year
	plan := &data.Plan{Year: year, Name: "Kế hoạch khuyến công năm"}
	if err := db.SavePlan(ctx, plan); err != nil {
		t.Fatal(err)
	}
	p := &data.Programme{PlanID: plan.ID, Code: "ĐA-03", Name: "Hỗ trợ máy móc cho cơ sở gốm", Content: data.ContentTechnology,
		Funding: data.FundingLocal, Start: m.today().AddDays(-30), End: m.today().AddDays(200), Support: 2_000_000_000}
	if err := db.CreateProgramme(ctx, p); err != nil {
		t.Fatal(err)
	}
	p, err := db.SetProgrammeStatus(ctx, p.ID, p.Version, data.ProgrammeApproved, "")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pick types text into a picker and takes the first match, as Enter does.
func pick(p *widgets.Picker, text string) {
	p.SetText("")
	test.Type(p, text)
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// requestFixture makes a window on a store holding an approved đề án of technology and an
// enterprise, and saves a request for a machine costing investment through the form.
func requestFixture(t *testing.T, investment string) (*Main, *store.DB, *equipmentPage) {
	t.Helper()
	m, db := newSupportMain(t)
	techProgramme(t, m, db)
	newFairEnterprise(t, db, "Công ty TNHH Gốm Minh Long")
	return m, db, newEquipment(t, showScreen[*equipmentScreen](t, m), "minh long", investment)
}

// newEquipment fills the open equipment form with a machine costing investment and saves it.
func newEquipment(t *testing.T, s *equipmentScreen, enterprise, investment string) *equipmentPage {
	t.Helper()
	s.New()
	p := s.detail
	f := p.form
	pick(f.enterprise, enterprise)
	pick(f.programme, "ĐA-03")
	test.Type(f.what, "Lò nung gas 3 m³")
	test.Type(f.supplier, "Công ty Nhiệt Việt")
	test.Type(f.investment, investment)
	test.Type(f.requested, "250 triệu")
	if f.enterprise.Selected() == "" || f.programme.Selected() == "" {
		t.Fatalf("pickers chose enterprise %q, đề án %q", f.enterprise.Selected(), f.programme.Selected())
	}
	p.save()
	if f.message.Visible() {
		t.Fatalf("the request was refused: %s", f.message.Text)
	}
	return p
}

func TestEquipmentScreen(t *testing.T) {
	t.Run("CreateShowsRuleAndCode", func(t *testing.T) {
		m, db := newSupportMain(t)
		techProgramme(t, m, db)
		ent := newFairEnterprise(t, db, "Công ty TNHH Gốm Minh Long")
		s := showScreen[*equipmentScreen](t, m)
		s.typing.delay = 0
		p := newEquipment(t, s, "minh long", "600 triệu")
		if got, want := p.form.rule.Text, "Với tổng vốn 600.000.000 đ, hỗ trợ tối đa 200.000.000 đ."; !strings.Contains(got, want) {
			t.Fatalf("rule=%q, want it to say %q", got, want)
		}
		if !strings.Contains(p.form.rule.Text, "50% tổng vốn đầu tư, tối đa 200.000.000 đ") {
			t.Fatalf("rule=%q, want the rule of machinery", p.form.rule.Text)
		}
		es, err := db.FindEquipment(bg, data.EquipmentFilter{})
		if err != nil || len(es) != 1 {
			t.Fatalf("stored %d records (%v), want 1", len(es), err)
		}
		e := es[0]
		if e.EnterpriseID != ent.ID || e.Investment != 600_000_000 || e.Requested != 250_000_000 || e.Status != data.EquipmentRequested || e.Code == "" {
			t.Fatalf("stored %+v", e)
		}
		if got := s.count.Text; got != "1 hồ sơ hỗ trợ" {
			t.Fatalf("count=%q", got)
		}
		if !strings.HasPrefix(p.header.title.Text, e.Code+" · ") {
			t.Fatalf("title=%q, want the code %s", p.header.title.Text, e.Code)
		}
		// The kind's rule follows the kind chosen.
		p.form.kind.SetSelectedIndex(2)
		if !strings.Contains(p.form.rule.Text, "30% tổng vốn đầu tư, tối đa 500.000.000 đ") {
			t.Fatalf("rule of a model=%q", p.form.rule.Text)
		}
	})

	t.Run("RulesAreSettings", func(t *testing.T) {
		m, db := newSupportMain(t)
		s := showScreen[*equipmentScreen](t, m)
		d := s.editRules()
		machine := data.EquipmentKinds[0]
		d.share[machine].SetText("120")
		d.save()
		if !d.message.Visible() || !strings.Contains(d.message.Text, "0 đến 100") {
			t.Fatalf("a share of 120%%: message %q", d.message.Text)
		}
		if st, _ := db.EquipmentSettings(bg); st.Rules[machine] != data.DefaultEquipmentSettings().Rules[machine] {
			t.Fatalf("a refused rule was stored: %+v", st.Rules[machine])
		}
		d.share[machine].SetText("40")
		d.cap[machine].SetText("150 triệu")
		d.cap[machine].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		st, err := db.EquipmentSettings(bg)
		if err != nil || st.Rules[machine] != (data.EquipmentRule{SharePercent: 40, Cap: 150_000_000}) {
			t.Fatalf("stored %+v (%v)", st.Rules[machine], err)
		}
		s.New()
		test.Type(s.detail.form.investment, "300 triệu")
		if got := s.detail.form.rule.Text; !strings.Contains(got, "40% tổng vốn đầu tư, tối đa 150.000.000 đ") || !strings.Contains(got, "hỗ trợ tối đa 120.000.000 đ") {
			t.Fatalf("a new request's rule=%q", got)
		}
	})

	t.Run("ErrMissingEnterprise", func(t *testing.T) {
		m, db := newSupportMain(t)
		techProgramme(t, m, db)
		s := showScreen[*equipmentScreen](t, m)
		s.New()
		f := s.detail.form
		test.Type(f.what, "Máy ép")
		test.Type(f.investment, "100 triệu")
		s.Save()
		refusedNothing(t, f.message, "cơ sở", func(ctx context.Context) (int, error) { return db.CountEquipment(ctx, data.EquipmentFilter{}) })
	})

	t.Run("ApproveAboveCapNeedsReason", func(t *testing.T) {
		m, db, p := requestFixture(t, "600 triệu")
		if got := strings.Join(buttonTexts(p.header.moves), ", "); got != "Duyệt…, Từ chối…" {
			t.Fatalf("moves=%q", got)
		}
		p.move(data.EquipmentApproved)
		d := p.moving
		if d == nil {
			t.Fatal("no approve dialog")
		}
		if got := d.amount.Text; got != "200.000.000" {
			t.Fatalf("proposed %q, want what the rule allows", got)
		}
		d.amount.SetText("250.000.000")
		m.Shortcut(fyne.KeyS)() // Ctrl+S confirms the dialog
		if !d.message.Visible() || !strings.Contains(d.message.Text, "lý do") {
			t.Fatalf("message in the dialog=%q, want the reason asked for", d.message.Text)
		}
		if p.moving != d {
			t.Fatal("a refused approval closed its dialog")
		}
		stored, err := db.FindEquipmentByID(bg, p.e.ID)
		if err != nil || stored.Status != data.EquipmentRequested || stored.Approved != 0 {
			t.Fatalf("after the refusal the store holds %+v (%v)", stored, err)
		}
		test.Type(d.why, "Giám đốc Trung tâm duyệt theo tờ trình số 12/TTr")
		d.submit()
		if p.moving != nil {
			t.Fatalf("dialog still open: %q", d.message.Text)
		}
		stored, err = db.FindEquipmentByID(bg, p.e.ID)
		if err != nil || stored.Status != data.EquipmentApproved || stored.Approved != 250_000_000 || stored.OverCapReason == "" {
			t.Fatalf("stored %+v (%v)", stored, err)
		}
		if got := p.header.status.Text; got != "[Được duyệt]" {
			t.Fatalf("status=%q", got)
		}
		if !strings.Contains(p.form.record.Text, "250.000.000 đ") || !strings.Contains(p.form.record.Text, "tờ trình") {
			t.Fatalf("record=%q", p.form.record.Text)
		}
		if got, want := p.form.rule.Text, "với tổng vốn của hồ sơ, hỗ trợ tối đa 200.000.000 đ"; !strings.Contains(got, want) {
			t.Fatalf("rule once approved=%q, want it to say %q", got, want)
		}
		// Accept, then pay, each with its date; Esc closes a dialog without moving.
		p.move(data.EquipmentAccepted)
		p.moving.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if p.moving != nil {
			t.Fatal("Esc left the dialog open")
		}
		p.move(data.EquipmentAccepted)
		p.moving.date.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter confirms today's date
		p.move(data.EquipmentPaid)
		p.moving.submit()
		stored, _ = db.FindEquipmentByID(bg, p.e.ID)
		if stored.Status != data.EquipmentPaid || stored.AcceptedOn != m.today() || stored.PaidOn != m.today() {
			t.Fatalf("stored %+v", stored)
		}
		if len(p.header.moves.Objects) != 0 || !p.form.saveBtn.Hidden {
			t.Fatal("a paid record still offers moves or a save")
		}
	})

	t.Run("RefuseNeedsReason", func(t *testing.T) {
		_, db, p := requestFixture(t, "300 triệu")
		p.move(data.EquipmentRefused)
		d := p.moving
		d.submit()
		if !d.message.Visible() {
			t.Fatal("refusing without a reason was not refused")
		}
		test.Type(d.reason, "Hồ sơ thiếu hợp đồng mua bán")
		d.submit()
		stored, _ := db.FindEquipmentByID(bg, p.e.ID)
		if stored.Status != data.EquipmentRefused || stored.RefusalReason != "Hồ sơ thiếu hợp đồng mua bán" {
			t.Fatalf("stored %+v", stored)
		}
	})
}

// refusedNothing checks that a form's message says want and that count finds nothing stored.
func refusedNothing(t *testing.T, message *widget.Label, want string, count func(context.Context) (int, error)) {
	t.Helper()
	if !message.Visible() || !strings.Contains(message.Text, want) {
		t.Fatalf("message=%q, want it to say %q", message.Text, want)
	}
	if n, err := count(bg); n != 0 || err != nil {
		t.Fatalf("%d stored (%v), want nothing", n, err)
	}
}

// buttonTexts are the texts of the buttons in c.
func buttonTexts(c *fyne.Container) []string {
	var out []string
	for _, o := range c.Objects {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	}
	return out
}
