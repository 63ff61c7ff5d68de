#include "OutcomeTypes.h"

#include "ReferenceFiles.h"

#include <algorithm>
#include <utility>

namespace foi {

Result<OutcomeTypes> OutcomeTypes::loadBuiltIn()
{
    const QString path = QStringLiteral(":/reference/crime-outcome-types.csv");
    auto bytes = reference::readFile(path);
    if (!bytes)
        return bytes.error();
    return fromCsv(*bytes, path);
}

const OutcomeTypes &OutcomeTypes::builtIn()
{
    // A function-local static is initialised once, and thread-safely, on first use.
    static const OutcomeTypes instance = reference::builtInOrAbort(loadBuiltIn(), "outcome types");
    return instance;
}

Result<OutcomeTypes> OutcomeTypes::fromCsv(const QByteArray &csv, const QString &fileName)
{
    const QString numberColumn = QStringLiteral("outcome_type");
    const QString labelColumn = QStringLiteral("short_label");
    const QString descriptionColumn = QStringLiteral("description_summary");
    const QString groupColumn = QStringLiteral("outcome_group");
    auto table =
        reference::parseCsvTable(csv, fileName, {numberColumn, labelColumn, descriptionColumn, groupColumn});
    if (!table)
        return table.error();
    const int number = table->column(numberColumn);
    const int label = table->column(labelColumn);
    const int description = table->column(descriptionColumn);
    const int group = table->column(groupColumn);
    const int notes = table->column(QStringLiteral("notes"));

    OutcomeTypes types;
    for (const reference::CsvRecord &record : std::as_const(table->records)) {
        const QString numberText = record.fields.at(number).trimmed();
        bool isNumber = false;
        const int value = numberText.toInt(&isNumber);
        if (!isNumber || value < 0)
            return Error(QStringLiteral("not an outcome number: '%1'").arg(numberText), fileName, record.line,
                         numberColumn);
        if (types.find(value))
            return Error(QStringLiteral("outcome %1 is listed twice").arg(value), fileName, record.line,
                         numberColumn);
        OutcomeType type;
        type.number = value;
        type.shortLabel = record.fields.at(label).trimmed();
        if (type.shortLabel.isEmpty())
            return Error(QStringLiteral("blank short_label"), fileName, record.line, labelColumn);
        type.description = record.fields.at(description).trimmed();
        type.group = record.fields.at(group).trimmed();
        if (notes >= 0)
            type.notes = record.fields.at(notes).trimmed();
        // Insert in order: the file need not be sorted (its row for 0 comes last).
        const auto at = std::lower_bound(types.m_types.begin(), types.m_types.end(), value,
                                         [](const OutcomeType &t, int n) { return t.number < n; });
        types.m_types.insert(at, std::move(type));
    }
    if (types.m_types.isEmpty())
        return Error(QStringLiteral("no outcome types: the file has a header and no rows"), fileName);
    return types;
}

const OutcomeType *OutcomeTypes::find(int number) const
{
    const auto at = std::lower_bound(m_types.cbegin(), m_types.cend(), number,
                                     [](const OutcomeType &t, int n) { return t.number < n; });
    return at != m_types.cend() && at->number == number ? &*at : nullptr;
}

} // namespace foi
