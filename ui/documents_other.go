//go:build !windows

package ui

import "path/filepath"

// documentsFolder is the user's Documents folder: ~/Documents, "" when the home is unknown.
func documentsFolder() string {
	if home := homeFolder(); home != "" {
		return filepath.Join(home, "Documents")
	}
	return ""
}
