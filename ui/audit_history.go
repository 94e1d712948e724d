package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// historyPage is how many changes the record's history reads at once; "Xem thêm" reads the next.
const historyPage = 50

// entryView shows one change: when, who and what on a bold line (with the record it was
// made to when withRecord), the store's sentence, then each field the form's way, before → after.
func (w *auditWords) entryView(e *data.AuditEntry, withRecord bool) fyne.CanvasObject {
	head := instantText(e.At) + " · " + whoText(e.User) + " · " + actionLabel(e.Action)
	if withRecord {
		head += " · " + recordText(e)
	}
	title := bold(head)
	title.Wrapping = fyne.TextWrapWord // beside the log, the record may not fit on the line
	box := container.NewVBox(title)
	if e.Detail != "" {
		d := widget.NewLabel(e.Detail)
		d.Wrapping = fyne.TextWrapWord
		box.Add(d)
	}
	changes := shownChanges(e)
	if len(changes) == 0 {
		return box
	}
	form := widget.NewForm()
	for _, c := range changes {
		v := widget.NewLabel(w.change(e.Entity, c))
		v.Wrapping = fyne.TextWrapWord
		form.Append(auditLabel(e.Entity, c.Field), v)
	}
	box.Add(form)
	return box
}

// whoText names who made a change: their login, or the program itself.
func whoText(login string) string {
	if login == "" {
		return lang.L("the program")
	}
	return login
}

// recordText names the record a change was made to: "Doanh nghiệp số 12".
func recordText(e *data.AuditEntry) string {
	if e.EntityID == 0 {
		return entityLabel(e.Entity)
	}
	return lang.L("{{.Record}} no. {{.ID}}", map[string]any{"Record": entityLabel(e.Entity), "ID": e.EntityID})
}

// recordHistory is the "Lịch sử thay đổi" of one record: its changes, newest first, read a page
// at a time.
type recordHistory struct {
	m        *Main
	words    *auditWords
	filter   data.AuditFilter
	count    *widget.Label
	entries  *fyne.Container
	more     *widget.Button
	loaded   int
	total    int
	content  fyne.CanvasObject
	problems *widget.Label
}

// newRecordHistory reads the first page of the history of record id of entity.
func newRecordHistory(m *Main, entity string, id int64) *recordHistory {
	h := &recordHistory{m: m, words: newAuditWords(m), filter: data.AuditFilter{Entity: entity, EntityID: id, Limit: historyPage},
		count: widget.NewLabel(""), entries: container.NewVBox(), problems: messageLabel()}
	h.count.TextStyle.Bold = true
	h.more = widget.NewButtonWithIcon("", theme.MoreVerticalIcon(), h.loadMore)
	h.content = container.NewBorder(container.NewVBox(h.count, h.problems), nil, nil, nil,
		container.NewVScroll(container.NewVBox(h.entries, h.more)))
	h.load()
	return h
}

// load counts the record's changes and reads the newest page.
func (h *recordHistory) load() {
	n, err := h.m.Services.Audit.CountAudit(h.m.ctx(), h.filter)
	if err != nil {
		h.m.showRefusal(h.problems, err)
		h.more.Hide()
		return
	}
	h.total = n
	h.count.SetText(lang.L("{{.Count}} changes, newest first", map[string]any{"Count": vn.FormatInt(int64(n))}))
	if n == 0 {
		h.count.SetText(lang.L("No change recorded yet."))
	}
	h.loadMore()
}

// loadMore reads the next page of older changes.
func (h *recordHistory) loadMore() {
	f := h.filter
	f.Offset = h.loaded
	rows, err := h.m.Services.Audit.FindAudit(h.m.ctx(), f)
	if err != nil {
		h.m.showRefusal(h.problems, err)
		h.more.Hide()
		return
	}
	for _, e := range rows {
		if h.loaded > 0 {
			h.entries.Add(widget.NewSeparator())
		}
		h.entries.Add(h.words.entryView(e, false))
		h.loaded++
	}
	if len(rows) == 0 || h.loaded >= h.total {
		h.more.Hide()
		return
	}
	h.more.SetText(lang.L("Show {{.Count}} older changes", map[string]any{"Count": min(historyPage, h.total-h.loaded)}))
	h.more.Show()
}

// showRecordHistory opens the "Lịch sử thay đổi" of record id of entity, titled by what the
// record is called; Esc closes it.
func (m *Main) showRecordHistory(entity string, id int64, name string) {
	h := newRecordHistory(m, entity, id)
	title := lang.L("Change history: {{.Record}}", map[string]any{"Record": entityLabel(entity) + " " + name})
	d := dialog.NewCustomWithoutButtons(title, h.content, m.Window)
	closeB := newEscButton(lang.L("Close (Esc)"), theme.CancelIcon(), d.Hide, d.Hide)
	d.SetButtons([]fyne.CanvasObject{closeB})
	size := m.Window.Canvas().Size()
	d.Resize(fyne.NewSize(size.Width*0.7, size.Height*0.85))
	d.Show()
	m.Window.Canvas().Focus(closeB) // so that Esc (or Enter) closes it
}

// historyButton is the "Lịch sử thay đổi" button of a record's form or page. It shows the history
// of the record set last, and is hidden for a record not stored yet or when the window has no
// history to read.
type historyButton struct {
	m      *Main
	entity string
	id     int64
	name   string
	// button is what the form or page lays out.
	button *widget.Button
}

// newHistoryButton is the history button of record id of entity, called name in the dialog's title.
func (m *Main) newHistoryButton(entity string, id int64, name string) *historyButton {
	h := &historyButton{m: m, entity: entity}
	h.button = widget.NewButtonWithIcon(lang.L("Change history"), theme.HistoryIcon(), func() {
		m.showRecordHistory(h.entity, h.id, h.name)
	})
	h.set(id, name)
	return h
}

// set makes the button show the history of record id, called name; id 0 hides it.
func (h *historyButton) set(id int64, name string) {
	h.id, h.name = id, name
	if id == 0 || h.m.Services.Audit == nil {
		h.button.Hide()
	} else {
		h.button.Show()
	}
}
