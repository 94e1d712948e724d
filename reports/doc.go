// Package reports writes the centre's documents: PDF reports and certificates set like Vietnamese
// administrative documents (Decree 30/2020), and Excel exports. A document function takes domain
// values and an io.Writer; it never queries the store. The same input gives the same PDF bytes.
// It imports neither SQL nor Fyne; gofpdf is used in pdf.go only.
package reports
