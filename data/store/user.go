package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"khuyencong/data"
)

var _ data.UserService = (*DB)(nil)

// userColumns are the columns scanUser reads, of users u.
const userColumns = `u.id, u.login, u.full_name, u.role, u.disabled, u.locked_until, u.last_sign_in, u.version, u.created_at, u.updated_at`

// scanUser reads a row of userColumns.
func scanUser(s scanner) (*data.User, error) {
	var u data.User
	var role, locked, last, created, updated string
	if err := s.Scan(&u.ID, &u.Login, &u.FullName, &role, &u.Disabled, &locked, &last, &u.Version, &created, &updated); err != nil {
		return nil, err
	}
	u.Role = data.Role(role)
	var err error
	for _, t := range []struct {
		s string
		t *time.Time
	}{{locked, &u.LockedUntil}, {last, &u.LastSignIn}, {created, &u.CreatedAt}, {updated, &u.UpdatedAt}} {
		if t.s == "" {
			continue
		}
		if *t.t, err = time.Parse(timeFormat, t.s); err != nil {
			return nil, err
		}
	}
	return &u, nil
}

// findUser returns the user the condition over users u selects. ENOTFOUND.
func findUser(ctx context.Context, tx *tx, where string, arg any) (*data.User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users u WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, data.Errorf(data.ENOTFOUND, "Không tìm thấy người dùng %v. Hãy tải lại danh sách người dùng.", arg)
	}
	return u, err
}

// checkUserVersion returns the stored user id: ENOTFOUND, or ECONFLICT when the form read another
// version.
func checkUserVersion(ctx context.Context, tx *tx, id int64, version int) (*data.User, error) {
	tx.before(ctx, "user", id)
	u, err := findUser(ctx, tx, `u.id = ?`, id)
	if err == nil && u.Version != version {
		err = staleVersion("Người dùng "+u.Login, u.Version, version)
	}
	return u, err
}

// HasUsers reports whether the database has any user yet.
func (db *DB) HasUsers(ctx context.Context) (_ bool, err error) {
	defer translate(&err)
	return inRead(ctx, db, hasUsers)
}

// hasUsers reports within tx whether the database has any user.
func hasUsers(ctx context.Context, tx *tx) (bool, error) {
	var has bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&has)
	return has, err
}

// CurrentUser returns the enabled user ctx acts as. EFORBIDDEN for nobody, an unknown or a
// disabled user.
func (db *DB) CurrentUser(ctx context.Context) (_ *data.User, err error) {
	defer translate(&err)
	return inRead(ctx, db, actor)
}

// FindUsers lists every user by login. RightUsers.
func (db *DB) FindUsers(ctx context.Context) (_ []*data.User, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) ([]*data.User, error) {
		if err := allow(ctx, tx, data.RightUsers); err != nil {
			return nil, err
		}
		return queryRows(ctx, tx, scanUser, `SELECT `+userColumns+` FROM users u ORDER BY u.login`)
	})
}

// passwordCost is the cost of the passwords db hashes: PasswordCost, else DefaultPasswordCost.
func (db *DB) passwordCost() PasswordCost {
	if db.PasswordCost == (PasswordCost{}) {
		return DefaultPasswordCost
	}
	return db.PasswordCost
}

// newPasswordHash checks a new password's length before anything else and returns its hash.
// EINVALID.
func (db *DB) newPasswordHash(password string) (string, error) {
	if err := data.ValidatePassword("Mật khẩu", password); err != nil {
		return "", err
	}
	return hashPassword(data.NormalizePassword(password), db.passwordCost())
}

// CreateFirstAdmin makes the administrator of a database with no user yet (u's role is set to
// quản trị); nobody needs to be signed in. EINVALID; ECONFLICT once a user exists.
func (db *DB) CreateFirstAdmin(ctx context.Context, u data.User, password string) (_ *data.User, err error) {
	defer translate(&err)
	u.Role = data.RoleAdmin
	u.Normalize()
	if err := u.Validate(); err != nil {
		return nil, err
	}
	hash, err := db.newPasswordHash(password)
	if err != nil {
		return nil, err
	}
	tx, err := db.begin(ctx, true) // nobody can be signed in yet: the program writes
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	if err := refuseUsers(ctx, tx); err != nil {
		return nil, err
	}
	// The history names the administrator as the one who made their account at the first start.
	saved, err := insertUser(data.WithUser(ctx, u.Login), tx, &u, hash)
	if err != nil {
		return nil, err
	}
	return saved, tx.Commit()
}

// refuseUsers is ECONFLICT when the database has users already: the first administrator and the
// sample users are made only on a database without any.
func refuseUsers(ctx context.Context, tx *tx) error {
	has, err := hasUsers(ctx, tx)
	if err == nil && has {
		err = data.Errorf(data.ECONFLICT, "Cơ sở dữ liệu này đã có người dùng. Hãy đăng nhập bằng tài khoản quản trị để thêm người dùng.")
	}
	return err
}

// insertUser stores a validated user with a password hash, audits it and returns it saved.
// ECONFLICT for a login taken.
func insertUser(ctx context.Context, tx *tx, u *data.User, hash string) (*data.User, error) {
	id, err := tx.insert(ctx, `INSERT INTO users (login, full_name, role, password_hash, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, 1, ?, ?)`, u.Login, u.FullName, string(u.Role), hash, tx.at(), tx.at())
	if violated(err) == uniqueViolation {
		return nil, data.Errorf(data.ECONFLICT, "Đã có người dùng tên đăng nhập %s. Hãy chọn tên đăng nhập khác.", u.Login)
	} else if err != nil {
		return nil, err
	}
	if err := audit(ctx, tx, "create", "user", id, fmt.Sprintf("%s (%s), %s", u.Login, u.FullName, u.Role.Label())); err != nil {
		return nil, err
	}
	return findUser(ctx, tx, `u.id = ?`, id)
}

// AddUser makes a user with a first password. RightUsers; EINVALID; ECONFLICT for a login taken.
func (db *DB) AddUser(ctx context.Context, u data.User, password string) (_ *data.User, err error) {
	defer translate(&err)
	u.Normalize()
	if err := u.Validate(); err != nil {
		return nil, err
	}
	tx, err := db.write(ctx, data.RightUsers)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	hash, err := db.newPasswordHash(password)
	if err != nil {
		return nil, err
	}
	saved, err := insertUser(ctx, tx, &u, hash)
	if err != nil {
		return nil, err
	}
	return saved, tx.Commit()
}

// UpdateUser saves a user's full name and role. RightUsers; EINVALID; ENOTFOUND; ECONFLICT for a
// stale version or when it would leave no enabled administrator.
func (db *DB) UpdateUser(ctx context.Context, u data.User) (_ *data.User, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightUsers)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	stored, err := checkUserVersion(ctx, tx, u.ID, u.Version)
	if err != nil {
		return nil, err
	}
	u.Login = stored.Login // the login is the name in the history: it does not change
	u.Normalize()
	if err := u.Validate(); err != nil {
		return nil, err
	}
	if stored.Role == data.RoleAdmin && !stored.Disabled && u.Role != data.RoleAdmin {
		if err := keepAnAdmin(ctx, tx, stored, "đổi vai trò của"); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET full_name = ?, role = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		u.FullName, string(u.Role), tx.at(), u.ID); err != nil {
		return nil, err
	}
	return saveUser(ctx, tx, u.ID, "update", fmt.Sprintf("%s (%s), %s", u.Login, u.FullName, u.Role.Label()))
}

// saveUser audits a change of user id, commits and returns the saved user.
func saveUser(ctx context.Context, tx *tx, id int64, action, detail string) (*data.User, error) {
	if err := audit(ctx, tx, action, "user", id, detail); err != nil {
		return nil, err
	}
	u, err := findUser(ctx, tx, `u.id = ?`, id)
	if err != nil {
		return nil, err
	}
	return u, tx.Commit()
}

// keepAnAdmin is ECONFLICT when u is the last enabled administrator, whom doing (a verb phrase
// before the login) would take away.
func keepAnAdmin(ctx context.Context, tx *tx, u *data.User, doing string) error {
	var others int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = ? AND disabled = 0 AND id <> ?`,
		string(data.RoleAdmin), u.ID).Scan(&others); err != nil {
		return err
	}
	if others == 0 {
		return data.Errorf(data.ECONFLICT, "Không %s %s được: đây là quản trị duy nhất còn hoạt động, thiếu người này sẽ không ai quản lý được người dùng. Hãy giao vai trò Quản trị cho một người khác trước.", doing, u.Login)
	}
	return nil
}

// SetUserDisabled disables or enables a user. RightUsers; ENOTFOUND; ECONFLICT for a stale
// version, for disabling oneself, or when it would leave no enabled administrator.
func (db *DB) SetUserDisabled(ctx context.Context, id int64, version int, disabled bool) (_ *data.User, err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightUsers)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, err := checkUserVersion(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
	action := "enable"
	if disabled {
		action = "disable"
		if u.Login == data.NormalizeLogin(data.UserFromContext(ctx)) {
			return nil, data.Errorf(data.ECONFLICT, "Bạn không tự vô hiệu hoá tài khoản của mình được. Nếu cần, hãy nhờ một quản trị khác làm việc này.")
		}
		if u.Role == data.RoleAdmin && !u.Disabled {
			if err := keepAnAdmin(ctx, tx, u, "vô hiệu hoá"); err != nil {
				return nil, err
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled = ?, version = version + 1, updated_at = ? WHERE id = ?`,
		disabled, tx.at(), id); err != nil {
		return nil, err
	}
	return saveUser(ctx, tx, id, action, u.Login)
}

// ResetPassword sets another user's password and unlocks the account. RightUsers; EINVALID;
// ENOTFOUND.
func (db *DB) ResetPassword(ctx context.Context, id int64, password string) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightUsers)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	u, err := findUser(ctx, tx, `u.id = ?`, id)
	if err != nil {
		return err
	}
	hash, err := db.newPasswordHash(password)
	if err != nil {
		return err
	}
	if err := setPasswordHash(ctx, tx, id, hash); err != nil {
		return err
	}
	_, err = saveUser(ctx, tx, id, "reset_password", u.Login)
	return err
}

// setPasswordHash stores a user's new password hash and unlocks the account.
func setPasswordHash(ctx context.Context, tx *tx, id int64, hash string) error {
	_, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = '',
		version = version + 1, updated_at = ? WHERE id = ?`, hash, tx.at(), id)
	return err
}

// ClassTrainers returns the trainers assigned to a class, by login.
func (db *DB) ClassTrainers(ctx context.Context, classID int64) (_ []*data.User, err error) {
	defer translate(&err)
	return inRead(ctx, db, func(ctx context.Context, tx *tx) ([]*data.User, error) {
		return queryRows(ctx, tx, scanUser, `SELECT `+userColumns+` FROM users u JOIN class_trainers t ON t.user_id = u.id
			WHERE t.class_id = ? ORDER BY u.login`, classID)
	})
}

// SetClassTrainers assigns the class's trainers: enabled users with the role giảng viên.
// RightTraining; EINVALID for another user; ENOTFOUND for the class or a user.
func (db *DB) SetClassTrainers(ctx context.Context, classID int64, userIDs []int64) (err error) {
	defer translate(&err)
	tx, err := db.write(ctx, data.RightTraining)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var code string
	if err := tx.QueryRowContext(ctx, `SELECT code FROM classes WHERE id = ?`, classID).Scan(&code); errors.Is(err, sql.ErrNoRows) {
		return data.Errorf(data.ENOTFOUND, "Không tìm thấy lớp học %d. Hãy tải lại danh sách lớp.", classID)
	} else if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM class_trainers WHERE class_id = ?`, classID); err != nil {
		return err
	}
	var logins []string
	for _, id := range userIDs {
		u, err := findUser(ctx, tx, `u.id = ?`, id)
		if err != nil {
			return err
		}
		if u.Role != data.RoleTrainer || u.Disabled {
			return data.Errorf(data.EINVALID, "%s (%s) không phải giảng viên đang hoạt động nên không phân công dạy lớp %s được.", u.Login, u.Role.Label(), code)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO class_trainers (class_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING`, classID, id); err != nil {
			return err
		}
		logins = append(logins, u.Login)
	}
	if err := audit(ctx, tx, "trainers", "class", classID, fmt.Sprintf("%s: %s", code, strings.Join(logins, ", "))); err != nil {
		return err
	}
	return tx.Commit()
}
