package docs

import (
	"context"
	"io"

	"khuyencong/reports"
)

// ListXLSX writes a list as a screen shows it (l's title, filter line, columns and rows) as an
// Excel workbook headed by the centre and dated by the store's clock. Reads Settings.
func (b Builder) ListXLSX(ctx context.Context, l reports.ListSheet, w io.Writer) error {
	org, err := b.Settings.Organisation(ctx)
	if err != nil {
		return err
	}
	l.Org, l.Date = org, b.today()
	return reports.WriteListXLSX(w, l)
}
