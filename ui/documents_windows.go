package ui

import "golang.org/x/sys/windows"

// documentsFolder is the user's Documents folder as Windows knows it, moved or not (to OneDrive,
// to another drive); "" when Windows does not say.
func documentsFolder() string {
	dir, err := windows.KnownFolderPath(windows.FOLDERID_Documents, 0)
	if err != nil {
		return ""
	}
	return dir
}
