#include "gui/dialoghooks.h"

#include <QDesktopServices>
#include <QMessageBox>

namespace jobdesk::gui {

bool DialogHooks::askToConfirm(QWidget *parent, const QString &question) const
{
    if (confirm)
        return confirm(question);
    return QMessageBox::warning(parent, tr("JobDesk"), question, QMessageBox::Yes | QMessageBox::Cancel,
                                QMessageBox::Cancel)
        == QMessageBox::Yes;
}

void DialogHooks::showMessage(QWidget *parent, const QString &title, const QString &text) const
{
    if (message) {
        message(title, text);
        return;
    }
    QMessageBox::warning(parent, title, text);
}

bool DialogHooks::openInBrowser(const QUrl &url) const
{
    return openUrl ? openUrl(url) : QDesktopServices::openUrl(url);
}

}  // namespace jobdesk::gui
