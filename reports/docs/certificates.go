package docs

import (
	"context"
	"encoding/base64"
	"io"
	"strconv"
	"strings"

	"khuyencong/data"
	"khuyencong/reports"
)

// Paper says what a certificate is printed on.
type Paper int

// The papers of a certificate.
const (
	PaperOfSettings Paper = iota // the paper the certificate settings choose
	PaperA4                      // A4 landscape, 297 × 210 mm
	PaperSmall                   // the small card, 190 × 135 mm
)

// paperFormat returns the reports format of the paper, reading the settings for PaperOfSettings.
func (b Builder) paperFormat(ctx context.Context, p Paper) (reports.CertificateFormat, error) {
	switch p {
	case PaperA4:
		return reports.A4Landscape, nil
	case PaperSmall:
		return reports.SmallCard, nil
	}
	s, err := b.Certificates.CertificateSettings(ctx)
	if err != nil {
		return reports.A4Landscape, err
	}
	if s.SmallFormat {
		return reports.SmallCard, nil
	}
	return reports.A4Landscape, nil
}

// CertificatesPDF writes certs as one PDF, one page each, from the content frozen when they were
// issued, on paper; their QR codes link to the verification page when its address is set. Reads
// Certificates (the settings' paper) and Settings (the page's address). EINVALID when certs is
// empty.
func (b Builder) CertificatesPDF(ctx context.Context, certs []*data.Certificate, paper Paper, w io.Writer) error {
	if len(certs) == 0 {
		return data.Errorf(data.EINVALID, "Không có chứng chỉ nào để in.")
	}
	format, err := b.paperFormat(ctx, paper)
	if err != nil {
		return err
	}
	// The page's address is added now, not frozen at issue: the signature covers the text alone,
	// and a centre that moves its page reprints the same certificates with the new link.
	address, err := b.Settings.VerifyAddress(ctx)
	if err != nil {
		return err
	}
	contents := make([]data.CertificateContent, len(certs))
	for i, c := range certs {
		contents[i] = c.Content
		contents[i].VerifyText = data.CertificateLink(address, c.Content.VerifyText)
	}
	return reports.WriteCertificatesPDF(w, contents, format)
}

// ClassCertificates returns the class's certificates in force, in register order: what printing
// a class's certificates prints. Reads Certificates.
func (b Builder) ClassCertificates(ctx context.Context, classID int64) ([]*data.Certificate, error) {
	st := data.CertIssued
	return b.Certificates.FindCertificates(ctx, data.CertificateFilter{ClassID: &classID, Status: &st})
}

// Register writes the issuing register (sổ cấp chứng chỉ) of the certificates f selects, all of
// them (f's paging is ignored), in register order, as PDF or Excel. Its title names the class
// and the year f keeps: "SỔ CẤP CHỨNG CHỈ LỚP LH-2026-002 NĂM 2026". Reads Settings,
// Certificates and, for f.ClassID, Classes. EINVALID when f selects no certificate, naming the
// scope; ENOTFOUND for an unknown class.
func (b Builder) Register(ctx context.Context, f data.CertificateFilter, format Format, w io.Writer) error {
	write, err := pick(KindRegister, format, reports.WriteRegisterPDF, reports.WriteRegisterXLSX)
	if err != nil {
		return err
	}
	var scope []string // "lớp LH-2026-002", "năm 2026"
	if f.ClassID != nil {
		c, err := b.Classes.FindClassByID(ctx, *f.ClassID)
		if err != nil {
			return err
		}
		scope = append(scope, "lớp "+c.Code)
	}
	if f.Year != nil {
		scope = append(scope, "năm "+strconv.Itoa(*f.Year))
	}
	f.Offset, f.Limit = 0, 0
	rows, err := b.Certificates.FindCertificates(ctx, f)
	if err != nil {
		return err
	}
	if len(rows) == 0 {
		if len(scope) == 0 {
			return data.Errorf(data.EINVALID, "Sổ trống: chưa có chứng chỉ nào vào sổ; không có gì để in.")
		}
		return data.Errorf(data.EINVALID, "Sổ trống: chưa có chứng chỉ nào vào sổ (%s); không có gì để in.", strings.Join(scope, ", "))
	}
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	key, err := b.Certificates.PublicKey(ctx)
	if err != nil {
		return err
	}
	title := reports.RegisterTitle
	if len(scope) > 0 {
		title += " " + strings.ToUpper(strings.Join(scope, " "))
	}
	return write(w, reports.RegisterDoc{Org: org, Date: b.today(), Title: title, Rows: rows,
		// Standard padded base64, as Settings and the Tra cứu screen show it.
		PublicKey: base64.StdEncoding.EncodeToString(key)})
}
