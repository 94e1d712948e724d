package ui

import (
	"context"
	"image/color"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/data/vn"
	"khuyencong/reports/docs"
	"khuyencong/ui/widgets"
)

// rowsTable is a table over rows already read: the list screens' table, so that a page's lists
// (a history, a village's enterprises) fit their columns the same way.
func rowsTable[T any](cols []widgets.Column[T], rows []T) *widgets.PagedTable[T] {
	t := widgets.NewPagedTable(cols, "")
	t.Fetch = func(offset, limit int, _ string, _ bool) ([]T, error) {
		return rows[min(offset, len(rows)):min(offset+limit, len(rows))], nil
	}
	t.Reset(len(rows))
	return t
}

// supportKindLabel names a kind of support in the interface's language.
func supportKindLabel(k data.SupportKind) string { return lang.L("supportkind." + string(k)) }

// historyKinds are the kinds of support a history lists, for the samples of its column.
var historyKinds = []data.SupportKind{data.SupportClassHosted, data.SupportTrained, data.SupportFair, data.SupportEquipment, data.SupportModel}

// historyView shows a support history: its totals by year, then every record, newest first. A
// village's history names the enterprise of each record (withEnterprise).
type historyView struct {
	content fyne.CanvasObject
	years   *widgets.PagedTable[data.YearTotal]
	records *widgets.PagedTable[data.SupportRecord]
	// total says the whole history in a line.
	total *widget.Label
}

func newHistoryView(h *data.SupportHistory, withEnterprise bool) *historyView {
	v := &historyView{}
	v.years = rowsTable([]widgets.Column[data.YearTotal]{
		{Title: lang.L("Year"), Samples: []string{"2026"}, Text: func(y data.YearTotal) string { return strconv.Itoa(y.Year) }},
		{Title: lang.L("Supports"), Samples: []string{"1.234"}, Trailing: true, Text: func(y data.YearTotal) string { return vn.FormatInt(int64(y.Records)) }},
		{Title: lang.L("People trained"), Samples: []string{"1.234"}, Trailing: true, Text: func(y data.YearTotal) string { return vn.FormatInt(int64(y.People)) }},
		{Title: lang.L("Support money"), Samples: []string{"12.345.678.900 đ"}, Trailing: true, Text: func(y data.YearTotal) string { return money(y.Amount) }},
	}, h.Years)
	// Beside the enterprise list the optional columns give way, the people first, the kind last:
	// the date, what, the đề án and the money stay.
	cols := []widgets.Column[data.SupportRecord]{
		{Title: lang.L("Date"), Samples: []string{sampleDate}, Text: func(r data.SupportRecord) string { return r.Date.String() }},
		{Title: lang.L("Kind of support"), Samples: labelsOf(historyKinds, supportKindLabel), Optional: true, Text: func(r data.SupportRecord) string { return supportKindLabel(r.Kind) }},
		{Title: lang.L("Reference"), Samples: []string{"LH-2026-008"}, Optional: true, Text: func(r data.SupportRecord) string { return r.Code }},
		{Title: lang.L("What"), Width: 200, Grow: true, Text: func(r data.SupportRecord) string { return r.Description }},
	}
	if withEnterprise {
		cols = append(cols, widgets.Column[data.SupportRecord]{Title: lang.L("Enterprise"), Width: 160, Grow: true, Optional: true, Text: func(r data.SupportRecord) string { return shortName(r.Enterprise) }})
	}
	cols = append(cols,
		widgets.Column[data.SupportRecord]{Title: lang.L("Đề án"), Samples: []string{"ĐA-01/2026"}, Text: func(r data.SupportRecord) string { return r.Programme }},
		widgets.Column[data.SupportRecord]{Title: lang.L("People"), Samples: []string{"120"}, Optional: true, Trailing: true, Text: func(r data.SupportRecord) string { return countText(r.People) }},
		widgets.Column[data.SupportRecord]{Title: lang.L("Support money"), Samples: []string{"500.000.000 đ"}, Trailing: true, Text: func(r data.SupportRecord) string { return money(r.Amount) }},
	)
	v.records = rowsTable(cols, h.Records)
	v.total = widget.NewLabelWithStyle(historyTotal(h.Total), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.total.Wrapping = fyne.TextWrapWord
	if len(h.Records) == 0 {
		v.content = widget.NewLabel(lang.L("No support received yet."))
		return v
	}
	// The years take what their rows need, up to six, and no more width than their columns: the
	// sums stay beside their years. The records take the rest.
	rows := float32(min(len(h.Years), 6) + 1)
	yearsBox := container.NewHBox(atLeast(fyne.NewSize(v.years.MinSize().Width, rows*rowHeight()+theme.Padding()), v.years))
	v.content = container.NewBorder(
		container.NewVBox(v.total, bold(lang.L("By year")), yearsBox, bold(lang.L("Every support, newest first"))),
		nil, nil, nil, v.records)
	return v
}

// historyTotal says a history's total in a line.
func historyTotal(t data.YearTotal) string {
	return lang.L("In all: {{.Records}} supports, {{.People}} people trained, {{.Amount}}.",
		map[string]any{"Records": vn.FormatInt(int64(t.Records)), "People": vn.FormatInt(int64(t.People)), "Amount": money(t.Amount)})
}

// bold is a heading inside a page.
func bold(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// rowHeight is the height of a table's row, its divider included.
func rowHeight() float32 { return widget.NewLabel("0").MinSize().Height + 1 }

// atLeast gives o at least size, however little it asks for: a table asks for one row only.
func atLeast(size fyne.Size, o fyne.CanvasObject) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(size)
	return container.NewStack(r, o)
}

// historyDocs are the builder's methods that write a support history, by kind: an enterprise's
// or a craft village's.
var historyDocs = map[docs.Kind]func(docs.Builder, context.Context, int64, docs.Format, io.Writer) error{
	docs.KindEnterpriseHistory: docs.Builder.EnterpriseHistory,
	docs.KindVillageHistory:    docs.Builder.VillageHistory,
}

// historyDocument is the support history of kind k (one of historyDocs) of the enterprise or
// village id, in format f, as its button saves it; the file is named by the record's number.
func historyDocument(m *Main, k docs.Kind, id int64, f docs.Format) document {
	build, b := historyDocs[k], m.builder
	return newDocument(k, strconv.FormatInt(id, 10), f, func(ctx context.Context, w io.Writer) error { return build(b, ctx, id, f, w) })
}

// historyPrintButtons are the buttons that save the support history of kind k of id as PDF and
// as Excel.
func historyPrintButtons(m *Main, k docs.Kind, id int64) fyne.CanvasObject {
	button := func(label string, f docs.Format) *widget.Button {
		return widget.NewButtonWithIcon(label, theme.DocumentPrintIcon(), func() { m.save(historyDocument(m, k, id, f)) })
	}
	return container.NewHBox(button(lang.L("Support history (PDF)"), docs.PDF), button(lang.L("Support history (Excel)"), docs.XLSX))
}
