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
	sh, err := zr.Open(target)
	if err != nil {
		return nil
	}
	defer sh.Close()
	// The merges follow the cells: the sheet is read through a window, never held whole.
	var out []string
	buf, keep := make([]byte, 0, 2*mergeWindow), 0
	for {
		n, err := io.ReadFull(sh, buf[keep:cap(buf)])
		buf = buf[:keep+n]
		if i := bytes.Index(buf, []byte("mergeCells")); i >= 0 {
			rest, _ := io.ReadAll(sh)
			for _, m := range mergeRef.FindAllSubmatch(append(buf[max(i-16, 0):], rest...), -1) {
				out = append(out, string(m[1]))
			}
			return out
		}
		if err != nil {
			return nil
		}
		keep = copy(buf, buf[len(buf)-32:]) // a name cut at the window's edge
	}
}

// mergeWindow is how much of a sheet's XML mergedRanges holds at once.
const mergeWindow = 1 << 16

// readXML decodes the entry name of a zip archive into v.
func readXML(zr *zip.Reader, name string, v any) error {
	f, err := zr.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return xml.NewDecoder(f).Decode(v)
}
