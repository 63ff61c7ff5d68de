#include "register/MergeSummary.h"

#include "import/SourceProfile.h"

#include <QCoreApplication>
#include <QLocale>

namespace foi::ui {

namespace {

QString n(qint64 v)
{
    return QLocale().toString(v);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("foi::ui::MergeSummary", text);
}

} // namespace

QString mergeSummaryHtml(const MergeReport &r)
{
    qint64 conflicts = 0;
    QStringList conflictParts;
    for (auto it = r.conflictsByField.constBegin(); it != r.conflictsByField.constEnd(); ++it) {
        conflicts += it.value();
        conflictParts << tr("%1 %2").arg(n(it.value()),
                                         QString(it.key()).replace(QLatin1Char('_'), QLatin1Char(' ')));
    }
    QStringList reasons;
    for (auto it = r.rejectsByReason.constBegin(); it != r.rejectsByReason.constEnd(); ++it)
        reasons << tr("%1 %2").arg(n(it.value()), it.key().toHtmlEscaped());
    QString html = tr("<p><b>After the merge:</b> %1 crimes, %2 crime-person links, %3 distinct persons "
                      "(%4 known in more than one system).</p>")
                       .arg(n(r.crimes), n(r.links), n(r.persons), n(r.personsInMoreThanOneSystem));
    html +=
        tr("<p><b>Migrated crimes:</b> %1 found in both systems and counted once (%2 took their recorded day "
           "from the legacy system); %3 whose legacy original is missing; %4 legacy crimes claimed "
           "twice.</p>")
            .arg(n(r.migratedMatched), n(r.recordedDaysFromLegacy), n(r.migratedOriginalMissing),
                 n(r.claimedTwice));
    html += tr("<p><b>Conflicts between the two copies:</b> %1%2. The new system's value is counted.</p>")
                .arg(n(conflicts),
                     conflictParts.isEmpty() ? QString() : tr(" (%1)").arg(conflictParts.join(tr(", "))));
    html += tr("<p><b>Ages:</b> %1 links with no known age; %2 recorded as 0, shown apart and never counted "
               "as an age.</p>")
                .arg(n(r.agesUnknown), n(r.agesFlaggedZero));
    html +=
        tr("<p><b>Rejected rows:</b> %1%2. They are not counted; each is listed with its file, line and "
           "reason.</p>")
            .arg(n(r.rejectedRows), reasons.isEmpty() ? QString() : tr(" (%1)").arg(reasons.join(tr(", "))));
    return html;
}

QString systemsSummaryHtml(const QVector<SystemInfo> &systems)
{
    QStringList parts;
    for (const SystemInfo &s : systems) {
        const QString name = (s.title.isEmpty() ? s.name : s.title).toHtmlEscaped();
        const QString cutover = QLocale().toString(s.cutover, QStringLiteral("d MMMM yyyy"));
        switch (s.role) {
        case SystemRole::Legacy:
            parts << tr("<b>%1</b>: the legacy system, frozen at the cutover on %2.").arg(name, cutover);
            break;
        case SystemRole::New:
            parts << tr("<b>%1</b>: the new system from the cutover on %2, with the open crimes migrated "
                        "into it (each counted once).")
                         .arg(name, cutover);
            break;
        default:
            parts << tr("<b>%1</b>.").arg(name);
            break;
        }
    }
    if (parts.isEmpty())
        return tr("<p>The register holds no systems yet: import an extract.</p>");
    return QStringLiteral("<p>") + parts.join(QStringLiteral("<br>")) + QStringLiteral("</p>");
}

} // namespace foi::ui
