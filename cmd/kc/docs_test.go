package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// pdfText reads a PDF file's text back with pdftotext (poppler-utils), failing the test when it
// is not installed: a document's check must not pass unnoticed.
func pdfText(t *testing.T, path string, args ...string) []byte {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is needed to read the documents back: apt-get install poppler-utils")
	}
	text, err := exec.Command("pdftotext", append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return text
}

// TestDocsSameAsBuilder is issue 9's acceptance test on kc's side: each document kc writes is
// byte for byte what the builder the window calls writes from the same database on the same clock.
func TestDocsSameAsBuilder(t *testing.T) {
	dir, db, st, sample := seededSample(t)
	ctx := context.Background()
	// The builder as the window makes it, from its services and the st's clock.
	b := docs.Builder{Settings: st, Classes: st, Attendance: st, Certificates: st, Fairs: st,
		Enterprises: st, Trainees: st, Divisions: st, Programmes: st, Villages: st, Now: st.Now}

	class, err := st.FindClassByCode(ctx, "LH-2025-002")
	if err != nil {
		t.Fatal(err)
	}
	certified := data.ClassCertified
	done, err := st.FindClasses(ctx, data.ClassFilter{Status: &certified})
	if err != nil || len(done) == 0 {
		t.Fatalf("no certified class in the sample (%v)", err)
	}
	fair, err := st.FindFairByCode(ctx, "HC-2025-002")
	if err != nil {
		t.Fatal(err)
	}
	year := now.Year()
	ward := "00577"

	for _, tc := range []struct {
		name  string
		args  []string // kc's command, before -o
		file  string
		build func(w io.Writer) error
		title string // a line of the document
	}{
		{"ClassRoster", []string{"classes", "roster", class.Code}, "ds.pdf",
			func(w io.Writer) error { return b.ClassRoster(ctx, class.ID, w) }, "DANH SÁCH HỌC VIÊN"},
		{"Register", []string{"certs", "register"}, "so.pdf", // the year defaults to the st's
			func(w io.Writer) error { return b.Register(ctx, data.CertificateFilter{Year: &year}, docs.PDF, w) }, "SỔ CẤP CHỨNG CHỈ NĂM 2026"},
		{"RegisterOfClass", []string{"certs", "register", "--class", done[0].Code}, "so-lop.pdf",
			func(w io.Writer) error {
				return b.Register(ctx, data.CertificateFilter{ClassID: &done[0].ID}, docs.PDF, w)
			},
			"SỔ CẤP CHỨNG CHỈ LỚP " + done[0].Code},
		{"FairSettlement", []string{"fairs", "settlement", fair.Code}, "tong-hop.pdf",
			func(w io.Writer) error { return b.FairSettlement(ctx, fair.ID, docs.PDF, w) }, "BẢNG TỔNG HỢP KINH PHÍ HỖ TRỢ"},
		{"AttendanceSheet", []string{"classes", "attendance", class.Code}, "diem-danh.pdf",
			func(w io.Writer) error { return b.AttendanceSheet(ctx, class.ID, w) }, "BẢNG ĐIỂM DANH"},
		{"ClassResults", []string{"classes", "results", class.Code}, "ket-qua.pdf",
			func(w io.Writer) error { return b.ClassResults(ctx, class.ID, w) }, "BẢNG KẾT QUẢ HỌC TẬP"},
		{"Certificates", []string{"certs", "print", done[0].Code}, "chung-chi.pdf",
			func(w io.Writer) error {
				certs, err := b.ClassCertificates(ctx, done[0].ID)
				if err != nil {
					return err
				}
				return b.CertificatesPDF(ctx, certs, docs.PaperOfSettings, w)
			}, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"FairParticipants", []string{"fairs", "participants", fair.Code}, "tham-gia.pdf",
			func(w io.Writer) error { return b.FairParticipants(ctx, fair.ID, docs.PDF, w) }, "DANH SÁCH DOANH NGHIỆP THAM GIA"},
		{"EnterpriseList", []string{"enterprises", "export", "--search", "gốm", "--ward", ward}, "dn.pdf",
			func(w io.Writer) error {
				return b.EnterpriseList(ctx, data.EnterpriseFilter{Search: "gốm", WardCode: &ward}, docs.PDF, w)
			}, "Lọc theo: tìm “gốm”; xã Bát Tràng"},
		{"TraineeList", []string{"trainees", "export", "--search", "nguyen"}, "hv.pdf",
			func(w io.Writer) error { return b.TraineeList(ctx, data.TraineeFilter{Search: "nguyen"}, docs.PDF, w) },
			"Lọc theo: tìm “nguyen”"},
		{"ProgrammeSheet", []string{"programmes", "sheet", "ĐA-01/2026"}, "de-an.pdf",
			func(w io.Writer) error { return b.ProgrammeSheet(ctx, sample.programme.ID, docs.PDF, w) }, "THÔNG TIN ĐỀ ÁN KHUYẾN CÔNG"},
		{"ProgrammeProgress", []string{"programmes", "progress", "ĐA-01/2026", "--date", "31/10/2026"}, "tien-do.pdf",
			func(w io.Writer) error {
				return b.ProgrammeProgress(ctx, sample.programme.ID, vn.Date{Year: 2026, Month: time.October, Day: 31}, docs.PDF, w)
			}, "(Tính đến ngày 31/10/2026)"},
		{"VillageHistory", []string{"villages", "history", "Làng nghề thử sơn mài Hạ Thái"}, "lang-nghe.pdf",
			func(w io.Writer) error { return b.VillageHistory(ctx, sample.village.ID, docs.PDF, w) }, "QUÁ TRÌNH NHẬN HỖ TRỢ KHUYẾN CÔNG CỦA LÀNG NGHỀ"},
		{"EnterpriseHistory", []string{"enterprises", "history", strconv.FormatInt(sample.enterprise.ID, 10)}, "ho-tro.pdf",
			func(w io.Writer) error { return b.EnterpriseHistory(ctx, sample.enterprise.ID, docs.PDF, w) }, sample.enterprise.Name},
		{"VillageHistoryXLSX", []string{"villages", "history", strconv.FormatInt(sample.village.ID, 10)}, "lang-nghe.xlsx",
			func(w io.Writer) error { return b.VillageHistory(ctx, sample.village.ID, docs.XLSX, w) }, ""},
		{"ProgrammeSheetXLSX", []string{"programmes", "sheet", "ĐA-04/2026"}, "de-an-04.xlsx",
			func(w io.Writer) error {
				p, err := st.FindProgrammeByCode(ctx, 2026, "ĐA-04/2026")
				if err != nil {
					return err
				}
				return b.ProgrammeSheet(ctx, p.ID, docs.XLSX, w)
			}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			out, err := run(t, append(append([]string{"-db", db}, tc.args...), "-o", path)...)
			if err != nil || strings.TrimSpace(out) != path {
				t.Fatalf("kc: %q, %v", out, err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := tc.build(&want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("kc wrote %d bytes that differ from the builder's %d", len(got), want.Len())
			}
			if strings.HasSuffix(tc.file, ".xlsx") {
				return // the same bytes as the builder's is all a workbook is checked for here
			}
			if text := pdfText(t, path); !strings.Contains(string(text), tc.title) {
				t.Errorf("no %q in %s:\n%s", tc.title, tc.file, text)
			}
		})
	}

	t.Run("Workbooks", func(t *testing.T) {
		for _, args := range [][]string{
			{"fairs", "participants", fair.Code, "-o", filepath.Join(dir, "tham-gia.xlsx")},
			{"enterprises", "export", "-o", filepath.Join(dir, "dn.XLSX")},
			{"trainees", "export", "-o", filepath.Join(dir, "hv.xlsx")},
			{"programmes", "sheet", "đa-01/2026", "-o", filepath.Join(dir, "de-an.xlsx")},
			{"villages", "history", "thử sơn mài", "-o", filepath.Join(dir, "lang-nghe-2.xlsx")},
		} {
			out, err := run(t, append([]string{"-db", db}, args...)...)
			if err != nil {
				t.Fatalf("%v: %v", args, err)
			}
			if b, err := os.ReadFile(strings.TrimSpace(out)); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
				t.Errorf("%v wrote no workbook (%v)", args, err)
			}
		}
	})
}

// TestOutputRefused checks issue 8's item: -o writes only a new file or over a regular one, with
// the extension of the document's format, and says what to fix; a refusal comes before the
// database is opened and leaves what was there as it was.
func TestOutputRefused(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "chua-co.db") // never created: every refusal comes first
	roster := func(path string) []string { return []string{"-db", db, "classes", "roster", "LH-2025-002", "-o", path} }

	old := filepath.Join(dir, "cu.txt")
	if err := os.WriteFile(old, []byte("ghi chú cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "loi-tat.pdf")
	if err := os.Symlink(old, link); err != nil {
		t.Fatalf("cannot make a link to test with: %v", err)
	}

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"Device", roster(os.DevNull), "không phải một tệp thông thường"},
		{"Folder", roster(dir), "là một thư mục"},
		{"Link", roster(link), "lối tắt"},
		{"PDFUnderTxt", roster(filepath.Join(dir, "ds.txt")), "phải có đuôi .pdf, ví dụ " + filepath.Join(dir, "ds.pdf")},
		{"PDFOverExistingTxt", roster(old), "phải có đuôi .pdf"},
		{"NoExtension", roster(filepath.Join(dir, "danh-sach")), "phải có đuôi .pdf"},
		{"CertificatesUnderXlsx", []string{"-db", db, "certs", "print", "LH-2025-003", "-o", filepath.Join(dir, "cc.xlsx")}, "phải có đuôi .pdf"},
		{"RegisterUnderCsv", []string{"-db", db, "certs", "register", "-o", filepath.Join(dir, "so.csv")}, "đuôi .pdf hoặc .xlsx"},
		{"SettlementUnderDoc", []string{"-db", db, "fairs", "settlement", "HC-2025-002", "-o", filepath.Join(dir, "th.doc")}, "đuôi .pdf hoặc .xlsx"},
		{"EnterprisesNoOutput", []string{"-db", db, "enterprises", "export"}, "Thiếu tệp cần ghi"},
		{"AttendanceNoOutput", []string{"-db", db, "classes", "attendance", "LH-2025-002"}, "Thiếu tệp cần ghi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, tc.args...)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
				t.Fatalf("err=%v, want EINVALID saying %q", err, tc.want)
			}
		})
	}

	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Errorf("%s is no longer a device (%v)", os.DevNull, err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced (%v)", err)
	}
	if b, _ := os.ReadFile(old); string(b) != "ghi chú cũ" {
		t.Errorf("the old file holds %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want the old file and the link alone (no database, no document)", names)
	}

	// The writer itself refuses what is not a regular file, should one appear after the check.
	for _, path := range []string{os.DevNull, link, dir} {
		err := docs.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "%PDF-"); return err })
		if data.ErrorCode(err) != data.EINVALID {
			t.Errorf("docs.WriteFile(%s): err=%v, want EINVALID", path, err)
		}
	}
}

// TestOutputDevFull is the case the issue met: kc -o /dev/full made the device a regular file.
func TestOutputDevFull(t *testing.T) {
	const full = "/dev/full"
	if _, err := os.Stat(full); err != nil {
		t.Skipf("%s: %v (not Linux)", full, err)
	}
	db := filepath.Join(t.TempDir(), "chua-co.db")
	_, err := run(t, "-db", db, "fairs", "settlement", "HC-2025-002", "-o", full)
	if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "không phải một tệp thông thường") {
		t.Fatalf("err=%v, want EINVALID saying it is not a regular file", err)
	}
	if fi, err := os.Stat(full); err != nil || fi.Mode()&os.ModeDevice == 0 {
		t.Fatalf("%s is no longer a device (%v)", full, err)
	}
}
