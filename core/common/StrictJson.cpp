#include "StrictJson.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace foi {

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("a list");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

// The key path of the first key or string that is not valid UTF-16: Qt reads a \uD800 escape without its
// other half as half a character, which no extract holds and which becomes '?' in UTF-8.
std::optional<QString> halfCharacterAt(const QJsonValue &v, const QString &path)
{
    const auto pathOf = [&path](const QString &key) {
        return path.isEmpty() ? key : path + u'.' + key;
    };
    if (v.isString())
        return v.toString().isValidUtf16() ? std::nullopt : std::optional<QString>(path);
    if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (auto at = halfCharacterAt(a.at(i), path + QStringLiteral("[%1]").arg(i)))
                return at;
        }
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (!it.key().isValidUtf16())
                return pathOf(it.key());
            if (auto at = halfCharacterAt(it.value(), pathOf(it.key())))
                return at;
        }
    }
    return std::nullopt;
}

} // namespace

void StrictJsonState::fail(const QString &path, const QString &message)
{
    if (error)
        return;
    const QString lastKey = path.section(QLatin1Char('.'), -1).section(QLatin1Char('['), 0, 0);
    error = Error(message, fileName, lineOfKey(lastKey), path);
}

qint64 StrictJsonState::lineOfKey(const QString &key) const
{
    if (key.isEmpty())
        return 0;
    const QByteArray needle = '"' + key.toUtf8() + '"';
    const qsizetype first = text.indexOf(needle);
    if (first < 0 || text.indexOf(needle, first + 1) >= 0)
        return 0;
    return text.left(first).count('\n') + 1;
}

Result<StrictJson> StrictJson::parse(const QByteArray &text, const QString &fileName)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const QByteArray before = text.left(pe.offset);
        const qint64 line = before.count('\n') + 1;
        const qint64 column = pe.offset - (before.lastIndexOf('\n') + 1) + 1;
        return Error(QStringLiteral("not valid JSON at column %1: %2").arg(column).arg(pe.errorString()),
                     fileName, line);
    }
    if (!doc.isObject())
        return Error(QStringLiteral("expected a JSON object ({ ... }) at the top"), fileName, 1);
    StrictJson json;
    json.m_state = std::make_shared<StrictJsonState>();
    json.m_state->fileName = fileName;
    json.m_state->text = text;
    json.m_root = doc.object();
    if (const std::optional<QString> at = halfCharacterAt(json.m_root, QString())) {
        json.m_state->fail(*at, QStringLiteral("a \\u escape here is half a character (a lone surrogate, "
                                               "\\uD800 to \\uDFFF): write the character itself, or "
                                               "both halves of its pair"));
        return *json.m_state->error;
    }
    return json;
}

const std::optional<Error> &StrictJson::error() const
{
    return m_state->error;
}

StrictJson::Object StrictJson::root()
{
    return Object(m_state, m_root, QString(), true);
}

StrictJson::Object::Object(std::shared_ptr<StrictJsonState> state, QJsonObject obj, QString path, bool valid)
    : m_state(std::move(state))
    , m_obj(std::move(obj))
    , m_path(std::move(path))
    , m_valid(valid)
{}

bool StrictJson::Object::has(const char *key) const
{
    return m_obj.contains(QLatin1String(key));
}

bool StrictJson::Object::isNull(const char *key) const
{
    const auto it = m_obj.constFind(QLatin1String(key));
    return it != m_obj.constEnd() && it.value().isNull();
}

QString StrictJson::Object::pathOf(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key;
}

void StrictJson::Object::fail(const QString &key, const QString &message)
{
    m_state->fail(key.isEmpty() ? m_path : pathOf(key), message);
}

bool StrictJson::Object::take(const char *key, bool required, QJsonValue *value)
{
    const QString k = QLatin1String(key);
    if (!m_valid || m_state->error)
        return false;
    const auto it = m_obj.constFind(k);
    if (it == m_obj.constEnd()) {
        if (required)
            fail(k, QStringLiteral("required key '%1' is missing").arg(k));
        return false;
    }
    *value = it.value();
    return true;
}

QString StrictJson::Object::string(const char *key, bool required, const QString &fallback)
{
    QJsonValue v;
    if (!take(key, required, &v))
        return fallback;
    if (!v.isString()) {
        fail(QLatin1String(key), QStringLiteral("expected a string, found %1").arg(typeName(v)));
        return fallback;
    }
    return v.toString();
}

qint64 StrictJson::Object::integer(const char *key, qint64 min, qint64 max, bool required, qint64 fallback)
{
    QJsonValue v;
    if (!take(key, required, &v))
        return fallback;
    const double d = v.toDouble();
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d)) {
        fail(QLatin1String(key), QStringLiteral("expected a whole number, found %1").arg(typeName(v)));
        return fallback;
    }
    // Compared as a double before the cast: casting a number beyond qint64 (1e30) is undefined.
    if (d < static_cast<double>(min) || d >= static_cast<double>(max) + 1 || static_cast<qint64>(d) > max) {
        fail(QLatin1String(key), QStringLiteral("%1 is out of range (%2 to %3)")
                                     .arg(QString::number(d, 'g', 16))
                                     .arg(min)
                                     .arg(max));
        return fallback;
    }
    return static_cast<qint64>(d);
}

double StrictJson::Object::number(const char *key, double min, double max, bool required, double fallback)
{
    QJsonValue v;
    if (!take(key, required, &v))
        return fallback;
    if (!v.isDouble()) {
        fail(QLatin1String(key), QStringLiteral("expected a number, found %1").arg(typeName(v)));
        return fallback;
    }
    const double d = v.toDouble();
    if (!(d >= min && d <= max)) {
        fail(QLatin1String(key), QStringLiteral("%1 is out of range (%2 to %3)").arg(d).arg(min).arg(max));
        return fallback;
    }
    return d;
}

bool StrictJson::Object::boolean(const char *key, bool fallback)
{
    QJsonValue v;
    if (!take(key, false, &v))
        return fallback;
    if (!v.isBool()) {
        fail(QLatin1String(key), QStringLiteral("expected true or false, found %1").arg(typeName(v)));
        return fallback;
    }
    return v.toBool();
}

QStringList StrictJson::Object::stringList(const char *key, bool required, bool allowSingle)
{
    QJsonValue v;
    if (!take(key, required, &v))
        return {};
    if (allowSingle && v.isString())
        return {v.toString()};
    if (!v.isArray()) {
        fail(QLatin1String(key), QStringLiteral("expected a list of strings, found %1").arg(typeName(v)));
        return {};
    }
    QStringList out;
    const QJsonArray a = v.toArray();
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!a.at(i).isString()) {
            m_state->fail(pathOf(QLatin1String(key)) + QStringLiteral("[%1]").arg(i),
                          QStringLiteral("expected a string, found %1").arg(typeName(a.at(i))));
            return {};
        }
        out << a.at(i).toString();
    }
    return out;
}

StrictJson::Object StrictJson::Object::object(const char *key, bool required)
{
    QJsonValue v;
    const QString k = QLatin1String(key);
    if (!take(key, required, &v))
        return Object(m_state, {}, pathOf(k), false);
    if (!v.isObject()) {
        fail(k, QStringLiteral("expected an object ({ ... }), found %1").arg(typeName(v)));
        return Object(m_state, {}, pathOf(k), false);
    }
    return Object(m_state, v.toObject(), pathOf(k), true);
}

QJsonObject StrictJson::Object::rawObject(const char *key, bool required)
{
    QJsonValue v;
    if (!take(key, required, &v))
        return {};
    if (!v.isObject()) {
        fail(QLatin1String(key), QStringLiteral("expected an object ({ ... }), found %1").arg(typeName(v)));
        return {};
    }
    return v.toObject();
}

QJsonArray StrictJson::Object::rawArray(const char *key, bool required)
{
    QJsonValue v;
    if (!take(key, required, &v))
        return {};
    if (!v.isArray()) {
        fail(QLatin1String(key), QStringLiteral("expected a list ([ ... ]), found %1").arg(typeName(v)));
        return {};
    }
    return v.toArray();
}

QVector<StrictJson::Object> StrictJson::Object::objectList(const char *key, bool required)
{
    const QJsonArray a = rawArray(key, required);
    QVector<Object> out;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const QString itemPath = pathOf(QLatin1String(key)) + QStringLiteral("[%1]").arg(i);
        if (!a.at(i).isObject()) {
            m_state->fail(itemPath,
                          QStringLiteral("expected an object ({ ... }), found %1").arg(typeName(a.at(i))));
            return {};
        }
        out.push_back(Object(m_state, a.at(i).toObject(), itemPath, true));
    }
    return out;
}

void StrictJson::Object::rejectUnknownKeys(const QStringList &knownKeys)
{
    if (!m_valid || m_state->error)
        return;
    for (auto it = m_obj.constBegin(); it != m_obj.constEnd(); ++it) {
        if (!knownKeys.contains(it.key())) {
            fail(it.key(), QStringLiteral("unknown key '%1' (known keys here: %2)")
                               .arg(it.key(), knownKeys.join(QStringLiteral(", "))));
            return;
        }
    }
}

} // namespace foi
