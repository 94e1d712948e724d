package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"

	"khuyencong/assets"
	"khuyencong/data"
	"khuyencong/data/vn"
)

// Levels of the divisions table.
const (
	levelWard     = "ward"
	levelDistrict = "district"
)

// catalogues are the catalogue files Open loads, with the level of their units.
var catalogues = []struct{ file, level string }{
	{assets.WardsFile, levelWard},
	{assets.DistrictsFile, levelDistrict},
}

// catalogueHashKey is the setting that holds the hash of the catalogues last loaded.
const catalogueHashKey = "store.catalogue_sha256"

// Wards returns the wards and communes in code order.
func (db *DB) Wards(ctx context.Context) (_ []data.Division, err error) {
	defer translate(&err)
	return db.divisions(ctx, levelWard)
}

// Districts returns the districts before 07/2025 in code order.
func (db *DB) Districts(ctx context.Context) (_ []data.Division, err error) {
	defer translate(&err)
	return db.divisions(ctx, levelDistrict)
}

// divisions returns the units of one level in code order.
func (db *DB) divisions(ctx context.Context, level string) ([]data.Division, error) {
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT code, kind, name FROM divisions WHERE level = ? ORDER BY code`, level)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.Division
	for rows.Next() {
		var d data.Division
		if err := rows.Scan(&d.Code, &d.Kind, &d.Name); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// loadCatalogue upserts the catalogues shipped in assets when they differ from those last loaded,
// all in one transaction. Units that left the catalogue stay, since old records may point to them.
func (db *DB) loadCatalogue(ctx context.Context) error {
	h := sha256.New()
	files := make([][]byte, len(catalogues))
	for i, c := range catalogues {
		b, err := fs.ReadFile(assets.Catalogue, c.file)
		if err != nil {
			return fmt.Errorf("sqlite: catalogue: %w", err)
		}
		files[i] = b
		fmt.Fprintf(h, "%s %s %d\n", c.file, c.level, len(b))
		h.Write(b)
	}
	sum := hex.EncodeToString(h.Sum(nil))

	tx, err := db.begin(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if stored, err := setting(ctx, tx, catalogueHashKey); err != nil {
		return err
	} else if stored == sum {
		return tx.Commit()
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO divisions (code, level, kind, name, name_key) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET level = excluded.level, kind = excluded.kind, name = excluded.name, name_key = excluded.name_key`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	n := 0
	for i, c := range catalogues {
		ds, err := data.ParseDivisions(bytes.NewReader(files[i]))
		if err != nil {
			return fmt.Errorf("sqlite: catalogue %s: %w", c.file, err)
		}
		for _, d := range ds {
			if _, err := stmt.ExecContext(ctx, d.Code, c.level, d.Kind, d.Name, vn.SortKey(d.Name)); err != nil {
				return err
			}
		}
		n += len(ds)
	}
	// A renamed ward moves its enterprises in a sort by ward.
	if _, err := tx.ExecContext(ctx, `UPDATE enterprises SET ward_key = COALESCE((SELECT name_key FROM divisions WHERE code = ward_code), ?)`, []byte{}); err != nil {
		return err
	}
	if err := setSetting(ctx, tx, catalogueHashKey, sum); err != nil {
		return err
	}
	if err := audit(ctx, tx, "load", "divisions", 0, fmt.Sprintf("%d đơn vị hành chính", n)); err != nil {
		return err
	}
	return tx.Commit()
}

// division is a catalogue unit as a write checks and indexes it.
type division struct {
	level, label string
	key          []byte // the name's sort key
}

// loadDivisions returns every unit by code.
func loadDivisions(ctx context.Context, tx *tx) (map[string]division, error) {
	rows, err := tx.QueryContext(ctx, `SELECT code, level, kind, name, name_key FROM divisions`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]division{}
	for rows.Next() {
		var code, level string
		var d data.Division
		var key []byte
		if err := rows.Scan(&code, &level, &d.Kind, &d.Name, &key); err != nil {
			return nil, err
		}
		m[code] = division{level: level, label: d.Label(), key: key}
	}
	return m, rows.Err()
}
