package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"khuyencong/data"
)

func TestFairs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")

	t.Run("SeedDemo", func(t *testing.T) {
		out, err := run(t, "-db", db, "seed", "--demo")
		if err != nil || !strings.Contains(out, "Đã nạp 300 doanh nghiệp và 12 lớp học, cùng 10 hội chợ") {
			t.Fatalf("seed: %q, %v", out, err)
		}
	})

	t.Run("List", func(t *testing.T) {
		out, err := run(t, "-db", db, "fairs", "list")
		if err != nil {
			t.Fatal(err)
		}
		ls := lines(out)
		if len(ls) != 10 {
			t.Fatalf("listed %d fairs, want 10:\n%s", len(ls), out)
		}
		kinds, statuses := map[string]bool{}, map[string]bool{}
		prevStart := ""
		for _, l := range ls {
			f := strings.Split(l, "\t")
			if len(f) != 8 || !strings.HasPrefix(f[0], "HC-20") || f[1] == "" || f[3] == "" || len(f[4]) != 10 || len(f[5]) != 10 || !strings.Contains(f[6], "/") {
				t.Fatalf("line %q is not code, name, kind, place, start, end, booked/booths, status", l)
			}
			if start := f[4][6:] + f[4][3:5] + f[4][:2]; start < prevStart {
				t.Errorf("line %q is out of order", l)
			} else {
				prevStart = start
			}
			kinds[f[2]], statuses[f[7]] = true, true
		}
		for _, k := range data.FairKinds {
			if !kinds[k.Label()] {
				t.Errorf("no fair %s in the list", k.Label())
			}
		}
		for _, s := range data.FairStatuses {
			if !statuses[s.Label()] {
				t.Errorf("no fair %s in the list", s.Label())
			}
		}
		for _, want := range []string{"\tHội chợ Làng nghề và Sản phẩm OCOP Hà Nội 2025\tDo Trung tâm tổ chức\tHà Nội\t14/10/2025\t18/10/2025\t15/46\tĐã diễn ra\n",
			"\tHội chợ Ambiente 2026 (Frankfurt, Đức)\tHội chợ nước ngoài\tFrankfurt am Main, Đức\t", "\tQuảng Châu, Trung Quốc\t",
			"\tTokyo, Nhật Bản\t", "\tTP Hồ Chí Minh\t", "\t12/12\tĐang nhận đăng ký\n", "HC-2025-001\t"} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in the list:\n%s", want, out)
			}
		}

		for year, want := range map[string]int{"2025": 2, "2026": 6, "2027": 2, "2019": 0} {
			out, err := run(t, "fairs", "list", "--year", year, "-db", db)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(lines(out)); got != want {
				t.Errorf("--year %s listed %d fairs, want %d:\n%s", year, got, want, out)
			}
			for _, l := range lines(out) {
				if !strings.HasPrefix(l, "HC-"+year+"-") {
					t.Errorf("--year %s listed %q", year, l)
				}
			}
		}
		if _, err := run(t, "fairs", "list", "--year", "năm ngoái", "-db", db); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("--year năm ngoái: %v, want EINVALID", err)
		}
	})

	t.Run("SettlementPDF", func(t *testing.T) {
		pdf := filepath.Join(dir, "quyet-toan.pdf")
		// The code typed in lower case, the flag after it.
		out, err := run(t, "-db", db, "fairs", "settlement", "hc-2025-002", "-o", pdf)
		if err != nil || strings.TrimSpace(out) != pdf {
			t.Fatalf("settlement: %q, %v", out, err)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
			t.Fatalf("%s is not a PDF (%v)", pdf, err)
		}
		if entries, _ := os.ReadDir(dir); hasTemp(entries) {
			t.Errorf("a temporary file is left in %s", dir)
		}
		text := pdfText(t, pdf)
		s := string(text)
		for _, want := range []string{"TỔNG CỘNG", "Hợp tác xã Nhạc cụ dân tộc Đào Xá", "Hội chợ Làng nghề và Sản phẩm OCOP Hà Nội 2025"} {
			if !strings.Contains(s, want) {
				t.Errorf("no %q in the settlement:\n%s", want, s)
			}
		}
	})

	t.Run("SettlementXLSX", func(t *testing.T) {
		path := filepath.Join(dir, "quyet-toan.xlsx")
		if _, err := run(t, "-db", db, "fairs", "settlement", "-o", path, "HC-2026-001"); err != nil {
			t.Fatal(err)
		}
		x, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		var all strings.Builder
		for _, sheet := range x.GetSheetList() {
			rows, err := x.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				all.WriteString(strings.Join(r, "|") + "\n")
			}
		}
		for _, want := range []string{"Hộ kinh doanh Ngô Minh Trang", "TỔNG CỘNG"} {
			if !strings.Contains(strings.ToUpper(all.String()), strings.ToUpper(want)) {
				t.Errorf("no %q in the workbook:\n%s", want, all.String())
			}
		}
	})

	t.Run("Errors", func(t *testing.T) {
		pdf := filepath.Join(dir, "khong-ghi.pdf")
		for _, c := range []struct {
			args []string
			code string
			want string
		}{
			{[]string{"fairs"}, data.EINVALID, "kc fairs list"},
			{[]string{"fairs", "print"}, data.EINVALID, "kc fairs list"},
			{[]string{"fairs", "list", "thừa"}, data.EINVALID, "không nhận thêm"},
			{[]string{"fairs", "settlement", "-o", pdf}, data.EINVALID, "Thiếu mã hội chợ"},
			{[]string{"fairs", "settlement", "HC-2025-002"}, data.EINVALID, "Thiếu tệp cần ghi"},
			{[]string{"fairs", "settlement", "HC-2025-002", "HC-2025-001", "-o", pdf}, data.EINVALID, "thừa: HC-2025-001"},
			{[]string{"fairs", "settlement", "HC-2025-002", "-o", filepath.Join(dir, "bang.docx")}, data.EINVALID, "đuôi .pdf hoặc .xlsx"},
			{[]string{"fairs", "settlement", "hc-1999-009", "-o", pdf}, data.ENOTFOUND, "Không có hội chợ mã HC-1999-009"},
			{[]string{"fairs", "settlement", "HC-2025-002", "-o", filepath.Join(dir, "khong-co", "a.pdf")}, data.EINVALID, "thư mục"},
		} {
			_, err := run(t, append([]string{"-db", db}, c.args...)...)
			if data.ErrorCode(err) != c.code || !strings.Contains(data.ErrorMessage(err), c.want) {
				t.Errorf("kc %s: %v (%s), want %s with %q", strings.Join(c.args, " "), err, data.ErrorCode(err), c.code, c.want)
			}
		}
		if _, err := os.Stat(pdf); !os.IsNotExist(err) {
			t.Errorf("a refused settlement wrote %s", pdf)
		}
		if entries, _ := os.ReadDir(dir); hasTemp(entries) {
			t.Errorf("a temporary file is left in %s", dir)
		}
		// main prints the message in Vietnamese and exits 1.
		_, stderr, code := runMain(t, "-db", db, "fairs", "settlement", "HC-1999-009", "-o", pdf)
		if code != 1 || !strings.Contains(stderr, "kc: Không có hội chợ mã HC-1999-009. Xem các mã hội chợ bằng lệnh kc fairs list.") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

// hasTemp reports whether a folder's entries include a temporary file of writeFileAtomic.
func hasTemp(entries []os.DirEntry) bool {
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			return true
		}
	}
	return false
}
