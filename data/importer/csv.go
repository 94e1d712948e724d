package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"khuyencong/data"
)

// decodeText returns b as UTF-8 NFC text. A byte-order mark says UTF-8 or UTF-16 (Excel's
// "Unicode text" is UTF-16, little end first, with one); without one, text that is valid UTF-8
// is UTF-8, and anything else is Windows-1258, what Excel on a Vietnamese Windows writes for
// "CSV". Windows-1258 spells tone marks as combining characters, so the result is composed (NFC).
func decodeText(b []byte) (string, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		enc = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		enc = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	case utf8.Valid(b):
	default:
		enc = charmap.Windows1258
	}
	if enc != nil {
		var err error
		if b, _, err = transform.Bytes(enc.NewDecoder(), b); err != nil {
			return "", err
		}
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", errors.New("tệp có ký tự không phải chữ (tệp nhị phân).")
	}
	return norm.NFC.String(string(b)), nil
}

// separators are the characters a CSV file may separate its cells with: Excel's "Unicode
// text" uses tabs, its CSV a comma, or a semicolon where the comma is the decimal mark.
var separators = []rune{'\t', ';', ','}

// readCSV reads b as CSV or tab-separated text (see decodeText), the separator being the one of
// separators that splits the first lines into the most cells alike.
func readCSV(b []byte) ([][]string, error) {
	text, err := decodeText(b)
	if err != nil {
		return nil, err
	}
	var best [][]string
	bestScore := -1
	for _, sep := range separators {
		rows, err := parseCSV(text, sep)
		if err != nil {
			continue
		}
		if s := separatorScore(rows); s > bestScore {
			best, bestScore = rows, s
		}
	}
	if best == nil {
		return nil, data.Errorf(data.EINVALID, "không tách được các cột (dấu ngoặc kép không đóng?).")
	}
	return best, nil
}

// parseCSV splits text into rows at sep, quotes as Excel writes them. A blank line is a blank
// row, as Excel shows it, so that row i is the sheet's line i+1.
func parseCSV(text string, sep rune) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	var rows [][]string
	end := 0 // the line the previous record ended on
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		} else if err != nil {
			return nil, err
		}
		start, _ := r.FieldPos(0)
		for ; end < start-1; end++ {
			rows = append(rows, nil)
		}
		last, _ := r.FieldPos(len(rec) - 1)
		end = last + strings.Count(rec[len(rec)-1], "\n")
		rows = append(rows, rec)
	}
}

// scoreLines is how many lines separatorScore looks at.
const scoreLines = 50

// separatorScore says how well a split fits a table: the cells of the first lines that are
// split into more than one, the lines of the most common width counting most.
func separatorScore(rows [][]string) int {
	widths := map[int]int{}
	for i, r := range rows {
		if i == scoreLines {
			break
		}
		if len(r) > 1 {
			widths[len(r)]++
		}
	}
	best := 0
	for w, n := range widths {
		best = max(best, w*n)
	}
	return best
}
