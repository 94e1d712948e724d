package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/store/storetest"
)

func TestClassTrainers(t *testing.T) {
	f := newCertFixture(t)
	f.m.Services.Users = f.db
	trainer := storetest.AddUser(t, f.db, "tester", "giangvien", data.RoleTrainer)
	storetest.AddUser(t, f.db, "tester", "vanthu", data.RoleClerk)
	acts := classTrainersActions(f.m, func() *data.Class { return f.c })
	if len(acts) != 1 {
		t.Fatal("the administrator should get the trainers button")
	}
	test.Tap(acts[0].(*widget.Button))
	var checks []*escCheck
	for _, o := range test.LaidOutObjects(f.m.Window.Canvas().Overlays().Top()) {
		if c, ok := o.(*escCheck); ok {
			checks = append(checks, c)
		}
	}
	if len(checks) != 1 || checks[0].Text != trainerLabel(trainer) || checks[0].Checked {
		t.Fatalf("only the enabled trainers should be offered, none ticked yet: %d", len(checks))
	}
	test.Tap(checks[0])
	tapButton(t, f.m, "Lưu (Ctrl+S)")
	got, err := f.db.ClassTrainers(context.Background(), f.c.ID)
	if err != nil || len(got) != 1 || got[0].ID != trainer.ID {
		t.Fatalf("the class's trainers are %+v (%v)", got, err)
	}

	f.m.user = &data.User{Login: "vanthu", Role: data.RoleClerk}
	if acts := classTrainersActions(f.m, func() *data.Class { return f.c }); len(acts) != 0 {
		t.Fatal("a clerk cannot list users: no trainers button")
	}
}

// TestClassPageRights: a finished class's page lets a manager issue, and tells a clerk why they
// cannot; the clerk keeps the status moves, the viewer loses them.
func TestClassPageRights(t *testing.T) {
	f := newCertFixture(t)
	for _, tc := range []struct {
		role         data.Role
		issue, moves bool
	}{{data.RoleManager, true, false}, {data.RoleClerk, false, true}, {data.RoleViewer, false, false}} {
		f.m.user = &data.User{Login: "tester", Role: tc.role}
		p := newClassPage(newClassScreen(f.m), f.c)
		if got := !p.issue.Disabled(); got != tc.issue {
			t.Errorf("%s: issue enabled=%v, want %v", tc.role, got, tc.issue)
		}
		if !tc.issue && p.issueWhy.Text != "Chỉ lãnh đạo ký cấp chứng chỉ." {
			t.Errorf("%s: the page says %q", tc.role, p.issueWhy.Text)
		}
		if len(p.header.moves.Objects) == 0 {
			t.Fatal("a finished class can still be cancelled: no move shown")
		}
		for _, o := range p.header.moves.Objects {
			if got := !o.(*widget.Button).Disabled(); got != tc.moves {
				t.Errorf("%s: move %q enabled=%v, want %v", tc.role, o.(*widget.Button).Text, got, tc.moves)
			}
		}
	}
}
