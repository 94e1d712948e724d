package main

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"khuyencong/data"
)

// python is the interpreter the README tells an outside verifier to run.
const python = "/usr/bin/python3"

// readmeExample is the README's worked example: its Python block and the key and QR text that
// block holds.
type readmeExample struct {
	script, key, text string
}

// The lines of the README's Python block that hold the key and the QR text.
var (
	keyLine  = regexp.MustCompile(`(?m)^key = "([^"\\]*)"$`)
	textLine = regexp.MustCompile(`(?m)^text = "([^"\\]*)"$`)
)

// readReadme returns the README's one Python block and the example it verifies.
func readReadme(t *testing.T) readmeExample {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?ms)^```python\n(.*?)^```$").FindAllStringSubmatch(string(b), -1)
	if len(blocks) != 1 {
		t.Fatalf("README.md has %d ```python blocks, want the one worked example", len(blocks))
	}
	ex := readmeExample{script: blocks[0][1]}
	k, x := keyLine.FindStringSubmatch(ex.script), textLine.FindStringSubmatch(ex.script)
	if k == nil || x == nil {
		t.Fatalf("the README's Python block has no line `key = \"…\"` or `text = \"…\"`:\n%s", ex.script)
	}
	ex.key, ex.text = k[1], x[1]
	return ex
}

// with returns the script checking text with key instead of the README's example.
func (ex readmeExample) with(t *testing.T, key, text string) string {
	t.Helper()
	if strings.ContainsAny(key+text, "\"\\\n") {
		t.Fatalf("cannot write %q / %q as a plain Python string", key, text)
	}
	s := keyLine.ReplaceAllLiteralString(ex.script, `key = "`+key+`"`)
	return textLine.ReplaceAllLiteralString(s, `text = "`+text+`"`)
}

// needPyNaCl fails the test, saying what to install, when PyNaCl cannot be imported.
func needPyNaCl(t *testing.T) {
	t.Helper()
	if out, err := exec.Command(python, "-c", "import nacl.signing").CombinedOutput(); err != nil {
		t.Fatalf("the outside verifier needs %s with PyNaCl: apt-get install python3-nacl (%v: %s)", python, err, out)
	}
}

// pyVerify runs script with python and returns what it printed and whether it exited with 0.
func pyVerify(t *testing.T, script string) (string, bool) {
	t.Helper()
	cmd := exec.Command(python, "-")
	cmd.Stdin = strings.NewReader(script)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return out.String(), err == nil
}

// TestVerifyOutside checks certificates the way the README tells an office outside the centre to:
// with the key and QR text kc prints, and PyNaCl (libsodium), a verifier nobody here wrote,
// running the README's own Python lines.
func TestVerifyOutside(t *testing.T) {
	needPyNaCl(t)
	t.Setenv(envPassphrase, data.SamplePassword) // the sample's, which seed --demo sets
	ex := readReadme(t)
	valid := func(t *testing.T, key, text string) {
		t.Helper()
		if out, ok := pyVerify(t, ex.with(t, key, text)); !ok || !strings.HasPrefix(out, "valid:") {
			t.Fatalf("PyNaCl refused %q with key %s: %s", text, key, out)
		}
	}
	refused := func(t *testing.T, key, text string) {
		t.Helper()
		// The script's own refusal, not a crash that would also exit with 1.
		if out, ok := pyVerify(t, ex.with(t, key, text)); ok || !strings.HasPrefix(out, "NOT valid:") {
			t.Fatalf("the README's script did not say NOT valid for %q with key %s: %s", text, key, out)
		}
	}

	t.Run("ReadmeExample", func(t *testing.T) {
		if out, ok := pyVerify(t, ex.script); !ok || !strings.HasPrefix(out, "valid:") {
			t.Fatalf("the README's Python block, as printed, does not verify its example: %s", out)
		}
		// kc's own reader agrees, and the key is written as the README says.
		pub, err := base64.StdEncoding.Strict().DecodeString(ex.key)
		if err != nil || len(pub) != ed25519.PublicKeySize || len(ex.key) != 44 {
			t.Fatalf("the README's key %q is not 32 bytes in padded standard base64: %v", ex.key, err)
		}
		if qr, err := data.ParseCertificateText(ex.text); err != nil || !qr.VerifiedBy(pub) {
			t.Fatalf("kc does not accept the README's example %q: %v", ex.text, err)
		}
	})

	db := filepath.Join(t.TempDir(), "kc.db")
	const class, serial = "LH-2026-002", "KC-2026-000039" // the README's example
	if out, err := run(t, "-db", db, "seed", "--demo"); err != nil {
		t.Fatalf("seed: %q, %v", out, err)
	}
	if out, err := run(t, "-db", db, "certs", "issue", class, "--decision", "125/QĐ-TTKC", "--decision-date", "20/11/2026", "--date", "27/11/2026"); err != nil {
		t.Fatalf("issue: %q, %v", out, err)
	}
	keyOut, err := run(t, "-db", db, "certs", "key")
	if err != nil {
		t.Fatal(err)
	}
	key := strings.TrimSuffix(keyOut, "\n")
	if pub, err := base64.StdEncoding.Strict().DecodeString(key); err != nil || len(pub) != ed25519.PublicKeySize || len(key) != 44 || strings.Count(keyOut, "\n") != 1 {
		t.Fatalf("kc certs key printed %q, want one line of 32 bytes in padded standard base64 (%v)", keyOut, err)
	}
	textOut, err := run(t, "-db", db, "certs", "qr", serial)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimSuffix(textOut, "\n")
	if strings.Count(textOut, "\n") != 1 {
		t.Fatalf("kc certs qr printed %q, want one line", textOut)
	}
	if out, err := run(t, "-db", db, "verify", text); err != nil || !strings.HasPrefix(out, "valid\t") {
		t.Fatalf("kc verify of its own QR text: %q, %v", out, err)
	}

	t.Run("ErrQR", func(t *testing.T) {
		if _, err := run(t, "-db", db, "certs", "qr", "KC-2026-999999"); data.ErrorCode(err) != data.ENOTFOUND || !strings.Contains(data.ErrorMessage(err), "kc certs list") {
			t.Fatalf("an unknown serial: %v, want ENOTFOUND saying where serials are listed", err)
		}
		if _, err := run(t, "-db", db, "certs", "qr"); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("no serial: %v, want EINVALID", err)
		}
	})

	t.Run("ReadmeFieldsAreTheSample", func(t *testing.T) {
		// Every database has its own key, so only the signature may differ from the README's.
		cut := func(s string) string { return s[:strings.LastIndexByte(s, '|')+1] }
		if cut(text) != cut(ex.text) {
			t.Fatalf("on the sample, kc certs qr %s prints\n%s\nbut the README's example is\n%s\n(write the README's example again from a demo database)", serial, text, ex.text)
		}
		if sig := text[strings.LastIndexByte(text, '|')+1:]; len(sig) != 86 || strings.ContainsAny(sig, "+/=") {
			t.Fatalf("signature %q is not 86 characters of unpadded base64url", sig)
		}
	})

	t.Run("KCText", func(t *testing.T) { valid(t, key, text) })

	t.Run("OneCharacterChanged", func(t *testing.T) {
		change := func(at int, to string) string {
			if at < 0 {
				t.Fatalf("the text %q is not the README's certificate", text)
			}
			_, size := utf8.DecodeRuneInString(text[at:])
			return text[:at] + to + text[at+size:]
		}
		sig := strings.LastIndexByte(text, '|') + 1
		other := map[bool]string{true: "B", false: "A"}[text[sig] == 'A']
		for _, c := range []struct{ what, text string }{
			{"name", change(strings.Index(text, "Ánh"), "A")}, // the accent a careless retyping drops
			{"birth date", change(strings.Index(text, "|23/05/")+2, "4")},
			{"signature", change(sig, other)}, // its first character: six bits of the first byte
		} {
			t.Run(c.what, func(t *testing.T) { refused(t, key, c.text) })
		}
	})

	t.Run("AnotherKey", func(t *testing.T) {
		if key == ex.key {
			t.Fatal("two databases made the same key")
		}
		refused(t, ex.key, text)
	})
}
