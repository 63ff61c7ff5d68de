#include "export/OpenDocument.h"

#include "common/Zip.h"

#include <QXmlStreamWriter>

namespace foi::odf {

namespace {

const QString kMeta = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:meta:1.0");
const QString kDc = QStringLiteral("http://purl.org/dc/elements/1.1/");
const QString kManifest = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:manifest:1.0");

QByteArray styles()
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

QByteArray meta(const QString &title, const QString &organisation, const QString &when)
{
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
    w.writeTextElement(kMeta, QStringLiteral("initial-creator"), organisation);
    w.writeTextElement(kDc, QStringLiteral("creator"), organisation);
    w.writeTextElement(kMeta, QStringLiteral("creation-date"), when);
    w.writeTextElement(kDc, QStringLiteral("date"), when);
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

QByteArray manifest(const QByteArray &mediaType)
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
    entry(QStringLiteral("/"), QString::fromLatin1(mediaType));
    for (const char *part : {"content.xml", "styles.xml", "meta.xml"})
        entry(QLatin1String(part), QStringLiteral("text/xml"));
    w.writeEndElement();
    w.writeEndDocument();
    return out;
}

} // namespace

Status writePackage(const QString &path, const QByteArray &mediaType, const QByteArray &content,
                    const QString &title, const QString &organisation, const QDate &day)
{
    Result<std::unique_ptr<ZipWriter>> zip = ZipWriter::open(path);
    if (!zip)
        return zip.error();
    const QDate date = day.isValid() ? day : QDate::currentDate();
    (*zip)->setTimestamp(date.startOfDay());
    if (Status s = (*zip)->add(QStringLiteral("mimetype"), mediaType, false); !s)
        return s;
    const QString when = date.startOfDay(Qt::UTC).toString(Qt::ISODate);
    const std::pair<const char *, QByteArray> parts[] = {
        {"META-INF/manifest.xml", manifest(mediaType)},
        {"content.xml", content},
        {"styles.xml", styles()},
        {"meta.xml", meta(title, organisation.trimmed(), when)}};
    for (const auto &[name, data] : parts) {
        if (Status s = (*zip)->add(QLatin1String(name), data); !s)
            return s;
    }
    return (*zip)->close();
}

} // namespace foi::odf
