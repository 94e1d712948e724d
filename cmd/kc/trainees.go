package main

import (
	"context"
	"io"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/reports/docs"
)

// trainees runs `kc trainees export`.
func (m *Main) trainees(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		return data.Errorf(data.EINVALID, "Lệnh trainees cần việc cần làm: kc trainees export -o TỆP.pdf (hoặc TỆP.xlsx).")
	}
	return m.exportTrainees(ctx, args[1:])
}

// exportTrainees writes the trainees the flags select, by name, as a PDF list or an Excel
// workbook by the file's extension, as the window's Học viên screen prints them.
func (m *Main) exportTrainees(ctx context.Context, args []string) error {
	fs := m.flags("trainees export")
	search := fs.String("search", "", "tìm theo họ tên, CCCD, điện thoại hoặc ngày sinh (không dấu cũng được)")
	ward := fs.String("ward", "", "mã phường/xã nơi cư trú")
	out := fs.String("o", "", "tệp cần ghi: .pdf hoặc .xlsx")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	f := data.TraineeFilter{Search: *search}
	if *ward != "" {
		f.WardCode = ward
	}
	return m.document(*out, docs.KindTraineeList, "kc trainees export -o TỆP.pdf (hoặc TỆP.xlsx)",
		func(_ *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
			return func(w io.Writer) error { return b.TraineeList(ctx, f, format, w) }, nil
		})
}
