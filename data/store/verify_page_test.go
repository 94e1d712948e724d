package store_test

import (
	"crypto/ed25519"
	"testing"

	"khuyencong/data"
	"khuyencong/data/vn"
)

func TestVerifyAddress(t *testing.T) {
	db := MustOpenDB(t)
	if got, err := db.VerifyAddress(ctx); err != nil || got != "" {
		t.Fatalf("new database: %q, %v", got, err)
	}
	if err := db.SaveVerifyAddress(ctx, "  https://khuyencong.hanoi.gov.vn/xac-thuc \n"); err != nil {
		t.Fatal(err)
	}
	if got, err := db.VerifyAddress(ctx); err != nil || got != "https://khuyencong.hanoi.gov.vn/xac-thuc" {
		t.Fatalf("saved: %q, %v", got, err)
	}
	AssertError(t, db.SaveVerifyAddress(ctx, "https://a.vn/x#y"), data.EINVALID, "không được có dấu #")
	AssertError(t, db.SetSetting(ctx, "store.verify_address", "ftp://x"), data.EINVALID, "không dùng được")
	if err := db.SaveVerifyAddress(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.VerifyAddress(ctx); got != "" {
		t.Fatalf("cleared: %q", got)
	}
}

// TestSignRevocationList: the list names the revoked and the re-issued certificates, with the
// reason and the new serial, and carries the key's signature over its text; without the
// passphrase nothing is signed.
func TestSignRevocationList(t *testing.T) {
	db, certs := issuedDB(t)
	if _, err := db.RevokeCertificate(ctx, certs[1].ID, certs[1].Version, vn.Date{}, "Cấp nhầm người"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ReissueCertificate(ctx, certs[2].ID, certs[2].Version, vn.Date{}, "Sai ngày sinh"); err != nil {
		t.Fatal(err)
	}
	l, err := db.SignRevocationList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []data.Revocation{
		{Serial: certs[1].Content.Serial, Status: data.CertRevoked, On: "28/11/2026", Reason: "Cấp nhầm người"},
		{Serial: certs[2].Content.Serial, Status: data.CertReplaced, On: "28/11/2026", Reason: "Sai ngày sinh", ReplacedBy: "KC-2026-000004"},
	}
	if len(l.Entries) != len(want) || l.Entries[0] != want[0] || l.Entries[1] != want[1] {
		t.Fatalf("entries %+v, want %+v", l.Entries, want)
	}
	if got, want := l.Text, data.RevocationListText(db.Now(), want); got != want {
		t.Fatalf("text %s, want %s", got, want)
	}
	pub, err := db.PublicKey(ctx)
	if err != nil || !pub.Equal(l.Public) || !ed25519.Verify(pub, []byte(l.Text), l.Signature) {
		t.Fatalf("not signed by the key in use (%v)", err)
	}
	if len(l.Keys) != 1 || !l.Keys[0].Public.Equal(pub) {
		t.Fatalf("keys %+v", l.Keys)
	}
	_, err = db.SignRevocationList(withPassphrase("mật khẩu ký sai rồi"))
	AssertError(t, err, data.EFORBIDDEN, "Mật khẩu ký không đúng")
}
