package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/sqlite"
)

// TestKey runs the key commands and the register check on a certified class, as a centre would:
// show, a wrong passphrase, export, rotate, change the passphrase, import on a new database, and
// a register row edited with SQL.
func TestKey(t *testing.T) {
	t.Setenv(envPassphrase, data.SamplePassword)
	t.Setenv(envFilePass, "mật khẩu của tệp khóa")
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")
	if out, err := run(t, "-db", db, "seed", "--certified-class", "3"); err != nil {
		t.Fatalf("seed: %q, %v", out, err)
	}
	out, err := run(t, "-db", db, "key", "show")
	if err != nil || !strings.Contains(out, "niêm phong bằng mật khẩu ký") || len(lines(out)) != 3 {
		t.Fatalf("key show: %q, %v", out, err)
	}
	first := strings.Fields(lines(out)[0])[len(strings.Fields(lines(out)[0]))-1]
	if key, err := run(t, "-db", db, "certs", "key"); err != nil || key != first+"\n" {
		t.Fatalf("certs key %q, key show %q, %v", key, first, err)
	}
	if out, err := run(t, "-db", db, "register", "check", "--year", "2026"); err != nil || !strings.HasPrefix(out, "ok\t") || !strings.Contains(out, "3 dòng") {
		t.Fatalf("register check: %q, %v", out, err)
	}

	t.Run("ErrWrongPassphrase", func(t *testing.T) {
		t.Setenv(envPassphrase, "không phải mật khẩu ký")
		for _, args := range [][]string{{"key", "rotate"}, {"certs", "revoke", "KC-2026-000001", "--reason", "Cấp nhầm"}} {
			_, err := run(t, append([]string{"-db", db}, args...)...)
			if data.ErrorCode(err) != data.EFORBIDDEN || !strings.Contains(data.ErrorMessage(err), "Mật khẩu ký không đúng") {
				t.Fatalf("%v with a wrong passphrase: %v", args, err)
			}
		}
	})
	if out, err := run(t, "-db", db, "certs", "revoke", "KC-2026-000001", "--reason", "Cấp nhầm người"); err != nil || out != "KC-2026-000001\tthu hồi ngày 28/11/2026\n" {
		t.Fatalf("revoke: %q, %v", out, err)
	}
	if out, err := run(t, "-db", db, "certs", "reissue", "KC-2026-000003", "--reason", "Mất bản gốc"); err != nil || !strings.HasPrefix(out, "KC-2026-000004\t4/2026\tcấp lại chứng chỉ KC-2026-000003") {
		t.Fatalf("reissue: %q, %v", out, err)
	}

	file := filepath.Join(dir, "khoa-ky.json")
	if out, err := run(t, "-db", db, "key", "export", "-o", file); err != nil || out != file+"\n" {
		t.Fatalf("export: %q, %v", out, err)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v, %v; want readable by its owner only", fi, err)
	}
	if _, err := run(t, "-db", db, "key", "export", "-o", file); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("export over a file: %v", err)
	}
	if out, err := run(t, "-db", db, "key", "rotate"); err != nil || !strings.Contains(out, "khóa công khai mới") {
		t.Fatalf("rotate: %q, %v", out, err)
	}
	if out, err := run(t, "-db", db, "key", "show"); err != nil || len(lines(out)) != 4 || !strings.Contains(out, first) {
		t.Fatalf("key show after rotation: %q, %v", out, err)
	}
	t.Setenv(envNewPassphrase, "mật khẩu ký mới của năm")
	if out, err := run(t, "-db", db, "key", "passphrase"); err != nil || !strings.Contains(out, "Đã đổi mật khẩu ký") {
		t.Fatalf("passphrase: %q, %v", out, err)
	}
	t.Setenv(envPassphrase, "mật khẩu ký mới của năm")
	if out, err := run(t, "-db", db, "register", "check", "--year", "2026"); err != nil || !strings.HasPrefix(out, "ok\t") || !strings.Contains(out, "4 dòng") {
		t.Fatalf("register check after rotation: %q, %v", out, err)
	}

	t.Run("ImportOnNewDatabase", func(t *testing.T) {
		other := filepath.Join(dir, "other.db")
		s, err := sqlite.Create(other)
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if out, err := run(t, "-db", other, "key", "import", file); err != nil || !strings.Contains(out, first) {
			t.Fatalf("import: %q, %v", out, err)
		}
	})

	t.Run("EditedRow", func(t *testing.T) {
		sdb, err := sql.Open("sqlite", db)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`DROP TRIGGER certificates_frozen`, `UPDATE certificates SET content = content || ' ' WHERE register_no = 2`} {
			if _, err := sdb.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		sdb.Close()
		out, _, code := runMain(t, "-db", db, "register", "check", "--year", "2026")
		if code != 1 || !strings.HasPrefix(out, "bad\t2\tKC-2026-000002\t") {
			t.Fatalf("register check of an edited row: %q, exit %d", out, code)
		}
	})
}
