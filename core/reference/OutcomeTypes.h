#pragma once

#include "common/Result.h"

#include <QString>
#include <QVector>

namespace foi {

/// One outcome of the Home Office crime outcomes framework (0 "not yet assigned" to 23).
struct OutcomeType
{
    int number = 0;
    QString shortLabel;  ///< "Prosecution prevented - suspect under age"
    QString description;
    QString group;
};

/// The Home Office outcome types (resources/reference/crime-outcome-types.csv).
class OutcomeTypes
{
public:
    static Result<OutcomeTypes> loadBuiltIn();
    static const OutcomeTypes &builtIn();
    static Result<OutcomeTypes> fromCsv(const QByteArray &csv, const QString &fileName);

    const QVector<OutcomeType> &all() const { return m_types; }
    /// The outcome with the number, or nullptr.
    const OutcomeType *find(int number) const;

private:
    QVector<OutcomeType> m_types; ///< ordered by number
};

} // namespace foi
