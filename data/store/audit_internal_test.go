package store

import (
	"fmt"
	"testing"

	"khuyencong/data"
)

// TestChainHash pins the encoding of an entry's link, which a database of this version keeps:
// a change of it would break the chain of every database. The value was computed apart from Go
// (Python hashlib over the documented encoding).
func TestChainHash(t *testing.T) {
	got := chainHash("", 1, "2026-11-28T08:30:00Z", "thu.nguyen", "create", "enterprise", 7, "Công ty Gốm", `[{"f":"name","a":"Công ty Gốm"}]`)
	if want := "06ece596a6e5b9fd123dba3a13734a69efedf4615284568a8433f0d17ddd8d79"; got != want {
		t.Fatalf("chainHash=%s, want %s", got, want)
	}
	// Moving a character from one field to the next gives another hash.
	if chainHash("", 1, "a", "bc", "", "", 0, "", "") == chainHash("", 1, "ab", "c", "", "", 0, "", "") {
		t.Fatal("fields run together")
	}
}

// TestChanges_RoundTrip: what encodeChanges stores, decodeChanges reads back, an empty value
// told apart from an absent one.
func TestChanges_RoundTrip(t *testing.T) {
	in := []data.FieldChange{
		{Field: "name", Before: "A", After: "B", HadBefore: true, HasAfter: true},
		{Field: "phone", Before: "", After: "0912", HadBefore: true, HasAfter: true},
		{Field: "notes", After: "mới", HasAfter: true},
		{Field: "email", Before: "x@y.vn", HadBefore: true},
	}
	s, err := encodeChanges(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeChanges(s)
	if err != nil || fmt.Sprint(out) != fmt.Sprint(in) {
		t.Fatalf("decodeChanges(%s)=%v, %v; want %v", s, out, err, in)
	}
	if s, _ := encodeChanges(nil); s != "" {
		t.Fatalf("no changes stored as %q", s)
	}
}

// TestSkipped: bookkeeping columns and secrets stay out of the history; a person's fields do not.
func TestSkipped(t *testing.T) {
	for col, want := range map[string]bool{
		"id": true, "version": true, "updated_at": true, "created_at": true, "words": true, "name_key": true,
		"password_hash": true, "sealed_private": true, "salt": true, "content": true, "signature": true,
		"name": false, "tax_code": false, "status": false, "locked_until": false, "workers": false,
	} {
		if got := skipped(col); got != want {
			t.Errorf("skipped(%s)=%v, want %v", col, got, want)
		}
	}
}
