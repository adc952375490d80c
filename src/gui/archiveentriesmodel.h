#pragma once

// The entries of an archive as a flat table, one row per entry with its full path, for the
// archive browser: sizes, times and CRC-32 to compare with what a build produced, and the
// entries worth a second look (links, encrypted entries, legacy name encodings) marked.

#include "core/archive/archiveentry.h"

#include <QAbstractTableModel>
#include <QList>

namespace jobdesk::gui {

class ArchiveEntriesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        TypeColumn,
        SizeColumn,
        PackedSizeColumn,
        ModifiedColumn,
        Crc32Column,
        NotesColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1,  // the raw value: bytes, QDateTime, the CRC as a number
        EntryNameRole,                // the name as stored in the archive
        IsDirectoryRole,
        IsSymlinkRole,
    };

    explicit ArchiveEntriesModel(QObject *parent = nullptr);

    // The format decides which columns mean something (a tar has no CRC-32 or packing).
    void setEntries(const QList<archive::ArchiveEntry> &entries, archive::ArchiveFormat format);
    void clear();

    const archive::ArchiveEntry &entry(int row) const { return m_entries.at(row); }
    archive::ArchiveFormat format() const { return m_format; }
    qint64 totalSize() const;  // uncompressed bytes of every file

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "1.5 KiB" in the user's locale; the exact count of bytes is in exactSize().
    static QString sizeText(qint64 bytes);
    static QString exactSize(qint64 bytes);
    static QString crcText(quint32 crc);  // eight hex digits, as unzip -v prints it

private:
    QVariant display(const archive::ArchiveEntry &entry, int column) const;
    QVariant toolTip(const archive::ArchiveEntry &entry, int column) const;
    QVariant sortValue(const archive::ArchiveEntry &entry, int column) const;
    QString notes(const archive::ArchiveEntry &entry) const;

    QList<archive::ArchiveEntry> m_entries;
    archive::ArchiveFormat m_format = archive::ArchiveFormat::Unknown;
};

}  // namespace jobdesk::gui
