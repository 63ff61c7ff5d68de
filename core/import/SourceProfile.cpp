#include "SourceProfile.h"

#include "common/StrictJson.h"
#include "import/Records.h"
#include "reference/Classification.h"
#include "reference/OutcomeTypes.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace foi {

QString systemRoleName(SystemRole role)
{
    switch (role) {
    case SystemRole::Legacy:
        return QStringLiteral("legacy");
    case SystemRole::New:
        return QStringLiteral("new");
    case SystemRole::Standalone:
        break;
    }
    return QStringLiteral("standalone");
}

namespace {

QByteArray foldKey(std::string_view s, bool ignoreCase)
{
    // Trim ASCII spaces; extracts pad codes inconsistently.
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t'))
        ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        --e;
    QByteArray k(s.data() + b, static_cast<qsizetype>(e - b));
    if (ignoreCase)
        k = QString::fromUtf8(k).toCaseFolded().toUtf8();
    return k;
}

} // namespace

void CodeList::insert(const QString &code, int value)
{
    const QByteArray utf8 = code.toUtf8();
    m_codes.insert(
        foldKey(std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())), m_ignoreCase), value);
}

std::optional<int> CodeList::find(std::string_view utf8) const
{
    const auto it = m_codes.constFind(foldKey(utf8, m_ignoreCase));
    if (it == m_codes.constEnd())
        return std::nullopt;
    return it.value();
}

QStringList CodeList::codes() const
{
    QStringList out;
    for (auto it = m_codes.constBegin(); it != m_codes.constEnd(); ++it)
        out << QString::fromUtf8(it.key());
    out.sort();
    return out;
}

QVector<const SourceProfile::Column *> SourceProfile::columns() const
{
    QVector<const Column *> all{&crimeRef, &legacyCrimeRef, &personRef,   &legacyPersonRef, &age,
                                &recorded, &committedFrom,  &committedTo, &dateOfBirth,     &offence,
                                &sex,      &role,           &outcome};
    QVector<const Column *> present;
    for (const Column *c : all) {
        if (c->present())
            present << c;
    }
    return present;
}

namespace {

const QStringList kTopKeys{QStringLiteral("profile"), QStringLiteral("name"),   QStringLiteral("title"),
                           QStringLiteral("notes"),   QStringLiteral("system"), QStringLiteral("file"),
                           QStringLiteral("fields"),  QStringLiteral("skip")};

/// Profile and system names: request files and the command line name systems this way (cms, connect).
bool isName(const QString &name)
{
    static const QRegularExpression nameRe(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
    return nameRe.match(name).hasMatch();
}

class ProfileParser
{
public:
    ProfileParser(StrictJson &json, SourceProfile &p)
        : m_json(json)
        , m_p(p)
    {}

    void parse()
    {
        StrictJson::Object root = m_json.root();
        root.rejectUnknownKeys(kTopKeys);
        root.integer("profile", 1, 1, true);
        m_p.name = root.string("name", true);
        if (!m_json.error() && !isName(m_p.name))
            root.fail(QStringLiteral("name"),
                      QStringLiteral("'%1' is not a profile name: use lower-case letters, "
                                     "digits, '.', '-' and '_'")
                          .arg(m_p.name));
        m_p.title = root.string("title", false, m_p.name);
        root.string("notes");
        parseSystem(root.object("system", true));
        parseFile(root.object("file", true));
        parseFields(root.object("fields", true));
        for (StrictJson::Object rule : root.objectList("skip"))
            parseSkip(rule);
    }

private:
    void parseSystem(StrictJson::Object o)
    {
        o.rejectUnknownKeys({QStringLiteral("name"), QStringLiteral("title"), QStringLiteral("role"),
                             QStringLiteral("legacy_system"), QStringLiteral("cutover")});
        SystemInfo &s = m_p.system;
        s.name = o.string("name", true);
        if (!m_json.error() && !isName(s.name))
            o.fail(QStringLiteral("name"),
                   QStringLiteral("'%1' is not a system name: use lower-case letters, digits, '.', '-' and "
                                  "'_', as request files name systems (cms, connect)")
                       .arg(s.name));
        s.title = o.string("title", false, m_p.title);
        const QString role = o.string("role", false, QStringLiteral("standalone"));
        if (role == QStringLiteral("legacy"))
            s.role = SystemRole::Legacy;
        else if (role == QStringLiteral("new"))
            s.role = SystemRole::New;
        else if (role == QStringLiteral("standalone"))
            s.role = SystemRole::Standalone;
        else
            o.fail(QStringLiteral("role"),
                   QStringLiteral("'%1' is not a system role (legacy, new or standalone)").arg(role));
        s.legacySystem = o.string("legacy_system", s.role == SystemRole::New);
        if (!m_json.error() && s.role == SystemRole::New && !isName(s.legacySystem))
            o.fail(QStringLiteral("legacy_system"),
                   QStringLiteral("'%1' is not a system name: name the legacy system as its profile's "
                                  "system.name does (cms)")
                       .arg(s.legacySystem));
        const QString cutover = o.string("cutover", s.role == SystemRole::Legacy);
        if (!cutover.isEmpty()) {
            s.cutover = QDate::fromString(cutover, Qt::ISODate);
            if (!s.cutover.isValid())
                o.fail(QStringLiteral("cutover"),
                       QStringLiteral("'%1' is not a day (yyyy-mm-dd)").arg(cutover));
        }
        if (s.role != SystemRole::New && !s.legacySystem.isEmpty())
            o.fail(QStringLiteral("legacy_system"),
                   QStringLiteral("only a new system names its legacy system"));
    }

    void parseFile(StrictJson::Object o)
    {
        o.rejectUnknownKeys({QStringLiteral("type"), QStringLiteral("encoding"), QStringLiteral("delimiter"),
                             QStringLiteral("footer")});
        const QString type = o.string("type", false, QStringLiteral("auto"));
        if (type == QStringLiteral("csv"))
            m_p.fileType = SourceProfile::FileType::Csv;
        else if (type == QStringLiteral("xlsx"))
            m_p.fileType = SourceProfile::FileType::Xlsx;
        else if (type == QStringLiteral("auto"))
            m_p.fileType = SourceProfile::FileType::Auto;
        else
            o.fail(QStringLiteral("type"),
                   QStringLiteral("'%1' is not a file type (csv, xlsx or auto)").arg(type));
        const QString enc = o.string("encoding", false, QStringLiteral("utf-8")).toLower();
        if (enc == QStringLiteral("utf-8"))
            m_p.encoding = TextEncoding::Utf8;
        else if (enc == QStringLiteral("windows-1252") || enc == QStringLiteral("cp1252"))
            m_p.encoding = TextEncoding::Windows1252;
        else
            o.fail(QStringLiteral("encoding"),
                   QStringLiteral("'%1' is not a supported encoding (utf-8 or windows-1252)").arg(enc));
        const QString delim = o.string("delimiter", false, QStringLiteral(","));
        if (delim == QStringLiteral("\\t") || delim == QStringLiteral("tab"))
            m_p.delimiter = '\t';
        else if (delim.size() == 1 && delim.at(0).unicode() < 0x80 && delim != QStringLiteral("\""))
            m_p.delimiter = static_cast<char>(delim.at(0).unicode());
        else
            o.fail(QStringLiteral("delimiter"),
                   QStringLiteral("the delimiter must be one ASCII character other than '\"', or \"tab\""));
        if (o.has("footer")) {
            StrictJson::Object f = o.object("footer");
            f.rejectUnknownKeys({QStringLiteral("pattern")});
            m_p.footerPattern = f.string("pattern", true);
            const QRegularExpression re(m_p.footerPattern);
            if (!m_json.error() && (!re.isValid() || re.captureCount() != 1))
                f.fail(QStringLiteral("pattern"),
                       re.isValid()
                           ? QStringLiteral("the footer pattern needs exactly one group ( ... ) around "
                                            "the record count")
                           : QStringLiteral("not a valid regular expression: %1").arg(re.errorString()));
        }
    }

    void column(StrictJson::Object &o, SourceProfile::Column &c)
    {
        c.key = o.path();
        c.column = o.string("column", true).trimmed();
        if (!m_json.error() && c.column.isEmpty())
            o.fail(QStringLiteral("column"), QStringLiteral("the column name is empty"));
    }

    void simpleColumn(StrictJson::Object fields, const char *key, SourceProfile::Column &c,
                      bool required = false)
    {
        if (!fields.has(key)) {
            if (required)
                fields.fail(QLatin1String(key),
                            QStringLiteral("required field '%1' is missing").arg(QLatin1String(key)));
            return;
        }
        StrictJson::Object o = fields.object(key);
        o.rejectUnknownKeys({QStringLiteral("column")});
        column(o, c);
    }

    void dateColumn(StrictJson::Object fields, const char *key, SourceProfile::DateField &d,
                    bool required = false)
    {
        if (!fields.has(key)) {
            if (required)
                fields.fail(QLatin1String(key),
                            QStringLiteral("required field '%1' is missing").arg(QLatin1String(key)));
            return;
        }
        StrictJson::Object o = fields.object(key);
        o.rejectUnknownKeys({QStringLiteral("column"), QStringLiteral("formats"), QStringLiteral("unknown")});
        column(o, d);
        const QStringList formats = o.stringList("formats", true, true);
        if (!m_json.error() && formats.isEmpty())
            o.fail(QStringLiteral("formats"),
                   QStringLiteral("give at least one date format, e.g. \"dd/MM/yyyy\""));
        for (const QString &f : formats) {
            QString err;
            const std::optional<DateFormat> compiled = DateFormat::compile(f, &err);
            if (!compiled) {
                o.fail(QStringLiteral("formats"), err);
                return;
            }
            d.formats.formats << *compiled;
        }
        d.unknownValues = o.stringList("unknown", false, true);
    }

    template<typename Decode>
    void codes(StrictJson::Object &o, CodeList &list, Decode decode)
    {
        list.setIgnoreCase(o.boolean("ignore_case", false));
        const QJsonObject map = o.rawObject("codes", true);
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            int value = 0;
            QString problem;
            if (!decode(it.value(), &value, &problem)) {
                m_json.root().fail(o.pathOf(QStringLiteral("codes")) + QLatin1Char('.') + it.key(), problem);
                return;
            }
            list.insert(it.key(), value);
        }
    }

    void parseFields(StrictJson::Object f)
    {
        f.rejectUnknownKeys({QStringLiteral("crime_ref"), QStringLiteral("legacy_crime_ref"),
                             QStringLiteral("person_ref"), QStringLiteral("legacy_person_ref"),
                             QStringLiteral("recorded"), QStringLiteral("committed_from"),
                             QStringLiteral("committed_to"), QStringLiteral("offence"),
                             QStringLiteral("date_of_birth"), QStringLiteral("age"), QStringLiteral("sex"),
                             QStringLiteral("role"), QStringLiteral("outcome")});
        simpleColumn(f, "crime_ref", m_p.crimeRef, true);
        simpleColumn(f, "legacy_crime_ref", m_p.legacyCrimeRef);
        simpleColumn(f, "person_ref", m_p.personRef);
        simpleColumn(f, "legacy_person_ref", m_p.legacyPersonRef);
        simpleColumn(f, "age", m_p.age);
        dateColumn(f, "recorded", m_p.recorded, true);
        dateColumn(f, "committed_from", m_p.committedFrom);
        dateColumn(f, "committed_to", m_p.committedTo);
        dateColumn(f, "date_of_birth", m_p.dateOfBirth);
        parseOffence(f);
        parseSex(f);
        parseRole(f);
        parseOutcome(f);
        if (m_json.error())
            return;
        const bool migrates = m_p.system.role == SystemRole::New;
        if (!migrates && (m_p.legacyCrimeRef.present() || m_p.legacyPersonRef.present()))
            f.fail(m_p.legacyCrimeRef.present() ? QStringLiteral("legacy_crime_ref")
                                                : QStringLiteral("legacy_person_ref"),
                   QStringLiteral("only a new system (system.role \"new\") carries legacy references"));
        if (migrates && !m_p.legacyCrimeRef.present())
            f.fail(QStringLiteral("legacy_crime_ref"),
                   QStringLiteral("a new system must say which column holds the legacy crime reference"));
        if (!m_p.role.present() &&
            (m_p.personRef.present() || m_p.age.present() || m_p.dateOfBirth.present() || m_p.sex.present()))
            f.fail(QStringLiteral("role"), QStringLiteral("a system with people must map the role column"));
    }

    void parseOffence(StrictJson::Object fields)
    {
        if (!fields.has("offence")) {
            fields.fail(QStringLiteral("offence"), QStringLiteral("required field 'offence' is missing"));
            return;
        }
        StrictJson::Object o = fields.object("offence");
        o.rejectUnknownKeys({QStringLiteral("column"), QStringLiteral("scheme"), QStringLiteral("separator"),
                             QStringLiteral("subclass_column"), QStringLiteral("categories")});
        SourceProfile::OffenceField &off = m_p.offence;
        column(o, off);
        const QString scheme = o.string("scheme", false, QStringLiteral("home-office-class"));
        if (scheme == QStringLiteral("home-office-class")) {
            off.scheme = SourceProfile::OffenceScheme::HomeOfficeClass;
        } else if (scheme == QStringLiteral("police-uk-category")) {
            off.scheme = SourceProfile::OffenceScheme::PoliceUkCategory;
        } else {
            o.fail(QStringLiteral("scheme"),
                   QStringLiteral("'%1' is not an offence scheme (home-office-class or police-uk-category)")
                       .arg(scheme));
            return;
        }
        off.separator = o.string("separator");
        off.subclassColumn = o.string("subclass_column").trimmed();
        const QJsonObject names = o.rawObject("categories");
        const QStringList known = Classification::builtIn().policeUkCategories();
        for (auto it = names.constBegin(); it != names.constEnd(); ++it) {
            const QString target = it.value().toString();
            if (!it.value().isString() || !known.contains(target, Qt::CaseInsensitive)) {
                m_json.root().fail(
                    o.pathOf(QStringLiteral("categories")) + QLatin1Char('.') + it.key(),
                    QStringLiteral("'%1' is not a police.uk category of the classification (%2)")
                        .arg(target, known.join(QStringLiteral(", "))));
                return;
            }
            off.categoryNames.insert(it.key().toCaseFolded(), target);
        }
        if (off.scheme == SourceProfile::OffenceScheme::HomeOfficeClass && !names.isEmpty())
            o.fail(QStringLiteral("categories"),
                   QStringLiteral("categories go with scheme \"police-uk-category\""));
    }

    /// A column whose values the profile maps to names (sex, role): `fromName` turns a name into its code.
    template<typename T>
    void parseNamedCodes(StrictJson::Object fields, const char *key, SourceProfile::CodedField &field,
                         bool (*fromName)(const QString &, T *), const QString &meanings)
    {
        if (!fields.has(key))
            return;
        StrictJson::Object o = fields.object(key);
        o.rejectUnknownKeys(
            {QStringLiteral("column"), QStringLiteral("codes"), QStringLiteral("ignore_case")});
        column(o, field);
        codes(o, field.codes, [&](const QJsonValue &v, int *value, QString *problem) {
            T named{};
            if (!v.isString() || !fromName(v.toString(), &named)) {
                *problem = QStringLiteral("a %1 code must mean %2").arg(QLatin1String(key), meanings);
                return false;
            }
            *value = static_cast<int>(named);
            return true;
        });
    }

    void parseSex(StrictJson::Object fields)
    {
        parseNamedCodes(fields, "sex", m_p.sex, &sexFromName,
                        QStringLiteral("\"male\", \"female\" or \"unknown\""));
    }

    void parseRole(StrictJson::Object fields)
    {
        parseNamedCodes(fields, "role", m_p.role, &roleFromName,
                        QStringLiteral("\"suspect\", \"offender\", \"subject\", \"victim\" or \"witness\""));
    }

    void parseOutcome(StrictJson::Object fields)
    {
        if (!fields.has("outcome"))
            return;
        StrictJson::Object o = fields.object("outcome");
        o.rejectUnknownKeys({QStringLiteral("column"), QStringLiteral("codes"), QStringLiteral("pattern"),
                             QStringLiteral("ignore_case")});
        column(o, m_p.outcome);
        const QString pattern = o.string("pattern");
        if (!pattern.isEmpty()) {
            m_p.outcome.pattern = QRegularExpression(pattern);
            if (!m_p.outcome.pattern.isValid() || m_p.outcome.pattern.captureCount() != 1) {
                o.fail(QStringLiteral("pattern"),
                       QStringLiteral(
                           "the outcome pattern must be a valid regular expression with one group ( ... ) "
                           "around the outcome number"));
                return;
            }
        }
        if (o.has("codes")) {
            codes(o, m_p.outcome.codes, [](const QJsonValue &v, int *value, QString *problem) {
                if (v.isNull()) {
                    *value = -1;
                    return true;
                }
                const int n = v.toInt(-1);
                if (!v.isDouble() || n < 0 || !OutcomeTypes::builtIn().find(n)) {
                    *problem =
                        QStringLiteral("an outcome code must mean a Home Office outcome number (0 to 23), or "
                                       "null for no outcome yet");
                    return false;
                }
                *value = n == 0 ? -1 : n;
                return true;
            });
        } else if (pattern.isEmpty()) {
            o.fail(QString(), QStringLiteral("give the outcome's codes, or a pattern, or both"));
        }
    }

    void parseSkip(StrictJson::Object o)
    {
        o.rejectUnknownKeys({QStringLiteral("column"), QStringLiteral("equals"), QStringLiteral("reason")});
        SourceProfile::SkipRule rule;
        rule.column = o.string("column", true).trimmed();
        rule.equals = o.stringList("equals", true, true);
        rule.reason = o.string("reason", true);
        m_p.skip << rule;
    }

    StrictJson &m_json;
    SourceProfile &m_p;
};

} // namespace

Result<SourceProfile> SourceProfile::fromJson(const QByteArray &json, const QString &origin)
{
    Result<StrictJson> parsed = StrictJson::parse(json, origin);
    if (!parsed)
        return parsed.error();
    SourceProfile p;
    p.origin = origin;
    p.sha256 = QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex();
    ProfileParser(*parsed, p).parse();
    if (parsed->error())
        return *parsed->error();
    return p;
}

QStringList SourceProfile::builtInNames()
{
    QStringList names;
    for (const QString &f :
         QDir(QStringLiteral(":/profiles")).entryList({QStringLiteral("*.json")}, QDir::Files))
        names << QFileInfo(f).completeBaseName();
    names.sort();
    return names;
}

Result<SourceProfile> SourceProfile::load(const QString &nameOrPath)
{
    QString path = nameOrPath;
    const bool looksLikeName = !nameOrPath.contains(QLatin1Char('/')) &&
                               !nameOrPath.contains(QLatin1Char('\\')) &&
                               !nameOrPath.endsWith(QStringLiteral(".json"));
    if (looksLikeName) {
        if (!builtInNames().contains(nameOrPath))
            return Error(
                QStringLiteral("no built-in source profile '%1' (built in: %2); give the path of a profile "
                               "file to use another")
                    .arg(nameOrPath, builtInNames().join(QStringLiteral(", "))));
        path = QStringLiteral(":/profiles/%1.json").arg(nameOrPath);
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("cannot read the source profile: %1").arg(f.errorString()), path);
    return fromJson(f.readAll(), path);
}

} // namespace foi
