#pragma once

// Lists a tar or gzip-compressed tar read from a device: ustar, GNU long names and links
// ('L', 'K') and pax path/linkpath/size/mtime records. Listing only; nothing is written.
// Internal to the archive code.

#include "core/archive/archiveentry.h"
#include "core/result.h"

#include <QCoreApplication>

class QIODevice;

namespace jobdesk::archive {

class TarLister
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::archive::TarLister)

public:
    static constexpr int BlockSize = 512;
    // A GNU long name or a pax header longer than this is not a name.
    static constexpr qint64 MaxMetaBytes = qint64(1024) * 1024;
    static constexpr int MaxEntries = 1000000;

    // Whether a 512-byte block is a tar header: the ustar magic, or a valid checksum.
    static bool isHeader(const QByteArray &block);
    // The first bytes of a gzip stream's content (at most n), or empty if it is not one.
    static QByteArray gunzipStart(QIODevice *device, qint64 n);

    static Result<QList<ArchiveEntry>> list(QIODevice *device, bool gzipped);
};

}  // namespace jobdesk::archive
