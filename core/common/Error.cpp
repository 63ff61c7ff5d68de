#include "Error.h"

namespace foi {

QString Error::toString() const
{
    QString where;
    if (!file.isEmpty())
        where = file;
    if (line > 0)
        where +=
            (where.isEmpty() ? QStringLiteral("line ") : QStringLiteral(", line ")) + QString::number(line);
    if (!field.isEmpty())
        where += (where.isEmpty() ? QStringLiteral("field ") : QStringLiteral(", field ")) + field;
    return where.isEmpty() ? message : where + QStringLiteral(": ") + message;
}

Error Error::inFile(const QString &fileName) const
{
    Error e = *this;
    if (e.file.isEmpty())
        e.file = fileName;
    return e;
}

} // namespace foi
