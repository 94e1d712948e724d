package docs

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"khuyencong/data"
)

// WriteFile writes path with write: to a temporary file in the same folder, renamed to path once
// complete and removed on any failure, so that a document cancelled or failed leaves neither half
// a file nor the one made before gone. It writes only a new file or over a regular one.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	cannot := func(err error) error {
		switch dir := filepath.Dir(path); {
		case errors.Is(err, fs.ErrNotExist):
			return data.Errorf(data.EINVALID, "Không ghi được tệp %s: thư mục %s không có.", path, dir)
		case errors.Is(err, fs.ErrPermission):
			return data.Errorf(data.EINVALID, "Không ghi được tệp %s: không có quyền ghi vào thư mục %s hoặc tệp đang mở ở chương trình khác.", path, dir)
		}
		return data.Errorf(data.EINVALID, "Không ghi được tệp %s (%v).", path, err)
	}
	if err := CheckTarget(path); err != nil {
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

// CheckTarget refuses to write over anything but a regular file: a folder, a device such as
// /dev/full, a pipe, or a link, which renaming the new file into place would replace.
func CheckTarget(path string) error {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil // a new file
	case err != nil:
		return data.Errorf(data.EINVALID, "Không kiểm tra được tệp %s (%v).", path, err)
	case fi.Mode().IsRegular():
		return nil // written over, as the clerk asked
	case fi.IsDir():
		return data.Errorf(data.EINVALID, "%s là một thư mục; hãy cho tên tệp trong thư mục đó, ví dụ %s.", path, filepath.Join(path, "tai-lieu.pdf"))
	case fi.Mode()&fs.ModeSymlink != 0:
		return data.Errorf(data.EINVALID, "%s là một lối tắt (liên kết) đến tệp khác; chương trình không ghi đè lối tắt. Hãy cho đường dẫn của chính tệp cần ghi, hoặc tên một tệp mới.", path)
	}
	return data.Errorf(data.EINVALID, "%s không phải một tệp thông thường (là thiết bị hoặc ống dẫn); chương trình chỉ ghi vào một tệp mới hoặc ghi đè một tệp đã có. Hãy cho tên tệp khác.", path)
}
