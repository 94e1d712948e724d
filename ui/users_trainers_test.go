package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/sqlite/sqlitetest"
)

func TestClassTrainers(t *testing.T) {
	f := newCertFixture(t)
	f.m.Services.Users = f.db
	trainer := sqlitetest.AddUser(t, f.db, "tester", "giangvien", data.RoleTrainer)
	sqlitetest.AddUser(t, f.db, "tester", "vanthu", data.RoleClerk)
	acts := classTrainersActions(f.m, func() *data.Class { return f.c })
	if len(acts) != 1 {
		t.Fatal("the administrator should get the trainers button")
	}
	test.Tap(acts[0].(*widget.Button))
	var group *widget.CheckGroup
	for _, o := range test.LaidOutObjects(f.m.Window.Canvas().Overlays().Top()) {
		if g, ok := o.(*widget.CheckGroup); ok {
			group = g
		}
	}
	if group == nil || len(group.Options) != 1 || group.Options[0] != trainerLabel(trainer) {
		t.Fatalf("only the enabled trainers should be offered: %+v", group)
	}
	group.SetSelected([]string{trainerLabel(trainer)})
	tapButton(t, f.m, "Lưu")
	got, err := f.db.ClassTrainers(context.Background(), f.c.ID)
	if err != nil || len(got) != 1 || got[0].ID != trainer.ID {
		t.Fatalf("the class's trainers are %+v (%v)", got, err)
	}

	f.m.user = &data.User{Login: "vanthu", Role: data.RoleClerk}
	if acts := classTrainersActions(f.m, func() *data.Class { return f.c }); len(acts) != 0 {
		t.Fatal("a clerk cannot list users: no trainers button")
	}
}
