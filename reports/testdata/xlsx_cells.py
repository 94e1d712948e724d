"""Prints, as JSON, every non-empty cell of every sheet of every workbook named on the
command line, as openpyxl reads it (cached values, not formulas): {path: {"A1" (the first sheet),
"Sheet!A1" (the others): ["s", text] | ["n", number,
format] | ["d", "YYYY-MM-DD", format]}}. Used by reports/xlsx_readers_test.go."""
import datetime
import json
import sys

import openpyxl

out = {}
for path in sys.argv[1:]:
    cells = {}
    book = openpyxl.load_workbook(path, data_only=True)
    for i, sheet in enumerate(book.worksheets):
        prefix = sheet.title + "!" if i else ""
        for row in sheet.iter_rows():
            for c in row:
                v = c.value
                ref = prefix + c.coordinate
                if v is None or v == "":
                    continue
                if isinstance(v, datetime.datetime):
                    if v.time() != datetime.time(0):
                        cells[ref] = ["s", "not a date: " + v.isoformat()]
                    else:
                        cells[ref] = ["d", v.date().isoformat(), c.number_format]
                elif isinstance(v, datetime.date):
                    cells[ref] = ["d", v.isoformat(), c.number_format]
                elif isinstance(v, bool):
                    cells[ref] = ["b", str(v)]
                elif isinstance(v, (int, float)):
                    cells[ref] = ["n", v, c.number_format]
                else:
                    cells[ref] = ["s", str(v)]
    out[path] = cells
json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
