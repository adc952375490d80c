#pragma once

// Files only their owner may open: an export with live credentials. Unix mode bits
// say nothing on Windows, where the access control list decides.

#include "core/result.h"

#include <QString>

class QFileDevice;

namespace jobdesk::platform {

class FileSecurity
{
public:
    // Restricts the open file to its owner before anything secret is written to it.
    // It works on the open handle, so with a QSaveFile it is the temporary file that
    // changes, and the rename on commit keeps it.
    // - POSIX: mode 0600 (fchmod).
    // - Windows: a DACL with one entry, full control for the current user's SID,
    //   protected so the folder's inherited entries (Users, Administrators) drop away.
    static Status restrictToOwner(QFileDevice &file);

    // Whether only the owner has access: no group or other mode bits on POSIX; on
    // Windows a protected DACL whose entries all name the current user.
    static bool isOwnerOnly(const QString &path);

private:
    static Error failure(const QString &path, const QString &reason);
};

}  // namespace jobdesk::platform
