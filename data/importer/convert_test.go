package importer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/importer"
	"khuyencong/data/vn"
)

// options are the catalogues the conversions look wards up in.
var options = importer.Options{Today: today,
	Wards: []data.Division{{Code: "00004", Kind: "phường", Name: "Ba Đình"}, {Code: "10207", Kind: "xã", Name: "Bát Tràng"},
		{Code: "00091", Kind: "phường", Name: "Hoàn Kiếm"}},
	Districts: []data.Division{{Code: "002", Kind: "quận", Name: "Hoàn Kiếm"}},
}

// convert locates and converts rows with the proposed mapping.
func convert(tb testing.TB, kind data.ImportKind, rows [][]string) *data.ImportPreview {
	tb.Helper()
	tab, err := importer.Locate(kind, rows)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := importer.Convert(kind, tab, importer.Propose(kind, tab.Header), options)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// hasProblem asserts that row r has a problem containing each of want, and no other.
func hasProblem(t *testing.T, r *data.ImportRow, want ...string) {
	t.Helper()
	if len(r.Problems) != len(want) {
		t.Fatalf("line %d problems %q, want %d containing %q", r.Line, r.Problems, len(want), want)
	}
	for i, w := range want {
		if !strings.Contains(r.Problems[i], w) {
			t.Fatalf("line %d problem %d = %q, want it to say %q", r.Line, i, r.Problems[i], w)
		}
	}
}

func TestConvertEnterprises(t *testing.T) {
	p := convert(t, data.ImportEnterprises, [][]string{
		{"Tên DN", "MST", "Người đại diện", "SĐT", "Email", "Phường/xã", "Số lao động", "Loại hình"},
		{"HTX Gốm sứ Bát Tràng", "0101 245 486", "Lê  Văn Cường", "0243 874 1234", "", "xã Bát Tràng", "1.200", ""},
		{"Công ty Mây tre", "0101245487", "", "12345", "khong-phai-email", "P. Ba Đình", "nhiều", "Tập đoàn"},
		{"Hộ Nguyễn Văn An", "001090012345", "Nguyễn Văn An", "", "", "Phường Vô Danh", "", ""},
		{"", "0101245486", "", "", "", "", "", ""},
	})
	if got := len(p.Rows); got != 4 {
		t.Fatalf("%d rows, want 4", got)
	}
	e := p.Rows[0].Enterprise
	hasProblem(t, p.Rows[0])
	if e.TaxCode != "0101245486" || e.Kind != data.KindCooperative || e.WardCode != "10207" || e.Workers != 1200 ||
		e.Representative != (vn.Name{Family: "Lê", Middle: "Văn", Given: "Cường"}) || e.Phone != "02438741234" || p.Rows[0].Line != 2 {
		t.Fatalf("row 1 = %+v", e)
	}
	// Every problem of the row, in the services' own words.
	hasProblem(t, p.Rows[1], "Loại hình \"Tập đoàn\" không rõ", "Lao động: \"nhiều\" không phải là số nguyên", "sai chữ số kiểm tra", "12345", "khong-phai-email")
	if p.Rows[1].Enterprise.WardCode != "00004" {
		t.Fatalf("P. Ba Đình = %q, want 00004", p.Rows[1].Enterprise.WardCode)
	}
	hasProblem(t, p.Rows[2], "Phường/xã \"Phường Vô Danh\" không có trong danh mục")
	if p.Rows[2].Enterprise.Kind != data.KindHousehold {
		t.Fatalf("a 12-digit tax code gives kind %s, want a household business", p.Rows[2].Enterprise.Kind)
	}
	hasProblem(t, p.Rows[3], "Tên doanh nghiệp không được để trống", "Trùng mã số thuế 0101245486 với dòng 2 của tệp")
}

func TestConvertTrainees(t *testing.T) {
	p := convert(t, data.ImportTrainees, [][]string{
		{"Họ", "Tên đệm", "Tên", "Ngày sinh", "CCCD", "Giới tính"},
		{"Nguyễn", "Thị", "Ánh", "34773", "001 195 012 345", ""},
		{"Trần", "", "Bình", "31/02/1990", "", "nam"},
		{"Lê", "Văn", "Cường", "1/1/2015", "001195012345", "khác"},
	})
	a := p.Rows[0].Trainee
	hasProblem(t, p.Rows[0])
	if a.Name.Full() != "Nguyễn Thị Ánh" || a.BirthDate != (vn.Date{Year: 1995, Month: 3, Day: 15}) || !a.Female || a.CCCD != "001195012345" {
		t.Fatalf("row 1 = %+v", a)
	}
	hasProblem(t, p.Rows[1], "Ngày sinh: Ngày \"31/02/1990\" không có")
	hasProblem(t, p.Rows[2], "Giới tính \"khác\" không rõ", "Học viên phải từ đủ 15 tuổi", "Trùng số CCCD 001195012345 với dòng 2")
}

func TestConvertMapping(t *testing.T) {
	tab := &importer.Table{HeaderLine: 1, Header: []string{"A", "B"}, Rows: [][]string{{"x", "y"}}}
	for name, tc := range map[string]struct {
		mapping []string
		want    string
	}{
		"RequiredMissing": {[]string{data.FieldName, ""}, "Ngày sinh"},
		"Twice":           {[]string{data.FieldName, data.FieldName}, "cùng ghép vào trường"},
		"Width":           {[]string{data.FieldName}, "có 1 cột"},
		"Unknown":         {[]string{data.FieldName, data.FieldTaxCode}, "không thuộc"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := importer.Convert(data.ImportTrainees, tab, tc.mapping, options)
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
				t.Fatalf("err = %v, want EINVALID saying %q", err, tc.want)
			}
		})
	}
}

func TestConvertLibreOffice(t *testing.T) {
	// LibreOffice turned the CSV's dates into date cells and the CCCD and phone into numbers,
	// dropping their leading zeros (testdata/make-lo.sh).
	b, err := os.ReadFile(filepath.Join("testdata", "lo-trainees.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	p := convert(t, data.ImportTrainees, mustOpen(t, "lo-trainees.xlsx", b))
	if p.HeaderLine != 4 || len(p.Rows) != 3 {
		t.Fatalf("header line %d, %d rows; want 4, 3", p.HeaderLine, len(p.Rows))
	}
	for _, r := range p.Rows {
		hasProblem(t, r)
	}
	a := p.Rows[0].Trainee
	if a.BirthDate != (vn.Date{Year: 1995, Month: 3, Day: 15}) || a.CCCD != "001195012345" || a.Phone != "0912345678" || !a.Female {
		t.Fatalf("row 1 = %+v", a)
	}
	if d := p.Rows[2].Trainee.BirthDate; d != (vn.Date{Year: 2001, Month: 1, Day: 1}) {
		t.Fatalf("row 3 birth date %v", d)
	}
}
