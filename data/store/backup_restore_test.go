package store_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// MustCopy copies the file src to dst.
func MustCopy(tb testing.TB, src, dst string) {
	tb.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// MustDamage returns a database of many enterprises whose middle pages were zeroed, as a disk or
// an interrupted copy leaves it, and the folder of its automatic backups, which holds two.
func MustDamage(tb testing.TB) (path, backups string) {
	tb.Helper()
	path = filepath.Join(tb.TempDir(), "khuyencong.db")
	db := MustOpenDBAt(tb, path)
	if err := db.CreateEnterprises(ctx, Generate(2000)); err != nil {
		tb.Fatal(err)
	}
	backups = filepath.Join(filepath.Dir(path), "sao-luu")
	for _, at := range []time.Time{now.Add(-24 * time.Hour), now} {
		db.Now = func() time.Time { return at }
		if _, err := db.BackupTo(ctx, backups); err != nil {
			tb.Fatal(err)
		}
	}
	MustClose(tb, db)
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	mid := len(b) / 2
	copy(b[mid:], make([]byte, 64*4096))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, backups
}

func TestOpen_Damaged(t *testing.T) {
	path, backups := MustDamage(t)
	newest := filepath.Join(backups, "khuyencong-20261128-083000.db")
	before, _ := os.ReadFile(path)
	_, err := store.OpenWith(path, store.Options{BackupDir: backups, QuickCheck: true})
	AssertError(t, err, data.EINVALID, "bị hỏng", "không sửa gì", newest, "kc restore")
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Fatal("Open changed the damaged file")
	}
	if got := DirNames(t, filepath.Dir(path)); strings.Join(got, " ") != "khuyencong.db sao-luu" {
		t.Fatalf("refusing left %v", got)
	}

	// The window opens without the check and runs it after showing itself.
	db, err := store.OpenWith(path, store.Options{BackupDir: backups})
	if err != nil {
		t.Fatal(err)
	}
	AssertError(t, db.QuickCheck(ctx), data.EINVALID, "bị hỏng", newest)
	MustClose(t, db)
	// Without a backup folder the advice is still to restore.
	_, err = store.OpenWith(path, store.Options{QuickCheck: true})
	AssertError(t, err, data.EINVALID, "bị hỏng", "Khôi phục từ bản sao lưu")

	// A truncated file is refused without the quick check: its header says how long it is.
	t.Run("Truncated", func(t *testing.T) {
		short := filepath.Join(t.TempDir(), "short.db")
		if err := os.WriteFile(short, before[:len(before)/3], 0o644); err != nil {
			t.Fatal(err)
		}
		AssertRefused(t, short, data.EINVALID, "bị hỏng", "ngắn hơn")
	})
}

func TestRestore(t *testing.T) {
	path, backups := MustDamage(t)
	newest, err := store.NewestBackup(backups)
	if err != nil || filepath.Base(newest) != "khuyencong-20261128-083000.db" {
		t.Fatalf("NewestBackup=%q, %v", newest, err)
	}
	damagedBytes, _ := os.ReadFile(path)
	aside, err := store.Restore(newest, path, now)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := aside, path+".truoc-khoi-phuc-20261128-083000"; got != want {
		t.Fatalf("aside=%q, want %q", got, want)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, damagedBytes) {
		t.Fatal("the damaged file was not kept as it was")
	}
	if _, err := os.Stat(newest); err != nil {
		t.Fatalf("the backup itself is gone: %v", err)
	}
	db := MustOpenDBAt(t, path)
	if got, want := MustCount(t, db, "enterprises"), 2000; got != want {
		t.Fatalf("enterprises=%d, want %d", got, want)
	}
	MustClose(t, db)

	// A second restore within the same second would need the same name aside: refused, nothing
	// changed.
	restored, _ := os.ReadFile(path)
	if err := os.WriteFile(aside+"-wal", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(aside)
	_, err = store.Restore(newest, path, now)
	AssertError(t, err, data.ECONFLICT, "không ghi đè")
	if after, _ := os.ReadFile(path); !bytes.Equal(after, restored) {
		t.Fatal("a refused restore changed the database")
	}

	for _, tt := range []struct {
		name, backup, code, words string
	}{
		{"ErrMissing", filepath.Join(backups, "khong-co.db"), data.ENOTFOUND, "Không có tệp sao lưu"},
		{"ErrDamaged", aside + "-wal", data.EINVALID, "trống"},
		{"ErrSame", path, data.EINVALID, "cùng một tệp"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := store.Restore(tt.backup, path, now.Add(time.Hour))
			AssertError(t, err, tt.code, tt.words)
			if after, _ := os.ReadFile(path); !bytes.Equal(after, restored) {
				t.Fatal("a refused restore changed the database")
			}
		})
	}
	t.Run("ErrDamagedBackup", func(t *testing.T) {
		broken, _ := MustDamage(t)
		_, err := store.Restore(broken, path, now.Add(time.Hour))
		AssertError(t, err, data.EINVALID, "Không khôi phục từ tệp", "bị hỏng")
	})
	t.Run("ErrNotOurs", func(t *testing.T) {
		_, err := store.Restore(MustOtherProgramsDB(t), path, now.Add(time.Hour))
		AssertError(t, err, data.EINVALID, "chương trình khác")
	})
	t.Run("ErrNewer", func(t *testing.T) {
		_, err := store.Restore(MustNewerDB(t), path, now.Add(time.Hour))
		AssertError(t, err, data.ECONFLICT, "phiên bản mới hơn")
	})
}

// TestOpen_EarlierSchemas opens a database made by the program at each earlier schema version
// (testdata/schema-N.db: `kc seed --scale 6 [--classes 2]` of the commit before migration N+1;
// from 7 on with its scaleProgrammes, scaleVillages and scaleEquipment set to 2, 5 and 5, so that
// each file stays near 1 MB),
// upgrades it after a backup of the file as it was, and checks the data.
func TestOpen_EarlierSchemas(t *testing.T) {
	latest, _ := filepath.Glob("migration/sqlite/*.sql")
	for version := 1; version <= len(latest); version++ {
		t.Run(fmt.Sprintf("v%d", version), func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "khuyencong.db")
			MustCopy(t, filepath.Join("testdata", fmt.Sprintf("schema-%d.db", version)), path)
			backups := filepath.Join(dir, "sao-luu")
			db, err := store.OpenWith(path, store.Options{BackupDir: backups})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if got, want := MustCount(t, db, "migrations"), len(latest); got != want {
				t.Fatalf("migrations=%d, want %d", got, want)
			}
			backup := db.UpgradeBackup()
			if version == len(latest) {
				if backup != "" {
					t.Fatalf("current schema backed up to %s", backup)
				}
			} else {
				if got, want := countIn(t, backup, "migrations"), version; got != want {
					t.Fatalf("backup before the upgrade has %d migrations, want %d", got, want)
				}
			}
			es, err := db.FindEnterprises(ctx, data.EnterpriseFilter{})
			if err != nil || len(es) != 6 {
				t.Fatalf("enterprises: %d, %v", len(es), err)
			}
			if version >= 2 {
				n, err := db.CountClasses(ctx, data.ClassFilter{})
				if err != nil || n != 2 {
					t.Fatalf("classes: %d, %v", n, err)
				}
				if got, want := MustCount(t, db, "trainees"), 400; got != want {
					t.Fatalf("trainees=%d, want %d", got, want)
				}
			}
			// Every service reads the upgraded file.
			if _, err := db.FindCertificates(ctx, data.CertificateFilter{}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.FindFairs(ctx, data.FairFilter{}); err != nil {
				t.Fatal(err)
			}
			if _, err := db.PublicKey(ctx); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// countIn counts the rows of table in the database file at path, opened read-only.
func countIn(tb testing.TB, path, table string) int {
	tb.Helper()
	sdb, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer sdb.Close()
	var n int
	if err := sdb.QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestCreateWith(t *testing.T) {
	path := filepath.Join(t.TempDir(), "khuyencong.db")
	stop := errors.New("dừng giữa chừng")
	err := store.CreateWith(path, func(db *store.DB) error {
		storetest.AddAdmin(t, db, tester)
		MustCreateEnterprise(t, db, nil)
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("err=%v, want the fill's", err)
	}
	if got := DirNames(t, filepath.Dir(path)); len(got) != 0 {
		t.Fatalf("a failed fill left %v", got)
	}
	// A killed fill leaves its partial file: the next one starts afresh.
	partial := MustOpenDBAt(t, path+".dang-tao")
	MustCreateEnterprise(t, partial, nil)
	MustClose(t, partial)
	if err := store.CreateWith(path, func(db *store.DB) error {
		storetest.AddAdmin(t, db, tester)
		MustCreateEnterprise(t, db, nil)
		MustCreateEnterprise(t, db, nil)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := DirNames(t, filepath.Dir(path)); strings.Join(got, " ") != "khuyencong.db" {
		t.Fatalf("folder holds %v", got)
	}
	db := MustOpenDBAt(t, path)
	if got, want := MustCount(t, db, "enterprises"), 2; got != want {
		t.Fatalf("enterprises=%d, want %d", got, want)
	}
	err = store.CreateWith(path, func(*store.DB) error { return nil })
	AssertError(t, err, data.ECONFLICT, "không ghi đè")
}

// BenchmarkQuickCheck measures the quick check on the benchmark database of 100,000 enterprises:
// about a second, so the window runs it after start rather than in Open.
func BenchmarkQuickCheck(b *testing.B) {
	path := BenchDB(b)
	sdb, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer sdb.Close()
	for b.Loop() {
		var ok string
		if err := sdb.QueryRow(`PRAGMA quick_check(5)`).Scan(&ok); err != nil || ok != "ok" {
			b.Fatalf("quick_check: %q, %v", ok, err)
		}
	}
}
