package main

import (
	"fmt"
	"io"
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
	if err := docs.CheckTarget(path); err != nil {
		return "", err
	}
	return kind.FormatOf(path)
}

// document writes a document to -o path: it checks path for kind (how is the command's form,
// for the message when -o is missing) before the database is opened, lets find read what the
// document is about and return its writer, writes the file with docs.WriteFile and prints path.
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
	if err := docs.WriteFile(path, write); err != nil {
		return err
	}
	_, err = fmt.Fprintln(m.Stdout, path)
	return err
}
