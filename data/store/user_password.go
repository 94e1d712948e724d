package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// PasswordCost is the work Argon2id puts into one password: the PHC string of each hash keeps the
// cost it was made with, so a later version may raise DefaultPasswordCost and old hashes still
// verify.
type PasswordCost struct {
	// Time is the number of passes over the memory.
	Time uint32
	// MemoryKiB is the memory used, in KiB.
	MemoryKiB uint32
	// Threads is the parallelism (the lanes of the memory).
	Threads uint8
}

// DefaultPasswordCost is OWASP's Argon2id setting of 46 MiB run twice over, with two lanes for the
// office's two-core computers. BenchmarkSignIn: 0.12 s of processor time per sign-in, 0.54 s of
// wall clock on this project's 2-core machine shared by a load of 30 (RFC 9106's 3 passes over
// 64 MiB took 0.30 s and 1.3–1.9 s there, too close to a second); each guess costs an attacker
// with a copy of the file as much.
var DefaultPasswordCost = PasswordCost{Time: 2, MemoryKiB: 46 * 1024, Threads: 2}

// Lengths of the salt and of the derived key, in bytes.
const (
	saltBytes = 16
	keyBytes  = 32
)

// hashPassword returns the Argon2id hash of password at cost c as a PHC string:
// $argon2id$v=19$m=65536,t=3,p=2$<salt>$<key>, salt and key in unpadded standard base64.
func hashPassword(password string, c PasswordCost) (string, error) {
	salt := make([]byte, saltBytes)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, c.Time, c.MemoryKiB, c.Threads, keyBytes)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.MemoryKiB, c.Time, c.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// maxStoredCost bounds the cost read from a stored hash, so that an edited row cannot make a
// sign-in take the machine's memory or hours: 1 GiB, 16 passes, 16 lanes.
var maxStoredCost = PasswordCost{Time: 16, MemoryKiB: 1 << 20, Threads: 16}

// checkPassword reports whether password is the one hash (a PHC string of hashPassword) was made
// from; an error means the hash itself is not one this program reads.
func checkPassword(password, hash string) (bool, error) {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, fmt.Errorf("sqlite: password hash is not argon2id")
	}
	var version int
	var c PasswordCost
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("sqlite: password hash version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &c.MemoryKiB, &c.Time, &c.Threads); err != nil ||
		c.Time < 1 || c.Threads < 1 || c.MemoryKiB < 8*uint32(c.Threads) ||
		c.Time > maxStoredCost.Time || c.MemoryKiB > maxStoredCost.MemoryKiB || c.Threads > maxStoredCost.Threads {
		return false, fmt.Errorf("sqlite: password hash parameters %q", parts[3])
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("sqlite: password hash salt: %w", err)
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false, fmt.Errorf("sqlite: password hash key")
	}
	got := argon2.IDKey([]byte(password), salt, c.Time, c.MemoryKiB, c.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}
