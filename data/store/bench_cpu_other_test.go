//go:build !unix

package store_test

import "time"

// processCPU is not measured here: benchmarks report their wall clock only.
func processCPU() (time.Duration, bool) { return 0, false }
