package store_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// day returns a calendar date.
func day(y int, m time.Month, d int) vn.Date { return vn.Date{Year: y, Month: m, Day: d} }

// TrainingSnapshot counts what a training write can change, to check that a refused one changed
// nothing.
func TrainingSnapshot(tb testing.TB, db *store.DB) string {
	tb.Helper()
	var counts []string
	for _, table := range []string{"classes", "class_search", "trainees", "trainee_search", "enrollments", "sessions", "attendance", "audit"} {
		counts = append(counts, fmt.Sprintf("%s=%d", table, MustCount(tb, db, table)))
	}
	var state string
	if err := db.SQL().QueryRow(`SELECT COALESCE((SELECT string_agg(version || status || COALESCE(CAST(score AS TEXT), '-') || employed, ',' ORDER BY id) FROM enrollments), '') || '|' ||
		COALESCE((SELECT string_agg(version || status || capacity, ',' ORDER BY id) FROM classes), '') || '|' ||
		COALESCE((SELECT string_agg(session_id || ':' || enrollment_id || mark, ',' ORDER BY session_id, enrollment_id) FROM attendance), '') || '|' ||
		COALESCE((SELECT string_agg(date, ',' ORDER BY id) FROM sessions), '') || '|' ||
		COALESCE((SELECT string_agg(CAST(version AS TEXT), ',' ORDER BY id) FROM trainees), '')`).Scan(&state); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(counts, " ") + " " + state
}

// AssertUnchanged fails unless the store is as the snapshot before says.
func AssertUnchanged(tb testing.TB, db *store.DB, before string) {
	tb.Helper()
	if after := TrainingSnapshot(tb, db); after != before {
		tb.Fatalf("a refused write changed the store:\n%s\nwas\n%s", after, before)
	}
}

// NewClass returns a valid class taking trainees, coded code, from Monday 02/03/2026 to Friday
// 08/05/2026, for 30 trainees.
func NewClass(code string) *data.Class {
	c := data.NewClass()
	c.Code, c.Name, c.Kind, c.Trade = code, "Lớp truyền nghề gốm sứ Bát Tràng", data.ClassKindCraft, "Gốm sứ"
	c.Venue, c.WardCode, c.Trainers = "Nhà văn hóa thôn Giang Cao", "00577", "Nghệ nhân Trần Độ"
	c.Start, c.End = day(2026, 3, 2), day(2026, 5, 8)
	c.Hours, c.Capacity, c.Budget, c.Status = 240, 30, 150_000_000, data.ClassEnrolling
	return c
}

// MustCreateClass stores c and returns it.
func MustCreateClass(tb testing.TB, db *store.DB, c *data.Class) *data.Class {
	tb.Helper()
	if err := db.CreateClass(ctx, c); err != nil {
		tb.Fatalf("CreateClass(%s): %v", c.Code, err)
	}
	return c
}

// NewTrainee returns a valid trainee with a full name and birth date, a woman when the middle
// name is "Thị", with no CCCD.
func NewTrainee(full string, birth vn.Date) *data.Trainee {
	return &data.Trainee{Name: vn.SplitName(full), Female: strings.Contains(full, " Thị "), BirthDate: birth, Phone: "0987 654 321", WardCode: "00577"}
}

// MustCreateTrainee stores t (confirmed as a new person) and returns it.
func MustCreateTrainee(tb testing.TB, db *store.DB, t *data.Trainee) *data.Trainee {
	tb.Helper()
	if err := db.CreateTrainee(ctx, t, true); err != nil {
		tb.Fatalf("CreateTrainee(%s): %v", t.Name.Full(), err)
	}
	return t
}

// MustEnroll enrols every trainee in the class and returns the enrolments.
func MustEnroll(tb testing.TB, db *store.DB, c *data.Class, ts ...*data.Trainee) []*data.Enrollment {
	tb.Helper()
	var out []*data.Enrollment
	for _, t := range ts {
		e, err := db.Enroll(ctx, c.ID, t.ID)
		if err != nil {
			tb.Fatalf("Enroll(%s, %s): %v", c.Code, t.Name.Full(), err)
		}
		out = append(out, e)
	}
	return out
}

// MustClass returns the stored class.
func MustClass(tb testing.TB, db *store.DB, id int64) *data.Class {
	tb.Helper()
	c, err := db.FindClassByID(ctx, id)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// MustSetStatus moves a class through the statuses given.
func MustSetStatus(tb testing.TB, db *store.DB, c *data.Class, to ...data.ClassStatus) *data.Class {
	tb.Helper()
	for _, s := range to {
		saved, err := db.SetClassStatus(ctx, c.ID, c.Version, s, "")
		if err != nil {
			tb.Fatalf("SetClassStatus(%s, %s): %v", c.Code, s, err)
		}
		*c = *saved
	}
	return c
}

// RosterNames returns the full names of a roster.
func RosterNames(vs []*data.EnrollmentView) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.TraineeName.Full())
	}
	return out
}

func TestCreateClass(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		host := MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Gốm sứ Bát Tràng"))
		c := NewClass(" lh-2026-001 ")
		c.HostEnterpriseID = host.ID
		MustCreateClass(t, db, c)
		if c.ID == 0 || c.Version != 1 || !c.CreatedAt.Equal(now) || c.Code != "LH-2026-001" || c.HostName != host.Name || c.Enrolled != 0 {
			t.Fatalf("saved %+v", c)
		}
		got, err := db.FindClassByCode(ctx, "lh-2026-001")
		if err != nil {
			t.Fatal(err)
		}
		if *got != *c {
			t.Fatalf("stored %+v\nwant %+v", got, c)
		}
		if got.MinAttendance != 80 || got.PassMark != 50 {
			t.Fatalf("MinAttendance=%d PassMark=%d, want the defaults 80, 50", got.MinAttendance, got.PassMark)
		}
		if got, want := MustCount(t, db, "audit WHERE action = 'create' AND entity = 'class'"), 1; got != want {
			t.Fatalf("audit rows=%d, want %d", got, want)
		}
	})

	for _, tt := range []struct {
		name  string
		edit  func(c *data.Class)
		code  string
		words []string
	}{
		{"ErrEndBeforeStart", func(c *data.Class) { c.Start, c.End = day(2026, 3, 5), day(2026, 3, 1) }, data.EINVALID, []string{"Ngày kết thúc 01/03/2026 trước ngày bắt đầu 05/03/2026."}},
		{"ErrCapacityZero", func(c *data.Class) { c.Capacity = 0 }, data.EINVALID, []string{"Số học viên tối đa phải lớn hơn 0"}},
		{"ErrCodeTaken", func(c *data.Class) { c.Code = "lh-2026-001" }, data.ECONFLICT, []string{"Mã lớp LH-2026-001 đã dùng cho lớp \"Lớp truyền nghề gốm sứ Bát Tràng\""}},
		{"ErrHostUnknown", func(c *data.Class) { c.HostEnterpriseID = 999 }, data.EINVALID, []string{"Không có doanh nghiệp mã 999"}},
		{"ErrWardUnknown", func(c *data.Class) { c.WardCode = "99999" }, data.EINVALID, []string{"Mã phường/xã 99999 không có"}},
		{"ErrPassMark", func(c *data.Class) { c.PassMark = 110 }, data.EINVALID, []string{"Điểm đạt phải từ 0 đến 10"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := MustOpenDB(t)
			MustCreateClass(t, db, NewClass("LH-2026-001"))
			before := TrainingSnapshot(t, db)
			c := NewClass("LH-2026-002")
			tt.edit(c)
			AssertError(t, db.CreateClass(ctx, c), tt.code, tt.words...)
			AssertUnchanged(t, db, before)
		})
	}
}

func TestUpdateClass(t *testing.T) {
	setup := func(t *testing.T) (*store.DB, *data.Class) {
		db := MustOpenDB(t)
		c := MustCreateClass(t, db, NewClass("LH-2026-001"))
		MustEnroll(t, db, c, MustCreateTrainee(t, db, NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))),
			MustCreateTrainee(t, db, NewTrainee("Trần Văn An", day(1988, 7, 1))))
		return db, MustClass(t, db, c.ID)
	}

	t.Run("OK", func(t *testing.T) {
		db, c := setup(t)
		c.Name, c.Capacity, c.Status = "Lớp gốm sứ nâng cao", 2, data.ClassCancelled // status is not changed by an update
		if err := db.UpdateClass(ctx, c); err != nil {
			t.Fatal(err)
		}
		if c.Version != 2 || c.Name != "Lớp gốm sứ nâng cao" || c.Status != data.ClassEnrolling || c.Enrolled != 2 {
			t.Fatalf("saved %+v", c)
		}
		if got := MustFindClasses(t, db, data.ClassFilter{Search: "nang cao"}); !slices.Equal(got, []string{"LH-2026-001"}) {
			t.Fatalf("search after update found %v", got)
		}
	})

	t.Run("ErrStaleVersion", func(t *testing.T) { // two windows editing the same class
		db, c := setup(t)
		first, second := *c, *c
		first.Venue = "Xưởng gốm Minh Hải"
		if err := db.UpdateClass(ctx, &first); err != nil {
			t.Fatal(err)
		}
		before := TrainingSnapshot(t, db)
		second.Hours = 300
		AssertError(t, db.UpdateClass(ctx, &second), data.ECONFLICT, "Lớp LH-2026-001 vừa được người khác sửa (phiên bản 2, bạn đang sửa phiên bản 1)")
		AssertUnchanged(t, db, before)
		if got := MustClass(t, db, c.ID); got.Venue != "Xưởng gốm Minh Hải" || got.Hours != 240 {
			t.Fatalf("stored Venue=%q Hours=%d", got.Venue, got.Hours)
		}
	})

	for _, tt := range []struct {
		name  string
		edit  func(c *data.Class)
		code  string
		words []string
	}{
		{"ErrCapacityBelowEnrolled", func(c *data.Class) { c.Capacity = 1 }, data.EINVALID, []string{"Số học viên tối đa 1 ít hơn số học viên đã ghi danh vào lớp (2)"}},
		{"ErrCapacityZero", func(c *data.Class) { c.Capacity = 0 }, data.EINVALID, []string{"Số học viên tối đa phải lớn hơn 0"}},
		{"ErrEndBeforeStart", func(c *data.Class) { c.End = day(2026, 2, 1) }, data.EINVALID, []string{"Ngày kết thúc 01/02/2026 trước ngày bắt đầu 02/03/2026."}},
		{"ErrNotFound", func(c *data.Class) { c.ID = 999 }, data.ENOTFOUND, []string{"Không tìm thấy lớp học mã 999"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db, c := setup(t)
			before := TrainingSnapshot(t, db)
			tt.edit(c)
			AssertError(t, db.UpdateClass(ctx, c), tt.code, tt.words...)
			AssertUnchanged(t, db, before)
		})
	}

	t.Run("ErrSessionsOutside", func(t *testing.T) {
		db, c := setup(t)
		if _, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Tuesday, time.Thursday}); err != nil {
			t.Fatal(err)
		}
		before := TrainingSnapshot(t, db)
		c.End = day(2026, 4, 30)
		AssertError(t, db.UpdateClass(ctx, c), data.EINVALID, "Lớp có 2 buổi học nằm ngoài thời gian 02/03/2026 – 30/04/2026 (sớm nhất ngày 05/05/2026)")
		AssertUnchanged(t, db, before)
	})

	t.Run("ErrCertified", func(t *testing.T) { // changing results after certificates were issued
		db, c := setup(t)
		MustSetStatus(t, db, c, data.ClassRunning, data.ClassFinished, data.ClassCertified)
		before := TrainingSnapshot(t, db)
		c.PassMark = 40
		AssertError(t, db.UpdateClass(ctx, c), data.ECONFLICT, "Lớp LH-2026-001 đã cấp chứng chỉ nên không sửa được nữa")
		AssertUnchanged(t, db, before)
	})
}

func TestSetClassStatus(t *testing.T) {
	db := MustOpenDB(t)
	c := NewClass("LH-2026-001")
	c.Status = ""
	MustCreateClass(t, db, c)
	if c.Status != data.ClassPlanned {
		t.Fatalf("Status=%s, want ke_hoach", c.Status)
	}
	before := TrainingSnapshot(t, db)
	_, err := db.SetClassStatus(ctx, c.ID, c.Version, data.ClassRunning, "")
	AssertError(t, err, data.EINVALID, "đang ở trạng thái \"Kế hoạch\" nên không chuyển sang \"Đang học\" được; chỉ chuyển được sang \"Tuyển sinh\" hoặc \"Đã hủy\"")
	_, err = db.SetClassStatus(ctx, c.ID, c.Version, data.ClassCancelled, "  ")
	AssertError(t, err, data.EINVALID, "Hãy ghi lý do hủy lớp LH-2026-001")
	_, err = db.SetClassStatus(ctx, c.ID, c.Version+1, data.ClassEnrolling, "")
	AssertError(t, err, data.ECONFLICT, "vừa được người khác sửa")
	AssertUnchanged(t, db, before)

	MustSetStatus(t, db, c, data.ClassEnrolling, data.ClassRunning)
	saved, err := db.SetClassStatus(ctx, c.ID, c.Version, data.ClassCancelled, "Không đủ học viên")
	if err != nil {
		t.Fatal(err)
	}
	if saved.Status != data.ClassCancelled || saved.CancelReason != "Không đủ học viên" || saved.Version != 4 {
		t.Fatalf("saved %+v", saved)
	}
	_, err = db.SetClassStatus(ctx, c.ID, saved.Version, data.ClassRunning, "")
	AssertError(t, err, data.EINVALID, "đang ở trạng thái \"Đã hủy\" nên không chuyển trạng thái được nữa")
	if got, want := MustCount(t, db, "audit WHERE action = 'status'"), 3; got != want {
		t.Fatalf("status audit rows=%d, want %d", got, want)
	}
}

func TestNextClassCode(t *testing.T) {
	db := MustOpenDB(t)
	next := func(year int) string {
		t.Helper()
		code, err := db.NextClassCode(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		return code
	}
	if got, want := next(2026), "LH-2026-001"; got != want {
		t.Fatalf("NextClassCode=%s, want %s", got, want)
	}
	for _, code := range []string{"LH-2026-001", "LH-2026-007", "LH-2026-ABC", "LH-2025-040", "LH-2026-003"} {
		MustCreateClass(t, db, NewClass(code))
	}
	if got, want := next(2026), "LH-2026-008"; got != want {
		t.Fatalf("NextClassCode=%s, want %s", got, want)
	}
	if got, want := next(2025), "LH-2025-041"; got != want {
		t.Fatalf("NextClassCode=%s, want %s", got, want)
	}
}

// MustFindClasses returns the codes FindClasses gives for f, checking that CountClasses agrees.
func MustFindClasses(tb testing.TB, db *store.DB, f data.ClassFilter) []string {
	tb.Helper()
	cs, err := db.FindClasses(ctx, f)
	if err != nil {
		tb.Fatalf("FindClasses(%+v): %v", f, err)
	}
	if n, err := db.CountClasses(ctx, f); err != nil || f.Limit == 0 && n != len(cs) {
		tb.Fatalf("CountClasses(%+v)=%d, %v; FindClasses gave %d", f, n, err, len(cs))
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Code)
	}
	return out
}

func TestFindClasses(t *testing.T) {
	db := MustOpenDB(t)
	host := MustCreateEnterprise(t, db, NewEnterprise("Hợp tác xã Mây tre đan Phú Vinh"))
	a := NewClass("LH-2026-001")
	b := NewClass("LH-2026-002")
	b.Name, b.Trade, b.Kind, b.HostEnterpriseID, b.WardCode = "Lớp nhân cấy nghề mây tre đan", "Mây tre đan", data.ClassKindTransplant, host.ID, "00004"
	b.Start, b.End, b.Trainers = day(2026, 1, 5), day(2026, 2, 27), "Nghệ nhân Nguyễn Văn Lực"
	c := NewClass("LH-2025-003")
	c.Name, c.Trade, c.Kind, c.Status, c.WardCode = "Tập huấn khuyến công cho cán bộ xã", "", data.ClassKindOfficials, data.ClassFinished, ""
	c.Start, c.End, c.Trainers = day(2025, 10, 6), day(2025, 10, 8), "Chuyên viên Sở Công Thương"
	for _, x := range []*data.Class{a, b, c} {
		MustCreateClass(t, db, x)
	}
	MustEnroll(t, db, a, MustCreateTrainee(t, db, NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))))
	year, kind, status, ward, none := 2026, data.ClassKindTransplant, data.ClassFinished, "00004", ""
	for _, tt := range []struct {
		name string
		f    data.ClassFilter
		want []string
	}{
		{"All", data.ClassFilter{}, []string{"LH-2025-003", "LH-2026-002", "LH-2026-001"}},
		{"Desc", data.ClassFilter{Desc: true}, []string{"LH-2026-001", "LH-2026-002", "LH-2025-003"}},
		{"Folded", data.ClassFilter{Search: "gom su bat trang"}, []string{"LH-2026-001"}},
		{"Host", data.ClassFilter{Search: "phu vinh"}, []string{"LH-2026-002"}},
		{"Code", data.ClassFilter{Search: "lh-2025"}, []string{"LH-2025-003"}},
		{"Trainer", data.ClassFilter{Search: "tran do"}, []string{"LH-2026-001"}},
		{"Ward", data.ClassFilter{Search: "ba dinh"}, []string{"LH-2026-002"}},
		{"KindLabel", data.ClassFilter{Search: "truyen nghe"}, []string{"LH-2026-001"}},
		{"Year", data.ClassFilter{Year: &year}, []string{"LH-2026-002", "LH-2026-001"}},
		{"Kind", data.ClassFilter{Kind: &kind}, []string{"LH-2026-002"}},
		{"Status", data.ClassFilter{Status: &status}, []string{"LH-2025-003"}},
		{"WardCode", data.ClassFilter{WardCode: &ward}, []string{"LH-2026-002"}},
		{"NoWard", data.ClassFilter{WardCode: &none}, []string{"LH-2025-003"}},
		{"HostID", data.ClassFilter{HostEnterpriseID: &host.ID}, []string{"LH-2026-002"}},
		{"SortName", data.ClassFilter{Sort: data.ClassByName}, []string{"LH-2026-002", "LH-2026-001", "LH-2025-003"}},
		{"SortHost", data.ClassFilter{Sort: data.ClassByHost}, []string{"LH-2025-003", "LH-2026-001", "LH-2026-002"}}, // no host first
		{"SortHostDesc", data.ClassFilter{Sort: data.ClassByHost, Desc: true}, []string{"LH-2026-002", "LH-2026-001", "LH-2025-003"}},
		{"SortEnrolled", data.ClassFilter{Sort: data.ClassByEnrolled, Desc: true}, []string{"LH-2026-001", "LH-2026-002", "LH-2025-003"}},
		{"SortStatus", data.ClassFilter{Sort: data.ClassByStatus}, []string{"LH-2026-001", "LH-2026-002", "LH-2025-003"}},
		{"Page", data.ClassFilter{Sort: data.ClassByCode, Offset: 1, Limit: 1}, []string{"LH-2026-001"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustFindClasses(t, db, tt.f); !slices.Equal(got, tt.want) {
				t.Fatalf("found %v, want %v", got, tt.want)
			}
		})
	}
	if _, err := db.FindClasses(ctx, data.ClassFilter{Sort: "budget"}); data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("unknown sort: %v", err)
	}
	if cs, err := db.FindClasses(ctx, data.ClassFilter{Sort: data.ClassByCode}); err != nil || cs[1].Enrolled != 1 || cs[2].HostName != host.Name {
		t.Fatalf("FindClasses=%v, %v", cs, err)
	}
}

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

func TestEnroll(t *testing.T) {
	setup := func(t *testing.T, capacity int) (*store.DB, *data.Class, []*data.Trainee) {
		db := MustOpenDB(t)
		c := NewClass("LH-2026-001")
		c.Capacity = capacity
		MustCreateClass(t, db, c)
		var ts []*data.Trainee
		for i, name := range []string{"Nguyễn Thị Ánh", "Trần Văn An", "Lê Văn Bình"} {
			ts = append(ts, MustCreateTrainee(t, db, NewTrainee(name, day(1990, 1, 5+i))))
		}
		return db, c, ts
	}

	t.Run("OK", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		es := MustEnroll(t, db, c, ts[0])
		if e := es[0]; e.ID == 0 || e.ClassID != c.ID || e.TraineeID != ts[0].ID || e.Status != data.EnrollmentActive || e.Version != 1 {
			t.Fatalf("enrolment %+v", e)
		}
		if got := MustClass(t, db, c.ID).Enrolled; got != 1 {
			t.Fatalf("Enrolled=%d, want 1", got)
		}
		if got := MustCount(t, db, "audit WHERE action = 'enroll'"); got != 1 {
			t.Fatalf("audit rows=%d", got)
		}
	})

	t.Run("ErrTwice", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		MustEnroll(t, db, c, ts[0])
		before := TrainingSnapshot(t, db)
		_, err := db.Enroll(ctx, c.ID, ts[0].ID)
		AssertError(t, err, data.ECONFLICT, "Học viên Nguyễn Thị Ánh (sinh 05/01/1990) đã có trong lớp LH-2026-001")
		_, err = db.EnrollMany(ctx, c.ID, []int64{ts[1].ID, ts[1].ID})
		AssertError(t, err, data.ECONFLICT, "Học viên Trần Văn An (sinh 06/01/1990) đã có trong lớp LH-2026-001")
		AssertUnchanged(t, db, before)
	})

	t.Run("ErrPastCapacity", func(t *testing.T) {
		db, c, ts := setup(t, 2)
		MustEnroll(t, db, c, ts[0], ts[1])
		before := TrainingSnapshot(t, db)
		_, err := db.Enroll(ctx, c.ID, ts[2].ID)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đã đủ 2 học viên")
		AssertUnchanged(t, db, before)
	})

	t.Run("ErrManyPastCapacity", func(t *testing.T) { // all or none
		db, c, ts := setup(t, 2)
		before := TrainingSnapshot(t, db)
		_, err := db.EnrollMany(ctx, c.ID, []int64{ts[0].ID, ts[1].ID, ts[2].ID})
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 chỉ còn 2 chỗ", "danh sách có 3 người", "Không ai được ghi danh")
		AssertUnchanged(t, db, before)
	})

	t.Run("ListNewAndExisting", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		fresh := []*data.Trainee{NewTrainee("Lò Thị Ỷ", day(2001, 1, 9)), NewTrainee("Đặng Văn Đức", day(1988, 7, 3))}
		es, err := db.EnrollList(ctx, c.ID, []int64{ts[0].ID}, fresh)
		if err != nil || len(es) != 3 || fresh[0].ID == 0 || fresh[1].Version != 1 {
			t.Fatalf("EnrollList: %d enrolments, %v; new trainees %+v", len(es), err, fresh)
		}
		if got := MustClass(t, db, c.ID).Enrolled; got != 3 {
			t.Fatalf("enrolled=%d, want 3", got)
		}
	})

	t.Run("ErrListPastCapacity", func(t *testing.T) { // the new people are not left behind unenrolled
		db, c, ts := setup(t, 2)
		before := TrainingSnapshot(t, db)
		fresh := []*data.Trainee{NewTrainee("Lò Thị Ỷ", day(2001, 1, 9)), NewTrainee("Đặng Văn Đức", day(1988, 7, 3))}
		_, err := db.EnrollList(ctx, c.ID, []int64{ts[0].ID}, fresh)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 chỉ còn 2 chỗ", "Không ai được ghi danh")
		AssertUnchanged(t, db, before)
		if n, _ := db.CountTrainees(ctx, data.TraineeFilter{Search: "Lò Thị Ỷ"}); n != 0 {
			t.Fatalf("%d trainees named Lò Thị Ỷ stored by a refused list", n)
		}
	})

	t.Run("ErrClassClosed", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		MustSetStatus(t, db, c, data.ClassRunning, data.ClassFinished)
		before := TrainingSnapshot(t, db)
		_, err := db.Enroll(ctx, c.ID, ts[0].ID)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đang ở trạng thái \"Kết thúc\" nên không nhận thêm học viên")
		AssertUnchanged(t, db, before)
	})

	t.Run("ErrNotFound", func(t *testing.T) {
		db, c, _ := setup(t, 30)
		_, err := db.Enroll(ctx, c.ID, 999)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy học viên mã 999")
		_, err = db.Enroll(ctx, 999, 1)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy lớp học mã 999")
	})

	t.Run("ErrWithdrawnAgain", func(t *testing.T) {
		db, c, ts := setup(t, 30)
		e := MustEnroll(t, db, c, ts[0])[0]
		if _, err := db.Withdraw(ctx, e.ID, e.Version, day(2026, 3, 20), "Chuyển vùng"); err != nil {
			t.Fatal(err)
		}
		_, err := db.Enroll(ctx, c.ID, ts[0].ID)
		AssertError(t, err, data.ECONFLICT, "đã ghi danh lớp LH-2026-001 và thôi học từ 20/03/2026")
	})

	t.Run("Concurrent", func(t *testing.T) { // the last seat, taken from two programs at once
		for round := range 5 { // a lost race shows only now and then: run it a few times
			db, c, ts := setup(t, 2)
			MustEnroll(t, db, c, ts[0])
			other := MustOpenAgain(t, db)
			var wg sync.WaitGroup
			errs := make([]error, 2)
			start := make(chan struct{}) // both wait here, so that they really start together
			for i, d := range []*store.DB{db, other} {
				wg.Go(func() {
					<-start
					_, errs[i] = d.Enroll(ctx, c.ID, ts[1+i].ID)
				})
			}
			close(start)
			wg.Wait()
			if (errs[0] == nil) == (errs[1] == nil) {
				t.Fatalf("round %d: errors %v and %v: want exactly one enrolment to fail", round, errs[0], errs[1])
			}
			AssertError(t, errors.Join(errs[0], errs[1]), data.ECONFLICT, "Lớp LH-2026-001 đã đủ 2 học viên")
			if got := MustClass(t, db, c.ID).Enrolled; got != 2 {
				t.Fatalf("round %d: Enrolled=%d, want 2", round, got)
			}
		}
	})
}

// ClassWithTrainees makes a class (20 Tuesday and Thursday sessions from 02/03/2026 to
// 08/05/2026) with the trainees named, enrolled, and its sessions generated.
func ClassWithTrainees(tb testing.TB, db *store.DB, names ...string) (*data.Class, []*data.Enrollment, []*data.Session) {
	tb.Helper()
	c := MustCreateClass(tb, db, NewClass("LH-2026-001"))
	var es []*data.Enrollment
	for i, name := range names {
		es = append(es, MustEnroll(tb, db, c, MustCreateTrainee(tb, db, NewTrainee(name, day(1980+i, 4, 1))))...)
	}
	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Thursday, time.Tuesday})
	if err != nil {
		tb.Fatal(err)
	}
	return MustClass(tb, db, c.ID), es, ss
}

func TestWithdraw(t *testing.T) {
	db := MustOpenDB(t)
	c, es, _ := ClassWithTrainees(t, db, "Nguyễn Thị Ánh", "Trần Văn An")
	before := TrainingSnapshot(t, db)
	for _, tt := range []struct {
		name  string
		on    vn.Date
		why   string
		code  string
		words string
	}{
		{"ErrNoReason", day(2026, 3, 20), " ", data.EINVALID, "Hãy ghi lý do thôi học của Nguyễn Thị Ánh"},
		{"ErrNoDate", vn.Date{}, "Ốm", data.EINVALID, "Hãy nhập ngày thôi học"},
		{"ErrFuture", day(2026, 12, 1), "Ốm", data.EINVALID, "Ngày thôi học 01/12/2026 là ngày chưa tới"},
		{"ErrBeforeStart", day(2026, 2, 1), "Ốm", data.EINVALID, "nằm ngoài thời gian học của lớp LH-2026-001 (02/03/2026 – 08/05/2026)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.Withdraw(ctx, es[0].ID, es[0].Version, tt.on, tt.why)
			AssertError(t, err, tt.code, tt.words)
		})
	}
	_, err := db.Withdraw(ctx, es[0].ID, 7, day(2026, 3, 20), "Ốm")
	AssertError(t, err, data.ECONFLICT, "vừa được người khác sửa")
	AssertUnchanged(t, db, before)

	e, err := db.Withdraw(ctx, es[0].ID, es[0].Version, day(2026, 3, 20), "Chuyển công tác")
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != data.EnrollmentWithdrawn || e.WithdrawnOn != day(2026, 3, 20) || e.WithdrawReason != "Chuyển công tác" || e.Version != 2 {
		t.Fatalf("withdrawn %+v", e)
	}
	_, err = db.Withdraw(ctx, e.ID, e.Version, day(2026, 3, 21), "Ốm")
	AssertError(t, err, data.ECONFLICT, "đã thôi học lớp LH-2026-001 từ 20/03/2026")
	if got := MustClass(t, db, c.ID).Enrolled; got != 1 {
		t.Fatalf("Enrolled=%d, want 1 (a withdrawn trainee frees the seat)", got)
	}
}

func TestGenerateSessions(t *testing.T) {
	db := MustOpenDB(t)
	c := NewClass("LH-2026-001")
	c.End = day(2026, 3, 15)
	MustCreateClass(t, db, c)
	before := TrainingSnapshot(t, db)
	_, err := db.GenerateSessions(ctx, c.ID, nil)
	AssertError(t, err, data.EINVALID, "Hãy chọn ít nhất một ngày trong tuần")
	one := NewClass("LH-2026-002")
	one.Start, one.End = day(2026, 3, 3), day(2026, 3, 3) // a Tuesday
	MustCreateClass(t, db, one)
	before = TrainingSnapshot(t, db)
	_, err = db.GenerateSessions(ctx, one.ID, []time.Weekday{time.Saturday, time.Sunday})
	AssertError(t, err, data.EINVALID, "Từ 03/03/2026 đến 03/03/2026 không có ngày nào là Chủ nhật, thứ Bảy")
	AssertUnchanged(t, db, before)

	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Friday, time.Monday, time.Wednesday, time.Monday})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range ss {
		got = append(got, s.Date.String())
	}
	if want := []string{"02/03/2026", "04/03/2026", "06/03/2026", "09/03/2026", "11/03/2026", "13/03/2026"}; !slices.Equal(got, want) {
		t.Fatalf("sessions %v, want %v", got, want)
	}
	before = TrainingSnapshot(t, db)
	_, err = db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Tuesday})
	AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đã có 6 buổi học")
	AssertUnchanged(t, db, before)

	t.Run("AddAndMove", func(t *testing.T) {
		s := &data.Session{ClassID: c.ID, Date: day(2026, 3, 14), Hours: 4, Topic: " Thực hành nặn gốm "}
		if err := db.AddSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		before := TrainingSnapshot(t, db)
		AssertError(t, db.AddSession(ctx, &data.Session{ClassID: c.ID, Date: day(2026, 3, 16)}), data.EINVALID, "Ngày 16/03/2026 nằm ngoài thời gian học của lớp LH-2026-001")
		_, err := db.MoveSession(ctx, s.ID, day(2026, 2, 28))
		AssertError(t, err, data.EINVALID, "Ngày 28/02/2026 nằm ngoài thời gian học")
		AssertUnchanged(t, db, before)
		moved, err := db.MoveSession(ctx, ss[0].ID, day(2026, 3, 15))
		if err != nil {
			t.Fatal(err)
		}
		if moved.Date != day(2026, 3, 15) {
			t.Fatalf("moved to %s", moved.Date)
		}
		all, err := db.Sessions(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 7 || all[5].Topic != "Thực hành nặn gốm" || all[5].Hours != 4 || all[6].ID != ss[0].ID {
			t.Fatalf("sessions %+v", *all[5])
		}
	})
}

func TestSaveSessionAttendance(t *testing.T) {
	db := MustOpenDB(t)
	c, es, ss := ClassWithTrainees(t, db, "Nguyễn Thị Ánh", "Trần Văn An", "Lê Văn Bình")
	if len(ss) != 20 {
		t.Fatalf("%d sessions, want 20", len(ss))
	}
	marks := map[int64]data.AttendanceMark{es[0].ID: data.MarkPresent, es[1].ID: data.MarkLate, es[2].ID: data.MarkExcused}
	if err := db.SaveSessionAttendance(ctx, ss[0].ID, marks); err != nil {
		t.Fatal(err)
	}
	// A second trainer changes one trainee's mark and clears another's; the third mark stays.
	if err := db.SaveSessionAttendance(ctx, ss[0].ID, map[int64]data.AttendanceMark{es[2].ID: data.MarkAbsent, es[1].ID: ""}); err != nil {
		t.Fatal(err)
	}
	g, err := db.AttendanceGrid(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := func(e *data.Enrollment) data.AttendanceKey {
		return data.AttendanceKey{SessionID: ss[0].ID, EnrollmentID: e.ID}
	}
	if g.Marks[key(es[0])] != data.MarkPresent || g.Marks[key(es[2])] != data.MarkAbsent || g.Marks[key(es[1])] != "" {
		t.Fatalf("marks after a partial save: %v %v %v", g.Marks[key(es[0])], g.Marks[key(es[1])], g.Marks[key(es[2])])
	}
	if n, err := db.MarkAllPresent(ctx, ss[1].ID); err != nil || n != 3 {
		t.Fatalf("MarkAllPresent=%d, %v", n, err)
	}
	w, err := db.Withdraw(ctx, es[2].ID, es[2].Version, ss[2].Date, "Ốm dài ngày")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := db.MarkAllPresent(ctx, ss[2].ID); err != nil || n != 2 {
		t.Fatalf("MarkAllPresent after withdrawal=%d, %v; want 2", n, err)
	}

	before := TrainingSnapshot(t, db)
	for _, tt := range []struct {
		name    string
		session *data.Session
		marks   map[int64]data.AttendanceMark
		code    string
		words   string
	}{
		{"ErrWithdrawn", ss[3], map[int64]data.AttendanceMark{es[0].ID: data.MarkPresent, w.ID: data.MarkPresent}, data.ECONFLICT,
			"Học viên Lê Văn Bình đã thôi học từ 10/03/2026 nên không điểm danh được buổi 12/03/2026"},
		{"ErrMark", ss[3], map[int64]data.AttendanceMark{es[0].ID: "x"}, data.EINVALID, "Điểm danh \"x\" của Nguyễn Thị Ánh không có"},
		{"ErrOtherClass", ss[3], map[int64]data.AttendanceMark{999: data.MarkPresent}, data.EINVALID, "Bản ghi danh mã 999 không thuộc lớp LH-2026-001"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			AssertError(t, db.SaveSessionAttendance(ctx, tt.session.ID, tt.marks), tt.code, tt.words)
			AssertUnchanged(t, db, before)
		})
	}
	t.Run("ErrFutureSession", func(t *testing.T) {
		c := NewClass("LH-2026-050")
		c.Start, c.End = day(2026, 11, 2), day(2026, 12, 31)
		MustCreateClass(t, db, c)
		ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday})
		if err != nil {
			t.Fatal(err)
		}
		before := TrainingSnapshot(t, db)
		_, err = db.MarkAllPresent(ctx, ss[len(ss)-1].ID)
		AssertError(t, err, data.EINVALID, "Buổi học ngày 28/12/2026 chưa diễn ra")
		AssertUnchanged(t, db, before)
	})
	t.Run("ErrCertified", func(t *testing.T) {
		MustSetStatus(t, db, c, data.ClassRunning, data.ClassFinished, data.ClassCertified)
		before := TrainingSnapshot(t, db)
		AssertError(t, db.SaveSessionAttendance(ctx, ss[4].ID, map[int64]data.AttendanceMark{es[0].ID: data.MarkAbsent}), data.ECONFLICT,
			"Lớp LH-2026-001 đã cấp chứng chỉ nên không điểm danh được nữa")
		AssertUnchanged(t, db, before)
	})
}

func TestResults(t *testing.T) {
	db := MustOpenDB(t)
	names := []string{"Đỗ Thị Đào", "Nguyễn Thị Ánh", "Hoàng Văn Dũng", "Phạm Đức Anh", "Vũ Thị Ân", "Trần Văn An", "Nguyễn Thị Ảnh", "Lê Văn Anh"}
	c, es, ss := ClassWithTrainees(t, db, names...)
	byName := map[string]*data.Enrollment{}
	for i, n := range names {
		byName[n] = es[i]
	}
	// Everyone attends every session, except Ánh who misses 6 of 20 (4 absent, 2 excused) and
	// An who is late 6 times (late counts as attended).
	for i, s := range ss {
		marks := map[int64]data.AttendanceMark{}
		for _, e := range es {
			marks[e.ID] = data.MarkPresent
		}
		switch {
		case i < 4:
			marks[byName["Nguyễn Thị Ánh"].ID] = data.MarkAbsent
		case i < 6:
			marks[byName["Nguyễn Thị Ánh"].ID] = data.MarkExcused
		}
		if i%3 == 0 {
			marks[byName["Trần Văn An"].ID] = data.MarkLate
		}
		if i == 19 {
			delete(marks, byName["Hoàng Văn Dũng"].ID) // not marked: absent
		}
		if err := db.SaveSessionAttendance(ctx, s.ID, marks); err != nil {
			t.Fatal(err)
		}
	}
	scores := map[string]string{"Đỗ Thị Đào": "9", "Nguyễn Thị Ánh": "8,5", "Hoàng Văn Dũng": "7.5", "Phạm Đức Anh": "4,5",
		"Vũ Thị Ân": "6", "Trần Văn An": "10", "Nguyễn Thị Ảnh": "5"}
	for name, typed := range scores {
		score, err := data.ParseScore(typed)
		if err != nil {
			t.Fatal(err)
		}
		e := byName[name]
		if _, err := db.SetScore(ctx, e.ID, e.Version, score); err != nil {
			t.Fatal(err)
		}
	}

	roster, err := db.ClassRoster(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := RosterNames(roster); !slices.Equal(got, vietnameseOrder) {
		t.Fatalf("roster %q\nwant %q", got, vietnameseOrder)
	}
	var got []string
	for _, v := range roster {
		got = append(got, fmt.Sprintf("%s|%d|%s|%v|%s", v.TraineeName.Given, v.AttendancePercent, v.Grade, v.Eligible, v.Reason))
	}
	want := []string{
		"An|100|Xuất sắc|true|",
		"Anh|100||false|Chưa có điểm",
		"Anh|100|Không đạt|false|Điểm 4,5 dưới điểm đạt 5,0",
		"Ảnh|100|Trung bình|true|",
		"Ánh|70|Giỏi|false|Vắng 6/20 buổi",
		"Ân|100|Trung bình khá|true|",
		"Dũng|95|Khá|true|",
		"Đào|100|Xuất sắc|true|",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("results\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if v := roster[4]; v.Present != 14 || v.Absent != 4 || v.Excused != 2 || v.Sessions != 20 {
		t.Fatalf("Ánh: %+v", v)
	}

	t.Run("GradeScaleSetting", func(t *testing.T) {
		g := data.DefaultGradeScale()
		g.Gioi = 86
		if err := db.SaveGradeScale(ctx, g); err != nil {
			t.Fatal(err)
		}
		if got, err := db.GradeScale(ctx); err != nil || got != g {
			t.Fatalf("GradeScale=%+v, %v", got, err)
		}
		roster, err := db.ClassRoster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := roster[4].Grade; got != "Khá" {
			t.Fatalf("8,5 with Giỏi from 8,6: %q, want Khá", got)
		}
		g.Kha = 90
		AssertError(t, db.SaveGradeScale(ctx, g), data.EINVALID, "tăng dần")
		if err := db.SetSetting(ctx, "store.grade_scale", "{}"); data.ErrorCode(err) != data.EINVALID {
			t.Fatalf("SetSetting(store.grade_scale)=%v", err)
		}
	})

	t.Run("ErrScore", func(t *testing.T) {
		e := byName["Lê Văn Anh"]
		before := TrainingSnapshot(t, db)
		for _, typed := range []string{"11", "abc"} {
			_, err := data.ParseScore(typed)
			AssertError(t, err, data.EINVALID, typed)
		}
		_, err := db.SetScore(ctx, e.ID, e.Version, 110)
		AssertError(t, err, data.EINVALID, "Điểm 11,0 nằm ngoài thang điểm 0–10")
		_, err = db.SetScore(ctx, e.ID, e.Version+1, 70)
		AssertError(t, err, data.ECONFLICT, "Kết quả của học viên Lê Văn Anh vừa được người khác sửa")
		AssertUnchanged(t, db, before)
	})

	t.Run("Employment", func(t *testing.T) {
		employer := MustCreateEnterprise(t, db, NewEnterprise("Công ty Cổ phần Gốm Minh Long"))
		e := byName["Đỗ Thị Đào"]
		fresh, err := db.ClassRoster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		version := fresh[7].Version
		_, err = db.SetEmployment(ctx, e.ID, version, data.Employment{Employed: true, EmployerID: 999})
		AssertError(t, err, data.EINVALID, "Không có doanh nghiệp mã 999")
		_, err = db.SetEmployment(ctx, e.ID, version, data.Employment{Employed: true, EmployedOn: day(2027, 1, 1)})
		AssertError(t, err, data.EINVALID, "Ngày có việc làm 01/01/2027 là ngày chưa tới")
		saved, err := db.SetEmployment(ctx, e.ID, version, data.Employment{Employed: true, EmployerID: employer.ID, EmployedOn: day(2026, 6, 1)})
		if err != nil {
			t.Fatal(err)
		}
		if !saved.Employed || saved.EmployerID != employer.ID || saved.EmployedOn != day(2026, 6, 1) {
			t.Fatalf("saved %+v", saved)
		}
		e2 := byName["Trần Văn An"]
		if _, err := db.SetEmployment(ctx, e2.ID, fresh[0].Version, data.Employment{Employed: true, Employer: "Tự làm tại nhà"}); err != nil {
			t.Fatal(err)
		}
		s, err := db.EmploymentRate(ctx, c.ID)
		if err != nil || s.Trainees != 8 || s.Employed != 2 || s.Percent() != 25 {
			t.Fatalf("EmploymentRate=%+v (%d%%), %v", s, s.Percent(), err)
		}
		AssertError(t, db.DeleteEnterprise(ctx, employer.ID), data.ECONFLICT, "Không xoá được")
	})

	t.Run("ErrAfterCertificates", func(t *testing.T) { // changing results after certificates were issued
		MustSetStatus(t, db, c, data.ClassRunning, data.ClassFinished, data.ClassCertified)
		roster, err := db.ClassRoster(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := roster[1]
		before := TrainingSnapshot(t, db)
		_, err = db.SetScore(ctx, v.ID, v.Version, 80)
		AssertError(t, err, data.ECONFLICT, "Lớp LH-2026-001 đã cấp chứng chỉ nên không sửa được kết quả học tập nữa")
		_, err = db.Withdraw(ctx, v.ID, v.Version, day(2026, 4, 1), "Ốm")
		AssertError(t, err, data.ECONFLICT, "đã cấp chứng chỉ")
		_, err = db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday})
		AssertError(t, err, data.ECONFLICT, "đã cấp chứng chỉ")
		AssertUnchanged(t, db, before)
	})

	t.Run("History", func(t *testing.T) {
		h, err := db.TraineeHistory(ctx, es[1].TraineeID) // Nguyễn Thị Ánh
		if err != nil {
			t.Fatal(err)
		}
		if len(h) != 1 || h[0].Class.Code != "LH-2026-001" || h[0].Result.Reason != "Vắng 6/20 buổi" || h[0].Result.Grade != "Khá" {
			t.Fatalf("history %+v %+v", h[0].Class, h[0].Result)
		}
		_, err = db.TraineeHistory(ctx, 999)
		AssertError(t, err, data.ENOTFOUND, "Không tìm thấy học viên mã 999")
	})
}

func TestSetScoreWithdrawn(t *testing.T) {
	db := MustOpenDB(t)
	_, es, _ := ClassWithTrainees(t, db, "Nguyễn Thị Ánh")
	w, err := db.Withdraw(ctx, es[0].ID, es[0].Version, day(2026, 3, 20), "Ốm")
	if err != nil {
		t.Fatal(err)
	}
	before := TrainingSnapshot(t, db)
	_, err = db.SetScore(ctx, w.ID, w.Version, 70)
	AssertError(t, err, data.ECONFLICT, "Học viên Nguyễn Thị Ánh đã thôi học từ 20/03/2026 nên không nhập điểm được")
	AssertUnchanged(t, db, before)
}

func TestAttendanceGrid(t *testing.T) {
	db := MustOpenDB(t)
	c, es, ss := ClassWithTrainees(t, db, "Nguyễn Thị Ánh", "Trần Văn An")
	if _, err := db.MarkAllPresent(ctx, ss[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveSessionAttendance(ctx, ss[1].ID, map[int64]data.AttendanceMark{es[0].ID: data.MarkAbsent}); err != nil {
		t.Fatal(err)
	}
	g, err := db.AttendanceGrid(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Sessions) != 20 || !g.Sessions[0].Held || !g.Sessions[1].Held || g.Sessions[2].Held || len(g.Roster) != 2 || len(g.Marks) != 3 {
		t.Fatalf("grid: %d sessions, %d rows, %d marks", len(g.Sessions), len(g.Roster), len(g.Marks))
	}
	if got := g.Marks[data.AttendanceKey{SessionID: ss[1].ID, EnrollmentID: es[0].ID}]; got != data.MarkAbsent {
		t.Fatalf("mark=%q", got)
	}
	if a := g.Roster[0]; a.TraineeName.Given != "An" || a.Sessions != 2 || a.AttendancePercent != 50 || a.Reason != "Vắng 1/2 buổi; Chưa có điểm" {
		t.Fatalf("An: %+v", a)
	}
	_, err = db.AttendanceGrid(ctx, 999)
	AssertError(t, err, data.ENOTFOUND, "Không tìm thấy lớp học mã 999")
	if got, want := MustCount(t, db, `audit WHERE action = 'attendance' AND entity = 'session' AND "user" = 'thu.nguyen'`), 2; got != want {
		t.Fatalf("attendance audit rows=%d, want %d", got, want)
	}
}

func TestDeleteEnterpriseInUse(t *testing.T) {
	db := MustOpenDB(t)
	host := MustCreateEnterprise(t, db, nil)
	c := NewClass("LH-2026-001")
	c.HostEnterpriseID = host.ID
	MustCreateClass(t, db, c)
	AssertError(t, db.DeleteEnterprise(ctx, host.ID), data.ECONFLICT, "Không xoá được")
	work := MustCreateEnterprise(t, db, nil)
	tr := NewTrainee("Nguyễn Thị Ánh", day(1990, 1, 5))
	tr.WorkplaceID = work.ID
	MustCreateTrainee(t, db, tr)
	AssertError(t, db.DeleteEnterprise(ctx, work.ID), data.ECONFLICT, "Không xoá được")
}
