package config

import (
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
)

// The password of a server database is kept where PostgreSQL's own programs keep it, the
// password file (pgpass.conf in %AppData%\postgresql on Windows, ~/.pgpass elsewhere, or
// PGPASSFILE), readable by the user alone: not in config.json, which shows the address, and not
// in the window's preferences. The driver reads it when an address has no password, so the
// window, kc and psql all connect with the address alone.

// defaultPort is PostgreSQL's port, the one an address without a port means.
const defaultPort = "5432"

// keepPassword writes the password of a server's address, location, into the password file and
// returns the address without it; a file's path comes back as it is.
func keepPassword(location string) (string, error) {
	if !store.IsServer(location) {
		return location, nil
	}
	if err := savePassword(location); err != nil {
		return "", err
	}
	return store.ServerAddress(location), nil
}

// passwordFile returns the PostgreSQL password file of this user, as the driver finds it.
func passwordFile() (string, error) {
	if f := os.Getenv("PGPASSFILE"); f != "" {
		return f, nil
	}
	if runtime.GOOS == "windows" {
		if appData := os.Getenv("APPDATA"); appData != "" {
			return filepath.Join(appData, "postgresql", "pgpass.conf"), nil
		}
	} else if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".pgpass"), nil
	}
	return "", data.Errorf(data.EINVALID, "Không tìm thấy thư mục của người dùng để cất mật khẩu máy chủ; hãy đặt biến môi trường PGPASSFILE.")
}

// savePassword writes the password of the server address location into the password file, in
// place of the line of the same server, port, database and login; an address without a password
// leaves the file as it is. An address that cannot be read is refused: kept as it is, it would
// keep its password in the settings.
func savePassword(location string) error {
	u, err := url.Parse(location)
	if err != nil {
		return data.Errorf(data.EINVALID, "Địa chỉ máy chủ không đúng dạng. Hãy viết postgres://tên-đăng-nhập:mật-khẩu@máy-chủ:5432/tên-cơ-sở-dữ-liệu.")
	}
	if u.User == nil {
		return nil
	}
	password, ok := u.User.Password()
	if !ok {
		return nil
	}
	port := u.Port()
	if port == "" {
		port = defaultPort
	}
	key := []string{u.Hostname(), port, strings.TrimPrefix(u.Path, "/"), u.User.Username()}
	for i, f := range key {
		key[i] = escapePassField(f)
	}
	prefix := strings.Join(key, ":") + ":"
	path, err := passwordFile()
	if err != nil {
		return err
	}
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(string(old), "\n"), "\n") {
		if line != "" && !strings.HasPrefix(line, prefix) {
			lines = append(lines, line)
		}
	}
	lines = append(lines, prefix+escapePassField(password))
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	// Written beside and renamed, so that a failure midway leaves the other servers' lines.
	tmp := path + ".moi"
	if err := os.WriteFile(tmp, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// escapePassField writes a field of the password file: a colon or a backslash in it is escaped.
func escapePassField(s string) string {
	return strings.NewReplacer(`\`, `\\`, `:`, `\:`).Replace(s)
}
