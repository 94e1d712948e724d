//go:build unix

package store_test

import (
	"syscall"
	"time"
)

// processCPU returns the processor time the test process has used, in user and system mode: on
// a machine shared with other work, it tells a benchmark's own cost where the wall clock
// counts the waits for a processor too.
func processCPU() (time.Duration, bool) {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0, false
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano()), true
}
