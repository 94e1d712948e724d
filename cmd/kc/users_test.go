package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

func TestInit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")
	t.Setenv(envPassword, "mat-khau-quan-tri")

	t.Run("OK", func(t *testing.T) {
		out, err := run(t, "-db", db, "init", "--admin", "An.Nguyen", "--name", "Nguyễn Văn An")
		if err != nil || !strings.Contains(out, "kc --user an.nguyen") {
			t.Fatalf("init: %q, %v", out, err)
		}
		t.Setenv(envUser, "an.nguyen")
		out, err = run(t, "-db", db, "users", "list")
		if got := lines(out); err != nil || len(got) != 1 || !strings.HasPrefix(got[0], "an.nguyen\tNguyễn Văn An\tQuản trị\tđang dùng\t") {
			t.Fatalf("users list of a new database: %q, %v; want its administrator alone", out, err)
		}
		if out, err := run(t, "-db", db, "enterprises", "list"); err != nil || out != "" {
			t.Fatalf("a new database lists %q, %v; want nothing", out, err)
		}
	})

	t.Run("ErrHasUsers", func(t *testing.T) {
		refused(t, runErr(t, "-db", db, "init", "--admin", "khac"), data.ECONFLICT, "Đã có tệp", "kc users add")
	})

	t.Run("DatabaseWithoutUsers", func(t *testing.T) {
		earlier := filepath.Join(dir, "truoc.db") // as an earlier version left it: data, nobody
		store, err := store.Create(earlier)
		if err != nil {
			t.Fatal(err)
		}
		store.Close()
		refused(t, runErr(t, "-db", earlier, "enterprises", "list"), data.EFORBIDDEN, "chưa có người dùng", "kc init --admin")
		if out, err := run(t, "-db", earlier, "init", "--admin", "binh"); err != nil || !strings.Contains(out, "Đã tạo người quản trị binh") {
			t.Fatalf("init on a database without users: %q, %v", out, err)
		}
		if err := runErr(t, "-db", earlier, "--user", "binh", "enterprises", "list"); err != nil {
			t.Fatalf("its new administrator signs in: %v", err)
		}
	})

	for _, tc := range []struct {
		name, password string
		args           []string
		code           string
	}{
		{"ErrNoAdmin", "mat-khau-quan-tri", nil, data.EINVALID},
		{"ErrEmptyLogin", "mat-khau-quan-tri", []string{"--admin", "  "}, data.EINVALID},
		{"ErrBadLogin", "mat-khau-quan-tri", []string{"--admin", "an nguyen"}, data.EINVALID},
		{"ErrShortPassword", "ngan", []string{"--admin", "an"}, data.EINVALID},
		{"ErrHugePassword", strings.Repeat("x", 1<<20), []string{"--admin", "an"}, data.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(envPassword, tc.password)
			path := filepath.Join(dir, tc.name+".db")
			refused(t, runErr(t, append([]string{"-db", path, "init"}, tc.args...)...), tc.code)
			if _, err := os.Lstat(path); err == nil {
				t.Fatal("a refused init left a database")
			}
		})
	}
}

func TestUsers(t *testing.T) {
	db := seeded(t)
	users := func(t *testing.T, args ...string) (string, error) {
		t.Helper()
		return run(t, append([]string{"-db", db, "users"}, args...)...)
	}
	// as runs kc as login with password.
	as := func(t *testing.T, login, password string, args ...string) (err error) {
		t.Helper()
		withPassword(password, func() { err = runErr(t, append([]string{"-db", db, "--user", login}, args...)...) })
		return err
	}
	state := func(t *testing.T, login string) string {
		t.Helper()
		return listed(t, db, sampleAdmin, data.SamplePassword, login)
	}

	t.Run("SampleUsers", func(t *testing.T) {
		out, err := users(t, "list")
		if err != nil {
			t.Fatal(err)
		}
		roles := map[string]string{}
		for _, l := range lines(out) {
			f := strings.Split(l, "\t")
			if len(f) != 5 {
				t.Fatalf("line %q is not login, name, role, state, last sign-in", l)
			}
			roles[f[0]] = f[2]
		}
		want := map[string]string{"quantri": "Quản trị", "vanthu": "Văn thư", "giangvien": "Giảng viên", "lanhdao": "Lãnh đạo", "chixem": "Chỉ xem"}
		for login, role := range want {
			if roles[login] != role {
				t.Fatalf("users: %v, want %v", roles, want)
			}
		}
	})

	t.Run("Add", func(t *testing.T) {
		t.Setenv(envNew, "mat-khau-cua-ha")
		out, err := users(t, "add", "thu.ha", "--role", "van_thu", "--name", "Trần Thu Hà")
		if err != nil || !strings.Contains(out, "thu.ha (Trần Thu Hà), vai trò Văn thư") {
			t.Fatalf("add: %q, %v", out, err)
		}
		if err := as(t, "thu.ha", "mat-khau-cua-ha", "enterprises", "list"); err != nil {
			t.Fatalf("the new user signs in: %v", err)
		}
	})

	t.Run("ErrAdd", func(t *testing.T) {
		t.Setenv(envNew, "mat-khau-moi-1")
		refused(t, runErr(t, "-db", db, "users", "add", "", "--role", "van_thu", "--name", "Ai Đó"), data.EINVALID)
		refused(t, runErr(t, "-db", db, "users", "add", "ai.do", "--role", "thu_ky", "--name", "Ai Đó"), data.EINVALID, "van_thu (văn thư)")
		refused(t, runErr(t, "-db", db, "users", "add", "ai.do", "--name", "Ai Đó"), data.EINVALID, "--role")
		refused(t, runErr(t, "-db", db, "users", "add", "vanthu", "--role", "van_thu", "--name", "Ai Đó"), data.ECONFLICT)
		t.Setenv(envNew, "ngan")
		refused(t, runErr(t, "-db", db, "users", "add", "ai.do", "--role", "van_thu", "--name", "Ai Đó"), data.EINVALID)
		refused(t, runErr(t, "-db", db, "users", "remove", "vanthu"), data.EINVALID, "kc users list")
		refused(t, runErr(t, "-db", db, "users", "disable", "nguoi-la"), data.ENOTFOUND, "nguoi-la")
		if s := state(t, "ai.do"); s != "" {
			t.Fatalf("a refused add made ai.do: %s", s)
		}
	})

	t.Run("ErrNotAdministrator", func(t *testing.T) {
		t.Setenv(envNew, "mat-khau-moi-1")
		for _, login := range []string{"vanthu", "lanhdao", "chixem", "giangvien"} {
			if err := as(t, login, data.SamplePassword, "users", "add", "ai.do", "--role", "quan_tri", "--name", "Ai Đó"); data.ErrorCode(err) != data.EFORBIDDEN {
				t.Fatalf("%s adds an administrator: %v, want EFORBIDDEN", login, err)
			}
			if err := as(t, login, data.SamplePassword, "users", "reset", "quantri"); data.ErrorCode(err) != data.EFORBIDDEN {
				t.Fatalf("%s resets the administrator's password: %v, want EFORBIDDEN", login, err)
			}
		}
	})

	t.Run("Role", func(t *testing.T) {
		if out, err := users(t, "role", "thu.ha", "chi_xem"); err != nil || !strings.Contains(out, "Chỉ xem") {
			t.Fatalf("role: %q, %v", out, err)
		}
		if s := state(t, "thu.ha"); s != "Trần Thu Hà|Chỉ xem|đang dùng" {
			t.Fatalf("thu.ha: %s", s)
		}
		err := as(t, "thu.ha", "mat-khau-cua-ha", "settings", "signer", "--name", "Trần Thu Hà")
		refused(t, err, data.EFORBIDDEN)
	})

	t.Run("DisableEnable", func(t *testing.T) {
		if _, err := users(t, "disable", "thu.ha"); err != nil {
			t.Fatal(err)
		}
		if s := state(t, "thu.ha"); s != "Trần Thu Hà|Chỉ xem|đã vô hiệu" {
			t.Fatalf("thu.ha: %s", s)
		}
		refused(t, as(t, "thu.ha", "mat-khau-cua-ha", "enterprises", "list"), data.EFORBIDDEN)
		if _, err := users(t, "enable", "thu.ha"); err != nil {
			t.Fatal(err)
		}
		if err := as(t, "thu.ha", "mat-khau-cua-ha", "enterprises", "list"); err != nil {
			t.Fatalf("enabled again: %v", err)
		}
	})

	t.Run("ResetUnlocks", func(t *testing.T) {
		for range 5 {
			as(t, "vanthu", "khong-phai-mat-khau", "enterprises", "list")
		}
		if s := state(t, "vanthu"); !strings.Contains(s, "bị khóa đến") {
			t.Fatalf("vanthu after five wrong passwords: %s", s)
		}
		t.Setenv(envNew, "mat-khau-moi-cua-vanthu")
		if out, err := users(t, "reset", "VanThu"); err != nil || !strings.Contains(out, "mở khóa") {
			t.Fatalf("reset: %q, %v", out, err)
		}
		if err := as(t, "vanthu", "mat-khau-moi-cua-vanthu", "enterprises", "list"); err != nil {
			t.Fatalf("the new password: %v", err)
		}
		refused(t, as(t, "vanthu", data.SamplePassword, "enterprises", "list"), data.EFORBIDDEN)
	})

	t.Run("OwnPassword", func(t *testing.T) {
		t.Setenv(envNew, "mat-khau-rieng-cua-toi")
		if err := as(t, "chixem", data.SamplePassword, "users", "password"); err != nil {
			t.Fatalf("a viewer changes their own password: %v", err)
		}
		if err := as(t, "chixem", "mat-khau-rieng-cua-toi", "enterprises", "list"); err != nil {
			t.Fatalf("the new password: %v", err)
		}
		t.Setenv(envNew, "ngan")
		refused(t, as(t, "chixem", "mat-khau-rieng-cua-toi", "users", "password"), data.EINVALID)
	})

	t.Run("AdministratorsDisableEachOther", func(t *testing.T) {
		t.Setenv(envNew, "mat-khau-quan-tri-2")
		if _, err := users(t, "add", "quantri2", "--role", "quan_tri", "--name", "Phạm Minh Đức"); err != nil {
			t.Fatal(err)
		}
		if err := as(t, "quantri2", "mat-khau-quan-tri-2", "users", "disable", "quantri"); err != nil {
			t.Fatalf("an administrator disables another: %v", err)
		}
		refused(t, as(t, "quantri2", "mat-khau-quan-tri-2", "users", "disable", "quantri2"), data.ECONFLICT)
		refused(t, as(t, "quantri2", "mat-khau-quan-tri-2", "users", "role", "quantri2", "van_thu"), data.ECONFLICT)
		refused(t, runErr(t, "-db", db, "users", "disable", "quantri2"), data.EFORBIDDEN)
		if s := listed(t, db, "quantri2", "mat-khau-quan-tri-2", "quantri2"); s != "Phạm Minh Đức|Quản trị|đang dùng" {
			t.Fatalf("the last administrator: %s", s)
		}
	})
}

// withPassword runs f with KC_PASSWORD set to password, then sets back the sample's.
func withPassword(password string, f func()) {
	os.Setenv(envPassword, password)
	defer os.Setenv(envPassword, data.SamplePassword)
	f()
}

// listed returns login's name, role and state, "|"-separated, as `kc users list` run by admin
// prints them; "" when it is not listed.
func listed(t *testing.T, db, admin, password, login string) string {
	t.Helper()
	var out string
	var err error
	withPassword(password, func() { out, err = run(t, "-db", db, "--user", admin, "users", "list") })
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines(out) {
		if f := strings.Split(l, "\t"); f[0] == login {
			return strings.Join(f[1:4], "|")
		}
	}
	return ""
}
