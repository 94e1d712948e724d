package data

import (
	"context"
	"time"

	"khuyencong/data/vn"
)

// AuditEntry is one change in the history: written in the same transaction as the change, chained
// to the entry before it by a hash, and never edited or removed afterwards.
type AuditEntry struct {
	// ID numbers the entries in the order they were made.
	ID int64
	// At is the store's clock at the change.
	At time.Time
	// User is the login of who made the change ("" for the program itself, e.g. loading catalogues).
	User string
	// Action says what was done: "create", "update", "delete", "status", "issue", "sign_in"…
	Action string
	// Entity and EntityID name the record changed: "enterprise" 12, "class" 3…
	Entity   string
	EntityID int64
	// Detail is a sentence for people: the record's name and what happened to it.
	Detail string
	// Changes are the record's fields that the change set, with their values before and after.
	Changes []FieldChange
	// Hash is the entry's link in the chain: SHA-256 over the previous entry's hash and this
	// entry's fields, hex.
	Hash string
}

// FieldChange is one field of a record before and after a change; a created record has no
// Before, a deleted one no After.
type FieldChange struct {
	// Field is the stored column's name, e.g. "name", "tax_code".
	Field string
	// Before and After are the values as text; HadBefore and HasAfter say whether there was one.
	Before, After       string
	HadBefore, HasAfter bool
}

// AuditFilter selects entries of the history. Zero fields select everything.
type AuditFilter struct {
	// User is a login.
	User string
	// From and To bound the day of the change, inclusive.
	From, To vn.Date
	// Entity and EntityID name one record (EntityID 0: every record of the entity).
	Entity   string
	EntityID int64
	// Limit and Offset page the newest-first list; Limit 0 means 100.
	Limit, Offset int
}

// AuditCheck is the result of walking the chain of the history.
type AuditCheck struct {
	// Entries is how many entries were checked.
	Entries int
	// BrokenAt is the first entry whose link does not hold, 0 when the chain is whole.
	BrokenAt int64
	// Problem says in Vietnamese what is wrong there ("" when whole): an entry changed, one
	// removed before it, entries missing at the end.
	Problem string
}

// AuditService reads the history of changes; nothing writes it but the store's own writes.
type AuditService interface {
	// FindAudit returns one page of the entries the filter selects, newest first. Everyone may
	// read one record's history; the whole trail (no EntityID) needs RightAudit (EFORBIDDEN).
	FindAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, error)
	// CountAudit returns how many entries the filter selects, with the same rights.
	CountAudit(ctx context.Context, f AuditFilter) (int, error)
	// CheckAudit walks the whole chain and says where it was first broken. RightAudit.
	CheckAudit(ctx context.Context) (*AuditCheck, error)
}
