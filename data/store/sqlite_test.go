package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
)

// now is the instant the tests pin the store's clock to.
var now = time.Date(2026, 11, 28, 8, 30, 0, 0, time.UTC)

// tester is the administrator every test database has; ctx acts as tester.
const tester = "thu.nguyen"

// ctx says the administrator "thu.nguyen" is acting.
var ctx = data.WithUser(context.Background(), tester)

// MustOpenDB opens a new database with the clock pinned to now and the administrator tester in
// it: a file in a temporary folder, or a database of its own on the test server when the run is
// on the server (storetest.OnServer; `make test` runs this package both ways).
func MustOpenDB(tb testing.TB) *store.DB {
	tb.Helper()
	if !storetest.OnServer() {
		return MustOpenDBAt(tb, filepath.Join(tb.TempDir(), "khuyencong.db"))
	}
	db, err := store.Open(storetest.NewServerDB(tb))
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	return pinned(tb, db)
}

// pinned pins db's clock to now, adds the administrator tester and closes db when the test ends.
func pinned(tb testing.TB, db *store.DB) *store.DB {
	db.Now = func() time.Time { return now }
	tb.Cleanup(func() { db.Close() })
	storetest.AddAdmin(tb, db, tester)
	return db
}

// MustOpenDBAt opens the database at path, creating it when missing, with the clock pinned to
// now and the administrator tester in it, and closes it when the test ends.
func MustOpenDBAt(tb testing.TB, path string) *store.DB {
	tb.Helper()
	open := store.Open
	if _, err := os.Stat(path); os.IsNotExist(err) {
		open = store.Create
	}
	db, err := open(path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	return pinned(tb, db)
}

// MustOpenAgain opens the database of db a second time, as another desk does, and closes it
// when the test ends.
func MustOpenAgain(tb testing.TB, db *store.DB) *store.DB {
	tb.Helper()
	if !db.IsServer() {
		return MustOpenDBAt(tb, db.Path())
	}
	u, err := url.Parse(db.Path()) // shown without the password that ServerURL adds back
	if err != nil {
		tb.Fatal(err)
	}
	other, err := store.Open(storetest.ServerURL(strings.TrimPrefix(u.Path, "/")))
	if err != nil {
		tb.Fatalf("Open(%s): %v", db.Path(), err)
	}
	return pinned(tb, other)
}

// MustClose closes db.
func MustClose(tb testing.TB, db *store.DB) {
	tb.Helper()
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
}

// taxSerial numbers the tax codes NewEnterprise makes.
var taxSerial = 100000

// NextTaxCode returns a valid Hanoi tax code not handed out before.
func NextTaxCode() string {
	for {
		taxSerial++
		first9 := "01" + strings.Repeat("0", 7-len(strconv.Itoa(taxSerial))) + strconv.Itoa(taxSerial)
		if d, ok := vn.TaxCheckDigit(first9); ok {
			return first9 + strconv.Itoa(d)
		}
	}
}

// NewEnterprise returns a valid enterprise named name, with a fresh tax code, in phường Ba Đình.
func NewEnterprise(name string) *data.Enterprise {
	return &data.Enterprise{
		Kind:           data.KindSmall,
		Name:           name,
		TaxCode:        NextTaxCode(),
		Representative: vn.Name{Family: "Nguyễn", Middle: "Văn", Given: "An"},
		Phone:          "0912 345 678",
		Email:          "lienhe@example.vn",
		Address:        "Số 1 phố Điện Biên Phủ",
		WardCode:       "00004",
		Trade:          "Gốm sứ",
		Workers:        12,
	}
}

// MustCreateEnterprise stores e, or a new enterprise named "Công ty TNHH Thử nghiệm" when e is
// nil, and returns it.
func MustCreateEnterprise(tb testing.TB, db *store.DB, e *data.Enterprise) *data.Enterprise {
	tb.Helper()
	if e == nil {
		e = NewEnterprise("Công ty TNHH Thử nghiệm")
	}
	if err := db.CreateEnterprise(ctx, e); err != nil {
		tb.Fatalf("CreateEnterprise(%q): %v", e.Name, err)
	}
	return e
}

// MustCount returns the number of rows of table.
func MustCount(tb testing.TB, db *store.DB, table string) int {
	tb.Helper()
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

// AssertError fails unless err is an application error with the code and a message holding
// every one of words.
func AssertError(tb testing.TB, err error, code string, words ...string) {
	tb.Helper()
	if got := data.ErrorCode(err); got != code {
		tb.Fatalf("ErrorCode=%q (%v), want %q", got, err, code)
	}
	msg := data.ErrorMessage(err)
	for _, w := range words {
		if !strings.Contains(msg, w) {
			tb.Fatalf("message %q does not contain %q", msg, w)
		}
	}
}

// MustExistingDB makes a database at a new path, closes it and returns the path.
func MustExistingDB(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "khuyencong.db")
	db := MustOpenDBAt(tb, path)
	MustCreateEnterprise(tb, db, nil)
	MustClose(tb, db)
	return path
}

// MustNewerDB returns the path of a database a newer program made: it has a migration this one
// does not know.
func MustNewerDB(tb testing.TB) string {
	tb.Helper()
	path := MustExistingDB(tb)
	db := MustOpenDBAt(tb, path)
	if _, err := db.SQL().Exec(`INSERT INTO migrations (name, applied_at) VALUES ('0099_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		tb.Fatal(err)
	}
	MustClose(tb, db)
	return path
}

// MustOtherProgramsDB returns the path of another program's SQLite database.
func MustOtherProgramsDB(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "other.db")
	other, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Exec(`CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('An')`); err != nil {
		tb.Fatal(err)
	}
	return path
}

// AssertRefused opens path, expects the error code and words, and checks the file's bytes did
// not change and nothing was left beside it (no -wal, no -shm).
func AssertRefused(tb testing.TB, path, code string, words ...string) {
	tb.Helper()
	before, _ := os.ReadFile(path)
	beside := DirNames(tb, filepath.Dir(path))
	db, err := store.Open(path)
	if err == nil {
		db.Close()
		tb.Fatal("Open succeeded, want refusal")
	}
	AssertError(tb, err, code, words...)
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		tb.Fatalf("Open changed %s while refusing it", path)
	}
	if got := DirNames(tb, filepath.Dir(path)); !slices.Equal(got, beside) {
		tb.Fatalf("refusing %s left %v beside it, want %v", path, got, beside)
	}
}

// DirNames returns the names in dir, sorted; none when dir does not exist.
func DirNames(tb testing.TB, dir string) []string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		tb.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestOpen(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "mới", "tạo", "khuyencong.db")
		db := MustOpenDBAt(t, path)
		if got, want := db.Path(), path; got != want {
			t.Fatalf("Path()=%q, want %q", got, want)
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
		if got, want := MustCount(t, db, "divisions WHERE level = 'ward'"), 126; got != want {
			t.Fatalf("wards=%d, want %d", got, want)
		}
		if got, want := MustCount(t, db, "divisions WHERE level = 'district'"), 30; got != want {
			t.Fatalf("districts=%d, want %d", got, want)
		}
	})

	t.Run("Pragmas", func(t *testing.T) {
		db := MustOpenDB(t)
		conn, err := db.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "5000", "synchronous": "2"} {
			var got string
			if err := conn.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Fatalf("PRAGMA %s=%s, want %s", pragma, got, want)
			}
		}
	})

	t.Run("EscapedPath", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "Dữ liệu #1 ?x=%20&y")
		path := filepath.Join(dir, "khuyến công.db")
		db := MustOpenDBAt(t, path)
		MustCreateEnterprise(t, db, nil)
		MustClose(t, db)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Name() != "khuyến công.db" {
			t.Fatalf("folder holds %v, want only khuyến công.db", entries)
		}
		db = MustOpenDBAt(t, path)
		if n, err := db.CountEnterprises(ctx, data.EnterpriseFilter{}); err != nil || n != 1 {
			t.Fatalf("CountEnterprises=%d, %v; want 1", n, err)
		}
	})

	t.Run("Reopen", func(t *testing.T) {
		path := MustExistingDB(t)
		for range 2 {
			db := MustOpenDBAt(t, path)
			files, _ := filepath.Glob("migration/sqlite/*.sql")
			if got, want := MustCount(t, db, "migrations"), len(files); got != want {
				t.Fatalf("migrations=%d, want %d", got, want)
			}
			if got, want := MustCount(t, db, "audit WHERE action = 'load'"), 1; got != want {
				t.Fatalf("catalogue loads=%d, want %d (an unchanged catalogue is not loaded again)", got, want)
			}
			if got, want := MustCount(t, db, "enterprises"), 1; got != want {
				t.Fatalf("enterprises=%d, want %d", got, want)
			}
			MustClose(t, db)
		}
	})

	t.Run("ErrEmptyFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "empty.db")
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		AssertRefused(t, path, data.EINVALID, "trống (0 byte)", "không mở và không sửa tệp này")
		if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
			t.Fatalf("empty file after refusal: %v, %v", fi, err)
		}
	})

	t.Run("ErrMissing", func(t *testing.T) {
		root := t.TempDir()
		for _, path := range []string{filepath.Join(root, "khuyencong.db"), filepath.Join(root, "gõ nhầm", "khuyencong.db")} {
			_, err := store.Open(path)
			AssertError(t, err, data.ENOTFOUND, "Không có tệp cơ sở dữ liệu", "Tạo cơ sở dữ liệu mới")
		}
		if got := DirNames(t, root); len(got) != 0 {
			t.Fatalf("Open of a missing path made %v", got)
		}
	})

	t.Run("ErrNotSQLite", func(t *testing.T) {
		for name, content := range map[string][]byte{
			"text.db":  []byte("Danh sách doanh nghiệp\nCông ty A\n"),
			"word.db":  append([]byte("PK\x03\x04\x14\x00\x06\x00"), bytes.Repeat([]byte{0}, 600)...),
			"short.db": []byte("SQLite"),
		} {
			t.Run(name, func(t *testing.T) {
				path := filepath.Join(t.TempDir(), name)
				if err := os.WriteFile(path, content, 0o644); err != nil {
					t.Fatal(err)
				}
				AssertRefused(t, path, data.EINVALID, "không phải cơ sở dữ liệu SQLite", "hãy chọn đúng tệp")
				if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
					t.Fatalf("folder holds %d files, want only %s", len(entries), name)
				}
			})
		}
	})

	t.Run("ErrOtherProgramsDatabase", func(t *testing.T) {
		AssertRefused(t, MustOtherProgramsDB(t), data.EINVALID, "chương trình khác")
	})

	t.Run("ErrReadOnlyFile", func(t *testing.T) {
		path := MustExistingDB(t)
		if err := os.Chmod(path, 0o444); err != nil {
			t.Fatal(err)
		}
		AssertRefused(t, path, data.EFORBIDDEN, "chỉ cho phép đọc", "Read-only")
	})

	t.Run("ErrReadOnlyFolder", func(t *testing.T) {
		path := MustExistingDB(t)
		dir := filepath.Dir(path)
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		AssertRefused(t, path, data.EFORBIDDEN, "Thư mục", "chỉ cho phép đọc")

		missing := filepath.Join(dir, "new.db")
		_, err := store.Create(missing)
		AssertError(t, err, data.EFORBIDDEN, "chỉ cho phép đọc")
		if _, err := os.Stat(missing); err == nil {
			t.Fatal("Open created a database in a read-only folder")
		}
	})

	t.Run("ErrLocked", func(t *testing.T) {
		path := MustExistingDB(t)
		locker, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		defer locker.Close()
		conn, err := locker.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
			t.Fatal(err)
		}
		defer conn.ExecContext(ctx, `ROLLBACK`)
		store.SetBusyTimeout(t, 200*time.Millisecond)
		start := time.Now()
		AssertRefused(t, path, data.ECONFLICT, "chương trình khác khoá", "Hãy đóng chương trình đó")
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("refusal took %v", d)
		}
	})

	t.Run("ErrNewerSchema", func(t *testing.T) {
		AssertRefused(t, MustNewerDB(t), data.ECONFLICT, "phiên bản mới hơn", "0099_future.sql")
	})
}

func TestCreate(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "mới", "khuyencong.db")
		db, err := store.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		storetest.AddAdmin(t, db, tester)
		MustCreateEnterprise(t, db, nil)
		MustClose(t, db)
		db = MustOpenDBAt(t, path)
		if got, want := MustCount(t, db, "enterprises"), 1; got != want {
			t.Fatalf("enterprises=%d, want %d", got, want)
		}
	})

	t.Run("ErrExists", func(t *testing.T) {
		existing := MustExistingDB(t)
		empty := filepath.Join(t.TempDir(), "empty.db")
		if err := os.WriteFile(empty, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{existing, empty} {
			before, _ := os.ReadFile(path)
			_, err := store.Create(path)
			AssertError(t, err, data.ECONFLICT, "Đã có tệp", "không ghi đè")
			if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
				t.Fatalf("Create changed %s", path)
			}
		}
	})
}

func TestAudit(t *testing.T) {
	db := MustOpenDB(t)
	e := MustCreateEnterprise(t, db, nil)
	e.Workers = 20
	if err := db.UpdateEnterprise(ctx, e); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SetEnterpriseArchived(ctx, e.ID, e.Version, true); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "theme", "dark"); err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT at, "user", action, entity, COALESCE(entity_id, 0) FROM audit WHERE action <> 'load' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var at, user, action, entity string
		var id int64
		if err := rows.Scan(&at, &user, &action, &entity, &id); err != nil {
			t.Fatal(err)
		}
		if at != "2026-11-28T08:30:00Z" {
			t.Fatalf("at=%s, want the pinned time", at)
		}
		got = append(got, strings.Join([]string{user, action, entity, strconv.Itoa(int(id))}, " "))
	}
	want := []string{
		"thu.nguyen create user 1",
		"thu.nguyen create enterprise " + strconv.Itoa(int(e.ID)),
		"thu.nguyen update enterprise " + strconv.Itoa(int(e.ID)),
		"thu.nguyen archive enterprise " + strconv.Itoa(int(e.ID)),
		"thu.nguyen update setting 0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("audit:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// BenchmarkCreateEnterprise saves one enterprise per transaction, as a clerk does: the write most
// sensitive to the cost of syncing each commit to the disk.
func BenchmarkCreateEnterprise(b *testing.B) {
	db := MustOpenDB(b)
	for b.Loop() {
		MustCreateEnterprise(b, db, nil)
	}
}

// TestReleaseMemory empties the idle connection's cache after a backup has read the whole file,
// as the window does after start-up, and the store answers as before.
func TestReleaseMemory(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	if _, err := db.BackupTo(ctx, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if err := db.ReleaseMemory(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := db.CountEnterprises(ctx, data.EnterpriseFilter{}); err != nil || n != 0 {
		t.Fatalf("count after release = %d, %v", n, err)
	}
}
