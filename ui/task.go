package ui

import (
	"context"
	"io"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
)

// runTask does work that can take more than a moment off the UI goroutine, behind a progress
// dialog with a Cancel button, then calls done (or shows the error) on the UI goroutine.
// Cancel cancels the context the work receives.
func (m *Main) runTask(title string, work func(ctx context.Context) error, done func()) {
	m.runProgress(title, func(ctx context.Context, _ func(done, total int)) error { return work(ctx) }, done)
}

// runProgress is runTask for work that can say how far it is: from its first report the bar
// shows the share done instead of running to and fro. progress may be called from any goroutine,
// as often as the work likes; the bar moves at each whole percent.
func (m *Main) runProgress(title string, work func(ctx context.Context, progress func(done, total int)) error, done func()) {
	ctx, cancel := context.WithCancel(m.ctx())
	bar := widget.NewProgressBarInfinite()
	share := widget.NewProgressBar()
	share.Hide()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(lang.L("Please wait…")), bar, share), m.Window)
	d.SetButtons([]fyne.CanvasObject{widget.NewButton(lang.L("Cancel"), cancel)})
	d.Show()
	var shown atomic.Int64
	shown.Store(-1)
	progress := func(n, total int) {
		if total <= 0 {
			return
		}
		if pct := int64(n) * 100 / int64(total); shown.Swap(pct) != pct {
			fyne.Do(func() {
				bar.Stop()
				bar.Hide()
				share.Show()
				share.SetValue(float64(pct) / 100)
			})
		}
	}
	go func() {
		err := work(ctx, progress)
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

// PrefDocumentsDir is the folder a document was last saved in: the save dialog opens there.
const PrefDocumentsDir = "documents.dir"

// saveDocument asks where to save a document, in the folder last saved in (at first the user's
// Documents), proposing fileName without marks; then writes it with write off the UI goroutine,
// says where it went and offers to open it or its folder.
func (m *Main) saveDocument(fileName, ext string, write func(ctx context.Context, w io.Writer) error) {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := filepath.FromSlash(w.URI().Path()) // Fyne's URI says C:/Users/…; a clerk reads C:\Users\…
		m.App.Preferences().SetString(PrefDocumentsDir, filepath.Dir(path))
		m.runTask(lang.L("Exporting"), func(ctx context.Context) error {
			err := write(ctx, w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			return err
		}, func() { m.showSaved(path) })
	}, m.Window)
	save.SetFileName(m.proposedName(fileName))
	save.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if dir := m.documentsDir(); dir != nil {
		save.SetLocation(dir)
	}
	save.Show()
}

// documentsDir is the folder the save dialog opens in: the one last saved in, or else the user's
// Documents folder, or else their home; nil when none exists.
func (m *Main) documentsDir() fyne.ListableURI {
	for _, dir := range []string{m.App.Preferences().String(PrefDocumentsDir), documentsFolder(), homeFolder()} {
		if fi, err := os.Stat(dir); dir == "" || err != nil || !fi.IsDir() {
			continue
		}
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			return l
		}
	}
	return nil
}

// homeFolder is the user's home folder, "" when unknown.
func homeFolder() string {
	home, _ := os.UserHomeDir()
	return home
}

// proposedName is a document's file name as the save dialog proposes it: in ASCII letters, digits
// and dashes, since tools on Windows (old Excel macros, e-mail gateways, zip) garble marks, and with
// the day's date when nothing in it says which one it is, so that this week's list does not
// replace last week's: "danh-sach-hoc-vien-LH-2026-006.pdf", "doanh-nghiep-2026-11-30.xlsx".
func (m *Main) proposedName(name string) string {
	ext := filepath.Ext(name)
	stem := safeFilePart(withoutMarks(strings.TrimSuffix(name, ext)))
	if !strings.ContainsAny(stem, "0123456789") {
		stem = strings.TrimPrefix(stem+"-"+m.today().ISO(), "-")
	}
	return stem + ext
}

// withoutMarks is s with its Vietnamese letters' marks taken off, keeping case: "Đợt 2" -> "Dot 2".
func withoutMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		case r == 'Đ':
			b.WriteRune('D')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// showSaved says where a document went and offers to open it, or its folder, at once.
func (m *Main) showSaved(path string) {
	msg := widget.NewLabel(lang.L("Saved to {{.Path}}", map[string]any{"Path": path}))
	msg.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustomWithoutButtons(lang.L("Exported"), msg, m.Window)
	open := widget.NewButtonWithIcon(lang.L("Open"), theme.FileIcon(), func() { d.Hide(); m.openPath(path) })
	open.Importance = widget.HighImportance
	folder := widget.NewButtonWithIcon(lang.L("Open folder"), theme.FolderOpenIcon(), func() { d.Hide(); m.openPath(filepath.Dir(path)) })
	d.SetButtons([]fyne.CanvasObject{open, folder, widget.NewButton(lang.L("Close"), d.Hide)})
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
}

// openPath opens a file in the program the system has for it (a PDF in its viewer, a workbook in
// Excel), or a folder in the file manager.
func (m *Main) openPath(path string) {
	open := m.openURL
	if open == nil {
		open = m.App.OpenURL
	}
	if err := open(fileURL(path)); err != nil {
		log.Printf("open %s: %v", path, err)
		m.showError(data.Errorf(data.EINVALID, "Không mở được %s: máy chưa có chương trình nào mở loại tệp này. Tệp vẫn ở đó; hãy mở bằng chương trình khác.", path))
	}
}

// fileURL is the URL App.OpenURL opens path with: on Windows the bare path, which it hands to the
// shell as typed (a file: URL would reach it with "Nguyễn" spelled %E1%BB%85), elsewhere a file: URL.
func fileURL(path string) *url.URL {
	if runtime.GOOS == "windows" {
		return &url.URL{Opaque: path}
	}
	return &url.URL{Scheme: "file", Path: filepath.ToSlash(path)}
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
