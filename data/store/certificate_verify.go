package store

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// Verify checks a QR text or a bare serial against the register and the centre's key:
//
//   - a serial not in the register: unknown (it may be another centre's);
//   - a QR text naming a serial of the register whose signature is not the centre's or whose
//     fields differ from the register's: forged, whatever else changed. Another centre numbers
//     its certificates alike, but a text that claims one of our serials and does not match it is
//     a forgery of that certificate as far as this register can tell;
//   - then the register's status: valid, revoked (with the reason), replaced (by which serial).
//
// A bare serial checks only the register, as no signature comes with it. A register entry whose
// content no longer has its hash was edited outside the program: forged. So is, once the register
// is signed (see certificate_seal.go), an entry whose signature, key or link to the entry before
// does not hold, or whose status the centre's key did not sign. EINVALID for an empty
// input or a malformed QR text (the message says what is wrong).
func (db *DB) Verify(ctx context.Context, textOrSerial string) (_ *data.Verification, err error) {
	defer translate(&err)
	in := strings.TrimSpace(textOrSerial)
	if in == "" {
		return nil, data.Errorf(data.EINVALID, "Hãy nhập số hiệu chứng chỉ (ví dụ KC-2026-000123) hoặc quét mã QR trên chứng chỉ.")
	}
	var text *data.CertificateText
	serial := strings.ToUpper(vn.NFC(in))
	if strings.Contains(in, "|") || data.IsCertificateLink(in) {
		t, err := data.ParseCertificateText(in)
		if err != nil {
			return nil, err
		}
		text, serial = &t, t.Serial
	}
	tx, keys, signed, err := db.readRegister(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCertificate(ctx, tx, `c.serial = ?`, serial)
	if data.ErrorCode(err) == data.ENOTFOUND {
		msg := fmt.Sprintf("Chứng chỉ số hiệu %s không có trong sổ cấp chứng chỉ của trung tâm này, hoặc do đơn vị khác cấp.", serial)
		if text != nil {
			pubs, err := centrePublicKeys(ctx, tx, keys)
			if err != nil {
				return nil, err
			}
			if slices.ContainsFunc(pubs, text.VerifiedBy) {
				msg = fmt.Sprintf("Mã QR mang chữ ký của trung tâm này nhưng số hiệu %s không có trong sổ cấp chứng chỉ: có thể đây là bản sao lưu cũ của dữ liệu. Hãy báo người quản lý sổ.", serial)
			}
		}
		return &data.Verification{Verdict: data.VerdictUnknown, Message: msg}, nil
	} else if err != nil {
		return nil, err
	}
	var stored, createdAt string
	r := &rowSeal{}
	if err := tx.QueryRowContext(ctx, `SELECT c.content, c.created_at, `+sealColumns+` FROM certificates c WHERE c.id = ?`, c.ID).Scan(
		&stored, &createdAt, &r.year, &r.no, &r.serial, &r.contentHash, &r.prevHash, &r.keyID, &r.signature); err != nil {
		return nil, err
	}
	if contentHash(stored) != c.Hash {
		return &data.Verification{Verdict: data.VerdictForged, Certificate: c, Message: fmt.Sprintf(
			"Bản ghi chứng chỉ %s trong sổ đã bị sửa ngoài chương trình (nội dung không khớp mã băm lưu lúc cấp). Không xác nhận được chứng chỉ này; hãy báo người quản lý sổ.", serial)}, nil
	}
	created, err := time.Parse(timeFormat, createdAt)
	if err != nil {
		return nil, err
	}
	p, err := rowProblem(ctx, tx, r, created, keys, signed)
	if err == nil && p == "" && signed {
		p, err = statusProblem(ctx, tx, c, keys)
	}
	if err != nil {
		return nil, err
	} else if p != "" {
		return &data.Verification{Verdict: data.VerdictForged, Certificate: c, Message: fmt.Sprintf(
			"Chứng chỉ %s có thể là GIẢ MẠO: %s. Không xác nhận được chứng chỉ này; hãy báo người quản lý sổ (kc register check --year %d chỉ ra dòng sổ sai đầu tiên).", serial, p, r.year)}, nil
	}
	if text != nil {
		pub, err := rowPublicKey(ctx, tx, r, keys)
		if err != nil {
			return nil, err
		}
		want, err := data.ParseCertificateText(c.Content.VerifyText)
		if err != nil {
			return nil, err
		}
		if !text.VerifiedBy(pub) || text.Signed != want.Signed {
			return &data.Verification{Verdict: data.VerdictForged, Certificate: c, Message: fmt.Sprintf(
				"Chứng chỉ %s có thể là GIẢ MẠO hoặc đã bị sửa: nội dung mã QR (%s, sinh %s, lớp %s, cấp %s) không khớp chữ ký của trung tâm hoặc sổ cấp chứng chỉ, sổ ghi %s, sinh %s, lớp %s, cấp %s.",
				serial, text.Name, text.BirthDate, text.ClassCode, text.IssuedOn, want.Name, want.BirthDate, want.ClassCode, want.IssuedOn)}, nil
		}
	}
	v := &data.Verification{Certificate: c}
	who := fmt.Sprintf("cấp cho %s, sinh ngày %s, lớp %s (%s), ngày cấp %s, số vào sổ %s", c.Content.TraineeName, c.Content.BirthDate,
		c.Content.ClassCode, c.Content.Trade, c.Content.IssuedOn, c.Content.RegisterLabel())
	switch c.Status {
	case data.CertIssued:
		v.Verdict, v.Message = data.VerdictValid, fmt.Sprintf("Chứng chỉ %s hợp lệ: %s.", serial, who)
		if text == nil {
			v.Message += " (Kiểm tra theo số hiệu chỉ đối chiếu sổ; hãy quét mã QR để kiểm tra cả chữ ký.)"
		}
	case data.CertRevoked:
		v.Verdict, v.Message = data.VerdictRevoked, fmt.Sprintf("Chứng chỉ %s đã bị THU HỒI ngày %s, lý do: %s. Chứng chỉ đã %s.", serial, c.RevokedOn, c.Reason, who)
	case data.CertReplaced:
		v.Verdict, v.Message = data.VerdictReplaced, fmt.Sprintf("Chứng chỉ %s đã được CẤP LẠI bằng chứng chỉ %s ngày %s (lý do: %s) nên không còn hiệu lực; hãy kiểm tra chứng chỉ %s.", serial, c.ReplacedBy, c.RevokedOn, c.Reason, c.ReplacedBy)
	default:
		return nil, fmt.Errorf("certificate %s: status %q", serial, c.Status)
	}
	return v, nil
}

// rowProblem returns what is wrong with a register row's seal — its key, its signature, its link
// to the row before — or "" when it holds (or when the register is not signed yet).
func rowProblem(ctx context.Context, tx *tx, r *rowSeal, created time.Time, keys map[int64]*keyRow, signed bool) (string, error) {
	if p := keyProblem(r, created, keys, signed); p != "" || !signed {
		return p, nil
	}
	if !r.signedBy(keys[r.keyID.Int64].public) {
		return forgedSignature, nil
	}
	prev := ""
	if r.no > 1 {
		p, err := scanSeal(tx.QueryRowContext(ctx, `SELECT `+sealColumns+` FROM certificates c WHERE c.register_year = ? AND c.register_no = ?`, r.year, r.no-1))
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Sprintf("dòng số %d/%d ngay trước nó đã bị xóa khỏi sổ", r.no-1, r.year), nil
		} else if err != nil {
			return "", err
		}
		prev = p.hash()
	}
	if r.prevHash != prev {
		return "dòng sổ không nối đúng với dòng trước nó (sổ đã bị sửa quanh dòng này)", nil
	}
	return "", nil
}

// rowPublicKey returns the public key a register row's QR text must be signed with: its key's,
// or for a row an unsealed earlier version wrote, the key that version keeps in the clear.
func rowPublicKey(ctx context.Context, tx *tx, r *rowSeal, keys map[int64]*keyRow) (ed25519.PublicKey, error) {
	if k := keyByID(keys, r.keyID); k != nil {
		return k.public, nil
	}
	return publicKey(ctx, tx)
}

// centrePublicKeys returns the public halves of the centre's endorsed keys, or of the key an
// unsealed earlier version keeps.
func centrePublicKeys(ctx context.Context, tx *tx, keys map[int64]*keyRow) ([]ed25519.PublicKey, error) {
	var out []ed25519.PublicKey
	for _, k := range keys {
		out = append(out, k.public)
	}
	if len(out) > 0 {
		return out, nil
	}
	pub, err := publicKey(ctx, tx)
	if pub != nil {
		out = append(out, pub)
	}
	return out, err
}
