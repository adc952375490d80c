#pragma once

// Recognises and lists archives (zip, tar, tar.gz) and reads single zip entries, for
// the artifact view's listing and preview. Every failure is an Error, never a crash:
// the bytes come from S3 and are not trusted.

#include "core/archive/archiveentry.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QString>

class QIODevice;

namespace jobdesk::archive {

class ArchiveReader
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::archive::ArchiveReader)

public:
    // Error codes this class returns in Error::code (functions: a static QString could
    // throw while the program starts).
    static QString NotAnArchive() { return QStringLiteral("NotAnArchive"); }
    static QString CorruptArchive() { return QStringLiteral("CorruptArchive"); }
    static QString EntryNotFound() { return QStringLiteral("EntryNotFound"); }
    static QString EncryptedEntry() { return QStringLiteral("EncryptedEntry"); }
    static QString UnsupportedEntry() { return QStringLiteral("UnsupportedEntry"); }
    // An entry inflates to more than it declares: damaged, or a zip bomb.
    static QString SizeMismatch() { return QStringLiteral("EntrySizeMismatch"); }
    static QString TooManyEntries() { return QStringLiteral("TooManyEntries"); }
    // The file itself cannot be opened (Error::Kind::Io).
    static QString FileOpen() { return QStringLiteral("FileOpen"); }

    // Recognises the format from its magic bytes only, never from the name (artifact keys
    // have no extension). Unknown when unreadable.
    static ArchiveFormat detect(const QString &path);
    // The device must be open for reading and random access; its position is kept.
    static ArchiveFormat detect(QIODevice *device);
    // "zip", "tar", "tar.gz"; a translated "unknown".
    static QString formatName(ArchiveFormat format);

    // The entries in archive order; a zip's come from its central directory (a symlink's
    // target read from its content). Tar and tar.gz understand ustar, GNU long names and
    // pax path/linkpath records; they are read through to their end, so a large tar.gz
    // takes a while: run it off the GUI thread. At most a million entries.
    static Result<QList<ArchiveEntry>> list(const QString &path);
    // Same from an open, random-access device (the fuzzer feeds a QBuffer).
    static Result<QList<ArchiveEntry>> list(QIODevice *device);

    // Up to maxBytes of one zip entry's uncompressed content (a directory or a symlink is
    // refused). When the whole entry is read, its CRC-32 and size are checked.
    static Result<EntryContent> read(const QString &zipPath, const QString &entryName, qint64 maxBytes);
    // Same from an open, random-access device.
    static Result<EntryContent> read(QIODevice *device, const QString &entryName, qint64 maxBytes);
};

}  // namespace jobdesk::archive
