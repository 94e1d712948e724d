package ui

import (
	"fmt"
	"maps"
	"testing"

	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/ui/realwindow"
)

// The keyboard of the support screens under a real window: the support-rules dialog, the forms of
// a support request and of a craft village, the plan dialog, and the dashboard's tiles.

// fairsSupportScenes are the real-window scenes of the support screens and the dashboard.
var fairsSupportScenes = map[string]func(m *Main) (state func() string){
	// The support-rules dialog, opened three times: after each close the scene opens it again.
	"fairs-rules": func(m *Main) func() string {
		var s *equipmentScreen
		openList(m, lang.L("Equipment support"), func(e *equipmentScreen) { s = e })
		return fairsReopened(3, func() { s.editRules() }, func() bool { return s.rulesDialog.open })
	},
	// The plan of the year's dialog, opened three times as the rules' is.
	"fairs-plan": func(m *Main) func() string {
		var s *programmeScreen
		openList(m, lang.L("Programmes"), func(p *programmeScreen) { s = p })
		return fairsReopened(3, s.plan.edit, func() bool { return s.plan.dialog.isOpen() })
	},
	// The first support request, the cursor in what is bought.
	"fairs-equipment": func(m *Main) func() string {
		var s *equipmentScreen
		openList(m, lang.L("Equipment support"), func(e *equipmentScreen) { s = e })
		row, _ := s.table.Row(0)
		s.open(row)
		m.Window.Canvas().Focus(s.detail.form.what)
		return fairsFormState(m, func() bool { return s.isOpen() })
	},
	// A new support request, the cursor where it starts: in the enterprise picker.
	"fairs-equipment-new": func(m *Main) func() string {
		var s *equipmentScreen
		openList(m, lang.L("Equipment support"), func(e *equipmentScreen) { s = e })
		s.New()
		p := s.detail
		return func() string {
			state := fmt.Sprintf("enterprise %s programme %s", p.form.enterprise.Selected(), p.form.programme.Selected())
			if p.e.ID != 0 {
				state += " saved"
			}
			return state
		}
	},
	// Đề án ĐA-03, the cursor where it starts: in its name.
	"fairs-programme": func(m *Main) func() string {
		var s *programmeScreen
		openList(m, lang.L("Programmes"), func(p *programmeScreen) { s = p })
		g, err := m.Services.Programmes.FindProgrammeByCode(m.ctx(), m.today().Year, "ĐA-03")
		if err != nil {
			panic(err)
		}
		s.open(g)
		return fairsFormState(m, func() bool { return s.isOpen() })
	},
	// The refusal dialog of the first support request.
	"fairs-refuse": func(m *Main) func() string {
		var s *equipmentScreen
		openList(m, lang.L("Equipment support"), func(e *equipmentScreen) { s = e })
		row, _ := s.table.Row(0)
		s.open(row)
		p := s.detail
		p.move(data.EquipmentRefused)
		return func() string {
			if p.moving != nil {
				return "dialog open"
			}
			return "moved " + p.e.Status.Label()
		}
	},
	// The first craft village, the cursor in its name.
	"fairs-village": func(m *Main) func() string {
		var s *villageScreen
		openList(m, lang.L("Craft villages"), func(v *villageScreen) { s = v })
		row, _ := s.table.Row(0)
		s.open(row)
		m.Window.Canvas().Focus(s.detail.form.name)
		return fairsFormState(m, func() bool { return s.isOpen() })
	},
	// The dashboard with the cursor in its year; once a tile opened a list, the dashboard is shown
	// again with the cursor in the year.
	"fairs-dashboard": func(m *Main) func() string {
		m.Show(0)
		d := m.Current().(*dashboardScreen)
		m.Window.Canvas().Focus(d.year)
		return func() string {
			if m.Current() == Screen(d) {
				if t, ok := m.Window.Canvas().Focused().(*figureTile); ok {
					return "dashboard on: " + t.f.title
				}
				return fmt.Sprintf("dashboard on: %T: %p", m.Window.Canvas().Focused(), m.Window.Canvas().Focused())
			}
			state := fmt.Sprintf("opened %T", m.Current())
			m.Show(0)
			m.Window.Canvas().Focus(d.year)
			return state
		}
	},
}

func init() { maps.Copy(realWindowScenes, fairsSupportScenes) }

// fairsReopened opens a dialog with show and, each time it closes, again, until it has been
// opened times times. Its state is "open N" or "closed N" of the Nth opening.
func fairsReopened(times int, show func(), open func() bool) func() string {
	show()
	n := 1
	return func() string {
		if open() {
			return fmt.Sprintf("open %d", n)
		}
		state := fmt.Sprintf("closed %d", n)
		if n < times {
			n++
			show()
		}
		return state
	}
}

// fairsFormState is the state of a list's form: "form closed", "asked" while a question is up,
// or "form open".
func fairsFormState(m *Main, open func() bool) func() string {
	return func() string {
		switch {
		case !open():
			return "form closed"
		case m.Window.Canvas().Overlays().Top() != nil:
			return "asked"
		}
		return "form open"
	}
}

func TestFairsSupportRulesRealWindow(t *testing.T) {
	path, _, _ := sceneDB(t)
	w := realwindow.Start(t, "fairs-rules", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	rule := func(share int, cap int64) {
		t.Helper()
		eventually(t, path, func(db *store.DB) string {
			st, err := db.EquipmentSettings(bg)
			if r := st.Rules[data.EquipmentMachine]; err != nil || r.SharePercent != share || r.Cap != cap {
				return fmt.Sprintf("the machines' rule is %+v (%v)", r, err)
			}
			return ""
		})
	}
	// The cursor starts in the machines' share; Tab goes on to their cap; Enter saves.
	w.Expect("open 1")
	w.Key("ctrl+a")
	w.Type("60")
	w.Key("Tab", "ctrl+a")
	w.Type("250000000")
	w.Key("Return")
	w.Expect("closed 1")
	rule(60, 250_000_000)
	// Ctrl+S saves too.
	w.Expect("open 2")
	w.Key("ctrl+a")
	w.Type("55")
	w.Key("ctrl+s")
	w.Expect("closed 2")
	rule(55, 250_000_000)
	// Esc closes without saving.
	w.Expect("open 3")
	w.Key("ctrl+a")
	w.Type("70")
	w.Key("Escape")
	w.Expect("closed 3")
	rule(55, 250_000_000)
}

func TestFairsPlanDialogRealWindow(t *testing.T) {
	path, _, _ := sceneDB(t)
	w := realwindow.Start(t, "fairs-plan", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	year := fairsSceneYear(t, path)
	plan := func(ok func(p *data.Plan) bool) {
		t.Helper()
		eventually(t, path, func(db *store.DB) string {
			p, err := db.FindPlan(bg, year)
			if err != nil || !ok(p) {
				return fmt.Sprintf("the plan is %+v (%v)", p, err)
			}
			return ""
		})
	}
	// The cursor starts in the name; Tab goes to the decision; Enter saves.
	w.Expect("open 1")
	w.Key("Tab")
	w.Type("QD 15/QD-UBND")
	w.Key("Return")
	w.Expect("closed 1")
	plan(func(p *data.Plan) bool { return p.Decision == "QD 15/QD-UBND" })
	// Two Tabs reach the decision's date; Ctrl+S saves.
	w.Expect("open 2")
	w.Key("Tab", "Tab", "ctrl+a")
	w.Type(fmt.Sprintf("15/01/%d", year))
	w.Key("ctrl+s")
	w.Expect("closed 2")
	plan(func(p *data.Plan) bool { return p.DecisionDate.String() == fmt.Sprintf("15/01/%d", year) })
	// Esc closes without saving what was typed.
	w.Expect("open 3")
	w.Key("ctrl+a")
	w.Type("Ke hoach khac")
	w.Key("Escape")
	w.Expect("closed 3")
	plan(func(p *data.Plan) bool { return p.Name == "Kế hoạch khuyến công năm" })
}

// fairsSceneYear is the year of the scene's database clock.
func fairsSceneYear(t *testing.T, path string) int {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return db.Now().Year()
}

func TestFairsEquipmentFormRealWindow(t *testing.T) {
	path, _, e := sceneDB(t)
	w := realwindow.Start(t, "fairs-equipment", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Expect("form open")
	// Ctrl+S saves what was typed.
	w.Key("End")
	w.Type(" moi")
	w.Key("ctrl+s")
	stored(t, path, e.ID, func(q *data.Equipment) bool { return q.What == "Lò nung gas moi" })
	// Esc with a change not saved asks first; Tab reaches the question's buttons (No, then
	// Yes) and Space on Yes discards the change and closes the form.
	w.Type("x")
	w.Key("Escape")
	w.Expect("asked")
	w.Key("Tab", "Tab", "space")
	w.Expect("form closed")
	stored(t, path, e.ID, func(q *data.Equipment) bool { return q.What == "Lò nung gas moi" })
}

func TestFairsEquipmentNewRealWindow(t *testing.T) {
	path, _, e := sceneDB(t)
	w := realwindow.Start(t, "fairs-equipment-new", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	// Typed into at once, the enterprise picker finds it; Enter takes it.
	w.Type("minh l")
	w.Key("Return")
	w.Expect(fmt.Sprintf("enterprise %d programme ", e.EnterpriseID))
	// Tab passes the date to the đề án picker, which takes "may moc" and Enter.
	w.Key("Tab", "Tab")
	w.Type("may moc")
	w.Key("Return")
	w.Expect(fmt.Sprintf("enterprise %d programme %d", e.EnterpriseID, e.ProgrammeID))
	// Tab passes the kind to what is bought, then the supplier to the investment; Ctrl+S saves.
	w.Key("Tab", "Tab")
	w.Type("May ep gach")
	w.Key("Tab", "Tab")
	w.Type("400000000")
	w.Key("ctrl+s")
	w.Expect(fmt.Sprintf("enterprise %d programme %d saved", e.EnterpriseID, e.ProgrammeID))
	eventually(t, path, func(db *store.DB) string {
		qs, err := db.FindEquipment(bg, data.EquipmentFilter{Search: "may ep gach"})
		if err != nil || len(qs) != 1 || qs[0].EnterpriseID != e.EnterpriseID || qs[0].ProgrammeID != e.ProgrammeID ||
			qs[0].Investment != 400_000_000 {
			return fmt.Sprintf("stored %+v (%v)", qs, err)
		}
		return ""
	})
}

func TestFairsRefuseDialogRealWindow(t *testing.T) {
	path, _, e := sceneDB(t)
	w := realwindow.Start(t, "fairs-refuse", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Expect("dialog open")
	// The cursor starts in the reason, of several lines: Enter starts a new line and refuses
	// nothing; Ctrl+S refuses.
	w.Type("Ho so thieu")
	w.Key("Return")
	w.Type("hoa don")
	stored(t, path, e.ID, func(q *data.Equipment) bool { return q.Status == data.EquipmentRequested })
	w.Key("ctrl+s")
	w.Expect("moved " + data.EquipmentRefused.Label())
	stored(t, path, e.ID, func(q *data.Equipment) bool {
		return q.Status == data.EquipmentRefused && q.RefusalReason == "Ho so thieu\nhoa don"
	})
}

func TestFairsProgrammeFormRealWindow(t *testing.T) {
	path, _, e := sceneDB(t)
	w := realwindow.Start(t, "fairs-programme", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	named := func(want string) {
		t.Helper()
		eventually(t, path, func(db *store.DB) string {
			d, err := db.ProgrammeDetail(bg, e.ProgrammeID)
			if err != nil {
				return err.Error()
			}
			if d.Programme.Name != want {
				return fmt.Sprintf("stored name %q, want %q", d.Programme.Name, want)
			}
			return ""
		})
	}
	w.Expect("form open")
	w.Key("End")
	w.Type(" nam nay")
	w.Key("ctrl+s")
	named("Hỗ trợ máy móc cho cơ sở gốm nam nay")
	// A change makes Esc ask first: Tab reaches No and Space keeps the form open with the
	// change, which Ctrl+S then saves (once it met the first save as a colleague's).
	w.Type("!")
	w.Key("Escape")
	w.Expect("asked")
	w.Key("Tab", "space")
	w.Expect("form open")
	w.Key("ctrl+s")
	named("Hỗ trợ máy móc cho cơ sở gốm nam nay!")
	// Saved, Esc closes the form without asking.
	w.Key("Escape")
	w.Expect("form closed")
}

func TestFairsVillageFormRealWindow(t *testing.T) {
	path, v, _ := sceneDB(t)
	w := realwindow.Start(t, "fairs-village", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Expect("form open")
	// Ctrl+S saves what was typed; saved, Esc closes the form without asking.
	w.Key("End")
	w.Type(" 2")
	w.Key("ctrl+s")
	eventually(t, path, func(db *store.DB) string {
		if got, err := db.FindVillageByID(bg, v.ID); err != nil || got.Name != v.Name+" 2" {
			return fmt.Sprintf("stored %+v (%v)", got, err)
		}
		return ""
	})
	w.Key("Escape")
	w.Expect("form closed")
}

func TestFairsDashboardTilesRealWindow(t *testing.T) {
	path, _, _ := sceneDB(t)
	w := realwindow.Start(t, "fairs-dashboard", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Expect("dashboard on: *widget.Select: ")
	// Tab leaves the year for the tiles, in reading order; the fourth, the fairs, opens on Enter.
	w.Key("Tab")
	w.Expect("dashboard on: Lớp học đã mở")
	w.Key("Tab", "Tab", "Tab")
	w.Expect("dashboard on: Hội chợ, triển lãm")
	w.Key("Return")
	w.Expect("opened *ui.fairScreen")
	// Back on the dashboard, the first tile opens on Space.
	w.Expect("dashboard on: *widget.Select: ")
	w.Key("Tab", "space")
	w.Expect("opened *ui.classScreen")
}
