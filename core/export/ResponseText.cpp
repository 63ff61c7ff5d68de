#include "export/ResponseText.h"

#include "protect/Release.h"

#include <QLocale>

namespace foi {

QString responseText(const Release &release, const ExportSettings &settings, const QStringList &attachedFiles)
{
    const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    const QDate day = settings.date.isValid() ? settings.date : QDate::currentDate();
    QStringList lines;
    lines << english.toString(day, QStringLiteral("d MMMM yyyy")) << QString();
    lines
        << QStringLiteral("Freedom of Information Request - Reference No: %1").arg(release.request.reference)
        << QString();
    lines << QStringLiteral("REQUEST") << QString();
    lines << (release.request.requestText.trimmed().isEmpty() ? release.request.title
                                                              : release.request.requestText.trimmed())
          << QString();
    lines << QStringLiteral("RESPONSE") << QString();
    lines << release.searchText.trimmed() << QString();
    if (!attachedFiles.isEmpty()) {
        QStringList tables;
        for (qsizetype t = 0; t < release.tables.size(); ++t)
            tables << QStringLiteral("Table %1: %2").arg(t + 1).arg(release.tables[t].spec.title);
        lines << QStringLiteral("The information is in the enclosed %1 (%2), which holds %3:")
                     .arg(attachedFiles.size() == 1 ? QStringLiteral("spreadsheet") : QStringLiteral("files"),
                          attachedFiles.join(QStringLiteral(", ")),
                          tables.size() == 1 ? QStringLiteral("one table")
                                             : QStringLiteral("%1 tables").arg(tables.size()));
        lines << tables << QString();
    }
    if (!release.disclosureText.trimmed().isEmpty())
        lines << release.disclosureText.trimmed() << QString();
    lines << settings.organisation.trimmed();
    if (!settings.contact.trimmed().isEmpty())
        lines << settings.contact.trimmed();
    return lines.join(QLatin1String("\r\n")) + QLatin1String("\r\n");
}

} // namespace foi
