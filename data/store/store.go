// Package store is the store of the khuyến công desk: it implements the services of package data
// on one SQLite file (sqlite.go), the default for one desk, or on a PostgreSQL server an office
// shares (postgres.go). It is the only package that speaks SQL, and speaks one SQL to both: what
// the two say differently is the dialect's (dialect.go), one method per concern.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"sync"
	"time"

	"khuyencong/data"
)

// migrations holds each backend's migrations, migration/sqlite/*.sql and migration/postgres/*.sql:
// the same names, each file the same change in its backend's SQL.
//
//go:embed migration
var migrations embed.FS

// timeFormat is how instants are stored: UTC RFC 3339 text.
const timeFormat = time.RFC3339

// Compile-time checks that DB implements the services.
var (
	_ data.EnterpriseService = (*DB)(nil)
	_ data.DivisionService   = (*DB)(nil)
	_ data.SettingsService   = (*DB)(nil)
	_ data.BackupService     = (*DB)(nil)
)

// DB is an open database, a file or a server's, the store behind every service.
type DB struct {
	// Now is the store's clock (time.Now unless a test pins it); a transaction reads it once.
	Now func() time.Time
	// PasswordCost is the Argon2id cost of the passwords hashed from now on; zero means
	// DefaultPasswordCost. Each hash keeps its cost, so test fixtures may lower it and stay cheap.
	PasswordCost PasswordCost

	db            *sql.DB
	d             dialect
	path          string // the file's absolute path, or the server's address without its password
	backupDir     string // Options.BackupDir, for QuickCheck's advice
	upgradeBackup string // the backup taken before the schema upgrade at open, if any

	stmts sync.Map // the history's statements by query, prepared once for the pool (audit.go)
}

// Open opens the existing database at location: a file path (SQLite), or a server's address
// postgres://user@host/database (PostgreSQL). It brings the schema up to date and loads the
// administrative catalogues. It refuses, leaving the database as it was, a missing file or an
// empty server database (ENOTFOUND: only Create makes a database, so a mistyped path creates
// nothing), an empty, truncated or non-SQLite file or a server database of another program
// (EINVALID), a read-only file or folder (EFORBIDDEN), a database another program keeps locked or
// one made by a newer version of the program (ECONFLICT), and a server it cannot reach or sign in
// to (EINVALID, saying which). A damaged file is found by OpenWith's QuickCheck or (*DB).QuickCheck.
func Open(location string) (*DB, error) { return OpenWith(location, Options{}) }

// OpenWith opens the database at location as Open does, with the options o.
func OpenWith(location string, o Options) (*DB, error) {
	if IsServer(location) {
		return openServer(location, o, false)
	}
	return openFile(location, o)
}

// Create makes a new database at location and opens it as Open does. A file is never replaced:
// ECONFLICT when the path exists, even empty; its folder is made when missing. A server database
// must exist (the server's administrator creates it) and be empty: ECONFLICT when it holds tables.
// When it fails it removes what it made.
func Create(location string) (*DB, error) {
	if IsServer(location) {
		return openServer(location, Options{}, true)
	}
	return createFile(location, Options{})
}

// UpgradeBackup returns the backup OpenWith wrote before upgrading the schema, "" when the schema
// was current (or the database new).
func (db *DB) UpgradeBackup() string { return db.upgradeBackup }

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Path returns where the database is: the file's absolute path, or the server's address without
// its password.
func (db *DB) Path() string { return db.path }

// IsServer returns the database's backend: true for a PostgreSQL server.
func (db *DB) IsServer() bool { return db.d.name() == postgresName }

// migrate applies, in name order and each in its own transaction, the embedded migrations not
// among those applied; only those in upTo when it is not nil (a copy's target, made at its
// source's schema).
func (db *DB) migrate(ctx context.Context, applied, upTo map[string]bool) error {
	for _, name := range pending(db.d, applied) {
		if upTo != nil && !upTo[path.Base(name)] {
			continue
		}
		if err := db.applyMigration(ctx, name); err != nil {
			return err
		}
	}
	return nil
}

// pending returns, in name order, the embedded migrations of d's backend not among those applied.
func pending(d dialect, applied map[string]bool) []string {
	names, _ := fs.Glob(migrations, "migration/"+d.name()+"/*.sql") // the pattern is valid; names come in order
	var out []string
	for _, name := range names {
		if !applied[path.Base(name)] {
			out = append(out, name)
		}
	}
	return out
}

// knownMigration reports whether this program has the migration name for d's backend: a
// database with one it does not know was made by a newer program.
func knownMigration(d dialect, name string) bool {
	_, err := fs.Stat(migrations, "migration/"+d.name()+"/"+name)
	return err == nil
}

// applyMigration runs one migration file and records it, unless another program did so first.
func (db *DB) applyMigration(ctx context.Context, file string) error {
	text, err := fs.ReadFile(migrations, file)
	if err != nil {
		return err
	}
	name := path.Base(file)
	tx, err := db.begin(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("store: migrations table: %w", err)
	}
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM migrations WHERE name = ?`, name).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	// A migration's text is run as is: it is the backend's own SQL, with no arguments to bind.
	if _, err := tx.Tx.ExecContext(ctx, string(text)); err != nil {
		return fmt.Errorf("store: migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO migrations (name, applied_at) VALUES (?, ?)`, name, tx.at()); err != nil {
		return err
	}
	return tx.Commit()
}

// tx is a transaction with the one instant it runs at. Its statements are written once, in the
// SQL both backends read, with ? for arguments; tx hands them to the driver in its dialect.
type tx struct {
	*sql.Tx
	d   dialect
	now time.Time

	trail auditTrail // what the history of the transaction's changes needs (audit.go)
}

// ExecContext runs a statement that returns no rows.
func (tx *tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.Tx.ExecContext(ctx, tx.d.rebind(query), args...)
}

// QueryContext runs a query.
func (tx *tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.Tx.QueryContext(ctx, tx.d.rebind(query), args...)
}

// QueryRowContext runs a query that returns at most one row.
func (tx *tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.Tx.QueryRowContext(ctx, tx.d.rebind(query), args...)
}

// PrepareContext prepares a statement for repeated use within the transaction.
func (tx *tx) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return tx.Tx.PrepareContext(ctx, tx.d.rebind(query))
}

// insert runs an INSERT of one row and returns the id the database gave it.
func (tx *tx) insert(ctx context.Context, query string, args ...any) (int64, error) {
	return scanID(tx.QueryRowContext(ctx, query+` RETURNING id`, args...))
}

// scanID reads the id an INSERT … RETURNING id gave back.
func scanID(row *sql.Row) (id int64, err error) {
	err = row.Scan(&id)
	return id, err
}

// at returns the transaction's instant as stored.
func (tx *tx) at() string { return tx.now.Format(timeFormat) }

// begin starts a transaction: a write one takes the write lock at once (so two desks queue
// rather than fail midway, and every rule read within it still holds at its commit), a read one
// takes none and reads one consistent snapshot.
func (db *DB) begin(ctx context.Context, write bool) (*tx, error) {
	opts := &sql.TxOptions{ReadOnly: true, Isolation: db.d.readIsolation()}
	if write {
		opts = nil
	}
	t, err := db.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	if write {
		if err := db.d.lockWrites(ctx, t); err != nil {
			t.Rollback()
			return nil, err
		}
	}
	return &tx{Tx: t, d: db.d, now: db.Now().UTC().Truncate(time.Second), trail: auditTrail{pool: db}}, nil
}

// translate replaces *err with what a clerk may read: application errors pass unchanged, a lock
// held too long, a lost server and constraint failures become sentences, anything else is wrapped
// for the log (data.ErrorMessage shows it as a generic internal error). Each backend's errors are
// of its own driver's types, so one function reads both.
func translate(err *error) {
	var e *data.Error
	switch {
	case *err == nil || errors.As(*err, &e):
	case isBusy(*err):
		*err = data.Errorf(data.ECONFLICT, busyMessage)
	case violated(*err) == uniqueViolation:
		*err = data.Errorf(data.ECONFLICT, duplicateMessage)
	case violated(*err) == foreignKeyViolation:
		*err = data.Errorf(data.ECONFLICT, referencedMessage)
	case serverLost(*err):
		*err = data.Errorf(data.ECONFLICT, lostMessage)
	default:
		*err = fmt.Errorf("store: %w", *err)
	}
}

// violation is the kind of constraint a statement broke.
type violation int

// The constraints the store tells apart.
const (
	noViolation         violation = iota
	uniqueViolation               // a UNIQUE constraint or index
	foreignKeyViolation           // a foreign key
	otherViolation                // a CHECK, NOT NULL or trigger's refusal
)

// violated returns the kind of constraint err says a statement broke, on either backend.
func violated(err error) violation {
	if v := sqliteViolation(err); v != noViolation {
		return v
	}
	return postgresViolation(err)
}

// isBusy reports whether err says another desk held the write lock longer than the store waits.
func isBusy(err error) bool { return sqliteBusy(err) || postgresBusy(err) }

// The sentences both backends give for the same failures.
const (
	busyMessage       = "Cơ sở dữ liệu đang bận vì một chương trình khác đang ghi vào đó. Hãy đợi một lát rồi thử lại."
	duplicateMessage  = "Dữ liệu này trùng với một bản ghi đã có. Hãy kiểm tra lại rồi lưu."
	referencedMessage = "Bản ghi này còn được hồ sơ khác trỏ tới nên không thay đổi được như vậy."
	lostMessage       = "Mất kết nối tới máy chủ cơ sở dữ liệu nên việc vừa làm chưa được lưu. Chương trình tự kết nối lại khi máy chủ trả lời: hãy thử lại sau giây lát."
)

// scanner is what a row-reading function reads from: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// queryRows runs query within tx and reads every row with scan.
func queryRows[T any](ctx context.Context, tx *tx, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// paged adds to query and args the LIMIT and OFFSET of a filter's page; a limit of 0 means all.
func paged(query string, args []any, offset, limit int) (string, []any) {
	if limit <= 0 && offset <= 0 {
		return query, args
	}
	if limit <= 0 {
		limit = math.MaxInt64 // both backends read it as no limit
	}
	return query + ` LIMIT ? OFFSET ?`, append(args, limit, max(offset, 0))
}
