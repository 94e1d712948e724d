package ui

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/ui/realwindow"
)

// The keyboard of the fairs' screens under a real window (package realwindow): the đề án picker
// of the fair form, the new-booking and cancel dialogs. Typed with xdotool, ASCII only.

// fairsScenes are the real-window scenes of the fair screens.
var fairsScenes = map[string]func(m *Main) (state func() string){
	// A new fair with its required fields typed and the cursor in the country, the field before
	// the đề án picker.
	"fairs-form": func(m *Main) func() string {
		var s *fairScreen
		openList(m, lang.L("Fairs"), func(f *fairScreen) { s = f })
		s.New()
		f := s.detail.form
		year := m.today().Year
		f.name.SetText("Hội chợ hàng thủ công mỹ nghệ")
		f.start.SetText(fmt.Sprintf("10/12/%d", year))
		f.end.SetText(fmt.Sprintf("14/12/%d", year))
		m.Window.Canvas().Focus(f.country)
		return func() string {
			p := s.detail
			if p == nil {
				return "form closed"
			}
			state := "picked " + p.form.programme.Selected()
			if p.f.ID != 0 {
				state += fmt.Sprintf(" saved %d", p.f.ProgrammeID)
			}
			return state
		}
	},
	// The bookings of fair HC-RW-001 with the new-booking dialog open; Esc closes it once and the
	// scene opens it again. Once a booking is saved and its message closed, the scene selects it
	// and opens the cancel dialog.
	"fairs-booking": func(m *Main) func() string {
		p := fairsOpen(m, "HC-RW-001").detail
		p.tabs.SelectIndex(2)
		p.bookings.register()
		reopened, cancelling := false, false
		return func() string {
			reg, top := p.bookings.reg, m.Window.Canvas().Overlays().Top()
			picked := "enterprise " + reg.enterprise.Selected()
			switch {
			case !reg.open && !reopened:
				reopened = true
				p.bookings.register()
				return "register closed"
			case reg.open && reg.message.Visible():
				return "register refused: " + reg.message.Text + "\n" + picked
			case reg.open:
				return "register open\n" + picked
			case !cancelling && top != nil:
				return "information shown\n" + picked
			case !cancelling && len(p.bookingList) == 1:
				cancelling = true
				p.selectBooking(p.bookingList[0])
				p.bookings.cancel()
				return "cancel open"
			case p.bookings.cancelling.isOpen() && p.bookings.cancelling.message.Visible():
				return "cancel refused: " + p.bookings.cancelling.message.Text
			case p.bookings.cancelling.isOpen():
				return "cancel open"
			}
			return "cancel closed"
		}
	},
	// The booths tab of fair HC-RW-001, the cursor in the bulk form's booth numbers.
	"fairs-booths": func(m *Main) func() string {
		s := fairsOpen(m, "HC-RW-001")
		p := s.detail
		p.tabs.SelectIndex(1)
		m.Window.Canvas().Focus(p.booths.numbers)
		return func() string {
			if !s.isOpen() {
				return "form closed"
			}
			return fmt.Sprintf("booths %d", len(s.detail.booths.tiles))
		}
	},
	// The booths of fair HC-RW-001, two held by a booking: a click on A01 asks to release it,
	// twice (the second time once the first question is answered).
	"fairs-release": func(m *Main) func() string {
		s := fairsOpen(m, "HC-RW-001")
		p := s.detail
		fairsBook(m, p)
		p.tabs.SelectIndex(1)
		return fairsReopened(2, func() {
			for _, b := range p.booths.booths {
				if b.Number == "A01" {
					p.booths.tap(b) // as a click on its tile
				}
			}
		}, func() bool { return m.Window.Canvas().Overlays().Top() != nil })
	},
	// The results of fair HC-RW-001, held, with one booking: the cursor in its sales.
	"fairs-results": func(m *Main) func() string {
		s := fairsOpen(m, "HC-RW-001")
		p := s.detail
		fairsBook(m, p)
		f := p.f
		for _, to := range []data.FairStatus{data.FairClosed, data.FairHeld} {
			var err error
			if f, err = m.Services.Fairs.SetFairStatus(m.ctx(), f.ID, f.Version, to, ""); err != nil {
				panic(err)
			}
		}
		p.reload()
		p.tabs.SelectIndex(3)
		m.Window.Canvas().Focus(p.results.lines[0].sales)
		return func() string {
			if !s.isOpen() {
				return "form closed"
			}
			return fmt.Sprintf("results changed %v", p.results.dirty())
		}
	},
}

func init() { maps.Copy(realWindowScenes, fairsScenes) }

// fairsBook books two booths of the fair of page p for Công ty TNHH Gốm sứ Minh Long.
func fairsBook(m *Main, p *fairPage) {
	es, err := m.Services.Enterprises.FindEnterprises(m.ctx(), data.EnterpriseFilter{Search: "minh long"})
	if err != nil || len(es) != 1 {
		panic(fmt.Sprint(es, err))
	}
	if _, err := m.Services.Fairs.Register(m.ctx(), data.BookingRequest{FairID: p.f.ID, EnterpriseID: es[0].ID, BoothsWanted: 2}); err != nil {
		panic(err)
	}
	p.reload()
}

// fairsOpen shows the fair screen with the page of the fair of code open.
func fairsOpen(m *Main, code string) *fairScreen {
	var s *fairScreen
	openList(m, lang.L("Fairs"), func(f *fairScreen) { s = f })
	f, err := m.Services.Fairs.FindFairByCode(m.ctx(), code)
	if err != nil {
		panic(err)
	}
	s.open(f)
	return s
}

// fairsSceneDB makes the database the fair scenes open: a running đề án of products of this
// year, an enterprise and fair HC-RW-001 taking registrations with booths A01–A03.
func fairsSceneDB(t *testing.T) (path string, programme *data.Programme, e *data.Enterprise) {
	t.Helper()
	m, db := newTestMain(t)
	programme = newProgramme(t, db, m.today().Year, "DA-FAIR", data.ContentProducts, 500_000_000, data.ProgrammeRunning)
	e = newFairEnterprise(t, db, "Công ty TNHH Gốm sứ Minh Long")
	newFairEnterprise(t, db, "Cơ sở Mây tre đan Phú Vinh")
	start := m.today().AddDays(30)
	f := &data.Fair{Code: "HC-RW-001", Name: "Hội chợ Làng nghề Hà Nội", Kind: data.FairCentre, City: "Hà Nội",
		Start: start, End: start.AddDays(4), Deadline: start.AddDays(-10), BoothPrice: 12_000_000}
	if err := db.CreateFair(bg, f); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetFairStatus(bg, f.ID, f.Version, data.FairOpen, ""); err != nil {
		t.Fatal(err)
	}
	var booths []*data.Booth
	for _, n := range []string{"A01", "A02", "A03"} {
		booths = append(booths, &data.Booth{Number: n, WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard})
	}
	if err := db.AddBooths(bg, f.ID, booths); err != nil {
		t.Fatal(err)
	}
	return sceneCopy(t, db), programme, e
}

func TestFairsFormRealWindow(t *testing.T) {
	path, g, _ := fairsSceneDB(t)
	w := realwindow.Start(t, "fairs-form", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	// Tab leaves the country for the đề án picker; what matches nothing is put back by Esc;
	// "da" and Enter take the only đề án of products of the year.
	w.Key("Tab")
	w.Type("zzz")
	w.Key("Escape")
	w.Expect("picked ")
	w.Type("da")
	w.Key("Return")
	w.Expect(fmt.Sprintf("picked %d", g.ID))
	// Ctrl+S saves the new fair with it; Esc then closes its page.
	w.Key("ctrl+s")
	w.Expect(fmt.Sprintf("picked %d saved %d", g.ID, g.ID))
	eventually(t, path, func(db *store.DB) string {
		fs, err := db.FindFairs(bg, data.FairFilter{Search: "thu cong my nghe"})
		if err != nil || len(fs) != 1 || fs[0].ProgrammeID != g.ID {
			return fmt.Sprintf("stored fairs %+v (%v)", fs, err)
		}
		return ""
	})
	w.Key("Escape")
	w.Expect("form closed")
}

func TestFairsBookingRealWindow(t *testing.T) {
	path, _, e := fairsSceneDB(t)
	w := realwindow.Start(t, "fairs-booking", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	// The cursor starts in the enterprise picker: Esc there, with no list open, closes the
	// dialog (the scene opens it again).
	w.Expect("register open")
	w.Key("Escape")
	w.Expect("register closed")
	w.Expect("register open")
	// Typed into straight away, the picker finds the enterprise; Enter takes it.
	w.Type("minh l")
	w.Key("Return")
	w.Expect(fmt.Sprintf("enterprise %d", e.ID))
	// Tab goes on to the booths wanted; Enter there registers.
	w.Key("Tab", "ctrl+a")
	w.Type("2")
	w.Key("Return")
	w.Expect("information shown")
	eventually(t, path, func(db *store.DB) string {
		return fairsBookings(db, e.ID, data.BookingConfirmed, data.BookingRegistered)
	})
	// The message is closed from the keyboard: Tab reaches its button, Space presses it.
	w.Key("Tab", "space")
	// The cancel dialog takes the reason straight away; Ctrl+S cancels.
	w.Expect("cancel open")
	w.Type("Doanh nghiep xin rut")
	w.Key("ctrl+s")
	w.Expect("cancel closed")
	eventually(t, path, func(db *store.DB) string { return fairsBookings(db, e.ID, data.BookingCancelled) })
}

// fairsBookings says how enterprise id's bookings of fair HC-RW-001 differ from one booking of
// one of the statuses, with 2 booths unless cancelled; "" when they do not.
func fairsBookings(db *store.DB, id int64, statuses ...data.BookingStatus) string {
	bs, err := fairsRead(db, (*store.DB).FairBookings)
	if err != nil || len(bs) != 1 || bs[0].EnterpriseID != id {
		return fmt.Sprintf("stored bookings %+v (%v)", bs, err)
	}
	b := bs[0]
	for _, st := range statuses {
		if b.Status == st && (st == data.BookingCancelled || b.BoothsWanted == 2) {
			return ""
		}
	}
	return fmt.Sprintf("stored booking %s, %d wanted, booths %s", b.Status, b.BoothsWanted, strings.Join(b.Booths, ", "))
}

func TestFairsBoothsRealWindow(t *testing.T) {
	path, _, _ := fairsSceneDB(t)
	w := realwindow.Start(t, "fairs-booths", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Expect("booths 3")
	// Tab goes from the numbers to the width; Enter there adds the booths.
	w.Type("B01-B02")
	w.Key("Tab", "ctrl+a")
	w.Type("2")
	w.Key("Return")
	w.Expect("booths 5")
	eventually(t, path, func(db *store.DB) string {
		bs, err := fairsRead(db, (*store.DB).Booths)
		if err != nil || len(bs) != 5 || bs[3].Number != "B01" || bs[3].WidthCM != 200 || bs[3].DepthCM != 300 {
			return fmt.Sprintf("stored booths %+v (%v)", bs, err)
		}
		return ""
	})
	// Esc there goes back to the list.
	w.Key("Escape")
	w.Expect("form closed")
}

func TestFairsReleaseBoothRealWindow(t *testing.T) {
	path, _, _ := fairsSceneDB(t)
	w := realwindow.Start(t, "fairs-release", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	held := func(want bool) {
		t.Helper()
		eventually(t, path, func(db *store.DB) string {
			bs, err := fairsRead(db, (*store.DB).Booths)
			if err != nil || len(bs) != 3 || (bs[0].BookingID != 0) != want {
				return fmt.Sprintf("stored booths %+v (%v), want A01 held %v", bs, err, want)
			}
			return ""
		})
	}
	// Esc answers no: A01 stays held.
	w.Expect("open 1")
	w.Key("Escape")
	w.Expect("closed 1")
	held(true)
	// Enter answers yes: A01 is free.
	w.Expect("open 2")
	w.Key("Return")
	w.Expect("closed 2")
	held(false)
}

// fairsRead reads with read what the store holds of fair HC-RW-001: its booths or bookings.
func fairsRead[T any](db *store.DB, read func(*store.DB, context.Context, int64) ([]T, error)) ([]T, error) {
	f, err := db.FindFairByCode(bg, "HC-RW-001")
	if err != nil {
		return nil, err
	}
	return read(db, bg, f.ID)
}

func TestFairsResultsRealWindow(t *testing.T) {
	path, _, e := fairsSceneDB(t)
	w := realwindow.Start(t, "fairs-results", realWindowTitle, sceneDBEnv+"="+path, "HOME="+t.TempDir())
	w.Expect("results changed false")
	// Tab goes along the line: sales, contracts, their value; Ctrl+S saves the results.
	w.Type("15000000")
	w.Key("Tab")
	w.Type("2")
	w.Key("Tab")
	w.Type("30000000")
	w.Expect("results changed true")
	w.Key("ctrl+s")
	w.Expect("results changed false")
	eventually(t, path, func(db *store.DB) string {
		bs, err := fairsRead(db, (*store.DB).FairBookings)
		if err != nil || len(bs) != 1 || bs[0].EnterpriseID != e.ID || bs[0].Sales != 15_000_000 || bs[0].Contracts != 2 ||
			bs[0].ContractValue != 30_000_000 {
			return fmt.Sprintf("stored bookings %+v (%v)", bs, err)
		}
		return ""
	})
	// Esc there goes back to the list.
	w.Key("Escape")
	w.Expect("form closed")
}
