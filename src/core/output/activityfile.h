#pragma once

// Each profile's record of the actions JobDesk took on jobs: one JSON object per line
// (JSON Lines), one owner-only file per profile in an owner-only folder. Lines are only
// ever appended; reading is bounded and survives damaged lines.

#include "core/output/activityentry.h"
#include "core/result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace jobdesk::output {

class ActivityFile
{
    Q_DECLARE_TR_FUNCTIONS(jobdesk::output::ActivityFile)

public:
    struct Contents
    {
        QList<ActivityEntry> entries;  // oldest first
        int unreadableLines = 0;       // not JSON, not an entry, or longer than maxLineBytes()
        int olderEntriesLeftOut = 0;   // readable entries before the newest maxEntries()
    };

    explicit ActivityFile(QString directory = defaultDirectory());

    // QStandardPaths::AppDataLocation + "/activity".
    static QString defaultDirectory();
    QString directory() const { return m_directory; }

    // The profile's file in directory(): a name safe on every platform whatever the
    // profile is called (percent-encoded, capitals too, so that two profiles differing
    // only in case stay apart on case-insensitive file systems), ending in ".jsonl".
    QString pathFor(const QString &profile) const;
    static QString fileNameFor(const QString &profile);

    // Appends one line to entry.profile's file; never rewrites what is there.
    Status append(const ActivityEntry &entry) const;
    // A missing file is an empty list; bad lines are counted, not fatal.
    Result<Contents> read(const QString &profile) const;

    static constexpr qsizetype maxLineBytes() { return qsizetype(64) * 1024; }
    static constexpr int maxEntries() { return 10000; }

private:
    QString m_directory;
};

}  // namespace jobdesk::output
