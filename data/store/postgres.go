package store

// The office's backend: a PostgreSQL server (15 or newer) several desks share, through pgx's
// database/sql driver. The store's statements are the same as on the file (see dialect); what
// differs is here and in migration/postgres.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"

	"khuyencong/data"
)

// postgresName is the server backend's name.
const postgresName = "postgres"

// writeLockKey is the advisory lock every write transaction on the server takes first: one
// write at a time, as on the file (a write lasts milliseconds; thirty desks do not queue long).
const writeLockKey = 0x6b68_7579_656e // "khuyen"

// connectTimeout is how long the store waits for the server to answer a new connection.
const connectTimeout = 5 * time.Second

// IsServer reports whether location is a server's address (postgres://… or postgresql://…)
// rather than a file's path.
func IsServer(location string) bool {
	l := strings.ToLower(location)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// ServerAddress returns location as it may be shown and kept in settings: without its password.
func ServerAddress(location string) string {
	u, err := url.Parse(location)
	if err != nil || u.User == nil {
		return location
	}
	u.User = url.User(u.User.Username())
	return u.String()
}

// openServer opens the server database at location (see Open and Create): create makes the
// schema in an empty database and refuses one that has tables.
func openServer(location string, o Options, create bool) (*DB, error) {
	shown := ServerAddress(location)
	cfg, err := pgx.ParseConfig(location)
	if err != nil {
		return nil, data.Errorf(data.EINVALID, "Địa chỉ máy chủ %q không đúng dạng. Hãy viết postgres://tên-đăng-nhập:mật-khẩu@máy-chủ:5432/tên-cơ-sở-dữ-liệu.", shown)
	}
	cfg.ConnectTimeout = connectTimeout
	cfg.RuntimeParams["application_name"] = "khuyencong"
	cfg.RuntimeParams["lock_timeout"] = fmt.Sprint(busyTimeout) // ms, as the file's busy timeout
	sdb := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
		flagsAsIntegers(c.TypeMap())
		return nil
	}), stdlib.OptionShouldPing(func(context.Context, stdlib.ShouldPingParams) bool {
		// A connection the server ended (restarted, or its administrator cut it) is found by a
		// ping before it is used, and replaced: one round trip, instead of the clerk's next save
		// failing with "Mất kết nối" although the server is back.
		return true
	}))
	sdb.SetMaxIdleConns(2)
	sdb.SetConnMaxIdleTime(connIdle)
	db := &DB{Now: time.Now, db: sdb, d: postgresDialect{}, path: shown, backupDir: o.BackupDir}
	ctx := context.Background()
	if err = db.checkServer(ctx, create || o.CreateMissing, create, o); err != nil {
		sdb.Close()
		return nil, err
	}
	return db, nil
}

// checkServer connects, refuses what the server or the database cannot be used as, then brings
// the schema up to date (making it when the database is empty and mayCreate; at o's schema for a
// copy's target) and loads the catalogues (unless o says schemaOnly: a copy's target).
// mustBeEmpty refuses a database that has tables.
func (db *DB) checkServer(ctx context.Context, mayCreate, mustBeEmpty bool, o Options) error {
	if err := db.db.PingContext(ctx); err != nil {
		return connectMessage(err, db.path)
	}
	var collation, provider string
	if err := db.db.QueryRowContext(ctx, `SELECT datcollate, datlocprovider FROM pg_database WHERE datname = current_database()`).Scan(&collation, &provider); err != nil {
		return connectMessage(err, db.path)
	}
	if c := strings.ToLower(collation); provider != "c" || c != "c" && c != "posix" && c != "c.utf-8" && c != "c.utf8" {
		if provider == "i" {
			collation = "ICU"
		}
		return data.Errorf(data.EINVALID, "Cơ sở dữ liệu %s dùng bảng so sánh chữ %q; chương trình cần \"C\" để sắp xếp và tìm kiếm giống nhau trên mọi máy. Hãy tạo lại cơ sở dữ liệu với: CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'.", db.path, collation)
	}
	applied, others, err := db.serverMigrations(ctx)
	if err != nil {
		return err
	}
	switch {
	case applied == nil && others > 0:
		return data.Errorf(data.EINVALID, "Cơ sở dữ liệu %s đã có bảng của một chương trình khác, không phải của chương trình khuyến công. Hãy tạo một cơ sở dữ liệu trống riêng cho chương trình; chương trình không sửa gì ở đây.", db.path)
	case applied == nil && !mayCreate:
		return data.Errorf(data.ENOTFOUND, "Cơ sở dữ liệu %s còn trống, chưa có dữ liệu của chương trình. Muốn bắt đầu dữ liệu mới trên máy chủ này, hãy chọn \"Tạo cơ sở dữ liệu mới\" (hoặc kc init); muốn chuyển dữ liệu có sẵn lên, hãy dùng kc db copy.", db.path)
	case applied != nil && mustBeEmpty:
		return data.Errorf(data.ECONFLICT, "Cơ sở dữ liệu %s đã có dữ liệu của chương trình; chương trình không ghi đè. Hãy mở nó, hoặc tạo một cơ sở dữ liệu trống khác.", db.path)
	}
	for name := range applied {
		if !knownMigration(db.d, name) {
			return newerSchema(ctx, db.d, db.db, db.path, name)
		}
	}
	if err := db.backupBeforeUpgrade(ctx, applied, db.backupDir); err != nil {
		return err
	}
	if err := db.migrate(ctx, applied, o.schema); err != nil {
		return err
	}
	if o.schemaOnly {
		return nil
	}
	if err := db.reindexIfStale(ctx); err != nil {
		return err
	}
	return db.loadCatalogue(ctx)
}

// serverMigrations returns the migrations the server database has had (nil when it has no
// migrations table) and how many other tables it holds.
func (db *DB) serverMigrations(ctx context.Context) (map[string]bool, int, error) {
	var has, others int
	if err := db.db.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE table_name = 'migrations'), count(*) FILTER (WHERE table_name <> 'migrations')
		FROM information_schema.tables WHERE table_schema = current_schema()`).Scan(&has, &others); err != nil {
		return nil, 0, connectMessage(err, db.path)
	}
	if has == 0 {
		return nil, others, nil
	}
	rows, err := db.db.QueryContext(ctx, `SELECT name FROM migrations`)
	if err != nil {
		return nil, 0, fmt.Errorf("store: read migrations: %w", err)
	}
	defer rows.Close()
	applied := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, 0, err
		}
		applied[name] = true
	}
	return applied, others, rows.Err()
}

// connectMessage says in words why the server at shown could not be used: not reachable, a
// wrong login or password, no such database; anything else is kept for the log.
func connectMessage(err error, shown string) error {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return data.Errorf(data.EINVALID, "Máy chủ %s từ chối đăng nhập: sai tên đăng nhập hoặc mật khẩu của cơ sở dữ liệu. Hãy kiểm tra lại với người quản trị máy chủ.", shown)
		case "3D000": // invalid_catalog_name
			return data.Errorf(data.EINVALID, "Máy chủ %s không có cơ sở dữ liệu này. Hãy kiểm tra tên cơ sở dữ liệu ở cuối địa chỉ, hoặc nhờ người quản trị máy chủ tạo nó.", shown)
		}
	}
	if serverLost(err) {
		return data.Errorf(data.EINVALID, "Không kết nối được máy chủ cơ sở dữ liệu %s: máy chủ không trả lời. Hãy kiểm tra máy chủ đã bật, PostgreSQL đang chạy, tên máy và cổng đúng, và tường lửa cho phép kết nối.", shown)
	}
	return fmt.Errorf("store: connect %s: %w", shown, err)
}

// postgresDialect is the server's SQL (see dialect).
type postgresDialect struct{}

func (postgresDialect) name() string { return postgresName }

// rebind writes ? and ?N as $N.
func (postgresDialect) rebind(query string) string { return rebindNumbered(query) }

// readIsolation gives a read transaction one snapshot, as a read of the file has.
func (postgresDialect) readIsolation() sql.IsolationLevel { return sql.LevelRepeatableRead }

// lockWrites waits for the write lock, up to the connection's lock_timeout.
func (postgresDialect) lockWrites(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(writeLockKey))
	return err
}

// search matches the words as prefixes of the index's words with a text search of the simple
// configuration (the index's text is folded in Go, as on the file); the state is a column.
func (postgresDialect) search(table string, m searchMatch) (string, []any) {
	words := make([]string, len(m.words))
	for i, w := range m.words {
		words[i] = w + ":*" // letters and digits only: nothing else of tsquery's syntax
	}
	q := `SELECT rowid FROM ` + table + ` WHERE to_tsvector('simple', text) @@ to_tsquery('simple', ?)`
	args := []any{strings.Join(words, " & ")}
	if m.state != "" {
		q += ` AND state = ?`
		args = append(args, m.state)
	}
	return q, args
}

// erasing runs del as it is: the server has no secure_delete, and overwriting the row first would
// not help, as an UPDATE writes a new version of the row and leaves the old one in the table's
// file (MVCC) as the DELETE does. erased drops them after the commit.
func (postgresDialect) erasing(_ context.Context, _ *sql.Tx, del func() error) error { return del() }

// erased rewrites table into a new file with VACUUM (FULL), after the commit (it cannot run in a
// transaction): the old file, which held the deleted rows' versions, is emptied at once and
// removed at the next checkpoint, and a plain VACUUM would only mark their space free. table is
// small (settings: a few rows), so its exclusive lock lasts milliseconds. What remains beyond
// the program's reach: the write-ahead log's records of the row's insertion and deletion, in
// pg_wal until the server recycles those segments after checkpoints (and in a WAL archive or
// standby, if the administrator keeps one), and the blocks of the old file on the disk until
// the file system reuses them.
func (postgresDialect) erased(ctx context.Context, db *sql.DB, table string) error {
	_, err := db.ExecContext(ctx, `VACUUM (FULL) `+table)
	return err
}

// position is the server's strpos.
func (postgresDialect) position(text, word string) string {
	return `strpos(` + text + `, ` + word + `)`
}

// sortIndexes is "": dropping an index on the server locks the table against every desk's reads
// until the import commits.
func (postgresDialect) sortIndexes() string { return "" }

// walkCounted is false: counting the tens of thousands of matches of a broad search ("cong
// ty") in the GIN index and the table takes as long as sorting them (30-50 ms).
func (postgresDialect) walkCounted() bool { return false }

// reckon returns the planner's estimate of the rows of query (EXPLAIN): from the words' shares
// in the search index's statistics, a few times below the truth for a broad search ("cong ty":
// 10,000 of 28,000) and about 60 for a word the statistics do not hold, however many rows have it.
func (d postgresDialect) reckon(ctx context.Context, tx *sql.Tx, query string, args []any) (int, error) {
	var plan string
	if err := tx.QueryRowContext(ctx, `EXPLAIN (FORMAT JSON) `+d.rebind(query), args...).Scan(&plan); err != nil {
		return 0, err
	}
	var p []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		}
	}
	if err := json.Unmarshal([]byte(plan), &p); err != nil || len(p) != 1 {
		return 0, fmt.Errorf("store: plan %q: %v", plan, err)
	}
	return int(p[0].Plan.Rows), nil
}

// planWalk runs walk with the planner kept on the sort order's index, in one process: the
// planner reckons that the walk's tests of words (strpos) keep a few rows in ten thousand, so it
// would read the whole register (or share it among workers) and sort it, 0.5 s, where the walk
// reads the few hundred or thousand rows the page needs. Without JIT: a plan that still scans a
// table whole (where no index serves) is reckoned at a disabled scan's huge cost, which would
// start a compilation longer than the query. A savepoint's rollback undoes the settings, so the
// transaction's other statements are planned as always.
func (postgresDialect) planWalk(ctx context.Context, tx *sql.Tx, walk func() error) error {
	if _, err := tx.ExecContext(ctx, `SAVEPOINT walk; SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off;
		SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL jit = off`); err != nil {
		return err
	}
	err := walk()
	if _, undo := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT walk`); err == nil {
		err = undo
	}
	return err
}

// postgresCode returns the SQLSTATE of a server error, or "".
func postgresCode(err error) string {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code
	}
	return ""
}

// postgresBusy reports whether err says the write lock was not had in time (lock_timeout), or
// the server ended a transaction to untangle a deadlock.
func postgresBusy(err error) bool {
	switch postgresCode(err) {
	case "55P03", "40001", "40P01": // lock_not_available, serialization_failure, deadlock_detected
		return true
	}
	return false
}

// postgresViolation returns the constraint a server error says was broken.
func postgresViolation(err error) violation {
	switch c := postgresCode(err); {
	case c == "23505":
		return uniqueViolation
	case c == "23503":
		return foreignKeyViolation
	case strings.HasPrefix(c, "23") || c == "P0001": // integrity constraints, a trigger's refusal
		return otherViolation
	}
	return noViolation
}

// serverLost reports whether err says the connection to the server failed or was cut: the
// statement did not commit, and the pool connects afresh for the next one.
func serverLost(err error) bool {
	var ne net.Error
	var ce *pgconn.ConnectError
	c := postgresCode(err)
	return errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err) ||
		strings.HasPrefix(c, "08") || strings.HasPrefix(c, "57P") // connection_exception, operator_intervention
}

// flagsAsIntegers lets the connection write a Go bool into an integer column: the schema keeps
// SQLite's 0/1 flags, and the store passes bools, which SQLite's driver stores as 0 and 1.
func flagsAsIntegers(m *pgtype.Map) {
	for _, t := range []struct {
		name  string
		oid   uint32
		codec pgtype.Codec
	}{{"int8", pgtype.Int8OID, pgtype.Int8Codec{}}, {"int4", pgtype.Int4OID, pgtype.Int4Codec{}}, {"int2", pgtype.Int2OID, pgtype.Int2Codec{}}} {
		m.RegisterType(&pgtype.Type{Name: t.name, OID: t.oid, Codec: boolInts{t.codec}})
	}
}

// boolInts is an integer codec that also encodes a bool, as 0 or 1.
type boolInts struct{ pgtype.Codec }

// PlanEncode plans a bool as the integer 0 or 1, anything else as the integer codec does.
func (c boolInts) PlanEncode(m *pgtype.Map, oid uint32, format int16, value any) pgtype.EncodePlan {
	if _, ok := value.(bool); ok {
		return boolAsInt{c.Codec.PlanEncode(m, oid, format, int64(0))}
	}
	return c.Codec.PlanEncode(m, oid, format, value)
}

// boolAsInt encodes a bool with the plan of an int64.
type boolAsInt struct{ int64Plan pgtype.EncodePlan }

// Encode writes 1 for true and 0 for false.
func (p boolAsInt) Encode(value any, buf []byte) ([]byte, error) {
	n := int64(0)
	if value.(bool) {
		n = 1
	}
	return p.int64Plan.Encode(n, buf)
}
