package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
)

// now is the instant the tests pin the store's clock to: the sample's classes are laid out
// around it (three starting in 2025, eight in 2026, one planned for 2027).
var now = time.Date(2026, 11, 28, 9, 0, 0, 0, time.Local)

// run runs kc with args, on the clock now, and returns what it printed and its error.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, Now: func() time.Time { return now }}
	err := m.Run(data.WithUser(context.Background(), "quantri"), args)
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
		if err != nil || !strings.Contains(out, "Đã nạp 300 doanh nghiệp và 12 lớp học") {
			t.Fatalf("seed: %q, %v", out, err)
		}
	})

	t.Run("ErrSeedNotEmpty", func(t *testing.T) {
		_, err := run(t, "seed", "-db", db, "--scale", "10")
		if data.ErrorCode(err) != data.ECONFLICT || !strings.Contains(data.ErrorMessage(err), "chỉ nạp dữ liệu vào một tệp mới") {
			t.Fatalf("a second seed should be refused: %v", err)
		}
	})

	t.Run("ListAll", func(t *testing.T) {
		out, err := run(t, "enterprises", "list", "-db", db, "--status", "all")
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

	t.Run("ListStatusAsTheWindow", func(t *testing.T) {
		store, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		ctx := data.WithUser(context.Background(), "quantri")
		count := func(args ...string) int {
			t.Helper()
			out, err := run(t, append([]string{"-db", db, "enterprises", "list"}, args...)...)
			if err != nil {
				t.Fatal(err)
			}
			return strings.Count(out, "\n")
		}
		current, archived := count(), count("--status", "archived")
		if current+archived != 300 || archived == 0 {
			t.Fatalf("current %d + archived %d, want 300 with some archived in the sample", current, archived)
		}
		es, err := store.FindEnterprises(ctx, data.EnterpriseFilter{Archived: new(bool), Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.SetEnterpriseArchived(ctx, es[0].ID, es[0].Version, true); err != nil {
			t.Fatal(err)
		}
		defer store.SetEnterpriseArchived(ctx, es[0].ID, es[0].Version+1, false)
		if got, want := count(), current-1; got != want {
			t.Fatalf("default list has %d enterprises after archiving one, want %d: only the current ones, as the window lists", got, want)
		}
		if got, want := count("--status", "archived"), archived+1; got != want {
			t.Fatalf("--status archived lists %d, want %d", got, want)
		}
		if got := count("--status", "all"); got != 300 {
			t.Fatalf("--status all lists %d, want 300", got)
		}
		_, err = run(t, "-db", db, "enterprises", "list", "--status", "old")
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "current, archived hoặc all") {
			t.Fatalf("--status old: %v", err)
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

	t.Run("ClassesList", func(t *testing.T) {
		out, err := run(t, "-db", db, "classes", "list")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
		if len(lines) != 12 {
			t.Fatalf("listed %d classes, want 12:\n%s", len(lines), out)
		}
		statuses := map[string]bool{}
		for _, l := range lines {
			f := strings.Split(l, "\t")
			if len(f) != 7 || !strings.HasPrefix(f[0], "LH-20") || f[1] == "" || len(f[3]) != 10 || len(f[4]) != 10 || !strings.Contains(f[5], "/") {
				t.Fatalf("line %q is not code, name, kind, start, end, enrolled/capacity, status", l)
			}
			statuses[f[6]] = true
		}
		for _, want := range []string{"LH-2025-001\tTập huấn nghiệp vụ khuyến công cho cán bộ phường, xã năm 2025\tTập huấn khuyến công\t",
			"\tLớp truyền nghề gốm sứ Bát Tràng\tTruyền nghề\t", "LH-2026-006\t", "LH-2027-001\t"} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in the list:\n%s", want, out)
			}
		}
		for _, st := range data.ClassStatuses {
			if !statuses[st.Label()] {
				t.Errorf("no class %s in the list", st.Label())
			}
		}

		for year, want := range map[string]int{"2025": 3, "2026": 8, "2027": 1, "2019": 0} {
			out, err := run(t, "classes", "list", "--year", year, "-db", db)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Count(out, "\n"); got != want {
				t.Errorf("--year %s listed %d classes, want %d:\n%s", year, got, want, out)
			}
			for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if l != "" && !strings.HasPrefix(l, "LH-"+year+"-") || l != "" && !strings.Contains(l, "/"+year+"\t") {
					t.Errorf("--year %s listed %q", year, l)
				}
			}
		}
	})

	t.Run("ClassesRoster", func(t *testing.T) {
		// A trainee of the class, as the store has it.
		store, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		c, err := store.FindClassByCode(context.Background(), "LH-2025-002")
		if err != nil {
			t.Fatal(err)
		}
		roster, err := store.ClassRoster(context.Background(), c.ID)
		store.Close()
		if err != nil || len(roster) < 20 {
			t.Fatalf("roster of %d, %v", len(roster), err)
		}
		name := roster[len(roster)/2].TraineeName.Full()

		dir := t.TempDir()
		pdf := filepath.Join(dir, "danh sách học viên.pdf")
		out, err := run(t, "-db", db, "classes", "roster", "lh-2025-002", "-o", pdf)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(out) != pdf {
			t.Errorf("printed %q, want the file's path", out)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("%s is not a PDF (%v)", pdf, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("the folder holds %d files, want the PDF alone", len(entries))
		}
		// The flags may come first, and the file may be written over.
		if _, err := run(t, "classes", "roster", "-o", pdf, "-db", db, "LH-2026-004"); err != nil {
			t.Fatal(err)
		}
		first := filepath.Join(dir, "lh-2025-002.pdf")
		if _, err := run(t, "-db", db, "classes", "roster", "LH-2025-002", "-o", first); err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, first, "-layout")
		for _, want := range []string{name, "DANH SÁCH HỌC VIÊN", "LH-2025-002", "Lớp truyền nghề gốm sứ Bát Tràng", "28 tháng 11 năm 2026"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("no %q in the roster:\n%s", want, text)
			}
		}
	})

	t.Run("ErrRosterUnwritable", func(t *testing.T) {
		dir := t.TempDir()
		for _, path := range []string{filepath.Join(dir, "không có", "ds.pdf"), dir} {
			_, err := run(t, "-db", db, "classes", "roster", "LH-2025-002", "-o", path)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), path) {
				t.Errorf("-o %s: err=%v, want EINVALID naming the file", path, err)
			}
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("a refused roster left %d files behind", len(entries))
		}
	})

	t.Run("ErrRosterUnknownClass", func(t *testing.T) {
		pdf := filepath.Join(t.TempDir(), "ds.pdf")
		_, err := run(t, "-db", db, "classes", "roster", "LH-2030-999", "-o", pdf)
		if data.ErrorCode(err) != data.ENOTFOUND || !strings.Contains(data.ErrorMessage(err), "Không có lớp học mã LH-2030-999") {
			t.Fatalf("err=%v, want ENOTFOUND naming the code", err)
		}
		if _, err := os.Stat(pdf); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("an unknown class left %s behind", pdf)
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
		{"ErrClassesWhat", []string{"-db", db, "classes"}, "kc classes list"},
		{"ErrClassesYear", []string{"-db", db, "classes", "list", "--year", "abc"}, "--year"},
		{"ErrClassesListExtra", []string{"-db", db, "classes", "list", "2026"}, "không nhận thêm"},
		{"ErrRosterNoCode", []string{"-db", db, "classes", "roster", "-o", "x.pdf"}, "Thiếu mã lớp"},
		{"ErrRosterNoOutput", []string{"-db", db, "classes", "roster", "LH-2025-002"}, "-o TỆP.pdf"},
		{"ErrRosterTwoCodes", []string{"-db", db, "classes", "roster", "LH-2025-001", "LH-2025-002", "-o", "x.pdf"}, "một mã lớp"},
		{"ErrSeedClassesWithDemo", []string{"-db", db, "seed", "--demo", "--classes", "3"}, "--classes"},
		{"ErrSeedNegativeClasses", []string{"-db", db, "seed", "--scale", "5", "--classes", "-1"}, "--classes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, tc.args...)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
				t.Fatalf("err=%v, want EINVALID containing %q", err, tc.want)
			}
		})
	}
}

func TestSeedScaleClasses(t *testing.T) {
	db := filepath.Join(t.TempDir(), "scale.db")
	out, err := run(t, "-db", db, "seed", "--scale", "120", "--classes", "4")
	if err != nil || !strings.Contains(out, "Đã nạp 120 doanh nghiệp và 4 lớp học") {
		t.Fatalf("seed: %q, %v", out, err)
	}
	out, err = run(t, "-db", db, "classes", "list")
	if err != nil || strings.Count(out, "\n") != 4 || strings.Count(out, "\t50/60\t") != 4 {
		t.Fatalf("list: %q, %v", out, err)
	}
}

