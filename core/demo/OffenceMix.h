#pragma once

#include "common/Result.h"
#include "demo/DemoRandom.h"

#include <QByteArray>

#include <vector>

namespace foi {
class Classification;
}

namespace foi::demo {

/// How the made-up force treats a family of offences: who is involved, how often a suspect is found.
enum class OffenceKind : quint8
{
    Violence,
    Sexual,
    Robbery,
    Burglary,
    Theft,
    Damage,
    Drugs,
    Weapons,
    PublicOrder,
    Miscellaneous,
};

/// One Home Office offence class as the demo writes it.
struct DemoOffence
{
    QByteArray code;     ///< normalised: "8N", "4.1"
    QByteArray cmsClass; ///< CMS HO_CLASS: "008N", "004.1"
    QByteArray title;    ///< CONNECT OffenceTitle: the Home Office description
    QByteArray cmsTitle; ///< CMS OFFENCE_TITLE: the same in capitals, as the legacy system shows it
    QByteArray group;    ///< "Violence against the person"
    OffenceKind kind = OffenceKind::Miscellaneous;
    quint64 weight = 0; ///< offences recorded nationally in 2017/18
};

/// The national offence mix of 2017/18: draws offence classes in proportion to their real volumes.
class OffenceMix
{
public:
    /// From the compiled-in :/reference/offence-volumes-2017-18.csv and the built-in classification.
    static Result<OffenceMix> loadBuiltIn();
    /// From volumes (offence_code, offences_2017_18), each code resolved in the 2017/18 classification.
    static Result<OffenceMix> fromCsv(const QByteArray &volumesCsv, const Classification &classification);

    const std::vector<DemoOffence> &offences() const { return m_offences; }
    const DemoOffence &at(int index) const { return m_offences[std::size_t(index)]; }

    /// An offence index drawn by national volume.
    int draw(Random &random) const;
    /// An offence of the same kind as `index` but a different class, by volume (a reclassification);
    /// `index` itself when the kind has no other class.
    int drawOtherOfKind(int index, Random &random) const;
    /// The index of a normalised code, -1 when the mix does not have it.
    int indexOf(const QByteArray &code) const;

private:
    std::vector<DemoOffence> m_offences; ///< only classes with a national volume above 0
    std::vector<quint64> m_cumulative;
};

} // namespace foi::demo
