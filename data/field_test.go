package data_test

import (
	"testing"

	"khuyencong/data"
	"khuyencong/data/vn"
)

func TestIssueRequestValidate(t *testing.T) {
	ok := data.IssueRequest{ClassID: 1, DecisionNo: "125/QĐ-TTKC", DecisionDate: vn.Date{Year: 2026, Month: 11, Day: 20}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		edit func(*data.IssueRequest)
		want string
	}{
		{"DecisionDate31Feb", func(r *data.IssueRequest) { r.DecisionDate = vn.Date{Year: 2026, Month: 2, Day: 31} }, "Ngày ký quyết định 31/02/2026 không phải ngày có thật"},
		{"IssuedOnYear2201", func(r *data.IssueRequest) { r.IssuedOn = vn.Date{Year: 2201, Month: 1, Day: 1} }, "Ngày cấp 01/01/2201"},
		{"DecisionNoNUL", func(r *data.IssueRequest) { r.DecisionNo = "125\x00" }, "Số quyết định có ký tự điều khiển U+0000"},
		{"DecisionNoNewline", func(r *data.IssueRequest) { r.DecisionNo = "125\n/QĐ" }, "Số quyết định phải viết trên một dòng"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := ok
			tc.edit(&r)
			assertInvalid(t, r.Validate(), tc.want)
		})
	}
	for _, p := range []string{"K\x00", "K\xff", "K|C", "K\nC"} {
		if data.ErrorCode(data.CertificateSettings{SerialPrefix: p}.Validate()) != data.EINVALID {
			t.Errorf("serial prefix %q accepted", p)
		}
	}
}
