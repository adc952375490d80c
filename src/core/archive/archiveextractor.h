#pragma once

// Extracts a zip artifact into a folder, safely: every entry is checked before anything
// is written (zip-slip, absolute names, symlinks leaving the folder, too many entries or
// bytes), and inflating stops when an entry's output outgrows what it declared.

#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

namespace jobdesk::archive {

struct ExtractOptions
{
    QStringList entries;  // entry names to extract (a directory's name takes what is under it); empty: all
    qint64 maxTotalBytes = qint64(4) << 30;
    int maxEntries = 20000;
    bool overwrite = false;  // replace existing files; without it an existing file is an error
};

struct ExtractSummary
{
    int files = 0;
    int directories = 0;
    int symlinks = 0;
    qint64 bytes = 0;  // bytes written
};

class ArchiveExtractor
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::archive::ArchiveExtractor)

public:
    // Error codes this class returns in Error::code (besides ArchiveReader's).
    static QString UnsafeEntry() { return QStringLiteral("UnsafeArchiveEntry"); }
    static QString TooManyEntries() { return QStringLiteral("TooManyEntries"); }
    static QString TooLarge() { return QStringLiteral("ArchiveTooLarge"); }
    static QString SizeMismatch() { return QStringLiteral("EntrySizeMismatch"); }  // == ArchiveReader::SizeMismatch()
    static QString FileExists() { return QStringLiteral("FileExists"); }

    // Synchronous (callers run it on a worker thread). progress(bytesDone, bytesTotal) is
    // called often; returning false cancels: the files and folders this run created are
    // removed and the Error is Cancelled (so on any other error). A file replaced under
    // overwrite keeps its new, complete content: each file is written to a temporary file
    // and renamed once its size and CRC-32 check out. The folder is created when missing.
    // Symbolic links are made last, so no entry is ever written through one.
    static Result<ExtractSummary> extract(const QString &zipPath, const QString &folder, const ExtractOptions &options,
                                          const std::function<bool(qint64, qint64)> &progress = {});
};

}  // namespace jobdesk::archive
