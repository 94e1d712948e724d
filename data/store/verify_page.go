package store

import (
	"context"
	"crypto/ed25519"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// verifyAddressKey holds the address of the verification page, a setting of the store's own so
// that it is always validated.
const verifyAddressKey = storePrefix + "verify_address"

// VerifyAddress returns the address of the verification page, "" when none is set.
func (db *DB) VerifyAddress(ctx context.Context) (_ string, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (string, error) { return setting(ctx, tx, verifyAddressKey) })
}

// SaveVerifyAddress stores the address of the verification page, "" for none. EINVALID.
func (db *DB) SaveVerifyAddress(ctx context.Context, address string) (err error) {
	defer translate(&err)
	address = data.NormalizeVerifyAddress(address)
	if err := data.ValidateVerifyAddress(address); err != nil {
		return err
	}
	return db.writeSetting(ctx, data.RightSettings, verifyAddressKey, address, "verify_address")
}

// SignRevocationList returns the revoked and re-issued certificates, by serial, signed now with
// the key in use, and the centre's endorsed keys. EINVALID when the key in use is not endorsed. It writes nothing: its transaction is keyWrite's, for the right and the
// passphrase, and is rolled back.
func (db *DB) SignRevocationList(ctx context.Context) (_ *data.RevocationList, err error) {
	defer translate(&err)
	tx, s, err := db.keyUnsealed(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	keys, err := loadKeys(ctx, tx)
	if err != nil {
		return nil, err
	}
	chain := endorsed(keys)
	if chain[s.id] == nil {
		return nil, data.Errorf(data.EINVALID, "Khóa ký đang dùng không nằm trong chuỗi khóa của trung tâm (không được khóa trước xác nhận), nên không ký danh sách thu hồi. Hãy báo quản trị kiểm tra sổ (kc register check).")
	}
	entries, err := queryRows(ctx, tx, func(row scanner) (r data.Revocation, err error) {
		var on string
		if err := row.Scan(&r.Serial, &r.Status, &on, &r.Reason, &r.ReplacedBy); err != nil {
			return r, err
		}
		d, err := vn.ParseISODate(on)
		r.On = d.String()
		return r, err
	}, `SELECT c.serial, c.status, c.revoked_on, c.reason, COALESCE(n.serial, '')
		FROM certificates c LEFT JOIN certificates n ON n.id = c.replaced_by
		WHERE c.status <> ? ORDER BY c.serial`, data.CertIssued)
	if err != nil {
		return nil, err
	}
	// An empty list is [] in the signed JSON, not null.
	l := &data.RevocationList{Made: tx.now.UTC(), Entries: append([]data.Revocation{}, entries...), Public: s.key.Public().(ed25519.PublicKey)}
	for _, k := range keys {
		if chain[k.id] != nil {
			l.Keys = append(l.Keys, k.signingKey())
		}
	}
	l.Text = data.RevocationListText(l.Made, l.Entries)
	l.Signature = ed25519.Sign(s.key, []byte(l.Text))
	return l, nil
}
