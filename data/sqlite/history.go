package sqlite

import (
	"context"

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

// supportHistory gathers every support of the scope, newest first, with its totals by year. A
// class the scope held counts once, as held, with all its trainees; another class in which its
// workers trained counts their number.
func supportHistory(ctx context.Context, tx *tx, s historyScope) (*data.SupportHistory, error) {
	query := `SELECT 'lop_to_chuc', c.start_date, c.code, c.name, COALESCE(h.name, ''), COALESCE(p.code, ''),
			(SELECT count(*) FROM enrollments n WHERE n.class_id = c.id AND ` + historyEnrolment + `), c.budget
		FROM classes c LEFT JOIN enterprises h ON h.id = c.host_enterprise_id LEFT JOIN programmes p ON p.id = c.programme_id
		WHERE c.id IN (` + s.held + `) AND ` + historyClass + `
	UNION ALL
	SELECT 'dao_tao', c.start_date, c.code, c.name, w.name, COALESCE(p.code, ''), count(*), 0
		FROM trainees t JOIN enterprises w ON w.id = t.workplace_id JOIN enrollments n ON n.trainee_id = t.id
		JOIN classes c ON c.id = n.class_id LEFT JOIN programmes p ON p.id = c.programme_id
		WHERE t.workplace_id IN (` + s.members + `) AND ` + historyEnrolment + ` AND ` + historyClass + `
			AND c.id NOT IN (` + s.held + `)
		GROUP BY c.id, w.id
	UNION ALL
	SELECT 'hoi_cho', f.start_date, f.code, f.name, e.name, COALESCE(p.code, ''), 0, k.support
		FROM fair_bookings k JOIN enterprises e ON e.id = k.enterprise_id JOIN fairs f ON f.id = k.fair_id
		LEFT JOIN programmes p ON p.id = f.programme_id
		WHERE k.enterprise_id IN (` + s.members + `) AND ` + historyBooking + `
	UNION ALL
	SELECT CASE q.kind WHEN 'mo_hinh' THEN 'mo_hinh' ELSE 'thiet_bi' END, q.requested_on, q.code, q.what, e.name, p.code, 0, q.approved
		FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id JOIN programmes p ON p.id = q.programme_id
		WHERE q.enterprise_id IN (` + s.members + `) AND ` + historyEquipment + `
	ORDER BY 2 DESC, 1, 3`
	var args []any
	for _, a := range [][]any{s.heldArgs, s.membersArgs, s.heldArgs, s.membersArgs, s.membersArgs} {
		args = append(args, a...)
	}
	records, err := queryRows(ctx, tx, scanSupportRecord, query, args...)
	if err != nil {
		return nil, err
	}
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

// scanSupportRecord reads one row of supportHistory's query.
func scanSupportRecord(s scanner) (*data.SupportRecord, error) {
	var r data.SupportRecord
	var date string
	if err := s.Scan(&r.Kind, &date, &r.Code, &r.Description, &r.Enterprise, &r.Programme, &r.People, &r.Amount); err != nil {
		return nil, err
	}
	var err error
	r.Date, err = vn.ParseISODate(date)
	return &r, err
}

// EnterpriseHistory returns every support an enterprise received. ENOTFOUND.
func (db *DB) EnterpriseHistory(ctx context.Context, enterpriseID int64) (_ *data.SupportHistory, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (*data.SupportHistory, error) {
		if _, err := enterpriseName(ctx, tx, enterpriseID); err != nil {
			return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy doanh nghiệp mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", enterpriseID)
		}
		h, err := supportHistory(ctx, tx, enterpriseScope(enterpriseID))
		if err != nil {
			return nil, err
		}
		for i := range h.Records {
			h.Records[i].Enterprise = "" // its own history
		}
		return h, nil
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
		if d.Classes, err = queryRows(ctx, tx, scanClass, `SELECT `+classColumns+classFrom+` WHERE c.id IN (`+s.held+`)
			ORDER BY c.start_date DESC, c.code DESC`, s.heldArgs...); err != nil {
			return nil, err
		}
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (
			SELECT n.trainee_id FROM enrollments n JOIN classes c ON c.id = n.class_id
				WHERE n.class_id IN (`+s.held+`) AND `+historyEnrolment+` AND `+historyClass+`
			UNION
			SELECT n.trainee_id FROM trainees t JOIN enrollments n ON n.trainee_id = t.id JOIN classes c ON c.id = n.class_id
				WHERE t.workplace_id IN (`+s.members+`) AND `+historyEnrolment+` AND `+historyClass+`)`,
			append(append([]any{}, s.heldArgs...), s.membersArgs...)...).Scan(&d.Trainees); err != nil {
			return nil, err
		}
		h, err := supportHistory(ctx, tx, s)
		if err != nil {
			return nil, err
		}
		d.History = *h
		return d, nil
	})
}
