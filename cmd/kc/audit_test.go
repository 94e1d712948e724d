package main

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
)

// sqlite3 runs SQL on the database file with the sqlite3 shell, as somebody holding a copy of the
// file would, and returns what it printed and its error.
func sqlite3(t *testing.T, db, sql string) (string, error) {
	t.Helper()
	path, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatal("these tests edit the file as an attacker would, with the sqlite3 shell: apt-get install sqlite3")
	}
	out, err := exec.Command(path, db, sql).CombinedOutput()
	return string(out), err
}

// entries returns the fields of each entry `kc audit list` printed, leaving out the lines of
// the fields each changed.
func entries(out string) [][]string {
	var es [][]string
	for _, l := range lines(out) {
		if strings.HasPrefix(l, "#") {
			es = append(es, strings.Split(l, "\t"))
		}
	}
	return es
}

func TestAudit(t *testing.T) {
	db := seeded(t)
	store, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	store.Now = func() time.Time { return now }
	es, err := store.FindEnterprises(asAdmin(), data.EnterpriseFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	e := es[0]
	old := e.Name
	e.Name = "Công ty TNHH Gốm Đỏ Bát Tràng"
	err = store.UpdateEnterprise(asAdmin(), e)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	record := fmt.Sprintf("enterprise:%d", e.ID)
	audit := func(t *testing.T, args ...string) (string, error) {
		t.Helper()
		return run(t, append([]string{"-db", db, "audit"}, args...)...)
	}

	t.Run("Record", func(t *testing.T) {
		out, err := audit(t, "list", "--record", record)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "\tquantri\tupdate\t"+record+"\t") || !strings.Contains(out, "\tname: "+old+" → "+e.Name+"\n") {
			t.Fatalf("the enterprise's history:\n%s\nwant its update by quantri with the name before and after", out)
		}
		for _, f := range entries(out) {
			if f[4] != record {
				t.Fatalf("the history of %s holds %v", record, f)
			}
		}
	})

	t.Run("ByUser", func(t *testing.T) {
		for _, who := range []string{"quantri", "vanthu"} {
			out, err := audit(t, "list", "--user", who, "--limit", "0")
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range entries(out) {
				if f[2] != who {
					t.Fatalf("--user %s lists %v", who, f)
				}
			}
			if who == "quantri" && !strings.Contains(out, record) {
				t.Fatalf("--user quantri does not list the update of %s", record)
			}
		}
	})

	t.Run("LimitAndPeriod", func(t *testing.T) {
		out, err := audit(t, "list", "--limit", "2")
		if err != nil || len(entries(out)) != 2 {
			t.Fatalf("--limit 2: %q, %v", out, err)
		}
		all, err := audit(t, "list", "--limit", "0", "--from", now.Format("02/01/2006"), "--to", now.Format("02/01/2006"))
		if err != nil || !strings.Contains(all, record) {
			t.Fatalf("today's changes: %q, %v", all, err)
		}
		if out, err := audit(t, "list", "--from", "01/01/2020", "--to", "31/12/2020"); err != nil || out != "" {
			t.Fatalf("the changes of 2020: %q, %v; want none", out, err)
		}
	})

	t.Run("ErrFlags", func(t *testing.T) {
		for _, args := range [][]string{
			{"list", "--record", "enterprise:abc"},
			{"list", "--record", "enterprise:0"},
			{"list", "--record", "Doanh nghiệp:3"},
			{"list", "--from", "31/02/2026"},
			{"list", "--from", "02/11/2026", "--to", "01/11/2026"},
			{"list", "--limit", "-1"},
			{"show"},
		} {
			if _, err := audit(t, args...); data.ErrorCode(err) != data.EINVALID {
				t.Fatalf("audit %v: %v, want EINVALID", args, err)
			}
		}
	})

	t.Run("Rights", func(t *testing.T) {
		refused(t, runErr(t, "-db", db, "--user", "chixem", "audit", "list"), data.EFORBIDDEN)
		refused(t, runErr(t, "-db", db, "--user", "vanthu", "audit", "check"), data.EFORBIDDEN)
		if out, err := run(t, "-db", db, "--user", "chixem", "audit", "list", "--record", record); err != nil || !strings.Contains(out, e.Name) {
			t.Fatalf("a viewer reads one record's history: %q, %v", out, err)
		}
		if _, err := run(t, "-db", db, "--user", "lanhdao", "audit", "list", "--user", "quantri"); err != nil {
			t.Fatalf("a manager searches the trail: %v", err)
		}
	})

	t.Run("Check", func(t *testing.T) {
		out, err := audit(t, "check")
		if err != nil || !strings.Contains(out, "toàn vẹn") {
			t.Fatalf("check: %q, %v", out, err)
		}
	})

	t.Run("Tampered", func(t *testing.T) {
		for _, sql := range []string{"DELETE FROM audit", "UPDATE audit SET detail = 'không có gì'"} {
			if out, err := sqlite3(t, db, sql); err == nil {
				t.Fatalf("%s with the sqlite3 shell went through: %s", sql, out)
			}
		}
		if out, _, code := runMain(t, "-db", db, "audit", "check"); code != 0 {
			t.Fatalf("check after refused edits: exit %d, %s", code, out)
		}
		triggers, err := sqlite3(t, db, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
		if err != nil || len(lines(triggers)) == 0 {
			t.Fatalf("the audit table's triggers: %q, %v", triggers, err)
		}
		var drop string
		for _, name := range lines(triggers) {
			drop += "DROP TRIGGER " + name + ";"
		}
		row, err := sqlite3(t, db, drop+fmt.Sprintf("UPDATE audit SET detail = 'sửa lén' WHERE entity = 'enterprise' AND entity_id = %d; SELECT id FROM audit WHERE detail = 'sửa lén';", e.ID))
		if err != nil || len(lines(row)) != 1 {
			t.Fatalf("editing the trail once its triggers are dropped: %q, %v", row, err)
		}
		out, _, code := runMain(t, "-db", db, "audit", "check")
		if code != 1 || !strings.Contains(out, "#"+strings.TrimSpace(row)) {
			t.Fatalf("check after editing entry %s: exit %d, %q; want exit 1 naming it", strings.TrimSpace(row), code, out)
		}
	})
}
