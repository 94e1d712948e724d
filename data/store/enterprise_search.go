package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"modernc.org/sqlite"

	"khuyencong/data"
	"khuyencong/data/vn"
)

// The search of enterprises: the words the index holds, the queries it answers, and the plans
// that find a page of matches in name or relevance order.

// rankPhrase returns what a field's words hold when the filter's search words stand in it
// together and in the order typed (the last one perhaps unfinished), when the filter's order
// is by relevance; otherwise "". A search of one word has nothing to rank.
func rankPhrase(f data.EnterpriseFilter) string {
	words := searchWords(f.Search)
	if len(words) < 2 || (f.Sort != "" && f.Sort != data.SortByRelevance) {
		return ""
	}
	return " " + strings.Join(words, " ")
}

// walkSearch tries to find the page of a broad search by walking the sort order's index (see
// shouldWalk). It returns the page when a walk found it whole; otherwise nil, and whether the
// page is to be found by SQLite's walk of the matches in order (a search without rank) rather
// than by looking up every match and sorting them.
func walkSearch(ctx context.Context, tx *tx, f data.EnterpriseFilter, phrase, order string) ([]*data.Enterprise, bool, error) {
	m := searchQuery(f)
	if len(m.words) == 0 {
		return nil, false, nil
	}
	reach, err := shouldWalk(ctx, tx, m, f)
	if err != nil || reach == 0 {
		return nil, false, err
	}
	if phrase == "" && tx.d.walkCounted() {
		return nil, true, nil // the count made sure the walk fills the page
	}
	var page []*data.Enterprise
	err = tx.d.planWalk(ctx, tx.Tx, func() (err error) {
		page, err = walkPage(ctx, tx, f, phrase, order, reach)
		return err
	})
	if err != nil || len(page) < f.Limit {
		return nil, false, err
	}
	return page, false, nil
}

// walkPage looks for the page of a search among the first reach rows in the order (order): the
// first reach matches when the backend counts them (see walkCounted), otherwise the first reach
// enterprises, matching or not, which bounds what the walk reads without a count. Only those
// holding the phrase are kept when it is not "" (see rankPhrase). A full page is the page; a
// shorter one means the matches (or those holding the phrase) are rare within the walk's reach,
// or the page lies past it, and the caller then sorts the whole set of matches instead. The rank
// is no index's order, so a walk can serve only the pages within the matches that hold the phrase.
func walkPage(ctx context.Context, tx *tx, f data.EnterpriseFilter, phrase, order string, reach int) ([]*data.Enterprise, error) {
	match, matchArgs := enterpriseWhere(tx.d, f, true, true)
	inner, outer := "", match // the server: reach bounds the rows read
	var innerArgs, outerArgs []any = nil, matchArgs
	if tx.d.walkCounted() {
		inner, outer, innerArgs, outerArgs = match, ` WHERE 1 = 1`, matchArgs, nil
	}
	if phrase != "" {
		outer, outerArgs = outer+` AND `+tx.d.position(`e.words`, `?`)+` > 0`, append(outerArgs, phrase)
	}
	query, args := paged(`SELECT `+enterpriseColumns+` FROM (SELECT * FROM enterprises e`+inner+order+` LIMIT ?) e`+outer+order,
		slices.Concat(innerArgs, []any{reach}, outerArgs), f.Offset, f.Limit)
	return queryRows(ctx, tx, scanEnterprise, query, args...)
}

// walkMin is the number of matches above which a search on the file may walk the sort index
// instead of fetching and sorting every match (see shouldWalk). Tests lower it, so that on the
// server too a walk is tried whatever the planner expects.
var walkMin = 2000

// walkMax bounds the rows a walk is expected to read before its page is full.
const walkMax = 20000

// walkRows is the number of enterprises in the sort order a walk on the server reads at most
// before it gives up and the page is found from the whole set of matches (see walkCounted), as
// many as the file's walk reads at least: enough for a phrase in one enterprise in a hundred
// ("dong anh", "bat trang"). At 1-4 µs a row, a walk that fails (a phrase rare among many
// matches: "van nguyen") adds 5-20 ms to the sorted set's. Tests change it; 0 turns it off.
var walkRows = walkMax / 4

// shouldWalk says whether the page of a search is better found by walking the sort order's index
// and testing each row's words, than by fetching every match and sorting them: so it is for a
// broad search ("nguyen" matches tens of thousands) whose page lies near the start, where the
// walk reads a few hundred rows while the backend would otherwise build a set of every match.
// It returns 0 for no walk, otherwise how far a walk may reach (see walkPage). On the file, where
// the index counts matches fast: how many matches a walk may read, as many as cost about what
// the set does (n matches looked up, against total/n rows read per match walked), or walkMax/4
// rows, whichever is more, and at least the page's end. On the server, whose count of a broad
// search costs as much as the page itself, it walks walkRows rows at most, without a count, when
// its planner expects two pages of matches or more (its estimate of a rare word's, "zzz", is
// below, and of a broad search's above).
func shouldWalk(ctx context.Context, tx *tx, m searchMatch, f data.EnterpriseFilter) (int, error) {
	end := max(f.Offset, 0) + f.Limit
	if f.Limit <= 0 || !tx.d.walkCounted() && end > walkRows {
		return 0, nil // no page, or one beyond what the server's walk reaches: no estimate to ask
	}
	q, args := tx.d.search("enterprise_search", m)
	n, err := tx.d.reckon(ctx, tx.Tx, q, args)
	if err != nil {
		return 0, err
	}
	if !tx.d.walkCounted() {
		if n <= min(2*end, walkMin) {
			return 0, nil // a narrow search's set costs less than a walk that fails
		}
		return walkRows, nil
	}
	if n <= walkMin {
		return 0, nil
	}
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(max(id), 0) FROM enterprises`).Scan(&total); err != nil {
		return 0, err
	}
	if end*total/n >= walkMax {
		return 0, nil
	}
	return max(n*max(n, walkMax/4)/total, end), nil
}

// searchQuery returns the search of the enterprises' index for the filter's search and archived
// state; it has no words when there is nothing to search for. The index holds the archived state
// in its state column, so that a search over current enterprises needs no look at the table.
func searchQuery(f data.EnterpriseFilter) searchMatch {
	m := matching(f.Search)
	if f.Archived != nil {
		m.state = searchState(*f.Archived)
	}
	return m
}

// searchState is what the state column of the search index holds.
func searchState(archived bool) string {
	if archived {
		return "archived"
	}
	return "current"
}

// countMatches returns how many rows of the search index table match m.
func countMatches(ctx context.Context, tx *tx, table string, m searchMatch) (int, error) {
	q, args := tx.d.search(table, m)
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+`) m`, args...).Scan(&n)
	return n, err
}

// ftsQuery writes m as an FTS5 query of SQLite's search index tables, in which every word, folded
// like the index and cut where the index's tokenizer cuts it (at anything not a letter or digit),
// must begin some indexed word. Only letters and digits reach the query, each word quoted, so
// whatever FTS syntax was typed (quotes, *, -, NEAR, AND, OR, parentheses) is only text.
func ftsQuery(m searchMatch) string {
	words := make([]string, len(m.words))
	for i, w := range m.words {
		words[i] = `"` + w + `"*`
	}
	q := strings.Join(words, " ")
	if m.state != "" {
		q = "text : (" + q + ") AND state : " + m.state
	}
	return q
}

// searchWords returns the words of s as the search index holds them: folded, and cut at anything
// not a letter or digit, as the index's tokenizer cuts.
func searchWords(s string) []string {
	return strings.FieldsFunc(vn.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// fieldWords returns the search words of the fields, each after a space, so that
// instr(words, ' '+w) finds a word starting with w (see shouldWalk), with " ;" after each field,
// so that instr(words, ' '+phrase) finds the phrase only within one field (see rankPhrase). The
// index's tokenizer skips the semicolons.
func fieldWords(fields ...string) string {
	var b strings.Builder
	for _, f := range fields {
		for _, w := range searchWords(f) {
			b.WriteString(" " + w)
		}
		b.WriteString(" ;")
	}
	return b.String()
}

func init() {
	// enterprise_words(field, …) is fieldWords, for migrations that rewrite enterprises.words.
	sqlite.MustRegisterDeterministicScalarFunction("enterprise_words", -1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		fields := make([]string, len(args))
		for i, a := range args {
			switch v := a.(type) {
			case string:
				fields[i] = v
			case nil:
			default:
				return nil, fmt.Errorf("enterprise_words: argument %d is %T, not text", i+1, a)
			}
		}
		return fieldWords(fields...), nil
	})
}
