#!/bin/sh
# Makes the workbooks the importer's tests read as files others made: LibreOffice (Debian's
# libreoffice-calc) converts the CSV files to .xlsx and .xls, with Vietnamese as the language
# (1066), so that dd/mm/yyyy becomes date cells, and formulas evaluated.
set -e
cd "$(dirname "$0")"
for f in lo-enterprises lo-trainees; do
	soffice --headless --infilter="CSV:44,34,76,1,,1066,false,true,false,false,false,-1" --convert-to xlsx "$f.csv" >/dev/null
	soffice --headless --infilter="CSV:44,34,76,1,,1066,false,true,false,false,false,-1" --convert-to xls "$f.csv" >/dev/null
done
