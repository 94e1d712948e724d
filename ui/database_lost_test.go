package ui

import (
	"io"
	"net"
	"net/url"
	"strings"
	"sync"
	"testing"

	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// cable stands between the window and the test server, as the office network does: cut, it drops
// every connection and refuses new ones; mended, it passes them again.
type cable struct {
	ln     net.Listener
	server string

	mu    sync.Mutex
	cut   bool
	conns []net.Conn
}

// newCable passes the connections to the server at address through a new cable and returns
// the address that goes through it.
func newCable(t *testing.T, address string) (*cable, string) {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &cable{ln: ln, server: u.Host}
	t.Cleanup(func() { ln.Close(); c.setCut(true) })
	go c.serve()
	u.Host = ln.Addr().String()
	return c, u.String()
}

// serve joins each connection to one of its own to the server, until the listener closes.
func (c *cable) serve() {
	for {
		in, err := c.ln.Accept()
		if err != nil {
			return
		}
		c.mu.Lock()
		out, err := net.Dial("tcp", c.server)
		if c.cut || err != nil {
			in.Close()
			if out != nil {
				out.Close()
			}
			c.mu.Unlock()
			continue
		}
		c.conns = append(c.conns, in, out)
		c.mu.Unlock()
		go func() { io.Copy(out, in); out.Close() }()
		go func() { io.Copy(in, out); in.Close() }()
	}
}

// setCut cuts the cable, closing what passes through it, or mends it.
func (c *cable) setCut(cut bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cut = cut
	if cut {
		for _, conn := range c.conns {
			conn.Close()
		}
		c.conns = nil
	}
}

// A server lost while the clerk works is said in words, what was being saved is not saved, and
// the window works again once the server answers, without being restarted.
func TestServerLostOnServer(t *testing.T) {
	cab, address := newCable(t, storetest.NewServerDB(t))
	db, err := store.Open(address)
	if err != nil {
		t.Fatal(err)
	}
	m := newTestMainOn(t, db)
	m.Show(len(m.entries) - 1)
	s := m.Current().(*settingsScreen)
	s.director.SetText("Nguyễn Văn Bình")

	cab.setCut(true)
	s.saveOrganisation()
	if got := s.message.Text; !strings.HasPrefix(got, "Mất kết nối tới máy chủ cơ sở dữ liệu") {
		t.Fatalf("saving with the server lost says %q", got)
	}
	s.load() // a read: the same sentence, over the window
	if got := overlayText(m); !strings.Contains(got, "Mất kết nối tới máy chủ cơ sở dữ liệu") {
		t.Fatalf("reading with the server lost shows:\n%s", got)
	}
	closeDialogs(m)

	cab.setCut(false)
	o, err := db.Organisation(bg)
	if err != nil {
		t.Fatalf("the server answers again, but the store does not: %v", err)
	}
	if o.DirectorName != "" {
		t.Fatalf("the save refused while the server was lost was kept: %q", o.DirectorName)
	}
	s.saveOrganisation()
	if got := s.message.Text; got != "Đã lưu." {
		t.Fatalf("saving once the server is back says %q", got)
	}
	if o, _ := db.Organisation(bg); o.DirectorName != "Nguyễn Văn Bình" {
		t.Fatalf("saved %q", o.DirectorName)
	}
}
