package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// writeFile writes text to a new file name in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// countRows returns the number of rows of a table of the database at path.
func countRows(t *testing.T, path, table string) int {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	switch table {
	case "enterprises":
		n, err := db.CountEnterprises(context.Background(), data.EnterpriseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	n, err := db.CountTrainees(context.Background(), data.TraineeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImport(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kc.db")
	db, err := store.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateSampleUsers(context.Background()); err != nil { // kc signs in as quantri
		t.Fatal(err)
	}
	c := data.NewClass()
	c.Code, c.Name, c.Kind, c.Trade, c.Venue, c.Trainers = "LTN-01", "Lớp gốm", data.ClassKindCraft, "Gốm sứ", "Bát Tràng", "Nghệ nhân"
	c.Start, c.End = vn.Date{Year: 2026, Month: 12, Day: 1}, vn.Date{Year: 2026, Month: 12, Day: 20}
	c.Hours, c.Capacity, c.Status = 120, 30, data.ClassEnrolling
	if err := db.CreateClass(data.WithUser(context.Background(), "quantri"), c); err != nil {
		t.Fatal(err)
	}
	db.Close()
	file := writeFile(t, dir, "doanh-nghiep.csv", "DANH SÁCH CƠ SỞ\n\nTên cơ sở;MST;Ghi chép\n"+
		"HTX Gốm sứ Bát Tràng;0101 245 486;x\nCông ty Mây tre;0101245487;y\nCơ sở Sơn mài;;z\n")

	t.Run("DryRun", func(t *testing.T) {
		out, err := run(t, "-db", path, "import", "enterprises", file, "--dry-run")
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "1 dòng không nhập được") {
			t.Fatalf("err %v, want one row refused", err)
		}
		for _, want := range []string{"dòng tiêu đề 3, 3 dòng dữ liệu", "dòng 5\tMã số thuế 0101245487 sai chữ số kiểm tra", "sẽ thêm 2, cập nhật 0, bỏ qua 0"} {
			if !strings.Contains(out, want) {
				t.Fatalf("output %q lacks %q", out, want)
			}
		}
		if n := countRows(t, path, "enterprises"); n != 0 {
			t.Fatalf("a dry run wrote %d enterprises", n)
		}
	})
	t.Run("Write", func(t *testing.T) {
		mapping := writeFile(t, dir, "ghep.txt", "# tệp ghép cột\nGhi chép = Ghi chú\n")
		out, err := run(t, "-db", path, "import", "enterprises", file, "--mapping", mapping)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(out, "thêm 2, cập nhật 0, bỏ qua 0; 1 dòng bị từ chối") {
			t.Fatalf("import: %q, %v", out, err)
		}
		if n := countRows(t, path, "enterprises"); n != 2 {
			t.Fatalf("%d enterprises, want 2", n)
		}
		// The same file again: the rows written are found and skipped, the mapping remembered.
		out, _ = run(t, "-db", path, "import", "enterprises", file, "--existing", "update")
		if !strings.Contains(out, "thêm 0, cập nhật 2") {
			t.Fatalf("again: %q", out)
		}
		out, err = run(t, "-db", path, "enterprises", "list")
		if err != nil || !strings.Contains(out, "HTX Gốm sứ Bát Tràng") {
			t.Fatalf("list: %q, %v", out, err)
		}
	})
	t.Run("Class", func(t *testing.T) {
		people := writeFile(t, dir, "hoc-vien.csv", "Họ và tên,Ngày sinh,Số CCCD\nNguyễn Thị Ánh,15/03/1995,001195012345\nĐặng Văn Đức,2/9/90,\n")
		out, err := run(t, "-db", path, "import", "trainees", people, "--class", "ltn-01")
		if err != nil || !strings.Contains(out, "thêm 2, cập nhật 0, ghi danh vào lớp LTN-01 2") {
			t.Fatalf("import into a class: %q, %v", out, err)
		}
		if n := countRows(t, path, "trainees"); n != 2 {
			t.Fatalf("%d trainees, want 2", n)
		}
	})
	t.Run("Refusals", func(t *testing.T) {
		for _, args := range [][]string{
			{"import", "classes", file},
			{"import", "enterprises", file, "--class", "LTN-01"},
			{"import", "bookings", file},
			{"import", "enterprises", filepath.Join(dir, "khong-co.xlsx")},
			{"import", "enterprises", file, "--existing", "xoa"},
		} {
			if _, err := run(t, append([]string{"-db", path}, args...)...); data.ErrorCode(err) != data.EINVALID {
				t.Fatalf("kc %q: %v, want EINVALID", args, err)
			}
		}
	})
}
