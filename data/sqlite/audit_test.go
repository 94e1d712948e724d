package sqlite_test

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/sqlite"
	"khuyencong/data/vn"
)

// MustAudit returns the history f selects, newest first.
func MustAudit(tb testing.TB, db *sqlite.DB, f data.AuditFilter) []*data.AuditEntry {
	tb.Helper()
	es, err := db.FindAudit(ctx, f)
	if err != nil {
		tb.Fatalf("FindAudit(%+v): %v", f, err)
	}
	return es
}

// changeOf returns the change of field in e, failing when e has none.
func changeOf(tb testing.TB, e *data.AuditEntry, field string) data.FieldChange {
	tb.Helper()
	for _, c := range e.Changes {
		if c.Field == field {
			return c
		}
	}
	tb.Fatalf("entry %d (%s) has no change of %s: %+v", e.ID, e.Action, field, e.Changes)
	return data.FieldChange{}
}

// MustCheckAudit walks the chain and returns the result.
func MustCheckAudit(tb testing.TB, db *sqlite.DB) *data.AuditCheck {
	tb.Helper()
	res, err := db.CheckAudit(ctx)
	if err != nil {
		tb.Fatalf("CheckAudit: %v", err)
	}
	return res
}

// TestAudit_Changes: a creation records the record's fields, an update the fields it changed
// with their values before and after, a delete the fields the record had; bookkeeping columns
// (version, instants, sort keys, search words) are left out.
func TestAudit_Changes(t *testing.T) {
	db := MustOpenDB(t)
	e := MustCreateEnterprise(t, db, NewEnterprise("Công ty Gốm Bát Tràng"))
	e.Name, e.Phone, e.Workers = "Công ty Gốm sứ Bát Tràng", "", 30
	if err := db.UpdateEnterprise(ctx, e); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteEnterprise(ctx, e.ID); err != nil {
		t.Fatal(err)
	}
	es := MustAudit(t, db, data.AuditFilter{Entity: "enterprise", EntityID: e.ID})
	if got, want := len(es), 3; got != want {
		t.Fatalf("entries=%d, want %d", got, want)
	}
	del, upd, cre := es[0], es[1], es[2]
	if del.Action != "delete" || upd.Action != "update" || cre.Action != "create" {
		t.Fatalf("actions %s %s %s, want newest first", del.Action, upd.Action, cre.Action)
	}
	if c := changeOf(t, cre, "name"); c.HadBefore || !c.HasAfter || c.After != "Công ty Gốm Bát Tràng" {
		t.Fatalf("created name: %+v", c)
	}
	if got, want := fmt.Sprint(upd.Changes), fmt.Sprint([]data.FieldChange{
		{Field: "name", Before: "Công ty Gốm Bát Tràng", After: "Công ty Gốm sứ Bát Tràng", HadBefore: true, HasAfter: true},
		{Field: "phone", Before: "0912345678", After: "", HadBefore: true, HasAfter: true},
		{Field: "workers", Before: "12", After: "30", HadBefore: true, HasAfter: true},
	}); got != want {
		t.Fatalf("update changes:\n%s\nwant\n%s", got, want)
	}
	if c := changeOf(t, del, "tax_code"); !c.HadBefore || c.HasAfter || c.Before != e.TaxCode {
		t.Fatalf("deleted tax code: %+v", c)
	}
	for _, entry := range es {
		for _, c := range entry.Changes {
			switch {
			case c.Field == "version", c.Field == "updated_at", c.Field == "created_at", c.Field == "words", strings.HasSuffix(c.Field, "_key"):
				t.Fatalf("%s records bookkeeping column %s", entry.Action, c.Field)
			}
		}
		if entry.User != "thu.nguyen" || !entry.At.Equal(now) || len(entry.Hash) != 64 {
			t.Fatalf("entry %d: user %q at %v hash %q", entry.ID, entry.User, entry.At, entry.Hash)
		}
	}
	t.Run("StatusAndStaleSave", func(t *testing.T) {
		db := MustOpenDB(t)
		e := MustCreateEnterprise(t, db, nil)
		if _, err := db.SetEnterpriseArchived(ctx, e.ID, e.Version, true); err != nil {
			t.Fatal(err)
		}
		stale := *e
		stale.Name = "Tên mới"
		AssertError(t, db.UpdateEnterprise(ctx, &stale), data.ECONFLICT)
		es := MustAudit(t, db, data.AuditFilter{Entity: "enterprise", EntityID: e.ID})
		if got, want := len(es), 2; got != want {
			t.Fatalf("entries=%d, want %d (a refused save records nothing)", got, want)
		}
		if c := changeOf(t, es[0], "archived"); c.Before != "0" || c.After != "1" {
			t.Fatalf("archive: %+v", c)
		}
	})
	t.Run("Class", func(t *testing.T) {
		c := MustCreateClass(t, db, NewClass("LH-2026-009"))
		MustSetStatus(t, db, c, data.ClassRunning)
		es := MustAudit(t, db, data.AuditFilter{Entity: "class", EntityID: c.ID})
		if c := changeOf(t, es[0], "status"); c.Before != string(data.ClassEnrolling) || c.After != string(data.ClassRunning) {
			t.Fatalf("class status: %+v", c)
		}
	})
}

// TestAudit_Find: the whole trail searched by user, days and record, paged newest first.
func TestAudit_Find(t *testing.T) {
	db := MustOpenDB(t)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }
	var ids []int64
	for i, who := range []string{"thu.nguyen", "lan.tran", "thu.nguyen"} {
		db.Now = func() time.Time { return day(20 + i) }
		e := NewEnterprise(fmt.Sprintf("Hợp tác xã số %d", i+1))
		if err := db.CreateEnterprise(data.WithUser(context.Background(), who), e); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	for _, tt := range []struct {
		name string
		f    data.AuditFilter
		want []int64 // enterprises, newest first
	}{
		{"User", data.AuditFilter{User: "thu.nguyen", Entity: "enterprise"}, []int64{ids[2], ids[0]}},
		{"Days", data.AuditFilter{Entity: "enterprise", From: vn.Date{Year: 2026, Month: 11, Day: 21}, To: vn.Date{Year: 2026, Month: 11, Day: 22}}, []int64{ids[2], ids[1]}},
		{"OneDay", data.AuditFilter{From: vn.Date{Year: 2026, Month: 11, Day: 21}, To: vn.Date{Year: 2026, Month: 11, Day: 21}}, []int64{ids[1]}},
		{"Record", data.AuditFilter{Entity: "enterprise", EntityID: ids[1]}, []int64{ids[1]}},
		{"Page", data.AuditFilter{Entity: "enterprise", Limit: 1, Offset: 1}, []int64{ids[1]}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got []int64
			for _, e := range MustAudit(t, db, tt.f) {
				got = append(got, e.EntityID)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("entries of %v, want %v", got, tt.want)
			}
			if tt.f.Limit == 0 {
				if n, err := db.CountAudit(ctx, tt.f); err != nil || n != len(tt.want) {
					t.Fatalf("CountAudit=%d, %v; want %d", n, err, len(tt.want))
				}
			}
		})
	}
	t.Run("ErrRange", func(t *testing.T) {
		_, err := db.FindAudit(ctx, data.AuditFilter{From: vn.Date{Year: 2026, Month: 11, Day: 22}, To: vn.Date{Year: 2026, Month: 11, Day: 21}})
		AssertError(t, err, data.EINVALID, "ngày kết thúc")
	})
}

// sqlite3 runs the sqlite3 shell on the database file at path, as someone holding a copy of the
// file would, and returns its output and error.
func sqlite3(tb testing.TB, path, sql string) (string, error) {
	tb.Helper()
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		tb.Skip("no sqlite3 shell")
	}
	out, err := exec.Command(shell, path, sql).CombinedOutput()
	return string(out), err
}

// mustSqlite3 runs the shell and fails when it does.
func mustSqlite3(tb testing.TB, path, sql string) {
	tb.Helper()
	if out, err := sqlite3(tb, path, sql); err != nil {
		tb.Fatalf("sqlite3 %q: %v\n%s", sql, err, out)
	}
}

// MustTrail opens a database with a history of a dozen entries and returns it with its path.
func MustTrail(tb testing.TB) (*sqlite.DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "khuyencong.db")
	db := MustOpenDBAt(tb, path)
	for i := range 5 {
		e := MustCreateEnterprise(tb, db, NewEnterprise(fmt.Sprintf("Cơ sở mây tre đan %d", i+1)))
		e.Workers++
		if err := db.UpdateEnterprise(ctx, e); err != nil {
			tb.Fatal(err)
		}
	}
	return db, path
}

// TestAudit_Tamper: the shell cannot change or remove the history while the triggers stand; with
// them dropped, whatever it changes is found by CheckAudit, which names the first break.
func TestAudit_Tamper(t *testing.T) {
	t.Run("TriggersRefuse", func(t *testing.T) {
		db, path := MustTrail(t)
		before := MustCount(t, db, "audit")
		for _, sql := range []string{`DELETE FROM audit`, `UPDATE audit SET user = 'ai_do' WHERE id = 3`, `DELETE FROM audit_head`, `UPDATE audit_head SET id = id - 1`} {
			out, err := sqlite3(t, path, sql)
			if err == nil || !strings.Contains(out, "Nhật ký thay đổi") && !strings.Contains(out, "Đầu chuỗi") {
				t.Fatalf("sqlite3 %q: %v %s; want refused by a trigger", sql, err, out)
			}
		}
		if got := MustCount(t, db, "audit"); got != before {
			t.Fatalf("audit rows=%d, want %d", got, before)
		}
		if res := MustCheckAudit(t, db); res.BrokenAt != 0 || res.Entries != before {
			t.Fatalf("check=%+v, want whole with %d entries", res, before)
		}
	})
	drop := `DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TRIGGER audit_head_forward; DROP TRIGGER audit_head_no_delete; `
	for _, tt := range []struct {
		name   string
		sql    string // after the triggers are dropped; {5th} is the 5th entry's id, {last} the last's
		broken string // which entry CheckAudit names: "5th", "6th", "second", "last" or "before last"
		words  string
	}{
		{"Edited", `UPDATE audit SET detail = 'khác' WHERE id = {5th}`, "5th", "đã bị sửa"},
		{"EditedWho", `UPDATE audit SET user = 'lan.tran' WHERE id = {5th}`, "5th", "đã bị sửa"},
		{"Deleted", `DELETE FROM audit WHERE id = {5th}`, "6th", "thiếu 1 mục"},
		{"DeletedFirst", `DELETE FROM audit WHERE id = (SELECT min(id) FROM audit)`, "second", "các mục đầu tiên"},
		{"DeletedLast", `DELETE FROM audit WHERE id = {last}`, "last", "mục cuối đã bị xoá"},
		{"DeletedAll", `DELETE FROM audit`, "first", "mục cuối đã bị xoá"},
		{"Replaced", `UPDATE audit SET prev_hash = '', hash = '{zero}' WHERE id = {5th}`, "5th", "đã bị sửa"},
		{"HeadRewound", `DELETE FROM audit WHERE id = {last}; UPDATE audit_head SET id = id - 1`, "before last", "đã bị thay"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, path := MustTrail(t)
			var first, last int64
			if err := db.SQL().QueryRow(`SELECT min(id), max(id) FROM audit`).Scan(&first, &last); err != nil {
				t.Fatal(err)
			}
			fifth := first + 4
			sql := strings.NewReplacer("{5th}", fmt.Sprint(fifth), "{last}", fmt.Sprint(last), "{zero}", strings.Repeat("0", 64)).Replace(tt.sql)
			mustSqlite3(t, path, drop+sql)
			res := MustCheckAudit(t, db)
			want := map[string]int64{"5th": fifth, "6th": fifth + 1, "second": first + 1, "last": last, "before last": last - 1}[tt.broken]
			if tt.name == "DeletedAll" {
				want = 1
			}
			if res.BrokenAt != want || !strings.Contains(res.Problem, tt.words) {
				t.Fatalf("check=%+v, want broken at %d saying %q", res, want, tt.words)
			}
			// The desk goes on writing, and the break is still found (entries missing at the end
			// are then missing before the new one).
			MustCreateEnterprise(t, db, nil)
			if again := MustCheckAudit(t, db); again.BrokenAt == 0 || again.BrokenAt > res.BrokenAt+1 && !strings.Contains(again.Problem, "xoá") {
				t.Fatalf("after a write, check=%+v, want still broken", again)
			}
		})
	}
}

// TestAudit_Upgrade: a database of schema 6, whose history was not chained, is chained at the
// upgrade: the check holds, and the entries written afterwards follow the old ones.
func TestAudit_Upgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "khuyencong.db")
	MustCopy(t, filepath.Join("testdata", "schema-6.db"), path)
	old := countIn(t, filepath.Join("testdata", "schema-6.db"), "audit")
	if old == 0 {
		t.Fatal("schema-6.db has no history to chain")
	}
	db := MustOpenDBAt(t, path)
	MustCreateEnterprise(t, db, nil)
	if res := MustCheckAudit(t, db); res.BrokenAt != 0 || res.Entries != old+1 {
		t.Fatalf("check=%+v, want whole with %d entries", res, old+1)
	}
	if _, err := sqlite3(t, path, `DELETE FROM audit WHERE id = 1`); err == nil {
		t.Fatal("the upgraded history can be deleted")
	}
}
