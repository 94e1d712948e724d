package ui

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// fairScreen is the list of trade fairs; opening one shows its page: the fair's details, its
// booths and booth map, the bookings and the results.
type fairScreen struct {
	*listScreen[*data.Fair, *fairPage]

	year   *choice[int]
	kind   *choice[data.FairKind]
	status *choice[data.FairStatus]
}

func newFairScreen(m *Main) *fairScreen {
	s := &fairScreen{listScreen: newListScreen[*data.Fair, *fairPage](m)}
	s.year = newYearChoice(m.today, s.reload)
	s.kind = newChoice(lang.L("All kinds of fair"), data.FairKinds, fairKindLabel, s.reload)
	s.status = newChoice(lang.L("All statuses"), data.FairStatuses, fairStatusLabel, s.reload)
	svc := m.Services.Fairs
	add := widget.NewButtonWithIcon(lang.L("Add fair"), theme.ContentAddIcon(), s.New)
	add.Importance = widget.HighImportance
	s.m.allow(data.RightFairs, add)
	s.build(listSpec[*data.Fair, *fairPage]{
		Search: lang.L("Search fairs by code, name, organiser, venue, city… (Ctrl+F)"),
		Columns: []widgets.Column[*data.Fair]{
			{Title: lang.L("Fair code"), Samples: []string{"HC-2026-008"}, Text: func(f *data.Fair) string { return f.Code }},
			{Title: lang.L("Fair"), Width: 220, Grow: true, Text: func(f *data.Fair) string { return f.Name }},
			{Title: lang.L("Fair kind"), Width: 150, Optional: true, Text: func(f *data.Fair) string { return fairKindLabel(f.Kind) }},
			{Title: lang.L("City / country"), Width: 150, Optional: true, Text: (*data.Fair).Place},
			{Title: lang.L("Fair dates"), Samples: []string{sampleRange}, Text: func(f *data.Fair) string { return dateRange(f.Start, f.End) }},
			{Title: lang.L("Booths booked"), Samples: []string{"120/120"}, Trailing: true, Text: func(f *data.Fair) string { return fmt.Sprintf("%d/%d", f.Booked, f.Booths) }},
			{Title: lang.L("Status"), Samples: labelsOf(data.FairStatuses, fairStatusLabel), Text: func(f *data.Fair) string { return fairStatusLabel(f.Status) }},
		},
		Filters:       []fyne.CanvasObject{s.year, s.kind, s.status},
		FilterColumns: 3,
		Actions:       []fyne.CanvasObject{add},
		Count:         func(ctx context.Context) (int, error) { return svc.CountFairs(ctx, s.filter()) },
		CountText:     "{{.Count}} fairs",
		Fetch: func(ctx context.Context, offset, limit int, _ string, _ bool) ([]*data.Fair, error) {
			f := s.filter()
			f.Offset, f.Limit = offset, limit
			return svc.FindFairs(ctx, f) // newest first
		},
		Open: func(f *data.Fair) (*fairPage, error) {
			if f.ID != 0 {
				var err error
				if f, err = svc.FindFairByID(m.ctx(), f.ID); err != nil {
					return nil, err
				}
			}
			return newFairPage(s, f), nil
		},
		Page: true,
	})
	return s
}

// New opens a new fair (Ctrl+N) with a proposed code and the default rule of its kind, asking
// first if the open fair has unsaved changes.
func (s *fairScreen) New() {
	f := &data.Fair{Kind: data.FairCentre, Status: data.FairPlanned, Country: "Việt Nam"}
	if code, err := s.m.Services.Fairs.NextFairCode(s.m.ctx(), s.m.today().Year); err == nil {
		f.Code = code
	}
	f.Rule = s.defaultRule(f.Kind)
	s.open(f)
}

// defaultRule is the settings' support rule for fairs of kind k.
func (s *fairScreen) defaultRule(k data.FairKind) data.SupportRule {
	st, err := s.m.Services.Fairs.FairSettings(s.m.ctx())
	if err != nil {
		st = data.DefaultFairSettings()
	}
	if r, ok := st.Rules[k]; ok {
		return r
	}
	return data.DefaultFairSettings().Rules[k]
}

func (s *fairScreen) filter() data.FairFilter {
	return data.FairFilter{Search: s.search.Text, Year: s.year.value(), Kind: s.kind.value(), Status: s.status.value()}
}

// fairKindLabel names a kind of fair in the interface's language.
func fairKindLabel(k data.FairKind) string { return lang.L("fairkind." + string(k)) }

// fairStatusLabel names a fair's status in the interface's language.
func fairStatusLabel(st data.FairStatus) string { return lang.L("fairstatus." + string(st)) }

// bookingStatusLabel names a booking's status in the interface's language.
func bookingStatusLabel(st data.BookingStatus) string { return lang.L("bookingstatus." + string(st)) }

// boothKindLabel names a kind of booth in the interface's language.
func boothKindLabel(k data.BoothKind) string { return lang.L("boothkind." + string(k)) }

// ruleText says a support rule in a line: "80%, tối đa 12.000.000 đ/gian, 24.000.000 đ/doanh nghiệp".
func ruleText(r data.SupportRule) string {
	out := lang.L("{{.Share}}% of the fee", map[string]any{"Share": r.SharePercent})
	if r.CapPerBooth > 0 {
		out += lang.L(", at most {{.Cap}} a booth", map[string]any{"Cap": money(r.CapPerBooth)})
	}
	if r.CapPerEnterprise > 0 {
		out += lang.L(", at most {{.Cap}} an enterprise", map[string]any{"Cap": money(r.CapPerEnterprise)})
	}
	return out
}

// parseMetres reads a length typed in metres ("3", "2,5", "2.5") as centimetres.
func parseMetres(s string) (int, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "m"))
	t = strings.ReplaceAll(t, ",", ".")
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || v > 1000 {
		return 0, errors.New(lang.L("Type a size in metres greater than 0, such as 3 or 2,5."))
	}
	return int(math.Round(v * 100)), nil
}

// enterpriseFairHistory is an enterprise's fairs, newest first: the fair, its dates, the booths
// held, the booking's status and the support. The enterprise form embeds it.
func enterpriseFairHistory(m *Main, enterpriseID int64) fyne.CanvasObject {
	if m.Services.Fairs == nil || enterpriseID == 0 {
		return widget.NewLabel(lang.L("No fairs yet."))
	}
	bs, err := m.Services.Fairs.EnterpriseBookings(m.ctx(), enterpriseID)
	if err != nil {
		m.showError(err)
		return widget.NewLabel("")
	}
	if len(bs) == 0 {
		return widget.NewLabel(lang.L("No fairs yet."))
	}
	fairs := map[int64]*data.Fair{}
	for _, b := range bs {
		if _, ok := fairs[b.FairID]; !ok {
			if f, err := m.Services.Fairs.FindFairByID(m.ctx(), b.FairID); err == nil {
				fairs[b.FairID] = f
			}
		}
	}
	widths := []float32{260, 170, 110, 110, 130}
	heads := []string{lang.L("Fair"), lang.L("Fair dates"), lang.L("Booths held"), lang.L("Status"), lang.L("Support granted")}
	t := widget.NewTable(
		func() (int, int) { return len(bs), len(widths) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			b, l := bs[id.Row], o.(*widget.Label)
			f := fairs[b.FairID]
			switch id.Col {
			case 0:
				if f != nil {
					l.SetText(f.Code + " · " + f.Name)
				}
			case 1:
				if f != nil {
					l.SetText(dateRange(f.Start, f.End))
				}
			case 2:
				l.SetText(strings.Join(b.Booths, ", "))
			case 3:
				l.SetText(bookingStatusLabel(b.Status))
			case 4:
				l.SetText(feeMoney(b, b.Support))
			}
		})
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(heads) {
			o.(*widget.Label).SetText(heads[id.Col])
		}
	}
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return t
}
