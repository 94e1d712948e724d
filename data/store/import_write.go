package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"khuyencong/data"
)

// progressEvery is how many rows Import writes between two looks at its context and two calls
// of its progress function.
const progressEvery = 250

// Import writes every row without problems as its Action says, all in one transaction: all
// accepted rows are in, or nothing is (see data.ImportService).
func (db *DB) Import(ctx context.Context, p *data.ImportPreview, progress data.ImportProgress) (_ *data.ImportResult, err error) {
	defer translate(&err)
	res := &data.ImportResult{}
	var todo []*data.ImportRow
	for _, r := range p.Rows {
		switch {
		case !r.OK():
			res.Refused = append(res.Refused, data.ImportSkipped{Row: r, Reason: strings.Join(r.Problems, " ")})
		case r.Action == data.ImportSkip:
			reason := "Bỏ qua theo lựa chọn."
			if r.Match != nil {
				reason = r.Match.Reason + " Bỏ qua theo lựa chọn."
			}
			res.Skipped = append(res.Skipped, data.ImportSkipped{Row: r, Reason: reason})
		case slices.Contains(r.Choices(), r.Action):
			todo = append(todo, r)
		default:
			return nil, data.Errorf(data.EINVALID, "Dòng %d: không thể \"%s\"; hãy chọn một trong các cách cho dòng này.", r.Line, r.Action.Label())
		}
	}
	tx, err := db.write(ctx, p.Kind.Right())
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	iw := &importWriter{db: db, tx: tx, p: p, res: res, progress: progress, total: len(todo)}
	switch p.Kind {
	case data.ImportEnterprises:
		err = iw.enterprises(ctx, todo)
	case data.ImportTrainees, data.ImportClassTrainees:
		err = iw.trainees(ctx, todo)
	case data.ImportVillages:
		err = iw.villages(ctx, todo)
	case data.ImportFairBookings:
		err = iw.bookings(ctx, todo)
	default:
		err = data.Errorf(data.EINVALID, "Không có kiểu nhập %q.", p.Kind)
	}
	if err != nil {
		return nil, err
	}
	detail := fmt.Sprintf("%s từ %s: %d thêm, %d cập nhật, %d ghi danh, %d bỏ qua, %d bị từ chối",
		p.Kind.Label(), p.File, res.Added, res.Updated, res.Enrolled, len(res.Skipped), len(res.Refused))
	if err := audit(ctx, tx, "import", string(p.Kind), p.TargetID, detail); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(len(todo), len(todo))
	}
	return res, nil
}

// importWriter writes the accepted rows of one import within its transaction.
type importWriter struct {
	db       *DB
	tx       *tx
	p        *data.ImportPreview
	res      *data.ImportResult
	progress data.ImportProgress
	done     int
	total    int
}

// step counts a row written and, every progressEvery rows, reports progress and stops when the
// context is done.
func (w *importWriter) step(ctx context.Context) error {
	w.done++
	if w.done%progressEvery != 0 {
		return nil
	}
	if w.progress != nil {
		w.progress(w.done, w.total)
	}
	return ctx.Err()
}

// lineError names the sheet's line at fault.
func lineError(r *data.ImportRow, err error) error {
	return rowError(r.Line, err)
}

// fieldSetter copies one field of a row's record over a stored one.
type fieldSetter struct {
	keys []string // the fields of the file that feed it
	set  func()
}

// applyMapped runs the setters of the fields a column of p feeds: an update overwrites only the
// fields the file has.
func applyMapped(p *data.ImportPreview, setters []fieldSetter) {
	for _, s := range setters {
		for _, k := range s.keys {
			if slices.Contains(p.Mapping, k) {
				s.set()
				break
			}
		}
	}
}

// keys is a setter's list of fields.
func keys(k ...string) []string { return k }

// enterprises writes enterprise rows: new ones through the writer CreateEnterprises uses (its
// indexes rebuilt after a large import), updates over the stored record.
func (w *importWriter) enterprises(ctx context.Context, rows []*data.ImportRow) error {
	ew, err := newEnterpriseWriter(ctx, w.tx)
	if err != nil {
		return err
	}
	defer ew.close()
	rebuild, err := dropSortIndexes(ctx, w.tx, len(rows))
	if err != nil {
		return err
	}
	for _, r := range rows {
		e := *r.Enterprise
		if r.Action == data.ImportUpdate {
			if err = w.updateEnterprise(ctx, ew, r); err == nil {
				w.res.Updated++
			}
		} else if _, err = ew.create(ctx, &e); err == nil {
			w.res.Added++
		}
		if err != nil {
			return lineError(r, err)
		}
		if err := w.step(ctx); err != nil {
			return err
		}
	}
	for _, index := range rebuild {
		if _, err := w.tx.ExecContext(ctx, index); err != nil {
			return err
		}
	}
	return nil
}

// updateEnterprise writes the fields the file has of row r over the enterprise it matches.
func (w *importWriter) updateEnterprise(ctx context.Context, ew *enterpriseWriter, r *data.ImportRow) error {
	if err := checkVersion(ctx, w.tx, r.Match.ID, r.Match.Version); err != nil {
		return err
	}
	e, err := findEnterpriseByID(ctx, w.tx, r.Match.ID)
	if err != nil {
		return err
	}
	mergeEnterprise(w.p, e, r.Enterprise)
	return ew.update(ctx, e)
}

// mergeEnterprise copies into e the fields of from that a column of p feeds.
func mergeEnterprise(p *data.ImportPreview, e, from *data.Enterprise) {
	applyMapped(p, []fieldSetter{
		{keys(data.FieldName), func() { e.Name = from.Name }},
		{keys(data.FieldKind), func() { e.Kind = from.Kind }},
		{keys(data.FieldTaxCode), func() { e.TaxCode = from.TaxCode }},
		{keys(data.FieldRepresentative), func() { e.Representative = from.Representative }},
		{keys(data.FieldPhone), func() { e.Phone = from.Phone }},
		{keys(data.FieldEmail), func() { e.Email = from.Email }},
		{keys(data.FieldAddress), func() { e.Address = from.Address }},
		{keys(data.FieldWard), func() { e.WardCode = from.WardCode }},
		{keys(data.FieldDistrict), func() { e.DistrictCode = from.DistrictCode }},
		{keys(data.FieldTrade), func() { e.Trade = from.Trade }},
		{keys(data.FieldVillage), func() { e.CraftVillage, e.VillageID = from.CraftVillage, 0 }},
		{keys(data.FieldWorkers), func() { e.Workers = from.Workers }},
		{keys(data.FieldProducts), func() { e.Products = from.Products }},
		{keys(data.FieldNotes), func() { e.Notes = from.Notes }},
		{keys(data.FieldStatus), func() { e.Archived = from.Archived }},
	})
}

// trainees writes trainee rows; for a class, it then enrols the people written and those kept.
func (w *importWriter) trainees(ctx context.Context, rows []*data.ImportRow) error {
	tw, err := newTraineeWriter(ctx, w.tx, w.db.today())
	if err != nil {
		return err
	}
	defer tw.close()
	var enrol []int64
	for _, r := range rows {
		t := *r.Trainee
		id := int64(0)
		switch r.Action {
		case data.ImportKeep:
			id = r.Match.ID
		case data.ImportUpdate:
			if id, err = w.updateTrainee(ctx, tw, r); err == nil {
				w.res.Updated++
			}
		default:
			if id, err = tw.create(ctx, &t, true); err == nil {
				w.res.Added++
			}
		}
		if err != nil {
			return traineeRowError(r.Line, err)
		}
		enrol = append(enrol, id)
		if err := w.step(ctx); err != nil {
			return err
		}
	}
	if w.p.Kind != data.ImportClassTrainees || len(enrol) == 0 {
		return nil
	}
	if _, err := enrollMany(ctx, w.tx, w.p.TargetID, enrol); err != nil {
		return err
	}
	w.res.Enrolled = len(enrol)
	return nil
}

// updateTrainee writes the fields the file has of row r over the trainee it matches and
// returns the trainee's id.
func (w *importWriter) updateTrainee(ctx context.Context, tw *traineeWriter, r *data.ImportRow) (int64, error) {
	t, err := findTraineeByID(ctx, w.tx, r.Match.ID)
	if err != nil {
		return 0, err
	}
	if t.Version != r.Match.Version {
		return 0, staleVersion("Hồ sơ học viên "+t.Name.Full(), t.Version, r.Match.Version)
	}
	from := r.Trainee
	applyMapped(w.p, []fieldSetter{
		{keys(data.FieldName, data.FieldFamily, data.FieldMiddle, data.FieldGiven), func() { t.Name = from.Name }},
		{keys(data.FieldGender, data.FieldCCCD), func() { t.Female = from.Female }},
		{keys(data.FieldBirthDate), func() { t.BirthDate = from.BirthDate }},
		{keys(data.FieldBirthPlace), func() { t.BirthPlace = from.BirthPlace }},
		{keys(data.FieldEthnicity), func() { t.Ethnicity = from.Ethnicity }},
		{keys(data.FieldCCCD), func() { t.CCCD = from.CCCD }},
		{keys(data.FieldPhone), func() { t.Phone = from.Phone }},
		{keys(data.FieldWard), func() { t.WardCode = from.WardCode }},
		{keys(data.FieldAddress), func() { t.Address = from.Address }},
		{keys(data.FieldWorkplace), func() { t.Workplace, t.WorkplaceID = from.Workplace, from.WorkplaceID }},
		{keys(data.FieldPolicyGroup), func() { t.PolicyGroup = from.PolicyGroup }},
	})
	return t.ID, tw.update(ctx, t)
}

// villages writes village rows.
func (w *importWriter) villages(ctx context.Context, rows []*data.ImportRow) error {
	for _, r := range rows {
		v := *r.Village
		var err error
		if r.Action == data.ImportUpdate {
			if err = w.updateVillage(ctx, r); err == nil {
				w.res.Updated++
			}
		} else if err = w.db.insertVillage(ctx, w.tx, &v); err == nil {
			w.res.Added++
		}
		if err != nil {
			return lineError(r, err)
		}
		if err := w.step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// updateVillage writes the fields the file has of row r over the village it matches.
func (w *importWriter) updateVillage(ctx context.Context, r *data.ImportRow) error {
	v, err := findVillage(ctx, w.tx, r.Match.ID)
	if err != nil {
		return err
	}
	v.Version = r.Match.Version // a stale read is refused by updateVillage
	from := r.Village
	applyMapped(w.p, []fieldSetter{
		{keys(data.FieldName), func() { v.Name = from.Name }},
		{keys(data.FieldWard), func() { v.WardCode = from.WardCode }},
		{keys(data.FieldTrade), func() { v.Trade = from.Trade }},
		{keys(data.FieldDecision), func() { v.Decision = from.Decision }},
		{keys(data.FieldRecognisedOn), func() { v.RecognisedOn = from.RecognisedOn }},
		{keys(data.FieldHouseholds), func() { v.Households = from.Households }},
		{keys(data.FieldWorkers), func() { v.Workers = from.Workers }},
		{keys(data.FieldContactName), func() { v.ContactName = from.ContactName }},
		{keys(data.FieldContactPhone), func() { v.ContactPhone = from.ContactPhone }},
		{keys(data.FieldNotes), func() { v.Notes = from.Notes }},
	})
	return w.db.updateVillage(ctx, w.tx, v)
}

// bookings registers booking rows, as Register does for each.
func (w *importWriter) bookings(ctx context.Context, rows []*data.ImportRow) error {
	for _, r := range rows {
		b := *r.Booking
		b.FairID = w.p.TargetID
		if err := b.Validate(); err != nil {
			return lineError(r, err)
		}
		if _, err := w.db.register(ctx, w.tx, b); err != nil {
			return lineError(r, err)
		}
		w.res.Added++
		if err := w.step(ctx); err != nil {
			return err
		}
	}
	return nil
}
