package data

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data/vn"
)

// MaxLoginLength is the longest login; MinLoginLength the shortest.
const (
	MinLoginLength = 2
	MaxLoginLength = 32
)

// NormalizeLogin returns a login as the store keeps it: without surrounding spaces, in lower
// case, so that "QuanTri" and "quantri" are one person.
func NormalizeLogin(login string) string { return strings.ToLower(strings.TrimSpace(login)) }

// ValidateLogin checks a normalised login: 2 to 32 of a–z, 0–9, '.', '_' and '-', beginning with a
// letter or a digit (letters without marks, so that every keyboard and input method types it the
// same way). EINVALID.
func ValidateLogin(login string) error {
	if login == "" {
		return Errorf(EINVALID, "Hãy nhập tên đăng nhập.")
	}
	if n := utf8.RuneCountInString(login); n < MinLoginLength || n > MaxLoginLength {
		return Errorf(EINVALID, "Tên đăng nhập phải dài từ %d đến %d ký tự.", MinLoginLength, MaxLoginLength)
	}
	for i, r := range login {
		letter := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !letter && (i == 0 || !strings.ContainsRune("._-", r)) {
			return Errorf(EINVALID, "Tên đăng nhập %q không dùng được: chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (bắt đầu bằng chữ hoặc số), ví dụ thu.nguyen.", login)
		}
	}
	return nil
}

// Normalize trims the login (to lower case) and the full name (NFC).
func (u *User) Normalize() {
	u.Login = NormalizeLogin(u.Login)
	u.FullName = vn.NFC(u.FullName)
}

// Validate checks a normalised user by itself. EINVALID.
func (u *User) Validate() error {
	if err := ValidateLogin(u.Login); err != nil {
		return err
	}
	switch {
	case u.FullName == "":
		return Errorf(EINVALID, "Hãy nhập họ và tên của người dùng %s.", u.Login)
	case !u.Role.Valid():
		return Errorf(EINVALID, "Vai trò %q không có. Hãy chọn một trong: Quản trị, Văn thư, Giảng viên, Lãnh đạo, Chỉ xem.", string(u.Role))
	}
	return checkText(textField{"Họ và tên", u.FullName, MaxNameLen, false})
}

// ValidatePassword checks the length of a password or signing passphrase (what names it in the
// message: "Mật khẩu", "Mật khẩu ký") before anything hashes it, so that a megabyte pasted by
// mistake or malice costs nothing. EINVALID.
func ValidatePassword(what, password string) error {
	// A huge input is refused by its bytes before it is read; a character typed with combining
	// marks takes up to 5 bytes and counts once, as NFC makes it.
	n := 0
	if len(password) <= 8*MaxPasswordLength {
		n = utf8.RuneCountInString(NormalizePassword(password))
	}
	if n == 0 && password != "" || n > MaxPasswordLength {
		return Errorf(EINVALID, "%s dài quá %d ký tự. Hãy chọn %s ngắn hơn.", what, MaxPasswordLength, strings.ToLower(what))
	}
	if n < MinPasswordLength {
		return Errorf(EINVALID, "%s phải có ít nhất %d ký tự.", what, MinPasswordLength)
	}
	return nil
}

// NormalizePassword returns a password in NFC: Vietnamese input methods may type a letter with
// its marks precomposed or as combining marks, and both must open the account. Spaces are kept.
func NormalizePassword(password string) string { return norm.NFC.String(password) }
