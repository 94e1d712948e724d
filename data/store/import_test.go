package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/importer"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// importOptions returns the catalogues of db, as the window and kc give them to the importer.
func importOptions(tb testing.TB, db *store.DB) importer.Options {
	tb.Helper()
	wards, err := db.Wards(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	districts, err := db.Districts(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	return importer.Options{Wards: wards, Districts: districts, Today: vn.DateOf(now)}
}

// MustPreview converts rows of a kind with the proposed mapping and checks them against db.
func MustPreview(tb testing.TB, db *store.DB, kind data.ImportKind, target int64, rows [][]string) *data.ImportPreview {
	tb.Helper()
	tab, err := importer.Locate(kind, rows)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := importer.Convert(kind, tab, importer.Propose(kind, tab.Header), importOptions(tb, db))
	if err != nil {
		tb.Fatal(err)
	}
	p.TargetID, p.File = target, "thu.xlsx"
	if err := db.CheckImport(ctx, p); err != nil {
		tb.Fatalf("CheckImport: %v", err)
	}
	return p
}

// MustImport imports p and returns the result.
func MustImport(tb testing.TB, db *store.DB, p *data.ImportPreview) *data.ImportResult {
	tb.Helper()
	res, err := db.Import(ctx, p, nil)
	if err != nil {
		tb.Fatalf("Import: %v", err)
	}
	return res
}

func TestImportEnterprises(t *testing.T) {
	db := MustOpenDB(t)
	stored := MustCreateEnterprise(t, db, nil)
	rows := [][]string{
		{"Tên doanh nghiệp", "Mã số thuế", "Điện thoại", "Phường/xã"},
		{"Công ty TNHH Thử nghiệm mới", stored.TaxCode, "0243 111 2222", "phường Ba Đình"},
		{"HTX Gốm sứ Bát Tràng", "0101 245 486", "", "Bát Tràng"},
		{"Cơ sở Mộc Vân Hà", "0101245486", "", ""},
		{"", "", "", ""},
		{"Cơ sở Sơn mài", "", "", "Phường Không Có"},
	}
	p := MustPreview(t, db, data.ImportEnterprises, 0, rows)
	if ok, problems, matches := p.Counts(); ok != 2 || problems != 2 || matches != 1 {
		t.Fatalf("counts ok %d, problems %d, matches %d; want 2, 2, 1", ok, problems, matches)
	}
	m := p.Rows[0].Match
	if m == nil || m.ID != stored.ID || p.Rows[0].Action != data.ImportSkip || !strings.Contains(m.Reason, stored.TaxCode) {
		t.Fatalf("row 2 match %+v, action %s; want the stored enterprise, skipped", m, p.Rows[0].Action)
	}
	if p.Rows[0].SetAction(data.ImportNew) {
		t.Fatal("a row with a tax code already registered can be added as new")
	}
	if got := p.Rows[2].Problems; len(got) != 1 || !strings.Contains(got[0], "Trùng mã số thuế 0101245486 với dòng 3") {
		t.Fatalf("line 4 problems %q, want the duplicate of line 3", got)
	}
	if got := p.Rows[3].Problems; len(got) != 1 || !strings.Contains(got[0], "Phường Không Có") {
		t.Fatalf("line 6 problems %q, want the unknown ward", got)
	}
	if n := p.SetAll(data.ImportUpdate); n != 1 {
		t.Fatalf("SetAll(update) changed %d rows, want 1", n)
	}
	res := MustImport(t, db, p)
	if res.Added != 1 || res.Updated != 1 || len(res.Refused) != 2 || len(res.Skipped) != 0 || res.Refused[0].Row.Line != 4 {
		t.Fatalf("result %+v", res)
	}
	got, err := db.FindEnterpriseByID(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	// The update wrote the file's columns and kept what the file does not have.
	if got.Name != "Công ty TNHH Thử nghiệm mới" || got.Phone != "02431112222" || got.Email != stored.Email || got.Trade != stored.Trade || got.Version != 2 {
		t.Fatalf("updated %+v", got)
	}
	if n := MustCount(t, db, "enterprises"); n != 2 {
		t.Fatalf("%d enterprises, want 2", n)
	}
	var action, detail string
	if err := db.SQL().QueryRow(`SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1`).Scan(&action, &detail); err != nil || action != "import" || !strings.Contains(detail, "1 thêm, 1 cập nhật") {
		t.Fatalf("audit %q %q %v", action, detail, err)
	}
}

func TestImportAllOrNothing(t *testing.T) {
	db := MustOpenDB(t)
	rows := [][]string{{"Tên doanh nghiệp", "Mã số thuế"}}
	for i := range 1000 {
		rows = append(rows, []string{"Cơ sở số " + vn.FormatInt(int64(i)), NextTaxCode()})
	}
	t.Run("Cancelled", func(t *testing.T) {
		p := MustPreview(t, db, data.ImportEnterprises, 0, rows)
		c, cancel := context.WithCancel(ctx)
		_, err := db.Import(c, p, func(done, total int) {
			if done >= 500 {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Import after cancel: %v", err)
		}
		if n := MustCount(t, db, "enterprises"); n != 0 {
			t.Fatalf("a cancelled import wrote %d enterprises", n)
		}
	})
	t.Run("RaceWithAClerk", func(t *testing.T) {
		// A clerk registers one of the tax codes between the preview and the import: the whole
		// import is refused, naming the line, and nothing of it is written.
		p := MustPreview(t, db, data.ImportEnterprises, 0, rows)
		e := NewEnterprise("Cơ sở của người khác")
		e.TaxCode = rows[700][1]
		MustCreateEnterprise(t, db, e)
		_, err := db.Import(ctx, p, nil)
		AssertError(t, err, data.ECONFLICT, "Dòng 701", e.TaxCode)
		if n := MustCount(t, db, "enterprises"); n != 1 {
			t.Fatalf("%d enterprises after a refused import, want 1", n)
		}
	})
}

func TestImportMapping(t *testing.T) {
	db := MustOpenDB(t)
	sig := importer.Signature([]string{"Tên cơ sở", "MST", "Ghi chép"})
	if m, err := db.ImportMapping(ctx, data.ImportEnterprises, sig); err != nil || m != nil {
		t.Fatalf("ImportMapping before any = %q, %v", m, err)
	}
	want := []string{data.FieldName, data.FieldTaxCode, data.FieldNotes}
	if err := db.SaveImportMapping(ctx, data.ImportEnterprises, sig, want); err != nil {
		t.Fatal(err)
	}
	m, err := db.ImportMapping(ctx, data.ImportEnterprises, sig)
	if err != nil || strings.Join(m, ",") != strings.Join(want, ",") {
		t.Fatalf("ImportMapping = %q, %v; want %q", m, err, want)
	}
	if m, _ := db.ImportMapping(ctx, data.ImportTrainees, sig); m != nil {
		t.Fatalf("another kind's mapping = %q", m)
	}
	AssertError(t, db.SaveImportMapping(ctx, "khac", sig, want), data.EINVALID)
}

func TestImportTrainees(t *testing.T) {
	db := MustOpenDB(t)
	known := NewTrainee("Nguyễn Thị Ánh", day(1995, 3, 15))
	known.CCCD = "001195012345"
	MustCreateTrainee(t, db, known)
	workplace := MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Gốm sứ Bát Tràng"))
	rows := [][]string{
		{"Họ và tên", "Ngày sinh", "Số CCCD", "Điện thoại", "Nơi làm việc"},
		{"Nguyễn Thị Ánh", "15/03/1995", "001 195 012 345", "0912 000 111", ""},
		{"Trần Văn Bình", "34773", "", "", "hợp tác xã gốm sứ bát tràng"},
		{"Lê Văn Cường", "2/9/90", "", "", "Xưởng nhà"},
	}
	t.Run("Register", func(t *testing.T) {
		p := MustPreview(t, db, data.ImportTrainees, 0, rows)
		if m := p.Rows[0].Match; m == nil || m.ID != known.ID || len(m.Choices) != 2 {
			t.Fatalf("match %+v, want the stored trainee, skip or update", m)
		}
		if b := p.Rows[1].Trainee; b.WorkplaceID != workplace.ID || b.Workplace != "" {
			t.Fatalf("workplace %d %q, want the register's enterprise %d", b.WorkplaceID, b.Workplace, workplace.ID)
		}
		p.Rows[0].SetAction(data.ImportUpdate)
		res := MustImport(t, db, p)
		if res.Added != 2 || res.Updated != 1 {
			t.Fatalf("result %+v", res)
		}
		got, _ := db.FindTraineeByID(ctx, known.ID)
		if got.Phone != "0912000111" || got.WardCode != known.WardCode {
			t.Fatalf("updated %+v", got)
		}
	})
	t.Run("Class", func(t *testing.T) {
		c := MustCreateClass(t, db, NewClass("LTN-01"))
		MustEnroll(t, db, c, known)
		rows := append(rows, []string{"Phạm Thu Trang", "1/1/2001", "", "", ""})
		p := MustPreview(t, db, data.ImportClassTrainees, c.ID, rows)
		if m := p.Rows[0].Match; m == nil || len(m.Choices) != 1 || !strings.Contains(m.Reason, "đã có trong lớp") {
			t.Fatalf("a person in the class: match %+v, want skip only", m)
		}
		if m := p.Rows[1].Match; m == nil || p.Rows[1].Action != data.ImportKeep {
			t.Fatalf("a person of the register: match %+v, action %s; want to enrol the existing record", m, p.Rows[1].Action)
		}
		res := MustImport(t, db, p)
		if res.Added != 1 || res.Enrolled != 3 || len(res.Skipped) != 1 {
			t.Fatalf("result %+v", res)
		}
		if got := MustClass(t, db, c.ID).Enrolled; got != 4 {
			t.Fatalf("%d enrolled, want 4", got)
		}
	})
	t.Run("ClassClosed", func(t *testing.T) {
		c := NewClass("LTN-02")
		c.Status = data.ClassFinished
		MustCreateClass(t, db, c)
		tab, _ := importer.Locate(data.ImportClassTrainees, rows)
		p, _ := importer.Convert(data.ImportClassTrainees, tab, importer.Propose(data.ImportClassTrainees, tab.Header), importOptions(t, db))
		p.TargetID = c.ID
		AssertError(t, db.CheckImport(ctx, p), data.ECONFLICT, "LTN-02", "không nhận thêm học viên")
	})
}

func TestImportVillages(t *testing.T) {
	db := MustOpenDB(t)
	rows := [][]string{
		{"Tên làng nghề", "Xã/phường", "Ngày công nhận", "Số hộ", "Số lao động"},
		{"Làng gốm Bát Tràng", "xã Bát Tràng", "20/10/2005", "1.200", "5.000"},
		{"Làng mây tre Phú Vinh", "", "01/01/2030", "", ""},
	}
	p := MustPreview(t, db, data.ImportVillages, 0, rows)
	if got := p.Rows[1].Problems; len(got) != 1 || !strings.Contains(got[0], "Ngày công nhận 01/01/2030 sau ngày hôm nay") {
		t.Fatalf("problems %q, want the store's refusal of a future recognition", got)
	}
	res := MustImport(t, db, p)
	if res.Added != 1 || len(res.Refused) != 1 {
		t.Fatalf("result %+v", res)
	}
	p = MustPreview(t, db, data.ImportVillages, 0, rows[:2])
	if m := p.Rows[0].Match; m == nil || p.Rows[0].Action != data.ImportSkip {
		t.Fatalf("the same village again: match %+v", m)
	}
}

func TestImportBookings(t *testing.T) {
	db := MustOpenDB(t)
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 5)
	a := MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Gốm sứ Bát Tràng"))
	b := MustCreateEnterprise(t, db, NewEnterprise("Cơ sở Mây tre Phú Vinh"))
	MustRegister(t, db, data.BookingRequest{FairID: f.ID, EnterpriseID: b.ID, BoothsWanted: 1})
	p := MustPreview(t, db, data.ImportFairBookings, f.ID, [][]string{
		{"MST", "Tên doanh nghiệp", "Số gian", "Sản phẩm trưng bày"},
		{a.TaxCode, "", "2", "Gốm men rạn"},
		{"", "cơ sở mây tre phú vinh", "1", ""},
		{"0105646288", "", "1", ""},
	})
	if m := p.Rows[1].Match; m == nil || len(m.Choices) != 1 {
		t.Fatalf("an enterprise booked already: %+v", m)
	}
	if got := p.Rows[2].Problems; len(got) != 1 || !strings.Contains(got[0], "Không có doanh nghiệp mã số thuế 0105646288") {
		t.Fatalf("problems %q", got)
	}
	res := MustImport(t, db, p)
	if res.Added != 1 || len(res.Skipped) != 1 || len(res.Refused) != 1 {
		t.Fatalf("result %+v", res)
	}
	bs, _ := db.FairBookings(ctx, f.ID)
	if len(bs) != 2 {
		t.Fatalf("%d bookings, want 2", len(bs))
	}
}
