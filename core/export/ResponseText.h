#pragma once

#include "export/ReleaseDocument.h"

#include <QString>
#include <QStringList>

namespace foi {

struct Release;

/// The body of the response letter in the seed's shape (../shared/seed/foi-response-20180207.txt): the
/// date and reference, REQUEST (the requester's words), RESPONSE (the search paragraph: the systems
/// searched and the cutover; the files attached and their tables; the disclosure paragraph: why tables
/// are separate, ordered or withheld, and the exemptions weighed), then the organisation and contact.
/// Plain text with CRLF line ends, for pasting into a letter or attaching.
QString responseText(const Release &release, const ExportSettings &settings,
                     const QStringList &attachedFiles);

/// The response as an OpenDocument text (ODT): a paragraph per line of the text, REQUEST and RESPONSE
/// as headings, the organisation as creator. Written straight to path: callers check it with
/// safety::checkOdt before it goes where the officer asked.
Status writeResponseOdt(const QString &text, const QString &title, const ExportSettings &settings,
                        const QString &path);

} // namespace foi
