#pragma once

// Decides whether an archive entry's name or a symlink's target is safe to write under
// the extraction folder, on every platform: no "..", no absolute or drive-relative names,
// no Windows-only escapes. Internal to the archive code; the extractor's first line of
// defence, checked before anything is written.

#include "core/result.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>

namespace jobdesk::archive {

class EntryPath
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::archive::EntryPath)

public:
    // The entry's path relative to the folder, '/' separated, with "." and empty
    // components dropped and backslashes read as separators (zips made on Windows use
    // them). An Error (code UnsafeArchiveEntry) names the entry and the reason.
    static Result<QString> relative(const QString &name);

    // Whether a symlink stored at linkPath (a relative() path) pointing at target stays
    // inside the folder. Absolute targets never do, nor targets that pass through another
    // of the archive's links (otherLinks, relative() paths): a chain of links that each
    // look harmless can still lead out. Compared case-insensitively, as macOS and Windows do.
    static bool targetStaysInside(const QString &linkPath, const QString &target, const QSet<QString> &otherLinks = {});

    // The key otherLinks holds for a relative() path.
    static QString linkKey(const QString &path) { return path.toCaseFolded(); }

    static Error unsafe(const QString &name, const QString &reason);
};

}  // namespace jobdesk::archive
