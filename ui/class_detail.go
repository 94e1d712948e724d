package ui

import (
	"context"
	"io"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/reports/docs"
)

// classDetail is one class's work after it is created: who is enrolled, the sessions and their
// attendance, and the results with the follow-up. The class screen embeds its tabs; every tab
// reads the same AttendanceGrid, read again by Reload after each write.
type classDetail struct {
	m         *Main
	classID   int64
	onChanged func()

	grid  *data.AttendanceGrid // as last read
	scale data.GradeScale
	jobs  data.EmploymentStats

	enrol   *enrolmentTab
	attend  *attendanceTab
	results *resultsTab

	enrolmentContent, attendanceContent, resultsContent, printContent fyne.CanvasObject
}

// newClassDetail reads class classID and builds its tabs; onChanged (may be nil) is called after
// a write that changes the class's counts, so that the class list can refresh.
func newClassDetail(m *Main, classID int64, onChanged func()) *classDetail {
	cd := &classDetail{m: m, classID: classID, onChanged: onChanged, scale: data.DefaultGradeScale()}
	cd.enrol = newEnrolmentTab(cd)
	cd.attend = newAttendanceTab(cd)
	cd.results = newResultsTab(cd)
	cd.Reload()
	return cd
}

// EnrolmentTab returns the roster with the ways to add and withdraw trainees.
func (cd *classDetail) EnrolmentTab() fyne.CanvasObject { return cd.enrol.content }

// AttendanceTab returns the sessions and the attendance grid.
func (cd *classDetail) AttendanceTab() fyne.CanvasObject { return cd.attend.content }

// ResultsTab returns the scores, completion and follow-up.
func (cd *classDetail) ResultsTab() fyne.CanvasObject { return cd.results.content }

// focusTab puts the cursor where the keyboard works on tab i (0 trainees, 1 attendance, 2
// results): the register's search, the grid, the first score.
func (cd *classDetail) focusTab(i int) {
	c := cd.m.Window.Canvas()
	switch i {
	case 0:
		c.Focus(cd.enrol.search)
	case 1:
		c.Focus(cd.attend.table)
	case 2:
		c.Unfocus()
		cd.results.focusScore(nil, 1)
	}
}

// PrintButtons returns the buttons that print the class's lists as PDF.
func (cd *classDetail) PrintButtons() fyne.CanvasObject {
	if cd.printContent == nil {
		roster := widget.NewButtonWithIcon(lang.L("Print trainee list"), theme.DocumentPrintIcon(), func() {
			cd.m.save(cd.document(docs.KindClassRoster))
		})
		sheet := widget.NewButtonWithIcon(lang.L("Print attendance sheet"), theme.DocumentPrintIcon(), func() {
			cd.m.save(cd.document(docs.KindAttendanceSheet))
		})
		res := widget.NewButtonWithIcon(lang.L("Print results sheet"), theme.DocumentPrintIcon(), func() {
			cd.m.save(cd.document(docs.KindClassResults))
		})
		cd.printContent = container.NewHBox(roster, sheet, res)
	}
	return cd.printContent
}

// Save saves what is changed and not saved yet: scores and follow-up, then attendance marks
// (Ctrl+S). Results go first: saving marks reloads the tabs, which rebuilds the results' rows.
func (cd *classDetail) Save() {
	if cd.results.dirty() {
		cd.results.save()
	}
	if cd.attend.dirty() {
		cd.attend.save()
	}
}

// dirty reports whether marks, scores or follow-up are changed and not saved.
func (cd *classDetail) dirty() bool { return cd.attend.dirty() || cd.results.dirty() }

// Reload reads the class, its sessions, roster and marks again, and shows them; attendance marks
// not saved yet are kept.
func (cd *classDetail) Reload() {
	ctx := cd.m.ctx()
	g, err := cd.m.Services.Attendance.AttendanceGrid(ctx, cd.classID)
	if err != nil {
		cd.m.showError(err)
		return
	}
	if cd.m.Services.Grades != nil {
		if s, err := cd.m.Services.Grades.GradeScale(ctx); err == nil {
			cd.scale = s
		} else {
			cd.m.showError(err)
		}
	}
	jobs, err := cd.m.Services.Enrollments.EmploymentRate(ctx, cd.classID)
	if err != nil {
		cd.m.showError(err)
	}
	cd.grid, cd.jobs = g, jobs
	cd.enrol.show()
	cd.attend.show()
	cd.results.show()
}

// class returns the class as last read.
func (cd *classDetail) class() *data.Class { return cd.grid.Class }

// changed reads everything again and tells the class list.
func (cd *classDetail) changed() {
	cd.Reload()
	if cd.onChanged != nil {
		cd.onChanged()
	}
}

// classLists are the builder's methods that write the class's printed lists, by kind.
var classLists = map[docs.Kind]func(docs.Builder, context.Context, int64, io.Writer) error{
	docs.KindClassRoster:     docs.Builder.ClassRoster,
	docs.KindAttendanceSheet: docs.Builder.AttendanceSheet,
	docs.KindClassResults:    docs.Builder.ClassResults,
}

// document is the class's printed list of kind k (one of classLists), as its button saves it.
func (cd *classDetail) document(k docs.Kind) document {
	build, b, id := classLists[k], cd.m.builder, cd.classID
	return newDocument(k, cd.class().Code, docs.PDF, func(ctx context.Context, w io.Writer) error { return build(b, ctx, id, w) })
}

// messageLabel is the line above a tab that says what the store refused, in its words.
func messageLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// showRefusal puts err in a form's or tab's message line, in the store's words, or hides the
// line when err is nil; an internal error goes to the error dialog.
func (m *Main) showRefusal(l *widget.Label, err error) {
	if err == nil {
		l.SetText("")
		l.Hide()
		return
	}
	if data.ErrorCode(err) == data.EINTERNAL {
		m.showError(err)
		return
	}
	l.SetText(data.ErrorMessage(err))
	l.Show()
}

// fixedWidth lays out one object at a fixed width: the columns of a hand-built table.
type fixedWidth float32

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}

// cell wraps o in a column of width w.
func cell(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(fixedWidth(w), o)
}

// sheetColumns lays a hand-built table's header and rows out alike: each column at least as
// wide as widths says, the grow column taking what the others leave, so that the columns line
// up, none overlaps the next and the window's width is used.
type sheetColumns struct {
	widths []float32
	grow   int
}

// newSheetColumns returns the columns of a sheet headed by heads, each widened to show its head
// whole, and the bold labels of the heads.
func newSheetColumns(heads []string, widths []float32, grow int) (*sheetColumns, []fyne.CanvasObject) {
	c := &sheetColumns{widths: slices.Clone(widths), grow: grow}
	labels := make([]fyne.CanvasObject, len(heads))
	for i, h := range heads {
		l := widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		c.widths[i] = max(c.widths[i], l.MinSize().Width)
		labels[i] = l
	}
	return c, labels
}

// row lays objs out in the sheet's columns.
func (c *sheetColumns) row(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(c, objs...)
}

func (c *sheetColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	growW := size.Width - c.MinSize(objs).Width + c.widths[c.grow]
	x := float32(0)
	for i, o := range objs {
		w := c.widths[i]
		if i == c.grow {
			w = max(w, growW)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (c *sheetColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		w += c.widths[i]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}
