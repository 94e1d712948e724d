package ui

import (
	"context"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
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

// saveDocument asks where to save a document, offering fileName and files ending in ext, then
// writes it with write off the UI goroutine and says where it went.
func (m *Main) saveDocument(fileName, ext string, write func(ctx context.Context, w io.Writer) error) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		m.runTask(lang.L("Exporting"), func(ctx context.Context) error {
			err := write(ctx, w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		}, func() {
			dialog.ShowInformation(lang.L("Exported"), lang.L("Saved to {{.Path}}", map[string]any{"Path": w.URI().Path()}), m.Window)
		})
	}, m.Window)
	save.SetFileName(fileName)
	save.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	save.Show()
}

// typingPause is how long a search waits after the last key before it runs.
const typingPause = 250 * time.Millisecond

// debouncer runs a function once the clerk pauses typing, so that a fast typist is not slowed
// by a search at every letter. A zero delay runs it at once (tests).
type debouncer struct {
	delay time.Duration
	timer *time.Timer
}

// call runs f after the pause, dropping a call still waiting.
func (d *debouncer) call(f func()) {
	if d.delay == 0 {
		f()
		return
	}
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.delay, func() { fyne.Do(f) })
}
