package store

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// The reports that list groups: training, fairs, support to enterprises, certificates, villages.

// noneLabel names the group of rows without a ward, trade or village.
const noneLabel = "Chưa xác định"

// trainingRows counts the period's classes that c selects, grouped by the SQL expression key over
// classes c, each group named by label; rows by label, the group without a key last.
func trainingRows(ctx context.Context, tx *tx, c *conds, key, label string) ([]data.TrainingRow, error) {
	query := `SELECT k, max(l), count(*), sum(budget), sum(tr), sum(wo), sum(wd), sum(co), sum(em) FROM (
		SELECT ` + key + ` AS k, ` + label + ` AS l, c.budget AS budget,
			count(*) FILTER (WHERE n.status = 'hoc') AS tr,
			count(*) FILTER (WHERE n.status = 'hoc' AND t.female = 1) AS wo,
			count(*) FILTER (WHERE n.status = 'thoi_hoc') AS wd,
			count(*) FILTER (WHERE n.status = 'hoc' AND c.status IN ` + doneClasses + ` AND n.score >= c.pass_mark) AS co,
			count(*) FILTER (WHERE n.status = 'hoc' AND n.employed = 1) AS em
		FROM classes c LEFT JOIN enrollments n ON n.class_id = c.id LEFT JOIN trainees t ON t.id = n.trainee_id
		WHERE ` + classInPeriod + c.sql() + ` GROUP BY c.id) AS per_class
	GROUP BY k ORDER BY k = '', max(l) COLLATE vi, k`
	rows, err := queryRows(ctx, tx, func(s scanner) (r data.TrainingRow, err error) {
		err = s.Scan(&r.Key, &r.Label, &r.Classes, &r.Budget, &r.Trainees, &r.Women, &r.Withdrawn, &r.Completed, &r.Employed)
		return r, err
	}, query, c.args...)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		rows[i].Label = groupLabel(rows[i].Key, rows[i].Label)
	}
	if key == `''` && len(rows) == 0 {
		rows = []data.TrainingRow{{}}
	}
	return rows, nil
}

// groupLabel is the printed name of a group: its label with a capital, noneLabel without a key.
func groupLabel(key, label string) string {
	if key == "" || label == "" {
		return noneLabel
	}
	r, n := utf8.DecodeRuneInString(label)
	return string(unicode.ToUpper(r)) + label[n:]
}

// TrainingReport returns report 2: the classes that started in the period (not cancelled) with
// their trainees, by kind, trade, ward and village. EINVALID.
func (db *DB) TrainingReport(ctx context.Context, p data.Period, f data.ReportFilter) (_ *data.TrainingReport, err error) {
	defer translate(&err)
	tx, err := db.readPeriod(ctx, p)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := reportConds(p, f, data.ReportTraining.Uses(), true, "c.programme_id")
	r := &data.TrainingReport{Period: p, Filter: f}
	kinds, err := trainingRows(ctx, tx, c, `c.kind`, `c.kind`)
	if err != nil {
		return nil, err
	}
	for _, k := range data.ClassKinds {
		row := data.TrainingRow{Key: string(k), Label: k.Label()}
		for _, x := range kinds {
			if x.Key == string(k) {
				row.Add(x)
			}
		}
		r.ByKind = append(r.ByKind, row)
		r.Total.Add(row)
	}
	r.Total.Label = "Tổng cộng"
	if r.ByTrade, err = trainingRows(ctx, tx, c, `c.trade`, `c.trade`); err != nil {
		return nil, err
	}
	if r.ByWard, err = trainingRows(ctx, tx, c, `COALESCE(c.ward_code, '')`, fmt.Sprintf(wardLabel, `c.ward_code`)); err != nil {
		return nil, err
	}
	if r.ByVillage, err = trainingRows(ctx, tx, c, `COALESCE(CAST(c.village_id AS TEXT), '')`,
		`COALESCE((SELECT v.name FROM villages v WHERE v.id = c.village_id), '')`); err != nil {
		return nil, err
	}
	if n := len(r.ByVillage); n > 0 && r.ByVillage[n-1].Key == "" {
		r.ByVillage[n-1].Label = "Không thuộc làng nghề"
	}
	return r, nil
}

// FairReport returns report 3: the fairs that started in the period and were not cancelled, with
// their active bookings (of the filter's enterprises; a fair without any is then left out), by
// fair and by kind. EINVALID.
func (db *DB) FairReport(ctx context.Context, p data.Period, f data.ReportFilter) (_ *data.FairReport, err error) {
	defer translate(&err)
	tx, err := db.readPeriod(ctx, p)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := reportConds(p, f, data.ReportFairs.Uses(), false, "f.programme_id")
	// The enterprises' conditions choose bookings, the đề án's fairs.
	var enterprise, fair []string
	for _, w := range c.where {
		if strings.HasPrefix(w, "e.") {
			enterprise = append(enterprise, w)
		} else {
			fair = append(fair, w)
		}
	}
	booking, having := "", ""
	if len(enterprise) > 0 {
		booking = ` AND k.enterprise_id IN (SELECT e.id FROM enterprises e WHERE ` + strings.Join(enterprise, " AND ") + `)`
		having = ` HAVING count(k.id) > 0`
	}
	query := `SELECT f.code, f.name, f.kind, f.start_date, f.end_date, f.city, f.country, count(k.id),
			COALESCE(sum((SELECT count(*) FROM booking_booths b WHERE b.booking_id = k.id)), 0),
			COALESCE(sum(k.support), 0),
			COALESCE(sum((SELECT sum(y.amount) FROM payments y WHERE y.booking_id = k.id AND y.paid_on <= ?2)), 0),
			COALESCE(sum(k.sales), 0), COALESCE(sum(k.contracts), 0), COALESCE(sum(k.contract_value), 0)
		FROM fairs f LEFT JOIN fair_bookings k ON k.fair_id = f.id AND ` + activeBooking + booking + `
		WHERE ` + fairInPeriod + and(fair) + ` GROUP BY f.id` + having + ` ORDER BY f.start_date, f.code`
	r := &data.FairReport{Period: p, Filter: f}
	var kinds []string
	r.Fairs, err = queryRows(ctx, tx, func(s scanner) (row data.FairRow, err error) {
		var kind, start, end, city, country string
		if err = s.Scan(&row.Key, &row.Label, &kind, &start, &end, &city, &country, &row.Enterprises, &row.Booths,
			&row.Support, &row.Paid, &row.Sales, &row.Contracts, &row.ContractValue); err != nil {
			return row, err
		}
		kinds = append(kinds, kind)
		row.Fairs = 1
		row.Place = joinNonEmpty(city, country)
		if row.Start, err = vn.ParseISODate(start); err == nil {
			row.End, err = vn.ParseISODate(end)
		}
		return row, err
	}, query, c.args...)
	if err != nil {
		return nil, err
	}
	for _, k := range data.FairKinds {
		row := data.FairRow{Key: string(k), Label: k.Label()}
		for i, x := range r.Fairs {
			if kinds[i] == string(k) {
				row.Add(x)
			}
		}
		r.ByKind = append(r.ByKind, row)
		r.Total.Add(row)
	}
	r.Total.Label = "Tổng cộng"
	return r, nil
}

// and returns conditions as " AND …", or "".
func and(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " AND " + strings.Join(where, " AND ")
}

// joinNonEmpty joins the parts that are not empty with ", ".
func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// SupportReport returns report 4: every support given in the period to the filter's enterprises
// (a class hosted, a booking with support at a fair, equipment or a model approved), by
// enterprise, and the register (not archived) by ward and by trade. EINVALID.
func (db *DB) SupportReport(ctx context.Context, p data.Period, f data.ReportFilter) (_ *data.SupportReport, err error) {
	defer translate(&err)
	tx, err := db.readPeriod(ctx, p)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	use := data.ReportSupport.Uses()
	// One set of conditions, so that their parameters' numbers agree; payer stands for the
	// column of the paying đề án, which differs in each part.
	c := reportConds(p, f, use, false, "payer")
	funding := func(col string) string { return strings.ReplaceAll(c.sql(), "payer", col) }
	head := `SELECT e.id, e.name, e.name_key, ` + fmt.Sprintf(wardLabel, "e.ward_code") + `, e.trade, `
	query := head + `'lop_to_chuc', c.start_date, c.code, c.name, COALESCE(p.code, ''),
			(SELECT count(*) FROM enrollments n WHERE n.class_id = c.id AND n.status = 'hoc'), c.budget
		FROM classes c JOIN enterprises e ON e.id = c.host_enterprise_id LEFT JOIN programmes p ON p.id = c.programme_id
		WHERE ` + classInPeriod + funding("c.programme_id") + `
	UNION ALL ` + head + `'hoi_cho', f.start_date, f.code, f.name, COALESCE(p.code, ''), 0, k.support
		FROM fair_bookings k JOIN fairs f ON f.id = k.fair_id JOIN enterprises e ON e.id = k.enterprise_id
			LEFT JOIN programmes p ON p.id = f.programme_id
		WHERE ` + fairInPeriod + ` AND ` + activeBooking + ` AND k.support > 0` + funding("f.programme_id") + `
	UNION ALL ` + head + `CASE q.kind WHEN 'mo_hinh' THEN 'mo_hinh' ELSE 'thiet_bi' END, q.requested_on, q.code, q.what, p.code, 0, q.approved
		FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id JOIN programmes p ON p.id = q.programme_id
		WHERE ` + equipmentInPeriod + funding("q.programme_id") + `
	ORDER BY 3, 1, 7, 8`
	r := &data.SupportReport{Period: p, Filter: f}
	rows, err := tx.QueryContext(ctx, query, c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name, ward, trade, date string
		var key []byte
		var l data.SupportLine
		if err := rows.Scan(&id, &name, &key, &ward, &trade, &l.Kind, &date, &l.Code, &l.Description, &l.Programme, &l.People, &l.Amount); err != nil {
			return nil, err
		}
		if l.Date, err = vn.ParseISODate(date); err != nil {
			return nil, err
		}
		if n := len(r.Enterprises); n == 0 || r.Enterprises[n-1].EnterpriseID != id {
			r.Enterprises = append(r.Enterprises, data.EnterpriseSupport{EnterpriseID: id, Name: name, Ward: groupLabel(ward, ward), Trade: trade})
		}
		e := &r.Enterprises[len(r.Enterprises)-1]
		e.Lines = append(e.Lines, l)
		e.Amount += l.Amount
		r.Amount += l.Amount
		r.Lines++
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	dir := reportConds(p, f, data.FilterUse{Ward: use.Ward, Trade: use.Trade, Village: use.Village}, false, "")
	// The server reads an output column's name (k) in ORDER BY only alone, not within an expression.
	directory := func(key, label string) ([]data.DirectoryRow, error) {
		rows, err := queryRows(ctx, tx, func(s scanner) (d data.DirectoryRow, err error) {
			err = s.Scan(&d.Key, &d.Label, &d.Enterprises, &d.Workers)
			d.Label = groupLabel(d.Key, d.Label)
			return d, err
		}, `SELECT `+key+` AS k, max(`+label+`), count(*), COALESCE(sum(e.workers), 0) FROM enterprises e
			WHERE e.archived = 0 AND ?1 <= ?2`+dir.sql()+` GROUP BY k ORDER BY `+key+` = '', max(`+label+`) COLLATE vi, k`, dir.args...)
		return rows, err
	}
	if r.ByWard, err = directory(`COALESCE(e.ward_code, '')`, fmt.Sprintf(wardLabel, "e.ward_code")); err != nil {
		return nil, err
	}
	if r.ByTrade, err = directory(`e.trade`, `e.trade`); err != nil {
		return nil, err
	}
	r.Directory.Label = "Tổng cộng"
	for _, d := range r.ByWard {
		r.Directory.Enterprises += d.Enterprises
		r.Directory.Workers += d.Workers
	}
	return r, nil
}

// CertificateReport returns report 5: certificates issued for the first time, re-issued, and
// revoked (not re-issued since) in the period, of classes the filter selects, by class kind and
// by month. EINVALID.
func (db *DB) CertificateReport(ctx context.Context, p data.Period, f data.ReportFilter) (_ *data.CertificateReport, err error) {
	defer translate(&err)
	tx, err := db.readPeriod(ctx, p)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := reportConds(p, f, data.ReportCertificates.Uses(), true, "c.programme_id")
	query := `SELECT c.kind, substr(x.issued_on, 1, 7), CASE WHEN x.replaces IS NULL THEN 'i' ELSE 'r' END, count(*)
		FROM certificates x JOIN classes c ON c.id = x.class_id
		WHERE x.register_year BETWEEN CAST(substr(?1, 1, 4) AS INTEGER) AND CAST(substr(?2, 1, 4) AS INTEGER)
			AND x.issued_on BETWEEN ?1 AND ?2` + c.sql() + ` GROUP BY 1, 2, 3
	UNION ALL SELECT c.kind, substr(x.revoked_on, 1, 7), 'v', count(*)
		FROM certificates x JOIN classes c ON c.id = x.class_id
		WHERE x.status = 'thu_hoi' AND x.revoked_on BETWEEN ?1 AND ?2` + c.sql() + ` GROUP BY 1, 2, 3`
	r := &data.CertificateReport{Period: p, Filter: f}
	for _, k := range data.ClassKinds {
		r.ByKind = append(r.ByKind, data.CertificateRow{Key: string(k), Label: k.Label()})
	}
	for m := time.Date(p.From.Year, p.From.Month, 1, 0, 0, 0, 0, time.UTC); !p.To.Time().Before(m); m = m.AddDate(0, 1, 0) {
		r.ByMonth = append(r.ByMonth, data.CertificateRow{Key: m.Format("2006-01"), Label: fmt.Sprintf("Tháng %02d/%d", m.Month(), m.Year())})
	}
	rows, err := tx.QueryContext(ctx, query, c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, month, what string
		var n int
		if err := rows.Scan(&kind, &month, &what, &n); err != nil {
			return nil, err
		}
		for _, row := range []*data.CertificateRow{certificateRow(r.ByKind, kind), certificateRow(r.ByMonth, month), &r.Total} {
			switch what {
			case "i":
				row.Issued += n
			case "r":
				row.Reissued += n
			default:
				row.Revoked += n
			}
		}
	}
	r.Total.Label = "Tổng cộng"
	return r, rows.Err()
}

// certificateRow returns the row of rows with key; a key outside them (none: the query keeps
// to the period) counts in the total only.
func certificateRow(rows []data.CertificateRow, key string) *data.CertificateRow {
	for i := range rows {
		if rows[i].Key == key {
			return &rows[i]
		}
	}
	return &data.CertificateRow{}
}

// VillageReport returns report 6: every craft village the filter selects, by name, with the
// classes held for it and what its enterprises received in the period. EINVALID.
func (db *DB) VillageReport(ctx context.Context, p data.Period, f data.ReportFilter) (_ *data.VillageReport, err error) {
	defer translate(&err)
	tx, err := db.readPeriod(ctx, p)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c := newConds(p)
	if f.WardCode != nil {
		c.add("v.ward_code = ?", *f.WardCode)
	}
	if f.Trade != nil {
		c.add("v.trade = ?", *f.Trade)
	}
	if f.VillageID != nil {
		c.add("v.id = ?", *f.VillageID)
	}
	const classes = `FROM classes c WHERE c.village_id = v.id AND ` + classInPeriod
	const bookings = `FROM fair_bookings k JOIN fairs f ON f.id = k.fair_id JOIN enterprises e ON e.id = k.enterprise_id
		WHERE e.village_id = v.id AND ` + fairInPeriod + ` AND ` + activeBooking
	const equipment = `FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id WHERE e.village_id = v.id AND ` + equipmentInPeriod
	query := `SELECT v.id, v.name, ` + fmt.Sprintf(wardLabel, "v.ward_code") + `, v.trade,
			(SELECT count(*) FROM enterprises e WHERE e.village_id = v.id),
			(SELECT count(*) ` + classes + `),
			(SELECT count(*) FROM enrollments n WHERE n.status = 'hoc' AND n.class_id IN (SELECT c.id ` + classes + `)),
			(SELECT COALESCE(sum(c.budget), 0) ` + classes + `),
			(SELECT count(*) ` + bookings + `), (SELECT COALESCE(sum(k.support), 0) ` + bookings + `),
			(SELECT count(*) ` + equipment + `), (SELECT COALESCE(sum(q.approved), 0) ` + equipment + `)
		FROM villages v WHERE ?1 <= ?2` + c.sql() + ` ORDER BY v.name COLLATE vi, v.id`
	r := &data.VillageReport{Period: p, Filter: f}
	if r.Villages, err = queryRows(ctx, tx, func(s scanner) (v data.VillageRow, err error) {
		err = s.Scan(&v.VillageID, &v.Name, &v.Ward, &v.Trade, &v.Enterprises, &v.Classes, &v.Trainees, &v.ClassBudget,
			&v.Bookings, &v.FairSupport, &v.Equipment, &v.EquipmentSupport)
		v.Ward = groupLabel(v.Ward, v.Ward)
		v.Amount = v.ClassBudget + v.FairSupport + v.EquipmentSupport
		return v, err
	}, query, c.args...); err != nil {
		return nil, err
	}
	for _, v := range r.Villages {
		r.Total.Add(v)
	}
	r.Total.Name = "Tổng cộng"
	return r, nil
}
