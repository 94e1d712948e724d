package sqlite

import (
	"cmp"
	"context"
	"slices"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// historyScope says whose support a history gathers, as SQL selections over the store: members
// selects the ids of the enterprises, held the ids of the classes they held (hosted, or held
// for the village). Each takes args, in order, for its placeholders.
type historyScope struct {
	members     string
	membersArgs []any
	held        string
	heldArgs    []any
}

// enterpriseScope is the scope of one enterprise's history.
func enterpriseScope(id int64) historyScope {
	return historyScope{
		members: `SELECT ?`, membersArgs: []any{id},
		held: `SELECT id FROM classes WHERE host_enterprise_id = ?`, heldArgs: []any{id},
	}
}

// villageScope is the scope of a craft village's history: its enterprises, and the classes held
// for it or hosted by them.
func villageScope(id int64) historyScope {
	members := `SELECT id FROM enterprises WHERE village_id = ?`
	return historyScope{
		members: members, membersArgs: []any{id},
		held:     `SELECT id FROM classes WHERE village_id = ? UNION SELECT id FROM classes WHERE host_enterprise_id IN (` + members + `)`,
		heldArgs: []any{id, id},
	}
}

// The statuses of what a history counts: a class not cancelled, an enrolment not withdrawn, a
// booking that holds its support, equipment whose support is approved.
const (
	historyClass     = `c.status <> 'da_huy'`
	historyEnrolment = `n.status = 'hoc'`
	historyBooking   = `k.status IN ` + activeBookings + ` AND f.status <> 'da_huy'`
	historyEquipment = `q.status IN ` + committingEquipment
)

// heldClasses returns the classes the scope held, newest first.
func heldClasses(ctx context.Context, tx *tx, s historyScope) ([]*data.Class, error) {
	return queryRows(ctx, tx, scanClass, `SELECT `+classColumns+classFrom+` WHERE c.id IN (`+s.held+`)
		ORDER BY c.start_date DESC, c.code DESC`, s.heldArgs...)
}

// supportHistory gathers every support of the scope, newest first, with its totals by year: the
// classes it held (as heldClasses gives them), the other classes its workers trained in, its
// bookings and its equipment. A class the scope held counts once, as held, with all its
// trainees; another class in which its workers trained counts their number. names are the
// names of the scope's enterprises by id, as the records name them.
func supportHistory(ctx context.Context, tx *tx, s historyScope, held []*data.Class, names map[int64]string) (*data.SupportHistory, error) {
	var records []*data.SupportRecord
	for _, c := range held {
		if c.Status != data.ClassCancelled {
			records = append(records, &data.SupportRecord{Kind: data.SupportClassHosted, Date: c.Start, Code: c.Code, Description: c.Name,
				Enterprise: c.HostName, Programme: c.ProgrammeCode, People: c.Enrolled, Amount: c.Budget})
		}
	}
	// The workers are counted by class and enterprise before the class is read, once a group;
	// the enterprises are named from names rather than read again for each row.
	query := `SELECT 'dao_tao', c.start_date, c.code, c.name, g.workplace_id, COALESCE(p.code, ''), g.people, 0
		FROM (SELECT n.class_id, t.workplace_id, count(*) AS people FROM trainees t JOIN enrollments n ON n.trainee_id = t.id
			WHERE t.workplace_id IN (` + s.members + `) AND ` + historyEnrolment + ` GROUP BY n.class_id, t.workplace_id) g
		JOIN classes c ON c.id = g.class_id LEFT JOIN programmes p ON p.id = c.programme_id
		WHERE ` + historyClass + ` AND c.id NOT IN (` + s.held + `)
	UNION ALL
	SELECT 'hoi_cho', f.start_date, f.code, f.name, k.enterprise_id, COALESCE(p.code, ''), 0, k.support
		FROM fair_bookings k JOIN fairs f ON f.id = k.fair_id LEFT JOIN programmes p ON p.id = f.programme_id
		WHERE k.enterprise_id IN (` + s.members + `) AND ` + historyBooking + `
	UNION ALL
	SELECT CASE q.kind WHEN 'mo_hinh' THEN 'mo_hinh' ELSE 'thiet_bi' END, q.requested_on, q.code, q.what, q.enterprise_id, p.code, 0, q.approved
		FROM equipment q JOIN programmes p ON p.id = q.programme_id
		WHERE q.enterprise_id IN (` + s.members + `) AND ` + historyEquipment
	var args []any
	for _, a := range [][]any{s.membersArgs, s.heldArgs, s.membersArgs, s.membersArgs} {
		args = append(args, a...)
	}
	rows, err := queryRows(ctx, tx, func(sc scanner) (*data.SupportRecord, error) {
		var r data.SupportRecord
		var date string
		var enterprise int64
		if err := sc.Scan(&r.Kind, &date, &r.Code, &r.Description, &enterprise, &r.Programme, &r.People, &r.Amount); err != nil {
			return nil, err
		}
		r.Enterprise = names[enterprise]
		var err error
		r.Date, err = vn.ParseISODate(date)
		return &r, err
	}, query, args...)
	if err != nil {
		return nil, err
	}
	records = append(records, rows...)
	// Sorted here rather than by SQL, which would sort the wide rows in a temporary table.
	slices.SortFunc(records, func(a, b *data.SupportRecord) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Enterprise, b.Enterprise))
	})
	h := &data.SupportHistory{Records: make([]data.SupportRecord, len(records))}
	for i, r := range records {
		h.Records[i] = *r
		if n := len(h.Years); n == 0 || h.Years[n-1].Year != r.Date.Year {
			h.Years = append(h.Years, data.YearTotal{Year: r.Date.Year})
		}
		for _, t := range []*data.YearTotal{&h.Years[len(h.Years)-1], &h.Total} {
			t.Records++
			t.People += r.People
			t.Amount += r.Amount
		}
	}
	return h, nil
}

// EnterpriseHistory returns every support an enterprise received. ENOTFOUND.
func (db *DB) EnterpriseHistory(ctx context.Context, enterpriseID int64) (_ *data.SupportHistory, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (*data.SupportHistory, error) {
		if _, err := enterpriseName(ctx, tx, enterpriseID); err != nil {
			return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy doanh nghiệp mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", enterpriseID)
		}
		s := enterpriseScope(enterpriseID)
		held, err := heldClasses(ctx, tx, s)
		if err != nil {
			return nil, err
		}
		// Its own history names no enterprise, not even as a class's host.
		for _, c := range held {
			c.HostName = ""
		}
		return supportHistory(ctx, tx, s, held, map[int64]string{})
	})
}

// VillageDetail returns a village's page: its enterprises, the classes held for it or hosted by
// them, the people trained and all support received. ENOTFOUND.
func (db *DB) VillageDetail(ctx context.Context, id int64) (_ *data.VillageDetail, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (*data.VillageDetail, error) {
		v, err := findVillage(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		d := &data.VillageDetail{Village: v}
		s := villageScope(id)
		if d.Enterprises, err = queryRows(ctx, tx, scanEnterprise, `SELECT `+enterpriseColumns+` FROM enterprises e
			WHERE e.village_id = ? ORDER BY e.name_key, e.id`, id); err != nil {
			return nil, err
		}
		if d.Classes, err = heldClasses(ctx, tx, s); err != nil {
			return nil, err
		}
		names := make(map[int64]string, len(d.Enterprises))
		for _, e := range d.Enterprises {
			names[e.ID] = e.Name
		}
		h, err := supportHistory(ctx, tx, s, d.Classes, names)
		if err != nil {
			return nil, err
		}
		d.History, d.Trainees = *h, h.Total.People
		return d, nil
	})
}
