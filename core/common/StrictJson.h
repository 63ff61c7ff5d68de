#pragma once

#include "common/Error.h"
#include "common/Result.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace foi {

struct StrictJsonState;

/// Reads a JSON file written by a person (a source profile, a request file) strictly: every key must be
/// known, every value of the right type, and the first problem becomes an Error naming the file, the key
/// path (`fields.sex.codes`) and, where the key appears once in the text, its line. Typos never pass
/// silently.
class StrictJson
{
public:
    /// Parses the text; a syntax error names the line and column.
    static Result<StrictJson> parse(const QByteArray &text, const QString &fileName);

    class Object;

    /// The top-level object.
    Object root();

    /// The first error met, if any; once set, later reads return defaults and record nothing.
    const std::optional<Error> &error() const;

    /// A cursor over one JSON object at a key path.
    class Object
    {
    public:
        bool has(const char *key) const;
        /// True when the key is present and its value is null (an optional value written as `null`).
        bool isNull(const char *key) const;
        const QString &path() const { return m_path; }
        QString pathOf(const QString &key) const;

        QString string(const char *key, bool required = false, const QString &fallback = {});
        /// An integer in [min, max].
        qint64 integer(const char *key, qint64 min, qint64 max, bool required = false, qint64 fallback = 0);
        /// A number (not necessarily whole) in [min, max].
        double number(const char *key, double min, double max, bool required = false, double fallback = 0);
        bool boolean(const char *key, bool fallback);
        /// A list of strings (a single string is accepted as a list of one when allowSingle).
        QStringList stringList(const char *key, bool required = false, bool allowSingle = false);
        /// Nested object; a cursor that reads nothing when absent or wrong.
        Object object(const char *key, bool required = false);
        /// The raw object (for maps of codes whose keys are data, not names); marks the key used.
        QJsonObject rawObject(const char *key, bool required = false);
        QJsonArray rawArray(const char *key, bool required = false);
        /// Objects of an array, each as a cursor ("skip[2]").
        QVector<Object> objectList(const char *key, bool required = false);

        /// Records an error at the key path (first error wins).
        void fail(const QString &key, const QString &message);
        /// Every key not read is an error: "unknown key 'footr' (known keys: ...)".
        void rejectUnknownKeys(const QStringList &knownKeys);

        bool valid() const { return m_valid; }

    private:
        friend class StrictJson;
        Object(std::shared_ptr<StrictJsonState> state, QJsonObject obj, QString path, bool valid);
        bool take(const char *key, bool required, QJsonValue *value);

        std::shared_ptr<StrictJsonState> m_state;
        QJsonObject m_obj;
        QString m_path;
        bool m_valid = true;
    };

private:
    std::shared_ptr<StrictJsonState> m_state;
    QJsonObject m_root;
};

struct StrictJsonState
{
    QString fileName;
    QByteArray text;
    std::optional<Error> error;

    void fail(const QString &path, const QString &message);
    /// The line of the only occurrence of "key" in the text, or 0.
    qint64 lineOfKey(const QString &key) const;
};

} // namespace foi
