#pragma once

#include <QString>

namespace foi {

/// What went wrong, in words a person can act on, with where it went wrong when there is a place:
/// the file, the line (1-based, 0 when none) and the field or key (a column name, a JSON key path).
/// Errors in core are values of this type, never exceptions.
struct Error
{
    QString message;
    QString file;
    qint64 line = 0;
    QString field;

    Error() = default;
    explicit Error(QString msg)
        : message(std::move(msg))
    {}
    Error(QString msg, QString fileName, qint64 lineNumber = 0, QString fieldName = {})
        : message(std::move(msg))
        , file(std::move(fileName))
        , line(lineNumber)
        , field(std::move(fieldName))
    {}

    /// "cms.csv, line 12, field DOB: impossible date '31/02/2017'"; the parts that are unknown are left out.
    QString toString() const;

    /// The same error with the file named, where it had none (used when a reader does not know its file).
    Error inFile(const QString &fileName) const;
};

} // namespace foi
