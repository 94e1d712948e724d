package store_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// realSeal brings back the real Argon2id parameters, for the tests and benchmarks that measure them.
var realSeal func()

// The tests of this package act with the sample signing passphrase and seal keys cheaply (the
// real parameters are measured by TestSealCost); a test of a missing or wrong passphrase sets its
// own with data.WithPassphrase.
func init() {
	realSeal = store.CheapSeal()
	ctx = data.WithPassphrase(ctx, data.SamplePassword)
}

// MustSealKey sets the sample signing passphrase on db unless a key is sealed already.
func MustSealKey(tb testing.TB, db *store.DB) {
	tb.Helper()
	s, err := db.KeyStatus(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	if !s.Sealed {
		if err := db.SetSigningPassphrase(ctx, "", data.SamplePassword); err != nil {
			tb.Fatal(err)
		}
	}
}

// withPassphrase is ctx carrying another signing passphrase ("" for none).
func withPassphrase(p string) context.Context { return data.WithPassphrase(ctx, p) }

func TestSigningPassphrase(t *testing.T) {
	db := MustOpenDB(t)
	if s, err := db.KeyStatus(ctx); err != nil || s.Sealed || s.Unsealed || len(s.Keys) != 0 {
		t.Fatalf("new database: %+v, %v", s, err)
	}
	_, err := db.RotateKey(ctx)
	AssertError(t, err, data.EINVALID, "Chưa có khóa ký", "đặt mật khẩu ký")
	_, err = db.ExportKey(ctx, "mật khẩu tệp khóa")
	AssertError(t, err, data.EINVALID, "Chưa có khóa ký")

	AssertError(t, db.SetSigningPassphrase(ctx, "", "ngắn"), data.EINVALID, "ít nhất 10 ký tự")
	start := time.Now()
	AssertError(t, db.SetSigningPassphrase(ctx, "", strings.Repeat("a", 1<<20)), data.EINVALID, "dài quá 256 ký tự")
	if d := time.Since(start); d > 100*time.Millisecond {
		t.Fatalf("a 1 MB passphrase took %v to refuse: it was hashed", d)
	}

	if err := db.SetSigningPassphrase(ctx, "", "mật khẩu ký thứ nhất"); err != nil {
		t.Fatal(err)
	}
	s, err := db.KeyStatus(ctx)
	if err != nil || !s.Sealed || s.Unsealed || len(s.Keys) != 1 || len(s.Keys[0].Public) != ed25519.PublicKeySize || !s.Keys[0].Until.IsZero() {
		t.Fatalf("after the first passphrase: %+v, %v", s, err)
	}
	if pub, err := db.PublicKey(ctx); err != nil || !pub.Equal(s.Keys[0].Public) {
		t.Fatalf("PublicKey=%x, %v; want the key in use", pub, err)
	}
	// The private half is stored only sealed.
	var sealed []byte
	if err := db.SQL().QueryRow(`SELECT sealed FROM signing_keys`).Scan(&sealed); err != nil || len(sealed) != 24+32+16 {
		t.Fatalf("sealed key of %d bytes, %v", len(sealed), err)
	}
	if n := MustCountWhere(t, db, "settings", "key = 'store.certificate_key'"); n != 0 {
		t.Fatal("a clear key is in the settings")
	}

	AssertError(t, db.SetSigningPassphrase(ctx, "mật khẩu sai rồi", "mật khẩu ký thứ hai"), data.EFORBIDDEN, "Mật khẩu ký hiện tại không đúng")
	if err := db.SetSigningPassphrase(ctx, "mật khẩu ký thứ nhất", "mật khẩu ký thứ hai"); err != nil {
		t.Fatal(err)
	}
	_, err = db.RotateKey(withPassphrase("mật khẩu ký thứ nhất"))
	AssertError(t, err, data.EFORBIDDEN, "Mật khẩu ký không đúng")
	if _, err := db.RotateKey(withPassphrase("mật khẩu ký thứ hai")); err != nil {
		t.Fatal(err)
	}
	if s, _ := db.KeyStatus(ctx); len(s.Keys) != 2 || !s.Keys[0].Until.Equal(s.Keys[1].From) || !s.Sealed {
		t.Fatalf("after rotation: %+v", s)
	}
}

// MustDropTrigger drops the trigger name of table, as a database's owner may with its own tool
// (the server names a trigger with its table).
func MustDropTrigger(tb testing.TB, db *store.DB, name, table string) {
	tb.Helper()
	q := `DROP TRIGGER ` + name
	if db.IsServer() {
		q += ` ON ` + table
	}
	if _, err := db.SQL().Exec(q); err != nil {
		tb.Fatalf("%s: %v", q, err)
	}
}

// MustCountWhere counts the rows of table the condition selects.
func MustCountWhere(tb testing.TB, db *store.DB, table, where string) int {
	tb.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM ` + table + ` WHERE ` + where).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestIssue_Passphrase(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{"Nguyễn Thị Ánh Tuyết", "8,5"}, trainee{"Trần Văn An", "10"})
	before := CertSnapshot(t, db)
	for _, tc := range []struct {
		name, passphrase, want string
	}{
		{"Missing", "", "Cần mật khẩu ký"},
		{"Wrong", "không phải mật khẩu", "Mật khẩu ký không đúng"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := db.IssueCertificates(withPassphrase(tc.passphrase), request(c.ID))
			AssertError(t, err, data.EFORBIDDEN, tc.want, "chưa ghi gì")
			AssertCertsUnchanged(t, db, before)
		})
	}
	certs := mustIssue(t, db, c.ID).Issued
	before = CertSnapshot(t, db)
	_, err := db.RevokeCertificate(withPassphrase("sai mật khẩu ký"), certs[0].ID, certs[0].Version, day(2026, 11, 28), "Cấp nhầm")
	AssertError(t, err, data.EFORBIDDEN, "Mật khẩu ký không đúng")
	_, err = db.ReissueCertificate(withPassphrase(""), certs[0].ID, certs[0].Version, day(2026, 11, 28), "Mất")
	AssertError(t, err, data.EFORBIDDEN, "Cần mật khẩu ký")
	AssertCertsUnchanged(t, db, before)
}

// issuedSealed returns a database with class LH-2026-001 issued to three trainees, its register
// signed, and the key's id.
func issuedSealed(t *testing.T) (*store.DB, []*data.Certificate, int64) {
	t.Helper()
	db, certs := issuedDB(t)
	s, err := db.KeyStatus(ctx)
	if err != nil || len(s.Keys) != 1 {
		t.Fatalf("keys %+v, %v", s, err)
	}
	return db, certs, s.Keys[0].ID
}

// rowText and rowHash are the register row's seal as the README writes it.
func rowText(year, no int, serial, contentHash, prev string, keyID int64) string {
	return fmt.Sprintf("KC-SO1\n%d\n%d\n%s\n%s\n%s\n%d", year, no, serial, contentHash, prev, keyID)
}

func rowHash(text, signature string) string {
	h := sha256.Sum256([]byte(text + "\n" + signature))
	return hex.EncodeToString(h[:])
}

// lastRowHash computes, from its columns, the hash of the last row of 2026's register.
func lastRowHash(t *testing.T, db *store.DB) (int, string) {
	t.Helper()
	var no int
	var serial, hash, prev, sig string
	var keyID int64
	if err := db.SQL().QueryRow(`SELECT register_no, serial, hash, prev_hash, signature, key_id FROM certificates
		WHERE register_year = 2026 ORDER BY register_no DESC LIMIT 1`).Scan(&no, &serial, &hash, &prev, &sig, &keyID); err != nil {
		t.Fatal(err)
	}
	return no, rowHash(rowText(2026, no, serial, hash, prev, keyID), sig)
}

// TestForgedRow is the attack of issue 12: with a copy of the file only, a certificate signed by
// a key of the forger's and inserted as the next register row, chained to the last one as the
// README says. Whichever key the row names, it is forged, and register check names it.
func TestForgedRow(t *testing.T) {
	_, forger, _ := ed25519.GenerateKey(nil)
	for _, tc := range []struct {
		name, want string
		key        func(t *testing.T, db *store.DB, real int64) int64 // the key_id the row names
		sign       bool
	}{
		{"OwnKey", "không thuộc chuỗi khóa", func(t *testing.T, db *store.DB, real int64) int64 {
			// The forger's key added to the keys, "endorsed" by a signature of its own.
			from := now.Format(time.RFC3339)
			end := ed25519.Sign(forger, []byte("KC-KHOA1\n"+base64.StdEncoding.EncodeToString(forger.Public().(ed25519.PublicKey))+"\n"+from))
			if _, err := db.SQL().Exec(db.Rebind(`UPDATE signing_keys SET valid_until = ? WHERE id = ?`), from, real); err != nil {
				t.Fatal(err)
			}
			var id int64
			if err := db.SQL().QueryRow(db.Rebind(`INSERT INTO signing_keys (public, valid_from, endorsement, created_at) VALUES (?, ?, ?, ?) RETURNING id`),
				[]byte(forger.Public().(ed25519.PublicKey)), from, end, from).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return id
		}, true},
		{"CentreKeyID", "chữ ký của dòng sổ không khớp", func(_ *testing.T, _ *store.DB, real int64) int64 { return real }, true},
		{"Unsigned", "không có chữ ký", func(_ *testing.T, _ *store.DB, real int64) int64 { return real }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, certs, real := issuedSealed(t)
			if n := MustCountWhere(t, db, "settings", "key = 'store.certificate_key'"); n != 0 {
				t.Fatal("the file holds a clear key")
			}
			no, prev := lastRowHash(t, db)
			content := certs[0].Content
			content.Serial, content.RegisterNo, content.TraineeName = fmt.Sprintf("KC-2026-%06d", no+1), no+1, "Kẻ Giả Mạo"
			content.VerifyText = ""
			content.VerifyText = data.SignCertificate(content, forger)
			b, _ := json.Marshal(content)
			sum := sha256.Sum256(b)
			hash := hex.EncodeToString(sum[:])
			keyID := tc.key(t, db, real)
			sig := ""
			if tc.sign {
				sig = base64.RawURLEncoding.EncodeToString(ed25519.Sign(forger, []byte(rowText(2026, no+1, content.Serial, hash, prev, keyID))))
			}
			if _, err := db.SQL().Exec(db.Rebind(`INSERT INTO certificates (enrollment_id, class_id, trainee_id, serial, register_year, register_no,
				issued_on, content, hash, status, version, created_at, updated_at, prev_hash, signature, key_id)
				SELECT enrollment_id, class_id, trainee_id, ?, 2026, ?, issued_on, ?, ?, 'cap_lai', 1, created_at, updated_at, ?, ?, ?
				FROM certificates WHERE id = ?`), content.Serial, no+1, string(b), hash, prev, sig, keyID, certs[0].ID); err != nil {
				t.Fatal(err)
			}
			v, err := db.Verify(ctx, content.VerifyText)
			if err != nil || v.Verdict != data.VerdictForged || !strings.Contains(v.Message, tc.want) {
				t.Fatalf("forged row verified as %+v, %v; want forged, %q", v, err, tc.want)
			}
			r, err := db.CheckRegister(ctx, 2026)
			if err != nil || r.BadNo != no+1 || r.BadSerial != content.Serial || !strings.Contains(r.Problem, tc.want) {
				t.Fatalf("CheckRegister=%+v, %v; want row %d", r, err, no+1)
			}
			// The genuine rows stay valid.
			if v, err := db.Verify(ctx, certs[1].Content.VerifyText); err != nil || v.Verdict != data.VerdictValid {
				t.Fatalf("genuine certificate: %+v, %v", v, err)
			}
		})
	}
}

// TestCheckRegister edits the register with SQL, its triggers dropped, as with the sqlite3 shell.
func TestCheckRegister(t *testing.T) {
	// exec drops the trigger of the certificates named, then runs the statements.
	exec := func(trigger string, qs ...string) func(*testing.T, *store.DB) {
		return func(t *testing.T, db *store.DB) {
			MustDropTrigger(t, db, trigger, "certificates")
			for _, q := range qs {
				if _, err := db.SQL().Exec(q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
		}
	}
	edits := []struct {
		name string
		edit func(*testing.T, *store.DB)
		no   int
		want string
	}{
		{"Content", exec("certificates_frozen", `UPDATE certificates SET content = content || ' ' WHERE register_no = 2`), 2, "không khớp mã băm"},
		{"ContentAndHash", func(t *testing.T, db *store.DB) {
			exec("certificates_frozen")(t, db)
			var content string
			if err := db.SQL().QueryRow(`SELECT content FROM certificates WHERE register_no = 2`).Scan(&content); err != nil {
				t.Fatal(err)
			}
			content += " "
			sum := sha256.Sum256([]byte(content))
			if _, err := db.SQL().Exec(db.Rebind(`UPDATE certificates SET content = ?, hash = ? WHERE register_no = 2`), content, hex.EncodeToString(sum[:])); err != nil {
				t.Fatal(err)
			}
		}, 2, "chữ ký của dòng sổ không khớp"},
		{"Deleted", exec("certificates_kept", `DELETE FROM certificates WHERE register_no = 2`), 2, "một dòng đã bị xóa"},
		{"Signature", exec("certificates_sealed",
			`UPDATE certificates SET signature = (SELECT signature FROM certificates WHERE register_no = 3) WHERE register_no = 2`), 2, "chữ ký của dòng sổ không khớp"},
		{"Link", exec("certificates_sealed", `UPDATE certificates SET prev_hash = '' WHERE register_no = 3`), 3, "không nối đúng"},
		{"Last", exec("certificates_sealed", `UPDATE certificates SET signature = CASE WHEN substr(signature, 1, 1) = 'A' THEN 'B' ELSE 'A' END || substr(signature, 2) WHERE register_no = 3`), 3, "chữ ký của dòng sổ không khớp"},
	}
	for _, tc := range edits {
		t.Run(tc.name, func(t *testing.T) {
			db, _, _ := issuedSealed(t)
			if r, err := db.CheckRegister(ctx, 2026); err != nil || r.Problem != "" || r.Rows != 3 {
				t.Fatalf("before: %+v, %v", r, err)
			}
			tc.edit(t, db)
			r, err := db.CheckRegister(ctx, 2026)
			if err != nil || r.BadNo != tc.no || !strings.Contains(r.Problem, tc.want) {
				t.Fatalf("CheckRegister=%+v, %v; want row %d, %q", r, err, tc.no, tc.want)
			}
		})
	}
	t.Run("Empty", func(t *testing.T) {
		db := MustOpenDB(t)
		if r, err := db.CheckRegister(ctx, 2026); err != nil || r.Problem != "" || r.Rows != 0 {
			t.Fatalf("empty register: %+v, %v", r, err)
		}
	})
}

// TestStatusEdited revokes a certificate, then sets it back in force with SQL: its status no
// longer carries the centre's signature, so Verify says forged; a genuine revocation and
// re-issue verify as revoked and replaced.
func TestStatusEdited(t *testing.T) {
	db, certs, _ := issuedSealed(t)
	revoked, err := db.RevokeCertificate(ctx, certs[0].ID, certs[0].Version, day(2026, 11, 28), "Cấp nhầm người")
	if err != nil {
		t.Fatal(err)
	}
	if v, err := db.Verify(ctx, revoked.Content.VerifyText); err != nil || v.Verdict != data.VerdictRevoked {
		t.Fatalf("revoked: %+v, %v", v, err)
	}
	if _, err := db.ReissueCertificate(ctx, certs[1].ID, certs[1].Version, day(2026, 11, 28), "Mất bản gốc"); err != nil {
		t.Fatal(err)
	}
	if v, err := db.Verify(ctx, certs[1].Content.VerifyText); err != nil || v.Verdict != data.VerdictReplaced {
		t.Fatalf("replaced: %+v, %v", v, err)
	}
	if _, err := db.SQL().Exec(db.Rebind(`UPDATE certificates SET status = 'da_cap', revoked_on = '', reason = '' WHERE id = ?`), revoked.ID); err != nil {
		t.Fatal(err)
	}
	if v, err := db.Verify(ctx, revoked.Content.VerifyText); err != nil || v.Verdict != data.VerdictForged || !strings.Contains(v.Message, "tình trạng") {
		t.Fatalf("revocation undone with SQL: %+v, %v", v, err)
	}
}

func TestRotateAndExport(t *testing.T) {
	db, certs, _ := issuedSealed(t)
	file, err := db.ExportKey(ctx, "mật khẩu của tệp khóa")
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.ExportKey(withPassphrase("sai mật khẩu ký"), "mật khẩu của tệp khóa")
	AssertError(t, err, data.EFORBIDDEN, "Mật khẩu ký không đúng")
	old, _ := db.PublicKey(ctx)
	k, err := db.RotateKey(ctx)
	if err != nil || k.Public.Equal(old) {
		t.Fatalf("RotateKey=%+v, %v", k, err)
	}
	// The old key keeps only its public half; what it signed stays valid, and the new key signs.
	if n := MustCountWhere(t, db, "signing_keys", "sealed IS NOT NULL"); n != 1 {
		t.Fatalf("%d keys keep a private half, want 1", n)
	}
	c2, _ := FinishedClass(t, db, "LH-2026-002", trainee{"Lê Thị Hoa", "9"})
	more := mustIssue(t, db, c2.ID).Issued
	for _, c := range append(certs, more...) {
		if v, err := db.Verify(ctx, c.Content.VerifyText); err != nil || v.Verdict != data.VerdictValid {
			t.Fatalf("%s after rotation: %+v, %v", c.Content.Serial, v, err)
		}
	}
	if r, err := db.CheckRegister(ctx, 2026); err != nil || r.Problem != "" || r.Rows != 4 {
		t.Fatalf("register after rotation: %+v, %v", r, err)
	}
	// The key before the rotation cannot come back.
	AssertError(t, db.ImportKey(ctx, file, "mật khẩu của tệp khóa"), data.EINVALID, "khóa cũ")

	t.Run("ImportElsewhere", func(t *testing.T) {
		other := MustOpenDB(t)
		AssertError(t, other.ImportKey(ctx, file, "mật khẩu khác hẳn"), data.EINVALID, "Mật khẩu của tệp khóa không đúng")
		AssertError(t, other.ImportKey(ctx, []byte(`{"format":"khác"}`), "mật khẩu của tệp khóa"), data.EINVALID, "không phải tệp khóa ký")
		AssertError(t, other.ImportKey(ctx, bytes.Replace(file, []byte(`"sealed": "`), []byte(`"sealed": "AA`), 1), "mật khẩu của tệp khóa"), data.EINVALID)
		if err := other.ImportKey(withPassphrase("mật khẩu ký máy mới"), file, "mật khẩu của tệp khóa"); err != nil {
			t.Fatal(err)
		}
		if pub, err := other.PublicKey(ctx); err != nil || !pub.Equal(old) {
			t.Fatalf("imported key %x, %v; want %x", pub, err, old)
		}
		// The passphrase of the import is the signing passphrase there.
		_, err := other.RotateKey(withPassphrase("mật khẩu ký máy mới"))
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Run("ImportAsRotation", func(t *testing.T) {
		other, _, _ := issuedSealed(t)
		if err := other.ImportKey(ctx, file, "mật khẩu của tệp khóa"); err != nil {
			t.Fatal(err)
		}
		s, _ := other.KeyStatus(ctx)
		if len(s.Keys) != 2 || !s.Keys[1].Public.Equal(old) {
			t.Fatalf("keys after import %+v", s)
		}
		if r, err := other.CheckRegister(ctx, 2026); err != nil || r.Problem != "" {
			t.Fatalf("register after import: %+v, %v", r, err)
		}
	})
}

// legacy is a database as an earlier version left it (see MustDowngrade).
type legacy struct {
	certs []*data.Certificate // issued by the earlier version
	next  *data.Class         // finished, not issued
	pub   ed25519.PublicKey   // the key's public half
	seed  string              // the key as stored in the clear
}

// MustDowngrade issues a class of db, finishes another, and makes db look as an earlier version
// left it (see store.Downgrade).
func MustDowngrade(tb testing.TB, db *store.DB) legacy {
	tb.Helper()
	MustSetSigner(tb, db, signer)
	var l legacy
	c, _ := FinishedClass(tb, db, "LH-2026-001", trainee{"Nguyễn Thị Ánh Tuyết", "8,5"}, trainee{"Trần Văn An", "10"})
	l.certs = mustIssue(tb, db, c.ID).Issued
	l.next, _ = FinishedClass(tb, db, "LH-2026-002", trainee{"Lê Thị Hoa", "9"})
	var err error
	if l.pub, err = db.PublicKey(ctx); err != nil {
		tb.Fatal(err)
	}
	store.Downgrade(tb, db)
	if err := db.SQL().QueryRow(`SELECT value FROM settings WHERE key = 'store.certificate_key'`).Scan(&l.seed); err != nil {
		tb.Fatal(err)
	}
	return l
}

// TestLegacyKey opens a database as an earlier version left it (a file of that version, or a
// server database copied from one): the key in the clear, the rows unsigned. It verifies as before
// and refuses to sign until a passphrase seals the key, which deletes the clear copy and signs the
// rows made before.
func TestLegacyKey(t *testing.T) {
	db := MustOpenDB(t)
	l := MustDowngrade(t, db)
	certs, c2, pub := l.certs, l.next, l.pub

	if s, err := db.KeyStatus(ctx); err != nil || s.Sealed || !s.Unsealed {
		t.Fatalf("legacy status %+v, %v", s, err)
	}
	if k, err := db.PublicKey(ctx); err != nil || !k.Equal(pub) {
		t.Fatalf("legacy public key %x, %v", k, err)
	}
	if v, err := db.Verify(ctx, certs[0].Content.VerifyText); err != nil || v.Verdict != data.VerdictValid {
		t.Fatalf("legacy certificate: %+v, %v", v, err)
	}
	if r, err := db.CheckRegister(ctx, 2026); err != nil || !strings.Contains(r.Problem, "chưa được ký") {
		t.Fatalf("legacy register: %+v, %v", r, err)
	}
	_, err := db.IssueCertificates(ctx, request(c2.ID))
	AssertError(t, err, data.EINVALID, "chưa được niêm phong")

	if err := db.SetSigningPassphrase(ctx, "", data.SamplePassword); err != nil {
		t.Fatal(err)
	}
	if s, err := db.KeyStatus(ctx); err != nil || !s.Sealed || s.Unsealed || len(s.Keys) != 1 || !s.Keys[0].Public.Equal(pub) {
		t.Fatalf("sealed status %+v, %v", s, err)
	}
	if r, err := db.CheckRegister(ctx, 2026); err != nil || r.Problem != "" || r.Rows != 2 {
		t.Fatalf("register signed at sealing: %+v, %v", r, err)
	}
	if v, err := db.Verify(ctx, certs[0].Content.VerifyText); err != nil || v.Verdict != data.VerdictValid {
		t.Fatalf("an earlier version's certificate after sealing: %+v, %v", v, err)
	}
	mustIssue(t, db, c2.ID)
	if r, err := db.CheckRegister(ctx, 2026); err != nil || r.Problem != "" || r.Rows != 3 {
		t.Fatalf("register after an issue: %+v, %v", r, err)
	}
	if n := MustCountWhere(t, db, "settings", "key = 'store.certificate_key'"); n != 0 {
		t.Fatal("the clear key is still in the settings")
	}
}

// TestLegacyKey_FileErased seals an earlier version's clear key: the clear copy is gone from the
// database's files too, not only from its table. On the server, the files of the database's
// folder once a checkpoint has written every change into them; its write-ahead log keeps the
// key until the server recycles the segments (see postgresDialect.erased).
func TestLegacyKey_FileErased(t *testing.T) {
	db, files, checkpoint := MustOpenDB(t), []string(nil), `CHECKPOINT`
	if storetest.OnServer() {
		var folder string
		if err := db.SQL().QueryRow(`SELECT 'base/' || oid FROM pg_database WHERE datname = current_database()`).Scan(&folder); err != nil {
			t.Fatal(err)
		}
		folder = filepath.Join(os.Getenv("KC_TEST_PG_DIR"), "data", folder)
		files = []string{folder}
	} else {
		files, checkpoint = []string{db.Path(), db.Path() + "-wal"}, `PRAGMA wal_checkpoint(TRUNCATE)`
	}
	holds := func(seed string) bool { // once every change is written into the files
		if _, err := db.SQL().Exec(checkpoint); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, root := range files {
			filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					b, _ := os.ReadFile(path)
					found = found || bytes.Contains(b, []byte(seed))
				}
				return nil
			})
		}
		return found
	}
	seed := MustDowngrade(t, db).seed
	if !holds(seed) {
		t.Fatal("the clear key is not in the files before its sealing: the test shows nothing")
	}
	if err := db.SetSigningPassphrase(ctx, "", data.SamplePassword); err != nil {
		t.Fatal(err)
	}
	if holds(seed) {
		t.Fatal("the clear key is still in the database's files")
	}
}

// TestSealCost measures the real Argon2id parameters: setting the passphrase and one unseal
// (what an issue pays) stay well under a second each.
func TestSealCost(t *testing.T) {
	realSeal()
	t.Cleanup(func() { realSeal = store.CheapSeal() })
	db := MustOpenDB(t)
	start := time.Now()
	if err := db.SetSigningPassphrase(ctx, "", data.SamplePassword); err != nil {
		t.Fatal(err)
	}
	set := time.Since(start)
	start = time.Now()
	if _, err := db.ExportKey(ctx, "mật khẩu của tệp khóa"); err != nil { // one unseal, one seal
		t.Fatal(err)
	}
	if export := time.Since(start); set > time.Second || export > 2*time.Second {
		t.Fatalf("sealing took %v, unseal and seal %v", set, export)
	}
	t.Logf("seal %v", set)
}
