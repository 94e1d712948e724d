package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// FindTraineeByID returns one trainee. ENOTFOUND.
func (db *DB) FindTraineeByID(ctx context.Context, id int64) (_ *data.Trainee, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findTraineeByID(ctx, tx, id)
}

// traineeWalkMin is the number of matches above which a trainee search walks the sort index,
// testing each row against the matches, instead of fetching and sorting every match (as the
// enterprise search does). Tests lower it.
var traineeWalkMin = 2000

// FindTrainees returns one page of the trainees the filter selects, in its order. EINVALID for an
// unknown sort column.
func (db *DB) FindTrainees(ctx context.Context, f data.TraineeFilter) (_ []*data.Trainee, err error) {
	defer translate(&err)
	order, err := traineeOrder(f)
	if err != nil {
		return nil, err
	}
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	walk := false
	if m := matching(f.Search); len(m.words) > 0 {
		n, err := countMatches(ctx, tx, "trainee_search", m)
		if err != nil {
			return nil, err
		}
		walk = n > traineeWalkMin
	}
	where, args := traineeWhere(tx.d, f, walk)
	query := `SELECT ` + traineeColumns + ` FROM trainees t` + where + order
	query, args = paged(query, args, f.Offset, f.Limit)
	return queryRows(ctx, tx, scanTrainee, query, args...)
}

// CountTrainees returns how many trainees the filter selects, ignoring its order and paging.
func (db *DB) CountTrainees(ctx context.Context, f data.TraineeFilter) (n int, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if m := matching(f.Search); len(m.words) > 0 && f.WardCode == nil && f.WorkplaceID == nil && f.Female == nil {
		return countMatches(ctx, tx, "trainee_search", m) // the search index alone answers
	}
	where, args := traineeWhere(tx.d, f, false)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM trainees t`+where, args...).Scan(&n)
	return n, err
}

// CreateTrainee normalises, validates and stores t, setting its ID, Version and times. EINVALID;
// ECONFLICT as a *data.DuplicateTraineeError when the CCCD is registered, or when someone has the
// same name and birth date and confirmed is false.
func (db *DB) CreateTrainee(ctx context.Context, t *data.Trainee, confirmed bool) (err error) {
	defer translate(&err)
	return db.createTrainees(ctx, []*data.Trainee{t}, confirmed)
}

// CreateTrainees stores many trainees in one transaction, all or none; a same name and birth date
// is not asked about. EINVALID and ECONFLICT name the row (1-based) at fault.
func (db *DB) CreateTrainees(ctx context.Context, ts []*data.Trainee) (err error) {
	defer translate(&err)
	return db.createTrainees(ctx, ts, true)
}

// createTrainees stores ts in one transaction; unless confirmed, it refuses a trainee with the
// name and birth date of someone stored.
func (db *DB) createTrainees(ctx context.Context, ts []*data.Trainee, confirmed bool) error {
	if len(ts) == 0 {
		return nil
	}
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ids, err := createTraineesTx(ctx, tx, db.today(), ts, confirmed)
	if err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	setCreated(tx, ts, ids)
	return nil
}

// createTraineesTx inserts ts within tx and returns their ids; the caller commits, then calls
// setCreated. EINVALID and ECONFLICT name the row (1-based) at fault when there are several.
func createTraineesTx(ctx context.Context, tx *tx, today vn.Date, ts []*data.Trainee, confirmed bool) ([]int64, error) {
	w, err := newTraineeWriter(ctx, tx, today)
	if err != nil {
		return nil, err
	}
	defer w.close()
	ids := make([]int64, len(ts))
	for i, t := range ts {
		if ids[i], err = w.create(ctx, t, confirmed); err != nil {
			if len(ts) == 1 {
				return nil, err
			}
			return nil, traineeRowError(i+1, err)
		}
	}
	action, id, detail := "import", int64(0), fmt.Sprintf("%d học viên, mã %d–%d", len(ts), ids[0], ids[len(ids)-1])
	if len(ts) == 1 {
		action, id, detail = "create", ids[0], ts[0].Name.Full()
	}
	return ids, audit(ctx, tx, action, "trainee", id, detail)
}

// setCreated gives trainees stored by a committed tx their ids, version and times.
func setCreated(tx *tx, ts []*data.Trainee, ids []int64) {
	for i, t := range ts {
		t.ID, t.Version, t.CreatedAt, t.UpdatedAt = ids[i], 1, tx.now, tx.now
	}
}

// UpdateTrainee saves every field of t over the stored record; t.Version must be the version
// read, and on success t is the saved record. EINVALID; ENOTFOUND; ECONFLICT for a stale version
// or a CCCD registered to someone else.
func (db *DB) UpdateTrainee(ctx context.Context, t *data.Trainee) (err error) {
	defer translate(&err)
	today := db.today()
	tx, err := db.write(ctx, data.RightRegister)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stored, err := findTraineeByID(ctx, tx, t.ID)
	if err != nil {
		return err
	}
	if stored.Version != t.Version {
		return data.Errorf(data.ECONFLICT, "Hồ sơ học viên %s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", stored.Name.Full(), stored.Version, t.Version)
	}
	tx.before(ctx, "trainee", t.ID)
	w, err := newTraineeWriter(ctx, tx, today)
	if err != nil {
		return err
	}
	defer w.close()
	if err := w.update(ctx, t); err != nil {
		return err
	}
	saved, err := findTraineeByID(ctx, tx, t.ID)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "update", "trainee", t.ID, t.Name.Full()); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*t = *saved
	return nil
}

// TraineeHistory lists every class the trainee enrolled in, the latest first, with the result.
// ENOTFOUND.
func (db *DB) TraineeHistory(ctx context.Context, id int64) (_ []*data.TraineeClass, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findTraineeByID(ctx, tx, id); err != nil {
		return nil, err
	}
	scale, err := gradeScale(ctx, tx)
	if err != nil {
		return nil, err
	}
	views, err := enrollmentViews(ctx, tx, `e.trainee_id = ?`, ` ORDER BY e.id`, id)
	if err != nil {
		return nil, err
	}
	var out []*data.TraineeClass
	for _, v := range views {
		c, err := findClassByID(ctx, tx, v.ClassID)
		if err != nil {
			return nil, err
		}
		if err := countAttendance(ctx, tx, v); err != nil {
			return nil, err
		}
		v.Assess(c, scale)
		out = append(out, &data.TraineeClass{Class: c, Result: v})
	}
	slices.SortStableFunc(out, func(a, b *data.TraineeClass) int {
		if c := b.Class.Start.Compare(a.Class.Start); c != 0 {
			return c
		}
		return strings.Compare(b.Class.Code, a.Class.Code)
	})
	return out, nil
}

// traineeColumns are the columns scanTrainee reads, from trainees t.
const traineeColumns = `t.id, t.family, t.middle, t.given, t.female, t.birth_date, t.birth_place, t.ethnicity,
	t.cccd, t.phone, COALESCE(t.ward_code, ''), t.address, COALESCE(t.workplace_id, 0), t.workplace,
	t.policy_group, t.version, t.created_at, t.updated_at`

// scanTrainee reads one row of traineeColumns.
func scanTrainee(s scanner) (*data.Trainee, error) {
	var t data.Trainee
	var birth, created, updated string
	if err := s.Scan(&t.ID, &t.Name.Family, &t.Name.Middle, &t.Name.Given, &t.Female, &birth, &t.BirthPlace,
		&t.Ethnicity, &t.CCCD, &t.Phone, &t.WardCode, &t.Address, &t.WorkplaceID, &t.Workplace,
		&t.PolicyGroup, &t.Version, &created, &updated); err != nil {
		return nil, err
	}
	var err error
	if t.BirthDate, err = vn.ParseISODate(birth); err != nil {
		return nil, err
	}
	t.CreatedAt, t.UpdatedAt, err = parseTimes(created, updated)
	return &t, err
}

// findTraineeByID returns one trainee. ENOTFOUND.
func findTraineeByID(ctx context.Context, tx *tx, id int64) (*data.Trainee, error) {
	t, err := scanTrainee(tx.QueryRowContext(ctx, `SELECT `+traineeColumns+` FROM trainees t WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy học viên mã %d; có thể ai đó vừa xoá hồ sơ. Hãy tải lại danh sách.", id)
	}
	return t, err
}

// traineeWhere returns the WHERE clause, over trainees t, of the filter's fields that are set.
// When walk is set, SQLite is kept from driving the query from the matches, so that it walks the
// sort index and stops at the end of the page.
func traineeWhere(d dialect, f data.TraineeFilter, walk bool) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	if m := matching(f.Search); len(m.words) > 0 {
		in, a := inSearch(d, "t.id", "trainee_search", m)
		if walk {
			in = "+" + in
		}
		add(in, a...)
	}
	if f.WardCode != nil {
		if *f.WardCode == "" {
			add(`t.ward_code IS NULL`)
		} else {
			add(`t.ward_code = ?`, *f.WardCode)
		}
	}
	if f.WorkplaceID != nil {
		if *f.WorkplaceID == 0 {
			add(`t.workplace_id IS NULL`)
		} else {
			add(`t.workplace_id = ?`, *f.WorkplaceID)
		}
	}
	if f.Female != nil {
		add(`+t.female = ?`, *f.Female)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// traineeSortColumns are the columns each sort orders by before the id that breaks ties.
var traineeSortColumns = map[data.TraineeSort]string{
	"":                      "t.name_key",
	data.TraineeByName:      "t.name_key",
	data.TraineeByBirthDate: "t.birth_date",
	data.TraineeByCCCD:      "t.cccd",
	data.TraineeByPhone:     "t.phone",
}

// traineeOrder returns the ORDER BY clause of the filter's sort.
func traineeOrder(f data.TraineeFilter) (string, error) {
	col, ok := traineeSortColumns[f.Sort]
	if !ok {
		return "", data.Errorf(data.EINVALID, "Không sắp xếp được theo cột %q.", f.Sort)
	}
	if f.Desc {
		return ` ORDER BY ` + col + ` DESC, t.id DESC`, nil
	}
	return ` ORDER BY ` + col + `, t.id`, nil
}

// traineeRowError names the row of an import at fault, keeping a duplicate's details.
func traineeRowError(row int, err error) error {
	var d *data.DuplicateTraineeError
	if errors.As(err, &d) {
		return &data.DuplicateTraineeError{Err: data.Errorf(d.Err.Code, "Dòng %d: %s", row, d.Err.Message), Existing: d.Existing, SameCCCD: d.SameCCCD}
	}
	return rowError(row, err)
}

// traineeWriter writes trainees within one transaction with its statements prepared once.
type traineeWriter struct {
	tx        *tx
	today     vn.Date
	divisions map[string]division
	insertRow *sql.Stmt
	updateRow *sql.Stmt
	unindex   *sql.Stmt
	index     *sql.Stmt
	sameName  *sql.Stmt // who has a name and birth date
	workplace *sql.Stmt // whether an enterprise exists

	cccdHolder *sql.Stmt // who else has a CCCD
}

// newTraineeWriter prepares a writer for tx on the day today; close it when done.
func newTraineeWriter(ctx context.Context, tx *tx, today vn.Date) (*traineeWriter, error) {
	divisions, err := loadDivisions(ctx, tx)
	if err != nil {
		return nil, err
	}
	w := &traineeWriter{tx: tx, today: today, divisions: divisions}
	for _, s := range []struct {
		stmt  **sql.Stmt
		query string
	}{
		{&w.insertRow, `INSERT INTO trainees (family, middle, given, name_key, female, birth_date, birth_place,
			ethnicity, cccd, phone, ward_code, address, workplace_id, workplace, policy_group, dup_key,
			version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, ''), ?, NULLIF(?, 0), ?, ?, ?, 1, ?, ?) RETURNING id`},
		{&w.updateRow, `UPDATE trainees SET family = ?, middle = ?, given = ?, name_key = ?, female = ?,
			birth_date = ?, birth_place = ?, ethnicity = ?, cccd = ?, phone = ?, ward_code = NULLIF(?, ''),
			address = ?, workplace_id = NULLIF(?, 0), workplace = ?, policy_group = ?, dup_key = ?,
			version = version + 1, updated_at = ? WHERE id = ?`},
		{&w.unindex, `DELETE FROM trainee_search WHERE rowid = ?`},
		{&w.index, `INSERT INTO trainee_search (rowid, text) VALUES (?, ?)`},
		{&w.sameName, `SELECT id FROM trainees WHERE dup_key = ? AND (cccd = '' OR ? = '') ORDER BY id LIMIT 1`},
		{&w.workplace, `SELECT count(*) FROM enterprises WHERE id = ?`},
		{&w.cccdHolder, `SELECT id FROM trainees WHERE cccd = ? AND id <> ?`},
	} {
		if *s.stmt, err = tx.PrepareContext(ctx, s.query); err != nil {
			w.close()
			return nil, err
		}
	}
	return w, nil
}

// close closes the writer's statements.
func (w *traineeWriter) close() {
	for _, s := range []*sql.Stmt{w.insertRow, w.updateRow, w.unindex, w.index, w.sameName, w.workplace, w.cccdHolder} {
		if s != nil {
			s.Close()
		}
	}
}

// create checks and inserts t and returns its new id; unless confirmed, someone stored with the
// same name and birth date (and no CCCD that tells them apart) is a conflict.
func (w *traineeWriter) create(ctx context.Context, t *data.Trainee, confirmed bool) (int64, error) {
	if err := w.check(ctx, t); err != nil {
		return 0, err
	}
	if !confirmed {
		var id int64
		err := w.sameName.QueryRowContext(ctx, dupKey(t), t.CCCD).Scan(&id)
		if err == nil {
			return 0, w.duplicate(ctx, id, false)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
	}
	if err := w.cccdFree(ctx, t, 0); err != nil {
		return 0, err
	}
	id, err := scanID(w.insertRow.QueryRowContext(ctx, append(traineeValues(t), w.tx.at(), w.tx.at())...))
	if err != nil {
		return 0, err
	}
	_, err = w.index.ExecContext(ctx, id, traineeSearchText(t))
	return id, err
}

// update checks t and saves it over the stored record with the same id.
func (w *traineeWriter) update(ctx context.Context, t *data.Trainee) error {
	if err := w.check(ctx, t); err != nil {
		return err
	}
	if err := w.cccdFree(ctx, t, t.ID); err != nil {
		return err
	}
	if _, err := w.updateRow.ExecContext(ctx, append(traineeValues(t), w.tx.at(), t.ID)...); err != nil {
		return err
	}
	if _, err := w.unindex.ExecContext(ctx, t.ID); err != nil {
		return err
	}
	_, err := w.index.ExecContext(ctx, t.ID, traineeSearchText(t))
	return err
}

// check normalises and validates t, then checks that its ward and workplace exist.
func (w *traineeWriter) check(ctx context.Context, t *data.Trainee) error {
	t.Normalize()
	if err := t.Validate(w.today); err != nil {
		return err
	}
	if d, ok := w.divisions[t.WardCode]; t.WardCode != "" && (!ok || d.level != levelWard) {
		n := 0
		for _, d := range w.divisions {
			if d.level == levelWard {
				n++
			}
		}
		return data.Errorf(data.EINVALID, "Mã phường/xã %s không có trong danh mục %d phường, xã của Hà Nội (từ 07/2025). Hãy chọn phường, xã trong danh sách.", t.WardCode, n)
	}
	if t.WorkplaceID != 0 {
		var n int
		if err := w.workplace.QueryRowContext(ctx, t.WorkplaceID).Scan(&n); err != nil {
			return err
		} else if n == 0 {
			return data.Errorf(data.EINVALID, "Không có doanh nghiệp mã %d trong danh sách doanh nghiệp. Hãy chọn lại nơi làm việc.", t.WorkplaceID)
		}
	}
	return nil
}

// cccdFree returns a *data.DuplicateTraineeError naming the trainee other than id that holds
// the CCCD of t. It is asked before the write, which holds the write lock: on the server a
// statement that breaks a UNIQUE index ends the transaction, so the holder could not be read
// after it.
func (w *traineeWriter) cccdFree(ctx context.Context, t *data.Trainee, id int64) error {
	if t.CCCD == "" {
		return nil
	}
	var holder int64
	switch err := w.cccdHolder.QueryRowContext(ctx, t.CCCD, id).Scan(&holder); {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return err
	}
	return w.duplicate(ctx, holder, true)
}

// duplicate returns the conflict with the stored trainee id: the same CCCD, or the same name and
// birth date.
func (w *traineeWriter) duplicate(ctx context.Context, id int64, sameCCCD bool) error {
	existing, err := findTraineeByID(ctx, w.tx, id)
	if err != nil {
		return err
	}
	who := existing.Name.Full() + ", sinh " + existing.BirthDate.String()
	var e *data.Error
	if sameCCCD {
		e = data.Errorf(data.ECONFLICT, "Số CCCD %s đã đăng ký cho học viên %s (mã %d). Một người chỉ có một hồ sơ: hãy chọn hồ sơ đã có, hoặc soát lại số CCCD.", existing.CCCD, who, existing.ID)
	} else {
		if existing.CCCD != "" {
			who += ", CCCD " + existing.CCCD
		}
		e = data.Errorf(data.ECONFLICT, "Có phải là %s? Học viên cùng họ tên và ngày sinh đã có hồ sơ (mã %d). Nếu đúng, hãy chọn hồ sơ đó; nếu là người khác, hãy xác nhận để tạo hồ sơ mới.", who, existing.ID)
	}
	return &data.DuplicateTraineeError{Err: e, Existing: existing, SameCCCD: sameCCCD}
}

// dupKey is what tells a person apart without a CCCD: the folded full name and the birth date.
func dupKey(t *data.Trainee) string {
	return vn.Fold(t.Name.Full()) + "|" + t.BirthDate.ISO()
}

// traineeValues returns the stored columns of t that insert and update share, in their order.
func traineeValues(t *data.Trainee) []any {
	n := t.Name
	return []any{n.Family, n.Middle, n.Given, vn.NameSortKey(n), t.Female, t.BirthDate.ISO(), t.BirthPlace,
		t.Ethnicity, t.CCCD, t.Phone, t.WardCode, t.Address, t.WorkplaceID, t.Workplace, t.PolicyGroup, dupKey(t)}
}

// traineeSearchText returns what the search index holds for t: name, CCCD, phone bare and in the
// groups it is written in ("0912 345 678"), and birth date, folded.
func traineeSearchText(t *data.Trainee) string {
	parts := []string{t.Name.Full(), t.CCCD, t.BirthDate.String()}
	if t.Phone != "" {
		parts = append(parts, t.Phone, vn.FormatPhone(t.Phone))
	}
	return indexText(parts...)
}
