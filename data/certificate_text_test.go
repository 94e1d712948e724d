package data_test

import (
	"crypto/ed25519"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// testKey is a fixed signing key, so that texts are the same on every run.
var testKey = ed25519.NewKeyFromSeed([]byte("khuyen-cong-ha-noi-test-seed-32b"))

func testContent() data.CertificateContent {
	return data.CertificateContent{
		Serial: "KC-2026-000123", TraineeName: "Nguyễn Thị Ánh Tuyết", BirthDate: vn.Date{Year: 1980, Month: time.April, Day: 1},
		ClassCode: "LH-2026-001", IssuedOn: vn.Date{Year: 2026, Month: time.November, Day: 28},
	}
}

func TestSignCertificate(t *testing.T) {
	text := data.SignCertificate(testContent(), testKey)
	const signed = "KC1|KC-2026-000123|Nguyễn Thị Ánh Tuyết|01/04/1980|LH-2026-001|28/11/2026"
	if !strings.HasPrefix(text, signed+"|") || len(text) != len(signed)+1+86 {
		t.Fatalf("text %q", text)
	}
	ct, err := data.ParseCertificateText(text)
	if err != nil {
		t.Fatal(err)
	}
	want := data.CertificateText{Serial: "KC-2026-000123", Name: "Nguyễn Thị Ánh Tuyết", BirthDate: "01/04/1980", ClassCode: "LH-2026-001", IssuedOn: "28/11/2026", Signed: signed}
	ct2 := ct
	ct2.Signature = nil
	if ct2.Serial != want.Serial || ct2.Name != want.Name || ct2.BirthDate != want.BirthDate || ct2.ClassCode != want.ClassCode || ct2.IssuedOn != want.IssuedOn || ct2.Signed != want.Signed {
		t.Fatalf("parsed %+v", ct)
	}
	if !ct.VerifiedBy(testKey.Public().(ed25519.PublicKey)) {
		t.Fatal("signature does not verify")
	}
	other := ed25519.NewKeyFromSeed([]byte("another-centre-another-seed-32by"))
	if ct.VerifiedBy(other.Public().(ed25519.PublicKey)) || ct.VerifiedBy(nil) {
		t.Fatal("verified by another key")
	}
	if ct.String() != text {
		t.Fatalf("String %q, want %q", ct.String(), text)
	}

	// Decomposed input is signed in NFC; a name of 80 characters is kept whole.
	c := testContent()
	c.TraineeName = "Nguye\u0302\u0303n Thi\u0323 A\u0301nh Tuye\u0302\u0301t"
	if got := data.SignCertificate(c, testKey); got != text {
		t.Fatalf("decomposed name signed as %q", got)
	}
	c.TraineeName = strings.Repeat("Ngô ", 19) + "Ỷ La"
	ct, err = data.ParseCertificateText(data.SignCertificate(c, testKey))
	if err != nil || ct.Name != c.TraineeName || !ct.VerifiedBy(testKey.Public().(ed25519.PublicKey)) {
		t.Fatalf("80-character name: %+v, %v", ct, err)
	}
}

func TestParseCertificateText_Altered(t *testing.T) {
	text := data.SignCertificate(testContent(), testKey)
	pub := testKey.Public().(ed25519.PublicKey)
	for _, alt := range []string{
		strings.Replace(text, "Tuyết", "Tuyết", 1), // same: control
		strings.Replace(text, "000123", "000124", 1),
		strings.Replace(text, "Ánh", "Ảnh", 1),
		strings.Replace(text, "01/04/1980", "01/04/1981", 1),
		strings.Replace(text, "28/11/2026", "29/11/2026", 1),
	}[1:] {
		ct, err := data.ParseCertificateText(alt)
		if err != nil {
			t.Fatalf("%q: %v", alt, err)
		}
		if ct.VerifiedBy(pub) {
			t.Fatalf("altered text verified: %q", alt)
		}
	}
	// One character of the signature changed.
	b := []byte(text)
	if b[len(b)-5] == 'A' {
		b[len(b)-5] = 'B'
	} else {
		b[len(b)-5] = 'A'
	}
	if ct, err := data.ParseCertificateText(string(b)); err != nil || ct.VerifiedBy(pub) {
		t.Fatalf("altered signature: %v", err)
	}
}

func TestParseCertificateText_Errors(t *testing.T) {
	text := data.SignCertificate(testContent(), testKey)
	sig := text[strings.LastIndexByte(text, '|')+1:]
	for _, tt := range []struct{ name, in, words string }{
		{"Empty", "  ", "mã trống"},
		{"OtherFormat", "https://example.com/x", "giấy tờ khác"},
		{"Version2", strings.Replace(text, "KC1|", "KC2|", 1), "phải bắt đầu bằng"},
		{"Truncated", text[:40], "phải có đúng 7"},
		{"ExtraField", strings.Replace(text, "|LH-2026-001|", "|LH|2026-001|", 1), "phải có đúng 7"},
		{"NoSerial", strings.Replace(text, "KC-2026-000123", "", 1), "thiếu số hiệu"},
		{"NoName", strings.Replace(text, "Nguyễn Thị Ánh Tuyết", "", 1), "thiếu họ tên"},
		{"SpacedName", strings.Replace(text, "Nguyễn Thị Ánh Tuyết", " Nguyễn Thị Ánh Tuyết", 1), "không ở dạng chuẩn"},
		{"Decomposed", strings.Replace(text, "Ánh", "A\u0301nh", 1), "không ở dạng chuẩn"},
		{"Control", strings.Replace(text, "Ánh", "Á\tnh", 1), "ký tự điều khiển"},
		{"ShortDate", strings.Replace(text, "01/04/1980", "1/4/1980", 1), "ngày sinh \"1/4/1980\" không đúng dạng"},
		{"ISODate", strings.Replace(text, "28/11/2026", "2026-11-28", 1), "ngày cấp"},
		{"ImpossibleDate", strings.Replace(text, "01/04/1980", "31/02/1980", 1), "ngày sinh"},
		{"PaddedSig", text + "==", "chữ ký"},
		{"ShortSig", strings.TrimSuffix(text, sig) + sig[:80], "chữ ký"},
		{"StdBase64", strings.TrimSuffix(text, sig) + strings.NewReplacer("-", "+", "_", "/").Replace(sig) + "+", "chữ ký"},
		{"TooLong", text + strings.Repeat("x", data.MaxCertificateTextLen), "quá 1024 byte"},
		{"NotUTF8", "KC1|\xff|a|01/01/2000|b|01/01/2026|" + sig, "UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := data.ParseCertificateText(tt.in)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tt.words) {
				t.Fatalf("error %v, want EINVALID containing %q", err, tt.words)
			}
		})
	}
}

func TestValidateCertificateText(t *testing.T) {
	for _, tt := range []struct {
		name  string
		edit  func(*data.CertificateContent)
		words string
	}{
		{"Pipe", func(c *data.CertificateContent) { c.TraineeName = "Ngô|Ỷ La" }, "có dấu |"},
		{"PipeInCode", func(c *data.CertificateContent) { c.ClassCode = "LH|1" }, "Mã lớp"},
		{"NoName", func(c *data.CertificateContent) { c.TraineeName = " " }, "Họ tên học viên không được để trống"},
		{"Control", func(c *data.CertificateContent) { c.TraineeName = "Ngô\nLa" }, "ký tự điều khiển"},
		{"NoBirth", func(c *data.CertificateContent) { c.BirthDate = vn.Date{} }, "thiếu ngày sinh"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := testContent()
			tt.edit(&c)
			err := data.ValidateCertificateText(c)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tt.words) {
				t.Fatalf("error %v, want EINVALID containing %q", err, tt.words)
			}
		})
	}
	if err := data.ValidateCertificateText(testContent()); err != nil {
		t.Fatal(err)
	}
}

func FuzzParseCertificateText(f *testing.F) {
	text := data.SignCertificate(testContent(), testKey)
	f.Add(text)
	f.Add(strings.Replace(text, "Ánh", "Ảnh", 1))
	f.Add("KC1|||||||")
	f.Add("KC1|a|b|01/01/2000|c|31/12/2026|" + strings.Repeat("A", 86))
	f.Add("")
	f.Add(data.CertificateLink("https://kc.example.vn/xac-thuc", text))
	f.Add("https://kc.example.vn/#KC1%7Cx")
	f.Add("http://a/#" + strings.ReplaceAll(text, "|", "%7c"))
	f.Fuzz(func(t *testing.T, s string) {
		ct, err := data.ParseCertificateText(s)
		if err != nil {
			if data.ErrorCode(err) != data.EINVALID {
				t.Fatalf("error %v is not EINVALID", err)
			}
			return
		}
		if got := ct.String(); got != strings.TrimSpace(s) {
			t.Fatalf("re-serialised %q, want %q", got, strings.TrimSpace(s))
		}
		rebuilt := strings.Join([]string{data.CertificateTextFormat, ct.Serial, ct.Name, ct.BirthDate, ct.ClassCode, ct.IssuedOn}, "|")
		if rebuilt != ct.Signed {
			t.Fatalf("fields %q, signed part %q", rebuilt, ct.Signed)
		}
		again, err := data.ParseCertificateText(ct.String())
		if err != nil || again.String() != ct.String() || again.Address != ct.Address {
			t.Fatalf("parse again: %v", err)
		}
		if ct.Address != "" && data.ValidateVerifyAddress(ct.Address) != nil {
			t.Fatalf("link to %q accepted", ct.Address)
		}
	})
}
