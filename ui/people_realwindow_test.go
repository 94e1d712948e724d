package ui

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
	"khuyencong/ui/realwindow"
	"khuyencong/ui/widgets"
)

// The dialogs of the people's screens under a real window, typed into with xdotool: the first
// administrator's form, change password and sign out, the users' dialogs, the signing key's, the
// trainers' ticks with a record's history, and the verification page's address. Fyne's own
// dialogs took no Enter or Esc and opened with nothing focused, which only a real window shows.

// peopleNewPassword is the password or passphrase the scenes' clerk sets.
const peopleNewPassword = "mk-moi-123"

// peopleDialogScenes are the real-window scenes of the people's dialogs. Each signs in as the
// administrator quantri of peopleSceneDB and walks through its dialogs in phases: a phase opens
// a dialog once the one before has closed, and the state says the phase, the form dialog's
// refusal and how many dialogs are up.
var peopleDialogScenes = map[string]func(m *Main) (state func() string){
	"people-password": func(m *Main) func() string {
		peopleSignIn(m)
		for _, o := range test.LaidOutObjects(m.Window.Content()) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Đổi mật khẩu" {
				m.Window.Canvas().Focus(b) // the clerk opens the first dialog with Space
			}
		}
		return peoplePhases(m, nil, m.askChangePassword, m.askChangePassword, m.askSignOut, m.askSignOut)
	},
	"people-users": func(m *Main) func() string {
		peopleSignIn(m)
		m.Show(len(m.entries) - 1)
		s := m.Current().(*userScreen)
		return peoplePhases(m, s.askAdd, s.askAdd, s.askReset, s.askDisable, s.askDisable)
	},
	"people-key": func(m *Main) func() string {
		peopleSignIn(m)
		k := newKeySettings(m)
		return peoplePhases(m, k.askSetPassphrase, k.askSetPassphrase, k.askRotate)
	},
	"people-trainers": func(m *Main) func() string {
		peopleSignIn(m)
		db := m.Services.Enterprises.(*store.DB)
		cs, err := db.FindClasses(m.ctx(), data.ClassFilter{})
		if err != nil || len(cs) != 1 {
			panic(fmt.Sprint(len(cs), err))
		}
		trainers := func() { showClassTrainers(m, cs[0]) }
		history := func() { m.showRecordHistory("user", m.user.ID, m.user.Login) }
		return peoplePhases(m, trainers, trainers, trainers, history)
	},
	"people-newdb": func(m *Main) func() string {
		peopleSignIn(m)
		m.Show(len(m.entries) - 2) // Cài đặt
		s := m.Current().(*settingsScreen)
		m.Services.CreateDatabase = func(path string) error {
			db, err := store.Create(path)
			if err == nil {
				err = db.Close()
			}
			return err
		}
		m.Services.UseDatabase = func(string) error { return nil }
		return peoplePhases(m, s.chooseNewDatabase, s.chooseNewDatabase)
	},
	"people-settings": func(m *Main) func() string {
		peopleSignIn(m)
		m.Show(len(m.entries) - 2) // Cài đặt, before Người dùng
		s := m.Current().(*settingsScreen)
		tabs := s.content.(*container.AppTabs)
		m.Window.Canvas().Focus(s.parent)
		return func() string {
			if s.message.Text == "Đã lưu." && tabs.SelectedIndex() == 0 { // saved: on to the address
				tabs.SelectIndex(1)
				for _, o := range test.LaidOutObjects(tabs.Items[1].Content) {
					if e, ok := o.(*widgets.Entry); ok && strings.HasPrefix(e.PlaceHolder, "https://") {
						m.Window.Canvas().Focus(e)
					}
				}
			}
			return fmt.Sprintf("name: %s\ntab: %d\ndialogs: %d", s.name.Text, tabs.SelectedIndex(), len(m.Window.Canvas().Overlays().List()))
		}
	},
}

func init() { maps.Copy(realWindowScenes, peopleDialogScenes) }

// peopleSignIn signs the scene's window in as quantri, with the store's users, keys and history.
func peopleSignIn(m *Main) {
	db := m.Services.Enterprises.(*store.DB)
	m.Services.Users, m.Services.Keys, m.Services.Audit = db, db, db
	m.Services.User = "quantri"
	m.open()
}

// peoplePhases opens each dialog of opens in turn, the next once no dialog is up (nil: the test
// opens it), and reports "phase N" (the dialog open, from 1; len(opens)+1 once all are closed),
// the refusal the form dialog shows ("message: " and it), "dialogs: N", how many are up, what
// has the cursor ("focused: ") and who is signed in ("user: ").
func peoplePhases(m *Main, opens ...func()) func() string {
	phase, shown, said := 0, false, 0
	return func() string {
		up := len(m.Window.Canvas().Overlays().List())
		shown = shown || up > 0
		if up == 0 && (shown || phase == 0) && phase <= len(opens) {
			phase, shown = phase+1, false
			if phase <= len(opens) && opens[phase-1] != nil {
				opens[phase-1]()
				up = len(m.Window.Canvas().Overlays().List())
				shown = up > 0
			}
		}
		message := ""
		if f, ok := m.dialog.(*formDialog); ok && f.isOpen() && f.message.Visible() {
			message = f.message.Text
		}
		user := "none"
		if m.user != nil {
			user = m.user.Login
		}
		focused := peopleFocused(m)
		if up == 0 || focused != "none" { // a new dialog's phase once it has the cursor: keys typed before would be lost
			said = phase
		}
		return fmt.Sprintf("phase %d\nmessage: %s\ndialogs: %d\nfocused: %s\nuser: %s", said, message, up, focused, user)
	}
}

// peopleStart shows scene on the database at path and checks that Esc closes its first dialog
// without saving what was typed: the window is on the second.
func peopleStart(t *testing.T, scene, path string) *realwindow.Window {
	t.Helper()
	w := realwindow.Start(t, scene, realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("phase 1")
	w.Type("bo-qua")
	w.Key("Escape")
	w.Expect("phase 2")
	return w
}

// peopleEnter types each text and presses Enter after it.
func peopleEnter(w *realwindow.Window, texts ...string) {
	for _, text := range texts {
		w.Type(text)
		w.Key("Return")
	}
}

// peopleRetype goes back from a refused password's second field to its first (Shift+Tab),
// types peopleNewPassword there, presses next to reach the second, types it again and presses last.
func peopleRetype(w *realwindow.Window, next, last string) {
	w.Key("shift+Tab", "ctrl+a")
	w.Type(peopleNewPassword)
	w.Key(next, "ctrl+a")
	w.Type(peopleNewPassword)
	w.Key(last)
}

// peopleSaid waits for the message that a password is set, checks in the store at path that
// login signs in with password, and closes the message with Enter.
func peopleSaid(t *testing.T, w *realwindow.Window, path, login, password string) {
	t.Helper()
	w.Expect("focused: button")
	peopleSignsIn(t, path, login, password)
	w.Key("Return")
}

// peopleNoThenYes checks that Esc answers the question of phase n with no (the scene asks it
// again in phase n+1) and Enter answers that one with yes.
func peopleNoThenYes(w *realwindow.Window, n int) {
	w.Expect(fmt.Sprintf("phase %d", n))
	w.Key("Escape")
	w.Expect(fmt.Sprintf("phase %d", n+1))
	w.Key("Return")
	w.Expect(fmt.Sprintf("phase %d", n+2))
}

// peopleExpectRefusal waits for the form dialog to show a refusal holding want.
func peopleExpectRefusal(t *testing.T, w *realwindow.Window, want string) {
	t.Helper()
	if got := w.Expect("message: "); !strings.Contains(got, want) {
		t.Fatalf("the dialog should refuse with %q: %q", want, got)
	}
}

// peopleAdmin is the scene's store as the administrator quantri sees it.
func peopleAdmin() context.Context { return data.WithUser(context.Background(), "quantri") }

// peopleSignsIn waits until login signs in with password in the store at path.
func peopleSignsIn(t *testing.T, path, login, password string) {
	t.Helper()
	eventually(t, path, func(db *store.DB) string {
		if _, err := db.SignIn(context.Background(), login, password); err != nil {
			return fmt.Sprintf("%s does not sign in with %q: %v", login, password, err)
		}
		return ""
	})
}

func TestFirstAdminRealWindow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kc.db")
	db, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	w := realwindow.Start(t, "signin", realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("message: ")
	// The cursor starts in the login; Tab goes through the name and both passwords; Enter in
	// the last creates, here refused: the password is too short.
	for _, text := range []string{"quantri", "Quan", "ngan"} {
		w.Type(text)
		w.Key("Tab")
	}
	peopleEnter(w, "ngan")
	if got := w.Expect("message: "); !strings.Contains(got, "ít nhất") {
		t.Fatalf("a short password should be refused: %q", got)
	}
	// Shift+Tab goes back to the first password; Enter there goes on to the second.
	peopleRetype(w, "Return", "Return")
	w.Expect("user: quantri")
	peopleSignsIn(t, path, "quantri", peopleNewPassword)
}

func TestChangePasswordRealWindow(t *testing.T) {
	path := peopleSceneDB(t)
	w := realwindow.Start(t, "people-password", realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("phase 1")
	// Space on "Đổi mật khẩu" opens the dialog, the cursor in the current password (and no space
	// typed there); Enter goes on to the new one and its copy, and in the last changes it; Enter
	// closes the message that says so.
	w.Key("space")
	w.Expect("focused: entry")
	peopleEnter(w, storetest.Password, peopleNewPassword, peopleNewPassword)
	peopleSaid(t, w, path, "quantri", peopleNewPassword)
	// Esc closes the dialog (the scene opens it again).
	w.Expect("phase 2")
	w.Type("bo-qua")
	w.Key("Escape")
	w.Expect("phase 3")
	// A wrong current password: the store's refusal stays in the dialog.
	peopleEnter(w, "sai-mat-khau", storetest.Password, storetest.Password)
	peopleExpectRefusal(t, w, "mật khẩu")
	// Back to the current password, typed right: Ctrl+S changes it.
	w.Key("shift+Tab", "shift+Tab", "ctrl+a")
	w.Type(peopleNewPassword)
	w.Key("ctrl+s")
	peopleSaid(t, w, path, "quantri", storetest.Password)
	// Sign out: Esc keeps the user signed in, Enter signs out.
	peopleNoThenYes(w, 4)
	w.Expect("user: none")
}

func TestUserDialogsRealWindow(t *testing.T) {
	path := peopleSceneDB(t)
	w := peopleStart(t, "people-users", path)
	// Login, Enter, full name, Tab to the role where Down makes a trainer of the clerk proposed,
	// Tab, the password too short twice: Enter is refused in the dialog.
	w.Type("giangvien2")
	w.Key("Return")
	w.Type("Hoang Giang")
	w.Key("Tab", "Down", "Tab")
	peopleEnter(w, "ngan", "ngan")
	peopleExpectRefusal(t, w, "ít nhất")
	// Back to the first password, a long one twice: Ctrl+S adds the user.
	peopleRetype(w, "Tab", "ctrl+s")
	w.Expect("phase 3")
	eventually(t, path, func(db *store.DB) string {
		us, err := db.FindUsers(peopleAdmin())
		for _, u := range us {
			if u.Login == "giangvien2" && u.FullName == "Hoang Giang" && u.Role == data.RoleTrainer {
				return ""
			}
		}
		return fmt.Sprintf("no trainer giangvien2 among %d users (%v)", len(us), err)
	})
	peopleSignsIn(t, path, "giangvien2", peopleNewPassword)
	// Reset the new user's password: Enter from the first field to the second, Enter resets;
	// Enter closes the message that says so.
	peopleEnter(w, "mk-dat-lai", "mk-dat-lai")
	peopleSaid(t, w, path, "giangvien2", "mk-dat-lai")
	// Disable: Esc keeps the user, then Enter disables them.
	peopleNoThenYes(w, 4)
	eventually(t, path, func(db *store.DB) string {
		us, err := db.FindUsers(peopleAdmin())
		for _, u := range us {
			if u.Login == "giangvien2" && u.Disabled {
				return ""
			}
		}
		return fmt.Sprintf("giangvien2 is not disabled (%v)", err)
	})
}

func TestSigningKeyDialogsRealWindow(t *testing.T) {
	path := peopleSceneDB(t)
	w := peopleStart(t, "people-key", path)
	// A wrong current passphrase, Enter, the new one twice: the store refuses, and the dialog
	// opens again with what was typed, the cursor in the current passphrase.
	peopleEnter(w, "sai-mat-khau-ky", peopleNewPassword, peopleNewPassword)
	peopleExpectRefusal(t, w, "không đúng")
	// The right one, Enter, the new one twice differing: Enter is refused in the dialog.
	w.Key("ctrl+a")
	w.Type(data.SamplePassword)
	w.Key("Return", "ctrl+a")
	w.Type(peopleNewPassword)
	w.Key("Return", "ctrl+a")
	w.Type("mk-khac-12")
	w.Key("Return")
	peopleExpectRefusal(t, w, "không khớp")
	w.Key("ctrl+a")
	w.Type(peopleNewPassword)
	w.Key("ctrl+s")
	w.Expect("focused: button")
	eventually(t, path, func(db *store.DB) string {
		if _, err := db.ExportKey(data.WithPassphrase(peopleAdmin(), peopleNewPassword), "tep-khoa-12345"); err != nil {
			return "the new passphrase does not unseal the key: " + err.Error()
		}
		return ""
	})
	// The message says it is set: Esc closes it. Then the new key: the passphrase and Enter.
	w.Key("Escape")
	w.Expect("phase 3")
	w.Type(peopleNewPassword)
	w.Key("Return")
	eventually(t, path, func(db *store.DB) string {
		st, err := db.KeyStatus(peopleAdmin())
		if err != nil || len(st.Keys) != 2 {
			return fmt.Sprintf("the register should hold the old key and the new: %+v (%v)", st, err)
		}
		return ""
	})
}

// peopleTrainersDB is peopleSceneDB with a class and the trainers Giảng A and Giảng B.
func peopleTrainersDB(t *testing.T) (path string, trainers []*data.User) {
	t.Helper()
	path = peopleSceneDB(t)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := data.NewClass()
	c.Code, c.Name, c.Kind, c.Trade = "LH-2026-007", "Lớp truyền nghề gốm sứ", data.ClassKindCraft, "Gốm sứ"
	c.Start, c.End = vn.Date{Year: 2026, Month: 3, Day: 2}, vn.Date{Year: 2026, Month: 5, Day: 8}
	c.Hours, c.Capacity, c.Status = 240, 30, data.ClassEnrolling
	if err := db.CreateClass(peopleAdmin(), c); err != nil {
		t.Fatal(err)
	}
	for _, login := range []string{"giang-a", "giang-b"} {
		trainers = append(trainers, storetest.AddUser(t, db, "quantri", login, data.RoleTrainer))
	}
	return path, trainers
}

// peopleHasTrainers waits until the class of the scene's store has the trainers want.
func peopleHasTrainers(t *testing.T, path string, want ...*data.User) {
	t.Helper()
	eventually(t, path, func(db *store.DB) string {
		cs, err := db.FindClasses(peopleAdmin(), data.ClassFilter{})
		if err != nil || len(cs) != 1 {
			return fmt.Sprint(err)
		}
		got, err := db.ClassTrainers(peopleAdmin(), cs[0].ID)
		logins := func(us []*data.User) (out []string) {
			for _, u := range us {
				out = append(out, u.Login)
			}
			slices.Sort(out)
			return out
		}
		if err != nil || !slices.Equal(logins(got), logins(want)) {
			return fmt.Sprintf("the class's trainers are %q, want %q (%v)", logins(got), logins(want), err)
		}
		return ""
	})
}

func TestTrainersAndHistoryRealWindow(t *testing.T) {
	path, trainers := peopleTrainersDB(t)
	w := realwindow.Start(t, "people-trainers", realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("phase 1")
	// The cursor is on the first trainer: Space ticks, Tab goes to the next, Space, Ctrl+S saves.
	w.Key("space", "Tab", "space", "ctrl+s")
	w.Expect("phase 2")
	peopleHasTrainers(t, path, trainers...)
	// Space unticks the first; Esc closes without saving.
	w.Key("space", "Escape")
	w.Expect("phase 3")
	// Space unticks the first; Enter saves.
	w.Key("space", "Return")
	w.Expect("phase 4")
	peopleHasTrainers(t, path, trainers[1])
	// The change history of a record: Esc closes it.
	w.Key("Escape")
	w.Expect("phase 5")
}

func TestNewDatabaseRealWindow(t *testing.T) {
	path := peopleSceneDB(t)
	w := peopleStart(t, "people-newdb", path)
	// The cursor is in the folder; Tab passes its browse button to the name. The name of the
	// database in use is refused in the dialog; another one, Enter, is made.
	w.Key("Tab", "Tab", "ctrl+a")
	w.Type("kc")
	w.Key("Return")
	peopleExpectRefusal(t, w, "không ghi đè")
	w.Key("ctrl+a")
	w.Type("moi-2027")
	w.Key("Return")
	// The program offers to close: Esc is "Để sau", and the window stays.
	w.Expect("focused: button")
	eventually(t, path, func(*store.DB) string {
		db, err := store.Open(filepath.Join(filepath.Dir(path), "moi-2027.db"))
		if err != nil {
			return "the new database is not made: " + err.Error()
		}
		db.Close()
		return ""
	})
	w.Key("Escape")
	w.Expect("phase 3")
}

func TestSettingsRealWindow(t *testing.T) {
	path := peopleSceneDB(t)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := db.Organisation(peopleAdmin())
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	w := realwindow.Start(t, "people-settings", realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("dialogs: 0")
	// The cursor is in the parent authority; Tab goes to the centre's name; Esc puts back what
	// is stored in both, then Enter saves what is typed.
	w.Key("ctrl+a")
	w.Type("SO CT")
	w.Key("Tab", "ctrl+a")
	w.Type("bo qua")
	w.Expect("name: bo qua")
	w.Key("Escape")
	w.Expect("name: " + stored.Name)
	w.Key("ctrl+a")
	w.Type("TT KC")
	w.Key("Return")
	eventually(t, path, func(db *store.DB) string {
		if o, err := db.Organisation(peopleAdmin()); err != nil || o.ParentAuthority != stored.ParentAuthority || o.Name != "TT KC" {
			return fmt.Sprintf("the stored centre is %+v (%v)", o, err)
		}
		return ""
	})
	// Saved, the scene goes on to the Chứng chỉ tab, the cursor in the verification page's
	// address: Enter saves it and says so; Esc closes the message.
	w.Expect("tab: 1")
	w.Type("https://kc.example.vn/xac-thuc")
	w.Key("Return")
	w.Expect("dialogs: 1")
	eventually(t, path, func(db *store.DB) string {
		if a, err := db.VerifyAddress(peopleAdmin()); err != nil || a != "https://kc.example.vn/xac-thuc" {
			return fmt.Sprintf("the stored address is %q (%v)", a, err)
		}
		return ""
	})
	w.Key("Escape")
	w.Expect("dialogs: 0")
}

// peopleFocused says what kind of widget has the cursor in m's window.
func peopleFocused(m *Main) string {
	switch m.Window.Canvas().Focused().(type) {
	case nil:
		return "none"
	case *widgets.Entry:
		return "entry"
	case *escButton:
		return "button"
	case *escCheck:
		return "check"
	case *escSelect:
		return "select"
	}
	return fmt.Sprintf("%T", m.Window.Canvas().Focused())
}
