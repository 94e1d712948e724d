package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// The sample's users, one a role.
var (
	sampleAdmin   = data.User{Login: "quantri", FullName: "Nguyễn Văn Quản", Role: data.RoleAdmin}
	sampleClerk   = data.User{Login: "vanthu", FullName: "Trần Thị Thư", Role: data.RoleClerk}
	sampleManager = data.User{Login: "lanhdao", FullName: "Lê Văn Đạo", Role: data.RoleManager}
	sampleViewer  = data.User{Login: "chixem", FullName: "Phạm Thị Xem", Role: data.RoleViewer}
)

// contentEntries returns the text fields of the window's content, in the order laid out.
func contentEntries(m *Main) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(m.Window.Content()) {
		switch e := o.(type) {
		case *widget.Entry:
			out = append(out, e)
		case *widgets.Entry:
			out = append(out, &e.Entry)
		}
	}
	return out
}

// signInReady reports whether the sign-in screen takes a try: its button is enabled.
func signInReady(m *Main) bool {
	b := findButton(m.Window.Content(), "Đăng nhập")
	return b != nil && !b.Disabled()
}

// navTitles returns the navigation's lines.
func navTitles(m *Main) []string {
	var out []string
	for _, e := range m.entries {
		out = append(out, e.title)
	}
	return out
}

// pressEnter presses Enter in e, as the clerk does.
func pressEnter(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

func TestFirstStart(t *testing.T) {
	users := newFakeUsers()
	m := newPeopleMain(t, users, nil, "")
	if m.user != nil || m.Current() != nil {
		t.Fatal("nobody should be signed in at the first start")
	}
	if got := labelTexts(m.Window.Content()); !strings.Contains(got, "Tạo tài khoản quản trị") && !strings.Contains(got, "chưa có người dùng") {
		t.Fatalf("the first start should offer to create the administrator:\n%s", got)
	}
	f := contentEntries(m)
	if len(f) != 4 {
		t.Fatalf("want login, full name, password twice; got %d fields", len(f))
	}
	if m.Window.Canvas().Focused() != f[0] {
		t.Fatal("the cursor should start in the login")
	}
	test.Type(f[0], "quantri")
	test.Type(f[1], "Nguyễn Văn Quản")
	test.Type(f[2], "ngan")
	test.Type(f[3], "ngan")
	pressEnter(f[3])
	if got := labelTexts(m.Window.Content()); !strings.Contains(got, "Mật khẩu cần ít nhất 10 ký tự.") {
		t.Fatalf("a short password should be refused in words:\n%s", got)
	}
	f[2].SetText("mat-khau-dai-du")
	f[3].SetText("mat-khau-khac-di")
	pressEnter(f[3])
	if got := labelTexts(m.Window.Content()); !strings.Contains(got, "Hai lần nhập mật khẩu không khớp nhau.") {
		t.Fatalf("two different passwords should be refused:\n%s", got)
	}
	f[3].SetText("mat-khau-dai-du")
	pressEnter(f[3])
	waitFor(t, func() bool { return m.Current() != nil })
	if got, want := m.Services.User, "quantri"; got != want {
		t.Fatalf("acting as %q, want %q", got, want)
	}
	if u, _ := users.SignIn(m.ctx(), "quantri", "mat-khau-dai-du"); u == nil || u.Role != data.RoleAdmin || u.FullName != "Nguyễn Văn Quản" {
		t.Fatalf("the administrator should be stored with the password typed: %+v", u)
	}
	if titles := navTitles(m); titles[len(titles)-1] != "Người dùng" {
		t.Fatalf("the administrator should see Người dùng: %q", titles)
	}
}

// signIn types login and password into the sign-in screen, once it is ready for a try, and
// presses Enter.
func signIn(t *testing.T, m *Main, login, password string) {
	t.Helper()
	waitFor(t, func() bool { return signInReady(m) })
	f := contentEntries(m)
	if len(f) != 2 {
		t.Fatalf("the sign-in should ask login and password; it has %d fields", len(f))
	}
	f[0].SetText("")
	test.Type(f[0], login)
	pressEnter(f[0])
	if m.Window.Canvas().Focused() != f[1] {
		t.Fatal("Enter in the login should go to the password")
	}
	test.Type(f[1], password)
	pressEnter(f[1])
}

func TestSignIn(t *testing.T) {
	t.Run("WrongPasswordThenRight", func(t *testing.T) {
		m := newPeopleMain(t, newFakeUsers(sampleAdmin, sampleClerk), nil, "")
		if got := labelTexts(m.Window.Content()); strings.Contains(got, data.SamplePassword) {
			t.Fatalf("a database that is not the sample should not show its password:\n%s", got)
		}
		signIn(t, m, "vanthu", "sai-mat-khau")
		waitFor(t, func() bool {
			return strings.Contains(labelTexts(m.Window.Content()), "Sai tên đăng nhập hoặc mật khẩu.")
		})
		f := contentEntries(m)
		if m.user != nil || f[1].Text != "" || m.Window.Canvas().Focused() != f[1] {
			t.Fatalf("a refusal should keep the sign-in, empty the password and put the cursor there (%q)", f[1].Text)
		}
		test.Type(f[1], data.SamplePassword)
		pressEnter(f[1])
		waitFor(t, func() bool { return m.Current() != nil })
		if m.user.Login != "vanthu" || m.Services.User != "vanthu" {
			t.Fatalf("signed in as %q, acting as %q", m.user.Login, m.Services.User)
		}
		for _, title := range navTitles(m) {
			if title == "Người dùng" {
				t.Fatal("a clerk should not see Người dùng")
			}
		}
		if got := labelTexts(m.Window.Content()); !strings.Contains(got, "Trần Thị Thư") || !strings.Contains(got, "Văn thư") {
			t.Fatalf("the navigation should say who is signed in and as what:\n%s", got)
		}
	})
	t.Run("DisabledRefused", func(t *testing.T) {
		gone := sampleClerk
		gone.Disabled = true
		m := newPeopleMain(t, newFakeUsers(sampleAdmin, gone), nil, "")
		signIn(t, m, "vanthu", data.SamplePassword)
		waitFor(t, func() bool { return strings.Contains(labelTexts(m.Window.Content()), "vô hiệu hóa") })
		if m.user != nil {
			t.Fatal("a disabled user signed in")
		}
	})
	t.Run("SampleShowsItsPassword", func(t *testing.T) {
		users := newFakeUsers(sampleAdmin)
		users.sample = true
		m := newPeopleMain(t, users, nil, "")
		if got := labelTexts(m.Window.Content()); !strings.Contains(got, "quantri") || !strings.Contains(got, data.SamplePassword) {
			t.Fatalf("the sample's sign-in should show its users and password:\n%s", got)
		}
	})
	t.Run("SignOutAndChangePassword", func(t *testing.T) {
		users := newFakeUsers(sampleAdmin, sampleClerk)
		m := newPeopleMain(t, users, nil, "vanthu")
		if m.user == nil || m.user.Login != "vanthu" {
			t.Fatal("a window given a user should open signed in")
		}
		test.Tap(findButton(m.Window.Content(), "Đổi mật khẩu"))
		f := dialogEntries(m)
		test.Type(f[0], data.SamplePassword)
		test.Type(f[1], "mat-khau-moi-123")
		test.Type(f[2], "mat-khau-moi-123")
		tapButton(t, m, "Đổi (Ctrl+S)")
		if !strings.Contains(overlayText(m), "Đã đổi mật khẩu của bạn.") {
			t.Fatalf("the change should be confirmed:\n%s", overlayText(m))
		}
		closeDialogs(m)
		test.Tap(findButton(m.Window.Content(), "Đăng xuất"))
		tapButton(t, m, "Có")
		if m.user != nil || m.Services.User != "" || m.Current() != nil {
			t.Fatal("signing out should forget the user and the screens")
		}
		signIn(t, m, "vanthu", "mat-khau-moi-123")
		waitFor(t, func() bool { return m.Current() != nil })
		if m.Current() == nil {
			t.Fatal("signing in again should show the first screen")
		}
	})
}

// dialogEntries returns the text fields of the dialog on top.
func dialogEntries(m *Main) []*widget.Entry {
	var out []*widget.Entry
	for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
		switch e := o.(type) {
		case *widget.Entry:
			out = append(out, e)
		case *widgets.Entry:
			out = append(out, &e.Entry)
		}
	}
	return out
}

// TestRolesInWindow checks that the window disables what the role cannot do (the store refuses
// it anyway).
func TestRolesInWindow(t *testing.T) {
	for _, tc := range []struct {
		user                      data.User
		settings, register, train bool
	}{{sampleAdmin, true, true, true}, {sampleViewer, false, false, false}, {sampleClerk, false, true, true}, {sampleManager, false, false, false}} {
		t.Run(string(tc.user.Role), func(t *testing.T) {
			m := newPeopleMain(t, newFakeUsers(sampleAdmin, sampleClerk, sampleViewer, sampleManager), nil, tc.user.Login)
			for _, b := range []struct {
				screen Screen
				label  string
				want   bool
			}{
				{newSettingsScreen(m), "Lưu (Ctrl+S)", tc.settings},
				{newEnterpriseScreen(m), "Thêm doanh nghiệp", tc.register},
				{newClassScreen(m), "Thêm lớp học", tc.train},
			} {
				button := findButton(b.screen.Content(), b.label)
				if button == nil {
					t.Fatalf("no button %q", b.label)
				}
				if got := !button.Disabled(); got != b.want {
					t.Errorf("%s: %q enabled=%v, want %v", tc.user.Role, b.label, got, b.want)
				}
			}
		})
	}
}
