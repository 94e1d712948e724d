package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
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
		dialog.ShowInformation(title, lang.L("No user has the trainer role yet: add one on the Users screen."), m.Window)
		return
	}
	group := widget.NewCheckGroup(options, nil)
	for _, u := range assigned {
		group.Selected = append(group.Selected, trainerLabel(u))
	}
	d := dialog.NewCustomConfirm(title, lang.L("Save"), lang.L("Cancel"), group, func(ok bool) {
		if !ok {
			return
		}
		var chosen []int64
		for _, label := range group.Selected {
			chosen = append(chosen, ids[label])
		}
		if err := m.Services.Users.SetClassTrainers(m.ctx(), c.ID, chosen); err != nil {
			m.showError(err)
		}
	}, m.Window)
	d.Resize(fyne.NewSize(420, 0))
	d.Show()
}
