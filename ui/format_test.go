package ui

import "testing"

func TestShortName(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"Công ty Cổ phần Gốm sứ Chu Đậu", "CTCP Gốm sứ Chu Đậu"},
		{"Công ty cổ phần Gốm sứ Chu Đậu", "CTCP Gốm sứ Chu Đậu"},
		{"Công ty TNHH MTV Mây tre Phú Vinh", "TNHH MTV Mây tre Phú Vinh"},
		{"Công ty TNHH một thành viên Mây tre Phú Vinh", "TNHH MTV Mây tre Phú Vinh"},
		{"Công ty trách nhiệm hữu hạn một thành viên Sơn mài Hạ Thái", "TNHH MTV Sơn mài Hạ Thái"},
		{"Công ty TNHH Thêu ren Quất Động", "TNHH Thêu ren Quất Động"},
		{"Hợp tác xã Dịch vụ Nông nghiệp Bát Tràng", "HTX Dịch vụ Nông nghiệp Bát Tràng"},
		{"Doanh nghiệp tư nhân Nón lá Chuông", "DNTN Nón lá Chuông"},
		{"Hộ kinh doanh Nguyễn Văn An", "HKD Nguyễn Văn An"},
		{"Cơ sở sản xuất Gốm Minh Hải", "Cơ sở sản xuất Gốm Minh Hải"}, // no legal form to shorten
		{"Công ty TNHH", "Công ty TNHH"},                               // nothing would be left
		{"Công ty TNHHX Lạ", "Công ty TNHHX Lạ"},                       // not a whole word
		{"", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := shortName(tt.name); got != tt.want {
				t.Fatalf("shortName(%q)=%q, want %q", tt.name, got, tt.want)
			}
		})
	}
}
