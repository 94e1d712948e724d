package store_test

import (
	"fmt"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// TestRegisterNumberRestartsEachYear issues one class on 30/12/2026 and the next on 04/01/2027:
// the register's numbers, and the serials made from them, start again at 1 in the new year.
func TestRegisterNumberRestartsEachYear(t *testing.T) {
	db := MustOpenDB(t)
	db.Now = func() time.Time { return time.Date(2027, 1, 4, 9, 0, 0, 0, time.UTC) }
	MustSetSigner(t, db, "Nguyễn Văn Hùng")
	december, _ := FinishedClass(t, db, "LH-2026-051", trainee{"Đỗ Thị Hoa", "8"}, trainee{"Lý Văn Nam", "7"})
	january, _ := FinishedClass(t, db, "LH-2026-052", trainee{"Vũ Thị Lan", "9"}, trainee{"Hà Văn Tú", "6"})
	for _, issue := range []struct {
		class    *data.Class
		decision string
		decided  vn.Date
		issued   vn.Date
	}{
		{december, "301/QĐ-TTKC", day(2026, 12, 28), day(2026, 12, 30)},
		{january, "2/QĐ-TTKC", day(2027, 1, 2), day(2027, 1, 4)},
	} {
		r := data.IssueRequest{ClassID: issue.class.ID, DecisionNo: issue.decision, DecisionDate: issue.decided, IssuedOn: issue.issued}
		if _, err := db.IssueCertificates(ctx, r); err != nil {
			t.Fatalf("issuing %s on %s: %v", issue.class.Code, r.IssuedOn, err)
		}
	}
	all, err := db.FindCertificates(ctx, data.CertificateFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range all {
		got = append(got, fmt.Sprintf("%s %s %s", c.Content.RegisterLabel(), c.Content.Serial, c.Content.IssuedOn))
	}
	// The register lists the newest year first.
	want := []string{
		"1/2027 KC-2027-000001 04/01/2027", "2/2027 KC-2027-000002 04/01/2027",
		"1/2026 KC-2026-000001 30/12/2026", "2/2026 KC-2026-000002 30/12/2026",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("register:\n%q\nwant\n%q", got, want)
	}
}
