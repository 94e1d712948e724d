// Command kc is the desk's core on the command line: seed, list, issue and verify certificates,
// write the documents the window prints (through reports/docs, so they are the same bytes), back
// up. It opens the same
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
	"slices"
	"strconv"
	"strings"
	"time"

	"khuyencong/cmd/internal/config"
	"khuyencong/data"
	"khuyencong/data/demo"
	"khuyencong/data/store"
	"khuyencong/reports/docs"
)

// version is set by the build from FyneApp.toml.
var version = "dev"

// demoSize is how many enterprises `kc seed --demo` makes, as the window's sample does.
const demoSize = 300

// scaleProgrammes is how many đề án a year `kc seed --scale` makes, over ten years.
const scaleProgrammes = 60

// scaleVillages and scaleEquipment are the craft villages `kc seed --scale` registers and the
// equipment records it makes a year, over ten years.
const (
	scaleVillages  = 130
	scaleEquipment = 200
)

const usage = `kc: bàn làm việc khuyến công, dòng lệnh.

  kc [-db TỆP] seed --demo                 tạo cơ sở dữ liệu mới với dữ liệu mẫu: khoảng 300 doanh nghiệp,
                                           12 lớp học với học viên, điểm danh, kết quả, 10 hội chợ với gian
                                           hàng, đăng ký tham gia, kinh phí hỗ trợ, và kế hoạch khuyến công ba
                                           năm với đề án, chỉ tiêu, các khoản tạm ứng và thanh toán
  kc [-db TỆP] seed --scale N [--classes C]
                                           tạo cơ sở dữ liệu mới với N doanh nghiệp sinh tự động, và C lớp
                                           học khoảng 50 học viên mỗi lớp, cùng 600 đề án của mười năm gắn với
                                           các lớp và khoảng 20.000 khoản chi (đo hiệu năng)
  kc [-db TỆP] init --admin TÊN [--name "HỌ TÊN"]
                                           tạo cơ sở dữ liệu mới, trống, với người quản trị TÊN, hoặc người quản trị đầu
                                           tiên của cơ sở dữ liệu chưa có người dùng (từ phiên bản trước); mật khẩu (ít
                                           nhất 10 ký tự) gõ hai lần, hoặc lấy từ biến môi trường KC_PASSWORD
  kc [-db TỆP] seed [--demo|--scale N] --certified-class N
                                           thêm (hoặc chỉ tạo) một lớp đã kết thúc, N học viên đủ điều kiện, đã cấp
                                           chứng chỉ; in mã lớp (đo hiệu năng kc certs print)
  kc [-db TỆP] enterprises list [--search CHỮ] [--ward MÃ] [--status current|archived|all] [--limit N]
                                           mỗi dòng một doanh nghiệp: mã, tên, mã số thuế, phường/xã (cách nhau bởi tab)
  kc [-db TỆP] enterprises export [--search CHỮ] [--ward MÃ] [--status …] -o TỆP.pdf|TỆP.xlsx
                                           ghi danh sách doanh nghiệp (chọn như enterprises list), PDF hoặc Excel theo đuôi tệp
  kc [-db TỆP] trainees export [--search CHỮ] [--ward MÃ] -o TỆP.pdf|TỆP.xlsx
                                           ghi danh sách học viên (tìm và lọc như màn hình Học viên, xếp theo họ tên),
                                           PDF hoặc Excel theo đuôi tệp
  kc [-db TỆP] classes list [--year NĂM]   mỗi dòng một lớp học: mã lớp, tên, loại lớp, ngày bắt đầu, ngày kết thúc,
                                           số học viên/tối đa, trạng thái (cách nhau bởi tab); --year: lớp bắt đầu trong năm
  kc [-db TỆP] classes roster|attendance|results MÃ_LỚP -o TỆP.pdf
                                           in danh sách học viên (roster), bảng điểm danh (attendance) hoặc bảng kết
                                           quả học tập (results) của lớp ra tệp PDF
  kc [-db TỆP] settings signer [--title CHỨC_DANH] [--name HỌ_TÊN]
                                           đặt người ký chứng chỉ (chức danh, họ tên); không có cờ thì in người ký hiện tại
  kc [-db TỆP] certs issue MÃ_LỚP --decision SỐ_QĐ --decision-date dd/mm/yyyy [--date dd/mm/yyyy]
                                           cấp chứng chỉ cho mọi học viên đủ điều kiện của lớp đã kết thúc; in mỗi
                                           chứng chỉ một dòng: số hiệu, số vào sổ, họ tên; rồi người không được cấp
                                           và lý do. --date: ngày cấp (mặc định hôm nay). Cần đặt người ký trước, và mật
                                           khẩu ký (KC_SIGNING_PASSPHRASE hoặc gõ khi được hỏi)
  kc [-db TỆP] certs print MÃ_LỚP -o TỆP.pdf [--small]
                                           in các chứng chỉ còn hiệu lực của lớp, mỗi trang một chứng chỉ; --small:
                                           khổ 190 × 135 mm (mặc định theo cài đặt, thường là A4 ngang)
  kc [-db TỆP] certs list [--class MÃ_LỚP] [--year NĂM]
                                           mỗi dòng một chứng chỉ: số hiệu, số vào sổ, họ tên, ngày sinh, mã lớp,
                                           ngày cấp, tình trạng (cách nhau bởi tab)
  kc [-db TỆP] certs register [--year NĂM] [--class MÃ_LỚP] -o TỆP.pdf|TỆP.xlsx
                                           ghi sổ cấp chứng chỉ của năm (mặc định năm nay) hoặc của lớp, PDF hoặc Excel
                                           theo đuôi tệp
  kc [-db TỆP] certs revoke|reissue SỐ_HIỆU --reason "LÝ DO" [--date dd/mm/yyyy]
                                           thu hồi chứng chỉ, hoặc cấp lại bằng chứng chỉ mới (số hiệu, số vào sổ mới);
                                           cần mật khẩu ký (KC_SIGNING_PASSPHRASE hoặc gõ khi được hỏi)
  kc [-db TỆP] certs key                   in khóa công khai của trung tâm (Ed25519, base64 chuẩn có dấu =), để đơn
                                           vị khác kiểm tra mã QR không cần chương trình này
  kc [-db TỆP] key show                    in khóa công khai đang dùng, khóa đã niêm phong chưa, và mọi khóa của trung
                                           tâm với ngày bắt đầu, ngày thôi dùng
  kc [-db TỆP] key passphrase              đặt (lần đầu: tạo khóa, hoặc niêm phong khóa của phiên bản trước) hoặc đổi mật
                                           khẩu ký; mật khẩu hiện tại từ KC_SIGNING_PASSPHRASE, mật khẩu mới từ
                                           KC_NEW_SIGNING_PASSPHRASE, hoặc gõ khi được hỏi
  kc [-db TỆP] key export -o TỆP           xuất khóa ký đang dùng ra tệp mới, bảo vệ bằng mật khẩu riêng của tệp
                                           (KC_KEY_FILE_PASSPHRASE hoặc gõ hai lần), để chuyển sang máy khác
  kc [-db TỆP] key import TỆP              nhập khóa ký từ tệp đã xuất (mật khẩu của tệp, rồi mật khẩu ký)
  kc [-db TỆP] key rotate                  thay khóa ký bằng khóa mới do khóa cũ xác nhận; chứng chỉ cũ vẫn kiểm tra được
  kc [-db TỆP] register check --year NĂM   kiểm tra sổ cấp chứng chỉ của năm: số thứ tự liền nhau, nội dung, chữ ký và
                                           chuỗi liên kết các dòng; in ok, hoặc bad với dòng sai đầu tiên (mã thoát 1)
  kc [-db TỆP] certs qr SỐ_HIỆU            in nội dung mã QR của chứng chỉ, một dòng, đúng như đã ký khi cấp
  kc [-db TỆP] verify SỐ_HIỆU|"NỘI DUNG MÃ QR"
                                           tra cứu chứng chỉ: in kết luận (valid, revoked, replaced, unknown, forged)
                                           và lời giải thích; mã thoát 0 chỉ khi chứng chỉ hợp lệ. Nhận cả đường link
                                           tới trang kiểm tra và dòng zbarimg in ra: kc verify "$(zbarimg -q trang.png)"
  kc [-db TỆP] verify-page [--address ĐỊA_CHỈ] [-o THƯ_MỤC]
                                           trang kiểm tra chứng chỉ bằng điện thoại: --address đặt địa chỉ đăng trang
                                           (mã QR in từ đó mang đường link tới trang; "" để bỏ); -o ghi vào thư mục
                                           index.html và thu-hoi.json (danh sách thu hồi, ký bằng mật khẩu ký:
                                           KC_SIGNING_PASSPHRASE hoặc gõ khi được hỏi); không có cờ thì in địa chỉ
  kc [-db TỆP] fairs list [--year NĂM]     mỗi dòng một hội chợ: mã, tên, loại, thành phố/nước, ngày khai mạc,
                                           ngày bế mạc, số gian đã đặt/tổng số gian, trạng thái (cách nhau bởi
                                           tab); --year: hội chợ khai mạc trong năm
  kc [-db TỆP] fairs participants|settlement MÃ_HỘI_CHỢ -o TỆP.pdf|TỆP.xlsx
                                           ghi danh sách doanh nghiệp tham gia (participants) hoặc bảng tổng hợp kinh
                                           phí hỗ trợ (settlement) của hội chợ, PDF hoặc Excel theo đuôi tệp
  kc [-db TỆP] programmes list [--year NĂM]
                                           mỗi dòng một đề án: năm, mã, tên, nội dung, trạng thái, kinh phí khuyến công,
                                           đã cam kết, đã chi, còn lại (cách nhau bởi tab); --year: đề án của kế hoạch năm
  kc [-db TỆP] programmes sheet MÃ_ĐỀ_ÁN [--year NĂM] -o TỆP.pdf|TỆP.xlsx
                                           ghi thông tin đề án: kinh phí, chỉ tiêu, lớp học, hội chợ, thiết bị thuộc đề án,
                                           các khoản đã chi; --year khi mã đề án có ở nhiều năm
  kc [-db TỆP] programmes progress MÃ_ĐỀ_ÁN [--year NĂM] [--date dd/mm/yyyy] -o TỆP.pdf|TỆP.xlsx
                                           ghi báo cáo tiến độ thực hiện đề án tính đến ngày --date (mặc định hôm nay):
                                           chỉ tiêu đạt được, kinh phí đã cam kết, đã chi, còn lại
  kc [-db TỆP] villages list               mỗi dòng một làng nghề: số, tên, mã phường/xã, ngành nghề, số doanh nghiệp,
                                           số hộ và số lao động làm nghề (cách nhau bởi tab)
  kc [-db TỆP] villages history SỐ|TÊN -o TỆP.pdf|TỆP.xlsx
                                           ghi quá trình hỗ trợ của làng nghề: doanh nghiệp, lớp học, người được đào tạo,
                                           các nội dung hỗ trợ theo năm
  kc [-db TỆP] enterprises history SỐ -o TỆP.pdf|TỆP.xlsx
                                           ghi mọi hỗ trợ doanh nghiệp đã nhận (lớp học, đào tạo, hội chợ, thiết bị),
                                           tổng theo năm; SỐ là cột đầu của enterprises list
  kc [-db TỆP] report list                 mỗi dòng một báo cáo: tên, tiêu đề, các cờ lọc nó nhận
  kc [-db TỆP] report TÊN (--from dd/mm/yyyy --to dd/mm/yyyy | --year NĂM [--quarter 1-4]) [--ward MÃ]
               [--trade NGÀNH] [--village SỐ|TÊN] [--kind LOẠI_LỚP] [--funding quoc_gia|dia_phuong] -o TỆP.pdf|TỆP.xlsx
                                           ghi báo cáo của kỳ (ket-qua, dao-tao, hoi-cho, ho-tro, chung-chi, lang-nghe),
                                           PDF hoặc Excel theo đuôi tệp; cách tính số liệu: xem README
  kc [-db TỆP] users list                  mỗi dòng một người dùng: tên đăng nhập, họ tên, vai trò, tình trạng, lần đăng
                                           nhập cuối (cách nhau bởi tab)
  kc [-db TỆP] users add TÊN --role VAI_TRÒ --name "HỌ TÊN"
                                           thêm người dùng; VAI_TRÒ là quan_tri, van_thu, giang_vien, lanh_dao hoặc chi_xem;
                                           mật khẩu của người mới gõ hai lần, hoặc lấy từ KC_NEW_PASSWORD
  kc [-db TỆP] users role TÊN VAI_TRÒ      đổi vai trò của người dùng
  kc [-db TỆP] users disable|enable TÊN    vô hiệu người dùng (không đăng nhập được, lịch sử vẫn giữ), hoặc dùng lại
  kc [-db TỆP] users reset TÊN             đặt mật khẩu mới cho người dùng (gõ hai lần, hoặc KC_NEW_PASSWORD) và mở khóa
  kc [-db TỆP] users password              đổi mật khẩu của chính mình (mới: gõ hai lần, hoặc KC_NEW_PASSWORD)
  kc [-db TỆP] audit list [--user TÊN] [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--record LOẠI[:SỐ]] [--limit N]
                                           in lịch sử thay đổi, mới nhất trước (mặc định 100 mục; --limit 0: tất cả): số,
                                           thời điểm, người dùng, việc, hồ sơ, diễn giải; rồi mỗi trường đã đổi một dòng
                                           "trường: trước → sau". --user: thay đổi của người đó; --record enterprise:12:
                                           một hồ sơ
  kc [-db TỆP] audit check                 kiểm tra chuỗi băm của lịch sử thay đổi; mã thoát 1 và mục bị sửa khi chuỗi đứt
  kc [-db TỆP] import enterprises|trainees|villages TỆP [--mapping TỆP] [--dry-run] [--sheet TRANG]
               [--existing skip|update|new]
                                           nhập danh sách từ tệp Excel (.xlsx) hoặc CSV: tự tìm dòng tiêu đề và ghép
                                           cột (--mapping: tệp mỗi dòng "Tiêu đề cột = trường"), in từng dòng bị từ
                                           chối kèm lý do; mọi dòng hợp lệ được ghi trong một lần, hoặc không dòng nào.
                                           --existing: dòng trùng bản ghi đã có (cùng mã số thuế, CCCD, tên) thì bỏ qua
                                           (mặc định), cập nhật, hoặc nhập thành bản mới. --dry-run: chỉ kiểm tra.
                                           Mã thoát 0 chỉ khi mọi dòng được nhập hoặc được chủ ý bỏ qua
  kc [-db TỆP] import trainees TỆP --class MÃ_LỚP [--existing keep|update|skip]
                                           nhập học viên và ghi danh vào lớp; người đã có hồ sơ được ghi danh (keep)
  kc [-db TỆP] import bookings TỆP --fair MÃ_HỘI_CHỢ
                                           đăng ký các doanh nghiệp (theo mã số thuế hoặc tên) tham gia hội chợ
  kc [-db TỆP] backup THƯ_MỤC              sao lưu cơ sở dữ liệu vào thư mục
  kc [-db TỆP] restore TỆP_SAO_LƯU          khôi phục cơ sở dữ liệu từ bản sao lưu (hãy đóng cửa sổ chương trình
                                           trước); tệp đang dùng được giữ lại bên cạnh, dưới tên mới
  kc [-db TỆP] db copy [--from NGUỒN] --to ĐÍCH
                                           chép toàn bộ cơ sở dữ liệu (chuyển văn phòng): từ tệp lên máy chủ
                                           (--to postgres://tên:mật-khẩu@máy-chủ/cơ-sở-dữ-liệu, cơ sở dữ liệu trống)
                                           hoặc ngược lại (--to TỆP_MỚI.db); in số dòng từng bảng đã kiểm tra.
                                           Cần người quản trị của nguồn
  kc version                               phiên bản

-db có thể đứng trước hoặc sau tên lệnh; thiếu -db thì dùng cơ sở dữ liệu của cửa sổ chương trình. -db nhận
đường dẫn một tệp, hoặc địa chỉ máy chủ PostgreSQL postgres://tên-đăng-nhập@máy-chủ:5432/tên-cơ-sở-dữ-liệu;
mật khẩu máy chủ lấy từ tệp mật khẩu của PostgreSQL (nơi cửa sổ chương trình cất nó) hoặc biến PGPASSWORD.
Mọi lệnh trừ version và verify cần đăng nhập: --user TÊN (trước hoặc sau tên lệnh; với audit, trước tên
lệnh) hoặc biến môi trường KC_USER, mật khẩu gõ khi được hỏi hoặc lấy từ KC_PASSWORD. seed và init tạo
cơ sở dữ liệu mới nên không cần; seed tạo sẵn năm người dùng mẫu quantri, vanthu, giangvien, lanhdao,
chixem, cùng mật khẩu khuyencong-demo.
-o nhận tên một tệp mới, hoặc một tệp đã có để ghi đè (không nhận thư mục, thiết bị hay lối tắt), với đuôi
đúng loại tệp; tệp chỉ được thay khi đã ghi xong.
`

func main() {
	m := &Main{Stdout: os.Stdout, Stderr: os.Stderr}
	if err := m.Run(context.Background(), os.Args[1:]); err != nil {
		if !errors.Is(err, flag.ErrHelp) && !errors.Is(err, errNotValid) && !errors.Is(err, errAuditBroken) {
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
	// Now, when set, is the store's clock (tests pin it); nil means time.Now.
	Now func() time.Time

	// login is who acts (--user or KC_USER), "" for a command that needs nobody; password is
	// theirs once typed; user is them once open has signed them in.
	login, password string
	user            *data.User
	// userFlag is the last --user parsed: who acts is read before by userArg, and the filter of
	// `kc audit list --user` from here.
	userFlag string
}

// Run runs the command args name.
func (m *Main) Run(ctx context.Context, args []string) error {
	global := m.flags("kc")
	if err := global.Parse(args); err != nil {
		return err
	}
	all, args := args, global.Args()
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, usage)
		return data.Errorf(data.EINVALID, "Thiếu tên lệnh.")
	}
	if !needsNobody(args[0]) {
		var err error
		if ctx, err = m.actAs(ctx, all, len(all)-len(args)); err != nil {
			return err
		}
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "version":
		fmt.Fprintln(m.Stdout, "kc", version)
		return nil
	case "seed":
		return m.seed(ctx, rest)
	case "enterprises":
		switch {
		case len(rest) > 0 && rest[0] == "list":
			return m.listEnterprises(ctx, rest[1:])
		case len(rest) > 0 && rest[0] == "export":
			return m.exportEnterprises(ctx, rest[1:])
		case len(rest) > 0 && rest[0] == "history":
			return m.enterpriseHistory(ctx, rest[1:])
		}
		return data.Errorf(data.EINVALID, "Lệnh enterprises cần việc cần làm: kc enterprises list, kc enterprises export -o TỆP.pdf, hoặc kc enterprises history SỐ -o TỆP.pdf.")
	case "trainees":
		return m.trainees(ctx, rest)
	case "classes":
		switch {
		case len(rest) > 0 && rest[0] == "list":
			return m.listClasses(ctx, rest[1:])
		case len(rest) > 0 && classDocs[rest[0]].build != nil:
			return m.classDoc(ctx, rest[0], rest[1:])
		}
		return data.Errorf(data.EINVALID, "Lệnh classes cần việc cần làm: kc classes list, hoặc kc classes roster|attendance|results MÃ_LỚP -o TỆP.pdf.")
	case "certs":
		return m.certs(ctx, rest)
	case "verify":
		return m.verify(ctx, rest)
	case "verify-page":
		return m.verifyPage(ctx, rest)
	case "key":
		return m.key(ctx, rest)
	case "register":
		return m.register(ctx, rest)
	case "fairs":
		return m.fairs(ctx, rest)
	case "programmes":
		return m.programmes(ctx, rest)
	case "villages":
		return m.villages(ctx, rest)
	case "report":
		return m.report(ctx, rest)
	case "import":
		return m.importCmd(ctx, rest)
	case "settings":
		return m.settings(ctx, rest)
	case "init":
		return m.initDB(ctx, rest)
	case "users":
		return m.users(ctx, rest)
	case "audit":
		return m.audit(ctx, rest)
	case "backup":
		return m.backup(ctx, rest)
	case "restore":
		return m.restore(ctx, rest)
	case "db":
		return m.db(ctx, rest)
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
	fs.Func("db", "tệp cơ sở dữ liệu, hoặc địa chỉ máy chủ postgres://…", func(s string) error { m.DBPath = s; return nil })
	fs.Func("user", "tên đăng nhập của người dùng (thiếu thì lấy biến môi trường "+envUser+")", func(s string) error { m.userFlag = s; return nil })
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

// open opens the database at -db, or the configured one, after SQLite's quick check: a command
// runs once, so the second it takes at 100,000 enterprises is paid here rather than a damaged file
// half read. Then it signs in the user kc acts as, so nothing is read before their password is
// checked. It never creates a database.
func (m *Main) open() (*store.DB, error) {
	if err := m.resolveDB(); err != nil {
		return nil, err
	}
	db, err := store.OpenWith(m.DBPath, store.Options{QuickCheck: true, BackupDir: config.AutoBackupDir(m.DBPath)})
	if err != nil {
		return nil, err
	}
	if m.Now != nil {
		db.Now = m.Now
	}
	if err := m.signIn(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// exists reports whether the database at DBPath is there already: a file, or a server's database
// that has the program's schema (an empty one is where a new database goes; an unreachable one
// counts as there, so that opening it says what is wrong).
func (m *Main) exists() bool {
	if !store.IsServer(m.DBPath) {
		_, err := os.Lstat(m.DBPath)
		return err == nil
	}
	db, err := store.Open(m.DBPath)
	if err == nil {
		db.Close()
	}
	return data.ErrorCode(err) != data.ENOTFOUND
}

// resolveDB sets DBPath, when -db did not, to the database the window uses.
func (m *Main) resolveDB() error {
	if m.DBPath == "" {
		p, err := config.DBPath()
		if err != nil {
			return err
		}
		m.DBPath = p
	}
	return nil
}

func (m *Main) seed(ctx context.Context, args []string) error {
	fs := m.flags("seed")
	isDemo := fs.Bool("demo", false, "dữ liệu mẫu")
	scale := fs.Int("scale", 0, "số doanh nghiệp sinh tự động")
	classes := fs.Int("classes", 0, "số lớp học sinh tự động, cùng --scale")
	seed := fs.Int64("seed", 1, "hạt giống ngẫu nhiên")
	certified := fs.Int("certified-class", 0, "thêm một lớp đã kết thúc với N học viên đủ điều kiện, đã cấp chứng chỉ (đo hiệu năng in); in mã lớp")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	n := *scale
	switch {
	case *isDemo && n == 0:
		n = demoSize
	case *certified > 0 && !*isDemo && n == 0: // the class alone
	case *isDemo || n <= 0:
		return data.Errorf(data.EINVALID, "Hãy chọn một trong hai: kc seed --demo, hoặc kc seed --scale N với N > 0.")
	}
	switch {
	case *classes < 0:
		return data.Errorf(data.EINVALID, "--classes phải từ 0 trở lên.")
	case *classes > 0 && *isDemo:
		return data.Errorf(data.EINVALID, "--classes chỉ dùng cùng --scale N; dữ liệu mẫu --demo đã có sẵn các lớp học.")
	}
	if err := m.resolveDB(); err != nil {
		return err
	}
	if m.exists() {
		return data.Errorf(data.ECONFLICT, "Đã có cơ sở dữ liệu %s: kc seed chỉ nạp dữ liệu vào một tệp mới hoặc một cơ sở dữ liệu trống trên máy chủ, để không trộn với dữ liệu đang có. Hãy dùng -db TỆP_MỚI.", m.DBPath)
	}
	// All or nothing: a seed killed midway leaves no database, and the next one starts afresh.
	var made, madeClasses, madeFairs, madeProgrammes, madePayments int
	var certifiedCode string
	fill := func(db *store.DB) error {
		// The enterprises only (Load sees no training services), then the training on the store's clock.
		var err error
		if made, err = demo.Load(ctx, struct{ data.EnterpriseService }{db}, db, n, *seed); err != nil {
			return err
		}
		svc := demo.ServicesOf(db, db.Now)
		villages := scaleVillages
		if *isDemo {
			villages = 0 // the sample's own
		}
		if _, err := demo.Villages(ctx, db, db, villages, *seed); err != nil {
			return err
		}
		// The đề án first, so that the classes and fairs are linked to them; their payments last.
		var finish func(context.Context) (int, error)
		if !*isDemo {
			if madeProgrammes, finish, err = demo.ScaleProgrammes(ctx, svc, scaleProgrammes); err != nil {
				return err
			}
			if _, err := demo.Equipment(ctx, svc, db, scaleEquipment, *seed); err != nil {
				return err
			}
			if madeClasses, err = demo.ScaleTraining(ctx, svc, *classes, *seed); err != nil {
				return err
			}
			madePayments, err = finish(ctx)
			return err
		}
		if madeProgrammes, finish, err = demo.Programmes(ctx, svc); err != nil {
			return err
		}
		if _, err := demo.Equipment(ctx, svc, db, 0, *seed); err != nil {
			return err
		}
		if madeClasses, err = demo.Training(ctx, svc, *seed); err != nil {
			return err
		}
		if madeFairs, err = demo.Fairs(ctx, svc, *seed); err != nil {
			return err
		}
		madePayments, err = finish(ctx)
		return err
	}
	err := store.CreateWith(m.DBPath, func(db *store.DB) error {
		if m.Now != nil {
			db.Now = m.Now
		}
		// A new database gets the sample users, one per role; the program seeds as their administrator.
		if err := db.CreateSampleUsers(ctx); err != nil {
			return err
		}
		ctx = data.WithUser(ctx, "quantri")
		var err error
		if n > 0 { // else the certified class alone
			err = fill(db)
		}
		if err == nil && *isDemo {
			err = assignSampleTrainer(ctx, db)
		}
		if err == nil && *certified > 0 { // last: the sample's classes keep their codes
			certifiedCode, err = seedCertifiedClass(ctx, db, *certified)
		}
		return err
	})
	if err != nil {
		return err
	}
	if certifiedCode != "" {
		fmt.Fprintf(m.Stdout, "%s\tlớp đã cấp %d chứng chỉ\n", certifiedCode, *certified)
	}
	switch {
	case madeFairs > 0:
		fmt.Fprintf(m.Stdout, "Đã nạp %d doanh nghiệp và %d lớp học, cùng %d hội chợ với gian hàng và đăng ký tham gia, %d đề án khuyến công với %d khoản chi, vào %s\n", made, madeClasses, madeFairs, madeProgrammes, madePayments, m.DBPath)
	case madeProgrammes > 0:
		fmt.Fprintf(m.Stdout, "Đã nạp %d doanh nghiệp và %d lớp học, cùng %d đề án khuyến công với %d khoản chi, vào %s\n", made, madeClasses, madeProgrammes, madePayments, m.DBPath)
	case madeClasses > 0:
		fmt.Fprintf(m.Stdout, "Đã nạp %d doanh nghiệp và %d lớp học vào %s\n", made, madeClasses, m.DBPath)
	case made == 0: // the certified class alone, said above
	default:
		fmt.Fprintf(m.Stdout, "Đã nạp %d doanh nghiệp vào %s\n", made, m.DBPath)
	}
	return nil
}

// assignSampleTrainer makes the sample trainer giangvien the trainer of every class of the sample,
// so that signing in as giangvien shows what a trainer may record.
func assignSampleTrainer(ctx context.Context, db *store.DB) error {
	users, err := db.FindUsers(ctx)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(users, func(u *data.User) bool { return u.Login == "giangvien" })
	classes, err := db.FindClasses(ctx, data.ClassFilter{})
	for _, c := range classes {
		if err == nil {
			err = db.SetClassTrainers(ctx, c.ID, []int64{users[i].ID})
		}
	}
	return err
}

// enterpriseFlags adds the flags that select enterprises, as the list's search box and ward
// filter do, and returns the filter they fill once parsed.
func enterpriseFlags(fs *flag.FlagSet) func() (data.EnterpriseFilter, error) {
	search := fs.String("search", "", "tìm theo tên, mã số thuế, người đại diện… (không dấu cũng được)")
	ward := fs.String("ward", "", "mã phường/xã")
	status := fs.String("status", "current", "current (đang hoạt động, như danh sách trong cửa sổ), archived (đã lưu trữ) hoặc all")
	return func() (data.EnterpriseFilter, error) {
		f := data.EnterpriseFilter{Search: *search}
		if *ward != "" {
			f.WardCode = ward
		}
		switch *status {
		case "current":
			f.Archived = new(bool)
		case "archived":
			archived := true
			f.Archived = &archived
		case "all":
		default:
			return f, data.Errorf(data.EINVALID, "--status phải là current, archived hoặc all, không phải %q.", *status)
		}
		return f, nil
	}
}

func (m *Main) listEnterprises(ctx context.Context, args []string) error {
	fs := m.flags("enterprises list")
	filter := enterpriseFlags(fs)
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
	f, err := filter()
	if err != nil {
		return err
	}
	f.Limit = *limit
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

// exportEnterprises writes the enterprises the flags select as a PDF list or an Excel
// workbook, by the file's extension, as the window's enterprise list prints them.
func (m *Main) exportEnterprises(ctx context.Context, args []string) error {
	fs := m.flags("enterprises export")
	filter := enterpriseFlags(fs)
	out := fs.String("o", "", "tệp cần ghi: .pdf hoặc .xlsx")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	f, err := filter()
	if err != nil {
		return err
	}
	return m.document(*out, docs.KindEnterpriseList, "kc enterprises export -o TỆP.pdf (hoặc TỆP.xlsx)",
		func(_ *store.DB, b docs.Builder, format docs.Format) (func(io.Writer) error, error) {
			return func(w io.Writer) error { return b.EnterpriseList(ctx, f, format, w) }, nil
		})
}

func (m *Main) listClasses(ctx context.Context, args []string) error {
	fs := m.flags("classes list")
	yearText := fs.String("year", "", "chỉ các lớp bắt đầu trong năm này")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	var year *int
	if *yearText != "" {
		y, err := strconv.Atoi(strings.TrimSpace(*yearText))
		if err != nil || y < 1900 || y > 2200 {
			return data.Errorf(data.EINVALID, "--year %q không phải một năm (ví dụ --year 2026).", *yearText)
		}
		year = &y
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	cs, err := db.FindClasses(ctx, data.ClassFilter{Year: year, Sort: data.ClassByStart})
	if err != nil {
		return err
	}
	for _, c := range cs {
		if _, err := fmt.Fprintf(m.Stdout, "%s\t%s\t%s\t%s\t%s\t%d/%d\t%s\n",
			c.Code, c.Name, c.Kind.Label(), c.Start, c.End, c.Enrolled, c.Capacity, c.Status.Label()); err != nil {
			return err
		}
	}
	return nil
}

// classDocs are the class's printed lists, by the word that names them on the command line.
var classDocs = map[string]struct {
	kind  docs.Kind
	build func(docs.Builder, context.Context, int64, io.Writer) error
}{
	"roster":     {docs.KindClassRoster, docs.Builder.ClassRoster},
	"attendance": {docs.KindAttendanceSheet, docs.Builder.AttendanceSheet},
	"results":    {docs.KindClassResults, docs.Builder.ClassResults},
}

// classDoc writes one of the class's printed lists (what names it in classDocs) as a PDF.
func (m *Main) classDoc(ctx context.Context, what string, args []string) error {
	d := classDocs[what]
	how := "kc classes " + what + " MÃ_LỚP -o TỆP.pdf"
	fs := m.flags("classes " + what)
	out := fs.String("o", "", "tệp PDF cần ghi")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	code, err := m.oneClass(rest, "classes "+what, how)
	if err != nil {
		return err
	}
	return m.document(*out, d.kind, "kc classes "+what+" "+strings.ToUpper(code)+" -o TỆP.pdf",
		func(db *store.DB, b docs.Builder, _ docs.Format) (func(io.Writer) error, error) {
			c, err := findClass(ctx, db, code)
			if err != nil {
				return nil, err
			}
			return func(w io.Writer) error { return d.build(b, ctx, c.ID, w) }, nil
		})
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
	if err := m.need(data.RightSettings, "sao lưu cơ sở dữ liệu"); err != nil {
		return err
	}
	path, err := db.BackupTo(ctx, rest[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, path)
	return nil
}
