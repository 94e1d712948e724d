package data

import (
	"context"
	"time"
)

// Role is what a user of the desk is allowed to do; the store enforces it on every write.
type Role string

// The roles. A role's rights are in Role.Can.
const (
	RoleAdmin   Role = "quan_tri"   // quản trị: everything, users and settings
	RoleClerk   Role = "van_thu"    // văn thư: register, classes, enrolment, fairs, bookings, programmes' data
	RoleTrainer Role = "giang_vien" // giảng viên: attendance, results, certificates of their own classes
	RoleManager Role = "lanh_dao"   // lãnh đạo: reads all, approves, signs certificates
	RoleViewer  Role = "chi_xem"    // chỉ xem: reads only
)

// Roles lists the roles in the order a form offers them.
var Roles = []Role{RoleAdmin, RoleClerk, RoleTrainer, RoleManager, RoleViewer}

// Label is the role's name as a clerk reads it.
func (r Role) Label() string {
	switch r {
	case RoleAdmin:
		return "Quản trị"
	case RoleClerk:
		return "Văn thư"
	case RoleTrainer:
		return "Giảng viên"
	case RoleManager:
		return "Lãnh đạo"
	case RoleViewer:
		return "Chỉ xem"
	}
	return string(r)
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Right is one kind of change. Every write of the store needs one; Role.Can says who has it.
type Right string

// The rights.
const (
	RightRegister     Right = "register"      // enterprises, trainees, craft villages, catalogues
	RightTraining     Right = "training"      // classes, their sessions and enrolment
	RightClassRecords Right = "class_records" // attendance, results, receipt of certificates (a trainer: own classes only)
	RightFairs        Right = "fairs"         // fairs, booths, bookings
	RightProgrammes   Right = "programmes"    // plans, đề án, targets, payments, equipment support: data entry
	RightApprove      Right = "approve"       // approve a đề án, support above the cap; move a đề án to settled
	RightSign         Right = "sign"          // issue, re-issue, revoke certificates; the signing key and its passphrase
	RightSettings     Right = "settings"      // settings shared by everyone, backup and restore
	RightUsers        Right = "users"         // add users, change roles, reset passwords, disable
	RightAudit        Right = "audit"         // search the whole change history (a record's own history is open to all)
)

// Can reports whether the role has the right. A trainer's class records are further limited to
// the classes assigned to them, which the store checks with the class.
func (r Role) Can(right Right) bool {
	switch r {
	case RoleAdmin:
		return true
	case RoleClerk:
		switch right {
		case RightRegister, RightTraining, RightFairs, RightProgrammes:
			return true
		}
	case RoleTrainer:
		return right == RightClassRecords
	case RoleManager:
		switch right {
		case RightApprove, RightSign, RightAudit:
			return true
		}
	}
	return false
}

// MinPasswordLength is the shortest password or signing passphrase the store accepts.
const MinPasswordLength = 10

// MaxPasswordLength is the longest: a longer one is refused before it is hashed.
const MaxPasswordLength = 256

// SamplePassword is the password of the sample database's users and its signing passphrase;
// the README and the sample's sign-in screen say so.
const SamplePassword = "khuyencong-demo"

// User is a person who signs in to the desk.
type User struct {
	// ID is the store's number for the user.
	ID int64
	// Login is the name typed at sign-in: letters, digits, '.', '_' and '-', folded to lower case.
	Login string
	// FullName is the person's name as documents and the history show it.
	FullName string
	// Role is what the user may do.
	Role Role
	// Disabled users cannot sign in; their history stays.
	Disabled bool
	// LockedUntil is set after five wrong passwords in a row: no sign-in before it.
	LockedUntil time.Time
	// LastSignIn is the last successful sign-in, zero when never.
	LastSignIn time.Time
	// Version is bumped by every change, for stale-save detection.
	Version int
	// CreatedAt and UpdatedAt are the store's clock at the first and the last change.
	CreatedAt, UpdatedAt time.Time
}

// UserService keeps the users and checks who is acting. The acting user of every call is the
// login of data.WithUser(ctx); every write refuses, with EFORBIDDEN, a context whose user does
// not exist, is disabled, or lacks the right the write needs.
type UserService interface {
	// HasUsers reports whether the database has any user yet; the first start creates the
	// administrator when it has none.
	HasUsers(ctx context.Context) (bool, error)
	// CreateFirstAdmin makes the administrator of a database that has no user yet, with nobody
	// signed in. ECONFLICT once a user exists; EINVALID for a bad login, name or password.
	CreateFirstAdmin(ctx context.Context, u User, password string) (*User, error)
	// CreateSampleUsers makes, on a database with no user yet, one user per role — quantri,
	// vanthu, giangvien, lanhdao, chixem — with the password SamplePassword, and marks the
	// database as a sample (kc seed --demo). ECONFLICT once a user exists.
	CreateSampleUsers(ctx context.Context) error
	// IsSample reports whether CreateSampleUsers made the users, so that the sign-in screen may
	// show the sample password.
	IsSample(ctx context.Context) (bool, error)
	// SignIn checks login and password and records the attempt: five wrong in a row lock the
	// account for 5 minutes. EFORBIDDEN (with a message saying which: wrong password and how many
	// tries remain, locked until when, disabled) when the user may not sign in.
	SignIn(ctx context.Context, login, password string) (*User, error)
	// CurrentUser returns the user ctx acts as. EFORBIDDEN when nobody or an unknown or disabled user.
	CurrentUser(ctx context.Context) (*User, error)
	// FindUsers lists every user, by login. RightUsers.
	FindUsers(ctx context.Context) ([]*User, error)
	// AddUser makes a user with a first password. RightUsers; EINVALID; ECONFLICT for a login taken.
	AddUser(ctx context.Context, u User, password string) (*User, error)
	// UpdateUser saves a user's full name and role. RightUsers; ECONFLICT for a stale version or
	// when it would leave no enabled administrator.
	UpdateUser(ctx context.Context, u User) (*User, error)
	// SetUserDisabled disables or enables a user. RightUsers; ECONFLICT for a stale version or
	// when it would leave no enabled administrator (nobody disables themselves).
	SetUserDisabled(ctx context.Context, id int64, version int, disabled bool) (*User, error)
	// ResetPassword sets another user's password and unlocks the account. RightUsers; EINVALID.
	ResetPassword(ctx context.Context, id int64, password string) error
	// ChangePassword changes the acting user's own password. EFORBIDDEN for a wrong old password.
	ChangePassword(ctx context.Context, oldPassword, newPassword string) error
	// ClassTrainers returns the trainers assigned to a class.
	ClassTrainers(ctx context.Context, classID int64) ([]*User, error)
	// SetClassTrainers assigns the class's trainers (users with role giảng viên). RightTraining;
	// EINVALID for a user who is not a trainer.
	SetClassTrainers(ctx context.Context, classID int64, userIDs []int64) error
}
