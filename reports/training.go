package reports

import (
	"fmt"
	"io"
	"strconv"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// ClassDoc is what a class's printed lists are made from.
type ClassDoc struct {
	Org  data.Organisation
	Date vn.Date              // the date printed on the document
	Grid *data.AttendanceGrid // the class, its sessions, its roster (already sorted by given name) and the marks
}

// The titles of a class's printed lists.
const (
	ClassRosterTitle     = "DANH SÁCH HỌC VIÊN"
	AttendanceSheetTitle = "BẢNG ĐIỂM DANH"
	ClassResultsTitle    = "BẢNG KẾT QUẢ HỌC TẬP"
)

// AttendanceLegend explains the marks of the attendance sheet; it is printed under the table.
const AttendanceLegend = "Ký hiệu: x – có mặt; v – vắng; m – đi muộn; p – vắng có phép; ô để trống – chưa điểm danh."

// check says whether the document can be written. EINVALID.
func (d ClassDoc) check() error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	if d.Grid == nil || d.Grid.Class == nil {
		return data.Errorf(data.EINVALID, "Chưa chọn lớp để in danh sách.")
	}
	return nil
}

// start begins a class's document: A4 portrait, page numbers, the official opening with the
// title, and the block naming the class.
func (d ClassDoc) start(title string) *pdfDoc {
	c := d.Grid.Class
	p := opening{org: d.Org, date: d.Date, meta: title + " - " + c.Code, numbered: true, title: title}.start()
	p.add(gap(1))
	p.add(classBlock(c)...)
	p.add(gap(3))
	return p
}

// classBlock names the class: its name and code in bold, then its kind and trade, host, venue,
// dates and hours, and trainers, leaving out what is not known.
func classBlock(c *data.Class) []part {
	hours := ""
	if c.Hours > 0 {
		hours = "Số giờ học: " + vn.FormatInt(int64(c.Hours)) + " giờ"
	}
	line := func(a, b string) part { return pair{a: a, b: b, style: regular, size: 12} }
	return []part{
		para(c.Name+" ("+c.Code+")", bold, 13, "C"), // the name says "Lớp …" itself
		gap(1),
		line("Loại lớp: "+c.Kind.Label(), labelled("Ngành nghề: ", c.Trade)),
		line(labelled("Đơn vị phối hợp: ", c.HostName), ""),
		line(labelled("Địa điểm: ", c.Venue), ""),
		line("Thời gian: từ "+c.Start.String()+" đến "+c.End.String(), hours),
		line(labelled("Giảng viên: ", c.Trainers), ""),
	}
}

// labelled returns label and value together, or "" when there is no value.
func labelled(label, value string) string {
	if value == "" {
		return ""
	}
	return label + value
}

// gender returns "Nữ" or "Nam".
func gender(female bool) string {
	if female {
		return "Nữ"
	}
	return "Nam"
}

// withdrawn returns the note of a trainee who left the class, "" for one still in it.
func withdrawn(v *data.EnrollmentView) string {
	if v.Status != data.EnrollmentWithdrawn {
		return ""
	}
	if v.WithdrawnOn.IsZero() {
		return "Thôi học"
	}
	return "Thôi học " + v.WithdrawnOn.String()
}

// classRosterColumns fit the printable width of A4 portrait (165 mm) at 11 pt.
var classRosterColumns = []column[*data.EnrollmentView]{
	sttColumn[*data.EnrollmentView](10),
	{Title: "Họ và tên", Width: 44, Align: "L", Cell: traineeName},
	{Title: "Giới tính", Width: 15, Align: "C", Cell: func(v *data.EnrollmentView) string { return gender(v.Female) }},
	{Title: "Ngày sinh", Width: 21, Align: "C", Cell: birthDate},
	{Title: "Nơi sinh", Width: 24, Align: "L", Cell: func(v *data.EnrollmentView) string { return v.BirthPlace }},
	{Title: "Số CCCD", Width: 26, Align: "C", Cell: func(v *data.EnrollmentView) string { return v.CCCD }},
	{Title: "Ghi chú", Width: 25, Align: "L", Cell: withdrawn},
}

func traineeName(v *data.EnrollmentView) string { return v.TraineeName.Full() }
func birthDate(v *data.EnrollmentView) string   { return v.BirthDate.String() }

// WriteClassRosterPDF writes the class's list of trainees (danh sách học viên) as an A4 portrait
// PDF: the official header, the title and the class, one row per trainee in the roster's order,
// withdrawn ones noted, the number of trainees, and the director's signing block.
func WriteClassRosterPDF(w io.Writer, d ClassDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	p := d.start(ClassRosterTitle)
	roster := d.Grid.Roster
	left := 0
	for _, v := range roster {
		if v.Status == data.EnrollmentWithdrawn {
			left++
		}
	}
	total := "Tổng số: " + vn.FormatInt(int64(len(roster))) + " học viên"
	if left > 0 {
		total += " (trong đó " + vn.FormatInt(int64(left)) + " học viên thôi học)"
	}
	total += "."
	p.add(tableOf(defaultTable, classRosterColumns, roster).keepWith(
		gap(3), para(total, bold, 13, "L"), gap(4), directorSigning(d.Org)))
	return p.write(w)
}

// The attendance sheet's columns on A4 portrait (165 mm): the trainee's number and name, a
// narrow column for each session of the page and a column to sign in. A session's column is at
// least sessionColumn wide, which leaves room for 14 sessions a page with the date headers at
// 7.5 pt; with fewer sessions the signing column, then the sessions', grow.
const (
	attendanceSize   = 10  // pt, the body of the sheet
	attendanceRowH   = 8   // mm, room to sign
	sessionColumn    = 7.0 // mm
	maxSessionColumn = 9.5 // mm
	signColumn       = 21  // mm
	maxSignColumn    = 32  // mm
	sessionsPerPage  = 14
)

var attendanceNameColumns = []column[*data.EnrollmentView]{
	sttColumn[*data.EnrollmentView](8),
	{Title: "Họ và tên", Width: 38, Align: "L", Cell: traineeName},
}

// markLetters are the letters a mark is printed as.
var markLetters = map[data.AttendanceMark]string{
	data.MarkPresent: "x", data.MarkAbsent: "v", data.MarkLate: "m", data.MarkExcused: "p",
}

// sessionChunks splits n sessions into the fewest runs of at most perPage, as even as they go
// and the longer first: 40 sessions by 14 give 14, 13 and 13. It returns where each run starts,
// then n; no sessions make one empty run.
func sessionChunks(n, perPage int) []int {
	runs := max(1, (n+perPage-1)/perPage)
	bounds := make([]int, runs+1)
	for i := range runs {
		size := n / runs
		if i < n%runs {
			size++
		}
		bounds[i+1] = bounds[i] + size
	}
	return bounds
}

// attendanceColumns lays out the columns of a page, width wide, with the given sessions.
func (d ClassDoc) attendanceColumns(width float64, sessions []*data.Session) []column[*data.EnrollmentView] {
	n := len(sessions)
	fixed := 0.0
	for _, c := range attendanceNameColumns {
		fixed += c.Width
	}
	sessW, signW := sessionColumn, float64(signColumn)
	spare := width - fixed - float64(n)*sessW - signW
	grow := min(spare, maxSignColumn-signW)
	signW += grow
	spare -= grow
	if n > 0 {
		grow = min(spare/float64(n), maxSessionColumn-sessW)
		sessW += grow
		spare -= grow * float64(n)
	}
	cols := append([]column[*data.EnrollmentView](nil), attendanceNameColumns...)
	cols[1].Width += spare
	for _, s := range sessions {
		cols = append(cols, column[*data.EnrollmentView]{
			Title: fmt.Sprintf("%02d/%02d", s.Date.Day, int(s.Date.Month)), Width: sessW, Align: "C",
			Cell: func(v *data.EnrollmentView) string {
				return markLetters[d.Grid.Marks[data.AttendanceKey{SessionID: s.ID, EnrollmentID: v.ID}]]
			},
		})
	}
	return append(cols, column[*data.EnrollmentView]{Title: "Ký tên", Width: signW, Align: "C", Cell: func(v *data.EnrollmentView) string {
		if v.Status == data.EnrollmentWithdrawn {
			return "Thôi học"
		}
		return ""
	}})
}

// WriteAttendanceSheetPDF writes the class's attendance sheet (bảng điểm danh) as an A4 portrait
// PDF for signing: the official header, the title and the class, then a table of the trainees
// with a narrow column per session headed by its date, the marks taken as letters (x có mặt,
// v vắng, m muộn, p có phép; empty when not marked) and a column to sign in. When the class has
// more sessions than fit across a page, the next sessions continue on further pages, each with
// the trainees' numbers and names again. A legend and the trainers' signing block follow.
func WriteAttendanceSheetPDF(w io.Writer, d ClassDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	g, c := d.Grid, d.Grid.Class
	p := d.start(AttendanceSheetTitle)
	foot := []fixed{gap(2), para(AttendanceLegend, italic, 11, "L"), gap(4),
		signing{title: "GIẢNG VIÊN", hint: "(Ký, ghi rõ họ tên)", name: c.Trainers}}
	tail := p.heightOf(foot)
	bounds := sessionChunks(len(g.Sessions), sessionsPerPage)
	for i := range len(bounds) - 1 {
		sessions := g.Sessions[bounds[i]:bounds[i+1]]
		if len(bounds) > 2 {
			run := fmt.Sprintf("Buổi %d–%d (từ %s đến %s)", bounds[i]+1, bounds[i+1], sessions[0].Date, sessions[len(sessions)-1].Date)
			if i > 0 {
				p.add(pageBreak{}, para(AttendanceSheetTitle+" (tiếp theo)", bold, 13, "C"), para(c.Name+" ("+c.Code+")", regular, 12, "C"))
			}
			p.add(para(run, italic, 12, "C"), gap(2))
		}
		ts := tableStyle{size: attendanceSize, minRowH: attendanceRowH}
		if i == len(bounds)-2 {
			ts.tail = tail
		}
		p.add(tableOf(ts, d.attendanceColumns(p.pageW, sessions), g.Roster))
	}
	for _, f := range foot {
		p.add(f)
	}
	return p.write(w)
}

// classResultsColumns fit the printable width of A4 portrait (165 mm) at resultsSize, every
// grade on one line.
var classResultsColumns = []column[*data.EnrollmentView]{
	sttColumn[*data.EnrollmentView](8),
	{Title: "Họ và tên", Width: 38, Align: "L", Cell: traineeName},
	{Title: "Ngày sinh", Width: 20, Align: "C", Cell: birthDate},
	{Title: "Số buổi có mặt", Width: 15, Align: "C", Cell: func(v *data.EnrollmentView) string {
		return strconv.Itoa(v.Present+v.Late) + "/" + strconv.Itoa(v.Sessions)
	}},
	{Title: "Tỷ lệ (%)", Width: 11, Align: "C", Cell: func(v *data.EnrollmentView) string {
		if v.Sessions == 0 {
			return ""
		}
		return strconv.Itoa(v.AttendancePercent)
	}},
	{Title: "Điểm", Width: 11, Align: "C", Cell: func(v *data.EnrollmentView) string {
		if !v.HasScore {
			return ""
		}
		return data.FormatScore(v.Score)
	}},
	{Title: "Xếp loại", Width: 26, Align: "L", Cell: func(v *data.EnrollmentView) string { return v.Grade }},
	{Title: "Kết quả", Width: 36, Align: "L", Cell: func(v *data.EnrollmentView) string {
		if v.Eligible {
			return "Đạt"
		}
		return v.Reason
	}},
}

const resultsSize = 10.5 // pt

// WriteClassResultsPDF writes the class's results (bảng kết quả học tập) as an A4 portrait PDF:
// the official header, the title and the class, one row per trainee with the sessions attended,
// attendance rate, score, grade and result ("Đạt" or why not), the totals (trainees, those who
// passed and the pass rate over the trainees still in the class), and the director's signing
// block. The roster's views must be assessed (data.EnrollmentView.Assess).
func WriteClassResultsPDF(w io.Writer, d ClassDoc) error {
	if err := d.check(); err != nil {
		return err
	}
	p := d.start(ClassResultsTitle)
	roster := d.Grid.Roster
	active, passed := 0, 0
	for _, v := range roster {
		if v.Status != data.EnrollmentWithdrawn {
			active++
		}
		if v.Eligible {
			passed++
		}
	}
	totals := "Tổng số học viên: " + vn.FormatInt(int64(len(roster)))
	if left := len(roster) - active; left > 0 {
		totals += " (trong đó " + vn.FormatInt(int64(left)) + " học viên thôi học)"
	}
	totals += ".\nSố học viên đạt: " + vn.FormatInt(int64(passed)) + "/" + vn.FormatInt(int64(active)) + " học viên." +
		"\nTỷ lệ đạt: " + percent(passed, active) + "."
	p.add(tableOf(tableStyle{size: resultsSize}, classResultsColumns, roster).keepWith(
		gap(3), para(totals, bold, 13, "L"), gap(4), directorSigning(d.Org)))
	return p.write(w)
}

// percent returns part of whole in percent with one decimal and a decimal comma, "81,4%";
// "0%" of nothing.
func percent(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	tenths := (part*1000 + whole/2) / whole
	if tenths%10 == 0 {
		return strconv.Itoa(tenths/10) + "%"
	}
	return data.FormatScore(tenths) + "%"
}
