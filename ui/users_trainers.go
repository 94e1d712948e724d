package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
)

// classTrainersActions are the class page's "Giảng viên phụ trách…", for whoever manages users
// and classes (the administrator): a trainer records the attendance and results of the classes
// assigned to them only. Empty for anyone else, or a window without the user service.
func classTrainersActions(m *Main, class func() *data.Class) []fyne.CanvasObject {
	if m.Services.Users == nil || !m.can(data.RightUsers) || !m.can(data.RightTraining) {
		return nil
	}
	return []fyne.CanvasObject{widget.NewButtonWithIcon(lang.L("Trainers…"), theme.AccountIcon(), func() { showClassTrainers(m, class()) })}
}

// trainerLabel names a trainer in the list: full name and login, which two namesakes differ by.
func trainerLabel(u *data.User) string { return u.FullName + " (" + u.Login + ")" }

// showClassTrainers lets the administrator tick the class's trainers among the enabled users
// whose role is giảng viên, and saves them.
func showClassTrainers(m *Main, c *data.Class) {
	ctx := m.ctx()
	users, err := m.Services.Users.FindUsers(ctx)
	if err != nil {
		m.showError(err)
		return
	}
	assigned, err := m.Services.Users.ClassTrainers(ctx, c.ID)
	if err != nil {
		m.showError(err)
		return
	}
	title := lang.L("Trainers of {{.Code}}", map[string]any{"Code": c.Code})
	ids := map[string]int64{}
	var options []string
	for _, u := range users {
		if u.Role == data.RoleTrainer && !u.Disabled {
			options = append(options, trainerLabel(u))
			ids[trainerLabel(u)] = u.ID
		}
	}
	if len(options) == 0 {
		m.sayDone(title, lang.L("No user has the trainer role yet: add one on the Users screen."))
		return
	}
	assignedTo := map[string]bool{}
	for _, u := range assigned {
		assignedTo[trainerLabel(u)] = true
	}
	d := newFormDialog(m)
	box := container.NewVBox()
	var checks []*escCheck
	for _, label := range options {
		k := newEscCheck(label, d)
		k.SetChecked(assignedTo[label])
		d.focusFirst(k)
		checks = append(checks, k)
		box.Add(k)
	}
	d.show(title, lang.L("Save"), []*widget.FormItem{widget.NewFormItem("", box)}, fyne.NewSize(420, 0), func() error {
		var chosen []int64
		for _, k := range checks {
			if k.Checked {
				chosen = append(chosen, ids[k.Text])
			}
		}
		return m.Services.Users.SetClassTrainers(m.ctx(), c.ID, chosen)
	})
}

// escCheck is a trainer's tick in the dialog: Space ticks it, Tab goes to the next, Enter saves
// and Esc closes the dialog, as its fields do.
type escCheck struct {
	widget.Check
	d *formDialog
}

func newEscCheck(label string, d *formDialog) *escCheck {
	c := &escCheck{d: d}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey saves on Enter, closes on Esc, and gives every other key to the tick.
func (c *escCheck) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		c.d.save()
	case fyne.KeyEscape:
		c.d.close()
	default:
		c.Check.TypedKey(k)
	}
}
