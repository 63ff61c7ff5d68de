#include "export/ResponseText.h"

#include "common/Zip.h"
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

const QString kOffice = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:office:1.0");
const QString kText = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:text:1.0");
const QString kStyle = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:style:1.0");
const QString kFo = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
const QString kMeta = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:meta:1.0");
const QString kDc = QStringLiteral("http://purl.org/dc/elements/1.1/");
const QString kManifest = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");

bool isHeading(const QString &line)
{
    return line == QLatin1String("REQUEST") || line == QLatin1String("RESPONSE");
}

QByteArray odtContent(const QStringList &lines)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kOffice, QStringLiteral("office"));
    w.writeNamespace(kText, QStringLiteral("text"));
    w.writeNamespace(kStyle, QStringLiteral("style"));
    w.writeNamespace(kFo, QStringLiteral("fo"));
    w.writeStartElement(kOffice, QStringLiteral("document-content"));
    w.writeAttribute(kOffice, QStringLiteral("version"), QStringLiteral("1.2"));
    w.writeStartElement(kOffice, QStringLiteral("automatic-styles"));
    w.writeStartElement(kStyle, QStringLiteral("style"));
    w.writeAttribute(kStyle, QStringLiteral("name"), QStringLiteral("Heading"));
    w.writeAttribute(kStyle, QStringLiteral("family"), QStringLiteral("paragraph"));
    w.writeEmptyElement(kStyle, QStringLiteral("text-properties"));
    w.writeAttribute(kFo, QStringLiteral("font-weight"), QStringLiteral("bold"));
    w.writeEndElement(); // style
    w.writeEndElement(); // automatic-styles
    w.writeStartElement(kOffice, QStringLiteral("body"));
    w.writeStartElement(kOffice, QStringLiteral("text"));
    for (const QString &line : lines) {
        w.writeStartElement(kText, QStringLiteral("p"));
        if (isHeading(line))
            w.writeAttribute(kText, QStringLiteral("style-name"), QStringLiteral("Heading"));
        w.writeCharacters(line);
        w.writeEndElement();
    }
    w.writeEndElement(); // text
    w.writeEndElement(); // body
    w.writeEndElement(); // document-content
    w.writeEndDocument();
    return out;
}

QByteArray odtMeta(const QString &title, const ExportSettings &settings)
{
    const QDate day = settings.date.isValid() ? settings.date : QDate::currentDate();
    const QString when = day.startOfDay(Qt::UTC).toString(Qt::ISODate);
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kOffice, QStringLiteral("office"));
    w.writeNamespace(kMeta, QStringLiteral("meta"));
    w.writeNamespace(kDc, QStringLiteral("dc"));
    w.writeStartElement(kOffice, QStringLiteral("document-meta"));
    w.writeAttribute(kOffice, QStringLiteral("version"), QStringLiteral("1.2"));
    w.writeStartElement(kOffice, QStringLiteral("meta"));
    w.writeTextElement(kMeta, QStringLiteral("generator"), QStringLiteral("FOI Tables"));
    w.writeTextElement(kDc, QStringLiteral("title"), title);
    w.writeTextElement(kMeta, QStringLiteral("initial-creator"), settings.organisation.trimmed());
    w.writeTextElement(kDc, QStringLiteral("creator"), settings.organisation.trimmed());
    w.writeTextElement(kMeta, QStringLiteral("creation-date"), when);
    w.writeTextElement(kDc, QStringLiteral("date"), when);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

QByteArray odtStyles()
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kOffice, QStringLiteral("office"));
    w.writeStartElement(kOffice, QStringLiteral("document-styles"));
    w.writeAttribute(kOffice, QStringLiteral("version"), QStringLiteral("1.2"));
    w.writeEmptyElement(kOffice, QStringLiteral("styles"));
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

QByteArray odtManifest()
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.writeStartDocument();
    w.writeNamespace(kManifest, QStringLiteral("manifest"));
    w.writeStartElement(kManifest, QStringLiteral("manifest"));
    w.writeAttribute(kManifest, QStringLiteral("version"), QStringLiteral("1.2"));
    auto entry = [&](const QString &path, const QString &type) {
        w.writeEmptyElement(kManifest, QStringLiteral("file-entry"));
        w.writeAttribute(kManifest, QStringLiteral("full-path"), path);
        if (path == QLatin1String("/"))
            w.writeAttribute(kManifest, QStringLiteral("version"), QStringLiteral("1.2"));
        w.writeAttribute(kManifest, QStringLiteral("media-type"), type);
    };
    entry(QStringLiteral("/"), QStringLiteral("application/vnd.oasis.opendocument.text"));
    for (const char *part : {"content.xml", "styles.xml", "meta.xml"})
        entry(QLatin1String(part), QStringLiteral("text/xml"));
    w.writeEndElement();
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
    Result<std::unique_ptr<ZipWriter>> zip = ZipWriter::open(path);
    if (!zip)
        return zip.error();
    const QDate day = settings.date.isValid() ? settings.date : QDate::currentDate();
    (*zip)->setTimestamp(day.startOfDay());
    if (Status s = (*zip)->add(QStringLiteral("mimetype"),
                               QByteArrayLiteral("application/vnd.oasis.opendocument.text"), false);
        !s)
        return s;
    const std::pair<const char *, QByteArray> parts[] = {{"META-INF/manifest.xml", odtManifest()},
                                                         {"content.xml", odtContent(lines)},
                                                         {"styles.xml", odtStyles()},
                                                         {"meta.xml", odtMeta(title, settings)}};
    for (const auto &[name, data] : parts) {
        if (Status s = (*zip)->add(QLatin1String(name), data); !s)
            return s;
    }
    return (*zip)->close();
}

} // namespace foi
