package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"khuyencong/data"
	"khuyencong/data/store"
)

// TestMain lets a test run kc's main in a child process, to see its exit status: KC_TEST_MAIN
// holds the arguments, separated by the unit separator.
func TestMain(m *testing.M) {
	if args := os.Getenv("KC_TEST_MAIN"); args != "" {
		os.Args = append([]string{"kc"}, strings.Split(args, "\x1f")...)
		main()
		os.Exit(0)
	}
	// Every command but version and verify signs in: the tests act as the administrator of the
	// sample users that kc seed makes, in this process and in the kc each runMain starts.
	os.Setenv(envUser, sampleAdmin)
	os.Setenv(envPassword, data.SamplePassword)
	// The seeds hash the sample users' passwords at Argon2id's least cost, so that each command's
	// sign-in takes microseconds rather than a tenth of a second; the hash keeps its cost.
	store.DefaultPasswordCost = store.PasswordCost{Time: 1, MemoryKiB: 64, Threads: 1}
	os.Exit(m.Run())
}

// runMain runs kc's main in a child process and returns its stdout, stderr and exit status.
func runMain(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KC_TEST_MAIN="+strings.Join(args, "\x1f"))
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), errOut.String(), 0
	case errors.As(err, &exit):
		return out.String(), errOut.String(), exit.ExitCode()
	}
	t.Fatal(err)
	return "", "", -1
}

// lines splits a command's output into its lines.
func lines(out string) []string {
	if out == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

// alter changes one character of a certificate's QR text, in the trainee's name if the text
// carries it as printed, else in the birth date.
func alter(t *testing.T, text string, c data.CertificateContent) string {
	t.Helper()
	for _, part := range []string{c.TraineeName, c.BirthDate.String(), c.BirthDate.ISO(), strings.ToUpper(c.TraineeName)} {
		i := strings.Index(text, part)
		if part == "" || i < 0 {
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		repl := "X"
		switch {
		case r == 'X':
			repl = "Y"
		case r >= '0' && r <= '8':
			repl = string(r + 1)
		case r == '9':
			repl = "0"
		}
		return text[:i] + repl + text[i+size:]
	}
	t.Fatalf("the QR text %q carries neither the name %q nor the birth date %s", text, c.TraineeName, c.BirthDate)
	return ""
}

// eligibleOf returns the roster of a class and the names of its trainees eligible for a
// certificate, as the store sees them.
func eligibleOf(t *testing.T, db, class string) ([]*data.EnrollmentView, map[string]bool) {
	t.Helper()
	store, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	c, err := store.FindClassByCode(context.Background(), class)
	if err != nil {
		t.Fatal(err)
	}
	roster, err := store.ClassRoster(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	eligible := map[string]bool{}
	for _, v := range roster {
		if v.Eligible {
			eligible[v.TraineeName.Full()] = true
		}
	}
	return roster, eligible
}

func TestCerts(t *testing.T) {
	t.Setenv(envPassphrase, data.SamplePassword) // the sample's, which seed --demo sets
	db := filepath.Join(t.TempDir(), "kc.db")
	const class = "LH-2026-002" // finished (Kết thúc) in the sample on the pinned clock
	issue := []string{"-db", db, "certs", "issue", class, "--decision", "125/QĐ-TTKC", "--decision-date", "20/11/2026", "--date", "27/11/2026"}

	if out, err := run(t, "-db", db, "seed", "--demo"); err != nil {
		t.Fatalf("seed: %q, %v", out, err)
	}
	out, err := run(t, "-db", db, "classes", "list")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, class+"\t") || !strings.Contains(out, "\tKết thúc\n") {
		t.Fatalf("the sample has no finished class %s:\n%s", class, out)
	}
	for _, l := range lines(out) {
		if strings.HasPrefix(l, class+"\t") && !strings.HasSuffix(l, "\tKết thúc") {
			t.Fatalf("%s is not finished: %q", class, l)
		}
	}

	roster, eligible := eligibleOf(t, db, class)
	if len(eligible) == 0 {
		t.Fatalf("no trainee of %s is eligible", class)
	}

	count := func(t *testing.T) int {
		t.Helper()
		out, err := run(t, "-db", db, "certs", "list")
		if err != nil {
			t.Fatal(err)
		}
		return len(lines(out))
	}

	// The sample's certified classes have their certificates, numbered from 1 in their years.
	sample := count(t)
	base := func() int {
		out, err := run(t, "-db", db, "certs", "list", "--year", "2026")
		if err != nil {
			t.Fatal(err)
		}
		return len(lines(out))
	}()

	t.Run("ErrIssueNoSigner", func(t *testing.T) {
		store, err := store.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		org, err := store.Organisation(context.Background())
		if err == nil {
			org.DirectorName = "" // the sample set one
			err = store.SaveOrganisation(data.WithUser(context.Background(), "quantri"), org)
		}
		store.Close()
		if err != nil {
			t.Fatal(err)
		}
		_, err = run(t, issue...)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "kc settings signer") {
			t.Fatalf("err=%v, want EINVALID saying how to set the signer", err)
		}
		if n := count(t); n != sample {
			t.Fatalf("a refused issue left %d certificates, want the sample's %d", n, sample)
		}
	})

	t.Run("SettingsSigner", func(t *testing.T) {
		out, err := run(t, "-db", db, "settings", "signer", "--title", "GIÁM ĐỐC", "--name", "Nguyễn Văn Thành")
		if err != nil || out != "GIÁM ĐỐC\tNguyễn Văn Thành\n" {
			t.Fatalf("signer: %q, %v", out, err)
		}
		out, err = run(t, "settings", "signer", "-db", db)
		if err != nil || out != "GIÁM ĐỐC\tNguyễn Văn Thành\n" {
			t.Fatalf("signer shown as %q, %v", out, err)
		}
	})

	var serials, names []string
	t.Run("Issue", func(t *testing.T) {
		out, err := run(t, issue...)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		var skipped int
		for _, l := range lines(out) {
			switch {
			case strings.HasPrefix(l, "KC-2026-"):
				f := strings.Split(l, "\t")
				if len(f) != 3 || f[2] == "" {
					t.Fatalf("line %q is not serial, register no, name", l)
				}
				if want := strconv.Itoa(base+len(serials)+1) + "/2026"; f[1] != want {
					t.Errorf("%s has register no %s, want %s (sequential from 1)", f[0], f[1], want)
				}
				if seen[f[0]] {
					t.Errorf("serial %s issued twice", f[0])
				}
				seen[f[0]] = true
				if !eligible[f[2]] {
					t.Errorf("%s was issued but is not eligible", f[2])
				}
				serials, names = append(serials, f[0]), append(names, f[2])
			case strings.HasPrefix(l, "Không cấp: "):
				if f := strings.Split(l, "\t"); len(f) != 2 || f[1] == "" {
					t.Errorf("skipped line %q has no reason", l)
				}
				skipped++
			case strings.HasPrefix(l, "Đã cấp "):
				if want := "Đã cấp " + strconv.Itoa(len(serials)) + " chứng chỉ cho lớp " + class; !strings.HasPrefix(l, want) {
					t.Errorf("summary %q, want %q…", l, want)
				}
			default:
				t.Errorf("unexpected line %q", l)
			}
		}
		if len(serials) != len(eligible) {
			t.Errorf("issued %d certificates, want one per eligible trainee (%d):\n%s", len(serials), len(eligible), out)
		}
		if skipped != len(roster)-len(eligible) {
			t.Errorf("%d skipped lines for %d ineligible trainees", skipped, len(roster)-len(eligible))
		}
	})
	if len(serials) == 0 {
		t.Fatal("nothing issued")
	}

	t.Run("IssueAgainNothingNew", func(t *testing.T) {
		out, err := run(t, issue...)
		if err == nil && strings.Contains(out, "KC-") {
			t.Fatalf("a second issue issued again:\n%s", out)
		}
		if err != nil && data.ErrorCode(err) == data.EINTERNAL {
			t.Fatalf("a second issue failed: %v", err)
		}
		if n := count(t); n != sample+len(serials) {
			t.Fatalf("%d certificates after a second issue, want %d", n, sample+len(serials))
		}
	})

	t.Run("List", func(t *testing.T) {
		for _, args := range [][]string{{"certs", "list", "--class", "lh-2026-002"}, {"certs", "list", "--year", "2026", "--class", class}} {
			out, err := run(t, append([]string{"-db", db}, args...)...)
			if err != nil {
				t.Fatal(err)
			}
			ls := lines(out)
			if len(ls) != len(serials) {
				t.Fatalf("%v listed %d certificates, want %d:\n%s", args, len(ls), len(serials), out)
			}
			for i, l := range ls {
				f := strings.Split(l, "\t")
				if len(f) != 7 || f[0] != serials[i] || f[1] != strconv.Itoa(base+i+1)+"/2026" || f[2] != names[i] ||
					len(f[3]) != 10 || f[4] != class || f[5] != "27/11/2026" || f[6] != "Đã cấp" {
					t.Fatalf("line %q is not serial %s, register no, name %s, birth date, %s, 27/11/2026, Đã cấp", l, serials[i], names[i], class)
				}
			}
		}
		for _, args := range [][]string{{"--year", "2019"}, {"--class", "LH-2026-001"}} {
			out, err := run(t, append([]string{"-db", db, "certs", "list"}, args...)...)
			if err != nil || out != "" {
				t.Errorf("%v listed %q, %v; want nothing", args, out, err)
			}
		}
	})

	t.Run("Print", func(t *testing.T) {
		dir := t.TempDir()
		pdf := filepath.Join(dir, "chứng chỉ lớp.pdf")
		out, err := run(t, "-db", db, "certs", "print", "lh-2026-002", "-o", pdf)
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(out) != pdf {
			t.Errorf("printed %q, want the file's path", out)
		}
		b, err := os.ReadFile(pdf)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("%s is not a PDF (%v)", pdf, err)
		}
		small := filepath.Join(dir, "small.pdf")
		if _, err := run(t, "certs", "print", "--small", "-o", small, "-db", db, class); err != nil {
			t.Fatal(err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 2 {
			t.Errorf("the folder holds %d files, want the two PDFs alone", len(entries))
		}
		text := pdfText(t, pdf)
		if n := bytes.Count(text, []byte("\f")); n != len(serials) {
			t.Errorf("%d pages, want one per certificate (%d)", n, len(serials))
		}
		for _, want := range []string{names[0], names[len(names)-1], serials[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("no %q in the certificates:\n%s", want, text)
			}
		}
	})

	t.Run("Register", func(t *testing.T) {
		dir := t.TempDir()
		pdf, xlsx := filepath.Join(dir, "sổ 2026.pdf"), filepath.Join(dir, "so-2026.XLSX")
		for path, magic := range map[string]string{pdf: "%PDF-", xlsx: "PK"} {
			out, err := run(t, "-db", db, "certs", "register", "--year", "2026", "-o", path)
			if err != nil {
				t.Fatal(err)
			}
			if strings.TrimSpace(out) != path {
				t.Errorf("printed %q, want the file's path", out)
			}
			if b, err := os.ReadFile(path); err != nil || !bytes.HasPrefix(b, []byte(magic)) {
				t.Errorf("%s does not start with %q (%v)", path, magic, err)
			}
		}
		byClass := filepath.Join(dir, "lop.pdf")
		if _, err := run(t, "-db", db, "certs", "register", "--class", class, "-o", byClass); err != nil {
			t.Fatal(err)
		}
		empty := filepath.Join(dir, "so-2019.pdf")
		_, err := run(t, "-db", db, "certs", "register", "--year", "2019", "-o", empty)
		if data.ErrorCode(err) != data.EINVALID || !strings.Contains(data.ErrorMessage(err), "năm 2019") {
			t.Errorf("an empty register: err=%v, want EINVALID naming the year", err)
		}
		if _, err := os.Stat(empty); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("an empty register left %s behind", empty)
		}
		text := pdfText(t, pdf)
		for _, want := range []string{serials[0], names[0], "125/QĐ-TTKC"} {
			if !strings.Contains(string(text), want) {
				t.Errorf("no %q in the register:\n%s", want, text)
			}
		}
	})

	// The QR text of the first certificate, as the store keeps it.
	store, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	first, err := store.FindCertificateBySerial(context.Background(), serials[0])
	store.Close()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("VerifyValid", func(t *testing.T) {
		for _, arg := range []string{serials[0], first.Content.VerifyText} {
			out, err := run(t, "-db", db, "verify", arg)
			if err != nil || !strings.HasPrefix(out, "valid\t") || !strings.Contains(out, serials[0]) {
				t.Errorf("verify %q: %q, %v; want valid naming the serial", arg, out, err)
			}
		}
		out, errOut, status := runMain(t, "-db", db, "verify", serials[0])
		if status != 0 || !strings.HasPrefix(out, "valid\t") || errOut != "" {
			t.Errorf("kc verify %s: status %d, stdout %q, stderr %q; want 0 and valid", serials[0], status, out, errOut)
		}
	})

	// A page printed by kc, rendered at 90 dpi as a poor camera would see it and read by
	// Debian's zbarimg in its default mode: what zbarimg prints, as it prints it, verifies.
	t.Run("VerifyScanned", func(t *testing.T) {
		for _, tool := range []string{"pdftoppm", "zbarimg"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Fatalf("%s is not installed: apt-get install poppler-utils zbar-tools", tool)
			}
		}
		dir := t.TempDir()
		pdf := filepath.Join(dir, "c.pdf")
		if _, err := run(t, "-db", db, "certs", "print", class, "-o", pdf); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command("pdftoppm", "-r", "90", "-png", "-f", "1", "-l", "1", pdf, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
		if len(pages) != 1 {
			t.Fatalf("rendered %v", pages)
		}
		scanned, err := exec.Command("zbarimg", "-q", pages[0]).Output()
		if err != nil {
			t.Fatalf("zbarimg read nothing: %v", err)
		}
		out, err := run(t, "-db", db, "verify", string(scanned))
		if err != nil || !strings.HasPrefix(out, "valid\t") || !strings.Contains(out, serials[0]) || !strings.Contains(out, names[0]) {
			t.Errorf("verify %q: %q, %v; want valid, naming %s and %s", scanned, out, err, serials[0], names[0])
		}
	})

	t.Run("VerifyForged", func(t *testing.T) {
		forged := alter(t, first.Content.VerifyText, first.Content)
		out, err := run(t, "-db", db, "verify", forged)
		if !errors.Is(err, errNotValid) || !strings.HasPrefix(out, "forged\t") {
			t.Fatalf("verify an altered text: %q, %v; want forged and errNotValid", out, err)
		}
		if !strings.Contains(strings.ToLower(out), "giả") {
			t.Errorf("the forged message does not say giả (mạo): %q", out)
		}
		out, errOut, status := runMain(t, "-db", db, "verify", forged)
		if status != 1 || !strings.HasPrefix(out, "forged\t") || errOut != "" {
			t.Errorf("kc verify FORGED: status %d, stdout %q, stderr %q; want 1, forged, nothing on stderr", status, out, errOut)
		}
	})

	t.Run("VerifyUnknown", func(t *testing.T) {
		out, err := run(t, "-db", db, "verify", "KC-2026-999999")
		if !errors.Is(err, errNotValid) || !strings.HasPrefix(out, "unknown\t") {
			t.Fatalf("verify an unknown serial: %q, %v; want unknown", out, err)
		}
	})

	// A class with trainees who are not eligible: each is listed with the reason, and the
	// register goes on from the last number.
	t.Run("IssueSkipped", func(t *testing.T) {
		const other = "LH-2026-005"
		roster, eligible := eligibleOf(t, db, other)
		if len(eligible) == len(roster) {
			t.Skipf("every trainee of %s is eligible", other)
		}
		out, err := run(t, "-db", db, "certs", "issue", other, "--decision", "126/QĐ-TTKC", "--decision-date", "20/11/2026")
		if err != nil {
			t.Fatal(err)
		}
		var issued, skipped int
		for _, l := range lines(out) {
			f := strings.Split(l, "\t")
			switch {
			case strings.HasPrefix(l, "KC-2026-"):
				if want := strconv.Itoa(base+len(serials)+issued+1) + "/2026"; len(f) != 3 || f[1] != want || !eligible[f[2]] {
					t.Errorf("line %q, want register no %s and an eligible trainee", l, want)
				}
				issued++
			case strings.HasPrefix(l, "Không cấp: "):
				name := strings.TrimPrefix(f[0], "Không cấp: ")
				if len(f) != 2 || f[1] == "" || eligible[name] {
					t.Errorf("skipped line %q: want an ineligible trainee and the reason", l)
				}
				skipped++
			}
		}
		if issued != len(eligible) || skipped != len(roster)-len(eligible) {
			t.Errorf("issued %d and skipped %d, want %d and %d:\n%s", issued, skipped, len(eligible), len(roster)-len(eligible), out)
		}
		if !strings.HasSuffix(out, strconv.Itoa(skipped)+" học viên không được cấp.\n") {
			t.Errorf("no summary at the end:\n%s", out)
		}
		if n := count(t); n != sample+len(serials)+issued {
			t.Errorf("%d certificates in the register, want %d", n, sample+len(serials)+issued)
		}
	})

	before := count(t)
	pdf := filepath.Join(t.TempDir(), "cc.pdf")
	for _, tc := range []struct {
		name string
		args []string
		code string
		want string
	}{
		{"ErrCertsWhat", []string{"certs"}, data.EINVALID, "kc certs issue"},
		{"ErrIssueUnknownClass", []string{"certs", "issue", "LH-2030-999", "--decision", "1/QĐ", "--decision-date", "20/11/2026"}, data.ENOTFOUND, "Không có lớp học mã LH-2030-999"},
		{"ErrIssueNotFinished", []string{"certs", "issue", "LH-2026-006", "--decision", "1/QĐ", "--decision-date", "20/11/2026"}, data.EINVALID, "chỉ cấp chứng chỉ cho lớp đã kết thúc"},
		{"ErrIssueNoClass", []string{"certs", "issue", "--decision", "1/QĐ", "--decision-date", "20/11/2026"}, data.EINVALID, "Thiếu mã lớp"},
		{"ErrIssueNoDecision", []string{"certs", "issue", "LH-2026-001", "--decision-date", "20/11/2026"}, data.EINVALID, "--decision"},
		{"ErrIssueNoDecisionDate", []string{"certs", "issue", "LH-2026-001", "--decision", "1/QĐ"}, data.EINVALID, "--decision-date"},
		{"ErrIssueBadDate", []string{"certs", "issue", "LH-2026-001", "--decision", "1/QĐ", "--decision-date", "31/02/2026"}, data.EINVALID, "--decision-date"},
		{"ErrPrintNoOutput", []string{"certs", "print", class}, data.EINVALID, "-o TỆP.pdf"},
		{"ErrPrintUnknownClass", []string{"certs", "print", "LH-2030-999", "-o", pdf}, data.ENOTFOUND, "Không có lớp học mã LH-2030-999"},
		{"ErrPrintNoCertificates", []string{"certs", "print", "LH-2026-001", "-o", pdf}, data.EINVALID, "chưa có chứng chỉ"},
		{"ErrListUnknownClass", []string{"certs", "list", "--class", "LH-2030-999"}, data.ENOTFOUND, "LH-2030-999"},
		{"ErrListYear", []string{"certs", "list", "--year", "abc"}, data.EINVALID, "--year"},
		{"ErrRegisterNoOutput", []string{"certs", "register", "--year", "2026"}, data.EINVALID, "-o TỆP.pdf"},
		{"ErrRegisterExtension", []string{"certs", "register", "--year", "2026", "-o", "so.doc"}, data.EINVALID, ".xlsx"},
		{"ErrVerifyNothing", []string{"verify"}, data.EINVALID, "kc verify"},
		{"ErrSignerEmptyName", []string{"settings", "signer", "--name", " "}, data.EINVALID, "--name"},
		{"ErrSettingsWhat", []string{"settings"}, data.EINVALID, "kc settings signer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := run(t, append([]string{"-db", db}, tc.args...)...)
			if data.ErrorCode(err) != tc.code || !strings.Contains(data.ErrorMessage(err), tc.want) {
				t.Fatalf("err=%v, want %s containing %q", err, tc.code, tc.want)
			}
		})
	}
	if n := count(t); n != before {
		t.Errorf("%d certificates after the refused commands, want %d", n, before)
	}
	if _, err := os.Stat(pdf); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused print left %s behind", pdf)
	}
	if out, err := run(t, "-db", db, "settings", "signer"); err != nil || out != "GIÁM ĐỐC\tNguyễn Văn Thành\n" {
		t.Errorf("a refused signer changed it to %q, %v", out, err)
	}
}

// TestSeedCertifiedClass: `kc seed --certified-class N` makes a database whose one class has N
// certificates issued, prints the class's code first, and the class prints.
func TestSeedCertifiedClass(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")
	out, err := run(t, "-db", db, "seed", "--certified-class", "7")
	if err != nil {
		t.Fatal(err)
	}
	code, rest, _ := strings.Cut(strings.TrimSpace(out), "\t")
	if !strings.HasPrefix(code, "LH-") || !strings.Contains(rest, "7 chứng chỉ") || strings.Count(out, "\n") != 1 {
		t.Fatalf("seed printed %q, want the class code and 7 certificates on one line", out)
	}
	list, err := run(t, "-db", db, "certs", "list", "--class", code)
	if err != nil || len(lines(list)) != 7 {
		t.Fatalf("certs list --class %s: %q, %v; want 7 certificates", code, list, err)
	}
	pdf := filepath.Join(dir, "c.pdf")
	if _, err := run(t, "-db", db, "certs", "print", code, "-o", pdf); err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(pdfText(t, pdf), []byte("\f")); n != 7 {
		t.Errorf("%d pages printed, want 7", n)
	}
	if _, err := run(t, "-db", filepath.Join(dir, "other.db"), "seed", "--certified-class", "0"); data.ErrorCode(err) != data.EINVALID {
		t.Errorf("--certified-class 0 alone: %v, want EINVALID", err)
	}
}
