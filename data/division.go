package data

import (
	"bufio"
	"context"
	"io"
	"strings"
	"unicode/utf8"

	"khuyencong/data/vn"
)

// Division is an administrative unit from an official catalogue: a ward or commune (since
// 07/2025) or a district before 07/2025.
type Division struct {
	// Code is the official code ("00004" for phường Ba Đình).
	Code string
	// Kind is "phường", "xã", "quận", "huyện" or "thị xã".
	Kind string
	// Name is the unit's name without its kind, e.g. "Ba Đình".
	Name string
}

// Label returns the kind and name, "phường Ba Đình".
func (d Division) Label() string { return d.Kind + " " + d.Name }

// Validate checks a catalogue row.
func (d Division) Validate() error {
	switch {
	case d.Code == "" || strings.Trim(d.Code, "0123456789") != "":
		return Errorf(EINVALID, "Mã đơn vị hành chính %q phải gồm chữ số.", d.Code)
	case d.Kind == "" || d.Name == "":
		return Errorf(EINVALID, "Đơn vị hành chính %s thiếu loại hoặc tên.", d.Code)
	}
	return nil
}

// ParseDivisions reads a catalogue as the reference files give it: UTF-8, tab-separated, a header
// line "code<TAB>kind<TAB>name", then one unit a line. The error names the line at fault.
func ParseDivisions(r io.Reader) ([]Division, error) {
	sc := bufio.NewScanner(r)
	var out []Division
	seen := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			if strings.TrimPrefix(text, "\ufeff") != "code\tkind\tname" {
				return nil, Errorf(EINVALID, "Dòng đầu của danh mục phải là \"code<TAB>kind<TAB>name\".")
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if !utf8.ValidString(text) {
			return nil, Errorf(EINVALID, "Dòng %d của danh mục không phải chữ UTF-8.", line)
		}
		f := strings.Split(text, "\t")
		if len(f) != 3 {
			return nil, Errorf(EINVALID, "Dòng %d của danh mục phải có 3 cột cách nhau bởi dấu tab (đang có %d).", line, len(f))
		}
		d := Division{Code: strings.TrimSpace(f[0]), Kind: vn.NFC(f[1]), Name: vn.NFC(f[2])}
		if err := d.Validate(); err != nil {
			return nil, Errorf(EINVALID, "Dòng %d của danh mục: %s", line, ErrorMessage(err))
		}
		if seen[d.Code] {
			return nil, Errorf(EINVALID, "Dòng %d của danh mục lặp lại mã %s.", line, d.Code)
		}
		seen[d.Code] = true
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		return nil, Errorf(EINVALID, "Không đọc được danh mục: %v.", err)
	}
	return out, nil
}

// DivisionService answers from the administrative catalogues the store holds.
type DivisionService interface {
	// Wards returns the wards and communes in code order.
	Wards(ctx context.Context) ([]Division, error)
	// Districts returns the districts before 07/2025 in code order.
	Districts(ctx context.Context) ([]Division, error)
}
