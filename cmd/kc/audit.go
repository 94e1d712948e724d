package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"khuyencong/data"
)

// errAuditBroken is what `kc audit check` returns when the history's chain does not hold: the
// break is printed already, and kc exits with status 1.
var errAuditBroken = errors.New("nhật ký thay đổi không toàn vẹn")

// auditPage is how many entries `kc audit list --limit 0` reads at a time.
const auditPage = 500

// audit runs `kc audit list …` and `kc audit check`.
func (m *Main) audit(ctx context.Context, args []string) error {
	const how = "kc audit list [--user TÊN] [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--record LOẠI:SỐ] [--limit N], hoặc kc audit check"
	if len(args) == 0 || (args[0] != "list" && args[0] != "check") {
		return data.Errorf(data.EINVALID, "Lệnh audit cần việc cần làm: %s.", how)
	}
	if args[0] == "check" {
		if _, err := m.parse(m.flags("audit check"), args[1:], 0); err != nil {
			return err
		}
		return m.auditCheck(ctx)
	}
	fs := m.flags("audit list") // its --user: whose changes, in m.userFlag (see userArg)
	m.userFlag = ""
	from := fs.String("from", "", "từ ngày, dd/mm/yyyy")
	to := fs.String("to", "", "đến ngày, dd/mm/yyyy")
	record := fs.String("record", "", "một hồ sơ, LOẠI:SỐ (ví dụ enterprise:12), hoặc mọi hồ sơ của một loại (enterprise)")
	limit := fs.Int("limit", 100, "số mục tối đa, mới nhất trước (0: tất cả)")
	if _, err := m.parse(fs, args[1:], 0); err != nil {
		return err
	}
	f, err := auditFilter(m.userFlag, *from, *to, *record)
	switch {
	case err != nil:
		return err
	case *limit < 0:
		return data.Errorf(data.EINVALID, "--limit phải từ 0 trở lên.")
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	total, err := db.CountAudit(ctx, f)
	if err != nil {
		return err
	}
	want := *limit
	if want == 0 || want > total {
		want = total
	}
	for f.Offset < want {
		f.Limit = min(auditPage, want-f.Offset)
		es, err := db.FindAudit(ctx, f)
		if err != nil {
			return err
		}
		if len(es) == 0 {
			break
		}
		for _, e := range es {
			if err := m.printEntry(e); err != nil {
				return err
			}
		}
		f.Offset += len(es)
	}
	if want < total {
		fmt.Fprintf(m.Stderr, "Đã in %d mục mới nhất trong %d; --limit 0 để in tất cả.\n", want, total)
	}
	return nil
}

// auditFilter reads the flags of `kc audit list`: user is whose changes are listed (who runs kc
// is KC_USER, or the --user before the command name).
func auditFilter(user, from, to, record string) (data.AuditFilter, error) {
	f := data.AuditFilter{User: strings.ToLower(strings.TrimSpace(user))}
	var err error
	if from != "" {
		if f.From, err = parseDateFlag("from", from); err != nil {
			return f, err
		}
	}
	if to != "" {
		if f.To, err = parseDateFlag("to", to); err != nil {
			return f, err
		}
	}
	if from != "" && to != "" && f.To.Before(f.From) {
		return f, data.Errorf(data.EINVALID, "--to (%s) trước --from (%s).", f.To, f.From)
	}
	if record == "" {
		return f, nil
	}
	entity, id, hasID := strings.Cut(strings.TrimSpace(record), ":")
	f.Entity = strings.ToLower(entity)
	if hasID {
		if f.EntityID, err = strconv.ParseInt(id, 10, 64); err != nil || f.EntityID <= 0 {
			return f, data.Errorf(data.EINVALID, "--record %q: sau dấu hai chấm là số của hồ sơ, ví dụ enterprise:12.", record)
		}
	}
	if f.Entity == "" || strings.Trim(f.Entity, "abcdefghijklmnopqrstuvwxyz_") != "" {
		return f, data.Errorf(data.EINVALID, "--record %q: loại hồ sơ viết bằng chữ thường không dấu, ví dụ enterprise, class, certificate.", record)
	}
	return f, nil
}

// printEntry prints one entry of the history: a line with its number, time, user, action,
// record and detail (tab-separated), then a line per field changed, indented by a tab.
func (m *Main) printEntry(e *data.AuditEntry) error {
	who := e.User
	if who == "" {
		who = "(chương trình)"
	}
	rec := e.Entity
	if e.EntityID != 0 {
		rec += ":" + strconv.FormatInt(e.EntityID, 10)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "#%d\t%s\t%s\t%s\t%s\t%s\n", e.ID, localTime(e.At), who, e.Action, rec, e.Detail)
	for _, c := range e.Changes {
		fmt.Fprintf(&b, "\t%s: %s → %s\n", c.Field, fieldValue(c.Before, c.HadBefore), fieldValue(c.After, c.HasAfter))
	}
	_, err := fmt.Fprint(m.Stdout, b.String())
	return err
}

// fieldValue shows a field's value before or after a change: "—" when there was none (a record
// created or deleted), quoted when it is empty or has spaces at its ends, so that they show.
func fieldValue(v string, ok bool) string {
	switch {
	case !ok:
		return "—"
	case v == "" || strings.TrimSpace(v) != v || strings.ContainsAny(v, "\t\n"):
		return strconv.Quote(v)
	}
	return v
}

// auditCheck walks the history's chain and prints whether it holds; a break is printed with the
// entry where it is, and returned as errAuditBroken.
func (m *Main) auditCheck(ctx context.Context) error {
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.CheckAudit(ctx)
	if err != nil {
		return err
	}
	if c.BrokenAt == 0 {
		return m.said(nil, "Nhật ký thay đổi toàn vẹn: đã kiểm tra %d mục.", c.Entries)
	}
	if err := m.said(nil, "Nhật ký thay đổi đã bị sửa: chuỗi đứt tại mục #%d. %s (đã kiểm tra %d mục)", c.BrokenAt, c.Problem, c.Entries); err != nil {
		return err
	}
	return errAuditBroken
}
