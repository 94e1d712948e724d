// Package docs builds each document the desk prints, once, for both the window and kc: a
// Builder reads what a document needs from the services in data, dates it by the store's clock
// and hands the values to reports, which writes the file. The same call with the same data and
// clock gives the same bytes, whoever makes it.
//
// It imports no SQL and no Fyne. A caller makes one Builder from its services and the store's
// clock, then calls the method of the document:
//
//	b := docs.Builder{Settings: db, Classes: db, Attendance: db, Certificates: db, Fairs: db,
//		Enterprises: db, Trainees: db, Divisions: db, Now: db.Now}
//	err := b.ClassRoster(ctx, classID, w)
//
// Each method says which services it reads; the others may be left nil.
package docs

import (
	"io"
	"path/filepath"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Builder builds the documents from the services. A service may be left nil when no document
// that reads it is asked for.
type Builder struct {
	// Settings gives the centre's details that head every document.
	Settings data.SettingsService
	// Classes names the class a register is restricted to.
	Classes data.ClassService
	// Attendance gives a class's roster, sessions and marks: the roster, attendance and results sheets.
	Attendance data.AttendanceService
	// Certificates gives the certificates, the register, the paper setting and the public key.
	Certificates data.CertificateService
	// Fairs gives a fair and its bookings.
	Fairs data.FairService
	// Enterprises gives the rows of the enterprise list and names the trainees' workplaces.
	Enterprises data.EnterpriseService
	// Trainees gives the rows of the trainee list.
	Trainees data.TraineeService
	// Divisions names the wards and legacy districts of the enterprise and trainee lists.
	Divisions data.DivisionService
	// Programmes gives a đề án's sheet and progress.
	Programmes data.ProgrammeService
	// Villages gives the support histories of enterprises and craft villages.
	Villages data.VillageService
	// Reports gives the figures of the managers' reports.
	Reports data.ReportService
	// Now is the store's clock (db.Now): documents are dated by it, never by time.Now, so that a
	// test or a second program pinning the store's clock gets the same document. Required.
	Now func() time.Time
}

// today is the date printed on a document.
func (b Builder) today() vn.Date {
	if b.Now == nil {
		panic("docs: Builder.Now is not set; give it the store's clock (db.Now)")
	}
	return vn.DateOf(b.Now())
}

// Format is a document's file format, written as its file extension.
type Format string

// The formats documents are written in.
const (
	PDF  Format = ".pdf"
	XLSX Format = ".xlsx"
)

// Kind names a document. Its value is the name the save dialog proposes for its file, before the
// code of what it is about and the extension.
type Kind string

// The documents the desk prints.
const (
	KindClassRoster         Kind = "danh-sach-hoc-vien"
	KindAttendanceSheet     Kind = "bang-diem-danh"
	KindClassResults        Kind = "bang-ket-qua"
	KindCertificates        Kind = "chung-chi"
	KindRegister            Kind = "so-cap-chung-chi"
	KindFairParticipants    Kind = "danh-sach-tham-gia"
	KindFairSettlement      Kind = "tong-hop-kinh-phi-ho-tro"
	KindBookingConfirmation Kind = "thu-xac-nhan"
	KindEnterpriseList      Kind = "doanh-nghiep"
	KindTraineeList         Kind = "hoc-vien"
	KindProgrammeSheet      Kind = "de-an"
	KindProgrammeProgress   Kind = "tien-do-de-an"
	KindEnterpriseHistory   Kind = "ho-tro-doanh-nghiep"
	KindVillageHistory      Kind = "ho-tro-lang-nghe"
	KindReport              Kind = "bao-cao" // the managers' reports (Builder.Report)
)

// Label is the document's name in a sentence, e.g. "danh sách học viên".
func (k Kind) Label() string {
	switch k {
	case KindClassRoster:
		return "danh sách học viên"
	case KindAttendanceSheet:
		return "bảng điểm danh"
	case KindClassResults:
		return "bảng kết quả học tập"
	case KindCertificates:
		return "chứng chỉ"
	case KindRegister:
		return "sổ cấp chứng chỉ"
	case KindFairParticipants:
		return "danh sách doanh nghiệp tham gia"
	case KindFairSettlement:
		return "bảng tổng hợp kinh phí hỗ trợ"
	case KindBookingConfirmation:
		return "thư xác nhận tham gia"
	case KindEnterpriseList:
		return "danh sách doanh nghiệp"
	case KindTraineeList:
		return "danh sách học viên của trung tâm"
	case KindProgrammeSheet:
		return "thông tin đề án"
	case KindProgrammeProgress:
		return "báo cáo tiến độ đề án"
	case KindEnterpriseHistory:
		return "quá trình hỗ trợ doanh nghiệp"
	case KindVillageHistory:
		return "quá trình hỗ trợ làng nghề"
	case KindReport:
		return "báo cáo"
	}
	return string(k)
}

// Formats lists the formats the document is written in, PDF first.
func (k Kind) Formats() []Format {
	switch k {
	case KindRegister, KindFairParticipants, KindFairSettlement, KindEnterpriseList, KindTraineeList,
		KindProgrammeSheet, KindProgrammeProgress, KindEnterpriseHistory, KindVillageHistory, KindReport:
		return []Format{PDF, XLSX}
	}
	return []Format{PDF}
}

// FileName proposes a file name for the document: "danh-sach-hoc-vien-LH-2026-001.pdf". code is
// what the document is about (a class's or fair's code, a year); "" leaves it out. A slash in it,
// as in a đề án's code "ĐA-01/2026", becomes a dash.
func (k Kind) FileName(code string, f Format) string {
	if code = strings.NewReplacer("/", "-", `\`, "-").Replace(strings.TrimSpace(code)); code != "" {
		return string(k) + "-" + code + string(f)
	}
	return string(k) + string(f)
}

// FormatOf returns the format a file named path is written in, from its extension (in any
// case). EINVALID when the extension is not one of the document's formats, saying what to type.
func (k Kind) FormatOf(path string) (Format, error) {
	ext := Format(strings.ToLower(filepath.Ext(path)))
	formats := k.Formats()
	for _, f := range formats {
		if ext == f {
			return f, nil
		}
	}
	like := strings.TrimSuffix(path, filepath.Ext(path)) // the name to suggest, with the right extension
	if len(formats) == 1 {
		return "", data.Errorf(data.EINVALID, "Tên tệp %s không hợp: %s ghi ra PDF, nên tên tệp phải có đuôi .pdf, ví dụ %s.",
			path, k.Label(), like+string(PDF))
	}
	return "", data.Errorf(data.EINVALID, "Tên tệp %s không hợp: %s ghi ra PDF hoặc Excel, nên tên tệp phải có đuôi .pdf hoặc .xlsx, ví dụ %s hoặc %s.",
		path, k.Label(), like+string(PDF), like+string(XLSX))
}

// pick returns the writer of format f among a document's PDF and Excel writers.
func pick[D any](k Kind, f Format, pdf, xlsx func(io.Writer, D) error) (func(io.Writer, D) error, error) {
	if err := checkFormat(k, f); err != nil {
		return nil, err
	}
	if f == PDF {
		return pdf, nil
	}
	return xlsx, nil
}

// checkFormat refuses a format other than PDF and Excel for a document of kind k. EINVALID.
func checkFormat(k Kind, f Format) error {
	if f != PDF && f != XLSX {
		return data.Errorf(data.EINVALID, "Không ghi được %s dạng %q; chỉ PDF hoặc Excel (.xlsx).", k.Label(), string(f))
	}
	return nil
}
