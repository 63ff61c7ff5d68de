#!/usr/bin/python3
"""What a requester's spreadsheet program sees in an XLSX file, as JSON, through openpyxl.

    check_xlsx.py FILE

Prints the document properties and, per worksheet: its state, its tables (name and range), merged
ranges, the frozen pane, hidden rows and columns, data validations, conditional formats, images,
charts, comments and formulas, and every cell's value (numbers as numbers)."""
import json
import sys

import openpyxl

book = openpyxl.load_workbook(sys.argv[1])
out = {
    "properties": {
        "creator": book.properties.creator,
        "last_modified_by": book.properties.lastModifiedBy,
        "title": book.properties.title,
    },
    "defined_names": len(list(book.defined_names.definedName)),
    "sheets": [],
}
for ws in book.worksheets:
    values = []
    formulas = 0
    comments = 0
    for row in ws.iter_rows():
        values.append([c.value for c in row])
        for c in row:
            if c.data_type == "f":
                formulas += 1
            if c.comment is not None:
                comments += 1
    out["sheets"].append({
        "name": ws.title,
        "state": ws.sheet_state,
        "tables": [{"name": t.name, "ref": t.ref, "autofilter": t.autoFilter is not None}
                   for t in ws.tables.values()],
        "merged": [str(r) for r in ws.merged_cells.ranges],
        "freeze_panes": ws.freeze_panes,
        "hidden_rows": [i for i, d in ws.row_dimensions.items() if d.hidden],
        "hidden_columns": [k for k, d in ws.column_dimensions.items() if d.hidden],
        "auto_filter": ws.auto_filter.ref,
        "images": len(ws._images),
        "charts": len(ws._charts),
        "formulas": formulas,
        "comments": comments,
        "values": values,
    })
json.dump(out, sys.stdout)
