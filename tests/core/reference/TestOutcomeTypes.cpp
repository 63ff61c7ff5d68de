#include "reference/OutcomeTypes.h"
#include "support/Printers.h"

#include <gtest/gtest.h>

using foi::OutcomeType;
using foi::OutcomeTypes;

namespace {

const QString kFile = QStringLiteral("outcomes.csv");
const QByteArray kHeader = "outcome_type,short_label,description_summary,outcome_group,notes\n";

} // namespace

TEST(OutcomeTypes, BuiltInHasZeroToTwentyThreeInOrder)
{
    const OutcomeTypes &types = OutcomeTypes::builtIn();
    ASSERT_EQ(types.all().size(), 24);
    for (int n = 0; n <= 23; ++n) {
        EXPECT_EQ(types.all().at(n).number, n);
        const OutcomeType *type = types.find(n);
        ASSERT_NE(type, nullptr) << n;
        EXPECT_EQ(type->number, n);
        EXPECT_FALSE(type->shortLabel.isEmpty()) << n;
        EXPECT_FALSE(type->description.isEmpty()) << n;
        EXPECT_FALSE(type->group.isEmpty()) << n;
    }
    EXPECT_EQ(types.find(24), nullptr);
    EXPECT_EQ(types.find(-1), nullptr);
}

TEST(OutcomeTypes, BuiltInLabels)
{
    const OutcomeTypes &types = OutcomeTypes::builtIn();
    EXPECT_EQ(types.find(11)->shortLabel, QStringLiteral("Prosecution prevented - suspect under age"));
    EXPECT_EQ(types.find(11)->group, QStringLiteral("Prosecution prevented or not in the public interest"));
    EXPECT_TRUE(
        types.find(11)->description.contains(QStringLiteral("below the age of criminal responsibility")));
    EXPECT_EQ(types.find(11)->notes, QStringLiteral("Key outcome for 'under-10 suspect' FOI requests"));
    // The file's last row.
    EXPECT_EQ(types.find(0)->shortLabel, QStringLiteral("Not yet assigned"));
    EXPECT_EQ(types.find(1)->shortLabel, QStringLiteral("Charged/summonsed"));
    EXPECT_TRUE(types.find(1)->notes.isEmpty());
}

TEST(OutcomeTypes, BuiltInHoldsTheFileAsLoaded)
{
    const auto loaded = OutcomeTypes::loadBuiltIn();
    ASSERT_TRUE(loaded.ok()) << loaded.error().toString().toStdString();
    const QVector<OutcomeType> &held = OutcomeTypes::builtIn().all();
    ASSERT_EQ(loaded->all().size(), held.size());
    ASSERT_GT(held.size(), 20); // the Home Office list: outcomes 0 to 22 and more
    for (int i = 0; i < held.size(); ++i) {
        EXPECT_EQ(held[i].number, loaded->all()[i].number) << i;
        EXPECT_EQ(held[i].shortLabel, loaded->all()[i].shortLabel) << i;
        EXPECT_EQ(held[i].group, loaded->all()[i].group) << i;
    }
}

TEST(OutcomeTypes, SortsRowsAndNotesAreOptional)
{
    const auto types = OutcomeTypes::fromCsv("outcome_type,short_label,description_summary,outcome_group\n"
                                             "3,Three,the third,G\n"
                                             " 1 ,One,\"the first, of course\",G\n"
                                             "2,Two,the second,G\n",
                                             kFile);
    ASSERT_TRUE(types.ok()) << types.error().toString().toStdString();
    ASSERT_EQ(types->all().size(), 3);
    EXPECT_EQ(types->all().at(0).number, 1);
    EXPECT_EQ(types->all().at(0).description, QStringLiteral("the first, of course"));
    EXPECT_EQ(types->all().at(1).number, 2);
    EXPECT_EQ(types->all().at(2).number, 3);
    EXPECT_TRUE(types->all().at(2).notes.isEmpty());
}

TEST(OutcomeTypes, ErrorsNameTheFileLineAndColumn)
{
    auto types = OutcomeTypes::fromCsv(kHeader + "1,One,d,G,\n1a,Bad,d,G,\n", kFile);
    ASSERT_FALSE(types.ok());
    EXPECT_EQ(types.error().file, kFile);
    EXPECT_EQ(types.error().line, 3);
    EXPECT_EQ(types.error().field, QStringLiteral("outcome_type"));
    EXPECT_EQ(types.error().message, QStringLiteral("not an outcome number: '1a'"));

    types = OutcomeTypes::fromCsv(kHeader + "1,One,d,G,\n2,Two,d,G,\n1,Again,d,G,\n", kFile);
    ASSERT_FALSE(types.ok());
    EXPECT_EQ(types.error().line, 4);
    EXPECT_EQ(types.error().message, QStringLiteral("outcome 1 is listed twice"));

    types = OutcomeTypes::fromCsv(kHeader + "1,,d,G,\n", kFile);
    ASSERT_FALSE(types.ok());
    EXPECT_EQ(types.error().field, QStringLiteral("short_label"));

    types = OutcomeTypes::fromCsv("outcome_type,short_label\n1,One\n", kFile);
    ASSERT_FALSE(types.ok());
    EXPECT_EQ(types.error().line, 1);
    EXPECT_EQ(types.error().message, QStringLiteral("the header has no column 'description_summary'"));

    types = OutcomeTypes::fromCsv(kHeader, kFile);
    ASSERT_FALSE(types.ok());
    EXPECT_EQ(types.error().file, kFile);
}
