#include "Pseudonymiser.h"

#include <QRandomGenerator>

#include <cstring>
#include <memory>
#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace foi {

namespace {

// SHA-256 through OpenSSL, which uses the processor's SHA instructions where it has them: four times
// as fast as QCryptographicHash on the short inputs here, and millions of rows pass through it. The
// digest is the same, so keys do not change. One context per thread, reused (creating one costs as
// much as the hash).
struct DigestContext
{
    /// Made on first use on the thread, and again after releaseThreadState.
    void ensure()
    {
        if (!md)
            md.reset(EVP_MD_fetch(nullptr, "SHA256", nullptr));
        if (!ctx)
            ctx.reset(EVP_MD_CTX_new());
    }
    std::unique_ptr<EVP_MD, void (*)(EVP_MD *)> md{nullptr, EVP_MD_free};
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX *)> ctx{nullptr, EVP_MD_CTX_free};
    // The last system's name in UTF-8: an import hashes millions of references of one or two systems.
    QString system;
    QByteArray systemUtf8;
};

DigestContext &digestContext()
{
    thread_local DigestContext context;
    return context;
}

} // namespace

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
    // SHA-256 over salt, domain, system, NUL, reference: one buffer, one update.
    DigestContext &d = digestContext();
    d.ensure();
    if (d.system != system) {
        d.system = system;
        d.systemUtf8 = system.toUtf8();
    }
    const QByteArray &systemUtf8 = d.systemUtf8;
    const size_t length = size_t(m_salt.size() + domain.size() + systemUtf8.size()) + 1 + (e - b);
    unsigned char stack[256];
    std::unique_ptr<unsigned char[]> heap;
    unsigned char *buffer = stack;
    if (length > sizeof stack) {
        heap.reset(new unsigned char[length]);
        buffer = heap.get();
    }
    unsigned char *at = buffer;
    auto put = [&at](const void *data, size_t n) {
        if (n > 0)
            std::memcpy(at, data, n);
        at += n;
    };
    put(m_salt.constData(), size_t(m_salt.size()));
    put(domain.data(), size_t(domain.size()));
    put(systemUtf8.constData(), size_t(systemUtf8.size()));
    put("", 1);
    put(reference.data() + b, e - b);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    if (!d.md || !d.ctx || EVP_DigestInit_ex(d.ctx.get(), d.md.get(), nullptr) != 1 ||
        EVP_DigestUpdate(d.ctx.get(), buffer, length) != 1 ||
        EVP_DigestFinal_ex(d.ctx.get(), digest, &digestLength) != 1 || digestLength != 32)
        qFatal("SHA-256 is not available from OpenSSL");
    quint64 v = 0;
    for (int i = 0; i < 8; ++i)
        v = (v << 8) | digest[i];
    v &= 0x7fffffffffffffffULL;
    return v == 0 ? 1 : static_cast<qint64>(v);
}

void Pseudonymiser::releaseThreadState()
{
    DigestContext &d = digestContext();
    d.ctx.reset();
    d.md.reset();
    OPENSSL_thread_stop();
}

QByteArray Pseudonymiser::newSalt()
{
    QByteArray salt(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(salt.begin(), salt.end());
    return salt;
}

} // namespace foi
