package store

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"khuyencong/data"
)

// The signed register
//
// Each row of the certificate register is signed by the key in use when it was written, over
//
//	KC-SO1\n<year>\n<register number>\n<serial>\n<content hash>\n<previous row's hash>\n<key id>
//
// (UTF-8, numbers in decimal, the content hash the row's hash column: SHA-256 of its content in
// lower-case hex). The previous row is the one numbered one less in the same year's register,
// "" for number 1. A row's hash is the SHA-256, in lower-case hex, of that text followed by "\n"
// and the row's signature (Ed25519, unpadded base64url). So each row vouches for all the rows
// before it in its year: a row inserted, removed or edited breaks the numbering, its content
// hash, its signature or the next row's link, and a row signed by a key outside the centre's
// endorsed chain of keys is not the centre's.

// statusText is what a register row's status signature covers: "KC-TT1", the serial, the status
// as stored (da_cap, thu_hoi, cap_lai), the day revoked or replaced (YYYY-MM-DD, "" when none),
// the reason and the successor's serial ("" when none), on lines of their own.
func statusText(serial, status, revokedOn, reason, replacedBy string) []byte {
	return []byte("KC-TT1\n" + serial + "\n" + status + "\n" + revokedOn + "\n" + reason + "\n" + replacedBy)
}

// signStatus signs, with s, the status of certificate id as it now stands.
func signStatus(ctx context.Context, tx *tx, s *signer, id int64) error {
	var serial, status, revokedOn, reason, replacedBy string
	if err := tx.QueryRowContext(ctx, `SELECT c.serial, c.status, c.revoked_on, c.reason,
		COALESCE((SELECT r.serial FROM certificates r WHERE r.id = c.replaced_by), '') FROM certificates c WHERE c.id = ?`, id).Scan(
		&serial, &status, &revokedOn, &reason, &replacedBy); err != nil {
		return err
	}
	sig := base64.RawURLEncoding.EncodeToString(ed25519.Sign(s.key, statusText(serial, status, revokedOn, reason, replacedBy)))
	_, err := tx.ExecContext(ctx, `UPDATE certificates SET status_signature = ?, status_key_id = ? WHERE id = ?`, sig, s.id, id)
	return err
}

// statusProblem returns what is wrong with the status signature of certificate c (in force,
// revoked or replaced, as the register says), or "" when one of the centre's keys signed it.
func statusProblem(ctx context.Context, tx *tx, c *data.Certificate, keys map[int64]*keyRow) (string, error) {
	var sig string
	var keyID sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT status_signature, status_key_id FROM certificates WHERE id = ?`, c.ID).Scan(&sig, &keyID); err != nil {
		return "", err
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(sig)
	k := keyByID(keys, keyID)
	if err != nil || k == nil || !ed25519.Verify(k.public, statusText(c.Content.Serial, string(c.Status), c.RevokedOn.ISO(), c.Reason, c.ReplacedBy), b) {
		return "tình trạng của chứng chỉ trong sổ (còn hiệu lực, thu hồi, cấp lại) không mang chữ ký của trung tâm: đã bị sửa ngoài chương trình", nil
	}
	return "", nil
}

// rowSeal is what a register row's signature covers, with the signature and the key.
type rowSeal struct {
	year, no    int
	serial      string
	contentHash string
	prevHash    string
	keyID       sql.NullInt64
	signature   string
}

// text is what the row's signature covers.
func (r *rowSeal) text() []byte {
	return []byte("KC-SO1\n" + strconv.Itoa(r.year) + "\n" + strconv.Itoa(r.no) + "\n" + r.serial + "\n" + r.contentHash + "\n" +
		r.prevHash + "\n" + strconv.FormatInt(r.keyID.Int64, 10))
}

// hash is the row's hash, which the next row's prevHash names.
func (r *rowSeal) hash() string {
	h := sha256.New()
	h.Write(r.text())
	h.Write([]byte("\n" + r.signature))
	return hex.EncodeToString(h.Sum(nil))
}

// sign signs the row with s.
func (r *rowSeal) sign(s *signer) {
	r.keyID = sql.NullInt64{Int64: s.id, Valid: true}
	r.signature = base64.RawURLEncoding.EncodeToString(ed25519.Sign(s.key, r.text()))
}

// signedBy reports whether the row's signature is pub's.
func (r *rowSeal) signedBy(pub ed25519.PublicKey) bool {
	sig, err := base64.RawURLEncoding.Strict().DecodeString(r.signature)
	return err == nil && len(sig) == ed25519.SignatureSize && ed25519.Verify(pub, r.text(), sig)
}

// sealColumns are the columns scanSeal reads, from certificates c.
const sealColumns = `c.register_year, c.register_no, c.serial, c.hash, c.prev_hash, c.key_id, c.signature`

// scanSeal reads one row of sealColumns.
func scanSeal(s scanner) (*rowSeal, error) {
	var r rowSeal
	return &r, s.Scan(&r.year, &r.no, &r.serial, &r.contentHash, &r.prevHash, &r.keyID, &r.signature)
}

// lastHash returns the hash of the last row of a year's register, "" when it has none.
func lastHash(ctx context.Context, tx *tx, year int) (string, error) {
	r, err := scanSeal(tx.QueryRowContext(ctx, `SELECT `+sealColumns+` FROM certificates c WHERE c.register_year = ? ORDER BY c.register_no DESC LIMIT 1`, year))
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return r.hash(), nil
}

// signUnsigned signs, with s and in register order, the rows an earlier version left unsigned,
// and the status of every row, and returns how many rows it signed.
func signUnsigned(ctx context.Context, tx *tx, s *signer) (int, error) {
	type row struct {
		id   int64
		seal *rowSeal
	}
	rows, err := queryRows(ctx, tx, func(sc scanner) (row, error) {
		var r rowSeal
		var id int64
		err := sc.Scan(&id, &r.year, &r.no, &r.serial, &r.contentHash, &r.prevHash, &r.keyID, &r.signature)
		return row{id, &r}, err
	}, `SELECT c.id, `+sealColumns+` FROM certificates c ORDER BY c.register_year, c.register_no`)
	if err != nil {
		return 0, err
	}
	n, prev := 0, map[int]string{}
	for _, r := range rows {
		if r.seal.signature == "" {
			r.seal.prevHash = prev[r.seal.year]
			r.seal.sign(s)
			if _, err := tx.ExecContext(ctx, `UPDATE certificates SET prev_hash = ?, signature = ?, key_id = ? WHERE id = ?`,
				r.seal.prevHash, r.seal.signature, r.seal.keyID, r.id); err != nil {
				return 0, err
			}
			n++
		}
		if err := signStatus(ctx, tx, s, r.id); err != nil {
			return 0, err
		}
		prev[r.seal.year] = r.seal.hash()
	}
	return n, nil
}

// keyProblem returns what is wrong with the key of one register row — no signature while the
// register is signed, a key outside the centre's chain or not in use on the row's date — or ""
// when it holds (the signature itself is checked apart, as it costs). created is when the row
// was written; keys are the centre's endorsed keys; signed whether the register has any key.
func keyProblem(r *rowSeal, created time.Time, keys map[int64]*keyRow, signed bool) string {
	switch k := keyByID(keys, r.keyID); {
	case r.signature == "" && !signed:
		return ""
	case r.signature == "":
		return "dòng sổ không có chữ ký của trung tâm (có thể được thêm vào sổ ngoài chương trình)"
	case k == nil:
		return "dòng sổ được ký bằng một khóa không thuộc chuỗi khóa của trung tâm"
	case !k.inUse(created):
		return "dòng sổ được ký bằng khóa của trung tâm nhưng khóa đó không dùng vào ngày ghi dòng này"
	}
	return ""
}

// forgedSignature says what a row whose signature fails is.
const forgedSignature = "chữ ký của dòng sổ không khớp nội dung (dòng đã bị sửa hoặc chữ ký là giả)"

// readRegister begins a read transaction and returns it with the centre's endorsed keys and
// whether the register is signed (any key exists); the caller rolls it back when done.
func (db *DB) readRegister(ctx context.Context) (*tx, map[int64]*keyRow, bool, error) {
	tx, err := db.begin(ctx, false)
	if err != nil {
		return nil, nil, false, err
	}
	keys, err := loadKeys(ctx, tx)
	if err != nil {
		tx.Rollback()
		return nil, nil, false, err
	}
	return tx, endorsed(keys), len(keys) > 0, nil
}

// CheckRegister walks one year's register in number order: numbers from 1 without a gap, each
// row's content as hashed, its link to the row before, its key the centre's and in use on the
// row's date, its signature; it names the first row that does not hold. The rows' hash chain lets
// the signature of the last row vouch for those before it, so a year of 100,000 rows takes one
// signature check when all is well and a few more to find the first bad row when not.
func (db *DB) CheckRegister(ctx context.Context, year int) (_ *data.RegisterCheck, err error) {
	defer translate(&err)
	tx, keys, signed, err := db.readRegister(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res := &data.RegisterCheck{Year: year}
	rows, err := tx.QueryContext(ctx, `SELECT `+sealColumns+`, c.content, c.created_at FROM certificates c WHERE c.register_year = ? ORDER BY c.register_no`, year)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var seals []*rowSeal
	// bad names row no (serial) with problem, unless a row before it has a signature that fails,
	// which is then the first bad row.
	bad := func(no int, serial, problem string) (*data.RegisterCheck, error) {
		if i := firstForged(seals, keys); i < len(seals) {
			no, serial, problem = seals[i].no, seals[i].serial, forgedSignature
		}
		res.BadNo, res.BadSerial = no, serial
		if serial != "" {
			res.Problem = fmt.Sprintf("Số vào sổ %d/%d (%s): %s.", no, year, serial, problem)
		} else {
			res.Problem = fmt.Sprintf("Số vào sổ %d/%d: %s.", no, year, problem)
		}
		return res, nil
	}
	prev := ""
	for rows.Next() {
		var content, createdAt string
		r := &rowSeal{}
		if err := rows.Scan(&r.year, &r.no, &r.serial, &r.contentHash, &r.prevHash, &r.keyID, &r.signature, &content, &createdAt); err != nil {
			return nil, err
		}
		created, err := time.Parse(timeFormat, createdAt)
		if err != nil {
			return nil, err
		}
		res.Rows++
		if want := len(seals) + 1; r.no != want {
			return bad(want, "", fmt.Sprintf("thiếu trong sổ (sau số %d là số %d): một dòng đã bị xóa khỏi sổ", want-1, r.no))
		}
		if contentHash(content) != r.contentHash {
			return bad(r.no, r.serial, "nội dung chứng chỉ không khớp mã băm lưu lúc cấp (đã bị sửa ngoài chương trình)")
		}
		if signed && r.prevHash != prev {
			return bad(r.no, r.serial, "dòng không nối đúng với dòng trước nó trong sổ (dòng này hoặc dòng trước đã bị sửa, thêm hoặc xóa)")
		}
		if p := keyProblem(r, created, keys, signed); p != "" {
			return bad(r.no, r.serial, p)
		}
		seals = append(seals, r)
		prev = r.hash()
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if !signed && len(seals) > 0 {
		res.BadNo, res.BadSerial = 1, seals[0].serial
		res.Problem = fmt.Sprintf("Sổ năm %d chưa được ký: chưa đặt mật khẩu ký, nên chưa kiểm tra được chữ ký của trung tâm trên các dòng sổ (số thứ tự và nội dung thì khớp).", year)
		return res, nil
	}
	if i := firstForged(seals, keys); i < len(seals) {
		return bad(seals[i].no, seals[i].serial, forgedSignature)
	}
	return res, nil
}

// firstForged returns the index of the first of seals (linked rows, each with a key of keys)
// whose signature fails, len(seals) when none does. As each row's hash covers its signature and
// the next row's signature covers that hash, a row edited or re-signed makes every row after it
// either unlinked or falsely signed: the rows whose signature fails are the last ones, and a
// binary search finds the first.
func firstForged(seals []*rowSeal, keys map[int64]*keyRow) int {
	ok := func(i int) bool {
		k := keyByID(keys, seals[i].keyID)
		return k != nil && seals[i].signedBy(k.public)
	}
	if len(seals) == 0 || ok(len(seals)-1) {
		return len(seals)
	}
	return sort.Search(len(seals)-1, func(i int) bool { return !ok(i) })
}
