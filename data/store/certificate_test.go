package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// signer is the director the tests put in the settings.
const signer = "Nguyễn Văn Hùng"

// CertSnapshot counts what a certificate write can change, to check that a refused one changed
// nothing.
func CertSnapshot(tb testing.TB, db *store.DB) string {
	tb.Helper()
	var state string
	if err := db.SQL().QueryRow(`SELECT (SELECT count(*) FROM certificates) || ' ' || (SELECT count(*) FROM certificate_search) || ' ' ||
		(SELECT count(*) FROM settings) || ' ' ||
		COALESCE((SELECT string_agg(id || status || version || received_on || COALESCE(CAST(replaced_by AS TEXT), '-'), ',' ORDER BY id) FROM certificates), '')`).Scan(&state); err != nil {
		tb.Fatal(err)
	}
	return TrainingSnapshot(tb, db) + " " + state
}

// AssertCertsUnchanged fails unless the store is as the snapshot before says.
func AssertCertsUnchanged(tb testing.TB, db *store.DB, before string) {
	tb.Helper()
	if after := CertSnapshot(tb, db); after != before {
		tb.Fatalf("a refused write changed the store:\n%s\nwas\n%s", after, before)
	}
}

// MustSetSigner stores the default organisation with the signer's name (or none when name is "").
func MustSetSigner(tb testing.TB, db *store.DB, name string) {
	tb.Helper()
	o := data.DefaultOrganisation()
	o.DirectorName = name
	if err := db.SaveOrganisation(ctx, o); err != nil {
		tb.Fatal(err)
	}
}

// trainee is a trainee of FinishedClass: a score (typed as a trainer types it, "" for none).
type trainee struct{ name, score string }

// births gives every trainee FinishedClass makes a birth date of their own.
var births = 0

// FinishedClass makes class code (20 sessions, Tuesdays and Thursdays from 02/03/2026 to
// 08/05/2026, everyone present at each), enrols the trainees with their scores, and finishes it.
func FinishedClass(tb testing.TB, db *store.DB, code string, ts ...trainee) (*data.Class, []*data.Enrollment) {
	tb.Helper()
	MustSealKey(tb, db)
	c := NewClass(code)
	c.Capacity = max(len(ts), 1)
	MustCreateClass(tb, db, c)
	var es []*data.Enrollment
	for _, t := range ts {
		births++
		tr := MustCreateTrainee(tb, db, NewTrainee(t.name, day(1970+births%30, time.Month(1+births%12), 1+births%28)))
		es = append(es, MustEnroll(tb, db, c, tr)...)
	}
	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Tuesday, time.Thursday})
	if err != nil {
		tb.Fatal(err)
	}
	for _, s := range ss {
		if _, err := db.MarkAllPresent(ctx, s.ID); err != nil {
			tb.Fatal(err)
		}
	}
	for i, t := range ts {
		if t.score == "" {
			continue
		}
		score, err := data.ParseScore(t.score)
		if err != nil {
			tb.Fatal(err)
		}
		if es[i], err = db.SetScore(ctx, es[i].ID, es[i].Version, score); err != nil {
			tb.Fatal(err)
		}
	}
	c = MustClass(tb, db, c.ID)
	return MustSetStatus(tb, db, c, data.ClassRunning, data.ClassFinished), es
}

// request is a complete issue request for a class, issued today.
func request(classID int64) data.IssueRequest {
	return data.IssueRequest{ClassID: classID, DecisionNo: "125/QĐ-TTKC", DecisionDate: day(2026, 11, 20)}
}

// Serials returns the serials of certificates.
func Serials(cs []*data.Certificate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Content.Serial)
	}
	return out
}

// mustIssue issues the class's certificates.
func mustIssue(tb testing.TB, db *store.DB, classID int64) *data.IssueResult {
	tb.Helper()
	res, err := db.IssueCertificates(ctx, request(classID))
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

func TestIssueCertificates(t *testing.T) {
	db := MustOpenDB(t)
	c, _ := FinishedClass(t, db, "LH-2026-001",
		trainee{"Nguyễn Thị Ánh Tuyết", "8,5"}, trainee{"Phạm Đức Anh", "4"}, trainee{"Ỷ La", "7"},
		trainee{"Lê Văn Bình", ""}, trainee{"Trần Văn An", "10"})
	running := MustCreateClass(t, db, NewClass("LH-2026-002"))
	MustSetStatus(t, db, running, data.ClassRunning)
	before := CertSnapshot(t, db)

	for _, tt := range []struct {
		name  string
		edit  func(*data.IssueRequest)
		code  string
		words []string
	}{
		{"ErrNoSigner", func(*data.IssueRequest) {}, data.EINVALID, []string{"Chưa có họ tên người ký trong Cài đặt"}},
		{"ErrNoDecision", func(r *data.IssueRequest) { r.DecisionNo = " " }, data.EINVALID, []string{"số quyết định"}},
		{"ErrNoDecisionDate", func(r *data.IssueRequest) { r.DecisionDate = vn.Date{} }, data.EINVALID, []string{"ngày ký quyết định"}},
		{"ErrFuture", func(r *data.IssueRequest) { r.IssuedOn = day(2026, 12, 1) }, data.EINVALID, []string{"Ngày cấp 01/12/2026 là ngày chưa tới"}},
		{"ErrBeforeDecision", func(r *data.IssueRequest) { r.IssuedOn = day(2026, 11, 19) }, data.EINVALID, []string{"trước ngày ký quyết định 20/11/2026"}},
		{"ErrNotFinished", func(r *data.IssueRequest) { r.ClassID = running.ID }, data.EINVALID, []string{"Lớp LH-2026-002 chưa kết thúc", "Đang học"}},
		{"ErrNoClass", func(r *data.IssueRequest) { r.ClassID = 999 }, data.ENOTFOUND, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := request(c.ID)
			tt.edit(&r)
			_, err := db.IssueCertificates(ctx, r)
			AssertError(t, err, tt.code, tt.words...)
			AssertCertsUnchanged(t, db, before)
		})
		if tt.name == "ErrNoSigner" {
			MustSetSigner(t, db, signer)
			before = CertSnapshot(t, db)
		}
	}

	res := mustIssue(t, db, c.ID)
	if got, want := Serials(res.Issued), []string{"KC-2026-000001", "KC-2026-000002", "KC-2026-000003"}; !slices.Equal(got, want) {
		t.Fatalf("issued %q, want %q", got, want)
	}
	var names []string
	for _, cert := range res.Issued {
		names = append(names, cert.Content.TraineeName)
	}
	if want := []string{"Trần Văn An", "Ỷ La", "Nguyễn Thị Ánh Tuyết"}; !slices.Equal(names, want) {
		t.Fatalf("issued to %q, want %q (roster order, by given name)", names, want)
	}
	var skipped []string
	for _, v := range res.Skipped {
		skipped = append(skipped, v.TraineeName.Full()+": "+v.Reason)
	}
	if want := []string{"Phạm Đức Anh: Điểm 4,0 dưới điểm đạt 5,0", "Lê Văn Bình: Chưa có điểm"}; !slices.Equal(skipped, want) {
		t.Fatalf("skipped %q, want %q", skipped, want)
	}

	tuyet := res.Issued[2]
	got := tuyet.Content
	got.VerifyText = ""
	want := data.CertificateContent{
		Title: "CHỨNG CHỈ", ParentAuthority: "SỞ CÔNG THƯƠNG HÀ NỘI", Centre: data.DefaultOrganisation().Name, City: "Hà Nội",
		TraineeName: "Nguyễn Thị Ánh Tuyết", BirthDate: got.BirthDate, Trade: "Gốm sứ", ClassName: "Lớp truyền nghề gốm sứ Bát Tràng",
		ClassCode: "LH-2026-001", ClassKind: "Truyền nghề", Start: day(2026, 3, 2), End: day(2026, 5, 8), Hours: 240, Grade: "Giỏi",
		Serial: "KC-2026-000003", RegisterNo: 3, RegisterYear: 2026, IssuedOn: day(2026, 11, 28),
		DecisionNo: "125/QĐ-TTKC", DecisionDate: day(2026, 11, 20), SignerTitle: "GIÁM ĐỐC", SignerName: signer,
	}
	if got != want || got.BirthDate.IsZero() {
		t.Fatalf("content\n%+v\nwant\n%+v", got, want)
	}
	if tuyet.Status != data.CertIssued || tuyet.Version != 1 || tuyet.Content.RegisterLabel() != "3/2026" {
		t.Fatalf("certificate %+v", tuyet)
	}
	stored, err := db.FindCertificateByID(ctx, tuyet.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Content != tuyet.Content || stored.Hash != tuyet.Hash || stored.EnrollmentID != tuyet.EnrollmentID {
		t.Fatalf("stored %+v\nissued %+v", stored, tuyet)
	}
	var content, hash string
	if err := db.SQL().QueryRow(db.Rebind(`SELECT content, hash FROM certificates WHERE id = ?`), tuyet.ID).Scan(&content, &hash); err != nil {
		t.Fatal(err)
	}
	if sum := sha256.Sum256([]byte(content)); hex.EncodeToString(sum[:]) != hash || hash != tuyet.Hash {
		t.Fatalf("hash %s of %s", hash, content)
	}

	// The QR text names the certificate and carries the centre's signature.
	text, err := data.ParseCertificateText(tuyet.Content.VerifyText)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := db.PublicKey(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if text.Serial != "KC-2026-000003" || text.Name != "Nguyễn Thị Ánh Tuyết" || text.ClassCode != "LH-2026-001" ||
		text.IssuedOn != "28/11/2026" || text.BirthDate != tuyet.Content.BirthDate.String() || !text.VerifiedBy(pub) {
		t.Fatalf("QR text %+v", text)
	}

	// The class is certified, its version bumped; its results are frozen.
	if cc := MustClass(t, db, c.ID); cc.Status != data.ClassCertified || cc.Version != c.Version+1 {
		t.Fatalf("class %s version %d, want %s version %d", cc.Status, cc.Version, data.ClassCertified, c.Version+1)
	}

	// Issuing twice issues nothing and writes nothing.
	before = CertSnapshot(t, db)
	_, err = db.IssueCertificates(ctx, request(c.ID))
	AssertError(t, err, data.EINVALID, "Cả 3 học viên đủ điều kiện của lớp LH-2026-001 đã được cấp chứng chỉ")
	AssertCertsUnchanged(t, db, before)

	// The audit trail has a row per certificate and the class's move.
	var n int
	if err := db.SQL().QueryRow(`SELECT count(*) FROM audit WHERE (entity = 'certificate' AND action = 'issue' AND "user" = 'thu.nguyen')
		OR (entity = 'class' AND action = 'status' AND detail LIKE '%da_cap_chung_chi%')`).Scan(&n); err != nil || n != 4 {
		t.Fatalf("audit rows %d, %v; want 4", n, err)
	}
}

func TestIssueCertificates_NoneEligible(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{"Phạm Đức Anh", "4"}, trainee{"Lê Văn Bình", ""})
	before := CertSnapshot(t, db)
	_, err := db.IssueCertificates(ctx, request(c.ID))
	AssertError(t, err, data.EINVALID, "Lớp LH-2026-001 không có học viên nào đủ điều kiện", "Phạm Đức Anh: Điểm 4,0 dưới điểm đạt 5,0")
	AssertCertsUnchanged(t, db, before)
}

func TestIssueCertificates_PipeInName(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{"Trần Văn An", "8"}, trainee{"Ngô|Ỷ La", "8"})
	before := CertSnapshot(t, db)
	_, err := db.IssueCertificates(ctx, request(c.ID))
	AssertError(t, err, data.EINVALID, "có dấu |")
	AssertCertsUnchanged(t, db, before)
}

func TestIssueCertificates_LongName(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	long := "Công Tằng Tôn Nữ" + strings.Repeat(" Hoàng", 10) + " Ánh"
	if n := utf8.RuneCountInString(long); n != 80 {
		t.Fatalf("name of %d characters", n)
	}
	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{long, "9"})
	res := mustIssue(t, db, c.ID)
	cert, err := db.FindCertificateByID(ctx, res.Issued[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	text, err := data.ParseCertificateText(cert.Content.VerifyText)
	if cert.Content.TraineeName != long || err != nil || text.Name != long {
		t.Fatalf("stored %q, QR %q (%v)", cert.Content.TraineeName, text.Name, err)
	}
	v, err := db.Verify(ctx, cert.Content.VerifyText)
	if err != nil || v.Verdict != data.VerdictValid {
		t.Fatalf("Verify: %+v, %v", v, err)
	}
}

func TestIssueCertificates_Settings(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	s, err := db.CertificateSettings(ctx)
	if err != nil || s.SerialPrefix != "KC" || s.Title(data.ClassKindOfficials) != "GIẤY CHỨNG NHẬN" {
		t.Fatalf("default settings %+v, %v", s, err)
	}
	s.SerialPrefix = "A|B"
	AssertError(t, db.SaveCertificateSettings(ctx, s), data.EINVALID, "Tiền tố số hiệu")
	s = data.DefaultCertificateSettings()
	s.SerialPrefix, s.SmallFormat = " TTKC ", true
	s.Titles[data.ClassKindCraft] = "CHỨNG CHỈ SƠ CẤP"
	if err := db.SaveCertificateSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	saved, err := db.CertificateSettings(ctx)
	if err != nil || saved.SerialPrefix != "TTKC" || !saved.SmallFormat || saved.Title(data.ClassKindCraft) != "CHỨNG CHỈ SƠ CẤP" {
		t.Fatalf("saved settings %+v, %v", saved, err)
	}
	err = db.SetSetting(ctx, "store.certificate_key", "x")
	AssertError(t, err, data.EINVALID, "không được bắt đầu bằng")

	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{"Trần Văn An", "8"})
	res := mustIssue(t, db, c.ID)
	if got := res.Issued[0].Content; got.Serial != "TTKC-2026-000001" || got.Title != "CHỨNG CHỈ SƠ CẤP" {
		t.Fatalf("content %+v", got)
	}
}

func TestIssueCertificates_Concurrent(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	const per = 25
	var classes []*data.Class
	for _, code := range []string{"LH-2026-001", "LH-2026-002"} {
		var ts []trainee
		for i := range per {
			ts = append(ts, trainee{fmt.Sprintf("Nguyễn Văn %s%d", code[len(code)-1:], i), "8"})
		}
		c, _ := FinishedClass(t, db, code, ts...)
		classes = append(classes, c)
	}
	// Two programs on the same database, each issuing one class at the same moment.
	other := MustOpenAgain(t, db)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	start := make(chan struct{})
	for i, d := range []*store.DB{db, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = d.IssueCertificates(ctx, request(classes[i].ID))
		}()
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.FindCertificates(ctx, data.CertificateFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2*per {
		t.Fatalf("%d certificates, want %d", len(all), 2*per)
	}
	serials := map[string]bool{}
	for i, c := range all {
		if c.Content.RegisterNo != i+1 || c.Content.Serial != fmt.Sprintf("KC-2026-%06d", i+1) {
			t.Fatalf("register row %d: number %d serial %s", i+1, c.Content.RegisterNo, c.Content.Serial)
		}
		serials[c.Content.Serial] = true
	}
	if len(serials) != 2*per {
		t.Fatalf("duplicate serials: %d distinct", len(serials))
	}
	// Each class's numbers are one run: one transaction each.
	for _, c := range classes {
		id := c.ID
		cs, err := db.FindCertificates(ctx, data.CertificateFilter{ClassID: &id})
		if err != nil {
			t.Fatal(err)
		}
		if first, last := cs[0].Content.RegisterNo, cs[len(cs)-1].Content.RegisterNo; last-first != per-1 {
			t.Fatalf("class %s numbered %d–%d", c.Code, first, last)
		}
	}
	// One key, made once, whoever signed.
	k1, err1 := db.PublicKey(ctx)
	k2, err2 := other.PublicKey(ctx)
	if err1 != nil || err2 != nil || !k1.Equal(k2) {
		t.Fatalf("keys %x, %x (%v, %v)", k1, k2, err1, err2)
	}
	// The two programs' rows are one chain.
	if r, err := db.CheckRegister(ctx, 2026); err != nil || r.Problem != "" || r.Rows != 2*per {
		t.Fatalf("register after concurrent issues: %+v, %v", r, err)
	}
}

// issuedDB returns a database with class LH-2026-001 issued to three trainees.
func issuedDB(t *testing.T) (*store.DB, []*data.Certificate) {
	t.Helper()
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{"Nguyễn Thị Ánh Tuyết", "8,5"}, trainee{"Ỷ La", "7"}, trainee{"Trần Văn An", "10"})
	return db, mustIssue(t, db, c.ID).Issued
}

// TestFindCertificates searches the register as the clerk types: folded, by any word's start, in
// the serial, the trainee's name, the class's code and name.
func TestFindCertificates(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{"Nguyễn Thị Ánh Tuyết", "8,5"}, trainee{"Trần Văn An", "10"})
	mustIssue(t, db, c.ID)
	other, _ := FinishedClass(t, db, "LH-2026-002", trainee{"Lê Thị Hoa", "9"})
	mustIssue(t, db, other.ID)
	for _, tt := range []struct {
		name, search string
		want         []string
	}{
		{"Folded", "anh tuyet", []string{"Nguyễn Thị Ánh Tuyết"}},
		{"Accents", "Ánh Tuyết", []string{"Nguyễn Thị Ánh Tuyết"}},
		{"WordStart", "tuy", []string{"Nguyễn Thị Ánh Tuyết"}},
		{"Serial", "KC-2026-000003", []string{"Lê Thị Hoa"}},
		{"ClassCode", "lh-2026-001", []string{"Nguyễn Thị Ánh Tuyết", "Trần Văn An"}},
		{"ClassName", "gốm sứ", []string{"Nguyễn Thị Ánh Tuyết", "Trần Văn An", "Lê Thị Hoa"}},
		{"NotAWordStart", "uyet", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := db.FindCertificates(ctx, data.CertificateFilter{Search: tt.search})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.Content.TraineeName)
			}
			slices.Sort(got)
			want := slices.Sorted(slices.Values(tt.want))
			if !slices.Equal(got, want) {
				t.Fatalf("found %v, want %v", got, want)
			}
		})
	}
}

func TestRevokeAndReissue(t *testing.T) {
	db, certs := issuedDB(t)
	an := certs[0]
	before := CertSnapshot(t, db)
	for _, tt := range []struct {
		name  string
		do    func() error
		code  string
		words string
	}{
		{"RevokeNoReason", func() error { _, err := db.RevokeCertificate(ctx, an.ID, 1, vn.Date{}, "  "); return err }, data.EINVALID, "Hãy ghi lý do thu hồi chứng chỉ KC-2026-000001"},
		{"RevokeStale", func() error { _, err := db.RevokeCertificate(ctx, an.ID, 2, vn.Date{}, "Sai"); return err }, data.ECONFLICT, "vừa được người khác sửa"},
		{"RevokeFuture", func() error { _, err := db.RevokeCertificate(ctx, an.ID, 1, day(2026, 12, 1), "Sai"); return err }, data.EINVALID, "ngày chưa tới"},
		{"RevokeBeforeIssue", func() error { _, err := db.RevokeCertificate(ctx, an.ID, 1, day(2026, 11, 1), "Sai"); return err }, data.EINVALID, "trước ngày cấp"},
		{"RevokeMissing", func() error { _, err := db.RevokeCertificate(ctx, 999, 1, vn.Date{}, "Sai"); return err }, data.ENOTFOUND, "Không tìm thấy chứng chỉ"},
		{"ReissueNoReason", func() error { _, err := db.ReissueCertificate(ctx, an.ID, 1, vn.Date{}, ""); return err }, data.EINVALID, "Hãy ghi lý do cấp lại"},
		{"ReissueStale", func() error { _, err := db.ReissueCertificate(ctx, an.ID, 3, vn.Date{}, "Mất"); return err }, data.ECONFLICT, "vừa được người khác sửa"},
		{"ReceivedFuture", func() error { _, err := db.SetReceivedOn(ctx, an.ID, 1, day(2026, 12, 1)); return err }, data.EINVALID, "ngày chưa tới"},
		{"ReceivedBeforeIssue", func() error { _, err := db.SetReceivedOn(ctx, an.ID, 1, day(2026, 11, 27)); return err }, data.EINVALID, "trước ngày cấp"},
		{"ReceivedStale", func() error { _, err := db.SetReceivedOn(ctx, an.ID, 9, day(2026, 11, 28)); return err }, data.ECONFLICT, "vừa được người khác sửa"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			AssertError(t, tt.do(), tt.code, tt.words)
			AssertCertsUnchanged(t, db, before)
		})
	}

	got, err := db.SetReceivedOn(ctx, an.ID, 1, day(2026, 11, 28))
	if err != nil || got.ReceivedOn != day(2026, 11, 28) || got.Version != 2 {
		t.Fatalf("received: %+v, %v", got, err)
	}
	revoked, err := db.RevokeCertificate(ctx, an.ID, got.Version, vn.Date{}, "Cấp nhầm người")
	if err != nil || revoked.Status != data.CertRevoked || revoked.Reason != "Cấp nhầm người" || revoked.RevokedOn != day(2026, 11, 28) || revoked.Version != 3 {
		t.Fatalf("revoked: %+v, %v", revoked, err)
	}
	_, err = db.RevokeCertificate(ctx, an.ID, revoked.Version, vn.Date{}, "Lần nữa")
	AssertError(t, err, data.EINVALID, "đã bị thu hồi ngày 28/11/2026")

	// A revoked certificate may be re-issued; the new one takes the next number.
	second, err := db.ReissueCertificate(ctx, an.ID, revoked.Version, vn.Date{}, "Sửa ngày sinh theo CCCD")
	if err != nil {
		t.Fatal(err)
	}
	if c := second.Content; c.Serial != "KC-2026-000004" || c.RegisterNo != 4 || c.Replaces != "KC-2026-000001" || c.TraineeName != "Trần Văn An" ||
		second.Status != data.CertIssued || second.EnrollmentID != an.EnrollmentID {
		t.Fatalf("re-issued %+v", second)
	}
	old, err := db.FindCertificateBySerial(ctx, "kc-2026-000001")
	if err != nil || old.Status != data.CertReplaced || old.ReplacedBy != "KC-2026-000004" || old.Reason != "Sửa ngày sinh theo CCCD" {
		t.Fatalf("old: %+v, %v", old, err)
	}
	// The predecessor cannot be re-issued or revoked again: its successor is named.
	before = CertSnapshot(t, db)
	_, err = db.ReissueCertificate(ctx, old.ID, old.Version, vn.Date{}, "Mất")
	AssertError(t, err, data.EINVALID, "đã được cấp lại bằng chứng chỉ KC-2026-000004", "mở chứng chỉ KC-2026-000004")
	_, err = db.RevokeCertificate(ctx, old.ID, old.Version, vn.Date{}, "Mất")
	AssertError(t, err, data.EINVALID, "hãy thu hồi chứng chỉ KC-2026-000004")
	AssertCertsUnchanged(t, db, before)

	// A re-issue of a certificate in force.
	third, err := db.ReissueCertificate(ctx, second.ID, second.Version, vn.Date{}, "Mất bản gốc")
	if err != nil || third.Content.Serial != "KC-2026-000005" || third.Content.Replaces != "KC-2026-000004" {
		t.Fatalf("third: %+v, %v", third, err)
	}

	// Verification follows the chain: the first two texts are replaced, the last valid.
	for _, tt := range []struct {
		text    string
		verdict data.Verdict
		words   string
	}{
		{an.Content.VerifyText, data.VerdictReplaced, "đã được CẤP LẠI bằng chứng chỉ KC-2026-000004"},
		{second.Content.VerifyText, data.VerdictReplaced, "KC-2026-000005"},
		{third.Content.VerifyText, data.VerdictValid, "Chứng chỉ KC-2026-000005 hợp lệ: cấp cho Trần Văn An"},
		{"KC-2026-000005", data.VerdictValid, "hãy quét mã QR"},
		{" kc-2026-000002 ", data.VerdictValid, "Ỷ La"},
	} {
		v, err := db.Verify(ctx, tt.text)
		if err != nil || v.Verdict != tt.verdict || !strings.Contains(v.Message, tt.words) {
			t.Fatalf("Verify(%.30s): %+v, %v; want %s with %q", tt.text, v, err, tt.verdict, tt.words)
		}
	}
	revoked, err = db.RevokeCertificate(ctx, third.ID, third.Version, vn.Date{}, "Học viên gian lận")
	if err != nil {
		t.Fatal(err)
	}
	v, err := db.Verify(ctx, third.Content.VerifyText)
	if err != nil || v.Verdict != data.VerdictRevoked || !strings.Contains(v.Message, "THU HỒI ngày 28/11/2026, lý do: Học viên gian lận") {
		t.Fatalf("revoked: %+v, %v", v, err)
	}

	// The register lists everything, in order, and finds by the folded search.
	year, status, classID := 2026, data.CertReplaced, an.ClassID
	for _, tt := range []struct {
		f    data.CertificateFilter
		want []string
	}{
		{data.CertificateFilter{}, []string{"KC-2026-000001", "KC-2026-000002", "KC-2026-000003", "KC-2026-000004", "KC-2026-000005"}},
		{data.CertificateFilter{Search: "tuyet"}, []string{"KC-2026-000003"}},
		{data.CertificateFilter{Search: "văn an"}, []string{"KC-2026-000001", "KC-2026-000004", "KC-2026-000005"}},
		{data.CertificateFilter{Search: "000004"}, []string{"KC-2026-000004"}},
		{data.CertificateFilter{Search: "gom su bat trang", Status: &status}, []string{"KC-2026-000001", "KC-2026-000004"}},
		{data.CertificateFilter{Year: &year, ClassID: &classID, Offset: 1, Limit: 2}, []string{"KC-2026-000002", "KC-2026-000003"}},
	} {
		got, err := db.FindCertificates(ctx, tt.f)
		if err != nil || !slices.Equal(Serials(got), tt.want) {
			t.Fatalf("FindCertificates(%+v) = %q, %v; want %q", tt.f, Serials(got), err, tt.want)
		}
		tt.f.Offset, tt.f.Limit = 0, 0
		all, err := db.FindCertificates(ctx, tt.f)
		if n, errCount := db.CountCertificates(ctx, tt.f); err != nil || errCount != nil || n != len(all) || n < len(tt.want) {
			t.Fatalf("CountCertificates(%+v) = %d, %v; want %d", tt.f, n, errCount, len(all))
		}
	}
	other := 2025
	if n, err := db.CountCertificates(ctx, data.CertificateFilter{Year: &other}); err != nil || n != 0 {
		t.Fatalf("count 2025: %d, %v", n, err)
	}
}

func TestVerify(t *testing.T) {
	db, certs := issuedDB(t)
	text := certs[2].Content.VerifyText // Nguyễn Thị Ánh Tuyết
	v, err := db.Verify(ctx, text)
	if err != nil || v.Verdict != data.VerdictValid || v.Certificate == nil || v.Certificate.ID != certs[2].ID {
		t.Fatalf("Verify: %+v, %v", v, err)
	}

	// Altered by one character anywhere: forged.
	for _, alt := range []string{
		strings.Replace(text, "Tuyết", "Tuyệt", 1),
		strings.Replace(text, "|28/11/2026|", "|28/11/2025|", 1),
		strings.Replace(text, "LH-2026-001", "LH-2026-007", 1),
		text[:len(text)-3] + flip(text[len(text)-3]) + text[len(text)-2:],
	} {
		v, err := db.Verify(ctx, alt)
		if err != nil || v.Verdict != data.VerdictForged || !strings.Contains(v.Message, "GIẢ MẠO") {
			t.Fatalf("Verify(%q): %+v, %v", alt, v, err)
		}
	}
	// Another serial of the register: forged (it does not match that serial's entry).
	v, err = db.Verify(ctx, strings.Replace(text, "000003", "000001", 1))
	if err != nil || v.Verdict != data.VerdictForged {
		t.Fatalf("serial swapped: %+v, %v", v, err)
	}
	// A serial not in the register: unknown, signed or not.
	v, err = db.Verify(ctx, strings.Replace(text, "000003", "000099", 1))
	if err != nil || v.Verdict != data.VerdictUnknown || !strings.Contains(v.Message, "không có trong sổ cấp chứng chỉ của trung tâm này") {
		t.Fatalf("unknown serial: %+v, %v", v, err)
	}
	v, err = db.Verify(ctx, "KC-2026-000099")
	if err != nil || v.Verdict != data.VerdictUnknown {
		t.Fatalf("unknown bare serial: %+v, %v", v, err)
	}

	// Name and birth date both altered, the serial kept: forged, as when one of them is.
	both := strings.Replace(strings.Replace(text, "Nguyễn Thị Ánh Tuyết", "Lê Văn Bình", 1), "|"+certs[2].Content.BirthDate.String()+"|", "|02/03/1991|", 1)
	if v, err := db.Verify(ctx, both); err != nil || v.Verdict != data.VerdictForged || !strings.Contains(v.Message, "GIẢ MẠO") {
		t.Fatalf("name and birth date altered: %+v, %v", v, err)
	}

	// Another database's certificates: another key. A serial this register lacks is unknown; a
	// serial it has is forged, even for someone else in a class coded alike (every centre starts
	// at LH-2026-001): the register's serial is ours, and the text does not match it.
	elsewhere := MustOpenDB(t)
	MustSetSigner(t, elsewhere, "Lê Thị Hoa")
	c, _ := FinishedClass(t, elsewhere, "LH-2026-001", trainee{"Đỗ Văn Hải", "9"}, trainee{"Vũ Thị Mai", "9"}, trainee{"Bùi Văn Nam", "9"}, trainee{"Lý Thị Oanh", "9"})
	foreign := mustIssue(t, elsewhere, c.ID).Issued
	for _, f := range foreign {
		want := data.VerdictForged
		if f.Content.Serial == "KC-2026-000004" {
			want = data.VerdictUnknown
		}
		v, err := db.Verify(ctx, f.Content.VerifyText)
		if err != nil || v.Verdict != want {
			t.Fatalf("foreign %s: %+v, %v; want %s", f.Content.Serial, v, err, want)
		}
	}
	// The same person's text signed with another key claims our certificate: forged.
	other := strings.Replace(foreign[0].Content.VerifyText, foreign[0].Content.TraineeName, "Nguyễn Thị Ánh Tuyết", 1)
	other = strings.Replace(other, foreign[0].Content.BirthDate.String(), certs[2].Content.BirthDate.String(), 1)
	other = strings.Replace(other, foreign[0].Content.Serial, "KC-2026-000003", 1)
	if v, err := db.Verify(ctx, other); err != nil || v.Verdict != data.VerdictForged {
		t.Fatalf("our fields under another key: %+v, %v", v, err)
	}
	k1, _ := db.PublicKey(ctx)
	k2, _ := elsewhere.PublicKey(ctx)
	if k1.Equal(k2) {
		t.Fatal("two databases share a key")
	}

	// Malformed input is refused with what is wrong.
	for _, in := range []string{"", "KC1|KC-2026-000003|x", "abc|def"} {
		_, err := db.Verify(ctx, in)
		AssertError(t, err, data.EINVALID)
	}

	// The register refuses edits and deletions of what was issued.
	edit := `UPDATE certificates SET content = replace(content, 'Giỏi', 'Xuất sắc') WHERE id = ?`
	for _, q := range []string{edit, `DELETE FROM certificates WHERE id = ?`, `UPDATE certificates SET register_no = 99 WHERE id = ?`} {
		if _, err := db.SQL().Exec(db.Rebind(q), certs[2].ID); err == nil {
			t.Fatalf("%s: not refused", q)
		}
	}
	// A register entry edited outside the program (its trigger dropped) no longer matches its
	// hash: forged.
	MustDropTrigger(t, db, "certificates_frozen", "certificates")
	if _, err := db.SQL().Exec(db.Rebind(edit), certs[2].ID); err != nil {
		t.Fatal(err)
	}
	v, err = db.Verify(ctx, text)
	if err != nil || v.Verdict != data.VerdictForged || !strings.Contains(v.Message, "bị sửa ngoài chương trình") {
		t.Fatalf("edited register: %+v, %v", v, err)
	}
}

// flip returns a base64url character other than b.
func flip(b byte) string {
	if b == 'A' {
		return "B"
	}
	return "A"
}

func TestPublicKey(t *testing.T) {
	path := filepath.Join(t.TempDir(), "khuyencong.db")
	db := MustOpenDBAt(t, path)
	if k, err := db.PublicKey(ctx); err != nil || k != nil {
		t.Fatalf("key before any passphrase: %x, %v", k, err)
	}
	MustSealKey(t, db)
	k1, err := db.PublicKey(ctx)
	if err != nil || len(k1) != 32 {
		t.Fatalf("key %x, %v", k1, err)
	}
	MustClose(t, db)
	db = MustOpenDBAt(t, path)
	k2, err := db.PublicKey(ctx)
	if err != nil || !k1.Equal(k2) {
		t.Fatalf("key changed on reopening: %x, %x, %v", k1, k2, err)
	}
}
