package ui

import (
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data/store"
	"khuyencong/ui/realwindow"
)

// The database dialog under a real window, typed into with xdotool: where the cursor starts,
// where Tab takes it, that Enter uses what was typed and Esc closes.

// databaseScenes are the real-window scenes of Settings → "Dùng cơ sở dữ liệu khác…".
var databaseScenes = map[string]func(m *Main) (state func() string){
	"database-server": func(m *Main) func() string {
		checked := ""
		m.Services.CheckDatabase = func(location string) error {
			checked = location
			db, err := store.Open(location)
			if err == nil {
				err = db.Close()
			}
			return err
		}
		m.Services.UseDatabase = func(string) error { return nil }
		m.Show(len(m.entries) - 1)
		c := newDatabaseChoice(m)
		c.kind.SetSelectedIndex(1)
		c.dialog.Show()
		c.focusFirst()
		return func() string {
			open := "open"
			if m.Window.Canvas().Overlays().Top() == nil {
				open = "closed"
			}
			said := "…"
			if !c.use.Disabled() { // the check is over
				said = c.message.Text
			}
			return "dialog: " + open + "\nchecked: " + checked + " → " + said
		}
	},
}

func init() { maps.Copy(realWindowScenes, databaseScenes) }

func TestDatabaseChoiceRealWindow(t *testing.T) {
	db, err := store.Create(filepath.Join(t.TempDir(), "kc.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	w := realwindow.Start(t, "database-server", realWindowTitle, sceneDBEnv+"="+path)
	w.Expect("dialog: open")
	// The cursor starts in the server's field; Tab goes to the port (Ctrl+A replaces 5432), the
	// database (khuyencong kept), the login and the password; Enter uses what was typed.
	w.Type("127.0.0.1")
	w.Key("Tab", "ctrl+a")
	w.Type("1")
	w.Key("Tab", "Tab")
	w.Type("vanphong")
	w.Key("Tab")
	w.Type("mat-khau")
	w.Key("Return")
	got := w.Expect("checked: ")
	for strings.HasSuffix(got, "→ …") || strings.HasSuffix(got, "→ ") {
		got = w.Expect("checked: ")
	}
	if !strings.HasPrefix(got, "checked: postgres://vanphong:mat-khau@127.0.0.1:1/khuyencong → ") ||
		!strings.Contains(got, "máy chủ không trả lời") || strings.Contains(got[strings.Index(got, "→"):], "mat-khau") {
		t.Fatalf("Enter should check what was typed and say the server does not answer, without the password: %q", got)
	}
	w.Key("Escape")
	w.Expect("dialog: closed")
}
