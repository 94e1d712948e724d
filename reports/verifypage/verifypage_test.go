package verifypage_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/internal/qr"
	"khuyencong/reports/verifypage"
)

var key = ed25519.NewKeyFromSeed([]byte("khuyen-cong-ha-noi-test-seed-32b"))

// page is a page with two keys (one rotated out) and a list of one revoked certificate.
func page() verifypage.Page {
	made := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	entries := []data.Revocation{{Serial: "KC-2026-000002", Status: data.CertRevoked, On: "29/11/2026", Reason: "Cấp nhầm </script> người"}}
	text := data.RevocationListText(made, entries)
	pub := key.Public().(ed25519.PublicKey)
	old := ed25519.NewKeyFromSeed([]byte("the-centre-s-first-key-seed-32by")).Public().(ed25519.PublicKey)
	keys := []data.SigningKey{
		{ID: 1, Public: old, From: time.Date(2025, 1, 2, 3, 0, 0, 0, time.UTC), Until: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)},
		{ID: 2, Public: pub, From: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)},
	}
	return verifypage.Page{Centre: "TRUNG TÂM KHUYẾN CÔNG <HÀ NỘI> & TƯ VẤN", Keys: keys,
		Revocations: &data.RevocationList{Made: made, Entries: entries, Text: text, Public: pub, Signature: ed25519.Sign(key, []byte(text)), Keys: keys}}
}

// TestWrite: the folder holds the page, under 60 KB with its script, fallback and keys, asking
// nothing of any other site, the centre's name escaped and every key with its dates; and
// thu-hoi.json, whose signed text comes back byte for byte and verifies.
func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "xac-thuc")
	p := page()
	if err := verifypage.Write(dir, p); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, verifypage.PageFile))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	t.Logf("index.html: %d bytes", len(b))
	if len(b) >= 60<<10 {
		t.Errorf("index.html is %d bytes, want < 60 KB", len(b))
	}
	if strings.Contains(html, "{{") {
		t.Errorf("a placeholder is left: %s", regexp.MustCompile(`\{\{[A-Z_]*\}\}`).FindString(html))
	}
	if !strings.Contains(html, "TRUNG TÂM KHUYẾN CÔNG &lt;HÀ NỘI&gt; &amp; TƯ VẤN") {
		t.Error("the centre's name is not in the page, escaped")
	}
	// No address of another site: no src= or href= at all, and no http(s) address outside the
	// licence's comment (the CSP allows only the page's own site besides).
	code := regexp.MustCompile(`(?s)<!--.*?-->`).ReplaceAllString(html, "")
	if m := regexp.MustCompile(`(?i)\b(src|href)\s*=|https?://`).FindString(code); m != "" {
		t.Errorf("the page refers to another resource: %q", m)
	}
	if !strings.Contains(html, `"den":"2026-06-01T00:00:00Z"`) || !strings.Contains(html, base64.StdEncoding.EncodeToString(p.Keys[1].Public)) {
		t.Error("the keys and their dates are not in the page")
	}

	b, err = os.ReadFile(filepath.Join(dir, verifypage.RevocationsFile))
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ Du_lieu, Khoa, Chu_ky string }
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	sig, _ := base64.RawURLEncoding.DecodeString(f.Chu_ky)
	if f.Du_lieu != p.Revocations.Text || !ed25519.Verify(key.Public().(ed25519.PublicKey), []byte(f.Du_lieu), sig) {
		t.Fatalf("thu-hoi.json does not carry the signed text and its signature:\n%s", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the folder holds %d files, want the page and the list (no temporary file left)", len(entries))
	}

	if err := verifypage.Write(dir, verifypage.Page{Centre: "X", Revocations: p.Revocations}); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("a page without keys: %v, want EINVALID", err)
	}
}

// TestLinkQR measures the QR code of a certificate's link with the page's address: its version
// and the size of its modules on A4 (40 mm) and on the card (×0.64).
func TestLinkQR(t *testing.T) {
	c := data.CertificateContent{Serial: "KC-2026-000123", TraineeName: "Nguyễn Thị Ánh Tuyết", BirthDate: vn.Date{Year: 1980, Month: 4, Day: 1},
		ClassCode: "LH-2026-001", IssuedOn: vn.Date{Year: 2026, Month: 11, Day: 28}}
	for _, address := range []string{"", "https://khuyencong.hanoi.gov.vn/xac-thuc"} {
		link := data.CertificateLink(address, data.SignCertificate(c, key))
		code, err := qr.Encode(link)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%q: %d bytes, version %d (%d modules), module %.2f mm on A4, %.2f mm on the card",
			address, len(link), (code.Size-17)/4, code.Size, 40/float64(code.Size), 40*min(190.0/297, 135.0/210)/float64(code.Size))
	}
}
