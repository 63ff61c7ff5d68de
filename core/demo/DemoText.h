#pragma once

#include "common/Result.h"
#include "demo/DemoRandom.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace foi::demo {

/// UTF-8 to Windows-1252 (the CMS extract's encoding); nullopt when a character has no byte there.
std::optional<std::string> toWindows1252(std::string_view utf8);

/// A name as each system spells it: CMS only holds what Windows-1252 can encode, CONNECT holds anything.
struct DemoName
{
    std::string cms;     ///< Windows-1252 bytes
    std::string connect; ///< UTF-8
    quint8 sex = 2;      ///< forenames: 0 male, 1 female; surnames: 2
    quint8 weight = 1;
};

/// A crime's free text (MO_TEXT, Summary), kept as a recipe of a few bytes and rendered in each
/// system's encoding and line ends when a row is written.
struct TextRecipe
{
    quint8 fragments[3] = {0, 0, 0};
    quint8 joins[2] = {0, 0};
    quint8 count = 0;
    quint16 amount = 0;
};

/// The made-up names and the free-text phrase book, with the traps the importer must survive: names
/// beyond ASCII in both encodings, quotes and commas in names and text, line breaks, pound and euro signs.
class DemoText
{
public:
    /// Encodes the tables; fails only if a CMS spelling cannot be encoded (a bug in the tables).
    static Result<DemoText> build();

    const DemoName &forename(int index) const { return m_forenames[std::size_t(index)]; }
    const DemoName &surname(int index) const { return m_surnames[std::size_t(index)]; }
    /// sex: 0 male, 1 female, 2 unknown (either).
    int drawForename(int sex, Random &random) const;
    int drawSurname(Random &random) const;

    /// cmsSafe: only phrases Windows-1252 can hold (CMS crimes and those migrated from CMS).
    TextRecipe drawText(Random &random, bool cmsSafe) const;
    /// Appends the text in Windows-1252 with CRLF line breaks.
    void appendCms(std::string &out, const TextRecipe &recipe) const;
    /// Appends the text in UTF-8 with LF line breaks.
    void appendConnect(std::string &out, const TextRecipe &recipe) const;

private:
    struct Phrase
    {
        std::string cms; ///< empty for phrases only CONNECT can hold
        std::string connect;
    };

    void append(std::string &out, const TextRecipe &recipe, bool cms) const;
    static int drawWeighted(const std::vector<DemoName> &names, const std::vector<int> &candidates,
                            Random &random);

    std::vector<DemoName> m_forenames;
    std::vector<DemoName> m_surnames;
    std::vector<int> m_forenamesBySex[3];
    std::vector<int> m_allSurnames;
    std::vector<Phrase> m_phrases;
    int m_cmsSafePhrases = 0; ///< the first m_cmsSafePhrases phrases have a CMS spelling
};

} // namespace foi::demo
