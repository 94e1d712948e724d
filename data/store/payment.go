package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"unicode"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// paymentFrom is the FROM clause paymentColumns read from: a payment m and what it pays.
const paymentFrom = ` FROM payments m LEFT JOIN classes c ON c.id = m.class_id
	LEFT JOIN fair_bookings k ON k.id = m.booking_id LEFT JOIN fairs kf ON kf.id = k.fair_id
	LEFT JOIN enterprises ke ON ke.id = k.enterprise_id LEFT JOIN equipment q ON q.id = m.equipment_id`

// paymentColumns are the columns scanPayment reads, from paymentFrom, with the name of what the
// payment pays.
const paymentColumns = `m.id, m.programme_id, m.kind, m.paid_on, m.amount, m.voucher, COALESCE(m.class_id, 0),
	COALESCE(m.booking_id, 0), COALESCE(m.equipment_id, 0), m.notes,
	CASE WHEN m.class_id IS NOT NULL THEN 'Lớp ' || c.code
		WHEN m.booking_id IS NOT NULL THEN 'Gian hàng ' || kf.code || ' — ' || ke.name
		WHEN m.equipment_id IS NOT NULL THEN 'Thiết bị ' || q.code || ' — ' || q.what
		ELSE 'Chi chung' END`

// scanPayment reads one row of paymentColumns.
func scanPayment(s scanner) (*data.Payment, error) {
	var p data.Payment
	var paid string
	if err := s.Scan(&p.ID, &p.ProgrammeID, &p.Kind, &paid, &p.Amount, &p.Voucher, &p.ClassID, &p.BookingID,
		&p.EquipmentID, &p.Notes, &p.For); err != nil {
		return nil, err
	}
	var err error
	p.Date, err = vn.ParseISODate(paid)
	return &p, err
}

// payee is what a payment pays, as AddPayment checks it.
type payee struct {
	// name names it in messages: "lớp LH-2026-003", "chi chung của đề án ĐA-01/2026".
	name string
	// supported is the money it holds of the đề án: the class's budget, the booking's support,
	// the equipment's approved support; for general costs the đề án's support.
	supported int64
	// column is the payments column pointing to it, "" for general costs.
	column string
	id     int64
}

// payeeOf returns what p pays, refusing an item not linked to đề án prog. EINVALID.
func payeeOf(ctx context.Context, tx *tx, p *data.Payment, prog *data.Programme) (payee, error) {
	var q, what string
	var y payee
	switch {
	case p.ClassID != 0:
		y.column, y.id, what = "class_id", p.ClassID, "lớp học"
		q = `SELECT programme_id, 'lớp ' || code, CASE status WHEN 'da_huy' THEN 0 ELSE budget END FROM classes WHERE id = ?`
	case p.BookingID != 0:
		y.column, y.id, what = "booking_id", p.BookingID, "lượt đăng ký hội chợ"
		q = `SELECT f.programme_id, 'gian hàng của ' || e.name || ' tại hội chợ ' || f.code,
			CASE WHEN k.status IN ` + activeBookings + ` THEN k.support ELSE 0 END
			FROM fair_bookings k JOIN fairs f ON f.id = k.fair_id JOIN enterprises e ON e.id = k.enterprise_id WHERE k.id = ?`
	case p.EquipmentID != 0:
		y.column, y.id, what = "equipment_id", p.EquipmentID, "hồ sơ hỗ trợ thiết bị"
		q = `SELECT programme_id, 'thiết bị ' || code, CASE WHEN status IN ` + committingEquipment + ` THEN approved ELSE 0 END
			FROM equipment WHERE id = ?`
	default:
		return payee{name: "chi chung của đề án " + prog.Code, supported: prog.Support}, nil
	}
	var owner sql.NullInt64
	err := tx.QueryRowContext(ctx, q, y.id).Scan(&owner, &y.name, &y.supported)
	if errors.Is(err, sql.ErrNoRows) {
		return y, data.Errorf(data.EINVALID, "Không tìm thấy %s mã %d. Hãy chọn lại khoản chi trả cho việc gì.", what, y.id)
	} else if err != nil {
		return y, err
	}
	if owner.Int64 != prog.ID {
		return y, data.Errorf(data.EINVALID, "%s không thuộc đề án %s nên không chi từ đề án này được. Hãy gắn nó với đề án trước, hoặc chọn đề án khác.", capitalise(y.name), prog.Code)
	}
	return y, nil
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// paidFor returns what payments of kind (any when "") have paid for y so far.
func paidFor(ctx context.Context, tx *tx, prog *data.Programme, y payee, kind data.PaymentKind) (int64, error) {
	cond := `m.class_id IS NULL AND m.booking_id IS NULL AND m.equipment_id IS NULL AND m.programme_id = ?`
	arg := prog.ID
	if y.column != "" {
		cond, arg = `m.`+y.column+` = ?`, y.id
	}
	var n int64
	err := tx.QueryRowContext(ctx, `SELECT COALESCE(sum(m.amount), 0) FROM payments m WHERE `+cond+` AND (? = '' OR m.kind = ?)`,
		arg, string(kind), string(kind)).Scan(&n)
	return n, err
}

// AddPayment records a payment and sets its ID and For. EINVALID: the đề án not approved,
// running or accepted; a date to come; the amount above what remains of the đề án's support, or
// of what its item holds; advances above MaxAdvancePercent of what the item holds (of the đề
// án's support for general costs); an item not linked to the đề án. Each message says how much
// may still be paid. ENOTFOUND for the đề án. Payments are checked and written in one write
// transaction, which takes the database's write lock at its start: two clerks paying the last of
// a đề án at once are served one after the other, and the second is told what remains.
func (db *DB) AddPayment(ctx context.Context, p *data.Payment) (err error) {
	defer translate(&err)
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	prog, err := findProgramme(ctx, tx, p.ProgrammeID)
	if err != nil {
		return err
	}
	if s := prog.Status; s != data.ProgrammeApproved && s != data.ProgrammeRunning && s != data.ProgrammeAccepted {
		return data.Errorf(data.EINVALID, "Đề án %s đang ở trạng thái \"%s\"; chỉ chi được cho đề án được duyệt, đang thực hiện hoặc đã nghiệm thu.", prog.Code, s.Label())
	}
	if today := db.today(); today.Before(p.Date) {
		return data.Errorf(data.EINVALID, "Ngày chi %s chưa tới (hôm nay là %s). Hãy nhập ngày đã chi.", p.Date, today)
	}
	if remaining := prog.Remaining(); p.Amount > remaining {
		return data.Errorf(data.EINVALID, "Số tiền %s lớn hơn số còn lại của đề án %s: chỉ còn %s (kinh phí khuyến công %s, đã chi %s).",
			vn.FormatMoney(p.Amount), prog.Code, vn.FormatMoney(remaining), vn.FormatMoney(prog.Support), vn.FormatMoney(prog.Paid))
	}
	y, err := payeeOf(ctx, tx, p, prog)
	if err != nil {
		return err
	}
	if err := checkPayee(ctx, tx, p, prog, y); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO payments (programme_id, kind, paid_on, amount, voucher, class_id, booking_id,
		equipment_id, notes, created_at) VALUES (?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), ?, ?)`,
		p.ProgrammeID, string(p.Kind), p.Date.ISO(), p.Amount, p.Voucher, p.ClassID, p.BookingID, p.EquipmentID, p.Notes, tx.at())
	if err != nil {
		return err
	}
	p.ID = id
	saved, err := scanPayment(tx.QueryRowContext(ctx, `SELECT `+paymentColumns+paymentFrom+` WHERE m.id = ?`, p.ID))
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "create", "payment", p.ID, fmt.Sprintf("%s %s %s %s: %s", prog.Code, p.Kind.Label(), p.Voucher, vn.FormatMoney(p.Amount), saved.For)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*p = *saved
	return nil
}

// checkPayee refuses a payment p above what its item y still holds, or an advance above
// MaxAdvancePercent of what it holds. EINVALID.
func checkPayee(ctx context.Context, tx *tx, p *data.Payment, prog *data.Programme, y payee) error {
	if y.column != "" {
		paid, err := paidFor(ctx, tx, prog, y, "")
		if err != nil {
			return err
		}
		if left := y.supported - paid; p.Amount > left {
			return data.Errorf(data.EINVALID, "Số tiền %s lớn hơn số còn lại của %s: được hỗ trợ %s, đã chi %s, chỉ còn %s.",
				vn.FormatMoney(p.Amount), y.name, vn.FormatMoney(y.supported), vn.FormatMoney(paid), vn.FormatMoney(max(left, 0)))
		}
	}
	if p.Kind != data.PaymentAdvance {
		return nil
	}
	advanced, err := paidFor(ctx, tx, prog, y, data.PaymentAdvance)
	if err != nil {
		return err
	}
	limit := y.supported * data.MaxAdvancePercent / 100
	if advanced+p.Amount > limit {
		return data.Errorf(data.EINVALID, "Tạm ứng %s vượt mức: tạm ứng cho %s tối đa %d%% của %s là %s; đã tạm ứng %s, chỉ còn tạm ứng được %s.",
			vn.FormatMoney(p.Amount), y.name, data.MaxAdvancePercent, vn.FormatMoney(y.supported), vn.FormatMoney(limit),
			vn.FormatMoney(advanced), vn.FormatMoney(max(limit-advanced, 0)))
	}
	return nil
}

// DeletePayment removes a payment recorded by mistake. ENOTFOUND; ECONFLICT for a payment of a
// settled đề án.
func (db *DB) DeletePayment(ctx context.Context, id int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightProgrammes)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p, err := scanPayment(tx.QueryRowContext(ctx, `SELECT `+paymentColumns+paymentFrom+` WHERE m.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.ENOTFOUND, "Không tìm thấy khoản chi mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	} else if err != nil {
		return err
	}
	prog, err := findProgramme(ctx, tx, p.ProgrammeID)
	if err != nil {
		return err
	}
	if err := final(prog, "xoá khoản chi"); err != nil {
		return err
	}
	tx.before(ctx, "payment", id)
	if _, err := tx.ExecContext(ctx, `DELETE FROM payments WHERE id = ?`, id); err != nil {
		return err
	}
	if err := audit(ctx, tx, "delete", "payment", id, fmt.Sprintf("%s %s %s %s: %s", prog.Code, p.Kind.Label(), p.Voucher, vn.FormatMoney(p.Amount), p.For)); err != nil {
		return err
	}
	return tx.Commit()
}
