package sqlite

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"fmt"
)

// certificateKeyKey holds the centre's Ed25519 signing key: the 32-byte seed, base64, a setting
// of the store's own (SetSetting refuses it). It is made once per database, the first time a
// certificate is issued or the public key asked for, from the system's secure random source, and
// never leaves the store: only its public half is given out.
const certificateKeyKey = storePrefix + "certificate_key"

// PublicKey returns the public half of the centre's signing key, making the key when the
// database has none yet.
func (db *DB) PublicKey(ctx context.Context) (_ ed25519.PublicKey, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	pub, err := publicKey(ctx, tx)
	tx.Rollback()
	if err != nil || pub != nil {
		return pub, err
	}
	wtx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer wtx.Rollback()
	key, err := signingKey(ctx, wtx)
	if err != nil {
		return nil, err
	}
	return key.Public().(ed25519.PublicKey), wtx.Commit()
}

// publicKey returns the public half of the stored signing key, nil when there is none yet.
func publicKey(ctx context.Context, tx *tx) (ed25519.PublicKey, error) {
	key, err := storedKey(ctx, tx)
	if err != nil || key == nil {
		return nil, err
	}
	return key.Public().(ed25519.PublicKey), nil
}

// storedKey returns the stored signing key, nil when there is none yet.
func storedKey(ctx context.Context, tx *tx) (ed25519.PrivateKey, error) {
	v, err := setting(ctx, tx, certificateKeyKey)
	if err != nil || v == "" {
		return nil, err
	}
	seed, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("sqlite: certificate key setting is damaged")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// signingKey returns the stored signing key, making and storing it, within the write
// transaction tx, when there is none yet.
func signingKey(ctx context.Context, tx *tx) (ed25519.PrivateKey, error) {
	key, err := storedKey(ctx, tx)
	if err != nil || key != nil {
		return key, err
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, err
	}
	key = ed25519.NewKeyFromSeed(seed)
	if err := setSetting(ctx, tx, certificateKeyKey, base64.StdEncoding.EncodeToString(seed)); err != nil {
		return nil, err
	}
	pub := key.Public().(ed25519.PublicKey)
	if err := audit(ctx, tx, "create", "certificate_key", 0, "khóa ký chứng chỉ, khóa công khai "+base64.RawURLEncoding.EncodeToString(pub)); err != nil {
		return nil, err
	}
	return key, nil
}
