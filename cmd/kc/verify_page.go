package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"khuyencong/data/store"
	"khuyencong/reports/verifypage"
)

// verifyPage runs `kc verify-page [--address ĐỊA_CHỈ] [-o THƯ_MỤC]`: --address stores the address
// where the centre publishes its page (the QR codes printed from then on link to it; "" for
// none); -o writes the page's folder, its revocation list signed with the signing passphrase.
// Without either, it prints the address set.
func (m *Main) verifyPage(ctx context.Context, args []string) error {
	fs := m.flags("verify-page")
	out := fs.String("o", "", "thư mục cần ghi trang kiểm tra (index.html, thu-hoi.json)")
	var address *string
	fs.Func("address", "địa chỉ trang kiểm tra, ví dụ https://khuyencong.hanoi.gov.vn/xac-thuc (\"\" để bỏ)", func(s string) error { address = &s; return nil })
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	if *out != "" {
		var err error
		if ctx, err = m.signing(ctx); err != nil {
			return err
		}
	}
	return m.withDB(func(db *store.DB) error {
		if address != nil {
			if err := db.SaveVerifyAddress(ctx, *address); err != nil {
				return err
			}
		}
		a, err := db.VerifyAddress(ctx)
		if err != nil {
			return err
		}
		if strings.TrimSpace(*out) == "" {
			if a == "" {
				a = "(chưa đặt: mã QR chỉ mang nội dung đã ký)"
			}
			_, err = fmt.Fprintln(m.Stdout, a)
			return err
		}
		p, err := verifypage.Publish(ctx, db, db, *out)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(m.Stdout, "%s\t%s\n%s\t%d chứng chỉ đã thu hồi hoặc cấp lại, lập lúc %s\n",
			filepath.Join(*out, verifypage.PageFile), pageAddress(a),
			filepath.Join(*out, verifypage.RevocationsFile), len(p.Revocations.Entries), p.Revocations.Made.Format("02/01/2006 15:04 MST"))
		return err
	})
}

// pageAddress says where the page is to be published, for kc's report of what it wrote.
func pageAddress(a string) string {
	if a == "" {
		return "chưa đặt địa chỉ trang (kc verify-page --address …): mã QR in ra chưa dẫn tới trang này"
	}
	return "đăng lên " + a
}
