#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDate>
#include <QString>

namespace foi::odf {

// The OpenDocument namespaces the release files use.
inline const QString kOffice = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:office:1.0");
inline const QString kTable = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:table:1.0");
inline const QString kText = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:text:1.0");
inline const QString kStyle = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:style:1.0");
inline const QString kFo = QStringLiteral("urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0");
inline const QString kXlink = QStringLiteral("http://www.w3.org/1999/xlink");

/// The media types a package's `mimetype` entry holds.
inline const QByteArray kSpreadsheetType =
    QByteArrayLiteral("application/vnd.oasis.opendocument.spreadsheet");
inline const QByteArray kTextType = QByteArrayLiteral("application/vnd.oasis.opendocument.text");

/// Writes an OpenDocument 1.2 package at path: `mimetype` first and stored (so that the type sits at a
/// fixed place), the manifest, the content given, empty styles, and meta naming the title and the
/// organisation as creator (dated the day given, never the account that writes it).
Status writePackage(const QString &path, const QByteArray &mediaType, const QByteArray &content,
                    const QString &title, const QString &organisation, const QDate &day);

} // namespace foi::odf
