#pragma once

#include "common/Result.h"
#include "import/Pseudonymiser.h"
#include "import/Records.h"
#include "import/SourceProfile.h"

#include <QByteArray>
#include <QHash>
#include <QVector>

#include <optional>
#include <string>
#include <string_view>

namespace foi {

class Classification;
class RecordSource;

/// Turns one extract row into a canonical LinkRecord, or a RejectRecord saying why not, following a
/// source profile (docs/merge-rules.md §1). Built once per file from its header row: it finds each
/// profile column in the header, then reads only those columns of every row. Names, free text and
/// any column the profile does not name are never looked at; the date of birth is read to compute an
/// age and not kept.
class RowNormaliser
{
public:
    enum class Verdict
    {
        Kept,
        Rejected,
        Skipped, ///< a profile skip rule matched (police.uk's anti-social behaviour rows): not a crime
    };

    /// Maps the profile's columns onto the header (the current record of `header`). An error names the
    /// file, line 1 and the missing column. shortRowsAllowed: a spreadsheet leaves trailing empty cells
    /// out, so a row may have fewer fields than the header.
    static Result<RowNormaliser> create(const SourceProfile &profile, const RecordSource &header,
                                        const QString &fileName, const Pseudonymiser &pseudonymiser,
                                        const Classification &classification, bool shortRowsAllowed);

    /// Normalises the current record of `row`.
    Verdict normalise(const RecordSource &row, LinkRecord *link, RejectRecord *reject) const;

    /// The skip rule's reason, after normalise() returned Skipped.
    const QString &lastSkipReason() const { return m_lastSkipReason; }

    int headerFieldCount() const { return m_headerCount; }

private:
    RowNormaliser(const SourceProfile &profile, const Pseudonymiser &pseudonymiser,
                  const Classification &classification);

    struct Mapped
    {
        int index = -1; ///< field index in the row, -1 when the profile does not use the column
        QString column;
    };
    struct SkipIndex
    {
        int index = -1;
        QVector<QByteArray> equals;
        QString reason;
    };

    const SourceProfile *m_profile;
    const Pseudonymiser *m_pseudonymiser;
    const Classification *m_classification;
    int m_headerCount = 0;
    bool m_shortRowsAllowed = false;
    /// The record key of the crime: of its legacy identity when it has one. Rows of one crime usually
    /// come together, so the last key is kept.
    qint64 crimeKey(std::string_view crimeRef, std::string_view legacyCrimeRef) const;

    mutable bool m_lastLegacy = false;
    mutable std::string m_lastCrimeRef;
    mutable qint64 m_lastCrimeKey = 0;
    Mapped m_crimeRef, m_legacyCrimeRef, m_personRef, m_legacyPersonRef, m_age, m_recorded, m_committedFrom,
        m_committedTo, m_dob, m_offence, m_sex, m_role, m_outcome;
    QVector<SkipIndex> m_skips;
    QVector<QByteArray> m_dobUnknown; ///< the profile's "unknown" dates of birth, as bytes
    qint32 m_cutoverDay = 0;
    mutable QString m_lastSkipReason;
    mutable QHash<QByteArray, std::optional<int>> m_outcomeCache;
};

} // namespace foi
