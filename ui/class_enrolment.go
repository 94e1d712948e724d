package ui

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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

// searchLimit bounds the register's matches shown under the search box.
const searchLimit = 20

// enrolmentTab is the class's roster, with the register's search to add trainees, inline
// creation, a pasted list and withdrawal.
type enrolmentTab struct {
	cd      *classDetail
	content fyne.CanvasObject

	count    *widget.Label
	message  *widget.Label
	search   *finderEntry
	found    []*data.Trainee
	foundSel int
	list     *widget.List
	add      *widget.Button
	newBtn   *widget.Button
	pasteBtn *widget.Button
	roster   *widget.Table
	selected int // roster row chosen, -1 for none
	withdraw *widget.Button

	// importBtn is "Nhập từ Excel", open while the class enrols, as the other ways in are.
	importBtn *widget.Button

	dlg       dialog.Dialog // the open dialog of new trainee, paste or withdrawal
	form      *traineeForm  // the trainee form of the open "new trainee" dialog
	leftOn    *widgets.Entry
	leftWhy   *widgets.Entry
	paste     *widgets.Entry
	preview   *widget.Label
	pasteOK   *widget.Button
	pasteRows []pasteRow
}

// rosterColumns are the roster's column titles and widths.
var rosterColumns = []struct {
	title string
	width float32
}{{"No.", 50}, {"Full name", 230}, {"Birth date", 110}, {"CCCD", 130}, {"Status", 200}}

func newEnrolmentTab(cd *classDetail) *enrolmentTab {
	e := &enrolmentTab{cd: cd, selected: -1, foundSel: -1}
	e.count = widget.NewLabel("")
	e.count.TextStyle.Bold = true
	e.message = messageLabel()

	e.search = &finderEntry{move: e.moveFound}
	e.search.ExtendBaseWidget(e.search)
	e.search.SetPlaceHolder(lang.L("Find a trainee in the register by name, CCCD, phone or birth date"))
	e.search.OnChanged = func(string) { e.find() }
	e.search.OnSubmitted = func(string) { e.addFound() }
	e.search.OnEscape = func() { e.search.SetText("") }
	e.list = widget.NewList(
		func() int { return len(e.found) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(traineeLine(e.found[i])) },
	)
	e.list.OnSelected = func(i widget.ListItemID) { e.foundSel = i }
	e.add = widget.NewButtonWithIcon(lang.L("Add to class (Enter)"), theme.ContentAddIcon(), e.addFound)
	e.add.Importance = widget.HighImportance
	e.newBtn = widget.NewButtonWithIcon(lang.L("New trainee…"), theme.AccountIcon(), e.openNewTrainee)
	e.pasteBtn = widget.NewButtonWithIcon(lang.L("Paste a list…"), theme.ContentPasteIcon(), e.openPaste)
	e.cd.m.allow(data.RightTraining, e.add, e.newBtn, e.pasteBtn)

	e.roster = widget.NewTable(
		func() (int, int) { return len(e.rows()), len(rosterColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		e.updateCell,
	)
	e.roster.ShowHeaderRow = true
	e.roster.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	e.roster.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(rosterColumns) {
			o.(*widget.Label).SetText(lang.L(rosterColumns[id.Col].title))
		}
	}
	for i, c := range rosterColumns {
		e.roster.SetColumnWidth(i, c.width)
	}
	e.roster.OnSelected = func(id widget.TableCellID) {
		e.selected = id.Row
		e.updateButtons()
	}
	e.withdraw = widget.NewButtonWithIcon(lang.L("Withdraw…"), theme.ContentRemoveIcon(), e.openWithdraw)

	e.importBtn = cd.m.importButton(data.ImportClassTrainees, cd.classID, func() string { return cd.class().Code }, cd.changed)
	finder := container.NewBorder(nil, nil, nil, container.NewHBox(e.add, e.newBtn, e.pasteBtn, e.importBtn), e.search)
	results := container.NewGridWrap(fyne.NewSize(620, 140), e.list)
	top := container.NewVBox(container.NewHBox(e.count, layout.NewSpacer(), e.withdraw), e.message, finder, results)
	e.content = container.NewBorder(top, nil, nil, nil, e.roster)
	return e
}

// traineeLine shows a trainee of the register in one line: name, birth date, CCCD.
func traineeLine(t *data.Trainee) string {
	parts := []string{t.Name.Full(), t.BirthDate.String()}
	if t.CCCD != "" {
		parts = append(parts, "CCCD "+t.CCCD)
	}
	return strings.Join(parts, " · ")
}

func (e *enrolmentTab) rows() []*data.EnrollmentView {
	if e.cd.grid == nil {
		return nil
	}
	return e.cd.grid.Roster
}

func (e *enrolmentTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	rows := e.rows()
	if id.Row >= len(rows) {
		l.SetText("")
		return
	}
	v := rows[id.Row]
	l.Importance = widget.MediumImportance
	if v.Status == data.EnrollmentWithdrawn {
		l.Importance = widget.LowImportance
	}
	l.SetText(rosterText(v, id.Row, id.Col))
}

// rosterText is the text of a roster cell.
func rosterText(v *data.EnrollmentView, row, col int) string {
	switch col {
	case 0:
		return fmt.Sprint(row + 1)
	case 1:
		return v.TraineeName.Full()
	case 2:
		return v.BirthDate.String()
	case 3:
		return v.CCCD
	}
	if v.Status == data.EnrollmentWithdrawn {
		return lang.L("Withdrawn on {{.Date}}: {{.Reason}}", map[string]any{"Date": v.WithdrawnOn.String(), "Reason": v.WithdrawReason})
	}
	return v.Status.Label()
}

// show puts the class as read in the tab.
func (e *enrolmentTab) show() {
	c := e.cd.class()
	e.count.SetText(lang.L("{{.Enrolled}}/{{.Capacity}} trainees", map[string]any{"Enrolled": c.Enrolled, "Capacity": c.Capacity}))
	if e.selected >= len(e.rows()) {
		e.selected = -1
		e.roster.UnselectAll()
	}
	e.roster.Refresh()
	e.updateButtons()
}

func (e *enrolmentTab) updateButtons() {
	open := e.cd.class().Status.Enrolling()
	for _, b := range []*widget.Button{e.add, e.newBtn, e.pasteBtn, e.importBtn} {
		if open {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	rows := e.rows()
	if e.selected >= 0 && e.selected < len(rows) && rows[e.selected].Status == data.EnrollmentActive && e.cd.class().Status != data.ClassCertified {
		e.withdraw.Enable()
	} else {
		e.withdraw.Disable()
	}
}

// find searches the register as the clerk types.
func (e *enrolmentTab) find() {
	e.found, e.foundSel = nil, -1
	e.list.UnselectAll()
	if strings.TrimSpace(e.search.Text) != "" {
		ts, err := e.cd.m.Services.Trainees.FindTrainees(e.cd.m.ctx(), data.TraineeFilter{Search: e.search.Text, Limit: searchLimit})
		if err != nil {
			e.cd.m.showError(err)
		}
		e.found = ts
	}
	e.list.Refresh()
	if len(e.found) > 0 {
		e.list.Select(0) // the match Enter takes, highlighted
	}
}

// moveFound chooses the match d places below (above when negative) the one chosen.
func (e *enrolmentTab) moveFound(d int) {
	if len(e.found) == 0 {
		return
	}
	i := min(max(max(e.foundSel, 0)+d, 0), len(e.found)-1)
	e.list.Select(i)
	e.list.ScrollTo(i)
}

// finderEntry is the register's search box of the enrolment: Down and Up move through the
// matches listed under it, so the clerk chooses one without leaving the box; Enter enrols it.
type finderEntry struct {
	widgets.Entry
	move func(d int)
}

// TypedKey moves through the matches on Down and Up and gives every other key to the field.
func (f *finderEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		f.move(1)
	case fyne.KeyUp:
		f.move(-1)
	default:
		f.Entry.TypedKey(k)
	}
}

// addFound enrols the chosen match of the search, the first when none is chosen.
func (e *enrolmentTab) addFound() {
	if len(e.found) == 0 {
		return
	}
	i := max(e.foundSel, 0)
	if e.enroll(e.found[i].ID) {
		e.search.SetText("")
		e.cd.m.Window.Canvas().Focus(e.search)
	}
}

// enroll puts a trainee in the class; a refusal is shown as the store words it.
func (e *enrolmentTab) enroll(traineeID int64) bool {
	_, err := e.cd.m.Services.Enrollments.Enroll(e.cd.m.ctx(), e.cd.classID, traineeID)
	e.cd.m.showRefusal(e.message, err)
	if err != nil {
		return false
	}
	e.cd.changed()
	return true
}

// openNewTrainee opens the trainee form in a dialog; the saved trainee is enrolled.
func (e *enrolmentTab) openNewTrainee() {
	f := newTraineeForm(e.cd.m, &data.Trainee{Ethnicity: data.DefaultEthnicity}, e.traineeCreated, e.closeDialog)
	f.onExisting = e.traineeCreated // "Có phải là …?" answered yes: enrol the stored person
	e.form = f
	d := dialog.NewCustomWithoutButtons(lang.L("New trainee"), f.content, e.cd.m.Window)
	d.Resize(fyne.NewSize(720, 640))
	e.dlg = d
	// Enter in a field saves, as in the app's other dialogs; Esc asks before dropping what was typed.
	showKeyed(e.cd.m, d, f.save, f.cancel, f.name, f.birthDate, f.birthPlace, f.ethnicity,
		f.cccd, f.phone, f.address, f.workplace, f.policy)
}

// traineeCreated closes the form and enrols the trainee it saved.
func (e *enrolmentTab) traineeCreated(t *data.Trainee) {
	e.closeDialog()
	e.enroll(t.ID)
}

func (e *enrolmentTab) closeDialog() {
	e.form = nil
	if e.dlg != nil {
		e.dlg.Hide()
		e.dlg = nil
	}
}

// openWithdraw asks the day and the reason the chosen trainee left.
func (e *enrolmentTab) openWithdraw() {
	rows := e.rows()
	if e.selected < 0 || e.selected >= len(rows) {
		return
	}
	v := rows[e.selected]
	on := dateEntry(e.cd.m.today().String())
	why := widgets.NewEntry()
	e.leftOn, e.leftWhy = on, why
	why.SetPlaceHolder(lang.L("e.g. moved away, found work"))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Trainee"), widget.NewLabel(v.TraineeName.Full())),
		widget.NewFormItem(lang.L("Withdrawn on"), on),
		widget.NewFormItem(lang.L("Reason"), why),
	}
	d := dialog.NewForm(lang.L("Withdraw a trainee"), lang.L("Withdraw"), lang.L("Cancel"), items, func(ok bool) {
		e.dlg = nil
		if !ok {
			return
		}
		day, err := vn.ParseDate(on.Text)
		if err == nil {
			_, err = e.cd.m.Services.Enrollments.Withdraw(e.cd.m.ctx(), v.ID, v.Version, day, why.Text)
		} else {
			err = &data.Error{Code: data.EINVALID, Message: err.Error()}
		}
		e.cd.m.showRefusal(e.message, err)
		if err == nil {
			e.cd.changed()
		}
	}, e.cd.m.Window)
	d.Resize(fyne.NewSize(520, 260))
	e.dlg = d
	showKeyed(e.cd.m, d, d.Submit, d.Hide, on, why)
}

// pasteRow is one line of a pasted list, checked against the register and the class.
type pasteRow struct {
	pastedTrainee
	existing *data.Trainee // the person already in the register with the same CCCD
	err      string        // why the line cannot be taken
}

// pastedTrainee is one line of a pasted list: "Họ và tên<TAB>dd/mm/yyyy<TAB>CCCD".
type pastedTrainee struct {
	// Line is the line's number in the pasted text, from 1.
	Line int
	// Trainee is the person the line describes, normalised but not checked.
	Trainee *data.Trainee
}

// pasteError is a line of a pasted list that cannot be read.
type pasteError struct {
	// Line is the line's number in the pasted text, from 1.
	Line int
	// Message says what is wrong, in Vietnamese, naming the line.
	Message string
}

// parsePastedTrainees reads lines copied from a spreadsheet: full name, birth date and CCCD
// (optional), separated by tabs (or by ";" when the line has no tab). Blank lines and a heading
// line are skipped. A woman is told by her CCCD, or without one by the middle name "Thị".
func parsePastedTrainees(text string) ([]pastedTrainee, []pasteError) {
	var rows []pastedTrainee
	var errs []pasteError
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range lines {
		n := i + 1
		line = strings.ToValidUTF8(strings.TrimRight(line, "\r"), "")
		if strings.TrimSpace(line) == "" {
			continue
		}
		sep := "\t"
		if !strings.Contains(line, "\t") {
			sep = ";"
		}
		fields := strings.Split(line, sep)
		for j := range fields {
			fields[j] = strings.TrimSpace(fields[j])
		}
		for len(fields) > 3 && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
		fail := func(format string, args ...any) {
			errs = append(errs, pasteError{Line: n, Message: fmt.Sprintf("Dòng %d: ", n) + fmt.Sprintf(format, args...)})
		}
		if len(rows) == 0 && len(errs) == 0 && isHeading(fields) {
			continue
		}
		if len(fields) < 2 || len(fields) > 3 {
			fail("cần 3 cột: họ và tên, ngày sinh (dd/mm/yyyy), số CCCD (có thể để trống); dòng này có %d cột.", len(fields))
			continue
		}
		name := strings.Join(strings.Fields(fields[0]), " ")
		if name == "" {
			fail("thiếu họ và tên.")
			continue
		}
		if strings.IndexFunc(name, unicode.IsLetter) < 0 {
			fail("họ và tên %q không có chữ cái.", name)
			continue
		}
		if fields[1] == "" {
			fail("thiếu ngày sinh của %s.", name)
			continue
		}
		birth, err := vn.ParseDate(fields[1])
		if err != nil {
			fail("%s", birthDateMessage(err.Error(), strings.TrimSpace(fields[1])))
			continue
		}
		cccd := ""
		if len(fields) == 3 {
			cccd, err = vn.NormalizeCCCD(fields[2])
			if err != nil {
				fail("%s", err.Error())
				continue
			}
		}
		t := &data.Trainee{Name: vn.SplitName(name), BirthDate: birth, CCCD: cccd, Ethnicity: data.DefaultEthnicity}
		if info, err := vn.ParseCCCD(cccd); err == nil {
			t.Female = info.Female
		} else {
			t.Female = strings.EqualFold(t.Name.Middle, "Thị") || strings.HasPrefix(strings.ToLower(t.Name.Middle), "thị ")
		}
		t.Normalize()
		rows = append(rows, pastedTrainee{Line: n, Trainee: t})
	}
	return rows, errs
}

// isHeading tells a heading line copied with the list ("Họ và tên  Ngày sinh  CCCD").
func isHeading(fields []string) bool {
	f := vn.Fold(strings.Join(fields, " "))
	return strings.Contains(f, "ngay sinh") || strings.Contains(f, "ho va ten") || strings.Contains(f, "ho ten")
}

// birthDateMessage rewords a date's error for the birth date column: `Ngày "31/02/1990" không
// có…` becomes `ngày sinh 31/02/1990 không có…`.
func birthDateMessage(msg, typed string) string {
	quoted := fmt.Sprintf("%q", typed)
	msg = strings.Replace(msg, "Ngày "+quoted, "ngày sinh "+typed, 1)
	msg = strings.Replace(msg, "ngày "+quoted, "ngày sinh "+typed, 1)
	if r, n := utf8.DecodeRuneInString(msg); r != utf8.RuneError {
		msg = string(unicode.ToLower(r)) + msg[n:]
	}
	return msg
}

// openPaste opens the dialog where a list copied from Excel is pasted, checked and enrolled.
func (e *enrolmentTab) openPaste() {
	e.paste = widgets.NewMultiLineEntry()
	e.paste.Wrapping = fyne.TextWrapOff
	e.paste.SetMinRowsVisible(8)
	e.paste.SetPlaceHolder(lang.L("Paste lines from Excel: full name, birth date (dd/mm/yyyy), CCCD"))
	e.paste.OnChanged = func(string) { e.checkPaste() }
	e.preview = widget.NewLabel("")
	e.preview.Wrapping = fyne.TextWrapWord
	e.pasteOK = widget.NewButtonWithIcon(lang.L("Enrol all"), theme.ConfirmIcon(), e.enrolPasted)
	e.pasteOK.Importance = widget.HighImportance
	e.pasteOK.Disable()
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), e.closeDialog)
	help := widget.NewLabel(lang.L("One trainee a line, the columns separated by tabs as Excel copies them. The same CCCD is the same person: that trainee is taken from the register, not created again. Nothing is written unless every line is right."))
	help.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(help, e.paste), nil, nil, nil, container.NewVScroll(e.preview))
	d := dialog.NewCustomWithoutButtons(lang.L("Paste a list of trainees"), body, e.cd.m.Window)
	d.SetButtons([]fyne.CanvasObject{cancel, e.pasteOK})
	d.Resize(fyne.NewSize(760, 600))
	e.dlg = d
	showKeyed(e.cd.m, d, e.enrolPasted, e.closeDialog, e.paste)
}

// checkPaste reads the pasted text and shows, line by line, who will be created, who is in the
// register already and what is wrong.
func (e *enrolmentTab) checkPaste() {
	rows, errs := e.readPaste(e.paste.Text)
	e.pasteRows = rows
	var lines []string
	created, matched := 0, 0
	bad := len(errs)
	byLine := map[int]string{}
	for _, pe := range errs {
		byLine[pe.Line] = pe.Message
	}
	for _, r := range rows {
		t := r.Trainee
		switch {
		case r.err != "":
			bad++
			byLine[r.Line] = r.err
		case r.existing != nil:
			matched++
			byLine[r.Line] = lang.L("Line {{.Line}}: {{.Name}}, in the register already ({{.Stored}})", map[string]any{"Line": r.Line, "Name": t.Name.Full(), "Stored": traineeLine(r.existing)})
		default:
			created++
			byLine[r.Line] = lang.L("Line {{.Line}}: {{.Name}}, new to the register", map[string]any{"Line": r.Line, "Name": traineeLine(t)})
		}
	}
	for n := 1; n <= strings.Count(e.paste.Text, "\n")+1; n++ {
		if s, ok := byLine[n]; ok {
			lines = append(lines, s)
		}
	}
	summary := lang.L("{{.New}} new, {{.Found}} from the register, {{.Bad}} lines wrong", map[string]any{"New": created, "Found": matched, "Bad": bad})
	if left := e.cd.class().Capacity - e.cd.class().Enrolled; bad == 0 && created+matched > left {
		summary += "\n" + lang.L("The class has {{.Left}} seats left; the list has {{.Count}} trainees.", map[string]any{"Left": left, "Count": created + matched})
		bad++
	}
	e.preview.SetText(summary + "\n\n" + strings.Join(lines, "\n"))
	if bad == 0 && created+matched > 0 {
		e.pasteOK.Enable()
	} else {
		e.pasteOK.Disable()
	}
}

// readPaste parses the pasted text and checks each person: valid, not twice in the list, matched
// to the register by CCCD, and not in the class already.
func (e *enrolmentTab) readPaste(text string) ([]pasteRow, []pasteError) {
	parsed, errs := parsePastedTrainees(text)
	inClass := map[int64]bool{}
	for _, v := range e.cd.grid.Roster {
		inClass[v.TraineeID] = true
	}
	seen := map[string]int{}
	day := e.cd.m.today()
	rows := make([]pasteRow, len(parsed))
	for i, p := range parsed {
		r := pasteRow{pastedTrainee: p}
		t := p.Trainee
		if t.CCCD != "" {
			if first, dup := seen[t.CCCD]; dup {
				r.err = fmt.Sprintf("Dòng %d: số CCCD %s trùng với dòng %d.", p.Line, t.CCCD, first)
				rows[i] = r
				continue
			}
			seen[t.CCCD] = p.Line
			found, err := e.cd.m.Services.Trainees.FindTrainees(e.cd.m.ctx(), data.TraineeFilter{Search: t.CCCD, Limit: searchLimit})
			if err != nil {
				r.err = fmt.Sprintf("Dòng %d: %s", p.Line, data.ErrorMessage(err))
			}
			for _, f := range found {
				if f.CCCD == t.CCCD {
					r.existing = f
				}
			}
		}
		switch {
		case r.err != "":
		case r.existing != nil && inClass[r.existing.ID]:
			r.err = fmt.Sprintf("Dòng %d: %s đã có trong lớp %s.", p.Line, r.existing.Name.Full(), e.cd.class().Code)
		case r.existing == nil:
			if err := t.Validate(day); err != nil {
				r.err = fmt.Sprintf("Dòng %d: %s", p.Line, data.ErrorMessage(err))
			}
		}
		rows[i] = r
	}
	return rows, errs
}

// enrolPasted creates the new trainees and enrols everyone of the pasted list, all or none.
func (e *enrolmentTab) enrolPasted() {
	rows, errs := e.readPaste(e.paste.Text)
	if len(errs) > 0 {
		e.checkPaste()
		return
	}
	var fresh []*data.Trainee
	for _, r := range rows {
		if r.err != "" {
			e.checkPaste()
			return
		}
		if r.existing == nil {
			fresh = append(fresh, r.Trainee)
		}
	}
	c := e.cd.class()
	if len(rows) == 0 || len(rows) > c.Capacity-c.Enrolled {
		e.checkPaste()
		return
	}
	var existing []int64
	for _, r := range rows {
		if r.existing != nil {
			existing = append(existing, r.existing.ID)
		}
	}
	if _, err := e.cd.m.Services.Enrollments.EnrollList(e.cd.m.ctx(), e.cd.classID, existing, fresh); err != nil {
		e.showPasteError(err)
		return
	}
	e.closeDialog()
	e.cd.m.showRefusal(e.message, nil)
	e.cd.changed()
}

func (e *enrolmentTab) showPasteError(err error) {
	if data.ErrorCode(err) == data.EINTERNAL {
		e.cd.m.showError(err)
		return
	}
	e.preview.SetText(data.ErrorMessage(err))
	e.pasteOK.Disable()
}
