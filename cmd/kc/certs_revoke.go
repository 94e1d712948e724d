package main

import (
	"context"
	"fmt"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
)

// certsChange runs `kc certs revoke|reissue SỐ_HIỆU --reason LÝ_DO [--date dd/mm/yyyy]`: both
// sign with the centre's key, so both ask the signing passphrase. It prints the revoked
// certificate's serial and day, or the new certificate's serial and register number.
func (m *Main) certsChange(ctx context.Context, what string, args []string) error {
	how := "kc certs " + what + ` SỐ_HIỆU --reason "LÝ DO" [--date dd/mm/yyyy]`
	fs := m.flags("certs " + what)
	reason := fs.String("reason", "", "lý do, ghi vào sổ cấp chứng chỉ")
	date := fs.String("date", "", "ngày thu hồi hoặc cấp lại, dd/mm/yyyy (mặc định: hôm nay)")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	serial, err := m.oneArg(rest, "certs "+what, "số hiệu chứng chỉ", how)
	if err != nil {
		return err
	}
	on, err := parseDateFlag("date", *date)
	if err != nil {
		return err
	}
	if ctx, err = m.signing(ctx); err != nil {
		return err
	}
	return m.withDB(func(db *store.DB) error {
		c, err := db.FindCertificateBySerial(ctx, strings.TrimSpace(serial))
		if data.ErrorCode(err) == data.ENOTFOUND {
			return data.Errorf(data.ENOTFOUND, "Không có chứng chỉ số hiệu %s trong sổ. Xem các số hiệu bằng lệnh kc certs list.", strings.TrimSpace(serial))
		} else if err != nil {
			return err
		}
		if what == "revoke" {
			r, err := db.RevokeCertificate(ctx, c.ID, c.Version, on, *reason)
			if err == nil {
				_, err = fmt.Fprintf(m.Stdout, "%s\tthu hồi ngày %s\n", r.Content.Serial, r.RevokedOn)
			}
			return err
		}
		n, err := db.ReissueCertificate(ctx, c.ID, c.Version, on, *reason)
		if err == nil {
			_, err = fmt.Fprintf(m.Stdout, "%s\t%s\tcấp lại chứng chỉ %s\n", n.Content.Serial, n.Content.RegisterLabel(), c.Content.Serial)
		}
		return err
	})
}
