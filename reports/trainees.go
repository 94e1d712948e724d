package reports

import (
	"io"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// TraineeListTitle heads the list of the register's trainees.
const TraineeListTitle = "DANH SÁCH HỌC VIÊN"

// TraineeListDoc is the register of trainees, or the part of it a search selects, as the centre
// prints or exports it.
type TraineeListDoc struct {
	// Org heads the document.
	Org data.Organisation
	// Date is the document's date; it is also the file's creation date.
	Date vn.Date
	// Filter says what was selected, e.g. "Lọc theo: tìm “lan”"; printed under the title if set.
	Filter string
	// Rows are the trainees, in the order printed.
	Rows []*data.Trainee
	// Wards maps a ward's code to its unit; a code not in the map is printed as it is.
	Wards map[string]data.Division
	// Workplaces maps an enterprise's ID to its name, for the trainees whose workplace is one of
	// the register's enterprises.
	Workplaces map[int64]string
}

// ward names the ward of residence of t, or gives its code when the catalogue does not know it.
func (d TraineeListDoc) ward(t *data.Trainee) string {
	if div, ok := d.Wards[t.WardCode]; ok {
		return div.Label()
	}
	return t.WardCode
}

// workplace is the workplace typed, or the name of the register's enterprise t works at.
func (d TraineeListDoc) workplace(t *data.Trainee) string {
	if t.Workplace != "" || t.WorkplaceID == 0 {
		return t.Workplace
	}
	return d.Workplaces[t.WorkplaceID]
}

// pdfColumns are the columns of the PDF; they fill the printable width of A4 landscape (252 mm).
func (d TraineeListDoc) pdfColumns() []column[*data.Trainee] {
	return []column[*data.Trainee]{
		sttColumn[*data.Trainee](10),
		{Title: "Họ và tên", Width: 48, Align: "L", Cell: func(t *data.Trainee) string { return t.Name.Full() }},
		{Title: "Giới tính", Width: 19, Align: "C", Cell: func(t *data.Trainee) string { return gender(t.Female) }},
		{Title: "Ngày sinh", Width: 24, Align: "C", Cell: func(t *data.Trainee) string { return t.BirthDate.String() }},
		{Title: "CCCD", Width: 31, Align: "C", Cell: func(t *data.Trainee) string { return t.CCCD }},
		{Title: "Điện thoại", Width: 28, Align: "C", Cell: func(t *data.Trainee) string { return vn.FormatPhone(t.Phone) }},
		{Title: "Phường/xã", Width: 39, Align: "L", Cell: d.ward},
		{Title: "Nơi làm việc", Width: 53, Align: "L", Cell: d.workplace},
	}
}

// WriteTraineeListPDF writes the list as an A4 landscape PDF: the official header, the title,
// the selection, a table of the trainees whose header repeats on every page, the total, and
// page numbers.
func WriteTraineeListPDF(w io.Writer, d TraineeListDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	p := opening{org: d.Org, date: d.Date, landscape: true, meta: TraineeListTitle, numbered: true, title: TraineeListTitle}.start()
	if d.Filter != "" {
		p.add(para(d.Filter, italic, 13, "C"))
	}
	p.add(gap(4), tableOf(defaultTable, d.pdfColumns(), d.Rows),
		gap(3), para("Tổng số: "+vn.FormatInt(int64(len(d.Rows)))+" học viên", bold, 13, "L"))
	return p.write(w)
}

// xlsxColumns are the PDF's columns as workbook cells, with the fields the page has no room for
// (birthplace, ethnicity, address, policy group), so that the workbook imports back whole: the
// birth date a date, CCCD and phone text of digits, so that Excel sorts the dates and keeps the
// leading zeros.
func (d TraineeListDoc) xlsxColumns() []sheetColumn[*data.Trainee] {
	text := func(title string, v func(t *data.Trainee) string) sheetColumn[*data.Trainee] {
		return sheetColumn[*data.Trainee]{Title: title, Cell: func(t *data.Trainee) any { return v(t) }}
	}
	return []sheetColumn[*data.Trainee]{
		seqSheetColumn[*data.Trainee](),
		text("Họ và tên", func(t *data.Trainee) string { return t.Name.Full() }),
		text("Giới tính", func(t *data.Trainee) string { return gender(t.Female) }),
		{Title: "Ngày sinh", Kind: xlsxDate, Cell: func(t *data.Trainee) any { return t.BirthDate }},
		text("Nơi sinh", func(t *data.Trainee) string { return t.BirthPlace }),
		text("Dân tộc", func(t *data.Trainee) string { return t.Ethnicity }),
		{Title: "CCCD", Kind: xlsxDigits, Cell: func(t *data.Trainee) any { return t.CCCD }},
		{Title: "Điện thoại", Kind: xlsxDigits, Cell: func(t *data.Trainee) any { return t.Phone }},
		text("Địa chỉ", func(t *data.Trainee) string { return t.Address }),
		text("Phường/xã", d.ward),
		text("Nơi làm việc", d.workplace),
		text("Đối tượng chính sách", func(t *data.Trainee) string { return t.PolicyGroup }),
	}
}

// WriteTraineeListXLSX writes the list as an Excel workbook: a header block (the centre, title,
// date and selection), then one row per trainee under a bold header row that stays in view and
// carries filters.
func WriteTraineeListXLSX(w io.Writer, d TraineeListDoc) error {
	if err := d.Org.Validate(); err != nil {
		return err
	}
	head := []string{d.Org.ParentAuthority, d.Org.Name, TraineeListTitle, vn.NFC(d.Org.City) + ", " + d.Date.Long(), d.Filter}
	return writeSheet(w, d.Date, head, d.xlsxColumns(), d.Rows, nil)
}
