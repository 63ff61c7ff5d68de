#!/usr/bin/python3
"""Writes the seeds of the xlsx_reader fuzz target into fuzz/seeds/xlsx_reader/ (they are committed).

Two kinds of seed (fuzz/FuzzXlsxReader.cpp reads both):
- NAME.xlsx: workbooks as openpyxl writes them (deflated, as Excel and most tools write them), and one
  re-zipped with stored entries, whose XML a mutation can reach before the checksum stops it;
- NAME.parts: the parts of a package, each its name, a line break and its bytes, separated by NUL bytes;
  the target zips them itself, so that mutations reach the XML.

Run it again after changing it: fuzz/make-xlsx-seeds.py (Debian's python3 with python3-openpyxl).
"""

import datetime
import io
import pathlib
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

OUT = pathlib.Path(__file__).resolve().parent / "seeds" / "xlsx_reader"
# Parts no reader looks at: left out of the .parts seeds so that mutations go where they matter.
UNREAD = ("docProps/", "xl/theme/")


def connect_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Extract"
    ws.append(["OccurrenceReference", "LegacyReference", "RecordedOn", "CommittedFrom", "CommittedTo",
               "HomeOfficeCode", "PersonUrn", "LegacyNominal", "DateOfBirth", "AgeAtCommitted", "Gender",
               "InvolvementType", "OutcomeCode"])
    ws.append(["OCC-2017-0004512", "", datetime.datetime(2017, 12, 5, 14, 32), datetime.date(2017, 12, 4),
               None, "8N/01", "P-0001", "", datetime.date(2008, 7, 21), 9, "Male", "Suspect", "OC11"])
    ws.append(["OCC-2017-0004513", "CR/0000412/17", "2017-12-06T09:00:00", "2017-11-30", "2017-12-01",
               "105A", "P-0002", "N000000412", "", None, "female", "Responsible - Below Age of Criminal "
               "Responsibility", ""])
    ws.append(["OCC-2018-0000001", None, datetime.date(2018, 1, 2), None, None, "34A", "P-0003", None,
               datetime.date(1990, 2, 28), 27.0, "Unknown", "Victim", "OC1"])
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=5):
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    ws["I2"].number_format = "yyyy-mm-dd"
    ws["I4"].number_format = "[$-809]dd mmmm yyyy"
    ws["N2"] = True
    ws["O2"] = 3.25
    ws["O2"].number_format = "0.00"
    ws["P2"] = "=1/0"
    wb.create_sheet("Notes")["A1"] = "not the data"
    return wb


def police_uk_workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Crime ID", "Month", "Reported by", "Crime type", "Last outcome category"])
    ws.append(["320930473d454d613e", "2019-01", "City of London Police", "Bicycle theft",
               "Investigation complete; no suspect identified"])
    ws.append([None, "2019-01", "City of London Police", "Anti-social behaviour", None])
    ws.append(["08ddf4e2aa87a1d869", "2019-01", "City of London Police", "Violence and sexual offences",
               "Under investigation"])
    return wb


def date1904_workbook():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["OccurrenceReference", "RecordedOn", "DateOfBirth", "AgeAtCommitted"])
    ws.append(["OCC-1", datetime.datetime(2017, 12, 5, 0, 0), datetime.date(1904, 1, 2), 0.5])
    ws.append(["OCC-2", datetime.time(14, 32), datetime.date(2017, 1, 1), -1])
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "yyyy-mm-dd hh:mm:ss"
    return wb


# A package written by hand, with what openpyxl never writes: inline and rich strings, phonetic runs,
# _xHHHH_ escapes, formula strings, booleans, errors, t="d" cells, cells without references, a custom
# date format redefining a built-in id, and relationships with absolute and relative targets.
HAND_MADE = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/><sheets><sheet name="Data" sheetId="1" r:id="rId7"/><sheet name="Other" sheetId="2" r:id="rId8"/></sheets></workbook>""",
    "xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/other.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/strings.xml"/><Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId11" Type="http://example.org/hyperlink" Target="http://example.org/" TargetMode="External"/></Relationships>""",
    "xl/strings.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>OccurrenceReference</t></si><si><t xml:space="preserve">Recorded</t><rPh sb="0" eb="1"><t>ROKU</t></rPh></si><si><r><rPr><b/></rPr><t>Rich</t></r><r><t xml:space="preserve"> text_x000D_
here</t></r></si><si><t>_x005F_x0041_ and &#x1F600; and &amp;</t></si></sst>""",
    "xl/styles.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="&quot;day&quot; d\\-mmm\\-yy;@"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts><cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="47"/><xf numFmtId="165"/></cellXfs></styleSheet>""",
    "xl/worksheets/data.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row><row r="2" spans="1:6"><c r="A2" t="inlineStr"><is><t>OCC-1</t></is></c><c r="B2" s="1"><v>43074.60555555555</v></c><c r="C2" s="2"><v>7.0</v></c><c r="D2" s="3"><v>0.25</v></c><c r="E2" t="str"><f>A2&amp;"x"</f><v>OCC-1x_x0009_</v></c><c r="F2" t="b"><v>0</v></c></row><row r="3"><c r="A3" t="e"><v>#N/A</v></c><c r="B3" t="d"><v>2017-12-05T14:32:00</v></c><c r="C3"><v>2.0170105E7</v></c><c r="D3" s="1"><v>60</v></c><c r="E3" s="1"><v>-1</v></c><c r="AA3" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r><rPh><t>x</t></rPh></is></c></row><row><c s="4"/></row><row r="7"><c r="XFD7"><v>-0.0</v></c></row></sheetData></worksheet>""",
    "xl/worksheets/other.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>not the data</t></is></c></row></sheetData></worksheet>""",
}


def save(wb):
    data = io.BytesIO()
    wb.save(data)
    return data.getvalue()


def parts_of(xlsx):
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return {n: z.read(n) for n in z.namelist() if not n.startswith(UNREAD)}


def as_parts(parts):
    return b"\0".join(name.encode() + b"\n" + (data if isinstance(data, bytes) else data.encode())
                      for name, data in parts.items())


def as_zip(parts, method):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", method) as z:
        for name, content in parts.items():
            # A fixed time, so that running the script again writes the same bytes.
            z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), content, compress_type=method)
    return data.getvalue()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    seeds = {}
    for name, make in (("connect", connect_workbook), ("police-uk", police_uk_workbook),
                       ("date1904", date1904_workbook)):
        # openpyxl stamps the time into docProps: the parts it reads are re-zipped for stable bytes.
        parts = parts_of(save(make()))
        seeds[name + ".xlsx"] = as_zip(parts, zipfile.ZIP_DEFLATED)
        seeds[name + ".parts"] = as_parts(parts)
    seeds["connect-stored.xlsx"] = as_zip(parts_of(seeds["connect.xlsx"]), zipfile.ZIP_STORED)
    seeds["hand-made.parts"] = as_parts(HAND_MADE)
    seeds["hand-made.xlsx"] = as_zip(HAND_MADE, zipfile.ZIP_DEFLATED)
    for name, data in sorted(seeds.items()):
        (OUT / name).write_bytes(data)
        print(f"{OUT / name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
