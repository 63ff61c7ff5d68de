#include "demo/DemoText.h"

#include <QString>

namespace foi::demo {

namespace {

/// Windows-1252 differs from Latin-1 only in 0x80..0x9F, where it holds typographic characters.
constexpr char16_t kWindows1252High[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

struct NameSource
{
    const char *cms; ///< UTF-8 spelling CMS holds (encodable in Windows-1252); nullptr: same as CONNECT
    const char *connect;
    quint8 sex;
    quint8 weight;
};

// Invented people: common British names most of the time, and the spellings that break importers.
constexpr NameSource kForenames[] = {
    {nullptr, "James", 0, 6},
    {nullptr, "Oliver", 0, 6},
    {nullptr, "Mohammed", 0, 5},
    {nullptr, "Jack", 0, 6},
    {nullptr, "Harry", 0, 5},
    {nullptr, "Thomas", 0, 5},
    {nullptr, "Daniel", 0, 5},
    {nullptr, "Connor", 0, 4},
    {nullptr, "Kieran", 0, 3},
    {nullptr, "Liam", 0, 4},
    {nullptr, "Ryan", 0, 4},
    {nullptr, "Adam", 0, 4},
    {nullptr, "Dafydd", 0, 2},
    {nullptr, "Rhys", 0, 2},
    {nullptr, "Callum", 0, 3},
    {nullptr, "Jean-Luc", 0, 1},
    {nullptr, "Ægir", 0, 1},
    {nullptr, "José", 0, 2},
    {nullptr, "François", 0, 1},
    {nullptr, "Bjørn", 0, 1},
    {nullptr, "Seán", 0, 2},
    {"Lukasz", "Łukasz", 0, 2},
    {"Oleksandr", "Олександр", 0, 2},
    {nullptr, "Wei", 0, 1},
    {nullptr, "Robert \"Bobby\"", 0, 1},
    {nullptr, "Olivia", 1, 6},
    {nullptr, "Amelia", 1, 6},
    {nullptr, "Emily", 1, 5},
    {nullptr, "Sophie", 1, 5},
    {nullptr, "Chloe", 1, 4},
    {nullptr, "Jessica", 1, 5},
    {nullptr, "Megan", 1, 4},
    {nullptr, "Lauren", 1, 4},
    {nullptr, "Aisha", 1, 3},
    {nullptr, "Fatima", 1, 3},
    {nullptr, "Niamh", 1, 2},
    {nullptr, "Aoife", 1, 2},
    {nullptr, "Siân", 1, 2},
    {nullptr, "Zoë", 1, 2},
    {nullptr, "Renée", 1, 2},
    {nullptr, "Chloë", 1, 1},
    {"Malgorzata", "Małgorzata", 1, 2},
    {"Ayse", "Ayşe", 1, 1},
    {"Yuliia", "Юлія", 1, 1},
    {nullptr, "Mary Ann", 1, 1},
};

constexpr NameSource kSurnames[] = {
    {nullptr, "Smith", 2, 8},
    {nullptr, "Jones", 2, 7},
    {nullptr, "Williams", 2, 6},
    {nullptr, "Taylor", 2, 5},
    {nullptr, "Brown", 2, 5},
    {nullptr, "Davies", 2, 5},
    {nullptr, "Evans", 2, 4},
    {nullptr, "Wilson", 2, 4},
    {nullptr, "Thomas", 2, 4},
    {nullptr, "Roberts", 2, 4},
    {nullptr, "Johnson", 2, 4},
    {nullptr, "Lewis", 2, 3},
    {nullptr, "Walker", 2, 3},
    {nullptr, "Robinson", 2, 3},
    {nullptr, "Wood", 2, 3},
    {nullptr, "Thompson", 2, 3},
    {nullptr, "White", 2, 3},
    {nullptr, "Watson", 2, 2},
    {nullptr, "Jackson", 2, 2},
    {nullptr, "Wright", 2, 3},
    {nullptr, "Green", 2, 2},
    {nullptr, "Harris", 2, 2},
    {nullptr, "Cooper", 2, 2},
    {nullptr, "King", 2, 2},
    {nullptr, "Khan", 2, 3},
    {nullptr, "Patel", 2, 3},
    {nullptr, "Begum", 2, 2},
    {nullptr, "Ahmed", 2, 2},
    {nullptr, "Hussain", 2, 2},
    {nullptr, "Ali", 2, 2},
    {nullptr, "O’Brien", 2, 2},
    {nullptr, "O'Neill", 2, 2},
    {nullptr, "Nowak", 2, 2},
    {nullptr, "Kowalski", 2, 1},
    {"Dvorak", "Dvořák", 2, 1},
    {"Nguyen", "Nguyễn", 2, 2},
    {"Li", "李", 2, 2},
    {"Wang", "王", 2, 1},
    {nullptr, "Müller", 2, 1},
    {nullptr, "Ødegård", 2, 1},
    {nullptr, "Çelik", 2, 1},
    {nullptr, "Ferreira", 2, 1},
    {nullptr, "Byrne", 2, 2},
    {"Shevchenko", "Шевченко", 2, 1},
    {nullptr, "Smith-Jones", 2, 1},
};

// Free-text phrases; '#' stands for an amount. The first group is what CMS could hold.
constexpr const char *kCmsPhrases[] = {
    "Suspect approached the victim outside \"The Red Lion\", Market Street, and demanded cash.",
    "Victim pushed to the ground, sustaining a cut to the head.",
    "Offender shouted \"I'll get you\" and left on foot towards the park.",
    "Items taken: phone, wallet, keys.",
    "Cash taken: £#.",
    "Damage to vehicle estimated at £#.",
    "Victim's bank card used abroad, €# spent.",
    "Neighbour's CCTV requested; house-to-house enquiries made.",
    "Rear window forced, property searched, jewellery taken.",
    "Caller states: \"he kicked the door, then ran off\".",
    "No CCTV – area is a known blind spot.",
    "Victim’s statement taken at the scene.",
    "Café owner reports a fight between two groups, approx. 10 people.",
    "Child involved; school and social services informed.",
    "Suspect known to the victim, ex-partner.",
    "Threats made by text message, screenshots provided.",
    "Bike (value £#) taken from outside the library.",
};

constexpr const char *kConnectOnlyPhrases[] = {
    "Interpreter (Українська) booked for the witness.",
    "Witness speaks Polish only; statement translated by Łucja.",
    "Victim's name also recorded as 李 in the referral.",
    "Receipts show amounts in ¥ and ₹, converted to £#.",
};

constexpr const char *kJoins[] = {" ", ", ", "; ", "\n"};

void appendNumber(std::string &out, unsigned value)
{
    char digits[12];
    int n = 0;
    do {
        digits[n++] = char('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (n > 0)
        out += digits[--n];
}

} // namespace

std::optional<std::string> toWindows1252(std::string_view utf8)
{
    const QString text = QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    std::string out;
    out.reserve(std::size_t(text.size()));
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
            out += char(c);
            continue;
        }
        int byte = -1;
        for (int i = 0; i < 32; ++i) {
            if (kWindows1252High[i] == c && c != 0)
                byte = 0x80 + i;
        }
        if (byte < 0)
            return std::nullopt;
        out += char(byte);
    }
    return out;
}

Result<DemoText> DemoText::build()
{
    DemoText text;
    const auto load = [](const auto &sources, std::vector<DemoName> &names) -> Status {
        for (const NameSource &source : sources) {
            const auto cms = toWindows1252(source.cms ? source.cms : source.connect);
            if (!cms)
                return Error(QStringLiteral("demo name '%1' has no Windows-1252 spelling")
                                 .arg(QString::fromUtf8(source.connect)));
            names.push_back(DemoName{*cms, source.connect, source.sex, source.weight});
        }
        return {};
    };
    if (const Status s = load(kForenames, text.m_forenames); !s)
        return s.error();
    if (const Status s = load(kSurnames, text.m_surnames); !s)
        return s.error();
    for (std::size_t i = 0; i < text.m_forenames.size(); ++i) {
        text.m_forenamesBySex[text.m_forenames[i].sex].push_back(int(i));
        text.m_forenamesBySex[2].push_back(int(i));
    }
    for (std::size_t i = 0; i < text.m_surnames.size(); ++i)
        text.m_allSurnames.push_back(int(i));

    for (const char *phrase : kCmsPhrases) {
        const auto cms = toWindows1252(phrase);
        if (!cms)
            return Error(QStringLiteral("demo phrase '%1' has no Windows-1252 spelling")
                             .arg(QString::fromUtf8(phrase)));
        text.m_phrases.push_back(Phrase{*cms, phrase});
    }
    text.m_cmsSafePhrases = int(text.m_phrases.size());
    for (const char *phrase : kConnectOnlyPhrases)
        text.m_phrases.push_back(Phrase{std::string(), phrase});
    return text;
}

int DemoText::drawWeighted(const std::vector<DemoName> &names, const std::vector<int> &candidates,
                           Random &random)
{
    int total = 0;
    for (int i : candidates)
        total += names[std::size_t(i)].weight;
    int r = int(random.below(quint64(total)));
    for (int i : candidates) {
        r -= names[std::size_t(i)].weight;
        if (r < 0)
            return i;
    }
    return candidates.back();
}

int DemoText::drawForename(int sex, Random &random) const
{
    return drawWeighted(m_forenames, m_forenamesBySex[sex < 0 || sex > 2 ? 2 : sex], random);
}

int DemoText::drawSurname(Random &random) const
{
    return drawWeighted(m_surnames, m_allSurnames, random);
}

TextRecipe DemoText::drawText(Random &random, bool cmsSafe) const
{
    TextRecipe recipe;
    const int available = cmsSafe ? m_cmsSafePhrases : int(m_phrases.size());
    recipe.count = quint8(1 + random.below(3));
    for (int i = 0; i < recipe.count; ++i) {
        int phrase = int(random.below(quint64(available)));
        for (int j = 0; j < i; ++j) {
            if (recipe.fragments[j] == phrase)
                phrase = (phrase + 1) % available;
        }
        recipe.fragments[i] = quint8(phrase);
    }
    for (auto &join : recipe.joins)
        join = quint8(random.below(4));
    recipe.amount = quint16(5 + random.below(1995));
    return recipe;
}

void DemoText::append(std::string &out, const TextRecipe &recipe, bool cms) const
{
    for (int i = 0; i < recipe.count; ++i) {
        if (i > 0) {
            const char *join = kJoins[recipe.joins[i - 1]];
            out += (cms && join[0] == '\n') ? "\r\n" : join;
        }
        const Phrase &phrase = m_phrases[recipe.fragments[i]];
        for (const char c : cms ? phrase.cms : phrase.connect) {
            if (c == '#')
                appendNumber(out, recipe.amount);
            else
                out += c;
        }
    }
}

void DemoText::appendCms(std::string &out, const TextRecipe &recipe) const
{
    append(out, recipe, true);
}

void DemoText::appendConnect(std::string &out, const TextRecipe &recipe) const
{
    append(out, recipe, false);
}

} // namespace foi::demo
