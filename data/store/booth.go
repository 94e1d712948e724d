package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// AddBooths adds booths to a fair in one transaction, all or none. EINVALID (size, price,
// number); ECONFLICT for a number the fair already has or one given twice (named).
func (db *DB) AddBooths(ctx context.Context, fairID int64, booths []*data.Booth) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	f, err := findFair(ctx, tx, fairID)
	if err != nil {
		return err
	}
	if len(booths) == 0 {
		return data.Errorf(data.EINVALID, "Hãy nhập ít nhất một gian hàng.")
	}
	seen := map[string]bool{}
	for _, b := range booths {
		b.Number = strings.ToUpper(strings.TrimSpace(vn.NFC(b.Number)))
		if err := b.Validate(); err != nil {
			return err
		}
		if seen[b.Number] {
			return data.Errorf(data.ECONFLICT, "Số gian hàng %s được nhập hai lần. Mỗi gian trong một hội chợ phải có số riêng.", b.Number)
		}
		seen[b.Number] = true
	}
	check, err := tx.PrepareContext(ctx, `SELECT count(*) FROM booths WHERE fair_id = ? AND number = ?`)
	if err != nil {
		return err
	}
	defer check.Close()
	ins, err := tx.PrepareContext(ctx, `INSERT INTO booths (fair_id, number, number_key, width_cm, depth_cm, kind, price) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, b := range booths {
		var n int
		if err := check.QueryRowContext(ctx, fairID, b.Number).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.ECONFLICT, "Hội chợ %s đã có gian hàng số %s. Hãy chọn số khác.", f.Code, b.Number)
		}
		id, err := scanID(ins.QueryRowContext(ctx, fairID, b.Number, boothKey(b.Number), b.WidthCM, b.DepthCM, string(b.Kind), b.Price))
		if err != nil {
			return err
		}
		b.ID = id
		b.FairID, b.BookingID, b.Holder, b.State = fairID, 0, "", data.BoothFree
	}
	if err := audit(ctx, tx, "create", "booth", fairID, f.Code+": "+strings.Join(boothNumbers(booths), ", ")); err != nil {
		return err
	}
	return tx.Commit()
}

func boothNumbers(bs []*data.Booth) []string {
	out := make([]string, 0, len(bs))
	for _, b := range bs {
		out = append(out, b.Number)
	}
	if len(out) > 10 {
		out = append(out[:3], "…", out[len(out)-1])
	}
	return out
}

// Booths returns the fair's booths in number order with their holder and state: the booth map.
func (db *DB) Booths(ctx context.Context, fairID int64) (_ []*data.Booth, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if _, err := findFair(ctx, tx, fairID); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT b.id, b.fair_id, b.number, b.width_cm, b.depth_cm, b.kind, b.price,
		COALESCE(k.id, 0), COALESCE(e.name, ''), COALESCE(k.status, '')
		FROM booths b LEFT JOIN booking_booths bb ON bb.booth_id = b.id LEFT JOIN fair_bookings k ON k.id = bb.booking_id
		LEFT JOIN enterprises e ON e.id = k.enterprise_id WHERE b.fair_id = ? ORDER BY b.number_key, b.number`, fairID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*data.Booth
	for rows.Next() {
		var b data.Booth
		var status string
		if err := rows.Scan(&b.ID, &b.FairID, &b.Number, &b.WidthCM, &b.DepthCM, &b.Kind, &b.Price, &b.BookingID, &b.Holder, &status); err != nil {
			return nil, err
		}
		switch data.BookingStatus(status) {
		case "":
			b.State = data.BoothFree
		case data.BookingConfirmed, data.BookingAttended:
			b.State = data.BoothConfirmed
		default:
			b.State = data.BoothHeld
		}
		out = append(out, &b)
	}
	return out, rows.Err()
}

// DeleteBooth removes a free booth. ECONFLICT when a booking holds it.
func (db *DB) DeleteBooth(ctx context.Context, boothID int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var number string
	var fairID int64
	err = tx.QueryRowContext(ctx, `SELECT number, fair_id FROM booths WHERE id = ?`, boothID).Scan(&number, &fairID)
	if errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.ENOTFOUND, "Không tìm thấy gian hàng mã %d; có thể ai đó vừa xoá nó.", boothID)
	} else if err != nil {
		return err
	}
	if holder, err := boothHolder(ctx, tx, boothID); err != nil {
		return err
	} else if holder != "" {
		return data.Errorf(data.ECONFLICT, "Gian hàng %s đang giao cho %s nên không xoá được. Hãy thu hồi gian trước.", number, holder)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM booths WHERE id = ?`, boothID); err != nil {
		return err
	}
	if err := audit(ctx, tx, "delete", "booth", boothID, number); err != nil {
		return err
	}
	return tx.Commit()
}

// boothHolder returns the name of the enterprise whose booking holds the booth, "" when free.
func boothHolder(ctx context.Context, tx *tx, boothID int64) (string, error) {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT e.name FROM booking_booths bb JOIN fair_bookings k ON k.id = bb.booking_id
		JOIN enterprises e ON e.id = k.enterprise_id WHERE bb.booth_id = ?`, boothID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// boothKey is the natural sort key of a booth number: its prefix, then its trailing digits
// zero-padded to 8 places, so that A2 comes before A10.
func boothKey(number string) string {
	i := len(number)
	for i > 0 && number[i-1] >= '0' && number[i-1] <= '9' {
		i--
	}
	digits := strings.TrimLeft(number[i:], "0")
	if len(digits) >= 8 {
		return number
	}
	return number[:i] + strings.Repeat("0", 8-len(digits)) + digits
}
