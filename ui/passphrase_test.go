package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/ui/widgets"
)

// promptEntry returns the field of the passphrase prompt on top, failing when none is shown.
func promptEntry(t *testing.T, m *Main) *widgets.Entry {
	t.Helper()
	if top := m.Window.Canvas().Overlays().Top(); top != nil {
		for _, o := range test.LaidOutObjects(top) {
			if e, ok := o.(*widgets.Entry); ok && e.Password {
				return e
			}
		}
	}
	t.Fatalf("no passphrase prompt shown:\n%s", overlayText(m))
	return nil
}

func TestPassphrasePrompt(t *testing.T) {
	sealed := func() *fakeKeys { return &fakeKeys{passphrase: "bi-mat-ky-123"} }
	t.Run("EnterSigns", func(t *testing.T) {
		m := newPeopleMain(t, newFakeUsers(sampleManager), sealed(), sampleManager.Login)
		var got []string
		m.askPassphrase("Thu hồi chứng chỉ", func(p string) { got = append(got, p) })
		e := promptEntry(t, m)
		if m.Window.Canvas().Focused() != e {
			t.Fatal("the cursor should be in the passphrase")
		}
		if !strings.Contains(overlayText(m), "Nhập mật khẩu ký của trung tâm.") {
			t.Fatalf("the prompt should say what it asks:\n%s", overlayText(m))
		}
		test.Type(e, "bi-mat-ky-123")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		if len(got) != 1 || got[0] != "bi-mat-ky-123" {
			t.Fatalf("Enter should sign with the passphrase typed: %q", got)
		}
		if m.Window.Canvas().Overlays().Top() != nil {
			t.Fatal("the prompt should close")
		}
	})
	t.Run("EscCancels", func(t *testing.T) {
		m := newPeopleMain(t, newFakeUsers(sampleManager), sealed(), sampleManager.Login)
		called := false
		m.askPassphrase("Ký", func(string) { called = true })
		e := promptEntry(t, m)
		test.Type(e, "bi-mat")
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if called || m.Window.Canvas().Overlays().Top() != nil {
			t.Fatalf("Esc should close the prompt without signing (signed %v)", called)
		}
	})
	for name, keys := range map[string]*fakeKeys{"NoKey": {}, "ClearKeyOfAnEarlierVersion": {unsealed: true}} {
		t.Run(name, func(t *testing.T) {
			m := newPeopleMain(t, newFakeUsers(sampleManager), keys, sampleManager.Login)
			called := false
			m.askPassphrase("Ký", func(string) { called = true })
			if called || !strings.Contains(overlayText(m), "Cài đặt → Chứng chỉ") {
				t.Fatalf("without a sealed key, say where to set the passphrase (signed %v):\n%s", called, overlayText(m))
			}
		})
	}
}

// passCerts records the signing passphrase the window's certificate writes carry.
type passCerts struct {
	data.CertificateService
	got []string
}

func (c *passCerts) RevokeCertificate(ctx context.Context, id int64, version int, on vn.Date, reason string) (*data.Certificate, error) {
	c.got = append(c.got, "revoke "+data.PassphraseFromContext(ctx)+" "+data.UserFromContext(ctx))
	return c.CertificateService.RevokeCertificate(ctx, id, version, on, reason)
}

func (c *passCerts) IssueCertificates(ctx context.Context, r data.IssueRequest) (*data.IssueResult, error) {
	c.got = append(c.got, "issue "+data.PassphraseFromContext(ctx)+" "+data.UserFromContext(ctx))
	return c.CertificateService.IssueCertificates(ctx, r)
}

// TestRevokeAsksPassphrase: the panel's Thu hồi asks the reason, then the passphrase, and the
// store's call carries both the passphrase and the user.
func TestRevokeAsksPassphrase(t *testing.T) {
	f := newCertFixture(t)
	f.setSigner(t)
	certs := &passCerts{CertificateService: f.db}
	f.m.Services.Certificates = certs
	if res := f.issue(t, "125/QĐ-TTKC"); res == nil || len(res.Issued) == 0 {
		t.Fatal("nothing issued")
	}
	if got, want := certs.got[0], "issue "+data.SamplePassword+" tester"; got != want {
		t.Fatalf("issuing carried %q, want %q", got, want)
	}
	p := newCertificatePanel(f.m, nil, nil)
	p.show(f.certOf(t, "Trần Văn An"))
	test.Tap(p.revokeB)
	for _, o := range test.LaidOutObjects(f.m.Window.Canvas().Overlays().Top()) {
		if e, ok := o.(*widgets.Entry); ok && e.MultiLine {
			test.Type(e, "Khai sai ngày sinh")
		}
	}
	tapButton(t, f.m, "Thu hồi")
	e := promptEntry(t, f.m)
	test.Type(e, data.SamplePassword)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got, want := certs.got[len(certs.got)-1], "revoke "+data.SamplePassword+" tester"; got != want {
		t.Fatalf("revoking carried %q, want %q", got, want)
	}
	if p.c.Status != data.CertRevoked {
		t.Fatalf("status %s after revoking", p.c.Status)
	}
}
