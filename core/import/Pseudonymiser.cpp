#include "Pseudonymiser.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace foi {

qint64 Pseudonymiser::key(const QString &system, std::string_view reference) const
{
    return hash({}, system, reference);
}

qint64 Pseudonymiser::recordKey(const QString &system, std::string_view reference) const
{
    // The domain keeps a record key from ever equalling the person key of the same text.
    return hash(QByteArrayView("record-key\0", 11), system, reference);
}

qint64 Pseudonymiser::hash(QByteArrayView domain, const QString &system, std::string_view reference) const
{
    size_t b = 0, e = reference.size();
    while (b < e && reference[b] == ' ')
        ++b;
    while (e > b && reference[e - 1] == ' ')
        --e;
    if (b == e)
        return 0;
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(m_salt);
    if (!domain.isEmpty())
        h.addData(domain);
    h.addData(system.toUtf8());
    h.addData(QByteArrayView("\0", 1));
    h.addData(QByteArrayView(reference.data() + b, static_cast<qsizetype>(e - b)));
    const QByteArray digest = h.result();
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | static_cast<quint8>(digest.at(i));
    v &= 0x7fffffffffffffffULL;
    return v == 0 ? 1 : static_cast<qint64>(v);
}

QByteArray Pseudonymiser::newSalt()
{
    QByteArray salt(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    return salt;
}

} // namespace foi
