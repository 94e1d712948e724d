package data_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"khuyencong/assets"
	"khuyencong/data"
	"khuyencong/data/vn"
)

func validEnterprise() *data.Enterprise {
	return &data.Enterprise{
		Kind: data.KindCooperative, Name: "Hợp tác xã Gốm sứ Bát Tràng", TaxCode: "0100109106",
		Representative: vn.Name{Family: "Nguyễn", Middle: "Thị Ánh", Given: "Tuyết"},
		Phone:          "0912 345 678", Email: "gom@battrang.vn", WardCode: "00577", Workers: 25,
	}
}

func TestEnterpriseValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(e *data.Enterprise)
		want   string // a part of the message; "" means valid
	}{
		{"OK", func(e *data.Enterprise) {}, ""},
		{"OKNoTaxCode", func(e *data.Enterprise) { e.Kind, e.TaxCode = data.KindEstablish, "" }, ""},
		{"OKHouseholdCCCD", func(e *data.Enterprise) { e.Kind, e.TaxCode = data.KindHousehold, "001086012345" }, ""},
		{"ErrKind", func(e *data.Enterprise) { e.Kind = "" }, "loại hình"},
		{"ErrNameEmpty", func(e *data.Enterprise) { e.Name = "  " }, "Tên doanh nghiệp không được để trống"},
		{"ErrNameTooLong", func(e *data.Enterprise) { e.Name = strings.Repeat("Gốm ", 500) }, "tối đa 300 ký tự"},
		{"ErrTaxCheckDigit", func(e *data.Enterprise) { e.TaxCode = "0100109107" }, "Mã số thuế 0100109107 sai chữ số kiểm tra"},
		{"ErrCCCDNotHousehold", func(e *data.Enterprise) { e.TaxCode = "001086012345" }, "chỉ dùng cho hộ kinh doanh"},
		{"ErrPhoneLetters", func(e *data.Enterprise) { e.Phone = "09a1234567" }, "chữ cái"},
		{"ErrEmailNoAt", func(e *data.Enterprise) { e.Email = "gom.battrang.vn" }, "@"},
		{"ErrWorkersNegative", func(e *data.Enterprise) { e.Workers = -3 }, "Số lao động không được âm"},
		{"ErrNotesTooLong", func(e *data.Enterprise) { e.Notes = strings.Repeat("x", data.MaxLongLen+1) }, "Ghi chú"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := validEnterprise()
			tc.change(e)
			e.Normalize()
			err := e.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Validate()=%v, want nil", err)
				}
				return
			}
			if got := data.ErrorCode(err); got != data.EINVALID {
				t.Fatalf("code=%q (%v), want EINVALID", got, err)
			}
			if !strings.Contains(data.ErrorMessage(err), tc.want) {
				t.Fatalf("message=%q, want it to contain %q", data.ErrorMessage(err), tc.want)
			}
		})
	}
}

func TestEnterpriseNormalize(t *testing.T) {
	e := validEnterprise()
	e.Name = "  Hợp tác xã  Gốm sứ Bát Tràng "
	e.Representative = vn.Name{Given: "  Nguyễn   Thị Ánh   Tuyết "}
	e.Email = "Gom@BatTrang.VN"
	e.Normalize()
	if e.Phone != "0912345678" || e.Email != "Gom@battrang.vn" || e.Representative.Given != "Tuyết" || e.Representative.Middle != "Thị Ánh" {
		t.Fatalf("normalised %+v", e)
	}
}

func TestErrorHelpers(t *testing.T) {
	app := data.Errorf(data.ECONFLICT, "Mã số thuế %s đã đăng ký.", "0100109106")
	wrapped := fmt.Errorf("saving: %w", app)
	if data.ErrorCode(wrapped) != data.ECONFLICT || data.ErrorMessage(wrapped) != "Mã số thuế 0100109106 đã đăng ký." {
		t.Fatalf("wrapped application error lost: %q %q", data.ErrorCode(wrapped), data.ErrorMessage(wrapped))
	}
	raw := errors.New("sqlite: database disk image is malformed")
	if data.ErrorCode(raw) != data.EINTERNAL || strings.Contains(data.ErrorMessage(raw), "sqlite") {
		t.Fatalf("a raw error must not reach the clerk: %q", data.ErrorMessage(raw))
	}
	if data.ErrorCode(nil) != "" || data.ErrorMessage(nil) != "" {
		t.Fatal("nil is no error")
	}
}

func TestOrganisationValidate(t *testing.T) {
	o := data.DefaultOrganisation()
	if err := o.Validate(); err != nil {
		t.Fatalf("the default organisation should print: %v", err)
	}
	o.City = " "
	if err := o.Validate(); !strings.Contains(data.ErrorMessage(err), "Địa danh") {
		t.Fatalf("empty city: %v", err)
	}
}

func TestParseDivisions(t *testing.T) {
	t.Run("Catalogues", func(t *testing.T) {
		for file, n := range map[string]int{assets.WardsFile: 126, assets.DistrictsFile: 30} {
			f, err := assets.Catalogue.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			divs, err := data.ParseDivisions(f)
			f.Close()
			if err != nil || len(divs) != n {
				t.Fatalf("%s: %d units (%v), want %d", file, len(divs), err, n)
			}
		}
	})
	for _, tc := range []struct{ name, in, want string }{
		{"ErrHeader", "ma\tloai\tten\n", "Dòng đầu"},
		{"ErrColumns", "code\tkind\tname\n00004\tphường\n", "Dòng 2"},
		{"ErrCode", "code\tkind\tname\n0000A\tphường\tBa Đình\n", "chữ số"},
		{"ErrDuplicate", "code\tkind\tname\n00004\tphường\tBa Đình\n00004\tphường\tNgọc Hà\n", "lặp lại mã 00004"},
		{"ErrNotUTF8", "code\tkind\tname\n00004\tph\xffường\tBa Đình\n", "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := data.ParseDivisions(strings.NewReader(tc.in))
			if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), tc.want) {
				t.Fatalf("err=%v, want EINVALID containing %q", err, tc.want)
			}
		})
	}
}

func FuzzParseDivisions(f *testing.F) {
	f.Add("code\tkind\tname\n00004\tphường\tBa Đình\n")
	f.Add("\ufeffcode\tkind\tname\r\n00577\txã\tBát Tràng\r\n\r\n")
	f.Add("code\tkind\tname\n1\t\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		divs, err := data.ParseDivisions(strings.NewReader(in))
		if err != nil {
			if data.ErrorCode(err) != data.EINVALID {
				t.Fatalf("a bad catalogue must be EINVALID, got %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, d := range divs {
			if d.Validate() != nil || seen[d.Code] {
				t.Fatalf("accepted a bad or repeated unit %+v", d)
			}
			seen[d.Code] = true
		}
	})
}

func TestNormalizeKeepsAGivenSplit(t *testing.T) {
	e := validEnterprise()
	e.Representative = vn.Name{Family: "Tôn Nữ", Middle: "Thị", Given: "Hà"}
	e.Normalize()
	if got := e.Representative; got.Family != "Tôn Nữ" || got.Middle != "Thị" || got.Given != "Hà" {
		t.Fatalf("a split the clerk made was redone: %+v", got)
	}
}
