package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
	"khuyencong/data/vn"
)

// MustAudit returns the history f selects, newest first.
func MustAudit(tb testing.TB, db *store.DB, f data.AuditFilter) []*data.AuditEntry {
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
func MustCheckAudit(tb testing.TB, db *store.DB) *data.AuditCheck {
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
	storetest.AddUser(t, db, tester, "lan.tran", data.RoleClerk)
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

// sqlite3 runs sql on the database file at path as someone holding a copy of the file would: with
// the sqlite3 shell, or where there is none, on a connection of its own outside the store. It
// returns what the shell printed (the error's text) and the error.
func sqlite3(tb testing.TB, path, query string) (string, error) {
	tb.Helper()
	if shell, err := exec.LookPath("sqlite3"); err == nil {
		out, err := exec.Command(shell, path, query).CombinedOutput()
		return string(out), err
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(query); err != nil {
		return err.Error(), err
	}
	return "", nil
}

// MustTrail opens a database with a history of a dozen entries, a file or the server's as the run
// is, and returns it with a function that runs SQL on it outside the store, as someone holding a
// copy of the file (the sqlite3 shell) or the server's login would. The function returns the
// error's text and the error.
func MustTrail(tb testing.TB) (*store.DB, func(query string) (string, error)) {
	tb.Helper()
	db := MustOpenDB(tb)
	outside := func(query string) (string, error) {
		if _, err := db.SQL().Exec(query); err != nil {
			return err.Error(), err
		}
		return "", nil
	}
	if !storetest.OnServer() {
		path := db.Path()
		outside = func(query string) (string, error) { return sqlite3(tb, path, query) }
	}
	for i := range 5 {
		e := MustCreateEnterprise(tb, db, NewEnterprise(fmt.Sprintf("Cơ sở mây tre đan %d", i+1)))
		e.Workers++
		if err := db.UpdateEnterprise(ctx, e); err != nil {
			tb.Fatal(err)
		}
	}
	return db, outside
}

// TestAudit_Tamper: SQL outside the store (the shell on a file, a login on the server) cannot
// change or remove the history while the triggers stand; with them dropped, whatever it changes
// is found by CheckAudit, which names the first break.
func TestAudit_Tamper(t *testing.T) {
	t.Run("TriggersRefuse", func(t *testing.T) {
		db, outside := MustTrail(t)
		before := MustCount(t, db, "audit")
		for _, sql := range []string{`DELETE FROM audit`, `UPDATE audit SET "user" = 'ai_do' WHERE id = 3`, `DELETE FROM audit_head`, `UPDATE audit_head SET id = id - 1`} {
			out, err := outside(sql)
			if err == nil || !strings.Contains(out, "Nhật ký thay đổi") && !strings.Contains(out, "Đầu chuỗi") {
				t.Fatalf("%q: %v %s; want refused by a trigger", sql, err, out)
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
	if storetest.OnServer() { // the server names a trigger with its table
		drop = `DROP TRIGGER audit_no_update ON audit; DROP TRIGGER audit_no_delete ON audit; DROP TRIGGER audit_head_forward ON audit_head; DROP TRIGGER audit_head_no_delete ON audit_head; `
	}
	for _, tt := range []struct {
		name   string
		sql    string // after the triggers are dropped; {5th} is the 5th entry's id, {last} the last's
		broken string // which entry CheckAudit names: "5th", "6th", "second", "last" or "before last"
		words  string
	}{
		{"Edited", `UPDATE audit SET detail = 'khác' WHERE id = {5th}`, "5th", "đã bị sửa"},
		{"EditedWho", `UPDATE audit SET "user" = 'lan.tran' WHERE id = {5th}`, "5th", "đã bị sửa"},
		{"Deleted", `DELETE FROM audit WHERE id = {5th}`, "6th", "thiếu 1 mục"},
		{"DeletedFirst", `DELETE FROM audit WHERE id = (SELECT min(id) FROM audit)`, "second", "các mục đầu tiên"},
		{"DeletedLast", `DELETE FROM audit WHERE id = {last}`, "last", "mục cuối đã bị xoá"},
		{"DeletedAll", `DELETE FROM audit`, "first", "mục cuối đã bị xoá"},
		{"Replaced", `UPDATE audit SET prev_hash = '', hash = '{zero}' WHERE id = {5th}`, "5th", "đã bị sửa"},
		{"HeadDropped", `DROP TABLE audit_head`, "first", "Mất đầu chuỗi"},
		{"HeadEmptied", `DELETE FROM audit_head`, "first", "Mất đầu chuỗi"},
		{"HeadRewound", `DELETE FROM audit WHERE id = {last}; UPDATE audit_head SET id = id - 1`, "before last", "đã bị thay"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, outside := MustTrail(t)
			var first, last int64
			if err := db.SQL().QueryRow(`SELECT min(id), max(id) FROM audit`).Scan(&first, &last); err != nil {
				t.Fatal(err)
			}
			fifth := first + 4
			sql := strings.NewReplacer("{5th}", fmt.Sprint(fifth), "{last}", fmt.Sprint(last), "{zero}", strings.Repeat("0", 64)).Replace(tt.sql)
			if out, err := outside(drop + sql); err != nil {
				t.Fatalf("%q: %v\n%s", drop+sql, err, out)
			}
			res := MustCheckAudit(t, db)
			want := map[string]int64{"5th": fifth, "6th": fifth + 1, "second": first + 1, "last": last, "before last": last - 1}[tt.broken]
			if tt.name == "DeletedAll" || strings.HasPrefix(tt.name, "Head") && tt.broken == "first" {
				want = 1
			}
			if res.BrokenAt != want || !strings.Contains(res.Problem, tt.words) {
				t.Fatalf("check=%+v, want broken at %d saying %q", res, want, tt.words)
			}
			if tt.words == "Mất đầu chuỗi" { // the desk cannot append to a chain whose head is gone
				AssertError(t, db.CreateEnterprise(ctx, NewEnterprise("Hộ kinh doanh Mới")), data.EINTERNAL, "mất đầu chuỗi")
				return
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
	old := countIn(t, path, "audit")
	if old == 0 {
		t.Fatal("schema-6.db has no history to chain")
	}
	db := MustOpenDBAt(t, path)
	MustCreateEnterprise(t, db, nil)
	if res, n := MustCheckAudit(t, db), MustCount(t, db, "audit"); res.BrokenAt != 0 || res.Entries != n || n <= old {
		t.Fatalf("check=%+v, want whole with %d entries (%d before the upgrade)", res, n, old)
	}
	if _, err := sqlite3(t, path, `DELETE FROM audit WHERE id = 1`); err == nil {
		t.Fatal("the upgraded history can be deleted")
	}
}

// TestAudit_Rights: everyone reads one record's history; the whole trail and its check need
// RightAudit (quản trị, lãnh đạo).
func TestAudit_Rights(t *testing.T) {
	db := MustOpenDB(t)
	e := MustCreateEnterprise(t, db, nil)
	for _, role := range data.Roles {
		t.Run(string(role), func(t *testing.T) {
			login := "nguoi." + string(role)
			if role != data.RoleAdmin {
				storetest.AddUser(t, db, tester, login, role)
			} else {
				login = tester
			}
			as := data.WithUser(context.Background(), login)
			if n, err := db.CountAudit(as, data.AuditFilter{Entity: "enterprise", EntityID: e.ID}); err != nil || n != 1 {
				t.Fatalf("record's history: %d, %v", n, err)
			}
			_, findErr := db.FindAudit(as, data.AuditFilter{User: tester})
			_, countErr := db.CountAudit(as, data.AuditFilter{Entity: "enterprise"})
			_, checkErr := db.CheckAudit(as)
			for _, err := range []error{findErr, countErr, checkErr} {
				if role.Can(data.RightAudit) {
					if err != nil {
						t.Fatal(err)
					}
				} else {
					AssertError(t, err, data.EFORBIDDEN, "nhật ký thay đổi")
				}
			}
		})
	}
	t.Run("Nobody", func(t *testing.T) {
		_, err := db.CheckAudit(context.Background())
		AssertError(t, err, data.EFORBIDDEN)
	})
}

// TestAudit_User: a user's history shows the role changed, never the password's hash.
func TestAudit_User(t *testing.T) {
	db := MustOpenDB(t)
	u := storetest.AddUser(t, db, tester, "lan.tran", data.RoleClerk)
	u.Role = data.RoleManager
	if _, err := db.UpdateUser(ctx, *u); err != nil {
		t.Fatal(err)
	}
	if err := db.ResetPassword(ctx, u.ID, "mat-khau-moi-123"); err != nil {
		t.Fatal(err)
	}
	es := MustAudit(t, db, data.AuditFilter{Entity: "user", EntityID: u.ID})
	if got, want := len(es), 3; got != want {
		t.Fatalf("entries=%d, want %d", got, want)
	}
	if c := changeOf(t, es[1], "role"); c.Before != string(data.RoleClerk) || c.After != string(data.RoleManager) {
		t.Fatalf("role: %+v", c)
	}
	for _, e := range es {
		for _, c := range e.Changes {
			if strings.Contains(c.Field, "password") || strings.Contains(c.Before+c.After, "$argon2id$") {
				t.Fatalf("%s records %s", e.Action, c.Field)
			}
		}
	}
}

// TestAudit_Settings: a setting's history shows the value before and after; the organisation's,
// each of its details that changed.
func TestAudit_Settings(t *testing.T) {
	db := MustOpenDB(t)
	for _, v := range []string{"dark", "light"} {
		if err := db.SetSetting(ctx, "theme", v); err != nil {
			t.Fatal(err)
		}
	}
	es := MustAudit(t, db, data.AuditFilter{Entity: "setting"})
	if got, want := fmt.Sprint(es[0].Changes, es[1].Changes), fmt.Sprint([]data.FieldChange{{Field: "value", Before: "dark", After: "light", HadBefore: true, HasAfter: true}},
		[]data.FieldChange{{Field: "value", After: "dark", HasAfter: true}}); got != want {
		t.Fatalf("changes %s, want %s", got, want)
	}
	o := data.DefaultOrganisation()
	o.DirectorName = "Nguyễn Văn An"
	if err := db.SaveOrganisation(ctx, o); err != nil {
		t.Fatal(err)
	}
	o.DirectorName = "Trần Thị Bình"
	if err := db.SaveOrganisation(ctx, o); err != nil {
		t.Fatal(err)
	}
	es = MustAudit(t, db, data.AuditFilter{Entity: "organisation"})
	if got, want := fmt.Sprint(es[0].Changes), fmt.Sprint([]data.FieldChange{{Field: "DirectorName", Before: "Nguyễn Văn An", After: "Trần Thị Bình", HadBefore: true, HasAfter: true}}); got != want {
		t.Fatalf("organisation changes %s, want %s", got, want)
	}
}

// TestAudit_ReusedNumber: a record made with the number of one deleted before it has only its
// own history, while the deleted one's entries stay in the whole trail.
// A file's database gives a deleted last row's number again; a server's never does, so the test
// is about the file.
func TestAudit_ReusedNumber(t *testing.T) {
	db := MustOpenDBAt(t, filepath.Join(t.TempDir(), "khuyencong.db"))
	old := MustCreateEnterprise(t, db, NewEnterprise("Công ty Gốm cũ"))
	if err := db.DeleteEnterprise(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	e := MustCreateEnterprise(t, db, NewEnterprise("Công ty Mây tre mới"))
	if e.ID != old.ID {
		t.Fatalf("the new enterprise is number %d, the deleted one was %d: the test needs the number taken again", e.ID, old.ID)
	}
	got, err := db.FindAudit(ctx, data.AuditFilter{Entity: "enterprise", EntityID: e.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Action != "create" || !strings.Contains(got[0].Detail, "Mây tre") {
		t.Fatalf("history of the new enterprise: %+v", got)
	}
	if n, err := db.CountAudit(ctx, data.AuditFilter{Entity: "enterprise"}); err != nil || n < 3 {
		t.Fatalf("the whole trail of enterprises has %d entries (%v), want the deleted one's too", n, err)
	}
}
