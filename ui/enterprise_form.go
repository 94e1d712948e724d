package ui

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// enterpriseForm adds or edits one enterprise beside the list. Fields check themselves as the
// clerk types; what only the store can know (a tax code already registered, a colleague's newer
// save) is shown above the fields, and the typed data stays in the form.
type enterpriseForm struct {
	s       *enterpriseScreen
	e       *data.Enterprise // as last read or saved
	content fyne.CanvasObject
	dirty   bool

	title    *widget.Label
	message  *widget.Label
	kind     *widget.Select
	name     *widgets.Entry
	taxCode  *widgets.Entry
	rep      *widgets.Entry
	phone    *widgets.Entry
	email    *widgets.Entry
	address  *widgets.Entry
	ward     *widgets.Picker
	district *widgets.Picker
	trade    *widget.SelectEntry
	village  *widgets.Picker
	workers  *widgets.Entry
	products *widgets.Entry
	notes    *widgets.Entry
	history  *fyne.Container // the enterprise's fairs, for one stored
	tabs     *container.AppTabs
	archive  *widget.Button
	remove   *widget.Button
	saveBtn  *widget.Button
	changes  *historyButton
}

func newEnterpriseForm(s *enterpriseScreen, e *data.Enterprise) *enterpriseForm {
	f := &enterpriseForm{s: s, e: e}
	f.build()
	f.fill(e)
	return f
}

// entry makes a text field that checks itself with valid, marks the form changed, and cancels on Esc.
func (f *enterpriseForm) entry(multiLine bool, valid func(string) error) *widgets.Entry {
	var e *widgets.Entry
	if multiLine {
		e = widgets.NewMultiLineEntry()
		e.SetMinRowsVisible(2)
	} else {
		e = widgets.NewEntry()
	}
	e.Validator = valid
	e.OnChanged = func(string) { f.changed() }
	e.OnEscape = f.cancel
	return e
}

// maxLen is a field check: no more than n characters.
func maxLen(label string, n int) func(string) error {
	return func(s string) error {
		if c := utf8.RuneCountInString(s); c > n {
			return errors.New(lang.L("{{.Field}} has {{.Count}} characters; at most {{.Max}}.", map[string]any{"Field": label, "Count": c, "Max": n}))
		}
		return nil
	}
}

func (f *enterpriseForm) build() {
	f.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	f.message.Hide()

	kinds := make([]string, len(data.EnterpriseKinds))
	for i, k := range data.EnterpriseKinds {
		kinds[i] = kindLabel(k)
	}
	f.kind = widget.NewSelect(kinds, func(string) { f.changed() })

	nameCheck := maxLen(lang.L("Name"), data.MaxNameLen)
	f.name = f.entry(false, func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(lang.L("Enter the enterprise's name."))
		}
		return nameCheck(s)
	})
	f.taxCode = f.entry(false, func(s string) error { _, err := vn.NormalizeTaxCode(s); return err })
	f.taxCode.SetPlaceHolder(lang.L("10 digits; a branch adds -3 digits"))
	f.rep = f.entry(false, maxLen(lang.L("Representative"), data.MaxShortLen))
	f.rep.SetPlaceHolder(lang.L("Family, middle and given name"))
	f.phone = f.entry(false, func(s string) error { _, err := vn.NormalizePhone(s); return err })
	f.phone.SetPlaceHolder(lang.L("Mobile, or landline with its area code"))
	f.email = f.entry(false, func(s string) error { _, err := vn.NormalizeEmail(s); return err })
	f.address = f.entry(false, maxLen(lang.L("Address"), data.MaxShortLen))
	f.address.SetPlaceHolder(lang.L("House number, street, hamlet or village"))
	f.ward = widgets.NewPicker(divisionOptions(f.s.wards), lang.L("Type to find a ward or commune"))
	f.ward.OnChanged = func(string) { f.changed() }
	f.ward.OnEscape = f.cancel
	f.district = widgets.NewPicker(divisionOptions(f.s.districts), lang.L("Only for records from before 07/2025"))
	f.district.OnChanged = func(string) { f.changed() }
	f.district.OnEscape = f.cancel
	f.trade = widget.NewSelectEntry(f.s.trade.values)
	f.trade.OnChanged = func(string) { f.changed() }
	f.village = f.s.m.villagePicker(f.changed, f.cancel)
	f.workers = f.entry(false, func(s string) error { _, err := parseWorkers(s); return err })
	f.products = f.entry(true, maxLen(lang.L("Products"), data.MaxLongLen))
	f.notes = f.entry(true, maxLen(lang.L("Notes"), data.MaxLongLen))

	form := widget.NewForm(
		widget.NewFormItem(starred(lang.L("Kind")), f.kind),
		widget.NewFormItem(starred(lang.L("Name")), f.name),
		widget.NewFormItem(lang.L("Tax code"), f.taxCode),
		widget.NewFormItem(lang.L("Representative"), f.rep),
		widget.NewFormItem(lang.L("Phone"), f.phone),
		widget.NewFormItem(lang.L("E-mail"), f.email),
		widget.NewFormItem(lang.L("Address"), f.address),
		widget.NewFormItem(lang.L("Ward / commune"), f.ward),
		widget.NewFormItem(lang.L("Old district"), f.district),
		widget.NewFormItem(lang.L("Trade"), f.trade),
		widget.NewFormItem(lang.L("Craft village"), f.village),
		widget.NewFormItem(lang.L("Workers"), f.workers),
		widget.NewFormItem(lang.L("Products"), f.products),
		widget.NewFormItem(lang.L("Notes"), f.notes),
		requiredNote(),
	)

	f.saveBtn = widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), f.save)
	f.saveBtn.Importance = widget.HighImportance
	f.s.m.allow(data.RightRegister, f.saveBtn)
	cancel := widget.NewButtonWithIcon(lang.L("Close (Esc)"), theme.CancelIcon(), f.cancel)
	f.archive = widget.NewButton("", f.toggleArchived)
	f.remove = widget.NewButtonWithIcon(lang.L("Delete"), theme.DeleteIcon(), f.delete)
	f.remove.Importance = widget.DangerImportance
	f.changes = f.s.m.newHistoryButton("enterprise", 0, "")
	buttons := container.NewHBox(f.saveBtn, cancel, layout.NewSpacer(), f.changes.button, f.archive, f.remove)

	f.history = container.NewVBox()
	f.tabs = container.NewAppTabs(container.NewTabItem(lang.L("Enterprise details"), container.NewVScroll(container.NewVBox(form, f.history))))
	f.content = container.NewBorder(container.NewVBox(f.title, f.message), buttons, nil, nil, f.tabs)
}

// fill shows e in the fields.
func (f *enterpriseForm) fill(e *data.Enterprise) {
	f.e = e
	if e.ID == 0 {
		f.title.SetText(lang.L("New enterprise"))
	} else {
		f.title.SetText(e.Name)
	}
	for i, k := range data.EnterpriseKinds {
		if k == e.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	f.name.SetText(e.Name)
	f.taxCode.SetText(e.TaxCode)
	f.rep.SetText(e.Representative.Full())
	f.phone.SetText(vn.FormatPhone(e.Phone))
	f.email.SetText(e.Email)
	f.address.SetText(e.Address)
	f.ward.SetSelected(e.WardCode)
	f.district.SetSelected(e.DistrictCode)
	f.trade.SetText(e.Trade)
	f.village.SetSelected(idKey(e.VillageID))
	f.workers.SetText("")
	if e.Workers != 0 {
		f.workers.SetText(strconv.Itoa(e.Workers))
	}
	f.products.SetText(e.Products)
	f.notes.SetText(e.Notes)
	if e.Archived {
		f.archive.SetText(lang.L("Restore"))
		f.archive.SetIcon(theme.ViewRestoreIcon())
	} else {
		f.archive.SetText(lang.L("Archive"))
		f.archive.SetIcon(theme.FolderIcon())
	}
	f.history.RemoveAll()
	if e.ID != 0 {
		f.history.Add(widget.NewLabelWithStyle(lang.L("Fairs"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		f.history.Add(enterpriseFairHistory(f.s.m, e.ID))
	}
	f.showSupportHistory(e)
	f.archive.Hidden = e.ID == 0
	f.remove.Hidden = e.ID == 0
	f.changes.set(e.ID, e.Name)
	f.message.Hide()
	f.dirty = false
}

func (f *enterpriseForm) changed() { f.dirty = true }

// read returns the enterprise the fields describe, over the record being edited.
func (f *enterpriseForm) read() (*data.Enterprise, error) {
	e := *f.e
	if i := f.kind.SelectedIndex(); i >= 0 {
		e.Kind = data.EnterpriseKinds[i]
	}
	e.Name = f.name.Text
	e.TaxCode = f.taxCode.Text
	e.Representative = vn.SplitName(f.rep.Text)
	e.Phone = f.phone.Text
	e.Email = f.email.Text
	e.Address = f.address.Text
	e.WardCode = f.ward.Selected()
	e.DistrictCode = f.district.Selected()
	e.Trade = f.trade.Text
	if id, name := villageOf(f.village); id != 0 || f.e.VillageID != 0 {
		e.VillageID, e.CraftVillage = id, name // a name outside the register stays until one is chosen
	}
	e.Products = f.products.Text
	e.Notes = f.notes.Text
	n, err := parseWorkers(f.workers.Text)
	if err != nil {
		return nil, &data.Error{Code: data.EINVALID, Message: err.Error()}
	}
	e.Workers = n
	return &e, nil
}

// save stores the form. On any refusal the fields keep what the clerk typed.
func (f *enterpriseForm) save() {
	e, err := f.read()
	if err == nil {
		svc := f.s.m.Services.Enterprises
		if e.ID == 0 {
			err = svc.CreateEnterprise(f.s.m.ctx(), e)
		} else {
			err = svc.UpdateEnterprise(f.s.m.ctx(), e)
		}
	}
	if err != nil {
		f.showMessage(err)
		return
	}
	f.fill(e)
	f.s.loadFacets()
	f.s.reload()
}

func (f *enterpriseForm) showMessage(err error) { f.s.m.showRefusal(f.message, err) }

// cancel closes the form, asking first when it has unsaved changes.
func (f *enterpriseForm) cancel() { f.s.back() }

// view implements detail.
func (f *enterpriseForm) view() fyne.CanvasObject { return f.content }

// unsaved implements detail.
func (f *enterpriseForm) unsaved() bool { return f.dirty }

// focus is the field the cursor starts in.
func (f *enterpriseForm) focus() fyne.Focusable { return f.name }

func (f *enterpriseForm) toggleArchived() {
	if f.dirty {
		f.showMessage(&data.Error{Code: data.EINVALID, Message: lang.L("Save or close the changes first: archiving does not save them.")})
		return
	}
	e, err := f.s.m.Services.Enterprises.SetEnterpriseArchived(f.s.m.ctx(), f.e.ID, f.e.Version, !f.e.Archived)
	if err != nil {
		f.showMessage(err)
		return
	}
	f.fill(e)
	f.s.reload()
}

func (f *enterpriseForm) delete() {
	msg := lang.L("Delete {{.Name}} from the register? This cannot be undone.", map[string]any{"Name": f.e.Name})
	f.s.m.askYesNo(lang.L("Delete enterprise"), msg, func() {
		err := f.s.m.Services.Enterprises.DeleteEnterprise(f.s.m.ctx(), f.e.ID)
		switch {
		case err == nil:
			f.s.closeDetail()
		case data.ErrorCode(err) == data.ECONFLICT && !f.e.Archived:
			// Something points to it: offer what the register allows instead.
			f.s.m.askYesNo(lang.L("Cannot delete"), data.ErrorMessage(err)+"\n\n"+lang.L("Archive it now?"), f.toggleArchived)
		default:
			f.showMessage(err)
		}
	})
}

// parseWorkers reads the number of workers; blank is 0.
func parseWorkers(s string) (int, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ".", ""))
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errors.New(lang.L("The number of workers must be a whole number, such as 25."))
	}
	if n < 0 {
		return 0, errors.New(lang.L("The number of workers cannot be negative."))
	}
	return n, nil
}
