package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// newUsersDB opens a database with the administrator tester and the users of roles, named after
// their role (quan_tri2, van_thu…), and returns them by login.
func newUsersDB(t *testing.T, roles ...data.Role) (*store.DB, map[string]*data.User) {
	t.Helper()
	db := MustOpenDB(t)
	us := map[string]*data.User{}
	for _, r := range roles {
		login := strings.ReplaceAll(string(r), "_", "")
		if r == data.RoleAdmin {
			login += "2"
		}
		us[login] = storetest.AddUser(t, db, tester, login, r)
	}
	return db, us
}

// mustOpenNew makes a new database without users, a file or the server's as the run is, and
// closes it when the test ends. It returns the database and where it is.
func mustOpenNew(t *testing.T) (*store.DB, string) {
	t.Helper()
	location, open := filepath.Join(t.TempDir(), "moi.db"), store.Create
	if storetest.OnServer() {
		location, open = storetest.NewServerDB(t), store.Open
	}
	db, err := open(location)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, location
}

func TestCreateFirstAdmin(t *testing.T) {
	db := MustOpenDB(t)
	fresh, _ := mustOpenNew(t)
	fresh.PasswordCost = store.PasswordCost{Time: 1, MemoryKiB: 64, Threads: 1}
	bg := context.Background()

	t.Run("Refused", func(t *testing.T) {
		for _, tt := range []struct {
			name, login, password, words string
		}{
			{"ErrEmptyLogin", "  ", "mat-khau-du-dai", "Hãy nhập tên đăng nhập"},
			{"ErrLoginWithMarks", "thư.nguyễn", "mat-khau-du-dai", "chữ cái không dấu"},
			{"ErrLoginWithSpace", "thu nguyen", "mat-khau-du-dai", "chữ cái không dấu"},
			{"ErrLoginDotFirst", ".thu", "mat-khau-du-dai", "bắt đầu bằng chữ hoặc số"},
			{"ErrLoginTooLong", strings.Repeat("a", 33), "mat-khau-du-dai", "từ 2 đến 32"},
			{"ErrShortPassword", "quantri", "ngan-qua", "ít nhất 10 ký tự"},
			{"ErrMegabytePassword", "quantri", strings.Repeat("x", 1<<20), "dài quá 256 ký tự"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				_, err := fresh.CreateFirstAdmin(bg, data.User{Login: tt.login, FullName: "Trần Minh Quân"}, tt.password)
				AssertError(t, err, data.EINVALID, tt.words)
				if has, _ := fresh.HasUsers(bg); has {
					t.Fatal("a refused administrator was stored")
				}
			})
		}
	})

	t.Run("OK", func(t *testing.T) {
		u, err := fresh.CreateFirstAdmin(bg, data.User{Login: " QuanTri ", FullName: " Trần  Minh Quân ", Role: data.RoleViewer}, "mật khẩu đủ dài")
		if err != nil {
			t.Fatal(err)
		}
		if u.Login != "quantri" || u.Role != data.RoleAdmin || u.Version != 1 || u.Disabled {
			t.Fatalf("created %+v", u)
		}
		var hash string
		if err := fresh.SQL().QueryRow(fresh.Rebind(`SELECT password_hash FROM users WHERE id = ?`), u.ID).Scan(&hash); err != nil {
			t.Fatal(err)
		}
		// The hash carries its algorithm and cost, and no trace of the password.
		if !strings.HasPrefix(hash, "$argon2id$v=19$m=64,t=1,p=1$") || strings.Contains(hash, "mật") || len(strings.Split(hash, "$")) != 6 {
			t.Fatalf("hash %q", hash)
		}
		if _, err := fresh.SignIn(bg, "QUANTRI", "mật khẩu đủ dài"); err != nil {
			t.Fatalf("sign in with the login in capitals: %v", err)
		}
	})

	t.Run("ErrHasUsers", func(t *testing.T) {
		_, err := db.CreateFirstAdmin(bg, data.User{Login: "khac", FullName: "Người khác"}, "mat-khau-du-dai")
		AssertError(t, err, data.ECONFLICT, "đã có người dùng")
		AssertError(t, db.CreateSampleUsers(bg), data.ECONFLICT, "đã có người dùng")
	})
}

func TestSignIn(t *testing.T) {
	db := MustOpenDB(t)
	bg := context.Background()

	t.Run("OK", func(t *testing.T) {
		u, err := db.SignIn(bg, tester, storetest.Password)
		if err != nil {
			t.Fatal(err)
		}
		if u.Login != tester || !u.LastSignIn.Equal(now) {
			t.Fatalf("signed in %+v", u)
		}
	})

	t.Run("ErrUnknown", func(t *testing.T) {
		_, err := db.SignIn(bg, "khong.co", storetest.Password)
		AssertError(t, err, data.EFORBIDDEN, `Không có người dùng "khong.co"`)
		_, err = db.SignIn(bg, " ", storetest.Password)
		AssertError(t, err, data.EINVALID, "Hãy nhập tên đăng nhập")
	})

	t.Run("LockAfterFiveWrong", func(t *testing.T) {
		for i := 1; i <= 4; i++ {
			_, err := db.SignIn(bg, tester, "mat-khau-sai-roi")
			AssertError(t, err, data.EFORBIDDEN, "Sai mật khẩu", "Còn "+string(rune('0'+5-i))+" lần thử")
		}
		_, err := db.SignIn(bg, tester, strings.Repeat("x", 1<<20)) // wrong too, and not hashed
		AssertError(t, err, data.EFORBIDDEN, "bị khoá 5 phút")
		_, err = db.SignIn(bg, tester, storetest.Password)
		AssertError(t, err, data.EFORBIDDEN, "đang bị khoá tạm thời", "sau 5 phút nữa")
		db.Now = func() time.Time { return now.Add(4*time.Minute + 30*time.Second) }
		_, err = db.SignIn(bg, tester, storetest.Password)
		AssertError(t, err, data.EFORBIDDEN, "sau 1 phút nữa")
		db.Now = func() time.Time { return now.Add(5 * time.Minute) }
		if _, err := db.SignIn(bg, tester, storetest.Password); err != nil {
			t.Fatalf("after five minutes: %v", err)
		}
		// The count starts again after a good password.
		_, err = db.SignIn(bg, tester, "mat-khau-sai-roi")
		AssertError(t, err, data.EFORBIDDEN, "Còn 4 lần thử")
		db.Now = func() time.Time { return now }
	})

	t.Run("ResetUnlocks", func(t *testing.T) {
		u := storetest.AddUser(t, db, tester, "vanthu", data.RoleClerk)
		for range 5 {
			db.SignIn(bg, "vanthu", "mat-khau-sai-roi")
		}
		if err := db.ResetPassword(ctx, u.ID, "mat-khau-moi-cap"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SignIn(bg, "vanthu", "mat-khau-moi-cap"); err != nil {
			t.Fatalf("after the reset: %v", err)
		}
		AssertError(t, db.ResetPassword(ctx, u.ID, "ngan"), data.EINVALID, "ít nhất 10 ký tự")
	})

	t.Run("ErrDisabled", func(t *testing.T) {
		u := storetest.AddUser(t, db, tester, "nghiviec", data.RoleClerk)
		if _, err := db.SetUserDisabled(ctx, u.ID, u.Version, true); err != nil {
			t.Fatal(err)
		}
		_, err := db.SignIn(bg, "nghiviec", storetest.Password)
		AssertError(t, err, data.EFORBIDDEN, "đã bị vô hiệu hoá")
		_, err = db.CurrentUser(as("nghiviec"))
		AssertError(t, err, data.EFORBIDDEN, "đã bị vô hiệu hoá")
	})

	t.Run("ErrHashEdited", func(t *testing.T) {
		// A hash edited in the file is refused as an internal error, never run: a cost of 4 GiB
		// would take the machine's memory.
		u := storetest.AddUser(t, db, tester, "sua.tay", data.RoleViewer)
		for _, hash := range []string{
			"$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U",
			"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
			"$argon2id$v=16$m=64,t=1,p=1$c2FsdA$a2V5",
		} {
			if _, err := db.SQL().Exec(db.Rebind(`UPDATE users SET password_hash = ? WHERE id = ?`), hash, u.ID); err != nil {
				t.Fatal(err)
			}
			_, err := db.SignIn(bg, "sua.tay", storetest.Password)
			AssertError(t, err, data.EINTERNAL)
		}
	})

	t.Run("DecomposedMarks", func(t *testing.T) {
		// Typed with combining marks (an input method's "Unicode tổ hợp"), the password still opens.
		password := "Mật khẩu của Hằng"
		u := storetest.AddUser(t, db, tester, "hang", data.RoleViewer)
		if err := db.ResetPassword(ctx, u.ID, norm.NFD.String(password)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SignIn(bg, "hang", norm.NFC.String(password)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestUsersAdmin(t *testing.T) {
	db, us := newUsersDB(t, data.RoleAdmin, data.RoleClerk)
	first, err := db.CurrentUser(ctx)
	if err != nil {
		t.Fatal(err)
	}
	second := us["quantri2"]

	t.Run("FindUsers", func(t *testing.T) {
		got, err := db.FindUsers(ctx)
		if err != nil || len(got) != 3 || got[0].Login != "quantri2" || got[1].Login != tester || got[2].Login != "vanthu" {
			t.Fatalf("FindUsers = %v, %v", got, err)
		}
		_, err = db.FindUsers(as("vanthu"))
		AssertError(t, err, data.EFORBIDDEN, "vanthu (Văn thư) không có quyền quản lý người dùng")
	})

	t.Run("ErrLoginTaken", func(t *testing.T) {
		_, err := db.AddUser(ctx, data.User{Login: "VanThu", FullName: "Người trùng tên", Role: data.RoleClerk}, storetest.Password)
		AssertError(t, err, data.ECONFLICT, "Đã có người dùng tên đăng nhập vanthu")
	})

	t.Run("ErrDisableSelf", func(t *testing.T) {
		_, err := db.SetUserDisabled(ctx, first.ID, first.Version, true)
		AssertError(t, err, data.ECONFLICT, "không tự vô hiệu hoá")
	})

	t.Run("TwoAdminsDisablingEachOther", func(t *testing.T) {
		// The first disables the second; the second, disabled, can no longer disable the first.
		gone, err := db.SetUserDisabled(ctx, second.ID, second.Version, true)
		if err != nil {
			t.Fatal(err)
		}
		first, _ = db.CurrentUser(ctx)
		_, err = db.SetUserDisabled(as("quantri2"), first.ID, first.Version, true)
		AssertError(t, err, data.EFORBIDDEN, "đã bị vô hiệu hoá")
		// Now the last enabled administrator: not demoted either.
		first.Role = data.RoleClerk
		_, err = db.UpdateUser(ctx, *first)
		AssertError(t, err, data.ECONFLICT, "quản trị duy nhất còn hoạt động")
		// The disabled one may be demoted: no enabled administrator is lost.
		gone.Role = data.RoleViewer
		if gone, err = db.UpdateUser(ctx, *gone); err != nil {
			t.Fatal(err)
		}
		gone.Role = data.RoleAdmin
		if gone, err = db.UpdateUser(ctx, *gone); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SetUserDisabled(ctx, gone.ID, gone.Version, false); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("LastAdminDisabledByAnother", func(t *testing.T) {
		// Two enabled: either may disable the other, but not both in turn.
		second, _ = db.CurrentUser(as("quantri2"))
		first, _ = db.CurrentUser(ctx)
		if _, err := db.SetUserDisabled(as("quantri2"), first.ID, first.Version, true); err != nil {
			t.Fatal(err)
		}
		_, err := db.FindUsers(ctx)
		AssertError(t, err, data.EFORBIDDEN, "vô hiệu hoá")
		first, _ = findUser(t, db, tester)
		if _, err := db.SetUserDisabled(as("quantri2"), first.ID, first.Version, false); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("UpdateUser", func(t *testing.T) {
		u := us["vanthu"]
		u.FullName, u.Role, u.Login = "Nguyễn Thị Thu Hà", data.RoleManager, "doi-ten"
		saved, err := db.UpdateUser(ctx, *u)
		if err != nil {
			t.Fatal(err)
		}
		if saved.Login != "vanthu" || saved.Role != data.RoleManager || saved.Version != 2 {
			t.Fatalf("saved %+v", saved)
		}
		_, err = db.UpdateUser(ctx, *u) // the version read before
		AssertError(t, err, data.ECONFLICT, "vừa được người khác sửa")
		u.Version, u.Role = saved.Version, "giam_doc"
		_, err = db.UpdateUser(ctx, *u)
		AssertError(t, err, data.EINVALID, "Vai trò")
	})

	t.Run("ChangePassword", func(t *testing.T) {
		AssertError(t, db.ChangePassword(as("quantri2"), "khong-phai-mat-khau", "mat-khau-moi-1"), data.EFORBIDDEN, "Mật khẩu hiện tại không đúng")
		AssertError(t, db.ChangePassword(as("quantri2"), storetest.Password, "ngan"), data.EINVALID, "Mật khẩu mới phải có ít nhất 10")
		if err := db.ChangePassword(as("quantri2"), storetest.Password, "mat-khau-moi-1"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SignIn(context.Background(), "quantri2", "mat-khau-moi-1"); err != nil {
			t.Fatal(err)
		}
		AssertError(t, db.ChangePassword(context.Background(), "mat-khau-moi-1", "mat-khau-moi-2"), data.EFORBIDDEN, "Chưa đăng nhập")
	})
}

// findUser returns the user login, read as the administrator tester.
func findUser(t *testing.T, db *store.DB, login string) (*data.User, error) {
	t.Helper()
	us, err := db.FindUsers(as("quantri2"))
	for _, u := range us {
		if u.Login == login {
			return u, err
		}
	}
	t.Fatalf("no user %s (%v)", login, err)
	return nil, err
}

func TestSampleUsers(t *testing.T) {
	db, _ := mustOpenNew(t)
	bg := context.Background()
	if sample, _ := db.IsSample(bg); sample {
		t.Fatal("a new database is not a sample")
	}
	if err := db.CreateSampleUsers(bg); err != nil {
		t.Fatal(err)
	}
	if sample, err := db.IsSample(bg); !sample || err != nil {
		t.Fatalf("IsSample = %v, %v", sample, err)
	}
	want := map[string]data.Role{"quantri": data.RoleAdmin, "vanthu": data.RoleClerk, "giangvien": data.RoleTrainer, "lanhdao": data.RoleManager, "chixem": data.RoleViewer}
	for login, role := range want {
		u, err := db.SignIn(bg, login, data.SamplePassword)
		if err != nil || u.Role != role || u.FullName == "" {
			t.Fatalf("SignIn(%s) = %+v, %v", login, u, err)
		}
	}
	AssertError(t, db.CreateSampleUsers(bg), data.ECONFLICT, "đã có người dùng")
}

func TestClassTrainers(t *testing.T) {
	db, us := newUsersDB(t, data.RoleTrainer, data.RoleClerk)
	mine := MustCreateClass(t, db, NewClass("LH-2026-001"))
	other := MustCreateClass(t, db, NewClass("LH-2026-002"))
	tr := MustCreateTrainee(t, db, NewTrainee("Lê Thị Hoa", day(1990, 1, 2)))
	e1 := MustEnroll(t, db, mine, tr)[0]
	e2 := MustEnroll(t, db, other, tr)[0]
	AssertError(t, db.SetClassTrainers(ctx, mine.ID, []int64{us["vanthu"].ID}), data.EINVALID, "không phải giảng viên")
	AssertError(t, db.SetClassTrainers(ctx, 999, nil), data.ENOTFOUND, "lớp học")
	if err := db.SetClassTrainers(as("vanthu"), mine.ID, []int64{us["giangvien"].ID}); err != nil {
		t.Fatal(err)
	}
	got, err := db.ClassTrainers(ctx, mine.ID)
	if err != nil || len(got) != 1 || got[0].Login != "giangvien" {
		t.Fatalf("ClassTrainers = %v, %v", got, err)
	}
	trainer := as("giangvien")
	if _, err := db.SetScore(trainer, e1.ID, e1.Version, 85); err != nil {
		t.Fatalf("a trainer scoring their own class: %v", err)
	}
	_, err = db.SetScore(trainer, e2.ID, e2.Version, 85)
	AssertError(t, err, data.EFORBIDDEN, "giangvien (Giảng viên)", "lớp LH-2026-002 không được phân công cho bạn")
	err = db.CreateEnterprises(trainer, []*data.Enterprise{NewEnterprise("Công ty của giảng viên")})
	AssertError(t, err, data.EFORBIDDEN, "không có quyền thêm, sửa hay xoá doanh nghiệp")
}

func TestClerkRefused(t *testing.T) {
	db, _ := newUsersDB(t, data.RoleClerk)
	clerk := as("vanthu")
	AssertError(t, db.SaveOrganisation(clerk, data.DefaultOrganisation()), data.EFORBIDDEN, "vanthu (Văn thư) không có quyền thay đổi thiết lập chung")
	c, _ := FinishedClass(t, db, "LH-2026-001", trainee{"Nguyễn Văn An", "8"})
	MustSetSigner(t, db, "Nguyễn Văn Hùng")
	before := CertSnapshot(t, db)
	_, err := db.IssueCertificates(clerk, request(c.ID))
	AssertError(t, err, data.EFORBIDDEN, "không có quyền cấp, cấp lại, thu hồi chứng chỉ")
	AssertCertsUnchanged(t, db, before)
}

// BenchmarkSignIn measures a sign-in at the cost new passwords get (DefaultPasswordCost): it must
// stay well under a second on the centre's two-core computers.
func BenchmarkSignIn(b *testing.B) {
	db := MustOpenDB(b)
	db.PasswordCost = store.DefaultPasswordCost
	u := storetest.AddUser(b, db, tester, "vanthu", data.RoleClerk)
	db.PasswordCost = store.DefaultPasswordCost // AddUser lowered it
	if err := db.ResetPassword(ctx, u.ID, "mat-khau-that-su"); err != nil {
		b.Fatal(err)
	}
	// The processor time tells the cost on a loaded machine: Argon2id's two lanes run on both
	// cores at once, so an idle two-core computer signs in in about half of it.
	loopCPU(b, func() error {
		_, err := db.SignIn(context.Background(), "vanthu", "mat-khau-that-su")
		return err
	})
}
