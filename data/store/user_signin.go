package store

import (
	"context"
	"fmt"
	"time"

	"khuyencong/data"
)

// Sign-in attempts: the fifth wrong password in a row locks the account for lockFor.
const (
	maxAttempts = 5
	lockFor     = 5 * time.Minute
)

// sampleUsersKey marks a database whose users CreateSampleUsers made.
const sampleUsersKey = storePrefix + "sample_users"

// sampleUsers are the sample database's users, one per role.
var sampleUsers = []data.User{
	{Login: "quantri", FullName: "Trần Minh Quân", Role: data.RoleAdmin},
	{Login: "vanthu", FullName: "Nguyễn Thị Thu", Role: data.RoleClerk},
	{Login: "giangvien", FullName: "Lê Văn Giang", Role: data.RoleTrainer},
	{Login: "lanhdao", FullName: "Phạm Đức Long", Role: data.RoleManager},
	{Login: "chixem", FullName: "Đỗ Thị Xuân", Role: data.RoleViewer},
}

// samplePasswordCost is the Argon2id cost of the sample password's hash: the password is
// published (README, sign-in screen), so a slow hash would protect nothing, and the sample is
// what demonstrations and tests sign in to again and again. A password set later gets the full
// cost.
var samplePasswordCost = PasswordCost{Time: 1, MemoryKiB: 64, Threads: 1}

// CreateSampleUsers makes, on a database with no user yet, one user per role with the password
// data.SamplePassword, and marks the database as a sample. ECONFLICT once a user exists.
func (db *DB) CreateSampleUsers(ctx context.Context) (err error) {
	defer translate(&err)
	hash, err := hashPassword(data.SamplePassword, samplePasswordCost)
	if err != nil {
		return err
	}
	tx, err := db.begin(ctx, true) // nobody can be signed in yet: the program writes
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := refuseUsers(ctx, tx); err != nil {
		return err
	}
	for _, u := range sampleUsers {
		if _, err := insertUser(ctx, tx, &u, hash); err != nil {
			return err
		}
	}
	if err := setSetting(ctx, tx, sampleUsersKey, "1"); err != nil {
		return err
	}
	return tx.Commit()
}

// IsSample reports whether CreateSampleUsers made the database's users.
func (db *DB) IsSample(ctx context.Context) (_ bool, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) (bool, error) {
		v, err := setting(ctx, tx, sampleUsersKey)
		return v == "1", err
	})
}

// account is a user with their stored password hash.
type account struct {
	u    *data.User
	hash string
}

// withHash returns u, found by the lookup that returned err, with its password hash.
func withHash(ctx context.Context, tx *tx, u *data.User, err error) (account, error) {
	if err != nil {
		return account{}, err
	}
	a := account{u: u}
	err = tx.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&a.hash)
	return a, err
}

// passwordMatches reports whether password opens the account whose stored hash is hash. A
// password of a length no account can have is refused without hashing it.
func passwordMatches(password, hash string) (bool, error) {
	if data.ValidatePassword("Mật khẩu", password) != nil {
		return false, nil
	}
	return checkPassword(data.NormalizePassword(password), hash)
}

// SignIn checks login and password and records the attempt: a good one clears the count of wrong
// ones and notes the time; the fifth wrong one in a row locks the account for five minutes.
// EINVALID for an empty login; EFORBIDDEN for an unknown login, a wrong password (saying how many
// tries remain), a locked account (saying for how long) or a disabled one.
func (db *DB) SignIn(ctx context.Context, login, password string) (_ *data.User, err error) {
	defer translate(&err)
	login = data.NormalizeLogin(login)
	if login == "" {
		return nil, data.Errorf(data.EINVALID, "Hãy nhập tên đăng nhập.")
	}
	a, err := inRead(ctx, db, func(ctx context.Context, tx *tx) (account, error) {
		u, err := findUser(ctx, tx, `u.login = ?`, login)
		if data.ErrorCode(err) == data.ENOTFOUND {
			err = data.Errorf(data.EFORBIDDEN, "Không có người dùng %q. Hãy kiểm tra tên đăng nhập (không dấu, ví dụ thu.nguyen).", login)
		}
		return withHash(ctx, tx, u, err)
	})
	if err != nil {
		return nil, err
	}
	if err := refuseSignIn(a.u, db.Now()); err != nil {
		return nil, err
	}
	ok, err := passwordMatches(password, a.hash) // slow: outside the write lock
	if err != nil {
		return nil, err
	}
	return db.recordSignIn(ctx, a.u.ID, ok)
}

// refuseSignIn is EFORBIDDEN when u may not sign in at now: disabled, or locked.
func refuseSignIn(u *data.User, now time.Time) error {
	if u.Disabled {
		return data.Errorf(data.EFORBIDDEN, "Tài khoản %s đã bị vô hiệu hoá nên không đăng nhập được. Hãy liên hệ quản trị.", u.Login)
	}
	if left := u.LockedUntil.Sub(now); left > 0 {
		return data.Errorf(data.EFORBIDDEN, "Tài khoản %s đang bị khoá tạm thời vì nhập sai mật khẩu %d lần liền. Hãy thử lại sau %d phút nữa, hoặc nhờ quản trị đặt lại mật khẩu.", u.Login, maxAttempts, int((left+time.Minute-1)/time.Minute))
	}
	return nil
}

// recordSignIn records a good (ok) or wrong attempt to sign in as user id and returns the user
// signed in, or the refusal of a wrong password. The program writes it, as nobody is signed in.
func (db *DB) recordSignIn(ctx context.Context, id int64, ok bool) (*data.User, error) {
	tx, err := db.begin(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, err := findUser(ctx, tx, `u.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if err := refuseSignIn(u, tx.now); err != nil { // another program locked or disabled it meanwhile
		return nil, err
	}
	as := data.WithUser(ctx, u.Login) // the history names the person signing in
	if ok {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_attempts = 0, locked_until = '', last_sign_in = ? WHERE id = ?`, tx.at(), id); err != nil {
			return nil, err
		}
		return saveUser(as, tx, id, "sign_in", u.Login)
	}
	var failed int
	if err := tx.QueryRowContext(ctx, `UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts`, id).Scan(&failed); err != nil {
		return nil, err
	}
	if failed < maxAttempts {
		if err := tx.Commit(); err != nil {
			return nil, err
		}
		return nil, data.Errorf(data.EFORBIDDEN, "Sai mật khẩu của %s. Còn %d lần thử; sai thêm %d lần nữa, tài khoản bị khoá %d phút.", u.Login, maxAttempts-failed, maxAttempts-failed, int(lockFor/time.Minute))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?`, tx.now.Add(lockFor).Format(timeFormat), id); err != nil {
		return nil, err
	}
	if _, err := saveUser(as, tx, id, "lock", fmt.Sprintf("%s: sai mật khẩu %d lần liền, khoá %d phút", u.Login, maxAttempts, int(lockFor/time.Minute))); err != nil {
		return nil, err
	}
	return nil, data.Errorf(data.EFORBIDDEN, "Sai mật khẩu của %s lần thứ %d liền nên tài khoản bị khoá %d phút. Hãy thử lại sau, hoặc nhờ quản trị đặt lại mật khẩu.", u.Login, maxAttempts, int(lockFor/time.Minute))
}

// ChangePassword changes the acting user's own password. EINVALID for a new password too short
// or too long; EFORBIDDEN for a wrong old password, or nobody signed in.
func (db *DB) ChangePassword(ctx context.Context, oldPassword, newPassword string) (err error) {
	defer translate(&err)
	if err := data.ValidatePassword("Mật khẩu mới", newPassword); err != nil {
		return err
	}
	a, err := inRead(ctx, db, func(ctx context.Context, tx *tx) (account, error) {
		u, err := actor(ctx, tx)
		return withHash(ctx, tx, u, err)
	})
	if err != nil {
		return err
	}
	if ok, err := passwordMatches(oldPassword, a.hash); err != nil {
		return err
	} else if !ok {
		return data.Errorf(data.EFORBIDDEN, "Mật khẩu hiện tại không đúng nên chưa đổi mật khẩu. Hãy nhập lại mật khẩu đang dùng.")
	}
	hash, err := db.newPasswordHash(newPassword)
	if err != nil {
		return err
	}
	tx, err := db.write(ctx, rightSelf)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := setPasswordHash(ctx, tx, a.u.ID, hash); err != nil {
		return err
	}
	_, err = saveUser(ctx, tx, a.u.ID, "change_password", a.u.Login)
	return err
}
