package main

import (
	"context"
	"os"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
)

// Environment variables kc reads for who is acting, when --user is not given and the terminal
// is not there to ask.
const (
	envUser     = "KC_USER"         // the login of who runs kc
	envPassword = "KC_PASSWORD"     // their password
	envNew      = "KC_NEW_PASSWORD" // the password given to a new user or set by a reset
)

// sampleAdmin is the sample's administrator, whom `kc seed` acts as on the database it makes.
const sampleAdmin = "quantri"

// needsNobody reports whether the command runs without signing in: the version, help, verify
// (anybody may check a certificate), and the commands that make a new database (which has
// nobody to sign in as yet).
func needsNobody(cmd string) bool {
	switch cmd {
	case "version", "verify", "help", "-h", "--help", "seed", "init":
		return true
	}
	return false
}

// userArg returns the value of --user in args, wherever it stands (before the command name or
// among the command's own flags, as -db), "" when absent. The flag sets accept it too; reading it
// here lets Run know who acts before the command parses its flags. For `kc audit`, whose list
// takes --user as whose changes to show, only a --user before the command name says who acts.
func userArg(args []string, cmdAt int) string {
	if args[cmdAt] == "audit" {
		args = args[:cmdAt]
	}
	login := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "user" {
			continue
		}
		if !hasValue && i+1 < len(args) {
			i++
			value = args[i]
		}
		login = value
	}
	return login
}

// actAs returns ctx acting as the user --user or KC_USER names, whose password open then checks;
// it refuses when neither names anybody. args are kc's, with the command name at cmdAt.
func (m *Main) actAs(ctx context.Context, args []string, cmdAt int) (context.Context, error) {
	login := userArg(args, cmdAt)
	if login == "" {
		login = os.Getenv(envUser)
	}
	login = strings.ToLower(strings.TrimSpace(login))
	if login == "" {
		return ctx, data.Errorf(data.EFORBIDDEN, "Hãy cho biết ai đang dùng kc: thêm --user TÊN_ĐĂNG_NHẬP, hoặc đặt biến môi trường %s. Chỉ kc version và kc verify không cần đăng nhập.", envUser)
	}
	m.login = login
	return data.WithUser(ctx, login), nil
}

// signIn checks the password of the user kc acts as against db, once per run (the password
// typed is kept for a second database, as restore opens): a wrong password, a locked or disabled
// account is refused with the store's sentence, and on the sample database with its password.
func (m *Main) signIn(db *store.DB) error {
	if m.login == "" {
		return nil // a command that needs nobody
	}
	if err := m.askPassword(); err != nil {
		return err
	}
	ctx := context.Background()
	u, err := db.SignIn(ctx, m.login, m.password)
	if err != nil {
		if has, _ := db.HasUsers(ctx); !has && data.ErrorCode(err) == data.EFORBIDDEN {
			return data.Errorf(data.EFORBIDDEN, "Cơ sở dữ liệu %s chưa có người dùng nào (nó có từ phiên bản trước). Hãy tạo người quản trị: kc init --admin TÊN_ĐĂNG_NHẬP, hoặc mở cửa sổ chương trình.", db.Path())
		}
		if sample, _ := db.IsSample(ctx); sample && data.ErrorCode(err) == data.EFORBIDDEN {
			return data.Errorf(data.EFORBIDDEN, "%s (Đây là cơ sở dữ liệu mẫu: người dùng %s, mật khẩu %s.)",
				data.ErrorMessage(err), strings.Join(sampleLogins, ", "), data.SamplePassword)
		}
		return err
	}
	m.user = u
	return nil
}

// askPassword reads the password of the user kc acts as, once: KC_PASSWORD or the terminal.
func (m *Main) askPassword() error {
	if m.password != "" {
		return nil
	}
	p, err := m.secret("mật khẩu của "+m.login, envPassword)
	m.password = p
	return err
}

// sampleLogins are the users `kc seed` makes, one per role, as CreateSampleUsers names them.
var sampleLogins = []string{sampleAdmin, "vanthu", "giangvien", "lanhdao", "chixem"}

// need refuses, before anything is done, a command the signed-in user's role does not allow:
// for what the store cannot check itself, as copying or replacing the whole file. what says the
// command, "sao lưu cơ sở dữ liệu".
func (m *Main) need(right data.Right, what string) error {
	switch {
	case m.user == nil:
		return data.Errorf(data.EFORBIDDEN, "Chưa đăng nhập nên không được %s.", what)
	case !m.user.Role.Can(right):
		return data.Errorf(data.EFORBIDDEN, "Người dùng %s (vai trò %s) không được %s.", m.user.Login, m.user.Role.Label(), what)
	}
	return nil
}
