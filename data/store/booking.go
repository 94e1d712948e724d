package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// bookingColumns are the columns scanBooking reads, over fair_bookings k and enterprises e.
const bookingColumns = `k.id, k.fair_id, k.enterprise_id, e.name, k.booths_wanted, k.products, k.status, k.late_note,
	k.without_support, k.fee, k.support, k.own_share, k.rule, k.cancel_reason, k.sales, k.contracts,
	k.contract_value, k.result_notes, k.version,
	COALESCE((SELECT string_agg(b.number, ',' ORDER BY b.number_key, b.number) FROM booking_booths bb JOIN booths b ON b.id = bb.booth_id
		WHERE bb.booking_id = k.id), '')`

const bookingFrom = ` FROM fair_bookings k JOIN enterprises e ON e.id = k.enterprise_id`

func scanBooking(s interface{ Scan(...any) error }) (*data.Booking, error) {
	var k data.Booking
	var rule, booths string
	if err := s.Scan(&k.ID, &k.FairID, &k.EnterpriseID, &k.EnterpriseName, &k.BoothsWanted, &k.Products, &k.Status,
		&k.LateNote, &k.WithoutSupport, &k.Fee, &k.Support, &k.OwnShare, &rule, &k.CancelReason, &k.Sales,
		&k.Contracts, &k.ContractValue, &k.ResultNotes, &k.Version, &booths); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(rule), &k.Rule); err != nil {
		return nil, fmt.Errorf("booking %d rule: %w", k.ID, err)
	}
	if booths != "" {
		k.Booths = strings.Split(booths, ",")
	}
	return &k, nil
}

func findBooking(ctx context.Context, tx *tx, id int64) (*data.Booking, error) {
	k, err := scanBooking(tx.QueryRowContext(ctx, `SELECT `+bookingColumns+bookingFrom+` WHERE k.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy lượt đăng ký mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	}
	return k, err
}

func checkBookingVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Booking, error) {
	tx.before(ctx, "booking", id)
	k, err := findBooking(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if k.Version != version {
		return nil, data.Errorf(data.ECONFLICT, "Đăng ký của %s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", k.EnterpriseName, k.Version, version)
	}
	return k, nil
}

// bookingRule is the rule a booking is computed with: none when booked without support.
func bookingRule(f *data.Fair, withoutSupport bool) data.SupportRule {
	if withoutSupport {
		return data.SupportRule{AbroadPerYear: f.Rule.AbroadPerYear}
	}
	return f.Rule
}

// recompute sets the fee, support and own share of booking id from its booths, with the rule
// stored on it, bumping its version.
func recompute(ctx context.Context, tx *tx, id int64) error {
	var rule string
	var fairPrice int64
	if err := tx.QueryRowContext(ctx, `SELECT k.rule, f.booth_price FROM fair_bookings k JOIN fairs f ON f.id = k.fair_id WHERE k.id = ?`, id).Scan(&rule, &fairPrice); err != nil {
		return err
	}
	var r data.SupportRule
	if err := json.Unmarshal([]byte(rule), &r); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT b.price FROM booking_booths bb JOIN booths b ON b.id = bb.booth_id WHERE bb.booking_id = ?`, id)
	if err != nil {
		return err
	}
	var fees []int64
	for rows.Next() {
		var p int64
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return err
		}
		if p == 0 {
			p = fairPrice
		}
		fees = append(fees, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	support, own := r.Support(fees)
	_, err = tx.ExecContext(ctx, `UPDATE fair_bookings SET fee = ?, support = ?, own_share = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		support+own, support, own, tx.at(), id)
	return err
}

// freeBooths returns up to n free booths of a fair, in number order.
func freeBooths(ctx context.Context, tx *tx, fairID int64, n int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT b.id FROM booths b WHERE b.fair_id = ?
		AND NOT EXISTS (SELECT 1 FROM booking_booths bb WHERE bb.booth_id = b.id) ORDER BY b.number_key, b.number LIMIT ?`, fairID, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

func holdBooths(ctx context.Context, tx *tx, bookingID int64, booths []int64) error {
	for _, b := range booths {
		if _, err := tx.ExecContext(ctx, `INSERT INTO booking_booths (booth_id, booking_id, fair_id) SELECT id, ?, fair_id FROM booths WHERE id = ?`, bookingID, b); err != nil {
			return err
		}
	}
	return nil
}

// Register records a booking, assigning free booths at once (in natural number order: A2 before A10) when there are
// enough, else putting it on the waiting list. EINVALID: archived enterprise, a fair cancelled or
// held, after the deadline without a note, a third supported fair abroad in a year unless
// WithoutSupport; ECONFLICT: the enterprise already has a booking not cancelled for the fair.
func (db *DB) Register(ctx context.Context, r data.BookingRequest) (_ *data.Booking, err error) {
	defer translate(&err)
	r.Products, r.LateNote = strings.TrimSpace(vn.NFC(r.Products)), strings.TrimSpace(vn.NFC(r.LateNote))
	if err := r.Validate(); err != nil {
		return nil, err
	}
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, err := db.register(ctx, tx, r)
	if err != nil {
		return nil, err
	}
	return k, tx.Commit()
}

// register records a validated booking within tx, as Register says.
func (db *DB) register(ctx context.Context, tx *tx, r data.BookingRequest) (*data.Booking, error) {
	f, err := findFair(ctx, tx, r.FairID)
	if err != nil {
		return nil, err
	}
	if f.Status == data.FairCancelled || f.Status == data.FairHeld {
		return nil, data.Errorf(data.EINVALID, "Hội chợ %s đang ở trạng thái \"%s\" nên không nhận đăng ký.", f.Code, f.Status.Label())
	}
	var name string
	var archived bool
	err = tx.QueryRowContext(ctx, `SELECT name, archived FROM enterprises WHERE id = ?`, r.EnterpriseID).Scan(&name, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.EINVALID, "Không có doanh nghiệp mã %d trong danh sách doanh nghiệp. Hãy chọn lại doanh nghiệp.", r.EnterpriseID)
	} else if err != nil {
		return nil, err
	}
	if archived {
		return nil, data.Errorf(data.EINVALID, "Doanh nghiệp %s đã lưu trữ nên không đăng ký hội chợ được. Hãy khôi phục doanh nghiệp trong danh sách trước.", name)
	}
	if today := db.today(); !f.Deadline.IsZero() && f.Deadline.Before(today) && r.LateNote == "" {
		return nil, data.Errorf(data.EINVALID, "Hạn đăng ký hội chợ %s đã hết ngày %s. Muốn nhận đăng ký muộn, hãy ghi lý do vào ô ghi chú đăng ký muộn.", f.Code, f.Deadline)
	}
	var dup int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fair_bookings WHERE fair_id = ? AND enterprise_id = ? AND status <> 'da_huy'`, f.ID, r.EnterpriseID).Scan(&dup); err != nil {
		return nil, err
	}
	if dup > 0 {
		return nil, data.Errorf(data.ECONFLICT, "Doanh nghiệp %s đã đăng ký hội chợ %s rồi. Hãy sửa lượt đăng ký đã có thay vì đăng ký lần nữa.", name, f.Code)
	}
	if f.Kind == data.FairAbroad && !r.WithoutSupport {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fair_bookings k JOIN fairs g ON g.id = k.fair_id
			WHERE k.enterprise_id = ? AND g.kind = 'nuoc_ngoai' AND g.start_date >= ? AND g.start_date < ?
			AND k.without_support = 0 AND k.status IN ('dang_ky', 'da_xac_nhan', 'da_tham_gia', 'cho')`,
			r.EnterpriseID, fmt.Sprintf("%04d-01-01", f.Start.Year), fmt.Sprintf("%04d-01-01", f.Start.Year+1)).Scan(&n); err != nil {
			return nil, err
		}
		if n >= f.Rule.AbroadPerYear {
			return nil, data.Errorf(data.EINVALID, "Doanh nghiệp %s đã được hỗ trợ %d hội chợ nước ngoài trong năm %d, bằng mức tối đa %d hội chợ một năm. Nếu doanh nghiệp vẫn muốn tham gia, hãy chọn \"Đăng ký không hỗ trợ\" (doanh nghiệp tự chi trả toàn bộ).", name, n, f.Start.Year, f.Rule.AbroadPerYear)
		}
	}
	rule, err := json.Marshal(bookingRule(f, r.WithoutSupport))
	if err != nil {
		return nil, err
	}
	booths, err := freeBooths(ctx, tx, f.ID, r.BoothsWanted)
	if err != nil {
		return nil, err
	}
	status := data.BookingRegistered
	if len(booths) < r.BoothsWanted {
		status, booths = data.BookingWaiting, nil
	}
	id, err := tx.insert(ctx, `INSERT INTO fair_bookings (fair_id, enterprise_id, booths_wanted, products, status, late_note,
		without_support, rule, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
		f.ID, r.EnterpriseID, r.BoothsWanted, r.Products, string(status), r.LateNote, r.WithoutSupport, string(rule), tx.at(), tx.at())
	if err != nil {
		return nil, err
	}
	if err := holdBooths(ctx, tx, id, booths); err != nil {
		return nil, err
	}
	if err := recompute(ctx, tx, id); err != nil { // version 0 → 1
		return nil, err
	}
	k, err := findBooking(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return k, audit(ctx, tx, "create", "booking", id, fmt.Sprintf("%s: %s %s", f.Code, name, status))
}

// AssignBooth gives a free booth of its fair to a booking and recomputes its fee and support; a
// waiting booking becomes registered. EINVALID for a cancelled or attended booking or a booth of
// another fair; ECONFLICT when another booking holds the booth or for a stale version.
func (db *DB) AssignBooth(ctx context.Context, bookingID int64, version int, boothID int64) (_ *data.Booking, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, err := checkBookingVersion(ctx, tx, bookingID, version)
	if err != nil {
		return nil, err
	}
	if k.Status == data.BookingCancelled || k.Status == data.BookingAttended {
		return nil, data.Errorf(data.EINVALID, "Đăng ký của %s đang ở trạng thái \"%s\" nên không giao thêm gian hàng được.", k.EnterpriseName, k.Status.Label())
	}
	var number string
	var fairID int64
	err = tx.QueryRowContext(ctx, `SELECT number, fair_id FROM booths WHERE id = ?`, boothID).Scan(&number, &fairID)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && fairID != k.FairID) {
		return nil, data.Errorf(data.EINVALID, "Gian hàng mã %d không thuộc hội chợ này. Hãy tải lại sơ đồ gian hàng.", boothID)
	} else if err != nil {
		return nil, err
	}
	taken := func() error {
		holder, err := boothHolder(ctx, tx, boothID)
		if err != nil {
			return err
		}
		return data.Errorf(data.ECONFLICT, "Gian hàng %s vừa được giao cho %s. Hãy tải lại sơ đồ và chọn gian khác.", number, holder)
	}
	if holder, err := boothHolder(ctx, tx, boothID); err != nil {
		return nil, err
	} else if holder != "" {
		return nil, taken()
	}
	if err := holdBooths(ctx, tx, bookingID, []int64{boothID}); err != nil {
		if violated(err) != noViolation { // the database allows one holder
			return nil, taken()
		}
		return nil, err
	}
	if k.Status == data.BookingWaiting {
		if _, err := tx.ExecContext(ctx, `UPDATE fair_bookings SET status = 'dang_ky' WHERE id = ?`, bookingID); err != nil {
			return nil, err
		}
	}
	return db.finishBooking(ctx, tx, bookingID, "assign", number)
}

// finishBooking recomputes, audits and commits a change of booking id, returning it.
func (db *DB) finishBooking(ctx context.Context, tx *tx, id int64, action, detail string) (*data.Booking, error) {
	if err := recompute(ctx, tx, id); err != nil {
		return nil, err
	}
	k, err := findBooking(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, action, "booking", id, k.EnterpriseName+": "+detail); err != nil {
		return nil, err
	}
	return k, tx.Commit()
}

// ReleaseBooth takes a booth back from a booking and recomputes. EINVALID when the booking does
// not hold it; ECONFLICT for a stale version.
func (db *DB) ReleaseBooth(ctx context.Context, bookingID int64, version int, boothID int64) (_ *data.Booking, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, err := checkBookingVersion(ctx, tx, bookingID, version)
	if err != nil {
		return nil, err
	}
	if k.Status == data.BookingAttended {
		return nil, data.Errorf(data.EINVALID, "Doanh nghiệp %s đã tham gia hội chợ nên không thu hồi gian hàng được.", k.EnterpriseName)
	}
	var number string
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT number FROM booths WHERE id = ?), '')`, boothID).Scan(&number); err != nil {
		return nil, err
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM booking_booths WHERE booth_id = ? AND booking_id = ?`, boothID, bookingID)
	if err != nil {
		return nil, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return nil, err
	} else if n == 0 {
		return nil, data.Errorf(data.EINVALID, "Gian hàng %s không phải của %s nên không thu hồi được. Hãy tải lại sơ đồ gian hàng.", number, k.EnterpriseName)
	}
	return db.finishBooking(ctx, tx, bookingID, "release", number)
}

// ConfirmBooking moves a registered booking with its booths to "đã xác nhận". EINVALID; ECONFLICT.
func (db *DB) ConfirmBooking(ctx context.Context, bookingID int64, version int) (_ *data.Booking, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, err := checkBookingVersion(ctx, tx, bookingID, version)
	if err != nil {
		return nil, err
	}
	if k.Status != data.BookingRegistered {
		return nil, data.Errorf(data.EINVALID, "Đăng ký của %s đang ở trạng thái \"%s\"; chỉ xác nhận được đăng ký ở trạng thái \"Đăng ký\".", k.EnterpriseName, k.Status.Label())
	}
	if len(k.Booths) == 0 {
		return nil, data.Errorf(data.EINVALID, "Đăng ký của %s chưa có gian hàng nào. Hãy giao gian hàng trước khi xác nhận.", k.EnterpriseName)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fair_bookings SET status = 'da_xac_nhan' WHERE id = ?`, bookingID); err != nil {
		return nil, err
	}
	return db.finishBooking(ctx, tx, bookingID, "confirm", strings.Join(k.Booths, ", "))
}

// CancelBooking cancels a booking with a reason, releases its booths and gives the fair's free
// booths to the waiting bookings in registration order, each getting all it wants or nothing (a
// booking wanting more than is free is passed over, the next may fit), and returns the bookings
// that got booths. EINVALID without a reason, for a booking already attended or cancelled;
// ECONFLICT for a stale version.
func (db *DB) CancelBooking(ctx context.Context, bookingID int64, version int, reason string) (_ []*data.Booking, err error) {
	defer translate(&err)
	reason = strings.TrimSpace(vn.NFC(reason))
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, err := checkBookingVersion(ctx, tx, bookingID, version)
	if err != nil {
		return nil, err
	}
	switch {
	case k.Status == data.BookingAttended:
		return nil, data.Errorf(data.EINVALID, "Doanh nghiệp %s đã tham gia hội chợ nên không hủy đăng ký được.", k.EnterpriseName)
	case k.Status == data.BookingCancelled:
		return nil, data.Errorf(data.EINVALID, "Đăng ký của %s đã hủy rồi.", k.EnterpriseName)
	case reason == "":
		return nil, data.Errorf(data.EINVALID, "Hãy ghi lý do hủy đăng ký của %s.", k.EnterpriseName)
	}
	if err := data.ValidateReason("Lý do hủy đăng ký", reason); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM booking_booths WHERE booking_id = ?`, bookingID); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fair_bookings SET status = 'da_huy', cancel_reason = ? WHERE id = ?`, reason, bookingID); err != nil {
		return nil, err
	}
	if err := recompute(ctx, tx, bookingID); err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "cancel", "booking", bookingID, k.EnterpriseName+": "+reason); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, booths_wanted FROM fair_bookings WHERE fair_id = ? AND status = 'cho' ORDER BY id`, k.FairID)
	if err != nil {
		return nil, err
	}
	type waiting struct {
		id     int64
		wanted int
	}
	var queue []waiting
	for rows.Next() {
		var w waiting
		if err := rows.Scan(&w.id, &w.wanted); err != nil {
			rows.Close()
			return nil, err
		}
		queue = append(queue, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var served []*data.Booking
	for _, w := range queue {
		booths, err := freeBooths(ctx, tx, k.FairID, w.wanted)
		if err != nil {
			return nil, err
		}
		if len(booths) == 0 {
			break
		}
		if len(booths) < w.wanted {
			continue
		}
		tx.before(ctx, "booking", w.id)
		if err := holdBooths(ctx, tx, w.id, booths); err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE fair_bookings SET status = 'dang_ky' WHERE id = ?`, w.id); err != nil {
			return nil, err
		}
		if err := recompute(ctx, tx, w.id); err != nil {
			return nil, err
		}
		got, err := findBooking(ctx, tx, w.id)
		if err != nil {
			return nil, err
		}
		if err := audit(ctx, tx, "assign", "booking", w.id, got.EnterpriseName+": "+strings.Join(got.Booths, ", ")); err != nil {
			return nil, err
		}
		served = append(served, got)
	}
	return served, tx.Commit()
}

// RecordResults records what the fair brought; attended moves the booking to "đã tham gia", not
// attended moves an attended one back to "đã xác nhận". EINVALID before the fair is held, for a
// booking not holding booths or for negative figures; ECONFLICT.
func (db *DB) RecordResults(ctx context.Context, bookingID int64, version int, r data.BookingResults) (_ *data.Booking, err error) {
	defer translate(&err)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	k, err := checkBookingVersion(ctx, tx, bookingID, version)
	if err != nil {
		return nil, err
	}
	f, err := findFair(ctx, tx, k.FairID)
	if err != nil {
		return nil, err
	}
	if f.Status != data.FairHeld {
		return nil, data.Errorf(data.EINVALID, "Hội chợ %s chưa diễn ra (đang ở trạng thái \"%s\") nên chưa ghi kết quả được.", f.Code, f.Status.Label())
	}
	if !k.Status.Active() {
		return nil, data.Errorf(data.EINVALID, "Đăng ký của %s đang ở trạng thái \"%s\" nên không ghi kết quả được.", k.EnterpriseName, k.Status.Label())
	}
	status := k.Status
	if r.Attended {
		status = data.BookingAttended
	} else if status == data.BookingAttended {
		status = data.BookingConfirmed
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fair_bookings SET status = ?, sales = ?, contracts = ?, contract_value = ?, result_notes = ? WHERE id = ?`,
		string(status), r.Sales, r.Contracts, r.ContractValue, strings.TrimSpace(vn.NFC(r.Notes)), bookingID); err != nil {
		return nil, err
	}
	return db.finishBooking(ctx, tx, bookingID, "results", string(status))
}

func (db *DB) listBookings(ctx context.Context, where, order string, arg int64) (_ []*data.Booking, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+bookingColumns+bookingFrom+` JOIN fairs f ON f.id = k.fair_id WHERE `+where+` ORDER BY `+order, arg)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*data.Booking
	for rows.Next() {
		k, err := scanBooking(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// FairBookings returns a fair's bookings, active ones first, then waiting, then cancelled, by
// enterprise name.
func (db *DB) FairBookings(ctx context.Context, fairID int64) ([]*data.Booking, error) {
	return db.listBookings(ctx, `k.fair_id = ?`, `CASE k.status WHEN 'cho' THEN 1 WHEN 'da_huy' THEN 2 ELSE 0 END, e.name_key, k.id`, fairID)
}

// EnterpriseBookings returns an enterprise's bookings at every fair, newest fair first.
func (db *DB) EnterpriseBookings(ctx context.Context, enterpriseID int64) ([]*data.Booking, error) {
	return db.listBookings(ctx, `k.enterprise_id = ?`, `f.start_date DESC, f.id DESC, k.id DESC`, enterpriseID)
}
