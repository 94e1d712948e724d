package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// userScreen is Người dùng, the administrator's: every user with their role and state, and for
// the one chosen their name and role, a new password, and whether they may sign in.
type userScreen struct {
	m       *Main
	content fyne.CanvasObject

	users []*data.User
	list  *widget.List
	chose *data.User // the user the form shows, nil when none

	form           fyne.CanvasObject
	hint           *widget.Label // in place of the form while no user is chosen
	login, state   *widget.Label
	name           *widgets.Entry
	role           *roleChoice
	save, password *widget.Button
	disable        *widget.Button
	changes        *historyButton
	message        *widget.Label
}

func newUserScreen(m *Main) *userScreen {
	s := &userScreen{m: m}
	s.build()
	s.reload()
	return s
}

// Content implements Screen.
func (s *userScreen) Content() fyne.CanvasObject { return s.content }

// New opens the form that adds a user (Ctrl+N).
func (s *userScreen) New() { s.askAdd() }

// Save saves the chosen user's name and role (Ctrl+S).
func (s *userScreen) Save() {
	if s.chose != nil {
		s.saveUser()
	}
}

// roleLabels are the roles as a form offers them, in data.Roles order.
func roleLabels() []string {
	out := make([]string, len(data.Roles))
	for i, r := range data.Roles {
		out[i] = r.Label()
	}
	return out
}

// userState says whether the user may sign in: disabled, locked until when, or active.
func (s *userScreen) userState(u *data.User) string {
	switch {
	case u.Disabled:
		return lang.L("Disabled")
	case u.LockedUntil.After(s.m.Services.Now()):
		return lang.L("Locked until {{.Time}}", map[string]any{"Time": u.LockedUntil.Local().Format("15:04 02/01/2006")})
	}
	return lang.L("Active")
}

func (s *userScreen) build() {
	cell := func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	row := func(cells ...fyne.CanvasObject) *fyne.Container { return container.NewGridWithColumns(4, cells...) }
	s.list = widget.NewList(func() int { return len(s.users) },
		func() fyne.CanvasObject { return row(cell(), cell(), cell(), cell()) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			u := s.users[i]
			for j, text := range []string{u.Login, u.FullName, u.Role.Label(), s.userState(u)} {
				o.(*fyne.Container).Objects[j].(*widget.Label).SetText(text)
			}
		})
	s.list.OnSelected = func(i widget.ListItemID) { s.show(s.users[i]) }
	head := row()
	for _, t := range []string{lang.L("Login"), lang.L("Full name"), lang.L("Role"), lang.L("State")} {
		head.Add(widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	add := widget.NewButtonWithIcon(lang.L("Add user…"), theme.ContentAddIcon(), s.askAdd)
	add.Importance = widget.HighImportance
	intro := widget.NewLabel(lang.L("Each person signs in with their own account; the role says what they may change. A user who leaves is disabled, not deleted: the history keeps their name."))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(add), intro), head)
	split := container.NewHSplit(container.NewBorder(top, nil, nil, nil, s.list), s.buildForm())
	split.Offset = 0.62
	s.content = split
}

// buildForm makes the form of the user chosen, hidden until one is.
func (s *userScreen) buildForm() fyne.CanvasObject {
	s.login = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.state = widget.NewLabel("")
	s.name = widgets.NewEntry()
	s.name.OnSubmitted = func(string) { s.saveUser() }
	s.name.OnEscape = func() { s.show(s.chose) }       // what is stored, again
	s.role = newRoleChoice(func() { s.show(s.chose) }) // Esc: what is stored, again
	s.message = messageLabel()
	s.save = widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), s.saveUser)
	s.save.Importance = widget.HighImportance
	s.password = widget.NewButtonWithIcon(lang.L("Reset password…"), theme.AccountIcon(), s.askReset)
	s.disable = widget.NewButtonWithIcon("", theme.CancelIcon(), s.askDisable)
	s.changes = s.m.newHistoryButton("user", 0, "")
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Login"), s.login),
		widget.NewFormItem(lang.L("Full name"), s.name),
		widget.NewFormItem(lang.L("Role"), s.role),
		widget.NewFormItem(lang.L("State"), s.state),
	)
	s.form = container.NewVBox(form, s.message, container.NewHBox(s.save), widget.NewSeparator(),
		container.NewHBox(s.password, s.disable, s.changes.button))
	s.form.Hide()
	s.hint = widget.NewLabel(lang.L("Choose a user in the list to change their name or role, reset their password or disable them."))
	s.hint.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewStack(s.hint, s.form))
}

// reload reads the users again and shows the one chosen as stored now.
func (s *userScreen) reload() {
	users, err := s.m.Services.Users.FindUsers(s.m.ctx())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.users = users
	s.list.Refresh()
	if s.chose == nil {
		return
	}
	for i, u := range users {
		if u.ID == s.chose.ID {
			s.list.Select(i) // shows it when it was another row
			s.show(u)
		}
	}
}

// show puts u in the form.
func (s *userScreen) show(u *data.User) {
	s.chose = u
	s.login.SetText(u.Login)
	s.changes.set(u.ID, u.Login)
	s.name.SetText(u.FullName)
	for i, r := range data.Roles {
		if r == u.Role {
			s.role.SetSelectedIndex(i)
		}
	}
	s.state.SetText(s.userState(u))
	if u.Disabled {
		s.disable.SetText(lang.L("Enable"))
		s.disable.Importance = widget.MediumImportance
	} else {
		s.disable.SetText(lang.L("Disable…"))
		s.disable.Importance = widget.DangerImportance
	}
	s.disable.Refresh()
	s.m.showRefusal(s.message, nil)
	s.hint.Hide()
	s.form.Show()
}

// saveUser saves the chosen user's name and role; a refusal (the last administrator, a
// colleague's change) shows in the store's words.
func (s *userScreen) saveUser() {
	u := *s.chose
	u.FullName = strings.TrimSpace(s.name.Text)
	if i := s.role.SelectedIndex(); i >= 0 {
		u.Role = data.Roles[i]
	}
	saved, err := s.m.Services.Users.UpdateUser(s.m.ctx(), u)
	s.after(saved, err)
}

// after shows the user as the store saved them, or why it refused.
func (s *userScreen) after(u *data.User, err error) {
	if err != nil {
		s.m.showRefusal(s.message, err)
		return
	}
	s.chose = u
	s.reload()
}

// askDisable disables the chosen user after asking, or enables them again.
func (s *userScreen) askDisable() {
	u := s.chose
	if u.Disabled {
		s.after(s.m.Services.Users.SetUserDisabled(s.m.ctx(), u.ID, u.Version, false))
		return
	}
	s.m.askYesNo(lang.L("Disable user"), lang.L("{{.Name}} will no longer sign in. Their history stays. Disable?", map[string]any{"Name": u.Login}), func() {
		s.after(s.m.Services.Users.SetUserDisabled(s.m.ctx(), u.ID, u.Version, true))
	})
}

// askReset sets a new password for the chosen user, typed twice; it also unlocks the account.
func (s *userScreen) askReset() {
	u := s.chose
	d := newFormDialog(s.m)
	pw := d.passwords()
	title := lang.L("Reset the password of {{.Name}}", map[string]any{"Name": u.Login})
	d.show(title, lang.L("Reset"), pw.items(lang.L("New password")), fyne.NewSize(480, 0), func() error {
		if err := pw.check(); err != nil {
			return err
		}
		if err := s.m.Services.Users.ResetPassword(s.m.ctx(), u.ID, pw.first.Text); err != nil {
			return err
		}
		d.close() // first: closing it would close every dialog opened above it
		s.m.sayDone(lang.L("Reset password…"), lang.L("The password of {{.Name}} is reset: give it to them in person.", map[string]any{"Name": u.Login}))
		s.reload()
		return nil
	})
}

// askAdd adds a user: login, full name, role and a first password typed twice. A refusal (a
// login taken, a password too short) stays in the dialog with what was typed.
func (s *userScreen) askAdd() {
	d := newFormDialog(s.m)
	login, name := d.entry(nil), d.entry(nil)
	login.OnSubmitted = func(string) { s.m.Window.Canvas().Focus(name) }
	role := newRoleChoice(d.close)
	role.SetSelectedIndex(1) // a clerk: most users are
	pw := d.passwords()
	name.OnSubmitted = func(string) { s.m.Window.Canvas().Focus(pw.first) }
	items := append([]*widget.FormItem{
		widget.NewFormItem(lang.L("Login"), login),
		widget.NewFormItem(lang.L("Full name"), name),
		widget.NewFormItem(lang.L("Role"), role),
	}, pw.items(lang.L("Password"))...)
	d.show(lang.L("Add user…"), lang.L("Add"), items, fyne.NewSize(520, 0), func() error {
		u := data.User{Login: strings.TrimSpace(login.Text), FullName: strings.TrimSpace(name.Text), Role: data.Roles[role.SelectedIndex()]}
		added, err := s.addUser(u, pw)
		if err != nil {
			return err
		}
		s.chose = added
		s.reload()
		return nil
	})
}

// addUser checks the password pair and asks the store to add u.
func (s *userScreen) addUser(u data.User, pw passwordPair) (*data.User, error) {
	if err := pw.check(); err != nil {
		return nil, err
	}
	return s.m.Services.Users.AddUser(s.m.ctx(), u, pw.first.Text)
}

// roleChoice is a drop-down of roles: Down and Up choose the next and the previous role, as a
// closed drop-down does on the desktop, Space opens the list, Esc calls onEscape.
// Fyne's Down opened the list at its first role, Quản trị, where the next Down and Enter made an
// administrator of whoever was to be a clerk.
type roleChoice struct {
	escSelect
}

func newRoleChoice(onEscape func()) *roleChoice {
	r := &roleChoice{}
	r.Options, r.onEscape = roleLabels(), onEscape
	r.ExtendBaseWidget(r)
	return r
}

// TypedKey moves the choice on Down and Up, stopping at the ends; other keys are the drop-down's.
func (r *roleChoice) TypedKey(k *fyne.KeyEvent) {
	i := r.SelectedIndex()
	switch k.Name {
	case fyne.KeyDown:
		r.SetSelectedIndex(min(i+1, len(r.Options)-1))
	case fyne.KeyUp:
		r.SetSelectedIndex(max(i-1, 0))
	default:
		r.escSelect.TypedKey(k)
	}
}
