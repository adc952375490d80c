#pragma once

// Zips a file or a folder into an output artifact. The same input gives the same bytes:
// entries sorted bytewise by name, fixed attributes, times from the files.

#include "core/result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

namespace jobdesk::archive {

struct ZipSummary
{
    int files = 0;
    qint64 bytes = 0;     // uncompressed bytes zipped
    QStringList skipped;  // '/' paths under the folder left out: symbolic links, devices, pipes
};

class ZipWriter
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::archive::ZipWriter)

public:
    // Zips source: a file is stored under its file name; a folder's files are stored
    // under their '/' paths relative to it, sorted bytewise by their UTF-8 (empty folders
    // are kept as directory entries). Symbolic links inside the folder are skipped, not
    // followed, and listed in ZipSummary::skipped: a link could pull files from outside
    // the folder into an artifact; a source that is itself a link is refused. The zip may
    // not lie inside the folder. Written through a QSaveFile, so a failed or cancelled run
    // leaves no partial zip. progress(bytesDone, bytesTotal); returning false cancels with
    // a Cancelled error.
    static Result<ZipSummary> zip(const QString &source, const QString &zipPath,
                                  const std::function<bool(qint64, qint64)> &progress = {});
};

}  // namespace jobdesk::archive
