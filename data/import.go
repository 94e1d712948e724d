package data

import "context"

// ImportKind is what the rows of an imported file become.
type ImportKind string

// The kinds of import: three registers, a class's trainees and a fair's bookings.
const (
	ImportEnterprises   ImportKind = "enterprises"
	ImportTrainees      ImportKind = "trainees"
	ImportVillages      ImportKind = "villages"
	ImportClassTrainees ImportKind = "class_trainees" // people, each put in the class (ImportPreview.TargetID)
	ImportFairBookings  ImportKind = "fair_bookings"  // registrations of enterprises of the register at a fair
)

// ImportKinds lists every kind.
var ImportKinds = []ImportKind{ImportEnterprises, ImportTrainees, ImportVillages, ImportClassTrainees, ImportFairBookings}

// Label returns the kind's Vietnamese name, as a title or a file name says it.
func (k ImportKind) Label() string {
	switch k {
	case ImportEnterprises:
		return "Doanh nghiệp"
	case ImportTrainees:
		return "Học viên"
	case ImportVillages:
		return "Làng nghề"
	case ImportClassTrainees:
		return "Học viên của lớp"
	case ImportFairBookings:
		return "Đăng ký hội chợ"
	}
	return string(k)
}

// Right is what importing rows of the kind needs: the register's, a class's or a fair's.
func (k ImportKind) Right() Right {
	switch k {
	case ImportClassTrainees:
		return RightTraining
	case ImportFairBookings:
		return RightFairs
	}
	return RightRegister
}

// Valid reports whether k is one of the known kinds.
func (k ImportKind) Valid() bool {
	for _, x := range ImportKinds {
		if k == x {
			return true
		}
	}
	return false
}

// ImportField is a field of a kind's records that a column of a file can feed.
type ImportField struct {
	// Key names the field in a mapping, e.g. "tax_code"; stable, so remembered mappings keep.
	Key string
	// Label is the field's Vietnamese name, as the mapping and the template's header show it.
	Label string
	// Required fields must be mapped to a column and filled on every row.
	Required bool
	// Example is the template's example value.
	Example string
}

// The keys of the fields columns can feed. A kind has a subset of them (ImportFields).
const (
	FieldName           = "name"           // enterprise's or village's name; a trainee's full name
	FieldKind           = "kind"           // legal form (Loại hình)
	FieldTaxCode        = "tax_code"       // an enterprise's tax code; for a booking, the enterprise's
	FieldRepresentative = "representative" // a full name, split into family / middle / given
	FieldFamily         = "family"         // họ
	FieldMiddle         = "middle"         // tên đệm
	FieldGiven          = "given"          // tên
	FieldGender         = "gender"         // "Nam" / "Nữ"
	FieldBirthDate      = "birth_date"
	FieldBirthPlace     = "birth_place"
	FieldEthnicity      = "ethnicity"
	FieldCCCD           = "cccd"
	FieldPhone          = "phone"
	FieldEmail          = "email"
	FieldAddress        = "address"
	FieldWard           = "ward"     // a ward's name ("phường Ba Đình", "Ba Đình") or code
	FieldDistrict       = "district" // a district before 07/2025, by name or code
	FieldTrade          = "trade"
	FieldVillage        = "craft_village"
	FieldWorkers        = "workers"
	FieldHouseholds     = "households"
	FieldProducts       = "products"
	FieldNotes          = "notes"
	FieldStatus         = "status" // "Đã lưu trữ" archives an enterprise
	FieldWorkplace      = "workplace"
	FieldPolicyGroup    = "policy_group"
	FieldDecision       = "decision"
	FieldRecognisedOn   = "recognised_on"
	FieldContactName    = "contact_name"
	FieldContactPhone   = "contact_phone"
	FieldEnterprise     = "enterprise" // a booking's enterprise by name, when no tax code is given
	FieldBooths         = "booths"
	FieldLateNote       = "late_note"
)

// traineeFields are the fields of a trainee, for both kinds of import that bring people.
var traineeFields = []ImportField{
	{Key: FieldName, Label: "Họ và tên", Required: true, Example: "Nguyễn Thị Ánh"},
	{Key: FieldFamily, Label: "Họ"}, {Key: FieldMiddle, Label: "Tên đệm"}, {Key: FieldGiven, Label: "Tên"},
	{Key: FieldGender, Label: "Giới tính", Example: "Nữ"},
	{Key: FieldBirthDate, Label: "Ngày sinh", Required: true, Example: "15/03/1995"},
	{Key: FieldBirthPlace, Label: "Nơi sinh", Example: "Hà Nội"},
	{Key: FieldEthnicity, Label: "Dân tộc", Example: "Kinh"},
	{Key: FieldCCCD, Label: "CCCD", Example: "001195012345"},
	{Key: FieldPhone, Label: "Điện thoại", Example: "0912345678"},
	{Key: FieldWard, Label: "Phường/xã", Example: "xã Bát Tràng"},
	{Key: FieldAddress, Label: "Địa chỉ", Example: "Thôn 3"},
	{Key: FieldWorkplace, Label: "Nơi làm việc", Example: "Hợp tác xã Gốm sứ Bát Tràng"},
	{Key: FieldPolicyGroup, Label: "Đối tượng chính sách"},
}

// ImportFields returns the fields of a kind in the template's order; nil for an unknown kind.
// A name in one cell feeds FieldName; separate family, middle and given cells feed the three parts.
func ImportFields(k ImportKind) []ImportField {
	switch k {
	case ImportEnterprises:
		return []ImportField{
			{Key: FieldName, Label: "Tên doanh nghiệp/cơ sở", Required: true, Example: "Hợp tác xã Gốm sứ Bát Tràng"},
			{Key: FieldKind, Label: "Loại hình", Example: "Hợp tác xã"},
			{Key: FieldTaxCode, Label: "Mã số thuế", Example: "0101245486"},
			{Key: FieldRepresentative, Label: "Người đại diện", Example: "Lê Văn Cường"},
			{Key: FieldPhone, Label: "Điện thoại", Example: "0243 874 1234"},
			{Key: FieldEmail, Label: "E-mail", Example: "gombattrang@example.vn"},
			{Key: FieldAddress, Label: "Địa chỉ", Example: "Thôn Giang Cao"},
			{Key: FieldWard, Label: "Phường/xã", Example: "xã Bát Tràng"},
			{Key: FieldDistrict, Label: "Quận/huyện (trước 07/2025)"},
			{Key: FieldTrade, Label: "Ngành nghề", Example: "Gốm sứ"},
			{Key: FieldVillage, Label: "Làng nghề", Example: "Làng gốm Bát Tràng"},
			{Key: FieldWorkers, Label: "Lao động", Example: "45"},
			{Key: FieldProducts, Label: "Sản phẩm", Example: "Bát, đĩa, lọ hoa"},
			{Key: FieldNotes, Label: "Ghi chú"},
			{Key: FieldStatus, Label: "Trạng thái"},
		}
	case ImportTrainees, ImportClassTrainees:
		return traineeFields
	case ImportVillages:
		return []ImportField{
			{Key: FieldName, Label: "Tên làng nghề", Required: true, Example: "Làng gốm Bát Tràng"},
			{Key: FieldWard, Label: "Phường/xã", Example: "xã Bát Tràng"},
			{Key: FieldTrade, Label: "Ngành nghề", Example: "Gốm sứ"},
			{Key: FieldDecision, Label: "Số quyết định công nhận", Example: "1234/QĐ-UBND"},
			{Key: FieldRecognisedOn, Label: "Ngày công nhận", Example: "20/10/2005"},
			{Key: FieldHouseholds, Label: "Số hộ làm nghề", Example: "1.200"},
			{Key: FieldWorkers, Label: "Số lao động", Example: "5.000"},
			{Key: FieldContactName, Label: "Người liên hệ", Example: "Phạm Văn Hùng"},
			{Key: FieldContactPhone, Label: "Điện thoại liên hệ", Example: "0912345678"},
			{Key: FieldNotes, Label: "Ghi chú"},
		}
	case ImportFairBookings:
		return []ImportField{
			{Key: FieldTaxCode, Label: "Mã số thuế", Example: "0101245486"},
			{Key: FieldEnterprise, Label: "Tên doanh nghiệp/cơ sở", Example: "Hợp tác xã Gốm sứ Bát Tràng"},
			{Key: FieldBooths, Label: "Số gian đăng ký", Example: "1"},
			{Key: FieldProducts, Label: "Sản phẩm trưng bày", Example: "Gốm men rạn"},
			{Key: FieldLateNote, Label: "Lý do đăng ký muộn"},
		}
	}
	return nil
}

// ImportAction is what an import does with a row.
type ImportAction string

// The actions a row can be given; ImportRow.Choices says which a row allows.
const (
	ImportNew    ImportAction = "new"    // add it as a new record
	ImportUpdate ImportAction = "update" // write its fields over the existing record it matches
	ImportKeep   ImportAction = "keep"   // a class's trainee: enrol the existing person, record unchanged
	ImportSkip   ImportAction = "skip"   // leave it out
)

// Label returns the action's Vietnamese name, as the preview offers it.
func (a ImportAction) Label() string {
	switch a {
	case ImportNew:
		return "Nhập thành bản mới"
	case ImportUpdate:
		return "Cập nhật bản đã có"
	case ImportKeep:
		return "Dùng hồ sơ đã có"
	case ImportSkip:
		return "Bỏ qua"
	}
	return string(a)
}

// ImportMatch is a record of the store that a row matches.
type ImportMatch struct {
	// ID and Version identify the stored record (an update carries the version read).
	ID      int64
	Version int
	// Reason says what matched, for the clerk: "Mã số thuế 0101245486 đã có: Hợp tác xã … (mã 12)".
	Reason string
	// Choices are the actions the row may take; the first is the default. A match on a key the
	// store keeps unique (tax code, CCCD, a village's name) cannot be added as new.
	Choices []ImportAction
}

// ImportRow is one row of a file, converted to a record and checked.
type ImportRow struct {
	// Line is the row's number in the sheet, as Excel shows it (1-based, header included).
	Line int
	// Cells are the row's cells as read, one per column of the header, for the refused-rows report.
	Cells []string
	// The record the row becomes, by kind: Enterprise; Trainee (trainees and a class's trainees);
	// Village; Booking (with EnterpriseID found by CheckImport from BookingTaxCode or BookingName).
	Enterprise *Enterprise
	Trainee    *Trainee
	Village    *Village
	Booking    *BookingRequest
	// BookingTaxCode and BookingName name a booking's enterprise as the file gives it.
	BookingTaxCode, BookingName string
	// Problems are every reason the row cannot be written, in the services' own words; a row
	// with a problem is refused whatever its Action.
	Problems []string
	// Match is the stored record the row matches, nil when none.
	Match *ImportMatch
	// Action is what Import does with the row when it has no problem: ImportNew without a
	// match, else one of Match.Choices.
	Action ImportAction
}

// OK reports whether the row has no problem.
func (r *ImportRow) OK() bool { return len(r.Problems) == 0 }

// Choices returns the actions the row allows: none for a row with problems, ImportNew alone
// without a match, the match's choices otherwise.
func (r *ImportRow) Choices() []ImportAction {
	switch {
	case !r.OK():
		return nil
	case r.Match == nil:
		return []ImportAction{ImportNew}
	}
	return r.Match.Choices
}

// SetAction gives the row action a when it allows it, and reports whether it did.
func (r *ImportRow) SetAction(a ImportAction) bool {
	for _, c := range r.Choices() {
		if c == a {
			r.Action = a
			return true
		}
	}
	return false
}

// ImportPreview is a sheet read, converted and checked, before anything is written.
type ImportPreview struct {
	// Kind is what the rows become; TargetID the class (ImportClassTrainees) or fair
	// (ImportFairBookings) they go into, 0 otherwise.
	Kind     ImportKind
	TargetID int64
	// File and Sheet name where the rows come from, for the result and the reports.
	File, Sheet string
	// HeaderLine is the header row's number in the sheet (1-based); Header its cells.
	HeaderLine int
	Header     []string
	// Mapping holds, for each column of Header, the key of the field it feeds ("" for none).
	Mapping []string
	// Rows are the data rows under the header, blank rows left out, in sheet order.
	Rows []*ImportRow
}

// SetAll gives every row that has a match action a when the row allows it, and returns how
// many rows took it.
func (p *ImportPreview) SetAll(a ImportAction) int {
	n := 0
	for _, r := range p.Rows {
		if r.Match != nil && r.SetAction(a) {
			n++
		}
	}
	return n
}

// Counts returns how many rows are fine, have problems, and match a stored record.
func (p *ImportPreview) Counts() (ok, problems, matches int) {
	for _, r := range p.Rows {
		switch {
		case !r.OK():
			problems++
		case r.Match != nil:
			matches++
			ok++
		default:
			ok++
		}
	}
	return ok, problems, matches
}

// ImportSkipped is a row an import did not write, and why.
type ImportSkipped struct {
	// Row is the row as previewed.
	Row *ImportRow
	// Reason is its problems joined, or why it was skipped.
	Reason string
}

// ImportResult is what an import did.
type ImportResult struct {
	// Added, Updated and Enrolled count the rows written as new records, over stored ones, and
	// (a class's trainees) the people put in the class.
	Added, Updated, Enrolled int
	// Refused are the rows with problems; Skipped those the clerk chose to skip. Both in sheet order.
	Refused, Skipped []ImportSkipped
}

// ImportProgress is told, as rows are written, how many of total are done. It is called from
// the goroutine that runs the import.
type ImportProgress func(done, total int)

// ImportService brings the rows of a file into the store.
type ImportService interface {
	// ImportMapping returns the mapping remembered for a kind and a header signature
	// (importer.Signature), nil when none was saved.
	ImportMapping(ctx context.Context, kind ImportKind, signature string) ([]string, error)
	// SaveImportMapping remembers the mapping of a kind's header signature. EINVALID for an
	// unknown kind or an empty signature.
	SaveImportMapping(ctx context.Context, kind ImportKind, signature string, mapping []string) error
	// CheckImport compares every row with the store, writing nothing: it sets Match (the same
	// tax code, CCCD, or village name; for a class, a person already in it; for a fair, an
	// enterprise already booked) and Action to the match's first choice, finds a booking's
	// enterprise and a trainee's workplace in the register, and adds the problems only the store
	// can see (an unknown ward, a closed class or fair, no such enterprise). ENOTFOUND for the
	// class or fair; EINVALID for an unknown kind.
	CheckImport(ctx context.Context, p *ImportPreview) error
	// Import writes every row without problems as its Action says, all in one transaction: all
	// accepted rows are in, or nothing is (a failure, a cancelled ctx, a killed process). It
	// checks the rows again inside the transaction. progress, when not nil, is told the rows
	// done. EINVALID and ECONFLICT name the sheet's line at fault; when ctx is cancelled, an
	// error for which errors.Is(err, context.Canceled) holds.
	Import(ctx context.Context, p *ImportPreview, progress ImportProgress) (*ImportResult, error)
}
