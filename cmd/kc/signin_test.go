package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/term"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
)

// asAdmin is the context of a test writing straight to a store kc seeded: its sample administrator.
func asAdmin() context.Context { return data.WithUser(context.Background(), sampleAdmin) }

// seeded returns a new database with the sample's five users, as kc seed makes them, and three
// enterprises: enough to sign in and list, without the minutes a whole seed takes.
func seeded(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "kc.db")
	err := store.CreateWith(db, func(store *store.DB) error {
		store.Now = func() time.Time { return now }
		if err := store.CreateSampleUsers(context.Background()); err != nil {
			return err
		}
		_, err := demo.Load(asAdmin(), struct{ data.EnterpriseService }{store}, store, 3, 1)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// refused checks that err is code with a message holding every one of parts.
func refused(t *testing.T, err error, code string, parts ...string) {
	t.Helper()
	if data.ErrorCode(err) != code {
		t.Fatalf("got %v (%s), want %s", err, data.ErrorCode(err), code)
	}
	for _, p := range parts {
		if !strings.Contains(data.ErrorMessage(err), p) {
			t.Fatalf("message %q does not say %q", data.ErrorMessage(err), p)
		}
	}
}

func TestSignIn(t *testing.T) {
	db := seeded(t)
	list := func(args ...string) error {
		t.Helper()
		_, err := run(t, append([]string{"-db", db, "enterprises", "list"}, args...)...)
		return err
	}

	t.Run("UserFlagBeforeOrAfterTheCommand", func(t *testing.T) {
		t.Setenv(envUser, "")
		for _, args := range [][]string{
			{"--user", "chixem", "-db", db, "enterprises", "list"},
			{"-db", db, "enterprises", "list", "--user=ChiXem"},
			{"-db", db, "enterprises", "list", "--search", "a", "--user", "chixem", "--limit", "2"},
		} {
			if out, err := run(t, args...); err != nil || len(lines(out)) == 0 {
				t.Fatalf("%v: %q, %v", args, out, err)
			}
		}
	})

	t.Run("ErrNobody", func(t *testing.T) {
		t.Setenv(envUser, "")
		refused(t, list(), data.EFORBIDDEN, "--user", envUser)
	})

	t.Run("NobodyForVersionAndVerify", func(t *testing.T) {
		t.Setenv(envUser, "")
		if _, err := run(t, "version"); err != nil {
			t.Fatal(err)
		}
		if out, err := run(t, "-db", db, "verify", "KC-2026-999999"); !strings.HasPrefix(out, "unknown\t") {
			t.Fatalf("verify without a user: %q, %v; want the verdict unknown", out, err)
		}
	})

	t.Run("ErrNoPassword", func(t *testing.T) {
		if term.IsTerminal(int(os.Stdin.Fd())) {
			t.Skip("the test's stdin is a terminal: kc would ask")
		}
		t.Setenv(envPassword, "")
		os.Unsetenv(envPassword)
		refused(t, list(), data.EINVALID, envPassword)
	})

	t.Run("ErrWrongPasswordOnTheSample", func(t *testing.T) {
		t.Setenv(envPassword, "khong-phai-mat-khau")
		refused(t, list("--user", "lanhdao"), data.EFORBIDDEN, "mật khẩu", "cơ sở dữ liệu mẫu", data.SamplePassword)
	})

	t.Run("ErrUnknownUser", func(t *testing.T) {
		refused(t, list("--user", "nguoi-la"), data.EFORBIDDEN)
	})

	t.Run("ErrHugePassword", func(t *testing.T) {
		t.Setenv(envPassword, strings.Repeat("a", 1<<20))
		start := time.Now()
		err := list()
		if err == nil || data.ErrorCode(err) == data.EINTERNAL {
			t.Fatalf("a 1 MB password: %v, want a refusal", err)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("a 1 MB password took %v to refuse: it was hashed", d)
		}
	})

	t.Run("ErrLocked", func(t *testing.T) {
		t.Setenv(envPassword, "khong-phai-mat-khau")
		for range 5 {
			if err := list("--user", "giangvien"); data.ErrorCode(err) != data.EFORBIDDEN {
				t.Fatalf("a wrong password: %v", err)
			}
		}
		t.Setenv(envPassword, data.SamplePassword)
		refused(t, list("--user", "giangvien"), data.EFORBIDDEN)
		out, err := run(t, "-db", db, "users", "list")
		if err != nil || !strings.Contains(out, "giangvien\t") || !strings.Contains(out, "bị khóa đến") {
			t.Fatalf("users list after five wrong passwords: %q, %v; want giangvien locked", out, err)
		}
	})

	t.Run("ErrRole", func(t *testing.T) {
		refused(t, runErr(t, "-db", db, "--user", "chixem", "settings", "signer", "--name", "Lê Văn Tám"), data.EFORBIDDEN)
		refused(t, runErr(t, "-db", db, "--user", "vanthu", "settings", "signer", "--name", "Lê Văn Tám"), data.EFORBIDDEN)
		refused(t, runErr(t, "-db", db, "--user", "vanthu", "backup", t.TempDir()), data.EFORBIDDEN, "vanthu", "Văn thư", "sao lưu")
		backup, err := run(t, "-db", db, "backup", t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		backup = strings.TrimSpace(backup)
		refused(t, runErr(t, "-db", db, "--user", "lanhdao", "restore", backup), data.EFORBIDDEN, "Lãnh đạo", "khôi phục")
		if aside, _ := filepath.Glob(db + ".truoc-khoi-phuc*"); len(aside) != 0 {
			t.Fatalf("a refused restore put the backup in place, keeping %v aside", aside)
		}
		if out, err := run(t, "-db", db, "settings", "signer", "--title", "GIÁM ĐỐC", "--name", "Lê Văn Tám"); err != nil {
			t.Fatalf("the administrator sets the signer: %q, %v", out, err)
		}
	})
}

// runErr runs kc and returns its error only.
func runErr(t *testing.T, args ...string) error {
	t.Helper()
	_, err := run(t, args...)
	return err
}

func TestUserArg(t *testing.T) {
	for _, tc := range []struct {
		args []string
		at   int // where the command name stands
		want string
	}{
		{[]string{"enterprises", "list"}, 0, ""},
		{[]string{"--user", "an", "enterprises", "list"}, 2, "an"},
		{[]string{"-user=an", "enterprises", "list"}, 1, "an"},
		{[]string{"enterprises", "list", "--user", "an"}, 0, "an"},
		{[]string{"enterprises", "list", "--search", "x", "--", "--user", "an"}, 0, ""},
		{[]string{"--user", "lanhdao", "audit", "list", "--user", "vanthu"}, 2, "lanhdao"},
		{[]string{"audit", "list", "--user", "vanthu"}, 0, ""},
	} {
		if got := userArg(tc.args, tc.at); got != tc.want {
			t.Errorf("userArg(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
