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

// start begins a class's document: A4 portrait, page numbers, the official header, the title and
// the block naming the class.
func (d ClassDoc) start(title string) *pdfDoc {
	c := d.Grid.Class
	p := newPDF(false, d.Date, title+" - "+c.Code)
	p.pageNumbers()
	p.f.AddPage()
	p.officialHeader(d.Org, d.Date)
	p.block(title, bold, 14, "C")
	p.space(1)
	classBlock(p, c)
	p.space(3)
	return p
}

// classBlock names the class: its name and code in bold, then its kind and trade, host, venue,
// dates and hours, and trainers, leaving out what is not known.
func classBlock(p *pdfDoc, c *data.Class) {
	p.block(c.Name+" ("+c.Code+")", bold, 13, "C") // the name says "Lớp …" itself
	p.space(1)
	p.style(regular, 12)
	p.pair("Loại lớp: "+c.Kind.Label(), labelled("Ngành nghề: ", c.Trade))
	p.pair(labelled("Đơn vị phối hợp: ", c.HostName), "")
	p.pair(labelled("Địa điểm: ", c.Venue), "")
	hours := ""
	if c.Hours > 0 {
		hours = "Số giờ học: " + vn.FormatInt(int64(c.Hours)) + " giờ"
	}
	p.pair("Thời gian: từ "+c.Start.String()+" đến "+c.End.String(), hours)
	p.pair(labelled("Giảng viên: ", c.Trainers), "")
}

// labelled returns label and value together, or "" when there is no value.
func labelled(label, value string) string {
	if value == "" {
		return ""
	}
	return label + value
}

// pair writes a and b on one line, b from the middle of the page, when both fit their half;
// otherwise one under the other across the page. Empty texts are left out.
func (p *pdfDoc) pair(a, b string) {
	a, b = vn.NFC(a), vn.NFC(b)
	half := p.pageW / 2
	if a != "" && b != "" && p.f.GetStringWidth(a) < half-2 && p.f.GetStringWidth(b) < half {
		if p.f.GetY()+p.lineHeight() > p.bottom {
			p.f.AddPage()
		}
		y := p.f.GetY()
		p.text(p.left(), y, half, a, "L")
		p.text(p.left()+half, y, half, b, "L")
		p.f.SetY(y + p.lineHeight())
		return
	}
	for _, s := range []string{a, b} {
		if s != "" {
			p.block(s, p.fontStyle, p.fontSize, "L")
		}
	}
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
var classRosterColumns = []column{
	{"STT", 10, "C"},
	{"Họ và tên", 44, "L"},
	{"Giới tính", 15, "C"},
	{"Ngày sinh", 21, "C"},
	{"Nơi sinh", 24, "L"},
	{"Số CCCD", 26, "C"},
	{"Ghi chú", 25, "L"},
}

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
	ts := defaultTable
	ts.tail = 3 + p.blockHeight(total, bold, 13) + 4 + p.signatureHeight(d.Org.DirectorTitle, "", d.Org.DirectorName)
	p.styledTable(ts, classRosterColumns, len(roster), func(r, c int) string {
		v := roster[r]
		switch c {
		case 0:
			return strconv.Itoa(r + 1)
		case 1:
			return v.TraineeName.Full()
		case 2:
			return gender(v.Female)
		case 3:
			return v.BirthDate.String()
		case 4:
			return v.BirthPlace
		case 5:
			return v.CCCD
		}
		return withdrawn(v)
	})
	p.space(3)
	p.block(total, bold, 13, "L")
	p.space(4)
	p.signature(d.Org.City, d.Date, d.Org.DirectorTitle, "", d.Org.DirectorName)
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

var attendanceNameColumns = []column{{"STT", 8, "C"}, {"Họ và tên", 38, "L"}}

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
func attendanceColumns(width float64, sessions []*data.Session) []column {
	n := len(sessions)
	fixed := 0.0
	for _, c := range attendanceNameColumns {
		fixed += c.width
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
	cols := append([]column(nil), attendanceNameColumns...)
	cols[1].width += spare
	for _, s := range sessions {
		cols = append(cols, column{fmt.Sprintf("%02d/%02d", s.Date.Day, int(s.Date.Month)), sessW, "C"})
	}
	return append(cols, column{"Ký tên", signW, "C"})
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
	const trainersTitle, trainersHint = "GIẢNG VIÊN", "(Ký, ghi rõ họ tên)"
	tail := 2 + p.blockHeight(AttendanceLegend, italic, 11) + 4 + p.signatureHeight(trainersTitle, trainersHint, c.Trainers)
	bounds := sessionChunks(len(g.Sessions), sessionsPerPage)
	for i := range len(bounds) - 1 {
		sessions := g.Sessions[bounds[i]:bounds[i+1]]
		if len(bounds) > 2 {
			run := fmt.Sprintf("Buổi %d–%d (từ %s đến %s)", bounds[i]+1, bounds[i+1], sessions[0].Date, sessions[len(sessions)-1].Date)
			if i > 0 {
				p.f.AddPage()
				p.block(AttendanceSheetTitle+" (tiếp theo)", bold, 13, "C")
				p.block(c.Name+" ("+c.Code+")", regular, 12, "C")
			}
			p.block(run, italic, 12, "C")
			p.space(2)
		}
		cols := attendanceColumns(p.pageW, sessions)
		last := len(cols) - 1
		ts := tableStyle{size: attendanceSize, minRowH: attendanceRowH}
		if i == len(bounds)-2 {
			ts.tail = tail
		}
		p.styledTable(ts, cols, len(g.Roster), func(r, col int) string {
			v := g.Roster[r]
			switch {
			case col == 0:
				return strconv.Itoa(r + 1)
			case col == 1:
				return v.TraineeName.Full()
			case col == last:
				if v.Status == data.EnrollmentWithdrawn {
					return "Thôi học"
				}
				return ""
			}
			s := sessions[col-len(attendanceNameColumns)]
			return markLetters[g.Marks[data.AttendanceKey{SessionID: s.ID, EnrollmentID: v.ID}]]
		})
	}
	p.space(2)
	p.block(AttendanceLegend, italic, 11, "L")
	p.space(4)
	p.signature(d.Org.City, d.Date, trainersTitle, trainersHint, c.Trainers)
	return p.write(w)
}

// classResultsColumns fit the printable width of A4 portrait (165 mm) at resultsSize, every
// grade on one line.
var classResultsColumns = []column{
	{"STT", 8, "C"},
	{"Họ và tên", 38, "L"},
	{"Ngày sinh", 20, "C"},
	{"Số buổi có mặt", 15, "C"},
	{"Tỷ lệ (%)", 11, "C"},
	{"Điểm", 11, "C"},
	{"Xếp loại", 26, "L"},
	{"Kết quả", 36, "L"},
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
	ts := tableStyle{size: resultsSize}
	ts.tail = 3 + p.blockHeight(totals, bold, 13) + 4 + p.signatureHeight(d.Org.DirectorTitle, "", d.Org.DirectorName)
	p.styledTable(ts, classResultsColumns, len(roster), func(r, c int) string {
		v := roster[r]
		switch c {
		case 0:
			return strconv.Itoa(r + 1)
		case 1:
			return v.TraineeName.Full()
		case 2:
			return v.BirthDate.String()
		case 3:
			return strconv.Itoa(v.Present+v.Late) + "/" + strconv.Itoa(v.Sessions)
		case 4:
			if v.Sessions == 0 {
				return ""
			}
			return strconv.Itoa(v.AttendancePercent)
		case 5:
			if !v.HasScore {
				return ""
			}
			return data.FormatScore(v.Score)
		case 6:
			return v.Grade
		}
		if v.Eligible {
			return "Đạt"
		}
		return v.Reason
	})
	p.space(3)
	p.block(totals, bold, 13, "L")
	p.space(4)
	p.signature(d.Org.City, d.Date, d.Org.DirectorTitle, "", d.Org.DirectorName)
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
