package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"

	"khuyencong/data"
)

// auditTables names the table that holds each entity of the history whose fields a change records
// before and after; its rows are found by their id. An entity missing here (a session's attendance,
// the catalogues, the signing key) is recorded with its detail sentence only; a setting states its
// changes (settingChanges).
var auditTables = map[string]string{
	"enterprise":  "enterprises",
	"trainee":     "trainees",
	"class":       "classes",
	"enrollment":  "enrollments",
	"session":     "sessions",
	"certificate": "certificates",
	"fair":        "fairs",
	"booking":     "fair_bookings",
	"plan":        "plans",
	"programme":   "programmes",
	"village":     "villages",
	"equipment":   "equipment",
	"payment":     "payments",
	"user":        "users",
}

// createActions are the actions that make their record: with no snapshot taken before, the
// record's fields after the change are all it recorded.
var createActions = map[string]bool{"create": true, "enroll": true, "issue": true}

// recordChanges turns the before and after recording off, for the benchmark that measures its cost.
var recordChanges = true

// auditTrail is what a transaction keeps for the entries of the history it writes.
type auditTrail struct {
	pool  *DB                      // whose statements the transaction borrows
	snaps map[auditKey]rowSnapshot // the records' fields before the change (before)
	err   error                    // a failure to read one, returned by the change's audit
	stmts map[string]*sql.Stmt     // the statements borrowed so far, by query
}

// stmt returns query prepared for t. Preparing is most of what an entry costs (the parser runs
// each time): a statement is prepared once for the database, on each connection of the pool as
// it comes, and borrowed once per transaction, which a class's thousand certificates share.
func (t *tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if s, ok := t.trail.stmts[query]; ok {
		return s, nil
	}
	shared, ok := t.trail.pool.stmts.Load(query)
	if !ok {
		s, err := t.trail.pool.db.PrepareContext(ctx, t.d.rebind(query))
		if err != nil {
			return nil, err
		}
		var loaded bool
		if shared, loaded = t.trail.pool.stmts.LoadOrStore(query, s); loaded {
			s.Close()
		}
	}
	s := t.StmtContext(ctx, shared.(*sql.Stmt))
	if t.trail.stmts == nil {
		t.trail.stmts = map[string]*sql.Stmt{}
	}
	t.trail.stmts[query] = s // closed with the transaction; the shared one stays
	return s, nil
}

// auditKey is one record of the history: its entity and id.
type auditKey struct {
	entity string
	id     int64
}

// rowSnapshot is a record's fields as text, in the table's column order; nil when there is no row.
type rowSnapshot []fieldValue

// fieldValue is one column of a row as text.
type fieldValue struct{ name, value string }

// before keeps the record's fields as they are before the transaction changes them, for the
// audit of the change to compare with what it leaves: an update, a status move or a delete calls it
// where it starts. An error reading the row is kept and returned by the audit of the change.
func (t *tx) before(ctx context.Context, entity string, id int64) {
	table, ok := auditTables[entity]
	if !ok || !recordChanges || t.trail.err != nil {
		return
	}
	if t.trail.snaps == nil {
		t.trail.snaps = map[auditKey]rowSnapshot{}
	}
	k := auditKey{entity, id}
	if _, taken := t.trail.snaps[k]; taken {
		return // the first snapshot is the state before the transaction
	}
	s, err := snapshot(ctx, t, table, id)
	if err != nil {
		t.trail.err = fmt.Errorf("sqlite: snapshot of %s %d: %w", entity, id, err)
		return
	}
	t.trail.snaps[k] = s
}

// sensitive reports whether a column's value must stay out of the history (a password's hash,
// a sealed key): the history is open to every reader of the record.
func sensitive(col string) bool {
	for _, w := range []string{"password", "secret", "salt", "sealed", "private"} {
		if strings.Contains(col, w) {
			return true
		}
	}
	return false
}

// skipped reports whether a column is bookkeeping rather than a field a person changes: the id,
// the version, the instants of the row, the sort keys and the search words; or the frozen proof
// of a certificate (its content, which its hash covers, the register's signatures, their keys and link),
// which the register keeps and which would make issuing a class's certificates a third slower.
func skipped(col string) bool {
	switch col {
	case "id", "version", "created_at", "updated_at", "words", "content", "signature", "prev_hash",
		"key_id", "status_signature", "status_key_id":
		return true
	}
	return strings.HasSuffix(col, "_key") || sensitive(col)
}

// snapshot reads the row id of table as text; nil when there is none. Blobs are left out.
func snapshot(ctx context.Context, t *tx, table string, id int64) (rowSnapshot, error) {
	st, err := t.stmt(ctx, `SELECT * FROM `+table+` WHERE id = ?`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	s := rowSnapshot{}
	for i, col := range cols {
		if skipped(col) {
			continue
		}
		if v, ok := text(vals[i]); ok {
			s = append(s, fieldValue{col, v})
		}
	}
	return s, rows.Err()
}

// text returns a stored value as the history shows it: NULL as "", numbers in decimal; false for a blob.
func text(v any) (string, bool) {
	switch v := v.(type) {
	case nil:
		return "", true
	case string:
		return v, true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	case time.Time:
		return v.UTC().Format(timeFormat), true
	}
	return "", false
}

// diff returns the fields that differ between before and after (either nil for a record that did
// not exist). A created record lists its fields that have a value; a deleted one, those it had.
func diff(before, after rowSnapshot) []data.FieldChange {
	var out []data.FieldChange
	switch {
	case before == nil:
		for _, f := range after {
			if f.value != "" {
				out = append(out, data.FieldChange{Field: f.name, After: f.value, HasAfter: true})
			}
		}
	case after == nil:
		for _, f := range before {
			if f.value != "" {
				out = append(out, data.FieldChange{Field: f.name, Before: f.value, HadBefore: true})
			}
		}
	default:
		old := make(map[string]string, len(before))
		for _, f := range before {
			old[f.name] = f.value
		}
		for _, f := range after {
			if b, ok := old[f.name]; !ok || b != f.value {
				out = append(out, data.FieldChange{Field: f.name, Before: b, HadBefore: ok, After: f.value, HasAfter: true})
			}
		}
	}
	return out
}

// changes returns what the change recorded under action did to record k: its fields compared
// with the snapshot taken before, or, for an action that creates, its fields as they now are.
func (t *tx) changes(ctx context.Context, action string, k auditKey) ([]data.FieldChange, error) {
	table, ok := auditTables[k.entity]
	if !ok || !recordChanges || k.id == 0 {
		return nil, nil
	}
	if t.trail.err != nil {
		return nil, t.trail.err
	}
	before, taken := t.trail.snaps[k]
	if !taken && !createActions[action] {
		return nil, nil
	}
	after, err := snapshot(ctx, t, table, k.id)
	if err != nil {
		return nil, err
	}
	delete(t.trail.snaps, k)
	return diff(before, after), nil
}

// storedChange is a FieldChange as the audit table stores it, in JSON: a value absent (before a
// creation, after a deletion) is left out.
type storedChange struct {
	Field  string  `json:"f"`
	Before *string `json:"b,omitempty"`
	After  *string `json:"a,omitempty"`
}

// encodeChanges returns the changes as stored: "" when there are none.
func encodeChanges(cs []data.FieldChange) (string, error) {
	if len(cs) == 0 {
		return "", nil
	}
	out := make([]storedChange, len(cs))
	for i, c := range cs {
		out[i].Field = c.Field
		if c.HadBefore {
			out[i].Before = &c.Before
		}
		if c.HasAfter {
			out[i].After = &c.After
		}
	}
	b, err := json.Marshal(out)
	return string(b), err
}

// decodeChanges reads the changes as stored.
func decodeChanges(s string) ([]data.FieldChange, error) {
	if s == "" {
		return nil, nil
	}
	var in []storedChange
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, err
	}
	out := make([]data.FieldChange, len(in))
	for i, c := range in {
		out[i].Field = c.Field
		if c.Before != nil {
			out[i].Before, out[i].HadBefore = *c.Before, true
		}
		if c.After != nil {
			out[i].After, out[i].HasAfter = *c.After, true
		}
	}
	return out, nil
}

// chainHash is an entry's link in the chain: SHA-256, in lower-case hex, over the previous entry's
// hash and the entry's id, at, user, action, entity, entity id (0 for none), detail and changes,
// as stored, each written as its length in bytes in decimal, ':', the text and ';', so that no
// two entries read alike.
func chainHash(prev string, id int64, at, user, action, entity string, entityID int64, detail, changes string) string {
	var buf [512]byte
	b := buf[:0]
	for _, f := range [...]string{prev, strconv.FormatInt(id, 10), at, user, action, entity, strconv.FormatInt(entityID, 10), detail, changes} {
		b = strconv.AppendInt(b, int64(len(f)), 10)
		b = append(b, ':')
		b = append(b, f...)
		b = append(b, ';')
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func init() {
	// audit_hash(prev, id, at, user, action, entity, entity_id, detail, changes) is chainHash, for
	// the migration that chains the entries made before the chain existed.
	sqlite.MustRegisterDeterministicScalarFunction("audit_hash", 9, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		var s [9]string
		var id, entityID int64
		for i, a := range args {
			switch v := a.(type) {
			case int64:
				if i == 1 {
					id = v
				} else {
					entityID = v
				}
			case string:
				s[i] = v
			case nil:
			default:
				return nil, fmt.Errorf("audit_hash: argument %d is %T", i+1, a)
			}
		}
		return chainHash(s[0], id, s[2], s[3], s[4], s[5], entityID, s[7], s[8]), nil
	})
}

// audit appends an entry to the history, in the transaction of the change: when, who (the login
// ctx acts as), the action on which record, a sentence for people, the record's fields before and
// after (see before), chained to the entry before it by its hash.
func audit(ctx context.Context, tx *tx, action, entity string, id int64, detail string) error {
	cs, err := tx.changes(ctx, action, auditKey{entity, id})
	if err != nil {
		return err
	}
	return auditChanges(ctx, tx, action, entity, id, detail, cs)
}

// auditChanges appends an entry to the history as audit does, with the changes the caller states:
// for what is not a row of its own, such as a setting.
func auditChanges(ctx context.Context, tx *tx, action, entity string, id int64, detail string, cs []data.FieldChange) error {
	changes, err := encodeChanges(cs)
	if err != nil {
		return err
	}
	// The head, not the last row, is what the entry follows: after rows were removed at the end,
	// the new entry still says what came before them, and the check finds the gap.
	var last int64
	var prev string
	head, err := tx.stmt(ctx, `SELECT id, hash FROM audit_head`)
	if err == nil {
		err = head.QueryRowContext(ctx).Scan(&last, &prev)
	}
	if err != nil && (errors.Is(err, sql.ErrNoRows) || missingTable(err)) {
		// Writing on would start a new chain and hide the tampering: the history stays as found.
		return data.Errorf(data.EINTERNAL, "Nhật ký thay đổi đã bị can thiệp bằng công cụ ngoài chương trình (mất đầu chuỗi nhật ký) nên chương trình không ghi thêm thay đổi nào. Hãy báo quản trị: kiểm tra nhật ký rồi khôi phục cơ sở dữ liệu từ bản sao lưu.")
	} else if err != nil {
		return fmt.Errorf("sqlite: audit head: %w", err)
	}
	insert, err := tx.stmt(ctx, `INSERT INTO audit (id, at, "user", action, entity, entity_id, detail, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	at, user := tx.at(), data.UserFromContext(ctx)
	hash := chainHash(prev, last+1, at, user, action, entity, id, detail, changes)
	if _, err = insert.ExecContext(ctx, last+1, at, user, action, entity, sql.NullInt64{Int64: id, Valid: id != 0}, detail, changes, prev, hash); err != nil {
		return err
	}
	// Moved here rather than by a trigger, which an outside tool dropping every trigger of the
	// history would take with it, leaving each entry to collide with the one before.
	move, err := tx.stmt(ctx, `UPDATE audit_head SET id = ?, hash = ?`)
	if err != nil {
		return err
	}
	_, err = move.ExecContext(ctx, last+1, hash)
	return err
}

// settingChanges returns what storing after over before ("" when never set) changed in a setting:
// the members that differ when both are JSON objects (the organisation, the certificates'
// settings…), else the value itself as the field "value".
func settingChanges(before, after string) []data.FieldChange {
	var b, a map[string]json.RawMessage
	if json.Unmarshal([]byte(after), &a) != nil || before != "" && json.Unmarshal([]byte(before), &b) != nil {
		return []data.FieldChange{{Field: "value", Before: before, HadBefore: before != "", After: after, HasAfter: true}}
	}
	return diff(members(b), members(a))
}

// members returns the members of a JSON object as a row of fields in name order, a string
// member as its text; nil for nil.
func members(m map[string]json.RawMessage) rowSnapshot {
	if m == nil {
		return nil
	}
	out := rowSnapshot{}
	for _, name := range slices.Sorted(maps.Keys(m)) {
		var s string
		if json.Unmarshal(m[name], &s) != nil {
			s = string(m[name])
		}
		out = append(out, fieldValue{name, s})
	}
	return out
}
