package data

import (
	"crypto/ed25519"
	"encoding/base64"
	"strings"
	"unicode"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// The QR text of a certificate
//
// The QR code printed on a certificate carries one line of UTF-8 text, seven fields separated by
// "|" (U+007C):
//
//	KC1|<serial>|<full name>|<birth dd/mm/yyyy>|<class code>|<issue dd/mm/yyyy>|<signature>
//
// for example
//
//	KC1|KC-2026-000123|Nguyễn Thị Ánh Tuyết|01/04/1980|LH-2026-001|28/11/2026|<86 characters>
//
//   - "KC1" names the format and its version.
//   - serial is the certificate's serial (số hiệu) as printed; full name the trainee's family,
//     middle and given names separated by single spaces; class code the class's code as printed.
//     These text fields are in Unicode normalisation form NFC, have no space at either end, no
//     control character and no "|" (the program refuses to issue a certificate whose fields
//     hold one).
//   - the two dates are written with two-digit day, two-digit month and four-digit year,
//     separated by "/".
//   - signature is the Ed25519 signature (RFC 8032), made with the centre's private key, of the
//     UTF-8 bytes of everything before the last "|" (that is, "KC1|…|<issue date>", without the
//     final "|"), encoded in unpadded base64url (RFC 4648 §5): 86 characters.
//
// To check a certificate without the program: split the text at its last "|", decode the
// signature, and verify it over the first part with the centre's public key (32 bytes, shown in
// the program's settings and printed on the register). A valid signature says the centre issued
// a certificate with exactly these fields; whether it is still in force (not revoked, not
// re-issued) only the centre's register says.

// CertificateTextFormat is the first field of every QR text this program writes.
const CertificateTextFormat = "KC1"

// MaxCertificateTextLen is the longest QR text ParseCertificateText reads, in bytes.
const MaxCertificateTextLen = 1024

// certificateSignature is how the signature is encoded: base64url without padding, and strict,
// so that one signature has one encoding.
var certificateSignature = base64.RawURLEncoding.Strict()

// CertificateText is a QR text read back into its fields.
type CertificateText struct {
	// Serial, Name and ClassCode are the text fields; BirthDate and IssuedOn the dates as
	// written, dd/mm/yyyy.
	Serial, Name, BirthDate, ClassCode, IssuedOn string
	// Signed is the part of the text the signature covers: everything before the last "|".
	Signed string
	// Signature is the decoded Ed25519 signature.
	Signature []byte
	// Address is the verification page's address when the text came as a link (see
	// CertificateLink), "" when it came bare.
	Address string
}

// String writes the text back as it was read: bare, or as a link to Address.
func (t CertificateText) String() string {
	return CertificateLink(t.Address, t.Signed+"|"+certificateSignature.EncodeToString(t.Signature))
}

// VerifiedBy reports whether the text's signature was made with the private half of pub.
func (t CertificateText) VerifiedBy(pub ed25519.PublicKey) bool {
	return len(pub) == ed25519.PublicKeySize && len(t.Signature) == ed25519.SignatureSize &&
		ed25519.Verify(pub, []byte(t.Signed), t.Signature)
}

// certificateTextFields returns the fields of the QR text of c, before the signature, each in
// NFC; any "|" is replaced by "¦" (ValidateCertificateText refuses it before this happens).
func certificateTextFields(c CertificateContent) []string {
	fields := []string{CertificateTextFormat, c.Serial, c.TraineeName, c.BirthDate.String(), c.ClassCode, c.IssuedOn.String()}
	for i, f := range fields {
		f = strings.Join(strings.FieldsFunc(vn.NFC(f), func(r rune) bool { return unicode.IsControl(r) }), " ")
		fields[i] = strings.ReplaceAll(f, "|", "¦")
	}
	return fields
}

// ValidateCertificateText checks that the fields of c that go into the QR text can be written
// there: present, without "|" and without control characters. EINVALID.
func ValidateCertificateText(c CertificateContent) error {
	for _, f := range []struct{ label, value string }{
		{"Số hiệu chứng chỉ", c.Serial}, {"Họ tên học viên", c.TraineeName}, {"Mã lớp", c.ClassCode},
	} {
		switch {
		case strings.TrimSpace(f.value) == "":
			return Errorf(EINVALID, "%s không được để trống: mã QR của chứng chỉ cần dòng này.", f.label)
		case strings.Contains(f.value, "|"):
			return Errorf(EINVALID, "%s %q có dấu |, là dấu phân cách trong mã QR của chứng chỉ. Hãy sửa lại (bỏ dấu |) rồi cấp chứng chỉ.", f.label, f.value)
		case strings.ContainsFunc(f.value, unicode.IsControl):
			return Errorf(EINVALID, "%s %q có ký tự điều khiển (xuống dòng, tab…). Hãy sửa lại rồi cấp chứng chỉ.", f.label, f.value)
		}
	}
	if c.BirthDate.IsZero() || c.IssuedOn.IsZero() {
		return Errorf(EINVALID, "Chứng chỉ %s thiếu ngày sinh hoặc ngày cấp: mã QR cần cả hai.", c.Serial)
	}
	return nil
}

// SignCertificate returns the QR text of c (see the format above) signed with key. Only the
// serial, trainee name, birth date, class code and issue date of c are used.
func SignCertificate(c CertificateContent, key ed25519.PrivateKey) string {
	signed := strings.Join(certificateTextFields(c), "|")
	return signed + "|" + certificateSignature.EncodeToString(ed25519.Sign(key, []byte(signed)))
}

// IsCertificateLink reports whether s (spaces around it aside) is meant as a link to the
// verification page rather than a bare QR text or a serial.
func IsCertificateLink(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// ParseCertificateText reads a QR text, bare or as a link to the verification page (see
// CertificateLink), into its fields, without checking its signature (see VerifiedBy). Spaces
// around the whole text are ignored. It reads only what it writes back the same way (String).
// EINVALID, saying what is wrong, for anything not written as the format says.
func ParseCertificateText(s string) (CertificateText, error) {
	s = strings.TrimSpace(s)
	if !IsCertificateLink(s) {
		return parseCertificateText(s)
	}
	if len(s) > MaxCertificateLinkLen || !utf8.ValidString(s) {
		return badText("đường link dài %d byte hoặc có ký tự không đọc được. Hãy quét lại mã QR trên chứng chỉ.", len(s))
	}
	if !strings.Contains(s, "#") {
		return badText("đây là địa chỉ trang web %q, không kèm mã chứng chỉ sau dấu #. Có thể đây là mã QR của giấy tờ khác.", s)
	}
	address, text, ok := splitCertificateLink(s)
	if !ok {
		return badText("đường link không đúng dạng địa chỉ trang kiểm tra, dấu # rồi mã chứng chỉ. Có thể mã bị quét sai.")
	}
	t, err := parseCertificateText(text)
	if err != nil {
		return t, err
	}
	t.Address = address
	return t, nil
}

// badText is the refusal of a text that is not a certificate's QR text.
func badText(format string, args ...any) (CertificateText, error) {
	return CertificateText{}, Errorf(EINVALID, "Mã QR không phải mã chứng chỉ hợp lệ: "+format, args...)
}

// parseCertificateText reads a bare QR text.
func parseCertificateText(s string) (CertificateText, error) {
	bad := badText
	switch {
	case s == "":
		return bad("mã trống. Hãy quét lại mã QR trên chứng chỉ hoặc nhập số hiệu.")
	case len(s) > MaxCertificateTextLen:
		return bad("mã dài %d byte, quá %d byte. Hãy quét lại mã QR trên chứng chỉ.", len(s), MaxCertificateTextLen)
	case !utf8.ValidString(s):
		return bad("mã có ký tự không đọc được (không phải UTF-8). Hãy quét lại mã QR.")
	}
	parts := strings.Split(s, "|")
	if parts[0] != CertificateTextFormat {
		return bad("mã phải bắt đầu bằng %q. Có thể đây là mã QR của giấy tờ khác.", CertificateTextFormat+"|")
	}
	if len(parts) != 7 {
		return bad("mã có %d phần ngăn bởi dấu |, phải có đúng 7 (KC1|số hiệu|họ tên|ngày sinh|mã lớp|ngày cấp|chữ ký). Có thể mã bị quét thiếu.", len(parts))
	}
	t := CertificateText{Serial: parts[1], Name: parts[2], BirthDate: parts[3], ClassCode: parts[4], IssuedOn: parts[5]}
	for _, f := range []struct{ label, value string }{{"số hiệu", t.Serial}, {"họ tên", t.Name}, {"mã lớp", t.ClassCode}} {
		switch {
		case f.value == "":
			return bad("thiếu %s.", f.label)
		case strings.ContainsFunc(f.value, unicode.IsControl):
			return bad("%s có ký tự điều khiển.", f.label)
		case vn.NFC(f.value) != f.value:
			return bad("%s %q không ở dạng chuẩn (dấu cách thừa ở đầu hoặc cuối, hoặc dấu tiếng Việt gõ tổ hợp).", f.label, f.value)
		}
	}
	for _, f := range []struct{ label, value string }{{"ngày sinh", t.BirthDate}, {"ngày cấp", t.IssuedOn}} {
		d, err := vn.ParseDate(f.value)
		if err != nil || d.IsZero() || d.String() != f.value {
			return bad("%s %q không đúng dạng dd/mm/yyyy.", f.label, f.value)
		}
	}
	sig, err := certificateSignature.DecodeString(parts[6])
	if err != nil || len(sig) != ed25519.SignatureSize {
		return bad("chữ ký %q không đúng (phải là %d ký tự base64url). Có thể mã bị quét sai.", parts[6], (ed25519.SignatureSize*8+5)/6)
	}
	t.Signed = s[:strings.LastIndexByte(s, '|')]
	t.Signature = sig
	return t, nil
}
