package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"khuyencong/ui/realwindow"
)

// The failed start under a real window (package realwindow), typed into with xdotool: Enter
// tries again, Esc closes, and the database dialog takes Enter and Esc for itself.

const (
	startSceneTitle = "kc-start-real-window-test"
	// startSceneDBEnv names the database the scene's program is started on.
	startSceneDBEnv = "KC_SCENE_DB"
)

// runStartScene runs the program on the database of startSceneDBEnv, which must fail to open,
// and prints what the clerk sees: "failure: " and the window's text, "dialog over the failure"
// while the database dialog is open, "started: " and the database once the program's window is
// up, and "ended" when the program ends.
func runStartScene() {
	var mu sync.Mutex
	say := func(line string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Println(line)
	}
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
	go func() {
		time.Sleep(time.Second)
		say("ready")
		last := ""
		for {
			var now string
			fyne.DoAndWait(func() {
				if m.UI != nil {
					now = "started: " + m.DB.Path()
				} else {
					now = "failure: " + strings.ReplaceAll(windowsText(a), "\n", " ")
					if failure.Canvas().Overlays().Top() != nil {
						now = "dialog over the failure"
					}
				}
			})
			if now != last {
				say(now)
				last = now
			}
			time.Sleep(50 * time.Millisecond)
		}
	}()
	a.Run()
	say("ended")
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
