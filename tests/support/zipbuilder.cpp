#include "support/zipbuilder.h"

#include <QFile>

#include <zlib.h>

namespace jobdesk::test {

namespace {

void put16(QByteArray &out, quint32 v)
{
    out.append(char(v & 0xff));
    out.append(char((v >> 8) & 0xff));
}

void put32(QByteArray &out, quint32 v)
{
    put16(out, v & 0xffff);
    put16(out, v >> 16);
}

}  // namespace

QByteArray ZipBuilder::deflateRaw(const QByteArray &data)
{
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&zs, uLong(data.size()))) + 16, Qt::Uninitialized);
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.truncate(qsizetype(zs.total_out));
    deflateEnd(&zs);
    return out;
}

ZipBuilder &ZipBuilder::add(const ZipBuilderEntry &entry)
{
    m_entries.append(entry);
    return *this;
}

ZipBuilder &ZipBuilder::file(const QByteArray &name, const QByteArray &data)
{
    ZipBuilderEntry e;
    e.name = name;
    e.data = data;
    return add(e);
}

ZipBuilder &ZipBuilder::directory(const QByteArray &name)
{
    ZipBuilderEntry e;
    e.name = name;
    e.deflate = false;
    e.unixMode = 040755;
    return add(e);
}

ZipBuilder &ZipBuilder::symlink(const QByteArray &name, const QByteArray &target)
{
    ZipBuilderEntry e;
    e.name = name;
    e.data = target;
    e.deflate = false;
    e.unixMode = 0120777;
    return add(e);
}

ZipBuilder &ZipBuilder::comment(const QByteArray &text)
{
    m_comment = text;
    return *this;
}

QByteArray ZipBuilder::bytes() const
{
    QByteArray out;
    QByteArray central;
    for (const ZipBuilderEntry &e : m_entries) {
        const QByteArray packed = e.deflate ? deflateRaw(e.data) : e.data;
        const quint16 method = e.method ? e.method : (e.deflate ? 8 : 0);
        const quint32 crc = quint32(crc32(0, reinterpret_cast<const Bytef *>(e.data.constData()), uInt(e.data.size())));
        const quint32 size = quint32(e.declaredSize >= 0 ? e.declaredSize : e.data.size());
        const quint16 flags = quint16(e.flags | (e.dataDescriptor ? 0x0008 : 0));
        const quint32 offset = quint32(out.size());

        out.append("PK\x03\x04", 4);
        put16(out, 20);
        put16(out, flags);
        put16(out, method);
        put16(out, e.dosTime);
        put16(out, e.dosDate);
        put32(out, e.dataDescriptor ? 0 : crc);
        put32(out, e.dataDescriptor ? 0 : quint32(packed.size()));
        put32(out, e.dataDescriptor ? 0 : size);
        put16(out, quint32(e.name.size()));
        put16(out, 0);
        out.append(e.name);
        out.append(packed);
        if (e.dataDescriptor) {
            out.append("PK\x07\x08", 4);
            put32(out, crc);
            put32(out, quint32(packed.size()));
            put32(out, size);
        }

        central.append("PK\x01\x02", 4);
        put16(central, (3 << 8) | 20);  // made on Unix, so the mode is read
        put16(central, 20);
        put16(central, flags);
        put16(central, method);
        put16(central, e.dosTime);
        put16(central, e.dosDate);
        put32(central, crc);
        put32(central, quint32(packed.size()));
        put32(central, size);
        put16(central, quint32(e.name.size()));
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put16(central, 0);
        put32(central, e.unixMode << 16 | ((e.unixMode & 0170000) == 040000 ? 0x10 : 0));
        put32(central, offset);
        central.append(e.name);
    }
    const quint32 centralOffset = quint32(out.size());
    out.append(central);
    out.append("PK\x05\x06", 4);
    put16(out, 0);
    put16(out, 0);
    put16(out, quint32(m_entries.size()));
    put16(out, quint32(m_entries.size()));
    put32(out, quint32(central.size()));
    put32(out, centralOffset);
    put16(out, quint32(m_comment.size()));
    out.append(m_comment);
    return out;
}

bool ZipBuilder::save(const QString &path) const
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes()) == bytes().size();
}

}  // namespace jobdesk::test
