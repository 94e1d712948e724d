// Package data holds the domain of the khuyến công desk: its types, their validation, the
// service interfaces the store implements and the screens call, and the application error.
// It imports neither SQL nor Fyne.
package data

import (
	"errors"
	"fmt"
)

// Application error codes. A service method's comment says which it returns.
const (
	ECONFLICT  = "conflict"  // the action clashes with what is stored: a duplicate, a stale version, a record still in use
	EFORBIDDEN = "forbidden" // the person acting may not do this
	EINTERNAL  = "internal"  // anything else; its details go to the log, never to the screen
	EINVALID   = "invalid"   // the input is wrong; the message says what to fix
	ENOTFOUND  = "not_found" // the record does not exist (any more)
)

// Error is an application error: a code for programs and a Vietnamese message fit to show a clerk.
type Error struct {
	// Code is one of the E* constants.
	Code string
	// Message is a whole Vietnamese sentence that says what happened and what to do.
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string { return e.Message }

// Errorf returns an application error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, EINTERNAL for any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of an application error; any other error gets a generic
// message, since driver and system errors are not for clerks to read.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Đã xảy ra lỗi nội bộ. Hãy thử lại; nếu lỗi còn, báo cho bộ phận kỹ thuật kèm nhật ký của chương trình."
}
