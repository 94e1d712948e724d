package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data"
)

// run runs kc with args and returns what it printed and its error.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut}
	err := m.Run(data.WithUser(context.Background(), "tester"), args)
	return out.String(), err
}

func TestKC(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kc.db")

	t.Run("Version", func(t *testing.T) {
		out, err := run(t, "version")
		if err != nil || !strings.HasPrefix(out, "kc ") {
			t.Fatalf("version: %q, %v", out, err)
		}
	})

	t.Run("SeedDemo", func(t *testing.T) {
		out, err := run(t, "-db", db, "seed", "--demo")
		if err != nil || !strings.Contains(out, "Đã nạp 300 doanh nghiệp") {
			t.Fatalf("seed: %q, %v", out, err)
		}
	})

	t.Run("ErrSeedNotEmpty", func(t *testing.T) {
		_, err := run(t, "seed", "-db", db, "--scale", "10")
		if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(data.ErrorMessage(err), "đã có 300 doanh nghiệp") {
			t.Fatalf("a second seed should be refused: %v", err)
		}
	})

	t.Run("ListAll", func(t *testing.T) {
		out, err := run(t, "enterprises", "list", "-db", db)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 300 {
			t.Fatalf("listed %d enterprises, want all 300", len(lines))
		}
		for _, l := range lines {
			if f := strings.Split(l, "\t"); len(f) != 4 || f[0] == "" || f[1] == "" {
				t.Fatalf("line %q is not id, name, tax code, ward", l)
			}
		}
	})

	t.Run("ListSearchFoldedAndWard", func(t *testing.T) {
		out, err := run(t, "-db", db, "enterprises", "list", "--search", "bat trang", "--ward", "00577")
		if err != nil || out == "" {
			t.Fatalf("list: %q, %v", out, err)
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
			if !strings.HasSuffix(l, "\t00577") {
				t.Fatalf("line %q is not in ward 00577", l)
			}
		}
		out, err = run(t, "-db", db, "enterprises", "list", "--limit", "3")
		if err != nil || strings.Count(out, "\n") != 3 {
			t.Fatalf("--limit 3 gave %q, %v", out, err)
		}
	})

	t.Run("Backup", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "sao lưu")
		out, err := run(t, "-db", db, "backup", dir)
		if err != nil {
			t.Fatal(err)
		}
		path := strings.TrimSpace(out)
		if filepath.Dir(path) != dir {
			t.Fatalf("backup written to %q, want it in %q", path, dir)
		}
		if _, err := os.Stat(path); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrNotADatabase", func(t *testing.T) {
		doc := filepath.Join(t.TempDir(), "baocao.db")
		want := []byte("Báo cáo khuyến công năm 2026\n")
		if err := os.WriteFile(doc, want, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := run(t, "-db", doc, "enterprises", "list")
		if data.ErrorCode(err) == data.EINTERNAL || err == nil {
			t.Fatalf("a text file should be refused with a message, got %v", err)
		}
		if got, _ := os.ReadFile(doc); !bytes.Equal(got, want) {
			t.Fatal("the refused file was changed")
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"ErrNoCommand", nil, "Thiếu tên lệnh"},
		{"ErrUnknownCommand", []string{"nap"}, "Không có lệnh"},
		{"ErrSeedNeitherFlag", []string{"-db", db, "seed"}, "kc seed --demo"},
		{"ErrEnterprisesWhat", []string{"-db", db, "enterprises"}, "kc enterprises list"},
		{"ErrNegativeLimit", []string{"-db", db, "enterprises", "list", "--limit", "-1"}, "--limit"},
		{"ErrBackupNoDir", []string{"-db", db, "backup"}, "backup"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, tc.args...)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
				t.Fatalf("err=%v, want EINVALID containing %q", err, tc.want)
			}
		})
	}
}
