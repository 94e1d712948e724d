package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"

	"khuyencong/data"
)

// What an office outside the centre needs to check a certificate without this program: the
// centre's public key and a certificate's QR text, printed exactly as the README's worked
// example uses them.

// certsKey prints the centre's public key in standard padded base64 (44 characters), as Settings,
// the Tra cứu screen and the register print it; EINVALID before the signing passphrase is set.
func (m *Main) certsKey(ctx context.Context, args []string) error {
	if _, err := m.parse(m.flags("certs key"), args, 0); err != nil {
		return err
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := db.PublicKey(ctx)
	if err != nil {
		return err
	}
	if key == nil {
		return data.Errorf(data.EINVALID, "Chưa có khóa ký chứng chỉ: đặt mật khẩu ký bằng lệnh kc key passphrase để tạo khóa.")
	}
	_, err = fmt.Fprintln(m.Stdout, base64.StdEncoding.EncodeToString(key))
	return err
}

// certsQR prints the text a certificate's QR code carries, one line, as it was signed at issue.
func (m *Main) certsQR(ctx context.Context, args []string) error {
	fs := m.flags("certs qr")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fmt.Fprint(m.Stderr, usage)
		return data.Errorf(data.EINVALID, "Lệnh certs qr cần đúng một số hiệu chứng chỉ: kc certs qr KC-2026-000001.")
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.FindCertificateBySerial(ctx, strings.TrimSpace(rest[0]))
	if data.ErrorCode(err) == data.ENOTFOUND {
		return data.Errorf(data.ENOTFOUND, "Không có chứng chỉ số hiệu %s trong sổ. Xem các số hiệu bằng lệnh kc certs list.", strings.TrimSpace(rest[0]))
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(m.Stdout, c.Content.VerifyText)
	return err
}
