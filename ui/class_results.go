package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// resultColumns are the results sheet's column titles and widths.
var resultColumns = []struct {
	title string
	width float32
}{
	{"No.", 40}, {"Full name", 200}, {"Score", 90}, {"Grade", 120}, {"Attendance", 90},
	{"Completion", 200}, {"Employed", 85}, {"Employer", 190}, {"Since", 135},
}

// resultRow is one trainee's line of the results sheet.
type resultRow struct {
	v        *data.EnrollmentView
	score    *widgets.Entry
	grade    *widget.Label
	attended *widget.Label
	decision *widget.Label
	employed *widget.Check
	employer *widgets.Entry
	since    *widgets.Entry
}

// resultsTab is the class's results: a score per trainee with the grade and the completion
// decision computed as typed, then the follow-up after the course.
type resultsTab struct {
	cd      *classDetail
	content fyne.CanvasObject

	message *widget.Label
	notice  *widget.Label
	rate    *widget.Label
	saveBtn *widget.Button
	body    *fyne.Container
	rows    []*resultRow
	filling bool // the fields are being set by the program, not typed
}

func newResultsTab(cd *classDetail) *resultsTab {
	r := &resultsTab{cd: cd}
	r.message = messageLabel()
	r.notice = widget.NewLabel(lang.L("Certificates have been issued for this class: its results can no longer change."))
	r.notice.Importance = widget.WarningImportance
	r.notice.Hide()
	r.rate = widget.NewLabel("")
	r.rate.TextStyle.Bold = true
	r.saveBtn = widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), r.save)
	r.saveBtn.Importance = widget.HighImportance
	header := container.NewHBox()
	for _, c := range resultColumns {
		header.Add(cell(c.width, widget.NewLabelWithStyle(lang.L(c.title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})))
	}
	r.body = container.NewVBox()
	top := container.NewVBox(container.NewHBox(r.rate, layout.NewSpacer(), r.saveBtn), r.notice, r.message)
	sheet := container.NewBorder(header, nil, nil, nil, container.NewVScroll(r.body))
	r.content = container.NewBorder(top, nil, nil, nil, container.NewHScroll(sheet))
	return r
}

// readOnly reports whether the class's scores are frozen: certificates issued or cancelled.
func (r *resultsTab) readOnly() bool {
	s := r.cd.class().Status
	return s == data.ClassCertified || s == data.ClassCancelled
}

// show builds the rows again from the roster as read.
func (r *resultsTab) show() {
	g := r.cd.grid
	r.filling = true
	defer func() { r.filling = false }()
	r.rows = nil
	r.body.RemoveAll()
	for i, v := range g.Roster {
		row := r.newRow(v)
		r.rows = append(r.rows, row)
		line := container.NewHBox(cell(resultColumns[0].width, widget.NewLabel(fmt.Sprint(i+1))),
			cell(resultColumns[1].width, nameLabel(v)),
			cell(resultColumns[2].width, row.score), cell(resultColumns[3].width, row.grade),
			cell(resultColumns[4].width, row.attended), cell(resultColumns[5].width, row.decision),
			cell(resultColumns[6].width, row.employed), cell(resultColumns[7].width, row.employer),
			cell(resultColumns[8].width, row.since))
		r.body.Add(line)
		r.assess(row)
	}
	r.body.Refresh()
	r.notice.Hidden = !r.readOnly()
	r.notice.Refresh()
	st := r.cd.jobs
	r.rate.SetText(lang.L("Employed after the course: {{.Employed}}/{{.Trainees}} ({{.Percent}}%)", map[string]any{"Employed": st.Employed, "Trainees": st.Trainees, "Percent": st.Percent()}))
	r.updateSave()
}

func nameLabel(v *data.EnrollmentView) *widget.Label {
	l := widget.NewLabel(v.TraineeName.Full())
	l.Truncation = fyne.TextTruncateEllipsis
	if v.Status == data.EnrollmentWithdrawn {
		l.Importance = widget.LowImportance
	}
	return l
}

func (r *resultsTab) newRow(v *data.EnrollmentView) *resultRow {
	row := &resultRow{v: v}
	row.score = widgets.NewEntry()
	row.score.SetPlaceHolder(example("7,5"))
	row.score.Validator = func(s string) error {
		if _, err := data.ParseScore(s); err != nil {
			return fmt.Errorf("%s", data.ErrorMessage(err))
		}
		return nil
	}
	if v.HasScore {
		row.score.SetText(data.FormatScore(v.Score))
	}
	row.score.OnChanged = func(string) { r.changed(row) }
	row.score.OnSubmitted = func(string) { r.focusScore(row, 1) } // Enter: the next trainee's score, as down a sheet
	row.grade = widget.NewLabel("")
	row.attended = widget.NewLabel("")
	row.decision = widget.NewLabel("")
	row.decision.Truncation = fyne.TextTruncateEllipsis
	row.employed = widget.NewCheck(lang.L("Yes"), func(bool) { r.changed(row) })
	row.employed.SetChecked(v.Employed)
	row.employer = widgets.NewEntry()
	row.employer.SetPlaceHolder(lang.L("Employer, or self-employed"))
	row.employer.SetText(v.Employer)
	row.employer.OnChanged = func(string) { r.changed(row) }
	row.since = dateEntry("")
	if !v.EmployedOn.IsZero() {
		row.since.SetText(v.EmployedOn.String())
	}
	row.since.OnChanged = func(string) { r.changed(row) }
	if r.readOnly() || v.Status == data.EnrollmentWithdrawn {
		row.score.Disable()
	}
	return row
}

func (r *resultsTab) changed(row *resultRow) {
	if r.filling {
		return
	}
	r.assess(row)
	r.updateSave()
}

// assess shows a row's grade, attendance and completion with the score as typed.
func (r *resultsTab) assess(row *resultRow) {
	v := *row.v
	if s, err := data.ParseScore(row.score.Text); err == nil {
		v.Score, v.HasScore = s, s != data.NoScore
	}
	v.Assess(r.cd.class(), r.cd.scale)
	row.grade.SetText(v.Grade)
	row.attended.SetText(fmt.Sprintf("%d/%d", v.Present+v.Late, v.Sessions))
	if v.Eligible {
		row.decision.Importance = widget.SuccessImportance
		row.decision.SetText(lang.L("Eligible for a certificate"))
	} else {
		row.decision.Importance = widget.DangerImportance
		row.decision.SetText(v.Reason)
	}
}

// scoreChanged reports whether the typed score differs from the stored one; score is what is
// typed (NoScore when blank), err when it is not a score.
func (row *resultRow) scoreChanged() (score int, changed bool, err error) {
	score, err = data.ParseScore(row.score.Text)
	if err != nil {
		return 0, !row.score.Disabled(), err
	}
	stored := data.NoScore
	if row.v.HasScore {
		stored = row.v.Score
	}
	return score, score != stored && !row.score.Disabled(), nil
}

// employment returns the follow-up as typed, and whether it differs from the stored one.
func (row *resultRow) employment() (data.Employment, bool, error) {
	e := data.Employment{Employed: row.employed.Checked, Employer: strings.TrimSpace(row.employer.Text), EmployerID: row.v.EmployerID}
	on, err := vn.ParseDate(row.since.Text)
	if err != nil {
		return e, true, err
	}
	e.EmployedOn = on
	e.Normalize()
	v := row.v
	changed := e.Employed != v.Employed || e.Employer != v.Employer || e.EmployedOn != v.EmployedOn
	return e, changed, nil
}

func (r *resultsTab) dirty() bool {
	for _, row := range r.rows {
		if _, ch, _ := row.scoreChanged(); ch {
			return true
		}
		if _, ch, _ := row.employment(); ch {
			return true
		}
	}
	return false
}

func (r *resultsTab) updateSave() {
	if r.dirty() && r.cd.m.can(data.RightClassRecords) {
		r.saveBtn.Enable()
	} else {
		r.saveBtn.Disable()
	}
}

// save stores every changed score and follow-up, a row at a time; the rows refused are named
// and keep what was typed.
func (r *resultsTab) save() {
	ctx := r.cd.m.ctx()
	svc := r.cd.m.Services.Enrollments
	var problems []string
	typed := map[int64][3]string{}
	saved := false
	for _, row := range r.rows {
		v := row.v
		version := v.Version
		fail := func(err error) {
			if data.ErrorCode(err) == data.EINTERNAL {
				r.cd.m.showError(err)
			}
			problems = append(problems, v.TraineeName.Full()+": "+data.ErrorMessage(err))
			typed[v.ID] = [3]string{row.score.Text, row.employer.Text, row.since.Text}
		}
		score, changed, err := row.scoreChanged()
		switch {
		case err != nil:
			fail(err)
		case changed:
			e, err := svc.SetScore(ctx, v.ID, version, score)
			if err != nil {
				fail(err)
			} else {
				version, saved = e.Version, true
			}
		}
		emp, changed, err := row.employment()
		switch {
		case err != nil:
			fail(&data.Error{Code: data.EINVALID, Message: err.Error()})
		case changed:
			if _, err := svc.SetEmployment(ctx, v.ID, version, emp); err != nil {
				fail(err)
			} else {
				saved = true
			}
		}
	}
	if saved {
		r.cd.changed()
	}
	// Put back what the clerk typed in the rows refused, so nothing typed is lost.
	for _, row := range r.rows {
		if t, ok := typed[row.v.ID]; ok {
			r.filling = true
			row.score.SetText(t[0])
			row.employer.SetText(t[1])
			row.since.SetText(t[2])
			r.filling = false
			r.assess(row)
		}
	}
	r.updateSave()
	if len(problems) > 0 {
		r.cd.m.showRefusal(r.message, &data.Error{Code: data.EINVALID, Message: strings.Join(problems, "\n")})
	} else {
		r.cd.m.showRefusal(r.message, nil)
	}
}

// focusScore puts the cursor in the first score that can be typed d rows after row (from the top
// when row is nil); it stays where it is when there is none.
func (r *resultsTab) focusScore(row *resultRow, d int) {
	i := -1
	for j, x := range r.rows {
		if x == row {
			i = j
		}
	}
	for j := i + d; j >= 0 && j < len(r.rows); j += d {
		if !r.rows[j].score.Disabled() {
			r.cd.m.Window.Canvas().Focus(r.rows[j].score)
			return
		}
	}
}
