package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSeed_Killed kills `kc seed --demo` once it has written enterprises: no database is left,
// and the next seed makes the whole sample.
func TestSeed_Killed(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kc.db")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "KC_TEST_MAIN="+strings.Join([]string{"-db", db, "seed", "--demo"}, "\x1f"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// The seed writes its 300 enterprises first: wait for the file to hold them.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if fi, err := os.Stat(db + ".dang-tao-wal"); err == nil && fi.Size() > 1<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the seed wrote nothing in 30 s")
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if _, err := os.Stat(db); err == nil {
		t.Fatal("a killed seed left a database")
	}

	out, err := run(t, "-db", db, "seed", "--demo")
	if err != nil || !strings.Contains(out, "Đã nạp 300 doanh nghiệp và 12 lớp học, cùng 10 hội chợ") {
		t.Fatalf("seed after the kill: %q, %v", out, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("folder holds %v, want only kc.db", entries)
	}
}
