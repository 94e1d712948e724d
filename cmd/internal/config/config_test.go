package config

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestAutoBackupDir: a file's backups sit beside it; a server's, in this computer's config folder,
// in a folder named after the server and database, with no password and nothing Windows refuses.
func TestAutoBackupDir(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("AppData", t.TempDir())
	if got, want := AutoBackupDir(filepath.Join("D:", "du-lieu", "kc.db")), filepath.Join("D:", "du-lieu", "khuyencong-sao-luu-tu-dong"); got != want {
		t.Fatalf("AutoBackupDir(file)=%s, want %s", got, want)
	}
	dir, err := Dir()
	if err != nil {
		t.Fatal(err)
	}
	got := AutoBackupDir("postgres://van.thu:bi-mat@may-chu.local:5432/khuyencong?sslmode=disable")
	if want := filepath.Join(dir, "sao-luu-may-chu", "may-chu.local_5432-khuyencong"); got != want {
		t.Fatalf("AutoBackupDir(server)=%s, want %s", got, want)
	}
	if strings.Contains(got, "bi-mat") {
		t.Fatalf("the folder %s holds the password", got)
	}
}
