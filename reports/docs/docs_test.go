package docs_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// seeded is the instant the sample is laid out around (three classes started in 2025, eight in
// 2026, one planned for 2027); printed is the store's clock when the documents are printed, a
// few days later, so that a document dated by anything but the builder's clock shows it.
var (
	seeded  = time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)
	printed = time.Date(2026, 12, 3, 15, 30, 0, 0, time.Local)
)

// dateLine is how the documents printed on the pinned clock date themselves.
var dateLine = "Hà Nội, " + vn.DateOf(printed).Long()

// mustSeed opens a new database in t.TempDir() with the demo sample loaded on the clock seeded,
// then moves its clock to printed.
func mustSeed(t *testing.T) (*store.DB, context.Context) {
	t.Helper()
	ctx := data.WithUser(context.Background(), "tester")
	db, err := store.Create(filepath.Join(t.TempDir(), "docs.db"))
	if err != nil {
		t.Fatal(err)
	}
	storetest.AddAdmin(t, db, "tester")
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return seeded }
	if _, err := demo.Load(ctx, struct{ data.EnterpriseService }{db}, db, 300, 1); err != nil {
		t.Fatal(err)
	}
	svc := demo.ServicesOf(db, db.Now)
	if _, err := demo.Training(ctx, svc, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fairs(ctx, svc, 1); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return printed }
	return db, ctx
}

// builderOf is the builder over every service of db, on its clock.
func builderOf(db *store.DB) docs.Builder {
	return docs.Builder{Settings: db, Classes: db, Attendance: db, Certificates: db, Fairs: db,
		Enterprises: db, Trainees: db, Divisions: db, Now: db.Now}
}

// pdfText writes a PDF to a file and reads its text back with pdftotext (poppler-utils): a
// document's check must not pass unnoticed on a machine without it.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed to read the documents back: apt-get install poppler-utils")
	}
	out, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// xlsxText returns every cell of every sheet of a workbook, a line per row, cells joined by tabs.
func xlsxText(t *testing.T, b []byte) string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	var all strings.Builder
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			all.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return all.String()
}

// contains fails the test for each of want that text lacks, whatever the spaces and line breaks
// (a long name wraps in its cell).
func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("no %q in the %s:\n%s", w, what, text)
		}
	}
}

// build runs write into a buffer and returns the bytes. The same call again must give the same
// PDF, byte for byte, and a workbook with the same cells (excelize numbers a workbook's styles in
// no fixed order, so its bytes vary).
func build(t *testing.T, write func(w *bytes.Buffer) error) []byte {
	t.Helper()
	var a, b bytes.Buffer
	if err := write(&a); err != nil {
		t.Fatal(err)
	}
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	switch {
	case bytes.HasPrefix(a.Bytes(), []byte("%PDF-")):
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Fatal("the same PDF built twice on the same clock differs")
		}
	case xlsxText(t, a.Bytes()) != xlsxText(t, b.Bytes()):
		t.Fatal("the same workbook built twice on the same clock holds other cells")
	}
	return a.Bytes()
}

func TestBuilder(t *testing.T) {
	db, ctx := mustSeed(t)
	b := builderOf(db)

	class, err := db.FindClassByCode(ctx, "LH-2025-002")
	if err != nil {
		t.Fatal(err)
	}
	grid, err := db.AttendanceGrid(ctx, class.ID)
	if err != nil || len(grid.Roster) < 20 {
		t.Fatalf("roster of %s: %v", class.Code, err)
	}
	trainee := grid.Roster[len(grid.Roster)/2].TraineeName.Full()

	t.Run("ClassRoster", func(t *testing.T) {
		pdf := build(t, func(w *bytes.Buffer) error { return b.ClassRoster(ctx, class.ID, w) })
		contains(t, "roster", pdfText(t, pdf, "-layout"), "DANH SÁCH HỌC VIÊN", class.Code, class.Name, trainee, dateLine)
	})
	t.Run("AttendanceSheet", func(t *testing.T) {
		pdf := build(t, func(w *bytes.Buffer) error { return b.AttendanceSheet(ctx, class.ID, w) })
		contains(t, "attendance sheet", pdfText(t, pdf, "-layout"), "BẢNG ĐIỂM DANH", class.Code, trainee, "Ký hiệu: x – có mặt", dateLine)
	})
	t.Run("ClassResults", func(t *testing.T) {
		pdf := build(t, func(w *bytes.Buffer) error { return b.ClassResults(ctx, class.ID, w) })
		contains(t, "results sheet", pdfText(t, pdf, "-layout"), "BẢNG KẾT QUẢ HỌC TẬP", class.Code, trainee, dateLine)
	})
	t.Run("ErrClassNotFound", func(t *testing.T) {
		if err := b.ClassRoster(ctx, 999999, &bytes.Buffer{}); data.ErrorCode(err) != data.ENOTFOUND {
			t.Fatalf("err=%v, want ENOTFOUND", err)
		}
	})

	// A class of the sample whose certificates were issued.
	certified := data.ClassCertified
	classes, err := db.FindClasses(ctx, data.ClassFilter{Status: &certified})
	if err != nil || len(classes) == 0 {
		t.Fatalf("no certified class in the sample (%v)", err)
	}
	done := classes[0]
	certs, err := b.ClassCertificates(ctx, done.ID)
	if err != nil || len(certs) == 0 {
		t.Fatalf("certificates of %s: %d, %v", done.Code, len(certs), err)
	}
	year := certs[0].Content.RegisterYear

	t.Run("ClassCertificates", func(t *testing.T) {
		for _, c := range certs {
			if c.Status != data.CertIssued || c.Content.ClassCode != done.Code {
				t.Errorf("%s: %s of %s, want certificates in force of %s", c.Content.Serial, c.Status, c.Content.ClassCode, done.Code)
			}
		}
	})
	t.Run("CertificatesPDF", func(t *testing.T) {
		pdf := build(t, func(w *bytes.Buffer) error { return b.CertificatesPDF(ctx, certs, docs.PaperOfSettings, w) })
		text := pdfText(t, pdf)
		if n := strings.Count(text, "\f"); n != len(certs) {
			t.Errorf("%d pages, want one per certificate (%d)", n, len(certs))
		}
		contains(t, "certificates", text, certs[0].Content.Serial, certs[0].Content.TraineeName, certs[len(certs)-1].Content.TraineeName,
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")

		// The settings' paper is A4 landscape; the small card is asked for, or set in the settings.
		a4 := pageSize(t, pdf)
		small := pageSize(t, build(t, func(w *bytes.Buffer) error { return b.CertificatesPDF(ctx, certs[:1], docs.PaperSmall, w) }))
		if a4 != "841.89 x 595.28 pts (A4)" || !strings.HasPrefix(small, "538.58 x 382.68 pts") {
			t.Errorf("page sizes %q and %q, want A4 landscape and 190 × 135 mm", a4, small)
		}
		s, err := db.CertificateSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s.SmallFormat = true
		if err := db.SaveCertificateSettings(ctx, s); err != nil {
			t.Fatal(err)
		}
		defer func() { s.SmallFormat = false; db.SaveCertificateSettings(ctx, s) }()
		if got := pageSize(t, build(t, func(w *bytes.Buffer) error { return b.CertificatesPDF(ctx, certs[:1], docs.PaperOfSettings, w) })); got != small {
			t.Errorf("with the small card set, page size %q, want %q", got, small)
		}
		if got := pageSize(t, build(t, func(w *bytes.Buffer) error { return b.CertificatesPDF(ctx, certs[:1], docs.PaperA4, w) })); got != a4 {
			t.Errorf("A4 asked for, page size %q, want %q", got, a4)
		}
	})
	t.Run("ErrCertificatesNone", func(t *testing.T) {
		if err := b.CertificatesPDF(ctx, nil, docs.PaperA4, &bytes.Buffer{}); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("err=%v, want EINVALID", err)
		}
	})

	t.Run("Register", func(t *testing.T) {
		byYear := data.CertificateFilter{Year: &year, Limit: 3} // the window's paging is ignored
		pdf := build(t, func(w *bytes.Buffer) error { return b.Register(ctx, byYear, docs.PDF, w) })
		n, err := db.CountCertificates(ctx, data.CertificateFilter{Year: &year})
		if err != nil || n <= 3 {
			t.Fatalf("%d certificates in %d (%v), want more than a page of the window's list", n, year, err)
		}
		text := pdfText(t, pdf)
		contains(t, "register", text, "SỔ CẤP CHỨNG CHỈ NĂM "+strconv.Itoa(year), certs[0].Content.Serial, certs[0].Content.TraineeName, dateLine,
			"Khóa công khai kiểm tra mã QR: ")
		last, err := db.FindCertificates(ctx, data.CertificateFilter{Year: &year, Offset: n - 1, Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		contains(t, "register", text, last[0].Content.Serial)

		byClass := data.CertificateFilter{ClassID: &done.ID}
		xlsx := build(t, func(w *bytes.Buffer) error { return b.Register(ctx, byClass, docs.XLSX, w) })
		contains(t, "register's workbook", xlsxText(t, xlsx), "SỔ CẤP CHỨNG CHỈ LỚP "+done.Code, certs[0].Content.Serial)
		both := data.CertificateFilter{ClassID: &done.ID, Year: &year}
		pdf = build(t, func(w *bytes.Buffer) error { return b.Register(ctx, both, docs.PDF, w) })
		contains(t, "register", pdfText(t, pdf), "SỔ CẤP CHỨNG CHỈ LỚP "+done.Code+" NĂM "+strconv.Itoa(year))
	})
	t.Run("ErrRegisterEmpty", func(t *testing.T) {
		y := 2019
		err := b.Register(ctx, data.CertificateFilter{Year: &y}, docs.PDF, &bytes.Buffer{})
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "Sổ trống") || !strings.Contains(data.ErrorMessage(err), "năm 2019") {
			t.Fatalf("err=%v, want EINVALID saying the register of 2019 is empty", err)
		}
	})
	t.Run("ErrRegisterFormat", func(t *testing.T) {
		err := b.Register(ctx, data.CertificateFilter{Year: &year}, docs.Format(".doc"), &bytes.Buffer{})
		if data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("err=%v, want EINVALID", err)
		}
	})

	fair, err := db.FindFairByCode(ctx, "HC-2025-002")
	if err != nil {
		t.Fatal(err)
	}
	bookings, err := db.FairBookings(ctx, fair.ID)
	if err != nil || len(bookings) == 0 {
		t.Fatalf("bookings of %s: %v", fair.Code, err)
	}
	booked := bookings[0] // active ones come first
	if !booked.Status.Active() || len(booked.Booths) == 0 {
		t.Fatalf("the first booking of %s (%s) holds no booth", fair.Code, booked.EnterpriseName)
	}

	t.Run("FairParticipants", func(t *testing.T) {
		pdf := build(t, func(w *bytes.Buffer) error { return b.FairParticipants(ctx, fair.ID, docs.PDF, w) })
		contains(t, "participants", pdfText(t, pdf), "DANH SÁCH DOANH NGHIỆP THAM GIA", fair.Name, booked.EnterpriseName, booked.Booths[0], dateLine)
		xlsx := build(t, func(w *bytes.Buffer) error { return b.FairParticipants(ctx, fair.ID, docs.XLSX, w) })
		contains(t, "participants' workbook", xlsxText(t, xlsx), booked.EnterpriseName, booked.Booths[0])
	})
	t.Run("FairSettlement", func(t *testing.T) {
		pdf := build(t, func(w *bytes.Buffer) error { return b.FairSettlement(ctx, fair.ID, docs.PDF, w) })
		contains(t, "settlement", pdfText(t, pdf), "BẢNG TỔNG HỢP KINH PHÍ HỖ TRỢ", "TỔNG CỘNG", fair.Name, booked.EnterpriseName, dateLine)
		xlsx := build(t, func(w *bytes.Buffer) error { return b.FairSettlement(ctx, fair.ID, docs.XLSX, w) })
		contains(t, "settlement's workbook", xlsxText(t, xlsx), booked.EnterpriseName)
	})
	t.Run("BookingConfirmation", func(t *testing.T) {
		pdf := build(t, func(w *bytes.Buffer) error { return b.BookingConfirmation(ctx, fair.ID, booked.ID, w) })
		contains(t, "letter", pdfText(t, pdf), booked.EnterpriseName, fair.Name, booked.Booths[0], dateLine)
	})
	t.Run("ErrFairNotFound", func(t *testing.T) {
		for name, err := range map[string]error{
			"settlement":   b.FairSettlement(ctx, 999999, docs.PDF, &bytes.Buffer{}),
			"participants": b.FairParticipants(ctx, 999999, docs.XLSX, &bytes.Buffer{}),
			"letter":       b.BookingConfirmation(ctx, 999999, booked.ID, &bytes.Buffer{}),
			"booking":      b.BookingConfirmation(ctx, fair.ID, 999999, &bytes.Buffer{}),
		} {
			if data.ErrorCode(err) != data.ENOTFOUND {
				t.Errorf("%s: err=%v, want ENOTFOUND", name, err)
			}
		}
	})

	t.Run("EnterpriseList", func(t *testing.T) {
		ward := "00577" // xã Bát Tràng
		f := data.EnterpriseFilter{Search: "gốm", WardCode: &ward, Limit: 1}
		rows, err := db.FindEnterprises(ctx, data.EnterpriseFilter{Search: "gốm", WardCode: &ward})
		if err != nil || len(rows) < 2 {
			t.Fatalf("%d enterprises of pottery in Bát Tràng (%v), want a few", len(rows), err)
		}
		pdf := build(t, func(w *bytes.Buffer) error { return b.EnterpriseList(ctx, f, docs.PDF, w) })
		contains(t, "enterprise list", pdfText(t, pdf, "-raw"), "DANH SÁCH DOANH NGHIỆP", "Lọc theo: tìm “gốm”; xã Bát Tràng",
			rows[0].Name, rows[len(rows)-1].Name, dateLine)
		xlsx := build(t, func(w *bytes.Buffer) error { return b.EnterpriseList(ctx, f, docs.XLSX, w) })
		contains(t, "enterprise workbook", xlsxText(t, xlsx), rows[len(rows)-1].Name, "Lọc theo: tìm “gốm”; xã Bát Tràng")
	})

	t.Run("DatedByTheBuildersClock", func(t *testing.T) {
		later := b
		later.Now = func() time.Time { return printed.AddDate(0, 1, 0) }
		var buf bytes.Buffer
		if err := later.ClassRoster(ctx, class.ID, &buf); err != nil {
			t.Fatal(err)
		}
		contains(t, "roster", pdfText(t, buf.Bytes(), "-layout"), "Hà Nội, "+vn.DateOf(printed.AddDate(0, 1, 0)).Long())
	})
}

// pageSize returns what pdfinfo says of the first page's size, e.g. "841.89 x 595.28 pts (A4)".
func pageSize(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "size.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(l, "Page size:"); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("pdfinfo gave no page size:\n%s", out)
	return ""
}

func TestKindFormatOf(t *testing.T) {
	for _, tc := range []struct {
		kind docs.Kind
		path string
		want docs.Format
	}{
		{docs.KindClassRoster, "ds.pdf", docs.PDF},
		{docs.KindClassRoster, "/tmp/DS LỚP.PDF", docs.PDF},
		{docs.KindRegister, "so.xlsx", docs.XLSX},
		{docs.KindFairSettlement, "bang.XLSX", docs.XLSX},
		{docs.KindEnterpriseList, "dn.pdf", docs.PDF},
	} {
		if got, err := tc.kind.FormatOf(tc.path); err != nil || got != tc.want {
			t.Errorf("%s.FormatOf(%q) = %q, %v; want %q", tc.kind, tc.path, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		kind       docs.Kind
		path, want string
	}{
		{docs.KindClassRoster, "ds.txt", "phải có đuôi .pdf, ví dụ ds.pdf"},
		{docs.KindClassRoster, "ds.xlsx", "danh sách học viên ghi ra PDF"},
		{docs.KindCertificates, "chung-chi", "ví dụ chung-chi.pdf"},
		{docs.KindRegister, "so.doc", "đuôi .pdf hoặc .xlsx, ví dụ so.pdf hoặc so.xlsx"},
	} {
		_, err := tc.kind.FormatOf(tc.path)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
			t.Errorf("%s.FormatOf(%q): err=%v, want EINVALID saying %q", tc.kind, tc.path, err, tc.want)
		}
	}
}

func TestKindFileName(t *testing.T) {
	if got, want := docs.KindClassRoster.FileName("LH-2026-001", docs.PDF), "danh-sach-hoc-vien-LH-2026-001.pdf"; got != want {
		t.Errorf("FileName=%q, want %q", got, want)
	}
	if got, want := docs.KindEnterpriseList.FileName("", docs.XLSX), "doanh-nghiep.xlsx"; got != want {
		t.Errorf("FileName=%q, want %q", got, want)
	}
}
