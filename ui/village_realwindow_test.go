package ui

import (
	"fmt"
	"maps"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/ui/realwindow"

	"fyne.io/fyne/v2/lang"
)

// The window's keyboard under a real window: the village picker in the enterprise form and the
// approve dialog of an equipment record, typed into with xdotool (ASCII only).

// villageScenes are the real-window scenes of the village picker and the approve dialog.
var villageScenes = map[string]func(m *Main) (state func() string){
	"enterprise-village": func(m *Main) func() string {
		var s *enterpriseScreen
		openList(m, lang.L("Enterprises"), func(e *enterpriseScreen) { s = e })
		row, _ := s.table.Row(0)
		s.open(row)
		m.Window.Canvas().Focus(s.detail.village)
		return func() string {
			if !s.isOpen() {
				return "form closed"
			}
			return "village " + s.detail.village.Selected()
		}
	},
	"approve": func(m *Main) func() string {
		for i, en := range m.entries {
			if en.title == "Hỗ trợ thiết bị" {
				m.Show(i)
			}
		}
		s := m.Current().(*equipmentScreen)
		row, _ := s.table.Row(0)
		s.open(row)
		p := s.detail
		p.move(data.EquipmentApproved)
		reopened := false
		return func() string {
			switch {
			case p.moving == nil && !reopened: // Esc closed it: open it again for the rest
				reopened = true
				p.move(data.EquipmentApproved)
				return "dialog closed"
			case p.moving == nil:
				return "approved " + p.e.Status.Label()
			case p.moving.message.Visible():
				return "refused"
			}
			return "dialog open"
		}
	},
}

func init() { maps.Copy(realWindowScenes, villageScenes) }

// sceneDB makes the database a scene opens: a craft village, an enterprise, an approved đề án
// of technology and a request of 600.000.000 đ for a machine. It returns its path and what it holds.
func sceneDB(t *testing.T) (path string, v *data.Village, e *data.Equipment) {
	t.Helper()
	m, db := newSupportMain(t)
	v = newVillage(t, db, "Làng gốm Bát Tràng")
	ent := newFairEnterprise(t, db, "Công ty TNHH Gốm Minh Long")
	p := techProgramme(t, m, db)
	e = &data.Equipment{EnterpriseID: ent.ID, ProgrammeID: p.ID, Kind: data.EquipmentMachine, What: "Lò nung gas",
		RequestedOn: m.today(), Investment: 600_000_000, Requested: 300_000_000}
	if err := db.CreateEquipment(bg, e); err != nil {
		t.Fatal(err)
	}
	return sceneCopy(t, db), v, e
}

// sceneCopy copies db into a new file for a scene's window to open, and returns its path.
func sceneCopy(t *testing.T, db *store.DB) string {
	t.Helper()
	path, err := db.BackupTo(bg, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// eventually polls check on the scene's database until it returns "", failing with its last word.
func eventually(t *testing.T, path string, check func(db *store.DB) string) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	last := ""
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if last = check(db); last == "" {
			return
		}
	}
	t.Fatal(last)
}

// stored waits until the scene's store holds equipment record id as ok wants it.
func stored(t *testing.T, path string, id int64, ok func(*data.Equipment) bool) {
	t.Helper()
	eventually(t, path, func(db *store.DB) string {
		q, err := db.FindEquipmentByID(bg, id)
		if err != nil || !ok(q) {
			return fmt.Sprintf("the store holds %+v (%v)", q, err)
		}
		return ""
	})
}

func TestVillagePickerRealWindow(t *testing.T) {
	path, v, _ := sceneDB(t)
	w := realwindow.Start(t, "enterprise-village", realWindowTitle, sceneDBEnv+"="+path)
	// "bat tr" finds Làng gốm Bát Tràng, typed key by key into the picker's list; Enter takes it.
	w.Type("bat tr")
	w.Key("Return")
	w.Expect(fmt.Sprintf("village %d", v.ID))
	// Tab leaves the picker for the next field, the workers; Ctrl+S saves from there.
	w.Key("Tab", "ctrl+a")
	w.Type("42")
	w.Key("ctrl+s")
	eventually(t, path, func(db *store.DB) string {
		es, err := db.FindEnterprises(bg, data.EnterpriseFilter{})
		if err != nil || len(es) != 1 {
			return fmt.Sprintf("%d enterprises (%v)", len(es), err)
		}
		if e := es[0]; e.VillageID != v.ID || e.CraftVillage != v.Name || e.Workers != 42 {
			return fmt.Sprintf("stored village %d %q, %d workers", e.VillageID, e.CraftVillage, e.Workers)
		}
		return ""
	})
	// Saved, Esc closes the form.
	w.Key("Escape")
	w.Expect("form closed")
}

func TestApproveDialogRealWindow(t *testing.T) {
	path, _, e := sceneDB(t)
	w := realwindow.Start(t, "approve", realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("dialog open")
	// Esc closes the dialog without moving (the scene opens it again).
	w.Key("Escape")
	w.Expect("dialog closed")
	w.Expect("dialog open")
	// Above the rule's 200.000.000 đ without a reason: Enter is refused and the dialog stays.
	w.Key("ctrl+a")
	w.Type("250000000")
	w.Key("Return")
	w.Expect("refused")
	stored(t, path, e.ID, func(q *data.Equipment) bool { return q.Status == data.EquipmentRequested && q.Approved == 0 })
	// Tab reaches the reason; Ctrl+S confirms with it.
	w.Key("Tab")
	w.Type("Giam doc duyet theo to trinh 12")
	w.Key("ctrl+s")
	w.Expect("approved Được duyệt")
	stored(t, path, e.ID, func(q *data.Equipment) bool {
		return q.Status == data.EquipmentApproved && q.Approved == 250_000_000 && q.OverCapReason == "Giam doc duyet theo to trinh 12"
	})
}
