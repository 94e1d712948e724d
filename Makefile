# The two commands a newcomer runs: `make run` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := run

VERSION := $(shell sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD := $(shell sed -n 's/^ *Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
LDFLAGS := -s -w -X main.version=$(VERSION)
# The centre named in the Windows exe's and installer's version resource: `make windows COMPANY=...`.
COMPANY ?= Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội
# The window is built without Fyne's colour-emoji font (no text of ours uses one): Fyne parses its
# 4 MB once per text style, 11 MB of the window's memory and 4 MB of its exe.
WINDOW_TAGS := no_emoji
# kc needs no C (the SQLite driver is pure Go), so its exe is built without cgo: quicker, static.
GO_WINDOWS := CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go

# Debian packages: cgo and the OpenGL/X11 headers Fyne builds against, mingw-w64 for the Windows
# build, poppler-utils for the tests that read PDFs back, Xvfb, xdotool and software OpenGL for the
# tests that type into a real window (the headless driver does not see what its focus does),
# ImageMagick for the Windows icon's sizes and the screenshots, NSIS for the Windows installer and
# Wine (8, 64-bit) to run the installer and the window on the Windows API in the tests, and
# PyNaCl, the outside verifier the README's worked example of a certificate's signature is checked
# with, openpyxl and LibreOffice, which every Excel file we write must open with the same values, and
# PostgreSQL, the office server the store's tests also run on (.ci/with-postgres starts one in a
# temporary folder and stops it), and Chromium, the browser the phone verification page is tested in.
APT_PACKAGES := gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev gcc-mingw-w64-x86-64 poppler-utils \
	xvfb xdotool libgl1-mesa-dri python3 python3-nacl python3-openpyxl libreoffice-calc-nogui \
	imagemagick nsis wine wine64 zbar-tools qpdf postgresql chromium

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
	go build -trimpath -tags $(WINDOW_TAGS) -ldflags '$(LDFLAGS)' -o bin/khuyencong ./cmd/khuyencong
	go build -trimpath -ldflags '$(LDFLAGS)' -o bin/kc ./cmd/kc

run: build
	./bin/khuyencong $(ARGS)

vet: deps
	go vet ./...

# The Windows test (cmd/khuyencong/windows_test.go) installs dist's setup under Wine and Xvfb, in a
# copy of a Wine prefix it makes once and keeps in bin/wine-prefix (the first boot is slow).
test: vet
	.ci/with-postgres bash -c 'go test ./... && KC_TEST_BACKEND=postgres go test -count=1 ./data/store/...'
	$(MAKE) windows
	KC_WINDOWS_TEST=1 KC_COMPANY='$(COMPANY)' go test -count=1 -timeout 20m -run '^TestWindows' -v ./cmd/khuyencong

# The window's exe: `fyne build` (the tool pinned in go.mod, built for this machine first: built
# by `go tool` under the mingw CC it would not compile) embeds FyneApp.toml's metadata, which it
# reads from the main package's folder, so it gets a copy of the one at the top and of the icon
# (both git-ignored). Both exes' version resources, icons at every size Windows shows (16-256 px)
# and manifests are ours (assets/windows/exe.rc), compiled by windres into a .syso that go build
# links: the packaging tool's carry one icon size and no company. Fyne compiles C with
# -fstack-protector-strong, whose runtime mingw keeps in libssp: linked in statically, so the exe
# needs no libssp-0.dll beside it. Then the installer (assets/windows/installer.nsi), with NSIS,
# whose welcome page shows the program's icon rather than NSIS's.
khuyencong_DESCRIPTION := Khuyến công Hà Nội: sổ doanh nghiệp, lớp học, chứng chỉ và hội chợ
kc_DESCRIPTION := Khuyến công Hà Nội: dòng lệnh (kc)
comma := ,
# winres NAME: cmd/NAME/rsrc_windows_amd64.syso, NAME.exe's resources (removed after its build).
define winres
	for f in exe.manifest exe.rc; do sed -e 's/@VERSION@/$(VERSION)/g; s/@VERSION4@/$(VERSION).$(BUILD)/g' \
		-e 's/@VERSIONCOMMA@/$(subst .,$(comma),$(VERSION)),$(BUILD)/g; s|@COMPANY@|$(COMPANY)|g' \
		-e 's|@EXE@|$(1)|g; s|@DESCRIPTION@|$($(1)_DESCRIPTION)|g; s|@ICON@|../../dist/khuyencong.ico|' \
		-e 's|@MANIFEST@|../../bin/$(1).manifest|' assets/windows/$$f > bin/$(1).$${f#exe.}; done
	cd cmd/$(1) && x86_64-w64-mingw32-windres -c 65001 -O coff -i ../../bin/$(1).rc -o rsrc_windows_amd64.syso
endef
windows: deps
	mkdir -p dist bin
	go build -o bin/fyne fyne.io/tools/cmd/fyne
	convert assets/icon.png -depth 8 -define icon:auto-resize=256,128,64,48,40,32,24,20,16 dist/khuyencong.ico
	convert -size 164x314 xc:'#f3efe6' \( assets/icon.png -resize 120x120 \) -gravity north -geometry +0+40 \
		-composite -type TrueColor BMP3:bin/installer-side.bmp
	$(call winres,khuyencong)
	cp FyneApp.toml cmd/khuyencong/FyneApp.toml
	cp assets/icon.png cmd/khuyencong/Icon.png
	cd cmd/khuyencong && CC=x86_64-w64-mingw32-gcc CGO_ENABLED=1 CGO_LDFLAGS=-l:libssp.a \
		../../bin/fyne build --target windows --release --tags $(WINDOW_TAGS) -o ../../dist/khuyencong.exe \
		|| { rm -f FyneApp.toml Icon.png rsrc_windows_amd64.syso; exit 1; }
	rm -f cmd/khuyencong/FyneApp.toml cmd/khuyencong/Icon.png cmd/khuyencong/rsrc_windows_amd64.syso
	$(call winres,kc)
	$(GO_WINDOWS) build -trimpath -ldflags '$(LDFLAGS)' -o dist/kc.exe ./cmd/kc || { rm -f cmd/kc/rsrc_windows_amd64.syso; exit 1; }
	rm -f cmd/kc/rsrc_windows_amd64.syso
	@# the exe must carry FyneApp.toml's version in its version resource
	@strings -el dist/khuyencong.exe | grep -qx '$(VERSION)' \
		|| { echo "dist/khuyencong.exe lacks version $(VERSION) from FyneApp.toml" >&2; exit 1; }
	makensis -V2 -DVERSION=$(VERSION) -DCOMPANY='$(COMPANY)' -DDIST=../../dist -DSIDE=../../bin/installer-side.bmp \
		assets/windows/installer.nsi
	@ls -l dist/

bench: build
	go test ./data/... ./reports/... -run '^$$' -bench . -benchmem

# startup: first painted frame and idle memory of the window, on the sample and on ten years' data.
startup: build
	.ci/measure-startup

clean:
	rm -rf bin dist
