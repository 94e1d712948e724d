package importer

import (
	"errors"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Options are what a conversion knows beyond the file.
type Options struct {
	// Wards and Districts are the catalogues (data.DivisionService) that ward and district
	// cells are looked up in, by name ("phường Ba Đình", "Ba Đình", "P. Ba Đình") or code.
	Wards, Districts []data.Division
	// Today is the store's today: it decides whether a trainee is old enough and the century of
	// a two-digit year.
	Today vn.Date
}

// Convert turns the rows of a table into a preview of a kind's records: mapping holds, for each
// column of t.Header, the key of the field it feeds ("" for none). Every row gets every problem
// its cells have by themselves (unreadable date or number, invalid tax code, CCCD or phone, a
// required field empty, the same tax code, CCCD or name as an earlier row); the store adds its
// own (data.ImportService.CheckImport). Blank rows, and rows that repeat the header, are left
// out. EINVALID when a required field has no column, or a field has two.
func Convert(kind data.ImportKind, t *Table, mapping []string, o Options) (*data.ImportPreview, error) {
	cols, err := columns(kind, t.Header, mapping)
	if err != nil {
		return nil, err
	}
	c := converter{kind: kind, cols: cols, o: o, wards: newPlaces(o.Wards), districts: newPlaces(o.Districts), seen: map[string]int{}, folded: map[string]string{}}
	p := &data.ImportPreview{Kind: kind, HeaderLine: t.HeaderLine, Header: t.Header, Mapping: mapping}
	header := strings.Join(t.Header, "\x1f")
	for i, cells := range t.Rows {
		if strings.TrimSpace(strings.Join(cells, "")) == "" || strings.Join(cells, "\x1f") == header {
			continue
		}
		r := &data.ImportRow{Line: t.HeaderLine + 1 + i, Cells: cells, Action: data.ImportNew}
		c.row(r)
		p.Rows = append(p.Rows, r)
	}
	if len(p.Rows) == 0 {
		return nil, data.Errorf(data.EINVALID, "Trang tính chỉ có dòng tiêu đề (dòng %d), không có dòng dữ liệu nào bên dưới.", t.HeaderLine)
	}
	return p, nil
}

// columns returns the column of each mapped field. EINVALID for a mapping of another width, a
// field mapped twice or not of kind, or a required field unmapped.
func columns(kind data.ImportKind, header, mapping []string) (map[string]int, error) {
	fields := data.ImportFields(kind)
	if fields == nil {
		return nil, data.Errorf(data.EINVALID, "Không có kiểu nhập %q.", kind)
	}
	if len(mapping) != len(header) {
		return nil, data.Errorf(data.EINVALID, "Bảng ghép cột có %d cột, còn dòng tiêu đề có %d cột. Hãy chọn lại trường cho từng cột.", len(mapping), len(header))
	}
	label := map[string]string{}
	for _, f := range fields {
		label[f.Key] = f.Label
	}
	cols := map[string]int{}
	for i, k := range mapping {
		if k == "" {
			continue
		}
		if _, ok := label[k]; !ok {
			return nil, data.Errorf(data.EINVALID, "Trường %q không thuộc danh sách %s.", k, strings.ToLower(kind.Label()))
		}
		if j, dup := cols[k]; dup {
			return nil, data.Errorf(data.EINVALID, "Hai cột \"%s\" và \"%s\" cùng ghép vào trường \"%s\". Mỗi trường chỉ lấy từ một cột.", header[j], header[i], label[k])
		}
		cols[k] = i
	}
	_, hasGiven := cols[data.FieldGiven]
	for _, f := range fields {
		if _, ok := cols[f.Key]; f.Required && !ok && !(f.Key == data.FieldName && hasGiven && kind != data.ImportEnterprises && kind != data.ImportVillages) {
			return nil, data.Errorf(data.EINVALID, "Chưa có cột nào ghép vào trường bắt buộc \"%s\". Hãy chọn cột chứa %s.", f.Label, strings.ToLower(f.Label))
		}
	}
	if kind == data.ImportFairBookings {
		_, tax := cols[data.FieldTaxCode]
		if _, name := cols[data.FieldEnterprise]; !tax && !name {
			return nil, data.Errorf(data.EINVALID, "Hãy ghép một cột vào \"Mã số thuế\" hoặc \"Tên doanh nghiệp/cơ sở\" để biết doanh nghiệp nào đăng ký.")
		}
	}
	return cols, nil
}

// converter turns the rows of one table into records.
type converter struct {
	kind             data.ImportKind
	cols             map[string]int
	o                Options
	wards, districts places
	seen             map[string]int    // a row's key (tax code, CCCD, name) → the line that first had it
	folded           map[string]string // the cells of kind and status folded: a few values, repeated
}

// foldCell returns fold(s), remembering the answer for the values a column repeats.
func (c *converter) foldCell(s string) string {
	f, ok := c.folded[s]
	if !ok {
		f = fold(s)
		if len(c.folded) < 1000 {
			c.folded[s] = f
		}
	}
	return f
}

// cells is one row being read, and the problems found in it.
type cells struct {
	row      *data.ImportRow
	cols     map[string]int
	problems []string
}

// get returns the cell of the field key, "" when no column feeds it. The records' Normalize
// composes the text (NFC).
func (c *cells) get(key string) string {
	if i, ok := c.cols[key]; ok {
		return strings.TrimSpace(cell(c.row.Cells, i))
	}
	return ""
}

// has reports whether a column feeds the field key.
func (c *cells) has(key string) bool { _, ok := c.cols[key]; return ok }

// problem records a problem, once.
func (c *cells) problem(msg string) {
	for _, p := range c.problems {
		if p == msg {
			return
		}
	}
	c.problems = append(c.problems, msg)
}

// check records err's message, if err is not nil: an application error's, or the sentence of
// a check of package vn.
func (c *cells) check(err error) {
	var e *data.Error
	switch {
	case err == nil:
	case errors.As(err, &e):
		c.problem(e.Message)
	default:
		c.problem(err.Error())
	}
}

// row converts r's cells into its record and problems.
func (c *converter) row(r *data.ImportRow) {
	in := &cells{row: r, cols: c.cols}
	var key, what string
	switch c.kind {
	case data.ImportEnterprises:
		r.Enterprise = c.enterprise(in)
		key, what = r.Enterprise.TaxCode, "mã số thuế "+r.Enterprise.TaxCode
	case data.ImportTrainees, data.ImportClassTrainees:
		r.Trainee = c.trainee(in)
		key, what = r.Trainee.CCCD, "số CCCD "+r.Trainee.CCCD
	case data.ImportVillages:
		r.Village = c.village(in)
		key, what = vn.Fold(r.Village.Name), "tên làng nghề \""+r.Village.Name+"\""
	case data.ImportFairBookings:
		c.booking(in)
		key, what = r.BookingTaxCode, "mã số thuế "+r.BookingTaxCode
		if key == "" {
			key, what = vn.Fold(r.BookingName), "doanh nghiệp \""+r.BookingName+"\""
		}
	}
	if key != "" {
		if first, ok := c.seen[key]; ok {
			in.problem(fmt.Sprintf("Trùng %s với dòng %d của tệp.", what, first))
		} else {
			c.seen[key] = r.Line
		}
	}
	r.Problems = in.problems
}

// enterprise reads an enterprise from a row.
func (c *converter) enterprise(in *cells) *data.Enterprise {
	e := &data.Enterprise{
		Name:           in.get(data.FieldName),
		TaxCode:        Digits(in.get(data.FieldTaxCode), 10),
		Representative: vn.SplitName(in.get(data.FieldRepresentative)),
		Phone:          phone(in.get(data.FieldPhone)),
		Email:          in.get(data.FieldEmail),
		Address:        in.get(data.FieldAddress),
		Trade:          in.get(data.FieldTrade),
		CraftVillage:   in.get(data.FieldVillage),
		Products:       in.get(data.FieldProducts),
		Notes:          in.get(data.FieldNotes),
		Archived:       strings.Contains(c.foldCell(in.get(data.FieldStatus)), "luu tru"),
	}
	e.Kind = c.enterpriseKind(in, e)
	e.WardCode = c.wards.code(in, in.get(data.FieldWard), "Phường/xã")
	e.DistrictCode = c.districts.code(in, strings.TrimSuffix(in.get(data.FieldDistrict), " (cũ)"), "Quận/huyện")
	e.Workers = count(in, data.FieldWorkers, "Lao động")
	e.Normalize()
	for _, err := range []error{taxCodeErr(e.TaxCode), phoneErr(e.Phone), emailErr(e.Email), e.Validate()} {
		in.check(err)
	}
	return e
}

// enterpriseKind reads the legal form from its label or short name ("HTX", "DN nhỏ"); without
// one it is told by the name ("Hợp tác xã …") or a 12-digit tax code (a household business),
// else a small enterprise, as the form starts.
func (c *converter) enterpriseKind(in *cells, e *data.Enterprise) data.EnterpriseKind {
	if s := c.foldCell(in.get(data.FieldKind)); s != "" {
		if k, ok := kindLabels[s]; ok {
			return k
		}
		if k, ok := kindWords(s); ok {
			return k
		}
		in.problem(fmt.Sprintf("Loại hình \"%s\" không rõ. Hãy ghi một trong: %s.", in.get(data.FieldKind), kindList()))
		return data.KindSmall
	}
	if k, ok := kindWords(fold(e.Name)); ok && k != data.KindSmall {
		return k
	}
	if len(e.TaxCode) == 12 {
		return data.KindHousehold
	}
	return data.KindSmall
}

// kindLabels maps the folded label and the code of each legal form to it.
var kindLabels = func() map[string]data.EnterpriseKind {
	m := map[string]data.EnterpriseKind{}
	for _, k := range data.EnterpriseKinds {
		m[fold(k.Label())], m[string(k)] = k, k
	}
	return m
}()

// kindWords tells a legal form by the words a label or a name starts with.
func kindWords(s string) (data.EnterpriseKind, bool) {
	for _, w := range []struct {
		prefix string
		kind   data.EnterpriseKind
	}{
		{"htx", data.KindCooperative}, {"hop tac xa", data.KindCooperative}, {"tht", data.KindCoopGroup},
		{"to hop tac", data.KindCoopGroup}, {"hkd", data.KindHousehold}, {"ho kinh doanh", data.KindHousehold},
		{"co so", data.KindEstablish}, {"dn sieu nho", data.KindMicro}, {"sieu nho", data.KindMicro},
		{"dn vua", data.KindMedium}, {"vua", data.KindMedium}, {"dn nho", data.KindSmall}, {"nho", data.KindSmall},
		{"doanh nghiep", data.KindSmall}, {"cong ty", data.KindSmall},
	} {
		if s == w.prefix || strings.HasPrefix(s, w.prefix+" ") {
			return w.kind, true
		}
	}
	return "", false
}

// kindList lists the labels of the legal forms.
func kindList() string {
	out := make([]string, len(data.EnterpriseKinds))
	for i, k := range data.EnterpriseKinds {
		out[i] = k.Label()
	}
	return strings.Join(out, ", ")
}

// trainee reads a trainee from a row.
func (c *converter) trainee(in *cells) *data.Trainee {
	t := &data.Trainee{
		BirthPlace:  in.get(data.FieldBirthPlace),
		Ethnicity:   in.get(data.FieldEthnicity),
		CCCD:        Digits(in.get(data.FieldCCCD), 12),
		Phone:       phone(in.get(data.FieldPhone)),
		Address:     in.get(data.FieldAddress),
		Workplace:   in.get(data.FieldWorkplace),
		PolicyGroup: in.get(data.FieldPolicyGroup),
	}
	if in.has(data.FieldName) {
		t.Name = vn.SplitName(in.get(data.FieldName))
	} else {
		t.Name = vn.Name{Family: in.get(data.FieldFamily), Middle: in.get(data.FieldMiddle), Given: in.get(data.FieldGiven)}
	}
	t.BirthDate = c.date(in, data.FieldBirthDate, "Ngày sinh")
	t.Female = c.female(in, t.CCCD)
	t.WardCode = c.wards.code(in, in.get(data.FieldWard), "Phường/xã")
	t.Normalize()
	in.check(cccdErr(t.CCCD))
	in.check(phoneErr(t.Phone))
	if !t.BirthDate.IsZero() || !in.has(data.FieldBirthDate) || in.get(data.FieldBirthDate) == "" {
		in.check(t.Validate(c.o.Today))
	}
	return t
}

// female reads the gender cell: "Nữ", "nu", "F" for a woman, "Nam", "M" for a man. Without one
// the CCCD tells it; without either, a man, as the form starts.
func (c *converter) female(in *cells, cccd string) bool {
	switch s := c.foldCell(in.get(data.FieldGender)); s {
	case "nu", "n", "f", "female", "x nu":
		return true
	case "nam", "m", "male", "x nam":
		return false
	case "":
		if info, err := vn.ParseCCCD(cccd); err == nil {
			return info.Female
		}
		return false
	}
	in.problem(fmt.Sprintf("Giới tính \"%s\" không rõ: hãy ghi Nam hoặc Nữ.", in.get(data.FieldGender)))
	return false
}

// village reads a craft village from a row.
func (c *converter) village(in *cells) *data.Village {
	v := &data.Village{
		Name:         in.get(data.FieldName),
		Trade:        in.get(data.FieldTrade),
		Decision:     in.get(data.FieldDecision),
		ContactName:  in.get(data.FieldContactName),
		ContactPhone: phone(in.get(data.FieldContactPhone)),
		Notes:        in.get(data.FieldNotes),
	}
	v.WardCode = c.wards.code(in, in.get(data.FieldWard), "Phường/xã")
	v.RecognisedOn = c.date(in, data.FieldRecognisedOn, "Ngày công nhận")
	v.Households = count(in, data.FieldHouseholds, "Số hộ làm nghề")
	v.Workers = count(in, data.FieldWorkers, "Số lao động")
	v.Normalize()
	in.check(v.Validate())
	return v
}

// booking reads a fair booking from a row: the enterprise by tax code or name, which the store
// looks up.
func (c *converter) booking(in *cells) {
	r := in.row
	r.BookingTaxCode, r.BookingName = Digits(in.get(data.FieldTaxCode), 10), in.get(data.FieldEnterprise)
	b := &data.BookingRequest{BoothsWanted: 1, Products: in.get(data.FieldProducts), LateNote: in.get(data.FieldLateNote)}
	if in.get(data.FieldBooths) != "" {
		b.BoothsWanted = count(in, data.FieldBooths, "Số gian đăng ký")
	}
	r.Booking = b
	if r.BookingTaxCode == "" && r.BookingName == "" {
		in.problem("Dòng không ghi mã số thuế hay tên doanh nghiệp: không biết doanh nghiệp nào đăng ký.")
	}
	in.check(taxCodeErr(r.BookingTaxCode))
	in.check(b.Validate())
}

// date reads the date of field key, labelled label in a problem.
func (c *converter) date(in *cells, key, label string) vn.Date {
	d, err := ParseDate(in.get(key), c.o.Today)
	if err != nil {
		in.problem(label + ": " + err.Error())
	}
	return d
}

// count reads the whole number of field key, labelled label in a problem.
func count(in *cells, key, label string) int {
	n, err := ParseCount(in.get(key))
	if err != nil {
		in.problem(label + ": " + err.Error())
	}
	return n
}

// phone returns a phone number as a cell gives it, with the leading 0 a number cell dropped put
// back (912345678 was 0912345678).
func phone(s string) string {
	if s != "" && strings.Trim(s, "0123456789") == "" && s[0] != '0' && !strings.HasPrefix(s, "84") && (len(s) == 9 || len(s) == 10) {
		return "0" + s
	}
	return s
}

// The checks of single fields, so that a row lists each of its problems, not only the first
// Validate finds.
func taxCodeErr(s string) error { _, err := vn.NormalizeTaxCode(s); return err }
func phoneErr(s string) error   { _, err := vn.NormalizePhone(s); return err }
func emailErr(s string) error   { _, err := vn.NormalizeEmail(s); return err }
func cccdErr(s string) error    { _, err := vn.NormalizeCCCD(s); return err }

// places finds administrative units by what a cell says.
type places struct {
	byKey map[string]string // folded label, folded name (when only one unit has it), code → code
	size  int
}

// newPlaces indexes a catalogue.
func newPlaces(divs []data.Division) places {
	p := places{byKey: map[string]string{}, size: len(divs)}
	names := map[string]int{}
	for _, d := range divs {
		names[fold(d.Name)]++
	}
	for _, d := range divs {
		p.byKey[d.Code] = d.Code
		p.byKey[fold(d.Label())] = d.Code
		if names[fold(d.Name)] == 1 {
			p.byKey[fold(d.Name)] = d.Code
		}
	}
	return p
}

// unitPrefixes are the abbreviations of a unit's kind a clerk puts before its name, folded.
var unitPrefixes = map[string]string{"p": "phuong", "x": "xa", "tt": "thi tran", "q": "quan", "h": "huyen", "tx": "thi xa"}

// code returns the code of the unit s names, "" for blank; an unknown unit is a problem labelled
// label.
func (p places) code(in *cells, s, label string) string {
	if s == "" {
		return ""
	}
	f := fold(s)
	if code, ok := p.byKey[f]; ok {
		return code
	}
	if first, rest, ok := strings.Cut(f, " "); ok {
		if long, ok := unitPrefixes[first]; ok {
			if code, ok := p.byKey[long+" "+rest]; ok {
				return code
			}
			if code, ok := p.byKey[rest]; ok {
				return code
			}
		}
	}
	in.problem(fmt.Sprintf("%s \"%s\" không có trong danh mục %d đơn vị hành chính của Hà Nội. Hãy ghi đúng tên, ví dụ \"phường Ba Đình\", hoặc để trống.", label, s, p.size))
	return ""
}
