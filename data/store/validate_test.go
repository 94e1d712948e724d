package store_test

import (
	"fmt"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// storeSnapshot counts and states everything a refused write could have changed.
func storeSnapshot(tb testing.TB, db *store.DB) string {
	tb.Helper()
	return fmt.Sprint(Snapshot(tb, db), TrainingSnapshot(tb, db), FairSnapshot(tb, db))
}

// TestServicesValidateWhateverTheCaller sends the services what no form sends (impossible dates,
// broken or control characters, absurd counts and sums) on every create and update path, on a
// real database file, and checks each is refused with the form's message and nothing is written.
func TestServicesValidateWhateverTheCaller(t *testing.T) {
	db := MustOpenDB(t)
	c, es, _ := ClassWithTrainees(t, db, "Nguyễn Thị Ánh")
	e := MustCreateEnterprise(t, db, nil)
	f := MustCreateFair(t, db, NewFair(data.FairDomestic), 2)
	tr, err := db.FindTraineeByID(ctx, es[0].TraineeID)
	if err != nil {
		t.Fatal(err)
	}
	trainee := func(edit func(*data.Trainee)) *data.Trainee {
		t := NewTrainee("Lê Văn Bình", day(1990, 5, 6))
		edit(t)
		return t
	}
	enterprise := func(edit func(*data.Enterprise)) *data.Enterprise {
		e := NewEnterprise("Hợp tác xã Mây tre Phú Vinh")
		edit(e)
		return e
	}
	class := func(edit func(*data.Class)) *data.Class {
		c := NewClass("LH-2026-099")
		edit(c)
		return c
	}
	fair := func(edit func(*data.Fair)) *data.Fair {
		f := NewFair(data.FairDomestic)
		edit(f)
		return f
	}
	stored := func(edit func(*data.Trainee, *data.Enterprise, *data.Class, *data.Fair)) (*data.Trainee, *data.Enterprise, *data.Class, *data.Fair) {
		t2, e2, c2, f2 := *tr, *e, *c, *f
		edit(&t2, &e2, &c2, &f2)
		return &t2, &e2, &c2, &f2
	}
	for _, tt := range []struct {
		name  string
		write func() error
		words string
	}{
		{"TraineeBirth31Feb", func() error {
			return db.CreateTrainee(ctx, trainee(func(t *data.Trainee) { t.BirthDate = day(1990, 2, 31) }), true)
		}, "Ngày sinh 31/02/1990 không phải ngày có thật"},
		{"TraineeBirth00", func() error {
			return db.CreateTrainee(ctx, trainee(func(t *data.Trainee) { t.BirthDate = vn.Date{Year: 1990} }), true)
		}, "Ngày sinh 00/00/1990 không phải ngày có thật"},
		{"TraineeBirthYear2201", func() error {
			return db.CreateTrainee(ctx, trainee(func(t *data.Trainee) { t.BirthDate = day(2201, 1, 1) }), true)
		}, "năm từ 1900 đến 2200"},
		{"TraineeNameNUL", func() error {
			return db.CreateTrainee(ctx, trainee(func(t *data.Trainee) { t.Name.Given = "Bình\x00" }), true)
		}, "Họ tên có ký tự điều khiển U+0000"},
		{"TraineeNameInvalidUTF8", func() error {
			return db.CreateTrainee(ctx, trainee(func(t *data.Trainee) { t.Name.Family = "L\xffê" }), true)
		}, "Họ tên có ký tự hỏng"},
		{"TraineeAddressEscape", func() error {
			return db.CreateTrainee(ctx, trainee(func(t *data.Trainee) { t.Address = "Thôn \x1b[31mĐông" }), true)
		}, "Địa chỉ có ký tự điều khiển U+001B"},
		{"TraineeManyBadBirth", func() error {
			return db.CreateTrainees(ctx, []*data.Trainee{trainee(func(t *data.Trainee) { t.BirthDate = day(1990, 4, 31) })})
		}, "Ngày sinh 31/04/1990"},
		{"UpdateTraineeBirth", func() error {
			t2, _, _, _ := stored(func(t *data.Trainee, _ *data.Enterprise, _ *data.Class, _ *data.Fair) { t.BirthDate = day(1990, 2, 30) })
			return db.UpdateTrainee(ctx, t2)
		}, "Ngày sinh 30/02/1990"},
		{"UpdateTraineeBirthPlaceNewline", func() error {
			t2, _, _, _ := stored(func(t *data.Trainee, _ *data.Enterprise, _ *data.Class, _ *data.Fair) { t.BirthPlace = "Hà\nNội" })
			return db.UpdateTrainee(ctx, t2)
		}, "Nơi sinh phải viết trên một dòng"},
		{"EnterpriseWorkers2^62", func() error {
			return db.CreateEnterprise(ctx, enterprise(func(e *data.Enterprise) { e.Workers = 1 << 62 }))
		}, "Số lao động 4.611.686.018.427.387.904 nhiều quá: tối đa 1.000.000 người."},
		{"EnterpriseWorkersOneTooMany", func() error {
			return db.CreateEnterprise(ctx, enterprise(func(e *data.Enterprise) { e.Workers = data.MaxWorkers + 1 }))
		}, "tối đa 1.000.000 người"},
		{"EnterpriseNotesNUL", func() error {
			return db.CreateEnterprise(ctx, enterprise(func(e *data.Enterprise) { e.Notes = "ghi\x00chú" }))
		}, "Ghi chú có ký tự điều khiển U+0000"},
		{"EnterpriseNameBell", func() error {
			return db.CreateEnterprise(ctx, enterprise(func(e *data.Enterprise) { e.Name = "Công ty\a Gốm" }))
		}, "Tên doanh nghiệp có ký tự điều khiển U+0007"},
		{"EnterpriseNameNewline", func() error {
			return db.CreateEnterprise(ctx, enterprise(func(e *data.Enterprise) { e.Name = "Công ty\nGốm" }))
		}, "Tên doanh nghiệp phải viết trên một dòng"},
		{"EnterpriseManyInvalidUTF8", func() error {
			return db.CreateEnterprises(ctx, []*data.Enterprise{enterprise(func(e *data.Enterprise) { e.Trade = "G\xc3m" })})
		}, "Ngành nghề có ký tự hỏng"},
		{"UpdateEnterpriseWorkers", func() error {
			_, e2, _, _ := stored(func(_ *data.Trainee, e *data.Enterprise, _ *data.Class, _ *data.Fair) { e.Workers = 1 << 62 })
			return db.UpdateEnterprise(ctx, e2)
		}, "nhiều quá"},
		{"ClassBudget2^62", func() error {
			return db.CreateClass(ctx, class(func(c *data.Class) { c.Budget = 1 << 62 }))
		}, "Kinh phí phải từ 0 đến 1.000.000.000.000.000 đ"},
		{"ClassBudgetOneTooMuch", func() error {
			return db.CreateClass(ctx, class(func(c *data.Class) { c.Budget = data.MaxMoney + 1 }))
		}, "Kinh phí phải từ 0"},
		{"ClassEnd31Feb", func() error {
			return db.CreateClass(ctx, class(func(c *data.Class) { c.End = day(2026, 2, 31); c.Start = day(2026, 2, 2) }))
		}, "Ngày kết thúc 31/02/2026 không phải ngày có thật"},
		{"ClassEnd2201", func() error {
			return db.CreateClass(ctx, class(func(c *data.Class) { c.End = day(2201, 1, 1) }))
		}, "Ngày kết thúc 01/01/2201"},
		{"ClassCapacity2^62", func() error {
			return db.CreateClass(ctx, class(func(c *data.Class) { c.Capacity = 1 << 62 }))
		}, "Số học viên tối đa phải từ 1 đến 100.000"},
		{"UpdateClassNameNUL", func() error {
			_, _, c2, _ := stored(func(_ *data.Trainee, _ *data.Enterprise, c *data.Class, _ *data.Fair) { c.Name = "Lớp\x00" })
			return db.UpdateClass(ctx, c2)
		}, "Tên lớp có ký tự điều khiển"},
		{"CancelClassReasonEscape", func() error {
			_, err := db.SetClassStatus(ctx, c.ID, c.Version, data.ClassCancelled, "hết\x1b kinh phí")
			return err
		}, "Lý do hủy lớp có ký tự điều khiển"},
		{"WithdrawOn31Apr", func() error {
			_, err := db.Withdraw(ctx, es[0].ID, es[0].Version, day(2026, 4, 31), "Ốm")
			return err
		}, "Ngày thôi học 31/04/2026 không phải ngày có thật"},
		{"WithdrawReasonInvalidUTF8", func() error {
			_, err := db.Withdraw(ctx, es[0].ID, es[0].Version, day(2026, 3, 20), "\xffm")
			return err
		}, "Lý do thôi học có ký tự hỏng"},
		{"EmployedOn29Feb", func() error {
			_, err := db.SetEmployment(ctx, es[0].ID, es[0].Version, data.Employment{Employed: true, Employer: "Tự làm", EmployedOn: day(2026, 2, 29)})
			return err
		}, "Ngày có việc làm 29/02/2026 không phải ngày có thật"},
		{"FairBoothPrice2^62", func() error {
			return db.CreateFair(ctx, fair(func(f *data.Fair) { f.BoothPrice = 1 << 62 }))
		}, "Giá gian hàng phải từ 0 đến 1.000.000.000.000.000 đ"},
		{"FairCapPerBooth2^62", func() error {
			return db.CreateFair(ctx, fair(func(f *data.Fair) { f.Rule = data.SupportRule{SharePercent: 80, CapPerBooth: 1 << 62} }))
		}, "Mức hỗ trợ tối đa mỗi gian hàng phải từ 0"},
		{"FairDeadline30Feb", func() error {
			return db.CreateFair(ctx, fair(func(f *data.Fair) { f.Deadline = day(2026, 2, 30) }))
		}, "Hạn đăng ký 30/02/2026 không phải ngày có thật"},
		{"UpdateFairVenueNUL", func() error {
			_, _, _, f2 := stored(func(_ *data.Trainee, _ *data.Enterprise, _ *data.Class, f *data.Fair) { f.Venue = "Cung\x00" })
			return db.UpdateFair(ctx, f2)
		}, "Địa điểm có ký tự điều khiển"},
		{"BoothNumberNUL", func() error {
			return db.AddBooths(ctx, f.ID, []*data.Booth{{Number: "B\x00", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard}})
		}, "Số gian hàng có ký tự điều khiển"},
		{"BoothWidth2^62", func() error {
			return db.AddBooths(ctx, f.ID, []*data.Booth{{Number: "B01", WidthCM: 1 << 62, DepthCM: 300, Kind: data.BoothStandard}})
		}, "Kích thước gian hàng B01 lớn quá"},
		{"BoothPrice2^62", func() error {
			return db.AddBooths(ctx, f.ID, []*data.Booth{{Number: "B01", WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard, Price: 1 << 62}})
		}, "Giá gian hàng B01 phải từ 0"},
		{"RegisterBooths2^40", func() error {
			_, err := db.Register(ctx, data.BookingRequest{FairID: f.ID, EnterpriseID: e.ID, BoothsWanted: 1 << 40})
			return err
		}, "Số gian hàng đăng ký phải từ 1 đến 100.000"},
		{"RegisterProductsInvalidUTF8", func() error {
			_, err := db.Register(ctx, data.BookingRequest{FairID: f.ID, EnterpriseID: e.ID, BoothsWanted: 1, Products: "G\xffm"})
			return err
		}, "Sản phẩm trưng bày có ký tự hỏng"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := storeSnapshot(t, db)
			AssertError(t, tt.write(), data.EINVALID, tt.words)
			if after := storeSnapshot(t, db); after != before {
				t.Fatalf("a refused write changed the store:\n%s\nwas\n%s", after, before)
			}
		})
	}

	// The bounds themselves are accepted, and a note keeps its lines and tabs.
	if err := db.CreateClass(ctx, class(func(c *data.Class) { c.End, c.Budget = day(2200, 12, 31), data.MaxMoney })); err != nil {
		t.Fatalf("a class ending 31/12/2200 with the largest budget: %v", err)
	}
	big := enterprise(func(e *data.Enterprise) { e.Workers, e.Notes = data.MaxWorkers, "Dòng 1\n\tDòng 2" })
	if err := db.CreateEnterprise(ctx, big); err != nil {
		t.Fatalf("an enterprise of 1.000.000 workers with a note of two lines: %v", err)
	}
	if got, err := db.FindEnterpriseByID(ctx, big.ID); err != nil || got.Notes != "Dòng 1\n\tDòng 2" {
		t.Fatalf("stored notes %q, %v", got.Notes, err)
	}
}
