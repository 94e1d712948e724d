package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"khuyencong/data"
	"khuyencong/data/store"
	"khuyencong/reports/docs"
)

// builder returns the builder of the documents of db, dated by the store's clock, as the
// window's are.
func builder(db *store.DB) docs.Builder {
	return docs.Builder{Settings: db, Classes: db, Attendance: db, Certificates: db, Fairs: db,
		Enterprises: db, Trainees: db, Divisions: db, Now: db.Now,
		Programmes: db, Villages: db, Reports: db,
	}
}

// output checks -o path for a document of kind before anything is read, and returns the format
// its extension asks for. how is the command's form, for the message when -o is missing.
func output(path string, kind docs.Kind, how string) (docs.Format, error) {
	if strings.TrimSpace(path) == "" {
		return "", data.Errorf(data.EINVALID, "Thiếu tệp cần ghi: %s.", how)
	}
	if err := checkTarget(path); err != nil {
		return "", err
	}
	return kind.FormatOf(path)
}

// checkTarget refuses to write over anything but a regular file: a folder, a device such as
// /dev/full, a pipe, or a link, which renaming the new file into place would replace.
func checkTarget(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // a new file
	case err != nil:
		return data.Errorf(data.EINVALID, "Không kiểm tra được tệp %s (%v).", path, err)
	case fi.Mode().IsRegular():
		return nil // written over, as the clerk asked
	case fi.IsDir():
		return data.Errorf(data.EINVALID, "%s là một thư mục; hãy cho tên tệp trong thư mục đó, ví dụ -o %s.", path, filepath.Join(path, "tai-lieu.pdf"))
	case fi.Mode()&fs.ModeSymlink != 0:
		return data.Errorf(data.EINVALID, "%s là một lối tắt (liên kết) đến tệp khác; kc không ghi đè lối tắt. Hãy cho đường dẫn của chính tệp cần ghi, hoặc tên một tệp mới.", path)
	}
	return data.Errorf(data.EINVALID, "%s không phải một tệp thông thường (là thiết bị hoặc ống dẫn); kc chỉ ghi vào một tệp mới hoặc ghi đè một tệp đã có. Hãy cho tên tệp khác.", path)
}

// document writes a document to -o path: it checks path for kind (how is the command's form,
// for the message when -o is missing) before the database is opened, lets find read what the
// document is about and return its writer, writes the file with writeFileAtomic and prints path.
func (m *Main) document(path string, kind docs.Kind, how string, find func(*store.DB, docs.Builder, docs.Format) (func(io.Writer) error, error)) error {
	format, err := output(path, kind, how)
	if err != nil {
		return err
	}
	db, err := m.open()
	if err != nil {
		return err
	}
	defer db.Close()
	write, err := find(db, builder(db), format)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(path, write); err != nil {
		return err
	}
	_, err = fmt.Fprintln(m.Stdout, path)
	return err
}

// writeFileAtomic writes path with write: to a temporary file in the same folder, renamed to
// path once complete, and removed on any failure. It writes only a new file or over a regular one.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	cannot := func(err error) error {
		switch dir := filepath.Dir(path); {
		case errors.Is(err, fs.ErrNotExist):
			return data.Errorf(data.EINVALID, "Không ghi được tệp %s: thư mục %s không có.", path, dir)
		case errors.Is(err, fs.ErrPermission):
			return data.Errorf(data.EINVALID, "Không ghi được tệp %s: không có quyền ghi vào thư mục %s hoặc tệp đang mở ở chương trình khác.", path, dir)
		}
		return data.Errorf(data.EINVALID, "Không ghi được tệp %s (%v).", path, err)
	}
	if err := checkTarget(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return cannot(err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		return cannot(err)
	}
	if err := f.Close(); err != nil {
		return cannot(err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return cannot(err)
	}
	return nil
}
