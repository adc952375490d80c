#include "core/profiles/keychainchunks.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace jobdesk::profiles {

namespace {

constexpr char kMagic[] = "jobdesk-chunked-v1:";

QByteArray digest(const QByteArray &value)
{
    return QCryptographicHash::hash(value, QCryptographicHash::Sha256).toHex();
}

Error damaged(const QString &why)
{
    return Error::make(Error::Kind::Io, QStringLiteral("KeychainEntryDamaged"),
                       KeychainChunks::tr("A secret stored in pieces could not be put together: %1").arg(why),
                       KeychainChunks::tr("Save the profile's keys or the token again."));
}

}  // namespace

bool KeychainChunks::needsSplit(const QByteArray &value, qsizetype limit)
{
    return limit > 0 && (value.size() > limit || value.startsWith(kMagic));
}

Result<KeychainChunks::Split> KeychainChunks::split(const Secret &value, qsizetype limit)
{
    const QByteArray &bytes = value.reveal();
    const qsizetype count = limit > 0 ? qMax<qsizetype>(1, (bytes.size() + limit - 1) / limit) : 0;
    const QByteArray header =
        QByteArray(kMagic) + QByteArray::number(count) + ':' + QByteArray::number(bytes.size()) + ':' + digest(bytes);
    if (limit <= 0 || header.size() > limit) {
        return Error::make(
            Error::Kind::Validation, QStringLiteral("KeychainLimit"),
            tr("The keychain's entries are too small (%1 bytes) to hold a secret in pieces.").arg(limit));
    }
    if (count > maxPieces) {
        return Error::make(Error::Kind::Validation, QStringLiteral("SecretTooLarge"),
                           tr("The secret is %1 bytes long; the keychain takes at most %2 bytes for one secret.")
                               .arg(bytes.size())
                               .arg(qsizetype(maxPieces) * limit),
                           tr("Check that the value is a key or token and nothing else was pasted with it."));
    }
    Split out;
    out.header = Secret(header);
    for (qsizetype i = 0; i < count; ++i) {
        QByteArray piece = bytes.mid(i * limit, limit);
        out.pieces << Secret(piece);
        wipeString(piece);
    }
    return out;
}

std::optional<KeychainChunks::Header> KeychainChunks::parseHeader(const QByteArray &stored)
{
    if (!stored.startsWith(kMagic))
        return std::nullopt;
    const QList<QByteArray> fields = stored.mid(qsizetype(sizeof kMagic) - 1).split(':');
    if (fields.size() != 3)
        return std::nullopt;
    bool countOk = false;
    bool sizeOk = false;
    Header header;
    header.count = fields.at(0).toInt(&countOk);
    header.size = fields.at(1).toLongLong(&sizeOk);
    header.sha256 = fields.at(2);
    if (!countOk || !sizeOk || header.count < 1 || header.count > maxPieces || header.size < 0
        || header.sha256.size() != 64)
        return std::nullopt;
    return header;
}

Result<Secret> KeychainChunks::join(const Header &header, const QList<Secret> &pieces)
{
    if (pieces.size() != header.count)
        return damaged(tr("%1 of %2 pieces were found").arg(pieces.size()).arg(header.count));
    QByteArray whole;
    whole.reserve(header.size);
    for (const Secret &piece : pieces)
        whole += piece.reveal();
    const bool matches = whole.size() == header.size && digest(whole) == header.sha256;
    Secret value(whole);
    wipeString(whole);
    if (!matches)
        return damaged(tr("the pieces belong to different values"));
    return value;
}

QString KeychainChunks::pieceKey(const QString &key, int index)
{
    return QStringLiteral("chunk/%1/").arg(index) + key;
}

}  // namespace jobdesk::profiles
