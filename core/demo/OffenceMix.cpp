#include "demo/OffenceMix.h"

#include <QFile>
#include <QHash>

#include <algorithm>

namespace foi::demo {

namespace {

/// Splits one CSV line (RFC 4180 quoting, no line breaks inside fields: true of both reference files).
QList<QByteArray> splitCsvLine(const QByteArray &line)
{
    QList<QByteArray> fields;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

QList<QList<QByteArray>> parseCsv(const QByteArray &csv)
{
    QList<QList<QByteArray>> rows;
    for (QByteArray line : csv.split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (!line.trimmed().isEmpty())
            rows.append(splitCsvLine(line));
    }
    return rows;
}

Result<QByteArray> readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the built-in reference file: %1").arg(file.errorString()),
                     path);
    return file.readAll();
}

/// "8N" -> "008N", "4.1" -> "004.1", "105A" -> "105A": CMS pads the number to three digits.
QByteArray cmsClassOf(const QByteArray &code)
{
    qsizetype digits = 0;
    while (digits < code.size() && code.at(digits) >= '0' && code.at(digits) <= '9')
        ++digits;
    if (digits == 0 || digits >= 3)
        return code;
    return QByteArray(3 - digits, '0') + code;
}

OffenceKind kindOf(const QByteArray &group, const QByteArray &subgroup)
{
    if (group == "Violence against the person")
        return OffenceKind::Violence;
    if (group == "Sexual offences")
        return OffenceKind::Sexual;
    if (group == "Robbery")
        return OffenceKind::Robbery;
    if (group == "Theft offences")
        return subgroup.contains("burglary") ? OffenceKind::Burglary : OffenceKind::Theft;
    if (group == "Criminal damage and arson")
        return OffenceKind::Damage;
    if (group == "Drug offences")
        return OffenceKind::Drugs;
    if (group == "Possession of weapons offences")
        return OffenceKind::Weapons;
    if (group == "Public order offences")
        return OffenceKind::PublicOrder;
    return OffenceKind::Miscellaneous;
}

} // namespace

Result<OffenceMix> OffenceMix::loadBuiltIn()
{
    // switch to Classification::builtIn()
    const auto volumes = readResource(QStringLiteral(":/reference/offence-volumes-2017-18.csv"));
    if (!volumes)
        return volumes.error();
    const auto classification = readResource(QStringLiteral(":/reference/classification/ho-2017-18.csv"));
    if (!classification)
        return classification.error();
    return fromCsv(*volumes, *classification);
}

Result<OffenceMix> OffenceMix::fromCsv(const QByteArray &volumesCsv, const QByteArray &classificationCsv)
{
    const auto classes = parseCsv(classificationCsv);
    const auto volumes = parseCsv(volumesCsv);
    if (classes.size() < 2 || volumes.size() < 2)
        return Error(QStringLiteral("the offence classification or volumes file is empty"));

    QHash<QByteArray, int> byCode;
    for (qsizetype i = 1; i < classes.size(); ++i) {
        if (classes.at(i).size() < 4)
            return Error(QStringLiteral("expected code, description, group and subgroup"),
                         QStringLiteral("ho-2017-18.csv"), i + 1);
        byCode.insert(classes.at(i).at(0).trimmed(), int(i));
    }

    OffenceMix mix;
    for (qsizetype i = 1; i < volumes.size(); ++i) {
        const auto &row = volumes.at(i);
        const QByteArray code = row.value(0).trimmed();
        bool ok = false;
        const quint64 weight = row.value(1).trimmed().toULongLong(&ok);
        if (!ok)
            return Error(QStringLiteral("not a number of offences"),
                         QStringLiteral("offence-volumes-2017-18.csv"), i + 1,
                         QStringLiteral("offences_2017_18"));
        if (weight == 0)
            continue; // outcome-only codes: no offence is recorded under them
        const auto found = byCode.constFind(code);
        if (found == byCode.constEnd())
            return Error(QStringLiteral("offence code '%1' is not in the 2017/18 classification")
                             .arg(QString::fromLatin1(code)),
                         QStringLiteral("offence-volumes-2017-18.csv"), i + 1,
                         QStringLiteral("offence_code"));
        const auto &cls = classes.at(*found);
        DemoOffence offence;
        offence.code = code;
        offence.cmsClass = cmsClassOf(code);
        offence.title = cls.at(1).trimmed();
        offence.cmsTitle = offence.title.toUpper();
        offence.group = cls.at(2).trimmed();
        offence.kind = kindOf(offence.group, cls.at(3).trimmed().toLower());
        offence.weight = weight;
        mix.m_offences.push_back(offence);
    }
    if (mix.m_offences.empty())
        return Error(QStringLiteral("the offence volumes name no offence with a volume"));

    quint64 total = 0;
    for (const auto &offence : mix.m_offences) {
        total += offence.weight;
        mix.m_cumulative.push_back(total);
    }
    return mix;
}

int OffenceMix::draw(Random &random) const
{
    const quint64 r = random.below(m_cumulative.back());
    return int(std::upper_bound(m_cumulative.begin(), m_cumulative.end(), r) - m_cumulative.begin());
}

int OffenceMix::drawOtherOfKind(int index, Random &random) const
{
    const OffenceKind kind = at(index).kind;
    quint64 total = 0;
    for (std::size_t i = 0; i < m_offences.size(); ++i) {
        if (int(i) != index && m_offences[i].kind == kind)
            total += m_offences[i].weight;
    }
    if (total == 0)
        return index;
    quint64 r = random.below(total);
    for (std::size_t i = 0; i < m_offences.size(); ++i) {
        if (int(i) == index || m_offences[i].kind != kind)
            continue;
        if (r < m_offences[i].weight)
            return int(i);
        r -= m_offences[i].weight;
    }
    return index;
}

int OffenceMix::indexOf(const QByteArray &code) const
{
    for (std::size_t i = 0; i < m_offences.size(); ++i) {
        if (m_offences[i].code == code)
            return int(i);
    }
    return -1;
}

} // namespace foi::demo
