package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"regexp"
	"strings"
)

// mergeRef matches a merged range in a worksheet's XML, with or without a namespace prefix.
var mergeRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"`)

// mergedRanges returns the merged ranges ("A1:F1") of a sheet of the workbook b. It reads the
// sheet's XML as text: excelize's GetMergeCells would first load every cell of the sheet, several
// hundred megabytes for a list of 50,000 rows. Nil when the sheet cannot be found.
func mergedRanges(b []byte, sheet string) []string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	var book struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if readXML(zr, "xl/workbook.xml", &book) != nil || readXML(zr, "xl/_rels/workbook.xml.rels", &rels) != nil {
		return nil
	}
	target := ""
	for _, s := range book.Sheets {
		if strings.EqualFold(s.Name, sheet) {
			for _, r := range rels.Rels {
				if r.ID == s.ID {
					target = r.Target
				}
			}
		}
	}
	if target == "" {
		return nil
	}
	if strings.HasPrefix(target, "/") {
		target = strings.TrimPrefix(target, "/")
	} else {
		target = path.Join("xl", target)
	}
	raw, err := readEntry(zr, target)
	if err != nil {
		return nil
	}
	// The merges follow the cells; the first of them is found from the end.
	if i := bytes.LastIndex(raw, []byte("sheetData>")); i > 0 {
		raw = raw[i:]
	}
	var out []string
	for _, m := range mergeRef.FindAllSubmatch(raw, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// readEntry returns the content of the entry name of a zip archive.
func readEntry(zr *zip.Reader, name string) ([]byte, error) {
	f, err := zr.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// readXML decodes the entry name of a zip archive into v.
func readXML(zr *zip.Reader, name string, v any) error {
	b, err := readEntry(zr, name)
	if err != nil {
		return err
	}
	return xml.Unmarshal(b, v)
}
