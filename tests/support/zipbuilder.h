#pragma once

// Builds zip files byte by byte for the archive tests: any name, flag, host, mode or
// declared size, so that the archives an attacker or a broken tool would write (zip-slip
// names, lying sizes, links out of the folder, encrypted entries) can be made exactly.

#include <QByteArray>
#include <QList>
#include <QString>

namespace jobdesk::test {

struct ZipBuilderEntry
{
    QByteArray name;  // stored bytes, as given
    QByteArray data;  // uncompressed content
    bool deflate = true;
    quint16 flags = 0x0800;  // UTF-8 names by default
    quint32 unixMode = 0100644;
    quint16 method = 0;        // 0: stored or deflated as `deflate` says; else stored in the headers as given
    qint64 declaredSize = -1;  // -1: the real size; else what the headers claim
    bool dataDescriptor = false;
    quint16 dosTime = 0x6000;  // 12:00:00
    quint16 dosDate = 0x5A21;  // 2025-01-01
};

class ZipBuilder
{
public:
    ZipBuilder &add(const ZipBuilderEntry &entry);
    ZipBuilder &file(const QByteArray &name, const QByteArray &data);
    ZipBuilder &directory(const QByteArray &name);
    ZipBuilder &symlink(const QByteArray &name, const QByteArray &target);
    ZipBuilder &comment(const QByteArray &text);
    QByteArray bytes() const;
    // Writes bytes() to path; false on failure.
    bool save(const QString &path) const;

    // Raw deflate of data (no zlib header), as a zip stores it.
    static QByteArray deflateRaw(const QByteArray &data);

private:
    QList<ZipBuilderEntry> m_entries;
    QByteArray m_comment;
};

}  // namespace jobdesk::test
