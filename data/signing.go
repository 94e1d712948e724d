package data

import (
	"context"
	"crypto/ed25519"
	"time"
)

type passphraseKey struct{}

// WithPassphrase returns a context that carries the signing passphrase, which issuing,
// re-issuing and revoking certificates and rotating or exporting the key need: the store unseals
// the centre's private key with it for that one call and keeps neither.
func WithPassphrase(ctx context.Context, passphrase string) context.Context {
	return context.WithValue(ctx, passphraseKey{}, passphrase)
}

// PassphraseFromContext returns the signing passphrase ctx carries, "" when none.
func PassphraseFromContext(ctx context.Context) string {
	p, _ := ctx.Value(passphraseKey{}).(string)
	return p
}

// SigningKey is one of the centre's Ed25519 keys. The register keeps every key it ever signed
// with, so that certificates signed before a rotation stay verifiable.
type SigningKey struct {
	// ID is the store's number for the key.
	ID int64
	// Public is the key's public half (32 bytes).
	Public ed25519.PublicKey
	// From is when the key began to sign; Until when it was replaced (zero: in use).
	From, Until time.Time
}

// KeyStatus says where the signing key stands.
type KeyStatus struct {
	// Sealed: the private key is kept encrypted under a signing passphrase, and signing works.
	Sealed bool
	// Unsealed: the database holds a key from an earlier version in the clear; setting a
	// passphrase seals it (and signs the register rows made before).
	Unsealed bool
	// Keys lists every key, oldest first.
	Keys []SigningKey
}

// RegisterCheck is the result of walking one year's certificate register.
type RegisterCheck struct {
	// Year is the register's year; Rows how many rows were checked.
	Year, Rows int
	// BadNo is the register number of the first row that does not hold, 0 when all do.
	BadNo int
	// BadSerial is that row's serial, when it has one.
	BadSerial string
	// Problem says in Vietnamese what is wrong there: a number missing, content edited, a
	// signature that is not the centre's, the chain broken.
	Problem string
}

// KeyService keeps the centre's signing key sealed under a passphrase and checks the register.
type KeyService interface {
	// KeyStatus returns whether the key is sealed and every public key with its dates.
	KeyStatus(ctx context.Context) (*KeyStatus, error)
	// SetSigningPassphrase sets (old "") or changes the signing passphrase. The first time it
	// makes the key, or seals the key an earlier version left in the clear and signs the register
	// rows made before. RightSign; EINVALID for a passphrase shorter than MinPasswordLength;
	// EFORBIDDEN for a wrong old passphrase.
	SetSigningPassphrase(ctx context.Context, oldPassphrase, newPassphrase string) error
	// ExportKey returns the key in use as a file protected by filePassphrase (the signing
	// passphrase comes from ctx). RightSign.
	ExportKey(ctx context.Context, filePassphrase string) ([]byte, error)
	// ImportKey makes the key in file (protected by filePassphrase) the key in use, sealed under
	// the passphrase of ctx (which becomes the signing passphrase when none is set). RightSign;
	// EINVALID for a damaged file or a wrong file passphrase.
	ImportKey(ctx context.Context, file []byte, filePassphrase string) error
	// RotateKey replaces the key in use by a new one, endorsed by the old; old certificates stay
	// verifiable. The passphrase comes from ctx. RightSign.
	RotateKey(ctx context.Context) (*SigningKey, error)
	// CheckRegister walks one year's register, row by row: numbers without gaps, content as
	// hashed, each row's signature by the key in use on its date over its number, serial, content
	// hash and the previous row's hash; it names the first row that does not hold.
	CheckRegister(ctx context.Context, year int) (*RegisterCheck, error)
	// SignRevocationList returns the certificates revoked or re-issued, by serial, as a list
	// signed now with the key in use (the passphrase comes from ctx), for the verification page.
	// RightSign.
	SignRevocationList(ctx context.Context) (*RevocationList, error)
}
