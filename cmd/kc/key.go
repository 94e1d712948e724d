package main

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
)

// The environment variables kc reads the signing passphrase and the key file's passphrase from,
// when it is not asked on the terminal.
const (
	envPassphrase    = "KC_SIGNING_PASSPHRASE"
	envNewPassphrase = "KC_NEW_SIGNING_PASSPHRASE"
	envFilePass      = "KC_KEY_FILE_PASSPHRASE"
)

// signing returns ctx carrying the signing passphrase, read from KC_SIGNING_PASSPHRASE or the
// terminal.
func (m *Main) signing(ctx context.Context) (context.Context, error) {
	p, err := m.secret("Mật khẩu ký chứng chỉ", envPassphrase)
	if err != nil {
		return nil, err
	}
	return data.WithPassphrase(ctx, p), nil
}

// key runs `kc key show|passphrase|export|import|rotate`.
func (m *Main) key(ctx context.Context, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "show":
			return m.keyShow(ctx, args[1:])
		case "passphrase":
			return m.keyPassphrase(ctx, args[1:])
		case "export":
			return m.keyExport(ctx, args[1:])
		case "import":
			return m.keyImport(ctx, args[1:])
		case "rotate":
			return m.keyRotate(ctx, args[1:])
		}
	}
	return data.Errorf(data.EINVALID, "Lệnh key cần việc cần làm: kc key show, passphrase, export, import hoặc rotate (xem kc help).")
}

// withDB opens the database, runs f on it and closes it.
func (m *Main) withDB(f func(*store.DB) error) error {
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	return f(db)
}

// keyShow prints the key in use's public half (the line `kc certs key` prints), whether it is
// sealed, and every key with its dates.
func (m *Main) keyShow(ctx context.Context, args []string) error {
	if _, err := m.parse(m.flags("key show"), args, 0); err != nil {
		return err
	}
	return m.withDB(func(db *store.DB) error {
		s, err := db.KeyStatus(ctx)
		if err != nil {
			return err
		}
		pub, err := db.PublicKey(ctx)
		if err != nil {
			return err
		}
		switch {
		case s.Sealed:
			fmt.Fprintf(m.Stdout, "Khóa công khai đang dùng (Ed25519, base64): %s\nKhóa riêng được niêm phong bằng mật khẩu ký.\n", base64.StdEncoding.EncodeToString(pub))
		case s.Unsealed:
			fmt.Fprintf(m.Stdout, "Khóa công khai (Ed25519, base64): %s\nKhóa riêng CHƯA được niêm phong (cơ sở dữ liệu của phiên bản trước): hãy đặt mật khẩu ký bằng kc key passphrase.\n", base64.StdEncoding.EncodeToString(pub))
		default:
			fmt.Fprintln(m.Stdout, "Chưa có khóa ký: đặt mật khẩu ký bằng kc key passphrase để tạo khóa.")
		}
		for _, k := range s.Keys {
			until := "đang dùng"
			if !k.Until.IsZero() {
				until = "đến " + k.Until.Local().Format("02/01/2006 15:04")
			}
			fmt.Fprintf(m.Stdout, "%d\t%s\ttừ %s\t%s\n", k.ID, base64.StdEncoding.EncodeToString(k.Public), k.From.Local().Format("02/01/2006 15:04"), until)
		}
		return nil
	})
}

// keyPassphrase sets the signing passphrase, or changes it (the current one first).
func (m *Main) keyPassphrase(ctx context.Context, args []string) error {
	if _, err := m.parse(m.flags("key passphrase"), args, 0); err != nil {
		return err
	}
	return m.withDB(func(db *store.DB) error {
		s, err := db.KeyStatus(ctx)
		if err != nil {
			return err
		}
		old := ""
		if s.Sealed {
			if old, err = m.secret("Mật khẩu ký hiện tại", envPassphrase); err != nil {
				return err
			}
		}
		p, err := m.newSecret("Mật khẩu ký mới", envNewPassphrase)
		if err != nil {
			return err
		}
		if err := db.SetSigningPassphrase(ctx, old, p); err != nil {
			return err
		}
		switch {
		case s.Sealed:
			fmt.Fprintln(m.Stdout, "Đã đổi mật khẩu ký.")
		case s.Unsealed:
			fmt.Fprintln(m.Stdout, "Đã niêm phong khóa ký bằng mật khẩu ký, xóa bản không mã hóa và ký các dòng sổ cấp chứng chỉ đã có. Các bản sao lưu cũ vẫn chứa khóa không mã hóa: nên thay khóa (kc key rotate) rồi xóa các bản sao lưu đó.")
		default:
			fmt.Fprintln(m.Stdout, "Đã tạo khóa ký chứng chỉ, niêm phong bằng mật khẩu ký.")
		}
		return nil
	})
}

// keyExport writes the key in use to a new file protected by its own passphrase.
func (m *Main) keyExport(ctx context.Context, args []string) error {
	fs := m.flags("key export")
	out := fs.String("o", "", "tệp khóa cần ghi (tệp mới)")
	if _, err := m.parse(fs, args, 0); err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return data.Errorf(data.EINVALID, "Thiếu tệp cần ghi: kc key export -o khoa-ky.json.")
	}
	if _, err := os.Lstat(*out); err == nil {
		return data.Errorf(data.ECONFLICT, "Đã có tệp %s; kc không ghi đè tệp khóa. Hãy cho tên tệp mới.", *out)
	}
	ctx, err := m.signing(ctx)
	if err != nil {
		return err
	}
	filePass, err := m.newSecret("Mật khẩu của tệp khóa", envFilePass)
	if err != nil {
		return err
	}
	return m.withDB(func(db *store.DB) error {
		b, err := db.ExportKey(ctx, filePass)
		if err != nil {
			return err
		}
		if err := writeNew(*out, b); err != nil {
			return err
		}
		_, err = fmt.Fprintln(m.Stdout, *out)
		return err
	})
}

// writeNew writes b to a new file only its owner reads.
func writeNew(path string, b []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return data.Errorf(data.ECONFLICT, "Đã có tệp %s; kc không ghi đè tệp khóa. Hãy cho tên tệp mới.", path)
	} else if err != nil {
		return data.Errorf(data.EFORBIDDEN, "Không ghi được tệp %s (%v).", path, err)
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}

// keyImport makes the key of a key file the key in use.
func (m *Main) keyImport(ctx context.Context, args []string) error {
	fs := m.flags("key import")
	rest, err := parseAll(fs, args)
	if err != nil {
		return err
	}
	path, err := m.oneArg(rest, "key import", "tệp khóa", "kc key import khoa-ky.json")
	if err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return data.Errorf(data.EINVALID, "Không đọc được tệp khóa %s. Hãy kiểm tra đường dẫn.", path)
	}
	filePass, err := m.secret("Mật khẩu của tệp khóa", envFilePass)
	if err != nil {
		return err
	}
	if ctx, err = m.signing(ctx); err != nil {
		return err
	}
	return m.withDB(func(db *store.DB) error {
		if err := db.ImportKey(ctx, b, filePass); err != nil {
			return err
		}
		pub, err := db.PublicKey(ctx)
		if err == nil {
			_, err = fmt.Fprintf(m.Stdout, "Đã nhập khóa ký; khóa công khai đang dùng: %s\n", base64.StdEncoding.EncodeToString(pub))
		}
		return err
	})
}

// keyRotate replaces the key in use and prints the new public key.
func (m *Main) keyRotate(ctx context.Context, args []string) error {
	if _, err := m.parse(m.flags("key rotate"), args, 0); err != nil {
		return err
	}
	ctx, err := m.signing(ctx)
	if err != nil {
		return err
	}
	return m.withDB(func(db *store.DB) error {
		k, err := db.RotateKey(ctx)
		if err == nil {
			_, err = fmt.Fprintf(m.Stdout, "Đã thay khóa ký; khóa công khai mới: %s\nCác chứng chỉ đã cấp vẫn kiểm tra được bằng khóa cũ.\n", base64.StdEncoding.EncodeToString(k.Public))
		}
		return err
	})
}

// register runs `kc register check --year Y`: it prints the result and exits 1 when a row does
// not hold.
func (m *Main) register(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "check" {
		return data.Errorf(data.EINVALID, "Lệnh register cần việc cần làm: kc register check --year NĂM.")
	}
	fs := m.flags("register check")
	yearFlag := fs.String("year", "", "năm của sổ cấp chứng chỉ")
	if _, err := m.parse(fs, args[1:], 0); err != nil {
		return err
	}
	year, err := parseYear(*yearFlag)
	if err != nil {
		return err
	}
	if year == nil {
		return data.Errorf(data.EINVALID, "Thiếu năm của sổ: kc register check --year 2026.")
	}
	return m.withDB(func(db *store.DB) error {
		r, err := db.CheckRegister(ctx, *year)
		if err != nil {
			return err
		}
		if r.Problem != "" {
			fmt.Fprintf(m.Stdout, "bad\t%d\t%s\t%s\n", r.BadNo, r.BadSerial, r.Problem)
			return errNotValid
		}
		_, err = fmt.Fprintf(m.Stdout, "ok\tSổ cấp chứng chỉ năm %d: %d dòng, đúng thứ tự, nội dung và chữ ký của trung tâm.\n", r.Year, r.Rows)
		return err
	})
}
