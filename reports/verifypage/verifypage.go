// Package verifypage writes the certificate verification page a centre publishes on any static
// web host: index.html, which checks a certificate's link on the phone that opened it, and
// thu-hoi.json, the revoked and re-issued certificates signed with the centre's key. It takes
// domain values and services, and imports no SQL and no Fyne.
package verifypage

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"khuyencong/assets/verify"
	"khuyencong/data"
	"khuyencong/reports/docs"
)

// The files of the folder.
const (
	PageFile        = "index.html"
	RevocationsFile = "thu-hoi.json"
)

// Page is what the folder publishes.
type Page struct {
	// Centre is the centre's name, the page's heading.
	Centre string
	// Keys are every key the centre signed certificates with, with their dates.
	Keys []data.SigningKey
	// Revocations is the signed list of certificates no longer in force.
	Revocations *data.RevocationList
}

// pageKey is a key as the page reads it: the public half in standard base64, and the instants
// it began and ended signing (RFC 3339 UTC; "" while in use).
type pageKey struct {
	Public string `json:"khoa"`
	From   string `json:"tu"`
	Until  string `json:"den"`
}

// instant writes t for the page, "" for zero.
func instant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// HTML returns index.html: the page's source with the centre's name, its keys and the Ed25519
// fallback put in. EINVALID without a key.
func HTML(p Page) ([]byte, error) {
	if len(p.Keys) == 0 {
		return nil, data.Errorf(data.EINVALID, "Chưa có khóa ký chứng chỉ nên chưa làm được trang kiểm tra: lãnh đạo hãy đặt mật khẩu ký (Cài đặt → Chứng chỉ) trước.")
	}
	keys := make([]pageKey, len(p.Keys))
	for i, k := range p.Keys {
		keys[i] = pageKey{base64.StdEncoding.EncodeToString(k.Public), instant(k.From), instant(k.Until)}
	}
	js, err := json.Marshal(keys) // escapes <, > and &: safe inside <script>
	if err != nil {
		return nil, err
	}
	if strings.Contains(strings.ToLower(verify.Noble), "</script") || strings.Contains(verify.NobleLicense, "-->") {
		panic("verifypage: the embedded script would end its element early")
	}
	return []byte(strings.NewReplacer(
		"{{CENTRE}}", html.EscapeString(p.Centre),
		"{{KEYS}}", string(js),
		"{{NOBLE}}", verify.Noble,
		"{{NOBLE_LICENSE}}", verify.NobleLicense,
	).Replace(verify.Page)), nil
}

// revocationFile is thu-hoi.json: the signed text as it was signed (a JSON document in a string,
// so that no re-encoding can change its bytes), the key in standard base64 and the signature in
// base64url.
type revocationFile struct {
	Text      string `json:"du_lieu"`
	Public    string `json:"khoa"`
	Signature string `json:"chu_ky"`
}

// RevocationsJSON returns thu-hoi.json for l.
func RevocationsJSON(l *data.RevocationList) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetIndent("", "  ")
	err := e.Encode(revocationFile{l.Text, base64.StdEncoding.EncodeToString(l.Public), base64.RawURLEncoding.EncodeToString(l.Signature)})
	return b.Bytes(), err
}

// Write writes index.html and thu-hoi.json into dir (made if missing), each through a temporary
// file renamed into place, so that a web server serving dir never hands out half a file. Other
// files in dir are left alone.
func Write(dir string, p Page) error {
	page, err := HTML(p)
	if err != nil {
		return err
	}
	list, err := RevocationsJSON(p.Revocations)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return data.Errorf(data.EINVALID, "Không tạo được thư mục %s: %v", dir, err)
	}
	for _, f := range []struct {
		name string
		b    []byte
	}{{PageFile, page}, {RevocationsFile, list}} {
		if err := docs.WriteFile(filepath.Join(dir, f.name), func(w io.Writer) error { _, err := w.Write(f.b); return err }); err != nil {
			return err
		}
	}
	return nil
}

// Publish reads the centre's name, has the revocation list signed (the signing passphrase comes
// from ctx, as issuing's does) and writes the page, with the keys that come with the list, into
// dir. RightSign; EFORBIDDEN for a wrong passphrase; EINVALID before a key exists or when dir
// cannot be written.
func Publish(ctx context.Context, settings data.SettingsService, keys data.KeyService, dir string) (*Page, error) {
	org, err := settings.Organisation(ctx)
	if err != nil {
		return nil, err
	}
	l, err := keys.SignRevocationList(ctx)
	if err != nil {
		return nil, err
	}
	p := &Page{Centre: org.Name, Keys: l.Keys, Revocations: l}
	return p, Write(dir, *p)
}
