package reports_test

import (
	"io"
	"syscall"
	"testing"
	"time"

	"khuyencong/reports"
)

func cpuNow() time.Duration {
	var u syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

func TestCPUTmp(t *testing.T) {
	d := demoDoc(t, 10_000)
	for i := 0; i < 3; i++ {
		c, w := cpuNow(), time.Now()
		reports.WriteEnterpriseListPDF(io.Discard, d)
		c2, w2 := cpuNow(), time.Now()
		reports.WriteEnterpriseListXLSX(io.Discard, d)
		t.Logf("pdf cpu %v wall %v; xlsx cpu %v wall %v", c2-c, w2.Sub(w), cpuNow()-c2, time.Since(w2))
	}
}
