package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khuyencong/data"
	"khuyencong/data/store"
)

// newStoreMain opens the window on a new database of its own with no user, against the real
// store's users and keys, hashing at the least cost.
func newStoreMain(t *testing.T) (*Main, *store.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	vietnamese(t)
	db, err := store.Create(filepath.Join(t.TempDir(), "kc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.PasswordCost = store.PasswordCost{Time: 1, MemoryKiB: 64, Threads: 1}
	m := NewMain(a, Services{Enterprises: db, Divisions: db, Settings: db, Certificates: db, Classes: db, Trainees: db,
		Villages: db, Users: db, Keys: db, Now: func() time.Time { return db.Now() }})
	m.Window.Resize(fyne.NewSize(1280, 760))
	m.Window.Show()
	return m, db
}

// TestSignInStore goes through the first start, a sign-out, wrong passwords up to the lockout
// and the signing passphrase, against the real store.
func TestSignInStore(t *testing.T) {
	m, db := newStoreMain(t)
	f := contentEntries(m)
	if len(f) != 4 {
		t.Fatalf("the first start should ask the administrator's login, name and password twice; %d fields", len(f))
	}
	test.Type(f[0], "quantri")
	test.Type(f[1], "Nguyễn Văn Quản")
	test.Type(f[2], "mat-khau-quan-tri")
	test.Type(f[3], "mat-khau-quan-tri")
	pressEnter(f[3])
	waitFor(t, func() bool { return m.Current() != nil })
	if u, err := db.CurrentUser(m.ctx()); err != nil || u.Role != data.RoleAdmin {
		t.Fatalf("the window should act as the new administrator: %+v, %v", u, err)
	}

	m.signOut()
	for range 5 {
		before := signInMessage(m)
		signIn(t, m, "quantri", "sai-mat-khau-1")
		waitFor(t, func() bool { return signInReady(m) && signInMessage(m) != before })
	}
	if got := labelTexts(m.Window.Content()); !strings.Contains(got, "bị khoá 5 phút") {
		t.Fatalf("the fifth wrong password should lock the account, in the store's words:\n%s", got)
	}
	signIn(t, m, "quantri", "mat-khau-quan-tri")
	waitFor(t, func() bool { return strings.Contains(signInMessage(m), "đang bị khoá tạm thời") })
	if m.user != nil {
		t.Fatal("a locked account signed in")
	}

	// The lockout over, the administrator signs in and sets the signing passphrase.
	db.Now = func() time.Time { return time.Now().Add(6 * time.Minute) }
	signIn(t, m, "quantri", "mat-khau-quan-tri")
	waitFor(t, func() bool { return m.Current() != nil })
	s := newKeySettings(m)
	test.Tap(s.setB)
	pw := dialogEntries(m)
	test.Type(pw[0], data.SamplePassword)
	test.Type(pw[1], data.SamplePassword)
	tapButton(t, m, "Lưu (Ctrl+S)")
	waitFor(t, func() bool { return strings.Contains(overlayText(m), "Đã đặt mật khẩu ký.") })
	if st, err := db.KeyStatus(m.ctx()); err != nil || !st.Sealed || len(st.Keys) != 1 || len(s.keys.Objects) != 1 {
		t.Fatalf("the key should be made, sealed and listed: %+v, %v", st, err)
	}
	closeDialogs(m)
	test.Tap(s.rotateB)
	test.Type(dialogEntries(m)[0], "sai-mat-khau-ky")
	tapButton(t, m, "Đổi khóa (Ctrl+S)")
	waitFor(t, func() bool { return strings.Contains(overlayText(m), "Mật khẩu ký không đúng") })
	if st, _ := db.KeyStatus(m.ctx()); len(st.Keys) != 1 {
		t.Fatalf("a wrong passphrase rotated the key: %d keys", len(st.Keys))
	}
	if f := dialogEntries(m); len(f) != 1 || f[0].Text != "sai-mat-khau-ky" {
		t.Fatal("the refusal should open the dialog again with what was typed")
	}
}
