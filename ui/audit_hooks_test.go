package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// historyButtons are the visible "Lịch sử thay đổi" buttons laid out in o (a payment's is its icon alone).
func historyButtons(o fyne.CanvasObject) []*widget.Button {
	var out []*widget.Button
	for _, l := range test.LaidOutObjects(o) {
		if b, ok := l.(*widget.Button); ok && b.Icon == theme.HistoryIcon() && b.Visible() {
			out = append(out, b)
		}
	}
	return out
}

// TestHistoryOnEveryRecord opens each kind of record the window edits, as the store keeps it, and
// taps its history button: the dialog is the history of that very record.
func TestHistoryOnEveryRecord(t *testing.T) {
	m, db := newStoreAuditMain(t)
	withSupport(m)
	ctx := m.ctx()
	year := m.today().Year
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	ent := &data.Enterprise{Kind: data.KindSmall, Name: "Công ty TNHH Gốm Minh Long"}
	must(db.CreateEnterprise(ctx, ent))
	plan := &data.Plan{Year: year, Name: "Kế hoạch khuyến công năm"}
	must(db.SavePlan(ctx, plan))
	g := &data.Programme{PlanID: plan.ID, Code: "ĐA-03", Name: "Hỗ trợ máy móc cho cơ sở gốm", Content: data.ContentTechnology,
		Funding: data.FundingLocal, Start: m.today().AddDays(-30), End: m.today().AddDays(200), Support: 2_000_000_000}
	must(db.CreateProgramme(ctx, g))
	g, err := db.SetProgrammeStatus(ctx, g.ID, g.Version, data.ProgrammeApproved, "")
	must(err)
	q := &data.Equipment{EnterpriseID: ent.ID, ProgrammeID: g.ID, Kind: data.EquipmentMachine, What: "Lò nung gas 3 m³",
		RequestedOn: m.today(), Investment: 600_000_000, Requested: 150_000_000}
	must(db.CreateEquipment(ctx, q))
	pay := &data.Payment{ProgrammeID: g.ID, Kind: data.PaymentFinal, Date: m.today(), Amount: 100_000_000, Voucher: "PC-17"} // general costs of the đề án
	must(db.AddPayment(ctx, pay))
	v := &data.Village{Name: "Làng gốm Bát Tràng", Trade: "Gốm sứ", Households: 120, Workers: 400}
	must(db.CreateVillage(ctx, v))
	tr := &data.Trainee{Name: vn.SplitName("Nguyễn Thị Ánh Tuyết"), Female: true, BirthDate: vn.Date{Year: 1990, Month: 4, Day: 1}}
	must(db.CreateTrainee(ctx, tr, true))
	c := data.NewClass()
	c.Code, c.Name, c.Kind, c.Trade = "LH-2026-001", "Lớp truyền nghề gốm sứ Bát Tràng", data.ClassKindCraft, "Gốm sứ"
	c.Start, c.End = vn.Date{Year: year, Month: 3, Day: 2}, vn.Date{Year: year, Month: 5, Day: 8}
	c.Hours, c.Capacity = 240, 30
	must(db.CreateClass(ctx, c))
	start := m.today().AddDays(30)
	f := &data.Fair{Code: "HC-TEST-001", Name: "Hội chợ Làng nghề Hà Nội", Kind: data.FairCentre, City: "Hà Nội",
		Start: start, End: start.AddDays(4), Deadline: start.AddDays(-10), BoothPrice: 12_000_000}
	must(db.CreateFair(ctx, f))
	f, err = db.SetFairStatus(ctx, f.ID, f.Version, data.FairOpen, "")
	must(err)
	b, err := db.Register(ctx, data.BookingRequest{FairID: f.ID, EnterpriseID: ent.ID, BoothsWanted: 1, Products: "Gốm men lam"})
	must(err)

	for _, tc := range []struct {
		name  string
		open  func() fyne.CanvasObject
		title string
		// shows is a field the history must show: the records a record points to by their names
		shows string
	}{
		{"Trainee", func() fyne.CanvasObject { return newTraineeForm(m, tr, nil, nil).content }, "Học viên Nguyễn Thị Ánh Tuyết", "Nữ"},
		{"Class", func() fyne.CanvasObject { return newClassPage(newClassScreen(m), c).content }, "Lớp học LH-2026-001", "Lớp truyền nghề gốm sứ Bát Tràng"},
		{"Fair", func() fyne.CanvasObject { return newFairPage(newFairScreen(m), f).header.content }, "Hội chợ HC-TEST-001", "Đang nhận đăng ký"},
		{"Booking", func() fyne.CanvasObject {
			p := newFairPage(newFairScreen(m), f)
			p.selectBooking(b)
			p.bookings.showDetail()
			return p.bookings.content
		}, "Đăng ký gian hàng Công ty TNHH Gốm Minh Long", "HC-TEST-001"},
		{"Programme", func() fyne.CanvasObject { return newProgrammePage(newProgrammeScreen(m), g).header.content }, "Đề án ĐA-03", "bản ghi số " + strconv.FormatInt(plan.ID, 10)}, // a plan has no name of its own
		{"Payment", func() fyne.CanvasObject { return newProgrammePage(newProgrammeScreen(m), g).payments.content }, "Thanh toán PC-17", "100.000.000 đ"},
		{"Equipment", func() fyne.CanvasObject { return newEquipmentPage(newEquipmentScreen(m), q).content }, "Hỗ trợ thiết bị ", "Công ty TNHH Gốm Minh Long"},
		{"Village", func() fyne.CanvasObject {
			p, err := newVillagePage(newVillageScreen(m), v)
			must(err)
			return p.header.content
		}, "Làng nghề Làng gốm Bát Tràng", "Gốm sứ"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, o := range m.Window.Canvas().Overlays().List() {
				m.Window.Canvas().Overlays().Remove(o)
			}
			content := tc.open()
			m.Window.SetContent(content)
			bs := historyButtons(content)
			if len(bs) != 1 {
				t.Fatalf("%d history buttons, want 1", len(bs))
			}
			test.Tap(bs[0])
			got := overlayText(m)
			if !strings.Contains(got, "Lịch sử thay đổi: "+tc.title) || !strings.Contains(got, "tester · Thêm mới") || !strings.Contains(got, tc.shows) {
				t.Fatalf("the button does not show the record's history:\n%s", got)
			}
		})
	}
}

// TestHistoryOfCertificate shows a certificate in the register's panel: its button reads the
// history of that certificate.
func TestHistoryOfCertificate(t *testing.T) {
	f := &fakeAudit{}
	f.add(0, "lanhdao", "issue", "certificate", 41, "KC-2026-000041", created("serial", "KC-2026-000041"))
	m := newAuditMain(t, f)
	p := newCertificatePanel(m, nil, nil)
	p.show(&data.Certificate{ID: 41, Status: data.CertIssued, Content: data.CertificateContent{Serial: "KC-2026-000041", TraineeName: "Trần Văn An"}})
	test.Tap(p.changes.button)
	if got := overlayText(m); !strings.Contains(got, "Lịch sử thay đổi: Chứng chỉ KC-2026-000041") || !strings.Contains(got, "lanhdao · Cấp") {
		t.Fatalf("the panel's button does not show the certificate's history:\n%s", got)
	}
	if f.last.Entity != "certificate" || f.last.EntityID != 41 {
		t.Fatalf("history read for %s %d, want certificate 41", f.last.Entity, f.last.EntityID)
	}
}
