package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Compile-time check that DB implements the equipment service.
var _ data.EquipmentService = (*DB)(nil)

// equipmentSettingsKey holds the JSON of data.EquipmentSettings.
const equipmentSettingsKey = storePrefix + "equipment"

// equipmentCodePrefix opens the codes the store proposes: TB-2026-001.
const equipmentCodePrefix = "TB-"

// equipmentFrom is the FROM clause equipmentColumns read from.
const equipmentFrom = ` FROM equipment q JOIN enterprises e ON e.id = q.enterprise_id JOIN programmes p ON p.id = q.programme_id`

// equipmentColumns are the columns scanEquipment reads, from equipmentFrom.
const equipmentColumns = `q.id, q.code, q.enterprise_id, e.name, q.programme_id, p.code, q.kind, q.what, q.supplier,
	q.requested_on, q.investment, q.requested, q.approved, q.rule, q.over_cap_reason, q.status, q.refusal_reason,
	q.accepted_on, q.paid_on, q.documents, q.version`

// scanEquipment reads one row of equipmentColumns.
func scanEquipment(s scanner) (*data.Equipment, error) {
	var q data.Equipment
	var requested, accepted, paid, rule string
	if err := s.Scan(&q.ID, &q.Code, &q.EnterpriseID, &q.EnterpriseName, &q.ProgrammeID, &q.ProgrammeCode, &q.Kind,
		&q.What, &q.Supplier, &requested, &q.Investment, &q.Requested, &q.Approved, &rule, &q.OverCapReason,
		&q.Status, &q.RefusalReason, &accepted, &paid, &q.Documents, &q.Version); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(rule), &q.Rule); err != nil {
		return nil, fmt.Errorf("equipment %d rule: %w", q.ID, err)
	}
	var err error
	if q.RequestedOn, err = vn.ParseISODate(requested); err != nil {
		return nil, err
	}
	if q.AcceptedOn, err = optionalDate(accepted); err != nil {
		return nil, err
	}
	q.PaidOn, err = optionalDate(paid)
	return &q, err
}

// findEquipment returns one record. ENOTFOUND.
func findEquipment(ctx context.Context, tx *tx, id int64) (*data.Equipment, error) {
	q, err := scanEquipment(tx.QueryRowContext(ctx, `SELECT `+equipmentColumns+equipmentFrom+` WHERE q.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy hồ sơ hỗ trợ thiết bị mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	}
	return q, err
}

// checkEquipmentVersion returns the stored record id: ENOTFOUND when it does not exist, ECONFLICT
// when its version is not the one the clerk read.
func checkEquipmentVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Equipment, error) {
	tx.before(ctx, "equipment", id)
	q, err := findEquipment(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if q.Version != version {
		return nil, staleVersion("Hồ sơ "+q.Code, q.Version, version)
	}
	return q, nil
}

// FindEquipmentByID returns one record. ENOTFOUND.
func (db *DB) FindEquipmentByID(ctx context.Context, id int64) (_ *data.Equipment, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (*data.Equipment, error) { return findEquipment(ctx, tx, id) })
}

// equipmentWhere returns the WHERE clause, over equipmentFrom, of the filter's fields that are
// set. Each word searched must start a word of the record's code, what or supplier, or of its
// enterprise's name as it is now.
func equipmentWhere(d dialect, f data.EquipmentFilter) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a any) {
		conds, args = append(conds, cond), append(args, a)
	}
	// The words of the enterprise's name are the first field of its words, up to the first " ;"
	// (see fieldWords).
	words := `q.words || substr(e.words, 1, ` + d.position(`e.words`, `' ;'`) + ` + 1)`
	for _, w := range searchWords(f.Search) {
		add(d.position(words, `?`)+` > 0`, " "+w)
	}
	if f.Year != nil {
		conds = append(conds, `q.requested_on >= ? AND q.requested_on < ?`)
		args = append(args, fmt.Sprintf("%04d-01-01", *f.Year), fmt.Sprintf("%04d-01-01", *f.Year+1))
	}
	if f.Kind != nil {
		add(`q.kind = ?`, string(*f.Kind))
	}
	if f.Status != nil {
		add(`q.status = ?`, string(*f.Status))
	}
	if f.EnterpriseID != nil {
		add(`q.enterprise_id = ?`, *f.EnterpriseID)
	}
	if f.ProgrammeID != nil {
		add(`q.programme_id = ?`, *f.ProgrammeID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// FindEquipment returns a page of the records the filter selects, newest request first.
func (db *DB) FindEquipment(ctx context.Context, f data.EquipmentFilter) (_ []*data.Equipment, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) ([]*data.Equipment, error) {
		where, args := equipmentWhere(tx.d, f)
		query, args := paged(`SELECT `+equipmentColumns+equipmentFrom+where+` ORDER BY q.requested_on DESC, q.id DESC`, args, f.Offset, f.Limit)
		return queryRows(ctx, tx, scanEquipment, query, args...)
	})
}

// CountEquipment returns how many records the filter selects.
func (db *DB) CountEquipment(ctx context.Context, f data.EquipmentFilter) (n int, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (int, error) {
		where, args := equipmentWhere(tx.d, f)
		err := tx.QueryRowContext(ctx, `SELECT count(*)`+equipmentFrom+where, args...).Scan(&n)
		return n, err
	})
}

// nextCode proposes the code after the highest of a year among the codes of table: prefix, the
// year, a dash and three digits ("TB-2026-001" when the year has none). Classes, fairs and
// equipment records are numbered so.
func nextCode(ctx context.Context, tx *tx, table, prefix string, year int) (string, error) {
	prefix = fmt.Sprintf("%s%d-", prefix, year)
	rows, err := tx.QueryContext(ctx, `SELECT substr(code, ?) FROM `+table+` WHERE code >= ? AND code < ?`,
		len(prefix)+1, prefix, prefix+"\U0010FFFF")
	if err != nil {
		return "", err
	}
	defer rows.Close()
	last := 0
	for rows.Next() {
		var rest string
		if err := rows.Scan(&rest); err != nil {
			return "", err
		}
		if n, err := strconv.Atoi(rest); err == nil && n > last {
			last = n
		}
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s%03d", prefix, last+1), nil
}

// programmeRef is what the equipment store needs to know of a đề án.
type programmeRef struct {
	code    string
	year    int
	content data.Content
	status  data.ProgrammeStatus
	support int64
}

// findProgrammeRef returns the đề án id; EINVALID when there is none.
func findProgrammeRef(ctx context.Context, tx *tx, id int64) (programmeRef, error) {
	var p programmeRef
	err := tx.QueryRowContext(ctx, `SELECT code, year, content, status, support FROM programmes WHERE id = ?`, id).
		Scan(&p.code, &p.year, &p.content, &p.status, &p.support)
	if errors.Is(err, sql.ErrNoRows) {
		return p, data.Errorf(data.EINVALID, "Không có đề án mã %d (có thể vừa bị xoá). Hãy chọn lại đề án chi trả.", id)
	}
	return p, err
}

// uncommitted returns what of a đề án's khuyến công support is not committed yet (see
// committedSQL), and what is.
func uncommitted(ctx context.Context, tx *tx, programmeID int64) (left, committed int64, err error) {
	var support int64
	err = tx.QueryRowContext(ctx, `SELECT p.support, `+committedSQL+` FROM programmes p WHERE p.id = ?`, programmeID).Scan(&support, &committed)
	return support - committed, committed, err
}

// checkEquipment normalises and validates q, then checks its enterprise (in the register, not
// archived), its request date (not after today) and its đề án (content "công nghệ", the year of
// the request, neither cancelled nor settled). It fills EnterpriseName and ProgrammeCode.
func (db *DB) checkEquipment(ctx context.Context, tx *tx, q *data.Equipment) error {
	q.Normalize()
	if err := q.Validate(); err != nil {
		return err
	}
	if today := db.today(); today.Before(q.RequestedOn) {
		return data.Errorf(data.EINVALID, "Ngày đề nghị %s sau ngày hôm nay (%s). Hãy nhập ngày ghi trên đơn đề nghị.", q.RequestedOn, today)
	}
	var archived bool
	err := tx.QueryRowContext(ctx, `SELECT name, archived FROM enterprises WHERE id = ?`, q.EnterpriseID).Scan(&q.EnterpriseName, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.EINVALID, "Không có doanh nghiệp mã %d trong danh sách doanh nghiệp. Hãy chọn lại cơ sở được hỗ trợ.", q.EnterpriseID)
	} else if err != nil {
		return err
	} else if archived {
		return data.Errorf(data.EINVALID, "\"%s\" đã được lưu trữ (ngừng theo dõi) nên không nhận hồ sơ hỗ trợ mới. Hãy khôi phục doanh nghiệp trước.", q.EnterpriseName)
	}
	p, err := findProgrammeRef(ctx, tx, q.ProgrammeID)
	if err != nil {
		return err
	}
	q.ProgrammeCode = p.code
	switch {
	case p.content != data.ContentTechnology:
		return data.Errorf(data.EINVALID, "Đề án %s thuộc nội dung \"%s\", không chi hỗ trợ máy móc, thiết bị hay mô hình trình diễn. Hãy chọn đề án thuộc nội dung \"%s\".", p.code, p.content.Label(), data.ContentTechnology.Label())
	case p.year != q.RequestedOn.Year:
		return data.Errorf(data.EINVALID, "Đề án %s là của năm %d, còn ngày đề nghị là %s. Hãy chọn đề án năm %d hoặc sửa ngày đề nghị.", p.code, p.year, q.RequestedOn, q.RequestedOn.Year)
	case p.status == data.ProgrammeCancelled || p.status == data.ProgrammeSettled:
		return data.Errorf(data.EINVALID, "Đề án %s đã ở trạng thái \"%s\" nên không nhận thêm hồ sơ hỗ trợ. Hãy chọn đề án khác.", p.code, p.status.Label())
	}
	return nil
}

// equipmentValues returns the stored columns of q that insert and update share, in their order.
func equipmentValues(q *data.Equipment) []any {
	return []any{q.Code, q.EnterpriseID, q.ProgrammeID, string(q.Kind), q.What, q.Supplier, q.RequestedOn.ISO(),
		q.Investment, q.Requested, fieldWords(q.Code, q.What, q.Supplier)}
}

// equipmentCodeTaken returns an ECONFLICT naming the record other than q holding its code, or nil
// when none does. A write asks first: on the server a refused statement leaves its transaction
// unable to ask.
func equipmentCodeTaken(ctx context.Context, tx *tx, q *data.Equipment) error {
	var what string
	err := tx.QueryRowContext(ctx, `SELECT what FROM equipment WHERE code = ? AND id <> ?`, q.Code, q.ID).Scan(&what)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return data.Errorf(data.ECONFLICT, "Mã hồ sơ %s đã dùng cho \"%s\". Hãy chọn mã khác hoặc để trống để chương trình tự đặt.", q.Code, what)
}

// CreateEquipment stores a new request, proposing its code ("TB-2026-001") when empty. EINVALID:
// the đề án not of content "công nghệ", of another year than the request, cancelled or settled;
// an archived enterprise; a request dated after today. ECONFLICT for a code taken.
func (db *DB) CreateEquipment(ctx context.Context, q *data.Equipment) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q.ID, q.Status, q.Approved, q.Rule, q.OverCapReason, q.RefusalReason = 0, data.EquipmentRequested, 0, data.EquipmentRule{}, "", ""
	q.AcceptedOn, q.PaidOn = vn.Date{}, vn.Date{}
	if err := db.checkEquipment(ctx, tx, q); err != nil {
		return err
	}
	if q.Code == "" {
		if q.Code, err = nextCode(ctx, tx, "equipment", equipmentCodePrefix, q.RequestedOn.Year); err != nil {
			return err
		}
	}
	if err := equipmentCodeTaken(ctx, tx, q); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO equipment (code, enterprise_id, programme_id, kind, what, supplier, requested_on,
		investment, requested, words, documents, status, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		append(equipmentValues(q), q.Documents, string(q.Status), tx.at(), tx.at())...)
	if err != nil {
		return err
	}
	q.ID = id
	return finishWrite(ctx, tx, q, findEquipment, q.ID, "create", "equipment", q.Code+" "+q.What)
}

// UpdateEquipment saves a request's details, not its status, approval or dates. Once approved,
// its enterprise, đề án, kind and investment stay those the approval was given on. EINVALID;
// ENOTFOUND; ECONFLICT for a stale version or a record already paid or refused.
func (db *DB) UpdateEquipment(ctx context.Context, q *data.Equipment) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stored, err := checkEquipmentVersion(ctx, tx, q.ID, q.Version)
	if err != nil {
		return err
	}
	if stored.Status == data.EquipmentPaid || stored.Status == data.EquipmentRefused {
		return data.Errorf(data.ECONFLICT, "Hồ sơ %s đã ở trạng thái \"%s\" nên không sửa được nữa.", stored.Code, stored.Status.Label())
	}
	q.Status, q.Approved, q.Rule, q.OverCapReason, q.RefusalReason = stored.Status, stored.Approved, stored.Rule, stored.OverCapReason, stored.RefusalReason
	q.AcceptedOn, q.PaidOn = stored.AcceptedOn, stored.PaidOn
	if strings.TrimSpace(q.Code) == "" {
		q.Code = stored.Code
	}
	if err := db.checkEquipment(ctx, tx, q); err != nil {
		return err
	}
	if stored.Status.Commits() && (q.EnterpriseID != stored.EnterpriseID || q.ProgrammeID != stored.ProgrammeID || q.Kind != stored.Kind || q.Investment != stored.Investment) {
		return data.Errorf(data.EINVALID, "Hồ sơ %s đã được duyệt cho %s, đề án %s, %s, tổng vốn đầu tư %s; những thông tin đó không đổi được nữa. Nếu cần, hãy từ chối hồ sơ này và lập hồ sơ mới.",
			stored.Code, stored.EnterpriseName, stored.ProgrammeCode, strings.ToLower(stored.Kind.Label()), vn.FormatMoney(stored.Investment))
	}
	if err := equipmentCodeTaken(ctx, tx, q); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE equipment SET code = ?, enterprise_id = ?, programme_id = ?, kind = ?, what = ?,
		supplier = ?, requested_on = ?, investment = ?, requested = ?, words = ?, documents = ?, version = version + 1, updated_at = ?
		WHERE id = ?`, append(equipmentValues(q), q.Documents, tx.at(), q.ID)...); err != nil {
		return err
	}
	return finishWrite(ctx, tx, q, findEquipment, q.ID, "update", "equipment", q.Code+" "+q.What)
}

// SetEquipmentStatus moves a record along EquipmentStatus.Next. Approving applies the settings'
// rule of the record's kind and stores it; above it, a reason is required. EINVALID: approving
// above the rule without a reason, above what remains uncommitted of the đề án, or from a đề án
// not approved; a date missing, before the previous step's or after today; refusing without a
// reason. ECONFLICT for a stale version, or refusing a record that has payments.
func (db *DB) SetEquipmentStatus(ctx context.Context, t data.EquipmentTransition) (_ *data.Equipment, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, equipmentStatusRight(t.To))
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	q, err := checkEquipmentVersion(ctx, tx, t.ID, t.Version)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(q.Status.Next(), t.To) {
		return nil, badTransition(q, t.To)
	}
	from := q.Status
	if err := db.applyTransition(ctx, tx, q, t); err != nil {
		return nil, err
	}
	q.Status = t.To
	if t.Documents != "" {
		q.Documents = t.Documents
	}
	q.Normalize()
	if err := q.Validate(); err != nil {
		return nil, err
	}
	rule, err := json.Marshal(q.Rule)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE equipment SET status = ?, approved = ?, rule = ?, over_cap_reason = ?,
		refusal_reason = ?, accepted_on = ?, paid_on = ?, documents = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		string(q.Status), q.Approved, string(rule), q.OverCapReason, q.RefusalReason, isoOrEmpty(q.AcceptedOn),
		isoOrEmpty(q.PaidOn), q.Documents, tx.at(), q.ID); err != nil {
		return nil, err
	}
	err = finishWrite(ctx, tx, q, findEquipment, q.ID, "status", "equipment", fmt.Sprintf("%s: %s → %s %s", q.Code, from.Label(), t.To.Label(), vn.FormatMoney(q.Approved)))
	return q, err
}

// badTransition is the refusal of moving q to status to.
func badTransition(q *data.Equipment, to data.EquipmentStatus) error {
	var next []string
	for _, s := range q.Status.Next() {
		next = append(next, "\""+s.Label()+"\"")
	}
	if len(next) == 0 {
		return data.Errorf(data.EINVALID, "Hồ sơ %s đang ở trạng thái \"%s\" nên không chuyển trạng thái được nữa.", q.Code, q.Status.Label())
	}
	return data.Errorf(data.EINVALID, "Hồ sơ %s đang ở trạng thái \"%s\" nên không chuyển sang \"%s\" được; chỉ chuyển được sang %s.", q.Code, q.Status.Label(), to.Label(), strings.Join(next, " hoặc "))
}

// applyTransition checks what the step of t records and sets it on q.
func (db *DB) applyTransition(ctx context.Context, tx *tx, q *data.Equipment, t data.EquipmentTransition) error {
	switch t.To {
	case data.EquipmentApproved:
		return approve(ctx, tx, q, t.Approved, t.OverCapReason)
	case data.EquipmentAccepted:
		if err := db.checkStepDate("nghiệm thu", t.Date, "ngày đề nghị", q.RequestedOn); err != nil {
			return err
		}
		q.AcceptedOn = t.Date
	case data.EquipmentPaid:
		if err := db.checkStepDate("thanh toán", t.Date, "ngày nghiệm thu", q.AcceptedOn); err != nil {
			return err
		}
		q.PaidOn = t.Date
	case data.EquipmentRefused:
		reason := strings.TrimSpace(vn.NFC(t.Reason))
		if reason == "" {
			return data.Errorf(data.EINVALID, "Hãy ghi lý do từ chối hồ sơ %s.", q.Code)
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payments WHERE equipment_id = ?`, q.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.ECONFLICT, "Hồ sơ %s đã có %d khoản tạm ứng, thanh toán nên không từ chối được. Nếu các khoản đó ghi nhầm, hãy xoá chúng trong đề án %s trước.", q.Code, n, q.ProgrammeCode)
		}
		q.RefusalReason = reason
	}
	return nil
}

// checkStepDate checks the date of a step (named step): given, not before the previous step's
// (named prevName) and not after today.
func (db *DB) checkStepDate(step string, d vn.Date, prevName string, prev vn.Date) error {
	switch today := db.today(); {
	case d.IsZero():
		return data.Errorf(data.EINVALID, "Hãy nhập ngày %s.", step)
	case !d.Valid():
		return data.ValidateDate("Ngày "+step, d)
	case d.Before(prev):
		return data.Errorf(data.EINVALID, "Ngày %s %s trước %s %s. Hãy kiểm tra lại ngày.", step, d, prevName, prev)
	case today.Before(d):
		return data.Errorf(data.EINVALID, "Ngày %s %s sau ngày hôm nay (%s). Hãy nhập ngày đã %s.", step, d, today, step)
	}
	return nil
}

// approve checks an approval of amount on q against the settings' rule of its kind and what
// remains uncommitted of its đề án, and sets the approval on q.
func approve(ctx context.Context, tx *tx, q *data.Equipment, amount int64, reason string) error {
	s, err := equipmentSettings(ctx, tx)
	if err != nil {
		return err
	}
	rule := s.Rules[q.Kind]
	allowed := rule.Support(q.Investment)
	if err := allow(ctx, tx, approvalRights(amount, allowed)...); err != nil {
		return err
	}
	reason = strings.TrimSpace(vn.NFC(reason))
	switch {
	case amount <= 0:
		return data.Errorf(data.EINVALID, "Hãy nhập kinh phí được duyệt (lớn hơn 0). Theo quy định, hồ sơ này được hỗ trợ tối đa %s.", vn.FormatMoney(allowed))
	case amount > q.Investment:
		return data.Errorf(data.EINVALID, "Kinh phí được duyệt (%s) lớn hơn tổng vốn đầu tư (%s).", vn.FormatMoney(amount), vn.FormatMoney(q.Investment))
	case amount > allowed && reason == "":
		return data.Errorf(data.EINVALID, "Kinh phí duyệt %s vượt mức hỗ trợ theo quy định: %s (%d%% tổng vốn đầu tư %s%s). Muốn duyệt cao hơn, người quản lý phải ghi lý do vượt mức; nếu không, hãy duyệt tối đa %s.",
			vn.FormatMoney(amount), vn.FormatMoney(allowed), rule.SharePercent, vn.FormatMoney(q.Investment), capText(rule), vn.FormatMoney(allowed))
	}
	p, err := findProgrammeRef(ctx, tx, q.ProgrammeID)
	if err != nil {
		return err
	}
	if p.status != data.ProgrammeApproved && p.status != data.ProgrammeRunning && p.status != data.ProgrammeAccepted {
		return data.Errorf(data.EINVALID, "Đề án %s đang ở trạng thái \"%s\"; chỉ duyệt hỗ trợ từ đề án đã được duyệt, đang thực hiện hoặc đã nghiệm thu.", p.code, p.status.Label())
	}
	left, committed, err := uncommitted(ctx, tx, q.ProgrammeID)
	if err != nil {
		return err
	}
	if amount > left {
		return data.Errorf(data.EINVALID, "Đề án %s chỉ còn %s chưa cam kết (kinh phí khuyến công %s, đã cam kết %s), không đủ duyệt %s. Hãy giảm kinh phí duyệt hoặc chọn đề án khác.",
			p.code, vn.FormatMoney(max(left, 0)), vn.FormatMoney(p.support), vn.FormatMoney(committed), vn.FormatMoney(amount))
	}
	q.Approved, q.Rule, q.OverCapReason = amount, rule, ""
	if amount > allowed {
		q.OverCapReason = reason
	}
	return nil
}

// capText says a rule's cap after its share, or nothing when it has none.
func capText(r data.EquipmentRule) string {
	if r.Cap == 0 {
		return ""
	}
	return ", tối đa " + vn.FormatMoney(r.Cap)
}

// DeleteEquipment removes a request that is not approved and has no payment. ECONFLICT.
func (db *DB) DeleteEquipment(ctx context.Context, id int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	q, err := findEquipment(ctx, tx, id)
	if err != nil {
		return err
	}
	if q.Status.Commits() {
		return data.Errorf(data.ECONFLICT, "Hồ sơ %s đã ở trạng thái \"%s\" nên không xoá được. Nếu không thực hiện nữa, hãy chuyển sang \"Từ chối\" kèm lý do.", q.Code, q.Status.Label())
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM payments WHERE equipment_id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return data.Errorf(data.ECONFLICT, "Hồ sơ %s đã có %d khoản tạm ứng, thanh toán nên không xoá được.", q.Code, n)
	}
	tx.before(ctx, "equipment", id)
	if _, err := tx.ExecContext(ctx, `DELETE FROM equipment WHERE id = ?`, id); err != nil {
		return err
	}
	if err := audit(ctx, tx, "delete", "equipment", id, q.Code+" "+q.What); err != nil {
		return err
	}
	return tx.Commit()
}

// EquipmentSettings returns the rules; a new database has data.DefaultEquipmentSettings.
func (db *DB) EquipmentSettings(ctx context.Context) (_ data.EquipmentSettings, err error) {
	defer translate(&err)
	return inRead(ctx, db, equipmentSettings)
}

// equipmentSettings returns the stored rules over the defaults, within tx.
func equipmentSettings(ctx context.Context, tx *tx) (data.EquipmentSettings, error) {
	s := data.DefaultEquipmentSettings()
	stored, err := loadSetting(ctx, tx, equipmentSettingsKey, data.EquipmentSettings{})
	maps.Copy(s.Rules, stored.Rules)
	return s, err
}

// SaveEquipmentSettings validates and stores the rules; a kind left out keeps its default. EINVALID.
func (db *DB) SaveEquipmentSettings(ctx context.Context, s data.EquipmentSettings) (err error) {
	defer translate(&err)
	for k, r := range s.Rules {
		if !slices.Contains(data.EquipmentKinds, k) {
			return data.Errorf(data.EINVALID, "Loại hỗ trợ %q không có.", k)
		}
		if err := r.Validate(); err != nil {
			return data.Errorf(data.EINVALID, "%s: %s", k.Label(), data.ErrorMessage(err))
		}
	}
	return saveSetting(ctx, db, data.RightSettings, equipmentSettingsKey, s, "equipment_settings")
}
