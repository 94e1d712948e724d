package ui

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// Tests named …OnServer need the PostgreSQL server of .ci/with-postgres (KC_TEST_POSTGRES):
// `make test` runs them there, and the rest of the package without it.

// openChoice opens Settings → "Dùng cơ sở dữ liệu khác…" as the clerk does and returns its dialog.
func openChoice(t *testing.T, m *Main) *databaseChoice {
	t.Helper()
	m.Show(len(m.entries) - 1)
	tabs := m.Current().Content().(*container.AppTabs)
	tabs.SelectIndex(2) // Cơ sở dữ liệu
	for _, o := range test.LaidOutObjects(tabs) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Dùng cơ sở dữ liệu khác…" {
			test.Tap(b)
		}
	}
	if m.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("the button did not open the dialog")
	}
	closeDialogs(m)
	c := newDatabaseChoice(m) // the same dialog, with its fields at hand
	c.dialog.Show()
	c.focusFirst()
	return c
}

// settle waits until the dialog's check or switch is over, and returns what it says.
func (c *databaseChoice) settle(t *testing.T) string {
	t.Helper()
	var text string
	waitFor(t, func() bool {
		busy := true
		fyne.DoAndWait(func() { busy, text = c.use.Disabled(), c.message.Text })
		return !busy
	})
	return text
}

// typeInto replaces the text of e as the clerk does.
func typeInto(e *widget.Entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

func TestDatabaseChoiceFile(t *testing.T) {
	m, db, _, app, used := newDatabaseSettings(t)
	c := openChoice(t, m)
	if c.onServer() || c.file.Text != db.Path() || c.serverForm.Visible() {
		t.Fatalf("on a file the dialog opens on it: server=%v file=%q", c.onServer(), c.file.Text)
	}
	if got := m.Window.Canvas().Focused(); got != &c.file.Entry && got != c.file {
		t.Fatalf("the cursor is in %T, want the file's field", got)
	}
	missing := filepath.Join(t.TempDir(), "khong-co.db")
	typeInto(&c.file.Entry, missing)
	c.file.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter: use it
	if got := c.settle(t); !strings.Contains(got, "khong-co.db") || c.message.Importance != widget.DangerImportance {
		t.Fatalf("a missing file: %q", got)
	}
	if len(*used) > 0 || c.create.Visible() {
		t.Fatalf("a missing file was chosen (%v) or offered to be made on a server", *used)
	}
	odb, err := store.Create(filepath.Join(t.TempDir(), "khac.db"))
	if err != nil {
		t.Fatal(err)
	}
	other := odb.Path()
	odb.Close()
	typeInto(&c.file.Entry, other)
	test.Tap(c.use)
	c.settle(t)
	if len(*used) != 1 || (*used)[0] != other {
		t.Fatalf("chosen %v, want %s", *used, other)
	}
	waitForText(t, m, "Từ lần mở sau, chương trình dùng "+other)
	tapButton(t, m, "Đóng chương trình")
	if app.quits != 1 {
		t.Fatalf("quits=%d after \"Đóng chương trình\"", app.quits)
	}
}

func TestDatabaseChoiceServerFields(t *testing.T) {
	m, _, _, _, used := newDatabaseSettings(t)
	c := openChoice(t, m)
	c.kind.SetSelectedIndex(1)
	if !c.serverForm.Visible() || c.fileForm.Visible() {
		t.Fatal("choosing the server shows its fields instead of the file's")
	}
	if c.port.Text != "5432" || c.database.Text != "khuyencong" {
		t.Fatalf("defaults: port %q, database %q", c.port.Text, c.database.Text)
	}
	test.Tap(c.check)
	if got := c.message.Text; got != "Hãy nhập tên hoặc địa chỉ máy chủ theo ghi chú của người quản trị." {
		t.Fatalf("no server: %q", got)
	}
	typeInto(&c.host.Entry, "192.168.1.10")
	typeInto(&c.port.Entry, "năm")
	test.Tap(c.check)
	if got := c.message.Text; !strings.HasPrefix(got, "Cổng là một số") {
		t.Fatalf("a port that is not a number: %q", got)
	}
	// The administrator's note may give the whole address: pasted, it fills every field.
	address := "postgres://van%20thu:bi%20mat@may-chu.local:5433/kc_ha_noi?sslmode=disable"
	c.host.SetText("")
	clipboard := test.NewClipboard()
	clipboard.SetContent(address)
	c.host.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clipboard})
	for _, f := range []struct{ got, want string }{
		{c.host.Text, "may-chu.local"}, {c.port.Text, "5433"}, {c.database.Text, "kc_ha_noi"},
		{c.login.Text, "van thu"}, {c.password.Text, "bi mat"},
	} {
		if f.got != f.want {
			t.Errorf("pasted address: field %q, want %q", f.got, f.want)
		}
	}
	// Typed by hand, key by key, the address is spread when it is used.
	typeInto(&c.host.Entry, address)
	location, shown, err := c.location()
	if err != nil || location != address || shown != "postgres://van%20thu@may-chu.local:5433/kc_ha_noi?sslmode=disable" {
		t.Fatalf("location %q, shown %q, %v", location, shown, err)
	}
	// A server that does not answer: the store's sentence, and nothing chosen.
	typeInto(&c.host.Entry, "127.0.0.1")
	typeInto(&c.port.Entry, "1")
	c.password.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := c.settle(t); !strings.HasPrefix(got, "Không kết nối được máy chủ cơ sở dữ liệu postgres://van%20thu@127.0.0.1:1/") {
		t.Fatalf("a server that does not answer: %q", got)
	}
	if strings.Contains(c.message.Text, "bi mat") || len(*used) > 0 {
		t.Fatalf("the message shows the password, or the server was chosen: %v", *used)
	}
	// Esc closes the dialog from any field.
	c.login.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Window.Canvas().Overlays().Top() != nil {
		t.Fatal("Esc left the dialog open")
	}
}

func TestDatabaseChoiceTabOrder(t *testing.T) {
	m, _, _, _, _ := newDatabaseSettings(t)
	c := openChoice(t, m)
	c.kind.SetSelectedIndex(1)
	c.focusFirst()
	canvas := m.Window.Canvas()
	var order []string
	names := map[fyne.Focusable]string{c.host: "server", c.port: "port", c.database: "database", c.login: "login",
		c.password: "password", c.check: "check", c.use: "use"}
	for range 6 {
		if n, ok := names[canvas.Focused()]; ok {
			order = append(order, n)
		}
		canvas.FocusNext()
	}
	if got, want := strings.Join(order, " "), "server port database login password"; !strings.HasPrefix(got, want) {
		t.Fatalf("Tab goes %s, want %s…", got, want)
	}
}

func TestDatabaseChoicePrefilledFromServer(t *testing.T) {
	m, _, _, _, _ := newDatabaseSettings(t)
	m.Services.OnServer, m.Services.DBPath = true, "postgres://vanphong@192.168.1.10:5432/khuyencong"
	c := newDatabaseChoice(m)
	if !c.onServer() || c.host.Text != "192.168.1.10" || c.login.Text != "vanphong" || c.password.Text != "" {
		t.Fatalf("on a server the dialog opens on its address: %v %q %q", c.onServer(), c.host.Text, c.login.Text)
	}
}

// TestDatabaseChoiceNoSuchDatabaseOnServer: a database the server does not have is said in words
// and not offered to be made: the program makes its tables in an existing, empty database only.
func TestDatabaseChoiceNoSuchDatabaseOnServer(t *testing.T) {
	m, _, _, _, _ := newDatabaseSettings(t)
	c := openChoice(t, m)
	c.kind.SetSelectedIndex(1)
	c.fill(storetest.ServerURL("khong_co_csdl_nay"))
	test.Tap(c.check)
	if got := c.settle(t); !strings.Contains(got, "không có cơ sở dữ liệu này") || c.create.Visible() {
		t.Fatalf("a database the server lacks: %q, create offered %v", got, c.create.Visible())
	}
}

func TestDatabaseChoiceOnServer(t *testing.T) {
	m, _, _, app, used := newDatabaseSettings(t)
	c := openChoice(t, m)
	c.kind.SetSelectedIndex(1)
	c.fill(storetest.NewEmptyServerDB(t))
	test.Tap(c.check)
	if got := c.settle(t); !strings.Contains(got, "còn trống") || !c.create.Visible() {
		t.Fatalf("an empty server database: %q, create offered %v", got, c.create.Visible())
	}
	test.Tap(c.create)
	c.settle(t)
	location, shown, _ := c.location()
	if len(*used) != 1 || (*used)[0] != location {
		t.Fatalf("chosen %v, want %s", *used, location)
	}
	waitForText(t, m, "Đã tạo cơ sở dữ liệu mới "+shown) // the address, never its password
	tapButton(t, m, "Đóng chương trình")
	if app.quits != 1 {
		t.Fatal("the program was not closed")
	}
	db, err := store.Open(location)
	if err != nil {
		t.Fatalf("the database made on the server: %v", err)
	}
	db.Close()

	// A wrong password is said so, without the password.
	c = openChoice(t, m)
	c.kind.SetSelectedIndex(1)
	c.fill(location)
	typeInto(&c.password.Entry, "sai-mat-khau")
	test.Tap(c.check)
	if got := c.settle(t); !strings.Contains(got, "sai tên đăng nhập hoặc mật khẩu") || strings.Contains(got, "sai-mat-khau") {
		t.Fatalf("a wrong password: %q", got)
	}
	closeDialogs(m)

	// A database of another program is said so, and nothing is offered to make there.
	other := storetest.NewEmptyServerDB(t)
	sdb, err := sql.Open("pgx", other)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	if _, err := sdb.Exec(`CREATE TABLE ke_toan (id BIGINT)`); err != nil {
		t.Fatal(err)
	}
	c = openChoice(t, m)
	c.kind.SetSelectedIndex(1)
	c.fill(other)
	test.Tap(c.use)
	if got := c.settle(t); !strings.Contains(got, "của một chương trình khác") || c.create.Visible() {
		t.Fatalf("another program's database: %q, create offered %v", got, c.create.Visible())
	}
	if len(*used) != 1 {
		t.Fatalf("another program's database was chosen: %v", *used)
	}
}
