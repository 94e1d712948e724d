package ui

import (
	"context"
	"crypto/ed25519"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"khuyencong/data"
)

// fakeUsers is a UserService in memory with the store's rules that the window shows: wrong
// passwords, disabled users, the last administrator. The window's tests use it so that they
// check the window, not the hashing.
type fakeUsers struct {
	mu        sync.Mutex
	users     []*data.User
	passwords map[string]string
	sample    bool
	calls     []string // the writes made, "method login"
}

var _ data.UserService = (*fakeUsers)(nil)

func newFakeUsers(users ...data.User) *fakeUsers {
	f := &fakeUsers{passwords: map[string]string{}}
	for _, u := range users {
		f.add(u, data.SamplePassword)
	}
	return f
}

func (f *fakeUsers) add(u data.User, password string) *data.User {
	u.ID = int64(len(f.users) + 1)
	u.Version = 1
	f.users = append(f.users, &u)
	f.passwords[u.Login] = password
	c := u
	return &c
}

func (f *fakeUsers) find(login string) *data.User {
	for _, u := range f.users {
		if u.Login == login {
			return u
		}
	}
	return nil
}

func (f *fakeUsers) byID(id int64) *data.User {
	for _, u := range f.users {
		if u.ID == id {
			return u
		}
	}
	return nil
}

func (f *fakeUsers) write(ctx context.Context, method string) error {
	f.calls = append(f.calls, method+" "+data.UserFromContext(ctx))
	u := f.find(data.UserFromContext(ctx))
	if u == nil || !u.Role.Can(data.RightUsers) {
		return &data.Error{Code: data.EFORBIDDEN, Message: "Không có quyền quản lý người dùng."}
	}
	return nil
}

func checkPassword(p string) error {
	if len([]rune(p)) < data.MinPasswordLength {
		return &data.Error{Code: data.EINVALID, Message: "Mật khẩu quá ngắn."}
	}
	return nil
}

func (f *fakeUsers) HasUsers(context.Context) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.users) > 0, nil
}

func (f *fakeUsers) CreateFirstAdmin(_ context.Context, u data.User, password string) (*data.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case len(f.users) > 0:
		return nil, &data.Error{Code: data.ECONFLICT, Message: "Đã có người dùng."}
	case u.Login == "":
		return nil, &data.Error{Code: data.EINVALID, Message: "Tên đăng nhập không được để trống."}
	}
	if err := checkPassword(password); err != nil {
		return nil, err
	}
	return f.add(u, password), nil
}

func (f *fakeUsers) CreateSampleUsers(context.Context) error { return nil }

func (f *fakeUsers) IsSample(context.Context) (bool, error) { return f.sample, nil }

func (f *fakeUsers) SignIn(_ context.Context, login, password string) (*data.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u := f.find(strings.ToLower(login))
	switch {
	case u == nil || f.passwords[u.Login] != password:
		return nil, &data.Error{Code: data.EFORBIDDEN, Message: "Sai tên đăng nhập hoặc mật khẩu."}
	case u.Disabled:
		return nil, &data.Error{Code: data.EFORBIDDEN, Message: "Tài khoản đã bị vô hiệu hóa."}
	}
	c := *u
	return &c, nil
}

func (f *fakeUsers) CurrentUser(ctx context.Context) (*data.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u := f.find(data.UserFromContext(ctx))
	if u == nil || u.Disabled {
		return nil, &data.Error{Code: data.EFORBIDDEN, Message: "Chưa đăng nhập."}
	}
	c := *u
	return &c, nil
}

func (f *fakeUsers) FindUsers(ctx context.Context) ([]*data.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []*data.User
	for _, u := range f.users {
		c := *u
		out = append(out, &c)
	}
	slices.SortFunc(out, func(a, b *data.User) int { return strings.Compare(a.Login, b.Login) })
	return out, nil
}

func (f *fakeUsers) AddUser(ctx context.Context, u data.User, password string) (*data.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(ctx, "AddUser"); err != nil {
		return nil, err
	}
	if f.find(u.Login) != nil {
		return nil, &data.Error{Code: data.ECONFLICT, Message: "Tên đăng nhập đã có người dùng."}
	}
	if err := checkPassword(password); err != nil {
		return nil, err
	}
	return f.add(u, password), nil
}

// lastAdmin reports whether the user id is the only enabled administrator.
func (f *fakeUsers) lastAdmin(id int64) bool {
	for _, u := range f.users {
		if u.ID != id && u.Role == data.RoleAdmin && !u.Disabled {
			return false
		}
	}
	return true
}

func (f *fakeUsers) UpdateUser(ctx context.Context, u data.User) (*data.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(ctx, "UpdateUser"); err != nil {
		return nil, err
	}
	s := f.byID(u.ID)
	if s.Role == data.RoleAdmin && u.Role != data.RoleAdmin && f.lastAdmin(u.ID) {
		return nil, &data.Error{Code: data.ECONFLICT, Message: "Phải còn ít nhất một quản trị viên."}
	}
	s.FullName, s.Role = u.FullName, u.Role
	s.Version++
	c := *s
	return &c, nil
}

func (f *fakeUsers) SetUserDisabled(ctx context.Context, id int64, version int, disabled bool) (*data.User, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(ctx, "SetUserDisabled"); err != nil {
		return nil, err
	}
	s := f.byID(id)
	if disabled && s.Role == data.RoleAdmin && f.lastAdmin(id) {
		return nil, &data.Error{Code: data.ECONFLICT, Message: "Phải còn ít nhất một quản trị viên."}
	}
	s.Disabled = disabled
	s.Version++
	c := *s
	return &c, nil
}

func (f *fakeUsers) ResetPassword(ctx context.Context, id int64, password string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.write(ctx, "ResetPassword"); err != nil {
		return err
	}
	if err := checkPassword(password); err != nil {
		return err
	}
	f.passwords[f.byID(id).Login] = password
	return nil
}

func (f *fakeUsers) ChangePassword(ctx context.Context, old, password string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	login := data.UserFromContext(ctx)
	if f.passwords[login] != old {
		return &data.Error{Code: data.EFORBIDDEN, Message: "Mật khẩu hiện tại không đúng."}
	}
	f.passwords[login] = password
	return nil
}

func (f *fakeUsers) ClassTrainers(context.Context, int64) ([]*data.User, error) { return nil, nil }

func (f *fakeUsers) SetClassTrainers(context.Context, int64, []int64) error { return nil }

// fakeKeys is a KeyService in memory: a passphrase, the keys, and the calls made with the
// passphrase each carried.
type fakeKeys struct {
	mu         sync.Mutex
	passphrase string // "" when none is set
	unsealed   bool
	keys       []data.SigningKey
	calls      []string // "method passphrase-of-ctx"
}

var _ data.KeyService = (*fakeKeys)(nil)

func (k *fakeKeys) record(ctx context.Context, method string) error {
	k.calls = append(k.calls, method+" "+data.PassphraseFromContext(ctx))
	if k.passphrase != "" && data.PassphraseFromContext(ctx) != k.passphrase {
		return &data.Error{Code: data.EFORBIDDEN, Message: "Mật khẩu ký không đúng."}
	}
	return nil
}

func (k *fakeKeys) newKey(from time.Time) {
	pub, _, _ := ed25519.GenerateKey(nil)
	if n := len(k.keys); n > 0 {
		k.keys[n-1].Until = from
	}
	k.keys = append(k.keys, data.SigningKey{ID: int64(len(k.keys) + 1), Public: pub, From: from})
}

func (k *fakeKeys) KeyStatus(context.Context) (*data.KeyStatus, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return &data.KeyStatus{Sealed: k.passphrase != "", Unsealed: k.unsealed, Keys: slices.Clone(k.keys)}, nil
}

func (k *fakeKeys) SetSigningPassphrase(_ context.Context, old, passphrase string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.calls = append(k.calls, "SetSigningPassphrase "+old+" "+passphrase)
	if old != k.passphrase {
		return &data.Error{Code: data.EFORBIDDEN, Message: "Mật khẩu ký cũ không đúng."}
	}
	if len(k.keys) == 0 {
		k.newKey(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	}
	k.passphrase, k.unsealed = passphrase, false
	return nil
}

func (k *fakeKeys) ExportKey(ctx context.Context, filePassphrase string) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.record(ctx, "ExportKey"); err != nil {
		return nil, err
	}
	return []byte("key file " + filePassphrase), nil
}

func (k *fakeKeys) SignRevocationList(ctx context.Context) (*data.RevocationList, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return &data.RevocationList{}, k.record(ctx, "SignRevocationList")
}

func (k *fakeKeys) ImportKey(ctx context.Context, file []byte, filePassphrase string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.record(ctx, "ImportKey"); err != nil {
		return err
	}
	k.passphrase = data.PassphraseFromContext(ctx)
	k.newKey(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	return nil
}

func (k *fakeKeys) RotateKey(ctx context.Context) (*data.SigningKey, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if err := k.record(ctx, "RotateKey"); err != nil {
		return nil, err
	}
	k.newKey(time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC))
	return &k.keys[len(k.keys)-1], nil
}

func (k *fakeKeys) CheckRegister(context.Context, int) (*data.RegisterCheck, error) {
	return &data.RegisterCheck{}, nil
}

// lastCall returns the last call recorded, "" when none.
func lastCall(mu *sync.Mutex, calls *[]string) string {
	mu.Lock()
	defer mu.Unlock()
	if len(*calls) == 0 {
		return ""
	}
	return (*calls)[len(*calls)-1]
}

// newPeopleMain is the test window with users and keys: signed in as login ("" shows the
// sign-in), other services on a fresh database.
func newPeopleMain(t *testing.T, users data.UserService, keys data.KeyService, login string) *Main {
	t.Helper()
	base, _ := newTestMain(t)
	svc := base.Services
	svc.Users, svc.Keys, svc.User = users, keys, login
	m := NewMain(base.App, svc)
	base.Window.Close()
	m.Window.Resize(fyne.NewSize(1280, 760))
	m.Window.Show()
	return m
}
