package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// traineeForm adds or edits one trainee. The Học viên screen shows it beside the list; the
// enrolment of a class uses it to create a trainee inline. Fields check themselves as the clerk
// types; what only the store can know (a CCCD already registered, a namesake born the same day, a
// colleague's newer save) is shown above the fields, and the typed data stays in the form.
type traineeForm struct {
	m       *Main
	t       *data.Trainee // as last read or saved
	content fyne.CanvasObject
	dirty   bool

	// onSaved is called with the stored trainee after a create or an update, and when the clerk
	// saves an existing record without changes (nothing is written then).
	onSaved func(*data.Trainee)
	// onCancel is called when the clerk closes the form (Esc), after agreeing to drop changes.
	onCancel func()
	// onExisting is called when the clerk answers that the person is one already registered; when
	// nil the form shows that stored record instead of what was typed.
	onExisting func(*data.Trainee)
	// today gives the day birth dates are checked against as the clerk types.
	today func() vn.Date

	wards map[string]data.Division

	title      *widget.Label
	message    *widget.Label
	name       *widgets.Entry
	gender     *widget.RadioGroup
	birthDate  *widgets.Entry
	birthPlace *widgets.Entry
	ethnicity  *widgets.Entry
	cccd       *widgets.Entry
	phone      *widgets.Entry
	ward       *widgets.Picker
	address    *widgets.Entry
	workplace  *widgets.Entry
	policy     *widgets.Entry
	saveBtn    *widget.Button
	closeBtn   *widget.Button
	changes    *historyButton

	historyTitle *widget.Label
	history      *fyne.Container // one row a class attended
	historyRows  []*data.TraineeClass

	filling       bool // the fields are being set by the program, not typed
	genderTouched bool // the clerk chose the gender, so a CCCD typed later does not change it
	dialog        dialog.Dialog
}

// newTraineeForm returns a form over t (a new trainee when t is nil or t.ID is 0). onSaved is
// called with the stored trainee after a successful save; onCancel when the clerk closes the form.
// Put f.content where the form should show; f.save() saves it (Ctrl+S).
func newTraineeForm(m *Main, t *data.Trainee, onSaved func(*data.Trainee), onCancel func()) *traineeForm {
	if t == nil {
		t = &data.Trainee{}
	}
	f := &traineeForm{m: m, onSaved: onSaved, onCancel: onCancel, today: m.today}
	f.wards = catalogue(m, m.Services.Divisions.Wards)
	f.build()
	f.fill(t)
	return f
}

// entry makes a text field that checks itself with valid, marks the form changed, and cancels on Esc.
func (f *traineeForm) entry(valid func(string) error) *widgets.Entry {
	e := widgets.NewEntry()
	e.Validator = valid
	e.OnChanged = func(string) { f.changed() }
	e.OnEscape = f.cancel
	return e
}

func (f *traineeForm) build() {
	f.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.title.Wrapping = fyne.TextWrapWord
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	f.message.Hide()

	nameCheck := maxLen(lang.L("Full name"), data.MaxShortLen)
	f.name = f.entry(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Enter the trainee's full name."))
		}
		return nameCheck(s)
	})
	f.name.SetPlaceHolder(lang.L("Family, middle and given name"))

	genders := []string{genderText(false), genderText(true)}
	f.gender = widget.NewRadioGroup(genders, func(string) {
		if !f.filling {
			f.genderTouched = true
			f.changed()
		}
	})
	f.gender.Horizontal = true
	f.gender.Required = true

	f.birthDate = f.entry(f.checkBirthDate)
	f.birthDate.SetPlaceHolder(lang.L("dd/mm/yyyy"))
	f.birthPlace = f.entry(maxLen(lang.L("Birthplace"), data.MaxShortLen))
	f.birthPlace.SetPlaceHolder(lang.L("Province or city, e.g. Hà Nội"))
	f.ethnicity = f.entry(maxLen(lang.L("Ethnicity"), data.MaxShortLen))
	f.cccd = f.entry(func(s string) error { _, err := vn.NormalizeCCCD(s); return err })
	f.cccd.SetPlaceHolder(lang.L("12 digits, e.g. 001190012345"))
	f.cccd.OnChanged = func(s string) {
		f.changed()
		f.genderFromCCCD(s)
	}
	f.phone = f.entry(func(s string) error { _, err := vn.NormalizePhone(s); return err })
	f.phone.SetPlaceHolder(lang.L("Mobile, or landline with its area code"))
	f.ward = widgets.NewPicker(divisionOptions(f.wards), lang.L("Type to find a ward or commune"))
	f.ward.OnChanged = func(string) { f.changed() }
	f.ward.OnEscape = f.cancel
	f.address = f.entry(maxLen(lang.L("Address"), data.MaxShortLen))
	f.address.SetPlaceHolder(lang.L("House number, street, hamlet or village"))
	f.workplace = f.entry(maxLen(lang.L("Workplace"), data.MaxShortLen))
	f.workplace.SetPlaceHolder(lang.L("Enterprise, cooperative or household business"))
	f.policy = f.entry(maxLen(lang.L("Policy group"), data.MaxShortLen))
	f.policy.SetPlaceHolder(lang.L("Poor household, person with disability… (if any)"))

	form := widget.NewForm(
		widget.NewFormItem(starred(lang.L("Full name")), f.name),
		widget.NewFormItem(lang.L("Gender"), f.gender),
		widget.NewFormItem(starred(lang.L("Birth date")), f.birthDate),
		widget.NewFormItem(lang.L("Birthplace"), f.birthPlace),
		widget.NewFormItem(lang.L("Ethnicity"), f.ethnicity),
		widget.NewFormItem(lang.L("CCCD number"), f.cccd),
		widget.NewFormItem(lang.L("Phone"), f.phone),
		widget.NewFormItem(lang.L("Ward / commune"), f.ward),
		widget.NewFormItem(lang.L("Address"), f.address),
		widget.NewFormItem(lang.L("Workplace"), f.workplace),
		widget.NewFormItem(lang.L("Policy group"), f.policy),
		requiredNote(),
	)

	f.historyTitle = widget.NewLabelWithStyle(lang.L("Classes attended"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.history = container.NewVBox()

	f.saveBtn = widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.m.allow(data.RightRegister, f.saveBtn)
	f.closeBtn = widget.NewButtonWithIcon(lang.L("Close (Esc)"), theme.CancelIcon(), f.cancel)
	f.changes = f.m.newHistoryButton("trainee", 0, "")
	buttons := container.NewHBox(f.saveBtn, f.closeBtn, layout.NewSpacer(), f.changes.button)

	body := container.NewVBox(form, widget.NewSeparator(), f.historyTitle, f.history)
	f.content = container.NewBorder(
		container.NewVBox(f.title, f.message), buttons, nil, nil,
		container.NewVScroll(body))
}

// checkBirthDate checks a birth date as typed: a real date, not to come, and of someone at least
// data.MinTraineeAge years old.
func (f *traineeForm) checkBirthDate(s string) error {
	d, err := vn.ParseDate(s)
	if err != nil {
		return err
	}
	if d.IsZero() {
		return errors.New(lang.L("Enter the birth date, e.g. 25/03/1990."))
	}
	today := f.today()
	if today.Before(d) {
		return errors.New(lang.L("The birth date {{.Date}} has not come yet (today is {{.Today}}).", map[string]any{"Date": d.String(), "Today": today.String()}))
	}
	if age := data.Age(d, today); age < data.MinTraineeAge {
		return errors.New(lang.L("A trainee must be at least {{.Min}} years old; someone born on {{.Date}} is {{.Age}}.", map[string]any{"Min": data.MinTraineeAge, "Date": d.String(), "Age": age}))
	}
	return nil
}

// genderFromCCCD sets the gender a valid CCCD gives, unless the clerk chose it.
func (f *traineeForm) genderFromCCCD(s string) {
	if f.filling || f.genderTouched {
		return
	}
	info, err := vn.ParseCCCD(s)
	if err != nil {
		return
	}
	f.filling = true
	f.gender.SetSelected(genderText(info.Female))
	f.filling = false
}

// fill shows t in the fields, and its history when it is stored.
func (f *traineeForm) fill(t *data.Trainee) {
	f.filling = true
	defer func() { f.filling = false }()
	f.t = t
	if t.ID == 0 {
		f.title.SetText(lang.L("New trainee"))
	} else {
		f.title.SetText(t.Name.Full())
	}
	f.name.SetText(t.Name.Full())
	f.gender.SetSelected(genderText(t.Female))
	f.genderTouched = t.ID != 0
	f.birthDate.SetText(t.BirthDate.String())
	f.birthPlace.SetText(t.BirthPlace)
	ethnicity := t.Ethnicity
	if ethnicity == "" {
		ethnicity = data.DefaultEthnicity
	}
	f.ethnicity.SetText(ethnicity)
	f.cccd.SetText(t.CCCD)
	f.phone.SetText(vn.FormatPhone(t.Phone))
	f.ward.SetSelected(t.WardCode)
	f.address.SetText(t.Address)
	f.workplace.SetText(t.Workplace)
	f.policy.SetText(t.PolicyGroup)
	f.message.Hide()
	f.dirty = false
	f.changes.set(t.ID, t.Name.Full())
	f.loadHistory()
}

func (f *traineeForm) changed() {
	if !f.filling {
		f.dirty = true
	}
}

// read returns the trainee the fields describe, over the record being edited.
func (f *traineeForm) read() (*data.Trainee, error) {
	t := *f.t
	t.Name = vn.SplitName(f.name.Text)
	t.Female = f.gender.Selected == genderText(true)
	d, err := vn.ParseDate(f.birthDate.Text)
	if err != nil {
		return nil, &data.Error{Code: data.EINVALID, Message: err.Error()}
	}
	t.BirthDate = d
	t.BirthPlace = f.birthPlace.Text
	t.Ethnicity = f.ethnicity.Text
	t.CCCD = f.cccd.Text
	t.Phone = f.phone.Text
	t.WardCode = f.ward.Selected()
	t.Address = f.address.Text
	t.Workplace = f.workplace.Text
	t.PolicyGroup = f.policy.Text
	return &t, nil
}

// save stores the form. On any refusal the fields keep what the clerk typed. Saving a stored
// record that was not changed writes nothing and reports it saved.
func (f *traineeForm) save() {
	if f.t.ID != 0 && !f.dirty {
		f.saved(f.t)
		return
	}
	f.store(false)
}

// store creates or updates the trainee; confirmed says the clerk answered that a namesake born the
// same day is another person.
func (f *traineeForm) store(confirmed bool) {
	t, err := f.read()
	if err == nil {
		svc := f.m.Services.Trainees
		if t.ID == 0 {
			err = svc.CreateTrainee(f.m.ctx(), t, confirmed)
		} else {
			err = svc.UpdateTrainee(f.m.ctx(), t)
		}
	}
	var dup *data.DuplicateTraineeError
	switch {
	case errors.As(err, &dup) && dup.SameCCCD:
		f.showMessage(err)
		f.offerExisting(dup)
	case errors.As(err, &dup) && t.ID == 0:
		f.askSamePerson(dup)
	case err != nil:
		f.showMessage(err)
	default:
		f.fill(t)
		f.saved(t)
	}
}

func (f *traineeForm) saved(t *data.Trainee) {
	if f.onSaved != nil {
		f.onSaved(t)
	}
}

// askSamePerson asks whether the trainee typed is the namesake born the same day already stored.
func (f *traineeForm) askSamePerson(dup *data.DuplicateTraineeError) {
	msg := widget.NewLabel(dup.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.L("Same person?"), container.NewGridWrap(fyne.NewSize(460, msg.MinSize().Height*3), msg), f.m.Window)
	same := widget.NewButtonWithIcon(lang.L("This is the same person"), theme.AccountIcon(), func() {
		d.Hide()
		f.useExisting(dup.Existing)
	})
	other := widget.NewButtonWithIcon(lang.L("A different person"), theme.ContentAddIcon(), func() {
		d.Hide()
		f.store(true)
	})
	other.Importance = widget.HighImportance
	back := widget.NewButton(lang.L("Cancel"), d.Hide)
	d.SetButtons([]fyne.CanvasObject{back, same, other})
	f.dialog = d
	d.Show()
}

// offerExisting offers to open the trainee whose CCCD the typed one clashes with.
func (f *traineeForm) offerExisting(dup *data.DuplicateTraineeError) {
	msg := widget.NewLabel(dup.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(lang.L("CCCD already registered"), container.NewGridWrap(fyne.NewSize(460, msg.MinSize().Height*3), msg), f.m.Window)
	open := widget.NewButtonWithIcon(lang.L("Open the existing record"), theme.AccountIcon(), func() {
		d.Hide()
		f.useExisting(dup.Existing)
	})
	open.Importance = widget.HighImportance
	back := widget.NewButton(lang.L("Check the number"), d.Hide)
	d.SetButtons([]fyne.CanvasObject{back, open})
	f.dialog = d
	d.Show()
}

// useExisting takes the stored trainee instead of the one typed.
func (f *traineeForm) useExisting(t *data.Trainee) {
	if f.onExisting != nil {
		f.onExisting(t)
		return
	}
	f.fill(t)
}

func (f *traineeForm) showMessage(err error) { f.m.showRefusal(f.message, err) }

// cancel closes the form, asking first when it has unsaved changes.
func (f *traineeForm) cancel() {
	if !f.dirty {
		f.closed()
		return
	}
	f.m.confirmDiscard(func() {
		f.dirty = false
		f.closed()
	})
}

// view implements detail.
func (f *traineeForm) view() fyne.CanvasObject { return f.content }

// unsaved implements detail.
func (f *traineeForm) unsaved() bool { return f.dirty }

// focus is the field the cursor starts in.
func (f *traineeForm) focus() fyne.Focusable { return f.name }

func (f *traineeForm) closed() {
	if f.onCancel != nil {
		f.onCancel()
	}
}

// loadHistory lists the classes the trainee attended, with the result in each.
func (f *traineeForm) loadHistory() {
	f.historyRows = nil
	f.history.Objects = nil
	if f.t.ID == 0 {
		f.historyTitle.Hide()
		f.history.Hide()
		return
	}
	f.historyTitle.Show()
	f.history.Show()
	rows, err := f.m.Services.Trainees.TraineeHistory(f.m.ctx(), f.t.ID)
	if err != nil {
		f.showMessage(err)
		return
	}
	f.historyRows = rows
	if len(rows) == 0 {
		none := widget.NewLabel(lang.L("Has not attended any class yet."))
		none.Importance = widget.LowImportance
		f.history.Objects = []fyne.CanvasObject{none}
	}
	for _, r := range rows {
		head := widget.NewLabelWithStyle(r.Class.Code+" · "+r.Class.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		detail := widget.NewLabel(historyDetail(r))
		detail.Wrapping = fyne.TextWrapWord
		f.history.Objects = append(f.history.Objects, container.NewVBox(head, detail))
	}
	f.history.Refresh()
}

// historyDetail says, on one line, when a class ran and how the trainee did in it.
func historyDetail(r *data.TraineeClass) string {
	c, v := r.Class, r.Result
	parts := []string{c.Start.String() + " – " + c.End.String(), classStatusText(c.Status)}
	if v.HasScore {
		parts = append(parts, lang.L("Score {{.Score}} ({{.Grade}})", map[string]any{"Score": data.FormatScore(v.Score), "Grade": v.Grade}))
	}
	if v.Sessions > 0 {
		parts = append(parts, lang.L("attended {{.Percent}}%", map[string]any{"Percent": v.AttendancePercent}))
	}
	switch {
	case v.Eligible && c.Status == data.ClassCertified:
		parts = append(parts, lang.L("Certificate issued"))
	case v.Eligible:
		parts = append(parts, lang.L("Eligible for a certificate"))
	case v.Reason != "":
		parts = append(parts, v.Reason)
	}
	return strings.Join(parts, " · ")
}

// classStatusText names a class status in the interface's language, as the class screen does.
func classStatusText(st data.ClassStatus) string {
	key := "classstatus." + string(st)
	if s := lang.L(key); s != key {
		return s
	}
	return st.Label()
}
