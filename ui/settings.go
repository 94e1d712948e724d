package ui

import (
	"context"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// Preference keys: settings of one person on one computer, kept by Fyne, not in the database.
const (
	PrefLanguage  = "language"
	PrefBackupDir = "backup.dir"
)

// settingsScreen holds the centre's details that documents print, the database in use, the
// backup and the interface language.
type settingsScreen struct {
	m       *Main
	content fyne.CanvasObject

	parent, name, address, phone, title, director, city *widgets.Entry
	message                                             *widget.Label
	backupDir                                           *widget.Entry
	language                                            *widget.Select
}

func newSettingsScreen(m *Main) *settingsScreen {
	s := &settingsScreen{m: m}
	s.build()
	s.load()
	return s
}

// Content implements Screen.
func (s *settingsScreen) Content() fyne.CanvasObject { return s.content }

// Save saves the centre's details (Ctrl+S).
func (s *settingsScreen) Save() { s.saveOrganisation() }

func (s *settingsScreen) build() {
	field := func(placeholder string) *widgets.Entry {
		e := widgets.NewEntry()
		e.SetPlaceHolder(placeholder)
		e.OnEscape = s.load
		e.OnSubmitted = func(string) { s.saveOrganisation() }
		return e
	}
	s.parent = field(example("SỞ CÔNG THƯƠNG HÀ NỘI"))
	s.name = field(example("TRUNG TÂM KHUYẾN CÔNG HÀ NỘI"))
	s.address = field("")
	s.phone = field("")
	s.title = field(example("GIÁM ĐỐC"))
	s.director = field("")
	s.city = field(example("Hà Nội"))
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	org := widget.NewForm(
		widget.NewFormItem(lang.L("Parent authority"), s.parent),
		widget.NewFormItem(lang.L("Centre name"), s.name),
		widget.NewFormItem(lang.L("Address"), s.address),
		widget.NewFormItem(lang.L("Phone"), s.phone),
		widget.NewFormItem(lang.L("Signer's title"), s.title),
		widget.NewFormItem(lang.L("Signer's name"), s.director),
		widget.NewFormItem(lang.L("City on documents"), s.city),
	)
	save := widget.NewButtonWithIcon(lang.L("Save (Ctrl+S)"), theme.DocumentSaveIcon(), s.saveOrganisation)
	save.Importance = widget.HighImportance
	s.m.allow(data.RightSettings, save)
	orgCard := widget.NewCard(lang.L("The centre, as documents print it"), lang.L("Printed at the head of certificates, lists and reports; shared by everyone on this database."),
		container.NewVBox(org, s.message, container.NewHBox(save)))

	path := widget.NewLabel(s.m.Services.DBPath)
	path.Wrapping = fyne.TextWrapBreak
	other := widget.NewButtonWithIcon(lang.L("Use another database…"), theme.FolderOpenIcon(), s.chooseDatabase)
	about, buttons := lang.L("The file that holds all the data, on this computer. Do not put it on a shared network folder: several computers writing one file over the network can damage it."), container.NewHBox(other, s.newDatabaseButton())
	if s.m.Services.OnServer { // a restore replaces a file: a server's data moves with kc db copy
		about = lang.L("The PostgreSQL server the office shares, shown without its password, which is kept in PostgreSQL's password file of this user, not in the settings.")
	} else {
		buttons.Add(s.restoreButton())
	}
	dbCard := widget.NewCard(lang.L("Database"), about, container.NewVBox(path, buttons))

	s.backupDir = widget.NewEntry()
	s.backupDir.SetText(s.m.App.Preferences().StringWithFallback(PrefBackupDir, defaultBackupDir()))
	s.backupDir.OnChanged = func(dir string) { s.m.App.Preferences().SetString(PrefBackupDir, dir) }
	pick := widget.NewButtonWithIcon(lang.L("Choose folder…"), theme.FolderOpenIcon(), s.chooseBackupDir)
	now := widget.NewButtonWithIcon(lang.L("Back up now"), theme.DownloadIcon(), s.backupNow)
	now.Importance = widget.HighImportance
	auto := widget.NewLabel(lang.L("A backup is also taken automatically at every start, keeping the last 10, in {{.Dir}}.", map[string]any{"Dir": s.m.Services.AutoBackupDir}))
	auto.Wrapping = fyne.TextWrapWord
	backupCard := widget.NewCard(lang.L("Backup"), lang.L("A consistent copy of the database, safe to take while people work."),
		container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel(lang.L("Folder")), pick, s.backupDir), container.NewHBox(now), auto))

	s.language = widget.NewSelect([]string{"Tiếng Việt", "English"}, nil)
	if s.m.App.Preferences().String(PrefLanguage) == English {
		s.language.SetSelectedIndex(1)
	} else {
		s.language.SetSelectedIndex(0)
	}
	s.language.OnChanged = func(string) {
		code := Vietnamese
		if s.language.SelectedIndex() == 1 {
			code = English
		}
		s.m.App.Preferences().SetString(PrefLanguage, code)
		s.m.sayDone(lang.L("Language"), lang.L("The new language is used from the next start of the program."))
	}
	langCard := widget.NewCard(lang.L("Language"), "", container.NewHBox(s.language))

	// Tabs, not one long page: the entries take the mouse wheel, so a long page barely scrolled.
	page := func(objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewVScroll(container.NewVBox(objs...))
	}
	s.content = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("The centre"), theme.HomeIcon(), page(orgCard)),
		container.NewTabItemWithIcon(lang.L("Certificates"), theme.DocumentPrintIcon(), page(s.certificateCards()...)),
		container.NewTabItemWithIcon(lang.L("Database"), theme.StorageIcon(), page(dbCard, backupCard)),
		container.NewTabItemWithIcon(lang.L("Language"), theme.SettingsIcon(), page(langCard)),
		container.NewTabItemWithIcon(lang.L("About"), theme.InfoIcon(), page(newAboutCard(s.m))),
	)
}

// certificateCards are the Chứng chỉ tab: the certificates' settings and, with the key service,
// the signing key and the verification page, whose list the key signs.
func (s *settingsScreen) certificateCards() []fyne.CanvasObject {
	cards := []fyne.CanvasObject{newCertificateSettingsCard(s.m)}
	if s.m.Services.Keys != nil {
		cards = append(cards, newKeySettingsCard(s.m), newVerifyPageCard(s.m))
	}
	return cards
}

// load shows the stored details, dropping what was typed and not saved.
func (s *settingsScreen) load() {
	o, err := s.m.Services.Settings.Organisation(s.m.ctx())
	if err != nil {
		s.m.showError(err)
		return
	}
	s.parent.SetText(o.ParentAuthority)
	s.name.SetText(o.Name)
	s.address.SetText(o.Address)
	s.phone.SetText(o.Phone)
	s.title.SetText(o.DirectorTitle)
	s.director.SetText(o.DirectorName)
	s.city.SetText(o.City)
	s.message.Hide()
}

func (s *settingsScreen) saveOrganisation() {
	o := data.Organisation{
		ParentAuthority: s.parent.Text, Name: s.name.Text, Address: s.address.Text, Phone: s.phone.Text,
		DirectorTitle: s.title.Text, DirectorName: s.director.Text, City: s.city.Text,
	}
	err := s.m.Services.Settings.SaveOrganisation(s.m.ctx(), o)
	if data.ErrorCode(err) == data.EINTERNAL {
		s.m.showError(err)
		return
	}
	if err != nil {
		s.message.Importance = widget.DangerImportance
		s.message.SetText(data.ErrorMessage(err))
	} else {
		s.message.Importance = widget.SuccessImportance
		s.message.SetText(lang.L("Saved."))
	}
	s.message.Show()
}

func (s *settingsScreen) chooseBackupDir() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err == nil && u != nil {
			s.backupDir.SetText(u.Path())
		}
	}, s.m.Window)
}

func (s *settingsScreen) backupNow() {
	dir := s.backupDir.Text
	var path string
	s.m.runTask(lang.L("Backing up"), func(ctx context.Context) error {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return &data.Error{Code: data.EINVALID, Message: lang.L("Cannot create the folder {{.Dir}}: choose another.", map[string]any{"Dir": dir})}
		}
		var err error
		path, err = s.m.Services.Backup.BackupTo(ctx, dir)
		return err
	}, func() {
		s.m.sayDone(lang.L("Backup"), lang.L("Saved to {{.Path}}", map[string]any{"Path": path}))
	})
}

// defaultBackupDir is the Documents folder's "khuyencong-sao-luu", where a clerk will look.
func defaultBackupDir() string {
	if docs := documentsFolder(); docs != "" {
		return filepath.Join(docs, "khuyencong-sao-luu")
	}
	return "khuyencong-sao-luu"
}
