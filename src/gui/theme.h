#pragma once

// The window's colours: the system's own palette, or a light or dark one of
// ours on the Fusion style, chosen in Settings and switched without a restart.
// Also the few tints of our own (error text) that must read on either.

#include <QColor>
#include <QString>

class QPalette;

namespace jobdesk::gui {

class Theme
{
public:
    enum class Choice { System, Light, Dark };

    // Remembers the system's style and palette; call once, before apply().
    static void rememberSystemLook();
    static void apply(Choice choice);

    static bool isDark(const QPalette &palette);
    // The colour of a validation message under a field, for this palette.
    static QColor errorText(const QPalette &palette);
    // Amber for a notice that needs attention soon (credentials about to expire).
    static QColor warningText(const QPalette &palette);

    static QString key(Choice choice);  // as kept in the settings
    static Choice fromKey(const QString &key);
};

}  // namespace jobdesk::gui
