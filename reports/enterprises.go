package reports

import (
	"io"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// DefaultEnterpriseListTitle heads a list of enterprises when its document names no title.
const DefaultEnterpriseListTitle = "DANH SÁCH DOANH NGHIỆP, CƠ SỞ CÔNG NGHIỆP NÔNG THÔN"

// EnterpriseListDoc is a list of enterprises as the centre prints or exports it.
type EnterpriseListDoc struct {
	// Org heads the document.
	Org data.Organisation
	// Date is the document's date; it is also the file's creation date.
	Date vn.Date
	// Title is printed in capitals under the header; DefaultEnterpriseListTitle when empty.
	Title string
	// Filter says what was selected, e.g. "Ngành nghề: Gốm sứ"; printed under the title if set.
	Filter string
	// Rows are the enterprises, in the order printed.
	Rows []*data.Enterprise
	// Wards maps a division code to its unit, for the wards and communes of the rows and, to
	// print them by name, their legacy districts. A code not in the map is printed as it is.
	Wards map[string]data.Division
}

func (d EnterpriseListDoc) title() string {
	if d.Title == "" {
		return DefaultEnterpriseListTitle
	}
	return d.Title
}

// division returns the label of the unit with the given code, or the code itself.
func (d EnterpriseListDoc) division(code string) string {
	if div, ok := d.Wards[code]; ok {
		return div.Label()
	}
	return code
}

// place returns where e is: its ward or, for an older record that knows only its district, the
// district marked as before 07/2025.
func (d EnterpriseListDoc) place(e *data.Enterprise) string {
	if e.WardCode == "" && e.DistrictCode != "" {
		return d.division(e.DistrictCode) + " (cũ)"
	}
	return d.division(e.WardCode)
}

// pdfColumns are the columns of the PDF; they fit the printable width of A4 landscape (252 mm).
func (d EnterpriseListDoc) pdfColumns() []column[*data.Enterprise] {
	return []column[*data.Enterprise]{
		sttColumn[*data.Enterprise](10),
		{Title: "Tên doanh nghiệp/cơ sở", Width: 50, Align: "L", Cell: func(e *data.Enterprise) string { return e.Name }},
		{Title: "Loại hình", Width: 27, Align: "L", Cell: func(e *data.Enterprise) string { return e.Kind.Label() }},
		{Title: "Mã số thuế", Width: 27, Align: "C", Cell: func(e *data.Enterprise) string { return e.TaxCode }},
		{Title: "Người đại diện", Width: 31, Align: "L", Cell: func(e *data.Enterprise) string { return e.Representative.Full() }},
		{Title: "Điện thoại", Width: 27, Align: "C", Cell: func(e *data.Enterprise) string { return vn.FormatPhone(e.Phone) }},
		{Title: "Phường/xã", Width: 33, Align: "L", Cell: d.place},
		{Title: "Ngành nghề", Width: 33, Align: "L", Cell: func(e *data.Enterprise) string { return e.Trade }},
		{Title: "Lao động", Width: 14, Align: "R", Cell: func(e *data.Enterprise) string { return vn.FormatInt(int64(e.Workers)) }},
	}
}

// WriteEnterpriseListPDF writes the list as an A4 landscape PDF: the official header, the
// title, a table of the enterprises whose header repeats on every page, the total, and page
// numbers.
func WriteEnterpriseListPDF(w io.Writer, d EnterpriseListDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	p := opening{org: d.Org, date: d.Date, landscape: true, meta: d.title(), numbered: true, title: d.title()}.start()
	if d.Filter != "" {
		p.add(para(d.Filter, italic, 13, "C"))
	}
	p.add(gap(4), tableOf(defaultTable, d.pdfColumns(), d.Rows),
		gap(3), para("Tổng số: "+vn.FormatInt(int64(len(d.Rows)))+" doanh nghiệp", bold, 13, "L"))
	return p.write(w)
}

// enterpriseXLSXColumns are every field of an enterprise, as the export gives them.
var enterpriseXLSXColumns = []xlsxColumn{
	{title: "STT", kind: xlsxNumber},
	{title: "Tên doanh nghiệp/cơ sở"},
	{title: "Loại hình"},
	{title: "Mã số thuế", kind: xlsxDigits},
	{title: "Người đại diện"},
	{title: "Điện thoại", kind: xlsxDigits},
	{title: "E-mail"},
	{title: "Địa chỉ"},
	{title: "Phường/xã"},
	{title: "Quận/huyện (trước 07/2025)"},
	{title: "Ngành nghề"},
	{title: "Làng nghề"},
	{title: "Lao động", kind: xlsxNumber},
	{title: "Sản phẩm"},
	{title: "Ghi chú"},
	{title: "Trạng thái"},
}

// WriteEnterpriseListXLSX writes the list as an Excel workbook: a header block (the centre,
// title, date and selection), then one row per enterprise with every field, under a bold header
// row that stays in view and carries filters. Tax codes and phones are text, so their leading
// zeros stay; numbers are numbers.
func WriteEnterpriseListXLSX(w io.Writer, d EnterpriseListDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	head := []string{d.Org.ParentAuthority, d.Org.Name, d.title(), vn.NFC(d.Org.City) + ", " + d.Date.Long(), d.Filter}
	return writeXLSX(w, d.Date, head, enterpriseXLSXColumns, len(d.Rows), func(r, c int) any {
		e := d.Rows[r]
		switch c {
		case 0:
			return r + 1
		case 1:
			return e.Name
		case 2:
			return e.Kind.Label()
		case 3:
			return e.TaxCode
		case 4:
			return e.Representative.Full()
		case 5:
			return e.Phone
		case 6:
			return e.Email
		case 7:
			return e.Address
		case 8:
			return d.division(e.WardCode)
		case 9:
			return d.division(e.DistrictCode)
		case 10:
			return e.Trade
		case 11:
			return e.CraftVillage
		case 12:
			return e.Workers
		case 13:
			return e.Products
		case 14:
			return e.Notes
		}
		if e.Archived {
			return "Đã lưu trữ"
		}
		return ""
	})
}
