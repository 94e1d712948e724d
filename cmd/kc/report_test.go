package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/reports/docs"
)

// TestReportCommands runs kc report list and each report on the sample, as PDF and Excel, each
// file byte for byte what the builder the window calls writes; and the refusals.
func TestReportCommands(t *testing.T) {
	dir, db, st, _ := seededSample(t)
	out, err := run(t, "-db", db, "report", "list")
	if err != nil || len(lines(out)) != len(data.ReportKinds) || !strings.HasPrefix(out, "ket-qua\tBáo cáo kết quả thực hiện công tác khuyến công\tlọc: --funding\n") {
		t.Fatalf("report list = %q, %v", out, err)
	}
	b := builder(st)
	year := now.Year()
	p, _ := data.YearPeriod(year)
	for _, k := range data.ReportKinds {
		for _, f := range []docs.Format{docs.PDF, docs.XLSX} {
			path := filepath.Join(dir, string(k)+string(f))
			if out, err := run(t, "-db", db, "report", string(k), "--from", "01/01/"+strconv.Itoa(year), "--to", "31/12/"+strconv.Itoa(year), "-o", path); err != nil || out != path+"\n" {
				t.Fatalf("kc report %s: %q, %v", k, out, err)
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			if err := b.Report(context.Background(), k, p, data.ReportFilter{}, f, &want); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("kc report %s %s differs from the builder's", k, f)
			}
		}
	}
	if text := string(pdfText(t, filepath.Join(dir, "dao-tao.pdf"))); !strings.Contains(text, "Thống kê kết quả đào tạo nghề năm "+strconv.Itoa(year)) {
		t.Errorf("the training report's title is missing:\n%.600s", text)
	}
	// A quarter by --year and --quarter, and a filter the report takes.
	q := filepath.Join(dir, "q.pdf")
	if _, err := run(t, "-db", db, "report", "dao-tao", "--year", strconv.Itoa(year), "--quarter", "2", "--kind", "truyen_nghe", "--funding", "dia_phuong", "-o", q); err != nil {
		t.Fatal(err)
	}
	if text := string(pdfText(t, q)); !strings.Contains(text, "quý II năm "+strconv.Itoa(year)) || !strings.Contains(text, "Phạm vi: loại hình truyền nghề; nguồn khuyến công địa phương") {
		t.Errorf("the quarter's report lacks its period or scope:\n%.800s", text)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"dao-tao", "--from", "02/05/2026", "--to", "01/05/2026"}, "Kỳ báo cáo kết thúc ngày 01/05/2026, trước ngày bắt đầu 02/05/2026"},
		{[]string{"bao-cao-la", "--year", "2026"}, "Không có báo cáo “bao-cao-la”"},
		{[]string{"dao-tao", "--from", "01/01/2026"}, "Thiếu kỳ báo cáo"},
		{[]string{"dao-tao", "--year", "2026", "--quarter", "5"}, "Quý phải từ 1 đến 4"},
		{[]string{"dao-tao", "--year", "2026", "--kind", "may"}, "không có loại lớp"},
		{[]string{"dao-tao", "--year", "2026", "--funding", "ngan_hang"}, "--funding"},
		{[]string{"dao-tao", "--year", "2026", "--village", "Làng không có"}, "làng nghề"},
	} {
		path := filepath.Join(dir, "refused.pdf")
		_, err := run(t, append(append([]string{"-db", db, "report"}, tc.args...), "-o", path)...)
		if data.ErrorCode(err) == data.EINTERNAL || !strings.Contains(data.ErrorMessage(err), tc.want) {
			t.Errorf("kc report %v: err = %v, want one saying %q", tc.args, err, tc.want)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("kc report %v wrote %s", tc.args, path)
		}
	}
}
