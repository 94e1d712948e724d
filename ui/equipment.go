package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// equipmentScreen is the list of equipment and demonstration-model support (hỗ trợ thiết bị và
// mô hình); opening a record shows its page: the request, the rule of its kind, and the moves
// that approve, accept, pay or refuse it.
type equipmentScreen struct {
	*listScreen[*data.Equipment, *equipmentPage]

	year   *choice[int]
	kind   *choice[data.EquipmentKind]
	status *choice[data.EquipmentStatus]
	// rulesDialog is the rules dialog last opened.
	rulesDialog *rulesDialog
}

func newEquipmentScreen(m *Main) *equipmentScreen {
	s := &equipmentScreen{listScreen: newListScreen[*data.Equipment, *equipmentPage](m)}
	s.year = newYearChoice(m.today, s.reload)
	s.kind = newChoice(lang.L("All kinds of support"), data.EquipmentKinds, equipmentKindLabel, s.reload)
	s.status = newChoice(lang.L("All statuses"), data.EquipmentStatuses, equipmentStatusLabel, s.reload)
	svc := m.Services.Equipment
	add := widget.NewButtonWithIcon(lang.L("Add support request"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	s.m.allow(data.RightProgrammes, add)
	s.build(listSpec[*data.Equipment, *equipmentPage]{
		Search: lang.L("Search by code, enterprise, machine, supplier… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Equipment]{
			{Title: lang.L("Record code"), Samples: []string{"TB-2026-008"}, Text: func(e *data.Equipment) string { return e.Code }},
			{Title: lang.L("Enterprise"), Width: 180, Grow: true, Text: func(e *data.Equipment) string { return shortName(e.EnterpriseName) }},
			{Title: lang.L("What"), Width: 160, Grow: true, Optional: true, Text: func(e *data.Equipment) string { return e.What }},
			{Title: lang.L("Kind of support"), Samples: labelsOf(data.EquipmentKinds, equipmentKindLabel), Optional: true, Text: func(e *data.Equipment) string { return equipmentKindLabel(e.Kind) }},
			{Title: lang.L("Đề án"), Samples: []string{"ĐA-03/2026"}, Optional: true, Text: func(e *data.Equipment) string { return e.ProgrammeCode }},
			{Title: lang.L("Requested on"), Samples: []string{sampleDate}, Text: func(e *data.Equipment) string { return e.RequestedOn.String() }},
			{Title: lang.L("Support approved"), Samples: []string{"500.000.000 đ"}, Trailing: true, Text: approvedText},
			{Title: lang.L("Status"), Samples: labelsOf(data.EquipmentStatuses, equipmentStatusLabel), Text: func(e *data.Equipment) string { return equipmentStatusLabel(e.Status) }},
		},
		Filters:       []fyne.CanvasObject{s.year, s.kind, s.status},
		FilterColumns: 3,
		Actions:       []fyne.CanvasObject{add, widget.NewButtonWithIcon(lang.L("Support rules…"), theme.SettingsIcon(), func() { s.editRules() })},
		Count:         func(ctx context.Context) (int, error) { return svc.CountEquipment(ctx, s.filter()) },
		CountText:     "{{.Count}} support records",
		Fetch: func(ctx context.Context, offset, limit int, _ string, _ bool) ([]*data.Equipment, error) {
			f := s.filter()
			f.Offset, f.Limit = offset, limit
			return svc.FindEquipment(ctx, f) // newest request first
		},
		Open: func(e *data.Equipment) (*equipmentPage, error) {
			if e.ID != 0 {
				var err error
				if e, err = svc.FindEquipmentByID(m.ctx(), e.ID); err != nil {
					return nil, err
				}
			}
			return newEquipmentPage(s, e), nil
		},
		Page: true,
	})
	return s
}

// New opens a new request (Ctrl+N), dated today, for a machine.
func (s *equipmentScreen) New() {
	s.open(&data.Equipment{Kind: data.EquipmentMachine, Status: data.EquipmentRequested, RequestedOn: s.m.today()})
}

func (s *equipmentScreen) filter() data.EquipmentFilter {
	return data.EquipmentFilter{Search: s.search.Text, Year: s.year.value(), Kind: s.kind.value(), Status: s.status.value()}
}

// rules are the settings' rules of each kind, the defaults when they cannot be read.
func (s *equipmentScreen) rules() data.EquipmentSettings {
	st, err := s.m.Services.Equipment.EquipmentSettings(s.m.ctx())
	if err != nil || st.Rules == nil {
		return data.DefaultEquipmentSettings()
	}
	return st
}

// equipmentKindLabel names a kind of equipment support in the interface's language.
func equipmentKindLabel(k data.EquipmentKind) string { return lang.L("equipkind." + string(k)) }

// equipmentStatusLabel names an equipment record's status in the interface's language.
func equipmentStatusLabel(st data.EquipmentStatus) string { return lang.L("equipstatus." + string(st)) }

// approvedText is the support approved, blank before approval.
func approvedText(e *data.Equipment) string {
	if !e.Status.Commits() {
		return ""
	}
	return money(e.Approved)
}

// equipmentRuleText says a rule in a line: "50% tổng vốn đầu tư, tối đa 200.000.000 đ".
func equipmentRuleText(r data.EquipmentRule) string {
	out := lang.L("{{.Share}}% of the investment", map[string]any{"Share": r.SharePercent})
	if r.Cap > 0 {
		out += lang.L(", at most {{.Cap}}", map[string]any{"Cap": money(r.Cap)})
	}
	return out
}

// equipmentPage is one support record: its status and moves above the request's form.
type equipmentPage struct {
	s       *equipmentScreen
	e       *data.Equipment
	content fyne.CanvasObject
	header  *pageHeader
	form    *equipmentForm
	// moving is the move dialog open, nil when none: Ctrl+S confirms it.
	moving  *moveDialog
	changes *historyButton
}

func newEquipmentPage(s *equipmentScreen, e *data.Equipment) *equipmentPage {
	p := &equipmentPage{s: s, changes: s.m.newHistoryButton("equipment", 0, "")}
	p.header = newPageHeader(lang.L("Equipment support"), s.back, p.changes.button)
	p.header.frozen = !s.m.can(data.RightProgrammes) && !s.m.can(data.RightApprove)
	p.form = newEquipmentForm(p, e)
	p.content = container.NewBorder(p.header.content, nil, nil, nil, p.form.content)
	p.show(e)
	return p
}

// show puts the record's title, status and moves in the header.
func (p *equipmentPage) show(e *data.Equipment) {
	p.e = e
	p.changes.set(e.ID, e.Code)
	if e.ID == 0 {
		p.header.show(lang.L("New support request"), "", nil, "", nil)
		return
	}
	next := e.Status.Next()
	labels := make([]string, len(next))
	for i, to := range next {
		labels[i] = lang.L("equipmove." + string(to))
	}
	p.header.show(e.Code+" · "+e.EnterpriseName, equipmentStatusLabel(e.Status), labels,
		lang.L("equipmove."+string(data.EquipmentRefused)), func(i int) { p.move(next[i]) })
}

// view implements detail.
func (p *equipmentPage) view() fyne.CanvasObject { return p.content }

// focus is the field the cursor starts in.
func (p *equipmentPage) focus() fyne.Focusable { return p.form.enterprise }

// unsaved implements detail.
func (p *equipmentPage) unsaved() bool { return p.form.dirty }

// save saves the request (Ctrl+S).
func (p *equipmentPage) save() {
	if p.form.dirty || p.form.e.ID == 0 {
		p.form.save()
	}
}

// moved shows the record as a move left it.
func (p *equipmentPage) moved(e *data.Equipment) {
	p.form.fill(e)
	p.show(e)
	p.s.recount()
}
