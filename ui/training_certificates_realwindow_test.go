package ui

import (
	"fmt"
	"maps"
	"testing"

	"fyne.io/fyne/v2"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/ui/realwindow"
)

// The issuing dialog, the certificate's date-received form and the register's trainee form under
// a real window, typed into with xdotool (ASCII only).

// trainingCertScenes are the real-window scenes of certificates and trainees.
var trainingCertScenes = map[string]func(m *Main) (state func() string){
	// "Cấp chứng chỉ…" on a finished class, opened again once after it first closes; the signing
	// key is the scene's, so the passphrase is asked as in the office.
	"training-issue": func(m *Main) func() string {
		m.Services.Keys = m.Services.Enterprises.(*store.DB)
		p := trainingClassPage(m)
		p.issue.OnTapped()
		reopened := false
		return func() string {
			if !m.dialogOpen() && !reopened {
				reopened = true
				p.issue.OnTapped()
				return "issue: closed"
			}
			open, prompt := "closed", "closed"
			if m.dialogOpen() {
				open = "open"
			} else if m.Window.Canvas().Overlays().Top() != nil {
				prompt = "open"
			}
			return "issue: " + open + "\nprompt: " + prompt + "\nclass: " + string(p.c.Status)
		}
	},
	// The first certificate of the register with its date-received form, opened again twice as it
	// closes, then the revoking form. The signing key is the scene's.
	"training-received": func(m *Main) func() string {
		m.Services.Keys = m.Services.Enterprises.(*store.DB)
		s := trainingShow[*certificateScreen](m, "Certificates")
		row, _ := s.table.Row(0)
		s.open(row)
		p := s.detail
		p.askReceived()
		opened := 1
		return func() string {
			if !m.dialogOpen() && m.Window.Canvas().Overlays().Top() == nil && opened <= 4 {
				opened++
				switch {
				case opened <= 3:
					p.askReceived()
				case opened == 4:
					p.askRevoke()
				}
				return fmt.Sprintf("closed, received on %s", p.c.ReceivedOn)
			}
			open := "none"
			if m.dialogOpen() {
				open = fmt.Sprintf("form %d", opened)
			}
			return "dialog: " + open + "\nstatus: " + string(p.c.Status)
		}
	},
	// A new trainee on the Học viên screen.
	"training-trainee": func(m *Main) func() string {
		s := trainingShow[*traineeScreen](m, "Trainees")
		s.New()
		f := s.detail
		return func() string {
			named := map[fyne.Focusable]string{f.name: "name", f.birthDate: "birth date", f.birthPlace: "birthplace",
				f.ethnicity: "ethnicity", f.cccd: "cccd", f.phone: "phone", f.ward: "ward", f.address: "address"}
			return fmt.Sprintf("focus: %s\nopen: %v", trainingFocus(m, named), s.isOpen())
		}
	},
}

func init() { maps.Copy(realWindowScenes, trainingCertScenes) }

// trainingCertDB makes the database of the certificate scenes: the finished class of
// newCertFixture with its signer; issued says whether its certificates are issued already.
func trainingCertDB(t *testing.T, issued bool) (string, *data.Class) {
	t.Helper()
	f := newCertFixture(t)
	f.setSigner(t)
	if issued && f.issue(t, "125/QĐ-TTKC") == nil {
		t.Fatal("nothing issued")
	}
	return sceneCopy(t, f.db), f.c
}

func TestTrainingIssueRealWindow(t *testing.T) {
	path, c := trainingCertDB(t, false)
	w := realwindow.Start(t, "training-issue", realWindowTitle, sceneDBEnv+"="+path)
	// Esc closes the dialog without issuing (the scene opens it again).
	w.Expect("issue: open")
	w.Key("Escape")
	w.Expect("issue: closed")
	w.Expect("issue: open")
	// The cursor starts in the decision's number; Tab goes to its date, then the issue date
	// (today, replaced); Enter issues, after the passphrase typed in its prompt and Enter.
	w.Type("125/QD-TTKC")
	w.Key("Tab")
	w.Type("18/11/2026")
	w.Key("Tab", "ctrl+a")
	w.Type("20/11/2026")
	w.Key("Return")
	w.Expect("prompt: open")
	w.Type(data.SamplePassword)
	w.Key("Return")
	w.Expect("class: " + string(data.ClassCertified))
	eventually(t, path, func(db *store.DB) string {
		cs, err := db.FindCertificates(bg, data.CertificateFilter{ClassID: &c.ID})
		if err != nil || len(cs) != 2 {
			return fmt.Sprintf("%d certificates (%v)", len(cs), err)
		}
		if k := cs[0].Content; k.DecisionNo != "125/QD-TTKC" || k.DecisionDate.String() != "18/11/2026" || k.IssuedOn.String() != "20/11/2026" {
			return fmt.Sprintf("issued under %q of %s on %s", k.DecisionNo, k.DecisionDate, k.IssuedOn)
		}
		return ""
	})
}

func TestTrainingReceivedRealWindow(t *testing.T) {
	path, _ := trainingCertDB(t, true)
	w := realwindow.Start(t, "training-received", realWindowTitle, sceneDBEnv+"="+path)
	// The cursor starts in the date; Esc closes without saving (the scene opens it again).
	w.Expect("dialog: form 1")
	w.Key("Escape")
	w.Expect("closed, received on ")
	w.Expect("dialog: form 2")
	// A date that is none: Enter saves nothing and the form stays; corrected, Enter saves.
	w.Key("ctrl+a")
	w.Type("31/02/2026")
	w.Key("Return")
	w.Key("ctrl+a")
	w.Type("25/11/2026")
	w.Key("Return")
	w.Expect("closed, received on 25/11/2026")
	// Ctrl+S saves as Enter does.
	w.Expect("dialog: form 3")
	w.Key("ctrl+a")
	w.Type("26/11/2026")
	w.Key("ctrl+s")
	w.Expect("closed, received on 26/11/2026")
	// Revoking: the date first, Tab to the reason, Ctrl+S asks the passphrase, Enter revokes.
	w.Expect("dialog: form 4")
	w.Key("Tab")
	w.Type("Khai sai ngay sinh")
	w.Key("ctrl+s")
	w.Expect("dialog: none")
	w.Type(data.SamplePassword)
	w.Key("Return")
	w.Expect("status: " + string(data.CertRevoked))
	eventually(t, path, func(db *store.DB) string {
		cs, err := db.FindCertificates(bg, data.CertificateFilter{})
		for _, c := range cs {
			if c.Status == data.CertRevoked && c.Reason == "Khai sai ngay sinh" && c.ReceivedOn.String() == "26/11/2026" {
				return ""
			}
		}
		return fmt.Sprintf("no certificate received on 26/11/2026 and revoked for the reason typed (%v)", err)
	})
}

func TestTrainingTraineeFormRealWindow(t *testing.T) {
	_, db := newTestMain(t)
	ward := trainingWard(t, db)
	path := sceneCopy(t, db)
	w := realwindow.Start(t, "training-trainee", realWindowTitle, sceneDBEnv+"="+path)
	// A new trainee: the cursor in the name; Tab goes past the two genders to the birth date, then
	// down the form in reading order to the ward picker, which takes "bat tr" and Enter.
	w.Expect("focus: name")
	w.Type("Pham Thi Hoa")
	w.Key("Tab", "Tab", "Tab")
	w.Expect("focus: birth date")
	w.Type("15/06/1992")
	for _, next := range []string{"birthplace", "ethnicity", "cccd", "phone", "ward"} {
		w.Key("Tab")
		w.Expect("focus: " + next)
	}
	w.Type("bat tr")
	w.Key("Return", "Tab")
	w.Expect("focus: address")
	// Ctrl+S saves; Esc then closes the saved form.
	w.Key("ctrl+s")
	eventually(t, path, func(db *store.DB) string {
		ts, err := db.FindTrainees(bg, data.TraineeFilter{Search: "Pham Thi Hoa"})
		if err != nil || len(ts) != 1 || ts[0].BirthDate.String() != "15/06/1992" || ts[0].WardCode != ward {
			return fmt.Sprintf("stored %+v (%v)", ts, err)
		}
		return ""
	})
	w.Key("Escape")
	w.Expect("open: false")
}
