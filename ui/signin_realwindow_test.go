package ui

import (
	"context"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/ui/realwindow"
)

// The sign-in and the signing passphrase's prompt under a real window, typed into with xdotool:
// the headless driver hands keys to the widget it is told to, so it cannot see where Tab or a
// dialog's opening really puts the cursor.

// peopleScenes are the real-window scenes of the sign-in and the passphrase prompt. Both use the
// scene's database as the store of users and keys.
var peopleScenes = map[string]func(m *Main) (state func() string){
	"signin": func(m *Main) func() string {
		m.Services.Users = m.Services.Enterprises.(*store.DB)
		m.signOut()
		return func() string {
			if m.user != nil {
				return "user: " + m.user.Login
			}
			return "message: " + signInMessage(m)
		}
	},
	"passphrase": func(m *Main) func() string {
		m.Services.Keys = m.Services.Enterprises.(*store.DB)
		signed := ""
		var ask func()
		ask = func() { m.askPassphrase("Ký thử", func(p string) { signed = p; ask() }) }
		ask()
		return func() string {
			prompt := "closed"
			if m.Window.Canvas().Overlays().Top() != nil {
				prompt = "open"
			}
			return "prompt: " + prompt + "\nsigned: " + signed
		}
	},
}

func init() { maps.Copy(realWindowScenes, peopleScenes) }

// signInMessage is the refusal the sign-in shows, "" when none.
func signInMessage(m *Main) string {
	for _, o := range test.LaidOutObjects(m.Window.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Importance == widget.DangerImportance && l.Visible() {
			return l.Text
		}
	}
	return ""
}

// peopleSceneDB makes the database the scenes open: the administrator quantri (password
// storetest.Password) and the signing key sealed under data.SamplePassword.
func peopleSceneDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kc.db")
	db, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	storetest.AddAdmin(t, db, "quantri")
	if err := db.SetSigningPassphrase(data.WithUser(context.Background(), "quantri"), "", data.SamplePassword); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSignInRealWindow(t *testing.T) {
	w := realwindow.Start(t, "signin", realWindowTitle, sceneDBEnv+"="+peopleSceneDB(t))
	w.Expect("message: ")
	// The cursor starts in the login; Tab goes to the password, Enter signs in.
	w.Type("quantri")
	w.Key("Tab")
	w.Type("sai-mat-khau")
	w.Key("Return")
	if got := w.Expect("message: "); !strings.Contains(got, "Sai mật khẩu") {
		t.Fatalf("the refusal should say the password is wrong: %q", got)
	}
	// The refusal emptied the password and left the cursor there.
	w.Type(storetest.Password)
	w.Key("Return")
	w.Expect("user: quantri")
}

func TestPassphrasePromptRealWindow(t *testing.T) {
	w := realwindow.Start(t, "passphrase", realWindowTitle, sceneDBEnv+"="+peopleSceneDB(t))
	w.Expect("prompt: open")
	// The cursor is in the prompt as it opens: typing and Enter sign.
	w.Type(data.SamplePassword)
	w.Key("Return")
	w.Expect("signed: " + data.SamplePassword)
	// The next prompt: Esc closes it without signing.
	w.Type("bo-qua")
	w.Key("Escape")
	w.Expect("prompt: closed")
}
