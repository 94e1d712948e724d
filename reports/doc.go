// Package reports writes the centre's documents: PDF reports and certificates set like Vietnamese
// administrative documents (Decree 30/2020), and Excel exports. A document function takes domain
// values and an io.Writer; it never queries the store. The same input gives the same bytes.
// It imports neither SQL nor Fyne. The pdf*.go files are the only ones that import gofpdf: a
// document is its opening (pdf_parts.go) followed by parts (paragraphs, typed tables, signing
// blocks) and never reaches the PDF library itself; certificates draw with pdf.go's primitives.
// Excel sheets are built the same way from typed columns (xlsx.go).
// The QR encoder is in internal/qr.
package reports
