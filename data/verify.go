package data

import (
	"crypto/ed25519"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The verification page
//
// A centre may publish a static page (see reports/verifypage) at an address of its own. When the
// address is set, a certificate's QR code holds a link to it, the address, "#" and the QR text
// percent-encoded:
//
//	https://khuyencong.hanoi.gov.vn/xac-thuc#KC1%7CKC-2026-000123%7CNguy%E1%BB%85n%20Th%E1%BB%8B…
//
// Every byte of the text other than an ASCII letter, digit, "-", ".", "_", "~" or "/" is written
// %XX (upper-case hex), so the link is the same whoever writes it and a phone's camera opens it
// whole. A browser never sends the part after "#" to the web server: the check happens on the
// phone. The signature covers the QR text only, never the address, so a centre that moves its
// page reprints the same signed certificates with the new link.

// MaxVerifyAddressLen is the longest address of the verification page, in bytes: the QR code
// must still read at arm's length with it.
const MaxVerifyAddressLen = 120

// MaxCertificateLinkLen is the longest link ParseCertificateText reads, in bytes.
const MaxCertificateLinkLen = MaxVerifyAddressLen + 1 + 3*MaxCertificateTextLen

// NormalizeVerifyAddress returns the address as it is stored: no space at either end.
func NormalizeVerifyAddress(address string) string { return strings.TrimSpace(address) }

// ValidateVerifyAddress checks the address of the verification page: empty (no page), or an
// http:// or https:// address with a host, without "#", spaces or control characters, at most
// MaxVerifyAddressLen bytes. EINVALID.
func ValidateVerifyAddress(address string) error {
	if address == "" {
		return nil
	}
	bad := func(why string) error {
		return Errorf(EINVALID, "Địa chỉ trang kiểm tra %q không dùng được: %s Ví dụ: https://khuyencong.hanoi.gov.vn/xac-thuc", address, why)
	}
	u, err := url.Parse(address)
	switch {
	case len(address) > MaxVerifyAddressLen:
		return bad("dài quá " + strconv.Itoa(MaxVerifyAddressLen) + " ký tự, mã QR sẽ khó quét.")
	case !strings.HasPrefix(address, "https://") && !strings.HasPrefix(address, "http://"):
		return bad("phải bắt đầu bằng https:// (hoặc http://).")
	case strings.Contains(address, "#"):
		return bad("không được có dấu #: phần sau dấu # là mã chứng chỉ.")
	case strings.ContainsFunc(address, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsSpace(r) || unicode.IsControl(r) }):
		return bad("có dấu cách, ký tự điều khiển hoặc chữ có dấu; hãy dùng địa chỉ không dấu.")
	case err != nil || u.Host == "" || u.User != nil:
		return bad("không phải một địa chỉ trang web.")
	}
	return nil
}

// CertificateLink returns what a certificate's QR code holds: text itself when address is empty,
// else address, "#" and text percent-encoded (see above).
func CertificateLink(address, text string) string {
	if address == "" {
		return text
	}
	return address + "#" + escapeFragment(text)
}

// unescaped reports whether a byte stays as it is in a link's fragment.
func unescaped(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/", c) >= 0
}

// escapeFragment percent-encodes every byte of s that unescaped does not keep.
func escapeFragment(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; unescaped(c) {
			b.WriteByte(c)
		} else {
			b.Write([]byte{'%', hex[c>>4], hex[c&15]})
		}
	}
	return b.String()
}

// splitCertificateLink returns the address and the decoded text of a link, ok false when s is not
// a link written as CertificateLink writes it (an address that does not validate, an escape
// that is malformed or not the one CertificateLink would write).
func splitCertificateLink(s string) (address, text string, ok bool) {
	address, frag, found := strings.Cut(s, "#")
	if !found || address == "" || ValidateVerifyAddress(address) != nil {
		return "", "", false
	}
	text, err := url.PathUnescape(frag)
	if err != nil || escapeFragment(text) != frag {
		return "", "", false
	}
	return address, text, true
}

// Revocation is one certificate no longer in force, as the published list names it.
type Revocation struct {
	// Serial is the certificate's serial.
	Serial string `json:"so_hieu"`
	// Status is CertRevoked or CertReplaced.
	Status CertificateStatus `json:"trang_thai"`
	// On is the day it was revoked or replaced, dd/mm/yyyy.
	On string `json:"ngay"`
	// Reason says why, as the register records it.
	Reason string `json:"ly_do"`
	// ReplacedBy is the serial of the certificate that re-issued it ("" when revoked).
	ReplacedBy string `json:"cap_lai_bang,omitempty"`
}

// RevocationListFormat names the format of the signed revocation list and its version.
const RevocationListFormat = "KC-THU-HOI-1"

// revocationBody is the signed JSON of a revocation list.
type revocationBody struct {
	Format  string       `json:"loai"`
	Made    string       `json:"lap_luc"`
	Entries []Revocation `json:"chung_chi"`
}

// RevocationList is the centre's list of certificates no longer in force, signed with its key,
// that the verification page publishes as thu-hoi.json.
type RevocationList struct {
	// Made is when the list was made (the page warns when it is more than 30 days old).
	Made time.Time
	// Entries are the revoked and replaced certificates, by serial.
	Entries []Revocation
	// Text is what the signature covers: the JSON {"loai":"KC-THU-HOI-1","lap_luc":<Made, RFC
	// 3339 UTC>,"chung_chi":[<Entries>]} as RevocationListText writes it. It starts with "{",
	// so it can never be taken for a certificate's QR text.
	Text string
	// Public is the key it was signed with; Signature the Ed25519 signature of Text's bytes.
	Public    ed25519.PublicKey
	Signature []byte
	// Keys are the centre's keys, oldest first: the first and each one the key before endorsed,
	// the keys the page trusts. A key the chain does not endorse is left out.
	Keys []SigningKey
}

// RevocationListText returns the text a revocation list made at made with entries signs.
func RevocationListText(made time.Time, entries []Revocation) string {
	if entries == nil {
		entries = []Revocation{}
	}
	b, err := json.Marshal(revocationBody{RevocationListFormat, made.UTC().Format(time.RFC3339), entries})
	if err != nil { // strings and a slice of them always marshal
		panic(err)
	}
	return string(b)
}
