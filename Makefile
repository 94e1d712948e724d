# The two commands a newcomer runs: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
LDFLAGS := -s -w -X main.version=$(VERSION)
# kc needs no C (the SQLite driver is pure Go), so its exe is built without cgo: quicker, static.
GO_WINDOWS := CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go

# Debian packages: cgo and the OpenGL/X11 headers Fyne builds against, mingw-w64 for the Windows
# build, poppler-utils for the tests that read PDFs back, Xvfb, xdotool and software OpenGL for the
# tests that type into a real window (the headless driver does not see what its focus does), and
# PyNaCl, the outside verifier the README's worked example of a certificate's signature is checked
# with, and openpyxl and LibreOffice, which every Excel file we write must open with the same values.
APT_PACKAGES := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev gcc-mingw-w64-x86-64 poppler-utils \
	xvfb xdotool libgl1-mesa-dri python3 python3-nacl python3-openpyxl libreoffice-calc-nogui

.PHONY: run test build windows deps vet clean bench startup

# deps installs the Debian packages that are missing (as root, or through sudo).
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing: $$missing"; \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@command -v go >/dev/null || { echo "Go is missing: install Go 1.26 from go.dev/dl and put it on PATH." >&2; exit 1; }

build: deps
	go build -trimpath -ldflags '$(LDFLAGS)' -o bin/khuyencong ./cmd/khuyencong
	go build -trimpath -ldflags '$(LDFLAGS)' -o bin/kc ./cmd/kc

run: build
	./bin/khuyencong $(ARGS)

vet: deps
	go vet ./...

test: vet
	go test ./...
	$(MAKE) windows

# The packaging tool (pinned in go.mod) is built for this machine first: built by `go tool` under
# the mingw CC it would not compile. It reads FyneApp.toml from the main package's folder and bumps
# its build number there, so it gets a fresh copy of the one at the top (the copy is git-ignored).
# It compiles C with -fstack-protector-strong, whose runtime mingw keeps in libssp: linked in
# statically, so the exe needs no libssp-0.dll beside it.
windows: deps
	mkdir -p dist bin
	go build -o bin/fyne fyne.io/tools/cmd/fyne
	cp FyneApp.toml cmd/khuyencong/FyneApp.toml
	cd cmd/khuyencong && CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 CGO_LDFLAGS=-l:libssp.a \
		../../bin/fyne package --target windows --release --icon ../../assets/icon.png
	mv cmd/khuyencong/khuyencong.exe dist/khuyencong.exe
	rm -f cmd/khuyencong/FyneApp.toml
	$(GO_WINDOWS) build -trimpath -ldflags '$(LDFLAGS)' -o dist/kc.exe ./cmd/kc
	@# the exe must carry FyneApp.toml's version in its version resource
	@strings -el dist/khuyencong.exe | grep -qx '$(VERSION)\.[0-9]*' \
		|| { echo "dist/khuyencong.exe lacks version $(VERSION) from FyneApp.toml" >&2; exit 1; }
	@ls -l dist/

bench: build
	go test ./data/... ./reports/... -run '^$$' -bench . -benchmem

# startup: first painted frame and idle memory of the window, on the sample and on ten years' data.
startup: build
	.ci/measure-startup

clean:
	rm -rf bin dist
