#include "Sha256.h"

#include <QtGlobal>

#include <openssl/evp.h>

namespace foi {

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free)
{
    if (!m_ctx || EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr) != 1)
        qFatal("SHA-256 is not available from OpenSSL");
}

Sha256::~Sha256() = default;

void Sha256::addData(QByteArrayView data)
{
    if (!data.isEmpty() && EVP_DigestUpdate(m_ctx.get(), data.data(), size_t(data.size())) != 1)
        qFatal("SHA-256 failed in OpenSSL");
}

QByteArray Sha256::result()
{
    QByteArray digest(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char *>(digest.data()), &length) != 1)
        qFatal("SHA-256 failed in OpenSSL");
    digest.truncate(int(length));
    return digest;
}

QByteArray Sha256::hash(QByteArrayView data)
{
    Sha256 h;
    h.addData(data);
    return h.result();
}

} // namespace foi
