package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// certFixture is a finished class of three, on a database whose certificates the window uses:
// Trần Văn An and Nguyễn Thị Ánh Tuyết completed it; Lê Văn Bình scored below the pass mark.
type certFixture struct {
	m  *Main
	db *store.DB
	c  *data.Class
}

var issueDay = vn.Date{Year: 2026, Month: 11, Day: 20}

func newCertFixture(t *testing.T) *certFixture {
	t.Helper()
	m, db := newTestMain(t)
	m.Services.Certificates, m.Services.Keys = db, db
	sealKey(t, db)
	c := data.NewClass()
	c.Code, c.Name, c.Kind, c.Trade = "LH-2026-007", "Lớp truyền nghề gốm sứ Bát Tràng", data.ClassKindCraft, "Gốm sứ"
	c.Start, c.End = vn.Date{Year: 2026, Month: 3, Day: 2}, vn.Date{Year: 2026, Month: 5, Day: 8}
	c.Hours, c.Capacity, c.Status = 240, 30, data.ClassEnrolling
	if err := db.CreateClass(bg, c); err != nil {
		t.Fatal(err)
	}
	scores := map[string]int{"Nguyễn Thị Ánh Tuyết": 85, "Trần Văn An": 70, "Lê Văn Bình": 40}
	for i, n := range []string{"Nguyễn Thị Ánh Tuyết", "Trần Văn An", "Lê Văn Bình"} {
		tr := mustTrainee(t, db, n, vn.Date{Year: 1990 + i, Month: 4, Day: 1}, "")
		if _, err := db.Enroll(bg, c.ID, tr.ID); err != nil {
			t.Fatal(err)
		}
	}
	ss, err := db.GenerateSessions(bg, c.ID, []time.Weekday{time.Tuesday, time.Thursday})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ss {
		if _, err := db.MarkAllPresent(bg, s.ID); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := db.ClassRoster(bg, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if _, err := db.SetScore(bg, v.ID, v.Version, scores[v.TraineeName.Full()]); err != nil {
			t.Fatal(err)
		}
	}
	for _, to := range []data.ClassStatus{data.ClassRunning, data.ClassFinished} {
		cur, err := db.FindClassByID(bg, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c, err = db.SetClassStatus(bg, c.ID, cur.Version, to, ""); err != nil {
			t.Fatal(err)
		}
	}
	return &certFixture{m: m, db: db, c: c}
}

// sealKey makes the centre's signing key, sealed under data.SamplePassword, which the tests'
// issuing carries: without a key nothing is signed.
func sealKey(t *testing.T, db *store.DB) {
	t.Helper()
	if err := db.SetSigningPassphrase(bg, "", data.SamplePassword); err != nil {
		t.Fatal(err)
	}
}

// setSigner stores the signer's name, without which the store refuses to issue.
func (f *certFixture) setSigner(t *testing.T) {
	t.Helper()
	o, err := f.db.Organisation(bg)
	if err != nil {
		t.Fatal(err)
	}
	o.DirectorName = "Nguyễn Văn Hùng"
	if err := f.db.SaveOrganisation(bg, o); err != nil {
		t.Fatal(err)
	}
}

// issue issues the class's certificates as the dialog does and waits for the result; nil when
// the store refused.
func (f *certFixture) issue(t *testing.T, decision string) *data.IssueResult {
	t.Helper()
	r, err := readIssueRequest(f.c.ID, decision, "18/11/2026", issueDay.String())
	if err != nil {
		t.Fatal(err)
	}
	over := make(chan *data.IssueResult, 1)
	issueCertificates(f.m, r, data.SamplePassword, func(res *data.IssueResult, _ error) { over <- res })
	select {
	case res := <-over:
		return res
	case <-time.After(20 * time.Second):
		t.Fatal("issuing did not finish")
	}
	return nil
}

func (f *certFixture) countCerts(t *testing.T, filter data.CertificateFilter) int {
	t.Helper()
	n, err := f.db.CountCertificates(bg, filter)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *certFixture) certOf(t *testing.T, name string) *data.Certificate {
	t.Helper()
	cs, err := f.db.FindCertificates(bg, data.CertificateFilter{Search: name})
	if err != nil || len(cs) == 0 {
		t.Fatalf("no certificate for %s (%v)", name, err)
	}
	for _, c := range cs {
		if c.Status == data.CertIssued {
			return c
		}
	}
	return cs[0]
}

// closeDialogs hides the dialogs shown, as a clerk closing them would.
func closeDialogs(m *Main) {
	for _, o := range m.Window.Canvas().Overlays().List() {
		m.Window.Canvas().Overlays().Remove(o)
	}
}

func TestCertificateFileName(t *testing.T) {
	for _, tc := range []struct{ name, serial, want string }{
		{"Nguyễn Thị Ánh Tuyết", "KC-2026-000001", "nguyen-thi-anh-tuyet-KC-2026-000001.pdf"},
		{"Ỷ La", "KC-2026-000002", "y-la-KC-2026-000002.pdf"},
		{"Đặng  Văn Đức", "TTKC-2026-000010", "dang-van-duc-TTKC-2026-000010.pdf"},
		{"Lò Thị O'Nhi / Hà", "KC-2026-000003", "lo-thi-o-nhi-ha-KC-2026-000003.pdf"},
	} {
		if got := certificateFileName(data.CertificateContent{TraineeName: tc.name, Serial: tc.serial}); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestIssueCertificates(t *testing.T) {
	f := newCertFixture(t)

	// No signer's name in the settings: refused in the store's words, nothing written.
	if res := f.issue(t, "125/QĐ-TTKC"); res != nil {
		t.Fatalf("issued without a signer: %+v", res)
	}
	if txt := overlayText(f.m); !strings.Contains(txt, "ký") {
		t.Fatalf("the refusal should name the missing signer:\n%s", txt)
	}
	if n := f.countCerts(t, data.CertificateFilter{}); n != 0 {
		t.Fatalf("%d certificates after a refusal", n)
	}
	closeDialogs(f.m)

	// A decision date that is not a date is refused before the store is asked.
	if _, err := readIssueRequest(f.c.ID, "125/QĐ-TTKC", "31/02/2026", ""); err == nil || data.ErrorCode(err) != data.EINVALID {
		t.Fatalf("31/02/2026 accepted: %v", err)
	}

	f.setSigner(t)
	res := f.issue(t, "125/QĐ-TTKC")
	if res == nil {
		t.Fatalf("issuing refused:\n%s", overlayText(f.m))
	}
	if len(res.Issued) != 2 || len(res.Skipped) != 1 || res.Skipped[0].TraineeName.Full() != "Lê Văn Bình" || res.Skipped[0].Reason == "" {
		t.Fatalf("issued %d, skipped %+v", len(res.Issued), res.Skipped)
	}
	if n := f.countCerts(t, data.CertificateFilter{}); n != 2 {
		t.Fatalf("the register has %d certificates, want 2", n)
	}
	for _, c := range res.Issued {
		k := c.Content
		if k.DecisionNo != "125/QĐ-TTKC" || k.SignerName != "Nguyễn Văn Hùng" || k.IssuedOn != issueDay || k.VerifyText == "" {
			t.Fatalf("certificate %+v", k)
		}
	}
	if got, _ := f.db.FindClassByID(bg, f.c.ID); got.Status != data.ClassCertified {
		t.Fatalf("class status %s after issuing", got.Status)
	}

	// The result dialog: how many, who not and why, and the print buttons.
	showIssueResult(f.m, f.c, res)
	txt := overlayText(f.m)
	for _, want := range []string{"Đã cấp 2 chứng chỉ.", "Lê Văn Bình", res.Skipped[0].Reason, "[In tất cả chứng chỉ (PDF)]", "[Lưu từng người một tệp…]"} {
		if !strings.Contains(txt, want) {
			t.Fatalf("the result lacks %q:\n%s", want, txt)
		}
	}
	closeDialogs(f.m)

	// One file per trainee, named from the name without diacritics.
	dir := filepath.Join(t.TempDir(), "chứng chỉ")
	paths, err := writeCertificateFiles(bg, f.m.builder, dir, res.Issued)
	if err != nil || len(paths) != 2 {
		t.Fatalf("%d files (%v)", len(paths), err)
	}
	tuyet := f.certOf(t, "tuyet")
	want := filepath.Join(dir, "nguyen-thi-anh-tuyet-"+tuyet.Content.Serial+".pdf")
	if st, err := os.Stat(want); err != nil || st.Size() == 0 {
		t.Fatalf("no %s among %v (%v)", want, paths, err)
	}

	// A reprint is the first print again, byte for byte: the content is frozen.
	var first, again bytes.Buffer
	if err := certificatesDocument(f.m, "", res.Issued).write(bg, &first); err != nil {
		t.Fatal(err)
	}
	reread, err := f.db.FindCertificateByID(bg, res.Issued[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := certificatesDocument(f.m, "", []*data.Certificate{reread, res.Issued[1]}).write(bg, &again); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(first.Bytes(), []byte("%PDF")) || !bytes.Equal(first.Bytes(), again.Bytes()) {
		t.Fatalf("a reprint differs from the first print (%d and %d bytes)", first.Len(), again.Len())
	}

	// Twice: nobody left to issue to, and nothing written.
	if again := f.issue(t, "126/QĐ-TTKC"); again != nil && len(again.Issued) != 0 {
		t.Fatalf("issued again: %d", len(again.Issued))
	}
	if n := f.countCerts(t, data.CertificateFilter{}); n != 2 {
		t.Fatalf("the register has %d certificates after issuing twice", n)
	}
}

func TestIssueRefusedForUnfinishedClass(t *testing.T) {
	m, db := newTestMain(t)
	m.Services.Certificates = db
	f := &certFixture{m: m, db: db}
	f.setSigner(t)
	c := data.NewClass()
	c.Code, c.Name, c.Trade = "LH-2026-008", "Lớp mây tre đan Phú Vinh", "Mây tre đan"
	c.Start, c.End, c.Hours, c.Capacity = vn.Date{Year: 2026, Month: 3, Day: 2}, vn.Date{Year: 2026, Month: 5, Day: 8}, 120, 20
	if err := db.CreateClass(bg, c); err != nil {
		t.Fatal(err)
	}
	f.c = c
	if res := f.issue(t, "127/QĐ-TTKC"); res != nil {
		t.Fatalf("issued for a planned class: %+v", res)
	}
	if txt := overlayText(m); !strings.Contains(txt, c.Code) && !strings.Contains(txt, "kết thúc") {
		t.Fatalf("the refusal should say the class is not finished:\n%s", txt)
	}
	if n := f.countCerts(t, data.CertificateFilter{}); n != 0 {
		t.Fatalf("%d certificates", n)
	}
}

func TestCertificateScreen(t *testing.T) {
	f := newCertFixture(t)
	f.setSigner(t)
	if f.issue(t, "125/QĐ-TTKC") == nil {
		t.Fatalf("issuing refused:\n%s", overlayText(f.m))
	}
	s := newCertificateScreen(f.m)
	s.typing.delay = 0
	f.m.Window.SetContent(s.Content())
	if s.table.Count() != 2 || s.count.Text != "2 chứng chỉ" {
		t.Fatalf("list shows %d (%q)", s.table.Count(), s.count.Text)
	}
	test.Type(s.search, "anh tuyet") // folded
	if s.table.Count() != 1 {
		t.Fatalf("'anh tuyet' found %d", s.table.Count())
	}
	row, _ := s.table.Row(0)
	s.table.OnActivated(row)
	p := s.detail
	if p == nil || p.c.ID != row.ID || !strings.Contains(p.title.Text, "Nguyễn Thị Ánh Tuyết") {
		t.Fatalf("the panel should show the certificate opened: %+v", p)
	}
	if p.revokeB.Disabled() || p.reissueB.Disabled() {
		t.Fatal("an issued certificate can be revoked and re-issued")
	}

	// Revoking without a reason: refused in the store's words, nothing changed.
	if p.revoke(data.SamplePassword, p.m.today(), "  ") {
		t.Fatal("revoked without a reason")
	}
	if !p.message.Visible() || !strings.Contains(p.message.Text, "lý do") {
		t.Fatalf("message %q", p.message.Text)
	}
	if c, _ := f.db.FindCertificateByID(bg, row.ID); c.Status != data.CertIssued {
		t.Fatalf("status %s after a refused revocation", c.Status)
	}
	if !p.revoke(data.SamplePassword, p.m.today(), "Khai sai ngày sinh") {
		t.Fatalf("revocation refused: %s", p.message.Text)
	}
	stored, _ := f.db.FindCertificateByID(bg, row.ID)
	if stored.Status != data.CertRevoked || stored.Reason != "Khai sai ngày sinh" {
		t.Fatalf("stored %s %q", stored.Status, stored.Reason)
	}
	if !strings.Contains(p.status.Text, "Đã thu hồi") || !p.revokeB.Disabled() || !strings.Contains(formText(p.details), "Họ và tên: Nguyễn Thị Ánh Tuyết") {
		t.Fatalf("panel status %q", p.status.Text)
	}
	if c, _ := s.table.Row(0); c == nil || certStatusLabel(c.Status) != "Đã thu hồi" {
		t.Fatalf("the list shows %+v", c)
	}

	// Re-issuing the revoked certificate: a new serial that points to the old one.
	if !p.reissue(data.SamplePassword, p.m.today(), "Cấp lại sau khi sửa ngày sinh") {
		t.Fatalf("re-issue refused: %s", p.message.Text)
	}
	if p.c.ID == row.ID || p.c.Content.Replaces != row.Content.Serial || p.c.Content.Serial == row.Content.Serial {
		t.Fatalf("the panel shows %+v", p.c.Content)
	}
	old, _ := f.db.FindCertificateByID(bg, row.ID)
	if old.Status != data.CertReplaced || old.ReplacedBy != p.c.Content.Serial {
		t.Fatalf("the old one is %s, replaced by %q", old.Status, old.ReplacedBy)
	}
	if s.table.Count() != 2 { // both match "anh tuyet"
		t.Fatalf("list shows %d", s.table.Count())
	}

	// The date the trainee received it.
	recv := p.m.today()
	if !p.setReceived(recv) {
		t.Fatalf("refused: %s", p.message.Text)
	}
	if c, _ := f.db.FindCertificateByID(bg, p.c.ID); c.ReceivedOn != recv {
		t.Fatalf("received on %s", c.ReceivedOn)
	}

	// Filters: the status filter keeps the replaced one only.
	s.search.SetText("")
	for i, st := range data.CertificateStatuses {
		if st == data.CertReplaced {
			s.status.SetSelectedIndex(i + 1)
		}
	}
	if s.table.Count() != 1 {
		t.Fatalf("status filter shows %d", s.table.Count())
	}
	var register bytes.Buffer
	if err := s.register(docs.PDF).write(bg, &register); err != nil || !bytes.HasPrefix(register.Bytes(), []byte("%PDF")) || s.printPDF.Disabled() {
		t.Fatalf("register of the replaced one: %d bytes (%v), button disabled %v", register.Len(), err, s.printPDF.Disabled())
	}
}

func TestVerifyScreen(t *testing.T) {
	f := newCertFixture(t)
	f.setSigner(t)
	res := f.issue(t, "125/QĐ-TTKC")
	if res == nil {
		t.Fatalf("issuing refused:\n%s", overlayText(f.m))
	}
	v := newVerifyScreen(f.m)
	f.m.Window.SetContent(v.Content())
	if v.key.Text == "" {
		t.Fatal("the centre's public key should show")
	}
	check := func(text string) string {
		t.Helper()
		v.input.SetText(text)
		v.input.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if v.result == nil {
			t.Fatalf("no verdict for %q", text)
		}
		return strings.ToLower(v.verdict.Text)
	}
	tuyet := f.certOf(t, "tuyet")
	if got := check(tuyet.Content.VerifyText); !strings.Contains(got, "hợp lệ") || v.result.Verdict != data.VerdictValid {
		t.Fatalf("a genuine QR text: %q (%s)", got, v.message.Text)
	}
	if !strings.Contains(v.message.Text, tuyet.Content.Serial) {
		t.Fatalf("message %q", v.message.Text)
	}
	altered := strings.Replace(tuyet.Content.VerifyText, "Tuyết", "Tuyệt", 1)
	if altered == tuyet.Content.VerifyText {
		t.Fatalf("the QR text does not carry the name: %q", altered)
	}
	if got := check(altered); !strings.Contains(got, "giả mạo") || v.result.Verdict != data.VerdictForged {
		t.Fatalf("an altered QR text: %q (%s)", got, v.message.Text)
	}
	if v.verdict.Color == verdictColor(data.VerdictValid) {
		t.Fatal("a forgery shows in the colour of a valid certificate")
	}

	// A serial: its status in the register.
	an := f.certOf(t, "tran van an")
	if got := check(an.Content.Serial); !strings.Contains(got, "hợp lệ") {
		t.Fatalf("serial %s: %q", an.Content.Serial, got)
	}
	if _, err := f.db.RevokeCertificate(data.WithPassphrase(bg, data.SamplePassword), an.ID, an.Version, issueDay, "Học viên trả lại chứng chỉ"); err != nil {
		t.Fatal(err)
	}
	if got := check(an.Content.Serial); !strings.Contains(got, "thu hồi") || v.result.Verdict != data.VerdictRevoked {
		t.Fatalf("a revoked serial: %q (%s)", got, v.message.Text)
	}
	if got := formText(v.details); !strings.Contains(got, "Trạng thái: Đã thu hồi") || !strings.Contains(got, "Lý do: Học viên trả lại chứng chỉ") {
		t.Fatalf("the details shown are not the revoked certificate's:\n%s", got)
	}
	if got := check("KC-1999-999999"); v.result.Verdict != data.VerdictUnknown || !strings.Contains(got, "không rõ") {
		t.Fatalf("an unknown serial: %q (%s)", got, v.message.Text)
	}
}

// formText returns the label and value lines of the details form a container holds.
func formText(c *fyne.Container) string {
	var b strings.Builder
	for _, o := range c.Objects {
		if f, ok := o.(*widget.Form); ok {
			for _, it := range f.Items {
				if l, ok := it.Widget.(*widget.Label); ok {
					b.WriteString(it.Text + ": " + l.Text + "\n")
				}
			}
		}
	}
	return b.String()
}

func TestCertificateSettingsCard(t *testing.T) {
	m, db := newTestMain(t)
	m.Services.Certificates = db
	sealKey(t, db)
	s := newCertificateSettings(m)
	if s.prefix.Text != "KC" || s.small.Checked || s.key.Text == "" {
		t.Fatalf("a new database shows prefix %q, small %v, key %q", s.prefix.Text, s.small.Checked, s.key.Text)
	}
	s.prefix.SetText("")
	s.save()
	if !s.message.Visible() || !strings.Contains(s.message.Text, "Tiền tố") {
		t.Fatalf("an empty prefix should be refused: %q", s.message.Text)
	}
	s.prefix.SetText("TTKC")
	s.small.SetChecked(true)
	for i, k := range data.ClassKinds {
		if k == data.ClassKindCraft {
			s.titles[i].SetText("GIẤY CHỨNG NHẬN")
		}
	}
	s.save()
	if s.message.Text != "Đã lưu." {
		t.Fatalf("message %q", s.message.Text)
	}
	cs, err := db.CertificateSettings(bg)
	if err != nil || cs.SerialPrefix != "TTKC" || !cs.SmallFormat || cs.Title(data.ClassKindCraft) != "GIẤY CHỨNG NHẬN" {
		t.Fatalf("stored %+v (%v)", cs, err)
	}
}

// TestIssueDialog issues as the clerk does: the class page's button, the dialog's fields, then
// the result dialog.
func TestIssueDialog(t *testing.T) {
	f := newCertFixture(t)
	f.setSigner(t)
	done := make(chan bool, 1)
	b := issueCertificatesButton(f.m, func() *data.Class { return f.c }, func() { done <- true })
	f.m.Window.SetContent(b)
	if b.Text != "Cấp chứng chỉ…" {
		t.Fatalf("button %q", b.Text)
	}
	test.Tap(b)
	var entries []*widgets.Entry
	for _, o := range f.m.Window.Canvas().Overlays().List() {
		for _, l := range test.LaidOutObjects(o) {
			if e, ok := l.(*widgets.Entry); ok {
				entries = append(entries, e)
			}
		}
	}
	if len(entries) != 3 || entries[2].Text != f.m.today().String() {
		t.Fatalf("the dialog should ask for 3 fields, the issue date today: %d", len(entries))
	}
	test.Type(entries[0], "125/QĐ-TTKC")
	test.Type(entries[1], "18/11/2026")
	entries[2].SetText(issueDay.String())
	tapButton(t, f.m, "Cấp chứng chỉ")
	pass := promptEntry(t, f.m) // the signing passphrase, asked last
	test.Type(pass, data.SamplePassword)
	pass.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("issuing did not finish")
	}
	if txt := overlayText(f.m); !strings.Contains(txt, "Đã cấp 2 chứng chỉ.") || !strings.Contains(txt, "Lê Văn Bình (01/04/1992): Điểm 4,0") {
		t.Fatalf("result:\n%s", txt)
	}
	if n := f.countCerts(t, data.CertificateFilter{ClassID: &f.c.ID}); n != 2 {
		t.Fatalf("%d certificates for the class", n)
	}
}
