package config

import (
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// tempHome gives the test its own config folder and password file.
func tempHome(t *testing.T) (pgpass string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("APPDATA", filepath.Join(home, "AppData"))
	pgpass = filepath.Join(home, "pgpass")
	t.Setenv("PGPASSFILE", pgpass)
	return pgpass
}

func TestSetDBPathServer(t *testing.T) {
	pgpass := tempHome(t)
	other := "khac:5432:*:ai:mat-khau-khac\n"
	if err := os.WriteFile(pgpass, []byte(other), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, password := range []string{"cu", `m:k\ở`} { // the second replaces the first
		u := url.URL{Scheme: "postgres", User: url.UserPassword("van phong", password), Host: "192.168.1.10", Path: "/khuyencong"}
		if err := SetDBPath(u.String()); err != nil {
			t.Fatal(err)
		}
	}
	got, err := DBPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := "postgres://van%20phong@192.168.1.10/khuyencong"; got != want {
		t.Fatalf("DBPath()=%q, want %q: the address without its password", got, want)
	}
	dir, _ := Dir()
	if b, _ := os.ReadFile(filepath.Join(dir, "config.json")); strings.Contains(string(b), "m:k") || strings.Contains(string(b), "cu@") {
		t.Fatalf("config.json holds the password:\n%s", b)
	}
	b, err := os.ReadFile(pgpass)
	if err != nil {
		t.Fatal(err)
	}
	if want := other + `192.168.1.10:5432:khuyencong:van phong:m\:k\\ở` + "\n"; string(b) != want {
		t.Fatalf("password file:\n%s\nwant:\n%s", b, want)
	}
	if fi, _ := os.Stat(pgpass); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("password file mode %v, want 0600", fi.Mode().Perm())
	}
	// The driver finds the password from the address alone, as the window and kc open it.
	cfg, err := pgconn.ParseConfig(got)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Password != `m:k\ở` {
		t.Fatalf("the driver read password %q", cfg.Password)
	}
}

func TestSetDBPathBadAddress(t *testing.T) {
	tempHome(t)
	if err := SetDBPath("postgres://vanphong:m%zz@192.168.1.10/khuyencong"); err == nil {
		t.Fatal("an address that cannot be read was kept, password and all")
	}
	if got, _ := DBPath(); strings.HasPrefix(got, "postgres") {
		t.Fatalf("DBPath()=%q after a refused address", got)
	}
}

func TestSetDBPathFile(t *testing.T) {
	pgpass := tempHome(t)
	path := filepath.Join(t.TempDir(), "kc.db")
	if err := SetDBPath(path); err != nil {
		t.Fatal(err)
	}
	if got, _ := DBPath(); got != path {
		t.Fatalf("DBPath()=%q, want %q", got, path)
	}
	if _, err := os.Stat(pgpass); !os.IsNotExist(err) {
		t.Fatalf("a file database wrote the password file: %v", err)
	}
}
