package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// TablesDump returns every row of the tables as text, to check that a refused write changed
// nothing at all (not only the counts). Each table's rows are sorted as text: the server's tables
// have no rowid to read them in the order they were written.
func TablesDump(tb testing.TB, db *store.DB, tables ...string) string {
	tb.Helper()
	var b strings.Builder
	for _, t := range tables {
		rows, err := db.SQL().Query(`SELECT * FROM ` + t)
		if err != nil {
			tb.Fatal(err)
		}
		cols, _ := rows.Columns()
		var lines []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				tb.Fatal(err)
			}
			lines = append(lines, fmt.Sprintf("%s%q\n", t, vals))
		}
		if err := rows.Close(); err != nil {
			tb.Fatal(err)
		}
		slices.Sort(lines)
		b.WriteString(strings.Join(lines, ""))
	}
	return b.String()
}

// villageTables are the tables a village write may change.
var villageTables = []string{"villages", "enterprises", "enterprise_search", "audit"}

// AssertTablesUnchanged fails unless the tables hold what before says.
func AssertTablesUnchanged(tb testing.TB, db *store.DB, before string, tables ...string) {
	tb.Helper()
	if after := TablesDump(tb, db, tables...); after != before {
		tb.Fatalf("a refused write changed the store:\n%s\nwas\n%s", after, before)
	}
}

// NewVillage returns a valid craft village named name, in xã Bát Tràng, recognised in 2005.
func NewVillage(name string) *data.Village {
	return &data.Village{Name: name, WardCode: "00577", Trade: "Gốm sứ", Decision: "Quyết định 123/QĐ-UBND",
		RecognisedOn: day(2005, 6, 15), Households: 1200, Workers: 5000, ContactName: "Lê Văn Hùng", ContactPhone: "0912 000 111"}
}

// MustCreateVillage stores v and returns it.
func MustCreateVillage(tb testing.TB, db *store.DB, v *data.Village) *data.Village {
	tb.Helper()
	if err := db.CreateVillage(ctx, v); err != nil {
		tb.Fatalf("CreateVillage(%s): %v", v.Name, err)
	}
	return v
}

func TestCreateVillage(t *testing.T) {
	db := MustOpenDB(t)
	named := NewEnterprise("Hợp tác xã Gốm Bát Tràng")
	named.CraftVillage = "Làng gốm Bát Tràng"
	MustCreateEnterprise(t, db, named)
	other := MustCreateEnterprise(t, db, NewEnterprise("Công ty Gốm Chu Đậu"))

	t.Run("OK", func(t *testing.T) {
		v := MustCreateVillage(t, db, NewVillage(" Làng gốm Bát Tràng "))
		if v.ID == 0 || v.Version != 1 || v.Name != "Làng gốm Bát Tràng" || v.ContactPhone != "0912000111" {
			t.Fatalf("created %+v", v)
		}
		got, err := db.FindVillageByID(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The enterprise that named the village now belongs to it; the other does not.
		if got.Enterprises != 1 || got.RecognisedOn != day(2005, 6, 15) || got.Households != 1200 || got.Decision != v.Decision {
			t.Fatalf("stored %+v", got)
		}
		e, _ := db.FindEnterpriseByID(ctx, named.ID)
		if e.VillageID != v.ID {
			t.Fatalf("enterprise naming the village: VillageID=%d, want %d", e.VillageID, v.ID)
		}
		if e, _ := db.FindEnterpriseByID(ctx, other.ID); e.VillageID != 0 {
			t.Fatalf("other enterprise linked to %d", e.VillageID)
		}
	})

	before := TablesDump(t, db, villageTables...)
	for _, tc := range []struct {
		name  string
		edit  func(v *data.Village)
		code  string
		words []string
	}{
		{"ErrRecognisedInFuture", func(v *data.Village) { v.RecognisedOn = day(2026, 11, 29) }, data.EINVALID, []string{"Ngày công nhận 29/11/2026 sau ngày hôm nay (28/11/2026)"}},
		{"ErrDuplicateName", func(v *data.Village) { v.Name = "Làng gốm Bát Tràng" }, data.ECONFLICT, []string{"Đã có làng nghề tên \"Làng gốm Bát Tràng\""}},
		{"ErrNameEmpty", func(v *data.Village) { v.Name = "  " }, data.EINVALID, []string{"Tên làng nghề không được để trống"}},
		{"ErrNameTooLong", func(v *data.Village) { v.Name = strings.Repeat("a", data.MaxNameLen+1) }, data.EINVALID, []string{"Tên làng nghề dài"}},
		{"ErrNameNewline", func(v *data.Village) { v.Name = "Làng\nmới" }, data.EINVALID, []string{"Tên làng nghề phải viết trên một dòng"}},
		{"ErrHouseholdsNegative", func(v *data.Village) { v.Households = -1 }, data.EINVALID, []string{"Số hộ làm nghề phải từ 0"}},
		{"ErrWorkersTooMany", func(v *data.Village) { v.Workers = data.MaxWorkers + 1 }, data.EINVALID, []string{"Số lao động làm nghề phải từ 0"}},
		{"ErrPhone", func(v *data.Village) { v.ContactPhone = "abc" }, data.EINVALID, []string{"Số điện thoại người liên hệ"}},
		{"ErrWard", func(v *data.Village) { v.WardCode = "99999" }, data.EINVALID, []string{"Mã phường/xã 99999 không có"}},
		{"ErrDate", func(v *data.Village) { v.RecognisedOn = day(2005, 2, 30) }, data.EINVALID, []string{"Ngày công nhận 30/02/2005 không phải ngày có thật"}},
		{"ErrNotesControl", func(v *data.Village) { v.Notes = "a\x00b" }, data.EINVALID, []string{"Ghi chú có ký tự điều khiển"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := NewVillage("Làng lụa Vạn Phúc")
			tc.edit(v)
			AssertError(t, db.CreateVillage(ctx, v), tc.code, tc.words...)
			AssertTablesUnchanged(t, db, before, villageTables...)
		})
	}
	t.Run("RecognisedToday", func(t *testing.T) {
		v := NewVillage("Làng nón Chuông")
		v.RecognisedOn = day(2026, 11, 28)
		MustCreateVillage(t, db, v)
	})
}

func TestUpdateVillage(t *testing.T) {
	db := MustOpenDB(t)
	v := MustCreateVillage(t, db, NewVillage("Làng gốm Bát Tràng"))
	MustCreateVillage(t, db, NewVillage("Làng lụa Vạn Phúc"))
	e := NewEnterprise("Hợp tác xã Gốm Bát Tràng")
	e.VillageID = v.ID
	MustCreateEnterprise(t, db, e)
	if e.CraftVillage != "Làng gốm Bát Tràng" {
		t.Fatalf("CraftVillage=%q, want the village's name", e.CraftVillage)
	}

	t.Run("RenameFollowsInEnterprises", func(t *testing.T) {
		u := *v
		u.Name, u.Households = "Làng gốm sứ Bát Tràng", 1300
		if err := db.UpdateVillage(ctx, &u); err != nil {
			t.Fatal(err)
		}
		if u.Version != 2 || u.Households != 1300 || u.Enterprises != 1 {
			t.Fatalf("saved %+v", u)
		}
		got, _ := db.FindEnterpriseByID(ctx, e.ID)
		if got.CraftVillage != "Làng gốm sứ Bát Tràng" || got.VillageID != v.ID {
			t.Fatalf("enterprise after rename: %q %d", got.CraftVillage, got.VillageID)
		}
		// The enterprise search finds it by the new name of its village.
		if names := MustFind(t, db, data.EnterpriseFilter{Search: "gom su bat trang"}); !slices.Equal(names, []string{e.Name}) {
			t.Fatalf("search by new village name: %v", names)
		}
		*v = u
	})

	before := TablesDump(t, db, villageTables...)
	for _, tc := range []struct {
		name  string
		edit  func(v *data.Village)
		code  string
		words []string
	}{
		{"ErrStale", func(u *data.Village) { u.Version = 1 }, data.ECONFLICT, []string{"vừa được người khác sửa", "phiên bản 2", "phiên bản 1"}},
		{"ErrDuplicateName", func(u *data.Village) { u.Name = "Làng lụa Vạn Phúc" }, data.ECONFLICT, []string{"Đã có làng nghề tên \"Làng lụa Vạn Phúc\""}},
		{"ErrRecognisedInFuture", func(u *data.Village) { u.RecognisedOn = day(2027, 1, 1) }, data.EINVALID, []string{"sau ngày hôm nay"}},
		{"ErrNotFound", func(u *data.Village) { u.ID = 999 }, data.ENOTFOUND, []string{"Không tìm thấy làng nghề"}},
		{"ErrWorkers", func(u *data.Village) { u.Workers = -3 }, data.EINVALID, []string{"Số lao động làm nghề"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := *v
			u.Name = "Làng gốm Bát Tràng mới"
			tc.edit(&u)
			AssertError(t, db.UpdateVillage(ctx, &u), tc.code, tc.words...)
			AssertTablesUnchanged(t, db, before, villageTables...)
		})
	}
}

func TestDeleteVillage(t *testing.T) {
	db := MustOpenDB(t)
	v := MustCreateVillage(t, db, NewVillage("Làng gốm Bát Tràng"))
	e := NewEnterprise("Hợp tác xã Gốm Bát Tràng")
	e.VillageID = v.ID
	MustCreateEnterprise(t, db, e)
	held := MustCreateVillage(t, db, NewVillage("Làng lụa Vạn Phúc"))
	c := NewClass("LH-2026-001")
	c.VillageID = held.ID
	MustCreateClass(t, db, c)
	tables := append(slices.Clone(villageTables), "classes")
	before := TablesDump(t, db, tables...)

	t.Run("ErrEnterprises", func(t *testing.T) {
		AssertError(t, db.DeleteVillage(ctx, v.ID), data.ECONFLICT, "Không xoá được làng nghề \"Làng gốm Bát Tràng\"", "1 doanh nghiệp")
		AssertTablesUnchanged(t, db, before, tables...)
	})
	t.Run("ErrClasses", func(t *testing.T) {
		AssertError(t, db.DeleteVillage(ctx, held.ID), data.ECONFLICT, "1 lớp học")
		AssertTablesUnchanged(t, db, before, tables...)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		AssertError(t, db.DeleteVillage(ctx, 999), data.ENOTFOUND)
	})
	t.Run("OK", func(t *testing.T) {
		// Moved out of the village, the enterprise no longer holds it.
		e.VillageID, e.CraftVillage = 0, ""
		if err := db.UpdateEnterprise(ctx, e); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteVillage(ctx, v.ID); err != nil {
			t.Fatal(err)
		}
		AssertError(t, func() error { _, err := db.FindVillageByID(ctx, v.ID); return err }(), data.ENOTFOUND)
	})
}

func TestEnterpriseVillageLink(t *testing.T) {
	db := MustOpenDB(t)
	v := MustCreateVillage(t, db, NewVillage("Làng gốm Bát Tràng"))
	MustCreateVillage(t, db, NewVillage("Làng lụa Vạn Phúc"))

	t.Run("VillageIDGivesName", func(t *testing.T) {
		e := NewEnterprise("Xưởng gốm Minh Hải")
		e.VillageID, e.CraftVillage = v.ID, "gõ nhầm"
		MustCreateEnterprise(t, db, e)
		got, _ := db.FindEnterpriseByID(ctx, e.ID)
		if got.CraftVillage != v.Name || got.VillageID != v.ID {
			t.Fatalf("stored %q %d", got.CraftVillage, got.VillageID)
		}
	})
	t.Run("NameLinks", func(t *testing.T) {
		e := NewEnterprise("Xưởng lụa Hà Đông")
		e.CraftVillage = "Làng lụa Vạn Phúc"
		MustCreateEnterprise(t, db, e)
		if e, _ := db.FindEnterpriseByID(ctx, e.ID); e.VillageID == 0 {
			t.Fatal("a craft village named as one of the register is not linked")
		}
	})
	t.Run("OtherNameStaysText", func(t *testing.T) {
		e := NewEnterprise("Xưởng mây tre Phú Vinh")
		e.CraftVillage = "Làng mây tre Phú Vinh"
		MustCreateEnterprise(t, db, e)
		if e, _ := db.FindEnterpriseByID(ctx, e.ID); e.VillageID != 0 || e.CraftVillage != "Làng mây tre Phú Vinh" {
			t.Fatalf("stored %q %d", e.CraftVillage, e.VillageID)
		}
	})
	t.Run("ErrUnknownVillage", func(t *testing.T) {
		before := TablesDump(t, db, villageTables...)
		e := NewEnterprise("Xưởng gốm Hải Dương")
		e.VillageID = 999
		AssertError(t, db.CreateEnterprise(ctx, e), data.EINVALID, "Làng nghề mã 999 không có")
		AssertTablesUnchanged(t, db, before, villageTables...)
	})
	t.Run("Filter", func(t *testing.T) {
		if names := MustFind(t, db, data.EnterpriseFilter{VillageID: &v.ID}); !slices.Equal(names, []string{"Xưởng gốm Minh Hải"}) {
			t.Fatalf("VillageID filter: %v", names)
		}
		if names := MustFind(t, db, data.EnterpriseFilter{VillageID: &v.ID, Search: "minh"}); len(names) != 1 {
			t.Fatalf("VillageID filter with search: %v", names)
		}
	})
}

func TestFindVillages(t *testing.T) {
	db := MustOpenDB(t)
	for _, name := range []string{"Làng lụa Vạn Phúc", "Làng gốm Bát Tràng", "Làng đúc đồng Vân Hà", "Làng dát vàng Kiêu Kỵ"} {
		v := NewVillage(name)
		v.Trade = strings.Fields(name)[1]
		MustCreateVillage(t, db, v)
	}
	find := func(f data.VillageFilter) []string {
		t.Helper()
		vs, err := db.FindVillages(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		n, err := db.CountVillages(ctx, data.VillageFilter{Search: f.Search, WardCode: f.WardCode, Trade: f.Trade})
		if err != nil {
			t.Fatal(err)
		}
		if f.Limit == 0 && n != len(vs) {
			t.Fatalf("CountVillages=%d, FindVillages gave %d", n, len(vs))
		}
		var names []string
		for _, v := range vs {
			names = append(names, v.Name)
		}
		return names
	}
	// Vietnamese order: d < đ, and the search ignores tone marks and đ.
	if got, want := find(data.VillageFilter{}), []string{"Làng dát vàng Kiêu Kỵ", "Làng đúc đồng Vân Hà", "Làng gốm Bát Tràng", "Làng lụa Vạn Phúc"}; !slices.Equal(got, want) {
		t.Fatalf("all: %v, want %v", got, want)
	}
	if got := find(data.VillageFilter{Search: "bat trang"}); !slices.Equal(got, []string{"Làng gốm Bát Tràng"}) {
		t.Fatalf("search: %v", got)
	}
	if got := find(data.VillageFilter{Search: "dong van"}); !slices.Equal(got, []string{"Làng đúc đồng Vân Hà"}) {
		t.Fatalf("search đ: %v", got)
	}
	if got := find(data.VillageFilter{Search: "hung"}); len(got) != 4 { // the contact, Lê Văn Hùng
		t.Fatalf("search contact: %v", got)
	}
	trade := "lụa"
	if got := find(data.VillageFilter{Trade: &trade}); !slices.Equal(got, []string{"Làng lụa Vạn Phúc"}) {
		t.Fatalf("trade: %v", got)
	}
	if got := find(data.VillageFilter{Offset: 1, Limit: 2}); !slices.Equal(got, []string{"Làng đúc đồng Vân Hà", "Làng gốm Bát Tràng"}) {
		t.Fatalf("page: %v", got)
	}
}
