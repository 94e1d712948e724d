package store_test

import (
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// TestServerRefusals: a server or database the store cannot use is refused with a sentence that
// says what is wrong, and nothing is written to it.
func TestServerRefusals(t *testing.T) {
	good := storetest.NewServerDB(t)
	u, _ := url.Parse(good)
	with := func(f func(u *url.URL)) string {
		c := *u
		f(&c)
		return c.String()
	}
	closed := func() string { // a port nobody listens on
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		return l.Addr().String()
	}()
	foreign := storetest.NewEmptyServerDB(t)
	mustExec(t, foreign, `CREATE TABLE customers (id BIGINT PRIMARY KEY)`)
	newer := storetest.NewServerDB(t)
	mustExec(t, newer, `INSERT INTO migrations (name, applied_at) VALUES ('0099_future.sql', '2030-01-01T00:00:00Z')`)
	icu := fmt.Sprintf("kct_%d_icu", os.Getpid())
	storetest.ServerExec(t, `CREATE DATABASE `+icu+` TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en' LC_COLLATE 'C' LC_CTYPE 'C'`)
	t.Cleanup(func() { storetest.ServerExec(t, `DROP DATABASE IF EXISTS `+icu+` WITH (FORCE)`) })

	for _, c := range []struct {
		name, location string
		create         bool
		code           string
		words          []string
	}{
		{"NotAnAddress", "postgres://a b@/", false, data.EINVALID, []string{"không đúng dạng", "postgres://"}},
		{"Unreachable", with(func(u *url.URL) { u.Host = closed }), false, data.EINVALID, []string{"Không kết nối được", "tường lửa"}},
		{"WrongPassword", with(func(u *url.URL) { u.User = url.UserPassword("postgres", "sai-mat-khau") }), false, data.EINVALID, []string{"sai tên đăng nhập hoặc mật khẩu"}},
		{"NoSuchDatabase", with(func(u *url.URL) { u.Path = "/khong_co" }), false, data.EINVALID, []string{"không có cơ sở dữ liệu này"}},
		{"Empty", storetest.NewEmptyServerDB(t), false, data.ENOTFOUND, []string{"còn trống", "Tạo cơ sở dữ liệu mới", "kc db copy"}},
		{"OtherProgram", foreign, false, data.EINVALID, []string{"chương trình khác"}},
		{"CreateOverData", good, true, data.ECONFLICT, []string{"đã có dữ liệu", "không ghi đè"}},
		{"Newer", newer, false, data.ECONFLICT, []string{"phiên bản mới hơn", "0099_future.sql"}},
		{"Collation", storetest.ServerURL(icu), true, data.EINVALID, []string{"ICU", "LC_COLLATE 'C'"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			open := store.Open
			if c.create {
				open = store.Create
			}
			db, err := open(c.location)
			if err == nil {
				db.Close()
				t.Fatalf("opened %s", c.location)
			}
			AssertError(t, err, c.code, c.words...)
			if strings.Contains(data.ErrorMessage(err), "sai-mat-khau") {
				t.Fatalf("the message shows the password: %s", data.ErrorMessage(err))
			}
		})
	}
	// Nothing was written: the foreign database has its one table, the empty one none.
	if n := tableCount(t, foreign); n != 1 {
		t.Fatalf("the other program's database has %d tables, want 1", n)
	}
}

// TestServerCreate: Create makes the schema in an empty server database, which Open then opens.
func TestServerCreate(t *testing.T) {
	location := storetest.NewEmptyServerDB(t)
	db, err := store.Create(location)
	if err != nil {
		t.Fatal(err)
	}
	if !db.IsServer() || strings.Contains(db.Path(), "kc-test") {
		t.Fatalf("IsServer=%v Path=%s: want the server, shown without its password", db.IsServer(), db.Path())
	}
	db.Close()
	db, err = store.Open(location)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.SchemaVersion(ctx); err != nil || n == 0 {
		t.Fatalf("SchemaVersion=%d, %v", n, err)
	}
	// The file's own upkeep has nothing to do on a server, and says so by succeeding.
	if err := db.QuickCheck(ctx); err != nil {
		t.Fatalf("QuickCheck: %v", err)
	}
	if err := db.ReleaseMemory(ctx); err != nil {
		t.Fatalf("ReleaseMemory: %v", err)
	}
}

// TestServerAddress: the address shown and kept has no password.
func TestServerAddress(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://van.thu:bi-mat@may-chu:5432/khuyencong": "postgres://van.thu@may-chu:5432/khuyencong",
		"postgres://may-chu/khuyencong?sslmode=disable":     "postgres://may-chu/khuyencong?sslmode=disable",
	} {
		if got := store.ServerAddress(in); got != want {
			t.Errorf("ServerAddress(%q)=%q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]bool{"postgres://x/y": true, "PostgreSQL://x/y": true, `C:\khuyencong.db`: false, "postgres.db": false} {
		if store.IsServer(in) != want {
			t.Errorf("IsServer(%q)=%v", in, !want)
		}
	}
}

// mustExec runs statement on the server database at location.
func mustExec(tb testing.TB, location, statement string) {
	tb.Helper()
	db, err := sql.Open("pgx", location)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(statement); err != nil {
		tb.Fatalf("%s: %v", statement, err)
	}
}

// tableCount returns how many tables the server database at location holds.
func tableCount(tb testing.TB, location string) int {
	tb.Helper()
	db, err := sql.Open("pgx", location)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}
