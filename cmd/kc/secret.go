package main

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"khuyencong/data"
)

// secret returns a password or passphrase: from the environment variable env when it is set,
// otherwise typed on the terminal without echo after prompt. With neither (kc run by a script
// without the variable) it refuses and names the variable.
func (m *Main) secret(prompt, env string) (string, error) {
	if v, ok := os.LookupEnv(env); ok {
		return v, nil
	}
	fd := int(os.Stdin.Fd())
	if !term.IsTerminal(fd) {
		return "", data.Errorf(data.EINVALID, "Thiếu %s: hãy gõ khi được hỏi, hoặc đặt biến môi trường %s.", prompt, env)
	}
	fmt.Fprintf(m.Stderr, "%s: ", prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(m.Stderr)
	if err != nil {
		return "", fmt.Errorf("kc: read %s: %w", env, err)
	}
	return string(b), nil
}

// newSecret reads a new password or passphrase: from env when it is set, otherwise typed twice on
// the terminal, and refused when the two differ.
func (m *Main) newSecret(prompt, env string) (string, error) {
	p, err := m.secret(prompt, env)
	if _, set := os.LookupEnv(env); err != nil || set {
		return p, err
	}
	again, err := m.secret("Gõ lại "+strings.ToLower(prompt), env)
	switch {
	case err != nil:
		return "", err
	case again != p:
		return "", data.Errorf(data.EINVALID, "Hai lần gõ %s không giống nhau; chưa có gì thay đổi. Hãy chạy lại lệnh.", strings.ToLower(prompt))
	}
	return p, nil
}
