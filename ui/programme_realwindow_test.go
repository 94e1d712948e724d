package ui

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/ui/realwindow"
)

// The headless driver hands keys straight to a widget; these tests drive the real window under
// Xvfb with xdotool (package realwindow) for the đề án picker in the class form and the payment
// dialog: Tab order, Enter, Esc and Ctrl+S as a clerk types them.

// programmeScenes are the scenes of the Đề án screen's real-window tests: each sets the window
// up and returns its state, a line the test waits for, polled as the clerk types.
var programmeScenes = map[string]func(m *Main) (state func() string){
	// A new class with its fields filled and the cursor in the budget, the field before the
	// đề án picker.
	"class-programme": func(m *Main) func() string {
		for i, e := range m.entries {
			if e.title == "Lớp học" {
				m.Show(i)
			}
		}
		cs := m.Current().(*classScreen)
		cs.New()
		f := cs.detail.form
		f.name.SetText("Lớp truyền nghề mây tre đan")
		year := m.today().Year
		f.start.SetText(fmt.Sprintf("02/03/%d", year))
		f.end.SetText(fmt.Sprintf("30/05/%d", year))
		f.capacity.SetText("30")
		m.Window.Canvas().Focus(f.budget)
		return func() string {
			state := "picked " + f.programme.Selected()
			if c := cs.detail.c; c.ID != 0 {
				state += fmt.Sprintf(" saved %d", c.ProgrammeID)
			}
			return state
		}
	},
	// The payment dialog of đề án PAY-01, opened again once after it first closes, for Esc.
	"payment": func(m *Main) func() string {
		for i, e := range m.entries {
			if e.title == "Đề án" {
				m.Show(i)
			}
		}
		ps := m.Current().(*programmeScreen)
		g, err := m.Services.Programmes.FindProgrammeByCode(m.ctx(), m.today().Year, "PAY-01")
		if err != nil {
			panic(err)
		}
		ps.open(g)
		p := ps.detail
		p.tabs.SelectIndex(2)
		p.payments.addPayment()
		reopened := false
		return func() string {
			d := p.payments.dialog
			switch {
			case !d.isOpen() && !reopened:
				reopened = true
				p.payments.addPayment()
				return "dialog closed"
			case !d.isOpen():
				return "dialog closed again"
			case d.message.Visible() && strings.Contains(d.message.Text, "còn lại"):
				return "refused saying what remains"
			case d.message.Visible():
				return "refused: " + d.message.Text
			}
			return "dialog open"
		}
	},
}

func init() { maps.Copy(realWindowScenes, programmeScenes) }

// sceneDBEnvFile makes the database the window opens: a running đề án of each content
// the tests need, in this year's plan.
func sceneDBEnvFile(t *testing.T) (path string, training, paying *data.Programme) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "kc.db")
	db, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.AddAdmin(t, db, "tester")
	year := time.Now().Year()
	training = newProgramme(t, db, year, "DA-TRAIN", data.ContentTraining, 500_000_000, data.ProgrammeRunning)
	newProgramme(t, db, year, "DA-FAIR", data.ContentProducts, 500_000_000, data.ProgrammeRunning)
	paying = newProgramme(t, db, year, "PAY-01", data.ContentInformation, 100_000_000, data.ProgrammeRunning)
	return path, training, paying
}

func TestProgrammePickerRealWindow(t *testing.T) {
	path, training, _ := sceneDBEnvFile(t)
	w := realwindow.Start(t, "class-programme", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Type("45000000")
	// Tab leaves the budget for the đề án picker; typing opens its list, Esc closes it and puts
	// back the (empty) choice; typing again and Enter takes the only training đề án of the year.
	w.Key("Tab")
	w.Type("zzz")
	w.Key("Escape")
	w.Type("da")
	w.Key("Return")
	w.Expect(fmt.Sprintf("picked %d", training.ID))
	w.Key("ctrl+s")
	w.Expect(fmt.Sprintf("picked %d saved %d", training.ID, training.ID))
}

func TestPaymentDialogRealWindow(t *testing.T) {
	path, _, paying := sceneDBEnvFile(t)
	w := realwindow.Start(t, "payment", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Expect("dialog open")
	// The cursor starts on the kind; Tab goes to the date, the amount, the voucher.
	w.Key("Tab", "Tab")
	w.Type("150000000")
	w.Key("Tab")
	w.Type("PC-01")
	w.Key("ctrl+s")
	w.Expect("refused saying what remains")
	// Back to the amount (Shift+Tab), corrected; Enter saves and closes.
	w.Key("shift+Tab", "ctrl+a")
	w.Type("40000000")
	w.Key("Return")
	w.Expect("dialog closed")
	w.Expect("dialog open") // the window opens it again, for Esc
	w.Key("Tab", "Tab")
	w.Type("1000000")
	w.Key("Escape")
	w.Expect("dialog closed again")
	time.Sleep(300 * time.Millisecond)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d, err := db.ProgrammeDetail(bg, paying.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Payments) != 1 || d.Payments[0].Amount != 40_000_000 || d.Payments[0].Voucher != "PC-01" {
		t.Fatalf("stored payments %+v, want the one of 40.000.000 with voucher PC-01", d.Payments)
	}
}
