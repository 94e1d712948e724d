package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/data/store/storetest"
)

// The fair benchmarks share one database: 2,000 enterprises; ten years of fairs (400 fairs of
// 120 booths, 100 fair_bookings each holding one booth: 40,000 fair_bookings) written straight in SQL; and
// one big fair of 600 booths with 500 bookings made through Register.
var (
	fairBenchOnce sync.Once
	fairBenchPath string
	fairBenchID   int64
	fairBenchEnts []int64 // the enterprises not archived, in id order
	fairBenchErr  error
)

const (
	fairBenchEnterprises = 2000
	fairBenchYears       = 10
	fairBenchPerYear     = 40
	fairBenchBookings    = 100
	fairBenchBooths      = 120
)

func FairBenchDB(b *testing.B) (string, int64) {
	b.Helper()
	fairBenchOnce.Do(func() {
		// One fixed folder, emptied at each run: TestMain removes only the enterprise benchmarks'.
		dir := filepath.Join(os.TempDir(), "khuyencong-fair-bench")
		if fairBenchErr = os.RemoveAll(dir); fairBenchErr != nil {
			return
		}
		if fairBenchErr = os.MkdirAll(dir, 0o755); fairBenchErr != nil {
			return
		}
		fairBenchPath = filepath.Join(dir, "khuyencong.db")
		fairBenchID, fairBenchErr = generateFairs(b, fairBenchPath)
	})
	if fairBenchErr != nil {
		b.Fatal(fairBenchErr)
	}
	return fairBenchPath, fairBenchID
}

func generateFairs(tb testing.TB, path string) (int64, error) {
	db, err := store.Create(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	storetest.AddAdmin(tb, db, tester) // the generation acts as tester
	if err := db.CreateEnterprises(ctx, Generate(fairBenchEnterprises)); err != nil {
		return 0, err
	}
	rows, err := db.SQL().Query(`SELECT id FROM enterprises WHERE archived = 0 ORDER BY id`)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		fairBenchEnts = append(fairBenchEnts, id)
	}
	rows.Close()
	if len(fairBenchEnts) < 1200 {
		return 0, fmt.Errorf("only %d current enterprises", len(fairBenchEnts))
	}
	tx, err := db.SQL().Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	kinds := []data.FairKind{data.FairCentre, data.FairDomestic, data.FairAbroad}
	rule := `{"SharePercent":80,"CapPerBooth":12000000,"CapPerEnterprise":24000000,"AbroadPerYear":2}`
	at := "2026-01-01T00:00:00Z"
	for y := 0; y < fairBenchYears; y++ {
		year := 2016 + y
		for i := 0; i < fairBenchPerYear; i++ {
			start := fmt.Sprintf("%04d-%02d-%02d", year, 1+i%12, 1+i%25)
			res, err := tx.Exec(`INSERT INTO fairs (code, name, kind, city, country, start_date, end_date, deadline, booth_price,
				share_percent, cap_booth, cap_enterprise, abroad_per_year, status, created_at, updated_at)
				VALUES (?, ?, ?, 'Hà Nội', 'Việt Nam', ?, ?, '', 12000000, 80, 12000000, 24000000, 2, 'da_dien_ra', ?, ?)`,
				fmt.Sprintf("HC-%d-%03d", year, i+1), fmt.Sprintf("Hội chợ hàng thủ công mỹ nghệ %d số %d", year, i+1),
				string(kinds[i%3]), start, start, at, at)
			if err != nil {
				return 0, err
			}
			fid, _ := res.LastInsertId()
			if _, err := tx.Exec(`INSERT INTO fair_search (rowid, text) VALUES (?, ?)`, fid, fmt.Sprintf(" hc %d hoi cho hang thu cong my nghe", year)); err != nil {
				return 0, err
			}
			for n := 1; n <= fairBenchBooths; n++ {
				res, err := tx.Exec(`INSERT INTO booths (fair_id, number, number_key, width_cm, depth_cm, kind, price) VALUES (?, ?, ?, 300, 300, 'tieu_chuan', 0)`,
					fid, fmt.Sprintf("A%03d", n), fmt.Sprintf("A%08d", n))
				if err != nil {
					return 0, err
				}
				if n > fairBenchBookings {
					continue
				}
				bid, _ := res.LastInsertId()
				eid := fairBenchEnts[(y*fairBenchPerYear+i+n*17)%len(fairBenchEnts)]
				res, err = tx.Exec(`INSERT INTO fair_bookings (fair_id, enterprise_id, booths_wanted, status, fee, support, own_share, rule, created_at, updated_at)
					VALUES (?, ?, 1, 'da_tham_gia', 12000000, 9600000, 2400000, ?, ?, ?)`, fid, eid, rule, at, at)
				if err != nil {
					return 0, err
				}
				kid, _ := res.LastInsertId()
				if _, err := tx.Exec(`INSERT INTO booking_booths (booth_id, booking_id, fair_id) VALUES (?, ?, ?)`, bid, kid, fid); err != nil {
					return 0, err
				}
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	big := &data.Fair{Name: "Hội chợ Làng nghề Hà Nội 2026", Kind: data.FairCentre, City: "Hà Nội",
		Start: day(2026, 12, 15), End: day(2026, 12, 20), BoothPrice: 12_000_000}
	if err := db.CreateFair(ctx, big); err != nil {
		return 0, err
	}
	var booths []*data.Booth
	for i := 1; i <= 600; i++ {
		booths = append(booths, &data.Booth{Number: fmt.Sprintf("%c%02d", 'A'+(i-1)/50, 1+(i-1)%50), WidthCM: 300, DepthCM: 300, Kind: data.BoothStandard})
	}
	if err := db.AddBooths(ctx, big.ID, booths); err != nil {
		return 0, err
	}
	for e := 1; e <= 500; e++ {
		if _, err := db.Register(ctx, data.BookingRequest{FairID: big.ID, EnterpriseID: fairBenchEnts[e-1], BoothsWanted: 1}); err != nil {
			return 0, err
		}
	}
	return big.ID, nil
}

func openFairBench(b *testing.B) (*store.DB, int64) {
	path, id := FairBenchDB(b)
	db, err := store.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db, id
}

// BenchmarkBoothMap reads the booth map of a fair of 600 booths, 500 held.
func BenchmarkBoothMap(b *testing.B) {
	db, id := openFairBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		bs, err := db.Booths(ctx, id)
		if err != nil || len(bs) != 600 || bs[0].Holder == "" {
			b.Fatal(len(bs), err)
		}
	}
}

// BenchmarkRegisterWithSupport registers one booking with a booth assigned and its support
// computed and saved, at the big fair; the booking is cancelled outside the timer.
func BenchmarkRegisterWithSupport(b *testing.B) {
	db, id := openFairBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k, err := db.Register(ctx, data.BookingRequest{FairID: id, EnterpriseID: fairBenchEnts[500+i%(len(fairBenchEnts)-500)], BoothsWanted: 1, Products: "Gốm sứ"})
		if err != nil || k.Support != 12_000_000 {
			b.Fatal(k, err)
		}
		b.StopTimer()
		if _, err := db.CancelBooking(ctx, k.ID, k.Version, "benchmark"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}

// BenchmarkFairListWithCounts lists all 401 fairs, newest first, with booths and booked counts.
func BenchmarkFairListWithCounts(b *testing.B) {
	db, _ := openFairBench(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		fs, err := db.FindFairs(ctx, data.FairFilter{})
		if err != nil || len(fs) != 401 || fs[1].Booked != fairBenchBookings {
			b.Fatal(len(fs), err)
		}
	}
}
