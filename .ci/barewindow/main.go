// Command barewindow is the floor under the desk's start-up figures: a Fyne window with no
// database, no translations and no screens, showing the widgets the sign-in shows (a bold title,
// a label, an entry and a button), so that it loads the same fonts and starts the same GL driver.
// .ci/measure-startup measures it the same way as the desk's window: what it takes, the desk
// cannot take less.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("vn.gov.hanoi.khuyencong.barewindow")
	w := a.NewWindow("Khuyến công")
	title := widget.NewLabelWithStyle("Đăng nhập", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	w.SetContent(container.NewCenter(container.NewVBox(title, widget.NewLabel("Tên đăng nhập"),
		widget.NewEntry(), widget.NewButton("Đăng nhập", nil))))
	w.Resize(fyne.NewSize(1366, 740))
	w.CenterOnScreen()
	w.ShowAndRun()
}
