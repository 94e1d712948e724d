package data_test

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
)

func TestValidateLogin(t *testing.T) {
	for _, tt := range []struct {
		login string
		ok    bool
	}{
		{"thu.nguyen", true}, {"quantri", true}, {"gv_02", true}, {"a-b", true}, {"9x", true},
		{"", false}, {"a", false}, {strings.Repeat("a", 33), false}, {".thu", false}, {"-thu", false},
		{"thu nguyen", false}, {"thư", false}, {"Thu", false}, {"thu@kc", false}, {"đông", false},
	} {
		if err := data.ValidateLogin(tt.login); (err == nil) != tt.ok {
			t.Errorf("ValidateLogin(%q) = %v, want ok %v", tt.login, err, tt.ok)
		}
	}
	if got := data.NormalizeLogin("  Thu.Nguyen "); got != "thu.nguyen" {
		t.Fatalf("NormalizeLogin = %q", got)
	}
}

func TestValidatePassword(t *testing.T) {
	for _, tt := range []struct {
		password, words string
	}{
		{"Hà Nội ơi", "ít nhất 10 ký tự"},                 // 9 characters, 13 bytes
		{"Hà Nội ơi!", ""},                                // 10 characters
		{strings.Repeat("ệ", 256), ""},                    // 256 characters, 768 bytes
		{strings.Repeat("ệ", 257), "dài quá 256 ký tự"},   // one too many
		{norm.NFD.String(strings.Repeat("ệ", 256)), ""},   // 1,280 bytes typed with combining marks
		{strings.Repeat("x", 1<<20), "dài quá 256 ký tự"}, // a megabyte pasted
	} {
		err := data.ValidatePassword("Mật khẩu", tt.password)
		if tt.words == "" && err != nil || tt.words != "" && (data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tt.words)) {
			t.Errorf("ValidatePassword(%d bytes) = %v, want %q", len(tt.password), err, tt.words)
		}
	}
}

// FuzzValidateLogin: a login accepted is already normalised and holds only the letters a login may.
func FuzzValidateLogin(f *testing.F) {
	for _, s := range []string{"thu.nguyen", "Đông Anh", " a ", "..", "x\x00y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		login := data.NormalizeLogin(s)
		if data.NormalizeLogin(login) != login {
			t.Fatalf("NormalizeLogin is not idempotent on %q", s)
		}
		if data.ValidateLogin(login) != nil {
			return
		}
		if strings.Trim(login, "abcdefghijklmnopqrstuvwxyz0123456789._-") != "" || strings.ContainsAny(login[:1], "._-") {
			t.Fatalf("accepted %q", login)
		}
	})
}
