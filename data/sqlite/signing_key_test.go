package sqlite_test

import (
	"testing"

	"khuyencong/data"
	"khuyencong/data/sqlite"
)

// The tests of this package act with the sample signing passphrase and seal keys cheaply (the
// real parameters are measured by TestSealCost); a test of a missing or wrong passphrase sets its
// own with data.WithPassphrase.
func init() {
	sqlite.CheapSeal()
	ctx = data.WithPassphrase(ctx, data.SamplePassword)
}

// MustSealKey sets the sample signing passphrase on db unless a key is sealed already.
func MustSealKey(tb testing.TB, db *sqlite.DB) {
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
