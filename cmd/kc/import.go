package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"khuyencong/data"
	"khuyencong/data/importer"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// importKinds are the kinds `kc import` takes, by the word that names them.
var importKinds = map[string]data.ImportKind{
	"enterprises": data.ImportEnterprises, "trainees": data.ImportTrainees, "villages": data.ImportVillages,
	"bookings": data.ImportFairBookings,
}

// importOptions are the flags of `kc import`.
type importOptions struct {
	kind           data.ImportKind
	file, mapping  string
	sheet, class   string
	fair, existing string
	dryRun         bool
	target         int64  // the class or fair
	label          string // the class or fair, for the summary
}

// importCmd runs `kc import enterprises|trainees|villages|bookings FILE`: it reads the file's
// sheet, maps its columns (--mapping, else the mapping remembered for its header, else the one
// proposed), checks every row against the register and prints each refused row by its line in the
// sheet, with the reason; without --dry-run it writes every accepted row in one transaction.
// It fails (exit status 1) unless every row was accepted or deliberately skipped.
func (m *Main) importCmd(ctx context.Context, args []string) error {
	how := "kc import enterprises|trainees|villages TỆP [--mapping TỆP] [--dry-run], kc import trainees TỆP --class MÃ_LỚP, kc import bookings TỆP --fair MÃ_HỘI_CHỢ"
	if len(args) == 0 || importKinds[args[0]] == "" {
		return data.Errorf(data.EINVALID, "Lệnh import cần loại dữ liệu và tệp: %s.", how)
	}
	o := importOptions{kind: importKinds[args[0]]}
	fs := m.flags("import " + args[0])
	fs.StringVar(&o.mapping, "mapping", "", "tệp ghép cột: mỗi dòng \"Tiêu đề cột = trường\"")
	fs.StringVar(&o.sheet, "sheet", "", "tên trang tính (mặc định trang đầu)")
	fs.StringVar(&o.class, "class", "", "mã lớp: ghi danh học viên vào lớp")
	fs.StringVar(&o.fair, "fair", "", "mã hội chợ: đăng ký các doanh nghiệp")
	fs.StringVar(&o.existing, "existing", "", "dòng trùng bản ghi đã có: skip, update, new hoặc keep (mặc định: skip, với --class: keep)")
	fs.BoolVar(&o.dryRun, "dry-run", false, "chỉ kiểm tra, không ghi gì")
	rest, err := parseAll(fs, args[1:])
	if err != nil {
		return err
	}
	if o.file, err = m.oneArg(rest, "import "+args[0], "tệp", how); err != nil {
		return err
	}
	switch {
	case o.class != "" && o.kind != data.ImportTrainees:
		return data.Errorf(data.EINVALID, "--class chỉ dùng với kc import trainees.")
	case o.class != "":
		o.kind = data.ImportClassTrainees
	case o.kind == data.ImportFairBookings && o.fair == "":
		return data.Errorf(data.EINVALID, "kc import bookings cần --fair MÃ_HỘI_CHỢ.")
	case o.fair != "" && o.kind != data.ImportFairBookings:
		return data.Errorf(data.EINVALID, "--fair chỉ dùng với kc import bookings.")
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := o.findTarget(ctx, db); err != nil {
		return err
	}
	p, err := m.importPreview(ctx, db, &o)
	if err != nil {
		return err
	}
	return m.importRows(ctx, db, &o, p)
}

// findTarget finds the class or fair the rows go into.
func (o *importOptions) findTarget(ctx context.Context, db *store.DB) error {
	switch {
	case o.class != "":
		c, err := db.FindClassByCode(ctx, o.class)
		if err != nil {
			return err
		}
		o.target, o.label = c.ID, "lớp "+c.Code
	case o.fair != "":
		f, err := db.FindFairByCode(ctx, o.fair)
		if err != nil {
			return err
		}
		o.target, o.label = f.ID, "hội chợ "+f.Code
	}
	return nil
}

// importPreview reads, maps, converts and checks the file.
func (m *Main) importPreview(ctx context.Context, db *store.DB, o *importOptions) (*data.ImportPreview, error) {
	in, err := os.Open(o.file)
	if err != nil {
		return nil, data.Errorf(data.EINVALID, "Không mở được tệp %s: %v.", o.file, err)
	}
	defer in.Close()
	file, err := importer.Open(o.file, in)
	if err != nil {
		return nil, err
	}
	sheet := file.Sheets[0]
	if o.sheet != "" {
		sheet = o.sheet
	}
	rows, err := file.Rows(sheet)
	if err != nil {
		return nil, err
	}
	tab, err := importer.Locate(o.kind, rows)
	if err != nil {
		return nil, err
	}
	mapping, err := m.importMapping(ctx, db, o, tab.Header)
	if err != nil {
		return nil, err
	}
	wards, err := db.Wards(ctx)
	if err != nil {
		return nil, err
	}
	districts, err := db.Districts(ctx)
	if err != nil {
		return nil, err
	}
	p, err := importer.Convert(o.kind, tab, mapping, importer.Options{Wards: wards, Districts: districts, Today: vn.DateOf(db.Now())})
	if err != nil {
		return nil, err
	}
	p.File, p.Sheet, p.TargetID = filepath.Base(o.file), sheet, o.target
	if err := db.CheckImport(ctx, p); err != nil {
		return nil, err
	}
	switch action := data.ImportAction(o.existing); action {
	case "": // each row's first choice: skip, or for a class enrol the person on record
	case data.ImportSkip, data.ImportUpdate, data.ImportNew, data.ImportKeep:
		p.SetAll(action)
	default:
		return nil, data.Errorf(data.EINVALID, "--existing nhận skip, update, new hoặc keep (đang là %q).", o.existing)
	}
	return p, nil
}

// importMapping returns the mapping of header: the --mapping file's lines for the columns it
// names, and for the others the mapping remembered for this header, else the one proposed.
func (m *Main) importMapping(ctx context.Context, db *store.DB, o *importOptions, header []string) ([]string, error) {
	mapping, err := db.ImportMapping(ctx, o.kind, importer.Signature(header))
	if err != nil {
		return nil, err
	}
	if len(mapping) != len(header) {
		mapping = importer.Propose(o.kind, header)
	}
	if o.mapping == "" {
		return mapping, nil
	}
	given, err := readMapping(o.kind, o.mapping)
	if err != nil {
		return nil, err
	}
	used := map[string]bool{}
	for i, h := range header {
		if key, ok := given[vn.Fold(h)]; ok {
			mapping[i], used[vn.Fold(h)] = key, true
		}
	}
	for h := range given {
		if !used[h] {
			return nil, data.Errorf(data.EINVALID, "Tệp ghép cột %s nói về cột \"%s\" mà dòng tiêu đề của bảng không có. Các cột là: %s.", o.mapping, h, strings.Join(header, "; "))
		}
	}
	return mapping, nil
}

// readMapping reads a mapping file: one line a column, "Tiêu đề cột = trường", the field by its
// key (tax_code) or its label (Mã số thuế), nothing after "=" to leave the column out; blank
// lines and lines starting with # are skipped. It returns the fields by folded header.
func readMapping(kind data.ImportKind, path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, data.Errorf(data.EINVALID, "Không mở được tệp ghép cột %s: %v.", path, err)
	}
	defer f.Close()
	fields := map[string]string{}
	for _, fd := range data.ImportFields(kind) {
		fields[fd.Key], fields[vn.Fold(fd.Label)] = fd.Key, fd.Key
	}
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		head, field, ok := strings.Cut(line, "=")
		key, known := fields[vn.Fold(field)]
		if strings.TrimSpace(field) == "" {
			key, known = "", true
		}
		if !ok || !known {
			return nil, data.Errorf(data.EINVALID, "Dòng %d của tệp ghép cột %s phải là \"Tiêu đề cột = trường\", trường là một trong: %s.", n, path, fieldNames(kind))
		}
		out[vn.Fold(head)] = key
	}
	return out, sc.Err()
}

// fieldNames lists the keys and labels of a kind's fields, for a message.
func fieldNames(kind data.ImportKind) string {
	var out []string
	for _, f := range data.ImportFields(kind) {
		out = append(out, f.Key+" ("+f.Label+")")
	}
	return strings.Join(out, ", ")
}

// importRows prints the refused rows and, without --dry-run, imports the rest; it prints the
// summary and fails when rows were refused.
func (m *Main) importRows(ctx context.Context, db *store.DB, o *importOptions, p *data.ImportPreview) error {
	fmt.Fprintf(m.Stdout, "Tệp %s, trang \"%s\": dòng tiêu đề %d, %s dòng dữ liệu.\n", p.File, p.Sheet, p.HeaderLine, vn.FormatInt(int64(len(p.Rows))))
	refused := 0
	for _, r := range p.Rows {
		if !r.OK() {
			refused++
			fmt.Fprintf(m.Stdout, "dòng %d\t%s\n", r.Line, strings.Join(r.Problems, " "))
		}
	}
	if o.dryRun {
		count := map[data.ImportAction]int{}
		for _, r := range p.Rows {
			if r.OK() {
				count[r.Action]++
			}
		}
		fmt.Fprintf(m.Stdout, "Thử (--dry-run), chưa ghi gì: sẽ thêm %s, cập nhật %s, bỏ qua %s; %s dòng bị từ chối.\n",
			vn.FormatInt(int64(count[data.ImportNew])), vn.FormatInt(int64(count[data.ImportUpdate])), vn.FormatInt(int64(count[data.ImportSkip])), vn.FormatInt(int64(refused)))
	} else {
		res, err := db.Import(ctx, p, nil)
		if err != nil {
			return err
		}
		if o.mapping != "" { // the clerk's mapping serves the next file with this header
			if err := db.SaveImportMapping(ctx, p.Kind, importer.Signature(p.Header), p.Mapping); err != nil {
				return err
			}
		}
		where := ""
		if o.label != "" {
			where = fmt.Sprintf(", ghi danh vào %s %s", o.label, vn.FormatInt(int64(res.Enrolled)))
		}
		fmt.Fprintf(m.Stdout, "Đã nhập trong một lần ghi: thêm %s, cập nhật %s%s, bỏ qua %s; %s dòng bị từ chối.\n",
			vn.FormatInt(int64(res.Added)), vn.FormatInt(int64(res.Updated)), where, vn.FormatInt(int64(len(res.Skipped))), vn.FormatInt(int64(len(res.Refused))))
	}
	if refused > 0 {
		return data.Errorf(data.EINVALID, "%s dòng không nhập được (xem lý do ở trên). Hãy sửa các dòng đó trong tệp rồi nhập lại; các dòng đã có sẽ được nhận ra và bỏ qua.", vn.FormatInt(int64(refused)))
	}
	return nil
}
