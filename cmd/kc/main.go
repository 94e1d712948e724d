// Command kc is the desk's core on the command line: seed, list, back up. It opens the same
// database as the window (the -db flag points elsewhere) and prints errors to stderr in Vietnamese.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/user"
	"strings"

	"khuyencong/cmd/internal/config"
	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/sqlite"
)

// version is set by the build from FyneApp.toml.
var version = "dev"

// demoSize is how many enterprises `kc seed --demo` makes, as the window's sample does.
const demoSize = 300

const usage = `kc: bàn làm việc khuyến công, dòng lệnh.

  kc [-db TỆP] seed --demo                 nạp dữ liệu mẫu (khoảng 300 doanh nghiệp) vào cơ sở dữ liệu trống
  kc [-db TỆP] seed --scale N              nạp N doanh nghiệp sinh tự động (đo hiệu năng)
  kc [-db TỆP] enterprises list [--search CHỮ] [--ward MÃ] [--limit N]
                                           mỗi dòng một doanh nghiệp: mã, tên, mã số thuế, phường/xã (cách nhau bởi tab)
  kc [-db TỆP] backup THƯ_MỤC              sao lưu cơ sở dữ liệu vào thư mục
  kc version                               phiên bản

-db có thể đứng trước hoặc sau tên lệnh; thiếu -db thì dùng cơ sở dữ liệu của cửa sổ chương trình.
`

func main() {
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	ctx := data.WithUser(context.Background(), currentUser())
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "kc:", data.ErrorMessage(err))
			if data.ErrorCode(err) == data.EINTERNAL {
				log.Print(err)
			}
		}
		os.Exit(1)
	}
}

// Main is one run of kc.
type Main struct {
	// Stdout receives results, Stderr help and errors.
	Stdout, Stderr io.Writer
	// DBPath is the database file; empty means the one the window uses.
	DBPath string
}

// Run runs the command args name.
func (m *Main) Run(ctx context.Context, args []string) error {
	global := m.flags("kc")
	if err := global.Parse(args); err != nil {
		return err
	}
	args = global.Args()
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return data.Errorf(data.EINVALID, "Thiếu tên lệnh.")
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "version":
		fmt.Fprintln(m.Stdout, "kc", version)
		return nil
	case "seed":
		return m.seed(ctx, rest)
	case "enterprises":
		if len(rest) == 0 || rest[0] != "list" {
			return data.Errorf(data.EINVALID, "Lệnh enterprises cần việc cần làm: kc enterprises list.")
		}
		return m.listEnterprises(ctx, rest[1:])
	case "backup":
		return m.backup(ctx, rest)
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, usage)
		return nil
	default:
		fmt.Fprint(m.Stderr, usage)
		return data.Errorf(data.EINVALID, "Không có lệnh %q.", cmd)
	}
}

// flags returns a flag set that knows -db, so it may come before or after the command name.
func (m *Main) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() { fmt.Fprint(m.Stderr, usage) }
	fs.Func("db", "tệp cơ sở dữ liệu", func(s string) error { m.DBPath = s; return nil })
	return fs
}

// parse reads a command's flags, refusing stray arguments beyond want.
func (m *Main) parse(fs *flag.FlagSet, args []string, want int) ([]string, error) {
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	switch {
	case fs.NArg() > want:
		return nil, data.Errorf(data.EINVALID, "Lệnh %s không nhận thêm: %s.", fs.Name(), strings.Join(fs.Args()[want:], " "))
	case fs.NArg() < want:
		fmt.Fprint(m.Stderr, usage)
		return nil, data.Errorf(data.EINVALID, "Lệnh %s thiếu tham số; xem cách dùng ở trên.", fs.Name())
	}
	return fs.Args(), nil
}

func (m *Main) open() (*sqlite.DB, error) {
	if m.DBPath == "" {
		p, err := config.DBPath()
		if err != nil {
			return nil, err
		}
		m.DBPath = p
	}
	return sqlite.Open(m.DBPath)
}

func (m *Main) seed(ctx context.Context, args []string) error {
	fs := m.flags("seed")
	isDemo := fs.Bool("demo", false, "dữ liệu mẫu")
	scale := fs.Int("scale", 0, "số doanh nghiệp sinh tự động")
	seed := fs.Int64("seed", 1, "hạt giống ngẫu nhiên")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	n := *scale
	switch {
	case *isDemo && n == 0:
		n = demoSize
	case *isDemo || n <= 0:
		return data.Errorf(data.EINVALID, "Hãy chọn một trong hai: kc seed --demo, hoặc kc seed --scale N với N > 0.")
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	if have, err := db.CountEnterprises(ctx, data.EnterpriseFilter{}); err != nil {
		return err
	} else if have > 0 {
		return data.Errorf(data.ECONFLICT, "Cơ sở dữ liệu %s đã có %d doanh nghiệp; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống (dùng -db TỆP_MỚI).", m.DBPath, have)
	}
	made, err := demo.Load(ctx, db, db, n, *seed)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "Đã nạp %d doanh nghiệp vào %s\n", made, m.DBPath)
	return nil
}

func (m *Main) listEnterprises(ctx context.Context, args []string) error {
	fs := m.flags("enterprises list")
	search := fs.String("search", "", "tìm theo tên, mã số thuế, người đại diện… (không dấu cũng được)")
	ward := fs.String("ward", "", "mã phường/xã")
	limit := fs.Int("limit", 0, "số dòng tối đa (0: tất cả)")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	if *limit < 0 {
		return data.Errorf(data.EINVALID, "--limit phải từ 0 trở lên.")
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	f := data.EnterpriseFilter{Search: *search, Limit: *limit}
	if *ward != "" {
		f.WardCode = ward
	}
	es, err := db.FindEnterprises(ctx, f)
	if err != nil {
		return err
	}
	for _, e := range es {
		if _, err := fmt.Fprintf(m.Stdout, "%d\t%s\t%s\t%s\n", e.ID, e.Name, e.TaxCode, e.WardCode); err != nil {
			return err
		}
	}
	return nil
}

func (m *Main) backup(ctx context.Context, args []string) error {
	fs := m.flags("backup")
	rest, err := m.parse(fs, args, 1)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(rest[0], 0o755); err != nil {
		return data.Errorf(data.EINVALID, "Không tạo được thư mục %s: %v.", rest[0], err)
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	path, err := db.BackupTo(ctx, rest[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, path)
	return nil
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return os.Getenv("USERNAME")
}
