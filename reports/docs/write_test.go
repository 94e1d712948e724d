package docs_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"khuyencong/reports/docs"
)

// TestWriteFile checks that a failed write leaves neither a partial file nor a temporary
// one, and keeps the file it would have replaced.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ds.pdf")
	fail := errors.New("hết giấy")
	half := func(w io.Writer) error {
		io.WriteString(w, "%PDF-1.3 nửa chừng")
		return fail
	}
	if err := docs.WriteFile(path, half); !errors.Is(err, fail) {
		t.Fatalf("err=%v, want the writer's", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a failed write left %v", entries)
	}
	if err := os.WriteFile(path, []byte("bản cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := docs.WriteFile(path, half); !errors.Is(err, fail) {
		t.Fatalf("err=%v, want the writer's", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "bản cũ" {
		t.Errorf("a failed write changed the old file to %q", b)
	}
	if err := docs.WriteFile(path, func(w io.Writer) error { _, err := io.WriteString(w, "bản mới"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "bản mới" {
		t.Errorf("file holds %q after a good write", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %d files after a good write, want 1", len(entries))
	}
}
