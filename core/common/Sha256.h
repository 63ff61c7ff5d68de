#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

struct evp_md_ctx_st;

namespace foi {

/// SHA-256 through OpenSSL, which uses the processor's SHA instructions where it has them: several times
/// as fast as QCryptographicHash, for the files an import reads in full before it starts (the same
/// digest either way).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    /// The 32-byte digest; the object is then spent.
    QByteArray result();

    static QByteArray hash(QByteArrayView data);

private:
    std::unique_ptr<evp_md_ctx_st, void (*)(evp_md_ctx_st *)> m_ctx;
};

} // namespace foi
