package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// copyTarget returns where a test copies a database to: an empty database on the test server
// when the run is on the server (a file otherwise, so the run on files tests the copy too).
func copyTarget(t *testing.T, name string) string {
	t.Helper()
	if storetest.OnServer() {
		return storetest.NewEmptyServerDB(t)
	}
	return filepath.Join(t.TempDir(), name)
}

// mustOpenCopy opens the copy at location, pinned to the report tests' clock, closed at the end.
func mustOpenCopy(t *testing.T, location string) *store.DB {
	t.Helper()
	db, err := store.Open(location)
	if err != nil {
		t.Fatalf("Open(%s): %v", location, err)
	}
	db.Now = func() time.Time { return reportNow }
	t.Cleanup(func() { db.Close() })
	return db
}

// TestCopyRoundTrip copies the sample to the server (or a file) and back into a new file: every
// table's rows are those of the sample at each end, the search finds the same, the history's
// chain and every year's register check out, and the server goes on giving new ids.
func TestCopyRoundTrip(t *testing.T) {
	src := ReportDB(t)
	mid := copyTarget(t, "mid.db")
	copied, err := src.CopyTo(ctx, mid)
	if err != nil {
		t.Fatalf("CopyTo(%s): %v", mid, err)
	}
	middle := mustOpenCopy(t, mid)
	back := filepath.Join(t.TempDir(), "back.db")
	again, err := middle.CopyTo(ctx, back)
	if err != nil {
		t.Fatalf("CopyTo(%s): %v", back, err)
	}
	if !slices.Equal(copied, again) {
		t.Errorf("counts there %v, back %v", copied, again)
	}
	end := mustOpenCopy(t, back)

	names := store.CopiedTableNames(t, src)
	for _, want := range []string{"enterprises", "certificates", "audit", "audit_head", "signing_keys", "users", "divisions", "settings", "attendance", "payments"} {
		if !slices.Contains(names, want) {
			t.Fatalf("the copy leaves out %s: %v", want, names)
		}
	}
	if slices.Contains(names, "enterprise_search") || slices.Contains(names, "migrations") {
		t.Fatalf("the copy writes a search index or the migrations: %v", names)
	}
	for i, name := range names {
		rows := store.TableRows(t, src, name)
		if copied[i].Name != name || copied[i].Rows != int64(len(rows)) {
			t.Errorf("counted %v, want %s with %d rows", copied[i], name, len(rows))
		}
		for _, db := range []*store.DB{middle, end} {
			if got := store.TableRows(t, db, name); !slices.Equal(got, rows) {
				t.Errorf("%s of %s: %d rows differ from the sample's %d", name, db.Path(), len(got), len(rows))
			}
		}
	}
	for _, db := range []*store.DB{src, middle, end} {
		checkSearches(t, src, db)
		checkChains(t, db)
	}

	// The server (or file) hands out the id after the largest copied, not one that is taken.
	before := MustCount(t, middle, "enterprises")
	e := MustCreateEnterprise(t, middle, &data.Enterprise{Kind: data.KindHousehold, Name: "Hộ kinh doanh sau khi chuyển"})
	if e.ID <= int64(before) {
		t.Errorf("new enterprise id %d, want above the %d copied", e.ID, before)
	}
}

// checkSearches checks that db's search indexes find what src's find.
func checkSearches(t *testing.T, src, db *store.DB) {
	t.Helper()
	for _, s := range []string{"nguyen", "gốm", "ha noi", "lop", "hoi cho", "chung chi"} {
		count := func(db *store.DB) []int {
			e, err1 := db.CountEnterprises(ctx, data.EnterpriseFilter{Search: s})
			tr, err2 := db.CountTrainees(ctx, data.TraineeFilter{Search: s})
			c, err3 := db.CountClasses(ctx, data.ClassFilter{Search: s})
			f, err4 := db.CountFairs(ctx, data.FairFilter{Search: s})
			certs, err5 := db.FindCertificates(ctx, data.CertificateFilter{Search: s})
			for _, err := range []error{err1, err2, err3, err4, err5} {
				if err != nil {
					t.Fatalf("search %q in %s: %v", s, db.Path(), err)
				}
			}
			return []int{e, tr, c, f, len(certs)}
		}
		if got, want := count(db), count(src); !slices.Equal(got, want) {
			t.Errorf("search %q in %s finds %v (enterprises, trainees, classes, fairs, certificates), the sample %v", s, db.Path(), got, want)
		}
	}
	if n, err := db.CountEnterprises(ctx, data.EnterpriseFilter{Search: "nguyen"}); err != nil || n == 0 {
		t.Errorf("search nguyen in %s: %d, %v; want some", db.Path(), n, err)
	}
}

// checkChains checks the history's chain and every year's certificate register of db.
func checkChains(t *testing.T, db *store.DB) {
	t.Helper()
	a, err := db.CheckAudit(ctx)
	if err != nil || a.BrokenAt != 0 || a.Entries == 0 {
		t.Errorf("CheckAudit of %s = %+v, %v", db.Path(), a, err)
	}
	certs, err := db.FindCertificates(ctx, data.CertificateFilter{})
	if err != nil || len(certs) == 0 {
		t.Fatalf("certificates of %s: %d, %v", db.Path(), len(certs), err)
	}
	years := map[int]bool{}
	for _, c := range certs {
		years[c.Content.RegisterYear] = true
	}
	for y := range years {
		r, err := db.CheckRegister(ctx, y)
		if err != nil || r.BadNo != 0 || r.Rows == 0 {
			t.Errorf("CheckRegister(%d) of %s = %+v, %v", y, db.Path(), r, err)
		}
	}
}

// TestCopyRefusesData refuses a target that holds data, writing nothing to it: a server database
// with tables, a file that exists.
func TestCopyRefusesData(t *testing.T) {
	src := ReportDB(t)
	used := MustOpenDB(t)
	MustCreateEnterprise(t, used, &data.Enterprise{Kind: data.KindHousehold, Name: "Hộ kinh doanh đã có"})
	users := MustCount(t, used, "users")
	_, err := src.CopyTo(ctx, Location(t, used))
	if storetest.OnServer() {
		AssertError(t, err, data.ECONFLICT, "đã có dữ liệu của chương trình")
	} else {
		AssertError(t, err, data.ECONFLICT, "Đã có tệp")
	}
	if n, m := MustCount(t, used, "enterprises"), MustCount(t, used, "users"); n != 1 || m != users {
		t.Errorf("after the refusal: %d enterprises, %d users; want 1, %d", n, m, users)
	}

}

// TestCopyRefusesNonEmpty refuses, on either backend, a store that holds a row beyond what a new
// one holds, and writes nothing to it.
func TestCopyRefusesNonEmpty(t *testing.T) {
	src := ReportDB(t)
	to := MustOpenDB(t) // holds the administrator tester: a user is data
	_, err := store.Copy(ctx, src, to)
	AssertError(t, err, data.ECONFLICT, "đã có dữ liệu", "Chưa có gì được ghi")
	if n := MustCount(t, to, "enterprises"); n != 0 {
		t.Errorf("%d enterprises written to a refused target", n)
	}
}

// TestServerBackup backs a server database (or a file) up into a file the program opens as is,
// holding the same rows.
func TestServerBackup(t *testing.T) {
	src := ReportDB(t)
	location := copyTarget(t, "office.db")
	if _, err := src.CopyTo(ctx, location); err != nil {
		t.Fatal(err)
	}
	office := mustOpenCopy(t, location)
	dir := t.TempDir()
	path, err := office.BackupTo(ctx, dir)
	if err != nil {
		t.Fatalf("BackupTo: %v", err)
	}
	if _, err := os.Stat(path + ".dang-tao"); err == nil {
		t.Errorf("the backup left its partial file beside it")
	}
	backup := mustOpenCopy(t, path)
	if backup.IsServer() {
		t.Fatalf("the backup %s is not a file", path)
	}
	for _, name := range []string{"enterprises", "certificates", "audit", "users"} {
		if got, want := store.TableRows(t, backup, name), store.TableRows(t, office, name); !slices.Equal(got, want) {
			t.Errorf("%s: the backup has %d rows, the database %d", name, len(got), len(want))
		}
	}
	checkChains(t, backup)
}

// TestCopyEarlierSchema copies a database of each earlier schema (testdata/schema-N.db) onto the
// server (a file on a run without one) and opens the copy as the window does: the copy is made at
// the file's schema, so opening it backs it up, as the older program left it, before upgrading
// it; on the server that backup is the reverse copy, server to file. The backup holds the old
// schema's migrations and every row; the upgraded copy reads its data.
func TestCopyEarlierSchema(t *testing.T) {
	latest, _ := filepath.Glob("migration/sqlite/*.sql")
	for version := 1; version < len(latest); version++ {
		t.Run(fmt.Sprintf("v%d", version), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cu.db")
			MustCopy(t, filepath.Join("testdata", fmt.Sprintf("schema-%d.db", version)), path)
			old := store.OpenAsIs(t, path)
			location := copyTarget(t, "ban-chep.db")
			copied, err := old.CopyTo(ctx, location)
			if err != nil {
				t.Fatalf("CopyTo(%s) of schema %d: %v", location, version, err)
			}
			backups := t.TempDir()
			db, err := store.OpenWith(location, store.Options{BackupDir: backups})
			if err != nil {
				t.Fatalf("open the copy: %v", err)
			}
			defer db.Close()
			if n, err := db.SchemaVersion(ctx); err != nil || n != len(latest) {
				t.Fatalf("the copy's schema after opening: %d, %v; want %d", n, err, len(latest))
			}
			backup := db.UpgradeBackup()
			if got := countIn(t, backup, "migrations"); got != version {
				t.Fatalf("the backup before the upgrade has %d migrations, want %d", got, version)
			}
			saved := store.OpenAsIs(t, backup)
			// The copy marks its search indexes as to be filled once upgraded: a setting more.
			marker := func(row string) bool { return strings.Contains(row, "search_stale") }
			for _, c := range copied {
				got := slices.DeleteFunc(store.TableRows(t, saved, c.Name), marker)
				if want := store.TableRows(t, old, c.Name); !slices.Equal(got, want) {
					t.Errorf("%s: the backup has %d rows, the old file %d, or they differ", c.Name, len(got), len(want))
				}
			}
			if es, err := db.FindEnterprises(ctx, data.EnterpriseFilter{Search: "a"}); err != nil || len(es) == 0 {
				t.Errorf("the upgraded copy finds %d enterprises (%v)", len(es), err)
			}
			if got, want := MustCount(t, db, "enterprises"), 6; got != want {
				t.Errorf("enterprises=%d, want %d", got, want)
			}
			if version >= 2 {
				if n, err := db.CountTrainees(ctx, data.TraineeFilter{}); err != nil || n != 400 {
					t.Errorf("trainees: %d, %v; want 400", n, err)
				}
			}
			if _, err := db.FindCertificates(ctx, data.CertificateFilter{}); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestCopyRefusesNewer refuses to copy a database that a newer program has upgraded, naming the
// step this one does not know, and makes no file.
func TestCopyRefusesNewer(t *testing.T) {
	src := MustOpenDB(t)
	if _, err := src.SQL().Exec(`INSERT INTO migrations (name, applied_at) VALUES ('0099_future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(t.TempDir(), "ban-chep.db")
	_, err := src.CopyTo(ctx, to)
	AssertError(t, err, data.ECONFLICT, "phiên bản mới hơn", "0099_future.sql")
	if _, err := os.Stat(to); err == nil {
		t.Error("a refused copy made its target")
	}
}

// TestCopyRefusesOtherSchema refuses a target whose schema is not the source's, writing nothing.
func TestCopyRefusesOtherSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cu.db")
	MustCopy(t, filepath.Join("testdata", "schema-8.db"), path)
	old := store.OpenAsIs(t, path)
	to := MustOpenDB(t)
	_, err := store.Copy(ctx, old, to)
	AssertError(t, err, data.ECONFLICT, "phiên bản cấu trúc 9", "phiên bản 8", "Chưa có gì được ghi")
	if n := MustCount(t, to, "enterprises"); n != 0 {
		t.Errorf("%d enterprises written to a refused target", n)
	}
}

// BenchmarkCopy copies the ten years of the history benchmarks (100,000 enterprises, 120,000
// trainees, 3 million attendance marks, the money) to the server, or to a file on a run without
// one: kc db copy moving an office.
func BenchmarkCopy(b *testing.B) {
	src, err := store.Open(VillageBenchDB(b))
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		to := filepath.Join(b.TempDir(), "copy.db")
		if storetest.OnServer() {
			to = storetest.NewEmptyServerDB(b)
		}
		b.StartTimer()
		tables, err := src.CopyTo(ctx, to)
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			var rows int64
			for _, t := range tables {
				rows += t.Rows
			}
			b.Logf("%d rows of %d tables copied to %s", rows, len(tables), to)
		}
	}
}
