package store

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
		members: `SELECT CAST(? AS BIGINT)`, membersArgs: []any{id}, // typed: the server cannot tell it from the IN
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

// The statuses of what a history counts: a class not cancelled, an enrolment not withdrawn,
// equipment whose support is approved (and a booking that holds its support: activeBookings).
const (
	historyClass     = `c.status <> 'da_huy'`
	historyEnrolment = `n.status = 'hoc'`
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
// names of the scope's enterprises by id, as the records name them. A village's history has
// thousands of records: each is read as few columns as can be, the đề án and fairs they name
// read once each.
func supportHistory(ctx context.Context, tx *tx, s historyScope, held []*data.Class, names map[int64]string) (*data.SupportHistory, error) {
	var records []*data.SupportRecord
	for _, c := range held {
		if c.Status != data.ClassCancelled {
			records = append(records, &data.SupportRecord{Kind: data.SupportClassHosted, Date: c.Start, Code: c.Code, Description: c.Name,
				Enterprise: c.HostName, Programme: c.ProgrammeCode, People: c.Enrolled, Amount: c.Budget})
		}
	}
	codes, err := programmeCodes(ctx, tx)
	if err != nil {
		return nil, err
	}
	for _, part := range []historyPart{trainedRows, bookingRows, equipmentRows} {
		rows, err := part(ctx, tx, s)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			r.Enterprise, r.Programme = names[r.enterprise], codes[r.programme]
			records = append(records, &r.SupportRecord)
		}
	}
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

// historyPart reads one kind of the records of a scope.
type historyPart func(context.Context, *tx, historyScope) ([]*supportRow, error)

// supportRow is a record as its query reads it: the enterprise and the đề án by id.
type supportRow struct {
	data.SupportRecord
	enterprise, programme int64
}

// programmeCodes returns the code of every đề án by id (600 in ten years).
func programmeCodes(ctx context.Context, tx *tx) (map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, code FROM programmes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	codes := map[int64]string{}
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return nil, err
		}
		codes[id] = code
	}
	return codes, rows.Err()
}

// trainedRows returns the classes held by others in which workers of the scope trained, a row a
// class and enterprise. The workers are counted before a class is read, once a group.
func trainedRows(ctx context.Context, tx *tx, s historyScope) ([]*supportRow, error) {
	return queryRows(ctx, tx, func(sc scanner) (*supportRow, error) {
		r := &supportRow{SupportRecord: data.SupportRecord{Kind: data.SupportTrained}}
		var date string
		err := sc.Scan(&date, &r.Code, &r.Description, &r.enterprise, &r.programme, &r.People)
		if err == nil {
			r.Date, err = vn.ParseISODate(date)
		}
		return r, err
	}, `SELECT c.start_date, c.code, c.name, g.workplace_id, COALESCE(c.programme_id, 0), g.people
		FROM (SELECT n.class_id, t.workplace_id, count(*) AS people FROM trainees t JOIN enrollments n ON n.trainee_id = t.id
			WHERE t.workplace_id IN (`+s.members+`) AND `+historyEnrolment+` GROUP BY n.class_id, t.workplace_id) g
		JOIN classes c ON c.id = g.class_id
		WHERE `+historyClass+` AND c.id NOT IN (`+s.held+`)`, append(slices.Clone(s.membersArgs), s.heldArgs...)...)
}

// bookingRows returns the bookings of the scope that hold support at fairs not cancelled; each
// fair is read once.
func bookingRows(ctx context.Context, tx *tx, s historyScope) ([]*supportRow, error) {
	type fair struct {
		id  int64
		row supportRow
	}
	fairs, err := queryRows(ctx, tx, func(sc scanner) (*fair, error) {
		f := &fair{row: supportRow{SupportRecord: data.SupportRecord{Kind: data.SupportFair}}}
		var date string
		err := sc.Scan(&f.id, &date, &f.row.Code, &f.row.Description, &f.row.programme)
		if err == nil {
			f.row.Date, err = vn.ParseISODate(date)
		}
		return f, err
	}, `SELECT f.id, f.start_date, f.code, f.name, COALESCE(f.programme_id, 0) FROM fairs f
		WHERE f.status <> 'da_huy' AND f.id IN (SELECT k.fair_id FROM fair_bookings k WHERE k.enterprise_id IN (`+s.members+`))`, s.membersArgs...)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*fair, len(fairs))
	for _, f := range fairs {
		byID[f.id] = f
	}
	bookings, err := queryRows(ctx, tx, func(sc scanner) (*supportRow, error) {
		var id, enterprise, support int64
		if err := sc.Scan(&id, &enterprise, &support); err != nil {
			return nil, err
		}
		f, ok := byID[id]
		if !ok {
			return nil, nil // at a cancelled fair
		}
		r := f.row
		r.enterprise, r.Amount = enterprise, support
		return &r, nil
	}, `SELECT k.fair_id, k.enterprise_id, k.support FROM fair_bookings k
		WHERE k.enterprise_id IN (`+s.members+`) AND k.status IN `+activeBookings, s.membersArgs...)
	return slices.DeleteFunc(bookings, func(r *supportRow) bool { return r == nil }), err
}

// equipmentRows returns the equipment of the scope whose support is approved.
func equipmentRows(ctx context.Context, tx *tx, s historyScope) ([]*supportRow, error) {
	return queryRows(ctx, tx, func(sc scanner) (*supportRow, error) {
		r := &supportRow{}
		var date string
		err := sc.Scan(&r.Kind, &date, &r.Code, &r.Description, &r.enterprise, &r.programme, &r.Amount)
		if err == nil {
			r.Date, err = vn.ParseISODate(date)
		}
		return r, err
	}, `SELECT CASE q.kind WHEN 'mo_hinh' THEN 'mo_hinh' ELSE 'thiet_bi' END, q.requested_on, q.code, q.what, q.enterprise_id,
		q.programme_id, q.approved FROM equipment q WHERE q.enterprise_id IN (`+s.members+`) AND `+historyEquipment, s.membersArgs...)
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
