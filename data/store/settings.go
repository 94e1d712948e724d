package store

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
func (db *DB) Organisation(ctx context.Context) (_ data.Organisation, err error) {
	defer translate(&err)
	return inRead(ctx, db, organisation)
}

// SaveOrganisation validates and stores the centre's details. EINVALID.
func (db *DB) SaveOrganisation(ctx context.Context, o data.Organisation) (err error) {
	defer translate(&err)
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return saveSetting(ctx, db, data.RightSettings, organisationKey, o, "organisation")
}

// Setting returns the value of a small application setting, "" when it was never set.
func (db *DB) Setting(ctx context.Context, key string) (_ string, err error) {
	defer translate(&err)
	if strings.HasPrefix(key, storePrefix) { // the store's own, the certificate signing key among them
		return "", data.Errorf(data.EINVALID, "Thiết lập %q là của chương trình, không đọc trực tiếp được.", key)
	}
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (string, error) { return setting(ctx, tx, key) })
}

// SetSetting stores the value of a small application setting. EINVALID for an empty key or
// one of the store's own.
func (db *DB) SetSetting(ctx context.Context, key, value string) (err error) {
	defer translate(&err)
	if strings.TrimSpace(key) == "" || strings.HasPrefix(key, storePrefix) {
		return data.Errorf(data.EINVALID, "Tên thiết lập %q không dùng được: tên không được trống và không được bắt đầu bằng %q.", key, storePrefix)
	}
	return db.writeSetting(ctx, data.RightSettings, key, value, "setting")
}

// writeSetting stores a setting in its own transaction, with an audit row naming the entity;
// settings are shared by everyone, so most need RightSettings (an import's remembered mapping
// needs the right of what it imports).
func (db *DB) writeSetting(ctx context.Context, right data.Right, key, value, entity string) error {
	tx, err := db.write(ctx, right)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	old, err := setting(ctx, tx, key)
	if err != nil {
		return err
	}
	if err := setSetting(ctx, tx, key, value); err != nil {
		return err
	}
	if err := auditChanges(ctx, tx, "update", entity, 0, key, settingChanges(old, value)); err != nil {
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

// organisation returns the stored organisation, or the default one, within tx.
func organisation(ctx context.Context, tx *tx) (data.Organisation, error) {
	return loadSetting(ctx, tx, organisationKey, data.DefaultOrganisation())
}

// loadSetting returns the setting key decoded from its JSON, def when it was never set. The
// settings the store keeps as JSON go through it and saveSetting.
func loadSetting[T any](ctx context.Context, tx *tx, key string, def T) (T, error) {
	v, err := setting(ctx, tx, key)
	if err != nil || v == "" {
		return def, err
	}
	var t T
	if err := json.Unmarshal([]byte(v), &t); err != nil {
		return t, fmt.Errorf("sqlite: setting %s: %w", key, err)
	}
	return t, nil
}

// saveSetting stores v as JSON under key in its own transaction, with the right it needs and an
// audit row naming entity.
func saveSetting[T any](ctx context.Context, db *DB, right data.Right, key string, v T, entity string) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return db.writeSetting(ctx, right, key, string(b), entity)
}

// inRead returns what load reads within a read transaction of db.
func inRead[T any](ctx context.Context, db *DB, load func(context.Context, *tx) (T, error)) (T, error) {
	tx, err := db.begin(ctx, false)
	if err != nil {
		var zero T
		return zero, err
	}
	defer tx.Rollback()
	return load(ctx, tx)
}
