package ui

import (
	"net"
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// postgresPort is PostgreSQL's port, what the administrator's note means when it gives none.
const postgresPort = "5432"

// databaseChoice is the dialog of Settings → "Dùng cơ sở dữ liệu khác…": a file on this computer
// or a PostgreSQL server the office shares. It opens the database before the program is told to
// use it, so that what is wrong (server not reachable, wrong password, not the program's, newer)
// is said here, in the store's words, and not at the next start.
type databaseChoice struct {
	m      *Main
	dialog *dialog.CustomDialog

	kind                                  *escSelect
	fileForm, serverForm                  *widget.Form
	file                                  *widgets.Entry
	host, port, database, login, password *widgets.Entry
	// params are the address's options (?sslmode=…) as pasted or in use, kept when it is rebuilt.
	params string
	// hostLen is the length of the server's field, to tell a paste from a typed key.
	hostLen            int
	message            *widget.Label
	check, create, use *widgets.Button
	// chosen, when set, takes the database chosen (with the server's password) once it is the
	// configured one, in place of the offer to close the program: the start that failed opens it.
	chosen func(location string)
}

// chooseDatabase opens the dialog on the database in use.
func (s *settingsScreen) chooseDatabase() { showDatabaseChoice(s.m, nil) }

// ChooseDatabaseAtStart shows the dialog of "Dùng cơ sở dữ liệu khác…" over w, the window that
// says why the program could not open its database at start. svc names that database (DBPath,
// OnServer) and gives CheckDatabase, CreateDatabase and UseDatabase; once a database is checked
// and made the configured one, as Settings does, chosen is called with its location, password
// included, to open it now.
func ChooseDatabaseAtStart(w fyne.Window, svc Services, chosen func(location string)) {
	c := showDatabaseChoice(&Main{Window: w, Services: svc}, chosen)
	// That window is a message's size: it grows to hold the dialog with room for what the dialog
	// says below its fields, not cutting it off.
	need := c.dialog.MinSize().AddWidthHeight(8*theme.Padding(), 120)
	w.Resize(w.Canvas().Size().Max(fyne.NewSize(max(need.Width, 760), need.Height)))
	w.CenterOnScreen()
}

// showDatabaseChoice opens the dialog over m's window on the database in use; chosen as the
// field says.
func showDatabaseChoice(m *Main, chosen func(location string)) *databaseChoice {
	c := newDatabaseChoice(m)
	c.chosen = chosen
	c.dialog.Show()
	c.focusFirst()
	return c
}

// newDatabaseChoice builds the dialog, its fields filled from the database in use.
func newDatabaseChoice(m *Main) *databaseChoice {
	c := &databaseChoice{m: m}
	field := func(placeholder string) *widgets.Entry {
		e := widgets.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnSubmitted = func(string) { c.useNow() } // Enter: as the clerk's last step, "Dùng"
		e.OnEscape = func() { c.dialog.Hide() }
		return e
	}
	c.file = field(lang.L("Path of the database file"))
	browse := widgets.NewButton(lang.L("Choose file…"), theme.FolderOpenIcon(), c.browse)
	c.fileForm = widget.NewForm(widget.NewFormItem(lang.L("File"), container.NewBorder(nil, nil, nil, browse, c.file)))

	c.host = field(example("192.168.1.10"))
	c.host.OnChanged = c.pasted
	c.port = field(postgresPort)
	c.database = field("khuyencong")
	c.login = field("")
	c.password = field("")
	c.password.Password = true
	c.serverForm = widget.NewForm(
		widget.NewFormItem(lang.L("Server"), c.host),
		widget.NewFormItem(lang.L("Port"), c.port),
		widget.NewFormItem(lang.L("Database name"), c.database),
		widget.NewFormItem(lang.L("Login"), c.login),
		widget.NewFormItem(lang.L("Password"), c.password),
	)
	c.serverForm.Items[0].HintText = lang.L("The server's name or address, as the administrator's note gives it; a whole postgres://… address may be pasted here.")

	c.kind = newEscSelect([]string{lang.L("A file on this computer"), lang.L("A PostgreSQL server")}, func() { c.dialog.Hide() })
	c.kind.OnChanged = func(string) { c.showKind() }
	c.message = widget.NewLabel("")
	c.message.Wrapping = fyne.TextWrapWord
	c.message.Hide()
	about := widget.NewLabel(lang.L("One computer keeps its data in a file. Several computers share one PostgreSQL server: never one file on a shared folder."))
	about.Wrapping = fyne.TextWrapWord

	cancel := widgets.NewButton(lang.L("Cancel"), theme.CancelIcon(), func() { c.dialog.Hide() })
	c.check = widgets.NewButton(lang.L("Check the connection"), theme.SearchIcon(), c.checkNow)
	c.create = widgets.NewButton(lang.L("Create a new database on the server"), theme.ContentAddIcon(), c.createNow)
	c.create.Hide()
	c.use = widgets.NewButton(lang.L("Use this database"), theme.ConfirmIcon(), c.useNow)
	c.use.Importance = widget.HighImportance

	content := container.NewVBox(about, widget.NewForm(widget.NewFormItem(lang.L("Database"), c.kind)), c.fileForm, c.serverForm, c.message)
	c.dialog = dialog.NewCustomWithoutButtons(lang.L("Use another database"), content, m.Window)
	c.dialog.SetButtons([]fyne.CanvasObject{cancel, c.check, c.create, c.use})
	c.dialog.Resize(fyne.NewSize(680, 0))

	if m.Services.OnServer {
		c.fill(m.Services.DBPath)
		c.kind.SetSelectedIndex(1)
	} else {
		c.port.SetText(postgresPort)
		c.database.SetText("khuyencong")
		c.file.SetText(m.Services.DBPath)
		c.kind.SetSelectedIndex(0)
	}
	return c
}

// onServer reports whether the clerk chose a server.
func (c *databaseChoice) onServer() bool { return c.kind.SelectedIndex() == 1 }

// showKind shows the fields of the kind chosen, and forgets what the last check said.
func (c *databaseChoice) showKind() {
	if c.onServer() {
		c.fileForm.Hide()
		c.serverForm.Show()
	} else {
		c.serverForm.Hide()
		c.fileForm.Show()
	}
	c.create.Hide()
	c.message.Hide()
	c.dialog.Resize(fyne.NewSize(680, c.dialog.MinSize().Height))
}

// focusFirst puts the cursor in the first field of the kind shown.
func (c *databaseChoice) focusFirst() {
	first := c.file
	if c.onServer() {
		first = c.host
	}
	c.m.Window.Canvas().Focus(first)
}

// browse chooses the file with the file chooser.
func (c *databaseChoice) browse() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		c.file.SetText(r.URI().Path())
	}, c.m.Window)
}

// pasted spreads a whole address pasted into the server's field over the fields. One typed
// key adds one letter: an address typed by hand is spread only when it is used (location).
func (c *databaseChoice) pasted(text string) {
	grew := len(text)-c.hostLen > 1
	c.hostLen = len(text)
	if grew && isAddress(text) {
		c.fill(text)
	}
}

// isAddress reports whether text is a server's address rather than its name.
func isAddress(text string) bool {
	l := strings.ToLower(strings.TrimSpace(text))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// fill sets the server's fields from address; the password only when it has one.
func (c *databaseChoice) fill(address string) {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil {
		return
	}
	port := u.Port()
	if port == "" {
		port = postgresPort
	}
	c.host.SetText(u.Hostname())
	c.port.SetText(port)
	c.database.SetText(strings.TrimPrefix(u.Path, "/"))
	c.params = u.RawQuery
	if u.User != nil {
		c.login.SetText(u.User.Username())
		if p, ok := u.User.Password(); ok {
			c.password.SetText(p)
		}
	}
}

// location returns the database chosen, with the server's password, and the same without it
// for messages; EINVALID, saying which field, when something is missing.
func (c *databaseChoice) location() (location, shown string, err error) {
	if !c.onServer() {
		path := strings.TrimSpace(c.file.Text)
		if path == "" {
			return "", "", &data.Error{Code: data.EINVALID, Message: lang.L("Choose the database file.")}
		}
		return path, path, nil
	}
	if isAddress(c.host.Text) {
		c.fill(c.host.Text)
	}
	host, port := strings.TrimSpace(c.host.Text), strings.TrimSpace(c.port.Text)
	database, login := strings.TrimSpace(c.database.Text), strings.TrimSpace(c.login.Text)
	missing := func(what string) error {
		return &data.Error{Code: data.EINVALID, Message: lang.L("Type the {{.What}}, as the administrator's note gives it.", map[string]any{"What": what})}
	}
	switch n, perr := strconv.Atoi(port); {
	case host == "":
		return "", "", missing(lang.L("server's name or address"))
	case perr != nil || n < 1 || n > 65535:
		return "", "", &data.Error{Code: data.EINVALID, Message: lang.L("The port is a number from 1 to 65535; PostgreSQL's is usually 5432.")}
	case database == "":
		return "", "", missing(lang.L("database name"))
	case login == "":
		return "", "", missing(lang.L("login"))
	}
	u := url.URL{Scheme: "postgres", User: url.User(login), Host: net.JoinHostPort(host, port), Path: "/" + database, RawQuery: c.params}
	shown = u.String()
	if c.password.Text != "" {
		u.User = url.UserPassword(login, c.password.Text)
	}
	return u.String(), shown, nil
}

// run checks the fields, then runs work on the location off the window's goroutine with the
// buttons disabled, and says what failed in the dialog; done runs once work has succeeded.
func (c *databaseChoice) run(work func(location string) error, done func(shown string)) {
	location, shown, err := c.location()
	if err != nil {
		c.say(err)
		return
	}
	c.create.Hide()
	c.message.Importance = widget.MediumImportance
	c.message.SetText(lang.L("Connecting to {{.Where}}…", map[string]any{"Where": shown}))
	c.message.Show()
	c.enable(false)
	go func() {
		err := work(location)
		fyne.Do(func() {
			// The buttons come back last, once the dialog says how it went: whoever waits for
			// them reads the answer, not "Đang kết nối…".
			defer c.enable(true)
			if err != nil {
				c.say(err)
				return
			}
			done(shown)
		})
	}()
}

// enable enables or disables the dialog's buttons but Cancel.
func (c *databaseChoice) enable(on bool) {
	for _, b := range []*widgets.Button{c.check, c.create, c.use} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// say shows err in the dialog; an empty server database (ENOTFOUND) gets the button that makes
// the program's tables there.
func (c *databaseChoice) say(err error) {
	if data.ErrorCode(err) == data.EINTERNAL {
		c.m.showError(err) // logged, with the generic sentence
	}
	c.message.Importance = widget.DangerImportance
	c.message.SetText(data.ErrorMessage(err))
	c.message.Show()
	if c.onServer() && data.ErrorCode(err) == data.ENOTFOUND {
		c.create.Show()
	}
	c.dialog.Resize(fyne.NewSize(680, c.dialog.MinSize().Height))
}

// checkNow opens the database chosen and says whether it can be used.
func (c *databaseChoice) checkNow() {
	c.run(c.m.Services.CheckDatabase, func(shown string) {
		c.message.Importance = widget.SuccessImportance
		c.message.SetText(lang.L("Connected: {{.Where}} can be used.", map[string]any{"Where": shown}))
	})
}

// useNow checks the database chosen and, if it can be used, makes it the one opened from the
// next start.
func (c *databaseChoice) useNow() {
	c.switchTo(c.m.Services.CheckDatabase, func(shown string) {
		c.m.offerClose(lang.L("Use another database"), lang.L("The program opens {{.Path}} from its next start and keeps working on {{.Current}} until then. Close the program now, so that it opens {{.Path}} when started again?", map[string]any{"Path": shown, "Current": c.m.Services.DBPath}))
	})
}

// createNow makes the program's tables in the empty server database and uses it.
func (c *databaseChoice) createNow() { c.switchTo(c.m.Services.CreateDatabase, c.m.offerNewDatabase) }

// switchTo runs prepare on the database chosen and, if it succeeds, makes that database the one
// opened from the next start, closes the dialog and calls said with its address (or chosen with
// its location, when set).
func (c *databaseChoice) switchTo(prepare func(location string) error, said func(shown string)) {
	var location string
	c.run(func(at string) error {
		if err := prepare(at); err != nil {
			return err
		}
		location = at // read by the callback below, which run calls after this returns
		return c.m.Services.UseDatabase(at)
	}, func(shown string) {
		c.dialog.Hide()
		if c.chosen != nil {
			c.chosen(location)
			return
		}
		said(shown)
	})
}
