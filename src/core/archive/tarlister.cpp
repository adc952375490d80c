#include "core/archive/tarlister.h"

#include "core/archive/archivereader.h"

#include <QIODevice>
#include <QStringDecoder>

#include <zlib.h>

#include <memory>

namespace jobdesk::archive {

namespace {

constexpr qint64 ChunkBytes = qint64(64) * 1024;

// Where the header fields sit in a 512-byte block (POSIX ustar; GNU shares the layout).
struct Field
{
    int offset;
    int length;
};
constexpr Field NameField{0, 100};
constexpr Field SizeField{124, 12};
constexpr Field MtimeField{136, 12};
constexpr Field ChecksumField{148, 8};
constexpr int TypeOffset = 156;
constexpr Field LinkField{157, 100};
constexpr Field MagicField{257, 6};
constexpr Field PrefixField{345, 155};

Error corrupt(const QString &detail)
{
    return Error::make(Error::Kind::Protocol, ArchiveReader::CorruptArchive(),
                       TarLister::tr("The tar archive is damaged: %1.").arg(detail),
                       TarLister::tr("Download the artifact again; if it stays damaged, the action that wrote "
                                     "it produced a broken archive."));
}

QByteArray field(const QByteArray &block, Field f)
{
    QByteArray bytes = block.mid(f.offset, f.length);
    const qsizetype nul = bytes.indexOf('\0');
    if (nul >= 0)
        bytes.truncate(nul);
    return bytes;
}

// A numeric field: octal digits (space or NUL padded), or GNU's base-256 with the top bit set.
bool number(const QByteArray &block, Field f, qint64 *value)
{
    const auto *p = reinterpret_cast<const unsigned char *>(block.constData()) + f.offset;
    qint64 v = 0;
    if (p[0] & 0x80) {
        if (p[0] == 0xff)
            return false;  // negative
        v = p[0] & 0x3f;
        for (int i = 1; i < f.length; ++i) {
            if (v > (std::numeric_limits<qint64>::max() >> 8))
                return false;
            v = (v << 8) | p[i];
        }
        *value = v;
        return true;
    }
    int i = 0;
    while (i < f.length && (p[i] == ' ' || p[i] == '\0'))
        ++i;
    bool any = false;
    for (; i < f.length && p[i] >= '0' && p[i] <= '7'; ++i) {
        if (v > (std::numeric_limits<qint64>::max() >> 3))
            return false;
        v = (v << 3) | (p[i] - '0');
        any = true;
    }
    for (; i < f.length; ++i) {
        if (p[i] != ' ' && p[i] != '\0')
            return false;
    }
    *value = any ? v : 0;
    return true;
}

QString decodeName(const QByteArray &bytes, bool *utf8)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    *utf8 = !decoder.hasError();
    return *utf8 ? text : QString::fromLatin1(bytes);
}

// Reads the archive's bytes, inflated when it is gzip-compressed.
class Source
{
public:
    virtual ~Source() = default;
    // Reads up to n bytes; 0 at the end, -1 on an error (error() says which).
    virtual qint64 read(char *data, qint64 n) = 0;
    QString error;

    // Reads exactly n bytes, or fails.
    bool readFully(char *data, qint64 n, qint64 *got)
    {
        *got = 0;
        while (*got < n) {
            const qint64 r = read(data + *got, n - *got);
            if (r <= 0)
                return false;
            *got += r;
        }
        return true;
    }
    bool skip(qint64 n)
    {
        char buffer[8192];
        while (n > 0) {
            const qint64 r = read(buffer, qMin<qint64>(n, sizeof buffer));
            if (r <= 0)
                return false;
            n -= r;
        }
        return true;
    }
};

class PlainSource : public Source
{
public:
    explicit PlainSource(QIODevice *device) : m_device(device) {}
    qint64 read(char *data, qint64 n) override
    {
        const qint64 r = m_device->read(data, n);
        if (r < 0)
            error = m_device->errorString();
        return r;
    }

private:
    QIODevice *m_device;
};

class GzipSource : public Source
{
public:
    explicit GzipSource(QIODevice *device) : m_device(device), m_in(ChunkBytes, Qt::Uninitialized)
    {
        m_ready = inflateInit2(&m_zs, MAX_WBITS + 16) == Z_OK;
    }
    ~GzipSource() override
    {
        if (m_ready)
            inflateEnd(&m_zs);
    }
    qint64 read(char *data, qint64 n) override
    {
        if (!m_ready) {
            error = TarLister::tr("the decompressor could not start");
            return -1;
        }
        m_zs.next_out = reinterpret_cast<Bytef *>(data);
        m_zs.avail_out = uInt(qMin<qint64>(n, ChunkBytes));
        const uInt wanted = m_zs.avail_out;
        while (m_zs.avail_out == wanted) {
            if (m_zs.avail_in == 0) {
                if (m_inputEnded)
                    return m_memberEnded ? 0 : fail(TarLister::tr("the gzip stream is cut short"));
                const qint64 got = m_device->read(m_in.data(), m_in.size());
                if (got < 0)
                    return fail(m_device->errorString());
                if (got == 0) {
                    m_inputEnded = true;
                    continue;
                }
                m_zs.next_in = reinterpret_cast<Bytef *>(m_in.data());
                m_zs.avail_in = uInt(got);
            }
            if (m_memberEnded) {
                // Another gzip member follows (concatenated .gz files make one stream).
                if (inflateReset(&m_zs) != Z_OK)
                    return fail(TarLister::tr("the gzip stream is damaged"));
                m_memberEnded = false;
            }
            const int rc = inflate(&m_zs, Z_NO_FLUSH);
            if (rc == Z_STREAM_END)
                m_memberEnded = true;
            else if (rc != Z_OK && rc != Z_BUF_ERROR)
                return fail(TarLister::tr("the gzip stream is damaged"));
        }
        return qint64(wanted - m_zs.avail_out);
    }

private:
    qint64 fail(const QString &why)
    {
        error = why;
        return -1;
    }
    QIODevice *m_device;
    QByteArray m_in;
    z_stream m_zs{};
    bool m_ready = false;
    bool m_inputEnded = false;
    bool m_memberEnded = false;
};

// pax extended header records: "LEN key=value\n", LEN counting the whole record.
bool parsePax(const QByteArray &data, QByteArray *path, QByteArray *linkPath, qint64 *size, qint64 *mtime)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        if (data.at(pos) == '\0')
            break;  // padding some writers leave
        const qsizetype space = data.indexOf(' ', pos);
        if (space < 0 || space - pos > 18)
            return false;
        bool ok = false;
        const qint64 length = data.mid(pos, space - pos).toLongLong(&ok);
        if (!ok || length <= space - pos + 1 || pos + length > data.size() || data.at(pos + length - 1) != '\n')
            return false;
        const QByteArray record = data.mid(space + 1, pos + length - 1 - (space + 1));
        const qsizetype eq = record.indexOf('=');
        if (eq < 0)
            return false;
        const QByteArray key = record.left(eq);
        const QByteArray value = record.mid(eq + 1);
        if (key == "path") {
            *path = value;
        } else if (key == "linkpath") {
            *linkPath = value;
        } else if (key == "size") {
            *size = value.toLongLong(&ok);
            if (!ok || *size < 0)
                return false;
        } else if (key == "mtime") {
            const qsizetype dot = value.indexOf('.');
            *mtime = (dot < 0 ? value : value.left(dot)).toLongLong(&ok);
            if (!ok)
                *mtime = -1;
        }
        pos += length;
    }
    return true;
}

}  // namespace

bool TarLister::isHeader(const QByteArray &block)
{
    if (block.size() < BlockSize)
        return false;
    qint64 stored = 0;
    if (!number(block, ChecksumField, &stored))
        return false;
    qint64 sum = 0;
    for (int i = 0; i < BlockSize; ++i) {
        const bool inChecksum = i >= ChecksumField.offset && i < ChecksumField.offset + ChecksumField.length;
        sum += inChecksum ? ' ' : static_cast<unsigned char>(block.at(i));
    }
    // An all-zero block sums to 256 (the spaces) and holds no entry.
    const bool hasName = block.at(0) != '\0';
    return hasName && sum == stored;
}

QByteArray TarLister::gunzipStart(QIODevice *device, qint64 n)
{
    GzipSource source(device);
    QByteArray out(n, Qt::Uninitialized);
    qint64 got = 0;
    source.readFully(out.data(), n, &got);
    out.truncate(got);
    return out;
}

Result<QList<ArchiveEntry>> TarLister::list(QIODevice *device, bool gzipped)
{
    std::unique_ptr<Source> source;
    if (gzipped)
        source = std::make_unique<GzipSource>(device);
    else
        source = std::make_unique<PlainSource>(device);

    QList<ArchiveEntry> entries;
    QByteArray block(BlockSize, Qt::Uninitialized);
    QByteArray longName;
    QByteArray longLink;
    QByteArray paxPath;
    QByteArray paxLink;
    qint64 paxSize = -1;
    qint64 paxMtime = -1;

    auto readMeta = [&](qint64 size, QByteArray *into) -> Status {
        if (size > MaxMetaBytes)
            return corrupt(tr("an extended header of %1 bytes is larger than any name").arg(size));
        const qint64 padded = (size + BlockSize - 1) / BlockSize * BlockSize;
        QByteArray data(padded, Qt::Uninitialized);
        qint64 got = 0;
        if (!source->readFully(data.data(), padded, &got))
            return corrupt(source->error.isEmpty() ? tr("it ends inside an extended header") : source->error);
        data.truncate(size);
        *into = data;
        return success();
    };

    for (;;) {
        qint64 got = 0;
        if (!source->readFully(block.data(), BlockSize, &got)) {
            if (got == 0 && source->error.isEmpty())
                break;  // no end-of-archive blocks: many writers stop here, and nothing is lost
            return corrupt(source->error.isEmpty() ? tr("it ends inside a header") : source->error);
        }
        if (block.count('\0') == BlockSize)
            break;  // the end-of-archive marker
        if (!isHeader(block))
            return corrupt(tr("the header after entry %1 has a wrong checksum").arg(entries.size()));

        qint64 size = 0;
        if (!number(block, SizeField, &size))
            return corrupt(tr("the size of entry %1 is not a number").arg(entries.size() + 1));
        const char type = block.at(TypeOffset);

        if (type == 'L' || type == 'K' || type == 'x' || type == 'g') {
            QByteArray data;
            if (const Status s = readMeta(size, &data); !s)
                return s.error();
            if (type == 'L') {
                longName = data;
                if (const qsizetype nul = longName.indexOf('\0'); nul >= 0)
                    longName.truncate(nul);
            } else if (type == 'K') {
                longLink = data;
                if (const qsizetype nul = longLink.indexOf('\0'); nul >= 0)
                    longLink.truncate(nul);
            } else if (type == 'x') {
                if (!parsePax(data, &paxPath, &paxLink, &paxSize, &paxMtime))
                    return corrupt(tr("a pax extended header is malformed"));
            } else {
                // Global pax records set defaults for later entries; a listing needs none of them,
                // but a malformed one is still a damaged archive.
                QByteArray ignoredPath, ignoredLink;
                qint64 ignoredSize = -1, ignoredMtime = -1;
                if (!parsePax(data, &ignoredPath, &ignoredLink, &ignoredSize, &ignoredMtime))
                    return corrupt(tr("a pax global header is malformed"));
            }
            continue;
        }

        if (entries.size() >= MaxEntries)
            return corrupt(tr("it holds more than %1 entries").arg(MaxEntries));

        QByteArray name = field(block, NameField);
        const bool posixUstar = block.mid(MagicField.offset, MagicField.length) == QByteArray("ustar\0", 6);
        if (posixUstar) {
            const QByteArray prefix = field(block, PrefixField);
            if (!prefix.isEmpty())
                name = prefix + '/' + name;
        }
        if (!longName.isEmpty())
            name = longName;
        if (!paxPath.isEmpty())
            name = paxPath;
        QByteArray link = field(block, LinkField);
        if (!longLink.isEmpty())
            link = longLink;
        if (!paxLink.isEmpty())
            link = paxLink;
        if (paxSize >= 0)
            size = paxSize;
        qint64 mtime = 0;
        const bool hasMtime = number(block, MtimeField, &mtime);

        ArchiveEntry entry;
        entry.name = decodeName(name, &entry.utf8Name);
        if (entry.name.isEmpty())
            return corrupt(tr("entry %1 has no name").arg(entries.size() + 1));
        entry.isSymlink = type == '2';
        entry.isDirectory = type == '5' || ((type == '0' || type == '\0') && name.endsWith('/'));
        if (type == '1' || type == '2')
            entry.linkTarget = QString::fromUtf8(link);
        // Links, directories and devices carry no data whatever size they state; every other
        // type (regular, contiguous, sparse, vendor types read as regular files) does.
        const bool hasData = type < '1' || type > '6';
        entry.size = hasData ? size : 0;
        entry.packedSize = entry.size;
        if (paxMtime >= 0)
            entry.modified = QDateTime::fromSecsSinceEpoch(paxMtime, Qt::UTC);
        else if (hasMtime)
            entry.modified = QDateTime::fromSecsSinceEpoch(mtime, Qt::UTC);
        if (type != 'V')  // a GNU volume label names the tape, not a file
            entries.append(entry);

        longName.clear();
        longLink.clear();
        paxPath.clear();
        paxLink.clear();
        paxSize = -1;
        paxMtime = -1;

        if (hasData) {
            if (size > std::numeric_limits<qint64>::max() - BlockSize)
                return corrupt(tr("the entry \"%1\" declares an impossible size").arg(entry.name));
            const qint64 padded = (size + BlockSize - 1) / BlockSize * BlockSize;
            if (!source->skip(padded)) {
                return corrupt(source->error.isEmpty() ? tr("it ends inside the entry \"%1\"").arg(entry.name)
                                                       : source->error);
            }
        }
    }
    return entries;
}

}  // namespace jobdesk::archive
