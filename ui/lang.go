package ui

import (
	"fyne.io/fyne/v2/lang"

	"khuyencong/assets"
)

// Languages the interface speaks, by the code stored in the preferences.
const (
	Vietnamese = "vi"
	English    = "en"
)

// SetLanguage makes lang.L speak language whatever the system's locale says: Fyne follows the
// system locale only, so the chosen translations are registered under the system's own locale,
// which also replaces Fyne's built-in strings (Cancel, OK…) that have no Vietnamese. An unknown
// language gives Vietnamese. Call it before any screen is built.
func SetLanguage(language string) error {
	if language != English {
		language = Vietnamese
	}
	b, err := assets.Translations.ReadFile("translations/" + language + ".json")
	if err != nil {
		return err
	}
	return lang.AddTranslationsForLocale(b, lang.SystemLocale())
}
