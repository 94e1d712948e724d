package ui

import (
	"encoding/base64"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestKeySettings(t *testing.T) {
	t.Run("SetPassphraseRotateChange", func(t *testing.T) {
		keys := &fakeKeys{}
		m := newPeopleMain(t, newFakeUsers(sampleAdmin, sampleManager), keys, sampleManager.Login)
		s := newKeySettings(m)
		if !strings.Contains(s.state.Text, "Chưa có khóa") || s.setB.Text != "Đặt mật khẩu ký…" || !s.exportB.Disabled() || !s.rotateB.Disabled() {
			t.Fatalf("without a key: state %q, button %q; export and rotate wait for a key", s.state.Text, s.setB.Text)
		}
		test.Tap(s.setB)
		f := dialogEntries(m)
		if len(f) != 2 {
			t.Fatalf("setting asks the passphrase twice; %d fields", len(f))
		}
		test.Type(f[0], "bi-mat-ky-123")
		test.Type(f[1], "bi-mat-ky-123")
		tapButton(t, m, "Lưu (Ctrl+S)")
		waitFor(t, func() bool { return strings.Contains(overlayText(m), "Đã đặt mật khẩu ký.") })
		if got := lastCall(&keys.mu, &keys.calls); got != "SetSigningPassphrase  bi-mat-ky-123" {
			t.Fatalf("the store got %q", got)
		}
		if want := base64.StdEncoding.EncodeToString(keys.keys[0].Public)[:16]; !strings.Contains(labelTexts(s.keys), want) {
			t.Fatalf("the key's line should show the start of its public key %q:\n%s", want, labelTexts(s.keys))
		}
		if s.setB.Text != "Đổi mật khẩu ký…" || s.exportB.Disabled() || s.rotateB.Disabled() {
			t.Fatal("a sealed key can be changed, exported and rotated")
		}
		closeDialogs(m)

		test.Tap(s.rotateB)
		f = dialogEntries(m)
		test.Type(f[0], "bi-mat-ky-123")
		tapButton(t, m, "Đổi khóa (Ctrl+S)")
		waitFor(t, func() bool { return strings.Contains(overlayText(m), "Khóa mới đã được dùng.") })
		if got := lastCall(&keys.mu, &keys.calls); got != "RotateKey bi-mat-ky-123" {
			t.Fatalf("the store got %q", got)
		}
		if got := labelTexts(s.content); !strings.Contains(got, "đang dùng") || !strings.Contains(got, "#1  01/11/2026 – 25/11/2026") {
			t.Fatalf("the keys should be listed with their dates:\n%s", got)
		}
		closeDialogs(m)

		test.Tap(s.setB)
		f = dialogEntries(m)
		if len(f) != 3 {
			t.Fatalf("changing asks the old passphrase and the new twice; %d fields", len(f))
		}
		test.Type(f[0], "sai-mat-khau-ky")
		test.Type(f[1], "bi-mat-ky-456")
		test.Type(f[2], "bi-mat-ky-456")
		tapButton(t, m, "Lưu (Ctrl+S)")
		waitFor(t, func() bool { return strings.Contains(overlayText(m), "Mật khẩu ký cũ không đúng.") })
		if keys.passphrase != "bi-mat-ky-123" {
			t.Fatal("a wrong old passphrase changed it")
		}
	})
	t.Run("ImportWithoutPassphraseSetsOne", func(t *testing.T) {
		keys := &fakeKeys{}
		m := newPeopleMain(t, newFakeUsers(sampleManager), keys, sampleManager.Login)
		s := newKeySettings(m)
		s.askImportPassphrases([]byte("key file"))
		f := dialogEntries(m)
		if len(f) != 3 {
			t.Fatalf("importing with no passphrase set asks the file's and a new one twice; %d fields", len(f))
		}
		test.Type(f[0], "mat-khau-tep-1")
		test.Type(f[1], "bi-mat-ky-789")
		test.Type(f[2], "bi-mat-ky-789")
		tapButton(t, m, "Nhập (Ctrl+S)")
		waitFor(t, func() bool { return strings.Contains(overlayText(m), "Khóa trong tệp nay là khóa đang dùng.") })
		if got := lastCall(&keys.mu, &keys.calls); got != "ImportKey bi-mat-ky-789" || !strings.Contains(s.state.Text, "Đã niêm phong") {
			t.Fatalf("the import should carry the new passphrase (%q) and the key be sealed (%q)", got, s.state.Text)
		}
	})
	t.Run("OnlySignersChangeIt", func(t *testing.T) {
		m := newPeopleMain(t, newFakeUsers(sampleAdmin, sampleClerk), &fakeKeys{passphrase: "bi-mat-ky-123"}, sampleClerk.Login)
		s := newKeySettings(m)
		for _, b := range []interface{ Disabled() bool }{s.setB, s.exportB, s.importB, s.rotateB} {
			if !b.Disabled() {
				t.Fatal("a clerk cannot sign: the key's buttons should be disabled")
			}
		}
	})
}
