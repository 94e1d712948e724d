package main

import (
	"context"
	"fmt"
	"time"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// seedCertifiedClass makes a finished class of n trainees, every one present at its sessions
// and scored 8,0, and issues their certificates, as BenchmarkIssue1000 builds its class but
// through the services alone; it returns the class's code. For measuring `kc certs print` on a
// class of a thousand. It signs with the sample passphrase, which it sets when none is.
func seedCertifiedClass(ctx context.Context, db *store.DB, n int) (string, error) {
	org, err := db.Organisation(ctx)
	if err != nil {
		return "", err
	}
	if org.DirectorName == "" {
		org.DirectorName = "Nguyễn Văn Hùng"
		if err := db.SaveOrganisation(ctx, org); err != nil {
			return "", err
		}
	}
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ", "Bùi", "Đặng", "Ngô"}
	middle := []string{"Thị", "Văn", "Thị Ngọc", "Đức", "Thị Thu", "Quang", "Minh"}
	given := []string{"An", "Bình", "Chi", "Dũng", "Đào", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân", "Tuyết", "Yến", "Ánh", "Ỷ"}
	ts := make([]*data.Trainee, n)
	for i := range ts {
		m := middle[i/len(family)%len(middle)]
		ts[i] = &data.Trainee{
			Name:      vn.SplitName(family[i%len(family)] + " " + m + " " + given[i/(len(family)*len(middle))%len(given)]),
			Female:    m[:2] == "Th",
			BirthDate: vn.Date{Year: 1960 + i%40, Month: time.Month(1 + i%12), Day: 1 + i%28},
			WardCode:  "00577",
		}
	}
	if err := db.CreateTrainees(ctx, ts); err != nil {
		return "", err
	}
	ids := make([]int64, n)
	for i, t := range ts {
		ids[i] = t.ID
	}

	today := vn.DateOf(db.Now())
	c := data.NewClass()
	c.End = today.AddDays(-14)
	c.Start = c.End.AddDays(-69)
	if c.Code, err = db.NextClassCode(ctx, c.Start.Year); err != nil {
		return "", err
	}
	c.Name, c.Kind, c.Trade = "Lớp truyền nghề gốm sứ Bát Tràng", data.ClassKindCraft, "Gốm sứ"
	c.Venue, c.WardCode, c.Trainers = "Nhà văn hóa thôn Giang Cao", "00577", "Nghệ nhân Trần Độ"
	c.Hours, c.Capacity, c.Status = 240, n, data.ClassEnrolling
	if err := db.CreateClass(ctx, c); err != nil {
		return "", err
	}
	es, err := db.EnrollMany(ctx, c.ID, ids)
	if err != nil {
		return "", err
	}
	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday})
	if err != nil {
		return "", err
	}
	for _, s := range ss {
		if _, err := db.MarkAllPresent(ctx, s.ID); err != nil {
			return "", err
		}
	}
	for _, to := range []data.ClassStatus{data.ClassRunning, data.ClassFinished} {
		if c, err = db.SetClassStatus(ctx, c.ID, c.Version, to, ""); err != nil {
			return "", err
		}
		if to == data.ClassRunning {
			for _, e := range es {
				if _, err := db.SetScore(ctx, e.ID, e.Version, 80); err != nil {
					return "", err
				}
			}
		}
	}
	if ctx, err = demo.Signing(ctx, db); err != nil {
		return "", err
	}
	res, err := db.IssueCertificates(ctx, data.IssueRequest{ClassID: c.ID, IssuedOn: today,
		DecisionNo: fmt.Sprintf("%d/QĐ-TTKC", 100+int(c.ID)), DecisionDate: today})
	if err != nil {
		return "", err
	}
	if len(res.Issued) != n {
		return "", fmt.Errorf("seed: %d certificates issued of %d", len(res.Issued), n)
	}
	return c.Code, nil
}
