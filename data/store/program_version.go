package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"

	"khuyencong/data"
)

// programVersionKey keeps the newest version of the program that has opened the database, so that
// an older one that refuses the file can say which version to install.
const programVersionKey = storePrefix + "program_version"

// SchemaVersion returns the number of the newest schema step (migration) the database has had:
// 5 after migration/0005_search_rank.sql.
func (db *DB) SchemaVersion(ctx context.Context) (_ int, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (int, error) {
		var name sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT max(name) FROM migrations`).Scan(&name); err != nil {
			return 0, err
		}
		return migrationNumber(name.String), nil
	})
}

// migrationNumber is the number a migration's file name starts with, 0 for none.
func migrationNumber(name string) int {
	n, _ := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
	return n
}

// NoteProgramVersion records version ("0.2.0") as that of a program using the database, unless a
// newer one was recorded before. A development build ("dev", "") records nothing.
func (db *DB) NoteProgramVersion(ctx context.Context, version string) (err error) {
	defer translate(&err)
	if parseVersion(version) == nil {
		return nil
	}
	tx, err := db.begin(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := setting(ctx, tx, programVersionKey)
	if err != nil {
		return err
	}
	if compareVersions(version, old) <= 0 {
		return nil
	}
	if err := setSetting(ctx, tx, programVersionKey, version); err != nil {
		return err
	}
	return tx.Commit()
}

// newerSchema is the refusal of a database that has a schema step (name) this program does not
// know, naming the version to install when a program recorded it.
func newerSchema(ctx context.Context, d dialect, sdb *sql.DB, path, name string) error {
	var version string
	if err := sdb.QueryRowContext(ctx, d.rebind(`SELECT value FROM settings WHERE key = ?`), programVersionKey).Scan(&version); err != nil || parseVersion(version) == nil {
		version = "mới nhất"
	}
	return data.Errorf(data.ECONFLICT, "Cơ sở dữ liệu %s do một phiên bản mới hơn của chương trình tạo ra (có bước cập nhật %s mà phiên bản này không biết). Hãy cập nhật phần mềm lên phiên bản %s rồi mở lại; phiên bản này không sửa gì trong cơ sở dữ liệu.", path, name, version)
}

// parseVersion returns the numbers of a dotted version ("0.10.2"), nil when it is not one.
func parseVersion(v string) []int {
	if v == "" {
		return nil
	}
	var out []int
	for _, p := range strings.Split(v, ".") {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil
		}
		out = append(out, n)
	}
	return out
}

// compareVersions compares two dotted versions number by number, a missing number counting as 0
// (so "" is older than any release).
func compareVersions(a, b string) int {
	pa, pb := parseVersion(a), parseVersion(b)
	for i := range max(len(pa), len(pb)) {
		var x, y int
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}
