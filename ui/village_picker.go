package ui

import (
	"strconv"

	"fyne.io/fyne/v2/lang"

	"khuyencong/data"
	"khuyencong/ui/widgets"
)

// villagePicker chooses a craft village of the register as the clerk types part of its name:
// the enterprise form's and the class form's "Làng nghề". The register is small (a city has a
// few hundred), so its options are read once, when the form opens. changed is called when the
// clerk picks another, escape on Esc with no list open.
func (m *Main) villagePicker(changed, escape func()) *widgets.Picker {
	p := widgets.NewPicker(nil, lang.L("Type to find a craft village"))
	if m.Services.Villages != nil {
		vs, err := m.Services.Villages.FindVillages(m.ctx(), data.VillageFilter{})
		if err != nil {
			m.showError(err)
		}
		opts := make([]widgets.Option, len(vs))
		for i, v := range vs {
			opts[i] = widgets.Option{Key: idKey(v.ID), Label: v.Name}
		}
		p.SetOptions(opts)
	}
	p.OnChanged = func(string) { changed() }
	p.OnEscape = escape
	return p
}

// villageOf returns the village a village picker has chosen, its ID and name; 0 and "" for none.
func villageOf(p *widgets.Picker) (int64, string) {
	id, _ := strconv.ParseInt(p.Selected(), 10, 64)
	if id == 0 {
		return 0, ""
	}
	return id, p.Text
}
