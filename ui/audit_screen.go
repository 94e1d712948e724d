package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// auditScreen is "Nhật ký thay đổi": the whole history of changes, newest first, searched by who
// made them (the search box takes a login), by day and by record, with the check that nothing in
// it was rewritten. Opening a change shows its fields beside the list. RightAudit.
type auditScreen struct {
	*listScreen[*data.AuditEntry, *auditEntryPanel]

	words    *auditWords
	from, to *textFilter
	entity   *choice[string]
	record   *textFilter
}

// newAuditScreen builds the change log and reads its first page.
func newAuditScreen(m *Main) *auditScreen {
	s := &auditScreen{listScreen: newListScreen[*data.AuditEntry, *auditEntryPanel](m), words: newAuditWords(m)}
	changed := func() { s.typing.call(s.reload) }
	s.from = newTextFilter(lang.L("From day (dd/mm/yyyy)"), "from {{.Text}}", checkDate, changed)
	s.to = newTextFilter(lang.L("To day (dd/mm/yyyy)"), "to {{.Text}}", checkDate, changed)
	s.entity = newChoice(lang.L("All records"), auditEntities, entityLabel, s.reload)
	s.record = newTextFilter(lang.L("Record number"), "record no. {{.Text}}", checkRecordNumber, changed)
	svc := m.Services.Audit
	check := widget.NewButtonWithIcon(lang.L("Check integrity"), theme.ConfirmIcon(), s.check)
	s.build(listSpec[*data.AuditEntry, *auditEntryPanel]{
		Search: lang.L("Login of who made the change… (Ctrl+F)"),
		Columns: []widgets.Column[*data.AuditEntry]{
			{Title: lang.L("When"), Samples: []string{"28/12/2026 23:59"}, Text: func(e *data.AuditEntry) string { return instantText(e.At) }},
			{Title: lang.L("Who"), Width: 90, Text: func(e *data.AuditEntry) string { return whoText(e.User) }},
			{Title: lang.L("Action"), Samples: []string{lang.L("action.status")}, Text: func(e *data.AuditEntry) string { return actionLabel(e.Action) }},
			{Title: lang.L("Record"), Samples: []string{"Doanh nghiệp số 12.345"}, Text: recordText},
			{Title: lang.L("What"), Width: 200, Grow: true, Text: func(e *data.AuditEntry) string { return e.Detail }},
			{Title: lang.L("Fields changed"), Width: 200, Grow: true, Optional: true, Text: s.words.changesLine},
		},
		Filters:       []fyne.CanvasObject{s.from, s.to, s.entity, s.record},
		FilterColumns: 4,
		Actions:       []fyne.CanvasObject{check},
		Count:         func(ctx context.Context) (int, error) { return svc.CountAudit(ctx, s.filter()) },
		CountText:     "{{.Count}} changes",
		Fetch: func(ctx context.Context, offset, limit int, _ string, _ bool) ([]*data.AuditEntry, error) {
			f := s.filter()
			f.Offset, f.Limit = offset, limit
			return svc.FindAudit(ctx, f) // newest first
		},
		Open:      func(e *data.AuditEntry) (*auditEntryPanel, error) { return newAuditEntryPanel(s, e), nil },
		SideShare: 0.55,
	})
	return s
}

// filter is what the search box and the filters select; a filter not valid yet selects everything.
func (s *auditScreen) filter() data.AuditFilter {
	f := data.AuditFilter{User: strings.ToLower(strings.TrimSpace(s.search.Text))}
	f.From, _ = vn.ParseDate(s.from.value())
	f.To, _ = vn.ParseDate(s.to.value())
	if e := s.entity.value(); e != nil {
		f.Entity = *e
	}
	f.EntityID, _ = strconv.ParseInt(s.record.value(), 10, 64)
	return f
}

// showRecord narrows the log to the changes of e's record.
func (s *auditScreen) showRecord(e *data.AuditEntry) {
	s.entity.Selected = entityLabel(e.Entity)
	s.entity.Refresh()
	s.record.SetText(strconv.FormatInt(e.EntityID, 10))
	s.reload()
}

// check walks the whole chain of the history and says whether it is whole, or where it was
// first broken.
func (s *auditScreen) check() {
	var res *data.AuditCheck
	s.m.runTask(lang.L("Checking the change log"), func(ctx context.Context) (err error) {
		res, err = s.m.Services.Audit.CheckAudit(ctx)
		return err
	}, func() {
		if res.BrokenAt == 0 {
			s.m.sayDone(lang.L("Check integrity"), checkText(res))
			return
		}
		dialog.ShowError(errors.New(checkText(res)), s.m.Window)
	})
}

// checkText says the result of a check of the history in a sentence.
func checkText(res *data.AuditCheck) string {
	if res.BrokenAt == 0 {
		return lang.L("The change log is whole: {{.Count}} changes checked, none edited or removed.",
			map[string]any{"Count": vn.FormatInt(int64(res.Entries))})
	}
	return lang.L("The change log was tampered with at change no. {{.ID}}: {{.Problem}} Changes checked: {{.Count}}.",
		map[string]any{"ID": res.BrokenAt, "Problem": res.Problem, "Count": vn.FormatInt(int64(res.Entries))})
}

// auditEntryPanel shows one change of the log beside the list, with the way to see only that
// record's changes.
type auditEntryPanel struct {
	content fyne.CanvasObject
}

// newAuditEntryPanel shows change e of the log s.
func newAuditEntryPanel(s *auditScreen, e *data.AuditEntry) *auditEntryPanel {
	only := widget.NewButtonWithIcon(lang.L("Only this record"), theme.SearchIcon(), func() { s.showRecord(e) })
	if e.EntityID == 0 {
		only.Disable()
	}
	closeB := widget.NewButtonWithIcon(lang.L("Close (Esc)"), theme.CancelIcon(), s.back)
	buttons := container.NewHBox(only, layout.NewSpacer(), closeB)
	return &auditEntryPanel{content: container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(s.words.entryView(e, true)))}
}

// view implements detail.
func (p *auditEntryPanel) view() fyne.CanvasObject { return p.content }

// unsaved implements detail: a change of the history is only read.
func (p *auditEntryPanel) unsaved() bool { return false }

// textFilter is a filter typed as text (a day, a number): it selects only once what is typed is
// valid, says so in the Excel copy's filter line, and clears with the others.
type textFilter struct {
	widgets.Entry
	says string // the filter line's words, a translation key over {{.Text}}
}

// newTextFilter is a filter showing placeholder, said by says in the filter line, that calls
// changed once what is typed passes valid (or is cleared).
func newTextFilter(placeholder, says string, valid func(string) error, changed func()) *textFilter {
	f := &textFilter{says: says}
	f.ExtendBaseWidget(f)
	f.SetPlaceHolder(placeholder)
	f.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return valid(strings.TrimSpace(s))
	}
	f.OnChanged = func(string) {
		if f.Validate() == nil {
			changed()
		}
	}
	f.OnEscape = func() { f.SetText("") }
	return f
}

// value is the text typed when it is valid, "" otherwise.
func (f *textFilter) value() string {
	if f.Validate() != nil {
		return ""
	}
	return strings.TrimSpace(f.Text)
}

// chosen says the filter for the filter line, "" when it selects everything.
func (f *textFilter) chosen() string {
	if v := f.value(); v != "" {
		return lang.L(f.says, map[string]any{"Text": v})
	}
	return ""
}

// reset clears the filter without calling changed.
func (f *textFilter) reset() {
	f.Text = ""
	f.Refresh()
}

// checkDate accepts a day typed dd/mm/yyyy.
func checkDate(s string) error {
	_, err := vn.ParseDate(s)
	return err
}

// checkRecordNumber accepts a record's number: a whole number from 1.
func checkRecordNumber(s string) error {
	if n, err := strconv.ParseInt(s, 10, 64); err != nil || n < 1 {
		return errors.New(lang.L("Type a record's number, such as 12."))
	}
	return nil
}
