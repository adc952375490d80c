#pragma once

// Spreads a keychain value that is too big for one entry across several, and
// joins them again. The Windows Credential Manager takes at most 2,560 bytes per
// entry, and a session token with session tags can pass that. The rules are kept
// apart from the keychain so they can be tested on every system; Keychain applies
// them with the platform's limit.

#include "core/result.h"
#include "core/secret.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace jobdesk::profiles {

class KeychainChunks
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::profiles::KeychainChunks)

public:
    // CRED_MAX_CREDENTIAL_BLOB_SIZE: QtKeychain stores our bytes as the blob, unencoded.
    static constexpr qsizetype windowsLimit = 2560;
    // A value needing more pieces than this is refused: no credential is that big, and a
    // keychain full of pieces helps nobody.
    static constexpr int maxPieces = 32;

    // What the main entry holds when the value is in pieces: how many, the whole value's
    // size and SHA-256, so pieces left over from another value are caught on reading.
    struct Header
    {
        int count = 0;
        qsizetype size = 0;
        QByteArray sha256;  // hex
    };

    struct Split
    {
        Secret header;         // for the main entry
        QList<Secret> pieces;  // for pieceKey(key, 0), pieceKey(key, 1), ...
    };

    // Whether value goes into pieces under limit (0 means no limit): when it is longer,
    // or when it would read back as a header itself.
    static bool needsSplit(const QByteArray &value, qsizetype limit);

    // value cut into pieces of at most limit bytes, and the header naming them. An Error
    // when the limit is too small for a header or the value needs more than maxPieces.
    static Result<Split> split(const Secret &value, qsizetype limit);

    // The header in what the main entry holds, or nullopt when it holds a plain value.
    static std::optional<Header> parseHeader(const QByteArray &stored);

    // The value again; an Error when the pieces do not add up to what the header says
    // (a write that was cut short, or a piece of another value).
    static Result<Secret> join(const Header &header, const QList<Secret> &pieces);

    // "chunk/<index>/<key>": keys of JobDesk's own entries start with "profile/" or
    // "token/", so no label or profile name can collide with a piece.
    static QString pieceKey(const QString &key, int index);
};

}  // namespace jobdesk::profiles
