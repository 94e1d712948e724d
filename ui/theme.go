package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// lightTheme is Fyne's theme in its light variant whatever the system prefers: the desk's screens
// sit beside printed paper, Word and Excel, and the office machines it runs on default to light.
type lightTheme struct{ fyne.Theme }

// LightTheme returns the desk's theme.
func LightTheme() fyne.Theme { return lightTheme{theme.DefaultTheme()} }

// Color implements fyne.Theme.
func (t lightTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}
