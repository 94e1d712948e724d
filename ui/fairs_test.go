package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// fairs opens the fair screen on the test database, searching without delay.
func fairs(t *testing.T, m *Main, db *store.DB) *fairScreen {
	t.Helper()
	m.Services.Fairs = db
	for i, e := range m.entries {
		if e.title == "Hội chợ" {
			m.Show(i)
			if s, ok := m.Current().(*fairScreen); ok {
				s.typing.delay = 0
				return s
			}
		}
	}
	s := newFairScreen(m) // not in the navigation yet
	s.typing.delay = 0
	m.Window.SetContent(s.Content())
	return s
}

// typeFair fills the open fair form with a valid fair.
func typeFair(f *fairForm, name, start, end, deadline string) {
	f.name.SetText("")
	test.Type(f.name, name)
	test.Type(f.organiser, "Trung tâm Khuyến công Hà Nội")
	test.Type(f.venue, "Cung Văn hóa Hữu nghị")
	test.Type(f.city, "Hà Nội")
	test.Type(f.start, start)
	test.Type(f.end, end)
	f.deadline.SetText("")
	test.Type(f.deadline, deadline)
	test.Type(f.price, "12 triệu")
}

// openFair stores a fair taking registrations and opens its page.
func openFair(t *testing.T, s *fairScreen, db *store.DB) *fairPage {
	t.Helper()
	ctx := bg
	start := s.m.today().AddDays(30)
	f := &data.Fair{Code: "HC-TEST-001", Name: "Hội chợ Làng nghề Hà Nội", Kind: data.FairCentre, City: "Hà Nội",
		Start: start, End: start.AddDays(4), Deadline: start.AddDays(-10), BoothPrice: 12_000_000}
	if err := db.CreateFair(ctx, f); err != nil {
		t.Fatal(err)
	}
	f, err := db.SetFairStatus(ctx, f.ID, f.Version, data.FairOpen, "")
	if err != nil {
		t.Fatal(err)
	}
	s.open(f)
	return s.detail
}

// newFairEnterprise stores an enterprise named name.
func newFairEnterprise(t *testing.T, db *store.DB, name string) *data.Enterprise {
	t.Helper()
	e := &data.Enterprise{Kind: data.KindSmall, Name: name, Address: "Thôn Bát Tràng", Trade: "Gốm sứ", Workers: 10}
	if err := db.CreateEnterprise(bg, e); err != nil {
		t.Fatal(err)
	}
	return e
}

// addBooths types a range in the bulk form and adds it.
func addBooths(p *fairPage, numbers string) {
	p.booths.numbers.SetText("")
	test.Type(p.booths.numbers, numbers)
	p.booths.add()
}

func boothOf(t *testing.T, db *store.DB, fairID int64, number string) *data.Booth {
	t.Helper()
	bs, err := db.Booths(bg, fairID)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if b.Number == number {
			return b
		}
	}
	t.Fatalf("no booth %s", number)
	return nil
}

func TestFairScreen(t *testing.T) {
	t.Run("CreateViaForm", func(t *testing.T) {
		m, db := newTestMain(t)
		s := fairs(t, m, db)
		s.New()
		if s.detail == nil || !strings.HasPrefix(s.detail.form.code.Text, "HC-") {
			t.Fatalf("New should open a new fair with a proposed code, got %+v", s.detail)
		}
		if s.detail.form.share.Text != "100" {
			t.Fatalf("a centre's fair should default to 100%% support, form says %q", s.detail.form.share.Text)
		}
		code := s.detail.form.code.Text
		typeFair(s.detail.form, "Hội chợ Hàng thủ công mỹ nghệ Hà Nội 2026", "10/12/2026", "14/12/2026", "30/11/2026")
		s.Save()
		if s.detail.form.message.Visible() {
			t.Fatalf("save refused: %s", s.detail.form.message.Text)
		}
		f, err := db.FindFairByCode(bg, code)
		if err != nil {
			t.Fatal(err)
		}
		if f.BoothPrice != 12_000_000 || f.Rule.SharePercent != 100 || f.Start.String() != "10/12/2026" || f.Deadline.String() != "30/11/2026" {
			t.Fatalf("stored %+v", f)
		}
		if got := len(s.detail.tabs.Items); got != 4 {
			t.Fatalf("a saved fair should show 4 tabs, has %d", got)
		}
		if !strings.Contains(s.detail.header.title.Text, code) {
			t.Fatalf("title %q", s.detail.header.title.Text)
		}
		s.back()
		if s.table.Count() != 1 || s.count.Text != "1 hội chợ" {
			t.Fatalf("list shows %d (%q)", s.table.Count(), s.count.Text)
		}
		test.Type(s.search, "thu cong my nghe")
		if s.table.Count() != 1 {
			t.Fatalf("folded search found %d", s.table.Count())
		}
	})

	t.Run("ErrDeadlineAfterStart", func(t *testing.T) {
		m, db := newTestMain(t)
		s := fairs(t, m, db)
		s.New()
		typeFair(s.detail.form, "Hội chợ OCOP Hà Nội", "10/12/2026", "14/12/2026", "12/12/2026")
		s.Save()
		if !s.detail.form.message.Visible() || !strings.Contains(s.detail.form.message.Text, "Hạn đăng ký") {
			t.Fatalf("message %q", s.detail.form.message.Text)
		}
		if n, _ := db.CountFairs(bg, data.FairFilter{}); n != 0 {
			t.Fatalf("stored %d fairs", n)
		}
		if s.detail.form.name.Text != "Hội chợ OCOP Hà Nội" {
			t.Fatal("the typed name was lost")
		}
	})

	t.Run("ErrBoothNumberTwice", func(t *testing.T) {
		m, db := newTestMain(t)
		s := fairs(t, m, db)
		p := openFair(t, s, db)
		p.booths.depth.SetText("2,5")
		addBooths(p, "A01–A10")
		if p.booths.message.Visible() {
			t.Fatalf("refused: %s", p.booths.message.Text)
		}
		if len(p.booths.tiles) != 10 || !strings.Contains(p.booths.tile("A01").Text(), "3 × 2,5 m") {
			t.Fatalf("map shows %d tiles, A01 %q", len(p.booths.tiles), p.booths.tile("A01").Text())
		}
		addBooths(p, "A05–A12")
		if !p.booths.message.Visible() || !strings.Contains(p.booths.message.Text, "A05") {
			t.Fatalf("a second A05 should be refused by name: %q", p.booths.message.Text)
		}
		if bs, _ := db.Booths(bg, p.f.ID); len(bs) != 10 {
			t.Fatalf("stored %d booths, want 10: all or none", len(bs))
		}
		addBooths(p, "A40–A01")
		if !p.booths.message.Visible() {
			t.Fatal("a reversed range should be refused")
		}
		p.booths.width.SetText("0")
		addBooths(p, "B01–B02")
		if !p.booths.message.Visible() {
			t.Fatal("a booth 0 m wide should be refused")
		}
	})

	t.Run("AssignOnMapThenRefuseAndCancel", func(t *testing.T) {
		m, db := newTestMain(t)
		ctx := bg
		s := fairs(t, m, db)
		p := openFair(t, s, db)
		e1 := newFairEnterprise(t, db, "Công ty TNHH Gốm Bát Tràng")
		e2 := newFairEnterprise(t, db, "HTX Mây tre đan Phú Vinh")
		// Registered before there are booths: both wait.
		b1, err := db.Register(ctx, data.BookingRequest{FairID: p.f.ID, EnterpriseID: e1.ID, BoothsWanted: 1, Products: "Gốm men lam"})
		if err != nil {
			t.Fatal(err)
		}
		b2, err := db.Register(ctx, data.BookingRequest{FairID: p.f.ID, EnterpriseID: e2.ID, BoothsWanted: 1, Products: "Mây tre đan"})
		if err != nil {
			t.Fatal(err)
		}
		addBooths(p, "A01–A03")
		if p.booths.message.Visible() {
			t.Fatalf("refused: %s", p.booths.message.Text)
		}
		// A second clerk has the same fair open, its map read now.
		other := newFairPage(s, p.f)

		p.selectBooking(p.booking(b1.ID))
		test.Tap(p.booths.tile("A01"))
		if p.booths.message.Visible() {
			t.Fatalf("assign refused: %s", p.booths.message.Text)
		}
		if a01 := boothOf(t, db, p.f.ID, "A01"); a01.BookingID != b1.ID || a01.State != data.BoothHeld {
			t.Fatalf("A01 is %+v", a01)
		}
		if got := p.booths.tile("A01").Text(); !strings.Contains(got, "Gốm Bát Tràng") {
			t.Fatalf("the tile should name its holder: %q", got)
		}

		other.selectBooking(other.booking(b2.ID))
		test.Tap(other.booths.tile("A01")) // still free on this clerk's map
		msg := other.booths.message.Text
		if !other.booths.message.Visible() || !strings.Contains(msg, "vừa được giao cho") || !strings.Contains(msg, "Gốm Bát Tràng") {
			t.Fatalf("the second assign should be refused by name: %q", msg)
		}
		if a01 := boothOf(t, db, p.f.ID, "A01"); a01.BookingID != b1.ID {
			t.Fatalf("A01 changed hands: %+v", a01)
		}
		// The map was read again: the clerk picks A02.
		test.Tap(other.booths.tile("A02"))
		if a02 := boothOf(t, db, p.f.ID, "A02"); a02.BookingID != b2.ID {
			t.Fatalf("A02 is %+v (%s)", a02, other.booths.message.Text)
		}

		p.reload()
		p.selectBooking(p.booking(b1.ID))
		p.bookings.doCancel(p.booking(b1.ID), "Doanh nghiệp xin rút")
		if p.bookings.message.Visible() {
			t.Fatalf("cancel refused: %s", p.bookings.message.Text)
		}
		if a01 := boothOf(t, db, p.f.ID, "A01"); a01.BookingID != 0 || a01.State != data.BoothFree {
			t.Fatalf("a cancelled booking should free A01: %+v", a01)
		}
		if p.booths.tile("A01").Fill != colorFree {
			t.Fatal("the map should show A01 free")
		}
		if got := overlayText(m); !strings.Contains(got, "Đã hủy đăng ký") {
			t.Fatalf("dialog says %q", got)
		}
	})

	t.Run("RegisterShowsSupport", func(t *testing.T) {
		m, db := newTestMain(t)
		s := fairs(t, m, db)
		p := openFair(t, s, db)
		addBooths(p, "A01–A05")
		e := newFairEnterprise(t, db, "Công ty CP Sơn mài Hạ Thái")
		p.bookings.register()
		d := p.bookings.reg
		d.enterprise.SetOption(widgets.Option{Key: strconv.FormatInt(e.ID, 10), Label: e.Name})
		d.wanted.SetText("2")
		d.submit()
		if d.message.Visible() {
			t.Fatalf("refused: %s", d.message.Text)
		}
		bs, _ := db.FairBookings(bg, p.f.ID)
		if len(bs) != 1 || len(bs[0].Booths) != 2 || bs[0].Fee != 24_000_000 {
			t.Fatalf("stored %+v", bs)
		}
		got := overlayText(m)
		for _, want := range []string{"A01, A02", vn.FormatMoney(bs[0].Support), "tự trả", "100%"} {
			if !strings.Contains(got, want) {
				t.Fatalf("the dialog should say %q: %q", want, got)
			}
		}
		// The same enterprise again is refused, in the dialog.
		p.bookings.register()
		d = p.bookings.reg
		d.enterprise.SetOption(widgets.Option{Key: strconv.FormatInt(e.ID, 10), Label: e.Name})
		d.submit()
		if !d.message.Visible() || !strings.Contains(d.message.Text, "đã đăng ký") {
			t.Fatalf("a second booking should be refused: %q", d.message.Text)
		}
	})

	t.Run("RecordResults", func(t *testing.T) {
		m, db := newTestMain(t)
		ctx := bg
		s := fairs(t, m, db)
		p := openFair(t, s, db)
		addBooths(p, "A01–A02")
		e := newFairEnterprise(t, db, "Cơ sở Thêu ren Quất Động")
		b, err := db.Register(ctx, data.BookingRequest{FairID: p.f.ID, EnterpriseID: e.ID, BoothsWanted: 1})
		if err != nil {
			t.Fatal(err)
		}
		f, _ := db.FindFairByID(ctx, p.f.ID)
		if f, err = db.SetFairStatus(ctx, f.ID, f.Version, data.FairClosed, ""); err != nil {
			t.Fatal(err)
		}
		if _, err = db.SetFairStatus(ctx, f.ID, f.Version, data.FairHeld, ""); err != nil {
			t.Fatal(err)
		}
		p.reload()
		if len(p.results.lines) != 1 {
			t.Fatalf("results show %d lines", len(p.results.lines))
		}
		l := p.results.lines[0]
		test.Tap(l.attended)
		test.Type(l.sales, "150 triệu")
		test.Type(l.contracts, "3")
		test.Type(l.value, "2 tỷ")
		test.Type(l.notes, "Ký với đối tác Nhật Bản")
		p.tabs.SelectIndex(3)
		s.Save()
		if p.results.message.Visible() {
			t.Fatalf("refused: %s", p.results.message.Text)
		}
		got, _ := db.FairBookings(ctx, p.f.ID)
		if len(got) != 1 || got[0].ID != b.ID || got[0].Status != data.BookingAttended || got[0].Sales != 150_000_000 ||
			got[0].Contracts != 3 || got[0].ContractValue != 2_000_000_000 {
			t.Fatalf("stored %+v", got[0])
		}
		if history := enterpriseFairHistory(m, e.ID); history == nil {
			t.Fatal("no history")
		}
	})
	t.Run("AbroadBeyondLimitWithoutSupport", func(t *testing.T) {
		m, db := newTestMain(t)
		ctx := bg
		s := fairs(t, m, db)
		e := newFairEnterprise(t, db, "Công ty TNHH Mỹ nghệ Chàng Sơn")
		var last *data.Fair
		for i := range 3 {
			start := s.m.today().AddDays(40 + 10*i)
			f := &data.Fair{Code: "HC-NN-00" + strconv.Itoa(i+1), Name: "Hội chợ Osaka " + strconv.Itoa(i+1), Kind: data.FairAbroad,
				City: "Osaka", Country: "Nhật Bản", Start: start, End: start.AddDays(3), BoothPrice: 40_000_000}
			if err := db.CreateFair(ctx, f); err != nil {
				t.Fatal(err)
			}
			f, err := db.SetFairStatus(ctx, f.ID, f.Version, data.FairOpen, "")
			if err != nil {
				t.Fatal(err)
			}
			if i < 2 {
				if _, err := db.Register(ctx, data.BookingRequest{FairID: f.ID, EnterpriseID: e.ID, BoothsWanted: 1}); err != nil {
					t.Fatal(err)
				}
			}
			last = f
		}
		s.open(last)
		p := s.detail
		p.bookings.register()
		d := p.bookings.reg
		if d.noSupport.Visible() {
			t.Fatal("\"without support\" should wait for the store's refusal")
		}
		d.enterprise.SetOption(widgets.Option{Key: strconv.FormatInt(e.ID, 10), Label: e.Name})
		d.submit()
		if !d.message.Visible() || !d.noSupport.Visible() {
			t.Fatalf("a third fair abroad should be refused with the choice offered: %q", d.message.Text)
		}
		test.Tap(d.noSupport)
		d.submit()
		bs, _ := db.FairBookings(ctx, last.ID)
		if len(bs) != 1 || !bs[0].WithoutSupport || bs[0].Support != 0 {
			t.Fatalf("stored %+v", bs)
		}
		if got := overlayText(m); !strings.Contains(got, "không hỗ trợ") {
			t.Fatalf("dialog says %q", got)
		}
	})
}

// A viewer opens a craft village read-only: its Save and Delete are disabled (the Delete button
// was once disabled before it was made, and the page panicked).
func TestFairsVillageFormReadOnly(t *testing.T) {
	m, db := newSupportMain(t)
	v := newVillage(t, db, "Làng lụa Vạn Phúc")
	viewer := sampleViewer
	m.user = &viewer
	s := showScreen[*villageScreen](t, m)
	s.open(v)
	if !s.detail.form.remove.Disabled() {
		t.Fatal("a viewer should not be offered Delete")
	}
}
