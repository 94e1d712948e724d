// Package verify embeds the source of the certificate verification page (see reports/verifypage).
package verify

import _ "embed"

// Page is index.html with its placeholders: {{CENTRE}}, {{KEYS}}, {{NOBLE}}, {{NOBLE_LICENSE}}.
//
//go:embed index.html
var Page string

// Noble is @noble/ed25519, minified (see README.md), and NobleLicense its licence.
var (
	//go:embed noble-ed25519.min.js
	Noble string
	//go:embed noble-ed25519.LICENSE
	NobleLicense string
)
