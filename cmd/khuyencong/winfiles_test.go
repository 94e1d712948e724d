package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"unicode/utf16"
)

// Windows resource types read by the Windows test.
const (
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// peResources returns the resources of the Windows exe at path, by type: each type's data, for
// every name and language.
func peResources(path string) (map[uint32][][]byte, error) {
	f, err := pe.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sec := f.Section(".rsrc")
	if sec == nil {
		return nil, fmt.Errorf("%s has no resources", path)
	}
	raw, err := sec.Data()
	if err != nil {
		return nil, err
	}
	out := map[uint32][][]byte{}
	// dir walks the directory at off; typ is the type the first level chose.
	var dir func(off uint32, level int, typ uint32) error
	dir = func(off uint32, level int, typ uint32) error {
		if int(off)+16 > len(raw) || level > 2 {
			return fmt.Errorf("bad resource directory at %#x", off)
		}
		n := uint32(binary.LittleEndian.Uint16(raw[off+12:])) + uint32(binary.LittleEndian.Uint16(raw[off+14:]))
		for i := range n {
			e := off + 16 + 8*i
			if int(e)+8 > len(raw) {
				return fmt.Errorf("bad resource entry at %#x", e)
			}
			id, to := binary.LittleEndian.Uint32(raw[e:]), binary.LittleEndian.Uint32(raw[e+4:])
			if level == 0 {
				typ = id
			}
			if to&0x80000000 != 0 {
				if err := dir(to&0x7fffffff, level+1, typ); err != nil {
					return err
				}
				continue
			}
			if int(to)+8 > len(raw) {
				return fmt.Errorf("bad resource data entry at %#x", to)
			}
			rva, size := binary.LittleEndian.Uint32(raw[to:]), binary.LittleEndian.Uint32(raw[to+4:])
			start := rva - sec.VirtualAddress
			if uint64(start)+uint64(size) > uint64(len(raw)) {
				return fmt.Errorf("resource data outside .rsrc")
			}
			out[typ] = append(out[typ], raw[start:start+size])
		}
		return nil
	}
	return out, dir(0, 0, 0)
}

// iconSizes returns the sizes (in pixels) of the icons of a group icon resource.
func iconSizes(group []byte) []int {
	if len(group) < 6 {
		return nil
	}
	var sizes []int
	n := int(binary.LittleEndian.Uint16(group[4:]))
	for i := range n {
		e := 6 + 14*i
		if e+14 > len(group) {
			break
		}
		w := int(group[e])
		if w == 0 { // 256 does not fit the byte
			w = 256
		}
		sizes = append(sizes, w)
	}
	return sizes
}

// utf16Text decodes little-endian UTF-16 (the version resource's strings) into text, binary
// fields and all: enough to look for a value in it.
func utf16Text(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// lnkHasIDList is the shell link flag of a link that has its target's ID list ([MS-SHLLINK] 2.1.1).
const lnkHasIDList = 1

// shortcutTarget reads back the program a .lnk file starts, in full Unicode: from the names of its
// target's ID list (My Computer, the drive, then a long name per folder), since its link info
// keeps the path only in the ANSI code page, where "Nguyễn" is "Nguy?n".
func shortcutTarget(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if len(b) < 0x4e || binary.LittleEndian.Uint32(b) != 0x4c {
		return "", fmt.Errorf("%s is not a shell link", path)
	}
	if flags := binary.LittleEndian.Uint32(b[0x14:]); flags&lnkHasIDList == 0 {
		return "", fmt.Errorf("%s has no ID list", path)
	}
	list := b[0x4e:]
	list = list[:min(len(list), int(binary.LittleEndian.Uint16(b[0x4c:])))]
	var parts []string
	for len(list) >= 2 {
		n := int(binary.LittleEndian.Uint16(list))
		if n == 0 {
			break
		}
		if n < 4 || n > len(list) {
			return "", fmt.Errorf("%s: bad ID list item", path)
		}
		item := list[:n]
		list = list[n:]
		switch kind := item[2] & 0x70; {
		case kind == 0x20: // a drive: "C:\"
			drive, _, _ := bytes.Cut(item[3:], []byte{0})
			parts = append(parts, strings.TrimSuffix(string(drive), `\`))
		case kind == 0x30: // a file or folder: its long name in the extension block
			name, err := longName(item)
			if err != nil {
				return "", fmt.Errorf("%s: %w", path, err)
			}
			parts = append(parts, name)
		}
	}
	return strings.Join(parts, `\`), nil
}

// longName returns the Unicode long name of a file entry of an ID list: the last two bytes of the
// item give where its extension block starts, and the name follows the block's size, version,
// signature, dates and two reserved bytes (20 bytes in, as Wine writes it and Windows' version 3).
func longName(item []byte) (string, error) {
	at := int(binary.LittleEndian.Uint16(item[len(item)-2:]))
	if at < 14 || at+20 > len(item)-2 {
		return "", fmt.Errorf("file entry without a long name")
	}
	s := item[at+20 : len(item)-2]
	end := 0
	for end+1 < len(s) && (s[end] != 0 || s[end+1] != 0) {
		end += 2
	}
	return utf16Text(s[:end]), nil
}
