#include "demo/OffenceMix.h"

#include "reference/Classification.h"
#include "reference/ReferenceFiles.h"

#include <QDate>

#include <algorithm>

namespace foi::demo {

namespace {

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
    const QString path = QStringLiteral(":/reference/offence-volumes-2017-18.csv");
    Result<QByteArray> volumes = reference::readFile(path);
    if (!volumes)
        return volumes.error();
    return fromCsv(*volumes, Classification::builtIn());
}

Result<OffenceMix> OffenceMix::fromCsv(const QByteArray &volumesCsv, const Classification &classification)
{
    const QString fileName = QStringLiteral("offence-volumes-2017-18.csv");
    Result<reference::CsvTable> table = reference::parseCsvTable(
        volumesCsv, fileName, {QStringLiteral("offence_code"), QStringLiteral("offences_2017_18")});
    if (!table)
        return table.error();
    const int codeColumn = table->column(QStringLiteral("offence_code"));
    const int countColumn = table->column(QStringLiteral("offences_2017_18"));
    // The volumes are of 2017/18, so their codes are read in the classification of that year.
    const QDate yearStart(2017, 4, 1);

    OffenceMix mix;
    for (const reference::CsvRecord &record : table->records) {
        const QString code = record.fields.at(codeColumn).trimmed();
        bool ok = false;
        const quint64 weight = record.fields.at(countColumn).trimmed().toULongLong(&ok);
        if (!ok)
            return Error(QStringLiteral("not a number of offences"), fileName, record.line,
                         QStringLiteral("offences_2017_18"));
        if (weight == 0)
            continue; // outcome-only codes: no offence is recorded under them
        const Result<Offence> offence = classification.resolve(code, yearStart);
        if (!offence)
            return Error(offence.error().message, fileName, record.line, QStringLiteral("offence_code"));
        DemoOffence demo;
        demo.code = offence->code.toUtf8();
        demo.cmsClass = cmsClassOf(demo.code);
        demo.title = offence->description.toUtf8();
        demo.cmsTitle = demo.title.toUpper();
        demo.group = offence->group.toUtf8();
        demo.kind = kindOf(demo.group, offence->subgroup.toLower().toUtf8());
        demo.weight = weight;
        mix.m_offences.push_back(demo);
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
