package sqlite

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Compile-time check that DB implements the certificate service.
var _ data.CertificateService = (*DB)(nil)

// The settings the certificate service keeps, both the store's own (SetSetting refuses them).
const (
	// certificateKeyKey holds the centre's Ed25519 signing key: the 32-byte seed, base64. It is
	// made once per database, the first time a certificate is issued or the public key asked for,
	// from the system's secure random source, and never leaves the store: only its public half is
	// given out.
	certificateKeyKey = storePrefix + "certificate_key"
	// certificateSettingsKey holds the data.CertificateSettings as JSON.
	certificateSettingsKey = storePrefix + "certificate_settings"
)

// IssueCertificates issues a certificate to every eligible trainee of a finished class who has
// none, in roster order (by given name), numbering them after the highest register number of the
// issue date's year, and moves the class to "đã cấp chứng chỉ", all in one write transaction:
// the transaction takes the database's write lock at BEGIN, so two programs issuing at once queue
// and the numbers stay sequential with no gap and no repeat.
//
// A class already "đã cấp chứng chỉ" may be issued again for eligible trainees still without a
// certificate (none, once everyone has one). Skipped lists the ineligible trainees with the
// reason, and the eligible ones who already have a certificate (in force or revoked: a revoked
// one is followed only by a re-issue) with the reason "Đã được cấp chứng chỉ …".
//
// EINVALID: the request is incomplete, the class is not finished, the signer's name is not set,
// no trainee is eligible, every eligible trainee already has a certificate (the message says
// "đã được cấp"), a trainee's name or the class code cannot go into the QR text. ENOTFOUND for
// the class. Nothing is written when it fails.
func (db *DB) IssueCertificates(ctx context.Context, r data.IssueRequest) (_ *data.IssueResult, err error) {
	defer translate(&err)
	today := db.today()
	r.DecisionNo = vn.NFC(r.DecisionNo)
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if r.IssuedOn.IsZero() {
		r.IssuedOn = today
	}
	switch {
	case today.Before(r.IssuedOn):
		return nil, data.Errorf(data.EINVALID, "Ngày cấp %s là ngày chưa tới (hôm nay là %s).", r.IssuedOn, today)
	case r.IssuedOn.Before(r.DecisionDate):
		return nil, data.Errorf(data.EINVALID, "Ngày cấp %s trước ngày ký quyết định %s. Hãy soát lại hai ngày này.", r.IssuedOn, r.DecisionDate)
	case utf8Len(r.DecisionNo) > data.MaxShortLen:
		return nil, data.Errorf(data.EINVALID, "Số quyết định dài %d ký tự; tối đa %d ký tự.", utf8Len(r.DecisionNo), data.MaxShortLen)
	}
	tx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	g, err := attendanceGrid(ctx, tx, r.ClassID)
	if err != nil {
		return nil, err
	}
	c := g.Class
	if c.Status != data.ClassFinished && c.Status != data.ClassCertified {
		return nil, data.Errorf(data.EINVALID, "Lớp %s chưa kết thúc (đang ở trạng thái \"%s\"): chỉ cấp chứng chỉ cho lớp đã kết thúc. Hãy chuyển lớp sang \"%s\" khi đã nhập xong kết quả.",
			c.Code, c.Status.Label(), data.ClassFinished.Label())
	}
	if r.IssuedOn.Before(c.End) {
		return nil, data.Errorf(data.EINVALID, "Ngày cấp %s trước ngày kết thúc lớp %s (%s).", r.IssuedOn, c.Code, c.End)
	}
	org, err := organisation(ctx, tx)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(org.DirectorName) == "" {
		return nil, data.Errorf(data.EINVALID, "Chưa có họ tên người ký trong Cài đặt (thông tin đơn vị): chứng chỉ phải ghi chức danh và họ tên người ký. Hãy nhập họ tên người ký rồi cấp chứng chỉ.")
	}
	settings, err := certificateSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	held, err := heldCertificates(ctx, tx, c.ID)
	if err != nil {
		return nil, err
	}
	res := &data.IssueResult{}
	var todo []*data.EnrollmentView
	eligible := 0
	for _, v := range g.Roster {
		switch serial, ok := held[v.ID]; {
		case !v.Eligible:
			res.Skipped = append(res.Skipped, v)
		case ok:
			eligible++
			v.Reason = "Đã được cấp chứng chỉ " + serial
			res.Skipped = append(res.Skipped, v)
		default:
			eligible++
			todo = append(todo, v)
		}
	}
	switch {
	case eligible == 0:
		return nil, data.Errorf(data.EINVALID, "Lớp %s không có học viên nào đủ điều kiện cấp chứng chỉ%s.", c.Code, skippedSummary(res.Skipped))
	case len(todo) == 0:
		return nil, data.Errorf(data.EINVALID, "Cả %d học viên đủ điều kiện của lớp %s đã được cấp chứng chỉ; không có chứng chỉ mới nào để cấp.", eligible, c.Code)
	}
	key, err := signingKey(ctx, tx)
	if err != nil {
		return nil, err
	}
	w, err := newCertificateWriter(ctx, tx, key)
	if err != nil {
		return nil, err
	}
	defer w.close()
	next, err := w.nextNumber(ctx, r.IssuedOn.Year)
	if err != nil {
		return nil, err
	}
	for _, v := range todo {
		content := data.CertificateContent{
			Title:           settings.Title(c.Kind),
			ParentAuthority: org.ParentAuthority, Centre: org.Name, City: org.City,
			TraineeName: v.TraineeName.Full(), BirthDate: v.BirthDate, BirthPlace: v.BirthPlace,
			Trade: c.Trade, ClassName: c.Name, ClassCode: c.Code, ClassKind: c.Kind.Label(),
			Start: c.Start, End: c.End, Hours: c.Hours, Grade: v.Grade,
			Serial:     serialOf(settings.SerialPrefix, r.IssuedOn.Year, next),
			RegisterNo: next, RegisterYear: r.IssuedOn.Year, IssuedOn: r.IssuedOn,
			DecisionNo: r.DecisionNo, DecisionDate: r.DecisionDate,
			SignerTitle: org.DirectorTitle, SignerName: org.DirectorName,
		}
		cert, err := w.insert(ctx, v.ID, c.ID, v.TraineeID, content, 0)
		if err != nil {
			return nil, err
		}
		if err := audit(ctx, tx, "issue", "certificate", cert.ID, fmt.Sprintf("%s %s: %s, số vào sổ %s", content.Serial, c.Code, content.TraineeName, content.RegisterLabel())); err != nil {
			return nil, err
		}
		res.Issued = append(res.Issued, cert)
		next++
	}
	if c.Status == data.ClassFinished {
		if _, err := tx.ExecContext(ctx, `UPDATE classes SET status = ?, version = version + 1, updated_at = ? WHERE id = ?`,
			string(data.ClassCertified), tx.at(), c.ID); err != nil {
			return nil, err
		}
		if err := audit(ctx, tx, "status", "class", c.ID, fmt.Sprintf("%s: %s → %s (cấp %d chứng chỉ, QĐ %s)", c.Code, c.Status, data.ClassCertified, len(res.Issued), r.DecisionNo)); err != nil {
			return nil, err
		}
	}
	return res, tx.Commit()
}

// skippedSummary lists up to three skipped trainees with their reasons, for a message.
func skippedSummary(vs []*data.EnrollmentView) string {
	if len(vs) == 0 {
		return " (lớp chưa có học viên)"
	}
	var parts []string
	for i, v := range vs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("và %d người khác", len(vs)-3))
			break
		}
		parts = append(parts, v.TraineeName.Full()+": "+v.Reason)
	}
	return ": " + strings.Join(parts, "; ")
}

// serialOf returns the serial of register number no of a year: "KC-2026-000123".
func serialOf(prefix string, year, no int) string {
	return fmt.Sprintf("%s-%d-%06d", prefix, year, no)
}

// utf8Len counts the characters of s.
func utf8Len(s string) int { return len([]rune(s)) }

// heldCertificates returns, by enrolment, the serial of the class's certificates that are not
// superseded (in force or revoked).
func heldCertificates(ctx context.Context, tx *tx, classID int64) (map[int64]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT enrollment_id, serial FROM certificates WHERE class_id = ? AND status <> 'cap_lai'`, classID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var serial string
		if err := rows.Scan(&id, &serial); err != nil {
			return nil, err
		}
		out[id] = serial
	}
	return out, rows.Err()
}

// certificateWriter writes certificates within one transaction, its statements prepared once.
type certificateWriter struct {
	tx        *tx
	key       ed25519.PrivateKey
	insertRow *sql.Stmt
	index     *sql.Stmt
}

// newCertificateWriter prepares a writer for tx signing with key; close it when done.
func newCertificateWriter(ctx context.Context, tx *tx, key ed25519.PrivateKey) (*certificateWriter, error) {
	w := &certificateWriter{tx: tx, key: key}
	var err error
	if w.insertRow, err = tx.PrepareContext(ctx, `INSERT INTO certificates (enrollment_id, class_id, trainee_id, serial,
		register_year, register_no, issued_on, content, hash, status, replaces, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'da_cap', NULLIF(?, 0), 1, ?, ?)`); err != nil {
		return nil, err
	}
	if w.index, err = tx.PrepareContext(ctx, `INSERT INTO certificate_search (rowid, text) VALUES (?, ?)`); err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

// close releases the writer's statements.
func (w *certificateWriter) close() {
	for _, s := range []*sql.Stmt{w.insertRow, w.index} {
		if s != nil {
			s.Close()
		}
	}
}

// nextNumber returns the register number that follows the highest of a year.
func (w *certificateWriter) nextNumber(ctx context.Context, year int) (int, error) {
	var last int
	err := w.tx.QueryRowContext(ctx, `SELECT COALESCE(max(register_no), 0) FROM certificates WHERE register_year = ?`, year).Scan(&last)
	return last + 1, err
}

// insert signs content (its VerifyText set here), stores it as a certificate in force of the
// enrolment, class and trainee, replacing certificate replaces when not 0, indexes it for search
// and returns it.
func (w *certificateWriter) insert(ctx context.Context, enrollmentID, classID, traineeID int64, content data.CertificateContent, replaces int64) (*data.Certificate, error) {
	content.VerifyText = ""
	if err := data.ValidateCertificateText(content); err != nil {
		return nil, err
	}
	content.VerifyText = data.SignCertificate(content, w.key)
	b, err := json.Marshal(content)
	if err != nil {
		return nil, err
	}
	hash := contentHash(string(b))
	res, err := w.insertRow.ExecContext(ctx, enrollmentID, classID, traineeID, content.Serial, content.RegisterYear, content.RegisterNo,
		content.IssuedOn.ISO(), string(b), hash, replaces, w.tx.at(), w.tx.at())
	if err != nil {
		return nil, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return nil, err
	}
	text := vn.Fold(strings.Join([]string{content.Serial, content.TraineeName, content.ClassCode, content.ClassName}, " "))
	if _, err := w.index.ExecContext(ctx, id, text); err != nil {
		return nil, err
	}
	return &data.Certificate{ID: id, EnrollmentID: enrollmentID, ClassID: classID, TraineeID: traineeID, Content: content,
		Hash: hash, Status: data.CertIssued, Version: 1}, nil
}

// contentHash returns the SHA-256, in hex, of a certificate's stored content.
func contentHash(content string) string {
	h := sha256.Sum256([]byte(content))
	return hex.EncodeToString(h[:])
}

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
	where, args := certificateWhere(f)
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
	where, args := certificateWhere(f)
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM certificates c`+where, args...).Scan(&n)
	return n, err
}

// certificateWhere returns the WHERE clause, over certificates c, of the filter's fields that are set.
func certificateWhere(f data.CertificateFilter) (string, []any) {
	var conds []string
	var args []any
	if q := matchQuery(f.Search); q != "" {
		conds, args = append(conds, `c.id IN (SELECT rowid FROM certificate_search WHERE certificate_search MATCH ?)`), append(args, q)
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
// ECONFLICT for a stale version.
func (db *DB) RevokeCertificate(ctx context.Context, id int64, version int, on vn.Date, reason string) (_ *data.Certificate, err error) {
	defer translate(&err)
	today := db.today()
	tx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := checkCertificateVersion(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
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
	if _, err := tx.ExecContext(ctx, `UPDATE certificates SET status = 'thu_hoi', revoked_on = ?, reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		on.ISO(), reason, tx.at(), id); err != nil {
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
// successor, which is the one to re-issue); ENOTFOUND; ECONFLICT for a stale version.
func (db *DB) ReissueCertificate(ctx context.Context, id int64, version int, on vn.Date, reason string) (_ *data.Certificate, err error) {
	defer translate(&err)
	today := db.today()
	tx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	old, err := checkCertificateVersion(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
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
	key, err := signingKey(ctx, tx)
	if err != nil {
		return nil, err
	}
	// The old certificate leaves force first: an enrolment has one certificate not superseded.
	if _, err := tx.ExecContext(ctx, `UPDATE certificates SET status = 'cap_lai', revoked_on = ?, reason = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		on.ISO(), reason, tx.at(), id); err != nil {
		return nil, err
	}
	w, err := newCertificateWriter(ctx, tx, key)
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
	tx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := checkCertificateVersion(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
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

// Verify checks a QR text or a bare serial against the register and the centre's key:
//
//   - a serial not in the register: unknown (it may be another centre's);
//   - a QR text naming a serial of the register whose signature is not the centre's or whose
//     fields differ from the register's: forged, except when its signature is not the centre's
//     and both its name and birth date differ from the register's: that is another person's
//     certificate from another centre whose serial (and perhaps class code, as every centre
//     numbers "KC-2026-000001" and "LH-2026-001" alike) happens to be one of ours: unknown,
//     unless that person holds another certificate of the register (the serial was changed):
//     forged. A text altered by one character is thus always forged;
//   - then the register's status: valid, revoked (with the reason), replaced (by which serial).
//
// A bare serial checks only the register, as no signature comes with it. A register entry whose
// content no longer has its hash was edited outside the program: forged. EINVALID for an empty
// input or a malformed QR text (the message says what is wrong).
func (db *DB) Verify(ctx context.Context, textOrSerial string) (_ *data.Verification, err error) {
	defer translate(&err)
	in := strings.TrimSpace(textOrSerial)
	if in == "" {
		return nil, data.Errorf(data.EINVALID, "Hãy nhập số hiệu chứng chỉ (ví dụ KC-2026-000123) hoặc quét mã QR trên chứng chỉ.")
	}
	var text *data.CertificateText
	serial := strings.ToUpper(vn.NFC(in))
	if strings.Contains(in, "|") {
		t, err := data.ParseCertificateText(in)
		if err != nil {
			return nil, err
		}
		text, serial = &t, t.Serial
	}
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCertificate(ctx, tx, `c.serial = ?`, serial)
	if data.ErrorCode(err) == data.ENOTFOUND {
		msg := fmt.Sprintf("Chứng chỉ số hiệu %s không có trong sổ cấp chứng chỉ của trung tâm này, hoặc do đơn vị khác cấp.", serial)
		if text != nil {
			if pub, err := publicKey(ctx, tx); err != nil {
				return nil, err
			} else if text.VerifiedBy(pub) {
				msg = fmt.Sprintf("Mã QR mang chữ ký của trung tâm này nhưng số hiệu %s không có trong sổ cấp chứng chỉ: có thể đây là bản sao lưu cũ của dữ liệu. Hãy báo người quản lý sổ.", serial)
			}
		}
		return &data.Verification{Verdict: data.VerdictUnknown, Message: msg}, nil
	} else if err != nil {
		return nil, err
	}
	var stored string
	if err := tx.QueryRowContext(ctx, `SELECT content FROM certificates WHERE id = ?`, c.ID).Scan(&stored); err != nil {
		return nil, err
	}
	if contentHash(stored) != c.Hash {
		return &data.Verification{Verdict: data.VerdictForged, Certificate: c, Message: fmt.Sprintf(
			"Bản ghi chứng chỉ %s trong sổ đã bị sửa ngoài chương trình (nội dung không khớp mã băm lưu lúc cấp). Không xác nhận được chứng chỉ này; hãy báo người quản lý sổ.", serial)}, nil
	}
	if text != nil {
		pub, err := publicKey(ctx, tx)
		if err != nil {
			return nil, err
		}
		want, err := data.ParseCertificateText(c.Content.VerifyText)
		if err != nil {
			return nil, err
		}
		if !text.VerifiedBy(pub) || text.Signed != want.Signed {
			if text.Name != want.Name && text.BirthDate != want.BirthDate && !text.VerifiedBy(pub) {
				if same, err := certificateOf(ctx, tx, text.Name, text.BirthDate); err != nil {
					return nil, err
				} else if same != nil {
					return &data.Verification{Verdict: data.VerdictForged, Certificate: c, Message: fmt.Sprintf(
						"Chứng chỉ %s có thể là GIẢ MẠO hoặc đã bị sửa: mã QR ghi %s, sinh %s, người có trong sổ với chứng chỉ %s, còn số hiệu %s trong sổ là của %s; chữ ký không khớp.",
						serial, text.Name, text.BirthDate, same.Content.Serial, serial, want.Name)}, nil
				}
				return &data.Verification{Verdict: data.VerdictUnknown, Message: fmt.Sprintf(
					"Mã QR không mang chữ ký của trung tâm này: chứng chỉ %s của %s (lớp %s) có thể do đơn vị khác cấp, trùng số hiệu với một chứng chỉ trong sổ của trung tâm.", serial, text.Name, text.ClassCode)}, nil
			}
			return &data.Verification{Verdict: data.VerdictForged, Certificate: c, Message: fmt.Sprintf(
				"Chứng chỉ %s có thể là GIẢ MẠO hoặc đã bị sửa: nội dung mã QR (%s, sinh %s, lớp %s, cấp %s) không khớp chữ ký của trung tâm hoặc sổ cấp chứng chỉ, sổ ghi %s, sinh %s, lớp %s, cấp %s.",
				serial, text.Name, text.BirthDate, text.ClassCode, text.IssuedOn, want.Name, want.BirthDate, want.ClassCode, want.IssuedOn)}, nil
		}
	}
	v := &data.Verification{Certificate: c}
	who := fmt.Sprintf("cấp cho %s, sinh ngày %s, lớp %s (%s), ngày cấp %s, số vào sổ %s", c.Content.TraineeName, c.Content.BirthDate,
		c.Content.ClassCode, c.Content.Trade, c.Content.IssuedOn, c.Content.RegisterLabel())
	switch c.Status {
	case data.CertIssued:
		v.Verdict, v.Message = data.VerdictValid, fmt.Sprintf("Chứng chỉ %s hợp lệ: %s.", serial, who)
		if text == nil {
			v.Message += " (Kiểm tra theo số hiệu chỉ đối chiếu sổ; hãy quét mã QR để kiểm tra cả chữ ký.)"
		}
	case data.CertRevoked:
		v.Verdict, v.Message = data.VerdictRevoked, fmt.Sprintf("Chứng chỉ %s đã bị THU HỒI ngày %s, lý do: %s. Chứng chỉ đã %s.", serial, c.RevokedOn, c.Reason, who)
	case data.CertReplaced:
		v.Verdict, v.Message = data.VerdictReplaced, fmt.Sprintf("Chứng chỉ %s đã được CẤP LẠI bằng chứng chỉ %s ngày %s (lý do: %s) nên không còn hiệu lực; hãy kiểm tra chứng chỉ %s.", serial, c.ReplacedBy, c.RevokedOn, c.Reason, c.ReplacedBy)
	default:
		return nil, fmt.Errorf("certificate %s: status %q", serial, c.Status)
	}
	return v, nil
}

// certificateOf returns a certificate of the register issued to the person with a full name and
// birth date (dd/mm/yyyy), or nil. It looks among the certificates the folded search finds for
// the name.
func certificateOf(ctx context.Context, tx *tx, name, birth string) (*data.Certificate, error) {
	q := matchQuery(name)
	if q == "" {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+certificateColumns+` FROM certificates c
		WHERE c.id IN (SELECT rowid FROM certificate_search WHERE certificate_search MATCH ?) ORDER BY c.id`, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCertificate(rows)
		if err != nil {
			return nil, err
		}
		if c.Content.TraineeName == name && c.Content.BirthDate.String() == birth {
			return c, nil
		}
	}
	return nil, rows.Err()
}

// PublicKey returns the public half of the centre's signing key, making the key when the
// database has none yet.
func (db *DB) PublicKey(ctx context.Context) (_ ed25519.PublicKey, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	pub, err := publicKey(ctx, tx)
	tx.Rollback()
	if err != nil || pub != nil {
		return pub, err
	}
	wtx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer wtx.Rollback()
	key, err := signingKey(ctx, wtx)
	if err != nil {
		return nil, err
	}
	return key.Public().(ed25519.PublicKey), wtx.Commit()
}

// publicKey returns the public half of the stored signing key, nil when there is none yet.
func publicKey(ctx context.Context, tx *tx) (ed25519.PublicKey, error) {
	key, err := storedKey(ctx, tx)
	if err != nil || key == nil {
		return nil, err
	}
	return key.Public().(ed25519.PublicKey), nil
}

// storedKey returns the stored signing key, nil when there is none yet.
func storedKey(ctx context.Context, tx *tx) (ed25519.PrivateKey, error) {
	v, err := setting(ctx, tx, certificateKeyKey)
	if err != nil || v == "" {
		return nil, err
	}
	seed, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("sqlite: certificate key setting is damaged")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// signingKey returns the stored signing key, making and storing it, within the write
// transaction tx, when there is none yet.
func signingKey(ctx context.Context, tx *tx) (ed25519.PrivateKey, error) {
	key, err := storedKey(ctx, tx)
	if err != nil || key != nil {
		return key, err
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, err
	}
	key = ed25519.NewKeyFromSeed(seed)
	if err := setSetting(ctx, tx, certificateKeyKey, base64.StdEncoding.EncodeToString(seed)); err != nil {
		return nil, err
	}
	pub := key.Public().(ed25519.PublicKey)
	if err := audit(ctx, tx, "create", "certificate_key", 0, "khóa ký chứng chỉ, khóa công khai "+base64.RawURLEncoding.EncodeToString(pub)); err != nil {
		return nil, err
	}
	return key, nil
}

// CertificateSettings returns the numbering and printing settings; a new database has
// data.DefaultCertificateSettings.
func (db *DB) CertificateSettings(ctx context.Context) (_ data.CertificateSettings, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return data.CertificateSettings{}, err
	}
	defer tx.Rollback()
	return certificateSettings(ctx, tx)
}

// SaveCertificateSettings validates and stores the numbering and printing settings: the prefix
// and titles trimmed and in NFC. EINVALID.
func (db *DB) SaveCertificateSettings(ctx context.Context, s data.CertificateSettings) (err error) {
	defer translate(&err)
	s.SerialPrefix = vn.NFC(s.SerialPrefix)
	if err := s.Validate(); err != nil {
		return err
	}
	titles := make(map[data.ClassKind]string, len(s.Titles))
	for k, t := range s.Titles {
		if t = vn.NFC(t); t != "" {
			if utf8Len(t) > data.MaxShortLen {
				return data.Errorf(data.EINVALID, "Tên chứng chỉ của loại lớp \"%s\" dài %d ký tự; tối đa %d ký tự.", k.Label(), utf8Len(t), data.MaxShortLen)
			}
			titles[k] = t
		}
	}
	s.Titles = titles
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return db.saveSetting(ctx, certificateSettingsKey, string(b), "certificate_settings")
}

// certificateSettings returns the stored certificate settings, or the default ones.
func certificateSettings(ctx context.Context, tx *tx) (data.CertificateSettings, error) {
	v, err := setting(ctx, tx, certificateSettingsKey)
	if err != nil || v == "" {
		return data.DefaultCertificateSettings(), err
	}
	var s data.CertificateSettings
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return s, fmt.Errorf("sqlite: certificate settings: %w", err)
	}
	return s, nil
}

// organisation returns the stored organisation, or the default one, within tx.
func organisation(ctx context.Context, tx *tx) (data.Organisation, error) {
	v, err := setting(ctx, tx, organisationKey)
	if err != nil || v == "" {
		return data.DefaultOrganisation(), err
	}
	var o data.Organisation
	if err := json.Unmarshal([]byte(v), &o); err != nil {
		return o, fmt.Errorf("sqlite: organisation setting: %w", err)
	}
	return o, nil
}

// certificateColumns are the columns scanCertificate reads, from certificates c.
const certificateColumns = `c.id, c.enrollment_id, c.class_id, c.trainee_id, c.content, c.hash, c.status, c.revoked_on, c.reason,
	COALESCE((SELECT r.serial FROM certificates r WHERE r.id = c.replaced_by), ''), c.received_on, c.version`

// scanCertificate reads one row of certificateColumns.
func scanCertificate(s scanner) (*data.Certificate, error) {
	var c data.Certificate
	var content, revoked, received string
	if err := s.Scan(&c.ID, &c.EnrollmentID, &c.ClassID, &c.TraineeID, &content, &c.Hash, &c.Status, &revoked, &c.Reason,
		&c.ReplacedBy, &received, &c.Version); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(content), &c.Content); err != nil {
		return nil, fmt.Errorf("certificate %d content: %w", c.ID, err)
	}
	var err error
	if c.RevokedOn, err = vn.ParseISODate(revoked); err != nil {
		return nil, err
	}
	c.ReceivedOn, err = vn.ParseISODate(received)
	return &c, err
}

// findCertificate returns the certificate the condition over certificates c selects. ENOTFOUND.
func findCertificate(ctx context.Context, tx *tx, where string, arg any) (*data.Certificate, error) {
	c, err := scanCertificate(tx.QueryRowContext(ctx, `SELECT `+certificateColumns+` FROM certificates c WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy chứng chỉ %v trong sổ cấp chứng chỉ. Hãy kiểm tra lại số hiệu hoặc tải lại danh sách.", arg)
	}
	return c, err
}

// checkCertificateVersion returns the stored certificate id: ENOTFOUND when it does not exist and
// ECONFLICT when its version is not the one the clerk read.
func checkCertificateVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Certificate, error) {
	c, err := findCertificate(ctx, tx, `c.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if c.Version != version {
		return nil, data.Errorf(data.ECONFLICT, "Chứng chỉ %s vừa được người khác sửa (phiên bản %d, bạn đang sửa phiên bản %d). Hãy tải lại rồi làm tiếp.", c.Content.Serial, c.Version, version)
	}
	return c, nil
}

// saveCertificate audits a change of certificate id, commits, and returns the saved certificate.
func saveCertificate(ctx context.Context, tx *tx, id int64, action, detail string) (*data.Certificate, error) {
	c, err := findCertificate(ctx, tx, `c.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, action, "certificate", id, detail); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return c, nil
}
