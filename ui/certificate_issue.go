package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// issueCertificatesButton is the class page's "Cấp chứng chỉ…": it asks for the issuing decision
// and the issue date, issues the certificates of the class classID returns, then shows who got one
// and who did not, and offers to print them. done (may be nil) is called after issuing, so that
// the page can show the class's new status.
func issueCertificatesButton(m *Main, classID func() *data.Class, done func()) *widget.Button {
	b := widget.NewButtonWithIcon(lang.L("Issue certificates…"), theme.DocumentCreateIcon(), func() {
		c := classID()
		if c == nil || c.ID == 0 {
			return
		}
		showIssueDialog(m, c, done)
	})
	b.Importance = widget.HighImportance
	return b
}

// issueBlocked says why the certificates of c cannot be issued now, "" when they can: the
// register takes them only for a finished class with trainees.
func issueBlocked(c *data.Class) string {
	switch {
	case c.Status == data.ClassCancelled:
		return lang.L("The class is cancelled: no certificates.")
	case c.Status != data.ClassFinished && c.Status != data.ClassCertified:
		return lang.L("Certificates are issued once the class has finished.")
	case c.Enrolled == 0:
		return lang.L("The class has no trainees.")
	}
	return ""
}

// showIssueDialog asks for the decision's number and date and the issue date (today by default).
// The cursor starts in the number; Enter issues, Esc closes.
func showIssueDialog(m *Main, c *data.Class, done func()) {
	number := widgets.NewEntry()
	number.SetPlaceHolder(lang.L("e.g. 125/QĐ-TTKC"))
	decided := dateEntry("")
	issued := dateEntry(m.today().String())
	intro := widget.NewLabel(lang.L("Every eligible trainee of class {{.Code}} gets a certificate, numbered in the register in roster order. A certificate cannot be changed once issued: only revoked or re-issued.", map[string]any{"Code": c.Code}))
	intro.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem(lang.L("Decision number"), number),
		widget.NewFormItem(lang.L("Decision date"), decided),
		widget.NewFormItem(lang.L("Issue date"), issued),
	}
	form := widget.NewForm(items...)
	body := container.NewVBox(container.NewGridWrap(fyne.NewSize(480, intro.MinSize().Height*3), intro), form)
	d := dialog.NewCustomConfirm(lang.L("Issue certificates for {{.Code}}", map[string]any{"Code": c.Code}), lang.L("Issue"), lang.L("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		r, err := readIssueRequest(c.ID, number.Text, decided.Text, issued.Text)
		if err != nil {
			m.showError(err)
			return
		}
		m.askPassphrase(lang.L("Issue certificates for {{.Code}}", map[string]any{"Code": c.Code}), func(passphrase string) {
			issueCertificates(m, r, passphrase, func(res *data.IssueResult, err error) {
				if err != nil {
					return
				}
				showIssueResult(m, c, res)
				if done != nil {
					done()
				}
			})
		})
	}, m.Window)
	d.Resize(fyne.NewSize(560, 0))
	showKeyed(m, d, d.Confirm, d.Hide, number, decided, issued)
}

// readIssueRequest reads the dialog's fields; a date that is not one is refused in words for a clerk.
func readIssueRequest(classID int64, number, decided, issued string) (data.IssueRequest, error) {
	r := data.IssueRequest{ClassID: classID, DecisionNo: number}
	var err error
	if r.DecisionDate, err = vn.ParseDate(decided); err != nil {
		return r, &data.Error{Code: data.EINVALID, Message: err.Error()}
	}
	if r.IssuedOn, err = vn.ParseDate(issued); err != nil {
		return r, &data.Error{Code: data.EINVALID, Message: err.Error()}
	}
	return r, nil
}

// issueCertificates issues a class's certificates, signed with passphrase, behind the progress
// dialog, then calls after
// on the UI goroutine, as the last thing the task does: with the result, or with the refusal
// (class not finished, signer not set…), which is already shown to the clerk in the store's words.
// A cancelled task calls nothing.
func issueCertificates(m *Main, r data.IssueRequest, passphrase string, after func(*data.IssueResult, error)) {
	var res *data.IssueResult
	var refused error
	m.runTask(lang.L("Issuing certificates"), func(ctx context.Context) error {
		res, refused = m.Services.Certificates.IssueCertificates(data.WithPassphrase(ctx, passphrase), r)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return nil
	}, func() {
		if refused != nil {
			m.showError(refused)
		}
		after(res, refused)
	})
}

// issueSummary says in words what issuing did: how many were issued, and who was skipped and why.
func issueSummary(res *data.IssueResult) (issued string, skipped []string) {
	issued = lang.L("{{.Count}} certificates issued.", map[string]any{"Count": len(res.Issued)})
	if len(res.Issued) > 0 {
		first, last := res.Issued[0].Content, res.Issued[len(res.Issued)-1].Content
		issued += " " + lang.L("Serials {{.First}} to {{.Last}}; register numbers {{.From}} to {{.To}}.", map[string]any{
			"First": first.Serial, "Last": last.Serial, "From": first.RegisterLabel(), "To": last.RegisterLabel()})
	}
	for _, v := range res.Skipped {
		skipped = append(skipped, v.TraineeName.Full()+" ("+v.BirthDate.String()+"): "+v.Reason)
	}
	return issued, skipped
}

// showIssueResult lists what issuing did and offers to print the new certificates.
func showIssueResult(m *Main, c *data.Class, res *data.IssueResult) {
	issued, skipped := issueSummary(res)
	head := widget.NewLabelWithStyle(issued, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	list := container.NewVBox()
	if len(skipped) == 0 {
		list.Add(widget.NewLabel(lang.L("No trainee was left out.")))
	} else {
		list.Add(widget.NewLabelWithStyle(lang.L("Not issued ({{.Count}}):", map[string]any{"Count": len(skipped)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, s := range skipped {
			l := widget.NewLabel("• " + s)
			l.Wrapping = fyne.TextWrapWord
			list.Add(l)
		}
	}
	certs := res.Issued
	printAll := widget.NewButtonWithIcon(lang.L("Print all certificates (PDF)"), theme.DocumentPrintIcon(), func() {
		m.save(certificatesDocument(m, docs.KindCertificates.FileName(c.Code, docs.PDF), certs))
	})
	printAll.Importance = widget.HighImportance
	each := widget.NewButtonWithIcon(lang.L("Save one file per trainee…"), theme.FolderOpenIcon(), func() {
		saveEachCertificate(m, certs)
	})
	if len(certs) == 0 {
		printAll.Disable()
		each.Disable()
	}
	body := container.NewBorder(head, container.NewHBox(printAll, each), nil, nil, container.NewVScroll(list))
	d := dialog.NewCustom(lang.L("Certificates of {{.Code}}", map[string]any{"Code": c.Code}), lang.L("Close"), body, m.Window)
	d.Resize(fyne.NewSize(640, 460))
	d.Show()
}

// certificatesDocument is certs as one PDF named name, one page each from their frozen content,
// on the paper the settings choose.
func certificatesDocument(m *Main, name string, certs []*data.Certificate) document {
	b := m.builder
	return document{name: name, ext: string(docs.PDF), write: func(ctx context.Context, w io.Writer) error {
		return b.CertificatesPDF(ctx, certs, docs.PaperOfSettings, w)
	}}
}

// saveEachCertificate asks for a folder and writes one PDF per certificate into it.
func saveEachCertificate(m *Main, certs []*data.Certificate) {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		dir := u.Path()
		var paths []string
		m.runTask(lang.L("Printing certificates"), func(ctx context.Context) error {
			var err error
			paths, err = writeCertificateFiles(ctx, m.builder, dir, certs)
			return err
		}, func() {
			m.sayDone(lang.L("Exported"), lang.L("{{.Count}} files saved in {{.Dir}}", map[string]any{"Count": len(paths), "Dir": dir}))
		})
	}, m.Window)
}

// writeCertificateFiles writes one PDF per certificate into dir, named by certificateFileName,
// and returns their paths.
func writeCertificateFiles(ctx context.Context, b docs.Builder, dir string, certs []*data.Certificate) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, &data.Error{Code: data.EINVALID, Message: lang.L("Cannot create the folder {{.Dir}}: choose another.", map[string]any{"Dir": dir})}
	}
	var paths []string
	for _, c := range certs {
		if err := ctx.Err(); err != nil {
			return paths, err
		}
		p := filepath.Join(dir, certificateFileName(c.Content))
		if err := writeCertificateFile(ctx, b, p, c); err != nil {
			return paths, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}

func writeCertificateFile(ctx context.Context, b docs.Builder, path string, c *data.Certificate) error {
	f, err := os.Create(path)
	if err != nil {
		return &data.Error{Code: data.EINVALID, Message: lang.L("Cannot write {{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": err.Error()})}
	}
	if err := b.CertificatesPDF(ctx, []*data.Certificate{c}, docs.PaperOfSettings, f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// certificateFileName is a certificate's file name: the trainee's name without diacritics, words
// joined by '-', then the serial: "nguyen-thi-anh-tuyet-KC-2026-000001.pdf". Only ASCII letters,
// digits and '-' remain, so that every file system and mail program takes it.
func certificateFileName(c data.CertificateContent) string {
	name := safeFilePart(strings.ReplaceAll(vn.Fold(c.TraineeName), " ", "-"))
	serial := safeFilePart(c.Serial)
	switch {
	case name == "":
		return serial + ".pdf"
	case serial == "":
		return name + ".pdf"
	}
	return name + "-" + serial + ".pdf"
}

// safeFilePart keeps ASCII letters, digits and '-', with no '-' repeated or at either end.
func safeFilePart(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}
