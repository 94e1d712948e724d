package docs_test

import (
	"bytes"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/reports/docs"
)

// TestTraineeList builds the trainee list on the sample database: every trainee the filter
// selects, past its paging, in its order, the workplaces from the register named, and the
// selection said in words.
func TestTraineeList(t *testing.T) {
	db, ctx := mustSeed(t)
	b := builderOf(db)

	all, err := db.FindTrainees(ctx, data.TraineeFilter{})
	if err != nil || len(all) < 50 {
		t.Fatalf("%d trainees in the sample (%v), want a few classes' worth", len(all), err)
	}
	var employed *data.Trainee // one whose workplace is an enterprise of the register
	for _, tr := range all {
		if tr.WorkplaceID != 0 && tr.Workplace == "" && tr.WardCode != "" {
			employed = tr
			break
		}
	}
	if employed == nil {
		t.Fatal("no trainee of the sample works at an enterprise of the register")
	}
	workplace, err := db.FindEnterpriseByID(ctx, employed.WorkplaceID)
	if err != nil {
		t.Fatal(err)
	}
	ward := employed.WardCode
	wardName := ""
	wards, err := db.Wards(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wards {
		if w.Code == ward {
			wardName = w.Label()
		}
	}

	t.Run("ByWard", func(t *testing.T) {
		f := data.TraineeFilter{WardCode: &ward, Sort: data.TraineeByBirthDate, Desc: true, Limit: 1}
		want, err := db.FindTrainees(ctx, data.TraineeFilter{WardCode: &ward, Sort: data.TraineeByBirthDate, Desc: true})
		if err != nil || len(want) == 0 {
			t.Fatalf("%d trainees in %s (%v)", len(want), ward, err)
		}
		xlsx := build(t, func(w *bytes.Buffer) error { return b.TraineeList(ctx, f, docs.XLSX, w) })
		lines := strings.Split(strings.TrimSpace(xlsxText(t, xlsx)), "\n")
		contains(t, "trainee workbook", strings.Join(lines, "\n"), "DANH SÁCH HỌC VIÊN", "Lọc theo: "+wardName, dateLine, workplace.Name)
		rows := lines[len(lines)-len(want):]
		for i, tr := range want {
			if cells := strings.Split(rows[i], "\t"); len(cells) < 4 || cells[1] != tr.Name.Full() || cells[3] != tr.BirthDate.String() {
				t.Errorf("row %d is %q, want %s born %s (the filter's order)", i+1, rows[i], tr.Name.Full(), tr.BirthDate)
			}
		}
		pdf := build(t, func(w *bytes.Buffer) error { return b.TraineeList(ctx, f, docs.PDF, w) })
		contains(t, "trainee list", pdfText(t, pdf, "-raw"), "DANH SÁCH HỌC VIÊN", "Lọc theo: "+wardName,
			want[0].Name.Full(), want[len(want)-1].Name.Full(), dateLine)
		if size := pageSize(t, pdf); !strings.Contains(size, "A4") {
			t.Errorf("page size %s, want A4", size)
		}
	})

	t.Run("Search", func(t *testing.T) {
		given := employed.Name.Given
		f := data.TraineeFilter{Search: given}
		pdf := build(t, func(w *bytes.Buffer) error { return b.TraineeList(ctx, f, docs.PDF, w) })
		contains(t, "trainee list", pdfText(t, pdf, "-raw"), "Lọc theo: tìm “"+given+"”", employed.Name.Full())
	})

	t.Run("NotAFormat", func(t *testing.T) {
		if err := b.TraineeList(ctx, data.TraineeFilter{}, ".csv", &bytes.Buffer{}); data.ErrorCode(err) != data.EINVALID {
			t.Errorf("a CSV list: %v, want EINVALID", err)
		}
	})
}

func TestTraineeListKind(t *testing.T) {
	if got, want := docs.KindTraineeList.FileName("", docs.XLSX), "hoc-vien.xlsx"; got != want {
		t.Errorf("FileName=%q, want %q", got, want)
	}
	for path, want := range map[string]docs.Format{"hv.pdf": docs.PDF, "HV.XLSX": docs.XLSX} {
		if got, err := docs.KindTraineeList.FormatOf(path); err != nil || got != want {
			t.Errorf("FormatOf(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
}
