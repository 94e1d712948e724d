package vn

import (
	"fmt"
	"strings"
	"unicode"
)

// NormalizeEmail checks an e-mail address and returns it trimmed with its domain in lower case.
// Blank input gives "" and no error.
func NormalizeEmail(s string) (string, error) {
	in := NFC(s)
	if in == "" {
		return "", nil
	}
	if strings.IndexFunc(in, unicode.IsSpace) >= 0 {
		return "", fmt.Errorf("Thư điện tử %q có dấu cách: hãy bỏ dấu cách.", in)
	}
	local, domain, ok := strings.Cut(in, "@")
	switch {
	case !ok:
		return "", fmt.Errorf("Thư điện tử %q thiếu dấu @.", in)
	case strings.Contains(domain, "@"):
		return "", fmt.Errorf("Thư điện tử %q có nhiều dấu @: mỗi ô chỉ gõ một địa chỉ.", in)
	case local == "":
		return "", fmt.Errorf("Thư điện tử %q thiếu phần tên trước dấu @.", in)
	case domain == "":
		return "", fmt.Errorf("Thư điện tử %q thiếu tên miền sau dấu @, ví dụ @gmail.com.", in)
	}
	for _, r := range local {
		if !isASCIIAlnum(r) && !strings.ContainsRune(".-_+", r) {
			return "", fmt.Errorf("Thư điện tử %q có ký tự %q không dùng được trong địa chỉ thư.", in, r)
		}
	}
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return "", fmt.Errorf("Thư điện tử %q có dấu chấm đặt sai chỗ trước dấu @.", in)
	}
	for _, r := range domain {
		if !isASCIIAlnum(r) && r != '.' && r != '-' {
			return "", fmt.Errorf("Thư điện tử %q có ký tự %q không dùng được trong tên miền.", in, r)
		}
	}
	domain = strings.ToLower(domain)
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return "", fmt.Errorf("Thư điện tử %q thiếu phần đuôi của tên miền, ví dụ @gmail.com.", in)
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return "", fmt.Errorf("Thư điện tử %q có tên miền %q không đúng, ví dụ gmail.com hoặc hanoi.gov.vn.", in, domain)
		}
	}
	if tld := labels[len(labels)-1]; len(tld) < 2 || strings.IndexFunc(tld, unicode.IsDigit) >= 0 {
		return "", fmt.Errorf("Thư điện tử %q có đuôi tên miền %q không đúng, ví dụ .vn hoặc .com.", in, tld)
	}
	return local + "@" + domain, nil
}

func isASCIIAlnum(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
}
