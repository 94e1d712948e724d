package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khuyencong/data"
	"khuyencong/reports/verifypage"
)

// TestVerifyPageSettings: the address is checked as it is typed and by the store, saved, and the
// page is written into a folder after the signing passphrase.
func TestVerifyPageSettings(t *testing.T) {
	base, db := newTestMain(t)
	svc := base.Services
	svc.Keys = db
	m := NewMain(base.App, svc)
	base.Window.Close()
	m.Window.Resize(fyne.NewSize(1280, 760))
	m.Window.Show()
	const passphrase = "bi-mat-ky-123"
	if err := db.SetSigningPassphrase(data.WithUser(context.Background(), "tester"), "", passphrase); err != nil {
		t.Fatal(err)
	}
	s := newVerifyPageSettings(m)
	if s.address.Text != "" || s.saveB.Disabled() || s.writeB.Disabled() {
		t.Fatalf("a new database has no address (%q), and the administrator may save and write", s.address.Text)
	}

	test.Type(s.address, "khuyencong.hanoi.gov.vn/xac-thuc")
	if err := s.address.Validate(); err == nil || !strings.Contains(err.Error(), "https://") {
		t.Fatalf("an address without https:// validates as typed: %v", err)
	}
	test.Tap(s.saveB)
	waitFor(t, func() bool { return strings.Contains(overlayText(m), "phải bắt đầu bằng https://") })
	closeDialogs(m)
	if a, _ := db.VerifyAddress(m.ctx()); a != "" {
		t.Fatalf("a refused address was saved: %q", a)
	}

	s.address.SetText(" https://khuyencong.hanoi.gov.vn/xac-thuc ")
	test.Tap(s.saveB)
	waitFor(t, func() bool {
		return strings.Contains(overlayText(m), "Đã lưu. Mã QR in từ nay sẽ mở https://khuyencong.hanoi.gov.vn/xac-thuc.")
	})
	closeDialogs(m)
	if a, _ := db.VerifyAddress(m.ctx()); a != "https://khuyencong.hanoi.gov.vn/xac-thuc" || s.address.Text != a {
		t.Fatalf("saved %q, shown %q", a, s.address.Text)
	}

	dir := filepath.Join(t.TempDir(), "trang")
	s.write(dir)
	test.Type(promptEntry(t, m), passphrase)
	tapButton(t, m, "Ký")
	waitFor(t, func() bool { return strings.Contains(overlayText(m), "Đã ghi index.html và thu-hoi.json vào "+dir) })
	for _, name := range []string{verifypage.PageFile, verifypage.RevocationsFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the folder lacks %s: %v", name, err)
		}
	}
}

// TestVerifyScreenLink: Tra cứu takes what a phone's camera reads from a card printed with the
// page's address, the link, as it takes the bare text, and finds an altered link forged.
func TestVerifyScreenLink(t *testing.T) {
	f := newCertFixture(t)
	f.setSigner(t)
	if res := f.issue(t, "125/QĐ-TTKC"); res == nil {
		t.Fatalf("issuing refused:\n%s", overlayText(f.m))
	}
	v := newVerifyScreen(f.m)
	f.m.Window.SetContent(v.Content())
	text := f.certOf(t, "tuyet").Content.VerifyText
	for _, tt := range []struct {
		link string
		want data.Verdict
	}{
		{data.CertificateLink("https://khuyencong.hanoi.gov.vn/xac-thuc", text), data.VerdictValid},
		{data.CertificateLink("https://khuyencong.hanoi.gov.vn/xac-thuc", strings.Replace(text, "Tuyết", "Tuyệt", 1)), data.VerdictForged},
	} {
		v.input.SetText(tt.link)
		v.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if v.result == nil || v.result.Verdict != tt.want {
			t.Fatalf("%s: %+v (%s), want %s", tt.link, v.result, v.message.Text, tt.want)
		}
	}
}
