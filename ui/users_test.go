package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khuyencong/data"
)

// userScreenOf opens Người dùng in a window signed in as the administrator.
func userScreenOf(t *testing.T, users *fakeUsers) (*Main, *userScreen) {
	t.Helper()
	m := newPeopleMain(t, users, nil, sampleAdmin.Login)
	last := len(m.entries) - 1
	if m.entries[last].title != "Người dùng" {
		t.Fatalf("no Người dùng in the navigation: %q", navTitles(m))
	}
	m.Show(last)
	return m, m.Current().(*userScreen)
}

func TestUserScreen(t *testing.T) {
	t.Run("AddRoleResetDisable", func(t *testing.T) {
		users := newFakeUsers(sampleAdmin)
		m, s := userScreenOf(t, users)
		m.Shortcut("N")()
		f := dialogEntries(m)
		if len(f) != 4 {
			t.Fatalf("adding asks login, full name and the password twice; got %d fields", len(f))
		}
		test.Type(f[0], "giangvien")
		test.Type(f[1], "Hoàng Văn Giảng")
		test.Type(f[2], "mot-mat-khau-1")
		test.Type(f[3], "mot-mat-khau-1")
		tapButton(t, m, "Thêm (Ctrl+S)")
		if got := len(s.users); got != 2 || s.chose == nil || s.chose.Login != "giangvien" || s.chose.Role != data.RoleClerk {
			t.Fatalf("the new user should be listed and shown, a clerk by default: %d users, %+v", got, s.chose)
		}
		s.role.SetSelectedIndex(2) // giảng viên
		m.Shortcut("S")()
		if got := users.find("giangvien").Role; got != data.RoleTrainer {
			t.Fatalf("role=%s after saving, want giảng viên", got)
		}
		// Enter in the name saves it; Esc there puts back what is stored.
		s.name.SetText("Hoàng Văn Giảng Viên")
		s.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		s.name.SetText("chưa lưu")
		s.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if got := users.find("giangvien").FullName; got != "Hoàng Văn Giảng Viên" || s.name.Text != got {
			t.Fatalf("full name %q stored, %q shown, after Enter then Esc", got, s.name.Text)
		}
		test.Tap(s.password)
		f = dialogEntries(m)
		test.Type(f[0], "mat-khau-moi-2")
		test.Type(f[1], "mat-khau-moi-2")
		tapButton(t, m, "Đặt lại (Ctrl+S)")
		if got := users.passwords["giangvien"]; got != "mat-khau-moi-2" {
			t.Fatalf("password=%q after the reset", got)
		}
		closeDialogs(m)
		test.Tap(s.disable)
		tapButton(t, m, "Có")
		if !users.find("giangvien").Disabled || s.disable.Text != "Cho đăng nhập lại" {
			t.Fatalf("the user should be disabled and the button offer to enable them (%q)", s.disable.Text)
		}
		if got := labelTexts(s.Content()); !strings.Contains(got, "Đã vô hiệu hóa") {
			t.Fatalf("the list should say the user is disabled:\n%s", got)
		}
	})
	t.Run("LastAdministratorRefused", func(t *testing.T) {
		users := newFakeUsers(sampleAdmin, sampleClerk)
		m, s := userScreenOf(t, users)
		s.list.Select(0) // quantri, first by login
		if s.chose.Login != "quantri" {
			t.Fatalf("chose %q", s.chose.Login)
		}
		test.Tap(s.disable)
		tapButton(t, m, "Có")
		if users.find("quantri").Disabled || !strings.Contains(s.message.Text, "ít nhất một quản trị viên") || !s.message.Visible() {
			t.Fatalf("disabling the last administrator should be refused in the store's words: %q", s.message.Text)
		}
	})
	t.Run("RoleByArrows", func(t *testing.T) {
		m, _ := userScreenOf(t, newFakeUsers(sampleAdmin))
		m.Shortcut("N")()
		var role *roleChoice
		for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
			if r, ok := o.(*roleChoice); ok {
				role = r
			}
		}
		key := func(k fyne.KeyName) data.Role {
			role.TypedKey(&fyne.KeyEvent{Name: k})
			return data.Roles[role.SelectedIndex()]
		}
		if got := key(fyne.KeyDown); got != data.RoleTrainer {
			t.Fatalf("Down from văn thư chose %s, want giảng viên", got)
		}
		key(fyne.KeyUp)
		key(fyne.KeyUp)
		if got := key(fyne.KeyUp); got != data.RoleAdmin || m.Window.Canvas().Overlays().Top() == nil {
			t.Fatalf("Up stops at the first role: %s", got)
		}
		if key(fyne.KeyEscape); m.dialogOpen() {
			t.Fatal("Esc on the role should close the dialog")
		}
	})
	t.Run("ShortPasswordRefusedBeforeTheStore", func(t *testing.T) {
		users := newFakeUsers(sampleAdmin)
		m, _ := userScreenOf(t, users)
		m.Shortcut("N")()
		f := dialogEntries(m)
		test.Type(f[0], "vanthu2")
		test.Type(f[2], "ngan")
		test.Type(f[3], "ngan")
		tapButton(t, m, "Thêm (Ctrl+S)")
		if !strings.Contains(overlayText(m), "Mật khẩu cần ít nhất 10 ký tự.") || len(users.calls) != 0 {
			t.Fatalf("a short password should be refused before the store (calls %q):\n%s", users.calls, overlayText(m))
		}
	})
}
