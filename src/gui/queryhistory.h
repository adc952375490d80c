#pragma once

// The JMESPath expressions recently used with each profile, newest first, kept
// in the settings for the query bar's completer. Expressions only, never results;
// the query bar keeps out any expression that holds one of the job's secrets.

#include <QString>
#include <QStringList>

namespace jobdesk::gui {

class QueryHistory
{
public:
    static constexpr int kMaxEntries = 30;

    // profile may be empty: documents opened from a file or pasted share one list.
    static QStringList expressions(const QString &profile);
    // Puts expression first in the profile's list (once), dropping the oldest past kMaxEntries.
    static void add(const QString &profile, const QString &expression);
    static void clear();
};

}  // namespace jobdesk::gui
