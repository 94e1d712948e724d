package main

import (
	"context"
	"path/filepath"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
)

// TestSeedDemoUsers: the sample has one user per role with the published password, and its
// trainer teaches every class of the sample, so that each role can be tried at once.
func TestSeedDemoUsers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mau.db")
	if _, err := run(t, "-db", path, "seed", "--demo"); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	bg := context.Background()
	if sample, err := db.IsSample(bg); !sample || err != nil {
		t.Fatalf("IsSample = %v, %v", sample, err)
	}
	for _, login := range []string{"quantri", "vanthu", "giangvien", "lanhdao", "chixem"} {
		if _, err := db.SignIn(bg, login, data.SamplePassword); err != nil {
			t.Fatalf("SignIn(%s): %v", login, err)
		}
	}
	classes, err := db.FindClasses(bg, data.ClassFilter{})
	if err != nil || len(classes) != 12 {
		t.Fatalf("classes: %d, %v", len(classes), err)
	}
	for _, c := range classes {
		if ts, err := db.ClassTrainers(bg, c.ID); err != nil || len(ts) != 1 || ts[0].Login != "giangvien" {
			t.Fatalf("trainers of %s: %v, %v", c.Code, ts, err)
		}
	}
}
