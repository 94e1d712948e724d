package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Compile-time check that DB implements the certificate service.
var _ data.CertificateService = (*DB)(nil)

// certificateSettingsKey holds the data.CertificateSettings as JSON, a setting of the store's own
// (SetSetting refuses it).
const certificateSettingsKey = storePrefix + "certificate_settings"

// CertificateSettings returns the numbering and printing settings; a new database has
// data.DefaultCertificateSettings.
func (db *DB) CertificateSettings(ctx context.Context) (_ data.CertificateSettings, err error) {
	defer translate(&err)
	return inRead(ctx, db, certificateSettings)
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
	return saveSetting(ctx, db, data.RightSettings, certificateSettingsKey, s, "certificate_settings")
}

// certificateSettings returns the stored certificate settings, or the default ones.
func certificateSettings(ctx context.Context, tx *tx) (data.CertificateSettings, error) {
	return loadSetting(ctx, tx, certificateSettingsKey, data.DefaultCertificateSettings())
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

// changeCertificate begins a write transaction needing right (a trainer's class records: of
// their own classes) and returns it with the stored certificate id, checked by
// checkCertificateVersion; the caller rolls the transaction back when done.
func (db *DB) changeCertificate(ctx context.Context, right data.Right, id int64, version int) (*tx, *data.Certificate, error) {
	tx, err := db.write(ctx, right)
	if err != nil {
		return nil, nil, err
	}
	c, err := checkCertificateVersion(ctx, tx, id, version)
	if err == nil && right == data.RightClassRecords {
		err = classScope(ctx, tx, c.ClassID)
	}
	if err != nil {
		tx.Rollback()
		return nil, nil, err
	}
	return tx, c, nil
}

// checkCertificateVersion returns the stored certificate id: ENOTFOUND when it does not exist and
// ECONFLICT when its version is not the one the clerk read.
func checkCertificateVersion(ctx context.Context, tx *tx, id int64, version int) (*data.Certificate, error) {
	tx.before(ctx, "certificate", id)
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
