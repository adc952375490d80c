#include "gui/clipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

namespace jobdesk::gui {

namespace {
// KDE's Klipper and most Linux clipboard managers skip entries with this hint;
// on Windows and macOS the platform plugin maps it to their own "concealed" types.
const QString kPasswordManagerHint = QStringLiteral("x-kde-passwordManagerHint");
}

void Clipboard::copyText(const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
}

QMimeData *Clipboard::concealedMimeData(const Secret &secret)
{
    auto *data = new QMimeData;
    data->setText(secret.revealText());
    data->setData(kPasswordManagerHint, QByteArrayLiteral("secret"));
    // What Windows clipboard history and cloud sync honour.
    data->setData(QStringLiteral("ExcludeClipboardContentFromMonitorProcessing"), QByteArrayLiteral("1"));
    data->setData(QStringLiteral("CanIncludeInClipboardHistory"), QByteArray(4, '\0'));
    // macOS pasteboard convention for concealed content.
    data->setData(QStringLiteral("application/x-nspasteboard-concealed-type"), secret.reveal());
    return data;
}

bool Clipboard::isConcealed(const QMimeData *data)
{
    return data && data->data(kPasswordManagerHint) == QByteArrayLiteral("secret");
}

void Clipboard::copySecret(const Secret &secret)
{
    QGuiApplication::clipboard()->setMimeData(concealedMimeData(secret));
}

}  // namespace jobdesk::gui
