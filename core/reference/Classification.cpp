#include "Classification.h"

#include "ReferenceFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QtGlobal>

#include <algorithm>
#include <utility>

namespace foi {

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

QStringList sortedUnique(QStringList names)
{
    // Case-insensitive order for people; case-sensitive among equals, so that repeats end up adjacent.
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        const int order = a.compare(b, Qt::CaseInsensitive);
        return order != 0 ? order < 0 : a < b;
    });
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

// The columns of a classification file, in the order of csvColumns().
enum Column
{
    Code,
    Description,
    Group,
    Subgroup,
    PoliceUkCategory,
    ColumnCount,
};

const QStringList &csvColumns()
{
    static const QStringList columns{QStringLiteral("offence_code"), QStringLiteral("offence_description"),
                                     QStringLiteral("offence_group"), QStringLiteral("offence_subgroup"),
                                     QStringLiteral("police_uk_category")};
    return columns;
}

Status loadOffences(ClassificationVersion &version, const QString &path)
{
    auto bytes = reference::readFile(path);
    if (!bytes)
        return bytes.error();
    const QStringList &names = csvColumns();
    auto table = reference::parseCsvTable(*bytes, path, names);
    if (!table)
        return table.error();

    int columns[ColumnCount];
    for (int i = 0; i < ColumnCount; ++i)
        columns[i] = table->column(names.at(i));

    QHash<QString, qint64> firstLine;
    for (const reference::CsvRecord &record : std::as_const(table->records)) {
        QString values[ColumnCount];
        for (int i = 0; i < ColumnCount; ++i) {
            values[i] = record.fields.at(columns[i]).trimmed();
            if (values[i].isEmpty())
                return Error(QStringLiteral("blank %1").arg(names.at(i)), path, record.line, names.at(i));
        }
        Offence offence{Classification::normaliseCode(values[Code]), values[Description], values[Group],
                        values[Subgroup], values[PoliceUkCategory]};
        // "008N" and "8N" are the same code once normalised.
        const auto seen = firstLine.constFind(offence.code);
        if (seen != firstLine.constEnd())
            return Error(QStringLiteral("offence code '%1' is listed twice (first on line %2)")
                             .arg(offence.code, QString::number(*seen)),
                         path, record.line, names.at(Code));
        firstLine.insert(offence.code, record.line);
        version.offences.append(std::move(offence));
    }
    if (version.offences.isEmpty())
        return Error(QStringLiteral("no offences: the file has a header and no rows"), path);
    version.buildIndex();
    return {};
}

} // namespace

QString offenceLevelName(OffenceLevel level)
{
    switch (level) {
    case OffenceLevel::Group:
        return QStringLiteral("offence group");
    case OffenceLevel::Subgroup:
        return QStringLiteral("offence subgroup");
    case OffenceLevel::PoliceUkCategory:
        return QStringLiteral("police.uk category");
    }
    Q_UNREACHABLE();
    return {};
}

const QString &Offence::name(OffenceLevel level) const
{
    switch (level) {
    case OffenceLevel::Group:
        return group;
    case OffenceLevel::Subgroup:
        return subgroup;
    case OffenceLevel::PoliceUkCategory:
        return policeUkCategory;
    }
    Q_UNREACHABLE();
    return group;
}

const Offence *ClassificationVersion::find(const QString &code) const
{
    const auto it = m_index.constFind(code);
    return it == m_index.constEnd() ? nullptr : &offences.at(*it);
}

void ClassificationVersion::buildIndex()
{
    m_index.clear();
    m_index.reserve(offences.size());
    for (int i = 0; i < offences.size(); ++i)
        m_index.insert(offences.at(i).code, i);
}

QVector<Offence> ClassificationVersion::offencesIn(OffenceLevel level, QStringView name) const
{
    const QStringView wanted = name.trimmed();
    QVector<Offence> result;
    for (const Offence &offence : offences) {
        if (wanted.compare(offence.name(level), Qt::CaseInsensitive) == 0)
            result.append(offence);
    }
    return result;
}

QStringList ClassificationVersion::names(OffenceLevel level) const
{
    QStringList result;
    for (const Offence &offence : offences)
        result.append(offence.name(level));
    return sortedUnique(std::move(result));
}

Result<Classification> Classification::loadBuiltIn()
{
    return loadFromIndex(QStringLiteral(":/reference/classification/index.json"));
}

const Classification &Classification::builtIn()
{
    // A function-local static is initialised once, and thread-safely, on first use.
    static const Classification instance =
        reference::builtInOrAbort(loadBuiltIn(), "offence classification versions");
    return instance;
}

Result<Classification> Classification::loadFromIndex(const QString &indexPath)
{
    auto bytes = reference::readFile(indexPath);
    if (!bytes)
        return bytes.error();
    auto index = reference::parseJsonObject(*bytes, indexPath);
    if (!index)
        return index.error();

    const QJsonValue versionsValue = index->value(QLatin1String("versions"));
    if (!versionsValue.isArray() || versionsValue.toArray().isEmpty())
        return Error(QStringLiteral("expected a non-empty array of versions"), indexPath, 0,
                     QStringLiteral("versions"));

    const QDir folder = QFileInfo(indexPath).dir();
    const QJsonArray entries = versionsValue.toArray();
    Classification classification;
    for (int i = 0; i < entries.size(); ++i) {
        const QString path = QStringLiteral("versions[%1]").arg(i);
        if (!entries.at(i).isObject())
            return Error(QStringLiteral("expected an object"), indexPath, 0, path);
        const QJsonObject entry = entries.at(i).toObject();
        const auto text = [&](const char *key) -> Result<QString> {
            const QJsonValue value = entry.value(QLatin1String(key));
            if (!value.isString() || value.toString().trimmed().isEmpty())
                return Error(QStringLiteral("expected a non-empty string"), indexPath, 0,
                             path + u'.' + QLatin1String(key));
            return value.toString().trimmed();
        };

        ClassificationVersion version;
        auto id = text("id");
        if (!id)
            return id.error();
        version.id = *id;
        auto from = text("effective_from");
        if (!from)
            return from.error();
        version.effectiveFrom = QDate::fromString(*from, QStringLiteral("yyyy-MM-dd"));
        if (!version.effectiveFrom.isValid())
            return Error(QStringLiteral("not a date: '%1' (expected YYYY-MM-DD)").arg(*from), indexPath, 0,
                         path + QStringLiteral(".effective_from"));
        auto file = text("file");
        if (!file)
            return file.error();
        version.fileName = *file;
        const QJsonValue notes = entry.value(QLatin1String("notes"));
        if (!notes.isUndefined() && !notes.isString())
            return Error(QStringLiteral("expected a string"), indexPath, 0, path + QStringLiteral(".notes"));
        version.notes = notes.toString();

        for (const ClassificationVersion &other : std::as_const(classification.m_versions)) {
            if (other.id == version.id)
                return Error(QStringLiteral("version '%1' is listed twice").arg(version.id), indexPath, 0,
                             path + QStringLiteral(".id"));
            if (other.effectiveFrom == version.effectiveFrom)
                return Error(QStringLiteral("versions '%1' and '%2' take effect on the same day")
                                 .arg(other.id, version.id),
                             indexPath, 0, path + QStringLiteral(".effective_from"));
        }

        const Status loaded = loadOffences(version, folder.filePath(version.fileName));
        if (!loaded)
            return loaded.error();
        classification.m_versions.append(std::move(version));
    }
    std::sort(classification.m_versions.begin(), classification.m_versions.end(),
              [](const ClassificationVersion &a, const ClassificationVersion &b) {
                  return a.effectiveFrom < b.effectiveFrom;
              });
    return classification;
}

QString Classification::normaliseCode(QStringView raw)
{
    const QStringView code = raw.trimmed();
    if (code.isEmpty() || !isAsciiDigit(code.front()))
        return code.toString();
    qsizetype numberEnd = 0;
    while (numberEnd < code.size() && isAsciiDigit(code.at(numberEnd)))
        ++numberEnd;
    // Keep the last digit of the number, so "000" is "0".
    qsizetype numberStart = 0;
    while (numberStart < numberEnd - 1 && code.at(numberStart) == u'0')
        ++numberStart;
    return code.mid(numberStart, numberEnd - numberStart).toString() +
           code.mid(numberEnd).toString().toUpper();
}

const ClassificationVersion *Classification::findVersion(QStringView id) const
{
    for (const ClassificationVersion &version : m_versions) {
        if (version.id == id)
            return &version;
    }
    return nullptr;
}

int Classification::indexAt(const QDate &day) const
{
    Q_ASSERT(!m_versions.isEmpty());
    if (!day.isValid())
        return int(m_versions.size()) - 1;
    int index = 0;
    for (int i = 1; i < m_versions.size(); ++i) {
        if (m_versions.at(i).effectiveFrom <= day)
            index = i;
    }
    return index;
}

const ClassificationVersion &Classification::versionAt(const QDate &day) const
{
    return m_versions.at(indexAt(day));
}

const ClassificationVersion *Classification::resolvingVersion(QStringView code, const QDate &day) const
{
    const QString key = normaliseCode(code);
    const int current = indexAt(day);
    if (m_versions.at(current).find(key))
        return &m_versions.at(current);

    int before = current - 1;
    while (before >= 0 && !m_versions.at(before).find(key))
        --before;
    int after = current + 1;
    while (after < m_versions.size() && !m_versions.at(after).find(key))
        ++after;
    const bool hasBefore = before >= 0;
    const bool hasAfter = after < m_versions.size();
    if (!hasBefore && !hasAfter)
        return nullptr;
    if (!hasAfter)
        return &m_versions.at(before);
    if (!hasBefore)
        return &m_versions.at(after);

    // Both exist only when the version in force lies between them, so the day is valid and falls after
    // the older version's last day and before the newer version's first.
    const QDate olderLastDay = m_versions.at(before + 1).effectiveFrom.addDays(-1);
    const qint64 toOlder = olderLastDay.daysTo(day);
    const qint64 toNewer = day.daysTo(m_versions.at(after).effectiveFrom);
    return toNewer < toOlder ? &m_versions.at(after) : &m_versions.at(before);
}

Result<Offence> Classification::resolve(QStringView code, const QDate &day) const
{
    const ClassificationVersion *version = resolvingVersion(code, day);
    if (!version)
        return Error(QStringLiteral("unknown Home Office offence class '%1'").arg(code.trimmed()));
    return *version->find(normaliseCode(code));
}

bool Classification::isKnown(QStringView code) const
{
    const QString key = normaliseCode(code);
    return std::any_of(m_versions.cbegin(), m_versions.cend(),
                       [&](const ClassificationVersion &version) { return version.find(key) != nullptr; });
}

QStringList Classification::names(OffenceLevel level) const
{
    QStringList all;
    for (const ClassificationVersion &version : m_versions)
        all.append(version.names(level));
    return sortedUnique(std::move(all));
}

Result<QString> Classification::canonicalName(OffenceLevel level, QStringView name) const
{
    const QStringView wanted = name.trimmed();
    // Newest first: should two versions spell a name differently, the current spelling wins.
    for (auto version = m_versions.crbegin(); version != m_versions.crend(); ++version) {
        for (const Offence &offence : version->offences) {
            if (wanted.compare(offence.name(level), Qt::CaseInsensitive) == 0)
                return offence.name(level);
        }
    }
    return Error(QStringLiteral("unknown %1 '%2'").arg(offenceLevelName(level), wanted));
}

} // namespace foi
