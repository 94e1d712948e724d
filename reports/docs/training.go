package docs

import (
	"context"
	"io"

	"khuyencong/reports"
)

// ClassRoster writes the class's roster (danh sách học viên) as PDF. Reads Settings and Attendance.
// ENOTFOUND for an unknown class.
func (b Builder) ClassRoster(ctx context.Context, classID int64, w io.Writer) error {
	return b.classList(ctx, classID, w, reports.WriteClassRosterPDF)
}

// AttendanceSheet writes the class's attendance sheet (bảng điểm danh) as PDF. Reads Settings and
// Attendance. ENOTFOUND for an unknown class.
func (b Builder) AttendanceSheet(ctx context.Context, classID int64, w io.Writer) error {
	return b.classList(ctx, classID, w, reports.WriteAttendanceSheetPDF)
}

// ClassResults writes the class's results sheet (bảng kết quả học tập) as PDF. Reads Settings
// and Attendance. ENOTFOUND for an unknown class.
func (b Builder) ClassResults(ctx context.Context, classID int64, w io.Writer) error {
	return b.classList(ctx, classID, w, reports.WriteClassResultsPDF)
}

// classList writes one of a class's printed lists, all made from its attendance grid.
func (b Builder) classList(ctx context.Context, classID int64, w io.Writer, write func(io.Writer, reports.ClassDoc) error) error {
	grid, err := b.Attendance.AttendanceGrid(ctx, classID)
	if err != nil {
		return err
	}
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	return write(w, reports.ClassDoc{Org: org, Date: b.today(), Grid: grid})
}
