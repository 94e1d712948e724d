"""Prints, as JSON, every non-empty cell of every workbook named on the command line, as
openpyxl reads it (cached values, not formulas): {path: {"A1": ["s", text] | ["n", number,
format] | ["d", "YYYY-MM-DD", format]}}. Used by reports/xlsx_readers_test.go."""
import datetime
import json
import sys

import openpyxl

out = {}
for path in sys.argv[1:]:
    cells = {}
    book = openpyxl.load_workbook(path, data_only=True)
    for row in book.worksheets[0].iter_rows():
        for c in row:
            v = c.value
            if v is None or v == "":
                continue
            if isinstance(v, datetime.datetime):
                if v.time() != datetime.time(0):
                    cells[c.coordinate] = ["s", "not a date: " + v.isoformat()]
                else:
                    cells[c.coordinate] = ["d", v.date().isoformat(), c.number_format]
            elif isinstance(v, datetime.date):
                cells[c.coordinate] = ["d", v.isoformat(), c.number_format]
            elif isinstance(v, bool):
                cells[c.coordinate] = ["b", str(v)]
            elif isinstance(v, (int, float)):
                cells[c.coordinate] = ["n", v, c.number_format]
            else:
                cells[c.coordinate] = ["s", str(v)]
    out[path] = cells
json.dump(out, sys.stdout, ensure_ascii=False, sort_keys=True)
