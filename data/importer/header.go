package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// aliases are the names, folded (see fold), under which clerks head the column of each field,
// beside the field's own label. An alias of one kind is looked up only for that kind's fields.
var aliases = map[string][]string{
	data.FieldKind:    {"loai hinh", "loai hinh doanh nghiep", "loai hinh to chuc", "loai"},
	data.FieldTaxCode: {"mst", "ma so thue", "ma so doanh nghiep", "ma so dn", "ma dn", "ma so thue ma so doanh nghiep"},
	data.FieldRepresentative: {"nguoi dai dien", "dai dien", "nguoi dai dien phap luat", "chu co so", "chu ho", "giam doc", "nguoi dai dien ho ten", "ho ten nguoi dai dien",
		"ho va ten", "ho ten"},
	data.FieldFamily:       {"ho"},
	data.FieldMiddle:       {"ten dem", "dem"},
	data.FieldGiven:        {"ten"},
	data.FieldGender:       {"gioi tinh", "gioi", "nam nu", "nam/nu"},
	data.FieldBirthDate:    {"ngay sinh", "ngay thang nam sinh", "sinh ngay", "ngay sinh dd mm yyyy"},
	data.FieldBirthPlace:   {"noi sinh", "que quan"},
	data.FieldEthnicity:    {"dan toc"},
	data.FieldCCCD:         {"cccd", "so cccd", "can cuoc", "so can cuoc", "can cuoc cong dan", "so can cuoc cong dan", "so dinh danh", "cmnd cccd", "so cmnd cccd", "cccd cmnd", "so cccd cmnd"},
	data.FieldPhone:        {"dien thoai", "so dien thoai", "sdt", "dt", "so dt", "di dong", "dien thoai lien he"},
	data.FieldEmail:        {"email", "e mail", "thu dien tu", "dia chi email"},
	data.FieldAddress:      {"dia chi", "thon", "thon xom", "dia chi thon xom", "so nha duong pho", "dia chi lien he"},
	data.FieldWard:         {"phuong xa", "xa phuong", "phuong", "xa", "ma phuong xa", "phuong xa thi tran", "xa phuong thi tran"},
	data.FieldDistrict:     {"quan huyen", "huyen", "quan", "quan huyen truoc 07 2025", "quan huyen cu"},
	data.FieldTrade:        {"nganh nghe", "nganh nghe kinh doanh", "nghe", "linh vuc", "nganh"},
	data.FieldVillage:      {"lang nghe", "thuoc lang nghe"},
	data.FieldWorkers:      {"lao dong", "so lao dong", "so lao dong lam nghe", "lao dong nguoi", "so luong lao dong", "so cong nhan"},
	data.FieldHouseholds:   {"so ho", "so ho lam nghe", "ho lam nghe"},
	data.FieldProducts:     {"san pham", "san pham chinh", "mat hang", "san pham trung bay"},
	data.FieldNotes:        {"ghi chu"},
	data.FieldStatus:       {"trang thai", "tinh trang"},
	data.FieldWorkplace:    {"noi lam viec", "don vi cong tac", "co quan", "noi cong tac"},
	data.FieldPolicyGroup:  {"doi tuong", "doi tuong chinh sach", "doi tuong uu tien"},
	data.FieldDecision:     {"so quyet dinh", "quyet dinh", "quyet dinh cong nhan", "so quyet dinh cong nhan", "so qd"},
	data.FieldRecognisedOn: {"ngay cong nhan", "nam cong nhan", "ngay quyet dinh"},
	data.FieldContactName:  {"nguoi lien he", "lien he"},
	data.FieldContactPhone: {"dien thoai lien he", "so dien thoai lien he", "dien thoai", "sdt"},
	data.FieldEnterprise:   {"ten doanh nghiep", "doanh nghiep", "ten dn", "ten co so", "don vi", "ten don vi"},
	data.FieldBooths:       {"so gian", "so gian hang", "gian hang", "so gian dang ky"},
	data.FieldLateNote:     {"ly do dang ky muon", "dang ky muon"},
}

// nameAliases are the folded names of the FieldName column, by kind.
var nameAliases = map[data.ImportKind][]string{
	data.ImportEnterprises: {"ten doanh nghiep", "ten doanh nghiep co so", "ten dn", "ten co so", "ten don vi", "doanh nghiep",
		"ten cong ty", "ten hop tac xa", "ten htx", "co so", "don vi", "doanh nghiep co so", "ten doanh nghiep hop tac xa"},
	data.ImportTrainees:      traineeNames,
	data.ImportClassTrainees: traineeNames,
	data.ImportVillages:      {"ten lang nghe", "lang nghe", "ten lang", "lang nghe lang nghe truyen thong"},
}

// traineeNames are the folded names of a trainee's full-name column.
var traineeNames = []string{"ho va ten", "ho ten", "ho ten hoc vien", "ten hoc vien", "hoc vien", "ho va ten hoc vien", "ho va ten nguoi hoc"}

// fold returns a header's text as headers are compared: folded (vn.Fold), every run of
// characters other than letters and digits one space, a trailing "(*)" or ":" gone.
func fold(s string) string {
	f := vn.Fold(s)
	var b strings.Builder
	space := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// fieldOf returns the field of kind a header cell names, "" when none: the field whose label or
// an alias is the cell's text; failing that, the field with the longest alias that the text
// starts with ("Mã số thuế (10 số)", "Ngày sinh (dd/mm/yyyy)").
func fieldOf(kind data.ImportKind, header string) string {
	k, _ := fieldMatch(kind, header)
	return k
}

// fieldMatch returns fieldOf's answer, and whether the header's text is the field's label or
// an alias exactly.
func fieldMatch(kind data.ImportKind, header string) (key string, exact bool) {
	h := fold(header)
	if h == "" {
		return "", false
	}
	best, bestLen := "", 0
	for _, f := range data.ImportFields(kind) {
		names := aliases[f.Key]
		if f.Key == data.FieldName {
			names = nameAliases[kind]
		}
		for _, a := range append([]string{fold(f.Label)}, names...) {
			switch {
			case h == a:
				return f.Key, true
			case len(a) > bestLen && len(a) > 3 && strings.HasPrefix(h, a+" "):
				best, bestLen = f.Key, len(a)
			}
		}
	}
	return best, false
}

// headerScan is how many rows from the top FindHeader looks at for the header.
const headerScan = 30

// FindHeader returns the index in rows of the header row of a kind's table: among the first rows,
// the one whose cells name the most distinct fields (the first of equals). Rows of a title over
// the table name none or one. It returns -1 when no row names any field.
func FindHeader(kind data.ImportKind, rows [][]string) int {
	best, bestScore := -1, 0
	for i := 0; i < len(rows) && i < headerScan; i++ {
		if s := score(Propose(kind, rows[i])); s > bestScore {
			best, bestScore = i, s
		}
	}
	return best
}

// score counts the distinct fields a mapping feeds.
func score(mapping []string) int {
	n := 0
	for _, k := range mapping {
		if k != "" {
			n++
		}
	}
	return n
}

// Propose returns, for each cell of a header, the key of the field it seems to name, "" for
// none; a field is proposed for its first column only. "Họ và tên" in one column feeds
// data.FieldName, which the conversion splits; a trainee's "Họ", "Tên đệm", "Tên" in three
// columns feed the parts.
func Propose(kind data.ImportKind, header []string) []string {
	out := make([]string, len(header))
	taken := map[string]bool{}
	for i, h := range header {
		k := fieldOf(kind, h)
		if k != "" && !taken[k] {
			out[i], taken[k] = k, true
		}
	}
	return out
}

// Signature returns what identifies a header among files: its cells folded. Two files whose
// headers differ only in case, marks or spacing have the same signature, so the mapping chosen
// for one is offered for the other.
func Signature(header []string) string {
	folded := make([]string, len(header))
	for i, h := range header {
		folded[i] = fold(h)
	}
	sum := sha256.Sum256([]byte(strings.Join(folded, "\x1f")))
	return hex.EncodeToString(sum[:12])
}

// Table is the table of a sheet: its header and the rows under it.
type Table struct {
	// HeaderLine is the header row's number in the sheet (1-based).
	HeaderLine int
	// Header is the text of each column's header; a header over two rows (a merged group over
	// its columns) gives each column the group's name and its own, "Người đại diện Họ tên".
	Header []string
	// Rows are the rows under the header, Rows[i] being line HeaderLine+1+i of the sheet.
	Rows [][]string
}

// Locate finds the table of a kind in a sheet's rows (see FindHeader). EINVALID when no row of
// the top of the sheet looks like a header, or when no row follows it.
func Locate(kind data.ImportKind, rows [][]string) (*Table, error) {
	h := FindHeader(kind, rows)
	if h < 0 {
		return nil, data.Errorf(data.EINVALID, "Không tìm thấy dòng tiêu đề cột trong %d dòng đầu của trang tính: không ô nào có tên cột quen thuộc như \"%s\". Hãy thêm một dòng tiêu đề, hoặc dùng tệp mẫu (Tải mẫu).", headerScan, labels(kind))
	}
	t := &Table{HeaderLine: h + 1, Header: groupHeader(kind, rows, h), Rows: rows[h+1:]}
	if len(t.Rows) == 0 || !hasData(t.Rows) {
		return nil, data.Errorf(data.EINVALID, "Trang tính chỉ có dòng tiêu đề (dòng %d), không có dòng dữ liệu nào bên dưới.", t.HeaderLine)
	}
	width := len(t.Header)
	for _, r := range t.Rows {
		width = max(width, len(r))
	}
	for len(t.Header) < width { // cells under no header still have a column to map
		t.Header = append(t.Header, "")
	}
	return t, nil
}

// hasData reports whether any of rows has a cell.
func hasData(rows [][]string) bool {
	for _, r := range rows {
		if len(r) > 0 {
			return true
		}
	}
	return false
}

// groupHeader returns the header row h with, for each cell under a different cell of the row
// above, the two joined when together they name a field other than the cell alone does, and
// are exactly its name or the cell alone names none: "Người đại diện" over "Họ tên" is the
// representative, but over "Điện thoại" still the phone.
func groupHeader(kind data.ImportKind, rows [][]string, h int) []string {
	out := append([]string(nil), rows[h]...)
	if h == 0 {
		return out
	}
	for c, text := range out {
		above := cell(rows[h-1], c)
		if above == "" || above == text || text == "" {
			continue
		}
		both, exact := fieldMatch(kind, above+" "+text)
		if alone := fieldOf(kind, text); both != "" && both != alone && (exact || alone == "") {
			out[c] = above + " " + text
		}
	}
	return out
}

// labels lists a few labels of a kind's required and first fields, as an example of a header.
func labels(kind data.ImportKind) string {
	var out []string
	for i, f := range data.ImportFields(kind) {
		if f.Required || i < 3 {
			out = append(out, f.Label)
		}
	}
	return strings.Join(out, "\", \"")
}
