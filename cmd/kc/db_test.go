package main

import (
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store/storetest"
)

// TestDBCopy moves the sample to the server (to a file on a run without one) and back to a new
// file: kc lists the same enterprises and certificates from each, checks the register there, and
// refuses a target that exists and a user who is not an administrator.
func TestDBCopy(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "kc.db")
	if _, err := run(t, "-db", src, "seed", "--demo"); err != nil {
		t.Fatal(err)
	}
	office := storetest.NewEmptyServerDB(t) // the office's server: the move the command is for

	if _, err := run(t, "db", "copy", "--from", src, "--to", office, "--user", "chixem"); data.ErrorCode(err) != data.EFORBIDDEN {
		t.Fatalf("a viewer copies the database: %v", err)
	}
	out, err := run(t, "db", "copy", "--from", src, "--to", office)
	if err != nil || !strings.Contains(out, "Đã chép") || !strings.Contains(out, "giống hệt bản gốc") {
		t.Fatalf("copy: %q, %v", out, err)
	}
	if !strings.Contains(out, "certificates") || !strings.Contains(out, "enterprises") {
		t.Errorf("the copy does not print the tables it counted: %q", out)
	}
	if _, err := run(t, "db", "copy", "--from", src, "--to", office); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("a second copy onto the same target: %v, want ECONFLICT", err)
	}

	back := filepath.Join(dir, "back.db")
	if _, err := run(t, "-db", office, "db", "copy", "--to", back); err != nil {
		t.Fatalf("copy back: %v", err)
	}
	for _, args := range [][]string{{"enterprises", "list", "--status", "all"}, {"certs", "list"}} {
		want, err := run(t, append([]string{"-db", src}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		for _, db := range []string{office, back} {
			if got, err := run(t, append([]string{"-db", db}, args...)...); err != nil || got != want {
				t.Errorf("%v on %s: %d bytes, %v; want the sample's %d bytes", args, db, len(got), err, len(want))
			}
		}
	}
	for _, db := range []string{office, back} {
		if out, err := run(t, "-db", db, "register", "check", "--year", "2026"); err != nil || !strings.HasPrefix(out, "ok") {
			t.Errorf("register check on %s: %q, %v", db, out, err)
		}
	}
}

// TestServerNew: kc init and kc seed make a database on an empty server database as on a new file,
// all or nothing, and refuse one that has the program's data.
func TestServerNew(t *testing.T) {
	office := storetest.NewEmptyServerDB(t)
	t.Setenv("KC_PASSWORD", "mat-khau-van-phong")
	if out, err := run(t, "-db", office, "init", "--admin", "quan.tri"); err != nil || !strings.Contains(out, "quan.tri") {
		t.Fatalf("init: %q, %v", out, err)
	}
	if out, err := run(t, "-db", office, "--user", "quan.tri", "users", "list"); err != nil || !strings.Contains(out, "quan.tri") {
		t.Fatalf("users list on the server: %q, %v", out, err)
	}
	if _, err := run(t, "-db", office, "seed", "--demo"); data.ErrorCode(err) != data.ECONFLICT {
		t.Fatalf("seed over the server's data: %v, want ECONFLICT", err)
	}
	sample := storetest.NewEmptyServerDB(t)
	t.Setenv("KC_PASSWORD", "khuyencong-demo")
	if _, err := run(t, "-db", sample, "seed", "--demo"); err != nil {
		t.Fatalf("seed on the server: %v", err)
	}
	if out, err := run(t, "-db", sample, "--user", "vanthu", "enterprises", "list"); err != nil || strings.Count(out, "\n") < 100 {
		t.Fatalf("the seeded server lists %d lines, %v", strings.Count(out, "\n"), err)
	}
}
