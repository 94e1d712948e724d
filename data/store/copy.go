package store

// Moving an office: everything of one database copied into another, a file or a server's, in one
// consistent snapshot of the source and one transaction on the target (issue 13, kc db copy).

import (
	"context"
	"crypto/sha256"
	"fmt"
	"hash"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"khuyencong/data"
)

// CopiedTable is one table a copy wrote and checked: the same number of rows on both sides.
type CopiedTable struct {
	// Name is the table's name.
	Name string
	// Rows is how many rows it holds, the same on both sides.
	Rows int64
}

// copyTable is one table of the database as a copy reads it from the source's schema.
type copyTable struct {
	name     string
	columns  []string
	parents  []string // the other tables its foreign keys reference: copied before it
	selfRefs []string // its columns that reference its own rows' ids
}

// copySchema is what a copy reads of a backend's schema and sets after the rows, beside the
// store's common SQL; sqliteDialect and postgresDialect have it (copy_schema.go).
type copySchema interface {
	// copyTables returns every table of the database with its columns in order and its foreign
	// keys, in no particular order.
	copyTables(ctx context.Context, tx *tx) ([]copyTable, error)
	// resetIDs makes the next id each table generates follow the largest one copied.
	resetIDs(ctx context.Context, tx *tx, tables []copyTable) error
}

// newDatabaseRows are the rows a database made for a copy (with the schema alone, without the
// catalogue, which comes from the source with its line in the history) holds, by table: the head
// of the empty history. A target with only these is empty.
var newDatabaseRows = map[string]string{"audit_head": `id = 0`}

// notCopied reports whether a copy leaves table alone: the migrations each database records for
// itself, and the search indexes (and SQLite's shadow tables of them), which the copy rebuilds
// from the rows (reindex), since SQLite's contentless index cannot give its text back.
func notCopied(table string) bool {
	if table == "migrations" || strings.HasPrefix(table, "sqlite_") {
		return true
	}
	for _, s := range searchIndexes {
		if table == s.table || strings.HasPrefix(table, s.table+"_") {
			return true
		}
	}
	return false
}

// CopyTo copies everything of db into a new database at location, as Copy, and returns the
// tables it checked. A file must not exist: it is made, and appears only once the copy is
// whole. A server database must exist and be empty, as for Create (ECONFLICT when it has
// tables); the copy makes its schema, and leaves only the schema when it fails. The target is
// made at db's schema, even one older than the program's (a backup before an upgrade), so that
// it is db as the program that last wrote it left it, and opening it upgrades it as any older
// database; ECONFLICT for a db newer than the program.
func (db *DB) CopyTo(ctx context.Context, location string) (tables []CopiedTable, err error) {
	schema, err := inRead(ctx, db, func(ctx context.Context, tx *tx) (map[string]bool, error) {
		return copySchemaOf(ctx, tx, db)
	})
	if err != nil {
		return nil, err
	}
	o := Options{schemaOnly: true, schema: schema}
	if !IsServer(location) {
		err = createWith(location, o, func(to *DB) error {
			tables, err = Copy(ctx, db, to)
			return err
		})
		return tables, err
	}
	to, err := openServer(location, o, true)
	if err != nil {
		return nil, err
	}
	defer to.Close()
	return Copy(ctx, db, to)
}

// createServerWith is CreateWith of a server's empty database at location.
func createServerWith(location string, fill func(*DB) error) error {
	dir, err := os.MkdirTemp("", "khuyencong-tao-")
	if err != nil {
		return fmt.Errorf("store: temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "khuyencong.db")
	if err := createWith(path, Options{}, fill); err != nil {
		return err
	}
	db, err := Open(path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.CopyTo(context.Background(), location)
	return err
}

// Copy copies every row of from into to: one snapshot of from, read in one transaction, written
// in one transaction on to, parents before children, with the same ids; then it rebuilds to's
// search indexes and checks, before committing, that each table holds as many rows on both
// sides and that the certificate register (numbers, serials, hashes, links, signatures) is the
// same. The history and the register are copied as they are, so their checks pass on to.
// from may be at an older schema than the program's; to must be at from's (CopyTo makes it so).
// ECONFLICT when to holds data already, when from is newer than the program, or when to's
// schema is not from's (nothing is written); EINTERNAL when the check fails (nothing is written).
func Copy(ctx context.Context, from, to *DB) (_ []CopiedTable, err error) {
	defer translate(&err)
	src, err := from.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer src.Rollback()
	dst, err := to.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer dst.Rollback()
	schema, err := checkSameSchema(ctx, src, dst, from, to)
	if err != nil {
		return nil, err
	}
	tables, err := copyOrder(ctx, src)
	if err != nil {
		return nil, err
	}
	if err := checkEmpty(ctx, dst, to.Path()); err != nil {
		return nil, err
	}
	for _, t := range tables {
		copy := copyRows
		if t.name == "audit_head" {
			copy = copyHead
		}
		if err := copy(ctx, src, dst, t); err != nil {
			return nil, fmt.Errorf("copy %s: %w", t.name, err)
		}
	}
	// The program's index code reads the rows at its own schema: at an older one the indexes are
	// filled when the upgraded database is first opened.
	current := len(pending(to.d, schema)) == 0
	if current {
		if err := reindex(ctx, dst); err != nil {
			return nil, err
		}
	}
	if err := dst.d.(copySchema).resetIDs(ctx, dst, tables); err != nil {
		return nil, err
	}
	counted, err := checkCopy(ctx, src, dst, tables, to.Path())
	if err != nil {
		return nil, err
	}
	if !current {
		if err := setSetting(ctx, dst, searchStaleKey, "1"); err != nil {
			return nil, err
		}
	}
	return counted, dst.Commit()
}

// copySchemaOf returns the migrations the database db, read in tx, has had; ECONFLICT, naming
// the version to install, when it has one this program does not know.
func copySchemaOf(ctx context.Context, tx *tx, db *DB) (map[string]bool, error) {
	names, err := queryRows(ctx, tx, scanString, `SELECT name FROM migrations`)
	if err != nil {
		return nil, err
	}
	schema := map[string]bool{}
	for _, name := range names {
		if !knownMigration(db.d, name) {
			return nil, newerSchema(ctx, db.d, db.db, db.Path(), name)
		}
		schema[name] = true
	}
	return schema, nil
}

// checkSameSchema returns the migrations the source has had; it refuses a copy from a database
// newer than the program, or onto one whose migrations are not those of the source: its tables
// and columns would not be the source's.
func checkSameSchema(ctx context.Context, src, dst *tx, from, to *DB) (map[string]bool, error) {
	a, err := copySchemaOf(ctx, src, from)
	if err != nil {
		return nil, err
	}
	b, err := copySchemaOf(ctx, dst, to)
	if err != nil {
		return nil, err
	}
	if !maps.Equal(a, b) {
		return nil, data.Errorf(data.ECONFLICT, "Cơ sở dữ liệu đích %s ở phiên bản cấu trúc %d, còn bản gốc %s ở phiên bản %d, nên chương trình không chép vào. Hãy chép sang một tệp mới, hoặc một cơ sở dữ liệu trống trên máy chủ: chương trình tạo đích đúng phiên bản của bản gốc. Chưa có gì được ghi.", to.Path(), schemaNumber(b), from.Path(), schemaNumber(a))
	}
	return a, nil
}

// schemaNumber is the number of the newest of the migrations schema, as SchemaVersion gives it.
func schemaNumber(schema map[string]bool) int {
	n := 0
	for name := range schema {
		n = max(n, migrationNumber(name))
	}
	return n
}

// copyOrder returns the tables a copy writes, each after the tables it references.
func copyOrder(ctx context.Context, src *tx) ([]copyTable, error) {
	all, err := src.d.(copySchema).copyTables(ctx, src)
	if err != nil {
		return nil, err
	}
	left := map[string]copyTable{}
	for _, t := range all {
		if !notCopied(t.name) {
			left[t.name] = t
		}
	}
	var out []copyTable
	for len(left) > 0 {
		var ready []string
		for name, t := range left {
			if !slices.ContainsFunc(t.parents, func(p string) bool { _, waiting := left[p]; return waiting }) {
				ready = append(ready, name)
			}
		}
		if len(ready) == 0 {
			return nil, fmt.Errorf("store: copy: the foreign keys of %d tables form a cycle", len(left))
		}
		slices.Sort(ready)
		for _, name := range ready {
			out = append(out, left[name])
			delete(left, name)
		}
	}
	return out, nil
}

// checkEmpty refuses a target that holds anything but what a new database holds.
func checkEmpty(ctx context.Context, dst *tx, shown string) error {
	tables, err := dst.d.(copySchema).copyTables(ctx, dst)
	if err != nil {
		return err
	}
	for _, t := range tables {
		if notCopied(t.name) {
			continue
		}
		cond, ok := newDatabaseRows[t.name]
		if !ok {
			cond = `FALSE`
		}
		var used bool
		if err := dst.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quoteName(t.name)+` WHERE NOT (`+cond+`))`).Scan(&used); err != nil {
			return err
		}
		if used {
			return data.Errorf(data.ECONFLICT, "Cơ sở dữ liệu đích %s đã có dữ liệu (bảng %s), nên chương trình không chép đè lên. Hãy chọn một tệp mới, hoặc một cơ sở dữ liệu trống trên máy chủ. Chưa có gì được ghi.", shown, t.name)
		}
	}
	return nil
}

// copyBatchArgs bounds the arguments of one INSERT: SQLite takes 32,766, PostgreSQL 65,535.
const copyBatchArgs = 30000

// copyBatchRows bounds the rows of one INSERT.
const copyBatchRows = 2000

// copyRows copies the rows of table t from src to dst, in id order. A column referencing a later
// row of the same table (a certificate replaced by a later one) is written once that row is there.
func copyRows(ctx context.Context, src, dst *tx, t copyTable) error {
	idAt := slices.Index(t.columns, "id")
	var selfAt []int
	for _, c := range t.selfRefs {
		selfAt = append(selfAt, slices.Index(t.columns, c))
	}
	query := `SELECT ` + quoteNames(t.columns) + ` FROM ` + quoteName(t.name)
	if idAt >= 0 {
		query += ` ORDER BY id`
	}
	rows, err := src.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	type later struct {
		column    string
		id, value any
	}
	var laters []later
	b := newBatch(dst, t.name, t.columns...)
	vals := make([]any, len(t.columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok && b == nil {
				vals[i] = []byte{} // an empty blob, which SQLite's driver reads as nil and would write as NULL
			}
		}
		for j, at := range selfAt {
			if v, ok := vals[at].(int64); ok && idAt >= 0 && v > asInt(vals[idAt]) {
				laters = append(laters, later{t.selfRefs[j], vals[idAt], v})
				vals[at] = nil
			}
		}
		if err := b.add(ctx, vals...); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := b.flush(ctx); err != nil {
		return err
	}
	for _, l := range laters {
		if _, err := dst.ExecContext(ctx, `UPDATE `+quoteName(t.name)+` SET `+quoteName(l.column)+` = ? WHERE id = ?`, l.value, l.id); err != nil {
			return err
		}
	}
	return nil
}

// batch inserts rows into one table several at a time, one INSERT a batch: a round trip to the
// server a row would make a copy of ten years take minutes.
type batch struct {
	tx      *tx
	table   string
	columns []string
	per     int    // rows a batch
	full    string // the INSERT of a full batch
	args    []any
}

// newBatch returns a batch of inserts into the columns of table within tx.
func newBatch(tx *tx, table string, columns ...string) *batch {
	b := &batch{tx: tx, table: table, columns: columns, per: max(1, min(copyBatchRows, copyBatchArgs/len(columns)))}
	b.full = b.insert(b.per)
	b.args = make([]any, 0, b.per*len(columns))
	return b
}

// insert returns the INSERT of k rows.
func (b *batch) insert(k int) string {
	row := `(` + strings.TrimSuffix(strings.Repeat(`?, `, len(b.columns)), `, `) + `)`
	return `INSERT INTO ` + quoteName(b.table) + ` (` + quoteNames(b.columns) + `) VALUES ` + strings.TrimSuffix(strings.Repeat(row+`, `, k), `, `)
}

// add adds a row of values, one per column, writing the batch when it is full.
func (b *batch) add(ctx context.Context, values ...any) error {
	b.args = append(b.args, values...)
	if len(b.args) < b.per*len(b.columns) {
		return nil
	}
	return b.flush(ctx)
}

// flush writes the rows added and not yet written.
func (b *batch) flush(ctx context.Context) error {
	if len(b.args) == 0 {
		return nil
	}
	q := b.full
	if len(b.args) < b.per*len(b.columns) {
		q = b.insert(len(b.args) / len(b.columns))
	}
	_, err := b.tx.ExecContext(ctx, q, b.args...)
	b.args = b.args[:0]
	return err
}

// copyHead copies the head of the history onto the target's, which a new database has and which
// may only move forward.
func copyHead(ctx context.Context, src, dst *tx, _ copyTable) error {
	var id int64
	var hash string
	if err := src.QueryRowContext(ctx, `SELECT id, hash FROM audit_head`).Scan(&id, &hash); err != nil || id == 0 {
		return err
	}
	_, err := dst.ExecContext(ctx, `UPDATE audit_head SET id = ?, hash = ?`, id, hash)
	return err
}

// asInt returns v as an int64, 0 when it is not one.
func asInt(v any) int64 {
	n, _ := v.(int64)
	return n
}

// quoteNames quotes names and joins them with commas.
func quoteNames(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteName(n)
	}
	return strings.Join(q, ", ")
}

// quoteName quotes a table's or column's name as both backends read it.
func quoteName(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// checkCopy counts the rows of each table on both sides and compares the certificate
// registers, returning the counts; EINTERNAL, naming the first difference, when they differ.
func checkCopy(ctx context.Context, src, dst *tx, tables []copyTable, shown string) ([]CopiedTable, error) {
	out := make([]CopiedTable, 0, len(tables))
	for _, t := range tables {
		var a, b int64
		q := `SELECT count(*) FROM ` + quoteName(t.name)
		if err := src.QueryRowContext(ctx, q).Scan(&a); err != nil {
			return nil, err
		}
		if err := dst.QueryRowContext(ctx, q).Scan(&b); err != nil {
			return nil, err
		}
		if a != b {
			return nil, data.Errorf(data.EINTERNAL, "Bản chép sang %s không khớp bản gốc: bảng %s có %d dòng ở bản gốc nhưng %d dòng ở bản chép. Chương trình đã huỷ việc chép, chưa có gì được ghi.", shown, t.name, a, b)
		}
		out = append(out, CopiedTable{Name: t.name, Rows: a})
	}
	var columns []string // the register's columns at the source's schema; none before certificates
	if i := slices.IndexFunc(tables, func(t copyTable) bool { return t.name == "certificates" }); i >= 0 {
		columns = slices.DeleteFunc(slices.Clone(registerColumns), func(c string) bool { return !slices.Contains(tables[i].columns, c) })
	}
	a, err := registerDigest(ctx, src, columns)
	if err != nil {
		return nil, err
	}
	b, err := registerDigest(ctx, dst, columns)
	if err != nil {
		return nil, err
	}
	if a != b {
		return nil, data.Errorf(data.EINTERNAL, "Bản chép sang %s không khớp bản gốc: sổ cấp chứng chỉ (số vào sổ, số hiệu, mã băm hoặc chữ ký) khác nhau. Chương trình đã huỷ việc chép, chưa có gì được ghi.", shown)
	}
	return out, nil
}

// registerColumns are the columns of the certificate register the checks read: each row's id,
// year, number, serial, hashes, key, signatures and status (those of sealColumns among them).
var registerColumns = []string{"id", "register_year", "register_no", "serial", "hash", "prev_hash", "key_id", "signature", "status", "status_signature", "status_key_id"}

// registerDigest returns a digest of the certificate register's columns, those of
// registerColumns that the schema has; "" of none (a schema before the register).
func registerDigest(ctx context.Context, tx *tx, columns []string) (string, error) {
	if len(columns) == 0 {
		return "", nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+quoteNames(columns)+` FROM certificates ORDER BY id`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	h := sha256.New()
	vals := make([]any, len(columns))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return "", err
		}
		writeValues(h, vals)
	}
	return fmt.Sprintf("%x", h.Sum(nil)), rows.Err()
}

// writeValues writes a row's values to h (see rowText).
func writeValues(h hash.Hash, vals []any) { h.Write([]byte(rowText(vals))) }

// rowText writes a row's values each with its kind, so that the same values read from either
// backend give the same text.
func rowText(vals []any) string {
	var b strings.Builder
	for _, v := range vals {
		switch v := v.(type) {
		case nil:
			b.WriteString("N")
		case int64:
			b.WriteString("i" + strconv.FormatInt(v, 10))
		case string:
			b.WriteString("s" + strconv.Quote(v))
		case []byte:
			b.WriteString("b" + strconv.Quote(string(v)))
		default:
			fmt.Fprintf(&b, "%T%v", v, v)
		}
		b.WriteByte(0)
	}
	b.WriteByte('\n')
	return b.String()
}
