package data_test

import (
	"strings"
	"testing"
	"time"

	"khuyencong/data"
)

func TestValidateVerifyAddress(t *testing.T) {
	for _, ok := range []string{"", "https://khuyencong.hanoi.gov.vn/xac-thuc", "http://127.0.0.1:8080/", "https://a.vn"} {
		if err := data.ValidateVerifyAddress(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, tt := range []struct{ address, words string }{
		{"khuyencong.hanoi.gov.vn/xac-thuc", "https://"},
		{"ftp://a.vn/x", "https://"},
		{"https://a.vn/x#y", "dấu #"},
		{"https://a.vn/xác-thực", "không dấu"},
		{"https://a.vn/x y", "dấu cách"},
		{"https://", "không phải một địa chỉ"},
		{"https://user:pw@a.vn/", "không phải một địa chỉ"},
		{"https://a.vn/" + strings.Repeat("x", data.MaxVerifyAddressLen), "dài quá"},
	} {
		err := data.ValidateVerifyAddress(tt.address)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tt.words) {
			t.Errorf("%q: %v, want EINVALID saying %q", tt.address, err, tt.words)
		}
	}
}

// TestCertificateLink: a link holds the text percent-encoded after "#", reads back to the same
// fields and signature as the bare text, and only in the one spelling CertificateLink writes.
func TestCertificateLink(t *testing.T) {
	text := data.SignCertificate(testContent(), testKey)
	if got := data.CertificateLink("", text); got != text {
		t.Fatalf("without an address: %q", got)
	}
	const address = "https://khuyencong.hanoi.gov.vn/xac-thuc"
	link := data.CertificateLink(address, text)
	if want := address + "#KC1%7CKC-2026-000123%7CNguy%E1%BB%85n%20Th%E1%BB%8B%20%C3%81nh%20Tuy%E1%BA%BFt%7C01/04/1980%7CLH-2026-001%7C28/11/2026%7C"; !strings.HasPrefix(link, want) {
		t.Fatalf("link %q, want it to start %q", link, want)
	}
	bare, err := data.ParseCertificateText(text)
	if err != nil {
		t.Fatal(err)
	}
	ct, err := data.ParseCertificateText(" " + link + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if ct.Address != address || ct.Signed != bare.Signed || string(ct.Signature) != string(bare.Signature) || ct.Name != "Nguyễn Thị Ánh Tuyết" {
		t.Fatalf("link read as %+v", ct)
	}
	if ct.String() != link {
		t.Fatalf("String %q, want %q", ct.String(), link)
	}
	for _, alt := range []string{
		strings.Replace(link, "%7C", "%7c", 1),           // lower-case escape
		strings.Replace(link, "%7C", "|", 1),             // unescaped separator
		strings.Replace(link, "LH-2026", "LH%2D2026", 1), // escaped where it need not be
		strings.Replace(link, "%E1%BB%85", "%E1%BB", 1),  // broken UTF-8 escape
		strings.Replace(link, "#", "/#", 1) + "#",        // two "#"
		strings.Replace(link, "https://", "https:///", 1),
		address + "#",
		address + "/#" + text,
	} {
		if _, err := data.ParseCertificateText(alt); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("%q: %v, want EINVALID", alt, err)
		}
	}
}

func TestRevocationListText(t *testing.T) {
	made := time.Date(2026, 11, 30, 10, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	got := data.RevocationListText(made, nil)
	if want := `{"loai":"KC-THU-HOI-1","lap_luc":"2026-11-30T03:00:00Z","chung_chi":[]}`; got != want {
		t.Fatalf("empty list %s, want %s", got, want)
	}
	got = data.RevocationListText(made, []data.Revocation{{Serial: "KC-2026-000001", Status: data.CertReplaced, On: "01/12/2026", Reason: "Sai tên \"Ánh\"", ReplacedBy: "KC-2026-000009"}})
	if !strings.Contains(got, `{"so_hieu":"KC-2026-000001","trang_thai":"cap_lai","ngay":"01/12/2026","ly_do":"Sai tên \"Ánh\"","cap_lai_bang":"KC-2026-000009"}`) {
		t.Fatalf("list %s", got)
	}
}
