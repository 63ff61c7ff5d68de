#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>

namespace foi {

/// Turns a system's person reference into a pseudonymous key: a keyed hash (SHA-256 over the register's
/// secret salt, the system's name and the reference), so that the register can tell the same person
/// apart from another, and recognise a migrated person across systems, without holding the reference.
/// Keys are positive 63-bit integers; 0 never occurs and means "no person reference".
class Pseudonymiser
{
public:
    explicit Pseudonymiser(QByteArray salt)
        : m_salt(std::move(salt))
    {}

    /// The key of a reference of the system; 0 for an empty (or all-space) reference.
    qint64 key(const QString &system, std::string_view reference) const;

    /// A crime's record key for cell-key perturbation (docs/protection.md): a keyed hash of the system and
    /// the crime reference, kept apart from the person keys. Positive 63-bit; 0 for an empty reference.
    qint64 recordKey(const QString &system, std::string_view reference) const;

    /// A fresh random salt for a new register.
    static QByteArray newSalt();

    /// Frees what hashing keeps for the calling thread (its digest context, and OpenSSL's own state of
    /// the thread), which is otherwise freed only as the thread ends: a job on a pool thread calls it when
    /// done, so that nothing is left to free while the application is shutting down. Hashing again on the
    /// thread makes them anew.
    static void releaseThreadState();

private:
    qint64 hash(QByteArrayView domain, const QString &system, std::string_view reference) const;

    QByteArray m_salt;
};

} // namespace foi
