package store

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"khuyencong/data"
)

// Compile-time check that DB implements the key service.
var _ data.KeyService = (*DB)(nil)

// legacyKeyKey is where a database of an earlier version keeps the centre's Ed25519 key in the
// clear: the 32-byte seed, base64. Setting a signing passphrase moves it, sealed, into
// signing_keys and deletes it; nothing writes it any more.
const legacyKeyKey = storePrefix + "certificate_key"

// keyRow is one row of signing_keys.
type keyRow struct {
	id          int64
	public      ed25519.PublicKey
	box         *sealed // nil once the key was replaced
	from, until time.Time
	endorsement []byte
}

// signingKey returns the row as the service gives it out.
func (k *keyRow) signingKey() data.SigningKey {
	return data.SigningKey{ID: k.id, Public: k.public, From: k.from, Until: k.until}
}

// inUse reports whether the key was the one in use at t: its dates are whole seconds, as the
// rows it signed, and a rotation's second belongs to both keys.
func (k *keyRow) inUse(t time.Time) bool {
	return !t.Before(k.from) && (k.until.IsZero() || !t.After(k.until))
}

// endorsementText is what the key before signs to endorse a key: "KC-KHOA1", its public half in
// standard base64 and the instant it begins (RFC 3339, UTC), on lines of their own.
func endorsementText(pub ed25519.PublicKey, from time.Time) []byte {
	return []byte("KC-KHOA1\n" + base64.StdEncoding.EncodeToString(pub) + "\n" + from.UTC().Format(timeFormat))
}

// loadKeys returns the keys, oldest first.
func loadKeys(ctx context.Context, tx *tx) ([]*keyRow, error) {
	return queryRows(ctx, tx, func(s scanner) (*keyRow, error) {
		var k keyRow
		var box, salt []byte
		var kdf, from, until string
		if err := s.Scan(&k.id, &k.public, &box, &salt, &kdf, &from, &until, &k.endorsement); err != nil {
			return nil, err
		}
		var err error
		if k.from, err = time.Parse(timeFormat, from); err != nil {
			return nil, err
		}
		if until != "" {
			if k.until, err = time.Parse(timeFormat, until); err != nil {
				return nil, err
			}
		}
		if box != nil {
			p, err := parseKDF(kdf)
			if err != nil {
				return nil, err
			}
			k.box = &sealed{kdf: p, salt: salt, data: box}
		}
		return &k, nil
	}, `SELECT id, public, sealed, salt, kdf, valid_from, valid_until, endorsement FROM signing_keys ORDER BY id`)
}

// endorsed returns, by id, the keys of the centre's chain: the first key, and each later one
// endorsed by the key before it and beginning when that one ended. A key after a break is not
// the centre's, whatever it signed.
func endorsed(keys []*keyRow) map[int64]*keyRow {
	out := make(map[int64]*keyRow, len(keys))
	for i, k := range keys {
		if i > 0 {
			prev := keys[i-1]
			if !prev.until.Equal(k.from) || !ed25519.Verify(prev.public, endorsementText(k.public, k.from), k.endorsement) {
				break
			}
		}
		out[k.id] = k
	}
	return out
}

// current returns the key in use, nil when there is none.
func current(keys []*keyRow) *keyRow {
	if n := len(keys); n > 0 && keys[n-1].until.IsZero() {
		return keys[n-1]
	}
	return nil
}

// legacyKey returns the key an earlier version left in the clear, nil when there is none.
func legacyKey(ctx context.Context, tx *tx) (ed25519.PrivateKey, error) {
	v, err := setting(ctx, tx, legacyKeyKey)
	if err != nil || v == "" {
		return nil, err
	}
	seed, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("sqlite: certificate key setting is damaged")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// PublicKey returns the public half of the key in use (or of the key an earlier version left
// in the clear), nil when no signing passphrase was ever set.
func (db *DB) PublicKey(ctx context.Context) (_ ed25519.PublicKey, err error) {
	defer translate(&err)
	return inRead(ctx, db, publicKey)
}

// publicKey returns the public half of the key in use, or of the legacy key, or nil.
func publicKey(ctx context.Context, tx *tx) (ed25519.PublicKey, error) {
	keys, err := loadKeys(ctx, tx)
	if err != nil {
		return nil, err
	}
	if k := current(keys); k != nil {
		return k.public, nil
	}
	key, err := legacyKey(ctx, tx)
	if err != nil || key == nil {
		return nil, err
	}
	return key.Public().(ed25519.PublicKey), nil
}

// KeyStatus returns whether the key is sealed and every key with its dates.
func (db *DB) KeyStatus(ctx context.Context) (_ *data.KeyStatus, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (*data.KeyStatus, error) {
		keys, err := loadKeys(ctx, tx)
		if err != nil {
			return nil, err
		}
		s := &data.KeyStatus{}
		for _, k := range keys {
			s.Keys = append(s.Keys, k.signingKey())
		}
		if k := current(keys); k != nil {
			s.Sealed = k.box != nil
			return s, nil
		}
		legacy, err := legacyKey(ctx, tx)
		s.Unsealed = legacy != nil
		return s, err
	})
}

// keyWrite begins the write transaction of a change to the signing key or its passphrase, the
// one place these writes begin, for the right they need (RightSign) to be checked, and returns
// it with the keys; the caller rolls it back when done.
func (db *DB) keyWrite(ctx context.Context) (*tx, []*keyRow, error) {
	tx, err := db.write(ctx, data.RightSign)
	if err != nil {
		return nil, nil, err
	}
	keys, err := loadKeys(ctx, tx)
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, keys, nil
}

// keyUnsealed begins keyWrite's transaction and unseals the key in use with the passphrase of
// ctx; the caller rolls the transaction back when done.
func (db *DB) keyUnsealed(ctx context.Context) (*tx, *signer, error) {
	tx, keys, err := db.keyWrite(ctx)
	if err != nil {
		return nil, nil, err
	}
	s, err := unsealFrom(ctx, tx, keys)
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, s, nil
}

// noPassphrase is the refusal of a signing call whose context carries no passphrase.
var noPassphrase = data.Errorf(data.EFORBIDDEN, "Cần mật khẩu ký của trung tâm để ký, nên chưa ghi gì: hãy gõ mật khẩu ký (trên dòng lệnh: biến môi trường KC_SIGNING_PASSPHRASE).")

// wrongPassphrase is the refusal of a passphrase that does not open the key.
var wrongPassphrase = data.Errorf(data.EFORBIDDEN, "Mật khẩu ký không đúng, nên không ký được và chưa ghi gì. Hãy gõ lại; nếu quên, lãnh đạo giữ khóa phải nhập lại khóa từ tệp đã xuất.")

// signer is the key in use, unsealed for one transaction.
type signer struct {
	id  int64
	key ed25519.PrivateKey
}

// unseal opens the key in use with the passphrase ctx carries. EINVALID when no passphrase was
// ever set (or the key an earlier version left is still in the clear); EFORBIDDEN when ctx
// carries none or a wrong one.
func unseal(ctx context.Context, tx *tx) (*signer, error) {
	keys, err := loadKeys(ctx, tx)
	if err != nil {
		return nil, err
	}
	return unsealFrom(ctx, tx, keys)
}

// unsealFrom is unseal with the keys already loaded.
func unsealFrom(ctx context.Context, tx *tx, keys []*keyRow) (*signer, error) {
	k := current(keys)
	if k == nil || k.box == nil {
		legacy, err := legacyKey(ctx, tx)
		if err != nil {
			return nil, err
		}
		if legacy != nil {
			return nil, data.Errorf(data.EINVALID, "Khóa ký chứng chỉ của cơ sở dữ liệu này (từ phiên bản trước) chưa được niêm phong bằng mật khẩu ký. Lãnh đạo hãy đặt mật khẩu ký (Cài đặt → Chứng chỉ, hoặc kc key passphrase) rồi ký.")
		}
		return nil, data.Errorf(data.EINVALID, "Chưa có khóa ký chứng chỉ: lãnh đạo hãy đặt mật khẩu ký (Cài đặt → Chứng chỉ, hoặc kc key passphrase) rồi ký.")
	}
	return k.unseal(data.PassphraseFromContext(ctx))
}

// unseal opens the key with passphrase. EFORBIDDEN for none or a wrong one.
func (k *keyRow) unseal(passphrase string) (*signer, error) {
	if passphrase == "" {
		return nil, noPassphrase
	}
	if data.ValidatePassword("Mật khẩu ký", passphrase) != nil { // nothing set is that long or short
		return nil, wrongPassphrase
	}
	key, err := k.box.openKey(k.public, passphrase)
	if errors.Is(err, errWrongPassphrase) {
		return nil, wrongPassphrase
	}
	if err != nil {
		return nil, err
	}
	return &signer{id: k.id, key: key}, nil
}

// SetSigningPassphrase sets (oldPassphrase "") or changes the signing passphrase. The first time
// it makes the key, or seals the one an earlier version left in the clear, deletes that clear
// copy and signs the register rows made before. EINVALID for a passphrase too short or too long;
// EFORBIDDEN for a wrong old passphrase.
func (db *DB) SetSigningPassphrase(ctx context.Context, oldPassphrase, newPassphrase string) (err error) {
	defer translate(&err)
	if err := data.ValidatePassword("Mật khẩu ký", newPassphrase); err != nil {
		return err
	}
	tx, keys, err := db.keyWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if k := current(keys); k != nil && k.box != nil {
		s, err := k.unseal(oldPassphrase)
		if data.ErrorCode(err) == data.EFORBIDDEN {
			return data.Errorf(data.EFORBIDDEN, "Mật khẩu ký hiện tại không đúng, nên chưa đổi mật khẩu ký.")
		} else if err != nil {
			return err
		}
		if err := reseal(ctx, tx, s, newPassphrase); err != nil {
			return err
		}
		if err := audit(ctx, tx, "passphrase", "signing_key", k.id, "đổi mật khẩu ký"); err != nil {
			return err
		}
		return tx.Commit()
	}
	legacy, err := legacyKey(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := firstKey(ctx, tx, legacy, legacy != nil, newPassphrase); err != nil {
		return err
	}
	return db.commitFirst(ctx, tx, legacy != nil)
}

// commitFirst commits the transaction of firstKey; when it deleted an earlier version's clear
// key (legacy), the backend then drops what its files still hold of it (see dialect.erased).
func (db *DB) commitFirst(ctx context.Context, tx *tx, legacy bool) error {
	if err := tx.Commit(); err != nil || !legacy {
		return err
	}
	if err := db.d.erased(ctx, db.db, "settings"); err != nil {
		return data.Errorf(data.ECONFLICT, "Khóa ký đã được niêm phong bằng mật khẩu ký, nhưng máy chủ chưa xóa hẳn được bản không mã hóa cũ của khóa khỏi tệp dữ liệu. Hãy nhờ người quản trị máy chủ chạy lệnh VACUUM (FULL) settings trên cơ sở dữ liệu này.")
	}
	return nil
}

// firstKey makes the centre's first sealed key from key (a new one when nil), sealed under
// passphrase. A key an earlier version left in the clear (legacy) has signed certificates
// already: its key begins with the first of them, its clear copy is overwritten and deleted, and
// the rows it issued are signed in register order.
func firstKey(ctx context.Context, tx *tx, key ed25519.PrivateKey, legacy bool, passphrase string) (*keyRow, error) {
	if key == nil {
		var err error
		if _, key, err = ed25519.GenerateKey(rand.Reader); err != nil {
			return nil, err
		}
	}
	from := tx.at()
	var first sql.NullString
	if err := tx.QueryRowContext(ctx, `SELECT min(created_at) FROM certificates`).Scan(&first); err != nil {
		return nil, err
	}
	if first.Valid && first.String < from {
		from = first.String
	}
	at, err := time.Parse(timeFormat, from)
	if err != nil {
		return nil, err
	}
	k, err := insertKey(ctx, tx, key, passphrase, at, nil)
	if err != nil {
		return nil, err
	}
	detail := "tạo khóa ký chứng chỉ, niêm phong bằng mật khẩu ký; khóa công khai " + base64.StdEncoding.EncodeToString(k.public)
	if legacy {
		if err := tx.d.erasing(ctx, tx.Tx, func() error {
			_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, legacyKeyKey)
			return err
		}); err != nil {
			return nil, err
		}
		n, err := signUnsigned(ctx, tx, &signer{id: k.id, key: key})
		if err != nil {
			return nil, err
		}
		detail = fmt.Sprintf("niêm phong khóa ký của phiên bản trước bằng mật khẩu ký, xóa bản không mã hóa, ký %d dòng sổ cấp chứng chỉ; khóa công khai %s",
			n, base64.StdEncoding.EncodeToString(k.public))
	}
	return k, audit(ctx, tx, "create", "signing_key", k.id, detail)
}

// insertKey stores key, sealed under passphrase, as the key in use from the instant from,
// endorsed by the key before it (nil for the first key).
func insertKey(ctx context.Context, tx *tx, key ed25519.PrivateKey, passphrase string, from time.Time, before *signer) (*keyRow, error) {
	pub := key.Public().(ed25519.PublicKey)
	box, err := seal(key.Seed(), pub, passphrase, sealKDF)
	if err != nil {
		return nil, err
	}
	k := &keyRow{public: pub, box: &box, from: from.UTC()}
	if before != nil {
		k.endorsement = ed25519.Sign(before.key, endorsementText(pub, k.from))
	}
	k.id, err = tx.insert(ctx, `INSERT INTO signing_keys (public, sealed, salt, kdf, valid_from, endorsement, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		[]byte(pub), box.data, box.salt, box.kdf.String(), k.from.Format(timeFormat), k.endorsement, tx.at())
	return k, err
}

// reseal seals the key in use anew under passphrase.
func reseal(ctx context.Context, tx *tx, s *signer, passphrase string) error {
	box, err := seal(s.key.Seed(), s.key.Public().(ed25519.PublicKey), passphrase, sealKDF)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE signing_keys SET sealed = ?, salt = ?, kdf = ? WHERE id = ?`, box.data, box.salt, box.kdf.String(), s.id)
	return err
}

// ExportKey returns the key in use as a key file protected by filePassphrase; the signing
// passphrase comes from ctx. The export is recorded in the history. EINVALID for a file
// passphrase too short or too long, or no key yet; EFORBIDDEN for a missing or wrong passphrase.
func (db *DB) ExportKey(ctx context.Context, filePassphrase string) (_ []byte, err error) {
	defer translate(&err)
	if err := data.ValidatePassword("Mật khẩu của tệp khóa", filePassphrase); err != nil {
		return nil, err
	}
	tx, s, err := db.keyUnsealed(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	file, err := exportKey(s.key, filePassphrase)
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "export", "signing_key", s.id, "xuất khóa ký ra tệp có mật khẩu"); err != nil {
		return nil, err
	}
	return file, tx.Commit()
}

// ImportKey makes the key of a key file the key in use, sealed under the passphrase of ctx. On a
// database without a key it becomes the first key and the passphrase of ctx the signing
// passphrase; the key already in use is kept as it is; any other replaces the key in use as a
// rotation does, endorsed by it (the passphrase of ctx must open it). EINVALID for a damaged
// file, a wrong file passphrase, or a key this database used before; EFORBIDDEN for a missing or
// wrong signing passphrase.
func (db *DB) ImportKey(ctx context.Context, file []byte, filePassphrase string) (err error) {
	defer translate(&err)
	passphrase := data.PassphraseFromContext(ctx)
	if passphrase == "" {
		return noPassphrase
	}
	key, err := importKey(file, filePassphrase)
	if err != nil {
		return err
	}
	pub := key.Public().(ed25519.PublicKey)
	tx, keys, err := db.keyWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cur := current(keys)
	if cur == nil || cur.box == nil {
		// No sealed key yet: the file's key becomes the first, unless an earlier version's is
		// waiting in the clear, which has signed rows the file's key cannot vouch for.
		legacy, err := legacyKey(ctx, tx)
		if err != nil {
			return err
		} else if legacy != nil && !legacy.Public().(ed25519.PublicKey).Equal(pub) {
			return data.Errorf(data.EINVALID, "Cơ sở dữ liệu này còn khóa ký của phiên bản trước chưa niêm phong. Hãy đặt mật khẩu ký trước (niêm phong khóa đó), rồi mới nhập khóa từ tệp.")
		}
		if err := data.ValidatePassword("Mật khẩu ký", passphrase); err != nil {
			return err
		}
		if _, err := firstKey(ctx, tx, key, legacy != nil, passphrase); err != nil {
			return err
		}
		return db.commitFirst(ctx, tx, legacy != nil)
	}
	for _, k := range keys {
		if k.public.Equal(pub) && k != cur {
			return data.Errorf(data.EINVALID, "Khóa trong tệp là khóa cũ của trung tâm, đã được thay ngày %s; không dùng lại khóa cũ để ký.", k.until.Local().Format("02/01/2006"))
		}
	}
	s, err := cur.unseal(passphrase)
	if err != nil || cur.public.Equal(pub) {
		return err // the key in use already: nothing to do
	}
	if _, err := rotate(ctx, tx, s, key, passphrase); err != nil {
		return err
	}
	return tx.Commit()
}

// RotateKey replaces the key in use by a new one, endorsed by the old, which keeps only its
// public half; what the old one signed stays verifiable. EINVALID without a key; EFORBIDDEN for a
// missing or wrong passphrase.
func (db *DB) RotateKey(ctx context.Context) (_ *data.SigningKey, err error) {
	defer translate(&err)
	tx, s, err := db.keyUnsealed(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	k, err := rotate(ctx, tx, s, key, data.PassphraseFromContext(ctx))
	if err != nil {
		return nil, err
	}
	out := k.signingKey()
	return &out, tx.Commit()
}

// rotate makes key, sealed under passphrase, the key in use from now, endorsed by old, which
// ends now and loses its private half.
func rotate(ctx context.Context, tx *tx, old *signer, key ed25519.PrivateKey, passphrase string) (*keyRow, error) {
	if _, err := tx.ExecContext(ctx, `UPDATE signing_keys SET valid_until = ?, sealed = NULL, salt = NULL, kdf = '' WHERE id = ?`, tx.at(), old.id); err != nil {
		return nil, err
	}
	k, err := insertKey(ctx, tx, key, passphrase, tx.now, old)
	if err != nil {
		return nil, err
	}
	return k, audit(ctx, tx, "rotate", "signing_key", k.id, "thay khóa ký chứng chỉ; khóa công khai mới "+base64.StdEncoding.EncodeToString(k.public))
}

// keyByID returns the key id among keys, nil when there is none.
func keyByID(keys map[int64]*keyRow, id sql.NullInt64) *keyRow {
	if !id.Valid {
		return nil
	}
	return keys[id.Int64]
}
