package demo

// weighted is a word and how often it is drawn relative to the others of its list.
type weighted struct {
	word   string
	weight int
}

// families follow the rough share of Vietnamese family names.
var families = []weighted{
	{"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9}, {"Phạm", 7}, {"Hoàng", 5}, {"Vũ", 4}, {"Đặng", 2},
	{"Bùi", 2}, {"Đỗ", 2}, {"Hồ", 1}, {"Ngô", 1}, {"Dương", 1}, {"Lý", 1}, {"Phan", 2}, {"Đinh", 1},
}

var (
	maleMiddles   = []string{"Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Đình", "Ngọc", "Mạnh"}
	femaleMiddles = []string{"Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Thị Ánh", "Thị Thanh"}
	maleGivens    = []string{"Anh", "Bình", "Dũng", "Đức", "Hùng", "Hải", "Long", "Nam", "Quân", "Sơn", "Thắng", "Tuấn", "Trung", "Cường", "Hưng", "Khánh", "Lợi", "Vượng", "Thành", "Tùng", "Phúc", "Định", "Quý", "Nghĩa"}
	femaleGivens  = []string{"Anh", "Ánh", "Lan", "Tuyết", "Hương", "Hà", "Mai", "Hằng", "Thảo", "Nga", "Hoa", "Dung", "Huyền", "Linh", "Phương", "Yến", "Trang", "Thủy", "Loan", "Nhung", "Oanh", "Ngọc"}
	brands        = []string{"Minh Long", "Hưng Thịnh", "Phúc An", "Thành Đạt", "Hoàng Gia", "Việt Hà", "Tân Tiến", "Đức Phát", "Kim Ngân", "Hòa Bình", "Thăng Long", "Trường Sơn", "An Phú", "Quốc Việt", "Hồng Phát", "Đại Việt", "Phú Gia", "Ngọc Lan", "Sao Mai", "Thiên Ân"}
	streets       = []string{"Nguyễn Trãi", "Lê Lợi", "Trần Phú", "Quang Trung", "Lê Trọng Tấn", "Nguyễn Văn Cừ", "Phạm Văn Đồng", "Giải Phóng", "Ngô Gia Tự", "Tô Hiệu", "Hồ Tùng Mậu", "Nguyễn Xiển"}
	hamlets       = []string{"Thôn Đông", "Thôn Đoài", "Thôn Trung", "Thôn Thượng", "Thôn Hạ", "Thôn Nam", "Thôn Bắc", "Thôn Tiền", "Thôn Hậu"}
	notes         = []string{
		"Đã tham gia Hội chợ Làng nghề Việt Nam năm 2024.",
		"Đề nghị hỗ trợ máy móc thiết bị tiên tiến trong sản xuất.",
		"Sản phẩm đạt OCOP 4 sao cấp thành phố.",
		"Có sản phẩm công nghiệp nông thôn tiêu biểu cấp thành phố.",
		"Đã đổi địa điểm sản xuất, cần xác minh lại địa chỉ.",
		"Nhận đào tạo nghề cho lao động địa phương.",
	}
	// mobilePrefixes are the three-digit mobile prefixes Vietnamese carriers use.
	mobilePrefixes = []string{"032", "033", "034", "035", "036", "037", "038", "039", "056", "058", "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096", "097", "098", "099"}
	mailHosts      = []string{"gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com"}
)
