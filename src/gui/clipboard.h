#pragma once

// Copies to the system clipboard. Secrets carry the hints password managers
// set, so clipboard managers and history tools do not keep them.

#include "core/secret.h"

#include <QString>

class QMimeData;

namespace jobdesk::gui {

class Clipboard
{
public:
    static void copyText(const QString &text);
    static void copySecret(const Secret &secret);
    // The mime data copySecret() puts on the clipboard; exposed for tests.
    static QMimeData *concealedMimeData(const Secret &secret);
    static bool isConcealed(const QMimeData *data);
};

}  // namespace jobdesk::gui
