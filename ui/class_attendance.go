package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
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

// The grid's fixed columns before the sessions: the trainee and the attendance so far.
const (
	gridNameCol    = 0
	gridPercentCol = 1
	gridFixedCols  = 2
)

// markKeys are the keys that set a cell: c có mặt, v vắng, m muộn, p có phép.
var markKeys = map[rune]data.AttendanceMark{
	'c': data.MarkPresent, 'v': data.MarkAbsent, 'm': data.MarkLate, 'p': data.MarkExcused,
}

// weekdays in the order a Vietnamese week is read, Monday first.
var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// markShort is a mark's short label in a cell; "" for no mark.
func markShort(m data.AttendanceMark) string {
	if m == "" {
		return ""
	}
	return lang.L("mark." + string(m) + ".short")
}

// nextMark is the mark after m as space or a click cycles: none, có mặt, vắng, muộn, có phép.
func nextMark(m data.AttendanceMark) data.AttendanceMark {
	for i, x := range data.AttendanceMarks {
		if x == m {
			if i+1 < len(data.AttendanceMarks) {
				return data.AttendanceMarks[i+1]
			}
			return ""
		}
	}
	return data.AttendanceMarks[0]
}

// attendanceTab is the class's sessions and the grid of trainees × sessions.
type attendanceTab struct {
	cd      *classDetail
	content fyne.CanvasObject

	message  *widget.Label
	current  *widget.Label
	generate *widget.Button
	addBtn   *widget.Button
	moveBtn  *widget.Button
	allBtn   *widget.Button
	saveBtn  *widget.Button
	table    *attendanceTable

	// edits are the marks changed and not saved yet, over the grid's; "" clears a cell.
	edits map[data.AttendanceKey]data.AttendanceMark

	dlg      dialog.Dialog
	dayCheck []*widget.Check
}

func newAttendanceTab(cd *classDetail) *attendanceTab {
	a := &attendanceTab{cd: cd, edits: map[data.AttendanceKey]data.AttendanceMark{}}
	a.message = messageLabel()
	a.current = widget.NewLabel("")
	a.generate = widget.NewButtonWithIcon(lang.L("Create sessions…"), theme.GridIcon(), a.openGenerate)
	a.addBtn = widget.NewButtonWithIcon(lang.L("Add a session…"), theme.ContentAddIcon(), a.openAdd)
	a.moveBtn = widget.NewButtonWithIcon(lang.L("Move session…"), theme.CalendarIcon(), a.openMove)
	a.allBtn = widget.NewButtonWithIcon(lang.L("All present"), theme.ConfirmIcon(), a.markAllPresent)
	a.saveBtn = widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), a.save)
	a.saveBtn.Importance = widget.HighImportance
	a.cd.m.allow(data.RightClassRecords, a.saveBtn, a.addBtn)
	a.table = newAttendanceTable(a)
	help := widget.NewLabel(lang.L("Arrows move; C present, V absent, M late, P excused; Space or a click cycles."))
	help.Importance = widget.LowImportance
	bar := container.NewHBox(a.generate, a.addBtn, widget.NewSeparator(), a.current, a.moveBtn, a.allBtn, layout.NewSpacer(), a.saveBtn)
	a.content = container.NewBorder(container.NewVBox(bar, a.message), help, nil, nil, a.table)
	return a
}

// show puts the grid as read in the tab, keeping the marks not saved yet.
func (a *attendanceTab) show() {
	g := a.cd.grid
	known := map[int64]bool{}
	for _, s := range g.Sessions {
		known[s.ID] = true
	}
	for k := range a.edits {
		if !known[k.SessionID] {
			delete(a.edits, k)
		}
	}
	a.table.clamp()
	a.table.setWidths()
	a.table.Refresh()
	a.updateButtons()
}

func (a *attendanceTab) closed() bool {
	s := a.cd.class().Status
	return s == data.ClassCertified || s == data.ClassCancelled
}

func (a *attendanceTab) updateButtons() {
	enable := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	open := !a.closed()
	s := a.session()
	enable(a.generate, open && len(a.cd.grid.Sessions) == 0)
	enable(a.addBtn, open)
	enable(a.moveBtn, open && s != nil)
	enable(a.allBtn, open && s != nil)
	enable(a.saveBtn, open && a.dirty())
	if s == nil {
		a.current.SetText(lang.L("No session chosen"))
	} else {
		a.current.SetText(lang.L("Session {{.Date}}", map[string]any{"Date": sessionTitle(s)}))
	}
}

// sessionTitle names a session by weekday and date: "T3 03/03/2026".
func sessionTitle(s *data.Session) string {
	return lang.L(strings.ToLower(s.Date.Time().Weekday().String())+".short") + " " + s.Date.String()
}

// session returns the session of the focused column, nil when the focus is on a name.
func (a *attendanceTab) session() *data.Session {
	i := a.table.cursor.Col - gridFixedCols
	if i < 0 || i >= len(a.cd.grid.Sessions) {
		return nil
	}
	return a.cd.grid.Sessions[i]
}

// mark returns the mark shown in a cell: the unsaved one, else the stored one.
func (a *attendanceTab) mark(sessionID, enrollmentID int64) data.AttendanceMark {
	k := data.AttendanceKey{SessionID: sessionID, EnrollmentID: enrollmentID}
	if m, ok := a.edits[k]; ok {
		return m
	}
	return a.cd.grid.Marks[k]
}

// dirty reports whether marks are changed and not saved.
func (a *attendanceTab) dirty() bool { return len(a.edits) > 0 }

// markable reports whether trainee v can be marked at session s: not after the day they left.
func markable(v *data.EnrollmentView, s *data.Session) bool {
	return v.Status != data.EnrollmentWithdrawn || s.Date.Before(v.WithdrawnOn)
}

// set changes the cell of row and session column col to mark.
func (a *attendanceTab) set(row, col int, mark data.AttendanceMark) {
	g := a.cd.grid
	i := col - gridFixedCols
	if a.closed() || row < 0 || row >= len(g.Roster) || i < 0 || i >= len(g.Sessions) {
		return
	}
	v, s := g.Roster[row], g.Sessions[i]
	if !markable(v, s) {
		return
	}
	k := data.AttendanceKey{SessionID: s.ID, EnrollmentID: v.ID}
	if g.Marks[k] == mark {
		delete(a.edits, k)
	} else {
		a.edits[k] = mark
	}
	a.table.RefreshItem(widget.TableCellID{Row: row, Col: col})
	a.table.RefreshItem(widget.TableCellID{Row: row, Col: gridPercentCol})
	a.updateButtons()
}

// cycle moves the cell of row and column col to the next mark.
func (a *attendanceTab) cycle(row, col int) {
	g := a.cd.grid
	i := col - gridFixedCols
	if row < 0 || row >= len(g.Roster) || i < 0 || i >= len(g.Sessions) {
		return
	}
	a.set(row, col, nextMark(a.mark(g.Sessions[i].ID, g.Roster[row].ID)))
}

// assess returns trainee row's attendance with the marks as shown, saved or not: a session counts
// as held once any trainee has a mark in it.
func (a *attendanceTab) assess(row int) data.EnrollmentView {
	g := a.cd.grid
	v := *g.Roster[row]
	v.Sessions, v.Present, v.Late, v.Excused = 0, 0, 0, 0
	for _, s := range g.Sessions {
		if !a.held(s) {
			continue
		}
		v.Sessions++
		switch a.mark(s.ID, v.ID) {
		case data.MarkPresent:
			v.Present++
		case data.MarkLate:
			v.Late++
		case data.MarkExcused:
			v.Excused++
		}
	}
	v.Assess(g.Class, a.cd.scale)
	return v
}

// held reports whether any trainee has a mark, saved or not, at session s.
func (a *attendanceTab) held(s *data.Session) bool {
	for _, r := range a.cd.grid.Roster {
		if a.mark(s.ID, r.ID) != "" {
			return true
		}
	}
	return false
}

// percentText is the attendance column: "90% (18/20)".
func percentText(v data.EnrollmentView) string {
	if v.Sessions == 0 {
		return "–"
	}
	return fmt.Sprintf("%d%% (%d/%d)", v.AttendancePercent, v.Present+v.Late, v.Sessions)
}

// save stores the marks of every changed session, one session at a time.
func (a *attendanceTab) save() {
	if !a.dirty() {
		return
	}
	if err := a.saveSessions(a.changedSessions()); err != nil {
		a.cd.m.showRefusal(a.message, err)
		a.cd.Reload()
		return
	}
	a.cd.m.showRefusal(a.message, nil)
	a.cd.changed()
}

// changedSessions lists the sessions with unsaved marks, in date order.
func (a *attendanceTab) changedSessions() []*data.Session {
	changed := map[int64]bool{}
	for k := range a.edits {
		changed[k.SessionID] = true
	}
	var out []*data.Session
	for _, s := range a.cd.grid.Sessions {
		if changed[s.ID] {
			out = append(out, s)
		}
	}
	return out
}

// saveSessions saves the marks changed in each session, and only those, so that a colleague
// marking other trainees of the same session keeps their marks; then forgets the unsaved marks.
func (a *attendanceTab) saveSessions(ss []*data.Session) error {
	for _, s := range ss {
		marks := map[int64]data.AttendanceMark{}
		for k, m := range a.edits {
			if k.SessionID == s.ID {
				marks[k.EnrollmentID] = m
			}
		}
		if err := a.cd.m.Services.Attendance.SaveSessionAttendance(a.cd.m.ctx(), s.ID, marks); err != nil {
			return fmt.Errorf("%s: %w", sessionTitle(s), err)
		}
		for k := range a.edits {
			if k.SessionID == s.ID {
				delete(a.edits, k)
			}
		}
	}
	return nil
}

// markAllPresent marks present everyone without a mark at the focused session, saving its
// changed marks first.
func (a *attendanceTab) markAllPresent() {
	s := a.session()
	if s == nil {
		return
	}
	err := a.saveSessions([]*data.Session{s})
	if err == nil {
		_, err = a.cd.m.Services.Attendance.MarkAllPresent(a.cd.m.ctx(), s.ID)
	}
	a.cd.m.showRefusal(a.message, err)
	a.cd.changed()
}

// openGenerate asks on which weekdays the class meets and makes its sessions.
func (a *attendanceTab) openGenerate() {
	a.dayCheck = make([]*widget.Check, len(weekdays))
	box := container.NewGridWithColumns(4)
	for i, d := range weekdays {
		a.dayCheck[i] = widget.NewCheck(lang.L(strings.ToLower(d.String())), nil)
		box.Add(a.dayCheck[i])
	}
	c := a.cd.class()
	help := widget.NewLabel(lang.L("One session on each day chosen from {{.Start}} to {{.End}}.", map[string]any{"Start": c.Start.String(), "End": c.End.String()}))
	d := dialog.NewCustomConfirm(lang.L("Create sessions"), lang.L("Create sessions"), lang.L("Cancel"), container.NewVBox(help, box), func(ok bool) {
		a.dlg = nil
		if ok {
			a.generateSessions(a.chosenDays())
		}
	}, a.cd.m.Window)
	a.dlg = d
	showKeyed(a.cd.m, d, d.Confirm, d.Hide)
	focusSoon(a.cd.m, a.dayCheck[0]) // Tab goes through the days, Space ticks one
}

func (a *attendanceTab) chosenDays() []time.Weekday {
	var out []time.Weekday
	for i, c := range a.dayCheck {
		if c.Checked {
			out = append(out, weekdays[i])
		}
	}
	return out
}

// generateSessions makes the class's sessions on the weekdays given.
func (a *attendanceTab) generateSessions(days []time.Weekday) {
	_, err := a.cd.m.Services.Attendance.GenerateSessions(a.cd.m.ctx(), a.cd.classID, days)
	a.cd.m.showRefusal(a.message, err)
	if err == nil {
		a.cd.changed()
	}
}

// dateEntry is a field for a date typed dd/mm/yyyy, checked as typed.
func dateEntry(text string) *widgets.Entry {
	e := widgets.NewEntry()
	e.SetPlaceHolder("dd/mm/yyyy")
	e.SetText(text)
	e.Validator = func(s string) error { _, err := vn.ParseDate(s); return err }
	return e
}

// openAdd asks the day, hours and topic of one more session.
func (a *attendanceTab) openAdd() {
	day := dateEntry("")
	hours := widgets.NewEntry()
	hours.Validator = func(s string) error { _, err := parseHours(s); return err }
	topic := widgets.NewEntry()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Date"), day),
		widget.NewFormItem(lang.L("Hours"), hours),
		widget.NewFormItem(lang.L("Topic"), topic),
	}
	d := dialog.NewForm(lang.L("Add a session"), lang.L("Add"), lang.L("Cancel"), items, func(ok bool) {
		a.dlg = nil
		if !ok {
			return
		}
		on, _ := vn.ParseDate(day.Text)
		h, _ := parseHours(hours.Text)
		a.addSession(&data.Session{ClassID: a.cd.classID, Date: on, Hours: h, Topic: topic.Text})
	}, a.cd.m.Window)
	d.Resize(fyne.NewSize(480, 260))
	a.dlg = d
	showKeyed(a.cd.m, d, d.Submit, d.Hide, day, hours, topic)
}

// parseHours reads a session's hours; blank is 0.
func parseHours(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s", lang.L("Hours must be a whole number, such as 4."))
	}
	return n, nil
}

func (a *attendanceTab) addSession(s *data.Session) {
	err := a.cd.m.Services.Attendance.AddSession(a.cd.m.ctx(), s)
	a.cd.m.showRefusal(a.message, err)
	if err == nil {
		a.cd.changed()
	}
}

// openMove asks the day to move the focused session to.
func (a *attendanceTab) openMove() {
	s := a.session()
	if s == nil {
		return
	}
	day := dateEntry(s.Date.String())
	items := []*widget.FormItem{widget.NewFormItem(lang.L("New date"), day)}
	d := dialog.NewForm(lang.L("Move session {{.Date}}", map[string]any{"Date": sessionTitle(s)}), lang.L("Move"), lang.L("Cancel"), items, func(ok bool) {
		a.dlg = nil
		if ok {
			to, _ := vn.ParseDate(day.Text)
			a.moveSession(s.ID, to)
		}
	}, a.cd.m.Window)
	d.Resize(fyne.NewSize(420, 180))
	a.dlg = d
	showKeyed(a.cd.m, d, d.Submit, d.Hide, day)
}

func (a *attendanceTab) moveSession(id int64, to vn.Date) {
	_, err := a.cd.m.Services.Attendance.MoveSession(a.cd.m.ctx(), id, to)
	a.cd.m.showRefusal(a.message, err)
	if err == nil {
		a.cd.changed()
	}
}

// attendanceTable is the grid: a row a trainee, a column a session, the names and the attendance
// so far sticky on the left. It keeps its own cursor so that keys set the focused cell.
type attendanceTable struct {
	widget.Table
	a      *attendanceTab
	cursor widget.TableCellID
}

func newAttendanceTable(a *attendanceTab) *attendanceTable {
	t := &attendanceTable{a: a, cursor: widget.TableCellID{Row: 0, Col: gridFixedCols}}
	t.Length = func() (int, int) {
		g := a.cd.grid
		if g == nil {
			return 0, gridFixedCols
		}
		return len(g.Roster), gridFixedCols + len(g.Sessions)
	}
	t.CreateCell = func() fyne.CanvasObject {
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameFocus))
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return container.NewStack(bg, l)
	}
	t.UpdateCell = t.updateCell
	t.ShowHeaderRow = true
	t.StickyColumnCount = gridFixedCols
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = t.updateHeader
	t.OnSelected = func(id widget.TableCellID) {
		t.UnselectAll()
		t.moveTo(id)
		a.cycle(id.Row, id.Col)
	}
	t.ExtendBaseWidget(t)
	t.setWidths()
	return t
}

func (t *attendanceTable) setWidths() {
	t.SetColumnWidth(gridNameCol, 220)
	t.SetColumnWidth(gridPercentCol, 110)
	if g := t.a.cd.grid; g != nil {
		for i := range g.Sessions {
			t.SetColumnWidth(gridFixedCols+i, 82)
		}
	}
}

// clamp keeps the cursor inside the grid.
func (t *attendanceTable) clamp() {
	rows, cols := t.Length()
	t.cursor.Row = max(0, min(t.cursor.Row, rows-1))
	t.cursor.Col = max(0, min(t.cursor.Col, max(cols-1, gridFixedCols)))
}

// moveTo puts the cursor on cell id and shows it.
func (t *attendanceTable) moveTo(id widget.TableCellID) {
	old := t.cursor
	t.cursor = id
	t.clamp()
	t.RefreshItem(old)
	t.RefreshItem(t.cursor)
	t.ScrollTo(t.cursor)
	t.a.updateButtons()
}

// TypedKey moves the cursor with the arrows and cycles the focused cell with Space.
func (t *attendanceTable) TypedKey(e *fyne.KeyEvent) {
	c := t.cursor
	switch e.Name {
	case fyne.KeyUp:
		c.Row--
	case fyne.KeyDown:
		c.Row++
	case fyne.KeyLeft:
		c.Col--
	case fyne.KeyRight:
		c.Col++
	case fyne.KeyHome:
		c.Col = gridFixedCols
	case fyne.KeyEnd:
		_, cols := t.Length()
		c.Col = cols - 1
	case fyne.KeySpace:
		t.a.cycle(c.Row, c.Col)
		return
	case fyne.KeyDelete, fyne.KeyBackspace:
		t.a.set(c.Row, c.Col, "")
		return
	default:
		return
	}
	t.moveTo(c)
}

// TypedRune sets the focused cell with c, v, m or p, then moves down to the next trainee, as a
// trainer reads down the list.
func (t *attendanceTable) TypedRune(r rune) {
	m, ok := markKeys[unicode.ToLower(r)]
	if !ok {
		return
	}
	t.a.set(t.cursor.Row, t.cursor.Col, m)
	rows, _ := t.Length()
	if t.cursor.Row < rows-1 {
		t.moveTo(widget.TableCellID{Row: t.cursor.Row + 1, Col: t.cursor.Col})
	}
}

func (t *attendanceTable) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	g := t.a.cd.grid
	switch {
	case id.Col == gridNameCol:
		l.SetText(lang.L("Full name"))
	case id.Col == gridPercentCol:
		l.SetText(lang.L("Attendance"))
	case g != nil && id.Col-gridFixedCols < len(g.Sessions):
		s := g.Sessions[id.Col-gridFixedCols]
		l.SetText(sessionTitle(s)[:strings.LastIndex(sessionTitle(s), "/")])
	default:
		l.SetText("")
	}
}

func (t *attendanceTable) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	bg, l := box.Objects[0].(*canvas.Rectangle), box.Objects[1].(*widget.Label)
	bg.Hidden = id != t.cursor
	g := t.a.cd.grid
	if g == nil || id.Row >= len(g.Roster) {
		l.SetText("")
		return
	}
	v := g.Roster[id.Row]
	l.Alignment = fyne.TextAlignCenter
	l.Importance = widget.MediumImportance
	switch id.Col {
	case gridNameCol:
		l.Alignment = fyne.TextAlignLeading
		name := v.TraineeName.Full()
		if v.Status == data.EnrollmentWithdrawn {
			name += " (" + lang.L("withdrawn") + ")"
			l.Importance = widget.LowImportance
		}
		l.SetText(fmt.Sprintf("%d. %s", id.Row+1, name))
	case gridPercentCol:
		a := t.a.assess(id.Row)
		if a.Sessions > 0 && a.AttendancePercent < g.Class.MinAttendance {
			l.Importance = widget.DangerImportance
		}
		l.SetText(percentText(a))
	default:
		i := id.Col - gridFixedCols
		if i >= len(g.Sessions) {
			l.SetText("")
			return
		}
		s := g.Sessions[i]
		if !markable(v, s) {
			l.SetText("—")
			l.Importance = widget.LowImportance
			return
		}
		m := t.a.mark(s.ID, v.ID)
		switch m {
		case data.MarkAbsent:
			l.Importance = widget.DangerImportance
		case data.MarkLate, data.MarkExcused:
			l.Importance = widget.WarningImportance
		}
		if _, changed := t.a.edits[data.AttendanceKey{SessionID: s.ID, EnrollmentID: v.ID}]; changed {
			l.TextStyle.Bold = true
		} else {
			l.TextStyle.Bold = false
		}
		l.SetText(markShort(m))
	}
}
