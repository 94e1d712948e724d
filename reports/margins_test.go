package reports_test

import (
	"bytes"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"khuyencong/reports"
)

// Decree 30/2020's margins as the documents set them, mm: top and bottom 20–25, left 30–35,
// right 15–20.
const (
	marginTop, marginBottom, marginLeft, marginRight = 20.0, 20.0, 30.0, 15.0
	ptPerMM                                          = 72 / 25.4
)

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// TestDocumentMargins: on every page of every document, every word lies inside Decree 30's
// margins, except the page number, which the decree puts centred in the top margin from page 2;
// and the place and date are printed once.
func TestDocumentMargins(t *testing.T) {
	big, _ := manyBookings(100)
	fd := fairDoc()
	docs := map[string]func(io.Writer) error{
		"enterprises":    func(w io.Writer) error { return reports.WriteEnterpriseListPDF(w, hardDoc(t)) },
		"enterprises300": func(w io.Writer) error { return reports.WriteEnterpriseListPDF(w, demoDoc(t, 300)) },
		"participants":   func(w io.Writer) error { return reports.WriteFairParticipantsPDF(w, fd) },
		"settlement":     func(w io.Writer) error { return reports.WriteFairSettlementPDF(w, fd) },
		"settlement100":  func(w io.Writer) error { return reports.WriteFairSettlementPDF(w, big) },
		"letter": func(w io.Writer) error {
			return reports.WriteBookingConfirmationPDF(w, fd, fd.Bookings[len(fd.Bookings)-1])
		},
		"register":          func(w io.Writer) error { return reports.WriteRegisterPDF(w, registerDoc(40)) },
		"programmeSheet":    func(w io.Writer) error { return reports.WriteProgrammeSheetPDF(w, programmeDoc()) },
		"programmeSheetBig": func(w io.Writer) error { return reports.WriteProgrammeSheetPDF(w, bigProgramme(40, 60)) },
		"progress":          func(w io.Writer) error { return reports.WriteProgrammeProgressPDF(w, programmeDoc()) },
		"progressBig":       func(w io.Writer) error { return reports.WriteProgrammeProgressPDF(w, bigProgramme(40, 60)) },
		"enterpriseHistory": func(w io.Writer) error { return reports.WriteEnterpriseHistoryPDF(w, enterpriseHistoryDoc()) },
		"villageHistory":    func(w io.Writer) error { return reports.WriteVillageHistoryPDF(w, villageHistoryDoc()) },
	}
	for name, w := range reportWriters(45) {
		docs["report-"+name] = w[0]
	}
	for name, write := range classDocs {
		docs[name] = func(w io.Writer) error { return write(w, hardClass()) }
		docs[name+"60x40"] = func(w io.Writer) error { return write(w, bigClass(60, 40)) }
	}
	for name, write := range docs {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := write(&buf); err != nil {
				t.Fatal(err)
			}
			checkMargins(t, poppler(t, buf.Bytes(), "pdftotext", "-bbox"))
			if n := strings.Count(rawText(t, buf.Bytes()), "Hà Nội, ngày 28 tháng 11 năm 2026"); n != 1 {
				t.Errorf("the place and date are printed %d times, want once (under the national motto)", n)
			}
		})
	}
}

// checkMargins checks the words of pdftotext -bbox output against the margins.
func checkMargins(t *testing.T, bbox string) {
	t.Helper()
	const slack = 0.5 // pt: rounding, and glyphs' side bearings
	pages := bboxPage.FindAllStringSubmatchIndex(bbox, -1)
	if len(pages) == 0 {
		t.Fatal("pdftotext found no page")
	}
	for i, pg := range pages {
		end := len(bbox)
		if i+1 < len(pages) {
			end = pages[i+1][0]
		}
		w, _ := strconv.ParseFloat(bbox[pg[2]:pg[3]], 64)
		h, _ := strconv.ParseFloat(bbox[pg[4]:pg[5]], 64)
		left, right := marginLeft*ptPerMM-slack, w-marginRight*ptPerMM+slack
		top, bottom := marginTop*ptPerMM-slack, h-marginBottom*ptPerMM+slack
		words := bboxWord.FindAllStringSubmatch(bbox[pg[0]:end], -1)
		for _, m := range words {
			var v [4]float64
			for k := range v {
				v[k], _ = strconv.ParseFloat(m[1+k], 64)
			}
			xMin, yMin, xMax, yMax, word := v[0], v[1], v[2], v[3], m[5]
			if word == strconv.Itoa(i+1) && i > 0 && yMax < top && math.Abs((xMin+xMax)/2-(left+right)/2) < 1 {
				continue // the page number, centred in the top margin
			}
			if xMin < left || xMax > right || yMin < top || yMax > bottom {
				t.Errorf("page %d: %q at x %.1f–%.1f mm, y %.1f–%.1f mm is outside the margins (left %.0f, right %.0f, top %.0f, bottom %.0f mm of a %.0f × %.0f mm page)",
					i+1, word, xMin/ptPerMM, xMax/ptPerMM, yMin/ptPerMM, yMax/ptPerMM,
					marginLeft, marginRight, marginTop, marginBottom, w/ptPerMM, h/ptPerMM)
			}
		}
	}
}

// TestPageNumbers: the first page carries no number; every later page its number, alone,
// in the top margin, centred over the text.
func TestPageNumbers(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.WriteEnterpriseListPDF(&buf, demoDoc(t, 300)); err != nil {
		t.Fatal(err)
	}
	bbox := poppler(t, buf.Bytes(), "pdftotext", "-bbox")
	pages := bboxPage.FindAllStringSubmatchIndex(bbox, -1)
	if len(pages) < 3 {
		t.Fatalf("300 enterprises took %d pages", len(pages))
	}
	for i, pg := range pages {
		end := len(bbox)
		if i+1 < len(pages) {
			end = pages[i+1][0]
		}
		w, _ := strconv.ParseFloat(bbox[pg[2]:pg[3]], 64)
		centre := (marginLeft*ptPerMM + w - marginRight*ptPerMM) / 2 // of the text's width
		found := false
		for _, m := range bboxWord.FindAllStringSubmatch(bbox[pg[0]:end], -1) {
			xMin, _ := strconv.ParseFloat(m[1], 64)
			xMax, _ := strconv.ParseFloat(m[3], 64)
			yMax, _ := strconv.ParseFloat(m[4], 64)
			if yMax < marginTop*ptPerMM {
				if i == 0 || m[5] != strconv.Itoa(i+1) || math.Abs((xMin+xMax)/2-centre) > 1 {
					t.Errorf("page %d: %q in the top margin at x %.1f–%.1f mm", i+1, m[5], xMin/ptPerMM, xMax/ptPerMM)
				}
				found = true
			}
		}
		if i > 0 && !found {
			t.Errorf("page %d has no number in the top margin", i+1)
		}
	}
}

// wantPageNumber checks page i's text (pdftotext -layout): the first page starts with the
// document's header, a later one with its number alone on the first line.
func wantPageNumber(t *testing.T, i int, page string) {
	t.Helper()
	first, _, _ := strings.Cut(strings.TrimLeft(page, "\n"), "\n")
	if got, want := strings.TrimSpace(first), strconv.Itoa(i+1); (i == 0) == (got == want) {
		t.Errorf("page %d opens with %q", i+1, first)
	}
}

// rowLine matches the first line of a table row: its number, then more text.
var rowLine = regexp.MustCompile(`(?m)^[ \t]*\d+[ \t]+\S`)

// TestTotalsKeepRows: the totals and signatures of a settlement never stand on a page with fewer
// than three of its rows, however many bookings push them over a page.
func TestTotalsKeepRows(t *testing.T) {
	for n := 20; n <= 60; n += 2 {
		d, s := manyBookings(n)
		pages := pdfPages(t, writeFairPDF(t, reports.WriteFairSettlementPDF, d))
		last := pages[len(pages)-1]
		if rows := len(rowLine.FindAllString(last, -1)); rows < min(3, s.n) || !strings.Contains(last, "TỔNG CỘNG") {
			t.Errorf("%d bookings: the last page has %d rows with the totals:\n%s", n, rows, last)
		}
	}
}
