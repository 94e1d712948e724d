package widgets_test

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"khuyencong/ui/realwindow"
	"khuyencong/ui/widgets"
)

// These tests drive a real window under Xvfb with xdotool (see package realwindow).

const realWindowTitle = "kc-real-window-test"

func TestMain(m *testing.M) {
	if realwindow.Scene() != "" {
		runRealWindow()
		return
	}
	os.Exit(m.Run())
}

// runRealWindow shows a ward picker, a picker that searches, a plain field after them and, on
// Ctrl+D, a dialog holding a third picker. Every choice and change is printed on a line of its own.
func runRealWindow() {
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Printf(format+"\n", args...)
	}
	a := app.NewWithID("vn.khuyencong.realwindowtest")
	w := a.NewWindow(realWindowTitle)
	fixed := widgets.NewPicker(wards, "Phường/xã")
	fixed.OnChanged = func(k string) { say("fixed chose %s", k) }
	searching := widgets.NewPicker(nil, "Doanh nghiệp")
	searching.Search = func(text string) []widgets.Option {
		probe := widgets.NewPicker(wards, "")
		probe.SetText(text) // the fixed list's own matching stands in for the register's search
		var out []widgets.Option
		for _, label := range probe.Matches() {
			for _, o := range wards {
				if o.Label == label {
					out = append(out, o)
				}
			}
		}
		return out
	}
	searching.OnChanged = func(k string) { say("searching chose %s", k) }
	after := widget.NewEntry()
	after.OnChanged = func(s string) { say("after %s", s) }
	w.SetContent(container.NewVBox(widget.NewLabel("Thử bàn phím"), fixed, searching, after))
	// A main-menu shortcut, as the app's own: a focused field keeps other shortcuts to itself.
	openDialog := fyne.NewMenuItem("Đăng ký mới", func() {
		inDialog := widgets.NewPicker(wards, "Phường/xã")
		inDialog.OnChanged = func(k string) { say("dialog chose %s", k) }
		d := dialog.NewCustom("Đăng ký mới", "Đóng", container.NewVBox(inDialog), w)
		d.Resize(fyne.NewSize(400, 300))
		d.Show()
		w.Canvas().Focus(inDialog)
		say("dialog open")
	})
	openDialog.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyD, Modifier: fyne.KeyModifierControl}
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("Tệp", openDialog)))
	w.Resize(fyne.NewSize(500, 400))
	w.Canvas().Focus(fixed)
	go func() {
		time.Sleep(500 * time.Millisecond)
		say("ready")
	}()
	w.ShowAndRun()
}

func TestPickerRealWindow(t *testing.T) {
	rw := realwindow.Start(t, "pickers", realWindowTitle)
	// "ha d" matches only Phường Hà Đông; if the keys after the first went nowhere, Enter would
	// choose nothing.
	rw.Type("ha d")
	rw.Key("Return")
	rw.Expect("fixed chose 09556")
	// Tab leaves the picker for the next field in order; the searching picker takes typing too.
	rw.Key("Tab")
	rw.Type("dong")
	rw.Key("Down", "Return")
	rw.Expect("searching chose 09556")
	// Esc closes the list and puts the choice back; Tab then reaches the plain field.
	rw.Type("zzz")
	rw.Key("Escape", "Tab")
	rw.Type("xong")
	rw.Expect("after xong")
	// A picker inside a dialog (as "Đăng ký mới…" on a fair) takes typing the same way.
	rw.Key("ctrl+d")
	rw.Expect("dialog open")
	rw.Type("bat tr")
	rw.Key("Return")
	rw.Expect("dialog chose 00577")
}
