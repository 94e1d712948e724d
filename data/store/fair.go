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

// Compile-time check that DB implements the fair service.
var _ data.FairService = (*DB)(nil)

// fairSettingsKey holds the JSON of data.FairSettings.
const fairSettingsKey = storePrefix + "fairs"

// fairCodePrefix opens the codes NextFairCode proposes: HC-2026-001.
const fairCodePrefix = "HC-"

// fairColumns are the columns scanFair reads, over fairs f, with the booth counts.
const fairColumns = `f.id, f.code, f.name, f.kind, f.organiser, f.venue, f.city, f.country, f.start_date, f.end_date,
	f.deadline, f.booth_price, f.share_percent, f.cap_booth, f.cap_enterprise, f.abroad_per_year, f.status,
	f.cancel_reason, f.version,
	(SELECT count(*) FROM booths b WHERE b.fair_id = f.id),
	(SELECT count(*) FROM booking_booths bb WHERE bb.fair_id = f.id),
	COALESCE(f.programme_id, 0), COALESCE((SELECT code FROM programmes WHERE id = f.programme_id), '')`

func scanFair(s interface{ Scan(...any) error }) (*data.Fair, error) {
	var f data.Fair
	var start, end, deadline string
	if err := s.Scan(&f.ID, &f.Code, &f.Name, &f.Kind, &f.Organiser, &f.Venue, &f.City, &f.Country, &start, &end,
		&deadline, &f.BoothPrice, &f.Rule.SharePercent, &f.Rule.CapPerBooth, &f.Rule.CapPerEnterprise,
		&f.Rule.AbroadPerYear, &f.Status, &f.CancelReason, &f.Version, &f.Booths, &f.Booked, &f.ProgrammeID, &f.ProgrammeCode); err != nil {
		return nil, err
	}
	var err error
	if f.Start, err = vn.ParseISODate(start); err != nil {
		return nil, err
	}
	if f.End, err = vn.ParseISODate(end); err != nil {
		return nil, err
	}
	if deadline != "" {
		if f.Deadline, err = vn.ParseISODate(deadline); err != nil {
			return nil, err
		}
	}
	return &f, nil
}

func findFair(ctx context.Context, tx *tx, id int64) (*data.Fair, error) {
	f, err := scanFair(tx.QueryRowContext(ctx, `SELECT `+fairColumns+` FROM fairs f WHERE f.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy hội chợ mã %d; có thể ai đó vừa xoá nó. Hãy tải lại danh sách.", id)
	}
	return f, err
}

func checkFairVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Fair, error) {
	tx.before(ctx, "fair", id)
	f, err := findFair(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if f.Version != version {
		return nil, data.Errorf(data.ECONFLICT, "Hội chợ %s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy mở lại để xem bản mới rồi sửa tiếp.", f.Code, f.Version, version)
	}
	return f, nil
}

// FindFairByID returns one fair. ENOTFOUND.
func (db *DB) FindFairByID(ctx context.Context, id int64) (_ *data.Fair, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findFair(ctx, tx, id)
}

// FindFairByCode returns the fair with a code, typed in any case. ENOTFOUND.
func (db *DB) FindFairByCode(ctx context.Context, code string) (_ *data.Fair, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	code = strings.ToUpper(strings.TrimSpace(vn.NFC(code)))
	f, err := scanFair(tx.QueryRowContext(ctx, `SELECT `+fairColumns+` FROM fairs f WHERE f.code = ?`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không có hội chợ mã %s. Hãy kiểm tra lại mã.", code)
	}
	return f, err
}

func fairWhere(d dialect, f data.FairFilter) (string, []any) {
	var conds []string
	var args []any
	if m := matching(f.Search); len(m.words) > 0 {
		in, a := inSearch(d, "f.id", "fair_search", m)
		conds, args = append(conds, in), append(args, a...)
	}
	if f.Year != nil {
		conds = append(conds, `f.start_date >= ? AND f.start_date < ?`)
		args = append(args, fmt.Sprintf("%04d-01-01", *f.Year), fmt.Sprintf("%04d-01-01", *f.Year+1))
	}
	if f.Kind != nil {
		conds = append(conds, `f.kind = ?`)
		args = append(args, string(*f.Kind))
	}
	if f.Status != nil {
		conds = append(conds, `f.status = ?`)
		args = append(args, string(*f.Status))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// FindFairs returns a page of the fairs the filter selects, newest first, with their booth counts.
func (db *DB) FindFairs(ctx context.Context, f data.FairFilter) (_ []*data.Fair, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := fairWhere(tx.d, f)
	query, args := paged(`SELECT `+fairColumns+` FROM fairs f`+where+` ORDER BY f.start_date DESC, f.id DESC`, args, f.Offset, f.Limit)
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*data.Fair
	for rows.Next() {
		fr, err := scanFair(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, fr)
	}
	return out, rows.Err()
}

// CountFairs returns how many fairs the filter selects.
func (db *DB) CountFairs(ctx context.Context, f data.FairFilter) (n int, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	where, args := fairWhere(tx.d, f)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM fairs f`+where, args...).Scan(&n)
	return n, err
}

// NextFairCode proposes "HC-2026-001" style codes. EINVALID for a year outside 1900–2200.
func (db *DB) NextFairCode(ctx context.Context, year int) (_ string, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	return nextFairCode(ctx, tx, year)
}

func nextFairCode(ctx context.Context, tx *tx, year int) (string, error) {
	if year < 1900 || year > 2200 {
		return "", data.Errorf(data.EINVALID, "Năm %d không hợp lệ.", year)
	}
	return nextCode(ctx, tx, "fairs", fairCodePrefix, year)
}

func fairValues(f *data.Fair) []any {
	deadline := ""
	if !f.Deadline.IsZero() {
		deadline = f.Deadline.ISO()
	}
	return []any{f.Code, f.Name, string(f.Kind), f.Organiser, f.Venue, f.City, f.Country, f.Start.ISO(), f.End.ISO(),
		deadline, f.BoothPrice, f.Rule.SharePercent, f.Rule.CapPerBooth, f.Rule.CapPerEnterprise, f.Rule.AbroadPerYear,
		f.ProgrammeID}
}

// linkFairProgramme checks that the đề án of f (linked before to programme was, 0 when new) may
// pay its bookings' support: of the fair's year, of content ContentProducts. EINVALID.
func linkFairProgramme(ctx context.Context, tx *tx, f *data.Fair, was int64) error {
	code, err := linkProgramme(ctx, tx, f.ProgrammeID, f.Start.Year, data.ContentProducts, "hội chợ", f.ProgrammeID != was)
	f.ProgrammeCode = code
	return err
}

func indexFair(ctx context.Context, tx *tx, f *data.Fair, replace bool) error {
	if replace {
		if _, err := tx.ExecContext(ctx, `DELETE FROM fair_search WHERE rowid = ?`, f.ID); err != nil {
			return err
		}
	}
	text := " " + strings.Join(searchWords(strings.Join([]string{f.Code, f.Name, f.Organiser, f.Venue, f.City, f.Country}, " ")), " ")
	_, err := tx.ExecContext(ctx, `INSERT INTO fair_search (rowid, text) VALUES (?, ?)`, f.ID, text)
	return err
}

// fairCodeTaken is an ECONFLICT naming the other fair that holds the code of f, if any. It is
// asked before the write: on the server a refused statement ends the transaction, so nothing
// could be read after it (the UNIQUE index stays, should the check ever miss).
func fairCodeTaken(ctx context.Context, tx *tx, f *data.Fair) error {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT name FROM fairs WHERE code = ? AND id <> ?`, f.Code, f.ID).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return data.Errorf(data.ECONFLICT, "Mã hội chợ %s đã dùng cho \"%s\". Hãy chọn mã khác.", f.Code, name)
}

// CreateFair stores a new fair, proposing its code when empty; a rule with SharePercent and
// both caps zero takes the settings' rule of the fair's kind. EINVALID; ECONFLICT for a code taken.
func (db *DB) CreateFair(ctx context.Context, f *data.Fair) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	f.Status, f.CancelReason = data.FairPlanned, ""
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	if f.Rule.SharePercent == 0 && f.Rule.CapPerBooth == 0 && f.Rule.CapPerEnterprise == 0 {
		s, err := fairSettings(ctx, tx)
		if err != nil {
			return err
		}
		f.Rule = s.Rules[f.Kind]
	}
	if err := linkFairProgramme(ctx, tx, f, 0); err != nil {
		return err
	}
	if f.Code == "" {
		if f.Code, err = nextFairCode(ctx, tx, f.Start.Year); err != nil {
			return err
		}
	}
	if err := fairCodeTaken(ctx, tx, f); err != nil {
		return err
	}
	id, err := tx.insert(ctx, `INSERT INTO fairs (code, name, kind, organiser, venue, city, country, start_date,
		end_date, deadline, booth_price, share_percent, cap_booth, cap_enterprise, abroad_per_year, programme_id, status,
		cancel_reason, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?, '', 1, ?, ?)`,
		append(fairValues(f), string(f.Status), tx.at(), tx.at())...)
	if err != nil {
		return err
	}
	f.ID = id
	if err := indexFair(ctx, tx, f, false); err != nil {
		return err
	}
	saved, err := findFair(ctx, tx, f.ID)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "create", "fair", f.ID, f.Code+" "+f.Name); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*f = *saved
	return nil
}

// UpdateFair saves every field of f but its status; f.Version must be the version read. Bookings
// keep the rule they were computed with. EINVALID; ENOTFOUND; ECONFLICT.
func (db *DB) UpdateFair(ctx context.Context, f *data.Fair) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stored, err := checkFairVersion(ctx, tx, f.ID, f.Version)
	if err != nil {
		return err
	}
	f.Status, f.CancelReason = stored.Status, stored.CancelReason
	f.Normalize()
	if f.Code == "" {
		f.Code = stored.Code
	}
	if err := f.Validate(); err != nil {
		return err
	}
	if err := linkFairProgramme(ctx, tx, f, stored.ProgrammeID); err != nil {
		return err
	}
	if err := fairCodeTaken(ctx, tx, f); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fairs SET code = ?, name = ?, kind = ?, organiser = ?, venue = ?, city = ?,
		country = ?, start_date = ?, end_date = ?, deadline = ?, booth_price = ?, share_percent = ?, cap_booth = ?,
		cap_enterprise = ?, abroad_per_year = ?, programme_id = NULLIF(?, 0), version = version + 1, updated_at = ? WHERE id = ?`,
		append(fairValues(f), tx.at(), f.ID)...); err != nil {
		return err
	}
	if err := indexFair(ctx, tx, f, true); err != nil {
		return err
	}
	saved, err := findFair(ctx, tx, f.ID)
	if err != nil {
		return err
	}
	if err := audit(ctx, tx, "update", "fair", f.ID, f.Code+" "+f.Name); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	*f = *saved
	return nil
}

// SetFairStatus moves a fair along FairStatus.Next (a reason required to cancel). EINVALID; ECONFLICT.
func (db *DB) SetFairStatus(ctx context.Context, id int64, version int, to data.FairStatus, reason string) (_ *data.Fair, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	f, err := checkFairVersion(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
	if reason, err = checkMove("Hội chợ", f.Code, f.Status, to, f.Status.Next(), data.FairCancelled, reason); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE fairs SET status = ?, cancel_reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		string(to), reason, tx.at(), id); err != nil {
		return nil, err
	}
	saved, err := findFair(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "status", "fair", id, fmt.Sprintf("%s: %s → %s %s", f.Code, f.Status.Label(), to.Label(), reason)); err != nil {
		return nil, err
	}
	return saved, tx.Commit()
}

// DeleteFair removes a fair that has no booking, with its booths. ECONFLICT when it has some.
func (db *DB) DeleteFair(ctx context.Context, id int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightFairs)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	f, err := findFair(ctx, tx, id)
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM fair_bookings WHERE fair_id = ?`, id).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return data.Errorf(data.ECONFLICT, "Hội chợ %s đã có %d lượt đăng ký của doanh nghiệp nên không xoá được. Nếu hội chợ không diễn ra, hãy chuyển sang \"Đã hủy\" kèm lý do.", f.Code, n)
	}
	tx.before(ctx, "fair", id)
	for _, q := range []string{`DELETE FROM booking_booths WHERE fair_id = ?`, `DELETE FROM booths WHERE fair_id = ?`, `DELETE FROM fair_search WHERE rowid = ?`, `DELETE FROM fairs WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	if err := audit(ctx, tx, "delete", "fair", id, f.Code+" "+f.Name); err != nil {
		return err
	}
	return tx.Commit()
}

// FairSettings returns the default rules; a new database has data.DefaultFairSettings.
func (db *DB) FairSettings(ctx context.Context) (_ data.FairSettings, err error) {
	defer translate(&err)
	return inRead(ctx, db, fairSettings)
}

func fairSettings(ctx context.Context, tx *tx) (data.FairSettings, error) {
	s := data.DefaultFairSettings()
	stored, err := loadSetting(ctx, tx, fairSettingsKey, data.FairSettings{})
	if err != nil {
		return s, err
	}
	for k, r := range stored.Rules {
		s.Rules[k] = r
	}
	return s, nil
}

// SaveFairSettings validates and stores the default rules; a kind left out keeps its default. EINVALID.
func (db *DB) SaveFairSettings(ctx context.Context, s data.FairSettings) (err error) {
	defer translate(&err)
	for k, r := range s.Rules {
		if !slices.Contains(data.FairKinds, k) {
			return data.Errorf(data.EINVALID, "Loại hội chợ %q không có.", k)
		}
		if err := r.Validate(); err != nil {
			return data.Errorf(data.EINVALID, "%s: %s", k.Label(), data.ErrorMessage(err))
		}
	}
	return saveSetting(ctx, db, data.RightSettings, fairSettingsKey, s, "fair_settings")
}
