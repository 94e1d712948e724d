package data

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// Bounds of counts and sums a form can hold: far above any real figure, far below an overflow.
const (
	// MaxWorkers is the most workers an enterprise may record.
	MaxWorkers = 1_000_000
	// MaxMoney is the largest sum of đồng a budget, price, fee, cap or sale may be: 10^15 đồng.
	MaxMoney = 1_000_000_000_000_000
	// MaxCount bounds the other counts: a class's hours and capacity, booths wanted, contracts.
	MaxCount = 100_000
	// MaxBoothCM bounds a booth's width and depth in centimetres (100 m).
	MaxBoothCM = 10_000
)

// textField is a text field a Validate checks: its label on the form, its value, its length
// limit in characters, and whether it may hold several lines (notes).
type textField struct {
	label, value string
	max          int
	multiline    bool
}

// checkText returns an EINVALID for the first field that is not valid UTF-8, holds a control
// character (NUL, escape…; a line break or tab only in a multi-line field) or is longer than
// its limit. Such text cannot be typed in a form and would print as garbage.
func checkText(fields ...textField) error {
	for _, f := range fields {
		if !utf8.ValidString(f.value) {
			return Errorf(EINVALID, "%s có ký tự hỏng, không đọc được. Hãy gõ lại.", f.label)
		}
		bad := strings.IndexFunc(f.value, func(r rune) bool {
			return unicode.IsControl(r) && !(f.multiline && (r == '\n' || r == '\r' || r == '\t'))
		})
		if bad >= 0 {
			r, _ := utf8.DecodeRuneInString(f.value[bad:])
			if r == '\n' || r == '\r' || r == '\t' {
				return Errorf(EINVALID, "%s phải viết trên một dòng, không xuống dòng hay tab.", f.label)
			}
			return Errorf(EINVALID, "%s có ký tự điều khiển %U không in được. Hãy xóa ký tự đó hoặc gõ lại.", f.label, r)
		}
		if n := utf8.RuneCountInString(f.value); n > f.max {
			return Errorf(EINVALID, "%s dài %d ký tự; tối đa %d ký tự.", f.label, n, f.max)
		}
	}
	return nil
}

// ValidateDate returns an EINVALID when d, the date a form labels label, is given but is not a
// calendar date from vn.MinYear to vn.MaxYear (31/02/1990, 00/00/0000), which a form never sends.
func ValidateDate(label string, d vn.Date) error {
	if !d.IsZero() && !d.Valid() {
		return Errorf(EINVALID, "%s %02d/%02d/%04d không phải ngày có thật: ngày phải có trong lịch, năm từ %d đến %d.", label, d.Day, int(d.Month), d.Year, vn.MinYear, vn.MaxYear)
	}
	return nil
}

// ValidateReason checks the reason typed for a cancellation or a withdrawal, which the form labels
// label: text a form can hold, on several lines if need be. EINVALID.
func ValidateReason(label, reason string) error {
	return checkText(textField{label, reason, MaxLongLen, true})
}

// checkMoney returns an EINVALID when a sum of đồng, named by label, is negative or above MaxMoney.
func checkMoney(label string, v int64) error {
	if v < 0 || v > MaxMoney {
		return Errorf(EINVALID, "%s phải từ 0 đến %s (đang là %s).", label, vn.FormatMoney(MaxMoney), vn.FormatMoney(v))
	}
	return nil
}

// firstError returns the first of errs that is not nil: a Validate lists its checks in the order
// a clerk reads the form.
func firstError(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
