#pragma once

// A zip's central directory, walked with QuaZip: each record turned into an ArchiveEntry
// (legacy CP437 names decoded, Unix symlinks and directories recognised), and the raw
// record kept for reading the entry. Internal to the archive code.

#include "core/archive/archiveentry.h"
#include "core/error.h"
#include "core/result.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

class QIODevice;
class QuaZip;

namespace jobdesk::archive {

// What reading an entry needs beyond its ArchiveEntry.
struct ZipRecord
{
    ArchiveEntry entry;
    int method = 0;        // 0 stored, 8 deflated; anything else is refused when read
    quint32 unixMode = 0;  // permission and type bits when made on Unix, else 0
};

class ZipDirectory
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::archive::ZipDirectory)

public:
    // More records than this are refused even for a listing: each costs memory, and no
    // artifact has that many files.
    static constexpr int MaxRecords = 1000000;
    // A symlink's target is its content; longer than this is not a path.
    static constexpr qint64 MaxLinkTarget = 4096;

    // The device must stay open and unmoved by others while this object lives.
    explicit ZipDirectory(QIODevice *device);
    ~ZipDirectory();
    ZipDirectory(const ZipDirectory &) = delete;
    ZipDirectory &operator=(const ZipDirectory &) = delete;

    Status open();

    // Calls visit for each record in central-directory order, positioned on it so that
    // readCurrent() reads it. visit returns false to stop early (not an error). Stops with
    // an Error when the directory is corrupt or holds more than maxRecords records.
    Status forEach(const std::function<bool(const ZipRecord &)> &visit, int maxRecords = MaxRecords);

    // Streams the current record's uncompressed bytes to sink, at most maxBytes of them
    // (negative: all). Checks while inflating that the output never outgrows the declared
    // size, and, when read whole, that size and CRC-32 match. sink returns false to stop
    // (the result is then a Cancelled error). Sets *complete when the whole entry was read.
    Status readCurrent(const ZipRecord &record, qint64 maxBytes, const std::function<bool(const char *, qint64)> &sink,
                       bool *complete = nullptr);

    // Fills linkTarget of the current record when it is a symlink.
    Status readLinkTarget(ZipRecord &record);

    // Why a record cannot be read (encrypted, unknown method), or an empty Error code.
    static Error unreadable(const ArchiveEntry &entry, int method);

    // An Error for a corrupt archive, with the detail given.
    static Error corrupt(const QString &detail);

private:
    QIODevice *m_device;
    std::unique_ptr<QuaZip> m_zip;
    bool m_empty = false;  // an archive of no entries, which QuaZip does not open
};

// Decodes a name stored without the UTF-8 flag: the zip format's legacy code page 437.
QString decodeCp437(const QByteArray &bytes);

}  // namespace jobdesk::archive
