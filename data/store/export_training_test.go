package store

import "testing"

// SetTraineeWalkMin makes trainee searches with more than n matches walk the sort index until the
// test ends.
func SetTraineeWalkMin(tb testing.TB, n int) {
	old := traineeWalkMin
	traineeWalkMin = n
	tb.Cleanup(func() { traineeWalkMin = old })
}
