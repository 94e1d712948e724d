// Package config finds the database both programs open when no -db flag is given, so the window
// and the command line always agree on it.
package config

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
)

// file is the machine-wide choice of database, in the user's config folder.
type file struct {
	// Database is the path of the database file to open, or the server's address without its
	// password (which is in the PostgreSQL password file: see SetDBPath).
	Database string `json:"database"`
}

// Dir returns the program's folder in the user's config folder (%AppData%\khuyencong on Windows).
func Dir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", data.Errorf(data.EINVALID, "Không tìm thấy thư mục cấu hình của người dùng; hãy chỉ rõ tệp dữ liệu bằng -db ĐƯỜNG_DẪN.")
	}
	return filepath.Join(base, "khuyencong"), nil
}

// DBPath returns the database chosen in the settings, or khuyencong.db in Dir when none was.
func DBPath() (string, error) {
	dir, err := Dir()
	if err != nil {
		return "", err
	}
	var f file
	if b, err := os.ReadFile(filepath.Join(dir, "config.json")); err == nil && json.Unmarshal(b, &f) == nil && f.Database != "" {
		return f.Database, nil
	}
	return filepath.Join(dir, "khuyencong.db"), nil
}

// SetDBPath makes path, a file's path or a server's address, the database both programs open
// from now on. A server's password is not written in config.json (see keepPassword).
func SetDBPath(path string) error {
	dir, err := Dir()
	if err != nil {
		return err
	}
	if path, err = keepPassword(path); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(file{Database: path}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "config.json"), b, 0o644)
}

// AutoBackupDir is where the window keeps the backups it takes at each start: beside a database
// file, so a database on a shared folder has its backups there too; for a server's database, on
// this computer, in a folder of Dir named after the server and database (each desk that backs a
// server up keeps its own copies: any one of them restores the office).
func AutoBackupDir(location string) string {
	if !store.IsServer(location) {
		return filepath.Join(filepath.Dir(location), "khuyencong-sao-luu-tu-dong")
	}
	dir, err := Dir()
	if err != nil {
		dir = os.TempDir()
	}
	name := "may-chu"
	if u, err := url.Parse(location); err == nil {
		name = strings.Trim(unsafeInName.ReplaceAllString(u.Host+"-"+strings.Trim(u.Path, "/"), "_"), "_")
	}
	return filepath.Join(dir, "sao-luu-may-chu", name)
}

// unsafeInName matches what a folder name on Windows may not hold, or should not.
var unsafeInName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)
