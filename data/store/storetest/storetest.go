// Package storetest lets the tests of every package act on the store as a real user, cheaply:
// every write of the store needs a signed-in user whose role allows it, and tests open hundreds
// of databases.
package storetest

import (
	"context"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// Password is the password of the users AddUser makes.
const Password = "mat-khau-thu-nghiem"

// cheap is the lowest Argon2id cost: a hash in microseconds instead of a tenth of a second.
var cheap = store.PasswordCost{Time: 1, MemoryKiB: 64, Threads: 1}

// AddAdmin makes login the administrator of db when db has no user yet, and does nothing when
// it has one already (a database the test opens again). Its password is Password. It lowers db's
// password cost to the least for the rest of the test.
func AddAdmin(tb testing.TB, db *store.DB, login string) {
	tb.Helper()
	ctx := context.Background()
	has, err := db.HasUsers(ctx)
	if err != nil {
		tb.Fatalf("HasUsers: %v", err)
	}
	if has {
		return
	}
	db.PasswordCost = cheap
	if _, err := db.CreateFirstAdmin(ctx, data.User{Login: login, FullName: "Người kiểm thử " + login}, Password); err != nil {
		tb.Fatalf("CreateFirstAdmin(%s): %v", login, err)
	}
}

// AddUser makes, as the administrator admin, a user login with role, and returns it. Its password
// is Password, hashed at the least cost.
func AddUser(tb testing.TB, db *store.DB, admin, login string, role data.Role) *data.User {
	tb.Helper()
	db.PasswordCost = cheap
	u, err := db.AddUser(data.WithUser(context.Background(), admin), data.User{Login: login, FullName: "Người kiểm thử " + login, Role: role}, Password)
	if err != nil {
		tb.Fatalf("AddUser(%s, %s): %v", login, role, err)
	}
	return u
}
