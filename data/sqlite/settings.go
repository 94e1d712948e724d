package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"khuyencong/data"
)

// Settings whose keys start with storePrefix belong to the store; SetSetting refuses them.
const (
	storePrefix     = "store."
	organisationKey = storePrefix + "organisation"
)

// Organisation returns the centre's details; a new database has data.DefaultOrganisation.
func (db *DB) Organisation(ctx context.Context) (data.Organisation, error) {
	v, err := db.readSetting(ctx, organisationKey)
	if err != nil || v == "" {
		return data.DefaultOrganisation(), err
	}
	var o data.Organisation
	if err := json.Unmarshal([]byte(v), &o); err != nil {
		return data.Organisation{}, fmt.Errorf("sqlite: organisation setting: %w", err)
	}
	return o, nil
}

// SaveOrganisation validates and stores the centre's details. EINVALID.
func (db *DB) SaveOrganisation(ctx context.Context, o data.Organisation) (err error) {
	defer translate(&err)
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	b, err := json.Marshal(o)
	if err != nil {
		return err
	}
	return db.saveSetting(ctx, organisationKey, string(b), "organisation")
}

// Setting returns the value of a small application setting, "" when it was never set.
func (db *DB) Setting(ctx context.Context, key string) (_ string, err error) {
	defer translate(&err)
	if strings.HasPrefix(key, storePrefix) { // the store's own, the certificate signing key among them
		return "", data.Errorf(data.EINVALID, "Thiết lập %q là của chương trình, không đọc trực tiếp được.", key)
	}
	return db.readSetting(ctx, key)
}

// readSetting returns a setting's value, "" when it was never set.
func (db *DB) readSetting(ctx context.Context, key string) (_ string, err error) {
	defer translate(&err)
	tx, err := db.begin(ctx, false)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	return setting(ctx, tx, key)
}

// SetSetting stores the value of a small application setting. EINVALID for an empty key or
// one of the store's own.
func (db *DB) SetSetting(ctx context.Context, key, value string) (err error) {
	defer translate(&err)
	if strings.TrimSpace(key) == "" || strings.HasPrefix(key, storePrefix) {
		return data.Errorf(data.EINVALID, "Tên thiết lập %q không dùng được: tên không được trống và không được bắt đầu bằng %q.", key, storePrefix)
	}
	return db.saveSetting(ctx, key, value, "setting")
}

// saveSetting stores a setting in its own transaction, with an audit row naming the entity.
func (db *DB) saveSetting(ctx context.Context, key, value, entity string) error {
	tx, err := db.begin(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setSetting(ctx, tx, key, value); err != nil {
		return err
	}
	if err := audit(ctx, tx, "update", entity, 0, key); err != nil {
		return err
	}
	return tx.Commit()
}

// setting returns the value of a setting, "" when it was never set.
func setting(ctx context.Context, tx *tx, key string) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// setSetting stores the value of a setting.
func setSetting(ctx context.Context, tx *tx, key, value string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
