package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"khuyencong/data"
	"khuyencong/data/store"
)

// db runs `kc db copy`: moving an office from a file to a server, or back.
func (m *Main) db(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "copy" {
		return data.Errorf(data.EINVALID, "Lệnh db cần việc cần làm: kc db copy --from NGUỒN --to ĐÍCH.")
	}
	fs := m.flags("db copy")
	from := fs.String("from", "", "cơ sở dữ liệu nguồn: tệp .db hoặc postgres://… (thiếu thì lấy -db, hoặc cơ sở dữ liệu của cửa sổ chương trình)")
	to := fs.String("to", "", "cơ sở dữ liệu đích: tệp .db chưa có, hoặc postgres://… trống")
	if _, err := m.parse(fs, args[1:], 0); err != nil {
		return err
	}
	if *to == "" {
		return data.Errorf(data.EINVALID, "Hãy cho biết chép sang đâu: --to TỆP_MỚI.db hoặc --to postgres://tên-đăng-nhập:mật-khẩu@máy-chủ/tên-cơ-sở-dữ-liệu.")
	}
	if *from != "" {
		m.DBPath = *from
	}
	src, err := m.open()
	if err != nil {
		return err
	}
	defer src.Close()
	if err := m.need(data.RightSettings, "chép toàn bộ cơ sở dữ liệu sang nơi khác"); err != nil {
		return err
	}
	tables, err := src.CopyTo(ctx, *to)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(m.Stdout, 0, 8, 2, ' ', tabwriter.AlignRight)
	var rows int64
	for _, t := range tables {
		fmt.Fprintf(w, "%s\t%d\t\n", t.Name, t.Rows)
		rows += t.Rows
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Đã chép %d dòng của %d bảng từ %s sang %s. Số dòng từng bảng và sổ cấp chứng chỉ (số vào sổ, số hiệu, mã băm, chữ ký) đã được kiểm tra: giống hệt bản gốc.\n",
		rows, len(tables), src.Path(), store.ServerAddress(*to))
	return nil
}
