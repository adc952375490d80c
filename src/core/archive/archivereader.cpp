#include "core/archive/archivereader.h"

#include "core/archive/tarlister.h"
#include "core/archive/zipdirectory.h"

#include <QFile>
#include <QIODevice>

namespace jobdesk::archive {

namespace {

Error openError(const QString &path, const QFile &file)
{
    return Error::make(Error::Kind::Io, ArchiveReader::FileOpen(),
                       ArchiveReader::tr("Cannot open \"%1\": %2").arg(path, file.errorString()));
}

// Reads the first bytes and puts the device back where it was.
QByteArray peek(QIODevice *device, qint64 n)
{
    if (device->isSequential())
        return device->peek(n);
    const qint64 at = device->pos();
    QByteArray head = device->read(n);
    device->seek(at);
    return head;
}

}  // namespace

ArchiveFormat ArchiveReader::detect(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ArchiveFormat::Unknown;
    return detect(&file);
}

ArchiveFormat ArchiveReader::detect(QIODevice *device)
{
    if (!device || !device->isReadable())
        return ArchiveFormat::Unknown;
    const QByteArray head = peek(device, TarLister::BlockSize);
    // Local file header, or the end record of an empty zip.
    if (head.startsWith(QByteArray("PK\x03\x04", 4)) || head.startsWith(QByteArray("PK\x05\x06", 4)))
        return ArchiveFormat::Zip;
    // A spanned-archive marker before the first local header (written by some streaming tools).
    if (head.startsWith(QByteArray("PK\x07\x08PK\x03\x04", 8)))
        return ArchiveFormat::Zip;
    if (head.startsWith(QByteArray("\x1f\x8b\x08", 3))) {
        if (device->isSequential())
            return ArchiveFormat::Unknown;
        const qint64 at = device->pos();
        const QByteArray inner = TarLister::gunzipStart(device, TarLister::BlockSize);
        device->seek(at);
        return TarLister::isHeader(inner) ? ArchiveFormat::TarGzip : ArchiveFormat::Unknown;
    }
    return TarLister::isHeader(head) ? ArchiveFormat::Tar : ArchiveFormat::Unknown;
}

QString ArchiveReader::formatName(ArchiveFormat format)
{
    switch (format) {
    case ArchiveFormat::Zip: return QStringLiteral("zip");
    case ArchiveFormat::Tar: return QStringLiteral("tar");
    case ArchiveFormat::TarGzip: return QStringLiteral("tar.gz");
    case ArchiveFormat::Unknown: break;
    }
    return tr("unknown");
}

Result<QList<ArchiveEntry>> ArchiveReader::list(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return openError(path, file);
    return list(&file);
}

Result<QList<ArchiveEntry>> ArchiveReader::list(QIODevice *device)
{
    if (!device || !device->isReadable() || device->isSequential()) {
        return Error::make(Error::Kind::Io, NotAnArchive(),
                           tr("The archive cannot be read: it is not open for random access."));
    }
    device->seek(0);
    switch (detect(device)) {
    case ArchiveFormat::Zip: {
        ZipDirectory zip(device);
        if (const Status s = zip.open(); !s)
            return s.error();
        QList<ArchiveEntry> entries;
        Status each = zip.forEach([&](const ZipRecord &record) {
            ZipRecord withTarget = record;
            // A symlink's target is its content: small, and worth showing in the listing.
            if (record.entry.isSymlink && ZipDirectory::unreadable(record.entry, record.method).code.isEmpty()
                && record.entry.size <= ZipDirectory::MaxLinkTarget) {
                if (const Status s = zip.readLinkTarget(withTarget); !s)
                    withTarget.entry.linkTarget.clear();
            }
            entries.append(withTarget.entry);
            return true;
        });
        if (!each)
            return each.error();
        return entries;
    }
    case ArchiveFormat::Tar: return TarLister::list(device, false);
    case ArchiveFormat::TarGzip: return TarLister::list(device, true);
    case ArchiveFormat::Unknown: break;
    }
    return Error::make(Error::Kind::Validation, NotAnArchive(), tr("This file is not a zip, tar or tar.gz archive."),
                       tr("JobDesk recognises archives by their content, not their name; this one starts "
                          "with none of the known signatures."));
}

Result<EntryContent> ArchiveReader::read(const QString &zipPath, const QString &entryName, qint64 maxBytes)
{
    QFile file(zipPath);
    if (!file.open(QIODevice::ReadOnly))
        return openError(zipPath, file);
    return read(&file, entryName, maxBytes);
}

Result<EntryContent> ArchiveReader::read(QIODevice *device, const QString &entryName, qint64 maxBytes)
{
    if (!device || !device->isReadable() || device->isSequential()) {
        return Error::make(Error::Kind::Io, NotAnArchive(),
                           tr("The archive cannot be read: it is not open for random access."));
    }
    device->seek(0);
    if (detect(device) != ArchiveFormat::Zip) {
        return Error::make(Error::Kind::Validation, NotAnArchive(),
                           tr("Only the entries of a zip archive can be read."));
    }
    ZipDirectory zip(device);
    if (const Status s = zip.open(); !s)
        return s.error();
    bool found = false;
    Error failure;
    EntryContent content;
    const Status each = zip.forEach([&](const ZipRecord &record) {
        if (record.entry.name != entryName)
            return true;
        found = true;
        if (record.entry.isDirectory) {
            failure = Error::make(Error::Kind::Validation, UnsupportedEntry(),
                                  tr("The archive entry \"%1\" is a folder, not a file.").arg(entryName));
            return false;
        }
        if (record.entry.isSymlink) {
            failure = Error::make(Error::Kind::Validation, UnsupportedEntry(),
                                  tr("The archive entry \"%1\" is a symbolic link, not a file.").arg(entryName));
            return false;
        }
        content.size = record.entry.size;
        const qint64 limit = qMax<qint64>(0, maxBytes);
        // Reserve no more than the entry declares: a lying directory must not make us allocate.
        content.bytes.reserve(qsizetype(qMin(limit, qMin<qint64>(record.entry.size, 64 * 1024 * 1024))));
        bool complete = false;
        const Status s = zip.readCurrent(
            record, limit,
            [&](const char *data, qint64 n) {
                content.bytes.append(data, qsizetype(n));
                return true;
            },
            &complete);
        if (!s)
            failure = s.error();
        content.truncated = !complete;
        return false;
    });
    if (!each)
        return each.error();
    if (!failure.code.isEmpty() || !failure.message.isEmpty())
        return failure;
    if (!found) {
        return Error::make(Error::Kind::Validation, EntryNotFound(),
                           tr("The archive has no entry named \"%1\".").arg(entryName));
    }
    return content;
}

}  // namespace jobdesk::archive
