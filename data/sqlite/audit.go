package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"

	"khuyencong/data"
)

// auditTables names the table that holds each entity of the history whose fields a change records
// before and after; its rows are found by their id. An entity missing here (a session's attendance,
// a setting, the catalogues) is recorded with its detail sentence only.
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
	if !ok || !recordChanges || t.snapErr != nil {
		return
	}
	if t.snaps == nil {
		t.snaps = map[auditKey]rowSnapshot{}
	}
	k := auditKey{entity, id}
	if _, taken := t.snaps[k]; taken {
		return // the first snapshot is the state before the transaction
	}
	s, err := snapshot(ctx, t, table, id)
	if err != nil {
		t.snapErr = fmt.Errorf("sqlite: snapshot of %s %d: %w", entity, id, err)
		return
	}
	t.snaps[k] = s
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
// the version, the instants of the row, the sort keys and the search words.
func skipped(col string) bool {
	switch col {
	case "id", "version", "created_at", "updated_at", "words":
		return true
	}
	return strings.HasSuffix(col, "_key") || sensitive(col)
}

// snapshot reads the row id of table as text; nil when there is none. Blobs are left out.
func snapshot(ctx context.Context, t *tx, table string, id int64) (rowSnapshot, error) {
	rows, err := t.QueryContext(ctx, `SELECT * FROM `+table+` WHERE id = ?`, id)
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
	if t.snapErr != nil {
		return nil, t.snapErr
	}
	before, taken := t.snaps[k]
	if !taken && !createActions[action] {
		return nil, nil
	}
	after, err := snapshot(ctx, t, table, k.id)
	if err != nil {
		return nil, err
	}
	delete(t.snaps, k)
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

// chainHash is an entry's link in the chain: SHA-256, in hex, over the previous entry's hash and
// each of the entry's fields, every one preceded by its length so that no two entries read alike.
func chainHash(prev string, id int64, at, user, action, entity string, entityID int64, detail, changes string) string {
	h := sha256.New()
	for _, f := range []string{prev, strconv.FormatInt(id, 10), at, user, action, entity, strconv.FormatInt(entityID, 10), detail, changes} {
		fmt.Fprintf(h, "%d:%s;", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil))
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
	changes, err := encodeChanges(cs)
	if err != nil {
		return err
	}
	// The head, not the last row, is what the entry follows: after rows were removed at the end,
	// the new entry still says what came before them, and the check finds the gap.
	var last int64
	var prev string
	if err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit_head`).Scan(&last, &prev); err != nil {
		return fmt.Errorf("sqlite: audit head: %w", err)
	}
	at, user := tx.at(), data.UserFromContext(ctx)
	_, err = tx.ExecContext(ctx, `INSERT INTO audit (id, at, user, action, entity, entity_id, detail, changes, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		last+1, at, user, action, entity, sql.NullInt64{Int64: id, Valid: id != 0}, detail, changes, prev,
		chainHash(prev, last+1, at, user, action, entity, id, detail, changes))
	return err
}
