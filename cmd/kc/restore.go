package main

import (
	"context"
	"fmt"
	"time"

	"khuyencong/cmd/internal/config"
	"khuyencong/data"
	"khuyencong/data/store"
)

// restore puts a backup in place of the database, after checking it, keeping the file that was
// there aside under a new name, then opens the result (upgrading an older backup's schema) to show
// it works.
func (m *Main) restore(ctx context.Context, args []string) error {
	fs := m.flags("restore")
	rest, err := m.parse(fs, args, 1)
	if err != nil {
		return err
	}
	if err := m.mayRestore(); err != nil {
		return err
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	aside, err := store.Restore(rest[0], m.DBPath, now())
	if err != nil {
		return err
	}
	if aside != "" {
		fmt.Fprintf(m.Stdout, "Tệp cơ sở dữ liệu cũ được giữ lại là %s\n", aside)
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.CountEnterprises(ctx, data.EnterpriseFilter{})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Đã khôi phục %s từ bản sao lưu %s (%d doanh nghiệp)\n", m.DBPath, rest[0], n)
	return nil
}

// mayRestore refuses a restore by a user who may not: when the database in place opens, they
// sign in to it and need RightSettings. A file that does not open or read (damaged or missing,
// which is what a restore is for) has nobody to ask, and is kept aside by the restore anyway.
func (m *Main) mayRestore() error {
	if err := m.resolveDB(); err != nil {
		return err
	}
	if err := m.askPassword(); err != nil { // first: only the database's own failures let the restore go on
		return err
	}
	db, err := store.OpenWith(m.DBPath, store.Options{BackupDir: config.AutoBackupDir(m.DBPath)})
	if err != nil {
		return nil
	}
	defer db.Close()
	if err := m.signIn(db); err != nil {
		if data.ErrorCode(err) == data.EINTERNAL {
			return nil
		}
		return err
	}
	return m.need(data.RightSettings, "khôi phục cơ sở dữ liệu từ bản sao lưu")
}
