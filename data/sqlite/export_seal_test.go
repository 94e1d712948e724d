package sqlite

// CheapSeal makes new seals use Argon2id's smallest parameters until restore is called: the tests
// of this package seal keys by the hundred, and the real parameters are measured on their own.
func CheapSeal() (restore func()) {
	old := sealKDF
	sealKDF = kdfParams{memory: 64, passes: 1, threads: 1}
	return func() { sealKDF = old }
}
