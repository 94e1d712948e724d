package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// TestServerStoppedMidBatch stops the server (pg_ctl -m fast) while a batch of writes is in its
// transaction, and starts it again: the batch is all or nothing, the calls while it is down say
// the connection was lost, the store reconnects by itself and everything acknowledged is there.
//
// It runs in the server run (KC_TEST_BACKEND=postgres), which `make test` always makes. The file
// run has no server of its own to stop (the test server it runs beside may serve other packages'
// tests at that moment), and the file's counterpart, a program killed mid-batch, is
// TestImportKilled.
func TestServerStoppedMidBatch(t *testing.T) {
	if !storetest.OnServer() {
		t.Log("the file run: a program killed mid-batch is TestImportKilled")
		return
	}
	db := MustOpenDB(t)
	acked := 0
	for i := range 20 {
		MustCreateEnterprise(t, db, NewEnterprise(fmt.Sprintf("Công ty TNHH Trước khi dừng %d", i)))
		acked++
	}
	batch := make([]*data.Enterprise, 999)
	for i := range batch {
		batch[i] = NewEnterprise(fmt.Sprintf("Hợp tác xã Lô dở dang %d", i))
	}
	done := make(chan error, 1)
	go func() { done <- db.CreateEnterprises(ctx, batch) }()
	admin, name := serverAdmin(t, db)
	waitWriting(t, admin, name)
	admin.Close() // before the server goes
	pgCtl(t, "stop", "-m", "fast")
	restarted := false
	defer func() {
		if !restarted { // the other tests of the run need the server
			pgCtl(t, "start")
		}
	}()
	err := <-done
	if err == nil {
		t.Fatal("the batch committed before the server stopped: nothing was tested (make the batch bigger)")
	}
	assertLost(t, err)
	assertLost(t, db.CreateEnterprise(ctx, NewEnterprise("Công ty TNHH Trong lúc dừng")))

	pgCtl(t, "start")
	restarted = true
	if n, err := db.CountEnterprises(ctx, data.EnterpriseFilter{}); err != nil { // the first call after
		t.Fatalf("the store did not reconnect by itself: %v", err)
	} else if n != acked {
		t.Fatalf("%d enterprises after the restart, %d acknowledged: the cut batch left rows or a committed row was lost", n, acked)
	}
	MustCreateEnterprise(t, db, NewEnterprise("Công ty TNHH Sau khi chạy lại"))
	for _, name := range []string{"truoc khi dung", "lo do dang", "trong luc dung", "sau khi chay lai"} {
		n, err := db.CountEnterprises(ctx, data.EnterpriseFilter{Search: name})
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string]int{"truoc khi dung": 20, "sau khi chay lai": 1}[name]; n != want {
			t.Errorf("%d enterprises match %q, want %d", n, name, want)
		}
	}
}

// TestIssueConnectionCut cuts the connection of a program issuing a class's certificates, at
// several moments of the issue: each class ends either wholly issued (every eligible trainee has a
// certificate, the class is "đã cấp chứng chỉ") or not at all, and the register has no gap.
// On the server the administrator ends the backend (pg_terminate_backend); a file has no
// connection to cut, and its nearest is the same call abandoned midway (its context cancelled),
// which this test does instead, so that both runs prove the issue is one transaction.
func TestIssueConnectionCut(t *testing.T) {
	db := MustOpenDB(t)
	MustSetSigner(t, db, signer)
	MustSealKey(t, db)
	const size = 100
	ids := manyTrainees(t, db, size*8)
	class := func(i int) *data.Class {
		c := NewClass(fmt.Sprintf("LH-2026-%03d", i+1))
		c.Capacity = size
		return finishedClassOf(t, db, MustCreateClass(t, db, c), ids[i*size:(i+1)*size])
	}
	issued := len(mustIssue(t, db, class(0).ID).Issued) // the first issue warms the caches
	c := class(1)
	start := time.Now() // a whole issue, uncut, tells how long the others take
	issued += len(mustIssue(t, db, c.ID).Issued)
	whole := time.Since(start)

	var admin *sql.DB
	var name string
	if db.IsServer() {
		admin, name = serverAdmin(t, db)
	}
	cut := 0
	for i, share := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
		c := class(i + 2)
		callCtx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() {
			_, err := db.IssueCertificates(callCtx, request(c.ID))
			done <- err
		}()
		if db.IsServer() {
			waitWriting(t, admin, name)
		}
		time.Sleep(time.Duration(share * float64(whole)))
		if db.IsServer() {
			terminateBackends(t, admin, name)
		} else {
			cancel()
		}
		err := <-done
		cancel()
		// The pool's idle connections were ended too: the store pings each before use and
		// replaces it, so the next call, at once, works.
		n := MustCount(t, db, fmt.Sprintf("certificates WHERE class_id = %d", c.ID))
		status := MustClass(t, db, c.ID).Status
		switch {
		case err == nil && n == size && status == data.ClassCertified:
			issued += n
		case err != nil && n == 0 && status == data.ClassFinished:
			cut++
			if db.IsServer() {
				assertLost(t, err)
			}
		default:
			t.Fatalf("cut at %.0f%% of the issue: error %v, %d of %d certificates, class %s: half-issued", share*100, err, n, size, status)
		}
	}
	if cut == 0 {
		t.Fatalf("every cut came after the commit (a whole issue takes %v): nothing was tested", whole)
	}
	t.Logf("%d of 5 issues cut midway left nothing; a whole issue of %d takes %v", cut, size, whole)
	checkRegisterGapless(t, db, issued)
	mustIssue(t, db, class(7).ID) // the store carries on after the cuts
}

// assertLost fails unless err is the clerk's message for a lost connection to the server.
func assertLost(tb testing.TB, err error) {
	tb.Helper()
	if msg := data.ErrorMessage(err); err == nil || !strings.Contains(msg, "Mất kết nối") {
		tb.Fatalf("error %v (shown as %q): want the message of a lost connection", err, msg)
	}
}

// terminateBackends ends, as the server's administrator, every connection to the database name.
func terminateBackends(tb testing.TB, admin *sql.DB, name string) {
	tb.Helper()
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, name); err != nil {
		tb.Fatal(err)
	}
}

// waitWriting returns once a write transaction holds the write lock of the database name (an
// advisory lock), so that what stops the server next stops it in the middle of that transaction.
func waitWriting(tb testing.TB, admin *sql.DB, name string) {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		var held bool
		if err := admin.QueryRow(`SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
			WHERE l.locktype = 'advisory' AND l.granted AND d.datname = $1)`, name).Scan(&held); err != nil {
			tb.Fatal(err)
		} else if held {
			return
		}
	}
	tb.Fatal("no write began in 10 s")
}

// serverAdmin connects to the test server as its administrator until the test ends (connected
// already, so that what it does lands at once), and returns the name of db's database.
func serverAdmin(tb testing.TB, db *store.DB) (*sql.DB, string) {
	tb.Helper()
	u, err := url.Parse(db.Path())
	if err != nil {
		tb.Fatal(err)
	}
	admin, err := sql.Open("pgx", os.Getenv(storetest.ServerEnv))
	if err == nil {
		tb.Cleanup(func() { admin.Close() })
		err = admin.Ping()
	}
	if err != nil {
		tb.Fatal(err)
	}
	return admin, strings.TrimPrefix(u.Path, "/")
}

// pgCtl runs pg_ctl on the test server (KC_TEST_PG_BIN, KC_TEST_PG_DIR from .ci/with-postgres),
// as the postgres user when the tests run as root, waiting for it to finish. "start" starts the
// server with the options it last ran with.
func pgCtl(tb testing.TB, args ...string) {
	tb.Helper()
	bin, dir := os.Getenv("KC_TEST_PG_BIN"), os.Getenv("KC_TEST_PG_DIR")
	if bin == "" || dir == "" {
		tb.Fatal("KC_TEST_PG_BIN and KC_TEST_PG_DIR are not set: run the tests with .ci/with-postgres")
	}
	pgdata := filepath.Join(dir, "data")
	if args[0] == "start" {
		args = append(args, "-l", filepath.Join(dir, "server.log"), "-o", postmasterOptions(tb, pgdata))
	}
	cmd := append([]string{filepath.Join(bin, "pg_ctl"), "-D", pgdata, "-w", "-t", "60"}, args...)
	if os.Geteuid() == 0 {
		cmd = append([]string{"runuser", "-u", "postgres", "--"}, cmd...)
	}
	if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
		tb.Fatalf("pg_ctl %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

// quoted matches an argument of postmaster.opts.
var quoted = regexp.MustCompile(`"([^"]*)"`)

// postmasterOptions returns the server's command-line options of its last run (postmaster.opts:
// the program, then each argument quoted), without the data folder pg_ctl gives itself.
func postmasterOptions(tb testing.TB, data string) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(data, "postmaster.opts"))
	if err != nil {
		tb.Fatal(err)
	}
	var opts []string
	args := quoted.FindAllStringSubmatch(string(b), -1)
	for i := 0; i < len(args); i++ {
		if args[i][1] == "-D" {
			i++
			continue
		}
		opts = append(opts, "'"+args[i][1]+"'") // pg_ctl hands -o to the shell
	}
	return strings.Join(opts, " ")
}
