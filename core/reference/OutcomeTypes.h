#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QString>
#include <QVector>

namespace foi {

/// One outcome of the Home Office crime outcomes framework (0 "not yet assigned" to 23).
struct OutcomeType
{
    int number = 0;
    QString shortLabel; ///< "Prosecution prevented - suspect under age"
    QString description;
    QString group; ///< "Prosecution prevented or not in the public interest"
    QString notes; ///< when it was introduced, caveats; often empty
};

/// The Home Office outcome types (resources/reference/crime-outcome-types.csv).
class OutcomeTypes final
{
public:
    static Result<OutcomeTypes> loadBuiltIn();

    /// The built-in outcome types, loaded once; safe to call from any thread. The built-in file is
    /// checked by the tests, so a failure to load it is a broken build and aborts.
    static const OutcomeTypes &builtIn();

    /// Parses the columns outcome_type, short_label, description_summary, outcome_group and, when
    /// present, notes. Rows may come in any order; errors name the file, line and column.
    static Result<OutcomeTypes> fromCsv(const QByteArray &csv, const QString &fileName);

    /// Ordered by number.
    const QVector<OutcomeType> &all() const { return m_types; }

    /// The outcome with the number, or nullptr.
    const OutcomeType *find(int number) const;

private:
    QVector<OutcomeType> m_types; ///< ordered by number
};

} // namespace foi
