package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"khuyencong/data"
	"khuyencong/reports/docs"
)

// showSupportHistory puts the "Lịch sử hỗ trợ" tab beside the details of a stored enterprise:
// every support it received, with its totals by year, read again each time the form is filled.
// A new enterprise has none.
func (f *enterpriseForm) showSupportHistory(e *data.Enterprise) {
	m := f.s.m
	if len(f.tabs.Items) > 1 {
		f.tabs.Remove(f.tabs.Items[1])
	}
	if e.ID == 0 || m.Services.Villages == nil {
		return
	}
	var content fyne.CanvasObject
	if h, err := m.Services.Villages.EnterpriseHistory(m.ctx(), e.ID); err != nil {
		m.showRefusal(f.message, err)
		content = widget.NewLabel("")
	} else {
		buttons := container.NewHBox(layout.NewSpacer(), historyPrintButtons(m, docs.KindEnterpriseHistory, e.ID))
		content = container.NewBorder(buttons, nil, nil, nil, newHistoryView(h, false).content)
	}
	history := container.NewTabItem(lang.L("Support history"), content)
	f.tabs.Append(history)
	// The history's columns need more room than the details: while it is shown the list beside
	// keeps only what its own columns need.
	f.tabs.OnSelected = func(it *container.TabItem) {
		if sp := f.s.split; sp != nil && sp.Trailing == f.content {
			share := f.s.spec.SideShare
			if it == history {
				share = 0
			}
			sp.SetOffset(share)
		}
	}
}
