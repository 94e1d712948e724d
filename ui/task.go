package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// runTask does work that can take more than a moment off the UI goroutine, behind a progress
// dialog with a Cancel button, then calls done (or shows the error) on the UI goroutine.
// Cancel cancels the context the work receives.
func (m *Main) runTask(title string, work func(ctx context.Context) error, done func()) {
	ctx, cancel := context.WithCancel(m.ctx())
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(lang.L("Please wait…")), bar), m.Window)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Cancel"), cancel)})
	d.Show()
	go func() {
		err := work(ctx)
		cancelled := ctx.Err() != nil
		cancel()
		fyne.Do(func() {
			d.Hide()
			switch {
			case cancelled:
			case err != nil:
				m.showError(err)
			case done != nil:
				done()
			}
		})
	}()
}
