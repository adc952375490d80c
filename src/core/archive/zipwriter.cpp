#include "core/archive/zipwriter.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>

namespace jobdesk::archive {

namespace {

constexpr uint OsUnix = 3;  // "version made by" host: Unix, so that modes are read back
constexpr qint64 ChunkBytes = qint64(64) * 1024;
constexpr qint64 Zip64Threshold = 0xFFFFFFFFLL;

struct Item
{
    QString name;  // in the zip; directories end with '/'
    QString path;  // on disk
    qint64 size = 0;
    bool isDirectory = false;
};

Error readError(const QString &path, const QString &why)
{
    return Error::make(Error::Kind::Io, QStringLiteral("FileRead"),
                       ZipWriter::tr("Cannot read \"%1\": %2").arg(QDir::toNativeSeparators(path), why));
}

Error writeError(const QString &path, const QString &why)
{
    return Error::make(Error::Kind::Io, QStringLiteral("FileWrite"),
                       ZipWriter::tr("Cannot write the zip \"%1\": %2").arg(QDir::toNativeSeparators(path), why));
}

// The files of a folder and its empty subfolders, links and special files set aside.
void collect(const QString &root, QList<Item> &items, QStringList &skipped)
{
    const QDir base(root);
    QStringList folders;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        const QString relative = base.relativeFilePath(path);
        if (info.isSymLink() || (!info.isDir() && !info.isFile())) {
            skipped.append(relative);
        } else if (info.isDir()) {
            folders.append(relative);
        } else {
            items.append(Item{relative, path, info.size(), false});
        }
    }
    // A folder gets an entry of its own only when nothing is stored under it.
    for (const QString &folder : folders) {
        const QString prefix = folder + QLatin1Char('/');
        const bool holdsSomething =
            std::any_of(items.cbegin(), items.cend(), [&](const Item &i) { return i.name.startsWith(prefix); })
            || std::any_of(folders.cbegin(), folders.cend(), [&](const QString &f) { return f.startsWith(prefix); });
        if (!holdsSomething)
            items.append(Item{prefix, base.filePath(folder), 0, true});
    }
}

}  // namespace

Result<ZipSummary> ZipWriter::zip(const QString &source, const QString &zipPath,
                                  const std::function<bool(qint64, qint64)> &progress)
{
    const QFileInfo sourceInfo(source);
    if (sourceInfo.isSymLink()) {
        return Error::make(Error::Kind::Validation, QStringLiteral("SymlinkSource"),
                           tr("\"%1\" is a symbolic link; choose the file or folder it points to.")
                               .arg(QDir::toNativeSeparators(source)));
    }
    if (!sourceInfo.exists())
        return readError(source, tr("it does not exist"));

    ZipSummary summary;
    QList<Item> items;
    if (sourceInfo.isDir()) {
        const QString root = QDir::cleanPath(sourceInfo.absoluteFilePath());
        const QString target = QDir::cleanPath(QFileInfo(zipPath).absoluteFilePath());
        if (target.startsWith(root + QLatin1Char('/'))) {
            return Error::make(Error::Kind::Validation, QStringLiteral("ZipInsideSource"),
                               tr("The zip \"%1\" cannot be written inside the folder being zipped.")
                                   .arg(QDir::toNativeSeparators(zipPath)),
                               tr("Save the zip outside \"%1\".").arg(QDir::toNativeSeparators(source)));
        }
        collect(root, items, summary.skipped);
    } else if (sourceInfo.isFile()) {
        items.append(Item{sourceInfo.fileName(), sourceInfo.absoluteFilePath(), sourceInfo.size(), false});
    } else {
        return readError(source, tr("it is neither a file nor a folder"));
    }
    // Bytewise on the UTF-8 names: the same folder always gives the same zip.
    std::sort(items.begin(), items.end(),
              [](const Item &a, const Item &b) { return a.name.toUtf8() < b.name.toUtf8(); });
    std::sort(summary.skipped.begin(), summary.skipped.end(),
              [](const QString &a, const QString &b) { return a.toUtf8() < b.toUtf8(); });

    qint64 bytesTotal = 0;
    for (const Item &item : items)
        bytesTotal += item.size;
    auto cancelled = [] {
        return Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"),
                           tr("Zipping cancelled; no zip was written."));
    };
    if (progress && !progress(0, bytesTotal))
        return cancelled();

    QSaveFile out(zipPath);
    if (!out.open(QIODevice::WriteOnly))
        return writeError(zipPath, out.errorString());
    QuaZip zip(&out);
    zip.setAutoClose(false);  // QSaveFile is committed, never closed
    zip.setUtf8Enabled(true);
    zip.setOsCode(OsUnix);
    zip.setDataDescriptorWritingEnabled(false);
    if (!zip.open(QuaZip::mdCreate))
        return writeError(zipPath, tr("the zip cannot be started (error %1)").arg(zip.getZipError()));
    auto fail = [&](const Error &error) -> Result<ZipSummary> {
        zip.close();
        out.cancelWriting();
        return error;
    };

    const QDateTime dosEpoch(QDate(1980, 1, 1), QTime(0, 0));
    const QDateTime dosEnd(QDate(2107, 12, 31), QTime(23, 59, 58));
    QByteArray buffer(ChunkBytes, Qt::Uninitialized);
    for (const Item &item : items) {
        QuaZipNewInfo info(item.name);
        const QFileInfo fileInfo(item.path);
        // DOS times hold even seconds from 1980 to 2107; a time outside (reproducible builds
        // often stamp files with the Unix epoch) would wrap into garbage, so it is clamped.
        info.dateTime = qBound(dosEpoch, fileInfo.lastModified(), dosEnd);
        info.setPermissions(item.isDirectory || fileInfo.isExecutable()
                                ? QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                    | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther
                                : QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        zip.setZip64Enabled(item.size >= Zip64Threshold);
        QuaZipFile entry(&zip);
        if (!entry.open(QIODevice::WriteOnly, info, nullptr, 0, item.isDirectory ? 0 : Z_DEFLATED))
            return fail(writeError(zipPath, tr("the entry \"%1\" cannot be added").arg(item.name)));
        if (!item.isDirectory) {
            QFile in(item.path);
            if (!in.open(QIODevice::ReadOnly)) {
                entry.close();
                return fail(readError(item.path, in.errorString()));
            }
            for (;;) {
                const qint64 got = in.read(buffer.data(), buffer.size());
                if (got < 0) {
                    entry.close();
                    return fail(readError(item.path, in.errorString()));
                }
                if (got == 0)
                    break;
                if (entry.write(buffer.constData(), got) != got) {
                    entry.close();
                    return fail(writeError(zipPath, out.errorString()));
                }
                summary.bytes += got;
                if (progress && !progress(summary.bytes, bytesTotal)) {
                    entry.close();
                    return fail(cancelled());
                }
            }
            ++summary.files;
        }
        entry.close();
        if (entry.getZipError() != 0)
            return fail(writeError(zipPath, tr("the entry \"%1\" cannot be finished").arg(item.name)));
    }
    zip.close();
    if (zip.getZipError() != 0) {
        out.cancelWriting();
        return writeError(zipPath, tr("the zip's directory cannot be written"));
    }
    if (!out.commit())
        return writeError(zipPath, out.errorString());
    return summary;
}

}  // namespace jobdesk::archive
