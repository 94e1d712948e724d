// Package config finds the database both programs open when no -db flag is given, so the window
// and the command line always agree on it.
package config

import (
	"encoding/json"
	"os"
	"path/filepath"

	"khuyencong/data"
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

// AutoBackupDir is where the window keeps the backups it takes at each start: beside the database,
// so a database on a shared folder has its backups there too.
func AutoBackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "khuyencong-sao-luu-tu-dong")
}
