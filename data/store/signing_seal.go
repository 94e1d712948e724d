package store

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"

	"khuyencong/data"
)

// kdfParams are Argon2id's parameters for turning a passphrase into a sealing key. They are
// stored with every sealed key (kdfParams.String), so that new seals may use others later.
type kdfParams struct {
	memory  uint32 // KiB
	passes  uint32
	threads uint8
}

// sealKDF is what a new seal uses: 19 MiB and two passes (OWASP's Argon2id minimum), on two
// lanes; about 0.1 s on two cores, paid once per issue, re-issue, revocation, rotation or export
// (46 MiB took over a second on the test machine under load). A test of another package pays it
// too; this package's tests lower it (export_seal_test.go).
var sealKDF = kdfParams{memory: 19 * 1024, passes: 2, threads: 2}

// String writes the parameters as stored: "argon2id$v=19$m=47104,t=2,p=2".
func (p kdfParams) String() string {
	return fmt.Sprintf("argon2id$v=%d$m=%d,t=%d,p=%d", argon2.Version, p.memory, p.passes, p.threads)
}

// parseKDF reads stored parameters, refusing ones a damaged row or file could hold that would
// take the machine's memory or hours.
func parseKDF(s string) (kdfParams, error) {
	var p kdfParams
	var v int
	_, err := fmt.Sscanf(s, "argon2id$v=%d$m=%d,t=%d,p=%d", &v, &p.memory, &p.passes, &p.threads)
	if err != nil || v != argon2.Version || p.memory < 8 || p.memory > 1<<20 || p.passes < 1 || p.passes > 64 || p.threads < 1 {
		return p, fmt.Errorf("sqlite: key derivation parameters %q", s)
	}
	return p, nil
}

// sealed is a secret encrypted under a passphrase: the Argon2id parameters and salt that derive
// the key from it, and the 24-byte nonce followed by the XChaCha20-Poly1305 ciphertext and tag.
type sealed struct {
	kdf        kdfParams
	salt, data []byte
}

// errWrongPassphrase is what open returns when the passphrase does not open the seal.
var errWrongPassphrase = errors.New("sqlite: wrong passphrase")

// seal encrypts secret under passphrase with the parameters p; ad (the key's public half) is
// authenticated with it, so that a seal moved to another key's row does not open.
func seal(secret, ad []byte, passphrase string, p kdfParams) (sealed, error) {
	s := sealed{kdf: p, salt: make([]byte, 16)}
	nonce := make([]byte, chacha20poly1305.NonceSizeX)
	if _, err := rand.Read(s.salt); err != nil {
		return s, err
	}
	if _, err := rand.Read(nonce); err != nil {
		return s, err
	}
	aead, err := chacha20poly1305.NewX(s.key(passphrase))
	if err != nil {
		return s, err
	}
	s.data = aead.Seal(nonce, nonce, secret, ad)
	return s, nil
}

// key derives the encryption key from passphrase.
func (s sealed) key(passphrase string) []byte {
	return argon2.IDKey([]byte(passphrase), s.salt, s.kdf.passes, s.kdf.memory, s.kdf.threads, chacha20poly1305.KeySize)
}

// open decrypts the seal with passphrase: errWrongPassphrase when it does not open.
func (s sealed) open(ad []byte, passphrase string) ([]byte, error) {
	if len(s.data) < chacha20poly1305.NonceSizeX+chacha20poly1305.Overhead {
		return nil, errors.New("sqlite: sealed key is damaged")
	}
	aead, err := chacha20poly1305.NewX(s.key(passphrase))
	if err != nil {
		return nil, err
	}
	out, err := aead.Open(nil, s.data[:chacha20poly1305.NonceSizeX], s.data[chacha20poly1305.NonceSizeX:], ad)
	if err != nil {
		return nil, errWrongPassphrase
	}
	return out, nil
}

// openKey opens the sealed seed of the key pub and checks that it is pub's.
func (s sealed) openKey(pub ed25519.PublicKey, passphrase string) (ed25519.PrivateKey, error) {
	seed, err := s.open(pub, passphrase)
	if err != nil {
		return nil, err
	}
	if len(seed) != ed25519.SeedSize {
		return nil, errors.New("sqlite: sealed key is damaged")
	}
	key := ed25519.NewKeyFromSeed(seed)
	if !key.Public().(ed25519.PublicKey).Equal(pub) {
		return nil, errors.New("sqlite: sealed key is not its public key's")
	}
	return key, nil
}

// keyFileFormat names the format of an exported key file and its version.
const keyFileFormat = "khuyencong-khoa-ky/1"

// maxKeyFile is the largest key file ImportKey reads; a real one is about 300 bytes.
const maxKeyFile = 16 << 10

// keyFile is an exported key: JSON with these fields, the byte strings in standard padded base64.
// sealed is the 32-byte Ed25519 seed sealed as in signing_keys, under the file's passphrase.
type keyFile struct {
	Format string `json:"format"`
	Public string `json:"public"`
	KDF    string `json:"kdf"`
	Salt   string `json:"salt"`
	Sealed string `json:"sealed"`
}

// exportKey writes key as a key file sealed under passphrase.
func exportKey(key ed25519.PrivateKey, passphrase string) ([]byte, error) {
	pub := key.Public().(ed25519.PublicKey)
	s, err := seal(key.Seed(), pub, passphrase, sealKDF)
	if err != nil {
		return nil, err
	}
	b := base64.StdEncoding
	return json.MarshalIndent(keyFile{Format: keyFileFormat, Public: b.EncodeToString(pub), KDF: s.kdf.String(),
		Salt: b.EncodeToString(s.salt), Sealed: b.EncodeToString(s.data)}, "", "  ")
}

// importKey reads a key file with its passphrase. EINVALID, saying which, for a file that is not
// a key file, a damaged one or a wrong passphrase.
func importKey(file []byte, passphrase string) (ed25519.PrivateKey, error) {
	damaged := data.Errorf(data.EINVALID, "Tệp này không phải tệp khóa ký của chương trình, hoặc đã bị hỏng. Hãy chọn đúng tệp đã xuất bằng \"Xuất khóa ký\" (kc key export).")
	if len(file) > maxKeyFile {
		return nil, damaged
	}
	var f keyFile
	if err := json.Unmarshal(file, &f); err != nil || f.Format != keyFileFormat {
		return nil, damaged
	}
	b := base64.StdEncoding.Strict()
	pub, err1 := b.DecodeString(f.Public)
	salt, err2 := b.DecodeString(f.Salt)
	box, err3 := b.DecodeString(f.Sealed)
	kdf, err4 := parseKDF(f.KDF)
	if err := errors.Join(err1, err2, err3, err4); err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, damaged
	}
	key, err := sealed{kdf: kdf, salt: salt, data: box}.openKey(pub, passphrase)
	if errors.Is(err, errWrongPassphrase) {
		return nil, data.Errorf(data.EINVALID, "Mật khẩu của tệp khóa không đúng. Hãy gõ lại mật khẩu đã đặt khi xuất tệp khóa.")
	} else if err != nil {
		return nil, damaged
	}
	return key, nil
}
