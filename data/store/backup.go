package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"khuyencong/data"
)

// backupName matches the names BackupTo gives its files, and no other.
var backupName = regexp.MustCompile(`^khuyencong-[0-9]{8}-[0-9]{6}\.db$`)

// BackupTo writes a consistent copy of the live database, a file the program opens as is, into dir, creating
// it when missing, as khuyencong-YYYYMMDD-HHMMSS.db after the store's clock, and returns its path.
// EINVALID when dir cannot be written; ECONFLICT when a backup of that second already exists.
func (db *DB) BackupTo(ctx context.Context, dir string) (path string, err error) {
	defer translate(&err)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", data.Errorf(data.EINVALID, "Không tạo được thư mục sao lưu %s. Hãy chọn thư mục khác.", dir)
	}
	if err := checkDir(dir); err != nil {
		return "", data.Errorf(data.EINVALID, "Không ghi được vào thư mục sao lưu %s. Hãy chọn thư mục khác.", dir)
	}
	path = filepath.Join(dir, db.Now().Format("khuyencong-20060102-150405.db"))
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		return "", data.Errorf(data.ECONFLICT, "Đã có tệp sao lưu %s; chương trình không ghi đè lên nó. Hãy đợi một giây rồi sao lưu lại.", path)
	}
	if err := db.snapshot(ctx, path); err != nil {
		var e *data.Error
		if errors.As(err, &e) {
			return "", err
		}
		return "", fmt.Errorf("backup to %s: %w", path, err)
	}
	return path, nil
}

// snapshot writes a consistent copy of the live database to the new file path, one the program
// opens as is: SQLite copies a file itself (VACUUM INTO); a server's database is copied into a
// new file as kc db copy does.
func (db *DB) snapshot(ctx context.Context, path string) error {
	if db.IsServer() {
		_, err := db.CopyTo(ctx, path)
		return err
	}
	return db.withLeanConn(ctx, func(c *sql.Conn) error {
		_, err := c.ExecContext(ctx, `VACUUM INTO ?`, path)
		return err
	})
}

// AutoBackup makes a backup into dir, then deletes the oldest backups there beyond the newest
// keep. It deletes only files named as BackupTo names them. EINVALID for keep below 1 or a dir
// that cannot be written.
func (db *DB) AutoBackup(ctx context.Context, dir string, keep int) (path string, err error) {
	if keep < 1 {
		return "", data.Errorf(data.EINVALID, "Số bản sao lưu cần giữ phải từ 1 trở lên (đang là %d).", keep)
	}
	if path, err = db.BackupTo(ctx, dir); err != nil {
		return "", err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return path, fmt.Errorf("sqlite: list backups: %w", err)
	}
	var backups []string // older backups, oldest first: ReadDir sorts by name, and the name is the time
	for _, e := range entries {
		if e.Type().IsRegular() && backupName.MatchString(e.Name()) && e.Name() != filepath.Base(path) {
			backups = append(backups, e.Name())
		}
	}
	for _, name := range backups[:max(len(backups)-(keep-1), 0)] {
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			return path, fmt.Errorf("sqlite: remove old backup: %w", err)
		}
	}
	return path, nil
}
