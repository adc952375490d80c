#include "gui/archiveentriesmodel.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

namespace jobdesk::gui {

using archive::ArchiveEntry;
using archive::ArchiveFormat;

namespace {

bool isAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() > 0x7F)
            return false;
    }
    return true;
}

}  // namespace

ArchiveEntriesModel::ArchiveEntriesModel(QObject *parent) : QAbstractTableModel(parent) {}

void ArchiveEntriesModel::setEntries(const QList<ArchiveEntry> &entries, ArchiveFormat format)
{
    beginResetModel();
    m_entries = entries;
    m_format = format;
    endResetModel();
}

void ArchiveEntriesModel::clear()
{
    setEntries({}, ArchiveFormat::Unknown);
}

qint64 ArchiveEntriesModel::totalSize() const
{
    qint64 total = 0;
    for (const ArchiveEntry &e : m_entries) {
        if (!e.isDirectory && e.size > 0)
            total += e.size;
    }
    return total;
}

QString ArchiveEntriesModel::sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

QString ArchiveEntriesModel::exactSize(qint64 bytes)
{
    return tr("%L1 bytes").arg(bytes);
}

QString ArchiveEntriesModel::crcText(quint32 crc)
{
    return QStringLiteral("%1").arg(crc, 8, 16, QLatin1Char('0')).toUpper();
}

int ArchiveEntriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ArchiveEntriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ArchiveEntriesModel::notes(const ArchiveEntry &entry) const
{
    QStringList notes;
    if (entry.isSymlink)
        notes.append(entry.linkTarget.isEmpty() ? tr("Link") : tr("Link to %1").arg(entry.linkTarget));
    if (entry.encrypted)
        notes.append(tr("Encrypted"));
    // An ASCII name reads the same in CP437 and UTF-8: only other characters may be wrong.
    if (!entry.utf8Name && !isAscii(entry.name))
        notes.append(tr("Legacy name encoding (not UTF-8)"));
    return notes.join(QStringLiteral("; "));
}

QVariant ArchiveEntriesModel::display(const ArchiveEntry &entry, int column) const
{
    const bool zip = m_format == ArchiveFormat::Zip;
    switch (column) {
    case NameColumn: return entry.name;
    case TypeColumn:
        if (entry.isDirectory)
            return tr("Folder");
        return entry.isSymlink ? tr("Link") : tr("File");
    case SizeColumn: return entry.isDirectory ? QString() : sizeText(entry.size);
    case PackedSizeColumn: return entry.isDirectory || !zip ? QString() : sizeText(entry.packedSize);
    case ModifiedColumn:
        return entry.modified.isValid() ? QLocale().toString(entry.modified, QLocale::ShortFormat) : QString();
    case Crc32Column: return entry.isDirectory || !zip ? QString() : crcText(entry.crc32);
    case NotesColumn: return notes(entry);
    default: return {};
    }
}

QVariant ArchiveEntriesModel::toolTip(const ArchiveEntry &entry, int column) const
{
    switch (column) {
    case SizeColumn: return entry.isDirectory ? QVariant() : exactSize(entry.size);
    case PackedSizeColumn:
        return entry.isDirectory || m_format != ArchiveFormat::Zip ? QVariant() : exactSize(entry.packedSize);
    case ModifiedColumn:
        return entry.modified.isValid() ? QLocale().toString(entry.modified, QLocale::LongFormat) : QVariant();
    case NameColumn:
    case NotesColumn: {
        const QString extra = notes(entry);
        return extra.isEmpty() ? entry.name : entry.name + QLatin1Char('\n') + extra;
    }
    default: return display(entry, column);
    }
}

QVariant ArchiveEntriesModel::sortValue(const ArchiveEntry &entry, int column) const
{
    switch (column) {
    case NameColumn: return entry.name;
    case TypeColumn: return entry.isDirectory ? 0 : (entry.isSymlink ? 2 : 1);
    case SizeColumn: return entry.isDirectory ? qint64(-1) : entry.size;
    case PackedSizeColumn: return entry.isDirectory ? qint64(-1) : entry.packedSize;
    case ModifiedColumn: return entry.modified;
    case Crc32Column: return entry.crc32;
    case NotesColumn: return notes(entry);
    default: return {};
    }
}

QVariant ArchiveEntriesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ArchiveEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return display(entry, index.column());
    case Qt::ToolTipRole: return toolTip(entry, index.column());
    case Qt::DecorationRole: {
        // Icons come from the style, which only a widget application has.
        auto *app = qobject_cast<QApplication *>(QCoreApplication::instance());
        if (index.column() != NameColumn || !app)
            return {};
        if (entry.isDirectory)
            return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
        return QApplication::style()->standardIcon(entry.isSymlink ? QStyle::SP_FileLinkIcon : QStyle::SP_FileIcon);
    }
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case SizeColumn:
        case PackedSizeColumn: return int(Qt::AlignRight | Qt::AlignVCenter);
        default: return {};
        }
    case SortRole: return sortValue(entry, index.column());
    case EntryNameRole: return entry.name;
    case IsDirectoryRole: return entry.isDirectory;
    case IsSymlinkRole: return entry.isSymlink;
    default: return {};
    }
}

QVariant ArchiveEntriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case TypeColumn: return tr("Type");
    case SizeColumn: return tr("Size");
    case PackedSizeColumn: return tr("Packed");
    case ModifiedColumn: return tr("Modified");
    case Crc32Column: return tr("CRC-32");
    case NotesColumn: return tr("Notes");
    default: return {};
    }
}

}  // namespace jobdesk::gui
