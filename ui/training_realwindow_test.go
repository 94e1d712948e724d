package ui

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/ui/realwindow"
)

// The class page under a real window, typed into with xdotool (ASCII only): the register's
// search of the enrolment with Down and Enter, the new-trainee and withdrawal dialogs, the
// attendance grid and its session dialog, the results' score fields, and the host and ward
// pickers of the class form. Each scene prints where the cursor is, so that a Tab that skips a
// field or a dialog that opens without the cursor shows as a wrong line.

// trainingScenes are the real-window scenes of the class page.
var trainingScenes = map[string]func(m *Main) (state func() string){
	// The Trainees tab of a class taking trainees, with three people in the register.
	"training-enrol": func(m *Main) func() string {
		p := trainingClassPage(m)
		p.tabs.SelectIndex(1)
		e := p.detail.enrol
		return func() string {
			var found []string
			for _, t := range e.found {
				found = append(found, t.Name.Full())
			}
			dlg, named := "none", map[fyne.Focusable]string{e.search: "search", e.paste: "paste"}
			if f := e.form; f != nil {
				dlg = "new trainee"
				named[f.name], named[f.birthDate] = "name", "birth date"
			} else if m.dialogOpen() {
				dlg = "paste"
			}
			return "found: " + strings.Join(found, " | ") + "\nroster: " + trainingRoster(p) +
				"\ndialog: " + dlg + "\nfocus: " + trainingFocus(m, named)
		}
	},
	// The withdrawal dialog of the class's first trainee, opened again once after it closes.
	"training-withdraw": func(m *Main) func() string {
		e := trainingClassPage(m).detail.enrol
		e.roster.Select(widget.TableCellID{Row: 0, Col: 1})
		e.openWithdraw()
		reopened := false
		return func() string {
			if !m.dialogOpen() && !reopened && e.rows()[0].Status == data.EnrollmentActive {
				reopened = true
				e.openWithdraw()
				return "withdraw: closed"
			}
			open := "closed"
			if m.dialogOpen() {
				open = "open"
			}
			return "withdraw: " + open + "\nfocus: " + trainingFocus(m, map[fyne.Focusable]string{e.leftOn: "date", e.leftWhy: "reason"})
		}
	},
	// The Attendance tab with the dialog adding a session open, opened again once after it closes;
	// once the marks of a session are saved, the dialog moving it.
	"training-attendance": func(m *Main) func() string {
		p := trainingClassPage(m)
		p.tabs.SelectIndex(2)
		a := p.detail.attend
		a.openAdd()
		reopened, moving := false, false
		return func() string {
			if !m.dialogOpen() && !reopened {
				reopened = true
				a.openAdd()
				return "session dialog: closed"
			}
			if g := a.cd.grid; !moving && len(g.Marks) == 2 {
				moving = true
				a.openMove()
				return "move dialog: open"
			}
			if moving {
				return fmt.Sprintf("moved to %s, dialog open %v", a.cd.grid.Sessions[0].Date, m.dialogOpen())
			}
			open := "closed"
			if m.dialogOpen() {
				open = "open"
			}
			return fmt.Sprintf("session dialog: %s\nsessions: %d\nunsaved: %d\nfocus: %s", open, len(a.cd.grid.Sessions), len(a.edits),
				trainingFocus(m, map[fyne.Focusable]string{a.table: "grid"}))
		}
	},
	// The Results tab of a class whose trainees attended every session.
	"training-results": func(m *Main) func() string {
		p := trainingClassPage(m)
		p.tabs.SelectIndex(3)
		r := p.detail.results
		return func() string {
			named := map[fyne.Focusable]string{}
			for i, row := range r.rows {
				named[row.score], named[row.employed] = fmt.Sprintf("score %d", i+1), fmt.Sprintf("employed %d", i+1)
				named[row.employer] = fmt.Sprintf("employer %d", i+1)
			}
			return "focus: " + trainingFocus(m, named) + fmt.Sprintf("\nunsaved: %v", r.dirty())
		}
	},
	// The details of a class with the cursor in its host, the enterprise picker.
	"training-class-host": func(m *Main) func() string {
		p := trainingClassPage(m)
		f := p.form
		m.Window.Canvas().Focus(f.host)
		return func() string {
			return fmt.Sprintf("host %s ward %s\nfocus: %s\nopen: %v", f.host.Selected(), f.ward.Selected(),
				trainingFocus(m, map[fyne.Focusable]string{f.host: "host", f.venue: "venue", f.ward: "ward", f.village: "village"}),
				p.s.isOpen())
		}
	},
}

func init() { maps.Copy(realWindowScenes, trainingScenes) }

// trainingClassPage shows the class screen and opens the page of the database's only class.
func trainingClassPage(m *Main) *classPage {
	s := trainingShow[*classScreen](m, "Classes")
	cs, err := m.Services.Classes.FindClasses(m.ctx(), data.ClassFilter{})
	if err != nil || len(cs) != 1 {
		panic(fmt.Sprintf("the scene's database should hold one class: %d (%v)", len(cs), err))
	}
	s.open(cs[0])
	return s.detail
}

// trainingShow shows the screen whose navigation line is title (an English key) and returns it.
func trainingShow[S Screen](m *Main, title string) S {
	for i, e := range m.entries {
		if e.title == lang.L(title) {
			m.Show(i)
		}
	}
	return m.Current().(S)
}

// trainingRoster names the class's trainees as the page read them, in roster order.
func trainingRoster(p *classPage) string {
	var names []string
	for _, v := range p.detail.grid.Roster {
		names = append(names, v.TraineeName.Full())
	}
	return strings.Join(names, " | ")
}

// trainingFocus names the focused field by named, "none" when nothing has the cursor and "other"
// for a field not named.
func trainingFocus(m *Main, named map[fyne.Focusable]string) string {
	f := m.Window.Canvas().Focused()
	if f == nil {
		return "none"
	}
	if n, ok := named[f]; ok {
		return n
	}
	return fmt.Sprintf("other %T", f)
}

// trainingClassDB makes the database of the class scenes: class LH-2026-001 taking trainees from
// 02/03/2026 to 08/05/2026 with enrolled in it, and others only in the register; with sessions,
// everyone attended each.
func trainingClassDB(t *testing.T, sessions bool, enrolled []string, others ...string) string {
	t.Helper()
	f := newClassFixture(t, 30, enrolled...)
	for i, n := range others {
		mustTrainee(t, f.db, n, vn.Date{Year: 1990 + i, Month: 6, Day: 15}, "")
	}
	if sessions {
		ss, err := f.db.GenerateSessions(bg, f.c.ID, []time.Weekday{time.Tuesday})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			if _, err := f.db.MarkAllPresent(bg, s.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	return sceneCopy(t, f.db)
}

// trainingRosterOf waits until the scene's store holds the class's roster as ok wants it.
func trainingRosterOf(t *testing.T, path string, ok func([]*data.EnrollmentView) bool) {
	t.Helper()
	eventually(t, path, func(db *store.DB) string {
		cs, err := db.FindClasses(bg, data.ClassFilter{})
		if err != nil || len(cs) != 1 {
			return fmt.Sprintf("%d classes (%v)", len(cs), err)
		}
		vs, err := db.ClassRoster(bg, cs[0].ID)
		if err != nil || !ok(vs) {
			var got []string
			for _, v := range vs {
				got = append(got, fmt.Sprintf("%s %s %q score %d employed %v %q", v.TraineeName.Full(), v.Status, v.WithdrawReason, v.Score, v.Employed, v.Employer))
			}
			return fmt.Sprintf("the store holds the roster %q (%v)", got, err)
		}
		return ""
	})
}

func TestTrainingEnrolRealWindow(t *testing.T) {
	path := trainingClassDB(t, false, nil, "Nguyễn Văn An", "Nguyễn Thị Bình", "Trần Văn Cường")
	w := realwindow.Start(t, "training-enrol", realWindowTitle, sceneDBEnv+"="+path)
	// Choosing the Trainees tab puts the cursor in the register's search.
	w.Expect("focus: search")
	// "nguyen" lists two; Down chooses the second and Enter enrols it, the cursor staying in the box.
	w.Type("nguyen")
	found := w.Expect("found: ")
	for strings.Count(found, " | ") != 1 {
		found = w.Expect("found: ")
	}
	second := strings.Split(strings.TrimPrefix(found, "found: "), " | ")[1]
	w.Key("Down", "Return")
	w.Expect("roster: " + second)
	w.Type("tran")
	w.Key("Return")
	w.Expect("roster: " + second + " | Trần Văn Cường")
	// Tab reaches "Thêm vào lớp" then "Học viên mới…"; Space opens its dialog with the cursor in
	// the name, Esc closes it untouched.
	w.Key("Tab", "Tab", "space")
	w.Expect("dialog: new trainee")
	w.Expect("focus: name")
	w.Key("Escape")
	w.Expect("dialog: none")
	// Again: the name, Tab past the gender to the birth date, Enter saves and enrols.
	w.Key("space")
	w.Expect("focus: name")
	w.Type("Le Van Dung")
	w.Key("Tab", "Tab", "Tab")
	w.Expect("focus: birth date")
	w.Type("01/02/1995")
	w.Key("Return")
	w.Expect("dialog: none")
	// Tab on to "Dán danh sách…": its dialog opens with the cursor in the list; Esc closes it.
	w.Key("Tab", "space")
	w.Expect("dialog: paste")
	w.Expect("focus: paste")
	w.Key("Escape")
	w.Expect("dialog: none")
	// Again: a line typed (Enter makes a new line), Ctrl+S enrols the list.
	w.Key("space")
	w.Expect("focus: paste")
	w.Type("Pham Van Minh;01/01/1990\n")
	w.Key("ctrl+s")
	w.Expect("dialog: none")
	trainingRosterOf(t, path, func(vs []*data.EnrollmentView) bool {
		return len(vs) == 4 && vs[2].TraineeName.Full() == "Le Van Dung" && vs[2].BirthDate.String() == "01/02/1995" &&
			vs[3].TraineeName.Full() == "Pham Van Minh"
	})
}

func TestTrainingWithdrawRealWindow(t *testing.T) {
	path := trainingClassDB(t, false, []string{"Nguyễn Văn Bình"})
	w := realwindow.Start(t, "training-withdraw", realWindowTitle, sceneDBEnv+"="+path)
	// The cursor starts in the date; Esc closes without withdrawing (the scene opens it again).
	w.Expect("focus: date")
	w.Key("Escape")
	w.Expect("withdraw: closed")
	w.Expect("withdraw: open")
	w.Expect("focus: date")
	// The date replaced, Tab to the reason, Enter withdraws.
	w.Key("ctrl+a")
	w.Type("20/03/2026")
	w.Key("Tab")
	w.Expect("focus: reason")
	w.Type("Chuyen noi o")
	w.Key("Return")
	w.Expect("withdraw: closed")
	trainingRosterOf(t, path, func(vs []*data.EnrollmentView) bool {
		return len(vs) == 1 && vs[0].Status == data.EnrollmentWithdrawn && vs[0].WithdrawReason == "Chuyen noi o" &&
			vs[0].WithdrawnOn.String() == "20/03/2026"
	})
}

func TestTrainingAttendanceRealWindow(t *testing.T) {
	path := trainingClassDB(t, false, []string{"Nguyễn Văn Bình", "Trần Thị Hoa"})
	w := realwindow.Start(t, "training-attendance", realWindowTitle, sceneDBEnv+"="+path)
	// Esc closes the dialog adding a session (the scene opens it again).
	w.Expect("session dialog: open")
	w.Key("Escape")
	w.Expect("session dialog: closed")
	w.Expect("session dialog: open")
	// The cursor starts in the date; Tab goes to the hours and the topic; Enter adds the session.
	w.Type("03/03/2026")
	w.Key("Tab")
	w.Type("4")
	w.Key("Tab")
	w.Type("Nhap mon")
	w.Key("Return")
	w.Expect("sessions: 1")
	// Back in the grid: C marks the first trainee present and moves down, V the second absent;
	// Ctrl+S saves the marks.
	w.Expect("focus: grid")
	w.Type("cv")
	w.Expect("unsaved: 2")
	w.Key("ctrl+s")
	w.Expect("move dialog: open")
	// The dialog moving the session: the cursor in its date, replaced; Enter moves it.
	w.Key("ctrl+a")
	w.Type("05/03/2026")
	w.Key("Return")
	w.Expect("moved to 05/03/2026, dialog open false")
	eventually(t, path, func(db *store.DB) string {
		cs, _ := db.FindClasses(bg, data.ClassFilter{})
		g, err := db.AttendanceGrid(bg, cs[0].ID)
		if err != nil || len(g.Sessions) != 1 {
			return fmt.Sprintf("grid %+v (%v)", g, err)
		}
		s := g.Sessions[0]
		got := []data.AttendanceMark{g.Marks[data.AttendanceKey{SessionID: s.ID, EnrollmentID: g.Roster[0].ID}],
			g.Marks[data.AttendanceKey{SessionID: s.ID, EnrollmentID: g.Roster[1].ID}]}
		if s.Date.String() != "05/03/2026" || s.Hours != 4 || s.Topic != "Nhap mon" || got[0] != data.MarkPresent || got[1] != data.MarkAbsent {
			return fmt.Sprintf("session %s %dh %q, marks %v", s.Date, s.Hours, s.Topic, got)
		}
		return ""
	})
}

func TestTrainingResultsRealWindow(t *testing.T) {
	path := trainingClassDB(t, true, []string{"Nguyễn Văn Bình", "Trần Thị Hoa", "Lê Văn Cường"})
	w := realwindow.Start(t, "training-results", realWindowTitle, sceneDBEnv+"="+path)
	// Choosing the Results tab puts the cursor in the first score; Enter goes down the scores.
	w.Expect("focus: score 1")
	w.Type("8")
	w.Key("Return")
	w.Expect("focus: score 2")
	w.Type("6,5")
	w.Key("Return")
	w.Expect("focus: score 3")
	w.Type("9")
	// Tab goes along the row: employed (Space ticks it), then the employer.
	w.Key("Tab")
	w.Expect("focus: employed 3")
	w.Key("space", "Tab")
	w.Expect("focus: employer 3")
	w.Type("Tu lam")
	w.Key("ctrl+s")
	w.Expect("unsaved: false")
	typed := []string{"8", "6,5", "9"} // in roster order
	trainingRosterOf(t, path, func(vs []*data.EnrollmentView) bool {
		for i, v := range vs {
			s, _ := data.ParseScore(typed[i])
			if !v.HasScore || v.Score != s {
				return false
			}
		}
		return len(vs) == 3 && vs[2].Employed && vs[2].Employer == "Tu lam"
	})
}

func TestTrainingClassHostRealWindow(t *testing.T) {
	f := newClassFixture(t, 30)
	host := newFairEnterprise(t, f.db, "Công ty TNHH Gốm Minh Long")
	path := sceneCopy(t, f.db)
	ward := trainingWard(t, f.db)
	w := realwindow.Start(t, "training-class-host", realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("focus: host")
	// The host picker searches the register as typed; Enter takes the match.
	w.Type("minh long")
	w.Key("Return")
	w.Expect(fmt.Sprintf("host %d ward ", host.ID))
	// Tab goes to the venue, then the ward picker; "bat tr" and Enter take Bát Tràng.
	w.Key("Tab")
	w.Expect("focus: venue")
	w.Key("Tab")
	w.Expect("focus: ward")
	w.Type("bat tr")
	w.Key("Return")
	w.Expect(fmt.Sprintf("host %d ward %s", host.ID, ward))
	// Tab leaves the picker for the craft village; Ctrl+S saves; Esc then closes the saved page.
	w.Key("Tab")
	w.Expect("focus: village")
	w.Key("ctrl+s")
	eventually(t, path, func(db *store.DB) string {
		c, err := db.FindClassByID(bg, f.c.ID)
		if err != nil || c.HostEnterpriseID != host.ID || c.WardCode != ward {
			return fmt.Sprintf("stored host %d ward %q (%v)", c.HostEnterpriseID, c.WardCode, err)
		}
		return ""
	})
	w.Key("Escape")
	w.Expect("open: false")
}

// trainingWard is the code of xã Bát Tràng among the store's wards, which "bat tr" finds alone.
func trainingWard(t *testing.T, db *store.DB) string {
	t.Helper()
	ws, err := db.Wards(bg)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if strings.Contains(vn.Fold(w.Name), "bat tr") {
			return w.Code
		}
	}
	t.Fatal("no ward Bát Tràng in the store")
	return ""
}
