#pragma once

// One entry of an archive as its directory describes it (a zip's central directory, a
// tar header), and the bytes read from one. Listing, preview and extraction share these.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace jobdesk::archive {

enum class ArchiveFormat { Unknown, Zip, Tar, TarGzip };

struct ArchiveEntry
{
    QString name;           // path inside the archive as stored, '/' separated
    qint64 size = 0;        // uncompressed bytes
    qint64 packedSize = 0;  // compressed bytes (tar: equal to size)
    QDateTime modified;     // as stored (zip: DOS local time; tar: UTC); invalid if none
    quint32 crc32 = 0;      // zip only
    bool isDirectory = false;
    bool isSymlink = false;
    QString linkTarget;    // a symlink's target, when known
    bool utf8Name = true;  // false: a legacy (CP437) name, decoded
    bool encrypted = false;
};

// What read() gives back: at most the bytes asked for, and the entry's full size.
struct EntryContent
{
    QByteArray bytes;
    qint64 size = 0;         // the entry's uncompressed size as declared
    bool truncated = false;  // bytes holds only the first maxBytes of the entry
};

}  // namespace jobdesk::archive
