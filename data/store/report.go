package store

import (
	"context"
	"strconv"
	"strings"

	"khuyencong/data"
)

// The managers' figures: the dashboard and the results report here, the other reports in
// report_lists.go. Every query numbers its parameters: ?1 and ?2 are the period's first and last
// days (ISO text, so BETWEEN compares dates), the filters' values follow.

var _ data.ReportService = (*DB)(nil)

// What a period counts, as SQL over classes c, fairs f, bookings k and equipment q.
const (
	classInPeriod     = `c.start_date BETWEEN ?1 AND ?2 AND c.status <> 'da_huy'`
	fairInPeriod      = `f.start_date BETWEEN ?1 AND ?2 AND f.status <> 'da_huy'`
	activeBooking     = `k.status IN ` + activeBookings
	equipmentInPeriod = `q.requested_on BETWEEN ?1 AND ?2 AND q.status IN ` + committingEquipment
	// wardLabel names the ward of a row whose ward code is ?, "phường Ba Đình".
	wardLabel = `COALESCE((SELECT d.kind || ' ' || d.name FROM divisions d WHERE d.code = %s), '')`
)

// conds gathers the conditions of a report's filters, numbering their parameters after the
// period's two.
type conds struct {
	where []string
	args  []any
}

// newConds starts the conditions of a period.
func newConds(p data.Period) *conds { return &conds{args: []any{p.From.ISO(), p.To.ISO()}} }

// add appends a condition whose one "?" takes arg.
func (c *conds) add(expr string, arg any) {
	c.args = append(c.args, arg)
	c.where = append(c.where, strings.Replace(expr, "?", "?"+strconv.Itoa(len(c.args)), 1))
}

// sql returns the conditions as " AND …", or "" when there are none.
func (c *conds) sql() string {
	if len(c.where) == 0 {
		return ""
	}
	return " AND " + strings.Join(c.where, " AND ")
}

// reportConds returns the conditions of f over the classes c, enterprises e and the đề án column
// payer that the report's use honours. A filter the report does not use is left out.
func reportConds(p data.Period, f data.ReportFilter, use data.FilterUse, classes bool, payer string) *conds {
	c := newConds(p)
	f = f.Keep(use)
	on := "e."
	if classes {
		on = "c."
	}
	if f.WardCode != nil {
		c.add(on+"ward_code = ?", *f.WardCode)
	}
	if f.Trade != nil {
		c.add(on+"trade = ?", *f.Trade)
	}
	if f.VillageID != nil {
		c.add(on+"village_id = ?", *f.VillageID)
	}
	if f.ClassKind != nil && classes {
		c.add("c.kind = ?", string(*f.ClassKind))
	}
	if f.Funding != nil && payer != "" {
		c.add(payer+" IN (SELECT id FROM programmes WHERE funding = ?)", string(*f.Funding))
	}
	return c
}

// readPeriod validates p and begins the read transaction a report runs in.
func (db *DB) readPeriod(ctx context.Context, p data.Period) (*tx, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return db.begin(ctx, false)
}

// Dashboard returns the figures of a year and of the year before (zero when that year is before
// the first the program knows). EINVALID for a year out of range.
func (db *DB) Dashboard(ctx context.Context, year int) (_ *data.Dashboard, err error) {
	defer translate(&err)
	cur, err := data.YearPeriod(year)
	if err != nil {
		return nil, err
	}
	tx, err := db.readPeriod(ctx, cur)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	d := &data.Dashboard{Year: year}
	if d.Current, err = figures(ctx, tx, cur); err != nil {
		return nil, err
	}
	if prev, perr := data.YearPeriod(year - 1); perr == nil {
		d.Previous, err = figures(ctx, tx, prev)
	}
	return d, err
}

// Figures returns the dashboard's figures for a period. EINVALID.
func (db *DB) Figures(ctx context.Context, p data.Period) (_ *data.Figures, err error) {
	defer translate(&err)
	tx, err := db.readPeriod(ctx, p)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f, err := figures(ctx, tx, p)
	return &f, err
}

// figures counts a period's figures, unfiltered.
func figures(ctx context.Context, tx *tx, p data.Period) (data.Figures, error) {
	var f data.Figures
	rows, err := trainingRows(ctx, tx, newConds(p), `''`, `''`)
	if err != nil {
		return f, err
	}
	f.Classes, f.Trainees, f.Women, f.Completed, f.Employed = rows[0].Classes, rows[0].Trainees, rows[0].Women, rows[0].Completed, rows[0].Employed
	c := newConds(p)
	c.args = append(c.args, p.From.Year, p.To.Year)
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM certificates x WHERE x.register_year BETWEEN ?3 AND ?4 AND x.issued_on BETWEEN ?1 AND ?2),
		(SELECT count(*) FROM certificates x WHERE x.status = 'thu_hoi' AND x.revoked_on BETWEEN ?1 AND ?2),
		(SELECT count(*) FROM fairs f WHERE `+fairInPeriod+`),
		(SELECT count(*) FROM fairs f JOIN fair_bookings k ON k.fair_id = f.id WHERE `+fairInPeriod+` AND `+activeBooking+`),
		(SELECT count(DISTINCT k.enterprise_id) FROM fairs f JOIN fair_bookings k ON k.fair_id = f.id WHERE `+fairInPeriod+` AND `+activeBooking+`),
		(SELECT count(*) FROM equipment q WHERE `+equipmentInPeriod+` AND q.kind <> 'mo_hinh'),
		(SELECT count(*) FROM equipment q WHERE `+equipmentInPeriod+` AND q.kind = 'mo_hinh'),
		(SELECT count(*) FROM (`+supportedEnterprises+`) AS supported)`, c.args...).Scan(
		&f.Certificates, &f.Revoked, &f.Fairs, &f.Bookings, &f.FairEnterprises, &f.Equipment, &f.Models, &f.Enterprises)
	if err != nil {
		return f, err
	}
	ps, err := yearProgrammes(ctx, tx, p.To.Year, nil)
	if err != nil {
		return f, err
	}
	f.ByFunding, f.ByContent, f.Budget = budgetRows(ps)
	return f, nil
}

// supportedEnterprises selects the enterprises supported in the period: hosting a class, booked
// with support at a fair, given equipment or a model (SupportReport's lines).
const supportedEnterprises = `SELECT c.host_enterprise_id FROM classes c WHERE ` + classInPeriod + ` AND c.host_enterprise_id IS NOT NULL
	UNION SELECT k.enterprise_id FROM fairs f JOIN fair_bookings k ON k.fair_id = f.id WHERE ` + fairInPeriod + ` AND ` + activeBooking + ` AND k.support > 0
	UNION SELECT q.enterprise_id FROM equipment q WHERE ` + equipmentInPeriod

// yearProgrammes returns the đề án of a year that are not cancelled, by code, from one source
// when funding is set.
func yearProgrammes(ctx context.Context, tx *tx, year int, funding *data.Funding) ([]*data.Programme, error) {
	q, args := `SELECT `+programmeColumns+` FROM programmes p WHERE p.year = ? AND p.status <> 'huy'`, []any{year}
	if funding != nil {
		q, args = q+` AND p.funding = ?`, append(args, string(*funding))
	}
	return queryRows(ctx, tx, scanProgramme, q+` ORDER BY p.code`, args...)
}

// budgetRows totals đề án by funding source and by content, every one in order, and overall.
func budgetRows(ps []*data.Programme) (byFunding, byContent []data.BudgetRow, total data.BudgetRow) {
	for _, f := range data.Fundings {
		byFunding = append(byFunding, data.BudgetRow{Key: string(f), Label: f.Label()})
	}
	for _, c := range data.Contents {
		byContent = append(byContent, data.BudgetRow{Key: string(c), Label: c.Label()})
	}
	total.Label = "Tổng cộng"
	for _, p := range ps {
		for _, r := range []*data.BudgetRow{&total, rowOf(byFunding, string(p.Funding)), rowOf(byContent, string(p.Content))} {
			r.Planned, r.Committed, r.Paid = r.Planned+p.Support, r.Committed+p.Committed, r.Paid+p.Paid
		}
	}
	return byFunding, byContent, total
}

// rowOf returns the row of rows with key.
func rowOf(rows []data.BudgetRow, key string) *data.BudgetRow {
	for i := range rows {
		if rows[i].Key == key {
			return &rows[i]
		}
	}
	panic("sqlite: no budget row " + key)
}

// ResultsReport returns report 1 for the plan of the period's last year: every content with its
// đề án (not cancelled, of the filter's source), their planned money, what they hold, what was
// paid in the period and since January, and the period's main figures. EINVALID.
func (db *DB) ResultsReport(ctx context.Context, p data.Period, f data.ReportFilter) (_ *data.ResultsReport, err error) {
	defer translate(&err)
	tx, err := db.readPeriod(ctx, p)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r := &data.ResultsReport{Period: p, Filter: f, Year: p.To.Year}
	ps, err := yearProgrammes(ctx, tx, r.Year, f.Funding)
	if err != nil {
		return nil, err
	}
	if err := withProgress(ctx, tx, ps); err != nil {
		return nil, err
	}
	paid := map[int64][2]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT y.programme_id,
			COALESCE(sum(CASE WHEN y.paid_on BETWEEN ?1 AND ?2 THEN y.amount END), 0),
			COALESCE(sum(CASE WHEN y.paid_on BETWEEN ?3 AND ?2 THEN y.amount END), 0)
		FROM payments y JOIN programmes p ON p.id = y.programme_id WHERE p.year = ?4 GROUP BY y.programme_id`,
		p.From.ISO(), p.To.ISO(), p.YearStart().ISO(), r.Year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var v [2]int64
		if err := rows.Scan(&id, &v[0], &v[1]); err != nil {
			return nil, err
		}
		paid[id] = v
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	for _, c := range data.Contents {
		row := data.ResultsRow{Content: c}
		for _, pr := range ps {
			if pr.Content != c {
				continue
			}
			m := data.Money{Support: pr.Support, Own: pr.Own, Committed: pr.Committed, PaidPeriod: paid[pr.ID][0], PaidCumulative: paid[pr.ID][1]}
			row.Programmes = append(row.Programmes, data.ResultsProgramme{Programme: pr, Money: m})
			row.Money.Add(m)
		}
		r.Rows = append(r.Rows, row)
		r.Total.Add(row.Money)
	}
	r.Highlights, err = figures(ctx, tx, p)
	return r, err
}
