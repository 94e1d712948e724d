package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	sqlite3 "modernc.org/sqlite/lib"

	"khuyencong/data"
)

// quickCheck runs SQLite's quick check on the open database at path and refuses a damaged one:
// opening it would let some lists work and others fail, and every write risks more damage.
func quickCheck(ctx context.Context, sdb querier, path, backupDir string) error {
	rows, err := sdb.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return damagedOr(err, path, backupDir)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return damagedOr(err, path, backupDir)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return damagedOr(err, path, backupDir)
	}
	if len(problems) > 0 {
		return damaged(path, backupDir, strings.Join(problems, "; "))
	}
	return nil
}

// QuickCheck runs SQLite's quick check on the open database: EINVALID, saying in words that the
// file is damaged and which automatic backup to restore, when it fails. It reads the whole file,
// about a second at 100,000 enterprises, so the window runs it after it has shown itself. A
// server's database has nothing to check from a desk: the server keeps its own files whole.
func (db *DB) QuickCheck(ctx context.Context) error {
	if db.IsServer() {
		return nil
	}
	return db.withLeanConn(ctx, func(c *sql.Conn) error { return quickCheck(ctx, c, db.path, db.backupDir) })
}

// damagedOr returns the damaged-file error when err is SQLite saying the file is corrupt or not
// a database, and err otherwise.
func damagedOr(err error, path, backupDir string) error {
	switch sqliteCode(err) & 0xff {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return damaged(path, backupDir, err.Error())
	}
	return fmt.Errorf("sqlite: read %s: %w", path, err)
}

// damaged says in words that the file at path is damaged and which backup to restore; detail,
// SQLite's own words, is for the technician.
func damaged(path, backupDir, detail string) error {
	advice := "Hãy khôi phục từ bản sao lưu gần nhất (Cài đặt → \"Khôi phục từ bản sao lưu…\", hoặc lệnh kc restore TỆP_SAO_LƯU)."
	if newest, err := NewestBackup(backupDir); err == nil && newest != "" {
		advice = fmt.Sprintf("Bản sao lưu tự động mới nhất là %s: hãy khôi phục từ bản đó (Cài đặt → \"Khôi phục từ bản sao lưu…\", hoặc lệnh kc restore \"%s\").", newest, newest)
	}
	return data.Errorf(data.EINVALID, "Tệp cơ sở dữ liệu %s bị hỏng (có thể do mất điện, ổ đĩa lỗi hoặc chép tệp dở dang), nên chương trình không mở để khỏi làm hỏng thêm và không sửa gì trong tệp. %s Chi tiết cho bộ phận kỹ thuật: %s.", path, advice, detail)
}

// NewestBackup returns the newest backup BackupTo wrote into dir, "" when there is none (or dir
// is "" or missing).
func NewestBackup(dir string) (string, error) {
	if dir == "" {
		return "", nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("sqlite: list backups: %w", err)
	}
	newest := ""
	for _, e := range entries { // sorted by name, and the name is the time
		if e.Type().IsRegular() && backupName.MatchString(e.Name()) {
			newest = filepath.Join(dir, e.Name())
		}
	}
	return newest, nil
}

// Restore puts the backup in place of the database at path, and returns where the database that
// was there was kept: beside it, renamed with "truoc-khoi-phuc" and the time now (with its -wal
// and -shm, so nothing it held is lost), "" when there was none. It never overwrites: the backup
// is copied beside path first, then the current file is renamed aside, then the copy renamed into
// place. It refuses a backup that is missing, empty, damaged, not the program's database or made
// by a newer version (EINVALID, ECONFLICT), and does nothing then. Close every program using the
// database first.
func Restore(backup, path string, now time.Time) (aside string, err error) {
	src, err := filepath.Abs(backup)
	if err != nil {
		return "", badPath(backup)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", badPath(path)
	}
	if src == abs {
		return "", data.Errorf(data.EINVALID, "Tệp sao lưu và cơ sở dữ liệu là cùng một tệp %s. Hãy chọn một bản sao lưu khác.", src)
	}
	if err := checkBackup(src); err != nil {
		return "", err
	}
	copied := abs + ".dang-khoi-phuc"
	removeDB(copied) // what a restore stopped midway left
	if err := copyFile(src, copied); err != nil {
		os.Remove(copied)
		return "", data.Errorf(data.EFORBIDDEN, "Không chép được bản sao lưu vào thư mục %s (%v). Cơ sở dữ liệu chưa bị thay đổi; hãy kiểm tra chỗ trống trên ổ đĩa và quyền ghi.", filepath.Dir(abs), err)
	}
	if _, err := os.Lstat(abs); err == nil {
		aside = abs + now.Format(".truoc-khoi-phuc-20060102-150405")
		if err := moveAside(abs, aside); err != nil {
			os.Remove(copied)
			return "", err
		}
	}
	if err := os.Rename(copied, abs); err != nil {
		if aside != "" {
			moveAside(aside, abs)
		}
		os.Remove(copied)
		return "", data.Errorf(data.EFORBIDDEN, "Không đặt được bản sao lưu vào chỗ %s (%v). Cơ sở dữ liệu cũ vẫn ở nguyên chỗ.", abs, err)
	}
	return aside, nil
}

// checkBackup refuses a backup that is not a whole database of this program or a later version's.
func checkBackup(path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return data.Errorf(data.ENOTFOUND, "Không có tệp sao lưu %s. Hãy kiểm tra lại đường dẫn.", path)
	}
	err := checkContent(path, "")
	var applied map[string]bool
	if err == nil {
		applied, err = inspect(context.Background(), path, "", true)
	}
	if err == nil && len(applied) == 0 {
		err = data.Errorf(data.EINVALID, "Tệp này không phải bản sao lưu cơ sở dữ liệu của chương trình khuyến công.")
	}
	if err != nil {
		return data.Errorf(data.ErrorCode(err), "Không khôi phục từ tệp %s: %s", path, data.ErrorMessage(err))
	}
	return nil
}

// moveAside renames the database file from and its -wal and -shm to the name to, refusing to
// replace anything there.
func moveAside(from, to string) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if _, err := os.Lstat(to + suffix); err == nil {
			return data.Errorf(data.ECONFLICT, "Đã có tệp %s; chương trình không ghi đè. Hãy đợi một giây rồi thử lại.", to+suffix)
		}
	}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(from+suffix, to+suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return data.Errorf(data.EFORBIDDEN, "Không đổi tên được tệp %s để giữ lại (%v); có thể chương trình khác đang mở nó. Hãy đóng mọi cửa sổ của chương trình rồi thử lại.", from+suffix, err)
		}
	}
	return nil
}

// copyFile copies the file src to the new file dst and flushes it to the disk.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
