#include "export/ResponseText.h"

#include "export/OpenDocument.h"
#include "protect/Release.h"

#include <QLocale>
#include <QXmlStreamWriter>

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

namespace {

bool isHeading(const QString &line)
{
    return line == QLatin1String("REQUEST") || line == QLatin1String("RESPONSE");
}

QByteArray odtContent(const QStringList &lines)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(odf::kOffice, QStringLiteral("office"));
    w.writeNamespace(odf::kText, QStringLiteral("text"));
    w.writeNamespace(odf::kStyle, QStringLiteral("style"));
    w.writeNamespace(odf::kFo, QStringLiteral("fo"));
    w.writeStartElement(odf::kOffice, QStringLiteral("document-content"));
    w.writeAttribute(odf::kOffice, QStringLiteral("version"), QStringLiteral("1.2"));
    w.writeStartElement(odf::kOffice, QStringLiteral("automatic-styles"));
    w.writeStartElement(odf::kStyle, QStringLiteral("style"));
    w.writeAttribute(odf::kStyle, QStringLiteral("name"), QStringLiteral("Heading"));
    w.writeAttribute(odf::kStyle, QStringLiteral("family"), QStringLiteral("paragraph"));
    w.writeEmptyElement(odf::kStyle, QStringLiteral("text-properties"));
    w.writeAttribute(odf::kFo, QStringLiteral("font-weight"), QStringLiteral("bold"));
    w.writeEndElement(); // style
    w.writeEndElement(); // automatic-styles
    w.writeStartElement(odf::kOffice, QStringLiteral("body"));
    w.writeStartElement(odf::kOffice, QStringLiteral("text"));
    for (const QString &line : lines) {
        w.writeStartElement(odf::kText, QStringLiteral("p"));
        if (isHeading(line))
            w.writeAttribute(odf::kText, QStringLiteral("style-name"), QStringLiteral("Heading"));
        w.writeCharacters(line);
        w.writeEndElement();
    }
    w.writeEndElement(); // text
    w.writeEndElement(); // body
    w.writeEndElement(); // document-content
    w.writeEndDocument();
    return out;
}

} // namespace

Status writeResponseOdt(const QString &text, const QString &title, const ExportSettings &settings,
                        const QString &path)
{
    QStringList lines = text.split(QStringLiteral("\r\n"));
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return odf::writePackage(path, odf::kTextType, odtContent(lines), title, settings.organisation,
                             settings.date);
}

} // namespace foi
