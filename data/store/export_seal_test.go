package store

import (
	"context"
	"encoding/base64"
	"slices"
	"testing"

	"khuyencong/data"
)

// CheapSeal makes new seals use Argon2id's smallest parameters and returns the function that
// brings back the ones before: the tests of this package seal keys by the hundred, and the real
// parameters are measured on their own.
func CheapSeal() (restore func()) {
	old := sealKDF
	sealKDF = kdfParams{memory: 64, passes: 1, threads: 1}
	return func() { sealKDF = old }
}

// Downgrade makes db look as an earlier version left it: the key in use (sealed under the sample
// passphrase) back in the clear in settings, no signing_keys, the register rows and their statuses unsigned.
func Downgrade(tb testing.TB, db *DB) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.begin(ctx, true)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	keys, err := loadKeys(ctx, tx)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := current(keys).unseal(data.SamplePassword)
	if err != nil {
		tb.Fatal(err)
	}
	// The triggers that refuse these edits are set aside: on the file dropped, and the register's
	// made again; on the server (the tests' superuser) off for this transaction.
	before, after := []string{`SET LOCAL session_replication_role = replica`}, []string(nil)
	if !db.IsServer() {
		var trigger string
		if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_schema WHERE name = 'certificates_sealed'`).Scan(&trigger); err != nil {
			tb.Fatal(err)
		}
		before, after = []string{`DROP TRIGGER certificates_sealed`, `DROP TRIGGER signing_keys_kept`}, []string{trigger}
	}
	edits := []string{`UPDATE certificates SET prev_hash = '', signature = '', key_id = NULL, status_signature = '', status_key_id = NULL`, `DELETE FROM signing_keys`}
	for _, q := range slices.Concat(before, edits, after) {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
	if err := setSetting(ctx, tx, legacyKeyKey, base64.StdEncoding.EncodeToString(s.key.Seed())); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// FillRegister adds n certificates, copies of template but for their serial and number, at the
// end of the template's year's register, through the writer IssueCertificates uses, in one
// transaction: for the register benchmarks. n certificates of one enrolment break the index
// that allows one in force per enrolment, which it drops.
func FillRegister(tb testing.TB, ctx context.Context, db *DB, template *data.Certificate, n int) {
	tb.Helper()
	tx, err := db.begin(ctx, true)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DROP INDEX certificates_enrollment_current`); err != nil {
		tb.Fatal(err)
	}
	s, err := unseal(ctx, tx)
	if err != nil {
		tb.Fatal(err)
	}
	w, err := newCertificateWriter(ctx, tx, s)
	if err != nil {
		tb.Fatal(err)
	}
	defer w.close()
	c := template.Content
	next, err := w.nextNumber(ctx, c.RegisterYear)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		c.RegisterNo = next + i
		c.Serial = serialOf("KC", c.RegisterYear, c.RegisterNo)
		if _, err := w.insert(ctx, template.EnrollmentID, template.ClassID, template.TraineeID, c, 0); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}
