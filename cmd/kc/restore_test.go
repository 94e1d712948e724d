package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data"
)

// TestRestore backs up, damages the database, sees kc refuse it naming the backup, restores it
// and finds the damaged file kept aside.
func TestRestore(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")
	if _, err := run(t, "-db", db, "seed", "--scale", "5"); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(dir, "khuyencong-sao-luu-tu-dong")
	backup, err := run(t, "-db", db, "backup", backups)
	if err != nil {
		t.Fatal(err)
	}
	backup = strings.TrimSpace(backup)
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	damaged := b[:len(b)/2]
	if err := os.WriteFile(db, damaged, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = run(t, "-db", db, "enterprises", "list")
	if msg := data.ErrorMessage(err); !strings.Contains(msg, "bị hỏng") || !strings.Contains(msg, "kc restore \""+backup+"\"") {
		t.Fatalf("damaged: %v", err)
	}

	out, err := run(t, "-db", db, "restore", backup)
	if err != nil || !strings.Contains(out, "Đã khôi phục") || !strings.Contains(out, "(5 doanh nghiệp)") {
		t.Fatalf("restore: %q, %v", out, err)
	}
	aside := db + ".truoc-khoi-phuc-20261128-090000"
	if !strings.Contains(out, aside) {
		t.Fatalf("restore does not say where the old file is: %q", out)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, damaged) {
		t.Fatal("the damaged file was not kept as it was")
	}
	if out, err := run(t, "-db", db, "enterprises", "list"); err != nil || strings.Count(out, "\n") != 5 {
		t.Fatalf("after restore: %q, %v", out, err)
	}

	t.Run("ErrNotABackup", func(t *testing.T) {
		text := filepath.Join(dir, "ghi-chu.db")
		if err := os.WriteFile(text, []byte("không phải cơ sở dữ liệu"), 0o644); err != nil {
			t.Fatal(err)
		}
		before, _ := os.Stat(db)
		_, err := run(t, "-db", db, "restore", text)
		if msg := data.ErrorMessage(err); !strings.Contains(msg, "Không khôi phục từ tệp") || !strings.Contains(msg, "không phải cơ sở dữ liệu SQLite") {
			t.Fatalf("restore from a text file: %v", err)
		}
		// The same file, not another put in its place (the sign-in before the restore writes to it).
		if after, err := os.Stat(db); err != nil || !os.SameFile(before, after) {
			t.Fatalf("a refused restore replaced the database: %v", err)
		}
	})
}
