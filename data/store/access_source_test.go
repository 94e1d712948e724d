package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// systemWrites are the functions that may begin a write transaction without a right: the program's
// own writes when a database opens, those made before anyone is signed in (each refuses once the
// database has users, or records a sign-in), and the copy into a new, empty database, which has
// nobody to sign in yet (kc db copy signs its administrator in to the source). Every other write
// goes through db.write.
var systemWrites = []string{
	"applyMigration", "loadCatalogue", "NoteProgramVersion", "reindexIfStale", // at open
	"CreateFirstAdmin", "CreateSampleUsers", "recordSignIn", // before sign-in
	"Copy",  // into an empty database
	"write", // the one that checks the right
}

// TestWritesStateTheirRight reads the store's source: a write transaction begun with
// begin(ctx, true) outside systemWrites would skip the acting user's check.
func TestWritesStateTheirRight(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if ok && sel.Sel.Name == "begin" && len(call.Args) == 2 {
					if arg, ok := call.Args[1].(*ast.Ident); (!ok || arg.Name != "false") && !slices.Contains(systemWrites, fn.Name.Name) {
						t.Errorf("%s: %s begins a write without a right; use db.write(ctx, data.RightX)", fset.Position(call.Pos()), fn.Name.Name)
					}
				}
				return true
			})
		}
	}
}
