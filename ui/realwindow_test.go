package ui

import (
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/app"

	"khuyencong/data/store"
	"khuyencong/ui/realwindow"
)

// The window's keyboard under a real window (package realwindow): each file of tests adds its
// scenes to realWindowScenes in an init, and the test binary, started for one, shows it.

// TestMain shows a real-window scene when the binary is started for one (realWindowScenes),
// and runs the tests otherwise.
func TestMain(m *testing.M) {
	if scene := realwindow.Scene(); scene != "" {
		runScene(scene)
		return
	}
	os.Exit(m.Run())
}

const (
	realWindowTitle = "kc-ui-real-window-test"
	// sceneDBEnv names the database a scene's window opens.
	sceneDBEnv = realwindow.DBEnv
)

// realWindowScenes are the scenes a test can show: each sets the window up once it is shown and
// returns what it reports, lines the test waits for (each printed when it changes), polled as the clerk types. Files of tests
// add theirs in an init.
var realWindowScenes = map[string]func(m *Main) (state func() string){}

// runScene opens the window on the database of sceneDBEnv, sets scene up and prints its state
// each time it changes.
func runScene(scene string) {
	a := app.NewWithID("vn.khuyencong.uirealwindowtest")
	if err := SetLanguage(Vietnamese); err != nil {
		panic(err)
	}
	db, err := store.Open(os.Getenv(sceneDBEnv))
	if err != nil {
		panic(err)
	}
	defer db.Close()
	m := NewMain(a, Services{Enterprises: db, Divisions: db, Settings: db, Backup: db, Classes: db, Trainees: db,
		Enrollments: db, Attendance: db, Grades: db, Certificates: db, Fairs: db, Programmes: db, Equipment: db,
		Villages: db, Reports: db, DBPath: db.Path(), User: "tester", Now: func() time.Time { return db.Now() }})
	m.Window.SetTitle(realWindowTitle)
	realwindow.Report(func() func() string { return realWindowScenes[scene](m) })
	m.Window.ShowAndRun()
}
