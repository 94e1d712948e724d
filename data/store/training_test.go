package store_test

import (
	"fmt"
	"slices"
	"strings"
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
