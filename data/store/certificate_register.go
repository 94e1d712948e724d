package store

import (
	"context"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// FindCertificateByID returns one certificate. ENOTFOUND.
func (db *DB) FindCertificateByID(ctx context.Context, id int64) (_ *data.Certificate, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findCertificate(ctx, tx, `c.id = ?`, id)
}

// FindCertificateBySerial returns the certificate with a serial, typed in any case. ENOTFOUND.
func (db *DB) FindCertificateBySerial(ctx context.Context, serial string) (_ *data.Certificate, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findCertificate(ctx, tx, `c.serial = ?`, strings.ToUpper(vn.NFC(serial)))
}

// FindCertificates returns one page of the certificates the filter selects, in register order:
// the newest year first, then by register number.
func (db *DB) FindCertificates(ctx context.Context, f data.CertificateFilter) (_ []*data.Certificate, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := certificateWhere(tx.d, f)
	query := `SELECT ` + certificateColumns + ` FROM certificates c` + where + ` ORDER BY c.register_year DESC, c.register_no`
	query, args = paged(query, args, f.Offset, f.Limit)
	return queryRows(ctx, tx, scanCertificate, query, args...)
}

// CountCertificates returns how many certificates the filter selects, ignoring its paging.
func (db *DB) CountCertificates(ctx context.Context, f data.CertificateFilter) (n int, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	where, args := certificateWhere(tx.d, f)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM certificates c`+where, args...).Scan(&n)
	return n, err
}

// certificateWhere returns the WHERE clause, over certificates c, of the filter's fields that are set.
func certificateWhere(d dialect, f data.CertificateFilter) (string, []any) {
	var conds []string
	var args []any
	if m := matching(f.Search); len(m.words) > 0 {
		in, a := inSearch(d, "c.id", "certificate_search", m)
		conds, args = append(conds, in), append(args, a...)
	}
	if f.Year != nil {
		conds, args = append(conds, `c.register_year = ?`), append(args, *f.Year)
	}
	if f.ClassID != nil {
		conds, args = append(conds, `c.class_id = ?`), append(args, *f.ClassID)
	}
	if f.Status != nil {
		conds, args = append(conds, `c.status = ?`), append(args, string(*f.Status))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// RevokeCertificate revokes a certificate in force on a day (today when zero), for a reason.
// EINVALID without a reason, for a day before the issue or still to come, or when the
// certificate is not in force (revoked already, or re-issued: revoke its successor); ENOTFOUND;
// ECONFLICT for a stale version; EFORBIDDEN without the signing passphrase in ctx (see unseal).
func (db *DB) RevokeCertificate(ctx context.Context, id int64, version int, on vn.Date, reason string) (_ *data.Certificate, err error) {
	defer translate(&err)
	today := db.today()
	tx, c, err := db.changeCertificate(ctx, data.RightSign, id, version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	serial := c.Content.Serial
	switch c.Status {
	case data.CertRevoked:
		return nil, data.Errorf(data.EINVALID, "Chứng chỉ %s đã bị thu hồi ngày %s (%s).", serial, c.RevokedOn, c.Reason)
	case data.CertReplaced:
		return nil, data.Errorf(data.EINVALID, "Chứng chỉ %s đã được cấp lại bằng chứng chỉ %s nên không còn hiệu lực; nếu cần, hãy thu hồi chứng chỉ %s.", serial, c.ReplacedBy, c.ReplacedBy)
	}
	on, reason, err = checkRegisterChange(c, on, reason, today, "thu hồi")
	if err != nil {
		return nil, err
	}
	// Revoking takes the signing passphrase, as issuing does: the new status is signed.
	sg, err := unseal(ctx, tx)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE certificates SET status = 'thu_hoi', revoked_on = ?, reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		on.ISO(), reason, tx.at(), id); err != nil {
		return nil, err
	}
	if err := signStatus(ctx, tx, sg, id); err != nil {
		return nil, err
	}
	return saveCertificate(ctx, tx, id, "revoke", fmt.Sprintf("%s: thu hồi ngày %s, %s", serial, on, reason))
}

// ReissueCertificate issues, on a day (today when zero), a new certificate replacing one in force
// or revoked, and returns it. The new certificate copies the old one's content with a new serial,
// register number (of the new issue date's year) and issue date, the signer of the settings now,
// and Replaces naming the old serial; the old one becomes "đã cấp lại", pointing to the new one.
// EINVALID without a reason, for a day before the old issue or still to come, without a signer's
// name in the settings, or when the certificate was already re-issued (the message names the
// successor, which is the one to re-issue); ENOTFOUND; ECONFLICT for a stale version; EFORBIDDEN
// without the signing passphrase in ctx (see unseal).
func (db *DB) ReissueCertificate(ctx context.Context, id int64, version int, on vn.Date, reason string) (_ *data.Certificate, err error) {
	defer translate(&err)
	today := db.today()
	tx, old, err := db.changeCertificate(ctx, data.RightSign, id, version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if old.Status == data.CertReplaced {
		return nil, data.Errorf(data.EINVALID, "Chứng chỉ %s đã được cấp lại bằng chứng chỉ %s; chỉ cấp lại được từ chứng chỉ mới nhất. Hãy mở chứng chỉ %s để cấp lại.", old.Content.Serial, old.ReplacedBy, old.ReplacedBy)
	}
	on, reason, err = checkRegisterChange(old, on, reason, today, "cấp lại")
	if err != nil {
		return nil, err
	}
	org, err := organisation(ctx, tx)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(org.DirectorName) == "" {
		return nil, data.Errorf(data.EINVALID, "Chưa có họ tên người ký trong Cài đặt (thông tin đơn vị): chứng chỉ cấp lại phải ghi người ký. Hãy nhập họ tên người ký rồi cấp lại.")
	}
	settings, err := certificateSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	s, err := unseal(ctx, tx)
	if err != nil {
		return nil, err
	}
	// The old certificate leaves force first: an enrolment has one certificate not superseded.
	if _, err := tx.ExecContext(ctx, `UPDATE certificates SET status = 'cap_lai', revoked_on = ?, reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		on.ISO(), reason, tx.at(), id); err != nil {
		return nil, err
	}
	w, err := newCertificateWriter(ctx, tx, s)
	if err != nil {
		return nil, err
	}
	defer w.close()
	no, err := w.nextNumber(ctx, on.Year)
	if err != nil {
		return nil, err
	}
	content := old.Content
	content.Serial, content.RegisterNo, content.RegisterYear, content.IssuedOn = serialOf(settings.SerialPrefix, on.Year, no), no, on.Year, on
	content.SignerTitle, content.SignerName, content.Replaces = org.DirectorTitle, org.DirectorName, old.Content.Serial
	cert, err := w.insert(ctx, old.EnrollmentID, old.ClassID, old.TraineeID, content, old.ID)
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE certificates SET replaced_by = ? WHERE id = ?`, cert.ID, id); err != nil {
		return nil, err
	}
	if err := signStatus(ctx, tx, s, id); err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "reissue", "certificate", id, fmt.Sprintf("%s: cấp lại bằng %s ngày %s, %s", old.Content.Serial, content.Serial, on, reason)); err != nil {
		return nil, err
	}
	return saveCertificate(ctx, tx, cert.ID, "issue", fmt.Sprintf("%s %s: %s, số vào sổ %s, cấp lại chứng chỉ %s", content.Serial, content.ClassCode, content.TraineeName, content.RegisterLabel(), old.Content.Serial))
}

// checkRegisterChange checks the day and reason of revoking or re-issuing c (doing names which)
// on the day today, and returns them in stored form: a zero day is today.
func checkRegisterChange(c *data.Certificate, on vn.Date, reason string, today vn.Date, doing string) (vn.Date, string, error) {
	reason = vn.NFC(reason)
	if on.IsZero() {
		on = today
	}
	switch {
	case reason == "":
		return on, reason, data.Errorf(data.EINVALID, "Hãy ghi lý do %s chứng chỉ %s: sổ cấp chứng chỉ phải ghi rõ lý do.", doing, c.Content.Serial)
	case utf8Len(reason) > data.MaxLongLen:
		return on, reason, data.Errorf(data.EINVALID, "Lý do %s dài %d ký tự; tối đa %d ký tự.", doing, utf8Len(reason), data.MaxLongLen)
	case today.Before(on):
		return on, reason, data.Errorf(data.EINVALID, "Ngày %s %s là ngày chưa tới (hôm nay là %s).", doing, on, today)
	case on.Before(c.Content.IssuedOn):
		return on, reason, data.Errorf(data.EINVALID, "Ngày %s %s trước ngày cấp chứng chỉ %s (%s).", doing, on, c.Content.Serial, c.Content.IssuedOn)
	}
	return on, reason, nil
}

// SetReceivedOn records the day the trainee received the certificate, or clears it with the zero
// date. EINVALID for a day before the issue or still to come; ENOTFOUND; ECONFLICT for a stale
// version.
func (db *DB) SetReceivedOn(ctx context.Context, id int64, version int, on vn.Date) (_ *data.Certificate, err error) {
	defer translate(&err)
	today := db.today()
	tx, c, err := db.changeCertificate(ctx, data.RightClassRecords, id, version)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	switch {
	case today.Before(on):
		return nil, data.Errorf(data.EINVALID, "Ngày nhận %s là ngày chưa tới (hôm nay là %s).", on, today)
	case !on.IsZero() && on.Before(c.Content.IssuedOn):
		return nil, data.Errorf(data.EINVALID, "Ngày nhận %s trước ngày cấp chứng chỉ %s (%s).", on, c.Content.Serial, c.Content.IssuedOn)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE certificates SET received_on = ?, version = version + 1, updated_at = ? WHERE id = ?`, on.ISO(), tx.at(), id); err != nil {
		return nil, err
	}
	return saveCertificate(ctx, tx, id, "received", fmt.Sprintf("%s: ngày nhận %s", c.Content.Serial, on))
}
