package reports_test

import (
	"bytes"
	"crypto/ed25519"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports"
)

// longTraineeName has 80 characters.
const longTraineeName = "Công Tằng Tôn Nữ Hoàng Thị Ngọc Bích Phương Thảo Nguyễn Lê Trần Phạm Vũ Anh Thùy"

func TestLongTraineeNameLength(t *testing.T) {
	if n := utf8.RuneCountInString(longTraineeName); n != 80 {
		t.Fatalf("the long name has %d characters, want 80", n)
	}
}

// testKey is a centre's signing key, made from a fixed seed.
var testKey = ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))

// cert returns a certificate's content as issuing makes it, number n of the year.
func cert(n int, name string, birth vn.Date) data.CertificateContent {
	serial := fmt.Sprintf("KC-2026-%06d", n)
	issued := vn.Date{Year: 2026, Month: time.November, Day: 28}
	return data.CertificateContent{
		Title:           "CHỨNG CHỈ",
		ParentAuthority: "SỞ CÔNG THƯƠNG HÀ NỘI",
		Centre:          "TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN PHÁT TRIỂN CÔNG NGHIỆP HÀ NỘI",
		City:            "Hà Nội",
		TraineeName:     name,
		BirthDate:       birth,
		BirthPlace:      "Phú Xuyên, Hà Nội",
		Trade:           "Mây tre đan",
		ClassName:       "Lớp truyền nghề mây tre đan xuất khẩu",
		ClassCode:       "LH-2026-007",
		ClassKind:       "Truyền nghề",
		Start:           vn.Date{Year: 2026, Month: time.March, Day: 2},
		End:             vn.Date{Year: 2026, Month: time.May, Day: 29},
		Hours:           160,
		Grade:           "Khá",
		Serial:          serial,
		RegisterNo:      n,
		RegisterYear:    2026,
		IssuedOn:        issued,
		DecisionNo:      "125/QĐ-TTKC",
		DecisionDate:    vn.Date{Year: 2026, Month: time.November, Day: 20},
		SignerTitle:     "GIÁM ĐỐC",
		SignerName:      "Trần Văn Bình",
	}
}

// signed returns c with its QR text signed, as issuing does.
func signed(c data.CertificateContent) data.CertificateContent {
	c.VerifyText = data.SignCertificate(c, testKey)
	return c
}

func hardCerts() []data.CertificateContent {
	a := cert(123, "Nguyễn Thị Ánh Tuyết", born(1990, time.May, 4))
	b := cert(124, "Ỷ La", born(2001, time.January, 9))
	b.Grade = ""
	b.Replaces = "KC-2026-000042"
	c := cert(125, longTraineeName, born(1978, time.July, 20))
	c.Title = "GIẤY CHỨNG NHẬN"
	return []data.CertificateContent{signed(a), signed(b), signed(c)}
}

func writeCerts(t testing.TB, certs []data.CertificateContent, f reports.CertificateFormat) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := reports.WriteCertificatesPDF(&buf, certs, f); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestCertificatePDFText(t *testing.T) {
	certs := hardCerts()
	pdf := writeCerts(t, certs, reports.A4Landscape)
	pages := pdfPages(t, pdf)
	if len(pages) != 3 {
		t.Fatalf("3 certificates gave %d pages", len(pages))
	}
	for i, c := range certs[:2] {
		text := strings.Join(strings.Fields(pages[i]), " ")
		wantAll(t, "certificate "+c.Serial, text,
			"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
			"SỞ CÔNG THƯƠNG HÀ NỘI", "CHỨNG CHỈ", "Cấp cho: "+c.TraineeName,
			"Sinh ngày: "+c.BirthDate.String(), "Nơi sinh: Phú Xuyên, Hà Nội",
			"Đã hoàn thành khóa học: Lớp truyền nghề mây tre đan xuất khẩu", "Nghề: Mây tre đan",
			"Thời gian: từ 02/03/2026 đến 29/05/2026 (160 giờ)",
			"Hà Nội, ngày 28 tháng 11 năm 2026", "GIÁM ĐỐC", "Trần Văn Bình",
			"Số hiệu: "+c.Serial, "Số vào sổ: "+c.RegisterLabel(), "Quyết định số 125/QĐ-TTKC ngày 20/11/2026",
			reports.QRCaption)
	}
	if !strings.Contains(pages[0], "Xếp loại: Khá") {
		t.Error("the grade is missing")
	}
	if strings.Contains(pages[1], "Xếp loại") {
		t.Error("a certificate without a grade prints Xếp loại")
	}
	if !strings.Contains(pages[1], "Cấp lại cho số hiệu KC-2026-000042") || strings.Contains(pages[0], "Cấp lại") {
		t.Error("the re-issue note is wrong")
	}
	if !strings.Contains(pages[2], "GIẤY CHỨNG NHẬN") {
		t.Error("the third certificate's title is missing")
	}
}

// TestCertificateLongName: an 80-character name is printed whole, on at most two lines, inside
// the frame, in both formats.
func TestCertificateLongName(t *testing.T) {
	for _, f := range []reports.CertificateFormat{reports.A4Landscape, reports.SmallCard} {
		c := signed(cert(7, longTraineeName, born(1980, time.June, 1)))
		pdf := writeCerts(t, []data.CertificateContent{c}, f)
		text := raw(t, pdf)
		if !strings.Contains(text, longTraineeName) {
			// Two lines come out with a line break (a space) between them: check the words in order.
			if !strings.Contains(text, strings.Join(strings.Fields(longTraineeName), " ")) {
				t.Errorf("format %d: the long name is not whole in:\n%s", f, text)
			}
		}
		// Every word of the name lies inside the page's inner frame.
		bbox := poppler(t, pdf, "pdftotext", "-bbox")
		w, h := 297.0, 210.0
		if f == reports.SmallCard {
			w, h = 190, 135
		}
		for _, word := range strings.Fields(longTraineeName) {
			xMin, yMin, xMax, yMax, ok := wordBox(bbox, word)
			if !ok {
				t.Errorf("format %d: word %q not found", f, word)
				continue
			}
			const ptPerMM = 72 / 25.4
			if xMin < 12*ptPerMM || xMax > (w-12)*ptPerMM || yMin < 12*ptPerMM || yMax > (h-12)*ptPerMM {
				t.Errorf("format %d: word %q at %.0f,%.0f–%.0f,%.0f pt is outside the frame", f, word, xMin, yMin, xMax, yMax)
			}
		}
	}
}

// wordBox finds a word in pdftotext -bbox output and returns its box, in pt.
func wordBox(bbox, word string) (xMin, yMin, xMax, yMax float64, ok bool) {
	for _, line := range strings.Split(bbox, "\n") {
		if !strings.Contains(line, ">"+word+"</word>") {
			continue
		}
		_, err := fmt.Sscanf(strings.TrimSpace(line), `<word xMin="%f" yMin="%f" xMax="%f" yMax="%f">`, &xMin, &yMin, &xMax, &yMax)
		return xMin, yMin, xMax, yMax, err == nil
	}
	return 0, 0, 0, 0, false
}

func TestCertificatePDFFonts(t *testing.T) {
	out := poppler(t, writeCerts(t, hardCerts(), reports.A4Landscape), "pdffonts")
	var found int
	for _, line := range strings.Split(out, "\n") {
		if !strings.Contains(strings.ToLower(line), "liberationserif") {
			continue
		}
		found++
		f := strings.Fields(line)
		if emb := f[len(f)-5]; emb != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
	if found != 3 {
		t.Errorf("want Liberation Serif regular, bold and italic, got\n%s", out)
	}
}

// TestCertificatePDFDeterministic: the same certificates give the same bytes, however many
// processors encode the QR codes and compress the pages.
func TestCertificatePDFDeterministic(t *testing.T) {
	certs := append(hardCerts(), hardCerts()...)
	for _, f := range []reports.CertificateFormat{reports.A4Landscape, reports.SmallCard} {
		a, b := writeCerts(t, certs, f), writeCerts(t, certs, f)
		if !bytes.Equal(a, b) {
			t.Errorf("format %d: two writes of the same certificates differ", f)
		}
		procs := runtime.GOMAXPROCS(1)
		one := writeCerts(t, certs, f)
		runtime.GOMAXPROCS(procs)
		if !bytes.Equal(a, one) {
			t.Errorf("format %d: on one processor the certificates come out otherwise", f)
		}
	}
}

// TestCertificatePDFChecks: qpdf finds nothing wrong in the file the compressed streams and
// rewritten cross-reference table make, in either format.
func TestCertificatePDFChecks(t *testing.T) {
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Fatal("qpdf is not installed: apt-get install qpdf")
	}
	for _, f := range []reports.CertificateFormat{reports.A4Landscape, reports.SmallCard} {
		in := filepath.Join(t.TempDir(), "c.pdf")
		if err := os.WriteFile(in, writeCerts(t, hardCerts(), f), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("qpdf", "--check", in).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") || strings.Contains(string(out), "WARNING") {
			t.Errorf("format %d: qpdf --check: %v\n%s", f, err, out)
		}
	}
}

func nfdString(s string) string { return norm.NFD.String(s) }

func TestCertificateNFD(t *testing.T) {
	c := signed(cert(9, "Nguyễn Thị Ánh Tuyết", born(1990, time.May, 4)))
	nfd := c
	nfd.TraineeName = nfdString(c.TraineeName)
	nfd.Trade = nfdString(c.Trade)
	a, b := writeCerts(t, []data.CertificateContent{c}, reports.A4Landscape), writeCerts(t, []data.CertificateContent{nfd}, reports.A4Landscape)
	if !bytes.Equal(a, b) {
		t.Error("NFD input prints differently from NFC")
	}
}

func TestCertificateInvalid(t *testing.T) {
	var buf bytes.Buffer
	if err := reports.WriteCertificatesPDF(&buf, nil, reports.A4Landscape); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("no certificates: %v", err)
	}
	c := cert(1, "Ỷ La", born(2001, time.January, 9))
	if err := reports.WriteCertificatesPDF(&buf, []data.CertificateContent{c}, reports.A4Landscape); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("no QR text: %v", err)
	}
	c.VerifyText = strings.Repeat("x", 2332) // more than the largest QR code holds
	if err := reports.WriteCertificatesPDF(&buf, []data.CertificateContent{c}, reports.A4Landscape); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("a QR text too long: %v", err)
	}
	if buf.Len() != 0 {
		t.Error("something was written")
	}
}

// TestCertificateQRDecodes renders each page as an image, as a phone's camera would see it:
// the A4 page at 90 dpi, the card at 120. Debian's zbarimg in its default mode (which guesses
// Shift-JIS for a text that does not declare UTF-8) and gozxing, told nothing of the encoding,
// read the QR code back to the signed text, and the text verifies.
func TestCertificateQRDecodes(t *testing.T) {
	certs := hardCerts()
	for _, tc := range []struct {
		format reports.CertificateFormat
		dpi    string
	}{{reports.A4Landscape, "90"}, {reports.SmallCard, "120"}} {
		pdf := writeCerts(t, certs, tc.format)
		pages := renderPNGs(t, pdf, tc.dpi)
		if len(pages) != len(certs) {
			t.Fatalf("format %d: %d pages rendered", tc.format, len(pages))
		}
		for i, page := range pages {
			for decoder, got := range map[string]string{"zbarimg": zbarimg(t, page), "gozxing": decodeQR(t, page)} {
				if got != certs[i].VerifyText {
					t.Errorf("format %d page %d: %s reads\n%q\nwant\n%q", tc.format, i+1, decoder, got, certs[i].VerifyText)
				}
				if txt, err := data.ParseCertificateText(got); err != nil || !txt.VerifiedBy(testKey.Public().(ed25519.PublicKey)) || txt.Name != certs[i].TraineeName {
					t.Errorf("format %d page %d: the QR text %s reads does not verify: %v", tc.format, i+1, decoder, err)
				}
			}
		}
	}
}

// zbarimg reads the QR code of a PNG file with Debian's zbarimg, in its default mode.
func zbarimg(t *testing.T, png string) string {
	t.Helper()
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Fatal("zbarimg is not installed, so the QR codes cannot be read back as a phone would: apt-get install zbar-tools")
	}
	out, err := exec.Command("zbarimg", "-q", png).Output()
	if err != nil {
		t.Fatalf("zbarimg %s: no QR code read: %v", png, err)
	}
	text, ok := strings.CutPrefix(strings.TrimSuffix(string(out), "\n"), "QR-Code:")
	if !ok {
		t.Fatalf("zbarimg %s: %q", png, out)
	}
	return text
}

// renderPNGs renders the PDF's pages with pdftoppm as PNG files and returns their paths.
func renderPNGs(t *testing.T, pdf []byte, dpi string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Fatal("pdftoppm is not installed, so the QR codes cannot be read back: apt-get install poppler-utils")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", dpi, "-png", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	return files
}

// decodeQR reads the QR code of a PNG file with gozxing.
func decodeQR(t *testing.T, file string) string {
	t.Helper()
	r, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(r)
	r.Close()
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("no QR code read: %v", err)
	}
	return res.GetText()
}

// TestCertificateLook renders a certificate of each format and a register into $REPORTS_LOOK
// for a person to look at.
func TestCertificateLook(t *testing.T) {
	dir := lookDir(t)
	look(t, dir, "certificate", writeCerts(t, hardCerts(), reports.A4Landscape), false)
	look(t, dir, "card", writeCerts(t, hardCerts(), reports.SmallCard), false)
	look(t, dir, "register", writeRegister(t, registerDoc(30)), false)
}

// BenchmarkCertificates1000 writes the certificates of a class of a thousand, the issue's
// measure: 0.4 s, 2 KB a page.
func BenchmarkCertificates1000(b *testing.B) { benchmarkCertificates(b, 1000) }

// BenchmarkCertificates60 writes a class's certificates, what "In tất cả chứng chỉ" writes.
func BenchmarkCertificates60(b *testing.B) { benchmarkCertificates(b, 60) }

func benchmarkCertificates(b *testing.B, n int) {
	certs := make([]data.CertificateContent, n)
	names := []string{"Nguyễn Thị Ánh Tuyết", "Ỷ La", "Đặng Văn Đức", "Trần Quốc Toản", longTraineeName}
	for i := range certs {
		certs[i] = signed(cert(i+1, names[i%len(names)], born(1970+i%30, time.Month(1+i%12), 1+i%28)))
	}
	var buf bytes.Buffer // kept from run to run, as the file kc writes is not the writer's cost
	for b.Loop() {
		buf.Reset()
		if err := reports.WriteCertificatesPDF(&buf, certs, reports.A4Landscape); err != nil {
			b.Fatal(err)
		}
	}
	size := buf.Len()
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(size)/float64(n), "B/page")
}
