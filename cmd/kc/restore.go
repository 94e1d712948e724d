package main

import (
	"context"
	"fmt"
	"time"

	"khuyencong/data"
	"khuyencong/data/sqlite"
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
	if err := m.resolveDB(); err != nil {
		return err
	}
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	aside, err := sqlite.Restore(rest[0], m.DBPath, now())
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
