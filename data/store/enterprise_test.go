package store_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// Snapshot counts what a write can change, to check that a refused one changed nothing.
func Snapshot(tb testing.TB, db *store.DB) [3]int {
	tb.Helper()
	return [3]int{MustCount(tb, db, "enterprises"), MustCount(tb, db, "enterprise_search"), MustCount(tb, db, "audit")}
}

// Names returns the names of es.
func Names(es []*data.Enterprise) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return out
}

// MustFind returns the names FindEnterprises gives for f, checking that CountEnterprises agrees.
func MustFind(tb testing.TB, db *store.DB, f data.EnterpriseFilter) []string {
	tb.Helper()
	es, err := db.FindEnterprises(ctx, f)
	if err != nil {
		tb.Fatalf("FindEnterprises(%+v): %v", f, err)
	}
	if f.Limit == 0 && f.Offset == 0 {
		n, err := db.CountEnterprises(ctx, f)
		if err != nil {
			tb.Fatalf("CountEnterprises(%+v): %v", f, err)
		}
		if n != len(es) {
			tb.Fatalf("CountEnterprises(%+v)=%d, FindEnterprises gave %d", f, n, len(es))
		}
	}
	return Names(es)
}

func TestCreateEnterprise(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		e := NewEnterprise("  Hợp tác xã Gốm sứ Bát Tràng ")
		e.Representative = vn.Name{Given: "Lê  Văn Ánh"}
		e.TaxCode = " 0100109106 "
		MustCreateEnterprise(t, db, e)
		if e.ID == 0 || e.Version != 1 || !e.CreatedAt.Equal(now) || !e.UpdatedAt.Equal(now) {
			t.Fatalf("ID=%d Version=%d CreatedAt=%v UpdatedAt=%v", e.ID, e.Version, e.CreatedAt, e.UpdatedAt)
		}
		got, err := db.FindEnterpriseByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *e {
			t.Fatalf("stored %+v\nwant %+v", got, e)
		}
		if got, want := got.Name, "Hợp tác xã Gốm sứ Bát Tràng"; got != want {
			t.Fatalf("Name=%q, want %q", got, want)
		}
		if got, want := got.Phone, "0912345678"; got != want {
			t.Fatalf("Phone=%q, want %q", got, want)
		}
		if got, want := got.Representative, (vn.Name{Family: "Lê", Middle: "Văn", Given: "Ánh"}); got != want {
			t.Fatalf("Representative=%+v, want %+v", got, want)
		}
		if got, want := got.TaxCode, "0100109106"; got != want {
			t.Fatalf("TaxCode=%q, want %q", got, want)
		}
	})

	t.Run("NoTaxCodeNoWard", func(t *testing.T) {
		db := MustOpenDB(t)
		for range 2 { // an empty tax code is not unique
			e := NewEnterprise("Cơ sở làm nón Chuông")
			e.TaxCode, e.WardCode, e.DistrictCode = "", "", "017"
			MustCreateEnterprise(t, db, e)
		}
	})

	for _, tt := range []struct {
		name  string
		edit  func(e *data.Enterprise)
		code  string
		words []string
	}{
		{"ErrTaxCodeCheckDigit", func(e *data.Enterprise) { e.TaxCode = "0100109107" }, data.EINVALID, []string{"Mã số thuế 0100109107 sai chữ số kiểm tra"}},
		{"ErrTaxCodeTaken", func(e *data.Enterprise) { e.TaxCode = "0100109106" }, data.ECONFLICT, []string{`Mã số thuế 0100109106 đã đăng ký cho "Công ty Cổ phần Gốm Bát Tràng" (mã 1).`}},
		{"ErrNameEmpty", func(e *data.Enterprise) { e.Name = "   " }, data.EINVALID, []string{"Tên doanh nghiệp không được để trống"}},
		{"ErrNameTooLong", func(e *data.Enterprise) { e.Name = strings.Repeat("Đ", 2000) }, data.EINVALID, []string{"Tên doanh nghiệp dài 2000 ký tự", "tối đa 300"}},
		{"ErrPhoneLetters", func(e *data.Enterprise) { e.Phone = "0912 abc 678" }, data.EINVALID, []string{"Số điện thoại", "chữ cái"}},
		{"ErrEmailNoAt", func(e *data.Enterprise) { e.Email = "lienhe.example.vn" }, data.EINVALID, []string{"Thư điện tử", "thiếu dấu @"}},
		{"ErrWorkersNegative", func(e *data.Enterprise) { e.Workers = -3 }, data.EINVALID, []string{"Số lao động không được âm"}},
		{"ErrWardUnknown", func(e *data.Enterprise) { e.WardCode = "99999" }, data.EINVALID, []string{"Mã phường/xã 99999 không có trong danh mục 126 phường, xã của Hà Nội"}},
		{"ErrWardIsDistrict", func(e *data.Enterprise) { e.WardCode = "017" }, data.EINVALID, []string{"Mã phường/xã 017 không có"}},
		{"ErrDistrictUnknown", func(e *data.Enterprise) { e.DistrictCode = "999" }, data.EINVALID, []string{"Mã quận/huyện 999 không có trong danh mục 30 quận, huyện"}},
		{"ErrKind", func(e *data.Enterprise) { e.Kind = "" }, data.EINVALID, []string{"loại hình"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenDB(t)
			holder := NewEnterprise("Công ty Cổ phần Gốm Bát Tràng")
			holder.TaxCode = "0100109106"
			MustCreateEnterprise(t, db, holder)
			before := Snapshot(t, db)
			e := NewEnterprise("Công ty TNHH Minh Long")
			tt.edit(e)
			AssertError(t, db.CreateEnterprise(ctx, e), tt.code, tt.words...)
			if got := Snapshot(t, db); got != before {
				t.Fatalf("rows (enterprises, search, audit)=%v, want %v", got, before)
			}
			if e.ID != 0 {
				t.Fatalf("ID=%d after a refused create", e.ID)
			}
		})
	}
}

func TestCreateEnterprises(t *testing.T) {
	batch := func(n int) []*data.Enterprise {
		var es []*data.Enterprise
		for i := range n {
			es = append(es, NewEnterprise("Doanh nghiệp số "+strconv.Itoa(i+1)))
		}
		return es
	}

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		es := batch(5)
		if err := db.CreateEnterprises(ctx, es); err != nil {
			t.Fatal(err)
		}
		for i, e := range es {
			if e.ID != int64(i+1) || e.Version != 1 || !e.CreatedAt.Equal(now) {
				t.Fatalf("row %d: ID=%d Version=%d CreatedAt=%v", i+1, e.ID, e.Version, e.CreatedAt)
			}
		}
		if got, want := MustCount(t, db, `audit WHERE action = 'import' AND "user" = 'thu.nguyen'`), 1; got != want {
			t.Fatalf("import audit rows=%d, want %d", got, want)
		}
	})

	t.Run("Bulk", func(t *testing.T) { // rebuilds the sort indexes after the rows are in
		db := MustOpenDB(t)
		query := `SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_schema WHERE type = 'index' ORDER BY name) i`
		if db.IsServer() { // keeps its indexes; they must be the same after
			query = `SELECT string_agg(indexdef, ';' ORDER BY indexname) FROM pg_indexes WHERE schemaname = current_schema()`
		}
		indexes := func() string {
			var s string
			if err := db.SQL().QueryRow(query).Scan(&s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		before := indexes()
		es := batch(1500)
		es[700].Name = "Xưởng gỗ Ánh Dương"
		if err := db.CreateEnterprises(ctx, es); err != nil {
			t.Fatal(err)
		}
		if got := indexes(); got != before {
			t.Fatalf("indexes after a bulk import:\n%s\nwant\n%s", got, before)
		}
		if got := MustFind(t, db, data.EnterpriseFilter{Desc: true, Limit: 1}); !slices.Equal(got, []string{"Xưởng gỗ Ánh Dương"}) {
			t.Fatalf("last by name=%q", got)
		}

		bad := batch(1200)
		bad[1199].Workers = -1
		snap := Snapshot(t, db)
		AssertError(t, db.CreateEnterprises(ctx, bad), data.EINVALID, "Dòng 1200: Số lao động không được âm")
		if got := Snapshot(t, db); got != snap {
			t.Fatalf("rows=%v, want %v", got, snap)
		}
		if got := indexes(); got != before {
			t.Fatal("indexes lost after a refused bulk import")
		}
	})

	t.Run("ErrRowInvalid", func(t *testing.T) {
		db := MustOpenDB(t)
		before := Snapshot(t, db)
		es := batch(20)
		es[16].Phone = "09123"
		AssertError(t, db.CreateEnterprises(ctx, es), data.EINVALID, "Dòng 17: Số di động")
		if got := Snapshot(t, db); got != before {
			t.Fatalf("rows=%v, want %v: the batch must roll back wholly", got, before)
		}
		for _, e := range es {
			if e.ID != 0 {
				t.Fatalf("%s has ID %d after a refused batch", e.Name, e.ID)
			}
		}
	})

	t.Run("ErrDuplicateTaxCodeInBatch", func(t *testing.T) {
		db := MustOpenDB(t)
		before := Snapshot(t, db)
		es := batch(5)
		es[3].TaxCode = es[1].TaxCode
		AssertError(t, db.CreateEnterprises(ctx, es), data.ECONFLICT, "Dòng 4: Mã số thuế "+es[1].TaxCode+` đã đăng ký cho "Doanh nghiệp số 2" (mã 2).`)
		if got := Snapshot(t, db); got != before {
			t.Fatalf("rows=%v, want %v", got, before)
		}
	})
}

func TestUpdateEnterprise(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		e := MustCreateEnterprise(t, db, NewEnterprise("Công ty TNHH Sơn mài Hạ Thái"))
		later := now.Add(time.Hour)
		db.Now = func() time.Time { return later }
		e.Name, e.Workers, e.WardCode = "Công ty TNHH Sơn mài Duyên Thái", 40, "00454"
		if err := db.UpdateEnterprise(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.Version != 2 || !e.UpdatedAt.Equal(later) || !e.CreatedAt.Equal(now) {
			t.Fatalf("Version=%d UpdatedAt=%v CreatedAt=%v", e.Version, e.UpdatedAt, e.CreatedAt)
		}
		got, err := db.FindEnterpriseByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *e {
			t.Fatalf("stored %+v\nwant %+v", got, e)
		}
		if got := MustFind(t, db, data.EnterpriseFilter{Search: "ha thai"}); len(got) != 0 {
			t.Fatalf("old name still found: %v", got)
		}
		if got := MustFind(t, db, data.EnterpriseFilter{Search: "duyen thai dong anh"}); len(got) != 1 {
			t.Fatalf("new name and ward not found: %v", got)
		}
	})

	t.Run("ErrStaleVersion", func(t *testing.T) {
		db := MustOpenDB(t)
		e := MustCreateEnterprise(t, db, nil)
		mine, theirs := *e, *e
		theirs.Workers = 99
		if err := db.UpdateEnterprise(ctx, &theirs); err != nil {
			t.Fatal(err)
		}
		before := Snapshot(t, db)
		mine.Workers = 1
		AssertError(t, db.UpdateEnterprise(ctx, &mine), data.ECONFLICT,
			"Doanh nghiệp này vừa được người khác sửa (phiên bản 2, bạn đang sửa phiên bản 1). Hãy mở lại để xem bản mới rồi sửa tiếp.")
		got, err := db.FindEnterpriseByID(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Workers != 99 || got.Version != 2 {
			t.Fatalf("Workers=%d Version=%d, want the newer data kept (99, 2)", got.Workers, got.Version)
		}
		if got := Snapshot(t, db); got != before {
			t.Fatalf("rows=%v, want %v", got, before)
		}
	})

	t.Run("ErrTaxCodeTaken", func(t *testing.T) {
		db := MustOpenDB(t)
		holder := MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Mây tre Phú Vinh"))
		e := MustCreateEnterprise(t, db, nil)
		stored := *e
		e.TaxCode = holder.TaxCode
		AssertError(t, db.UpdateEnterprise(ctx, e), data.ECONFLICT, `đã đăng ký cho "Hợp tác xã Mây tre Phú Vinh" (mã 1)`)
		got, _ := db.FindEnterpriseByID(ctx, e.ID)
		if *got != stored {
			t.Fatalf("stored %+v\nwant %+v", got, stored)
		}
	})

	t.Run("OwnTaxCode", func(t *testing.T) {
		db := MustOpenDB(t)
		e := MustCreateEnterprise(t, db, nil)
		if err := db.UpdateEnterprise(ctx, e); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		db := MustOpenDB(t)
		e := MustCreateEnterprise(t, db, nil)
		stored := *e
		e.Email = "không-có-a-còng"
		AssertError(t, db.UpdateEnterprise(ctx, e), data.EINVALID, "thiếu dấu @")
		got, _ := db.FindEnterpriseByID(ctx, e.ID)
		if *got != stored {
			t.Fatalf("stored %+v\nwant %+v", got, stored)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db := MustOpenDB(t)
		e := NewEnterprise("Không có")
		e.ID, e.Version = 42, 1
		AssertError(t, db.UpdateEnterprise(ctx, e), data.ENOTFOUND, "mã 42")
		_, err := db.FindEnterpriseByID(ctx, 42)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy doanh nghiệp mã 42")
	})
}

func TestSetEnterpriseArchived(t *testing.T) {
	db := MustOpenDB(t)
	e := MustCreateEnterprise(t, db, nil)
	current, archived := false, true

	saved, err := db.SetEnterpriseArchived(ctx, e.ID, 1, true)
	if err != nil {
		t.Fatal(err)
	}
	if !saved.Archived || saved.Version != 2 {
		t.Fatalf("Archived=%v Version=%d, want true 2", saved.Archived, saved.Version)
	}
	if got := MustFind(t, db, data.EnterpriseFilter{Archived: &current}); len(got) != 0 {
		t.Fatalf("current list holds %v", got)
	}
	if got := MustFind(t, db, data.EnterpriseFilter{Archived: &archived}); len(got) != 1 {
		t.Fatalf("archived list holds %v", got)
	}

	t.Run("ErrStaleVersion", func(t *testing.T) {
		before := Snapshot(t, db)
		_, err := db.SetEnterpriseArchived(ctx, e.ID, 1, false)
		AssertError(t, err, data.ECONFLICT, "phiên bản 2, bạn đang sửa phiên bản 1")
		if got := Snapshot(t, db); got != before {
			t.Fatalf("rows=%v, want %v", got, before)
		}
	})

	t.Run("Restore", func(t *testing.T) {
		saved, err := db.SetEnterpriseArchived(ctx, e.ID, 2, false)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Archived || saved.Version != 3 {
			t.Fatalf("Archived=%v Version=%d, want false 3", saved.Archived, saved.Version)
		}
		if got := MustCount(t, db, "audit WHERE action IN ('archive', 'restore')"); got != 2 {
			t.Fatalf("archive and restore audit rows=%d, want 2", got)
		}
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.SetEnterpriseArchived(ctx, 42, 1, true)
		AssertError(t, err, data.ENOTFOUND, "mã 42")
	})
}

func TestDeleteEnterprise(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		e := MustCreateEnterprise(t, db, nil)
		if err := db.DeleteEnterprise(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		_, err := db.FindEnterpriseByID(ctx, e.ID)
		AssertError(t, err, data.ENOTFOUND)
		if got := Snapshot(t, db); got[0] != 0 || got[1] != 0 {
			t.Fatalf("enterprises, search rows=%v, want none", got)
		}
	})

	for _, tt := range []struct{ name, fk string }{
		{"ErrReferenced", "REFERENCES enterprises (id)"},
		{"ErrReferencedDeferred", "REFERENCES enterprises (id) DEFERRABLE INITIALLY DEFERRED"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenDB(t)
			e := MustCreateEnterprise(t, db, NewEnterprise("Công ty TNHH Gốm Chu Đậu"))
			if _, err := db.SQL().Exec(`CREATE TABLE bookings (id INTEGER PRIMARY KEY, enterprise_id INTEGER NOT NULL ` + tt.fk + `)`); err != nil {
				t.Fatal(err)
			}
			if _, err := db.SQL().Exec(db.Rebind(`INSERT INTO bookings (id, enterprise_id) VALUES (1, ?)`), e.ID); err != nil {
				t.Fatal(err)
			}
			before := Snapshot(t, db)
			AssertError(t, db.DeleteEnterprise(ctx, e.ID), data.ECONFLICT,
				`Không xoá được "Công ty TNHH Gốm Chu Đậu": còn hồ sơ khác (lớp học, hội chợ…) trỏ tới doanh nghiệp này. Hãy lưu trữ thay vì xoá.`)
			if got := Snapshot(t, db); got != before {
				t.Fatalf("rows=%v, want %v", got, before)
			}
			if got := MustFind(t, db, data.EnterpriseFilter{Search: "chu dau"}); len(got) != 1 {
				t.Fatalf("search after refused delete=%v", got)
			}
		})
	}

	t.Run("ErrNotFound", func(t *testing.T) {
		AssertError(t, MustOpenDB(t).DeleteEnterprise(ctx, 42), data.ENOTFOUND, "mã 42")
	})
}

func TestFindEnterprises_Search(t *testing.T) {
	t.Run("Sorted", func(t *testing.T) {
		store.SetWalk(t, 1<<30, 0)
		testSearch(t)
	})
	t.Run("Walked", func(t *testing.T) { // the plan of broad searches
		store.SetWalk(t, 0, 1<<30)
		testSearch(t)
	})
}

func testSearch(t *testing.T) {
	db := MustOpenDB(t)
	for _, e := range []*data.Enterprise{
		{Kind: data.KindCooperative, Name: "Hợp tác xã Gốm sứ Bát Tràng", TaxCode: "0100109106", Phone: "0912345678",
			WardCode: "00577", Trade: "Gốm sứ", CraftVillage: "Làng gốm Bát Tràng", Representative: vn.Name{Family: "Lê", Middle: "Văn", Given: "Ánh"}},
		{Kind: data.KindSmall, Name: "Công ty TNHH Đông Anh Xanh", WardCode: "00004"},
		{Kind: data.KindEstablish, Name: "Cơ sở mây tre đan Phú Vinh", WardCode: "00454", Phone: "0987654321", Address: "Thôn Đoài"},
		{Kind: data.KindHousehold, Name: "Hộ kinh doanh Nguyễn Thị Hoa", DistrictCode: "018", Address: "Ngõ 5 Nguyễn Đức Cảnh"},
	} {
		MustCreateEnterprise(t, db, e)
	}
	for _, tt := range []struct {
		search string
		want   []string
	}{
		{"dong anh", []string{"Công ty TNHH Đông Anh Xanh", "Cơ sở mây tre đan Phú Vinh"}},
		{"Đông  ANH", []string{"Công ty TNHH Đông Anh Xanh", "Cơ sở mây tre đan Phú Vinh"}},
		{"bat trang", []string{"Hợp tác xã Gốm sứ Bát Tràng"}},
		{"bát tràng", []string{"Hợp tác xã Gốm sứ Bát Tràng"}},
		{`"bat trang"`, []string{"Hợp tác xã Gốm sứ Bát Tràng"}},
		{"01001", []string{"Hợp tác xã Gốm sứ Bát Tràng"}},
		{"0100109106", []string{"Hợp tác xã Gốm sứ Bát Tràng"}},
		{"0912", []string{"Hợp tác xã Gốm sứ Bát Tràng"}},
		{"le van anh", []string{"Hợp tác xã Gốm sứ Bát Tràng"}},
		{"gia lam", []string{"Hộ kinh doanh Nguyễn Thị Hoa"}},
		{"nguyen", []string{"Hộ kinh doanh Nguyễn Thị Hoa"}},
		{"thon doai", []string{"Cơ sở mây tre đan Phú Vinh"}},
		{"d", []string{"Công ty TNHH Đông Anh Xanh", "Cơ sở mây tre đan Phú Vinh", "Hộ kinh doanh Nguyễn Thị Hoa"}},
		{"xanh bat", nil},
		{"anhx", nil},
		{"", []string{"Công ty TNHH Đông Anh Xanh", "Cơ sở mây tre đan Phú Vinh", "Hộ kinh doanh Nguyễn Thị Hoa", "Hợp tác xã Gốm sứ Bát Tràng"}},
	} {
		t.Run(tt.search, func(t *testing.T) {
			if got := MustFind(t, db, data.EnterpriseFilter{Search: tt.search}); !slices.Equal(got, tt.want) {
				t.Fatalf("Search %q found %q, want %q", tt.search, got, tt.want)
			}
		})
	}

	t.Run("FTSSyntaxIsText", func(t *testing.T) {
		for _, s := range []string{`"`, `""`, `*`, `-`, `+`, `^`, `:`, `(`, `)`, `{`, `}`, `'`, `\`, `NEAR(`,
			`NEAR(a b, 2)`, `a AND`, `OR b`, `NOT`, `AND OR NOT`, `(dong`, `dong)`, `dong*anh`, `dong -anh`,
			`name:dong`, `text:dong`, `"bat trang`, `bát" OR "1`, `{text}: bat`, `***`, `- * " ( )`, "\x00", `dong anh "`, `%_`} {
			if _, err := db.FindEnterprises(ctx, data.EnterpriseFilter{Search: s}); err != nil {
				t.Fatalf("Search %q: %v", s, err)
			}
			if _, err := db.CountEnterprises(ctx, data.EnterpriseFilter{Search: s}); err != nil {
				t.Fatalf("Search %q: %v", s, err)
			}
		}
		if got := MustFind(t, db, data.EnterpriseFilter{Search: "dong)"}); len(got) != 2 {
			t.Fatalf(`Search "dong)" found %q, want the two in Đông Anh`, got)
		}
	})
}

func TestMatchQuery(t *testing.T) {
	for in, want := range map[string]string{
		"Đông Anh":       `"dong"* "anh"*`,
		`a"b`:            `"a"* "b"*`,
		`NEAR(x) - * "`:  `"near"* "x"*`,
		"0100109106-001": `"0100109106"* "001"*`,
		"  ":             "",
	} {
		if got := store.MatchQuery(in); got != want {
			t.Fatalf("matchQuery(%q)=%s, want %s", in, got, want)
		}
	}
}

func TestFindEnterprises_Sort(t *testing.T) {
	db := MustOpenDB(t)
	type row struct {
		name, rep, ward, trade, phone string
		kind                          data.EnterpriseKind
		workers                       int
	}
	rows := []row{
		{"Đức", "Nguyễn Văn Đức", "00454", "Mây tre đan", "0983000001", data.KindSmall, 5},
		{"Anh", "Trần Thị Dũng", "00004", "Gốm sứ", "0912000002", data.KindHousehold, 50},
		{"Âu", "Lê Văn Anh", "00577", "Đồ gỗ", "0901000003", data.KindCooperative, 7},
		{"Ánh", "Bùi Anh", "", "Dệt may", "0971000004", data.KindMicro, 0},
		{"Dũng", "Phạm Thị Ánh", "00004", "Gốm sứ", "0351000005", data.KindEstablish, 12},
		{"Ăn", "Lê Anh", "00577", "", "0861000006", data.KindMedium, 3},
		{"Anh", "Hồ Bình", "00454", "Sơn mài", "0771000007", data.KindSmall, 50},
	}
	for _, r := range rows {
		e := NewEnterprise(r.name)
		e.Representative, e.WardCode, e.Trade, e.Phone, e.Kind, e.Workers = vn.SplitName(r.rep), r.ward, r.trade, r.phone, r.kind, r.workers
		MustCreateEnterprise(t, db, e)
	}
	ids := func(f data.EnterpriseFilter) string {
		es, err := db.FindEnterprises(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, strconv.FormatInt(e.ID, 10))
		}
		return strings.Join(out, " ")
	}
	for _, tt := range []struct {
		sort data.EnterpriseSort
		want string
	}{
		{"", "2 7 4 6 3 5 1"}, // Anh, Anh, Ánh, Ăn, Âu, Dũng, Đức: ties by id
		{data.SortByName, "2 7 4 6 3 5 1"},
		{data.SortByRepresentative, "4 6 3 5 7 2 1"}, // Anh (Bùi), Anh (Lê), Anh (Lê Văn), Ánh, Bình, Dũng, Đức
		{data.SortByWard, "4 2 5 3 6 1 7"},           // none, Ba Đình, Bát Tràng, Đông Anh
		{data.SortByTrade, "6 4 3 2 5 1 7"},          // "", Dệt may, Đồ gỗ, Gốm sứ, Gốm sứ, Mây tre đan, Sơn mài
		{data.SortByWorkers, "4 6 1 3 5 2 7"},
		{data.SortByPhone, "5 7 6 3 2 4 1"},
		{data.SortByKind, "5 1 7 4 6 2 3"}, // Cơ sở, DN nhỏ, DN siêu nhỏ, DN vừa, Hộ kinh doanh, Hợp tác xã: by label
		{data.SortByTaxCode, "1 2 3 4 5 6 7"},
	} {
		t.Run(string(tt.sort), func(t *testing.T) {
			if got := ids(data.EnterpriseFilter{Sort: tt.sort}); got != tt.want {
				t.Fatalf("order %s, want %s", got, tt.want)
			}
			want := strings.Fields(tt.want)
			slices.Reverse(want)
			if got := ids(data.EnterpriseFilter{Sort: tt.sort, Desc: true}); got != strings.Join(want, " ") {
				t.Fatalf("descending order %s, want %s", got, strings.Join(want, " "))
			}
		})
	}

	t.Run("Paging", func(t *testing.T) {
		if got, want := ids(data.EnterpriseFilter{Offset: 2, Limit: 3}), "4 6 3"; got != want {
			t.Fatalf("page %s, want %s", got, want)
		}
		if got, want := ids(data.EnterpriseFilter{Offset: 5}), "5 1"; got != want {
			t.Fatalf("rest %s, want %s", got, want)
		}
	})

	t.Run("Filters", func(t *testing.T) {
		kind, ward, noWard, trade := data.KindSmall, "00577", "", "Gốm sứ"
		for _, tt := range []struct {
			name string
			f    data.EnterpriseFilter
			want string
		}{
			{"Kind", data.EnterpriseFilter{Kind: &kind}, "7 1"},
			{"Ward", data.EnterpriseFilter{WardCode: &ward}, "6 3"},
			{"NoWard", data.EnterpriseFilter{WardCode: &noWard}, "4"},
			{"Trade", data.EnterpriseFilter{Trade: &trade}, "2 5"},
			{"TradeAndSearch", data.EnterpriseFilter{Trade: &trade, Search: "pham"}, "5"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				if got := ids(tt.f); got != tt.want {
					t.Fatalf("found %s, want %s", got, tt.want)
				}
				if n, err := db.CountEnterprises(ctx, tt.f); err != nil || n != len(strings.Fields(tt.want)) {
					t.Fatalf("CountEnterprises=%d, %v", n, err)
				}
			})
		}
	})

	t.Run("ErrUnknownSort", func(t *testing.T) {
		_, err := db.FindEnterprises(ctx, data.EnterpriseFilter{Sort: "salary"})
		AssertError(t, err, data.EINVALID, "salary")
	})
}

func TestEnterpriseFacets(t *testing.T) {
	db := MustOpenDB(t)
	for _, tc := range [][2]string{{"Gốm sứ", "Làng gốm Bát Tràng"}, {"Mây tre đan", "Làng mây tre đan Phú Vinh"}, {"Đồ gỗ", ""},
		{"Dệt may", "Làng lụa Vạn Phúc"}, {"Gốm sứ", "Làng gốm Bát Tràng"}, {"", "Làng nón Chuông"}} {
		e := NewEnterprise("Cơ sở " + tc[0])
		e.Trade, e.CraftVillage = tc[0], tc[1]
		MustCreateEnterprise(t, db, e)
	}
	f, err := db.EnterpriseFacets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Trades, []string{"Dệt may", "Đồ gỗ", "Gốm sứ", "Mây tre đan"}; !slices.Equal(got, want) {
		t.Fatalf("Trades=%q, want %q", got, want)
	}
	if got, want := f.CraftVillages, []string{"Làng gốm Bát Tràng", "Làng lụa Vạn Phúc", "Làng mây tre đan Phú Vinh", "Làng nón Chuông"}; !slices.Equal(got, want) {
		t.Fatalf("CraftVillages=%q, want %q", got, want)
	}
}

func TestDivisions(t *testing.T) {
	db := MustOpenDB(t)
	wards, err := db.Wards(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(wards), 126; got != want {
		t.Fatalf("len(Wards)=%d, want %d", got, want)
	}
	if got, want := wards[0], (data.Division{Code: "00004", Kind: "phường", Name: "Ba Đình"}); got != want {
		t.Fatalf("Wards[0]=%+v, want %+v", got, want)
	}
	districts, err := db.Districts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(districts), 30; got != want {
		t.Fatalf("len(Districts)=%d, want %d", got, want)
	}
	if got, want := districts[11].Label(), "huyện Gia Lâm"; got != want {
		t.Fatalf("Districts[11]=%q, want %q", got, want)
	}
}
