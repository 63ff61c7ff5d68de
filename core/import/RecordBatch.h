#pragma once

#include "import/RecordSource.h"

#include <string>
#include <vector>

namespace foi {

/// A few thousand records copied out of a source, so that one thread can read and split the file
/// while another normalises what it has read (Importer). As a RecordSource it replays its records
/// one at a time; rewind() starts it again.
class RecordBatch final : public RecordSource
{
public:
    /// Copies the source's current record to the end of the batch.
    void append(const RecordSource &source)
    {
        const int n = source.fieldCount();
        for (int i = 0; i < n; ++i) {
            const std::string_view f = source.field(i);
            m_bytes.append(f.data(), f.size());
            m_fieldEnds.push_back(m_bytes.size());
        }
        m_recordEnds.push_back(m_fieldEnds.size());
        m_lines.push_back(source.line());
    }

    size_t size() const { return m_lines.size(); }
    void clear()
    {
        m_bytes.clear();
        m_fieldEnds.clear();
        m_recordEnds.clear();
        m_lines.clear();
        rewind();
    }
    void rewind() { m_current = -1; }

    /// What the reading source had read when the batch was full, for progress.
    qint64 bytesDone = 0;

    bool next() override
    {
        if (m_current + 1 >= static_cast<std::ptrdiff_t>(m_lines.size()))
            return false;
        ++m_current;
        m_firstField = m_current == 0 ? 0 : m_recordEnds[size_t(m_current) - 1];
        return true;
    }
    int fieldCount() const override { return int(m_recordEnds[size_t(m_current)] - m_firstField); }
    std::string_view field(int index) const override
    {
        if (index < 0 || index >= fieldCount())
            return {};
        const size_t f = m_firstField + size_t(index);
        const size_t begin = f == 0 ? 0 : m_fieldEnds[f - 1];
        return std::string_view(m_bytes.data() + begin, m_fieldEnds[f] - begin);
    }
    qint64 line() const override { return m_lines[size_t(m_current)]; }
    std::optional<Error> error() const override { return std::nullopt; }
    qint64 bytesRead() const override { return bytesDone; }
    qint64 totalBytes() const override { return 0; }

private:
    std::string m_bytes;
    std::vector<size_t> m_fieldEnds;  ///< end of each field in m_bytes
    std::vector<size_t> m_recordEnds; ///< end of each record in m_fieldEnds
    std::vector<qint64> m_lines;
    std::ptrdiff_t m_current = -1;
    size_t m_firstField = 0;
};

} // namespace foi
