; The clerk's installer: one file to double-click, in Vietnamese, for one user (no administrator
; rights), into %LocalAppData%\Programs\khuyencong. Built by `make windows` with
;   makensis -DVERSION=0.1.0 -DCOMPANY="..." -DDIST=../../dist -DSIDE=welcome.bmp installer.nsi
; The data (database, settings, automatic backups) lives in %AppData%\khuyencong and Fyne's
; preferences in %AppData%\fyne\vn.gov.hanoi.khuyencong: an install over an older version never
; touches them, and the uninstaller removes them only when "Xoá cả dữ liệu" is ticked (or /XOADULIEU
; is given with /S), after a last backup onto the Desktop.
; Silent: khuyencong-setup-X.exe /S [/D=FOLDER]   uninstall.exe /S [/XOADULIEU]

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z (from FyneApp.toml)"
!endif
!ifndef COMPANY
  !define COMPANY "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hà Nội"
!endif
!ifndef DIST
  !define DIST "../../dist"
!endif
!ifndef OUTFILE
  !define OUTFILE "${DIST}/khuyencong-setup-${VERSION}.exe"
!endif

!define APPNAME "Khuyến công Hà Nội"
!define APPID "vn.gov.hanoi.khuyencong"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\khuyencong"

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "Sections.nsh"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\khuyencong"
; An update goes where the last version went, even if the clerk chose another folder then.
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1066 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=1066 "CompanyName" "${COMPANY}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APPNAME}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${COMPANY}"

!ifdef SIDE
  !define MUI_WELCOMEFINISHPAGE_BITMAP "${SIDE}"
!endif
!define MUI_ICON "${DIST}/khuyencong.ico"
!define MUI_UNICON "${DIST}/khuyencong.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\khuyencong.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APPNAME} ngay"

!define MUI_WELCOMEPAGE_TEXT "Chương trình sẽ cài ${APPNAME} ${VERSION} cho riêng tài khoản của bạn trên máy này; không cần quyền quản trị.$\r$\n$\r$\nNếu máy đã có phiên bản cũ, phiên bản mới sẽ thay chỗ nó; cơ sở dữ liệu, các bản sao lưu và cài đặt của bạn được giữ nguyên.$\r$\n$\r$\n$_CLICK"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

Section "Chương trình (bắt buộc)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  File "${DIST}/khuyencong.exe"
  File "${DIST}/kc.exe"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS"
  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\khuyencong.exe" "" "$INSTDIR\khuyencong.exe" 0 SW_SHOWNORMAL "" "Sổ doanh nghiệp, lớp học, chứng chỉ và hội chợ của trung tâm khuyến công"

  ; "Apps & features" (Programs and Features), for this user
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${COMPANY}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\khuyencong.exe"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "Biểu tượng trên màn hình nền" SecDesktop
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\khuyencong.exe" "" "$INSTDIR\khuyencong.exe" 0
SectionEnd

; Off unless ticked: a centre's register is not something an uninstaller takes by default. The
; last backup is a copy of the file (and of its write-ahead log, which SQLite reads back by the
; name beside it): kc.exe's backup would need somebody signed in, and the window is closed.
Section /o "un.Xoá cả dữ liệu (cơ sở dữ liệu, bản sao lưu, cài đặt)" UnSecData
  ${If} ${FileExists} "$APPDATA\khuyencong\khuyencong.db"
    StrCpy $1 "$DESKTOP\khuyencong-sao-luu-cuoi"
    ClearErrors
    CreateDirectory "$1"
    CopyFiles /SILENT "$APPDATA\khuyencong\khuyencong.db" "$1\khuyencong-cuoi.db"
    ${If} ${FileExists} "$APPDATA\khuyencong\khuyencong.db-wal"
      CopyFiles /SILENT "$APPDATA\khuyencong\khuyencong.db-wal" "$1\khuyencong-cuoi.db-wal"
    ${EndIf}
    ${If} ${Errors}
    ${OrIfNot} ${FileExists} "$1\khuyencong-cuoi.db"
      DetailPrint "Không sao lưu được cơ sở dữ liệu ra màn hình nền, nên dữ liệu được giữ nguyên trong $APPDATA\khuyencong."
      Return
    ${EndIf}
    DetailPrint "Bản sao lưu cuối cùng ở trên màn hình nền: $1"
  ${EndIf}
  RMDir /r "$APPDATA\khuyencong"
  RMDir /r "$APPDATA\fyne\${APPID}"
  RMDir "$APPDATA\fyne"
SectionEnd

Section "-un.Chương trình"
  Delete "$INSTDIR\khuyencong.exe"
  Delete "$INSTDIR\kc.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd

; /XOADULIEU ticks "Xoá cả dữ liệu", for a silent uninstall (/S) that takes the data too.
Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/XOADULIEU" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${UnSecData} ${SF_SELECTED}
  ${EndIf}
FunctionEnd
