package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/app"

	"khuyencong/ui/realwindow"
)

// The failed start under a real window (package realwindow), typed into with xdotool: Enter
// tries again, Esc closes, and the database dialog takes Enter and Esc for itself.

const (
	startSceneTitle = "kc-start-real-window-test"
	// startSceneDBEnv names the database the scene's program is started on.
	startSceneDBEnv = realwindow.DBEnv
)

// runStartScene runs the program on the database of startSceneDBEnv, which must fail to open,
// and prints what the clerk sees: "failure: " and the window's text, "dialog over the failure"
// while the database dialog is open, "started: " and the database once the program's window is
// up, and "ended" when the program ends.
func runStartScene() {
	a := app.NewWithID("vn.khuyencong.startrealwindowtest")
	m := NewMain(a)
	if err := m.ParseFlags([]string{"-db", os.Getenv(startSceneDBEnv)}); err != nil {
		panic(err)
	}
	err := m.Run()
	if err == nil {
		panic("the scene's database opened at start")
	}
	m.ShowFatal(err)
	failure := a.Driver().AllWindows()[0]
	failure.SetTitle(startSceneTitle)
	realwindow.Report(func() func() string {
		return func() string {
			if m.UI != nil {
				return "started: " + m.DB.Path()
			}
			if failure.Canvas().Overlays().Top() != nil {
				return "dialog over the failure"
			}
			return "failure: " + strings.ReplaceAll(windowsText(a), "\n", " ")
		}
	})
	a.Run()
	realwindow.Say("ended")
	m.Close()
}

// startScene starts the scene on the database at path, with a configuration folder of its own.
func startScene(t *testing.T, path string) *realwindow.Window {
	t.Helper()
	cfg := t.TempDir()
	return realwindow.Start(t, "start-failed", startSceneTitle, startSceneDBEnv+"="+path, "XDG_CONFIG_HOME="+cfg, "PGPASSFILE="+filepath.Join(cfg, "pgpass"))
}

func TestStartFailureRealWindow(t *testing.T) {
	t.Run("EnterTriesAgain", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "kc.db")
		w := startScene(t, path)
		if got := w.Expect("failure: "); !strings.Contains(got, "Không có tệp cơ sở dữ liệu") {
			t.Fatalf("the window says %q", got)
		}
		if err := createDatabase(path); err != nil {
			t.Fatal(err)
		}
		w.Key("Return")
		w.Expect("started: " + path)
	})
	t.Run("EscCloses", func(t *testing.T) {
		w := startScene(t, filepath.Join(t.TempDir(), "kc.db"))
		w.Expect("failure: ")
		w.Key("Escape")
		w.Expect("ended")
	})
	t.Run("AnotherDatabase", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "vanphong.db")
		if err := createDatabase(other); err != nil {
			t.Fatal(err)
		}
		w := startScene(t, filepath.Join(t.TempDir(), "kc.db"))
		w.Expect("failure: ")
		// Tab goes to "Đóng", then "Dùng cơ sở dữ liệu khác…"; space presses it. The dialog puts
		// the cursor in its file field: Esc closes the dialog only, not the window, and Enter
		// there uses the file typed, not "Thử lại".
		w.Key("Tab", "Tab", "space")
		w.Expect("dialog over the failure")
		w.Key("Escape")
		w.Expect("failure: ")
		w.Key("space") // the button keeps the focus
		w.Expect("dialog over the failure")
		w.Key("ctrl+a")
		w.Type(other)
		w.Key("Return")
		w.Expect("started: " + other)
	})
}
