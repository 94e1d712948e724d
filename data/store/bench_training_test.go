package store_test

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"khuyencong/assets"
	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/vn"
)

// The size of ten years of a busy centre's training.
const (
	benchClasses  = 3000
	benchTrainees = 120_000
	benchPerClass = 50 // enrolments of a generated class: 150,000 in all
	benchBigCode  = "LH-2026-999"
)

var (
	trainingOnce sync.Once
	trainingPath string
	trainingErr  error
	trainingLog  []string // how long each step of the generation took
)

// TrainingBenchDB returns the path of a database holding the enterprises of BenchDB and ten years
// of training: 3,000 classes, 120,000 trainees, about 150,000 enrolments, 60,000 sessions and 3
// million attendance marks; among them class benchBigCode, running, with 60 trainees and 40
// sessions all marked. It is made once per run, beside BenchDB's file (so TestMain removes it).
func TrainingBenchDB(b *testing.B) string {
	b.Helper()
	enterprises := BenchDB(b)
	trainingOnce.Do(func() {
		trainingPath = filepath.Join(filepath.Dir(enterprises), "training.db")
		trainingErr = generateTraining(enterprises, trainingPath)
	})
	if trainingErr != nil {
		b.Fatal(trainingErr)
	}
	for _, l := range trainingLog {
		b.Log(l)
	}
	trainingLog = nil // logged once, by the benchmark that waited for it
	return trainingPath
}

// step runs f and logs how long it took.
func step(name string, f func() error) error {
	start := time.Now()
	err := f()
	trainingLog = append(trainingLog, fmt.Sprintf("%s: %v", name, time.Since(start).Round(time.Millisecond)))
	return err
}

// generateTraining copies the enterprise database at from to path and adds the training of ten
// years: trainees and classes through the store's own paths (CreateTrainees, CreateClass), the
// enrolments, sessions and marks of the generated classes by SQL in one transaction each.
func generateTraining(from, path string) error {
	db, err := openCopy(from, path)
	if err != nil {
		return err
	}
	defer db.Close()
	db.Now = func() time.Time { return now }
	r := rand.New(rand.NewPCG(2026, 3))

	if err := step("120.000 học viên (CreateTrainees)", func() error { return db.CreateTrainees(ctx, GenerateTrainees(r, benchTrainees)) }); err != nil {
		return err
	}
	var classIDs []int64
	if err := step("3.000 lớp (CreateClass)", func() error {
		classIDs, err = generateClasses(db, r)
		return err
	}); err != nil {
		return err
	}
	if err := step("150.000 ghi danh và 60.000 buổi học (SQL)", func() error { return generateEnrolments(db, r, classIDs) }); err != nil {
		return err
	}
	if err := step("lớp 60 × 40 (Enroll, GenerateSessions)", func() error { return generateBigClass(db) }); err != nil {
		return err
	}
	return step("3 triệu điểm danh (một INSERT … SELECT)", func() error {
		_, err := db.SQL().Exec(`INSERT INTO attendance (session_id, enrollment_id, mark)
			SELECT s.id, e.id, CASE abs(random()) % 25 WHEN 0 THEN 'vang' WHEN 1 THEN 'muon' WHEN 2 THEN 'co_phep' ELSE 'co_mat' END
			FROM sessions s JOIN enrollments e ON e.class_id = s.class_id ORDER BY s.id, e.id`)
		if err == nil {
			_, err = db.SQL().Exec(`ANALYZE`)
		}
		return err
	})
}

// GenerateTrainees returns n realistic trainees of Hanoi: Vietnamese names, aged 16 to 65 in
// 2026, four in five with a CCCD consistent with their sex and birth year, most with a phone.
func GenerateTrainees(r *rand.Rand, n int) []*data.Trainee {
	families := []string{"Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm",
		"Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Đào", "Đinh", "Trịnh", "Lương", "Tạ", "Khuất", "Kiều"}
	men := [2][]string{{"Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Mạnh", "Ngọc", "Công"},
		{"Anh", "Hùng", "Dũng", "Đức", "Tuấn", "Hải", "Long", "Nam", "Sơn", "Thắng", "Trung", "Bình", "Cường", "Hiếu", "Khánh", "Quân", "Thành", "Việt", "Phong", "Tùng"}}
	women := [2][]string{{"Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thúy", "Hồng", "Phương", "Kim"},
		{"Anh", "Ánh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương", "Thảo", "Trang", "Thủy", "Hà", "Yến", "Hằng", "Loan", "Vân", "Hạnh", "Dung"}}
	wards := mustDivisions(assets.WardsFile)
	pick := func(ss []string) string { return ss[r.IntN(len(ss))] }
	out := make([]*data.Trainee, n)
	for i := range out {
		female := r.IntN(5) < 3
		names := men
		if female {
			names = women
		}
		birth := day(1961+r.IntN(49), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		t := &data.Trainee{Name: vn.Name{Family: pick(families), Middle: pick(names[0]), Given: pick(names[1])}, Female: female,
			BirthDate: birth, BirthPlace: "Hà Nội", WardCode: wards[r.IntN(len(wards))].Code, Address: "Thôn " + pick([]string{"Đông", "Đoài", "Nam", "Bắc", "Thượng", "Hạ"})}
		if r.IntN(5) > 0 {
			sex := (birth.Year/100 - 19) * 2
			if female {
				sex++
			}
			t.CCCD = fmt.Sprintf("001%d%02d%06d", sex, birth.Year%100, i)
		}
		if r.IntN(10) > 0 {
			t.Phone = fmt.Sprintf("09%08d", r.IntN(100_000_000))
		}
		out[i] = t
	}
	return out
}

// generateClasses makes benchClasses-1 classes over 2016–2026 through CreateClass, finished and
// certified but for the last year's, and returns their IDs.
func generateClasses(db *store.DB, r *rand.Rand) ([]int64, error) {
	trades := []string{"Gốm sứ", "Mây tre đan", "Dệt lụa", "Sơn mài", "Khảm trai", "Đồ gỗ mỹ nghệ", "Thêu ren", "Nón lá", "Làm hương", "Điêu khắc đá", "Chế biến nông sản", "Cơ khí", "May mặc"}
	wards := mustDivisions(assets.WardsFile)
	var ids []int64
	for i := range benchClasses - 1 {
		year := 2016 + i*11/benchClasses
		trade := trades[r.IntN(len(trades))]
		c := data.NewClass()
		c.Kind = data.ClassKinds[r.IntN(len(data.ClassKinds))]
		c.Code = fmt.Sprintf("LH-%d-%03d", year, i%273+1)
		c.Name = fmt.Sprintf("Lớp %s %s %s", strings.ToLower(c.Kind.Label()), strings.ToLower(trade), wards[r.IntN(len(wards))].Name)
		c.Trade, c.WardCode, c.Capacity, c.Budget, c.Hours = trade, wards[r.IntN(len(wards))].Code, benchPerClass+10, int64(50+r.IntN(200))*1_000_000, 40+r.IntN(400)
		c.HostEnterpriseID = int64(1 + r.IntN(benchSize))
		c.Start = day(year, time.Month(1+r.IntN(9)), 1+r.IntN(28))
		c.End = c.Start.AddDays(14 + r.IntN(70))
		c.Trainers = "Nghệ nhân " + trade
		c.Status = data.ClassCertified
		if year == 2026 {
			c.Status = data.ClassFinished
		}
		if err := db.CreateClass(ctx, c); err != nil {
			return nil, fmt.Errorf("class %d: %w", i, err)
		}
		ids = append(ids, c.ID)
	}
	return ids, nil
}

// generateEnrolments gives each class benchPerClass trainees (with scores and some withdrawn)
// and 5 to 35 sessions, in one transaction.
func generateEnrolments(db *store.DB, r *rand.Rand, classIDs []int64) error {
	tx, err := db.SQL().Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	enrol, err := tx.Prepare(`INSERT INTO enrollments (class_id, trainee_id, status, withdrawn_on, withdraw_reason, score, employed, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	session, err := tx.Prepare(`INSERT INTO sessions (class_id, date, created_at, updated_at) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	at := now.Format(time.RFC3339)
	for _, id := range classIDs {
		var start, end string
		if err := tx.QueryRow(`SELECT start_date, end_date FROM classes WHERE id = ?`, id).Scan(&start, &end); err != nil {
			return err
		}
		first := 1 + r.IntN(benchTrainees-benchPerClass*3)
		for k := range benchPerClass {
			status, withdrawn, reason, score := "hoc", "", "", any(40+r.IntN(61))
			if r.IntN(30) == 0 {
				status, withdrawn, reason, score = "thoi_hoc", start, "Bận việc gia đình", nil
			}
			if _, err := enrol.Exec(id, first+k*3, status, withdrawn, reason, score, r.IntN(3) > 0, at, at); err != nil {
				return err
			}
		}
		d, _ := vn.ParseISODate(start)
		last, _ := vn.ParseISODate(end)
		for range 5 + r.IntN(31) {
			if _, err := session.Exec(id, d.ISO(), at, at); err != nil {
				return err
			}
			if d.Before(last) {
				d = d.AddDays(1)
			}
		}
	}
	return tx.Commit()
}

// generateBigClass makes class benchBigCode, running, with 60 trainees enrolled through the
// store and 40 sessions (Monday to Friday for eight weeks).
func generateBigClass(db *store.DB) error {
	c := data.NewClass()
	c.Code, c.Name, c.Trade, c.Capacity, c.Status = benchBigCode, "Lớp truyền nghề mây tre đan Phú Vinh", "Mây tre đan", 60, data.ClassRunning
	c.Start, c.End, c.HostEnterpriseID = day(2026, 3, 2), day(2026, 4, 24), 1
	if err := db.CreateClass(ctx, c); err != nil {
		return err
	}
	ids := make([]int64, 60)
	for i := range ids {
		ids[i] = int64(benchTrainees - 7*i)
	}
	if _, err := db.EnrollMany(ctx, c.ID, ids); err != nil {
		return err
	}
	ss, err := db.GenerateSessions(ctx, c.ID, []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday})
	if err != nil {
		return err
	}
	if len(ss) != 40 {
		return fmt.Errorf("big class: %d sessions, want 40", len(ss))
	}
	return nil
}

// traineeQueries are searches a clerk types: broad names matching tens of thousands, narrow ones,
// a CCCD, a phone and nothing.
var traineeQueries = []string{"nguyen", "nguyen thi", "thi anh", "hung", "dang van tung", "001190", "0912", "0912 345", "zzz"}

func BenchmarkTraineeSearchFirstPage(b *testing.B) {
	db := MustOpenDBAt(b, TrainingBenchDB(b))
	for _, q := range traineeQueries {
		b.Run(q, func(b *testing.B) {
			f := data.TraineeFilter{Search: q, Limit: 50}
			for b.Loop() {
				if _, err := db.FindTrainees(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkTraineeCount(b *testing.B) {
	db := MustOpenDBAt(b, TrainingBenchDB(b))
	for _, q := range append([]string{""}, traineeQueries...) {
		b.Run("search="+q, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.CountTrainees(ctx, data.TraineeFilter{Search: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkClassFirstPage(b *testing.B) {
	db := MustOpenDBAt(b, TrainingBenchDB(b))
	year := 2024
	for name, f := range map[string]data.ClassFilter{
		"newest":   {Desc: true, Limit: 50},
		"search":   {Search: "gom su", Desc: true, Limit: 50},
		"year":     {Year: &year, Limit: 50},
		"enrolled": {Sort: data.ClassByEnrolled, Desc: true, Limit: 50},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := db.FindClasses(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// bigClass returns the class of 60 trainees and 40 sessions.
func bigClass(b *testing.B, db *store.DB) *data.Class {
	c, err := db.FindClassByCode(ctx, benchBigCode)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

func BenchmarkAttendanceGrid60x40(b *testing.B) {
	db := MustOpenDBAt(b, TrainingBenchDB(b))
	c := bigClass(b, db)
	for b.Loop() {
		g, err := db.AttendanceGrid(ctx, c.ID)
		if err != nil {
			b.Fatal(err)
		}
		if len(g.Roster) != 60 || len(g.Sessions) != 40 || len(g.Marks) != 2400 {
			b.Fatalf("grid %d × %d, %d marks", len(g.Roster), len(g.Sessions), len(g.Marks))
		}
	}
}

func BenchmarkClassRoster60(b *testing.B) {
	db := MustOpenDBAt(b, TrainingBenchDB(b))
	c := bigClass(b, db)
	for b.Loop() {
		if _, err := db.ClassRoster(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSaveSessionAttendance60(b *testing.B) {
	db := MustOpenDBAt(b, TrainingBenchDB(b))
	g, err := db.AttendanceGrid(ctx, bigClass(b, db).ID)
	if err != nil {
		b.Fatal(err)
	}
	session := g.Sessions[len(g.Sessions)/2].ID
	i := 0
	for b.Loop() {
		marks := make(map[int64]data.AttendanceMark, len(g.Roster))
		for k, v := range g.Roster {
			marks[v.ID] = data.AttendanceMarks[(i+k)%len(data.AttendanceMarks)]
		}
		if err := db.SaveSessionAttendance(ctx, session, marks); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
