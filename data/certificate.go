package data

import (
	"context"
	"crypto/ed25519"
	"strconv"
	"strings"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// CertificateStatus is where a certificate stands in the register.
type CertificateStatus string

// A certificate is issued, then may be revoked (thu hồi) or replaced by a re-issue (cấp lại).
const (
	CertIssued   CertificateStatus = "da_cap"  // đã cấp: valid
	CertRevoked  CertificateStatus = "thu_hoi" // thu hồi: no longer valid, with a reason
	CertReplaced CertificateStatus = "cap_lai" // đã cấp lại: superseded by another certificate
)

// CertificateStatuses lists the statuses in the order filters show them.
var CertificateStatuses = []CertificateStatus{CertIssued, CertRevoked, CertReplaced}

// Label returns the status's Vietnamese name.
func (s CertificateStatus) Label() string {
	switch s {
	case CertIssued:
		return "Đã cấp"
	case CertRevoked:
		return "Đã thu hồi"
	case CertReplaced:
		return "Đã cấp lại"
	}
	return string(s)
}

// CertificateContent is everything printed on a certificate, frozen when it is issued: a reprint
// is made from it alone, so it is identical to the first print whatever changed since.
type CertificateContent struct {
	// Title is "CHỨNG CHỈ" or "GIẤY CHỨNG NHẬN" (a setting per kind of class).
	Title string
	// ParentAuthority, Centre and City are the organisation's, as in Organisation.
	ParentAuthority, Centre, City string
	// TraineeName is the trainee's full name; BirthDate, BirthPlace theirs.
	TraineeName string
	BirthDate   vn.Date
	BirthPlace  string
	// Trade is the craft or subject; ClassName and ClassCode the class's.
	Trade, ClassName, ClassCode string
	// ClassKind is the kind of class, as its label prints.
	ClassKind string
	// Start and End are the course's dates; Hours its length.
	Start, End vn.Date
	Hours      int
	// Grade is the grade reached ("Khá"); "" for a course without scores.
	Grade string
	// Serial is the certificate's serial (số hiệu), e.g. "KC-2026-000123".
	Serial string
	// RegisterNo is the number in the year's register (số vào sổ) and RegisterYear its year.
	RegisterNo, RegisterYear int
	// IssuedOn is the issue date printed in "Hà Nội, ngày … tháng … năm …".
	IssuedOn vn.Date
	// DecisionNo and DecisionDate name the decision the certificates were issued under.
	DecisionNo   string
	DecisionDate vn.Date
	// SignerTitle and SignerName are who signs, from the settings at issue.
	SignerTitle, SignerName string
	// Replaces is the serial of the certificate this one re-issues, if any.
	Replaces string
	// VerifyText is the signed text the QR code carries (see SignCertificate).
	VerifyText string
}

// RegisterLabel returns the register number as printed: "123/2026".
func (c CertificateContent) RegisterLabel() string {
	return strconv.Itoa(c.RegisterNo) + "/" + strconv.Itoa(c.RegisterYear)
}

// Certificate is one entry of the issuing register (sổ cấp chứng chỉ).
type Certificate struct {
	// ID is the store's key.
	ID int64
	// EnrollmentID, ClassID and TraineeID say whose certificate it is.
	EnrollmentID, ClassID, TraineeID int64
	// Content is what was printed, frozen at issue.
	Content CertificateContent
	// Hash is the SHA-256 (hex) of the content as stored; a reprint checks it.
	Hash string
	// Status is issued, revoked or replaced.
	Status CertificateStatus
	// RevokedOn and Reason say when and why it was revoked or replaced.
	RevokedOn vn.Date
	Reason    string
	// ReplacedBy is the serial of the certificate that re-issued this one, if any.
	ReplacedBy string
	// ReceivedOn is the day the trainee received it (ngày nhận); zero until recorded.
	ReceivedOn vn.Date
	// Version counts saved changes; a change must carry the version it read.
	Version int
}

// CertificateSettings are how certificates are numbered and printed, shared by everyone.
type CertificateSettings struct {
	// SerialPrefix starts every serial; the year and a six-digit number follow: "KC" gives
	// "KC-2026-000123".
	SerialPrefix string
	// SmallFormat prints on 190 × 135 mm cards instead of A4 landscape.
	SmallFormat bool
	// Titles gives the title printed for each kind of class; a kind not listed prints "CHỨNG CHỈ".
	Titles map[ClassKind]string
}

// DefaultCertificateSettings: serials "KC-2026-000001", A4 landscape, CHỨNG CHỈ for craft classes
// and GIẤY CHỨNG NHẬN for training of officials and managers.
func DefaultCertificateSettings() CertificateSettings {
	return CertificateSettings{
		SerialPrefix: "KC",
		Titles: map[ClassKind]string{
			ClassKindCraft: "CHỨNG CHỈ", ClassKindTransplant: "CHỨNG CHỈ", ClassKindUpgrade: "CHỨNG CHỈ",
			ClassKindOfficials: "GIẤY CHỨNG NHẬN", ClassKindManagement: "GIẤY CHỨNG NHẬN",
		},
	}
}

// Title returns the title printed for a kind of class.
func (s CertificateSettings) Title(k ClassKind) string {
	if t := s.Titles[k]; t != "" {
		return t
	}
	return "CHỨNG CHỈ"
}

// Validate checks the settings.
func (s CertificateSettings) Validate() error {
	p := strings.TrimSpace(s.SerialPrefix)
	if p == "" || utf8.RuneCountInString(p) > 10 || strings.Contains(p, "|") || checkText(textField{"", p, 10, false}) != nil {
		return Errorf(EINVALID, "Tiền tố số hiệu chứng chỉ phải có từ 1 đến 10 ký tự, không có dấu | (ví dụ KC).")
	}
	return nil
}

// IssueRequest is what a clerk fills in to issue a class's certificates.
type IssueRequest struct {
	// ClassID is the finished class.
	ClassID int64
	// IssuedOn is the issue date; zero means today.
	IssuedOn vn.Date
	// DecisionNo and DecisionDate name the issuing decision (số quyết định), e.g. "125/QĐ-TTKC".
	DecisionNo   string
	DecisionDate vn.Date
}

// Validate checks a request by itself.
func (r IssueRequest) Validate() error {
	if strings.TrimSpace(r.DecisionNo) == "" {
		return Errorf(EINVALID, "Hãy nhập số quyết định cấp chứng chỉ (ví dụ 125/QĐ-TTKC).")
	}
	if r.DecisionDate.IsZero() {
		return Errorf(EINVALID, "Hãy nhập ngày ký quyết định cấp chứng chỉ.")
	}
	return firstError(
		checkText(textField{"Số quyết định", r.DecisionNo, MaxShortLen, false}),
		ValidateDate("Ngày ký quyết định", r.DecisionDate),
		ValidateDate("Ngày cấp", r.IssuedOn),
	)
}

// IssueResult says what issuing a class's certificates did.
type IssueResult struct {
	// Issued are the new certificates, in roster order (by given name).
	Issued []*Certificate
	// Skipped are the trainees not issued one, each with the reason ("Vắng 6/20 buổi").
	Skipped []*EnrollmentView
}

// CertificateFilter selects and orders certificates. Pointer fields apply only when set.
type CertificateFilter struct {
	// Search matches serial, trainee name, class code and name, folded like every search.
	Search string
	// Year keeps the register year; ClassID the class; Status the status.
	Year    *int
	ClassID *int64
	Status  *CertificateStatus
	// Offset and Limit page the result (register order, newest year first); Limit 0 means all.
	Offset, Limit int
}

// Verdict is what checking a certificate's QR text or serial says.
type Verdict string

// The verdicts of a check.
const (
	VerdictValid    Verdict = "valid"    // signed by this centre, in the register and issued
	VerdictRevoked  Verdict = "revoked"  // genuine but revoked
	VerdictReplaced Verdict = "replaced" // genuine but re-issued under another serial
	VerdictUnknown  Verdict = "unknown"  // not in this register, or signed by another key
	VerdictForged   Verdict = "forged"   // names a certificate of the register but its text or signature do not match
)

// Verification is the result of a check, with a sentence for the clerk.
type Verification struct {
	// Verdict is the outcome.
	Verdict Verdict
	// Message says it in Vietnamese: "Chứng chỉ KC-2026-000123 hợp lệ: cấp cho Nguyễn Thị Ánh…".
	Message string
	// Certificate is the register's entry when the serial is known.
	Certificate *Certificate
}

// CertificateService keeps the issuing register.
type CertificateService interface {
	// IssueCertificates issues a certificate to every eligible trainee of a finished class who has
	// none, numbering them in the year's register without gaps even when two programs issue at
	// once, and moves the class to "đã cấp chứng chỉ". EINVALID: the class is not finished, no
	// trainee is eligible, the signer's name is not set in the settings, the request is incomplete.
	// Issuing, re-issuing and revoking sign with the key unsealed by the passphrase of ctx
	// (WithPassphrase): EFORBIDDEN without it or with a wrong one.
	IssueCertificates(ctx context.Context, r IssueRequest) (*IssueResult, error)
	// FindCertificateByID returns one certificate. ENOTFOUND.
	FindCertificateByID(ctx context.Context, id int64) (*Certificate, error)
	// FindCertificateBySerial returns the certificate with a serial. ENOTFOUND.
	FindCertificateBySerial(ctx context.Context, serial string) (*Certificate, error)
	// FindCertificates returns one page of the certificates the filter selects.
	FindCertificates(ctx context.Context, f CertificateFilter) ([]*Certificate, error)
	// CountCertificates returns how many certificates the filter selects.
	CountCertificates(ctx context.Context, f CertificateFilter) (int, error)
	// RevokeCertificate revokes an issued certificate. EINVALID without a reason or when it is
	// not in force; ECONFLICT for a stale version.
	RevokeCertificate(ctx context.Context, id int64, version int, on vn.Date, reason string) (*Certificate, error)
	// ReissueCertificate issues a new certificate (new serial and register number) replacing one
	// in force or revoked, which becomes "đã cấp lại". EINVALID without a reason, or when the
	// certificate was already replaced (re-issue its successor instead); ECONFLICT for a stale version.
	ReissueCertificate(ctx context.Context, id int64, version int, on vn.Date, reason string) (*Certificate, error)
	// SetReceivedOn records the day the trainee received the certificate. ECONFLICT for a stale version.
	SetReceivedOn(ctx context.Context, id int64, version int, on vn.Date) (*Certificate, error)
	// Verify checks a QR text or a bare serial against the register and the centre's key.
	Verify(ctx context.Context, textOrSerial string) (*Verification, error)
	// PublicKey returns the public half of the centre's signing key in use, nil before the
	// signing passphrase is first set (see KeyService).
	PublicKey(ctx context.Context) (ed25519.PublicKey, error)
	// CertificateSettings returns the numbering and printing settings; SaveCertificateSettings
	// validates and stores them. EINVALID.
	CertificateSettings(ctx context.Context) (CertificateSettings, error)
	SaveCertificateSettings(ctx context.Context, s CertificateSettings) error
}
