package store

import "testing"

// TestRebindNumbered: ? and ?N become $N as SQLite numbers them; quoted text, quoted names and
// comments keep their question marks.
func TestRebindNumbered(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT 1`:                                 `SELECT 1`,
		`a = ? AND b = ?`:                          `a = $1 AND b = $2`,
		`?1 <= ?2 AND x = ?1`:                      `$1 <= $2 AND x = $1`,
		`x = ?2 AND y = ?`:                         `x = $2 AND y = $3`,
		`note = '?' AND n = ?`:                     `note = '?' AND n = $1`,
		`"we?rd" = ? -- why?` + "\n" + `AND b = ?`: `"we?rd" = $1 -- why?` + "\n" + `AND b = $2`,
		`s = 'it''s ?' AND t = ?`:                  `s = 'it''s ?' AND t = $1`,
		`unterminated '?`:                          `unterminated '?`,
	} {
		if got := rebindNumbered(in); got != want {
			t.Errorf("rebindNumbered(%q)=%q, want %q", in, got, want)
		}
	}
}
