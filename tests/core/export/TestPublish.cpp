// publishRelease: the one way the CLI and the wizard write and record a release.
#include "core/export/ExportFixtures.h"
#include "export/Publish.h"
#include "register/Register.h"
#include "support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace foi;

namespace {

struct Published_
{
    QTemporaryDir tmp;
    std::unique_ptr<Register> reg;
    Release release = test::childrenRelease();

    Published_()
    {
        Result<std::unique_ptr<Register>> opened =
            Register::open(test::registerAt(tmp, QStringLiteral("r.sqlite")));
        EXPECT_TRUE(opened.ok());
        reg = std::move(opened).value();
    }
    PublishOptions options(const QStringList &suffixes) const
    {
        PublishOptions o;
        for (const QString &suffix : suffixes)
            o.spreadsheets << tmp.filePath(releaseFileName(release.request.reference, suffix));
        o.settings = test::exportSettings();
        o.officer = QStringLiteral("officer-account");
        return o;
    }
};

QStringList exported(const Published_ &p)
{
    return QDir(p.tmp.path()).entryList({QStringLiteral("FOI*")}, QDir::Files);
}

} // namespace

TEST(Publish, WritesEveryFormatAndRecordsEachFileWithTheRelease)
{
    Published_ p;
    PublishOptions o = p.options({QStringLiteral("xlsx"), QStringLiteral("ods")});
    o.response = p.tmp.filePath(releaseFileName(p.release.request.reference, QStringLiteral("odt"), true));
    Result<Published> published = publishRelease(*p.reg, p.release, o);
    ASSERT_TRUE(published.ok()) << published.error().toString().toStdString();
    ASSERT_EQ(published->spreadsheets.size(), 2);
    ASSERT_TRUE(published->response.has_value());
    EXPECT_TRUE(published->responseText.contains(QStringLiteral("FOI-FOI-2026-0042.xlsx")));
    EXPECT_TRUE(published->responseText.contains(QStringLiteral("FOI-FOI-2026-0042.ods")));

    Result<QVector<ReleaseRecord>> releases = p.reg->releases();
    ASSERT_TRUE(releases.ok());
    ASSERT_EQ(releases->size(), 1);
    const ReleaseRecord &r = releases->first();
    EXPECT_EQ(r.id, published->releaseId);
    EXPECT_EQ(r.officer, QStringLiteral("officer-account"));
    ASSERT_EQ(r.files.size(), 3);
    EXPECT_EQ(r.files[0].fileName, QStringLiteral("FOI-FOI-2026-0042.xlsx"));
    EXPECT_EQ(r.files[1].fileName, QStringLiteral("FOI-FOI-2026-0042.ods"));
    EXPECT_EQ(r.files[2].fileName, QStringLiteral("FOI-FOI-2026-0042-response.odt"));
    EXPECT_EQ(r.files[2].kind, QStringLiteral("response"));
    EXPECT_EQ(r.files[0].sha256, QString::fromLatin1(published->spreadsheets[0].sha256));
}

TEST(Publish, AFailureTakesBackTheFilesAlreadyWrittenAndRecordsNothing)
{
    Published_ p;
    PublishOptions o = p.options({QStringLiteral("xlsx")});
    // The second spreadsheet's folder does not exist: the first is written, then taken back.
    o.spreadsheets << p.tmp.filePath(QStringLiteral("missing/FOI.ods"));
    Result<Published> published = publishRelease(*p.reg, p.release, o);
    ASSERT_FALSE(published.ok());
    EXPECT_FALSE(QFile::exists(o.spreadsheets.first()));
    EXPECT_TRUE(exported(p).isEmpty()) << exported(p).join(QLatin1Char(' ')).toStdString();
    EXPECT_TRUE(p.reg->releases()->isEmpty());
}

TEST(Publish, MarksTheRequestRespondedWithTheReleaseOrWritesNothing)
{
    Published_ p;
    PublishOptions o = p.options({QStringLiteral("xlsx")});
    o.markResponded = true;
    // No request of that reference yet: nothing is written.
    Result<Published> refused = publishRelease(*p.reg, p.release, o);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("no request FOI-2026-0042")))
        << refused.error().toString().toStdString();
    EXPECT_FALSE(QFile::exists(o.spreadsheets.first()));

    FoiRequestRecord request = test::foiRequest("FOI-2026-0042", QDate(2026, 11, 2));
    ASSERT_TRUE(p.reg->addRequest(request, QStringLiteral("officer-account")).ok());
    Result<Published> published = publishRelease(*p.reg, p.release, o);
    ASSERT_TRUE(published.ok()) << published.error().toString().toStdString();
    ASSERT_TRUE(published->request.has_value());
    EXPECT_EQ(published->request->version, 2);
    Result<std::optional<FoiRequestRecord>> stored = p.reg->findRequest(QStringLiteral("FOI-2026-0042"));
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->status, RequestStatus::Responded);
    EXPECT_EQ((*stored)->responded, test::exportSettings().date);
    EXPECT_EQ((*stored)->outcome, p.release.withheldCells() > 0
                                      ? QStringLiteral("Information provided in part")
                                      : QStringLiteral("Information provided in full"));
}

TEST(Publish, ChecksItsOptionsBeforeWritingAnything)
{
    Published_ p;
    PublishOptions none = p.options({});
    EXPECT_FALSE(publishRelease(*p.reg, p.release, none).ok());
    PublishOptions noForce = p.options({QStringLiteral("xlsx")});
    noForce.settings.organisation.clear();
    Result<Published> r = publishRelease(*p.reg, p.release, noForce);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(r.error().message.contains(QStringLiteral("organisation")));
    PublishOptions trial = p.options({QStringLiteral("xlsx")});
    trial.record = false;
    trial.markResponded = true;
    EXPECT_FALSE(publishRelease(*p.reg, p.release, trial).ok());
    PublishOptions badOutcome = p.options({QStringLiteral("xlsx")});
    badOutcome.outcome = QStringLiteral("Sent");
    EXPECT_FALSE(publishRelease(*p.reg, p.release, badOutcome).ok());
    EXPECT_TRUE(exported(p).isEmpty()) << exported(p).join(QLatin1Char(' ')).toStdString();

    Release failing = p.release;
    failing.passes = false;
    failing.failure = QStringLiteral("cell pinned");
    Result<Published> refused = publishRelease(*p.reg, failing, p.options({QStringLiteral("xlsx")}));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("does not pass its audit")));
}

TEST(Publish, NamesFilesAfterTheReference)
{
    EXPECT_EQ(releaseFileName(QStringLiteral("20180207"), QStringLiteral("xlsx")),
              QStringLiteral("FOI-20180207.xlsx"));
    EXPECT_EQ(releaseFileName(QStringLiteral("FOI/2018 07"), QStringLiteral("odt"), true),
              QStringLiteral("FOI-FOI-2018-07-response.odt"));
    EXPECT_EQ(releaseFileName(QStringLiteral("  "), QStringLiteral("csv")),
              QStringLiteral("FOI-release.csv"));
}

TEST(Publish, StoresTheOfficersRequestWithTheReleaseInOneTransactionOrNothing)
{
    Published_ p;
    FoiRequestRecord request = test::foiRequest("FOI-2026-0042", QDate(2026, 11, 2));
    request.status = RequestStatus::InProgress;

    // A spreadsheet that cannot be written: no file, no release and no request.
    PublishOptions failing = p.options({QStringLiteral("xlsx")});
    failing.spreadsheets << p.tmp.filePath(QStringLiteral("missing/FOI.ods"));
    failing.request = request;
    ASSERT_FALSE(publishRelease(*p.reg, p.release, failing).ok());
    EXPECT_FALSE(p.reg->findRequest(QStringLiteral("FOI-2026-0042"))->has_value());
    EXPECT_TRUE(p.reg->releases()->isEmpty());

    // A request of another reference is refused before anything is written.
    PublishOptions other = p.options({QStringLiteral("xlsx")});
    other.request = test::foiRequest("FOI-2026-0043", QDate(2026, 11, 2));
    Result<Published> refused = publishRelease(*p.reg, p.release, other);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.error().message.contains(QStringLiteral("FOI-2026-0043")));
    EXPECT_TRUE(exported(p).isEmpty());

    // New: added with the release, and marked responded in the same step.
    PublishOptions o = p.options({QStringLiteral("xlsx")});
    o.request = request;
    o.markResponded = true;
    Result<Published> published = publishRelease(*p.reg, p.release, o);
    ASSERT_TRUE(published.ok()) << published.error().toString().toStdString();
    ASSERT_TRUE(published->request.has_value());
    Result<std::optional<FoiRequestRecord>> stored = p.reg->findRequest(QStringLiteral("FOI-2026-0042"));
    ASSERT_TRUE(stored.ok() && stored->has_value());
    EXPECT_EQ((*stored)->status, RequestStatus::Responded);
    EXPECT_EQ((*stored)->version, published->request->version);
    EXPECT_EQ(p.reg->releases()->size(), 1);

    // Given again as new, it is refused: the register already holds it.
    PublishOptions again = p.options({QStringLiteral("ods")});
    again.request = request;
    Result<Published> twice = publishRelease(*p.reg, p.release, again);
    ASSERT_FALSE(twice.ok());
    EXPECT_TRUE(twice.error().message.contains(QStringLiteral("already holds")));
    EXPECT_EQ(p.reg->releases()->size(), 1);

    // As stored and unchanged, it takes no new version.
    PublishOptions unchanged = p.options({QStringLiteral("ods")});
    unchanged.request = **stored;
    Result<Published> same = publishRelease(*p.reg, p.release, unchanged);
    ASSERT_TRUE(same.ok()) << same.error().toString().toStdString();
    EXPECT_EQ(same->request->version, (*stored)->version);
}
