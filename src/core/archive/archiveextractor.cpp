#include "core/archive/archiveextractor.h"

#include "core/archive/archivereader.h"
#include "core/archive/entrypath.h"
#include "core/archive/zipdirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QSet>

namespace jobdesk::archive {

namespace {

// One entry to write, checked.
struct Planned
{
    int index = 0;     // in the central directory
    QString relative;  // EntryPath::relative() of its name
    ZipRecord record;
};

// What this run created, so that a cancel or an error takes it back.
struct Created
{
    QStringList files;
    QStringList directories;

    void rollBack() const
    {
        for (auto it = files.crbegin(); it != files.crend(); ++it)
            QFile::remove(*it);
        for (auto it = directories.crbegin(); it != directories.crend(); ++it)
            QDir().rmdir(*it);  // only while empty: never a folder that held something before
    }
};

bool existsNoFollow(const QFileInfo &info)
{
    return info.isSymLink() || info.exists();
}

Error ioError(const QString &path, const QString &why)
{
    return Error::make(Error::Kind::Io, QStringLiteral("FileWrite"),
                       ArchiveExtractor::tr("Cannot write \"%1\": %2").arg(QDir::toNativeSeparators(path), why));
}

Error cancelled()
{
    return Error::make(Error::Kind::Cancelled, QStringLiteral("Cancelled"),
                       ArchiveExtractor::tr("Extraction cancelled; the files it had written were removed."));
}

// Refuses a path under the folder that an existing symbolic link would redirect: the
// folder may already hold links, and writing through one writes somewhere else.
Status checkNoLinkOnTheWay(const QString &folder, const QString &relative, const QString &name)
{
    const QStringList parts = relative.split(QLatin1Char('/'));
    QString at = folder;
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        at += QLatin1Char('/') + parts.at(i);
        const QFileInfo info(at);
        if (info.isSymLink()) {
            return EntryPath::unsafe(name,
                                     ArchiveExtractor::tr("would be written through the existing symbolic link \"%1\"")
                                         .arg(QDir::toNativeSeparators(at)));
        }
        if (info.exists() && !info.isDir()) {
            return ioError(folder + QLatin1Char('/') + relative,
                           ArchiveExtractor::tr("\"%1\" is a file, not a folder").arg(QDir::toNativeSeparators(at)));
        }
    }
    return success();
}

// Creates the folders of relative under folder, noting each one it made.
Status makeFolders(const QString &folder, const QString &relative, Created &created)
{
    QString at = folder;
    for (const QString &part : relative.split(QLatin1Char('/'))) {
        at += QLatin1Char('/') + part;
        const QFileInfo info(at);
        if (info.isSymLink())
            return ioError(at, ArchiveExtractor::tr("a symbolic link is in the way"));
        if (info.isDir())
            continue;
        if (info.exists())
            return ioError(at, ArchiveExtractor::tr("a file is in the way of a folder"));
        if (!QDir().mkdir(at))
            return ioError(at, ArchiveExtractor::tr("the folder cannot be created"));
        created.directories.append(at);
    }
    return success();
}

QFile::Permissions executableBits(quint32 unixMode)
{
    QFile::Permissions extra;
    if (unixMode & 0100)
        extra |= QFile::ExeOwner | QFile::ExeUser;
    if (unixMode & 0010)
        extra |= QFile::ExeGroup;
    if (unixMode & 0001)
        extra |= QFile::ExeOther;
    return extra;
}

// Picks the records to extract: all, or the named entries and what is under named folders.
Result<QList<int>> select(const QList<ZipRecord> &records, const QStringList &wanted)
{
    QList<int> picked;
    if (wanted.isEmpty()) {
        for (int i = 0; i < records.size(); ++i)
            picked.append(i);
        return picked;
    }
    QSet<QString> matched;
    for (int i = 0; i < records.size(); ++i) {
        const QString &name = records.at(i).entry.name;
        for (const QString &w : wanted) {
            QString folder = w;
            while (folder.endsWith(QLatin1Char('/')))
                folder.chop(1);
            if (name == w || (!folder.isEmpty() && name.startsWith(folder + QLatin1Char('/')))) {
                picked.append(i);
                matched.insert(w);
                break;
            }
        }
    }
    for (const QString &w : wanted) {
        if (!matched.contains(w)) {
            return Error::make(Error::Kind::Validation, ArchiveReader::EntryNotFound(),
                               ArchiveReader::tr("The archive has no entry named \"%1\".").arg(w));
        }
    }
    return picked;
}

// Every check that needs no disk: names, duplicates, links, sizes. Nothing is written
// before all of them pass.
Result<QList<Planned>> plan(const QList<ZipRecord> &records, const QList<int> &picked, const ExtractOptions &options)
{
    QList<Planned> planned;
    QHash<QString, bool> seen;  // relative path -> is a directory
    QSet<QString> links;
    qint64 total = 0;
    for (const int i : picked) {
        const ZipRecord &record = records.at(i);
        const ArchiveEntry &entry = record.entry;
        auto relative = EntryPath::relative(entry.name);
        if (!relative)
            return relative.error();
        if (!entry.isDirectory) {
            if (const Error why = ZipDirectory::unreadable(entry, record.method); !why.code.isEmpty())
                return why;
        }
        if (const auto it = seen.constFind(relative.value()); it != seen.cend()) {
            if (!(it.value() && entry.isDirectory))
                return EntryPath::unsafe(entry.name, ArchiveExtractor::tr("appears twice in the archive"));
            continue;
        }
        seen.insert(relative.value(), entry.isDirectory);
        if (entry.isSymlink)
            links.insert(EntryPath::linkKey(relative.value()));
        if (!entry.isDirectory) {
            if (entry.size > options.maxTotalBytes - total) {
                return Error::make(
                    Error::Kind::Validation, ArchiveExtractor::TooLarge(),
                    ArchiveExtractor::tr("Nothing was extracted: the archive would unpack to more than %1 bytes "
                                         "(reached at \"%2\").")
                        .arg(options.maxTotalBytes)
                        .arg(entry.name),
                    ArchiveExtractor::tr("Extract fewer entries, or raise the limit if the artifact is "
                                         "known to be this large."));
            }
            total += entry.size;
        }
        planned.append(Planned{i, relative.value(), record});
    }
    // A later entry under a file or a link of the archive would be written through it.
    for (const Planned &p : planned) {
        QStringList parts = p.relative.split(QLatin1Char('/'));
        parts.removeLast();
        QString prefix;
        for (const QString &part : parts) {
            prefix += (prefix.isEmpty() ? QString() : QStringLiteral("/")) + part;
            if (links.contains(EntryPath::linkKey(prefix))) {
                return EntryPath::unsafe(
                    p.record.entry.name,
                    ArchiveExtractor::tr("would be written through the archive's symbolic link \"%1\"").arg(prefix));
            }
            if (const auto it = seen.constFind(prefix); it != seen.cend() && !it.value()) {
                return EntryPath::unsafe(p.record.entry.name,
                                         ArchiveExtractor::tr("lies under \"%1\", which is a file").arg(prefix));
            }
        }
        if (p.record.entry.isSymlink) {
            QSet<QString> others = links;
            others.remove(EntryPath::linkKey(p.relative));
            if (!EntryPath::targetStaysInside(p.relative, p.record.entry.linkTarget, others)) {
                return EntryPath::unsafe(p.record.entry.name,
                                         ArchiveExtractor::tr("is a symbolic link to \"%1\", outside the folder")
                                             .arg(p.record.entry.linkTarget));
            }
        }
    }
    return planned;
}

// What is already on disk: links on the way, files in the place of entries.
Status checkDisk(const QString &folder, const QList<Planned> &planned, bool overwrite)
{
    for (const Planned &p : planned) {
        if (const Status s = checkNoLinkOnTheWay(folder, p.relative, p.record.entry.name); !s)
            return s;
        const QString path = folder + QLatin1Char('/') + p.relative;
        const QFileInfo info(path);
        if (!existsNoFollow(info))
            continue;
        if (p.record.entry.isDirectory) {
            if (info.isDir() && !info.isSymLink())
                continue;
            return ioError(path, ArchiveExtractor::tr("something other than a folder already has this name"));
        }
        if (info.isDir() && !info.isSymLink())
            return ioError(path, ArchiveExtractor::tr("a folder already has this name"));
        if (!overwrite) {
            return Error::make(Error::Kind::Io, ArchiveExtractor::FileExists(),
                               ArchiveExtractor::tr("Nothing was extracted: \"%1\" already exists.")
                                   .arg(QDir::toNativeSeparators(path)),
                               ArchiveExtractor::tr("Choose an empty folder, or allow replacing existing files."));
        }
    }
    return success();
}

}  // namespace

Result<ExtractSummary> ArchiveExtractor::extract(const QString &zipPath, const QString &folder,
                                                 const ExtractOptions &options,
                                                 const std::function<bool(qint64, qint64)> &progress)
{
    QFile file(zipPath);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error::make(Error::Kind::Io, ArchiveReader::FileOpen(),
                           tr("Cannot open \"%1\": %2").arg(QDir::toNativeSeparators(zipPath), file.errorString()));
    }
    const ArchiveFormat format = ArchiveReader::detect(&file);
    if (format != ArchiveFormat::Zip) {
        return Error::make(Error::Kind::Validation, ArchiveReader::NotAnArchive(),
                           format == ArchiveFormat::Unknown
                               ? tr("This file is not a zip archive; nothing was extracted.")
                               : tr("JobDesk lists %1 archives but extracts only zip archives.")
                                     .arg(ArchiveReader::formatName(format)));
    }
    ZipDirectory zip(&file);
    if (const Status s = zip.open(); !s)
        return s.error();

    QList<ZipRecord> records;
    Error linkError;
    const Status listed = zip.forEach(
        [&](const ZipRecord &record) {
            ZipRecord r = record;
            if (r.entry.isSymlink) {
                if (const Error why = ZipDirectory::unreadable(r.entry, r.method); !why.code.isEmpty()) {
                    linkError = why;
                    return false;
                }
                if (const Status s = zip.readLinkTarget(r); !s) {
                    linkError = s.error();
                    return false;
                }
            }
            records.append(r);
            return true;
        },
        qMax(0, options.maxEntries));
    if (!listed) {
        Error e = listed.error();
        if (e.code == ArchiveReader::TooManyEntries()) {
            e.message = tr("Nothing was extracted: the archive holds more than %1 entries.").arg(options.maxEntries);
            e.code = TooManyEntries();
        }
        return e;
    }
    if (!linkError.code.isEmpty())
        return linkError;

    const auto picked = select(records, options.entries);
    if (!picked)
        return picked.error();
    const auto planned = plan(records, picked.value(), options);
    if (!planned)
        return planned.error();
    const QString root = QDir::cleanPath(QDir(folder).absolutePath());
    if (const Status s = checkDisk(root, planned.value(), options.overwrite); !s)
        return s.error();

    qint64 bytesTotal = 0;
    for (const Planned &p : planned.value())
        bytesTotal += p.record.entry.isDirectory || p.record.entry.isSymlink ? 0 : p.record.entry.size;

    Created created;
    ExtractSummary summary;
    auto fail = [&](const Error &error) -> Result<ExtractSummary> {
        created.rollBack();
        return error;
    };
    if (!QFileInfo(root).isDir()) {
        if (!QDir().mkpath(root))
            return ioError(root, tr("the folder cannot be created"));
        created.directories.append(root);
    }
    if (progress && !progress(0, bytesTotal))
        return fail(cancelled());

    // Files and folders in archive order, then the links: no entry can be written through
    // a link this run made.
    const QList<Planned> &todo = planned.value();
    int next = 0;
    Error failure;
    int index = -1;
    const Status walked = zip.forEach(
        [&](const ZipRecord &record) -> bool {
            ++index;
            if (next >= todo.size())
                return false;
            if (todo.at(next).index != index)
                return true;
            const Planned &p = todo.at(next++);
            const QString path = root + QLatin1Char('/') + p.relative;
            if (record.entry.isSymlink)
                return true;
            if (record.entry.isDirectory) {
                if (const Status s = makeFolders(root, p.relative, created); !s) {
                    failure = s.error();
                    return false;
                }
                ++summary.directories;
                return true;
            }
            QStringList parents = p.relative.split(QLatin1Char('/'));
            parents.removeLast();
            if (!parents.isEmpty()) {
                if (const Status s = makeFolders(root, parents.join(QLatin1Char('/')), created); !s) {
                    failure = s.error();
                    return false;
                }
            }
            const QFileInfo before(path);
            const bool existed = existsNoFollow(before);
            if (before.isSymLink() && !QFile::remove(path)) {
                failure = ioError(path, tr("the symbolic link in its place cannot be removed"));
                return false;
            }
            QSaveFile out(path);
            if (!out.open(QIODevice::WriteOnly)) {
                failure = ioError(path, out.errorString());
                return false;
            }
            const Status s = zip.readCurrent(p.record, -1, [&](const char *data, qint64 n) {
                if (out.write(data, n) != n)
                    return false;
                summary.bytes += n;
                return !progress || progress(summary.bytes, bytesTotal);
            });
            if (!s) {
                // The sink stops for a cancel or a failed write; only the file knows which.
                if (s.error().kind == Error::Kind::Cancelled)
                    failure = out.error() != QFileDevice::NoError ? ioError(path, out.errorString()) : cancelled();
                else
                    failure = s.error();
                out.cancelWriting();
                return false;
            }
            if (!out.commit()) {
                failure = ioError(path, out.errorString());
                return false;
            }
            if (!existed)
                created.files.append(path);
            ++summary.files;
            if (const QFile::Permissions exe = executableBits(p.record.unixMode))
                QFile::setPermissions(path, QFile::permissions(path) | exe);
            if (p.record.entry.modified.isValid()) {
                QFile stamp(path);
                if (stamp.open(QIODevice::Append))
                    stamp.setFileTime(p.record.entry.modified, QFileDevice::FileModificationTime);
            }
            return true;
        },
        qMax(0, options.maxEntries));
    if (!failure.code.isEmpty())
        return fail(failure);
    if (!walked)
        return fail(walked.error());

    for (const Planned &p : todo) {
        if (!p.record.entry.isSymlink)
            continue;
        const QString path = root + QLatin1Char('/') + p.relative;
        QStringList parents = p.relative.split(QLatin1Char('/'));
        parents.removeLast();
        if (!parents.isEmpty()) {
            if (const Status s = makeFolders(root, parents.join(QLatin1Char('/')), created); !s)
                return fail(s.error());
        }
        const QFileInfo before(path);
        if (existsNoFollow(before) && !QFile::remove(path))
            return fail(ioError(path, tr("the file in its place cannot be removed")));
        if (!QFile::link(p.record.entry.linkTarget, path))
            return fail(ioError(path, tr("the symbolic link cannot be created")));
        created.files.append(path);
        ++summary.symlinks;
    }
    return summary;
}

}  // namespace jobdesk::archive
