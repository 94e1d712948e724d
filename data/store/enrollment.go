package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Enroll puts a trainee in a class and returns the enrolment. ENOTFOUND for the class or the
// trainee; ECONFLICT when the trainee is already in the class, the class is full, or it no
// longer takes trainees.
func (db *DB) Enroll(ctx context.Context, classID, traineeID int64) (*data.Enrollment, error) {
	es, err := db.EnrollMany(ctx, classID, []int64{traineeID})
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// EnrollMany puts many trainees in a class in one transaction, all or none. The errors of Enroll.
// The write transaction holds the database's write lock from its start, so the seats counted
// inside it are still free when it commits, however many clerks enrol at once.
func (db *DB) EnrollMany(ctx context.Context, classID int64, traineeIDs []int64) (_ []*data.Enrollment, err error) {
	defer translate(&err)
	if len(traineeIDs) == 0 {
		return nil, nil
	}
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out, err := enrollMany(ctx, tx, classID, traineeIDs)
	if err != nil {
		return nil, err
	}
	return out, tx.Commit()
}

// EnrollList stores the new trainees of a list and enrols them with the existing ones, all in one
// transaction: a refusal of either part writes nothing. The errors of CreateTrainees and EnrollMany.
func (db *DB) EnrollList(ctx context.Context, classID int64, existing []int64, fresh []*data.Trainee) (_ []*data.Enrollment, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var ids []int64
	if len(fresh) > 0 {
		if ids, err = createTraineesTx(ctx, tx, db.today(), fresh, true); err != nil {
			return nil, err
		}
	}
	out, err := enrollMany(ctx, tx, classID, append(slices.Clone(existing), ids...))
	if err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	setCreated(tx, fresh, ids)
	return out, nil
}

// enrollMany enrols traineeIDs in a class within tx.
func enrollMany(ctx context.Context, tx *tx, classID int64, traineeIDs []int64) ([]*data.Enrollment, error) {
	c, err := findClassByID(ctx, tx, classID)
	if err != nil {
		return nil, err
	}
	if !c.Status.Enrolling() {
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s đang ở trạng thái \"%s\" nên không nhận thêm học viên.", c.Code, c.Status.Label())
	}
	if free := c.Capacity - c.Enrolled; free <= 0 {
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s đã đủ %d học viên. Hãy tăng số học viên tối đa của lớp nếu được phép, hoặc ghi danh vào lớp khác.", c.Code, c.Capacity)
	} else if len(traineeIDs) > free {
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s chỉ còn %d chỗ (tối đa %d học viên, đã có %d) mà danh sách có %d người. Không ai được ghi danh; hãy bớt danh sách hoặc tăng số học viên tối đa.", c.Code, free, c.Capacity, c.Enrolled, len(traineeIDs))
	}
	insert, err := tx.PrepareContext(ctx, `INSERT INTO enrollments (class_id, trainee_id, status, version, created_at, updated_at) VALUES (?, ?, 'hoc', 1, ?, ?) RETURNING id`)
	if err != nil {
		return nil, err
	}
	defer insert.Close()
	out := make([]*data.Enrollment, len(traineeIDs))
	for i, tid := range traineeIDs {
		t, err := findTraineeByID(ctx, tx, tid)
		if err != nil {
			return nil, err
		}
		var status, withdrawn string
		err = tx.QueryRowContext(ctx, `SELECT status, withdrawn_on FROM enrollments WHERE class_id = ? AND trainee_id = ?`, classID, tid).Scan(&status, &withdrawn)
		if err == nil {
			who := fmt.Sprintf("%s (sinh %s)", t.Name.Full(), t.BirthDate)
			if data.EnrollmentStatus(status) == data.EnrollmentWithdrawn {
				d, _ := vn.ParseISODate(withdrawn)
				return nil, data.Errorf(data.ECONFLICT, "Học viên %s đã ghi danh lớp %s và thôi học từ %s; không ghi danh lại được.", who, c.Code, d)
			}
			return nil, data.Errorf(data.ECONFLICT, "Học viên %s đã có trong lớp %s; mỗi người chỉ ghi danh một lần.", who, c.Code)
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		id, err := scanID(insert.QueryRowContext(ctx, c.ID, tid, tx.at(), tx.at()))
		if err != nil {
			return nil, err
		}
		if err := audit(ctx, tx, "enroll", "enrollment", id, c.Code+": "+t.Name.Full()); err != nil {
			return nil, err
		}
		out[i] = &data.Enrollment{ID: id, ClassID: c.ID, TraineeID: tid, Status: data.EnrollmentActive, Version: 1, CreatedAt: tx.now, UpdatedAt: tx.now}
	}
	return out, nil
}

// Withdraw records that a trainee left the class on a day, for a reason. EINVALID for no reason
// or a day outside the course or in the future; ENOTFOUND; ECONFLICT for a stale version, a
// trainee already withdrawn, or a class whose certificates are issued.
func (db *DB) Withdraw(ctx context.Context, enrollmentID int64, version int, on vn.Date, reason string) (_ *data.Enrollment, err error) {
	defer translate(&err)
	today := db.today()
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	v, c, err := checkEnrollmentVersion(ctx, tx, enrollmentID, version)
	if err != nil {
		return nil, err
	}
	reason = vn.NFC(reason)
	if err := data.ValidateReason("Lý do thôi học", reason); err != nil {
		return nil, err
	}
	if err := data.ValidateDate("Ngày thôi học", on); err != nil {
		return nil, err
	}
	switch {
	case v.Status == data.EnrollmentWithdrawn:
		return nil, data.Errorf(data.ECONFLICT, "Học viên %s đã thôi học lớp %s từ %s.", v.TraineeName.Full(), c.Code, v.WithdrawnOn)
	case c.Status == data.ClassCertified:
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s đã cấp chứng chỉ nên không ghi thôi học được nữa.", c.Code)
	case reason == "":
		return nil, data.Errorf(data.EINVALID, "Hãy ghi lý do thôi học của %s.", v.TraineeName.Full())
	case on.IsZero():
		return nil, data.Errorf(data.EINVALID, "Hãy nhập ngày thôi học của %s.", v.TraineeName.Full())
	case today.Before(on):
		return nil, data.Errorf(data.EINVALID, "Ngày thôi học %s là ngày chưa tới (hôm nay là %s).", on, today)
	case on.Before(c.Start) || c.End.Before(on):
		return nil, data.Errorf(data.EINVALID, "Ngày thôi học %s nằm ngoài thời gian học của lớp %s (%s – %s).", on, c.Code, c.Start, c.End)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET status = 'thoi_hoc', withdrawn_on = ?, withdraw_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		on.ISO(), reason, tx.at(), enrollmentID); err != nil {
		return nil, err
	}
	return saveEnrollment(ctx, tx, enrollmentID, "withdraw", fmt.Sprintf("%s: %s, %s, %s", c.Code, v.TraineeName.Full(), on, reason))
}

// ClassRoster returns the class's enrolments sorted the Vietnamese way by given name, with
// attendance and completion assessed. ENOTFOUND.
func (db *DB) ClassRoster(ctx context.Context, classID int64) (_ []*data.EnrollmentView, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	g, err := attendanceGrid(ctx, tx, classID)
	if err != nil {
		return nil, err
	}
	return g.Roster, nil
}

// SetScore sets a trainee's score in tenths, or clears it with data.NoScore, and returns the
// saved enrolment. EINVALID for a score outside 0–10; ENOTFOUND; ECONFLICT for a stale version, a
// withdrawn trainee, or a class cancelled or whose certificates are issued.
func (db *DB) SetScore(ctx context.Context, enrollmentID int64, version int, score int) (_ *data.Enrollment, err error) {
	defer translate(&err)
	if score != data.NoScore && (score < 0 || score > data.MaxScore) {
		return nil, data.Errorf(data.EINVALID, "Điểm %s nằm ngoài thang điểm 0–10.", data.FormatScore(score))
	}
	tx, err := db.write(ctx, data.RightClassRecords)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	v, c, err := checkEnrollmentVersion(ctx, tx, enrollmentID, version)
	if err == nil {
		err = classScope(ctx, tx, c.ID)
	}
	if err != nil {
		return nil, err
	}
	switch {
	case c.Status == data.ClassCertified:
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s đã cấp chứng chỉ nên không sửa được kết quả học tập nữa: kết quả phải khớp với chứng chỉ đã in.", c.Code)
	case c.Status == data.ClassCancelled:
		return nil, data.Errorf(data.ECONFLICT, "Lớp %s đã hủy nên không nhập điểm được.", c.Code)
	case v.Status == data.EnrollmentWithdrawn:
		return nil, data.Errorf(data.ECONFLICT, "Học viên %s đã thôi học từ %s nên không nhập điểm được.", v.TraineeName.Full(), v.WithdrawnOn)
	}
	stored, detail := sql.NullInt64{Int64: int64(score), Valid: score != data.NoScore}, "xoá điểm"
	if stored.Valid {
		detail = data.FormatScore(score)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET score = ?, version = version + 1, updated_at = ? WHERE id = ?`, stored, tx.at(), enrollmentID); err != nil {
		return nil, err
	}
	return saveEnrollment(ctx, tx, enrollmentID, "score", fmt.Sprintf("%s: %s, %s", c.Code, v.TraineeName.Full(), detail))
}

// SetEmployment records the follow-up after the course and returns the saved enrolment. EINVALID
// (also for an unknown employer); ENOTFOUND; ECONFLICT for a stale version.
func (db *DB) SetEmployment(ctx context.Context, enrollmentID int64, version int, e data.Employment) (_ *data.Enrollment, err error) {
	defer translate(&err)
	today := db.today()
	e.Normalize()
	if err := e.Validate(today); err != nil {
		return nil, err
	}
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	v, c, err := checkEnrollmentVersion(ctx, tx, enrollmentID, version)
	if err != nil {
		return nil, err
	}
	if e.EmployerID != 0 {
		if _, err := enterpriseName(ctx, tx, e.EmployerID); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE enrollments SET employed = ?, employer_id = NULLIF(?, 0), employer = ?, employed_on = ?,
		version = version + 1, updated_at = ? WHERE id = ?`, e.Employed, e.EmployerID, e.Employer, e.EmployedOn.ISO(), tx.at(), enrollmentID); err != nil {
		return nil, err
	}
	return saveEnrollment(ctx, tx, enrollmentID, "employment", fmt.Sprintf("%s: %s, có việc làm: %v", c.Code, v.TraineeName.Full(), e.Employed))
}

// EmploymentRate returns how many of the class's active trainees found work. ENOTFOUND.
func (db *DB) EmploymentRate(ctx context.Context, classID int64) (s data.EmploymentStats, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return s, err
	}
	defer tx.Rollback()
	if _, err := findClassByID(ctx, tx, classID); err != nil {
		return s, err
	}
	err = tx.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE employed = 1) FROM enrollments WHERE class_id = ? AND status = 'hoc'`,
		classID).Scan(&s.Trainees, &s.Employed)
	return s, err
}

// enrollmentViewColumns are the columns scanEnrollmentView reads, from enrollments e joined with
// trainees t.
const enrollmentViewColumns = `e.id, e.class_id, e.trainee_id, e.status, e.withdrawn_on, e.withdraw_reason, e.score,
	e.employed, COALESCE(e.employer_id, 0), e.employer, e.employed_on, e.version, e.created_at, e.updated_at,
	t.family, t.middle, t.given, t.female, t.birth_date, t.birth_place, t.cccd`

// scanEnrollmentView reads one row of enrollmentViewColumns.
func scanEnrollmentView(s scanner) (*data.EnrollmentView, error) {
	var v data.EnrollmentView
	var withdrawn, employedOn, created, updated, birth string
	var score sql.NullInt64
	n := &v.TraineeName
	if err := s.Scan(&v.ID, &v.ClassID, &v.TraineeID, &v.Status, &withdrawn, &v.WithdrawReason, &score,
		&v.Employed, &v.EmployerID, &v.Employer, &employedOn, &v.Version, &created, &updated,
		&n.Family, &n.Middle, &n.Given, &v.Female, &birth, &v.BirthPlace, &v.CCCD); err != nil {
		return nil, err
	}
	v.Score, v.HasScore = int(score.Int64), score.Valid
	var err error
	for _, d := range []struct {
		to   *vn.Date
		from string
	}{{&v.WithdrawnOn, withdrawn}, {&v.EmployedOn, employedOn}, {&v.BirthDate, birth}} {
		if *d.to, err = vn.ParseISODate(d.from); err != nil {
			return nil, err
		}
	}
	v.CreatedAt, v.UpdatedAt, err = parseTimes(created, updated)
	return &v, err
}

// enrollmentViews returns the enrolment views the condition over enrollments e and trainees t
// selects, in the order given, without their attendance.
func enrollmentViews(ctx context.Context, tx *tx, where, order string, args ...any) ([]*data.EnrollmentView, error) {
	return queryRows(ctx, tx, scanEnrollmentView, `SELECT `+enrollmentViewColumns+` FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE `+where+order, args...)
}

// countAttendance fills the held sessions and the marks of one enrolment.
func countAttendance(ctx context.Context, tx *tx, v *data.EnrollmentView) error {
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM sessions s WHERE s.class_id = ? AND EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id)`,
		v.ClassID).Scan(&v.Sessions); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT a.mark, count(*) FROM sessions s JOIN attendance a ON a.session_id = s.id AND a.enrollment_id = ?
		WHERE s.class_id = ? GROUP BY a.mark`, v.ID, v.ClassID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m data.AttendanceMark
		var n int
		if err := rows.Scan(&m, &n); err != nil {
			return err
		}
		countMark(v, m, n)
	}
	return rows.Err()
}

// countMark adds n marks m to the counts of v.
func countMark(v *data.EnrollmentView, m data.AttendanceMark, n int) {
	switch m {
	case data.MarkPresent:
		v.Present += n
	case data.MarkLate:
		v.Late += n
	case data.MarkExcused:
		v.Excused += n
	}
}

// findEnrollmentView returns one enrolment with its trainee, without attendance. ENOTFOUND.
func findEnrollmentView(ctx context.Context, tx *tx, id int64) (*data.EnrollmentView, error) {
	v, err := scanEnrollmentView(tx.QueryRowContext(ctx, `SELECT `+enrollmentViewColumns+` FROM enrollments e JOIN trainees t ON t.id = e.trainee_id WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy bản ghi danh mã %d; hãy tải lại danh sách lớp.", id)
	}
	return v, err
}

// checkEnrollmentVersion returns the stored enrolment id and its class: ENOTFOUND when it does
// not exist and ECONFLICT when its version is not the one the clerk read.
func checkEnrollmentVersion(ctx context.Context, tx *tx, id int64, version int) (*data.EnrollmentView, *data.Class, error) {
	tx.before(ctx, "enrollment", id)
	v, err := findEnrollmentView(ctx, tx, id)
	if err != nil {
		return nil, nil, err
	}
	c, err := findClassByID(ctx, tx, v.ClassID)
	if err != nil {
		return nil, nil, err
	}
	if v.Version != version {
		return nil, nil, data.Errorf(data.ECONFLICT, "Kết quả của học viên %s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy tải lại lớp %s rồi sửa tiếp.", v.TraineeName.Full(), v.Version, version, c.Code)
	}
	return v, c, nil
}

// saveEnrollment audits a change of enrolment id, commits, and returns the saved enrolment.
func saveEnrollment(ctx context.Context, tx *tx, id int64, action, detail string) (*data.Enrollment, error) {
	v, err := findEnrollmentView(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, action, "enrollment", id, detail); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return &v.Enrollment, nil
}

// gradeScaleKey is the setting that holds the grade scale.
const gradeScaleKey = storePrefix + "grade_scale"

// GradeScale returns the grade scale; a new database has data.DefaultGradeScale.
func (db *DB) GradeScale(ctx context.Context) (_ data.GradeScale, err error) {
	defer translate(&err)
	return inRead(ctx, db, gradeScale)
}

// SaveGradeScale validates and stores the grade scale. EINVALID.
func (db *DB) SaveGradeScale(ctx context.Context, g data.GradeScale) (err error) {
	defer translate(&err)
	if err := g.Validate(); err != nil {
		return err
	}
	return saveSetting(ctx, db, data.RightSettings, gradeScaleKey, g, "grade_scale")
}

// gradeScale returns the stored grade scale, or the default one.
func gradeScale(ctx context.Context, tx *tx) (data.GradeScale, error) {
	return loadSetting(ctx, tx, gradeScaleKey, data.DefaultGradeScale())
}
