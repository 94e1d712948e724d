package store

// The single-file backend: one SQLite file (modernc.org/sqlite, pure Go), the default.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// busyTimeout is how long, in milliseconds, a statement waits for a lock another program holds.
var busyTimeout = 5000

// cacheKiB is the most page cache a connection keeps, in KiB: enough for a search of 100,000
// enterprises to read their table from memory again (8 MB made it two to four times slower),
// and emptied by ReleaseMemory once the start-up work is done.
const cacheKiB = 32768

// connIdle is how long an idle connection, and its page cache, is kept.
const connIdle = time.Minute

func init() {
	sqlite.MustRegisterCollationUtf8("vi", vn.Compare)
}

// createFile makes a new database file at path, creating its folder when missing, and opens it
// (see Create), with the catalogue unless o says schemaOnly; EFORBIDDEN for a folder it cannot write.
func createFile(path string, o Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, badPath(path)
	}
	if err := createEmpty(abs); err != nil {
		return nil, err
	}
	db, err := open(context.Background(), abs, map[string]bool{}, Options{schemaOnly: o.schemaOnly, schema: o.schema})
	if err != nil {
		removeDB(abs)
	}
	return db, lockedMessage(err, abs)
}

// CreateWith makes a new database at location filled by fill, all or nothing: fill runs on a new
// database beside a file's path (named path + ".dang-tao"), which is moved into place only once
// fill has succeeded and the file is closed. A fill that fails, or a program killed midway, leaves
// no database at path, and the next CreateWith starts afresh. ECONFLICT when path exists, as
// Create. A server's empty database is filled the same way: fill runs on a new file in a
// temporary folder, which is then copied to the server in one transaction (see CopyTo).
func CreateWith(location string, fill func(*DB) error) error {
	if IsServer(location) {
		return createServerWith(location, fill)
	}
	return createWith(location, Options{}, fill)
}

// createWith is CreateWith of a database created as o says (schemaOnly).
func createWith(path string, o Options, fill func(*DB) error) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return badPath(path)
	}
	if _, err := os.Lstat(abs); err == nil {
		return data.Errorf(data.ECONFLICT, "Đã có tệp %s; chương trình không ghi đè lên tệp có sẵn. Hãy chọn tên tệp khác cho cơ sở dữ liệu mới.", abs)
	}
	partial := abs + ".dang-tao"
	removeDB(partial) // what a killed CreateWith left
	db, err := createFile(partial, o)
	if err != nil {
		return err
	}
	if err := fill(db); err != nil {
		db.Close()
		removeDB(partial)
		return err
	}
	if err := db.Close(); err != nil {
		removeDB(partial)
		return fmt.Errorf("sqlite: close %s: %w", partial, err)
	}
	// The last connection to close folds the -wal into the file; one left means the file alone
	// is not the whole database.
	if _, err := os.Lstat(partial + "-wal"); err == nil {
		removeDB(partial)
		return fmt.Errorf("sqlite: %s-wal remains after close", partial)
	}
	// A hard link does not replace a file that appeared meanwhile, as a rename would; a folder
	// that has no hard links (a FAT stick, some shares) gets the rename.
	err = os.Link(partial, abs)
	if err == nil {
		return os.Remove(partial)
	}
	if _, statErr := os.Lstat(abs); errors.Is(err, fs.ErrExist) || statErr == nil {
		removeDB(partial)
		return data.Errorf(data.ECONFLICT, "Đã có tệp %s; chương trình không ghi đè lên tệp có sẵn.", abs)
	}
	if err := os.Rename(partial, abs); err != nil {
		removeDB(partial)
		return fmt.Errorf("sqlite: move %s into place: %w", partial, err)
	}
	return nil
}

// Options says how OpenWith opens a database.
type Options struct {
	// CreateMissing makes the database, as Create does, when path does not exist: for the
	// window's first start on its default path. An empty file is still refused.
	CreateMissing bool
	// BackupDir is the folder of the automatic backups. A database whose schema must be upgraded
	// is backed up there (BackupTo) before the upgrade, so a copy of the file as the older program
	// left it exists; a damaged one is refused with the name of the newest backup found there.
	BackupDir string
	// QuickCheck runs SQLite's quick check before anything else, refusing a damaged file. It reads
	// the whole file (about a second at 100,000 enterprises), so the window runs it after start,
	// with (*DB).QuickCheck, and kc here. Without it Open still refuses a truncated file.
	QuickCheck bool
	// schemaOnly makes a new database without the catalogue (nor its line in the history): a
	// copy's target, which gets the source's (copy.go).
	schemaOnly bool
	// schema, when not nil, are the only migrations a new database is made with: a copy's
	// target is made at its source's schema, which may be older than the program's (copy.go).
	schema map[string]bool
}

// openFile opens the database file at path (see OpenWith).
func openFile(path string, o Options) (*DB, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, badPath(path)
	}
	if o.CreateMissing {
		if _, err := os.Lstat(abs); errors.Is(err, fs.ErrNotExist) {
			return createFile(abs, Options{})
		}
	}
	if err := checkFile(abs, o.BackupDir); err != nil {
		return nil, err
	}
	ctx := context.Background()
	applied, err := inspect(ctx, abs, o.BackupDir, o.QuickCheck)
	var db *DB
	if err == nil {
		db, err = open(ctx, abs, applied, o)
	}
	return db, lockedMessage(err, abs)
}

// badPath is the error for a path that cannot be made absolute.
func badPath(path string) error {
	return data.Errorf(data.EINVALID, "Đường dẫn %q không dùng được. Hãy chọn lại tệp cơ sở dữ liệu.", path)
}

// lockedMessage returns err, or a sentence when it says another program keeps the database at abs
// locked.
func lockedMessage(err error, abs string) error {
	if isBusy(err) {
		return data.Errorf(data.ECONFLICT, "Cơ sở dữ liệu %s đang bị một chương trình khác khoá (có thể một cửa sổ khác của chương trình hoặc một máy khác đang ghi vào tệp). Hãy đóng chương trình đó rồi mở lại.", abs)
	}
	return err
}

// removeDB removes the database file at abs and the files SQLite keeps beside it.
func removeDB(abs string) {
	for _, p := range []string{abs, abs + "-wal", abs + "-shm"} {
		os.Remove(p)
	}
}

// createEmpty makes the empty file a new database starts from, and its folder, refusing a path
// that exists: the file is created exclusively, so two programs cannot both create it.
func createEmpty(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return data.Errorf(data.EFORBIDDEN, "Không tạo được thư mục %s để chứa cơ sở dữ liệu. Hãy chọn thư mục khác.", dir)
	}
	if err := checkDir(dir); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return data.Errorf(data.ECONFLICT, "Đã có tệp %s; chương trình không ghi đè lên tệp có sẵn. Hãy chọn tên tệp khác cho cơ sở dữ liệu mới, hoặc mở tệp đó.", path)
	} else if err != nil {
		return data.Errorf(data.EFORBIDDEN, "Không tạo được tệp %s. Hãy kiểm tra quyền ghi vào thư mục hoặc chọn thư mục khác.", path)
	}
	return f.Close()
}

// open opens the checked file at abs for the store, brings its schema up to date from the
// migrations already applied (after a backup into backupDir when set), and loads the catalogues. The catalogue check takes the write lock
// even when nothing changed, so a database that another program keeps locked is found here and
// not at the clerk's first save.
func open(ctx context.Context, abs string, applied map[string]bool, o Options) (*DB, error) {
	backupDir := o.BackupDir
	sdb, err := sql.Open("sqlite", uri(abs)+"?_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)"+
		fmt.Sprintf("&_pragma=busy_timeout(%d)", busyTimeout)+"&_pragma=synchronous(FULL)"+fmt.Sprintf("&_pragma=cache_size(%d)", -cacheKiB)+"&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", abs, err)
	}
	// The quick check and the backup read the whole file on connections of their own; each
	// connection keeps its page cache as long as it lives, so only one is kept idle, and not for
	// long.
	sdb.SetMaxIdleConns(1)
	sdb.SetConnMaxIdleTime(connIdle)
	db := &DB{Now: time.Now, db: sdb, d: sqliteDialect{}, path: abs, backupDir: backupDir}
	if err = db.checkConn(ctx); err == nil {
		if err = db.backupBeforeUpgrade(ctx, applied, backupDir); err == nil {
			err = db.migrate(ctx, applied, o.schema)
		}
		if err == nil && !o.schemaOnly {
			if err = db.reindexIfStale(ctx); err == nil {
				err = db.loadCatalogue(ctx)
			}
		}
	}
	if err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// leanKiB is the page cache of a connection that reads the whole file once (the quick check, a
// backup): a larger one would only fill with pages read once.
const leanKiB = 2048

// querier is what a query runs on: *sql.DB or *sql.Conn.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// withLeanConn runs f on a connection of the pool with its page cache held to leanKiB, then
// empties that cache and gives the connection back with the usual one.
func (db *DB) withLeanConn(ctx context.Context, f func(*sql.Conn) error) error {
	c, err := db.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -leanKiB)); err != nil {
		return err
	}
	ferr := f(c)
	if _, err = c.ExecContext(ctx, `PRAGMA shrink_memory`); err == nil {
		_, err = c.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -cacheKiB))
	}
	if ferr != nil {
		return ferr
	}
	return err
}

// ReleaseMemory empties the page cache of the idle connection (the pool keeps one), for the
// window once the quick check and the backup, which read the whole file, are over. A server's
// pages are cached by the server, not here: nothing to release.
func (db *DB) ReleaseMemory(ctx context.Context) error {
	if db.IsServer() {
		return nil
	}
	_, err := db.db.ExecContext(ctx, `PRAGMA shrink_memory`)
	return err
}

// uri returns the SQLite URI of the file at the absolute path abs, with no query: the path is
// percent-escaped ("?", "#", "%", spaces, Vietnamese letters) and a Windows path becomes
// file:///C:/….
func uri(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return "file://" + (&url.URL{Path: p}).EscapedPath()
}

// sqliteHeader opens every SQLite database file.
const sqliteHeader = "SQLite format 3\x00"

// checkFile refuses, before the driver touches it, a missing or empty file, a file that is not an
// SQLite database or is shorter than its header says (truncated: backupDir names where the
// automatic backups are), or one the store could not write: opening in WAL mode writes to the file
// and creates files beside it. The permission bits are read rather than trusting the system to
// refuse a write, which it does not for an administrator.
func checkFile(path, backupDir string) error {
	if err := checkContent(path, backupDir); err != nil {
		return err
	}
	if fi, err := os.Stat(path); err == nil && fi.Mode().Perm()&0o222 == 0 {
		return data.Errorf(data.EFORBIDDEN, "Tệp %s chỉ cho phép đọc nên chương trình không ghi được. Hãy bỏ thuộc tính chỉ đọc (Read-only) của tệp, hoặc chép tệp sang thư mục khác rồi mở lại.", path)
	}
	return checkDir(filepath.Dir(path))
}

// checkContent refuses a missing or empty file, one that is not an SQLite database, and one
// shorter than its header says.
func checkContent(path, backupDir string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return data.Errorf(data.ENOTFOUND, "Không có tệp cơ sở dữ liệu %s. Hãy kiểm tra lại đường dẫn (tên thư mục, tên tệp). Chương trình không tự tạo cơ sở dữ liệu khi mở: muốn bắt đầu dữ liệu mới, hãy chọn \"Tạo cơ sở dữ liệu mới\".", path)
	} else if err != nil {
		return data.Errorf(data.EINVALID, "Không đọc được tệp %s. Hãy kiểm tra đường dẫn và quyền truy cập.", path)
	}
	if !fi.Mode().IsRegular() {
		return data.Errorf(data.EINVALID, "%s không phải một tệp cơ sở dữ liệu. Hãy chọn tệp .db của chương trình.", path)
	}
	if fi.Size() == 0 {
		return data.Errorf(data.EINVALID, "Tệp %s trống (0 byte), không chứa dữ liệu nào: có thể do chép hoặc tải tệp bị lỗi giữa chừng. Chương trình không mở và không sửa tệp này; hãy chép lại tệp từ bản gốc hoặc khôi phục từ bản sao lưu.", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return data.Errorf(data.EINVALID, "Không đọc được tệp %s. Hãy kiểm tra quyền truy cập.", path)
	}
	head := make([]byte, 100) // the database header
	n, err := io.ReadFull(f, head)
	f.Close()
	if n < len(sqliteHeader) || string(head[:len(sqliteHeader)]) != sqliteHeader {
		return data.Errorf(data.EINVALID, "Tệp %s không phải cơ sở dữ liệu SQLite (có thể là tài liệu hoặc tệp khác bị đổi tên). Chương trình không sửa gì trong tệp này; hãy chọn đúng tệp .db của chương trình.", path)
	}
	if err != nil || truncated(head, fi.Size(), path) {
		return damaged(path, backupDir, fmt.Sprintf("tệp dài %d byte, ngắn hơn phần đầu tệp ghi", fi.Size()))
	}
	return nil
}

// truncated reports whether the database file at path, of size bytes and header head, holds fewer
// pages than its header says. The header's page count is valid only when its change counter
// matches, and pages may still sit in a -wal file beside it.
func truncated(head []byte, size int64, path string) bool {
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	if _, err := os.Lstat(path + "-wal"); err == nil || !bytes.Equal(head[24:28], head[92:96]) {
		return false
	}
	return pages*pageSize > size
}

// checkDir refuses a folder whose permission bits forbid writing. Windows ignores the read-only
// attribute of folders, so there the system's answer is awaited instead.
func checkDir(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return data.Errorf(data.EINVALID, "Không đọc được thư mục %s. Hãy kiểm tra đường dẫn.", dir)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o222 == 0 {
		return data.Errorf(data.EFORBIDDEN, "Thư mục %s chỉ cho phép đọc, mà chương trình cần ghi tệp nhật ký bên cạnh cơ sở dữ liệu. Hãy cho phép ghi vào thư mục hoặc chép tệp sang thư mục khác.", dir)
	}
	return nil
}

// checkConn refuses a database the system let the driver open only for reading, and reads the
// pragmas back (the driver ignores a misspelled one).
func (db *DB) checkConn(ctx context.Context) error {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("sqlite: connect: %w", err)
	}
	defer conn.Close()
	var readOnly bool
	if err := conn.Raw(func(dc any) error {
		c, ok := dc.(interface{ IsReadOnly(string) (bool, error) })
		if !ok {
			return errors.New("driver connection cannot report read-only")
		}
		readOnly, err = c.IsReadOnly("main")
		return err
	}); err != nil {
		return fmt.Errorf("sqlite: read-only check: %w", err)
	}
	if readOnly {
		return data.Errorf(data.EFORBIDDEN, "Chương trình chỉ được đọc tệp %s, không được ghi. Hãy xin quyền ghi vào tệp và thư mục của nó, hoặc chép tệp sang thư mục khác rồi mở lại.", db.path)
	}
	for _, p := range []struct{ name, want string }{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", fmt.Sprint(busyTimeout)},
		{"synchronous", "2"}, // FULL: a commit survives a power cut
	} {
		var got string
		if err := conn.QueryRowContext(ctx, "PRAGMA "+p.name).Scan(&got); err != nil {
			return fmt.Errorf("sqlite: pragma %s: %w", p.name, err)
		}
		if got != p.want {
			return data.Errorf(data.EINTERNAL, "Cơ sở dữ liệu %s không đặt được chế độ %s = %s (đang là %s), nên chương trình dừng để dữ liệu không bị hỏng. Nếu tệp nằm trên ổ mạng, hãy chép nó vào máy này rồi mở lại; nếu không, hãy báo bộ phận kỹ thuật.", db.path, p.name, p.want, got)
		}
	}
	return nil
}

// backupBeforeUpgrade backs the database up into dir when it has a schema to upgrade, so that a
// copy of the file as the older program left it exists: a new database needs none.
func (db *DB) backupBeforeUpgrade(ctx context.Context, applied map[string]bool, dir string) error {
	if dir == "" || len(applied) == 0 || len(pending(sqliteDialect{}, applied)) == 0 {
		return nil
	}
	path, err := db.BackupTo(ctx, dir)
	if err != nil {
		return data.Errorf(data.ECONFLICT, "Chương trình cần nâng cấp cơ sở dữ liệu %s nhưng không sao lưu được tệp trước khi nâng cấp (%s), nên chưa sửa gì. Hãy xử lý lỗi sao lưu rồi mở lại.", db.path, data.ErrorMessage(err))
	}
	db.upgradeBackup = path
	return nil
}

// inspect returns the migrations the database at path has had, only reading, so that nothing is
// written before the checks pass. It refuses a database made by a newer program (one with a
// migration this program does not know), a damaged one (with check, SQLite's quick check; backupDir
// names where the automatic backups are) and an SQLite database that is not the program's own. Its
// connection is not read-only, though it only reads: a read-only connection cannot remove
// the -wal and -shm files that reading a WAL database makes, which the last connection to close
// removes.
func inspect(ctx context.Context, path, backupDir string, check bool) (map[string]bool, error) {
	applied := map[string]bool{}
	sdb, err := sql.Open("sqlite", uri(path)+fmt.Sprintf("?mode=rw&_pragma=busy_timeout(%d)", busyTimeout))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	defer sdb.Close()
	var hasTable, others int
	if err := sdb.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE name = 'migrations'), count(*) FILTER (WHERE name <> 'migrations')
		FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`).Scan(&hasTable, &others); err != nil {
		return nil, damagedOr(err, path, backupDir)
	}
	if check {
		if err := quickCheck(ctx, sdb, path, backupDir); err != nil {
			return nil, err
		}
	}
	if hasTable == 0 && others > 0 {
		return nil, data.Errorf(data.EINVALID, "Tệp %s là cơ sở dữ liệu của một chương trình khác. Hãy chọn đúng tệp .db của chương trình khuyến công; chương trình không sửa tệp này.", path)
	}
	if hasTable == 0 {
		return applied, nil
	}
	rows, err := sdb.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: read migrations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		if !knownMigration(sqliteDialect{}, name) {
			return nil, newerSchema(ctx, sqliteDialect{}, sdb, path, name)
		}
		applied[name] = true
	}
	return applied, rows.Err()
}

// sqliteName is the file backend's name.
const sqliteName = "sqlite"

// sqliteDialect is the file's SQL (see dialect).
type sqliteDialect struct{}

func (sqliteDialect) name() string { return sqliteName }

// rebind leaves the statement as it is: SQLite reads ? and ?N.
func (sqliteDialect) rebind(query string) string { return query }

// readIsolation is the default: a read transaction of a WAL database reads one snapshot.
func (sqliteDialect) readIsolation() sql.IsolationLevel { return sql.LevelDefault }

// lockWrites has nothing to do: the connection's _txlock=immediate takes the file's write lock
// when the transaction begins.
func (sqliteDialect) lockWrites(context.Context, *sql.Tx) error { return nil }

// search matches the FTS5 index table.
func (sqliteDialect) search(table string, m searchMatch) (string, []any) {
	return `SELECT rowid FROM ` + table + ` WHERE ` + table + ` MATCH ?`, []any{ftsQuery(m)}
}

// erasing turns secure_delete on around del: the file's freed pages are overwritten with zeros.
func (sqliteDialect) erasing(ctx context.Context, tx *sql.Tx, del func() error) error {
	if _, err := tx.ExecContext(ctx, `PRAGMA secure_delete = 1`); err != nil {
		return err
	}
	if err := del(); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `PRAGMA secure_delete = 0`)
	return err
}

// erased does nothing: secure_delete overwrote the deleted rows within the transaction.
func (sqliteDialect) erased(context.Context, *sql.DB, string) error { return nil }

// position is SQLite's instr.
func (sqliteDialect) position(text, word string) string { return `instr(` + text + `, ` + word + `)` }

// sortIndexes reads the indexes from the schema: SQLite updates each at every insert, so an
// import into a small register is faster with them made afresh after.
func (sqliteDialect) sortIndexes() string {
	return `SELECT name, sql FROM sqlite_schema
		WHERE type = 'index' AND tbl_name = 'enterprises' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE %'`
}

// walkCounted is true: the FTS5 index counts a broad search's matches in a few milliseconds.
func (sqliteDialect) walkCounted() bool { return true }

// reckon counts the rows of query.
func (d sqliteDialect) reckon(ctx context.Context, tx *sql.Tx, query string, args []any) (n int, err error) {
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+d.rebind(query)+`) m`, args...).Scan(&n)
	return n, err
}

// planWalk runs walk as it is: SQLite follows the ORDER BY's index when a LIMIT is near.
func (sqliteDialect) planWalk(_ context.Context, _ *sql.Tx, walk func() error) error { return walk() }

// sqliteCode returns the extended SQLite result code of err, or 0.
func sqliteCode(err error) int {
	var e *sqlite.Error
	if errors.As(err, &e) {
		return e.Code()
	}
	return 0
}

// sqliteBusy reports whether err says another connection held the file's lock for longer than
// the busy timeout.
func sqliteBusy(err error) bool {
	c := sqliteCode(err) & 0xff
	return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
}

// sqliteViolation returns the constraint an SQLite error says was broken.
func sqliteViolation(err error) violation {
	switch c := sqliteCode(err); {
	case c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return uniqueViolation
	case c == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return foreignKeyViolation
	case c&0xff == sqlite3.SQLITE_CONSTRAINT:
		return otherViolation
	}
	return noViolation
}
