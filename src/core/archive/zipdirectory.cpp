#include "core/archive/zipdirectory.h"

#include "core/archive/archivereader.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipfileinfo.h>
#include <quazip/unzip.h>

#include <QIODevice>

#include <zlib.h>

#include <array>

namespace jobdesk::archive {

namespace {

// General purpose flag bits (APPNOTE 4.4.4).
constexpr quint16 FlagEncrypted = 0x0001;
constexpr quint16 FlagUtf8 = 0x0800;
constexpr quint16 FlagStrongEncryption = 0x0040;

constexpr int MethodStored = 0;
constexpr int MethodDeflated = 8;
constexpr int MethodAes = 99;  // WinZip AES

// Unix mode bits in the high half of the external attributes, for archives made on Unix.
constexpr quint32 UnixTypeMask = 0170000;
constexpr quint32 UnixSymlink = 0120000;
constexpr quint32 UnixDirectory = 0040000;
constexpr int HostUnix = 3;
constexpr quint32 DosDirectory = 0x10;

constexpr qint64 ChunkBytes = qint64(64) * 1024;

// Code page 437's upper half; the lower half is ASCII.
constexpr std::array<char16_t, 128> Cp437High = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE,
    0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6,
    0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA,
    0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB, 0x2591, 0x2592, 0x2593, 0x2502,
    0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514,
    0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550,
    0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C,
    0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320,
    0x2321, 0x00F7, 0x2248, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
};

QString zipErrorText(int code)
{
    switch (code) {
    case UNZ_CRCERROR: return ZipDirectory::tr("a checksum does not match");
    case UNZ_BADZIPFILE:
    case UNZ_ERRNO: return ZipDirectory::tr("the zip directory is damaged or cut short");
    case UNZ_INTERNALERROR:
    case UNZ_PARAMERROR:
    default: return ZipDirectory::tr("the zip file could not be read (error %1)").arg(code);
    }
}

}  // namespace

QString decodeCp437(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.append(b < 0x80 ? QChar(char16_t(b)) : QChar(Cp437High[b - 0x80]));
    }
    return out;
}

ZipDirectory::ZipDirectory(QIODevice *device) : m_device(device) {}

ZipDirectory::~ZipDirectory()
{
    if (m_zip && m_zip->isOpen())
        m_zip->close();
}

Error ZipDirectory::corrupt(const QString &detail)
{
    return Error::make(Error::Kind::Protocol, ArchiveReader::CorruptArchive(),
                       tr("The zip archive is damaged: %1.").arg(detail),
                       tr("Download the artifact again; if it stays damaged, the action that wrote it "
                          "produced a broken zip."));
}

Status ZipDirectory::open()
{
    m_zip = std::make_unique<QuaZip>(m_device);
    m_zip->setAutoClose(false);
    // Latin-1 hands the stored bytes of a name without the UTF-8 flag back unchanged,
    // so that they can be decoded as code page 437 here rather than in the locale's.
    m_zip->setFileNameCodec("ISO-8859-1");
    // QuaZip refuses a zip without entries; it is only the end record, with counts of zero.
    m_device->seek(0);
    const QByteArray head = m_device->read(22);
    m_device->seek(0);
    if (head.size() == 22 && head.startsWith(QByteArray("PK\x05\x06", 4)) && head.mid(8, 8) == QByteArray(8, '\0')) {
        m_empty = true;
        return success();
    }
    if (!m_zip->open(QuaZip::mdUnzip)) {
        return Error::make(Error::Kind::Protocol, ArchiveReader::CorruptArchive(),
                           tr("The zip archive is damaged: its central directory, at the end of the file, is "
                              "missing or cut short."),
                           tr("A download cut short loses the end of a zip: download the artifact again."));
    }
    return success();
}

Error ZipDirectory::unreadable(const ArchiveEntry &entry, int method)
{
    if (entry.encrypted) {
        return Error::make(
            Error::Kind::Validation, ArchiveReader::EncryptedEntry(),
            tr("The archive entry \"%1\" is encrypted; JobDesk does not decrypt zip entries.").arg(entry.name),
            tr("Decrypt the artifact with the tool that encrypted it."));
    }
    if (method != MethodStored && method != MethodDeflated) {
        return Error::make(Error::Kind::Validation, ArchiveReader::UnsupportedEntry(),
                           tr("The archive entry \"%1\" is compressed with method %2, which JobDesk cannot read.")
                               .arg(entry.name)
                               .arg(method),
                           tr("JobDesk reads stored and deflated entries, which is what CodePipeline writes."));
    }
    return Error();
}

Status ZipDirectory::forEach(const std::function<bool(const ZipRecord &)> &visit, int maxRecords)
{
    if (m_empty)
        return success();
    int count = 0;
    for (bool more = m_zip->goToFirstFile(); more; more = m_zip->goToNextFile()) {
        if (++count > maxRecords) {
            return Error::make(Error::Kind::Validation, ArchiveReader::TooManyEntries(),
                               tr("The archive holds more than %1 entries.").arg(maxRecords),
                               tr("Artifacts this large are not shown or extracted."));
        }
        QuaZipFileInfo64 info;
        if (!m_zip->getCurrentFileInfo(&info))
            return corrupt(zipErrorText(m_zip->getZipError()));

        ZipRecord record;
        ArchiveEntry &entry = record.entry;
        record.method = info.method;
        entry.utf8Name = (info.flags & FlagUtf8) != 0;
        entry.name = entry.utf8Name ? info.name : decodeCp437(info.name.toLatin1());
        entry.size = qint64(info.uncompressedSize);
        entry.packedSize = qint64(info.compressedSize);
        if (entry.size < 0 || entry.packedSize < 0)
            return corrupt(tr("the entry \"%1\" declares an impossible size").arg(entry.name));
        entry.modified = info.dateTime;
        entry.crc32 = info.crc;
        entry.encrypted = (info.flags & (FlagEncrypted | FlagStrongEncryption)) != 0 || info.method == MethodAes;
        const int host = info.versionCreated >> 8;
        const quint32 unixMode = info.externalAttr >> 16;
        record.unixMode = host == HostUnix ? unixMode : 0;
        entry.isSymlink = host == HostUnix && (unixMode & UnixTypeMask) == UnixSymlink;
        entry.isDirectory = !entry.isSymlink
            && (entry.name.endsWith(QLatin1Char('/')) || (info.externalAttr & DosDirectory) != 0
                || (host == HostUnix && (unixMode & UnixTypeMask) == UnixDirectory));
        if (!visit(record))
            break;
    }
    if (m_zip->getZipError() != UNZ_OK)
        return corrupt(zipErrorText(m_zip->getZipError()));
    return success();
}

Status ZipDirectory::readCurrent(const ZipRecord &record, qint64 maxBytes,
                                 const std::function<bool(const char *, qint64)> &sink, bool *complete)
{
    if (complete)
        *complete = false;
    const ArchiveEntry &entry = record.entry;
    if (const Error why = unreadable(entry, record.method); !why.code.isEmpty())
        return why;

    // Raw mode hands over the compressed bytes, so that the inflating is ours: minizip
    // would stop quietly at the declared size, where a longer stream is a lie to report.
    QuaZipFile file(m_zip.get());
    int method = 0;
    int level = 0;
    if (!file.open(QIODevice::ReadOnly, &method, &level, true))
        return corrupt(tr("the entry \"%1\" cannot be opened (%2)").arg(entry.name, zipErrorText(file.getZipError())));

    // Reading the whole entry goes on to the end of its stream, so that a stream longer
    // than declared is caught; a preview stops at maxBytes.
    const bool wantWhole = maxBytes < 0 || maxBytes >= entry.size;
    const qint64 limit = wantWhole ? entry.size : maxBytes;
    qint64 produced = 0;
    qint64 consumed = 0;
    quint32 crc = quint32(::crc32(0L, nullptr, 0));
    bool streamEnded = false;
    QByteArray in(ChunkBytes, Qt::Uninitialized);
    QByteArray out(ChunkBytes, Qt::Uninitialized);

    z_stream zs{};
    const bool deflated = record.method == MethodDeflated;
    if (deflated && inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        return corrupt(tr("the decompressor could not start"));
    struct InflateEnd
    {
        z_stream *zs;
        bool active;
        ~InflateEnd()
        {
            if (active)
                inflateEnd(zs);
        }
    } inflateEnd{&zs, deflated};

    auto deliver = [&](const char *data, qint64 n) -> Status {
        if (produced + n > entry.size) {
            return Error::make(Error::Kind::Validation, ArchiveReader::SizeMismatch(),
                               tr("The archive entry \"%1\" holds more data than the %2 bytes it declares; "
                                  "the archive is damaged or built to fill the disk (a zip bomb).")
                                   .arg(entry.name)
                                   .arg(entry.size),
                               tr("Do not extract this artifact; ask who produced it."));
        }
        crc = quint32(::crc32(crc, reinterpret_cast<const Bytef *>(data), uInt(n)));
        const qint64 take = qMin(n, limit - produced);
        produced += n;
        if (take > 0 && !sink(data, take))
            return Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"), tr("Cancelled."));
        return success();
    };
    // Runs inflate over what is in zs until it wants more input or the stream ends.
    auto inflateSome = [&](int flush) -> Status {
        for (;;) {
            zs.next_out = reinterpret_cast<Bytef *>(out.data());
            zs.avail_out = uInt(out.size());
            const int rc = inflate(&zs, flush);
            if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
                return corrupt(tr("the entry \"%1\" does not decompress").arg(entry.name));
            const qint64 n = out.size() - qint64(zs.avail_out);
            if (n > 0) {
                if (const Status s = deliver(out.constData(), n); !s)
                    return s;
            }
            if (rc == Z_STREAM_END) {
                streamEnded = true;
                return success();
            }
            if (zs.avail_out != 0 || (!wantWhole && produced >= limit))
                return success();
        }
    };

    while (!streamEnded && (wantWhole || produced < limit)) {
        const qint64 got = file.read(in.data(), qMin<qint64>(ChunkBytes, entry.packedSize - consumed));
        if (got < 0) {
            return corrupt(
                tr("the entry \"%1\" cannot be read (%2)").arg(entry.name, zipErrorText(file.getZipError())));
        }
        if (got == 0)
            break;
        consumed += got;
        if (!deflated) {
            if (const Status s = deliver(in.constData(), got); !s)
                return s;
            streamEnded = consumed >= entry.packedSize;
            continue;
        }
        zs.next_in = reinterpret_cast<Bytef *>(in.data());
        zs.avail_in = uInt(got);
        if (const Status s = inflateSome(Z_NO_FLUSH); !s)
            return s;
    }
    if (entry.packedSize == 0 && entry.size == 0)
        streamEnded = true;

    if (wantWhole) {
        if (produced < entry.size || !streamEnded) {
            return corrupt(
                tr("the entry \"%1\" ends after %2 of its %3 bytes").arg(entry.name).arg(produced).arg(entry.size));
        }
        if (crc != entry.crc32)
            return corrupt(tr("the entry \"%1\" fails its CRC-32 check").arg(entry.name));
    }
    if (complete)
        *complete = wantWhole;
    return success();
}

Status ZipDirectory::readLinkTarget(ZipRecord &record)
{
    if (!record.entry.isSymlink)
        return success();
    if (record.entry.size > MaxLinkTarget)
        return corrupt(
            tr("the symbolic link \"%1\" has a target longer than %2 bytes").arg(record.entry.name).arg(MaxLinkTarget));
    QByteArray target;
    const Status s = readCurrent(record, -1, [&](const char *data, qint64 n) {
        target.append(data, n);
        return true;
    });
    if (!s)
        return s;
    record.entry.linkTarget = QString::fromUtf8(target);
    return success();
}

}  // namespace jobdesk::archive
