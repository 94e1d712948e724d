package ui

import (
	"context"
	"encoding/base64"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestProposedName(t *testing.T) {
	m, db := newTestMain(t)
	db.Now = func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.Local) }
	for name, want := range map[string]string{
		"danh-sach-hoc-vien-LH-2026-006.pdf": "danh-sach-hoc-vien-LH-2026-006.pdf",
		"doanh-nghiep.xlsx":                  "doanh-nghiep-2026-11-30.xlsx", // nothing says which day
		"Đợt 2: Gốm sứ/Bát Tràng.pdf":        "Dot-2-Gom-su-Bat-Trang.pdf",
		"chứng chỉ.pdf":                      "chung-chi-2026-11-30.pdf",
		".pdf":                               "2026-11-30.pdf",
	} {
		if got := m.proposedName(name); got != want {
			t.Errorf("proposedName(%q)=%q, want %q", name, got, want)
		}
	}
}

// TestSaveDocument saves through the dialog as a clerk would: it opens in the Documents folder with
// the proposed name, writes the file, remembers the folder, and offers to open the file or its
// folder.
func TestSaveDocument(t *testing.T) {
	m, db := newTestMain(t)
	db.Now = func() time.Time { return time.Date(2026, 11, 30, 9, 0, 0, 0, time.Local) }
	home := t.TempDir()
	t.Setenv("HOME", home)
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	var opened []string
	m.openURL = func(u *url.URL) error { opened = append(opened, u.Path); return nil }

	m.saveDocument("doanh-nghiep.xlsx", ".xlsx", func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, "bảng tính")
		return err
	})
	var name *widget.Entry
	for _, o := range test.LaidOutObjects(m.Window.Canvas().Overlays().Top()) {
		if e, ok := o.(*widget.Entry); ok && e.Text != "" {
			name = e
		}
	}
	if name == nil || name.Text != "doanh-nghiep-2026-11-30.xlsx" {
		t.Fatalf("the save dialog proposes %v, want doanh-nghiep-2026-11-30.xlsx", name)
	}
	tapButton(t, m, "Lưu")
	path := filepath.Join(docs, "doanh-nghiep-2026-11-30.xlsx")
	waitFor(t, func() bool { return strings.Contains(overlayText(m), "[Mở thư mục]") })
	if b, err := os.ReadFile(path); err != nil || string(b) != "bảng tính" {
		t.Fatalf("saved %q, %v; want the document in Documents", b, err)
	}
	if got := m.App.Preferences().String(PrefDocumentsDir); got != docs {
		t.Fatalf("remembered folder %q, want %q", got, docs)
	}
	if text := overlayText(m); !strings.Contains(text, path) || !strings.Contains(text, "[Mở]") {
		t.Fatalf("after saving the window says:\n%s", text)
	}
	tapButton(t, m, "Mở")
	m.showSaved(path)
	tapButton(t, m, "Mở thư mục")
	if want := []string{path, docs}; strings.Join(opened, "|") != strings.Join(want, "|") {
		t.Fatalf("opened %v, want %v", opened, want)
	}

	other := t.TempDir() // the next save starts where the last one went
	m.App.Preferences().SetString(PrefDocumentsDir, other)
	if dir := m.documentsDir(); dir == nil || dir.Path() != other {
		t.Fatalf("the save dialog opens in %v, want %s", dir, other)
	}
}

// TestAboutSettings shows the versions, where the data is and the certificates' public key.
func TestAboutSettings(t *testing.T) {
	m, db := newTestMain(t)
	m.Services.Version = "0.1.0"
	m.Services.SchemaVersion = db.SchemaVersion
	m.Show(len(m.entries) - 1)
	var text string
	for _, o := range test.LaidOutObjects(newAboutCard(m)) {
		if l, ok := o.(*widget.Label); ok {
			text += l.Text + "\n"
		}
	}
	schema, err := db.SchemaVersion(bg)
	if err != nil {
		t.Fatal(err)
	}
	key, err := db.PublicKey(bg)
	if err != nil {
		t.Fatal(err)
	}
	text = "\n" + text
	for _, want := range []string{"0.1.0", strconv.Itoa(schema), db.Path(), m.Services.AutoBackupDir, base64.StdEncoding.EncodeToString(key)} {
		want = "\n" + want + "\n" // a value of its own
		if !strings.Contains(text, want) {
			t.Errorf("Giới thiệu lacks %q:\n%s", want, text)
		}
	}
}
