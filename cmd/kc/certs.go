package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
)

// errNotValid is what `kc verify` returns when the certificate checked is not valid: the verdict
// is already printed, so main exits with status 1 and prints nothing more.
var errNotValid = errors.New("chứng chỉ không hợp lệ")

// signerHint says how to set the signer from the command line.
const signerHint = `kc settings signer --title "GIÁM ĐỐC" --name "Họ và tên"`

func (m *Main) certs(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "issue":
			return m.certsIssue(ctx, args[1:])
		case "print":
			return m.certsPrint(ctx, args[1:])
		case "list":
			return m.certsList(ctx, args[1:])
		case "register":
			return m.certsRegister(ctx, args[1:])
		case "key":
			return m.certsKey(ctx, args[1:])
		case "qr":
			return m.certsQR(ctx, args[1:])
		case "revoke", "reissue":
			return m.certsChange(ctx, args[0], args[1:])
		}
	}
	return data.Errorf(data.EINVALID, "Lệnh certs cần việc cần làm: kc certs issue, print, list, register, key, qr, revoke hoặc reissue (xem kc help).")
}

// parseAll reads a command's flags wherever they stand among its arguments and returns the
// arguments that are not flags, in order.
func parseAll(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return rest, nil
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
}

// oneClass checks that rest holds exactly one class code; how is the command's form for messages.
func (m *Main) oneClass(rest []string, cmd, how string) (string, error) {
	return m.oneArg(rest, cmd, "mã lớp", how)
}

// findClass returns the class with a code, with a message that says where codes are listed.
func findClass(ctx context.Context, db *store.DB, code string) (*data.Class, error) {
	c, err := db.FindClassByCode(ctx, code)
	if data.ErrorCode(err) == data.ENOTFOUND {
		return nil, data.Errorf(data.ENOTFOUND, "Không có lớp học mã %s. Xem các mã lớp bằng lệnh kc classes list.", strings.ToUpper(strings.TrimSpace(code)))
	}
	return c, err
}

// parseYear reads a --year flag's value; "" gives nil.
func parseYear(s string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	y, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || y < 1900 || y > 2200 {
		return nil, data.Errorf(data.EINVALID, "--year %q không phải một năm (ví dụ --year 2026).", s)
	}
	return &y, nil
}

// parseDateFlag reads a date flag's value as clerks type it.
func parseDateFlag(name, s string) (vn.Date, error) {
	d, err := vn.ParseDate(s)
	if err != nil {
		return vn.Date{}, data.Errorf(data.EINVALID, "--%s: %s", name, err.Error())
	}
	return d, nil
}

func (m *Main) certsIssue(ctx context.Context, args []string) error {
	const how = "kc certs issue MÃ_LỚP --decision SỐ_QĐ --decision-date dd/mm/yyyy [--date dd/mm/yyyy]"
	fs := m.flags("certs issue")
	decision := fs.String("decision", "", "số quyết định cấp chứng chỉ, ví dụ 125/QĐ-TTKC")
	decisionDate := fs.String("decision-date", "", "ngày ký quyết định, dd/mm/yyyy")
	date := fs.String("date", "", "ngày cấp ghi trên chứng chỉ, dd/mm/yyyy (mặc định: hôm nay)")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	code, err := m.oneClass(rest, "certs issue", how)
	if err != nil {
		return err
	}
	r := data.IssueRequest{DecisionNo: strings.TrimSpace(*decision)}
	if r.DecisionNo == "" {
		return data.Errorf(data.EINVALID, "Thiếu số quyết định cấp chứng chỉ: --decision 125/QĐ-TTKC (%s).", how)
	}
	if strings.TrimSpace(*decisionDate) == "" {
		return data.Errorf(data.EINVALID, "Thiếu ngày ký quyết định: --decision-date dd/mm/yyyy (%s).", how)
	}
	if r.DecisionDate, err = parseDateFlag("decision-date", *decisionDate); err != nil {
		return err
	}
	if r.IssuedOn, err = parseDateFlag("date", *date); err != nil {
		return err
	}

	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := findClass(ctx, db, code)
	if err != nil {
		return err
	}
	switch c.Status {
	case data.ClassFinished, data.ClassCertified:
		// The store decides: it issues to those who have none yet, or says there is no one.
	default:
		return data.Errorf(data.EINVALID, "Lớp %s đang ở trạng thái %q; chỉ cấp chứng chỉ cho lớp đã kết thúc.", c.Code, c.Status.Label())
	}
	org, err := db.Organisation(ctx)
	if err != nil {
		return err
	}
	if strings.TrimSpace(org.DirectorName) == "" {
		return data.Errorf(data.EINVALID, "Chưa có họ tên người ký chứng chỉ trong cài đặt. Đặt bằng lệnh: %s (hoặc ở màn hình Cài đặt), rồi chạy lại lệnh này.", signerHint)
	}
	r.ClassID = c.ID
	if ctx, err = m.signing(ctx); err != nil {
		return err
	}
	res, err := db.IssueCertificates(ctx, r)
	if err != nil {
		return err
	}
	for _, cert := range res.Issued {
		if _, err := fmt.Fprintf(m.Stdout, "%s\t%s\t%s\n", cert.Content.Serial, cert.Content.RegisterLabel(), cert.Content.TraineeName); err != nil {
			return err
		}
	}
	for _, e := range res.Skipped {
		if _, err := fmt.Fprintf(m.Stdout, "Không cấp: %s\t%s\n", e.TraineeName.Full(), e.Reason); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(m.Stdout, "Đã cấp %d chứng chỉ cho lớp %s theo quyết định %s; %d học viên không được cấp.\n",
		len(res.Issued), c.Code, r.DecisionNo, len(res.Skipped))
	return err
}

func (m *Main) certsPrint(ctx context.Context, args []string) error {
	const how = "kc certs print MÃ_LỚP -o TỆP.pdf [--small]"
	fs := m.flags("certs print")
	out := fs.String("o", "", "tệp PDF cần ghi")
	small := fs.Bool("small", false, "khổ nhỏ 190 × 135 mm")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	code, err := m.oneClass(rest, "certs print", how)
	if err != nil {
		return err
	}
	paper := docs.PaperOfSettings
	if *small {
		paper = docs.PaperSmall
	}
	return m.document(*out, docs.KindCertificates, "kc certs print "+code+" -o TỆP.pdf",
		func(db *store.DB, b docs.Builder, _ docs.Format) (func(io.Writer) error, error) {
			c, err := findClass(ctx, db, code)
			if err != nil {
				return nil, err
			}
			certs, err := b.ClassCertificates(ctx, c.ID)
			if err != nil {
				return nil, err
			}
			if len(certs) == 0 {
				return nil, data.Errorf(data.EINVALID, "Lớp %s chưa có chứng chỉ nào còn hiệu lực để in; cấp bằng lệnh kc certs issue %s --decision SỐ_QĐ --decision-date dd/mm/yyyy.", c.Code, c.Code)
			}
			return func(w io.Writer) error { return b.CertificatesPDF(ctx, certs, paper, w) }, nil
		})
}

func (m *Main) certsList(ctx context.Context, args []string) error {
	fs := m.flags("certs list")
	class := fs.String("class", "", "chỉ chứng chỉ của lớp có mã này")
	yearText := fs.String("year", "", "chỉ chứng chỉ vào sổ năm này")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	year, err := parseYear(*yearText)
	if err != nil {
		return err
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	f := data.CertificateFilter{Year: year}
	if *class != "" {
		c, err := findClass(ctx, db, *class)
		if err != nil {
			return err
		}
		f.ClassID = &c.ID
	}
	certs, err := db.FindCertificates(ctx, f)
	if err != nil {
		return err
	}
	for _, c := range certs {
		if _, err := fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c.Content.Serial, c.Content.RegisterLabel(),
			c.Content.TraineeName, c.Content.BirthDate, c.Content.ClassCode, c.Content.IssuedOn, c.Status.Label()); err != nil {
			return err
		}
	}
	return nil
}

func (m *Main) certsRegister(ctx context.Context, args []string) error {
	fs := m.flags("certs register")
	yearText := fs.String("year", "", "năm vào sổ (mặc định: năm nay)")
	class := fs.String("class", "", "chỉ chứng chỉ của lớp có mã này")
	out := fs.String("o", "", "tệp cần ghi: .pdf hoặc .xlsx")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	year, err := parseYear(*yearText)
	if err != nil {
		return err
	}
	return m.document(*out, docs.KindRegister, "kc certs register --year 2026 -o TỆP.pdf (hoặc TỆP.xlsx)",
		func(db *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
			f := data.CertificateFilter{Year: year}
			if *class != "" {
				c, err := findClass(ctx, db, *class)
				if err != nil {
					return nil, err
				}
				f.ClassID = &c.ID
			} else if year == nil {
				this := vn.DateOf(db.Now()).Year
				f.Year = &this
			}
			return func(w io.Writer) error { return b.Register(ctx, f, format, w) }, nil
		})
}

// zbarPrefix is what zbarimg (zbar-tools) prints before the text of a QR code it reads.
const zbarPrefix = "QR-Code:"

// verify checks a QR text or a serial. The words of the text may come unquoted: they are joined
// with single spaces. What a scanner prints is taken as it comes: `kc verify "$(zbarimg -q
// trang.png)"` checks the text without zbarimg's "QR-Code:" before it.
func (m *Main) verify(ctx context.Context, args []string) error {
	fs := m.flags("verify")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(strings.Join(rest, " "))
	text = strings.TrimSpace(strings.TrimPrefix(text, zbarPrefix))
	if text == "" {
		fmt.Fprint(m.Stderr, usage)
		return data.Errorf(data.EINVALID, "Thiếu nội dung cần tra: kc verify SỐ_HIỆU, hoặc kc verify \"NỘI DUNG MÃ QR\".")
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.Verify(ctx, text)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(m.Stdout, "%s\t%s\n", v.Verdict, v.Message); err != nil {
		return err
	}
	if v.Verdict != data.VerdictValid {
		return errNotValid
	}
	return nil
}

func (m *Main) settings(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "signer" {
		return data.Errorf(data.EINVALID, "Lệnh settings cần việc cần làm: %s.", signerHint)
	}
	fs := m.flags("settings signer")
	var title, name *string
	fs.Func("title", "chức danh người ký, ví dụ GIÁM ĐỐC", func(s string) error { title = &s; return nil })
	fs.Func("name", "họ và tên người ký", func(s string) error { name = &s; return nil })
	if _, err := m.parse(fs, args[1:], 0); err != nil {
		return err
	}
	if name != nil && strings.TrimSpace(*name) == "" {
		return data.Errorf(data.EINVALID, "--name không được để trống: chứng chỉ cần họ tên người ký.")
	}
	if title != nil && strings.TrimSpace(*title) == "" {
		return data.Errorf(data.EINVALID, "--title không được để trống: chứng chỉ cần chức danh người ký, ví dụ GIÁM ĐỐC.")
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	o, err := db.Organisation(ctx)
	if err != nil {
		return err
	}
	if title != nil || name != nil {
		if title != nil {
			o.DirectorTitle = *title
		}
		if name != nil {
			o.DirectorName = *name
		}
		if err := db.SaveOrganisation(ctx, o); err != nil {
			return err
		}
		if o, err = db.Organisation(ctx); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(m.Stdout, "%s\t%s\n", o.DirectorTitle, o.DirectorName)
	return err
}
