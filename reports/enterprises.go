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

// xlsxColumns are every field of an enterprise, as the export gives them.
func (d EnterpriseListDoc) xlsxColumns() []sheetColumn[*data.Enterprise] {
	text := func(title string, v func(e *data.Enterprise) string) sheetColumn[*data.Enterprise] {
		return sheetColumn[*data.Enterprise]{Title: title, Cell: func(e *data.Enterprise) any { return v(e) }}
	}
	return []sheetColumn[*data.Enterprise]{
		seqSheetColumn[*data.Enterprise](),
		text("Tên doanh nghiệp/cơ sở", func(e *data.Enterprise) string { return e.Name }),
		text("Loại hình", func(e *data.Enterprise) string { return e.Kind.Label() }),
		{Title: "Mã số thuế", Kind: xlsxDigits, Cell: func(e *data.Enterprise) any { return e.TaxCode }},
		text("Người đại diện", func(e *data.Enterprise) string { return e.Representative.Full() }),
		{Title: "Điện thoại", Kind: xlsxDigits, Cell: func(e *data.Enterprise) any { return e.Phone }},
		text("E-mail", func(e *data.Enterprise) string { return e.Email }),
		text("Địa chỉ", func(e *data.Enterprise) string { return e.Address }),
		text("Phường/xã", func(e *data.Enterprise) string { return d.division(e.WardCode) }),
		text("Quận/huyện (trước 07/2025)", func(e *data.Enterprise) string { return d.division(e.DistrictCode) }),
		text("Ngành nghề", func(e *data.Enterprise) string { return e.Trade }),
		text("Làng nghề", func(e *data.Enterprise) string { return e.CraftVillage }),
		{Title: "Lao động", Kind: xlsxNumber, Cell: func(e *data.Enterprise) any { return e.Workers }},
		text("Sản phẩm", func(e *data.Enterprise) string { return e.Products }),
		text("Ghi chú", func(e *data.Enterprise) string { return e.Notes }),
		text("Trạng thái", func(e *data.Enterprise) string {
			if e.Archived {
				return "Đã lưu trữ"
			}
			return ""
		}),
	}
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
	return writeSheet(w, d.Date, head, d.xlsxColumns(), d.Rows, nil)
}
