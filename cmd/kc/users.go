package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
)

// usersHow is the form of `kc users`, for the messages.
const usersHow = "kc users list | add TÊN --role VAI_TRÒ --name \"HỌ TÊN\" | role TÊN VAI_TRÒ | disable TÊN | enable TÊN | reset TÊN | password"

// initDB runs `kc init --admin NAME`: a new database whose administrator is NAME, with the
// password typed twice (or KC_PASSWORD); or the first administrator of a database that has no
// user yet (one an earlier version made, before there were users).
func (m *Main) initDB(ctx context.Context, args []string) error {
	fs := m.flags("init")
	admin := fs.String("admin", "", "tên đăng nhập của người quản trị")
	name := fs.String("name", "", "họ tên người quản trị (mặc định: tên đăng nhập)")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	login := strings.ToLower(strings.TrimSpace(*admin))
	if login == "" {
		return data.Errorf(data.EINVALID, "Thiếu --admin TÊN_ĐĂNG_NHẬP: người quản trị của cơ sở dữ liệu mới, ví dụ kc init --admin quantri --name \"Nguyễn Văn An\".")
	}
	full := strings.TrimSpace(*name)
	if full == "" {
		full = login
	}
	first := func(db *store.DB, password string) error {
		_, err := db.CreateFirstAdmin(ctx, data.User{Login: login, FullName: full, Role: data.RoleAdmin}, password)
		return err
	}
	if err := m.resolveDB(); err != nil {
		return err
	}
	if m.exists() {
		db, err := m.open() // nobody signs in to init
		if err != nil {
			return err
		}
		defer db.Close()
		switch has, err := db.HasUsers(ctx); {
		case err != nil:
			return err
		case has:
			return data.Errorf(data.ECONFLICT, "Đã có tệp %s, với người dùng: kc init chỉ tạo một cơ sở dữ liệu mới, hoặc người quản trị đầu tiên của một cơ sở dữ liệu chưa có ai. Để thêm người dùng, hãy đăng nhập bằng tài khoản quản trị: kc users add.", m.DBPath)
		}
		password, err := m.newSecret("mật khẩu của "+login, envPassword)
		if err == nil {
			err = first(db, password)
		}
		return m.said(err, "Đã tạo người quản trị %s cho cơ sở dữ liệu %s; đăng nhập bằng kc --user %s.", login, m.DBPath, login)
	}
	password, err := m.newSecret("mật khẩu của "+login, envPassword)
	if err != nil {
		return err
	}
	err = store.CreateWith(m.DBPath, func(db *store.DB) error {
		if m.Now != nil {
			db.Now = m.Now
		}
		return first(db, password)
	})
	return m.said(err, "Đã tạo cơ sở dữ liệu %s với người quản trị %s; đăng nhập bằng kc --user %s.", m.DBPath, login, login)
}

// users runs `kc users …`.
func (m *Main) users(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return data.Errorf(data.EINVALID, "Lệnh users cần việc cần làm: %s.", usersHow)
	}
	what, args := args[0], args[1:]
	want := map[string]int{"list": 0, "add": 1, "role": 2, "disable": 1, "enable": 1, "reset": 1, "password": 0}
	n, ok := want[what]
	if !ok {
		return data.Errorf(data.EINVALID, "Lệnh users không có việc %q; các việc: %s.", what, usersHow)
	}
	fs := m.flags("users " + what)
	var role, name *string
	if what == "add" {
		role = fs.String("role", "", "vai trò: "+roleCodes())
		name = fs.String("name", "", "họ tên")
	}
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != n {
		return data.Errorf(data.EINVALID, "Lệnh users %s cần %d tham số, có %d; cách dùng: %s.", what, n, len(rest), usersHow)
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	switch what {
	case "list":
		return m.usersList(ctx, db)
	case "add":
		return m.usersAdd(ctx, db, rest[0], *role, *name)
	case "password":
		p, err := m.newSecret("mật khẩu mới của "+m.login, envNew)
		if err == nil {
			err = db.ChangePassword(ctx, m.password, p)
		}
		return m.said(err, "Đã đổi mật khẩu của %s.", m.login)
	}
	u, err := findUser(ctx, db, rest[0])
	if err != nil {
		return err
	}
	switch what {
	case "role":
		r, err := parseRole(rest[1])
		if err != nil {
			return err
		}
		u.Role = r
		_, err = db.UpdateUser(ctx, *u)
		return m.said(err, "Vai trò của %s nay là %s.", u.Login, r.Label())
	case "disable", "enable":
		_, err := db.SetUserDisabled(ctx, u.ID, u.Version, what == "disable")
		if what == "disable" {
			return m.said(err, "Đã vô hiệu người dùng %s: không đăng nhập được nữa, lịch sử của họ vẫn giữ.", u.Login)
		}
		return m.said(err, "Người dùng %s đăng nhập lại được.", u.Login)
	}
	p, err := m.newSecret("mật khẩu mới của "+u.Login, envNew)
	if err == nil {
		err = db.ResetPassword(ctx, u.ID, p)
	}
	return m.said(err, "Đã đặt mật khẩu mới cho %s và mở khóa tài khoản.", u.Login)
}

// said prints the sentence format says when err is nil, and returns err.
func (m *Main) said(err error, format string, args ...any) error {
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(m.Stdout, format+"\n", args...)
	return err
}

// usersList prints every user, one a line: login, full name, role, state, last sign-in.
func (m *Main) usersList(ctx context.Context, db *store.DB) error {
	us, err := db.FindUsers(ctx)
	if err != nil {
		return err
	}
	now := db.Now()
	for _, u := range us {
		last := "chưa đăng nhập"
		if !u.LastSignIn.IsZero() {
			last = localTime(u.LastSignIn)
		}
		if _, err := fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s\t%s\n", u.Login, u.FullName, u.Role.Label(), userState(u, now), last); err != nil {
			return err
		}
	}
	return nil
}

// userState says whether u may sign in at now: in use, locked until when, or disabled.
func userState(u *data.User, now time.Time) string {
	switch {
	case u.Disabled:
		return "đã vô hiệu"
	case u.LockedUntil.After(now):
		return "bị khóa đến " + localTime(u.LockedUntil)
	}
	return "đang dùng"
}

// localTime shows an instant as the clerk's clock reads it.
func localTime(t time.Time) string { return t.In(time.Local).Format("02/01/2006 15:04:05") }

// usersAdd makes the user login with role and full name, the password typed twice or KC_NEW_PASSWORD.
func (m *Main) usersAdd(ctx context.Context, db *store.DB, login, role, name string) error {
	r, err := parseRole(role)
	if err != nil {
		return err
	}
	p, err := m.newSecret("mật khẩu của người dùng mới "+login, envNew)
	if err != nil {
		return err
	}
	u, err := db.AddUser(ctx, data.User{Login: login, FullName: strings.TrimSpace(name), Role: r}, p)
	if err != nil {
		return err
	}
	return m.said(nil, "Đã thêm người dùng %s (%s), vai trò %s.", u.Login, u.FullName, u.Role.Label())
}

// findUser returns the user whose login is login, as typed (any case).
func findUser(ctx context.Context, us data.UserService, login string) (*data.User, error) {
	all, err := us.FindUsers(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range all {
		if strings.EqualFold(u.Login, strings.TrimSpace(login)) {
			return u, nil
		}
	}
	return nil, data.Errorf(data.ENOTFOUND, "Không có người dùng %q (xem kc users list).", login)
}

// parseRole reads a role by its code, quan_tri…, as the store keeps it.
func parseRole(s string) (data.Role, error) {
	r := data.Role(strings.ToLower(strings.TrimSpace(s)))
	if r == "" {
		return "", data.Errorf(data.EINVALID, "Thiếu vai trò (--role); hãy chọn một trong: %s.", roleCodes())
	}
	if !r.Valid() {
		return "", data.Errorf(data.EINVALID, "Vai trò %q không có; hãy chọn một trong: %s.", s, roleCodes())
	}
	return r, nil
}

// roleCodes lists the roles' codes with their names, for help and messages.
func roleCodes() string {
	parts := make([]string, len(data.Roles))
	for i, r := range data.Roles {
		parts[i] = fmt.Sprintf("%s (%s)", r, strings.ToLower(r.Label()))
	}
	return strings.Join(parts, ", ")
}
