package reports_test

import (
	"bytes"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

var classStart = vn.Date{Year: 2026, Month: time.March, Day: 2} // a Monday

// testClass is a craft class with everything a document prints about it.
func testClass() *data.Class {
	c := data.NewClass()
	c.ID = 7
	c.Code = "LH-2026-007"
	c.Name = "Lớp truyền nghề mây tre đan xuất khẩu"
	c.Kind = data.ClassKindCraft
	c.Trade = "Mây tre đan"
	c.HostName = "Hợp tác xã Mây tre đan Phú Vinh"
	c.Venue = "Nhà văn hóa thôn Phú Vinh, xã Phú Nghĩa"
	c.Start = classStart
	c.End = vn.Date{Year: 2026, Month: time.May, Day: 29}
	c.Hours = 160
	c.Trainers = "Nghệ nhân Nguyễn Văn Ước"
	c.Capacity = 60
	c.Status = data.ClassFinished
	return c
}

// weekdays returns n sessions of class 7 on the weekdays from classStart.
func weekdays(n int) []*data.Session {
	var ss []*data.Session
	for d := classStart; len(ss) < n; d = d.AddDays(1) {
		if wd := d.Time().Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		ss = append(ss, &data.Session{ID: int64(100 + len(ss)), ClassID: 7, Date: d, Hours: 4, Held: true})
	}
	return ss
}

// trainee is a row of a test roster: who, and how they did.
type trainee struct {
	name      string
	female    bool
	birth     vn.Date
	absent    []int   // sessions (0-based) marked vắng
	late      []int   // marked muộn
	excused   []int   // marked có phép
	score     int     // tenths; data.NoScore for none
	withdrawn vn.Date // left the class on this day; its later sessions have no mark
}

// grid builds the attendance grid of class 7 with the trainees and sessions: every trainee is
// marked present at every session but those listed, and the sessions from the unheld-th on are
// not marked at all. The roster is sorted by given name and assessed, as the store gives it.
func grid(ts []trainee, sessions []*data.Session, unheld int) *data.AttendanceGrid {
	c := testClass()
	g := &data.AttendanceGrid{Class: c, Sessions: sessions, Marks: map[data.AttendanceKey]data.AttendanceMark{}}
	for i, t := range ts {
		v := &data.EnrollmentView{
			Enrollment:  data.Enrollment{ID: int64(1000 + i), ClassID: c.ID, TraineeID: int64(i + 1), Status: data.EnrollmentActive},
			TraineeName: vn.SplitName(t.name), Female: t.female, BirthDate: t.birth,
			BirthPlace: "Hà Nội", CCCD: cccd(i, t.female, t.birth.Year),
		}
		v.TraineeName = vn.Name{Family: norm.NFC.String(v.TraineeName.Family), Middle: norm.NFC.String(v.TraineeName.Middle), Given: norm.NFC.String(v.TraineeName.Given)}
		if strings.Contains(t.name, "Đức") { // the store gives NFC; the documents must cope with NFD too
			v.TraineeName = vn.Name{Family: norm.NFD.String(v.TraineeName.Family), Middle: v.TraineeName.Middle, Given: norm.NFD.String(v.TraineeName.Given)}
			v.BirthPlace = norm.NFD.String("Thái Bình")
		}
		if t.score != data.NoScore {
			v.Score, v.HasScore = t.score, true
		}
		if !t.withdrawn.IsZero() {
			v.Status, v.WithdrawnOn, v.WithdrawReason = data.EnrollmentWithdrawn, t.withdrawn, "Chuyển nơi ở"
		}
		for s, sess := range sessions {
			if s >= unheld || !t.withdrawn.IsZero() && t.withdrawn.Before(sess.Date) {
				continue
			}
			m := data.MarkPresent
			switch {
			case slices.Contains(t.absent, s):
				m = data.MarkAbsent
			case slices.Contains(t.late, s):
				m = data.MarkLate
			case slices.Contains(t.excused, s):
				m = data.MarkExcused
			}
			g.Marks[data.AttendanceKey{SessionID: sess.ID, EnrollmentID: v.ID}] = m
			switch m {
			case data.MarkPresent:
				v.Present++
			case data.MarkLate:
				v.Late++
			case data.MarkExcused:
				v.Excused++
			}
		}
		v.Sessions = min(unheld, len(sessions))
		v.Assess(c, data.DefaultGradeScale())
		g.Roster = append(g.Roster, v)
	}
	slices.SortStableFunc(g.Roster, func(a, b *data.EnrollmentView) int { return vn.CompareNames(a.TraineeName, b.TraineeName) })
	return g
}

// cccd makes a plausible 12-digit citizen ID: Hà Nội, the century and sex digit, the year.
func cccd(i int, female bool, year int) string {
	sex := 0
	if female {
		sex = 1
	}
	return "001" + strconv.Itoa(sex+2*((year-1900)/100)) + strconv.Itoa(year%100/10) + strconv.Itoa(year%10) + strconv.Itoa(100000 + i)[0:6]
}

func born(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }

var withdrawnOn = vn.Date{Year: 2026, Month: time.March, Day: 16}

// hardTrainees have the names that go wrong first and one of each outcome over 20 sessions.
func hardTrainees() []trainee {
	return []trainee{
		{name: "Nguyễn Thị Ánh Tuyết", female: true, birth: born(1990, time.May, 4), late: []int{3}, score: 75},
		{name: "Đặng Văn Đức", birth: born(1985, time.December, 31), score: 80},
		{name: "Lò Thị Ỷ", female: true, birth: born(2001, time.January, 9), absent: []int{1, 4, 7, 9, 12, 15}, score: 65},
		{name: "Hồ Sỹ Ước", birth: born(1978, time.July, 20), score: data.NoScore, withdrawn: withdrawnOn},
		{name: "Lý Thị Hường", female: true, birth: born(1995, time.February, 28), excused: []int{2}, score: 45},
		{name: "Trần Quốc Toản", birth: born(1999, time.August, 15), late: []int{0, 5}, score: 92},
		{name: "Phạm Thị Ngọc Ánh", female: true, birth: born(2003, time.October, 1), score: 58},
		{name: "Vũ Đình Khiêm", birth: born(1969, time.March, 3), absent: []int{19}, score: data.NoScore},
	}
}

// hardClass is a class of the hard trainees and 20 sessions, all held.
func hardClass() reports.ClassDoc {
	org := data.DefaultOrganisation()
	org.DirectorName = "Trần Thị Thu Hằng"
	return reports.ClassDoc{Org: org, Date: docDate, Grid: grid(hardTrainees(), weekdays(20), 20)}
}

// Generated names, none a prefix of another, for big classes.
var (
	families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Lò"}
	middles  = []string{"Thị", "Văn", "Đức", "Thị Ánh", "Quốc", "Thị Thu", "Minh", "Hữu"}
	givens   = []string{"Tuyết", "Đức", "Ỷ", "Hường", "Ước", "Toản", "Khiêm", "Nguyệt", "Phượng", "Dũng", "Hiếu", "Thắm", "Lụa", "Quỳnh", "Giang", "Xuyến", "Oanh", "Yến", "Bích", "Sơn", "Tùng", "Cường", "Mỹ", "Huệ"}
)

// bigClass is a class of n generated trainees and the given sessions, the last two not held yet.
func bigClass(trainees, sessions int) reports.ClassDoc {
	return reports.ClassDoc{Org: data.DefaultOrganisation(), Date: docDate, Grid: grid(generated(trainees), weekdays(sessions), sessions-2)}
}

// generated returns n trainees; every seventh misses some sessions and one has left.
func generated(n int) []trainee {
	ts := make([]trainee, n)
	for i := range ts {
		middle := middles[i/len(families)%len(middles)]
		ts[i] = trainee{
			name:   families[i%len(families)] + " " + middle + " " + givens[(i*7)%len(givens)],
			female: strings.HasPrefix(middle, "Thị"), birth: born(1970+i%35, time.Month(1+i%12), 1+i%28), score: 40 + i%60,
		}
		if i%7 == 3 {
			ts[i].absent = []int{1, 2, 3, 5, 8, 13, 21, 34}
			ts[i].late = []int{4, 6}
			ts[i].excused = []int{7}
		}
		if i == 10 {
			ts[i].withdrawn = withdrawnOn
		}
	}
	return ts
}

type classWriter func(io.Writer, reports.ClassDoc) error

var classDocs = map[string]classWriter{
	"roster":     reports.WriteClassRosterPDF,
	"attendance": reports.WriteAttendanceSheetPDF,
	"results":    reports.WriteClassResultsPDF,
}

func write(t testing.TB, w classWriter, d reports.ClassDoc) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := w(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdfPages returns the text of each page, laid out.
func pdfPages(t *testing.T, pdf []byte) []string {
	t.Helper()
	return strings.Split(strings.TrimSuffix(poppler(t, pdf, "pdftotext", "-layout"), "\f"), "\f")
}

// raw returns the text in drawing order, white space collapsed.
func raw(t *testing.T, pdf []byte) string {
	t.Helper()
	return spaces.ReplaceAllString(poppler(t, pdf, "pdftotext", "-raw"), " ")
}

// names returns the full names of the roster in NFC, in its order.
func names(d reports.ClassDoc) []string {
	var ns []string
	for _, v := range d.Grid.Roster {
		ns = append(ns, norm.NFC.String(v.TraineeName.Full()))
	}
	return ns
}

// wantAll reports every text of want that is not in text.
func wantAll(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s: no %q in\n%s", what, w, text)
		}
	}
}

// wantOrder checks that the texts appear in text in their order.
func wantOrder(t *testing.T, what, text string, ordered []string) {
	t.Helper()
	at := 0
	for _, s := range ordered {
		i := strings.Index(text[at:], s)
		if i < 0 {
			t.Errorf("%s: %q is not after the names before it", what, s)
			return
		}
		at += i + len(s)
	}
}

var classHead = []string{
	"SỞ CÔNG THƯƠNG HÀ NỘI", "TRUNG TÂM KHUYẾN CÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
	"Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 28 tháng 11 năm 2026",
	"Lớp truyền nghề mây tre đan xuất khẩu (LH-2026-007)", "Loại lớp: Truyền nghề", "Ngành nghề: Mây tre đan",
	"Đơn vị phối hợp: Hợp tác xã Mây tre đan Phú Vinh", "Địa điểm: Nhà văn hóa thôn Phú Vinh, xã Phú Nghĩa",
	"Thời gian: từ 02/03/2026 đến 29/05/2026", "Số giờ học: 160 giờ", "Giảng viên: Nghệ nhân Nguyễn Văn Ước",
}

func TestClassRosterPDF(t *testing.T) {
	d := hardClass()
	pdf := write(t, reports.WriteClassRosterPDF, d)
	layout := poppler(t, pdf, "pdftotext", "-layout")
	wantAll(t, "roster", layout, classHead...)
	wantAll(t, "roster", layout, reports.ClassRosterTitle, "STT", "Họ và tên", "Ngày sinh", "Nơi sinh", "Số CCCD", "Ghi chú",
		"Tổng số: 8 học viên (trong đó 1 học viên thôi học).", "GIÁM ĐỐC", "Trần Thị Thu Hằng")
	text := raw(t, pdf)
	wantAll(t, "roster", text, "Nguyễn Thị Ánh Tuyết", "Đặng Văn Đức", "Lò Thị Ỷ", "Hồ Sỹ Ước", "Phạm Thị Ngọc Ánh",
		"04/05/1990", "31/12/1985", "09/01/2001", "Thái Bình", "Thôi học 16/03/2026", "Nam", "Nữ", d.Grid.Roster[0].CCCD)
	wantOrder(t, "roster", text, names(d))
	// Sorted by given name: Ánh, Đức, Hường, Khiêm, Toản, Tuyết, Ước, Ỷ.
	if got := names(d); got[0] != "Phạm Thị Ngọc Ánh" || got[1] != "Đặng Văn Đức" || got[7] != "Lò Thị Ỷ" {
		t.Errorf("the test roster is not in Vietnamese order: %q", got)
	}
	if strings.Contains(text, norm.NFD.String("Đức")) {
		t.Error("decomposed text reached the PDF")
	}
	// The withdrawn trainee's note is on the trainee's row.
	if row := "7 Hồ Sỹ Ước Nam 20/07/1978 Hà Nội 001078100003 Thôi học 16/03/2026 8 Lò Thị Ỷ"; !strings.Contains(text, row) {
		t.Errorf("no row %q in\n%s", row, text)
	}
}

func TestAttendanceSheetPDF(t *testing.T) {
	d := hardClass()
	pdf := write(t, reports.WriteAttendanceSheetPDF, d)
	pages := pdfPages(t, pdf)
	all := strings.Join(pages, "\f")
	wantAll(t, "attendance", all, classHead...)
	wantAll(t, "attendance", all, reports.AttendanceSheetTitle, "Ký tên", reports.AttendanceLegend, "GIẢNG VIÊN",
		"(Ký, ghi rõ họ tên)", "Buổi 1–10 (từ 02/03/2026 đến 13/03/2026)", "Buổi 11–20 (từ 16/03/2026 đến 27/03/2026)")
	for _, s := range d.Grid.Sessions {
		if date := s.Date.String()[:5]; !strings.Contains(all, date) {
			t.Errorf("no column for the session of %s", date)
		}
	}
	// Every mark is on its trainee's rows: Lò Thị Ỷ missed six of twenty, Nguyễn Thị Ánh
	// Tuyết was late once, Lý Thị Hường excused once, Hồ Sỹ Ước left after 16/03.
	for name, want := range map[string]map[string]int{
		"Lò Thị Ỷ":             {"x": 14, "v": 6},
		"Nguyễn Thị Ánh Tuyết": {"x": 19, "m": 1},
		"Lý Thị Hường":         {"x": 19, "p": 1},
		"Hồ Sỹ Ước":            {"x": 11},
		"Vũ Đình Khiêm":        {"x": 19, "v": 1},
	} {
		got := map[string]int{}
		for _, line := range strings.Split(all, "\n") {
			if i := strings.Index(line, name); i >= 0 {
				for _, f := range strings.Fields(line[i+len(name):]) {
					got[f]++
				}
			}
		}
		for mark, n := range want {
			if got[mark] != n {
				t.Errorf("%s: %d × %q, want %d (row marks %v)", name, got[mark], mark, n, got)
			}
		}
	}
	text := raw(t, pdf)
	// Each run of sessions lists the whole class again, in order.
	for _, n := range names(d) {
		if c := strings.Count(text, n+" "); c != 2 {
			t.Errorf("%s is on %d runs of sessions, want 2", n, c)
		}
	}
	wantOrder(t, "attendance", text, append(names(d), names(d)...))
	wantAll(t, "attendance", text, "Nghệ nhân Nguyễn Văn Ước")
}

func TestAttendanceSheetPDFPages(t *testing.T) {
	d := bigClass(60, 40)
	pdf := write(t, reports.WriteAttendanceSheetPDF, d)
	pages := pdfPages(t, pdf)
	if len(pages) < 6 {
		t.Fatalf("60 trainees × 40 sessions on %d pages", len(pages))
	}
	ns := names(d)
	for i, page := range pages {
		wantAll(t, "page "+strconv.Itoa(i+1), page, "STT", "Họ và tên", "Ký tên")
		wantPageNumber(t, i, page)
		if !slices.ContainsFunc(ns, func(n string) bool { return strings.Contains(page, n) }) {
			t.Errorf("page %d names no trainee:\n%s", i+1, page)
		}
		if i > 0 && strings.Contains(page, "CỘNG HÒA") {
			t.Errorf("page %d repeats the document header", i+1)
		}
	}
	all := strings.Join(pages, "\f")
	wantAll(t, "attendance", all, "Buổi 1–14 (từ", "Buổi 15–27 (từ", "Buổi 28–40 (từ", reports.AttendanceSheetTitle+" (tiếp theo)")
	for _, s := range d.Grid.Sessions {
		if date := s.Date.String()[:5]; !strings.Contains(all, date) {
			t.Errorf("no column for the session of %s", date)
		}
	}
	text := raw(t, pdf)
	for _, n := range ns {
		if c := strings.Count(text, n+" "); c != 3 {
			t.Errorf("%s is on %d runs of sessions, want 3", n, c)
		}
	}
	last := pages[len(pages)-1]
	wantAll(t, "the last page", last, "GIẢNG VIÊN", "Ký hiệu:")
	// No text is set below 7 pt: the smallest words are the session dates, at 7.5 pt.
	if min := smallestText(t, pdf); min < 7.4 {
		t.Errorf("text set at %.1f pt", min)
	}
}

// smallestText returns the height of the lowest word of the PDF in points, its font size near
// enough (Liberation Serif's ascent and descent make the box 1.107 times the size).
func smallestText(t *testing.T, pdf []byte) float64 {
	t.Helper()
	out := poppler(t, pdf, "pdftotext", "-bbox")
	re := regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">`)
	smallest := 100.0
	words := re.FindAllStringSubmatch(out, -1)
	if len(words) == 0 {
		t.Fatalf("no words in\n%s", out)
	}
	for _, m := range words {
		y0, _ := strconv.ParseFloat(m[1], 64)
		y1, _ := strconv.ParseFloat(m[2], 64)
		smallest = min(smallest, (y1-y0)/1.107)
	}
	return smallest
}

func TestClassResultsPDF(t *testing.T) {
	d := hardClass()
	pdf := write(t, reports.WriteClassResultsPDF, d)
	layout := poppler(t, pdf, "pdftotext", "-layout")
	wantAll(t, "results", layout, classHead...)
	wantAll(t, "results", layout, reports.ClassResultsTitle, "Xếp loại", "Kết quả", "Điểm",
		"Tổng số học viên: 8 (trong đó 1 học viên thôi học).", "Số học viên đạt: 4/7 học viên.", "Tỷ lệ đạt: 57,1%.",
		"GIÁM ĐỐC", "Trần Thị Thu Hằng")
	text := raw(t, pdf)
	wantOrder(t, "results", text, names(d))
	for _, row := range []string{
		`Nguyễn Thị Ánh Tuyết 04/05/1990 20/20 100 7,5 Khá Đạt`,
		`Đặng Văn Đức 31/12/1985 20/20 100 8,0 Giỏi Đạt`,
		`Lò Thị Ỷ 09/01/2001 14/20 70 6,5 Trung bình khá Vắng 6/20 buổi`,
		`Hồ Sỹ Ước 20/07/1978 11/20 55 Thôi học từ 16/03/2026`,
		`Lý Thị Hường 28/02/1995 19/20 95 4,5 Không đạt Điểm 4,5 dưới điểm đạt 5,0`,
		`Trần Quốc Toản 15/08/1999 20/20 100 9,2 Xuất sắc Đạt`,
		`Vũ Đình Khiêm 03/03/1969 19/20 95 Chưa có điểm`,
	} {
		if !strings.Contains(text, row) {
			t.Errorf("no row %q in\n%s", row, text)
		}
	}
}

func TestClassPDFFonts(t *testing.T) {
	for name, w := range classDocs {
		checkFonts(t, name, write(t, w, hardClass()))
	}
}

func TestClassPDFDeterministic(t *testing.T) {
	for name, w := range classDocs {
		d := bigClass(25, 30)
		a, b := write(t, w, d), write(t, w, bigClass(25, 30))
		if !bytes.Equal(a, b) {
			t.Errorf("%s: the same class gave different PDF bytes", name)
		}
		d.Date = d.Date.AddDays(1)
		if bytes.Equal(a, write(t, w, d)) {
			t.Errorf("%s: another date gave the same PDF bytes", name)
		}
	}
}

func TestClassPDFEmptyAndInvalid(t *testing.T) {
	d := hardClass()
	d.Grid = grid(nil, nil, 0)
	for name, w := range classDocs {
		pages := pdfPages(t, write(t, w, d))
		if len(pages) != 1 || !strings.Contains(pages[0], "LH-2026-007") {
			t.Errorf("%s of an empty class:\n%s", name, strings.Join(pages, "\f"))
		}
	}
	for name, w := range classDocs {
		if err := w(io.Discard, reports.ClassDoc{Org: data.DefaultOrganisation(), Date: docDate}); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s without a class: %v, want EINVALID", name, err)
		}
		d := hardClass()
		d.Org.Name = ""
		if err := w(io.Discard, d); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%s without the centre's name: %v, want EINVALID", name, err)
		}
	}
}

// TestClassPDFLook writes the three lists of a class of 60 trainees and 40 sessions, and a
// picture of the first page of each, into $REPORTS_LOOK, for a person to look at.
func TestClassPDFLook(t *testing.T) {
	dir := lookDir(t)
	d := hardClass()
	d.Grid = grid(append(hardTrainees(), generated(52)...), weekdays(40), 38)
	for name, w := range classDocs {
		look(t, dir, "class-"+name, write(t, w, d), false)
	}
}

func BenchmarkClassRosterPDF(b *testing.B) {
	d := bigClass(60, 40)
	for b.Loop() {
		if err := reports.WriteClassRosterPDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAttendanceSheetPDF60x40(b *testing.B) {
	d := bigClass(60, 40)
	for b.Loop() {
		if err := reports.WriteAttendanceSheetPDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkClassResultsPDF(b *testing.B) {
	d := bigClass(60, 40)
	for b.Loop() {
		if err := reports.WriteClassResultsPDF(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
