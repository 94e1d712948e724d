package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// TestFindEnterprises_Relevance searches the sample register of the app: of the matches of
// "dong anh", those in which the two words stand together in one field (Xã Đông Anh above
// all) come first, whichever plan finds the page, on every page exactly once.
func TestFindEnterprises_Relevance(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := demo.Load(ctx, struct{ data.EnterpriseService }{db}, db, 300, 1); err != nil { // the app's sample register
		t.Fatal(err)
	}
	labels := map[string]string{}
	for _, list := range []func(context.Context) ([]data.Division, error){db.Wards, db.Districts} {
		divisions, err := list(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range divisions {
			labels[d.Code] = d.Label()
		}
	}
	together := func(e *data.Enterprise) bool { // "dong" then a word starting with "anh" in one field
		for _, field := range []string{e.Name, e.Representative.Full(), labels[e.WardCode], labels[e.DistrictCode], e.Trade, e.CraftVillage, e.Address} {
			words := strings.Fields(vn.Fold(field))
			for i := 1; i < len(words); i++ {
				if words[i-1] == "dong" && strings.HasPrefix(words[i], "anh") {
					return true
				}
			}
		}
		return false
	}
	byName := MustFindAll(t, db, data.EnterpriseFilter{Search: "dong anh", Sort: data.SortByName})
	first := Filter(byName, together) // in the sample: one in Xã Đông Anh, one in the former Huyện Đông Anh
	want := slices.Concat(first, Filter(byName, func(e *data.Enterprise) bool { return !together(e) }))
	if !slices.ContainsFunc(first, func(e *data.Enterprise) bool { return vn.Fold(labels[e.WardCode]) == "xa dong anh" }) {
		t.Fatalf("none of %q is in Xã Đông Anh", Names(first))
	}
	if slices.Equal(Names(want), Names(byName)) { // so an explicit sort wins over the ranking
		t.Fatalf("sorted by name, the matches %q are in relevance order; the test shows nothing", Names(byName))
	}
	// the sorted plan, the walked one, and on the server a walk too short for most pages, which
	// gives up for the sorted plan
	for _, walk := range []struct{ min, rows int }{{1 << 30, 0}, {0, 1 << 30}, {0, 40}} {
		store.SetWalk(t, walk.min, walk.rows)
		got := MustFindAll(t, db, data.EnterpriseFilter{Search: "dong anh", Limit: 100})
		if !slices.Equal(Names(got), Names(want)) {
			t.Fatalf("walk %v: found %q, want %q", walk, Names(got), Names(want))
		}
		for _, limit := range []int{1, 2, 3, 50} {
			var paged []*data.Enterprise
			for offset := 0; offset <= len(want); offset += limit {
				page := MustFindAll(t, db, data.EnterpriseFilter{Search: "Đông Anh", Sort: data.SortByRelevance, Offset: offset, Limit: limit})
				paged = append(paged, page...)
			}
			if !slices.Equal(Names(paged), Names(want)) {
				t.Fatalf("walk %v: pages of %d hold %q, want %q", walk, limit, Names(paged), Names(want))
			}
		}
		desc := MustFindAll(t, db, data.EnterpriseFilter{Search: "dong anh", Desc: true, Limit: 100})
		if n := len(first); !slices.Equal(Names(desc[:n]), Names(Reversed(first))) {
			t.Fatalf("walk %v: descending %q, want %q first", walk, Names(desc), Names(Reversed(first)))
		}
	}
}

// MustFindAll returns what FindEnterprises gives for f.
func MustFindAll(tb testing.TB, db *store.DB, f data.EnterpriseFilter) []*data.Enterprise {
	tb.Helper()
	es, err := db.FindEnterprises(ctx, f)
	if err != nil {
		tb.Fatalf("FindEnterprises(%+v): %v", f, err)
	}
	return es
}

// Filter returns the enterprises of es that keep selects, in order.
func Filter(es []*data.Enterprise, keep func(*data.Enterprise) bool) []*data.Enterprise {
	var out []*data.Enterprise
	for _, e := range es {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

// Reversed returns es in the opposite order.
func Reversed(es []*data.Enterprise) []*data.Enterprise {
	out := slices.Clone(es)
	slices.Reverse(out)
	return out
}

// TestMigrationSearchRank runs migration 0005 again over enterprises the store wrote: the words
// it computes from the stored columns must be those the store wrote, or the search would find
// other rows than the index counts. The migration is the file's (a server database is made with
// the words already written), so the test is on a file.
func TestMigrationSearchRank(t *testing.T) {
	db := MustOpenDBAt(t, filepath.Join(t.TempDir(), "khuyencong.db"))
	e := NewEnterprise("Cơ sở Mộc dân dụng Đông Anh")
	e.DistrictCode, e.CraftVillage, e.Representative.Middle = "017", "Làng mộc Chàng Sơn", "Thị Ánh"
	MustCreateEnterprise(t, db, e)
	MustCreateEnterprise(t, db, &data.Enterprise{Kind: data.KindHousehold, Name: "Hộ Đặng"})
	stored := func() (words []string) {
		rows, err := db.SQL().Query(`SELECT words FROM enterprises ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var w string
			if err := rows.Scan(&w); err != nil {
				t.Fatal(err)
			}
			words = append(words, w)
		}
		return words
	}
	before := stored()
	migration, err := os.ReadFile("migration/sqlite/0005_search_rank.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().Exec(string(migration)); err != nil {
		t.Fatal(err)
	}
	if after := stored(); !slices.Equal(after, before) || !strings.Contains(before[0], " ; nguyen thi anh an ;") {
		t.Fatalf("migration wrote %q, the store %q", after, before)
	}
}

// TestFindEnterprises_RelevanceOneField: words standing together across the end of one field
// and the start of the next, or apart within one field, do not rank first.
func TestFindEnterprises_RelevanceOneField(t *testing.T) {
	db := MustOpenDB(t)
	for _, e := range []*data.Enterprise{
		{Kind: data.KindEstablish, Name: "Cơ sở Ba", Trade: "Đúc đồng", CraftVillage: "Anh Dũng"},
		{Kind: data.KindEstablish, Name: "Cơ sở Đồng Xuân Anh"},
		{Kind: data.KindEstablish, Name: "Cơ sở Mộc Đông Anh"},
	} {
		MustCreateEnterprise(t, db, e)
	}
	want := []string{"Cơ sở Mộc Đông Anh", "Cơ sở Ba", "Cơ sở Đồng Xuân Anh"}
	if got := MustFind(t, db, data.EnterpriseFilter{Search: "đồng anh"}); !slices.Equal(got, want) {
		t.Fatalf("found %q, want %q", got, want)
	}
	if got := MustFind(t, db, data.EnterpriseFilter{Search: "đồng anh", Sort: data.SortByName}); !slices.Equal(got, slices.Concat(want[1:], want[:1])) {
		t.Fatalf("sorted by name, found %q", got)
	}
}
