// Writes an .xlsx with libxlsxwriter from a script on standard input, for the XLSX reader's tests.
//
// Why a separate process: libxlsxwriter (through the system minizip) and QuaZip (its own copy of minizip)
// both export zipOpen, zipOpenNewFileInZip4_64, zipClose and the rest. In a process that loads both, one
// copy interposes the other, and libxlsxwriter's workbook_close crashes inside QuaZip's zipOpen. test_core
// loads QuaZip through foi_core, so it runs this helper instead.
//
// Usage: xlsx_fixture OUT.xlsx [constant_memory] < script
// One command per line, fields separated by tabs; in text, \n \r \t and \\ are escapes:
//   sheet    NAME
//   format   NAME NUM_FORMAT [bold]
//   string   ROW COL TEXT [FORMAT]
//   number   ROW COL VALUE [FORMAT]
//   datetime ROW COL Y M D H MIN S [FORMAT]
//   boolean  ROW COL 0|1 [FORMAT]
//   blank    ROW COL FORMAT
//   formula  ROW COL FORMULA RESULT [FORMAT]

#include <xlsxwriter.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

std::vector<std::string> splitTabs(const std::string &line)
{
    std::vector<std::string> fields(1);
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\t') {
            fields.emplace_back();
        } else if (c == '\\' && i + 1 < line.size()) {
            const char e = line[++i];
            fields.back().push_back(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e);
        } else {
            fields.back().push_back(c);
        }
    }
    return fields;
}

int fail(const std::string &message)
{
    std::cerr << "xlsx_fixture: " << message << '\n';
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2)
        return fail("usage: xlsx_fixture OUT.xlsx [constant_memory] < script");
    lxw_workbook_options options{};
    options.constant_memory = argc > 2 && std::string(argv[2]) == "constant_memory" ? LXW_TRUE : LXW_FALSE;
    lxw_workbook *workbook = workbook_new_opt(argv[1], &options);
    if (!workbook)
        return fail("cannot create the workbook");

    std::map<std::string, lxw_format *> formats;
    lxw_worksheet *sheet = nullptr;
    std::string line;
    int lineNumber = 0;
    while (std::getline(std::cin, line)) {
        ++lineNumber;
        if (line.empty())
            continue;
        const std::vector<std::string> f = splitTabs(line);
        const std::string &command = f[0];
        const auto formatAt = [&](size_t i) -> lxw_format * {
            if (i >= f.size() || f[i].empty())
                return nullptr;
            const auto it = formats.find(f[i]);
            return it == formats.end() ? nullptr : it->second;
        };
        const auto number = [&](size_t i) {
            return i < f.size() ? std::strtod(f[i].c_str(), nullptr) : 0.0;
        };
        const auto row = [&] {
            return static_cast<lxw_row_t>(number(1));
        };
        const auto col = [&] {
            return static_cast<lxw_col_t>(number(2));
        };

        if (command == "sheet" && f.size() >= 2) {
            sheet = workbook_add_worksheet(workbook, f[1].c_str());
            continue;
        }
        if (command == "format" && f.size() >= 3) {
            lxw_format *format = workbook_add_format(workbook);
            if (!f[2].empty())
                format_set_num_format(format, f[2].c_str());
            if (f.size() > 3 && f[3] == "bold")
                format_set_bold(format);
            formats[f[1]] = format;
            continue;
        }
        if (!sheet)
            sheet = workbook_add_worksheet(workbook, nullptr);
        lxw_error error = LXW_NO_ERROR;
        if (command == "string" && f.size() >= 4) {
            error = worksheet_write_string(sheet, row(), col(), f[3].c_str(), formatAt(4));
        } else if (command == "number" && f.size() >= 4) {
            error = worksheet_write_number(sheet, row(), col(), number(3), formatAt(4));
        } else if (command == "datetime" && f.size() >= 9) {
            lxw_datetime dt{static_cast<int>(number(3)), static_cast<int>(number(4)),
                            static_cast<int>(number(5)), static_cast<int>(number(6)),
                            static_cast<int>(number(7)), number(8)};
            error = worksheet_write_datetime(sheet, row(), col(), &dt, formatAt(9));
        } else if (command == "boolean" && f.size() >= 4) {
            error = worksheet_write_boolean(sheet, row(), col(), static_cast<int>(number(3)), formatAt(4));
        } else if (command == "blank" && f.size() >= 4) {
            error = worksheet_write_blank(sheet, row(), col(), formatAt(3));
        } else if (command == "formula" && f.size() >= 5) {
            error = worksheet_write_formula_str(sheet, row(), col(), f[3].c_str(), formatAt(5), f[4].c_str());
        } else {
            return fail("line " + std::to_string(lineNumber) + ": cannot understand '" + line + "'");
        }
        if (error != LXW_NO_ERROR)
            return fail("line " + std::to_string(lineNumber) + ": " + lxw_strerror(error));
    }
    const lxw_error closed = workbook_close(workbook);
    if (closed != LXW_NO_ERROR)
        return fail(std::string("cannot write the workbook: ") + lxw_strerror(closed));
    return 0;
}
