package store_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

func TestCreateTrainee(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		work := MustCreateEnterprise(t, db, nil)
		tr := &data.Trainee{Name: vn.Name{Given: "  Nguyễn Thị  Ánh"}, Female: true, BirthDate: day(1990, 1, 5), BirthPlace: "Hà Nội",
			CCCD: "001 190 012 345", Phone: "0912.345.678", WardCode: "00577", WorkplaceID: work.ID, PolicyGroup: "Hộ cận nghèo"}
		if err := db.CreateTrainee(ctx, tr, false); err != nil {
			t.Fatal(err)
		}
		got, err := db.FindTraineeByID(ctx, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *got != *tr || got.Version != 1 || !got.CreatedAt.Equal(now) {
			t.Fatalf("stored %+v\nwant %+v", got, tr)
		}
		if got.Name != (vn.Name{Family: "Nguyễn", Middle: "Thị", Given: "Ánh"}) || got.CCCD != "001190012345" || got.Ethnicity != "Kinh" {
			t.Fatalf("stored %+v", got)
		}
	})

	t.Run("ConfirmedSameNameAndBirth", func(t *testing.T) {
		db := MustOpenDB(t)
		MustCreateTrainee(t, db, NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5)))
		if err := db.CreateTrainee(ctx, NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5)), true); err != nil {
			t.Fatal(err)
		}
		if got := MustCount(t, db, "trainees"); got != 2 {
			t.Fatalf("trainees=%d, want 2", got)
		}
	})

	t.Run("DifferentCCCDsAreDifferentPeople", func(t *testing.T) {
		db := MustOpenDB(t)
		a := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
		a.CCCD = "001190012345"
		MustCreateTrainee(t, db, a)
		b := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
		b.CCCD = "001190054321"
		if err := db.CreateTrainee(ctx, b, false); err != nil {
			t.Fatal(err)
		}
	})

	for _, tt := range []struct {
		name     string
		edit     func(tr *data.Trainee)
		code     string
		words    []string
		existing bool // the error is a *data.DuplicateTraineeError naming the stored person
	}{
		{"ErrCCCD11Digits", func(tr *data.Trainee) { tr.CCCD = "00119001234" }, data.EINVALID, []string{"Số CCCD 00119001234 phải có đúng 12 chữ số (đang có 11)"}, false},
		{"ErrCCCDProvince", func(tr *data.Trainee) { tr.CCCD = "003190012345" }, data.EINVALID, []string{"mã tỉnh 003 không tồn tại"}, false},
		{"ErrCCCDTaken", func(tr *data.Trainee) {
			tr.Name, tr.Female, tr.BirthDate, tr.CCCD = vn.Name{Family: "Lê", Middle: "Thị", Given: "Bình"}, true, day(1990, 3, 3), "001190012345"
		}, data.ECONFLICT,
			[]string{"Số CCCD 001190012345 đã đăng ký cho học viên Nguyễn Thị Ánh, sinh 05/01/1990 (mã 1)"}, true},
		{"ErrBirthFuture", func(tr *data.Trainee) { tr.BirthDate = day(2027, 2, 1) }, data.EINVALID, []string{"Ngày sinh 01/02/2027 là ngày chưa tới"}, false},
		{"ErrUnder15", func(tr *data.Trainee) { tr.BirthDate = day(2012, 3, 5) }, data.EINVALID, []string{"Học viên phải từ đủ 15 tuổi", "05/03/2012", "mới 14 tuổi"}, false},
		{"ErrSameNameAndBirth", func(tr *data.Trainee) {
			tr.Name, tr.Female, tr.BirthDate = vn.Name{Given: "nguyễn thị anh"}, true, day(1990, 1, 5)
		}, data.ECONFLICT,
			[]string{"Có phải là Nguyễn Thị Ánh, sinh 05/01/1990, CCCD 001190012345?"}, true},
		{"ErrGivenEmpty", func(tr *data.Trainee) { tr.Name = vn.Name{Family: "Lê", Given: " "} }, data.EINVALID, []string{"Tên của học viên không được để trống"}, false},
		{"ErrWardUnknown", func(tr *data.Trainee) { tr.WardCode = "017" }, data.EINVALID, []string{"Mã phường/xã 017 không có"}, false},
		{"ErrWorkplaceUnknown", func(tr *data.Trainee) { tr.WorkplaceID = 77 }, data.EINVALID, []string{"Không có doanh nghiệp mã 77"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenDB(t)
			holder := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
			holder.CCCD = "001190012345"
			MustCreateTrainee(t, db, holder)
			before := TrainingSnapshot(t, db)
			tr := NewTrainee("Lê Văn Bình", day(1985, 6, 15))
			tt.edit(tr)
			err := db.CreateTrainee(ctx, tr, false)
			AssertError(t, err, tt.code, tt.words...)
			var d *data.DuplicateTraineeError
			if got := errors.As(err, &d); got != tt.existing {
				t.Fatalf("DuplicateTraineeError=%v, want %v", got, tt.existing)
			} else if got && d.Existing.ID != holder.ID {
				t.Fatalf("Existing=%+v, want the holder", d.Existing)
			}
			AssertUnchanged(t, db, before)
			if tr.ID != 0 {
				t.Fatalf("ID=%d after a refused create", tr.ID)
			}
		})
	}

	t.Run("ErrCCCDTakenConfirmed", func(t *testing.T) { // confirming does not override the CCCD
		db := MustOpenDB(t)
		holder := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
		holder.CCCD = "001190012345"
		MustCreateTrainee(t, db, holder)
		tr := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
		tr.CCCD = "001190012345"
		AssertError(t, db.CreateTrainee(ctx, tr, true), data.ECONFLICT, "đã đăng ký cho học viên Nguyễn Thị Ánh")
	})
}

func TestCreateTrainees(t *testing.T) {
	db := MustOpenDB(t)
	ts := []*data.Trainee{NewTrainee("Trần Văn An", day(1980, 1, 1)), NewTrainee("Lê Thị Hoa", day(1981, 2, 2)), NewTrainee("Lê Thị Hoa", day(1981, 2, 2))}
	if err := db.CreateTrainees(ctx, ts); err != nil {
		t.Fatal(err)
	}
	if ts[2].ID == 0 || MustCount(t, db, "audit WHERE action = 'import' AND entity = 'trainee'") != 1 {
		t.Fatalf("IDs %d %d %d", ts[0].ID, ts[1].ID, ts[2].ID)
	}
	before := TrainingSnapshot(t, db)
	bad := []*data.Trainee{NewTrainee("Phạm Văn Cường", day(1980, 1, 1)), NewTrainee("Đỗ Thị Dung", day(2020, 1, 1))}
	AssertError(t, db.CreateTrainees(ctx, bad), data.EINVALID, "Dòng 2: Học viên phải từ đủ 15 tuổi")
	a, b := NewTrainee("Phạm Văn Cường", day(1980, 1, 1)), NewTrainee("Phạm Văn Cường", day(1980, 1, 1))
	a.CCCD, b.CCCD = "001080012345", "001080012345"
	AssertError(t, db.CreateTrainees(ctx, []*data.Trainee{a, b}), data.ECONFLICT, "Dòng 2: Số CCCD 001080012345 đã đăng ký cho học viên Phạm Văn Cường")
	AssertUnchanged(t, db, before)
}

func TestUpdateTrainee(t *testing.T) {
	db := MustOpenDB(t)
	a := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
	a.CCCD = "001190012345"
	MustCreateTrainee(t, db, a)
	b := MustCreateTrainee(t, db, NewTrainee("Trần Văn An", day(1988, 7, 1)))
	b.Address, b.Phone = "Thôn Giang Cao", "0912 000 111"
	if err := db.UpdateTrainee(ctx, b); err != nil {
		t.Fatal(err)
	}
	if b.Version != 2 || b.Phone != "0912000111" {
		t.Fatalf("saved %+v", b)
	}
	if got := MustFindTrainees(t, db, data.TraineeFilter{Search: "0912 000"}); !slices.Equal(got, []string{"Trần Văn An"}) {
		t.Fatalf("search after update found %v", got)
	}
	before := TrainingSnapshot(t, db)
	stale := *b
	stale.Version = 1
	AssertError(t, db.UpdateTrainee(ctx, &stale), data.ECONFLICT, "Hồ sơ học viên Trần Văn An vừa được người khác sửa")
	b.CCCD = "001088012345"
	b.BirthDate = day(1988, 7, 1)
	c := *b
	c.CCCD = "001190012345"
	AssertError(t, db.UpdateTrainee(ctx, &c), data.EINVALID, "Số CCCD 001190012345 cho năm sinh 1990, khác ngày sinh 01/07/1988")
	c.BirthDate = day(1990, 3, 3)
	AssertError(t, db.UpdateTrainee(ctx, &c), data.EINVALID, "Số CCCD 001190012345 là của người nữ, khác giới tính đã chọn")
	c.Female, c.BirthDate = true, day(1990, 3, 3)
	AssertError(t, db.UpdateTrainee(ctx, &c), data.ECONFLICT, "Số CCCD 001190012345 đã đăng ký cho học viên Nguyễn Thị Ánh")
	AssertUnchanged(t, db, before)
}

// MustFindTrainees returns the names FindTrainees gives for f, checking that CountTrainees agrees.
func MustFindTrainees(tb testing.TB, db *store.DB, f data.TraineeFilter) []string {
	tb.Helper()
	ts, err := db.FindTrainees(ctx, f)
	if err != nil {
		tb.Fatalf("FindTrainees(%+v): %v", f, err)
	}
	if n, err := db.CountTrainees(ctx, f); err != nil || f.Limit == 0 && n != len(ts) {
		tb.Fatalf("CountTrainees(%+v)=%d, %v; FindTrainees gave %d", f, n, err, len(ts))
	}
	var out []string
	for _, t := range ts {
		out = append(out, t.Name.Full())
	}
	return out
}

// vietnameseOrder are trainees' names in the Vietnamese order: by given name (a < ă < â, d < đ,
// tones ngang, huyền, hỏi, ngã, sắc, nặng), then family name, then middle name.
var vietnameseOrder = []string{"Trần Văn An", "Lê Văn Anh", "Phạm Đức Anh", "Nguyễn Thị Ảnh", "Nguyễn Thị Ánh", "Vũ Thị Ân", "Hoàng Văn Dũng", "Đỗ Thị Đào"}

// reversed returns a reversed copy of ss.
func reversed(ss []string) []string {
	out := slices.Clone(ss)
	slices.Reverse(out)
	return out
}

func TestFindTrainees(t *testing.T) {
	t.Run("Sorted", func(t *testing.T) { testFindTrainees(t) })
	t.Run("Walked", func(t *testing.T) { // the plan of broad searches
		store.SetTraineeWalkMin(t, 0)
		testFindTrainees(t)
	})
}

func testFindTrainees(t *testing.T) {
	db := MustOpenDB(t)
	for i, name := range []string{"Đỗ Thị Đào", "Nguyễn Thị Ánh", "Hoàng Văn Dũng", "Phạm Đức Anh", "Vũ Thị Ân", "Trần Văn An", "Nguyễn Thị Ảnh", "Lê Văn Anh"} {
		tr := NewTrainee(name, day(1980+i, 1, 5))
		tr.Phone = fmt.Sprintf("09123456%02d", i)
		if name == "Nguyễn Thị Ánh" {
			tr.CCCD, tr.BirthDate = "001190012345", day(1990, 1, 5)
		}
		MustCreateTrainee(t, db, tr)
	}
	female := true
	for _, tt := range []struct {
		name string
		f    data.TraineeFilter
		want []string
	}{
		{"All", data.TraineeFilter{}, vietnameseOrder},
		{"Desc", data.TraineeFilter{Desc: true}, reversed(vietnameseOrder)},
		{"Folded", data.TraineeFilter{Search: "nguyen thi anh"}, []string{"Nguyễn Thị Ảnh", "Nguyễn Thị Ánh"}},
		{"Dd", data.TraineeFilter{Search: "dao"}, []string{"Đỗ Thị Đào"}},
		{"CCCDPrefix", data.TraineeFilter{Search: "0011900"}, []string{"Nguyễn Thị Ánh"}},
		{"PhoneGroups", data.TraineeFilter{Search: "0912 345 601"}, []string{"Nguyễn Thị Ánh"}},
		{"BirthYear", data.TraineeFilter{Search: "1990"}, []string{"Nguyễn Thị Ánh"}},
		{"Female", data.TraineeFilter{Female: &female, Search: "thi"}, []string{"Nguyễn Thị Ảnh", "Nguyễn Thị Ánh", "Vũ Thị Ân", "Đỗ Thị Đào"}},
		{"Page", data.TraineeFilter{Offset: 2, Limit: 3}, vietnameseOrder[2:5]},
		{"BirthDate", data.TraineeFilter{Sort: data.TraineeByBirthDate, Limit: 2}, []string{"Đỗ Thị Đào", "Hoàng Văn Dũng"}},
		{"None", data.TraineeFilter{Search: "zzz"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustFindTrainees(t, db, tt.f); !slices.Equal(got, tt.want) {
				t.Fatalf("found %q, want %q", got, tt.want)
			}
		})
	}
}
