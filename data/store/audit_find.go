package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

var _ data.AuditService = (*DB)(nil)

// auditColumns are the columns scanAudit reads.
const auditColumns = `id, at, "user", action, entity, COALESCE(entity_id, 0), detail, changes, prev_hash, hash`

// auditRow is an entry as stored, with the link to the one before it.
type auditRow struct {
	data.AuditEntry
	at       string // as stored, which the hash covers
	changes  string // as stored
	prevHash string
}

// scanAudit reads an entry of auditColumns.
func scanAudit(s scanner) (*auditRow, error) {
	var r auditRow
	if err := s.Scan(&r.ID, &r.at, &r.User, &r.Action, &r.Entity, &r.EntityID, &r.Detail, &r.changes, &r.prevHash, &r.Hash); err != nil {
		return nil, err
	}
	r.At, _ = time.Parse(timeFormat, r.at)
	return &r, nil
}

// intact reports whether the entry's hash is the one its fields and the link before it give.
func (r *auditRow) intact() bool {
	return r.Hash == chainHash(r.prevHash, r.ID, r.at, r.User, r.Action, r.Entity, r.EntityID, r.Detail, r.changes)
}

// auditWhere returns the WHERE clause and its arguments for f, days bounded in loc. EINVALID for
// a range that ends before it starts.
func auditWhere(f data.AuditFilter, loc *time.Location) (string, []any, error) {
	var conds []string
	var args []any
	if u := strings.TrimSpace(f.User); u != "" {
		conds, args = append(conds, `"user" = ?`), append(args, u)
	}
	if f.Entity != "" {
		conds, args = append(conds, `entity = ?`), append(args, f.Entity)
		if f.EntityID != 0 {
			// A record's number is taken again after the newest record of a table is deleted: its
			// history starts after the last deletion that other entries follow.
			conds = append(conds, `entity_id = ?`, `id > COALESCE((SELECT max(d.id) FROM audit d
				WHERE d.entity = ? AND d.entity_id = ? AND d.action = 'delete' AND EXISTS (SELECT 1 FROM audit n
				WHERE n.entity = d.entity AND n.entity_id = d.entity_id AND n.id > d.id)), 0)`)
			args = append(args, f.EntityID, f.Entity, f.EntityID)
		}
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return "", nil, data.Errorf(data.EINVALID, "Khoảng thời gian không hợp lệ: ngày kết thúc %s trước ngày bắt đầu %s.", f.To, f.From)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, `at >= ?`), append(args, dayStart(f.From, loc))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, `at < ?`), append(args, dayStart(f.To.AddDays(1), loc))
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// dayStart returns the instant, as stored, at which day d begins in loc: the centre's days are
// those of its clock, while the history's instants are UTC.
func dayStart(d vn.Date, loc *time.Location) string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc).UTC().Format(timeFormat)
}

// readAudit begins the read of the history f selects: one record's history is open to everyone,
// the whole trail needs RightAudit.
func (db *DB) readAudit(ctx context.Context, f data.AuditFilter) (*tx, string, []any, error) {
	where, args, err := auditWhere(f, db.Now().Location())
	if err != nil {
		return nil, "", nil, err
	}
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, "", nil, err
	}
	if f.Entity == "" || f.EntityID == 0 {
		if err := allow(ctx, tx, data.RightAudit); err != nil {
			tx.Rollback()
			return nil, "", nil, err
		}
	}
	return tx, where, args, nil
}

// FindAudit returns one page of the entries the filter selects, newest first. EINVALID for a
// range of days that ends before it starts; EFORBIDDEN for the whole trail without RightAudit.
func (db *DB) FindAudit(ctx context.Context, f data.AuditFilter) (_ []*data.AuditEntry, err error) {
	defer translate(&err)
	tx, where, args, err := db.readAudit(ctx, f)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	query, args := paged(`SELECT `+auditColumns+` FROM audit`+where+` ORDER BY id DESC`, args, f.Offset, limit)
	rows, err := queryRows(ctx, tx, scanAudit, query, args...)
	if err != nil {
		return nil, err
	}
	out := make([]*data.AuditEntry, len(rows))
	for i, r := range rows {
		if r.Changes, err = decodeChanges(r.changes); err != nil {
			return nil, fmt.Errorf("sqlite: audit %d changes: %w", r.ID, err)
		}
		out[i] = &r.AuditEntry
	}
	return out, nil
}

// CountAudit returns how many entries the filter selects, with the errors of FindAudit.
func (db *DB) CountAudit(ctx context.Context, f data.AuditFilter) (n int, err error) {
	defer translate(&err)
	tx, where, args, err := db.readAudit(ctx, f)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM audit`+where, args...).Scan(&n)
	return n, err
}

// CheckAudit walks the whole chain in the order the entries were made and names the first place
// it does not hold: an entry whose fields no longer give its hash (edited), one that does not
// follow the entry before it (entries removed before it, or the one before replaced), entries
// missing at the end (the head of the chain names a later entry than the last one left).
// EFORBIDDEN without RightAudit.
func (db *DB) CheckAudit(ctx context.Context) (_ *data.AuditCheck, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := allow(ctx, tx, data.RightAudit); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	res := &data.AuditCheck{}
	var last *auditRow
	for rows.Next() {
		r, err := scanAudit(rows)
		if err != nil {
			return nil, err
		}
		res.Entries++
		if res.BrokenAt == 0 {
			res.BrokenAt, res.Problem = brokenLink(last, r)
		}
		last = r
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if res.BrokenAt == 0 {
		res.BrokenAt, res.Problem, err = brokenHead(ctx, tx, last)
	}
	return res, err
}

// brokenLink returns the entry r and what is wrong with it when it is not intact or does not
// follow prev (nil before the first entry); 0 and "" when it holds.
func brokenLink(prev, r *auditRow) (int64, string) {
	if !r.intact() {
		return r.ID, fmt.Sprintf("Mục số %d (%s, %s, %s) đã bị sửa sau khi ghi: nội dung không còn khớp với mã kiểm tra của nó.", r.ID, r.At.Local().Format("02/01/2006 15:04"), who(r.User), r.Action)
	}
	want, prevID := "", int64(0)
	if prev != nil {
		want, prevID = prev.Hash, prev.ID
	}
	switch {
	case r.prevHash == want:
		return 0, ""
	case prev == nil:
		return r.ID, fmt.Sprintf("Nhật ký thiếu các mục đầu tiên: mục số %d được ghi sau một mục không còn nữa. Các mục trước nó đã bị xoá.", r.ID)
	case r.ID > prevID+1:
		return r.ID, fmt.Sprintf("Nhật ký thiếu %d mục (số %d–%d) giữa mục số %d và mục số %d: các mục đó đã bị xoá.", r.ID-prevID-1, prevID+1, r.ID-1, prevID, r.ID)
	}
	return r.ID, fmt.Sprintf("Mục số %d không nối tiếp mục số %d đứng trước nó: mục trước đã bị thay bằng mục khác.", r.ID, prevID)
}

// brokenHead compares the last entry with the head of the chain; 0 and "" when they agree.
func brokenHead(ctx context.Context, tx *tx, last *auditRow) (int64, string, error) {
	var headID int64
	var headHash string
	err := tx.QueryRowContext(ctx, `SELECT id, hash FROM audit_head`).Scan(&headID, &headHash)
	if errors.Is(err, sql.ErrNoRows) || err != nil && missingTable(err) {
		return 1, "Mất đầu chuỗi của nhật ký (bảng audit_head): nhật ký đã bị can thiệp bằng công cụ ngoài chương trình.", nil
	} else if err != nil {
		return 0, "", err
	}
	lastID, lastHash := int64(0), ""
	if last != nil {
		lastID, lastHash = last.ID, last.Hash
	}
	switch {
	case headID > lastID:
		return lastID + 1, fmt.Sprintf("Nhật ký đã ghi đến mục số %d nhưng chỉ còn đến mục số %d: %d mục cuối đã bị xoá.", headID, lastID, headID-lastID), nil
	case headID < lastID:
		return headID + 1, fmt.Sprintf("Các mục từ số %d đến %d được thêm vào nhật ký ngoài chương trình.", headID+1, lastID), nil
	case headHash != lastHash:
		return lastID, fmt.Sprintf("Mục cuối cùng (số %d) không phải mục chương trình đã ghi: nó đã bị thay.", lastID), nil
	}
	return 0, "", nil
}

// missingTable reports whether err says a statement named a table the database does not have:
// SQLite says so in words, the server with SQLSTATE 42P01 (undefined_table).
func missingTable(err error) bool {
	return strings.Contains(err.Error(), "no such table") || postgresCode(err) == "42P01"
}

// who names the user of an entry for a message: the program itself when nobody.
func who(user string) string {
	if user == "" {
		return "chương trình"
	}
	return user
}
