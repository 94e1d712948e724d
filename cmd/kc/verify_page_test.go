package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/verifypage"
)

// chromium is Debian's Chromium, which the page is tested in (the Makefile installs it).
const chromium = "chromium"

// pageVerdict is what the page showed: its verdict, the Ed25519 it used, and the milliseconds
// from opening the link to the verdict.
type pageVerdict struct {
	verdict, engine string
	ms              int
}

var (
	verdictAttr = regexp.MustCompile(`<div id="verdict" data-verdict="([a-z-]+)" role="status" data-ms="(\d+)">`)
	engineAttr  = regexp.MustCompile(`<html lang="vi" data-ed="([a-z]+)">`)
)

// browse opens url in headless Chromium and reads the verdict from the page's DOM once its
// script has run. A missing Chromium fails the test: the page is not tested otherwise.
func browse(t *testing.T, url string) pageVerdict {
	t.Helper()
	if _, err := exec.LookPath(chromium); err != nil {
		t.Fatalf("%s is not installed (apt-get install chromium): the verification page is tested in it", chromium)
	}
	cmd := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=10000", "--dump-dom", url)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", url, err, errOut.String())
	}
	m, e := verdictAttr.FindStringSubmatch(out.String()), engineAttr.FindStringSubmatch(out.String())
	if m == nil || e == nil {
		t.Fatalf("no verdict in the page at %s:\n%s", url, out.String())
	}
	ms, _ := strconv.Atoi(m[2])
	return pageVerdict{m[1], e[1], ms}
}

// kcVerdict returns what kc verify says of text: its first word.
func kcVerdict(t *testing.T, db, text string) string {
	t.Helper()
	out, err := run(t, "-db", db, "verify", text)
	if err != nil && !errors.Is(err, errNotValid) {
		t.Fatalf("kc verify %q: %v", text, err)
	}
	v, _, _ := strings.Cut(out, "\t")
	return v
}

// publish writes the verification page of db into dir with its list made at made.
func publish(t *testing.T, db, dir string, made time.Time) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, Now: func() time.Time { return made }}
	if err := m.Run(data.WithUser(context.Background(), "quantri"), []string{"-db", db, "verify-page", "-o", dir}); err != nil {
		t.Fatalf("kc verify-page: %v %s", err, errOut.String())
	}
}

// TestVerifyPage: the page kc verify-page writes, opened in headless Chromium from a web server
// on 127.0.0.1, says of each link what kc verify says of it: valid, forged when the name was
// changed or another key signed, revoked, replaced; and, where kc reads the register and the
// page only its published list, it refuses to confirm when the list's signature was altered or
// the list is more than 30 days old. Both its Ed25519s are tried: the browser's WebCrypto and
// the fallback it ships. A certificate printed on the card, rendered at 120 dpi and read by
// zbarimg, opens the page and verifies.
func TestVerifyPage(t *testing.T) {
	t.Setenv(envPassphrase, data.SamplePassword)
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")
	out, err := run(t, "-db", db, "seed", "--certified-class", "4")
	if err != nil {
		t.Fatal(err)
	}
	class, _, _ := strings.Cut(strings.TrimSpace(out), "\t")
	fresh, stale, altered := filepath.Join(dir, "fresh"), filepath.Join(dir, "stale"), filepath.Join(dir, "altered")
	mux := http.NewServeMux()
	for _, d := range []string{fresh, stale, altered} {
		prefix := "/" + filepath.Base(d) + "/"
		mux.Handle(prefix, http.StripPrefix(prefix, http.FileServer(http.Dir(d))))
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	if _, err := run(t, "-db", db, "verify-page", "--address", srv.URL+"/fresh/"); err != nil {
		t.Fatal(err)
	}

	serials := []string{}
	list, err := run(t, "-db", db, "certs", "list", "--class", class)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lines(list) {
		serials = append(serials, strings.Split(l, "\t")[0])
	}
	texts := map[string]string{}
	for _, s := range serials[:3] {
		q, err := run(t, "-db", db, "certs", "qr", s)
		if err != nil {
			t.Fatal(err)
		}
		texts[s] = strings.TrimSpace(q)
	}
	if _, err := run(t, "-db", db, "certs", "revoke", serials[1], "--reason", "Cấp nhầm người"); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, "-db", db, "certs", "reissue", serials[2], "--reason", "Sai ngày sinh"); err != nil {
		t.Fatal(err)
	}
	// The lists are dated by the real clock, which the browser compares them with.
	publish(t, db, fresh, time.Now())
	publish(t, db, altered, time.Now())
	publish(t, db, stale, time.Now().Add(-31*24*time.Hour))
	listFile := filepath.Join(altered, verifypage.RevocationsFile)
	b, err := os.ReadFile(listFile)
	if err != nil {
		t.Fatal(err)
	}
	// One character of the signature changed: the list no longer carries the centre's signature.
	sig := regexp.MustCompile(`"chu_ky": "(.)`).FindSubmatchIndex(b)
	if b[sig[2]] == 'A' {
		b[sig[2]] = 'B'
	} else {
		b[sig[2]] = 'A'
	}
	if err := os.WriteFile(listFile, b, 0o644); err != nil {
		t.Fatal(err)
	}

	valid := texts[serials[0]]
	ct, err := data.ParseCertificateText(valid)
	if err != nil {
		t.Fatal(err)
	}
	other := ed25519.NewKeyFromSeed([]byte("another-centre-another-seed-32by"))
	birth, _ := vn.ParseDate(ct.BirthDate)
	issued, _ := vn.ParseDate(ct.IssuedOn)
	otherKey := data.SignCertificate(data.CertificateContent{Serial: ct.Serial, TraineeName: ct.Name, BirthDate: birth, ClassCode: ct.ClassCode, IssuedOn: issued}, other)
	nameChanged := strings.Replace(valid, ct.Name, ct.Name+"h", 1)

	var times []int
	for _, tt := range []struct {
		name, page, text, kc, want string
	}{
		{"Valid", "fresh", valid, "valid", "valid"},
		{"NameChanged", "fresh", nameChanged, "forged", "forged"},
		{"OtherKey", "fresh", otherKey, "forged", "forged"},
		{"Revoked", "fresh", texts[serials[1]], "revoked", "revoked"},
		{"Replaced", "fresh", texts[serials[2]], "replaced", "replaced"},
		{"ListSignatureAltered", "altered", valid, "valid", "list-bad"},
		{"ListSignatureAlteredRevoked", "altered", texts[serials[1]], "revoked", "list-bad"},
		{"StaleList", "stale", valid, "valid", "stale"},
		{"StaleListRevoked", "stale", texts[serials[1]], "revoked", "revoked"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			link := data.CertificateLink(srv.URL+"/"+tt.page+"/", tt.text)
			if got := kcVerdict(t, db, link); got != tt.kc {
				t.Errorf("kc verify of the link: %s, want %s", got, tt.kc)
			}
			if got := kcVerdict(t, db, tt.text); got != tt.kc {
				t.Errorf("kc verify of the bare text: %s, want %s", got, tt.kc)
			}
			got := browse(t, link)
			if got.verdict != tt.want || got.engine != "webcrypto" {
				t.Errorf("page: %+v, want %s with WebCrypto", got, tt.want)
			}
			times = append(times, got.ms)
			if tt.name == "Valid" || tt.name == "OtherKey" || tt.name == "ListSignatureAltered" {
				noble := strings.Replace(link, "/#", "/?ed=noble#", 1)
				if got := browse(t, noble); got.verdict != tt.want || got.engine != "noble" {
					t.Errorf("page with the fallback Ed25519: %+v, want %s with noble", got, tt.want)
				}
			}
		})
	}
	t.Logf("link to verdict in headless Chromium (WebCrypto), ms: %v", times)

	t.Run("PrintedCard", func(t *testing.T) {
		pdf := filepath.Join(dir, "card.pdf")
		if _, err := run(t, "-db", db, "certs", "print", class, "--small", "-o", pdf); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pdftoppm", "-r", "120", "-png", "-f", "1", "-l", "1", pdf, filepath.Join(dir, "card")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "card-*.png")) // card-1.png or card-01.png, by page count
		if len(pages) != 1 {
			t.Fatalf("rendered %v", pages)
		}
		scanned, err := exec.Command("zbarimg", "-q", pages[0]).Output()
		if err != nil {
			t.Fatalf("zbarimg read nothing at 120 dpi: %v", err)
		}
		link := strings.TrimSpace(strings.TrimPrefix(string(scanned), zbarPrefix))
		if !strings.HasPrefix(link, srv.URL+"/fresh/#KC1%7C"+serials[0]+"%7C") {
			t.Fatalf("the card's QR code holds %q, want a link to the page", link)
		}
		if got := kcVerdict(t, db, string(scanned)); got != "valid" {
			t.Errorf("kc verify of the scan: %s", got)
		}
		if got := browse(t, link); got.verdict != "valid" {
			t.Errorf("the scanned link opens the page on %+v, want valid", got)
		}
	})
}
