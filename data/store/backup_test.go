package store_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"khuyencong/data"
)

func TestBackupTo(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Gốm sứ Bát Tràng"))
		MustCreateEnterprise(t, db, nil)
		dir := filepath.Join(t.TempDir(), "sao lưu")
		path, err := db.BackupTo(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := path, filepath.Join(dir, "khuyencong-20261128-083000.db"); got != want {
			t.Fatalf("path=%q, want %q", got, want)
		}
		backup := MustOpenDBAt(t, path)
		if got := MustFind(t, backup, data.EnterpriseFilter{}); !slices.Equal(got, MustFind(t, db, data.EnterpriseFilter{})) {
			t.Fatalf("backup holds %q", got)
		}
		if got := MustFind(t, backup, data.EnterpriseFilter{Search: "bat trang"}); len(got) != 1 {
			t.Fatalf("backup search found %q", got)
		}
	})

	t.Run("ErrExists", func(t *testing.T) {
		db := MustOpenDB(t)
		dir := t.TempDir()
		path, err := db.BackupTo(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(path)
		_, err = db.BackupTo(ctx, dir)
		AssertError(t, err, data.ECONFLICT, "Đã có tệp sao lưu", "không ghi đè")
		if after, _ := os.ReadFile(path); !slices.Equal(before, after) {
			t.Fatal("the existing backup was changed")
		}
	})

	t.Run("ErrReadOnlyFolder", func(t *testing.T) {
		db := MustOpenDB(t)
		dir := t.TempDir()
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		_, err := db.BackupTo(ctx, dir)
		AssertError(t, err, data.EINVALID, "Không ghi được vào thư mục sao lưu")
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("folder holds %v", entries)
		}
	})
}

func TestAutoBackup(t *testing.T) {
	db := MustOpenDB(t)
	dir := t.TempDir()
	others := []string{"khuyencong.db", "khuyencong-notes.db", "khuyencong-20200101-000000.db.bak", "ghi chú.txt"}
	for _, name := range others {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("giữ lại"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var made []string
	for i := range 12 {
		at := now.Add(time.Duration(i) * 24 * time.Hour)
		db.Now = func() time.Time { return at }
		path, err := db.AutoBackup(ctx, dir, 10)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, filepath.Base(path))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := append(slices.Clone(others), made[2:]...)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("folder holds\n%q\nwant\n%q", got, want)
	}

	t.Run("ErrKeep", func(t *testing.T) {
		_, err := db.AutoBackup(ctx, dir, 0)
		AssertError(t, err, data.EINVALID, "từ 1 trở lên")
	})
}
