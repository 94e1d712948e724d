package store_test

import (
	"strings"
	"testing"

	"khuyencong/data"
)

func TestOrganisation(t *testing.T) {
	db := MustOpenDB(t)
	o, err := db.Organisation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := o, data.DefaultOrganisation(); got != want {
		t.Fatalf("Organisation()=%+v, want the default %+v", got, want)
	}

	t.Run("OK", func(t *testing.T) {
		o.Address, o.DirectorName = "Số 331 đường Cầu Giấy, Hà Nội", "Nguyễn Văn Bình"
		if err := db.SaveOrganisation(ctx, o); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Organisation(ctx); err != nil || got != o {
			t.Fatalf("Organisation()=%+v, %v; want %+v", got, err, o)
		}
	})

	t.Run("ErrInvalid", func(t *testing.T) {
		before := MustCount(t, db, "audit")
		bad := o
		bad.Name = " "
		AssertError(t, db.SaveOrganisation(ctx, bad), data.EINVALID, "Tên trung tâm không được để trống")
		bad = o
		bad.City = strings.Repeat("Hà Nội ", 40)
		AssertError(t, db.SaveOrganisation(ctx, bad), data.EINVALID, "Địa danh dài 279 ký tự") // the last space trimmed
		if got, err := db.Organisation(ctx); err != nil || got != o {
			t.Fatalf("Organisation()=%+v, %v; want %+v kept", got, err, o)
		}
		if got := MustCount(t, db, "audit"); got != before {
			t.Fatalf("audit rows=%d, want %d", got, before)
		}
	})
}

func TestSetting(t *testing.T) {
	db := MustOpenDB(t)
	if v, err := db.Setting(ctx, "theme"); err != nil || v != "" {
		t.Fatalf("Setting(theme)=%q, %v; want empty", v, err)
	}
	for _, v := range []string{"tối", "sáng"} {
		if err := db.SetSetting(ctx, "theme", v); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Setting(ctx, "theme"); err != nil || got != v {
			t.Fatalf("Setting(theme)=%q, %v; want %q", got, err, v)
		}
	}

	t.Run("ErrReservedKey", func(t *testing.T) {
		for _, key := range []string{"", "  ", "store.organisation"} {
			AssertError(t, db.SetSetting(ctx, key, "x"), data.EINVALID, "Tên thiết lập")
		}
		if o, err := db.Organisation(ctx); err != nil || o != data.DefaultOrganisation() {
			t.Fatalf("Organisation()=%+v, %v", o, err)
		}
		MustSealKey(t, db)
		v, err := db.Setting(ctx, "store.certificate_key")
		AssertError(t, err, data.EINVALID, "là của chương trình")
		if v != "" {
			t.Fatal("the private signing key was read out")
		}
	})
}
