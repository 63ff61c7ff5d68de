#pragma once

#include "import/RecordSource.h"

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace foi::test {

/// A RecordSource over rows given in the test: the first row is the header.
class VectorSource final : public RecordSource
{
public:
    explicit VectorSource(QList<QStringList> rows)
    {
        for (const QStringList &row : rows) {
            QList<QByteArray> fields;
            for (const QString &f : row)
                fields << f.toUtf8();
            m_rows << fields;
        }
    }

    bool next() override
    {
        if (m_index + 1 >= m_rows.size())
            return false;
        ++m_index;
        return true;
    }
    int fieldCount() const override { return static_cast<int>(m_rows.at(m_index).size()); }
    std::string_view field(int i) const override
    {
        const QList<QByteArray> &row = m_rows.at(m_index);
        if (i < 0 || i >= row.size())
            return {};
        return std::string_view(row.at(i).constData(), static_cast<size_t>(row.at(i).size()));
    }
    qint64 line() const override { return m_index + 1; }
    std::optional<Error> error() const override { return std::nullopt; }
    qint64 bytesRead() const override { return 0; }
    qint64 totalBytes() const override { return 0; }

private:
    QList<QList<QByteArray>> m_rows;
    qsizetype m_index = -1;
};

} // namespace foi::test
