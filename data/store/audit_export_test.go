package store

import "testing"

// SetRecordChanges turns the recording of fields before and after on or off until the test ends.
func SetRecordChanges(tb testing.TB, on bool) {
	old := recordChanges
	recordChanges = on
	tb.Cleanup(func() { recordChanges = old })
}
