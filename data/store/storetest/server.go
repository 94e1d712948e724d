package storetest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver of the server's administration connection

	"khuyencong/data/store"
)

// ServerEnv names the variable that holds the address of the PostgreSQL server the tests make
// their databases on, as its superuser (postgres://postgres:…@127.0.0.1:PORT/postgres):
// .ci/with-postgres, which `make test` runs every test under, starts a server in a temporary
// folder and sets it. A test that needs the server fails without it.
const ServerEnv = "KC_TEST_POSTGRES"

// BackendEnv names the variable that chooses the backend of the store's tests: "postgres" runs
// them on the server (`make test` runs the store's package once on files, once on the server).
const BackendEnv = "KC_TEST_BACKEND"

// OnServer reports whether the tests of this run act on the server rather than on files.
func OnServer() bool { return os.Getenv(BackendEnv) == "postgres" }

// serverDBs counts the databases this test process made, for their names.
var serverDBs atomic.Int64

// template is the database with the current schema that every new test database copies, made
// once per test process (a copy takes a few milliseconds; the migrations take far longer).
var template = sync.OnceValues(func() (string, error) {
	name := fmt.Sprintf("kct_%d_template", os.Getpid())
	if err := admin(func(a *sql.DB) error {
		_, err := a.Exec(`DROP DATABASE IF EXISTS ` + name)
		if err == nil {
			_, err = a.Exec(`CREATE DATABASE ` + name + ` TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`)
		}
		return err
	}); err != nil {
		return "", err
	}
	db, err := store.Create(ServerURL(name))
	if err != nil {
		return "", fmt.Errorf("schema of %s: %w", name, err)
	}
	return name, db.Close()
})

// NewServerDB makes an empty-of-data database with the current schema on the test server and
// returns its address; it is dropped when the test ends. The test fails, saying why, when
// ServerEnv is not set or the server does not answer.
func NewServerDB(tb testing.TB) string {
	tb.Helper()
	return newServerDB(tb, true)
}

// NewEmptyServerDB makes an empty database (no schema) on the test server, as a server's
// administrator creates one for the program, and returns its address; dropped when the test ends.
func NewEmptyServerDB(tb testing.TB) string {
	tb.Helper()
	return newServerDB(tb, false)
}

// newServerDB makes a test database, from the template when withSchema.
func newServerDB(tb testing.TB, withSchema bool) string {
	tb.Helper()
	if os.Getenv(ServerEnv) == "" {
		tb.Fatalf("%s is not set: this test needs a PostgreSQL server; run it under .ci/with-postgres (make test does)", ServerEnv)
	}
	from := "template0"
	if withSchema {
		t, err := template()
		if err != nil {
			tb.Fatalf("test server %s: %v", os.Getenv(ServerEnv), err)
		}
		from = t
	}
	name := fmt.Sprintf("kct_%d_%d", os.Getpid(), serverDBs.Add(1))
	if err := admin(func(a *sql.DB) error {
		_, err := a.Exec(`CREATE DATABASE ` + name + ` TEMPLATE ` + from + ` ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`)
		return err
	}); err != nil {
		tb.Fatalf("test server %s: create database: %v", os.Getenv(ServerEnv), err)
	}
	tb.Cleanup(func() {
		admin(func(a *sql.DB) error {
			_, err := a.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`)
			return err
		})
	})
	return ServerURL(name)
}

// ServerExec runs statement on the test server's administration database (CREATE DATABASE …),
// failing the test when it fails.
func ServerExec(tb testing.TB, statement string) {
	tb.Helper()
	if err := admin(func(a *sql.DB) error { _, err := a.Exec(statement); return err }); err != nil {
		tb.Fatalf("test server: %s: %v", statement, err)
	}
}

// ServerURL returns the address of the database name on the test server, as its superuser.
func ServerURL(name string) string {
	u, err := url.Parse(os.Getenv(ServerEnv))
	if err != nil {
		return ""
	}
	u.Path = "/" + name
	return u.String()
}

// admin runs f on a connection to the test server's administration database.
func admin(f func(*sql.DB) error) error {
	a, err := sql.Open("pgx", os.Getenv(ServerEnv))
	if err != nil {
		return err
	}
	defer a.Close()
	return f(a)
}
