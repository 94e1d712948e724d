package store

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
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
// "đã được cấp"), a trainee's name or the class code cannot go into the QR text, no signing
// passphrase was ever set. EFORBIDDEN when ctx carries no signing passphrase or a wrong one.
// ENOTFOUND for the class. Nothing is written when it fails.
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
	tx, err := db.write(ctx, data.RightSign)
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
	s, err := unseal(ctx, tx)
	if err != nil {
		return nil, err
	}
	w, err := newCertificateWriter(ctx, tx, s)
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

// certificateWriter writes certificates within one transaction, its statements prepared once,
// signing each register row and chaining it to the one before.
type certificateWriter struct {
	tx        *tx
	signer    *signer
	last      map[int]string // by year, the hash of the register's last row
	insertRow *sql.Stmt
	index     *sql.Stmt
}

// newCertificateWriter prepares a writer for tx signing with s; close it when done.
func newCertificateWriter(ctx context.Context, tx *tx, s *signer) (*certificateWriter, error) {
	w := &certificateWriter{tx: tx, signer: s, last: map[int]string{}}
	var err error
	if w.insertRow, err = tx.PrepareContext(ctx, `INSERT INTO certificates (enrollment_id, class_id, trainee_id, serial,
		register_year, register_no, issued_on, content, hash, status, replaces, version, created_at, updated_at,
		prev_hash, signature, key_id, status_signature, status_key_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'da_cap', NULLIF(?, 0), 1, ?, ?, ?, ?, ?, ?, ?) RETURNING id`); err != nil {
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

// nextNumber returns the register number that follows the highest of a year, and keeps the
// hash of that highest row for the next row's link.
func (w *certificateWriter) nextNumber(ctx context.Context, year int) (int, error) {
	var last int
	if err := w.tx.QueryRowContext(ctx, `SELECT COALESCE(max(register_no), 0) FROM certificates WHERE register_year = ?`, year).Scan(&last); err != nil {
		return 0, err
	}
	h, err := lastHash(ctx, w.tx, year)
	w.last[year] = h
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
	content.VerifyText = data.SignCertificate(content, w.signer.key)
	b, err := json.Marshal(content)
	if err != nil {
		return nil, err
	}
	hash := contentHash(string(b))
	seal := rowSeal{year: content.RegisterYear, no: content.RegisterNo, serial: content.Serial, contentHash: hash, prevHash: w.last[content.RegisterYear]}
	seal.sign(w.signer)
	id, err := scanID(w.insertRow.QueryRowContext(ctx, enrollmentID, classID, traineeID, content.Serial, content.RegisterYear, content.RegisterNo,
		content.IssuedOn.ISO(), string(b), hash, replaces, w.tx.at(), w.tx.at(), seal.prevHash, seal.signature, seal.keyID,
		base64.RawURLEncoding.EncodeToString(ed25519.Sign(w.signer.key, statusText(content.Serial, string(data.CertIssued), "", "", ""))), w.signer.id))
	if err != nil {
		return nil, err
	}
	w.last[content.RegisterYear] = seal.hash()
	if _, err := w.index.ExecContext(ctx, id, certificateSearchText(content)); err != nil {
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

// certificateSearchText returns what the search index holds for a certificate of content: its
// serial, trainee's name, class code and name, folded.
func certificateSearchText(content data.CertificateContent) string {
	return indexText(content.Serial, content.TraineeName, content.ClassCode, content.ClassName)
}
