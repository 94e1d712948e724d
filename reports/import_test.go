package reports_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/importer"
	"khuyencong/reports"
)

// reimport opens a workbook the way an import does and returns its table and proposed mapping.
func reimport(t *testing.T, kind data.ImportKind, b []byte) (*importer.Table, []string) {
	t.Helper()
	f, err := importer.Open("mau.xlsx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.Rows(f.Sheets[0])
	if err != nil {
		t.Fatal(err)
	}
	tab, err := importer.Locate(kind, rows)
	if err != nil {
		t.Fatal(err)
	}
	return tab, importer.Propose(kind, tab.Header)
}

func TestImportTemplate(t *testing.T) {
	wards, districts, _ := divisions(t)
	for _, kind := range data.ImportKinds {
		t.Run(string(kind), func(t *testing.T) {
			var b bytes.Buffer
			if err := reports.WriteImportTemplate(&b, data.DefaultOrganisation(), kind, docDate); err != nil {
				t.Fatal(err)
			}
			tab, mapping := reimport(t, kind, b.Bytes())
			if slices.Contains(mapping, "") || len(mapping) != len(data.ImportFields(kind)) {
				t.Fatalf("template header %q maps to %q: every column should feed its field", tab.Header, mapping)
			}
			p, err := importer.Convert(kind, tab, mapping, importer.Options{Wards: wards, Districts: districts, Today: docDate})
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Rows) != 1 || !p.Rows[0].OK() {
				t.Fatalf("the example row: %d rows, problems %q", len(p.Rows), p.Rows[0].Problems)
			}
		})
	}
	if err := reports.WriteImportTemplate(&bytes.Buffer{}, data.DefaultOrganisation(), "khac", docDate); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("an unknown kind: %v", err)
	}
}

// refusedDoc is a trainees' file of three rows, two of them refused (a date that does not exist,
// a CCCD twice), as the refused-rows workbook takes it.
func refusedDoc(t *testing.T) reports.ImportRefusedDoc {
	t.Helper()
	wards, districts, _ := divisions(t)
	tab := &importer.Table{HeaderLine: 3, Header: []string{"Họ và tên", "Ngày sinh", "Số CCCD", "Ghi chép"},
		Rows: [][]string{
			{"Nguyễn Thị Ánh", "34773", "001195012345", "ổn"},
			{"Trần Văn Bình", "31/02/1990", "", "ngày sai"},
			{"Lê Văn Cường", "2/9/90", "001195012345", "trùng CCCD, sai giới"},
		}}
	mapping := importer.Propose(data.ImportTrainees, tab.Header)
	p, err := importer.Convert(data.ImportTrainees, tab, mapping, importer.Options{Wards: wards, Districts: districts, Today: docDate})
	if err != nil {
		t.Fatal(err)
	}
	p.File, p.Sheet = "hoc-vien.xlsx", "Lớp gốm"
	res := &data.ImportResult{Added: 1}
	for _, r := range p.Rows[1:] {
		res.Refused = append(res.Refused, data.ImportSkipped{Row: r, Reason: strings.Join(r.Problems, " ")})
	}
	return reports.ImportRefusedDoc{Org: data.DefaultOrganisation(), Date: docDate, Preview: p, Result: res}
}

func TestImportRefusedXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := reports.WriteImportRefusedXLSX(&b, refusedDoc(t)); err != nil {
		t.Fatal(err)
	}
	back, again := reimport(t, data.ImportTrainees, b.Bytes())
	if got, want := strings.Join(back.Header, "|"), "Dòng trong tệp gốc|Họ và tên|Ngày sinh|Số CCCD|Ghi chép|Lý do không nhập"; got != want {
		t.Fatalf("header %q, want %q", got, want)
	}
	if got, want := strings.Join(again, ","), ",name,birth_date,cccd,,"; got != want {
		t.Fatalf("the corrected file maps %q, want %q", got, want)
	}
	if len(back.Rows) != 2 {
		t.Fatalf("%d rows, want the 2 refused", len(back.Rows))
	}
	row := back.Rows[0]
	// The line in the original file, the cells as the file held them (a date that does not read
	// stays text), the reasons.
	if row[0] != "5" || row[2] != "31/02/1990" || !strings.Contains(row[5], "không có") {
		t.Fatalf("row %q", row)
	}
	if row := back.Rows[1]; row[3] != "001195012345" || !strings.Contains(row[5], "Trùng số CCCD") {
		t.Fatalf("row %q: the CCCD should stay text with its zeros", row)
	}
}
