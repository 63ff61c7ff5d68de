#!/usr/bin/python3
"""Checks a release spreadsheet against the layout rules of the Analysis Function's "Releasing
statistics in spreadsheets" guidance, as a requester's spreadsheet program would read the file.

    check_layout.py FILE.xlsx|FILE.ods [--organisation NAME]
    check_layout.py --self-test

Prints one line per rule, `PASS rule-id: what holds` or `FAIL rule-id: what is wrong and where (sheet
and cell)`, and exits 0 only if every rule passes. An XLSX file is read through openpyxl (Debian's
python3-openpyxl), with its zip parts looked at too for what openpyxl does not load; an ODS file through
zipfile and ElementTree (content.xml, meta.xml and, if there is one, settings.xml).

--self-test builds a good workbook in each format (XLSX with openpyxl, ODS as hand-written XML), then a
bad one per planted fault, and checks that the good ones pass and that each bad one fails exactly on the
rule its fault breaks: it exits 0 only when the checker catches every planted fault and nothing else.

How it works: a reader turns each format into one model (a Book of Sheets of Cells, with the named
tables and whatever else was found, noted under the rule it breaks), and each rule is a function of the
Book that returns its problems (an empty list when the rule holds)."""

import argparse
import collections
import os
import re
import sys
import tempfile
import warnings
import zipfile
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

# ---------------------------------------------------------------------------------------------------
# The model, whatever the format

COVER = "Cover_sheet"
CONTENTS = "Contents"
NOTES = "Notes"

# Shorthand the guidance uses in cells and text: "[c]", "[x]", "[z]", "[low]", ... and "[note 3]".
SHORTHAND = re.compile(r"\[(?:note\s*\d+|[a-z]{1,3})\]", re.IGNORECASE)
# A cell that holds shorthand and nothing else (a value withheld or missing).
ONLY_SHORTHAND = re.compile(r"^\s*\[[a-z]{1,3}\]\s*$", re.IGNORECASE)
# A text that a reader would take for a number: "12", "-3", "1,234", "12.5".
LOOKS_LIKE_NUMBER = re.compile(r"^\s*[-+\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*$")
# Links that may leave the workbook: web pages and e-mail (the guidance asks for them on a cover sheet).
WEB_LINK = re.compile(r"^(?:https?:|mailto:)", re.IGNORECASE)


def column_letters(col):
    """1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters):
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def cell_name(row, col):
    return f"{column_letters(col)}{row}"


def shorthand_key(token):
    """'[Note  2]' -> '[note 2]', '[C]' -> '[c]': the form shorthand is compared in."""
    token = re.sub(r"\s+", " ", token.strip().lower())
    note = re.match(r"^\[note ?(\d+)\]$", token)
    return f"[note {int(note.group(1))}]" if note else token


class Cell:
    """A cell that holds something. kind: 'number', 'text', 'formula' or 'other' (date, boolean)."""

    def __init__(self, kind, value, link=None):
        self.kind = kind
        self.value = value
        self.link = link  # the name of the sheet an internal link goes to

    @property
    def text(self):
        return self.value if self.kind == "text" else ""

    def blank(self):
        """A cell a reader sees as empty: no value, or only spaces."""
        return self.kind == "text" and not self.value.strip()

    def __repr__(self):
        return f"Cell({self.kind}, {self.value!r})"


class Table:
    """A named table (XLSX table part; ODS named range or database range), 1-based and inclusive."""

    def __init__(self, name, top, left, bottom, right, header_rows=1):
        self.name, self.top, self.left, self.bottom, self.right = name, top, left, bottom, right
        self.header_rows = header_rows

    def ref(self):
        return f"{cell_name(self.top, self.left)}:{cell_name(self.bottom, self.right)}"


class Sheet:
    def __init__(self, name):
        self.name = name
        self.cells = {}  # (row, col) -> Cell, only cells that hold something
        self.tables = []
        # What the reader found that a rule forbids: rule id -> [(where, what)].
        self.found = collections.defaultdict(list)

    def note(self, rule, where, what):
        self.found[rule].append((where, what))

    def at(self, row, col):
        return self.cells.get((row, col))

    def filled(self, row, col):
        """The cell at (row, col) if it holds something a reader can see."""
        cell = self.cells.get((row, col))
        return cell if cell is not None and not cell.blank() else None

    def used_area(self):
        """(last row, last column) of everything stored, blank-looking cells too; (0, 0) if empty."""
        if not self.cells:
            return 0, 0
        return max(r for r, _ in self.cells), max(c for _, c in self.cells)


class Book:
    def __init__(self, fmt):
        self.format = fmt
        self.sheets = []
        # The document's author properties: [(name, value, required)]. A required one must name the
        # organisation; any other, if present and not empty, too.
        self.authors = []
        # What was found in the package rather than on a sheet: rule id -> [what].
        self.found = collections.defaultdict(list)

    def sheet(self, name):
        for s in self.sheets:
            if s.name == name:
                return s
        return None

    def findings(self, rule):
        """Everything found anywhere that breaks rule, each as 'where: what'."""
        out = []
        for s in self.sheets:
            for where, what in s.found.get(rule, []):
                out.append(f"{s.name}!{where}: {what}" if where else f"{s.name}: {what}")
        out.extend(self.found.get(rule, []))
        return out


# ---------------------------------------------------------------------------------------------------
# Reading an XLSX file (openpyxl, and the zip parts it does not load)


def read_xlsx(path):
    import openpyxl
    from openpyxl.chartsheet import Chartsheet
    from openpyxl.utils.cell import range_boundaries
    try:
        from openpyxl.worksheet.formula import ArrayFormula  # openpyxl 3.1
    except ImportError:
        ArrayFormula = ()  # openpyxl 3.0 (Debian 12) gives array formulas data type "f" too

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about parts it drops; the zip is looked at below
        wb = openpyxl.load_workbook(path)
    book = Book("xlsx")
    for name in wb.sheetnames:
        ws = wb[name]
        sheet = Sheet(name)
        book.sheets.append(sheet)
        if ws.sheet_state != "visible":
            sheet.note("no-hidden", None, f"the sheet is {ws.sheet_state}")
        if isinstance(ws, Chartsheet):
            sheet.note("no-images-or-charts", None, "a chart sheet")
            continue

        for (row, col), c in sorted(ws._cells.items()):
            where = c.coordinate
            if c.comment is not None:
                sheet.note("no-comments", where, f"a comment: {c.comment.text.strip()[:40]!r}")
            link = None
            if c.hyperlink is not None:
                if c.hyperlink.location:
                    link = parse_sheet_of_location(c.hyperlink.location, wb.sheetnames)
                if c.hyperlink.target and not WEB_LINK.match(c.hyperlink.target):
                    sheet.note("no-external-links", where, f"a link to {c.hyperlink.target!r}")
            value = c.value
            if value is None:
                continue
            if c.data_type == "f" or isinstance(value, ArrayFormula):
                sheet.note("no-formulas", where, f"a formula {getattr(value, 'text', value)!r}")
                cell = Cell("formula", value)
            elif isinstance(value, bool):
                cell = Cell("other", value)
            elif isinstance(value, (int, float)):
                cell = Cell("number", value)
            elif isinstance(value, str):
                cell = Cell("text", value)
            else:
                cell = Cell("other", value)
            cell.link = link
            sheet.cells[(row, col)] = cell

        for t in ws.tables.values():
            left, top, right, bottom = range_boundaries(t.ref)
            header_rows = 1 if t.headerRowCount is None else t.headerRowCount
            sheet.tables.append(Table(t.displayName or t.name, top, left, bottom, right, header_rows))
            if t.autoFilter is not None:
                sheet.note("no-filters", t.ref, f"table {t.displayName} has filter buttons")
            if t.sortState is not None:
                sheet.note("no-filters", t.ref, f"table {t.displayName} is sorted by a filter")
        if ws.auto_filter.ref:
            sheet.note("no-filters", ws.auto_filter.ref, "an autofilter")
        if ws.sheet_properties.filterMode:
            sheet.note("no-filters", None, "the sheet is in filter mode")
        for r in ws.merged_cells.ranges:
            sheet.note("no-merged-cells", str(r), "merged cells")
        for r, dim in sorted(ws.row_dimensions.items()):
            if dim.hidden:
                sheet.note("no-hidden", f"row {r}", "a hidden row")
        for key, dim in sorted(ws.column_dimensions.items()):
            if dim.hidden:
                first = column_letters(dim.min) if dim.min else key
                last = column_letters(dim.max) if dim.max else key
                span = first if first == last else f"{first}:{last}"
                sheet.note("no-hidden", f"column {span}", "a hidden column")
        if ws.sheet_format.zeroHeight:
            sheet.note("no-hidden", None, "every row is hidden unless given a height (zeroHeight)")
        for view in ws.views.sheetView:
            if view.pane is not None:
                kind = "frozen" if (view.pane.state or "").startswith("frozen") else "split"
                sheet.note("no-freeze-panes", view.pane.topLeftCell, f"a {kind} pane")
        for image in ws._images:
            sheet.note("no-images-or-charts", anchor_name(image.anchor), "an image")
        for chart in ws._charts:
            sheet.note("no-images-or-charts", anchor_name(chart.anchor), "a chart")
        for pivot in ws._pivots:
            sheet.note("no-pivot-tables", pivot.location.ref if pivot.location else None,
                       f"pivot table {pivot.name}")
        for dv in ws.data_validations.dataValidation:
            sheet.note("no-data-validation", str(dv.sqref), f"data validation ({dv.type or 'any'})")

    for link in wb._external_links:
        target = link.file_link.Target if link.file_link is not None else "another workbook"
        book.found["no-external-links"].append(f"a link to the workbook {target!r}")

    with zipfile.ZipFile(path) as zf:
        company = read_xlsx_parts(zf, book)
    props = wb.properties
    book.authors = [("dc:creator", props.creator, True),
                    ("cp:lastModifiedBy", props.lastModifiedBy, False),
                    ("Company", company, False)]
    return book


def anchor_name(anchor):
    try:
        marker = anchor._from
        return cell_name(marker.row + 1, marker.col + 1)
    except AttributeError:
        return str(anchor) if isinstance(anchor, str) else None


def parse_sheet_of_location(location, names):
    """"'Notes'!A1", "Notes!A1", "Notes" -> "Notes"."""
    location = location.strip()
    if location in names:
        return location
    sheet = location.rsplit("!", 1)[0] if "!" in location else location
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet


def read_xlsx_parts(zf, book):
    """Notes the parts openpyxl may not load or report (it drops images when PIL is missing, for one)
    under the rule they break, and relationships to other files; returns the Company of
    docProps/app.xml, or None."""
    kinds = [("xl/drawings/", "no-images-or-charts"), ("xl/media/", "no-images-or-charts"),
             ("xl/charts/", "no-images-or-charts"), ("xl/embeddings/", "no-images-or-charts"),
             ("xl/chartsheets/", "no-images-or-charts"),
             ("xl/comments", "no-comments"), ("xl/threadedComments/", "no-comments"),
             ("xl/externalLinks/", "no-external-links"),
             ("xl/pivotTables/", "no-pivot-tables"), ("xl/pivotCache/", "no-pivot-tables")]
    for name in zf.namelist():
        for prefix, rule in kinds:
            # Legacy VML drawings carry the boxes of comments (reported as comments); images in them
            # are media parts, reported as such.
            if rule == "no-images-or-charts" and name.endswith(".vml"):
                continue
            if name.startswith(prefix) and "/_rels/" not in name:
                book.found[rule].append(f"the part {name}")
        if name.endswith(".rels"):
            root = ET.fromstring(zf.read(name))
            for rel in root:
                target = rel.get("Target", "")
                if (rel.get("TargetMode") == "External" and not rel.get("Type", "").endswith("/hyperlink")
                        and not WEB_LINK.match(target)):
                    book.found["no-external-links"].append(f"{name} points to {target!r}")
    if "docProps/app.xml" in zf.namelist():
        for el in ET.fromstring(zf.read("docProps/app.xml")):
            if el.tag.endswith("}Company"):
                return el.text or ""
    return None


# ---------------------------------------------------------------------------------------------------
# Reading an ODS file (zipfile and ElementTree)

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xlink": "http://www.w3.org/1999/xlink",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "chart": "urn:oasis:names:tc:opendocument:xmlns:chart:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def q(name):
    """'table:name' -> '{urn:...table:1.0}name', as ElementTree spells it."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


# A row or cell repeated more than this many times is empty padding (LibreOffice repeats the last row
# a million times); content is only copied this far.
REPEAT_CAP = 1000


def paragraph_text(el):
    """The text of a text:p as shown: spans and links read through, text:s as spaces."""
    out = [el.text or ""]
    for child in el:
        if child.tag == q("text:s"):
            out.append(" " * int(child.get(q("text:c"), "1")))
        elif child.tag == q("text:tab"):
            out.append("\t")
        elif child.tag == q("text:line-break"):
            out.append("\n")
        elif child.tag != q("office:annotation"):
            out.append(paragraph_text(child))
        out.append(child.tail or "")
    return "".join(out)


def parse_cell_address(text, default_sheet=None):
    """"$'Table_1'.$A$4", "Table_1.A4", ".B9" -> (sheet, row, col)."""
    text = text.strip().lstrip("$")
    sheet = default_sheet
    if text.startswith("'"):
        end = 1
        while True:
            end = text.index("'", end)
            if text[end + 1:end + 2] == "'":
                end += 2
                continue
            break
        sheet = text[1:end].replace("''", "'")
        text = text[end + 1:]
    elif "." in text and not text.startswith("."):
        sheet, text = text.rsplit(".", 1)
        sheet = sheet.lstrip("$")
    text = text.lstrip(".")
    m = re.match(r"^\$?([A-Za-z]+)\$?(\d+)$", text)
    if not m:
        raise ValueError(f"not a cell address: {text!r}")
    return sheet, int(m.group(2)), column_number(m.group(1))


def parse_range_address(address):
    """"$'Table_1'.$A$4:.$B$9" -> (sheet, top, left, bottom, right); the first range of a list."""
    address = address.strip().split(" ")[0]
    # Split at the colon outside quotes.
    quoted, at = False, -1
    for i, ch in enumerate(address):
        if ch == "'":
            quoted = not quoted
        elif ch == ":" and not quoted:
            at = i
            break
    start = parse_cell_address(address if at < 0 else address[:at])
    end = start if at < 0 else parse_cell_address(address[at + 1:], start[0])
    (sheet, r1, c1), (_, r2, c2) = start, end
    return sheet, min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


def link_target_sheet(href, names):
    """"#Notes", "#Notes.A1", "#'Table 1'.A1", "#$Notes.$A$1" -> the sheet's name."""
    target = href[1:].strip()
    if target in names:
        return target
    try:
        return parse_cell_address(target)[0]
    except (ValueError, IndexError):
        return target.split(".")[0].lstrip("$").strip("'")


def hidden_table_styles(roots):
    """The names of table styles that hide their table (style:table-properties table:display="false")."""
    hidden = set()
    for root in roots:
        for style in root.iter(q("style:style")):
            for props in style.findall(q("style:table-properties")):
                if props.get(q("table:display")) == "false":
                    hidden.add(style.get(q("style:name")))
    return hidden


def read_ods(path):
    book = Book("ods")
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        content = ET.fromstring(zf.read("content.xml"))
        styles = ET.fromstring(zf.read("styles.xml")) if "styles.xml" in names else None
        meta = ET.fromstring(zf.read("meta.xml")) if "meta.xml" in names else None
        settings = ET.fromstring(zf.read("settings.xml")) if "settings.xml" in names else None
        for name in names:
            if name.startswith(("Pictures/", "Object ", "ObjectReplacements/")):
                book.found["no-images-or-charts"].append(f"the part {name}")

    hidden_styles = hidden_table_styles([r for r in (content, styles) if r is not None])
    spreadsheet = content.find(f"{q('office:body')}/{q('office:spreadsheet')}")
    if spreadsheet is None:
        raise ValueError("content.xml holds no office:spreadsheet")
    tables = spreadsheet.findall(q("table:table"))
    sheet_names = [t.get(q("table:name")) for t in tables]
    for table_el in tables:
        sheet = Sheet(table_el.get(q("table:name")))
        book.sheets.append(sheet)
        if (table_el.get(q("table:display")) == "false"
                or table_el.get(q("table:style-name")) in hidden_styles):
            sheet.note("no-hidden", None, "the sheet is hidden")
        read_ods_table(table_el, sheet, sheet_names)

    # Named tables: named ranges (wherever they are declared) and database ranges.
    by_name = {s.name: s for s in book.sheets}
    for el in content.iter(q("table:named-range")):
        add_ods_table(by_name, el.get(q("table:name")), el.get(q("table:cell-range-address")), book)
    for el in content.iter(q("table:database-range")):
        name = el.get(q("table:name"))
        if not name.startswith("__Anonymous_Sheet_DB__"):  # LibreOffice's unnamed filter ranges
            add_ods_table(by_name, name, el.get(q("table:target-range-address")), book)
        if el.get(q("table:display-filter-buttons")) == "true" or el.find(q("table:filter")) is not None:
            target = el.get(q("table:target-range-address"))
            book.found["no-filters"].append(f"database range {name} filters {target}")
        if el.find(q("table:sort")) is not None:
            book.found["no-filters"].append(f"database range {name} is sorted")
    for el in content.iter(q("table:data-pilot-table")):
        book.found["no-pivot-tables"].append(
            f"data pilot table {el.get(q('table:name'))} at {el.get(q('table:target-range-address'))}")
    for el in content.iter(q("table:content-validation")):
        book.found["no-data-validation"].append(f"validation rule {el.get(q('table:name'))}")
    for tag in ("table:dde-links", "office:dde-source", "table:table-source"):
        for _ in content.iter(q(tag)):
            book.found["no-external-links"].append(f"a {tag} element")

    if settings is not None:
        read_ods_settings(settings, book)
    if meta is not None:
        creator = meta.find(f"{q('office:meta')}/{q('dc:creator')}")
        initial = meta.find(f"{q('office:meta')}/{q('meta:initial-creator')}")
        # In OpenDocument dc:creator names who last saved it and meta:initial-creator its author.
        book.authors = [("dc:creator", None if creator is None else creator.text or "", True),
                        ("meta:initial-creator", None if initial is None else initial.text or "", False)]
    else:
        book.authors = [("dc:creator", None, True)]
    return book


def add_ods_table(by_name, name, address, book):
    try:
        sheet_name, top, left, bottom, right = parse_range_address(address or "")
    except ValueError as e:
        book.found["table-is-named"].append(f"named range {name}: {e}")
        return
    sheet = by_name.get(sheet_name)
    if sheet is None:
        book.found["table-is-named"].append(f"named range {name} is on {sheet_name!r}, which is not a sheet")
        return
    # A range named twice (a named range and a database range over the same cells) is one table.
    if any((t.top, t.left, t.bottom, t.right) == (top, left, bottom, right) for t in sheet.tables):
        return
    sheet.tables.append(Table(name, top, left, bottom, right))


def read_ods_table(table_el, sheet, sheet_names):
    """Walks a table:table in document order: columns (for hidden ones), rows and their cells."""
    state = {"row": 0, "col": 0}

    def walk(el, hidden_group=False):
        for child in el:
            tag = child.tag
            if tag == q("table:table-column"):
                n = int(child.get(q("table:number-columns-repeated"), "1"))
                if hidden_group or child.get(q("table:visibility"), "visible") != "visible":
                    first, last = state["col"] + 1, state["col"] + n
                    span = column_letters(first)
                    if n > 1:
                        span += f":{column_letters(last)}"
                    sheet.note("no-hidden", f"column {span}", "a hidden column")
                state["col"] += n
            elif tag in (q("table:table-columns"), q("table:table-header-columns"),
                         q("table:table-column-group")):
                walk(child, hidden_group or child.get(q("table:display")) == "false")
            elif tag == q("table:table-row"):
                n = int(child.get(q("table:number-rows-repeated"), "1"))
                hidden = hidden_group or child.get(q("table:visibility"), "visible") != "visible"
                has_content = read_ods_row(child, state["row"] + 1, sheet, sheet_names)
                if has_content:  # repeated rows of content: copy the cells of the first
                    first = state["row"] + 1
                    row_cells = {c: v for (r, c), v in sheet.cells.items() if r == first}
                    for i in range(1, min(n, REPEAT_CAP)):
                        for c, v in row_cells.items():
                            sheet.cells[(first + i, c)] = v
                if hidden and (has_content or n < REPEAT_CAP):
                    first, last = state["row"] + 1, state["row"] + n
                    where = f"row {first}" if n == 1 else f"rows {first}-{last}"
                    sheet.note("no-hidden", where, "a hidden row")
                state["row"] += n
            elif tag in (q("table:table-rows"), q("table:table-header-rows"), q("table:table-row-group")):
                walk(child, hidden_group or child.get(q("table:display")) == "false")
            elif tag == q("table:shapes"):
                for shape in child:
                    sheet.note("no-images-or-charts", None, f"a drawing ({shape.tag.split('}')[1]})")

    walk(table_el)


def read_ods_row(row_el, row, sheet, sheet_names):
    """Reads a table:table-row's cells into sheet; True if any holds something."""
    col, any_content = 0, False
    for el in row_el:
        if el.tag not in (q("table:table-cell"), q("table:covered-table-cell")):
            continue
        n = int(el.get(q("table:number-columns-repeated"), "1"))
        where = cell_name(row, col + 1)
        if el.tag == q("table:covered-table-cell"):
            sheet.note("no-merged-cells", where, "a cell covered by a merged cell")
        across = int(el.get(q("table:number-columns-spanned"), "1"))
        down = int(el.get(q("table:number-rows-spanned"), "1"))
        if (across, down) != (1, 1):
            last = cell_name(row + down - 1, col + across)
            sheet.note("no-merged-cells", f"{where}:{last}", "merged cells")
        if el.get(q("table:formula")):
            sheet.note("no-formulas", where, f"a formula {el.get(q('table:formula'))!r}")
        if el.get(q("table:content-validation-name")):
            rule = el.get(q("table:content-validation-name"))
            sheet.note("no-data-validation", where, f"validation rule {rule}")
        if el.find(q("office:annotation")) is not None:
            sheet.note("no-comments", where, "a comment (office:annotation)")
        if el.find(q("table:cell-range-source")) is not None:
            sheet.note("no-external-links", where, "a range linked from another file")
        for shape in el:
            if shape.tag.startswith(f"{{{NS['draw']}}}"):
                sheet.note("no-images-or-charts", where, f"a drawing ({shape.tag.split('}')[1]})")
        link = None
        for a in el.iter(q("text:a")):
            href = a.get(q("xlink:href"), "")
            if href.startswith("#"):
                link = link or link_target_sheet(href, sheet_names)
            elif not WEB_LINK.match(href):
                sheet.note("no-external-links", where, f"a link to {href!r}")
        cell = read_ods_cell(el)
        if cell is not None:
            cell.link = link
            any_content = True
            for i in range(min(n, REPEAT_CAP)):
                sheet.cells[(row, col + 1 + i)] = cell
        col += n
    return any_content


def read_ods_cell(el):
    value_type = el.get(q("office:value-type"))
    paragraphs = [paragraph_text(p) for p in el if p.tag in (q("text:p"), q("text:h"))]
    text = "\n".join(paragraphs)
    if el.get(q("table:formula")):
        return Cell("formula", el.get(q("table:formula")))
    if value_type in ("float", "percentage", "currency"):
        raw = el.get(q("office:value"))
        try:
            number = float(raw)
            return Cell("number", int(number) if number.is_integer() else number)
        except (TypeError, ValueError):
            return Cell("other", raw)
    if value_type in ("date", "time", "boolean"):
        return Cell("other", text)
    if value_type == "string" and el.get(q("office:string-value")) is not None:
        return Cell("text", el.get(q("office:string-value")))
    if value_type == "string" or paragraphs:
        return Cell("text", text)
    return None


def read_ods_settings(settings, book):
    """Frozen or split panes: a view's HorizontalSplitMode or VerticalSplitMode other than 0."""
    for entry in settings.iter(q("config:config-item-map-entry")):
        name = entry.get(q("config:name")) or "the view"
        for item in entry.findall(q("config:config-item")):
            split = item.get(q("config:name")) in ("HorizontalSplitMode", "VerticalSplitMode")
            if split and (item.text or "0") != "0":
                kind = "frozen" if item.text == "2" else "split"
                book.found["no-freeze-panes"].append(f"{name}: a {kind} pane ({item.get(q('config:name'))})")


def read_book(path):
    lower = path.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(path)
    if lower.endswith(".ods"):
        return read_ods(path)
    raise ValueError(f"{path}: not an .xlsx or .ods file")


# ---------------------------------------------------------------------------------------------------
# The rules: each a function of the Book (and the organisation) returning its problems


def table_sheets(book):
    """The sheets that must hold a table: every sheet but the first (the cover sheet)."""
    return book.sheets[1:]


def the_table(sheet):
    """The sheet's named table (the first, if it has several), or None."""
    return sheet.tables[0] if sheet.tables else None


def second_header_row(sheet, table):
    """The row number of a second header row, if the table's first data row looks like one: in every
    column whose other data cells hold numbers, it holds a text that is neither a number nor shorthand."""
    if table.bottom - table.top < 2:
        return None
    first = table.top + 1
    below = range(first + 1, table.bottom + 1)
    numeric = [c for c in range(table.left + 1, table.right + 1)
               if any(sheet.at(r, c) is not None and sheet.at(r, c).kind == "number" for r in below)]
    if not numeric:
        return None
    for c in numeric:
        cell = sheet.filled(first, c)
        if (cell is None or cell.kind != "text" or ONLY_SHORTHAND.match(cell.text)
                or LOOKS_LIKE_NUMBER.match(cell.text)):
            return None
    return first


def rule_cover_sheet_first(book, organisation):
    """The first sheet is the cover sheet, "Cover_sheet", with its title in A1 and, in column A under
    it, the lines that say what the workbook is and who publishes it (at least three; when the
    organisation is given, one of them names it)."""
    if not book.sheets:
        return ["the workbook has no sheets"]
    cover = book.sheets[0]
    problems = []
    if cover.name != COVER:
        problems.append(f"the first sheet is {cover.name!r}, not {COVER!r}")
    a1 = cover.filled(1, 1)
    if a1 is None or a1.kind != "text":
        problems.append(f"{cover.name}!A1 holds no title")
    lines = [cell.text for (r, c), cell in sorted(cover.cells.items())
             if c == 1 and r > 1 and cell.kind == "text" and not cell.blank()]
    if len(lines) < 3:
        problems.append(f"{cover.name} has {len(lines)} line(s) under its title in column A; the request, "
                        "the organisation, the contact and the date go there, a line each")
    elif organisation and not any(organisation in line for line in lines):
        problems.append(f"no line of {cover.name} (column A) names the organisation {organisation!r}")
    return problems


def rule_contents_sheet(book, organisation):
    """The second sheet is "Contents", with a table listing every other sheet (all but the cover sheet
    and itself), each entry a link to that sheet (XLSX: a hyperlink with a location in the workbook;
    ODS: a text:a whose xlink:href is "#Sheet" or "#Sheet.A1"); no entry links to a sheet that is not
    there."""
    problems = []
    contents = book.sheet(CONTENTS)
    if contents is None:
        return [f"there is no {CONTENTS!r} sheet"]
    if len(book.sheets) < 2 or book.sheets[1] is not contents:
        problems.append(f"{CONTENTS} is sheet {book.sheets.index(contents) + 1}, not the second")
    table = the_table(contents)
    if table is not None:
        region = [(r, c) for r in range(table.top + 1, table.bottom + 1)
                  for c in range(table.left, table.right + 1)]
    else:
        region = list(contents.cells)  # the table's own fault is table-is-named's; look at every cell
    names = {s.name for s in book.sheets}
    linked, listed = {}, {}
    for r, c in sorted(region):
        cell = contents.at(r, c)
        if cell is None:
            continue
        if cell.link is not None:
            linked.setdefault(cell.link, cell_name(r, c))
            if cell.link not in names:
                problems.append(f"{CONTENTS}!{cell_name(r, c)} links to {cell.link!r}, which is not a sheet")
        if cell.kind == "text":
            listed.setdefault(cell.text.strip(), cell_name(r, c))
    for sheet in book.sheets:
        if sheet is contents or sheet is book.sheets[0]:
            continue
        if sheet.name in linked:
            continue
        if sheet.name in listed:
            problems.append(f"{CONTENTS}!{listed[sheet.name]} lists {sheet.name} but does not link to it")
        else:
            problems.append(f"{sheet.name} is not listed in the {CONTENTS} table")
    return problems


def explains(notes, token):
    """Whether the Notes sheet explains the shorthand token: in its table if it has one, a row whose
    first cell is the token and which has text besides ("[note 2]" | "The counts are ..."), or, for
    shorthand like "[c]", a cell that starts with the token and goes on to say what it means."""
    table = the_table(notes)
    if table is not None:
        rows = range(table.top + 1, table.bottom + 1)
        cols = range(table.left, table.right + 1)
    else:
        last_row, last_col = notes.used_area()
        rows, cols = range(2, last_row + 1), range(1, last_col + 1)
    for r in rows:
        texts = [(notes.filled(r, c).text if notes.filled(r, c) else "") for c in cols]
        if shorthand_key(texts[0]) == token and any(t.strip() for t in texts[1:]):
            return True
        if not token.startswith("[note"):
            for t in texts:
                rest = t.strip()
                if rest.lower().startswith(token) and len(rest) > len(token) + 2:
                    return True
    return False


def rule_notes_sheet(book, organisation):
    """Every shorthand used anywhere ("[c]", "[x]", "[note 3]", ...) is explained on a "Notes" sheet,
    which must exist if any is used: a "[note N]" by a row of the notes table, a "[c]" by a note that
    starts with it."""
    used = {}
    for sheet in book.sheets:
        for (r, c), cell in sorted(sheet.cells.items()):
            for m in SHORTHAND.finditer(cell.text):
                used.setdefault(shorthand_key(m.group()), f"{sheet.name}!{cell_name(r, c)}")
    if not used:
        return []
    notes = book.sheet(NOTES)
    if notes is None:
        return [f"there is no {NOTES!r} sheet, but {token} is used at {where}"
                for token, where in used.items()]
    return [f"{token}, used at {where}, is not explained on the {NOTES} sheet"
            for token, where in used.items() if not explains(notes, token)]


def rule_title_in_a1(book, organisation):
    """Every sheet has its title, a text, in A1, and nothing else in row 1."""
    problems = []
    for sheet in book.sheets:
        a1 = sheet.filled(1, 1)
        if a1 is None:
            problems.append(f"{sheet.name}!A1 is empty")
        elif a1.kind != "text":
            problems.append(f"{sheet.name}!A1 holds a {a1.kind}, not a title")
        for (r, c), cell in sorted(sheet.cells.items()):
            if r == 1 and c > 1:
                problems.append(f"{sheet.name}!{cell_name(r, c)} is not empty: the title goes alone in row 1")
    return problems


def rule_no_blank_rows_or_columns(book, organisation):
    """No sheet has an empty row or column inside its used area (from A1 to its last cell): the lines
    above a table are in column A, a table starts in column A and its rows follow each other. A cell
    with only spaces counts as empty (a reader cannot tell it from one), but still counts for the used
    area."""
    problems = []
    for sheet in book.sheets:
        last_row, last_col = sheet.used_area()
        if last_row == 0:
            problems.append(f"{sheet.name} is empty")
            continue
        rows = {r for (r, c) in sheet.cells if sheet.filled(r, c)}
        cols = {c for (r, c) in sheet.cells if sheet.filled(r, c)}
        for r in range(1, last_row + 1):
            if r not in rows:
                problems.append(f"{sheet.name}: row {r} is blank")
        for c in range(1, last_col + 1):
            if c not in cols:
                problems.append(f"{sheet.name}: column {column_letters(c)} is blank")
    return problems


def rule_table_is_named(book, organisation):
    """Every sheet but the cover sheet holds one table, marked up as a named table (XLSX: a table part;
    ODS: a named range or database range) that covers exactly its header row and its data rows: it
    starts in column A, none of its rows or columns is empty, and the row above it (a line of text) has
    nothing beside column A, or the header would be outside the table."""
    problems = []
    problems.extend(book.findings("table-is-named"))  # named ranges the reader could not place
    for sheet in table_sheets(book):
        if not sheet.tables:
            problems.append(f"{sheet.name} has no named table")
            continue
        if len(sheet.tables) > 1:
            problems.append(f"{sheet.name} has {len(sheet.tables)} named tables "
                            f"({', '.join(t.name for t in sheet.tables)}); a sheet holds one")
        for t in sheet.tables:
            where = f"{sheet.name}!{t.ref()}"
            if t.left != 1:
                problems.append(f"table {t.name} ({where}) starts in column {column_letters(t.left)}, not A")
            if t.bottom <= t.top:
                problems.append(f"table {t.name} ({where}) has no data rows")
            for r in range(t.top, t.bottom + 1):
                if not any(sheet.filled(r, c) for c in range(t.left, t.right + 1)):
                    problems.append(f"table {t.name} ({where}): its row {r} is empty")
            for c in range(t.left, t.right + 1):
                if not any(sheet.filled(r, c) for r in range(t.top, t.bottom + 1)):
                    problems.append(f"table {t.name} ({where}): its column {column_letters(c)} is empty")
            above = t.top - 1
            if above >= 1 and any(sheet.filled(above, c) for c in range(max(t.left, 2), t.right + 1)):
                problems.append(f"table {t.name} ({where}): row {above} above it has cells beside column A; "
                                "the table must start at its header row")
    return problems


def rule_single_header_row(book, organisation):
    """Each named table has one header row (its first row): every header a text, none empty, no two the
    same; and no second header row under it (a first data row of texts over columns of numbers)."""
    problems = []
    for sheet in table_sheets(book):
        for t in sheet.tables:
            if t.header_rows != 1:
                problems.append(f"table {t.name} ({sheet.name}!{t.ref()}) is marked with "
                                f"{t.header_rows} header rows")
            seen = {}
            for c in range(t.left, t.right + 1):
                where = f"{sheet.name}!{cell_name(t.top, c)}"
                cell = sheet.filled(t.top, c)
                if cell is None:
                    problems.append(f"{where}: the header of table {t.name} is empty")
                elif cell.kind != "text":
                    problems.append(f"{where}: the header {cell.value!r} of table {t.name} is a "
                                    f"{cell.kind}, not a text")
                elif cell.text.strip() in seen:
                    problems.append(f"{where}: the header {cell.text!r} of table {t.name} repeats "
                                    f"{seen[cell.text.strip()]}")
                else:
                    seen[cell.text.strip()] = cell_name(t.top, c)
            second = second_header_row(sheet, t)
            if second is not None:
                problems.append(f"{sheet.name}: row {second} of table {t.name} is a second header row "
                                "(texts over columns of numbers)")
    return problems


def rule_nothing_below_table(book, organisation):
    """Nothing is below a sheet's table or to the right of it: every cell of a table sheet is in the
    table or in the lines above it."""
    problems = []
    for sheet in table_sheets(book):
        if not sheet.tables:
            continue  # table-is-named says so
        bottom = max(t.bottom for t in sheet.tables)
        right = max(t.right for t in sheet.tables)
        for (r, c), cell in sorted(sheet.cells.items()):
            if r > bottom:
                problems.append(f"{sheet.name}!{cell_name(r, c)} is below the table ({cell.value!r})")
            elif c > right:
                problems.append(f"{sheet.name}!{cell_name(r, c)} is to the right of the table "
                                f"({cell.value!r})")
    return problems


def rule_numbers_as_numbers(book, organisation):
    """Every data cell of a table (its rows under the header, beside the first column, which holds the
    row labels) that looks like a number is stored as a number, not as text; and where a column holds
    numbers, a cell that does not holds only bracketed shorthand ("[c]", "[x]", "[z]"), never the
    shorthand with a number or note, nor a symbol ("*", "-", "n/a")."""
    problems = []
    for sheet in table_sheets(book):
        for t in sheet.tables:
            second = second_header_row(sheet, t)  # single-header-row reports it
            rows = [r for r in range(t.top + 1, t.bottom + 1) if r != second]
            for c in range(t.left + 1, t.right + 1):
                cells = [(r, sheet.filled(r, c)) for r in rows if sheet.filled(r, c)]
                numeric = any(cell.kind == "number" or LOOKS_LIKE_NUMBER.match(cell.text)
                              or ONLY_SHORTHAND.match(cell.text) for _, cell in cells)
                for r, cell in cells:
                    if cell.kind != "text":
                        continue
                    where = f"{sheet.name}!{cell_name(r, c)}"
                    if LOOKS_LIKE_NUMBER.match(cell.text):
                        problems.append(f"{where}: {cell.text!r} is a number stored as text")
                    elif not numeric or ONLY_SHORTHAND.match(cell.text):
                        continue  # a column of texts (the notes, the contents), or shorthand alone
                    elif SHORTHAND.search(cell.text):
                        problems.append(f"{where}: {cell.text!r} holds more than its shorthand")
                    else:
                        problems.append(f"{where}: {cell.text!r} where a number or bracketed shorthand "
                                        "([c], [x], [z]) belongs")
    return problems


def rule_no_merged_cells(book, organisation):
    """No merged cells (XLSX mergeCells; ODS spanned or covered cells)."""
    return book.findings("no-merged-cells")


def rule_no_hidden(book, organisation):
    """Nothing hidden: no hidden or very hidden sheet, row or column (XLSX sheet state, row and column
    hidden flags; ODS table display, visibility "collapse" or "filter")."""
    return book.findings("no-hidden")


def rule_no_freeze_panes(book, organisation):
    """No frozen or split panes (XLSX sheetView pane; ODS settings.xml split modes)."""
    return book.findings("no-freeze-panes")


def rule_no_filters(book, organisation):
    """No filters or sorts: no autofilter on a sheet, no filter buttons on a table (XLSX autoFilter;
    ODS database ranges with filter buttons or a filter)."""
    return book.findings("no-filters")


def rule_no_images_or_charts(book, organisation):
    """No images, charts, shapes or embedded objects (XLSX drawings, media, charts, chart sheets;
    ODS draw: elements, Pictures/ and Object parts)."""
    return book.findings("no-images-or-charts")


def rule_no_comments(book, organisation):
    """No comments or notes attached to cells (XLSX comments and threaded comments; ODS annotations)."""
    return book.findings("no-comments")


def rule_no_formulas(book, organisation):
    """No formulas: every value is stored as it is shown (XLSX f cells; ODS table:formula)."""
    return book.findings("no-formulas")


def rule_no_external_links(book, organisation):
    """No links to other files (XLSX external workbook links and relationships, hyperlinks to files;
    ODS links that are neither "#sheet" nor a web or mail address, linked tables and ranges, DDE).
    Links to web pages and e-mail addresses are allowed."""
    return book.findings("no-external-links")


def rule_no_pivot_tables(book, organisation):
    """No pivot tables or their caches (XLSX pivotTable and pivotCache parts; ODS data pilot tables)."""
    return book.findings("no-pivot-tables")


def rule_no_data_validation(book, organisation):
    """No data validation (drop-down lists or input rules) on any cell."""
    return book.findings("no-data-validation")


def rule_properties_organisation(book, organisation):
    """The document's author is the organisation, never a person's account: XLSX dc:creator (and
    cp:lastModifiedBy and the Company, when present and not empty); ODS dc:creator (and
    meta:initial-creator). Without --organisation, the creator must be set and the others agree with it."""
    problems = []
    required = [(name, value) for name, value, must in book.authors if must]
    expected = organisation if organisation else (required[0][1] if required else None)
    for name, value, must in book.authors:
        if must and not (value or "").strip():
            problems.append(f"the document's {name} is not set")
        elif (value or "").strip() and expected and value.strip() != expected:
            problems.append(f"the document's {name} is {value!r}, not {expected!r}")
    return problems


RULES = [  # (id, rule, what holds when it passes), in the order they are printed
    ("cover-sheet-first", rule_cover_sheet_first,
     "the first sheet is Cover_sheet, its title in A1 and its lines in column A"),
    ("contents-sheet", rule_contents_sheet,
     "the second sheet is Contents, its table linking to every other sheet"),
    ("notes-sheet", rule_notes_sheet, "every shorthand used is explained on the Notes sheet"),
    ("title-in-a1", rule_title_in_a1, "every sheet has its title in A1 and nothing else in row 1"),
    ("no-blank-rows-or-columns", rule_no_blank_rows_or_columns,
     "no blank row or column in any sheet's used area"),
    ("table-is-named", rule_table_is_named,
     "every sheet but the cover holds one named table of its header and rows"),
    ("single-header-row", rule_single_header_row,
     "every table has one header row of unique, non-empty texts"),
    ("nothing-below-table", rule_nothing_below_table, "nothing below or to the right of any table"),
    ("numbers-as-numbers", rule_numbers_as_numbers,
     "numbers are stored as numbers, shorthand cells hold only shorthand"),
    ("no-merged-cells", rule_no_merged_cells, "no merged cells"),
    ("no-hidden", rule_no_hidden, "no hidden sheets, rows or columns"),
    ("no-freeze-panes", rule_no_freeze_panes, "no frozen or split panes"),
    ("no-filters", rule_no_filters, "no filters"),
    ("no-images-or-charts", rule_no_images_or_charts, "no images or charts"),
    ("no-comments", rule_no_comments, "no comments"),
    ("no-formulas", rule_no_formulas, "no formulas"),
    ("no-external-links", rule_no_external_links, "no links to other files"),
    ("no-pivot-tables", rule_no_pivot_tables, "no pivot tables"),
    ("no-data-validation", rule_no_data_validation, "no data validation"),
    ("properties-organisation", rule_properties_organisation, "the document's author is the organisation"),
]
RULE_IDS = [rule_id for rule_id, _, _ in RULES]


def check(book, organisation):
    """{rule id: [problems]} for every rule."""
    return {rule_id: rule(book, organisation) for rule_id, rule, _ in RULES}


def report(results, organisation, out=sys.stdout, limit=20):
    """Prints a line per rule; returns True if every rule passed."""
    ok = True
    for rule_id, _, passing in RULES:
        problems = results[rule_id]
        if problems:
            ok = False
            shown = "; ".join(problems[:limit])
            more = f"; and {len(problems) - limit} more" if len(problems) > limit else ""
            print(f"FAIL {rule_id}: {shown}{more}", file=out)
        else:
            if rule_id == "properties-organisation":
                passing += (f" ({organisation})" if organisation
                            else " (no --organisation given: the creator is set)")
            print(f"PASS {rule_id}: {passing}", file=out)
    return ok


# ---------------------------------------------------------------------------------------------------
# The self-test: a good workbook like the ones we export, and one bad workbook per planted fault

ORGANISATION = "Example Constabulary"


class Link:
    """A cell that shows text and links to another sheet's A1."""

    def __init__(self, sheet, text=None):
        self.sheet, self.text = sheet, text or sheet


def good_spec():
    """A release workbook as our writers lay it out: sheets of lines (A1 the title) and a table under them.
    Cell values: int -> a number, str -> a text, Link -> a link to a sheet, None or "" -> nothing."""
    cover = ["Children linked to crime", "Freedom of Information request FOI-2026-0042",
             "The request: How many crimes were children of 8 and 9 linked to in 2017?",
             "Period: Crimes recorded from 1 January 2017 to 31 December 2017.", "Counting unit: crimes.",
             f"Published by: {ORGANISATION}", "Contact: Freedom of Information Unit, foi@example.police.uk",
             "Date: 24 November 2026"]
    table_lines = ["This worksheet contains one table.",
                   "Some counts are shown as [c]: withheld, see [note 1] on the Notes worksheet.",
                   "Crimes recorded from 1 January 2017 to 31 December 2017."]
    return {
        "creator": ORGANISATION,
        "modified_by": None,
        "extra_cells": [],  # (sheet, row, col, value), placed over the laid-out cells
        "sheets": [
            {"name": COVER, "lines": cover},
            {"name": CONTENTS,
             "lines": ["Contents", "This worksheet contains one table: the worksheets of this workbook."],
             "table": {"name": "Contents_table", "header": ["Worksheet", "Title"],
                       "rows": [[Link(NOTES), "Notes"],
                                [Link("Table_1"), "Table 1: Offences by Home Office offence class"],
                                [Link("Table_2"), "Table 2: Offences by age"]]}},
            {"name": NOTES,
             "lines": ["Notes", "This worksheet contains one table: the notes the tables refer to."],
             "table": {"name": "Notes_table", "header": ["Note number", "Note text"],
                       "rows": [["[note 1]",
                                 "[c] shows a count withheld so that no one can be identified from it."]]}},
            {"name": "Table_1", "lines": ["Table 1: Offences by Home Office offence class"] + table_lines,
             "table": {"name": "Table_1", "header": ["Offence class", "Count"],
                       "rows": [["Arson", 12], ["Burglary", "[c]"], ["Criminal damage", 7],
                                ["Harassment", "[c]"], ["Total", 31]]}},
            {"name": "Table_2", "lines": ["Table 2: Offences by age"] + table_lines,
             "table": {"name": "Table_2", "header": ["Age", "Count"],
                       "rows": [["8", 14], ["9", "[c]"], ["Total", 31]]}},
        ],
    }


def layout(sheet):
    """{(row, col): value} of a sheet of a spec, and its table's (top, left, bottom, right) or None."""
    cells = {}
    row = 0
    for row, line in enumerate(sheet["lines"], 1):
        if line not in (None, ""):
            cells[(row, 1)] = line
    table = sheet.get("table")
    if not table:
        return cells, None
    top = row + 1
    for c, h in enumerate(table["header"], 1):
        cells[(top, c)] = h
    for r, values in enumerate(table["rows"], top + 1):
        for c, v in enumerate(values, 1):
            if v not in (None, ""):
                cells[(r, c)] = v
    bottom = top + len(table["rows"]) + table.get("rows_more", 0)
    return cells, (top, 1, bottom, len(table["header"]))


def sheet_cells(spec, sheet):
    """The sheet's laid-out cells with the spec's extra cells over them (None empties a cell)."""
    cells, box = layout(sheet)
    for name, r, c, v in spec["extra_cells"]:
        if name == sheet["name"]:
            if v is None:
                cells.pop((r, c), None)
            else:
                cells[(r, c)] = v
    return cells, box


def build_xlsx(spec, path, tweak=None):
    import openpyxl
    from openpyxl.worksheet.hyperlink import Hyperlink
    from openpyxl.worksheet.table import Table as XlTable, TableColumn

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s in spec["sheets"]:
        ws = wb.create_sheet(s["name"])
        cells, box = sheet_cells(spec, s)
        for (r, c), v in sorted(cells.items()):
            cell = ws.cell(row=r, column=c)
            if isinstance(v, Link):
                cell.value = v.text
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{v.sheet}'!A1", display=v.text)
            else:
                cell.value = v
        table = s.get("table")
        if table and table.get("name") and box:
            top, left, bottom, right = box
            ref = f"{cell_name(top, left)}:{cell_name(bottom, right)}"
            # Columns given, so that openpyxl adds no autofilter of its own.
            columns = [TableColumn(id=i, name=str(h)) for i, h in enumerate(table["header"], 1)]
            ws.add_table(XlTable(displayName=table["name"], ref=ref, tableColumns=columns))
    wb.properties.creator = spec["creator"]
    wb.properties.lastModifiedBy = spec["modified_by"]
    if tweak:
        tweak(wb)
    wb.save(path)


ODS_NAMESPACES = " ".join(f'xmlns:{p}="{NS[p]}"' for p in
                          ("office", "table", "text", "style", "fo", "xlink", "draw", "svg", "chart"))


def ods_cell_xml(v):
    if v is None or v == "":
        return "<table:table-cell/>"
    if isinstance(v, bool) or not isinstance(v, (int, str, Link)):
        raise TypeError(v)
    if isinstance(v, int):
        return (f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>")
    if isinstance(v, Link):
        return ('<table:table-cell office:value-type="string"><text:p>'
                f'<text:a xlink:type="simple" xlink:href={quoteattr("#" + v.sheet)}>{escape(v.text)}</text:a>'
                "</text:p></table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'


def ods_content(spec):
    """content.xml as our writer makes it (a table per sheet, a named range per table), padded with the
    empty repeated rows and columns LibreOffice writes."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<office:document-content {ODS_NAMESPACES} office:version="1.2">',
           "<office:automatic-styles/><office:body><office:spreadsheet>"]
    padding_cells = '<table:table-cell table:number-columns-repeated="1000"/>'
    padding_rows = ('<table:table-row table:number-rows-repeated="1048000">'
                    '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    ranges = []
    for s in spec["sheets"]:
        cells, box = sheet_cells(spec, s)
        last_row = max([r for r, _ in cells] + [box[2] if box else 0])
        last_col = max([c for _, c in cells] + [box[3] if box else 1])
        out.append(f"<table:table table:name={quoteattr(s['name'])}>")
        out.append(f'<table:table-column table:number-columns-repeated="{last_col}"/>')
        out.append('<table:table-column table:number-columns-repeated="1000"/>')
        for r in range(1, last_row + 1):
            row = [ods_cell_xml(cells.get((r, c))) for c in range(1, last_col + 1)]
            out.append("<table:table-row>" + "".join(row) + padding_cells + "</table:table-row>")
        out.append(padding_rows)
        out.append("</table:table>")
        table = s.get("table")
        if table and table.get("name") and box:
            top, left, bottom, right = box
            address = f"$'{s['name']}'.${column_letters(left)}${top}:.${column_letters(right)}${bottom}"
            ranges.append((table["name"], address))
    out.append("<table:named-expressions>")
    for name, address in ranges:
        base = address.split(":")[0]
        out.append(f"<table:named-range table:name={quoteattr(name)} "
                   f"table:base-cell-address={quoteattr(base)} "
                   f'table:cell-range-address={quoteattr(address)}/>')
    out.append("</table:named-expressions></office:spreadsheet></office:body></office:document-content>")
    return "".join(out)


def ods_meta(spec):
    creator = spec["modified_by"] if spec["modified_by"] is not None else spec["creator"]
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta xmlns:office="{NS["office"]}" '
            f'xmlns:meta="{NS["meta"]}" xmlns:dc="{NS["dc"]}" office:version="1.2"><office:meta>'
            f"<meta:generator>FOI Tables</meta:generator><dc:title>Children linked to crime</dc:title>"
            f"<meta:initial-creator>{escape(spec['creator'])}</meta:initial-creator>"
            f"<dc:creator>{escape(creator)}</dc:creator></office:meta></office:document-meta>")


def build_ods(spec, path, tweak=None):
    parts = {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<manifest:manifest xmlns:manifest="{NS["manifest"]}" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            + "".join(f'<manifest:file-entry manifest:full-path="{p}" manifest:media-type="text/xml"/>'
                      for p in ("content.xml", "styles.xml", "meta.xml"))
            + "</manifest:manifest>"),
        "content.xml": ods_content(spec),
        "styles.xml": ('<?xml version="1.0" encoding="UTF-8"?>'
                       f'<office:document-styles xmlns:office="{NS["office"]}" '
                       'office:version="1.2"><office:styles/></office:document-styles>'),
        "meta.xml": ods_meta(spec),
    }
    if tweak:
        tweak(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), parts.pop("mimetype"), compress_type=zipfile.ZIP_STORED)
        for name, text in parts.items():
            zf.writestr(name, text.encode("utf-8") if isinstance(text, str) else text)


def replace_once(parts, part, old, new):
    """Replaces the first old in a part; the plant is broken (and says so) if old is not there."""
    text = parts[part]
    if old not in text:
        raise AssertionError(f"{part} has no {old!r} to plant into")
    parts[part] = text.replace(old, new, 1)


def in_sheet_ods(parts, sheet, old, new):
    """Replaces the first old after the start of a sheet's table:table in content.xml."""
    text = parts["content.xml"]
    at = text.index(old, text.index(f'<table:table table:name="{sheet}">'))
    parts["content.xml"] = text[:at] + new + text[at + len(old):]


def sheet_spec(spec, name):
    return next(s for s in spec["sheets"] if s["name"] == name)


def table_rows(spec, name):
    return sheet_spec(spec, name)["table"]["rows"]


# The plants. Each breaks one rule, in a copy of the good workbook: a `spec` plant changes the layout
# (and so both formats), an `xlsx` plant the openpyxl workbook before it is saved, an `ods` plant the
# XML of the package's parts. In the good workbooks, Table_1 has its header in row 5 and its rows in
# 6 to 10 (Arson 12, Burglary [c], Criminal damage 7, Harassment [c], Total 31); Table_2 its header in
# row 5 and its rows in 6 to 8.

class Plant:
    def __init__(self, rule, what, spec=None, xlsx=None, ods=None):
        self.rule, self.what, self.spec, self.xlsx, self.ods = rule, what, spec, xlsx, ods

    def applies_to(self, fmt):
        return self.spec is not None or getattr(self, fmt) is not None


# cover-sheet-first

def cover_renamed(spec):
    spec["sheets"][0]["name"] = "Cover"


def cover_of_its_title_alone(spec):
    spec["sheets"][0]["lines"] = spec["sheets"][0]["lines"][:1]


# contents-sheet

def contents_entry_not_a_link(spec):
    table_rows(spec, CONTENTS)[1][0] = "Table_1"


def contents_missing_a_sheet(spec):
    table_rows(spec, CONTENTS).pop()


def contents_third(spec):
    spec["sheets"].insert(2, spec["sheets"].pop(1))


# notes-sheet

def unexplained_shorthand(spec):
    table_rows(spec, "Table_1")[2][1] = "[x]"


def unexplained_note(spec):
    sheet_spec(spec, "Table_2")["lines"].insert(3, "[note 2] Ages are at the time of the crime.")


def no_notes_sheet(spec):
    spec["sheets"].remove(sheet_spec(spec, NOTES))
    table_rows(spec, CONTENTS).pop(0)


# title-in-a1

def second_cell_in_row_1(spec):
    spec["extra_cells"].append((COVER, 1, 2, "Official statistics"))


def title_in_b1(spec):
    spec["extra_cells"] += [("Table_2", 1, 1, None), ("Table_2", 1, 2, "Table 2: Offences by age")]


# no-blank-rows-or-columns

def blank_row_above_table(spec):
    sheet_spec(spec, "Table_1")["lines"].insert(2, "")


def blank_columns_on_cover(spec):
    spec["extra_cells"].append((COVER, 5, 4, "See also the annual report"))


def row_of_spaces(spec):
    spec["sheets"][0]["lines"].insert(3, "   ")


# table-is-named

def table_not_named(spec):
    sheet_spec(spec, "Table_2")["table"]["name"] = None


def table_one_row_too_long(spec):
    sheet_spec(spec, "Table_1")["table"]["rows_more"] = 1


# single-header-row

def two_header_rows(spec):
    table_rows(spec, "Table_1").insert(0, ["Offence group", "Number of crimes"])


def same_header_twice(spec):
    sheet_spec(spec, NOTES)["table"]["header"] = ["Note", "Note"]


# nothing-below-table

def line_below_table(spec):
    bottom = layout(sheet_spec(spec, "Table_1"))[1][2]
    spec["extra_cells"].append(("Table_1", bottom + 1, 1, "Source: CONNECT"))


def cell_right_of_table(spec):
    spec["extra_cells"].append(("Table_2", 6, 3, "Checked"))


# numbers-as-numbers

def number_as_text(spec):
    table_rows(spec, "Table_1")[2][1] = "7"


def shorthand_with_number(spec):
    table_rows(spec, "Table_1")[3][1] = "3 [c]"


def symbol_for_withheld(spec):
    table_rows(spec, "Table_2")[1][1] = "*"


# no-merged-cells

def xlsx_merged(wb):
    wb["Table_1"].merge_cells("A2:B2")


def ods_merged(parts):
    cell = '<table:table-cell office:value-type="string"><text:p>This worksheet'
    in_sheet_ods(parts, "Table_1", cell, cell.replace("<table:table-cell ",
                                                      '<table:table-cell table:number-columns-spanned="2" '))


# no-hidden

def xlsx_hidden_row(wb):
    wb["Table_1"].row_dimensions[6].hidden = True


def ods_hidden_row(parts):
    in_sheet_ods(parts, "Table_1", "<table:table-row>", '<table:table-row table:visibility="collapse">')


def xlsx_hidden_column(wb):
    wb["Table_2"].column_dimensions["B"].hidden = True


def ods_hidden_column(parts):
    in_sheet_ods(parts, "Table_2", '<table:table-column table:number-columns-repeated="2"/>',
                 '<table:table-column/><table:table-column table:visibility="collapse"/>')


def xlsx_hidden_sheet(wb):
    wb[NOTES].sheet_state = "hidden"


def ods_hidden_sheet(parts):
    replace_once(parts, "content.xml", "<office:automatic-styles/>",
                 '<office:automatic-styles><style:style style:name="ta_hidden" style:family="table">'
                 '<style:table-properties table:display="false"/></style:style></office:automatic-styles>')
    replace_once(parts, "content.xml", '<table:table table:name="Notes">',
                 '<table:table table:name="Notes" table:style-name="ta_hidden">')


# no-freeze-panes

def xlsx_frozen(wb):
    wb["Table_1"].freeze_panes = "A6"


def ods_frozen(parts):
    parts["settings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-settings xmlns:office="{NS["office"]}" xmlns:config="{NS["config"]}" '
        'office:version="1.2"><office:settings>'
        '<config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        '<config:config-item-map-named config:name="Tables">'
        '<config:config-item-map-entry config:name="Table_1">'
        '<config:config-item config:name="HorizontalSplitMode" config:type="short">0</config:config-item>'
        '<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>'
        '<config:config-item config:name="VerticalSplitPosition" config:type="int">5</config:config-item>'
        "</config:config-item-map-entry></config:config-item-map-named></config:config-item-map-entry>"
        "</config:config-item-map-indexed></config:config-item-set></office:settings>"
        "</office:document-settings>")


# no-filters

def xlsx_table_filter(wb):
    from openpyxl.worksheet.filters import AutoFilter
    table = wb["Table_1"].tables["Table_1"]
    table.autoFilter = AutoFilter(ref=table.ref)


def ods_filter_buttons(parts):
    replace_once(parts, "content.xml", "</table:named-expressions>",
                 "</table:named-expressions><table:database-ranges>"
                 '<table:database-range table:name="__Anonymous_Sheet_DB__3" '
                 'table:target-range-address="Table_1.A5:Table_1.B10" table:display-filter-buttons="true"/>'
                 "</table:database-ranges>")


def xlsx_sheet_autofilter(wb):
    wb["Table_2"].auto_filter.ref = "A5:B8"


# no-images-or-charts

def xlsx_chart(wb):
    from openpyxl.chart import BarChart, Reference
    ws = wb["Table_1"]
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=5, max_row=9), titles_from_data=True)
    ws.add_chart(chart, "D2")


def ods_chart(parts):
    in_sheet_ods(parts, "Table_1", "<table:table-column",
                 '<table:shapes><draw:frame draw:name="Chart 1" svg:width="8cm" svg:height="5cm">'
                 '<draw:object xlink:href="./Object 1" xlink:type="simple"/></draw:frame></table:shapes>'
                 "<table:table-column")


# no-comments

def xlsx_comment(wb):
    from openpyxl.comments import Comment
    wb["Table_1"]["B6"].comment = Comment("CR/0000123/17 Smith", "jsmith")


def ods_comment(parts):
    in_sheet_ods(parts, "Table_1", "<text:p>12</text:p>",
                 "<office:annotation><text:p>CR/0000123/17 Smith</text:p></office:annotation>"
                 "<text:p>12</text:p>")


# no-formulas

def xlsx_formula(wb):
    wb["Table_1"]["B10"] = "=SUM(B6:B9)"


def ods_formula(parts):
    total = 'office:value-type="float" office:value="31"'
    in_sheet_ods(parts, "Table_1", total, 'table:formula="of:=SUM([.B6:.B9])" ' + total)


# no-external-links

def xlsx_external_workbook(wb):
    from openpyxl.packaging.relationship import Relationship
    from openpyxl.workbook.external_link.external import ExternalBook, ExternalLink
    link = ExternalLink(externalBook=ExternalBook(id="rId1"))
    link.file_link = Relationship(type="externalLinkPath", Target="file:///C:/data/raw_extract.xlsx",
                                  TargetMode="External", Id="rId1")
    wb._external_links.append(link)


def ods_link_to_file(parts):
    in_sheet_ods(parts, COVER, "<text:p>Contact:",
                 '<text:p><text:a xlink:type="simple" xlink:href="file:///C:/data/raw_extract.ods">raw'
                 "</text:a> Contact:")


def xlsx_link_to_file(wb):
    wb[COVER]["A3"].hyperlink = "file:///C:/data/raw_extract.xlsx"


def ods_linked_sheet(parts):
    replace_once(parts, "content.xml", "</table:table>",
                 '<table:table-source xlink:type="simple" xlink:href="file:///C:/data/raw.ods" '
                 'table:table-name="Sheet1"/></table:table>')


# no-pivot-tables

def xlsx_pivot(wb):
    from openpyxl.pivot.cache import CacheDefinition, CacheField, CacheSource, SharedItems, WorksheetSource
    from openpyxl.pivot.table import Location, PivotField, TableDefinition
    source = WorksheetSource(ref="A5:B10", sheet="Table_1")
    cache = CacheDefinition(cacheSource=CacheSource(type="worksheet", worksheetSource=source),
                            cacheFields=[CacheField(name="Offence class", sharedItems=SharedItems()),
                                         CacheField(name="Count", sharedItems=SharedItems())])
    pivot = TableDefinition(name="PivotTable1", cacheId=1, dataCaption="Values",
                            location=Location(ref="E5:F10", firstHeaderRow=1, firstDataRow=1, firstDataCol=1),
                            pivotFields=[PivotField(), PivotField(dataField=True)])
    pivot.cache = cache
    wb["Table_1"]._pivots.append(pivot)


def ods_pivot(parts):
    replace_once(parts, "content.xml", "</table:named-expressions>",
                 "</table:named-expressions><table:data-pilot-tables>"
                 '<table:data-pilot-table table:name="DataPilot1" '
                 'table:target-range-address="Table_1.E5:Table_1.F10">'
                 '<table:source-cell-range table:cell-range-address="Table_1.A5:Table_1.B10"/>'
                 "</table:data-pilot-table></table:data-pilot-tables>")


# no-data-validation

def xlsx_validation(wb):
    from openpyxl.worksheet.datavalidation import DataValidation
    rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")
    rule.add("B6:B10")
    wb["Table_1"].add_data_validation(rule)


def ods_validation(parts):
    replace_once(parts, "content.xml", "<office:spreadsheet>",
                 "<office:spreadsheet><table:content-validations>"
                 '<table:content-validation table:name="val1" '
                 'table:condition="of:cell-content-is-whole-number()"/></table:content-validations>')
    arson = 'office:value-type="float" office:value="12"'
    in_sheet_ods(parts, "Table_1", arson, 'table:content-validation-name="val1" ' + arson)


# properties-organisation

def account_as_creator(spec):
    spec["creator"] = "jsmith"


def account_as_last_to_save(spec):
    spec["modified_by"] = "jsmith"


PLANTS = [
    Plant("cover-sheet-first", "the cover sheet named Cover", spec=cover_renamed),
    Plant("cover-sheet-first", "a cover sheet of its title alone", spec=cover_of_its_title_alone),
    Plant("contents-sheet", "a contents entry that is not a link", spec=contents_entry_not_a_link),
    Plant("contents-sheet", "a sheet missing from the contents", spec=contents_missing_a_sheet),
    Plant("contents-sheet", "the contents third, after the notes", spec=contents_third),
    Plant("notes-sheet", "[x] used in a table but not explained", spec=unexplained_shorthand),
    Plant("notes-sheet", "[note 2] referred to but not on the Notes sheet", spec=unexplained_note),
    Plant("notes-sheet", "no Notes sheet though [c] and [note 1] are used", spec=no_notes_sheet),
    Plant("title-in-a1", "a second cell in row 1 of the cover sheet", spec=second_cell_in_row_1),
    Plant("title-in-a1", "a table sheet's title in B1, A1 empty", spec=title_in_b1),
    Plant("no-blank-rows-or-columns", "a blank row between the lines above a table",
          spec=blank_row_above_table),
    Plant("no-blank-rows-or-columns", "a cell in D5 of the cover sheet, leaving B and C blank",
          spec=blank_columns_on_cover),
    Plant("no-blank-rows-or-columns", "a row of only spaces in the cover sheet", spec=row_of_spaces),
    Plant("table-is-named", "a table sheet whose table is not named", spec=table_not_named),
    Plant("table-is-named", "a named table one row longer than its table", spec=table_one_row_too_long),
    Plant("single-header-row", "a table with two header rows", spec=two_header_rows),
    Plant("single-header-row", "two headers the same", spec=same_header_twice),
    Plant("nothing-below-table", "a source line under the table", spec=line_below_table),
    Plant("nothing-below-table", "a cell to the right of the table", spec=cell_right_of_table),
    Plant("numbers-as-numbers", "a count stored as text", spec=number_as_text),
    Plant("numbers-as-numbers", "shorthand with a number", spec=shorthand_with_number),
    Plant("numbers-as-numbers", "a symbol for a withheld count", spec=symbol_for_withheld),
    Plant("no-merged-cells", "A2:B2 merged on a table sheet", xlsx=xlsx_merged, ods=ods_merged),
    Plant("no-hidden", "a hidden row", xlsx=xlsx_hidden_row, ods=ods_hidden_row),
    Plant("no-hidden", "a hidden column", xlsx=xlsx_hidden_column, ods=ods_hidden_column),
    Plant("no-hidden", "a hidden sheet", xlsx=xlsx_hidden_sheet, ods=ods_hidden_sheet),
    Plant("no-freeze-panes", "a frozen header", xlsx=xlsx_frozen, ods=ods_frozen),
    Plant("no-filters", "filter buttons on a table", xlsx=xlsx_table_filter, ods=ods_filter_buttons),
    Plant("no-filters", "an autofilter on a sheet", xlsx=xlsx_sheet_autofilter),
    Plant("no-images-or-charts", "a chart", xlsx=xlsx_chart, ods=ods_chart),
    Plant("no-comments", "a comment on a cell", xlsx=xlsx_comment, ods=ods_comment),
    Plant("no-formulas", "a total as a formula", xlsx=xlsx_formula, ods=ods_formula),
    Plant("no-external-links", "a link to another workbook", xlsx=xlsx_external_workbook,
          ods=ods_link_to_file),
    Plant("no-external-links", "a cell or a sheet linked to a file", xlsx=xlsx_link_to_file,
          ods=ods_linked_sheet),
    Plant("no-pivot-tables", "a pivot table", xlsx=xlsx_pivot, ods=ods_pivot),
    Plant("no-data-validation", "a rule on the counts", xlsx=xlsx_validation, ods=ods_validation),
    Plant("properties-organisation", "a person's account as the creator", spec=account_as_creator),
    Plant("properties-organisation", "a person's account as the last to save it",
          spec=account_as_last_to_save),
]


def check_plant(plant, fmt, path):
    """Builds the plant's workbook at path and checks it; a miss as a text, or None if caught exactly."""
    import copy
    spec = copy.deepcopy(good_spec())
    if plant.spec:
        plant.spec(spec)
    BUILDERS[fmt](spec, path, getattr(plant, fmt))
    results = check(read_book(path), ORGANISATION)
    failed = sorted(rule for rule, problems in results.items() if problems)
    if failed == [plant.rule]:
        print(f"ok   {fmt} {plant.rule}: {plant.what}: {results[plant.rule][0]}")
        return None
    if plant.rule not in failed:
        return f"not caught (fails: {', '.join(failed) or 'nothing'})"
    others = "; ".join(f"{rule}: {results[rule][0]}" for rule in failed if rule != plant.rule)
    return f"caught, but other rules fail too: {others}"


BUILDERS = {"xlsx": build_xlsx, "ods": build_ods}


def self_test():
    """Builds the good workbooks and every plant, in both formats; True if every fault is caught exactly
    (its rule fails and no other) and the good workbooks pass."""
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, build in BUILDERS.items():
            good = os.path.join(tmp, f"good.{fmt}")
            build(good_spec(), good)
            failed = {rule: problems for rule, problems in check(read_book(good), ORGANISATION).items()
                      if problems}
            if failed:
                misses.append(f"{fmt}: the good workbook fails "
                              + "; ".join(f"{rule}: {problems}" for rule, problems in failed.items()))
            else:
                print(f"ok   {fmt}: the good workbook passes every rule")
            planted = set()
            for n, plant in enumerate(PLANTS, 1):
                if not plant.applies_to(fmt):
                    continue
                planted.add(plant.rule)
                try:
                    miss = check_plant(plant, fmt, os.path.join(tmp, f"plant{n}.{fmt}"))
                except Exception as e:  # a plant that cannot be built or read is a miss too
                    miss = f"{type(e).__name__}: {e}"
                if miss:
                    misses.append(f"{fmt} {plant.rule}: {plant.what}: {miss}")
            misses.extend(f"{fmt} {rule}: no plant breaks it" for rule in RULE_IDS if rule not in planted)
    for miss in misses:
        print(f"MISS {miss}")
    print(f"self-test: {len(misses)} miss(es)" if misses
          else "self-test: every planted fault caught, exactly")
    return not misses


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", help="the .xlsx or .ods file to check")
    parser.add_argument("--organisation", help="the organisation the document's author must be")
    parser.add_argument("--self-test", action="store_true",
                        help="check that the checker catches a fault planted for each rule")
    args = parser.parse_args(argv)
    if args.self_test:
        return 0 if self_test() else 1
    if not args.file:
        parser.error("give a file to check, or --self-test")
    try:
        book = read_book(args.file)
    except Exception as e:  # a file we cannot read passes no rule
        print(f"FAIL read: {args.file}: {type(e).__name__}: {e}")
        return 2
    return 0 if report(check(book, args.organisation), args.organisation) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
