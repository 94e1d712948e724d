package ui

import (
	"maps"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// auditField is how the history shows one stored column: by the label its form gives it, with
// its value written as the form writes it (a status by its name, a sum in đồng, a date dd/mm/yyyy).
type auditField struct {
	label  string // the translation key of the form's label
	format func(string) string
	// division is set for a ward's or district's code, which is shown by the unit's name.
	division bool
	// ref is set for another record's number: the kind of record (an entity of the history).
	ref string
}

// plain is a column shown as stored (dates and instants are still written the Vietnamese way).
func plain(label string) auditField { return auditField{label: label} }

// divisionCol is the code of a ward or a legacy district.
func divisionCol(label string) auditField { return auditField{label: label, division: true} }

// moneyCol is a sum of đồng.
func moneyCol(label string) auditField {
	return auditField{label: label, format: func(v string) string {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return v
		}
		return money(n)
	}}
}

// phoneCol is a phone number, grouped as the form shows it: "0912 345 678".
func phoneCol(label string) auditField { return auditField{label: label, format: vn.FormatPhone} }

// yesNo is a 0/1 column.
func yesNo(label string) auditField {
	return auditField{label: label, format: func(v string) string { return boolText(v, lang.L("Yes"), lang.L("No")) }}
}

// boolText says v, a stored 0/1 or true/false, with yes or no.
func boolText(v, yes, no string) string {
	switch v {
	case "1", "true":
		return yes
	case "0", "false":
		return no
	}
	return v
}

// enumCol is a column holding one of the domain's enumerations, named by label.
func enumCol[E ~string](label string, name func(E) string) auditField {
	return auditField{label: label, format: func(v string) string { return name(E(v)) }}
}

// refCol is a column holding the number of another record, of kind (an entity of the history):
// it is shown by that record's name while the window finds it, by its number otherwise.
func refCol(label, kind string) auditField { return auditField{label: label, ref: kind} }

// Columns several records share.
var (
	wardCol   = divisionCol("Ward / commune")
	notesCol  = plain("Notes")
	statusRsn = plain("Reason")
	fromCol   = plain("From")
	toCol     = plain("To")
	villageID = refCol("Craft village", "village")
	payingID  = refCol("Paying programme", "programme")
)

// auditFields are the columns the history shows, by record (the entity the store's history
// names) and stored column. Columns not listed are shown by their stored name, except those
// auditHidden leaves out.
var auditFields = map[string]map[string]auditField{
	"enterprise": {
		"kind": enumCol("Kind", kindLabel), "name": plain("Name"), "tax_code": plain("Tax code"),
		"rep_family": plain("Representative: family name"), "rep_middle": plain("Representative: middle name"),
		"rep_given": plain("Representative: given name"), "phone": phoneCol("Phone"), "email": plain("E-mail"),
		"address": plain("Address"), "ward_code": wardCol, "district_code": divisionCol("Old district"),
		"trade": plain("Trade"), "craft_village": plain("Craft village"), "village_id": villageID,
		"workers": plain("Workers"), "products": plain("Products"), "notes": notesCol, "archived": yesNo("Archived"),
	},
	"trainee": {
		"family": plain("Family name"), "middle": plain("Middle name"), "given": plain("Given name"),
		"female":     {label: "Gender", format: func(v string) string { return boolText(v, lang.L("Female"), lang.L("Male")) }},
		"birth_date": plain("Birth date"), "birth_place": plain("Birthplace"), "ethnicity": plain("Ethnicity"),
		"cccd": plain("CCCD number"), "phone": phoneCol("Phone"), "ward_code": wardCol, "address": plain("Address"),
		"workplace_id": refCol("Workplace", "enterprise"), "workplace": plain("Workplace"), "policy_group": plain("Policy group"),
	},
	"class": {
		"code": plain("Code"), "name": plain("Class name"), "kind": enumCol("Kind", classKindLabel),
		"trade": plain("Trade"), "host_enterprise_id": refCol("Host", "enterprise"), "venue": plain("Venue"), "ward_code": wardCol,
		"start_date": fromCol, "end_date": toCol, "hours": plain("Hours"), "trainers": plain("Trainers"),
		"capacity": plain("Capacity"), "budget": moneyCol("Budget (đồng)"),
		"min_attendance": plain("Minimum attendance (%)"), "pass_mark": plain("Pass mark"),
		"status": enumCol("Status", classStatusLabel), "cancel_reason": statusRsn,
		"programme_id": payingID, "village_id": villageID,
	},
	"fair": {
		"code": plain("Fair code"), "name": plain("Fair name"), "kind": enumCol("Fair kind", fairKindLabel),
		"organiser": plain("Fair organiser"), "venue": plain("Fair venue"), "city": plain("Fair city"),
		"country": plain("Fair country"), "start_date": plain("Opens on"), "end_date": plain("Closes on"),
		"deadline": plain("Registration deadline"), "booth_price": moneyCol("Default booth price (đồng)"),
		"share_percent": plain("Share of the fee supported (%)"), "cap_booth": moneyCol("Support cap per booth (đồng)"),
		"cap_enterprise":  moneyCol("Support cap per enterprise (đồng)"),
		"abroad_per_year": plain("Supported fairs abroad per enterprise a year"),
		"status":          enumCol("Status", fairStatusLabel), "cancel_reason": statusRsn, "programme_id": payingID,
	},
	"booking": {
		"fair_id": refCol("Fair", "fair"), "enterprise_id": refCol("Exhibiting enterprise", "enterprise"), "booths_wanted": plain("Booths wanted"),
		"products": plain("Products"), "status": enumCol("Status", bookingStatusLabel),
		"late_note": plain("Why the registration is late"), "without_support": yesNo("Register without support"),
		"fee": moneyCol("Booth fee"), "support": moneyCol("Support granted"), "own_share": moneyCol("Own share"),
		"rule": plain("Support rule applied"), "cancel_reason": statusRsn, "sales": moneyCol("Sales (đồng)"),
		"contracts": plain("Contracts signed"), "contract_value": moneyCol("Contract value (đồng)"),
		"result_notes": plain("Fair results"),
	},
	"booth": {
		"fair_id": refCol("Fair", "fair"), "number": plain("Booth number"), "width_cm": plain("Width (cm)"),
		"depth_cm": plain("Depth (cm)"), "kind": enumCol("Booth kind", boothKindLabel), "price": moneyCol("Booth price (đồng)"),
	},
	"plan": {
		"year": plain("Plan year"), "name": plain("Plan name"), "decision": plain("Decision number"),
		"decision_date": plain("Decision date"), "notes": notesCol,
	},
	"programme": {
		"plan_id": refCol("Plan", "plan"), "year": plain("Plan year"), "code": plain("Programme code"), "name": plain("Programme name"),
		"content": enumCol("Content", contentLabel), "funding": enumCol("Funding", fundingLabel),
		"decision": plain("Decision number"), "decision_date": plain("Decision date"), "unit": plain("Implementing unit"),
		"start_date": fromCol, "end_date": toCol, "support": moneyCol("Industrial promotion support (đồng)"),
		"own": moneyCol("Own contribution (đồng)"), "status": enumCol("Status", programmeStatusLabel), "cancel_reason": statusRsn,
	},
	"payment": {
		"programme_id": refCol("Programme", "programme"), "kind": enumCol("Payment kind", paymentKindLabel), "paid_on": plain("Date paid"),
		"amount": moneyCol("Amount (đồng)"), "voucher": plain("Voucher number"), "class_id": refCol("Class", "class"),
		"booking_id": refCol("Booking", "booking"), "equipment_id": refCol("Equipment support", "equipment"), "notes": notesCol,
	},
	"equipment": {
		"code": plain("Record code"), "enterprise_id": refCol("Enterprise supported", "enterprise"), "programme_id": refCol("Đề án paying", "programme"),
		"kind": enumCol("Kind of support", equipmentKindLabel), "what": plain("Machine, line or model"),
		"supplier": plain("Supplier"), "requested_on": plain("Requested on"), "investment": moneyCol("Total investment (đồng)"),
		"requested": moneyCol("Support requested (đồng)"), "approved": moneyCol("Support approved (đồng)"),
		"rule": plain("Rule of the kind"), "over_cap_reason": plain("Reason above the rule"),
		"status": enumCol("Status", equipmentStatusLabel), "refusal_reason": statusRsn,
		"accepted_on": plain("Accepted on"), "paid_on": plain("Paid on"), "documents": plain("Document numbers"),
	},
	"village": {
		"name": plain("Village name"), "ward_code": wardCol, "trade": plain("Trade"), "decision": plain("Recognising decision"),
		"recognised_on": plain("Recognised on"), "households": plain("Households in the trade"),
		"workers": plain("Workers in the trade"), "contact_name": plain("Contact person"),
		"contact_phone": phoneCol("Contact phone"), "notes": notesCol,
	},
	"certificate": {
		"enrollment_id": refCol("Enrolment", "enrollment"), "class_id": refCol("Class", "class"), "trainee_id": refCol("Trainee", "trainee"),
		"serial": plain("Serial"), "register_year": plain("Register year"), "register_no": plain("Register no."),
		"issued_on": plain("Issued on"), "content": plain("Certificate content"),
		"status": enumCol("Status", certStatusLabel), "revoked_on": plain("Revoked on"), "reason": statusRsn,
		"replaced_by": plain("Replaced by"), "replaces": plain("Re-issues"), "received_on": plain("Received on"),
	},
	"enrollment": {
		"class_id": refCol("Class", "class"), "trainee_id": refCol("Trainee", "trainee"),
		"status": enumCol("Status", data.EnrollmentStatus.Label), "withdrawn_on": plain("Withdrawn on"),
		"withdraw_reason": statusRsn, "score": plain("Score"), "employed": yesNo("Employed"),
		"employer_id": refCol("Employer", "enterprise"), "employer": plain("Employer"), "employed_on": plain("Employed on"),
	},
	"session": {
		"class_id": refCol("Class", "class"), "date": plain("Date"), "hours": plain("Hours"), "topic": plain("Topic"),
	},
	"user": {
		"login": plain("Login name"), "full_name": plain("Full name"), "role": enumCol("User role", data.Role.Label),
		"disabled": yesNo("Account disabled"), "locked_until": plain("Locked until"), "last_sign_in": plain("Last sign-in"),
	},
}

// auditHidden reports whether column is a certificate's seal — its content hash, the previous
// row's hash, the signature and the key that made it — which the history records but which a
// clerk never typed and cannot read. (The store leaves bookkeeping columns out itself.)
func auditHidden(column string) bool {
	switch column {
	case "hash", "prev_hash", "signature", "key_id":
		return true
	}
	return false
}

// auditLabel is the label of a record's column, as its form names it.
func auditLabel(entity, column string) string {
	if f, ok := auditFields[entity][column]; ok {
		return lang.L(f.label)
	}
	return column
}

// maxValueRunes is the longest value the history writes out; the rest is cut with "…" (a
// certificate's content is a long text the register keeps whole).
const maxValueRunes = 300

// auditWords writes the history's values as the forms show them; it knows the catalogues of wards
// and districts, whose codes a record stores, and finds the names of the records it points to.
type auditWords struct {
	m         *Main
	divisions map[string]data.Division
	// names are the names of records already found, by kind and number; "" for one not found.
	// The log's Excel copy writes values off the UI goroutine, hence mu.
	mu    sync.Mutex
	names map[recordKey]string
}

// recordKey is a record of the history: its kind and number.
type recordKey struct {
	kind string
	id   int64
}

// newAuditWords reads the catalogues the history names codes from.
func newAuditWords(m *Main) *auditWords {
	w := &auditWords{m: m, divisions: map[string]data.Division{}, names: map[recordKey]string{}}
	if d := m.Services.Divisions; d != nil {
		maps.Copy(w.divisions, catalogue(m, d.Wards))
		maps.Copy(w.divisions, catalogue(m, d.Districts))
	}
	return w
}

// recordName is the name of record id of kind ("Công ty TNHH Gốm Minh Long", "LH-2026-001"),
// read once; "bản ghi số 12" when the window cannot find it (removed since, or of a kind without
// a name).
func (w *auditWords) recordName(kind string, id int64) string {
	k := recordKey{kind, id}
	w.mu.Lock()
	defer w.mu.Unlock()
	name, read := w.names[k]
	if !read {
		name = w.find(k)
		w.names[k] = name
	}
	if name == "" {
		return lang.L("record no. {{.ID}}", map[string]any{"ID": id})
	}
	return name
}

// find reads the name of record k from its service, "" when it cannot.
func (w *auditWords) find(k recordKey) string {
	ctx, s := w.m.ctx(), w.m.Services
	var name string
	var err error
	switch {
	case k.kind == "enterprise" && s.Enterprises != nil:
		name, err = nameOf(s.Enterprises.FindEnterpriseByID(ctx, k.id))(func(e *data.Enterprise) string { return e.Name })
	case k.kind == "trainee" && s.Trainees != nil:
		name, err = nameOf(s.Trainees.FindTraineeByID(ctx, k.id))(func(t *data.Trainee) string { return t.Name.Full() })
	case k.kind == "class" && s.Classes != nil:
		name, err = nameOf(s.Classes.FindClassByID(ctx, k.id))(func(c *data.Class) string { return c.Code })
	case k.kind == "fair" && s.Fairs != nil:
		name, err = nameOf(s.Fairs.FindFairByID(ctx, k.id))(func(f *data.Fair) string { return f.Code })
	case k.kind == "programme" && s.Programmes != nil:
		name, err = nameOf(s.Programmes.FindProgrammeByID(ctx, k.id))(func(g *data.Programme) string { return g.Code })
	case k.kind == "village" && s.Villages != nil:
		name, err = nameOf(s.Villages.FindVillageByID(ctx, k.id))(func(v *data.Village) string { return v.Name })
	case k.kind == "equipment" && s.Equipment != nil:
		name, err = nameOf(s.Equipment.FindEquipmentByID(ctx, k.id))(func(q *data.Equipment) string { return q.Code })
	}
	if err != nil {
		return ""
	}
	return name
}

// nameOf names what a finder returned with name, keeping its error.
func nameOf[T any](v T, err error) func(name func(T) string) (string, error) {
	return func(name func(T) string) (string, error) {
		if err != nil {
			return "", err
		}
		return name(v), nil
	}
}

// value writes a value of a record's column as its form shows it, "(trống)" for nothing.
func (w *auditWords) value(entity, column, v string) string {
	if v == "" {
		return lang.L("(empty)")
	}
	f, ok := auditFields[entity][column]
	switch {
	case ok && f.ref != "":
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id != 0 {
			v = w.recordName(f.ref, id)
		}
	case ok && f.division:
		if d, known := w.divisions[v]; known {
			v = capitalize(d.Label())
		}
	case ok && f.format != nil:
		v = f.format(v)
	default:
		v = dateOrInstant(v)
	}
	if utf8.RuneCountInString(v) > maxValueRunes {
		v = string([]rune(v)[:maxValueRunes]) + "…"
	}
	return v
}

// dateOrInstant writes a stored day (2026-11-30) or instant the Vietnamese way, and any other
// value as it is.
func dateOrInstant(v string) string {
	if d, err := vn.ParseISODate(v); err == nil {
		return d.String()
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return instantText(t)
	}
	return v
}

// instantText writes an instant of the history in the computer's time zone: "30/11/2026 14:05".
func instantText(t time.Time) string { return t.Local().Format("02/01/2006 15:04") }

// auditEntities are the records the history names, in the order the log's filter offers them.
var auditEntities = []string{"enterprise", "trainee", "class", "session", "enrollment", "certificate", "fair", "booth",
	"booking", "plan", "programme", "payment", "equipment", "village", "user", "setting"}

// entityLabel names a kind of record: "enterprise" is "Doanh nghiệp".
func entityLabel(entity string) string {
	key := "entity." + entity
	if t := lang.L(key); t != key {
		return t
	}
	return entity
}

// actionLabel names what a change did: "update" is "Sửa".
func actionLabel(action string) string {
	key := "action." + action
	if t := lang.L(key); t != key {
		return t
	}
	return action
}

// change says one field's change: "A → B"; a created record's value alone, a removed
// one's value followed by "→ (đã xóa)".
func (w *auditWords) change(entity string, c data.FieldChange) string {
	after := w.value(entity, c.Field, c.After)
	switch {
	case !c.HadBefore:
		return after
	case !c.HasAfter:
		return w.value(entity, c.Field, c.Before) + " → " + lang.L("(removed)")
	}
	return w.value(entity, c.Field, c.Before) + " → " + after
}

// shownChanges are the changes of e a clerk reads: without the columns only the program reads.
func shownChanges(e *data.AuditEntry) []data.FieldChange {
	var out []data.FieldChange
	for _, c := range e.Changes {
		if !auditHidden(c.Field) {
			out = append(out, c)
		}
	}
	return out
}

// changesLine says every field e changed on one line, for the log's table and its Excel copy.
func (w *auditWords) changesLine(e *data.AuditEntry) string {
	var parts []string
	for _, c := range shownChanges(e) {
		parts = append(parts, auditLabel(e.Entity, c.Field)+": "+w.change(e.Entity, c))
	}
	return strings.Join(parts, "; ")
}
