#pragma once

// Opens a page in the person's web browser for jobdesk-cli, which links no GUI module (so
// no QDesktopServices): the programs in $BROWSER first, as Python's webbrowser (the AWS
// CLI's) takes them, then the desktop's own opener, each started detached.

#include <QList>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

namespace jobdesk::cli {

class BrowserOpener
{
public:
    // The programs and arguments open() tries, in order: each entry of $BROWSER (split on
    // the path separator, empty ones skipped) with the URL as its one argument, then
    // xdg-open, open (macOS) or url.dll's FileProtocolHandler (Windows).
    static QList<QStringList> commands(const QUrl &url, const QProcessEnvironment &env);
    // Starts the first command that can be started; false when none could be. Whether a
    // browser then shows the page is not known here.
    static bool open(const QUrl &url, const QProcessEnvironment &env);
};

}  // namespace jobdesk::cli
