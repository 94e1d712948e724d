// Package assets embeds what the program ships: the administrative catalogues, the translations
// and the icon.
package assets

import "embed"

// Catalogue holds the official administrative catalogues, one TSV file each (see data.ParseDivisions).
//
//go:embed catalogue/*.tsv
var Catalogue embed.FS

// The catalogue files the store loads.
const (
	WardsFile     = "catalogue/hanoi-wards-2025.tsv"
	DistrictsFile = "catalogue/hanoi-districts-before-2025.tsv"
)

// Translations holds the interface strings, one flat JSON map a language (vi.json, en.json).
//
//go:embed translations/*.json
var Translations embed.FS
