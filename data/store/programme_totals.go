package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// What a đề án holds and achieved, counted from what is linked to it: the plan of a year with
// its totals, the targets' progress, and a đề án's page of activities and payments.

// The statuses, as SQL lists, of what holds money and what counts as done.
const (
	// activeBookings hold their support against the fair's đề án (a waiting one holds no booth).
	activeBookings = `('dang_ky', 'da_xac_nhan', 'da_tham_gia')`
	// committingEquipment hold their approved support (data.EquipmentStatus.Commits).
	committingEquipment = `('duoc_duyet', 'da_nghiem_thu', 'da_thanh_toan')`
	// acceptedEquipment were delivered: accepted (nghiệm thu), then perhaps paid.
	acceptedEquipment = `('da_nghiem_thu', 'da_thanh_toan')`
	// doneClasses have their results: finished, then perhaps certified.
	doneClasses = `('ket_thuc', 'da_cap_chung_chi')`
)

// committedSQL is what đề án p holds: the budget of its classes not cancelled, the support of
// the active bookings of its fairs, and the approved support of its equipment not refused.
const committedSQL = `COALESCE((SELECT sum(c.budget) FROM classes c WHERE c.programme_id = p.id AND c.status <> 'da_huy'), 0)
	+ COALESCE((SELECT sum(k.support) FROM fairs f JOIN fair_bookings k ON k.fair_id = f.id
		WHERE f.programme_id = p.id AND k.status IN ` + activeBookings + `), 0)
	+ COALESCE((SELECT sum(q.approved) FROM equipment q WHERE q.programme_id = p.id AND q.status IN ` + committingEquipment + `), 0)`

// completedSQL counts the trainees of class c who completed it: the class finished, the trainee
// still enrolled with a passing score. (Attendance, which certificates also require, is not
// read here: ten years of marks are too many to total for a plan's every đề án.)
const completedSQL = `(SELECT count(*) FROM enrollments n WHERE n.class_id = c.id AND n.status = 'hoc' AND n.score >= c.pass_mark)`

// supportedSQL keeps the bookings k of enterprises that attended their fair with support.
const supportedSQL = `k.status = 'da_tham_gia' AND k.support > 0`

// ofProgrammes keeps the rows of the đề án counted; inProgrammes writes it as their IDs' list of
// numbered arguments, which both backends read (a JSON array would need each one's function).
const ofProgrammes = ` IN (programme_ids)`

// inProgrammes writes the ofProgrammes of query as the n arguments ?1, …, ?n.
func inProgrammes(query string, n int) string {
	list := make([]string, n)
	for i := range list {
		list[i] = "?" + strconv.Itoa(i+1)
	}
	return strings.ReplaceAll(query, ofProgrammes, ` IN (`+strings.Join(list, ", ")+`)`)
}

// achievedSQL counts, for each measure the store counts, what each đề án listed (see
// ofProgrammes) achieved: rows of its ID and the count, none for a đề án with nothing counted.
// One query a measure for a whole plan: a query a đề án spent a third of the time preparing.
var achievedSQL = map[data.Measure]string{
	data.MeasureTrainees: `SELECT c.programme_id, sum(` + completedSQL + `) FROM classes c WHERE c.programme_id` + ofProgrammes + `
		AND c.status IN ` + doneClasses + ` GROUP BY c.programme_id`,
	data.MeasureClasses: `SELECT c.programme_id, count(*) FROM classes c WHERE c.programme_id` + ofProgrammes + `
		AND c.status IN ('dang_hoc', 'ket_thuc', 'da_cap_chung_chi') GROUP BY c.programme_id`,
	data.MeasureEnterprises: `SELECT programme_id, count(DISTINCT enterprise_id) FROM (
		SELECT f.programme_id, k.enterprise_id FROM fairs f JOIN fair_bookings k ON k.fair_id = f.id WHERE f.programme_id` + ofProgrammes + ` AND ` + supportedSQL + `
		UNION ALL SELECT q.programme_id, q.enterprise_id FROM equipment q WHERE q.programme_id` + ofProgrammes + ` AND q.status IN ` + acceptedEquipment + `
	) AS supported GROUP BY programme_id`,
	data.MeasureEquipment: `SELECT q.programme_id, count(*) FROM equipment q WHERE q.programme_id` + ofProgrammes + ` AND q.kind <> 'mo_hinh'
		AND q.status IN ` + acceptedEquipment + ` GROUP BY q.programme_id`,
	data.MeasureModels: `SELECT q.programme_id, count(*) FROM equipment q WHERE q.programme_id` + ofProgrammes + ` AND q.kind = 'mo_hinh'
		AND q.status IN ` + acceptedEquipment + ` GROUP BY q.programme_id`,
}

// withProgress reads the targets of the đề án ps and counts what each achieved.
func withProgress(ctx context.Context, tx *tx, ps []*data.Programme) error {
	if len(ps) == 0 {
		return nil
	}
	byID := make(map[int64]*data.Programme, len(ps))
	args := make([]any, len(ps))
	for i, p := range ps {
		byID[p.ID], args[i] = p, p.ID
		p.Targets = nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT programme_id, measure, label, unit, planned, achieved FROM programme_targets
		WHERE programme_id IN (?`+strings.Repeat(`, ?`, len(ps)-1)+`) ORDER BY programme_id, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t data.Target
		if err := rows.Scan(&id, &t.Measure, &t.Label, &t.Unit, &t.Planned, &t.Achieved); err != nil {
			return err
		}
		byID[id].Targets = append(byID[id].Targets, t)
	}
	if err := rows.Close(); err != nil {
		return err
	}
	// Which đề án count each measure, then what each achieved.
	of := map[data.Measure][]int64{}
	for _, p := range ps {
		for _, t := range p.Targets {
			if _, ok := achievedSQL[t.Measure]; ok && !slices.Contains(of[t.Measure], p.ID) {
				of[t.Measure] = append(of[t.Measure], p.ID)
			}
		}
	}
	achieved := map[data.Measure]map[int64]int{}
	for m, ids := range of {
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		counts, err := queryRows(ctx, tx, func(s scanner) (count, error) {
			var c count
			return c, s.Scan(&c.id, &c.n)
		}, inProgrammes(achievedSQL[m], len(ids)), args...)
		if err != nil {
			return fmt.Errorf("achieved %s: %w", m, err)
		}
		achieved[m] = map[int64]int{}
		for _, c := range counts {
			achieved[m][c.id] = c.n
		}
	}
	for _, p := range ps {
		for i, t := range p.Targets {
			if n, ok := achieved[t.Measure]; ok {
				p.Targets[i].Achieved = n[p.ID]
			}
		}
	}
	return nil
}

// count is a number counted for one đề án.
type count struct {
	id int64
	n  int
}

// PlanSummary returns a year's plan (nil when it has none) with its đề án by code, each with
// its money and targets' progress, and the totals of those not cancelled.
func (db *DB) PlanSummary(ctx context.Context, year int) (_ *data.PlanSummary, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	s := &data.PlanSummary{}
	if s.Plan, err = findPlan(ctx, tx, `year`, int64(year)); data.ErrorCode(err) == data.ENOTFOUND {
		s.Plan = nil
	} else if err != nil {
		return nil, err
	}
	if s.Programmes, err = queryRows(ctx, tx, scanProgramme, `SELECT `+programmeColumns+` FROM programmes p WHERE p.year = ? ORDER BY p.code`, year); err != nil {
		return nil, err
	}
	for _, p := range s.Programmes {
		if p.Status != data.ProgrammeCancelled {
			s.Support, s.Own, s.Committed, s.Paid = s.Support+p.Support, s.Own+p.Own, s.Committed+p.Committed, s.Paid+p.Paid
		}
	}
	return s, withProgress(ctx, tx, s.Programmes)
}

// ProgrammeDetail returns a đề án with its linked classes, fairs and equipment by start, and its
// payments by date. ENOTFOUND.
func (db *DB) ProgrammeDetail(ctx context.Context, id int64) (_ *data.ProgrammeDetail, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findProgrammeProgress(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	d := &data.ProgrammeDetail{Programme: p}
	for _, q := range activityQueries {
		as, err := queryRows(ctx, tx, scanActivity, q, id)
		if err != nil {
			return nil, err
		}
		d.Activities = append(d.Activities, as...)
	}
	slices.SortStableFunc(d.Activities, func(a, b data.Activity) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	d.Payments, err = queryRows(ctx, tx, scanPayment, `SELECT `+paymentColumns+paymentFrom+` WHERE m.programme_id = ? ORDER BY m.paid_on, m.id`, id)
	return d, err
}

// activityQueries read the classes, fairs and equipment records of đề án ? as scanActivity reads
// them: the kind of activity, id, code, name, status, start, what it holds and what was paid for
// it, and what it achieved (a count, -1 when it has nothing to count yet).
var activityQueries = []string{
	`SELECT 'lop', c.id, c.code, c.name, c.status, c.start_date, CASE c.status WHEN 'da_huy' THEN 0 ELSE c.budget END,
		COALESCE((SELECT sum(m.amount) FROM payments m WHERE m.class_id = c.id), 0),
		CASE WHEN c.status IN ` + doneClasses + ` THEN ` + completedSQL + ` ELSE -1 END
	FROM classes c WHERE c.programme_id = ?`,
	`SELECT 'hoi_cho', f.id, f.code, f.name, f.status, f.start_date,
		COALESCE((SELECT sum(k.support) FROM fair_bookings k WHERE k.fair_id = f.id AND k.status IN ` + activeBookings + `), 0),
		COALESCE((SELECT sum(m.amount) FROM payments m JOIN fair_bookings k ON k.id = m.booking_id WHERE k.fair_id = f.id), 0),
		CASE f.status WHEN 'da_dien_ra' THEN (SELECT count(DISTINCT k.enterprise_id) FROM fair_bookings k WHERE k.fair_id = f.id AND ` + supportedSQL + `) ELSE -1 END
	FROM fairs f WHERE f.programme_id = ?`,
	`SELECT q.kind, q.id, q.code, q.what || ' — ' || e.name, q.status, q.requested_on,
		CASE WHEN q.status IN ` + committingEquipment + ` THEN q.approved ELSE 0 END,
		COALESCE((SELECT sum(m.amount) FROM payments m WHERE m.equipment_id = q.id), 0),
		CASE WHEN q.status IN ` + acceptedEquipment + ` THEN 1 ELSE -1 END
	FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id WHERE q.programme_id = ?`,
}

// scanActivity reads one row of activityQueries, naming its kind, status and achievement.
func scanActivity(s scanner) (data.Activity, error) {
	var a data.Activity
	var kind, status, start string
	var achieved int
	if err := s.Scan(&kind, &a.ID, &a.Code, &a.Name, &status, &start, &a.Committed, &a.Paid, &achieved); err != nil {
		return a, err
	}
	var measure data.Measure
	switch kind {
	case string(data.ActivityClass):
		a.Kind, a.Status, measure = data.ActivityClass, data.ClassStatus(status).Label(), data.MeasureTrainees
	case string(data.ActivityFair):
		a.Kind, a.Status, measure = data.ActivityFair, data.FairStatus(status).Label(), data.MeasureEnterprises
	case string(data.EquipmentModel):
		a.Kind, a.Status, measure = data.ActivityModel, data.EquipmentStatus(status).Label(), data.MeasureModels
	default:
		a.Kind, a.Status, measure = data.ActivityEquipment, data.EquipmentStatus(status).Label(), data.MeasureEquipment
	}
	if achieved >= 0 {
		a.Achieved = vn.FormatInt(int64(achieved)) + " " + measure.Unit()
	}
	var err error
	a.Start, err = vn.ParseISODate(start)
	return a, err
}
