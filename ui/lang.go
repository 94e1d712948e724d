package ui

import (
	"io/fs"
	"strings"

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
	files, err := translationFiles(language)
	if err != nil {
		return err
	}
	for _, f := range files {
		b, err := assets.Translations.ReadFile(f)
		if err != nil {
			return err
		}
		if err := lang.AddTranslationsForLocale(b, lang.SystemLocale()); err != nil {
			return err
		}
	}
	return nil
}

// translationFiles lists a language's files: vi.json, and one more a screen area (class.vi.json…).
func translationFiles(language string) ([]string, error) {
	entries, err := fs.ReadDir(assets.Translations, "translations")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); n == language+".json" || strings.HasSuffix(n, "."+language+".json") {
			out = append(out, "translations/"+n)
		}
	}
	return out, nil
}
