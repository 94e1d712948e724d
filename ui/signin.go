package ui

import (
	"context"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// open shows the screens of the user the services name (tests set one), or else the sign-in.
// A window built without a user service, to test other screens, acts with every right: the
// store still checks the login it writes as.
func (m *Main) open() {
	switch {
	case m.Services.Users == nil:
		m.enter(&data.User{Login: m.Services.User, FullName: m.Services.User, Role: data.RoleAdmin})
	case m.Services.User != "":
		u, err := m.Services.Users.CurrentUser(m.ctx())
		if err != nil {
			m.showSignIn()
			m.showError(err)
			return
		}
		m.enter(u)
	default:
		m.showSignIn()
	}
}

// can reports whether the signed-in user's role has the right. The store refuses what the role
// cannot do anyway; the window hides or disables it so that nobody fills a form to be refused.
func (m *Main) can(r data.Right) bool { return m.user != nil && m.user.Role.Can(r) }

// allow disables each widget the signed-in user has not the right r for.
func (m *Main) allow(r data.Right, ws ...fyne.Disableable) {
	if m.can(r) {
		return
	}
	for _, w := range ws {
		w.Disable()
	}
}

// enter shows the screens u may see, on the first of them.
func (m *Main) enter(u *data.User) {
	m.user = u
	m.Services.User = u.Login
	m.entries = screenEntries(m.Services, m.can)
	m.screens = make([]Screen, len(m.entries))
	m.current = -1
	m.nav.UnselectAll()
	m.nav.Refresh()
	left := container.NewBorder(nil, m.accountBox(), nil, nil, m.nav)
	m.Window.SetContent(container.NewBorder(nil, nil, container.NewHBox(left, widget.NewSeparator()), nil, m.body))
	m.nav.Select(0)
}

// accountBox is the foot of the navigation: who is signed in, in which role, and the buttons to
// change one's password and to sign out.
func (m *Main) accountBox() fyne.CanvasObject {
	name := m.user.FullName
	if name == "" {
		name = m.user.Login
	}
	who := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	who.Truncation = fyne.TextTruncateEllipsis
	role := widget.NewLabel(m.user.Role.Label())
	if m.Services.Users == nil {
		return container.NewVBox(widget.NewSeparator(), who, role)
	}
	password := widget.NewButtonWithIcon(lang.L("Change password"), theme.AccountIcon(), m.askChangePassword)
	out := widget.NewButtonWithIcon(lang.L("Sign out"), theme.LogoutIcon(), m.askSignOut)
	return container.NewVBox(widget.NewSeparator(), who, role, password, out)
}

// askSignOut asks before signing out, since a form open loses what is not saved.
func (m *Main) askSignOut() {
	m.askYesNo(lang.L("Sign out"), lang.L("Sign out? What is typed and not saved is lost."), m.signOut)
}

// signOut forgets the user and the screens built for them, and shows the sign-in.
func (m *Main) signOut() {
	m.user = nil
	m.Services.User = ""
	m.entries, m.screens, m.current = nil, nil, -1
	m.body.Objects = nil
	m.showSignIn()
}

// showSignIn shows the sign-in form, or on a database without users the form that creates its
// administrator.
func (m *Main) showSignIn() {
	has, err := m.Services.Users.HasUsers(context.Background())
	if err != nil {
		m.showError(err)
	}
	var form *signInForm
	if err == nil && !has {
		form = newFirstAdminForm(m)
	} else {
		form = newSignInForm(m)
	}
	m.Window.SetContent(form.content)
	m.Window.Canvas().Focus(form.first)
}

// signInForm is the window's door: the sign-in or, at the first start, the administrator's
// account. It runs its store call off the UI goroutine (a password hash takes a good part of a
// second) and signs the user in when it succeeds.
type signInForm struct {
	m       *Main
	content fyne.CanvasObject
	first   *widget.Entry // where the cursor starts
	button  *widget.Button
	message *widget.Label // the refusal, in red
	hint    *widget.Label // the sample's users and password, on a sample database
}

// newSignInForm is the sign-in: login, password, Enter signs in.
func newSignInForm(m *Main) *signInForm {
	f := &signInForm{m: m}
	login := widget.NewEntry()
	password := widget.NewPasswordEntry()
	login.OnSubmitted = func(string) { m.Window.Canvas().Focus(password) }
	submit := func() {
		l, p := strings.TrimSpace(login.Text), password.Text
		f.run(func() (*data.User, error) { return m.Services.Users.SignIn(context.Background(), l, p) }, func() {
			password.SetText("")
			m.Window.Canvas().Focus(password)
		})
	}
	password.OnSubmitted = func(string) { submit() }
	f.first = login
	f.build(lang.L("Sign in"), lang.L("Sign in with the name and password the administrator gave you."),
		[]*widget.FormItem{
			widget.NewFormItem(lang.L("Login"), login),
			widget.NewFormItem(lang.L("Password"), password),
		}, lang.L("Sign in"), submit)
	if sample, err := m.Services.Users.IsSample(context.Background()); err == nil && sample {
		f.hint.SetText(lang.L("Sample database: sign in as quantri, vanthu, giangvien, lanhdao or chixem, password {{.Password}}.",
			map[string]any{"Password": data.SamplePassword}))
		f.hint.Show()
	}
	return f
}

// newFirstAdminForm creates the administrator of a database that has no user yet, and signs
// them in.
func newFirstAdminForm(m *Main) *signInForm {
	f := &signInForm{m: m}
	login := widget.NewEntry()
	name := widget.NewEntry()
	pw := newPasswordPair()
	login.OnSubmitted = func(string) { m.Window.Canvas().Focus(name) }
	name.OnSubmitted = func(string) { m.Window.Canvas().Focus(pw.first) }
	pw.first.OnSubmitted = func(string) { m.Window.Canvas().Focus(pw.again) }
	submit := func() {
		if err := pw.check(); err != nil {
			f.refuse(err)
			return
		}
		u := data.User{Login: strings.TrimSpace(login.Text), FullName: strings.TrimSpace(name.Text), Role: data.RoleAdmin}
		p := pw.first.Text
		f.run(func() (*data.User, error) { return m.Services.Users.CreateFirstAdmin(context.Background(), u, p) }, nil)
	}
	pw.again.OnSubmitted = func(string) { submit() }
	f.first = login
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Login"), login),
		widget.NewFormItem(lang.L("Full name"), name),
	}
	f.build(lang.L("Create the administrator's account"),
		lang.L("This database has no user yet. The administrator adds the others and gives each a role; the password has at least {{.Min}} characters.",
			map[string]any{"Min": data.MinPasswordLength}),
		append(items, pw.items(lang.L("Password"))...), lang.L("Create account"), submit)
	return f
}

// build lays the form out in a card in the middle of the window.
func (f *signInForm) build(title, intro string, items []*widget.FormItem, action string, submit func()) {
	f.button = widget.NewButtonWithIcon(action, theme.LoginIcon(), submit)
	f.button.Importance = widget.HighImportance
	f.message = messageLabel()
	f.hint = widget.NewLabel("")
	f.hint.Importance = widget.MediumImportance
	f.hint.Wrapping = fyne.TextWrapWord
	f.hint.Hide()
	about := widget.NewLabel(intro)
	about.Wrapping = fyne.TextWrapWord
	card := widget.NewCard(title, "", container.NewVBox(about, widget.NewForm(items...), f.message, f.hint,
		container.NewHBox(f.button)))
	f.content = container.NewCenter(cell(480, card))
}

// run calls the store off the UI goroutine with the button disabled; a refusal shows in red
// (then refused, when set, runs), a user signs in. Enter pressed again meanwhile does nothing.
func (f *signInForm) run(call func() (*data.User, error), refused func()) {
	if f.button.Disabled() {
		return
	}
	f.button.Disable()
	f.message.Hide()
	go func() {
		u, err := call()
		fyne.Do(func() {
			if err == nil {
				f.m.enter(u)
				return
			}
			f.refuse(err)
			if refused != nil {
				refused()
			}
			f.button.Enable() // last: the form is ready for the next try
		})
	}()
}

// refuse shows why the store or the form refused, in the clerk's words.
func (f *signInForm) refuse(err error) { f.m.showRefusal(f.message, err) }

// passwordPair is a new password typed twice, as every form that sets one asks it.
type passwordPair struct {
	first, again *widgets.Entry
}

func newPasswordPair() passwordPair {
	return passwordPair{first: passwordEntry(), again: passwordEntry()}
}

// passwordEntry is a field whose text is hidden; it answers Esc as a dialog's fields do.
func passwordEntry() *widgets.Entry {
	e := widgets.NewEntry()
	e.Password = true
	return e
}

// secret is a password field of the dialog d: Enter confirms, Esc closes.
func (d *formDialog) secret() *widgets.Entry {
	e := d.entry(nil)
	e.Password = true
	return e
}

// passwords is the dialog's new password typed twice: Enter in the first goes to the second, as
// in the sign-in, rather than confirm what is half typed.
func (d *formDialog) passwords() passwordPair {
	p := passwordPair{first: d.secret(), again: d.secret()}
	p.first.OnSubmitted = func(string) { d.m.Window.Canvas().Focus(p.again) }
	return p
}

// items are the two fields, the first labelled label.
func (p passwordPair) items(label string) []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem(label, p.first),
		widget.NewFormItem(lang.L("Type it again"), p.again),
	}
}

// check refuses a password shorter than the store takes, or typed differently the second time.
func (p passwordPair) check() error {
	return checkNewPassword(p.first.Text, p.again.Text)
}

// checkNewPassword refuses a new password (or signing passphrase) too short, or not typed the
// same twice, before the store sees it.
func checkNewPassword(first, again string) error {
	switch {
	case utf8.RuneCountInString(first) < data.MinPasswordLength:
		return &data.Error{Code: data.EINVALID, Message: lang.L("The password needs at least {{.Min}} characters.", map[string]any{"Min": data.MinPasswordLength})}
	case first != again:
		return &data.Error{Code: data.EINVALID, Message: lang.L("The two passwords typed differ.")}
	}
	return nil
}

// askChangePassword changes the signed-in user's own password: the old one, then the new twice.
// A refusal (the old one wrong, the new one too short) stays in the dialog.
func (m *Main) askChangePassword() {
	d := newFormDialog(m)
	old := d.secret()
	pw := d.passwords()
	old.OnSubmitted = func(string) { m.Window.Canvas().Focus(pw.first) }
	items := append([]*widget.FormItem{widget.NewFormItem(lang.L("Current password"), old)}, pw.items(lang.L("New password"))...)
	d.show(lang.L("Change password"), lang.L("Change"), items, fyne.NewSize(480, 0), func() error {
		if err := m.changePassword(old.Text, pw); err != nil {
			return err
		}
		d.close() // first: closing it would close every dialog opened above it
		m.sayDone(lang.L("Change password"), lang.L("Your password is changed."))
		return nil
	})
}

// changePassword checks the new pair and asks the store to change the password.
func (m *Main) changePassword(old string, pw passwordPair) error {
	if err := pw.check(); err != nil {
		return err
	}
	return m.Services.Users.ChangePassword(m.ctx(), old, pw.first.Text)
}
